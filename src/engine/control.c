/*
 * control: what people do to runs — cancel, retry, approve, reject, take
 * over a handoff, resume a held run.
 *
 * Each is one transaction scoped by the caller's workspace: the state is
 * checked and changed together, so that two people acting at once (an
 * approve racing a cancel) get one success and one clear 409.
 */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "engine/internal.h"

struct state {
    char status[12];
    char wait_kind[12];
    int64_t agent_id;
    bool agent_deleted;
    char agent_name[128];
    int64_t parked_seq;
    char trigger_type[64];
    json_t *trigger; /* owned */
    json_t *input;   /* owned or NULL */
};

static int state_load(struct crm_ctx *ctx, int64_t id, struct state *s,
                      struct err *err)
{
    memset(s, 0, sizeof *s);
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT status, wait_kind, agent_id, json_extract(context, "
        "'$.parked.seq'), trigger_type, trigger_data, json_extract(context, "
        "'$.input'), agent_deleted, agent_name FROM executions WHERE id = "
        "?1 AND workspace_id = ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, ctx->ws);
    int rc = db_step(st, err);
    if (rc == DB_ROW) {
        snprintf(s->status, sizeof s->status, "%s", db_col_text(st, 0));
        snprintf(s->wait_kind, sizeof s->wait_kind, "%s",
                 db_col_text(st, 1) ? db_col_text(st, 1) : "");
        s->agent_id = db_col_int(st, 2);
        s->parked_seq = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
        snprintf(s->trigger_type, sizeof s->trigger_type, "%s",
                 db_col_text(st, 4));
        s->trigger = jx_load(db_col_text(st, 5));
        s->input = jx_load(db_col_text(st, 6));
        s->agent_deleted = db_col_int(st, 7) != 0;
        snprintf(s->agent_name, sizeof s->agent_name, "%s",
                 db_col_text(st, 8) ? db_col_text(st, 8) : "");
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    if (rc == DB_DONE)
        return err_set(err, E_NOT_FOUND, "Execution %lld not found",
                       (long long)id);
    return 0;
}

static void state_free(struct state *s)
{
    json_decref(s->trigger);
    json_decref(s->input);
}

/* What a parked run waits for, in words. */
static const char *wait_words(const char *kind)
{
    static const struct {
        const char *kind, *words;
    } names[] = {
        {"wait", "the end of its wait"},
        {"approval", "approval"},
        {"handoff", "a handoff"},
        {"quota", "tomorrow's quota"},
        {"agent", "a sub-agent"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(names[i].kind, kind))
            return names[i].words;
    return kind;
}

static int not_waiting(int64_t id, const struct state *s, const char *what,
                       struct err *err)
{
    bool parked = !strcmp(s->status, EX_WAITING) && s->wait_kind[0];
    int rc = err_set(err, E_CONFLICT,
                     "Execution %lld is not waiting for %s (it is %s%s)",
                     (long long)id, what,
                     parked ? "waiting for " : s->status,
                     parked ? wait_words(s->wait_kind) : "");
    err_detail_str(err, "status", s->status);
    if (parked)
        err_detail_str(err, "waitKind", s->wait_kind);
    return rc;
}

/* Continues a parked run now, with a note of who did what. */
static int continue_now(struct engine *e, struct crm_ctx *ctx, int64_t id,
                        const char *action, int64_t *kick, struct err *err)
{
    int64_t now = clock_now_ms();
    json_t *note = json_pack("{s:s, s:I}", "action", action, "by",
                             (json_int_t)ctx->user_id);
    char *text = jx_dump(note);
    json_decref(note);
    struct db_stmt *st = db_prepare(
        ctx->db,
        "UPDATE executions SET context = json_set(context, '$.resume', "
        "json(?3)), message = ?4 WHERE id = ?1 AND workspace_id = ?2",
        err);
    if (!st) {
        free(text);
        return -E_INTERNAL;
    }
    char msg[120];
    snprintf(msg, sizeof msg, "Continuing: %s", action);
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, ctx->ws);
    db_bind_text(st, 3, text);
    db_bind_text(st, 4, msg);
    int rc = db_step(st, err);
    db_reset(st);
    free(text);
    if (rc < 0)
        return rc;
    /* One job: a pending resume is replaced by one due now. */
    rc = queue_cancel_execution(ctx->db, id, err);
    if (rc >= 0)
        rc = queue_push(ctx->db, ctx->ws, JOB_RUN, id, 0, now, NULL, NULL,
                        err);
    kick_note(kick, now);
    (void)e;
    return rc < 0 ? rc : 0;
}

typedef int (*control_fn)(struct engine *e, struct crm_ctx *ctx, int64_t id,
                          const struct state *s, const void *arg,
                          int64_t *kick, struct err *err);

/* The frame of every operation: one transaction, then the execution as it
 * now is. */
static int control(struct engine *e, struct crm_ctx *ctx, int64_t id,
                   control_fn fn, const void *arg, const char *event,
                   json_t **out, struct err *err)
{
    *out = NULL;
    int rc = db_tx_begin(ctx->db, err);
    if (rc)
        return rc;
    struct state s;
    int64_t kick = 0;
    rc = state_load(ctx, id, &s, err);
    if (!rc)
        rc = fn(e, ctx, id, &s, arg, &kick, err);
    state_free(&s);
    if (!rc)
        rc = db_tx_commit(ctx->db, err);
    if (rc) {
        db_tx_rollback(ctx->db);
        return rc;
    }
    if (kick)
        engine_kick(e, kick);
    struct log_line l;
    if (log_begin(&l, LOG_INFO, event)) {
        log_int(&l, "workspace", ctx->ws);
        log_int(&l, "execution", id);
        log_int(&l, "user", ctx->user_id);
        log_end(&l);
    }
    /* A retry answers with the new run. */
    int64_t shown = id;
    if (arg && fn != NULL && strcmp(event, "execution.retried") == 0)
        shown = *(const int64_t *)arg;
    return engine_execution_get(ctx, shown, ctx->show_secrets, out, err);
}

static int do_cancel(struct engine *e, struct crm_ctx *ctx, int64_t id,
                     const struct state *s, const void *arg, int64_t *kick,
                     struct err *err)
{
    (void)s;
    (void)arg;
    return exec_finish(e, ctx->db, id, EX_CANCELED, "Execution canceled",
                       NULL, ctx->user_id, clock_now_ms(), kick, err);
}

int engine_cancel(struct engine *e, struct crm_ctx *ctx, int64_t id,
                  json_t **out, struct err *err)
{
    return control(e, ctx, id, do_cancel, NULL, "execution.canceled", out,
                   err);
}

static int do_approve(struct engine *e, struct crm_ctx *ctx, int64_t id,
                      const struct state *s, const void *arg, int64_t *kick,
                      struct err *err)
{
    (void)arg;
    if (strcmp(s->status, EX_WAITING) || strcmp(s->wait_kind, "approval"))
        return not_waiting(id, s, "approval", err);
    return continue_now(e, ctx, id, "approved", kick, err);
}

int engine_approve(struct engine *e, struct crm_ctx *ctx, int64_t id,
                   json_t **out, struct err *err)
{
    return control(e, ctx, id, do_approve, NULL, "execution.approved", out,
                   err);
}

static int do_reject(struct engine *e, struct crm_ctx *ctx, int64_t id,
                     const struct state *s, const void *arg, int64_t *kick,
                     struct err *err)
{
    const char *reason = arg;
    if (strcmp(s->status, EX_WAITING) || strcmp(s->wait_kind, "approval"))
        return not_waiting(id, s, "approval", err);
    json_t *extra = json_pack("{s:s, s:I, s:s?}", "resolution", "rejected",
                              "by", (json_int_t)ctx->user_id, "reason",
                              reason);
    int rc = exec_annotate_step(ctx->db, id, s->parked_seq, extra,
                                clock_now_ms(), err);
    json_decref(extra);
    if (rc)
        return rc;
    char msg[400];
    snprintf(msg, sizeof msg, "Rejected%s%s", reason ? ": " : "",
             reason ? reason : "");
    return exec_finish(e, ctx->db, id, EX_CANCELED, msg, NULL, ctx->user_id,
                       clock_now_ms(), kick, err);
}

int engine_reject(struct engine *e, struct crm_ctx *ctx, int64_t id,
                  const char *reason, json_t **out, struct err *err)
{
    return control(e, ctx, id, do_reject, reason, "execution.rejected", out,
                   err);
}

struct handoff_arg {
    bool is_admin;
};

static int do_handoff(struct engine *e, struct crm_ctx *ctx, int64_t id,
                      const struct state *s, const void *arg, int64_t *kick,
                      struct err *err)
{
    const struct handoff_arg *h = arg;
    if (strcmp(s->status, EX_WAITING) || strcmp(s->wait_kind, "handoff"))
        return not_waiting(id, s, "a handoff", err);
    if (!h->is_admin) {
        /* The person it was handed to, or an admin. */
        struct db_stmt *st = db_prepare(
            ctx->db,
            "SELECT json_extract(output, '$.userId') FROM execution_steps "
            "WHERE id = ?1 * 1048576 + ?2",
            err);
        if (!st)
            return -E_INTERNAL;
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, s->parked_seq);
        int rc = db_step(st, err);
        int64_t target = rc == DB_ROW && !db_col_is_null(st, 0)
                             ? db_col_int(st, 0)
                             : 0;
        db_reset(st);
        if (rc < 0)
            return rc;
        if (target != ctx->user_id)
            return err_set(err, E_FORBIDDEN,
                           "Only the person this run was handed to, or an "
                           "owner or admin, can take it over");
    }
    return continue_now(e, ctx, id, "taken over", kick, err);
}

int engine_handoff_complete(struct engine *e, struct crm_ctx *ctx, int64_t id,
                            bool is_admin, json_t **out, struct err *err)
{
    struct handoff_arg h = {is_admin};
    return control(e, ctx, id, do_handoff, &h, "execution.taken_over", out,
                   err);
}

static int do_resume(struct engine *e, struct crm_ctx *ctx, int64_t id,
                     const struct state *s, const void *arg, int64_t *kick,
                     struct err *err)
{
    (void)arg;
    if (strcmp(s->status, EX_WAITING) != 0)
        return not_waiting(id, s, "a resume", err);
    if (strcmp(s->wait_kind, "approval") == 0)
        return err_set(err, E_CONFLICT,
                       "Execution %lld waits for approval: approve or "
                       "reject it",
                       (long long)id);
    if (strcmp(s->wait_kind, "agent") == 0)
        return err_set(err, E_CONFLICT,
                       "Execution %lld waits for a sub-agent; it continues "
                       "when that run ends",
                       (long long)id);
    return continue_now(e, ctx, id, "resumed", kick, err);
}

int engine_resume(struct engine *e, struct crm_ctx *ctx, int64_t id,
                  json_t **out, struct err *err)
{
    return control(e, ctx, id, do_resume, NULL, "execution.resumed", out,
                   err);
}

struct retry_arg {
    int64_t new_id; /* first: control() reads the new id from here */
};

static int do_retry(struct engine *e, struct crm_ctx *ctx, int64_t id,
                    const struct state *s, const void *arg, int64_t *kick,
                    struct err *err)
{
    struct retry_arg *ra = (struct retry_arg *)arg;
    if (!strcmp(s->status, EX_QUEUED) || !strcmp(s->status, EX_RUNNING) ||
        !strcmp(s->status, EX_WAITING))
        return err_set(err, E_CONFLICT,
                       "Execution %lld has not ended yet (it is %s); cancel "
                       "it first to run it again",
                       (long long)id, s->status);
    if (s->agent_deleted)
        return err_set(err, E_CONFLICT,
                       "Execution %lld cannot run again: its agent '%s' was "
                       "deleted",
                       (long long)id, s->agent_name);
    /* The same trigger context: an event's contact or deal again, or the
     * set a sub-agent was started with. */
    json_t *set = NULL;
    int64_t cid = 0, did = 0;
    const json_t *given = json_object_get(s->trigger, "set");
    if (!strcmp(s->trigger_type, "agent") && json_is_object(given))
        set = json_incref((json_t *)given);
    else if (jx_int(s->trigger, "dealId", &did) == 0 && did > 0 &&
             strstr(s->trigger_type, "deal"))
        set = json_pack("{s:s, s:[I]}", "kind", "deal", "ids",
                        (json_int_t)did);
    else if (strncmp(s->trigger_type, "event:", 6) == 0 &&
             jx_int(s->trigger, "contactId", &cid) == 0 && cid > 0)
        set = json_pack("{s:s, s:[I]}", "kind", "contact", "ids",
                        (json_int_t)cid);
    struct admit_req rq = {
        .agent_id = s->agent_id,
        .trigger_type = s->trigger_type,
        .user_id = ctx->user_id,
        .trigger = s->trigger,
        .set = set,
        .input = s->input,
        .retry_of = id,
        .flags = ADMIT_STRICT | ADMIT_EXCLUSIVE | ADMIT_DRAFT_OK,
    };
    struct admit_out out;
    int rc = admit_run(e, ctx, &rq, &out, err);
    json_decref(set);
    if (rc == ADMIT_REFUSED)
        rc = -err->code;
    if (rc)
        return rc;
    ra->new_id = out.execution_id;
    kick_note(kick, out.run_at);
    return 0;
}

int engine_retry(struct engine *e, struct crm_ctx *ctx, int64_t id,
                 json_t **out, struct err *err)
{
    struct retry_arg ra = {0};
    return control(e, ctx, id, do_retry, &ra, "execution.retried", out, err);
}
