/*
 * slack: slack_message — posts a text (variables resolved; once per
 * contact in scope when it names one, see act_rounds) to Slack through the
 * workspace's Slack connection: an incoming-webhook URL, or a bot token
 * with a channel (the step's `channel`, else the connection's).
 */
#include <string.h>

#include "actions/action.h"
#include "actions/ext.h"
#include "actions/steps.h"
#include "connectors/providers.h"
#include "core/jsonx.h"

/* Posts one step makes at most, once per contact: a channel is read by
 * people. */
#define SLACK_POSTS_MAX 100

int act_slack_message(struct act_env *env, const json_t *params,
                      struct act_out *out, struct err *err)
{
    static const char *const types[] = {"slack", NULL};
    static const struct act_need need = {
        types, "Slack integration not connected", "connect_slack",
        "Slack is not connected: add a Slack connection (incoming webhook "
        "URL or bot token)."};
    struct act_conn conn;
    bool missing;
    int rc = act_connection(env, &need, &conn, out, &missing, err);
    if (rc || missing)
        return rc;
    /* Once, or once per contact (deal) when the text is about one:
     * "Find contacts ... and post to Slack: New lead @contact.firstName". */
    const char *written = act_param(params, "text");
    const char *channel = act_param(params, "channel");
    struct act_rounds r;
    rc = act_rounds(env, SLACK_POSTS_MAX, out, &r, err);
    json_t *first = NULL;
    for (size_t i = 0; !rc && i < r.n; i++) {
        const json_t *item = act_round_item(env, &r, i);
        json_t *text = act_text(env, item, written, out);
        if (!json_string_length(text)) {
            rc = err_set(err, E_VALIDATION,
                         "The Slack message is empty once its variables are "
                         "filled in");
        } else {
            act_effect(env, "slack_message",
                       r.per_item ? act_item_contact(item) : 0, conn.id,
                       json_pack("{s:O, s:s?}", "text", text, "channel",
                                 channel),
                       NULL, false);
            if (!first)
                first = json_incref(text);
        }
        json_decref(text);
    }
    if (!rc) {
        out->params = json_pack("{s:o, s:s*}", "text",
                                first ? first : json_string(written ? written
                                                                    : ""),
                                "channel", channel);
        out->output = json_pack("{s:b}", "perItem", r.per_item);
    } else {
        json_decref(first);
    }
    act_conn_fini(&conn);
    return rc;
}

static int slack_call(struct act_io *io, const struct act_conn *conn,
                      const json_t *effect, const json_t *rq,
                      json_t **result, json_t **fresh, struct err *err)
{
    (void)effect;
    (void)fresh;
    return slack_post(io->http, conn->config, conn->credentials,
                      jx_str(rq, "channel"), jx_str(rq, "text"), result, err);
}

int act_slack_perform(struct act_io *io, const json_t *effect,
                      json_t **result, struct err *err)
{
    return act_io_call(io, effect, slack_call, result, err);
}

int act_slack_finish(struct act_env *env, const json_t *params,
                     struct act_out *out, struct err *err)
{
    (void)params;
    int early;
    if (act_failed_early(env, &early, err))
        return early;
    size_t n = json_array_size(env->done);
    if (jx_bool(env->state, "perItem", false) && n != 1) {
        /* Once per contact, or skipped (no contacts). */
        size_t posted = act_effects_count(env, "done");
        size_t i;
        json_t *e;
        const json_t *first_fail = NULL;
        json_array_foreach(env->done, i, e)
        {
            if (!strcmp(jx_str(e, "status"), "uncertain"))
                act_warn(out, "%s", jx_str(e, "error"));
            else if (!first_fail && !strcmp(jx_str(e, "status"), "failed"))
                first_fail = e;
        }
        act_count(out, "slackMessages", (int64_t)posted);
        out->output = json_pack(
            "{s:I, s:I, s:I}", "posted", (json_int_t)posted, "failed",
            (json_int_t)act_effects_count(env, "failed"), "uncertain",
            (json_int_t)act_effects_count(env, "uncertain"));
        if (!first_fail)
            return 0;
        int rc = err_set(err, E_UPSTREAM, "%s",
                         jx_str(first_fail, "error")
                             ? jx_str(first_fail, "error")
                             : "Slack failed");
        err_detail(err, "posted", json_integer((json_int_t)posted));
        return rc;
    }
    const char *status;
    const json_t *e = act_single_effect(env, &status);
    if (!strcmp(status, "done")) {
        out->output = json_incref(json_object_get(e, "result"));
        act_count(out, "slackMessages", 1);
        return 0;
    }
    if (!strcmp(status, "uncertain"))
        return act_single_uncertain(out, e);
    return err_set(err, E_UPSTREAM, "%s",
                   e && jx_str(e, "error") ? jx_str(e, "error")
                                           : "Slack failed");
}
