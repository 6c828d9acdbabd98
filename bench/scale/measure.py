#!/usr/bin/env python3
"""Times commands for bench/scale/run.sh: wall time (perf_counter, around
spawn and exit of the command alone, so this interpreter's own start-up is
not counted) and the peak RSS of that very process (wait4's rusage, not the
maximum over all children). A command that fails stops the benchmark with
its stderr.

usage:
  measure.py best RUNS [--before SHELLCMD] -- ARGV...
      one untimed warm-up run, then RUNS runs; prints the best wall time in
      ms and the peak RSS in MiB of that run. SHELLCMD (bash -c) runs
      before every run, untimed.
  measure.py pairs PAIRS -- ARGV_A... ::: ARGV_B...
      one warm-up of each, then A, B, A, B ... PAIRS times; prints the
      median and minimum ms of A, then of B.
  measure.py parse RUNS FILE
      tomllib.load(FILE) RUNS times in this process; prints the best ms and
      this process's peak RSS in MiB.
  measure.py targets ROWS
      the verdicts for the rows run.sh wrote (tab-separated: fraction,
      history bytes, command, ms, MiB)."""
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run(argv, before=None):
    """Runs argv once; returns (ms, MiB)."""
    if before:
        subprocess.run(["bash", "-c", before], check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryFile() as err:
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                   (os.POSIX_SPAWN_DUP2, err.fileno(), 2)]
        t0 = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        ms = (time.perf_counter() - t0) * 1000
        if status != 0:
            err.seek(0)
            sys.stderr.write(err.read().decode(errors="replace"))
            sys.exit(f"measure.py: {' '.join(argv)}: exit status {os.waitstatus_to_exitcode(status)}")
    return ms, usage.ru_maxrss / 1024


def best(args):
    runs = int(args.pop(0))
    before = None
    if args[0] == "--before":
        before = args[1]
        args = args[2:]
    assert args.pop(0) == "--"
    run(args, before)
    ms, mib = min(run(args, before) for _ in range(runs))
    print(f"{ms:.1f} {mib:.1f}")


def pairs(args):
    n = int(args.pop(0))
    assert args.pop(0) == "--"
    sep = args.index(":::")
    a, b = args[:sep], args[sep + 1:]
    run(a), run(b)
    times = {0: [], 1: []}
    for _ in range(n):
        for k, argv in enumerate((a, b)):
            times[k].append(run(argv)[0])
    print(" ".join(f"{statistics.median(times[k]):.2f} {min(times[k]):.2f}" for k in (0, 1)))


def parse(args):
    import resource
    import tomllib
    runs, path = int(args[0]), args[1]
    ms = []
    for _ in range(runs):
        t0 = time.perf_counter()
        with open(path, "rb") as f:
            tomllib.load(f)
        ms.append((time.perf_counter() - t0) * 1000)
    print(f"{min(ms):.1f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")


def targets(args):
    rows = [line.rstrip("\n").split("\t") for line in open(args[0])]
    by = {(f, c): (int(b), float(ms), float(mib)) for f, b, c, ms, mib in rows}
    sizes = sorted({f for f, *_ in rows}, key=float)
    small, full = sizes[0], sizes[-1]
    name = {"0.25": "1/4", "0.5": "1/2", "1": "full"}
    print("targets at full size: every read-only command <= 50 ms and <= 30 MiB, met <= 50 ms;\n"
          f"  cost linear in history size: from size {name.get(small, small)} to {name.get(full, full)}, ms and MiB grow at most as much as the\n"
          "  history (+10% for noise)")
    missed = 0
    for f, _, c, _, _ in rows:
        if f != full or not c.startswith("oneonone "):
            continue
        size, ms, mib = by[(f, c)]
        size0, ms0, mib0 = by[(small, c)]
        grows = size / size0
        checks = [(f"{ms:.1f} ms", ms <= 50)]
        if not c.startswith("oneonone met"):
            checks.append((f"{mib:.1f} MiB", mib <= 30))
        checks.append((f"x{ms / ms0:.1f} time, x{mib / mib0:.1f} memory for x{grows:.1f} history",
                       ms / ms0 <= grows * 1.1 and mib / mib0 <= grows * 1.1))
        missed += sum(not ok for _, ok in checks)
        print(f"  {c:<28} " + "   ".join(f"{text} {'ok' if ok else 'MISSED'}" for text, ok in checks))
    print("  every target met" if missed == 0 else f"  {missed} missed")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("best", "pairs", "parse", "targets"):
        sys.exit(__doc__)
    globals()[sys.argv[1]](sys.argv[2:])
