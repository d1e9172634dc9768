/*
 * server: the HTTP server (libmicrohttpd, epoll, a pool of threads).
 *
 * Each request is read in full (up to app->max_body; beyond that 413),
 * routed, authenticated, handed to its handler with a database connection
 * borrowed from the pool, and answered with JSON. One access log line per
 * request (method, path without the query, status, duration, user).
 *
 * api_server_stop() stops accepting, lets requests in flight finish (up to
 * a deadline) and then joins the threads.
 */
#ifndef AGENTD_API_SERVER_H
#define AGENTD_API_SERVER_H

#include "api/app.h"
#include "api/http.h"

struct api_server;

struct api_server_config {
    const char *address; /* "127.0.0.1", "0.0.0.0" */
    int port;            /* 0 picks a free port */
    int threads;
    int max_streams; /* open event streams at most; 0: LIVE_MAX_STREAMS */
};

int api_server_start(struct app *app, const struct api_server_config *cfg,
                     struct api_server **out, struct err *err);
/* The port actually bound. */
int api_server_port(const struct api_server *s);
/* Stops gracefully, waiting up to drain_ms for requests in flight. */
void api_server_stop(struct api_server *s, int drain_ms);

/* Routes, authenticates and runs one request (the body already parsed by
 * the caller into rq->json when there is one). Borrows a database
 * connection when rq->db is NULL. Used by the server and by tests. */
void api_dispatch(struct app *app, struct api_req *rq, struct api_resp *rs);
/* Frees what a response owns. */
void api_resp_fini(struct api_resp *rs);

#endif
