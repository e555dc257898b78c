/* t/fuzz/logw_write.c: the rotating writer (lib/logw.c) fed arbitrary
 * bytes in arbitrary chunks, with pauses, rotations and splices chosen by
 * the input; the logs must keep every invariant (t/unit/logw_check.h).
 * Works in a directory under /dev/shm (fsync is free there), removed by
 * hand: rm -r /dev/shm/tk-fuzz-logw.*. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../unit/logw_check.h"
#include "logw.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *rotated[4096];
static int nrotated;

static void
on_event(void *arg, const struct logw_event *ev)
{
	(void)arg;
	if (ev->type == LOGW_EV_ROTATED && nrotated < 4096)
		rotated[nrotated++] = strdup(ev->path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dir[64], live[80];
	struct logw_opts o;
	struct logw *w;
	struct buf pend = BUF_INIT, in = BUF_INIT;
	const char *why = "";
	size_t pos = 8, done, chunk, room;
	int p[2], flags, i, n;
	ssize_t r;
	char b[4096];

	if (size < 8)
		return 0;
	if (dir[0] == '\0') {
		snprintf(dir, sizeof dir, "/dev/shm/tk-fuzz-logw.%d", (int)getpid());
		if (mkdir(dir, 0700) < 0)
			abort();
		snprintf(live, sizeof live, "%s/f.log", dir);
	}
	memset(&o, 0, sizeof o);
	o.max_size = data[0] % 4 == 0 ? 0 : 1 + (data[1] | data[0] << 8) % 600;
	o.line_max = 1 + data[2] % 200;
	o.max_count = -1;
	o.mode = 0600;
	o.event = on_event;
	if (pipe(p) < 0)
		abort();
	w = logw_open(live, &o);
	if (w == NULL)
		abort();
	/* Control bytes then data: each step takes a control byte. */
	while (pos < size) {
		int ctl = data[pos++];
		chunk = (size_t)(ctl & 0x3f) + 1;
		if (chunk > size - pos)
			chunk = size - pos;
		buf_add(&in, data + pos, chunk);
		if (write(p[1], data + pos, chunk) != (ssize_t)chunk)
			abort();
		pos += chunk;
		if ((ctl & 0x40) && pend.len == 0 &&
		    (room = logw_splice_room(w)) > 0) {
			r = logw_splice(w, p[0], room);
			if (r < 0 && errno != EAGAIN)
				abort();
		}
		if (ioctl(p[0], FIONREAD, &n) == 0 && n > 0) {
			r = read(p[0], b, (size_t)n < sizeof b ? (size_t)n : sizeof b);
			if (r > 0)
				buf_add(&pend, b, (size_t)r);
		}
		flags = (ctl & 0x80) ? LOGW_IDLE : 0;
		if (pos >= size)
			flags = LOGW_EOF;
		if (logw_write(w, pend.p, pend.len, flags, &done) < 0)
			abort();
		buf_consume(&pend, done);
		if ((ctl & 0xc0) == 0xc0 && logw_rotate(w) < 0)
			abort();
	}
	if (pend.len > 0)
		abort();
	logw_close(w);
	close(p[0]);
	close(p[1]);
	if (logw_check(rotated, nrotated, live, in.p, in.len, o.max_size,
	    o.line_max, &why) < 0) {
		fprintf(stderr, "invariant broken: %s\n", why);
		abort();
	}
	for (i = 0; i < nrotated; i++) {
		unlink(rotated[i]);
		free(rotated[i]);
	}
	nrotated = 0;
	unlink(live);
	buf_free(&pend);
	buf_free(&in);
	return 0;
}
