/* notify.c: telling others: sd_notify, an s6 readiness fd, pings, hooks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "hc.h"
#include "io.h"
#include "tstamp.h"

extern char **environ;

/* A datagram to $NOTIFY_SOCKET, as sd_notify(3) sends it. */
void
notify_sd(const char *msg)
{
	const char *path = getenv("NOTIFY_SOCKET");

	if (path == NULL || *path == '\0')
		return;
	if (net_unix_sendto(path, msg, strlen(msg)) < 0)
		err_warnsys("unable to notify %s", path);
}

/* s6 readiness: one newline on the fd, then close it. */
void
notify_fd_ready(void)
{
	if (O.notify_fd < 0)
		return;
	if (io_writeall(O.notify_fd, "\n", 1) < 0)
		err_warnsys("unable to write to --notify-fd %d", O.notify_fd);
	close(O.notify_fd);
	O.notify_fd = -1;
}

/* GET the ping URL with a suffix ("", "/start", "/fail") put before its
 * query. A failure is a warning: the check's answer stands. */
void
notify_ping(const char *suffix)
{
	static const char *const hdrs[] = { "User-Agent: healthcheck/" TK_VERSION, NULL };
	struct http_exchange x;
	struct http_url u;
	struct buf t = BUF_INIT;
	const char *why, *q;
	size_t pl;

	if (O.ping == NULL)
		return;
	if (http_url_parse(O.ping, &u, &why) < 0)
		return;			/* checked at start-up */
	q = u.target + strcspn(u.target, "?");
	pl = (size_t)(q - u.target);
	if (*suffix && pl > 0 && u.target[pl - 1] == '/')
		pl--;
	buf_add(&t, u.target, pl);
	buf_adds(&t, suffix);
	buf_adds(&t, q);
	if (t.p == NULL || t.p[0] != '/') {
		buf_free(&t);
		http_url_free(&u);
		return;
	}
	free(u.target);
	u.target = buf_detach(&t);
	memset(&x, 0, sizeof x);
	x.url = &u;
	x.headers = hdrs;
	x.tls = &O.tls;
	x.max_body = 64 * 1024;
	x.deadline = tstamp_mono_ms() + O.timeout;
	if (http_exchange(&x) < 0)
		err_warn("ping %s%s failed: %s", O.ping, suffix, x.why);
	else if (x.resp.status < 200 || x.resp.status > 299)
		err_warn("ping %s%s: server answered %d", O.ping, suffix, x.resp.status);
	http_exchange_free(&x);
	http_url_free(&u);
}

/* Run a hook through /bin/sh with the transition in its environment; its
 * stdout goes to our stderr (our stdout carries the transition lines). */
void
notify_hook(const char *cmd, const char *word, const char *prev, const char *detail)
{
	char *argv[] = { "/bin/sh", "-c", (char *)cmd, NULL };
	struct buf e1 = BUF_INIT, e2 = BUF_INIT, e3 = BUF_INIT, none = BUF_INIT;
	struct proc_err pe;
	char **env, sb[32];
	size_t n = 0, i, k = 0;
	int st, to;

	while (environ[n])
		n++;
	env = calloc(n + 4, sizeof *env);
	if (env == NULL) {
		err_warnsys("unable to run hook");
		return;
	}
	buf_printf(&e1, "HEALTHCHECK_STATUS=%s", word);
	buf_printf(&e2, "HEALTHCHECK_PREVIOUS=%s", prev);
	buf_printf(&e3, "HEALTHCHECK_DETAIL=%s", detail);
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "HEALTHCHECK_", 12) != 0)
			env[k++] = environ[i];
	env[k++] = e1.p;
	env[k++] = e2.p;
	env[k++] = e3.p;
	env[k] = NULL;
	if (e1.p == NULL || e2.p == NULL || e3.p == NULL)
		err_warn("unable to run hook: out of memory");
	else if (run_cmd(argv, env, 2, &none, 0, tstamp_mono_ms() + O.timeout, &st, &to, &pe) < 0)
		err_warnsys("unable to run hook '%s'", cmd);
	else if (to)
		err_warn("hook '%s' timed out and was killed", cmd);
	else if (st != 0)
		err_warn("hook '%s' failed: %s", cmd, proc_status_str(st, sb, sizeof sb));
	free(env);
	buf_free(&e1);
	buf_free(&e2);
	buf_free(&e3);
}
