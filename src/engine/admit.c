/*
 * admit: whether a run may start, decided in the transaction that records
 * it.
 *
 * In order: the agent exists and may run in its status; it has a plan; it
 * is not already running (for triggers that allow one run at a time);
 * today's runs are under the daily circuit breaker (else the agent pauses
 * and its owner is told); this minute's runs are under the per-minute
 * limit (else the run waits for the next minute with room, or a person
 * gets 429); the workspace is under its concurrent-run cap (people get
 * 429; other runs wait at claim time); the workspace has the credits (and
 * pays them). Then the execution row and its job are written.
 *
 * A person triggering a run gets an error for every refusal; triggers
 * without a person (schedules, events, webhooks) leave a "skipped" record
 * that says why, so that nothing happens silently.
 */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "crm/activity.h"
#include "crm/agents.h"
#include "engine/internal.h"

/* ---- agents ------------------------------------------------------------ */

int agent_load(struct db *db, int64_t ws, int64_t id, struct agent_row *a,
               struct err *err)
{
    memset(a, 0, sizeof *a);
    struct db_stmt *st = db_prepare(
        db,
        "SELECT name, status, plan, plan_error, trigger, restrictions, "
        "memory, created_by, deleted_at FROM agents WHERE id = ?1 AND "
        "workspace_id = ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, ws);
    int rc = db_step(st, err);
    if (rc == DB_ROW) {
        a->id = id;
        a->ws = ws;
        snprintf(a->name, sizeof a->name, "%s", db_col_text(st, 0));
        snprintf(a->status, sizeof a->status, "%s", db_col_text(st, 1));
        const char *plan = db_col_text(st, 2);
        a->plan_text = plan && strcmp(plan, "null") ? strdup(plan) : NULL;
        a->plan_error = jx_load(db_col_text(st, 3));
        a->trigger = jx_load(db_col_text(st, 4));
        a->restrictions = jx_load(db_col_text(st, 5));
        a->memory = jx_load(db_col_text(st, 6));
        a->created_by = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7);
        a->deleted = !db_col_is_null(st, 8);
        if (!a->trigger)
            a->trigger = json_object();
        if (!a->restrictions)
            a->restrictions = json_object();
        if (!a->memory)
            a->memory = json_object();
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    if (rc == DB_DONE)
        return err_set(err, E_NOT_FOUND, "Agent %lld not found",
                       (long long)id);
    return 0;
}

void agent_row_free(struct agent_row *a)
{
    free(a->plan_text);
    json_decref(a->plan_error);
    json_decref(a->trigger);
    json_decref(a->restrictions);
    json_decref(a->memory);
    memset(a, 0, sizeof *a);
}

int64_t agent_limit(const struct agent_row *a, const char *key, int64_t dflt)
{
    int64_t v;
    if (jx_int(a->restrictions, key, &v) == 0 && v > 0)
        return v;
    return dflt;
}

/* ---- counters ---------------------------------------------------------- */

static int counter_get(struct db *db, int64_t agent, const char *bucket,
                       int64_t *count, struct err *err)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT count FROM agent_counters WHERE agent_id = ?1 AND bucket = "
        "?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, agent);
    db_bind_text(st, 2, bucket);
    int rc = db_step(st, err);
    *count = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_reset(st);
    return rc < 0 ? rc : 0;
}

static int counter_add(struct db *db, int64_t agent, const char *bucket,
                       int64_t expires, struct err *err)
{
    struct db_stmt *st = db_prepare(
        db,
        "INSERT INTO agent_counters (agent_id, bucket, count, expires_at) "
        "VALUES (?1, ?2, 1, ?3) ON CONFLICT (agent_id, bucket) DO UPDATE SET "
        "count = count + 1",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, agent);
    db_bind_text(st, 2, bucket);
    db_bind_int(st, 3, expires);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

static void bucket_name(char *out, size_t size, char kind, int64_t n)
{
    snprintf(out, size, "%c:%lld", kind, (long long)n);
}

/* ---- records ----------------------------------------------------------- */

/* The snapshot id of a plan text, stored once per workspace. */
static int plan_snapshot(struct db *db, int64_t ws, const char *text,
                         int64_t *id, struct err *err)
{
    uint64_t h = 1469598103934665603ULL;
    size_t n = strlen(text);
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)text[i]) * 1099511628211ULL;
    char hash[40];
    snprintf(hash, sizeof hash, "%016llx:%zu", (unsigned long long)h, n);
    /* The hash finds it; the text confirms it (a collision gets its own
     * row under a longer key). */
    for (int attempt = 0; attempt < 4; attempt++) {
        struct db_stmt *st = db_prepare(
            db,
            "SELECT id, text = ?3 FROM plans WHERE workspace_id = ?1 AND "
            "hash = ?2",
            err);
        if (!st)
            return -E_INTERNAL;
        db_bind_int(st, 1, ws);
        db_bind_text(st, 2, hash);
        db_bind_text(st, 3, text);
        int rc = db_step(st, err);
        bool found = rc == DB_ROW, same = found && db_col_int(st, 1);
        if (same)
            *id = db_col_int(st, 0);
        db_reset(st);
        if (rc < 0)
            return rc;
        if (same)
            return 0;
        if (found) {
            size_t l = strlen(hash);
            snprintf(hash + l, sizeof hash - l, "+");
            continue;
        }
        st = db_prepare(db,
                        "INSERT INTO plans (workspace_id, hash, text, "
                        "created_at) VALUES (?1, ?2, ?3, ?4)",
                        err);
        if (!st)
            return -E_INTERNAL;
        db_bind_int(st, 1, ws);
        db_bind_text(st, 2, hash);
        db_bind_text(st, 3, text);
        db_bind_int(st, 4, clock_now_ms());
        rc = db_step(st, err);
        db_reset(st);
        if (rc < 0)
            return rc;
        *id = db_last_id(db);
        return 0;
    }
    return err_set(err, E_INTERNAL, "plan snapshot: too many collisions");
}

static int insert_execution(struct db *db, const struct crm_ctx *ctx,
                            const struct admit_req *rq,
                            const struct agent_row *a, const char *status,
                            bool blocked, const char *cursor,
                            const char *context, int steps_total,
                            const char *message, const json_t *error,
                            int64_t now, int64_t *id, struct err *err)
{
    struct db_stmt *st = db_prepare(
        db,
        "INSERT INTO executions (workspace_id, agent_id, agent_name, "
        "parent_id, depth, retry_of, trigger_type, trigger_data, "
        "triggered_by, status, blocked, plan_id, cursor, context, steps_total, "
        "message, error, created_at, completed_at) VALUES (?1, ?2, ?3, ?4, "
        "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19)",
        err);
    if (!st)
        return -E_INTERNAL;
    int64_t plan_id = 0;
    int rc = plan_snapshot(db, ctx->ws,
                           a->plan_text ? a->plan_text : "{\"steps\":[]}",
                           &plan_id, err);
    if (rc) {
        db_reset(st);
        return rc;
    }
    char *trigger = rq->trigger ? jx_dump(rq->trigger) : NULL;
    char *errtext = error ? jx_dump(error) : NULL;
    bool terminal = strcmp(status, EX_QUEUED) != 0;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, a->id);
    db_bind_text(st, 3, a->name);
    db_bind_opt_int(st, 4, rq->parent_id > 0, rq->parent_id);
    db_bind_int(st, 5, rq->depth);
    db_bind_opt_int(st, 6, rq->retry_of > 0, rq->retry_of);
    db_bind_text(st, 7, rq->trigger_type);
    db_bind_text(st, 8, trigger ? trigger : "{}");
    db_bind_opt_int(st, 9, rq->user_id > 0, rq->user_id);
    db_bind_text(st, 10, status);
    db_bind_int(st, 11, blocked);
    db_bind_int(st, 12, plan_id);
    db_bind_text(st, 13, cursor ? cursor : "[{\"i\":0}]");
    db_bind_text(st, 14, context ? context : "{}");
    db_bind_int(st, 15, steps_total);
    db_bind_text(st, 16, message);
    db_bind_text(st, 17, errtext);
    db_bind_int(st, 18, now);
    db_bind_opt_int(st, 19, terminal, now);
    rc = db_step(st, err);
    db_reset(st);
    if (rc >= 0)
        *id = db_last_id(db);
    free(trigger);
    free(errtext);
    return rc < 0 ? rc : 0;
}

/* A run that did not start, on record with why. */
static int record_skip(struct db *db, struct crm_ctx *ctx,
                       const struct admit_req *rq, const struct agent_row *a,
                       const char *status, enum err_code code,
                       const char *message, const json_t *error, int64_t now,
                       struct admit_out *out, struct err *err)
{
    int rc = insert_execution(db, ctx, rq, a, status, false, NULL, NULL, 0,
                              message, error, now, &out->execution_id, err);
    if (rc)
        return rc;
    out->status = status;
    out->code = code;
    snprintf(out->message, sizeof out->message, "%s", message);
    struct log_line l;
    if (log_begin(&l, LOG_INFO, "execution.skipped")) {
        log_int(&l, "workspace", ctx->ws);
        log_int(&l, "agent", a->id);
        log_int(&l, "execution", out->execution_id);
        log_str(&l, "trigger", rq->trigger_type);
        log_str(&l, "reason", message);
        log_end(&l);
    }
    return 0;
}

/* A refusal: an error for a person, a skipped record otherwise. */
static int refuse(struct db *db, struct crm_ctx *ctx,
                  const struct admit_req *rq, const struct agent_row *a,
                  enum err_code code, const char *message, int64_t now,
                  struct admit_out *out, struct err *err)
{
    if (rq->flags & ADMIT_STRICT)
        return err_set(err, code, "%s", message);
    return record_skip(db, ctx, rq, a, EX_SKIPPED, code, message, NULL, now,
                       out, err);
}

static int active_run(struct db *db, int64_t agent, int64_t *id,
                      struct err *err)
{
    return db_query_int(db,
                        "SELECT id FROM executions WHERE agent_id = ?1 AND "
                        SQL_OPEN " LIMIT 1",
                        agent, id, err);
}

static int running_in_ws(struct db *db, int64_t ws, int64_t *n, int64_t *cap,
                         struct err *err)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT (SELECT COUNT(*) FROM executions WHERE workspace_id = ?1 AND "
        "status = 'running'), max_concurrent_runs FROM workspaces WHERE id "
        "= ?1",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ws);
    int rc = db_step(st, err);
    *n = rc == DB_ROW ? db_col_int(st, 0) : 0;
    *cap = rc == DB_ROW ? db_col_int(st, 1) : 0;
    db_reset(st);
    return rc < 0 ? rc : 0;
}

static int charge(struct db *db, int64_t ws, int64_t cost, bool *ok,
                  int64_t *left, struct err *err)
{
    *ok = true;
    if (cost <= 0)
        return 0;
    struct db_stmt *st = db_prepare(
        db,
        "UPDATE workspaces SET credits = credits - ?2 WHERE id = ?1 AND "
        "credits >= ?2 RETURNING credits",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ws);
    db_bind_int(st, 2, cost);
    int rc = db_step(st, err);
    *ok = rc == DB_ROW;
    *left = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (rc < 0 || *ok)
        return rc < 0 ? rc : 0;
    return db_query_int(db, "SELECT credits FROM workspaces WHERE id = ?1",
                        ws, left, err);
}

/* The circuit breaker: pauses the agent and tells its owners. */
static int trip_breaker(struct crm_ctx *ctx, const struct agent_row *a,
                        int64_t limit, struct err *err)
{
    if (strcmp(a->status, AGENT_LIVE) == 0) {
        json_t *updated = NULL;
        int rc = agents_set_status(ctx, a->id, AGENT_PAUSED, &updated, err);
        json_decref(updated);
        if (rc)
            return rc;
    }
    json_t *data = json_pack("{s:I, s:s, s:I}", "agentId", (json_int_t)a->id,
                             "agentName", a->name, "runsPerDay",
                             (json_int_t)limit);
    int rc = notify_owners(ctx, false, "agent_paused",
                           "Agent paused: execution limit reached", data,
                           err);
    json_decref(data);
    struct log_line l;
    if (!rc && log_begin(&l, LOG_WARN, "agent.circuit_breaker")) {
        log_int(&l, "workspace", ctx->ws);
        log_int(&l, "agent", a->id);
        log_int(&l, "runs_per_day", limit);
        log_end(&l);
    }
    return rc;
}

/* The first context of a run: its trigger data, input and target filter. */
static char *initial_context(const struct admit_req *rq,
                             const struct agent_row *a)
{
    json_t *c = json_object();
    if (rq->trigger)
        json_object_set(c, "trigger", (json_t *)rq->trigger);
    if (rq->input)
        json_object_set(c, "input", (json_t *)rq->input);
    /* A manual or scheduled trigger's target filter ("contacts created
     * today") chooses the contacts the run starts with. */
    json_t *filter = json_object_get(a->trigger, "filter");
    const char *tt = jx_str(a->trigger, "type");
    if (json_is_object(filter) && !rq->set && tt &&
        (strcmp(tt, "manual") == 0 || strcmp(tt, "schedule") == 0))
        json_object_set(c, "filter", filter);
    char *s = jx_dump(c);
    json_decref(c);
    return s;
}

int admit_run(struct engine *e, struct crm_ctx *ctx,
              const struct admit_req *rq, struct admit_out *out,
              struct err *err)
{
    memset(out, 0, sizeof *out);
    struct db *db = ctx->db;
    int64_t now = clock_now_ms();
    struct agent_row a;
    int rc = agent_load(db, ctx->ws, rq->agent_id, &a, err);
    if (rc)
        return rc;
    char msg[300];
    if (a.deleted) {
        rc = err_set(err, E_NOT_FOUND, "Agent %lld not found",
                     (long long)rq->agent_id);
        goto done;
    }

    /* Status. */
    if (strcmp(a.status, AGENT_PAUSED) == 0) {
        rc = refuse(db, ctx, rq, &a, E_CONFLICT,
                    (rq->flags & ADMIT_STRICT)
                        ? "Agent is paused. Set it Live to run it."
                        : "Skipped: Agent paused",
                    now, out, err);
        goto done;
    }
    if (strcmp(a.status, AGENT_DRAFT) == 0 && !(rq->flags & ADMIT_DRAFT_OK)) {
        rc = refuse(db, ctx, rq, &a, E_CONFLICT,
                    "Skipped: Agent is a Draft; set it Live to run it "
                    "automatically",
                    now, out, err);
        goto done;
    }

    /* A plan to run. Without one the run fails on record, with the parse
     * error, and whoever can fix it is told. */
    if (!a.plan_text) {
        /* No plan and no parse error: nothing was written yet (an agent
         * saved as a draft with a name only). */
        const char *why = a.plan_error
                              ? "Unable to parse instructions. Please clarify."
                              : "This agent has no instructions yet. Write "
                                "what it should do, then run it.";
        json_t *error = json_pack(
            "{s:s, s:n, s:O}", "message", why, "step",
            "details", a.plan_error ? a.plan_error : json_null());
        char note[512];
        snprintf(note, sizeof note, "Agent failed: %s", why);
        rc = record_skip(db, ctx, rq, &a, EX_FAILED, E_VALIDATION, note,
                         error, now, out, err);
        json_decref(error);
        if (rc)
            goto done;
        int64_t who = rq->user_id ? rq->user_id : a.created_by;
        snprintf(note, sizeof note, "Agent %s could not run: %s%s", a.name,
                 why, a.plan_error ? " Revise its instructions." : "");
        json_t *data =
            json_pack("{s:I, s:I}", "agentId", (json_int_t)a.id,
                      "executionId", (json_int_t)out->execution_id);
        rc = who ? notify_user(ctx, who, "agent_failed", note, data, err) : 0;
        json_decref(data);
        if (rc)
            goto done;
        if (rq->flags & ADMIT_STRICT) {
            err_set(err, E_VALIDATION, "%s", why);
            err_detail(err, "executionId",
                       json_integer(out->execution_id));
            if (a.plan_error)
                err_detail(err, "planError", json_incref(a.plan_error));
            rc = ADMIT_REFUSED;
        }
        goto done;
    }

    /* One run at a time, for triggers that want it. */
    bool blocked = false;
    if (rq->flags & ADMIT_EXCLUSIVE) {
        int64_t active;
        rc = active_run(db, a.id, &active, err);
        if (rc)
            goto done;
        if (active && (rq->flags & ADMIT_STRICT)) {
            rc = err_set(err, E_CONFLICT,
                         "Agent is already running. Wait for current "
                         "execution to complete.");
            err_detail(err, "executionId", json_integer(active));
            goto done;
        }
        if (active) {
            /* Queued behind the active run, not skipped. */
            blocked = true;
            json_t *data =
                json_pack("{s:I, s:I}", "agentId", (json_int_t)a.id,
                          "activeExecutionId", (json_int_t)active);
            int64_t who = a.created_by;
            rc = who ? notify_user(ctx, who, "execution_queued",
                                   "Scheduled execution queued (previous "
                                   "run still active)",
                                   data, err)
                     : notify_owners(ctx, false, "execution_queued",
                                     "Scheduled execution queued (previous "
                                     "run still active)",
                                     data, err);
            json_decref(data);
            if (rc)
                goto done;
        }
    }

    /* The daily circuit breaker. */
    int64_t per_day = agent_limit(&a, "maxRunsPerDay", e->cfg.runs_per_day);
    int64_t day = now / MS_PER_DAY, today;
    char dbucket[32], mbucket[32];
    bucket_name(dbucket, sizeof dbucket, 'd', day);
    rc = counter_get(db, a.id, dbucket, &today, err);
    if (rc)
        goto done;
    if (today >= per_day) {
        rc = trip_breaker(ctx, &a, per_day, err);
        if (rc)
            goto done;
        snprintf(msg, sizeof msg,
                 "Agent paused: execution limit reached (%lld runs per day)",
                 (long long)per_day);
        if (rq->flags & ADMIT_STRICT) {
            err_set(err, E_RATE_LIMITED, "%s", msg);
            err_detail(err, "runsPerDay", json_integer(per_day));
            rc = ADMIT_REFUSED;
        } else {
            rc = record_skip(db, ctx, rq, &a, EX_SKIPPED, E_RATE_LIMITED,
                             msg, NULL, now, out, err);
        }
        goto done;
    }

    /* Runs per minute: a person is told to wait; anything else waits for
     * the next minute with room. */
    int64_t per_min =
        agent_limit(&a, "maxRunsPerMinute", e->cfg.runs_per_minute);
    int64_t minute = now / MS_PER_MIN, used = 0;
    for (int k = 0; k < 24 * 60; k++, minute++) {
        bucket_name(mbucket, sizeof mbucket, 'm', minute);
        rc = counter_get(db, a.id, mbucket, &used, err);
        if (rc)
            goto done;
        if (used < per_min)
            break;
        if (rq->flags & ADMIT_STRICT) {
            int64_t wait = (minute + 1) * MS_PER_MIN - now;
            rc = err_set(err, E_RATE_LIMITED,
                         "Rate limit: this agent may start at most %lld "
                         "runs per minute. Try again in %lld seconds.",
                         (long long)per_min,
                         (long long)((wait + 999) / 1000));
            err_detail(err, "retryAfterSeconds",
                       json_integer((wait + 999) / 1000));
            goto done;
        }
    }
    if (used >= per_min) {
        rc = record_skip(db, ctx, rq, &a, EX_SKIPPED, E_RATE_LIMITED,
                         "Skipped: the next day of runs is already queued",
                         NULL, now, out, err);
        goto done;
    }
    int64_t run_at = minute == now / MS_PER_MIN ? now : minute * MS_PER_MIN;

    /* The workspace's concurrent runs (a person is told; other runs wait
     * for a free slot when a worker claims them). */
    if (rq->flags & ADMIT_STRICT) {
        int64_t running, cap;
        rc = running_in_ws(db, ctx->ws, &running, &cap, err);
        if (rc)
            goto done;
        if (cap > 0 && running >= cap) {
            rc = err_set(err, E_RATE_LIMITED,
                         "This workspace is running %lld agent run%s at "
                         "once, its limit. Try again when one finishes.",
                         (long long)running, running == 1 ? "" : "s");
            err_detail(err, "maxConcurrentRuns", json_integer(cap));
            goto done;
        }
    }

    /* Credits, paid when the run is admitted. */
    bool paid;
    int64_t left;
    rc = charge(db, ctx->ws, e->cfg.credits_per_run, &paid, &left, err);
    if (rc)
        goto done;
    if (!paid) {
        snprintf(msg, sizeof msg,
                 "Not enough credits: a run costs %d credit%s and this "
                 "workspace has %lld.",
                 e->cfg.credits_per_run, e->cfg.credits_per_run == 1 ? "" : "s",
                 (long long)left);
        if (rq->flags & ADMIT_STRICT) {
            rc = err_set(err, E_PAYMENT, "%s", msg);
            err_detail(err, "credits", json_integer(left));
        } else {
            char m2[340];
            snprintf(m2, sizeof m2, "Skipped: %s", msg);
            rc = record_skip(db, ctx, rq, &a, EX_SKIPPED, E_PAYMENT, m2, NULL,
                             now, out, err);
        }
        goto done;
    }

    /* The run. */
    char *context = initial_context(rq, &a);
    char *cursor = NULL;
    if (rq->set) {
        json_t *c = json_pack("[{s:i, s:O}]", "i", 0, "set", rq->set);
        cursor = jx_dump(c);
        json_decref(c);
    }
    const char *message = blocked ? "Queued: waiting for the previous run "
                                    "to complete"
                          : run_at > now ? "Queued: rate limit of runs per "
                                           "minute reached"
                                         : "Agent is running...";
    rc = insert_execution(db, ctx, rq, &a, EX_QUEUED, blocked, cursor,
                          context, 0, message, NULL,
                          now, &out->execution_id, err);
    free(context);
    free(cursor);
    if (rc)
        goto done;
    if (!blocked) {
        rc = queue_push(db, ctx->ws, JOB_RUN, out->execution_id, 0, run_at,
                        NULL, NULL, err);
        if (rc)
            goto done;
    }
    rc = counter_add(db, a.id, dbucket, (day + 2) * MS_PER_DAY, err);
    if (!rc)
        rc = counter_add(db, a.id, mbucket, (minute + 2) * MS_PER_MIN, err);
    if (rc)
        goto done;
    out->status = EX_QUEUED;
    out->run_at = blocked ? 0 : run_at;
    snprintf(out->message, sizeof out->message, "%s", message);
done:
    agent_row_free(&a);
    return rc;
}
