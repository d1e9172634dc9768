/*
 * email: send_email — one e-mail per contact in scope (or to `to`), from a
 * template of the workspace or the step's own subject and body, with
 * @variables resolved per contact, through the workspace's e-mail
 * connection: SMTP, the Gmail API, Resend, or the built-in outbox (which
 * keeps the message in the database, for demos and dry runs).
 *
 * Limits: restrictions.maxEmailsPerDay per agent (100 by default). The
 * e-mails past it are not sent; the step fails with "Email limit reached
 * (100/day)", the agent pauses and its owners are told.
 */
#include <stdio.h>
#include <string.h>

#include "actions/action.h"
#include "actions/ext.h"
#include "actions/steps.h"
#include "connectors/email.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/str.h"
#include "crm/activity.h"
#include "crm/rows.h"

const char *const act_email_types[] = {"smtp", "gmail", "resend", "outbox",
                                      NULL};

static int load_template(struct act_env *env, const char *name,
                         json_t **subject, json_t **body, struct err *err)
{
    struct db_stmt *st = db_prepare(
        env->crm->db,
        "SELECT subject, body FROM email_templates WHERE workspace_id = ?1 "
        "AND name = ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, env->crm->ws);
    db_bind_text(st, 2, name);
    int rc = db_step(st, err);
    if (rc == DB_ROW) {
        *subject = jx_string(db_col_text(st, 0));
        *body = jx_string(db_col_text(st, 1));
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    if (rc == DB_DONE) {
        rc = err_set(err, E_VALIDATION,
                     "Email template '%s' not found. Create it under email "
                     "templates first.",
                     name);
        err_detail_str(err, "template", name);
        return rc;
    }
    return 0;
}

/* Whether this e-mail (address, subject, body) already goes to the item's
 * contact in this step, for another deal of a deal set (act_repeat): then
 * it is not sent again, and addr (when given), s and b are released. */
static bool email_repeats(struct act_env *env, json_t **seen,
                          const json_t *item, json_t *addr, json_t *s,
                          json_t *b, struct act_out *out)
{
    json_t *what = json_pack("{s:O?, s:O, s:O}", "to", addr, "subject", s,
                             "body", b);
    bool again = act_repeat(env, seen, act_item_contact(item), what);
    json_decref(what);
    if (!again)
        return false;
    char who[200];
    act_contact_name(item, who, sizeof who);
    act_warn(out, "Contact %s already gets this email for another deal. "
                  "Skipping.",
             who);
    json_decref(addr);
    json_decref(s);
    json_decref(b);
    return true;
}

int act_send_email(struct act_env *env, const json_t *params,
                   struct act_out *out, struct err *err)
{
    static const struct act_need need = {
        act_email_types, "Gmail integration not connected", "connect_email",
        "Gmail integration not connected: connect an email account (Gmail, "
        "SMTP or Resend) under connections so that agents can send email."};
    struct act_conn conn;
    bool missing;
    int rc = act_connection(env, &need, &conn, out, &missing, err);
    if (rc || missing)
        return rc;
    json_t *subject = NULL, *body = NULL;
    const char *tname = act_param(params, "template");
    if (tname) {
        rc = load_template(env, tname, &subject, &body, err);
    } else {
        subject = jx_string(act_param(params, "subject"));
        body = jx_string(act_param(params, "body"));
    }
    const char *from = jx_str(conn.config, "from");
    if (!rc && (!from || !str_email_valid(from))) {
        if (!strcmp(conn.type, "outbox"))
            from = "agent@outbox.agentd.local";
        else
            rc = err_set(err, E_VALIDATION,
                         "The email connection '%s' has no valid sender "
                         "address: set config.from",
                         conn.name);
    }
    if (rc)
        goto out;
    const char *from_name = jx_str(conn.config, "fromName");
    if (!from_name)
        from_name = jx_str(env->agent, "name");
    int64_t limit = 100;
    jx_int(json_object_get(env->agent, "restrictions"), "maxEmailsPerDay",
           &limit);
    char qkey[64];
    snprintf(qkey, sizeof qkey, "email:agent:%lld",
             (long long)env->crm->agent_id);
    json_t *quota = act_quota(qkey, limit);
    /* Templates may name @company.* without the step saying so. */
    env->need.company = FLD_ALL;
    const char *to = act_param(params, "to");
    json_t *first_subject = NULL, *first_body = NULL, *seen = NULL;
    size_t planned = 0, skipped = 0;
    if (to) {
        /* One e-mail to a given address (per contact when it names one). */
        rc = act_items(env, err);
        size_t n = env->items ? json_array_size(env->items) : 0;
        bool per = n && strchr(to, '@') && vars_present(to);
        for (size_t i = 0; !rc && i < (per ? n : 1); i++) {
            const json_t *item = per ? json_array_get(env->items, i)
                                     : act_single(env);
            json_t *addr = act_text(env, item, to, out);
            const char *a = json_string_value(addr);
            if (!str_email_valid(a)) {
                rc = err_set(err, E_VALIDATION, "Invalid email address: %s",
                             a);
                err_detail_str(err, "address", a);
                json_decref(addr);
                break;
            }
            json_t *s = act_text(env, item, json_string_value(subject), out);
            json_t *b = act_text(env, item, json_string_value(body), out);
            const json_t *c = item ? json_object_get(item, "contact") : NULL;
            int64_t cid = json_integer_value(json_object_get(c, "id"));
            if (per && email_repeats(env, &seen, item, addr, s, b, out)) {
                skipped++;
                continue;
            }
            if (!first_subject) {
                first_subject = json_incref(s);
                first_body = json_incref(b);
            }
            act_effect(env, "send_email", cid, conn.id,
                       json_pack("{s:o, s:s?, s:s, s:s?, s:o, s:o}", "to",
                                 addr, "toName", NULL, "from", from,
                                 "fromName", from_name, "subject", s, "body",
                                 b),
                       quota, !strcmp(conn.type, "resend"));
            planned++;
        }
    } else {
        rc = act_items(env, err);
        size_t n = env->items ? json_array_size(env->items) : 0;
        /* Every address is checked before anything is sent. */
        for (size_t i = 0; !rc && i < n; i++) {
            const json_t *c =
                json_object_get(json_array_get(env->items, i), "contact");
            const char *a = jx_str(c, "email");
            if (a && *a && !str_email_valid(a)) {
                rc = err_set(err, E_VALIDATION, "Invalid email address: %s",
                             a);
                err_detail_str(err, "address", a);
            }
        }
        for (size_t i = 0; !rc && i < n; i++) {
            const json_t *item = json_array_get(env->items, i);
            const json_t *c = json_object_get(item, "contact");
            const char *a = jx_str(c, "email");
            char who[200];
            act_contact_name(item, who, sizeof who);
            if (!a || !*a) {
                act_warn(out, "Contact %s has no email address. Skipping.",
                         who);
                skipped++;
                continue;
            }
            json_t *s = act_text(env, item, json_string_value(subject), out);
            json_t *b = act_text(env, item, json_string_value(body), out);
            if (email_repeats(env, &seen, item, NULL, s, b, out)) {
                skipped++;
                continue;
            }
            if (!first_subject) {
                first_subject = json_incref(s);
                first_body = json_incref(b);
            }
            act_effect(env, "send_email",
                       json_integer_value(json_object_get(c, "id")), conn.id,
                       json_pack("{s:s, s:s, s:s, s:s?, s:o, s:o}", "to", a,
                                 "toName", who, "from", from, "fromName",
                                 from_name, "subject", s, "body", b),
                       quota, !strcmp(conn.type, "resend"));
            planned++;
        }
        if (!rc && n == 0)
            act_no_contacts(env, out);
    }
    json_decref(quota);
    json_decref(seen);
    if (!rc) {
        out->params = json_pack("{s:s*, s:s*, s:O, s:O}", "template", tname,
                                "to", to, "subject",
                                first_subject ? first_subject : subject,
                                "body", first_body ? first_body : body);
        out->output = json_pack("{s:s, s:s, s:I, s:I, s:I}", "transport",
                                conn.type, "connection", conn.name, "limit",
                                (json_int_t)limit, "planned",
                                (json_int_t)planned, "skipped",
                                (json_int_t)skipped);
    }
    json_decref(first_subject);
    json_decref(first_body);
out:
    json_decref(subject);
    json_decref(body);
    act_conn_fini(&conn);
    return rc;
}

/* ---- perform -------------------------------------------------------- */

static int outbox_store(struct act_io *io, const json_t *effect,
                        const struct act_conn *conn,
                        const struct email_msg *m, struct err *err)
{
    int rc = db_tx_begin(io->db, err);
    if (rc)
        return rc;
    struct db_stmt *st = db_prepare(
        io->db,
        "INSERT INTO outbox (workspace_id, connection_id, execution_id, "
        "agent_id, contact_id, message_id, from_addr, to_addr, subject, "
        "body, created_at) SELECT ?1, ?2, e.execution_id, x.agent_id, ?3, "
        "?4, ?5, ?6, ?7, ?8, ?9 FROM effects e JOIN executions x ON x.id = "
        "e.execution_id WHERE e.id = ?10",
        err);
    if (!st) {
        db_tx_rollback(io->db);
        return -E_INTERNAL;
    }
    int64_t contact = 0;
    jx_int(effect, "contactId", &contact);
    db_bind_int(st, 1, io->ws);
    db_bind_int(st, 2, conn->id);
    db_bind_opt_int(st, 3, contact > 0, contact);
    db_bind_text(st, 4, m->message_id);
    db_bind_text(st, 5, m->from);
    db_bind_text(st, 6, m->to);
    db_bind_text(st, 7, m->subject);
    db_bind_text(st, 8, m->body);
    db_bind_int(st, 9, clock_now_ms());
    db_bind_int(st, 10, json_integer_value(json_object_get(effect, "id")));
    rc = db_step(st, err);
    db_reset(st);
    return db_tx_end(io->db, rc, err);
}

static int email_call(struct act_io *io, const struct act_conn *conn,
                      const json_t *effect, const json_t *rq,
                      json_t **result, json_t **fresh, struct err *err)
{
    char mid[300];
    act_message_id(jx_str(effect, "key") ? jx_str(effect, "key") : "x", mid,
                   sizeof mid);
    struct email_msg m = {
        .from = jx_str(rq, "from"),
        .from_name = jx_str(rq, "fromName"),
        .to = jx_str(rq, "to"),
        .to_name = jx_str(rq, "toName"),
        .subject = jx_str(rq, "subject"),
        .body = jx_str(rq, "body"),
        .message_id = mid,
    };
    if (!strcmp(conn->type, "smtp"))
        return email_send_smtp(io->http, conn->config, conn->credentials, &m,
                               result, err);
    if (!strcmp(conn->type, "gmail"))
        return email_send_gmail(io->http, conn->config, conn->credentials,
                                &m, result, fresh, err);
    if (!strcmp(conn->type, "resend"))
        return email_send_resend(io->http, conn->config, conn->credentials,
                                 &m, jx_str(effect, "key"), result, err);
    if (!strcmp(conn->type, "outbox")) {
        int rc = outbox_store(io, effect, conn, &m, err);
        if (!rc)
            *result = json_pack("{s:s, s:s}", "transport", "outbox", "id",
                                mid);
        return rc;
    }
    return err_set(err, E_VALIDATION, "Connection '%s' (%s) cannot send email",
                   conn->name, conn->type);
}

int act_email_perform(struct act_io *io, const json_t *effect,
                      json_t **result, struct err *err)
{
    return act_io_call(io, effect, email_call, result, err);
}

/* ---- finish --------------------------------------------------------- */

int act_send_email_finish(struct act_env *env, const json_t *params,
                          struct act_out *out, struct err *err)
{
    (void)params;
    int early;
    if (act_failed_early(env, &early, err))
        return early;
    size_t i;
    json_t *e;
    int64_t sent = 0, failed = 0, deferred = 0, unsure = 0;
    const json_t *first_fail = NULL;
    json_t *emails = json_array();
    int rc = 0;
    json_array_foreach(env->done, i, e)
    {
        const char *status = jx_str(e, "status");
        const json_t *rq = json_object_get(e, "request");
        int64_t contact = 0;
        jx_int(e, "contactId", &contact);
        if (json_array_size(emails) < 50)
            json_array_append_new(
                emails, json_pack("{s:s?, s:s?, s:s}", "to", jx_str(rq, "to"),
                                  "subject", jx_str(rq, "subject"), "status",
                                  status));
        if (!strcmp(status, "done")) {
            sent++;
            char msg[400];
            snprintf(msg, sizeof msg, "Email sent to %s",
                     jx_str(rq, "toName") ? jx_str(rq, "toName")
                                          : jx_str(rq, "to"));
            json_t *data = json_pack("{s:s?, s:s?}", "subject",
                                     jx_str(rq, "subject"), "to",
                                     jx_str(rq, "to"));
            struct activity a = {.type = "email_sent",
                                 .message = msg,
                                 .contact_id = contact,
                                 .data = data,
                                 .reached = true};
            if (!rc)
                rc = activity_add(env->crm, &a, err);
            json_decref(data);
        } else if (!strcmp(status, "failed")) {
            failed++;
            if (!first_fail)
                first_fail = e;
        } else if (!strcmp(status, "deferred")) {
            deferred++;
        } else if (!strcmp(status, "uncertain")) {
            unsure++;
            act_warn(out, "Email to %s: %s", jx_str(rq, "to"),
                     jx_str(e, "error") ? jx_str(e, "error") : "unknown");
        }
    }
    act_count(out, "emailsSent", sent);
    out->output = json_pack(
        "{s:O, s:I, s:I, s:I, s:I, s:o}", "transport",
        json_object_get(env->state, "transport")
            ? json_object_get(env->state, "transport")
            : json_null(),
        "sent", (json_int_t)sent, "failed", (json_int_t)failed, "uncertain",
        (json_int_t)unsure, "notSent", (json_int_t)deferred, "emails",
        emails);
    if (rc)
        return rc;
    if (first_fail) {
        const char *why = jx_str(first_fail, "error");
        int64_t code = 0;
        jx_int(first_fail, "code", &code);
        if (code == E_UNAUTHORIZED) {
            rc = act_tell_creator(env, "connect_email",
                                  why ? why : "Email integration disconnected",
                                  err);
            if (rc)
                return rc;
        }
        rc = err_set(err, code > E_OK && code < E__COUNT ? (enum err_code)code
                                                          : E_UPSTREAM,
                     "%s", why ? why : "Sending failed");
        err_detail(err, "sent", json_integer(sent));
        err_detail(err, "failed", json_integer(failed));
        return rc;
    }
    if (deferred) {
        int64_t limit = 100;
        jx_int(env->state, "limit", &limit);
        char msg[120];
        snprintf(msg, sizeof msg, "Email limit reached (%lld/day)",
                 (long long)limit);
        rc = act_autopause(env, msg, err);
        if (rc)
            return rc;
        rc = err_set(err, E_RATE_LIMITED, "%s", msg);
        err_detail(err, "sent", json_integer(sent));
        err_detail(err, "notSent", json_integer(deferred));
        return rc;
    }
    return 0;
}
