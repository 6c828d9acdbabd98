#!/usr/bin/env python3
"""Writes a synthetic large team: a config with MEMBERS members and a history
of ten years of weekly 1:1s each plus ACTIONS action items (with touches),
scaled by FRACTION (1, 0.5, 0.25) — the input of `make bench-scale`.

usage: generate.py OUTDIR [FRACTION] [TODAY]"""
import datetime
import os
import random
import sys

out = sys.argv[1]
fraction = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
today = datetime.date.fromisoformat(sys.argv[3]) if len(sys.argv) > 3 else datetime.date(2026, 11, 23)
MEMBERS = 1000
YEARS = 10
ACTIONS = int(100_000 * fraction)
rng = random.Random(7)
os.makedirs(out + "/data", exist_ok=True)
os.makedirs(out + "/state", exist_ok=True)

zones = ["America/New_York", "Europe/Kyiv", "Europe/Berlin", "Asia/Tokyo", "America/Sao_Paulo"]
with open(out + "/config.toml", "w") as f:
    f.write('timezone = "America/New_York"\nworking_hours = "Mon-Fri 09:00-17:30"\n\n')
    f.write('[defaults]\ncadence = "1w"\nslack = "2d"\n\n[topics]\ncareer = "90d"\nfeedback = "30d"\n\n')
    for m in range(MEMBERS):
        f.write(f'[team.m{m:04d}]\nname = "Member {m:04d}"\ntimezone = "{zones[m % len(zones)]}"\n')
        if m % 7 == 0:
            f.write('cadence = "2w"\n')
        if m % 11 == 0:
            f.write('cadence = "auto"\n' if m % 7 else '')
        f.write("\n")

start = today - datetime.timedelta(days=int(365 * YEARS * fraction))
records = []
for m in range(MEMBERS):
    d = start + datetime.timedelta(days=rng.randint(0, 6))
    while d <= today:
        records.append((d, "met", m))
        d += datetime.timedelta(days=rng.choice([7, 7, 7, 6, 8, 14]))
records.sort()
days = (today - start).days
with open(out + "/data/history.toml", "w") as f:
    f.write("# synthetic history for make bench-scale\n\n")
    next_id = 1
    action_every = max(1, len(records) // ACTIONS)
    for i, (d, kind, m) in enumerate(records):
        f.write(f'[[met]]\nmember = "m{m:04d}"\non = {d.isoformat()}\n')
        if i % 3 == 0:
            f.write('note = "Talked about \\"the roadmap\\" and hiring"\ntopics = ["career"]\n')
        if i % 5 == 0:
            f.write(f"mood = {rng.randint(2, 5)}\n")
        f.write("\n")
        if i % action_every == 0 and next_id <= ACTIONS:
            aid = next_id
            next_id += 1
            f.write(f'[[action]]\nid = "{aid}"\nmember = "m{m:04d}"\ntext = "Follow up on item {aid}"\n'
                    f'owner = "{"me" if aid % 2 else "them"}"\ncreated = {d.isoformat()}\n')
            if aid % 4 == 0:
                f.write(f"due = {(d + datetime.timedelta(days=14)).isoformat()}\n")
            f.write("\n")
            if (today - d).days > 30 and aid % 10 != 0:
                f.write(f'[[touch]]\naction = "{aid}"\nkind = "done"\non = {(d + datetime.timedelta(days=7)).isoformat()}\n\n')
print(out, len(records), "meetings", min(ACTIONS, next_id - 1), "actions",
      os.path.getsize(out + "/data/history.toml") // 1_000_000, "MB")
