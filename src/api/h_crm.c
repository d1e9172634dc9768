/*
 * h_crm: form submissions, notifications and the CRM event log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/handlers.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/str.h"
#include "crm/events.h"
#include "crm/resources.h"

#define FORM_MAX_FIELDS 100

static json_t *iso_or_null(struct db_stmt *st, int col)
{
    if (db_col_is_null(st, col))
        return json_null();
    char iso[40];
    clock_format_iso(db_col_int(st, col), iso, sizeof iso);
    return json_string(iso);
}

static json_t *int_or_null(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? json_null()
                                   : json_integer(db_col_int(st, col));
}

static json_t *json_col(struct db_stmt *st, int col)
{
    json_t *v = json_loads(db_col_text(st, col), JSON_DECODE_ANY, NULL);
    return v ? v : json_object();
}

/* Runs a newest-first page query whose rows are turned into JSON by `row`;
 * the statement's last bound parameter pair is (before, limit+1). */
static int run_page(struct db_stmt *st, int limit,
                    json_t *(*row)(struct db_stmt *st), json_t **out,
                    struct err *err)
{
    json_t *list = json_array();
    int64_t last = 0;
    bool more = false;
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW) {
        if ((int)json_array_size(list) == limit) {
            more = true;
            break;
        }
        last = db_col_int(st, 0);
        json_array_append_new(list, row(st));
    }
    db_reset(st);
    if (rc < 0) {
        json_decref(list);
        return rc;
    }
    char next[24];
    snprintf(next, sizeof next, "%lld", (long long)last);
    *out = json_pack("{s:o, s:o}", "data", list, "nextCursor",
                     more ? json_string(next) : json_null());
    return 0;
}

/* ---- forms ---------------------------------------------------------- */

static const char *const form_contact_fields[] = {
    "firstName", "lastName", "phone", "title", "city", "country", NULL};

static int form_check(const json_t *fields, struct err *err)
{
    if (!json_is_object(fields)) {
        int rc = err_set(err, E_BAD_REQUEST,
                         "Field 'fields' must be an object of form fields");
        err_detail_str(err, "field", "fields");
        return rc;
    }
    if (json_object_size(fields) > FORM_MAX_FIELDS) {
        int rc = err_set(err, E_VALIDATION, "A form has at most %d fields",
                         FORM_MAX_FIELDS);
        err_detail_str(err, "field", "fields");
        return rc;
    }
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)fields, k, v)
    {
        if (strlen(k) > 64 || !*k) {
            int rc = err_set(err, E_VALIDATION,
                             "Form field names have 1 to 64 characters");
            err_detail_str(err, "field", "fields");
            return rc;
        }
        if (!json_is_string(v) && !json_is_number(v) && !json_is_boolean(v) &&
            !json_is_null(v)) {
            int rc = err_set(err, E_BAD_REQUEST,
                             "Form field '%s' must be a string, number or "
                             "boolean",
                             k);
            err_detail_str(err, "field", k);
            return rc;
        }
        if (json_is_string(v) && strlen(json_string_value(v)) > 5000) {
            int rc = err_set(err, E_VALIDATION,
                             "Form field '%s' is longer than 5000 characters",
                             k);
            err_detail_str(err, "field", k);
            return rc;
        }
    }
    const char *email = jx_str(fields, "email");
    if (!email || !str_email_valid(email)) {
        int rc = err_set(err, E_VALIDATION,
                         email ? "Invalid email address: %s"
                               : "A form submission needs an 'email' field%s",
                         email ? email : "");
        err_detail_str(err, "field", "email");
        return rc;
    }
    return 0;
}

static int contact_by_email(struct crm_ctx *ctx, const char *email,
                            int64_t *id, struct err *err)
{
    *id = 0;
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT id FROM contacts WHERE workspace_id = ?1 AND email = ?2 "
        "ORDER BY id LIMIT 1",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_text(st, 2, email);
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

int h_form_submit(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    json_t *in;
    static const char *const keys[] = {"fields", NULL};
    int rc = api_body_object(rq, &in, err);
    if (!rc)
        rc = api_only_keys(in, keys, err);
    json_t *fields = json_object_get(in, "fields");
    if (!rc)
        rc = form_check(fields, err);
    if (rc)
        return rc;
    const char *form_id = rq->str_param;
    struct crm_ctx ctx = api_crm_ctx(rq);
    rc = db_tx_begin(rq->db, err);
    if (rc)
        return rc;
    int64_t contact_id = 0, sub_id = 0;
    bool created = false;
    json_t *data = NULL;
    rc = contact_by_email(&ctx, jx_str(fields, "email"), &contact_id, err);
    if (rc)
        goto rollback;
    if (!contact_id) {
        char source[160];
        snprintf(source, sizeof source, "Form: %.90s", form_id);
        json_t *c = json_pack("{s:O, s:s}", "email",
                              json_object_get(fields, "email"), "source",
                              source);
        for (const char *const *f = form_contact_fields; *f; f++)
            if (json_is_string(json_object_get(fields, *f)))
                json_object_set(c, *f, json_object_get(fields, *f));
        json_t *contact = NULL;
        rc = entity_create(&ctx, &crm_contacts, c, &contact, err);
        json_decref(c);
        if (rc)
            goto rollback;
        contact_id = json_integer_value(json_object_get(contact, "id"));
        json_decref(contact);
        created = true;
    }
    struct db_stmt *st = db_prepare(
        rq->db,
        "INSERT INTO form_submissions (workspace_id, form_id, contact_id, "
        "data, created_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        err);
    if (!st) {
        rc = -E_INTERNAL;
        goto rollback;
    }
    char *text = jx_dump(fields);
    db_bind_int(st, 1, rq->ws);
    db_bind_text(st, 2, form_id);
    db_bind_int(st, 3, contact_id);
    db_bind_text(st, 4, text);
    db_bind_int(st, 5, clock_now_ms());
    free(text);
    rc = db_step(st, err);
    if (rc == DB_ROW)
        sub_id = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        goto rollback;
    data = json_pack("{s:s, s:I, s:I, s:O}", "formId", form_id, "contactId",
                     (json_int_t)contact_id, "submissionId",
                     (json_int_t)sub_id, "fields", fields);
    rc = crm_event_record(&ctx, EV_FORM_SUBMITTED, "form_submission", sub_id,
                          data, err);
    if (rc)
        goto rollback;
    rc = db_tx_commit(rq->db, err);
    if (rc)
        goto rollback;
    json_decref(data);
    return api_json(rs, 201,
                    json_pack("{s:I, s:s, s:I, s:b}", "id", (json_int_t)sub_id,
                              "formId", form_id, "contactId",
                              (json_int_t)contact_id, "contactCreated",
                              created));
rollback:
    json_decref(data);
    db_tx_rollback(rq->db);
    return rc;
}

static json_t *submission_row(struct db_stmt *st)
{
    return json_pack("{s:I, s:o, s:o, s:o, s:o}", "id",
                     (json_int_t)db_col_int(st, 0), "formId",
                     jx_string(db_col_text(st, 1)), "contactId",
                     db_col_is_null(st, 2) ? json_null()
                                           : json_integer(db_col_int(st, 2)),
                     "fields", json_col(st, 3), "createdAt",
                     iso_or_null(st, 4));
}

int h_form_submissions(struct api_req *rq, struct api_resp *rs,
                       struct err *err)
{
    int limit;
    int64_t before;
    int rc = api_page_args(rq, &limit, &before, err);
    if (rc)
        return rc;
    struct db_stmt *st = db_prepare(
        rq->db,
        "SELECT id, form_id, contact_id, data, created_at FROM "
        "form_submissions WHERE workspace_id = ?1 AND form_id = ?2 AND id < "
        "?3 ORDER BY id DESC LIMIT ?4",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, rq->ws);
    db_bind_text(st, 2, rq->str_param);
    db_bind_int(st, 3, before);
    db_bind_int(st, 4, limit + 1);
    json_t *out;
    rc = run_page(st, limit, submission_row, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

/* ---- notifications -------------------------------------------------- */

static json_t *notification_row(struct db_stmt *st)
{
    return json_pack("{s:I, s:o, s:o, s:o, s:b, s:o, s:o}", "id",
                     (json_int_t)db_col_int(st, 0), "type",
                     jx_string(db_col_text(st, 1)), "message",
                     jx_string(db_col_text(st, 2)), "data", json_col(st, 3),
                     "read", !db_col_is_null(st, 4), "readAt",
                     iso_or_null(st, 4), "createdAt", iso_or_null(st, 5));
}

int h_notifications_list(struct api_req *rq, struct api_resp *rs,
                         struct err *err)
{
    int limit;
    int64_t before;
    bool unread;
    int rc = api_page_args(rq, &limit, &before, err);
    if (!rc)
        rc = api_query_bool(rq, "unread", false, &unread, err);
    if (rc)
        return rc;
    struct db_stmt *st = db_prepare(
        rq->db,
        "SELECT id, type, message, data, read_at, created_at FROM "
        "notifications WHERE workspace_id = ?1 AND user_id = ?2 AND id < ?3 "
        "AND (?5 = 0 OR read_at IS NULL) ORDER BY id DESC LIMIT ?4",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, rq->ws);
    db_bind_int(st, 2, rq->user_id);
    db_bind_int(st, 3, before);
    db_bind_int(st, 4, limit + 1);
    db_bind_int(st, 5, unread);
    json_t *out;
    rc = run_page(st, limit, notification_row, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

static int mark_read(struct api_req *rq, int64_t id, int64_t *changed,
                     struct err *err)
{
    struct db_stmt *st = db_prepare(
        rq->db,
        "UPDATE notifications SET read_at = ?4 WHERE workspace_id = ?1 AND "
        "user_id = ?2 AND (?3 = 0 OR id = ?3) AND read_at IS NULL",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, rq->ws);
    db_bind_int(st, 2, rq->user_id);
    db_bind_int(st, 3, id);
    db_bind_int(st, 4, clock_now_ms());
    int rc = db_step(st, err);
    db_reset(st);
    *changed = db_changes(rq->db);
    return rc < 0 ? rc : 0;
}

int h_notification_read(struct api_req *rq, struct api_resp *rs,
                        struct err *err)
{
    int64_t n;
    int rc = mark_read(rq, rq->id, &n, err);
    if (rc)
        return rc;
    if (n == 0) {
        /* Already read, or not ours: tell the two apart without leaking
         * other users' notifications. */
        struct db_stmt *st = db_prepare(
            rq->db,
            "SELECT 1 FROM notifications WHERE workspace_id = ?1 AND user_id "
            "= ?2 AND id = ?3",
            err);
        if (!st)
            return -E_INTERNAL;
        db_bind_int(st, 1, rq->ws);
        db_bind_int(st, 2, rq->user_id);
        db_bind_int(st, 3, rq->id);
        rc = db_step(st, err);
        db_reset(st);
        if (rc < 0)
            return rc;
        if (rc != DB_ROW)
            return err_set(err, E_NOT_FOUND, "Notification %lld not found",
                           (long long)rq->id);
    }
    return api_json(rs, 200,
                    json_pack("{s:I, s:b}", "id", (json_int_t)rq->id, "read",
                              1));
}

int h_notifications_read_all(struct api_req *rq, struct api_resp *rs,
                             struct err *err)
{
    int64_t n;
    int rc = mark_read(rq, 0, &n, err);
    if (rc)
        return rc;
    return api_json(rs, 200, json_pack("{s:I}", "marked", (json_int_t)n));
}

/* ---- events --------------------------------------------------------- */

static json_t *event_row(struct db_stmt *st)
{
    return json_pack("{s:I, s:o, s:o, s:I, s:o, s:o}", "id",
                     (json_int_t)db_col_int(st, 0), "type",
                     jx_string(db_col_text(st, 1)), "entity",
                     jx_string(db_col_text(st, 2)), "entityId",
                     (json_int_t)db_col_int(st, 3), "data", json_col(st, 4),
                     "createdAt", iso_or_null(st, 5));
}

int h_events_list(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    int limit;
    int64_t before;
    int rc = api_page_args(rq, &limit, &before, err);
    if (rc)
        return rc;
    struct db_stmt *st = db_prepare(
        rq->db,
        "SELECT id, type, entity, entity_id, data, created_at FROM "
        "crm_events WHERE workspace_id = ?1 AND id < ?2 AND (?4 IS NULL OR "
        "type = ?4) ORDER BY id DESC LIMIT ?3",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, rq->ws);
    db_bind_int(st, 2, before);
    db_bind_int(st, 3, limit + 1);
    db_bind_text(st, 4, api_query(rq, "type"));
    json_t *out;
    rc = run_page(st, limit, event_row, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

static json_t *outbox_row(struct db_stmt *st)
{
    return json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "id",
        (json_int_t)db_col_int(st, 0), "messageId", db_col_text(st, 1),
        "from", db_col_text(st, 2), "to", db_col_text(st, 3), "subject",
        db_col_text(st, 4), "body", db_col_text(st, 5), "contactId",
        int_or_null(st, 6), "executionId", int_or_null(st, 7), "agentId",
        int_or_null(st, 8), "createdAt", iso_or_null(st, 9));
}

int h_outbox_list(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    int limit;
    int64_t before;
    int rc = api_page_args(rq, &limit, &before, err);
    if (rc)
        return rc;
    const char *to = api_query(rq, "to");
    int64_t exec = 0;
    const char *e = api_query(rq, "executionId");
    if (e && (str_parse_i64(e, &exec) || exec < 1)) {
        rc = err_set(err, E_BAD_REQUEST,
                     "Query parameter 'executionId' must be a positive "
                     "integer");
        err_detail_str(err, "parameter", "executionId");
        return rc;
    }
    struct db_stmt *st = db_prepare(
        rq->db,
        "SELECT id, message_id, from_addr, to_addr, subject, body, "
        "contact_id, execution_id, agent_id, created_at FROM outbox WHERE "
        "workspace_id = ?1 AND id < ?2 AND (?4 IS NULL OR to_addr = ?4 "
        "COLLATE NOCASE) AND (?5 = 0 OR execution_id = ?5) ORDER BY id DESC "
        "LIMIT ?3",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, rq->ws);
    db_bind_int(st, 2, before);
    db_bind_int(st, 3, limit + 1);
    db_bind_text(st, 4, to);
    db_bind_int(st, 5, exec);
    json_t *out;
    rc = run_page(st, limit, outbox_row, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

int h_usage(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    /* The last 31 days of provider use, by key and day. */
    int64_t today = clock_now_ms() / MS_PER_DAY;
    struct db_stmt *st = db_prepare(
        rq->db,
        "SELECT key, day, count FROM usage WHERE workspace_id = ?1 AND day "
        "> ?2 ORDER BY day DESC, key",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, rq->ws);
    db_bind_int(st, 2, today - 31);
    json_t *data = json_array();
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW) {
        char day[40];
        clock_format_iso(db_col_int(st, 1) * MS_PER_DAY, day, sizeof day);
        day[10] = '\0';
        json_array_append_new(
            data, json_pack("{s:s, s:s, s:I}", "key", db_col_text(st, 0),
                            "day", day, "count",
                            (json_int_t)db_col_int(st, 2)));
    }
    db_reset(st);
    if (rc < 0) {
        json_decref(data);
        return rc;
    }
    return api_json(rs, 200, json_pack("{s:o}", "data", data));
}
