/* attr.c: the process attributes daemonrun gives CMD: user, groups,
 * niceness, umask, directory, environment. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
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
	a->dir_fd = a->cmd_fd = -1;
	a->cmd = o->argv[0];
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

static const char *
rlimit_name(int resource)
{
	switch (resource) {
	case RLIMIT_AS:
		return "RLIMIT_AS (--memory-limit)";
	case RLIMIT_NOFILE:
		return "RLIMIT_NOFILE (--file-limit)";
	case RLIMIT_NPROC:
		return "RLIMIT_NPROC (--proc-limit)";
	case RLIMIT_CORE:
		return "RLIMIT_CORE (--core-limit)";
	case RLIMIT_STACK:
		return "RLIMIT_STACK (--stack-limit)";
	default:
		return "a resource limit";
	}
}

/* Join the cgroups: the child writes its own pid to cgroup.procs. */
static int
join_cgroups(const struct attrs *a)
{
	char pid[24];
	int i, fd, n;

	n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	for (i = 0; i < a->ncgroups; i++) {
		fd = open(a->cgroup_procs[i], O_WRONLY | O_CLOEXEC);
		if (fd < 0 || write(fd, pid, (size_t)n) != n) {
			int e = errno;
			io_close(fd);
			return STEP_CODE(STEP_CGROUP, i, e);
		}
		close(fd);
	}
	return 0;
}

static int
set_rlimits(const struct attrs *a)
{
	struct rlimit rl;
	int i;

	for (i = 0; i < a->nrlimits; i++) {
		rl.rlim_cur = rl.rlim_max = (rlim_t)a->rlimits[i].value;
		if (setrlimit(a->rlimits[i].resource, &rl) < 0)
			return STEP_CODE(STEP_RLIMIT, i, errno);
	}
	return 0;
}

/* The privilege drop in the only safe order (groups, gid, uid), then
 * verified: every id is the one asked for and root cannot be had back. */
static int
drop_privileges(const struct attrs *a)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg;

	if (geteuid() == 0 && setgroups((size_t)a->ngroups, a->groups) < 0)
		return STEP_CODE(STEP_GROUPS, 0, errno);
	if (setgid(a->gid) < 0)
		return STEP_CODE(STEP_GID, 0, errno);
	if (a->set_uid && setuid(a->uid) < 0)
		return STEP_CODE(STEP_UID, 0, errno);
	if (getresgid(&rg, &eg, &sg) < 0 || rg != a->gid || eg != a->gid ||
	    sg != a->gid)
		return STEP_CODE(STEP_VERIFY, 0, EPERM);
	if (!a->set_uid)
		return 0;
	if (getresuid(&ru, &eu, &su) < 0 || ru != a->uid || eu != a->uid ||
	    su != a->uid)
		return STEP_CODE(STEP_VERIFY, 0, EPERM);
	if (a->uid != 0 && (setuid(0) == 0 || seteuid(0) == 0))
		return STEP_CODE(STEP_VERIFY, 0, EPERM);
	if (a->uid != 0 && a->gid != 0 && (setgid(0) == 0 || setegid(0) == 0))
		return STEP_CODE(STEP_VERIFY, 0, EPERM);
	return 0;
}

int
attr_apply(struct attrs *a)
{
	int r, e;

	/* As root first: cgroups, limits (a hard limit may rise), niceness
	 * (it may fall), namespaces and mounts, the bounding set. */
	if ((r = join_cgroups(a)) != 0 || (r = set_rlimits(a)) != 0)
		return r;
	if (a->nice_set && setpriority(PRIO_PROCESS, 0, a->nice) < 0)
		return STEP_CODE(STEP_NICE, 0, errno);
	if (a->umask_set)
		umask((mode_t)a->umask);
	if (a->sandbox == SANDBOX_UNSHARE) {
		cmd_hold(a);
		if ((r = sandbox_apply(a)) != 0)
			return r;
	}
	if (a->caps_set) {
		if ((e = caps_bound(a->caps_keep)) != 0)
			return STEP_CODE(STEP_CAPS, 0, e);
		if (a->caps_ambient && (e = caps_keepcaps()) != 0)
			return STEP_CODE(STEP_CAPS, 1, e);
	}
	if (a->set_ids && (r = drop_privileges(a)) != 0)
		return r;
	if (a->caps_set && (e = caps_set_sets(a->caps_keep,
	    a->caps_ambient)) != 0)
		return STEP_CODE(STEP_CAPS, 2, e);
	if (a->dir && (e = cmd_chdir(a)) != 0)
		return STEP_CODE(STEP_CHDIR, 0, e);
	if (a->notify_fd >= 0 && io_cloexec(a->notify_fd, 0) < 0)
		return STEP_CODE(STEP_NOTIFY, 0, errno);
	if (a->sandbox == SANDBOX_UNSHARE && (e = sandbox_nnp()) != 0)
		return STEP_CODE(STEP_NNP, 0, e);
	/* Last: from here on, only what the filter allows. */
	if (a->seccomp && (e = seccomp_install(a->seccomp)) != 0)
		return STEP_CODE(STEP_SECCOMP, 0, e);
	if (a->envp)
		environ = a->envp;
	return 0;
}

const char *
attr_strerror(const struct attrs *a, int c, char *buf, size_t len)
{
	int step = (c >> 24) & 0xff, idx = (c >> 16) & 0xff, e = c & 0xffff;
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
	case STEP_CGROUP:
		snprintf(buf, len, "unable to join the cgroup %s: %s",
		    idx < a->ncgroups ? a->cgroup_procs[idx] : "?", why);
		break;
	case STEP_RLIMIT:
		snprintf(buf, len, "unable to set %s to %llu: %s",
		    idx < a->nrlimits ? rlimit_name(a->rlimits[idx].resource) :
		    "a limit", idx < a->nrlimits ?
		    (unsigned long long)a->rlimits[idx].value : 0ULL, why);
		break;
	case STEP_UNSHARE:
		snprintf(buf, len, "unable to create the %s namespace: %s",
		    idx ? "network" : "mount", why);
		break;
	case STEP_PRIVATE:
		snprintf(buf, len, "unable to make the mounts private: %s", why);
		break;
	case STEP_TMP:
		snprintf(buf, len, "unable to mount a private %s: %s",
		    idx ? "/var/tmp" : "/tmp", why);
		break;
	case STEP_DEV:
		snprintf(buf, len, "unable to set up a private /dev (step %d): "
		    "%s", idx, why);
		break;
	case STEP_READONLY:
		snprintf(buf, len, "unable to make %s read-only: %s",
		    (size_t)idx < a->nreadonly ? a->readonly[idx] : "a path",
		    why);
		break;
	case STEP_NET:
		snprintf(buf, len, "unable to bring the loopback up: %s", why);
		break;
	case STEP_CAPS:
		snprintf(buf, len, "unable to %s: %s", idx == 0 ?
		    "drop from the capability bounding set" : idx == 1 ?
		    "keep capabilities across the user change" :
		    "set the capabilities", why);
		break;
	case STEP_NNP:
		snprintf(buf, len, "unable to set no_new_privs: %s", why);
		break;
	case STEP_SECCOMP:
		snprintf(buf, len, "unable to install the seccomp filter: %s",
		    why);
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
