#!/usr/bin/env bash
# `make run`: the daemon in the foreground on the example team and history.
# The history's dates are moved to today, and the demo lifts working hours
# ("always") so that its reminders fire within seconds at any hour; your own
# config keeps its working hours. Stop it with Ctrl-C.
set -euo pipefail
bin="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
demo="${ONEONONE_DEMO_DIR:-$(mktemp -d /tmp/oneonone-demo.XXXXXX)}"
mkdir -p "$demo/data" "$demo/state"
sed 's/^working_hours = .*/working_hours = "always"  # demo: fire at any hour/' \
  "$root/config/example.toml" > "$demo/config.toml"
python3 "$root/scripts/shift-dates.py" "$root/config/example-history.toml" "$demo/data/history.toml"
echo "demo files in $demo (config.toml, data/history.toml, state/)"
echo "try in another terminal:"
echo "  $bin status --config $demo/config.toml --data-dir $demo/data --state-dir $demo/state"
echo "  $bin met bob --config $demo/config.toml --data-dir $demo/data --state-dir $demo/state"
echo
exec "$bin" daemon --config "$demo/config.toml" --data-dir "$demo/data" --state-dir "$demo/state"
