/* auth: authentication and the RBAC check; see auth.h. */
#include "api/auth.h"

#include <string.h>
#include <strings.h>

#include "api/router.h"
#include "core/str.h"
#include "crm/identity.h"

enum role auth_role_parse(const char *s)
{
    if (!s)
        return ROLE_NONE;
    if (strcmp(s, "owner") == 0)
        return ROLE_OWNER;
    if (strcmp(s, "admin") == 0)
        return ROLE_ADMIN;
    if (strcmp(s, "member") == 0)
        return ROLE_MEMBER;
    if (strcmp(s, "viewer") == 0)
        return ROLE_VIEWER;
    return ROLE_NONE;
}

bool auth_cookie(const char *header, const char *name, char *out, size_t size)
{
    size_t n = strlen(name);
    for (const char *p = header; p && *p;) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > n && strncmp(p, name, n) == 0 && p[n] == '=') {
            size_t vlen = len - n - 1;
            if (vlen == 0 || vlen >= size)
                return false;
            memcpy(out, p + n + 1, vlen);
            out[vlen] = '\0';
            return true;
        }
        p = end;
    }
    return false;
}

static int unauthorized(struct err *err)
{
    return err_set(err, E_UNAUTHORIZED,
                   "Sign in first: send 'Authorization: Bearer <API token>' "
                   "or the session cookie from POST /api/login");
}

static int authenticate(struct api_req *rq, struct err *err)
{
    char value[CRY_TOKEN_MAX + 8];
    if (rq->authorization) {
        const char *a = rq->authorization;
        if (strncasecmp(a, "Bearer ", 7) != 0)
            return unauthorized(err);
        a += 7;
        while (*a == ' ')
            a++;
        if (!*a || strlen(a) >= CRY_TOKEN_MAX)
            return err_set(err, E_UNAUTHORIZED, "Invalid API token");
        int rc = identity_token_user(rq->db, a, &rq->user_id, err);
        if (rc)
            return rc;
        if (!rq->user_id)
            return err_set(err, E_UNAUTHORIZED,
                           "Invalid or expired API token");
        rq->cred_kind = 't';
        cry_token_hash(a, rq->cred_hash);
        return 0;
    }
    if (rq->cookie && auth_cookie(rq->cookie, AUTH_COOKIE, value,
                                  sizeof value)) {
        int rc = identity_session_user(rq->db, value, &rq->user_id, err);
        if (rc)
            return rc;
        if (!rq->user_id)
            return err_set(err, E_UNAUTHORIZED,
                           "Your session has expired; sign in again");
        rq->via_session = true;
        rq->cred_kind = 's';
        cry_token_hash(value, rq->cred_hash);
        return 0;
    }
    return unauthorized(err);
}

int auth_check(struct api_req *rq, struct err *err)
{
    const struct route *r = rq->route;
    if (r->perm == P_PUBLIC)
        return 0;
    int rc = authenticate(rq, err);
    if (rc)
        return rc;
    if (r->perm == P_USER)
        return 0;
    char role[16];
    rc = identity_membership(rq->db, rq->ws, rq->user_id, role,
                             &rq->can_trigger, err);
    if (rc)
        return rc;
    rq->role = auth_role_parse(role);
    if (rq->role == ROLE_NONE)
        return err_set(err, E_NOT_FOUND, "Workspace %lld not found",
                       (long long)rq->ws);
    if (!rbac_allows(rq->role, rq->can_trigger, r->perm)) {
        int e;
        if (r->perm == P_TRIGGER)
            e = err_set(err, E_FORBIDDEN,
                        "You do not have permission to run agents (trigger, "
                        "cancel, retry or resume runs) in "
                        "this workspace; ask an owner or admin");
        else
            e = err_set(err, E_FORBIDDEN,
                        "Your role (%s) cannot do this; it needs %s or "
                        "above",
                        role, perm_name(r->perm));
        err_detail_str(err, "role", role);
        err_detail_str(err, "required", perm_name(r->perm));
        return e;
    }
    return 0;
}
