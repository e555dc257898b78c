/* svstatus.h: the status file of a supervised command's state directory.
 *
 * daemonrun --state-dir DIR rewrites DIR/status atomically (afile_write)
 * on every change; daemonctl and healthcheck read it. The file is text,
 * one key=value per line, in this order (OVERVIEW.md):
 *
 *	state=up		starting|up|stopping|down|backoff|failed
 *	want=up			up|down|once
 *	pid=4121		the command's pid, 0 when none runs
 *	pgid=4121		its process group, 0 when none runs
 *	since=1763700000.123	Unix time (ms) of the last state change
 *	started=1763700000.100	when the running command started, 0 if none
 *	restarts=3		restarts since the supervisor started
 *	last_exit=exit 1	"exit N", "signal NAME", empty before any exit
 *	supervisor_pid=4120	the supervisor (daemonrun)
 *	pid_start=123456	Linux: the command's start time in clock ticks
 *				after boot (/proc/PID/stat field 22), 0 unknown;
 *				tells a recycled pid from the command
 *	stop_signal=TERM	what stops the command
 *	reload_signal=HUP	what reloads it
 *
 * Readers ignore keys they do not know and use defaults for missing
 * ones (state is required). "Is the supervisor running" is "is DIR/lock
 * held", never "does supervisor_pid exist": svstatus_load() asks both. */
#ifndef TK_SVSTATUS_H
#define TK_SVSTATUS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "buf.h"

enum { SV_STARTING, SV_UP, SV_STOPPING, SV_DOWN, SV_BACKOFF, SV_FAILED };
enum { SV_WANT_UP, SV_WANT_DOWN, SV_WANT_ONCE };

struct svstatus {
	int state;			/* SV_* */
	int want;			/* SV_WANT_* */
	pid_t pid;
	pid_t pgid;
	int64_t since_ms;
	int64_t started_ms;
	unsigned long restarts;
	char last_exit[32];
	pid_t supervisor_pid;
	unsigned long long pid_start;
	char stop_signal[16];
	char reload_signal[16];
};

/* Names and their inverses (-1 when unknown). */
const char *svstatus_state_name(int state);
int svstatus_state(const char *name);
const char *svstatus_want_name(int want);
int svstatus_want(const char *name);

/* A status with every field at its default (state down, want up). */
void svstatus_init(struct svstatus *st);

/* Append the file's text to out: 0, or -1 (ENOMEM). */
int svstatus_format(const struct svstatus *st, struct buf *out);
/* Parse the text: 0, or -1 with *why ("line 3: bad pid"; static). */
int svstatus_parse(const char *text, size_t len, struct svstatus *st,
    const char **why);

/* Write path atomically (mode 0644): 0, or -1 with errno. */
int svstatus_write(const char *path, const struct svstatus *st);
/* Read path: 0; -1 with errno (I/O, *why NULL) or errno EINVAL and *why. */
int svstatus_read(const char *path, struct svstatus *st, const char **why);

/* Read DIR/status and whether DIR/lock is held. *running is 1 when a
 * supervisor holds the lock, 0 when not (the status is then stale:
 * callers should treat the command as down). Returns 0, or -1 as
 * svstatus_read (ENOENT: no status file; *running is still set). */
int svstatus_load(const char *dir, struct svstatus *st, int *running,
    const char **why);

#endif
