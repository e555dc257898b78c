/* path.c: XDG base directories, this executable, its sibling tools. */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "path.h"
#include "proc.h"

static int
fit(int n, size_t len)
{
	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int
path_xdg(const char *var, const char *homedef, const char *rel, char *buf,
    size_t len)
{
	const char *x = getenv(var), *h = getenv("HOME");
	struct passwd *pw;

	if (x && *x == '/')
		return fit(rel && *rel ? snprintf(buf, len, "%s/%s", x, rel) :
		    snprintf(buf, len, "%s", x), len);
	if (h == NULL || *h == '\0') {
		if ((pw = getpwuid(getuid())) == NULL || pw->pw_dir == NULL ||
		    pw->pw_dir[0] == '\0') {
			errno = ENOENT;
			return -1;
		}
		h = pw->pw_dir;
	}
	return fit(rel && *rel ? snprintf(buf, len, "%s/%s/%s", h, homedef, rel) :
	    snprintf(buf, len, "%s/%s", h, homedef), len);
}

int
path_self(const char *argv0, char *buf, size_t len)
{
	char found[PATH_MAX], real[PATH_MAX];
	ssize_t n;

	if (len < 2) {
		errno = ENAMETOOLONG;
		return -1;
	}
	n = readlink("/proc/self/exe", buf, len - 1);
	if (n > 0 && (size_t)n < len - 1) {
		buf[n] = '\0';
		return 0;
	}
	if (argv0 == NULL || *argv0 == '\0') {
		errno = ENOENT;
		return -1;
	}
	if (strchr(argv0, '/') == NULL) {
		if (proc_which(argv0, found, sizeof found) < 0)
			return -1;
		argv0 = found;
	}
	if (realpath(argv0, real) == NULL)
		return -1;
	return fit(snprintf(buf, len, "%s", real), len);
}

int
path_tool(const char *argv0, const char *name, char *buf, size_t len)
{
	char self[PATH_MAX], *s;

	if (path_self(argv0, self, sizeof self) == 0 &&
	    (s = strrchr(self, '/')) != NULL) {
		*s = '\0';
		if (fit(snprintf(buf, len, "%s/%s", self, name), len) == 0 &&
		    access(buf, X_OK) == 0)
			return 0;
	}
	return proc_which(name, buf, len);
}
