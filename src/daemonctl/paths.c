/* paths.c: where apps, their runtime state and their logs live. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "daemonctl.h"
#include "err.h"
#include "path.h"

char *
path_abs(const char *base, const char *path)
{
	if (path[0] == '/')
		return xstrdup(path);
	if (path[0] == '.' && path[1] == '\0')
		return xstrdup(base);
	if (path[0] == '.' && path[1] == '/')
		path += 2;
	return xpath(base, path);
}

static char *
cwd_abs(const char *path)
{
	char cwd[4096];

	if (path[0] == '/')
		return xstrdup(path);
	if (getcwd(cwd, sizeof cwd) == NULL)
		err_diesys(EX_SYS, "unable to find the current directory");
	return path_abs(cwd, path);
}

/* $VAR when it is an absolute path, else HOME/fallback (lib/path). */
static char *
xdg(const char *var, const char *fallback)
{
	char buf[PATH_MAX];

	if (path_xdg(var, fallback, NULL, buf, sizeof buf) < 0)
		err_diesys(EX_SYS, "unable to find the directory of %s", var);
	return xstrdup(buf);
}

/* /tmp/daemonctl-UID, private to this user: created 0700, and refused
 * when someone else owns it or others may write it. */
static char *
private_tmp(void)
{
	const char *tmp = getenv("TMPDIR");
	struct stat st;
	char *dir;

	if (tmp == NULL || tmp[0] != '/')
		tmp = "/tmp";
	dir = xasprintf("%s/daemonctl-%ld", tmp, (long)getuid());
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		err_diesys(EX_SYS, "unable to create %s", dir);
	if (lstat(dir, &st) < 0)
		err_diesys(EX_SYS, "unable to use %s", dir);
	if (!S_ISDIR(st.st_mode) || st.st_uid != getuid() ||
	    (st.st_mode & 077) != 0)
		err_die(EX_SYS, "unable to use %s: not a private directory "
		    "of this user (set XDG_RUNTIME_DIR)", dir);
	return dir;
}

void
paths_init(struct paths *p, const char *home)
{
	char *x;

	memset(p, 0, sizeof *p);
	if (home == NULL || *home == '\0')
		home = getenv("DAEMONCTL_HOME");
	if (home && *home) {
		p->home = cwd_abs(home);
		p->apps = xasprintf("%s/apps", p->home);
		p->cfg = xasprintf("%s/config.toml", p->home);
		p->run = xasprintf("%s/run", p->home);
		p->logs = xasprintf("%s/logs", p->home);
		return;
	}
	if (geteuid() == 0) {
		p->apps = xstrdup("/etc/daemonctl/apps");
		p->cfg = xstrdup("/etc/daemonctl/config.toml");
		p->run = xstrdup("/run/daemonctl");
		p->logs = xstrdup("/var/log/daemonctl");
		return;
	}
	x = xdg("XDG_CONFIG_HOME", ".config");
	p->apps = xasprintf("%s/daemonctl/apps", x);
	p->cfg = xasprintf("%s/daemonctl/config.toml", x);
	free(x);
	x = getenv("XDG_RUNTIME_DIR");
	if (x && x[0] == '/') {
		p->run = xasprintf("%s/daemonctl", x);
	} else {
		p->run = private_tmp();
		p->private_run = 1;
	}
	x = xdg("XDG_STATE_HOME", ".local/state");
	p->logs = xasprintf("%s/daemonctl", x);
	free(x);
}

const char *
app_name_bad(const char *name)
{
	const char *s;

	if (*name == '\0')
		return "empty";
	if (strlen(name) > 64)
		return "longer than 64 characters";
	if (name[0] == '.' || name[0] == '-')
		return "begins with '.' or '-'";
	for (s = name; *s; s++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789_.-", *s) == NULL)
			return "only letters, digits, '_', '.' and '-' are "
			    "allowed";
	return NULL;
}

void
app_init(struct app *a, const struct paths *p, const char *name)
{
	const char *why;

	if ((why = app_name_bad(name)) != NULL)
		err_die(EX_USAGE, "bad app name '%s': %s", name, why);
	a->name = xstrdup(name);
	a->dir = xpath(p->apps, name);
	a->run = xpath(p->run, name);
	a->logs = xpath(p->logs, name);
}

void
app_free(struct app *a)
{
	free(a->name);
	free(a->dir);
	free(a->run);
	free(a->logs);
	memset(a, 0, sizeof *a);
}

char *
app_runfile(const struct app *a, const char *file)
{
	return xpath(a->run, file);
}

char *
app_logfile(const struct app *a, const char *file)
{
	return xpath(a->logs, file);
}

char *
app_file(const struct app *a, const char *file)
{
	return xpath(a->dir, file);
}

int
app_exists(const struct app *a)
{
	struct stat st;

	return stat(a->dir, &st) == 0 && S_ISDIR(st.st_mode);
}

void
app_require(const struct app *a)
{
	char *run;

	if (!app_exists(a))
		err_die(EX_USAGE, "no such app: %s (no directory %s)", a->name,
		    a->dir);
	run = app_file(a, "run");
	if (access(run, X_OK) < 0)
		err_die(EX_USAGE, "unable to use app %s: %s: %s", a->name, run,
		    errno == ENOENT ? "missing (the app's start script)" :
		    strerror(errno));
	free(run);
}

void
app_mkdirs(const struct paths *p, const struct app *a)
{
	if (afile_mkdirs(p->run, p->private_run ? 0700 : 0755) < 0)
		err_diesys(EX_SYS, "unable to create %s", p->run);
	if (mkdir(a->run, 0755) < 0 && errno != EEXIST)
		err_diesys(EX_SYS, "unable to create %s", a->run);
	if (afile_mkdirs(a->logs, 0755) < 0)
		err_diesys(EX_SYS, "unable to create %s", a->logs);
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

char **
apps_list(const struct paths *p, size_t *n)
{
	struct dirent *de;
	struct stat st;
	char **v = NULL, **nv, *path;
	size_t cap = 0;
	DIR *d;

	*n = 0;
	if ((d = opendir(p->apps)) == NULL) {
		if (errno == ENOENT)
			return NULL;
		err_diesys(EX_SYS, "unable to read %s", p->apps);
	}
	while ((de = readdir(d)) != NULL) {
		if (app_name_bad(de->d_name))
			continue;
		/* A directory, or a link to one: stat only when d_type
		 * does not say. */
		if (de->d_type != DT_DIR) {
			path = xpath(p->apps, de->d_name);
			if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
				free(path);
				continue;
			}
			free(path);
		}
		if (*n + 1 >= cap) {
			cap = cap ? cap * 2 : 32;
			if ((nv = realloc(v, cap * sizeof *nv)) == NULL)
				nomem();
			v = nv;
		}
		v[(*n)++] = xstrdup(de->d_name);
		v[*n] = NULL;
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof *v, cmp_str);
	return v;
}
