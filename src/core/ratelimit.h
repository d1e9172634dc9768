/*
 * ratelimit: an in-process sliding-window limit per key ("login:a@b.c"):
 * at most `limit` events in any window_ms (limit at most 1000).
 *
 * For limits that only need to hold within one process (login attempts).
 * Limits that must hold across processes sharing a database (runs per
 * agent, webhook calls) are counted in the store instead.
 *
 * Keys are reduced to a 64-bit hash; the table has a fixed number of slots
 * and forgets the oldest windows first, so memory is bounded whatever the
 * keys. Thread-safe.
 */
#ifndef AGENTD_CORE_RATELIMIT_H
#define AGENTD_CORE_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

struct ratelimit;

struct ratelimit *ratelimit_new(int limit, int64_t window_ms);
void ratelimit_free(struct ratelimit *rl);
/* Counts one event for key at now_ms. Returns true if it is within the
 * limit; otherwise false and *retry_after_s says when the window ends. */
bool ratelimit_hit(struct ratelimit *rl, const char *key, int64_t now_ms,
                   int *retry_after_s);

#endif
