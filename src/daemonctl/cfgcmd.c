/* cfgcmd.c: daemonctl config show, config set, and new. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "daemonctl.h"
#include "err.h"
#include "io.h"
#include "json.h"
#include "lock.h"

static void
emit(const struct toml *t, const char *format, struct buf *out)
{
	int r;

	if (strcmp(format, "json") == 0)
		r = toml_to_json(t, out, TOML_JSON_PRETTY);
	else if (strcmp(format, "yaml") == 0)
		r = toml_to_yaml(t, out);
	else
		r = toml_to_toml(t, out);
	if (r < 0)
		nomem();
}

/* One value or table at --path, in the format. */
static int
show_path(const struct toml *root, const char *path, const char *format,
    struct buf *out)
{
	const struct toml *v = toml_path(root, path);
	struct buf t = BUF_INIT;

	if (v == NULL)
		return -1;
	if (toml_type(v) == TOML_TABLE) {
		emit(v, format, out);
		return 0;
	}
	if (strcmp(format, "json") == 0) {
		if (toml_to_json(v, out, 0) < 0 || buf_addc(out, '\n') < 0)
			nomem();
	} else if (toml_type(v) == TOML_ARRAY) {
		/* An array alone, in the format. */
		emit(v, format, &t);
		if (buf_add(out, t.p, t.len) < 0)
			nomem();
		if (t.len && t.p[t.len - 1] != '\n' && buf_addc(out, '\n') < 0)
			nomem();
	} else {
		if (buf_adds(out, toml_text(v)) < 0 || buf_addc(out, '\n') < 0)
			nomem();
	}
	buf_free(&t);
	return 0;
}

static int
show_one(const struct paths *p, const struct app *a,
    const struct conf_opts *co, const struct config_opts *o, struct buf *out)
{
	struct toml *t;
	char *path, *text = NULL;
	size_t len = 0;
	int r = 0;

	if (o->resolved) {
		t = conf_resolve(p, a, co, 1);
	} else {
		path = a ? app_file(a, "config.toml") : xstrdup(p->cfg);
		t = conf_file(path, &text, &len);
		free(path);
		if (t == NULL && (t = toml_new()) == NULL)
			nomem();
	}
	if (o->path) {
		if (show_path(t, o->path, o->format, out) < 0)
			r = 1;
	} else if (!o->resolved && text && strcmp(o->format, "toml") == 0) {
		/* The file as written, comments and all. */
		if (buf_add(out, text, len) < 0)
			nomem();
		if (len && text[len - 1] != '\n' && buf_addc(out, '\n') < 0)
			nomem();
	} else {
		emit(t, o->format, out);
	}
	free(text);
	toml_free(t);
	return r;
}

int
cmd_config_show(const struct paths *p, const char *name,
    const struct conf_opts *co, const struct config_opts *o)
{
	struct buf out = BUF_INIT, one = BUF_INIT;
	struct app a;
	char **all, *ln, *save;
	size_t n, i;
	int r = 0, miss = 0;

	if (strcmp(o->format, "toml") != 0 && strcmp(o->format, "json") != 0 &&
	    strcmp(o->format, "yaml") != 0)
		err_die(EX_USAGE, "bad --format '%s': one of toml, json, yaml",
		    o->format);
	if (o->all) {
		all = apps_list(p, &n);
		if (strcmp(o->format, "json") == 0)
			buf_adds(&out, "{");
		for (i = 0; i < n; i++) {
			app_init(&a, p, all[i]);
			buf_reset(&one);
			miss |= show_one(p, &a, co, o, &one);
			if (strcmp(o->format, "json") == 0) {
				buf_adds(&out, i ? ",\n  " : "\n  ");
				json_add_strz(&out, all[i]);
				buf_adds(&out, ": ");
				for (ln = one.p ? one.p : ""; *ln; ln++)
					if (*ln == '\n' && ln[1])
						buf_adds(&out, "\n  ");
					else if (*ln != '\n')
						buf_addc(&out, *ln);
			} else if (strcmp(o->format, "yaml") == 0) {
				buf_printf(&out, "%s:\n", all[i]);
				if (one.len == 0 || strcmp(one.p, "{}\n") == 0)
					buf_adds(&out, "  {}\n");
				else
					for (ln = strtok_r(one.p, "\n", &save);
					    ln; ln = strtok_r(NULL, "\n", &save))
						buf_printf(&out, "  %s\n", ln);
			} else {
				buf_printf(&out, "%s# %s (%s/config.toml)\n",
				    i ? "\n" : "", all[i], a.dir);
				buf_add(&out, one.p ? one.p : "", one.len);
			}
			app_free(&a);
			free(all[i]);
		}
		free(all);
		if (strcmp(o->format, "json") == 0)
			buf_adds(&out, n ? "\n}\n" : "}\n");
	} else if (name && !o->global) {
		app_init(&a, p, name);
		if (!app_exists(&a))
			err_die(EX_USAGE, "no such app: %s (no directory %s)",
			    name, a.dir);
		miss = show_one(p, &a, co, o, &out);
		app_free(&a);
	} else {
		miss = show_one(p, NULL, co, o, &out);
	}
	if (io_writeall(1, out.p ? out.p : "", out.len) < 0)
		err_diesys(EX_SYS, "unable to write");
	if (miss) {
		err_warn("%s: not set", o->path);
		r = 1;
	}
	buf_free(&out);
	buf_free(&one);
	return r;
}

int
cmd_config_set(const struct paths *p, const char *name, char **kv, size_t n)
{
	struct buf val = BUF_INIT, out = BUF_INIT, why = BUF_INIT;
	struct toml_err e;
	struct toml *chk;
	const struct ckey *k;
	const char *w;
	struct app a;
	struct stat st;
	char *path, *text = NULL, *key, *eq;
	size_t len = 0, i;
	mode_t mode = 0644;
	int lk;

	if (name) {
		app_init(&a, p, name);
		if (!app_exists(&a))
			err_die(EX_USAGE, "no such app: %s (no directory %s)",
			    name, a.dir);
		path = app_file(&a, "config.toml");
		app_free(&a);
	} else {
		path = xstrdup(p->cfg);
		if (afile_mkdirs(p->home ? p->home : p->apps, 0755) < 0)
			err_diesys(EX_SYS, "unable to create the directory of "
			    "%s", path);
	}
	if (n == 0)
		err_usage("daemonctl config set [NAME] KEY=VALUE...");
	/* Serialize writers: the lock is on the file (lock_open follows a
	 * rename by another writer). */
	if ((lk = lock_open(path, 1, NULL)) < 0)
		err_diesys(EX_SYS, "unable to lock %s", path);
	if (fstat(lk, &st) == 0)
		mode = st.st_mode & 07777;
	if (io_readfile(path, 16 << 20, &text, &len) < 0)
		err_diesys(EX_SYS, "unable to read %s", path);
	for (i = 0; i < n; i++) {
		if ((eq = strchr(kv[i], '=')) == NULL || eq == kv[i])
			err_die(EX_USAGE, "bad '%s': not KEY=VALUE", kv[i]);
		key = xstrdup(kv[i]);
		key[eq - kv[i]] = '\0';
		k = ckey_find(key);
		if (k == NULL && strncmp(key, "env.", 4) != 0)
			err_die(EX_USAGE, "unknown key %s", key);
		if (k && k->type == KT_TABLE)
			err_die(EX_USAGE, "%s is a table: set env.NAME=VALUE",
			    key);
		buf_reset(&val);
		if (toml_value_text(eq + 1, &val) < 0)
			nomem();
		/* Check the value as the configuration would. */
		if ((chk = toml_new()) == NULL)
			nomem();
		if (toml_set(chk, key, val.p, "value", &e) < 0)
			err_die(EX_USAGE, "bad %s: %s", kv[i], e.why);
		buf_reset(&why);
		if (k && (w = conf_check(k, toml_path(chk, key), &why)) != NULL)
			err_die(EX_USAGE, "bad %s: %s", kv[i], w);
		toml_free(chk);
		buf_reset(&out);
		if (toml_edit_set(text ? text : "", len, key, val.p, &out,
		    &e) < 0)
			err_die(EX_USAGE, "unable to set %s in %s: %s", key,
			    path, e.msg);
		free(text);
		text = buf_detach(&out);
		len = strlen(text);
		free(key);
	}
	if (afile_write(path, text, len, mode, AFILE_SYNC) < 0)
		err_diesys(EX_SYS, "unable to write %s", path);
	io_close(lk);
	free(text);
	free(path);
	buf_free(&val);
	buf_free(&out);
	buf_free(&why);
	return 0;
}

/* The template of a new app's config.toml: every key, commented out,
 * with its default, section by section. */
static void
template(struct buf *b, const char *name)
{
	const struct ckey *k;
	char sec[32] = "";
	const char *dot;
	int n;

	buf_printf(b, "# daemonctl configuration of app %s. Every key is "
	    "optional; the\n# defaults are shown commented out. "
	    "\"daemonctl config show %s --resolved\"\n# prints what is "
	    "in force; daemonctl(1) describes each key.\n", name, name);
	for (k = ckeys; k->key; k++)
		if (k->type != KT_TABLE && strchr(k->key, '.') == NULL)
			buf_printf(b, "#%s = %s%*s# %s\n", k->key, k->def ?
			    k->def : "", 27 - (int)strlen(k->key) - (k->def ?
			    (int)strlen(k->def) : 0), "", k->doc);
	for (k = ckeys; k->key; k++) {
		if (k->type == KT_TABLE || strchr(k->key, '.') == NULL)
			continue;
		dot = strchr(k->key, '.');
		if (strncmp(sec, k->key, (size_t)(dot - k->key)) != 0 ||
		    sec[dot - k->key] != '\0') {
			snprintf(sec, sizeof sec, "%.*s", (int)(dot - k->key),
			    k->key);
			buf_printf(b, "\n[%s]\n", sec);
		}
		n = (int)strlen(dot + 1) + 3 + (k->def ? (int)strlen(k->def) :
		    0);
		buf_printf(b, "#%s = %s%*s# %s\n", dot + 1, k->def ? k->def :
		    "", n < 30 ? 30 - n : 1, "", k->doc);
	}
	buf_printf(b, "\n# The app's environment:\n[env]\n# NAME = \"value\"\n");
}

int
cmd_new(const struct paths *p, const char *name, char **cmd)
{
	struct buf run = BUF_INIT, cfg = BUF_INIT;
	struct app a;
	char *tmp, *f;
	int fd;

	app_init(&a, p, name);
	if (cmd == NULL || cmd[0] == NULL)
		err_usage("daemonctl new NAME -- CMD [ARG...]");
	if (app_exists(&a))
		err_die(EX_USAGE, "app %s already exists (%s)", name, a.dir);
	if (afile_mkdirs(p->apps, 0755) < 0)
		err_diesys(EX_SYS, "unable to create %s", p->apps);
	tmp = xasprintf("%s/.%s.new.%ld", p->apps, name, (long)getpid());
	if (mkdir(tmp, 0755) < 0)
		err_diesys(EX_SYS, "unable to create %s", tmp);
	buf_printf(&run, "#!/bin/sh\n# The start script of app %s: run in "
	    "the foreground from this\n# directory by daemonctl. Set things "
	    "up, then exec the server.\nexec ", name);
	av_shell(&run, cmd);
	buf_addc(&run, '\n');
	template(&cfg, name);
	f = xasprintf("%s/run", tmp);
	if ((fd = open(f, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755)) < 0 ||
	    io_writeall(fd, run.p, run.len) < 0 || fsync(fd) < 0 ||
	    close(fd) < 0)
		err_diesys(EX_SYS, "unable to write %s", f);
	free(f);
	f = xasprintf("%s/config.toml", tmp);
	if (afile_write(f, cfg.p, cfg.len, 0644, AFILE_SYNC) < 0)
		err_diesys(EX_SYS, "unable to write %s", f);
	free(f);
	if (rename(tmp, a.dir) < 0) {
		int e = errno;
		f = xasprintf("%s/run", tmp);
		unlink(f);
		free(f);
		f = xasprintf("%s/config.toml", tmp);
		unlink(f);
		free(f);
		rmdir(tmp);
		errno = e;
		if (e == EEXIST || e == ENOTEMPTY)
			err_die(EX_USAGE, "app %s already exists (%s)", name,
			    a.dir);
		err_diesys(EX_SYS, "unable to create %s", a.dir);
	}
	(void)afile_sync_dir(a.dir);
	printf("%s: created %s (run, config.toml)\n", name, a.dir);
	free(tmp);
	app_free(&a);
	buf_free(&run);
	buf_free(&cfg);
	return 0;
}
