/* t/unit/envfile.c: the env-file parser (lib/envfile.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "envfile.h"
#include "tap.h"

static int
collect(const char *k, const char *v, void *arg)
{
	struct buf *b = arg;

	buf_printf(b, "%s=[%s];", k, v);
	return 0;
}

/* Parse text; "K=[V];..." or "ERR line N: why". */
static const char *
run(const char *text)
{
	static struct buf b = BUF_INIT;
	struct envfile_err e;

	buf_reset(&b);
	if (envfile_parse(text, strlen(text), collect, &b, &e) != 0)
		buf_printf(&b, "ERR line %zu: %s", e.line, e.why);
	return b.p ? b.p : "";
}

static int
stop_at_b(const char *k, const char *v, void *arg)
{
	(void)v;
	(void)arg;
	return strcmp(k, "B") == 0 ? 7 : 0;
}

int
main(void)
{
	struct envfile_err e;
	struct buf b = BUF_INIT;
	FILE *f;

	is_str(run(""), "", "empty file");
	is_str(run("A=1\nB=two\n"), "A=[1];B=[two];", "plain lines");
	is_str(run("A=1"), "A=[1];", "no final newline");
	is_str(run("# comment\n\n   \n\t# indented comment\nA=1\n"), "A=[1];",
	    "comments and blank lines");
	is_str(run("export A=1\nexport\tB=2\n"), "A=[1];B=[2];", "export prefix");
	is_str(run("export=1\n"), "export=[1];", "a variable named export");
	is_str(run("  A = spaced value  \n"), "A=[spaced value];",
	    "blanks around = and the value trimmed");
	is_str(run("A=\n"), "A=[];", "empty value");
	is_str(run("A=b #c\n"), "A=[b];", "comment after a blank");
	is_str(run("A=b#c\n"), "A=[b#c];", "# inside a value");
	is_str(run("A=x=y\n"), "A=[x=y];", "= inside a value");
	is_str(run("A='it''s'\n"), "ERR line 1: text after closing quote",
	    "text after a single quote");
	is_str(run("A='a \"b\" $HOME \\n'\n"), "A=[a \"b\" $HOME \\n];",
	    "single quotes are literal");
	is_str(run("A=\"a \\\"b\\\" \\\\ \\$x \\n\\t|\"\n"),
	    "A=[a \"b\" \\ $x \n\t|];", "double-quote escapes");
	is_str(run("A=\"keep \\q\"\n"), "A=[keep \\q];", "unknown escape kept");
	is_str(run("A=\"x\" # note\n"), "A=[x];", "comment after a quote");
	is_str(run("A=\"line1\nline2\"\nB=3\nC\n"),
	    "A=[line1\nline2];B=[3];ERR line 4: missing '='",
	    "multi-line value counts its lines");
	is_str(run("A=\"join\\\nme\"\n"), "A=[joinme];", "backslash-newline");
	is_str(run("A=1\r\nB=2\r\n"), "A=[1];B=[2];", "CRLF lines");
	is_str(run("A='x'\r\n"), "A=[x];", "CRLF after a quote");
	is_str(run("A=$HOME\n"), "A=[$HOME];", "no expansion");
	is_str(run("A=1\nB\n"), "A=[1];ERR line 2: missing '='", "missing =");
	is_str(run("1A=x\n"), "ERR line 1: bad variable name", "digit first");
	is_str(run("A-B=x\n"), "ERR line 1: bad variable name", "dash in a name");
	is_str(run("=x\n"), "ERR line 1: bad variable name", "empty name");
	is_str(run("export \n"), "ERR line 1: missing variable name",
	    "export alone");
	is_str(run("A=\"open\n"), "ERR line 1: unterminated double quote",
	    "unterminated double quote");
	is_str(run("\n\nA='open\n"), "ERR line 3: unterminated single quote",
	    "unterminated single quote, line 3");
	{
		const char t[] = "A=x\0y\n";
		buf_reset(&b);
		ok(envfile_parse(t, sizeof t - 1, collect, &b, &e) == -1 &&
		    e.line == 1 && strcmp(e.why, "NUL byte") == 0, "NUL byte");
	}
	ok(envfile_parse("A=1\nB=2\nC=3\n", 12, stop_at_b, NULL, &e) == 7 &&
	    e.line == 2, "the callback stops the parse and names the line");

	f = fopen("unit-envfile.env", "w");
	if (f) {
		fputs("# app\nexport PORT=8080\nNAME='my app'\n", f);
		fclose(f);
	}
	buf_reset(&b);
	is_int(envfile_load("unit-envfile.env", collect, &b, &e), 0, "load a file");
	is_str(b.p, "PORT=[8080];NAME=[my app];", "file contents");
	remove("unit-envfile.env");
	ok(envfile_load("unit-envfile.missing", collect, &b, &e) == -1 &&
	    errno == ENOENT && e.line == 0, "a missing file is an I/O error");
	buf_free(&b);
	return done_testing();
}
