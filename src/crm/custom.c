/* custom: custom field definitions and value validation; see custom.h. */
#include "crm/custom.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/jsonx.h"
#include "core/str.h"

static int not_found(struct err *err, const char *key)
{
    int rc = err_set(err, E_VALIDATION,
                     "Custom field '%s' not found. Create field first.", key);
    err_detail_str(err, "customField", key);
    return rc;
}

static int wrong(struct err *err, const char *key, const char *what)
{
    int rc = err_set(err, E_VALIDATION, "Custom field '%s' must be %s", key,
                     what);
    err_detail_str(err, "customField", key);
    return rc;
}

/* The definition of `key`: its type, and its options when asked for. */
static int def_of(struct crm_ctx *ctx, const char *entity, const char *key,
                  char type[16], json_t **options, struct err *err)
{
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT type, options FROM custom_field_defs WHERE workspace_id = ?1 "
        "AND entity = ?2 AND key = ?3",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_text(st, 2, entity);
    db_bind_text(st, 3, key);
    int rc = db_step(st, err);
    if (rc != DB_ROW) {
        db_reset(st);
        return rc < 0 ? rc : not_found(err, key);
    }
    memset(type, 0, 16);
    strncpy(type, db_col_text(st, 0), 15);
    if (options && !db_col_is_null(st, 1))
        *options = json_loads(db_col_text(st, 1), 0, NULL);
    db_reset(st);
    return 0;
}

int custom_type(struct crm_ctx *ctx, const char *entity, const char *key,
                char type[16], struct err *err)
{
    return def_of(ctx, entity, key, type, NULL, err);
}

int custom_check(struct crm_ctx *ctx, const char *entity, const char *key,
                 const json_t *value, json_t **out, struct err *err)
{
    *out = NULL;
    char type[16];
    json_t *options = NULL;
    int rc = def_of(ctx, entity, key, type, &options, err);
    if (rc)
        return rc;
    double d;
    if (strcmp(type, "string") == 0) {
        if (!json_is_string(value))
            rc = wrong(err, key, "a string");
        else if (strlen(json_string_value(value)) > 1000)
            rc = wrong(err, key, "at most 1000 characters");
        else
            *out = json_incref((json_t *)value);
    } else if (strcmp(type, "number") == 0) {
        if (!jx_number(value, &d) || !isfinite(d) || fabs(d) > 1e15)
            rc = wrong(err, key, "a number");
        else
            *out = json_incref((json_t *)value);
    } else if (strcmp(type, "boolean") == 0) {
        if (!json_is_boolean(value))
            rc = wrong(err, key, "true or false");
        else
            *out = json_incref((json_t *)value);
    } else if (strcmp(type, "date") == 0) {
        int64_t ms;
        if (!json_is_string(value) ||
            clock_parse_iso(json_string_value(value), &ms) != 0) {
            rc = wrong(err, key, "a date (YYYY-MM-DD)");
        } else {
            char iso[40];
            clock_format_iso(ms, iso, sizeof iso);
            iso[10] = '\0';
            *out = json_string(iso);
        }
    } else { /* enum */
        if (json_is_string(value)) {
            size_t i;
            json_t *o;
            json_array_foreach(options, i, o)
            {
                if (str_eq_ci(json_string_value(o), json_string_value(value))) {
                    *out = json_incref(o);
                    break;
                }
            }
        }
        if (!*out) {
            char *opts = options ? jx_dump(options) : NULL;
            rc = err_set(err, E_VALIDATION,
                         "Custom field '%s' must be one of %s", key,
                         opts ? opts : "its options");
            err_detail_str(err, "customField", key);
            free(opts);
        }
    }
    json_decref(options);
    return rc;
}

int custom_merge(struct crm_ctx *ctx, const char *entity, const json_t *old,
                 const json_t *patch, json_t **out, struct err *err)
{
    *out = NULL;
    json_t *merged = json_is_object(old) ? json_deep_copy(old) : json_object();
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)patch, k, v)
    {
        if (json_is_null(v)) {
            json_object_del(merged, k);
            continue;
        }
        json_t *checked;
        int rc = custom_check(ctx, entity, k, v, &checked, err);
        if (rc) {
            json_decref(merged);
            return rc;
        }
        json_object_set_new(merged, k, checked);
    }
    *out = merged;
    return 0;
}

int custom_def_check(json_t *row, struct err *err)
{
    const char *key = jx_str(row, "key");
    if (!key || !*key || strlen(key) > 60 ||
        !(isalpha((unsigned char)key[0]) || key[0] == '_')) {
        int rc = err_set(err, E_VALIDATION,
                         "Field 'key' must start with a letter and have at "
                         "most 60 letters, digits or underscores");
        err_detail_str(err, "field", "key");
        return rc;
    }
    for (const char *p = key; *p; p++) {
        if (!isalnum((unsigned char)*p) && *p != '_') {
            int rc = err_set(err, E_VALIDATION,
                             "Field 'key' may hold only letters, digits and "
                             "underscores");
            err_detail_str(err, "field", "key");
            return rc;
        }
    }
    const char *type = jx_str(row, "type");
    json_t *options = json_object_get(row, "options");
    bool is_enum = type && strcmp(type, "enum") == 0;
    if (is_enum) {
        if (!json_is_array(options) || json_array_size(options) == 0 ||
            json_array_size(options) > 100) {
            int rc = err_set(err, E_VALIDATION,
                             "An enum custom field needs 'options': an array "
                             "of 1 to 100 strings");
            err_detail_str(err, "field", "options");
            return rc;
        }
        size_t i;
        json_t *o;
        json_array_foreach(options, i, o)
        {
            if (!json_is_string(o) || !*json_string_value(o) ||
                strlen(json_string_value(o)) > 100) {
                int rc = err_set(err, E_VALIDATION,
                                 "Enum options must be non-empty strings of "
                                 "at most 100 characters");
                err_detail_str(err, "field", "options");
                return rc;
            }
        }
    } else if (options && !json_is_null(options)) {
        int rc = err_set(err, E_VALIDATION,
                         "Only enum custom fields take 'options'");
        err_detail_str(err, "field", "options");
        return rc;
    }
    if (!jx_str(row, "label") || !*jx_str(row, "label"))
        json_object_set_new(row, "label", json_string(key));
    return 0;
}
