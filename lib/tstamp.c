/* tstamp.c: clocks and timestamp formatting (see tstamp.h). */
#include <stdio.h>
#include <string.h>

#include "tstamp.h"

void
tstamp_now(struct timespec *ts)
{
	clock_gettime(CLOCK_REALTIME, ts);
}

int64_t
tstamp_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
tstamp_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Cache of the last broken-down second: formatting many lines within the
 * same second (the common case for a busy log) costs one snprintf of the
 * milliseconds, not a localtime_r. */
static struct {
	time_t sec;
	int utc;
	char head[32];	/* "2026-11-21T09:30:15" */
	char off[16];	/* "+09:00" or "Z" */
} cache = { -1, -1, "", "" };

static void
fill_cache(time_t sec, int utc)
{
	struct tm tm;
	long off;
	char sign;

	if (utc)
		gmtime_r(&sec, &tm);
	else
		localtime_r(&sec, &tm);
	strftime(cache.head, sizeof cache.head, "%Y-%m-%dT%H:%M:%S", &tm);
	if (utc) {
		strcpy(cache.off, "Z");
	} else {
		off = tm.tm_gmtoff;
		sign = off < 0 ? '-' : '+';
		if (off < 0)
			off = -off;
		snprintf(cache.off, sizeof cache.off, "%c%02ld:%02ld", sign,
		    off / 3600 % 100, off % 3600 / 60);
	}
	cache.sec = sec;
	cache.utc = utc;
}

size_t
tstamp_rfc3339(char *buf, const struct timespec *ts, int utc)
{
	int n;

	if (cache.sec != ts->tv_sec || cache.utc != utc)
		fill_cache(ts->tv_sec, utc);
	n = snprintf(buf, TSTAMP_MAX, "%s.%03ld%s", cache.head,
	    ts->tv_nsec / 1000000, cache.off);
	return n < 0 ? 0 : (size_t)n;
}

size_t
tstamp_unix(char *buf, const struct timespec *ts)
{
	int n = snprintf(buf, TSTAMP_MAX, "%lld.%06ld", (long long)ts->tv_sec,
	    ts->tv_nsec / 1000);

	return n < 0 ? 0 : (size_t)n;
}

size_t
tstamp_tai64n(char *buf, const struct timespec *ts)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t s = (1ULL << 62) + 10 + (uint64_t)ts->tv_sec;
	uint32_t ns = (uint32_t)ts->tv_nsec;
	int i;

	buf[0] = '@';
	for (i = 15; i >= 0; i--, s >>= 4)
		buf[1 + i] = hex[s & 15];
	for (i = 7; i >= 0; i--, ns >>= 4)
		buf[17 + i] = hex[ns & 15];
	buf[25] = '\0';
	return 25;
}

size_t
tstamp_compact(char *buf, const struct timespec *ts)
{
	struct tm tm;
	time_t sec = ts->tv_sec;
	size_t n;

	gmtime_r(&sec, &tm);
	n = strftime(buf, TSTAMP_MAX, "%Y%m%dT%H%M%S", &tm);
	n += (size_t)snprintf(buf + n, TSTAMP_MAX - n, ".%03ldZ",
	    ts->tv_nsec / 1000000);
	return n;
}

int
tstamp_tai64n_parse(const char *s, struct timespec *ts)
{
	uint64_t v = 0;
	uint32_t ns = 0;
	int i, d;

	if (s[0] != '@')
		return -1;
	for (i = 1; i <= 24; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		if (i <= 16)
			v = v << 4 | (uint64_t)d;
		else
			ns = ns << 4 | (uint32_t)d;
	}
	if (v < (1ULL << 62) + 10 || ns > 999999999)
		return -1;
	ts->tv_sec = (time_t)(v - (1ULL << 62) - 10);
	ts->tv_nsec = (long)ns;
	return 0;
}

const char *
tstamp_age(char *buf, size_t len, int64_t ms)
{
	int64_t s = ms < 0 ? 0 : ms / 1000;

	if (s < 60)
		snprintf(buf, len, "%llds", (long long)s);
	else if (s < 3600)
		snprintf(buf, len, "%lldm%02llds", (long long)(s / 60),
		    (long long)(s % 60));
	else if (s < 86400)
		snprintf(buf, len, "%lldh%02lldm", (long long)(s / 3600),
		    (long long)(s % 3600 / 60));
	else
		snprintf(buf, len, "%lldd%02lldh", (long long)(s / 86400),
		    (long long)(s % 86400 / 3600));
	return buf;
}
