/*
 * handoff: hands the run to a person — a task and a notification with the
 * agent's context for each contact of the set, the same notice by e-mail
 * when the workspace can send one — and parks until they take over or the
 * timeout passes.
 */
#include <stdio.h>
#include <string.h>

#include "actions/action.h"
#include "actions/ext.h"
#include "actions/steps.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "crm/activity.h"

/* An e-mail to the person a run is handed to, through the workspace's
 * e-mail connection; none is no error (the in-app notice is there). Its
 * subject is `warm` (a single warm lead's notice) when set. */
static int handoff_email(struct act_env *env, int64_t user,
                         const json_t *message, size_t contacts,
                         const char *warm, struct act_out *out,
                         struct err *err)
{
    static const char *const types[] = {"smtp", "gmail", "resend", "outbox",
                                        NULL};
    struct act_conn conn;
    int rc = act_find_connection(env, types, &conn, err);
    if (rc || !conn.id) {
        if (!rc)
            act_warn(out, "No e-mail connection: the handoff notice is in "
                          "the app only");
        act_conn_fini(&conn);
        return rc;
    }
    struct db_stmt *st = db_prepare(
        env->crm->db, "SELECT email, name FROM users WHERE id = ?1", err);
    if (!st) {
        act_conn_fini(&conn);
        return -E_INTERNAL;
    }
    db_bind_int(st, 1, user);
    rc = db_step(st, err);
    char email[320] = "", name[200] = "";
    if (rc == DB_ROW) {
        snprintf(email, sizeof email, "%s", db_col_text(st, 0));
        snprintf(name, sizeof name, "%s",
                 db_col_text(st, 1) ? db_col_text(st, 1) : "");
    }
    db_reset(st);
    if (rc < 0) {
        act_conn_fini(&conn);
        return rc;
    }
    const char *from = jx_str(conn.config, "from");
    if (!from)
        from = "agent@outbox.agentd.local";
    const char *agent = jx_str(env->agent, "name");
    char subject[640];
    if (warm)
        snprintf(subject, sizeof subject, "%s", warm);
    else
        snprintf(subject, sizeof subject, "Agent %s needs your attention",
                 agent ? agent : "");
    char body[2400];
    snprintf(body, sizeof body,
             "Agent %s handed %zu contact%s over to you.\n\n%s\n\nA task "
             "is in your task list; take over in agentd to let the agent "
             "continue (execution %lld).",
             agent ? agent : "", contacts ? contacts : 1,
             contacts == 1 ? "" : "s",
             message ? json_string_value(message) : "",
             (long long)env->crm->execution_id);
    act_effect(env, "handoff", 0, conn.id,
               json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s}", "to", email,
                         "toName", name, "from", from, "fromName", agent,
                         "subject", subject, "body", body),
               NULL, !strcmp(conn.type, "resend"));
    act_conn_fini(&conn);
    return 0;
}

/* How many of a contact's latest activities a handoff passes on. */
#define HANDOFF_HISTORY 20

int act_handoff(struct act_env *env, const json_t *params,
                struct act_out *out, struct err *err)
{
    const char *to = act_param(params, "to");
    const char *message = act_param(params, "message");
    int64_t timeout_days = 7;
    jx_int(params, "timeoutDays", &timeout_days);
    int64_t user;
    int rc = act_member(env, to, "to", "Cannot hand off to", &user, err);
    if (!rc && !user)
        rc = err_set(err, E_VALIDATION,
                     "The handoff names nobody to hand off to: set its "
                     "'to' (@user.<key> or an e-mail address)");
    if (!rc)
        rc = act_items(env, err);
    if (rc)
        return rc;
    const char *agent = jx_str(env->agent, "name");
    size_t n = env->items ? json_array_size(env->items) : 0;
    json_t *tasks = json_array();
    json_t *shown = NULL;
    char warm_lead[600] = ""; /* the notice, when one warm lead is handed */
    struct db_stmt *st = db_prepare(
        env->crm->db,
        "INSERT INTO tasks (workspace_id, title, description, status, due_at,"
        " assignee_id, contact_id, deal_id, created_by_agent_id, "
        "execution_id, created_at, updated_at) VALUES (?1, ?2, ?3, 'open', "
        "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        err);
    if (!st) {
        json_decref(tasks);
        return -E_INTERNAL;
    }
    /* A handoff per contact in scope: the person gets a task and a
     * notification with the context the agent has. */
    for (size_t i = 0; i < (n ? n : 1) && !rc; i++) {
        const json_t *item = n ? json_array_get(env->items, i) : NULL;
        char who[200] = "the agent's run";
        if (item)
            act_contact_name(item, who, sizeof who);
        json_t *m = message ? act_text(env, item, message, out) : NULL;
        if (!shown && m)
            shown = json_incref(m);
        json_t *c = item ? json_object_get(item, "contact") : NULL;
        json_t *d = item ? json_object_get(item, "deal") : NULL;
        /* A contact marked interested (a positive reply) is a warm lead:
         * the person is told so first. */
        bool warm = json_is_true(json_object_get(c, "interested"));
        char title[400], note[600];
        snprintf(title, sizeof title, "Personal outreach to %s", who);
        if (warm)
            snprintf(note, sizeof note,
                     "Warm lead from agent %s: %s is interested",
                     agent ? agent : "", who);
        else
            snprintf(note, sizeof note,
                     "Agent %s needs your attention for %s",
                     agent ? agent : "", who);
        db_bind_int(st, 1, env->crm->ws);
        db_bind_text(st, 2, title);
        db_bind_text(st, 3, m ? json_string_value(m) : NULL);
        db_bind_int(st, 4, env->now + timeout_days * MS_PER_DAY);
        db_bind_int(st, 5, user);
        db_bind_opt_int(st, 6, json_is_object(c),
                        json_integer_value(json_object_get(c, "id")));
        db_bind_opt_int(st, 7, json_is_object(d),
                        json_integer_value(json_object_get(d, "id")));
        db_bind_int(st, 8, env->crm->agent_id);
        db_bind_int(st, 9, env->crm->execution_id);
        db_bind_int(st, 10, env->now);
        rc = db_step(st, err);
        db_reset(st);
        int64_t task = rc >= 0 ? db_last_id(env->crm->db) : 0;
        if (rc < 0) {
            json_decref(m);
            break;
        }
        rc = 0;
        json_array_append_new(tasks, json_integer(task));
        /* The context a person needs to take over: who, what was said to
         * them so far, and what the agent found. */
        json_t *history = NULL;
        if (json_is_object(c)) {
            history = activity_recent(
                env->crm, json_integer_value(json_object_get(c, "id")),
                HANDOFF_HISTORY, err);
            if (!history) {
                json_decref(m);
                rc = -E_INTERNAL;
                break;
            }
        }
        json_t *data = json_pack(
            "{s:I, s:I, s:I, s:b, s:o, s:O, s:o, s:O, s:O}", "agentId",
            (json_int_t)env->crm->agent_id, "executionId",
            (json_int_t)env->crm->execution_id, "taskId", (json_int_t)task,
            "warmLead", warm, "message", m ? json_incref(m) : json_null(),
            "contact", c ? c : json_null(), "history",
            history ? history : json_array(), "memory",
            json_object_get(env->ctx, "memory")
                ? json_object_get(env->ctx, "memory")
                : json_null(),
            "search",
            json_object_get(env->ctx, "search")
                ? json_object_get(env->ctx, "search")
                : json_null());
        rc = notify_user(env->crm, user, "handoff", note, data, err);
        if (warm && n == 1)
            snprintf(warm_lead, sizeof warm_lead, "%s", note);
        json_decref(data);
        json_decref(m);
    }
    if (rc) {
        json_decref(tasks);
        json_decref(shown);
        return rc;
    }
    /* The same notice by e-mail, when the workspace can send one. */
    rc = handoff_email(env, user, shown, n, warm_lead[0] ? warm_lead : NULL,
                       out, err);
    if (rc) {
        json_decref(tasks);
        json_decref(shown);
        return rc;
    }
    int64_t until = env->now + timeout_days * MS_PER_DAY;
    char when[40];
    clock_format_iso(until, when, sizeof when);
    out->params = json_pack("{s:s, s:o, s:I}", "to", to, "message",
                            shown ? shown : json_null(), "timeoutDays",
                            (json_int_t)timeout_days);
    out->output = json_pack("{s:I, s:o, s:s, s:I}", "userId",
                            (json_int_t)user, "taskIds", tasks, "timeoutAt",
                            when, "parkUntil", (json_int_t)until);
    act_count(out, "handoffs", (int64_t)(n ? n : 1));
    return 0;
}

/* The handoff's e-mail has gone (or not): the run waits for the person. */
int act_handoff_finish(struct act_env *env, const json_t *params,
                       struct act_out *out, struct err *err)
{
    (void)params;
    (void)err;
    size_t i;
    json_t *e;
    bool mailed = false;
    json_array_foreach(env->done, i, e)
    {
        if (!strcmp(jx_str(e, "status"), "done"))
            mailed = true;
        else
            act_warn(out, "The handoff e-mail was not sent: %s",
                     jx_str(e, "error") ? jx_str(e, "error")
                                        : jx_str(e, "status"));
    }
    out->output = json_deep_copy(env->state);
    int64_t until = 0;
    jx_int(out->output, "parkUntil", &until);
    json_object_del(out->output, "parkUntil");
    json_object_set_new(out->output, "emailed", json_boolean(mailed));
    out->park_until = until > 0 ? until : env->now;
    out->park_kind = "handoff";
    return 0;
}
