/*
 * queue: durable jobs in the store.
 *
 * A job is a row of `jobs`: what to do (kind "run": advance an execution;
 * "schedule": fire an agent's schedule; "maintenance": housekeeping), when
 * (`run_at`), how often it was tried (`attempts`) and who holds it
 * (`locked_by`, `locked_until`). Waits, retries, resumes and schedules are
 * all jobs with a future run_at; nothing that must happen later lives only
 * in memory.
 *
 * Claiming sets a lease (`locked_until`, run_at stays) and commits: the
 * job is then passed over by other workers until the lease expires. A
 * worker that finishes a job deletes or reschedules it in the transaction
 * that records the work, so a job is either done with its effects or not
 * done at all. A worker that dies leaves the lease to expire and the job
 * is claimed again, with its attempts counted; after QUEUE_MAX_ATTEMPTS
 * the engine gives up on it and records why.
 *
 * `due_at` is when the job was meant to run (run_at moves with holds and
 * retries); lateness is measured against it.
 *
 * Every function works on the caller's connection and inside the caller's
 * transaction, except queue_claim(), which is its own transaction.
 */
#ifndef AGENTD_ENGINE_QUEUE_H
#define AGENTD_ENGINE_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

#define QUEUE_MAX_ATTEMPTS 3

#define JOB_RUN "run"
#define JOB_SCHEDULE "schedule"
#define JOB_MAINTENANCE "maintenance"

struct job {
    int64_t id;
    int64_t ws;
    char kind[16];
    int64_t execution_id; /* 0 when none */
    int64_t agent_id;     /* 0 when none */
    int64_t due_at;
    int attempts;         /* including the current claim */
};

/* Adds a job due at run_at. With idem_key, a job with the same key is
 * moved to run_at instead of added twice (schedules: "sched:<agent>").
 * *id may be NULL. */
int queue_push(struct db *db, int64_t ws, const char *kind,
               int64_t execution_id, int64_t agent_id, int64_t run_at,
               const char *idem_key, int64_t *id, struct err *err);

/* Claims up to max due jobs (run_at <= now and no lease running), oldest
 * due first, for lease_ms, in its own transaction. Returns the number
 * claimed (jobs filled in out) or a negative error. */
int queue_claim(struct db *db, const char *worker, int64_t now,
                int64_t lease_ms, int max, struct job *out, struct err *err);

/* The job is finished: removes it. */
int queue_done(struct db *db, int64_t id, struct err *err);

/* Runs the job again at run_at as a fresh job (attempts 0, unlocked).
 * With holder, only if that worker still holds it (nothing happens
 * otherwise: another worker took it over, or it was canceled). */
int queue_reschedule(struct db *db, int64_t id, int64_t run_at,
                     const char *holder, struct err *err);

/* Keeps a claimed job held until `until` (run_at and locked_until, with
 * attempts back to 0: the worker is alive): while a worker performs the
 * external calls of a step outside any transaction, for as long as they
 * take. With holder, only if that worker still holds it. Returns 1 if the
 * job is held, 0 if it is gone or not held (by holder), or a negative
 * error. */
int queue_hold(struct db *db, int64_t id, const char *holder, int64_t until,
               struct err *err);

/* 1 if holder holds the job, 0 if not (gone, or held by another), or a
 * negative error. */
int queue_holds(struct db *db, int64_t id, const char *holder,
                struct err *err);

/* A try failed with `why`: schedules another with exponential backoff
 * (1 s, 4 s ... real time) and returns 1, or returns 0 when the job has
 * had QUEUE_MAX_ATTEMPTS and should be given up (it is left in place). */
int queue_retry(struct db *db, const struct job *job, int64_t now,
                const char *why, struct err *err);

/* Removes the jobs of an execution / the run jobs of an agent's
 * executions / an agent's own jobs of a kind (NULL: every kind). Returns
 * the number removed or a negative error. */
int queue_cancel_execution(struct db *db, int64_t execution_id,
                           struct err *err);
int queue_cancel_agent(struct db *db, int64_t agent_id, const char *kind,
                       struct err *err);

/* The earliest time a job can be claimed (its run_at, or its lease's end
 * if later; INT64_MAX when there is none), or a negative error. Sleeping
 * workers wake then. */
int64_t queue_next_due(struct db *db, struct err *err);

/* Expires the leases held by workers of this host whose process is gone
 * (an agentd that was killed), so their jobs run now rather than when the
 * lease runs out. host is this machine's name. Returns the number freed. */
int queue_release_dead(struct db *db, const char *host, int64_t now,
                       struct err *err);

#endif
