#!/usr/bin/env bash
# `make bench-scale`: wall time and peak RSS of status, plan and check on a
# synthetic team of 1,000 members with 10 years of weekly 1:1s and 100,000
# action items, at 1/4, 1/2 and full size. Reference in the same run:
# Python's tomllib loading the same history file (parse only, no logic).
set -euo pipefail
bin="$1"
work="${BENCH_DIR:-.build-bench}/scale"
root="$(cd "$(dirname "$0")/../.." && pwd)"
now="2026-11-23T15:00:00Z"
printf '%-8s %-28s %10s %12s\n' size command seconds "peak RSS MiB"
for fraction in 0.25 0.5 1; do
  dir="$work/$fraction"
  if [ ! -f "$dir/data/history.toml" ]; then
    python3 "$root/bench/scale/generate.py" "$dir" "$fraction" >/dev/null
  fi
  mb=$(( $(stat -c %s "$dir/data/history.toml") / 1000000 ))
  opts=(--config "$dir/config.toml" --data-dir "$dir/data" --state-dir "$dir/state")
  for cmd in "status" "plan --days 1" "check"; do
    # shellcheck disable=SC2086
    read -r secs kb < <(ONEONONE_NOW=$now /usr/bin/time -f "%e %M" "$bin" $cmd "${opts[@]}" 2>&1 >/dev/null | tail -1)
    printf '%-8s %-28s %10s %12s\n' "$fraction" "oneonone $cmd (${mb} MB)" "$secs" "$((kb / 1024))"
  done
  read -r secs kb < <(/usr/bin/time -f "%e %M" python3 -c "import tomllib,sys; tomllib.load(open(sys.argv[1],'rb'))" \
    "$dir/data/history.toml" 2>&1 >/dev/null | tail -1)
  printf '%-8s %-28s %10s %12s\n' "$fraction" "reference: python3 tomllib" "$secs" "$((kb / 1024))"
done
echo "targets: status <= 1 s, plan <= 0.2 s, peak RSS <= 200 MiB, linear growth"
