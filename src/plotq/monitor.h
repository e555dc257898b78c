/* monitor.h: the daemon's HTTP and WebSocket monitor (--port).
 *
 * One TCP listener, served from the daemon's poll loop (no thread):
 *
 *	GET /ws		RFC 6455 (lib/ws): text frames of JSON. The client
 *			sends {"type":"SUBSCRIBE","channels":["system","jobs"]}
 *			(or UNSUBSCRIBE); it gets {"type":"subscribed",
 *			"channels":[...]}, then on "system" a system_status
 *			at once and every heartbeat_interval, on "jobs" a
 *			{"type":"jobs","jobs":[...],"more":BOOL} snapshot
 *			(the unfinished jobs and the last 100, newest first,
 *			in at most 256 KiB: "more" says some were left out),
 *			then job_queued, job_started and job_finished events
 *			with the job record.
 *	GET /status	the system status as JSON (with the queues).
 *	GET /		a self-contained HTML page showing the queue live.
 *
 * With an API key (api_key or PLOTQ_API_KEY; authenticate = false turns
 * the check off) /ws and /status want "Authorization: Bearer KEY" or
 * "?api_key=KEY": 401 otherwise, before any upgrade. An upgrade with an
 * Origin header is refused (403) unless the origin is in allowed_origins
 * ("*" allows any) or, when that list is empty, is the page's own
 * (http://HOST, HOST the request's Host header). Past max_connections
 * WebSocket clients the next upgrade gets 503. Every client has a
 * bounded output buffer: one that does not read is dropped, and nothing
 * the daemon does waits for a client. A request head has 10 seconds to
 * arrive, an idle HTTP connection 30. At shutdown WebSocket clients get
 * close 1001; a binary message 1003; 11 messages in a row that were not
 * understood 1008; lib/ws's decoder gives 1002, 1007 and 1009. */
#ifndef PLOTQ_MONITOR_H
#define PLOTQ_MONITOR_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

struct daemon;
struct job;
struct json_w;
struct monitor;

#define MONITOR_DEFAULT_PORT 8766
#define MONITOR_OUT_MAX (1024 * 1024)	/* per client: dropped past this */

/* Listen on host:port (port 0: any free port, logged). NULL with a
 * message in why. */
struct monitor *monitor_start(struct daemon *d, const char *host, long port,
    char *why, size_t len);
/* The port listened on. */
int monitor_port(const struct monitor *m);
/* Fill at most max pollfds (the listener and each client), with the
 * client of each in refs (NULL for the listener); the number filled. */
size_t monitor_poll(struct monitor *m, struct pollfd *pfd, void **refs,
    size_t max);
size_t monitor_nfds(const struct monitor *m);
/* Handle the events of one of those. */
void monitor_io(struct daemon *d, void *ref, short revents);
/* Drop idle or dead clients; the ms until the next deadline (-1 none). */
int monitor_timers(struct daemon *d);
/* A job event ("job_queued", "job_started", "job_finished"). */
void monitor_job_event(struct daemon *d, const struct job *j,
    const char *event);
/* The heartbeat: status (a system_status) to "system" subscribers. */
struct buf;
void monitor_heartbeat(struct daemon *d, const struct buf *status);
/* Close every client (WebSocket ones with 1001) and the listener. */
void monitor_stop(struct daemon *d);
void monitor_free(struct monitor *m);

/* The system status object (seed 002's fields and a few more). */
void monitor_status_json(struct daemon *d, struct json_w *w, int queues);

#endif
