/*
 * server: libmicrohttpd glue, request dispatch and error rendering.
 *
 * Threading: libmicrohttpd runs a pool of threads, each with its own epoll
 * loop; a request is handled entirely on the thread that read it. The only
 * state shared between threads is the app (pool and limiter carry their own
 * locks) and the in-flight counter (atomic).
 */
#include "api/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "api/auth.h"
#include "api/live.h"
#include "api/router.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "core/str.h"
#include "core/xalloc.h"

struct api_server {
    struct MHD_Daemon *d;
    struct app *app;
    struct live *live; /* streamed responses */
    atomic_int inflight;
    int port;
};

/* Per-connection request state, from the first header to completion. */
struct conn_ctx {
    struct buf body;
    bool too_large;
    bool bad_query;
    int64_t start_ns;
};

void api_resp_fini(struct api_resp *rs)
{
    json_decref(rs->json);
    free(rs->raw);
    free(rs->set_cookie);
    free(rs->disposition);
    free(rs->allow);
    if (rs->stream.free)
        rs->stream.free(rs->stream.state);
    memset(rs, 0, sizeof *rs);
}

static void error_resp(struct api_resp *rs, struct err *err)
{
    if (err->code == E_OK)
        err_set(err, E_INTERNAL, "Internal error");
    json_decref(rs->json);
    rs->json = err_to_json(err);
    rs->status = err_http_status(err->code);
}

static int split_path(struct api_req *rq)
{
    rq->nseg = 0;
    for (const char *p = rq->path; *p;) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (rq->nseg == API_MAX_SEGS)
            return -1;
        rq->segs[rq->nseg++] = xstrndup(p, n);
        p += n;
    }
    return 0;
}

static bool query_allowed(const char *list, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, key, n) == 0)
            return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}

static int check_query(const struct api_req *rq, struct err *err)
{
    const char *allowed = rq->route->query;
    if (allowed && strcmp(allowed, "*") == 0)
        return 0;
    for (int i = 0; i < rq->nquery; i++) {
        if (!query_allowed(allowed, rq->query[i].key)) {
            int rc = err_set(err, E_BAD_REQUEST,
                             "Unknown query parameter '%s'%s%s",
                             rq->query[i].key,
                             allowed ? "; this endpoint takes: " : "",
                             allowed ? allowed : "");
            err_detail_str(err, "parameter", rq->query[i].key);
            return rc;
        }
    }
    return 0;
}

static bool has_body_method(const char *m)
{
    return strcmp(m, "POST") == 0 || strcmp(m, "PUT") == 0 ||
           strcmp(m, "PATCH") == 0;
}

static int parse_body(struct app *app, struct api_req *rq, struct err *err)
{
    if (!has_body_method(rq->method) || rq->body_len == 0 || rq->json)
        return 0;
    if (rq->body_len > app->max_body)
        return err_set(err, E_TOO_LARGE,
                       "Request body is larger than %zu bytes", app->max_body);
    const char *ct = rq->content_type;
    if (!ct || strncasecmp(ct, "application/json", 16) != 0 ||
        (ct[16] != '\0' && ct[16] != ';' && ct[16] != ' '))
        return err_set(err, E_UNSUPPORTED,
                       "Send JSON with 'Content-Type: application/json'");
    return jx_parse(rq->body, rq->body_len, JX_MAX_DEPTH, &rq->json, err);
}

void api_dispatch(struct app *app, struct api_req *rq, struct api_resp *rs)
{
    struct err err = ERR_INIT;
    bool own_db = false;
    rq->app = app;
    if (!rq->nseg && split_path(rq) < 0) {
        err_set(&err, E_NOT_FOUND, "No such endpoint");
        goto fail;
    }
    char *allow = NULL;
    /* HEAD is GET without a body; libmicrohttpd drops the body. */
    const char *method = rq->method;
    if (strcmp(method, "HEAD") == 0)
        rq->method = "GET";
    enum route_match m = router_match(rq, &allow);
    rq->method = method;
    if (m == ROUTE_NOT_FOUND) {
        err_set(&err, E_NOT_FOUND, "No endpoint %s %s; see /api/openapi.json",
                rq->method, rq->path);
        goto fail;
    }
    if (m == ROUTE_BAD_METHOD) {
        err_set(&err, E_METHOD, "%s is not allowed here; allowed: %s",
                rq->method, allow);
        rs->allow = allow;
        goto fail;
    }
    if (check_query(rq, &err) || parse_body(app, rq, &err))
        goto fail;
    if (!rq->db) {
        rq->db = db_pool_acquire(app->pool);
        own_db = true;
    }
    if (auth_check(rq, &err))
        goto fail;
    if (rq->route->fn(rq, rs, &err) == 0) {
        if (!rs->status)
            rs->status = 200;
        goto out;
    }
fail:
    error_resp(rs, &err);
out:
    if (own_db) {
        db_pool_release(app->pool, rq->db);
        rq->db = NULL;
    }
    if (rs->status >= 500) {
        struct log_line l;
        if (log_begin(&l, LOG_ERROR, "http.error")) {
            log_str(&l, "method", rq->method);
            log_str(&l, "path", rq->path);
            log_str(&l, "error", err.msg);
            log_end(&l);
        }
    }
    err_clear(&err);
}

/* ---- libmicrohttpd glue --------------------------------------------- */

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind,
                                     const char *key, const char *value)
{
    (void)kind;
    struct api_req *rq = cls;
    if (rq->nquery == API_MAX_QUERY)
        return MHD_NO;
    if (!str_utf8_valid(key, strlen(key)) ||
        (value && !str_utf8_valid(value, strlen(value))))
        return MHD_NO;
    rq->query[rq->nquery].key = key;
    rq->query[rq->nquery].value = value ? value : "";
    rq->nquery++;
    return MHD_YES;
}

static bool duplicate_query(const struct api_req *rq, const char **dup)
{
    for (int i = 0; i < rq->nquery; i++)
        for (int j = i + 1; j < rq->nquery; j++)
            if (strcmp(rq->query[i].key, rq->query[j].key) == 0) {
                *dup = rq->query[i].key;
                return true;
            }
    return false;
}

static enum MHD_Result send_resp(struct MHD_Connection *conn, struct api_resp *rs)
{
    char *body;
    size_t len;
    const char *ctype;
    if (rs->raw) {
        body = rs->raw;
        len = rs->raw_len;
        rs->raw = NULL;
        ctype = rs->content_type ? rs->content_type : "text/plain";
    } else {
        struct buf b;
        buf_init(&b, 0);
        if (rs->json)
            jx_dump_buf(rs->json, &b);
        else
            buf_puts(&b, "{}");
        buf_putc(&b, '\n');
        len = b.len;
        body = buf_steal(&b);
        ctype = "application/json";
    }
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", ctype);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (rs->set_cookie)
        MHD_add_response_header(r, "Set-Cookie", rs->set_cookie);
    if (rs->disposition)
        MHD_add_response_header(r, "Content-Disposition", rs->disposition);
    if (rs->location)
        MHD_add_response_header(r, "Location", rs->location);
    if (rs->allow)
        MHD_add_response_header(r, "Allow", rs->allow);
    if (rs->status == 401)
        MHD_add_response_header(r, "WWW-Authenticate", "Bearer");
    if (rs->retry_after > 0) {
        char ra[16];
        snprintf(ra, sizeof ra, "%d", rs->retry_after);
        MHD_add_response_header(r, "Retry-After", ra);
    }
    enum MHD_Result ok =
        MHD_queue_response(conn, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    return ok;
}

static void access_log(const struct api_req *rq, int status, int64_t start)
{
    struct log_line l;
    if (!log_begin(&l, LOG_INFO, "http.request"))
        return;
    log_str(&l, "method", rq->method);
    log_str(&l, "path", rq->path);
    log_int(&l, "status", status);
    log_dbl(&l, "ms", (double)(clock_mono_ns() - start) / 1e6);
    if (rq->user_id)
        log_int(&l, "user", rq->user_id);
    log_end(&l);
}

static enum MHD_Result reply_error(struct MHD_Connection *conn,
                                   struct api_req *rq, int64_t start,
                                   enum err_code code, const char *msg)
{
    struct err err = ERR_INIT;
    err_set(&err, code, "%s", msg);
    struct api_resp rs = {0};
    error_resp(&rs, &err);
    err_clear(&err);
    access_log(rq, rs.status, start);
    enum MHD_Result r = send_resp(conn, &rs);
    api_resp_fini(&rs);
    return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version,
                                  const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    struct api_server *s = cls;
    struct conn_ctx *c = *con_cls;
    if (!c) {
        c = xcalloc(1, sizeof *c);
        buf_init(&c->body, s->app->max_body);
        c->start_ns = clock_mono_ns();
        *con_cls = c;
        atomic_fetch_add(&s->inflight, 1);
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                     "Content-Length");
        int64_t n;
        if (cl && str_parse_i64(cl, &n) == 0 && n > (int64_t)s->app->max_body)
            c->too_large = true;
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!c->too_large &&
            buf_append(&c->body, upload_data, *upload_data_size) < 0) {
            c->too_large = true;
            buf_fini(&c->body);
        }
        *upload_data_size = 0;
        return MHD_YES;
    }

    struct api_req rq = {0};
    struct api_resp rs = {0};
    rq.method = method;
    rq.path = url;
    if (c->too_large) {
        char msg[96];
        snprintf(msg, sizeof msg, "Request body is larger than %zu bytes",
                 s->app->max_body);
        return reply_error(conn, &rq, c->start_ns, E_TOO_LARGE, msg);
    }
    if (!str_utf8_valid(url, strlen(url)))
        return reply_error(conn, &rq, c->start_ns, E_BAD_REQUEST,
                           "The path is not valid UTF-8");
    int nargs = MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, NULL,
                                          NULL);
    if (nargs > API_MAX_QUERY)
        return reply_error(conn, &rq, c->start_ns, E_BAD_REQUEST,
                           "Too many query parameters");
    if (MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query,
                                  &rq) != nargs)
        return reply_error(conn, &rq, c->start_ns, E_BAD_REQUEST,
                           "A query parameter is not valid UTF-8");
    const char *dup;
    if (duplicate_query(&rq, &dup)) {
        char msg[160];
        snprintf(msg, sizeof msg, "Query parameter '%.100s' is given twice",
                 dup);
        return reply_error(conn, &rq, c->start_ns, E_BAD_REQUEST, msg);
    }
    rq.authorization = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                   "Authorization");
    rq.cookie = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Cookie");
    rq.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                  "Content-Type");
    rq.idempotency_key = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                     "Idempotency-Key");
    rq.webhook_secret = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                    "X-Agentd-Secret");
    if (!rq.webhook_secret)
        rq.webhook_secret = MHD_lookup_connection_value(
            conn, MHD_HEADER_KIND, "X-Webhook-Secret");
    rq.body = buf_cstr(&c->body);
    rq.body_len = c->body.len;

    api_dispatch(s->app, &rq, &rs);
    /* A write may have changed a run someone watches (a cancel, an
     * approval, a CRM change that started one). */
    static const char run_op[] = "/api/workspaces/:ws/executions/:id/";
    if (rs.status < 400 && strcmp(method, "GET") && strcmp(method, "HEAD"))
        live_poke(s->live, rq.route && !strncmp(rq.route->pattern, run_op,
                                                sizeof run_op - 1)
                               ? rq.id /* an operation on that run */
                               : 0);
    enum MHD_Result r;
    if (rs.stream.next) {
        struct err err = ERR_INIT;
        int lrc = live_queue(s->live, conn, rs.raw, rs.raw_len, &rs.stream,
                             &err);
        rs.raw = NULL;
        if (lrc == -E_INTERNAL) {
            r = MHD_NO;
        } else {
            if (lrc)
                error_resp(&rs, &err);
            r = lrc ? send_resp(conn, &rs) : MHD_YES;
        }
        err_clear(&err);
        access_log(&rq, rs.status, c->start_ns);
    } else {
        access_log(&rq, rs.status, c->start_ns);
        r = send_resp(conn, &rs);
    }
    api_resp_fini(&rs);
    json_decref(rq.json);
    for (int i = 0; i < rq.nseg; i++)
        free(rq.segs[i]);
    return r;
}

static void on_completed(void *cls, struct MHD_Connection *conn,
                         void **con_cls, enum MHD_RequestTerminationCode code)
{
    (void)conn;
    (void)code;
    struct api_server *s = cls;
    struct conn_ctx *c = *con_cls;
    if (!c)
        return;
    buf_fini(&c->body);
    free(c);
    *con_cls = NULL;
    atomic_fetch_sub(&s->inflight, 1);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        msg[--n] = '\0';
    /* A client that closed its connection before the end of a response
     * (a live view left open in a tab that was closed) is routine. */
    log_msg(strstr(msg, "no longer available") ? LOG_DEBUG : LOG_WARN,
            "http.server", msg);
}

int api_server_start(struct app *app, const struct api_server_config *cfg,
                     struct api_server **out, struct err *err)
{
    *out = NULL;
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)cfg->port);
    if (inet_pton(AF_INET, cfg->address, &sa.sin_addr) != 1)
        return err_set(err, E_BAD_REQUEST,
                       "Listen address '%s' is not an IPv4 address",
                       cfg->address);
    router_init();
    struct api_server *s = xcalloc(1, sizeof *s);
    s->app = app;
    atomic_init(&s->inflight, 0);
    if (live_new(app->pool, cfg->max_streams, &s->live, err)) {
        free(s);
        return -E_INTERNAL;
    }
    unsigned threads = cfg->threads > 0 ? (unsigned)cfg->threads : 2;
    s->d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
            MHD_USE_ERROR_LOG | MHD_USE_TURBO | MHD_ALLOW_SUSPEND_RESUME,
        0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
        NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
    if (!s->d) {
        live_stop(s->live);
        live_free(s->live);
        free(s);
        return err_set(err, E_UNAVAILABLE,
                       "Cannot listen on %s:%d (is the port in use?)",
                       cfg->address, cfg->port);
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : cfg->port;
    *out = s;
    return 0;
}

int api_server_port(const struct api_server *s)
{
    return s->port;
}

void api_server_stop(struct api_server *s, int drain_ms)
{
    if (!s)
        return;
    MHD_socket fd = MHD_quiesce_daemon(s->d);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    /* Streams end at their next write; none stays suspended, which
     * MHD_stop_daemon does not allow. */
    live_stop(s->live);
    /* Requests already being read or handled finish; idle keep-alive
     * connections do not hold the shutdown up. */
    int64_t deadline = clock_mono_ns() + (int64_t)drain_ms * 1000000;
    while (atomic_load(&s->inflight) > 0 && clock_mono_ns() < deadline)
        usleep(5000);
    MHD_stop_daemon(s->d);
    live_free(s->live);
    free(s);
}
