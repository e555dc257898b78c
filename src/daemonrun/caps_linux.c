/* caps_linux.c: --caps-keep and --caps-drop, with capget/capset and
 * prctl (no libcap); "not supported on this platform" elsewhere. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "daemonrun.h"

/* The capability names, by number (the kernel's ABI). */
static const char *cap_names[] = {
	"chown", "dac_override", "dac_read_search", "fowner", "fsetid",
	"kill", "setgid", "setuid", "setpcap", "linux_immutable",
	"net_bind_service", "net_broadcast", "net_admin", "net_raw",
	"ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot",
	"sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
	"sys_resource", "sys_time", "sys_tty_config", "mknod", "lease",
	"audit_write", "audit_control", "setfcap", "mac_override",
	"mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read",
	"perfmon", "bpf", "checkpoint_restore"
};
#define NCAPS ((int)(sizeof cap_names / sizeof *cap_names))

int
caps_parse(const char *list, uint64_t *mask, const char **bad)
{
	static char name[64];
	const char *p = list, *e;
	size_t n;
	int i, found;

	*mask = 0;
	for (;;) {
		while (*p == ',' || *p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e && *e != ',' && *e != ' '; e++)
			;
		n = (size_t)(e - p);
		if (n >= 4 && strncasecmp(p, "cap_", 4) == 0) {
			p += 4;
			n -= 4;
		}
		found = 0;
		if (n == 3 && strncasecmp(p, "all", 3) == 0) {
			*mask = ALL_CAPS;
			found = 1;
		}
		for (i = 0; i < NCAPS && !found; i++)
			if (strlen(cap_names[i]) == n &&
			    strncasecmp(p, cap_names[i], n) == 0) {
				*mask |= (uint64_t)1 << i;
				found = 1;
			}
		if (!found) {
			snprintf(name, sizeof name, "%.*s", (int)(e - p), p);
			*bad = name;
			return -1;
		}
		p = e;
	}
	return 0;
}

void
caps_names(uint64_t mask, char *buf, size_t len)
{
	size_t o = 0;
	int i;

	if (len)
		buf[0] = '\0';
	for (i = 0; i < NCAPS; i++)
		if (mask & ((uint64_t)1 << i)) {
			int r = snprintf(buf + o, len - o, "%s%s", o ? "," : "",
			    cap_names[i]);
			if (r < 0 || (size_t)r >= len - o)
				return;
			o += (size_t)r;
		}
}

#ifdef __linux__

#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The last capability this kernel knows. */
static int
last_cap(void)
{
	int c;

	for (c = 63; c > 0; c--)
		if (prctl(PR_CAPBSET_READ, c, 0, 0, 0) >= 0)
			return c;
	return 0;
}

int
caps_bound(uint64_t keep)
{
	int c, last = last_cap();

	for (c = 0; c <= last; c++)
		if (!(keep & ((uint64_t)1 << c)) &&
		    prctl(PR_CAPBSET_READ, c, 0, 0, 0) == 1 &&
		    prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0)
			return errno;
	return 0;
}

int
caps_keepcaps(void)
{
	return prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0 ? errno : 0;
}

int
caps_set_sets(uint64_t keep, int ambient)
{
	struct __user_cap_header_struct h;
	struct __user_cap_data_struct d[2];
	uint64_t perm, inh;
	int c, last = last_cap();

	memset(&h, 0, sizeof h);
	memset(d, 0, sizeof d);
	h.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capget, &h, d) < 0)
		return errno;
	perm = ((uint64_t)d[1].permitted << 32 | d[0].permitted) & keep;
	inh = ((uint64_t)d[1].inheritable << 32 | d[0].inheritable) & keep;
	/* The inheritable set grows only for the ambient set, which needs
	 * it; for root the bounding set is what exec keeps. */
	if (ambient)
		inh = perm;
	d[0].permitted = d[0].effective = (uint32_t)perm;
	d[1].permitted = d[1].effective = (uint32_t)(perm >> 32);
	d[0].inheritable = (uint32_t)inh;
	d[1].inheritable = (uint32_t)(inh >> 32);
	if (syscall(SYS_capset, &h, d) < 0)
		return errno;
	/* The ambient set: what a non-root CMD keeps across exec. */
	for (c = 0; c <= last; c++) {
		int want = ambient && (perm & ((uint64_t)1 << c));
		if (prctl(PR_CAP_AMBIENT, want ? PR_CAP_AMBIENT_RAISE :
		    PR_CAP_AMBIENT_LOWER, c, 0, 0) < 0 && errno != EINVAL)
			return errno;
	}
	if (ambient)
		(void)prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
	return 0;
}

#else	/* !__linux__ */

int
caps_bound(uint64_t keep)
{
	(void)keep;
	return ENOSYS;
}

int
caps_keepcaps(void)
{
	return ENOSYS;
}

int
caps_set_sets(uint64_t keep, int ambient)
{
	(void)keep;
	(void)ambient;
	return ENOSYS;
}

#endif
