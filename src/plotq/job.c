/* job.c: job records (see job.h). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "esc.h"
#include "job.h"

static const char *const state_names[JOB_NSTATES] = {
	"queued", "running", "done", "failed", "stopped", "lost", "cancelled"
};

const char *
job_state_name(int state)
{
	return state >= 0 && state < JOB_NSTATES ? state_names[state] : "?";
}

int
job_state_parse(const char *name)
{
	int i;

	for (i = 0; i < JOB_NSTATES; i++)
		if (strcmp(name, state_names[i]) == 0)
			return i;
	return -1;
}

int
job_final(int state)
{
	return state != JOB_QUEUED && state != JOB_RUNNING;
}

struct job *
job_new(void)
{
	struct job *j;

	j = calloc(1, sizeof *j);
	if (j == NULL)
		return NULL;
	j->code = -1;
	j->slot = -1;
	j->qpos = -1;
	return j;
}

void
job_drop_env(struct job *j)
{
	strv_free(j->env);
	j->env = NULL;
}

void
job_free(struct job *j)
{
	if (j == NULL)
		return;
	free(j->name);
	free(j->queue);
	free(j->reason);
	strv_free(j->argv);
	strv_free(j->env);
	free(j->cwd);
	free(j->after);
	free(j);
}

size_t
strv_len(char *const *v)
{
	size_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

char **
strv_dup(char *const *v, size_t n)
{
	char **r;
	size_t i;

	if (n == (size_t)-1)
		n = strv_len(v);
	r = calloc(n + 1, sizeof *r);
	if (r == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if ((r[i] = strdup(v[i])) == NULL) {
			strv_free(r);
			return NULL;
		}
	return r;
}

void
strv_free(char **v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i]; i++)
		free(v[i]);
	free(v);
}

char *
job_cmdline(const struct job *j)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; j->argv && j->argv[i]; i++) {
		if (i)
			buf_addc(&b, ' ');
		(void)esc_shell(&b, j->argv[i]);
	}
	return buf_detach(&b);
}

int
job_wait_code(const struct job *j)
{
	if (j->state == JOB_DONE)
		return 0;
	if (j->sig > 0)
		return 128 + j->sig;
	if (j->code > 0)
		return j->code;
	return 1;
}
