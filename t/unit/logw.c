/* t/unit/logw.c: the rotating log writer (lib/logw.c): naming, holding,
 * rotation at line boundaries, pruning, processors, and the invariants
 * under random input, chunking and pauses. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "io.h"
#include "logw.h"
#include "logw_check.h"
#include "tap.h"
#include "tstamp.h"

/* Rotated files, in the order logw made them. */
static char *rotated[4096];
static int nrotated;
static int nprocessed, nfailed, ndeleted;

static void
on_event(void *arg, const struct logw_event *ev)
{
	(void)arg;
	switch (ev->type) {
	case LOGW_EV_ROTATED:
		if (nrotated < 4096)
			rotated[nrotated++] = strdup(ev->path);
		break;
	case LOGW_EV_PROCESSED:
		nprocessed++;
		break;
	case LOGW_EV_PROCESS_FAILED:
		nfailed++;
		break;
	case LOGW_EV_DELETED:
		ndeleted++;
		break;
	default:
		break;
	}
}

static void
forget_rotated(void)
{
	while (nrotated > 0)
		free(rotated[--nrotated]);
}

static struct logw_opts
opts(uint64_t max, size_t line_max)
{
	struct logw_opts o;

	memset(&o, 0, sizeof o);
	o.max_size = max;
	o.line_max = line_max;
	o.max_count = -1;
	o.mode = 0640;
	o.event = on_event;
	return o;
}

static char *
slurp(const char *path, size_t *len)
{
	char *p;

	if (io_readfile(path, 1 << 28, &p, len) < 0)
		return NULL;
	return p;
}

static off_t
fsize(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : -1;
}

static void
rm_logs(const char *base)
{
	char cmd[512];

	snprintf(cmd, sizeof cmd, "rm -f %s %s.*", base, base);
	if (system(cmd) != 0)
		fprintf(stderr, "rm failed\n");
}

/* Write s whole, as a caller keeping what is not consumed would. */
static int
put(struct logw *w, const char *s, int flags, size_t *done)
{
	return logw_write(w, s, strlen(s), flags, done);
}

static void
test_names(void)
{
	struct logw_name a, b;

	ok(logw_name_parse("out.log", "out.log.20261121T093015.123Z", &a) == 0 &&
	    strcmp(a.stamp, "20261121T093015.123Z") == 0 && a.seq == 0 &&
	    *a.suffix == '\0', "plain rotated name");
	ok(logw_name_parse("out.log", "out.log.20261121T093015.123Z-12.gz", &b) == 0 &&
	    b.seq == 12 && strcmp(b.suffix, ".gz") == 0, "with -N and .gz");
	ok(logw_name_cmp(&a, &b) < 0, "-12 is newer than the plain name");
	ok(logw_name_parse("out.log", "out.log.20261121T093015.123Z.gz", &a) == 0 &&
	    logw_name_parse("out.log", "out.log.20261121T093015.123Z-1.gz", &b) == 0 &&
	    logw_name_cmp(&a, &b) < 0, "X.gz older than X-1.gz (not name order)");
	ok(logw_name_parse("out.log", "out.log.20261121T093015.123Z.gz.tmp", &a) < 0,
	    "processor output in progress is not a rotated file");
	ok(logw_name_parse("out.log", "out.log.20261121T093015.123Z.tmp", &a) < 0,
	    ".tmp refused");
	ok(logw_name_parse("out.log", "out.log", &a) < 0, "live file refused");
	ok(logw_name_parse("out.log", "out.log.1", &a) < 0, "logrotate name refused");
	ok(logw_name_parse("out.log", "out.logx20261121T093015.123Z", &a) < 0,
	    "no dot refused");
	ok(logw_name_parse("out", "out.log.20261121T093015.123Z", &a) < 0,
	    "another log's file refused");
	ok(logw_name_parse("out.log", "out.log.20261121T093015.123Z-0", &a) < 0,
	    "-0 refused");
	ok(logw_name_parse("out.log", "out.log.20261121T093015.123Z-", &a) < 0,
	    "bare - refused");
	ok(logw_name_parse("out.log", "out.log.20261121T093015.123Z-1234567890", &a) < 0,
	    "absurd -N refused");
	ok(logw_name_parse("out.log", "out.log.20261121T093015.12Z", &a) < 0,
	    "short stamp refused");
	ok(logw_name_parse("out.log", "out.log.20261121T093015.123Z.", &a) < 0,
	    "empty suffix refused");
	ok(logw_name_parse("out.log", "out.log.20261121T093015.123Z.g-z", &a) < 0,
	    "odd suffix refused");
	is_str(logw_suffix("gzip"), ".gz", "gzip suffix");
	is_str(logw_suffix("  /usr/bin/xz -9 -T0"), ".xz", "xz with a path and options");
	is_str(logw_suffix("zstd -q"), ".zst", "zstd");
	is_str(logw_suffix("bzip2"), ".bz2", "bzip2");
	is_str(logw_suffix("lz4"), ".lz4", "lz4");
	is_str(logw_suffix("tr a-z A-Z"), "", "unknown processor: no suffix");
	is_str(logw_suffix(NULL), "", "no processor");
}

static void
touch(const char *name)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0)
		close(fd);
}

static void
test_basic(void)
{
	struct logw_opts o = opts(0, 16);
	struct logw *w, *w2;
	struct stat st;
	size_t done;
	char *p;
	size_t len;
	mode_t old;

	old = umask(077);
	w = logw_open("basic.log", &o);
	umask(old);
	ok(w != NULL, "open creates");
	ok(stat("basic.log", &st) == 0 && (st.st_mode & 0777) == 0640,
	    "mode 0640 despite umask 077");
	errno = 0;
	w2 = logw_open("basic.log", &o);
	ok(w2 == NULL && errno == EWOULDBLOCK, "a second writer is refused");
	ok(put(w, "one\ntwo", 0, &done) == 0 && done == 7, "no limit: all in");
	ok(logw_close(w) == 0, "close");
	w = logw_open("basic.log", &o);
	ok(w != NULL && logw_size(w) == 7, "reopen continues at the end");
	ok(put(w, "\n", 0, &done) == 0 && done == 1, "more");
	logw_close(w);
	p = slurp("basic.log", &len);
	ok(p && len == 8 && memcmp(p, "one\ntwo\n", 8) == 0, "content");
	free(p);
	rm_logs("basic.log");
}

static void
test_rotation(void)
{
	struct logw_opts o = opts(40, 10);
	struct logw *w;
	size_t done;
	char *p;
	size_t len;

	forget_rotated();
	w = logw_open("rot.log", &o);
	/* Free below 30 bytes: everything goes in as it comes. */
	ok(put(w, "0123456789012345678901234567\n", 0, &done) == 0 && done == 29,
	    "below max_size - line_max: straight in");
	ok(put(w, "abc", 0, &done) == 0 && done == 3, "a line starting there too");
	ok(put(w, "\n", 0, &done) == 0 && done == 1 && logw_size(w) == 33,
	    "its end");
	ok(put(w, "xy", 0, &done) == 0 && done == 0,
	    "an unterminated line near max_size is held");
	ok(put(w, "xyz\n", 0, &done) == 0 && done == 4 && logw_size(w) == 37,
	    "complete and fitting: written");
	ok(put(w, "12345\n", 0, &done) == 0 && done == 6 && nrotated == 1 &&
	    logw_size(w) == 6, "complete, not fitting: rotation first");
	ok(fsize(rotated[0]) == 37, "rotated file whole");
	p = slurp(rotated[0], &len);
	ok(p && len == 37 && p[36] == '\n', "rotated file ends a line");
	free(p);
	ok(logw_rotate(w) == 0 && nrotated == 2 && logw_size(w) == 0,
	    "rotate at a boundary: now");
	ok(logw_rotate(w) == 0 && nrotated == 2, "empty file: no rotation");
	ok(put(w, "0123456789012345678901234567890123456789012345\n", 0, &done) == 0 &&
	    done == 47 && nrotated == 3 && logw_size(w) == 7,
	    "a line longer than line_max may be cut at max_size");
	ok(fsize(rotated[2]) == 40, "which is then full");
	ok(put(w, "a\n", 0, &done) == 0 && nrotated == 3 && logw_size(w) == 9,
	    "the cut line's end and the next line go on");
	ok(put(w, "partial", 0, &done) == 0 && done == 7,
	    "free region: a partial line goes in");
	ok(logw_rotate(w) == 0 && nrotated == 3, "mid-line: rotation waits");
	ok(put(w, " end\nnext\n", 0, &done) == 0 && done == 10 && nrotated == 4 &&
	    logw_size(w) == 5, "and happens at the end of the line");
	logw_close(w);
	rm_logs("rot.log");

	/* A complete over-long line met at a boundary goes whole. */
	forget_rotated();
	w = logw_open("rot.log", &o);
	put(w, "0123456789012345678901234567890123\n", 0, &done);
	ok(put(w, "0123456789012345678901234567890123456789012345\nb\n", 0,
	    &done) == 0 && nrotated == 2 && fsize(rotated[1]) == 47 &&
	    logw_size(w) == 2, "a whole line longer than max_size: alone in its file");
	logw_close(w);
	rm_logs("rot.log");
}

static struct logw *
fresh(const char *name, uint64_t max, size_t line_max)
{
	struct logw_opts o = opts(max, line_max);
	size_t done;
	struct logw *w;

	rm_logs(name);
	forget_rotated();
	w = logw_open(name, &o);
	put(w, "01234567890123456789012345678901234\n", 0, &done);	/* 36 */
	return w;
}

static void
test_hold(void)
{
	struct logw *w;
	size_t done;

	w = fresh("hold.log", 40, 10);
	ok(put(w, "abc", 0, &done) == 0 && done == 0, "held");
	ok(put(w, "abc", LOGW_IDLE, &done) == 0 && done == 3 && nrotated == 1 &&
	    logw_size(w) == 3, "after a pause: rotation first, then written");
	ok(put(w, "defghijklmnopqrstuvwxyz01234\n", 0, &done) == 0 &&
	    nrotated == 1 && logw_size(w) == 32,
	    "so the line may grow up to max_size");
	logw_close(w);

	w = fresh("hold.log", 40, 10);
	ok(put(w, "ab", LOGW_EOF, &done) == 0 && done == 2 && nrotated == 0 &&
	    logw_size(w) == 38, "at the end: written, no rotation needed");
	logw_close(w);

	w = fresh("hold.log", 40, 10);
	ok(put(w, "abcdef", LOGW_EOF, &done) == 0 && done == 6 && nrotated == 1 &&
	    logw_size(w) == 6, "at the end, not fitting: rotation first");
	logw_close(w);

	w = fresh("hold.log", 40, 10);
	ok(put(w, "0123456789", 0, &done) == 0 && done == 10 && nrotated == 1 &&
	    logw_size(w) == 10, "a line reaching line_max: rotation, written");
	ok(put(w, "0123456789012345678901234567890123456789abc", 0, &done) == 0 &&
	    done == 43 && nrotated == 2 && logw_size(w) == 13,
	    "an over-long line is cut at max_size");
	logw_close(w);
	rm_logs("hold.log");
}

static void
test_small_max(void)
{
	/* max_size below line_max: every line is looked at. */
	struct logw_opts o = opts(8, 100);
	struct logw *w;
	size_t done;

	forget_rotated();
	w = logw_open("small.log", &o);
	ok(logw_splice_room(w) == 0, "no splicing when max_size <= line_max");
	ok(put(w, "0123456789abcdef", 0, &done) == 0 && done == 16,
	    "the first line of a file goes in as it comes");
	ok(put(w, "ghij\nab", 0, &done) == 0 && done == 5 && nrotated == 0,
	    "until its end; the next is held");
	ok(put(w, "ab\n", 0, &done) == 0 && done == 3 && nrotated == 1 &&
	    logw_size(w) == 3, "then starts a new file");
	logw_close(w);
	rm_logs("small.log");
}

static void
test_existing(void)
{
	struct logw_opts o = opts(40, 10);
	struct logw *w;
	size_t done;
	int fd;
	struct timeval tv[2];

	forget_rotated();
	fd = open("old.log", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (write(fd, "0123456789012345678901234567890123456789old", 43) != 43)
		perror("write");
	close(fd);
	w = logw_open("old.log", &o);
	ok(put(w, " line\n", 0, &done) == 0 && nrotated == 1 && done == 6,
	    "an over-full file ending mid-line: cut, continued in a new file");
	logw_close(w);
	rm_logs("old.log");

	/* max_age: an existing file is as old as its mtime says. */
	forget_rotated();
	fd = open("age.log", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (write(fd, "x\n", 2) != 2)
		perror("write");
	close(fd);
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= 3600;
	tv[1] = tv[0];
	utimes("age.log", tv);
	o.max_age = 60000;
	w = logw_open("age.log", &o);
	ok(logw_tick(w, (int64_t)time(NULL) * 1000) < 0 && nrotated == 1,
	    "an hour-old file rotates on the first tick");
	ok(logw_tick(w, (int64_t)time(NULL) * 1000) < 0, "empty: no deadline");
	put(w, "y\n", 0, &done);
	ok(logw_tick(w, (int64_t)time(NULL) * 1000) > 0 && nrotated == 1,
	    "fresh line: a deadline, no rotation");
	ok(logw_tick(w, (int64_t)time(NULL) * 1000 + 61000) < 0 && nrotated == 2,
	    "a minute later: rotated");
	put(w, "z", 0, &done);
	ok(logw_tick(w, (int64_t)time(NULL) * 1000 + 61000) < 0 && nrotated == 2,
	    "due mid-line: waits");
	put(w, "\n", 0, &done);
	ok(nrotated == 2 && logw_size(w) == 2, "the line's end is written");
	put(w, "w\n", 0, &done);
	ok(nrotated == 3 && logw_size(w) == 2,
	    "then the rotation on the next write");
	logw_close(w);
	rm_logs("age.log");
}

/* A clash: every name of the next few seconds is taken, so the rotated
 * file must get a -N. */
static void
test_clash(void)
{
	struct logw_opts o = opts(0, 0);
	struct logw *w;
	size_t done;
	char name[100], stamp[TSTAMP_MAX];
	struct timespec ts;
	time_t t0;
	int ms, s;

	forget_rotated();
	w = logw_open("cl.log", &o);
	put(w, "x\n", 0, &done);
	t0 = time(NULL);
	for (s = 0; s < 3; s++)
		for (ms = 0; ms < 1000; ms++) {
			ts.tv_sec = t0 + s;
			ts.tv_nsec = ms * 1000000L;
			tstamp_compact(stamp, &ts);
			snprintf(name, sizeof name, "cl.log.%s", stamp);
			touch(name);
		}
	logw_rotate(w);
	logw_close(w);
	if (time(NULL) >= t0 + 3) {
		ok(1, "# skip clash: too slow to hit the taken names");
	} else {
		ok(nrotated == 1 && strlen(rotated[0]) > 2 &&
		    strcmp(rotated[0] + strlen(rotated[0]) - 2, "-1") == 0 &&
		    fsize(rotated[0]) == 2, "a taken name gets -1: %s",
		    nrotated ? rotated[0] : "none");
	}
	rm_logs("cl.log");
}

static void
test_reopen(void)
{
	struct logw_opts o = opts(0, 0);
	struct logw *w;
	size_t done;

	w = logw_open("re.log", &o);
	put(w, "a\n", 0, &done);
	ok(rename("re.log", "re.log.moved") == 0, "moved away (logrotate)");
	put(w, "b\n", 0, &done);
	ok(logw_reopen(w) == 0, "reopen");
	put(w, "c\n", 0, &done);
	logw_close(w);
	ok(fsize("re.log.moved") == 4 && fsize("re.log") == 2,
	    "writes before the reopen in the old file, after it in the new");
	unlink("re.log.moved");
	rm_logs("re.log");
}

static void
test_prune(void)
{
	struct logw_opts o = opts(0, 0);
	struct logw *w;
	size_t done;

	forget_rotated();
	ndeleted = 0;
	touch("pr.log.20200101T000000.000Z.gz");
	touch("pr.log.20200101T000000.000Z-1.gz");
	touch("pr.log.20200101T000000.000Z-2");
	touch("pr.log.20200101T000001.000Z");
	touch("pr.log.20200101T000001.000Z.gz");	/* same (time, N) */
	touch("pr.log.1");				/* not ours */
	touch("pr.log.20200101T000000.000Z.gz.tmp");	/* in progress */
	o.max_count = 3;
	w = logw_open("pr.log", &o);
	put(w, "x\n", 0, &done);
	logw_rotate(w);
	logw_close(w);
	ok(fsize(rotated[0]) == 2, "rotated");
	ok(fsize("pr.log.20200101T000001.000Z") == 0 &&
	    fsize("pr.log.20200101T000001.000Z.gz") == 0 &&
	    fsize("pr.log.20200101T000000.000Z-2") == 0, "the three newest kept");
	ok(fsize("pr.log.20200101T000000.000Z-1.gz") < 0 &&
	    fsize("pr.log.20200101T000000.000Z.gz") < 0,
	    "older ones removed, by (time, N) not name");
	ok(fsize("pr.log.1") == 0 && fsize("pr.log.20200101T000000.000Z.gz.tmp") == 0,
	    "foreign and temporary files untouched");
	ok(ndeleted == 2, "two deletions reported");
	unlink("pr.log.1");
	unlink("pr.log.20200101T000000.000Z.gz.tmp");
	rm_logs("pr.log");

	/* max_count 0: no rotated file kept. */
	o.max_count = 0;
	w = logw_open("p0.log", &o);
	put(w, "x\n", 0, &done);
	logw_rotate(w);
	logw_close(w);
	ok(system("test $(ls p0.log* | wc -l) = 1") == 0,
	    "max_count 0 keeps only the live file");
	rm_logs("p0.log");
}

static void
test_process(void)
{
	struct logw_opts o = opts(0, 0);
	struct logw *w;
	size_t done;
	char name[300];
	int i;

	forget_rotated();
	nprocessed = nfailed = 0;
	o.compress = "gzip";
	w = logw_open("gz.log", &o);
	put(w, "hello\n", 0, &done);
	logw_rotate(w);
	ok(logw_busy(w) == 1, "a processor runs");
	for (i = 0; i < 500 && logw_reap(w) > 0; i++)
		usleep(10000);
	ok(logw_busy(w) == 0 && nprocessed == 1, "and is reaped");
	snprintf(name, sizeof name, "gunzip -c %s.gz | grep -qx hello", rotated[0]);
	ok(system(name) == 0, "the .gz holds the rotated file");
	ok(fsize(rotated[0]) < 0, "the uncompressed file is gone");
	snprintf(name, sizeof name, "%s.gz.tmp", rotated[0]);
	ok(fsize(name) < 0, "no temporary left");
	put(w, "again\n", 0, &done);
	logw_rotate(w);
	logw_close(w);
	ok(nprocessed == 2 && fsize(rotated[1]) < 0, "close waits for processors");
	rm_logs("gz.log");

	forget_rotated();
	o.compress = "cat >/dev/null; exit 3";
	w = logw_open("bad.log", &o);
	put(w, "kept\n", 0, &done);
	logw_rotate(w);
	logw_close(w);
	ok(nfailed == 1 && fsize(rotated[0]) == 5, "a failed processor keeps the file");
	snprintf(name, sizeof name, "%s.tmp", rotated[0]);
	ok(fsize(name) < 0, "and removes its output");
	rm_logs("bad.log");

	forget_rotated();
	nprocessed = 0;
	o.compress = "tr a-z A-Z";
	w = logw_open("up.log", &o);
	put(w, "shout\n", 0, &done);
	logw_rotate(w);
	logw_close(w);
	snprintf(name, sizeof name, "grep -qx SHOUT %s", rotated[0]);
	ok(nprocessed == 1 && system(name) == 0,
	    "unknown processor: output replaces the file under its name");
	rm_logs("up.log");
}

/* Files pruned while their processor runs must not come back when it
 * ends. The processors wait for a file until all rotations are done. */
static void
test_prune_processing(void)
{
	struct logw_opts o = opts(0, 0);
	struct logw *w;
	size_t done;
	int i;

	forget_rotated();
	o.compress = "while [ ! -f pp.go ]; do sleep 0.01; done; exec gzip";
	o.max_count = 1;
	w = logw_open("pq.log", &o);	/* no directory: names as "./x" */
	for (i = 0; i < 3; i++) {
		put(w, "line\n", 0, &done);
		logw_rotate(w);
	}
	ok(logw_busy(w) == 3, "three processors waiting");
	nprocessed = nfailed = 0;
	touch("pp.go");
	logw_close(w);
	/* The command's first word is no compressor: no suffix, the
	 * output replaces the rotated file under its name. */
	ok(nrotated == 3 && fsize(rotated[2]) > 5 && nprocessed == 1,
	    "the newest rotated file is left, processed");
	ok(fsize(rotated[0]) < 0 && fsize(rotated[1]) < 0 &&
	    system("test $(ls pq.log* | wc -l) = 2") == 0,
	    "the pruned ones stay gone");
	unlink("pp.go");
	rm_logs("pq.log");
}

static void
test_splice(void)
{
	struct logw_opts o = opts(100, 10);
	struct logw *w;
	int p[2];
	size_t room;
	ssize_t r;
	char *s;
	size_t len;

	forget_rotated();
	w = logw_open("sp.log", &o);
	room = logw_splice_room(w);
	ok(room == 90, "splice room up to max_size - line_max");
	if (pipe(p) < 0)
		return;
	if (write(p[1], "spliced line\n", 13) != 13)
		perror("write");
	r = logw_splice(w, p[0], room);
#ifdef __linux__
	ok(r == 13 && logw_size(w) == 13, "splice moved the bytes");
#else
	ok(r < 0 && errno == ENOSYS && logw_splice_room(w) == 0,
	    "no splice here: refused once and for all");
#endif
	r = logw_splice(w, p[0], room);
	ok(r < 0 && (errno == EAGAIN || errno == EINVAL || errno == ENOSYS),
	    "empty pipe: EAGAIN");
	close(p[1]);
	close(p[0]);
	logw_close(w);
	s = slurp("sp.log", &len);
	ok(r < 0 && (len == 13 || len == 0), "content");
	free(s);
	rm_logs("sp.log");
}

/* Random lines, random chunks and pauses, with splice when allowed:
 * the logs must hold the input, in order, with no file over max_size
 * unless it holds a single line, and no line of at most line_max bytes
 * split between two files. */
static unsigned long rnd_state = 12345;

static unsigned long
rnd(unsigned long n)
{
	rnd_state = rnd_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (rnd_state >> 33) % n;
}

static void
test_random(uint64_t max, size_t line_max, int use_splice, int seed)
{
	struct logw_opts o = opts(max, line_max);
	struct logw *w;
	struct buf in = BUF_INIT, pend = BUF_INIT;
	const char *why = "";
	size_t i, k, done, pos = 0, room, chunk;
	int p[2], flags, fail = 0;
	ssize_t r;

	rnd_state = (unsigned long)seed;
	forget_rotated();
	for (i = 0; i < 3000; i++) {
		size_t l = rnd(10) == 0 ? rnd(line_max * 3 + 2) : rnd(line_max + 2);
		for (k = 0; k < l; k++)
			buf_addc(&in, (char)('a' + (i + k) % 26));
		if (i < 2999 || rnd(2))
			buf_addc(&in, '\n');
	}
	if (pipe(p) < 0)
		return;
	w = logw_open("rnd.log", &o);
	while (pos < in.len || pend.len > 0) {
		chunk = 1 + rnd(rnd(4) == 0 ? 8000 : 300);
		if (chunk > in.len - pos)
			chunk = in.len - pos;
		if (chunk > 60000)
			chunk = 60000;
		if (chunk > 0 && write(p[1], in.p + pos, chunk) != (ssize_t)chunk)
			break;
		pos += chunk;
		if (use_splice && pend.len == 0 && chunk > 0 &&
		    (room = logw_splice_room(w)) > 0) {
			r = logw_splice(w, p[0], room < chunk ? room : chunk);
			if (r < 0)
				fail = 1;
		}
		while (chunk > 0) {
			char b[65536];
			int n = 0;
			if (ioctl(p[0], FIONREAD, &n) < 0 || n == 0)
				break;
			r = read(p[0], b, (size_t)n);
			if (r <= 0)
				break;
			buf_add(&pend, b, (size_t)r);
		}
		flags = rnd(8) == 0 ? LOGW_IDLE : 0;
		if (pos == in.len)
			flags = LOGW_EOF;
		if (logw_write(w, pend.p, pend.len, flags, &done) < 0)
			fail = 1;
		buf_consume(&pend, done);
		if (flags == LOGW_EOF && pend.len > 0)
			fail = 1;
		if (fail)
			break;
	}
	logw_close(w);
	close(p[0]);
	close(p[1]);
	if (fail)
		why = "write failed";
	else if (logw_check(rotated, nrotated, "rnd.log", in.p, in.len, max,
	    line_max, &why) < 0)
		fail = 1;
	ok(!fail, "random: max %llu, line_max %zu, %s, seed %d: %s",
	    (unsigned long long)max, line_max, use_splice ? "splice" : "write",
	    seed, why);
	buf_free(&in);
	buf_free(&pend);
	rm_logs("rnd.log");
}

int
main(void)
{
	/* tmpfs where there is one: the many rotations each sync. */
	char shm[] = "/dev/shm/tk-unit-logw.XXXXXX";
	char tmp[] = "/tmp/tk-unit-logw.XXXXXX";
	char *dir = shm;
	int seed;

	if (mkdtemp(dir) == NULL && mkdtemp(dir = tmp) == NULL)
		return 1;
	if (chdir(dir) < 0)
		return 1;
	test_names();
	test_basic();
	test_rotation();
	test_hold();
	test_small_max();
	test_existing();
	test_clash();
	test_reopen();
	test_prune();
	test_process();
	test_prune_processing();
	test_splice();
	for (seed = 1; seed <= 3; seed++) {
		test_random(4096, 256, 1, seed);
		test_random(4096, 256, 0, seed);
		test_random(1000, 4000, 0, seed);
		test_random(20000, 64, 1, seed);
		test_random(300, 300, 0, seed);
	}
	forget_rotated();
	if (chdir("/") == 0)
		rmdir(dir);
	return done_testing();
}
