/* fmt.c: timestamps, prefixes and long-line cuts (see fmt.h). */
#include <string.h>

#include "fmt.h"
#include "tstamp.h"

int
fmt_parse(const char *name)
{
	if (strcmp(name, "rfc3339") == 0)
		return FMT_RFC3339;
	if (strcmp(name, "utc") == 0)
		return FMT_UTC;
	if (strcmp(name, "unix") == 0)
		return FMT_UNIX;
	if (strcmp(name, "tai64n") == 0)
		return FMT_TAI64N;
	return -1;
}

int
fmt_active(const struct fmt *f)
{
	return f->stamp != FMT_NONE || f->plen > 0;
}

size_t
fmt_head_max(const struct fmt *f)
{
	return TSTAMP_MAX + 1 + f->plen;
}

size_t
fmt_overhead(const struct fmt *f)
{
	return fmt_head_max(f) + 2;
}

size_t
fmt_head(const struct fmt *f, const struct timespec *ts, char *head)
{
	size_t n = 0;

	switch (f->stamp) {
	case FMT_RFC3339:
		n = tstamp_rfc3339(head, ts, 0);
		break;
	case FMT_UTC:
		n = tstamp_rfc3339(head, ts, 1);
		break;
	case FMT_UNIX:
		n = tstamp_unix(head, ts);
		break;
	case FMT_TAI64N:
		n = tstamp_tai64n(head, ts);
		break;
	}
	if (f->stamp != FMT_NONE)
		head[n++] = ' ';
	memcpy(head + n, f->prefix, f->plen);
	return n + f->plen;
}

size_t
fmt_lines(const struct fmt *f, struct fmt_state *st, const char *head,
    size_t hlen, const char *in, size_t n, struct buf *out, size_t cap)
{
	const char *nl;
	size_t i = 0, seg, room;
	char *o;

	if (out->len >= cap)
		return 0;
	/* One reservation: out grows by at most cap - len bytes of
	 * content plus one header and one marker. */
	if (buf_reserve(out, cap - out->len + hlen + 2) < 0)
		return 0;
	o = out->p;
	while (i < n) {
		if (!st->mid) {
			memcpy(o + out->len, head, hlen);
			out->len += hlen;
			st->mid = 1;
			st->col = 0;
		}
		if (st->col == f->line_max) {
			/* A full record: the line ends here, or is cut. */
			if (in[i] == '\n') {
				o[out->len++] = '\n';
				i++;
			} else {
				o[out->len++] = '\\';
				o[out->len++] = '\n';
			}
			st->mid = 0;
			if (out->len >= cap)
				break;
			continue;
		}
		room = out->len < cap ? cap - out->len : 0;
		if (room == 0)
			break;
		seg = n - i;
		if (seg > f->line_max - st->col)
			seg = f->line_max - st->col;
		if (seg > room)
			seg = room;
		nl = memchr(in + i, '\n', seg);
		if (nl != NULL)
			seg = (size_t)(nl - (in + i)) + 1;
		memcpy(o + out->len, in + i, seg);
		out->len += seg;
		i += seg;
		if (nl != NULL)
			st->mid = 0;
		else
			st->col += seg;
		if (out->len >= cap)
			break;
	}
	o[out->len] = '\0';
	return i;
}

int
fmt_end(struct fmt_state *st, struct buf *out)
{
	if (!st->mid)
		return 0;
	st->mid = 0;
	return buf_addc(out, '\n');
}
