/* activity: activities and notifications; see activity.h. */
#include "crm/activity.h"

#include <stdlib.h>

#include "core/clock.h"
#include "core/jsonx.h"
#include "crm/events.h"
#include "store/qb.h"

int activity_add(struct crm_ctx *ctx, const struct activity *a,
                 struct err *err)
{
    struct db_stmt *st = db_prepare(
        ctx->db,
        "INSERT INTO activities (workspace_id, type, message, contact_id, "
        "deal_id, company_id, user_id, agent_id, execution_id, data, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        err);
    if (!st)
        return -E_INTERNAL;
    char *data = a->data ? jx_dump(a->data) : NULL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_text(st, 2, a->type);
    db_bind_text(st, 3, a->message);
    db_bind_opt_int(st, 4, a->contact_id != 0, a->contact_id);
    db_bind_opt_int(st, 5, a->deal_id != 0, a->deal_id);
    db_bind_opt_int(st, 6, a->company_id != 0, a->company_id);
    db_bind_opt_int(st, 7, ctx->user_id != 0, ctx->user_id);
    db_bind_opt_int(st, 8, ctx->agent_id != 0, ctx->agent_id);
    db_bind_opt_int(st, 9, ctx->execution_id != 0, ctx->execution_id);
    int64_t now = clock_now_ms();
    db_bind_text(st, 10, data ? data : "{}");
    db_bind_int(st, 11, now);
    int rc = db_step(st, err);
    db_reset(st);
    free(data);
    if (rc < 0 || !a->reached || !a->contact_id)
        return rc < 0 ? rc : 0;
    st = db_prepare(ctx->db,
                    "UPDATE contacts SET last_contacted_at = ?3 WHERE "
                    "workspace_id = ?1 AND id = ?2",
                    err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, a->contact_id);
    db_bind_int(st, 3, now);
    rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

/* An activity per contact, up to QB_ROWS_MAX to a statement: ?1 .. ?7
 * are what they share, $1 a contact's id. */
static struct qb_rows activity_rows = {
    .head = "INSERT INTO activities (workspace_id, type, message, contact_id, "
            "user_id, agent_id, execution_id, data, created_at) VALUES ",
    .row = "(?1, ?2, ?3, $1, ?4, ?5, ?6, '{}', ?7)",
    .shared = 7,
    .per_row = 1};

/* The values an activity_add_each statement shares. */
static void bind_shared(struct crm_ctx *ctx, struct db_stmt *st,
                        const char *type, const char *message, int64_t now)
{
    db_bind_int(st, 1, ctx->ws);
    db_bind_text(st, 2, type);
    db_bind_text(st, 3, message);
    db_bind_opt_int(st, 4, ctx->user_id != 0, ctx->user_id);
    db_bind_opt_int(st, 5, ctx->agent_id != 0, ctx->agent_id);
    db_bind_opt_int(st, 6, ctx->execution_id != 0, ctx->execution_id);
    db_bind_int(st, 7, now);
}

int activity_add_each(struct crm_ctx *ctx, const json_t *contact_ids,
                      const char *type, const char *message,
                      int64_t *added, struct err *err)
{
    int64_t now = clock_now_ms();
    if (added) {
        /* Only for the contacts that still exist: the id list drives a
         * lookup of each (as in crm/rows.c). */
        struct db_stmt *st = db_prepare(
            ctx->db,
            "INSERT INTO activities (workspace_id, type, message, "
            "contact_id, user_id, agent_id, execution_id, data, created_at) "
            "SELECT ?1, ?2, ?3, c.id, ?4, ?5, ?6, '{}', ?7 FROM json_each(?8)"
            " j CROSS JOIN contacts c ON c.id = j.value WHERE c.workspace_id"
            " = ?1",
            err);
        if (!st)
            return -E_INTERNAL;
        char *ids = jx_dump(contact_ids);
        bind_shared(ctx, st, type, message, now);
        db_bind_text(st, 8, ids);
        int rc = db_step(st, err);
        db_reset(st);
        free(ids);
        if (rc < 0)
            return rc;
        *added = db_changes(ctx->db);
        return 0;
    }
    size_t n = json_array_size(contact_ids);
    for (size_t at = 0; at < n;) {
        size_t k;
        struct db_stmt *st =
            qb_rows_prepare(&activity_rows, ctx->db, n - at, &k, err);
        if (!st)
            return -E_INTERNAL;
        bind_shared(ctx, st, type, message, now);
        for (size_t r = 0; r < k; r++)
            db_bind_int(st, qb_rows_param(&activity_rows, r, 1),
                        json_integer_value(
                            json_array_get(contact_ids, at + r)));
        int rc = db_step(st, err);
        db_reset(st);
        if (rc < 0)
            return rc;
        at += k;
    }
    return 0;
}

json_t *activity_recent(struct crm_ctx *ctx, int64_t contact_id, int limit,
                        struct err *err)
{
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT type, message, created_at FROM activities WHERE "
        "workspace_id = ?1 AND contact_id = ?2 ORDER BY created_at DESC, "
        "id DESC LIMIT ?3",
        err);
    if (!st)
        return NULL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, contact_id);
    db_bind_int(st, 3, limit);
    json_t *out = json_array();
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW) {
        char when[40];
        clock_format_iso(db_col_int(st, 2), when, sizeof when);
        json_array_append_new(out, json_pack("{s:s, s:s, s:s}", "type",
                                             db_col_text(st, 0), "message",
                                             db_col_text(st, 1), "createdAt",
                                             when));
    }
    db_reset(st);
    if (rc < 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

int notify_user(struct crm_ctx *ctx, int64_t user_id, const char *type,
                const char *message, const json_t *data, struct err *err)
{
    /* Only a member of the workspace is told. Looked up first: an INSERT
     * of one row of VALUES costs less than one from a SELECT, which SQLite
     * treats as writing many (a statement journal for each). */
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
    if (rc != DB_ROW)
        return rc < 0 ? rc : 0;
    st = db_prepare(ctx->db,
                    "INSERT INTO notifications (workspace_id, user_id, type, "
                    "message, data, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                    "?6)",
                    err);
    if (!st)
        return -E_INTERNAL;
    char *d = data ? jx_dump(data) : NULL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, type);
    db_bind_text(st, 4, message);
    db_bind_text(st, 5, d ? d : "{}");
    db_bind_int(st, 6, clock_now_ms());
    rc = db_step(st, err);
    db_reset(st);
    free(d);
    return rc < 0 ? rc : 0;
}

int notify_owners(struct crm_ctx *ctx, bool admins, const char *type,
                  const char *message, const json_t *data, struct err *err)
{
    struct db_stmt *st = db_prepare(
        ctx->db,
        "INSERT INTO notifications (workspace_id, user_id, type, message, "
        "data, created_at) SELECT ?1, user_id, ?2, ?3, ?4, ?5 FROM "
        "memberships WHERE workspace_id = ?1 AND (role = 'owner' OR "
        "(?6 AND role = 'admin'))",
        err);
    if (!st)
        return -E_INTERNAL;
    char *d = data ? jx_dump(data) : NULL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_text(st, 2, type);
    db_bind_text(st, 3, message);
    db_bind_text(st, 4, d ? d : "{}");
    db_bind_int(st, 5, clock_now_ms());
    db_bind_int(st, 6, admins);
    int rc = db_step(st, err);
    db_reset(st);
    free(d);
    return rc < 0 ? rc : 0;
}

int crm_event_record(struct crm_ctx *ctx, const char *type,
                     const char *entity, int64_t entity_id,
                     const json_t *data, struct err *err)
{
    struct db_stmt *st = db_prepare(
        ctx->db,
        "INSERT INTO crm_events (workspace_id, type, entity, entity_id, "
        "data, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        err);
    if (!st)
        return -E_INTERNAL;
    char *d = data ? jx_dump(data) : NULL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_text(st, 2, type);
    db_bind_text(st, 3, entity);
    db_bind_int(st, 4, entity_id);
    db_bind_text(st, 5, d ? d : "{}");
    db_bind_int(st, 6, clock_now_ms());
    int rc = db_step(st, err);
    db_reset(st);
    int64_t id = rc >= 0 ? db_last_id(ctx->db) : 0;
    free(d);
    if (rc < 0)
        return rc;
    if (ctx->on_event)
        return ctx->on_event(ctx, id, type, entity_id, data, err);
    return 0;
}
