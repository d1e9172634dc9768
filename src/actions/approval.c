/*
 * request_approval: notifies the owners and admins and parks the run until
 * one of them approves or rejects it.
 */
#include <stdio.h>

#include "actions/action.h"
#include "actions/steps.h"
#include "core/jsonx.h"
#include "crm/activity.h"

int act_request_approval(struct act_env *env, const json_t *params,
                         struct act_out *out, struct err *err)
{
    const char *message = act_param(params, "message");
    const json_t *item = act_single(env);
    json_t *m = message ? act_text(env, item, message, out) : NULL;
    char note[600];
    snprintf(note, sizeof note, "Approval needed for agent %s%s%s",
             act_agent_name(env), m ? ": " : "",
             m ? json_string_value(m) : "");
    json_t *data = act_run_data(env);
    int rc = notify_owners(env->crm, true, "approval", note, data, err);
    json_decref(data);
    if (rc) {
        json_decref(m);
        return rc;
    }
    out->park_until = PARK_NO_TIMEOUT;
    out->park_kind = "approval";
    out->params = json_pack("{s:o*}", "message", m);
    out->output = json_pack("{s:s}", "status", "pending");
    return 0;
}
