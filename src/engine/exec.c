/*
 * exec: the step loop.
 *
 * An execution carries its own plan (the snapshot taken when it started),
 * a cursor and a context, all in its row. The cursor is a stack of frames,
 * one per list of steps being walked: the plan's top level, and the then/
 * else branch of each `if` being inside of. A frame holds the index of
 * the next step and the current set (the contacts or deals that
 * contact-scoped steps work on); a search replaces its frame's set, and
 * leaving a branch restores the set that was current before the `if`.
 *
 *   [{"i": 3, "set": {"kind": "contact", "ids": [1, 2, 3]}},
 *    {"p": "3.then", "i": 1, "set": {"kind": "contact", "ids": [2]}}]
 *
 * A condition on contact, deal or company fields is evaluated for each
 * member of the current set: the members for which it holds go through
 * `then`, the others through `else` (each branch with its own set). Other
 * conditions are evaluated once.
 *
 * Each step runs in a nested transaction level (a savepoint; in a
 * worker's batch a deferred one, see run_batch) and is recorded
 * (execution_steps, seq = steps_done + 1) in the transaction that
 * advances the cursor, so that a step's effects, its record and the
 * progress past it are one unit: a restart resumes at the next step and
 * never runs a finished one again. A failing step's own writes are rolled
 * back, its failure recorded, and the run ends there with every earlier
 * step's result in place.
 *
 * A step may park the run (wait, handoff, approval, a sub-agent): the
 * status becomes waiting and the job is moved to the resume time (or
 * removed when only a person or the sub-agent can continue it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actions/action.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "crm/activity.h"
#include "crm/resources.h"
#include "crm/rows.h"
#include "engine/internal.h"
#include "plan/cond.h"

#define MAX_FRAMES 32
/* "3.then.2.else.1": deep enough for MAX_FRAMES levels. */
#define PATH_LEN 384
/* One job advances a run by at most this much before it yields, so that a
 * long plan shows progress and does not hold the database. */
#define SLICE_STEPS 100
#define SLICE_NS (100 * 1000 * 1000)

struct frame {
    json_t *steps; /* borrowed from the plan */
    char path[PATH_LEN]; /* "" at the top, "3.then", "3.then.2.else" */
    int64_t i;
    json_t *set; /* owned; NULL: none */
};

struct run {
    struct engine *e;
    struct db *db;
    struct wcache *wc;
    struct crm_ctx crm;
    int64_t id, ws, agent_id, parent_id, now, started_at, created_at;
    int depth;
    char trigger_type[64];
    char status[12];
    char wait_kind[12];
    json_t *plan, *ctx, *agent;
    bool reads_steps; /* the plan may read @steps.N (wcache_plan) */
    struct frame *frames; /* MAX_FRAMES of them, not zeroed: only the
                             first nframes are in use */
    int nframes;
    int64_t seq;
    int steps_total;
    int64_t *kick;
    /* The run timeout: real µs of work before this job (steps and their
     * calls; parked time is not work), when this job began, the limit (0:
     * none). */
    int64_t active_us, t0_ns, limit_us;
    /* outcome */
    const char *new_status;
    char message[600];
    json_t *error;
    json_t *output;
    int64_t resume_at; /* 0: none */
    const char *wait;  /* wait_kind */
    bool drop_job;     /* no job after this (approval, sub-agent, end) */
    bool io;           /* stopped for the worker to perform effects */
};

/* ---- small helpers ----------------------------------------------------- */

static json_t *ctx_obj(json_t *ctx, const char *key)
{
    json_t *o = json_object_get(ctx, key);
    if (!json_is_object(o)) {
        o = json_object();
        json_object_set_new(ctx, key, o);
    }
    return o;
}

/* Keeps a top-level step's result (owned: entry) in the context, as
 * @steps.<key>. When the plan never reads them, only the last is kept
 * (the run's result: run_output), so that a long run's context, read and
 * written at every job, does not grow with each step. */
static void keep_output(struct run *r, const char *key, json_t *entry)
{
    if (!entry)
        return;
    json_t *steps = ctx_obj(r->ctx, "steps");
    if (!r->reads_steps)
        json_object_clear(steps);
    json_object_set_new(steps, key, entry);
}

static void count_max(json_t *counts, const char *key, int64_t n)
{
    json_t *v = json_object_get(counts, key);
    if (!v || json_integer_value(v) < n)
        json_object_set_new(counts, key, json_integer(n));
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The ids of `list` and of set's "ids", each once, ascending (caller
 * frees; *n their number). */
static int64_t *ids_union(const json_t *list, const json_t *set, size_t *n)
{
    const json_t *ids = json_object_get(set, "ids");
    size_t cap = json_array_size(list) + json_array_size(ids), k = 0, i;
    int64_t *all = xmalloc((cap ? cap : 1) * sizeof *all);
    const json_t *v;
    json_array_foreach(list, i, v) all[k++] = json_integer_value(v);
    json_array_foreach(ids, i, v) all[k++] = json_integer_value(v);
    qsort(all, k, sizeof *all, cmp_id);
    size_t u = 0;
    for (i = 0; i < k; i++)
        if (!u || all[u - 1] != all[i])
            all[u++] = all[i];
    *n = u;
    return all;
}

/*
 * Counts the records the run works on for "Processed 57 contacts": each
 * once over all its searches ("Tag everyone in Germany 'dach' and
 * everyone in France 'fr'" processed both countries' contacts, not the
 * larger of the two). When a step's set replaces another (old) of the
 * same kind, the old one's ids join ctx.seen[kind]; a run with one set,
 * most of them, keeps no more than that set.
 */
static void note_set(struct run *r, const json_t *old, const json_t *set)
{
    const char *kind = jx_str(set, "kind");
    if (!kind)
        return;
    const char *key = strcmp(kind, "deal") == 0 ? "dealsProcessed"
                                                : "contactsProcessed";
    json_t *seen = json_object_get(json_object_get(r->ctx, "seen"), kind);
    const char *ok = jx_str(old, "kind");
    if (old && old != set && ok && !strcmp(ok, kind)) {
        size_t n;
        int64_t *ids = ids_union(seen, old, &n);
        json_t *list = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(list, json_integer(ids[i]));
        free(ids);
        json_object_set_new(ctx_obj(r->ctx, "seen"), kind, list);
        seen = list;
    }
    size_t n = json_array_size(json_object_get(set, "ids"));
    if (seen)
        free(ids_union(seen, set, &n));
    count_max(ctx_obj(r->ctx, "counts"), key, (int64_t)n);
}

static bool secret_key(const char *k)
{
    /* Called for every key of every step record: the length rules out
     * most names before any comparison. */
    static const struct {
        const char *name;
        size_t len;
    } keys[] = {{"password", 8},      {"token", 5},
                {"apikey", 6},        {"api_key", 7},
                {"secret", 6},        {"authorization", 13},
                {"cookie", 6},        {"accesstoken", 11},
                {"refreshtoken", 12}, {"clientsecret", 12},
                {"x-api-key", 9}};
    size_t n = strlen(k);
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (n == keys[i].len && strcasecmp(k, keys[i].name) == 0)
            return true;
    return false;
}

/* What a step log may keep: secrets never, bodies of messages cut to 100
 * characters (code points), marked with "..." (when arg is set). */
static int redact_member(void *arg, struct buf *b, const char *k,
                         const json_t *x, int depth)
{
    bool cut_bodies = arg != NULL;
    (void)depth;
    if (secret_key(k) && !json_is_null(x))
        return buf_puts(b, "\"[redacted]\"") ? -1 : 1;
    if (cut_bodies && (strcmp(k, "body") == 0 || strcmp(k, "html") == 0) &&
        json_is_string(x)) {
        const char *s = json_string_value(x);
        size_t cp = 0, i = 0, n = json_string_length(x);
        for (; i < n; i++)
            if (((unsigned char)s[i] & 0xC0) != 0x80 && cp++ == 100)
                break;
        if (buf_putc(b, '"') || buf_json_escape(b, s, i) ||
            buf_puts(b, i < n ? "...\"" : "\""))
            return -1;
        return 1;
    }
    return 0;
}

/* params: what a step sent, message bodies cut; outputs: secrets only
 * (an HTTP answer's body is the step's result, capped where it is made). */
static char *dump_redacted(const json_t *v, bool cut_bodies)
{
    if (!v)
        return NULL;
    struct buf b;
    buf_init(&b, 0);
    if (jx_write(&b, v, redact_member, cut_bodies ? (void *)1 : NULL, 0)) {
        buf_fini(&b);
        return strdup("null");
    }
    return buf_steal(&b);
}

/* The step list a frame path names: "3.then.2.else". */
static json_t *steps_at(json_t *plan, const char *path)
{
    json_t *steps = json_object_get(plan, "steps");
    const char *p = path;
    while (*p) {
        char *end;
        long idx = strtol(p, &end, 10);
        if (*end != '.')
            return NULL;
        p = end + 1;
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        char branch[8];
        if (n == 0 || n >= sizeof branch)
            return NULL;
        memcpy(branch, p, n);
        branch[n] = '\0';
        json_t *step = json_array_get(steps, (size_t)(idx - 1));
        steps = json_object_get(json_object_get(step, "params"), branch);
        if (!json_is_array(steps))
            return NULL;
        p = dot ? dot + 1 : p + n;
    }
    return steps;
}

static void step_path(const struct frame *f, char *out, size_t size)
{
    if (f->path[0])
        snprintf(out, size, "%.360s.%lld", f->path, (long long)(f->i + 1));
    else
        snprintf(out, size, "%lld", (long long)(f->i + 1));
}

/* ---- cursor ------------------------------------------------------------ */

/* The cursor of most jobs, [{"i":N}] (at step N+1 of the top level, no
 * set), read without building it as JSON. */
static bool cursor_top_only(const char *text, int64_t *i)
{
    static const char head[] = "[{\"i\":";
    if (strncmp(text, head, sizeof head - 1) != 0)
        return false;
    const char *p = text + sizeof head - 1;
    int64_t n = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 9) {
        n = n * 10 + (*p++ - '0');
        digits++;
    }
    if (!digits || strcmp(p, "}]") != 0)
        return false;
    *i = n;
    return true;
}

static int cursor_misfit(const struct run *r, struct err *err)
{
    return err_set(err, E_INTERNAL,
                   "execution %lld: cursor does not fit the plan",
                   (long long)r->id);
}

static int cursor_load(struct run *r, const char *text, struct err *err)
{
    int64_t top;
    if (cursor_top_only(text, &top)) {
        struct frame *f = &r->frames[r->nframes++];
        f->path[0] = '\0';
        f->steps = steps_at(r->plan, "");
        f->i = top;
        f->set = NULL;
        return f->steps ? 0 : cursor_misfit(r, err);
    }
    json_t *c = jx_load(text);
    if (!json_is_array(c) || json_array_size(c) == 0 ||
        json_array_size(c) > MAX_FRAMES) {
        json_decref(c);
        return err_set(err, E_INTERNAL, "execution %lld: bad cursor",
                       (long long)r->id);
    }
    size_t i;
    json_t *fr;
    json_array_foreach(c, i, fr)
    {
        struct frame *f = &r->frames[r->nframes++];
        const char *p = jx_str(fr, "p");
        snprintf(f->path, sizeof f->path, "%s", p ? p : "");
        f->steps = steps_at(r->plan, f->path);
        f->i = 0;
        jx_int(fr, "i", &f->i);
        json_t *set = json_object_get(fr, "set");
        f->set = json_is_object(set) ? json_incref(set) : NULL;
        if (!f->steps) {
            json_decref(c);
            return cursor_misfit(r, err);
        }
    }
    json_decref(c);
    return 0;
}

/* The cursor as [{"i": N, "p": path, "set": set}, ...] (p and set when
 * present), written straight out: it is saved after every job. */
static char *cursor_dump(const struct run *r)
{
    struct buf b;
    buf_init(&b, 0);
    int rc = buf_putc(&b, '[');
    for (int k = 0; k < r->nframes && !rc; k++) {
        const struct frame *f = &r->frames[k];
        rc = buf_printf(&b, "%s{\"i\":%lld", k ? "," : "", (long long)f->i);
        if (!rc && f->path[0])
            rc = buf_puts(&b, ",\"p\":\"") ||
                 buf_json_escape(&b, f->path, strlen(f->path)) ||
                 buf_putc(&b, '"');
        if (!rc && f->set)
            rc = buf_puts(&b, ",\"set\":") || jx_dump_buf(f->set, &b);
        if (!rc)
            rc = buf_putc(&b, '}');
    }
    if (!rc)
        rc = buf_putc(&b, ']');
    if (rc) {
        /* Only a set too deep to write: cannot happen with sets the
         * actions make, which are {"kind", "ids": [numbers]}. */
        buf_fini(&b);
        return xstrdup("[]");
    }
    return buf_steal(&b);
}

static void frames_free(struct run *r)
{
    for (int k = 0; k < r->nframes; k++)
        json_decref(r->frames[k].set);
    r->nframes = 0;
}

/* ---- records ----------------------------------------------------------- */

static int record_step(struct run *r, const char *path, const char *type,
                       const json_t *params, const char *status,
                       int64_t started, const json_t *output,
                       const char *error, const json_t *warnings,
                       struct err *err)
{
    if (r->seq >= STEP_MAX)
        return err_set(err, E_VALIDATION,
                       "This run has recorded %lld steps, the most one run "
                       "may; it stops here",
                       (long long)STEP_MAX);
    struct db_stmt *st = db_prepare(
        r->db,
        "INSERT INTO execution_steps (id, workspace_id, execution_id, seq, "
        "path, type, params, status, started_at, finished_at, output, error, "
        "warnings) VALUES (?2 * 1048576 + ?3, ?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10, ?11, ?12)",
        err);
    if (!st)
        return -E_INTERNAL;
    char *p = dump_redacted(params, true);
    char *o = dump_redacted(output, false);
    char *w = warnings && json_array_size(warnings) ? jx_dump(warnings) : NULL;
    db_bind_int(st, 1, r->ws);
    db_bind_int(st, 2, r->id);
    db_bind_int(st, 3, ++r->seq);
    db_bind_text(st, 4, path);
    db_bind_text(st, 5, type);
    db_bind_text(st, 6, p ? p : "{}");
    db_bind_text(st, 7, status);
    db_bind_int(st, 8, started);
    db_bind_int(st, 9, r->now);
    db_bind_text(st, 10, o);
    db_bind_text(st, 11, error);
    db_bind_text(st, 12, w);
    int rc = db_step(st, err);
    db_reset(st);
    free(p);
    free(o);
    free(w);
    r->wc->steps++;
    return rc < 0 ? rc : 0;
}

int exec_annotate_step(struct db *db, int64_t id, int64_t seq,
                       const json_t *extra, int64_t now, struct err *err)
{
    if (!seq)
        return 0;
    struct db_stmt *st = db_prepare(
        db,
        "UPDATE execution_steps SET output = json_patch(COALESCE(output, "
        "'{}'), ?3), finished_at = ?4 WHERE id = ?1 * 1048576 + ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    char *x = jx_dump(extra);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, seq);
    db_bind_text(st, 3, x);
    db_bind_int(st, 4, now);
    int rc = db_step(st, err);
    db_reset(st);
    free(x);
    return rc < 0 ? rc : 0;
}

static int top_index(const char *path)
{
    return atoi(path);
}

/* The run fails at this step: message for people, error for the record. */
static void fail_run(struct run *r, const char *path, const char *type,
                     const struct err *why)
{
    r->new_status = EX_FAILED;
    r->drop_job = true;
    char msg[ERR_MSG_MAX + 64];
    snprintf(msg, sizeof msg, "Step %s (%s): %s", path, type, why->msg);
    snprintf(r->message, sizeof r->message, "Agent failed: %s", msg);
    json_decref(r->error);
    r->error = json_pack("{s:s, s:i, s:s, s:s, s:o}", "message", why->msg,
                         "step", top_index(path), "path", path, "type", type,
                         "details",
                         why->details ? json_deep_copy(why->details)
                                      : json_object());
}

/* ---- if ---------------------------------------------------------------- */

/* A condition on the record, or on web results searched for each member
 * ("searchFor", actions/websearch.c), is evaluated per member. */
static bool per_item(const json_t *cond, const json_t *ctx)
{
    return cond_uses(cond, "contact") || cond_uses(cond, "deal") ||
           cond_uses(cond, "company") ||
           (cond_uses(cond, "search") && json_object_get(ctx, "searchFor"));
}

static int push_frame(struct run *r, const char *path, json_t *set,
                      struct err *err)
{
    if (r->nframes == MAX_FRAMES) {
        json_decref(set);
        return err_set(err, E_VALIDATION,
                       "Conditions nest deeper than %d levels", MAX_FRAMES);
    }
    struct frame *f = &r->frames[r->nframes++];
    memset(f, 0, sizeof *f);
    snprintf(f->path, sizeof f->path, "%s", path);
    f->steps = steps_at(r->plan, path);
    f->set = set;
    if (!f->steps)
        f->steps = json_array(); /* never: the plan was validated */
    return 0;
}

static int run_if(struct run *r, struct frame *f, const json_t *params,
                  const char *path, struct act_env *env, struct err *err)
{
    const json_t *cond = json_object_get(params, "condition");
    json_t *then = json_object_get(params, "then");
    json_t *els = json_object_get(params, "else");
    json_t *warnings = json_array();
    char *desc = cond_describe(cond);
    json_t *output = json_pack("{s:s}", "condition", desc ? desc : "");
    free(desc);
    json_t *then_set = NULL, *else_set = NULL;
    bool whole = true; /* one result for the whole run */
    bool result = false;
    int rc = 0;
    if (f->set && per_item(cond, r->ctx)) {
        whole = false;
        rc = act_items(env, err);
        if (rc)
            goto out;
        json_t *yes = json_array(), *no = json_array();
        size_t i;
        json_t *item;
        json_array_foreach(env->items, i, item)
        {
            struct vars v;
            act_vars(env, item, &v);
            bool ok = cond_eval(cond, &v, r->now, warnings);
            json_array_append(ok ? yes : no, json_object_get(item, "id"));
        }
        json_object_set_new(output, "matched",
                            json_integer((json_int_t)json_array_size(yes)));
        json_object_set_new(output, "notMatched",
                            json_integer((json_int_t)json_array_size(no)));
        json_object_set_new(output, "result",
                            json_boolean(json_array_size(yes) > 0));
        const char *kind = jx_str(f->set, "kind");
        then_set = json_pack("{s:s, s:o}", "kind", kind, "ids", yes);
        else_set = json_pack("{s:s, s:o}", "kind", kind, "ids", no);
    } else {
        struct vars v;
        act_vars(env, act_single(env), &v);
        result = cond_eval(cond, &v, r->now, warnings);
        json_object_set_new(output, "result", json_boolean(result));
    }
    json_t *shown = json_pack("{s:O}", "condition",
                              cond ? (json_t *)cond : json_null());
    rc = record_step(r, path, "if", shown,
                     json_array_size(warnings) ? "warning" : "success",
                     r->now, output, NULL, warnings, err);
    json_decref(shown);
    if (rc)
        goto out;
    f->i++;
    if (f == &r->frames[0] && top_index(path) > 0) {
        char key[16];
        snprintf(key, sizeof key, "%d", top_index(path));
        keep_output(r, key, json_pack("{s:O}", "output", output));
    }
    /* The set of the frame being left behind stays as it is; each branch
     * starts with its part of it. Else is pushed first so that then runs
     * first. */
    char sub[PATH_LEN];
    bool run_else = json_array_size(els) &&
                    (whole ? !result
                           : json_array_size(json_object_get(else_set, "ids")));
    bool run_then = json_array_size(then) &&
                    (whole ? result
                           : json_array_size(json_object_get(then_set, "ids")));
    json_t *cur = f->set ? json_incref(f->set) : NULL;
    if (run_else) {
        snprintf(sub, sizeof sub, "%.360s.else", path);
        rc = push_frame(r, sub, whole ? json_incref(cur) : else_set, err);
        else_set = NULL;
    }
    if (!rc && run_then) {
        snprintf(sub, sizeof sub, "%.360s.then", path);
        rc = push_frame(r, sub, whole ? json_incref(cur) : then_set, err);
        then_set = NULL;
    }
    json_decref(cur);
out:
    json_decref(then_set);
    json_decref(else_set);
    json_decref(output);
    json_decref(warnings);
    return rc;
}

/* ---- sub-agents -------------------------------------------------------- */

/*
 * An agent that runs itself, directly or through other agents, would only
 * stop at EXEC_MAX_DEPTH with a message five "Sub-agent ... failed" deep;
 * name the loop instead. The runs above this one are its parent chain
 * (at most EXEC_MAX_DEPTH rows).
 */
static int refuse_cycle(struct run *r, int64_t agent, const char *name,
                        struct err *err)
{
    struct db_stmt *st = db_prepare(
        r->db,
        "WITH RECURSIVE up(id, agent_id, agent_name, parent_id, n) AS ("
        " SELECT id, agent_id, agent_name, parent_id, 0 FROM executions"
        "  WHERE id = ?1 AND workspace_id = ?2"
        " UNION ALL SELECT x.id, x.agent_id, x.agent_name, x.parent_id,"
        "  up.n + 1 FROM executions x JOIN up ON x.id = up.parent_id"
        "  WHERE x.workspace_id = ?2 AND up.n < ?3)"
        " SELECT agent_id, agent_name FROM up ORDER BY n DESC",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, r->id);
    db_bind_int(st, 2, r->ws);
    db_bind_int(st, 3, EXEC_MAX_DEPTH);
    char chain[600] = "";
    size_t len = 0;
    bool loop = false;
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW) {
        if (db_col_int(st, 0) == agent)
            loop = true;
        if (loop && len < sizeof chain) {
            int n = snprintf(chain + len, sizeof chain - len, "'%s' -> ",
                             db_col_text(st, 1));
            len += n > 0 ? (size_t)n : 0;
        }
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    if (!loop)
        return 0;
    return err_set(err, E_VALIDATION,
                   "Agent '%s' would run itself (%.500s'%s'): an agent "
                   "cannot run itself, directly or through other agents",
                   name, chain, name);
}

static int spawn_child(void *arg, const char *name, const json_t *input,
                       const char *kind, const json_t *ids, int64_t *child,
                       struct err *err)
{
    struct run *r = arg;
    if (r->depth + 1 > EXEC_MAX_DEPTH)
        return err_set(err, E_VALIDATION,
                       "Sub-agents nest at most %d levels deep",
                       EXEC_MAX_DEPTH);
    struct db_stmt *st = db_prepare(
        r->db,
        "SELECT id FROM agents WHERE workspace_id = ?1 AND name = ?2 COLLATE "
        "NOCASE AND deleted_at IS NULL ORDER BY id LIMIT 1",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, r->ws);
    db_bind_text(st, 2, name);
    int rc = db_step(st, err);
    int64_t agent = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (rc < 0)
        return rc;
    if (!agent)
        return err_set(err, E_VALIDATION,
                       "Agent '%s' not found in this workspace", name);
    rc = refuse_cycle(r, agent, name, err);
    if (rc)
        return rc;
    /* The set goes in the trigger data too, so that a retry of the
     * sub-execution starts with it again. */
    json_t *set = kind && json_is_array(ids)
                      ? json_pack("{s:s, s:O}", "kind", kind, "ids", ids)
                      : NULL;
    json_t *trigger = json_pack("{s:I, s:s, s:O*}", "parentExecutionId",
                                (json_int_t)r->id, "parentAgent",
                                jx_str(r->agent, "name"), "set", set);
    struct admit_req rq = {
        .agent_id = agent,
        .trigger_type = "agent",
        .trigger = trigger,
        .set = set,
        .input = input,
        .parent_id = r->id,
        .depth = r->depth + 1,
        .flags = ADMIT_STRICT | ADMIT_DRAFT_OK,
    };
    struct admit_out out;
    rc = admit_run(r->e, &r->crm, &rq, &out, err);
    json_decref(trigger);
    json_decref(set);
    if (rc == ADMIT_REFUSED)
        rc = -err->code;
    if (rc)
        return rc;
    *child = out.execution_id;
    kick_note(r->kick, out.run_at);
    return 0;
}

/* A parked run_agent step gets its record once the sub-agent ended. */
static int finish_pending(struct run *r, struct err *err)
{
    json_t *p = json_object_get(r->ctx, "pending");
    if (!json_is_object(p))
        return 0;
    int64_t child = 0, started = r->now;
    jx_int(p, "child", &child);
    jx_int(p, "startedAt", &started);
    const char *path = jx_str(p, "path");
    char pathbuf[PATH_LEN];
    snprintf(pathbuf, sizeof pathbuf, "%s", path ? path : "?");
    struct db_stmt *st = db_prepare(
        r->db,
        "SELECT status, output, error, message, agent_name FROM executions "
        "WHERE id = ?1 AND workspace_id = ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, child);
    db_bind_int(st, 2, r->ws);
    int rc = db_step(st, err);
    if (rc != DB_ROW) {
        db_reset(st);
        return rc < 0 ? rc : err_set(err, E_INTERNAL, "sub-execution gone");
    }
    char status[16];
    snprintf(status, sizeof status, "%s", db_col_text(st, 0));
    json_t *out = jx_load(db_col_text(st, 1));
    json_t *cerr = jx_load(db_col_text(st, 2));
    char cmsg[400], cname[208];
    snprintf(cmsg, sizeof cmsg, "%s",
             db_col_text(st, 3) ? db_col_text(st, 3) : "");
    snprintf(cname, sizeof cname, "%s", db_col_text(st, 4));
    db_reset(st);
    if (strcmp(status, EX_COMPLETED) && strcmp(status, EX_FAILED) &&
        strcmp(status, EX_CANCELED) && strcmp(status, EX_SKIPPED)) {
        /* Not over yet: woken early; park again. */
        json_decref(out);
        json_decref(cerr);
        return 1;
    }
    json_t *output = json_pack("{s:I, s:s, s:o}", "executionId",
                               (json_int_t)child, "status", status, "output",
                               out ? out : json_null());
    json_t *params = json_object_get(p, "params");
    if (strcmp(status, EX_COMPLETED) == 0) {
        rc = record_step(r, pathbuf, "run_agent", params, "success", started,
                         output, NULL, NULL, err);
        if (!rc && r->frames[0].path[0] == '\0' && !strchr(pathbuf, '.'))
            keep_output(r, pathbuf, json_pack("{s:O}", "output", output));
    } else {
        struct err why = ERR_INIT;
        const char *m = jx_str(cerr, "message");
        err_set(&why, E_UPSTREAM, "Sub-agent '%s' %s: %s", cname,
                strcmp(status, EX_CANCELED) == 0 ? "was canceled"
                : strcmp(status, EX_SKIPPED) == 0 ? "did not run"
                                                   : "failed",
                m ? m : cmsg);
        err_detail(&why, "executionId", json_integer(child));
        rc = record_step(r, pathbuf, "run_agent", params, "failed", started,
                         output, why.msg, NULL, err);
        if (!rc)
            fail_run(r, pathbuf, "run_agent", &why);
        err_clear(&why);
    }
    json_decref(output);
    json_decref(cerr);
    if (!rc)
        json_object_del(r->ctx, "pending");
    return rc;
}

/* The field of entity e a step names: its own field, else one of its
 * custom fields (@contact.leadScore reads customFields). */
static fld_set field_of(const struct entity *e, const char *name)
{
    fld_set b = entity_field_bit(e, name);
    return b ? b : entity_field_bit(e, "customFields");
}

static fld_set *need_of(struct rows_need *n, const char *root, size_t len,
                        const struct entity **e)
{
    if (len == 7 && !strncmp(root, "contact", 7)) {
        *e = &crm_contacts;
        return &n->contact;
    }
    if (len == 7 && !strncmp(root, "company", 7)) {
        *e = &crm_companies;
        return &n->company;
    }
    if (len == 4 && !strncmp(root, "deal", 4)) {
        *e = &crm_deals;
        return &n->deal;
    }
    return NULL;
}

static bool ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

/* Adds the fields a text names: variables (@contact.firstName, @company
 * alone meaning all of it) and, in a condition's "field", names with or
 * without their root ("company.industry", "title"). */
static void need_text(struct rows_need *n, const char *s, bool is_field)
{
    const struct entity *e;
    if (is_field && !strchr(s, '.') && !strchr(s, '@')) {
        /* A bare name is a field of the set's own rows. */
        n->contact |= field_of(&crm_contacts, s);
        n->deal |= field_of(&crm_deals, s);
        return;
    }
    for (const char *p = s; *p; p++) {
        bool at = p > s && p[-1] == '@';
        if (!(at || (is_field && p == s)) || !ident_char(*p))
            continue;
        const char *q = p;
        while (ident_char(*q))
            q++;
        fld_set *set = need_of(n, p, (size_t)(q - p), &e);
        if (!set)
            continue;
        if (*q != '.' || !ident_char(q[1])) {
            if (at)
                *set = FLD_ALL; /* the whole row */
            continue;
        }
        const char *f = q + 1, *g = f;
        while (ident_char(*g))
            g++;
        char name[64];
        if ((size_t)(g - f) >= sizeof name) {
            *set = FLD_ALL;
            continue;
        }
        memcpy(name, f, (size_t)(g - f));
        name[g - f] = '\0';
        *set |= field_of(e, name);
    }
}

/* The fields of the set's rows a step's parameters name, nested steps and
 * conditions included. */
static void need_scan(const json_t *v, bool is_field, int depth,
                      struct rows_need *n)
{
    if (depth > 32) {
        *n = rows_all;
        return;
    }
    if (json_is_string(v)) {
        need_text(n, json_string_value(v), is_field);
        return;
    }
    const char *k;
    json_t *x;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach((json_t *)v, k, x)
            need_scan(x, !strcmp(k, "field"), depth + 1, n);
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, x) need_scan(x, false, depth + 1, n);
    }
}

/* What a step loads of the rows of its set, given what its parameters
 * name (need_scan): whole rows for a step that hands them on; for lean
 * steps (and conditions) what they name; for the others whole rows of
 * what they name, contacts always, without tags unless named. */
static struct rows_need step_need(const struct action *act, bool lean,
                                  struct rows_need n)
{
    if (act && (act->flags & ACT_FULL_ROWS))
        return rows_all;
    if (lean)
        return n;
    fld_set tags = entity_field_bit(&crm_contacts, "tags");
    n.contact = (FLD_ALL & ~tags) | (n.contact & tags);
    n.company = n.company ? FLD_ALL : 0;
    n.deal = FLD_ALL;
    return n;
}

/* ---- the run timeout ---------------------------------------------------- */

/* Real µs the run has worked, this job included, at mono_ns. */
static int64_t worked_us(const struct run *r, int64_t mono_ns)
{
    return r->active_us + (mono_ns - r->t0_ns) / 1000;
}

/* The run timeout's error: how long the run worked, its limit, and what
 * was not done because of it. */
static int timeout_error(const struct run *r, const char *what,
                         struct err *why)
{
    int64_t worked = worked_us(r, clock_mono_ns());
    int rc = err_set(why, E_TIMEOUT,
                     "Timed out: the run has worked for %.1f s, more than "
                     "the %lld s a run of this agent may (waits are not "
                     "counted), %s. Raise the agent's "
                     "restrictions.maxRunSeconds for longer runs.",
                     (double)worked / 1e6,
                     (long long)(r->limit_us / 1000000), what);
    err_detail(why, "activeMs", json_integer(worked / 1000));
    err_detail(why, "maxRunSeconds", json_integer(r->limit_us / 1000000));
    return rc;
}

/* ---- external steps -------------------------------------------------------- */

/* prepare (once), then — when no effect is left to perform — finish. Sets
 * *io when effects wait for the worker. A failure of the action returns
 * its code with why set and err clear; a failure of the store sets err. */
static int run_external(struct run *r, const struct action *act,
                        struct act_env *env, const json_t *params,
                        const char *path, const char *type,
                        struct act_out *out, int64_t *started, bool *io,
                        struct err *why, struct err *err)
{
    json_t *st = json_object_get(r->ctx, "io");
    bool mine = json_is_object(st) && jx_str(st, "path") &&
                strcmp(jx_str(st, "path"), path) == 0;
    env->path = path;
    int rc;
    if (!mine) {
        env->effects = json_array();
        rc = db_tx_begin(r->db, err);
        if (rc) {
            json_decref(env->effects);
            env->effects = NULL;
            return rc;
        }
        rc = act->run(env, params, out, why);
        if (!rc)
            rc = effects_insert(r->db, r->ws, r->id, path, env->effects,
                                r->limit_us, r->now, err);
        if (rc) {
            db_tx_rollback(r->db);
        } else {
            rc = db_tx_commit(r->db, err);
        }
        json_decref(env->effects);
        env->effects = NULL;
        if (rc)
            return rc;
        /* What finish needs, kept in the run's context across the I/O. */
        json_t *state = json_pack(
            "{s:s, s:s, s:I, s:O, s:O, s:o, s:o, s:b}", "path", path, "type",
            type, "startedAt", (json_int_t)r->now, "params",
            out->params ? out->params : json_null(), "state",
            out->output ? out->output : json_null(), "warnings",
            json_deep_copy(out->warnings), "counts",
            json_deep_copy(out->counts), "skipped",
            out->status && !strcmp(out->status, "skipped"));
        json_object_set_new(r->ctx, "io", state);
        st = state;
        json_decref(out->params);
        json_decref(out->output);
        out->params = out->output = NULL;
        json_array_clear(out->warnings);
        json_object_clear(out->counts);
    }
    int64_t pending = 0;
    rc = effects_settle(r->db, r->id, path, r->now, &pending, err);
    if (rc)
        return rc;
    if (pending) {
        *io = true;
        return 0;
    }
    json_t *done = effects_load(r->db, r->id, path, err);
    if (!done)
        return -E_INTERNAL;
    jx_int(st, "startedAt", started);
    env->done = done;
    env->state = json_object_get(st, "state");
    json_array_extend(out->warnings, json_object_get(st, "warnings"));
    json_object_update(out->counts, json_object_get(st, "counts"));
    json_t *p = json_object_get(st, "params");
    out->params = json_is_null(p) ? NULL : json_incref(p);
    /* prepare found nothing to do (no contacts in scope). */
    out->status = jx_bool(st, "skipped", false) ? "skipped" : NULL;
    /* finish's writes stay even when it fails the step: they record what
     * really went out. */
    rc = act->finish(env, params, out, why);
    /* Calls not made because the run had worked for its limit (io.c): the
     * step fails with the run timeout, keeping what went out. */
    size_t cut = act_effects_count(env, "timedout");
    if (cut) {
        /* The timeout is why the step ended; a failure finish saw among
         * the calls that were made goes along in the details. */
        char what[160], also[ERR_MSG_MAX];
        snprintf(what, sizeof what,
                 "so %zu of this step's %zu calls were not made", cut,
                 json_array_size(done));
        snprintf(also, sizeof also, "%s", rc ? why->msg : "");
        err_clear(why);
        rc = timeout_error(r, what, why);
        err_detail(why, "notMade", json_integer((json_int_t)cut));
        if (*also)
            err_detail_str(why, "stepError", also);
    }
    int r2 = effects_reported(r->db, r->id, path, err);
    if (r2) {
        json_decref(done);
        return r2;
    }
    json_decref(done);
    env->done = NULL;
    env->state = NULL;
    json_object_del(r->ctx, "io");
    return rc;
}

/* ---- one action step ---------------------------------------------------- */

/* Whether a step does nothing without records in scope: the actions that
 * work on the set (ACT_CONTACTS in the registry) are skipped when it is
 * there but empty, a wait before them waits for nothing, and an `if`
 * whose branches hold only such steps does nothing either. Steps that may
 * run once for the run (notify, Slack, HTTP, remember, a search, a
 * sub-agent, an e-mail to a given address) are not among them. */
static bool needs_records(const json_t *steps, size_t from)
{
    for (size_t i = from; i < json_array_size(steps); i++) {
        const json_t *step = json_array_get(steps, i);
        const char *type = jx_str(step, "type");
        if (!type)
            return false;
        if (!strcmp(type, "if")) {
            const json_t *p = json_object_get(step, "params");
            if (!needs_records(json_object_get(p, "then"), 0) ||
                !needs_records(json_object_get(p, "else"), 0))
                return false;
            continue;
        }
        const struct action *a = action_find(type);
        if (strcmp(type, "wait") && !(a && (a->flags & ACT_CONTACTS)))
            return false;
        /* an e-mail to a given address goes whatever the set holds */
        const char *to = jx_str(json_object_get(step, "params"), "to");
        if (!strcmp(type, "send_email") && to && strncmp(to, "@contact.", 9))
            return false;
    }
    return true;
}

/* A wait (or an approval) at the top of the plan after a search that
 * found nobody, with only steps about records after it, would park the
 * run for days to do nothing (or ask a person to approve nothing), and
 * the agent could not run again meanwhile (one active run at a time). It
 * is skipped instead: returns 1 when it was. */
static int skip_idle_park(struct run *r, struct frame *f, const json_t *step,
                          const char *type, const char *path,
                          struct err *err)
{
    if (f != &r->frames[0] || !f->set ||
        json_array_size(json_object_get(f->set, "ids")) != 0 ||
        !needs_records(f->steps, (size_t)f->i + 1))
        return 0;
    const char *kind = jx_str(f->set, "kind");
    kind = kind ? kind : "contact";
    char why[200];
    snprintf(why, sizeof why,
             "%s: no %ss in scope (the search before this step found "
             "none), and every step after it works on %ss",
             strcmp(type, "wait") ? "Not asking for approval" : "Not waiting",
             kind, kind);
    json_t *warnings = json_pack("[s]", why);
    json_t *output = json_object();
    int rc = record_step(r, path, type, json_object_get(step, "params"),
                         "skipped", r->now, output, NULL, warnings, err);
    if (!rc) {
        f->i++;
        keep_output(r, path,
                    json_pack("{s:O, s:s}", "output", output, "status",
                              "skipped"));
    }
    json_decref(warnings);
    json_decref(output);
    return rc ? rc : 1;
}

static int run_step(struct run *r, struct frame *f, json_t *step,
                    struct err *err)
{
    const char *type = jx_str(step, "type");
    json_t *params = json_object_get(step, "params");
    char path[PATH_LEN];
    step_path(f, path, sizeof path);
    if (!type)
        type = "?";
    if (!strcmp(type, "wait") || !strcmp(type, "request_approval")) {
        int skipped = skip_idle_park(r, f, step, type, path, err);
        if (skipped)
            return skipped < 0 ? skipped : 0;
    }
    struct act_env env = {
        .crm = &r->crm,
        .ctx = r->ctx,
        .agent = r->agent,
        .now = r->now,
        .kind = f->set ? jx_str(f->set, "kind") : NULL,
        .ids = f->set ? json_object_get(f->set, "ids") : NULL,
        .spawn = spawn_child,
        .spawn_arg = r,
    };
    const struct action *act = action_find(type);
    struct rows_need named = {0, 0, 0};
    need_scan(params, false, 0, &named);
    env.names_record = named.contact || named.deal || named.company;
    env.need = step_need(act,
                         !strcmp(type, "if") ||
                             (act && (act->flags & ACT_LEAN_ROWS)),
                         named);
    int rc;
    if (strcmp(type, "if") == 0) {
        rc = run_if(r, f, params, path, &env, err);
        json_decref(env.items);
        return rc;
    }
    struct act_out out = {.warnings = json_array(), .counts = json_object()};
    struct err why = ERR_INIT;
    int64_t started = r->now;
    json_t *none = params ? NULL : json_object();
    if (!act) {
        err_set(&why, E_VALIDATION,
                "the step type '%s' is not available in this version of "
                "agentd",
                type);
        rc = -E_VALIDATION;
    } else if (act->flags & ACT_EXTERNAL) {
        bool io = false;
        rc = run_external(r, act, &env, params ? params : none, path, type,
                          &out, &started, &io, &why, err);
        if (rc == 0 && io) {
            /* The worker performs the effects; the step goes on after. */
            r->io = true;
            r->new_status = EX_RUNNING;
            r->resume_at = r->now;
            snprintf(r->message, sizeof r->message, "Step %s (%s): in progress",
                     path, type);
            goto out;
        }
        if (rc && err->code != E_OK)
            goto out; /* the store failed */
    } else {
        rc = db_tx_begin(r->db, err);
        if (rc)
            goto out;
        rc = act->run(&env, params ? params : none, &out, &why);
        if (rc)
            db_tx_rollback(r->db);
        else
            rc = db_tx_commit(r->db, &why);
    }
    if (rc) {
        if (why.code == E_OK)
            err_set(&why, E_INTERNAL, "the step failed");
        if (why.code == E_INTERNAL || why.code == E_UNAVAILABLE) {
            /* The store failed, not the step: let the job be retried. */
            err_move(err, &why);
            goto out;
        }
        rc = record_step(r, path, type, out.params ? out.params : params,
                         "failed", started, out.output, why.msg, out.warnings,
                         err);
        if (!rc)
            fail_run(r, path, type, &why);
        goto out;
    }
    /* The step is done: its record, its effects on the run. */
    const char *status = out.status ? out.status
                         : json_array_size(out.warnings) ? "warning"
                                                          : "success";
    if (!out.repeat)
        f->i++;
    if (out.set) {
        note_set(r, f->set, out.set);
        json_decref(f->set);
        f->set = json_incref(out.set);
    }
    json_t *counts = ctx_obj(r->ctx, "counts");
    const char *k;
    json_t *v;
    json_object_foreach(out.counts, k, v)
    {
        json_t *old = json_object_get(counts, k);
        json_object_set_new(counts, k,
                            json_integer(json_integer_value(old) +
                                         json_integer_value(v)));
    }
    if (!out.output)
        out.output = json_object();
    if (out.record_on_resume) {
        json_object_set_new(
            r->ctx, "pending",
            json_pack("{s:s, s:s, s:O, s:I, s:I}", "path", path, "type", type,
                      "params", out.params ? out.params : params, "startedAt",
                      (json_int_t)started, "child",
                      (json_int_t)json_integer_value(
                          json_object_get(out.output, "executionId"))));
    } else {
        rc = record_step(r, path, type, out.params ? out.params : params,
                         status, started, out.output, NULL, out.warnings, err);
        if (rc)
            goto out;
        if (f == &r->frames[0]) {
            json_t *kept = json_object();
            json_object_set_nocheck(kept, "output", out.output);
            json_object_set_new_nocheck(kept, "status", json_string(status));
            keep_output(r, path, kept);
        }
    }
    if (out.stop) {
        const char *reason = jx_str(out.output, "reason");
        r->new_status = EX_COMPLETED;
        r->drop_job = true;
        snprintf(r->message, sizeof r->message, "Agent stopped: %s",
                 reason ? reason : "stopped");
    } else if (out.park_until > 0) {
        r->new_status = EX_WAITING;
        r->wait = out.park_kind ? out.park_kind : "wait";
        json_object_set_new(r->ctx, "parked",
                            json_pack("{s:I, s:s}", "seq",
                                      (json_int_t)r->seq, "kind", r->wait));
        if (out.park_until == PARK_NO_TIMEOUT) {
            r->drop_job = true;
            r->resume_at = 0;
        } else {
            r->resume_at = out.park_until;
        }
        const char *m = jx_str(out.output, "message");
        if (strcmp(r->wait, "wait") == 0 && m)
            snprintf(r->message, sizeof r->message, "%s", m);
        else if (strcmp(r->wait, "approval") == 0)
            snprintf(r->message, sizeof r->message,
                     "Waiting for approval by an owner or admin");
        else if (strcmp(r->wait, "handoff") == 0)
            snprintf(r->message, sizeof r->message,
                     "Handed off: waiting for a person to take over (or "
                     "the timeout)");
        else if (strcmp(r->wait, "agent") == 0)
            snprintf(r->message, sizeof r->message,
                     "Waiting for sub-agent '%s' to finish",
                     act_param(params, "agent") ? act_param(params, "agent")
                                                : "");
        else if (m)
            snprintf(r->message, sizeof r->message, "%s", m);
    }
out:
    json_decref(none);
    err_clear(&why);
    json_decref(env.items);
    json_decref(out.params);
    json_decref(out.output);
    json_decref(out.warnings);
    json_decref(out.counts);
    json_decref(out.set);
    return rc;
}

/* ---- the execution's summary ------------------------------------------- */

/* What a run's counts say, in order: the first two are what it worked
 * on, the others what it did. */
static const struct {
    const char *key, *one, *many;
} phrases[] = {
    {"contactsProcessed", "processed %lld contact", "processed %lld contacts"},
    {"dealsProcessed", "processed %lld deal", "processed %lld deals"},
    {"emailsSent", "sent %lld email", "sent %lld emails"},
    {"invitesSent", "sent %lld LinkedIn invitation",
     "sent %lld LinkedIn invitations"},
    {"contactsEnriched", "enriched %lld contact", "enriched %lld contacts"},
    {"tasksCreated", "created %lld task", "created %lld tasks"},
    {"tagsAdded", "added %lld tag", "added %lld tags"},
    {"tagsRemoved", "removed %lld tag", "removed %lld tags"},
    {"fieldsUpdated", "updated %lld field", "updated %lld fields"},
    {"notifications", "sent %lld notification",
     "sent %lld notifications"},
    {"handoffs", "handed off %lld time", "handed off %lld times"},
    {"searches", "ran %lld web search", "ran %lld web searches"},
    {"requests", "made %lld HTTP request", "made %lld HTTP requests"},
    {"slackMessages", "posted %lld Slack message",
     "posted %lld Slack messages"},
};
enum { NPHRASES = sizeof phrases / sizeof *phrases };

bool exec_count_is_action(const char *key)
{
    for (size_t i = 2; i < NPHRASES; i++)
        if (strcmp(key, phrases[i].key) == 0)
            return true;
    return false;
}

void exec_summary_text(const json_t *counts, struct buf *out)
{
    /* The counts hold a few keys: one pass over them, rather than a
     * lookup for every phrase (this runs at the end of every run). */
    int64_t num[NPHRASES] = {0};
    bool deals = false;
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)counts, k, v)
    {
        deals = deals || strcmp(k, "dealsProcessed") == 0;
        for (size_t i = 0; i < NPHRASES; i++)
            if (strcmp(k, phrases[i].key) == 0) {
                num[i] = json_integer_value(v);
                break;
            }
    }
    size_t start = out->len;
    for (size_t i = 0; i < NPHRASES; i++) {
        int64_t n = num[i];
        if (n <= 0 && strcmp(phrases[i].key, "contactsProcessed") != 0)
            continue;
        if (n <= 0 && deals)
            continue;
        if (out->len > start)
            buf_puts(out, ", ");
        buf_printf(out, n == 1 ? phrases[i].one : phrases[i].many,
                   (long long)n);
    }
    if (out->len > start && out->data[start] >= 'a' && out->data[start] <= 'z')
        out->data[start] = (char)(out->data[start] - 'a' + 'A');
}

static void complete_run(struct run *r)
{
    r->new_status = EX_COMPLETED;
    r->drop_job = true;
    json_t *counts = ctx_obj(r->ctx, "counts");
    int64_t n = json_integer_value(json_object_get(counts, "contactsProcessed"));
    int64_t d = json_integer_value(json_object_get(counts, "dealsProcessed"));
    if (d > 0 && n == 0)
        snprintf(r->message, sizeof r->message,
                 "Agent completed successfully. Processed %lld deal%s.",
                 (long long)d, d == 1 ? "" : "s");
    else
        snprintf(r->message, sizeof r->message,
                 "Agent completed successfully. Processed %lld contact%s.",
                 (long long)n, n == 1 ? "" : "s");
}

/* What a parent run sees of this one (run_agent's output). */
static json_t *run_output(struct run *r)
{
    /* The result: the output of the last top-level step that has one. */
    json_t *last = NULL;
    long last_k = 0;
    const char *key;
    json_t *kept;
    json_object_foreach(json_object_get(r->ctx, "steps"), key, kept)
    {
        long k = strtol(key, NULL, 10);
        json_t *out = json_object_get(kept, "output");
        if (out && k > last_k) {
            last_k = k;
            last = out;
        }
    }
    json_t *mem = json_object_get(r->ctx, "memory");
    struct buf b;
    buf_init(&b, 4096);
    exec_summary_text(json_object_get(r->ctx, "counts"), &b);
    json_t *o = json_object();
    json_object_set_nocheck(o, "result", last ? last : json_null());
    json_object_set_new_nocheck(o, "memory",
                                mem ? json_incref(mem) : json_object());
    json_object_set_new_nocheck(o, "summary", jx_string(buf_cstr(&b)));
    buf_fini(&b);
    return o;
}

/* ---- load, loop, save --------------------------------------------------- */

static int load_memory(struct run *r, struct err *err)
{
    if (!jx_bool(json_object_get(r->agent, "memory"), "enabled", false))
        return 0;
    struct db_stmt *st = db_prepare(
        r->db,
        "SELECT key, value FROM agent_memory WHERE agent_id = ?1 AND "
        "workspace_id = ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, r->agent_id);
    db_bind_int(st, 2, r->ws);
    json_t *mem = ctx_obj(r->ctx, "memory");
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW) {
        json_t *v = jx_load(db_col_text(st, 1));
        if (v && !json_object_get(mem, db_col_text(st, 0)))
            json_object_set_new(mem, db_col_text(st, 0), v);
        else
            json_decref(v);
    }
    db_reset(st);
    return rc < 0 ? rc : 0;
}

/* The target filter of the trigger picks the contacts the run starts
 * with; it is on record as the first entry of the log. */
static int apply_filter(struct run *r, struct err *err)
{
    json_t *filter = json_object_get(r->ctx, "filter");
    if (!json_is_object(filter) || r->frames[0].set)
        return 0;
    const struct action *search = action_find("search_contacts");
    /* The filter itself is applied by every search of the run; this
     * search has no condition of its own. */
    json_t *params = json_object();
    struct act_env env = {.crm = &r->crm, .ctx = r->ctx, .agent = r->agent,
                          .now = r->now};
    struct act_out out = {.warnings = json_array(), .counts = json_object()};
    struct err why = ERR_INIT;
    int rc = search->run(&env, params, &out, &why);
    if (rc) {
        rc = record_step(r, "trigger", "search_contacts",
                         json_object_get(r->ctx, "filter"), "failed", r->now,
                         NULL, why.msg, NULL, err);
        if (!rc)
            fail_run(r, "trigger", "search_contacts", &why);
    } else {
        r->frames[0].set = json_incref(out.set);
        note_set(r, NULL, out.set);
        json_t *p = json_pack("{s:O}", "where", filter);
        rc = record_step(r, "trigger", "search_contacts", p,
                         json_array_size(out.warnings) ? "warning" : "success",
                         r->now, out.output, NULL, out.warnings, err);
        json_decref(p);
    }
    err_clear(&why);
    json_decref(params);
    json_decref(out.output);
    json_decref(out.set);
    json_decref(out.warnings);
    json_decref(out.counts);
    json_decref(env.items);
    return rc;
}

/* Someone acted on a parked run (approve, take over) or its time came. */
static int on_resume(struct run *r, struct err *err)
{
    json_t *parked = json_object_get(r->ctx, "parked");
    if (!json_is_object(parked))
        return 0;
    int64_t seq = 0;
    jx_int(parked, "seq", &seq);
    const char *kind = jx_str(parked, "kind");
    json_t *how = json_object_get(r->ctx, "resume");
    json_t *extra;
    char at[40];
    clock_format_iso(r->now, at, sizeof at);
    if (json_is_object(how)) {
        extra = json_pack("{s:O, s:O, s:s}", "resolution",
                          json_object_get(how, "action"), "by",
                          json_object_get(how, "by") ? json_object_get(how, "by")
                                                     : json_null(),
                          "resumedAt", at);
    } else if (kind && strcmp(kind, "handoff") == 0) {
        extra = json_pack("{s:s, s:s}", "resolution", "timed out",
                          "resumedAt", at);
    } else {
        /* A wait that ran out: its record already says when it resumes;
         * one write less on the path of every resume. */
        json_object_del(r->ctx, "parked");
        return 0;
    }
    int rc = exec_annotate_step(r->db, r->id, seq, extra, r->now, err);
    json_decref(extra);
    json_object_del(r->ctx, "parked");
    json_object_del(r->ctx, "resume");
    return rc;
}

/* No step starts once the run has worked for longer than its limit. A
 * step in the middle of its calls (ctx.io) is let finish: what went out is
 * recorded whatever the time. */
static bool timed_out(struct run *r, struct frame *f, json_t *step,
                      int64_t mono_ns)
{
    if (!r->limit_us || json_object_get(r->ctx, "io"))
        return false;
    if (worked_us(r, mono_ns) <= r->limit_us)
        return false;
    char path[PATH_LEN];
    step_path(f, path, sizeof path);
    const char *type = jx_str(step, "type");
    struct err why = ERR_INIT;
    timeout_error(r, "so this step did not start", &why);
    fail_run(r, path, type ? type : "?", &why);
    err_clear(&why);
    return true;
}

static int steps_loop(struct run *r, struct err *err)
{
    int64_t t0 = clock_mono_ns();
    for (int n = 0;; n++) {
        if (r->new_status)
            return 0;
        if (r->nframes == 0) {
            complete_run(r);
            return 0;
        }
        int64_t ns = clock_mono_ns();
        if (n >= SLICE_STEPS || ns - t0 > SLICE_NS) {
            /* Yield: the job comes back at once, after others had a turn. */
            r->new_status = EX_RUNNING;
            r->resume_at = r->now;
            return 0;
        }
        struct frame *f = &r->frames[r->nframes - 1];
        if (f->i >= (int64_t)json_array_size(f->steps)) {
            json_decref(f->set);
            r->nframes--;
            continue;
        }
        json_t *step = json_array_get(f->steps, (size_t)f->i);
        if (timed_out(r, f, step, ns))
            return 0;
        r->now = clock_now_ms();
        int rc = run_step(r, f, step, err);
        if (rc)
            return rc;
    }
}

static int save_run(struct run *r, struct err *err)
{
    struct db_stmt *st = db_prepare(
        r->db,
        "UPDATE executions SET status = ?2, wait_kind = ?3, cursor = ?4, "
        "context = ?5, steps_done = ?6, steps_total = ?7, summary = ?8, "
        "output = ?9, message = ?10, error = ?11, resume_at = ?12, "
        "started_at = COALESCE(started_at, ?13), completed_at = ?14, "
        "duration_ms = ?15, active_us = ?16, blocked = 0 WHERE id = ?1",
        err);
    if (!st)
        return -E_INTERNAL;
    bool terminal = strcmp(r->new_status, EX_COMPLETED) == 0 ||
                    strcmp(r->new_status, EX_FAILED) == 0;
    char *cursor = cursor_dump(r);
    char *context = jx_dump(r->ctx);
    char *summary = jx_dump(ctx_obj(r->ctx, "counts"));
    char *output = r->output ? jx_dump(r->output) : NULL;
    char *error = r->error ? jx_dump(r->error) : NULL;
    if (!r->message[0])
        snprintf(r->message, sizeof r->message,
                 "Step %lld of %d completed",
                 (long long)(r->nframes ? r->frames[0].i : r->steps_total),
                 r->steps_total);
    db_bind_int(st, 1, r->id);
    db_bind_text(st, 2, r->new_status);
    db_bind_text(st, 3, strcmp(r->new_status, EX_WAITING) == 0 ? r->wait
                                                                 : NULL);
    db_bind_text(st, 4, cursor);
    db_bind_text(st, 5, context);
    db_bind_int(st, 6, r->seq);
    db_bind_int(st, 7, r->steps_total);
    db_bind_text(st, 8, summary);
    db_bind_text(st, 9, output);
    db_bind_text(st, 10, r->message);
    db_bind_text(st, 11, error);
    db_bind_opt_int(st, 12,
                    strcmp(r->new_status, EX_WAITING) == 0 && r->resume_at,
                    r->resume_at);
    db_bind_int(st, 13, r->now);
    db_bind_opt_int(st, 14, terminal, r->now);
    db_bind_opt_int(st, 15, terminal,
                    r->now - (r->started_at ? r->started_at : r->now));
    db_bind_int(st, 16, worked_us(r, clock_mono_ns()));
    int rc = db_step(st, err);
    db_reset(st);
    free(cursor);
    free(context);
    free(summary);
    free(output);
    free(error);
    return rc < 0 ? rc : 0;
}

/* Three scheduled failures in a row make an alert; a success resets. */
static int failure_streak(struct run *r, bool failed, struct err *err)
{
    if (strcmp(r->trigger_type, "scheduled") != 0)
        return 0;
    struct db_stmt *st = db_prepare(
        r->db,
        "UPDATE agents SET failure_streak = CASE WHEN ?3 THEN "
        "failure_streak + 1 ELSE 0 END WHERE id = ?1 AND workspace_id = ?2 "
        "RETURNING failure_streak",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, r->agent_id);
    db_bind_int(st, 2, r->ws);
    db_bind_int(st, 3, failed);
    int rc = db_step(st, err);
    int64_t streak = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (rc < 0 || !failed || streak != 3)
        return rc < 0 ? rc : 0;
    char msg[400];
    snprintf(msg, sizeof msg,
             "Agent %s failed 3 scheduled runs in a row. The schedule stays "
             "on; check the execution log.",
             jx_str(r->agent, "name"));
    json_t *data = json_pack("{s:I, s:I, s:I}", "agentId",
                             (json_int_t)r->agent_id, "executionId",
                             (json_int_t)r->id, "failures", (json_int_t)3);
    rc = notify_owners(&r->crm, true, "agent_alert", msg, data, err);
    json_decref(data);
    return rc;
}

/* ---- entry points ------------------------------------------------------- */

struct exec_row {
    int64_t ws, agent_id, parent_id, started_at, created_at, steps_done;
    int64_t active_us;
    int depth;
    bool blocked;
    char status[12], wait_kind[12], trigger_type[64];
    int64_t plan_id;
    char *cursor, *context;
};

static int row_load(struct db *db, int64_t id, struct exec_row *x,
                    struct err *err)
{
    memset(x, 0, sizeof *x);
    struct db_stmt *st = db_prepare(
        db,
        "SELECT workspace_id, agent_id, parent_id, started_at, created_at, "
        "steps_done, depth, blocked, status, wait_kind, trigger_type, plan_id, "
        "cursor, context, active_us FROM executions WHERE id = ?1",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, id);
    int rc = db_step(st, err);
    if (rc == DB_ROW) {
        x->ws = db_col_int(st, 0);
        x->agent_id = db_col_int(st, 1);
        x->parent_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
        x->started_at = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
        x->created_at = db_col_int(st, 4);
        x->steps_done = db_col_int(st, 5);
        x->depth = (int)db_col_int(st, 6);
        x->blocked = db_col_int(st, 7) != 0;
        str_copy(x->status, sizeof x->status, db_col_text(st, 8));
        str_copy(x->wait_kind, sizeof x->wait_kind, db_col_text(st, 9));
        str_copy(x->trigger_type, sizeof x->trigger_type,
                 db_col_text(st, 10));
        x->plan_id = db_col_int(st, 11);
        x->cursor = strdup(db_col_text(st, 12));
        x->context = strdup(db_col_text(st, 13));
        x->active_us = db_col_int(st, 14);
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    return rc == DB_ROW ? 1 : 0;
}

static void row_free(struct exec_row *x)
{
    free(x->cursor);
    free(x->context);
}

/* Whether the workspace has a free slot for one more running run. The
 * count is read once per batch and kept up to date by the batch itself
 * (save_run), so a batch of many runs does not count again for each. */
static int ws_slot(struct db *db, struct wcache *wc, int64_t ws,
                   struct wcache_slots **slot, struct err *err)
{
    for (int i = 0; i < wc->nslots; i++)
        if (wc->slots[i].ws == ws) {
            *slot = &wc->slots[i];
            return 0;
        }
    struct db_stmt *st = db_prepare(
        db,
        "SELECT max_concurrent_runs, (SELECT COUNT(*) FROM executions WHERE "
        "workspace_id = ?1 AND status = 'running') FROM workspaces WHERE id "
        "= ?1",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ws);
    int rc = db_step(st, err);
    struct wcache_slots s = {ws, rc == DB_ROW ? db_col_int(st, 1) : 0,
                             rc == DB_ROW ? db_col_int(st, 0) : 0};
    db_reset(st);
    if (rc < 0)
        return rc;
    if (wc->nslots == WCACHE_AGENTS)
        wc->nslots = 0;
    wc->slots[wc->nslots] = s;
    *slot = &wc->slots[wc->nslots++];
    return 0;
}

int exec_job(struct engine *e, struct db *db, struct wcache *wc,
             const struct job *job, int64_t now, int64_t *kick, bool *io,
             struct err *err)
{
    int64_t t0 = clock_mono_ns();
    *io = false;
    struct exec_row x;
    int rc = row_load(db, job->execution_id, &x, err);
    if (rc <= 0) {
        row_free(&x);
        return rc < 0 ? rc : queue_done(db, job->id, err);
    }
    bool active = !strcmp(x.status, EX_QUEUED) ||
                  !strcmp(x.status, EX_RUNNING) ||
                  !strcmp(x.status, EX_WAITING);
    if (!active || x.ws != job->ws || (x.blocked && !strcmp(x.status,
                                                              EX_QUEUED))) {
        row_free(&x);
        return queue_done(db, job->id, err);
    }
    struct wcache_slots *slot = NULL;
    if (!strcmp(x.status, EX_QUEUED)) {
        rc = ws_slot(db, wc, x.ws, &slot, err);
        if (rc || (slot->cap > 0 && slot->running >= slot->cap)) {
            row_free(&x);
            return rc ? rc
                      : queue_reschedule(db, job->id,
                                         now + clock_from_real_ms(200), NULL,
                                         err);
        }
    }
    const struct agent_row *a;
    const json_t *agent;
    rc = wcache_agent(wc, db, x.ws, x.agent_id, &a, &agent, err);
    if (rc) {
        row_free(&x);
        return rc;
    }
    struct run r = {
        .e = e,
        .db = db,
        .wc = wc,
        .id = job->execution_id,
        .ws = x.ws,
        .agent_id = x.agent_id,
        .parent_id = x.parent_id,
        .now = now,
        .started_at = x.started_at ? x.started_at : now,
        .created_at = x.created_at,
        .depth = x.depth,
        .seq = x.steps_done,
        .kick = kick,
        .active_us = x.active_us,
        .t0_ns = t0,
        .limit_us = agent_limit(a, "maxRunSeconds", e->cfg.run_timeout_s) *
                    1000000,
    };
    if (!wc->frames)
        wc->frames = xmalloc(MAX_FRAMES * sizeof *r.frames);
    r.frames = wc->frames;
    str_copy(r.trigger_type, sizeof r.trigger_type, x.trigger_type);
    str_copy(r.status, sizeof r.status, x.status);
    str_copy(r.wait_kind, sizeof r.wait_kind, x.wait_kind);
    engine_ctx(e, db, x.ws, &r.crm);
    r.crm.agent_id = x.agent_id;
    r.crm.execution_id = r.id;
    r.agent = (json_t *)agent;
    const json_t *plan = NULL;
    rc = wcache_plan(wc, db, x.plan_id, &plan, &r.reads_steps, err);
    if (rc) {
        json_decref(r.ctx);
        row_free(&x);
        return rc;
    }
    r.plan = (json_t *)plan;
    r.ctx = jx_load(x.context);
    if (!json_is_object(r.ctx)) {
        json_decref(r.ctx);
        r.ctx = json_object();
    }
    r.steps_total = (int)json_array_size(json_object_get(r.plan, "steps"));
    bool first = !strcmp(x.status, EX_QUEUED) && x.started_at == 0;
    if (e->trace)
        e->trace(e->trace_arg, r.id, job->due_at, first);
    rc = json_is_object(r.plan) ? cursor_load(&r, x.cursor, err)
                                : err_set(err, E_INTERNAL, "bad plan");
    if (!rc && first) {
        rc = load_memory(&r, err);
        if (!rc && r.frames[0].set)
            note_set(&r, NULL, r.frames[0].set);
        if (!rc)
            rc = apply_filter(&r, err);
    }
    if (!rc && !strcmp(x.status, EX_WAITING)) {
        if (!strcmp(x.wait_kind, "agent")) {
            rc = finish_pending(&r, err);
            if (rc == 1) {
                /* The sub-agent is still going: stay parked. */
                r.new_status = EX_WAITING;
                r.wait = "agent";
                r.drop_job = true;
                snprintf(r.message, sizeof r.message,
                         "Waiting for a sub-agent to finish");
                rc = 0;
            }
        } else {
            rc = on_resume(&r, err);
        }
    }
    if (!rc)
        rc = steps_loop(&r, err);
    if (!rc && !strcmp(r.new_status, EX_WAITING) && !r.drop_job &&
        strcmp(r.wait, "quota") != 0 && !strcmp(a->status, "paused")) {
        /* Its agent was paused: the run stays waiting until a person
         * resumes it. */
        r.drop_job = true;
        size_t len = strlen(r.message);
        snprintf(r.message + len, sizeof r.message - len,
                 " Resume canceled: agent paused; resume the run by hand.");
    }
    if (!rc && strcmp(r.new_status, EX_COMPLETED) == 0)
        r.output = run_output(&r);
    if (!rc)
        rc = save_run(&r, err);
    if (!rc && slot && !strcmp(r.new_status, EX_RUNNING))
        slot->running++; /* it stays running past this job */
    if (!rc) {
        if (r.drop_job) {
            rc = queue_done(db, job->id, err);
        } else if (r.io) {
            /* Held by this worker while it performs the effects (the
             * engine's lease keeper extends it for as long as they take). */
            rc = queue_hold(db, job->id, NULL,
                            now + clock_from_real_ms(e->cfg.lease_ms), err);
            rc = rc < 0 ? rc : 0;
            *io = true;
        } else {
            rc = queue_reschedule(db, job->id, r.resume_at, NULL, err);
            kick_note(kick, r.resume_at);
        }
    }
    bool terminal = r.new_status && (!strcmp(r.new_status, EX_COMPLETED) ||
                                     !strcmp(r.new_status, EX_FAILED));
    if (!rc && terminal)
        rc = failure_streak(&r, !strcmp(r.new_status, EX_FAILED), err);
    if (!rc && terminal)
        rc = exec_released(e, db, r.ws, r.agent_id, r.parent_id, now, kick,
                           err);
    if (!rc) {
        if (terminal)
            wc->ended++;
        struct log_line l;
        if (terminal && log_begin(&l, LOG_DEBUG, "execution.finished")) {
            log_int(&l, "execution", r.id);
            log_str(&l, "status", r.new_status);
            log_int(&l, "steps", r.seq);
            log_end(&l);
        }
    }
    frames_free(&r);
    json_decref(r.ctx);
    json_decref(r.error);
    json_decref(r.output);
    row_free(&x);
    return rc;
}

int exec_released(struct engine *e, struct db *db, int64_t ws,
                  int64_t agent_id, int64_t parent_id, int64_t now,
                  int64_t *kick, struct err *err)
{
    (void)e;
    /* The next run queued behind this one, unless another is active. */
    int64_t next, busy = 0;
    int rc = db_query_int(
        db,
        /* Only queued runs are ever blocked (every change of status
         * clears the flag), so the partial index on blocked answers. */
        "SELECT MIN(id) FROM executions WHERE agent_id = ?1 AND blocked = 1",
        agent_id, &next, err);
    if (rc < 0)
        return rc;
    if (next)
        rc = db_query_int(db,
                          "SELECT 1 FROM executions WHERE agent_id = ?1 AND "
                          SQL_OPEN " AND blocked = 0 LIMIT 1",
                          agent_id, &busy, err);
    if (rc < 0)
        return rc;
    if (next && !busy) {
        struct db_stmt *st =
            db_prepare(db,
                       "UPDATE executions SET blocked = 0, message = "
                       "'Agent is running...' WHERE id = ?1",
                       err);
        if (!st)
            return -E_INTERNAL;
        db_bind_int(st, 1, next);
        rc = db_step(st, err);
        db_reset(st);
        if (rc < 0)
            return rc;
        rc = queue_push(db, ws, JOB_RUN, next, 0, now, NULL, NULL, err);
        if (rc)
            return rc;
        kick_note(kick, now);
    }
    if (!parent_id)
        return 0;
    /* A parent waiting for this sub-agent continues. */
    int64_t pws;
    rc = db_query_int(db,
                      "SELECT workspace_id FROM executions WHERE id = ?1 AND "
                      "status = 'waiting' AND wait_kind = 'agent'",
                      parent_id, &pws, err);
    if (rc < 0 || !pws)
        return rc;
    rc = queue_push(db, pws, JOB_RUN, parent_id, 0, now, NULL, NULL, err);
    if (!rc)
        kick_note(kick, now);
    return rc;
}

int exec_finish(struct engine *e, struct db *db, int64_t id,
                const char *status, const char *message, json_t *error,
                int64_t by_user, int64_t now, int64_t *kick, struct err *err)
{
    struct db_stmt *st = db_prepare(
        db,
        "UPDATE executions SET status = ?2, message = ?3, error = "
        "COALESCE(?4, error), canceled_at = CASE WHEN ?2 = 'canceled' THEN "
        "?6 END, canceled_by = ?5, completed_at = ?6, duration_ms = ?6 - "
        "COALESCE(started_at, created_at), resume_at = NULL, blocked = 0 "
        "WHERE id = ?1 AND " SQL_OPEN " "
        "RETURNING workspace_id, agent_id, parent_id",
        err);
    if (!st)
        return -E_INTERNAL;
    char *etext = error ? jx_dump(error) : NULL;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, status);
    db_bind_text(st, 3, message);
    db_bind_text(st, 4, etext);
    db_bind_opt_int(st, 5, by_user > 0, by_user);
    db_bind_int(st, 6, now);
    int rc = db_step(st, err);
    int64_t ws = 0, agent = 0, parent = 0;
    if (rc == DB_ROW) {
        ws = db_col_int(st, 0);
        agent = db_col_int(st, 1);
        parent = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
    }
    db_reset(st);
    free(etext);
    if (rc < 0)
        return rc;
    if (rc == DB_DONE)
        return err_set(err, E_CONFLICT,
                       "Execution %lld has already ended", (long long)id);
    rc = queue_cancel_execution(db, id, err);
    if (rc < 0)
        return rc;
    /* Sub-agents of a run that ends end with it. */
    int64_t children[64];
    int n = 0;
    st = db_prepare(db,
                    "SELECT id FROM executions WHERE parent_id = ?1 AND "
                    SQL_OPEN,
                    err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, id);
    while ((rc = db_step(st, err)) == DB_ROW && n < 64)
        children[n++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    for (int i = 0; i < n; i++) {
        rc = exec_finish(e, db, children[i], EX_CANCELED,
                         "Canceled with its parent run", NULL, by_user, now,
                         kick, err);
        if (rc < 0 && err->code != E_CONFLICT)
            return rc;
        err_clear(err);
    }
    return exec_released(e, db, ws, agent, parent, now, kick, err);
}
