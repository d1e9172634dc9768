/*
 * engine: runs agents.
 *
 * The engine owns the worker threads and everything that starts, advances
 * or stops an execution: admission (admit.c), the step loop (exec.c),
 * schedules (sched.c), CRM event triggers (events.c), the operations
 * people perform on runs (control.c) and the execution history
 * (history.c). Every piece of state lives in the store; the engine object
 * holds only configuration, threads and the wake-up signal.
 *
 * Workers sleep until the next job is due. A job added in this process
 * (engine_kick) wakes one at once; so does one added by another process
 * on this host sharing the database, through wake_dir; other jobs of
 * other processes are noticed within poll_ms.
 *
 * Callers that change the CRM on the engine's behalf (the HTTP API) attach
 * the engine to their crm_ctx with engine_attach(), so that CRM events
 * start event-triggered agents and agent changes keep schedules and
 * pending runs in step, inside the caller's transaction.
 */
#ifndef AGENTD_ENGINE_ENGINE_H
#define AGENTD_ENGINE_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/crypto.h"
#include "core/err.h"
#include "crm/entity.h"
#include "store/db.h"

struct engine;
struct plan_fallback;

struct engine_config {
    int workers;             /* worker threads; 0 runs none (API only) */
    int64_t lease_ms;        /* real ms a claimed job is held */
    int batch_max;           /* jobs per claim */
    int64_t poll_ms;         /* real ms; idle workers look for jobs that
                                other processes added at least this often */
    int runs_per_minute;     /* per agent, unless restrictions say less */
    int runs_per_day;        /* per agent: the circuit breaker */
    int credits_per_run;     /* charged when a run is admitted */
    int run_timeout_s;       /* real seconds of work a run may do (steps
                                and their calls, not its waits) before no
                                further step starts; 0: no limit */
    int retention_standard;  /* days execution logs are kept, by tier */
    int retention_enterprise;
    const char *allow_hosts; /* hosts the outbound address guard lets
                                through (AGENTD_HTTP_ALLOW_HOSTS) */
    const char *ca_file;     /* CA bundle for outbound TLS instead of the
                                system's (AGENTD_CA_FILE) */
    const char *wake_dir;    /* wake-ups between processes sharing the
                                database on this host (wake.h); NULL:
                                other processes' jobs are found by poll */
};

/* Defaults: workers = cores, lease 30 s, 10 runs/min, 100 runs/day,
 * 1 credit per run, runs time out after 120 s of work, retention 30 / 365
 * days. */
void engine_config_defaults(struct engine_config *c);
/* Overrides from AGENTD_WORKERS, AGENTD_LEASE_MS, AGENTD_RUNS_PER_MINUTE,
 * AGENTD_RUNS_PER_DAY, AGENTD_CREDITS_PER_RUN, AGENTD_RUN_TIMEOUT,
 * AGENTD_POLL_MS. */
int engine_config_from_env(struct engine_config *c, struct err *err);

/* The engine borrows pool, key and planner for its lifetime. */
int engine_new(struct db_pool *pool, const struct cry_key *key,
               const struct plan_fallback *planner,
               const struct engine_config *cfg, struct engine **out,
               struct err *err);
/* Recovers what a previous process left (expired leases, schedules of
 * Live agents without a job), then starts the workers. */
int engine_start(struct engine *e, struct err *err);
/* Stops the workers after their current batch and joins them. */
void engine_stop(struct engine *e);
void engine_free(struct engine *e);

/* Installs the engine's hooks (events, agent changes) in ctx. */
void engine_attach(struct engine *e, struct crm_ctx *ctx);
/* A job is due at run_at: wakes a worker if that is sooner than planned.
 * Call after the transaction that added it commits (or before: a worker
 * that wakes early waits for the writer). */
void engine_kick(struct engine *e, int64_t run_at);

/* Observability for benchmarks: fn is called by a worker each time it
 * starts advancing an execution, with the time its job was due (ms on
 * agentd's clock) and whether no step has run yet. Set before
 * engine_start; NULL (the default) costs one branch. A job done again
 * after its batch was rolled back (see run_batch) is reported again. */
typedef void (*engine_trace_fn)(void *arg, int64_t execution_id,
                                int64_t due_at, bool first);
void engine_set_trace(struct engine *e, engine_trace_fn fn, void *arg);
/* Executions ended and steps recorded since the engine started, as
 * committed. */
void engine_stats(struct engine *e, int64_t *ended, int64_t *steps);

/* ---- triggers (admit.c) ----------------------------------------------- */

/* Runs an agent now for a person (POST .../agents/:id/execute). The agent
 * must be Live or Draft and not already running (409 with the running
 * executionId). input (may be NULL) becomes @input. *out =
 * {"executionId", "status", "message"}. */
int engine_run_manual(struct engine *e, struct crm_ctx *ctx, int64_t agent_id,
                      const json_t *input, json_t **out, struct err *err);

/* An inbound webhook (POST /api/hooks/:agentId). secret is compared in
 * constant time; idem_key (may be NULL) returns the first executionId for
 * 60 s; at most 100 calls per minute per agent. body becomes
 * @trigger.body. *out = {"executionId", "status"}; *duplicate is set when
 * the idempotency key had been seen. */
int engine_webhook(struct engine *e, struct db *db, int64_t agent_id,
                   const char *secret, const char *idem_key,
                   const json_t *body, json_t **out, bool *duplicate,
                   struct err *err);

/* ---- operations on runs (control.c) ---------------------------------- */

/* Each *out is the execution as engine_execution_get() shows it. */
int engine_cancel(struct engine *e, struct crm_ctx *ctx, int64_t id,
                  json_t **out, struct err *err);
/* A new run of the same agent with the same trigger context. */
int engine_retry(struct engine *e, struct crm_ctx *ctx, int64_t id,
                 json_t **out, struct err *err);
int engine_approve(struct engine *e, struct crm_ctx *ctx, int64_t id,
                   json_t **out, struct err *err);
int engine_reject(struct engine *e, struct crm_ctx *ctx, int64_t id,
                  const char *reason, json_t **out, struct err *err);
/* "Take over": the person the run was handed to continues it. */
int engine_handoff_complete(struct engine *e, struct crm_ctx *ctx, int64_t id,
                            bool is_admin, json_t **out, struct err *err);
/* Continues a waiting run now (after its agent was paused, or to skip the
 * rest of a wait). */
int engine_resume(struct engine *e, struct crm_ctx *ctx, int64_t id,
                  json_t **out, struct err *err);

/* ---- history (history.c) ---------------------------------------------- */

struct exec_query {
    int64_t agent_id;    /* 0: every agent */
    const char *status;  /* NULL: any */
    const char *trigger; /* "manual", "scheduled", "event", "webhook",
                            "agent", or an exact type such as
                            "event:contact_created"; NULL: any */
    int64_t from, to;    /* createdAt range; 0: open */
    const char *q;       /* agent name, message or error contains (and
                            for owners and admins the trigger data,
                            output, steps' params and outputs) */
    int limit;
    int64_t before;      /* cursor: ids below this; 0 = first page */
};

/* Newest first. full: owners and admins see step params, outputs and the
 * trigger data; others get the summary only. */
int engine_execution_list(struct crm_ctx *ctx, const struct exec_query *q,
                          bool full, json_t **out, struct err *err);
/* Whether an execution's status is final: completed, failed, canceled or
 * skipped. */
bool engine_status_ended(const char *status);
/* A text that changes whenever what engine_execution_get() shows of the
 * run changes (its row, its steps' count and finish times, the calls
 * under way), for a watcher to call often at a small fraction of the
 * cost of the run itself. *out is the caller's to free. */
int engine_execution_stamp(struct crm_ctx *ctx, int64_t id, char **out,
                           struct err *err);
/*
 * The history as it changes, for a live list. `watch` ({"id": stamp}) is
 * the caller's, empty at first, and *after -1 at first. The first call
 * gives the runs that have not ended (newest first, at most
 * EXEC_FOLLOW_MAX) and sets *after to the newest run's id; each later call
 * gives, oldest first, the followed runs that changed since and the runs
 * created after *after (at most EXEC_FOLLOW_NEW a call; the rest come
 * next time). Rows are as engine_execution_list() shows them, of agent
 * `agent_id` only when not 0. A run that ended or was deleted is no
 * longer followed; at most EXEC_FOLLOW_MAX are.
 */
#define EXEC_FOLLOW_MAX 500
#define EXEC_FOLLOW_NEW 100
int engine_execution_follow(struct crm_ctx *ctx, int64_t agent_id, bool full,
                            int64_t *after, json_t *watch, json_t **out,
                            struct err *err);
/* One execution with its steps. */
int engine_execution_get(struct crm_ctx *ctx, int64_t id, bool full,
                         json_t **out, struct err *err);
/* Every run q selects (no pages; q->limit and q->before ignored unless
 * set), newest first, appended to out: CSV (RFC 4180; ExecutionId, Date,
 * Agent, Trigger, Status, Duration, Work time, Contacts Processed,
 * Actions Performed, Summary) or a JSON array of the list's rows. */
int engine_execution_export(struct crm_ctx *ctx, const struct exec_query *q,
                            bool full, bool csv, struct buf *out,
                            struct err *err);

/* ---- reports (report.c) ------------------------------------------------ */

/* "7d", "30d" (also NULL: the default), "90d" or "all" as a number of
 * days (0: all time); -1 for anything else. */
int report_range_parse(const char *s, int *days);
/* The name of agent `id` of the workspace (not deleted), or the 404. */
int engine_agent_exists(struct crm_ctx *ctx, int64_t id, char *name,
                        size_t size, struct err *err);
/* Whether `sort` ("name", "-executions", ...) is a key of the table. */
bool report_sort_known(const char *sort);
/* An agent's figures over the last `days` days (0: all time): runs by
 * outcome, success rate with its text and warning, average duration and
 * work time, the counts of what its runs did, and the period before. */
int engine_agent_dashboard(struct crm_ctx *ctx, int64_t agent_id, int days,
                           json_t **out, struct err *err);
/* Every agent of the workspace with its figures, sorted by `sort`
 * (NULL: most executions first). */
int engine_agents_dashboard(struct crm_ctx *ctx, int days, const char *sort,
                            json_t **out, struct err *err);

#endif
