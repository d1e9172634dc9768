/*
 * oauth: refreshing an OAuth 2.0 access token (RFC 6749 section 6), as
 * Google and LinkedIn do it: POST token_url, form-encoded grant_type=
 * refresh_token, refresh_token, client_id, client_secret; the answer's
 * access_token (and refresh_token, when the provider rotates it).
 */
#ifndef AGENTD_CONNECTORS_OAUTH_H
#define AGENTD_CONNECTORS_OAUTH_H

#include <jansson.h>

#include "core/err.h"

struct httpc;

/* credentials {accessToken, refreshToken, clientSecret}, config {clientId};
 * *out = a copy of credentials with the new token(s) (caller owns). A
 * refusal (400/401) is -E_UNAUTHORIZED. */
int oauth_refresh(struct httpc *http, const char *token_url,
                  const json_t *config, const json_t *credentials,
                  json_t **out, struct err *err);

/* Sends rq with "Authorization: Bearer <access token>" as its first
 * header (rq->headers[0], which the caller leaves for it); the token is
 * credentials.accessToken, or credentials itself when it is a string. An
 * answer of 401 means an expired token: it is refreshed once
 * (config.tokenUrl, else token_url) and rq sent again. *fresh = the
 * refreshed credentials, to be stored (caller owns), or NULL. */
struct httpc_req;
struct httpc_resp;
int oauth_send(struct httpc *http, struct httpc_req *rq, const json_t *config,
               const json_t *credentials, const char *token_url,
               struct httpc_resp *rs, json_t **fresh, struct err *err);

/* Appends s to b percent-encoded for application/x-www-form-urlencoded. */
struct buf;
void oauth_form_escape(struct buf *b, const char *s);

#endif
