/* spawner.c: the process that forks job supervisors (see spawner.h). */
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "proc.h"
#include "run.h"
#include "sig.h"
#include "spawner.h"

#define SPAWN_MSG_MAX (16 * 1024 * 1024)
#define FDQ_MAX 1024

/* --- the daemon's side -------------------------------------------------- */

static void
put_field(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s) + 1);
}

int
spawner_run(struct spawner *s, const struct job *j, char *const *env,
    const int fds[SPAWN_NFDS])
{
	struct buf b = BUF_INIT;
	char num[32], ctl[CMSG_SPACE(sizeof(int) * SPAWN_NFDS)];
	struct msghdr mh;
	struct iovec iov;
	struct cmsghdr *cm;
	size_t i, n, len;
	ssize_t w;
	int e;

	buf_add(&b, "\0\0\0\0", 4);
	put_field(&b, "R");
	snprintf(num, sizeof num, "%lld", (long long)j->id);
	put_field(&b, num);
	put_field(&b, j->cwd);
	n = strv_len(j->argv);
	snprintf(num, sizeof num, "%zu", n);
	put_field(&b, num);
	for (i = 0; i < n; i++)
		put_field(&b, j->argv[i]);
	n = strv_len(env);
	snprintf(num, sizeof num, "%zu", n);
	put_field(&b, num);
	for (i = 0; i < n; i++)
		put_field(&b, env[i]);
	if (b.p == NULL) {
		errno = ENOMEM;
		return -1;
	}
	len = b.len - 4;
	b.p[0] = (char)(len >> 24);
	b.p[1] = (char)(len >> 16);
	b.p[2] = (char)(len >> 8);
	b.p[3] = (char)len;

	memset(&mh, 0, sizeof mh);
	memset(ctl, 0, sizeof ctl);
	iov.iov_base = b.p;
	iov.iov_len = b.len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctl;
	mh.msg_controllen = sizeof ctl;
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int) * SPAWN_NFDS);
	memcpy(CMSG_DATA(cm), fds, sizeof(int) * SPAWN_NFDS);
	do
		w = sendmsg(s->fd, &mh, MSG_NOSIGNAL);
	while (w < 0 && errno == EINTR);
	/* The descriptors went with the first bytes; the rest follows. */
	if (w >= 0 && (size_t)w < b.len) {
		size_t done = (size_t)w;
		while (done < b.len) {
			w = send(s->fd, b.p + done, b.len - done, MSG_NOSIGNAL);
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				break;
			done += (size_t)w;
		}
	}
	e = errno;
	buf_free(&b);
	errno = e;
	return w < 0 ? -1 : 0;
}

int
spawner_read(struct spawner *s,
    void (*fn)(void *arg, int type, int64_t id, long val), void *arg)
{
	char *nl, *line;
	ssize_t n;
	long long id;
	long val;
	char t;

	if (buf_reserve(&s->in, 4096) < 0)
		return -1;
	n = recv(s->fd, s->in.p + s->in.len, 4096, MSG_DONTWAIT);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ||
		    errno == EINTR ? 0 : -1;
	if (n == 0)
		return -1;
	s->in.len += (size_t)n;
	s->in.p[s->in.len] = '\0';
	while ((nl = memchr(s->in.p, '\n', s->in.len)) != NULL) {
		*nl = '\0';
		line = s->in.p;
		if (sscanf(line, "%c %lld %ld", &t, &id, &val) == 3 &&
		    (t == 'S' || t == 'E'))
			fn(arg, t, id, val);
		buf_consume(&s->in, (size_t)(nl - s->in.p) + 1);
	}
	return 0;
}

void
spawner_close(struct spawner *s)
{
	io_close(s->fd);
	s->fd = -1;
	buf_free(&s->in);
}

/* --- the spawner -------------------------------------------------------- */

struct sp_state {
	int fd;
	const char *ws, *wslock;
	int sync_full;
	struct buf in, out;
	int fdq[FDQ_MAX];	/* received descriptors, oldest first */
	size_t nfdq;
	pid_t *pids;		/* supervisors: pids[i] runs ids[i] */
	int64_t *ids;
	size_t npids, cap;
};

static void
sp_say(struct sp_state *st, int type, int64_t id, long val)
{
	buf_printf(&st->out, "%c %lld %ld\n", type, (long long)id, val);
}

/* Take apart one message (fields), fork its supervisor. */
static void
sp_job(struct sp_state *st, char *p, size_t len)
{
	char *end = p + len, **argv = NULL, **env = NULL, *f[3];
	struct job j;
	int fds[SPAWN_NFDS], k;
	size_t i, n;
	long long id;
	pid_t pid;

	if (st->nfdq < SPAWN_NFDS)
		return;		/* no descriptors came: cannot be */
	memcpy(fds, st->fdq, sizeof fds);
	st->nfdq -= SPAWN_NFDS;
	memmove(st->fdq, st->fdq + SPAWN_NFDS, st->nfdq * sizeof *st->fdq);
	/* "R", id, cwd */
	for (k = 0; k < 3; k++) {
		if (p >= end || memchr(p, '\0', (size_t)(end - p)) == NULL)
			goto out;
		f[k] = p;
		p += strlen(p) + 1;
	}
	id = strtoll(f[1], NULL, 10);
	for (k = 0; k < 2; k++) {
		char ***v = k ? &env : &argv;
		if (p >= end || memchr(p, '\0', (size_t)(end - p)) == NULL)
			goto out;
		n = strtoul(p, NULL, 10);
		p += strlen(p) + 1;
		if (n > len || (*v = calloc(n + 1, sizeof **v)) == NULL)
			goto out;
		for (i = 0; i < n; i++) {
			if (p >= end || memchr(p, '\0', (size_t)(end - p)) == NULL)
				goto out;
			(*v)[i] = p;
			p += strlen(p) + 1;
		}
	}
	if (argv[0] == NULL)
		goto out;
	memset(&j, 0, sizeof j);
	j.id = id;
	j.cwd = f[2];
	j.argv = argv;
	if (st->npids == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 16;
		pid_t *np = realloc(st->pids, cap * sizeof *np);
		int64_t *ni = np ? realloc(st->ids, cap * sizeof *ni) : NULL;
		if (np)
			st->pids = np;
		if (ni == NULL)
			goto out;
		st->ids = ni;
		st->cap = cap;
	}
	pid = fork();
	if (pid == 0) {
		close(st->fd);
		run_supervise(st->ws, st->wslock, &j, env, fds, st->sync_full);
	}
	if (pid > 0) {
		st->pids[st->npids] = pid;
		st->ids[st->npids++] = id;
		sp_say(st, 'S', id, (long)pid);
	} else {
		sp_say(st, 'E', id, -1);
	}
out:
	for (k = 0; k < SPAWN_NFDS; k++)
		close(fds[k]);
	free(argv);
	free(env);
}

static int
sp_read(struct sp_state *st)
{
	char ctl[CMSG_SPACE(sizeof(int) * SPAWN_NFDS * 4)];
	struct msghdr mh;
	struct iovec iov;
	struct cmsghdr *cm;
	const unsigned char *u;
	size_t len, k, nfd;
	ssize_t n;
	int *fp;

	if (buf_reserve(&st->in, 65536) < 0)
		return -1;
	memset(&mh, 0, sizeof mh);
	iov.iov_base = st->in.p + st->in.len;
	iov.iov_len = 65536;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctl;
	mh.msg_controllen = sizeof ctl;
	n = recvmsg(st->fd, &mh, MSG_CMSG_CLOEXEC);
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -1;
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		nfd = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		fp = (int *)CMSG_DATA(cm);
		for (k = 0; k < nfd; k++) {
			if (st->nfdq < FDQ_MAX)
				st->fdq[st->nfdq++] = fp[k];
			else
				close(fp[k]);
		}
	}
	if (n == 0)
		return -1;
	st->in.len += (size_t)n;
	while (st->in.len >= 4) {
		u = (const unsigned char *)st->in.p;
		len = (size_t)u[0] << 24 | (size_t)u[1] << 16 |
		    (size_t)u[2] << 8 | u[3];
		if (len > SPAWN_MSG_MAX)
			return -1;
		if (st->in.len - 4 < len)
			break;
		sp_job(st, st->in.p + 4, len);
		buf_consume(&st->in, 4 + len);
	}
	return 0;
}

static void
sp_reap(struct sp_state *st)
{
	pid_t pid;
	size_t i;
	int status;

	while ((pid = proc_wait(-1, &status, WNOHANG)) > 0)
		for (i = 0; i < st->npids; i++)
			if (st->pids[i] == pid) {
				sp_say(st, 'E', st->ids[i], status);
				st->pids[i] = st->pids[--st->npids];
				st->ids[i] = st->ids[st->npids];
				break;
			}
}

static void __attribute__((noreturn))
spawner_main(int fd, const char *ws, const char *wslock, int sync_full)
{
	struct sp_state st;
	struct pollfd p[2];
	ssize_t w;
	int null, s;

	(void)setsid();
	sig_reset_child();
	proc_close_from(3, fd);
	null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2 && null != fd)
			close(null);
	}
	memset(&st, 0, sizeof st);
	st.fd = fd;
	st.ws = ws;
	st.wslock = wslock;
	st.sync_full = sync_full;
	if (sig_reinit() < 0 || sig_catch(SIGCHLD) < 0)
		_exit(111);
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		p[0].fd = fd;
		p[0].events = POLLIN | (st.out.len ? POLLOUT : 0);
		p[1].fd = sig_fd();
		p[1].events = POLLIN;
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			_exit(111);
		if (p[1].revents) {
			while ((s = sig_next(NULL)) > 0)
				if (s == SIGCHLD)
					sp_reap(&st);
		}
		if (p[0].revents & POLLOUT && st.out.len) {
			w = send(fd, st.out.p, st.out.len,
			    MSG_NOSIGNAL | MSG_DONTWAIT);
			if (w > 0)
				buf_consume(&st.out, (size_t)w);
			else if (w < 0 && errno != EAGAIN && errno != EINTR)
				_exit(0);
		}
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR) &&
		    sp_read(&st) < 0)
			_exit(0);	/* the daemon has gone */
		if (st.out.len) {
			w = send(fd, st.out.p, st.out.len,
			    MSG_NOSIGNAL | MSG_DONTWAIT);
			if (w > 0)
				buf_consume(&st.out, (size_t)w);
		}
	}
}

int
spawner_start(struct spawner *s, const char *ws, const char *wslock,
    int sync_full)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		spawner_main(sv[1], ws, wslock, sync_full);
	}
	close(sv[1]);
	s->fd = sv[0];
	s->pid = pid;
	buf_reset(&s->in);
	return 0;
}
