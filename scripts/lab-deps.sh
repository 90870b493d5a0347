#!/usr/bin/env bash
# The Debian packages the telephony lab needs (npm run test:lab, tsx lab/lab.ts up),
# checked by the file each provides. `lab-deps.sh ensure`: as root, installs what is
# missing (no recommends; the packages' services are not started or used);
# otherwise prints the exact command and exits 1. `lab-deps.sh list`: the names.
set -euo pipefail

# package  file-that-proves-it
DEPS=(
  "kamailio /usr/sbin/kamailio"
  "kamailio-websocket-modules /usr/lib/x86_64-linux-gnu/kamailio/modules/websocket.so"
  "kamailio-autheph-modules /usr/lib/x86_64-linux-gnu/kamailio/modules/auth_ephemeral.so"
  "rtpengine-daemon /usr/bin/rtpengine"
  "baresip-core /usr/bin/baresip"
  "sip-tester /usr/bin/sipp"
  "sox /usr/bin/sox"
  "chromium /usr/bin/chromium"
  "iproute2 /usr/sbin/ip"
  "iptables /usr/sbin/iptables"
  "util-linux /usr/bin/unshare"
)

missing=()
for d in "${DEPS[@]}"; do
  pkg=${d%% *}; file=${d#* }
  [ -e "$file" ] || missing+=("$pkg")
done

case "${1:-ensure}" in
  list) for d in "${DEPS[@]}"; do echo "${d%% *}"; done; exit 0 ;;
  ensure) ;;
  *) echo "usage: $0 [ensure|list]" >&2; exit 2 ;;
esac

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages for the lab: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages for the lab: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
