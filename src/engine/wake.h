/*
 * wake: wake-ups between agentd processes that share one database on one
 * host (`agentd serve --workers 0` plus `agentd worker` processes, or
 * several workers).
 *
 * Each process with workers binds a datagram socket named by its pid in a
 * directory next to the database; a process that adds a job due now sends
 * the job's due time to every other socket there, so that a worker
 * process sleeping until its next poll starts it at once. It is only a
 * hint: the job is in the store whatever happens to the datagram, and the
 * workers' poll (AGENTD_POLL_MS) still finds it.
 */
#ifndef AGENTD_ENGINE_WAKE_H
#define AGENTD_ENGINE_WAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct wake;

typedef void (*wake_fn)(void *arg, int64_t run_at);

/* Opens the wake-up directory `dir` (created, mode 0700, if missing).
 * With on_wake, binds this process's socket there and calls
 * on_wake(arg, run_at) from a thread of its own for every wake-up another
 * process sends; without, the process only sends. */
int wake_open(const char *dir, wake_fn on_wake, void *arg, struct wake **out,
              struct err *err);

/* Tells the other processes' workers that a job is due at run_at. Never
 * blocks; sockets of processes that are gone are removed. Thread-safe. */
void wake_send(struct wake *w, int64_t run_at);

/* Stops listening, removes this process's socket; NULL is fine. */
void wake_close(struct wake *w);

#endif
