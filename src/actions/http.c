/*
 * http: http_request — any HTTP call: method, URL, headers and body with
 * @variables resolved. The answer's status, headers and body (JSON when it
 * is JSON; cut to 64 KB) become the step's output, @steps.N.output. The
 * URL comes from whoever wrote the plan, so the address guard applies: no
 * loopback, private, link-local or cloud-metadata address, also after a
 * redirect, unless the operator allowed the host.
 *
 * An answer of any status is an output, not a failure (a plan can test
 * @steps.N.output.status); no answer at all (refused address, timeout,
 * connection failure) fails the step. GET and HEAD are retried after a
 * crash; other methods are not sent twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actions/action.h"
#include "actions/ext.h"
#include "actions/steps.h"
#include "connectors/httpc.h"
#include "core/jsonx.h"
#include "core/str.h"

#define HTTP_OUTPUT_MAX (64 * 1024)
/* Calls one step makes at most, once per contact. */
#define HTTP_CALLS_MAX 1000
/* A multi-call step keeps an answer's body in its output up to this. */
#define HTTP_KEPT_BODY 1024

static const char *const methods[] = {"GET",    "POST", "PUT", "PATCH",
                                      "DELETE", "HEAD", NULL};

/* The request of one call, about item (may be NULL): url, headers and
 * body with their variables resolved. NULL with err set when the URL or a
 * header is not one that can be sent. */
static json_t *http_build(struct act_env *env, const json_t *item,
                          const char *method, const json_t *params,
                          struct act_out *out, struct err *err)
{
    json_t *url = act_text(env, item, act_param(params, "url"), out);
    const char *u = json_string_value(url);
    if (!str_starts_with_ci(u, "http://") &&
        !str_starts_with_ci(u, "https://")) {
        err_set(err, E_VALIDATION,
                "The URL must start with http:// or https:// (it is "
                "'%.200s')",
                u);
        json_decref(url);
        return NULL;
    }
    json_t *headers = json_object();
    const char *k;
    json_t *v;
    json_object_foreach(json_object_get(params, "headers"), k, v)
    {
        if (!json_is_string(v))
            continue;
        if (strpbrk(k, "\r\n:") || strpbrk(json_string_value(v), "\r\n")) {
            json_decref(headers);
            json_decref(url);
            err_set(err, E_VALIDATION,
                    "Header '%.100s' has a line break or colon", k);
            return NULL;
        }
        json_object_set_new(headers, k,
                            act_text(env, item, json_string_value(v), out));
    }
    json_t *body = NULL;
    json_t *b = json_object_get(params, "body");
    bool is_json = false;
    if (json_is_string(b)) {
        body = act_text(env, item, json_string_value(b), out);
        /* "with the contact" sends "@contact", which renders as the
         * record's JSON; so does a body written as JSON text. */
        const char *t = json_string_value(body);
        while (t && (*t == ' ' || *t == '\n'))
            t++;
        if (t && (*t == '{' || *t == '[')) {
            json_t *probe = json_loads(t, 0, NULL);
            is_json = probe != NULL;
            json_decref(probe);
        }
    } else if (b && !json_is_null(b)) {
        /* A JSON body: its strings may hold variables too. */
        json_t *filled = act_json(env, item, b, out);
        char *text = jx_dump(filled);
        body = jx_string(text);
        free(text);
        json_decref(filled);
        is_json = true;
    }
    if (is_json && !json_object_get(headers, "Content-Type") &&
        !json_object_get(headers, "content-type"))
        json_object_set_new(headers, "Content-Type",
                            json_string("application/json"));
    return json_pack("{s:s, s:o, s:o, s:o}", "method", method, "url", url,
                     "headers", headers, "body", body ? body : json_null());
}

int act_http_request(struct act_env *env, const json_t *params,
                     struct act_out *out, struct err *err)
{
    const char *m = act_param(params, "method");
    char method[8] = "GET";
    if (m) {
        bool ok = false;
        for (const char *const *p = methods; *p; p++)
            if (strcasecmp(*p, m) == 0) {
                snprintf(method, sizeof method, "%s", *p);
                ok = true;
            }
        if (!ok)
            return err_set(err, E_VALIDATION,
                           "HTTP method '%s' is not one of GET, POST, PUT, "
                           "PATCH, DELETE, HEAD",
                           m);
    }
    /* Once, or once per contact (deal) when the call is about one:
     * "call webhook ... with the contact" after a search. */
    struct act_rounds r;
    int rc = act_rounds(env, HTTP_CALLS_MAX, out, &r, err);
    if (rc)
        return rc;
    bool safe = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    json_t *first = NULL;
    for (size_t i = 0; i < r.n; i++) {
        const json_t *item = act_round_item(env, &r, i);
        json_t *rq = http_build(env, item, method, params, out, err);
        if (!rq) {
            json_decref(first);
            return -err->code; /* the engine drops the effects listed */
        }
        if (!first)
            first = json_deep_copy(rq);
        if (r.per_item && !strcmp(env->kind, "deal"))
            json_object_set(rq, "dealId", json_object_get(item, "id"));
        act_effect(env, "http_request",
                   r.per_item ? act_item_contact(item) : 0, 0, rq, NULL,
                   safe);
    }
    if (r.n)
        rc = act_usage_add(env, "http_request", (int64_t)r.n, err);
    if (rc) {
        json_decref(first);
        return rc;
    }
    /* The params as run: the first call's (the step's own when none). */
    out->params = first ? first : json_deep_copy(params);
    out->output = json_pack("{s:b, s:I}", "perItem", r.per_item, "calls",
                            (json_int_t)r.n);
    return 0;
}

int act_http_perform(struct act_io *io, const json_t *effect,
                     json_t **result, struct err *err)
{
    const json_t *rq = json_object_get(effect, "request");
    const char *method = jx_str(rq, "method");
    struct httpc_req r = {
        .method = method,
        .url = jx_str(rq, "url"),
        .timeout_ms = 15000,
        .max_response = 1024 * 1024,
        .guarded = true,
        .want_headers = true,
        .not_idempotent = strcmp(method, "GET") && strcmp(method, "HEAD"),
    };
    char lines[HTTPC_MAX_HEADERS][1024];
    int n = 0;
    const char *k;
    json_t *v;
    json_object_foreach(json_object_get(rq, "headers"), k, v)
    {
        if (n == HTTPC_MAX_HEADERS - 1)
            break;
        snprintf(lines[n], sizeof lines[n], "%s: %s", k,
                 json_string_value(v));
        r.headers[n] = lines[n];
        n++;
    }
    const char *body = jx_str(rq, "body");
    if (body) {
        r.body = body;
        r.body_len = strlen(body);
    }
    struct httpc_resp rs;
    httpc_resp_init(&rs);
    int rc = httpc_do(io->http, &r, &rs, err);
    if (!rc) {
        bool cut = rs.body.len > HTTP_OUTPUT_MAX;
        json_t *out_body = NULL;
        if (!cut && strstr(rs.content_type, "json"))
            out_body = json_loads(buf_cstr(&rs.body), JSON_DECODE_ANY, NULL);
        if (!out_body) {
            size_t len = cut ? HTTP_OUTPUT_MAX : rs.body.len;
            /* Cut between characters. */
            while (cut && len > 0 &&
                   ((unsigned char)rs.body.data[len] & 0xC0) == 0x80)
                len--;
            char *text = strndup(buf_cstr(&rs.body), len);
            out_body = jx_string(text);
            free(text);
        }
        *result = json_pack("{s:I, s:o, s:o, s:b, s:I, s:i}", "status",
                            (json_int_t)rs.status, "headers",
                            rs.headers ? json_incref(rs.headers)
                                       : json_object(),
                            "body",
                            out_body, "truncated", cut, "bytes",
                            (json_int_t)rs.body.len, "attempts", rs.attempts);
    }
    httpc_resp_fini(&rs);
    return rc;
}

/* The error of a call that got no answer. */
static int http_no_answer(const json_t *e, struct err *err)
{
    int64_t code = 0;
    jx_int(e, "code", &code);
    return err_set(err,
                   code == E_FORBIDDEN || code == E_TIMEOUT ||
                           code == E_TOO_LARGE || code == E_BAD_REQUEST
                       ? (enum err_code)code
                       : E_UPSTREAM,
                   "%s", e && jx_str(e, "error") ? jx_str(e, "error")
                                                 : "The request failed");
}

/* finish of a step that called once per contact (deal): how many were
 * answered, each answer's status (and its body when short), in order. */
static int http_finish_calls(struct act_env *env, struct act_out *out,
                             struct err *err)
{
    int64_t answered = 0, failed = 0, refused = 0;
    const json_t *first_fail = NULL, *first_doubt = NULL;
    json_t *calls = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(env->done, i, e)
    {
        const char *status = jx_str(e, "status");
        const json_t *rq = json_object_get(e, "request");
        const json_t *res = json_object_get(e, "result");
        json_t *c = json_object();
        if (json_object_get(rq, "dealId"))
            json_object_set(c, "dealId", json_object_get(rq, "dealId"));
        else
            json_object_set(c, "contactId", json_object_get(e, "contactId"));
        if (!strcmp(status, "done")) {
            answered++;
            int64_t code = 0, bytes = 0;
            jx_int(res, "status", &code);
            jx_int(res, "bytes", &bytes);
            if (code >= 400)
                refused++;
            json_object_set_new(c, "status", json_integer(code));
            if (bytes <= HTTP_KEPT_BODY)
                json_object_set(c, "body", json_object_get(res, "body"));
        } else {
            if (!strcmp(status, "failed")) {
                failed++;
                if (!first_fail)
                    first_fail = e;
            } else if (!strcmp(status, "uncertain") && !first_doubt) {
                first_doubt = e;
            }
            json_object_set_new(c, "error",
                                json_string(jx_str(e, "error")
                                                ? jx_str(e, "error")
                                                : status));
        }
        json_array_append_new(calls, c);
    }
    if (refused)
        act_warn(out, "The server answered 4xx/5xx to %lld of %zu calls",
                 (long long)refused, json_array_size(env->done));
    size_t doubts = act_effects_count(env, "uncertain");
    if (first_doubt)
        act_warn(out, "%zu of %zu calls: %s", doubts,
                 json_array_size(env->done), jx_str(first_doubt, "error"));
    act_count(out, "requests", answered);
    out->output = json_pack(
        "{s:I, s:I, s:I, s:I, s:o}", "calls",
        (json_int_t)json_array_size(env->done), "answered",
        (json_int_t)answered, "failed", (json_int_t)failed, "uncertain",
        (json_int_t)doubts, "responses", calls);
    if (!first_fail)
        return 0;
    int rc = http_no_answer(first_fail, err);
    err_detail(err, "answered", json_integer(answered));
    err_detail(err, "failed", json_integer(failed));
    return rc;
}

int act_http_finish(struct act_env *env, const json_t *params,
                    struct act_out *out, struct err *err)
{
    (void)params;
    if (jx_bool(env->state, "perItem", false)) {
        if (json_array_size(env->done) == 0) {
            /* An empty set: prepare skipped the step. */
            out->output = json_pack("{s:i}", "calls", 0);
            return 0;
        }
        if (json_array_size(env->done) > 1)
            return http_finish_calls(env, out, err);
    }
    const char *status;
    const json_t *e = act_single_effect(env, &status);
    if (!strcmp(status, "done")) {
        out->output = json_incref(json_object_get(e, "result"));
        int64_t code = 0;
        jx_int(out->output, "status", &code);
        if (code >= 400)
            act_warn(out, "The server answered %lld", (long long)code);
        if (jx_bool(out->output, "truncated", false))
            act_warn(out, "The answer was cut to %d KB", HTTP_OUTPUT_MAX / 1024);
        act_count(out, "requests", 1);
        return 0;
    }
    if (!strcmp(status, "uncertain"))
        return act_single_uncertain(out, e);
    return http_no_answer(e, err);
}
