/* firejail.c: --sandbox firejail, the sandbox options as firejail's own,
 * CMD's argv wrapped in firejail's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemonrun.h"
#include "err.h"
#include "io.h"

static void
add(char ***v, size_t *n, const char *fmt, const char *arg)
{
	char **nv, *s;

	if (asprintf(&s, fmt, arg ? arg : "") < 0 ||
	    (nv = realloc(*v, sizeof *nv * (*n + 2))) == NULL)
		err_die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
	nv[(*n)++] = s;
	nv[*n] = NULL;
	*v = nv;
}

/* The names of a seccomp profile (checked already), comma-separated. */
static char *
profile_names(const char *path, int *allow)
{
	char *text, *line, *p, *t, *out = NULL;
	size_t olen = 0, n;
	int first = 1;

	if (io_readfile(path, 1 << 20, &text, NULL) < 0)
		err_diesys(EX_SYS, "unable to read %s", path);
	if ((out = calloc(1, 1)) == NULL)
		err_die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
	for (line = strtok_r(text, "\n", &p); line; line = strtok_r(NULL, "\n", &p)) {
		if ((t = strchr(line, '#')) != NULL)
			*t = '\0';
		line += strspn(line, " \t");
		n = strcspn(line, " \t\r");
		line[n] = '\0';
		if (n == 0)
			continue;
		if (first) {
			*allow = strcmp(line, "allow") == 0;
			first = 0;
			continue;
		}
		if ((t = realloc(out, olen + n + 2)) == NULL)
			err_die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
		out = t;
		if (olen)
			out[olen++] = ',';
		memcpy(out + olen, line, n + 1);
		olen += n;
	}
	free(text);
	return out;
}

char **
firejail_argv(const struct opts *o, char **argv)
{
	char **v = NULL, names[1024];
	size_t n = 0, i;
	int allow = 0;

	add(&v, &n, "firejail", NULL);
	add(&v, &n, "--quiet", NULL);
	add(&v, &n, "--nonewprivs", NULL);
	if (o->sandbox_profile)
		add(&v, &n, "--profile=%s", o->sandbox_profile);
	if (o->private_tmp)
		add(&v, &n, "--private-tmp", NULL);
	if (o->private_dev)
		add(&v, &n, "--private-dev", NULL);
	if (o->no_network)
		add(&v, &n, "--net=none", NULL);
	for (i = 0; i < o->nreadonly; i++)
		add(&v, &n, "--read-only=%s", o->readonly[i]);
	if (o->caps_set) {
		if (o->caps_keep_given) {
			caps_names(o->caps_keep, names, sizeof names);
			add(&v, &n, "--caps.keep=%s", names);
		} else {
			caps_names(~o->caps_keep, names, sizeof names);
			add(&v, &n, "--caps.drop=%s", names);
		}
	}
	if (o->seccomp_profile) {
		char *list = profile_names(o->seccomp_profile, &allow);
		add(&v, &n, allow ? "--seccomp.keep=%s" : "--seccomp.drop=%s",
		    list);
		free(list);
	} else if (o->seccomp) {
		add(&v, &n, "--seccomp", NULL);
	}
	add(&v, &n, "--", NULL);
	for (i = 0; argv[i]; i++)
		add(&v, &n, "%s", argv[i]);
	return v;
}
