/*
 * linkedin: linkedin_invite — a connection request with a note (variables
 * resolved per contact) to each contact in scope that has a linkedinUrl;
 * the others are skipped with a warning and the run goes on.
 *
 * LinkedIn allows 100 invitations a day per account: the invitations past
 * that are not sent; the agent pauses, its owners are told "LinkedIn daily
 * limit reached (100 invitations/day)", and the run waits for the next day
 * to invite the rest (invitations already sent are not sent again: each
 * has its key). Credentials that fail are refreshed once; then the
 * connection is marked disconnected: "LinkedIn integration disconnected.
 * Reconnect to continue."
 */
#include <stdio.h>
#include <string.h>

#include "actions/action.h"
#include "actions/ext.h"
#include "actions/steps.h"
#include "connectors/providers.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "crm/activity.h"

#define LINKEDIN_DAILY 100

int act_linkedin_invite(struct act_env *env, const json_t *params,
                        struct act_out *out, struct err *err)
{
    static const char *const types[] = {"linkedin", NULL};
    static const struct act_need need = {
        types, "LinkedIn integration not connected", "connect_linkedin",
        "LinkedIn integration not connected: connect a LinkedIn account "
        "under connections."};
    struct act_conn conn;
    bool missing;
    int rc = act_connection(env, &need, &conn, out, &missing, err);
    if (rc || missing)
        return rc;
    int64_t limit = LINKEDIN_DAILY, own;
    if (jx_int(json_object_get(env->agent, "restrictions"),
               "maxLinkedInInvitesPerDay", &own) == 0 &&
        own > 0 && own < limit)
        limit = own;
    char qkey[64];
    snprintf(qkey, sizeof qkey, "linkedin:%lld", (long long)conn.id);
    json_t *quota = act_quota(qkey, limit);
    const char *note = act_param(params, "note");
    rc = act_items(env, err);
    size_t n = env->items ? json_array_size(env->items) : 0, planned = 0;
    json_t *first_note = NULL, *seen = NULL;
    for (size_t i = 0; !rc && i < n; i++) {
        const json_t *item = json_array_get(env->items, i);
        const json_t *c = json_object_get(item, "contact");
        const char *url = jx_str(c, "linkedinUrl");
        char who[200];
        act_contact_name(item, who, sizeof who);
        if (!url || !*url) {
            act_warn(out, "Contact %s does not have LinkedIn URL. Skipping.",
                     who);
            continue;
        }
        if (act_repeat(env, &seen, act_item_contact(item), NULL)) {
            act_warn(out, "Contact %s already gets an invitation for another "
                          "deal. Skipping.",
                     who);
            continue;
        }
        json_t *text = note ? act_text(env, item, note, out) : NULL;
        if (!first_note && text)
            first_note = json_incref(text);
        act_effect(env, "linkedin_invite",
                   json_integer_value(json_object_get(c, "id")), conn.id,
                   json_pack("{s:s, s:s, s:o}", "profileUrl", url, "name",
                             who, "note", text ? text : json_null()),
                   quota, false);
        planned++;
    }
    json_decref(quota);
    json_decref(seen);
    if (!rc && n == 0)
        act_no_contacts(env, out);
    if (!rc) {
        out->params = json_pack("{s:O*}", "note", first_note);
        out->output = json_pack("{s:I, s:I, s:I}", "planned",
                                (json_int_t)planned, "limit",
                                (json_int_t)limit, "connection",
                                (json_int_t)conn.id);
    }
    json_decref(first_note);
    act_conn_fini(&conn);
    return rc;
}

static int invite_call(struct act_io *io, const struct act_conn *conn,
                       const json_t *effect, const json_t *rq,
                       json_t **result, json_t **fresh, struct err *err)
{
    (void)effect;
    return linkedin_invite(io->http, conn->config, conn->credentials,
                           jx_str(rq, "profileUrl"), jx_str(rq, "note"),
                           result, fresh, err);
}

int act_linkedin_perform(struct act_io *io, const json_t *effect,
                         json_t **result, struct err *err)
{
    return act_io_call(io, effect, invite_call, result, err);
}

/* Midnight UTC after now: when LinkedIn's daily quota starts again. */
static int64_t next_day(int64_t now)
{
    return (now / MS_PER_DAY + 1) * MS_PER_DAY;
}

int act_linkedin_finish(struct act_env *env, const json_t *params,
                        struct act_out *out, struct err *err)
{
    (void)params;
    int early;
    if (act_failed_early(env, &early, err))
        return early;
    size_t i;
    json_t *e;
    int64_t sent = 0, deferred = 0;
    const json_t *fail = NULL;
    int rc = 0;
    json_array_foreach(env->done, i, e)
    {
        const char *status = jx_str(e, "status");
        const json_t *rq = json_object_get(e, "request");
        if (!strcmp(status, "done")) {
            sent++;
            int64_t contact = 0;
            jx_int(e, "contactId", &contact);
            char msg[300];
            snprintf(msg, sizeof msg, "LinkedIn invitation sent to %s",
                     jx_str(rq, "name"));
            struct activity a = {.type = "linkedin_invite_sent",
                                 .message = msg,
                                 .contact_id = contact,
                                 .data = json_object_get(e, "result"),
                                 .reached = true};
            if (!rc)
                rc = activity_add(env->crm, &a, err);
        } else if (!strcmp(status, "deferred")) {
            deferred++;
        } else if (!strcmp(status, "failed")) {
            int64_t code = 0;
            jx_int(e, "code", &code);
            if (code == E_UNAUTHORIZED || code == E_RATE_LIMITED || !fail)
                fail = e;
            if (code == E_RATE_LIMITED) {
                /* LinkedIn said the day's quota is used: tomorrow. */
                deferred++;
                if (!rc)
                    rc = act_effect_defer(env, e, err);
            }
            if (code != E_UNAUTHORIZED && code != E_RATE_LIMITED)
                act_warn(out, "Invitation to %s: %s", jx_str(rq, "name"),
                         jx_str(e, "error"));
        } else if (!strcmp(status, "uncertain")) {
            act_warn(out, "Invitation to %s: %s", jx_str(rq, "name"),
                     jx_str(e, "error"));
        }
    }
    act_count(out, "invitesSent", sent);
    out->output = json_pack(
        "{s:I, s:I, s:I}", "sent", (json_int_t)sent, "notYetSent",
        (json_int_t)deferred, "uncertain",
        (json_int_t)act_effects_count(env, "uncertain"));
    if (rc)
        return rc;
    int64_t code = 0;
    if (fail)
        jx_int(fail, "code", &code);
    if (code == E_UNAUTHORIZED) {
        const char *msg = "LinkedIn integration disconnected. Reconnect to "
                          "continue.";
        rc = act_tell_creator(env, "connect_linkedin", msg, err);
        return rc ? rc : err_set(err, E_UNAUTHORIZED, "%s", msg);
    }
    if (deferred || code == E_RATE_LIMITED) {
        /* The rest tomorrow, when the quota starts again. */
        const char *msg = "LinkedIn daily limit reached (100 invitations/day)";
        rc = act_autopause(env, msg, err);
        if (rc)
            return rc;
        char text[300];
        snprintf(text, sizeof text,
                 "%s. The agent is paused; this run invites the remaining "
                 "contacts tomorrow.",
                 msg);
        json_object_set_new(out->output, "message", json_string(text));
        act_warn(out, "%s", msg);
        out->park_until = next_day(env->now);
        out->park_kind = "quota";
        out->repeat = true;
        return 0;
    }
    if (fail && sent == 0)
        return err_set(err, E_UPSTREAM, "%s", jx_str(fail, "error"));
    return 0;
}
