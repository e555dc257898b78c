/* tk-logcheck: look at a log and its rotated files, for the teelog tests.
 *
 *	tk-logcheck list LOG		rotated files, oldest first, one a line
 *	tk-logcheck cat LOG		rotated files then LOG, concatenated
 *					(processed files decompressed)
 *	tk-logcheck check MAX LINEMAX LOG
 *		every file at most MAX bytes unless it holds one line; a file
 *		ending mid-line only when that line is longer than LINEMAX;
 *		no empty rotated file. Prints each problem, exits 1 if any.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "io.h"
#include "logw.h"

struct ent {
	char *path;
	struct logw_name nm;
};

static int
cmp(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;

	return logw_name_cmp(&x->nm, &y->nm);
}

/* The rotated files of log, oldest first, then log itself. */
static struct ent *
files(const char *log, size_t *np)
{
	char dir[4096];
	const char *base, *s;
	DIR *d;
	struct dirent *de;
	struct ent *v = NULL;
	size_t n = 0;

	s = strrchr(log, '/');
	if (s) {
		snprintf(dir, sizeof dir, "%.*s", (int)(s - log), log);
		base = s + 1;
	} else {
		strcpy(dir, ".");
		base = log;
	}
	if ((d = opendir(dir)) == NULL) {
		perror(dir);
		exit(2);
	}
	while ((de = readdir(d)) != NULL) {
		struct logw_name nm;
		char *p;
		if (logw_name_parse(base, de->d_name, &nm) < 0)
			continue;
		v = realloc(v, (n + 2) * sizeof *v);
		p = malloc(strlen(dir) + strlen(de->d_name) + 2);
		sprintf(p, "%s/%s", dir, de->d_name);
		v[n].path = p;
		v[n].nm = nm;
		v[n].nm.suffix = p + strlen(p) - strlen(nm.suffix);
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(v, n, sizeof *v, cmp);
	v = realloc(v, (n + 1) * sizeof *v);
	v[n].path = strdup(log);
	v[n].nm.suffix = "";
	*np = n;
	return v;
}

static char *
contents(const struct ent *e, size_t *len)
{
	char *p, cmd[8300];
	struct buf b = BUF_INIT;
	FILE *f;
	size_t r;
	char tmp[65536];

	if (*e->nm.suffix == '\0') {
		if (io_readfile(e->path, (size_t)1 << 34, &p, len) < 0) {
			perror(e->path);
			exit(2);
		}
		return p;
	}
	snprintf(cmd, sizeof cmd, "%s -dc '%s'",
	    strcmp(e->nm.suffix, ".gz") == 0 ? "gzip" :
	    strcmp(e->nm.suffix, ".xz") == 0 ? "xz" :
	    strcmp(e->nm.suffix, ".bz2") == 0 ? "bzip2" :
	    strcmp(e->nm.suffix, ".zst") == 0 ? "zstd" : "cat", e->path);
	if ((f = popen(cmd, "r")) == NULL)
		exit(2);
	while ((r = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, r);
	if (pclose(f) != 0) {
		fprintf(stderr, "%s failed\n", cmd);
		exit(2);
	}
	*len = b.len;
	if (b.p == NULL)
		buf_addc(&b, 0), b.len = 0;
	return buf_detach(&b);
}

static void
free_files(struct ent *v, size_t n)
{
	size_t i;

	for (i = 0; i <= n; i++)
		free(v[i].path);
	free(v);
}

int
main(int argc, char **argv)
{
	struct ent *v;
	size_t n, i, len, j;
	char *p, *prev = NULL;
	size_t prevlen = 0;
	unsigned long long max, linemax;
	int bad = 0;

	if (argc == 3 && strcmp(argv[1], "list") == 0) {
		v = files(argv[2], &n);
		for (i = 0; i < n; i++)
			printf("%s\n", v[i].path);
		free_files(v, n);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "cat") == 0) {
		v = files(argv[2], &n);
		for (i = 0; i <= n; i++) {
			p = contents(&v[i], &len);
			if (fwrite(p, 1, len, stdout) != len)
				return 2;
			free(p);
		}
		free_files(v, n);
		return 0;
	}
	if (argc != 5 || strcmp(argv[1], "check") != 0) {
		fprintf(stderr, "usage: tk-logcheck list|cat LOG | check MAX LINEMAX LOG\n");
		return 2;
	}
	max = strtoull(argv[2], NULL, 10);
	linemax = strtoull(argv[3], NULL, 10);
	v = files(argv[4], &n);
	for (i = 0; i <= n; i++) {
		p = contents(&v[i], &len);
		if (i < n && len == 0) {
			printf("%s: empty rotated file\n", v[i].path);
			bad = 1;
		}
		if (len > max) {
			for (j = 0; j + 1 < len && p[j] != '\n'; j++)
				;
			if (j + 1 < len) {
				printf("%s: %zu bytes, more than %llu, with "
				    "several lines\n", v[i].path, len, max);
				bad = 1;
			}
		}
		if (prev && prevlen > 0 && prev[prevlen - 1] != '\n') {
			/* The previous file ended mid-line: how long is it? */
			size_t a = prevlen, b = 0;
			while (a > 0 && prev[a - 1] != '\n')
				a--;
			while (b < len && p[b] != '\n')
				b++;
			if (b < len)
				b++;
			if ((prevlen - a) + b <= linemax) {
				printf("%s: a line of %zu bytes split from the "
				    "previous file\n", v[i].path,
				    (prevlen - a) + b);
				bad = 1;
			}
		}
		free(prev);
		prev = p;
		prevlen = len;
	}
	free(prev);
	free_files(v, n);
	return bad;
}
