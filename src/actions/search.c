/*
 * search: search_contacts and search_deals.
 *
 * The condition is compiled to one SQL query: fields of the searched
 * entity and of its company (and a deal's contact) become columns from the
 * CRM's field tables, custom fields become json_extract() on the row's
 * custom document, tags a membership subquery; every value is bound. A
 * leaf whose field does not resolve counts as false, also under "not"
 * (plan.md): a leaf under a "not" is wrapped in COALESCE(..., 0) (elsewhere
 * its NULL already fails the WHERE, AND and OR alike). Fields that are not
 * of a row (memory, search, trigger, steps) are evaluated once, here, and
 * enter the query as a constant. The result becomes the current set.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions/action.h"
#include "actions/steps.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/str.h"
#include "crm/custom.h"
#include "crm/resources.h"
#include "plan/cond.h"
#include "store/qb.h"

/* Longest set kept; a larger match is cut with a warning. */
#define SEARCH_CAP 10000

struct sq {
    struct qb *q;
    struct act_env *env;
    struct act_out *out;
    bool deals;
    bool need_company, need_contact;
    int nots; /* "not"s around the leaf being written */
};

/* Where a root's columns come from in the query, or NULL. */
static const char *alias_of(struct sq *s, const char *root,
                            const struct entity **e)
{
    if (!strcmp(root, "contact")) {
        *e = &crm_contacts;
        if (s->deals) {
            s->need_contact = true;
            return "ct";
        }
        return "c";
    }
    if (!strcmp(root, "company")) {
        *e = &crm_companies;
        s->need_company = true;
        return "co";
    }
    if (!strcmp(root, "deal") && s->deals) {
        *e = &crm_deals;
        return "d";
    }
    return NULL;
}

/* " agentd_contains(<expr>, ?)" (store/db.h): the needle as the in-memory
 * condition would read it, a number as %g. The caller has written the
 * function name and the opening parenthesis and expr. */
static void bind_needle(struct sq *s, const json_t *value)
{
    double d;
    char num[64];
    const char *needle = json_string_value(value);
    if (!needle && jx_number(value, &d)) {
        snprintf(num, sizeof num, "%g", d);
        needle = num;
    }
    qb_sql(s->q, ", ");
    if (needle)
        qb_text(s->q, needle);
    else
        qb_null(s->q); /* nothing to look for: false */
    qb_sql(s->q, ")");
}

static const char *sql_op(const char *op)
{
    if (!strcmp(op, "!="))
        return " <> ";
    if (!strcmp(op, "==") || !strcmp(op, "contains"))
        return " = ";
    return !strcmp(op, ">")    ? " > "
           : !strcmp(op, "<")  ? " < "
           : !strcmp(op, ">=") ? " >= "
                               : " <= ";
}

/* Binds a comparison value of a column of type t. */
static int bind_value(struct sq *s, enum fld_type t, const json_t *v,
                      const char *field, struct err *err)
{
    double d;
    int64_t ms;
    switch (t) {
    case FT_TIME:
        if (json_is_string(v) &&
            clock_parse_when(json_string_value(v), s->env->now, &ms) == 0) {
            qb_int(s->q, ms);
            return 0;
        }
        return err_set(err, E_VALIDATION,
                       "%s needs a time such as now-7d, today or "
                       "2026-11-21, not %s",
                       field, json_is_string(v) ? json_string_value(v)
                                                : "this value");
    case FT_BOOL:
        if (json_is_boolean(v)) {
            qb_int(s->q, json_is_true(v));
            return 0;
        }
        return err_set(err, E_VALIDATION, "%s is true or false", field);
    case FT_INT:
    case FT_NUM:
    case FT_REF:
    case FT_USER:
    case FT_ID:
        if (jx_number(v, &d) ||
            (json_is_string(v) && sscanf(json_string_value(v), "%lf", &d) == 1)) {
            qb_double(s->q, d);
            return 0;
        }
        return err_set(err, E_VALIDATION, "%s is a number", field);
    default:
        if (json_is_string(v))
            qb_text(s->q, json_string_value(v));
        else if (jx_number(v, &d))
            qb_double(s->q, d);
        else if (json_is_boolean(v))
            qb_text(s->q, json_is_true(v) ? "true" : "false");
        else
            qb_null(s->q);
        return 0;
    }
}

/* json_extract(<alias>.custom, ?): a custom field of the row, its path
 * bound, not pasted into the SQL. */
static void custom_value(struct sq *s, const char *alias, const char *jpath)
{
    char head[64];
    snprintf(head, sizeof head, "json_extract(%s.custom, ", alias);
    qb_sql(s->q, head);
    qb_text(s->q, jpath);
    qb_sql(s->q, ")");
}

static int leaf_sql(struct sq *s, const json_t *c, struct err *err)
{
    const char *field = jx_str(c, "field");
    const char *op = jx_str(c, "operator");
    char path[256];
    snprintf(path, sizeof path, "%s", field[0] == '@' ? field + 1 : field);
    /* Bare names in a search mean the searched entity. */
    if (!strchr(path, '.')) {
        char q[300];
        snprintf(q, sizeof q, "%s.%.200s", s->deals ? "deal" : "contact",
                 path);
        snprintf(path, sizeof path, "%.255s", q);
    }
    char *dot = strchr(path, '.');
    *dot = '\0';
    const char *root = path, *name = dot + 1;
    const struct entity *e = NULL;
    const char *alias = alias_of(s, root, &e);
    if (!alias) {
        if (!strcmp(root, "deal") || !strcmp(root, "contact") ||
            !strcmp(root, "company"))
            return err_set(err, E_VALIDATION,
                           "%s.%s cannot be used in a %s search", root, name,
                           s->deals ? "deal" : "contact");
        /* memory.x, trigger.x ...: known now, the same for every row. */
        struct vars v;
        act_vars(s->env, NULL, &v);
        bool r = cond_eval(c, &v, s->env->now, s->out->warnings);
        qb_sql(s->q, r ? "1" : "0");
        return 0;
    }
    json_t *value = json_object_get(c, "value");
    json_t *resolved = NULL;
    if (json_is_string(value) && vars_present(json_string_value(value))) {
        struct vars v;
        act_vars(s->env, NULL, &v);
        resolved = vars_value(&v, json_string_value(value));
        if (!resolved) {
            struct buf b;
            buf_init(&b, 10000);
            vars_render(&v, json_string_value(value), &b, NULL);
            resolved = json_string(buf_cstr(&b));
            buf_fini(&b);
        }
        value = resolved;
    }
    const struct fld *f = entity_field(e, name);
    char expr[256];
    int rc = 0;
    qb_sql(s->q, s->nots ? "COALESCE((" : "((");
    if (f && f->type == FT_TAGS) {
        /* tags contains 'x': membership (also ==) */
        if (!strcmp(op, "exists")) {
            snprintf(expr, sizeof expr,
                     "EXISTS (SELECT 1 FROM contact_tags x WHERE "
                     "x.contact_id = %s.id)",
                     alias);
            qb_sql(s->q, expr);
        } else {
            snprintf(expr, sizeof expr,
                     "%s.id %sIN (SELECT x.contact_id FROM tags g JOIN "
                     "contact_tags x ON x.tag_id = g.id WHERE g.workspace_id"
                     " = ",
                     alias, !strcmp(op, "!=") ? "NOT " : "");
            qb_sql(s->q, expr);
            qb_int(s->q, s->env->crm->ws);
            qb_sql(s->q, " AND g.name = ");
            qb_text(s->q, json_is_string(value) ? json_string_value(value)
                                                : "");
            qb_sql(s->q, ")");
        }
        goto close;
    }
    enum fld_type t = FT_TEXT;
    if (f && f->col && f->type != FT_CUSTOM) {
        snprintf(expr, sizeof expr, "%s.%s", alias, f->col);
        t = f->type;
    } else {
        /* A custom field of the row. */
        char jpath[160];
        snprintf(jpath, sizeof jpath, "$.\"%s\"", name);
        double d;
        if (!strcmp(op, "exists")) {
            custom_value(s, alias, jpath);
            qb_sql(s->q, " IS NOT NULL");
        } else if (!strcmp(op, "contains")) {
            qb_sql(s->q, "agentd_contains(");
            custom_value(s, alias, jpath);
            bind_needle(s, value);
        } else if (jx_number(value, &d)) {
            /* Compared as numbers, as a condition in memory compares
             * them: text that reads as no number ("A" > 80) is not
             * ordered against a number (SQL puts all text after all
             * numbers) and is unequal to it; "42" is 42. */
            bool ne = !strcmp(op, "!=");
            char type[16];
            struct err te = ERR_INIT;
            if (custom_type(s->env->crm, root, name, type, &te) == 0 &&
                (!strcmp(type, "string") || !strcmp(type, "enum")))
                act_warn(s->out,
                         "Custom field '%s' holds text (%s), compared here "
                         "with the number %g: only values that read as a "
                         "number can match",
                         name, type, d);
            err_clear(&te);
            if (ne) {
                custom_value(s, alias, jpath);
                qb_sql(s->q, " IS NOT NULL AND ");
            }
            qb_sql(s->q, "agentd_num(");
            custom_value(s, alias, jpath);
            qb_sql(s->q, ne ? ") IS NOT " : ")");
            if (!ne)
                qb_sql(s->q, sql_op(op));
            qb_double(s->q, d);
        } else if (json_is_boolean(value)) {
            custom_value(s, alias, jpath);
            qb_sql(s->q, sql_op(op));
            qb_int(s->q, json_is_true(value));
        } else {
            custom_value(s, alias, jpath);
            qb_sql(s->q, sql_op(op));
            rc = bind_value(s, FT_TEXT, value, field, err);
            qb_sql(s->q, " COLLATE NOCASE");
        }
        goto close;
    }
    if (!strcmp(op, "exists")) {
        qb_sql(s->q, expr);
        qb_sql(s->q, t == FT_TEXT || t == FT_ENUM ? " IS NOT NULL AND " :
                                                    " IS NOT NULL");
        if (t == FT_TEXT || t == FT_ENUM) {
            qb_sql(s->q, expr);
            qb_sql(s->q, " <> ''");
        }
        goto close;
    }
    if (!strcmp(op, "contains")) {
        qb_sql(s->q, "agentd_contains(");
        qb_sql(s->q, expr);
        bind_needle(s, value);
        goto close;
    }
    if (json_is_array(value) && (!strcmp(op, "==") || !strcmp(op, "!="))) {
        /* "skip contacts in @memory.processed": membership in a list. */
        char *list = jx_dump(value);
        qb_sql(s->q, expr);
        qb_sql(s->q, !strcmp(op, "==") ? " IN " : " NOT IN ");
        qb_sql(s->q, "(SELECT value FROM json_each(");
        qb_text(s->q, list);
        qb_sql(s->q, "))");
        free(list);
        goto close;
    }
    char whole[300];
    snprintf(whole, sizeof whole, "%s.%s", root, name);
    int kind = str_key_kind_of(whole);
    if (kind >= 0 && json_is_string(value) &&
        (!strcmp(op, "==") || !strcmp(op, "!="))) {
        /* "in the US" finds the contacts whose country is "United
         * States", "from trade shows" a source "Trade Show" (plan/cond.c
         * compares the same way) */
        qb_sql(s->q, "agentd_key(");
        qb_int(s->q, kind);
        qb_sql(s->q, ", ");
        qb_sql(s->q, expr);
        qb_sql(s->q, ")");
        qb_sql(s->q, sql_op(op));
        qb_sql(s->q, "agentd_key(");
        qb_int(s->q, kind);
        qb_sql(s->q, ", ");
        qb_text(s->q, json_string_value(value));
        qb_sql(s->q, ")");
        goto close;
    }
    qb_sql(s->q, expr);
    qb_sql(s->q, sql_op(op));
    rc = bind_value(s, t, value, field, err);
close:
    qb_sql(s->q, s->nots ? "), 0)" : "))");
    json_decref(resolved);
    return rc;
}

static int cond_sql(struct sq *s, const json_t *c, int depth,
                    struct err *err)
{
    if (depth > 32)
        return err_set(err, E_VALIDATION, "The condition nests too deeply");
    json_t *x;
    if ((x = json_object_get(c, "and")) || (x = json_object_get(c, "or"))) {
        const char *kw = json_object_get(c, "and") ? " AND " : " OR ";
        qb_sql(s->q, "(");
        size_t i;
        json_t *y;
        json_array_foreach(x, i, y)
        {
            if (i)
                qb_sql(s->q, kw);
            int rc = cond_sql(s, y, depth + 1, err);
            if (rc)
                return rc;
        }
        qb_sql(s->q, json_array_size(x) ? ")" : "1)");
        return 0;
    }
    if ((x = json_object_get(c, "not"))) {
        qb_sql(s->q, "NOT (");
        s->nots++;
        int rc = cond_sql(s, x, depth + 1, err);
        s->nots--;
        qb_sql(s->q, ")");
        return rc;
    }
    return leaf_sql(s, c, err);
}

static int search(struct act_env *env, const json_t *params,
                  struct act_out *out, bool deals, struct err *err)
{
    struct qb where, q;
    qb_init(&where);
    qb_init(&q);
    struct sq s = {.q = &where, .env = env, .out = out, .deals = deals};
    int rc = 0;
    /* A trigger's target filter narrows every contact search of the run. */
    const json_t *where_in = json_object_get(params, "where");
    const json_t *filter = deals ? NULL : json_object_get(env->ctx, "filter");
    json_t *both = where_in && json_is_object(filter)
                       ? json_pack("{s:[O, O]}", "and", where_in, filter)
                       : NULL;
    const json_t *cond = both                     ? both
                         : where_in               ? where_in
                         : json_is_object(filter) ? filter
                                                  : NULL;
    if (cond) {
        rc = cond_sql(&s, cond, 0, err);
        if (rc)
            goto out;
    }
    int64_t limit = SEARCH_CAP, cap = SEARCH_CAP, given;
    json_t *r = json_object_get(env->agent, "restrictions");
    if (jx_int(r, "maxContactsPerRun", &cap) == 0 && cap > 0 && !deals)
        limit = cap < SEARCH_CAP ? cap : SEARCH_CAP;
    if (jx_int(params, "limit", &given) == 0 && given < limit)
        limit = given;
    /* The WHERE part was built first to learn which joins it needs; its
     * parameters are numbered after those of the head. */
    if (deals) {
        qb_sql(&q, "SELECT d.id FROM deals d");
        if (s.need_contact || s.need_company)
            qb_sql(&q, " LEFT JOIN contacts ct ON ct.id = d.contact_id");
        if (s.need_company)
            qb_sql(&q, " LEFT JOIN companies co ON co.id = "
                       "COALESCE(d.company_id, ct.company_id)");
        qb_sql(&q, " WHERE d.workspace_id = ");
    } else {
        qb_sql(&q, "SELECT c.id FROM contacts c");
        if (s.need_company)
            qb_sql(&q, " LEFT JOIN companies co ON co.id = c.company_id");
        qb_sql(&q, " WHERE c.workspace_id = ");
    }
    qb_int(&q, env->crm->ws);
    if (cond) {
        qb_sql(&q, " AND ");
        /* Splice the WHERE text with its placeholders renumbered. */
        const char *w = buf_cstr(&where.sql);
        int base = qb_last(&q);
        for (const char *p = w; *p;) {
            if (*p == '?') {
                int n = 0;
                p++;
                while (*p >= '0' && *p <= '9')
                    n = n * 10 + (*p++ - '0');
                qb_ref(&q, base + n);
            } else {
                const char *e = strchr(p, '?');
                size_t len = e ? (size_t)(e - p) : strlen(p);
                char chunk[1024];
                while (len) {
                    size_t k = len < sizeof chunk - 1 ? len : sizeof chunk - 1;
                    memcpy(chunk, p, k);
                    chunk[k] = '\0';
                    qb_sql(&q, chunk);
                    p += k;
                    len -= k;
                }
            }
        }
        /* Move the WHERE values over, in order. */
        for (int i = 0; i < where.n; i++) {
            if (q.n >= QB_MAX_PARAMS) {
                q.overflow = true;
                break;
            }
            q.vals[q.n++] = where.vals[i];
            where.vals[i].s = NULL;
        }
        where.n = 0;
    }
    qb_sql(&q, deals ? " ORDER BY d.id LIMIT " : " ORDER BY c.id LIMIT ");
    qb_int(&q, limit + 1);
    struct db_stmt *st = qb_prepare(&q, env->crm->db, err);
    if (!st) {
        rc = -E_VALIDATION;
        goto out;
    }
    json_t *ids = json_array();
    while ((rc = db_step(st, err)) == DB_ROW) {
        if ((int64_t)json_array_size(ids) == limit) {
            if (limit == cap || limit == SEARCH_CAP)
                act_warn(out,
                         "The search matched more than %lld %s; the first "
                         "%lld are used",
                         (long long)limit, deals ? "deals" : "contacts",
                         (long long)limit);
            break;
        }
        json_array_append_new(ids, json_integer(db_col_int(st, 0)));
    }
    db_reset(st);
    if (rc < 0) {
        json_decref(ids);
        goto out;
    }
    rc = 0;
    size_t n = json_array_size(ids);
    out->output = json_pack("{s:I}", "count", (json_int_t)n);
    out->set = json_pack("{s:s, s:o}", "kind", deals ? "deal" : "contact",
                         "ids", ids);
    act_count(out, deals ? "dealsFound" : "contactsFound", (int64_t)n);
    if (n == 0)
        act_warn(out, "The search found no %s", deals ? "deals" : "contacts");
out:
    json_decref(both);
    qb_fini(&where);
    qb_fini(&q);
    return rc;
}

int act_search_contacts(struct act_env *env, const json_t *params,
                        struct act_out *out, struct err *err)
{
    return search(env, params, out, false, err);
}

int act_search_deals(struct act_env *env, const json_t *params,
                     struct act_out *out, struct err *err)
{
    return search(env, params, out, true, err);
}
