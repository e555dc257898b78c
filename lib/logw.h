/* logw.h: a rotating log file writer (teelog's files, plotq's job logs).
 *
 * One struct logw per live file PATH. The caller owns the input (pipes,
 * poll loop, buffers); logw owns the file: it appends, rotates, names,
 * prunes and compresses. It never prints, never exits, never blocks on
 * anything but the file system, and never waits for a child unless asked
 * (logw_close). Errors are -1 with errno; logw_failed() says which step.
 *
 * Writing. logw_write() takes bytes and reports in *done how many it
 * consumed; the caller keeps the rest and offers it again later (with
 * more data after it). Bytes are consumed when written, or refused for
 * two reasons only:
 *   - a write, rotation or open failed (ENOSPC, EIO, EFBIG, ...): the call
 *     returns -1; *done bytes went in before. Retry later: backpressure,
 *     never silent loss.
 *   - the data ends in an unterminated line that may not fit in the
 *     current file: it is held back (returns 0, *done < n) until its
 *     newline arrives, it reaches line_max, or the caller passes
 *     LOGW_IDLE (the input paused) or LOGW_EOF (no more input).
 * The caller's buffer must therefore hold at least line_max bytes plus
 * whatever it reads at once.
 *
 * Rotation keeps lines whole without looking at every byte. While the file
 * is smaller than max_size - line_max, any line that starts in it either
 * ends before max_size or is longer than line_max, so bytes go straight in
 * (and logw_splice may move them without copying). Past that point the
 * lines are looked at: a complete line that would not fit rotates first;
 * an unterminated one is held as above, and when written after a pause
 * (LOGW_IDLE) it first rotates so that it may grow (a pause may thus
 * rotate a little early). The results: no file exceeds max_size except
 * one whose first line alone is longer than it; no line shorter than
 * line_max is split across two files; a longer one may be cut (bytes are
 * never added or removed here). A rotation that is due (max_age,
 * logw_rotate) waits for the end of the current line.
 *
 * Durability: the file is fsynced before each rotation and at close (and
 * after every batch with opts.fsync); its writeback is started every 4 MiB
 * (Linux sync_file_range) so that those syncs are short.
 *
 * Rotated files are PATH.YYYYMMDDTHHMMSS.mmmZ (UTC, the rotation time),
 * with -1, -2, ... on a clash, renamed without ever replacing a file. The
 * live file is created again at once with the configured mode. max_count
 * keeps the newest rotated files by their parsed (time, N), not by name
 * ("X-1.gz" sorts before "X.gz" as a name but is newer).
 *
 * Processors (opts.compress): after a rotation, "/bin/sh -c CMD" runs in
 * the background in its own process group with the rotated file on stdin
 * and PATH.STAMP.SUFFIX.tmp on stdout (SUFFIX from the command's name:
 * gzip .gz, bzip2 .bz2, xz .xz, zstd .zst, lz4 .lz4, else none). When it
 * exits 0 the output is fsynced and renamed to PATH.STAMP.SUFFIX and the
 * rotated file removed; otherwise the output is removed and the rotated
 * file kept (an event says so). At most LOGW_MAX_PROCS run at once per
 * log; later rotations queue. The caller reaps: after SIGCHLD it calls
 * logw_reap() (which waits only for logw's own pids, never for -1), and
 * logw_close() waits for the rest.
 */
#ifndef TK_LOGW_H
#define TK_LOGW_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define LOGW_LINE_MAX_DEFAULT 65536
#define LOGW_MAX_PROCS 4

enum logw_evtype {
	LOGW_EV_ROTATED,	/* path: the rotated file */
	LOGW_EV_PROCESSED,	/* path: the processor's output, in place */
	LOGW_EV_PROCESS_FAILED,	/* path: the rotated file, kept; status or err */
	LOGW_EV_DELETED,	/* path: removed to honour max_count */
	LOGW_EV_DELETE_FAILED,	/* path, err */
	LOGW_EV_SCAN_FAILED	/* path: the directory; err */
};

struct logw_event {
	enum logw_evtype type;
	const char *path;
	int err;		/* errno, or 0 */
	int status;		/* wait status of a processor, or -1 */
};

struct logw_opts {
	uint64_t max_size;	/* bytes; 0: no limit */
	int64_t max_age;	/* ms the first line may age; 0: no limit */
	long max_count;		/* rotated files kept; -1: all */
	size_t line_max;	/* longest line kept whole; 0: the default */
	mode_t mode;		/* of created files (umask does not apply) */
	int fsync;		/* fsync after every batch, not only at rotation */
	const char *compress;	/* processor command, or NULL */
	/* Told what happened in the background; may be NULL. */
	void (*event)(void *arg, const struct logw_event *ev);
	void *event_arg;
};

/* Flags for logw_write. */
#define LOGW_IDLE 1	/* the input paused: write a held line now */
#define LOGW_EOF 2	/* no more input follows: write everything */

struct logw;

/* Open (creating) PATH for appending and lock it (fcntl, see lock.h).
 * An existing file is continued; its mtime stands for the age of its
 * first line. A path that is not a regular file (a FIFO, /dev/null) is
 * written to but never rotated. NULL with errno on failure (EWOULDBLOCK:
 * another writer holds the lock). opts is copied, compress included. */
struct logw *logw_open(const char *path, const struct logw_opts *opts);

/* Append up to n bytes (see above). Returns 0, or -1 with errno. */
int logw_write(struct logw *w, const void *buf, size_t n, int flags,
    size_t *done);

/* How many bytes logw_splice may move now without looking at them (0:
 * use logw_write: near max_size, a rotation due, or splicing refused). */
size_t logw_splice_room(struct logw *w);

/* Move up to len (<= logw_splice_room) bytes from the pipe fd into the
 * file without copying (Linux splice(2)). Returns the count moved, 0 at
 * end of input, or -1: EAGAIN the pipe is empty; EINVAL or ENOSYS
 * splicing is not possible here (from now on logw_splice_room is 0);
 * anything else is a failure of the file, as for logw_write. */
ssize_t logw_splice(struct logw *w, int fd, size_t len);

/* Copy up to len bytes from pipe in to pipe out without consuming them
 * (Linux tee(2)); blocks while out is full. -1 ENOSYS elsewhere. */
ssize_t logw_tee(int in, int out, size_t len);

/* Rotate now (SIGALRM), or at the end of the current line. Nothing is
 * done to an empty file. 0 or -1. */
int logw_rotate(struct logw *w);

/* Close and open PATH again (SIGHUP, after it was moved away). */
int logw_reopen(struct logw *w);

/* Rotate if max_age has come (now in ms since the epoch). Returns the
 * next time (same clock) to call again, or -1 when there is none. */
int64_t logw_tick(struct logw *w, int64_t now);

/* Collect finished processors without blocking. Returns how many are
 * still running or queued. */
int logw_reap(struct logw *w);

/* Processors running or queued. */
int logw_busy(const struct logw *w);

/* Flush and fsync, close, wait for every processor (running and queued),
 * free. Returns 0, or -1 with errno (the fsync or close failed; w is
 * freed anyway). */
int logw_close(struct logw *w);

const char *logw_path(const struct logw *w);
/* The step that failed last: "write to", "rotate", "open", "fsync". */
const char *logw_failed(const struct logw *w);
/* The live file's size. */
uint64_t logw_size(const struct logw *w);

/* The suffix a processor command adds (".gz" for "gzip -9"), or "". */
const char *logw_suffix(const char *cmd);

/* A rotated file's name, parsed. */
struct logw_name {
	char stamp[21];		/* "20261121T093015.123Z" */
	unsigned long seq;	/* the -N, 0 when absent */
	const char *suffix;	/* points into the name: "" or ".gz" ... */
};

/* Whether name (a directory entry) is a rotated file of the live file
 * named base: base "." STAMP ["-" N] [SUFFIX], where SUFFIX is empty or
 * "." followed by letters and digits, not ".tmp". 0 and *out filled, or
 * -1. */
int logw_name_parse(const char *base, const char *name, struct logw_name *out);
/* Order of two rotated names: <0 when a is older than b. */
int logw_name_cmp(const struct logw_name *a, const struct logw_name *b);

#endif
