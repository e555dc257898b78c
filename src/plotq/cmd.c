/* cmd.c: plotq's client commands: parse options, ask the daemon, print. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "cmd.h"
#include "config.h"
#include "err.h"
#include "evlog.h"
#include "io.h"
#include "jobjson.h"
#include "opt.h"
#include "parse.h"
#include "store.h"

extern char **environ;

/* Options every command takes. */
#define COMMON_OPTS \
	{ "socket", required_argument, NULL, 'S' }, \
	{ "help", no_argument, NULL, 'H' }

static const char *opt_socket;

static void __attribute__((noreturn))
bad_opt(int c, char **argv)
{
	char eb[256];

	err_die(EX_USAGE, "%s", opt_error(c, argv, optind, optopt, eb, sizeof eb));
}

/* The common options; 1 when c was one. */
static int
common_opt(int c, const char *usage)
{
	switch (c) {
	case 'S':
		opt_socket = optarg;
		return 1;
	case 'H':
		printf("usage: %s\n", usage);
		exit(0);
	}
	return 0;
}

static int64_t
parse_id(const char *s)
{
	int64_t v;
	const char *why;

	if (parse_int(s, 1, INT64_MAX, &v, &why) < 0)
		err_die(EX_USAGE, "bad job id '%s': %s", s, why);
	return v;
}

/* The next option that is not a common one; -1 at the end. */
static int
next_opt(int argc, char **argv, const char *optstr,
    const struct option *lo, const char *usage)
{
	int c;

	while ((c = getopt_long(argc, argv, optstr, lo, NULL)) != -1)
		if (!common_opt(c, usage))
			return c;
	return -1;
}

static const struct option lo_none[] = {
	COMMON_OPTS, { NULL, 0, NULL, 0 }
};
static const struct option lo_json[] = {
	{ "json", no_argument, NULL, 'j' },
	COMMON_OPTS, { NULL, 0, NULL, 0 }
};

/* One exchange with the daemon: the connection, the request's text and
 * its writer. req_start() begins the request {"v":1,"op":OP}, the caller
 * adds members through q->w, req_send() ends it, sends it and returns the
 * reply (an error reply exits). */
struct req {
	struct client cl;
	struct buf b;
	struct json_w w;
};

static void
req_start(struct req *q, const char *op)
{
	buf_reset(&q->b);
	req_begin(&q->w, &q->b, op);
}

/* argv0: connect first, starting the daemon when there is none; NULL when
 * q->cl is connected already. */
static const struct json *
req_send(struct req *q, const char *argv0)
{
	req_end(&q->w);
	if (argv0) {
		client_init(&q->cl, argv0, opt_socket);
		client_connect(&q->cl, 1);
	}
	return client_call(&q->cl, &q->b);
}

/* The request OP {"id": ID} for the one operand, a job id. */
static int64_t
req_id(struct req *q, int argc, char **argv, const char *op,
    const char *usage)
{
	int64_t id;

	if (optind != argc - 1)
		err_usage("%s", usage);
	id = parse_id(argv[optind]);
	req_start(q, op);
	json_w_key(&q->w, "id");
	json_w_int(&q->w, id);
	return id;
}

/* A member KEY: S, left out when s is NULL. */
static void
req_str(struct req *q, const char *key, const char *s)
{
	if (s) {
		json_w_key(&q->w, key);
		json_w_str(&q->w, s);
	}
}

/* A member KEY: V, left out when v < 0 (not given). */
static void
req_int(struct req *q, const char *key, int64_t v)
{
	if (v >= 0) {
		json_w_key(&q->w, key);
		json_w_int(&q->w, v);
	}
}

/* Close the connection, free the request, return code. */
static int
req_done(struct req *q, int code)
{
	client_close(&q->cl);
	buf_free(&q->b);
	return code;
}

static void
out_flush(void)
{
	if (fflush(stdout) == EOF || ferror(stdout))
		err_diesys(EX_SYS, "unable to write to stdout");
}

/* A byte string from a message (see jobjson.h); "" when absent. */
static char *
bytes(const struct json *v)
{
	const char *why;
	char *s;

	if (v == NULL || json_type(v) == JSON_NULL)
		return strdup("");
	if ((s = jb_get(v, &why)) == NULL)
		err_die(EX_SYS, "malformed message from the daemon: %s", why);
	return s;
}

/* --- run ---------------------------------------------------------------- */

static const char usage_run[] = "plotq run [--queue Q] [--name N] "
    "[--after ID...] [--priority P] [--env K=V] [--cwd DIR] -- CMD [ARG...]";

int
cmd_run(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "queue", required_argument, NULL, 'q' },
		{ "name", required_argument, NULL, 'n' },
		{ "after", required_argument, NULL, 'a' },
		{ "priority", required_argument, NULL, 'p' },
		{ "env", required_argument, NULL, 'e' },
		{ "cwd", required_argument, NULL, 'C' },
		COMMON_OPTS, { NULL, 0, NULL, 0 }
	};
	struct req q = { .b = BUF_INIT };
	int64_t *after = NULL;
	size_t nafter = 0;
	const struct json *r;
	const char *queue = NULL, *name = NULL, *why;
	char cwd[PATH_MAX], *dir = NULL, *s, *tok, *save;
	char **extra = NULL;
	size_t nextra = 0, i, k, kl;
	int64_t prio = 0, v;
	int c, have_prio = 0;
	struct stat st;

	while ((c = next_opt(argc, argv, "+:", lo, usage_run)) != -1) {
		switch (c) {
		case 'q':
			if (!config_queue_name_ok(optarg))
				err_die(EX_USAGE, "bad --queue '%s': 1-64 of "
				    "A-Z a-z 0-9 _ . -", optarg);
			queue = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'a':
			k = 0;
			if ((s = strdup(optarg)) == NULL)
				err_die(EX_SYS, "unable to allocate");
			for (tok = strtok_r(s, ",", &save); tok;
			    tok = strtok_r(NULL, ",", &save)) {
				if (parse_int(tok, 1, INT64_MAX, &v, &why) < 0)
					err_die(EX_USAGE, "bad --after '%s': %s",
					    optarg, why);
				after = realloc(after, (nafter + 1) *
				    sizeof *after);
				if (after == NULL)
					err_die(EX_SYS, "unable to allocate");
				after[nafter++] = v;
				k = 1;
			}
			if (k == 0)
				err_die(EX_USAGE, "bad --after '%s': no job id",
				    optarg);
			free(s);
			break;
		case 'p':
			if (parse_int(optarg, -1000000, 1000000, &prio, &why) < 0)
				err_die(EX_USAGE, "bad --priority '%s': %s",
				    optarg, why);
			have_prio = 1;
			break;
		case 'e':
			if (strchr(optarg, '=') == NULL || optarg[0] == '=')
				err_die(EX_USAGE, "bad --env '%s': want "
				    "KEY=VALUE", optarg);
			extra = realloc(extra, (nextra + 1) * sizeof *extra);
			if (extra == NULL)
				err_die(EX_SYS, "unable to allocate");
			extra[nextra++] = optarg;
			break;
		case 'C':
			dir = optarg;
			break;
		default:
			bad_opt(c, argv);
		}
	}
	if (optind >= argc)
		err_usage("%s", usage_run);
	if (getcwd(cwd, sizeof cwd) == NULL)
		err_diesys(EX_SYS, "unable to find the current directory");
	if (dir) {
		if (dir[0] == '/')
			cwd[0] = '\0';
		else if (strcmp(cwd, "/") != 0)
			strcat(cwd, "/");
		if (strlen(cwd) + strlen(dir) + 1 > sizeof cwd)
			err_die(EX_USAGE, "bad --cwd '%s': too long", dir);
		strcat(cwd, dir);
		if (stat(cwd, &st) < 0)
			err_die(EX_USAGE, "bad --cwd '%s': %s", dir,
			    strerror(errno));
		if (!S_ISDIR(st.st_mode))
			err_die(EX_USAGE, "bad --cwd '%s': not a directory", dir);
	}
	req_start(&q, "run");
	json_w_key(&q.w, "cmd");
	json_w_arr_begin(&q.w);
	for (i = (size_t)optind; i < (size_t)argc; i++)
		jb_put(&q.w, argv[i], strlen(argv[i]));
	json_w_arr_end(&q.w);
	json_w_key(&q.w, "env");
	json_w_arr_begin(&q.w);
	for (i = 0; environ[i]; i++) {
		/* --env replaces what the environment has. */
		s = strchr(environ[i], '=');
		kl = s ? (size_t)(s - environ[i]) + 1 : strlen(environ[i]);
		for (k = 0; k < nextra; k++)
			if (strncmp(extra[k], environ[i], kl) == 0)
				break;
		if (k == nextra)
			jb_put(&q.w, environ[i], strlen(environ[i]));
	}
	for (k = 0; k < nextra; k++)
		jb_put(&q.w, extra[k], strlen(extra[k]));
	json_w_arr_end(&q.w);
	json_w_key(&q.w, "cwd");
	jb_put(&q.w, cwd, strlen(cwd));
	req_str(&q, "queue", queue);
	if (name) {
		json_w_key(&q.w, "name");
		jb_put(&q.w, name, strlen(name));
	}
	if (have_prio) {
		json_w_key(&q.w, "priority");
		json_w_int(&q.w, prio);
	}
	if (nafter) {
		json_w_key(&q.w, "after");
		json_w_arr_begin(&q.w);
		for (i = 0; i < nafter; i++)
			json_w_int(&q.w, after[i]);
		json_w_arr_end(&q.w);
	}
	free(after);
	free(extra);
	r = req_send(&q, argv[0]);
	printf("%lld\n", (long long)json_int(json_get(r, "id"), 0));
	out_flush();
	return req_done(&q, 0);
}

/* --- printing jobs ------------------------------------------------------ */

/* "2026-11-21T09:30:15.123+09:00" as "2026-11-21 09:30:15"; "-" if null. */
static void
short_time(const struct json *v, char *out, size_t len)
{
	const char *s = json_str(v, NULL);
	size_t n;

	if (s == NULL) {
		snprintf(out, len, "-");
		return;
	}
	n = strcspn(s, ".Z+");
	snprintf(out, len, "%.*s", (int)(n < 19 ? n : 19), s);
	if (strlen(out) > 10 && out[10] == 'T')
		out[10] = ' ';
}

/* "0", "KILL", or "-". */
static void
exit_text(const struct json *j, char *out, size_t len)
{
	const struct json *sig = json_get(j, "signal");

	if (json_type(sig) == JSON_STR)
		snprintf(out, len, "%s", json_str(sig, "?"));
	else if (json_type(sig) == JSON_NUM)
		snprintf(out, len, "SIG%lld", (long long)json_int(sig, 0));
	else if (json_isint(json_get(j, "exit")))
		snprintf(out, len, "%lld", (long long)json_int(json_get(j,
		    "exit"), 0));
	else
		snprintf(out, len, "-");
}

/* The command as one line, arguments quoted where the shell needs it. */
static char *
cmd_line(const struct json *j)
{
	struct job tmp;
	const char *why;
	char *s;

	memset(&tmp, 0, sizeof tmp);
	tmp.argv = jb_getv(json_get(j, "cmd"), 1, &why);
	if (tmp.argv == NULL)
		return strdup("?");
	s = job_cmdline(&tmp);
	strv_free(tmp.argv);
	return s;
}

static void
table_row(const struct json *j)
{
	char started[32], ex[32], *cmd, *name;
	const char *reason = json_str(json_get(j, "reason"), NULL);
	char state[40];

	short_time(json_get(j, "started"), started, sizeof started);
	exit_text(j, ex, sizeof ex);
	cmd = cmd_line(j);
	name = bytes(json_get(j, "name"));
	snprintf(state, sizeof state, "%s", json_str(json_get(j, "state"), "?"));
	if (reason && strcmp(reason, "dependency") == 0)
		snprintf(state, sizeof state, "%s(dep)",
		    json_str(json_get(j, "state"), "?"));
	printf("%-6lld %-10s %-10s %-5s %-19s  %-12s %s\n",
	    (long long)json_int(json_get(j, "id"), 0), state,
	    json_str(json_get(j, "queue"), "?"), ex, started,
	    name[0] ? name : "-", cmd);
	free(cmd);
	free(name);
}

/* v as compact JSON text in b, replacing what b held; die with msg. */
static void
format_json(struct buf *b, const struct json *v, const char *msg)
{
	struct json_w w;

	buf_reset(b);
	json_w_init(&w, b, 0);
	json_w_json(&w, v);
	if (json_w_finish(&w) < 0)
		err_die(EX_SYS, "%s", msg);
}

static const char usage_list[] =
    "plotq list [--queue Q] [--state S] [--json] [--all]";

int
cmd_list(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "queue", required_argument, NULL, 'q' },
		{ "state", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "all", no_argument, NULL, 'a' },
		COMMON_OPTS, { NULL, 0, NULL, 0 }
	};
	struct req q = { .b = BUF_INIT };
	const struct json *r, *jobs;
	const char *queue = NULL, *state = NULL;
	int c, json = 0, all = 0, first = 1;
	size_t i;

	while ((c = next_opt(argc, argv, ":", lo, usage_list)) != -1) {
		switch (c) {
		case 'q': queue = optarg; break;
		case 's':
			if (job_state_parse(optarg) < 0)
				err_die(EX_USAGE, "bad --state '%s': want queued, "
				    "running, done, failed, stopped, lost or "
				    "cancelled", optarg);
			state = optarg;
			break;
		case 'j': json = 1; break;
		case 'a': all = 1; break;
		default: bad_opt(c, argv);
		}
	}
	if (optind < argc)
		err_usage("%s", usage_list);
	req_start(&q, "list");
	req_str(&q, "queue", queue);
	req_str(&q, "state", state);
	json_w_key(&q.w, "all");
	json_w_bool(&q.w, all);
	r = req_send(&q, argv[0]);
	if (json)
		fputs("[", stdout);
	else
		printf("%-6s %-10s %-10s %-5s %-19s  %-12s %s\n", "ID", "STATE",
		    "QUEUE", "EXIT", "STARTED", "NAME", "COMMAND");
	for (; r != NULL; r = client_more(&q.cl, r)) {
		jobs = json_get(r, "jobs");
		for (i = 0; i < json_len(jobs); i++) {
			if (!json) {
				table_row(json_index(jobs, i));
				continue;
			}
			format_json(&q.b, json_index(jobs, i),
			    "unable to format a job");
			printf("%s%s", first ? "" : ",", q.b.p);
			first = 0;
		}
	}
	if (json)
		fputs("]\n", stdout);
	out_flush();
	return req_done(&q, 0);
}

static void
print_json(const struct json *v)
{
	struct buf b = BUF_INIT;

	format_json(&b, v, "unable to format JSON");
	printf("%s\n", b.p);
	buf_free(&b);
}

static void
show_job(const struct json *j)
{
	const struct json *after = json_get(j, "after");
	char *s, t[32];
	const char *reason = json_str(json_get(j, "reason"), NULL);
	size_t i;

	printf("id:        %lld\n", (long long)json_int(json_get(j, "id"), 0));
	s = bytes(json_get(j, "name"));
	printf("name:      %s\n", s[0] ? s : "-");
	free(s);
	printf("queue:     %s\n", json_str(json_get(j, "queue"), "?"));
	printf("state:     %s", json_str(json_get(j, "state"), "?"));
	if (reason)
		printf(" (%s)", reason);
	printf("\n");
	s = cmd_line(j);
	printf("command:   %s\n", s);
	free(s);
	s = bytes(json_get(j, "cwd"));
	printf("cwd:       %s\n", s);
	free(s);
	printf("priority:  %lld\n", (long long)json_int(json_get(j, "priority"), 0));
	printf("after:     ");
	for (i = 0; i < json_len(after); i++)
		printf("%s%lld", i ? " " : "", (long long)json_int(json_index(after,
		    i), 0));
	printf("%s\n", json_len(after) ? "" : "-");
	printf("submitted: %s\n", json_str(json_get(j, "submitted"), "-"));
	printf("started:   %s\n", json_str(json_get(j, "started"), "-"));
	printf("ended:     %s\n", json_str(json_get(j, "ended"), "-"));
	if (json_isint(json_get(j, "pid")))
		printf("pid:       %lld\n", (long long)json_int(json_get(j, "pid"), 0));
	else
		printf("pid:       -\n");
	exit_text(j, t, sizeof t);
	printf("exit:      %s\n", t);
	if (json_isint(json_get(j, "slot")))
		printf("slot:      %lld\n", (long long)json_int(json_get(j,
		    "slot"), 0));
	else
		printf("slot:      -\n");
	s = bytes(json_get(j, "out"));
	printf("out:       %s\n", s);
	free(s);
	s = bytes(json_get(j, "err"));
	printf("err:       %s\n", s);
	free(s);
}

static const char usage_show[] = "plotq show ID [--json]";

int
cmd_show(int argc, char **argv)
{
	struct req q = { .b = BUF_INIT };
	const struct json *r;
	int c, json = 0;

	while ((c = next_opt(argc, argv, ":", lo_json, usage_show)) != -1) {
		if (c == 'j')
			json = 1;
		else
			bad_opt(c, argv);
	}
	req_id(&q, argc, argv, "show", usage_show);
	r = req_send(&q, argv[0]);
	if (json)
		print_json(json_get(r, "job"));
	else
		show_job(json_get(r, "job"));
	out_flush();
	return req_done(&q, 0);
}

/* What `wait` answers for one job record. */
static int
wait_code(const struct json *j)
{
	const char *state = json_str(json_get(j, "state"), "");
	const struct json *sig = json_get(j, "signal");
	const char *why;
	int64_t code = json_int(json_get(j, "exit"), -1);
	int s;

	if (strcmp(state, "done") == 0)
		return 0;
	if (json_type(sig) == JSON_STR &&
	    parse_signal(json_str(sig, ""), &s, &why) == 0)
		return 128 + s;
	if (json_type(sig) == JSON_NUM)
		return 128 + (int)json_int(sig, 0);
	if (code > 0 && code < 256)
		return (int)code;
	return 1;
}

static const char usage_wait[] = "plotq wait ID...";

int
cmd_wait(int argc, char **argv)
{
	struct req q = { .b = BUF_INIT };
	const struct json *r, *jobs;
	int c, n, code = 0;
	size_t i;

	while ((c = next_opt(argc, argv, ":", lo_none, usage_wait)) != -1)
		bad_opt(c, argv);
	if (optind >= argc)
		err_usage("%s", usage_wait);
	req_start(&q, "wait");
	json_w_key(&q.w, "ids");
	json_w_arr_begin(&q.w);
	for (c = optind; c < argc; c++)
		json_w_int(&q.w, parse_id(argv[c]));
	json_w_arr_end(&q.w);
	r = req_send(&q, argv[0]);
	n = optind + 1 == argc;
	for (; r != NULL; r = client_more(&q.cl, r)) {
		jobs = json_get(r, "jobs");
		for (i = 0; i < json_len(jobs); i++) {
			c = wait_code(json_index(jobs, i));
			if (n)
				code = c;
			else if (c != 0)
				code = 1;
		}
	}
	return req_done(&q, code);
}

/* --- log ---------------------------------------------------------------- */

/* Copy path from *off up to size (or to its end when size < 0). */
static void
copy_log(const char *path, int *fd, uint64_t *off, int64_t size)
{
	char buf[65536];
	ssize_t n;
	size_t want;

	if (*fd < 0) {
		*fd = open(path, O_RDONLY | O_CLOEXEC);
		if (*fd < 0) {
			if (errno == ENOENT)
				return;
			err_diesys(EX_SYS, "unable to open %s", path);
		}
	}
	for (;;) {
		want = sizeof buf;
		if (size >= 0) {
			if (*off >= (uint64_t)size)
				break;
			if ((uint64_t)size - *off < want)
				want = (size_t)((uint64_t)size - *off);
		}
		n = pread(*fd, buf, want, (off_t)*off);
		if (n < 0)
			err_diesys(EX_SYS, "unable to read %s", path);
		if (n == 0)
			break;
		if (io_writeall(1, buf, (size_t)n) < 0)
			err_diesys(EX_SYS, "unable to write to stdout");
		*off += (uint64_t)n;
	}
}

static const char usage_log[] = "plotq log ID [-f] [--stderr]";

int
cmd_log(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "follow", no_argument, NULL, 'f' },
		{ "stderr", no_argument, NULL, 'e' },
		COMMON_OPTS, { NULL, 0, NULL, 0 }
	};
	struct req q = { .b = BUF_INIT };
	const struct json *r, *job;
	const char *type, *state;
	char *path;
	int c, follow = 0, err = 0, fd = -1;
	uint64_t off = 0;
	int64_t id;

	while ((c = next_opt(argc, argv, ":f", lo, usage_log)) != -1) {
		switch (c) {
		case 'f': follow = 1; break;
		case 'e': err = 1; break;
		default: bad_opt(c, argv);
		}
	}
	id = req_id(&q, argc, argv, "log", usage_log);
	req_str(&q, "stream", err ? "err" : "out");
	json_w_key(&q.w, "follow");
	json_w_bool(&q.w, follow);
	r = req_send(&q, argv[0]);
	path = bytes(json_get(r, "path"));
	job = json_get(r, "job");
	state = json_str(json_get(job, "state"), "");
	if (!follow || (strcmp(state, "queued") != 0 &&
	    strcmp(state, "running") != 0)) {
		copy_log(path, &fd, &off, -1);
		goto done;
	}
	copy_log(path, &fd, &off, json_int(json_get(r, "size"), 0));
	while ((r = client_recv(&q.cl)) != NULL) {
		type = json_str(json_get(r, "type"), "");
		if (strcmp(type, "log") == 0 || strcmp(type, "end") == 0)
			copy_log(path, &fd, &off, json_int(json_get(r, "size"), 0));
		if (strcmp(type, "end") == 0)
			break;
	}
	if (r == NULL)
		err_die(EX_SYS, "the daemon went away while following job %lld",
		    (long long)id);
done:
	if (fd >= 0)
		close(fd);
	free(path);
	return req_done(&q, 0);
}

/* --- stop, kill, cancel ------------------------------------------------- */

static const char usage_stop[] = "plotq stop ID [--grace DURATION]";
static const char usage_kill[] = "plotq kill ID";
static const char usage_cancel[] = "plotq cancel ID";

/* stop and kill wait until the job has ended. */
static int
control(int argc, char **argv, const char *op, const char *usage)
{
	static const struct option lo[] = {
		{ "grace", required_argument, NULL, 'g' },
		COMMON_OPTS, { NULL, 0, NULL, 0 }
	};
	struct req q = { .b = BUF_INIT };
	const char *why;
	int64_t id, grace = -1;
	int c;

	while ((c = next_opt(argc, argv, ":", lo, usage)) != -1) {
		if (c == 'g' && strcmp(op, "stop") == 0) {
			if (parse_duration(optarg, &grace, &why) < 0)
				err_die(EX_USAGE, "bad --grace '%s': %s", optarg,
				    why);
		} else {
			bad_opt(c, argv);
		}
	}
	id = req_id(&q, argc, argv, op, usage);
	req_int(&q, "grace", grace);
	req_send(&q, argv[0]);
	if (strcmp(op, "cancel") != 0) {
		req_start(&q, "wait");
		json_w_key(&q.w, "ids");
		json_w_arr_begin(&q.w);
		json_w_int(&q.w, id);
		json_w_arr_end(&q.w);
		req_send(&q, NULL);
	}
	return req_done(&q, 0);
}

int
cmd_stop(int argc, char **argv)
{
	return control(argc, argv, "stop", usage_stop);
}

int
cmd_kill(int argc, char **argv)
{
	return control(argc, argv, "kill", usage_kill);
}

int
cmd_cancel(int argc, char **argv)
{
	return control(argc, argv, "cancel", usage_cancel);
}

/* --- pause, resume ------------------------------------------------------ */

static int
pause_resume(int argc, char **argv, const char *op, const char *usage)
{
	struct req q = { .b = BUF_INIT };
	int c;

	while ((c = next_opt(argc, argv, ":", lo_none, usage)) != -1)
		bad_opt(c, argv);
	if (optind < argc - 1)
		err_usage("%s", usage);
	req_start(&q, op);
	req_str(&q, "queue", optind == argc - 1 ? argv[optind] : NULL);
	req_send(&q, argv[0]);
	return req_done(&q, 0);
}

int
cmd_pause(int argc, char **argv)
{
	return pause_resume(argc, argv, "pause", "plotq pause [QUEUE]");
}

int
cmd_resume(int argc, char **argv)
{
	return pause_resume(argc, argv, "resume", "plotq resume [QUEUE]");
}

/* --- status, shutdown --------------------------------------------------- */

static void
print_uptime(double s)
{
	long t = (long)s;

	if (t >= 86400)
		printf("%ldd%ldh", t / 86400, t % 86400 / 3600);
	else if (t >= 3600)
		printf("%ldh%ldm", t / 3600, t % 3600 / 60);
	else if (t >= 60)
		printf("%ldm%lds", t / 60, t % 60);
	else
		printf("%lds", t);
}

static const char usage_status[] = "plotq status [--json]";

int
cmd_status(int argc, char **argv)
{
	struct req rq = { .b = BUF_INIT };
	struct json_w w;
	const struct json *r, *jobs, *qs, *q;
	char *s;
	int c, json = 0;
	size_t i;

	while ((c = next_opt(argc, argv, ":", lo_json, usage_status)) != -1) {
		if (c == 'j')
			json = 1;
		else
			bad_opt(c, argv);
	}
	if (optind < argc)
		err_usage("%s", usage_status);
	client_init(&rq.cl, argv[0], opt_socket);
	if (client_connect(&rq.cl, 0) < 0) {
		if (json)
			printf("{\"running\":false,\"socket\":\"%s\"}\n",
			    rq.cl.sp.sock);
		else
			printf("plotq: no daemon on %s\n", rq.cl.sp.sock);
		out_flush();
		return EX_NO;
	}
	req_start(&rq, "status");
	r = req_send(&rq, NULL);
	if (json) {
		buf_reset(&rq.b);
		json_w_init(&w, &rq.b, 0);
		json_w_obj_begin(&w);
		json_w_key(&w, "running");
		json_w_bool(&w, 1);
		for (i = 0; i < json_len(r); i++) {
			if (strcmp(json_key(r, i, NULL), "ok") == 0)
				continue;
			json_w_key(&w, json_key(r, i, NULL));
			json_w_json(&w, json_index(r, i));
		}
		json_w_obj_end(&w);
		if (json_w_finish(&w) < 0)
			err_die(EX_SYS, "unable to format JSON");
		printf("%s\n", rq.b.p);
		goto done;
	}
	printf("plotq daemon %s, pid %lld, up ",
	    json_str(json_get(r, "state"), "?"),
	    (long long)json_int(json_get(r, "pid"), 0));
	print_uptime(json_num(json_get(r, "uptime"), 0));
	printf(", version %s, protocol %lld\n",
	    json_str(json_get(r, "version"), "?"),
	    (long long)json_int(json_get(r, "protocol"), 0));
	s = bytes(json_get(r, "workspace"));
	printf("workspace: %s (store: %s)\n", s,
	    json_str(json_get(r, "store"), "?"));
	free(s);
	s = bytes(json_get(r, "socket"));
	printf("socket:    %s\n", s);
	free(s);
	jobs = json_get(r, "jobs");
	printf("jobs:     ");
	for (i = 0; i < json_len(jobs); i++)
		printf(" %lld %s%s", (long long)json_int(json_index(jobs, i), 0),
		    json_key(jobs, i, NULL), i + 1 < json_len(jobs) ? "," : "");
	printf("\n");
	qs = json_get(r, "queues");
	for (i = 0; i < json_len(qs); i++) {
		q = json_index(qs, i);
		printf("queue %s: %lld slot%s, %lld running, %lld queued",
		    json_str(json_get(q, "name"), "?"),
		    (long long)json_int(json_get(q, "slots"), 0),
		    json_int(json_get(q, "slots"), 0) == 1 ? "" : "s",
		    (long long)json_int(json_get(q, "running"), 0),
		    (long long)json_int(json_get(q, "queued"), 0));
		if (json_str(json_get(q, "device"), NULL))
			printf(", device %s", json_str(json_get(q, "device"), ""));
		if (json_bool(json_get(q, "paused"), 0))
			printf(", paused");
		printf("\n");
	}
done:
	out_flush();
	return req_done(&rq, 0);
}

static const char usage_shutdown[] = "plotq shutdown [--now] [--grace DURATION]";

int
cmd_shutdown(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "now", no_argument, NULL, 'n' },
		{ "grace", required_argument, NULL, 'g' },
		COMMON_OPTS, { NULL, 0, NULL, 0 }
	};
	struct req q = { .b = BUF_INIT };
	const struct json *r;
	const char *why;
	int64_t grace = -1;
	int c, now = 0;

	while ((c = next_opt(argc, argv, ":", lo, usage_shutdown)) != -1) {
		switch (c) {
		case 'n': now = 1; break;
		case 'g':
			if (parse_duration(optarg, &grace, &why) < 0)
				err_die(EX_USAGE, "bad --grace '%s': %s", optarg,
				    why);
			break;
		default: bad_opt(c, argv);
		}
	}
	if (optind < argc)
		err_usage("%s", usage_shutdown);
	client_init(&q.cl, argv[0], opt_socket);
	if (client_connect(&q.cl, 0) < 0)
		err_die(EX_NO, "no daemon on %s", q.cl.sp.sock);
	req_start(&q, "shutdown");
	json_w_key(&q.w, "now");
	json_w_bool(&q.w, now);
	req_int(&q, "grace", grace);
	req_send(&q, NULL);
	/* The daemon says "exit" once its socket and pid file are gone. */
	while ((r = client_recv(&q.cl)) != NULL)
		if (strcmp(json_str(json_get(r, "type"), ""), "exit") == 0)
			break;
	return req_done(&q, 0);
}

/* --- check -------------------------------------------------------------- */

static const char usage_check[] =
    "plotq check [config|store] [-w DIR] [-c FILE]";

static void
check_warn(void *arg, const char *msg)
{
	(void)arg;
	printf("config: warning: %s\n", msg);
}

int
cmd_check(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "workspace", required_argument, NULL, 'w' },
		{ "config", required_argument, NULL, 'c' },
		COMMON_OPTS, { NULL, 0, NULL, 0 }
	};
	struct config cfg;
	struct store *st;
	const char *what = NULL, *wsarg = NULL, *cfgarg = NULL;
	char ws[PATH_MAX], cpath[PATH_MAX + 16], why[1024];
	size_t n;
	int c, bad = 0;
	struct stat sb;

	while ((c = next_opt(argc, argv, ":w:c:", lo, usage_check)) != -1) {
		switch (c) {
		case 'w': wsarg = optarg; break;
		case 'c': cfgarg = optarg; break;
		default: bad_opt(c, argv);
		}
	}
	if (optind < argc - 1)
		err_usage("%s", usage_check);
	if (optind == argc - 1) {
		what = argv[optind];
		if (strcmp(what, "config") != 0 && strcmp(what, "store") != 0)
			err_usage("%s", usage_check);
	}
	config_init(&cfg);
	if (wsarg)
		snprintf(ws, sizeof ws, "%s", wsarg);
	else if (ws_default(ws, sizeof ws) < 0)
		err_die(EX_USAGE, "no workspace: set --workspace, XDG_DATA_HOME "
		    "or HOME");
	if (cfgarg)
		snprintf(cpath, sizeof cpath, "%s", cfgarg);
	else
		snprintf(cpath, sizeof cpath, "%s/config.toml", ws);
	if (config_load(&cfg, cpath, cfgarg == NULL, check_warn, NULL, why,
	    sizeof why) < 0) {
		if (what == NULL || strcmp(what, "config") == 0)
			printf("config: %s\n", why);
		bad = 1;
	} else if (what == NULL || strcmp(what, "config") == 0) {
		if (cfg.path)
			printf("config: ok: %s (%zu queue%s)\n", cfg.path,
			    cfg.nqueues, cfg.nqueues == 1 ? "" : "s");
		else
			printf("config: ok: no %s, defaults\n", cpath);
	}
	if (!wsarg && cfg.workspace && cfgarg)
		snprintf(ws, sizeof ws, "%s", cfg.workspace);
	if (what == NULL || strcmp(what, "store") == 0) {
		if (stat(ws, &sb) < 0) {
			printf("store: no workspace %s yet\n", ws);
		} else if ((st = store_open(ws, NULL, 0, 0, why,
		    sizeof why)) == NULL) {
			if (strstr(why, "has no job store"))
				printf("store: none yet in %s\n", ws);
			else {
				printf("store: %s\n", why);
				bad = 1;
			}
		} else {
			if (store_check(st, &n, why, sizeof why) < 0) {
				printf("store: %s\n", why);
				bad = 1;
			} else {
				printf("store: ok: %s %s, %zu job%s\n",
				    st->ops->kind, st->path, n, n == 1 ? "" : "s");
			}
			store_close(st);
		}
	}
	config_free(&cfg);
	out_flush();
	return bad ? EX_NO : 0;
}
