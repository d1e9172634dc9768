/*
 * run_agent: starts a run of another agent (a sub-execution) and parks
 * until it ends; its output is passed on to the next step. The sub-agent
 * starts with the records in scope as its own set, as a run triggered on
 * a contact starts with that contact: "Find contacts tagged 'hot'. Run
 * agent 'Tagger'." tags them (a search of its own replaces the set).
 */
#include "actions/action.h"
#include "actions/steps.h"

int act_run_agent(struct act_env *env, const json_t *params,
                  struct act_out *out, struct err *err)
{
    const char *name = act_param(params, "agent");
    json_t *in = json_object_get(params, "input");
    /* "@steps.1.output", or an object whose strings hold variables */
    json_t *input = in ? act_json(env, act_single(env), in, out) : NULL;
    int64_t child = 0;
    int rc = env->spawn ? env->spawn(env->spawn_arg, name, input, env->kind,
                                     env->ids, &child, err)
                        : err_set(err, E_INTERNAL, "sub-agents unavailable");
    if (rc) {
        json_decref(input);
        return rc;
    }
    out->park_until = PARK_NO_TIMEOUT;
    out->park_kind = "agent";
    out->record_on_resume = true;
    out->params = json_pack("{s:s, s:o*}", "agent", name, "input", input);
    out->output = json_pack("{s:I}", "executionId", (json_int_t)child);
    return 0;
}
