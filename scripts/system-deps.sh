#!/usr/bin/env bash
# The Debian packages Firstline's tests and lab need, checked by the binary each provides.
# `system-deps.sh ensure`: as root, installs what is missing (apt-get); otherwise prints the
# exact command to run and exits 1.  `system-deps.sh list`: prints the package names.
set -euo pipefail

# package  binary-that-proves-it
DEPS=(
  "chromium /usr/bin/chromium"
  "postgresql /usr/lib/postgresql/15/bin/initdb"
  "fonts-wqy-microhei /usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
)

missing=()
for d in "${DEPS[@]}"; do
  pkg=${d%% *}; bin=${d#* }
  [ -e "$bin" ] || missing+=("$pkg")
done

case "${1:-ensure}" in
  list) for d in "${DEPS[@]}"; do echo "${d%% *}"; done; exit 0 ;;
  ensure) ;;
  *) echo "usage: $0 [ensure|list]" >&2; exit 2 ;;
esac

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
