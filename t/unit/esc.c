/* t/unit/esc.c: quoted strings for JSON, TOML and YAML; hex digits. */
#include <string.h>

#include "esc.h"
#include "tap.h"

static void
q(const char *in, size_t n, int flags, const char *want)
{
	struct buf b = BUF_INIT;

	ok(esc_quote(&b, in, n, flags) == 0, "quote (flags %d)", flags);
	is_str(b.p, want, "quote gives %s", want);
	buf_free(&b);
}

int
main(void)
{
	static const char ctl[] = "a\"\\\b\f\n\r\t\x01\x7f";
	static const char uni[] = "\xc3\xa9\xc2\x85\xef\xbb\xbf\xe2\x80\xa8\xff";

	q("", 0, 0, "\"\"");
	q("x\0y", 3, 0, "\"x\\u0000y\"");
	q(ctl, sizeof ctl - 1, 0, "\"a\\\"\\\\\\b\\f\\n\\r\\t\\u0001\x7f\"");
	q("\x1f\x1b", 2, 0, "\"\\u001f\\u001b\"");
	q("\x1f\x1b\x7f", 3, ESC_DEL | ESC_UPPER,
	    "\"\\u001F\\u001B\\u007F\"");
	q(ctl, sizeof ctl - 1, ESC_DEL | ESC_UPPER | ESC_YAML,
	    "\"a\\\"\\\\\\x08\\x0C\\n\\r\\t\\x01\\x7F\"");
	/* Valid UTF-8 kept, bad bytes U+FFFD; YAML escapes C1, BOM, LS. */
	q(uni, sizeof uni - 1, 0,
	    "\"\xc3\xa9\xc2\x85\xef\xbb\xbf\xe2\x80\xa8\xef\xbf\xbd\"");
	q(uni, sizeof uni - 1, ESC_DEL | ESC_UPPER | ESC_YAML,
	    "\"\xc3\xa9\\u0085\\uFEFF\\u2028\xef\xbf\xbd\"");
	q("\xe2\x80", 2, 0, "\"\xef\xbf\xbd\"");

	is_int(esc_hexval('0'), 0, "hex 0");
	is_int(esc_hexval('9'), 9, "hex 9");
	is_int(esc_hexval('a'), 10, "hex a");
	is_int(esc_hexval('F'), 15, "hex F");
	is_int(esc_hexval('g'), -1, "hex g");
	is_int(esc_hexval('/'), -1, "hex /");
	is_int(esc_hexval(':'), -1, "hex :");
	is_int(esc_hexval('@'), -1, "hex @");

	{
		struct buf b = BUF_INIT;

		esc_shell(&b, "a-Z_0.9/:=@%+,");
		buf_addc(&b, ' ');
		esc_shell(&b, "");
		buf_addc(&b, ' ');
		esc_shell(&b, "it's $HOME");
		is_str(b.p, "a-Z_0.9/:=@%+, '' 'it'\\''s $HOME'",
		    "shell: bare, empty, quoted with a quote inside");
		buf_free(&b);
	}
	return done_testing();
}
