/* opt.c: getopt error messages (see opt.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "opt.h"

const char *
opt_error(int c, char *const argv[], int optind_, int optopt_, char *buf,
    size_t len)
{
	const char *arg = optind_ > 0 ? argv[optind_ - 1] : NULL;
	char name[64];
	const char *eq;

	if (arg && arg[0] == '-' && arg[1] == '-') {
		eq = strchr(arg, '=');
		snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - arg) : 60, arg);
	} else if (optopt_ > 0 && optopt_ < 128 && isprint(optopt_)) {
		snprintf(name, sizeof name, "-%c", optopt_);
	} else {
		snprintf(name, sizeof name, "%.60s", arg ? arg : "?");
	}
	if (c == ':')
		snprintf(buf, len, "option '%s' needs a value", name);
	else if (arg && arg[0] == '-' && arg[1] == '-' && strchr(arg, '=') && optopt_)
		snprintf(buf, len, "option '%s' takes no value", name);
	else
		snprintf(buf, len, "unknown option '%s'", name);
	return buf;
}
