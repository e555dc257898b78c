/* cmd.h: plotq's subcommands. Each takes argv from the command's name on
 * and returns the exit status (or exits itself). */
#ifndef PLOTQ_CMD_H
#define PLOTQ_CMD_H

int cmd_run(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_wait(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_stop(int argc, char **argv);
int cmd_kill(int argc, char **argv);
int cmd_cancel(int argc, char **argv);
int cmd_pause(int argc, char **argv);
int cmd_resume(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_shutdown(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
