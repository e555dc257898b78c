/* base64.c: RFC 4648 Base64 (see base64.h). */
#include "base64.h"

static const char enc[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t
base64_encode(const void *in, size_t n, char *out)
{
	const unsigned char *p = in;
	size_t i, o = 0;
	unsigned v;

	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		out[o++] = enc[v >> 18];
		out[o++] = enc[(v >> 12) & 63];
		out[o++] = enc[(v >> 6) & 63];
		out[o++] = enc[v & 63];
	}
	if (i < n) {
		v = (unsigned)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		out[o++] = enc[v >> 18];
		out[o++] = enc[(v >> 12) & 63];
		out[o++] = i + 1 < n ? enc[(v >> 6) & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return o;
}

static int
dec(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

long
base64_decode(const char *in, size_t n, void *out)
{
	unsigned char *o = out;
	size_t i, k = 0;
	int a, b, c, d;

	if (n % 4)
		return -1;
	for (i = 0; i < n; i += 4) {
		a = dec(in[i]);
		b = dec(in[i + 1]);
		if (a < 0 || b < 0)
			return -1;
		o[k++] = (unsigned char)(a << 2 | b >> 4);
		if (in[i + 2] == '=') {
			/* "xx==": only at the very end, low bits zero. */
			if (i + 4 != n || in[i + 3] != '=' || (b & 15))
				return -1;
			break;
		}
		c = dec(in[i + 2]);
		if (c < 0)
			return -1;
		o[k++] = (unsigned char)((b & 15) << 4 | c >> 2);
		if (in[i + 3] == '=') {
			if (i + 4 != n || (c & 3))
				return -1;
			break;
		}
		d = dec(in[i + 3]);
		if (d < 0)
			return -1;
		o[k++] = (unsigned char)((c & 3) << 6 | d);
	}
	return (long)k;
}
