/* t/unit/tstamp.c: timestamp formats (lib/tstamp.c). */
#include <stdlib.h>

#include "tap.h"
#include "tstamp.h"

int
main(void)
{
	char b[TSTAMP_MAX];
	struct timespec ts = { 1763717415, 123456789 }, back;

	setenv("TZ", "UTC", 1);
	tstamp_rfc3339(b, &ts, 1);
	is_str(b, "2025-11-21T09:30:15.123Z", "rfc3339 utc");
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	ts.tv_sec++;	/* a new second: the cache must refill */
	tstamp_rfc3339(b, &ts, 0);
	is_str(b, "2025-11-21T18:30:16.123+09:00", "rfc3339 local with offset");
	setenv("TZ", "America/St_Johns", 1);
	tzset();
	ts.tv_sec++;
	tstamp_rfc3339(b, &ts, 0);
	is_str(b, "2025-11-21T06:00:17.123-03:30", "rfc3339 negative half-hour offset");
	ts.tv_sec -= 2;
	tstamp_unix(b, &ts);
	is_str(b, "1763717415.123456", "unix seconds.micros");
	is_int(tstamp_tai64n(b, &ts), 25, "tai64n is 25 characters");
	is_str(b, "@4000000069203131075bcd15", "tai64n label");
	ok(tstamp_tai64n_parse(b, &back) == 0 && back.tv_sec == ts.tv_sec &&
	    back.tv_nsec == ts.tv_nsec, "tai64n parses back");
	ok(tstamp_tai64n_parse("@zz", &back) < 0, "bad tai64n refused");
	tstamp_compact(b, &ts);
	is_str(b, "20251121T093015.123Z", "compact rotation suffix");
	ok(tstamp_mono_ms() > 0, "monotonic clock");
	ok(tstamp_now_ms() > 1700000000000LL, "wall clock");
	{
		char ab[32];

		is_str(tstamp_age(ab, sizeof ab, -5), "0s", "age: negative is 0s");
		is_str(tstamp_age(ab, sizeof ab, 42999), "42s", "age: seconds");
		is_str(tstamp_age(ab, sizeof ab, 307000), "5m07s", "age: minutes");
		is_str(tstamp_age(ab, sizeof ab, 10920000), "3h02m", "age: hours");
		is_str(tstamp_age(ab, sizeof ab, 187200000), "2d04h", "age: days");
	}
	return done_testing();
}
