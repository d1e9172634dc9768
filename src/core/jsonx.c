/* jsonx: safe JSON parsing and small accessors; see jsonx.h. */
#include "core/jsonx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/xalloc.h"

size_t jx_depth(const json_t *v)
{
    size_t max = 0;
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x)
        {
            size_t d = jx_depth(x);
            if (d > max)
                max = d;
        }
        return max + 1;
    }
    if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            size_t d = jx_depth(x);
            if (d > max)
                max = d;
        }
        return max + 1;
    }
    return 0;
}

/* Counts bracket nesting before handing the text to jansson, so that a
 * deeply nested body is refused without building it. Strings are skipped. */
static size_t scan_depth(const char *p, size_t n)
{
    size_t depth = 0, max = 0;
    bool in_str = false;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = false;
            continue;
        }
        if (c == '"')
            in_str = true;
        else if (c == '[' || c == '{') {
            if (++depth > max)
                max = depth;
        } else if ((c == ']' || c == '}') && depth > 0)
            depth--;
    }
    return max;
}

int jx_parse(const char *data, size_t len, size_t max_depth, json_t **out,
             struct err *err)
{
    *out = NULL;
    if (len == 0)
        return err_set(err, E_BAD_REQUEST, "Request body is empty; send a "
                                           "JSON object.");
    if (!str_utf8_valid(data, len))
        return err_set(err, E_BAD_REQUEST,
                       "Request body is not valid UTF-8.");
    if (max_depth && scan_depth(data, len) > max_depth)
        return err_set(err, E_BAD_REQUEST,
                       "JSON nests deeper than %zu levels.", max_depth);
    json_error_t je;
    json_t *v = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
                          &je);
    if (!v) {
        /* jansson's words name its own flag for this one */
        const char *why = strstr(je.text, "JSON_ALLOW_NUL")
                              ? "a string holds \\u0000 (a NUL character), "
                                "which is not accepted"
                              : je.text;
        int rc = err_set(err, E_BAD_REQUEST, "Malformed JSON at line %d, "
                                             "column %d: %s",
                         je.line, je.column, why);
        err_detail(err, "line", json_integer(je.line));
        err_detail(err, "column", json_integer(je.column));
        return rc;
    }
    *out = v;
    return 0;
}

/* Compact JSON text of a value, written straight into a buffer: no loop
 * detection (our documents are trees) and no per-call allocations, which
 * makes it several times faster than json_dumps() on the small documents
 * the engine writes for every step. Output matches json_dumps(...,
 * JSON_COMPACT | JSON_ENCODE_ANY) except that control characters are
 * always \u-escaped. */
static int put_int(struct buf *b, json_int_t n)
{
    char tmp[24];
    size_t i = sizeof tmp;
    uint64_t u = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    do {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (n < 0)
        tmp[--i] = '-';
    return buf_append(b, tmp + i, sizeof tmp - i);
}

static int put_real(struct buf *b, double d)
{
    if (!isfinite(d))
        return -1;
    /* The shortest text that reads back as the same double: 9.9, not
     * 9.9000000000000004 (which %.17g alone writes). */
    char tmp[40];
    int n = 0;
    for (int prec = 15; prec <= 17; prec++) {
        n = snprintf(tmp, sizeof tmp, "%.*g", prec, d);
        if (n <= 0 || (size_t)n >= sizeof tmp)
            return -1;
        if (strtod(tmp, NULL) == d)
            break;
    }
    /* A real stays a real when read back. */
    if (!strpbrk(tmp, ".eE"))
        memcpy(tmp + n, ".0", 3), n += 2;
    return buf_append(b, tmp, (size_t)n);
}

static int put_str(struct buf *b, const char *s, size_t n)
{
    if (buf_putc(b, '"') || buf_json_escape(b, s, n))
        return -1;
    return buf_putc(b, '"');
}

int jx_write(struct buf *b, const json_t *v, jx_member_fn member, void *arg,
             int depth)
{
    if (depth > 512)
        return -1;
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        if (buf_putc(b, '{'))
            return -1;
        bool first = true;
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x)
        {
            if ((!first && buf_putc(b, ',')) ||
                put_str(b, k, strlen(k)) || buf_putc(b, ':'))
                return -1;
            first = false;
            int r = member ? member(arg, b, k, x, depth) : 0;
            if (r < 0)
                return -1;
            if (r == 0 && jx_write(b, x, member, arg, depth + 1))
                return -1;
        }
        return buf_putc(b, '}');
    }
    case JSON_ARRAY: {
        if (buf_putc(b, '['))
            return -1;
        size_t n = json_array_size(v);
        for (size_t i = 0; i < n; i++) {
            if ((i && buf_putc(b, ',')) ||
                jx_write(b, json_array_get(v, i), member, arg, depth + 1))
                return -1;
        }
        return buf_putc(b, ']');
    }
    case JSON_STRING:
        return put_str(b, json_string_value(v), json_string_length(v));
    case JSON_INTEGER:
        return put_int(b, json_integer_value(v));
    case JSON_REAL:
        return put_real(b, json_real_value(v));
    case JSON_TRUE:
        return buf_puts(b, "true");
    case JSON_FALSE:
        return buf_puts(b, "false");
    default:
        return buf_puts(b, "null");
    }
}

/* ---- reading what the store wrote -------------------------------------
 *
 * jx_load() runs on every job (a run's context and cursor, agents' JSON
 * columns). jansson's reader costs ~3.6k instructions for a 9-byte cursor
 * and ~25k for a run's 221-byte context, mostly in its per-character
 * stream and per-call set-up. This reader covers what our writers produce
 * and nothing more: objects, arrays, strings, integers, true, false,
 * null. Anything else — a number with a fraction or exponent, an integer
 * that does not fit, a \u escape beyond ASCII or of NUL, invalid UTF-8,
 * nesting deeper than JX_MAX_DEPTH, any syntax error — makes it give up,
 * and jansson reads the text instead, so results and failures stay
 * exactly jansson's. */

struct rd {
    const char *p;
    struct buf tmp; /* a string with escapes, decoded */
};

static void rd_ws(struct rd *r)
{
    while (*r->p == ' ' || *r->p == '\n' || *r->p == '\t' || *r->p == '\r')
        r->p++;
}

/* A string at r->p (after its opening quote): its bytes in *s, *n; they
 * point into the text, or into r->tmp when the string has escapes. */
static bool rd_string(struct rd *r, const char **s, size_t *n)
{
    const char *start = r->p;
    bool high = false;
    while (*r->p != '"' && *r->p != '\\') {
        unsigned char c = (unsigned char)*r->p;
        if (c < 0x20)
            return false; /* control characters, and the end of the text */
        high |= c >= 0x80;
        r->p++;
    }
    if (*r->p == '"') {
        *s = start;
        *n = (size_t)(r->p - start);
        r->p++;
        return !high || str_utf8_valid(*s, *n);
    }
    buf_reset(&r->tmp);
    if (buf_append(&r->tmp, start, (size_t)(r->p - start)) < 0)
        return false;
    for (;;) {
        unsigned char c = (unsigned char)*r->p;
        if (c == '"')
            break;
        if (c < 0x20)
            return false;
        if (c != '\\') {
            high |= c >= 0x80;
            if (buf_putc(&r->tmp, (char)c) < 0)
                return false;
            r->p++;
            continue;
        }
        char e = r->p[1], out;
        switch (e) {
        case '"': out = '"'; break;
        case '\\': out = '\\'; break;
        case '/': out = '/'; break;
        case 'b': out = '\b'; break;
        case 'f': out = '\f'; break;
        case 'n': out = '\n'; break;
        case 'r': out = '\r'; break;
        case 't': out = '\t'; break;
        case 'u': {
            unsigned v = 0;
            for (int i = 2; i < 6; i++) {
                char h = r->p[i];
                v <<= 4;
                if (h >= '0' && h <= '9')
                    v |= (unsigned)(h - '0');
                else if (h >= 'a' && h <= 'f')
                    v |= (unsigned)(h - 'a' + 10);
                else if (h >= 'A' && h <= 'F')
                    v |= (unsigned)(h - 'A' + 10);
                else
                    return false;
            }
            if (v == 0 || v >= 0x80 || buf_putc(&r->tmp, (char)v) < 0)
                return false;
            r->p += 6;
            continue;
        }
        default:
            return false;
        }
        if (buf_putc(&r->tmp, out) < 0)
            return false;
        r->p += 2;
    }
    r->p++;
    *s = r->tmp.data ? r->tmp.data : "";
    *n = r->tmp.len;
    return !high || str_utf8_valid(*s, *n);
}

static json_t *rd_value(struct rd *r, int depth);

static json_t *rd_number(struct rd *r)
{
    const char *p = r->p;
    bool neg = *p == '-';
    if (neg)
        p++;
    if (*p < '0' || *p > '9' || (*p == '0' && p[1] >= '0' && p[1] <= '9'))
        return NULL;
    uint64_t u = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        unsigned d = (unsigned)(*p - '0');
        if (u > (UINT64_MAX - d) / 10)
            return NULL;
        u = u * 10 + d;
    }
    if (*p == '.' || *p == 'e' || *p == 'E')
        return NULL; /* a real: jansson's conversion */
    if (u > (uint64_t)INT64_MAX + neg)
        return NULL;
    r->p = p;
    return json_integer(neg ? (json_int_t)(0 - u) : (json_int_t)u);
}

static json_t *rd_container(struct rd *r, int depth, bool object)
{
    if (depth >= JX_MAX_DEPTH)
        return NULL;
    json_t *v = object ? json_object() : json_array();
    r->p++;
    rd_ws(r);
    char close = object ? '}' : ']';
    if (*r->p == close) {
        r->p++;
        return v;
    }
    for (;;) {
        rd_ws(r);
        char *key = NULL, kbuf[64];
        size_t klen = 0;
        if (object) {
            const char *k;
            if (*r->p != '"')
                goto fail;
            r->p++;
            if (!rd_string(r, &k, &klen) || memchr(k, 0, klen))
                goto fail;
            /* Copied: reading the value may reuse r->tmp. Short keys
             * (nearly all) on the stack. */
            key = klen < sizeof kbuf ? kbuf : xmalloc(klen + 1);
            memcpy(key, k, klen);
            key[klen] = '\0';
            rd_ws(r);
            if (*r->p != ':') {
                if (key != kbuf)
                    free(key);
                goto fail;
            }
            r->p++;
            rd_ws(r);
        }
        json_t *x = rd_value(r, depth + 1);
        if (!x) {
            if (key != kbuf)
                free(key);
            goto fail;
        }
        if (object) {
            json_object_setn_new_nocheck(v, key, klen, x);
            if (key != kbuf)
                free(key);
        } else {
            json_array_append_new(v, x);
        }
        rd_ws(r);
        if (*r->p == ',') {
            r->p++;
            continue;
        }
        if (*r->p == close) {
            r->p++;
            return v;
        }
        goto fail;
    }
fail:
    json_decref(v);
    return NULL;
}

static json_t *rd_value(struct rd *r, int depth)
{
    switch (*r->p) {
    case '{':
        return rd_container(r, depth, true);
    case '[':
        return rd_container(r, depth, false);
    case '"': {
        const char *s;
        size_t n;
        r->p++;
        if (!rd_string(r, &s, &n))
            return NULL;
        return json_stringn_nocheck(s, n);
    }
    case 't':
        if (strncmp(r->p, "true", 4))
            return NULL;
        r->p += 4;
        return json_true();
    case 'f':
        if (strncmp(r->p, "false", 5))
            return NULL;
        r->p += 5;
        return json_false();
    case 'n':
        if (strncmp(r->p, "null", 4))
            return NULL;
        r->p += 4;
        return json_null();
    default:
        return rd_number(r);
    }
}

json_t *jx_load_subset(const char *text)
{
    if (!text)
        return NULL;
    struct rd r = {.p = text};
    buf_init(&r.tmp, 0);
    rd_ws(&r);
    json_t *v = rd_value(&r, 0);
    if (v) {
        rd_ws(&r);
        if (*r.p) {
            json_decref(v);
            v = NULL;
        }
    }
    buf_fini(&r.tmp);
    return v;
}

json_t *jx_load(const char *text)
{
    if (!text)
        return NULL;
    json_t *v = jx_load_subset(text);
    return v ? v : json_loads(text, JSON_DECODE_ANY, NULL);
}

char *jx_dump(const json_t *v)
{
    struct buf b;
    buf_init(&b, 0);
    if (!v || jx_write(&b, v, NULL, NULL, 0)) {
        buf_fini(&b);
        return xstrdup("null");
    }
    return buf_steal(&b);
}

int jx_dump_buf(const json_t *v, struct buf *b)
{
    return jx_write(b, v, NULL, NULL, 0);
}

const char *jx_str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

int jx_int(const json_t *obj, const char *key, int64_t *out)
{
    json_t *v = json_object_get(obj, key);
    if (json_is_integer(v)) {
        *out = json_integer_value(v);
        return 0;
    }
    if (json_is_real(v)) {
        double d = json_real_value(v);
        if (d == floor(d) && fabs(d) < 9e15) {
            *out = (int64_t)d;
            return 0;
        }
    }
    return -1;
}

bool jx_bool(const json_t *obj, const char *key, bool dflt)
{
    json_t *v = json_object_get(obj, key);
    return json_is_boolean(v) ? json_is_true(v) : dflt;
}

bool jx_number(const json_t *v, double *out)
{
    if (json_is_integer(v)) {
        *out = (double)json_integer_value(v);
        return true;
    }
    if (json_is_real(v)) {
        *out = json_real_value(v);
        return true;
    }
    return false;
}

json_t *jx_string(const char *s)
{
    if (!s)
        s = "";
    json_t *v = json_string(s);
    if (v)
        return v;
    /* Replace invalid bytes so that stored data can always be shown. */
    struct buf b;
    buf_init(&b, 0);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t len = 1;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        if (i + len <= n && str_utf8_valid(s + i, len))
            buf_append(&b, s + i, len);
        else {
            buf_puts(&b, "\xEF\xBF\xBD");
            len = 1;
        }
        i += len;
    }
    v = json_string(buf_cstr(&b));
    buf_fini(&b);
    return v ? v : json_string("");
}

json_t *jx_string_or_null(const char *s)
{
    return s ? jx_string(s) : json_null();
}
