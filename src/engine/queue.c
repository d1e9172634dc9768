/* queue: durable jobs; see queue.h. */
#include "engine/queue.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/str.h"

int queue_push(struct db *db, int64_t ws, const char *kind,
               int64_t execution_id, int64_t agent_id, int64_t run_at,
               const char *idem_key, int64_t *id, struct err *err)
{
    /* Without an idempotency key a plain insert (the hot path of every
     * run); with one, an upsert that moves the existing job. */
    struct db_stmt *st = db_prepare(
        db,
        idem_key
            ? "INSERT INTO jobs (workspace_id, kind, execution_id, agent_id, "
              "run_at, due_at, idem_key, created_at) VALUES (?1, ?2, ?3, ?4, "
              "?5, ?5, ?6, ?7) ON CONFLICT (idem_key) WHERE idem_key IS NOT "
              "NULL DO UPDATE SET run_at = excluded.run_at, due_at = "
              "excluded.due_at, attempts = 0, locked_by = NULL, locked_until "
              "= NULL RETURNING id"
            : "INSERT INTO jobs (workspace_id, kind, execution_id, agent_id, "
              "run_at, due_at, idem_key, created_at) VALUES (?1, ?2, ?3, ?4, "
              "?5, ?5, ?6, ?7)",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ws);
    db_bind_text(st, 2, kind);
    db_bind_opt_int(st, 3, execution_id > 0, execution_id);
    db_bind_opt_int(st, 4, agent_id > 0, agent_id);
    db_bind_int(st, 5, run_at);
    db_bind_text(st, 6, idem_key);
    db_bind_int(st, 7, clock_now_ms());
    int rc = db_step(st, err);
    if (id)
        *id = idem_key ? (rc == DB_ROW ? db_col_int(st, 0) : 0)
                       : db_last_id(db);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

static int by_due(const void *a, const void *b)
{
    const struct job *x = a, *y = b;
    if (x->due_at != y->due_at)
        return x->due_at < y->due_at ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

int queue_claim(struct db *db, const char *worker, int64_t now,
                int64_t lease_ms, int max, struct job *out, struct err *err)
{
    int rc = db_tx_begin(db, err);
    if (rc)
        return rc;
    /* One statement picks and locks: the write transaction (SQLite) or
     * SKIP LOCKED (PostgreSQL) keeps two workers from taking one job.
     * The lease is locked_until alone: run_at stays, so that claiming
     * does not move the job in the jobs_due index (half the cost of the
     * claim), and claimed jobs are passed over until their lease ends.
     * They are few at the front of the index: a worker's batch ends
     * with each of its jobs done, rescheduled or held (queue_hold moves
     * run_at), before the next claim. */
    char sql[700];
    snprintf(sql, sizeof sql,
             "UPDATE jobs SET locked_until = ?1 + ?2, locked_by = ?3, "
             "attempts = attempts + 1 WHERE id IN (SELECT id FROM jobs WHERE "
             "run_at <= ?1 AND (locked_until IS NULL OR locked_until <= ?1) "
             "ORDER BY run_at LIMIT ?4 %s) RETURNING id, workspace_id, kind, "
             "execution_id, agent_id, due_at, attempts",
             db_claim_sql(db));
    struct db_stmt *st = db_prepare(db, sql, err);
    if (!st) {
        db_tx_rollback(db);
        return -E_INTERNAL;
    }
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, lease_ms);
    db_bind_text(st, 3, worker);
    db_bind_int(st, 4, max);
    int n = 0;
    while ((rc = db_step(st, err)) == DB_ROW && n < max) {
        struct job *j = &out[n++];
        memset(j, 0, sizeof *j);
        j->id = db_col_int(st, 0);
        j->ws = db_col_int(st, 1);
        str_copy(j->kind, sizeof j->kind, db_col_text(st, 2));
        j->execution_id = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
        j->agent_id = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
        j->due_at = db_col_int(st, 5);
        j->attempts = (int)db_col_int(st, 6);
    }
    db_reset(st);
    if (rc < 0) {
        db_tx_rollback(db);
        return rc;
    }
    rc = db_tx_commit(db, err);
    if (rc)
        return rc;
    /* RETURNING has no order: oldest due first, as claimed. */
    qsort(out, (size_t)n, sizeof *out, by_due);
    return n;
}

int queue_done(struct db *db, int64_t id, struct err *err)
{
    struct db_stmt *st = db_prepare(db, "DELETE FROM jobs WHERE id = ?1", err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, id);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

/* Runs an UPDATE of one job with ?1 = id, ?2 = a time, ?3 = the holder
 * (NULL: any); returns 1 if it changed the job, 0 if not. */
static int update_job(struct db *db, const char *sql, int64_t id, int64_t at,
                      const char *holder, struct err *err)
{
    struct db_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, at);
    db_bind_text(st, 3, holder);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : db_changes(db) > 0;
}

int queue_reschedule(struct db *db, int64_t id, int64_t run_at,
                     const char *holder, struct err *err)
{
    int rc = update_job(db,
                        "UPDATE jobs SET run_at = ?2, due_at = ?2, attempts "
                        "= 0, locked_by = NULL, locked_until = NULL, "
                        "last_error = NULL WHERE id = ?1 AND (?3 IS NULL OR "
                        "locked_by = ?3)",
                        id, run_at, holder, err);
    return rc < 0 ? rc : 0;
}

int queue_holds(struct db *db, int64_t id, const char *holder,
                struct err *err)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT 1 FROM jobs WHERE id = ?1 AND locked_by = ?2", err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, holder);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : rc == DB_ROW;
}

int queue_hold(struct db *db, int64_t id, const char *holder, int64_t until,
               struct err *err)
{
    return update_job(db,
                      "UPDATE jobs SET run_at = ?2, locked_until = ?2, "
                      "attempts = 0 WHERE id = ?1 AND locked_by IS NOT NULL "
                      "AND (?3 IS NULL OR locked_by = ?3)",
                      id, until, holder, err);
}

int queue_retry(struct db *db, const struct job *job, int64_t now,
                const char *why, struct err *err)
{
    if (job->attempts >= QUEUE_MAX_ATTEMPTS)
        return 0;
    /* 1 s, 4 s: real seconds, whatever the clock's scale, because what
     * failed (a busy database, a provider) recovers in real time. */
    int64_t delay = MS_PER_SEC;
    for (int i = 1; i < job->attempts; i++)
        delay *= 4;
    struct db_stmt *st = db_prepare(
        db,
        "UPDATE jobs SET run_at = ?2, locked_by = NULL, locked_until = NULL, "
        "last_error = ?3 WHERE id = ?1",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, job->id);
    db_bind_int(st, 2, now + clock_from_real_ms(delay));
    db_bind_text(st, 3, why);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : 1;
}

int queue_cancel_execution(struct db *db, int64_t execution_id,
                           struct err *err)
{
    struct db_stmt *st =
        db_prepare(db, "DELETE FROM jobs WHERE execution_id = ?1", err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, execution_id);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : (int)db_changes(db);
}

int queue_cancel_agent(struct db *db, int64_t agent_id, const char *kind,
                       struct err *err)
{
    struct db_stmt *st = db_prepare(
        db,
        "DELETE FROM jobs WHERE agent_id = ?1 AND (?2 IS NULL OR kind = ?2)",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, agent_id);
    db_bind_text(st, 2, kind);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : (int)db_changes(db);
}

/* When a job can next be claimed: its run_at, or the end of its lease if
 * later. */
#define JOB_FREE_AT "MAX(run_at, COALESCE(locked_until, run_at))"

int64_t queue_next_due(struct db *db, struct err *err)
{
    /* The first jobs by run_at decide, unless every one of them is leased
     * past its run_at: one that is not is free at its run_at, which no
     * later job's time comes before. Else (rare: many leased at once, by
     * other processes) the jobs due before the soonest found are looked
     * at: only they can be free sooner. */
    struct db_stmt *st = db_prepare(
        db,
        "SELECT MIN(" JOB_FREE_AT "), MAX(locked_until IS NULL OR "
        "locked_until <= run_at), COUNT(*) FROM (SELECT run_at, locked_until "
        "FROM jobs ORDER BY run_at LIMIT 64)",
        err);
    if (!st)
        return -E_INTERNAL;
    int rc = db_step(st, err);
    int64_t at = INT64_MAX;
    bool exact = true;
    if (rc == DB_ROW && !db_col_is_null(st, 0)) {
        at = db_col_int(st, 0);
        exact = db_col_int(st, 1) != 0 || db_col_int(st, 2) < 64;
    }
    db_reset(st);
    if (rc < 0 || exact)
        return rc < 0 ? rc : at;
    int64_t sooner = 0;
    rc = db_query_int(db,
                      "SELECT MIN(" JOB_FREE_AT ") FROM jobs WHERE "
                      "run_at < ?1",
                      at, &sooner, err);
    if (rc < 0)
        return rc;
    return sooner && sooner < at ? sooner : at;
}

/* locked_by is "host:pid:n". True if it names a process of this host that
 * no longer exists. */
static bool holder_dead(const char *by, const char *host)
{
    size_t hl = strlen(host);
    if (!by || strncmp(by, host, hl) != 0 || by[hl] != ':')
        return false;
    char *end;
    long pid = strtol(by + hl + 1, &end, 10);
    if (pid <= 0 || *end != ':')
        return false;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

int queue_release_dead(struct db *db, const char *host, int64_t now,
                       struct err *err)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT DISTINCT locked_by FROM jobs WHERE locked_by IS NOT NULL "
        "AND locked_until > ?1",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, now);
    char dead[32][96];
    int ndead = 0, rc;
    while ((rc = db_step(st, err)) == DB_ROW && ndead < 32) {
        const char *by = db_col_text(st, 0);
        if (holder_dead(by, host))
            snprintf(dead[ndead++], sizeof dead[0], "%s", by);
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    int freed = 0;
    for (int i = 0; i < ndead; i++) {
        st = db_prepare(db,
                        "UPDATE jobs SET run_at = ?2, locked_until = NULL, "
                        "locked_by = NULL WHERE locked_by = ?1",
                        err);
        if (!st)
            return -E_INTERNAL;
        db_bind_text(st, 1, dead[i]);
        db_bind_int(st, 2, now);
        rc = db_step(st, err);
        db_reset(st);
        if (rc < 0)
            return rc;
        freed += (int)db_changes(db);
    }
    return freed;
}
