/* tmux.c: one exec of tmux(1) per call, its output collected (see tmux.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "esc.h"
#include "io.h"
#include "proc.h"
#include "sig.h"
#include "tmux.h"

static int
targv_push(struct targv *a, char *s)
{
	char **nv;
	size_t ncap;

	if (a->n + 2 > a->cap) {
		ncap = a->cap ? a->cap * 2 : 16;
		nv = realloc(a->v, ncap * sizeof *nv);
		if (nv == NULL) {
			free(s);
			return -1;
		}
		a->v = nv;
		a->cap = ncap;
	}
	a->v[a->n++] = s;
	a->v[a->n] = NULL;
	return 0;
}

int
targv_raw(struct targv *a, const char *s)
{
	char *c = strdup(s);

	if (c == NULL)
		return -1;
	return targv_push(a, c);
}

/* tmux splits commands at an argument ending in ';' (dropping it) unless
 * the ';' follows a '\', in which case "\;" becomes ";". So an argument
 * ending in ';' goes as itself with a '\' put before that last ';'. With
 * fmt, every '#' is doubled: tmux expands the argument as a format, where
 * "##" stands for '#'. */
static int
targv_escaped(struct targv *a, const char *s, int fmt)
{
	size_t n = strlen(s), extra = 1, i, j;
	char *c;

	if (fmt)
		for (i = 0; i < n; i++)
			extra += s[i] == '#';
	c = malloc(n + extra + 1);
	if (c == NULL)
		return -1;
	for (i = j = 0; i < n; i++) {
		if (i == n - 1 && s[i] == ';')
			c[j++] = '\\';
		c[j++] = s[i];
		if (fmt && s[i] == '#')
			c[j++] = '#';
	}
	c[j] = '\0';
	return targv_push(a, c);
}

int
targv_arg(struct targv *a, const char *s)
{
	return targv_escaped(a, s, 0);
}

int
targv_fmt(struct targv *a, const char *s)
{
	return targv_escaped(a, s, 1);
}

int
targv_sep(struct targv *a)
{
	return targv_raw(a, ";");
}

void
targv_reset(struct targv *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	a->n = 0;
	if (a->v)
		a->v[0] = NULL;
}

void
targv_free(struct targv *a)
{
	targv_reset(a);
	free(a->v);
	a->v = NULL;
	a->cap = 0;
}

int
tmux_argv(const struct tmux *t, const char *pre, const struct targv *args,
    struct targv *out)
{
	size_t i;

	targv_reset(out);
	if (targv_raw(out, "tmux") < 0)
		return -1;
	if (pre && targv_raw(out, pre) < 0)
		return -1;
	if (t->sockopt && (targv_raw(out, t->sockopt) < 0 ||
	    targv_raw(out, t->sockarg) < 0))
		return -1;
	for (i = 0; i < args->n; i++)
		if (targv_raw(out, args->v[i]) < 0)
			return -1;
	return 0;
}

int
tmux_cmdline(const struct tmux *t, const char *pre, const struct targv *args,
    struct buf *out)
{
	struct targv av = TARGV_INIT;
	size_t i;
	int r = 0;

	if (tmux_argv(t, pre, args, &av) < 0)
		r = -1;
	for (i = 0; r == 0 && i < av.n; i++)
		if ((i && buf_addc(out, ' ') < 0) || esc_shell(out, av.v[i]) < 0)
			r = -1;
	targv_free(&av);
	return r;
}

/* Read what is there on fd into b; 0 at end of file. */
static int
drain(int fd, struct buf *b)
{
	char chunk[4096];
	ssize_t n;

	n = io_read(fd, chunk, sizeof chunk);
	if (n < 0)
		return errno == EAGAIN ? 1 : -1;
	if (n > 0 && buf_add(b, chunk, (size_t)n) < 0)
		return -1;
	return n > 0;
}

static int
print_cmdline(const struct tmux *t, const struct targv *args, int fd,
    const char *prefix)
{
	struct buf b = BUF_INIT;
	int r;

	r = buf_adds(&b, prefix) < 0 || tmux_cmdline(t, NULL, args, &b) < 0 ||
	    buf_addc(&b, '\n') < 0 ? -1 : io_writeall(fd, b.p, b.len);
	buf_free(&b);
	return r;
}

int
tmux_run(struct tmux *t, const struct targv *args, struct buf *out,
    struct buf *err)
{
	struct targv av = TARGV_INIT;
	struct proc_spec sp;
	struct pollfd pfd[3];
	struct buf *dst[2];
	int o[2] = { -1, -1 }, e[2] = { -1, -1 }, nul = -1, st, r = -1, i;
	int open_fds, s, saved;
	pid_t pid = -1;

	buf_reset(out);
	buf_reset(err);
	if (t->dry_run)
		return print_cmdline(t, args, 1, "") < 0 ? -1 : 0;
	if (t->verbose && print_cmdline(t, args, 2, "+ ") < 0)
		return -1;
	if (tmux_argv(t, NULL, args, &av) < 0)
		goto out;
	if (pipe2(o, O_CLOEXEC) < 0 || pipe2(e, O_CLOEXEC) < 0 ||
	    (nul = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0)
		goto out;
	memset(&sp, 0, sizeof sp);
	sp.argv = av.v;
	sp.fd0 = nul;
	sp.fd1 = o[1];
	sp.fd2 = e[1];
	sp.close_fds = 1;
	pid = proc_spawn(&sp, NULL);
	saved = errno;
	io_close(o[1]);
	io_close(e[1]);
	o[1] = e[1] = -1;
	if (pid < 0) {
		errno = saved;
		goto out;
	}
	pfd[0].fd = o[0];
	pfd[1].fd = e[0];
	pfd[2].fd = t->sigfd;
	dst[0] = out;
	dst[1] = err;
	for (i = 0; i < 3; i++)
		pfd[i].events = POLLIN;
	open_fds = 2;
	while (open_fds > 0) {
		if (poll(pfd, t->sigfd >= 0 ? 3 : 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			goto out;
		}
		for (i = 0; i < 2; i++) {
			if (pfd[i].fd < 0 || pfd[i].revents == 0)
				continue;
			s = drain(pfd[i].fd, dst[i]);
			if (s < 0)
				goto out;
			if (s == 0) {
				io_close(pfd[i].fd);
				if (i == 0)
					o[0] = -1;
				else
					e[0] = -1;
				pfd[i].fd = -1;
				open_fds--;
			}
		}
		if (t->sigfd >= 0 && pfd[2].revents) {
			/* Remember the first signal; the call goes on: tmux
			 * commands are short, and what they did must be
			 * known to undo it. */
			while ((s = sig_next(NULL)) > 0)
				if (t->signo == 0)
					t->signo = s;
		}
	}
	if (proc_wait(pid, &st, 0) < 0)
		goto out;
	pid = -1;
	r = proc_status_code(st);
out:
	saved = errno;
	if (pid > 0)
		proc_wait(pid, &st, 0);
	for (i = 0; i < 2; i++) {
		if (o[i] >= 0)
			io_close(o[i]);
		if (e[i] >= 0)
			io_close(e[i]);
	}
	if (nul >= 0)
		io_close(nul);
	targv_free(&av);
	errno = saved;
	return r;
}

int
tmux_no_server(const char *err)
{
	if (strncmp(err, "no server running on ", 21) == 0)
		return 1;
	return strncmp(err, "error connecting to ", 20) == 0 &&
	    strstr(err, "(No such file or directory)") != NULL;
}

char *
tmux_msg(struct buf *err)
{
	char *nl;

	if (err->p == NULL && buf_adds(err, "") < 0)
		return (char *)"(out of memory)";
	nl = strchr(err->p, '\n');
	if (nl)
		*nl = '\0';
	if (err->p[0] == '\0')
		return (char *)"(no message)";
	return err->p;
}
