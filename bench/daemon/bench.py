#!/usr/bin/env python3
"""`make bench-daemon`: our daemon against `remind -z`, side by side, in one run.

    make bench-daemon                      # builds, starts journald, runs this
    python3 bench/daemon/bench.py BIN      # BIN: a built `oneonone` binary
    BENCH_SAMPLES=5 BENCH_IDLE_SECONDS=60  # the defaults

Both daemons get equivalent reminders due at the same minute boundaries
T_k = T0 + k*60 s (T0: the first whole minute at least 20 s ahead), and both
run the same recording hook (a tiny sh script appending `date +%s%N` and its
arguments to a log, then draining its stdin). It measures, for each daemon:

1. fire latency: hook timestamp - T_k (median and max over the samples).
   oneonone: member mK is overdue and snoozed until T_k, so its "overdue"
   alert fires when the snooze ends. remind: `REM <date> AT HH:MM MSG mK`,
   run as `remind -z -k'HOOK %s' FILE` with TZ=UTC.
2. voluntary (and involuntary) context switches over an idle window
   (BENCH_IDLE_SECONDS) after every sample fired, from /proc/PID/status.
3. idle RSS: VmRSS and VmHWM after that window.
4. edit -> reread: from the edited file's st_mtime_ns until the daemon opens
   it again (inotify IN_OPEN, watch added after the write). oneonone is
   edited with `oneonone action add m0 ... --due 2026-01-01` (a past-due item,
   so a stale-action reminder fires at once: "edit -> reminder fired");
   remind's file gets a `REM ... AT <a minute ahead> MSG edited` line.

5. notifications per working day: the example team's week from Mon
   2026-11-23 (its bundled history), as `plan --days 7 --json` at that fixed
   instant answers it, counted by the day each goes out in the manager's
   zone: what reaches the desktop (the digest and the `immediate` kinds)
   next to every reminder one by one (`--all`, as before the digest).
6. button -> recorded: a private session bus with
   scripts/notification-server.py; the daemon shows an overdue 1:1, the
   bench presses "Held today" (ActionInvoked) BENCH_SAMPLES times, on as
   many members, and reads the daemon's own figure from signal to record
   written and re-planned (its journal line), and from the press to the
   history's new mtime as seen from outside.

Figures only: nothing is judged against the targets. It fails (exit 1) when a
daemon dies, a sample never fires, or a hook fires twice for one member.
Work files (configs, hook logs, daemon logs) are in .build-bench/daemon/
(BENCH_DIR overrides .build-bench), recreated on every run.
"""
import ctypes
import datetime
import math
import os
import select
import shlex
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = int(os.environ.get("BENCH_SAMPLES", "5"))
IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "60"))
WORK = Path(os.environ.get("BENCH_DIR", ROOT / ".build-bench")).resolve() / "daemon"
LEAD_SECONDS = 20          # T0 is at least this far ahead of the start
FIRE_GRACE = 10            # a sample that has not fired this long after T_k never will
OURS_EDIT_TIMEOUT = 10
REMIND_EDIT_TIMEOUT = 130  # remind -z1 looks at its file once a minute

# Reads its stdin to the end after recording (oneonone writes the reminder
# there as JSON; remind gives it /dev/null): a hook that exits before the
# daemon has written makes the write meet a closed pipe.
HOOK = """#!/bin/sh
# Records when it ran and what it was told: one line per call.
echo "$(date +%s%N) $*" >> "$BENCH_HOOK_LOG"
cat >/dev/null
"""

# Dropped from the daemons' environment: they are not running under systemd here.
SYSTEMD_ENV = ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES")


class BenchError(Exception):
    pass


# ---------------------------------------------------------------- helpers

def utc(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc)


def rfc3339(t):
    return utc(t).strftime("%Y-%m-%dT%H:%M:%SZ")


def proc_status(pid):
    """The numeric fields of /proc/PID/status we report (kB values as kB)."""
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "voluntary_ctxt_switches",
                       "nonvoluntary_ctxt_switches"):
                fields[key] = value.split()[0]
    return fields


def read_hook_log(path):
    """[(ns, [args...])] from a hook log; missing file = no calls."""
    calls = []
    try:
        text = Path(path).read_text()
    except FileNotFoundError:
        return calls
    for line in text.split("\n")[:-1]:  # a last line without its newline is still being written
        ns, _, rest = line.partition(" ")
        calls.append((int(ns), rest.split()))
    return calls


class Inotify:
    """Just enough inotify through ctypes: one-shot IN_OPEN on one path."""
    IN_OPEN = 0x20
    IN_NONBLOCK = os.O_NONBLOCK
    IN_CLOEXEC = os.O_CLOEXEC

    def __init__(self):
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        self.fd = self.libc.inotify_init1(self.IN_NONBLOCK | self.IN_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")

    def watch(self, path):
        wd = self.libc.inotify_add_watch(self.fd, os.fsencode(path), self.IN_OPEN)
        if wd < 0:
            raise OSError(ctypes.get_errno(), f"inotify_add_watch {path}")
        return wd

    def unwatch(self, wd):
        self.libc.inotify_rm_watch(self.fd, wd)

    def wait_open(self, wd, deadline, alive):
        """time.time_ns() when an IN_OPEN for wd is read, or None at deadline.
        `alive()` is called between waits so a dead daemon fails fast."""
        while True:
            left = deadline - time.time()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.5))
            alive()
            if not ready:
                continue
            now = time.time_ns()
            try:
                buf = os.read(self.fd, 65536)
            except BlockingIOError:
                continue
            off = 0
            while off + 16 <= len(buf):
                ev_wd, mask, _cookie, length = struct.unpack_from("iIII", buf, off)
                off += 16 + length
                if ev_wd == wd and mask & self.IN_OPEN:
                    return now

    def close(self):
        os.close(self.fd)


class Daemon:
    """One daemon under test: its process, its hook log, its log file."""

    def __init__(self, label, argv, cwd, hook_log, log, env_extra):
        self.label, self.argv, self.cwd, self.hook_log, self.log = label, argv, cwd, hook_log, log
        env = {k: v for k, v in os.environ.items() if k not in SYSTEMD_ENV}
        env.update(env_extra)
        env["BENCH_HOOK_LOG"] = str(hook_log)
        self.env = env
        self.proc = None
        self.stopped = False

    def start(self):
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(self.argv, cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=subprocess.STDOUT)

    @property
    def pid(self):
        return self.proc.pid

    def check_alive(self):
        if self.proc is not None and not self.stopped and self.proc.poll() is not None:
            status = self.proc.returncode
            how = (f"was killed by {signal.Signals(-status).name}" if status < 0 else
                   f"exited with status {status}" + (" (a SIGTERM or SIGINT from outside the bench?)"
                                                     if status == 0 else ""))
            raise BenchError(f"{self.label} (pid {self.pid}) {how}; its log: {self.log}\n" + tail(self.log)
                             + journal_tail(self.pid))

    def stop(self):
        """SIGTERM, then SIGKILL after 5 s; returns the exit status."""
        if self.proc is None:
            return None
        self.stopped = True
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


def tail(path, lines=15):
    try:
        text = Path(path).read_text(errors="replace").splitlines()
    except FileNotFoundError:
        return "  (no log)"
    return "\n".join("  | " + line for line in text[-lines:]) or "  (log empty)"


def journal_tail(pid, lines=10):
    """oneonone logs to the journal when there is one; show what it said last."""
    try:
        out = subprocess.run(["journalctl", "--no-pager", "-o", "short-precise", "-n", str(lines), f"_PID={pid}"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""
    if not out or out.startswith("-- No entries"):
        return ""
    return f"\nits journal (journalctl _PID={pid}):\n" + "\n".join("  | " + line for line in out.splitlines())


def fmt_ms(ns):
    return f"{ns / 1e6:.1f}"


# ---------------------------------------------------------------- setup

def pick_t0():
    """The first whole minute >= LEAD_SECONDS ahead, with every sample on the
    same UTC day as the start (remind plans a day at a time): near midnight,
    wait until the day has turned."""
    while True:
        now = time.time()
        t0 = math.ceil((now + LEAD_SECONDS) / 60) * 60
        last = t0 + (SAMPLES - 1) * 60
        if utc(last).date() == utc(now).date():
            return t0
        midnight = datetime.datetime.combine(utc(now).date() + datetime.timedelta(days=1), datetime.time(),
                                             datetime.timezone.utc).timestamp()
        print(f"the samples would cross midnight UTC; waiting {midnight - now + 1:.0f} s for the day to turn",
              flush=True)
        time.sleep(midnight - now + 1)


def setup_ours(binary, hook, times):
    d = WORK / "oneonone"
    (d / "data").mkdir(parents=True)
    (d / "state").mkdir()
    config = d / "config.toml"
    lines = ['timezone = "UTC"', 'working_hours = "always"']
    for k in range(len(times)):
        lines += [f"[team.m{k}]", f'name = "Member {k}"', 'cadence = "1w"']
    lines += ["[[hook]]", f'command = ["{hook}", "{{member}}", "{{kind}}"]',
              'on = ["overdue", "stale-action"]', 'timeout = "5s"', ""]
    config.write_text("\n".join(lines))
    # Last met long ago: every member is overdue ...
    (d / "data" / "history.toml").write_text(
        "".join(f'[[met]]\nmember = "m{k}"\non = 2026-01-05\n\n' for k in range(len(times))))
    # ... and snoozed until its T_k, so the overdue alert fires then.
    (d / "state" / "snoozes.toml").write_text(
        "".join(f'[[snooze]]\nsubject = "m{k}"\nuntil = {rfc3339(t)}\n\n' for k, t in enumerate(times)))
    opts = ["--config", str(config), "--data-dir", str(d / "data"), "--state-dir", str(d / "state")]
    daemon = Daemon("oneonone", [binary, "daemon", *opts], d, d / "hook.log", d / "daemon.log", {})
    return daemon, opts


def setup_remind(remind, hook, times):
    d = WORK / "remind"
    d.mkdir(parents=True)
    rem = d / "reminders.rem"
    rem.write_text("".join(f"REM {utc(t):%-d %b %Y} AT {utc(t):%H:%M} MSG m{k}\n" for k, t in enumerate(times)))
    rem.chmod(0o644)  # remind refuses group- or world-writable files
    # -k runs through the shell; remind backslash-escapes the body into one argument.
    argv = [remind, "-z", f"-k{shlex.quote(str(hook))} %s", str(rem)]
    return Daemon("remind -z", argv, d, d / "hook.log", d / "remind.log", {"TZ": "UTC"}), rem


# ---------------------------------------------------------------- measuring

def fire_latencies(daemon, times, expect_kind):
    """{member: latency ns} after checking every member fired exactly once."""
    by_member = {}
    for ns, args in read_hook_log(daemon.hook_log):
        if not args:
            raise BenchError(f"{daemon.label}: a hook call without arguments in {daemon.hook_log}")
        by_member.setdefault(args[0], []).append((ns, args[1:]))
    latencies = {}
    for k, t in enumerate(times):
        calls = by_member.pop(f"m{k}", [])
        if not calls:
            raise BenchError(f"{daemon.label}: sample m{k} (due {rfc3339(t)}) never fired; hook log: {daemon.hook_log}")
        if len(calls) > 1:
            raise BenchError(f"{daemon.label}: the hook fired {len(calls)} times for m{k}: "
                             + ", ".join(f"{rfc3339(ns // 10**9)} {a}" for ns, a in calls))
        ns, rest = calls[0]
        if expect_kind and rest[:1] != [expect_kind]:
            raise BenchError(f"{daemon.label}: m{k} fired as {rest}, expected {expect_kind}")
        latencies[f"m{k}"] = ns - t * 10**9
    if by_member:
        raise BenchError(f"{daemon.label}: unexpected hook calls: {by_member}")
    return latencies


def wait_samples(daemons, times):
    deadline = times[-1] + FIRE_GRACE
    while True:
        for d in daemons:
            d.check_alive()
        done = all(len(read_hook_log(d.hook_log)) >= len(times) for d in daemons)
        if done or time.time() > deadline:
            return
        time.sleep(0.25)


def sleep_alive(seconds, daemons):
    end = time.time() + seconds
    while (left := end - time.time()) > 0:
        time.sleep(min(left, 1.0))
        for d in daemons:
            d.check_alive()


def edit_ours(ino, binary, ours, opts):
    """(edit -> reread ns or None, edit -> fired ns or None)."""
    history = WORK / "oneonone" / "data" / "history.toml"
    before = len(read_hook_log(ours.hook_log))
    add = subprocess.run([binary, "action", "add", "m0", "Send the packet", "--due", "2026-01-01", *opts],
                         env=ours.env, capture_output=True, text=True)
    if add.returncode != 0:
        raise BenchError(f"oneonone action add failed ({add.returncode}): {add.stderr.strip()}")
    mtime = os.stat(history).st_mtime_ns
    wd = ino.watch(history)
    deadline = time.time() + OURS_EDIT_TIMEOUT
    opened = ino.wait_open(wd, deadline, ours.check_alive)
    ino.unwatch(wd)
    fired = None
    while time.time() < deadline:
        calls = read_hook_log(ours.hook_log)[before:]
        if calls:
            ns, args = calls[0]
            if args[:2] != ["m0", "stale-action"]:
                raise BenchError(f"oneonone: after the edit the hook got {args}, expected m0 stale-action")
            fired = ns
            break
        ours.check_alive()
        time.sleep(0.01)
    # Once, not twice: look again a little later.
    sleep_alive(1.5, [ours])
    calls = read_hook_log(ours.hook_log)[before:]
    if len(calls) > 1:
        raise BenchError(f"oneonone: the hook fired {len(calls)} times after one edit: {[a for _, a in calls]}")
    return (opened - mtime if opened else None), (fired - mtime if fired else None)


def edit_remind(ino, remind, rem):
    at = (int(time.time()) // 60 + 2) * 60  # a whole minute ahead, at least 60 s away
    with open(rem, "a") as f:
        f.write(f"REM {utc(at):%-d %b %Y} AT {utc(at):%H:%M} MSG edited\n")
    mtime = os.stat(rem).st_mtime_ns
    wd = ino.watch(rem)
    opened = ino.wait_open(wd, time.time() + REMIND_EDIT_TIMEOUT, remind.check_alive)
    ino.unwatch(wd)
    return opened - mtime if opened else None


def binary_kind(binary):
    try:
        libs = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    except OSError:
        return "ELF"
    names = [line.split()[0] for line in libs.splitlines() if "=>" in line]
    swift = "Swift runtime shared" if any("swift" in n for n in names) else "Swift runtime static"
    return f"release ELF, {swift}; shared: {', '.join(n.split('.so')[0] for n in names[:3])}..."


def remind_version(remind):
    out = subprocess.run([remind, "-V"], capture_output=True, text=True)
    first = (out.stdout + out.stderr).strip().splitlines()
    version = " ".join(first[0].split()[:2]) if first else "remind"  # "REMIND 04.02.03"
    pkg = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "remind"], capture_output=True, text=True).stdout
    return version + (f", Debian package {pkg}" if pkg else "")


def exit_text(status):
    if status is None:
        return "not started"
    return f"died of {signal.Signals(-status).name}" if status < 0 else f"exit {status}"


# ---------------------------------------------------------------- main

def notifications_per_day(binary):
    """Per working day of the example team's week: (day, shown, all)."""
    from zoneinfo import ZoneInfo
    config = ROOT / "config" / "example.toml"
    data = WORK / "plan-data"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "config" / "example-history.toml", data / "history.toml")
    start = "2026-11-23T05:00:00Z"  # Mon 00:00 in New York
    zone = ZoneInfo("America/New_York")
    begin = datetime.datetime(2026, 11, 23, 5, tzinfo=datetime.timezone.utc)

    def counts(extra):
        out = subprocess.run([binary, "plan", "--days", "7", "--json", *extra, "--config", str(config),
                              "--data-dir", str(data), "--state-dir", str(WORK / "plan-state")],
                             env={**os.environ, "ONEONONE_NOW": start}, capture_output=True, text=True, check=True)
        import json
        per_day = {}
        for r in json.loads(out.stdout):
            at = max(datetime.datetime.fromisoformat(r["scheduled"].replace("Z", "+00:00")), begin)
            day = at.astimezone(zone).date()
            per_day[day] = per_day.get(day, 0) + 1
        return per_day

    shown, every = counts([]), counts(["--all"])
    days = [(begin.astimezone(zone) + datetime.timedelta(days=k)).date() for k in range(7)]
    return [(d, shown.get(d, 0), every.get(d, 0)) for d in days if d.weekday() < 5]


def button_latency(binary):
    """Presses "Held today" on SAMPLES notifications; per press: (ours in ms
    as the daemon logs it, press -> history mtime in ms)."""
    bus = subprocess.run(["dbus-daemon", "--session", "--fork", "--nopidfile", "--print-address=1", "--print-pid=1"],
                         capture_output=True, text=True, check=True).stdout.split()
    address, bus_pid = bus[0], int(bus[1])
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}
    d = WORK / "buttons"
    (d / "data").mkdir(parents=True)
    (d / "state").mkdir()
    out = d / "notifications.jsonl"
    server = subprocess.Popen([str(ROOT / "scripts" / "notification-server.py"), str(out)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    members = "".join(f'[team.m{k}]\nname = "M{k}"\ncadence = "1w"\n' for k in range(SAMPLES))
    (d / "config.toml").write_text(f'timezone = "UTC"\nworking_hours = "always"\ndigest = false\n{members}')
    (d / "data" / "history.toml").write_text("".join(f'[[met]]\nmember = "m{k}"\non = 2026-01-05\n\n' for k in range(SAMPLES)))
    daemon = None
    results = []
    try:
        deadline = time.time() + 10
        while not out.exists() and time.time() < deadline:
            time.sleep(0.05)
        daemon = subprocess.Popen([binary, "daemon", "--config", str(d / "config.toml"), "--data-dir", str(d / "data"),
                                   "--state-dir", str(d / "state")], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 15
        while time.time() < deadline and len(out.read_text().splitlines()) < SAMPLES:
            time.sleep(0.05)
        import json
        shown = [json.loads(line) for line in out.read_text().splitlines()]
        if len(shown) < SAMPLES:
            raise BenchError(f"buttons: {len(shown)} of {SAMPLES} notifications shown")
        history = d / "data" / "history.toml"
        for note in shown[:SAMPLES]:
            before = history.stat().st_mtime_ns
            pressed = time.time_ns()
            subprocess.run(["dbus-send", "--session", "--type=method_call", "--dest=org.freedesktop.Notifications",
                            "/org/freedesktop/Notifications", "org.oneonone.Test.Invoke", f"uint32:{note['id']}",
                            "string:met"], env=env, check=True)
            deadline = time.time() + 5
            while history.stat().st_mtime_ns == before and time.time() < deadline:
                time.sleep(0.001)
            outside = (time.time_ns() - pressed) / 1e6
            results.append(outside)
        time.sleep(0.5)
        lines = subprocess.run(["journalctl", "-o", "cat", "--no-pager", f"_PID={daemon.pid}"],
                               capture_output=True, text=True).stdout.splitlines()
        ours = [float(l.rsplit(" in ", 1)[1].split()[0]) for l in lines if "recorded and re-planned in" in l]
        if len(ours) < SAMPLES:
            raise BenchError(f"buttons: the daemon recorded {len(ours)} of {SAMPLES} presses")
        return list(zip(ours, results))
    finally:
        if daemon:
            daemon.terminate()
            daemon.wait(5)
        server.terminate()
        os.kill(bus_pid, signal.SIGTERM)


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: bench.py PATH/TO/oneonone", file=sys.stderr)
        return 2
    binary = str(Path(sys.argv[1]).resolve())
    if not os.access(binary, os.X_OK):
        raise BenchError(f"no executable at {binary}")
    remind = shutil.which("remind")
    if remind is None:
        raise BenchError("remind is not installed (apt-get install remind)")
    if SAMPLES < 1:
        raise BenchError("BENCH_SAMPLES must be at least 1")

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    hook = WORK / "hook.sh"
    hook.write_text(HOOK)
    hook.chmod(0o755)

    t0 = pick_t0()
    times = [t0 + 60 * k for k in range(SAMPLES)]
    ours, opts = setup_ours(binary, hook, times)
    rem_daemon, rem = setup_remind(remind, hook, times)
    daemons = [ours, rem_daemon]
    print(f"{SAMPLES} samples due at {', '.join(f'{utc(t):%H:%M:%S}' for t in times)} UTC; "
          f"about {(times[-1] - time.time() + IDLE_SECONDS + 90) / 60:.0f} min to go; work dir {WORK}", flush=True)

    ino = Inotify()
    try:
        for d in daemons:
            d.start()
        print(f"pids: oneonone {ours.pid} (it logs to the journal: journalctl _PID={ours.pid}), "
              f"remind {rem_daemon.pid}", flush=True)
        sleep_alive(1, daemons)

        # 1. fire latency
        wait_samples(daemons, times)
        lat_ours = fire_latencies(ours, times, "overdue")
        lat_rem = fire_latencies(rem_daemon, times, None)
        print("fire latency per sample (ms):", flush=True)
        for k in range(SAMPLES):
            print(f"  m{k} {utc(times[k]):%H:%M:%S}  oneonone {fmt_ms(lat_ours[f'm{k}']):>8}"
                  f"   remind {fmt_ms(lat_rem[f'm{k}']):>8}", flush=True)

        # 2. + 3. idle: let the last hooks be reaped, then count wakeups.
        sleep_alive(2, daemons)
        before = {d.label: proc_status(d.pid) for d in daemons}
        print(f"idle for {IDLE_SECONDS:g} s ...", flush=True)
        sleep_alive(IDLE_SECONDS, daemons)
        after = {d.label: proc_status(d.pid) for d in daemons}
        for d in daemons:
            extra = read_hook_log(d.hook_log)[SAMPLES:]
            if extra:
                raise BenchError(f"{d.label}: hook calls while idle: {[a for _, a in extra]}")

        # 4. edit -> reread
        reread_ours, fired_ours = edit_ours(ino, binary, ours, opts)
        print("edited oneonone's history; editing remind's file (it looks once a minute) ...", flush=True)
        reread_rem = edit_remind(ino, rem_daemon, rem)
        for d in daemons:
            d.check_alive()
    finally:
        status = {d.label: d.stop() for d in daemons}
        ino.close()

    # 5. + 6.
    per_day = notifications_per_day(binary)
    presses = button_latency(binary)

    # 5. the table
    def delta(label, key):
        return int(after[label][key]) - int(before[label][key])

    def mib(label, key):
        return f"{int(after[label][key]) / 1024:.1f}"

    def edit(ns, timeout):
        return fmt_ms(ns) if ns is not None else f"none within {timeout}s"

    idle = f"{IDLE_SECONDS:g}"
    o, r = ours.label, rem_daemon.label
    rows = [
        ("fire latency median (ms)", fmt_ms(statistics.median(lat_ours.values())),
         fmt_ms(statistics.median(lat_rem.values())), "<= 10"),
        ("fire latency max (ms)", fmt_ms(max(lat_ours.values())), fmt_ms(max(lat_rem.values())), ""),
        (f"voluntary ctx switches / {idle} s", delta(o, "voluntary_ctxt_switches"),
         delta(r, "voluntary_ctxt_switches"), "0"),
        (f"involuntary ctx switches / {idle} s", delta(o, "nonvoluntary_ctxt_switches"),
         delta(r, "nonvoluntary_ctxt_switches"), ""),
        ("idle RSS (MiB)", mib(o, "VmRSS"), mib(r, "VmRSS"), "<= 8"),
        ("  of which anon / file-backed (MiB)", f'{mib(o, "RssAnon")} / {mib(o, "RssFile")}',
         f'{mib(r, "RssAnon")} / {mib(r, "RssFile")}', ""),
        ("peak RSS, VmHWM (MiB)", mib(o, "VmHWM"), mib(r, "VmHWM"), ""),
        ("edit -> reread (ms)", edit(reread_ours, OURS_EDIT_TIMEOUT), edit(reread_rem, REMIND_EDIT_TIMEOUT),
         "<= 1000"),
        ("edit -> reminder fired (ms)", edit(fired_ours, OURS_EDIT_TIMEOUT), "n/a", ""),
    ]
    print()
    print(f"{'metric':<36}{'oneonone':>14}{'remind -z':>20}{'target':>10}")
    for name, a, b, target in rows:
        print(f"{name:<36}{a!s:>14}{b!s:>20}{target:>10}")
    print()
    print("notifications per working day, example team, week of Mon 2026-11-23 (target: at most 3 shown):")
    print(f"  {'day':<12}{'shown':>8}{'every reminder':>16}")
    for day, shown, every in per_day:
        print(f"  {day:%a %b %d}  {shown:>6}{every:>16}")
    print(f"  {'max':<12}{max(s for _, s, _ in per_day):>8}{max(e for _, _, e in per_day):>16}")
    print()
    print("button (ActionInvoked 'Held today') -> recorded and re-planned (ms; target <= 50):")
    for k, (ours, outside) in enumerate(presses):
        print(f"  press {k + 1}: daemon {ours:6.1f}   press -> history written, from outside {outside:6.1f}")
    print(f"  median: daemon {statistics.median(p[0] for p in presses):.1f}, "
          f"from outside {statistics.median(p[1] for p in presses):.1f} (that includes dbus-send starting)")
    print()
    print(f"oneonone:  {os.path.relpath(binary, ROOT)} daemon ({binary_kind(binary)}); "
          f"SIGTERM: {exit_text(status[o])}")
    print(f"remind -z: {remind} -z -k'hook %s' ({remind_version(remind)}); SIGTERM: {exit_text(status[r])}")
    print(f"samples: {SAMPLES} (BENCH_SAMPLES), idle window: {idle} s (BENCH_IDLE_SECONDS); "
          f"logs and hook calls: {os.path.relpath(WORK, ROOT)}/")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"bench-daemon: FAILED: {e}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("bench-daemon: interrupted", file=sys.stderr)
        sys.exit(130)
