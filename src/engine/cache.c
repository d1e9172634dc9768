/*
 * cache: what a worker keeps between jobs so as not to parse it again.
 *
 * Plans: runs of one agent share the same plan snapshot (a row of
 * `plans`), so a worker keeps the last few parsed, by id. A parsed plan is
 * shared read-only by every run that has that text; nothing in the engine
 * or the actions modifies a plan.
 *
 * Agents: within one batch (one transaction) the agent rows that runs
 * read (name, creator, memory and restrictions) are loaded once. The
 * cache is emptied at the end of every batch, so a change to an agent is
 * seen by the next batch.
 *
 * One cache per worker thread; not shared, no locks.
 */
#include <stdlib.h>
#include <string.h>

#include "core/jsonx.h"
#include "engine/internal.h"

void wcache_init(struct wcache *c)
{
    memset(c, 0, sizeof *c);
}

void wcache_batch_end(struct wcache *c)
{
    for (int i = 0; i < c->nagents; i++) {
        agent_row_free(&c->agents[i].row);
        json_decref(c->agents[i].json);
    }
    c->nagents = 0;
    c->nslots = 0;
}

void wcache_free(struct wcache *c)
{
    wcache_batch_end(c);
    for (int i = 0; i < WCACHE_PLANS; i++) {
        json_decref(c->plans[i].plan);
    }
    free(c->frames);
    memset(c, 0, sizeof *c);
}

/* Whether a plan's runs may read step outputs from their context. A
 * plan that never names them (nor uses a template, whose words may) has
 * its runs keep only the last output, for the run's result. Erring
 * towards true only keeps more. */
static bool plan_reads_steps(const char *text)
{
    return strstr(text, "steps.") || strstr(text, "steps[") ||
           strstr(text, "\"template\"");
}

int wcache_plan(struct wcache *c, struct db *db, int64_t id,
                const json_t **plan, bool *reads_steps, struct err *err)
{
    int victim = 0;
    for (int i = 0; i < WCACHE_PLANS; i++) {
        struct wcache_plan *p = &c->plans[i];
        if (p->plan && p->id == id) {
            p->used = ++c->tick;
            *plan = p->plan;
            *reads_steps = p->reads_steps;
            return 0;
        }
        if (p->used < c->plans[victim].used)
            victim = i;
    }
    struct db_stmt *st =
        db_prepare(db, "SELECT text FROM plans WHERE id = ?1", err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, id);
    int rc = db_step(st, err);
    json_t *parsed = rc == DB_ROW ? jx_load(db_col_text(st, 0)) : NULL;
    bool reads = rc == DB_ROW && plan_reads_steps(db_col_text(st, 0));
    db_reset(st);
    if (rc < 0)
        return rc;
    if (!json_is_object(parsed)) {
        json_decref(parsed);
        return err_set(err, E_INTERNAL, "plan snapshot %lld is missing",
                       (long long)id);
    }
    struct wcache_plan *p = &c->plans[victim];
    json_decref(p->plan);
    p->id = id;
    p->plan = parsed;
    p->reads_steps = reads;
    p->used = ++c->tick;
    *plan = parsed;
    *reads_steps = reads;
    return 0;
}

int wcache_agent(struct wcache *c, struct db *db, int64_t ws, int64_t id,
                 const struct agent_row **row, const json_t **json,
                 struct err *err)
{
    for (int i = 0; i < c->nagents; i++) {
        if (c->agents[i].row.id == id && c->agents[i].row.ws == ws) {
            *row = &c->agents[i].row;
            *json = c->agents[i].json;
            return 0;
        }
    }
    if (c->nagents == WCACHE_AGENTS)
        wcache_batch_end(c);
    struct wcache_agent *a = &c->agents[c->nagents];
    int rc = agent_load(db, ws, id, &a->row, err);
    if (rc)
        return rc;
    a->json = json_pack("{s:I, s:s, s:I, s:O, s:O}", "id", (json_int_t)id,
                        "name", a->row.name, "createdBy",
                        (json_int_t)a->row.created_by, "memory",
                        a->row.memory, "restrictions", a->row.restrictions);
    c->nagents++;
    *row = &a->row;
    *json = a->json;
    return 0;
}
