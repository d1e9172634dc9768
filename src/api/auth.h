/*
 * auth: who is calling, and may they call this route.
 *
 * Credentials are an API token (Authorization: Bearer agd_...) or the
 * session cookie set by POST /api/login (agentd_session, HttpOnly,
 * SameSite=Strict). For routes under /api/workspaces/:ws the caller must be
 * a member; someone who is not gets 404, exactly as if the workspace did
 * not exist. The route's permission is then checked against the member's
 * role with rbac_allows() (router.c), the one RBAC rule.
 */
#ifndef AGENTD_API_AUTH_H
#define AGENTD_API_AUTH_H

#include "api/http.h"

#define AUTH_COOKIE "agentd_session"

/* Authenticates and authorises rq for rq->route. Fills user_id, role,
 * can_trigger. */
int auth_check(struct api_req *rq, struct err *err);
/* The value of cookie `name` in a Cookie header, copied into out. */
bool auth_cookie(const char *header, const char *name, char *out,
                 size_t size);
enum role auth_role_parse(const char *s);

#endif
