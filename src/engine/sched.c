/*
 * sched: schedules, agent changes and housekeeping.
 *
 * A Live or Paused agent with a schedule trigger has exactly one
 * "schedule" job (idempotency key "sched:<agent>") due at its next firing,
 * computed by core/cron in the trigger's time zone (else the workspace's).
 * When it fires, a scheduled run is admitted (or, for a Paused agent, a
 * "Skipped: Agent paused" record is left) and the job moves to the next
 * firing after now: a server that was down fires once for what it missed,
 * not once per missed slot. Failures of runs never touch the schedule.
 *
 * Agent changes arrive through the crm_ctx on_agent hook, inside the
 * transaction of the change: a new or changed schedule moves the job;
 * pausing cancels queued runs and the resume jobs of waiting runs (which
 * stay waiting until a person resumes them); a Draft has no schedule;
 * deleting cancels everything and marks the agent's runs agentDeleted.
 */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/cron.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "crm/agents.h"
#include "engine/internal.h"

static int ws_timezone(struct db *db, int64_t ws, char *out, size_t size,
                       struct err *err)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT timezone FROM workspaces WHERE id = ?1", err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ws);
    int rc = db_step(st, err);
    snprintf(out, size, "%s",
             rc == DB_ROW && db_col_text(st, 0) ? db_col_text(st, 0) : "UTC");
    db_reset(st);
    return rc < 0 ? rc : 0;
}

/* Whether an ISO 8601 time names its offset from UTC ("Z", "+02:00"). */
static bool iso_has_offset(const char *s)
{
    const char *t = strpbrk(s, "Tt ");
    return t && strpbrk(t, "Zz+-") != NULL;
}

/* The first firing of a schedule trigger after `after`: *at, or 0 for a
 * one-off schedule (runAt) whose time has come before; -E_VALIDATION for
 * a schedule that never fires. */
static int next_fire(struct engine *e, struct db *db, int64_t ws,
                     const json_t *trigger, int64_t after, int64_t *at,
                     struct err *err)
{
    char expr[64], zone[80];
    struct cron c;
    const char *run_at = jx_str(trigger, "runAt");
    int64_t once = 0;
    int rc;
    if (run_at) {
        if (clock_parse_iso(run_at, &once))
            return err_set(err, E_VALIDATION, "'runAt' is not a time: %s",
                           run_at);
    } else {
        rc = cron_from_trigger(trigger, expr, err);
        if (!rc)
            rc = cron_parse(expr, &c, err);
        if (rc)
            return rc;
    }
    const char *tzname = jx_str(trigger, "timezone");
    if (tzname)
        snprintf(zone, sizeof zone, "%s", tzname);
    else if ((rc = ws_timezone(db, ws, zone, sizeof zone, err)))
        return rc;
    const struct tz *z = tz_cache_get(e->zones, zone, err);
    if (!z) {
        err_clear(err);
        z = tz_cache_get(e->zones, "UTC", err);
        if (!z)
            return -E_INTERNAL;
    }
    if (run_at) {
        /* Without an offset, it is a time on the schedule's clocks. */
        if (!iso_has_offset(run_at))
            once = tz_to_utc(z, once / MS_PER_SEC) * MS_PER_SEC +
                   once % MS_PER_SEC;
        *at = once > after ? once : 0;
        return 0;
    }
    *at = cron_next(&c, z, after);
    if (*at < 0) {
        rc = err_set(err, E_VALIDATION,
                     "The schedule '%s' never fires within 5 years", expr);
        err_detail_str(err, "field", "trigger");
        return rc;
    }
    return 0;
}

/* The idempotency key of the agent's one schedule job. */
#define SCHED_KEY_LEN 40
static void sched_key(char key[SCHED_KEY_LEN], int64_t agent)
{
    snprintf(key, SCHED_KEY_LEN, "sched:%lld", (long long)agent);
}

static bool is_schedule(const json_t *trigger)
{
    const char *t = jx_str(trigger, "type");
    return t && strcmp(t, "schedule") == 0;
}

static int plan_schedule(struct engine *e, struct db *db, int64_t ws,
                         int64_t agent, const json_t *trigger, int64_t after,
                         int64_t *at, struct err *err)
{
    int rc = next_fire(e, db, ws, trigger, after, at, err);
    if (rc || *at == 0)
        return rc;
    char key[SCHED_KEY_LEN];
    sched_key(key, agent);
    return queue_push(db, ws, JOB_SCHEDULE, 0, agent, *at, key, NULL, err);
}

int sched_job(struct engine *e, struct db *db, const struct job *job,
              int64_t now, int64_t *kick, struct err *err)
{
    struct agent_row a;
    int rc = agent_load(db, job->ws, job->agent_id, &a, err);
    if (rc == -E_NOT_FOUND) {
        err_clear(err);
        return queue_done(db, job->id, err);
    }
    if (rc)
        return rc;
    if (a.deleted || !is_schedule(a.trigger) ||
        strcmp(a.status, AGENT_DRAFT) == 0) {
        agent_row_free(&a);
        return queue_done(db, job->id, err);
    }
    struct crm_ctx ctx;
    engine_ctx(e, db, job->ws, &ctx);
    char when[40];
    clock_format_iso(job->due_at, when, sizeof when);
    json_t *data =
        json_pack("{s:s, s:s}", "type", "scheduled", "scheduledFor", when);
    struct admit_req rq = {
        .agent_id = a.id,
        .trigger_type = "scheduled",
        .trigger = data,
        .flags = ADMIT_EXCLUSIVE,
    };
    struct admit_out out;
    rc = admit_run(e, &ctx, &rq, &out, err);
    json_decref(data);
    if (rc == 0 && out.run_at)
        kick_note(kick, out.run_at);
    if (rc == 0) {
        /* The next firing after both the slot that fired and now. */
        int64_t at, after = job->due_at > now ? job->due_at : now;
        rc = next_fire(e, db, job->ws, a.trigger, after, &at, err);
        if (rc == -E_VALIDATION || (!rc && at == 0)) {
            /* Nothing more to fire: a one-off schedule, or one that no
             * longer fires. */
            err_clear(err);
            rc = queue_done(db, job->id, err);
        } else if (!rc) {
            rc = queue_reschedule(db, job->id, at, NULL, err);
        }
    }
    struct log_line l;
    if (!rc && log_begin(&l, LOG_INFO, "schedule.fired")) {
        log_int(&l, "workspace", job->ws);
        log_int(&l, "agent", a.id);
        log_int(&l, "execution", out.execution_id);
        log_str(&l, "status", out.status ? out.status : "");
        log_int(&l, "late_ms", now - job->due_at);
        log_end(&l);
    }
    agent_row_free(&a);
    return rc > 0 ? 0 : rc;
}

/* Ends the agent's runs in the given states. */
static int end_runs(struct engine *e, struct db *db, int64_t ws,
                    int64_t agent, const char *states, const char *message,
                    int64_t by_user, struct err *err)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT id FROM executions WHERE agent_id = ?1 AND workspace_id "
             "= ?2 AND %s ORDER BY id",
             states);
    int64_t now = clock_now_ms(), kick = 0;
    for (;;) {
        /* In chunks: ending a run may end others (sub-agents). */
        int64_t ids[256];
        int n = 0;
        struct db_stmt *st = db_prepare(db, sql, err);
        if (!st)
            return -E_INTERNAL;
        db_bind_int(st, 1, agent);
        db_bind_int(st, 2, ws);
        int rc;
        while (n < 256 && (rc = db_step(st, err)) == DB_ROW)
            ids[n++] = db_col_int(st, 0);
        db_reset(st);
        if (rc < 0)
            return rc;
        if (n == 0)
            break;
        for (int i = 0; i < n; i++) {
            rc = exec_finish(e, db, ids[i], EX_CANCELED, message, NULL,
                             by_user, now, &kick, err);
            if (rc == -E_CONFLICT)
                err_clear(err);
            else if (rc)
                return rc;
        }
        if (n < 256)
            break;
    }
    if (kick)
        engine_kick(e, kick);
    return 0;
}

/* A paused agent's waiting runs lose their resume jobs and stay waiting.
 * A run waiting for a provider's daily quota (which paused the agent
 * itself) still resumes when the quota does. */
static int hold_waiting(struct db *db, int64_t ws, int64_t agent,
                        struct err *err)
{
    struct db_stmt *st = db_prepare(
        db,
        "DELETE FROM jobs WHERE kind = 'run' AND execution_id IN (SELECT id "
        "FROM executions WHERE agent_id = ?1 AND workspace_id = ?2 AND "
        "status = 'waiting' AND (wait_kind = 'wait' OR wait_kind = "
        "'handoff'))",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, agent);
    db_bind_int(st, 2, ws);
    int rc = db_step(st, err);
    db_reset(st);
    if (rc < 0)
        return rc;
    st = db_prepare(
        db,
        "UPDATE executions SET message = 'Resume canceled: agent paused; "
        "resume the run by hand.' WHERE agent_id = ?1 AND workspace_id = ?2 "
        "AND status = 'waiting' AND wait_kind IN ('wait','handoff')",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, agent);
    db_bind_int(st, 2, ws);
    rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

/* The agent's schedule job: 1 with its run_at in *at, 0 when it has
 * none. */
static int schedule_job(struct db *db, int64_t ws, int64_t agent,
                        int64_t *at, struct err *err)
{
    char key[SCHED_KEY_LEN];
    sched_key(key, agent);
    struct db_stmt *st = db_prepare(db,
                                    "SELECT run_at FROM jobs WHERE idem_key "
                                    "= ?1 AND workspace_id = ?2",
                                    err);
    if (!st)
        return -E_INTERNAL;
    db_bind_text(st, 1, key);
    db_bind_int(st, 2, ws);
    int rc = db_step(st, err);
    *at = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_reset(st);
    return rc < 0 ? rc : rc == DB_ROW;
}

int64_t sched_next_run(struct crm_ctx *ctx, int64_t agent_id)
{
    struct err err = ERR_INIT;
    int64_t at;
    if (schedule_job(ctx->db, ctx->ws, agent_id, &at, &err) < 0) {
        /* Only what the agent shows: it goes without its next run. */
        log_msg(LOG_WARN, "schedule.next_run", err.msg);
        err_clear(&err);
        return 0;
    }
    return at;
}

int sched_on_agent(struct crm_ctx *ctx, int64_t agent_id, const json_t *row,
                   const json_t *old, struct err *err)
{
    struct engine *e = ctx->event_arg;
    struct db *db = ctx->db;
    int rc;
    if (!row) {
        rc = end_runs(e, db, ctx->ws, agent_id,
                      SQL_OPEN,
                      "Canceled: agent deleted", ctx->user_id, err);
        if (!rc)
            rc = queue_cancel_agent(db, agent_id, NULL, err);
        if (rc < 0)
            return rc;
        struct db_stmt *st = db_prepare(
            db,
            "UPDATE executions SET agent_deleted = 1 WHERE agent_id = ?1 AND "
            "workspace_id = ?2",
            err);
        if (!st)
            return -E_INTERNAL;
        db_bind_int(st, 1, agent_id);
        db_bind_int(st, 2, ctx->ws);
        rc = db_step(st, err);
        db_reset(st);
        return rc < 0 ? rc : 0;
    }
    const char *status = jx_str(row, "status");
    const char *was = old ? jx_str(old, "status") : NULL;
    if (!status)
        return 0;
    if (strcmp(status, AGENT_PAUSED) == 0 &&
        (!was || strcmp(was, AGENT_PAUSED) != 0)) {
        rc = end_runs(e, db, ctx->ws, agent_id, "status = 'queued'",
                      "Canceled: agent paused", ctx->user_id, err);
        if (!rc)
            rc = hold_waiting(db, ctx->ws, agent_id, err);
        if (rc)
            return rc;
    }
    if (strcmp(status, AGENT_DRAFT) == 0 && was &&
        strcmp(was, AGENT_DRAFT) != 0) {
        /* Back to Draft: nothing runs on its own any more. */
        rc = end_runs(e, db, ctx->ws, agent_id, "status = 'queued'",
                      "Canceled: agent set back to Draft", ctx->user_id, err);
        if (rc)
            return rc;
    }
    const json_t *trigger = json_object_get(row, "trigger");
    bool wants = is_schedule(trigger) && strcmp(status, AGENT_DRAFT) != 0;
    if (!wants) {
        rc = queue_cancel_agent(db, agent_id, JOB_SCHEDULE, err);
        return rc < 0 ? rc : 0;
    }
    int64_t due;
    rc = schedule_job(db, ctx->ws, agent_id, &due, err);
    if (rc < 0)
        return rc;
    bool has = rc == 1;
    bool changed = !old || !json_equal(trigger, json_object_get(old,
                                                                "trigger"));
    if (has && !changed)
        return 0;
    int64_t at, now = clock_now_ms();
    rc = plan_schedule(e, db, ctx->ws, agent_id, trigger, now, &at, err);
    if (rc)
        return rc;
    if (at) {
        engine_kick(e, at);
        return 0;
    }
    /* A one-off time that has passed: refused when it is being set, or
     * when a Draft goes Live with it; kept (and not run again) when
     * anything else about the agent changes after it fired. */
    bool goes_live = strcmp(status, AGENT_LIVE) == 0 && was &&
                     strcmp(was, AGENT_DRAFT) == 0;
    if (changed || goes_live) {
        char when[40];
        clock_format_iso(now, when, sizeof when);
        rc = err_set(err, E_VALIDATION,
                     "The schedule's runAt (%s) has passed (it is now %s); "
                     "set a later time",
                     jx_str(trigger, "runAt"), when);
        err_detail_str(err, "field", "trigger.runAt");
    }
    return rc;
}

int sched_sync_all(struct engine *e, struct db *db, struct err *err)
{
    int rc = db_tx_begin(db, err);
    if (rc)
        return rc;
    struct db_stmt *st = db_prepare(
        db,
        "SELECT a.id, a.workspace_id, a.trigger FROM agents a WHERE "
        "a.deleted_at IS NULL AND a.status IN ('live','paused') AND "
        "json_extract(a.trigger, '$.type') = 'schedule' AND NOT EXISTS "
        "(SELECT 1 FROM jobs j WHERE j.idem_key = 'sched:' || a.id)",
        err);
    if (!st) {
        db_tx_rollback(db);
        return -E_INTERNAL;
    }
    struct pending {
        int64_t id, ws;
        json_t *trigger;
    } list[512];
    int n = 0;
    while (n < 512 && (rc = db_step(st, err)) == DB_ROW) {
        list[n].id = db_col_int(st, 0);
        list[n].ws = db_col_int(st, 1);
        list[n].trigger = jx_load(db_col_text(st, 2));
        n++;
    }
    db_reset(st);
    int64_t now = clock_now_ms();
    for (int i = 0; i < n; i++) {
        int64_t at;
        if (rc >= 0) {
            int r2 = plan_schedule(e, db, list[i].ws, list[i].id,
                                   list[i].trigger, now, &at, err);
            if (r2 == -E_VALIDATION) {
                log_msg(LOG_WARN, "schedule.invalid", err->msg);
                err_clear(err);
            } else if (r2) {
                rc = r2;
            }
        }
        json_decref(list[i].trigger);
    }
    /* Housekeeping runs hourly, as a job like any other. */
    if (rc >= 0)
        rc = queue_push(db, 0, JOB_MAINTENANCE, 0, 0, now + MS_PER_MIN,
                        "maintenance", NULL, err);
    if (rc < 0) {
        db_tx_rollback(db);
        return rc;
    }
    return db_tx_commit(db, err);
}

/* Deletes up to `limit` rows a statement selects; returns the count. */
static int64_t purge(struct db *db, const char *sql, int64_t a, int64_t b,
                     struct err *err)
{
    struct db_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, a);
    db_bind_int(st, 2, b);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : db_changes(db);
}

int sched_maintenance(struct engine *e, struct db *db, const struct job *job,
                      int64_t now, struct err *err)
{
    int64_t n1 = purge(db,
                       "DELETE FROM agent_counters WHERE expires_at < ?1 "
                       "AND ?2 = ?2",
                       now, 0, err);
    if (n1 < 0)
        return (int)n1;
    int64_t n2 = purge(db, "DELETE FROM webhook_keys WHERE created_at < ?1 "
                           "AND ?2 = ?2",
                       now - 60 * MS_PER_SEC, 0, err);
    if (n2 < 0)
        return (int)n2;
    /* Execution logs are kept 30 days (standard) or 365 (enterprise);
     * steps go with their execution. A few thousand per pass. */
    static const char *const sql =
        "DELETE FROM executions WHERE id IN (SELECT e.id FROM executions e "
        "JOIN workspaces w ON w.id = e.workspace_id WHERE e.completed_at < "
        "CASE w.tier WHEN 'enterprise' THEN ?2 ELSE ?1 END AND " SQL_ENDED
        " LIMIT 2000)";
    int64_t n3 = purge(db, sql, now - e->cfg.retention_standard * MS_PER_DAY,
                       now - e->cfg.retention_enterprise * MS_PER_DAY, err);
    if (n3 < 0)
        return (int)n3;
    struct log_line l;
    if ((n1 || n2 || n3) && log_begin(&l, LOG_INFO, "maintenance")) {
        log_int(&l, "counters", n1);
        log_int(&l, "idempotency_keys", n2);
        log_int(&l, "executions", n3);
        log_end(&l);
    }
    return queue_reschedule(db, job->id,
                            now + (n3 == 2000 ? MS_PER_MIN : MS_PER_HOUR),
                            NULL, err);
}
