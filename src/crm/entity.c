/*
 * entity: table-driven CRUD and lists for CRM resources; see entity.h.
 *
 * Rows move through three shapes:
 *   input   JSON from a request or an action: names and types as the API
 *           documents them (times as ISO 8601, secrets in clear);
 *   row     the internal JSON of a stored row: times as integer ms, secrets
 *           sealed, hidden columns present;
 *   output  what callers see: the row rendered (times as ISO 8601, hidden
 *           and secret fields removed).
 * Every stored column is written from the row, so an entity has exactly one
 * INSERT and one UPDATE statement, prepared once per connection.
 */
#include "crm/entity.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "crm/custom.h"
#include "crm/tags.h"
#include "store/qb.h"

/* Largest integer JSON clients can carry without loss (2^53). */
#define SAFE_INT 9007199254740992LL
#define MAX_NUM 1e15

/* Prepared SQL texts of one entity, built on first use. */
struct entity_sql {
    const struct entity *e;
    char *select_list;
    char *get;
    char *insert;
    char *update;
    char *del;
};

#define MAX_ENTITIES 32
static pthread_mutex_t sql_mu = PTHREAD_MUTEX_INITIALIZER;
static struct entity_sql sql_cache[MAX_ENTITIES];
static int sql_count;

static bool is_column(const struct fld *f)
{
    return f->col != NULL && f->type != FT_TAGS;
}

void entity_select_fields(const struct entity *e, fld_set set,
                          struct buf *b)
{
    const char *t = e->table;
    bool first = true;
    int i = 0;
    for (const struct fld *f = e->fields; f->name; f++, i++) {
        if (!(set & FLD_BIT(i)))
            continue;
        if (!first)
            buf_puts(b, ", ");
        first = false;
        if (f->type == FT_TAGS)
            /* Tags come in the order they were created (the link table's
             * key order); sorting them per row costs a temporary b-tree. */
            buf_printf(b,
                       "(SELECT json_group_array(g.name) FROM contact_tags ct "
                       "JOIN tags g ON g.id = ct.tag_id WHERE ct.contact_id = "
                       "%s.id)",
                       t);
        else
            buf_printf(b, "%s.%s", t, f->col);
    }
}

fld_set entity_field_bit(const struct entity *e, const char *name)
{
    int i = 0;
    for (const struct fld *f = e->fields; f->name; f++, i++)
        if (strcmp(f->name, name) == 0)
            return FLD_BIT(i);
    return 0;
}

static void build_sql(const struct entity *e, struct entity_sql *s)
{
    struct buf b;
    buf_init(&b, 0);
    const char *t = e->table;
    int nf = 0;
    for (const struct fld *f = e->fields; f->name; f++)
        nf++;
    if (nf > FLD_MAX)
        abort(); /* programming error: a field set has FLD_MAX bits */
    entity_select_fields(e, FLD_ALL, &b);
    s->select_list = buf_steal(&b);

    buf_printf(&b, "SELECT %s FROM %s WHERE %s.workspace_id = ?1 AND %s.id "
                   "= ?2%s",
               s->select_list, t, t, t,
               e->soft_delete ? " AND deleted_at IS NULL" : "");
    s->get = buf_steal(&b);

    /* INSERT (workspace_id, c1, c2, ...) VALUES (?1, ?2, ...) */
    buf_printf(&b, "INSERT INTO %s (workspace_id", t);
    int n = 1;
    for (const struct fld *f = e->fields; f->name; f++)
        if (is_column(f) && f->type != FT_ID)
            buf_printf(&b, ", %s", f->col);
    buf_puts(&b, ") VALUES (?1");
    for (const struct fld *f = e->fields; f->name; f++)
        if (is_column(f) && f->type != FT_ID)
            buf_printf(&b, ", ?%d", ++n);
    buf_puts(&b, ") RETURNING id");
    s->insert = buf_steal(&b);

    /* UPDATE t SET c1 = ?3, c2 = ?4 WHERE workspace_id = ?1 AND id = ?2 */
    buf_printf(&b, "UPDATE %s SET ", t);
    n = 2;
    bool first = true;
    for (const struct fld *f = e->fields; f->name; f++) {
        if (!is_column(f) || f->type == FT_ID)
            continue;
        buf_printf(&b, "%s%s = ?%d", first ? "" : ", ", f->col, ++n);
        first = false;
    }
    buf_puts(&b, " WHERE workspace_id = ?1 AND id = ?2");
    s->update = buf_steal(&b);

    if (e->soft_delete)
        buf_printf(&b,
                   "UPDATE %s SET deleted_at = ?3 WHERE workspace_id = ?1 "
                   "AND id = ?2 AND deleted_at IS NULL",
                   t);
    else
        buf_printf(&b, "DELETE FROM %s WHERE workspace_id = ?1 AND id = ?2",
                   t);
    s->del = buf_steal(&b);
    buf_fini(&b);
}

/* The SQL of an entity. The cache only grows and entries never change once
 * built, so a pointer handed out stays valid for the process lifetime. */
static const struct entity_sql *sql_of(const struct entity *e)
{
    pthread_mutex_lock(&sql_mu);
    struct entity_sql *found = NULL;
    for (int i = 0; i < sql_count; i++)
        if (sql_cache[i].e == e)
            found = &sql_cache[i];
    if (!found) {
        if (sql_count == MAX_ENTITIES)
            abort(); /* a programming error: raise MAX_ENTITIES */
        found = &sql_cache[sql_count++];
        found->e = e;
        build_sql(e, found);
    }
    pthread_mutex_unlock(&sql_mu);
    return found;
}

const struct fld *entity_field(const struct entity *e, const char *name)
{
    for (const struct fld *f = e->fields; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

int entity_op_parse(const char *s, enum flt_op *out)
{
    static const char *names[] = {"eq", "ne",  "contains", "gt",
                                  "gte", "lt", "lte",      "exists"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (enum flt_op)i;
            return 0;
        }
    }
    return -1;
}

/* ---- reading rows --------------------------------------------------- */

/* The internal row shape (see the file comment). */
static json_t *row_from_stmt(const struct entity *e, fld_set set,
                             struct db_stmt *st)
{
    json_t *row = json_object();
    int c = 0, i = 0;
    for (const struct fld *f = e->fields; f->name; f++, i++) {
        if (!(set & FLD_BIT(i)))
            continue;
        json_t *v;
        if (db_col_is_null(st, c)) {
            v = json_null();
        } else {
            switch (f->type) {
            case FT_ID:
            case FT_INT:
            case FT_REF:
            case FT_USER:
            case FT_TIME:
                v = json_integer(db_col_int(st, c));
                break;
            case FT_NUM: {
                double d = db_col_double(st, c);
                if (d == floor(d) && fabs(d) < 9e15)
                    v = json_integer((json_int_t)d);
                else
                    v = json_real(d);
                break;
            }
            case FT_BOOL:
                v = json_boolean(db_col_int(st, c) != 0);
                break;
            case FT_JSON:
            case FT_TAGS:
            case FT_CUSTOM: {
                const char *text = db_col_text(st, c);
                v = json_loads(text, JSON_DECODE_ANY, NULL);
                if (!v)
                    v = f->type == FT_TAGS ? json_array() : json_object();
                break;
            }
            default:
                v = jx_string(db_col_text(st, c));
            }
        }
        json_object_set_new(row, f->name, v);
        c++;
    }
    return row;
}

/* Turns an internal row into what callers see. The entity's hook runs
 * first, so that it can still see hidden columns and raw times. */
static void render(struct crm_ctx *ctx, const struct entity *e, json_t *row)
{
    if (e->render)
        e->render(ctx, e, row);
    for (const struct fld *f = e->fields; f->name; f++) {
        if (f->type == FT_SECRET || (f->flags & F_HIDDEN)) {
            json_object_del(row, f->name);
            continue;
        }
        if (f->type == FT_TIME) {
            json_t *v = json_object_get(row, f->name);
            if (json_is_integer(v)) {
                char iso[40];
                clock_format_iso(json_integer_value(v), iso, sizeof iso);
                json_object_set_new(row, f->name, json_string(iso));
            }
        }
    }
}

json_t *entity_row_fields(struct crm_ctx *ctx, const struct entity *e,
                          fld_set set, struct db_stmt *st)
{
    json_t *row = row_from_stmt(e, set, st);
    render(ctx, e, row);
    return row;
}

/* Appends a JSON string, replacing invalid UTF-8 (possible only in rows
 * that did not come through the API) the way jx_string() does. */
static void text_out(struct buf *b, const char *s)
{
    size_t n = strlen(s);
    buf_putc(b, '"');
    if (str_utf8_valid(s, n)) {
        buf_json_escape(b, s, n);
    } else {
        json_t *v = jx_string(s);
        buf_json_escape(b, json_string_value(v), strlen(json_string_value(v)));
        json_decref(v);
    }
    buf_putc(b, '"');
}

static void int_out(struct buf *b, int64_t v)
{
    char tmp[24], *p = tmp + sizeof tmp;
    uint64_t u = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    buf_append(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* Writes the rendered JSON of the statement's current row straight to
 * text. Only for entities without a render hook; the output is what
 * render(row_from_stmt()) would give. */
static void row_write(const struct entity *e, struct db_stmt *st,
                      struct buf *b)
{
    buf_putc(b, '{');
    bool first = true;
    int c = 0;
    for (const struct fld *f = e->fields; f->name; f++, c++) {
        if (f->type == FT_SECRET || (f->flags & F_HIDDEN))
            continue;
        if (!first)
            buf_putc(b, ',');
        first = false;
        buf_putc(b, '"');
        buf_puts(b, f->name);
        buf_puts(b, "\":");
        if (db_col_is_null(st, c)) {
            if (f->type == FT_TAGS)
                buf_puts(b, "[]");
            else if (f->type == FT_CUSTOM)
                buf_puts(b, "{}");
            else
                buf_puts(b, "null");
            continue;
        }
        switch (f->type) {
        case FT_ID:
        case FT_INT:
        case FT_REF:
        case FT_USER:
            int_out(b, db_col_int(st, c));
            break;
        case FT_NUM: {
            double d = db_col_double(st, c);
            if (d == floor(d) && fabs(d) < 9e15)
                int_out(b, (int64_t)d);
            else
                buf_printf(b, "%.17g", d);
            break;
        }
        case FT_BOOL:
            buf_puts(b, db_col_int(st, c) ? "true" : "false");
            break;
        case FT_TIME: {
            char iso[40];
            clock_format_iso(db_col_int(st, c), iso, sizeof iso);
            buf_putc(b, '"');
            buf_puts(b, iso);
            buf_putc(b, '"');
            break;
        }
        case FT_JSON:
        case FT_TAGS:
        case FT_CUSTOM:
            /* Stored by us as compact JSON (or built by SQLite's
             * json_group_array), so it is copied as it is. */
            buf_puts(b, db_col_text(st, c));
            break;
        default:
            text_out(b, db_col_text(st, c));
        }
    }
    buf_putc(b, '}');
}

/* Appends the row in its rendered form, by the fast path when it can. */
static void row_out(struct crm_ctx *ctx, const struct entity *e,
                    struct db_stmt *st, struct buf *b)
{
    if (!e->render) {
        row_write(e, st, b);
        return;
    }
    json_t *row = row_from_stmt(e, FLD_ALL, st);
    render(ctx, e, row);
    jx_dump_buf(row, b);
    json_decref(row);
}

static int get_row(struct crm_ctx *ctx, const struct entity *e, int64_t id,
                   json_t **out, struct err *err)
{
    *out = NULL;
    struct db_stmt *st = db_prepare(ctx->db, sql_of(e)->get, err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, id);
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *out = row_from_stmt(e, FLD_ALL, st);
    db_reset(st);
    if (rc < 0)
        return rc;
    if (!*out)
        return err_set(err, E_NOT_FOUND, "%s %lld not found", e->label,
                       (long long)id);
    return 0;
}

int entity_get(struct crm_ctx *ctx, const struct entity *e, int64_t id,
               json_t **out, struct err *err)
{
    int rc = get_row(ctx, e, id, out, err);
    if (rc == 0)
        render(ctx, e, *out);
    return rc;
}

int entity_get_text(struct crm_ctx *ctx, const struct entity *e, int64_t id,
                    struct buf *out, struct err *err)
{
    struct db_stmt *st = db_prepare(ctx->db, sql_of(e)->get, err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, id);
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        row_out(ctx, e, st, out);
    db_reset(st);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(err, E_NOT_FOUND, "%s %lld not found", e->label,
                       (long long)id);
    return 0;
}

/* ---- references ----------------------------------------------------- */

int entity_ref_exists(struct crm_ctx *ctx, const char *table, int64_t id,
                      struct err *err)
{
    /* The table name comes from a field table in the code, never from
     * input; one statement text per table. */
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT 1 FROM %s WHERE workspace_id = ?1 AND id = ?2", table);
    struct db_stmt *st = db_prepare(ctx->db, sql, err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, id);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : rc == DB_ROW;
}

int entity_user_is_member(struct crm_ctx *ctx, int64_t user_id,
                          struct err *err)
{
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT 1 FROM memberships WHERE workspace_id = ?1 AND user_id = ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, user_id);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : rc == DB_ROW;
}

/* ---- input validation ---------------------------------------------- */

static int bad_type(struct err *err, const struct fld *f, const char *what)
{
    int rc = err_set(err, E_BAD_REQUEST, "Field '%s' must be %s", f->name,
                     what);
    err_detail_str(err, "field", f->name);
    return rc;
}

static int invalid(struct err *err, const struct fld *f, const char *fmt,
                   const char *arg)
{
    char msg[ERR_MSG_MAX];
    snprintf(msg, sizeof msg, fmt, arg);
    int rc = err_set(err, E_VALIDATION, "%s", msg);
    err_detail_str(err, "field", f->name);
    return rc;
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* Converts one input value to its row form. *out is owned by the caller. */
static int convert(struct crm_ctx *ctx, const struct entity *e,
                   const struct fld *f, json_t *in, const json_t *old_row,
                   json_t **out, struct err *err)
{
    *out = NULL;
    if (json_is_null(in)) {
        if (f->flags & (F_NOTNULL | F_REQ))
            return invalid(err, f, "Field '%s' cannot be null", f->name);
        *out = json_null();
        return 0;
    }
    switch (f->type) {
    case FT_TEXT: {
        if (!json_is_string(in))
            return bad_type(err, f, "a string");
        const char *s = json_string_value(in);
        size_t max = f->max_len ? (size_t)f->max_len : 1000;
        if (strlen(s) > max) {
            int rc = err_set(err, E_VALIDATION,
                             "Field '%s' is longer than %zu characters",
                             f->name, max);
            err_detail_str(err, "field", f->name);
            return rc;
        }
        if ((f->flags & F_REQ) && is_blank(s))
            return invalid(err, f, "Field '%s' cannot be empty", f->name);
        if ((f->flags & F_EMAIL) && *s && !str_email_valid(s))
            return invalid(err, f, "Invalid email address: %s", s);
        if ((f->flags & F_URL) && *s && !str_starts_with_ci(s, "http://") &&
            !str_starts_with_ci(s, "https://"))
            return invalid(err, f, "Field '%s' must be an http(s) URL",
                           f->name);
        *out = json_incref(in);
        return 0;
    }
    case FT_INT:
    case FT_REF:
    case FT_USER: {
        int64_t v;
        if (json_is_integer(in))
            v = json_integer_value(in);
        else if (json_is_real(in) &&
                 json_real_value(in) == floor(json_real_value(in)) &&
                 fabs(json_real_value(in)) < (double)SAFE_INT)
            v = (int64_t)json_real_value(in);
        else
            return bad_type(err, f, "an integer");
        if (v > SAFE_INT || v < -SAFE_INT)
            return invalid(err, f, "Field '%s' is out of range", f->name);
        if (f->type == FT_REF) {
            int rc = entity_ref_exists(ctx, f->ref, v, err);
            if (rc < 0)
                return rc;
            if (!rc) {
                char msg[128];
                snprintf(msg, sizeof msg, "%%s: no record %lld in this "
                                          "workspace",
                         (long long)v);
                return invalid(err, f, msg, f->name);
            }
        } else if (f->type == FT_USER) {
            int rc = entity_user_is_member(ctx, v, err);
            if (rc < 0)
                return rc;
            if (!rc) {
                char msg[128];
                snprintf(msg, sizeof msg,
                         "%%s: user %lld is not a member of this workspace",
                         (long long)v);
                return invalid(err, f, msg, f->name);
            }
        }
        *out = json_integer(v);
        return 0;
    }
    case FT_NUM: {
        double d;
        if (!jx_number(in, &d))
            return bad_type(err, f, "a number");
        if (!isfinite(d) || fabs(d) > MAX_NUM)
            return invalid(err, f, "Field '%s' is out of range", f->name);
        *out = json_incref(in);
        return 0;
    }
    case FT_BOOL:
        if (!json_is_boolean(in))
            return bad_type(err, f, "true or false");
        *out = json_incref(in);
        return 0;
    case FT_TIME: {
        int64_t ms;
        if (!json_is_string(in) ||
            clock_parse_iso(json_string_value(in), &ms) != 0)
            return bad_type(err, f,
                            "an ISO 8601 date or date-time string "
                            "(e.g. 2026-11-21 or 2026-11-21T09:00:00Z)");
        *out = json_integer(ms);
        return 0;
    }
    case FT_ENUM: {
        if (!json_is_string(in))
            return bad_type(err, f, "a string");
        for (const char *const *v = f->values; *v; v++) {
            if (str_eq_ci(*v, json_string_value(in))) {
                *out = json_string(*v);
                return 0;
            }
        }
        struct buf b;
        buf_init(&b, 400);
        for (const char *const *v = f->values; *v; v++)
            buf_printf(&b, "%s%s", v == f->values ? "" : ", ", *v);
        int rc = err_set(err, E_VALIDATION, "Field '%s' must be one of: %s",
                         f->name, buf_cstr(&b));
        err_detail_str(err, "field", f->name);
        buf_fini(&b);
        return rc;
    }
    case FT_JSON:
        if (!json_is_object(in) && !json_is_array(in))
            return bad_type(err, f, "a JSON object");
        *out = json_incref(in);
        return 0;
    case FT_TAGS:
        return tags_normalize(in, f->name, out, err);
    case FT_CUSTOM: {
        if (!json_is_object(in))
            return bad_type(err, f, "an object");
        const json_t *old = old_row ? json_object_get(old_row, f->name) : NULL;
        return custom_merge(ctx, e->custom_entity, old, in, out, err);
    }
    case FT_SECRET: {
        if (!ctx->key)
            return err_set(err, E_INTERNAL, "no secret key configured");
        char *plain = json_dumps(in, JSON_COMPACT | JSON_ENCODE_ANY);
        char *sealed = cry_seal(ctx->key, plain, strlen(plain));
        cry_free_secret(plain);
        *out = json_string(sealed);
        free(sealed);
        return 0;
    }
    case FT_ID:
        break;
    }
    return bad_type(err, f, "absent");
}

int entity_field_value(struct crm_ctx *ctx, const struct entity *e,
                       const struct fld *f, json_t *value, json_t **out,
                       struct err *err)
{
    return convert(ctx, e, f, value, NULL, out, err);
}

/* Overlays the input on row, field by field. */
static int apply_input(struct crm_ctx *ctx, const struct entity *e,
                       const json_t *input, json_t *row, const json_t *old,
                       struct err *err)
{
    if (!json_is_object(input))
        return err_set(err, E_BAD_REQUEST, "Expected a JSON object for %s",
                       e->name);
    const char *k;
    json_t *v;
    /* Unknown and read-only fields first, so that a request with a typo is
     * told about the typo rather than about some other field's value. */
    json_object_foreach((json_t *)input, k, v)
    {
        const struct fld *f = entity_field(e, k);
        if (!f || (f->flags & F_HIDDEN)) {
            int rc = err_set(err, E_BAD_REQUEST, "Unknown field '%s' for %s",
                             k, e->name);
            err_detail_str(err, "field", k);
            return rc;
        }
        if ((f->flags & F_RO) || f->type == FT_ID ||
            ((f->flags & F_CREATE) && old)) {
            int rc = err_set(err, E_BAD_REQUEST, "Field '%s' is read-only",
                             k);
            err_detail_str(err, "field", k);
            return rc;
        }
    }
    json_object_foreach((json_t *)input, k, v)
    {
        const struct fld *f = entity_field(e, k);
        json_t *conv;
        int rc = convert(ctx, e, f, v, old, &conv, err);
        if (rc)
            return rc;
        json_object_set_new(row, f->name, conv);
    }
    return 0;
}

static int check_required(const struct entity *e, const json_t *row,
                          struct err *err)
{
    for (const struct fld *f = e->fields; f->name; f++) {
        if (!(f->flags & F_REQ))
            continue;
        json_t *v = json_object_get(row, f->name);
        if (!v || json_is_null(v)) {
            int rc = err_set(err, E_VALIDATION, "Field '%s' is required",
                             f->name);
            err_detail_str(err, "field", f->name);
            return rc;
        }
    }
    return 0;
}

/* Binds row values to the INSERT/UPDATE statement from index `idx` on. */
static void bind_row(const struct entity *e, struct db_stmt *st, int idx,
                     const json_t *row)
{
    for (const struct fld *f = e->fields; f->name; f++) {
        if (!is_column(f) || f->type == FT_ID)
            continue;
        json_t *v = json_object_get(row, f->name);
        if (!v || json_is_null(v)) {
            db_bind_null(st, idx++);
            continue;
        }
        switch (f->type) {
        case FT_INT:
        case FT_REF:
        case FT_USER:
        case FT_TIME:
            db_bind_int(st, idx++, json_integer_value(v));
            break;
        case FT_NUM: {
            double d = 0;
            jx_number(v, &d);
            db_bind_double(st, idx++, d);
            break;
        }
        case FT_BOOL:
            db_bind_int(st, idx++, json_is_true(v));
            break;
        case FT_JSON:
        case FT_CUSTOM: {
            char *s = jx_dump(v);
            db_bind_text(st, idx++, s);
            free(s);
            break;
        }
        default:
            db_bind_text(st, idx++, json_string_value(v));
        }
    }
}

static json_t *defaults(const struct entity *e)
{
    json_t *row = json_object();
    for (const struct fld *f = e->fields; f->name; f++) {
        json_t *v = NULL;
        if (f->dflt)
            v = json_loads(f->dflt, JSON_DECODE_ANY, NULL);
        if (!v)
            v = f->type == FT_TAGS ? json_array()
                : f->type == FT_CUSTOM ? json_object()
                : json_null();
        json_object_set_new(row, f->name, v);
    }
    return row;
}

static void stamp(const struct entity *e, json_t *row, bool create)
{
    json_int_t now = clock_now_ms();
    if (create && entity_field(e, "createdAt"))
        json_object_set_new(row, "createdAt", json_integer(now));
    if (entity_field(e, "updatedAt"))
        json_object_set_new(row, "updatedAt", json_integer(now));
}

/* A value that must be unique in the workspace is taken (the store put
 * the columns that clash in details.columns): say which field, with the
 * value asked for — "Tag 'webinar' already exists in this workspace". */
static void entity_taken(const struct entity *e, const json_t *row,
                         struct err *err)
{
    if (!err || err->code != E_CONFLICT)
        return;
    json_t *fields = json_array();
    char what[400] = "";
    size_t used = 0, i;
    json_t *c;
    const char *last = NULL;
    json_array_foreach(json_object_get(err->details, "columns"), i, c)
    {
        const struct fld *f = e->fields;
        while (f->name && !(f->col && !strcmp(f->col, json_string_value(c))))
            f++;
        const json_t *v = f->name ? json_object_get(row, f->name) : NULL;
        if (!json_is_string(v) || used >= sizeof what) {
            json_decref(fields);
            return; /* a value not said in words: the store's message */
        }
        last = f->name;
        json_array_append_new(fields, json_string(last));
        used += (size_t)snprintf(what + used, sizeof what - used,
                                 "%s%s '%s'", used ? " and " : "", last,
                                 json_string_value(v));
    }
    if (!last) {
        json_decref(fields);
        return;
    }
    if (json_array_size(fields) == 1 && !strcmp(last, "name"))
        err_set(err, E_CONFLICT, "%s '%s' already exists in this workspace",
                e->label, json_string_value(json_object_get(row, last)));
    else
        err_set(err, E_CONFLICT,
                "%s with %s already exists in this workspace", e->label,
                what);
    err_detail_str(err, "field", last);
    err_detail(err, "fields", fields);
}

int entity_create(struct crm_ctx *ctx, const struct entity *e,
                  const json_t *input, json_t **out, struct err *err)
{
    *out = NULL;
    json_t *row = defaults(e);
    int64_t id = 0;
    int rc = db_tx_begin(ctx->db, err);
    if (rc)
        goto out;
    rc = apply_input(ctx, e, input, row, NULL, err);
    if (rc)
        goto rollback;
    stamp(e, row, true);
    if (e->before_write) {
        rc = e->before_write(ctx, e, row, NULL, input, err);
        if (rc)
            goto rollback;
    }
    rc = check_required(e, row, err);
    if (rc)
        goto rollback;
    struct db_stmt *st = db_prepare(ctx->db, sql_of(e)->insert, err);
    if (!st) {
        rc = -E_INTERNAL;
        goto rollback;
    }
    db_bind_int(st, 1, ctx->ws);
    bind_row(e, st, 2, row);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        id = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0) {
        entity_taken(e, row, err);
        goto rollback;
    }
    json_object_set_new(row, "id", json_integer(id));
    if (e->after_write) {
        rc = e->after_write(ctx, e, id, row, NULL, err);
        if (rc)
            goto rollback;
    }
    rc = db_tx_commit(ctx->db, err);
    if (rc)
        goto rollback;
    rc = entity_get(ctx, e, id, out, err);
    goto out;
rollback:
    db_tx_rollback(ctx->db);
out:
    json_decref(row);
    return rc < 0 ? rc : 0;
}

int entity_update(struct crm_ctx *ctx, const struct entity *e, int64_t id,
                  const json_t *input, json_t **out, struct err *err)
{
    *out = NULL;
    json_t *old = NULL, *row = NULL;
    int rc = db_tx_begin(ctx->db, err);
    if (rc)
        return rc;
    rc = get_row(ctx, e, id, &old, err);
    if (rc)
        goto rollback;
    row = json_deep_copy(old);
    rc = apply_input(ctx, e, input, row, old, err);
    if (rc)
        goto rollback;
    stamp(e, row, false);
    if (e->before_write) {
        rc = e->before_write(ctx, e, row, old, input, err);
        if (rc)
            goto rollback;
    }
    rc = check_required(e, row, err);
    if (rc)
        goto rollback;
    struct db_stmt *st = db_prepare(ctx->db, sql_of(e)->update, err);
    if (!st) {
        rc = -E_INTERNAL;
        goto rollback;
    }
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, id);
    bind_row(e, st, 3, row);
    rc = db_step(st, err);
    db_reset(st);
    if (rc < 0) {
        entity_taken(e, row, err);
        goto rollback;
    }
    if (e->after_write) {
        rc = e->after_write(ctx, e, id, row, old, err);
        if (rc)
            goto rollback;
    }
    rc = db_tx_commit(ctx->db, err);
    if (rc)
        goto rollback;
    rc = entity_get(ctx, e, id, out, err);
    goto out;
rollback:
    db_tx_rollback(ctx->db);
out:
    json_decref(old);
    json_decref(row);
    return rc < 0 ? rc : 0;
}

int entity_delete(struct crm_ctx *ctx, const struct entity *e, int64_t id,
                  struct err *err)
{
    json_t *old = NULL;
    int rc = db_tx_begin(ctx->db, err);
    if (rc)
        return rc;
    rc = get_row(ctx, e, id, &old, err);
    if (rc)
        goto rollback;
    if (e->before_delete) {
        rc = e->before_delete(ctx, e, id, old, NULL, err);
        if (rc)
            goto rollback;
    }
    struct db_stmt *st = db_prepare(ctx->db, sql_of(e)->del, err);
    if (!st) {
        rc = -E_INTERNAL;
        goto rollback;
    }
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, id);
    if (e->soft_delete)
        db_bind_int(st, 3, clock_now_ms());
    rc = db_step(st, err);
    db_reset(st);
    if (rc < 0)
        goto rollback;
    rc = db_tx_commit(ctx->db, err);
    if (rc)
        goto rollback;
    json_decref(old);
    return 0;
rollback:
    db_tx_rollback(ctx->db);
    json_decref(old);
    return rc;
}

/* ---- lists ---------------------------------------------------------- */

int entity_time_value(const char *s, int64_t now_ms, int64_t *out)
{
    return clock_parse_when(s, now_ms, out);
}

static const char *op_sql(enum flt_op op)
{
    switch (op) {
    case OP_GT: return " > ";
    case OP_GTE: return " >= ";
    case OP_LT: return " < ";
    case OP_LTE: return " <= ";
    case OP_NE: return " <> ";
    default: return " = ";
    }
}

/* LIKE pattern matching `s` anywhere, with % _ and \ escaped. */
static char *like_pattern(const char *s)
{
    struct buf b;
    buf_init(&b, 0);
    buf_putc(&b, '%');
    for (; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\')
            buf_putc(&b, '\\');
        buf_putc(&b, *s);
    }
    buf_putc(&b, '%');
    return buf_steal(&b);
}

static int bad_filter(struct err *err, const char *name, const char *why)
{
    int rc = err_set(err, E_BAD_REQUEST, "Filter '%s': %s", name, why);
    err_detail_str(err, "filter", name);
    return rc;
}

static int parse_bool(const char *s, bool *out)
{
    if (str_eq_ci(s, "true") || strcmp(s, "1") == 0) {
        *out = true;
        return 0;
    }
    if (str_eq_ci(s, "false") || strcmp(s, "0") == 0) {
        *out = false;
        return 0;
    }
    return -1;
}

/* Appends "(col IS NOT NULL AND col <> '')" or its negation. */
static int exists_sql(struct qb *q, const char *expr, const char *value,
                      const char *name, struct err *err)
{
    bool want = true;
    if (value && *value && parse_bool(value, &want))
        return bad_filter(err, name, "exists takes true or false");
    qb_sql(q, want ? "(" : "NOT (");
    qb_sql(q, expr);
    qb_sql(q, " IS NOT NULL AND ");
    qb_sql(q, expr);
    qb_sql(q, " <> '')");
    return 0;
}

static int filter_sql(struct crm_ctx *ctx, const struct entity *e,
                      const struct list_filter *lf, struct qb *q,
                      struct err *err)
{
    char expr[160];
    const char *t = e->table;
    if (lf->search) {
        char *pat = like_pattern(lf->value);
        qb_sql(q, "(");
        bool first = true;
        int idx = 0;
        for (const struct fld *f = e->fields; f->name; f++) {
            if (!(f->flags & F_SEARCH))
                continue;
            snprintf(expr, sizeof expr, "%s%s.%s LIKE ", first ? "" : " OR ",
                     t, f->col);
            qb_sql(q, expr);
            if (first) {
                qb_text(q, pat);
                idx = qb_last(q);
            } else {
                qb_ref(q, idx);
            }
            qb_sql(q, " ESCAPE '\\'");
            first = false;
        }
        qb_sql(q, first ? "1)" : ")");
        free(pat);
        return 0;
    }
    if (!lf->f) {
        /* Custom field: json_extract(custom, '$."key"'). */
        char path[80];
        snprintf(path, sizeof path, "$.\"%s\"", lf->custom_key);
        snprintf(expr, sizeof expr, "json_extract(%s.custom, ", t);
        if (lf->op == OP_EXISTS) {
            bool want = true;
            if (lf->value && *lf->value && parse_bool(lf->value, &want))
                return bad_filter(err, lf->custom_key,
                                  "exists takes true or false");
            qb_sql(q, expr);
            qb_text(q, path);
            qb_sql(q, want ? ") IS NOT NULL" : ") IS NULL");
            return 0;
        }
        qb_sql(q, expr);
        qb_text(q, path);
        qb_sql(q, ")");
        double d;
        if (lf->op == OP_CONTAINS) {
            char *pat = like_pattern(lf->value);
            qb_sql(q, " LIKE ");
            qb_text(q, pat);
            qb_sql(q, " ESCAPE '\\'");
            free(pat);
        } else if (str_parse_double(lf->value, &d) == 0) {
            qb_sql(q, op_sql(lf->op));
            qb_double(q, d);
        } else {
            qb_sql(q, op_sql(lf->op));
            qb_text(q, lf->value);
            qb_sql(q, " COLLATE NOCASE");
        }
        return 0;
    }
    const struct fld *f = lf->f;
    if (f->type == FT_TAGS) {
        if (lf->op != OP_EQ && lf->op != OP_CONTAINS && lf->op != OP_NE)
            return bad_filter(err, f->name, "tags take eq, contains or ne");
        snprintf(expr, sizeof expr,
                 "%s.id %sIN (SELECT ct.contact_id FROM tags g JOIN "
                 "contact_tags ct ON ct.tag_id = g.id WHERE g.workspace_id = ",
                 t, lf->op == OP_NE ? "NOT " : "");
        qb_sql(q, expr);
        qb_int(q, ctx->ws);
        qb_sql(q, " AND g.name = ");
        qb_text(q, lf->value);
        qb_sql(q, ")");
        return 0;
    }
    snprintf(expr, sizeof expr, "%s.%s", t, f->col);
    if (lf->op == OP_EXISTS)
        return exists_sql(q, expr, lf->value, f->name, err);
    switch (f->type) {
    case FT_TEXT:
    case FT_ENUM:
        if (lf->op == OP_CONTAINS) {
            char *pat = like_pattern(lf->value);
            qb_sql(q, expr);
            qb_sql(q, " LIKE ");
            qb_text(q, pat);
            qb_sql(q, " ESCAPE '\\'");
            free(pat);
            return 0;
        }
        if (lf->op == OP_NE) {
            qb_sql(q, "(");
            qb_sql(q, expr);
            qb_sql(q, " IS NULL OR ");
            qb_sql(q, expr);
            qb_sql(q, " <> ");
            qb_text(q, lf->value);
            qb_sql(q, ")");
            return 0;
        }
        qb_sql(q, expr);
        qb_sql(q, op_sql(lf->op));
        qb_text(q, lf->value);
        return 0;
    case FT_ID:
    case FT_INT:
    case FT_REF:
    case FT_USER:
    case FT_NUM: {
        double d;
        if (lf->op == OP_CONTAINS)
            return bad_filter(err, f->name, "contains works on text only");
        if (str_parse_double(lf->value, &d))
            return bad_filter(err, f->name, "expected a number");
        if (f->type != FT_NUM && fabs(d) > 9e15)
            return bad_filter(err, f->name, "the number is out of range");
        qb_sql(q, expr);
        qb_sql(q, op_sql(lf->op));
        if (f->type == FT_NUM)
            qb_double(q, d);
        else
            qb_int(q, (int64_t)d);
        return 0;
    }
    case FT_BOOL: {
        bool b;
        if (lf->op != OP_EQ && lf->op != OP_NE)
            return bad_filter(err, f->name, "booleans take eq or ne");
        if (parse_bool(lf->value, &b))
            return bad_filter(err, f->name, "expected true or false");
        qb_sql(q, expr);
        qb_sql(q, op_sql(lf->op));
        qb_int(q, b);
        return 0;
    }
    case FT_TIME: {
        int64_t ms;
        if (lf->op == OP_CONTAINS)
            return bad_filter(err, f->name, "contains works on text only");
        if (entity_time_value(lf->value, clock_now_ms(), &ms))
            return bad_filter(err, f->name,
                              "expected an ISO 8601 time or a relative time "
                              "such as now-7d or today");
        qb_sql(q, expr);
        qb_sql(q, op_sql(lf->op));
        qb_int(q, ms);
        return 0;
    }
    default:
        return bad_filter(err, f->name, "cannot filter on this field");
    }
}

/* Cursor = base64url of the JSON [sortValue, id] of the last row shown. */
static char *cursor_encode(const json_t *sortv, int64_t id)
{
    json_t *a = json_pack("[O,I]", sortv ? sortv : json_null(),
                          (json_int_t)id);
    char *s = jx_dump(a);
    json_decref(a);
    char *c = str_b64url_encode((const unsigned char *)s, strlen(s));
    free(s);
    return c;
}

static int cursor_decode(const char *c, json_t **sortv, int64_t *id,
                         struct err *err)
{
    unsigned char raw[600];
    long n = str_b64url_decode(c, raw, sizeof raw - 1);
    json_t *a = NULL;
    if (n > 0)
        a = json_loadb((const char *)raw, (size_t)n, 0, NULL);
    if (!json_is_array(a) || json_array_size(a) != 2 ||
        !json_is_integer(json_array_get(a, 1))) {
        json_decref(a);
        return err_set(err, E_BAD_REQUEST,
                       "Invalid cursor; pass nextCursor from a previous page "
                       "unchanged");
    }
    *sortv = json_incref(json_array_get(a, 0));
    *id = json_integer_value(json_array_get(a, 1));
    json_decref(a);
    return 0;
}

static void bind_json_scalar(struct qb *q, const json_t *v)
{
    if (json_is_integer(v))
        qb_int(q, json_integer_value(v));
    else if (json_is_real(v))
        qb_double(q, json_real_value(v));
    else if (json_is_string(v))
        qb_text(q, json_string_value(v));
    else if (json_is_boolean(v))
        qb_int(q, json_is_true(v));
    else
        qb_null(q);
}

/* The value of column `col` as the JSON scalar a cursor carries. */
static json_t *col_scalar(const struct fld *f, struct db_stmt *st, int col)
{
    if (db_col_is_null(st, col))
        return json_null();
    switch (f->type) {
    case FT_NUM:
        return json_real(db_col_double(st, col));
    case FT_TEXT:
    case FT_ENUM:
        return jx_string(db_col_text(st, col));
    default:
        return json_integer(db_col_int(st, col));
    }
}

static int field_index(const struct entity *e, const struct fld *want)
{
    int i = 0;
    for (const struct fld *f = e->fields; f->name; f++, i++)
        if (f == want)
            return i;
    return 0;
}

int entity_list(struct crm_ctx *ctx, const struct entity *e,
                const struct list_query *lq, struct buf *out, struct err *err)
{
    const struct entity_sql *s = sql_of(e);
    const char *t = e->table;
    int limit = lq->limit > 0 ? lq->limit : LIST_DEFAULT_LIMIT;
    if (limit > LIST_MAX_LIMIT)
        limit = LIST_MAX_LIMIT;
    const struct fld *sort = lq->sort;
    char frag[256];
    json_t *csort = NULL, *last_sort = NULL;
    int rc = 0;
    struct qb q;
    qb_init(&q);

    qb_sql(&q, "SELECT ");
    qb_sql(&q, s->select_list);
    snprintf(frag, sizeof frag, " FROM %s WHERE %s.workspace_id = ", t, t);
    qb_sql(&q, frag);
    qb_int(&q, ctx->ws);
    if (e->soft_delete) {
        snprintf(frag, sizeof frag, " AND %s.deleted_at IS NULL", t);
        qb_sql(&q, frag);
    }
    for (int i = 0; i < lq->nfilters; i++) {
        qb_sql(&q, " AND ");
        rc = filter_sql(ctx, e, &lq->filters[i], &q, err);
        if (rc)
            goto out;
    }
    const char *cmp = lq->desc ? "<" : ">";
    /* A field of a few values sorts in the order they are declared (a
     * deal's stages as the pipeline goes: Lead, Qualified, ... Closed
     * Lost), not by their names: its rank is its place in "|Lead|...|",
     * bound as text like any value. */
    char order[512] = "";
    if (sort && sort->type == FT_ENUM && sort->values) {
        size_t n = 0;
        n += (size_t)snprintf(order + n, sizeof order - n, "|");
        for (const char *const *v = sort->values; *v && n < sizeof order;
             v++)
            n += (size_t)snprintf(order + n, sizeof order - n, "%s|", *v);
    }
    if (lq->cursor) {
        int64_t cid = 0;
        rc = cursor_decode(lq->cursor, &csort, &cid, err);
        if (rc)
            goto out;
        if (sort && order[0]) {
            qb_sql(&q, " AND (instr(");
            qb_text(&q, order);
            snprintf(frag, sizeof frag, ", '|' || %s.%s || '|'), %s.id) %s "
                                        "(instr(", t, sort->col, t, cmp);
            qb_sql(&q, frag);
            qb_text(&q, order);
            qb_sql(&q, ", '|' || ");
            bind_json_scalar(&q, csort);
            qb_sql(&q, " || '|'), ");
            qb_int(&q, cid);
            qb_sql(&q, ")");
        } else if (sort) {
            snprintf(frag, sizeof frag, " AND (%s.%s, %s.id) %s (", t,
                     sort->col, t, cmp);
            qb_sql(&q, frag);
            bind_json_scalar(&q, csort);
            qb_sql(&q, ", ");
            qb_int(&q, cid);
            qb_sql(&q, ")");
        } else {
            snprintf(frag, sizeof frag, " AND %s.id %s ", t, cmp);
            qb_sql(&q, frag);
            qb_int(&q, cid);
        }
    }
    const char *dir = lq->desc ? "DESC" : "ASC";
    if (sort && order[0]) {
        qb_sql(&q, " ORDER BY instr(");
        qb_text(&q, order);
        snprintf(frag, sizeof frag, ", '|' || %s.%s || '|') %s, %s.id %s "
                                    "LIMIT ", t, sort->col, dir, t, dir);
    } else if (sort)
        snprintf(frag, sizeof frag, " ORDER BY %s.%s %s, %s.id %s LIMIT ", t,
                 sort->col, dir, t, dir);
    else
        snprintf(frag, sizeof frag, " ORDER BY %s.id %s LIMIT ", t, dir);
    qb_sql(&q, frag);
    qb_int(&q, limit + 1); /* one more tells whether a next page exists */

    struct db_stmt *st = qb_prepare(&q, ctx->db, err);
    if (!st) {
        rc = -E_BAD_REQUEST;
        goto out;
    }
    int sort_col = sort ? field_index(e, sort) : 0;
    int id_col = field_index(e, entity_field(e, "id"));
    int64_t last_id = 0;
    int n = 0;
    bool more = false;
    buf_puts(out, "{\"data\":[");
    while ((rc = db_step(st, err)) == DB_ROW) {
        if (n == limit) {
            more = true;
            break;
        }
        if (n++)
            buf_putc(out, ',');
        row_out(ctx, e, st, out);
        last_id = db_col_int(st, id_col);
        if (sort) {
            json_decref(last_sort);
            last_sort = col_scalar(sort, st, sort_col);
        }
    }
    db_reset(st);
    if (rc < 0)
        goto out;
    buf_puts(out, "],\"nextCursor\":");
    if (more) {
        char *next = cursor_encode(last_sort, last_id);
        buf_printf(out, "\"%s\"", next);
        free(next);
    } else {
        buf_puts(out, "null");
    }
    buf_printf(out, ",\"limit\":%d}", limit);
    rc = 0;
out:
    json_decref(csort);
    json_decref(last_sort);
    qb_fini(&q);
    return rc;
}
