/* oauth: token refresh; see oauth.h. */
#include "connectors/oauth.h"

#include <stdio.h>
#include <string.h>

#include "connectors/httpc.h"
#include "core/buf.h"
#include "core/jsonx.h"

void oauth_form_escape(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' ||
            *p == '~') {
            buf_putc(b, (char)*p);
        } else {
            char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_append(b, enc, 3);
        }
    }
}

int oauth_refresh(struct httpc *http, const char *token_url,
                  const json_t *config, const json_t *credentials,
                  json_t **out, struct err *err)
{
    *out = NULL;
    const char *refresh = jx_str(credentials, "refreshToken");
    if (!refresh || !*refresh)
        return err_set(err, E_UNAUTHORIZED,
                       "no refresh token to renew the access token with");
    struct buf body;
    buf_init(&body, 64 * 1024);
    buf_puts(&body, "grant_type=refresh_token&refresh_token=");
    oauth_form_escape(&body, refresh);
    if (jx_str(config, "clientId")) {
        buf_puts(&body, "&client_id=");
        oauth_form_escape(&body, jx_str(config, "clientId"));
    }
    if (jx_str(credentials, "clientSecret")) {
        buf_puts(&body, "&client_secret=");
        oauth_form_escape(&body, jx_str(credentials, "clientSecret"));
    }
    struct httpc_req rq = {
        .method = "POST",
        .url = token_url,
        .headers = {"Content-Type: application/x-www-form-urlencoded",
                    "Accept: application/json"},
        .body = buf_cstr(&body),
        .body_len = body.len,
        .timeout_ms = 10000,
        .max_response = 64 * 1024,
        .guarded = true,
    };
    struct httpc_resp rs;
    httpc_resp_init(&rs);
    int rc = httpc_do(http, &rq, &rs, err);
    buf_fini(&body);
    json_t *j = NULL;
    if (!rc && rs.status == 200)
        j = json_loads(buf_cstr(&rs.body), 0, NULL);
    const char *access = jx_str(j, "access_token");
    if (!rc && access && *access) {
        *out = json_deep_copy(credentials);
        json_object_set_new(*out, "accessToken", json_string(access));
        if (jx_str(j, "refresh_token"))
            json_object_set_new(*out, "refreshToken",
                                json_string(jx_str(j, "refresh_token")));
    } else if (!rc) {
        rc = err_set(err, rs.status == 400 || rs.status == 401
                              ? E_UNAUTHORIZED
                              : E_UPSTREAM,
                     "token refresh answered %ld", rs.status);
    }
    json_decref(j);
    httpc_resp_fini(&rs);
    return rc;
}

static int send_with(struct httpc *http, struct httpc_req *rq,
                     const char *token, struct httpc_resp *rs,
                     struct err *err)
{
    char auth[4096];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s",
             token ? token : "");
    rq->headers[0] = auth;
    int rc = httpc_do(http, rq, rs, err);
    rq->headers[0] = NULL; /* auth is gone with this frame */
    return rc;
}

int oauth_send(struct httpc *http, struct httpc_req *rq, const json_t *config,
               const json_t *credentials, const char *token_url,
               struct httpc_resp *rs, json_t **fresh, struct err *err)
{
    *fresh = NULL;
    const char *token = json_is_string(credentials)
                            ? json_string_value(credentials)
                            : jx_str(credentials, "accessToken");
    int rc = send_with(http, rq, token, rs, err);
    if (rc || rs->status != 401)
        return rc;
    const char *tu = jx_str(config, "tokenUrl");
    struct err why = ERR_INIT;
    if (oauth_refresh(http, tu ? tu : token_url, config, credentials, fresh,
                      &why) == 0) {
        httpc_resp_fini(rs);
        httpc_resp_init(rs);
        rc = send_with(http, rq, jx_str(*fresh, "accessToken"), rs, err);
    }
    /* A refusal leaves the 401 answer, which callers word for people. */
    err_clear(&why);
    return rc;
}
