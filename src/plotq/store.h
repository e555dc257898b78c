/* store.h: the job table on disk, one interface over two backends.
 *
 * "sqlite" keeps every job in WORKSPACE/plotq.db (WAL mode); "spool"
 * keeps one directory per job, WORKSPACE/jobs/ID/, with the immutable
 * submission in `spec` and the mutable state in `state`, each written
 * atomically (NAME.new, rename). WORKSPACE/store names the backend a
 * workspace was created with; opening it with the other one is refused,
 * so jobs are never silently left behind.
 *
 * Durability: with sync "normal" (the default) a write survives the
 * daemon's crash (it is in the kernel before the call returns) but not
 * necessarily a power loss; "full" fsyncs every write (SQLite
 * synchronous=FULL; the spool fsyncs files and directories).
 *
 * Errors: -1 with a message naming the file in why[0..whylen). */
#ifndef PLOTQ_STORE_H
#define PLOTQ_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "job.h"

struct store;

struct store_ops {
	const char *kind;
	int (*open)(struct store *st, char *why, size_t len);
	int (*load)(struct store *st, int (*fn)(void *, struct job *),
	    void *arg, char *why, size_t len);
	int (*add)(struct store *st, struct job *j, char *why, size_t len);
	int (*update)(struct store *st, const struct job *j, char *why,
	    size_t len);
	int (*check)(struct store *st, size_t *njobs, char *why, size_t len);
	void (*close)(struct store *st);
};

struct store {
	const struct store_ops *ops;
	char *ws;		/* the workspace directory */
	char *path;		/* the database file or the spool directory */
	int sync_full;
	int64_t next_id;	/* spool: the id the next add takes */
	void *priv;		/* the backend's own state */
};

/* Which backends this build has: "sqlite spool" or "spool". */
const char *store_kinds(void);
/* The backend for new workspaces ("sqlite" when built with it). */
const char *store_default_kind(void);

/* Open the store of workspace ws (which exists). kind is "sqlite",
 * "spool", or NULL for the one the workspace has (else the default).
 * create: make it when the workspace has none (else that is an error,
 * for plotq check). NULL on error (errno ENOSYS: a backend this build
 * does not have). */
struct store *store_open(const char *ws, const char *kind, int sync_full,
    int create, char *why, size_t len);

/* Every job in id order. fn takes ownership of the job (it returns 0, or
 * -1 to stop). The environment of finished jobs is not loaded. */
int store_load(struct store *st, int (*fn)(void *, struct job *), void *arg,
    char *why, size_t len);
/* Record a new job and give it its id (greater than any before). Only
 * when this returns 0 is the job accepted. */
int store_add(struct store *st, struct job *j, char *why, size_t len);
/* Record the changing fields: state, reason, started, ended, pid, code,
 * sig, slot. */
int store_update(struct store *st, const struct job *j, char *why, size_t len);
/* Read everything and verify it (SQLite's integrity_check; every spool
 * file parsed); *njobs gets the count. */
int store_check(struct store *st, size_t *njobs, char *why, size_t len);
void store_close(struct store *st);

#ifdef HAVE_SQLITE
extern const struct store_ops store_sqlite_ops;
#endif
extern const struct store_ops store_spool_ops;

#endif
