/* store_spool.c: the job store as a spool directory, WORKSPACE/jobs/ID/
 * holding `spec` (the submission, written once) and `state` (rewritten
 * at every change), both atomically. A directory without a spec is a
 * submission that was never acknowledged: it is ignored. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "buf.h"
#include "io.h"
#include "jobjson.h"
#include "store.h"

#define SPOOL_FILE_MAX (16 * 1024 * 1024)

static int
sp_open(struct store *st, char *why, size_t len)
{
	struct buf b = BUF_INIT;

	if (buf_printf(&b, "%s/jobs", st->ws) < 0 ||
	    (st->path = buf_detach(&b)) == NULL) {
		snprintf(why, len, "%s", strerror(ENOMEM));
		return -1;
	}
	if (mkdir(st->path, 0700) < 0 && errno != EEXIST) {
		snprintf(why, len, "unable to create %s: %s", st->path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The numeric entries of the spool directory, sorted. */
static int
list_ids(struct store *st, int64_t **ids, size_t *n, char *why, size_t len)
{
	DIR *dir;
	struct dirent *de;
	size_t cap = 0;
	int64_t *v = NULL, *nv;
	char *end;
	long long id;

	*n = 0;
	if ((dir = opendir(st->path)) == NULL) {
		snprintf(why, len, "unable to read %s: %s", st->path,
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		errno = 0;
		id = strtoll(de->d_name, &end, 10);
		if (*end != '\0' || errno)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			if ((nv = realloc(v, cap * sizeof *v)) == NULL) {
				free(v);
				closedir(dir);
				snprintf(why, len, "%s", strerror(ENOMEM));
				return -1;
			}
			v = nv;
		}
		v[(*n)++] = id;
	}
	closedir(dir);
	if (*n)
		qsort(v, *n, sizeof *v, cmp_id);
	*ids = v;
	return 0;
}

/* Read and parse one spool file. 1 when read, 0 when absent, -1 on error. */
static int
read_json(const char *path, struct json **out, char *why, size_t len)
{
	struct json_err e;
	char *data;
	size_t n;

	if (io_readfile(path, SPOOL_FILE_MAX, &data, &n) < 0) {
		if (errno == ENOENT)
			return 0;
		snprintf(why, len, "unable to read %s: %s", path,
		    strerror(errno));
		return -1;
	}
	*out = json_parse(data, n, &e);
	free(data);
	if (*out == NULL) {
		snprintf(why, len, "corrupt store file %s: %d:%d: %s", path,
		    e.line, e.col, e.msg);
		return -1;
	}
	return 1;
}

static int
load_one(struct store *st, int64_t id, struct job **out, int want_env,
    char *why, size_t len)
{
	char p[4096];
	struct json *o = NULL;
	struct job *j;
	const char *w;
	int r;

	*out = NULL;
	snprintf(p, sizeof p, "%s/%lld/spec", st->path, (long long)id);
	if ((r = read_json(p, &o, why, len)) <= 0)
		return r;
	if ((j = job_new()) == NULL) {
		json_free(o);
		snprintf(why, len, "%s", strerror(ENOMEM));
		return -1;
	}
	r = job_spec_parse(j, o, 1, &w);
	json_free(o);
	if (r == 0 && j->id != id) {
		w = "its id does not match its directory";
		r = -1;
	}
	if (r < 0) {
		snprintf(why, len, "corrupt store file %s: %s", p, w);
		goto fail;
	}
	j->state = JOB_QUEUED;
	snprintf(p, sizeof p, "%s/%lld/state", st->path, (long long)id);
	if ((r = read_json(p, &o, why, len)) < 0)
		goto fail;
	if (r > 0) {
		r = job_state_parse_json(j, o, &w);
		json_free(o);
		if (r < 0) {
			snprintf(why, len, "corrupt store file %s: %s", p, w);
			goto fail;
		}
	}
	if (j->reason == NULL && (j->reason = strdup("")) == NULL)
		goto nomem;
	if (job_final(j->state) || !want_env)
		job_drop_env(j);
	*out = j;
	return 1;
nomem:
	snprintf(why, len, "%s", strerror(ENOMEM));
fail:
	job_free(j);
	return -1;
}

static int
sp_load(struct store *st, int (*fn)(void *, struct job *), void *arg,
    char *why, size_t len)
{
	int64_t *ids;
	size_t n, i;
	struct job *j;
	int r = 0;

	if (list_ids(st, &ids, &n, why, len) < 0)
		return -1;
	for (i = 0; i < n && r == 0; i++) {
		if ((r = load_one(st, ids[i], &j, 1, why, len)) <= 0)
			continue;
		r = 0;
		if (j->id >= st->next_id)
			st->next_id = j->id + 1;
		if (fn(arg, j) < 0) {
			snprintf(why, len, "%s", strerror(errno));
			r = -1;
		}
	}
	free(ids);
	return r < 0 ? -1 : 0;
}

static int
write_file(struct store *st, int64_t id, const char *name, struct buf *b,
    char *why, size_t len)
{
	char p[4096];

	snprintf(p, sizeof p, "%s/%lld/%s", st->path, (long long)id, name);
	if (afile_write(p, b->p, b->len, 0600,
	    st->sync_full ? AFILE_SYNC : 0) < 0) {
		snprintf(why, len, "unable to write %s: %s", p, strerror(errno));
		return -1;
	}
	return 0;
}

static int
sp_add(struct store *st, struct job *j, char *why, size_t len)
{
	struct buf b = BUF_INIT;
	char p[4096];
	struct stat sb;
	int r;

	for (;;) {
		snprintf(p, sizeof p, "%s/%lld", st->path,
		    (long long)st->next_id);
		if (mkdir(p, 0700) == 0)
			break;
		if (errno != EEXIST) {
			snprintf(why, len, "unable to create %s: %s", p,
			    strerror(errno));
			return -1;
		}
		/* A directory left by a submission never acknowledged (no
		 * spec) is taken over; one with a spec is a job. */
		snprintf(p, sizeof p, "%s/%lld/spec", st->path,
		    (long long)st->next_id);
		if (stat(p, &sb) < 0 && errno == ENOENT)
			break;
		st->next_id++;
	}
	if (st->sync_full)
		(void)afile_sync_dir(p);
	j->id = st->next_id;
	if (job_spec_json(&b, j) < 0) {
		snprintf(why, len, "%s", strerror(errno));
		r = -1;
	} else {
		r = write_file(st, j->id, "spec", &b, why, len);
	}
	buf_free(&b);
	if (r == 0)
		st->next_id++;
	return r;
}

static int
sp_update(struct store *st, const struct job *j, char *why, size_t len)
{
	struct buf b = BUF_INIT;
	int r;

	if (job_state_json(&b, j) < 0) {
		snprintf(why, len, "%s", strerror(errno));
		r = -1;
	} else {
		r = write_file(st, j->id, "state", &b, why, len);
	}
	buf_free(&b);
	return r;
}

static int
sp_check(struct store *st, size_t *njobs, char *why, size_t len)
{
	int64_t *ids;
	size_t n, i;
	struct job *j;
	int r = 0;

	*njobs = 0;
	if (list_ids(st, &ids, &n, why, len) < 0)
		return -1;
	for (i = 0; i < n && r >= 0; i++) {
		r = load_one(st, ids[i], &j, 0, why, len);
		if (r > 0) {
			(*njobs)++;
			job_free(j);
		}
	}
	free(ids);
	return r < 0 ? -1 : 0;
}

static void
sp_close(struct store *st)
{
	(void)st;
}

const struct store_ops store_spool_ops = {
	"spool", sp_open, sp_load, sp_add, sp_update, sp_check, sp_close
};
