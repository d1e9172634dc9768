/*
 * bench_util: what the benchmark programs share: a fresh database with the
 * demo workspace, the engine, agents from plans, admitting runs in bulk,
 * waiting for them, and percentiles. Included by one .c each (static
 * functions), linked against libagentd.
 */
#ifndef AGENTD_BENCH_UTIL_H
#define AGENTD_BENCH_UTIL_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/jsonx.h"
#include "crm/demo.h"
#include "crm/entity.h"
#include "crm/resources.h"
#include "engine/engine.h"
#include "engine/internal.h"

static void die(const char *what, const struct err *e)
{
    fprintf(stderr, "engine_bench: %s: %s\n", what, e ? e->msg : "");
    exit(1);
}

__attribute__((unused)) static double now_s(void)
{
    return (double)clock_mono_ns() / 1e9;
}

__attribute__((unused)) static int64_t rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    int64_t kb = 0;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            kb = atoll(line + 6);
    if (f)
        fclose(f);
    return kb;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int64_t pct(int64_t *v, size_t n, double p)
{
    if (!n)
        return 0;
    size_t i = (size_t)ceil(p / 100.0 * (double)n);
    return v[i ? i - 1 : 0];
}

/* ---- setup --------------------------------------------------------------- */

struct bench {
    char dir[256];
    char path[300];
    struct db_pool *pool;
    struct cry_key key;
    struct engine *engine;
    json_t *demo;
    int64_t ws;
};

static void setup(struct bench *b, int workers)
{
    const char *d = getenv("BENCH_DIR");
    if (d)
        snprintf(b->dir, sizeof b->dir, "%s", d);
    else {
        snprintf(b->dir, sizeof b->dir, "/tmp/agentd-bench-XXXXXX");
        if (!mkdtemp(b->dir))
            die("mkdtemp", NULL);
    }
    snprintf(b->path, sizeof b->path, "%s/bench.db", b->dir);
    unlink(b->path);
    struct err e = ERR_INIT;
    if (cry_init(&e))
        die("crypto", &e);
    for (size_t i = 0; i < sizeof b->key.k; i++)
        b->key.k[i] = (unsigned char)(i * 7);
    if (db_pool_new(b->path, workers + 8, &b->pool, &e))
        die("open", &e);
    struct db *db = db_pool_acquire(b->pool);
    if (db_migrate(db, &e) < 0 || demo_seed(db, &b->key, &b->demo, &e))
        die("seed", &e);
    b->ws = json_integer_value(json_object_get(b->demo, "workspaceId"));
    /* The benchmarks measure the engine, not the workspace's cap on
     * concurrent runs (20 by default; integration runs count while their
     * calls are out). */
    char cap[128];
    snprintf(cap, sizeof cap,
             "UPDATE workspaces SET max_concurrent_runs = 0 WHERE id = %lld",
             (long long)b->ws);
    if (db_exec(db, cap, &e))
        die("cap", &e);
    /* Ten contacts the CRM agent finds. */
    char sql[512];
    for (int i = 0; i < 10; i++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO contacts (workspace_id, first_name, last_name, "
                 "email, title, created_at, updated_at) VALUES (%lld, "
                 "'Bench%d', 'Person', 'bench%d@example.com', 'VP Bench', 0, "
                 "0)",
                 (long long)b->ws, i, i);
        if (db_exec(db, sql, &e))
            die("contacts", &e);
    }
    db_pool_release(b->pool, db);
    struct engine_config cfg;
    engine_config_defaults(&cfg);
    cfg.workers = workers;
    cfg.runs_per_minute = 1000000000;
    cfg.runs_per_day = 1000000000;
    cfg.credits_per_run = 0;
    cfg.allow_hosts = "127.0.0.1"; /* the local sinks of int_bench */
    if (getenv("BENCH_BATCH"))
        cfg.batch_max = atoi(getenv("BENCH_BATCH"));
    if (engine_new(b->pool, &b->key, NULL, &cfg, &b->engine, &e))
        die("engine", &e);
}

static void teardown(struct bench *b)
{
    engine_free(b->engine);
    db_pool_free(b->pool);
    json_decref(b->demo);
    char p[400];
    snprintf(p, sizeof p, "%s-wal", b->path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", b->path);
    unlink(p);
    unlink(b->path);
    if (!getenv("BENCH_DIR"))
        rmdir(b->dir);
}

/* A Live agent with this plan (JSON text); its id. */
static int64_t agent(struct bench *b, const char *name, const char *plan)
{
    struct db *db = db_pool_acquire(b->pool);
    struct crm_ctx ctx;
    engine_ctx(b->engine, db, b->ws, &ctx);
    ctx.user_id = 1;
    json_t *in = json_pack("{s:s, s:o, s:s}", "name", name, "plan",
                           json_loads(plan, 0, NULL), "status", "draft");
    json_t *out = NULL;
    struct err e = ERR_INIT;
    if (entity_create(&ctx, &crm_agents, in, &out, &e))
        die("agent", &e);
    int64_t id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    json_decref(in);
    in = json_pack("{s:s}", "status", "live");
    if (entity_update(&ctx, &crm_agents, id, in, &out, &e))
        die("agent live", &e);
    json_decref(out);
    json_decref(in);
    db_pool_release(b->pool, db);
    return id;
}

/* Admits n runs of an agent, 1,000 per transaction. */
static void admit_many(struct bench *b, int64_t agent_id, int n)
{
    struct db *db = db_pool_acquire(b->pool);
    struct crm_ctx ctx;
    engine_ctx(b->engine, db, b->ws, &ctx);
    struct err e = ERR_INIT;
    json_t *trig = json_pack("{s:s}", "type", "webhook");
    for (int done = 0; done < n;) {
        if (db_tx_begin(db, &e))
            die("begin", &e);
        int k = n - done < 1000 ? n - done : 1000;
        for (int i = 0; i < k; i++) {
            struct admit_req rq = {.agent_id = agent_id,
                                   .trigger_type = "webhook",
                                   .trigger = trig};
            struct admit_out out;
            if (admit_run(b->engine, &ctx, &rq, &out, &e) ||
                strcmp(out.status, "queued"))
                die("admit", &e);
        }
        if (db_tx_commit(db, &e))
            die("commit", &e);
        engine_kick(b->engine, clock_now_ms());
        done += k;
    }
    json_decref(trig);
    db_pool_release(b->pool, db);
}

static void wait_ended(struct bench *b, int64_t target)
{
    for (;;) {
        int64_t ended, steps;
        engine_stats(b->engine, &ended, &steps);
        if (ended >= target)
            return;
        usleep(200);
    }
}

__attribute__((unused)) static int64_t count(struct bench *b, const char *sql)
{
    struct db *db = db_pool_acquire(b->pool);
    struct err e = ERR_INIT;
    struct db_stmt *st = db_prepare(db, sql, &e);
    if (!st || db_step(st, &e) != DB_ROW)
        die(sql, &e);
    int64_t v = db_col_int(st, 0);
    db_reset(st);
    db_pool_release(b->pool, db);
    return v;
}


#endif
