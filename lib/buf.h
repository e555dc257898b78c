/* buf.h: a growable byte buffer, always NUL-terminated after len. */
#ifndef TK_BUF_H
#define TK_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *p;	/* NULL until the first append */
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

/* Each returns 0, or -1 with errno ENOMEM (the buffer is unchanged). */
int buf_reserve(struct buf *b, size_t extra);
int buf_add(struct buf *b, const void *data, size_t n);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
/* The decimal digits of v, without printf (lines written by the hundred). */
int buf_addu(struct buf *b, unsigned long long v);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Drop the first n bytes. */
void buf_consume(struct buf *b, size_t n);
void buf_reset(struct buf *b);		/* len = 0, keep memory */
void buf_free(struct buf *b);
/* Hand the string over to the caller (buf becomes empty). */
char *buf_detach(struct buf *b);

#endif
