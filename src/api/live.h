/*
 * live: the server side of streamed responses (server-sent events).
 *
 * A handler that answers with a stream (http.h, struct api_stream) hands
 * it to the server, which queues it here. Between updates a stream's
 * connection is parked (suspended in libmicrohttpd), so a thousand open
 * streams hold no HTTP thread. One watcher thread asks the store every
 * LIVE_TICK_MS whether anything was committed since it last looked
 * (db_data_version: commits of every other connection, of this process
 * or another on the same database) and, when so, wakes every parked
 * stream to look for its changes. A write through this server's API
 * (cancel, approve, ...) pokes it to look at once, but never sooner than
 * LIVE_GAP_MS after its last look, so that a burst of writes does not
 * make every stream look at each one; and a stream looks at most once
 * a tick (LIVE_TICK_MS): under a steady stream of writes, a change
 * within a tick of its last look waits for the next tick. It also wakes
 * the streams every few seconds,
 * so that a quiet stream sends a keep-alive comment and a client that
 * left is noticed.
 *
 * A stream ends when its source says so (a run that ended), on an error
 * (an "error" event first), when the server stops, or after
 * LIVE_MAX_AGE_MS; a client reconnects for a fresh start (EventSource
 * does so by itself), which also checks its credentials again.
 */
#ifndef AGENTD_API_LIVE_H
#define AGENTD_API_LIVE_H

#include <microhttpd.h>

#include "api/http.h"
#include "core/err.h"
#include "store/db.h"

#define LIVE_TICK_MS 100
#define LIVE_GAP_MS 10
#define LIVE_BEAT_MS 15000              /* a comment after this much quiet */
#define LIVE_MAX_AGE_MS (30 * 60 * 1000) /* then the client reconnects */
#define LIVE_MAX_STREAMS 1000          /* default of AGENTD_MAX_STREAMS */

struct live;

/* Starts the watcher; it keeps one connection of the pool until
 * live_free(). At most max_streams (0: LIVE_MAX_STREAMS) are open at
 * once. */
int live_new(struct db_pool *pool, int max_streams, struct live **out,
             struct err *err);

/*
 * Answers conn with a stream: `head` (head_len bytes, taken; may be NULL)
 * first, then what src->next() finds as the store changes. Takes src
 * (zeroed in the caller) in every case. -E_UNAVAILABLE with err set when
 * the most streams allowed are open (the caller answers with that error instead),
 * -E_INTERNAL when libmicrohttpd refuses.
 */
int live_queue(struct live *lv, struct MHD_Connection *conn, char *head,
               size_t head_len, struct api_stream *src, struct err *err);

/* Something was written through this process: look soon. `topic` (an
 * execution id, or 0) names what the write was about: its streams look
 * at the next look whatever the tick says. Cheap. */
void live_poke(struct live *lv, int64_t topic);

/* Every stream ends at its next write and none is parked again; call
 * before stopping the daemon (parked connections must not be left
 * suspended then). */
void live_stop(struct live *lv);
/* After the daemon stopped; NULL is fine. */
void live_free(struct live *lv);

#endif
