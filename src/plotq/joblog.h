/* joblog.h: a job's out.log or err.log, written by the daemon with
 * lib/logw (teelog's writer), moved from the job's FIFO with splice(2)
 * where the system has it.
 *
 * The daemon moves what a job writes (read from its FIFO) into the log
 * with joblog_pump(). Bytes are never dropped: when the file cannot be
 * written (disk full), the bytes read stay inside and the pump fails
 * until a later call writes them (the caller stops reading meanwhile, so
 * the job blocks instead of losing output). The file is locked while
 * open: one writer per log. */
#ifndef PLOTQ_JOBLOG_H
#define PLOTQ_JOBLOG_H

#include <stdint.h>
#include <sys/types.h>

struct joblog;

/* Open (creating, mode 0600) for appending. NULL with errno (EWOULDBLOCK
 * when another process writes it). */
struct joblog *joblog_open(const char *path);
/* The same, but the file (and its directory) is made only when the first
 * byte comes: a job that writes nothing leaves no file. A file that
 * exists already is opened at once (NULL, EWOULDBLOCK: it is busy). */
struct joblog *joblog_lazy(const char *path);
/* Move what fd (non-blocking) has now into the log. Returns the bytes
 * moved (> 0), 0 at end of file, -1 with errno: EAGAIN when nothing is
 * waiting, anything else when the file failed (retry later). */
ssize_t joblog_pump(struct joblog *l, int fd);
/* Bytes in the file. */
uint64_t joblog_size(const struct joblog *l);
/* Flush and close; 0 or -1 with errno. */
int joblog_close(struct joblog *l);

#endif
