// What the Posix module needs from glibc that Swift's Glibc module does not
// always expose: the GNU names of errno values and signals (glibc 2.32),
// and pipe2.
// The same prototypes as <string.h>.
#ifndef ONEONONE_CPOSIX_H
#define ONEONONE_CPOSIX_H

extern const char *strerrorname_np(int errnum);
extern const char *strerrordesc_np(int errnum);
extern const char *sigabbrev_np(int sig);
// A pipe whose ends are close-on-exec from the start (a GNU extension).
extern int pipe2(int pipefd[2], int flags);

#endif
