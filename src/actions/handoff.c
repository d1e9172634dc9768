/*
 * handoff: hands the run to a person — a task and a notification with the
 * agent's context for each contact of the set, the same notice by e-mail
 * when the workspace can send one — and parks until they take over or the
 * timeout passes. A set that is there but empty skips the step: nobody to
 * hand over, nothing to wait for.
 */
#include <stdio.h>
#include <string.h>

#include "actions/action.h"
#include "actions/ext.h"
#include "actions/steps.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "crm/activity.h"
#include "crm/identity.h"

/* An e-mail to the person a run is handed to, through the workspace's
 * e-mail connection; none is no error (the in-app notice is there). Its
 * subject is `warm` (a single warm lead's notice) when set. */
static int handoff_email(struct act_env *env, int64_t user,
                         const json_t *message, size_t contacts,
                         const char *warm, struct act_out *out,
                         struct err *err)
{
    struct act_conn conn;
    int rc = act_find_connection(env, act_email_types, &conn, err);
    if (rc || !conn.id) {
        if (!rc)
            act_warn(out, "No e-mail connection: the handoff notice is in "
                          "the app only");
        act_conn_fini(&conn);
        return rc;
    }
    json_t *person = NULL;
    rc = identity_user_json(env->crm->db, user, &person, err);
    if (rc) {
        act_conn_fini(&conn);
        return rc;
    }
    const char *from = jx_str(conn.config, "from");
    if (!from)
        from = "agent@outbox.agentd.local";
    const char *agent = act_agent_name(env);
    char subject[640];
    if (warm)
        snprintf(subject, sizeof subject, "%s", warm);
    else
        snprintf(subject, sizeof subject, "Agent %s needs your attention",
                 agent);
    char body[2400];
    snprintf(body, sizeof body,
             "Agent %s handed %zu contact%s over to you.\n\n%s\n\nA task "
             "is in your task list; take over in agentd to let the agent "
             "continue (execution %lld).",
             agent, contacts ? contacts : 1,
             contacts == 1 ? "" : "s",
             message ? json_string_value(message) : "",
             (long long)env->crm->execution_id);
    act_effect(env, "handoff", 0, conn.id,
               json_pack("{s:O, s:s, s:s, s:s, s:s, s:s}", "to",
                         json_object_get(person, "email"), "toName",
                         jx_str(person, "name") ? jx_str(person, "name") : "",
                         "from", from, "fromName", agent, "subject", subject,
                         "body", body),
               NULL, !strcmp(conn.type, "resend"));
    json_decref(person);
    act_conn_fini(&conn);
    return 0;
}

/* How many of a contact's latest activities a handoff passes on. */
#define HANDOFF_HISTORY 20

/* "hand off to the deal owner": `who` (@deal.ownerId, @contact.ownerId) is
 * one member per record, and a handoff parks the whole run for one person,
 * so every record in scope must name the same one — as an event's single
 * contact or deal does. A record that names no member counts as the
 * agent's creator (with the warning act_member_of gives); records with
 * different owners fail the step, which says what to write instead. */
static int owner_of_all(struct act_env *env, const char *who, int64_t *user,
                        struct act_out *out, struct err *err)
{
    *user = 0;
    int rc = act_items(env, err);
    if (rc)
        return rc;
    size_t n = env->items ? json_array_size(env->items) : 0;
    for (size_t i = 0; i < n; i++) {
        int64_t u;
        act_member_of(env, json_array_get(env->items, i), who, &u, out);
        if (!u)
            u = act_creator(env);
        if (*user && u != *user) {
            rc = err_set(err, E_VALIDATION,
                         "Cannot hand off to %s: the %zu records in scope "
                         "have different owners, and a handoff goes to one "
                         "person. Create a task for their owner instead, or "
                         "hand off to @user.<key>",
                         who, n);
            err_detail_str(err, "to", who);
            return rc;
        }
        *user = u;
    }
    if (!*user) {
        *user = act_creator(env);
        act_warn(out, "No records in scope for %s: handed off to the "
                      "agent's creator", who);
    }
    return 0;
}

int act_handoff(struct act_env *env, const json_t *params,
                struct act_out *out, struct err *err)
{
    const char *to = act_param(params, "to");
    const char *message = act_param(params, "message");
    int64_t timeout_days = 7;
    jx_int(params, "timeoutDays", &timeout_days);
    int64_t user = 0;
    int rc = act_items(env, err);
    size_t n = env->items ? json_array_size(env->items) : 0;
    /* A set that is there but empty (the search found nobody): there is
     * no one to hand over and nothing to wait for. A named person is
     * still checked, so a wrong one is found before the day it matters. */
    bool nobody = env->ids && n == 0;
    if (!rc && act_member_varies(to))
        rc = nobody ? 0 : owner_of_all(env, to, &user, out, err);
    else if (!rc)
        rc = act_member(env, to, "to", "Cannot hand off to", &user, err);
    if (!rc && !user && !nobody)
        rc = err_set(err, E_VALIDATION,
                     "The handoff names nobody to hand off to: set its "
                     "'to' (@user.<key> or an e-mail address)");
    if (rc)
        return rc;
    if (nobody) {
        act_no_contacts(env, out);
        return 0;
    }
    const char *agent = act_agent_name(env);
    int64_t until = env->now + timeout_days * MS_PER_DAY;
    json_t *tasks = json_array();
    json_t *shown = NULL;
    char warm_lead[600] = ""; /* the notice, when one warm lead is handed */
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
                     "Warm lead from agent %s: %s is interested", agent, who);
        else
            snprintf(note, sizeof note,
                     "Agent %s needs your attention for %s", agent, who);
        struct act_task t = {
            .title = title,
            .description = m ? json_string_value(m) : NULL,
            .due_at = until,
            .user = user,
            .contact = json_integer_value(json_object_get(c, "id")),
            .deal = json_integer_value(json_object_get(d, "id"))};
        rc = act_tasks_add(env, &t, 1, err);
        int64_t task = t.id;
        if (rc) {
            json_decref(m);
            break;
        }
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
        json_t *data = act_run_data(env);
        json_object_update_new(
            data,
            json_pack("{s:I, s:b, s:o, s:O, s:o, s:O, s:O}", "taskId",
                      (json_int_t)task, "warmLead", warm, "message",
                      m ? json_incref(m) : json_null(), "contact",
                      c ? c : json_null(), "history",
                      history ? history : json_array(), "memory",
                      json_object_get(env->ctx, "memory")
                          ? json_object_get(env->ctx, "memory")
                          : json_null(),
                      "search",
                      json_object_get(env->ctx, "search")
                          ? json_object_get(env->ctx, "search")
                          : json_null()));
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
    char when[40];
    clock_format_iso(until, when, sizeof when);
    out->params = json_pack("{s:s, s:o*, s:I}", "to", to, "message", shown,
                            "timeoutDays", (json_int_t)timeout_days);
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
