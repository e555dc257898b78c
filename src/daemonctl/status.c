/* status.c: daemonctl status and list: the state of apps from their
 * files, with resources and the process tree from /proc; -w redraws in
 * place until q or Ctrl-C. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "daemonctl.h"
#include "err.h"
#include "io.h"
#include "json.h"
#include "ptab.h"
#include "sig.h"
#include "tstamp.h"

#define MAX_TREE 256

/* What is shown of one app. */
struct view {
	struct app a;
	struct astate s;
	/* resources of the app (its main process and descendants) */
	int have_res;
	double cpu;
	uint64_t rss, ticks, start_ticks;
	int threads, fds;
	pid_t tree_root;
};

struct screen {
	const struct status_opts *so;
	struct ptab t;
	int have_t;
	uint64_t uptime;
	/* the previous frame's CPU ticks per app, for -w */
	uint64_t *prev_ticks;
	int64_t prev_ms;
	size_t napps;
	int width;
	int flags;		/* ASTATE_*: what astate_read may skip */
};

/* The descendants of pid (and pid), by parent pid, into out. */
static size_t
tree(const struct ptab *t, pid_t pid, struct ptab_proc **out, size_t max)
{
	struct ptab_proc *p = ptab_find(t, pid);
	size_t n = 0, i, k;

	if (p == NULL || max == 0)
		return 0;
	out[n++] = p;
	for (i = 0; i < n && n < max; i++)
		for (k = 0; k < t->n && n < max; k++)
			if (t->p[k].ppid == out[i]->pid &&
			    t->p[k].pid != out[i]->pid)
				out[n++] = &t->p[k];
	return n;
}

static void
resources(struct screen *sc, struct view *v, size_t idx)
{
	struct ptab_proc *procs[MAX_TREE];
	size_t n, i;
	int64_t now = tstamp_mono_ms();

	v->have_res = 0;
	if (!sc->have_t || v->s.app_pid <= 0)
		return;
	n = tree(&sc->t, v->s.app_pid, procs, MAX_TREE);
	if (n == 0)
		return;
	v->have_res = 1;
	v->rss = 0;
	v->ticks = 0;
	v->threads = 0;
	v->fds = 0;
	for (i = 0; i < n; i++) {
		v->rss += procs[i]->rss;
		v->ticks += procs[i]->ticks;
		v->threads += procs[i]->threads;
		if (procs[i]->fds < 0)
			(void)ptab_detail(procs[i]);
		if (procs[i]->fds > 0)
			v->fds += procs[i]->fds;
	}
	v->start_ticks = procs[0]->start;
	/* Over the life of the app, as ps(1); between frames with -w. */
	if (sc->prev_ticks && sc->prev_ticks[idx] && sc->prev_ms &&
	    now > sc->prev_ms && v->ticks >= sc->prev_ticks[idx])
		v->cpu = 100.0 * (double)(v->ticks - sc->prev_ticks[idx]) /
		    (double)ptab_hz() / ((double)(now - sc->prev_ms) / 1000.0);
	else if (sc->uptime > v->start_ticks)
		v->cpu = 100.0 * (double)v->ticks /
		    (double)(sc->uptime - v->start_ticks);
	else
		v->cpu = 0;
}

static void
load(struct screen *sc, struct view *v, size_t n)
{
	const struct status_opts *so = sc->so;
	size_t i;

	astate_batch(1);
	for (i = 0; i < n; i++)
		astate_read(&v[i].a, &v[i].s, sc->flags);
	astate_batch(0);
	sc->have_t = 0;
	if (so->procs || so->resources) {
		sc->have_t = ptab_read(&sc->t) == 0;
		sc->uptime = ptab_uptime();
	}
	for (i = 0; i < n; i++) {
		v[i].tree_root = v[i].s.run_pid ? v[i].s.run_pid :
		    v[i].s.sv_running ? v[i].s.st.supervisor_pid : 0;
		if (so->resources)
			resources(sc, &v[i], i);
	}
}

static void
unload(struct screen *sc, struct view *v, size_t n)
{
	size_t i;

	if (sc->so->watch) {
		if (sc->prev_ticks == NULL &&
		    (sc->prev_ticks = calloc(n, sizeof *sc->prev_ticks)) == NULL)
			nomem();
		for (i = 0; i < n; i++)
			sc->prev_ticks[i] = v[i].have_res ? v[i].ticks : 0;
		sc->prev_ms = tstamp_mono_ms();
	}
	if (sc->have_t)
		ptab_free(&sc->t);
	sc->have_t = 0;
}

/* --- text ---------------------------------------------------------------- */

static void
line_tree(struct screen *sc, struct buf *b, struct ptab_proc *p,
    const char *prefix, int last, int depth)
{
	struct ptab_proc *kids[64];
	char *np;
	size_t n, i;
	int w;

	if (p->cmdline == NULL)
		(void)ptab_detail(p);
	if (depth == 0)
		buf_printf(b, "    ");
	else
		buf_printf(b, "    %s%s", prefix, last ? "└─ " : "├─ ");
	buf_printf(b, "%ld %s", (long)p->pid, p->cmdline ? p->cmdline :
	    p->comm);
	if (p->threads > 1)
		buf_printf(b, " (%d threads)", p->threads);
	buf_addc(b, '\n');
	if (depth > 32)
		return;
	n = ptab_children(&sc->t, p->pid, kids, 64);
	if (n > 64)
		n = 64;
	w = depth == 0 ? 0 : 1;
	np = xasprintf("%s%s", prefix, w ? (last ? "   " : "│  ") : "");
	for (i = 0; i < n; i++)
		line_tree(sc, b, kids[i], np, i + 1 == n, depth + 1);
	free(np);
}

static void
text_view(struct screen *sc, struct view *v, struct buf *b)
{
	const struct status_opts *so = sc->so;
	const struct astate *s = &v->s;
	struct ptab_proc *root;
	char age[32], sz[32];
	int64_t now = tstamp_now_ms();

	/* The line of every app: built without printf (status of 100). */
	buf_adds(b, v->a.name);
	buf_adds(b, ": ");
	buf_adds(b, s->word);
	if (!s->exists) {
		buf_adds(b, " (no such app)\n");
		return;
	}
	if (s->sv_running && s->have_status) {
		if (s->st.pid > 0) {
			buf_adds(b, " (pid ");
			buf_addu(b, (unsigned long long)(s->app_pid ?
			    s->app_pid : s->st.pid));
			buf_addc(b, ')');
		}
		buf_adds(b, " for ");
		buf_adds(b, tstamp_age(age, sizeof age, now -
		    (s->st.state == SV_UP && s->st.started_ms ?
		    s->st.started_ms : s->st.since_ms)));
		if (s->st.want != SV_WANT_UP) {
			buf_adds(b, ", want ");
			buf_adds(b, svstatus_want_name(s->st.want));
		}
		buf_adds(b, ", restarts ");
		buf_addu(b, s->st.restarts);
	}
	if (s->have_status && s->st.last_exit[0]) {
		buf_adds(b, ", last ");
		buf_adds(b, s->st.last_exit);
	}
	if (s->have_health && strcmp(s->health, "off") != 0 &&
	    (s->sv_running || s->run_pid)) {
		buf_adds(b, ", ");
		buf_adds(b, s->health);
	}
	buf_addc(b, '\n');
	if (so->health) {
		if (!s->have_health || strcmp(s->health, "off") == 0)
			buf_printf(b, "  health: off (no check configured)\n");
		else
			buf_printf(b, "  health: %s for %s: %s (failures %ld, "
			    "successes %ld; restarts by health %lu)\n",
			    s->health, tstamp_age(age, sizeof age,
			    now - s->health_since), s->health_summary,
			    s->failures, s->successes, s->health_restarts);
	}
	if (so->resources) {
		if (v->have_res)
			buf_printf(b, "  resources: cpu %.1f%%, rss %s, threads "
			    "%d, fds %d\n", v->cpu, fmt_size(sz, sizeof sz,
			    v->rss), v->threads, v->fds);
		else
			buf_printf(b, "  resources: none (not running)\n");
	}
	if (so->procs) {
		buf_printf(b, "  processes:\n");
		if (sc->have_t && v->tree_root &&
		    (root = ptab_find(&sc->t, v->tree_root)) != NULL)
			line_tree(sc, b, root, "", 1, 0);
		else
			buf_printf(b, "    none\n");
	}
}

/* --- JSON ---------------------------------------------------------------- */

/* Members "key": value. */
static void
j_int(struct json_w *w, const char *key, int64_t v)
{
	json_w_key(w, key);
	json_w_int(w, v);
}

static void
j_uint(struct json_w *w, const char *key, uint64_t v)
{
	json_w_key(w, key);
	json_w_uint(w, v);
}

static void
j_str(struct json_w *w, const char *key, const char *v)
{
	json_w_key(w, key);
	json_w_str(w, v);
}

static void
json_ms(struct json_w *w, int64_t ms)
{
	char t[32];

	snprintf(t, sizeof t, "%lld.%03lld", (long long)(ms / 1000),
	    (long long)(ms % 1000));
	json_w_raw(w, t, strlen(t));
}

static void
json_tree(struct screen *sc, struct json_w *w, struct ptab_proc *p, int depth)
{
	struct ptab_proc *kids[64];
	size_t n, i;

	if (p->cmdline == NULL)
		(void)ptab_detail(p);
	json_w_obj_begin(w);
	j_int(w, "pid", p->pid);
	j_int(w, "ppid", p->ppid);
	j_int(w, "pgid", p->pgid);
	j_str(w, "name", p->comm);
	j_str(w, "cmdline", p->cmdline ? p->cmdline : "");
	j_int(w, "threads", p->threads);
	j_uint(w, "rss_bytes", p->rss);
	json_w_key(w, "children");
	json_w_arr_begin(w);
	n = ptab_children(&sc->t, p->pid, kids, 64);
	for (i = 0; i < n && i < 64 && depth < 24; i++)
		json_tree(sc, w, kids[i], depth + 1);
	json_w_arr_end(w);
	json_w_obj_end(w);
}

static void
json_view(struct screen *sc, struct view *v, struct json_w *w)
{
	const struct status_opts *so = sc->so;
	const struct astate *s = &v->s;
	struct ptab_proc *root;
	int64_t now = tstamp_now_ms();

	json_w_obj_begin(w);
	j_str(w, "name", v->a.name);
	j_str(w, "state", s->word);
	j_int(w, "lsb", s->lsb);
	if (!s->exists) {
		json_w_obj_end(w);
		return;
	}
	json_w_key(w, "running");
	json_w_bool(w, s->lsb == LSB_RUNNING);
	j_int(w, "pid",
	    s->app_pid ? s->app_pid : s->sv_running ? s->st.pid : 0);
	j_int(w, "supervised_pid", s->sv_running ? s->st.pid : 0);
	j_int(w, "supervisor_pid", s->sv_running ? s->st.supervisor_pid : 0);
	j_int(w, "daemonctl_pid", s->run_pid);
	if (s->have_status) {
		j_str(w, "want", svstatus_want_name(s->st.want));
		json_w_key(w, "since");
		json_ms(w, s->st.since_ms);
		json_w_key(w, "uptime");
		if (s->sv_running && s->st.started_ms)
			json_ms(w, now - s->st.started_ms);
		else
			json_w_null(w);
		j_uint(w, "restarts", s->st.restarts);
		j_str(w, "last_exit", s->st.last_exit);
	}
	if (s->have_health) {
		json_w_key(w, "health");
		json_w_obj_begin(w);
		j_str(w, "state", s->health);
		j_str(w, "summary", s->health_summary);
		json_w_key(w, "since");
		json_ms(w, s->health_since);
		j_int(w, "failures", s->failures);
		j_int(w, "successes", s->successes);
		j_uint(w, "restarts", s->health_restarts);
		json_w_obj_end(w);
	} else if (so->health) {
		json_w_key(w, "health");
		json_w_null(w);
	}
	if (so->resources) {
		json_w_key(w, "resources");
		if (v->have_res) {
			json_w_obj_begin(w);
			json_w_key(w, "cpu_percent");
			json_w_num(w, (double)(int64_t)(v->cpu * 10 + 0.5) / 10);
			j_uint(w, "rss_bytes", v->rss);
			j_int(w, "threads", v->threads);
			j_int(w, "fds", v->fds);
			json_w_obj_end(w);
		} else {
			json_w_null(w);
		}
	}
	if (so->procs) {
		json_w_key(w, "processes");
		if (sc->have_t && v->tree_root &&
		    (root = ptab_find(&sc->t, v->tree_root)) != NULL)
			json_tree(sc, w, root, 0);
		else
			json_w_null(w);
	}
	json_w_obj_end(w);
}

static int
frame(struct screen *sc, struct view *v, size_t n, struct buf *b)
{
	struct json_w w;
	size_t i;
	int code = 0;

	load(sc, v, n);
	if (sc->so->json) {
		json_w_init(&w, b, 0);
		json_w_arr_begin(&w);
		for (i = 0; i < n; i++)
			json_view(sc, &v[i], &w);
		json_w_arr_end(&w);
		if (json_w_finish(&w) < 0)
			nomem();
		buf_addc(b, '\n');
	} else {
		for (i = 0; i < n; i++)
			text_view(sc, &v[i], b);
		if (n == 0)
			buf_printf(b, "no apps\n");
	}
	for (i = 0; i < n; i++)
		if (v[i].s.lsb > code)
			code = v[i].s.lsb;
	unload(sc, v, n);
	return code;
}

/* --- -w ------------------------------------------------------------------ */

static struct termios saved;
static int raw;

static void
restore(void)
{
	if (raw)
		(void)tcsetattr(0, TCSANOW, &saved);
	raw = 0;
	if (isatty(1))
		(void)!write(1, "\033[?25h", 6);
}

static int
term_width(void)
{
	struct winsize ws;

	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* Draw over the last frame: home, each line cleared to its end, then
 * everything below cleared. Lines are cut to the width so none wraps. */
static void
draw(const struct buf *b, int width, int tty)
{
	struct buf o = BUF_INIT;
	const char *p = b->p ? b->p : "", *nl;
	size_t len;
	int cols;

	if (!tty) {
		(void)io_writeall(1, p, strlen(p));
		(void)io_writeall(1, "\n", 1);
		return;
	}
	buf_adds(&o, "\033[H");
	while (*p) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (width > 0) {
			/* Count characters, not bytes (UTF-8 tree lines). */
			size_t k = 0;
			cols = 0;
			while (k < len && cols < width) {
				k++;
				while (k < len && (p[k] & 0xc0) == 0x80)
					k++;
				cols++;
			}
			len = k;
		}
		buf_add(&o, p, len);
		buf_adds(&o, "\033[K\n");
		p = nl ? nl + 1 : p + strlen(p);
	}
	buf_adds(&o, "\033[J");
	(void)io_writeall(1, o.p, o.len);
	buf_free(&o);
}

static int
watch(struct screen *sc, struct view *v, size_t n)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH, 0 };
	struct buf b = BUF_INIT;
	struct termios t;
	struct pollfd pf[2];
	char c, hdr[128], ts[16];
	int tty = isatty(1), sig, quit = 0;
	time_t now;
	struct tm tm;

	catch_signals(sigs);
	if (isatty(0) && tcgetattr(0, &saved) == 0) {
		t = saved;
		t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		t.c_cc[VMIN] = 1;
		t.c_cc[VTIME] = 0;
		if (tcsetattr(0, TCSANOW, &t) == 0)
			raw = 1;
	}
	atexit(restore);
	if (tty)
		(void)io_writeall(1, "\033[?25l\033[H\033[2J", 13);
	while (!quit) {
		buf_reset(&b);
		now = time(NULL);
		localtime_r(&now, &tm);
		strftime(ts, sizeof ts, "%H:%M:%S", &tm);
		snprintf(hdr, sizeof hdr, "daemonctl status - every %.1fs - "
		    "q to quit - %s\n\n", (double)sc->so->refresh_ms / 1000,
		    ts);
		buf_adds(&b, hdr);
		(void)frame(sc, v, n, &b);
		draw(&b, tty ? term_width() : 0, tty);
		pf[0].fd = sig_fd();
		pf[0].events = POLLIN;
		pf[1].fd = raw ? 0 : -1;
		pf[1].events = POLLIN;
		if (poll(pf, 2, (int)sc->so->refresh_ms) < 0 && errno != EINTR)
			break;
		while ((sig = sig_next(NULL)) != 0)
			if (sig != SIGWINCH)
				quit = 1;
		if (pf[1].fd >= 0 && (pf[1].revents & (POLLIN | POLLHUP))) {
			if (read(0, &c, 1) <= 0 || c == 'q' || c == 'Q')
				quit = 1;
		}
	}
	restore();
	buf_free(&b);
	return 0;
}

static struct view *
views(const struct paths *p, char **names, size_t n)
{
	struct view *v = calloc(n ? n : 1, sizeof *v);
	size_t i;

	if (v == NULL)
		nomem();
	for (i = 0; i < n; i++)
		app_init(&v[i].a, p, names[i]);
	return v;
}

int
cmd_status(const struct paths *p, char **names, size_t n,
    const struct status_opts *so)
{
	struct screen sc;
	struct view *v;
	struct buf b = BUF_INIT;
	char **all = NULL;
	size_t i;
	int code;

	memset(&sc, 0, sizeof sc);
	sc.so = so;
	if (n == 0) {
		all = apps_list(p, &n);
		names = all;
	}
	v = views(p, names, n);
	sc.napps = n;
	/* Once, from a fresh listing: those apps exist. Only the JSON and
	 * the process tree show daemonctl run's pid of a running app. */
	if (all && !so->watch)
		sc.flags |= ASTATE_LISTED;
	if (!so->json && !so->procs)
		sc.flags |= ASTATE_BRIEF;
	if (so->watch) {
		code = watch(&sc, v, n);
	} else {
		code = frame(&sc, v, n, &b);
		(void)io_writeall(1, b.p ? b.p : "", b.len);
	}
	for (i = 0; i < n; i++)
		app_free(&v[i].a);
	free(v);
	for (i = 0; all && all[i]; i++)
		free(all[i]);
	free(all);
	free(sc.prev_ticks);
	buf_free(&b);
	return code;
}

int
cmd_list(const struct paths *p, int json)
{
	struct status_opts so;
	struct screen sc;
	struct view *v;
	struct buf b = BUF_INIT;
	char **all, age[32], pid[24];
	const struct astate *s;
	size_t n, i;
	int64_t now = tstamp_now_ms();

	memset(&so, 0, sizeof so);
	so.json = json;
	memset(&sc, 0, sizeof sc);
	sc.so = &so;
	all = apps_list(p, &n);
	v = views(p, all, n);
	if (json) {
		(void)frame(&sc, v, n, &b);
	} else {
		load(&sc, v, n);
		buf_printf(&b, "%-20s %-9s %-8s %-9s %-8s %s\n", "NAME",
		    "STATE", "PID", "UPTIME", "RESTARTS", "HEALTH");
		for (i = 0; i < n; i++) {
			s = &v[i].s;
			snprintf(pid, sizeof pid, "-");
			snprintf(age, sizeof age, "-");
			if (s->sv_running && s->st.pid > 0) {
				snprintf(pid, sizeof pid, "%ld", (long)(s->app_pid ?
				    s->app_pid : s->st.pid));
				tstamp_age(age, sizeof age, now - s->st.started_ms);
			}
			buf_printf(&b, "%-20s %-9s %-8s %-9s %-8lu %s\n",
			    v[i].a.name, s->word, pid, age, s->have_status &&
			    s->sv_running ? s->st.restarts : 0,
			    s->have_health ? s->health : "-");
		}
		unload(&sc, v, n);
	}
	(void)io_writeall(1, b.p ? b.p : "", b.len);
	for (i = 0; i < n; i++) {
		app_free(&v[i].a);
		free(all[i]);
	}
	free(all);
	free(v);
	buf_free(&b);
	return 0;
}
