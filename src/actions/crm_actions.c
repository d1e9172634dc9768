/*
 * crm_actions: steps that work on the CRM itself — add_tag, remove_tag,
 * create_task, update_field, notify, remember. They act on the contacts
 * (or deals) of the current set, resolving @variables per contact, and
 * write in as few statements as the set allows ("many contacts updated in
 * one statement").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions/action.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "crm/activity.h"
#include "crm/custom.h"
#include "crm/resources.h"
#include "crm/rows.h"
#include "crm/tags.h"

int act_add_tag(struct act_env *env, const json_t *params,
                struct act_out *out, struct err *err);
int act_remove_tag(struct act_env *env, const json_t *params,
                   struct act_out *out, struct err *err);
int act_create_task(struct act_env *env, const json_t *params,
                    struct act_out *out, struct err *err);
int act_update_field(struct act_env *env, const json_t *params,
                     struct act_out *out, struct err *err);
int act_notify(struct act_env *env, const json_t *params,
               struct act_out *out, struct err *err);
int act_remember(struct act_env *env, const json_t *params,
                 struct act_out *out, struct err *err);

static const char *agent_name(const struct act_env *env)
{
    const char *n = jx_str(env->agent, "name");
    return n ? n : "agent";
}

/* ---- tags ----------------------------------------------------------- */

/* One activity per contact, in one statement. */
static int bulk_activity(struct act_env *env, const json_t *contact_ids,
                         const char *type, const char *message,
                         struct err *err)
{
    struct db_stmt *st = db_prepare(
        env->crm->db,
        "INSERT INTO activities (workspace_id, type, message, contact_id, "
        "agent_id, execution_id, data, created_at) SELECT ?1, ?2, ?3, "
        "value, ?4, ?5, '{}', ?6 FROM json_each(?7)",
        err);
    if (!st)
        return -E_INTERNAL;
    char *ids = jx_dump(contact_ids);
    db_bind_int(st, 1, env->crm->ws);
    db_bind_text(st, 2, type);
    db_bind_text(st, 3, message);
    db_bind_opt_int(st, 4, env->crm->agent_id != 0, env->crm->agent_id);
    db_bind_opt_int(st, 5, env->crm->execution_id != 0,
                    env->crm->execution_id);
    db_bind_int(st, 6, env->now);
    db_bind_text(st, 7, ids);
    int rc = db_step(st, err);
    db_reset(st);
    free(ids);
    return rc < 0 ? rc : 0;
}

static int tag_step(struct act_env *env, const json_t *params,
                    struct act_out *out, bool add, struct err *err)
{
    const json_t *tags = json_object_get(params, "tags");
    json_t *ids = act_contact_ids(env, err);
    if (!ids)
        return -E_INTERNAL;
    int rc = 0;
    if (json_array_size(ids) == 0) {
        out->status = "skipped";
        act_warn(out, "No contacts in scope: add a search step first, or "
                      "trigger the agent on a contact");
        goto out;
    }
    /* Tag names may hold variables; constant names go in one statement
     * per tag for the whole set. */
    json_t *names = json_array();
    bool per_contact = false;
    size_t i;
    json_t *t;
    json_array_foreach(tags, i, t) if (vars_present(json_string_value(t)))
        per_contact = true;
    int64_t changed = 0, n;
    if (!per_contact) {
        json_t *norm = NULL;
        rc = tags_normalize(tags, "tags", &norm, err);
        if (!rc) {
            int64_t *arr = malloc(sizeof *arr * (json_array_size(ids) + 1));
            json_t *v;
            json_array_foreach(ids, i, v) arr[i] = json_integer_value(v);
            rc = add ? tags_add(env->crm, arr, json_array_size(ids), norm,
                                &changed, err)
                     : tags_remove(env->crm, arr, json_array_size(ids), norm,
                                   &changed, err);
            free(arr);
        }
        if (norm)
            json_array_extend(names, norm);
        json_decref(norm);
    } else {
        rc = act_items(env, err);
        json_t *item;
        json_array_foreach(env->items, i, item)
        {
            if (rc)
                break;
            json_t *c = json_object_get(item, "contact");
            int64_t cid = json_integer_value(json_object_get(c, "id"));
            if (!cid)
                continue;
            json_t *raw = json_array();
            json_t *tg;
            size_t k;
            json_array_foreach(tags, k, tg)
                json_array_append_new(raw, act_text(env, item,
                                                    json_string_value(tg),
                                                    out));
            json_t *norm = NULL;
            rc = tags_normalize(raw, "tags", &norm, err);
            json_decref(raw);
            if (!rc)
                rc = add ? tags_add(env->crm, &cid, 1, norm, &n, err)
                         : tags_remove(env->crm, &cid, 1, norm, &n, err);
            if (!rc) {
                changed += n;
                json_array_extend(names, norm);
            }
            json_decref(norm);
        }
    }
    if (!rc) {
        char msg[600];
        char *list = jx_dump(names);
        snprintf(msg, sizeof msg, "%s %s by agent %s",
                 add ? "Tagged" : "Untagged", list, agent_name(env));
        free(list);
        rc = bulk_activity(env, ids, add ? "tag_added" : "tag_removed", msg,
                           err);
    }
    if (!rc) {
        out->params = json_pack("{s:O}", "tags", names);
        out->output = json_pack("{s:I, s:I}", add ? "added" : "removed",
                                (json_int_t)changed, "contacts",
                                (json_int_t)json_array_size(ids));
        act_count(out, add ? "tagsAdded" : "tagsRemoved", changed);
    }
    json_decref(names);
out:
    json_decref(ids);
    return rc;
}

int act_add_tag(struct act_env *env, const json_t *params,
                struct act_out *out, struct err *err)
{
    return tag_step(env, params, out, true, err);
}

int act_remove_tag(struct act_env *env, const json_t *params,
                   struct act_out *out, struct err *err)
{
    return tag_step(env, params, out, false, err);
}

/* ---- tasks ---------------------------------------------------------- */

int act_create_task(struct act_env *env, const json_t *params,
                    struct act_out *out, struct err *err)
{
    const char *title = act_param(params, "title");
    const char *assignee = act_param(params, "assignee");
    int64_t due_days = -1, creator = 0;
    jx_int(params, "dueInDays", &due_days);
    jx_int(env->agent, "createdBy", &creator);
    int64_t user = creator;
    if (assignee) {
        user = rows_user_id(env->crm, assignee, creator);
        if (!user) {
            int rc = err_set(err, E_VALIDATION,
                             "Cannot assign task to user %s: user not found",
                             assignee);
            err_detail_str(err, "assignee", assignee);
            return rc;
        }
    }
    int rc = act_items(env, err);
    if (rc)
        return rc;
    bool deals = env->kind && !strcmp(env->kind, "deal");
    size_t n = env->items ? json_array_size(env->items) : 0;
    struct db_stmt *st = db_prepare(
        env->crm->db,
        "INSERT INTO tasks (workspace_id, title, status, due_at, "
        "assignee_id, contact_id, deal_id, created_by_agent_id, "
        "execution_id, created_at, updated_at) VALUES (?1, ?2, 'open', ?3, "
        "?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        err);
    if (!st)
        return -E_INTERNAL;
    json_t *task_ids = json_array();
    json_t *first_title = NULL;
    /* One task per contact (or deal) in scope, or one task when there is
     * none. */
    for (size_t i = 0; i < (n ? n : 1); i++) {
        const json_t *item = n ? json_array_get(env->items, i) : NULL;
        json_t *t = act_text(env, item, title, out);
        if (!json_string_length(t)) {
            json_decref(t);
            rc = err_set(err, E_VALIDATION,
                         "The task title is empty once its variables are "
                         "filled in");
            break;
        }
        json_t *c = item ? json_object_get(item, "contact") : NULL;
        json_t *d = item ? json_object_get(item, "deal") : NULL;
        db_bind_int(st, 1, env->crm->ws);
        db_bind_text(st, 2, json_string_value(t));
        db_bind_opt_int(st, 3, due_days >= 0,
                        env->now + due_days * MS_PER_DAY);
        db_bind_opt_int(st, 4, user != 0, user);
        db_bind_opt_int(st, 5, json_is_object(c),
                        json_integer_value(json_object_get(c, "id")));
        db_bind_opt_int(st, 6, deals && json_is_object(d),
                        json_integer_value(json_object_get(d, "id")));
        db_bind_opt_int(st, 7, env->crm->agent_id != 0, env->crm->agent_id);
        db_bind_opt_int(st, 8, env->crm->execution_id != 0,
                        env->crm->execution_id);
        db_bind_int(st, 9, env->now);
        rc = db_step(st, err);
        db_reset(st);
        if (rc >= 0)
            json_array_append_new(task_ids,
                                  json_integer(db_last_id(env->crm->db)));
        if (rc < 0) {
            json_decref(t);
            break;
        }
        rc = 0;
        if (!first_title)
            first_title = json_incref(t);
        json_decref(t);
    }
    if (!rc && n) {
        char msg[600];
        snprintf(msg, sizeof msg, "Task created by agent %s: %s",
                 agent_name(env), title);
        json_t *cids = act_contact_ids(env, err);
        rc = cids ? bulk_activity(env, cids, "task_created", msg, err)
                  : -E_INTERNAL;
        json_decref(cids);
    }
    if (!rc && user) {
        char msg[300];
        snprintf(msg, sizeof msg, "New task assigned by agent %s",
                 agent_name(env));
        json_t *data = json_pack("{s:O, s:I, s:I}", "taskIds", task_ids,
                                 "agentId", (json_int_t)env->crm->agent_id,
                                 "executionId",
                                 (json_int_t)env->crm->execution_id);
        rc = notify_user(env->crm, user, "task_assigned", msg, data, err);
        json_decref(data);
    }
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

/* ---- update_field --------------------------------------------------- */

/* The rows an update of `entity` touches, given the current set. */
static json_t *targets(struct act_env *env, const char *entity,
                       struct err *err)
{
    json_t *ids = json_array();
    if (act_items(env, err)) {
        json_decref(ids);
        return NULL;
    }
    size_t i;
    json_t *item;
    json_array_foreach(env->items, i, item)
    {
        json_t *row = json_object_get(item, entity);
        json_t *id = json_object_get(row, "id");
        if (!json_is_integer(id))
            continue;
        /* Several contacts of one company: update the company once. */
        bool dup = false;
        size_t k;
        json_t *x;
        json_array_foreach(ids, k, x) if (json_equal(x, id)) dup = true;
        if (!dup)
            json_array_append(ids, id);
    }
    return ids;
}

static const struct entity *entity_of(const char *name)
{
    return !strcmp(name, "deal")      ? &crm_deals
           : !strcmp(name, "company") ? &crm_companies
                                      : &crm_contacts;
}

int act_update_field(struct act_env *env, const json_t *params,
                     struct act_out *out, struct err *err)
{
    const char *ename = act_param(params, "entity");
    const char *field = act_param(params, "field");
    json_t *value = json_object_get(params, "value");
    const struct entity *e = entity_of(ename);
    json_t *ids = targets(env, ename, err);
    if (!ids)
        return -E_INTERNAL;
    int rc = 0;
    if (json_array_size(ids) == 0) {
        out->status = "skipped";
        act_warn(out, "No %s in scope to update: add a search step, or "
                      "trigger the agent on a %s",
                 !strcmp(ename, "company") ? "companies" : ename, ename);
        goto out;
    }
    const struct fld *f = entity_field(e, field);
    bool custom = !f;
    if (f && ((f->flags & (F_RO | F_HIDDEN)) || f->type == FT_TAGS ||
              f->type == FT_CUSTOM || f->type == FT_SECRET)) {
        rc = err_set(err, E_VALIDATION,
                     "Field '%s' of a %s cannot be set by an agent%s", field,
                     ename, f->type == FT_TAGS ? " (use add_tag)" : "");
        goto out;
    }
    bool varies = json_is_string(value) && vars_present(json_string_value(value));
    size_t i;
    json_t *id;
    int64_t updated = 0;
    json_t *shown = NULL;
    /* Deal stages go through the CRM, so that "deal stage updated" events
     * fire for other agents; so does any value that differs per row. */
    bool one_by_one = varies || (e == &crm_deals && !strcmp(field, "stage"));
    if (!one_by_one) {
        json_t *conv = NULL;
        if (custom)
            rc = custom_check(env->crm, ename, field, value, &conv, err);
        else
            rc = entity_field_value(env->crm, e, f, value, &conv, err);
        if (rc)
            goto out;
        shown = json_incref(conv);
        char *list = jx_dump(ids);
        char sql[512];
        struct db_stmt *st;
        if (custom) {
            snprintf(sql, sizeof sql,
                     "UPDATE %s SET custom = json_set(custom, ?3, json(?4)), "
                     "updated_at = ?5 WHERE workspace_id = ?1 AND id IN "
                     "(SELECT value FROM json_each(?2))",
                     e->table);
        } else {
            snprintf(sql, sizeof sql,
                     "UPDATE %s SET %s = ?4, updated_at = ?5 WHERE "
                     "workspace_id = ?1 AND id IN (SELECT value FROM "
                     "json_each(?2))",
                     e->table, f->col);
        }
        st = db_prepare(env->crm->db, sql, err);
        if (!st) {
            free(list);
            json_decref(conv);
            rc = -E_INTERNAL;
            goto out;
        }
        db_bind_int(st, 1, env->crm->ws);
        db_bind_text(st, 2, list);
        if (custom) {
            char path[128];
            snprintf(path, sizeof path, "$.\"%s\"", field);
            db_bind_text(st, 3, path);
            char *j = jx_dump(conv);
            db_bind_text(st, 4, j);
            free(j);
        } else if (json_is_null(conv)) {
            db_bind_null(st, 4);
        } else if (f->type == FT_BOOL) {
            db_bind_int(st, 4, json_is_true(conv));
        } else if (json_is_integer(conv)) {
            db_bind_int(st, 4, json_integer_value(conv));
        } else if (json_is_real(conv)) {
            db_bind_double(st, 4, json_real_value(conv));
        } else {
            db_bind_text(st, 4, json_string_value(conv));
        }
        db_bind_int(st, 5, env->now);
        rc = db_step(st, err);
        db_reset(st);
        free(list);
        json_decref(conv);
        if (rc < 0)
            goto out;
        rc = 0;
        updated = db_changes(env->crm->db);
    } else {
        json_array_foreach(ids, i, id)
        {
            json_t *v = json_incref(value);
            if (varies) {
                /* Resolve against the first item that holds this row. */
                size_t k;
                json_t *item;
                json_array_foreach(env->items, k, item)
                {
                    json_t *row = json_object_get(item, ename);
                    if (json_equal(json_object_get(row, "id"), id)) {
                        json_decref(v);
                        v = act_text(env, item, json_string_value(value),
                                     out);
                        break;
                    }
                }
            }
            json_t *in = custom ? json_pack("{s:{s:o}}", "customFields",
                                            field, v)
                                : json_pack("{s:o}", field, v);
            json_t *row = NULL;
            rc = entity_update(env->crm, e, json_integer_value(id), in, &row,
                               err);
            json_decref(in);
            if (rc)
                break;
            if (!shown)
                shown = json_incref(custom ? json_object_get(
                                                 json_object_get(row,
                                                                 "customFields"),
                                                 field)
                                           : json_object_get(row, field));
            json_decref(row);
            updated++;
        }
        if (rc)
            goto out;
    }
    out->params = json_pack("{s:s, s:s, s:O}", "entity", ename, "field",
                            field, "value", shown ? shown : json_null());
    out->output = json_pack("{s:I}", "updated", (json_int_t)updated);
    act_count(out, "fieldsUpdated", updated);
    json_decref(shown);
out:
    json_decref(ids);
    return rc;
}

/* ---- notify --------------------------------------------------------- */

int act_notify(struct act_env *env, const json_t *params,
               struct act_out *out, struct err *err)
{
    const char *message = act_param(params, "message");
    const char *to = act_param(params, "to");
    int64_t creator = 0;
    jx_int(env->agent, "createdBy", &creator);
    int64_t user = to ? rows_user_id(env->crm, to, creator) : creator;
    if (to && !user) {
        int rc = err_set(err, E_VALIDATION,
                         "Cannot notify %s: no such member of the workspace",
                         to);
        err_detail_str(err, "to", to);
        return rc;
    }
    int rc = act_items(env, err);
    if (rc)
        return rc;
    /* A message about a contact goes once per contact; otherwise once. */
    bool per_item = vars_present(message) && env->items &&
                    json_array_size(env->items) > 0 &&
                    (strstr(message, "@contact") || strstr(message, "@deal") ||
                     strstr(message, "@company"));
    size_t n = per_item ? json_array_size(env->items) : 1;
    if (n > 100) {
        act_warn(out, "Notifications were limited to the first 100 of %zu",
                 n);
        n = 100;
    }
    json_t *first = NULL;
    for (size_t i = 0; i < n && !rc; i++) {
        const json_t *item = per_item ? json_array_get(env->items, i)
                                      : (env->items && json_array_size(env->items) == 1
                                             ? json_array_get(env->items, 0)
                                             : NULL);
        json_t *m = act_text(env, item, message, out);
        json_t *data = json_pack("{s:I, s:I}", "agentId",
                                 (json_int_t)env->crm->agent_id,
                                 "executionId",
                                 (json_int_t)env->crm->execution_id);
        if (user)
            rc = notify_user(env->crm, user, "agent", json_string_value(m),
                             data, err);
        else
            rc = notify_owners(env->crm, false, "agent", json_string_value(m),
                               data, err);
        json_decref(data);
        if (!first)
            first = json_incref(m);
        json_decref(m);
    }
    if (rc) {
        json_decref(first);
        return rc;
    }
    out->params = json_pack("{s:o}", "message", first);
    if (to)
        json_object_set_new(out->params, "to", json_string(to));
    out->output = json_pack("{s:I}", "sent", (json_int_t)n);
    act_count(out, "notifications", (int64_t)n);
    return 0;
}

/* ---- remember ------------------------------------------------------- */

int act_remember(struct act_env *env, const json_t *params,
                 struct act_out *out, struct err *err)
{
    const char *key = act_param(params, "key");
    json_t *value = json_object_get(params, "value");
    json_t *v;
    if (json_is_string(value) && !strchr(json_string_value(value), '@')) {
        v = json_incref(value); /* no variables: as written */
    } else if (json_is_string(value)) {
        const json_t *item = act_single(env);
        struct vars vs;
        act_vars(env, item, &vs);
        v = vars_value(&vs, json_string_value(value));
        if (!v)
            v = act_text(env, item, json_string_value(value), out);
    } else {
        v = json_incref(value);
    }
    json_t *mem = json_object_get(env->ctx, "memory");
    if (!json_is_object(mem)) {
        mem = json_object();
        json_object_set_new(env->ctx, "memory", mem);
    }
    json_object_set(mem, key, v);
    int rc = 0;
    /* With agent memory on, it outlives the run. */
    if (jx_bool(json_object_get(env->agent, "memory"), "enabled", false)) {
        struct db_stmt *st = db_prepare(
            env->crm->db,
            "INSERT INTO agent_memory (agent_id, key, workspace_id, value, "
            "updated_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (agent_id, "
            "key) DO UPDATE SET value = excluded.value, updated_at = "
            "excluded.updated_at",
            err);
        if (!st) {
            json_decref(v);
            return -E_INTERNAL;
        }
        char *text = jx_dump(v);
        db_bind_int(st, 1, env->crm->agent_id);
        db_bind_text(st, 2, key);
        db_bind_int(st, 3, env->crm->ws);
        db_bind_text(st, 4, text);
        db_bind_int(st, 5, env->now);
        rc = db_step(st, err);
        db_reset(st);
        free(text);
        rc = rc < 0 ? rc : 0;
    }
    if (!rc) {
        /* Params with variables are recorded resolved; else as written. */
        if (v != value)
            out->params = json_pack("{s:s, s:O}", "key", key, "value", v);
        out->output = json_object();
        json_object_set_nocheck(out->output, "value", v);
    }
    json_decref(v);
    return rc;
}
