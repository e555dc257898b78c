/* t/fuzz/plotq-proto.c: plotq's wire decoding and job records.
 *
 * The input is read twice: as a stream of frames (4-byte length, JSON
 * body) whose bodies are parsed and taken apart as the daemon does with a
 * request (byte strings, string vectors), and as one JSON document read as
 * a spool spec and state. Nothing may crash or leak; a spec that parses
 * must come back identical after being written and read again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/plotq/frame.c"
#include "../../src/plotq/job.c"
#include "../../src/plotq/jobjson.c"

static void
request(const struct json *r)
{
	const char *why;
	char **v, *s;

	if ((v = jb_getv(json_get(r, "cmd"), 0, &why)) != NULL)
		strv_free(v);
	if ((v = jb_getv(json_get(r, "env"), 1, &why)) != NULL)
		strv_free(v);
	if ((s = jb_get(json_get(r, "cwd"), &why)) != NULL)
		free(s);
	(void)json_int(json_get(r, "id"), 0);
	(void)json_isint(json_get(r, "v"));
	(void)json_str(json_get(r, "op"), NULL);
}

static int
same(char **a, char **b)
{
	size_t i;

	for (i = 0; a && b && a[i] && b[i]; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return (a == NULL) == (b == NULL) && (!a || (!a[i] && !b[i]));
}

static void
spool(const char *data, size_t size)
{
	struct json_err e;
	struct json *o, *o2;
	struct job *j, *k;
	struct buf b = BUF_INIT;
	const char *why;

	if ((o = json_parse(data, size, &e)) == NULL)
		return;
	j = job_new();
	if (j && job_spec_parse(j, o, 1, &why) == 0) {
		if (job_spec_json(&b, j) == 0 &&
		    (o2 = json_parse(b.p, b.len, &e)) != NULL) {
			k = job_new();
			if (k == NULL || job_spec_parse(k, o2, 1, &why) != 0 ||
			    k->id != j->id || strcmp(k->cwd, j->cwd) != 0 ||
			    strcmp(k->name, j->name) != 0 ||
			    !same(k->argv, j->argv) || !same(k->env, j->env))
				abort();
			job_free(k);
			json_free(o2);
		}
	}
	if (j)
		(void)job_state_parse_json(j, o, &why);
	job_free(j);
	json_free(o);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *body;
	size_t len = size, blen, used;
	struct json_err e;
	struct json *r;

	while (frame_get(in, len, FRAME_MAX, &body, &blen, &used) == 1) {
		if ((r = json_parse(body, blen, &e)) != NULL) {
			request(r);
			json_free(r);
		}
		in += used;
		len -= used;
	}
	spool((const char *)data, size);
	return 0;
}
