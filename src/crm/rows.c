/* rows: bulk loading of the rows a step works on; see rows.h. */
#include "crm/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonx.h"
#include "core/xalloc.h"
#include "crm/resources.h"

const struct rows_need rows_all = {FLD_ALL, FLD_ALL, FLD_ALL};

/* SELECT <the fields in set> FROM json_each(?2) CROSS JOIN table ON id =
 * value WHERE workspace_id = ?1: the id list drives, each row a lookup by
 * key ("id IN (SELECT value FROM json_each(?2))" built a temporary index of
 * the list first), so rows come in the list's order. Rows go into by_id:
 * an object, under their id, or an array, in that order. */
static int load_by_ids(struct crm_ctx *ctx, const struct entity *e,
                       const char *ids_text, fld_set set, json_t *by_id,
                       struct err *err)
{
    struct buf sql;
    buf_init(&sql, 1024);
    buf_puts(&sql, "SELECT ");
    entity_select_fields(e, set, &sql);
    buf_printf(&sql,
               " FROM json_each(?2) j CROSS JOIN %s ON %s.id = j.value "
               "WHERE %s.workspace_id = ?1%s",
               e->table, e->table, e->table,
               e->soft_delete ? " AND deleted_at IS NULL" : "");
    struct db_stmt *st = db_prepare(ctx->db, buf_cstr(&sql), err);
    buf_fini(&sql);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_text(st, 2, ids_text);
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW) {
        json_t *row = entity_row_fields(ctx, e, set, st);
        if (json_is_array(by_id)) {
            json_array_append_new(by_id, row);
            continue;
        }
        char key[24];
        snprintf(key, sizeof key, "%lld",
                 (long long)json_integer_value(json_object_get(row, "id")));
        json_object_set_new(by_id, key, row);
    }
    db_reset(st);
    return rc < 0 ? rc : 0;
}

/* The integer value of row's `field`, if it has one, appended to a. */
static void add_ref(json_t *a, const json_t *row, const char *field)
{
    json_t *v = json_object_get(row, field);
    if (json_is_integer(v))
        json_array_append(a, v);
}

/* The values of `field` over rows (an array, or an object id -> row) as
 * JSON array text. */
static char *refs(const json_t *rows, const char *field)
{
    json_t *a = json_array();
    const char *k;
    size_t i;
    json_t *row;
    if (json_is_array(rows)) {
        json_array_foreach(rows, i, row) add_ref(a, row, field);
    } else {
        json_object_foreach((json_t *)rows, k, row) add_ref(a, row, field);
    }
    char *s = jx_dump(a);
    json_decref(a);
    return s;
}

static json_t *ref_row(const json_t *by_id, const json_t *row,
                       const char *field)
{
    json_t *v = json_object_get(row, field);
    if (!json_is_integer(v))
        return json_null();
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)json_integer_value(v));
    json_t *r = json_object_get(by_id, key);
    return r ? json_incref(r) : json_null();
}

int rows_load(struct crm_ctx *ctx, const char *kind, const json_t *ids,
              const struct rows_need *need, json_t **out, struct err *err)
{
    *out = NULL;
    bool deals = kind && !strcmp(kind, "deal");
    const struct entity *C = &crm_contacts, *D = &crm_deals;
    fld_set cset = need->contact | entity_field_bit(C, "id") |
                   entity_field_bit(C, "companyId");
    fld_set dset = need->deal | entity_field_bit(D, "id") |
                   entity_field_bit(D, "contactId") |
                   entity_field_bit(D, "companyId");
    fld_set coset = need->company
                        ? need->company | entity_field_bit(&crm_companies, "id")
                        : 0;
    char *ids_text = jx_dump(ids);
    bool with_company = coset != 0;
    /* The records themselves in the list's order; the contacts and
     * companies they refer to by id. */
    json_t *main = json_array(), *contacts = json_object(),
           *companies = json_object();
    char *c_ids = NULL, *co_ids = NULL;
    int rc = load_by_ids(ctx, deals ? D : C, ids_text, deals ? dset : cset,
                         main, err);
    if (rc)
        goto out;
    json_t *people = deals ? contacts : main;
    if (deals) {
        c_ids = refs(main, "contactId");
        rc = load_by_ids(ctx, C, c_ids, cset, contacts, err);
        if (rc)
            goto out;
    }
    co_ids = with_company ? refs(deals ? main : people, "companyId") : NULL;
    rc = co_ids ? load_by_ids(ctx, &crm_companies, co_ids, coset, companies,
                              err)
                : 0;
    if (rc)
        goto out;
    if (deals && with_company) {
        /* A deal's company, else its contact's company. */
        free(co_ids);
        co_ids = refs(contacts, "companyId");
        rc = load_by_ids(ctx, &crm_companies, co_ids, coset, companies, err);
        if (rc)
            goto out;
    }
    json_t *list = json_array();
    size_t i;
    json_t *row;
    json_array_foreach(main, i, row)
    {
        json_t *item = json_object();
        json_object_set(item, "id", json_object_get(row, "id"));
        if (deals) {
            json_object_set(item, "deal", row);
            json_t *contact = ref_row(contacts, row, "contactId");
            json_t *company = ref_row(companies, row, "companyId");
            if (json_is_null(company) && !json_is_null(contact)) {
                json_decref(company);
                company = ref_row(companies, contact, "companyId");
            }
            json_object_set_new(item, "contact", contact);
            json_object_set_new(item, "company", company);
        } else {
            json_object_set(item, "contact", row);
            json_object_set_new(item, "company",
                                ref_row(companies, row, "companyId"));
        }
        json_array_append_new(list, item);
    }
    *out = list;
out:
    free(ids_text);
    free(c_ids);
    free(co_ids);
    json_decref(main);
    json_decref(contacts);
    json_decref(companies);
    return rc;
}

json_t *rows_user(struct crm_ctx *ctx, const char *handle, int64_t creator_id)
{
    struct err e = ERR_INIT;
    bool creator = creator_id && (!strcasecmp(handle, "creator") ||
                                  !strcasecmp(handle, "me"));
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT u.id, u.email, u.name, m.handle FROM memberships m JOIN "
        "users u ON u.id = m.user_id WHERE m.workspace_id = ?1 AND "
        "(m.handle = ?2 OR (?3 > 0 AND u.id = ?3)) LIMIT 1",
        &e);
    if (!st) {
        err_clear(&e);
        return NULL;
    }
    db_bind_int(st, 1, ctx->ws);
    db_bind_text(st, 2, creator ? "" : handle);
    db_bind_int(st, 3, creator ? creator_id : 0);
    json_t *u = NULL;
    if (db_step(st, &e) == DB_ROW)
        u = json_pack("{s:I, s:o, s:o, s:o}", "id",
                      (json_int_t)db_col_int(st, 0), "email",
                      jx_string(db_col_text(st, 1)), "name",
                      jx_string(db_col_text(st, 2)), "handle",
                      jx_string_or_null(db_col_text(st, 3)));
    db_reset(st);
    err_clear(&e);
    return u;
}

const char *rows_user_handle(const char *who)
{
    if (!who || who[0] != '@')
        return NULL;
    if (!strncmp(who, "@user.", 6))
        return who + 6;
    return who[1] && !strchr(who, '.') ? who + 1 : NULL;
}

int64_t rows_user_id(struct crm_ctx *ctx, const char *who, int64_t creator_id)
{
    if (!who || !*who)
        return 0;
    const char *handle = rows_user_handle(who);
    if (handle) {
        json_t *u = rows_user(ctx, handle, creator_id);
        int64_t id = u ? json_integer_value(json_object_get(u, "id")) : 0;
        json_decref(u);
        return id;
    }
    /* A member's id, as a record's ownerId holds it */
    bool by_id = strspn(who, "0123456789") == strlen(who);
    struct err e = ERR_INIT;
    struct db_stmt *st = db_prepare(
        ctx->db,
        by_id ? "SELECT user_id FROM memberships WHERE workspace_id = ?1 AND "
                "user_id = CAST(?2 AS INTEGER)"
              : "SELECT u.id FROM memberships m JOIN users u ON u.id = "
                "m.user_id WHERE m.workspace_id = ?1 AND u.email = ?2",
        &e);
    if (!st) {
        err_clear(&e);
        return 0;
    }
    db_bind_int(st, 1, ctx->ws);
    db_bind_text(st, 2, who);
    int64_t id = db_step(st, &e) == DB_ROW ? db_col_int(st, 0) : 0;
    db_reset(st);
    err_clear(&e);
    return id;
}
