/* svstatus.c: the status file of a state directory (see svstatus.h). */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "io.h"
#include "lock.h"
#include "parse.h"
#include "svstatus.h"

#define STATUS_MAX 65536

static const char *states[] = {
	"starting", "up", "stopping", "down", "backoff", "failed"
};
static const char *wants[] = { "up", "down", "once" };

static int
lookup(const char **names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *
svstatus_state_name(int state)
{
	return state >= 0 && state <= SV_FAILED ? states[state] : "?";
}

int
svstatus_state(const char *name)
{
	return lookup(states, SV_FAILED + 1, name);
}

const char *
svstatus_want_name(int want)
{
	return want >= 0 && want <= SV_WANT_ONCE ? wants[want] : "?";
}

int
svstatus_want(const char *name)
{
	return lookup(wants, SV_WANT_ONCE + 1, name);
}

void
svstatus_init(struct svstatus *st)
{
	memset(st, 0, sizeof *st);
	st->state = SV_DOWN;
	st->want = SV_WANT_UP;
	strcpy(st->stop_signal, "TERM");
	strcpy(st->reload_signal, "HUP");
}

/* Unix ms as "SECONDS.MMM". */
static int
add_ms(struct buf *b, const char *key, int64_t ms)
{
	if (ms < 0)
		ms = 0;
	return buf_printf(b, "%s=%" PRId64 ".%03d\n", key, ms / 1000,
	    (int)(ms % 1000));
}

int
svstatus_format(const struct svstatus *st, struct buf *b)
{
	if (buf_printf(b, "state=%s\nwant=%s\npid=%ld\npgid=%ld\n",
	    svstatus_state_name(st->state), svstatus_want_name(st->want),
	    (long)st->pid, (long)st->pgid) < 0 ||
	    add_ms(b, "since", st->since_ms) < 0 ||
	    add_ms(b, "started", st->started_ms) < 0 ||
	    buf_printf(b, "restarts=%lu\nlast_exit=%s\nsupervisor_pid=%ld\n"
	    "pid_start=%llu\nstop_signal=%s\nreload_signal=%s\n",
	    st->restarts, st->last_exit, (long)st->supervisor_pid,
	    st->pid_start, st->stop_signal, st->reload_signal) < 0)
		return -1;
	return 0;
}

/* "SECONDS[.FRACTION]" to ms (the fraction's first three digits). */
static int
parse_ms(const char *s, int64_t *ms)
{
	int64_t sec, frac = 0;
	const char *why;
	char ip[24];
	const char *dot = strchr(s, '.');
	size_t n = dot ? (size_t)(dot - s) : strlen(s);
	int i;

	if (n == 0 || n >= sizeof ip)
		return -1;
	memcpy(ip, s, n);
	ip[n] = '\0';
	if (parse_int(ip, 0, INT64_MAX / 1000 - 1, &sec, &why) < 0)
		return -1;
	if (dot) {
		s = dot + 1;
		if (*s == '\0')
			return -1;
		for (i = 0; s[i]; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			if (i < 3)
				frac = frac * 10 + (s[i] - '0');
		}
		for (; i < 3; i++)
			frac *= 10;
	}
	*ms = sec * 1000 + frac;
	return 0;
}

static int
parse_pid(const char *s, pid_t *pid)
{
	int64_t v;
	const char *why;

	if (parse_int(s, 0, INT32_MAX, &v, &why) < 0)
		return -1;
	*pid = (pid_t)v;
	return 0;
}

static int
copy_str(char *dst, size_t len, const char *s)
{
	size_t n = strlen(s);

	if (n >= len)
		return -1;
	memset(dst, 0, len);	/* a value read twice leaves no trace */
	memcpy(dst, s, n);
	return 0;
}

/* One key=value; -1 when the value is bad. Unknown keys are accepted. */
static int
set_key(struct svstatus *st, const char *k, const char *v)
{
	int64_t n;
	const char *why;

	if (strcmp(k, "state") == 0)
		return (st->state = svstatus_state(v)) < 0 ? -1 : 0;
	if (strcmp(k, "want") == 0)
		return (st->want = svstatus_want(v)) < 0 ? -1 : 0;
	if (strcmp(k, "pid") == 0)
		return parse_pid(v, &st->pid);
	if (strcmp(k, "pgid") == 0)
		return parse_pid(v, &st->pgid);
	if (strcmp(k, "supervisor_pid") == 0)
		return parse_pid(v, &st->supervisor_pid);
	if (strcmp(k, "since") == 0)
		return parse_ms(v, &st->since_ms);
	if (strcmp(k, "started") == 0)
		return parse_ms(v, &st->started_ms);
	if (strcmp(k, "restarts") == 0) {
		if (parse_int(v, 0, INT64_MAX, &n, &why) < 0 ||
		    (uint64_t)n > ULONG_MAX)
			return -1;
		st->restarts = (unsigned long)n;
		return 0;
	}
	if (strcmp(k, "pid_start") == 0) {
		if (parse_int(v, 0, INT64_MAX, &n, &why) < 0)
			return -1;
		st->pid_start = (unsigned long long)n;
		return 0;
	}
	if (strcmp(k, "last_exit") == 0)
		return copy_str(st->last_exit, sizeof st->last_exit, v);
	if (strcmp(k, "stop_signal") == 0)
		return copy_str(st->stop_signal, sizeof st->stop_signal, v);
	if (strcmp(k, "reload_signal") == 0)
		return copy_str(st->reload_signal, sizeof st->reload_signal, v);
	return 0;
}

int
svstatus_parse(const char *text, size_t len, struct svstatus *st,
    const char **why)
{
	static char msg[64];
	char line[256];
	const char *p = text, *end = text + len, *nl;
	char *eq;
	size_t n, lineno = 0;
	int have_state = 0;

	svstatus_init(st);
	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n >= sizeof line || memchr(p, '\0', n) != NULL) {
			snprintf(msg, sizeof msg, "line %zu: %s", lineno,
			    n >= sizeof line ? "too long" : "NUL byte");
			*why = msg;
			return -1;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl ? nl + 1 : end;
		if (n == 0)
			continue;
		eq = strchr(line, '=');
		if (eq == NULL || eq == line) {
			snprintf(msg, sizeof msg, "line %zu: not key=value",
			    lineno);
			*why = msg;
			return -1;
		}
		*eq = '\0';
		if (set_key(st, line, eq + 1) < 0) {
			snprintf(msg, sizeof msg, "line %zu: bad %.32s", lineno,
			    line);
			*why = msg;
			return -1;
		}
		if (strcmp(line, "state") == 0)
			have_state = 1;
	}
	if (!have_state) {
		*why = "no state";
		return -1;
	}
	return 0;
}

int
svstatus_write(const char *path, const struct svstatus *st)
{
	struct buf b = BUF_INIT;
	int r;

	if (svstatus_format(st, &b) < 0) {
		buf_free(&b);
		errno = ENOMEM;
		return -1;
	}
	r = afile_write(path, b.p, b.len, 0644, 0);
	buf_free(&b);
	return r;
}

int
svstatus_read(const char *path, struct svstatus *st, const char **why)
{
	char small[2048], *text;
	size_t len;
	int r;

	*why = NULL;
	/* One read for the usual few hundred bytes (status of 100 apps). */
	if ((text = io_readsmall_or_file(path, small, sizeof small,
	    STATUS_MAX, &len)) == NULL)
		return -1;
	r = svstatus_parse(text, len, st, why);
	if (text != small)
		free(text);
	if (r < 0)
		errno = EINVAL;
	return r;
}

int
svstatus_load(const char *dir, struct svstatus *st, int *running,
    const char **why)
{
	char path[PATH_MAX];
	size_t d = strlen(dir);
	pid_t h;

	*why = NULL;
	*running = 0;
	/* DIR/lock then DIR/status, without printf: status reads these
	 * for every app. */
	if (d + sizeof "/status" > sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(path, dir, d);
	memcpy(path + d, "/lock", sizeof "/lock");
	h = lock_holder_path(path);
	if (h < 0)
		return -1;
	*running = h > 0;
	memcpy(path + d, "/status", sizeof "/status");
	return svstatus_read(path, st, why);
}
