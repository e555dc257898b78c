/* sys_linux.c: Linux process controls, with portable fallbacks that do
 * nothing (the chain then relies on daemonctl exiting cleanly). */
#include <signal.h>

#ifdef __linux__
#include <sys/prctl.h>
#endif

int sys_pdeathsig(int sig);

/* Ask for sig when the parent dies (in a child before exec). */
int
sys_pdeathsig(int sig)
{
#ifdef __linux__
	return prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0);
#else
	(void)sig;
	return 0;
#endif
}
