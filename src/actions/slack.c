/*
 * slack: slack_message — posts a text (variables resolved for the one
 * contact in scope, if one) to Slack through the workspace's Slack
 * connection: an incoming-webhook URL, or a bot token with a channel (the
 * step's `channel`, else the connection's).
 */
#include <string.h>

#include "actions/action.h"
#include "actions/ext.h"
#include "connectors/providers.h"
#include "core/jsonx.h"

int act_slack_message(struct act_env *env, const json_t *params,
                      struct act_out *out, struct err *err);
int act_slack_perform(struct act_io *io, const json_t *effect,
                      json_t **result, struct err *err);
int act_slack_finish(struct act_env *env, const json_t *params,
                     struct act_out *out, struct err *err);

int act_slack_message(struct act_env *env, const json_t *params,
                      struct act_out *out, struct err *err)
{
    static const char *const types[] = {"slack", NULL};
    struct act_conn conn;
    int rc = act_find_connection(env, types, &conn, err);
    if (rc)
        return rc;
    if (!conn.id) {
        act_conn_fini(&conn);
        return act_not_connected(out, "Slack integration not connected",
                                 "connect_slack",
                                 "Slack is not connected: add a Slack "
                                 "connection (incoming webhook URL or bot "
                                 "token).");
    }
    json_t *text =
        act_text(env, act_single(env), act_param(params, "text"), out);
    const char *channel = act_param(params, "channel");
    if (!json_string_length(text)) {
        rc = err_set(err, E_VALIDATION,
                     "The Slack message is empty once its variables are "
                     "filled in");
    } else {
        act_effect(env, "slack_message", 0, conn.id,
                   json_pack("{s:O, s:s?}", "text", text, "channel", channel),
                   NULL, false);
        out->params = json_pack("{s:O, s:s?}", "text", text, "channel",
                                channel);
    }
    json_decref(text);
    act_conn_fini(&conn);
    return rc;
}

int act_slack_perform(struct act_io *io, const json_t *effect,
                      json_t **result, struct err *err)
{
    const json_t *rq = json_object_get(effect, "request");
    int64_t cid = 0;
    jx_int(effect, "connectionId", &cid);
    struct act_conn conn;
    int rc = act_io_connection(io, cid, &conn, err);
    if (rc)
        return rc;
    rc = slack_post(io->http, conn.config, conn.credentials,
                    jx_str(rq, "channel"), jx_str(rq, "text"), result, err);
    act_conn_fini(&conn);
    return rc;
}

int act_slack_finish(struct act_env *env, const json_t *params,
                     struct act_out *out, struct err *err)
{
    (void)params;
    int early;
    if (act_failed_early(env, &early, err))
        return early;
    const json_t *e = json_array_get(env->done, 0);
    const char *status = e ? jx_str(e, "status") : "failed";
    if (!strcmp(status, "done")) {
        out->output = json_incref(json_object_get(e, "result"));
        act_count(out, "slackMessages", 1);
        return 0;
    }
    if (!strcmp(status, "uncertain")) {
        act_warn(out, "%s", jx_str(e, "error"));
        out->output = json_pack("{s:s}", "status", "uncertain");
        return 0;
    }
    return err_set(err, E_UPSTREAM, "%s",
                   e && jx_str(e, "error") ? jx_str(e, "error")
                                           : "Slack failed");
}
