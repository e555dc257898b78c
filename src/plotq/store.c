/* store.c: choosing and opening a job store backend (see store.h). */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "io.h"
#include "store.h"

static const struct store_ops *const backends[] = {
#ifdef HAVE_SQLITE
	&store_sqlite_ops,
#endif
	&store_spool_ops,
	NULL
};

const char *
store_kinds(void)
{
#ifdef HAVE_SQLITE
	return "sqlite spool";
#else
	return "spool";
#endif
}

const char *
store_default_kind(void)
{
	return backends[0]->kind;
}

/* What WORKSPACE/store says, or what the files there suggest; "" when
 * the workspace has no store yet. */
static int
existing_kind(const char *ws, char *kind, size_t len, char *why, size_t wl)
{
	char p[4096], *data = NULL;
	size_t n;
	struct stat st;

	snprintf(p, sizeof p, "%s/store", ws);
	if (io_readfile(p, 64, &data, &n) == 0) {
		while (n > 0 && (data[n - 1] == '\n' || data[n - 1] == ' '))
			data[--n] = '\0';
		snprintf(kind, len, "%s", data);
		free(data);
		if (strcmp(kind, "sqlite") != 0 && strcmp(kind, "spool") != 0) {
			snprintf(why, wl, "corrupt store marker %s: unknown "
			    "backend '%s'", p, kind);
			return -1;
		}
		return 0;
	}
	if (errno != ENOENT) {
		snprintf(why, wl, "unable to read %s: %s", p, strerror(errno));
		return -1;
	}
	/* No marker: a database file is a SQLite store that lost it. */
	snprintf(p, sizeof p, "%s/plotq.db", ws);
	if (stat(p, &st) == 0) {
		snprintf(kind, len, "sqlite");
		return 0;
	}
	kind[0] = '\0';
	return 0;
}

struct store *
store_open(const char *ws, const char *kind, int sync_full, int create,
    char *why, size_t len)
{
	char have[16], p[4096];
	const struct store_ops *ops = NULL;
	struct store *st;
	int i;

	if (existing_kind(ws, have, sizeof have, why, len) < 0)
		return NULL;
	if (kind && have[0] && strcmp(kind, have) != 0) {
		snprintf(why, len, "workspace %s holds a %s store, not %s",
		    ws, have, kind);
		return NULL;
	}
	if (!have[0] && !create) {
		snprintf(why, len, "workspace %s has no job store", ws);
		return NULL;
	}
	if (kind == NULL)
		kind = have[0] ? have : store_default_kind();
	for (i = 0; backends[i]; i++)
		if (strcmp(backends[i]->kind, kind) == 0)
			ops = backends[i];
	if (ops == NULL) {
		if (strcmp(kind, "sqlite") == 0)
			snprintf(why, len, "store %s: built without libsqlite3",
			    ws);
		else
			snprintf(why, len, "unknown store '%s' (have: %s)",
			    kind, store_kinds());
		errno = ENOSYS;
		return NULL;
	}
	st = calloc(1, sizeof *st);
	if (st == NULL || (st->ws = strdup(ws)) == NULL) {
		free(st);
		snprintf(why, len, "%s", strerror(ENOMEM));
		return NULL;
	}
	st->ops = ops;
	st->sync_full = sync_full;
	st->next_id = 1;
	/* The marker first: a crash after it leaves an empty store of the
	 * right kind, never files of one kind taken for the other. */
	if (!have[0]) {
		char line[32];

		snprintf(p, sizeof p, "%s/store", ws);
		snprintf(line, sizeof line, "%.16s\n", kind);
		if (afile_write(p, line, strlen(line), 0600, AFILE_SYNC) < 0) {
			snprintf(why, len, "unable to write %s: %s", p,
			    strerror(errno));
			goto fail;
		}
	}
	if (ops->open(st, why, len) < 0)
		goto fail;
	return st;
fail:
	free(st->path);
	free(st->ws);
	free(st);
	return NULL;
}

int
store_load(struct store *st, int (*fn)(void *, struct job *), void *arg,
    char *why, size_t len)
{
	return st->ops->load(st, fn, arg, why, len);
}

int
store_add(struct store *st, struct job *j, char *why, size_t len)
{
	return st->ops->add(st, j, why, len);
}

int
store_update(struct store *st, const struct job *j, char *why, size_t len)
{
	return st->ops->update(st, j, why, len);
}

int
store_check(struct store *st, size_t *njobs, char *why, size_t len)
{
	return st->ops->check(st, njobs, why, len);
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	st->ops->close(st);
	free(st->path);
	free(st->ws);
	free(st);
}
