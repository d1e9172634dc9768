/*
 * agentd: the command line.
 *
 *   agentd serve       API and workers
 *   agentd worker      workers only (more processes on one database)
 *   agentd credits     show or change a workspace's credits
 *   agentd migrate     apply database migrations
 *   agentd seed-demo   create the demo workspace
 *   agentd --help | --version
 *
 * Settings come from flags, else AGENTD_* environment variables, else
 * defaults. This file owns the process-wide objects (configuration, pool,
 * server) and wires them together; nothing below it keeps global state.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/app.h"
#include "api/live.h"
#include "api/server.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/jsonx.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "crm/demo.h"
#include "engine/engine.h"
#include "connectors/httpc.h"
#include "connectors/llm.h"
#include "plan/compile.h"
#include "plan/parse.h"
#include "store/db.h"

struct config {
    const char *db;
    const char *addr;
    int port;
    int threads;
    const char *log_level;
    const char *key_file;
    const char *secret_key;
    long max_body;
    int max_streams;
    double time_scale;
    const char *time_start;
    const char *port_file;
    bool json;
    int workers; /* -1: the engine's default */
    char **args; /* positional arguments after the command */
    char **argv; /* the arguments as read (negatives_last); owned */
    int nargs;
};

static const char usage[] =
    "usage: agentd <command> [options]\n"
    "\n"
    "commands:\n"
    "  serve        serve the HTTP API and run agents\n"
    "  worker       run agents only (no HTTP), e.g. as extra processes\n"
    "  credits WS [+N|-N|=N]\n"
    "               show or change a workspace's credits\n"
    "  migrate      apply database migrations and exit\n"
    "  seed-demo    create the demo workspace (--json prints logins)\n"
    "  parse TEXT   print the plan for plain-language instructions\n"
    "               (parse - reads them from standard input)\n"
    "\n"
    "options (environment variable in brackets):\n"
    "  --db PATH          SQLite database file [AGENTD_DB]\n"
    "                     (default ./var/agentd.db)\n"
    "  --addr ADDR        listen address [AGENTD_ADDR] (default 127.0.0.1)\n"
    "  --port PORT        listen port, 0 for any free one [AGENTD_PORT]\n"
    "                     (default 8080)\n"
    "  --threads N        HTTP threads [AGENTD_THREADS] (default: cores)\n"
    "  --workers N        worker threads that run agents [AGENTD_WORKERS]\n"
    "                     (default: cores; 0 serves the API only)\n"
    "  --log-level LEVEL  debug, info, warn, error, off [AGENTD_LOG_LEVEL]\n"
    "                     (default info)\n"
    "  --key-file PATH    secret key file, created if missing\n"
    "                     [AGENTD_KEY_FILE] (default: next to the database)\n"
    "                     AGENTD_SECRET_KEY (base64url, 32 bytes) overrides\n"
    "  --max-body BYTES   largest request body [AGENTD_MAX_BODY]\n"
    "                     (default 1048576)\n"
    "  --port-file PATH   write the bound port there once listening\n"
    "                     [AGENTD_PORT_FILE] (useful with --port 0)\n"
    "  --json             seed-demo: print the demo logins as JSON\n"
    "  -h, --help         this help\n"
    "  -V, --version      print the version\n"
    "\n"
    "model fallback for parse (off unless set): AGENTD_LLM_URL,\n"
    "AGENTD_LLM_KEY, AGENTD_LLM_FORMAT (gemini|openai), AGENTD_LLM_MODEL,\n"
    "AGENTD_LLM_TIMEOUT_MS (at most 10000).\n"
    "outbound HTTP: AGENTD_HTTP_ALLOW_HOSTS=host,... lets the address guard\n"
    "pass named on-premise hosts; AGENTD_CA_FILE=PATH trusts the CAs in that\n"
    "PEM file instead of the system's (SMTP, providers, webhooks).\n"
    "limits: AGENTD_RUNS_PER_MINUTE (10), AGENTD_RUNS_PER_DAY (100) per\n"
    "agent; AGENTD_CREDITS_PER_RUN (1); AGENTD_RUN_TIMEOUT (120) seconds of\n"
    "work a run may do, waits not counted (0: no limit); AGENTD_LEASE_MS\n"
    "(30000) how long a claimed job is held; AGENTD_POLL_MS (1000) how often\n"
    "idle workers look for jobs other processes added.\n"
    "live views: AGENTD_MAX_STREAMS (1000) event streams one server holds.\n"
    "testing: AGENTD_TIME_SCALE=N runs agentd's clock N times faster;\n"
    "AGENTD_TIME_START=ISO-8601 starts it at that instant.\n";

static int fail(const char *what, const struct err *err)
{
    fprintf(stderr, "agentd: %s: %s\n", what, err->msg);
    return 1;
}

static const char *env_or(const char *name, const char *dflt)
{
    const char *v = getenv(name);
    return v && *v ? v : dflt;
}

static int parse_int_opt(const char *name, const char *v, long min, long max,
                         long *out)
{
    int64_t n;
    if (str_parse_i64(v, &n) || n < min || n > max) {
        fprintf(stderr, "agentd: %s must be an integer from %ld to %ld, not "
                        "'%s'\n",
                name, min, max, v);
        return -1;
    }
    *out = (long)n;
    return 0;
}

/* Whether `a` is a negative whole number ("-5"). */
static bool negative_number(const char *a)
{
    if (a[0] != '-' || !a[1])
        return false;
    for (const char *p = a + 1; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

/*
 * `agentd credits 7 -5` takes 5 credits away; getopt would read "-5" as
 * the options -5 and refuse them. agentd has no digit options, so a
 * negative number among the arguments after the command is an operand:
 * it goes behind a "--" (added when there is none), before the operands
 * that already followed one, keeping the order of operands. The value of
 * an option ("--port -5") stays with it, to be refused as a port. Returns
 * a new argument vector (argc + 1 entries at most, NULL-ended) that the
 * process keeps; *nargc is its length.
 */
static char **negatives_last(int argc, char **argv,
                             const struct option *opts, int *nargc)
{
    char **out = xcalloc((size_t)argc + 2, sizeof *out);
    char **moved = xcalloc((size_t)argc + 1, sizeof *moved);
    int end = argc; /* an explicit "--" ends the options */
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--")) {
            end = i;
            break;
        }
    int nmoved = 0, w = 0;
    for (int i = 0; i < end; i++) {
        char *a = argv[i];
        if (i >= 2 && negative_number(a)) {
            moved[nmoved++] = a;
            continue;
        }
        out[w++] = a;
        /* "--name VALUE": the value is the option's, whatever it is. */
        if (i >= 2 && a[0] == '-' && a[1] == '-' && a[2] &&
            !strchr(a, '=') && i + 1 < end) {
            for (const struct option *o = opts; o->name; o++)
                if (o->has_arg == required_argument &&
                    !strncmp(o->name, a + 2, strlen(a + 2))) {
                    out[w++] = argv[++i];
                    break;
                }
        }
    }
    if (nmoved || end < argc)
        out[w++] = "--";
    for (int k = 0; k < nmoved; k++)
        out[w++] = moved[k];
    for (int i = end + 1; i < argc; i++)
        out[w++] = argv[i];
    out[w] = NULL;
    free(moved);
    *nargc = w;
    return out;
}

static int load_config(int argc, char **argv, struct config *c)
{
    long n;
    c->db = env_or("AGENTD_DB", "./var/agentd.db");
    c->addr = env_or("AGENTD_ADDR", "127.0.0.1");
    c->log_level = env_or("AGENTD_LOG_LEVEL", "info");
    c->key_file = env_or("AGENTD_KEY_FILE", NULL);
    c->secret_key = env_or("AGENTD_SECRET_KEY", NULL);
    c->time_start = env_or("AGENTD_TIME_START", NULL);
    c->port_file = env_or("AGENTD_PORT_FILE", NULL);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    c->threads = cores > 0 ? (int)cores : 2;
    c->port = 8080;
    c->workers = -1;
    c->max_body = APP_DEFAULT_MAX_BODY;
    c->max_streams = LIVE_MAX_STREAMS;
    c->time_scale = 1.0;
    const char *v;
    if ((v = env_or("AGENTD_PORT", NULL))) {
        if (parse_int_opt("AGENTD_PORT", v, 0, 65535, &n))
            return -1;
        c->port = (int)n;
    }
    if ((v = env_or("AGENTD_THREADS", NULL))) {
        if (parse_int_opt("AGENTD_THREADS", v, 1, 256, &n))
            return -1;
        c->threads = (int)n;
    }
    if ((v = env_or("AGENTD_MAX_BODY", NULL))) {
        if (parse_int_opt("AGENTD_MAX_BODY", v, 1024, 64L << 20, &n))
            return -1;
        c->max_body = n;
    }
    if ((v = env_or("AGENTD_MAX_STREAMS", NULL))) {
        if (parse_int_opt("AGENTD_MAX_STREAMS", v, 1, 100000, &n))
            return -1;
        c->max_streams = (int)n;
    }
    if ((v = env_or("AGENTD_TIME_SCALE", NULL))) {
        if (str_parse_double(v, &c->time_scale) || c->time_scale < 1 ||
            c->time_scale > 1e7) {
            fprintf(stderr, "agentd: AGENTD_TIME_SCALE must be a number from "
                            "1 to 10000000\n");
            return -1;
        }
    }
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"addr", required_argument, NULL, 'a'},
        {"port", required_argument, NULL, 'p'},
        {"threads", required_argument, NULL, 't'},
        {"log-level", required_argument, NULL, 'l'},
        {"key-file", required_argument, NULL, 'k'},
        {"max-body", required_argument, NULL, 'b'},
        {"json", no_argument, NULL, 'j'},
        {"port-file", required_argument, NULL, 'f'},
        {"workers", required_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int ch;
    argv = negatives_last(argc, argv, opts, &argc);
    c->argv = argv;
    optind = 2;
    while ((ch = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
        switch (ch) {
        case 'd': c->db = optarg; break;
        case 'a': c->addr = optarg; break;
        case 'p':
            if (parse_int_opt("--port", optarg, 0, 65535, &n))
                return -1;
            c->port = (int)n;
            break;
        case 't':
            if (parse_int_opt("--threads", optarg, 1, 256, &n))
                return -1;
            c->threads = (int)n;
            break;
        case 'l': c->log_level = optarg; break;
        case 'k': c->key_file = optarg; break;
        case 'b':
            if (parse_int_opt("--max-body", optarg, 1024, 64L << 20, &n))
                return -1;
            c->max_body = n;
            break;
        case 'j': c->json = true; break;
        case 'f': c->port_file = optarg; break;
        case 'w':
            if (parse_int_opt("--workers", optarg, 0, 64, &n))
                return -1;
            c->workers = (int)n;
            break;
        case 'h': fputs(usage, stdout); exit(0);
        case 'V': printf("agentd %s\n", AGENTD_VERSION); exit(0);
        default:
            fputs("agentd: see 'agentd --help'\n", stderr);
            return -1;
        }
    }
    c->args = argv + optind;
    c->nargs = argc - optind;
    enum log_level level;
    if (log_level_parse(c->log_level, &level)) {
        fprintf(stderr, "agentd: unknown log level '%s' (debug, info, warn, "
                        "error, off)\n",
                c->log_level);
        return -1;
    }
    log_set_level(level);
    int64_t start = 0;
    if (c->time_start && clock_parse_iso(c->time_start, &start)) {
        fprintf(stderr, "agentd: AGENTD_TIME_START must be ISO 8601, e.g. "
                        "2026-11-23T07:59:00Z\n");
        return -1;
    }
    clock_init(c->time_scale, start);
    return 0;
}

/* Creates the directory that will hold the database, one level. */
static int ensure_parent(const char *path, struct err *err)
{
    char *copy = xstrdup(path);
    char *dir = dirname(copy);
    int rc = 0;
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        rc = err_set(err, E_INTERNAL, "Cannot create directory %s: %s", dir,
                     strerror(errno));
    free(copy);
    return rc;
}

static char *default_key_file(const char *db)
{
    char *copy = xstrdup(db);
    char *dir = dirname(copy);
    size_t n = strlen(dir) + 16;
    char *path = xmalloc(n);
    snprintf(path, n, "%s/agentd.key", dir);
    free(copy);
    return path;
}

/* The database file --db names ("sqlite:PATH" is PATH, as db_open reads
 * it): the key file, its directory and the wake-up sockets go next to it. */
static const char *db_file(const struct config *c)
{
    return strncmp(c->db, "sqlite:", 7) == 0 ? c->db + 7 : c->db;
}

/* The directory where processes sharing the database file on this host
 * wake each other's workers (engine/wake.h): next to the database. */
static const char *wake_dir(const struct config *c, char *buf, size_t n)
{
    snprintf(buf, n, "%s-wake", db_file(c));
    return buf;
}

/* Opens the database, applies migrations, loads the key. */
static int open_store(const struct config *c, int pool_size,
                      struct db_pool **pool, struct cry_key *key,
                      struct err *err)
{
    if (strcmp(db_file(c), ":memory:") == 0)
        return err_set(err, E_BAD_REQUEST,
                       "agentd needs a database file (threads share it); "
                       "use --db PATH");
    int rc = cry_init(err);
    if (!rc)
        rc = ensure_parent(db_file(c), err);
    if (rc)
        return rc;
    char *kf =
        c->key_file ? xstrdup(c->key_file) : default_key_file(db_file(c));
    rc = cry_key_load(c->secret_key, kf, key, err);
    free(kf);
    if (rc)
        return rc;
    rc = db_pool_new(c->db, pool_size, pool, err);
    if (rc)
        return rc;
    struct db *db = db_pool_acquire(*pool);
    rc = db_migrate(db, err);
    db_pool_release(*pool, db);
    if (rc < 0) {
        db_pool_free(*pool);
        *pool = NULL;
        return rc;
    }
    return 0;
}

static int cmd_migrate(const struct config *c)
{
    struct err err = ERR_INIT;
    struct db_pool *pool = NULL;
    struct cry_key key;
    if (open_store(c, 1, &pool, &key, &err))
        return fail("migrate", &err);
    struct db *db = db_pool_acquire(pool);
    int v = db_schema_version(db, &err);
    db_pool_release(pool, db);
    db_pool_free(pool);
    if (v < 0)
        return fail("migrate", &err);
    printf("database %s is at schema version %d\n", c->db, v);
    return 0;
}

static int cmd_seed_demo(const struct config *c)
{
    struct err err = ERR_INIT;
    struct db_pool *pool = NULL;
    struct cry_key key;
    if (open_store(c, 1, &pool, &key, &err))
        return fail("seed-demo", &err);
    struct db *db = db_pool_acquire(pool);
    json_t *out = NULL;
    int rc = demo_seed(db, &key, &out, &err);
    db_pool_release(pool, db);
    db_pool_free(pool);
    if (rc) {
        int r = fail("seed-demo", &err);
        err_clear(&err);
        return r;
    }
    if (c->json) {
        char *s = json_dumps(out, JSON_INDENT(2));
        puts(s);
        free(s);
    } else {
        printf("demo workspace %lld created in %s\n",
               (long long)json_integer_value(
                   json_object_get(out, "workspaceId")),
               c->db);
        size_t i;
        json_t *u;
        json_array_foreach(json_object_get(out, "users"), i, u)
            printf("  %-7s %-26s password %s\n", jx_str(u, "role"),
                   jx_str(u, "email"), jx_str(u, "password"));
        printf("(run with --json to also get API tokens)\n");
    }
    json_decref(out);
    return 0;
}

/* Written to a temporary name and renamed, so that a reader never sees a
 * half-written file. */
static int write_port_file(const char *path, int port, struct err *err)
{
    size_t n = strlen(path) + 8;
    char *tmp = xmalloc(n);
    snprintf(tmp, n, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    int rc = 0;
    if (!f || fprintf(f, "%d\n", port) < 0 || fclose(f) != 0 ||
        rename(tmp, path) != 0)
        rc = err_set(err, E_INTERNAL, "Cannot write port file %s: %s", path,
                     strerror(errno));
    free(tmp);
    return rc;
}

/* SIGINT and SIGTERM are taken by sigwait(sigs) in the main thread; every
 * thread created after this inherits the mask. A peer closing a socket
 * is an error return, not a signal. */
static void block_stop_signals(sigset_t *sigs)
{
    sigemptyset(sigs);
    sigaddset(sigs, SIGINT);
    sigaddset(sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
}

static int cmd_serve(const struct config *c)
{
    struct err err = ERR_INIT;
    struct app app = {0};
    struct api_server *server = NULL;
    struct llm_config llm_cfg;
    struct llm *llm = NULL;
    struct plan_fallback planner = {0};
    struct engine *engine = NULL;
    int status = 1;

    sigset_t sigs;
    block_stop_signals(&sigs);

    int nworkers = c->workers >= 0 ? c->workers : c->threads;
    /* HTTP threads, a connection per worker, the workers' shared one, the
     * live watcher's (api/live.h), and a few for the scheduler and
     * start-up. */
    if (open_store(c, c->threads + nworkers + 6, &app.pool, &app.key,
                   &err)) {
        fail("serve", &err);
        goto out;
    }
    if (httpc_global_init(&err)) {
        fail("serve", &err);
        goto out;
    }
    int lrc = llm_config_from_env(&llm_cfg, &err);
    if (lrc < 0) {
        fail("serve", &err);
        goto out;
    }
    if (lrc == 0) {
        llm = llm_new(&llm_cfg);
        planner.ask = llm_plan;
        planner.arg = llm;
        app.planner = &planner;
        log_msg(LOG_INFO, "plan.model_fallback",
                llm_cfg.format == LLM_GEMINI ? "gemini" : "openai");
    }
    struct engine_config ec;
    engine_config_defaults(&ec);
    if (engine_config_from_env(&ec, &err)) {
        fail("serve", &err);
        goto out;
    }
    if (c->workers >= 0)
        ec.workers = c->workers;
    char wake[PATH_MAX];
    ec.wake_dir = wake_dir(c, wake, sizeof wake);
    if (engine_new(app.pool, &app.key, app.planner, &ec, &engine, &err) ||
        engine_start(engine, &err)) {
        fail("serve", &err);
        goto out;
    }
    app.engine = engine;
    app.max_body = (size_t)c->max_body;
    app.session_ttl_ms = 14 * MS_PER_DAY;
    app.login_limit = ratelimit_new(10, MS_PER_MIN);
    struct api_server_config sc = {c->addr, c->port, c->threads,
                                   c->max_streams};
    if (api_server_start(&app, &sc, &server, &err)) {
        fail("serve", &err);
        goto out;
    }
    if (c->port_file && write_port_file(c->port_file,
                                        api_server_port(server), &err)) {
        fail("serve", &err);
        api_server_stop(server, 0);
        goto out;
    }
    struct log_line l;
    if (log_begin(&l, LOG_INFO, "server.started")) {
        char url[128];
        snprintf(url, sizeof url, "http://%s:%d", c->addr,
                 api_server_port(server));
        log_str(&l, "url", url);
        log_str(&l, "db", c->db);
        log_int(&l, "threads", c->threads);
        log_int(&l, "workers", ec.workers);
        log_str(&l, "version", AGENTD_VERSION);
        log_end(&l);
    }
    int sig = 0;
    sigwait(&sigs, &sig);
    if (log_begin(&l, LOG_INFO, "server.stopping")) {
        log_str(&l, "signal", sig == SIGINT ? "SIGINT" : "SIGTERM");
        log_end(&l);
    }
    api_server_stop(server, 10000);
    engine_stop(engine);
    log_msg(LOG_INFO, "server.stopped", NULL);
    status = 0;
out:
    engine_free(engine);
    db_pool_free(app.pool);
    ratelimit_free(app.login_limit);
    llm_free(llm);
    err_clear(&err);
    return status;
}

/* agentd worker: the engine without HTTP, until SIGINT/SIGTERM. Several
 * processes may share one database; on one host they wake each other's
 * workers for new jobs (engine/wake.h), and look for them every
 * AGENTD_POLL_MS besides. */
static int cmd_worker(const struct config *c)
{
    struct err err = ERR_INIT;
    struct db_pool *pool = NULL;
    struct cry_key key;
    struct engine *engine = NULL;
    int status = 1;
    sigset_t sigs;
    block_stop_signals(&sigs);
    struct engine_config ec;
    engine_config_defaults(&ec);
    if (engine_config_from_env(&ec, &err)) {
        fail("worker", &err);
        goto out;
    }
    if (c->workers >= 0)
        ec.workers = c->workers;
    char wake[PATH_MAX];
    ec.wake_dir = wake_dir(c, wake, sizeof wake);
    if (ec.workers < 1) {
        fputs("agentd: worker needs --workers 1 or more\n", stderr);
        goto out;
    }
    if (open_store(c, ec.workers + 3, &pool, &key, &err) ||
        httpc_global_init(&err) ||
        engine_new(pool, &key, NULL, &ec, &engine, &err) ||
        engine_start(engine, &err)) {
        fail("worker", &err);
        goto out;
    }
    struct log_line l;
    if (log_begin(&l, LOG_INFO, "worker.started")) {
        log_str(&l, "db", c->db);
        log_int(&l, "workers", ec.workers);
        log_end(&l);
    }
    int sig = 0;
    sigwait(&sigs, &sig);
    engine_stop(engine);
    log_msg(LOG_INFO, "worker.stopped", NULL);
    status = 0;
out:
    engine_free(engine);
    db_pool_free(pool);
    err_clear(&err);
    return status;
}

/* agentd credits WS [+N | -N | =N]: an operator's view of credits. */
static int cmd_credits(const struct config *c)
{
    int64_t ws, n = 0;
    char op = 0;
    if (c->nargs < 1 || c->nargs > 2 || str_parse_i64(c->args[0], &ws) ||
        ws < 1) {
        fputs("usage: agentd credits WORKSPACE_ID [+N|-N|=N]\n", stderr);
        return 2;
    }
    if (c->nargs == 2) {
        const char *a = c->args[1];
        op = a[0];
        if ((op != '+' && op != '-' && op != '=') ||
            str_parse_i64(a + 1, &n) || n < 0 || n > 1000000000) {
            fprintf(stderr, "agentd: credits change must be +N, -N or =N "
                            "(N from 0 to 1000000000), not '%s'\n",
                    a);
            return 2;
        }
    }
    struct err err = ERR_INIT;
    struct db_pool *pool = NULL;
    struct cry_key key;
    if (open_store(c, 1, &pool, &key, &err))
        return fail("credits", &err);
    struct db *db = db_pool_acquire(pool);
    struct db_stmt *st = db_prepare(
        db,
        "UPDATE workspaces SET credits = MAX(0, CASE ?2 WHEN '+' THEN "
        "credits + ?3 WHEN '-' THEN credits - ?3 WHEN '=' THEN ?3 ELSE "
        "credits END) WHERE id = ?1 RETURNING credits",
        &err);
    int rc = -1;
    int64_t credits = 0;
    if (st) {
        char opstr[2] = {op, 0};
        db_bind_int(st, 1, ws);
        db_bind_text(st, 2, opstr);
        db_bind_int(st, 3, n);
        rc = db_step(st, &err);
        if (rc == DB_ROW)
            credits = db_col_int(st, 0);
        db_reset(st);
    }
    db_pool_release(pool, db);
    db_pool_free(pool);
    if (rc < 0)
        return fail("credits", &err);
    if (rc == DB_DONE) {
        fprintf(stderr, "agentd: no workspace %lld in %s\n", (long long)ws,
                c->db);
        return 1;
    }
    printf("workspace %lld has %lld credits\n", (long long)ws,
           (long long)credits);
    return 0;
}

/* agentd parse "INSTRUCTIONS" | agentd parse -
 * Prints the plan and exits 0, or prints the error (and its details) to
 * stderr and exits 1. Needs no database. */
static int cmd_parse(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: agentd parse \"INSTRUCTIONS\" | agentd parse -\n",
              stderr);
        return 2;
    }
    /* stdout is the plan and stderr the error: no log lines in between. */
    log_set_level(LOG_OFF);
    struct buf in;
    buf_init(&in, PLAN_MAX_INSTRUCTIONS + 1);
    if (strcmp(argv[2], "-") == 0) {
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
            if (buf_append(&in, chunk, n) < 0)
                break; /* too long: the parser reports it */
        }
    } else {
        buf_puts(&in, argv[2]);
    }
    struct err err = ERR_INIT;
    json_t *plan = NULL;
    /* The model fallback, when the environment configures one. */
    struct llm_config cfg;
    struct llm *llm = NULL;
    struct plan_fallback fb = {0};
    int lrc = llm_config_from_env(&cfg, &err);
    if (lrc < 0) {
        fprintf(stderr, "agentd: %s\n", err.msg);
        buf_fini(&in);
        return 2;
    }
    if (lrc == 0) {
        httpc_global_init(&err);
        llm = llm_new(&cfg);
        fb.ask = llm_plan;
        fb.arg = llm;
    }
    const char *source;
    json_t *trigger = NULL;
    int rc = plan_compile(buf_cstr(&in), in.len, llm ? &fb : NULL, &plan,
                          &trigger, &source, &err);
    llm_free(llm);
    buf_fini(&in);
    if (rc) {
        fprintf(stderr, "%s\n", err.msg);
        if (err.details) {
            char *d = json_dumps(err.details, JSON_INDENT(2));
            fprintf(stderr, "%s\n", d);
            free(d);
        }
        err_clear(&err);
        return 1;
    }
    char *s = json_dumps(plan, JSON_INDENT(2));
    puts(s);
    free(s);
    json_decref(plan);
    if (trigger) {
        /* stdout stays the plan alone (plan.md), for scripts. */
        s = json_dumps(trigger, JSON_COMPACT);
        fprintf(stderr, "trigger: %s\n", s);
        free(s);
        json_decref(trigger);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0 ||
        strcmp(cmd, "version") == 0) {
        printf("agentd %s\n", AGENTD_VERSION);
        return 0;
    }
    if (strcmp(cmd, "parse") == 0)
        return cmd_parse(argc, argv);
    struct config c = {0};
    int rc;
    if (load_config(argc, argv, &c)) {
        rc = 2;
    } else if (strcmp(cmd, "credits") != 0 && c.nargs > 0) {
        fprintf(stderr, "agentd: unexpected argument '%s'; see 'agentd "
                        "--help'\n",
                c.args[0]);
        rc = 2;
    } else if (strcmp(cmd, "serve") == 0) {
        rc = cmd_serve(&c);
    } else if (strcmp(cmd, "worker") == 0) {
        rc = cmd_worker(&c);
    } else if (strcmp(cmd, "credits") == 0) {
        rc = cmd_credits(&c);
    } else if (strcmp(cmd, "migrate") == 0) {
        rc = cmd_migrate(&c);
    } else if (strcmp(cmd, "seed-demo") == 0) {
        rc = cmd_seed_demo(&c);
    } else {
        fprintf(stderr, "agentd: unknown command '%s'; see 'agentd --help'\n",
                cmd);
        rc = 2;
    }
    free(c.argv);
    return rc;
}
