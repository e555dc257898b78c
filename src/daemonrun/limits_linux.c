/* limits_linux.c: cgroups for --memory-limit and --cpu-limit (v2 when
 * the controller is enabled for children of daemonrun's cgroup, else v1);
 * elsewhere no cgroup, so the fallbacks apply. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemonrun.h"

#ifdef __linux__

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io.h"

/* Whether the comma- or blank-separated list holds word. */
static int
has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word)) != NULL) {
		if ((p == list || p[-1] == ',' || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' ' || p[n] == '\n'))
			return 1;
		p += n;
	}
	return 0;
}

/* This process's cgroup path for the controller ("" for v2). */
static int
self_path(const char *controller, char *path, size_t len)
{
	char line[4096], *a, *b;
	FILE *f = fopen("/proc/self/cgroup", "re");
	int found = 0;

	if (f == NULL)
		return -1;
	while (!found && fgets(line, sizeof line, f)) {
		if ((a = strchr(line, ':')) == NULL ||
		    (b = strchr(a + 1, ':')) == NULL)
			continue;
		*b++ = '\0';
		b[strcspn(b, "\n")] = '\0';
		if ((*controller == '\0' && a[1] == '\0' && strncmp(line, "0", 1) == 0) ||
		    (*controller && has_word(a + 1, controller))) {
			snprintf(path, len, "%s", b);
			found = 1;
		}
	}
	fclose(f);
	return found ? 0 : -1;
}

/* The mount of the v2 hierarchy (controller "") or of the v1 one with
 * the controller: its mount point and root. */
static int
mount_of(const char *controller, char *point, size_t plen, char *root,
    size_t rlen)
{
	char line[4096], *f[10], *p, *sep;
	FILE *mi = fopen("/proc/self/mountinfo", "re");
	int i, found = 0;

	if (mi == NULL)
		return -1;
	while (!found && fgets(line, sizeof line, mi)) {
		if ((sep = strstr(line, " - ")) == NULL)
			continue;
		*sep = '\0';
		for (i = 0, p = line; i < 5 && p; i++) {
			f[i] = p;
			if ((p = strchr(p, ' ')) != NULL)
				*p++ = '\0';
		}
		if (i < 5)
			continue;
		/* After the separator: fstype source superoptions. */
		for (i = 5, p = sep + 3; i < 8 && p; i++) {
			f[i] = p;
			if ((p = strchr(p, ' ')) != NULL)
				*p++ = '\0';
		}
		if (i < 8)
			continue;
		f[7][strcspn(f[7], "\n")] = '\0';
		if ((*controller == '\0' && strcmp(f[5], "cgroup2") == 0) ||
		    (*controller && strcmp(f[5], "cgroup") == 0 &&
		    has_word(f[7], controller))) {
			snprintf(point, plen, "%s", f[4]);
			snprintf(root, rlen, "%s", f[3]);
			found = 1;
		}
	}
	fclose(mi);
	return found ? 0 : -1;
}

/* mount point + (path within the hierarchy, less the mount's root). */
static int
join_dir(const char *point, const char *root, const char *path, char *dir,
    size_t len)
{
	size_t rl = strlen(root);

	if (strcmp(root, "/") == 0)
		rl = 0;
	else if (strncmp(path, root, rl) != 0 ||
	    (path[rl] != '/' && path[rl] != '\0'))
		return -1;	/* our cgroup is not under this mount */
	if (snprintf(dir, len, "%s%s", point, path + rl) >= (int)len)
		return -1;
	/* "/sys/fs/cgroup/memory/" for the root: drop a trailing '/'. */
	if (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
		dir[strlen(dir) - 1] = '\0';
	return 0;
}

int
cgroup_find(const char *controller, char *dir, size_t len)
{
	char point[4096], root[4096], path[4096], ctl[4096], *text;

	if (self_path("", path, sizeof path) == 0 &&
	    mount_of("", point, sizeof point, root, sizeof root) == 0 &&
	    join_dir(point, root, path, dir, len) == 0) {
		snprintf(ctl, sizeof ctl, "%s/cgroup.subtree_control", dir);
		if (io_readfile(ctl, 4096, &text, NULL) == 0) {
			int ok = has_word(text, controller) &&
			    access(dir, W_OK) == 0;
			free(text);
			if (ok)
				return MECH_CGROUP2;
		}
	}
	if (self_path(controller, path, sizeof path) == 0 &&
	    mount_of(controller, point, sizeof point, root, sizeof root) == 0 &&
	    join_dir(point, root, path, dir, len) == 0 &&
	    access(dir, W_OK) == 0)
		return MECH_CGROUP1;
	return MECH_NONE;
}

static int
put(const char *dir, const char *name, const char *value)
{
	char path[4096];
	int fd, e;
	size_t n = strlen(value);

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0)
		return -1;
	if (write(fd, value, n) != (ssize_t)n) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

static int
exists(const char *dir, const char *name)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

/* Remove daemonrun.PID cgroups of supervisors that are gone (killed). */
static void
sweep(const char *parent)
{
	char path[4096], *end;
	struct dirent *de;
	DIR *d = opendir(parent);
	long pid;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "daemonrun.", 10) != 0)
			continue;
		pid = strtol(de->d_name + 10, &end, 10);
		if (*end || pid <= 0 || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof path, "%s/%s", parent, de->d_name);
		(void)rmdir(path);	/* fails while something runs there */
	}
	closedir(d);
}

static char *
make_dir(const char *parent)
{
	char *dir;

	sweep(parent);
	if (asprintf(&dir, "%s/daemonrun.%ld", parent, (long)getpid()) < 0)
		return NULL;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		int e = errno;
		free(dir);
		errno = e;
		return NULL;
	}
	return dir;
}

int
limits_cgroups_create(const struct opts *o, struct limits *l,
    struct attrs *a, const char **what)
{
	char v[64];

	a->ncgroups = 0;
	if (l->mem_mech == MECH_CGROUP1 || l->mem_mech == MECH_CGROUP2) {
		*what = l->mem_parent;
		if ((l->mem_dir = make_dir(l->mem_parent)) == NULL)
			return -1;
		*what = l->mem_dir;
		snprintf(v, sizeof v, "%llu\n",
		    (unsigned long long)o->memory_limit);
		if (l->mem_mech == MECH_CGROUP1) {
			if (put(l->mem_dir, "memory.limit_in_bytes", v) < 0)
				return -1;
			/* No swapping past it either, when swap is counted. */
			if (exists(l->mem_dir, "memory.memsw.limit_in_bytes"))
				(void)put(l->mem_dir,
				    "memory.memsw.limit_in_bytes", v);
		} else {
			if (put(l->mem_dir, "memory.max", v) < 0)
				return -1;
			if (exists(l->mem_dir, "memory.swap.max"))
				(void)put(l->mem_dir, "memory.swap.max", "0\n");
		}
		if (asprintf(&a->cgroup_procs[a->ncgroups], "%s/cgroup.procs",
		    l->mem_dir) < 0)
			return -1;
		a->ncgroups++;
	}
	if (l->cpu_mech == MECH_CGROUP1 || l->cpu_mech == MECH_CGROUP2) {
		*what = l->cpu_parent;
		if (l->mem_dir && strcmp(l->cpu_parent, l->mem_parent) == 0) {
			if ((l->cpu_dir = strdup(l->mem_dir)) == NULL)
				return -1;
		} else if ((l->cpu_dir = make_dir(l->cpu_parent)) == NULL) {
			return -1;
		}
		*what = l->cpu_dir;
		if (l->cpu_mech == MECH_CGROUP1) {
			snprintf(v, sizeof v, "%d\n", o->cpu_limit * 1000);
			if (put(l->cpu_dir, "cpu.cfs_period_us", "100000\n") < 0 ||
			    put(l->cpu_dir, "cpu.cfs_quota_us", v) < 0)
				return -1;
		} else {
			snprintf(v, sizeof v, "%d 100000\n", o->cpu_limit * 1000);
			if (put(l->cpu_dir, "cpu.max", v) < 0)
				return -1;
		}
		if (l->mem_dir == NULL || strcmp(l->cpu_dir, l->mem_dir) != 0) {
			if (asprintf(&a->cgroup_procs[a->ncgroups],
			    "%s/cgroup.procs", l->cpu_dir) < 0)
				return -1;
			a->ncgroups++;
		}
	}
	return 0;
}

void
limits_cgroups_remove(struct limits *l)
{
	struct timespec ts = { 0, 10 * 1000000 };
	char *dirs[2] = { l->mem_dir, l->cpu_dir };
	int i, k;

	for (i = 0; i < 2; i++) {
		if (dirs[i] == NULL || (i == 1 && dirs[0] &&
		    strcmp(dirs[0], dirs[1]) == 0))
			continue;
		/* A process just reaped may linger a moment. */
		for (k = 0; k < 100 && rmdir(dirs[i]) < 0 && errno == EBUSY; k++)
			nanosleep(&ts, NULL);
	}
	free(l->mem_dir);
	free(l->cpu_dir);
	l->mem_dir = l->cpu_dir = NULL;
}

/* The pids in dir's cgroup.procs, into out: how many (-1: no file). */
static int
procs(const char *dir, pid_t *out, int max)
{
	char path[4096], *text, *p, *end;
	int n = 0;
	long v;

	if (dir == NULL)
		return -1;
	snprintf(path, sizeof path, "%s/cgroup.procs", dir);
	if (io_readfile(path, 1 << 20, &text, NULL) < 0)
		return -1;
	for (p = text; *p && n < max; p = end) {
		v = strtol(p, &end, 10);
		if (end == p)
			break;
		if (v > 0)
			out[n++] = (pid_t)v;
		while (*end == '\n')
			end++;
	}
	free(text);
	return n;
}

int
limits_cgroups_busy(const struct limits *l)
{
	pid_t p[1];
	int a = procs(l->mem_dir, p, 1), b = procs(l->cpu_dir, p, 1);

	if (a < 0 && b < 0)
		return -1;
	return a > 0 || b > 0;
}

void
limits_cgroups_kill(const struct limits *l, int sig)
{
	pid_t p[4096];
	const char *dirs[2] = { l->mem_dir, l->cpu_dir };
	int i, k, n;

	for (i = 0; i < 2; i++) {
		n = procs(dirs[i], p, 4096);
		for (k = 0; k < n; k++)
			(void)kill(p[k], sig);
	}
}

long
limits_oom_kills(const struct limits *l)
{
	char path[4096], *text, *p;
	long n = -1;

	if (l->mem_dir == NULL)
		return -1;
	snprintf(path, sizeof path, "%s/%s", l->mem_dir,
	    l->mem_mech == MECH_CGROUP1 ? "memory.oom_control" :
	    "memory.events");
	if (io_readfile(path, 65536, &text, NULL) < 0)
		return -1;
	if ((p = strstr(text, "oom_kill ")) != NULL)
		n = strtol(p + 9, NULL, 10);
	free(text);
	return n;
}

#else	/* !__linux__ */

int
cgroup_find(const char *controller, char *dir, size_t len)
{
	(void)controller;
	(void)dir;
	(void)len;
	return MECH_NONE;
}

int
limits_cgroups_create(const struct opts *o, struct limits *l,
    struct attrs *a, const char **what)
{
	(void)o;
	(void)l;
	(void)a;
	*what = "cgroup";
	errno = ENOSYS;
	return -1;
}

void
limits_cgroups_remove(struct limits *l)
{
	(void)l;
}

int
limits_cgroups_busy(const struct limits *l)
{
	(void)l;
	return -1;
}

void
limits_cgroups_kill(const struct limits *l, int sig)
{
	(void)l;
	(void)sig;
}

long
limits_oom_kills(const struct limits *l)
{
	(void)l;
	return -1;
}

#endif
