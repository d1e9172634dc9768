/*
 * identity: users, workspaces, memberships, API tokens and sessions.
 *
 * Users are global (one person may belong to several workspaces); what a
 * user may do in a workspace is their membership's role. Passwords are
 * stored as argon2id hashes, tokens and session ids as BLAKE2b hashes; the
 * clear values exist only in the response that creates them.
 */
#ifndef AGENTD_CRM_IDENTITY_H
#define AGENTD_CRM_IDENTITY_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/crypto.h"
#include "core/err.h"
#include "store/db.h"

#define ROLE_NAMES "owner, admin, member, viewer"
#define PASSWORD_MIN 8
#define PASSWORD_MAX 256

/* Checks a role name ("owner", "admin", "member", "viewer"). */
bool identity_role_valid(const char *role);

/* Creates a user; password may be NULL (cannot sign in until set).
 * -E_CONFLICT if the email is taken. */
int identity_user_create(struct db *db, const char *email, const char *name,
                         const char *password, int64_t *id, struct err *err);
/* Finds a user id by email; 0 if none. */
int identity_user_by_email(struct db *db, const char *email, int64_t *id,
                           struct err *err);
/* {"id", "email", "name"} of a user (caller owns). */
int identity_user_json(struct db *db, int64_t user_id, json_t **out,
                       struct err *err);
/* Verifies email + password; *user_id on success, -E_UNAUTHORIZED
 * otherwise (the same message whether the email or the password is
 * wrong). */
int identity_login(struct db *db, const char *email, const char *password,
                   int64_t *user_id, struct err *err);

int identity_workspace_create(struct db *db, const char *name,
                              int64_t owner_id, int64_t *ws, struct err *err);
/* Adds (or with `upsert`, updates) a membership. handle may be NULL. */
int identity_member_set(struct db *db, int64_t ws, int64_t user_id,
                        const char *role, bool can_trigger,
                        const char *handle, struct err *err);
/* The role of user in ws as a string into role (16 bytes); "" when the
 * user is not a member. */
int identity_membership(struct db *db, int64_t ws, int64_t user_id,
                        char role[16], bool *can_trigger, struct err *err);

/* Creates an API token; the clear value is written to out. */
int identity_token_create(struct db *db, int64_t user_id, const char *name,
                          char out[CRY_TOKEN_MAX], int64_t *id,
                          struct err *err);
/* The user of a token or session (0 if unknown or expired). */
int identity_token_user(struct db *db, const char *token, int64_t *user_id,
                        struct err *err);
int identity_session_create(struct db *db, int64_t user_id, int64_t ttl_ms,
                            char out[CRY_TOKEN_MAX], struct err *err);
int identity_session_user(struct db *db, const char *session,
                          int64_t *user_id, struct err *err);
int identity_session_delete(struct db *db, const char *session,
                            struct err *err);
/* Whether the credential whose hash is `hash` (kind 't' an API token, 's'
 * a session) still signs user_id in: not deleted, revoked or expired.
 * For answers that last (a live view), checked again as they go. */
int identity_credential_live(struct db *db, char kind,
                             const unsigned char hash[CRY_HASH_BYTES],
                             int64_t user_id, bool *live, struct err *err);

#endif
