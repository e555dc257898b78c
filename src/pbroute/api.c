/* api.c: the Pushbullet REST client: one request, its JSON answer.
 *
 * Every request carries Access-Token (never logged: the token is not in
 * any URL here) and gets a parsed JSON object back, or an error kind the
 * caller can act on: retry later (network, HTTP error, bad JSON), wait
 * for X-Ratelimit-Reset (429), or give up (401). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "pbroute.h"
#include "tstamp.h"

#ifndef TK_VERSION
#define TK_VERSION "0"
#endif

int
pb_api_call(struct pb_api *a, const char *method, const char *path,
    const char *body, struct json **out)
{
	struct http_exchange x;
	struct http_url u;
	struct buf url = BUF_INIT, tok = BUF_INIT;
	const char *hdrs[6], *why, *v;
	struct json_err jerr;
	struct json *j;
	int n = 0, r;
	int64_t reset;

	*out = NULL;
	a->status = 0;
	a->reset_at = 0;
	a->why[0] = '\0';
	if (buf_printf(&url, "%s%s", a->base, path) < 0 ||
	    buf_printf(&tok, "Access-Token: %s", a->token) < 0) {
		snprintf(a->why, sizeof a->why, "out of memory");
		buf_free(&url);
		buf_free(&tok);
		return PB_API_NET;
	}
	if (http_url_parse(url.p, &u, &why) < 0) {
		snprintf(a->why, sizeof a->why, "bad URL: %s", why);
		buf_free(&url);
		buf_free(&tok);
		return PB_API_NET;
	}
	buf_free(&url);
	hdrs[n++] = tok.p;
	hdrs[n++] = "User-Agent: pbroute/" TK_VERSION;
	hdrs[n++] = "Accept: application/json";
	if (body)
		hdrs[n++] = "Content-Type: application/json";
	hdrs[n] = NULL;
	memset(&x, 0, sizeof x);
	x.method = method;
	x.url = &u;
	x.headers = hdrs;
	x.req_body = body;
	x.req_len = body ? strlen(body) : 0;
	x.tls = a->tls;
	x.max_body = 32 << 20;
	x.deadline = tstamp_mono_ms() + a->timeout_ms;
	r = http_exchange(&x);
	buf_free(&tok);
	http_url_free(&u);
	if (r < 0) {
		snprintf(a->why, sizeof a->why, "%s", x.why ? x.why : strerror(errno));
		http_exchange_free(&x);
		return PB_API_NET;
	}
	a->status = x.resp.status;
	if (a->status == 429) {
		v = http_header(&x.resp, "X-Ratelimit-Reset");
		if (v && parse_int(v, 0, INT64_MAX / 1000, &reset, &why) == 0)
			a->reset_at = reset;
		snprintf(a->why, sizeof a->why, "rate limited (429)");
		http_exchange_free(&x);
		return PB_API_RATE;
	}
	j = json_parse(x.body.p ? x.body.p : "", x.body.len, &jerr);
	if (a->status < 200 || a->status > 299) {
		const char *msg = json_str(json_get(json_get(j, "error"), "message"), NULL);
		if (msg == NULL)
			msg = json_str(json_get(json_get(j, "error"), "code"), NULL);
		snprintf(a->why, sizeof a->why, "HTTP %d%s%.160s", a->status,
		    msg ? ": " : "", msg ? msg : "");
		json_free(j);
		http_exchange_free(&x);
		return a->status == 401 ? PB_API_AUTH : PB_API_HTTP;
	}
	http_exchange_free(&x);
	if (j == NULL) {
		snprintf(a->why, sizeof a->why, "bad JSON in the answer: %d:%d: %s",
		    jerr.line, jerr.col, jerr.msg);
		return PB_API_JSON;
	}
	if (json_type(j) != JSON_OBJ) {
		json_free(j);
		snprintf(a->why, sizeof a->why, "the answer is not a JSON object");
		return PB_API_JSON;
	}
	*out = j;
	return PB_API_OK;
}

static int
add_device(struct pb_devices *d, const struct json *e)
{
	const char *iden = json_str(json_get(e, "iden"), NULL);
	const char *nick = json_str(json_get(e, "nickname"), NULL);
	struct pb_device *nv;

	if (iden == NULL || *iden == '\0' || !json_bool(json_get(e, "active"), 1))
		return 0;
	if (strlen(iden) != json_strlen(json_get(e, "iden")) ||
	    (nick && strlen(nick) != json_strlen(json_get(e, "nickname"))))
		return 0;
	nv = realloc(d->v, (d->n + 1) * sizeof *d->v);
	if (nv == NULL)
		return -1;
	d->v = nv;
	d->v[d->n].iden = strdup(iden);
	d->v[d->n].nickname = nick ? strdup(nick) : NULL;
	if (d->v[d->n].iden == NULL || (nick && d->v[d->n].nickname == NULL)) {
		free(d->v[d->n].iden);
		free(d->v[d->n].nickname);
		return -1;
	}
	d->n++;
	return 0;
}

int
pb_api_devices(struct pb_api *a, struct pb_devices *out)
{
	struct pb_devices d = { 0, NULL, 0 };
	struct json *j;
	struct buf path = BUF_INIT, cur = BUF_INIT;
	const struct json *arr;
	const char *c;
	size_t i;
	int r = PB_API_OK, page;

	for (page = 0; page < 50; page++) {
		buf_reset(&path);
		if (buf_adds(&path, "/v2/devices?active=true") < 0 ||
		    (cur.len && buf_printf(&path, "&cursor=%s", cur.p) < 0)) {
			r = PB_API_NET;
			snprintf(a->why, sizeof a->why, "out of memory");
			break;
		}
		r = pb_api_call(a, "GET", path.p, NULL, &j);
		if (r != PB_API_OK)
			break;
		arr = json_get(j, "devices");
		if (json_type(arr) != JSON_ARR) {
			json_free(j);
			snprintf(a->why, sizeof a->why, "no devices array in the answer");
			r = PB_API_JSON;
			break;
		}
		for (i = 0; i < json_len(arr); i++)
			if (add_device(&d, json_index(arr, i)) < 0) {
				r = PB_API_NET;
				snprintf(a->why, sizeof a->why, "out of memory");
				break;
			}
		c = json_str(json_get(j, "cursor"), NULL);
		buf_reset(&cur);
		if (r == PB_API_OK && c && *c && strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789-_.") == strlen(c))
			buf_adds(&cur, c);
		json_free(j);
		if (r != PB_API_OK || cur.len == 0)
			break;
	}
	buf_free(&path);
	buf_free(&cur);
	if (r != PB_API_OK) {
		pb_devices_free(&d);
		return r;
	}
	pb_devices_free(out);
	*out = d;
	out->known = 1;
	return PB_API_OK;
}

int
pb_api_owner(struct pb_api *a, struct pb_owner *o)
{
	struct json *j;
	const char *iden, *email;
	int r;

	r = pb_api_call(a, "GET", "/v2/users/me", NULL, &j);
	if (r != PB_API_OK)
		return r;
	iden = json_str(json_get(j, "iden"), NULL);
	email = json_str(json_get(j, "email_normalized"), NULL);
	if (email == NULL)
		email = json_str(json_get(j, "email"), NULL);
	if (iden == NULL || *iden == '\0') {
		json_free(j);
		snprintf(a->why, sizeof a->why, "no iden in /v2/users/me");
		return PB_API_JSON;
	}
	free(o->iden);
	free(o->email);
	o->iden = strdup(iden);
	o->email = email ? strdup(email) : NULL;
	json_free(j);
	if (o->iden == NULL) {
		o->known = 0;
		snprintf(a->why, sizeof a->why, "out of memory");
		return PB_API_NET;
	}
	o->known = 1;
	return PB_API_OK;
}
