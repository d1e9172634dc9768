/* tags: tag creation and contact tagging; see tags.h. */
#include "crm/tags.h"

#include <string.h>

#include "core/clock.h"
#include "core/jsonx.h"
#include "core/str.h"
#include "core/xalloc.h"

int tags_normalize(const json_t *in, const char *field, json_t **out,
                   struct err *err)
{
    *out = NULL;
    if (!json_is_array(in)) {
        int rc = err_set(err, E_BAD_REQUEST,
                         "Field '%s' must be an array of strings", field);
        err_detail_str(err, "field", field);
        return rc;
    }
    if (json_array_size(in) > TAGS_MAX_PER_CONTACT) {
        int rc = err_set(err, E_VALIDATION, "At most %d tags are allowed",
                         TAGS_MAX_PER_CONTACT);
        err_detail_str(err, "field", field);
        return rc;
    }
    json_t *norm = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(in, i, v)
    {
        if (!json_is_string(v)) {
            json_decref(norm);
            int rc = err_set(err, E_BAD_REQUEST,
                             "Field '%s' must be an array of strings", field);
            err_detail_str(err, "field", field);
            return rc;
        }
        const char *s = json_string_value(v);
        while (*s == ' ' || *s == '\t')
            s++;
        size_t n = strlen(s);
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        if (n == 0 || n > TAG_MAX_LEN) {
            json_decref(norm);
            int rc = err_set(err, E_VALIDATION,
                             "Tag names must be 1 to %d characters",
                             TAG_MAX_LEN);
            err_detail_str(err, "field", field);
            return rc;
        }
        char *name = xstrndup(s, n);
        bool dup = false;
        size_t j;
        json_t *w;
        json_array_foreach(norm, j, w) if (str_eq_ci(json_string_value(w),
                                                     name)) dup = true;
        if (!dup)
            json_array_append_new(norm, json_string(name));
        free(name);
    }
    *out = norm;
    return 0;
}

/* The id of the workspace's tag with this name, or *id = 0. */
static int tags_find(struct crm_ctx *ctx, const char *name, int64_t *id,
                     struct err *err)
{
    *id = 0;
    struct db_stmt *st = db_prepare(
        ctx->db, "SELECT id FROM tags WHERE workspace_id = ?1 AND name = ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_text(st, 2, name);
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

int tags_ensure(struct crm_ctx *ctx, const char *name, int64_t *id,
                struct err *err)
{
    /* Almost always the tag exists: a lookup, and an insert only when it
     * does not (no RETURNING: SQLite buffers it in a temporary table). */
    int rc = tags_find(ctx, name, id, err);
    if (rc || *id)
        return rc;
    struct db_stmt *st = db_prepare(ctx->db,
                    "INSERT INTO tags (workspace_id, name, created_at, "
                    "updated_at) VALUES (?1, ?2, ?3, ?3)",
                    err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_text(st, 2, name);
    db_bind_int(st, 3, clock_now_ms());
    rc = db_step(st, err);
    db_reset(st);
    if (rc < 0)
        return rc;
    *id = db_last_id(ctx->db);
    return 0;
}

int tags_set_contact(struct crm_ctx *ctx, int64_t contact_id,
                     const json_t *names, struct err *err)
{
    struct db_stmt *st = db_prepare(
        ctx->db,
        "DELETE FROM contact_tags WHERE workspace_id = ?1 AND contact_id = ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, contact_id);
    int rc = db_step(st, err);
    db_reset(st);
    if (rc < 0)
        return rc;
    return tags_add(ctx, &contact_id, 1, names, NULL, err);
}

/* The ids as JSON array text, for json_each(): one prepared statement
 * whatever the number of contacts. */
static char *id_list(const int64_t *ids, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_integer(ids[i]));
    char *s = jx_dump(a);
    json_decref(a);
    return s;
}

/* One statement per tag for all the contacts. The adding one walks the id
 * list and looks each contact up by key (CROSS JOIN keeps that order):
 * "c.id IN (SELECT value FROM json_each(?))" made SQLite build a temporary
 * index of the list first, and a statement per contact pays SQLite's
 * per-statement set-up each time; both cost more. */
static int tag_many(struct crm_ctx *ctx, const int64_t *ids, size_t n,
                    const json_t *names, bool add, int64_t *changed,
                    struct err *err)
{
    if (changed)
        *changed = 0;
    if (n == 0 || json_array_size(names) == 0)
        return 0;
    int rc = db_tx_begin(ctx->db, err);
    if (rc)
        return rc;
    char *list = id_list(ids, n);
    size_t i;
    json_t *v;
    json_array_foreach(names, i, v)
    {
        int64_t tag_id = 0;
        const char *name = json_string_value(v);
        rc = add ? tags_ensure(ctx, name, &tag_id, err)
                 : tags_find(ctx, name, &tag_id, err);
        if (rc < 0)
            break;
        if (!tag_id)
            continue; /* removing a tag the workspace does not have */
        /* Only contacts of this workspace are linked. */
        struct db_stmt *st = db_prepare(
            ctx->db,
            add ? "INSERT INTO contact_tags (contact_id, tag_id, "
                  "workspace_id) SELECT c.id, ?2, ?1 FROM json_each(?3) j "
                  "CROSS JOIN contacts c ON c.id = j.value WHERE "
                  "c.workspace_id = ?1 ON CONFLICT DO NOTHING"
                : "DELETE FROM contact_tags WHERE tag_id = ?2 AND "
                  "workspace_id = ?1 AND contact_id IN (SELECT value FROM "
                  "json_each(?3))",
            err);
        if (!st) {
            rc = -E_INTERNAL;
            break;
        }
        db_bind_int(st, 1, ctx->ws);
        db_bind_int(st, 2, tag_id);
        db_bind_text(st, 3, list);
        rc = db_step(st, err);
        db_reset(st);
        if (rc < 0)
            break;
        if (changed)
            *changed += db_changes(ctx->db);
    }
    free(list);
    return db_tx_end(ctx->db, rc, err);
}

int tags_add(struct crm_ctx *ctx, const int64_t *ids, size_t n,
             const json_t *names, int64_t *changed, struct err *err)
{
    return tag_many(ctx, ids, n, names, true, changed, err);
}

int tags_remove(struct crm_ctx *ctx, const int64_t *ids, size_t n,
                const json_t *names, int64_t *changed, struct err *err)
{
    return tag_many(ctx, ids, n, names, false, changed, err);
}
