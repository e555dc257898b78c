/* ptab.h: a snapshot of the process table, for status displays.
 *
 * ptab_read() reads every process once (Linux: /proc/PID/stat) into an
 * array sorted by pid: parent, process group, state, thread count, CPU
 * time, start time and resident size. The costlier figures (open file
 * descriptors, the command line) are read for one process at a time by
 * ptab_detail(), for the processes actually shown. ptab_stat() reads one
 * process without the scan. On systems without /proc these return -1
 * with errno ENOTSUP.
 *
 * Times are in clock ticks (ptab_hz() per second): CPU time is utime +
 * stime, start is the time after boot the process started (a pid with
 * another start time is another process), ptab_uptime() the ticks since
 * boot now. ptab_cpu_percent() is CPU time over the life of a process, as
 * ps(1) shows it; two readings give the use in between. */
#ifndef TK_PTAB_H
#define TK_PTAB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct ptab_proc {
	pid_t pid, ppid, pgid, sid;
	char state;		/* R, S, D, Z, T, ... */
	int threads;
	uint64_t ticks;		/* utime + stime */
	uint64_t start;		/* clock ticks after boot */
	uint64_t rss;		/* bytes */
	char comm[32];		/* the name the kernel keeps (15 chars) */
	int fds;		/* open descriptors; -1 until ptab_detail, or unknown */
	char *cmdline;		/* arguments joined by spaces; NULL until ptab_detail */
};

struct ptab {
	struct ptab_proc *p;	/* sorted by pid */
	size_t n;
};

/* Read the whole table: 0, or -1 with errno. */
int ptab_read(struct ptab *t);
void ptab_free(struct ptab *t);
/* The entry for pid, or NULL. */
struct ptab_proc *ptab_find(const struct ptab *t, pid_t pid);
/* The children of pid (by parent pid), in pid order, up to max: how many
 * there are (may be more than max). */
size_t ptab_children(const struct ptab *t, pid_t pid, struct ptab_proc **out,
    size_t max);

/* The oldest child of pid still there (the main thread's, from
 * /proc/PID/task/PID/children): its pid, 0 when it has none, or -1 with
 * errno when the kernel does not tell (ENOTSUP, ENOENT). */
pid_t ptab_first_child(pid_t pid);
/* One process, without the scan: 0, or -1 with errno (ESRCH: gone). */
int ptab_stat(pid_t pid, struct ptab_proc *p);
/* Fill p->fds and p->cmdline (freed by ptab_free, or by ptab_proc_free
 * for a process read with ptab_stat): 0, or -1 with errno. An fd count
 * that cannot be read (permissions) stays -1; a command line that cannot
 * be read (a kernel thread, a zombie) becomes "[comm]". */
int ptab_detail(struct ptab_proc *p);
void ptab_proc_free(struct ptab_proc *p);

long ptab_hz(void);
/* Clock ticks since boot, now; 0 when unknown. */
uint64_t ptab_uptime(void);
/* CPU time over the process's life, in percent of one CPU. */
double ptab_cpu_percent(const struct ptab_proc *p, uint64_t uptime);

#endif
