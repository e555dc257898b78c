/* teelog: run a command (or read stdin) and write its output to rotating
 * log files while passing it through. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "fmt.h"
#include "io.h"
#include "lock.h"
#include "logw.h"
#include "opt.h"
#include "parse.h"
#include "proc.h"
#include "sig.h"
#include "tstamp.h"

#define CHUNK 65536		/* one read(2) */
#define LINE_CHUNK 32768	/* one read(2) with per-line work: less memory
				 * touched, since its output is buffered too */
#define SPLICE_MAX (1 << 20)	/* one splice(2) */
#define RETRY_MS 1000		/* after a failed write */

static const char usage_line[] =
    "teelog [options] OUT.log [ERR.log] -- CMD [ARG...] | teelog [options] FILE";

static const char help_text[] =
    "usage: teelog [options] OUT.log [ERR.log] -- CMD [ARG...]\n"
    "       teelog [options] FILE\n"
    "  -s, --max-size SIZE        rotate before a file would grow past SIZE\n"
    "  -a, --max-age DURATION     rotate once the first line is DURATION old\n"
    "  -n, --max-count N          keep at most N rotated files per log\n"
    "  -t, --timestamps[=FORMAT]  timestamp each line: rfc3339 (-t), utc, unix, tai64n\n"
    "  -p, --prefix STR           put STR before each line (after the time)\n"
    "  -z, --compress[=CMD]       run CMD (gzip) on each rotated file\n"
    "  -q, --quiet                do not pass the output through\n"
    "      --line-max SIZE        longest line kept whole (64K)\n"
    "      --fsync                fsync after every write\n"
    "      --mode MODE            mode of created files (0640)\n"
    "      --reopen-on-hup        SIGHUP reopens the files instead of being forwarded\n"
    "      --no-signal-forward    never forward signals to CMD\n"
    "      --help, --version\n";

/* A log file and the state of writing to it. */
struct sink {
	struct logw *w;
	const char *path;
	int nstreams;		/* 2: both streams share it */
	int blocked;		/* a write failed and was reported */
	int err;		/* its errno */
	int64_t retry_at;	/* monotonic ms: no write before then */
};

/* An input and where its bytes go. */
struct stream {
	const char *name;	/* for messages */
	int fd;			/* -1 once at end of input */
	int pipe;		/* fd is a pipe: splice may apply */
	int nosplice;
	int pass;		/* pass-through fd, -1: none */
	int pass_pipe;		/* pass is a pipe: tee(2) may apply */
	const char *pass_name;
	struct sink *sink;
	struct buf pend;	/* bytes for the log, not yet taken */
	struct buf in;		/* per-line work: input not yet formatted */
	size_t in_off;
	char *head;		/* record header for the lines in `in` */
	size_t hlen;
	struct fmt_state fs;
	size_t ahead;		/* bytes at the pipe's head already passed */
	int64_t hold_at;	/* monotonic ms: write a held line; 0: none */
	int64_t limit;		/* bytes left to read (draining); -1: all */
	int ended;		/* end of input seen and flushed to pend */
};

static struct fmt fmt;
static size_t line_max = LOGW_LINE_MAX_DEFAULT;
static size_t log_line_max;	/* what logw sees: a record, header included */
static size_t pend_cap;
static int per_line;

static struct sink sinks[2];
static int nsinks;
static struct stream streams[2];
static int nstreams;

static pid_t cmd_pid = -1;	/* > 0 while running */
static int cmd_status;
static int have_cmd;
static int draining;		/* stdin form: TERM came */
static int reopen_on_hup, forward = 1;
static int64_t hold_ms = 100;	/* an unterminated line waits this long */

static void
usage(void)
{
	err_usage("%s", usage_line);
}

static void
bad_value(const char *opt, const char *arg, const char *why)
{
	err_die(EX_USAGE, "bad %s '%s': %s", opt, arg, why);
}

static void
on_logw_event(void *arg, const struct logw_event *ev)
{
	char st[32];

	(void)arg;
	switch (ev->type) {
	case LOGW_EV_PROCESS_FAILED:
		if (ev->status >= 0)
			err_warn("processor failed on %s (%s); kept as it is",
			    ev->path, proc_status_str(ev->status, st, sizeof st));
		else
			err_warn("unable to process %s: %s; kept as it is",
			    ev->path, strerror(ev->err));
		break;
	case LOGW_EV_DELETE_FAILED:
		err_warn("unable to remove %s: %s", ev->path, strerror(ev->err));
		break;
	case LOGW_EV_SCAN_FAILED:
		err_warn("unable to read directory %s: %s", ev->path,
		    strerror(ev->err));
		break;
	default:
		break;
	}
}

/* Whether fd is /dev/null (nothing to pass through to). */
static int
is_devnull(int fd)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && S_ISCHR(a.st_mode) &&
	    stat("/dev/null", &b) == 0 && a.st_rdev == b.st_rdev;
}

static int
is_pipe(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode);
}

/* Make sure fds 0, 1 and 2 are open, so no pipe or file lands there. */
static void
fix_std_fds(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 &&
		    open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) < 0)
			err_diesys(EX_SYS, "unable to open /dev/null");
}

static void
sink_failed(struct sink *k)
{
	k->err = errno;
	if (!k->blocked)
		err_warn("unable to %s %s: %s (holding the output back, "
		    "retrying every second)", logw_failed(k->w), k->path,
		    strerror(k->err));
	k->blocked = 1;
	k->retry_at = tstamp_mono_ms() + RETRY_MS;
}

static void
sink_wrote(struct sink *k)
{
	if (k->blocked)
		err_info("writing to %s again", k->path);
	k->blocked = 0;
}

static int
sink_waiting(const struct sink *k, int64_t now)
{
	return k->retry_at > now;
}

/* Pass bytes just read through, except those tee(2) already passed. */
static void
pass_out(struct stream *s, const char *p, size_t n)
{
	size_t skip = n < s->ahead ? n : s->ahead;

	s->ahead -= skip;
	p += skip;
	n -= skip;
	if (s->pass < 0 || n == 0)
		return;
	if (io_writeall(s->pass, p, n) < 0) {
		err_warnsys("unable to pass output through to %s (logging "
		    "goes on)", s->pass_name);
		s->pass = -1;
	}
}

/* Hand the pending bytes to the log. Two streams sharing a log give it
 * whole lines only, so that their lines do not mix, unless a line waited
 * hold_ms (LOGW_IDLE) or is as long as a line may be. */
static size_t
deliver(struct stream *s, int flags)
{
	struct sink *k = s->sink;
	size_t n = s->pend.len, done = 0;
	const char *nl;
	int64_t now = tstamp_mono_ms();

	if (sink_waiting(k, now))
		return 0;
	if (n > 0 && k->nstreams > 1 && !(flags & (LOGW_IDLE | LOGW_EOF))) {
		nl = memrchr(s->pend.p, '\n', n);
		if (nl)
			n = (size_t)(nl - s->pend.p) + 1;
		else if (n < log_line_max)
			n = 0;
	}
	if (n > 0) {
		if (logw_write(k->w, s->pend.p, n, flags, &done) < 0) {
			buf_consume(&s->pend, done);
			sink_failed(k);
			return done;
		}
		buf_consume(&s->pend, done);
		if (done > 0)
			sink_wrote(k);
	}
	if (s->pend.len == 0)
		s->hold_at = 0;
	else if (s->hold_at == 0)
		s->hold_at = now + hold_ms;
	return done;
}

/* Format what can be formatted and deliver, until nothing moves. */
static void
process(struct stream *s, int flags)
{
	size_t c, d;

	for (;;) {
		c = 0;
		if (per_line && s->in_off < s->in.len) {
			c = fmt_lines(&fmt, &s->fs, s->head, s->hlen,
			    s->in.p + s->in_off, s->in.len - s->in_off,
			    &s->pend, pend_cap);
			s->in_off += c;
			if (s->in_off == s->in.len)
				s->in_off = s->in.len = 0;
		}
		d = deliver(s, s->in.len > 0 ? flags & ~LOGW_EOF : flags);
		if ((c == 0 && d == 0) || (s->in.len == 0 && s->pend.len == 0))
			break;
	}
}

static void
stream_end(struct stream *s)
{
	if (s->fd >= 0 && s->fd > 2)
		close(s->fd);
	s->fd = -1;
	s->limit = -1;
}

/* Once the input ended: everything formatted, the last record closed. */
static void
stream_flush_end(struct stream *s)
{
	if (s->fd >= 0 || s->ended)
		return;
	if (per_line && s->in.len == 0 && fmt_end(&s->fs, &s->pend) < 0)
		return;
	if (s->in.len == 0)
		s->ended = 1;
}

static void
took(struct stream *s, size_t n)
{
	if (s->limit >= 0) {
		s->limit -= (int64_t)n;
		if (s->limit <= 0)
			stream_end(s);
	}
}

/* The zero-copy path: tee(2) to the pass-through pipe, splice(2) to the
 * file. Returns 0 when it did the work, -1 when read(2) must. */
static int
pump_splice(struct stream *s)
{
	struct sink *k = s->sink;
	size_t room, len;
	ssize_t r, t;

	if (per_line || k->nstreams > 1 || !s->pipe || s->nosplice ||
	    s->pend.len > 0)
		return -1;
	if ((room = logw_splice_room(k->w)) == 0)
		return -1;
	len = room < SPLICE_MAX ? room : SPLICE_MAX;
	if (s->limit >= 0 && (int64_t)len > s->limit)
		len = (size_t)s->limit;
	if (s->ahead == 0 && s->pass >= 0) {
		if (!s->pass_pipe)
			return -1;
		t = logw_tee(s->fd, s->pass, len);
		if (t < 0 && (errno == EINVAL || errno == ENOSYS)) {
			s->pass_pipe = 0;
			return -1;
		}
		if (t < 0 && errno == EAGAIN)
			return 0;
		if (t < 0) {
			err_warnsys("unable to pass output through to %s "
			    "(logging goes on)", s->pass_name);
			s->pass = -1;
			return 0;
		}
		if (t == 0) {
			stream_end(s);
			return 0;
		}
		s->ahead = (size_t)t;
	}
	if (s->ahead > 0 && len > s->ahead)
		len = s->ahead;
	r = logw_splice(k->w, s->fd, len);
	if (r > 0) {
		s->ahead -= (size_t)r < s->ahead ? (size_t)r : s->ahead;
		sink_wrote(k);
		took(s, (size_t)r);
		return 0;
	}
	if (r == 0) {
		stream_end(s);
		return 0;
	}
	if (errno == EAGAIN)
		return 0;
	if (errno == EINVAL || errno == ENOSYS) {
		s->nosplice = 1;
		return -1;
	}
	sink_failed(k);
	return 0;
}

/* Read what the input has and pass it on. */
static void
pump(struct stream *s)
{
	struct timespec ts;
	struct buf *b;
	size_t want;
	ssize_t r;

	if (s->fd < 0)
		return;
	if (pump_splice(s) == 0)
		return;
	b = per_line ? &s->in : &s->pend;
	if (per_line) {
		if (s->in.len > 0)
			return;
		want = LINE_CHUNK;
	} else {
		if (s->pend.len >= pend_cap)
			return;
		want = pend_cap - s->pend.len;
		if (want > CHUNK)
			want = CHUNK;
	}
	if (s->limit >= 0 && (int64_t)want > s->limit)
		want = (size_t)s->limit;
	if (buf_reserve(b, want) < 0) {
		err_warnsys("unable to read %s", s->name);
		return;
	}
	r = io_read(s->fd, b->p + b->len, want);
	if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return;
	if (r < 0)
		err_warnsys("unable to read %s", s->name);
	if (r <= 0) {
		stream_end(s);
		return;
	}
	pass_out(s, b->p + b->len, (size_t)r);
	b->len += (size_t)r;
	b->p[b->len] = '\0';
	if (per_line) {
		tstamp_now(&ts);
		s->hlen = fmt_head(&fmt, &ts, s->head);
	}
	s->hold_at = 0;
	took(s, (size_t)r);
	process(s, 0);
}

/* Whether the stream wants its input polled. */
static int
wants_input(const struct stream *s, int64_t now)
{
	if (s->fd < 0 || sink_waiting(s->sink, now))
		return 0;
	if (per_line)
		return s->in.len == 0 && s->pend.len < pend_cap;
	return s->pend.len < pend_cap;
}

static int
finished(void)
{
	int i;

	for (i = 0; i < nstreams; i++)
		if (!streams[i].ended || streams[i].pend.len > 0)
			return 0;
	return !have_cmd || cmd_pid < 0;
}

static void
reap(void)
{
	int i, st;

	if (cmd_pid > 0 && proc_wait(cmd_pid, &st, WNOHANG) == cmd_pid) {
		cmd_status = st;
		cmd_pid = -1;
	}
	for (i = 0; i < nsinks; i++)
		logw_reap(sinks[i].w);
}

static int
any_blocked(void)
{
	int i;

	for (i = 0; i < nsinks; i++)
		if (sinks[i].blocked)
			return 1;
	return 0;
}

/* Told to stop while the logs cannot be written: say what is lost. */
static void
give_up(void)
{
	size_t lost = 0;
	int i;

	for (i = 0; i < nstreams; i++)
		lost += streams[i].pend.len + streams[i].in.len -
		    streams[i].in_off;
	for (i = 0; i < nsinks; i++)
		if (sinks[i].blocked)
			err_die(EX_SYS, "unable to %s %s: %s; giving up, "
			    "%zu bytes not written", logw_failed(sinks[i].w),
			    sinks[i].path, strerror(sinks[i].err), lost);
}

static void
start_drain(void)
{
	int i, n;
	struct stream *s;

	for (i = 0; i < nstreams; i++) {
		s = &streams[i];
		if (s->fd < 0)
			continue;
		n = 0;
		if (ioctl(s->fd, FIONREAD, &n) < 0 || n <= 0)
			stream_end(s);
		else
			s->limit = n;
	}
}

static void
on_signal(int sig, int from_kernel)
{
	int i;

	switch (sig) {
	case SIGCHLD:
		reap();
		return;
	case SIGALRM:
		for (i = 0; i < nsinks; i++)
			if (logw_rotate(sinks[i].w) < 0)
				sink_failed(&sinks[i]);
		return;
	case SIGHUP:
		if (!have_cmd || reopen_on_hup) {
			for (i = 0; i < nsinks; i++)
				if (logw_reopen(sinks[i].w) < 0)
					sink_failed(&sinks[i]);
			return;
		}
		break;
	}
	if (!have_cmd) {
		/* The logger of a service: TERM and INT end it once what
		 * the pipe holds now is written; the rest stays in the pipe
		 * for the next logger. */
		if (sig != SIGTERM && sig != SIGINT)
			return;
		if (draining && any_blocked())
			give_up();
		draining = 1;
		start_drain();
		return;
	}
	if (cmd_pid > 0) {
		/* A terminal's ^C reached the whole foreground group, CMD
		 * included: forwarding it would deliver it twice. */
		if (forward && !from_kernel)
			kill(cmd_pid, sig);
		return;
	}
	if ((sig == SIGTERM || sig == SIGINT) && any_blocked())
		give_up();
}

static void
run_loop(void)
{
	struct pollfd pfd[3];
	struct stream *who[3];
	int64_t now, wall, t, timeout, next;
	int i, n, sig, kern;

	while (!finished()) {
		now = tstamp_mono_ms();
		wall = tstamp_now_ms();
		timeout = -1;
		n = 0;
		pfd[n].fd = sig_fd();
		pfd[n].events = POLLIN;
		who[n++] = NULL;
		for (i = 0; i < nstreams; i++) {
			struct stream *s = &streams[i];
			if (wants_input(s, now)) {
				pfd[n].fd = s->fd;
				pfd[n].events = POLLIN;
				who[n++] = s;
			}
			/* A log in trouble is retried at its time; a held
			 * line is written after its pause. */
			next = s->hold_at > 0 ? s->hold_at : -1;
			if (sink_waiting(s->sink, now))
				next = s->sink->retry_at;
			if (next >= 0) {
				t = next > now ? next - now : 0;
				if (timeout < 0 || t < timeout)
					timeout = t;
			}
		}
		for (i = 0; i < nsinks; i++) {
			next = logw_tick(sinks[i].w, wall);
			if (next >= 0) {
				t = next > wall ? next - wall : 0;
				if (timeout < 0 || t < timeout)
					timeout = t;
			}
		}
		if (timeout > INT_MAX)
			timeout = INT_MAX;
		if (poll(pfd, (nfds_t)n, (int)timeout) < 0) {
			if (errno != EINTR)
				err_diesys(EX_SYS, "unable to poll");
			continue;
		}
		/* Always: a handler may have run after poll counted. */
		while ((sig = sig_next(&kern)) != 0)
			on_signal(sig, kern);
		for (i = 1; i < n; i++)
			if (pfd[i].revents && who[i]->fd == pfd[i].fd)
				pump(who[i]);
		now = tstamp_mono_ms();
		for (i = 0; i < nstreams; i++) {
			struct stream *s = &streams[i];
			if (s->fd < 0 && !s->ended) {
				process(s, 0);
				stream_flush_end(s);
			}
			if (s->ended && s->pend.len > 0)
				process(s, LOGW_EOF);
			else if (s->hold_at > 0 && now >= s->hold_at)
				process(s, LOGW_IDLE);
			else if (s->sink->blocked &&
			    !sink_waiting(s->sink, now) &&
			    (s->pend.len > 0 || s->in.len > 0))
				process(s, 0);
		}
	}
}

static void
stream_init(struct stream *s, const char *name, int fd, int pass,
    const char *pass_name, struct sink *k)
{
	memset(s, 0, sizeof *s);
	s->name = name;
	s->fd = fd;
	s->pipe = is_pipe(fd);
	s->pass = pass;
	s->pass_name = pass_name;
	if (pass >= 0 && (fcntl(pass, F_GETFD) < 0 || is_devnull(pass)))
		s->pass = -1;
	s->pass_pipe = s->pass >= 0 && is_pipe(s->pass);
	s->sink = k;
	s->limit = -1;
	if (per_line && (s->head = malloc(fmt_head_max(&fmt))) == NULL)
		err_diesys(EX_SYS, "unable to allocate memory");
	k->nstreams++;
}

static struct logw *
open_log(const char *path, const struct logw_opts *lo)
{
	struct logw *w;
	pid_t holder;

	if ((w = logw_open(path, lo)) != NULL)
		return w;
	if (errno == EWOULDBLOCK) {
		holder = lock_holder_path(path);
		if (holder > 1)
			err_die(EX_SYS, "unable to open %s: in use by another "
			    "writer (pid %ld)", path, (long)holder);
		err_die(EX_SYS, "unable to open %s: in use by another writer",
		    path);
	}
	err_diesys(EX_SYS, "unable to open %s", path);
}

enum {
	OPT_LINE_MAX = 256, OPT_FSYNC, OPT_MODE, OPT_REOPEN, OPT_NOFWD,
	OPT_HELP, OPT_VERSION, OPT_TIMESTAMPS
};

static const struct option longopts[] = {
	{ "max-size", required_argument, NULL, 's' },
	{ "max-age", required_argument, NULL, 'a' },
	{ "max-count", required_argument, NULL, 'n' },
	{ "timestamps", optional_argument, NULL, OPT_TIMESTAMPS },
	{ "prefix", required_argument, NULL, 'p' },
	{ "compress", optional_argument, NULL, 'z' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "line-max", required_argument, NULL, OPT_LINE_MAX },
	{ "fsync", no_argument, NULL, OPT_FSYNC },
	{ "mode", required_argument, NULL, OPT_MODE },
	{ "reopen-on-hup", no_argument, NULL, OPT_REOPEN },
	{ "no-signal-forward", no_argument, NULL, OPT_NOFWD },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char **argv)
{
	struct logw_opts lo;
	const char *why, *outp, *errp = NULL;
	char **cmd = NULL, ebuf[256];
	uint64_t u;
	int64_t v;
	unsigned mode;
	int c, quiet = 0, i, op[2], ep[2];
	struct stat so, se;
	struct proc_spec sp;
	struct proc_err pe;
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1,
	    SIGUSR2, SIGALRM, SIGCHLD };

	err_init(argv[0]);
	memset(&lo, 0, sizeof lo);
	lo.max_count = -1;
	lo.mode = 0640;
	lo.event = on_logw_event;
	fmt.prefix = "";
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:s:a:n:tp:z::q", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 's':
			if (parse_size(optarg, &u, &why) < 0)
				bad_value("--max-size", optarg, why);
			if (u == 0)
				bad_value("--max-size", optarg, "must be positive");
			lo.max_size = u;
			break;
		case 'a':
			if (parse_duration(optarg, &v, &why) < 0)
				bad_value("--max-age", optarg, why);
			if (v <= 0)
				bad_value("--max-age", optarg, "must be positive");
			lo.max_age = v;
			break;
		case 'n':
			if (parse_int(optarg, 0, LONG_MAX, &v, &why) < 0)
				bad_value("--max-count", optarg, why);
			lo.max_count = (long)v;
			break;
		case 't':
			fmt.stamp = FMT_RFC3339;
			break;
		case OPT_TIMESTAMPS:
			fmt.stamp = FMT_RFC3339;
			if (optarg && (fmt.stamp = fmt_parse(optarg)) < 0)
				bad_value("--timestamps", optarg,
				    "use rfc3339, utc, unix or tai64n");
			break;
		case 'p':
			fmt.prefix = optarg;
			fmt.plen = strlen(optarg);
			break;
		case 'z':
			lo.compress = optarg ? optarg : "gzip";
			if (*lo.compress == '\0')
				bad_value("--compress", optarg, "empty command");
			break;
		case 'q':
			quiet = 1;
			break;
		case OPT_LINE_MAX:
			if (parse_size(optarg, &u, &why) < 0)
				bad_value("--line-max", optarg, why);
			if (u == 0 || u > (1U << 30))
				bad_value("--line-max", optarg,
				    "must be between 1 and 1G");
			line_max = (size_t)u;
			break;
		case OPT_FSYNC:
			lo.fsync = 1;
			break;
		case OPT_MODE:
			if (parse_mode(optarg, 0777, &mode, &why) < 0)
				bad_value("--mode", optarg, why);
			lo.mode = (mode_t)mode;
			break;
		case OPT_REOPEN:
			reopen_on_hup = 1;
			break;
		case OPT_NOFWD:
			forward = 0;
			break;
		case OPT_HELP:
			fputs(help_text, stdout);
			return 0;
		case OPT_VERSION:
			err_version();
		default:
			err_die(EX_USAGE, "%s", opt_error(c, argv, optind,
			    optopt, ebuf, sizeof ebuf));
		}
	}
	if (optind >= argc)
		usage();
	outp = argv[optind++];
	if (optind < argc) {
		if (strcmp(argv[optind], "--") != 0) {
			errp = argv[optind++];
			if (*errp == '-')
				err_die(EX_USAGE, "options come before OUT.log: "
				    "'%s'", errp);
			if (optind >= argc || strcmp(argv[optind], "--") != 0)
				usage();
		}
		optind++;
		if (optind >= argc)
			err_die(EX_USAGE, "missing command after --");
		cmd = argv + optind;
		have_cmd = 1;
	}
	if (*outp == '\0' || (errp && *errp == '\0'))
		err_die(EX_USAGE, "empty file name");

	if ((why = getenv("TEELOG_HOLD")) != NULL && *why &&
	    (parse_duration(why, &hold_ms, &why) < 0 || hold_ms <= 0))
		err_die(EX_USAGE, "bad TEELOG_HOLD '%s'", getenv("TEELOG_HOLD"));

	per_line = fmt_active(&fmt);
	fmt.line_max = line_max;
	log_line_max = per_line ? line_max + fmt_overhead(&fmt) : line_max;
	lo.line_max = log_line_max;
	pend_cap = log_line_max + CHUNK;

	fix_std_fds();
	if (sig_init() < 0)
		err_diesys(EX_SYS, "unable to create the signal pipe");
	for (i = 0; i < (int)(sizeof sigs / sizeof sigs[0]); i++)
		if (sig_catch(sigs[i]) < 0)
			err_diesys(EX_SYS, "unable to catch signals");
	sig_ignore(SIGPIPE);
	sig_ignore(SIGXFSZ);

	/* The logs first: a log that cannot be opened stops everything
	 * before the command starts. */
	sinks[0].path = outp;
	sinks[0].w = open_log(outp, &lo);
	nsinks = 1;
	if (errp && stat(outp, &so) == 0 && stat(errp, &se) == 0 &&
	    so.st_dev == se.st_dev && so.st_ino == se.st_ino)
		errp = NULL;	/* the same file: one log for both */
	if (errp) {
		sinks[1].path = errp;
		sinks[1].w = open_log(errp, &lo);
		nsinks = 2;
	}

	if (!have_cmd) {
		stream_init(&streams[0], "stdin", 0, quiet ? -1 : 1, "stdout",
		    &sinks[0]);
		nstreams = 1;
#ifdef F_SETPIPE_SZ
		/* Fewer, larger moves; the writer may keep more in flight. */
		if (streams[0].pipe)
			(void)fcntl(0, F_SETPIPE_SZ, 1 << 20);
#endif
	} else {
		if (pipe2(op, O_CLOEXEC) < 0 || pipe2(ep, O_CLOEXEC) < 0)
			err_diesys(EX_SYS, "unable to create a pipe");
#ifdef F_SETPIPE_SZ
		(void)fcntl(op[0], F_SETPIPE_SZ, 1 << 20);
		(void)fcntl(ep[0], F_SETPIPE_SZ, 1 << 20);
#endif
		memset(&sp, 0, sizeof sp);
		sp.argv = cmd;
		sp.fd0 = -1;
		sp.fd1 = op[1];
		sp.fd2 = ep[1];
		cmd_pid = proc_spawn(&sp, &pe);
		if (cmd_pid < 0) {
			if (pe.stage == PROC_STAGE_EXEC)
				err_die(proc_exec_code(pe.err), "unable to run "
				    "%s: %s", cmd[0], strerror(pe.err));
			err_diesys(EX_SYS, "unable to start %s", cmd[0]);
		}
		close(op[1]);
		close(ep[1]);
		stream_init(&streams[0], "the command's stdout", op[0],
		    quiet ? -1 : 1, "stdout", &sinks[0]);
		stream_init(&streams[1], "the command's stderr", ep[0],
		    quiet ? -1 : 2, "stderr", &sinks[nsinks - 1]);
		nstreams = 2;
	}

	run_loop();

	c = 0;
	for (i = 0; i < nsinks; i++)
		if (logw_close(sinks[i].w) < 0) {
			err_warnsys("unable to close %s", sinks[i].path);
			c = EX_SYS;
		}
	for (i = 0; i < nstreams; i++) {
		buf_free(&streams[i].pend);
		buf_free(&streams[i].in);
		free(streams[i].head);
	}
	if (c)
		return c;
	return have_cmd ? proc_status_code(cmd_status) : 0;
}
