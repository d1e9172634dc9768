/*
 * report: an agent's figures over a period (the dashboard) and every
 * agent's side by side. (The export of the runs themselves is the
 * history's: history.c.)
 *
 * All of it is counted from the executions table on each request: a
 * period is an index range of (workspace, agent, id) rows, and the
 * retention of the history (30 or 365 days) bounds how many there are.
 * A run's success is counted over the runs that ended (completed, failed
 * or canceled): a run still under way has no outcome yet, and a skipped
 * record (a Paused agent's event) never ran.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/jsonx.h"
#include "crm/resources.h"
#include "engine/internal.h"

#define SUCCESS_TARGET 90 /* percent (NFR35) */
#define SUCCESS_WARN 80   /* below it the dashboard warns */
#define TIME_TARGET_US (30LL * 1000000) /* a run's work under 30 s (NFR1) */

int report_range_parse(const char *s, int *days)
{
    if (!s || !strcmp(s, "30d"))
        *days = 30;
    else if (!strcmp(s, "7d"))
        *days = 7;
    else if (!strcmp(s, "90d"))
        *days = 90;
    else if (!strcmp(s, "all"))
        *days = 0;
    else
        return -1;
    return 0;
}

/* The figures of one period [from, to) of one agent (0: every agent). */
struct figures {
    int64_t total, completed, failed, canceled, skipped, active, timed,
        under;
    double avg_ms, avg_active_us;
    bool has_avg;
    json_t *totals; /* counts summed: {"contactsProcessed": 12, ...} */
};

#define ENDED "(status = 'completed' OR status = 'failed' OR status = " \
              "'canceled')"

/* ?1 workspace, ?2 agent (0: every one), ?3 and ?4 the period. */
static void bind_period(struct db_stmt *st, const struct crm_ctx *ctx,
                        int64_t agent, int64_t from, int64_t to)
{
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, agent);
    db_bind_int(st, 3, from);
    db_bind_int(st, 4, to);
}

static int figures_of(struct crm_ctx *ctx, int64_t agent, int64_t from,
                      int64_t to, struct figures *f, struct err *err)
{
    memset(f, 0, sizeof *f);
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT COUNT(*), TOTAL(status = 'completed'), TOTAL(status = "
        "'failed'), TOTAL(status = 'canceled'), TOTAL(status = 'skipped'), "
        "TOTAL(status = 'queued' OR status = 'running' OR status = "
        "'waiting'), AVG(CASE WHEN " ENDED " AND started_at IS NOT NULL "
        "THEN duration_ms END), AVG(CASE WHEN " ENDED " AND started_at IS "
        "NOT NULL THEN active_us END), TOTAL(" ENDED " AND started_at IS NOT "
        "NULL), TOTAL(" ENDED " AND started_at IS NOT NULL AND active_us < "
        "?5) FROM executions WHERE workspace_id = ?1 AND (?2 = 0 OR "
        "agent_id = ?2) AND created_at >= ?3 AND created_at < ?4",
        err);
    if (!st)
        return -E_INTERNAL;
    bind_period(st, ctx, agent, from, to);
    db_bind_int(st, 5, TIME_TARGET_US);
    int rc = db_step(st, err);
    if (rc == DB_ROW) {
        f->total = db_col_int(st, 0);
        f->completed = (int64_t)db_col_double(st, 1);
        f->failed = (int64_t)db_col_double(st, 2);
        f->canceled = (int64_t)db_col_double(st, 3);
        f->skipped = (int64_t)db_col_double(st, 4);
        f->active = (int64_t)db_col_double(st, 5);
        f->has_avg = !db_col_is_null(st, 6);
        f->avg_ms = db_col_double(st, 6);
        f->avg_active_us = db_col_double(st, 7);
        f->timed = (int64_t)db_col_double(st, 8);
        f->under = (int64_t)db_col_double(st, 9);
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    st = db_prepare(ctx->db,
                    "SELECT j.key, TOTAL(j.value) FROM executions e, "
                    "json_each(e.summary) j WHERE e.workspace_id = ?1 AND "
                    "(?2 = 0 OR e.agent_id = ?2) AND e.created_at >= ?3 AND "
                    "e.created_at < ?4 AND j.type = 'integer' GROUP BY "
                    "j.key ORDER BY j.key",
                    err);
    if (!st)
        return -E_INTERNAL;
    bind_period(st, ctx, agent, from, to);
    f->totals = json_object();
    while ((rc = db_step(st, err)) == DB_ROW)
        json_object_set_new(f->totals, db_col_text(st, 0),
                            json_integer((json_int_t)db_col_double(st, 1)));
    db_reset(st);
    if (rc < 0) {
        json_decref(f->totals);
        f->totals = NULL;
        return rc;
    }
    return 0;
}

static int64_t ended(const struct figures *f)
{
    return f->completed + f->failed + f->canceled;
}

/* A percentage of whole runs, or null when there is nothing to divide. */
static json_t *rate(int64_t part, int64_t whole)
{
    if (whole <= 0)
        return json_null();
    return json_real((double)(part * 1000 / whole) / 10.0);
}

/* "18s", "2.4s", "40ms" */
static void seconds_text(double us, char *buf, size_t size)
{
    double s = us / 1e6;
    if (s < 1)
        snprintf(buf, size, "%.0fms", us / 1000);
    else if (s < 10)
        snprintf(buf, size, "%.1fs", s);
    else
        snprintf(buf, size, "%.0fs", s);
}

/* The figures as JSON; texts and the warning for the dashboard itself
 * (`texts`), the plain figures for the period before and the table. */
static json_t *figures_json(const struct figures *f, bool texts)
{
    int64_t done = ended(f);
    json_t *o = json_pack(
        "{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:O}",
        "executions", (json_int_t)f->total, "completed",
        (json_int_t)f->completed, "failed", (json_int_t)f->failed,
        "canceled", (json_int_t)f->canceled, "skipped",
        (json_int_t)f->skipped, "active", (json_int_t)f->active, "ended",
        (json_int_t)done, "successRate", rate(f->completed, done),
        "failureRate", rate(f->failed, done), "avgDurationMs",
        f->has_avg ? json_integer((json_int_t)(f->avg_ms + 0.5))
                   : json_null(),
        "avgActiveMs",
        f->timed ? json_integer((json_int_t)(f->avg_active_us / 1000 + 0.5))
                 : json_null(),
        "under30sRate", rate(f->under, f->timed), "totals", f->totals);
    if (!texts)
        return o;
    char text[200];
    if (done > 0) {
        snprintf(text, sizeof text, "%lld%% (%lld of %lld executions)",
                 (long long)(f->completed * 100 / done),
                 (long long)f->completed, (long long)done);
        json_object_set_new(o, "successText", json_string(text));
    } else {
        json_object_set_new(o, "successText", json_null());
    }
    if (f->timed > 0) {
        char secs[32];
        seconds_text(f->avg_active_us, secs, sizeof secs);
        snprintf(text, sizeof text,
                 "Avg execution time: %s (%lld%% under 30s target)", secs,
                 (long long)(f->under * 100 / f->timed));
        json_object_set_new(o, "timeText", json_string(text));
    } else {
        json_object_set_new(o, "timeText", json_null());
    }
    json_t *advice = json_array();
    if (done > 0 && f->completed * 100 < (int64_t)SUCCESS_WARN * done) {
        snprintf(text, sizeof text,
                 "\xe2\x9a\xa0\xef\xb8\x8f Success rate below target "
                 "(%lld%%)",
                 (long long)(f->completed * 100 / done));
        json_object_set_new(o, "warning", json_string(text));
        json_array_append_new(
            advice,
            json_string("Review recent failures and update instructions"));
    } else {
        json_object_set_new(o, "warning", json_null());
    }
    json_object_set_new(o, "recommendations", advice);
    json_object_set_new(o, "successTarget", json_integer(SUCCESS_TARGET));
    return o;
}

static void figures_fini(struct figures *f)
{
    json_decref(f->totals);
    f->totals = NULL;
}

int engine_agent_exists(struct crm_ctx *ctx, int64_t id, char *name,
                        size_t size, struct err *err)
{
    json_t *a = NULL;
    int rc = entity_get(ctx, &crm_agents, id, &a, err);
    if (!rc)
        snprintf(name, size, "%s", jx_str(a, "name"));
    json_decref(a);
    return rc;
}

static json_t *time_json(int64_t ms)
{
    char buf[40];
    clock_format_iso(ms, buf, sizeof buf);
    return json_string(buf);
}

int engine_agent_dashboard(struct crm_ctx *ctx, int64_t agent_id, int days,
                           json_t **out, struct err *err)
{
    *out = NULL;
    char name[208];
    int rc = engine_agent_exists(ctx, agent_id, name, sizeof name, err);
    if (rc)
        return rc;
    int64_t now = clock_now_ms();
    int64_t span = (int64_t)days * MS_PER_DAY;
    int64_t from = days ? now - span : 0;
    struct figures cur, prev = {0};
    rc = figures_of(ctx, agent_id, from, now + 1, &cur, err);
    if (rc)
        return rc;
    if (days)
        rc = figures_of(ctx, agent_id, from - span, from, &prev, err);
    if (rc) {
        figures_fini(&cur);
        return rc;
    }
    json_t *o = figures_json(&cur, true);
    char range[8];
    snprintf(range, sizeof range, days ? "%dd" : "all", days);
    json_object_set_new(o, "agentId", json_integer(agent_id));
    json_object_set_new(o, "agentName", json_string(name));
    json_object_set_new(o, "dateRange", json_string(range));
    json_object_set_new(o, "from", days ? time_json(from) : json_null());
    json_object_set_new(o, "to", time_json(now));
    json_object_set_new(o, "previous",
                        days ? figures_json(&prev, false) : json_null());
    figures_fini(&cur);
    figures_fini(&prev);
    *out = o;
    return 0;
}

/* ---- every agent side by side ------------------------------------------ */

static const char *const sort_keys[] = {
    "name",        "executions",  "completed",         "failed",
    "successRate", "avgActiveMs", "contactsProcessed", NULL};

bool report_sort_known(const char *sort)
{
    if (!sort)
        return true;
    if (*sort == '-')
        sort++;
    for (const char *const *k = sort_keys; *k; k++)
        if (!strcmp(*k, sort))
            return true;
    return false;
}

/* A row of the table with its sort key taken out, so that the comparison
 * needs nothing but its two rows. */
struct sort_row {
    json_t *row;
    const char *text; /* the key when it is text (a name) */
    double num;
    bool none;        /* no figure (no runs): last, in either order */
    int sign;         /* 1 ascending, -1 descending */
    int64_t id;
};

static int by_key(const void *a, const void *b)
{
    const struct sort_row *x = a, *y = b;
    if (x->none != y->none)
        return x->none - y->none;
    int c = 0;
    if (x->text && y->text)
        c = strcasecmp(x->text, y->text);
    else if (!x->none)
        c = x->num < y->num ? -1 : x->num > y->num;
    c *= x->sign;
    /* then the agent's id, for a stable order */
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

int engine_agents_dashboard(struct crm_ctx *ctx, int days, const char *sort,
                            json_t **out, struct err *err)
{
    *out = NULL;
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT id, name, status FROM agents WHERE workspace_id = ?1 AND "
        "deleted_at IS NULL ORDER BY id",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    json_t *agents = json_array();
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW)
        json_array_append_new(
            agents, json_pack("{s:I, s:s, s:s}", "agentId",
                              (json_int_t)db_col_int(st, 0), "name",
                              db_col_text(st, 1), "status",
                              db_col_text(st, 2)));
    db_reset(st);
    int64_t now = clock_now_ms();
    int64_t from = days ? now - (int64_t)days * MS_PER_DAY : 0;
    size_t i;
    json_t *a;
    json_array_foreach(agents, i, a)
    {
        if (rc < 0)
            break;
        struct figures f;
        rc = figures_of(ctx, json_integer_value(json_object_get(a, "agentId")),
                        from, now + 1, &f, err);
        if (rc)
            break;
        json_t *fig = figures_json(&f, false);
        json_object_update(a, fig);
        json_decref(fig);
        json_object_set_new(
            a, "contactsProcessed",
            json_integer(json_integer_value(
                json_object_get(f.totals, "contactsProcessed"))));
        figures_fini(&f);
    }
    if (rc < 0) {
        json_decref(agents);
        return rc;
    }
    const char *key = sort ? sort : "-executions";
    bool desc = *key == '-';
    const char *field = desc ? key + 1 : key;
    size_t n = json_array_size(agents);
    struct sort_row *rows = calloc(n ? n : 1, sizeof *rows);
    json_array_foreach(agents, i, a)
    {
        const json_t *v = json_object_get(a, field);
        rows[i] = (struct sort_row){
            .row = a,
            .text = json_string_value(v),
            .num = json_number_value(v),
            .none = !v || json_is_null(v),
            .sign = desc ? -1 : 1,
            .id = json_integer_value(json_object_get(a, "agentId")),
        };
    }
    qsort(rows, n, sizeof *rows, by_key);
    json_t *data = json_array();
    for (i = 0; i < n; i++)
        json_array_append(data, rows[i].row);
    free(rows);
    json_decref(agents);
    char range[8];
    snprintf(range, sizeof range, days ? "%dd" : "all", days);
    *out = json_pack("{s:o, s:s, s:s, s:o, s:o}", "data", data, "dateRange",
                     range, "sort", key, "from",
                     days ? time_json(from) : json_null(), "to",
                     time_json(now));
    return 0;
}
