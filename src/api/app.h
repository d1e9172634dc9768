/*
 * app: what the HTTP layer needs from the running process.
 *
 * main.c builds one `struct app` and passes it to the server; handlers
 * reach it through rq->app. It is read-only after start-up except for the
 * objects that carry their own locks (the pool, the rate limiter, the
 * engine).
 */
#ifndef AGENTD_API_APP_H
#define AGENTD_API_APP_H

#include <stddef.h>
#include <stdint.h>

#include "core/crypto.h"
#include "core/ratelimit.h"
#include "store/db.h"

struct engine;
struct plan_fallback;

struct app {
    struct db_pool *pool;
    struct cry_key key;
    size_t max_body;          /* bytes; larger bodies get 413 */
    int64_t session_ttl_ms;
    struct ratelimit *login_limit;
    struct engine *engine;    /* NULL until the engine is running */
    const struct plan_fallback *planner; /* model fallback; NULL = off */
};

#define APP_DEFAULT_MAX_BODY (1024 * 1024)

#endif
