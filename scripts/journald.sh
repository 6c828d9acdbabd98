#!/usr/bin/env bash
# Starts systemd-journald when nothing provides the journal socket, so that
# tests can send entries with sd_journal_sendv and read them back with
# journalctl. Where systemd is PID 1 the socket already exists and this does
# nothing. Quiet on success; safe to call many times, also concurrently.
set -euo pipefail

socket=/run/systemd/journal/socket
journald=/lib/systemd/systemd-journald

# journald's process name is truncated to 15 characters by the kernel; a
# zombie (one that died under an init that does not reap) does not count.
running() { pgrep -x -r R,S,D systemd-journal >/dev/null 2>&1; }

[ -S "$socket" ] && running && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "journald.sh: no journal socket at $socket and not root; cannot start $journald" >&2
  exit 1
fi
if [ ! -x "$journald" ]; then
  echo "journald.sh: $journald not found (apt-get install systemd)" >&2
  exit 1
fi

mkdir -p /run/systemd/journal /run/log/journal
# Two callers at once must not start two journalds: the second waits here
# and then finds the socket.
exec 9>/run/oneonone-journald.lock
flock 9

if ! { [ -S "$socket" ] && running; }; then
  # A socket left behind by a journald that died refuses connections.
  rm -f "$socket"
  [ -s /etc/machine-id ] || systemd-machine-id-setup >/dev/null 2>&1 || true
  # Detached from this shell and its terminal, so that it outlives `make test`.
  setsid "$journald" </dev/null >/dev/null 2>&1 9>&- &
fi

for _ in $(seq 100); do
  [ -S "$socket" ] && exit 0
  sleep 0.05
done
echo "journald.sh: $journald did not create $socket within 5 seconds" >&2
exit 1
