/* t/fuzz/pbroute-push.c: pbroute's routing decision for any push object.
 *
 * Whatever the bytes, pb_decide() must not crash, and a push it routes
 * must be a note with an iden, a body of 1..max_body bytes without a NUL
 * or a control character other than newline and tab, and a target of the
 * form =SESSION:... . Each input is tried in the three modes. Every
 * argument pbroute gives tmux must come back intact through tmux's
 * argument rules (an argument ending in ';' ends a command, a trailing
 * "\;" is ';'). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/pbroute/config.c"
#include "../../src/pbroute/route.c"
#include "../../src/pbroute/state.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char config[] =
    "[tmux]\ntarget_pane = 1\n"
    "[device_mapping]\nphone = \"mobile\"\n"
    "dev-3 = { session = \"s3\", window = \"w\", pane = 2 }\n"
    "[security]\nmax_body = 64\n";

/* What tmux's command parser makes of one argument. */
static void
roundtrip(const char *arg)
{
	char *e = pb_tmux_escape(arg);
	size_t n;

	if (e == NULL)
		abort();
	n = strlen(e);
	if (n && e[n - 1] == ';') {
		e[--n] = '\0';
		if (n == 0 || e[n - 1] != '\\')
			abort();	/* the argument would end the command */
		e[n - 1] = ';';
	}
	if (strcmp(e, arg) != 0)
		abort();
	free(e);
}

static void
check(const struct pb_decision *d, const struct json *push)
{
	size_t i;

	roundtrip(d->iden);
	roundtrip(d->body ? d->body : "");
	roundtrip(d->target);

	if (!d->route) {
		if (d->reason == NULL || *d->reason == '\0')
			abort();
		return;
	}
	if (strcmp(json_str(json_get(push, "type"), ""), "note") != 0 || *d->iden == '\0')
		abort();
	if (d->len == 0 || d->len > 64 || strlen(d->body) != d->len)
		abort();
	for (i = 0; i < d->len; i++)
		if (((unsigned char)d->body[i] < 0x20 && d->body[i] != '\n' &&
		    d->body[i] != '\t') || d->body[i] == 0x7f)
			abort();
	if (d->target[0] != '=' || strchr(d->target, ':') == NULL)
		abort();
	if (d->fallback[0] && (strcmp(d->via, "device-name") != 0 ||
	    d->fallback[0] != '='))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pb_config cfg;
	static int loaded;
	static struct pb_device dv[] = {
		{ (char *)"dev-1", (char *)"work" },
		{ (char *)"dev-2", (char *)"phone" },
		{ (char *)"dev-3", (char *)"my.box" },
		{ (char *)"dev-4", NULL },
	};
	struct pb_devices devs = { 1, dv, 4 };
	struct pb_owner owner = { 1, (char *)"owner1", (char *)"me@example.com" };
	struct pb_state state;
	struct pb_router r;
	struct pb_decision d;
	struct json_err e;
	struct json *j;
	char msg[512];
	int mode;

	if (!loaded) {
		if (pb_config_parse(&cfg, config, sizeof config - 1, "fuzz.toml",
		    NULL, msg, sizeof msg) < 0)
			abort();
		loaded = 1;
	}
	j = json_parse((const char *)data, size, &e);
	if (j == NULL)
		return 0;
	memset(&state, 0, sizeof state);
	pb_state_add(&state, "seen");
	for (mode = PB_MODE_AUTO; mode <= PB_MODE_DEVICE; mode++) {
		memset(&r, 0, sizeof r);
		r.cfg = &cfg;
		r.devs = &devs;
		r.owner = &owner;
		r.state = &state;
		r.mode = mode;
		r.device = mode == PB_MODE_DEVICE ? "phone" : NULL;
		r.session = mode == PB_MODE_ALL && size % 2 ? "forced" : NULL;
		pb_decide(&r, j, &d);
		check(&d, j);
	}
	json_free(j);
	return 0;
}
