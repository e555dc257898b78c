/* t/unit/toml.c: the TOML parser, accessors, layering, emitters and edits
 * (lib/toml.c, toml_emit.c, toml_edit.c); the conformance corpus is
 * t/unit/toml-test.c. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "buf.h"
#include "toml.h"
#include "tap.h"

static char out[8192];

static struct toml *
P(const char *s)
{
	struct toml_err e;
	struct toml *t = toml_parse(s, strlen(s), "config.toml", &e);

	if (t == NULL)
		printf("# parse error: %s\n", e.msg);
	return t;
}

/* The error message of a parse that must fail. */
static const char *
perr(const char *s)
{
	struct toml_err e;
	struct toml *t = toml_parse(s, strlen(s), "config.toml", &e);

	if (t != NULL) {
		toml_free(t);
		return "(parsed)";
	}
	snprintf(out, sizeof out, "%s", e.msg);
	return out;
}

enum { JSON, JSONT, TOML, YAML };

static const char *
emit(const char *s, int how)
{
	struct toml *t = P(s);
	struct buf b = BUF_INIT;
	int r = -1;

	if (t == NULL)
		return "(error)";
	switch (how) {
	case JSON: r = toml_to_json(t, &b, 0); break;
	case JSONT: r = toml_to_json(t, &b, TOML_JSON_TAGGED); break;
	case TOML: r = toml_to_toml(t, &b); break;
	case YAML: r = toml_to_yaml(t, &b); break;
	}
	snprintf(out, sizeof out, "%s", r == 0 && b.p ? b.p : "(emit error)");
	buf_free(&b);
	toml_free(t);
	return out;
}

/* toml_edit_set(), the new text or "error: why". */
static const char *
set(const char *text, const char *key, const char *value)
{
	struct buf b = BUF_INIT;
	struct toml_err e;

	if (toml_edit_set(text, strlen(text), key, value, &b, &e) < 0)
		snprintf(out, sizeof out, "error: %s", e.msg);
	else
		snprintf(out, sizeof out, "%s", b.p ? b.p : "");
	buf_free(&b);
	return out;
}

static const char *
unset(const char *text, const char *key, int *r)
{
	struct buf b = BUF_INIT;
	struct toml_err e;

	*r = toml_edit_unset(text, strlen(text), key, &b, &e);
	if (*r < 0)
		snprintf(out, sizeof out, "error: %s", e.msg);
	else
		snprintf(out, sizeof out, "%s", b.p ? b.p : "");
	buf_free(&b);
	return out;
}

static void
parsing(void)
{
	const char *doc =
	    "# daemonctl app\n"
	    "name = \"web\"\n"
	    "cmd = ['./run', \"--port\", '8080']\n"
	    "\n"
	    "[limits]\n"
	    "memory_limit = \"512M\"  # soft\n"
	    "  nofile = 1_024\n"
	    "timeout = 30\n"
	    "ratio = 1.5e3\n"
	    "mask = 0o755\n"
	    "[restart]\n"
	    "policy.name = \"always\"\n"
	    "policy.\"max.delay\" = '1m'\n"
	    "on = true\n"
	    "[[check]]\n"
	    "url = \"http://127.0.0.1/\"\n"
	    "[[check]]\n"
	    "at = 1979-05-27T07:32:00.5-08:00\n"
	    "day = 2024-02-29\n"
	    "t = 23:59:60\n"
	    "local = 1979-05-27 07:32:00\n"
	    "env = { PATH = \"/bin\", X = { y = 1 } }\n";
	struct toml *t = P(doc);
	const struct toml *v, *lim;
	struct toml_datetime dt;
	struct buf b = BUF_INIT;
	size_t n;
	const char *raw;

	ok(t != NULL, "document parses");
	is_str(toml_str(toml_get(t, "name"), NULL), "web", "string");
	v = toml_get(t, "cmd");
	is_int(toml_type(v), TOML_ARRAY, "array");
	is_int(toml_len(v), 3, "array length");
	is_str(toml_str(toml_index(v, 1), NULL), "--port", "array element");
	lim = toml_get(t, "limits");
	is_int(toml_type(lim), TOML_TABLE, "table");
	is_int(toml_line(lim), 5, "table line is its header's");
	v = toml_path(t, "limits.memory_limit");
	is_str(toml_text(v), "512M", "dotted path lookup");
	is_int(toml_line(v), 6, "value line");
	is_int(toml_col(v), 16, "value column");
	is_str(toml_file(v), "config.toml", "value file");
	raw = toml_raw(v, &n);
	ok(raw != NULL && n == 6 && memcmp(raw, "\"512M\"", 6) == 0,
	    "raw text of a string has its quotes");
	v = toml_path(t, "limits.nofile");
	is_int(toml_int(v, 0), 1024, "integer with underscore");
	is_str(toml_text(v), "1024", "its text is plain decimal");
	raw = toml_raw(v, &n);
	ok(raw != NULL && n == 5 && memcmp(raw, "1_024", 5) == 0, "raw text as written");
	is_int(toml_col(v), 12, "indented key's value column");
	is_int(toml_int(toml_path(t, "limits.mask"), 0), 0755, "octal");
	is_str(toml_text(toml_path(t, "limits.mask")), "493", "octal text");
	ok(toml_float(toml_path(t, "limits.ratio"), 0) == 1500.0, "float");
	ok(toml_float(toml_path(t, "limits.timeout"), 0) == 30.0, "toml_float of an integer");
	is_str(toml_text(toml_path(t, "limits.timeout")), "30", "integer text");
	is_int(toml_int(toml_path(t, "limits.ratio"), -1), -1, "toml_int of a float: default");
	is_str(toml_str(toml_path(t, "restart.policy.name"), NULL), "always", "dotted keys");
	is_str(toml_str(toml_path(t, "restart.policy.\"max.delay\""), NULL), "1m",
	    "quoted part with a dot");
	ok(toml_bool(toml_path(t, "restart.on"), 0) == 1, "bool");
	is_str(toml_text(toml_path(t, "restart.on")), "true", "bool text");
	ok(toml_path(t, "restart.policy.nope") == NULL, "missing path");
	ok(toml_path(t, "restart..policy") == NULL, "bad path");
	ok(toml_path(t, "name.x") == NULL, "path through a value");

	/* iteration in file order */
	is_int(toml_len(t), 5, "root members");
	is_str(toml_key(toml_index(t, 0), NULL), "name", "first key");
	is_str(toml_key(toml_index(t, 4), NULL), "check", "last key");
	is_str(toml_key(toml_index(lim, 1), &n), "nofile", "table key order");
	is_int(n, 6, "key length");
	ok(toml_key(t, NULL) == NULL, "root has no key");

	v = toml_get(t, "check");
	is_int(toml_type(v), TOML_ARRAY, "array of tables");
	is_int(toml_len(v), 2, "two elements");
	is_int(toml_line(toml_index(v, 1)), 17, "element line");
	v = toml_path(toml_index(v, 1), "at");
	is_int(toml_type(v), TOML_DATETIME, "offset date-time");
	is_str(toml_type_name(toml_type(v)), "datetime", "type name");
	ok(toml_datetime(v, &dt) == 0 && dt.year == 1979 && dt.month == 5 &&
	    dt.day == 27 && dt.hour == 7 && dt.minute == 32 && dt.second == 0 &&
	    dt.nsec == 500000000 && dt.offset == -480, "date-time fields");
	is_str(toml_text(v), "1979-05-27T07:32:00.5-08:00", "date-time text");
	v = toml_path(toml_index(toml_get(t, "check"), 1), "local");
	is_int(toml_type(v), TOML_DATETIME_LOCAL, "local date-time");
	is_str(toml_text(v), "1979-05-27T07:32:00", "space becomes T");
	v = toml_path(toml_index(toml_get(t, "check"), 1), "day");
	is_int(toml_type(v), TOML_DATE_LOCAL, "local date (leap day)");
	v = toml_path(toml_index(toml_get(t, "check"), 1), "t");
	is_int(toml_type(v), TOML_TIME_LOCAL, "local time (leap second)");
	ok(toml_datetime(toml_get(t, "name"), &dt) < 0, "toml_datetime of a string");
	v = toml_path(toml_index(toml_get(t, "check"), 1), "env.X.y");
	is_int(toml_int(v, 0), 1, "nested inline tables");
	toml_fullkey(v, &b);
	is_str(b.p, "check.env.X.y", "full key");
	buf_reset(&b);
	toml_fullkey(toml_path(t, "restart.policy.\"max.delay\""), &b);
	is_str(b.p, "restart.policy.\"max.delay\"", "full key quotes what needs it");
	buf_free(&b);

	is_str(toml_str(NULL, "d"), "d", "NULL gives the default");
	is_int(toml_type(NULL), TOML_NONE, "NULL type");
	is_int(toml_len(NULL), 0, "NULL length");
	toml_free(t);

	/* strings */
	t = P("a = \"tab\\there \\u00e9 \\U0001F600 \\\\ \\\"\"\n"
	    "b = \"\"\"\n  one\\\n    two \\\n\n  three\"\"\"\n"
	    "c = '''\nC:\\path\n'''\n"
	    "d = \"\"\"x\"\"\"\"\"\n"
	    "e = 'lit\\n'\n"
	    "f = \"\\u0000z\"\n"
	    "\"\" = 'empty key'\n");
	is_str(toml_str(toml_get(t, "a"), NULL),
	    "tab\there \xc3\xa9 \xf0\x9f\x98\x80 \\ \"", "basic escapes");
	is_str(toml_str(toml_get(t, "b"), NULL), "  onetwo three",
	    "line-ending backslash trims");
	is_str(toml_str(toml_get(t, "c"), NULL), "C:\\path\n", "multi-line literal");
	is_str(toml_str(toml_get(t, "d"), NULL), "x\"\"", "quotes before the end");
	is_str(toml_str(toml_get(t, "e"), NULL), "lit\\n", "literal keeps backslash");
	is_int(toml_strlen(toml_get(t, "f")), 2, "NUL inside a string");
	is_str(toml_str(toml_get(t, ""), NULL), "empty key", "empty quoted key");
	toml_free(t);

	/* CRLF, BOM */
	t = P("\xef\xbb\xbf" "a = 1\r\n[b]\r\nc = \"\"\"x\r\ny\"\"\"\r\n");
	is_str(toml_str(toml_path(t, "b.c"), NULL), "x\r\ny", "CRLF kept inside strings");
	is_int(toml_line(toml_path(t, "b.c")), 3, "CRLF lines counted");
	toml_free(t);

	/* a big table: the hash index */
	{
		struct buf d = BUF_INIT;
		int i, good = 1;

		for (i = 0; i < 2000; i++)
			buf_printf(&d, "k%d = %d\n", i, i);
		t = toml_parse(d.p, d.len, NULL, NULL);
		for (i = 0; i < 2000 && t != NULL; i++) {
			char k[16];

			snprintf(k, sizeof k, "k%d", i);
			if (toml_int(toml_get(t, k), -1) != i)
				good = 0;
		}
		ok(t != NULL && good && toml_len(t) == 2000 &&
		    toml_get(t, "k2000") == NULL, "2000 keys found");
		toml_free(t);
		buf_printf(&d, "k1999 = 0\n");
		is_str(perr(d.p), "config.toml:2001:1: duplicate key 'k1999'",
		    "duplicate found through the index");
		buf_free(&d);
	}
}

static void
errors(void)
{
	is_str(perr("a = 1\nb = 2\nname x\n"), "config.toml:3:6: expected '=' after key",
	    "expected =");
	is_str(perr("a = 1\na = 2\n"), "config.toml:2:1: duplicate key 'a'", "duplicate key");
	is_str(perr("[t]\n[t]\n"), "config.toml:2:2: table 't' defined twice", "table twice");
	is_str(perr("a = 5X\n"), "config.toml:1:6: bad number", "bad number");
	is_str(perr("a = foo\n"),
	    "config.toml:1:5: unknown value 'foo' (strings need quotes)", "bare word");
	is_str(perr("a = \"x\n"), "config.toml:1:7: newline in a single-line string",
	    "unterminated string");
	is_str(perr("a = 1 2\n"), "config.toml:1:7: expected a newline after value, found '2'",
	    "two values");
	is_str(perr("a = 9223372036854775808\n"), "config.toml:1:5: integer out of range",
	    "int overflow");
	ok(strcmp(perr("a = -9223372036854775808\n"), "(parsed)") == 0, "INT64_MIN");
	is_str(perr("a = 2023-02-29\n"), "config.toml:1:5: day out of range", "not a leap year");
	is_str(perr("x = 1\n\xc3\xa9t\xc3\xa9 = 1\n"),
	    "config.toml:2:1: expected a key, found '?'", "non-ASCII bare key");
	is_str(perr("k = \"\xc3\xa9\xc3\xa9\" x\n"),
	    "config.toml:1:10: expected a newline after value, found 'x'",
	    "columns count characters");
	is_str(perr("a = \"\xff\"\n"), "config.toml:1:6: invalid UTF-8", "invalid UTF-8");
	is_str(perr("a = {b = 1}\na.c = 2\n"),
	    "config.toml:2:1: cannot add keys to inline table 'a'", "inline tables are closed");
	is_str(perr("a = [1]\n[[a]]\n"),
	    "config.toml:2:3: key 'a' is already an array, not an array of tables",
	    "static arrays are closed");
	is_str(perr("a = {b = 1,\n c = 2}\n"),
	    "config.toml:1:12: newline in an inline table", "inline table on one line");
	is_str(perr("a = {b = 1,}\n"), "config.toml:1:12: expected a key, found '}'",
	    "no trailing comma in inline tables");
	is_str(perr("a = \"\\q\"\n"), "config.toml:1:6: invalid escape '\\q'", "bad escape");
	is_str(perr("# c\x01\n"), "config.toml:1:4: control character U+0001 in comment",
	    "control character in comment");
	is_str(perr("a = 1\r"), "config.toml:1:6: bare carriage return", "bare CR");
	{
		struct toml_err e;

		ok(toml_parse("a =", 3, NULL, &e) == NULL && errno == EINVAL &&
		    strcmp(e.msg, "1:4: expected a value, found the end") == 0 &&
		    e.line == 1 && e.col == 4 && e.off == 3 &&
		    strcmp(e.why, "expected a value, found the end") == 0,
		    "without a file name: LINE:COL, why and offset");
	}
	{
		struct buf d = BUF_INIT;
		int i;

		buf_adds(&d, "a = ");
		for (i = 0; i < TOML_MAXDEPTH + 1; i++)
			buf_addc(&d, '[');
		is_str(perr(d.p), "config.toml:1:133: nesting too deep", "depth limit");
		buf_free(&d);
	}
	{
		struct buf d = BUF_INIT;
		int i;

		buf_adds(&d, "[a");
		for (i = 0; i < 100; i++)
			buf_adds(&d, ".a");
		buf_adds(&d, "]\nb");
		for (i = 0; i < 30; i++)
			buf_adds(&d, ".b");
		buf_adds(&d, " = 1\n");
		is_str(perr(d.p), "config.toml:2:55: nesting too deep",
		    "depth limit counts tables and dotted keys");
		buf_reset(&d);
		buf_adds(&d, "[a");
		for (i = 0; i < TOML_MAXDEPTH; i++)
			buf_adds(&d, ".a");
		buf_adds(&d, "]\n");
		is_str(perr(d.p), "config.toml:1:258: key has too many parts",
		    "key parts limit");
		buf_free(&d);
	}
	is_str(perr("a = 1e400\n"), "config.toml:1:5: float out of range", "float overflow");
	is_str(perr("a = \"\\e\"\n"), "config.toml:1:6: invalid escape '\\e'",
	    "TOML 1.1 \\e refused");
	is_str(perr("a = 07:32\n"), "config.toml:1:5: bad time", "seconds are required");
	ok(strcmp(perr(""), "(parsed)") == 0, "empty document");
}

static void
emitters(void)
{
	const char *doc = "s = \"a\\\"b\"\ni = 0x10\nf = 3.0\nn = -inf\nb = false\n"
	    "d = 1979-05-27\n[t]\narr = [1, 'x', [], {}]\n[[aot]]\nk = 1\n[[aot]]\n";

	is_str(emit(doc, JSON),
	    "{\"s\":\"a\\\"b\",\"i\":16,\"f\":3,\"n\":\"-inf\",\"b\":false,"
	    "\"d\":\"1979-05-27\",\"t\":{\"arr\":[1,\"x\",[],{}]},"
	    "\"aot\":[{\"k\":1},{}]}", "plain JSON");
	is_str(emit("i = 1\nf = 0.1\n", JSONT),
	    "{\"i\":{\"type\":\"integer\",\"value\":\"1\"},"
	    "\"f\":{\"type\":\"float\",\"value\":\"0.1\"}}", "tagged JSON");
	is_str(emit(doc, TOML),
	    "s = \"a\\\"b\"\ni = 16\nf = 3.0\nn = -inf\nb = false\nd = 1979-05-27\n"
	    "\n[t]\narr = [1, \"x\", [], {}]\n\n[[aot]]\nk = 1\n\n[[aot]]\n",
	    "normalized TOML");
	is_str(emit("[a.b.c]\nx = 1\n[e]\n", TOML), "[a.b.c]\nx = 1\n\n[e]\n",
	    "implicit tables get no header, empty ones do");
	is_str(emit("\"a b\" = \"\\u0001\\u007f\"\nc.\"d.e\" = 1\n", TOML),
	    "\"a b\" = \"\\u0001\\u007F\"\n\n[c]\n\"d.e\" = 1\n", "keys and control characters quoted");
	is_str(emit(doc, YAML),
	    "s: \"a\\\"b\"\ni: 16\nf: 3.0\n\"n\": -.inf\nb: false\nd: 1979-05-27\n"
	    "t:\n  arr:\n    - 1\n    - \"x\"\n    - []\n    - {}\naot:\n  - k: 1\n  - {}\n",
	    "YAML");
	is_str(emit("yes = [[1, 2], {a = {b = 1}, c = 2}]\n\"1x\" = 00:01:00\n", YAML),
	    "\"yes\":\n  - - 1\n    - 2\n  - a:\n      b: 1\n    c: 2\n\"1x\": \"00:01:00\"\n",
	    "YAML: nested sequences and mappings, quoted keys and times");
	is_str(emit("", YAML), "{}\n", "empty YAML document");
	is_str(emit("", JSON), "{}", "empty JSON document");

	{
		struct toml *t = P(doc), *u;
		struct buf b = BUF_INIT, c = BUF_INIT;

		toml_to_toml(t, &b);
		u = toml_parse(b.p, b.len, NULL, NULL);
		toml_to_json(t, &b, TOML_JSON_TAGGED);
		ok(u != NULL, "normalized TOML parses");
		toml_to_json(u, &c, TOML_JSON_TAGGED);
		buf_reset(&b);
		toml_to_json(t, &b, TOML_JSON_TAGGED);
		is_str(c.p, b.p, "and has the same value");
		buf_reset(&b);
		toml_to_json(toml_get(t, "t"), &b, TOML_JSON_PRETTY);
		is_str(b.p, "{\n  \"arr\": [\n    1,\n    \"x\",\n    [],\n    {}\n  ]\n}\n",
		    "pretty JSON of a sub-table");
		buf_reset(&b);
		toml_to_toml(toml_get(t, "f"), &b);
		is_str(b.p, "3.0\n", "TOML of a single value");
		buf_free(&b);
		buf_free(&c);
		toml_free(t);
		toml_free(u);
	}
	{
		struct buf b = BUF_INIT;

		toml_value_text("42", &b);
		is_str(b.p, "42", "value text: integer kept");
		buf_reset(&b);
		toml_value_text("5M", &b);
		is_str(b.p, "\"5M\"", "value text: bare word quoted");
		buf_reset(&b);
		toml_value_text("[1, 2]", &b);
		is_str(b.p, "[1, 2]", "value text: array kept");
		buf_reset(&b);
		toml_value_text("a\"b\n", &b);
		is_str(b.p, "\"a\\\"b\\n\"", "value text: escapes");
		buf_reset(&b);
		toml_value_text("1 # x", &b);
		is_str(b.p, "\"1 # x\"", "value text: a comment is not part of a value");
		buf_reset(&b);
		toml_add_key(&b, "a-b_9", 5);
		toml_add_key(&b, "a.b", 3);
		toml_add_key(&b, "", 0);
		is_str(b.p, "a-b_9\"a.b\"\"\"", "keys");
		buf_free(&b);
	}
}

static void
layering(void)
{
	struct toml *g = P("[restart]\npolicy = \"always\"\ndelay = \"1s\"\n[log]\nmax = 10\n");
	struct toml_err e;
	struct toml *a, *root = toml_new();
	const struct toml *v;
	struct buf b = BUF_INIT;

	a = toml_parse("[restart]\ndelay = \"5s\"\n[log]\nmax = { size = 1 }\n", 48,
	    "app.toml", &e);
	ok(root != NULL && a != NULL, "trees");
	ok(toml_merge(root, g, &e) == 0, "merge global");
	ok(toml_merge(root, a, &e) == 0, "merge app");
	toml_free(a);
	toml_free(g);	/* the merged tree owns copies */
	v = toml_path(root, "restart.delay");
	is_str(toml_str(v, NULL), "5s", "app wins");
	is_str(toml_file(v), "app.toml", "value remembers its file");
	is_int(toml_line(v), 2, "and its line");
	v = toml_path(root, "restart.policy");
	is_str(toml_str(v, NULL), "always", "global kept");
	is_str(toml_file(v), "config.toml", "from the global file");
	is_int(toml_int(toml_path(root, "log.max.size"), 0), 1, "table replaces a value");
	ok(toml_set(root, "restart.policy", "\"never\"", "DAEMONCTL_WEB_RESTART_POLICY",
	    &e) == 0, "set");
	v = toml_path(root, "restart.policy");
	is_str(toml_str(v, NULL), "never", "set wins");
	is_str(toml_file(v), "DAEMONCTL_WEB_RESTART_POLICY", "origin kept");
	ok(toml_set(root, "new.deep.key", "[1, 2]", "--config-override", &e) == 0,
	    "set creates tables");
	is_int(toml_int(toml_index(toml_path(root, "new.deep.key"), 1), 0), 2, "value set");
	ok(toml_set(root, "restart.policy.x", "1", "o", &e) < 0 &&
	    strstr(e.msg, "is not a table") != NULL, "set through a value fails");
	ok(toml_set(root, "x", "5M", "--config-override", &e) < 0 &&
	    strcmp(e.msg, "--config-override: bad value '5M': bad number") == 0,
	    "set with a bad value: %s", e.msg);
	ok(toml_set(root, "x", "1\ny = 2", "o", &e) < 0, "set refuses two values");
	ok(toml_set(root, "a..b", "1", "o", &e) < 0, "set with a bad key");
	toml_to_toml(root, &b);
	is_str(b.p, "[restart]\npolicy = \"never\"\ndelay = \"5s\"\n\n[log.max]\nsize = 1\n"
	    "\n[new.deep]\nkey = [1, 2]\n", "layered result");
	buf_free(&b);
	toml_free(root);
}

static void
editing(void)
{
	const char *doc =
	    "# app config\n"
	    "name = \"web\"   # the name\n"
	    "\n"
	    "# limits of the app\n"
	    "[limits]\n"
	    "  memory_limit = \"5X\" # TODO fix\n"
	    "  nofile = 1024\n"
	    "\n"
	    "# restarts\n"
	    "[restart]\n"
	    "policy.name = \"always\"\n"
	    "env = { A = \"1\" }\n"
	    "empty = {}\n";
	int r;

	is_str(set(doc, "limits.memory_limit", "\"512M\""),
	    "# app config\nname = \"web\"   # the name\n\n# limits of the app\n[limits]\n"
	    "  memory_limit = \"512M\" # TODO fix\n  nofile = 1024\n\n# restarts\n"
	    "[restart]\npolicy.name = \"always\"\nenv = { A = \"1\" }\nempty = {}\n",
	    "replace in place keeps the comment");
	is_str(set(doc, "limits.cpu", "50"),
	    "# app config\nname = \"web\"   # the name\n\n# limits of the app\n[limits]\n"
	    "  memory_limit = \"5X\" # TODO fix\n  nofile = 1024\n  cpu = 50\n\n# restarts\n"
	    "[restart]\npolicy.name = \"always\"\nenv = { A = \"1\" }\nempty = {}\n",
	    "append at the end of the section, same indentation");
	is_str(set(doc, "user", "\"www\""),
	    "# app config\nname = \"web\"   # the name\nuser = \"www\"\n\n# limits of the app\n"
	    "[limits]\n  memory_limit = \"5X\" # TODO fix\n  nofile = 1024\n\n# restarts\n"
	    "[restart]\npolicy.name = \"always\"\nenv = { A = \"1\" }\nempty = {}\n",
	    "a top-level key goes after the top-level keys");
	is_str(set(doc, "restart.policy.max", "3"),
	    "# app config\nname = \"web\"   # the name\n\n# limits of the app\n[limits]\n"
	    "  memory_limit = \"5X\" # TODO fix\n  nofile = 1024\n\n# restarts\n"
	    "[restart]\npolicy.name = \"always\"\nenv = { A = \"1\" }\nempty = {}\n"
	    "policy.max = 3\n",
	    "a table made by dotted keys gets a dotted key");
	is_str(set(doc, "restart.env.B", "\"2\""),
	    "# app config\nname = \"web\"   # the name\n\n# limits of the app\n[limits]\n"
	    "  memory_limit = \"5X\" # TODO fix\n  nofile = 1024\n\n# restarts\n"
	    "[restart]\npolicy.name = \"always\"\nenv = { A = \"1\", B = \"2\" }\nempty = {}\n",
	    "inline table");
	is_str(set(doc, "restart.empty.x.y", "1"),
	    "# app config\nname = \"web\"   # the name\n\n# limits of the app\n[limits]\n"
	    "  memory_limit = \"5X\" # TODO fix\n  nofile = 1024\n\n# restarts\n"
	    "[restart]\npolicy.name = \"always\"\nenv = { A = \"1\" }\nempty = { x.y = 1 }\n",
	    "empty inline table, missing sub-table");
	is_str(set(doc, "health.check.interval", "\"10s\""),
	    "# app config\nname = \"web\"   # the name\n\n# limits of the app\n[limits]\n"
	    "  memory_limit = \"5X\" # TODO fix\n  nofile = 1024\n\n# restarts\n"
	    "[restart]\npolicy.name = \"always\"\nenv = { A = \"1\" }\nempty = {}\n"
	    "\n[health.check]\ninterval = \"10s\"\n",
	    "a missing table is created at the end");
	is_str(set(doc, "restart.env", "{ B = 2 }"),
	    "# app config\nname = \"web\"   # the name\n\n# limits of the app\n[limits]\n"
	    "  memory_limit = \"5X\" # TODO fix\n  nofile = 1024\n\n# restarts\n"
	    "[restart]\npolicy.name = \"always\"\nenv = { B = 2 }\nempty = {}\n",
	    "a whole inline table replaced");
	is_str(set(doc, "limits", "1"),
	    "error: cannot replace a table (set its keys one by one): 'limits'",
	    "a table cannot be replaced");
	is_str(set(doc, "name.x", "1"), "error: a part of the key is not a table: 'name.x'",
	    "through a value");
	is_str(set(doc, "limits.cpu", "50%"), "error: bad value '50%': expected a newline after value, found '%'",
	    "bad value");
	is_str(set(doc, "limits.cpu", "1\ny = 2"),
	    "error: bad value '1\ny = 2': not one TOML value", "value injection refused");
	is_str(set(doc, "a b", "1"), "error: bad key 'a b'", "bad key");
	is_str(set("a = \n", "a", "1"), "error: 1:5: expected a value, found a newline",
	    "a document that does not parse");
	is_str(set("[[x]]\na = 1\n", "x.a", "2"),
	    "error: cannot edit inside an array of tables: 'x.a'", "array of tables");

	/* top of the file, no top-level keys */
	is_str(set("# global\n\n# limits\n[limits]\nx = 1\n", "name", "\"a\""),
	    "# global\n\nname = \"a\"\n\n# limits\n[limits]\nx = 1\n",
	    "top-level key before the first header and its comment");
	is_str(set("", "a.b", "1"), "[a]\nb = 1\n", "empty file");
	is_str(set("", "a", "1"), "a = 1\n", "empty file, top-level key");
	is_str(set("x = 1", "y", "2"), "x = 1\ny = 2\n", "no newline at the end");
	is_str(set("[t]", "t.y", "2"), "[t]\ny = 2\n", "header without newline");
	is_str(set("x = 1\r\n[t]\r\na = 1\r\n", "t.b", "2"),
	    "x = 1\r\n[t]\r\na = 1\r\nb = 2\r\n", "CRLF kept");
	is_str(set("x = 1\r\n", "t.b", "2"), "x = 1\r\n\r\n[t]\r\nb = 2\r\n",
	    "CRLF in a new table");
	is_str(set("[a.b.c]\nx = 1\n", "a.y", "2"), "[a.b.c]\nx = 1\n\n[a]\ny = 2\n",
	    "an implicit table gets its header");
	is_str(set("[a]\nb.c = 1\n", "a.b.d.e", "2"), "[a]\nb.c = 1\n\n[a.b.d]\ne = 2\n",
	    "sub-table of a dotted table");
	is_str(set("a = 1 # one\n", "a", "[\n  1,\n  2,\n]"),
	    "a = [\n  1,\n  2,\n] # one\n", "multi-line value");
	is_str(set("\"a.b\" = 1\n", "\"a.b\"", "2"), "\"a.b\" = 2\n", "quoted key");
	is_str(set("x = 1\n", "\"a b\".c", "2"), "x = 1\n\n[\"a b\"]\nc = 2\n",
	    "quoted key in a new header");

	is_str(unset(doc, "limits.memory_limit", &r),
	    "# app config\nname = \"web\"   # the name\n\n# limits of the app\n[limits]\n"
	    "  nofile = 1024\n\n# restarts\n"
	    "[restart]\npolicy.name = \"always\"\nenv = { A = \"1\" }\nempty = {}\n",
	    "unset removes the line and its comment");
	is_int(r, 0, "unset returns 0");
	is_str(unset(doc, "limits.nope", &r), doc, "unset of a missing key");
	is_int(r, 1, "returns 1");
	is_str(unset(doc, "nope.x", &r), doc, "unset under a missing table");
	is_int(r, 1, "returns 1");
	unset(doc, "restart.env.A", &r);
	is_int(r, -1, "unset inside an inline table fails");
	is_str(unset(doc, "limits", &r), "error: cannot remove a table: 'limits'",
	    "unset of a table fails");
	is_str(unset("a = [\n 1,\n 2\n] # c\nb = 1\n", "a", &r), "b = 1\n",
	    "unset a multi-line value");
}

int
main(void)
{
	parsing();
	errors();
	emitters();
	layering();
	editing();
	return done_testing();
}
