/* sock.h: where the plotq socket lives, and Unix-socket plumbing.
 *
 * The socket is $PLOTQ_SOCKET when set, else $XDG_RUNTIME_DIR/plotq/sock,
 * else /tmp/plotq-UID/sock. The two default directories are created mode
 * 0700 and refused when they are not a real directory owned by us with no
 * access for group or others (someone else's directory could hold a fake
 * socket that collects our jobs and their environment). Beside the socket:
 * SOCK.pid, the daemon's locked pid file (held for the daemon's life), and
 * SOCK.spawn, the lock clients take while starting a daemon. */
#ifndef PLOTQ_SOCK_H
#define PLOTQ_SOCK_H

#include <stddef.h>
#include <sys/types.h>

#define SOCK_PATH_MAX 108	/* sun_path on Linux; checked at run time */

struct sockpaths {
	char sock[SOCK_PATH_MAX];
	char pid[SOCK_PATH_MAX + 8];	/* SOCK.pid */
	char spawn[SOCK_PATH_MAX + 8];	/* SOCK.spawn */
	char dir[SOCK_PATH_MAX];	/* the default directory, "" for $PLOTQ_SOCKET */
};

/* Fill sp from the environment (override: an explicit path, or NULL).
 * Returns 0, or -1 with a static reason in *why. */
int sock_paths(struct sockpaths *sp, const char *override, const char **why);

/* Create (when create) and check the default directory. 0, or -1 with a
 * message in why[0..len). A no-op for an explicit socket path. */
int sock_dir_check(const struct sockpaths *sp, int create, char *why, size_t len);

/* Listen on path (mode 0600 from the start), non-blocking, close-on-exec
 * (lib/net). The caller has removed any stale socket. fd or -1. */
int sock_listen(const char *path);

/* Connect to path; the fd is blocking and close-on-exec. fd or -1. */
int sock_connect(const char *path);

/* The default workspace: $XDG_DATA_HOME/plotq, else
 * $HOME/.local/share/plotq (lib/path). 0, or -1 with errno. */
int ws_default(char *buf, size_t len);

/* The uid (and pid, -1 when the system cannot say) of the other end. */
int sock_peer(int fd, uid_t *uid, pid_t *pid);

#endif
