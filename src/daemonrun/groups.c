/* groups.c: a user's supplementary groups, as initgroups(3) would set
 * them: getgrouplist(3), or /etc/group read directly when that is known
 * to give the same answer.
 *
 * getgrouplist asks every source of the group database, and on a
 * Debian-like system that means loading libnss_systemd (with libcap and
 * libm): most of the cost of "daemonrun --user". When nsswitch.conf's
 * group line is "files", or "files systemd" with no userdb record
 * source for systemd's module to read (no varlink service, no drop-in
 * directory: its only groups are then the synthesized root and nobody,
 * which have no members), /etc/group alone is the answer. Anything else
 * (other sources, [actions], NIS "+" lines) goes through getgrouplist. */
#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemonrun.h"
#include "io.h"
#include "parse.h"

static const char *userdb_dirs[] = {
	"/run/systemd/userdb", "/etc/userdb", "/run/userdb",
	"/run/host/userdb", "/usr/local/lib/userdb", "/usr/lib/userdb"
};

/* Whether the group database is /etc/group alone. */
static int
files_only(void)
{
	char *text, *line, *p, *tok;
	int found = 0, ok = 0, systemd = 0, n;
	struct stat st;
	size_t i;

	if (io_readfile("/etc/nsswitch.conf", 65536, &text, NULL) < 0)
		return 0;
	for (line = strtok_r(text, "\n", &p); line; line = strtok_r(NULL, "\n", &p)) {
		char *q;
		while (*line == ' ' || *line == '\t')
			line++;
		if (strncmp(line, "group:", 6) != 0)
			continue;
		found = 1;
		if ((q = strchr(line, '#')) != NULL)
			*q = '\0';
		ok = 1;
		n = 0;
		for (tok = strtok_r(line + 6, " \t", &q); tok;
		    tok = strtok_r(NULL, " \t", &q), n++) {
			if (n == 0 && strcmp(tok, "files") == 0)
				continue;
			if (n == 1 && strcmp(tok, "systemd") == 0) {
				systemd = 1;
				continue;
			}
			ok = 0;
		}
		if (n == 0)
			ok = 0;
		break;
	}
	free(text);
	if (!found || !ok)
		return 0;
	if (systemd)
		for (i = 0; i < sizeof userdb_dirs / sizeof *userdb_dirs; i++)
			if (stat(userdb_dirs[i], &st) == 0 || errno != ENOENT)
				return 0;
	return 1;
}

static int
add(gid_t **g, int *n, int *cap, gid_t gid)
{
	gid_t *ng;
	int i;

	for (i = 0; i < *n; i++)
		if ((*g)[i] == gid)
			return 0;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		if ((ng = realloc(*g, sizeof *ng * (size_t)*cap)) == NULL)
			return -1;
		*g = ng;
	}
	(*g)[(*n)++] = gid;
	return 0;
}

/* The groups listing user as a member in /etc/group, after gid: 0, or -1
 * when the file cannot be used (then ask getgrouplist). */
static int
from_files(const char *user, gid_t gid, gid_t **out, int *nout)
{
	char *text, *line, *p, *f[4], *m, *q;
	gid_t *g = NULL;
	int n = 0, cap = 0, i;
	int64_t v;
	const char *why;

	if (io_readfile("/etc/group", 16 * 1024 * 1024, &text, NULL) < 0)
		return -1;
	if (add(&g, &n, &cap, gid) < 0)
		goto fail;
	for (line = strtok_r(text, "\n", &p); line; line = strtok_r(NULL, "\n", &p)) {
		if (*line == '+' || *line == '-')
			goto fail;	/* NIS compat: not ours to read */
		for (i = 0, q = line; i < 4; i++) {
			f[i] = q;
			if (i < 3 && (q = strchr(q, ':')) == NULL)
				break;
			if (i < 3)
				*q++ = '\0';
		}
		if (i < 4 || parse_int(f[2], 0, INT32_MAX, &v, &why) < 0)
			continue;	/* getgrent skips bad lines too */
		for (m = strtok_r(f[3], ",", &q); m; m = strtok_r(NULL, ",", &q))
			if (strcmp(m, user) == 0 && add(&g, &n, &cap, (gid_t)v) < 0)
				goto fail;
	}
	free(text);
	*out = g;
	*nout = n;
	return 0;
fail:
	free(text);
	free(g);
	return -1;
}

int
groups_of(const char *user, gid_t gid, gid_t **out, int *nout)
{
	int n = 32;
	gid_t *g = NULL, *ng;

	if (files_only() && from_files(user, gid, out, nout) == 0)
		return 0;
	for (;;) {
		if ((ng = realloc(g, sizeof *g * (size_t)n)) == NULL) {
			free(g);
			return -1;
		}
		g = ng;
		if (getgrouplist(user, gid, g, &n) >= 0)
			break;
		if (n > 65536) {
			free(g);
			errno = E2BIG;
			return -1;
		}
		n *= 2;
	}
	*out = g;
	*nout = n;
	return 0;
}
