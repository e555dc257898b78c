/* sig.c: the self-pipe signal helper (see sig.h). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "sig.h"

static int pfd[2] = { -1, -1 };
static unsigned char touched[NSIG];

static void
handler(int sig, siginfo_t *si, void *ctx)
{
	int e = errno;
	unsigned char b[2];

	(void)ctx;
	b[0] = (unsigned char)sig;
#ifdef SI_KERNEL
	b[1] = si != NULL && si->si_code == SI_KERNEL;
#else
	b[1] = si != NULL && si->si_code != SI_USER && si->si_code != SI_QUEUE;
#endif
	(void)!write(pfd[1], b, 2);
	errno = e;
}

int
sig_init(void)
{
	if (pfd[0] >= 0)
		return 0;
	if (pipe(pfd) < 0)
		return -1;
	fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
	fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
	fcntl(pfd[0], F_SETFL, O_NONBLOCK);
	fcntl(pfd[1], F_SETFL, O_NONBLOCK);
	return 0;
}

int
sig_reinit(void)
{
	pfd[0] = pfd[1] = -1;
	return sig_init();
}

int
sig_fd(void)
{
	return pfd[0];
}

static int
set(int sig, int how)
{
	struct sigaction sa;

	if (sig <= 0 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	if (how == 0) {
		sa.sa_sigaction = handler;
		sa.sa_flags = SA_SIGINFO | SA_RESTART;
		if (sig == SIGCHLD)
			sa.sa_flags |= SA_NOCLDSTOP;
	} else {
		sa.sa_handler = how == 1 ? SIG_IGN : SIG_DFL;
	}
	touched[sig] = 1;
	return sigaction(sig, &sa, NULL);
}

int
sig_catch(int sig)
{
	if (pfd[0] < 0 && sig_init() < 0)
		return -1;
	return set(sig, 0);
}

int
sig_ignore(int sig)
{
	return set(sig, 1);
}

int
sig_default(int sig)
{
	return set(sig, 2);
}

int
sig_next(int *from_kernel)
{
	unsigned char b[2];
	ssize_t r;

	do
		r = read(pfd[0], b, 2);
	while (r < 0 && errno == EINTR);
	if (r != 2)
		return 0;
	if (from_kernel)
		*from_kernel = b[1];
	return b[0];
}

void
sig_reset_child(void)
{
	struct sigaction sa;
	sigset_t all;
	int s;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (s = 1; s < NSIG; s++)
		if (touched[s] || s == SIGPIPE)
			sigaction(s, &sa, NULL);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
}

int
sig_hold_all(sigset_t *old)
{
	sigset_t all;

	sigfillset(&all);
	return sigprocmask(SIG_BLOCK, &all, old);
}

int
sig_release(const sigset_t *old)
{
	return sigprocmask(SIG_SETMASK, old, NULL);
}

int
sig_block(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	return sigprocmask(SIG_BLOCK, &s, NULL);
}

int
sig_unblock(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	return sigprocmask(SIG_UNBLOCK, &s, NULL);
}
