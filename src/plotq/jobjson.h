/* jobjson.h: jobs and byte strings in JSON, for the protocol and the spool.
 *
 * Byte strings (arguments, environment entries, directories, names) are
 * not always UTF-8, and JSON strings must be. A byte string that is valid
 * UTF-8 is written as a JSON string; any other as {"base64":"..."}. Both
 * forms are accepted wherever a byte string is expected. */
#ifndef PLOTQ_JOBJSON_H
#define PLOTQ_JOBJSON_H

#include <stddef.h>

#include "job.h"
#include "json.h"

/* Write a byte string (see above). */
int jb_put(struct json_w *w, const char *s, size_t n);
/* A byte string's value, malloc'd and NUL-terminated; NULL with *why
 * when v is neither form or holds a NUL byte (or ENOMEM). */
char *jb_get(const struct json *v, const char **why);
/* An array of byte strings as a NULL-terminated vector (empty when v is
 * missing and allow_missing). NULL with *why. */
char **jb_getv(const struct json *v, int allow_missing, const char **why);

/* A job as the protocol shows it (plotq(1), JOB RECORDS): times in RFC
 * 3339 (utc: with Z), the log paths under workspace ws. */
int job_json(struct json_w *w, const struct job *j, const char *ws, int utc);

/* The spool's two files: the submission (with the environment) and the
 * state. Times are integers (ms since the epoch). */
int job_spec_json(struct buf *b, const struct job *j);
int job_state_json(struct buf *b, const struct job *j);
/* Fill j from a parsed spec or state; -1 with *why when malformed. */
int job_spec_parse(struct job *j, const struct json *o, int want_env,
    const char **why);
int job_state_parse_json(struct job *j, const struct json *o, const char **why);

#endif
