/* store_sqlite.c: the job store in SQLite, WORKSPACE/plotq.db (WAL). */
#ifdef HAVE_SQLITE
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "buf.h"
#include "store.h"

#define SCHEMA_VERSION 1

struct sq {
	sqlite3 *db;
	sqlite3_stmt *ins, *upd;
};

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS jobs ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" name BLOB NOT NULL DEFAULT '',"
	" queue BLOB NOT NULL,"
	" state TEXT NOT NULL,"
	" reason TEXT NOT NULL DEFAULT '',"
	" argv BLOB NOT NULL,"
	" env BLOB,"
	" cwd BLOB NOT NULL,"
	" priority INTEGER NOT NULL DEFAULT 0,"
	" after TEXT NOT NULL DEFAULT '',"
	" submitted INTEGER NOT NULL,"
	" started INTEGER NOT NULL DEFAULT 0,"
	" ended INTEGER NOT NULL DEFAULT 0,"
	" pid INTEGER NOT NULL DEFAULT 0,"
	" code INTEGER NOT NULL DEFAULT -1,"
	" sig INTEGER NOT NULL DEFAULT 0,"
	" slot INTEGER NOT NULL DEFAULT -1);";

static int
sqerr(struct store *st, char *why, size_t len, const char *what)
{
	struct sq *q = st->priv;

	snprintf(why, len, "%s %s: %s", what, st->path,
	    q && q->db ? sqlite3_errmsg(q->db) : "out of memory");
	errno = EIO;
	return -1;
}

static int
exec1(struct store *st, const char *sql, char *why, size_t len)
{
	struct sq *q = st->priv;

	if (sqlite3_exec(q->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sqerr(st, why, len, "corrupt or unreadable store");
	return 0;
}

/* An integer from a one-row pragma or query. */
static int
query_int(struct store *st, const char *sql, int64_t *v, char *why, size_t len)
{
	struct sq *q = st->priv;
	sqlite3_stmt *s;
	int r;

	if (sqlite3_prepare_v2(q->db, sql, -1, &s, NULL) != SQLITE_OK)
		return sqerr(st, why, len, "corrupt or unreadable store");
	r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		*v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return sqerr(st, why, len, "corrupt or unreadable store");
	return 0;
}

static int
sq_open(struct store *st, char *why, size_t len)
{
	struct sq *q;
	struct buf b = BUF_INIT;
	int64_t ver = 0, n;

	if (buf_printf(&b, "%s/plotq.db", st->ws) < 0)
		return -1;
	st->path = buf_detach(&b);
	q = calloc(1, sizeof *q);
	if (q == NULL || st->path == NULL) {
		free(q);
		snprintf(why, len, "%s", strerror(ENOMEM));
		return -1;
	}
	st->priv = q;
	if (sqlite3_open_v2(st->path, &q->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sqerr(st, why, len, "unable to open store");
		goto fail;
	}
	(void)chmod(st->path, 0600);
	sqlite3_busy_timeout(q->db, 5000);
	/* Any query on a file that is not a database fails here, before
	 * anything is written to it. */
	if (query_int(st, "PRAGMA user_version", &ver, why, len) < 0)
		goto fail;
	if (query_int(st, "PRAGMA quick_check", &n, why, len) < 0)
		goto fail;
	if (ver > SCHEMA_VERSION) {
		snprintf(why, len, "store %s has schema version %lld, newer "
		    "than this plotq's %d", st->path, (long long)ver,
		    SCHEMA_VERSION);
		goto fail;
	}
	if (exec1(st, "PRAGMA journal_mode=WAL", why, len) < 0 ||
	    exec1(st, st->sync_full ? "PRAGMA synchronous=FULL" :
	    "PRAGMA synchronous=NORMAL", why, len) < 0 ||
	    exec1(st, schema, why, len) < 0 ||
	    exec1(st, "PRAGMA user_version=1", why, len) < 0)
		goto fail;
	if (sqlite3_prepare_v2(q->db, "INSERT INTO jobs (name, queue, state,"
	    " argv, env, cwd, priority, after, submitted) VALUES"
	    " (?, ?, 'queued', ?, ?, ?, ?, ?, ?)", -1, &q->ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(q->db, "UPDATE jobs SET state = ?, reason = ?,"
	    " started = ?, ended = ?, pid = ?, code = ?, sig = ?, slot = ?"
	    " WHERE id = ?", -1,
	    &q->upd, NULL) != SQLITE_OK) {
		sqerr(st, why, len, "corrupt or unreadable store");
		goto fail;
	}
	return 0;
fail:
	sqlite3_finalize(q->ins);
	sqlite3_finalize(q->upd);
	sqlite3_close(q->db);
	free(q);
	st->priv = NULL;
	return -1;
}

/* Strings packed one after another, each with its NUL. */
static int
pack(struct buf *b, char *const *v)
{
	size_t i;

	buf_reset(b);
	for (i = 0; v && v[i]; i++)
		if (buf_add(b, v[i], strlen(v[i]) + 1) < 0)
			return -1;
	return 0;
}

static char **
unpack(const void *p, int n)
{
	const char *s = p, *e = s + (n > 0 ? n : 0);
	size_t k = 0, i;
	char **v;

	for (i = 0; i < (size_t)(n > 0 ? n : 0); i++)
		if (s[i] == '\0')
			k++;
	v = calloc(k + 1, sizeof *v);
	if (v == NULL)
		return NULL;
	for (i = 0; i < k && s < e; i++) {
		size_t l = strnlen(s, (size_t)(e - s));
		if ((v[i] = strndup(s, l)) == NULL) {
			strv_free(v);
			return NULL;
		}
		s += l + 1;
	}
	return v;
}

static char *
col_str(sqlite3_stmt *s, int c)
{
	const void *p = sqlite3_column_blob(s, c);
	int n = sqlite3_column_bytes(s, c);

	return strndup(p ? p : "", (size_t)n);
}

static int
parse_after(struct job *j, const char *s)
{
	size_t n = 0;
	const char *p;
	char *end;

	if (*s == '\0')
		return 0;
	for (p = s; *p; p++)
		if (*p == ',')
			n++;
	j->after = calloc(n + 1, sizeof *j->after);
	if (j->after == NULL)
		return -1;
	for (p = s; *p;) {
		long long v = strtoll(p, &end, 10);
		if (end == p || v <= 0)
			return -1;
		j->after[j->nafter++] = v;
		p = *end == ',' ? end + 1 : end;
		if (*end != ',' && *end != '\0')
			return -1;
	}
	return 0;
}

static int
sq_load(struct store *st, int (*fn)(void *, struct job *), void *arg,
    char *why, size_t len)
{
	struct sq *q = st->priv;
	sqlite3_stmt *s;
	struct job *j;
	int r;

	if (sqlite3_prepare_v2(q->db, "SELECT id, name, queue, state, reason,"
	    " argv, CASE WHEN state IN ('queued', 'running') THEN env END,"
	    " cwd, priority, after, submitted, started, ended, pid, code, sig,"
	    " slot FROM jobs ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return sqerr(st, why, len, "corrupt or unreadable store");
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(s, 3);
		const char *after = (const char *)sqlite3_column_text(s, 9);

		if ((j = job_new()) == NULL)
			goto nomem;
		j->id = sqlite3_column_int64(s, 0);
		j->name = col_str(s, 1);
		j->queue = col_str(s, 2);
		j->state = state ? job_state_parse(state) : -1;
		j->reason = col_str(s, 4);
		j->argv = unpack(sqlite3_column_blob(s, 5),
		    sqlite3_column_bytes(s, 5));
		if (sqlite3_column_type(s, 6) != SQLITE_NULL)
			j->env = unpack(sqlite3_column_blob(s, 6),
			    sqlite3_column_bytes(s, 6));
		j->cwd = col_str(s, 7);
		j->priority = sqlite3_column_int(s, 8);
		j->submitted = sqlite3_column_int64(s, 10);
		j->started = sqlite3_column_int64(s, 11);
		j->ended = sqlite3_column_int64(s, 12);
		j->pid = sqlite3_column_int64(s, 13);
		j->code = sqlite3_column_int(s, 14);
		j->sig = sqlite3_column_int(s, 15);
		j->slot = sqlite3_column_int(s, 16);
		if (j->name == NULL || j->queue == NULL || j->reason == NULL ||
		    j->argv == NULL || j->cwd == NULL)
			goto nomem;
		if (j->state < 0 || j->argv[0] == NULL ||
		    parse_after(j, after ? after : "") < 0) {
			snprintf(why, len, "corrupt store %s: job %lld is "
			    "malformed", st->path, (long long)j->id);
			job_free(j);
			sqlite3_finalize(s);
			return -1;
		}
		if (j->id >= st->next_id)
			st->next_id = j->id + 1;
		if (fn(arg, j) < 0) {
			sqlite3_finalize(s);
			snprintf(why, len, "%s", strerror(errno));
			return -1;
		}
	}
	sqlite3_finalize(s);
	if (r != SQLITE_DONE)
		return sqerr(st, why, len, "corrupt or unreadable store");
	return 0;
nomem:
	job_free(j);
	sqlite3_finalize(s);
	snprintf(why, len, "%s", strerror(ENOMEM));
	return -1;
}

static int
sq_add(struct store *st, struct job *j, char *why, size_t len)
{
	struct sq *q = st->priv;
	struct buf argv = BUF_INIT, env = BUF_INIT, after = BUF_INIT;
	sqlite3_stmt *s = q->ins;
	size_t i;
	int r;

	for (i = 0; i < j->nafter; i++)
		buf_printf(&after, "%s%lld", i ? "," : "", (long long)j->after[i]);
	if (pack(&argv, j->argv) < 0 || pack(&env, j->env) < 0) {
		r = SQLITE_NOMEM;
		goto out;
	}
	sqlite3_bind_blob(s, 1, j->name, (int)strlen(j->name), SQLITE_STATIC);
	sqlite3_bind_blob(s, 2, j->queue, (int)strlen(j->queue), SQLITE_STATIC);
	sqlite3_bind_blob(s, 3, argv.p, (int)argv.len, SQLITE_STATIC);
	sqlite3_bind_blob(s, 4, env.p ? env.p : "", (int)env.len, SQLITE_STATIC);
	sqlite3_bind_blob(s, 5, j->cwd, (int)strlen(j->cwd), SQLITE_STATIC);
	sqlite3_bind_int(s, 6, j->priority);
	sqlite3_bind_text(s, 7, after.p ? after.p : "", (int)after.len,
	    SQLITE_STATIC);
	sqlite3_bind_int64(s, 8, j->submitted);
	r = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (r == SQLITE_DONE)
		j->id = sqlite3_last_insert_rowid(q->db);
out:
	buf_free(&argv);
	buf_free(&env);
	buf_free(&after);
	if (r != SQLITE_DONE)
		return sqerr(st, why, len, "unable to write to store");
	return 0;
}

static int
sq_update(struct store *st, const struct job *j, char *why, size_t len)
{
	struct sq *q = st->priv;
	sqlite3_stmt *s = q->upd;
	const char *state = job_state_name(j->state);
	int r;

	sqlite3_bind_text(s, 1, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, j->reason ? j->reason : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, j->started);
	sqlite3_bind_int64(s, 4, j->ended);
	sqlite3_bind_int64(s, 5, j->pid);
	sqlite3_bind_int(s, 6, j->code);
	sqlite3_bind_int(s, 7, j->sig);
	sqlite3_bind_int(s, 8, j->slot);
	sqlite3_bind_int64(s, 9, j->id);
	r = sqlite3_step(s);
	sqlite3_reset(s);
	if (r != SQLITE_DONE)
		return sqerr(st, why, len, "unable to write to store");
	return 0;
}

static int
sq_check(struct store *st, size_t *njobs, char *why, size_t len)
{
	struct sq *q = st->priv;
	sqlite3_stmt *s;
	const char *res;
	int64_t n = 0;
	int r;

	if (sqlite3_prepare_v2(q->db, "PRAGMA integrity_check", -1, &s,
	    NULL) != SQLITE_OK)
		return sqerr(st, why, len, "corrupt store");
	r = sqlite3_step(s);
	res = r == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
	if (res == NULL || strcmp(res, "ok") != 0) {
		snprintf(why, len, "corrupt store %s: %s", st->path,
		    res ? res : sqlite3_errmsg(q->db));
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	if (query_int(st, "SELECT count(*) FROM jobs", &n, why, len) < 0)
		return -1;
	*njobs = (size_t)n;
	return 0;
}

static void
sq_close(struct store *st)
{
	struct sq *q = st->priv;

	if (q == NULL)
		return;
	sqlite3_finalize(q->ins);
	sqlite3_finalize(q->upd);
	sqlite3_close(q->db);
	free(q);
	st->priv = NULL;
}

const struct store_ops store_sqlite_ops = {
	"sqlite", sq_open, sq_load, sq_add, sq_update, sq_check, sq_close
};
#else
typedef int store_sqlite_absent;
#endif /* HAVE_SQLITE */
