/*
 * io: the side effects of external steps (e-mails, invitations, searches,
 * calls), performed outside any database transaction.
 *
 * A step's prepare phase (exec.c) stores its effects as "pending". The
 * worker that ran the job then, after its batch commits, performs them in
 * chunks:
 *
 *   transaction: up to IO_CHUNK pending effects become "held" (or
 *                "deferred" when over their daily quota, "timedout" when
 *                their run has worked for its time limit); the job's lease
 *                is extended
 *   per effect:  a transaction makes it "sending" (while the worker still
 *                holds its job); the call (the action's perform), outside
 *                any transaction; a transaction stores it "done" or
 *                "failed" with its result, so that the run's progress
 *                shows it at once
 *   transaction: the held effects not made go back to "pending" (or are
 *                "timedout"), giving back the quota they took
 *
 * and when none is left, makes the job due again, so that the step's
 * finish phase runs. After a crash, only an effect left "sending" is in
 * doubt: it has been sent or not, nobody can tell, so it is not sent again
 * ("uncertain") unless it is idempotent; "held" ones were never started
 * and go back to pending (effects_settle).
 */
#include <stdio.h>
#include <string.h>

#include "actions/action.h"
#include "connectors/httpc.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "engine/internal.h"

#define IO_CHUNK 100
/* What an effect says when its run had worked for its time limit before
 * the call was made (exec.c fails the step with the whole story). */
#define NOT_MADE                                                             \
    "Not made: the run had worked for its time limit "                      \
    "(restrictions.maxRunSeconds)"

/* Runs sql on one step's effects: ?1 = execution, ?2 = path. *count, when
 * given, gets the first column of its row. */
static int step_effects(struct db *db, const char *sql, int64_t execution,
                        const char *path, int64_t *count, struct err *err)
{
    struct db_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, execution);
    db_bind_text(st, 2, path);
    int rc = db_step(st, err);
    if (count)
        *count = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_reset(st);
    return rc < 0 ? rc : 0;
}

int effects_insert(struct db *db, int64_t ws, int64_t execution,
                   const char *path, const json_t *effects, int64_t limit_us,
                   int64_t now, struct err *err)
{
    size_t i;
    json_t *e;
    /* Effects deferred by yesterday's quota are due again. */
    int rc = step_effects(db,
                          "UPDATE effects SET status = 'pending', error = "
                          "NULL, code = NULL WHERE execution_id = ?1 AND "
                          "path = ?2 AND status = 'deferred'",
                          execution, path, NULL, err);
    if (rc < 0)
        return rc;
    /* The n-th effect of a contact in a step has the same key however
     * often the step is prepared: the key is what makes it once. */
    json_t *seen = json_object();
    json_array_foreach(effects, i, e)
    {
        int64_t contact = 0, conn = 0;
        jx_int(e, "contactId", &contact);
        jx_int(e, "connectionId", &conn);
        char ck[32];
        snprintf(ck, sizeof ck, "%lld", (long long)contact);
        int64_t n = json_integer_value(json_object_get(seen, ck));
        json_object_set_new(seen, ck, json_integer(n + 1));
        char key[256];
        snprintf(key, sizeof key, "%lld:%.200s:%lld:%lld", (long long)execution,
                 path, (long long)contact, (long long)n);
        json_t *spec = json_pack(
            "{s:O, s:O, s:b, s:I}", "request", json_object_get(e, "request"),
            "quota",
            json_object_get(e, "quota") ? json_object_get(e, "quota")
                                        : json_null(),
            "idempotent", jx_bool(e, "idempotent", false), "limitUs",
            (json_int_t)limit_us);
        char *text = jx_dump(spec);
        json_decref(spec);
        struct db_stmt *st = db_prepare(
            db,
            "INSERT INTO effects (workspace_id, execution_id, path, key, kind, "
            "contact_id, connection_id, request, status, created_at) VALUES "
            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending', ?9) ON CONFLICT (key) "
            "DO NOTHING",
            err);
        if (!st) {
            free(text);
            json_decref(seen);
            return -E_INTERNAL;
        }
        db_bind_int(st, 1, ws);
        db_bind_int(st, 2, execution);
        db_bind_text(st, 3, path);
        db_bind_text(st, 4, key);
        db_bind_text(st, 5, jx_str(e, "kind"));
        db_bind_opt_int(st, 6, contact > 0, contact);
        db_bind_opt_int(st, 7, conn > 0, conn);
        db_bind_text(st, 8, text);
        db_bind_int(st, 9, now);
        rc = db_step(st, err);
        db_reset(st);
        free(text);
        if (rc < 0) {
            json_decref(seen);
            return rc;
        }
    }
    json_decref(seen);
    return 0;
}

int effects_settle(struct db *db, int64_t execution, const char *path,
                   int64_t now, int64_t *pending, struct err *err)
{
    /* Held for sending but never started (agentd stopped first): pending
     * again, giving back the quota each took. */
    int rc = step_effects(
        db,
        "UPDATE usage SET count = max(0, count - (SELECT count(*) FROM "
        "effects e WHERE e.execution_id = ?1 AND e.path = ?2 AND e.status = "
        "'held' AND e.workspace_id = usage.workspace_id AND e.quota_day = "
        "usage.day AND json_extract(e.request, '$.quota.key') = usage.key)) "
        "WHERE (workspace_id, key, day) IN (SELECT workspace_id, "
        "json_extract(request, '$.quota.key'), quota_day FROM effects WHERE "
        "execution_id = ?1 AND path = ?2 AND status = 'held' AND quota_day "
        "IS NOT NULL)",
        execution, path, NULL, err);
    if (!rc)
        rc = step_effects(db,
                          "UPDATE effects SET status = 'pending', quota_day = "
                          "NULL WHERE execution_id = ?1 AND path = ?2 AND "
                          "status = 'held'",
                          execution, path, NULL, err);
    if (rc)
        return rc;
    /* Sent or not, nobody knows: idempotent ones go again, the others are
     * not repeated. */
    struct db_stmt *st = db_prepare(
        db,
        "UPDATE effects SET status = CASE WHEN json_extract(request, "
        "'$.idempotent') THEN 'pending' ELSE 'uncertain' END, error = CASE "
        "WHEN json_extract(request, '$.idempotent') THEN NULL ELSE 'The "
        "outcome is unknown (agentd stopped while sending); not sent again "
        "to avoid a duplicate' END, done_at = ?3 WHERE execution_id = ?1 AND "
        "path = ?2 AND status = 'sending'",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, execution);
    db_bind_text(st, 2, path);
    db_bind_int(st, 3, now);
    rc = db_step(st, err);
    db_reset(st);
    if (rc < 0)
        return rc;
    return step_effects(db,
                        "SELECT COUNT(*) FROM effects WHERE execution_id = "
                        "?1 AND path = ?2 AND status = 'pending'",
                        execution, path, pending, err);
}

json_t *effects_load(struct db *db, int64_t execution, const char *path,
                     struct err *err)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT id, key, kind, contact_id, connection_id, request, status, "
        "result, error, code FROM effects WHERE execution_id = ?1 AND path "
        "= ?2 AND reported = 0 ORDER BY id",
        err);
    if (!st)
        return NULL;
    db_bind_int(st, 1, execution);
    db_bind_text(st, 2, path);
    json_t *list = json_array();
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW) {
        json_t *spec = jx_load(db_col_text(st, 5));
        json_t *result = jx_load(db_col_text(st, 7));
        json_t *e = json_pack(
            "{s:I, s:s, s:s, s:I, s:I, s:O, s:s, s:o, s:o, s:I}", "id",
            (json_int_t)db_col_int(st, 0), "key", db_col_text(st, 1), "kind",
            db_col_text(st, 2), "contactId",
            (json_int_t)(db_col_is_null(st, 3) ? 0 : db_col_int(st, 3)),
            "connectionId",
            (json_int_t)(db_col_is_null(st, 4) ? 0 : db_col_int(st, 4)),
            "request",
            json_object_get(spec, "request") ? json_object_get(spec, "request")
                                             : json_null(),
            "status", db_col_text(st, 6), "result",
            result ? result : json_null(), "error",
            jx_string_or_null(db_col_text(st, 8)), "code",
            (json_int_t)(db_col_is_null(st, 9) ? 0 : db_col_int(st, 9)));
        json_array_append_new(list, e);
        json_decref(spec);
    }
    db_reset(st);
    if (rc < 0) {
        json_decref(list);
        return NULL;
    }
    return list;
}

int effects_reported(struct db *db, int64_t execution, const char *path,
                     struct err *err)
{
    /* What finish has seen is not reported again (a step that runs again
     * the next day reports only that day's effects). Deferred ones are
     * still to do. */
    return step_effects(db,
                        "UPDATE effects SET reported = 1 WHERE execution_id "
                        "= ?1 AND path = ?2 AND reported = 0 AND status <> "
                        "'deferred' AND status <> 'pending'",
                        execution, path, NULL, err);
}

/* ---- the worker's side ------------------------------------------------- */

struct chunk_item {
    json_t *effect; /* as perform sees it */
    int64_t ws;
    int64_t job;        /* whose effect it is */
    int64_t execution;  /* whose run */
    int64_t ns;         /* how long performing it took */
    int64_t budget_us;  /* how long its run may still work; 0: no limit */
    char quota[64];     /* the daily quota it took one of ("": none) */
    int64_t quota_day;
    const char *status; /* NULL: not performed (the job is not held) */
    json_t *result;
    char error[ERR_MSG_MAX];
    int code;
    bool started; /* stored as "sending" before its call */
    bool saved;   /* its outcome is stored (save_chunk) */
};

/* Marks up to `cap` pending effects of the jobs' executions "held" (or
 * "deferred" past their quota, "timedout" when their run has worked for
 * its time limit) and extends the holds of the jobs `worker`
 * still holds (the others' effects are left alone), in one transaction.
 * Returns how many pending effects it looked at (0: none left); *nitems
 * are the ones to perform now. */
static int mark_chunk(struct engine *e, struct db *db, const char *worker,
                      const struct job *jobs, int njobs,
                      struct chunk_item *items, int cap, int *nitems,
                      struct err *err)
{
    *nitems = 0;
    int rc = db_tx_begin(db, err);
    if (rc)
        return rc;
    int64_t now = clock_now_ms(), day = now / MS_PER_DAY;
    json_t *rows = json_array();
    for (int j = 0; j < njobs && rc >= 0; j++) {
        const struct job *job = &jobs[j];
        int room = cap - (int)json_array_size(rows);
        if (room <= 0)
            break;
        /* A job this worker no longer holds (it stalled past its lease
         * and another worker took over, or the run was canceled) is not
         * this worker's to perform. */
        rc = queue_hold(db, job->id, worker,
                        now + clock_from_real_ms(e->cfg.lease_ms), err);
        if (rc <= 0)
            continue;
        /* The run's work so far, its calls included (save_chunk). */
        int64_t active = 0;
        rc = db_query_int(db,
                          "SELECT active_us FROM executions WHERE id = ?1",
                          job->execution_id, &active, err);
        if (rc < 0)
            break;
        struct db_stmt *st = db_prepare(
            db,
            "SELECT id, key, kind, contact_id, connection_id, request, "
            "workspace_id FROM effects WHERE execution_id = ?1 AND status = "
            "'pending' ORDER BY id LIMIT ?2",
            err);
        if (!st) {
            rc = -E_INTERNAL;
            break;
        }
        db_bind_int(st, 1, job->execution_id);
        db_bind_int(st, 2, room);
        while ((rc = db_step(st, err)) == DB_ROW) {
            json_t *spec = jx_load(db_col_text(st, 5));
            json_array_append_new(
                rows,
                json_pack(
                    "{s:I, s:s, s:s, s:I, s:I, s:o, s:I, s:I, s:I, s:I}", "id",
                    (json_int_t)db_col_int(st, 0), "key", db_col_text(st, 1),
                    "kind", db_col_text(st, 2), "contactId",
                    (json_int_t)(db_col_is_null(st, 3) ? 0
                                                       : db_col_int(st, 3)),
                    "connectionId",
                    (json_int_t)(db_col_is_null(st, 4) ? 0
                                                       : db_col_int(st, 4)),
                    "spec", spec ? spec : json_object(), "ws",
                    (json_int_t)db_col_int(st, 6), "job",
                    (json_int_t)job->id, "execution",
                    (json_int_t)job->execution_id, "activeUs",
                    (json_int_t)active));
        }
        db_reset(st);
    }
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        if (rc < 0)
            break;
        json_t *spec = json_object_get(row, "spec");
        const json_t *quota = json_object_get(spec, "quota");
        int64_t ws = json_integer_value(json_object_get(row, "ws"));
        int64_t limit_us = 0, active_us = 0;
        jx_int(spec, "limitUs", &limit_us);
        jx_int(row, "activeUs", &active_us);
        const char *status = "held", *why = NULL;
        const char *took = NULL; /* the quota reserved for it */
        if (limit_us > 0 && active_us >= limit_us) {
            /* Checked before the quota, so as not to use it up. */
            status = "timedout";
            why = NOT_MADE;
        } else if (json_is_object(quota)) {
            /* Reserve one of today's quota, or defer: the count goes up
             * only while it is under the limit. */
            int64_t limit = 0;
            jx_int(quota, "limit", &limit);
            bool reserved = false;
            if (limit > 0) {
                struct db_stmt *st = db_prepare(
                    db,
                    "INSERT INTO usage (workspace_id, key, day, count) "
                    "VALUES (?1, ?2, ?3, 1) ON CONFLICT (workspace_id, key, "
                    "day) DO UPDATE SET count = count + 1 WHERE count < ?4",
                    err);
                if (!st) {
                    rc = -E_INTERNAL;
                    break;
                }
                db_bind_int(st, 1, ws);
                db_bind_text(st, 2, jx_str(quota, "key"));
                db_bind_int(st, 3, day);
                db_bind_int(st, 4, limit);
                rc = db_step(st, err);
                db_reset(st);
                if (rc < 0)
                    break;
                reserved = db_changes(db) == 1;
                if (reserved)
                    took = jx_str(quota, "key");
            }
            if (!reserved) {
                status = "deferred";
                why = "Over the daily limit";
            }
        }
        struct db_stmt *st = db_prepare(
            db,
            "UPDATE effects SET status = ?2, error = ?3, code = ?4, done_at "
            "= ?5, quota_day = ?6 WHERE id = ?1",
            err);
        if (!st) {
            rc = -E_INTERNAL;
            break;
        }
        bool cut = strcmp(status, "timedout") == 0;
        db_bind_int(st, 1, json_integer_value(json_object_get(row, "id")));
        db_bind_text(st, 2, status);
        db_bind_text(st, 3, why);
        db_bind_opt_int(st, 4, cut, E_TIMEOUT);
        db_bind_opt_int(st, 5, cut, now);
        db_bind_opt_int(st, 6, took != NULL, day);
        rc = db_step(st, err);
        db_reset(st);
        if (rc < 0)
            break;
        rc = 0;
        if (!strcmp(status, "held")) {
            struct chunk_item *it = &items[(*nitems)++];
            memset(it, 0, sizeof *it);
            it->ws = ws;
            it->job = json_integer_value(json_object_get(row, "job"));
            it->execution =
                json_integer_value(json_object_get(row, "execution"));
            it->budget_us = limit_us > 0 ? limit_us - active_us : 0;
            if (took) {
                snprintf(it->quota, sizeof it->quota, "%s", took);
                it->quota_day = day;
            }
            it->effect = json_pack(
                "{s:O, s:O, s:O, s:O, s:O, s:O}", "id",
                json_object_get(row, "id"), "key", json_object_get(row, "key"),
                "kind", json_object_get(row, "kind"), "contactId",
                json_object_get(row, "contactId"), "connectionId",
                json_object_get(row, "connectionId"), "request",
                json_object_get(spec, "request") ? json_object_get(spec,
                                                                   "request")
                                                 : json_null());
        }
    }
    int seen = (int)json_array_size(rows);
    json_decref(rows);
    rc = db_tx_end(db, rc, err);
    if (rc < 0) {
        for (int k = 0; k < *nitems; k++)
            json_decref(items[k].effect);
        *nitems = 0;
        return rc;
    }
    return seen;
}

/* Makes a held effect "sending", if `worker` still holds its job: 1 when
 * it did, 0 when the job is someone else's now (or nobody's). */
static int start_call(struct db *db, const char *worker,
                      const struct chunk_item *it, struct err *err)
{
    int rc = db_tx_begin(db, err);
    if (rc)
        return rc;
    int held = queue_holds(db, it->job, worker, err);
    if (held == 1) {
        struct db_stmt *st = db_prepare(
            db,
            "UPDATE effects SET status = 'sending' WHERE id = ?1 AND status "
            "= 'held'",
            err);
        if (!st)
            return db_tx_end(db, -E_INTERNAL, err);
        db_bind_int(st, 1,
                    json_integer_value(json_object_get(it->effect, "id")));
        rc = db_step(st, err);
        db_reset(st);
        held = rc < 0 ? rc : db_changes(db) == 1;
    }
    rc = db_tx_end(db, held < 0 ? held : 0, err);
    return rc < 0 ? rc : held;
}

static int save_chunk(struct db *db, struct chunk_item *items, int n,
                      struct err *err)
{
    int rc = db_tx_begin(db, err);
    if (rc)
        return rc;
    int64_t now = clock_now_ms();
    for (int i = 0; i < n && rc >= 0; i++) {
        if (items[i].saved)
            continue;
        struct db_stmt *st = db_prepare(
            db,
            "UPDATE effects SET status = ?2, result = ?3, error = ?4, code = "
            "?5, done_at = ?6, quota_day = CASE WHEN ?2 = 'pending' THEN NULL "
            "ELSE quota_day END WHERE id = ?1 AND status = ?7",
            err);
        if (!st) {
            rc = -E_INTERNAL;
            break;
        }
        /* Not performed: pending again, for whoever holds the job now
         * (nobody, when the run was canceled). A status that is no longer
         * the one this worker left (the job was taken over, and the effect
         * settled) is left as it is. */
        bool performed = items[i].status != NULL;
        char *result = items[i].result ? jx_dump(items[i].result) : NULL;
        db_bind_int(st, 1,
                    json_integer_value(json_object_get(items[i].effect, "id")));
        db_bind_text(st, 2, performed ? items[i].status : "pending");
        db_bind_text(st, 3, result);
        db_bind_text(st, 4, items[i].error[0] ? items[i].error : NULL);
        db_bind_opt_int(st, 5, items[i].code != 0, items[i].code);
        db_bind_opt_int(st, 6, performed, now);
        db_bind_text(st, 7, items[i].started ? "sending" : "held");
        rc = db_step(st, err);
        db_reset(st);
        free(result);
    }
    /* A call not made (the run was canceled or timed out, agentd is
     * stopping) gives back the quota it took: it is taken again if it is
     * made later. */
    for (int i = 0; i < n && rc >= 0; i++) {
        bool made = items[i].status && strcmp(items[i].status, "timedout");
        if (made || !items[i].quota[0] || items[i].saved)
            continue;
        struct db_stmt *st = db_prepare(
            db,
            "UPDATE usage SET count = count - 1 WHERE workspace_id = ?1 AND "
            "key = ?2 AND day = ?3 AND count > 0",
            err);
        if (!st) {
            rc = -E_INTERNAL;
            break;
        }
        db_bind_int(st, 1, items[i].ws);
        db_bind_text(st, 2, items[i].quota);
        db_bind_int(st, 3, items[i].quota_day);
        rc = db_step(st, err);
        db_reset(st);
    }
    /* The calls' time is the runs' work (the run timeout, exec.c); a
     * chunk's items come run by run. */
    for (int i = 0; i < n && rc >= 0;) {
        int64_t ns = 0;
        int k = i;
        for (; k < n && items[k].execution == items[i].execution; k++)
            ns += items[k].saved ? 0 : items[k].ns;
        if (ns >= 1000) {
            struct db_stmt *st = db_prepare(
                db,
                "UPDATE executions SET active_us = active_us + ?2 WHERE id "
                "= ?1",
                err);
            if (!st) {
                rc = -E_INTERNAL;
                break;
            }
            db_bind_int(st, 1, items[i].execution);
            db_bind_int(st, 2, ns / 1000);
            rc = db_step(st, err);
            db_reset(st);
        }
        i = k;
    }
    return db_tx_end(db, rc, err);
}

int io_run(struct engine *e, struct db *db, struct httpc *http,
           const char *worker, const struct job *jobs, int njobs,
           struct err *err)
{
    struct chunk_item *items = xcalloc(IO_CHUNK, sizeof *items);
    int rc = 0, total = 0;
    int64_t t0 = clock_mono_ns();
    for (;;) {
        int n = 0;
        rc = mark_chunk(e, db, worker, jobs, njobs, items, IO_CHUNK, &n,
                        err);
        if (rc <= 0)
            break; /* an error, or nothing pending any more */
        bool stopping = false;
        int64_t spent_ns = 0; /* by the run of items[i] in this chunk */
        for (int i = 0; i < n; i++) {
            struct chunk_item *it = &items[i];
            if (i > 0 && it->execution != items[i - 1].execution)
                spent_ns = 0; /* a chunk's items come run by run */
            /* agentd is stopping: the calls not made yet are made after
             * the restart, rather than holding up the exit. */
            stopping = stopping || engine_stopping(e);
            if (stopping || it->job < 0)
                continue;
            if (it->budget_us > 0 && spent_ns / 1000 >= it->budget_us) {
                /* The run has worked for its limit: the rest of its calls
                 * are not made (one already under way was let finish). */
                it->status = "timedout";
                snprintf(it->error, sizeof it->error, "%s", NOT_MADE);
                it->code = E_TIMEOUT;
                continue;
            }
            /* Its retries stop where the run's time runs out. */
            httpc_set_deadline(http, it->budget_us > 0
                                         ? clock_mono_ns() +
                                               it->budget_us * 1000 - spent_ns
                                         : 0);
            /* On record as under way before it starts, so that after a
             * crash only this call is in doubt; not made at all when the
             * job is no longer this worker's (the run was canceled, or the
             * worker stalled past its lease and another took over): then
             * none of the job's calls in this chunk are. */
            int held = start_call(db, worker, it, err);
            if (held < 0) {
                rc = held;
                break;
            }
            if (!held) {
                int64_t job = it->job;
                for (int k = i; k < n && items[k].job == job; k++)
                    items[k].job = -1;
                continue;
            }
            it->started = true;
            const char *kind = jx_str(it->effect, "kind");
            const struct action *act = kind ? action_find(kind) : NULL;
            struct act_io io = {.db = db, .key = e->key, .http = http,
                                .ws = it->ws};
            struct err why = ERR_INIT;
            int64_t t = clock_mono_ns();
            int r2 = act && act->perform
                         ? act->perform(&io, it->effect, &it->result, &why)
                         : err_set(&why, E_INTERNAL, "no perform for %s",
                                   kind ? kind : "?");
            it->ns = clock_mono_ns() - t;
            spent_ns += it->ns;
            /* A call that may have gone through (its request went out,
             * no answer came) is "uncertain", as one in doubt after a
             * crash is: neither done nor failed. */
            it->status = !r2                      ? "done"
                         : httpc_uncertain(&why) ? "uncertain"
                                                 : "failed";
            if (r2) {
                snprintf(it->error, sizeof it->error, "%s", why.msg);
                it->code = (int)why.code;
                if (why.details) {
                    /* Details travel with the result for finish. */
                    json_decref(it->result);
                    it->result = json_pack("{s:O}", "details", why.details);
                }
            }
            err_clear(&why);
            /* Stored at once: the run's progress shows the call, and a
             * crash from here on leaves only later calls in doubt. A store
             * that fails stops the chunk; what is left is stored below. */
            rc = save_chunk(db, it, 1, err);
            if (rc < 0)
                break;
            it->saved = true;
        }
        total += n;
        if (rc < 0) {
            struct err more = ERR_INIT;
            save_chunk(db, items, n, &more);
            err_clear(&more);
        } else {
            rc = save_chunk(db, items, n, err);
        }
        for (int i = 0; i < n; i++) {
            json_decref(items[i].effect);
            json_decref(items[i].result);
            memset(&items[i], 0, sizeof items[i]);
        }
        if (rc < 0 || stopping)
            break;
    }
    free(items);
    httpc_set_deadline(http, 0);
    if (rc >= 0) {
        /* The steps' finish is due now, for every job. */
        rc = db_tx_begin(db, err);
        if (!rc) {
            int64_t now = clock_now_ms();
            for (int j = 0; !rc && j < njobs; j++)
                rc = queue_reschedule(db, jobs[j].id, now, worker, err);
            rc = db_tx_end(db, rc, err);
        }
    }
    struct log_line l;
    if (log_begin(&l, rc ? LOG_ERROR : LOG_DEBUG, "io.done")) {
        log_int(&l, "jobs", njobs);
        log_int(&l, "effects", total);
        log_dbl(&l, "ms", (double)(clock_mono_ns() - t0) / 1e6);
        if (rc)
            log_str(&l, "error", err->msg);
        log_end(&l);
    }
    if (!rc)
        engine_kick(e, clock_now_ms());
    return rc;
}
