/* t/unit/plotq.c: plotq's own modules: frames, byte strings in JSON, job
 * records, the command line shown for a job, config files, the stores. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/plotq/config.c"
#include "../../src/plotq/frame.c"
#include "../../src/plotq/job.c"
#include "../../src/plotq/jobjson.c"
#include "../../src/plotq/store.c"
#include "../../src/plotq/store_spool.c"
#ifdef HAVE_SQLITE
#include "../../src/plotq/store_sqlite.c"
#endif
#include "tap.h"

static void
test_frames(void)
{
	struct buf b = BUF_INIT;
	const char *body;
	size_t len, used;
	char big[8];

	frame_put(&b, "{}", 2);
	frame_put(&b, "[1]", 3);
	is_int(b.len, 4 + 2 + 4 + 3, "two frames");
	is_int(frame_get(b.p, 3, FRAME_MAX, &body, &len, &used), 0,
	    "a partial header needs more");
	is_int(frame_get(b.p, 5, FRAME_MAX, &body, &len, &used), 0,
	    "a partial body needs more");
	is_int(frame_get(b.p, b.len, FRAME_MAX, &body, &len, &used), 1,
	    "a whole frame");
	ok(len == 2 && memcmp(body, "{}", 2) == 0 && used == 6, "its body");
	is_int(frame_get(b.p + used, b.len - used, FRAME_MAX, &body, &len,
	    &used), 1, "the next one");
	ok(len == 3 && memcmp(body, "[1]", 3) == 0, "its body too");
	memcpy(big, "\x00\x10\x00\x01xxxx", 8);
	is_int(frame_get(big, 8, FRAME_MAX, &body, &len, &used), -1,
	    "over the limit is refused at the header");
	is_int(len, FRAME_MAX + 1, "with the announced size");
	errno = 0;
	is_int(frame_put(&b, big, (size_t)FRAME_MAX + 1), -1, "put refuses too");
	is_int(errno, EMSGSIZE, "with EMSGSIZE");
	buf_free(&b);
}

/* Write s as a byte string, parse it back. */
static char *
roundtrip(const char *s, char *json, size_t jl)
{
	struct buf b = BUF_INIT;
	struct json_w w;
	struct json_err e;
	struct json *v;
	const char *why;
	char *r;

	json_w_init(&w, &b, 0);
	jb_put(&w, s, strlen(s));
	json_w_finish(&w);
	snprintf(json, jl, "%s", b.p);
	v = json_parse(b.p, b.len, &e);
	r = v ? jb_get(v, &why) : NULL;
	json_free(v);
	buf_free(&b);
	return r;
}

static void
test_bytes(void)
{
	char json[256], *r;
	const char *why = "";
	struct json_err e;
	struct json *v;

	r = roundtrip("hello wörld", json, sizeof json);
	is_str(json, "\"hello wörld\"", "UTF-8 stays a string");
	is_str(r, "hello wörld", "and comes back");
	free(r);
	r = roundtrip("x\377y", json, sizeof json);
	is_str(json, "{\"base64\":\"eP95\"}", "other bytes go as base64");
	is_str(r, "x\377y", "and come back exactly");
	free(r);
	v = json_parse("\"a\\u0000b\"", 10, &e);
	ok(jb_get(v, &why) == NULL, "a NUL byte is refused: %s", why);
	json_free(v);
	v = json_parse("{\"base64\":\"AA==\"}", 17, &e);
	ok(jb_get(v, &why) == NULL, "also in base64: %s", why);
	json_free(v);
	v = json_parse("{\"base64\":\"!\"}", 14, &e);
	ok(jb_get(v, &why) == NULL, "bad base64 is refused: %s", why);
	json_free(v);
	v = json_parse("42", 2, &e);
	ok(jb_get(v, &why) == NULL, "a number is not a byte string");
	ok(jb_getv(v, 0, &why) == NULL, "nor an array of them");
	json_free(v);
}

static void
test_jobs(void)
{
	struct job *j = job_new();
	char *s;

	j->argv = strv_dup((char *const[]){ "sh", "-c", "echo 'hi' $x", "",
	    "a=b", NULL }, (size_t)-1);
	s = job_cmdline(j);
	is_str(s, "sh -c 'echo '\\''hi'\\'' $x' '' a=b", "a shell-quoted line");
	free(s);
	j->state = JOB_DONE;
	j->code = 0;
	is_int(job_wait_code(j), 0, "done: 0");
	j->state = JOB_FAILED;
	j->code = 3;
	is_int(job_wait_code(j), 3, "failed: its code");
	j->code = -1;
	j->sig = 9;
	is_int(job_wait_code(j), 137, "killed: 128+N");
	j->sig = 0;
	j->state = JOB_LOST;
	is_int(job_wait_code(j), 1, "lost: 1");
	j->state = JOB_STOPPED;
	j->code = 0;
	is_int(job_wait_code(j), 1, "stopped but exited 0: still 1");
	is_int(job_state_parse("cancelled"), JOB_CANCELLED, "state names");
	is_int(job_state_parse("asleep"), -1, "an unknown state");
	ok(job_final(JOB_LOST) && !job_final(JOB_RUNNING), "final states");
	job_free(j);
}

static void
warn_count(void *arg, const char *msg)
{
	(void)msg;
	(*(int *)arg)++;
}

static int
put_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return -1;
	fputs(s, f);
	return fclose(f);
}

static void
test_config(const char *dir)
{
	struct config c;
	char p[4096], why[512];
	int warns = 0;

	snprintf(p, sizeof p, "%s/c.toml", dir);
	memset(&c, 0, sizeof c);
	c.log_level = -1;
	put_file(p, "[daemon]\nstore = \"spool\"\nsync = \"full\"\n"
	    "[logging]\nlevel = \"critical\"\nfile = \"x.log\"\n"
	    "[queue.plot]\nslots = 3\ndevice = \"/dev/p\"\ncolor = 1\n"
	    "[other]\n");
	is_int(config_load(&c, p, 0, warn_count, &warns, why, sizeof why), 0,
	    "a config loads");
	is_str(c.store, "spool", "[daemon] store");
	is_int(c.sync_full, 1, "[daemon] sync");
	is_int(c.log_level, EV_ERROR, "critical is error");
	is_int(c.nqueues, 1, "one queue");
	is_int(c.queues[0].slots, 3, "its slots");
	is_str(c.queues[0].device, "/dev/p", "its device");
	is_int(warns, 2, "unknown keys are warned about");
	config_free(&c);

	put_file(p, "[queue.plot]\nslots = \"many\"\n");
	c.log_level = -1;
	is_int(config_load(&c, p, 0, NULL, NULL, why, sizeof why), -1,
	    "a bad value");
	ok(strstr(why, "c.toml:2:9: queue.plot.slots: expected an integer") != NULL,
	    "named with file, line, column: %s", why);
	config_free(&c);
	put_file(p, "[queue.\"a b\"]\n");
	is_int(config_load(&c, p, 0, NULL, NULL, why, sizeof why), -1,
	    "a bad queue name: %s", why);
	config_free(&c);
	snprintf(p, sizeof p, "%s/none.toml", dir);
	is_int(config_load(&c, p, 1, NULL, NULL, why, sizeof why), 0,
	    "a missing file may be allowed");
	is_int(config_load(&c, p, 0, NULL, NULL, why, sizeof why), -1,
	    "or not");
	config_free(&c);
	ok(config_queue_name_ok("a-b_c.1") && !config_queue_name_ok("") &&
	    !config_queue_name_ok("a/b"), "queue names");
}

static int
count_job(void *arg, struct job *j)
{
	struct job **last = arg;

	job_free(*last);
	*last = j;
	return 0;
}

static void
test_store(const char *dir, const char *kind)
{
	char ws[4096], why[512];
	struct store *st;
	struct job *j, *last = NULL;
	size_t n;

	snprintf(ws, sizeof ws, "%s/ws-%s", dir, kind);
	mkdir(ws, 0700);
	st = store_open(ws, NULL, 0, 0, why, sizeof why);
	ok(st == NULL, "%s: no store, not created: %s", kind, why);
	st = store_open(ws, kind, 0, 1, why, sizeof why);
	ok(st != NULL, "%s: created", kind);
	if (st == NULL)
		return;
	j = job_new();
	j->name = strdup("n\377");
	j->queue = strdup("default");
	j->argv = strv_dup((char *const[]){ "echo", "x\377", NULL }, (size_t)-1);
	j->env = strv_dup((char *const[]){ "A=1", NULL }, (size_t)-1);
	j->cwd = strdup("/tmp");
	j->submitted = 1234;
	is_int(store_add(st, j, why, sizeof why), 0, "%s: add", kind);
	is_int(j->id, 1, "%s: the first id is 1", kind);
	j->state = JOB_DONE;
	j->code = 0;
	j->started = 1235;
	j->ended = 1236;
	j->reason = strdup("");
	is_int(store_update(st, j, why, sizeof why), 0, "%s: update", kind);
	job_free(j);
	j = job_new();
	j->name = strdup("");
	j->queue = strdup("q");
	j->argv = strv_dup((char *const[]){ "true", NULL }, (size_t)-1);
	j->cwd = strdup("/");
	store_add(st, j, why, sizeof why);
	is_int(j->id, 2, "%s: ids increase", kind);
	job_free(j);
	store_close(st);

	st = store_open(ws, NULL, 0, 0, why, sizeof why);
	ok(st != NULL && strcmp(st->ops->kind, kind) == 0,
	    "%s: opened again, same kind", kind);
	if (st == NULL)
		return;
	is_int(store_check(st, &n, why, sizeof why), 0, "%s: check", kind);
	is_int(n, 2, "%s: two jobs", kind);
	is_int(store_load(st, count_job, &last, why, sizeof why), 0,
	    "%s: load", kind);
	ok(last && last->id == 2 && last->state == JOB_QUEUED &&
	    strcmp(last->queue, "q") == 0, "%s: the last one, queued", kind);
	job_free(last);
	store_close(st);
	ok(store_open(ws, strcmp(kind, "spool") ? "spool" : "sqlite", 0, 1,
	    why, sizeof why) == NULL, "%s: the other kind is refused: %s",
	    kind, why);
}

int
main(void)
{
	char dir[] = "/tmp/plotq-unit.XXXXXX";
	char cmd[128];

	if (mkdtemp(dir) == NULL)
		return 1;
	test_frames();
	test_bytes();
	test_jobs();
	test_config(dir);
	test_store(dir, "spool");
#ifdef HAVE_SQLITE
	test_store(dir, "sqlite");
#endif
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return done_testing();
}
