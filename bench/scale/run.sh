#!/usr/bin/env bash
# `make bench-scale` (usage: run.sh BIN): what the commands a manager runs
# after every 1:1 cost, on a large history and on a small one.
#
# Scale: a realistic large team (generate.py): 50 reports, 10 years of 1:1s
# at their cadences, 5,000 action items with their touches, and the same
# team with 1/4 and 1/2 of the years and items, for the growth line. For each
# size: wall time and peak RSS of `status`, `plan --days 1`, `agenda`,
# `check` and `met` (each `met` on a fresh copy of the data and state, the
# copy not timed, so the generated history never changes), next to Python's
# tomllib parsing the same history file (the whole python3 process, and the
# parse alone inside it). Each figure is the best of BENCH_RUNS runs
# (default 5) after one warm-up run: the machine's noise only ever adds time.
# Targets at full size: every read-only command <= 50 ms and <= 30 MiB,
# `met` <= 50 ms, cost linear in history size.
#
# Start-up: a CLI run after every 1:1 is mostly start-up, so `status` on the
# example team (config/example.toml, config/example-history.toml) is timed
# against `remind -q` on a file of five reminders, alternating one with the
# other BENCH_PAIRS times (default 30) so that both see the same machine;
# median and minimum of each and their ratio. Target: at most 2x remind.
#
# Times come from bench/scale/measure.py: perf_counter around spawning and
# reaping the command alone, and that process's own peak RSS (wait4). The
# clock is pinned (ONEONONE_NOW; remind gets the same date). Generated inputs
# are kept in ${BENCH_DIR:-.build-bench}/scale/FRACTION and made again only
# when generate.py changes.
set -euo pipefail
bin="$1"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${BENCH_DIR:-.build-bench}/scale"
runs="${BENCH_RUNS:-5}"
pairs="${BENCH_PAIRS:-30}"
export ONEONONE_NOW="2026-11-23T15:00:00Z"
today="2026-11-23"
member="carla" # a weekly report: the most 1:1s, notes and items of anyone
# The interpreter itself, not a wrapper script (pyenv's shims are bash).
python="$(python3 -c 'import sys; print(sys.executable)')"
measure=("$python" "$here/measure.py")
command -v remind >/dev/null || { echo "run.sh: remind is not installed (apt-get install remind)" >&2; exit 1; }
mkdir -p "$work"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The inputs, made again only when the generator (or the day) changed.
stamp="$(sha256sum "$here/generate.py" | cut -d' ' -f1) $today"
for fraction in 0.25 0.5 1; do
  dir="$work/$fraction"
  if [ ! -f "$dir/data/history.toml" ] || [ "$(cat "$dir/generator" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$dir"
    python3 "$here/generate.py" "$dir" "$fraction" "$today" >"$tmp/summary"
    echo "$stamp" >"$dir/generator"
    mv "$tmp/summary" "$dir/summary"
  fi
done
echo "oneonone bench-scale: $bin; best of $runs runs; ONEONONE_NOW=$ONEONONE_NOW"
label() { case "$1" in 0.25) echo 1/4 ;; 0.5) echo 1/2 ;; *) echo full ;; esac; }
for fraction in 0.25 0.5 1; do
  summary="$(cat "$work/$fraction/summary")"
  printf '  %-4s  %s\n' "$(label "$fraction")" "${summary#*history.toml: }"
done
rows="$tmp/rows"
# One line of the table (and of $rows, for the verdicts): the label, then
# the arguments of measure.py, which prints "ms MiB".
row() {
  local label="$1" out ms mib
  shift
  out="$("${measure[@]}" "$@")"
  read -r ms mib <<<"$out"
  printf '%-6s %10s  %-40s %8s %8s\n' "$size" "$mb" "$label" "$ms" "$mib"
  printf '%s\t%s\t%s\t%s\t%s\n' "$fraction" "$bytes" "$label" "$ms" "$mib" >>"$rows"
}
: >"$rows"
printf '%-6s %10s  %-40s %8s %8s\n' size history command ms MiB
for fraction in 0.25 0.5 1; do
  size="$(label "$fraction")"
  dir="$work/$fraction"
  history="$dir/data/history.toml"
  bytes=$(stat -c %s "$history")
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f MB", b / 1e6 }')
  # A fresh, empty state directory for each invocation (read-only
  # commands write nothing into it).
  rm -rf "$dir/state" && mkdir -p "$dir/state"
  opts=(--config "$dir/config.toml" --data-dir "$dir/data" --state-dir "$dir/state")
  row "oneonone status" best "$runs" -- "$bin" status "${opts[@]}"
  row "oneonone plan --days 1" best "$runs" -- "$bin" plan --days 1 "${opts[@]}"
  row "oneonone agenda $member" best "$runs" -- "$bin" agenda "$member" "${opts[@]}"
  row "oneonone check" best "$runs" -- "$bin" check "${opts[@]}"
  # met records into a copy of the data and state, made afresh (untimed)
  # before each run.
  export MET_FROM="$dir" MET_COPY="$tmp/met"
  row "oneonone met $member" best "$runs" \
    --before 'rm -rf "$MET_COPY" && mkdir -p "$MET_COPY" && cp -r "$MET_FROM/data" "$MET_FROM/state" "$MET_COPY/"' -- \
    "$bin" met "$member" --topics feedback --mood 4 --note "Talked about the Q1 roadmap" \
    --config "$dir/config.toml" --data-dir "$MET_COPY/data" --state-dir "$MET_COPY/state"
  row "python3 tomllib, whole process" best "$runs" -- \
    "$python" -c 'import sys, tomllib; tomllib.load(open(sys.argv[1], "rb"))' "$history"
  row "python3 tomllib, parse only" parse "$runs" "$history"
done
"${measure[@]}" targets "$rows"

# Start-up: the example team against remind, pair by pair.
world="$tmp/example"
mkdir -p "$world/data" "$world/state"
cp "$root/config/example.toml" "$world/config.toml"
cp "$root/config/example-history.toml" "$world/data/history.toml"
cat >"$world/reminders.rem" <<'EOF'
REM Mon AT 10:00 MSG 1:1 with Alice
REM Fri AT 11:00 MSG 1:1 with Bob
REM 2 AT 14:00 MSG 1:1 with Carla
REM Thu AT 15:00 MSG 1:1 with Dmytro
REM Mon AT 16:00 MSG 1:1 with Erin
EOF
out="$("${measure[@]}" pairs "$pairs" -- \
  "$bin" status --config "$world/config.toml" --data-dir "$world/data" --state-dir "$world/state" \
  ::: remind -q "$world/reminders.rem" "$today")"
read -r o_med o_min r_med r_min <<<"$out"
echo
printf '%-44s %10s %8s\n' "start-up: $pairs pairs, alternating" "median ms" "min ms"
printf '  %-42s %10s %8s\n' "oneonone status (example team)" "$o_med" "$o_min" \
  "remind -q (five reminders)" "$r_med" "$r_min"
awk -v om="$o_med" -v on="$o_min" -v rm="$r_med" -v rn="$r_min" 'BEGIN {
  printf "  %-42s %9.1fx %7.1fx   target <= 2x: %s\n", "ratio", om / rm, on / rn, (om / rm <= 2 ? "ok" : "MISSED") }'
