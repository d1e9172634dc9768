/* ratelimit: exact sliding windows in a bounded table; see ratelimit.h.
 *
 * Each key keeps the times of its last `limit` events in a ring. An event
 * is allowed when fewer than `limit` of them lie within the last
 * window_ms, that is when the oldest of the ring has left the window; a
 * burst that straddles two clock windows is counted as one. */
#include "core/ratelimit.h"

#include <pthread.h>
#include <stdlib.h>

#include "core/xalloc.h"

#define SLOTS 4096 /* power of two */
#define PROBE 8
#define MAX_LIMIT 1000

struct slot {
    uint64_t key;
    int64_t last;  /* the newest event, for eviction */
    int head;      /* index of the oldest event in the ring */
    int n;         /* events in the ring */
};

struct ratelimit {
    pthread_mutex_t mu;
    int limit;
    int64_t window_ms;
    struct slot slots[SLOTS];
    int64_t *times; /* SLOTS rings of `limit` times */
};

struct ratelimit *ratelimit_new(int limit, int64_t window_ms)
{
    struct ratelimit *rl = xcalloc(1, sizeof *rl);
    pthread_mutex_init(&rl->mu, NULL);
    rl->limit = limit < 1 ? 1 : limit > MAX_LIMIT ? MAX_LIMIT : limit;
    rl->window_ms = window_ms > 0 ? window_ms : 1000;
    rl->times = xcalloc((size_t)SLOTS * (size_t)rl->limit, sizeof *rl->times);
    return rl;
}

void ratelimit_free(struct ratelimit *rl)
{
    if (!rl)
        return;
    pthread_mutex_destroy(&rl->mu);
    free(rl->times);
    free(rl);
}

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

bool ratelimit_hit(struct ratelimit *rl, const char *key, int64_t now_ms,
                   int *retry_after_s)
{
    uint64_t h = hash(key);
    pthread_mutex_lock(&rl->mu);
    struct slot *found = NULL, *victim = NULL;
    for (int i = 0; i < PROBE; i++) {
        struct slot *s = &rl->slots[(h + (uint64_t)i) & (SLOTS - 1)];
        if (s->key == h) {
            found = s;
            break;
        }
        /* A free slot, else the one idle the longest. */
        if (!victim || s->key == 0 || (victim->key && s->last < victim->last))
            victim = s;
    }
    if (!found) {
        found = victim;
        found->key = h;
        found->head = 0;
        found->n = 0;
    }
    int64_t *ring = rl->times + (size_t)(found - rl->slots) * (size_t)rl->limit;
    /* Events that left the window are forgotten. */
    while (found->n > 0 && ring[found->head] <= now_ms - rl->window_ms) {
        found->head = (found->head + 1) % rl->limit;
        found->n--;
    }
    bool ok = found->n < rl->limit;
    if (ok) {
        ring[(found->head + found->n) % rl->limit] = now_ms;
        found->n++;
        found->last = now_ms;
    }
    int64_t oldest = ring[found->head];
    pthread_mutex_unlock(&rl->mu);
    if (!ok && retry_after_s) {
        int64_t left = oldest + rl->window_ms - now_ms;
        *retry_after_s = (int)((left + 999) / 1000);
        if (*retry_after_s < 1)
            *retry_after_s = 1;
    }
    return ok;
}
