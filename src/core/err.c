/* err: error codes, messages and the code -> HTTP status table. */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
    int status;
    const char *name;
} table[E__COUNT] = {
    [E_OK] = {200, "ok"},
    [E_BAD_REQUEST] = {400, "bad_request"},
    [E_UNAUTHORIZED] = {401, "unauthorized"},
    [E_PAYMENT] = {402, "insufficient_credits"},
    [E_FORBIDDEN] = {403, "forbidden"},
    [E_NOT_FOUND] = {404, "not_found"},
    [E_METHOD] = {405, "method_not_allowed"},
    [E_CONFLICT] = {409, "conflict"},
    [E_TOO_LARGE] = {413, "payload_too_large"},
    [E_UNSUPPORTED] = {415, "unsupported_media_type"},
    [E_VALIDATION] = {422, "validation_failed"},
    [E_RATE_LIMITED] = {429, "rate_limited"},
    [E_INTERNAL] = {500, "internal"},
    [E_UPSTREAM] = {502, "upstream_failed"},
    [E_UNAVAILABLE] = {503, "unavailable"},
    [E_TIMEOUT] = {504, "upstream_timeout"},
};

void err_init(struct err *e)
{
    e->code = E_OK;
    e->msg[0] = '\0';
    e->details = NULL;
}

void err_clear(struct err *e)
{
    if (!e)
        return;
    json_decref(e->details);
    err_init(e);
}

int err_set(struct err *e, enum err_code code, const char *fmt, ...)
{
    if (code <= E_OK || code >= E__COUNT)
        code = E_INTERNAL;
    if (e) {
        /* The first error wins its message but the details are replaced,
         * so that a retried operation does not carry stale context. */
        json_decref(e->details);
        e->details = NULL;
        e->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
    }
    return -(int)code;
}

void err_detail(struct err *e, const char *key, json_t *value)
{
    if (!e || !value) {
        json_decref(value);
        return;
    }
    if (!e->details)
        e->details = json_object();
    json_object_set_new(e->details, key, value);
}

void err_detail_str(struct err *e, const char *key, const char *value)
{
    err_detail(e, key, json_string(value ? value : ""));
}

void err_prefix(struct err *e, const char *fmt, ...)
{
    if (!e)
        return;
    char both[2 * ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(both, ERR_MSG_MAX, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (n >= ERR_MSG_MAX)
        n = ERR_MSG_MAX - 1;
    size_t old = strnlen(e->msg, ERR_MSG_MAX - 1);
    memcpy(both + n, e->msg, old);
    both[(size_t)n + old] = '\0';
    /* Cut to fit: a long context loses the end of the message. */
    size_t len = (size_t)n + old;
    if (len >= ERR_MSG_MAX)
        len = ERR_MSG_MAX - 1;
    memcpy(e->msg, both, len);
    e->msg[len] = '\0';
}

void err_move(struct err *dst, struct err *src)
{
    if (dst == src)
        return;
    json_decref(dst->details);
    *dst = *src;
    err_init(src);
}

int err_http_status(enum err_code code)
{
    if (code < 0 || code >= E__COUNT)
        return 500;
    return table[code].status;
}

const char *err_code_name(enum err_code code)
{
    if (code < 0 || code >= E__COUNT)
        return "internal";
    return table[code].name;
}

enum err_code err_code_of(int rc)
{
    int c = -rc;
    if (c <= E_OK || c >= E__COUNT)
        return E_INTERNAL;
    return (enum err_code)c;
}

enum err_code err_code_of_http(int status)
{
    for (int c = E_OK + 1; c < E__COUNT; c++)
        if (table[c].status == status)
            return (enum err_code)c;
    return E_INTERNAL;
}

json_t *err_to_json(const struct err *e)
{
    enum err_code code = e->code == E_OK ? E_INTERNAL : e->code;
    json_t *details = e->details ? json_deep_copy(e->details) : json_object();
    return json_pack("{s:{s:s, s:s, s:o}}", "error", "code",
                     err_code_name(code), "message",
                     e->msg[0] ? e->msg : "Internal error", "details",
                     details);
}
