/*
 * xalloc: allocation for small, fixed-size objects.
 *
 * These functions abort the process when memory runs out, the way redis'
 * zmalloc and tmux' xmalloc do: an allocation of a few hundred bytes that
 * fails leaves nothing sensible to do. Anything whose size comes from outside
 * (request bodies, plans, upstream responses) must be checked against an
 * explicit limit before it reaches these functions.
 *
 * All functions are thread-safe. The caller owns and frees every result with
 * free().
 */
#ifndef AGENTD_CORE_XALLOC_H
#define AGENTD_CORE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Copies a NUL-terminated string; NULL in gives NULL out. */
char *xstrdup(const char *s);
/* Copies at most n bytes and terminates the copy. */
char *xstrndup(const char *s, size_t n);

#endif
