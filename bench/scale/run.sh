#!/usr/bin/env bash
# `make bench-scale`: wall time and peak RSS of status, plan and check on a
# synthetic team of 1,000 members with 10 years of weekly 1:1s and 100,000
# action items, at 1/4, 1/2 and full size. Reference in the same run:
# Python's tomllib loading the same history file (parse only, no logic).
#
# status and plan are measured three ways: reading the history's text (the
# first command after a hand edit; the snapshot is deleted before each run),
# reading the snapshot that command leaves (every later command), and right
# after `met` recorded a 1:1 (on a copy of the data: the snapshot met leaves,
# checked against the text's hash). met itself is timed too. check always
# reads the text. Each figure is the best of BENCH_RUNS runs (default 3): the
# machine's noise only ever adds time.
set -euo pipefail
bin="$1"
work="${BENCH_DIR:-.build-bench}/scale"
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${BENCH_RUNS:-3}"
now="2026-11-23T15:00:00Z"

# Best wall time and the peak RSS of that run, over $runs runs of "$@";
# with FRESH set, the snapshot is deleted before each run; with BEFORE set,
# that command runs (untimed) before each run.
best() {
  local best_secs="" best_kb=""
  for _ in $(seq "$runs"); do
    if [ -n "${FRESH:-}" ]; then rm -f "$state/history.snapshot"; fi
    # shellcheck disable=SC2086
    if [ -n "${BEFORE:-}" ]; then ONEONONE_NOW=$now $BEFORE >/dev/null; fi
    read -r secs kb < <(ONEONONE_NOW=$now /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1)
    if [ -z "$best_secs" ] || awk "BEGIN { exit !($secs < $best_secs) }"; then best_secs=$secs; best_kb=$kb; fi
  done
  echo "$best_secs $((best_kb / 1024))"
}

printf '%-8s %-44s %10s %12s\n' size command seconds "peak RSS MiB"
for fraction in 0.25 0.5 1; do
  dir="$work/$fraction"
  if [ ! -f "$dir/data/history.toml" ]; then
    python3 "$root/bench/scale/generate.py" "$dir" "$fraction" >/dev/null
  fi
  state="$dir/state"
  # A snapshot is only taken of a history left alone for 3 seconds.
  age=$(( $(date +%s) - $(stat -c %Z "$dir/data/history.toml") ))
  if [ "$age" -lt 4 ]; then sleep $(( 4 - age )); fi
  mb=$(( $(stat -c %s "$dir/data/history.toml") / 1000000 ))
  opts=(--config "$dir/config.toml" --data-dir "$dir/data" --state-dir "$state")
  # A copy to record 1:1s in, leaving the generated history as it is.
  copy="$work/$fraction-changed"
  rm -rf "$copy" && mkdir -p "$copy" && cp -r "$dir/data" "$copy/data"
  changed=(--config "$dir/config.toml" --data-dir "$copy/data" --state-dir "$copy/state")
  met="$bin met m0001 --on 2026-11-23 ${changed[*]}"
  for cmd in "status" "plan --days 1"; do
    # shellcheck disable=SC2086
    read -r secs mib < <(FRESH=1 best "$bin" $cmd "${opts[@]}")
    printf '%-8s %-44s %10s %12s\n' "$fraction" "oneonone $cmd (${mb} MB), text" "$secs" "$mib"
    # shellcheck disable=SC2086
    read -r secs mib < <(best "$bin" $cmd "${opts[@]}")
    printf '%-8s %-44s %10s %12s\n' "$fraction" "oneonone $cmd (${mb} MB), snapshot" "$secs" "$mib"
    # shellcheck disable=SC2086
    read -r secs mib < <(BEFORE="$met" best "$bin" $cmd "${changed[@]}")
    printf '%-8s %-44s %10s %12s\n' "$fraction" "oneonone $cmd (${mb} MB), after met" "$secs" "$mib"
  done
  # shellcheck disable=SC2086
  read -r secs mib < <(best $met)
  printf '%-8s %-44s %10s %12s\n' "$fraction" "oneonone met (${mb} MB)" "$secs" "$mib"
  rm -rf "$copy"
  read -r secs mib < <(best "$bin" check "${opts[@]}")
  printf '%-8s %-44s %10s %12s\n' "$fraction" "oneonone check (${mb} MB)" "$secs" "$mib"
  read -r secs mib < <(runs=1 best python3 -c "import tomllib,sys; tomllib.load(open(sys.argv[1],'rb'))" \
    "$dir/data/history.toml")
  printf '%-8s %-44s %10s %12s\n' "$fraction" "reference: python3 tomllib, parse only" "$secs" "$mib"
done
echo "targets: status <= 1 s, plan <= 0.2 s, peak RSS <= 200 MiB, linear growth"
