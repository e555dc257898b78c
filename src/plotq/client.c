/* client.c: the client's side of the socket (see client.h). */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"
#include "client.h"
#include "err.h"
#include "frame.h"
#include "io.h"
#include "lock.h"
#include "path.h"
#include "proc.h"
#include "tstamp.h"

#define SPAWN_TIMEOUT_MS 30000	/* how long a starting daemon may take */

void
client_init(struct client *cl, const char *argv0, const char *sock)
{
	const char *why;

	memset(cl, 0, sizeof *cl);
	cl->fd = -1;
	cl->argv0 = argv0;
	if (sock_paths(&cl->sp, sock, &why) < 0)
		err_die(EX_USAGE, "%s", why);
}

/* Connect once; also check that the daemon is ours (or root's). */
static int
try_connect(struct client *cl)
{
	uid_t uid;
	pid_t pid;
	int fd;

	fd = sock_connect(cl->sp.sock);
	if (fd < 0)
		return -1;
	/* A daemon of another user could collect our jobs' environment.
	 * Root, which may talk to a service user's daemon, trusts any. */
	if (sock_peer(fd, &uid, &pid) == 0 && uid != geteuid() && uid != 0 &&
	    geteuid() != 0)
		err_die(EX_SYS, "refusing the daemon on %s: it runs as uid "
		    "%lu, not %lu", cl->sp.sock, (unsigned long)uid,
		    (unsigned long)geteuid());
	cl->fd = fd;
	return 0;
}

/* The last line of a file, for telling why a daemon did not start. */
static void
last_line(const char *path, char *out, size_t len)
{
	char *data, *s, *e;
	size_t n;

	out[0] = '\0';
	if (io_readfile(path, 16 * 1024 * 1024, &data, &n) < 0)
		return;
	while (n > 0 && data[n - 1] == '\n')
		data[--n] = '\0';
	e = data + n;
	for (s = e; s > data && s[-1] != '\n'; s--)
		;
	snprintf(out, len, "%.*s", (int)(e - s), s);
	free(data);
}

/* Start `plotq daemon` detached; its pid. */
static pid_t
spawn(struct client *cl, char *logpath, size_t len)
{
	char self[PATH_MAX], ws[PATH_MAX];
	char *argv[3];
	struct proc_spec sp;
	struct proc_err pe;
	int null, logfd = -1;
	pid_t pid;

	if (path_self(cl->argv0, self, sizeof self) < 0)
		err_diesys(EX_SYS, "unable to find the plotq executable");
	logpath[0] = '\0';
	if (ws_default(ws, sizeof ws) == 0 && afile_mkdirs(ws, 0700) == 0 &&
	    snprintf(logpath, len, "%s/plotq.log", ws) < (int)len)
		logfd = open(logpath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
		    0600);
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (logfd < 0) {
		logfd = null;
		logpath[0] = '\0';
	}
	argv[0] = self;
	argv[1] = "daemon";
	argv[2] = NULL;
	memset(&sp, 0, sizeof sp);
	sp.argv = argv;
	sp.fd0 = null;
	sp.fd1 = logfd;
	sp.fd2 = logfd;
	sp.close_fds = 1;
	sp.new_session = 1;
	sp.dir = "/";
	pid = proc_spawn(&sp, &pe);
	if (pid < 0)
		err_diesys(EX_SYS, "unable to start the daemon %s", self);
	if (logfd != null)
		close(logfd);
	close(null);
	return pid;
}

int
client_connect(struct client *cl, int spawn_ok)
{
	char why[512], logpath[PATH_MAX], line[512];
	int64_t deadline, delay = 1;
	int lk, st, e;
	pid_t child = -1, holder;

	if (sock_dir_check(&cl->sp, 0, why, sizeof why) < 0 && errno != ENOENT)
		err_die(EX_SYS, "%s", why);
	if (try_connect(cl) == 0)
		return 0;
	e = errno;
	if (e != ENOENT && e != ECONNREFUSED)
		err_die(EX_SYS, "unable to connect to %s: %s", cl->sp.sock,
		    strerror(e));
	if (!spawn_ok) {
		errno = e;
		return -1;
	}
	if (sock_dir_check(&cl->sp, 1, why, sizeof why) < 0)
		err_die(EX_SYS, "%s", why);
	if ((lk = lock_open(cl->sp.spawn, 1, NULL)) < 0)
		err_diesys(EX_SYS, "unable to lock %s", cl->sp.spawn);
	if (try_connect(cl) == 0) {
		close(lk);
		return 0;
	}
	/* A daemon holding its pid file is starting up: wait for it. */
	holder = lock_holder_path(cl->sp.pid);
	if (holder <= 0) {
		if (unlink(cl->sp.sock) < 0 && errno != ENOENT)
			err_diesys(EX_SYS, "unable to remove stale socket %s",
			    cl->sp.sock);
		child = spawn(cl, logpath, sizeof logpath);
	}
	deadline = tstamp_mono_ms() + SPAWN_TIMEOUT_MS;
	for (;;) {
		if (try_connect(cl) == 0)
			break;
		if (child > 0 && proc_wait(child, &st, WNOHANG) == child) {
			/* It lost the race for the pid file to a daemon
			 * started otherwise (plotq daemon --daemonize that
			 * has not listened yet): wait for that one. */
			if (lock_holder_path(cl->sp.pid) > 0) {
				child = -1;
				continue;
			}
			if (logpath[0])
				last_line(logpath, line, sizeof line);
			else
				line[0] = '\0';
			err_die(EX_SYS, "the daemon did not start (exit %d)%s%s",
			    proc_status_code(st), line[0] ? ": " : "", line);
		}
		if (tstamp_mono_ms() > deadline)
			err_die(EX_SYS, "no daemon answered on %s within %ds",
			    cl->sp.sock, SPAWN_TIMEOUT_MS / 1000);
		poll(NULL, 0, (int)delay);
		if (delay < 50)
			delay *= 2;
	}
	close(lk);
	return 0;
}

/* Write all of buf without ever raising SIGPIPE. */
static int
send_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

void
client_send(struct client *cl, const struct buf *body)
{
	struct buf f = BUF_INIT;

	if (frame_put(&f, body->p, body->len) < 0)
		err_die(EX_USAGE, "request too large (%zu bytes, the limit is "
		    "%d)", body->len, FRAME_MAX);
	if (send_all(cl->fd, f.p, f.len) < 0) {
		const struct json *r;
		int e = errno;

		/* A daemon that refuses us says why before it closes. */
		if ((e == EPIPE || e == ECONNRESET) &&
		    (r = client_recv(cl)) != NULL &&
		    !json_bool(json_get(r, "ok"), 1))
			client_fail(r);
		errno = e;
		err_diesys(EX_SYS, "unable to write to the daemon");
	}
	buf_free(&f);
}

const struct json *
client_recv(struct client *cl)
{
	unsigned char h[FRAME_HDR];
	struct json_err je;
	uint32_t n;
	ssize_t r;
	char *body;

	json_free(cl->last);
	cl->last = NULL;
	r = io_readfull(cl->fd, h, FRAME_HDR);
	if (r == 0)
		return NULL;
	if (r < 0)
		err_diesys(EX_SYS, "unable to read from the daemon");
	if (r < FRAME_HDR)
		err_die(EX_SYS, "the daemon closed the connection mid-message");
	n = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
	if (n > FRAME_MAX)
		err_die(EX_SYS, "the daemon sent a message of %lu bytes, over "
		    "the limit", (unsigned long)n);
	if ((body = malloc(n ? n : 1)) == NULL)
		err_die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
	r = io_readfull(cl->fd, body, n);
	if (r < 0)
		err_diesys(EX_SYS, "unable to read from the daemon");
	if ((size_t)r < n)
		err_die(EX_SYS, "the daemon closed the connection mid-message");
	cl->last = json_parse(body, n, &je);
	free(body);
	if (cl->last == NULL || json_type(cl->last) != JSON_OBJ)
		err_die(EX_SYS, "malformed message from the daemon: %s",
		    cl->last ? "not an object" : je.msg);
	return cl->last;
}

void
client_fail(const struct json *reply)
{
	int64_t code = json_int(json_get(reply, "code"), EX_SYS);

	if (code < 1 || code > 255)
		code = EX_SYS;
	err_die((int)code, "%s", json_str(json_get(reply, "error"),
	    "the daemon refused the request"));
}

/* The next message, which must be there and not an error reply. */
static const struct json *
client_reply(struct client *cl)
{
	const struct json *r;

	r = client_recv(cl);
	if (r == NULL)
		err_die(EX_SYS, "the daemon closed the connection");
	if (!json_bool(json_get(r, "ok"), 0))
		client_fail(r);
	return r;
}

const struct json *
client_call(struct client *cl, const struct buf *body)
{
	client_send(cl, body);
	return client_reply(cl);
}

const struct json *
client_more(struct client *cl, const struct json *r)
{
	if (!json_bool(json_get(r, "more"), 0))
		return NULL;
	return client_reply(cl);
}

void
client_close(struct client *cl)
{
	json_free(cl->last);
	cl->last = NULL;
	io_close(cl->fd);
	cl->fd = -1;
}

void
req_begin(struct json_w *w, struct buf *b, const char *op)
{
	json_w_init(w, b, 0);
	json_w_obj_begin(w);
	json_w_key(w, "v");
	json_w_int(w, 1);
	json_w_key(w, "op");
	json_w_str(w, op);
}

void
req_end(struct json_w *w)
{
	json_w_obj_end(w);
	if (json_w_finish(w) < 0)
		err_die(EX_SYS, "unable to build the request: %s",
		    strerror(errno));
}
