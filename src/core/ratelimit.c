/* ratelimit: sliding-window counters in a bounded table; see ratelimit.h.
 *
 * Each key keeps the count of the current fixed window and of the one
 * before; the estimate weighs the previous window by how much of it still
 * lies within the last window_ms. A burst at the end of one window and the
 * start of the next is counted as one, unlike plain fixed windows. */
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
    int prev; /* the count of the window before `window` */
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
        found->prev = 0;
    }
    if (found->window != window) {
        found->prev =
            found->window == window - rl->window_ms ? found->count : 0;
        found->window = window;
        found->count = 0;
    }
    double weight = 1.0 - (double)(now_ms - window) / (double)rl->window_ms;
    double estimate = found->prev * weight + found->count;
    bool ok = estimate < rl->limit;
    if (ok)
        found->count++;
    pthread_mutex_unlock(&rl->mu);
    if (!ok && retry_after_s) {
        /* When enough of the previous window has slid out. */
        int64_t left = window + rl->window_ms - now_ms;
        if (found->count >= rl->limit || found->prev == 0) {
            *retry_after_s = (int)((left + 999) / 1000);
        } else {
            double need = estimate - rl->limit + 1;
            int64_t ms = (int64_t)(need / found->prev * (double)rl->window_ms);
            *retry_after_s = (int)((ms + 999) / 1000);
            if (*retry_after_s < 1)
                *retry_after_s = 1;
        }
    }
    return ok;
}
