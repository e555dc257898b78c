/* limits.c: --memory-limit, --cpu-limit and the setrlimit limits: which
 * mechanism enforces each (a cgroup when one can be made, else RLIMIT_AS
 * and SIGSTOP/SIGCONT duty-cycling), and what the child gets. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "daemonrun.h"
#include "err.h"

/* "512M", "1.5G", "100K" or bytes, for messages. */
static const char *
size_str(char *buf, size_t len, uint64_t v)
{
	static const char units[] = "KMGTPE";
	int u = -1;

	while (v >= 1024 && v % 1024 == 0 && u < 5) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, len, "%llu", (unsigned long long)v);
	else
		snprintf(buf, len, "%llu%c", (unsigned long long)v, units[u]);
	return buf;
}

void
limits_plan(const struct opts *o, struct limits *l)
{
	char dir[4096];

	memset(l, 0, sizeof *l);
	if (o->memory_limit) {
		l->mem_mech = cgroup_find("memory", dir, sizeof dir);
		if (l->mem_mech == MECH_NONE)
			l->mem_mech = MECH_RLIMIT_AS;
		else if ((l->mem_parent = strdup(dir)) == NULL)
			err_die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
	}
	if (o->cpu_limit) {
		l->cpu_mech = cgroup_find("cpu", dir, sizeof dir);
		if (l->cpu_mech == MECH_NONE)
			l->cpu_mech = MECH_DUTY;
		else if ((l->cpu_parent = strdup(dir)) == NULL)
			err_die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
	}
}

static const char *
mech_name(int m)
{
	switch (m) {
	case MECH_CGROUP1:
		return "cgroup v1";
	case MECH_CGROUP2:
		return "cgroup v2";
	case MECH_RLIMIT_AS:
		return "RLIMIT_AS";
	case MECH_DUTY:
		return "SIGSTOP/SIGCONT duty-cycling";
	default:
		return "none";
	}
}

int
limits_describe(const struct opts *o, const struct limits *l, int i,
    char *buf, size_t len)
{
	char v[32];
	int k = 0;

	if (o->memory_limit && k++ == i) {
		snprintf(buf, len, "memory %s: %s%s%s%s",
		    size_str(v, sizeof v, o->memory_limit), mech_name(l->mem_mech),
		    l->mem_mech == MECH_CGROUP1 ? " (memory.limit_in_bytes, "
		    "OOM kill) in " : l->mem_mech == MECH_CGROUP2 ?
		    " (memory.max, OOM kill) in " : l->mem_mech == MECH_RLIMIT_AS ?
		    " (allocation fails past the limit, per process)" : "",
		    l->mem_dir ? l->mem_dir : l->mem_parent ? l->mem_parent : "",
		    l->mem_dir == NULL && l->mem_parent ? "/daemonrun.PID" : "");
		return 1;
	}
	if (o->cpu_limit && k++ == i) {
		snprintf(buf, len, "cpu %d%%: %s%s%s%s", o->cpu_limit,
		    mech_name(l->cpu_mech), l->cpu_mech == MECH_CGROUP1 ?
		    " (cpu.cfs_quota_us/cpu.cfs_period_us) in " :
		    l->cpu_mech == MECH_CGROUP2 ? " (cpu.max) in " :
		    " (of CMD's process group, by daemonrun)",
		    l->cpu_dir ? l->cpu_dir : l->cpu_parent ? l->cpu_parent : "",
		    l->cpu_dir == NULL && l->cpu_parent ? "/daemonrun.PID" : "");
		return 1;
	}
	if (o->file_limit >= 0 && k++ == i) {
		snprintf(buf, len, "open files %lld: RLIMIT_NOFILE",
		    (long long)o->file_limit);
		return 1;
	}
	if (o->proc_limit >= 0 && k++ == i) {
		snprintf(buf, len, "processes %lld: RLIMIT_NPROC (per user; "
		    "root is exempt)", (long long)o->proc_limit);
		return 1;
	}
	if (o->core_limit >= 0 && k++ == i) {
		snprintf(buf, len, "core %s: RLIMIT_CORE",
		    size_str(v, sizeof v, (uint64_t)o->core_limit));
		return 1;
	}
	if (o->stack_limit >= 0 && k++ == i) {
		snprintf(buf, len, "stack %s: RLIMIT_STACK",
		    size_str(v, sizeof v, (uint64_t)o->stack_limit));
		return 1;
	}
	return 0;
}

static void
add_rlimit(struct attrs *a, int resource, uint64_t value)
{
	int i;

	for (i = 0; i < a->nrlimits; i++)
		if (a->rlimits[i].resource == resource) {
			a->rlimits[i].value = value;
			return;
		}
	a->rlimits[a->nrlimits].resource = resource;
	a->rlimits[a->nrlimits].value = value;
	a->nrlimits++;
}

void
limits_attrs(const struct opts *o, const struct limits *l, struct attrs *a)
{
	if (o->memory_limit && l->mem_mech == MECH_RLIMIT_AS)
		add_rlimit(a, RLIMIT_AS, o->memory_limit);
	if (o->file_limit >= 0)
		add_rlimit(a, RLIMIT_NOFILE, (uint64_t)o->file_limit);
	if (o->proc_limit >= 0)
		add_rlimit(a, RLIMIT_NPROC, (uint64_t)o->proc_limit);
	if (o->core_limit >= 0)
		add_rlimit(a, RLIMIT_CORE, (uint64_t)o->core_limit);
	if (o->stack_limit >= 0)
		add_rlimit(a, RLIMIT_STACK, (uint64_t)o->stack_limit);
}
