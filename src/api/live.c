/*
 * live: streamed responses; see live.h.
 *
 * Who touches what: a stream's buffer and source belong to the HTTP
 * thread that calls its reader (libmicrohttpd calls one connection's
 * callbacks from one thread at a time). The list of streams, their
 * `parked` flags, `version` and `stopping` are under lv->mu, which the
 * watcher also takes. A stream is parked under that lock, so the watcher
 * either sees it parked and resumes it, or the stream sees the new
 * version before parking and looks again: no change is slept through.
 */
#include "api/live.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "core/xalloc.h"

#define BEAT_SWEEP_MS 5000 /* parked streams look whether a beat is due */

struct live_stream {
    struct live *lv;
    struct MHD_Connection *conn;
    struct api_stream src;
    struct buf out; /* events not yet handed to libmicrohttpd */
    size_t off;
    bool done;
    bool parked;          /* under lv->mu */
    uint64_t seen;        /* the version its last look saw */
    int64_t born_ns, wrote_ns;
    int64_t looked_ns;    /* its last look: at most one a tick */
    int64_t topic;        /* api_stream.topic */
    struct live_stream *prev, *next; /* under lv->mu */
};

struct live {
    struct db_pool *pool;
    struct db *watch; /* the watcher's own connection */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool stopping;
    bool poked;       /* a write went through this process's API */
    /* what the last writes were about, with when (a ring): their
     * streams are not held to the tick */
    int64_t hot[16], hot_ns[16];
    unsigned nhot;
    uint64_t version; /* bumped when the store changed */
    struct live_stream *streams;
    int nstreams;
    int max_streams;
};

/* Resumes the parked streams, all of them or (stale_only) those that
 * have not seen the current version yet; lv->mu held. */
static void wake(struct live *lv, bool stale_only)
{
    for (struct live_stream *s = lv->streams; s; s = s->next)
        if (s->parked && (!stale_only || s->seen != lv->version)) {
            s->parked = false;
            MHD_resume_connection(s->conn);
        }
}

static void *watch_main(void *arg)
{
    struct live *lv = arg;
    int64_t last = 0, looked = clock_mono_ns(), swept = looked;
    struct err err = ERR_INIT;
    if (db_data_version(lv->watch, &last, &err)) {
        log_msg(LOG_WARN, "live.watch", err.msg);
        err_clear(&err);
    }
    pthread_mutex_lock(&lv->mu);
    while (!lv->stopping) {
        /* The next look: a tick after the last one, or a gap after it
         * once poked. A poke or a stray wake-up only recomputes it. */
        int64_t now = clock_mono_ns();
        int64_t due = looked + (int64_t)(lv->poked ? LIVE_GAP_MS
                                                    : LIVE_TICK_MS) *
                                   1000000;
        if (now < due) {
            struct timespec until = {.tv_sec = due / 1000000000,
                                     .tv_nsec = due % 1000000000};
            pthread_cond_timedwait(&lv->cv, &lv->mu, &until);
            continue;
        }
        looked = now;
        lv->poked = false;
        if (!lv->streams)
            continue;
        pthread_mutex_unlock(&lv->mu);
        int64_t v = last;
        if (db_data_version(lv->watch, &v, &err)) {
            log_msg(LOG_WARN, "live.watch", err.msg);
            err_clear(&err);
        }
        pthread_mutex_lock(&lv->mu);
        bool changed = v != last;
        last = v;
        if (changed)
            lv->version++;
        if (changed || now - swept >= (int64_t)BEAT_SWEEP_MS * 1000000) {
            swept = now;
            wake(lv, false);
        } else {
            /* streams that put off a change (they had looked within the
             * tick) look now */
            wake(lv, true);
        }
    }
    pthread_mutex_unlock(&lv->mu);
    return NULL;
}

int live_new(struct db_pool *pool, int max_streams, struct live **out,
             struct err *err)
{
    struct live *lv = xcalloc(1, sizeof *lv);
    lv->pool = pool;
    lv->max_streams = max_streams > 0 ? max_streams : LIVE_MAX_STREAMS;
    lv->version = 1;
    pthread_mutex_init(&lv->mu, NULL);
    /* Deadlines on the monotonic clock, as clock_mono_ns() gives them. */
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&lv->cv, &ca);
    pthread_condattr_destroy(&ca);
    lv->watch = db_pool_acquire(pool);
    if (pthread_create(&lv->thread, NULL, watch_main, lv) != 0) {
        db_pool_release(pool, lv->watch);
        pthread_cond_destroy(&lv->cv);
        pthread_mutex_destroy(&lv->mu);
        free(lv);
        *out = NULL;
        return err_set(err, E_INTERNAL, "Cannot start the live watcher");
    }
    *out = lv;
    return 0;
}

/* Asks the source for what changed; an error ends the stream with an
 * "error" event (the body of an error response, as an event). */
static void look(struct live_stream *s)
{
    struct err err = ERR_INIT;
    struct db *db = db_pool_acquire(s->lv->pool);
    int rc = s->src.next(s->src.state, db, &s->out, &s->done, &err);
    db_pool_release(s->lv->pool, db);
    if (rc) {
        json_t *body = err_to_json(&err);
        char *text = jx_dump(body);
        api_sse_event(&s->out, "error", text);
        free(text);
        json_decref(body);
        s->done = true;
    }
    err_clear(&err);
}

static ssize_t stream_read(void *cls, uint64_t pos, char *dst, size_t max)
{
    (void)pos;
    struct live_stream *s = cls;
    struct live *lv = s->lv;
    while (s->off == s->out.len) {
        buf_reset(&s->out);
        s->off = 0;
        if (s->done)
            return MHD_CONTENT_READER_END_OF_STREAM;
        int64_t now = clock_mono_ns();
        bool beat = now - s->wrote_ns >= (int64_t)LIVE_BEAT_MS * 1000000;
        pthread_mutex_lock(&lv->mu);
        if (lv->stopping ||
            now - s->born_ns >= (int64_t)LIVE_MAX_AGE_MS * 1000000) {
            pthread_mutex_unlock(&lv->mu);
            return MHD_CONTENT_READER_END_OF_STREAM;
        }
        /* Nothing new, or something new within a tick of the last look
         * (under a stream of writes each stream looks at most once a
         * tick; the watcher wakes it again at the next): parked. */
        bool recent = now - s->looked_ns < (int64_t)LIVE_TICK_MS * 1000000;
        for (unsigned h = 0; recent && s->topic && h < 16; h++)
            if (lv->hot[h] == s->topic && lv->hot_ns[h] > s->looked_ns)
                recent = false; /* an operation on its run: at once */
        if ((s->seen == lv->version || recent) && !beat) {
            s->parked = true;
            MHD_suspend_connection(s->conn);
            pthread_mutex_unlock(&lv->mu);
            return 0;
        }
        s->seen = lv->version;
        pthread_mutex_unlock(&lv->mu);
        s->looked_ns = now;
        look(s);
        if (s->out.len == 0 && beat)
            buf_puts(&s->out, ": keep-alive\n\n");
    }
    size_t n = s->out.len - s->off;
    if (n > max)
        n = max;
    memcpy(dst, s->out.data + s->off, n);
    s->off += n;
    s->wrote_ns = clock_mono_ns();
    return (ssize_t)n;
}

static void stream_free(void *cls)
{
    struct live_stream *s = cls;
    struct live *lv = s->lv;
    pthread_mutex_lock(&lv->mu);
    if (s->prev)
        s->prev->next = s->next;
    else
        lv->streams = s->next;
    if (s->next)
        s->next->prev = s->prev;
    lv->nstreams--;
    pthread_mutex_unlock(&lv->mu);
    if (s->src.free)
        s->src.free(s->src.state);
    buf_fini(&s->out);
    free(s);
}

int live_queue(struct live *lv, struct MHD_Connection *conn, char *head,
               size_t head_len, struct api_stream *src, struct err *err)
{
    struct api_stream taken = *src;
    memset(src, 0, sizeof *src);
    pthread_mutex_lock(&lv->mu);
    bool full = lv->nstreams >= lv->max_streams;
    pthread_mutex_unlock(&lv->mu);
    if (full) {
        free(head);
        if (taken.free)
            taken.free(taken.state);
        return err_set(err, E_UNAVAILABLE,
                       "This server already streams %d live views "
                       "(AGENTD_MAX_STREAMS); poll GET .../executions/:id "
                       "instead, or try again later",
                       lv->max_streams);
    }
    struct live_stream *s = xcalloc(1, sizeof *s);
    s->lv = lv;
    s->conn = conn;
    s->src = taken;
    s->topic = taken.topic;
    buf_init(&s->out, 0);
    if (head_len)
        buf_append(&s->out, head, head_len);
    free(head);
    /* The head was made before we knew the version: look once more. */
    s->seen = 0;
    s->born_ns = s->wrote_ns = clock_mono_ns();
    struct MHD_Response *r = MHD_create_response_from_callback(
        MHD_SIZE_UNKNOWN, 4096, stream_read, s, stream_free);
    if (!r) {
        if (s->src.free)
            s->src.free(s->src.state);
        buf_fini(&s->out);
        free(s);
        return err_set(err, E_INTERNAL, "Cannot start the stream");
    }
    pthread_mutex_lock(&lv->mu);
    s->next = lv->streams;
    if (lv->streams)
        lv->streams->prev = s;
    lv->streams = s;
    lv->nstreams++;
    pthread_mutex_unlock(&lv->mu);
    MHD_add_response_header(r, "Content-Type", "text/event-stream");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    /* Proxies (nginx) would otherwise hold events back in their buffers. */
    MHD_add_response_header(r, "X-Accel-Buffering", "no");
    enum MHD_Result ok = MHD_queue_response(conn, MHD_HTTP_OK, r);
    MHD_destroy_response(r); /* stream_free runs when the connection is done */
    return ok == MHD_YES ? 0
                         : err_set(err, E_INTERNAL, "Cannot start the stream");
}

void live_poke(struct live *lv, int64_t topic)
{
    pthread_mutex_lock(&lv->mu);
    if (lv->streams) {
        if (topic) {
            unsigned h = lv->nhot++ % 16;
            lv->hot[h] = topic;
            lv->hot_ns[h] = clock_mono_ns();
        }
        if (!lv->poked) {
            lv->poked = true;
            pthread_cond_signal(&lv->cv);
        }
    }
    pthread_mutex_unlock(&lv->mu);
}

void live_stop(struct live *lv)
{
    if (!lv)
        return;
    pthread_mutex_lock(&lv->mu);
    lv->stopping = true;
    wake(lv, false);
    pthread_cond_broadcast(&lv->cv);
    pthread_mutex_unlock(&lv->mu);
    pthread_join(lv->thread, NULL);
}

void live_free(struct live *lv)
{
    if (!lv)
        return;
    db_pool_release(lv->pool, lv->watch);
    pthread_cond_destroy(&lv->cv);
    pthread_mutex_destroy(&lv->mu);
    free(lv);
}
