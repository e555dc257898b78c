/* parse.c: durations, sizes, signals, times, integers, modes (see parse.h). */
#include <ctype.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "parse.h"

/* A decimal number "123" or "1.25": integer part and a fraction
 * num/den (den a power of ten, at most 10^9; further digits are ignored).
 * Advances *sp past it. Returns -1 when no digit is found or on overflow. */
static int
number(const char **sp, uint64_t *ip, uint64_t *num, uint64_t *den,
    const char **why)
{
	const char *s = *sp;
	uint64_t v = 0, n = 0, d = 1;
	int digits = 0;

	while (isdigit((unsigned char)*s)) {
		if (v > (UINT64_MAX - 9) / 10) {
			*why = "number too large";
			return -1;
		}
		v = v * 10 + (uint64_t)(*s++ - '0');
		digits++;
	}
	if (*s == '.') {
		s++;
		while (isdigit((unsigned char)*s)) {
			if (d < 1000000000ULL) {
				n = n * 10 + (uint64_t)(*s - '0');
				d *= 10;
			}
			s++;
			digits++;
		}
	}
	if (digits == 0) {
		*why = "missing number";
		return -1;
	}
	*ip = v;
	*num = n;
	*den = d;
	*sp = s;
	return 0;
}

/* v = ip*unit + num*unit/den, rounded to nearest; -1 on overflow. */
static int
scale(uint64_t ip, uint64_t num, uint64_t den, uint64_t unit, uint64_t *v)
{
	uint64_t a, f;

	if (__builtin_mul_overflow(ip, unit, &a))
		return -1;
	/* num < den <= 1e9; unit may be large: split to avoid overflow. */
	f = (unit / den) * num + ((unit % den) * num + den / 2) / den;
	if (__builtin_add_overflow(a, f, v))
		return -1;
	return 0;
}

static const struct {
	const char *name;
	uint64_t ms;
} dur_units[] = {
	{ "ms", 1 }, { "s", 1000 }, { "sec", 1000 }, { "m", 60000 },
	{ "min", 60000 }, { "h", 3600000 }, { "d", 86400000 },
	{ "w", 604800000 },
};

int
parse_duration(const char *s, int64_t *out, const char **why)
{
	uint64_t total = 0, ip, num, den, v, unit;
	int components = 0;
	size_t i, n;
	const char *u;

	if (s == NULL || *s == '\0') {
		*why = "empty duration";
		return -1;
	}
	while (*s) {
		if (*s == '-') {
			*why = "negative duration";
			return -1;
		}
		if (number(&s, &ip, &num, &den, why) < 0)
			return -1;
		u = s;
		while (isalpha((unsigned char)*s))
			s++;
		n = (size_t)(s - u);
		if (n == 0) {
			if (components > 0 || *s != '\0') {
				*why = "missing unit (ms, s, m, h, d, w)";
				return -1;
			}
			unit = 1000;
		} else {
			unit = 0;
			for (i = 0; i < sizeof dur_units / sizeof dur_units[0]; i++)
				if (strlen(dur_units[i].name) == n &&
				    strncasecmp(u, dur_units[i].name, n) == 0)
					unit = dur_units[i].ms;
			if (unit == 0) {
				*why = "unknown unit (use ms, s, m, h, d, w)";
				return -1;
			}
		}
		if (scale(ip, num, den, unit, &v) < 0 ||
		    __builtin_add_overflow(total, v, &total) ||
		    total > (uint64_t)INT64_MAX / 1000) {
			*why = "duration too large";
			return -1;
		}
		components++;
		while (*s == ' ')
			s++;
	}
	*out = (int64_t)total;
	return 0;
}

int
parse_size(const char *s, uint64_t *out, const char **why)
{
	uint64_t ip, num, den, unit = 1;
	const char *u;
	static const char pfx[] = "KMGTPE";
	const char *p;

	if (s == NULL || *s == '\0') {
		*why = "empty size";
		return -1;
	}
	if (*s == '-') {
		*why = "negative size";
		return -1;
	}
	if (number(&s, &ip, &num, &den, why) < 0)
		return -1;
	while (*s == ' ')
		s++;
	u = s;
	if (*u != '\0') {
		if (*u == 'b' || *u == 'B') {
			if (u[1] != '\0')
				goto bad;
		} else {
			p = strchr(pfx, toupper((unsigned char)*u));
			if (p == NULL)
				goto bad;
			unit = 1ULL << (10 * (p - pfx + 1));
			u++;
			if ((u[0] == 'i' || u[0] == 'I') && (u[1] == 'b' || u[1] == 'B'))
				u += 2;
			else if (u[0] == 'b' || u[0] == 'B')
				u++;
			if (*u != '\0')
				goto bad;
		}
	}
	if (scale(ip, num, den, unit, out) < 0) {
		*why = "size too large";
		return -1;
	}
	return 0;
bad:
	*why = "unknown unit (use K, M, G, T: powers of 1024)";
	return -1;
}

static const struct {
	const char *name;
	int sig;
} signals[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "IOT", SIGABRT }, { "BUS", SIGBUS }, { "FPE", SIGFPE },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV },
	{ "USR2", SIGUSR2 }, { "PIPE", SIGPIPE }, { "ALRM", SIGALRM },
	{ "TERM", SIGTERM },
#ifdef SIGSTKFLT
	{ "STKFLT", SIGSTKFLT },
#endif
	{ "CHLD", SIGCHLD }, { "CLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH }, { "IO", SIGIO },
#ifdef SIGPOLL
	{ "POLL", SIGPOLL },
#endif
#ifdef SIGPWR
	{ "PWR", SIGPWR },
#endif
	{ "SYS", SIGSYS },
};

const char *
parse_signame(int sig)
{
	static char rt[16];
	size_t i;

	for (i = 0; i < sizeof signals / sizeof signals[0]; i++)
		if (signals[i].sig == sig)
			return signals[i].name;
#ifdef SIGRTMIN
	if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
		snprintf(rt, sizeof rt, "RTMIN+%d", sig - SIGRTMIN);
		return rt;
	}
#endif
	(void)rt;
	return NULL;
}

int
parse_signal(const char *s, int *sig, const char **why)
{
	size_t i;
	int64_t v;

	if (s == NULL || *s == '\0') {
		*why = "empty signal";
		return -1;
	}
	if (isdigit((unsigned char)*s)) {
		if (parse_int(s, 1, NSIG - 1, &v, why) < 0) {
			*why = "no such signal number";
			return -1;
		}
		*sig = (int)v;
		return 0;
	}
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 0; i < sizeof signals / sizeof signals[0]; i++)
		if (strcasecmp(s, signals[i].name) == 0) {
			*sig = signals[i].sig;
			return 0;
		}
#ifdef SIGRTMIN
	if (strncasecmp(s, "RTMIN", 5) == 0) {
		v = 0;
		if (s[5] == '+' && parse_int(s + 6, 0, SIGRTMAX - SIGRTMIN, &v, why) < 0)
			goto unknown;
		if (s[5] != '\0' && s[5] != '+')
			goto unknown;
		*sig = SIGRTMIN + (int)v;
		return 0;
	}
unknown:
#endif
	*why = "unknown signal name";
	return -1;
}

int
parse_int(const char *s, int64_t min, int64_t max, int64_t *out, const char **why)
{
	int neg = 0;
	uint64_t v = 0;

	if (s == NULL || *s == '\0') {
		*why = "empty number";
		return -1;
	}
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!isdigit((unsigned char)*s)) {
		*why = "not a number";
		return -1;
	}
	while (isdigit((unsigned char)*s)) {
		if (v > ((uint64_t)INT64_MAX + 1 - 9) / 10) {
			*why = "out of range";
			return -1;
		}
		v = v * 10 + (uint64_t)(*s++ - '0');
	}
	if (*s != '\0') {
		*why = "not a number";
		return -1;
	}
	if ((!neg && v > (uint64_t)INT64_MAX) ||
	    (neg && v > (uint64_t)INT64_MAX + 1)) {
		*why = "out of range";
		return -1;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	if (*out < min || *out > max) {
		*why = "out of range";
		return -1;
	}
	return 0;
}

int
parse_mode(const char *s, unsigned max, unsigned *mode, const char **why)
{
	unsigned v = 0;

	if (s == NULL || *s == '\0') {
		*why = "empty mode";
		return -1;
	}
	for (; *s; s++) {
		if (*s < '0' || *s > '7') {
			*why = "not an octal number";
			return -1;
		}
		v = v * 8 + (unsigned)(*s - '0');
		if (v > max) {
			*why = "out of range";
			return -1;
		}
	}
	*mode = v;
	return 0;
}

int
parse_bool(const char *s, int *b, const char **why)
{
	static const char *t[] = { "true", "yes", "on", "1" };
	static const char *f[] = { "false", "no", "off", "0" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(s, t[i]) == 0) {
			*b = 1;
			return 0;
		}
		if (strcasecmp(s, f[i]) == 0) {
			*b = 0;
			return 0;
		}
	}
	*why = "not a boolean (true/false, yes/no, on/off, 1/0)";
	return -1;
}

/* Howard Hinnant's days_from_civil. */
int64_t
parse_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Exactly n digits; -1 if not. */
static int
digits(const char **sp, int n, int *v)
{
	const char *s = *sp;
	int i, r = 0;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		r = r * 10 + (s[i] - '0');
	}
	*v = r;
	*sp = s + n;
	return 0;
}

/* Local broken-down time to ms since the epoch (mktime, DST resolved). */
static int
local_ms(int y, int mo, int d, int h, int mi, int sec, int64_t *ms)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1 && !(y == 1969 && mo == 12 && d == 31))
		return -1;
	*ms = (int64_t)t * 1000;
	return 0;
}

/* "HH:MM[:SS[.frac]]": returns -1 if s does not start like one. */
static int
clock_part(const char **sp, int *h, int *mi, int *sec, int *msec)
{
	const char *s = *sp;
	uint64_t ip, num, den;
	const char *why;

	if (digits(&s, 2, h) < 0 || *s++ != ':' || digits(&s, 2, mi) < 0)
		return -1;
	*sec = 0;
	*msec = 0;
	if (*s == ':') {
		s++;
		if (digits(&s, 2, sec) < 0)
			return -1;
		if (*s == '.') {
			const char *f = s;
			if (number(&f, &ip, &num, &den, &why) < 0)
				return -1;
			*msec = (int)((num * 1000) / den);
			s = f;
		}
	}
	if (*h > 23 || *mi > 59 || *sec > 60)
		return -1;
	*sp = s;
	return 0;
}

static int
parse_date_time(const char *s, int64_t now_ms, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, msec = 0, oh, om, sign;
	int64_t days, ms;
	struct tm tm;
	time_t now;

	if (strlen(s) >= 5 && s[2] == ':') {	/* HH:MM[:SS] today */
		if (clock_part(&s, &h, &mi, &sec, &msec) < 0 || *s != '\0')
			return -1;
		now = (time_t)(now_ms / 1000);
		if (localtime_r(&now, &tm) == NULL)
			return -1;
		if (local_ms(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, h, mi,
		    sec, &ms) < 0)
			return -1;
		*out = ms + msec;
		return 0;
	}
	if (digits(&s, 4, &y) < 0 || *s++ != '-' || digits(&s, 2, &mo) < 0 ||
	    *s++ != '-' || digits(&s, 2, &d) < 0)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	if (*s == '\0')
		return local_ms(y, mo, d, 0, 0, 0, out);
	if (*s != 'T' && *s != 't' && *s != ' ')
		return -1;
	s++;
	if (clock_part(&s, &h, &mi, &sec, &msec) < 0)
		return -1;
	if (*s == '\0') {
		if (local_ms(y, mo, d, h, mi, sec, &ms) < 0)
			return -1;
		*out = ms + msec;
		return 0;
	}
	days = parse_days_from_civil(y, (unsigned)mo, (unsigned)d);
	ms = ((days * 86400) + h * 3600 + mi * 60 + sec) * 1000 + msec;
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		sign = *s++ == '-' ? -1 : 1;
		if (digits(&s, 2, &oh) < 0)
			return -1;
		if (*s == ':')
			s++;
		if (digits(&s, 2, &om) < 0 || oh > 23 || om > 59)
			return -1;
		ms -= sign * (int64_t)(oh * 3600 + om * 60) * 1000;
	} else {
		return -1;
	}
	if (*s != '\0')
		return -1;
	*out = ms;
	return 0;
}

int
parse_time(const char *s, int64_t now_ms, int64_t *out, const char **why)
{
	int64_t d;
	const char *w;
	size_t n;
	char buf[64];
	uint64_t ip, num, den, v;
	time_t now;
	struct tm tm;

	if (s == NULL || *s == '\0') {
		*why = "empty time";
		return -1;
	}
	if (strcasecmp(s, "now") == 0) {
		*out = now_ms;
		return 0;
	}
	if (strcasecmp(s, "today") == 0 || strcasecmp(s, "yesterday") == 0) {
		now = (time_t)(now_ms / 1000);
		if (localtime_r(&now, &tm) == NULL ||
		    local_ms(tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday - (s[0] == 'y' || s[0] == 'Y'), 0, 0, 0, out) < 0) {
			*why = "cannot compute local time";
			return -1;
		}
		return 0;
	}
	if (*s == '-') {			/* -5m */
		if (parse_duration(s + 1, &d, &w) < 0) {
			*why = w;
			return -1;
		}
		*out = now_ms - d;
		return 0;
	}
	n = strlen(s);
	if (n > 4 && strcasecmp(s + n - 4, " ago") == 0 && n - 4 < sizeof buf) {
		memcpy(buf, s, n - 4);
		buf[n - 4] = '\0';
		if (parse_duration(buf, &d, &w) < 0) {
			*why = w;
			return -1;
		}
		*out = now_ms - d;
		return 0;
	}
	if (*s == '@' || strspn(s, "0123456789.") == n) {	/* Unix seconds */
		const char *p = *s == '@' ? s + 1 : s;
		if (number(&p, &ip, &num, &den, &w) < 0 || *p != '\0' ||
		    scale(ip, num, den, 1000, &v) < 0 || v > (uint64_t)INT64_MAX) {
			*why = "bad Unix time";
			return -1;
		}
		*out = (int64_t)v;
		return 0;
	}
	if (parse_date_time(s, now_ms, out) < 0) {
		*why = "not a time (RFC 3339, YYYY-MM-DD, HH:MM, Unix seconds, -5m, 1h ago)";
		return -1;
	}
	return 0;
}
