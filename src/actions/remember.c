/*
 * remember: writes a value to the run's memory (@memory.<key>).
 */
#include <stdlib.h>
#include <string.h>

#include "actions/action.h"
#include "actions/steps.h"
#include "core/jsonx.h"

int act_remember(struct act_env *env, const json_t *params,
                 struct act_out *out, struct err *err)
{
    const char *key = act_param(params, "key");
    json_t *value = json_object_get(params, "value");
    json_t *v;
    if (json_is_string(value) && !strchr(json_string_value(value), '@')) {
        v = json_incref(value); /* no variables: as written */
    } else {
        v = act_json(env, act_single(env), value, out);
    }
    json_t *mem = json_object_get(env->ctx, "memory");
    if (!json_is_object(mem)) {
        mem = json_object();
        json_object_set_new(env->ctx, "memory", mem);
    }
    json_object_set(mem, key, v);
    int rc = 0;
    /* With agent memory on, it outlives the run. */
    if (jx_bool(json_object_get(env->agent, "memory"), "enabled", false)) {
        struct db_stmt *st = db_prepare(
            env->crm->db,
            "INSERT INTO agent_memory (agent_id, key, workspace_id, value, "
            "updated_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (agent_id, "
            "key) DO UPDATE SET value = excluded.value, updated_at = "
            "excluded.updated_at",
            err);
        if (!st) {
            json_decref(v);
            return -E_INTERNAL;
        }
        char *text = jx_dump(v);
        db_bind_int(st, 1, env->crm->agent_id);
        db_bind_text(st, 2, key);
        db_bind_int(st, 3, env->crm->ws);
        db_bind_text(st, 4, text);
        db_bind_int(st, 5, env->now);
        rc = db_step(st, err);
        db_reset(st);
        free(text);
        rc = rc < 0 ? rc : 0;
    }
    if (!rc) {
        /* Params with variables are recorded resolved; else as written. */
        if (v != value)
            out->params = json_pack("{s:s, s:O}", "key", key, "value", v);
        out->output = json_object();
        json_object_set_nocheck(out->output, "value", v);
    }
    json_decref(v);
    return rc;
}
