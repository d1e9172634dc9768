/*
 * stop: ends the run here, successfully, with a reason.
 */
#include "actions/action.h"
#include "actions/steps.h"

int act_stop(struct act_env *env, const json_t *params, struct act_out *out,
             struct err *err)
{
    (void)env;
    (void)err;
    const char *reason = act_param(params, "reason");
    out->stop = true;
    out->output = json_pack("{s:s}", "reason", reason ? reason : "stopped");
    return 0;
}
