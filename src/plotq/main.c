/* main.c: plotq, a job queue: the client commands and the daemon. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "daemon.h"
#include "err.h"
#include "ui.h"

static const char usage[] =
    "plotq run [--queue Q] [--name N] [--after ID...] [--priority P] "
    "[--env K=V] [--cwd DIR] -- CMD [ARG...]\n"
    "       plotq list [--queue Q] [--state S] [--json] [--all]\n"
    "       plotq show ID [--json]\n"
    "       plotq wait ID...\n"
    "       plotq log ID [-f] [--stderr]\n"
    "       plotq stop ID [--grace DURATION]\n"
    "       plotq kill ID\n"
    "       plotq cancel ID\n"
    "       plotq pause [QUEUE] | plotq resume [QUEUE]\n"
    "       plotq status [--json]\n"
    "       plotq shutdown [--now] [--grace DURATION]\n"
    "       plotq check [config|store] [-w DIR] [-c FILE]\n"
    "       plotq ui [--socket PATH]\n"
    "       plotq daemon [options]";

static const struct {
	const char *name;
	int (*fn)(int, char **);
} cmds[] = {
	{ "run", cmd_run },
	{ "list", cmd_list },
	{ "show", cmd_show },
	{ "wait", cmd_wait },
	{ "log", cmd_log },
	{ "stop", cmd_stop },
	{ "kill", cmd_kill },
	{ "cancel", cmd_cancel },
	{ "pause", cmd_pause },
	{ "resume", cmd_resume },
	{ "status", cmd_status },
	{ "shutdown", cmd_shutdown },
	{ "check", cmd_check },
	{ "ui", cmd_ui },
	{ "daemon", daemon_main },
};

int
main(int argc, char **argv)
{
	size_t i;

	err_init("plotq");
	if (argc < 2)
		err_usage("plotq COMMAND [ARG...] (see plotq --help)");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		printf("usage: %s\n", usage);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0)
		err_version();
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0) {
			/* The command sees itself as argv[0], but messages
			 * and the daemon's spawn need the real program. */
			argv[1] = argv[0];
			return cmds[i].fn(argc - 1, argv + 1);
		}
	err_usage("unknown command '%s' (see plotq --help)", argv[1]);
}
