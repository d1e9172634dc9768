/*
 * db: the one store interface every module uses.
 *
 * A `struct db` is one connection. It is not thread-safe: a thread borrows
 * one from a `struct db_pool` for the length of a request or a job and
 * gives it back. Statements are prepared once per connection and cached by
 * their SQL text, so callers simply call db_prepare() with a constant string
 * each time.
 *
 * SQL is written once for every backend: numbered placeholders ?1, ?2 ...
 * (a PostgreSQL backend rewrites them to $1, $2), RETURNING, INSERT ... ON
 * CONFLICT upserts, and claims through db_claim_sql(). Values are always
 * bound, never pasted into SQL text; the only SQL built at run time is made
 * of fixed fragments chosen from tables in the code (column names, operators),
 * never from input.
 *
 * Transactions nest: db_tx_begin() opens a write transaction at depth 0 and a
 * savepoint inside one; db_tx_commit()/db_tx_rollback() close the innermost.
 * A function that writes several rows opens its own transaction, so that a
 * failure writes nothing half-way, and composes with a caller's transaction.
 *
 * Times are INTEGER milliseconds since the epoch (core/clock.h); booleans
 * are 0/1 integers; JSON documents are TEXT.
 *
 * Every backend provides the SQL function agentd_contains(text, needle):
 * 1 when text holds needle, ASCII letters in either case (the `contains`
 * of plans, as plan/cond.c evaluates it in memory), NULL when text is
 * NULL. A search and a condition on the same field thus always agree.
 * And agentd_num(value): the value as a number when it is one or text
 * that reads as one ("42"), NULL otherwise ("A"), so that a custom
 * field's text is never ordered against a number as SQL orders types.
 * And agentd_key(kind, value): str_value_key() of value (kind an enum
 * str_key_kind: "US" and "United States" are one country, "NYC" and "New
 * York" one city), NULL for NULL.
 *
 * Backends: SQLite (store/sqlite.c) now. The interface carries no SQLite
 * types so that store/pg.c can implement it without any caller changing.
 */
#ifndef AGENTD_STORE_DB_H
#define AGENTD_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;
struct db_stmt;
struct db_pool;

enum db_backend { DB_SQLITE, DB_POSTGRES };

/* Results of db_step(). Errors are negative. */
#define DB_DONE 0
#define DB_ROW 1

/*
 * Opens a connection. `url` is a file path or "sqlite:PATH" for SQLite
 * (":memory:" works for tests), or "postgres://..." once that backend
 * exists. The first connection to a new SQLite file switches it to WAL.
 * Connections from one pool share a writer mutex, so that writers within a
 * process queue on it instead of polling the database lock.
 */
int db_open(const char *url, struct db **out, struct err *err);
/* Finalises cached statements and closes. Accepts NULL. */
void db_close(struct db *db);
enum db_backend db_backend(const struct db *db);

/* Applies the backend's versioned migrations that are not yet applied, each
 * in its own transaction. Returns the number applied or a negative error. */
int db_migrate(struct db *db, struct err *err);
/* The same, stopping after version `upto` (tests build old databases). */
int db_migrate_upto(struct db *db, int upto, struct err *err);
/* The highest applied migration version, or 0. */
int db_schema_version(struct db *db, struct err *err);

/* Returns a cached prepared statement for sql, or NULL with err set. The
 * statement is the caller's until db_reset(), which every prepare must be
 * paired with; preparing the same SQL again meanwhile gives a second,
 * independent statement. */
struct db_stmt *db_prepare(struct db *db, const char *sql, struct err *err);

/* Bindings are copied; idx counts from 1 as in ?1. */
void db_bind_int(struct db_stmt *st, int idx, int64_t v);
void db_bind_double(struct db_stmt *st, int idx, double v);
/* NULL binds SQL NULL. */
void db_bind_text(struct db_stmt *st, int idx, const char *s);
void db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t n);
void db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n);
void db_bind_null(struct db_stmt *st, int idx);
/* Binds an int64, or NULL when has is false. */
void db_bind_opt_int(struct db_stmt *st, int idx, bool has, int64_t v);

/* Advances: DB_ROW, DB_DONE, or a negative error (a unique-constraint
 * violation is -E_CONFLICT, a busy database -E_UNAVAILABLE). */
int db_step(struct db_stmt *st, struct err *err);
/* Resets the statement and clears its bindings; always call after use. */
void db_reset(struct db_stmt *st);

int db_column_count(struct db_stmt *st);
bool db_col_is_null(struct db_stmt *st, int col);
int64_t db_col_int(struct db_stmt *st, int col);
double db_col_double(struct db_stmt *st, int col);
/* Borrowed until the next step or reset; NULL for SQL NULL. */
const char *db_col_text(struct db_stmt *st, int col);
const void *db_col_blob(struct db_stmt *st, int col, size_t *n);
/* True if the column holds an integer (not a real or text). */
bool db_col_is_int(struct db_stmt *st, int col);

/* The id of the row the last successful INSERT on this connection added
 * (PostgreSQL: lastval()). Cheaper than RETURNING id, which makes SQLite
 * buffer the returned rows in a temporary table; for hot paths. */
int64_t db_last_id(struct db *db);
/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t db_changes(struct db *db);

/* Runs a query with one integer parameter (?1) and gives the first column
 * of its first row in *out, 0 when there is no row. 0 or a negative
 * error. */
int db_query_int(struct db *db, const char *sql, int64_t p1, int64_t *out,
                 struct err *err);

/* A number that changes whenever another connection (of this process or
 * another) has committed since this one last asked: SQLite's
 * data_version. Watchers ask it often on a connection of their own. */
int db_data_version(struct db *db, int64_t *out, struct err *err);

/* Runs a statement that returns no rows, with no parameters (DDL, pragmas).
 * Not for anything that carries input. */
int db_exec(struct db *db, const char *sql, struct err *err);

/* Nested write transactions; see the file comment. */
int db_tx_begin(struct db *db, struct err *err);
int db_tx_commit(struct db *db, struct err *err);
/* Never fails from the caller's point of view; problems are logged. */
void db_tx_rollback(struct db *db);
/* Closes the innermost transaction by the outcome of the work done in it:
 * commits when rc >= 0 (rolling back if the commit fails), rolls back
 * when rc < 0. Returns 0, or the negative error (rc's or the commit's). */
int db_tx_end(struct db *db, int rc, struct err *err);
int db_tx_depth(const struct db *db);

/*
 * Deferred savepoints, for a caller that can do its work again. SQLite
 * copies each page a savepoint's work first changes into a journal of its
 * own, in every savepoint again: for a worker's batch of runs, a savepoint
 * per run and per step, that was ~15% of a run's instructions. With
 * db_tx_defer(db, true), a nested db_tx_begin() opens no savepoint and its
 * commit simply closes it. Its rollback undoes nothing: when nothing was
 * written since it opened, none is needed; otherwise the transaction is
 * spoiled — db_tx_spoiled() says so, db_tx_commit() of the outermost level
 * refuses (E_INTERNAL), and the caller rolls the whole transaction back
 * and does the work again with deferral off. Levels opened while it is off
 * (and beyond 31 levels deep) are real savepoints. A rollback of the
 * outermost level clears the spoiled mark.
 */
void db_tx_defer(struct db *db, bool on);
bool db_tx_spoiled(const struct db *db);

/* A read snapshot for several queries that must agree with each other. */
int db_read_begin(struct db *db, struct err *err);
void db_read_end(struct db *db);

/* The SQL fragment that locks claimed rows where the backend supports it
 * (PostgreSQL: "FOR UPDATE SKIP LOCKED"); "" for SQLite, whose write
 * transaction already excludes other claimers. */
const char *db_claim_sql(const struct db *db);

/* ---- pool ---------------------------------------------------------- */

/* Opens `size` connections to url. Thread-safe afterwards. */
int db_pool_new(const char *url, int size, struct db_pool **out,
                struct err *err);
void db_pool_free(struct db_pool *pool);
/* Borrows a connection, waiting for one to be free. Never NULL. */
struct db *db_pool_acquire(struct db_pool *pool);
/* Gives it back; rolls back any transaction left open (and logs it). */
void db_pool_release(struct db_pool *pool, struct db *db);
int db_pool_size(const struct db_pool *pool);

#endif
