/*
 * update_field: sets a built-in or custom field of the set's contacts,
 * companies or deals, type-checked, in as few statements as the set
 * allows ("many contacts updated in one statement"). Deal stages go
 * through the CRM so that "deal stage updated" events fire.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions/action.h"
#include "actions/steps.h"
#include "core/jsonx.h"
#include "crm/custom.h"
#include "crm/resources.h"

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
    bool varies =
        json_is_string(value) && vars_present(json_string_value(value));
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
            if (!shown) {
                const json_t *from =
                    custom ? json_object_get(row, "customFields") : row;
                shown = json_incref(json_object_get(from, field));
            }
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
