/*
 * int_bench: integration actions against local servers.
 *
 *   int_bench smtp [N]   one run that e-mails N contacts (default 1,000)
 *                        through the SMTP connector
 *   int_bench http [N]   N runs of one http_request step each
 *
 * The servers are minimal sinks in this process (an SMTP dialogue that
 * accepts everything; an HTTP/1.1 server that answers 200 with a small
 * JSON body), so that the figures are agentd's side of the work. Each
 * sink timestamps what it completes; the report has the throughput, the
 * p50/p99 of the time between completions (how long one e-mail or one
 * call takes, end to end, while sending one after the other), and how
 * many TCP connections were opened (reuse: a handful, not one per call).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <strings.h>
#include <sys/socket.h>

#include "../bench_util.h"
#include "connectors/httpc.h"
#include "core/log.h"

#define MAX_EVENTS 200000

struct sink {
    int fd;
    int port;
    atomic_int connections;
    atomic_llong n;
    int64_t *at; /* completion times (ns) */
    bool smtp;
};

static void record(struct sink *s)
{
    long long k = atomic_fetch_add(&s->n, 1);
    if (k < MAX_EVENTS)
        s->at[k] = clock_mono_ns();
}

static void say(int fd, const char *line)
{
    if (write(fd, line, strlen(line)) < 0)
        return;
}

/* Reads one CRLF line (or stops at EOF); returns its length or -1. */
static int read_line(int fd, char *buf, size_t size, char *rest,
                     size_t *rlen)
{
    for (;;) {
        char *nl = memchr(rest, '\n', *rlen);
        if (nl) {
            size_t n = (size_t)(nl - rest) + 1;
            size_t k = n < size - 1 ? n : size - 1;
            memcpy(buf, rest, k);
            buf[k] = '\0';
            memmove(rest, rest + n, *rlen - n);
            *rlen -= n;
            return (int)k;
        }
        if (*rlen >= 65536)
            *rlen = 0;
        ssize_t r = read(fd, rest + *rlen, 65536 - *rlen);
        if (r <= 0)
            return -1;
        *rlen += (size_t)r;
    }
}

static void *smtp_conn(void *p)
{
    int fd = (int)(intptr_t)((void **)p)[0];
    struct sink *s = ((void **)p)[1];
    free(p);
    char *rest = malloc(65536), line[4096];
    size_t rlen = 0;
    bool data = false;
    say(fd, "220 sink ESMTP\r\n");
    while (read_line(fd, line, sizeof line, rest, &rlen) >= 0) {
        if (data) {
            if (!strcmp(line, ".\r\n")) {
                data = false;
                record(s);
                say(fd, "250 OK queued\r\n");
            }
            continue;
        }
        if (!strncasecmp(line, "EHLO", 4))
            say(fd, "250-sink\r\n250 8BITMIME\r\n");
        else if (!strncasecmp(line, "HELO", 4) ||
                 !strncasecmp(line, "MAIL", 4) ||
                 !strncasecmp(line, "RCPT", 4) ||
                 !strncasecmp(line, "RSET", 4) ||
                 !strncasecmp(line, "NOOP", 4))
            say(fd, "250 OK\r\n");
        else if (!strncasecmp(line, "DATA", 4)) {
            data = true;
            say(fd, "354 go on\r\n");
        } else if (!strncasecmp(line, "QUIT", 4)) {
            say(fd, "221 bye\r\n");
            break;
        } else
            say(fd, "502 no\r\n");
    }
    free(rest);
    close(fd);
    return NULL;
}

static void *http_conn(void *p)
{
    int fd = (int)(intptr_t)((void **)p)[0];
    struct sink *s = ((void **)p)[1];
    free(p);
    char *rest = malloc(65536), line[4096];
    size_t rlen = 0;
    long clen = 0;
    for (;;) {
        int n = read_line(fd, line, sizeof line, rest, &rlen);
        if (n < 0)
            break;
        if (!strncasecmp(line, "Content-Length:", 15))
            clen = atol(line + 15);
        if (strcmp(line, "\r\n") != 0)
            continue;
        /* The body, if any. */
        while ((long)rlen < clen) {
            ssize_t r = read(fd, rest + rlen, 65536 - rlen);
            if (r <= 0)
                goto out;
            rlen += (size_t)r;
        }
        memmove(rest, rest + clen, rlen - (size_t)clen);
        rlen -= (size_t)clen;
        clen = 0;
        record(s);
        say(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                "Content-Length: 11\r\n\r\n{\"ok\":true}");
    }
out:
    free(rest);
    close(fd);
    return NULL;
}

static void *sink_main(void *p)
{
    struct sink *s = p;
    for (;;) {
        int c = accept(s->fd, NULL, NULL);
        if (c < 0)
            break;
        atomic_fetch_add(&s->connections, 1);
        void **arg = malloc(2 * sizeof *arg);
        arg[0] = (void *)(intptr_t)c;
        arg[1] = s;
        pthread_t t;
        pthread_create(&t, NULL, s->smtp ? smtp_conn : http_conn, arg);
        pthread_detach(t);
    }
    return NULL;
}

static void sink_start(struct sink *s, bool smtp)
{
    memset(s, 0, sizeof *s);
    s->smtp = smtp;
    s->at = calloc(MAX_EVENTS, sizeof *s->at);
    s->fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(s->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s->fd, (struct sockaddr *)&a, sizeof a) || listen(s->fd, 128))
        die("sink", NULL);
    socklen_t len = sizeof a;
    getsockname(s->fd, (struct sockaddr *)&a, &len);
    s->port = ntohs(a.sin_port);
    pthread_t t;
    pthread_create(&t, NULL, sink_main, s);
    pthread_detach(t);
}

static void report(const char *what, int n, double secs, struct sink *s)
{
    long long k = atomic_load(&s->n);
    size_t m = (size_t)(k < MAX_EVENTS ? k : MAX_EVENTS);
    int64_t *gap = calloc(m ? m : 1, sizeof *gap);
    size_t g = 0;
    for (size_t i = 1; i < m; i++)
        gap[g++] = s->at[i] - s->at[i - 1];
    qsort(gap, g, sizeof *gap, cmp_i64);
    printf("{\"bench\": \"%s\", \"n\": %d, \"delivered\": %lld, \"seconds\": "
           "%.3f, \"per_s\": %.0f, \"each_p50_ms\": %.3f, \"each_p99_ms\": "
           "%.3f, \"connections\": %d}\n",
           what, n, k, secs, n / secs, pct(gap, g, 50) / 1e6,
           pct(gap, g, 99) / 1e6, atomic_load(&s->connections));
    free(gap);
}

static void smtp_case(int n, int workers)
{
    struct bench b = {0};
    setup(&b, workers);
    struct sink s;
    sink_start(&s, true);
    struct db *db = db_pool_acquire(b.pool);
    struct err e = ERR_INIT;
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO connections (workspace_id, type, name, config, "
             "status, created_at, updated_at) VALUES (%lld, 'smtp', 'sink', "
             "'{\"host\":\"127.0.0.1\",\"port\":%d,\"security\":\"none\","
             "\"from\":\"bench@example.com\"}', 'connected', 0, 0)",
             (long long)b.ws, s.port);
    if (db_exec(db, "BEGIN", &e) || db_exec(db, sql, &e))
        die("connection", &e);
    for (int i = 0; i < n; i++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO contacts (workspace_id, first_name, email, "
                 "title, created_at, updated_at) VALUES (%lld, 'Mail%d', "
                 "'mail%d@example.com', 'Mail bench', 0, 0)",
                 (long long)b.ws, i, i);
        if (db_exec(db, sql, &e))
            die("contacts", &e);
    }
    if (db_exec(db, "COMMIT", &e))
        die("commit", &e);
    db_pool_release(b.pool, db);
    char plan[600];
    snprintf(plan, sizeof plan,
             "{\"steps\": [{\"type\": \"search_contacts\", \"params\": "
             "{\"where\": {\"field\": \"contact.title\", \"operator\": "
             "\"==\", \"value\": \"Mail bench\"}, \"limit\": %d}}, {\"type\": "
             "\"send_email\", \"params\": {\"subject\": \"Hi "
             "@contact.firstName\", \"body\": \"Hello @contact.firstName, "
             "a short note.\"}}]}",
             n);
    int64_t id = agent(&b, "Mailer", plan);
    /* The per-agent e-mail limit would stop at 100. */
    db = db_pool_acquire(b.pool);
    snprintf(sql, sizeof sql,
             "UPDATE agents SET restrictions = '{\"maxEmailsPerDay\": "
             "1000000}' WHERE id = %lld",
             (long long)id);
    db_exec(db, sql, &e);
    db_pool_release(b.pool, db);
    if (engine_start(b.engine, &e))
        die("start", &e);
    double t0 = now_s();
    admit_many(&b, id, 1);
    wait_ended(&b, 1);
    double t = now_s() - t0;
    engine_stop(b.engine);
    report("smtp", n, t, &s);
    if (count(&b, "SELECT COUNT(*) FROM effects WHERE status = 'done'") != n)
        die("not every e-mail was sent", NULL);
    teardown(&b);
}

static void http_case(int n, int workers)
{
    struct bench b = {0};
    setup(&b, workers);
    struct sink s;
    sink_start(&s, false);
    char plan[400];
    snprintf(plan, sizeof plan,
             "{\"steps\": [{\"type\": \"http_request\", \"params\": "
             "{\"url\": \"http://127.0.0.1:%d/hook\", \"method\": \"POST\", "
             "\"body\": {\"run\": \"@trigger.type\"}}}]}",
             s.port);
    int64_t id = agent(&b, "Caller", plan);
    struct err e = ERR_INIT;
    if (engine_start(b.engine, &e))
        die("start", &e);
    double t0 = now_s();
    admit_many(&b, id, n);
    wait_ended(&b, n);
    double t = now_s() - t0;
    engine_stop(b.engine);
    report("http", n, t, &s);
    if (count(&b, "SELECT COUNT(*) FROM executions WHERE status = "
                  "'completed'") != n)
        die("not every run completed", NULL);
    teardown(&b);
}

int main(int argc, char **argv)
{
    log_set_level(getenv("BENCH_DEBUG") ? LOG_DEBUG : LOG_WARN);
    clock_init(1, 0);
    struct err e = ERR_INIT;
    if (httpc_global_init(&e))
        die("curl", &e);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int workers = getenv("BENCH_WORKERS") ? atoi(getenv("BENCH_WORKERS"))
                                          : (int)(cores > 0 ? cores : 2);
    const char *what = argc > 1 ? argv[1] : "smtp";
    int n = argc > 2 ? atoi(argv[2]) : 1000;
    if (!strcmp(what, "smtp"))
        smtp_case(n, workers);
    else if (!strcmp(what, "http"))
        http_case(n, workers);
    else {
        fprintf(stderr, "usage: int_bench smtp|http [N]\n");
        return 2;
    }
    return 0;
}
