/*
 * slack: slack_message — posts a text (variables resolved for the one
 * contact in scope, if one) to Slack through the workspace's Slack
 * connection: an incoming-webhook URL, or a bot token with a channel (the
 * step's `channel`, else the connection's).
 */
#include <string.h>

#include "actions/action.h"
#include "actions/ext.h"
#include "actions/steps.h"
#include "connectors/providers.h"
#include "core/jsonx.h"

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
