/* health.c: failure and success thresholds, the start period, and the
 * state file that carries them between one-shot runs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"
#include "buf.h"
#include "err.h"
#include "hc.h"
#include "io.h"
#include "lock.h"

static const char *const words[] = { "unknown", "healthy", "warning", "unhealthy" };

const char *
health_word(int h)
{
	return words[h];
}

/* The rules (Kubernetes and Docker): the base state becomes unhealthy
 * after failure_threshold consecutive failures and healthy after
 * success_threshold consecutive successes (a WARNING result is a
 * success: the service answers). Failures inside the start period do not
 * count, until the first success ends it. What is reported:
 *	base healthy:   healthy, or warning for a WARNING result or a
 *	                failure below the threshold;
 *	base unhealthy: unhealthy until the success threshold is reached;
 *	base unknown:   warning (failing below the threshold, starting, or
 *	                not yet enough successes). */
int
health_update(struct health *h, int raw, int64_t now_ms, char *note, size_t len)
{
	int in_start = !h->seen_ok && O.start_period > 0 &&
	    now_ms - h->first_ms < O.start_period;

	note[0] = '\0';
	h->runs++;
	h->last_ms = now_ms;
	if (raw == NAG_OK || raw == NAG_WARNING) {
		h->successes++;
		h->failures = 0;
		h->seen_ok = 1;
		if (h->base != H_HEALTHY && h->successes >= O.success_threshold)
			h->base = H_HEALTHY;
		if (h->base == H_HEALTHY)
			return raw == NAG_OK ? H_HEALTHY : H_WARNING;
		snprintf(note, len, "success %lld of %lld", (long long)h->successes,
		    (long long)O.success_threshold);
		return h->base == H_UNHEALTHY ? H_UNHEALTHY : H_WARNING;
	}
	h->successes = 0;
	if (in_start) {
		snprintf(note, len, "in start period");
		return h->base == H_UNHEALTHY ? H_UNHEALTHY : H_WARNING;
	}
	h->failures++;
	if (h->failures >= O.failure_threshold)
		h->base = H_UNHEALTHY;
	if (h->base == H_UNHEALTHY)
		return H_UNHEALTHY;
	snprintf(note, len, "failure %lld of %lld", (long long)h->failures,
	    (long long)O.failure_threshold);
	return H_WARNING;
}

static int
word_of(const char *s)
{
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, words[i]) == 0)
			return i;
	return -1;
}

/* key=value lines; unknown keys are skipped, so newer versions can add
 * some. A malformed file (never written by us) starts afresh. */
static int
parse_state(char *text, struct health *h)
{
	char *line, *save = NULL, *eq, *end;
	long long v;
	int w;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		eq = strchr(line, '=');
		if (eq == NULL)
			return -1;
		*eq++ = '\0';
		if (strcmp(line, "base") == 0 || strcmp(line, "status") == 0) {
			if ((w = word_of(eq)) < 0)
				return -1;
			if (line[0] == 'b')
				h->base = w;
			else
				h->word = w;
			continue;
		}
		errno = 0;
		v = strtoll(eq, &end, 10);
		if (*end != '\0' || errno || v < 0)
			continue;
		if (strcmp(line, "failures") == 0)
			h->failures = v;
		else if (strcmp(line, "successes") == 0)
			h->successes = v;
		else if (strcmp(line, "runs") == 0)
			h->runs = v;
		else if (strcmp(line, "first") == 0)
			h->first_ms = v;
		else if (strcmp(line, "last") == 0)
			h->last_ms = v;
		else if (strcmp(line, "since") == 0)
			h->since_ms = v;
		else if (strcmp(line, "started") == 0)
			h->seen_ok = v != 0;
	}
	if (h->base == H_WARNING)
		return -1;
	return 0;
}

int
health_load(const char *path, struct health *h, const char **why)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	ssize_t n;
	int fd;

	memset(h, 0, sizeof *h);
	fd = lock_open(path, 1, NULL);
	if (fd < 0) {
		*why = strerror(errno);
		return -1;
	}
	while ((n = io_read(fd, chunk, sizeof chunk)) > 0 && b.len < 65536)
		buf_add(&b, chunk, (size_t)n);
	if (n < 0) {
		*why = strerror(errno);
		buf_free(&b);
		close(fd);
		return -1;
	}
	if (b.len && parse_state(b.p, h) < 0) {
		err_warn("state file %s is malformed; starting afresh", path);
		memset(h, 0, sizeof *h);
	}
	buf_free(&b);
	return fd;
}

int
health_save(const char *path, int fd, const struct health *h, const char **why)
{
	struct buf b = BUF_INIT;
	int r, e;

	buf_printf(&b, "# healthcheck state; written by healthcheck --state, do not edit\n"
	    "status=%s\nbase=%s\nfailures=%lld\nsuccesses=%lld\nruns=%lld\n"
	    "first=%lld\nlast=%lld\nsince=%lld\nstarted=%d\n",
	    words[h->word], words[h->base], (long long)h->failures,
	    (long long)h->successes, (long long)h->runs, (long long)h->first_ms,
	    (long long)h->last_ms, (long long)h->since_ms, h->seen_ok);
	r = b.p ? afile_write(path, b.p, b.len, 0644, AFILE_SYNC) : -1;
	e = errno;
	buf_free(&b);
	close(fd);
	if (r < 0)
		*why = strerror(e);
	return r;
}
