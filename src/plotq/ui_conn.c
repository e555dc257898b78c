/* ui_conn.c: non-blocking connections and the daemon's start (see ui_conn.h). */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "err.h"
#include "frame.h"
#include "io.h"
#include "sig.h"
#include "ui_conn.h"

int
uconn_open(struct uconn *c, const struct sockpaths *sp, char *why, size_t len)
{
	uid_t uid;
	pid_t pid;
	int fd;

	uconn_close(c);
	if ((fd = sock_connect(sp->sock)) < 0) {
		snprintf(why, len, "unable to connect to %s: %s", sp->sock,
		    strerror(errno));
		return -1;
	}
	/* As the client does: a daemon of another user (root aside) could
	 * collect our jobs' environment. */
	if (sock_peer(fd, &uid, &pid) == 0 && uid != geteuid() && uid != 0 &&
	    geteuid() != 0) {
		snprintf(why, len, "refusing the daemon on %s: it runs as uid "
		    "%lu, not %lu", sp->sock, (unsigned long)uid,
		    (unsigned long)geteuid());
		close(fd);
		return -1;
	}
	if (io_nonblock(fd, 1) < 0) {
		snprintf(why, len, "unable to set up the connection: %s",
		    strerror(errno));
		close(fd);
		return -1;
	}
	c->fd = fd;
	return 0;
}

int
uconn_send(struct uconn *c, const struct buf *body, char *why, size_t len)
{
	if (c->fd < 0) {
		snprintf(why, len, "not connected to the daemon");
		return -1;
	}
	if (frame_put(&c->out, body->p, body->len) < 0) {
		snprintf(why, len, "request too large: %s", strerror(errno));
		return -1;
	}
	return uconn_flush(c, why, len);
}

int
uconn_pending(const struct uconn *c)
{
	return c->fd >= 0 && c->out.len > 0;
}

int
uconn_flush(struct uconn *c, char *why, size_t len)
{
	if (io_send_buf(c->fd, &c->out) < 0) {
		snprintf(why, len, "unable to write to the daemon: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

int
uconn_read(struct uconn *c, char *why, size_t len)
{
	char tmp[65536];
	ssize_t r;

	for (;;) {
		r = read(c->fd, tmp, sizeof tmp);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			snprintf(why, len, "unable to read from the daemon: %s",
			    strerror(errno));
			return -1;
		}
		if (r == 0) {
			snprintf(why, len, "the daemon closed the connection");
			return -1;
		}
		if (buf_add(&c->in, tmp, (size_t)r) < 0) {
			snprintf(why, len, "out of memory");
			return -1;
		}
		if ((size_t)r < sizeof tmp)
			return 0;
	}
}

struct json *
uconn_next(struct uconn *c, int *bad, char *why, size_t len)
{
	const char *body;
	size_t n, used;
	struct json_err je;
	struct json *j;
	int r;

	*bad = 0;
	r = frame_get(c->in.p, c->in.len, FRAME_MAX, &body, &n, &used);
	if (r == 0)
		return NULL;
	if (r < 0) {
		snprintf(why, len, "the daemon sent a message of %zu bytes, over "
		    "the limit", n);
		*bad = 1;
		return NULL;
	}
	j = json_parse(body, n, &je);
	buf_consume(&c->in, used);
	if (j == NULL || json_type(j) != JSON_OBJ) {
		snprintf(why, len, "malformed message from the daemon: %s",
		    j ? "not an object" : je.msg);
		json_free(j);
		*bad = 1;
		return NULL;
	}
	return j;
}

void
uconn_close(struct uconn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	buf_reset(&c->in);
	buf_reset(&c->out);
}

int
uspawn_start(struct uspawn *s, const char *argv0, const char *sock, char *why,
    size_t len)
{
	struct client cl;
	sigset_t held;
	int p[2], null;

	s->pid = -1;
	s->fd = -1;
	buf_reset(&s->err);
	if (pipe(p) < 0) {
		snprintf(why, len, "unable to make a pipe: %s", strerror(errno));
		return -1;
	}
	io_cloexec(p[0], 1);
	/* Signals wait until the child has its own handlers (lib/sig.h). */
	(void)sig_hold_all(&held);
	switch (s->pid = fork()) {
	case -1:
		snprintf(why, len, "unable to fork: %s", strerror(errno));
		(void)sig_release(&held);
		close(p[0]);
		close(p[1]);
		return -1;
	case 0:
		/* The child: the client's own start of a daemon, its one
		 * line of failure going to the pipe, never to the screen. */
		sig_reset_child();
		null = open("/dev/null", O_RDWR);
		if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 ||
		    dup2(p[1], 2) < 0)
			_exit(EX_SYS);
		client_init(&cl, argv0, sock);
		client_connect(&cl, 1);
		client_close(&cl);
		exit(0);
	}
	(void)sig_release(&held);
	close(p[1]);
	io_nonblock(p[0], 1);
	s->fd = p[0];
	return 0;
}

int
uspawn_read(struct uspawn *s, char *why, size_t len)
{
	char tmp[1024], *m;
	ssize_t r;
	int st;

	while (s->fd >= 0) {
		r = read(s->fd, tmp, sizeof tmp);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (r <= 0) {
			close(s->fd);
			s->fd = -1;
			break;
		}
		if (s->err.len < 4096)
			buf_add(&s->err, tmp, (size_t)r);
	}
	while (waitpid(s->pid, &st, 0) < 0 && errno == EINTR)
		;
	s->pid = -1;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 1;
	/* "plotq: fatal: no daemon answered ...\n": the message alone. */
	m = s->err.p ? s->err.p : "";
	if (strncmp(m, err_prog, strlen(err_prog)) == 0 &&
	    strncmp(m + strlen(err_prog), ": fatal: ", 9) == 0)
		m += strlen(err_prog) + 9;
	m[strcspn(m, "\n")] = '\0';
	if (m[0])
		snprintf(why, len, "%s", m);
	else
		snprintf(why, len, "the daemon could not be started (%s %d)",
		    WIFSIGNALED(st) ? "signal" : "exit",
		    WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	return -1;
}

void
uspawn_cancel(struct uspawn *s)
{
	int st;

	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		while (waitpid(s->pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	s->pid = -1;
	buf_free(&s->err);
}
