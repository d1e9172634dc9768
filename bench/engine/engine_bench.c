/*
 * engine_bench: throughput and latency of the execution engine, in one
 * process, on a real SQLite file.
 *
 *   engine_bench remember [N]   3 remember steps per run, every step
 *                               recorded: runs/s from the first admission
 *                               to the last run ended
 *   engine_bench crm [N]        search 10 contacts -> add tag -> create
 *                               task (10 tasks + Activity records per run)
 *   engine_bench latency [S]    manual triggers over HTTP at 1,000/s for S
 *                               seconds: request sent -> first step started
 *   engine_bench resume [N]     N runs parked on a wait, then all made due
 *                               at once: resumes/s (wait -> remember ->
 *                               completed) with nothing else to do; under
 *                               callgrind only the resumes are counted
 *   engine_bench lateness [P]   P runs parked on waits due over 20 s (plus
 *                               a burst of 10,000 due at once): how late
 *                               each resumes, and the server's memory
 *
 * Runs are admitted in batches of 1,000 per transaction (as BullMQ's
 * addBulk adds 1,000 jobs per call), while the workers run. Options come
 * from the environment: BENCH_WORKERS (default: cores), BENCH_DIR (where
 * the database goes; default a fresh /tmp directory), BENCH_TIMELINE=1
 * (lateness: the burst per 25 ms on stderr, to tell a stall from a
 * backlog).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include "api/app.h"
#include "api/server.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "crm/demo.h"
#include "crm/entity.h"
#include "crm/resources.h"
#include "engine/engine.h"
#include "engine/internal.h"

#include "../bench_util.h"

/* ---- throughput ------------------------------------------------------------ */

static void throughput(const char *which, int n, int workers)
{
    struct bench b = {0};
    setup(&b, workers);
    bool crm = strcmp(which, "crm") == 0;
    const char *plan =
        crm ? "{\"steps\": [{\"type\": \"search_contacts\", \"params\": "
              "{\"where\": {\"field\": \"contact.title\", \"operator\": "
              "\"contains\", \"value\": \"VP Bench\"}, \"limit\": 10}}, "
              "{\"type\": \"add_tag\", \"params\": {\"tags\": [\"bench\"]}}, "
              "{\"type\": \"create_task\", \"params\": {\"title\": \"Call "
              "@contact.firstName\", \"dueInDays\": 2}}]}"
            : "{\"steps\": [{\"type\": \"remember\", \"params\": {\"key\": "
              "\"a\", \"value\": \"1\"}}, {\"type\": \"remember\", \"params\": "
              "{\"key\": \"b\", \"value\": \"2\"}}, {\"type\": \"remember\", "
              "\"params\": {\"key\": \"c\", \"value\": \"3\"}}]}";
    int64_t id = agent(&b, "Bench", plan);
    struct err e = ERR_INIT;
    if (engine_start(b.engine, &e))
        die("start", &e);
    double t0 = now_s();
    admit_many(&b, id, n);
    double t_admit = now_s() - t0;
    wait_ended(&b, n);
    double t = now_s() - t0;
    engine_stop(b.engine);
    int64_t done = count(&b, "SELECT COUNT(*) FROM executions WHERE status = "
                             "'completed'");
    int64_t steps = count(&b, "SELECT COUNT(*) FROM execution_steps");
    int64_t tasks = count(&b, "SELECT COUNT(*) FROM tasks WHERE "
                              "execution_id IS NOT NULL");
    int64_t acts = count(&b, "SELECT COUNT(*) FROM activities WHERE "
                             "execution_id IS NOT NULL");
    printf("{\"bench\": \"%s\", \"runs\": %d, \"workers\": %d, \"seconds\": "
           "%.3f, \"runs_per_s\": %.0f, \"admit_seconds\": %.3f, "
           "\"completed\": %lld, \"steps\": %lld, \"tasks\": %lld, "
           "\"activities\": %lld}\n",
           which, n, workers, t, n / t, t_admit, (long long)done,
           (long long)steps, (long long)tasks, (long long)acts);
    if (done != n || steps != 3 * (int64_t)n)
        die("not every run completed with 3 steps", NULL);
    teardown(&b);
}

/* ---- trigger latency over HTTP ------------------------------------------------ */

#define LAT_MAX 200000
static int64_t first_step_ns[LAT_MAX];

static void trace_first(void *arg, int64_t id, int64_t due, bool first)
{
    (void)arg;
    (void)due;
    if (first && id > 0 && id < LAT_MAX)
        first_step_ns[id] = clock_mono_ns();
}

struct client {
    int port;
    const char *token;
    int64_t *agents;
    int nagents;
    int rate;      /* requests per second for this client */
    double secs;
    int64_t *sent; /* by request number */
    int64_t *exec; /* executionId by request number */
    int64_t *answered; /* when its response arrived */
    int64_t start;     /* when its first request is due */
    int n;
    int errors;
    int status[600]; /* non-202 answers by HTTP status (0: no answer,
                      * 2: a 202 without an executionId) */
    int idx;
};

static int connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0)
        die("connect", NULL);
    return fd;
}

/* Reads one HTTP response; returns its body's executionId, -status, 0
 * when none came, or -2 for a 202 without an executionId. */
static int64_t read_response(int fd)
{
    static __thread char buf[16384];
    size_t len = 0;
    for (;;) {
        ssize_t r = read(fd, buf + len, sizeof buf - 1 - len);
        if (r <= 0)
            return 0;
        len += (size_t)r;
        buf[len] = '\0';
        char *hdr_end = strstr(buf, "\r\n\r\n");
        if (!hdr_end)
            continue;
        char *cl = strcasestr(buf, "Content-Length:");
        size_t body = cl ? (size_t)atol(cl + 15) : 0;
        size_t need = (size_t)(hdr_end + 4 - buf) + body;
        if (len < need)
            continue;
        int status = atoi(buf + 9);
        if (status == 200)
            return 1;
        if (status != 202)
            return -status;
        char *p = strstr(hdr_end, "\"executionId\":");
        return p ? atoll(p + 14) : -2;
    }
}

static void *client_main(void *p)
{
    struct client *c = p;
    int fd = connect_to(c->port);
    int total = (int)(c->rate * c->secs);
    int64_t start = c->start;
    int64_t gap = 1000000000LL / c->rate;
    char req[512];
    for (int i = 0; i < total; i++) {
        /* Open loop: each request has its moment; if the previous one was
         * slow, this one goes at once and its wait counts. */
        int64_t at = start + i * gap;
        int64_t now;
        while ((now = clock_mono_ns()) < at) {
            int64_t d = at - now;
            if (d > 200000) {
                struct timespec ts = {0, d - 100000};
                nanosleep(&ts, NULL);
            }
        }
        int64_t agent_id = c->agents[(c->idx + i) % c->nagents];
        int n = snprintf(req, sizeof req,
                         getenv("BENCH_GET")
                             ? "GET /api/workspaces/1/agents/%lld "
                               "HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                               "%s\r\n\r\n"
                             : "POST /api/workspaces/1/agents/%lld/execute "
                               "HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                               "%s\r\nContent-Length: 0\r\n\r\n",
                         (long long)agent_id, c->token);
        /* From the moment the request goes out; a client running late
         * (its own scheduling on a busy machine) does not count. */
        c->sent[i] = clock_mono_ns();
        if (write(fd, req, (size_t)n) != n)
            die("write", NULL);
        c->exec[i] = read_response(fd);
        c->answered[i] = clock_mono_ns();
        if (c->exec[i] <= 0) {
            c->errors++;
            int64_t st = -c->exec[i];
            c->status[st > 0 && st < 600 ? st : 0]++;
        }
        c->n = i + 1;
    }
    close(fd);
    return NULL;
}

static void latency(double secs, int workers)
{
    struct bench b = {0};
    setup(&b, workers);
    enum { NAGENTS = 200, NCLIENTS = 4 };
    int RATE = getenv("BENCH_RATE") ? atoi(getenv("BENCH_RATE")) : 1000;
    int64_t agents[NAGENTS];
    for (int i = 0; i < NAGENTS; i++) {
        char name[32];
        snprintf(name, sizeof name, "Lat %d", i);
        agents[i] = agent(&b, name,
                          "{\"steps\": [{\"type\": \"remember\", \"params\": "
                          "{\"key\": \"a\", \"value\": \"1\"}}]}");
    }
    engine_set_trace(b.engine, trace_first, NULL);
    struct err e = ERR_INIT;
    if (engine_start(b.engine, &e))
        die("start", &e);
    static struct app app;
    app.pool = b.pool;
    app.key = b.key;
    app.max_body = APP_DEFAULT_MAX_BODY;
    app.session_ttl_ms = MS_PER_DAY;
    app.login_limit = ratelimit_new(10, MS_PER_MIN);
    app.engine = b.engine;
    struct api_server *srv;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    struct api_server_config sc = {"127.0.0.1", 0, cores > 0 ? (int)cores : 2};
    if (api_server_start(&app, &sc, &srv, &e))
        die("server", &e);
    const char *token = NULL;
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(b.demo, "users"), i, u) if (!strcmp(
        jx_str(u, "role"), "owner")) token = jx_str(u, "token");
    struct client cl[NCLIENTS];
    pthread_t th[NCLIENTS];
    int per = (int)(RATE / NCLIENTS * secs) + 1;
    /* The clients take turns: one trigger every 1/RATE s, evenly, as the
     * peer's latency phase adds its jobs. BENCH_BURST=1 sends the four
     * clients' triggers at the same moments instead (bursts of 4). */
    bool burst = getenv("BENCH_BURST") && atoi(getenv("BENCH_BURST"));
    int64_t start = clock_mono_ns() + 50 * 1000000;
    for (int k = 0; k < NCLIENTS; k++) {
        cl[k] = (struct client){.port = api_server_port(srv),
                                .token = token,
                                .agents = agents + k * (NAGENTS / NCLIENTS),
                                .nagents = NAGENTS / NCLIENTS,
                                .rate = RATE / NCLIENTS,
                                .secs = secs,
                                .sent = calloc((size_t)per, 8),
                                .exec = calloc((size_t)per, 8),
                                .answered = calloc((size_t)per, 8),
                                .start = start + (burst ? 0
                                                        : k * (1000000000LL /
                                                               RATE))};
        pthread_create(&th[k], NULL, client_main, &cl[k]);
    }
    for (int k = 0; k < NCLIENTS; k++)
        pthread_join(th[k], NULL);
    usleep(200 * 1000);
    api_server_stop(srv, 1000);
    engine_stop(b.engine);
    int64_t *lat = calloc(LAT_MAX, 8), *http = calloc(LAT_MAX, 8);
    size_t n = 0, nh = 0;
    int errors = 0, missing = 0;
    for (int k = 0; k < NCLIENTS; k++) {
        errors += cl[k].errors;
        for (int j = 0; j < cl[k].n; j++) {
            int64_t x = cl[k].exec[j];
            if (nh < LAT_MAX)
                http[nh++] = cl[k].answered[j] - cl[k].sent[j];
            if (x <= 0 || x >= LAT_MAX)
                continue;
            if (!first_step_ns[x]) {
                missing++;
                continue;
            }
            lat[n++] = first_step_ns[x] - cl[k].sent[j];
        }
        free(cl[k].sent);
        free(cl[k].exec);
        free(cl[k].answered);
    }
    qsort(lat, n, sizeof *lat, cmp_i64);
    qsort(http, nh, sizeof *http, cmp_i64);
    /* What the non-202 answers were: {"409": n, ...} (0: none came). */
    char by_status[256] = "{";
    size_t bl = 1;
    for (int s = 0; s < 600; s++) {
        int c = 0;
        for (int k = 0; k < NCLIENTS; k++)
            c += cl[k].status[s];
        if (c && bl < sizeof by_status - 32)
            bl += (size_t)snprintf(by_status + bl, sizeof by_status - bl,
                                   "%s\"%d\": %d", bl > 1 ? ", " : "", s, c);
    }
    snprintf(by_status + bl, sizeof by_status - bl, "}");
    printf("{\"bench\": \"latency\", \"rate\": %d, \"burst\": %d, "
           "\"seconds\": %.1f, "
           "\"triggers\": %zu, \"errors\": %d, \"error_statuses\": %s, "
           "\"missing\": %d, "
           "\"p50_ms\": %.3f, \"p90_ms\": %.3f, \"p99_ms\": %.3f, "
           "\"max_ms\": %.3f, \"http_202_p50_ms\": %.3f, "
           "\"http_202_p99_ms\": %.3f}\n",
           RATE, burst ? NCLIENTS : 1, secs, n, errors, by_status, missing,
           pct(lat, n, 50) / 1e6,
           pct(lat, n, 90) / 1e6, pct(lat, n, 99) / 1e6,
           n ? lat[n - 1] / 1e6 : 0.0, pct(http, nh, 50) / 1e6,
           pct(http, nh, 99) / 1e6);
    free(lat);
    free(http);
    ratelimit_free(app.login_limit);
    teardown(&b);
}

/* ---- lateness of waits ------------------------------------------------------- */

static int64_t *late_us, *late_at_us; /* lateness; when it resumed */
static atomic_llong late_n;
static atomic_llong late_from; /* resumes of executions from this id on */

static void trace_late(void *arg, int64_t id, int64_t due, bool first)
{
    (void)arg;
    if (first || id < atomic_load(&late_from))
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t now_us = ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
    long long k = atomic_fetch_add(&late_n, 1);
    if (k < LAT_MAX) {
        late_us[k] = now_us - due * 1000;
        late_at_us[k] = now_us;
    }
}

/* BENCH_TIMELINE=1: where the lateness came from, per 25 ms from the
 * first resume: resumes that ended in it, the most late among them, the
 * runs falling due in it. A stall shows as a gap, a backlog as a climb. */
static void timeline(size_t n)
{
    if (!getenv("BENCH_TIMELINE") || !n)
        return;
    int64_t t0 = INT64_MAX, t1 = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t due = late_at_us[i] - late_us[i];
        if (due < t0)
            t0 = due;
        if (late_at_us[i] > t1)
            t1 = late_at_us[i];
    }
    enum { SLOT = 25000 };
    size_t slots = (size_t)((t1 - t0) / SLOT + 1);
    if (slots > 400) /* the spread case: 20 s, too long to print */
        return;
    int64_t *cnt = calloc(slots * 3, sizeof *cnt);
    for (size_t i = 0; i < n; i++) {
        size_t r = (size_t)((late_at_us[i] - t0) / SLOT);
        size_t d = (size_t)((late_at_us[i] - late_us[i] - t0) / SLOT);
        cnt[r * 3]++;
        if (late_us[i] > cnt[r * 3 + 1])
            cnt[r * 3 + 1] = late_us[i];
        cnt[d * 3 + 2]++;
    }
    for (size_t s = 0; s < slots; s++)
        fprintf(stderr, "  %5zu ms: due %5lld resumed %5lld worst %6.1f ms\n",
                s * SLOT / 1000, (long long)cnt[s * 3 + 2],
                (long long)cnt[s * 3], cnt[s * 3 + 1] / 1e3);
    free(cnt);
}

static void report_late(const char *label, int64_t parked, int64_t rss0,
                        int64_t rss1)
{
    size_t n = (size_t)atomic_load(&late_n);
    if (n > LAT_MAX)
        n = LAT_MAX;
    timeline(n);
    qsort(late_us, n, sizeof *late_us, cmp_i64);
    printf("{\"bench\": \"lateness\", \"case\": \"%s\", \"parked\": %lld, "
           "\"resumed\": %zu, \"p50_ms\": %.1f, \"p99_ms\": %.1f, "
           "\"max_ms\": %.1f, \"rss_before_kb\": %lld, \"rss_parked_kb\": "
           "%lld}\n",
           label, (long long)parked, n, pct(late_us, n, 50) / 1e3,
           pct(late_us, n, 99) / 1e3, n ? late_us[n - 1] / 1e3 : 0.0,
           (long long)rss0, (long long)rss1);
    atomic_store(&late_n, 0);
}

static void lateness(int parked, int workers)
{
    struct bench b = {0};
    setup(&b, workers);
    late_us = calloc(LAT_MAX, sizeof *late_us);
    late_at_us = calloc(LAT_MAX, sizeof *late_at_us);
    /* Waits of 30..49 s, so that P runs fall due spread over 20 s once
     * they are all parked. */
    enum { SPREAD = 20 };
    int64_t ids[SPREAD];
    for (int i = 0; i < SPREAD; i++) {
        char name[32], plan[256];
        snprintf(name, sizeof name, "Wait %d", i);
        snprintf(plan, sizeof plan,
                 "{\"steps\": [{\"type\": \"wait\", \"params\": "
                 "{\"seconds\": %d}}, {\"type\": \"remember\", \"params\": "
                 "{\"key\": \"a\", \"value\": \"1\"}}]}",
                 30 + i);
        ids[i] = agent(&b, name, plan);
    }
    int64_t burst = agent(&b, "Burst",
                          "{\"steps\": [{\"type\": \"wait\", \"params\": "
                          "{\"seconds\": 1}}, {\"type\": \"remember\", "
                          "\"params\": {\"key\": \"a\", \"value\": \"1\"}}]}");
    engine_set_trace(b.engine, trace_late, NULL);
    struct err e = ERR_INIT;
    if (engine_start(b.engine, &e))
        die("start", &e);
    int64_t rss0 = rss_kb();
    double t0 = now_s();
    /* Admit in small rounds that cycle through the agents, so that due
     * times spread evenly rather than in blocks of one wait. The server's
     * memory is read as the parked runs grow. */
    int64_t rss_at[4] = {0};
    for (int r = 0; r < parked / 50; r++) {
        admit_many(&b, ids[r % SPREAD], 50);
        int done = (r + 1) * 50;
        for (int q = 0; q < 4; q++)
            if (done == parked / 4 * (q + 1))
                rss_at[q] = rss_kb();
    }
    while (count(&b, "SELECT COUNT(*) FROM executions WHERE status = "
                     "'waiting'") < parked)
        usleep(100 * 1000);
    int64_t rss1 = rss_kb();
    fprintf(stderr,
            "parked %d runs in %.1f s; server RSS %lld kB before, %lld / "
            "%lld / %lld / %lld kB at 25/50/75/100%%\n",
            parked, now_s() - t0, (long long)rss0, (long long)rss_at[0],
            (long long)rss_at[1], (long long)rss_at[2], (long long)rss_at[3]);
    /* While they are parked: a burst of 10,000 due 1 s after admission,
     * as BullMQ's delayed-jobs phase. Only the burst's resumes count
     * here; the trace counts them, so that the bench does not compete
     * for the CPU with a query while they run. */
    atomic_store(&late_from,
                 count(&b, "SELECT COALESCE(MAX(id), 0) + 1 FROM "
                           "executions"));
    atomic_store(&late_n, 0);
    admit_many(&b, burst, 10000);
    while (atomic_load(&late_n) < 10000)
        usleep(1000);
    report_late("burst of 10000 due within the admission window", parked,
                rss0, rss_kb());
    atomic_store(&late_from, 0);
    wait_ended(&b, parked + 10000);
    report_late("spread: parked runs resuming over 20 s", parked, rss0,
                rss1);
    engine_stop(b.engine);
    free(late_us);
    free(late_at_us);
    teardown(&b);
}

/* ---- resumes alone ------------------------------------------------------ */

static void resume(int n, int workers)
{
    struct bench b = {0};
    setup(&b, workers);
    int64_t id = agent(&b, "Resume",
                       "{\"steps\": [{\"type\": \"wait\", \"params\": "
                       "{\"seconds\": 86400}}, {\"type\": \"remember\", "
                       "\"params\": {\"key\": \"a\", \"value\": \"1\"}}]}");
    struct err e = ERR_INIT;
    if (engine_start(b.engine, &e))
        die("start", &e);
    admit_many(&b, id, n);
    while (count(&b, "SELECT COUNT(*) FROM executions WHERE status = "
                     "'waiting'") < n)
        usleep(50 * 1000);
    /* Everything parked: make its jobs (and no other) due now, in one
     * transaction. */
    char due[192];
    snprintf(due, sizeof due,
             "UPDATE jobs SET run_at = 0, due_at = 0 WHERE execution_id IN "
             "(SELECT id FROM executions WHERE agent_id = %lld)",
             (long long)id);
    struct db *db = db_pool_acquire(b.pool);
    if (db_exec(db, due, &e))
        die("due", &e);
    db_pool_release(b.pool, db);
    /* The clock starts once they are due: until the statement commits,
     * the workers cannot see them (it takes ~0.1 s for 40,000). */
    CALLGRIND_ZERO_STATS;
    double t0 = now_s();
    engine_kick(b.engine, 0);
    wait_ended(&b, n);
    double t = now_s() - t0;
    CALLGRIND_DUMP_STATS_AT("resumes");
    engine_stop(b.engine);
    int64_t done = count(&b, "SELECT COUNT(*) FROM executions WHERE status = "
                             "'completed'");
    printf("{\"bench\": \"resume\", \"runs\": %d, \"workers\": %d, "
           "\"seconds\": %.3f, \"resumes_per_s\": %.0f, \"completed\": "
           "%lld}\n",
           n, workers, t, n / t, (long long)done);
    if (done != n)
        die("not every run completed", NULL);
    teardown(&b);
}

int main(int argc, char **argv)
{
    log_set_level(LOG_WARN);
    clock_init(1, 0);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int workers = getenv("BENCH_WORKERS") ? atoi(getenv("BENCH_WORKERS"))
                                          : (int)(cores > 0 ? cores : 2);
    const char *what = argc > 1 ? argv[1] : "remember";
    if (!strcmp(what, "remember") || !strcmp(what, "crm"))
        throughput(what, argc > 2 ? atoi(argv[2]) : 20000, workers);
    else if (!strcmp(what, "latency"))
        latency(argc > 2 ? atof(argv[2]) : 10, workers);
    else if (!strcmp(what, "resume"))
        resume(argc > 2 ? atoi(argv[2]) : 20000, workers);
    else if (!strcmp(what, "lateness"))
        lateness(argc > 2 ? atoi(argv[2]) : 100000, workers);
    else {
        fprintf(stderr, "usage: engine_bench remember|crm [N] | latency "
                        "[SECONDS] | resume [N] | lateness [PARKED]\n");
        return 2;
    }
    return 0;
}
