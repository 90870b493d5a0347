#!/usr/bin/env bash
# Runs a command inside a fresh network namespace with only loopback up, so the
# telephony lab (Kamailio, rtpengine, baresip, sipp, Chromium, the test runner)
# can neither reach nor be reached from any network. Needs root (unshare --net).
#   bash scripts/lab-netns.sh npx vitest run --config lab/vitest.config.ts
#   bash scripts/lab-netns.sh npx tsx lab/lab.ts up
# When the command ends, every process still left in that namespace (all of
# them started by the command) is killed by PID, so a crashed test run leaves
# no Kamailio, rtpengine, baresip or Chromium behind.
# Already inside one (FIRSTLINE_LAB_NETNS=1): runs the command as it is.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS…]" >&2; exit 2; }
if [ "${FIRSTLINE_LAB_NETNS:-}" = 1 ]; then exec "$@"; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "lab-netns: needs root for 'unshare --net' (the lab runs on a loopback-only namespace)" >&2
  exit 1
fi
export FIRSTLINE_LAB_NETNS=1
exec unshare --net -- bash -c '
  ip link set lo up
  trap "" INT
  ( trap - INT; exec "$@" ) &
  child=$!
  trap "kill -INT $child 2>/dev/null || true" INT TERM
  set +e
  wait $child; rc=$?
  while kill -0 $child 2>/dev/null; do wait $child; rc=$?; done
  me=$(readlink /proc/self/ns/net)
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    [ "$pid" = $$ ] && continue
    [ "$(readlink "$d/ns/net" 2>/dev/null)" = "$me" ] || continue
    echo "lab-netns: killing leftover $(tr "\0" " " < "$d/cmdline" 2>/dev/null | cut -c1-80) (pid $pid)" >&2
    kill -KILL "$pid" 2>/dev/null || true
  done
  exit $rc
' lab-netns "$@"
