/*
 * sqlite: the embedded SQLite backend of store/db.h.
 *
 * Each connection opens the file in WAL mode with synchronous=NORMAL: a
 * committed transaction survives a crash of the process (kill -9) at once,
 * and a power loss after the next checkpoint. Statements are cached per
 * connection in an open-addressing table keyed by SQL text, looked up
 * first by the address of the caller's text; a statement in use (stepped,
 * not reset) is never evicted.
 *
 * A connection is used by one thread at a time (SQLITE_OPEN_NOMUTEX).
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "store/backend.h"

#define CACHE_SLOTS 1024 /* power of two */
#define CACHE_MAX 600    /* evict above this many entries */
#define RECENT_SLOTS 128 /* power of two */

struct sq_stmt {
    struct db_stmt base;
    sqlite3_stmt *s;
    char *sql;
    uint64_t hash;
    const char *seen; /* the caller's text it was last found by */
};

struct sq_db {
    struct db base;
    sqlite3 *h;
    struct sq_stmt *slots[CACHE_SLOTS];
    /* Statements by the address of the caller's SQL text (almost always a
     * literal, so the same address each time): a hit costs one strcmp
     * instead of hashing the whole text. The text is still compared, as
     * an address may be reused for other SQL (a buffer built at run time). */
    struct sq_stmt *recent[RECENT_SLOTS];
    int count;
    void (*on_log)(void *arg); /* see log_watch */
    void *on_log_arg;
};

static const struct db_ops sqlite_ops;

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

/* A unique constraint broken: SQLite says "UNIQUE constraint failed:
 * tags.workspace_id, tags.name". The columns that clash, but the
 * workspace's, go in details.columns, so that the layer that knows the
 * record can say which of its values is taken (crm/entity.c); the message
 * names no table. */
static int sq_unique(const char *msg, struct err *err)
{
    json_t *cols = json_array();
    char names[ERR_MSG_MAX] = "";
    size_t used = 0;
    const char *p = strchr(msg, ':');
    while (p && *p) {
        p++;
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, ",");
        const char *dot = memchr(p, '.', n);
        const char *col = dot ? dot + 1 : p;
        int len = (int)(n - (size_t)(col - p));
        if (len > 0 && !(len == 12 && !strncmp(col, "workspace_id", 12))) {
            json_array_append_new(cols, json_stringn(col, (size_t)len));
            if (used < sizeof names)
                used += (size_t)snprintf(names + used, sizeof names - used,
                                         "%s%.*s", used ? " and " : "", len,
                                         col);
        }
        p += n;
    }
    int rc = names[0] ? err_set(err, E_CONFLICT,
                                "Already exists: another record has the "
                                "same %s",
                                names)
                      : err_set(err, E_CONFLICT, "Already exists");
    err_detail(err, "columns", cols);
    return rc;
}

static int sq_error(struct sq_db *d, int rc, struct err *err)
{
    int base = rc & 0xff;
    const char *msg = sqlite3_errmsg(d->h);
    if (base == SQLITE_CONSTRAINT) {
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            return sq_unique(msg, err);
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
            return err_set(err, E_VALIDATION,
                           "A referenced record does not exist");
        return err_set(err, E_VALIDATION, "Constraint failed: %s", msg);
    }
    if (base == SQLITE_BUSY || base == SQLITE_LOCKED)
        return err_set(err, E_UNAVAILABLE,
                       "The database is busy; try again shortly");
    if (base == SQLITE_FULL)
        return err_set(err, E_UNAVAILABLE, "The disk is full");
    if (base == SQLITE_TOOBIG)
        return err_set(err, E_TOO_LARGE, "Value too large to store");
    return err_set(err, E_INTERNAL, "Database error: %s", msg);
}

static void free_stmt(struct sq_stmt *st)
{
    if (!st)
        return;
    sqlite3_finalize(st->s);
    free(st->sql);
    free(st);
}

/* Drops every idle statement; keeps those in use. Rare: only when a
 * connection has seen more distinct SQL texts than CACHE_MAX. */
static void evict(struct sq_db *d)
{
    struct sq_stmt *keep[CACHE_SLOTS];
    int nkeep = 0;
    for (int i = 0; i < CACHE_SLOTS; i++) {
        struct sq_stmt *st = d->slots[i];
        if (!st)
            continue;
        if (st->base.busy)
            keep[nkeep++] = st;
        else
            free_stmt(st);
        d->slots[i] = NULL;
    }
    memset(d->recent, 0, sizeof d->recent);
    d->count = 0;
    for (int i = 0; i < nkeep; i++) {
        uint64_t j = keep[i]->hash & (CACHE_SLOTS - 1);
        while (d->slots[j])
            j = (j + 1) & (CACHE_SLOTS - 1);
        d->slots[j] = keep[i];
        d->count++;
    }
}

static struct db_stmt *sq_prepare(struct db *db, const char *sql,
                                  struct err *err)
{
    struct sq_db *d = (struct sq_db *)db;
    size_t r = ((uintptr_t)sql >> 4) & (RECENT_SLOTS - 1);
    struct sq_stmt *seen = d->recent[r];
    if (seen && seen->seen == sql && !seen->base.busy &&
        strcmp(seen->sql, sql) == 0) {
        seen->base.busy = true;
        return &seen->base;
    }
    uint64_t h = fnv1a(sql);
    uint64_t j = h & (CACHE_SLOTS - 1);
    for (struct sq_stmt *st; (st = d->slots[j]) != NULL;
         j = (j + 1) & (CACHE_SLOTS - 1)) {
        /* A statement in use (say, by an outer loop running the same
         * query) is skipped; a second copy is prepared beside it. */
        if (st->hash == h && !st->base.busy && strcmp(st->sql, sql) == 0) {
            st->base.busy = true;
            st->seen = sql;
            d->recent[r] = st;
            return &st->base;
        }
    }
    if (d->count >= CACHE_MAX) {
        evict(d);
        j = h & (CACHE_SLOTS - 1);
        while (d->slots[j])
            j = (j + 1) & (CACHE_SLOTS - 1);
    }
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
                                NULL);
    if (rc != SQLITE_OK) {
        sq_error(d, rc, err);
        struct log_line l;
        if (log_begin(&l, LOG_ERROR, "db.prepare_failed")) {
            log_str(&l, "error", sqlite3_errmsg(d->h));
            log_str(&l, "sql", sql);
            log_end(&l);
        }
        sqlite3_finalize(s);
        return NULL;
    }
    struct sq_stmt *st = xcalloc(1, sizeof *st);
    st->base.db = db;
    st->s = s;
    st->sql = xstrdup(sql);
    st->hash = h;
    st->base.busy = true;
    st->seen = sql;
    d->recent[r] = st;
    d->slots[j] = st;
    d->count++;
    return &st->base;
}

#define S(st) (((struct sq_stmt *)(st))->s)

static void sq_bind_int(struct db_stmt *st, int idx, int64_t v)
{
    sqlite3_bind_int64(S(st), idx, v);
}

static void sq_bind_double(struct db_stmt *st, int idx, double v)
{
    sqlite3_bind_double(S(st), idx, v);
}

static void sq_bind_textn(struct db_stmt *st, int idx, const char *s,
                          size_t n)
{
    sqlite3_bind_text64(S(st), idx, s, n, SQLITE_TRANSIENT, SQLITE_UTF8);
}

static void sq_bind_blob(struct db_stmt *st, int idx, const void *p,
                         size_t n)
{
    sqlite3_bind_blob64(S(st), idx, p, n, SQLITE_TRANSIENT);
}

static void sq_bind_null(struct db_stmt *st, int idx)
{
    sqlite3_bind_null(S(st), idx);
}

static int sq_step(struct db_stmt *st, struct err *err)
{
    int rc = sqlite3_step(S(st));
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    return sq_error((struct sq_db *)st->db, sqlite3_extended_errcode(
                                                ((struct sq_db *)st->db)->h),
                    err);
}

static void sq_reset(struct db_stmt *st)
{
    sqlite3_reset(S(st));
    sqlite3_clear_bindings(S(st));
}

static bool sq_readonly(struct db_stmt *st)
{
    return sqlite3_stmt_readonly(S(st)) != 0;
}

static int sq_column_count(struct db_stmt *st)
{
    return sqlite3_column_count(S(st));
}

static bool sq_col_is_null(struct db_stmt *st, int col)
{
    return sqlite3_column_type(S(st), col) == SQLITE_NULL;
}

static bool sq_col_is_int(struct db_stmt *st, int col)
{
    return sqlite3_column_type(S(st), col) == SQLITE_INTEGER;
}

static int64_t sq_col_int(struct db_stmt *st, int col)
{
    return sqlite3_column_int64(S(st), col);
}

static double sq_col_double(struct db_stmt *st, int col)
{
    return sqlite3_column_double(S(st), col);
}

static const char *sq_col_text(struct db_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(S(st), col);
}

static const void *sq_col_blob(struct db_stmt *st, int col, size_t *n)
{
    const void *p = sqlite3_column_blob(S(st), col);
    *n = (size_t)sqlite3_column_bytes(S(st), col);
    return p;
}

static int sq_wal_hook(void *arg, sqlite3 *h, const char *name, int frames)
{
    (void)h;
    (void)name;
    struct sq_db *d = arg;
    if (frames > 0)
        d->on_log(d->on_log_arg);
    return SQLITE_OK;
}

/* Replaces SQLite's automatic checkpoint, which is itself a wal hook. */
static void sq_log_watch(struct db *db, void (*fn)(void *arg), void *arg)
{
    struct sq_db *d = (struct sq_db *)db;
    d->on_log = fn;
    d->on_log_arg = arg;
    sqlite3_wal_hook(d->h, sq_wal_hook, d);
}

static int sq_checkpoint(struct db *db, struct err *err)
{
    struct sq_db *d = (struct sq_db *)db;
    int frames = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(d->h, NULL, SQLITE_CHECKPOINT_PASSIVE,
                                       &frames, &done);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        return err_set(err, E_UNAVAILABLE, "checkpoint: %s",
                       sqlite3_errmsg(d->h));
    return 0;
}

static int64_t sq_last_id(struct db *db)
{
    return sqlite3_last_insert_rowid(((struct sq_db *)db)->h);
}

static int64_t sq_total_changes(struct db *db)
{
    return sqlite3_total_changes64(((struct sq_db *)db)->h);
}

static int64_t sq_changes(struct db *db)
{
    return sqlite3_changes64(((struct sq_db *)db)->h);
}

static int sq_exec(struct db *db, const char *sql, struct err *err)
{
    struct sq_db *d = (struct sq_db *)db;
    int rc = sqlite3_exec(d->h, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return sq_error(d, sqlite3_extended_errcode(d->h), err);
    return 0;
}

static void sq_close(struct db *db)
{
    struct sq_db *d = (struct sq_db *)db;
    for (int i = 0; i < CACHE_SLOTS; i++)
        free_stmt(d->slots[i]);
    /* Closing the last connection checkpoints and removes the WAL. */
    sqlite3_close_v2(d->h);
    free(d);
}

/* agentd_contains(text, needle): see store/db.h. The same test as
 * str_find_ci(), without copying either string. */
static void sql_contains(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *hay = sqlite3_value_text(argv[0]);
    const unsigned char *needle = sqlite3_value_text(argv[1]);
    if (!hay) {
        sqlite3_result_null(cx);
        return;
    }
    if (!needle) {
        sqlite3_result_int(cx, 0);
        return;
    }
    size_t n = (size_t)sqlite3_value_bytes(argv[1]);
    sqlite3_result_int(cx, str_find_ci((const char *)hay,
                                       (const char *)needle) != NULL ||
                               n == 0);
}

/* agentd_num(value): see store/db.h. The same reading as plan/cond.c's
 * as_number(). */
static void sql_num(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    int t = sqlite3_value_type(argv[0]);
    double d;
    if (t == SQLITE_INTEGER || t == SQLITE_FLOAT)
        sqlite3_result_double(cx, sqlite3_value_double(argv[0]));
    else if (t == SQLITE_TEXT &&
             str_parse_double((const char *)sqlite3_value_text(argv[0]),
                              &d) == 0)
        sqlite3_result_double(cx, d);
    else
        sqlite3_result_null(cx);
}

/* agentd_key(kind, value): see store/db.h; str_value_key(). */
static void sql_key(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *s = sqlite3_value_text(argv[1]);
    int kind = sqlite3_value_int(argv[0]);
    if (!s || kind < STR_KEY_COUNTRY || kind > STR_KEY_SOURCE) {
        sqlite3_result_null(cx);
        return;
    }
    char key[256];
    str_value_key((enum str_key_kind)kind, (const char *)s, key, sizeof key);
    sqlite3_result_text(cx, key, -1, SQLITE_TRANSIENT);
}

/* A statement that writes several rows and may fail part-way (a foreign key
 * or NOT NULL to check) keeps, until it ends, a copy of each page it
 * changes: its statement journal. It is held in one block of this size,
 * then in a temporary file. With temp_store=MEMORY SQLite would keep it in
 * 1 KiB pieces instead (five allocations and copies per page): a CRM run's
 * inserts of activities, tasks and tag links spent a fifth of their time
 * there. At SQLite's default of 64 KiB, a batch's statements spilled to
 * files; at this size none of the benchmarks' do. It stays under glibc's
 * 128 KiB threshold for mmap, so the block comes from, and goes back to,
 * the heap (4 MiB blocks cost ~10 MB of RSS kept by malloc's arenas). */
#define STMT_JOURNAL_MEMORY (120 << 10)

/* Process-wide SQLite settings, applied once before the first connection:
 * each connection is used by one thread at a time, so SQLite's own
 * per-connection mutexes are not needed, and memory statistics (which take
 * a global mutex on every allocation) are off. */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

static void sqlite_configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, STMT_JOURNAL_MEMORY);
    sqlite3_initialize();
}

int db_sqlite_open(const char *path, struct db **out, struct err *err)
{
    *out = NULL;
    pthread_once(&sqlite_once, sqlite_configure);
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(path, &h,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                 SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc != SQLITE_OK) {
        int r = err_set(err, E_UNAVAILABLE, "Cannot open database %s: %s",
                        path, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
        sqlite3_close_v2(h);
        return r;
    }
    sqlite3_extended_result_codes(h, 1);
    sqlite3_create_function_v2(h, "agentd_contains", 2,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                                   SQLITE_INNOCUOUS,
                               NULL, sql_contains, NULL, NULL, NULL);
    sqlite3_create_function_v2(h, "agentd_num", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                                   SQLITE_INNOCUOUS,
                               NULL, sql_num, NULL, NULL, NULL);
    sqlite3_create_function_v2(h, "agentd_key", 2,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                                   SQLITE_INNOCUOUS,
                               NULL, sql_key, NULL, NULL, NULL);
    /* Writers of other processes are waited for; writers of this process
     * queue on the pool's mutex before they get here. */
    sqlite3_busy_timeout(h, 10000);
    struct sq_db *d = xcalloc(1, sizeof *d);
    d->base.ops = &sqlite_ops;
    d->h = h;
    static const char *pragmas =
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        /* Sorts and temporary tables stay in memory up to their cache,
         * statement journals up to STMT_JOURNAL_MEMORY; only larger ones
         * use files (in SQLITE_TMPDIR, else /var/tmp or /tmp). */
        "PRAGMA temp_store=FILE;"
        "PRAGMA cache_size=-16384;"
        "PRAGMA mmap_size=0;";
    rc = sq_exec(&d->base, pragmas, err);
    if (rc) {
        err_prefix(err, "Cannot configure database %s: ", path);
        sq_close(&d->base);
        return rc;
    }
    *out = &d->base;
    return 0;
}

static const struct db_ops sqlite_ops = {
    .backend = DB_SQLITE,
    .migrations = db_sqlite_migrations,
    .close = sq_close,
    .prepare = sq_prepare,
    .bind_int = sq_bind_int,
    .bind_double = sq_bind_double,
    .bind_textn = sq_bind_textn,
    .bind_blob = sq_bind_blob,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .reset = sq_reset,
    .readonly = sq_readonly,
    .column_count = sq_column_count,
    .col_is_null = sq_col_is_null,
    .col_is_int = sq_col_is_int,
    .col_int = sq_col_int,
    .col_double = sq_col_double,
    .col_text = sq_col_text,
    .col_blob = sq_col_blob,
    .changes = sq_changes,
    .total_changes = sq_total_changes,
    .last_id = sq_last_id,
    .log_watch = sq_log_watch,
    .checkpoint = sq_checkpoint,
    .exec = sq_exec,
    .begin_write_sql = "BEGIN IMMEDIATE",
    .begin_read_sql = "BEGIN",
    .claim_sql = "",
};
