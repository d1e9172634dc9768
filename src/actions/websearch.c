/*
 * websearch: web_search — a query with @variables resolved, cleaned of
 * characters that mean something to search engines, sent to the
 * workspace's search provider. The top results become @search.results
 * ([{title, snippet, url}]) and @search.count for the following steps; no
 * result is not an error. A search costs the workspace 1 credit. "Web
 * search timed out" after 10 s, "Web search unavailable" when the provider
 * keeps failing.
 *
 * A query that names the record ("@company.name funding") over a set of
 * several contacts (deals) is one search per member, as a Slack post or an
 * e-mail is (act_rounds): each member's results are kept in the context
 * under "searchFor" by "<kind>:<id>", and @search.* then reads the results
 * of the member a step works on (act_vars), in texts and in conditions.
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
/* Searches one step makes at most, once per contact: each costs a credit
 * and a provider call. */
#define SEARCHES_MAX 100

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

static int charge(struct act_env *env, int64_t searches, struct err *err)
{
    int64_t credits = searches * SEARCH_CREDITS;
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
    if (db_changes(env->crm->db) == 0 && searches == 1)
        return err_set(err, E_PAYMENT,
                       "Not enough credits: a web search costs %lld credit",
                       (long long)credits);
    if (db_changes(env->crm->db) == 0)
        return err_set(err, E_PAYMENT,
                       "Not enough credits: %lld web searches cost %lld "
                       "credits",
                       (long long)searches, (long long)credits);
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
    int64_t limit = 5;
    jx_int(params, "limit", &limit);
    if (limit < 1)
        limit = 1;
    if (limit > 20)
        limit = 20;
    /* Once, or once per member when the query is about one. */
    struct act_rounds r;
    rc = act_rounds(env, SEARCHES_MAX, out, &r, err);
    bool each = r.per_item && r.n > 1;
    json_t *first = NULL;
    int64_t searches = 0;
    struct buf q;
    buf_init(&q, QUERY_MAX + 8);
    for (size_t i = 0; !rc && i < r.n; i++) {
        const json_t *item = act_round_item(env, &r, i);
        json_t *text = act_text(env, item, act_param(params, "query"), out);
        buf_reset(&q);
        sanitise(json_string_value(text), &q);
        json_decref(text);
        char key[48] = "";
        if (each)
            act_item_key(env, item, key, sizeof key);
        if (q.len == 0 && !each) {
            rc = err_set(err, E_VALIDATION,
                         "The search query is empty once its variables are "
                         "filled in");
        } else if (q.len == 0) {
            act_warn(out, "The search query is empty for some %ss once its "
                          "variables are filled in: they were not searched",
                     env->kind);
        } else {
            act_effect(env, "web_search",
                       each ? act_item_contact(item) : 0, conn.id,
                       json_pack("{s:s, s:I, s:s?}", "query", buf_cstr(&q),
                                 "limit", (json_int_t)limit, "for",
                                 each ? key : NULL),
                       NULL, true);
            if (!first)
                first = json_string(buf_cstr(&q));
            searches++;
        }
    }
    buf_fini(&q);
    if (!rc && searches)
        rc = charge(env, searches, err);
    if (!rc && searches)
        rc = act_usage_add(env, "web_search", searches, err);
    if (!rc) {
        /* Results of an earlier search step are not this one's: a step
         * after it reads these (for each member, or for the run). */
        json_object_del(env->ctx, each ? "search" : "searchFor");
        if (each)
            json_object_set_new(env->ctx, "searchFor", json_object());
        out->params = json_pack("{s:O, s:I}", "query",
                                first ? first : json_string(""), "limit",
                                (json_int_t)limit);
        out->output = json_pack("{s:O, s:b}", "query",
                                first ? first : json_string(""), "perItem",
                                each);
    }
    json_decref(first);
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

/* No result is not an error: a warning that names the query. */
static void found_nothing(struct act_out *out, const char *query)
{
    act_warn(out, "The web search found nothing for \"%s\"",
             query ? query : "");
}

/* The results of one search as @search reads them. */
static json_t *search_of(const json_t *effect, const char *query)
{
    json_t *results = json_object_get(json_object_get(effect, "result"),
                                      "results");
    if (!json_is_array(results))
        results = NULL;
    return json_pack("{s:o, s:I, s:s?}", "results",
                     results ? json_incref(results) : json_array(), "count",
                     (json_int_t)json_array_size(results), "query", query);
}

/* finish of a search per member: each member's results under its key. */
static int finish_each(struct act_env *env, struct act_out *out,
                       struct err *err)
{
    json_t *by = json_object_get(env->ctx, "searchFor"); /* prepare's */
    if (!json_is_object(by)) {
        by = json_object();
        json_object_set_new(env->ctx, "searchFor", by);
    }
    size_t i, found = 0, made = 0;
    json_t *e;
    const json_t *first_fail = NULL;
    json_array_foreach(env->done, i, e)
    {
        const json_t *rq = json_object_get(e, "request");
        const char *key = jx_str(rq, "for");
        const char *query = jx_str(rq, "query");
        json_t *one = search_of(e, query);
        if (strcmp(jx_str(e, "status"), "done") != 0) {
            if (!first_fail)
                first_fail = e;
        } else {
            made++;
            if (json_integer_value(json_object_get(one, "count")) > 0)
                found++;
            else
                found_nothing(out, query);
        }
        if (key)
            json_object_set_new(by, key, one);
        else
            json_decref(one);
    }
    act_count(out, "searches", (int64_t)made);
    out->output = json_pack("{s:I, s:I, s:I}", "searched", (json_int_t)made,
                            "withResults", (json_int_t)found, "failed",
                            (json_int_t)(json_array_size(env->done) - made));
    if (!first_fail)
        return 0;
    const char *why = jx_str(first_fail, "error");
    int rc = err_set(err, E_UPSTREAM, "%s",
                     why ? why : "Web search unavailable");
    err_detail(err, "searched", json_integer((json_int_t)made));
    return rc;
}

int act_web_search_finish(struct act_env *env, const json_t *params,
                          struct act_out *out, struct err *err)
{
    (void)params;
    int early;
    if (act_failed_early(env, &early, err))
        return early;
    if (jx_bool(env->state, "perItem", false))
        return finish_each(env, out, err);
    if (json_array_size(env->done) == 0)
        return 0; /* skipped: no contacts, or none with a query */
    const char *status;
    const json_t *e = act_single_effect(env, &status);
    const char *query = jx_str(env->state, "query");
    json_t *search = search_of(e, query);
    /* Later steps see the results (an empty list when none). */
    json_object_set_new(env->ctx, "search", json_deep_copy(search));
    out->output = search;
    act_count(out, "searches", 1);
    if (strcmp(status, "done") != 0) {
        const char *why = e ? jx_str(e, "error") : NULL;
        return err_set(err, E_UPSTREAM, "%s",
                       why ? why : "Web search unavailable");
    }
    if (json_integer_value(json_object_get(search, "count")) == 0)
        found_nothing(out, query);
    return 0;
}
