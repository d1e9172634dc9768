/* jsonx: safe JSON parsing and small accessors; see jsonx.h. */
#include "core/jsonx.h"

#include <math.h>
#include <stdio.h>
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
        int rc = err_set(err, E_BAD_REQUEST, "Malformed JSON at line %d, "
                                             "column %d: %s",
                         je.line, je.column, je.text);
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
    char tmp[40];
    int n = snprintf(tmp, sizeof tmp, "%.17g", d);
    if (n <= 0 || (size_t)n >= sizeof tmp)
        return -1;
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

json_t *jx_load(const char *text)
{
    return text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
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
