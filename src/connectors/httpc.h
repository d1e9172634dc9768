/*
 * httpc: the one outbound HTTP client (libcurl).
 *
 * - Timeouts per call (connect and total).
 * - Retries on 429 and 5xx (and on connection failures) with exponential
 *   backoff and jitter, honouring Retry-After; at most `attempts` tries.
 * - Response bodies capped: a larger body fails the call (-E_TOO_LARGE).
 * - TLS certificates verified; only http and https, also on redirects.
 * - The address guard: when a request is `guarded` (its URL came from a
 *   workspace: an http_request step, a webhook, a provider base URL), a
 *   connection to a loopback, private, link-local, CGNAT, multicast or
 *   cloud-metadata address is refused. The check runs on the address the
 *   name resolved to, for every connection, so a redirect to such an
 *   address is refused too. Operators allow named hosts for on-premise
 *   use (httpc_config.allow_hosts, AGENTD_HTTP_ALLOW_HOSTS).
 *
 * A `struct httpc` keeps its connections open between requests (reused,
 * not opened per call) and belongs to one thread at a time; take one from
 * a `struct httpc_pool`.
 */
#ifndef AGENTD_CONNECTORS_HTTPC_H
#define AGENTD_CONNECTORS_HTTPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

struct httpc;
struct httpc_pool;

struct httpc_config {
    /* Comma-separated host names that the guard lets through. */
    const char *allow_hosts;
    /* First backoff step in ms (then x2 per retry, +/-25% jitter). */
    long backoff_ms;
    /* Longest Retry-After honoured; a longer one ends the retries. */
    long max_retry_after_ms;
    /* CA bundle for TLS (NULL: the system's). */
    const char *ca_file;
};

#define HTTPC_MAX_HEADERS 16

struct httpc_req {
    const char *method;            /* "GET" when NULL */
    const char *url;
    const char *headers[HTTPC_MAX_HEADERS + 1]; /* "Name: value", NULL-end */
    const char *body;
    size_t body_len;
    long timeout_ms;               /* total; 10000 when 0 */
    long connect_timeout_ms;       /* 5000 when 0 */
    size_t max_response;           /* bytes; 1 MiB when 0 */
    int attempts;                  /* 3 when 0 */
    bool guarded;                  /* apply the address guard */
    /* A call that must not happen twice (a message, an invitation, a
     * POST): retried only on 429 and when no connection could be made; a
     * 5xx, a timeout or a connection lost once the request may have gone
     * out ends it. It always takes a new connection (libcurl would resend
     * a request on its own when a reused one closes unanswered). */
    bool not_idempotent;
    bool no_retry_timeout;         /* a timeout ends the call at once */
    bool want_headers;             /* fill httpc_resp.headers */
};

struct httpc_resp {
    long status;          /* 0 when no response arrived */
    struct buf body;
    char content_type[128];
    char retry_after[32]; /* as the server sent it */
    char location[512];   /* of a redirect not followed */
    int attempts;
    bool cut;             /* a retry was due but not made: httpc_set_deadline */
    double ms;            /* wall time of all attempts */
    json_t *headers;      /* want_headers: {"name": "value"} with lower-case
                             names (the last of a repeated header); owned */
};

void httpc_resp_init(struct httpc_resp *rs);
void httpc_resp_fini(struct httpc_resp *rs);

/* Global libcurl set-up; once, before threads. */
int httpc_global_init(struct err *err);

struct httpc *httpc_new(const struct httpc_config *cfg);
void httpc_free(struct httpc *c);

/*
 * No retry of httpc_do or httpc_mail starts after `mono_ns` (a
 * clock_mono_ns() instant; 0: none, the default): a retry whose wait
 * would end past it is not made and the call returns what the last
 * attempt got. The attempt under way keeps its own timeout, so a message
 * in flight is never cut off half sent. The engine sets it to the instant
 * a run's time runs out, so that one call's retries cannot hold a run
 * far past its limit.
 */
void httpc_set_deadline(struct httpc *c, int64_t mono_ns);

/*
 * Performs the request. Returns 0 whenever an HTTP response arrived, even
 * a 4xx/5xx after the retries (look at rs->status); negative when none
 * did: -E_TIMEOUT, -E_FORBIDDEN (the guard refused the address),
 * -E_TOO_LARGE (response over the cap), -E_UPSTREAM (connection failed),
 * -E_BAD_REQUEST (bad URL or scheme). rs must be initialised. A call
 * marked not_idempotent whose request went out and got no answer is in
 * doubt (httpc_uncertain).
 */
int httpc_do(struct httpc *c, const struct httpc_req *rq,
             struct httpc_resp *rs, struct err *err);

/* Whether err, from httpc_do or httpc_mail, says the call may have gone
 * through: its request (an SMTP message after 354) went out and no answer
 * came. Such a call is neither done nor failed, and not made again. */
bool httpc_uncertain(const struct err *err);
/* Marks err, just set, as such a call's (for a caller that words it
 * again). */
void httpc_mark_uncertain(struct err *err);

/*
 * The error for an answer the caller has no better words for: "Apollo
 * answered 503 (Service Unavailable) after 3 tries", with "; not tried
 * again, the run's time limit would pass first" when the deadline stopped
 * the retries. Returns -E_UPSTREAM.
 */
int httpc_answered(const struct httpc_resp *rs, const char *who,
                   struct err *err);

/*
 * One e-mail through SMTP (smtp:// with STARTTLS when `starttls`, or
 * smtps://), on a connection kept open between messages. The address
 * guard applies as for HTTP when `guarded`. A 4xx answer (a server busy or
 * greylisting) is retried with backoff, up to `attempts` (3); a 5xx is
 * final. Returns 0 when the server accepted the message; otherwise a
 * negative error whose message quotes the server's answer (-E_UNAUTHORIZED
 * for a refused login, -E_VALIDATION for a refused recipient,
 * -E_UPSTREAM, -E_TIMEOUT, -E_FORBIDDEN for the guard). *code is the last
 * SMTP reply code (0 when none).
 */
struct httpc_mail {
    const char *url;      /* "smtp://host:587" or "smtps://host:465" */
    bool starttls;        /* smtp:// only: require STARTTLS */
    const char *username; /* NULL: no AUTH */
    const char *password;
    const char *from;     /* envelope sender address */
    const char *to;       /* envelope recipient */
    const char *data;     /* the whole RFC 5322 message, CRLF lines */
    size_t len;
    long timeout_ms;      /* 30000 when 0 */
    int attempts;         /* 3 when 0 */
    bool guarded;
};
int httpc_mail(struct httpc *c, const struct httpc_mail *m, long *code,
               struct err *err);

/* True if the numeric address (IPv4 or IPv6 text) is one the guard
 * refuses. Exposed for tests. */
bool httpc_address_blocked(const char *ip);

/* ---- pool ---- */
struct httpc_pool *httpc_pool_new(const struct httpc_config *cfg, int size);
void httpc_pool_free(struct httpc_pool *p);
struct httpc *httpc_pool_acquire(struct httpc_pool *p);
void httpc_pool_release(struct httpc_pool *p, struct httpc *c);

#endif
