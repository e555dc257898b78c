/* t/unit/parse.c: the value parsers (lib/parse.c). */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>

#include "parse.h"
#include "tap.h"

static void
dur(const char *s, int64_t want)
{
	int64_t v = -1;
	const char *why = NULL;
	int r = parse_duration(s, &v, &why);

	if (!ok(r == 0 && v == want, "duration '%s' = %lld ms", s, (long long)want))
		printf("#   r=%d v=%lld why=%s\n", r, (long long)v, why ? why : "");
}

static void
dur_bad(const char *s, const char *why_part)
{
	int64_t v;
	const char *why = NULL;
	int r = parse_duration(s, &v, &why);

	if (!ok(r < 0 && why && strstr(why, why_part), "bad duration '%s': %s", s, why_part))
		printf("#   r=%d why=%s\n", r, why ? why : "");
}

static void
size(const char *s, uint64_t want)
{
	uint64_t v = 0;
	const char *why = NULL;
	int r = parse_size(s, &v, &why);

	if (!ok(r == 0 && v == want, "size '%s' = %llu", s, (unsigned long long)want))
		printf("#   r=%d v=%llu why=%s\n", r, (unsigned long long)v, why ? why : "");
}

static void
size_bad(const char *s)
{
	uint64_t v;
	const char *why = NULL;

	ok(parse_size(s, &v, &why) < 0 && why != NULL, "bad size '%s' (%s)", s,
	    why ? why : "no reason");
}

static void
sig(const char *s, int want)
{
	int v = 0;
	const char *why;

	ok(parse_signal(s, &v, &why) == 0 && v == want, "signal '%s' = %d", s, want);
}

static void
tm(const char *s, int64_t now, int64_t want)
{
	int64_t v = 0;
	const char *why = NULL;
	int r = parse_time(s, now, &v, &why);

	if (!ok(r == 0 && v == want, "time '%s' = %lld", s, (long long)want))
		printf("#   r=%d v=%lld why=%s\n", r, (long long)v, why ? why : "");
}

static void
tm_bad(const char *s)
{
	int64_t v;
	const char *why = NULL;

	ok(parse_time(s, 0, &v, &why) < 0 && why != NULL, "bad time '%s'", s);
}

int
main(void)
{
	int64_t v;
	unsigned m;
	int b;
	const char *why;
	const int64_t now = 1763717415123LL;	/* 2025-11-21T09:30:15.123Z */

	setenv("TZ", "UTC", 1);

	dur("250ms", 250);
	dur("30", 30000);
	dur("30s", 30000);
	dur("5m", 300000);
	dur("1h30m", 5400000);
	dur("1h 30m", 5400000);
	dur("1.5s", 1500);
	dur("0.25", 250);
	dur("2d", 172800000);
	dur("1w", 604800000);
	dur("0", 0);
	dur("1.0005s", 1001);
	dur("10MS", 10);
	dur_bad("", "empty");
	dur_bad("abc", "missing number");
	dur_bad("5x", "unknown unit");
	dur_bad("-5s", "negative");
	dur_bad("1h30", "missing unit");
	dur_bad("99999999999999999999", "too large");
	dur_bad("9999999999999d", "too large");

	size("512", 512);
	size("512B", 512);
	size("10K", 10240);
	size("10KB", 10240);
	size("10KiB", 10240);
	size("10k", 10240);
	size("512M", 512ULL << 20);
	size("1G", 1ULL << 30);
	size("1.5G", 3ULL << 29);
	size("2T", 2ULL << 40);
	size("0", 0);
	size_bad("");
	size_bad("10X");
	size_bad("10KBB");
	size_bad("-1");
	size_bad("M");
	size_bad("99999999999E");

	sig("TERM", SIGTERM);
	sig("SIGTERM", SIGTERM);
	sig("term", SIGTERM);
	sig("15", SIGTERM);
	sig("HUP", SIGHUP);
	sig("USR2", SIGUSR2);
	sig("WINCH", SIGWINCH);
	sig("RTMIN+2", SIGRTMIN + 2);
	ok(parse_signal("BOGUS", &b, &why) < 0, "unknown signal name refused");
	ok(parse_signal("999", &b, &why) < 0, "signal number out of range refused");
	ok(parse_signal("", &b, &why) < 0, "empty signal refused");
	is_str(parse_signame(SIGKILL), "KILL", "signame KILL");
	is_str(parse_signame(SIGUSR1), "USR1", "signame USR1");

	tm("2025-11-21T09:30:15.123Z", 0, now);
	tm("2025-11-21T18:30:15.123+09:00", 0, now);
	tm("2025-11-21T18:30:15.123+0900", 0, now);
	tm("2025-11-21 09:30:15.123", 0, now);		/* local = UTC here */
	tm("2025-11-21", 0, 1763683200000LL);
	tm("09:30", now, now - 15123);
	tm("09:30:15", now, now - 123);
	tm("1763717415", 0, 1763717415000LL);
	tm("@1763717415.5", 0, 1763717415500LL);
	tm("-5m", now, now - 300000);
	tm("1h ago", now, now - 3600000);
	tm("1h30m ago", now, now - 5400000);
	tm("now", now, now);
	tm("today", now, 1763683200000LL);
	tm("yesterday", now, 1763683200000LL - 86400000);
	tm_bad("");
	tm_bad("2025-13-01");
	tm_bad("25:00");
	tm_bad("tomorrowish");
	tm_bad("2025-11-21T09:30:15+99:00");
	tm_bad("-5q");

	ok(parse_int("42", 0, 100, &v, &why) == 0 && v == 42, "int 42");
	ok(parse_int("-20", -20, 19, &v, &why) == 0 && v == -20, "int -20");
	ok(parse_int("20", -20, 19, &v, &why) < 0, "int out of range");
	ok(parse_int("4x", 0, 100, &v, &why) < 0, "int with junk");
	ok(parse_int("9223372036854775808", INT64_MIN, INT64_MAX, &v, &why) < 0,
	    "int overflow");
	ok(parse_mode("0640", 07777, &m, &why) == 0 && m == 0640, "mode 0640");
	ok(parse_mode("022", 0777, &m, &why) == 0 && m == 022, "umask 022");
	ok(parse_mode("0800", 07777, &m, &why) < 0, "mode not octal");
	ok(parse_mode("1777", 0777, &m, &why) < 0, "umask too large");
	ok(parse_bool("yes", &b, &why) == 0 && b == 1, "bool yes");
	ok(parse_bool("off", &b, &why) == 0 && b == 0, "bool off");
	ok(parse_bool("maybe", &b, &why) < 0, "bool maybe refused");
	is_int(parse_days_from_civil(1970, 1, 1), 0, "epoch day");
	is_int(parse_days_from_civil(2000, 3, 1), 11017, "2000-03-01");
	return done_testing();
}
