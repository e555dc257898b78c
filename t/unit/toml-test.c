/* t/unit/toml-test.c: lib/toml.c against the toml-test conformance corpus.
 *
 *	toml-test [DIR]		run the corpus in DIR (default t/toml-test,
 *				else $TOML_TEST_DIR), print TAP
 *	toml-test -d FILE|-	decode one file to toml-test's tagged JSON
 *
 * valid/NAME.toml must parse and give the value of valid/NAME.json
 * (compared as values: key order free, floats by value, date-times in
 * one spelling); invalid/NAME.toml must be rejected with a position. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "io.h"
#include "json.h"
#include "tap.h"
#include "toml.h"

/* Cases deliberately not supported, with the reason (none so far). */
static const struct {
	const char *name;
	const char *why;
} skips[] = {
	{ NULL, NULL }
};

static char **files;
static size_t nfiles, capfiles;

static void
collect(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat sb;
	char path[4096];
	size_t n;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (stat(path, &sb) < 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			collect(path);
			continue;
		}
		n = strlen(path);
		if (n < 5 || strcmp(path + n - 5, ".toml") != 0)
			continue;
		if (nfiles == capfiles) {
			capfiles = capfiles ? capfiles * 2 : 256;
			files = realloc(files, capfiles * sizeof *files);
			if (files == NULL)
				exit(2);
		}
		files[nfiles++] = strdup(path);
	}
	closedir(d);
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A date-time in one spelling: 'T', 'Z', no trailing zeros in the
 * fraction. */
static void
norm_dt(const char *s, char *out, size_t size)
{
	size_t i, n = 0, dot = 0;

	for (i = 0; s[i] && n + 1 < size; i++) {
		char c = s[i];

		if (c == 't' || (c == ' ' && i == 10))
			c = 'T';
		if (c == 'z')
			c = 'Z';
		if (c == '.')
			dot = n;
		if (dot && (c < '0' || c > '9') && c != '.') {
			while (n > dot + 1 && out[n - 1] == '0')
				n--;
			if (n == dot + 1)
				n = dot;
			dot = 0;
		}
		out[n++] = c;
	}
	if (dot) {
		while (n > dot + 1 && out[n - 1] == '0')
			n--;
		if (n == dot + 1)
			n = dot;
	}
	out[n] = '\0';
}

static double
fval(const char *s)
{
	if (strcmp(s, "nan") == 0 || strcmp(s, "+nan") == 0 ||
	    strcmp(s, "-nan") == 0)
		return NAN;
	if (strcmp(s, "inf") == 0 || strcmp(s, "+inf") == 0)
		return INFINITY;
	if (strcmp(s, "-inf") == 0)
		return -INFINITY;
	return strtod(s, NULL);
}

static int
is_tagged(const struct json *j)
{
	return json_type(j) == JSON_OBJ && json_len(j) == 2 &&
	    json_type(json_get(j, "type")) == JSON_STR &&
	    json_type(json_get(j, "value")) == JSON_STR;
}

/* 1 when got and want hold the same value; why says where not. */
static int
same(const struct json *got, const struct json *want, char *why, size_t wsz)
{
	size_t i, n, kl;
	const char *k;

	if (is_tagged(want)) {
		const char *wt = json_str(json_get(want, "type"), "");
		const char *wv = json_str(json_get(want, "value"), "");
		const char *gt, *gv;
		char a[128], b[128];

		if (!is_tagged(got)) {
			snprintf(why, wsz, "want %s %s, got a %s", wt, wv,
			    json_type_name(json_type(got)));
			return 0;
		}
		gt = json_str(json_get(got, "type"), "");
		gv = json_str(json_get(got, "value"), "");
		if (strcmp(gt, wt) != 0) {
			snprintf(why, wsz, "want type %s, got %s", wt, gt);
			return 0;
		}
		if (strcmp(wt, "float") == 0) {
			double x = fval(gv), y = fval(wv);

			if ((isnan(x) && isnan(y)) || x == y)
				return 1;
		} else if (strncmp(wt, "date", 4) == 0 ||
		    strncmp(wt, "time", 4) == 0) {
			norm_dt(gv, a, sizeof a);
			norm_dt(wv, b, sizeof b);
			if (strcmp(a, b) == 0)
				return 1;
		} else if (json_strlen(json_get(got, "value")) ==
		    json_strlen(json_get(want, "value")) &&
		    memcmp(gv, wv, json_strlen(json_get(want, "value"))) == 0)
			return 1;
		snprintf(why, wsz, "%s: want '%s', got '%s'", wt, wv, gv);
		return 0;
	}
	if (json_type(got) != json_type(want)) {
		snprintf(why, wsz, "want a %s, got a %s",
		    json_type_name(json_type(want)),
		    json_type_name(json_type(got)));
		return 0;
	}
	n = json_len(want);
	if (json_len(got) != n) {
		snprintf(why, wsz, "want %zu members, got %zu", n,
		    json_len(got));
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (json_type(want) == JSON_ARR) {
			if (!same(json_index(got, i), json_index(want, i), why,
			    wsz))
				return 0;
			continue;
		}
		k = json_key(want, i, &kl);
		if (json_getn(got, k, kl) == NULL) {
			snprintf(why, wsz, "key '%s' missing", k);
			return 0;
		}
		if (!same(json_getn(got, k, kl), json_index(want, i), why, wsz))
			return 0;
	}
	return 1;
}

static const char *
skipped(const char *rel)
{
	size_t i;

	for (i = 0; skips[i].name != NULL; i++)
		if (strcmp(skips[i].name, rel) == 0)
			return skips[i].why;
	return NULL;
}

static int
decode(const char *path)
{
	struct buf out = BUF_INIT;
	struct toml_err e;
	struct toml *t;
	char *data;
	size_t len;
	int r;

	r = io_readfile(strcmp(path, "-") == 0 ? "/dev/stdin" : path,
	    64 << 20, &data, &len);
	if (r < 0) {
		fprintf(stderr, "toml-test: %s: %s\n", path, strerror(errno));
		return 2;
	}
	t = toml_parse(data, len, path, &e);
	free(data);
	if (t == NULL) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	toml_to_json(t, &out, TOML_JSON_TAGGED | TOML_JSON_PRETTY);
	fwrite(out.p, 1, out.len, stdout);
	buf_free(&out);
	toml_free(t);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *dir = "t/toml-test", *rel, *why;
	char *data, *jdata, jpath[4096], msg[512];
	size_t i, len, jlen, tv = 0, pv = 0, ti = 0, pi = 0, sk = 0;
	struct toml_err e;
	struct json_err je;
	struct toml *t;
	struct json *got, *want;
	struct buf out = BUF_INIT;
	struct stat sb;

	if (argc == 3 && strcmp(argv[1], "-d") == 0)
		return decode(argv[2]);
	if (argc == 2)
		dir = argv[1];
	else if (stat(dir, &sb) < 0 && getenv("TOML_TEST_DIR") != NULL)
		dir = getenv("TOML_TEST_DIR");
	if (stat(dir, &sb) < 0) {
		printf("1..0 # SKIP no toml-test corpus at %s\n", dir);
		return 0;
	}
	collect(dir);
	qsort(files, nfiles, sizeof *files, cmpstr);
	for (i = 0; i < nfiles; i++) {
		rel = files[i] + strlen(dir) + 1;
		if (io_readfile(files[i], 16 << 20, &data, &len) < 0) {
			ok(0, "%s: %s", rel, strerror(errno));
			continue;
		}
		t = toml_parse(data, len, rel, &e);
		free(data);
		if ((why = skipped(rel)) != NULL) {
			printf("ok %d - %s # skip %s\n", ++tap_n, rel, why);
			sk++;
		} else if (strncmp(rel, "invalid/", 8) == 0) {
			ti++;
			if (ok(t == NULL && e.line > 0, "%s rejected", rel))
				pi++;
			else if (t == NULL)
				printf("#   no position: %s\n", e.msg);
		} else {
			tv++;
			snprintf(jpath, sizeof jpath, "%.*s.json",
			    (int)(strlen(files[i]) - 5), files[i]);
			if (t == NULL) {
				ok(0, "%s parses", rel);
				printf("#   %s\n", e.msg);
			} else if (io_readfile(jpath, 16 << 20, &jdata,
			    &jlen) < 0) {
				ok(0, "%s: no %s", rel, jpath);
			} else {
				buf_reset(&out);
				toml_to_json(t, &out, TOML_JSON_TAGGED);
				got = json_parse(out.p, out.len, &je);
				want = json_parse(jdata, jlen, &je);
				msg[0] = '\0';
				if (ok(got != NULL && want != NULL &&
				    same(got, want, msg, sizeof msg),
				    "%s parses to its JSON", rel))
					pv++;
				else
					printf("#   %s\n", got == NULL ?
					    "our JSON does not parse" :
					    want == NULL ? "bad .json" : msg);
				json_free(got);
				json_free(want);
				free(jdata);
			}
		}
		toml_free(t);
		free(files[i]);
	}
	free(files);
	buf_free(&out);
	printf("# toml-test: valid %zu/%zu parsed as expected, invalid "
	    "%zu/%zu rejected, %zu skipped\n", pv, tv, pi, ti, sk);
	return done_testing();
}
