/* arena.c: region allocator (see arena.h). */
#include <errno.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, cap;
	alignas(max_align_t) unsigned char data[];
};

#define ARENA_CHUNK 16384

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->head;
	size_t al = alignof(max_align_t), cap;
	void *p;

	n = n ? n : 1;
	if (n > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	n = (n + al - 1) & ~(al - 1);
	if (c == NULL || c->cap - c->used < n) {
		cap = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
		if ((c = malloc(sizeof *c + cap)) == NULL)
			return NULL;
		c->used = 0;
		c->cap = cap;
		if (a->head != NULL && cap == n &&
		    a->head->cap - a->head->used >= ARENA_CHUNK / 8) {
			/* a big block: keep the roomy current chunk on top */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = c->data + c->used;
	c->used += n;
	a->total += n;
	return p;
}

void *
arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);

	if (p != NULL)
		memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX) {
		errno = ENOMEM;
		return NULL;
	}
	if ((p = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->total = 0;
}

struct arena *
arena_new(void)
{
	return calloc(1, sizeof(struct arena));
}

void
arena_destroy(struct arena *a)
{
	if (a == NULL)
		return;
	arena_free(a);
	free(a);
}
