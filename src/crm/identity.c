/* identity: users, workspaces, memberships, tokens, sessions. */
#include "crm/identity.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/jsonx.h"
#include "core/str.h"

bool identity_role_valid(const char *role)
{
    return role && (strcmp(role, "owner") == 0 ||
                     strcmp(role, "admin") == 0 ||
                     strcmp(role, "member") == 0 ||
                     strcmp(role, "viewer") == 0);
}

int identity_user_create(struct db *db, const char *email, const char *name,
                         const char *password, int64_t *id, struct err *err)
{
    if (!str_email_valid(email)) {
        int rc = err_set(err, E_VALIDATION, "Invalid email address: %s",
                         email ? email : "");
        err_detail_str(err, "field", "email");
        return rc;
    }
    char hash[CRY_PWHASH_MAX];
    if (password) {
        size_t n = strlen(password);
        if (n < PASSWORD_MIN || n > PASSWORD_MAX) {
            int rc = err_set(err, E_VALIDATION,
                             "A password needs %d to %d characters",
                             PASSWORD_MIN, PASSWORD_MAX);
            err_detail_str(err, "field", "password");
            return rc;
        }
        int rc = cry_password_hash(password, hash, err);
        if (rc)
            return rc;
    }
    struct db_stmt *st = db_prepare(
        db,
        "INSERT INTO users (email, name, password_hash, created_at) VALUES "
        "(?1, ?2, ?3, ?4) RETURNING id",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_text(st, 1, email);
    db_bind_text(st, 2, name ? name : "");
    db_bind_text(st, 3, password ? hash : NULL);
    db_bind_int(st, 4, clock_now_ms());
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_reset(st);
    if (rc == -E_CONFLICT) {
        rc = err_set(err, E_CONFLICT, "A user with email %s already exists",
                     email);
        err_detail_str(err, "field", "email");
    }
    return rc < 0 ? rc : 0;
}

int identity_user_by_email(struct db *db, const char *email, int64_t *id,
                           struct err *err)
{
    *id = 0;
    struct db_stmt *st =
        db_prepare(db, "SELECT id FROM users WHERE email = ?1", err);
    if (!st)
        return -E_INTERNAL;
    db_bind_text(st, 1, email);
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

int identity_user_json(struct db *db, int64_t user_id, json_t **out,
                       struct err *err)
{
    *out = NULL;
    struct db_stmt *st = db_prepare(
        db, "SELECT id, email, name FROM users WHERE id = ?1", err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, user_id);
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *out = json_pack("{s:I, s:o, s:o}", "id",
                         (json_int_t)db_col_int(st, 0), "email",
                         jx_string(db_col_text(st, 1)), "name",
                         jx_string(db_col_text(st, 2)));
    db_reset(st);
    if (rc < 0)
        return rc;
    return *out ? 0 : err_set(err, E_NOT_FOUND, "User not found");
}

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[CRY_PWHASH_MAX];

static void make_dummy(void)
{
    struct err e = ERR_INIT;
    if (cry_password_hash("not-a-real-password", dummy_hash, &e))
        dummy_hash[0] = '\0';
    err_clear(&e);
}

int identity_login(struct db *db, const char *email, const char *password,
                   int64_t *user_id, struct err *err)
{
    *user_id = 0;
    struct db_stmt *st = db_prepare(
        db, "SELECT id, password_hash FROM users WHERE email = ?1", err);
    if (!st)
        return -E_INTERNAL;
    db_bind_text(st, 1, email);
    int rc = db_step(st, err);
    int64_t id = 0;
    char hash[CRY_PWHASH_MAX] = {0};
    if (rc == DB_ROW) {
        id = db_col_int(st, 0);
        const char *h = db_col_text(st, 1);
        if (h)
            snprintf(hash, sizeof hash, "%s", h);
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    /* Verify even for unknown users, so that timing does not tell which
     * emails exist. */
    pthread_once(&dummy_once, make_dummy);
    bool ok = cry_password_verify(hash[0] ? hash : dummy_hash, password);
    if (!ok || !id || !hash[0])
        return err_set(err, E_UNAUTHORIZED, "Wrong email or password");
    *user_id = id;
    return 0;
}

int identity_workspace_create(struct db *db, const char *name,
                              int64_t owner_id, int64_t *ws, struct err *err)
{
    if (!name || !*name || strlen(name) > 200) {
        int rc = err_set(err, E_VALIDATION,
                         "A workspace needs a name of 1 to 200 characters");
        err_detail_str(err, "field", "name");
        return rc;
    }
    int rc = db_tx_begin(db, err);
    if (rc)
        return rc;
    struct db_stmt *st = db_prepare(
        db,
        "INSERT INTO workspaces (name, created_at, updated_at) VALUES (?1, "
        "?2, ?2) RETURNING id",
        err);
    if (!st) {
        rc = -E_INTERNAL;
        goto rollback;
    }
    db_bind_text(st, 1, name);
    db_bind_int(st, 2, clock_now_ms());
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *ws = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        goto rollback;
    rc = identity_member_set(db, *ws, owner_id, "owner", true, NULL, err);
    if (rc)
        goto rollback;
    return db_tx_commit(db, err);
rollback:
    db_tx_rollback(db);
    return rc;
}

int identity_member_set(struct db *db, int64_t ws, int64_t user_id,
                        const char *role, bool can_trigger,
                        const char *handle, struct err *err)
{
    if (!identity_role_valid(role)) {
        int rc = err_set(err, E_VALIDATION, "Field 'role' must be one of: %s",
                         ROLE_NAMES);
        err_detail_str(err, "field", "role");
        return rc;
    }
    struct db_stmt *st = db_prepare(
        db,
        "INSERT INTO memberships (workspace_id, user_id, role, can_trigger, "
        "handle, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = "
        "excluded.role, can_trigger = excluded.can_trigger, handle = "
        "excluded.handle",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ws);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, role);
    db_bind_int(st, 4, can_trigger);
    db_bind_text(st, 5, handle);
    db_bind_int(st, 6, clock_now_ms());
    int rc = db_step(st, err);
    db_reset(st);
    if (rc == -E_CONFLICT) {
        rc = err_set(err, E_CONFLICT,
                     "Handle '%s' is already used by another member",
                     handle ? handle : "");
        err_detail_str(err, "field", "handle");
    }
    return rc < 0 ? rc : 0;
}

int identity_membership(struct db *db, int64_t ws, int64_t user_id,
                        char role[16], bool *can_trigger, struct err *err)
{
    role[0] = '\0';
    *can_trigger = false;
    struct db_stmt *st = db_prepare(
        db,
        "SELECT role, can_trigger FROM memberships WHERE workspace_id = ?1 "
        "AND user_id = ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ws);
    db_bind_int(st, 2, user_id);
    int rc = db_step(st, err);
    if (rc == DB_ROW) {
        snprintf(role, 16, "%s", db_col_text(st, 0));
        *can_trigger = db_col_int(st, 1) != 0;
    }
    db_reset(st);
    return rc < 0 ? rc : 0;
}

int identity_token_create(struct db *db, int64_t user_id, const char *name,
                          char out[CRY_TOKEN_MAX], int64_t *id,
                          struct err *err)
{
    if (!name || !*name || strlen(name) > 100) {
        int rc = err_set(err, E_VALIDATION,
                         "A token needs a name of 1 to 100 characters");
        err_detail_str(err, "field", "name");
        return rc;
    }
    cry_token_new("agd_", out);
    unsigned char h[CRY_HASH_BYTES];
    cry_token_hash(out, h);
    struct db_stmt *st = db_prepare(
        db,
        "INSERT INTO api_tokens (user_id, name, token_hash, prefix, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        err);
    if (!st)
        return -E_INTERNAL;
    char prefix[12];
    snprintf(prefix, sizeof prefix, "%.8s", out);
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, name);
    db_bind_blob(st, 3, h, sizeof h);
    db_bind_text(st, 4, prefix);
    db_bind_int(st, 5, clock_now_ms());
    int rc = db_step(st, err);
    if (rc == DB_ROW && id)
        *id = db_col_int(st, 0);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

int identity_token_user(struct db *db, const char *token, int64_t *user_id,
                        struct err *err)
{
    *user_id = 0;
    unsigned char h[CRY_HASH_BYTES];
    cry_token_hash(token, h);
    struct db_stmt *st = db_prepare(
        db,
        "SELECT id, user_id, last_used_at, expires_at FROM api_tokens WHERE "
        "token_hash = ?1",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_blob(st, 1, h, sizeof h);
    int rc = db_step(st, err);
    int64_t id = 0, last = 0, now = clock_now_ms();
    bool expired = false;
    if (rc == DB_ROW) {
        id = db_col_int(st, 0);
        *user_id = db_col_int(st, 1);
        last = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
        expired = !db_col_is_null(st, 3) && db_col_int(st, 3) < now;
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    if (expired)
        *user_id = 0;
    /* Record use at most once a minute: a write per request would make
     * every read a write. */
    if (*user_id && now - last > MS_PER_MIN) {
        st = db_prepare(db,
                        "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1",
                        err);
        if (!st)
            return -E_INTERNAL;
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, now);
        rc = db_step(st, err);
        db_reset(st);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int identity_session_create(struct db *db, int64_t user_id, int64_t ttl_ms,
                            char out[CRY_TOKEN_MAX], struct err *err)
{
    cry_token_new("ags_", out);
    unsigned char h[CRY_HASH_BYTES];
    cry_token_hash(out, h);
    struct db_stmt *st = db_prepare(
        db,
        "INSERT INTO sessions (user_id, token_hash, created_at, expires_at) "
        "VALUES (?1, ?2, ?3, ?4)",
        err);
    if (!st)
        return -E_INTERNAL;
    int64_t now = clock_now_ms();
    db_bind_int(st, 1, user_id);
    db_bind_blob(st, 2, h, sizeof h);
    db_bind_int(st, 3, now);
    db_bind_int(st, 4, now + ttl_ms);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

int identity_session_user(struct db *db, const char *session,
                          int64_t *user_id, struct err *err)
{
    *user_id = 0;
    unsigned char h[CRY_HASH_BYTES];
    cry_token_hash(session, h);
    struct db_stmt *st = db_prepare(
        db,
        "SELECT user_id FROM sessions WHERE token_hash = ?1 AND expires_at > "
        "?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_blob(st, 1, h, sizeof h);
    db_bind_int(st, 2, clock_now_ms());
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *user_id = db_col_int(st, 0);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

int identity_credential_live(struct db *db, char kind,
                             const unsigned char hash[CRY_HASH_BYTES],
                             int64_t user_id, bool *live, struct err *err)
{
    *live = false;
    struct db_stmt *st = db_prepare(
        db,
        kind == 't' ? "SELECT user_id FROM api_tokens WHERE token_hash = ?1 "
                      "AND (expires_at IS NULL OR expires_at >= ?2)"
                    : "SELECT user_id FROM sessions WHERE token_hash = ?1 "
                      "AND expires_at > ?2",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_blob(st, 1, hash, CRY_HASH_BYTES);
    db_bind_int(st, 2, clock_now_ms());
    int rc = db_step(st, err);
    *live = rc == DB_ROW && db_col_int(st, 0) == user_id;
    db_reset(st);
    return rc < 0 ? rc : 0;
}

int identity_session_delete(struct db *db, const char *session,
                            struct err *err)
{
    unsigned char h[CRY_HASH_BYTES];
    cry_token_hash(session, h);
    struct db_stmt *st =
        db_prepare(db, "DELETE FROM sessions WHERE token_hash = ?1", err);
    if (!st)
        return -E_INTERNAL;
    db_bind_blob(st, 1, h, sizeof h);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : 0;
}
