/* tools.c: finding the composed tools: beside daemonctl's own executable
 * first (so an installed prefix or a build tree is self-contained), then
 * in PATH. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemonctl.h"
#include "err.h"
#include "proc.h"

static char self[PATH_MAX];

const char *
self_path(void)
{
	ssize_t n;

	if (self[0])
		return self;
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		return self;
	}
	/* No /proc: argv[0] as the shell found it. */
	if (strchr(err_prog, '/') == NULL &&
	    proc_which("daemonctl", self, sizeof self) == 0)
		return self;
	snprintf(self, sizeof self, "daemonctl");
	return self;
}

const char *
tool_path(const char *name)
{
	static struct {
		const char *name;
		char path[PATH_MAX];
	} cache[4];
	char *slash;
	size_t i;

	for (i = 0; i < sizeof cache / sizeof *cache; i++) {
		if (cache[i].name && strcmp(cache[i].name, name) == 0)
			return cache[i].path;
		if (cache[i].name == NULL)
			break;
	}
	if (i == sizeof cache / sizeof *cache)
		i = 0;
	cache[i].name = name;
	snprintf(cache[i].path, sizeof cache[i].path, "%s", self_path());
	slash = strrchr(cache[i].path, '/');
	if (slash && (size_t)(slash - cache[i].path) + strlen(name) + 2 <
	    sizeof cache[i].path) {
		strcpy(slash + 1, name);
		if (access(cache[i].path, X_OK) == 0)
			return cache[i].path;
	}
	if (proc_which(name, cache[i].path, sizeof cache[i].path) == 0)
		return cache[i].path;
	err_die(EX_SYS, "unable to find %s: not beside %s nor in PATH", name,
	    self_path());
}
