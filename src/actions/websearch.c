/*
 * websearch: web_search — a query with @variables resolved (for the one
 * contact in scope, if one), cleaned of characters that mean something to
 * search engines, sent to the workspace's search provider. The top
 * results become @search.results ([{title, snippet, url}]) and
 * @search.count for the following steps; no result is not an error. A
 * search costs the workspace 1 credit. "Web search timed out" after 10 s,
 * "Web search unavailable" when the provider keeps failing.
 */
#include <stdio.h>
#include <string.h>

#include "actions/action.h"
#include "actions/ext.h"
#include "actions/steps.h"
#include "connectors/providers.h"
#include "core/buf.h"
#include "core/jsonx.h"

#define SEARCH_CREDITS 1
#define QUERY_MAX 400

/* Keeps letters (any script), digits, spaces and plain punctuation;
 * quotes, operators and control characters go; spaces collapse. */
static void sanitise(const char *in, struct buf *out)
{
    bool space = false;
    for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
        unsigned char c = *p;
        bool keep = c >= 0x80 || (c >= 'a' && c <= 'z') ||
                    (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    strchr(".,'?!&-:/%+", c);
        if (c == '\'' && (p[1] == 's' || p[1] == 'S') &&
            (p[2] == ' ' || !p[2]))
            keep = true; /* "Acme's" stays */
        if (!keep) {
            space = out->len > 0;
            continue;
        }
        if (space)
            buf_putc(out, ' ');
        space = false;
        if (out->len < QUERY_MAX)
            buf_putc(out, (char)c);
    }
}

static int charge(struct act_env *env, int credits, struct err *err)
{
    struct db_stmt *st = db_prepare(
        env->crm->db,
        "UPDATE workspaces SET credits = credits - ?2 WHERE id = ?1 AND "
        "credits >= ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, env->crm->ws);
    db_bind_int(st, 2, credits);
    int rc = db_step(st, err);
    db_reset(st);
    if (rc < 0)
        return rc;
    if (db_changes(env->crm->db) == 0)
        return err_set(err, E_PAYMENT,
                       "Not enough credits: a web search costs %d credit",
                       credits);
    return 0;
}

int act_web_search(struct act_env *env, const json_t *params,
                   struct act_out *out, struct err *err)
{
    static const char *const types[] = {"web_search", NULL};
    static const struct act_need need = {
        types, "Web search integration not connected", "connect_search",
        "Web search is not connected: add a web search connection (Brave "
        "Search API key)."};
    struct act_conn conn;
    bool missing;
    int rc = act_connection(env, &need, &conn, out, &missing, err);
    if (rc || missing)
        return rc;
    json_t *text = act_text(env, act_single(env), act_param(params, "query"),
                            out);
    struct buf q;
    buf_init(&q, QUERY_MAX + 8);
    sanitise(json_string_value(text), &q);
    json_decref(text);
    int64_t limit = 5;
    jx_int(params, "limit", &limit);
    if (limit < 1)
        limit = 1;
    if (limit > 20)
        limit = 20;
    if (q.len == 0) {
        rc = err_set(err, E_VALIDATION,
                     "The search query is empty once its variables are "
                     "filled in");
    }
    if (!rc)
        rc = charge(env, SEARCH_CREDITS, err);
    if (!rc)
        rc = act_usage_add(env, "web_search", 1, err);
    if (!rc) {
        act_effect(env, "web_search", 0, conn.id,
                   json_pack("{s:s, s:I}", "query", buf_cstr(&q), "limit",
                             (json_int_t)limit),
                   NULL, true);
        out->params = json_pack("{s:s, s:I}", "query", buf_cstr(&q), "limit",
                                (json_int_t)limit);
        out->output = json_pack("{s:s}", "query", buf_cstr(&q));
    }
    buf_fini(&q);
    act_conn_fini(&conn);
    return rc;
}

static int search_call(struct act_io *io, const struct act_conn *conn,
                       const json_t *effect, const json_t *rq,
                       json_t **result, json_t **fresh, struct err *err)
{
    (void)effect;
    (void)fresh;
    int64_t limit = 5;
    jx_int(rq, "limit", &limit);
    json_t *results = NULL;
    int rc = websearch(io->http, conn->config, conn->credentials,
                       jx_str(rq, "query"), (int)limit, &results, err);
    if (!rc)
        *result = json_pack("{s:o}", "results", results);
    return rc;
}

int act_web_search_perform(struct act_io *io, const json_t *effect,
                           json_t **result, struct err *err)
{
    return act_io_call(io, effect, search_call, result, err);
}

int act_web_search_finish(struct act_env *env, const json_t *params,
                          struct act_out *out, struct err *err)
{
    (void)params;
    int early;
    if (act_failed_early(env, &early, err))
        return early;
    const char *status;
    const json_t *e = act_single_effect(env, &status);
    json_t *results = json_object_get(json_object_get(e, "result"),
                                      "results");
    if (!json_is_array(results))
        results = NULL;
    const char *query = jx_str(env->state, "query");
    json_t *search = json_pack("{s:o, s:I, s:s?}", "results",
                               results ? json_incref(results) : json_array(),
                               "count",
                               (json_int_t)json_array_size(results), "query",
                               query);
    /* Later steps see the results (an empty list when none). */
    json_object_set_new(env->ctx, "search", json_deep_copy(search));
    out->output = search;
    act_count(out, "searches", 1);
    if (strcmp(status, "done") != 0) {
        const char *why = e ? jx_str(e, "error") : NULL;
        return err_set(err, E_UPSTREAM, "%s",
                       why ? why : "Web search unavailable");
    }
    if (json_array_size(results) == 0)
        act_warn(out, "The web search found nothing for \"%s\"",
                 query ? query : "");
    return 0;
}
