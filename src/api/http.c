/* http: small helpers shared by handlers; see http.h. */
#include "api/http.h"

#include <string.h>

#include "api/app.h"
#include "core/str.h"
#include "engine/engine.h"

const char *api_query(const struct api_req *rq, const char *key)
{
    for (int i = 0; i < rq->nquery; i++)
        if (strcmp(rq->query[i].key, key) == 0)
            return rq->query[i].value ? rq->query[i].value : "";
    return NULL;
}

int api_stream_start(const struct api_req *rq, struct api_resp *rs,
                     int (*next)(void *state, struct db *db, struct buf *out,
                                 bool *done, struct err *err),
                     void (*free_state)(void *state), void *state,
                     int64_t topic, struct err *err)
{
    struct buf first;
    buf_init(&first, 0);
    bool done = false;
    int rc = next(state, rq->db, &first, &done, err);
    if (rc) {
        buf_fini(&first);
        free_state(state);
        return rc;
    }
    rs->status = 200;
    rs->raw_len = first.len;
    rs->raw = buf_steal(&first);
    rs->content_type = "text/event-stream";
    if (done) {
        free_state(state);
        return 0;
    }
    rs->stream.next = next;
    rs->stream.free = free_state;
    rs->stream.state = state;
    rs->stream.topic = topic;
    return 0;
}

void api_sse_event(struct buf *out, const char *name, const char *data)
{
    buf_puts(out, "event: ");
    buf_puts(out, name);
    buf_puts(out, "\ndata: ");
    buf_puts(out, data);
    buf_puts(out, "\n\n");
}

int api_json(struct api_resp *rs, int status, json_t *body)
{
    json_decref(rs->json);
    rs->status = status;
    rs->json = body;
    return 0;
}

struct crm_ctx api_crm_ctx(const struct api_req *rq)
{
    struct crm_ctx c = {
        .db = rq->db,
        .ws = rq->ws,
        .user_id = rq->user_id,
        .key = rq->app ? &rq->app->key : NULL,
        .show_secrets = rq->role >= ROLE_ADMIN,
        .planner = rq->app ? rq->app->planner : NULL,
    };
    /* CRM events and agent changes reach the engine, in the request's
     * transaction. */
    if (rq->app)
        engine_attach(rq->app->engine, &c);
    return c;
}

int api_query_bool(const struct api_req *rq, const char *key, bool dflt,
                   bool *out, struct err *err)
{
    const char *v = api_query(rq, key);
    *out = dflt;
    if (!v)
        return 0;
    if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0 || !*v)
        *out = true;
    else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
        *out = false;
    else {
        int rc = err_set(err, E_BAD_REQUEST,
                         "Query parameter '%s' must be true or false", key);
        err_detail_str(err, "parameter", key);
        return rc;
    }
    return 0;
}

int api_body_object(const struct api_req *rq, json_t **obj, struct err *err)
{
    *obj = NULL;
    if (!json_is_object(rq->json))
        return err_set(err, E_BAD_REQUEST,
                       "Send a JSON object as the request body");
    *obj = rq->json;
    return 0;
}

const char *api_role_name(enum role r)
{
    switch (r) {
    case ROLE_OWNER: return "owner";
    case ROLE_ADMIN: return "admin";
    case ROLE_MEMBER: return "member";
    case ROLE_VIEWER: return "viewer";
    default: return "none";
    }
}

int api_only_keys(const json_t *obj, const char *const *allowed,
                  struct err *err)
{
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)obj, k, v)
    {
        bool ok = false;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, k) == 0)
                ok = true;
        if (!ok) {
            int rc = err_set(err, E_BAD_REQUEST, "Unknown field '%s'", k);
            err_detail_str(err, "field", k);
            return rc;
        }
    }
    return 0;
}

int api_str(const json_t *obj, const char *key, bool required, size_t max,
            const char **out, struct err *err)
{
    *out = NULL;
    json_t *v = json_object_get(obj, key);
    if (v && !json_is_null(v) && !json_is_string(v)) {
        int rc = err_set(err, E_BAD_REQUEST, "Field '%s' must be a string",
                         key);
        err_detail_str(err, "field", key);
        return rc;
    }
    const char *s = json_string_value(v);
    if (required && (!s || !*s)) {
        int rc = err_set(err, E_VALIDATION, "Field '%s' is required", key);
        err_detail_str(err, "field", key);
        return rc;
    }
    if (s && strlen(s) > max) {
        int rc = err_set(err, E_VALIDATION,
                         "Field '%s' is longer than %zu characters", key, max);
        err_detail_str(err, "field", key);
        return rc;
    }
    *out = s;
    return 0;
}

int api_bool(const json_t *obj, const char *key, bool dflt, bool *out,
             struct err *err)
{
    json_t *v = json_object_get(obj, key);
    *out = dflt;
    if (!v)
        return 0;
    if (!json_is_boolean(v)) {
        int rc = err_set(err, E_BAD_REQUEST, "Field '%s' must be true or false",
                         key);
        err_detail_str(err, "field", key);
        return rc;
    }
    *out = json_is_true(v);
    return 0;
}

int api_int(const json_t *obj, const char *key, int64_t min, int64_t max,
            int64_t *out, bool *present, struct err *err)
{
    json_t *v = json_object_get(obj, key);
    *present = v != NULL;
    if (!v)
        return 0;
    int rc = 0;
    if (!json_is_integer(v))
        rc = err_set(err, E_BAD_REQUEST, "Field '%s' must be an integer", key);
    else if (json_integer_value(v) < min || json_integer_value(v) > max)
        rc = err_set(err, E_VALIDATION,
                     "Field '%s' must be an integer from %lld to %lld", key,
                     (long long)min, (long long)max);
    if (rc) {
        err_detail_str(err, "field", key);
        return rc;
    }
    *out = json_integer_value(v);
    return 0;
}

int api_page_args(const struct api_req *rq, int *limit, int64_t *before,
                     struct err *err)
{
    *limit = LIST_DEFAULT_LIMIT;
    *before = INT64_MAX;
    const char *l = api_query(rq, "limit"), *c = api_query(rq, "cursor");
    int64_t n;
    if (l) {
        if (str_parse_i64(l, &n) || n < 1 || n > LIST_MAX_LIMIT) {
            int rc = err_set(err, E_BAD_REQUEST,
                             "Query parameter 'limit' must be an integer "
                             "from 1 to %d",
                             LIST_MAX_LIMIT);
            err_detail_str(err, "parameter", "limit");
            return rc;
        }
        *limit = (int)n;
    }
    if (c) {
        if (str_parse_i64(c, &n) || n < 1) {
            int rc = err_set(err, E_BAD_REQUEST,
                             "Invalid cursor; pass nextCursor from a "
                             "previous page unchanged");
            err_detail_str(err, "parameter", "cursor");
            return rc;
        }
        *before = n;
    }
    return 0;
}
