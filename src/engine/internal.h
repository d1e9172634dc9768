/*
 * internal: what the engine's files share with each other and nobody else.
 */
#ifndef AGENTD_ENGINE_INTERNAL_H
#define AGENTD_ENGINE_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/tz.h"
#include "engine/engine.h"
#include "engine/queue.h"

/* Execution statuses as stored. */
#define EX_QUEUED "queued"
#define EX_RUNNING "running"
#define EX_WAITING "waiting"
#define EX_COMPLETED "completed"
#define EX_FAILED "failed"
#define EX_CANCELED "canceled"
#define EX_SKIPPED "skipped"

/* "The run has not ended", as SQL. Written as an OR chain (not an IN
 * list, which SQLite evaluates through a temporary b-tree each time) and
 * exactly as in the partial index executions_agent_open, so that queries
 * with it can use that index. */
#define SQL_OPEN                                                             \
    "(status = 'queued' OR status = 'running' OR status = 'waiting')"
#define SQL_ENDED                                                            \
    "(status = 'completed' OR status = 'failed' OR status = 'canceled' OR "   \
    "status = 'skipped')"

/* execution_steps.id = execution id * STEP_KEY + seq (see the schema). */
#define STEP_KEY INT64_C(1048576)
#define STEP_MAX (STEP_KEY - 1)

/* Sub-agents may nest this deep. */
#define EXEC_MAX_DEPTH 5

struct engine {
    struct db_pool *pool;
    const struct cry_key *key;
    const struct plan_fallback *planner;
    struct engine_config cfg;
    struct tz_cache *zones;
    char host[64];

    /* The connection every worker runs its batches on, one worker at a
     * time (wmu). Batches write, and writers take turns anyway; on one
     * connection they also share its page cache, which SQLite drops
     * whenever another connection has written. */
    struct db *wdb;
    pthread_mutex_t wmu;

    /* Jobs whose external calls a worker is performing (one slot per
     * worker thread, under mu): the lease keeper extends their holds every
     * third of a lease for as long as the calls take, so that a slow
     * provider never makes a live worker's job look abandoned. */
    struct held_jobs {
        const struct job *jobs;
        int n;
        const char *worker;
    } *held;
    struct wake *wake; /* other processes on this host; NULL: none */
    pthread_t keeper;
    pthread_cond_t keeper_cond;
    bool keeper_on;   /* the keeper thread runs */
    bool keeper_stop; /* asked to stop, once the workers have */

    pthread_mutex_t mu;
    pthread_cond_t cond;
    uint64_t kicks;   /* bumped by every kick */
    int64_t wake_at;  /* earliest time a sleeping worker wakes on its own */
    bool stopping;
    pthread_t *threads;
    int nthreads;
    int started;

    /* Figures for logs and benchmarks (committed work only). */
    atomic_llong steps_done;
    atomic_llong ended;
    engine_trace_fn trace;
    void *trace_arg;
};

/* ---- agents as the engine reads them ---------------------------------- */

struct agent_row {
    int64_t id;
    int64_t ws;
    int64_t created_by;
    char name[208];
    char status[12];
    bool deleted;
    char *plan_text;     /* owned; NULL when the agent has no plan */
    json_t *plan_error;  /* owned or NULL */
    json_t *trigger;     /* owned; {} when unset */
    json_t *restrictions;
    json_t *memory;
};

/* Loads an agent of workspace ws (deleted ones too: row->deleted). */
int agent_load(struct db *db, int64_t ws, int64_t id, struct agent_row *a,
               struct err *err);
void agent_row_free(struct agent_row *a);
/* A restriction of the agent, or dflt when unset. */
int64_t agent_limit(const struct agent_row *a, const char *key, int64_t dflt);

/* ---- a worker's cache (cache.c) ---------------------------------------- */

#define WCACHE_PLANS 32
#define WCACHE_AGENTS 16

struct wcache_plan {
    int64_t id; /* plans.id */
    json_t *plan;
    bool reads_steps; /* may read @steps.N: see wcache_plan() */
    uint64_t used;
};

struct wcache_agent {
    struct agent_row row;
    json_t *json; /* {"id", "name", "createdBy", "memory", "restrictions"} */
};

struct wcache_slots {
    int64_t ws;
    int64_t running; /* runs of the workspace in status running */
    int64_t cap;     /* its max_concurrent_runs (0: no cap) */
};

struct wcache {
    struct wcache_plan plans[WCACHE_PLANS];
    uint64_t tick;
    struct wcache_agent agents[WCACHE_AGENTS];
    int nagents;
    struct wcache_slots slots[WCACHE_AGENTS];
    int nslots;
    void *frames; /* exec.c's cursor frames, allocated once */
    /* Steps recorded and runs ended in the batch's open transaction: they
     * reach the engine's figures when it commits, so that work done again
     * after a rollback is not counted twice. */
    int64_t steps, ended;
};

void wcache_init(struct wcache *c);
/* Forgets the agents and slot counts (call when a batch's transaction
 * ends). */
void wcache_batch_end(struct wcache *c);
void wcache_free(struct wcache *c);
/* The parsed plan snapshot `id` (borrowed; read-only), and whether its
 * runs may read earlier steps' outputs (@steps.N, steps.N in a condition,
 * or an email template, whose text is read at run time). */
int wcache_plan(struct wcache *c, struct db *db, int64_t id,
                const json_t **plan, bool *reads_steps, struct err *err);
/* An agent as runs see it (borrowed until the batch ends). */
int wcache_agent(struct wcache *c, struct db *db, int64_t ws, int64_t id,
                 const struct agent_row **row, const json_t **json,
                 struct err *err);

/* ---- admission (admit.c) ---------------------------------------------- */

#define ADMIT_STRICT 0x1    /* refuse with an error rather than record */
#define ADMIT_EXCLUSIVE 0x2 /* one active run per agent */
#define ADMIT_DRAFT_OK 0x4  /* Draft agents may run */

struct admit_req {
    int64_t agent_id;
    const char *trigger_type; /* "manual", "scheduled", "event:...", ... */
    int64_t user_id;          /* who triggered; 0 = the system */
    const json_t *trigger;    /* @trigger data; may be NULL */
    const json_t *set;        /* the initial current set; may be NULL */
    const json_t *input;      /* @input; may be NULL */
    int64_t parent_id;
    int depth;
    int64_t retry_of;
    unsigned flags;
};

struct admit_out {
    int64_t execution_id;     /* 0 when nothing was recorded */
    const char *status;       /* queued, skipped or failed */
    int64_t run_at;           /* when its job is due (queued) */
    enum err_code code;       /* why it was skipped (E_OK otherwise) */
    char message[300];
};

/* The admission result that asks the caller to commit what was written
 * (an auto-pause, a failed record) and then report the error in err. */
#define ADMIT_REFUSED 1

/* Decides whether a run may start and records it, inside the caller's
 * transaction on ctx->db (ctx->ws is the workspace). Returns 0 (see
 * out->status), ADMIT_REFUSED, or a negative error (roll back). */
int admit_run(struct engine *e, struct crm_ctx *ctx,
              const struct admit_req *rq, struct admit_out *out,
              struct err *err);

/* ---- the step loop (exec.c) ------------------------------------------- */

/* Advances the execution of a "run" job, inside the caller's transaction.
 * *kick is set to the earliest run_at of jobs it added (0: none). *io is
 * set when the run stopped at an external step whose effects the worker
 * must now perform (io_run, after the transaction commits). */
int exec_job(struct engine *e, struct db *db, struct wcache *wc,
             const struct job *job, int64_t now, int64_t *kick, bool *io,
             struct err *err);
/* Ends a run that cannot go on (status failed, canceled), removes its
 * jobs, and lets what waited on it proceed (the next queued run of its
 * agent, its parent). error may be NULL. */
int exec_finish(struct engine *e, struct db *db, int64_t id,
                const char *status, const char *message, json_t *error,
                int64_t by_user, int64_t now, int64_t *kick,
                struct err *err);
/* Adds extra (what happened while the run was parked: an approval, a
 * take-over, a timeout) to the output of step record `seq` of execution
 * `id`, and sets when it finished; seq 0 does nothing. */
int exec_annotate_step(struct db *db, int64_t id, int64_t seq,
                       const json_t *extra, int64_t now, struct err *err);
/* After an execution ended: starts the next run of the agent that was
 * queued behind it (when no other run of the agent is active), and wakes
 * its parent. */
int exec_released(struct engine *e, struct db *db, int64_t ws,
                  int64_t agent_id, int64_t parent_id, int64_t now,
                  int64_t *kick, struct err *err);

/* "Processed 5 contacts, sent 5 emails" from an execution's counters. */
void exec_summary_text(const json_t *counts, struct buf *out);
/* Whether a count of the summary is of something a run did (an e-mail
 * sent, a tag added), not of what it worked on (contacts processed). */
bool exec_count_is_action(const char *key);

/* ---- side effects of external steps (io.c) ------------------------------ */

struct httpc;

/* Stores a step's effects as pending (one key per execution, step,
 * contact and rank: storing them again changes nothing) and makes
 * effects deferred by a quota pending again. limit_us: how long the run
 * may work (0: no limit); calls that would start after it are not made
 * but marked "timedout". */
int effects_insert(struct db *db, int64_t ws, int64_t execution,
                   const char *path, const json_t *effects, int64_t limit_us,
                   int64_t now, struct err *err);
/* After a crash: effects "held" but never started become pending again
 * (giving back the quota they reserved); those left "sending" become
 * pending again (idempotent ones) or "uncertain". *pending = how many are
 * left to perform. */
int effects_settle(struct db *db, int64_t execution, const char *path,
                   int64_t now, int64_t *pending, struct err *err);
/* The effects of a step that finish has not seen yet, with their
 * outcomes, or NULL with err. */
json_t *effects_load(struct db *db, int64_t execution, const char *path,
                     struct err *err);
/* Marks what finish saw as reported. */
int effects_reported(struct db *db, int64_t execution, const char *path,
                     struct err *err);
/* True once engine_stop() has begun. */
bool engine_stopping(struct engine *e);

/* Performs the pending effects of the jobs' executions (no transaction
 * open on db), a chunk of them per pair of transactions, then makes the
 * jobs due again. `worker` holds the jobs (queue_hold) and the engine's
 * lease keeper extends the holds meanwhile; a job no longer held by
 * `worker` is left to whoever holds it. */
int io_run(struct engine *e, struct db *db, struct httpc *http,
           const char *worker, const struct job *jobs, int njobs,
           struct err *err);

/* ---- schedules and agent changes (sched.c) ---------------------------- */

/* Fires a "schedule" job and plans the next one. */
int sched_job(struct engine *e, struct db *db, const struct job *job,
              int64_t now, int64_t *kick, struct err *err);
/* The crm_ctx next_run hook: when the agent's schedule job is due (epoch
 * ms), 0 for none. */
int64_t sched_next_run(struct crm_ctx *ctx, int64_t agent_id);
/* The crm_ctx on_agent hook. */
int sched_on_agent(struct crm_ctx *ctx, int64_t agent_id, const json_t *row,
                   const json_t *old, struct err *err);
/* Creates schedule jobs for Live and Paused agents that lack one. */
int sched_sync_all(struct engine *e, struct db *db, struct err *err);
/* Housekeeping: expired counters and idempotency keys, old logs. */
int sched_maintenance(struct engine *e, struct db *db, const struct job *job,
                      int64_t now, struct err *err);

/* ---- CRM events (events.c) -------------------------------------------- */

int events_on_event(struct crm_ctx *ctx, int64_t event_id, const char *type,
                    int64_t entity_id, const json_t *data, struct err *err);

/* ---- shared helpers ---------------------------------------------------- */

/* A crm_ctx for the engine acting in workspace ws on db. */
void engine_ctx(struct engine *e, struct db *db, int64_t ws,
                struct crm_ctx *ctx);
/* Notes a kick for after commit: keeps the earliest. */
static inline void kick_note(int64_t *kick, int64_t at)
{
    if (kick && (*kick == 0 || at < *kick))
        *kick = at;
}

#endif
