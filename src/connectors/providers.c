/* providers: LinkedIn, Apollo, web search, Slack; see providers.h. */
#include "connectors/providers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connectors/httpc.h"
#include "connectors/oauth.h"
#include "core/buf.h"
#include "core/jsonx.h"
#include "core/str.h"

const char *provider_secret(const json_t *credentials, const char *field)
{
    if (json_is_string(credentials))
        return json_string_value(credentials);
    return jx_str(credentials, field);
}

static const char *base_url(const json_t *config, const char *dflt)
{
    const char *b = jx_str(config, "baseUrl");
    return b && *b ? b : dflt;
}

/* ---- LinkedIn -------------------------------------------------------- */

/* "https://www.linkedin.com/in/john-doe/" -> "john-doe" */
static void profile_id(const char *url, char *out, size_t size)
{
    const char *p = strstr(url, "/in/");
    p = p ? p + 4 : url;
    size_t n = strcspn(p, "/?#");
    if (n >= size)
        n = size - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

int linkedin_invite(struct httpc *http, const json_t *config,
                    const json_t *credentials, const char *profile_url,
                    const char *note, json_t **result,
                    json_t **new_credentials, struct err *err)
{
    *result = NULL;
    *new_credentials = NULL;
    char url[1024], id[256], urn[300];
    snprintf(url, sizeof url, "%s/v2/invitations",
             base_url(config, "https://api.linkedin.com"));
    profile_id(profile_url, id, sizeof id);
    snprintf(urn, sizeof urn, "urn:li:person:%s", id);
    json_t *b = json_pack("{s:s}", "invitee", urn);
    if (note && *note)
        json_object_set_new(
            b, "message",
            json_pack("{s:{s:s}}",
                      "com.linkedin.invitations.InvitationMessage", "body",
                      note));
    char *body = jx_dump(b);
    json_decref(b);
    struct httpc_resp rs;
    httpc_resp_init(&rs);
    struct httpc_req rq = {
        .method = "POST",
        .url = url,
        .headers = {NULL /* oauth_send's */, "Content-Type: application/json",
                    "X-Restli-Protocol-Version: 2.0.0"},
        .body = body,
        .body_len = strlen(body),
        .timeout_ms = 15000,
        .max_response = 64 * 1024,
        .guarded = true,
        .want_headers = true,
        /* An invitation is not idempotent: retry only what was surely not
         * processed (429). */
        .not_idempotent = true,
    };
    int rc = oauth_send(http, &rq, config, credentials,
                        "https://www.linkedin.com/oauth/v2/accessToken", &rs,
                        new_credentials, err);
    free(body);
    if (!rc) {
        if (rs.status >= 200 && rs.status < 300) {
            const char *inv = jx_str(rs.headers, "x-linkedin-id");
            *result = json_pack("{s:s, s:s?}", "invitee", urn, "invitation",
                                inv);
        } else if (rs.status == 401 || rs.status == 403) {
            rc = err_set(err, E_UNAUTHORIZED,
                         "LinkedIn integration disconnected. Reconnect to "
                         "continue.");
        } else if (rs.status == 429) {
            rc = err_set(err, E_RATE_LIMITED,
                         "LinkedIn daily limit reached (100 invitations/day)");
        } else if (rs.status == 409 || rs.status == 422) {
            rc = err_set(err, E_CONFLICT,
                         "LinkedIn refused the invitation (already invited "
                         "or connected)");
        } else {
            rc = httpc_answered(&rs, "LinkedIn", err);
        }
    }
    httpc_resp_fini(&rs);
    return rc;
}

/* ---- Apollo ---------------------------------------------------------- */

int apollo_match(struct httpc *http, const json_t *config,
                 const json_t *credentials, const char *email,
                 json_t **person, struct err *err)
{
    *person = NULL;
    char url[1024], key[512];
    snprintf(url, sizeof url, "%s/api/v1/people/match",
             base_url(config, "https://api.apollo.io"));
    const char *k = provider_secret(credentials, "apiKey");
    snprintf(key, sizeof key, "X-Api-Key: %s", k ? k : "");
    json_t *b = json_pack("{s:s, s:b}", "email", email,
                          "reveal_personal_emails", 0);
    char *body = jx_dump(b);
    json_decref(b);
    struct httpc_req rq = {
        .method = "POST",
        .url = url,
        .headers = {key, "Content-Type: application/json",
                    "Cache-Control: no-cache"},
        .body = body,
        .body_len = strlen(body),
        .timeout_ms = 15000,
        .max_response = 512 * 1024,
        .guarded = true,
    };
    struct httpc_resp rs;
    httpc_resp_init(&rs);
    int rc = httpc_do(http, &rq, &rs, err);
    free(body);
    if (!rc) {
        json_t *j = NULL;
        if (rs.status == 200) {
            j = json_loads(buf_cstr(&rs.body), 0, NULL);
            if (!json_is_object(j))
                rc = err_set(err, E_UPSTREAM,
                             "Apollo answered something that is not JSON");
            else {
                json_t *p = json_object_get(j, "person");
                *person = json_is_object(p) ? json_incref(p) : json_null();
            }
        } else if (rs.status == 429) {
            rc = err_set(err, E_RATE_LIMITED, "Apollo API rate limit exceeded");
        } else if (rs.status == 401 || rs.status == 403) {
            rc = err_set(err, E_UNAUTHORIZED,
                         "Apollo refused the API key. Update the connection "
                         "to continue.");
        } else if (rs.status == 404) {
            *person = json_null();
        } else {
            rc = httpc_answered(&rs, "Apollo", err);
        }
        json_decref(j);
    }
    httpc_resp_fini(&rs);
    return rc;
}

/* ---- web search (Brave) ------------------------------------------------ */

int websearch(struct httpc *http, const json_t *config,
              const json_t *credentials, const char *query, int limit,
              json_t **results, struct err *err)
{
    *results = NULL;
    struct buf url;
    buf_init(&url, 8192);
    buf_printf(&url, "%s/res/v1/web/search?q=",
               base_url(config, "https://api.search.brave.com"));
    oauth_form_escape(&url, query);
    buf_printf(&url, "&count=%d", limit);
    char key[512];
    const char *k = provider_secret(credentials, "apiKey");
    snprintf(key, sizeof key, "X-Subscription-Token: %s", k ? k : "");
    int64_t timeout = 10000;
    jx_int(config, "timeoutMs", &timeout);
    struct httpc_req rq = {
        .url = buf_cstr(&url),
        .headers = {key, "Accept: application/json"},
        .timeout_ms = (long)timeout,
        .max_response = 1024 * 1024,
        .guarded = true,
        .no_retry_timeout = true,
    };
    struct httpc_resp rs;
    httpc_resp_init(&rs);
    int rc = httpc_do(http, &rq, &rs, err);
    buf_fini(&url);
    if (rc == -E_TIMEOUT) {
        err_clear(err);
        rc = err_set(err, E_TIMEOUT, "Web search timed out");
    } else if (rc) {
        err_clear(err);
        rc = err_set(err, E_UPSTREAM, "Web search unavailable");
    } else if (rs.status == 200) {
        json_t *j = json_loads(buf_cstr(&rs.body), 0, NULL);
        json_t *list = json_object_get(json_object_get(j, "web"), "results");
        if (!json_is_object(j)) {
            rc = err_set(err, E_UPSTREAM, "Web search unavailable");
        } else {
            *results = json_array();
            size_t i;
            json_t *r;
            json_array_foreach(list, i, r)
            {
                if ((int)i >= limit)
                    break;
                json_array_append_new(
                    *results,
                    json_pack("{s:s, s:s, s:s}", "title",
                              jx_str(r, "title") ? jx_str(r, "title") : "",
                              "snippet",
                              jx_str(r, "description") ? jx_str(r, "description")
                                                        : "",
                              "url", jx_str(r, "url") ? jx_str(r, "url") : ""));
            }
        }
        json_decref(j);
    } else if (rs.status == 401 || rs.status == 403) {
        rc = err_set(err, E_UNAUTHORIZED,
                     "The web search provider refused the API key. Update "
                     "the connection to continue.");
    } else {
        /* 429 and 5xx after the retries. */
        rc = err_set(err, E_UPSTREAM, "Web search unavailable");
    }
    httpc_resp_fini(&rs);
    return rc;
}

/* ---- Slack ----------------------------------------------------------- */

int slack_post(struct httpc *http, const json_t *config,
               const json_t *credentials, const char *channel,
               const char *text, json_t **result, struct err *err)
{
    *result = NULL;
    const char *hook = jx_str(credentials, "webhookUrl");
    if (!hook && json_is_string(credentials) &&
        str_starts_with_ci(json_string_value(credentials), "http"))
        hook = json_string_value(credentials);
    const char *token = hook ? NULL : provider_secret(credentials, "botToken");
    char url[2048], auth[1024];
    json_t *b;
    if (hook) {
        snprintf(url, sizeof url, "%s", hook);
        b = json_pack("{s:s}", "text", text);
    } else {
        const char *ch = channel ? channel : jx_str(config, "channel");
        if (!ch)
            return err_set(err, E_VALIDATION,
                           "No Slack channel: give one in the step or in "
                           "the connection's config.channel");
        snprintf(url, sizeof url, "%s/api/chat.postMessage",
                 base_url(config, "https://slack.com"));
        b = json_pack("{s:s, s:s}", "channel", ch, "text", text);
    }
    snprintf(auth, sizeof auth, "Authorization: Bearer %s",
             token ? token : "");
    char *body = jx_dump(b);
    json_decref(b);
    struct httpc_req rq = {
        .method = "POST",
        .url = url,
        .headers = {"Content-Type: application/json; charset=utf-8",
                    token ? auth : NULL},
        .body = body,
        .body_len = strlen(body),
        .timeout_ms = 15000,
        .max_response = 64 * 1024,
        .guarded = true,
        .not_idempotent = true,
    };
    struct httpc_resp rs;
    httpc_resp_init(&rs);
    int rc = httpc_do(http, &rq, &rs, err);
    free(body);
    if (!rc) {
        json_t *j = json_loads(buf_cstr(&rs.body), 0, NULL);
        if (rs.status == 429) {
            rc = err_set(err, E_RATE_LIMITED, "Slack rate limit exceeded");
        } else if (rs.status < 200 || rs.status >= 300) {
            rc = err_set(err, rs.status == 404 || rs.status == 403
                                  ? E_UNAUTHORIZED
                                  : E_UPSTREAM,
                         "Slack answered %ld: %.200s", rs.status,
                         buf_cstr(&rs.body));
        } else if (!hook && !jx_bool(j, "ok", false)) {
            rc = err_set(err, E_UPSTREAM, "Slack refused the message: %s",
                         jx_str(j, "error") ? jx_str(j, "error") : "unknown");
        } else {
            *result = json_pack("{s:b, s:s?}", "ok", 1, "ts", jx_str(j, "ts"));
        }
        json_decref(j);
    }
    httpc_resp_fini(&rs);
    return rc;
}
