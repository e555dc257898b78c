/* route.c: which push goes to which tmux pane, and the tmux calls.
 *
 * pb_decide() looks at one push object and says either "type BODY into
 * =SESSION:WINDOW.PANE" or "skip, because REASON". The checks, in order
 * (the reason words are what the `skipped` event lines say):
 *
 *	no-iden            the push has no iden
 *	not-note           its type is not "note" (links, files, mirrors...)
 *	inactive           deleted
 *	dismissed          dismissed
 *	duplicate          already routed (by iden)
 *	other-device       --device NAME: the push targets another device
 *	no-target-device   --auto-route: the push targets no device
 *	owner-unknown      no allow list and the account owner is not known
 *	not-owner          no allow list and the sender is not the owner
 *	sender-not-allowed allow_senders is set and the sender is not in it
 *	device-not-allowed allow_devices is set and the source device is not
 *	empty-body         nothing to type
 *	too-long           the body is longer than max_body bytes
 *	control-char       the body holds a control character other than
 *	                   newline and tab (C0, DEL, or C1 as UTF-8)
 *	no-session         no session could be chosen (also said when typing,
 *	                   when the session chosen does not exist)
 *
 * The session: --session S, else the [device_mapping] entry of the
 * target device (by nickname or iden), else the session named after its
 * nickname if that session exists (the caller learns that by typing into
 * it; d->fallback is then where to go instead), else [tmux]
 * default_session.
 * Window and pane come from the mapping's table, else [tmux]
 * target_window and target_pane. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io.h"
#include "pbroute.h"
#include "proc.h"

const char *
pb_device_name(const struct pb_devices *d, const char *iden)
{
	size_t i;

	for (i = 0; iden && i < d->n; i++)
		if (strcmp(d->v[i].iden, iden) == 0)
			return d->v[i].nickname && *d->v[i].nickname ?
			    d->v[i].nickname : d->v[i].iden;
	return NULL;
}

const char *
pb_device_find(const struct pb_devices *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].nickname && strcmp(d->v[i].nickname, name) == 0)
			return d->v[i].iden;
	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].iden, name) == 0)
			return d->v[i].iden;
	return NULL;
}

void
pb_devices_free(struct pb_devices *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].iden);
		free(d->v[i].nickname);
	}
	free(d->v);
	d->v = NULL;
	d->n = 0;
	d->known = 0;
}

void
pb_session_name(const char *nick, char *out, size_t len)
{
	size_t i;

	for (i = 0; nick[i] && i + 1 < len; i++)
		out[i] = nick[i] == ':' || nick[i] == '.' ? '_' : nick[i];
	if (len)
		out[i] = '\0';
}

/* Whether device (an iden, with its nickname) matches a config entry
 * naming a device by nickname or iden. */
static int
device_is(const char *entry, const char *iden, const char *nick)
{
	return (iden && strcmp(entry, iden) == 0) ||
	    (nick && strcmp(entry, nick) == 0);
}

static int
skip(struct pb_decision *d, const char *reason)
{
	d->route = 0;
	d->reason = reason;
	return 0;
}

/* The body's first forbidden byte: C0 controls but \n and \t, DEL, and
 * C1 controls encoded in UTF-8 (C2 80..C2 9F). Returns 1 if any. */
static int
has_control(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		if ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\t') || p[i] == 0x7f)
			return 1;
		if (p[i] == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			return 1;
	}
	return 0;
}

static int
allowed_sender(const struct pb_config *c, const struct json *push)
{
	const char *e1 = json_str(json_get(push, "sender_email_normalized"), NULL);
	const char *e2 = json_str(json_get(push, "sender_email"), NULL);
	size_t i;

	for (i = 0; i < c->nsenders; i++)
		if ((e1 && strcasecmp(e1, c->allow_senders[i]) == 0) ||
		    (e2 && strcasecmp(e2, c->allow_senders[i]) == 0))
			return 1;
	return 0;
}

static int
allowed_device(const struct pb_router *r, const struct json *push)
{
	const char *src = json_str(json_get(push, "source_device_iden"), NULL);
	const char *nick = src ? pb_device_name(r->devs, src) : NULL;
	size_t i;

	if (src == NULL)
		return 0;
	for (i = 0; i < r->cfg->nallow_devices; i++)
		if (device_is(r->cfg->allow_devices[i], src, nick))
			return 1;
	return 0;
}

static int
from_owner(const struct pb_owner *o, const struct json *push)
{
	const char *si = json_str(json_get(push, "sender_iden"), NULL);
	const char *se = json_str(json_get(push, "sender_email_normalized"), NULL);

	if (si)
		return o->iden && strcmp(si, o->iden) == 0;
	return se && o->email && strcasecmp(se, o->email) == 0;
}

static void
set_target(struct pb_decision *d, const char *session, const char *window,
    const char *pane)
{
	snprintf(d->session, sizeof d->session, "%s", session);
	if (window && pane)
		snprintf(d->target, sizeof d->target, "=%s:%s.%s", session, window, pane);
	else if (window)
		snprintf(d->target, sizeof d->target, "=%s:%s", session, window);
	else if (pane)
		snprintf(d->target, sizeof d->target, "=%s:.%s", session, pane);
	else
		snprintf(d->target, sizeof d->target, "=%s:", session);
}

void
pb_decide(const struct pb_router *r, const struct json *push,
    struct pb_decision *d)
{
	const struct pb_config *c = r->cfg;
	const char *type, *tdev, *nick = NULL, *dev_iden = NULL;
	const struct pb_map *m = NULL;
	char named[sizeof d->session];
	size_t i;

	memset(d, 0, sizeof *d);
	d->iden = json_str(json_get(push, "iden"), "");
	d->device = "-";
	d->via = "-";
	if (*d->iden == '\0' || strlen(d->iden) != json_strlen(json_get(push, "iden")))
		d->iden = "";
	if (json_type(push) != JSON_OBJ || *d->iden == '\0') {
		skip(d, "no-iden");
		return;
	}
	type = json_str(json_get(push, "type"), "");
	if (strcmp(type, "note") != 0) {
		skip(d, "not-note");
		return;
	}
	if (!json_bool(json_get(push, "active"), 1)) {
		skip(d, "inactive");
		return;
	}
	if (json_bool(json_get(push, "dismissed"), 0)) {
		skip(d, "dismissed");
		return;
	}
	if (r->state && pb_state_seen(r->state, d->iden)) {
		skip(d, "duplicate");
		return;
	}

	/* Which device the push is for. */
	tdev = json_str(json_get(push, "target_device_iden"), NULL);
	if (tdev && *tdev == '\0')
		tdev = NULL;
	if (r->mode == PB_MODE_DEVICE) {
		const char *want = pb_device_find(r->devs, r->device);
		if (tdev && !(want ? strcmp(tdev, want) == 0 :
		    strcmp(tdev, r->device) == 0)) {
			skip(d, "other-device");
			return;
		}
		dev_iden = want ? want : tdev;
		nick = want ? pb_device_name(r->devs, want) : r->device;
	} else if (tdev) {
		dev_iden = tdev;
		nick = pb_device_name(r->devs, tdev);
		if (nick == tdev || (nick && strcmp(nick, tdev) == 0))
			nick = NULL;
	} else if (r->mode == PB_MODE_AUTO) {
		skip(d, "no-target-device");
		return;
	}
	d->device = nick ? nick : dev_iden ? dev_iden : "-";

	/* Who may route. */
	if (c->nsenders == 0 && c->nallow_devices == 0) {
		if (!r->owner->known) {
			skip(d, "owner-unknown");
			return;
		}
		if (!from_owner(r->owner, push)) {
			skip(d, "not-owner");
			return;
		}
	} else {
		if (c->nsenders && !allowed_sender(c, push)) {
			skip(d, "sender-not-allowed");
			return;
		}
		if (c->nallow_devices && !allowed_device(r, push)) {
			skip(d, "device-not-allowed");
			return;
		}
	}

	/* What to type. */
	d->body = json_str(json_get(push, "body"), "");
	d->len = json_strlen(json_get(push, "body"));
	if (d->len == 0) {
		skip(d, "empty-body");
		return;
	}
	if (d->len > c->max_body) {
		skip(d, "too-long");
		return;
	}
	if (strlen(d->body) != d->len || has_control(d->body, d->len)) {
		skip(d, "control-char");
		return;
	}

	/* Where. */
	if (r->session) {
		d->via = "session-option";
		set_target(d, r->session, c->target_window, c->target_pane);
		goto done;
	}
	for (i = 0; dev_iden && i < c->nmaps; i++)
		if (device_is(c->maps[i].device, dev_iden, nick)) {
			m = &c->maps[i];
			break;
		}
	if (m) {
		d->via = "mapping";
		set_target(d, m->t.session,
		    m->t.window ? m->t.window : c->target_window,
		    m->t.pane ? m->t.pane : c->target_pane);
		goto done;
	}
	if (nick) {
		/* The session named after the device, if it exists: whether it
		 * does is learnt by typing into it (one tmux call less); the
		 * default session, if any, is the fallback. */
		pb_session_name(nick, named, sizeof named);
		d->via = "device-name";
		set_target(d, named, c->target_window, c->target_pane);
		if (c->default_session) {
			struct pb_decision f = { 0 };
			set_target(&f, c->default_session, c->target_window,
			    c->target_pane);
			memcpy(d->fallback, f.target, sizeof d->fallback);
			memcpy(d->fallback_session, f.session, sizeof d->fallback_session);
		}
		goto done;
	}
	if (c->default_session) {
		d->via = "default";
		set_target(d, c->default_session, c->target_window, c->target_pane);
		goto done;
	}
	skip(d, "no-session");
	return;
done:
	d->route = 1;
	d->reason = "";
}

/* --- tmux ---------------------------------------------------------------- */

const char pb_tmux_sep[] = ";";

char *
pb_tmux_escape(const char *arg)
{
	size_t n = strlen(arg);
	char *e = malloc(n + 2);

	if (e == NULL)
		return NULL;
	memcpy(e, arg, n + 1);
	if (n && arg[n - 1] == ';') {
		e[n - 1] = '\\';
		e[n] = ';';
		e[n + 1] = '\0';
	}
	return e;
}

int
pb_tmux(const struct pb_tmux *t, const char *const *args, char *err,
    size_t errlen)
{
	const char *argv[24];
	char *owned[24];
	struct proc_spec sp;
	pid_t pid;
	int p[2], dn, st, n = 0, i, nowned = 0, ret = -1;
	ssize_t r;
	size_t got = 0;
	char junk[256];

	if (errlen)
		err[0] = '\0';
	argv[n++] = "tmux";
	if (t->socket_path) {
		argv[n++] = "-S";
		argv[n++] = t->socket_path;
	} else if (t->socket_name) {
		argv[n++] = "-L";
		argv[n++] = t->socket_name;
	}
	/* tmux ends a command at an argument ending in ';' (and turns a
	 * trailing "\;" into ';'): escape those, but for our separators. */
	for (i = 0; args[i] && n < 23; i++) {
		if (args[i] == pb_tmux_sep || strchr(args[i], ';') == NULL) {
			argv[n++] = args[i];
			continue;
		}
		if ((owned[nowned] = pb_tmux_escape(args[i])) == NULL)
			goto out;
		argv[n++] = owned[nowned++];
	}
	argv[n] = NULL;
	if (pipe(p) < 0)
		goto out;
	io_cloexec(p[0], 1);
	io_cloexec(p[1], 1);
	dn = open("/dev/null", O_RDWR | O_CLOEXEC);
	memset(&sp, 0, sizeof sp);
	sp.argv = (char *const *)argv;
	sp.fd0 = dn;
	sp.fd1 = p[1];
	sp.fd2 = p[1];
	sp.close_fds = 1;
	pid = proc_spawn(&sp, NULL);
	close(p[1]);
	if (dn >= 0)
		close(dn);
	if (pid < 0) {
		int e = errno;
		close(p[0]);
		snprintf(err, errlen, "unable to run tmux: %s", strerror(e));
		errno = e;
		goto out;
	}
	for (;;) {
		if (got + 1 < errlen)
			r = io_read(p[0], err + got, errlen - 1 - got);
		else
			r = io_read(p[0], junk, sizeof junk);
		if (r <= 0)
			break;
		if (got + 1 < errlen)
			got += (size_t)r;
	}
	close(p[0]);
	if (errlen) {
		char *nl;
		err[got] = '\0';
		if ((nl = strchr(err, '\n')) != NULL)
			*nl = '\0';
	}
	if (proc_wait(pid, &st, 0) < 0)
		goto out;
	ret = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
out:
	while (nowned > 0)
		free(owned[--nowned]);
	return ret;
}

int
pb_tmux_has_session(const struct pb_tmux *t, const char *name)
{
	char target[300], err[256];
	const char *args[] = { "has-session", "-t", target, NULL };

	snprintf(target, sizeof target, "=%s", name);
	return pb_tmux(t, args, err, sizeof err) == 0;
}
