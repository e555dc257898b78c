/* sig.h: signals as readable events, through a self-pipe.
 *
 * sig_init() creates a non-blocking, close-on-exec pipe. sig_catch(SIG)
 * installs a handler that writes the signal number to the pipe; the main
 * loop polls sig_fd() and calls sig_next() to get the signals in order.
 * The handler records whether a signal came from the terminal (the
 * kernel) rather than from kill(2), so wrappers need not forward a
 * Ctrl-C that their child, in the same process group, already got.
 * Around fork, block every signal (sig_hold_all) until the child has
 * called sig_reset_child(): a signal that reaches the child before that
 * would otherwise run the parent's handler there, land in the parent's
 * pipe and be lost for the child. */
#ifndef TK_SIG_H
#define TK_SIG_H

#include <signal.h>

int sig_init(void);			/* 0 or -1 with errno */
int sig_fd(void);			/* the read end, for poll(2) */
/* In a child that goes on after fork without exec: forget the parent's
 * pipe (whose descriptors the caller has closed) and make its own, so
 * that its signals do not land in its parent's pipe. */
int sig_reinit(void);
int sig_catch(int sig);			/* route SIG to the pipe */
int sig_ignore(int sig);
int sig_default(int sig);
/* Next pending signal, or 0 when none. *from_kernel (if non-NULL) is set
 * when the signal came from the kernel (a terminal's ^C), not kill(2). */
int sig_next(int *from_kernel);
/* In a child before exec: default dispositions for every signal we
 * touched (and SIGPIPE), empty signal mask. */
void sig_reset_child(void);
/* Block every signal, saving the old mask in *old; sig_release(old)
 * puts it back (the parent, after fork). */
int sig_hold_all(sigset_t *old);
int sig_release(const sigset_t *old);
/* Block or unblock one signal in this process. */
int sig_block(int sig);
int sig_unblock(int sig);

#endif
