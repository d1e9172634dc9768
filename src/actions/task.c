/*
 * task: create_task. One task per contact (or deal) of the set, or one
 * for the run when it has no set (none when a set is there but empty),
 * its title resolved per contact,
 * assigned to the agent's creator or the user named (who must be in the
 * workspace), who is notified; an Activity record per contact.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions/action.h"
#include "actions/steps.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/xalloc.h"
#include "crm/activity.h"

/* Tells the assignee of tasks (ids, taken) that they have them. */
static int task_notify(struct act_env *env, int64_t user, json_t *ids,
                       struct err *err)
{
    char msg[300];
    snprintf(msg, sizeof msg, "New task assigned by agent %s",
             act_agent_name(env));
    json_t *data = act_run_data(env);
    json_object_set_new(data, "taskIds", ids);
    int rc = notify_user(env->crm, user, "task_assigned", msg, data, err);
    json_decref(data);
    return rc;
}

int act_create_task(struct act_env *env, const json_t *params,
                    struct act_out *out, struct err *err)
{
    const char *title = act_param(params, "title");
    const char *assignee = act_param(params, "assignee");
    int64_t due_days = -1;
    jx_int(params, "dueInDays", &due_days);
    int64_t user = 0;
    /* "assign it to the contact's owner": a member per contact */
    bool varies = act_member_varies(assignee);
    int rc = varies ? 0
                    : act_member(env, assignee, "assignee",
                                 "Cannot assign task to user", &user, err);
    if (!rc)
        rc = act_items(env, err);
    if (rc)
        return rc;
    bool deals = env->kind && !strcmp(env->kind, "deal");
    size_t n = env->items ? json_array_size(env->items) : 0;
    /* A set that is there but empty (the search found nobody) gets no
     * task; only a run without a set gets its one task. */
    if (env->ids && n == 0) {
        act_no_contacts(env, out);
        return 0;
    }
    int64_t due_at = due_days >= 0 ? env->now + due_days * MS_PER_DAY : 0;
    json_t *task_ids = json_array();
    json_t *first_title = NULL;
    /* One task per contact (or deal) in scope, or one task when there is
     * none: every title is filled in first, then the tasks are written
     * together. */
    size_t m = n ? n : 1;
    struct act_task *tasks = xcalloc(m, sizeof *tasks);
    json_t *titles = json_array(); /* holds the titles' text */
    for (size_t i = 0; i < m; i++) {
        const json_t *item = n ? json_array_get(env->items, i) : NULL;
        json_t *t = act_text(env, item, title, out);
        if (!json_string_length(t)) {
            json_decref(t);
            rc = err_set(err, E_VALIDATION,
                         "The task title is empty once its variables are "
                         "filled in");
            break;
        }
        json_array_append_new(titles, t);
        json_t *c = item ? json_object_get(item, "contact") : NULL;
        json_t *d = deals && item ? json_object_get(item, "deal") : NULL;
        if (varies) {
            act_member_of(env, item, assignee, &user, out);
            if (!user)
                user = act_creator(env);
        }
        tasks[i] = (struct act_task){
            .title = json_string_value(t),
            .due_at = due_at,
            .user = user,
            .contact = json_integer_value(json_object_get(c, "id")),
            .deal = json_integer_value(json_object_get(d, "id"))};
    }
    if (!rc)
        rc = act_tasks_add(env, tasks, m, err);
    for (size_t i = 0; i < m && !rc; i++) {
        if (varies && tasks[i].user)
            rc = task_notify(env, tasks[i].user,
                             json_pack("[I]", (json_int_t)tasks[i].id), err);
        json_array_append_new(task_ids, json_integer(tasks[i].id));
    }
    if (!rc)
        first_title = json_incref(json_array_get(titles, 0));
    json_decref(titles);
    free(tasks);
    if (!rc && n) {
        char msg[600];
        snprintf(msg, sizeof msg, "Task created by agent %s: %s",
                 act_agent_name(env), title);
        json_t *cids = act_contact_ids(env, err);
        rc = cids ? activity_add_each(env->crm, cids, "task_created", msg,
                                    NULL, err)
                  : -E_INTERNAL;
        json_decref(cids);
    }
    if (!rc && user && !varies)
        rc = task_notify(env, user, json_incref(task_ids), err);
    if (!rc) {
        out->params = json_pack("{s:O}", "title",
                                first_title ? first_title : json_null());
        if (assignee)
            json_object_set_new(out->params, "assignee",
                                json_string(assignee));
        if (due_days >= 0)
            json_object_set_new(out->params, "dueInDays",
                                json_integer(due_days));
        out->output = json_pack("{s:I, s:O}", "created",
                                (json_int_t)json_array_size(task_ids),
                                "taskIds", task_ids);
        act_count(out, "tasksCreated", (int64_t)json_array_size(task_ids));
    }
    json_decref(first_title);
    json_decref(task_ids);
    return rc;
}
