/*
 * connections: how integration actions find and use a workspace's
 * connections, and what they do when a provider says no.
 *
 * In prepare (inside the run's transaction) an action finds the
 * connection of a kind; in perform (no transaction) it reads its config
 * and decrypts its credentials; a refreshed OAuth token is sealed and
 * stored again, and credentials a provider refuses mark the connection
 * "disconnected" with the reason. Credentials never leave this file in a
 * log or an error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions/action.h"
#include "actions/ext.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "crm/activity.h"
#include "crm/agents.h"

int act_find_connection(struct act_env *env, const char *const *types,
                        struct act_conn *out, struct err *err)
{
    memset(out, 0, sizeof *out);
    /* The oldest connected one of the kinds, in the order given. */
    for (const char *const *t = types; *t; t++) {
        struct db_stmt *st = db_prepare(
            env->crm->db,
            "SELECT id, type, config, name FROM connections WHERE "
            "workspace_id = ?1 AND type = ?2 AND status = 'connected' ORDER "
            "BY id LIMIT 1",
            err);
        if (!st)
            return -E_INTERNAL;
        db_bind_int(st, 1, env->crm->ws);
        db_bind_text(st, 2, *t);
        int rc = db_step(st, err);
        if (rc == DB_ROW) {
            out->id = db_col_int(st, 0);
            snprintf(out->type, sizeof out->type, "%s", db_col_text(st, 1));
            out->config = jx_load(db_col_text(st, 2));
            snprintf(out->name, sizeof out->name, "%s", db_col_text(st, 3));
            if (!json_is_object(out->config)) {
                json_decref(out->config);
                out->config = json_object();
            }
        }
        db_reset(st);
        if (rc < 0)
            return rc;
        if (out->id)
            return 0;
    }
    return 0;
}

void act_conn_fini(struct act_conn *c)
{
    json_decref(c->config);
    json_decref(c->credentials);
    memset(c, 0, sizeof *c);
}

int act_io_connection(struct act_io *io, int64_t id, struct act_conn *out,
                      struct err *err)
{
    memset(out, 0, sizeof *out);
    struct db_stmt *st = db_prepare(
        io->db,
        "SELECT type, config, secret, name, status FROM connections WHERE "
        "id = ?1 AND workspace_id = ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, io->ws);
    int rc = db_step(st, err);
    char *sealed = NULL;
    if (rc == DB_ROW) {
        out->id = id;
        snprintf(out->type, sizeof out->type, "%s", db_col_text(st, 0));
        out->config = jx_load(db_col_text(st, 1));
        sealed = db_col_text(st, 2) ? strdup(db_col_text(st, 2)) : NULL;
        snprintf(out->name, sizeof out->name, "%s", db_col_text(st, 3));
    }
    db_reset(st);
    if (rc < 0) {
        free(sealed);
        return rc;
    }
    if (rc == DB_DONE)
        return err_set(err, E_VALIDATION,
                       "The connection this step used has been deleted");
    if (!json_is_object(out->config)) {
        json_decref(out->config);
        out->config = json_object();
    }
    if (sealed) {
        struct err e2 = ERR_INIT;
        char *plain = cry_open(io->key, sealed, &e2);
        free(sealed);
        if (!plain) {
            err_clear(&e2);
            act_conn_fini(out);
            return err_set(err, E_INTERNAL,
                           "The connection's credentials cannot be "
                           "decrypted with this server's key");
        }
        out->credentials = json_loads(plain, JSON_DECODE_ANY, NULL);
        cry_free_secret(plain);
    }
    if (!out->credentials)
        out->credentials = json_null();
    return 0;
}

/* One small transaction on the worker's connection (none is open). */
static int conn_update(struct act_io *io, int64_t id, const char *sealed,
                       const char *status, const char *error,
                       struct err *err)
{
    int rc = db_tx_begin(io->db, err);
    if (rc)
        return rc;
    struct db_stmt *st = db_prepare(
        io->db,
        "UPDATE connections SET secret = COALESCE(?3, secret), status = "
        "COALESCE(?4, status), last_error = ?5, updated_at = ?6 WHERE id = "
        "?1 AND workspace_id = ?2",
        err);
    if (!st) {
        db_tx_rollback(io->db);
        return -E_INTERNAL;
    }
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, io->ws);
    db_bind_text(st, 3, sealed);
    db_bind_text(st, 4, status);
    db_bind_text(st, 5, error);
    db_bind_int(st, 6, clock_now_ms());
    rc = db_step(st, err);
    db_reset(st);
    return db_tx_end(io->db, rc, err);
}

int act_io_save_credentials(struct act_io *io, int64_t id,
                            const json_t *credentials, struct err *err)
{
    char *plain = jx_dump(credentials);
    char *sealed = cry_seal(io->key, plain, strlen(plain));
    cry_free_secret(plain);
    int rc = conn_update(io, id, sealed, NULL, NULL, err);
    free(sealed);
    return rc;
}

int act_io_disconnect(struct act_io *io, int64_t id, const char *why,
                      struct err *err)
{
    struct log_line l;
    if (log_begin(&l, LOG_WARN, "connection.disconnected")) {
        log_int(&l, "workspace", io->ws);
        log_int(&l, "connection", id);
        log_str(&l, "reason", why);
        log_end(&l);
    }
    return conn_update(io, id, NULL, "disconnected", why, err);
}

int act_autopause(struct act_env *env, const char *message,
                  struct err *err)
{
    int64_t id = env->crm->agent_id;
    json_t *agent = NULL;
    int rc = agents_set_status(env->crm, id, AGENT_PAUSED, &agent, err);
    json_decref(agent);
    if (rc == -E_CONFLICT) {
        /* Already paused (or a Draft): the notice is what matters. */
        err_clear(err);
        rc = 0;
    }
    if (rc)
        return rc;
    json_t *data = act_run_data(env);
    json_object_set_new(data, "agentName",
                        json_string(jx_str(env->agent, "name")
                                        ? jx_str(env->agent, "name")
                                        : ""));
    rc = notify_owners(env->crm, false, "agent_paused", message, data, err);
    json_decref(data);
    return rc;
}

int act_tell_creator(struct act_env *env, const char *type,
                     const char *message, struct err *err)
{
    int64_t creator = act_creator(env);
    json_t *data = act_run_data(env);
    int rc = creator ? notify_user(env->crm, creator, type, message, data, err)
                     : notify_owners(env->crm, false, type, message, data,
                                     err);
    json_decref(data);
    return rc;
}

json_t *act_quota(const char *key, int64_t limit)
{
    return json_pack("{s:s, s:I}", "key", key, "limit", (json_int_t)limit);
}

int act_usage_add(struct act_env *env, const char *key, int64_t n,
                  struct err *err)
{
    if (n <= 0)
        return 0;
    struct db_stmt *st = db_prepare(
        env->crm->db,
        "INSERT INTO usage (workspace_id, key, day, count) VALUES (?1, ?2, "
        "?3, ?4) ON CONFLICT (workspace_id, key, day) DO UPDATE SET count = "
        "count + ?4",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, env->crm->ws);
    db_bind_text(st, 2, key);
    db_bind_int(st, 3, env->now / MS_PER_DAY);
    db_bind_int(st, 4, n);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

void act_message_id(const char *key, char *out, size_t size)
{
    /* "12:3.then.1:45:0" -> "agentd.12.3-then-1.45.0@agentd" */
    size_t n = 0;
    n += (size_t)snprintf(out, size, "agentd.");
    for (const char *p = key; *p && n + 8 < size; p++)
        out[n++] = *p == ':' ? '.' : *p == '.' ? '-' : *p;
    snprintf(out + n, size - n, "@agentd");
}

int act_effect_defer(struct act_env *env, const json_t *effect,
                     struct err *err)
{
    struct db_stmt *st = db_prepare(
        env->crm->db,
        "UPDATE effects SET status = 'deferred' WHERE id = ?1 AND "
        "workspace_id = ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, json_integer_value(json_object_get(effect, "id")));
    db_bind_int(st, 2, env->crm->ws);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

int act_not_connected(struct act_out *out, const char *message,
                      const char *notice_type, const char *notice)
{
    /* Failing here would roll the notice back with the step: finish fails
     * the step instead, and what finish writes stays. */
    json_decref(out->output);
    out->output = json_pack("{s:{s:s, s:s, s:s}}", "notConnected", "message",
                            message, "type", notice_type, "notice", notice);
    return 0;
}

bool act_failed_early(struct act_env *env, int *rc, struct err *err)
{
    const json_t *nc = json_object_get(env->state, "notConnected");
    if (!json_is_object(nc))
        return false;
    *rc = act_tell_creator(env, jx_str(nc, "type"), jx_str(nc, "notice"),
                           err);
    if (!*rc)
        *rc = err_set(err, E_VALIDATION, "%s", jx_str(nc, "message"));
    return true;
}

const json_t *act_single_effect(const struct act_env *env,
                                const char **status)
{
    const json_t *e = json_array_get(env->done, 0);
    *status = e ? jx_str(e, "status") : "failed";
    return e;
}

int act_single_uncertain(struct act_out *out, const json_t *effect)
{
    act_warn(out, "%s", jx_str(effect, "error"));
    out->output = json_pack("{s:s}", "status", "uncertain");
    return 0;
}

int act_connection(struct act_env *env, const struct act_need *need,
                   struct act_conn *conn, struct act_out *out, bool *missing,
                   struct err *err)
{
    *missing = false;
    int rc = act_find_connection(env, need->types, conn, err);
    if (rc || conn->id)
        return rc;
    *missing = true;
    act_conn_fini(conn);
    return act_not_connected(out, need->message, need->notice_type,
                             need->notice);
}

int act_io_call(struct act_io *io, const json_t *effect, act_call_fn call,
                json_t **result, struct err *err)
{
    *result = NULL;
    int64_t id = 0;
    jx_int(effect, "connectionId", &id);
    struct act_conn conn;
    int rc = act_io_connection(io, id, &conn, err);
    if (rc)
        return rc;
    json_t *fresh = NULL;
    rc = call(io, &conn, effect, json_object_get(effect, "request"), result,
              &fresh, err);
    struct err e2 = ERR_INIT;
    if (fresh)
        act_io_save_credentials(io, id, fresh, &e2);
    if (rc == -E_UNAUTHORIZED)
        act_io_disconnect(io, id, err->msg, &e2);
    err_clear(&e2);
    json_decref(fresh);
    act_conn_fini(&conn);
    return rc;
}
