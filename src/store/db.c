/*
 * db: backend dispatch, nested transactions, the writer mutex, migrations
 * and the connection pool. See db.h for the contract and backend.h for
 * what a backend provides.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "store/backend.h"

int db_open(const char *url, struct db **out, struct err *err)
{
    *out = NULL;
    if (strncmp(url, "postgres://", 11) == 0 ||
        strncmp(url, "postgresql://", 13) == 0)
        return err_set(err, E_UNAVAILABLE,
                       "The PostgreSQL store is not built yet; use a SQLite "
                       "path such as ./var/agentd.db");
    if (strncmp(url, "sqlite:", 7) == 0)
        url += 7;
    return db_sqlite_open(url, out, err);
}

void db_close(struct db *db)
{
    if (!db)
        return;
    if (db->depth > 0)
        db_tx_rollback(db);
    db->ops->close(db);
}

enum db_backend db_backend(const struct db *db)
{
    return db->ops->backend;
}

struct db_stmt *db_prepare(struct db *db, const char *sql, struct err *err)
{
    return db->ops->prepare(db, sql, err);
}

void db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
    st->db->ops->bind_int(st, idx, v);
}

void db_bind_double(struct db_stmt *st, int idx, double v)
{
    st->db->ops->bind_double(st, idx, v);
}

void db_bind_text(struct db_stmt *st, int idx, const char *s)
{
    if (!s)
        st->db->ops->bind_null(st, idx);
    else
        st->db->ops->bind_textn(st, idx, s, strlen(s));
}

void db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t n)
{
    st->db->ops->bind_textn(st, idx, s, n);
}

void db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
    st->db->ops->bind_blob(st, idx, p, n);
}

void db_bind_null(struct db_stmt *st, int idx)
{
    st->db->ops->bind_null(st, idx);
}

void db_bind_opt_int(struct db_stmt *st, int idx, bool has, int64_t v)
{
    if (has)
        db_bind_int(st, idx, v);
    else
        db_bind_null(st, idx);
}

static void lock_writer(struct db *db)
{
    if (db->write_lock && !db->locked) {
        pthread_mutex_lock(db->write_lock);
        db->locked = true;
    }
}

static void unlock_writer(struct db *db)
{
    if (db->locked) {
        db->locked = false;
        pthread_mutex_unlock(db->write_lock);
    }
}

int db_step(struct db_stmt *st, struct err *err)
{
    struct db *db = st->db;
    /* A write outside any transaction still has to queue behind other
     * writers of this process; it holds the mutex until reset. */
    if (!st->stepped && db->depth == 0 && !db->reading && !db->locked &&
        db->write_lock && !db->ops->readonly(st)) {
        lock_writer(db);
        st->holds_lock = true;
    }
    st->stepped = true;
    return db->ops->step(st, err);
}

void db_reset(struct db_stmt *st)
{
    if (!st)
        return;
    st->db->ops->reset(st);
    st->busy = false;
    st->stepped = false;
    if (st->holds_lock) {
        st->holds_lock = false;
        unlock_writer(st->db);
    }
}

int db_column_count(struct db_stmt *st)
{
    return st->db->ops->column_count(st);
}

bool db_col_is_null(struct db_stmt *st, int col)
{
    return st->db->ops->col_is_null(st, col);
}

bool db_col_is_int(struct db_stmt *st, int col)
{
    return st->db->ops->col_is_int(st, col);
}

int64_t db_col_int(struct db_stmt *st, int col)
{
    return st->db->ops->col_int(st, col);
}

double db_col_double(struct db_stmt *st, int col)
{
    return st->db->ops->col_double(st, col);
}

const char *db_col_text(struct db_stmt *st, int col)
{
    return st->db->ops->col_text(st, col);
}

const void *db_col_blob(struct db_stmt *st, int col, size_t *n)
{
    return st->db->ops->col_blob(st, col, n);
}

int64_t db_last_id(struct db *db)
{
    return db->ops->last_id(db);
}

int64_t db_changes(struct db *db)
{
    return db->ops->changes(db);
}

int db_query_int(struct db *db, const char *sql, int64_t p1, int64_t *out,
                 struct err *err)
{
    *out = 0;
    struct db_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, p1);
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *out = db_col_int(st, 0);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

int db_data_version(struct db *db, int64_t *out, struct err *err)
{
    *out = 0;
    struct db_stmt *st = db_prepare(db, "PRAGMA data_version", err);
    if (!st)
        return -E_INTERNAL;
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *out = db_col_int(st, 0);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

int db_exec(struct db *db, const char *sql, struct err *err)
{
    return db->ops->exec(db, sql, err);
}

const char *db_claim_sql(const struct db *db)
{
    return db->ops->claim_sql;
}

/* ---- transactions --------------------------------------------------- */

/* Transaction statements run prepared and cached like any other: they
 * are the most frequent statements of all (a savepoint per step). */
static int run_cached(struct db *db, const char *sql, struct err *err)
{
    struct db_stmt *st = db_prepare(db, sql, err);
    if (!st)
        return -E_INTERNAL;
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

static const char *savepoint_sql(const char *verb, int n, char *buf,
                                 size_t size)
{
    snprintf(buf, size, "%s s%d", verb, n);
    return buf;
}

/* Whether the innermost open level is a deferred savepoint. */
static bool level_deferred(const struct db *db)
{
    int d = db->depth - 1;
    return d >= 1 && d < DB_TX_MARKS && db->marks[d] >= 0;
}

int db_tx_begin(struct db *db, struct err *err)
{
    if (db->reading)
        return err_set(err, E_INTERNAL,
                       "write transaction opened inside a read snapshot");
    if (db->depth == 0) {
        lock_writer(db);
        int rc = run_cached(db, db->ops->begin_write_sql, err);
        if (rc) {
            unlock_writer(db);
            return rc;
        }
        db->spoiled = false;
        db->marks[0] = -1;
    } else if (db->defer && db->depth < DB_TX_MARKS) {
        db->marks[db->depth] = db->ops->total_changes(db);
    } else {
        char sql[32];
        int rc = run_cached(db, savepoint_sql("SAVEPOINT", db->depth, sql,
                                              sizeof sql),
                            err);
        if (rc)
            return rc;
        if (db->depth < DB_TX_MARKS)
            db->marks[db->depth] = -1;
    }
    db->depth++;
    return 0;
}

int db_tx_commit(struct db *db, struct err *err)
{
    if (db->depth <= 0)
        return err_set(err, E_INTERNAL, "commit without a transaction");
    if (db->depth == 1) {
        if (db->spoiled)
            return err_set(err, E_INTERNAL,
                           "the transaction holds writes a deferred "
                           "savepoint could not undo; roll it back");
        int rc = run_cached(db, "COMMIT", err);
        if (rc) {
            /* The transaction is still open; the caller rolls back. */
            return rc;
        }
        db->depth = 0;
        unlock_writer(db);
        return 0;
    }
    if (level_deferred(db)) {
        db->depth--;
        return 0;
    }
    char sql[32];
    int rc = run_cached(db, savepoint_sql("RELEASE", db->depth - 1, sql,
                                          sizeof sql),
                        err);
    if (rc == 0)
        db->depth--;
    return rc;
}

void db_tx_rollback(struct db *db)
{
    struct err e = ERR_INIT;
    if (db->depth <= 0)
        return;
    if (db->depth == 1) {
        if (run_cached(db, "ROLLBACK", &e))
            log_msg(LOG_ERROR, "db.rollback_failed", e.msg);
        db->depth = 0;
        db->spoiled = false;
        unlock_writer(db);
    } else if (level_deferred(db)) {
        /* Nothing to undo if nothing was written since it opened;
         * otherwise only the whole transaction can be. */
        if (db->ops->total_changes(db) != db->marks[db->depth - 1])
            db->spoiled = true;
        db->depth--;
    } else {
        char sql[32];
        if (run_cached(db, savepoint_sql("ROLLBACK TO", db->depth - 1, sql,
                                         sizeof sql),
                       &e) ||
            run_cached(db, savepoint_sql("RELEASE", db->depth - 1, sql,
                                         sizeof sql),
                       &e))
            log_msg(LOG_ERROR, "db.rollback_failed", e.msg);
        db->depth--;
    }
    err_clear(&e);
}

void db_tx_defer(struct db *db, bool on)
{
    db->defer = on && db->ops->total_changes;
}

bool db_tx_spoiled(const struct db *db)
{
    return db->spoiled;
}

int db_tx_end(struct db *db, int rc, struct err *err)
{
    if (rc >= 0)
        rc = db_tx_commit(db, err);
    if (rc < 0)
        db_tx_rollback(db);
    return rc < 0 ? rc : 0;
}

int db_tx_depth(const struct db *db)
{
    return db->depth;
}

int db_read_begin(struct db *db, struct err *err)
{
    if (db->depth > 0 || db->reading)
        return 0; /* already consistent */
    int rc = db->ops->exec(db, db->ops->begin_read_sql, err);
    if (rc == 0)
        db->reading = true;
    return rc;
}

void db_read_end(struct db *db)
{
    if (!db->reading)
        return;
    struct err e = ERR_INIT;
    if (db->ops->exec(db, "COMMIT", &e))
        log_msg(LOG_ERROR, "db.read_end_failed", e.msg);
    err_clear(&e);
    db->reading = false;
}

/* ---- migrations ----------------------------------------------------- */

static int ensure_migrations_table(struct db *db, struct err *err)
{
    return db_exec(db,
                   "CREATE TABLE IF NOT EXISTS schema_migrations ("
                   " version INTEGER PRIMARY KEY,"
                   " name TEXT NOT NULL,"
                   " applied_at INTEGER NOT NULL)",
                   err);
}

int db_schema_version(struct db *db, struct err *err)
{
    int rc = ensure_migrations_table(db, err);
    if (rc)
        return rc;
    struct db_stmt *st = db_prepare(
        db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", err);
    if (!st)
        return -E_INTERNAL;
    rc = db_step(st, err);
    int v = rc == DB_ROW ? (int)db_col_int(st, 0) : 0;
    db_reset(st);
    return rc < 0 ? rc : v;
}

/* Applies one migration in its own transaction, with its `before` and
 * `after` settings around it. */
static int migrate_one(struct db *db, const struct db_migration *m,
                       struct err *err)
{
    int rc = m->before ? db->ops->exec(db, m->before, err) : 0;
    if (rc)
        return rc;
    rc = db_tx_begin(db, err);
    if (!rc) {
        rc = db->ops->exec(db, m->sql, err);
        if (rc == 0 && m->run)
            rc = m->run(db, err);
        if (rc == 0) {
            struct db_stmt *st = db_prepare(
                db,
                "INSERT INTO schema_migrations (version, name, applied_at) "
                "VALUES (?1, ?2, ?3)",
                err);
            if (!st) {
                rc = -E_INTERNAL;
            } else {
                db_bind_int(st, 1, m->version);
                db_bind_text(st, 2, m->name);
                db_bind_int(st, 3, clock_now_ms());
                rc = db_step(st, err);
                db_reset(st);
                rc = rc < 0 ? rc : 0;
            }
        }
        if (rc == 0)
            rc = db_tx_commit(db, err);
        if (rc)
            db_tx_rollback(db);
    }
    if (m->after) {
        /* Restored whatever happened; its own failure is reported only
         * when the migration itself went well. */
        struct err e2 = ERR_INIT;
        int rc2 = db->ops->exec(db, m->after, rc ? &e2 : err);
        err_clear(&e2);
        if (!rc)
            rc = rc2;
    }
    return rc;
}

int db_migrate_upto(struct db *db, int upto, struct err *err)
{
    int have = db_schema_version(db, err);
    if (have < 0)
        return have;
    int applied = 0;
    for (const struct db_migration *m = db->ops->migrations; m->sql; m++) {
        if (m->version <= have)
            continue;
        if (upto > 0 && m->version > upto)
            break;
        int rc = migrate_one(db, m, err);
        if (rc) {
            err_prefix(err, "migration %d (%s): ", m->version, m->name);
            return rc;
        }
        struct log_line l;
        if (log_begin(&l, LOG_INFO, "db.migrated")) {
            log_int(&l, "version", m->version);
            log_str(&l, "name", m->name);
            log_end(&l);
        }
        applied++;
    }
    return applied;
}

int db_migrate(struct db *db, struct err *err)
{
    return db_migrate_upto(db, 0, err);
}

/* ---- pool ----------------------------------------------------------- */

struct db_pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_mutex_t write_lock;
    int size;
    int nfree;
    struct db **all;
    struct db **free_list;
    /* The background checkpointer (SQLite): its own connection. */
    struct db *ckpt_db;
    pthread_cond_t ckpt_cv;
    pthread_t ckpt_thread;
    atomic_bool ckpt_due; /* a commit added to the log since the last one */
    bool ckpt_running, ckpt_stop;
};

/* Checkpoints run here, CKPT_MS after a commit first adds to the log,
 * instead of in whichever request or job happened to commit the 1000th
 * page (SQLite's default), which then paid for copying the log and
 * syncing the database file. Small and often: each one's fsync is short,
 * so the writes that queue behind it on the disk wait less (a trigger's
 * p99 over HTTP went from ~3 ms with 200 ms to ~1.1 ms with 10 ms, see
 * docs/benchmarks.md), and a short log keeps reads fast. An idle store
 * costs no wake-ups. */
#define CKPT_MS 10

static void ckpt_note(void *arg)
{
    struct db_pool *p = arg;
    if (atomic_exchange(&p->ckpt_due, true))
        return;
    pthread_mutex_lock(&p->mu);
    pthread_cond_signal(&p->ckpt_cv);
    pthread_mutex_unlock(&p->mu);
}

static void *ckpt_main(void *arg)
{
    struct db_pool *p = arg;
    struct err e = ERR_INIT;
    pthread_mutex_lock(&p->mu);
    while (!p->ckpt_stop) {
        if (!atomic_load(&p->ckpt_due)) {
            pthread_cond_wait(&p->ckpt_cv, &p->mu);
            continue;
        }
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += CKPT_MS * 1000000L;
        ts.tv_sec += ts.tv_nsec / 1000000000L;
        ts.tv_nsec %= 1000000000L;
        while (!p->ckpt_stop &&
               pthread_cond_timedwait(&p->ckpt_cv, &p->mu, &ts) != ETIMEDOUT)
            ;
        if (p->ckpt_stop)
            break;
        atomic_store(&p->ckpt_due, false);
        pthread_mutex_unlock(&p->mu);
        if (p->ckpt_db->ops->checkpoint(p->ckpt_db, &e)) {
            log_msg(LOG_WARN, "db.checkpoint_failed", e.msg);
            err_clear(&e);
        }
        pthread_mutex_lock(&p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

int db_pool_new(const char *url, int size, struct db_pool **out,
                struct err *err)
{
    *out = NULL;
    if (size < 1)
        size = 1;
    struct db_pool *p = xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    pthread_mutex_init(&p->write_lock, NULL);
    pthread_cond_init(&p->ckpt_cv, NULL);
    p->all = xcalloc((size_t)size, sizeof *p->all);
    p->free_list = xcalloc((size_t)size, sizeof *p->free_list);
    for (int i = 0; i < size; i++) {
        int rc = db_open(url, &p->all[i], err);
        if (rc) {
            p->size = i;
            db_pool_free(p);
            return rc;
        }
        p->all[i]->write_lock = &p->write_lock;
        p->free_list[i] = p->all[i];
    }
    p->size = size;
    p->nfree = size;
    if (p->all[0]->ops->checkpoint) {
        int rc = db_open(url, &p->ckpt_db, err);
        if (rc) {
            db_pool_free(p);
            return rc;
        }
        if (pthread_create(&p->ckpt_thread, NULL, ckpt_main, p) == 0) {
            p->ckpt_running = true;
            for (int i = 0; i < size; i++)
                p->all[i]->ops->log_watch(p->all[i], ckpt_note, p);
        } /* else SQLite checkpoints by itself, as it does by default */
    }
    *out = p;
    return 0;
}

void db_pool_free(struct db_pool *p)
{
    if (!p)
        return;
    if (p->ckpt_running) {
        pthread_mutex_lock(&p->mu);
        p->ckpt_stop = true;
        pthread_cond_broadcast(&p->ckpt_cv);
        pthread_mutex_unlock(&p->mu);
        pthread_join(p->ckpt_thread, NULL);
        struct err e = ERR_INIT;
        p->ckpt_db->ops->checkpoint(p->ckpt_db, &e);
        err_clear(&e);
    }
    db_close(p->ckpt_db);
    for (int i = 0; i < p->size; i++)
        db_close(p->all[i]);
    free(p->all);
    free(p->free_list);
    pthread_cond_destroy(&p->cv);
    pthread_cond_destroy(&p->ckpt_cv);
    pthread_mutex_destroy(&p->mu);
    pthread_mutex_destroy(&p->write_lock);
    free(p);
}

struct db *db_pool_acquire(struct db_pool *p)
{
    pthread_mutex_lock(&p->mu);
    while (p->nfree == 0)
        pthread_cond_wait(&p->cv, &p->mu);
    struct db *db = p->free_list[--p->nfree];
    pthread_mutex_unlock(&p->mu);
    return db;
}

void db_pool_release(struct db_pool *p, struct db *db)
{
    if (!db)
        return;
    if (db->depth > 0) {
        log_msg(LOG_ERROR, "db.leaked_transaction",
                "a transaction was left open; rolled back");
        while (db->depth > 0)
            db_tx_rollback(db);
    }
    if (db->reading)
        db_read_end(db);
    pthread_mutex_lock(&p->mu);
    p->free_list[p->nfree++] = db;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

int db_pool_size(const struct db_pool *p)
{
    return p->size;
}
