/* attr.c: the process attributes daemonrun gives CMD: user, groups,
 * niceness, umask, directory, environment. */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemonrun.h"
#include "envfile.h"
#include "err.h"
#include "io.h"
#include "proc.h"

extern char **environ;

#define SAFE_PATH "/usr/local/bin:/usr/bin:/bin"

enum {
	STEP_NICE = 1, STEP_GROUPS, STEP_GID, STEP_UID, STEP_VERIFY,
	STEP_CHDIR, STEP_NOTIFY
};

/* --- the environment ------------------------------------------------ */

struct env {
	char **v;
	size_t n, cap;
};

static void
env_set(struct env *e, const char *key, size_t klen, const char *val)
{
	size_t i, vlen = strlen(val);
	char *s;

	if ((s = malloc(klen + vlen + 2)) == NULL)
		die(EX_SYS, "unable to build the environment: %s",
		    strerror(ENOMEM));
	memcpy(s, key, klen);
	s[klen] = '=';
	memcpy(s + klen + 1, val, vlen + 1);
	for (i = 0; i < e->n; i++)
		if (strncmp(e->v[i], key, klen) == 0 && e->v[i][klen] == '=') {
			free(e->v[i]);
			e->v[i] = s;
			return;
		}
	if (e->n + 2 > e->cap) {
		size_t ncap = e->cap ? e->cap * 2 : 64;
		char **nv = realloc(e->v, sizeof *nv * ncap);
		if (nv == NULL)
			die(EX_SYS, "unable to build the environment: %s",
			    strerror(ENOMEM));
		e->v = nv;
		e->cap = ncap;
	}
	e->v[e->n++] = s;
	e->v[e->n] = NULL;
}

static int
env_file_set(const char *key, const char *val, void *arg)
{
	env_set(arg, key, strlen(key), val);
	return 0;
}

static char **
env_build(const struct opts *o, const struct passwd *pw)
{
	struct env e = { NULL, 0, 0 };
	struct envfile_err ee;
	char **p;
	const char *eq;
	size_t i;

	if (o->clear_env) {
		env_set(&e, "PATH", 4, SAFE_PATH);
	} else {
		for (p = environ; *p; p++)
			if ((eq = strchr(*p, '=')) != NULL)
				env_set(&e, *p, (size_t)(eq - *p), eq + 1);
	}
	if (pw) {
		env_set(&e, "HOME", 4, pw->pw_dir);
		env_set(&e, "USER", 4, pw->pw_name);
		env_set(&e, "LOGNAME", 7, pw->pw_name);
	}
	for (i = 0; i < o->nenvfiles; i++) {
		if (envfile_load(o->envfiles[i], env_file_set, &e, &ee) == 0)
			continue;
		if (ee.line == 0)
			diesys(EX_SYS, "unable to read %s", o->envfiles[i]);
		die(EX_USAGE, "bad --env-file %s: line %zu: %s",
		    o->envfiles[i], ee.line, ee.why);
	}
	for (i = 0; i < o->nenvs; i++) {
		eq = strchr(o->envs[i], '=');
		env_set(&e, o->envs[i], (size_t)(eq - o->envs[i]), eq + 1);
	}
	if (e.v == NULL)
		env_set(&e, "PATH", 4, SAFE_PATH);
	return e.v;
}

/* --- users and groups ----------------------------------------------- */

static int
numeric(const char *s, unsigned long *v)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return 0;
	errno = 0;
	*v = strtoul(s, &end, 10);
	return *end == '\0' && errno == 0 && *v < (unsigned long)INT32_MAX;
}

static void
set_groups_of(struct attrs *a, const char *name)
{
	if (groups_of(name, a->gid, &a->groups, &a->ngroups) < 0)
		die(EX_SYS, "unable to list the groups of %s: %s", name,
		    strerror(errno));
}

void
attr_resolve(const struct opts *o, struct attrs *a)
{
	struct passwd *pw = NULL;
	struct group *gr;
	unsigned long v;
	int have_group = 0;

	memset(a, 0, sizeof *a);
	a->notify_fd = -1;
	a->nice_set = o->nice_set;
	a->nice = o->nice;
	a->umask_set = o->umask_set;
	a->umask = o->umask;
	a->dir = o->chdir;
	if (o->group) {
		if (numeric(o->group, &v)) {
			a->gid = (gid_t)v;
		} else {
			errno = 0;
			if ((gr = getgrnam(o->group)) == NULL)
				die(EX_USAGE, "unknown group '%s'", o->group);
			a->gid = gr->gr_gid;
		}
		have_group = 1;
		a->set_ids = 1;
	}
	if (o->user) {
		errno = 0;
		if (numeric(o->user, &v)) {
			a->uid = (uid_t)v;
			pw = getpwuid(a->uid);
			if (pw == NULL && !have_group)
				die(EX_USAGE, "user %s has no passwd entry: "
				    "give its group with --run-group", o->user);
		} else if ((pw = getpwnam(o->user)) == NULL) {
			die(EX_USAGE, "unknown user '%s'", o->user);
		} else {
			a->uid = pw->pw_uid;
		}
		if (!have_group)
			a->gid = pw->pw_gid;
		a->set_ids = a->set_uid = 1;
		if (pw)
			set_groups_of(a, pw->pw_name);
	}
	if (a->set_ids && a->groups == NULL) {
		if ((a->groups = malloc(sizeof *a->groups)) == NULL)
			die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
		a->groups[0] = a->gid;
		a->ngroups = 1;
	}
	if (o->clear_env || o->nenvs || o->nenvfiles || pw)
		a->envp = env_build(o, pw);
}

/* --- applying them -------------------------------------------------- */

static int
code(int step, int err)
{
	return step << 16 | (err & 0xffff);
}

int
attr_apply(const struct attrs *a)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg;

	if (a->nice_set && setpriority(PRIO_PROCESS, 0, a->nice) < 0)
		return code(STEP_NICE, errno);
	if (a->umask_set)
		umask((mode_t)a->umask);
	if (a->set_ids) {
		/* The only safe order: groups, then gid, then uid. */
		if (geteuid() == 0 &&
		    setgroups((size_t)a->ngroups, a->groups) < 0)
			return code(STEP_GROUPS, errno);
		if (setgid(a->gid) < 0)
			return code(STEP_GID, errno);
		if (a->set_uid && setuid(a->uid) < 0)
			return code(STEP_UID, errno);
		/* Verify: every id is the one asked for, and root cannot
		 * be had back. */
		if (getresgid(&rg, &eg, &sg) < 0 || rg != a->gid ||
		    eg != a->gid || sg != a->gid)
			return code(STEP_VERIFY, EPERM);
		if (a->set_uid) {
			if (getresuid(&ru, &eu, &su) < 0 || ru != a->uid ||
			    eu != a->uid || su != a->uid)
				return code(STEP_VERIFY, EPERM);
			if (a->uid != 0 && (setuid(0) == 0 || seteuid(0) == 0))
				return code(STEP_VERIFY, EPERM);
			if (a->uid != 0 && a->gid != 0 &&
			    (setgid(0) == 0 || setegid(0) == 0))
				return code(STEP_VERIFY, EPERM);
		}
	}
	if (a->dir && chdir(a->dir) < 0)
		return code(STEP_CHDIR, errno);
	if (a->notify_fd >= 0 && io_cloexec(a->notify_fd, 0) < 0)
		return code(STEP_NOTIFY, errno);
	if (a->envp)
		environ = a->envp;
	return 0;
}

const char *
attr_strerror(const struct attrs *a, int c, char *buf, size_t len)
{
	int step = c >> 16, e = c & 0xffff;
	const char *why = strerror(e);

	switch (step) {
	case STEP_NICE:
		snprintf(buf, len, "unable to set the niceness to %d: %s",
		    a->nice, why);
		break;
	case STEP_GROUPS:
		snprintf(buf, len, "unable to set the supplementary groups: %s",
		    why);
		break;
	case STEP_GID:
		snprintf(buf, len, "unable to set the group id to %ld: %s",
		    (long)a->gid, why);
		break;
	case STEP_UID:
		snprintf(buf, len, "unable to set the user id to %ld: %s",
		    (long)a->uid, why);
		break;
	case STEP_VERIFY:
		snprintf(buf, len, "unable to drop privileges: the ids are "
		    "not as asked or root can be regained");
		break;
	case STEP_CHDIR:
		snprintf(buf, len, "unable to change directory to %s: %s",
		    a->dir, why);
		break;
	case STEP_NOTIFY:
		snprintf(buf, len, "unable to pass --notify-fd %d: %s",
		    a->notify_fd, why);
		break;
	default:
		snprintf(buf, len, "unable to set up the command: %s", why);
		break;
	}
	return buf;
}

int
attr_which(const struct attrs *a, const char *cmd)
{
	char path[PATH_MAX], rel[PATH_MAX];
	char **save = environ;
	int r, e;

	/* A relative path with a '/' is relative to where CMD will run. */
	if (a->dir && strchr(cmd, '/') && *cmd != '/') {
		if (snprintf(rel, sizeof rel, "%s/%s", a->dir, cmd) >=
		    (int)sizeof rel) {
			errno = ENAMETOOLONG;
			return -1;
		}
		cmd = rel;
	}
	if (a->envp)
		environ = a->envp;
	r = proc_which(cmd, path, sizeof path);
	e = errno;
	environ = save;
	errno = e;
	return r;
}
