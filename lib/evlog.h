/* evlog.h: event lines, "TIMESTAMP PROG[PID]: LEVEL EVENT key=value ...".
 *
 * What daemonrun, daemonctl, plotq and pbroute log about themselves (see
 * OVERVIEW.md). The binary chooses the destination (an fd, syslog or
 * both) and the minimum level; each event is one write(2) of one line. */
#ifndef TK_EVLOG_H
#define TK_EVLOG_H

#include <stdarg.h>
#include <stddef.h>

enum { EV_DEBUG, EV_INFO, EV_WARN, EV_ERROR, EV_OFF };

struct evlog {
	int fd;		/* -1: none */
	int level;	/* minimum level written */
	int utc;	/* timestamps in UTC */
	int syslog;	/* also syslog(3) (opened by evlog_syslog) */
	const char *prog;
};

void evlog_init(struct evlog *ev, const char *prog, int fd, int level);
/* Open syslog with ident prog, facility daemon. */
void evlog_syslog(struct evlog *ev);
/* "debug", "info", "warn"/"warning", "error" -> EV_*; -1 if unknown. */
int evlog_level(const char *name);
const char *evlog_level_name(int level);

/* Log EVENT at LEVEL; fmt (may be NULL) formats the key=value part. Use
 * evlog_q() for values that may hold spaces or quotes. */
void evlog(struct evlog *ev, int level, const char *event, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void evlogv(struct evlog *ev, int level, const char *event, const char *fmt,
    va_list ap);

/* A value quoted for a key=value pair when needed: bare if it is made of
 * safe characters, else in double quotes with \" \\ \n \t \xHH escapes.
 * Returns buf (truncated to len). */
const char *evlog_q(char *buf, size_t len, const char *value);

#endif
