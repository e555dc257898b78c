/* arena.h: a region allocator: many small allocations, freed at once.
 *
 * The parsers (json, toml) put a whole tree in one arena so that freeing
 * it is one call and allocating a node is a pointer bump. */
#ifndef TK_ARENA_H
#define TK_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t total;		/* bytes handed out, for limits */
};

#define ARENA_INIT { NULL, 0 }

/* n bytes aligned for any type, uninitialized; NULL with errno ENOMEM. */
void *arena_alloc(struct arena *a, size_t n);
/* n zeroed bytes. */
void *arena_zalloc(struct arena *a, size_t n);
/* A NUL-terminated copy of the n bytes at s. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);
/* An arena of its own on the heap (NULL on ENOMEM), and its end: frees
 * everything in it and itself (NULL is fine). */
struct arena *arena_new(void);
void arena_destroy(struct arena *a);

#endif
