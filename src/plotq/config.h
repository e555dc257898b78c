/* config.h: the daemon's configuration, WORKSPACE/config.toml or --config.
 *
 * Sections (seed 002, in TOML): [daemon] workspace, pid_file, store
 * ("sqlite" or "spool"), sync ("normal" or "full"); [logging] level,
 * file; [queue.NAME] slots, device; [websocket] enabled, host, port,
 * authenticate, api_key, max_connections, heartbeat_interval (seconds),
 * allowed_origins (a list of strings). Unknown keys are warned about (through
 * the warn callback), not silently ignored; bad values are errors naming
 * file, line and column. */
#ifndef PLOTQ_CONFIG_H
#define PLOTQ_CONFIG_H

#include <stddef.h>
#include <stdint.h>

struct qconf {
	char *name;
	int slots;		/* >= 1 */
	char *device;		/* NULL: none */
};

struct wsconf {
	int enabled;		/* -1: not set */
	char *host;		/* NULL: not set */
	int port;		/* -1: not set */
	int authenticate;	/* -1: not set */
	char *api_key;
	int max_connections;	/* -1: not set */
	int64_t heartbeat_ms;	/* -1: not set */
	char **origins;		/* allowed_origins */
	size_t norigins;
};

struct config {
	char *path;		/* the file read, NULL when none */
	char *workspace;	/* [daemon] workspace, NULL: not set */
	char *pid_file;		/* [daemon] pid_file */
	char *store;		/* [daemon] store */
	int sync_full;		/* [daemon] sync = "full" */
	int log_level;		/* EV_*, -1: not set */
	char *log_file;		/* [logging] file */
	struct qconf *queues;
	size_t nqueues;
	struct wsconf ws;
};

/* The defaults (nothing set); config_load starts from them. */
void config_init(struct config *c);

/* Read path into c. missing_ok: a file that does not exist leaves the
 * defaults. Returns 0, or -1 with a message in why (for a bad file:
 * "FILE:LINE:COL: ..."). warn gets each warning line (unknown keys). */
int config_load(struct config *c, const char *path, int missing_ok,
    void (*warn)(void *, const char *), void *arg, char *why, size_t len);
/* The same from n bytes of TOML read from path (for messages). */
int config_parse(struct config *c, const char *data, size_t n,
    const char *path, void (*warn)(void *, const char *), void *arg,
    char *why, size_t len);
void config_free(struct config *c);

/* A queue name is 1-64 of [A-Za-z0-9_.-]. */
int config_queue_name_ok(const char *name);

#endif
