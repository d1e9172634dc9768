/*
 * providers: the HTTP services integration steps call, one function each,
 * speaking the provider's documented request and answer:
 *
 *   linkedin   POST {baseUrl}/v2/invitations (LinkedIn Invitations API):
 *              {"invitee": "urn:li:person:<profile>", "message":
 *              {"com.linkedin.invitations.InvitationMessage": {"body"}}};
 *              the new invitation's URN in the x-linkedin-id header.
 *              OAuth: an expired token is refreshed once.
 *   apollo     POST {baseUrl}/api/v1/people/match with X-Api-Key,
 *              {"email"}: {"person": {...} | null}.
 *   websearch  Brave Search: GET {baseUrl}/res/v1/web/search?q=&count= with
 *              X-Subscription-Token: {"web": {"results": [{title, url,
 *              description}]}}.
 *   slack      an incoming webhook URL (POST {"text"}, answer "ok"), or
 *              chat.postMessage with a bot token ({"ok": true, "ts"}).
 *
 * Every base URL can be pointed elsewhere (a proxy, a test server); the
 * address guard applies to all of them. Errors carry the messages people
 * read.
 */
#ifndef AGENTD_CONNECTORS_PROVIDERS_H
#define AGENTD_CONNECTORS_PROVIDERS_H

#include <jansson.h>

#include "core/err.h"

struct httpc;

/* *result {"invitation"}; *new_credentials after a token refresh (owned or
 * NULL). -E_UNAUTHORIZED "LinkedIn integration disconnected. Reconnect to
 * continue." when the token cannot be renewed; -E_RATE_LIMITED "LinkedIn
 * daily limit reached (100 invitations/day)" on 429. */
int linkedin_invite(struct httpc *http, const json_t *config,
                    const json_t *credentials, const char *profile_url,
                    const char *note, json_t **result,
                    json_t **new_credentials, struct err *err);

/* *person: the match (owned) or JSON null when Apollo has nobody.
 * -E_RATE_LIMITED "Apollo API rate limit exceeded". */
int apollo_match(struct httpc *http, const json_t *config,
                 const json_t *credentials, const char *email,
                 json_t **person, struct err *err);

/* *results [{title, snippet, url}] (owned; empty is not an error).
 * -E_TIMEOUT "Web search timed out"; -E_UPSTREAM "Web search unavailable"
 * after the retries. */
int websearch(struct httpc *http, const json_t *config,
              const json_t *credentials, const char *query, int limit,
              json_t **results, struct err *err);

/* channel may be NULL (the connection's). *result {"ok", "ts"}. */
int slack_post(struct httpc *http, const json_t *config,
               const json_t *credentials, const char *channel,
               const char *text, json_t **result, struct err *err);

/* The secret of a connection: a string, or the named field of an object. */
const char *provider_secret(const json_t *credentials, const char *field);

#endif
