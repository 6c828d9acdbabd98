// The parts of libsystemd that the Systemd module wraps: sd-event, the
// journal's native protocol and sd_notify.
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
#include <malloc.h>
#include <systemd/sd-event.h>
#include <systemd/sd-journal.h>
#include <systemd/sd-daemon.h>

// Returns freed heap to the system (the daemon, once started).
static inline void oneonone_malloc_trim(void) { malloc_trim(0); }

// siginfo_t keeps si_status in a union that Swift cannot name portably.
static inline int oneonone_siginfo_code(const siginfo_t *si) { return si->si_code; }
static inline int oneonone_siginfo_status(const siginfo_t *si) { return si->si_status; }

// inotify_event ends in a flexible array member, which Swift does not import.
static inline const char *oneonone_inotify_name(const struct inotify_event *event) {
    return event->len > 0 ? event->name : "";
}

// glibc 2.32 has thread-safe names for errno values and signals; Swift's
// Glibc module does not always expose the GNU declarations, so they are
// declared here (the same prototypes as <string.h>).
extern const char *strerrorname_np(int errnum);
extern const char *strerrordesc_np(int errnum);
extern const char *sigabbrev_np(int sig);

static inline const char *oneonone_errno_name(int errnum) { return strerrorname_np(errnum); }
static inline const char *oneonone_errno_description(int errnum) { return strerrordesc_np(errnum); }
static inline const char *oneonone_signal_name(int sig) { return sigabbrev_np(sig); }

#endif
