/* slot.h: a queue slot's files, and the record of the job in it.
 *
 * Each slot of each queue has three files in WORKSPACE/slots/QUEUE/: N.lock,
 * N.out and N.err, made once and reused by every job of the slot (a job
 * costs the file system nothing but its logs, and nothing at all when it
 * writes nothing). N.lock holds one record, rewritten in place at offset
 * 0 with a single pwrite (no new file, no rename):
 *
 *	job=ID state=handed|run|end sup=PID cmd=PID code=N sig=N ended=MS
 *
 * padded to SLOT_REC_LEN bytes with a final newline. */
#ifndef PLOTQ_SLOT_H
#define PLOTQ_SLOT_H

#include <stddef.h>
#include <stdint.h>

#define SLOT_REC_LEN 160

struct slotrec {
	int64_t job;
	char state[8];		/* "handed", "run", "end" */
	long sup, cmd;		/* the runner's pid, the command's */
	int code, sig;
	int64_t ended;		/* ms since the epoch */
};

/* WORKSPACE/slots/QUEUE/N.NAME, and WORKSPACE/jobs/ID/NAME. */
void slot_path(char *buf, size_t len, const char *ws, const char *queue,
    int slot, const char *name);
void slot_job_path(char *buf, size_t len, const char *ws, int64_t id,
    const char *name);

/* Write r at offset 0 of fd (fdatasync when sync). 0 or -1. */
int slot_rec_write(int fd, const struct slotrec *r, int sync);
/* Read the record of the lock file path: 0, or -1 (none, or garbage). */
int slot_rec_read(const char *path, struct slotrec *r);

#endif
