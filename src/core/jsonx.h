/*
 * jsonx: JSON helpers on top of jansson.
 *
 * jx_parse() is the one entry for JSON that comes from outside: it enforces
 * a size limit, rejects invalid UTF-8, duplicate keys, numbers that do not
 * fit, and nesting deeper than a limit, with an error that says where.
 * Ownership follows jansson: functions named _new/_dump return references
 * the caller owns; _get returns borrowed references.
 */
#ifndef AGENTD_CORE_JSONX_H
#define AGENTD_CORE_JSONX_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

#define JX_MAX_DEPTH 64

/* Parses len bytes. On failure returns -E_BAD_REQUEST with a message that
 * names the line and column. *out is owned by the caller. */
int jx_parse(const char *data, size_t len, size_t max_depth, json_t **out,
             struct err *err);
/* Depth of a value: scalars 0, [] 1, [[1]] 2. */
size_t jx_depth(const json_t *v);

/* Parses JSON text the store wrote (trusted, no limits); NULL text or bad
 * JSON gives NULL. The result is jansson's for any text; most texts are
 * read by jx_load_subset(), which is faster. */
json_t *jx_load(const char *text);
/* The fast reader alone: objects, arrays, strings (escapes of ASCII
 * only), integers, true, false, null, nesting below JX_MAX_DEPTH. NULL
 * when the text is anything else or not JSON; what it returns equals
 * what jansson would. */
json_t *jx_load_subset(const char *text);

/* Compact serialisation; caller frees. Never NULL for a valid value. */
char *jx_dump(const json_t *v);
/* Writes a member's value of an object being serialised, instead of the
 * plain serialisation: returns 1 when it wrote the value, 0 to let the
 * writer do it, -1 on error. Used to redact while writing. */
typedef int (*jx_member_fn)(void *arg, struct buf *b, const char *key,
                            const json_t *value, int depth);
/* Compact serialisation of v appended to b, asking member (may be NULL)
 * about each object member. Returns 0 or -1 (cap, NaN, depth > 512). */
int jx_write(struct buf *b, const json_t *v, jx_member_fn member, void *arg,
             int depth);
/* Appends the compact serialisation to b. Returns 0 or -1 (cap). */
int jx_dump_buf(const json_t *v, struct buf *b);

/* Borrowed string member, or NULL if absent or not a string. */
const char *jx_str(const json_t *obj, const char *key);
/* Integer member into *out; returns 0, or -1 if absent or not an integer
 * (a real with no fraction counts as an integer). */
int jx_int(const json_t *obj, const char *key, int64_t *out);
/* true/false member, or dflt when absent or not a boolean. */
bool jx_bool(const json_t *obj, const char *key, bool dflt);
/* A JSON number (integer or real) as a double; false if not a number. */
bool jx_number(const json_t *v, double *out);

/* json_string() that never returns NULL for invalid UTF-8: invalid bytes
 * are replaced by U+FFFD. */
json_t *jx_string(const char *s);
/* A string or JSON null for NULL. */
json_t *jx_string_or_null(const char *s);

#endif
