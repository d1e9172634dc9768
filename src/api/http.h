/*
 * http: the request and response that handlers see.
 *
 * The server (server.c) fills a `struct api_req` from libmicrohttpd: method,
 * path, query arguments, the few headers we use, the body, and after
 * routing and authentication the caller's identity and role. Handlers never
 * touch libmicrohttpd, so they can be driven directly from tests.
 *
 * A handler returns 0 after filling `struct api_resp`, or a negative error
 * with `struct err` set; the server renders errors through one table
 * (core/err.c) as {"error": {"code", "message", "details"}}.
 *
 * Everything in a request is borrowed for the duration of the handler call.
 */
#ifndef AGENTD_API_HTTP_H
#define AGENTD_API_HTTP_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/crypto.h"
#include "core/err.h"
#include "crm/entity.h"
#include "store/db.h"

struct app;
struct route;

enum role { ROLE_NONE, ROLE_VIEWER, ROLE_MEMBER, ROLE_ADMIN, ROLE_OWNER };

#define API_MAX_QUERY 32
#define API_MAX_SEGS 12

struct api_kv {
    const char *key;
    const char *value;
};

struct api_req {
    const char *method;
    const char *path;
    struct api_kv query[API_MAX_QUERY];
    int nquery;
    /* Headers agentd reads; NULL when absent. */
    const char *authorization;
    const char *cookie;
    const char *content_type;
    const char *idempotency_key;
    const char *webhook_secret; /* X-Agentd-Secret or X-Webhook-Secret */
    const char *body;
    size_t body_len;
    json_t *json; /* parsed body for POST/PUT/PATCH; owned by the server */

    /* Filled by routing. */
    const struct route *route;
    char *segs[API_MAX_SEGS]; /* path segments; owned by the server */
    int nseg;
    int64_t ws;     /* :ws, 0 when the route has none */
    int64_t id;     /* :id, 0 when none */
    int64_t sub_id; /* second numeric parameter, e.g. :executionId */
    const char *str_param; /* e.g. :formId */

    /* Filled by authentication. */
    int64_t user_id;
    /* The credential it came with, as the store keys it: 't' an API
     * token, 's' a session (0: none), and its hash. A long answer (a
     * live view) checks it again as it goes (identity_credential_live). */
    char cred_kind;
    unsigned char cred_hash[CRY_HASH_BYTES];
    enum role role;
    bool can_trigger;
    bool via_session;

    struct app *app;
    struct db *db; /* borrowed from the pool for this request */
};

/*
 * A response that follows something as it changes, as server-sent events
 * (text/event-stream). The handler checks the request and fills this; the
 * server (live.c) then calls next() once at once and again whenever the
 * store may have changed, each time on a connection borrowed from the
 * pool for that call only. Nothing of the request is kept: the state
 * carries what next() needs.
 */
struct api_stream {
    /* Appends what changed since the last call to out as events
     * (api_sse_event) and sets *done when nothing more will come. 0, or a
     * negative error: the stream then ends with an "error" event. */
    int (*next)(void *state, struct db *db, struct buf *out, bool *done,
                struct err *err);
    void (*free)(void *state);
    void *state; /* owned; given to free() */
    /* What the stream is about (an execution id; 0: many things): an
     * operation on it through this server (live_poke) reaches the
     * stream at once, even under a stream of other writes. */
    int64_t topic;
};

struct api_resp {
    int status;
    json_t *json;             /* owned; serialised by the server */
    char *raw;                /* owned; non-JSON body */
    size_t raw_len;
    const char *content_type; /* for raw */
    char *set_cookie;         /* owned */
    char *disposition;        /* owned; Content-Disposition (downloads) */
    const char *location;
    char *allow;              /* owned; for 405 */
    int retry_after;          /* seconds; 0 = none */
    struct api_stream stream; /* next != NULL: a stream instead of a body */
};

/* Answers with a stream whose source is next/free/state (state taken in
 * every case): next() runs once now, on the request's connection, so
 * that what it refuses (a 404) is the answer; when it already says done,
 * its events are the whole body. 0 or next()'s error. */
int api_stream_start(const struct api_req *rq, struct api_resp *rs,
                     int (*next)(void *state, struct db *db, struct buf *out,
                                 bool *done, struct err *err),
                     void (*free_state)(void *state), void *state,
                     int64_t topic, struct err *err);

/* Appends one server-sent event: "event: NAME" and data, the JSON text
 * `data` (one line: our JSON writer escapes every newline). */
void api_sse_event(struct buf *out, const char *name, const char *data);

/* The query argument `key`, or NULL. */
const char *api_query(const struct api_req *rq, const char *key);
/* Sets a JSON response (reference stolen). Returns 0. */
int api_json(struct api_resp *rs, int status, json_t *body);
/* A crm_ctx for the request's workspace and caller. */
struct crm_ctx api_crm_ctx(const struct api_req *rq);
/* Parses an optional boolean query argument; -E_BAD_REQUEST if invalid. */
int api_query_bool(const struct api_req *rq, const char *key, bool dflt,
                   bool *out, struct err *err);
/* The JSON body as an object, or -E_BAD_REQUEST when absent / not one. */
/* Newest-first pages over rows keyed by id: ?limit= (1..200, default 50)
 * and ?cursor=<the last id of the previous page>; before = INT64_MAX on
 * the first page. */
int api_page_args(const struct api_req *rq, int *limit, int64_t *before,
                  struct err *err);
int api_body_object(const struct api_req *rq, json_t **obj, struct err *err);
const char *api_role_name(enum role r);



/* Body helpers for handlers that take a small fixed set of fields. */
/* Fails with 400 naming the first key of obj not in allowed (NULL-ended). */
int api_only_keys(const json_t *obj, const char *const *allowed,
                  struct err *err);
/* A string member: 400 if present and not a string, 422 if required and
 * missing/empty or longer than max. *out borrowed (NULL when absent). */
int api_str(const json_t *obj, const char *key, bool required, size_t max,
            const char **out, struct err *err);
/* A boolean member; 400 if present and not a boolean. */
int api_bool(const json_t *obj, const char *key, bool dflt, bool *out,
             struct err *err);
/* An integer member in [min, max]: 400 if present and not an integer, 422
 * out of range. *present tells whether it was given (*out untouched if
 * not). */
int api_int(const json_t *obj, const char *key, int64_t min, int64_t max,
            int64_t *out, bool *present, struct err *err);
#endif
