/*
 * update_field: sets a built-in or custom field of the set's contacts,
 * companies or deals, type-checked, in as few statements as the set
 * allows ("many contacts updated in one statement"). Deal stages go
 * through the CRM so that "deal stage updated" events fire.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actions/action.h"
#include "actions/steps.h"
#include "core/clock.h"
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

/* What a field holds, for fitting a filled-in value to it. */
enum want { W_ANY, W_NUMBER, W_BOOL, W_TEXT };

static enum want want_of(const struct fld *f, const char *custom_type)
{
    if (f) {
        switch (f->type) {
        case FT_INT:
        case FT_NUM:
        case FT_REF:
        case FT_USER:
            return W_NUMBER;
        case FT_BOOL:
            return W_BOOL;
        case FT_TEXT:
        case FT_ENUM:
            return W_TEXT;
        default:
            return W_ANY;
        }
    }
    return !strcmp(custom_type, "number")    ? W_NUMBER
           : !strcmp(custom_type, "boolean") ? W_BOOL
           : !strcmp(custom_type, "string") || !strcmp(custom_type, "enum")
               ? W_TEXT
               : W_ANY;
}

/*
 * A value filled in from variables is text ("Score: 42"), or the value
 * itself when it was one variable alone (@deal.value is 350000, a
 * number). Fits it to the field as a person typing it in would expect:
 * "42" into a number field is 42, "true" into a yes/no field is true, 42
 * into a text field is "42". Anything else is left for the field's own
 * check to refuse. Takes v, returns the value to use.
 */
static json_t *fit(json_t *v, enum want want)
{
    char buf[64];
    if (want == W_NUMBER && json_is_string(v)) {
        const char *s = json_string_value(v);
        char *end;
        double d = strtod(s, &end);
        while (*end == ' ')
            end++;
        if (end == s || *end || *s == ' ' || strpbrk(s, "xX") ||
            !isfinite(d))
            return v;
        json_decref(v);
        return d == floor(d) && fabs(d) < 9007199254740992.0
                   ? json_integer((json_int_t)d)
                   : json_real(d);
    }
    if (want == W_BOOL && json_is_string(v)) {
        const char *s = json_string_value(v);
        bool yes = !strcasecmp(s, "true") || !strcasecmp(s, "yes");
        if (!yes && strcasecmp(s, "false") && strcasecmp(s, "no"))
            return v;
        json_decref(v);
        return json_boolean(yes);
    }
    if (want == W_TEXT && (json_is_number(v) || json_is_boolean(v))) {
        if (json_is_integer(v))
            snprintf(buf, sizeof buf, "%lld",
                     (long long)json_integer_value(v));
        else if (json_is_real(v))
            snprintf(buf, sizeof buf, "%.15g", json_real_value(v));
        else
            snprintf(buf, sizeof buf, "%s", json_is_true(v) ? "true" : "false");
        json_decref(v);
        return json_string(buf);
    }
    return v;
}

/* The value of `text` for one row, fitted to the field. A variable alone
 * that has no value is filled in as text, with its warning, so that a
 * misspelt name does not clear the field in silence. */
static json_t *filled_in(struct act_env *env, const json_t *item,
                         const char *text, enum want want, struct act_out *out)
{
    json_t *v = act_value(env, item, text, out);
    if (json_is_null(v)) {
        json_decref(v);
        v = act_text(env, item, text, out);
    }
    return fit(v, want);
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
    json_t *when = NULL; /* the value of a relative time, owned */
    if (json_array_size(ids) == 0) {
        /* Say why: no set, a search that found nobody, or records of the
         * set without the one to update (contacts without a company). */
        const char *what = !strcmp(ename, "company") ? "companies"
                           : !strcmp(ename, "deal")  ? "deals"
                                                     : "contacts";
        size_t have = env->ids ? json_array_size(env->ids) : 0;
        out->status = "skipped";
        if (!env->ids)
            act_warn(out, "No %s in scope to update: add a search step, or "
                          "trigger the agent on a %s",
                     what, ename);
        else if (!have)
            act_warn(out, "No %s in scope to update: the search before "
                          "this step found none",
                     what);
        else if (env->kind && !strcmp(env->kind, ename))
            /* the set's own records, gone while the run held them */
            act_warn(out, "No %s in scope to update: the %zu found were "
                          "deleted since",
                     what, have);
        else
            act_warn(out, "No %s in scope to update: none of the %zu %ss "
                          "in scope has one",
                     what, have, env->kind ? env->kind : "record");
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
    /* "now+30d", "today+7d" (plan.md's relative times) in a time field:
     * the time they are at this run, as a date-time the CRM keeps */
    int64_t ms;
    if (f && f->type == FT_TIME && json_is_string(value) &&
        clock_parse_iso(json_string_value(value), &ms) != 0 &&
        clock_parse_when(json_string_value(value), env->now, &ms) == 0) {
        char iso[40];
        clock_format_iso(ms, iso, sizeof iso);
        value = when = json_string(iso);
    }
    bool varies =
        json_is_string(value) && vars_present(json_string_value(value));
    char ctype[16] = "";
    if (varies && custom) {
        rc = custom_type(env->crm, ename, field, ctype, err);
        if (rc)
            goto out;
    }
    enum want want = varies ? want_of(f, ctype) : W_ANY;
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
                        v = filled_in(env, item, json_string_value(value),
                                      want, out);
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
    json_decref(when);
    json_decref(ids);
    return rc;
}
