/* logs.c: daemonctl logs: an app's standard output and error as teelog
 * wrote them: the rotated files in order (by the time in their names,
 * then -N), compressed ones through their decompressor, then the live
 * file; the two streams merged by timestamp; filters by time, level and
 * pattern; --tail and --head; -f following the live files across
 * rotations. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "daemonctl.h"
#include "err.h"
#include "io.h"
#include "parse.h"
#include "proc.h"
#include "sig.h"
#include "tstamp.h"

#define FOLLOW_MS 200
#define T_NONE INT64_MIN

static const struct {
	const char *suffix;
	const char *prog;
} decoders[] = {
	{ ".gz", "gzip" }, { ".bz2", "bzip2" }, { ".xz", "xz" },
	{ ".zst", "zstd" }, { ".lz4", "lz4" }, { ".lz", "lzip" },
	{ ".br", "brotli" }, { NULL, NULL }
};

struct lfile {
	char *path;
	int64_t t;		/* rotation time (ms) from the name; live: max */
	long n;			/* -N */
	const char *dec;	/* decompressor or NULL */
};

struct src {
	const char *name;	/* "stdout", "stderr" */
	char *live;
	struct lfile *f;
	size_t nf, cur;		/* files, the one being read */
	int fd;
	pid_t dec_pid;
	struct buf b;
	size_t off;
	int done;
	/* the current line */
	char *line;
	size_t len;
	int64_t t;		/* its time, or T_NONE */
	int rank;		/* its level, or the last seen (-1 none) */
	int have_line;
	/* the current file's span, for files without timestamps */
	int64_t fstart, fend;
	/* following */
	dev_t dev;
	ino_t ino;
	int64_t mt;		/* the newest rotated file seen: time, -N */
	long mn;
};

struct lctx {
	const struct logs_opts *lo;
	regex_t re;
	int have_re;
	int want_rank;
	/* --tail ring */
	char **ring;
	size_t rn, rhead, rcount;
	long printed;
	int stop;
	int following;	/* past the first reading (-f) */
};

/* --- levels -------------------------------------------------------------- */

static int
level_rank(const char *w, size_t n)
{
	static const struct {
		const char *w;
		int r;
	} lv[] = {
		{ "trace", 0 }, { "debug", 0 }, { "info", 1 }, { "notice", 1 },
		{ "warn", 2 }, { "warning", 2 }, { "error", 3 }, { "err", 3 },
		{ "crit", 4 }, { "critical", 4 }, { "fatal", 4 }, { "alert", 4 },
		{ "emerg", 4 }, { "panic", 4 }, { NULL, 0 }
	};
	int i;

	for (i = 0; lv[i].w; i++)
		if (strlen(lv[i].w) == n && strncasecmp(lv[i].w, w, n) == 0)
			return lv[i].r;
	return -1;
}

/* The first level word of a line (a whole word: "[ERROR]", "level=warn",
 * "WARNING:"), or -1. */
static int
line_rank(const char *s, size_t n)
{
	size_t i = 0, j;
	int r;

	while (i < n) {
		while (i < n && !isalpha((unsigned char)s[i]))
			i++;
		j = i;
		while (j < n && isalnum((unsigned char)s[j]))
			j++;
		if (j > i && j - i <= 8 && (r = level_rank(s + i, j - i)) >= 0)
			return r;
		i = j;
	}
	return -1;
}

/* --- timestamps ----------------------------------------------------------- */

/* The length of a leading timestamp teelog writes (rfc3339, utc, unix,
 * tai64n) and its time; 0 when the line has none. */
static size_t
stamp(const char *s, size_t n, int64_t *t)
{
	char tok[48];
	struct timespec ts;
	const char *why;
	size_t k;

	for (k = 0; k < n && k < sizeof tok - 1 && s[k] != ' '; k++)
		tok[k] = s[k];
	if (k == 0 || k >= n || k >= sizeof tok - 1)
		return 0;
	tok[k] = '\0';
	if (tok[0] == '@' && k == 25) {
		if (tstamp_tai64n_parse(tok, &ts) < 0 || ts.tv_sec < 0 ||
		    ts.tv_sec > INT64_MAX / 1000 - 1)
			return 0;
		*t = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
		return k + 1;
	}
	if (k >= 20 && isdigit((unsigned char)tok[0]) && tok[4] == '-' &&
	    tok[10] == 'T') {
		if (parse_time(tok, 0, t, &why) < 0)
			return 0;
		return k + 1;
	}
	if (k >= 12 && k <= 18 && strspn(tok, "0123456789.") == k &&
	    strchr(tok, '.') && strchr(tok, '.') - tok >= 9) {
		if (parse_time(tok, 0, t, &why) < 0)
			return 0;
		return k + 1;
	}
	return 0;
}

/* --- files ------------------------------------------------------------------ */

/* NAME.YYYYMMDDTHHMMSS.mmmZ[-N][suffix] after the live file's name. */
static int
rotated(const char *name, const char *base, struct lfile *f)
{
	size_t bl = strlen(base);
	const char *p = name + bl + 1;
	struct tm tm;
	int i;

	if (strncmp(name, base, bl) != 0 || name[bl] != '.')
		return 0;
	for (i = 0; i < 8; i++)
		if (!isdigit((unsigned char)p[i]))
			return 0;
	if (p[8] != 'T')
		return 0;
	for (i = 9; i < 15; i++)
		if (!isdigit((unsigned char)p[i]))
			return 0;
	if (p[15] != '.' || !isdigit((unsigned char)p[16]) ||
	    !isdigit((unsigned char)p[17]) || !isdigit((unsigned char)p[18]) ||
	    p[19] != 'Z')
		return 0;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 +
	    (p[2] - '0') * 10 + (p[3] - '0') - 1900;
	tm.tm_mon = (p[4] - '0') * 10 + (p[5] - '0') - 1;
	tm.tm_mday = (p[6] - '0') * 10 + (p[7] - '0');
	tm.tm_hour = (p[9] - '0') * 10 + (p[10] - '0');
	tm.tm_min = (p[11] - '0') * 10 + (p[12] - '0');
	tm.tm_sec = (p[13] - '0') * 10 + (p[14] - '0');
	if (tm.tm_year < 70 || tm.tm_mon < 0 || tm.tm_mon > 11 ||
	    tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
	    tm.tm_min > 59 || tm.tm_sec > 60)
		return 0;
	f->t = (int64_t)timegm(&tm) * 1000 + (p[16] - '0') * 100 +
	    (p[17] - '0') * 10 + (p[18] - '0');
	p += 20;
	f->n = 0;
	if (*p == '-' && isdigit((unsigned char)p[1])) {
		f->n = strtol(p + 1, (char **)&p, 10);
	}
	f->dec = NULL;
	if (*p == '\0')
		return 1;
	for (i = 0; decoders[i].suffix; i++)
		if (strcmp(p, decoders[i].suffix) == 0) {
			f->dec = decoders[i].prog;
			return 1;
		}
	return 0;	/* .tmp of a processor at work, or something else */
}

static int
cmp_file(const void *x, const void *y)
{
	const struct lfile *a = x, *b = y;

	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	/* the same file compressed and not: the plain one (the processor
	 * may be at work on it) */
	return (a->dec != NULL) - (b->dec != NULL);
}

static void
src_files(struct src *s)
{
	char *dir, *base, *slash;
	struct dirent *de;
	struct lfile f, *nf;
	size_t cap = 0, i, k;
	DIR *d;

	dir = xstrdup(s->live);
	slash = strrchr(dir, '/');
	*slash = '\0';
	base = slash + 1;
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (!rotated(de->d_name, base, &f))
				continue;
			if (s->nf + 2 > cap) {
				cap = cap ? cap * 2 : 16;
				if ((nf = realloc(s->f, cap * sizeof *nf)) == NULL)
					nomem();
				s->f = nf;
			}
			f.path = xpath(dir, de->d_name);
			s->f[s->nf++] = f;
		}
		closedir(d);
	}
	if (s->nf > 1)
		qsort(s->f, s->nf, sizeof *s->f, cmp_file);
	/* One of a file and its compressed copy (same time and -N). */
	for (i = k = 0; i < s->nf; i++) {
		if (k > 0 && s->f[k - 1].t == s->f[i].t &&
		    s->f[k - 1].n == s->f[i].n) {
			free(s->f[i].path);
			continue;
		}
		s->f[k++] = s->f[i];
	}
	s->nf = k;
	if (s->nf + 1 > cap && (nf = realloc(s->f, (s->nf + 1) *
	    sizeof *nf)) != NULL)
		s->f = nf;
	else if (s->nf + 1 > cap)
		nomem();
	s->f[s->nf].path = xstrdup(s->live);
	s->f[s->nf].t = INT64_MAX;
	s->f[s->nf].n = 0;
	s->f[s->nf].dec = NULL;
	s->nf++;
	free(dir);
}

static void
src_close(struct src *s)
{
	int st;

	if (s->fd >= 0)
		io_close(s->fd);
	s->fd = -1;
	if (s->dec_pid > 0) {
		(void)kill(s->dec_pid, SIGTERM);
		(void)proc_wait(s->dec_pid, &st, 0);
	}
	s->dec_pid = 0;
}

/* Open the next file that exists: 0, or -1 when there is none left. */
static int
src_open_next(struct src *s)
{
	struct proc_spec sp;
	struct proc_err pe;
	struct lfile *f;
	struct stat st;
	char *argv[4];
	int p[2];

	while (s->cur < s->nf) {
		f = &s->f[s->cur++];
		s->fstart = s->cur >= 2 ? s->f[s->cur - 2].t : T_NONE;
		s->fend = f->t;
		if (f->dec == NULL) {
			s->fd = open(f->path, O_RDONLY | O_CLOEXEC);
			if (s->fd < 0)
				continue;
			if (fstat(s->fd, &st) == 0) {
				s->dev = st.st_dev;
				s->ino = st.st_ino;
				if (f->t == INT64_MAX)
					s->fend = (int64_t)st.st_mtime * 1000 +
					    999;
			}
			return 0;
		}
		if (pipe2(p, O_CLOEXEC) < 0)
			err_diesys(EX_SYS, "unable to create a pipe");
		argv[0] = (char *)f->dec;
		argv[1] = (char *)"-dc";
		argv[2] = f->path;
		argv[3] = NULL;
		memset(&sp, 0, sizeof sp);
		sp.argv = argv;
		sp.fd0 = -1;
		sp.fd1 = p[1];
		sp.fd2 = -1;
		s->dec_pid = proc_spawn(&sp, &pe);
		io_close(p[1]);
		if (s->dec_pid < 0) {
			err_warn("unable to run %s -dc %s: %s", f->dec, f->path,
			    strerror(pe.err ? pe.err : errno));
			io_close(p[0]);
			s->dec_pid = 0;
			continue;
		}
		s->fd = p[0];
		return 0;
	}
	return -1;
}

/* The next raw line of the stream (without its newline): 1, or 0 at
 * the end of the last file. A partial last line of the live file is
 * left in the buffer when following. */
static int
src_raw(struct src *s, int follow)
{
	char chunk[65536], *nl;
	ssize_t r;

	for (;;) {
		if (s->off > 0 && s->off >= s->b.len / 2) {
			buf_consume(&s->b, s->off);
			s->off = 0;
		}
		nl = s->b.len > s->off ? memchr(s->b.p + s->off, '\n',
		    s->b.len - s->off) : NULL;
		if (nl) {
			s->line = s->b.p + s->off;
			s->len = (size_t)(nl - s->line);
			s->off += s->len + 1;
			return 1;
		}
		if (s->fd < 0 && s->done)
			return 0;
		if (s->fd < 0 && src_open_next(s) < 0) {
			s->done = 1;
			return 0;
		}
		r = io_read(s->fd, chunk, sizeof chunk);
		if (r > 0) {
			if (buf_add(&s->b, chunk, (size_t)r) < 0)
				nomem();
			continue;
		}
		/* End of this file. */
		if (s->cur == s->nf && follow) {
			s->done = 1;	/* keep the live fd open */
			return 0;
		}
		if (s->b.len > s->off) {	/* an unterminated last line */
			if (buf_addc(&s->b, '\n') < 0)
				nomem();
			if (s->cur < s->nf)
				src_close(s);
			else
				src_close(s), s->done = 1;
			continue;
		}
		src_close(s);
		if (s->cur >= s->nf) {
			s->done = 1;
			return 0;
		}
	}
}

/* --- filtering and output ------------------------------------------------- */

static int
keep(struct lctx *c, struct src *s, const char *text, size_t n)
{
	const struct logs_opts *lo = c->lo;
	int r;
	char *z;

	if (lo->have_since) {
		if (s->t != T_NONE ? s->t < lo->since :
		    (s->fend != T_NONE && s->fend < lo->since))
			return 0;
	}
	if (lo->have_until) {
		if (s->t != T_NONE ? s->t > lo->until :
		    (s->fstart != T_NONE && s->fstart > lo->until))
			return 0;
	}
	if (c->want_rank >= 0) {
		/* A line without a level word has the level of the line
		 * before when it is indented (a continuation: a stack
		 * trace), else none. */
		r = line_rank(text, n);
		if (r >= 0)
			s->rank = r;
		else if (n == 0 || (text[0] != ' ' && text[0] != '\t'))
			s->rank = -1;
		if (s->rank < c->want_rank)
			return 0;
	}
	if (c->have_re) {
		if ((z = malloc(n + 1)) == NULL)
			nomem();
		memcpy(z, text, n);
		z[n] = '\0';
		r = regexec(&c->re, z, 0, NULL, 0);
		free(z);
		if (r != 0)
			return 0;
	}
	return 1;
}

/* The next line of s that passes the filters: 1, or 0 at the end. */
static int
src_next(struct lctx *c, struct src *s, int follow)
{
	size_t k;
	int64_t t;

	while (src_raw(s, follow)) {
		k = stamp(s->line, s->len, &t);
		if (k)
			s->t = t;
		else if (s->fd >= 0 && s->t == T_NONE)
			s->t = T_NONE;
		if (!keep(c, s, s->line + k, s->len - k))
			continue;
		if (!c->lo->timestamps) {
			s->line += k;
			s->len -= k;
		}
		s->have_line = 1;
		return 1;
	}
	s->have_line = 0;
	return 0;
}

static void
emit(struct lctx *c, const char *line, size_t n)
{
	const struct logs_opts *lo = c->lo;
	char *copy;

	if (c->stop)
		return;
	if (lo->tail == 0 && !c->following)
		return;
	if (lo->tail > 0 && c->ring) {
		if ((copy = malloc(n + 2)) == NULL)
			nomem();
		memcpy(copy, line, n);
		copy[n] = '\n';
		copy[n + 1] = '\0';
		free(c->ring[c->rhead]);
		c->ring[c->rhead] = copy;
		c->rhead = (c->rhead + 1) % c->rn;
		if (c->rcount < c->rn)
			c->rcount++;
		return;
	}
	if (fwrite(line, 1, n, stdout) != n || putchar('\n') == EOF)
		c->stop = 1;
	c->printed++;
	if (lo->head >= 0 && c->printed >= lo->head)
		c->stop = 1;
}

static void
flush_ring(struct lctx *c)
{
	size_t i, idx;
	char *l;

	if (c->ring == NULL)
		return;
	for (i = 0; i < c->rcount; i++) {
		idx = (c->rhead + c->rn - c->rcount + i) % c->rn;
		l = c->ring[idx];
		(void)fwrite(l, 1, strlen(l), stdout);
		free(l);
		c->ring[idx] = NULL;
	}
	c->rcount = 0;
	free(c->ring);
	c->ring = NULL;
}

/* Both streams in order of time (stdout first on a tie); a line without
 * a time goes with the stream's last time. */
static void
merge_streams(struct lctx *c, struct src *s, size_t ns, int by_time,
    int follow)
{
	size_t i, best;

	for (i = 0; i < ns; i++)
		(void)src_next(c, &s[i], follow);
	while (!c->stop) {
		best = ns;
		for (i = 0; i < ns; i++) {
			if (!s[i].have_line)
				continue;
			if (best == ns)
				best = i;
			else if (by_time && s[i].t != T_NONE &&
			    s[best].t != T_NONE && s[i].t < s[best].t)
				best = i;
			else if (!by_time)
				break;
		}
		if (best == ns)
			break;
		emit(c, s[best].line, s[best].len);
		(void)src_next(c, &s[best], follow);
	}
}

/* The newest rotated file's key (time, then -N) in s->f. */
static void
src_newest(struct src *s)
{
	s->mt = INT64_MIN;
	s->mn = 0;
	if (s->nf >= 2) {
		s->mt = s->f[s->nf - 2].t;
		s->mn = s->f[s->nf - 2].n;
	}
}

static void
src_free_files(struct src *s)
{
	size_t k;

	for (k = 0; k < s->nf; k++)
		free(s->f[k].path);
	free(s->f);
	s->f = NULL;
	s->nf = s->cur = 0;
}

/* -f: read what the open file gains. When the live path names another
 * file (a rotation, or a first file), read the old one to its end, then
 * the files rotated since (the first of them is the old one, read
 * already; several may have come in one poll), then the new live one. */
static void
follow(struct lctx *c, struct src *s, size_t ns)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, 0 };
	struct stat st;
	size_t i, k;
	int sig, moved, had;
	int64_t mt;
	long mn;

	catch_signals(sigs);
	(void)sig_ignore(SIGPIPE);
	while (!c->stop) {
		if (fflush(stdout) == EOF)
			break;
		if (poll(&(struct pollfd){ sig_fd(), POLLIN, 0 }, 1,
		    FOLLOW_MS) > 0)
			while ((sig = sig_next(NULL)) != 0)
				c->stop = 1;
		for (i = 0; i < ns && !c->stop; i++) {
			moved = stat(s[i].live, &st) == 0 && (s[i].fd < 0 ||
			    st.st_ino != s[i].ino || st.st_dev != s[i].dev);
			had = s[i].fd >= 0;
			if (had) {
				s[i].cur = s[i].nf;
				s[i].done = 0;
				while (!c->stop && src_next(c, &s[i], 1))
					emit(c, s[i].line, s[i].len);
			}
			if (!moved)
				continue;
			if (had) {
				/* an unterminated last line */
				if (s[i].b.len > s[i].off &&
				    buf_addc(&s[i].b, '\n') == 0) {
					s[i].cur = s[i].nf;
					s[i].done = 0;
					while (src_next(c, &s[i], 1))
						emit(c, s[i].line, s[i].len);
				}
				src_close(&s[i]);
			}
			mt = s[i].mt;
			mn = s[i].mn;
			src_free_files(&s[i]);
			src_files(&s[i]);
			src_newest(&s[i]);
			for (k = 0; k + 1 < s[i].nf; k++)
				if (s[i].f[k].t > mt || (s[i].f[k].t == mt &&
				    s[i].f[k].n > mn))
					break;
			if (had && k + 1 < s[i].nf)
				k++;
			s[i].cur = k;
			s[i].done = 0;
			while (!c->stop && src_next(c, &s[i], 1))
				emit(c, s[i].line, s[i].len);
		}
	}
}

int
cmd_logs(const struct paths *p, const struct app *a,
    const struct conf_opts *co, const struct logs_opts *lo0)
{
	struct logs_opts lo = *lo0;
	struct toml *cfg;
	struct chain ch;
	struct lctx c;
	struct src s[2];
	size_t ns = 0, i;
	int by_time, r, ts_on;
	char msg[256];

	(void)p;
	app_require(a);
	cfg = conf_resolve(p, a, co, 1);
	chain_build(&ch, a, cfg);
	ts_on = cv(cfg, "logging.timestamps") != NULL &&
	    strcmp(cv(cfg, "logging.timestamps"), "false") != 0;
	toml_free(cfg);
	memset(&c, 0, sizeof c);
	memset(s, 0, sizeof s);
	if (lo.follow && lo.tail < 0 && lo.head < 0)
		lo.tail = 10;
	c.lo = &lo;
	c.want_rank = -1;
	if (lo.level) {
		c.want_rank = level_rank(lo.level, strlen(lo.level));
		if (c.want_rank < 0)
			err_die(EX_USAGE, "bad --level '%s': one of debug, info, "
			    "notice, warn, error, crit", lo.level);
	}
	if (lo.grep) {
		r = regcomp(&c.re, lo.grep, REG_EXTENDED | REG_NOSUB);
		if (r != 0) {
			regerror(r, &c.re, msg, sizeof msg);
			err_die(EX_USAGE, "bad --grep '%s': %s", lo.grep, msg);
		}
		c.have_re = 1;
	}
	if (lo.tail > 0) {
		c.rn = (size_t)lo.tail;
		if ((c.ring = calloc(c.rn, sizeof *c.ring)) == NULL)
			nomem();
	}
	if (lo.out) {
		s[ns].name = "stdout";
		s[ns++].live = xstrdup(ch.out);
	}
	if (lo.err && !(lo.out && strcmp(ch.out, ch.err) == 0)) {
		s[ns].name = "stderr";
		s[ns++].live = xstrdup(ch.err);
	}
	for (i = 0; i < ns; i++) {
		s[i].fd = -1;
		s[i].t = T_NONE;
		s[i].rank = -1;
		s[i].fstart = s[i].fend = T_NONE;
		src_files(&s[i]);
		src_newest(&s[i]);
	}
	/* Merge by time when teelog timestamps the lines. */
	by_time = ns > 1 && ts_on;
	merge_streams(&c, s, ns, by_time, lo.follow);
	flush_ring(&c);
	c.following = 1;
	if (lo.follow && !c.stop)
		follow(&c, s, ns);
	(void)fflush(stdout);
	for (i = 0; i < ns; i++) {
		src_close(&s[i]);
		buf_free(&s[i].b);
		src_free_files(&s[i]);
		free(s[i].live);
	}
	if (c.have_re)
		regfree(&c.re);
	chain_free(&ch);
	return 0;
}
