/*
 * err: errors that a person can act on.
 *
 * A function that can fail returns 0 or a negative error code, and takes a
 * `struct err *` last when someone should see why. The message says what
 * failed and on which input ("Custom field 'leadScore' not found. Create
 * field first."); `details` optionally carries machine-readable context
 * (which field, which step). One table (err.c) maps each code to its HTTP
 * status and the code string of the JSON error body.
 *
 * A struct err is owned by the caller; err_clear() releases its details.
 * Not thread-safe: one struct err belongs to one thread.
 */
#ifndef AGENTD_CORE_ERR_H
#define AGENTD_CORE_ERR_H

#include <jansson.h>

enum err_code {
    E_OK = 0,
    E_BAD_REQUEST,  /* 400: malformed JSON, wrong type, unknown field */
    E_UNAUTHORIZED, /* 401: no or bad credentials */
    E_PAYMENT,      /* 402: not enough workspace credits */
    E_FORBIDDEN,    /* 403: authenticated, but the role does not allow it */
    E_NOT_FOUND,    /* 404: no such thing in this workspace */
    E_METHOD,       /* 405: path exists, method does not */
    E_CONFLICT,     /* 409: state conflict, duplicate */
    E_TOO_LARGE,    /* 413: body over the limit */
    E_UNSUPPORTED,  /* 415: not JSON */
    E_VALIDATION,   /* 422: well-formed but invalid values */
    E_RATE_LIMITED, /* 429 */
    E_INTERNAL,     /* 500 */
    E_UPSTREAM,     /* 502: an external provider failed */
    E_UNAVAILABLE,  /* 503 */
    E_TIMEOUT,      /* 504: an external provider timed out */
    E__COUNT
};

#define ERR_MSG_MAX 512

struct err {
    enum err_code code;
    char msg[ERR_MSG_MAX];
    json_t *details; /* owned; NULL or a JSON object */
};

#define ERR_INIT {E_OK, {0}, NULL}

void err_init(struct err *e);
/* Releases details and resets to E_OK. Accepts NULL. */
void err_clear(struct err *e);

/* Records an error and returns -(int)code, so that `return err_set(...)`
 * reads naturally. e may be NULL (the error is then only returned). */
int err_set(struct err *e, enum err_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Adds details[key] = value (value's reference is stolen). */
void err_detail(struct err *e, const char *key, json_t *value);
void err_detail_str(struct err *e, const char *key, const char *value);
/* Prefixes the message with context, e.g. "steps[2]: ". */
void err_prefix(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Moves src into dst (dst's old details are released). */
void err_move(struct err *dst, struct err *src);

int err_http_status(enum err_code code);
const char *err_code_name(enum err_code code);
/* {"error": {"code", "message", "details"}}; caller owns the result. */
json_t *err_to_json(const struct err *e);
/* The code an HTTP status stands for (E_INTERNAL for one it does not
 * know), for answers kept in the store by their status. */
enum err_code err_code_of_http(int status);
/* Maps a negative return value to a code (anything unknown is internal). */
enum err_code err_code_of(int rc);

#endif
