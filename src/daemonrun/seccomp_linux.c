/* seccomp_linux.c: --seccomp and --seccomp-profile, a BPF filter built
 * here (no libseccomp), with the architecture checked; "not supported
 * on this platform" elsewhere. The profile parser is portable (and
 * fuzzed). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemonrun.h"
#include "io.h"
#include "syscalls.h"

/* What --seccomp denies: calls that change the system rather than the
 * process (mounts, modules, reboot, kexec, swap, clocks, accounting,
 * keyrings), reach into other processes (ptrace, process_vm_*, kcmp),
 * or are old attack surface (uselib, vm86, userfaultfd, bpf, perf). */
static const char *default_deny[] = {
	"mount", "umount", "umount2", "pivot_root", "move_mount", "fsopen",
	"fsmount", "fsconfig", "fspick", "open_tree", "mount_setattr",
	"reboot", "kexec_load", "kexec_file_load", "init_module",
	"finit_module", "delete_module", "create_module", "query_module",
	"get_kernel_syms", "ptrace", "process_vm_readv", "process_vm_writev",
	"kcmp", "swapon", "swapoff", "acct", "settimeofday", "stime",
	"clock_settime", "clock_adjtime", "adjtimex", "sethostname",
	"setdomainname", "iopl", "ioperm", "uselib", "vm86", "vm86old",
	"userfaultfd", "bpf", "perf_event_open", "lookup_dcookie",
	"open_by_handle_at", "name_to_handle_at", "quotactl", "nfsservctl",
	"_sysctl", "sysfs", "ustat", "add_key", "request_key", "keyctl",
	"syslog", "unshare", "setns"
};

static long
lookup(const char *name, size_t n, int *known)
{
	size_t i;

	for (i = 0; i < sizeof syscall_names / sizeof *syscall_names; i++)
		if (strlen(syscall_names[i].name) == n &&
		    memcmp(syscall_names[i].name, name, n) == 0) {
			*known = 1;
			return syscall_names[i].nr;
		}
	*known = 0;
	return -1;
}

static int
push_nr(long **nrs, size_t *n, long nr)
{
	long *nn;

	if (nr < 0)
		return 0;	/* a name without a call on this architecture */
	if ((nn = realloc(*nrs, sizeof *nn * (*n + 1))) == NULL)
		return -1;
	nn[(*n)++] = nr;
	*nrs = nn;
	return 0;
}

int
seccomp_profile_parse(const char *text, size_t len, int *allow, long **nrs,
    size_t *n, size_t *lineno, const char **why)
{
	const char *p = text, *end = text + len, *e, *s, *t;
	int have_mode = 0, known;
	long nr;

	*nrs = NULL;
	*n = 0;
	*lineno = 0;
	*allow = 0;
	while (p < end) {
		(*lineno)++;
		e = memchr(p, '\n', (size_t)(end - p));
		if (e == NULL)
			e = end;
		s = p;
		p = e < end ? e + 1 : end;
		/* Trim blanks and a comment. */
		for (t = s; t < e && *t != '#'; t++)
			if (*t == '\0') {
				*why = "NUL byte";
				goto fail;
			}
		e = t;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (s == e)
			continue;
		if (!have_mode) {
			if ((size_t)(e - s) == 5 && memcmp(s, "allow", 5) == 0)
				*allow = 1;
			else if ((size_t)(e - s) == 4 && memcmp(s, "deny", 4) == 0)
				*allow = 0;
			else {
				*why = "the first line must be allow or deny";
				goto fail;
			}
			have_mode = 1;
			continue;
		}
		for (t = s; t < e; t++)
			if (!((*t >= 'a' && *t <= 'z') || (*t >= '0' && *t <= '9') ||
			    *t == '_')) {
				*why = "not a system call name";
				goto fail;
			}
		nr = lookup(s, (size_t)(e - s), &known);
		if (!known) {
			static char msg[96];
			snprintf(msg, sizeof msg, "unknown system call '%.*s'",
			    (int)(e - s > 48 ? 48 : e - s), s);
			*why = msg;
			goto fail;
		}
		if (push_nr(nrs, n, nr) < 0) {
			*why = "out of memory";
			goto fail;
		}
	}
	if (!have_mode) {
		*why = "empty profile: allow or deny expected";
		*lineno = *lineno ? *lineno : 1;
		goto fail;
	}
	return 0;
fail:
	free(*nrs);
	*nrs = NULL;
	*n = 0;
	return -1;
}

#if defined(__linux__)
#include <linux/audit.h>
#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__i386__)
#define NATIVE_ARCH AUDIT_ARCH_I386
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#elif defined(__arm__)
#define NATIVE_ARCH AUDIT_ARCH_ARM
#elif defined(__riscv) && __riscv_xlen == 64
#define NATIVE_ARCH AUDIT_ARCH_RISCV64
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NATIVE_ARCH AUDIT_ARCH_PPC64LE
#elif defined(__s390x__)
#define NATIVE_ARCH AUDIT_ARCH_S390X
#endif
#endif	/* __linux__ */

#if defined(__linux__) && defined(NATIVE_ARCH)

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>

#ifndef SECCOMP_RET_KILL_PROCESS
#define SECCOMP_RET_KILL_PROCESS SECCOMP_RET_KILL
#endif

/* The filter: a call from another architecture (or the x32 ABI on
 * x86_64) kills the process; each listed call returns EPERM (deny) or
 * is allowed (allow), and the rest the other way. Each listed call is a
 * JEQ followed by its own RET, so no jump goes further than one. */
static struct sock_fprog *
build(int allow, const long *nrs, size_t n)
{
	struct sock_fprog *prog;
	struct sock_filter *f;
	size_t i, k = 0;
	unsigned deny = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);
	unsigned listed = allow ? SECCOMP_RET_ALLOW : deny;
	unsigned other = allow ? deny : SECCOMP_RET_ALLOW;

	if (2 * n + 8 > BPF_MAXINSNS) {
		errno = E2BIG;
		return NULL;
	}
	if ((prog = malloc(sizeof *prog)) == NULL)
		return NULL;
	if ((f = calloc(2 * n + 8, sizeof *f)) == NULL) {
		free(prog);
		return NULL;
	}
	f[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, arch));
	f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
	    NATIVE_ARCH, 1, 0);
	f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_KILL_PROCESS);
	f[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, nr));
#if defined(__x86_64__)
	f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K,
	    0x40000000, 0, 1);	/* __X32_SYSCALL_BIT */
	f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_KILL_PROCESS);
#endif
	for (i = 0; i < n; i++) {
		f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
		    (unsigned)nrs[i], 0, 1);
		f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, listed);
	}
	f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, other);
	prog->len = (unsigned short)k;
	prog->filter = f;
	return prog;
}

void *
seccomp_build(const char *profile, int *code, char *err, size_t len)
{
	long *nrs = NULL;
	size_t n = 0, i, line;
	int allow = 0, known;
	char *text;
	size_t tlen;
	const char *why;
	struct sock_fprog *prog;

	if (profile) {
		if (io_readfile(profile, 1 << 20, &text, &tlen) < 0) {
			snprintf(err, len, "unable to read %s: %s", profile,
			    strerror(errno));
			*code = 111;
			return NULL;
		}
		if (seccomp_profile_parse(text, tlen, &allow, &nrs, &n, &line,
		    &why) < 0) {
			snprintf(err, len, "bad --seccomp-profile %s: line %zu: %s",
			    profile, line, why);
			free(text);
			*code = 100;
			return NULL;
		}
		free(text);
	} else {
		for (i = 0; i < sizeof default_deny / sizeof *default_deny; i++)
			if (push_nr(&nrs, &n, lookup(default_deny[i],
			    strlen(default_deny[i]), &known)) < 0)
				break;
	}
	prog = build(allow, nrs, n);
	free(nrs);
	if (prog == NULL) {
		snprintf(err, len, "unable to build the seccomp filter: %s",
		    errno == E2BIG ? "too many system calls listed" :
		    strerror(errno));
		*code = errno == E2BIG ? 100 : 111;
	}
	return prog;
}

int
seccomp_install(void *prog)
{
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog, 0, 0) < 0)
		return errno;
	return 0;
}

#else	/* not Linux, or an architecture without a known AUDIT_ARCH */

void *
seccomp_build(const char *profile, int *code, char *err, size_t len)
{
	(void)profile;
	snprintf(err, len, "--seccomp is not supported on this platform");
	*code = 100;
	return NULL;
}

int
seccomp_install(void *prog)
{
	(void)prog;
	return ENOSYS;
}

#endif
