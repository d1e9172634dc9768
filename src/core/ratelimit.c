/* ratelimit: fixed-window counters in a bounded table; see ratelimit.h. */
#include "core/ratelimit.h"

#include <pthread.h>
#include <stdlib.h>

#include "core/xalloc.h"

#define SLOTS 4096 /* power of two */
#define PROBE 8

struct slot {
    uint64_t key;
    int64_t window;
    int count;
};

struct ratelimit {
    pthread_mutex_t mu;
    int limit;
    int64_t window_ms;
    struct slot slots[SLOTS];
};

struct ratelimit *ratelimit_new(int limit, int64_t window_ms)
{
    struct ratelimit *rl = xcalloc(1, sizeof *rl);
    pthread_mutex_init(&rl->mu, NULL);
    rl->limit = limit;
    rl->window_ms = window_ms > 0 ? window_ms : 1000;
    return rl;
}

void ratelimit_free(struct ratelimit *rl)
{
    if (!rl)
        return;
    pthread_mutex_destroy(&rl->mu);
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
    int64_t window = now_ms - now_ms % rl->window_ms;
    pthread_mutex_lock(&rl->mu);
    struct slot *found = NULL, *victim = NULL;
    for (int i = 0; i < PROBE; i++) {
        struct slot *s = &rl->slots[(h + (uint64_t)i) & (SLOTS - 1)];
        if (s->key == h) {
            found = s;
            break;
        }
        if (!victim || s->key == 0 || s->window < victim->window)
            victim = s;
    }
    if (!found) {
        found = victim;
        found->key = h;
        found->window = window;
        found->count = 0;
    }
    if (found->window != window) {
        found->window = window;
        found->count = 0;
    }
    bool ok = found->count < rl->limit;
    if (ok)
        found->count++;
    pthread_mutex_unlock(&rl->mu);
    if (!ok && retry_after_s) {
        int64_t left = window + rl->window_ms - now_ms;
        *retry_after_s = (int)((left + 999) / 1000);
    }
    return ok;
}
