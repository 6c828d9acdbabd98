#!/usr/bin/env python3
"""Parses the same document with our parser (in-process timing by toml-bench)
and with Python's tomllib, best of N runs each, and prints MB/s side by side."""
import subprocess
import sys
import time
import tomllib

RUNS = 5
bench, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
mb = len(data) / 1e6

ours = subprocess.run([bench, path, str(RUNS)], check=True, capture_output=True, text=True).stdout.split()
ours_bytes, ours_best = int(ours[0]), float(ours[1])
assert ours_bytes == len(data)

best = float("inf")
for _ in range(RUNS):
    start = time.perf_counter()
    text = data.decode("utf-8")
    tomllib.loads(text)
    best = min(best, time.perf_counter() - start)

ours_rate = mb / ours_best
py_rate = mb / best
print(f"document: {path} ({mb:.1f} MB), best of {RUNS} runs each, parse from memory")
print(f"{'parser':<22}{'seconds':>10}{'MB/s':>10}")
print(f"{'oneonone TOML':<22}{ours_best:>10.4f}{ours_rate:>10.1f}")
print(f"{'python3 tomllib':<22}{best:>10.4f}{py_rate:>10.1f}")
print(f"ratio: {ours_rate / py_rate:.1f}x tomllib (target: at least 20x)")
