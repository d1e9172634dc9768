/*
 * history: executions and their steps as the API shows them.
 *
 * Owners and admins see everything the log keeps (step params as run,
 * outputs, trigger data, the plan snapshot); members and viewers see the
 * summary: statuses, times, messages, errors and warnings, without the
 * data the steps worked on. Secrets are never in the log to begin with
 * and message bodies were cut to 100 characters when recorded (exec.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions/action.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/xalloc.h"
#include "engine/internal.h"

#define EXEC_COLS                                                             \
    "id, agent_id, agent_name, agent_deleted, parent_id, retry_of, "         \
    "trigger_type, trigger_data, triggered_by, status, wait_kind, "          \
    "resume_at, message, summary, error, output, created_at, started_at, "   \
    "completed_at, canceled_at, canceled_by, duration_ms, steps_done, "      \
    "steps_total, cursor, blocked, active_us"

static json_t *time_or_null(struct db_stmt *st, int col)
{
    if (db_col_is_null(st, col))
        return json_null();
    char buf[40];
    clock_format_iso(db_col_int(st, col), buf, sizeof buf);
    return json_string(buf);
}

static json_t *int_or_null(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? json_null()
                                   : json_integer(db_col_int(st, col));
}

static json_t *doc_or_null(struct db_stmt *st, int col)
{
    json_t *v = jx_load(db_col_text(st, col));
    return v ? v : json_null();
}

static json_t *exec_row(struct db_stmt *st, bool full)
{
    const char *name = db_col_text(st, 2);
    bool deleted = db_col_int(st, 3) != 0;
    char label[300];
    snprintf(label, sizeof label, "Agent '%s'%s", name,
             deleted ? " (deleted)" : "");
    json_t *counts = doc_or_null(st, 13);
    struct buf b;
    buf_init(&b, 4096);
    exec_summary_text(counts, &b);
    const char *status = db_col_text(st, 9);
    int64_t total = db_col_int(st, 23);
    /* Top-level steps done: the cursor's outer index. */
    int64_t done = total;
    json_t *cursor = jx_load(db_col_text(st, 24));
    if (json_array_size(cursor))
        jx_int(json_array_get(cursor, 0), "i", &done);
    json_decref(cursor);
    if (strcmp(status, EX_COMPLETED) && done > total)
        done = total;
    char progress[80];
    snprintf(progress, sizeof progress, "Step %lld of %lld completed",
             (long long)done, (long long)total);
    json_t *o = json_pack(
        "{s:I, s:I, s:I, s:s, s:b, s:s, s:o, s:o, s:s, s:o, s:s, s:o, s:o, "
        "s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:{s:I, s:I, "
        "s:s}, s:b}",
        "id", (json_int_t)db_col_int(st, 0), "executionId",
        (json_int_t)db_col_int(st, 0), "agentId",
        (json_int_t)db_col_int(st, 1), "agentName", name, "agentDeleted",
        deleted, "agentLabel", label, "parentId", int_or_null(st, 4),
        "retryOf", int_or_null(st, 5), "triggerType", db_col_text(st, 6),
        "triggeredBy", int_or_null(st, 8), "status", status, "waitKind",
        jx_string_or_null(db_col_text(st, 10)), "resumeAt",
        time_or_null(st, 11), "message",
        jx_string_or_null(db_col_text(st, 12)), "summary", buf_cstr(&b),
        "counts", counts, "error", doc_or_null(st, 14), "createdAt",
        time_or_null(st, 16), "startedAt", time_or_null(st, 17),
        "completedAt", time_or_null(st, 18), "canceledAt",
        time_or_null(st, 19), "canceledBy", int_or_null(st, 20),
        "durationMs", int_or_null(st, 21), "stepsDone",
        (json_int_t)db_col_int(st, 22), "progress", "completed",
        (json_int_t)done, "total", (json_int_t)total, "text", progress,
        "queuedBehindActiveRun", db_col_int(st, 25) != 0);
    buf_fini(&b);
    /* Time the workers spent on it, which the run timeout bounds; a wait
     * is in durationMs, not here. */
    json_object_set_new(o, "activeMs",
                        json_integer(db_col_int(st, 26) / 1000));
    json_object_set_new(o, "triggeredByType",
                        json_string(db_col_is_null(st, 8) ? "system"
                                                          : "user"));
    if (full) {
        json_object_set_new(o, "trigger", doc_or_null(st, 7));
        json_object_set_new(o, "output", doc_or_null(st, 15));
    }
    return o;
}

/* The runs q selects, newest first, at most `limit` (-1: all). `q` is
 * the agent's name, the run's message and error, and for owners and
 * admins (`full`) also what the run worked on: its trigger data, output
 * and every step's params and output ("john@acme.com" finds the runs that
 * e-mailed him). Members and viewers do not see those, so they cannot
 * search them either. */
#define EXEC_QUERY_WHERE                                                      \
    "AND (?3 IS NULL OR status = ?3) AND (?4 IS NULL OR trigger_type = ?4 "   \
    "OR trigger_type LIKE ?4 || ':%') AND (?5 = 0 OR created_at >= ?5) AND "  \
    "(?6 = 0 OR created_at < ?6) AND (?7 IS NULL OR agentd_contains("         \
    "agent_name, ?7) OR agentd_contains(message, ?7) OR agentd_contains("     \
    "error, ?7) OR (?10 AND (agentd_contains(trigger_data, ?7) OR "           \
    "agentd_contains(output, ?7) OR EXISTS (SELECT 1 FROM execution_steps s " \
    "WHERE s.id BETWEEN executions.id * 1048576 AND executions.id * 1048576 " \
    "+ 1048575 AND (agentd_contains(s.params, ?7) OR agentd_contains("        \
    "s.output, ?7)))))) AND (?8 = 0 OR id < ?8) ORDER BY id DESC LIMIT ?9"

static struct db_stmt *list_stmt(struct crm_ctx *ctx,
                                 const struct exec_query *q, bool full,
                                 int64_t limit, struct err *err)
{
    /* Two statements, so that each can use its index: (workspace, id) or
     * (workspace, agent, id), newest first. */
    const char *sql =
        q->agent_id ? "SELECT " EXEC_COLS " FROM executions WHERE "
                      "workspace_id = ?1 AND agent_id = ?2 " EXEC_QUERY_WHERE
                    : "SELECT " EXEC_COLS " FROM executions WHERE "
                      "workspace_id = ?1 AND ?2 = 0 " EXEC_QUERY_WHERE;
    struct db_stmt *st = db_prepare(ctx->db, sql, err);
    if (!st)
        return NULL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, q->agent_id);
    db_bind_text(st, 3, q->status);
    db_bind_text(st, 4, q->trigger);
    db_bind_int(st, 5, q->from);
    db_bind_int(st, 6, q->to);
    db_bind_text(st, 7, q->q && *q->q ? q->q : NULL);
    db_bind_int(st, 8, q->before);
    db_bind_int(st, 9, limit);
    db_bind_int(st, 10, full);
    return st;
}

int engine_execution_list(struct crm_ctx *ctx, const struct exec_query *q,
                          bool full, json_t **out, struct err *err)
{
    *out = NULL;
    int limit = q->limit > 0 ? q->limit : 50;
    struct db_stmt *st = list_stmt(ctx, q, full, limit + 1, err);
    if (!st)
        return -E_INTERNAL;
    json_t *data = json_array();
    int rc;
    int64_t last = 0;
    bool more = false;
    while ((rc = db_step(st, err)) == DB_ROW) {
        if ((int)json_array_size(data) == limit) {
            more = true;
            break;
        }
        last = db_col_int(st, 0);
        json_array_append_new(data, exec_row(st, full));
    }
    db_reset(st);
    if (rc < 0) {
        json_decref(data);
        return rc;
    }
    char cursor[32];
    snprintf(cursor, sizeof cursor, "%lld", (long long)last);
    *out = json_pack("{s:o, s:o, s:i}", "data", data, "nextCursor",
                     more ? json_string(cursor) : json_null(), "limit", limit);
    return 0;
}

static json_t *step_row(struct db_stmt *st, bool full)
{
    int64_t started = db_col_int(st, 6);
    json_t *o = json_pack(
        "{s:I, s:i, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "seq",
        (json_int_t)db_col_int(st, 0), "index", atoi(db_col_text(st, 1)),
        "path", db_col_text(st, 1), "type", db_col_text(st, 2), "status",
        db_col_text(st, 4), "startedAt", time_or_null(st, 6), "finishedAt",
        time_or_null(st, 7), "durationMs",
        db_col_is_null(st, 7) ? json_null()
                              : json_integer(db_col_int(st, 7) - started),
        "error", jx_string_or_null(db_col_text(st, 9)), "warnings",
        db_col_is_null(st, 10) ? json_array() : doc_or_null(st, 10));
    if (full) {
        json_object_set_new(o, "params", doc_or_null(st, 3));
        json_object_set_new(o, "output", doc_or_null(st, 8));
    }
    return o;
}

/*
 * The calls the step under way is making, while a run makes them:
 * {"path", "type", "total", "done", "failed", "text": "Step 3: Sending
 * emails... (5 of 10 sent)"} in progress.current; null otherwise. The
 * calls finish has not yet reported are the current step's.
 */
static int current_calls(struct crm_ctx *ctx, int64_t id, json_t *progress,
                         struct err *err)
{
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT path, kind, count(*), sum(status = 'done'), sum(status = "
        "'failed'), sum(status = 'pending' OR status = 'held' OR status = "
        "'sending') FROM "
        "effects WHERE execution_id = ?1 AND workspace_id = ?2 AND reported "
        "= 0 GROUP BY path, kind ORDER BY min(id) LIMIT 1",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, ctx->ws);
    int rc = db_step(st, err);
    json_t *cur = json_null();
    if (rc == DB_ROW && db_col_int(st, 5) > 0) {
        const char *path = db_col_text(st, 0), *kind = db_col_text(st, 1);
        const struct action *a = action_find(kind);
        int64_t total = db_col_int(st, 2), done = db_col_int(st, 3),
                failed = db_col_int(st, 4);
        char text[200], fails[40] = "";
        if (failed)
            snprintf(fails, sizeof fails, ", %lld failed", (long long)failed);
        snprintf(text, sizeof text, "Step %.*s: %s... (%lld of %lld %s%s)",
                 (int)strcspn(path, "."), path,
                 a && a->doing ? a->doing : "Working",
                 (long long)done, (long long)total,
                 a && a->did ? a->did : "done", fails);
        cur = json_pack("{s:s, s:s, s:I, s:I, s:I, s:s}", "path", path,
                        "type", kind, "total", (json_int_t)total, "done",
                        (json_int_t)done, "failed", (json_int_t)failed,
                        "text", text);
    }
    db_reset(st);
    json_object_set_new(progress, "current", cur);
    return rc < 0 ? rc : 0;
}

/* A run that ended (failed, canceled, or stopped early) lists the top
 * steps of its plan it never reached, as "not_executed", after the ones
 * it ran: the log shows steps 1-2 done, 3 failed and 4-5 not executed. */
static void not_executed(json_t *steps, const json_t *plan,
                         const char *status, bool full)
{
    if (strcmp(status, EX_COMPLETED) && strcmp(status, EX_FAILED) &&
        strcmp(status, EX_CANCELED))
        return;
    int reached = 0;
    size_t i;
    json_t *s;
    json_array_foreach(steps, i, s)
    {
        int k = (int)json_integer_value(json_object_get(s, "index"));
        if (k > reached)
            reached = k;
    }
    const json_t *all = json_object_get(plan, "steps");
    for (size_t k = (size_t)reached; k < json_array_size(all); k++) {
        const json_t *step = json_array_get(all, k);
        char path[24];
        snprintf(path, sizeof path, "%zu", k + 1);
        json_t *row = json_pack(
            "{s:n, s:I, s:s, s:s, s:s, s:n, s:n, s:n, s:n, s:[]}", "seq",
            "index", (json_int_t)(k + 1), "path", path, "type",
            jx_str(step, "type") ? jx_str(step, "type") : "?", "status",
            "not_executed", "startedAt", "finishedAt", "durationMs", "error",
            "warnings");
        if (full) {
            const json_t *p = json_object_get(step, "params");
            json_object_set_new(row, "params",
                                p ? json_deep_copy(p) : json_object());
            json_object_set_new(row, "output", json_null());
        }
        json_array_append_new(steps, row);
    }
}

bool engine_status_ended(const char *status)
{
    return !strcmp(status, EX_COMPLETED) || !strcmp(status, EX_FAILED) ||
           !strcmp(status, EX_CANCELED) || !strcmp(status, EX_SKIPPED);
}

/* A text that changes whenever what exec_row() shows of a run changes. */
#define ROW_STAMP                                                             \
    "status || '|' || ifnull(wait_kind, '') || '|' || blocked || '|' || "     \
    "cursor || '|' || steps_done || '|' || summary || '|' || "                \
    "ifnull(message, '') || '|' || ifnull(error, '') || '|' || "              \
    "ifnull(output, '') || '|' || ifnull(resume_at, '') || '|' || "           \
    "ifnull(started_at, '') || '|' || ifnull(completed_at, '') || '|' || "    \
    "ifnull(canceled_at, '') || '|' || ifnull(duration_ms, '') || '|' || "    \
    "active_us || '|' || agent_deleted"

int engine_execution_stamp(struct crm_ctx *ctx, int64_t id, char **out,
                           struct err *err)
{
    *out = NULL;
    /* Steps are only added, or finished (a wait's or a handoff's outcome
     * is added with a new finish time): their count and the sum of their
     * finish times tell. */
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT " ROW_STAMP " || '|' || (SELECT count(*) || ',' || "
        "total(finished_at) FROM execution_steps WHERE id BETWEEN ?2 * "
        "1048576 AND ?2 * 1048576 + 1048575) || '|' || (SELECT count(*) || "
        "',' || total(status = 'done') || ',' || total(status = 'failed') "
        "FROM effects WHERE execution_id = ?2 AND workspace_id = ?1 AND "
        "reported = 0) FROM executions WHERE workspace_id = ?1 AND id = ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, id);
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *out = xstrdup(db_col_text(st, 0));
    db_reset(st);
    if (rc == DB_DONE)
        return err_set(err, E_NOT_FOUND, "Execution %lld not found",
                       (long long)id);
    return rc < 0 ? rc : 0;
}

/* Rows of st (EXEC_COLS, then the ROW_STAMP) into out; with `watch`,
 * only those whose stamp differs from watch[id], which is updated (a run
 * that ended leaves it, one that has not joins it). */
static int follow_rows(struct db_stmt *st, bool full, json_t *watch,
                       bool changed_only, json_t *seen, json_t *out,
                       struct err *err)
{
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW) {
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)db_col_int(st, 0));
        if (seen)
            json_object_set_new(seen, key, json_true());
        const char *stamp = db_col_text(st, 27);
        const char *was = jx_str(watch, key);
        if (changed_only && was && !strcmp(was, stamp))
            continue;
        if (engine_status_ended(db_col_text(st, 9)))
            json_object_del(watch, key);
        else if (json_object_size(watch) < EXEC_FOLLOW_MAX || was)
            json_object_set_new(watch, key, json_string(stamp));
        json_array_append_new(out, exec_row(st, full));
    }
    db_reset(st);
    return rc < 0 ? rc : 0;
}

/* The rows of `sql` (?1 the workspace, ?2 the agent or 0, ?3 the id
 * bound, ?4 at most so many) into out, as follow_rows gives them. */
static int follow_select(struct crm_ctx *ctx, const char *sql,
                         int64_t agent_id, int64_t bound, int64_t limit,
                         bool full, json_t *watch, json_t *out,
                         struct err *err)
{
    struct db_stmt *st = db_prepare(ctx->db, sql, err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, agent_id);
    db_bind_int(st, 3, bound);
    db_bind_int(st, 4, limit);
    return follow_rows(st, full, watch, false, NULL, out, err);
}

int engine_execution_follow(struct crm_ctx *ctx, int64_t agent_id, bool full,
                            int64_t *after, json_t *watch, json_t **out,
                            struct err *err)
{
    *out = json_array();
    int rc = db_read_begin(ctx->db, err);
    if (rc)
        goto fail;
    struct db_stmt *st;
    if (*after < 0) {
        /* the start: the runs that may still change, newest first */
        rc = db_query_int(ctx->db,
                          "SELECT ifnull(max(id), 0) FROM executions WHERE "
                          "workspace_id = ?1",
                          ctx->ws, after, err);
        /* (an agent's through the partial index of open runs) */
        if (!rc)
            rc = follow_select(
                ctx,
                agent_id ? "SELECT " EXEC_COLS ", " ROW_STAMP
                           " FROM executions WHERE agent_id = ?2 AND " SQL_OPEN
                           " AND workspace_id = ?1 AND id <= ?3 ORDER BY id "
                           "DESC LIMIT ?4"
                         : "SELECT " EXEC_COLS ", " ROW_STAMP
                           " FROM executions WHERE workspace_id = ?1 AND ?2 = "
                           "0 AND id <= ?3 AND " SQL_OPEN
                           " ORDER BY id DESC LIMIT ?4",
                agent_id, *after, EXEC_FOLLOW_MAX, full, watch, *out, err);
    } else {
        /* the ones followed that changed, then the new ones */
        char *ids = jx_dump(watch);
        st = db_prepare(ctx->db,
                        "SELECT " EXEC_COLS ", " ROW_STAMP
                        " FROM executions WHERE workspace_id = ?1 AND id IN "
                        "(SELECT CAST(key AS INTEGER) FROM json_each(?2)) "
                        "ORDER BY id",
                        err);
        if (st) {
            db_bind_int(st, 1, ctx->ws);
            db_bind_text(st, 2, ids);
            json_t *seen = json_object();
            rc = follow_rows(st, full, watch, true, seen, *out, err);
            /* a run deleted meanwhile (retention) is no longer followed */
            const char *k;
            json_t *v;
            void *tmp;
            json_object_foreach_safe(watch, tmp, k, v)
            {
                if (!rc && !json_object_get(seen, k))
                    json_object_del(watch, k);
            }
            json_decref(seen);
        } else {
            rc = -E_INTERNAL;
        }
        free(ids);
        if (!rc) {
            /* two statements, so that each uses its index (list_stmt) */
            size_t before = json_array_size(*out);
            rc = follow_select(
                ctx,
                agent_id ? "SELECT " EXEC_COLS ", " ROW_STAMP
                           " FROM executions WHERE workspace_id = ?1 AND "
                           "agent_id = ?2 AND id > ?3 ORDER BY id LIMIT ?4"
                         : "SELECT " EXEC_COLS ", " ROW_STAMP
                           " FROM executions WHERE workspace_id = ?1 AND "
                           "?2 = 0 AND id > ?3 ORDER BY id LIMIT ?4",
                agent_id, *after, EXEC_FOLLOW_NEW, full, watch, *out, err);
            size_t n = json_array_size(*out);
            if (!rc && n > before)
                *after = json_integer_value(
                    json_object_get(json_array_get(*out, n - 1), "id"));
        }
    }
    db_read_end(ctx->db);
    if (!rc)
        return 0;
fail:
    json_decref(*out);
    *out = NULL;
    return rc;
}

int engine_execution_get(struct crm_ctx *ctx, int64_t id, bool full,
                         json_t **out, struct err *err)
{
    *out = NULL;
    int rc = db_read_begin(ctx->db, err);
    if (rc)
        return rc;
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT " EXEC_COLS ", (SELECT text FROM plans WHERE plans.id = "
        "plan_id) FROM executions WHERE workspace_id = ?1 AND id = ?2",
        err);
    if (!st) {
        db_read_end(ctx->db);
        return -E_INTERNAL;
    }
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, id);
    rc = db_step(st, err);
    json_t *o = NULL, *plan = NULL;
    if (rc == DB_ROW) {
        o = exec_row(st, full);
        plan = doc_or_null(st, 27);
        if (full)
            json_object_set_new(o, "plan", json_incref(plan));
    }
    db_reset(st);
    if (rc != DB_ROW) {
        db_read_end(ctx->db);
        return rc < 0 ? rc
                      : err_set(err, E_NOT_FOUND, "Execution %lld not found",
                                (long long)id);
    }
    /* from here on `plan` is freed on every path */
    json_t *progress = json_object_get(o, "progress");
    rc = 0;
    if (strcmp(jx_str(o, "status"), EX_RUNNING))
        json_object_set_new(progress, "current", json_null());
    else
        rc = current_calls(ctx, id, progress, err);
    if (rc) {
        db_read_end(ctx->db);
        json_decref(o);
        json_decref(plan);
        return rc;
    }
    st = db_prepare(ctx->db,
                    "SELECT seq, path, type, params, status, workspace_id, "
                    "started_at, finished_at, output, error, warnings FROM "
                    "execution_steps WHERE id BETWEEN ?1 * 1048576 AND ?1 "
                    "* 1048576 + 1048575 AND workspace_id = ?2 ORDER BY id",
                    err);
    if (!st) {
        db_read_end(ctx->db);
        json_decref(o);
        json_decref(plan);
        return -E_INTERNAL;
    }
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, ctx->ws);
    json_t *steps = json_array();
    while ((rc = db_step(st, err)) == DB_ROW)
        json_array_append_new(steps, step_row(st, full));
    db_reset(st);
    db_read_end(ctx->db);
    if (rc < 0) {
        json_decref(steps);
        json_decref(o);
        json_decref(plan);
        return rc;
    }
    not_executed(steps, plan, jx_str(o, "status"), full);
    json_decref(plan);
    json_object_set_new(o, "steps", steps);
    *out = o;
    return 0;
}

/* ---- export ------------------------------------------------------------- */

/* One CSV cell: quoted when it must be; a cell a spreadsheet would read
 * as a formula (=, +, -, @ first) starts with an apostrophe, since agent
 * names and summaries are people's text. */
static void csv_cell(struct buf *b, const char *s, bool last)
{
    if (!s)
        s = "";
    bool formula = *s == '=' || *s == '+' || *s == '-' || *s == '@' ||
                   *s == '\t' || *s == '\r';
    bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        buf_putc(b, '"');
    if (formula)
        buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    if (quote)
        buf_putc(b, '"');
    buf_puts(b, last ? "\r\n" : ",");
}

/* One run as a CSV row (EXEC_COLS). */
static void csv_row(struct buf *out, struct db_stmt *st, struct buf *text)
{
    char cell[64];
    snprintf(cell, sizeof cell, "%lld", (long long)db_col_int(st, 0));
    csv_cell(out, cell, false);
    clock_format_iso(db_col_int(st, 16), cell, sizeof cell);
    csv_cell(out, cell, false);
    csv_cell(out, db_col_text(st, 2), false);
    csv_cell(out, db_col_text(st, 6), false);
    csv_cell(out, db_col_text(st, 9), false);
    if (db_col_is_null(st, 21))
        cell[0] = '\0';
    else
        snprintf(cell, sizeof cell, "%.1f",
                 (double)db_col_int(st, 21) / 1000.0);
    csv_cell(out, cell, false);
    if (db_col_is_null(st, 17))
        cell[0] = '\0';
    else
        snprintf(cell, sizeof cell, "%.3f", (double)db_col_int(st, 26) / 1e6);
    csv_cell(out, cell, false);
    json_t *counts = jx_load(db_col_text(st, 13));
    int64_t actions = 0;
    const char *k;
    json_t *v;
    json_object_foreach(counts, k, v)
    {
        if (exec_count_is_action(k))
            actions += json_integer_value(v);
    }
    snprintf(cell, sizeof cell, "%lld",
             (long long)json_integer_value(
                 json_object_get(counts, "contactsProcessed")));
    csv_cell(out, cell, false);
    snprintf(cell, sizeof cell, "%lld", (long long)actions);
    csv_cell(out, cell, false);
    buf_reset(text);
    exec_summary_text(counts, text);
    csv_cell(out, buf_cstr(text), true);
    json_decref(counts);
}

int engine_execution_export(struct crm_ctx *ctx, const struct exec_query *q,
                            bool full, bool csv, struct buf *out,
                            struct err *err)
{
    struct db_stmt *st = list_stmt(ctx, q, full, -1, err);
    if (!st)
        return -E_INTERNAL;
    struct buf text;
    buf_init(&text, 4096);
    if (csv)
        buf_puts(out, "ExecutionId,Date,Agent,Trigger,Status,Duration (s),"
                      "Work time (s),Contacts Processed,Actions Performed,"
                      "Summary\r\n");
    else
        buf_putc(out, '[');
    int rc;
    bool first = true;
    while ((rc = db_step(st, err)) == DB_ROW) {
        if (csv) {
            csv_row(out, st, &text);
            continue;
        }
        if (!first)
            buf_putc(out, ',');
        first = false;
        json_t *row = exec_row(st, full);
        jx_dump_buf(row, out);
        json_decref(row);
    }
    db_reset(st);
    buf_fini(&text);
    if (!csv)
        buf_puts(out, "]\n");
    return rc < 0 ? rc : 0;
}
