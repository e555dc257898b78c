/* t/unit/plotq-ui.c: plotq ui's pure parts: keys, screen text, log lines,
 * the run dialog's command splitting. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/plotq/ui_text.c"
#include "tap.h"

/* The keys decoded from s (final), as names joined by spaces. */
static const char *
keys(const char *s)
{
	static char out[256];
	static const char *const names[] = { "Enter", "Esc", "BS", "Tab",
	    "BTab", "Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home",
	    "End", "Del", "?" };
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), used;
	int k;
	char one[16];

	out[0] = '\0';
	while (n > 0) {
		used = ui_key(u, n, 1, &k);
		if (used == 0 || used > n)
			return "BAD";
		if (k >= K_ENTER)
			snprintf(one, sizeof one, "%s", names[k - K_ENTER]);
		else if (k < 0x20)
			snprintf(one, sizeof one, "^%c", k + '@');
		else
			snprintf(one, sizeof one, "%c", k);
		if (out[0])
			strcat(out, " ");
		strcat(out, one);
		u += used;
		n -= used;
	}
	return out;
}

static void
test_keys(void)
{
	int k;

	is_str(keys("q"), "q", "a plain key");
	is_str(keys("\r\n\t\x7f\x08"), "Enter Enter Tab BS BS", "control keys");
	is_str(keys("\x1b[A\x1b[B\x1b[C\x1b[D"), "Up Down Right Left", "CSI arrows");
	is_str(keys("\x1bOA\x1bOB\x1bOH\x1bOF"), "Up Down Home End", "SS3 keys");
	is_str(keys("\x1b[5~\x1b[6~\x1b[1~\x1b[4~\x1b[3~\x1b[7~\x1b[8~"),
	    "PgUp PgDn Home End Del Home End", "tilde keys");
	is_str(keys("\x1b[1;5A\x1b[Z\x1b[H\x1b[F"), "Up BTab Home End",
	    "modified arrow, back tab, xterm Home/End");
	is_str(keys("\x1b"), "Esc", "a lone ESC, once final, is Escape");
	is_str(keys("\x1b\x1b[A"), "Esc Up", "ESC then an arrow");
	is_str(keys("\x1bx"), "?", "Alt+x is one unknown key");
	is_str(keys("\x1b[99~k"), "? k", "an unknown sequence, then a key");
	is_str(keys("\x1b[1\x03"), "? ^C", "a broken sequence gives back what follows");
	is_int(ui_key((const unsigned char *)"\x1b", 1, 0, &k), 0,
	    "a lone ESC waits for more");
	is_int(ui_key((const unsigned char *)"\x1b[1;", 4, 0, &k), 0,
	    "an unfinished CSI waits for more");
	is_int(ui_key((const unsigned char *)"\x1bO", 2, 0, &k), 0,
	    "an unfinished SS3 waits for more");
	is_str(keys("\x1b[111111111111111111111111111111111111111A"), "? 1 1 1 1 1 1 1 1 1 A",
	    "an endless sequence is cut at KEY_SEQ_MAX");
}

static void
test_tline(void)
{
	struct tline l;

	memset(&l, 0, sizeof l);
	tl_reset(&l, 10, 0);
	is_int(tl_str(&l, "hello world"), 10, "cut at the width");
	is_str(l.b.p, "hello worl", "the text cut");
	tl_reset(&l, 20, 0);
	tl_str(&l, "a\tb\x01\x1b" "c\xc3\xa9");
	is_str(l.b.p, "a       b??c??", "tabs, controls, non-ASCII outside UTF-8");
	is_int(l.w, 14, "width counted");
	tl_reset(&l, 20, 0);
	tl_esc(&l, "\033[7m");
	tl_str(&l, "ab");
	tl_pad(&l, 5);
	is_str(l.b.p, "\033[7mab   ", "escapes take no room; padding");
	is_int(l.w, 5, "width after padding");
	tl_pad(&l, 50);
	is_int(l.w, 20, "padding stops at the width");
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) {
		tl_reset(&l, 6, 1);
		tl_str(&l, "\xc3\xa9t\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac");
		is_str(l.b.p, "\xc3\xa9t\xc3\xa9 \xe6\x97\xa5", "UTF-8: a wide character that does not fit stops");
		is_int(l.w, 6, "UTF-8 widths");
		tl_reset(&l, 6, 1);
		tl_str(&l, "a\xff\xc2\x85z");
		is_str(l.b.p, "a??z", "bad UTF-8 and C1 controls are ?");
		is_int(ui_width("\xe6\x97\xa5x", 4, 1, 80), 3, "ui_width agrees");
	} else {
		ok(1, "# skip no C.UTF-8 locale");
	}
	tl_free(&l);
}

static const char *
clean(const char *s)
{
	static struct buf b;

	buf_reset(&b);
	ui_log_clean(s, strlen(s), &b);
	return b.p ? b.p : "";
}

static void
test_log_clean(void)
{
	is_str(clean("plain"), "plain", "plain text");
	is_str(clean("\033[1;31mred\033[0m"), "red", "CSI dropped");
	is_str(clean("\033]0;title\007x"), "x", "OSC with BEL dropped");
	is_str(clean("\033]0;title\033\\y"), "y", "OSC with ST dropped");
	is_str(clean("10%\r20%\r30%"), "30%", "\\r starts the line over");
	is_str(clean("done\r"), "done", "a final \\r (CRLF) keeps the line");
	is_str(clean("a\033(Bb"), "ab", "other escapes dropped");
}

/* The words of ui_split, joined by '|'. */
static const char *
split(const char *s)
{
	static char out[512];
	const char *why;
	char **v;
	size_t i;

	if ((v = ui_split(s, &why)) == NULL) {
		snprintf(out, sizeof out, "ERR %s", why);
		return out;
	}
	out[0] = '\0';
	for (i = 0; v[i]; i++) {
		if (i)
			strcat(out, "|");
		strcat(out, v[i]);
		free(v[i]);
	}
	free(v);
	return out;
}

static void
test_split(void)
{
	is_str(split("sleep 600"), "sleep|600", "plain words");
	is_str(split("  echo   'a b'  \"c d\" e\\ f  "), "echo|a b|c d|e f",
	    "quotes and blanks");
	is_str(split("echo \"a\\\"b\" ''"), "echo|a\"b|", "escapes in double quotes, empty word");
	is_str(split("ls | wc -l"), "/bin/sh|-c|ls | wc -l", "a pipe needs the shell");
	is_str(split("echo $HOME"), "/bin/sh|-c|echo $HOME", "an expansion needs it");
	is_str(split("echo \"$HOME\""), "/bin/sh|-c|echo \"$HOME\"",
	    "an expansion in double quotes too");
	is_str(split("echo '$HOME'"), "echo|$HOME", "not in single quotes");
	is_str(split("rm *.o"), "/bin/sh|-c|rm *.o", "a glob needs it");
	is_str(split("FOO=1 make"), "/bin/sh|-c|FOO=1 make", "an assignment needs it");
	is_str(split("make CFLAGS=-O2"), "make|CFLAGS=-O2", "a later = does not");
	is_str(split("cd /tmp"), "/bin/sh|-c|cd /tmp", "a builtin needs it");
	is_str(split("echo 'open"), "ERR unterminated quote", "unterminated quote");
	is_str(split("echo \\"), "ERR unterminated quote", "a trailing backslash");
	is_str(split("   "), "ERR empty command", "nothing to run");
}

int
main(void)
{
	test_keys();
	test_tline();
	test_log_clean();
	test_split();
	return done_testing();
}
