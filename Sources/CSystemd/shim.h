// The parts of libsystemd that the Systemd module wraps: sd-event, sd-bus,
// the journal's native protocol and sd_notify.
#ifndef ONEONONE_CSYSTEMD_SHIM_H
#define ONEONONE_CSYSTEMD_SHIM_H

// No _GNU_SOURCE here: the system headers must be seen exactly as Swift's
// Glibc module sees them, or their types clash (fd_set, siginfo_t).
#include <sys/uio.h>
#include <sys/inotify.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <signal.h>
#include <string.h>
#include <systemd/sd-event.h>
#include <systemd/sd-journal.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-bus.h>

// siginfo_t keeps si_status in a union that Swift cannot name portably.
static inline int oneonone_siginfo_code(const siginfo_t *si) { return si->si_code; }
static inline int oneonone_siginfo_status(const siginfo_t *si) { return si->si_status; }

// inotify_event ends in a flexible array member, which Swift does not import.
static inline const char *oneonone_inotify_name(const struct inotify_event *event) {
    return event->len > 0 ? event->name : "";
}

#endif
