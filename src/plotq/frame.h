/* frame.h: plotq's wire framing, a 4-byte big-endian length then a message.
 *
 * Every message on the plotq socket, in either direction, is one frame:
 * the length of the body as 4 bytes, most significant first, then the
 * body, a JSON object (see plotq(1), PROTOCOL). A frame announcing more
 * than FRAME_MAX bytes is refused: the reader answers with an error and
 * closes the connection rather than allocating it. */
#ifndef PLOTQ_FRAME_H
#define PLOTQ_FRAME_H

#include <stddef.h>

#include "buf.h"

#define FRAME_MAX (1024 * 1024)	/* largest body accepted, in bytes */
#define FRAME_HDR 4

/* Append a frame holding body[0..len) to out. 0, or -1 with errno
 * (EMSGSIZE when len > FRAME_MAX, ENOMEM). */
int frame_put(struct buf *out, const char *body, size_t len);

/* Look for one whole frame at the start of in[0..inlen). Returns 1 and
 * sets *body, *len (pointing into in) and *used (header + body, what to
 * consume); 0 when more bytes are needed; -1 when the header announces
 * more than max bytes (*len holds the announced size). */
int frame_get(const char *in, size_t inlen, size_t max, const char **body,
    size_t *len, size_t *used);

#endif
