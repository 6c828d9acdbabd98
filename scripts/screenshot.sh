#!/bin/bash
# Takes the README's screenshot of a notification with its buttons: the
# daemon shows Bob's overdue 1:1 on a real notification server
# (xfce4-notifyd) on a virtual X screen (Xvfb) and a private session bus.
#
#   scripts/screenshot.sh BIN OUT.png     (make screenshot)
set -euo pipefail
bin=$1 out=$2
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

display=":$((RANDOM % 400 + 100))"
Xvfb "$display" -screen 0 460x190x24 >/dev/null 2>&1 & pids+=($!)
export DISPLAY=$display
read -r address bus < <(dbus-daemon --session --fork --nopidfile --print-address=1 --print-pid=1 | paste -sd' ')
pids+=("$bus")
export DBUS_SESSION_BUS_ADDRESS=$address
sleep 1
/usr/lib/x86_64-linux-gnu/xfce4/notifyd/xfce4-notifyd >/dev/null 2>&1 & pids+=($!)
sleep 2

mkdir -p "$work/data" "$work/state"
cat >"$work/config.toml" <<'TOML'
timezone = "America/New_York"
working_hours = "always"
digest = false
[team.bob]
name = "Bob Okafor"
cadence = "2w"
TOML
printf '[[met]]\nmember = "bob"\non = %s\n\n' "$(date -u -d '-17 days' +%F)" >"$work/data/history.toml"
# Overdue, but snoozed for two more seconds: it shows once the daemon is up.
printf '[[snooze]]\nsubject = "bob"\nuntil = %s\n\n' "$(date -u -d '+2 sec' +%FT%TZ)" >"$work/state/snoozes.toml"
"$bin" daemon --config "$work/config.toml" --data-dir "$work/data" --state-dir "$work/state" >/dev/null 2>&1 & pids+=($!)
sleep 4.5
# The notification sits in the top right corner; the rest is empty screen.
import -window root -crop 252x126+195+12 +repage "$out"
echo "wrote $out"
