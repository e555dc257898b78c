/* t/unit/json.c: the JSON emitter and parser (lib/json.c, lib/utf8.c). */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "buf.h"
#include "json.h"
#include "tap.h"
#include "utf8.h"

static char out[4096];

/* json_add_str of n bytes, as a C string. */
static const char *
q(const char *s, size_t n)
{
	struct buf b = BUF_INIT;

	if (json_add_str(&b, s, n) < 0)
		return "(error)";
	snprintf(out, sizeof out, "%s", b.p);
	buf_free(&b);
	return out;
}

/* Parse, then write back compactly. */
static const char *
rt(const char *s)
{
	struct json_err e;
	struct json *j = json_parse(s, strlen(s), &e);
	struct buf b = BUF_INIT;
	struct json_w w;

	if (j == NULL) {
		snprintf(out, sizeof out, "error %d:%d: %s", e.line, e.col, e.msg);
		return out;
	}
	json_w_init(&w, &b, 0);
	json_w_json(&w, j);
	snprintf(out, sizeof out, "%s", json_w_finish(&w) == 0 ? b.p : "(error)");
	buf_free(&b);
	json_free(j);
	return out;
}

/* The error of a parse that must fail: "LINE:COL: msg". */
static const char *
perr(const char *s, size_t n)
{
	struct json_err e;
	struct json *j = json_parse(s, n, &e);

	if (j != NULL) {
		json_free(j);
		return "(parsed)";
	}
	snprintf(out, sizeof out, "%d:%d: %s", e.line, e.col, e.msg);
	return out;
}

static int
rejects(const char *s)
{
	struct json_err e;
	struct json *j = json_parse(s, strlen(s), &e);

	json_free(j);
	return j == NULL && errno == EINVAL && e.msg != NULL;
}

static void
emitter(void)
{
	struct buf b = BUF_INIT;
	struct json_w w;
	double d;

	is_str(q("abc", 3), "\"abc\"", "plain string");
	is_str(q("", 0), "\"\"", "empty string");
	is_str(q("a\"b\\c/", 6), "\"a\\\"b\\\\c/\"", "quote and backslash escaped");
	is_str(q("\n\t\r\b\f\x01\x1f\x7f", 8),
	    "\"\\n\\t\\r\\b\\f\\u0001\\u001f\x7f\"", "control characters");
	is_str(q("a\0b", 3), "\"a\\u0000b\"", "NUL escaped");
	is_str(q("h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 12),
	    "\"h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"", "valid UTF-8 copied");
	is_str(q("a\xffz", 3), "\"a\xef\xbf\xbdz\"", "invalid byte becomes U+FFFD");
	is_str(q("\xc0\xaf", 2), "\"\xef\xbf\xbd\xef\xbf\xbd\"", "overlong: two U+FFFD");
	is_str(q("\xed\xa0\x80", 3), "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"",
	    "encoded surrogate: three U+FFFD");
	is_str(q("\xe2\x82", 2), "\"\xef\xbf\xbd\"", "truncated sequence: one U+FFFD");
	is_str(q("\xe2\x82x", 3), "\"\xef\xbf\xbdx\"", "truncated then ASCII");
	is_str(q("\xf4\x90\x80\x80", 4),
	    "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"", "above U+10FFFF");
	is_str(q("\xf0\x9f\x98", 3), "\"\xef\xbf\xbd\"", "truncated 4-byte at end");

	json_w_init(&w, &b, 0);
	json_w_obj_begin(&w);
	json_w_key(&w, "id");
	json_w_int(&w, 42);
	json_w_key(&w, "neg");
	json_w_int(&w, INT64_MIN);
	json_w_key(&w, "big");
	json_w_uint(&w, UINT64_MAX);
	json_w_key(&w, "tags");
	json_w_arr_begin(&w);
	json_w_str(&w, "a");
	json_w_strn(&w, "bc", 1);
	json_w_null(&w);
	json_w_bool(&w, 1);
	json_w_bool(&w, 0);
	json_w_arr_end(&w);
	json_w_key(&w, "e");
	json_w_obj_begin(&w);
	json_w_obj_end(&w);
	json_w_key(&w, "ea");
	json_w_arr_begin(&w);
	json_w_arr_end(&w);
	json_w_key(&w, "n");
	json_w_str(&w, NULL);
	json_w_key(&w, "raw");
	json_w_raw(&w, "1763717415.123456", 17);
	json_w_obj_end(&w);
	ok(json_w_finish(&w) == 0, "writer finished");
	is_str(b.p, "{\"id\":42,\"neg\":-9223372036854775808,"
	    "\"big\":18446744073709551615,\"tags\":[\"a\",\"b\",null,true,false],"
	    "\"e\":{},\"ea\":[],\"n\":null,\"raw\":1763717415.123456}",
	    "compact writer output");

	buf_reset(&b);
	json_w_init(&w, &b, 2);
	json_w_obj_begin(&w);
	json_w_key(&w, "a");
	json_w_int(&w, 1);
	json_w_key(&w, "b");
	json_w_arr_begin(&w);
	json_w_int(&w, 2);
	json_w_obj_begin(&w);
	json_w_obj_end(&w);
	json_w_arr_end(&w);
	json_w_obj_end(&w);
	ok(json_w_finish(&w) == 0, "pretty writer finished");
	is_str(b.p, "{\n  \"a\": 1,\n  \"b\": [\n    2,\n    {}\n  ]\n}",
	    "pretty output");

	buf_reset(&b);
	json_w_init(&w, &b, 0);
	json_w_arr_begin(&w);
	json_w_num(&w, 0.1);
	json_w_num(&w, 3.0);
	json_w_num(&w, -0.0);
	json_w_num(&w, 1e300);
	json_w_num(&w, 1.0 / 3);
	json_w_num(&w, NAN);
	json_w_num(&w, INFINITY);
	json_w_num(&w, 5e-324);
	json_w_num(&w, 1763717415.123456);
	json_w_arr_end(&w);
	ok(json_w_finish(&w) == 0, "numbers written");
	is_str(b.p, "[0.1,3,-0,1e+300,0.3333333333333333,null,null,"
	    "4.94065645841247e-324,1763717415.123456]", "doubles, shortest round trip");
	d = 1.0 / 3;
	ok(strtod("0.3333333333333333", NULL) == d, "1/3 reads back");

	/* misuse */
	buf_reset(&b);
	json_w_init(&w, &b, 0);
	json_w_obj_begin(&w);
	ok(json_w_int(&w, 1) < 0 && errno == EINVAL, "value where a key is due");
	ok(json_w_finish(&w) < 0 && errno == EINVAL, "error is sticky");
	json_w_init(&w, &b, 0);
	json_w_arr_begin(&w);
	ok(json_w_key(&w, "k") < 0, "key inside an array");
	json_w_init(&w, &b, 0);
	ok(json_w_arr_end(&w) < 0, "end without begin");
	json_w_init(&w, &b, 0);
	json_w_arr_begin(&w);
	ok(json_w_obj_end(&w) < 0, "mismatched end");
	json_w_init(&w, &b, 0);
	json_w_obj_begin(&w);
	json_w_key(&w, "k");
	ok(json_w_obj_end(&w) < 0, "end after a key without value");
	json_w_init(&w, &b, 0);
	json_w_arr_begin(&w);
	ok(json_w_finish(&w) < 0 && errno == EINVAL, "unclosed container");
	json_w_init(&w, &b, 0);
	json_w_int(&w, 1);
	ok(json_w_int(&w, 2) < 0, "two top-level values");
	json_w_init(&w, &b, 0);
	{
		int i, r = 0;

		for (i = 0; i < JSON_W_MAXDEPTH + 1; i++)
			r = json_w_arr_begin(&w);
		ok(r < 0 && errno == EINVAL, "depth limit of the writer");
	}
	buf_free(&b);
}

static void
parser(void)
{
	struct json_err e;
	struct json *j;
	const struct json *v;
	const char *doc = "{\"id\": 18446744073709551615, \"n\": -9223372036854775808,"
	    " \"m\": 9223372036854775807, \"t\": 1763717415.123456,"
	    " \"s\": \"a\\u0000b\\ud83d\\ude00\\u00e9\\/\", \"b\": true,"
	    " \"z\": null, \"a\": [1, 2.5, \"x\", [], {}], \"k\": 1, \"k\": 2,"
	    " \"f\": 3.0, \"e\": 1e3}";
	size_t n;

	j = json_parse(doc, strlen(doc), &e);
	ok(j != NULL, "document parses");
	is_int(json_type(j), JSON_OBJ, "root is an object");
	is_int(json_len(j), 12, "twelve members (duplicates kept)");
	v = json_get(j, "id");
	ok(json_type(v) == JSON_NUM && !json_isint(v), "2^64-1 is not an int64");
	is_str(json_text(v), "18446744073709551615", "but its text is kept");
	is_int(json_int(v, -1), -1, "json_int gives the default");
	ok(json_isint(json_get(j, "n")) && json_int(json_get(j, "n"), 0) == INT64_MIN,
	    "INT64_MIN exact");
	ok(json_int(json_get(j, "m"), 0) == INT64_MAX, "INT64_MAX exact");
	v = json_get(j, "t");
	is_str(json_text(v), "1763717415.123456", "float timestamp text round-trips");
	ok(json_num(v, 0) == 1763717415.123456, "and its double");
	v = json_get(j, "s");
	is_int(json_strlen(v), 10, "string length with NUL and non-BMP");
	ok(memcmp(json_str(v, ""), "a\0b\xf0\x9f\x98\x80\xc3\xa9/", 10) == 0,
	    "escapes decoded (surrogate pair, NUL)");
	ok(json_bool(json_get(j, "b"), 0) == 1, "bool");
	is_int(json_type(json_get(j, "z")), JSON_NULL, "null");
	v = json_get(j, "a");
	is_int(json_len(v), 5, "array length");
	is_int(json_int(json_index(v, 0), 0), 1, "array[0]");
	ok(json_num(json_index(v, 1), 0) == 2.5, "array[1]");
	is_str(json_str(json_index(v, 2), NULL), "x", "array[2]");
	ok(json_index(v, 5) == NULL, "out of range index");
	is_int(json_int(json_get(j, "k"), 0), 2, "duplicate key: last wins");
	is_str(json_key(j, 8, &n), "k", "json_key");
	is_int(json_int(json_index(j, 8), 0), 1, "first duplicate still there by index");
	is_int(json_int(json_get(j, "f"), 0), 3, "json_int accepts 3.0");
	is_int(json_int(json_get(j, "e"), 0), 1000, "json_int accepts 1e3");
	ok(json_get(j, "missing") == NULL, "missing key");
	is_str(json_str(json_get(json_get(j, "nope"), "x"), "def"), "def",
	    "lookups chain through NULL");
	is_int(json_int(json_get(j, "s"), 7), 7, "type mismatch gives default");
	is_str(json_type_name(json_type(json_get(j, "a"))), "array", "type name");
	json_free(j);

	is_str(rt(" [1,-0,0.5e-3,1E+2,\"\\u2028\"] "), "[1,-0,0.5e-3,1E+2,\"\xe2\x80\xa8\"]",
	    "numbers keep their text");
	is_str(rt("\"\\ud800\\udc00\""), "\"\xf0\x90\x80\x80\"", "lowest surrogate pair");
	is_str(rt("0"), "0", "bare zero");
	is_str(rt("\"\x7f\""), "\"\x7f\"", "DEL is allowed");

	ok(rejects(""), "empty input");
	ok(rejects("   "), "only whitespace");
	ok(rejects("01"), "leading zero");
	ok(rejects("-01"), "leading zero after minus");
	ok(rejects("+1"), "plus sign");
	ok(rejects(".5"), "no integer part");
	ok(rejects("1."), "no fraction digits");
	ok(rejects("1e"), "no exponent digits");
	ok(rejects("-"), "lone minus");
	ok(rejects("NaN"), "NaN");
	ok(rejects("Infinity"), "Infinity");
	ok(rejects("[1,]"), "trailing comma in array");
	ok(rejects("{\"a\":1,}"), "trailing comma in object");
	ok(rejects("{a:1}"), "unquoted key");
	ok(rejects("{\"a\" 1}"), "missing colon");
	ok(rejects("[1 2]"), "missing comma");
	ok(rejects("'x'"), "single quotes");
	ok(rejects("\"a\tb\""), "tab in string");
	ok(rejects("\"\\x41\""), "bad escape");
	ok(rejects("\"\\u12\""), "short \\u");
	ok(rejects("\"\\ud800\""), "lone high surrogate");
	ok(rejects("\"\\udc00\""), "lone low surrogate");
	ok(rejects("\"\\ud800\\u0041\""), "high surrogate with a non-surrogate");
	ok(rejects("\"\xff\""), "invalid UTF-8 in string");
	ok(rejects("\"\xed\xa0\x80\""), "encoded surrogate in string");
	ok(rejects("\"abc"), "unterminated string");
	ok(rejects("[1"), "unterminated array");
	ok(rejects("{\"a\":1"), "unterminated object");
	ok(rejects("tru"), "truncated literal");
	ok(rejects("true false"), "two values");
	ok(rejects("{} x"), "trailing garbage");
	ok(rejects("\xef\xbb\xbf{}"), "byte order mark");
	ok(rejects("/* c */ 1"), "comment");
	is_str(perr("1\0", 2), "1:2: trailing characters after the value", "NUL after value");

	is_str(perr("{\n  \"a\": 1,\n  \"b\" 2\n}", 20), "3:7: expected ':' after key",
	    "error line and column");
	is_str(perr("[1,\n2,\n01]", 10), "3:2: leading zero in number", "position of leading zero");
	is_str(perr("[\"ok\",\n \"x\\q\"]", 14), "2:4: bad escape", "position of bad escape");

	{
		char deep[JSON_MAXDEPTH + 2];
		struct buf b = BUF_INIT;
		int i;

		memset(deep, '[', sizeof deep);
		is_str(perr(deep, JSON_MAXDEPTH + 1), "1:513: nesting too deep",
		    "depth limit");
		for (i = 0; i < JSON_MAXDEPTH; i++)
			buf_addc(&b, '[');
		for (i = 0; i < JSON_MAXDEPTH; i++)
			buf_addc(&b, ']');
		j = json_parse(b.p, b.len, &e);
		ok(j != NULL, "exactly the depth limit parses");
		json_free(j);
		buf_free(&b);
	}
}

static void
utf8(void)
{
	char o[4];
	uint32_t cp;

	is_int(utf8_encode(0x24, o), 1, "encode 1 byte");
	is_int(utf8_encode(0x20ac, o), 3, "encode 3 bytes");
	is_int(utf8_encode(0x10ffff, o), 4, "encode 4 bytes");
	is_int(utf8_encode(0x110000, o), 0, "above range");
	is_int(utf8_encode(0xd800, o), 0, "surrogate");
	is_int(utf8_decode((const unsigned char *)"\xf4\x8f\xbf\xbf", 4, &cp), 4,
	    "decode U+10FFFF");
	is_int(cp, 0x10ffff, "its value");
	is_int(utf8_valid("ab\xc3\xa9\xc3", 5), 4, "valid prefix");
	is_int(utf8_valid("0123456789abcdef\xff", 17), 16, "long ASCII run, then a bad byte");
	is_int(utf8_valid("01234567\xc3\xa9" "89abcdef", 18), 18, "non-ASCII inside a word");
	is_int(utf8_valid("0123456\xe2\x82\xac" "89abcdef\x80", 19), 18,
	    "non-ASCII across a word, continuation byte at the end");
}

int
main(void)
{
	emitter();
	parser();
	utf8();
	return done_testing();
}
