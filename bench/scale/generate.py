#!/usr/bin/env python3
"""The input of `make bench-scale`: a realistic large team and its history.

usage: generate.py OUTDIR FRACTION [TODAY]

Writes OUTDIR/config.toml, a manager in New York with 50 reports (cadences
1w, 2w, monthly and auto; zones New York, Los Angeles, Berlin, Kyiv and
Tokyo; some away periods; a few who joined later; [topics]), and
OUTDIR/data/history.toml: 10*FRACTION years of 1:1s ending the day before
TODAY (default 2026-11-23), held at each member's cadence on a recurring
weekday, with jitter, misses, vacations and the year-end break, notes, topics
and moods on some; and 5000*FRACTION action items agreed in them, most done
or dropped later (at a later 1:1 or in between), some updated or reopened on
the way, some still open, some with due dates.

The history is byte for byte what `oneonone met` and `oneonone action`
append: the same records, keys in the same order, strings escaped alike, in
the order they would have been recorded. Seeded, so the same arguments
always give the same files. Prints the history's size."""
import datetime
import os
import random
import sys

if not 3 <= len(sys.argv) <= 4:
    sys.exit(__doc__.split("\n\n")[1])
out = sys.argv[1]
fraction = float(sys.argv[2])
today = datetime.date.fromisoformat(sys.argv[3]) if len(sys.argv) > 3 else datetime.date(2026, 11, 23)
YEARS = 10
ACTIONS = round(5000 * fraction)
day = datetime.timedelta(days=1)
rng = random.Random(20261123)

# --- the team ---------------------------------------------------------------

FIRST = ["alice", "bob", "carla", "dmytro", "erin", "farah", "gustavo", "hana", "ivan", "julia",
         "kenji", "lena", "marco", "nadia", "oleh", "priya", "quinn", "rosa", "stefan", "tomoko",
         "uma", "viktor", "wei", "xenia", "yusuf", "zoe", "anton", "beatriz", "chen", "daria",
         "emil", "fatima", "georg", "helga", "iryna", "jamal", "kasia", "liam", "mei", "nils",
         "olga", "pablo", "rin", "sofia", "taras", "ulrike", "vera", "wanda", "yuki", "zara"]
LAST = ["Kovalenko", "Okafor", "Schmidt", "Shevchenko", "Walsh", "Haddad", "Pereira", "Sato",
        "Petrenko", "Novak", "Tanaka", "Fischer", "Rossi", "Bondarenko", "Melnyk", "Iyer", "Murphy",
        "García", "Weber", "Suzuki", "Rao", "Kravets", "Zhang", "Lysenko", "Demir", "O'Brien"]
# Zone, share of the team, the working hours written for some of them.
ZONES = [("America/New_York", 18, "Mon-Fri 08:30-16:30"),
         ("America/Los_Angeles", 6, "Mon-Fri 09:00-17:00"),
         ("Europe/Berlin", 10, "Mon-Thu 09:00-17:00"),
         ("Europe/Kyiv", 10, "Mon-Fri 09:00-18:00"),
         ("Asia/Tokyo", 6, "Mon-Fri 10:00-19:00")]
# Cadence in the config, the interval actually kept (days; 0: a month), share.
CADENCES = [("1w", 7, 20), ("2w", 14, 17), ("monthly", 0, 8), ("auto", 10, 2), ("auto", 21, 3)]
TOPICS = [("career", "90d"), ("feedback", "30d"), ("recognition", "45d"), ("wellbeing", "60d"),
          ("goals", "90d"), ("workload", "30d")]

zones = [z for z, n, _ in ZONES for _ in range(n)]
cadences = [(c, d) for c, d, n in CADENCES for _ in range(n)]
rng.shuffle(zones)
rng.shuffle(cadences)
span = int(365.25 * YEARS * fraction)
start = today - datetime.timedelta(days=span)


class Member:
    def __init__(self, i):
        self.key = FIRST[i]
        self.name = FIRST[i].capitalize() + " " + LAST[(i * 7) % len(LAST)]
        self.zone = zones[i]
        self.hours = next(h for z, _, h in ZONES if z == self.zone) if i % 3 == 0 else None
        self.cadence, self.interval = cadences[i]
        self.weekday = rng.randrange(5)  # the recurring invite's day
        self.mood = rng.uniform(3.2, 4.3)
        # A few joined later: their history starts then, and `since` says so.
        self.since = start + datetime.timedelta(days=int(span * rng.uniform(0.6, 0.9))) if i % 12 == 5 else None
        self.away = []  # (from, to, why) written to the config
        self.meetings = []


team = [Member(i) for i in range(50)]

# Vacations: about two a year each, one or two weeks; the config lists the
# recent and the planned ones, as a manager would keep them.
vacations = {}
for m in team:
    periods = []
    year = start.year
    while year <= today.year + 1:
        for month in rng.sample(range(1, 12), 2):
            first = datetime.date(year, month, rng.randint(1, 20))
            periods.append((first, first + datetime.timedelta(days=rng.choice([4, 7, 11, 14]) - 1)))
        year += 1
    vacations[m.key] = periods
    for first, last in sorted(periods):
        if today - datetime.timedelta(days=60) <= last and first <= today + datetime.timedelta(days=120) \
                and len(m.away) < 2 and FIRST.index(m.key) % 4 == 1:
            m.away.append((first, last, rng.choice(["vacation", "conference", "parental leave", "sabbatical"])))


def away(m, d):
    return any(a <= d <= b for a, b in vacations[m.key]) \
        or (d.month == 12 and d.day >= 23) or (d.month == 1 and d.day <= 2)


def weekday_on_or_after(d, wd):
    return d + datetime.timedelta(days=(wd - d.weekday()) % 7)


# --- 1:1s -------------------------------------------------------------------

NOTES = ["Talked about the Q{q} roadmap", "Wants more ownership of {area}", "Tired after the incident week",
         "Asked about the promotion timeline", "Happy with the new team setup", "Frustrated by review delays",
         "Interested in mentoring a new hire", "Worried about the {area} deadline",
         "Good progress on {area}; unblocked", "Discussed feedback from the \"{area}\" retro",
         "Conference in {month}? Budget unclear", "Working from the Kyiv office again — power is stable",
         "Wants to pair more with {peer}", "Onboarding {peer}; going well", "Needs contacts on the {area} team",
         "Migration is slipping; pairing would help", "Back from leave, catching up", "Kudos from {peer} for {area}",
         "Considering a move to {area}", "Workload too high this sprint"]
AREAS = ["billing", "on-call", "search", "platform", "mobile", "data pipeline", "hiring", "security review",
         "onboarding", "design system"]
MONTHS = ["March", "May", "June", "September", "October"]


def note():
    return rng.choice(NOTES).format(q=rng.randint(1, 4), area=rng.choice(AREAS), month=rng.choice(MONTHS),
                                    peer=rng.choice(team).name.split()[0])


for m in team:
    first = m.since or start
    nominal = m.first = weekday_on_or_after(first + datetime.timedelta(days=rng.randrange(7)), m.weekday)
    k = 0
    while nominal < today:
        d = nominal
        roll = rng.random()
        if roll < 0.25:
            d += datetime.timedelta(days=rng.choice([-2, -1, 1, 1, 2]))  # moved a day or two
        elif roll < 0.29:
            d += datetime.timedelta(days=rng.randint(3, 6))  # slipped to the next week
        if d.weekday() == 5:
            d -= day
        elif d.weekday() == 6:
            d += day
        missed = rng.random() < 0.06 or away(m, d)
        if not missed and first <= d < today and (not m.meetings or m.meetings[-1] < d):
            m.meetings.append(d)
        if m.interval:
            nominal += datetime.timedelta(days=m.interval)
        else:
            # The same day of every month, on the nearest weekday.
            month = datetime.date(m.first.year + (m.first.month + k) // 12, (m.first.month + k) % 12 + 1, 1)
            nominal = month + datetime.timedelta(days=min(m.first.day, 28) - 1)
            nominal += datetime.timedelta(days={5: -1, 6: 1}.get(nominal.weekday(), 0))
            k += 1

# What to write for each 1:1: (date, member, note, topics, mood).
meetings = []
every = {t: int(i[:-1]) for t, i in TOPICS}
for m in team:
    raised = {t: m.meetings[0] if m.meetings else start for t in every}
    for d in m.meetings:
        if rng.random() < 0.02:
            m.mood = min(4.6, max(2.4, m.mood + rng.uniform(-0.6, 0.6)))  # a better or worse season
        n = note() if rng.random() < 0.35 else None
        topics = set()
        if rng.random() < 0.5:
            # Mostly the topic most overdue (the agenda lists them), sometimes another.
            due = max(every, key=lambda t: (d - raised[t]).days / every[t])
            topics.add(due if rng.random() < 0.7 else rng.choice(list(every)))
            if rng.random() < 0.25:
                topics.add(rng.choice(list(every)))
        for t in topics:
            raised[t] = d
        topics = [t for t in every if t in topics]
        mood = min(5, max(1, round(rng.gauss(m.mood, 0.7)))) if rng.random() < 0.5 else None
        meetings.append((d, m.key, n, topics, mood))
meetings.sort(key=lambda r: r[0])

# --- action items -----------------------------------------------------------

# What was agreed, and who owns it.
TEXTS = [("Send {name} the {thing}", "me"), ("{name} to write up the {thing}", "them"),
         ("Ask finance about {name}'s {thing}", "me"), ("Introduce {name} to the {area} team", "me"),
         ("Review {name}'s {thing}", "me"), ("{name} drafts the {area} RFC", "them"),
         ("Find {name} a mentor for {area}", "me"), ("{name} to share the {area} postmortem", "them"),
         ("Follow up with HR on {name}'s {thing}", "me"), ("Set up a shadowing week in {area} for {name}", "me"),
         ("{name} to demo the {area} prototype", "them"), ("{name} to check the {area} headcount", "them")]
THINGS = ["promotion packet draft", "conference budget", "training plan", "onboarding feedback",
          "performance review", "relocation request", "design doc", "quarterly goals", "compensation question",
          "career ladder notes"]
TOUCH_NOTES = ["sent", "waiting on finance", "half done", "discussed again", "no longer needed",
               "moved to next quarter", "blocked on legal", "done, thanks to the team", "asked again"]
names = {m.key: m.name.split()[0] for m in team}
by_member = {m.key: m.meetings for m in team}
interval = {m.key: (m.interval or 30) for m in team}

# (date, rank, seq, sub, text): on one day the 1:1s, each followed by the items
# agreed in it, then the touches.
records = []


def tstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


for i, (d, key, n, topics, mood) in enumerate(meetings):
    text = f"[[met]]\nmember = {tstr(key)}\non = {d.isoformat()}\n"
    if n is not None:
        text += f"note = {tstr(n)}\n"
    if topics:
        text += "topics = [" + ", ".join(tstr(t) for t in topics) + "]\n"
    if mood is not None:
        text += f"mood = {mood}\n"
    records.append((d, 0, i, 0, text + "\n"))

chosen = sorted(rng.choices(range(len(meetings)), k=ACTIONS))
actions = []
for k, i in enumerate(chosen):
    d, key = meetings[i][0], meetings[i][1]
    aid = str(k + 1)
    text, owner = rng.choice(TEXTS)
    text = text.format(name=names[key], thing=rng.choice(THINGS), area=rng.choice(AREAS))
    due = d + datetime.timedelta(days=rng.choice([3, 5, 7, 10, 14, 21, 30])) if rng.random() < 0.35 else None
    rec = f"[[action]]\nid = {tstr(aid)}\nmember = {tstr(key)}\ntext = {tstr(text)}\nowner = {tstr(owner)}\n"
    if due:
        rec += f"due = {due.isoformat()}\n"
    rec += f"created = {d.isoformat()}\n\n"
    records.append((d, 0, i, k + 1, rec))
    actions.append((aid, key, d))

touches = 0
for aid, key, created in actions:
    later = [x for x in by_member[key] if x > created]

    def when(after):
        # At one of the next 1:1s, or on a day in between.
        nxt = [x for x in later if x > after]
        if nxt and rng.random() < 0.6:
            return nxt[min(len(nxt) - 1, rng.choice([0, 0, 0, 1, 2]))]
        return after + datetime.timedelta(days=rng.randint(1, max(2, interval[key] * rng.choice([1, 1, 2, 3]))))

    age = (today - created).days
    forgotten = rng.random() < (0.6 if age <= 14 else 0.25 if age <= 45 else 0.01)
    steps = []
    at = created
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
        at = when(at)
        steps.append(("updated", at))
    if not forgotten:
        at = when(at)
        steps.append(("done" if rng.random() < 0.85 else "dropped", at))
        if steps[-1][0] == "done" and rng.random() < 0.03:
            at = when(at)
            steps.append(("reopened", at))
            at = when(at)
            steps.append(("done", at))
    for kind, at in steps:
        if at >= today:
            break
        rec = f"[[touch]]\naction = {tstr(aid)}\nkind = {tstr(kind)}\non = {at.isoformat()}\n"
        if rng.random() < 0.3:
            rec += f"note = {tstr(rng.choice(TOUCH_NOTES))}\n"
        records.append((at, 1, touches, 0, rec + "\n"))
        touches += 1

records.sort(key=lambda r: r[:4])

# --- the files --------------------------------------------------------------

os.makedirs(out + "/data", exist_ok=True)
with open(out + "/config.toml", "w", encoding="utf-8") as f:
    f.write(f"# make bench-scale: 50 reports, {YEARS * fraction:g} years of 1:1s (bench/scale/generate.py)\n\n")
    f.write('timezone = "America/New_York"\nworking_hours = "Mon-Thu 09:00-17:30; Fri 09:00-15:00"\n')
    f.write('questions = [\n  "What\'s on your mind this week?",\n  "What is getting in your way?",\n'
            '  "What could I do differently to help you?",\n]\n\n')
    f.write('[defaults]\ncadence = "2w"\nslack = "2d"\nlead = "1d"\nrepeat = "1d"\nstale_after = "14d"\n'
            'carry_limit = 2\nconsistency_floor = 0.75\nconsistency_window = "90d"\n\n')
    for m in team:
        f.write(f"[team.{m.key}]\nname = {tstr(m.name)}\n")
        if m.cadence != "2w":
            f.write(f"cadence = {tstr(m.cadence)}\n")
        f.write(f"timezone = {tstr(m.zone)}\n")
        if m.hours:
            f.write(f"working_hours = {tstr(m.hours)}\n")
        if m.since:
            f.write(f"since = {m.since.isoformat()}\n")
        if m.away:
            f.write("away = [" + ", ".join(f"{{ from = {a}, to = {b}, why = {tstr(w)} }}" for a, b, w in m.away)
                    + "]\n")
        if FIRST.index(m.key) % 10 == 3:
            f.write('stale_after = "10d"\nlead = "2d"\n')
        f.write("\n")
    f.write("[topics]\n" + "".join(f"{t} = {tstr(i)}\n" for t, i in TOPICS))
    f.write('\n[[hook]]\ncommand = ["notify-send", "--app-name=oneonone", "--urgency={urgency}", "{title}", "{body}"]\n'
            'on = ["due-soon", "overdue", "stale-action"]\ntimeout = "10s"\n')

with open(out + "/data/history.toml", "w", encoding="utf-8") as f:
    for r in records:
        f.write(r[4])

size = os.path.getsize(out + "/data/history.toml")
print(f"{out}/data/history.toml: {len(meetings)} 1:1s, {len(actions)} action items, {touches} touches, "
      f"{size / 1e6:.2f} MB")
