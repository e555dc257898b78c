/* output.c: the Nagios line with perfdata, the JSON object, the watch line. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "hc.h"
#include "json.h"

static const char *const nagios[] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };

const char *
out_code_name(int code)
{
	return nagios[code];
}

static const char *const kinds[] = { "exec", "exec", "tcp", "unix", "http", "ws", "pid", "pid" };

const char *
out_kind(int kind)
{
	return kinds[kind];
}

/* "note: detail; detail" */
void
out_summary(struct buf *b, const char *note, const struct result *res, int n)
{
	int i;

	if (note && *note)
		buf_printf(b, "%s: ", note);
	for (i = 0; i < n; i++) {
		if (i)
			buf_adds(b, "; ");
		buf_add(b, res[i].detail.p ? res[i].detail.p : "", res[i].detail.len);
	}
}

static void
perf_num(struct buf *b, double v, int prec)
{
	if (v >= 0)
		buf_printf(b, "%.*f", prec, v);
}

static void
perfdata(struct buf *b, const struct result *res, int n, const struct health *h)
{
	const struct perf *p;
	int i, k, any = 0;

	for (i = 0; i < n; i++) {
		for (k = 0; k < res[i].nperf; k++) {
			p = &res[i].perf[k];
			buf_adds(b, any++ ? " " : " | ");
			if (O.nchecks > 1)
				buf_printf(b, "%s_", O.checks[i].label);
			buf_printf(b, "%s=%.*f%s;", p->name, p->prec, p->value, p->uom);
			perf_num(b, p->warn, p->prec);
			buf_addc(b, ';');
			perf_num(b, p->crit, p->prec);
			buf_adds(b, ";0");
		}
		if (res[i].plugin_perf.len) {
			buf_adds(b, any++ ? " " : " | ");
			buf_add(b, res[i].plugin_perf.p, res[i].plugin_perf.len);
		}
	}
	if (h) {
		buf_adds(b, any++ ? " " : " | ");
		buf_printf(b, "failures=%lld;;%lld;0", (long long)h->failures,
		    (long long)O.failure_threshold);
	}
}

void
out_nagios(struct buf *b, int code, const char *note, const struct result *res, int n,
    const struct health *h)
{
	buf_printf(b, "HEALTHCHECK %s - ", nagios[code]);
	out_summary(b, note, res, n);
	perfdata(b, res, n, h);
	buf_addc(b, '\n');
}

void
out_text(struct buf *b, int code, const char *fmt, ...)
{
	va_list ap;

	buf_printf(b, "HEALTHCHECK %s - ", nagios[code]);
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
	buf_addc(b, '\n');
}

static void
json_check(struct json_w *w, const struct check *c, const struct result *r)
{
	struct buf t = BUF_INIT;
	char *const *a;

	json_w_obj_begin(w);
	json_w_key(w, "check");
	json_w_str(w, kinds[c->kind]);
	json_w_key(w, "target");
	if (c->kind == CK_ARGV) {
		for (a = c->argv; *a; a++)
			buf_printf(&t, "%s%s", a == c->argv ? "" : " ", *a);
		json_w_str(w, t.p ? t.p : "");
		buf_free(&t);
	} else {
		json_w_str(w, c->arg);
	}
	json_w_key(w, "status");
	json_w_str(w, nagios[r->status]);
	json_w_key(w, "detail");
	json_w_strn(w, r->detail.p ? r->detail.p : "", r->detail.len);
	if (r->seconds >= 0) {
		json_w_key(w, "seconds");
		json_w_num(w, r->seconds);
	}
	if (r->http_status) {
		json_w_key(w, "http_status");
		json_w_int(w, r->http_status);
	}
	if (r->pid > 0) {
		json_w_key(w, "pid");
		json_w_int(w, r->pid);
	}
	if (r->cpu >= 0) {
		json_w_key(w, "cpu_percent");
		json_w_num(w, r->cpu);
	}
	if (r->rss >= 0) {
		json_w_key(w, "rss_bytes");
		json_w_num(w, r->rss);
	}
	if (r->plugin_perf.len) {
		json_w_key(w, "perfdata");
		json_w_strn(w, r->plugin_perf.p, r->plugin_perf.len);
	}
	json_w_obj_end(w);
}

void
out_json(struct buf *b, const char *stamp, int code, int word, int prev, const char *note,
    const struct result *res, int n, const struct health *h)
{
	struct json_w w;
	struct buf s = BUF_INIT;
	int i;

	json_w_init(&w, b, 0);
	json_w_obj_begin(&w);
	json_w_key(&w, "time");
	json_w_str(&w, stamp);
	json_w_key(&w, "status");
	json_w_str(&w, nagios[code]);
	json_w_key(&w, "code");
	json_w_int(&w, code);
	if (word >= 0) {
		json_w_key(&w, "health");
		json_w_str(&w, health_word(word));
	}
	if (prev >= 0) {
		json_w_key(&w, "previous");
		json_w_str(&w, health_word(prev));
	}
	out_summary(&s, note, res, n);
	json_w_key(&w, "summary");
	json_w_strn(&w, s.p ? s.p : "", s.len);
	buf_free(&s);
	if (h) {
		json_w_key(&w, "failures");
		json_w_int(&w, h->failures);
		json_w_key(&w, "successes");
		json_w_int(&w, h->successes);
		json_w_key(&w, "failure_threshold");
		json_w_int(&w, O.failure_threshold);
		json_w_key(&w, "success_threshold");
		json_w_int(&w, O.success_threshold);
	}
	json_w_key(&w, "checks");
	json_w_arr_begin(&w);
	for (i = 0; i < n; i++)
		json_check(&w, &O.checks[i], &res[i]);
	json_w_arr_end(&w);
	json_w_obj_end(&w);
	if (json_w_finish(&w) < 0)
		err_die(NAG_UNKNOWN, "unable to write JSON: out of memory");
	buf_addc(b, '\n');
}
