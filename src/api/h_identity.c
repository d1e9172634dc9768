/*
 * h_identity: sign-in, API tokens, workspaces and their members.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "api/app.h"
#include "api/auth.h"
#include "api/handlers.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "crm/identity.h"

/* ---- sign-in -------------------------------------------------------- */

static json_t *my_workspaces(struct db *db, int64_t user_id, struct err *err)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT w.id, w.name, m.role FROM memberships m JOIN workspaces w ON "
        "w.id = m.workspace_id WHERE m.user_id = ?1 ORDER BY w.id",
        err);
    if (!st)
        return NULL;
    db_bind_int(st, 1, user_id);
    json_t *list = json_array();
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW)
        json_array_append_new(
            list, json_pack("{s:I, s:o, s:s}", "id",
                            (json_int_t)db_col_int(st, 0), "name",
                            jx_string(db_col_text(st, 1)), "role",
                            db_col_text(st, 2)));
    db_reset(st);
    if (rc < 0) {
        json_decref(list);
        return NULL;
    }
    return list;
}

int h_login(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    json_t *in;
    static const char *const keys[] = {"email", "password", NULL};
    const char *email, *password;
    int rc = api_body_object(rq, &in, err);
    if (!rc)
        rc = api_only_keys(in, keys, err);
    if (!rc)
        rc = api_str(in, "email", true, 254, &email, err);
    if (!rc)
        rc = api_str(in, "password", true, PASSWORD_MAX, &password, err);
    if (rc)
        return rc;
    char key[300];
    snprintf(key, sizeof key, "login:%s", email);
    for (char *p = key; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    int retry = 0;
    if (!ratelimit_hit(rq->app->login_limit, key, clock_now_ms(), &retry)) {
        rs->retry_after = retry;
        return err_set(err, E_RATE_LIMITED,
                       "Too many sign-in attempts; try again in %d seconds",
                       retry);
    }
    int64_t uid;
    rc = identity_login(rq->db, email, password, &uid, err);
    if (rc)
        return rc;
    char session[CRY_TOKEN_MAX];
    rc = identity_session_create(rq->db, uid, rq->app->session_ttl_ms, session,
                                 err);
    if (rc)
        return rc;
    rq->user_id = uid;
    char cookie[256];
    snprintf(cookie, sizeof cookie,
             "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld",
             AUTH_COOKIE, session,
             (long long)(rq->app->session_ttl_ms / 1000));
    rs->set_cookie = xstrdup(cookie);
    json_t *user = NULL;
    rc = identity_user_json(rq->db, uid, &user, err);
    if (rc)
        return rc;
    json_t *ws = my_workspaces(rq->db, uid, err);
    if (!ws) {
        json_decref(user);
        return -E_INTERNAL;
    }
    return api_json(rs, 200,
                    json_pack("{s:o, s:o}", "user", user, "workspaces", ws));
}

int h_logout(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    char value[CRY_TOKEN_MAX + 8];
    if (rq->via_session &&
        auth_cookie(rq->cookie, AUTH_COOKIE, value, sizeof value)) {
        int rc = identity_session_delete(rq->db, value, err);
        if (rc)
            return rc;
    }
    char cookie[128];
    snprintf(cookie, sizeof cookie,
             "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
             AUTH_COOKIE);
    rs->set_cookie = xstrdup(cookie);
    return api_json(rs, 200, json_pack("{s:b}", "signedOut", 1));
}

int h_me(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    json_t *user;
    int rc = identity_user_json(rq->db, rq->user_id, &user, err);
    if (rc)
        return rc;
    json_t *ws = my_workspaces(rq->db, rq->user_id, err);
    if (!ws) {
        json_decref(user);
        return -E_INTERNAL;
    }
    return api_json(rs, 200,
                    json_pack("{s:o, s:o}", "user", user, "workspaces", ws));
}

/* ---- tokens --------------------------------------------------------- */

static json_t *time_or_null(struct db_stmt *st, int col)
{
    if (db_col_is_null(st, col))
        return json_null();
    char iso[40];
    clock_format_iso(db_col_int(st, col), iso, sizeof iso);
    return json_string(iso);
}

int h_tokens_list(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    struct db_stmt *st = db_prepare(
        rq->db,
        "SELECT id, name, prefix, created_at, last_used_at FROM api_tokens "
        "WHERE user_id = ?1 ORDER BY id",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, rq->user_id);
    json_t *list = json_array();
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW)
        json_array_append_new(
            list,
            json_pack("{s:I, s:o, s:o, s:o, s:o}", "id",
                      (json_int_t)db_col_int(st, 0), "name",
                      jx_string(db_col_text(st, 1)), "prefix",
                      jx_string(db_col_text(st, 2)), "createdAt",
                      time_or_null(st, 3), "lastUsedAt", time_or_null(st, 4)));
    db_reset(st);
    if (rc < 0) {
        json_decref(list);
        return rc;
    }
    return api_json(rs, 200, json_pack("{s:o}", "data", list));
}

int h_tokens_create(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    json_t *in;
    static const char *const keys[] = {"name", NULL};
    const char *name;
    int rc = api_body_object(rq, &in, err);
    if (!rc)
        rc = api_only_keys(in, keys, err);
    if (!rc)
        rc = api_str(in, "name", true, 100, &name, err);
    if (rc)
        return rc;
    char token[CRY_TOKEN_MAX];
    int64_t id = 0;
    rc = identity_token_create(rq->db, rq->user_id, name, token, &id, err);
    if (rc)
        return rc;
    return api_json(rs, 201,
                    json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id,
                              "name", name, "token", token, "note",
                              "Store this token now; it is not shown again."));
}

int h_tokens_delete(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    struct db_stmt *st = db_prepare(
        rq->db, "DELETE FROM api_tokens WHERE id = ?1 AND user_id = ?2", err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, rq->id);
    db_bind_int(st, 2, rq->user_id);
    int rc = db_step(st, err);
    db_reset(st);
    if (rc < 0)
        return rc;
    if (db_changes(rq->db) == 0)
        return err_set(err, E_NOT_FOUND, "Token %lld not found",
                       (long long)rq->id);
    return api_json(rs, 200,
                    json_pack("{s:b, s:I}", "deleted", 1, "id",
                              (json_int_t)rq->id));
}

/* ---- workspaces ----------------------------------------------------- */

int h_workspaces_list(struct api_req *rq, struct api_resp *rs,
                      struct err *err)
{
    json_t *ws = my_workspaces(rq->db, rq->user_id, err);
    if (!ws)
        return -E_INTERNAL;
    return api_json(rs, 200, json_pack("{s:o}", "data", ws));
}

static int workspace_json(struct api_req *rq, int64_t ws, json_t **out,
                          struct err *err)
{
    *out = NULL;
    struct db_stmt *st = db_prepare(
        rq->db,
        "SELECT id, name, tier, credits, timezone, created_at, "
        "max_concurrent_runs FROM workspaces WHERE id = ?1",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ws);
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *out = json_pack("{s:I, s:o, s:s, s:I, s:s, s:o, s:I, s:s}", "id",
                         (json_int_t)db_col_int(st, 0), "name",
                         jx_string(db_col_text(st, 1)), "tier",
                         db_col_text(st, 2), "credits",
                         (json_int_t)db_col_int(st, 3), "timezone",
                         db_col_text(st, 4), "createdAt", time_or_null(st, 5),
                         "maxConcurrentRuns", (json_int_t)db_col_int(st, 6),
                         "role", api_role_name(rq->role));
    db_reset(st);
    if (rc < 0)
        return rc;
    return *out ? 0 : err_set(err, E_NOT_FOUND, "Workspace not found");
}

int h_workspaces_create(struct api_req *rq, struct api_resp *rs,
                        struct err *err)
{
    json_t *in;
    static const char *const keys[] = {"name", NULL};
    const char *name;
    int rc = api_body_object(rq, &in, err);
    if (!rc)
        rc = api_only_keys(in, keys, err);
    if (!rc)
        rc = api_str(in, "name", true, 200, &name, err);
    if (rc)
        return rc;
    int64_t ws;
    rc = identity_workspace_create(rq->db, name, rq->user_id, &ws, err);
    if (rc)
        return rc;
    rq->role = ROLE_OWNER;
    json_t *out;
    rc = workspace_json(rq, ws, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 201, out);
}

int h_workspace_get(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    json_t *out;
    int rc = workspace_json(rq, rq->ws, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

/* A time zone is a name in the system's tz database ("Europe/Berlin"). */
static bool timezone_valid(const char *tz)
{
    if (!tz || !*tz || strlen(tz) > 64 || tz[0] == '/' || strstr(tz, ".."))
        return false;
    for (const char *p = tz; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              (*p >= '0' && *p <= '9') || strchr("/_-+", *p)))
            return false;
    if (strcmp(tz, "UTC") == 0)
        return true;
    char path[128];
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

int h_workspace_update(struct api_req *rq, struct api_resp *rs,
                       struct err *err)
{
    json_t *in;
    static const char *const keys[] = {"name", "timezone",
                                       "maxConcurrentRuns", NULL};
    const char *name, *tz;
    int64_t cap = 0;
    bool has_cap;
    int rc = api_body_object(rq, &in, err);
    if (!rc)
        rc = api_only_keys(in, keys, err);
    if (!rc)
        rc = api_str(in, "name", false, 200, &name, err);
    if (!rc)
        rc = api_str(in, "timezone", false, 64, &tz, err);
    /* 0 lifts the cap; otherwise at most that many runs are running at
     * once (waiting runs do not count). */
    if (!rc)
        rc = api_int(in, "maxConcurrentRuns", 0, 100000, &cap, &has_cap, err);
    if (rc)
        return rc;
    if (name && !*name) {
        rc = err_set(err, E_VALIDATION, "Field 'name' cannot be empty");
        err_detail_str(err, "field", "name");
        return rc;
    }
    if (tz && !timezone_valid(tz)) {
        rc = err_set(err, E_VALIDATION,
                     "Unknown time zone '%s' (use a name such as "
                     "Europe/Berlin or UTC)",
                     tz);
        err_detail_str(err, "field", "timezone");
        return rc;
    }
    struct db_stmt *st = db_prepare(
        rq->db,
        "UPDATE workspaces SET name = COALESCE(?2, name), timezone = "
        "COALESCE(?3, timezone), max_concurrent_runs = CASE WHEN ?5 THEN ?6 "
        "ELSE max_concurrent_runs END, updated_at = ?4 WHERE id = ?1",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, rq->ws);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, tz);
    db_bind_int(st, 4, clock_now_ms());
    db_bind_int(st, 5, has_cap);
    db_bind_int(st, 6, cap);
    rc = db_step(st, err);
    db_reset(st);
    if (rc < 0)
        return rc;
    json_t *out;
    rc = workspace_json(rq, rq->ws, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

int h_workspace_delete(struct api_req *rq, struct api_resp *rs,
                       struct err *err)
{
    struct db_stmt *st =
        db_prepare(rq->db, "DELETE FROM workspaces WHERE id = ?1", err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, rq->ws);
    int rc = db_step(st, err);
    db_reset(st);
    if (rc < 0)
        return rc;
    return api_json(rs, 200,
                    json_pack("{s:b, s:I}", "deleted", 1, "id",
                              (json_int_t)rq->ws));
}

/* ---- members -------------------------------------------------------- */

static int member_json(struct db *db, int64_t ws, int64_t user_id,
                       json_t **out, struct err *err)
{
    *out = NULL;
    struct db_stmt *st = db_prepare(
        db,
        "SELECT u.id, u.email, u.name, m.role, m.can_trigger, m.handle, "
        "m.created_at FROM memberships m JOIN users u ON u.id = m.user_id "
        "WHERE m.workspace_id = ?1 AND (?2 = 0 OR u.id = ?2) ORDER BY u.id",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ws);
    db_bind_int(st, 2, user_id);
    json_t *list = json_array();
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW) {
        json_array_append_new(
            list, json_pack("{s:I, s:o, s:o, s:s, s:b, s:o, s:o}", "userId",
                            (json_int_t)db_col_int(st, 0), "email",
                            jx_string(db_col_text(st, 1)), "name",
                            jx_string(db_col_text(st, 2)), "role",
                            db_col_text(st, 3), "canTrigger",
                            (int)db_col_int(st, 4), "handle",
                            jx_string_or_null(db_col_text(st, 5)),
                            "createdAt", time_or_null(st, 6)));
    }
    db_reset(st);
    if (rc < 0) {
        json_decref(list);
        return rc;
    }
    if (user_id) {
        if (json_array_size(list) == 0) {
            json_decref(list);
            return err_set(err, E_NOT_FOUND,
                           "User %lld is not a member of this workspace",
                           (long long)user_id);
        }
        *out = json_incref(json_array_get(list, 0));
        json_decref(list);
        return 0;
    }
    *out = list;
    return 0;
}

int h_members_list(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    json_t *list;
    int rc = member_json(rq->db, rq->ws, 0, &list, err);
    if (rc)
        return rc;
    return api_json(rs, 200, json_pack("{s:o}", "data", list));
}

static int handle_valid(const char *h, struct err *err)
{
    if (!h)
        return 0;
    bool ok = *h && strlen(h) <= 40;
    for (const char *p = h; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              (*p >= '0' && *p <= '9') || *p == '_'))
            ok = false;
    if (ok)
        return 0;
    int rc = err_set(err, E_VALIDATION,
                     "Field 'handle' must be 1 to 40 letters, digits or "
                     "underscores (it is used as @user.<handle>)");
    err_detail_str(err, "field", "handle");
    return rc;
}

int h_members_add(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    json_t *in;
    static const char *const keys[] = {"email",  "name",       "password",
                                       "role",   "canTrigger", "handle",
                                       NULL};
    const char *email, *name, *password, *role, *handle;
    bool can_trigger;
    int rc = api_body_object(rq, &in, err);
    if (!rc)
        rc = api_only_keys(in, keys, err);
    if (!rc)
        rc = api_str(in, "email", true, 254, &email, err);
    if (!rc)
        rc = api_str(in, "name", false, 200, &name, err);
    if (!rc)
        rc = api_str(in, "password", false, PASSWORD_MAX, &password, err);
    if (!rc)
        rc = api_str(in, "role", true, 16, &role, err);
    if (!rc)
        rc = api_str(in, "handle", false, 40, &handle, err);
    if (!rc)
        rc = api_bool(in, "canTrigger", true, &can_trigger, err);
    if (!rc)
        rc = handle_valid(handle, err);
    if (rc)
        return rc;
    if (!identity_role_valid(role)) {
        rc = err_set(err, E_VALIDATION, "Field 'role' must be one of: %s",
                     ROLE_NAMES);
        err_detail_str(err, "field", "role");
        return rc;
    }
    if (strcmp(role, "owner") == 0 && rq->role != ROLE_OWNER)
        return err_set(err, E_FORBIDDEN, "Only an owner can add an owner");
    rc = db_tx_begin(rq->db, err);
    if (rc)
        return rc;
    int64_t uid;
    rc = identity_user_by_email(rq->db, email, &uid, err);
    if (!rc && !uid)
        rc = identity_user_create(rq->db, email, name, password, &uid, err);
    if (!rc) {
        char existing[16];
        bool ct;
        rc = identity_membership(rq->db, rq->ws, uid, existing, &ct, err);
        if (!rc && existing[0])
            rc = err_set(err, E_CONFLICT, "%s is already a member (%s)",
                         email, existing);
    }
    if (!rc)
        rc = identity_member_set(rq->db, rq->ws, uid, role, can_trigger,
                                 handle, err);
    if (!rc)
        rc = db_tx_commit(rq->db, err);
    if (rc) {
        db_tx_rollback(rq->db);
        return rc;
    }
    json_t *out;
    rc = member_json(rq->db, rq->ws, uid, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 201, out);
}

static int owner_count(struct db *db, int64_t ws, int64_t *n, struct err *err)
{
    return db_query_int(db,
                        "SELECT COUNT(*) FROM memberships WHERE workspace_id "
                        "= ?1 AND role = 'owner'",
                        ws, n, err);
}

/* Rules for changing or removing a member whose current role is `was`. */
static int may_change(struct api_req *rq, const char *was, const char *to,
                      struct err *err)
{
    bool touches_owner = strcmp(was, "owner") == 0 ||
                         (to && strcmp(to, "owner") == 0);
    if (touches_owner && rq->role != ROLE_OWNER)
        return err_set(err, E_FORBIDDEN,
                       "Only an owner can change or remove an owner");
    if (strcmp(was, "owner") == 0 && (!to || strcmp(to, "owner") != 0)) {
        int64_t n;
        int rc = owner_count(rq->db, rq->ws, &n, err);
        if (rc)
            return rc;
        if (n <= 1)
            return err_set(err, E_CONFLICT,
                           "A workspace needs at least one owner; make "
                           "someone else owner first");
    }
    return 0;
}

int h_members_update(struct api_req *rq, struct api_resp *rs,
                     struct err *err)
{
    json_t *in;
    static const char *const keys[] = {"role", "canTrigger", "handle", NULL};
    const char *role, *handle;
    int rc = api_body_object(rq, &in, err);
    if (!rc)
        rc = api_only_keys(in, keys, err);
    if (!rc)
        rc = api_str(in, "role", false, 16, &role, err);
    if (!rc)
        rc = api_str(in, "handle", false, 40, &handle, err);
    if (!rc)
        rc = handle_valid(handle, err);
    if (rc)
        return rc;
    json_t *cur;
    rc = member_json(rq->db, rq->ws, rq->id, &cur, err);
    if (rc)
        return rc;
    const char *was = jx_str(cur, "role");
    bool can_trigger;
    rc = api_bool(in, "canTrigger", jx_bool(cur, "canTrigger", true),
                  &can_trigger, err);
    const char *new_role = role ? role : was;
    if (!rc && role && !identity_role_valid(role)) {
        rc = err_set(err, E_VALIDATION, "Field 'role' must be one of: %s",
                     ROLE_NAMES);
        err_detail_str(err, "field", "role");
    }
    if (!rc)
        rc = db_tx_begin(rq->db, err);
    if (!rc) {
        rc = may_change(rq, was, new_role, err);
        json_t *h = json_object_get(in, "handle");
        const char *new_handle = h ? handle : jx_str(cur, "handle");
        if (!rc)
            rc = identity_member_set(rq->db, rq->ws, rq->id, new_role,
                                     can_trigger, new_handle, err);
        if (!rc)
            rc = db_tx_commit(rq->db, err);
        if (rc)
            db_tx_rollback(rq->db);
    }
    json_decref(cur);
    if (rc)
        return rc;
    json_t *out;
    rc = member_json(rq->db, rq->ws, rq->id, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

int h_members_remove(struct api_req *rq, struct api_resp *rs,
                     struct err *err)
{
    json_t *cur;
    int rc = member_json(rq->db, rq->ws, rq->id, &cur, err);
    if (rc)
        return rc;
    rc = db_tx_begin(rq->db, err);
    if (!rc)
        rc = may_change(rq, jx_str(cur, "role"), NULL, err);
    json_decref(cur);
    if (!rc) {
        struct db_stmt *st = db_prepare(
            rq->db,
            "DELETE FROM memberships WHERE workspace_id = ?1 AND user_id = ?2",
            err);
        if (!st) {
            rc = -E_INTERNAL;
        } else {
            db_bind_int(st, 1, rq->ws);
            db_bind_int(st, 2, rq->id);
            rc = db_step(st, err);
            db_reset(st);
            rc = rc < 0 ? rc : 0;
        }
    }
    if (!rc)
        rc = db_tx_commit(rq->db, err);
    if (rc) {
        db_tx_rollback(rq->db);
        return rc;
    }
    return api_json(rs, 200,
                    json_pack("{s:b, s:I}", "removed", 1, "userId",
                              (json_int_t)rq->id));
}
