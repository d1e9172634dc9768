/*
 * engine: worker threads, wake-ups, and the triggers people call.
 *
 * A worker claims a batch of due jobs (one short transaction that leases
 * them), then does them all in one transaction, each job in a savepoint:
 * group commit, so that many small runs share one commit. A job that fails
 * for a reason of the store (not a failing step, which is a normal end of
 * a run) is rolled back alone and retried with backoff; after
 * QUEUE_MAX_ATTEMPTS its execution fails with the reason.
 *
 * Then the worker sleeps until the earliest run_at in the jobs table or a
 * kick, whichever comes first (and at most poll_ms, for jobs other
 * processes add). Kicks carry a due time, so that only a job due sooner
 * than the workers' planned wake-up wakes one.
 */
#include "engine/engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "connectors/httpc.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "crm/agents.h"
#include "engine/internal.h"
#include "engine/wake.h"
#include "plan/compile.h"

#define BATCH_LIMIT 1024
/* A transaction of a batch is committed after this long, so that a big
 * batch does not keep the database (and the triggers waiting for it) for
 * long: group commit for throughput, bounded for latency. */
#define BATCH_BUDGET_NS (10 * 1000 * 1000)

void engine_config_defaults(struct engine_config *c)
{
    memset(c, 0, sizeof *c);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    c->workers = cores > 0 ? (int)cores : 2;
    c->lease_ms = 30 * MS_PER_SEC;
    c->batch_max = 256;
    c->poll_ms = 1000;
    c->runs_per_minute = 10;
    c->runs_per_day = 100;
    c->credits_per_run = 1;
    c->run_timeout_s = 120;
    c->retention_standard = 30;
    c->retention_enterprise = 365;
}

static int env_int(const char *name, int64_t min, int64_t max, int64_t *out,
                   struct err *err)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return 0;
    int64_t n;
    if (str_parse_i64(v, &n) || n < min || n > max)
        return err_set(err, E_BAD_REQUEST,
                       "%s must be an integer from %lld to %lld, not '%s'",
                       name, (long long)min, (long long)max, v);
    *out = n;
    return 1;
}

int engine_config_from_env(struct engine_config *c, struct err *err)
{
    /* Each setting is an int or an int64_t field of c. */
    const struct {
        const char *name;
        int64_t min, max;
        int *i;
        int64_t *l;
    } settings[] = {
        {"AGENTD_WORKERS", 0, 64, &c->workers, NULL},
        {"AGENTD_LEASE_MS", 100, 3600000, NULL, &c->lease_ms},
        {"AGENTD_POLL_MS", 10, 60000, NULL, &c->poll_ms},
        {"AGENTD_BATCH", 1, BATCH_LIMIT, &c->batch_max, NULL},
        {"AGENTD_RUNS_PER_MINUTE", 1, 100000000, &c->runs_per_minute, NULL},
        {"AGENTD_RUNS_PER_DAY", 1, 1000000000, &c->runs_per_day, NULL},
        {"AGENTD_CREDITS_PER_RUN", 0, 1000000, &c->credits_per_run, NULL},
        {"AGENTD_RUN_TIMEOUT", 0, 1000000, &c->run_timeout_s, NULL},
    };
    for (size_t k = 0; k < sizeof settings / sizeof settings[0]; k++) {
        int64_t v = 0;
        int rc = env_int(settings[k].name, settings[k].min, settings[k].max,
                         &v, err);
        if (rc < 0)
            return rc;
        if (rc && settings[k].i)
            *settings[k].i = (int)v;
        else if (rc)
            *settings[k].l = v;
    }
    const char *allow = getenv("AGENTD_HTTP_ALLOW_HOSTS");
    c->allow_hosts = allow && *allow ? allow : NULL;
    const char *ca = getenv("AGENTD_CA_FILE");
    if (ca && *ca) {
        if (access(ca, R_OK) != 0)
            return err_set(err, E_BAD_REQUEST,
                           "AGENTD_CA_FILE: cannot read %s: %s", ca,
                           strerror(errno));
        c->ca_file = ca;
    }
    return 0;
}

int engine_new(struct db_pool *pool, const struct cry_key *key,
               const struct plan_fallback *planner,
               const struct engine_config *cfg, struct engine **out,
               struct err *err)
{
    (void)err;
    struct engine *e = xcalloc(1, sizeof *e);
    e->pool = pool;
    e->key = key;
    e->planner = planner;
    e->cfg = *cfg;
    if (e->cfg.batch_max < 1 || e->cfg.batch_max > BATCH_LIMIT)
        e->cfg.batch_max = 256;
    e->zones = tz_cache_new();
    if (gethostname(e->host, sizeof e->host) != 0)
        snprintf(e->host, sizeof e->host, "localhost");
    e->host[sizeof e->host - 1] = '\0';
    pthread_mutex_init(&e->mu, NULL);
    pthread_mutex_init(&e->wmu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_cond_init(&e->cond, &ca);
    pthread_cond_init(&e->keeper_cond, &ca);
    pthread_condattr_destroy(&ca);
    e->wake_at = INT64_MAX;
    *out = e;
    return 0;
}

void engine_set_trace(struct engine *e, engine_trace_fn fn, void *arg)
{
    e->trace = fn;
    e->trace_arg = arg;
}

void engine_stats(struct engine *e, int64_t *ended, int64_t *steps)
{
    *ended = atomic_load(&e->ended);
    *steps = atomic_load(&e->steps_done);
}

void engine_ctx(struct engine *e, struct db *db, int64_t ws,
                struct crm_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->db = db;
    ctx->ws = ws;
    ctx->key = e->key;
    ctx->planner = e->planner;
    engine_attach(e, ctx);
}

void engine_attach(struct engine *e, struct crm_ctx *ctx)
{
    if (!e)
        return;
    ctx->on_event = events_on_event;
    ctx->on_agent = sched_on_agent;
    ctx->next_run = sched_next_run;
    ctx->event_arg = e;
}

/* Wakes a worker of this process if run_at is sooner than planned; also
 * what another process's wake-up does here. */
static void kick_here(void *arg, int64_t run_at)
{
    struct engine *e = arg;
    pthread_mutex_lock(&e->mu);
    e->kicks++;
    if (run_at < e->wake_at) {
        e->wake_at = run_at;
        pthread_cond_signal(&e->cond);
    }
    pthread_mutex_unlock(&e->mu);
}

void engine_kick(struct engine *e, int64_t run_at)
{
    if (!e)
        return;
    kick_here(e, run_at);
    /* Other processes' idle workers look again within poll_ms anyway. */
    if (e->wake &&
        run_at <= clock_now_ms() + clock_from_real_ms(e->cfg.poll_ms))
        wake_send(e->wake, run_at);
}

/* ---- one batch ---------------------------------------------------------- */

static int do_job(struct engine *e, struct db *db, struct wcache *wc,
                  const struct job *j, int64_t now, int64_t *kick, bool *io,
                  struct err *err)
{
    *io = false;
    if (strcmp(j->kind, JOB_RUN) == 0)
        return exec_job(e, db, wc, j, now, kick, io, err);
    if (strcmp(j->kind, JOB_SCHEDULE) == 0)
        return sched_job(e, db, j, now, kick, err);
    if (strcmp(j->kind, JOB_MAINTENANCE) == 0)
        return sched_maintenance(e, db, j, now, err);
    log_msg(LOG_WARN, "job.unknown_kind", j->kind);
    return queue_done(db, j->id, err);
}

/* A job that could not be done: another try later, or the end of its
 * execution with the reason. */
static int give_up_or_retry(struct engine *e, struct db *db,
                            const struct job *j, int64_t now,
                            const char *why, int64_t *kick, struct err *err)
{
    int rc = queue_retry(db, j, now, why, err);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    struct log_line l;
    if (log_begin(&l, LOG_ERROR, "job.gave_up")) {
        log_int(&l, "job", j->id);
        log_str(&l, "kind", j->kind);
        log_int(&l, "execution", j->execution_id);
        log_str(&l, "error", why);
        log_end(&l);
    }
    if (strcmp(j->kind, JOB_RUN) == 0 && j->execution_id) {
        char msg[ERR_MSG_MAX + 64];
        snprintf(msg, sizeof msg, "Agent failed: gave up after %d attempts: %s",
                 j->attempts, why);
        json_t *error = json_pack("{s:s, s:n, s:{s:i}}", "message", why,
                                  "step", "details", "attempts", j->attempts);
        rc = exec_finish(e, db, j->execution_id, EX_FAILED, msg, error, 0,
                         now, kick, err);
        json_decref(error);
        if (rc == -E_CONFLICT) {
            err_clear(err);
            rc = 0;
        }
        if (rc)
            return rc;
    }
    /* Schedules are never given up: the next firing is planned later by
     * the agent's next change or the next start. */
    return queue_done(db, j->id, err);
}

/* Ends a batch's transaction: commits it, and its figures with it; rolls
 * it back when the commit fails. Either way the batch forgets the agents
 * it read. */
static int batch_commit(struct engine *e, struct db *db, struct wcache *wc,
                        struct err *err)
{
    int rc = db_tx_commit(db, err);
    if (rc) {
        db_tx_rollback(db);
    } else {
        atomic_fetch_add(&e->steps_done, wc->steps);
        atomic_fetch_add(&e->ended, wc->ended);
    }
    wc->steps = wc->ended = 0;
    wcache_batch_end(wc);
    return rc;
}

/* Rolls back all a batch's open transaction holds. */
static void batch_rollback(struct db *db, struct wcache *wc)
{
    while (db_tx_depth(db) > 0)
        db_tx_rollback(db);
    wc->steps = wc->ended = 0;
    wcache_batch_end(wc);
}

/*
 * Runs claimed jobs in transactions of up to BATCH_BUDGET_NS each (group
 * commit), each job inside its own nested level, so that one that fails
 * leaves the others' work in place. Those levels are deferred savepoints
 * (store/db.h): most jobs never undo anything, and real savepoints cost
 * every job the copy of each page it changes. When a job does need its
 * own writes undone (a step that failed after writing, a job that failed),
 * the open transaction is rolled back and its jobs are done again, and the
 * rest of the batch too, with real savepoints: the same outcome, once.
 */
static int run_batch(struct engine *e, struct db *db, struct wcache *wc,
                     const char *worker, struct job *jobs, int n,
                     int64_t *kick, bool *io)
{
    struct err err = ERR_INIT;
    int rc = db_tx_begin(db, &err);
    if (rc) {
        log_msg(LOG_ERROR, "batch.begin", err.msg);
        err_clear(&err);
        return rc;
    }
    bool careful = false;
    int from = 0; /* the first job the open transaction holds */
    int64_t t0 = clock_mono_ns();
    for (int i = 0; i < n; i++) {
        if (i > from && clock_mono_ns() - t0 > BATCH_BUDGET_NS) {
            rc = batch_commit(e, db, wc, &err);
            if (rc) {
                log_msg(LOG_ERROR, "batch.commit", err.msg);
                err_clear(&err);
                return rc;
            }
            if (*kick) {
                engine_kick(e, *kick);
                *kick = 0;
            }
            rc = db_tx_begin(db, &err);
            if (rc) {
                log_msg(LOG_ERROR, "batch.begin", err.msg);
                err_clear(&err);
                return rc;
            }
            from = i;
            t0 = clock_mono_ns();
        }
        db_tx_defer(db, !careful);
        const struct job *j = &jobs[i];
        int64_t now = clock_now_ms();
        if (j->attempts > QUEUE_MAX_ATTEMPTS) {
            /* Claimed again after its leases ran out each time: the
             * process died while doing it. */
            char why[160];
            snprintf(why, sizeof why,
                     "the worker stopped %d times while running this job",
                     j->attempts - 1);
            struct job k = *j;
            k.attempts = QUEUE_MAX_ATTEMPTS;
            rc = give_up_or_retry(e, db, &k, now, why, kick, &err);
        } else {
            rc = db_tx_begin(db, &err);
            if (!rc) {
                rc = do_job(e, db, wc, j, now, kick, &io[i], &err);
                if (rc) {
                    db_tx_rollback(db);
                    if (!db_tx_spoiled(db)) {
                        char why[ERR_MSG_MAX];
                        snprintf(why, sizeof why, "%s",
                                 err.msg[0] ? err.msg : "internal error");
                        err_clear(&err);
                        rc = give_up_or_retry(e, db, j, now, why, kick, &err);
                    }
                } else {
                    rc = db_tx_commit(db, &err);
                }
            }
        }
        if (db_tx_spoiled(db)) {
            struct log_line l;
            if (log_begin(&l, LOG_INFO, "batch.redone")) {
                log_str(&l, "worker", worker);
                log_int(&l, "jobs", i - from + 1);
                log_int(&l, "execution", j->execution_id);
                log_str(&l, "why", "a job's writes had to be undone");
                log_end(&l);
            }
            batch_rollback(db, wc);
            err_clear(&err);
            for (int k = from; k <= i; k++)
                io[k] = false;
            careful = true;
            db_tx_defer(db, false);
            rc = db_tx_begin(db, &err);
            if (rc) {
                log_msg(LOG_ERROR, "batch.begin", err.msg);
                err_clear(&err);
                return rc;
            }
            i = from - 1;
            t0 = clock_mono_ns();
            continue;
        }
        if (rc) {
            /* The store itself failed: drop the batch; leases expire and
             * the jobs come back. */
            struct log_line l;
            if (log_begin(&l, LOG_ERROR, "batch.failed")) {
                log_str(&l, "worker", worker);
                log_str(&l, "error", err.msg);
                log_end(&l);
            }
            batch_rollback(db, wc);
            err_clear(&err);
            return rc;
        }
    }
    rc = batch_commit(e, db, wc, &err);
    if (rc)
        log_msg(LOG_ERROR, "batch.commit", err.msg);
    err_clear(&err);
    return rc;
}

/* What the lease keeper extends for worker `slot` (none: n = 0). */
static void held_set(struct engine *e, int slot, const struct job *jobs,
                     int n, const char *worker)
{
    pthread_mutex_lock(&e->mu);
    e->held[slot] = (struct held_jobs){jobs, n, worker};
    pthread_mutex_unlock(&e->mu);
}

/* Runs the batch (whose every commit and rollback forgets the agents it
 * read: batch_commit, batch_rollback), turns deferral off on the shared
 * connection and gives it back. Then the effects of external steps are
 * performed outside any transaction, on the worker's own connection
 * `own`. Called with e->wmu held; returns with it released. */
static int run_batch_cached(struct engine *e, struct db *own,
                            struct wcache *wc, struct httpc *http, int slot,
                            const char *worker, struct job *jobs, int n,
                            int64_t *kick)
{
    bool *io = xcalloc((size_t)n, sizeof *io);
    int rc = run_batch(e, e->wdb, wc, worker, jobs, n, kick, io);
    db_tx_defer(e->wdb, false);
    pthread_mutex_unlock(&e->wmu);
    int m = 0;
    for (int i = 0; i < n && !rc; i++)
        if (io[i])
            jobs[m++] = jobs[i]; /* the batch is done with the others */
    if (m) {
        struct err err = ERR_INIT;
        held_set(e, slot, jobs, m, worker);
        if (io_run(e, own, http, worker, jobs, m, &err))
            log_msg(LOG_ERROR, "io.failed", err.msg);
        held_set(e, slot, NULL, 0, NULL);
        err_clear(&err);
    }
    free(io);
    return rc;
}

struct worker_arg {
    struct engine *e;
    int n;
};

static void *worker_main(void *p)
{
    struct worker_arg *wa = p;
    struct engine *e = wa->e;
    int slot = wa->n;
    char worker[128];
    snprintf(worker, sizeof worker, "%s:%ld:%d", e->host, (long)getpid(),
             slot);
    free(wa);
    struct job *jobs = xcalloc((size_t)e->cfg.batch_max, sizeof *jobs);
    struct db *db = db_pool_acquire(e->pool);
    struct err err = ERR_INIT;
    struct wcache *wc = xmalloc(sizeof *wc);
    wcache_init(wc);
    struct httpc_config hc = {.allow_hosts = e->cfg.allow_hosts,
                              .ca_file = e->cfg.ca_file};
    struct httpc *http = httpc_new(&hc);
    for (;;) {
        pthread_mutex_lock(&e->mu);
        bool stop = e->stopping;
        uint64_t seen = e->kicks;
        pthread_mutex_unlock(&e->mu);
        if (stop)
            break;
        pthread_mutex_lock(&e->wmu);
        int64_t now = clock_now_ms();
        int n = queue_claim(e->wdb, worker, now,
                            clock_from_real_ms(e->cfg.lease_ms),
                            e->cfg.batch_max, jobs, &err);
        if (n <= 0)
            pthread_mutex_unlock(&e->wmu);
        if (n < 0) {
            log_msg(LOG_ERROR, "queue.claim", err.msg);
            err_clear(&err);
            usleep(100 * 1000);
            continue;
        }
        if (n > 0) {
            if (n == e->cfg.batch_max) {
                /* More may be due: let a sleeping worker help. */
                pthread_mutex_lock(&e->mu);
                pthread_cond_signal(&e->cond);
                pthread_mutex_unlock(&e->mu);
            }
            int64_t kick = 0;
            run_batch_cached(e, db, wc, http, slot, worker, jobs, n, &kick);
            if (kick)
                engine_kick(e, kick);
            continue;
        }
        int64_t next = queue_next_due(db, &err);
        if (next < 0) {
            log_msg(LOG_ERROR, "queue.next_due", err.msg);
            err_clear(&err);
            next = INT64_MAX;
        }
        /* Sleep until the next job, a kick, or the poll interval. */
        int64_t poll = now + clock_from_real_ms(e->cfg.poll_ms);
        int64_t until = next < poll ? next : poll;
        pthread_mutex_lock(&e->mu);
        if (until < e->wake_at || e->wake_at <= now)
            e->wake_at = until;
        while (!e->stopping && e->kicks == seen) {
            struct timespec ts = clock_deadline(until);
            if (pthread_cond_timedwait(&e->cond, &e->mu, &ts) == ETIMEDOUT)
                break;
            if (e->wake_at <= clock_now_ms())
                break;
        }
        e->wake_at = INT64_MAX;
        pthread_mutex_unlock(&e->mu);
    }
    db_pool_release(e->pool, db);
    wcache_free(wc);
    free(wc);
    httpc_free(http);
    free(jobs);
    err_clear(&err);
    return NULL;
}

/* Extends the holds of the jobs whose calls the workers are performing.
 * The ids and holders are copied under mu; the writes take the shared
 * connection like any batch. A job finished meanwhile is no longer held by
 * its worker, and queue_hold leaves it alone. */
static void keep_holds(struct engine *e)
{
    struct hold {
        int64_t id;
        char worker[128];
    } *h = NULL;
    int n = 0;
    pthread_mutex_lock(&e->mu);
    for (int w = 0; w < e->nthreads; w++)
        n += e->held[w].n;
    if (n) {
        h = xcalloc((size_t)n, sizeof *h);
        n = 0;
        for (int w = 0; w < e->nthreads; w++)
            for (int i = 0; i < e->held[w].n; i++, n++) {
                h[n].id = e->held[w].jobs[i].id;
                snprintf(h[n].worker, sizeof h[n].worker, "%s",
                         e->held[w].worker);
            }
    }
    pthread_mutex_unlock(&e->mu);
    if (!n)
        return;
    struct err err = ERR_INIT;
    pthread_mutex_lock(&e->wmu);
    int rc = db_tx_begin(e->wdb, &err);
    if (!rc) {
        int64_t until = clock_now_ms() + clock_from_real_ms(e->cfg.lease_ms);
        for (int i = 0; i < n && rc >= 0; i++)
            rc = queue_hold(e->wdb, h[i].id, h[i].worker, until, &err);
        rc = db_tx_end(e->wdb, rc < 0 ? rc : 0, &err);
    }
    pthread_mutex_unlock(&e->wmu);
    if (rc)
        log_msg(LOG_ERROR, "queue.hold", err.msg);
    err_clear(&err);
    free(h);
}

static void *keeper_main(void *p)
{
    struct engine *e = p;
    int64_t every_ms = e->cfg.lease_ms / 3 > 10 ? e->cfg.lease_ms / 3 : 10;
    pthread_mutex_lock(&e->mu);
    while (!e->keeper_stop) {
        struct timespec ts =
            clock_deadline(clock_now_ms() + clock_from_real_ms(every_ms));
        if (pthread_cond_timedwait(&e->keeper_cond, &e->mu, &ts) !=
                ETIMEDOUT ||
            e->keeper_stop)
            continue;
        pthread_mutex_unlock(&e->mu);
        keep_holds(e);
        pthread_mutex_lock(&e->mu);
    }
    pthread_mutex_unlock(&e->mu);
    return NULL;
}

int engine_start(struct engine *e, struct err *err)
{
    struct db *db = db_pool_acquire(e->pool);
    int rc = db_tx_begin(db, err);
    if (!rc) {
        int freed = queue_release_dead(db, e->host, clock_now_ms(), err);
        if (freed < 0) {
            rc = freed;
            db_tx_rollback(db);
        } else {
            rc = db_tx_commit(db, err);
            if (!rc && freed > 0) {
                struct log_line l;
                if (log_begin(&l, LOG_INFO, "queue.recovered")) {
                    log_int(&l, "jobs", freed);
                    log_end(&l);
                }
            }
        }
    }
    if (!rc)
        rc = sched_sync_all(e, db, err);
    db_pool_release(e->pool, db);
    if (rc)
        return rc;
    e->nthreads = e->cfg.workers;
    if (e->nthreads > 0 && !e->wdb)
        e->wdb = db_pool_acquire(e->pool);
    if (e->cfg.wake_dir && !e->wake) {
        /* A hint only: without it, other processes' jobs wait for the
         * poll. */
        struct err why = ERR_INIT;
        if (wake_open(e->cfg.wake_dir, e->nthreads > 0 ? kick_here : NULL, e,
                      &e->wake, &why)) {
            err_prefix(&why, "Other agentd processes on this host will find "
                             "new jobs within AGENTD_POLL_MS, not at once: ");
            log_msg(LOG_WARN, "wake.unavailable", why.msg);
        }
        err_clear(&why);
    }
    e->threads = xcalloc((size_t)(e->nthreads ? e->nthreads : 1),
                         sizeof *e->threads);
    free(e->held);
    e->held = xcalloc((size_t)(e->nthreads ? e->nthreads : 1),
                      sizeof *e->held);
    e->keeper_stop = false;
    if (e->nthreads > 0) {
        if (pthread_create(&e->keeper, NULL, keeper_main, e) != 0)
            return err_set(err, E_INTERNAL, "Cannot start the lease keeper");
        e->keeper_on = true;
    }
    for (int i = 0; i < e->nthreads; i++) {
        struct worker_arg *wa = xmalloc(sizeof *wa);
        wa->e = e;
        wa->n = i;
        if (pthread_create(&e->threads[i], NULL, worker_main, wa) != 0) {
            free(wa);
            e->nthreads = i;
            engine_stop(e);
            return err_set(err, E_INTERNAL, "Cannot start worker threads");
        }
        e->started++;
    }
    return 0;
}

bool engine_stopping(struct engine *e)
{
    pthread_mutex_lock(&e->mu);
    bool stop = e->stopping;
    pthread_mutex_unlock(&e->mu);
    return stop;
}

void engine_stop(struct engine *e)
{
    if (!e)
        return;
    pthread_mutex_lock(&e->mu);
    e->stopping = true;
    pthread_cond_broadcast(&e->cond);
    pthread_mutex_unlock(&e->mu);
    for (int i = 0; i < e->started; i++)
        pthread_join(e->threads[i], NULL);
    e->started = 0;
    wake_close(e->wake);
    e->wake = NULL;
    /* Last: workers finishing their calls still need their holds kept. */
    if (e->keeper_on) {
        pthread_mutex_lock(&e->mu);
        e->keeper_stop = true;
        pthread_cond_broadcast(&e->keeper_cond);
        pthread_mutex_unlock(&e->mu);
        pthread_join(e->keeper, NULL);
        e->keeper_on = false;
    }
    if (e->wdb) {
        db_pool_release(e->pool, e->wdb);
        e->wdb = NULL;
    }
}

void engine_free(struct engine *e)
{
    if (!e)
        return;
    engine_stop(e);
    free(e->threads);
    tz_cache_free(e->zones);
    pthread_mutex_destroy(&e->mu);
    pthread_mutex_destroy(&e->wmu);
    pthread_cond_destroy(&e->cond);
    pthread_cond_destroy(&e->keeper_cond);
    free(e->held);
    free(e);
}

/* ---- triggers people call ----------------------------------------------- */

static json_t *admitted(const struct admit_out *out)
{
    return json_pack("{s:I, s:s, s:s}", "executionId",
                     (json_int_t)out->execution_id, "status", out->status,
                     "message", out->message);
}

/* The connection a trigger admits its run on: the workers' shared one
 * (taken with wmu, in the workers' lock order) when the caller has no
 * transaction open, else the caller's own. On the shared connection the
 * admission reads pages the workers just wrote from its warm cache instead
 * of reading them again from the log, and so do the workers after it. */
static struct db *writer_take(struct engine *e, struct db *mine)
{
    if (!e->wdb || db_tx_depth(mine) > 0)
        return mine;
    pthread_mutex_lock(&e->wmu);
    return e->wdb;
}

static void writer_give(struct engine *e, struct db *used)
{
    if (used == e->wdb)
        pthread_mutex_unlock(&e->wmu);
}

static int run_manual(struct engine *e, struct crm_ctx *ctx,
                      int64_t agent_id, const json_t *input,
                      struct admit_out *ao, struct err *err)
{
    int rc = db_tx_begin(ctx->db, err);
    if (rc)
        return rc;
    json_t *data = json_pack("{s:s}", "type", "manual");
    struct admit_req rq = {
        .agent_id = agent_id,
        .trigger_type = "manual",
        .user_id = ctx->user_id,
        .trigger = data,
        .input = input,
        .flags = ADMIT_STRICT | ADMIT_EXCLUSIVE | ADMIT_DRAFT_OK,
    };
    rc = admit_run(e, ctx, &rq, ao, err);
    json_decref(data);
    if (rc < 0) {
        db_tx_rollback(ctx->db);
        return rc;
    }
    /* A refusal may have side effects that must stay (the agent paused by
     * the circuit breaker, a failed run on record). */
    struct err cerr = ERR_INIT;
    int c = db_tx_commit(ctx->db, &cerr);
    if (c) {
        db_tx_rollback(ctx->db);
        err_move(err, &cerr);
        return c;
    }
    return rc == ADMIT_REFUSED ? -err->code : 0;
}

int engine_run_manual(struct engine *e, struct crm_ctx *ctx, int64_t agent_id,
                      const json_t *input, json_t **out, struct err *err)
{
    *out = NULL;
    struct crm_ctx c = *ctx;
    c.db = writer_take(e, ctx->db);
    struct admit_out ao;
    int rc = run_manual(e, &c, agent_id, input, &ao, err);
    writer_give(e, c.db);
    if (rc)
        return rc;
    engine_kick(e, ao.run_at ? ao.run_at : clock_now_ms());
    *out = admitted(&ao);
    return 0;
}

/* Webhook calls per agent per minute. */
#define WEBHOOK_PER_MINUTE 100
#define WEBHOOK_IDEM_MS (60 * MS_PER_SEC)

static int webhook_count(struct db *db, int64_t agent, int64_t now,
                         int64_t *count, struct err *err)
{
    char bucket[32];
    snprintf(bucket, sizeof bucket, "w:%lld", (long long)(now / MS_PER_MIN));
    struct db_stmt *st = db_prepare(
        db,
        "INSERT INTO agent_counters (agent_id, bucket, count, expires_at) "
        "VALUES (?1, ?2, 1, ?3) ON CONFLICT (agent_id, bucket) DO UPDATE SET "
        "count = count + 1 RETURNING count",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, agent);
    db_bind_text(st, 2, bucket);
    db_bind_int(st, 3, (now / MS_PER_MIN + 2) * MS_PER_MIN);
    int rc = db_step(st, err);
    *count = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_reset(st);
    return rc < 0 ? rc : 0;
}

/* The first call with this key in the last minute: its run and what it
 * was answered (refusal: the HTTP status of the error, 0 when the run
 * was admitted). */
struct idem_first {
    int64_t exec;
    int refusal;
    char status[16];
    char message[300];
};

static int idem_lookup(struct db *db, int64_t ws, int64_t agent,
                       const char *key, int64_t now, struct idem_first *f,
                       struct err *err)
{
    memset(f, 0, sizeof *f);
    struct db_stmt *st = db_prepare(
        db,
        "SELECT k.execution_id, k.refusal, x.status, x.message FROM "
        "webhook_keys k JOIN executions x ON x.id = k.execution_id AND "
        "x.workspace_id = ?4 WHERE k.agent_id = ?1 AND k.key = ?2 AND "
        "k.created_at > ?3",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, agent);
    db_bind_text(st, 2, key);
    db_bind_int(st, 3, now - WEBHOOK_IDEM_MS);
    db_bind_int(st, 4, ws);
    int rc = db_step(st, err);
    if (rc == DB_ROW) {
        f->exec = db_col_int(st, 0);
        f->refusal = (int)db_col_int(st, 1);
        const char *status = db_col_text(st, 2);
        const char *message = db_col_text(st, 3);
        snprintf(f->status, sizeof f->status, "%s", status ? status : "");
        snprintf(f->message, sizeof f->message, "%s",
                 message ? message : "");
    }
    db_reset(st);
    return rc < 0 ? rc : 0;
}

static int idem_store(struct db *db, int64_t agent, const char *key,
                      int64_t exec, int refusal, int64_t now,
                      struct err *err)
{
    struct db_stmt *st = db_prepare(
        db,
        "INSERT INTO webhook_keys (agent_id, key, execution_id, created_at, "
        "refusal) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (agent_id, key) DO "
        "UPDATE SET execution_id = excluded.execution_id, created_at = "
        "excluded.created_at, refusal = excluded.refusal",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, agent);
    db_bind_text(st, 2, key);
    db_bind_int(st, 3, exec);
    db_bind_int(st, 4, now);
    db_bind_int(st, 5, refusal);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

/* The webhook's counting, idempotency and admission, in one transaction
 * on ctx->db. */
static int webhook_admit(struct engine *e, struct crm_ctx *ctx,
                         int64_t agent_id, const char *idem_key,
                         const json_t *body, json_t **out, bool *duplicate,
                         struct err *err)
{
    struct db *db = ctx->db;
    int rc = db_tx_begin(db, err);
    if (rc)
        return rc;
    int64_t now = clock_now_ms(), calls;
    rc = webhook_count(db, agent_id, now, &calls, err);
    if (rc)
        goto rollback;
    if (idem_key) {
        struct idem_first f;
        rc = idem_lookup(db, ctx->ws, agent_id, idem_key, now, &f, err);
        if (rc)
            goto rollback;
        if (f.exec) {
            rc = db_tx_commit(db, err);
            if (rc)
                goto rollback;
            *duplicate = true;
            /* The sender retried: the same answer as the first time, with
             * the run's status now. */
            if (f.refusal) {
                rc = err_set(err, err_code_of_http(f.refusal), "%s",
                             f.message);
                err_detail(err, "executionId", json_integer(f.exec));
                err_detail(err, "duplicate", json_true());
                return rc;
            }
            *out = json_pack("{s:I, s:s, s:s, s:b}", "executionId",
                             (json_int_t)f.exec, "status", f.status,
                             "message", f.message, "duplicate", 1);
            return 0;
        }
    }
    if (calls > WEBHOOK_PER_MINUTE) {
        rc = db_tx_commit(db, err); /* the count stays */
        if (rc)
            goto rollback;
        int64_t wait = (now / MS_PER_MIN + 1) * MS_PER_MIN - now;
        rc = err_set(err, E_RATE_LIMITED,
                     "Too many webhook calls: at most %d per minute per "
                     "agent. Try again in %lld seconds.",
                     WEBHOOK_PER_MINUTE, (long long)((wait + 999) / 1000));
        err_detail(err, "retryAfterSeconds",
                   json_integer((wait + 999) / 1000));
        return rc;
    }
    json_t *data = json_pack("{s:s, s:O}", "type", "webhook", "body",
                             body ? (json_t *)body : json_null());
    struct admit_req rq = {
        .agent_id = agent_id,
        .trigger_type = "webhook",
        .trigger = data,
    };
    struct admit_out ao;
    rc = admit_run(e, ctx, &rq, &ao, err);
    json_decref(data);
    if (rc)
        goto rollback;
    /* What the call is answered below, kept for a retry of it. */
    int refusal = strcmp(ao.status, EX_QUEUED) == 0
                      ? 0
                      : err_http_status(ao.code ? ao.code : E_CONFLICT);
    if (idem_key && ao.execution_id) {
        rc = idem_store(db, agent_id, idem_key, ao.execution_id, refusal,
                        now, err);
        if (rc)
            goto rollback;
    }
    rc = db_tx_commit(db, err);
    if (rc)
        goto rollback;
    if (refusal) {
        /* Recorded, but not run: say why. */
        rc = err_set(err, ao.code ? ao.code : E_CONFLICT, "%s", ao.message);
        err_detail(err, "executionId", json_integer(ao.execution_id));
        return rc;
    }
    engine_kick(e, ao.run_at);
    *out = admitted(&ao);
    return 0;
rollback:
    db_tx_rollback(db);
    return rc;
}

int engine_webhook(struct engine *e, struct db *db, int64_t agent_id,
                   const char *secret, const char *idem_key,
                   const json_t *body, json_t **out, bool *duplicate,
                   struct err *err)
{
    *out = NULL;
    *duplicate = false;
    /* The agent's workspace comes from the agent: the URL names only it. */
    int64_t ws;
    int rc = db_query_int(db,
                          "SELECT workspace_id FROM agents WHERE id = ?1 AND "
                          "deleted_at IS NULL",
                          agent_id, &ws, err);
    if (rc < 0)
        return rc;
    /* An unknown agent and a wrong secret answer alike, so that the
     * endpoint does not tell which agent ids exist. */
    const char *denied = "Invalid webhook secret";
    if (!ws || !secret || !*secret)
        return err_set(err, E_UNAUTHORIZED, "%s", denied);
    struct crm_ctx ctx;
    engine_ctx(e, db, ws, &ctx);
    char *expected = agents_webhook_secret(&ctx, agent_id, err);
    if (!expected)
        return -err->code;
    bool ok = cry_str_equal(secret, expected);
    cry_free_secret(expected);
    if (!ok)
        return err_set(err, E_UNAUTHORIZED, "%s", denied);

    struct crm_ctx wctx = ctx;
    wctx.db = writer_take(e, db);
    rc = webhook_admit(e, &wctx, agent_id, idem_key, body, out, duplicate,
                       err);
    writer_give(e, wctx.db);
    return rc;
}
