/*
 * backend: what a store backend implements (private to src/store/).
 *
 * db.c holds everything that is the same for every backend (nested
 * transactions, the writer mutex, migrations bookkeeping, the pool) and
 * calls a backend through `struct db_ops`. A backend's connection and
 * statement structs start with `struct db` / `struct db_stmt` so that the
 * generic code can reach the common part.
 */
#ifndef AGENTD_STORE_BACKEND_H
#define AGENTD_STORE_BACKEND_H

#include <pthread.h>

#include "store/db.h"

struct db_migration {
    int version;
    const char *name;
    const char *sql; /* several statements, run in one transaction */
    /* Optional, run after `sql` in the same transaction: a change that SQL
     * text alone cannot say (one that reads the schema it changes). */
    int (*run)(struct db *db, struct err *err);
    /* Optional statements run on the connection before the transaction
     * begins and after it ends (committed or not): settings that cannot
     * change inside a transaction, such as SQLite's foreign_keys. */
    const char *before, *after;
};

struct db_ops {
    enum db_backend backend;
    const struct db_migration *migrations;
    void (*close)(struct db *db);
    struct db_stmt *(*prepare)(struct db *db, const char *sql,
                               struct err *err);
    void (*bind_int)(struct db_stmt *st, int idx, int64_t v);
    void (*bind_double)(struct db_stmt *st, int idx, double v);
    void (*bind_textn)(struct db_stmt *st, int idx, const char *s, size_t n);
    void (*bind_blob)(struct db_stmt *st, int idx, const void *p, size_t n);
    void (*bind_null)(struct db_stmt *st, int idx);
    int (*step)(struct db_stmt *st, struct err *err);
    void (*reset)(struct db_stmt *st);
    bool (*readonly)(struct db_stmt *st);
    int (*column_count)(struct db_stmt *st);
    bool (*col_is_null)(struct db_stmt *st, int col);
    bool (*col_is_int)(struct db_stmt *st, int col);
    int64_t (*col_int)(struct db_stmt *st, int col);
    double (*col_double)(struct db_stmt *st, int col);
    const char *(*col_text)(struct db_stmt *st, int col);
    const void *(*col_blob)(struct db_stmt *st, int col, size_t *n);
    int64_t (*changes)(struct db *db);
    /* Rows changed on this connection since it opened (triggers
     * included); NULL when the backend cannot tell (no deferred
     * savepoints then). */
    int64_t (*total_changes)(struct db *db);
    int64_t (*last_id)(struct db *db);
    /* Backends with a write-ahead log (NULL for others). log_watch turns
     * the connection's own checkpoints off and calls fn(arg) after each of
     * its commits that added to the log, on the committing thread (keep
     * it short); checkpoint copies the log into the database without
     * blocking writers. */
    void (*log_watch)(struct db *db, void (*fn)(void *arg), void *arg);
    int (*checkpoint)(struct db *db, struct err *err);
    /* Runs SQL text with no parameters (may hold several statements). */
    int (*exec)(struct db *db, const char *sql, struct err *err);
    /* SQL for the outermost write transaction ("BEGIN IMMEDIATE"). */
    const char *begin_write_sql;
    const char *begin_read_sql;
    const char *claim_sql;
};

#define DB_TX_MARKS 32

struct db {
    const struct db_ops *ops;
    pthread_mutex_t *write_lock; /* shared by a pool; may be NULL */
    bool locked;                 /* this connection holds write_lock */
    int depth;                   /* transaction nesting */
    bool reading;                /* inside db_read_begin */
    /* Deferred savepoints (db_tx_defer). marks[d] belongs to the level
     * opened at depth d + 1: the connection's total_changes when it
     * opened, or -1 for a real savepoint (or the outermost level). */
    bool defer;
    bool spoiled;
    int64_t marks[DB_TX_MARKS];
};

struct db_stmt {
    struct db *db;
    bool busy;       /* handed out by prepare and not yet reset */
    bool stepped;    /* stepped since the last reset */
    bool holds_lock; /* an autocommit write that took the writer mutex */
};

/* Backend constructors. */
int db_sqlite_open(const char *path, struct db **out, struct err *err);

extern const struct db_migration db_sqlite_migrations[];

#endif
