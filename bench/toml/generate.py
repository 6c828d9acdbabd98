#!/usr/bin/env python3
"""Writes a deterministic ~10 MB TOML document with a realistic mix:
tables, arrays of tables, strings with escapes, numbers, dates and times.
It looks like a large oneonone history: members, meetings, action items."""
import random
import sys

TARGET = int(sys.argv[2]) if len(sys.argv) > 2 else 10 * 1024 * 1024
rng = random.Random(20261123)
WORDS = ("career growth feedback promo plan roadmap hiring review budget "
         "offsite onboarding oncall incident retro design spec launch "
         "Kovalenko Müller naïve café 日本 déjà-vu").split()


def sentence(n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def basic(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


out = []
size = 0


def emit(line):
    global size
    out.append(line)
    size += len(line.encode()) + 1


emit("# synthetic benchmark document")
emit('title = "oneonone history"')
emit("version = 3")
emit("generated = 2026-11-23T09:00:00Z")
emit("")
m = 0
while size < TARGET:
    m += 1
    key = f"member-{m:05d}"
    emit(f"[team.{key}]")
    emit(f"name = {basic(sentence(2).title())}")
    emit(f'cadence = "{rng.choice(["1w", "2w", "monthly"])}"')
    emit(f"since = 20{rng.randint(10, 26):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    emit(f"weight = {rng.uniform(0, 100):.3f}")
    emit(f"flags = 0x{rng.randint(0, 0xFFFF):04X}")
    emit(f"tags = [{', '.join(basic(w) for w in rng.sample(WORDS, 3))}]")
    emit(f"away = [{{ from = 2026-12-{rng.randint(1, 20):02d}, to = 2027-01-0{rng.randint(1, 9)}, why = \"vacation\" }}]")
    emit("")
    for j in range(rng.randint(3, 8)):
        emit("[[meeting]]")
        emit(f'member = "{key}"')
        emit(f"at = 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(8, 17):02d}:{rng.choice(['00', '30'])}:00-05:00")
        emit(f"mood = {rng.randint(1, 5)}")
        emit(f"note = \"{sentence(8)}\\n\\tfollow up: \\\"{sentence(2)}\\\" \\u00e9\"")
        emit(f"topics = [\"career\", \"feedback\"]")
        emit(f"duration = {rng.randint(15, 60)}_000")
        emit(f"local_start = {rng.randint(8, 17):02d}:00:00.{rng.randint(0, 999):03d}")
        emit("")
    for j in range(rng.randint(1, 4)):
        emit("[[action]]")
        emit(f'id = "a{m:05d}{j}"')
        emit(f'member = "{key}"')
        emit(f"text = '''{sentence(10)}'''")
        emit(f'owner = "{rng.choice(["me", "them"])}"')
        emit(f"due = 2027-0{rng.randint(1, 9)}-{rng.randint(10, 28)}")
        emit(f"created = 2026-{rng.randint(1, 12):02d}-{rng.randint(10, 28)}T10:00:00")
        emit(f"score = {rng.uniform(-1e6, 1e6):.6e}")
        emit("")

with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
