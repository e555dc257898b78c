/* tools.c: finding the composed tools (lib/path: beside daemonctl's own
 * executable first, so an installed prefix or a build tree is
 * self-contained, then in PATH), and daemonctl itself. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "daemonctl.h"
#include "err.h"
#include "path.h"

static const char *argv0 = "daemonctl";

void
tools_init(const char *arg0)
{
	if (arg0 && *arg0)
		argv0 = arg0;
}

const char *
self_path(void)
{
	static char self[PATH_MAX];

	if (self[0] == '\0' && path_self(argv0, self, sizeof self) < 0)
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
	size_t i;

	for (i = 0; i < sizeof cache / sizeof *cache; i++) {
		if (cache[i].name && strcmp(cache[i].name, name) == 0)
			return cache[i].path;
		if (cache[i].name == NULL)
			break;
	}
	if (i == sizeof cache / sizeof *cache)
		i = 0;
	if (path_tool(argv0, name, cache[i].path, sizeof cache[i].path) < 0)
		err_die(EX_SYS, "unable to find %s: not beside %s nor in PATH",
		    name, self_path());
	cache[i].name = name;
	return cache[i].path;
}
