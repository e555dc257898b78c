/* evlog.c: event lines (see evlog.h). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <unistd.h>

#include "evlog.h"
#include "io.h"
#include "tstamp.h"

static const char *names[] = { "debug", "info", "warn", "error" };

void
evlog_init(struct evlog *ev, const char *prog, int fd, int level)
{
	memset(ev, 0, sizeof *ev);
	ev->fd = fd;
	ev->level = level;
	ev->prog = prog;
}

void
evlog_syslog(struct evlog *ev)
{
	openlog(ev->prog, LOG_PID | LOG_NDELAY, LOG_DAEMON);
	ev->syslog = 1;
}

int
evlog_level(const char *name)
{
	int i;

	for (i = 0; i < 4; i++)
		if (strcasecmp(name, names[i]) == 0)
			return i;
	if (strcasecmp(name, "warning") == 0)
		return EV_WARN;
	return -1;
}

const char *
evlog_level_name(int level)
{
	return level >= 0 && level < 4 ? names[level] : "?";
}

void
evlogv(struct evlog *ev, int level, const char *event, const char *fmt, va_list ap)
{
	char line[4096];
	char ts[TSTAMP_MAX];
	struct timespec now;
	size_t n = 0;
	int r;
	static const int prio[] = { LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERR };

	if (level < ev->level || (ev->fd < 0 && !ev->syslog))
		return;
	tstamp_now(&now);
	tstamp_rfc3339(ts, &now, ev->utc);
	r = snprintf(line, sizeof line, "%s %s[%ld]: %s %s", ts, ev->prog,
	    (long)getpid(), evlog_level_name(level), event);
	if (r > 0)
		n = (size_t)r < sizeof line ? (size_t)r : sizeof line - 1;
	if (fmt && *fmt && n < sizeof line - 2) {
		line[n++] = ' ';
		r = vsnprintf(line + n, sizeof line - n, fmt, ap);
		if (r > 0)
			n += (size_t)r < sizeof line - n ? (size_t)r : sizeof line - n - 1;
	}
	if (n > sizeof line - 2)
		n = sizeof line - 2;
	line[n++] = '\n';
	if (ev->fd >= 0)
		(void)io_writeall(ev->fd, line, n);
	if (ev->syslog) {
		/* syslog adds its own time, name and pid. */
		size_t skip = strlen(ts) + 1;
		const char *p = strchr(line + skip, ' ');
		line[n - 1] = '\0';
		syslog(prio[level], "%s", p ? p + 1 : line);
	}
}

void
evlog(struct evlog *ev, int level, const char *event, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	evlogv(ev, level, event, fmt, ap);
	va_end(ap);
}

const char *
evlog_q(char *buf, size_t len, const char *v)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s;
	size_t o = 0;
	int bare = *v != '\0';

	for (s = (const unsigned char *)v; *s && bare; s++)
		if (!(*s > ' ' && *s < 0x7f && *s != '"' && *s != '\\' && *s != '='))
			bare = 0;
	if (bare) {
		snprintf(buf, len, "%s", v);
		return buf;
	}
	if (len < 3) {
		if (len)
			buf[0] = '\0';
		return buf;
	}
	buf[o++] = '"';
	for (s = (const unsigned char *)v; *s && o + 5 < len; s++) {
		if (*s == '"' || *s == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)*s;
		} else if (*s == '\n') {
			buf[o++] = '\\';
			buf[o++] = 'n';
		} else if (*s == '\t') {
			buf[o++] = '\\';
			buf[o++] = 't';
		} else if (*s < ' ' || *s == 0x7f) {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[*s >> 4];
			buf[o++] = hex[*s & 15];
		} else {
			buf[o++] = (char)*s;
		}
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}
