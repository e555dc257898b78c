/* slot.c: slot files and records (see slot.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "slot.h"

void
slot_path(char *buf, size_t len, const char *ws, const char *queue, int slot,
    const char *name)
{
	snprintf(buf, len, "%s/slots/%s/%d.%s", ws, queue, slot, name);
}

void
slot_job_path(char *buf, size_t len, const char *ws, int64_t id,
    const char *name)
{
	snprintf(buf, len, "%s/jobs/%lld/%s", ws, (long long)id, name);
}

int
slot_rec_write(int fd, const struct slotrec *r, int sync)
{
	char b[SLOT_REC_LEN];
	int n;

	n = snprintf(b, sizeof b, "job=%lld state=%s sup=%ld cmd=%ld code=%d "
	    "sig=%d ended=%lld", (long long)r->job, r->state, r->sup, r->cmd,
	    r->code, r->sig, (long long)r->ended);
	if (n < 0 || n >= SLOT_REC_LEN - 1)
		n = SLOT_REC_LEN - 1;
	memset(b + n, ' ', (size_t)(SLOT_REC_LEN - 1 - n));
	b[SLOT_REC_LEN - 1] = '\n';
	if (pwrite(fd, b, SLOT_REC_LEN, 0) != SLOT_REC_LEN)
		return -1;
	return sync ? fdatasync(fd) : 0;
}

int
slot_rec_read(const char *path, struct slotrec *r)
{
	char b[SLOT_REC_LEN + 1], *save = NULL, *w, *eq;
	ssize_t n;
	int fd;

	memset(r, 0, sizeof *r);
	r->code = -1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = io_readfull(fd, b, SLOT_REC_LEN);
	io_close(fd);
	if (n != SLOT_REC_LEN || b[SLOT_REC_LEN - 1] != '\n')
		return -1;
	b[SLOT_REC_LEN - 1] = '\0';
	for (w = strtok_r(b, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if ((eq = strchr(w, '=')) == NULL)
			continue;
		*eq++ = '\0';
		if (strcmp(w, "job") == 0)
			r->job = strtoll(eq, NULL, 10);
		else if (strcmp(w, "state") == 0)
			snprintf(r->state, sizeof r->state, "%s", eq);
		else if (strcmp(w, "sup") == 0)
			r->sup = strtol(eq, NULL, 10);
		else if (strcmp(w, "cmd") == 0)
			r->cmd = strtol(eq, NULL, 10);
		else if (strcmp(w, "code") == 0)
			r->code = (int)strtol(eq, NULL, 10);
		else if (strcmp(w, "sig") == 0)
			r->sig = (int)strtol(eq, NULL, 10);
		else if (strcmp(w, "ended") == 0)
			r->ended = strtoll(eq, NULL, 10);
	}
	return r->job > 0 ? 0 : -1;
}
