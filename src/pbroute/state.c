/* state.c: the state file: the newest `modified` seen, routed idens.
 *
 * The file is key=value lines, written whole with afile_write:
 *
 *	# pbroute state
 *	modified=1700000000.123456
 *	routed=ujpah72o0sjAoRtnM0jc
 *	...
 *
 * `modified` is kept as the text the API gave (it goes back to the API
 * as modified_after, so no precision is lost); `routed` lines list the
 * last idens routed, oldest first, so a push modified after it was
 * routed is not routed again by the next process. Unknown keys are
 * ignored (a later version may add some); a line that is not key=value,
 * a bad `modified` or a bad iden makes the whole file invalid, and
 * pbroute then starts as on a first start (taking only the newest push
 * as its starting point: nothing old is replayed). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pbroute.h"

int
pb_modified_ok(const char *s)
{
	char *end;
	double v;
	size_t n = strlen(s);

	if (n == 0 || n >= PB_MODIFIED_MAX || !isdigit((unsigned char)s[0]))
		return 0;
	if (strspn(s, "0123456789.eE+-") != n)
		return 0;
	v = strtod(s, &end);
	return *end == '\0' && isfinite(v) && v >= 0;
}

/* Whether s is digits with at most one '.' between digits. */
static int
plain(const char *s)
{
	const char *p = s;

	while (isdigit((unsigned char)*p))
		p++;
	if (p == s)
		return 0;
	if (*p == '.') {
		const char *f = ++p;
		while (isdigit((unsigned char)*p))
			p++;
		if (p == f)
			return 0;
	}
	return *p == '\0';
}

int
pb_modified_cmp(const char *a, const char *b)
{
	size_t ia, ib;
	const char *fa, *fb;

	if (!plain(a) || !plain(b)) {
		double x = strtod(a, NULL), y = strtod(b, NULL);
		return x < y ? -1 : x > y;
	}
	while (*a == '0' && isdigit((unsigned char)a[1]))
		a++;
	while (*b == '0' && isdigit((unsigned char)b[1]))
		b++;
	ia = strspn(a, "0123456789");
	ib = strspn(b, "0123456789");
	if (ia != ib)
		return ia < ib ? -1 : 1;
	if (memcmp(a, b, ia) != 0)
		return memcmp(a, b, ia) < 0 ? -1 : 1;
	fa = a[ia] == '.' ? a + ia + 1 : "";
	fb = b[ib] == '.' ? b + ib + 1 : "";
	while (*fa || *fb) {
		char ca = *fa ? *fa++ : '0', cb = *fb ? *fb++ : '0';
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return 0;
}

/* Whether s can be an iden: visible ASCII, no '=' or '#', short. */
static int
iden_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n >= PB_IDEN_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] >= 0x7f)
			return 0;
	return 1;
}

int
pb_state_seen(const struct pb_state *s, const char *iden)
{
	size_t i;

	for (i = 0; i < s->ring_len; i++)
		if (strcmp(s->ring[(s->ring_head + i) % PB_IDEN_RING], iden) == 0)
			return 1;
	return 0;
}

void
pb_state_add(struct pb_state *s, const char *iden)
{
	size_t n = strlen(iden);

	if (!iden_ok(iden, n) || pb_state_seen(s, iden))
		return;
	if (s->ring_len == PB_IDEN_RING) {
		memcpy(s->ring[s->ring_head], iden, n + 1);
		s->ring_head = (s->ring_head + 1) % PB_IDEN_RING;
	} else {
		memcpy(s->ring[(s->ring_head + s->ring_len) % PB_IDEN_RING], iden, n + 1);
		s->ring_len++;
	}
}

int
pb_state_parse(struct pb_state *s, const char *text, size_t len,
    const char **why)
{
	const char *p = text, *end = text + len, *nl, *eq;
	char iden[PB_IDEN_MAX];
	size_t n;

	memset(s, 0, sizeof *s);
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL) {
			*why = "last line not ended";
			goto bad;
		}
		n = (size_t)(nl - p);
		if (n == 0 || *p == '#')
			continue;
		eq = memchr(p, '=', n);
		if (eq == NULL) {
			*why = "a line without '='";
			goto bad;
		}
		if (memchr(p, '\0', n)) {
			*why = "a NUL byte";
			goto bad;
		}
		if ((size_t)(eq - p) == 8 && memcmp(p, "modified", 8) == 0) {
			size_t vl = (size_t)(nl - eq - 1);
			if (vl >= PB_MODIFIED_MAX) {
				*why = "bad modified";
				goto bad;
			}
			memcpy(s->modified, eq + 1, vl);
			s->modified[vl] = '\0';
			if (!pb_modified_ok(s->modified)) {
				*why = "bad modified";
				goto bad;
			}
			s->have = 1;
		} else if ((size_t)(eq - p) == 6 && memcmp(p, "routed", 6) == 0) {
			size_t vl = (size_t)(nl - eq - 1);
			if (!iden_ok(eq + 1, vl)) {
				*why = "bad routed iden";
				goto bad;
			}
			memcpy(iden, eq + 1, vl);
			iden[vl] = '\0';
			pb_state_add(s, iden);
		}
	}
	if (!s->have && s->ring_len) {
		*why = "routed idens without modified";
		goto bad;
	}
	return 0;
bad:
	memset(s, 0, sizeof *s);
	return -1;
}

int
pb_state_format(const struct pb_state *s, struct buf *out)
{
	size_t i, from;

	buf_reset(out);
	if (buf_adds(out, "# pbroute state: the newest push seen, the last routed\n") < 0)
		return -1;
	if (s->have && buf_printf(out, "modified=%s\n", s->modified) < 0)
		return -1;
	from = s->ring_len > PB_IDEN_SAVED ? s->ring_len - PB_IDEN_SAVED : 0;
	for (i = from; i < s->ring_len; i++)
		if (buf_printf(out, "routed=%s\n",
		    s->ring[(s->ring_head + i) % PB_IDEN_RING]) < 0)
			return -1;
	return 0;
}
