/* ui_conn.h: plotq ui's connections to the daemon, which never block.
 *
 * The command-line client (client.h) waits for each reply and exits on
 * any failure; the terminal UI must do neither. A struct uconn is one
 * connection to the socket, non-blocking, with the protocol's frames
 * (frame.h) queued out and collected in. Failures come back as a message
 * for the status line.
 *
 * Starting a daemon is the client's own code, client_connect() with spawn
 * (lock, stale socket, detached `plotq daemon`, backoff), run in a forked
 * child so that the UI goes on drawing meanwhile and the child's fatal
 * message, if any, lands in a pipe instead of on the screen: uspawn_start()
 * forks it, the caller polls uspawn.fd, and uspawn_read() tells when it
 * is done and how it went. */
#ifndef PLOTQ_UI_CONN_H
#define PLOTQ_UI_CONN_H

#include <sys/types.h>

#include "buf.h"
#include "json.h"
#include "sock.h"

struct uconn {
	int fd;			/* -1 when closed */
	struct buf in, out;
};

#define UCONN_INIT { -1, BUF_INIT, BUF_INIT }

/* Connect to the daemon on sp (which must be running); 0, or -1 with a
 * message in why. */
int uconn_open(struct uconn *c, const struct sockpaths *sp, char *why,
    size_t len);
/* Queue a request (a JSON object's text) and try to send it. */
int uconn_send(struct uconn *c, const struct buf *body, char *why, size_t len);
/* Whether output is waiting (poll for POLLOUT). */
int uconn_pending(const struct uconn *c);
/* Send what is queued; 0, or -1 with why (the connection is gone). */
int uconn_flush(struct uconn *c, char *why, size_t len);
/* Read what has arrived; 0, or -1 with why (end of file or error). */
int uconn_read(struct uconn *c, char *why, size_t len);
/* The next whole message, parsed (json_free it), or NULL: *bad is set
 * when the daemon sent something that is not a message (why says what),
 * and the connection should be closed. */
struct json *uconn_next(struct uconn *c, int *bad, char *why, size_t len);
void uconn_close(struct uconn *c);

struct uspawn {
	pid_t pid;		/* the child, -1 when none */
	int fd;			/* its stderr, -1 once read to the end */
	struct buf err;		/* what it said */
};

/* Fork the child that makes sure a daemon runs; 0 or -1 with why. */
int uspawn_start(struct uspawn *s, const char *argv0, const char *sock,
    char *why, size_t len);
/* Read from the child; 0 while it runs, 1 when a daemon is there, -1
 * when it failed (why holds its message). */
int uspawn_read(struct uspawn *s, char *why, size_t len);
/* Forget a child that is no longer wanted (killed and reaped). */
void uspawn_cancel(struct uspawn *s);

#endif
