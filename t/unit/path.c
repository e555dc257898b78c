/* t/unit/path.c: XDG directories, this executable, sibling tools. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "path.h"
#include "tap.h"

int
main(int argc, char **argv)
{
	char buf[PATH_MAX], small[8], dir[PATH_MAX], *s;

	(void)argc;
	setenv("HOME", "/home/u", 1);
	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	ok(path_xdg("XDG_CONFIG_HOME", ".config", "tool/config.toml", buf,
	    sizeof buf) == 0, "xdg set");
	is_str(buf, "/x/conf/tool/config.toml", "XDG_CONFIG_HOME wins");
	setenv("XDG_CONFIG_HOME", "relative/conf", 1);
	ok(path_xdg("XDG_CONFIG_HOME", ".config", "tool", buf, sizeof buf) == 0,
	    "xdg relative");
	is_str(buf, "/home/u/.config/tool", "a relative XDG value is ignored");
	unsetenv("XDG_CONFIG_HOME");
	ok(path_xdg("XDG_CONFIG_HOME", ".config", "tool", buf, sizeof buf) == 0 &&
	    strcmp(buf, "/home/u/.config/tool") == 0, "unset: HOME/.config");
	ok(path_xdg("XDG_STATE_HOME", ".local/state", "", buf, sizeof buf) == 0 &&
	    strcmp(buf, "/home/u/.local/state") == 0, "empty rel: the base");
	unsetenv("HOME");
	ok(path_xdg("XDG_CONFIG_HOME", ".config", "tool", buf, sizeof buf) == 0 &&
	    buf[0] == '/' && strstr(buf, "/.config/tool") != NULL,
	    "no HOME: the password entry's home (%s)", buf);
	setenv("HOME", "/home/u", 1);
	errno = 0;
	ok(path_xdg("XDG_CONFIG_HOME", ".config", "tool", small, sizeof small) < 0 &&
	    errno == ENAMETOOLONG, "too long: ENAMETOOLONG");

	ok(path_self(argv[0], buf, sizeof buf) == 0 && buf[0] == '/' &&
	    strstr(buf, "/path") != NULL, "path_self: %s", buf);
	errno = 0;
	ok(path_self(argv[0], small, sizeof small) < 0, "path_self: too small");

	/* A sibling beside this executable is found before PATH. */
	snprintf(dir, sizeof dir, "%s", buf);
	s = strrchr(dir, '/');
	*s = '\0';
	setenv("PATH", "/nonexistent", 1);
	ok(path_tool(argv[0], "path", buf, sizeof buf) == 0 &&
	    strncmp(buf, dir, strlen(dir)) == 0, "sibling found beside: %s", buf);
	errno = 0;
	ok(path_tool(argv[0], "no-such-tool-here", buf, sizeof buf) < 0 &&
	    errno == ENOENT, "missing sibling: ENOENT");
	setenv("PATH", "/bin:/usr/bin", 1);
	ok(path_tool(argv[0], "sh", buf, sizeof buf) == 0 &&
	    strcmp(buf + strlen(buf) - 3, "/sh") == 0, "else PATH: %s", buf);
	return done_testing();
}
