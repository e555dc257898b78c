/* client.h: talking to the daemon, starting it when there is none.
 *
 * client_connect() connects to the socket. When nothing answers and
 * spawn is set, it takes the spawn lock (SOCK.spawn, waiting for it),
 * tries again (another client may have started a daemon meanwhile), and
 * only then, if no daemon holds SOCK.pid, removes a stale socket and
 * starts `plotq daemon` in a new session with its output appended to
 * WORKSPACE/plotq.log; then it connects with a growing backoff, still
 * holding the spawn lock, so racing clients start exactly one daemon.
 * When the daemon it started exits because another (started by other
 * means) took the pid file first, it waits for that one instead.
 *
 * Every function here either succeeds or exits with one line on stderr
 * (111 when the daemon cannot be reached, or the code the daemon gave
 * with an error reply). */
#ifndef PLOTQ_CLIENT_H
#define PLOTQ_CLIENT_H

#include "buf.h"
#include "json.h"
#include "sock.h"

struct client {
	int fd;
	struct sockpaths sp;
	const char *argv0;
	struct json *last;	/* the last message received, freed on the next */
};

/* Fill sp (socket from --socket, else the environment). */
void client_init(struct client *cl, const char *argv0, const char *sock);
/* Connect; 0, or -1 with errno when there is no daemon and !spawn. */
int client_connect(struct client *cl, int spawn);
/* Send a request: body is a JSON object's text. */
void client_send(struct client *cl, const struct buf *body);
/* The next message, NULL at end of file. Owned by cl until the next call. */
const struct json *client_recv(struct client *cl);
/* Send, then the reply; an error reply exits with its message and code. */
const struct json *client_call(struct client *cl, const struct buf *body);
/* A reply in parts: NULL when r is the last (it has no "more": true),
 * else the next part, as client_call() returns it. */
const struct json *client_more(struct client *cl, const struct json *r);
/* Die with an error reply's message and code. */
void client_fail(const struct json *reply) __attribute__((noreturn));
void client_close(struct client *cl);

/* Start a request {"v":1,"op":OP ...}: the caller adds members, then
 * calls req_end. */
void req_begin(struct json_w *w, struct buf *b, const char *op);
void req_end(struct json_w *w);

#endif
