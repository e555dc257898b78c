/* pbroute.h: the modules of pbroute and what they share.
 *
 * config.c   the TOML config file into struct pb_config
 * state.c    the state file: newest `modified` seen, recently routed idens
 * route.c    the routing decision for one push (pure) and the tmux calls
 * api.c      the REST client (Access-Token, 429, JSON)
 * stream.c   the WebSocket stream client
 * listen.c   the event loop: stream, REST, routing, reconnects
 * daemon.c   `pbroute daemon`: the daemonrun argv
 * main.c     options, subcommands, token and logging */
#ifndef PBROUTE_H
#define PBROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "evlog.h"
#include "http.h"
#include "json.h"
#include "ws.h"

#define PB_DEFAULT_API "https://api.pushbullet.com"
#define PB_DEFAULT_STREAM "wss://stream.pushbullet.com/websocket"
#define PB_MAX_BODY_DEFAULT 4096
#define PB_ENTER_DELAY_DEFAULT 500	/* ms */
#define PB_IDEN_RING 256		/* routed idens remembered */
#define PB_IDEN_SAVED 64		/* of which the state file keeps */
#define PB_IDEN_MAX 64			/* longest iden kept (bytes) */
#define PB_MODIFIED_MAX 40		/* longest `modified` text kept */

/* --- config.c ------------------------------------------------------------ */

struct pb_target {
	char *session;		/* NULL: the chain decides */
	char *window;		/* NULL: none */
	char *pane;		/* NULL: none */
};

struct pb_map {
	char *device;		/* nickname or iden */
	struct pb_target t;
};

struct pb_config {
	char *path;			/* the file read, NULL if none */
	char *default_session;
	char *target_window;
	char *target_pane;
	int64_t enter_delay_ms;
	struct pb_map *maps;
	size_t nmaps;
	char **allow_senders;
	size_t nsenders;
	char **allow_devices;
	size_t nallow_devices;
	uint64_t max_body;
	/* [daemon], for `pbroute daemon` (seed 000). */
	int64_t reload_interval_ms;	/* -1: not set */
	char **watch_files;
	size_t nwatch;
	char **ignore_patterns;
	size_t nignore;
	char *log_file;
	char *log_level;
};

/* Load path (NULL: the default file, which may be missing). Warnings
 * (unknown keys) go to warn(). Returns 0, or -1 with msg filled (a
 * one-line reason naming file, line and column). */
int pb_config_load(struct pb_config *c, const char *path, int explicit,
    void (*warn)(const char *msg), char *msg, size_t msglen);
/* The same from text (path names it in messages). */
int pb_config_parse(struct pb_config *c, const char *text, size_t len,
    const char *path, void (*warn)(const char *msg), char *msg, size_t msglen);
void pb_config_free(struct pb_config *c);
/* The default config path ($XDG_CONFIG_HOME/pbroute/config.toml). */
int pb_config_default_path(char *buf, size_t len);

/* --- state.c ------------------------------------------------------------- */

struct pb_state {
	int have;			/* a starting point is known */
	char modified[PB_MODIFIED_MAX];	/* its text, exactly as the API gave it */
	char ring[PB_IDEN_RING][PB_IDEN_MAX];	/* routed idens, oldest first */
	size_t ring_head, ring_len;
};

/* Parse a state file's text. Returns 0, or -1 with *why (the state is
 * then empty: a first start). */
int pb_state_parse(struct pb_state *s, const char *text, size_t len,
    const char **why);
int pb_state_format(const struct pb_state *s, struct buf *out);
int pb_state_seen(const struct pb_state *s, const char *iden);
void pb_state_add(struct pb_state *s, const char *iden);
/* Compare two `modified` texts as numbers (<0, 0, >0). Plain decimals are
 * compared exactly; other forms through double. */
int pb_modified_cmp(const char *a, const char *b);
/* Whether s is a `modified` value we accept (a non-negative number that
 * fits PB_MODIFIED_MAX). */
int pb_modified_ok(const char *s);

/* --- route.c ------------------------------------------------------------- */

enum { PB_MODE_AUTO, PB_MODE_ALL, PB_MODE_DEVICE };

struct pb_device {
	char *iden;
	char *nickname;
};

struct pb_devices {
	int known;
	struct pb_device *v;
	size_t n;
};

struct pb_owner {
	int known;
	char *iden;
	char *email;
};

struct pb_router {
	const struct pb_config *cfg;
	const struct pb_devices *devs;
	const struct pb_owner *owner;
	struct pb_state *state;
	int mode;
	const char *device;		/* --device NAME */
	const char *session;		/* --session S */
};

struct pb_decision {
	int route;			/* 1: type body into target */
	const char *reason;		/* when not: a word (see route.c) */
	const char *iden;		/* "" when missing */
	const char *body;
	size_t len;
	const char *device;		/* the target device's name, or "-" */
	const char *via;		/* how the session was chosen */
	char target[512];		/* "=SESSION:WINDOW.PANE" */
	char session[256];
	/* via "device-name": where to type when that session does not
	 * exist ("" for nowhere: skip). */
	char fallback[512];
	char fallback_session[256];
};

/* Decide what to do with one push object (pure: no I/O). Never fails:
 * a push that cannot be routed gets route 0 and a reason. */
void pb_decide(const struct pb_router *r, const struct json *push,
    struct pb_decision *d);
/* The device name (nickname, or iden) for an iden, or NULL. */
const char *pb_device_name(const struct pb_devices *d, const char *iden);
/* The iden of a device given by nickname or iden, or NULL. */
const char *pb_device_find(const struct pb_devices *d, const char *name);
void pb_devices_free(struct pb_devices *d);
/* tmux session name from a device nickname (':' and '.' become '_' as
 * tmux itself does). */
void pb_session_name(const char *nick, char *out, size_t len);

/* The tmux server: argv prefix ("tmux", "-L", NAME) and calls. */
struct pb_tmux {
	const char *socket_name;	/* -L */
	const char *socket_path;	/* -S */
};
/* Run tmux with args; returns its exit status (0 ok), -1 when it could
 * not run; its stderr (first line) in err. Arguments ending in ';' are
 * escaped (pb_tmux_escape) so tmux takes them as they are; pass
 * pb_tmux_sep itself to separate two commands. */
extern const char pb_tmux_sep[];
int pb_tmux(const struct pb_tmux *t, const char *const *args, char *err,
    size_t errlen);
int pb_tmux_has_session(const struct pb_tmux *t, const char *name);
/* arg as tmux must be given it to read it back as arg: a trailing ';'
 * becomes "\;" (malloc'd; NULL when out of memory). */
char *pb_tmux_escape(const char *arg);

/* --- api.c --------------------------------------------------------------- */

enum {
	PB_API_OK = 0,
	PB_API_NET = -1,	/* no answer: connection, timeout, protocol */
	PB_API_HTTP = -2,	/* an error status */
	PB_API_RATE = -3,	/* 429: *reset_at (Unix seconds, 0 if not given) */
	PB_API_AUTH = -4,	/* 401: the token was refused */
	PB_API_JSON = -5	/* the body is not the JSON expected */
};

struct pb_api {
	const char *base;		/* without the trailing '/' */
	const char *token;
	const struct http_tls_opts *tls;
	int64_t timeout_ms;
	/* After a call: */
	int status;
	int64_t reset_at;
	char why[256];
};

/* method "GET" or "POST"; path "/v2/..." with its query; body JSON or
 * NULL. On PB_API_OK *out is the parsed body (json_free it). */
int pb_api_call(struct pb_api *a, const char *method, const char *path,
    const char *body, struct json **out);
int pb_api_devices(struct pb_api *a, struct pb_devices *d);
int pb_api_owner(struct pb_api *a, struct pb_owner *o);

/* --- stream.c ------------------------------------------------------------ */

struct pb_stream {
	struct http_conn conn;
	struct ws_decoder dec;
	struct buf early;		/* bytes that came with the handshake */
	int open;
};

/* Connect (blocking, with deadline) to url. 0, or -1 with why (and
 * *status the HTTP status of a refused handshake, 0 if none). */
int pb_stream_open(struct pb_stream *s, const char *url,
    const struct http_tls_opts *tls, int64_t deadline, int *status, char *why,
    size_t whylen, struct buf *rest);
void pb_stream_close(struct pb_stream *s);

/* --- log (main.c) -------------------------------------------------------- */

extern struct evlog pb_ev;
/* An event line with every occurrence of the token replaced by "***". */
void pb_log(int level, const char *event, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pb_set_secret(const char *token);
/* Copy s into buf with the token masked. */
const char *pb_mask(const char *s, char *buf, size_t len);

/* --- listen.c ------------------------------------------------------------ */

struct pb_listen {
	struct pb_config cfg;
	const char *config_path;	/* NULL: default */
	int config_explicit;
	struct pb_tmux tmux;
	int mode;
	const char *device;
	const char *session;
	const char *state_path;
	const char *api_base;
	const char *stream_prefix;
	const char *token;		/* NULL in --stdin without one */
	struct http_tls_opts tls;
	int use_stdin;
	int64_t nop_timeout_ms;
	int64_t backoff_min_ms;
	int64_t backoff_max_ms;
	int64_t http_timeout_ms;
};

/* Run until a signal (0) or a fatal error (exit code). */
int pb_listen_run(struct pb_listen *l);

#endif
