/*
 * notify: an in-app notification to a user of the workspace.
 */
#include "actions/action.h"
#include "actions/steps.h"
#include "crm/activity.h"

int act_notify(struct act_env *env, const json_t *params,
               struct act_out *out, struct err *err)
{
    const char *message = act_param(params, "message");
    const char *to = act_param(params, "to");
    int64_t user = 0;
    /* "notify the deal's owner": a member per deal (act_rounds runs once
     * per record, as `to` names it) */
    bool varies = act_member_varies(to);
    int rc = varies ? 0 : act_member(env, to, "to", "Cannot notify", &user,
                                     err);
    struct act_rounds r;
    if (!rc)
        rc = act_rounds(env, 100, out, &r, err);
    if (rc)
        return rc;
    size_t n = r.n;
    json_t *first = NULL;
    for (size_t i = 0; i < n && !rc; i++) {
        const json_t *item = act_round_item(env, &r, i);
        json_t *m = act_text(env, item, message, out);
        json_t *data = act_run_data(env);
        if (varies)
            act_member_of(env, item, to, &user, out);
        if (user)
            rc = notify_user(env->crm, user, "agent", json_string_value(m),
                             data, err);
        else
            rc = notify_owners(env->crm, false, "agent", json_string_value(m),
                               data, err);
        json_decref(data);
        if (!first)
            first = json_incref(m);
        json_decref(m);
    }
    if (rc) {
        json_decref(first);
        return rc;
    }
    if (!first && message)
        first = json_string(message); /* skipped: the text as written */
    out->params = json_pack("{s:o?}", "message", first);
    if (to)
        json_object_set_new(out->params, "to", json_string(to));
    out->output = json_pack("{s:I}", "sent", (json_int_t)n);
    act_count(out, "notifications", (int64_t)n);
    return 0;
}
