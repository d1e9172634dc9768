/*
 * h_exec: running agents and their execution history over HTTP.
 *
 * Triggers answer as soon as the run is admitted (202 with its
 * executionId); the work happens in the engine's workers. Owners and
 * admins see full execution logs, members and viewers the summary.
 */
#include <stdlib.h>
#include <string.h>

#include "api/app.h"
#include "crm/identity.h"
#include "api/auth.h"
#include "api/handlers.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "engine/engine.h"

static int need_engine(const struct api_req *rq, struct err *err)
{
    if (!rq->app || !rq->app->engine)
        return err_set(err, E_UNAVAILABLE,
                       "The execution engine is not running in this "
                       "process");
    return 0;
}

/* Owners and admins see full execution logs; the one place that says so
 * (for a request, and for a stream's watcher as their role changes). */
static bool full_for(enum role r)
{
    return r >= ROLE_ADMIN;
}

static bool full_log(const struct api_req *rq)
{
    return full_for(rq->role);
}

int h_agent_execute(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    int rc = need_engine(rq, err);
    if (rc)
        return rc;
    const json_t *input = NULL;
    if (rq->json) {
        json_t *in;
        static const char *const keys[] = {"input", NULL};
        rc = api_body_object(rq, &in, err);
        if (!rc)
            rc = api_only_keys(in, keys, err);
        if (rc)
            return rc;
        input = json_object_get(in, "input");
        if (json_is_null(input))
            input = NULL;
        if (input && !json_is_object(input)) {
            /* @input.name reads fields: a bare value would resolve to
             * nothing in every step. */
            rc = err_set(err, E_BAD_REQUEST,
                         "Field 'input' must be a JSON object, e.g. "
                         "{\"input\": {\"company\": \"Acme\"}}");
            err_detail_str(err, "field", "input");
            return rc;
        }
    }
    struct crm_ctx ctx = api_crm_ctx(rq);
    json_t *out;
    rc = engine_run_manual(rq->app->engine, &ctx, rq->id, input, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 202, out);
}

/* A query parameter's error: "Query parameter 'name' <what>", with the
 * parameter in details. */
static int bad_query(struct err *err, const char *name, const char *what)
{
    int rc = err_set(err, E_BAD_REQUEST, "Query parameter '%s' %s", name,
                     what);
    err_detail_str(err, "parameter", name);
    return rc;
}

/* ?status=&trigger=&from=&to=&q=&limit=&cursor= */
static int exec_query(const struct api_req *rq, struct exec_query *q,
                      struct err *err)
{
    memset(q, 0, sizeof *q);
    int64_t before;
    int rc = api_page_args(rq, &q->limit, &before, err);
    if (rc)
        return rc;
    q->before = before == INT64_MAX ? 0 : before;
    q->status = api_query(rq, "status");
    if (q->status) {
        static const char *const ok[] = {"queued",   "running", "waiting",
                                         "completed", "failed", "canceled",
                                         "skipped",  NULL};
        bool good = false;
        for (const char *const *s = ok; *s; s++)
            good = good || strcmp(*s, q->status) == 0;
        if (!good) {
            return bad_query(err, "status",
                             "must be one of queued, running, waiting, "
                             "completed, failed, canceled, skipped");
        }
    }
    q->trigger = api_query(rq, "trigger");
    /* A name runs never have ("schedule" for "scheduled") would list
     * nothing and look like an empty history. */
    static const char *const triggers[] = {
        "manual", "scheduled", "event", "webhook", "agent",
        "event:contact_created", "event:deal_stage_updated",
        "event:form_submitted", NULL};
    bool known = !q->trigger;
    for (const char *const *t = triggers; !known && *t; t++)
        known = strcmp(*t, q->trigger) == 0;
    if (!known) {
        return bad_query(err, "trigger",
                         "must be manual, scheduled, event, webhook, agent "
                         "or an event type such as event:contact_created");
    }
    const char *names[] = {"from", "to"};
    int64_t *dst[] = {&q->from, &q->to};
    for (int i = 0; i < 2; i++) {
        const char *v = api_query(rq, names[i]);
        if (v && clock_parse_when(v, clock_now_ms(), dst[i])) {
            return bad_query(err, names[i],
                             "must be an ISO 8601 time or now/today with an "
                             "offset such as now-7d");
        }
    }
    q->q = api_query(rq, "q");
    if (q->q && strlen(q->q) > 200)
        return err_set(err, E_BAD_REQUEST,
                       "Query parameter 'q' is longer than 200 characters");
    const char *agent = api_query(rq, "agentId");
    if (agent && (str_parse_i64(agent, &q->agent_id) || q->agent_id < 1)) {
        return bad_query(err, "agentId", "must be a positive integer");
    }
    return 0;
}

int h_executions_list(struct api_req *rq, struct api_resp *rs,
                      struct err *err)
{
    struct exec_query q;
    int rc = exec_query(rq, &q, err);
    if (rc)
        return rc;
    if (rq->id)
        q.agent_id = rq->id; /* /agents/:id/executions */
    struct crm_ctx ctx = api_crm_ctx(rq);
    json_t *out;
    rc = engine_execution_list(&ctx, &q, full_log(rq), &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

int h_execution_get(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    struct crm_ctx ctx = api_crm_ctx(rq);
    json_t *out;
    int rc = engine_execution_get(&ctx, rq->id, full_log(rq), &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

/*
 * GET .../executions/:id/events: the run as server-sent events while it
 * goes. The first call sends it whole ("execution" without its steps, then
 * a "step" for each); later calls send the run again when anything of it
 * changed and each step that is new or changed, and "end" once it ended.
 * Changes are found by comparing what would be sent with what was, so a
 * client that applies the events in order holds what GET
 * .../executions/:id shows.
 */
/* Who watches a stream, checked again while it lasts: a member removed
 * from the workspace stops seeing its runs, and one whose role changed
 * sees what the new role sees (full log or summary). */
struct watcher {
    int64_t ws, user_id;
    bool full;
    int64_t checked_ns;
    char cred_kind; /* the credential it came with (http.h) */
    unsigned char cred_hash[CRY_HASH_BYTES];
};

#define WATCHER_RECHECK_NS INT64_C(1000000000) /* at most once a second */

static void watcher_init(struct watcher *w, const struct api_req *rq)
{
    w->ws = rq->ws;
    w->user_id = rq->user_id;
    w->full = full_log(rq);
    w->checked_ns = clock_mono_ns();
    w->cred_kind = rq->cred_kind;
    memcpy(w->cred_hash, rq->cred_hash, sizeof w->cred_hash);
}

static int watcher_check(struct watcher *w, struct db *db, struct err *err)
{
    int64_t now = clock_mono_ns();
    if (now - w->checked_ns < WATCHER_RECHECK_NS)
        return 0;
    w->checked_ns = now;
    bool live = true;
    int rc = w->cred_kind ? identity_credential_live(db, w->cred_kind,
                                                     w->cred_hash,
                                                     w->user_id, &live, err)
                          : 0;
    if (rc)
        return rc;
    if (!live)
        return err_set(err, E_UNAUTHORIZED,
                       w->cred_kind == 't'
                           ? "The API token of this stream was revoked or "
                             "has expired"
                           : "The session of this stream has ended; sign "
                             "in again");
    char role[16];
    bool can_trigger;
    rc = identity_membership(db, w->ws, w->user_id, role, &can_trigger, err);
    if (rc)
        return rc;
    enum role r = auth_role_parse(role);
    if (r == ROLE_NONE)
        return err_set(err, E_FORBIDDEN,
                       "You are no longer a member of workspace %lld",
                       (long long)w->ws);
    w->full = full_for(r);
    return 0;
}

struct exec_watch {
    struct watcher who;
    int64_t id;
    char *stamp;  /* engine_execution_stamp() at the last look */
    char *run;    /* the run as last sent, without its steps */
    char **steps; /* each step as last sent */
    size_t nsteps;
};

static void watch_free(void *state)
{
    struct exec_watch *w = state;
    free(w->stamp);
    free(w->run);
    for (size_t i = 0; i < w->nsteps; i++)
        free(w->steps[i]);
    free(w->steps);
    free(w);
}

/* Sends text as event `name` unless it is what *last holds; keeps it. */
static void send_changed(struct buf *out, const char *name, char **last,
                         char *text)
{
    if (*last && strcmp(*last, text) == 0) {
        free(text);
        return;
    }
    api_sse_event(out, name, text);
    free(*last);
    *last = text;
}

static int watch_next(void *state, struct db *db, struct buf *out,
                      bool *done, struct err *err)
{
    struct exec_watch *w = state;
    bool was_full = w->who.full;
    int rc = watcher_check(&w->who, db, err);
    if (rc)
        return rc;
    struct crm_ctx ctx = {.db = db, .ws = w->who.ws,
                          .user_id = w->who.user_id};
    /* Most looks find nothing new: the stamp tells for a fifth of the
     * cost of reading the run. */
    char *stamp;
    rc = engine_execution_stamp(&ctx, w->id, &stamp, err);
    if (rc)
        return rc;
    if (w->stamp && strcmp(stamp, w->stamp) == 0 && was_full == w->who.full) {
        free(stamp);
        return 0;
    }
    free(w->stamp);
    w->stamp = stamp;
    json_t *x;
    rc = engine_execution_get(&ctx, w->id, w->who.full, &x, err);
    if (rc)
        return rc;
    json_t *steps = json_incref(json_object_get(x, "steps"));
    json_object_del(x, "steps");
    send_changed(out, "execution", &w->run, jx_dump(x));
    size_t n = json_array_size(steps);
    if (n > w->nsteps) {
        w->steps = xrealloc(w->steps, n * sizeof *w->steps);
        memset(w->steps + w->nsteps, 0, (n - w->nsteps) * sizeof *w->steps);
        w->nsteps = n;
    }
    for (size_t i = 0; i < n; i++)
        send_changed(out, "step", &w->steps[i],
                     jx_dump(json_array_get(steps, i)));
    const char *status = jx_str(x, "status");
    if (engine_status_ended(status)) {
        json_t *end = json_pack("{s:I, s:s}", "executionId",
                                (json_int_t)w->id, "status", status);
        char *text = jx_dump(end);
        api_sse_event(out, "end", text);
        free(text);
        json_decref(end);
        *done = true;
    }
    json_decref(steps);
    json_decref(x);
    return 0;
}

int h_execution_events(struct api_req *rq, struct api_resp *rs,
                       struct err *err)
{
    struct exec_watch *w = xcalloc(1, sizeof *w);
    watcher_init(&w->who, rq);
    w->id = rq->id;
    /* (a run that does not exist is a 404 like GET .../executions/:id,
     * not an empty stream) */
    return api_stream_start(rq, rs, watch_next, watch_free, w, rq->id, err);
}

/*
 * GET .../executions/events (and .../agents/:id/executions/events): the
 * history as it changes, for a list that stays current. First the runs
 * that have not ended, then each run that starts or changes, as an
 * "execution" event with the list's row. The stream goes on until the
 * client leaves (or the server's limit on a stream's life).
 */
struct list_watch {
    struct watcher who;
    int64_t agent_id, after;
    json_t *watch; /* {"id": stamp} of the runs followed */
};

static void list_watch_free(void *state)
{
    struct list_watch *w = state;
    json_decref(w->watch);
    free(w);
}

static int list_watch_next(void *state, struct db *db, struct buf *out,
                           bool *done, struct err *err)
{
    (void)done;
    struct list_watch *w = state;
    int rc = watcher_check(&w->who, db, err);
    if (rc)
        return rc;
    struct crm_ctx ctx = {.db = db, .ws = w->who.ws,
                          .user_id = w->who.user_id};
    json_t *rows;
    rc = engine_execution_follow(&ctx, w->agent_id, w->who.full, &w->after,
                                 w->watch, &rows, err);
    if (rc)
        return rc;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        char *text = jx_dump(row);
        api_sse_event(out, "execution", text);
        free(text);
    }
    json_decref(rows);
    return 0;
}

int h_executions_events(struct api_req *rq, struct api_resp *rs,
                        struct err *err)
{
    int64_t agent_id = rq->id; /* /agents/:id/executions/events */
    const char *a = api_query(rq, "agentId");
    if (a && (str_parse_i64(a, &agent_id) || agent_id < 1))
        return bad_query(err, "agentId", "must be a positive integer");
    if (agent_id) {
        char name[208];
        struct crm_ctx ctx = api_crm_ctx(rq);
        int rc = engine_agent_exists(&ctx, agent_id, name, sizeof name, err);
        if (rc)
            return rc;
    }
    struct list_watch *w = xcalloc(1, sizeof *w);
    watcher_init(&w->who, rq);
    w->agent_id = agent_id;
    w->after = -1;
    w->watch = json_object();
    return api_stream_start(rq, rs, list_watch_next, list_watch_free, w, 0,
                            err);
}

/* The body of an operation: empty, or an object of the allowed keys. */
static int op_body(const struct api_req *rq, const char *const *keys,
                   json_t **in, struct err *err)
{
    *in = NULL;
    if (!rq->json)
        return 0;
    int rc = api_body_object(rq, in, err);
    if (!rc)
        rc = api_only_keys(*in, keys, err);
    return rc;
}

static const char *const no_keys[] = {NULL};

typedef int (*exec_op)(struct engine *e, struct crm_ctx *ctx, int64_t id,
                       json_t **out, struct err *err);

/* An operation on one execution; answers with the execution after it. */
static int run_op(struct api_req *rq, struct api_resp *rs, exec_op op,
                  int status, struct err *err)
{
    int rc = need_engine(rq, err);
    json_t *in;
    if (!rc)
        rc = op_body(rq, no_keys, &in, err);
    if (rc)
        return rc;
    struct crm_ctx ctx = api_crm_ctx(rq);
    ctx.show_secrets = full_log(rq);
    json_t *out;
    rc = op(rq->app->engine, &ctx, rq->id, &out, err);
    if (rc)
        return rc;
    return api_json(rs, status, out);
}

int h_execution_cancel(struct api_req *rq, struct api_resp *rs,
                       struct err *err)
{
    return run_op(rq, rs, engine_cancel, 200, err);
}

int h_execution_approve(struct api_req *rq, struct api_resp *rs,
                        struct err *err)
{
    return run_op(rq, rs, engine_approve, 200, err);
}

int h_execution_resume(struct api_req *rq, struct api_resp *rs,
                       struct err *err)
{
    return run_op(rq, rs, engine_resume, 200, err);
}

int h_execution_retry(struct api_req *rq, struct api_resp *rs,
                      struct err *err)
{
    return run_op(rq, rs, engine_retry, 202, err);
}

/* Whether the caller is an owner or admin travels in ctx.show_secrets. */
static int handoff_op(struct engine *e, struct crm_ctx *ctx, int64_t id,
                      json_t **out, struct err *err)
{
    return engine_handoff_complete(e, ctx, id, ctx->show_secrets, out, err);
}

int h_execution_handoff_complete(struct api_req *rq, struct api_resp *rs,
                                 struct err *err)
{
    return run_op(rq, rs, handoff_op, 200, err);
}

int h_execution_reject(struct api_req *rq, struct api_resp *rs,
                       struct err *err)
{
    int rc = need_engine(rq, err);
    json_t *in;
    static const char *const keys[] = {"reason", NULL};
    const char *reason = NULL;
    if (!rc)
        rc = op_body(rq, keys, &in, err);
    if (!rc && in)
        rc = api_str(in, "reason", false, 500, &reason, err);
    if (rc)
        return rc;
    struct crm_ctx ctx = api_crm_ctx(rq);
    ctx.show_secrets = full_log(rq);
    json_t *out;
    rc = engine_reject(rq->app->engine, &ctx, rq->id, reason, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

/* POST /api/hooks/:id — no session or token: the agent's webhook secret,
 * in X-Agentd-Secret / X-Webhook-Secret or ?secret=. */
int h_webhook(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    int rc = need_engine(rq, err);
    if (rc)
        return rc;
    const char *secret = rq->webhook_secret ? rq->webhook_secret
                                            : api_query(rq, "secret");
    const char *key = rq->idempotency_key;
    if (key && (strlen(key) > 200 || !*key))
        return err_set(err, E_BAD_REQUEST,
                       "Idempotency-Key must be 1 to 200 characters");
    json_t *out;
    bool dup;
    rc = engine_webhook(rq->app->engine, rq->db, rq->id, secret, key,
                        rq->json, &out, &dup, err);
    if (rc)
        return rc;
    return api_json(rs, 202, out);
}

/* ---- dashboard and export ------------------------------------------------ */

static int range_arg(const struct api_req *rq, int *days, struct err *err)
{
    if (report_range_parse(api_query(rq, "dateRange"), days) == 0)
        return 0;
    return bad_query(err, "dateRange", "must be 7d, 30d, 90d or all");
}

int h_agent_dashboard(struct api_req *rq, struct api_resp *rs,
                      struct err *err)
{
    int days;
    int rc = range_arg(rq, &days, err);
    if (rc)
        return rc;
    struct crm_ctx ctx = api_crm_ctx(rq);
    json_t *out;
    rc = engine_agent_dashboard(&ctx, rq->id, days, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

int h_dashboard(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    int days;
    int rc = range_arg(rq, &days, err);
    if (rc)
        return rc;
    const char *sort = api_query(rq, "sort");
    if (!report_sort_known(sort)) {
        return bad_query(err, "sort",
                         "must be one of name, executions, completed, "
                         "failed, successRate, avgActiveMs, "
                         "contactsProcessed (with '-' first for the largest "
                         "first)");
    }
    struct crm_ctx ctx = api_crm_ctx(rq);
    json_t *out;
    rc = engine_agents_dashboard(&ctx, days, sort, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

/* GET .../agents/{id}/export-executions and .../executions/export:
 * the history's filters (status, trigger, from, to, q) and a dateRange,
 * as CSV or JSON. */
int h_agent_export_executions(struct api_req *rq, struct api_resp *rs,
                              struct err *err)
{
    struct exec_query q;
    int rc = exec_query(rq, &q, err);
    if (rc)
        return rc;
    q.agent_id = rq->id;
    q.before = 0;
    int days;
    rc = range_arg(rq, &days, err);
    if (rc)
        return rc;
    /* a dateRange narrows `from`; without one, `from` alone (or all) */
    if (api_query(rq, "dateRange") && days) {
        int64_t since = clock_now_ms() - (int64_t)days * MS_PER_DAY;
        if (since > q.from)
            q.from = since;
    }
    const char *format = api_query(rq, "format");
    bool csv = !format || !strcmp(format, "csv");
    if (format && !csv && strcmp(format, "json") != 0) {
        return bad_query(err, "format", "must be csv or json");
    }
    struct crm_ctx ctx = api_crm_ctx(rq);
    char name[208];
    rc = engine_agent_exists(&ctx, rq->id, name, sizeof name, err);
    if (rc)
        return rc;
    struct buf b;
    buf_init(&b, 0);
    rc = engine_execution_export(&ctx, &q, full_log(rq), csv, &b, err);
    if (rc) {
        buf_fini(&b);
        return rc;
    }
    rs->status = 200;
    rs->raw_len = b.len;
    rs->raw = buf_steal(&b);
    rs->content_type = csv ? "text/csv; charset=utf-8" : "application/json";
    char disp[96];
    snprintf(disp, sizeof disp,
             "attachment; filename=\"agent-%lld-executions.%s\"",
             (long long)rq->id, csv ? "csv" : "json");
    rs->disposition = xstrdup(disp);
    return 0;
}
