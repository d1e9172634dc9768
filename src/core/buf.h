/*
 * buf: a growable byte buffer with a hard cap (curl's dynbuf idea).
 *
 * A buffer grows as bytes are appended, but never beyond `max` bytes; an
 * append that would cross the cap fails with -1 and leaves the buffer as it
 * was. The data is always NUL-terminated (the terminator is not counted in
 * len and not in the cap), so `data` can be used as a C string when the
 * content has no NUL bytes. A buffer that never grew has data == NULL; use
 * buf_cstr() for a string that is never NULL.
 *
 * Not thread-safe: a buffer belongs to one thread at a time.
 */
#ifndef AGENTD_CORE_BUF_H
#define AGENTD_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
};

/* Largest cap that a buffer may be given; guards against size overflow. */
#define BUF_MAX_LIMIT ((size_t)1 << 30)

/* Prepares an empty buffer in the caller's storage. max 0 means
 * BUF_MAX_LIMIT. Cannot fail. */
void buf_init(struct buf *b, size_t max);
/* Frees the data; the buffer is empty and reusable afterwards. */
void buf_fini(struct buf *b);
/* Empties the buffer but keeps its memory. */
void buf_reset(struct buf *b);

/* Appends n bytes. Returns 0, or -1 if the cap would be crossed. */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
/* One byte: inline, as JSON writers call it for every brace and comma.
 * cap never exceeds max + 1, so room in cap is room under the cap. */
static inline int buf_putc(struct buf *b, char c)
{
    if (b->len + 1 < b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return 0;
    }
    return buf_append(b, &c, 1);
}
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends s as the inside of a JSON string (escaped, no quotes). */
int buf_json_escape(struct buf *b, const char *s, size_t n);

/* The content as a C string; "" for an empty buffer. Borrowed: valid until
 * the next change to the buffer. */
const char *buf_cstr(const struct buf *b);
/* Hands the data to the caller (free() it) and leaves the buffer empty.
 * Never NULL. */
char *buf_steal(struct buf *b);

#endif
