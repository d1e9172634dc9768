/* Unit tests: the store interface (SQLite backend), transactions, pool,
 * statement cache, query builder, migrations. */
#include "testutil.h"

#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/qb.h"

static void migrate_is_idempotent(void **state)
{
    (void)state;
    struct db *db = NULL;
    struct err e = ERR_INIT;
    assert_int_equal(db_open(":memory:", &db, &e), 0);
    int n = db_migrate(db, &e);
    assert_true(n >= 1);
    assert_int_equal(db_migrate(db, &e), 0);
    assert_int_equal(db_schema_version(db, &e), n);
    db_close(db);
}

static void nested_transactions_roll_back_inner_only(void **state)
{
    (void)state;
    struct db *db = test_db();
    struct err e = ERR_INIT;
    test_exec(db, "CREATE TABLE t (v INTEGER)");
    assert_int_equal(db_tx_begin(db, &e), 0);
    test_exec(db, "INSERT INTO t VALUES (1)");
    assert_int_equal(db_tx_begin(db, &e), 0);
    assert_int_equal(db_tx_depth(db), 2);
    test_exec(db, "INSERT INTO t VALUES (2)");
    db_tx_rollback(db);
    assert_int_equal(db_tx_depth(db), 1);
    assert_int_equal(db_tx_begin(db, &e), 0);
    test_exec(db, "INSERT INTO t VALUES (3)");
    assert_int_equal(db_tx_commit(db, &e), 0);
    assert_int_equal(db_tx_commit(db, &e), 0);
    assert_int_equal(db_tx_depth(db), 0);
    assert_int_equal(test_int(db, "SELECT SUM(v) FROM t"), 4);
    assert_int_equal(db_tx_commit(db, &e), -E_INTERNAL);
    db_close(db);
}

/* Deferred savepoints: closing a level that wrote nothing is free; a
 * rollback of one that wrote spoils the transaction, which then refuses to
 * commit, and rolling it back clears the mark. */
static void deferred_savepoints_spoil_only_when_they_must(void **state)
{
    (void)state;
    struct db *db = test_db();
    struct err e = ERR_INIT;
    test_exec(db, "CREATE TABLE t (v INTEGER)");
    assert_int_equal(db_tx_begin(db, &e), 0);
    db_tx_defer(db, true);
    test_exec(db, "INSERT INTO t VALUES (1)");
    /* Written and committed at its level: kept. */
    assert_int_equal(db_tx_begin(db, &e), 0);
    test_exec(db, "INSERT INTO t VALUES (2)");
    assert_int_equal(db_tx_commit(db, &e), 0);
    /* Read only, then rolled back: nothing to undo. */
    assert_int_equal(db_tx_begin(db, &e), 0);
    assert_int_equal(test_int(db, "SELECT COUNT(*) FROM t"), 2);
    assert_int_equal(db_tx_begin(db, &e), 0);
    assert_int_equal(db_tx_depth(db), 3);
    db_tx_rollback(db);
    db_tx_rollback(db);
    assert_false(db_tx_spoiled(db));
    /* A statement that changes no row is no write either. */
    assert_int_equal(db_tx_begin(db, &e), 0);
    test_exec(db, "UPDATE t SET v = 9 WHERE v = 100");
    db_tx_rollback(db);
    assert_false(db_tx_spoiled(db));
    assert_int_equal(db_tx_commit(db, &e), 0);
    assert_int_equal(test_int(db, "SELECT SUM(v) FROM t"), 3);

    /* A level that wrote, inside one that did not, is rolled back: the
     * whole transaction is spoiled and cannot commit. */
    assert_int_equal(db_tx_begin(db, &e), 0);
    test_exec(db, "INSERT INTO t VALUES (10)");
    assert_int_equal(db_tx_begin(db, &e), 0);
    assert_int_equal(db_tx_begin(db, &e), 0);
    test_exec(db, "INSERT INTO t VALUES (20)");
    db_tx_rollback(db);
    assert_true(db_tx_spoiled(db));
    assert_int_equal(db_tx_commit(db, &e), 0); /* its parent closes */
    assert_int_equal(db_tx_commit(db, &e), -E_INTERNAL);
    assert_non_null(strstr(e.msg, "roll it back"));
    err_clear(&e);
    assert_int_equal(db_tx_depth(db), 1);
    db_tx_rollback(db);
    assert_false(db_tx_spoiled(db));
    assert_int_equal(test_int(db, "SELECT SUM(v) FROM t"), 3);

    /* With deferral off, levels are savepoints again and undo alone. */
    db_tx_defer(db, false);
    assert_int_equal(db_tx_begin(db, &e), 0);
    test_exec(db, "INSERT INTO t VALUES (100)");
    assert_int_equal(db_tx_begin(db, &e), 0);
    test_exec(db, "INSERT INTO t VALUES (200)");
    db_tx_rollback(db);
    assert_false(db_tx_spoiled(db));
    assert_int_equal(db_tx_commit(db, &e), 0);
    assert_int_equal(test_int(db, "SELECT SUM(v) FROM t"), 103);
    db_close(db);
}

static void statements_are_cached_and_reentrant(void **state)
{
    (void)state;
    struct db *db = test_db();
    struct err e = ERR_INIT;
    test_exec(db, "CREATE TABLE t (v INTEGER)");
    test_exec(db, "INSERT INTO t VALUES (1), (2), (3)");
    const char *sql = "SELECT v FROM t ORDER BY v";
    struct db_stmt *outer = db_prepare(db, sql, &e);
    assert_non_null(outer);
    int sum = 0;
    struct db_stmt *inner = NULL;
    while (db_step(outer, &e) == DB_ROW) {
        /* The same SQL while the outer statement is in use gives an
         * independent statement (the same one each time round). */
        struct db_stmt *st = db_prepare(db, sql, &e);
        assert_non_null(st);
        assert_ptr_not_equal(st, outer);
        assert_true(inner == NULL || st == inner);
        inner = st;
        while (db_step(inner, &e) == DB_ROW)
            sum += (int)db_col_int(inner, 0);
        db_reset(inner);
    }
    db_reset(outer);
    assert_int_equal(sum, 18);
    /* Once reset, a cached statement is handed out again: no third copy. */
    struct db_stmt *again = db_prepare(db, sql, &e);
    assert_true(again == outer || again == inner);
    db_reset(again);
    /* Many distinct statements from one buffer (one address, other text
     * each time) do not exhaust the cache, and each runs its own SQL. */
    char buf[64];
    for (int i = 0; i < 2000; i++) {
        snprintf(buf, sizeof buf, "SELECT %d", i % 700);
        struct db_stmt *st = db_prepare(db, buf, &e);
        assert_non_null(st);
        assert_int_equal(db_step(st, &e), DB_ROW);
        assert_int_equal(db_col_int(st, 0), i % 700);
        db_reset(st);
    }
    /* Two texts taking turns at one address. */
    for (int i = 0; i < 10; i++) {
        snprintf(buf, sizeof buf, "SELECT %d", 40 + i % 2);
        struct db_stmt *st = db_prepare(db, buf, &e);
        assert_int_equal(db_step(st, &e), DB_ROW);
        assert_int_equal(db_col_int(st, 0), 40 + i % 2);
        db_reset(st);
    }
    db_close(db);
}

static void errors_map_to_codes(void **state)
{
    (void)state;
    struct db *db = test_db();
    struct err e = ERR_INIT;
    test_exec(db, "CREATE TABLE u (k TEXT UNIQUE)");
    struct db_stmt *st = db_prepare(db, "INSERT INTO u VALUES (?1)", &e);
    db_bind_text(st, 1, "a");
    assert_int_equal(db_step(st, &e), DB_DONE);
    db_reset(st);
    st = db_prepare(db, "INSERT INTO u VALUES (?1)", &e);
    db_bind_text(st, 1, "a");
    assert_int_equal(db_step(st, &e), -E_CONFLICT);
    db_reset(st);
    assert_null(db_prepare(db, "SELEC nonsense", &e));
    assert_int_equal(e.code, E_INTERNAL);
    err_clear(&e);
    db_close(db);
}

static void qb_numbers_placeholders(void **state)
{
    (void)state;
    struct db *db = test_db();
    struct err e = ERR_INIT;
    struct qb q;
    qb_init(&q);
    qb_sql(&q, "SELECT ");
    qb_int(&q, 40);
    qb_sql(&q, " + ");
    qb_ref(&q, 1);
    qb_sql(&q, ", ");
    qb_text(&q, "x'; DROP TABLE users; --");
    assert_string_equal(buf_cstr(&q.sql), "SELECT ?1 + ?1, ?2");
    struct db_stmt *st = qb_prepare(&q, db, &e);
    assert_non_null(st);
    assert_int_equal(db_step(st, &e), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 80);
    assert_string_equal(db_col_text(st, 1), "x'; DROP TABLE users; --");
    db_reset(st);
    qb_fini(&q);
    /* Too many parameters is an error, not an overflow. */
    qb_init(&q);
    qb_sql(&q, "SELECT 1");
    for (int i = 0; i < QB_MAX_PARAMS + 1; i++) {
        qb_sql(&q, "+");
        qb_int(&q, 1);
    }
    assert_null(qb_prepare(&q, db, &e));
    assert_int_equal(e.code, E_BAD_REQUEST);
    qb_fini(&q);
    db_close(db);
}

/* The query plan SQLite chooses for sql (its "detail" lines, joined). */
static void query_plan(struct db *db, const char *sql, char *out, size_t n)
{
    struct err e = ERR_INIT;
    char q[1024];
    snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", sql);
    struct db_stmt *st = db_prepare(db, q, &e);
    assert_non_null(st);
    out[0] = '\0';
    while (db_step(st, &e) == DB_ROW) {
        size_t len = strlen(out);
        snprintf(out + len, n - len, "%s; ", db_col_text(st, 3));
    }
    db_reset(st);
}

/* Migration 11: a search on the usual fields, in the shape search.c
 * writes, reads only the search index, in id order (no sort); one on a
 * field it does not carry still uses it, then reads the row. */
static void searches_read_the_search_indexes(void **state)
{
    (void)state;
    struct db *db = test_db();
    char plan[1024];
    query_plan(db,
               "SELECT c.id FROM contacts c WHERE c.workspace_id = ?1 AND "
               "(((agentd_contains(c.title, ?2))) AND ((c.replied = ?3)) AND "
               "NOT (COALESCE((c.created_at >= ?4), 0))) ORDER BY c.id "
               "LIMIT 11",
               plan, sizeof plan);
    assert_string_equal(plan, "SEARCH c USING COVERING INDEX "
                              "contacts_ws_search (workspace_id=?); ");
    query_plan(db,
               "SELECT d.id FROM deals d WHERE d.workspace_id = ?1 AND "
               "((d.value > ?2)) ORDER BY d.id LIMIT 11",
               plan, sizeof plan);
    assert_string_equal(plan, "SEARCH d USING COVERING INDEX "
                              "deals_ws_search (workspace_id=?); ");
    query_plan(db,
               "SELECT c.id FROM contacts c WHERE c.workspace_id = ?1 AND "
               "((agentd_contains(c.last_name, ?2))) ORDER BY c.id LIMIT 11",
               plan, sizeof plan);
    assert_string_equal(plan, "SEARCH c USING INDEX contacts_ws_search "
                              "(workspace_id=?); ");
    db_close(db);
}

/* qb_rows: k rows numbered after the shared values, each text kept. */
static void qb_rows_number_each_row(void **state)
{
    (void)state;
    static struct qb_rows r = {.head = "VALUES ",
                               .row = "(?1, $1, $2)",
                               .shared = 1,
                               .per_row = 2};
    assert_string_equal(qb_rows_sql(&r, 1), "VALUES (?1, ?2, ?3)");
    const char *three = qb_rows_sql(&r, 3);
    assert_string_equal(three,
                        "VALUES (?1, ?2, ?3), (?1, ?4, ?5), (?1, ?6, ?7)");
    assert_ptr_equal(qb_rows_sql(&r, 3), three);
    assert_int_equal(qb_rows_param(&r, 2, 1), 6);
    assert_int_equal(qb_rows_param(&r, 2, 2), 7);
    struct db *db = test_db();
    struct err e = ERR_INIT;
    struct db_stmt *st = db_prepare(db, three, &e);
    assert_non_null(st);
    db_bind_int(st, 1, 100);
    for (size_t i = 0; i < 3; i++) {
        db_bind_int(st, qb_rows_param(&r, i, 1), (int64_t)i);
        db_bind_int(st, qb_rows_param(&r, i, 2), (int64_t)(10 * i));
    }
    for (int i = 0; i < 3; i++) {
        assert_int_equal(db_step(st, &e), DB_ROW);
        assert_int_equal(db_col_int(st, 0), 100);
        assert_int_equal(db_col_int(st, 1), i);
        assert_int_equal(db_col_int(st, 2), 10 * i);
    }
    assert_int_equal(db_step(st, &e), DB_DONE);
    db_reset(st);
    /* Rows beyond QB_ROWS_MAX go to the next statement. */
    size_t k = 0;
    st = qb_rows_prepare(&r, db, QB_ROWS_MAX + 4, &k, &e);
    assert_non_null(st);
    assert_int_equal(k, QB_ROWS_MAX);
    db_reset(st);
    st = qb_rows_prepare(&r, db, 4, &k, &e);
    assert_non_null(st);
    assert_int_equal(k, 4);
    db_reset(st);
    db_close(db);
}

struct writer {
    struct db_pool *pool;
    int n;
};

static void *write_rows(void *arg)
{
    struct writer *w = arg;
    struct err e = ERR_INIT;
    for (int i = 0; i < w->n; i++) {
        struct db *db = db_pool_acquire(w->pool);
        if (db_tx_begin(db, &e) == 0) {
            struct db_stmt *st =
                db_prepare(db, "INSERT INTO t (v) VALUES (?1)", &e);
            db_bind_int(st, 1, i);
            db_step(st, &e);
            db_reset(st);
            db_tx_commit(db, &e);
        }
        db_pool_release(w->pool, db);
    }
    return NULL;
}

static void pool_serialises_writers(void **state)
{
    (void)state;
    char path[] = "/tmp/agentd-unit-XXXXXX";
    assert_non_null(mkdtemp(path));
    char file[64];
    snprintf(file, sizeof file, "%s/p.db", path);
    struct db_pool *pool = NULL;
    struct err e = ERR_INIT;
    assert_int_equal(db_pool_new(file, 4, &pool, &e), 0);
    struct db *db = db_pool_acquire(pool);
    test_exec(db, "CREATE TABLE t (v INTEGER)");
    db_pool_release(pool, db);
    pthread_t th[4];
    struct writer w = {pool, 250};
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, write_rows, &w);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    db = db_pool_acquire(pool);
    assert_int_equal(test_int(db, "SELECT COUNT(*) FROM t"), 1000);
    /* A transaction left open is rolled back on release. */
    assert_int_equal(db_tx_begin(db, &e), 0);
    test_exec(db, "INSERT INTO t VALUES (-1)");
    db_pool_release(pool, db);
    db = db_pool_acquire(pool);
    assert_int_equal(test_int(db, "SELECT COUNT(*) FROM t"), 1000);
    db_pool_release(pool, db);
    db_pool_free(pool);
    unlink(file);
    char wal[80];
    snprintf(wal, sizeof wal, "%s-wal", file);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", file);
    unlink(wal);
    rmdir(path);
}

static off_t file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? sb.st_size : -1;
}

/* A commit through the pool reaches the database file within moments (the
 * background checkpointer), far below the 1000 log pages at which SQLite
 * would copy the log by itself. Until the copy, new pages live only in
 * the -wal file. */
static void pool_checkpoints_soon_after_a_commit(void **state)
{
    (void)state;
    char path[] = "/tmp/agentd-unit-XXXXXX";
    assert_non_null(mkdtemp(path));
    char file[64], wal[80], shm[80];
    snprintf(file, sizeof file, "%s/c.db", path);
    snprintf(wal, sizeof wal, "%s-wal", file);
    snprintf(shm, sizeof shm, "%s-shm", file);
    struct db_pool *pool = NULL;
    struct err e = ERR_INIT;
    assert_int_equal(db_pool_new(file, 2, &pool, &e), 0);
    struct db *db = db_pool_acquire(pool);
    test_exec(db, "CREATE TABLE big (b BLOB)");
    /* ~50 pages of 4 KiB: 5% of SQLite's own threshold. */
    test_exec(db, "INSERT INTO big VALUES (zeroblob(200000))");
    db_pool_release(pool, db);
    off_t size = 0;
    for (int i = 0; i < 300 && size < 200000; i++) {
        usleep(10 * 1000);
        size = file_size(file);
    }
    assert_true(size >= 200000);
    db_pool_free(pool);
    unlink(file);
    unlink(wal);
    unlink(shm);
    rmdir(path);
}

/* Migration 9 rebuilds the tables whose ids people and other rows hold so
 * that SQLite never gives an id twice. A database made before it keeps
 * every row, index, trigger and foreign-key action, and from then on the
 * id of a deleted newest row is not given again. Migration 10 makes rows
 * without a foreign key go with their workspace. */
static void upgrade_keeps_rows_and_stops_reusing_ids(void **state)
{
    (void)state;
    struct db *db = NULL;
    struct err e = ERR_INIT;
    assert_int_equal(db_open(":memory:", &db, &e), 0);
    assert_int_equal(db_migrate_upto(db, 8, &e), 8);
    assert_int_equal(db_schema_version(db, &e), 8);
    test_exec(db,
              "INSERT INTO workspaces (id, name, created_at, updated_at) "
              "VALUES (1, 'w', 0, 0);"
              "INSERT INTO contacts (id, workspace_id, created_at, "
              "updated_at) VALUES (1, 1, 0, 0), (2, 1, 0, 0), (3, 1, 0, 0);"
              "INSERT INTO deals (id, workspace_id, name, contact_id, "
              "created_at, updated_at) VALUES (1, 1, 'd', 3, 0, 0);"
              "INSERT INTO tags (id, workspace_id, name, created_at, "
              "updated_at) VALUES (1, 1, 'vip', 0, 0);"
              "INSERT INTO contact_tags VALUES (3, 1, 1);"
              "INSERT INTO plans (id, workspace_id, hash, text, created_at) "
              "VALUES (1, 1, 'h', '{}', 0);"
              "INSERT INTO executions (id, workspace_id, agent_id, "
              "agent_name, trigger_type, status, plan_id, created_at) "
              "VALUES (5, 1, 1, 'a', 'manual', 'completed', 1, 0);"
              "INSERT INTO execution_steps (id, workspace_id, execution_id, "
              "seq, path, type, status, started_at) VALUES "
              "(5 * 1048576 + 1, 1, 5, 1, '1', 'stop', 'success', 0);");
    const char *schema = "SELECT group_concat(name, ',') FROM (SELECT name "
                         "FROM sqlite_master WHERE type IN ('index', "
                         "'trigger') ORDER BY name)";
    struct db_stmt *st = db_prepare(db, schema, &e);
    assert_int_equal(db_step(st, &e), DB_ROW);
    char *before = strdup(db_col_text(st, 0));
    db_reset(st);

    assert_int_equal(db_migrate_upto(db, 9, &e), 1);
    st = db_prepare(db, schema, &e);
    assert_int_equal(db_step(st, &e), DB_ROW);
    assert_string_equal(db_col_text(st, 0), before);
    db_reset(st);
    free(before);
    assert_true(db_migrate(db, &e) >= 1);
    assert_int_equal(test_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE "
                                  "sql LIKE '%AUTOINCREMENT%'"),
                     20);
    assert_int_equal(test_int(db, "SELECT COUNT(*) FROM contacts"), 3);
    assert_int_equal(test_int(db, "SELECT contact_id FROM deals"), 3);

    /* Foreign-key actions and the steps' trigger still act. */
    test_exec(db, "DELETE FROM contacts WHERE id = 3");
    assert_int_equal(test_int(db, "SELECT contact_id IS NULL FROM deals"), 1);
    assert_int_equal(test_int(db, "SELECT COUNT(*) FROM contact_tags"), 0);
    test_exec(db, "DELETE FROM executions WHERE id = 5");
    assert_int_equal(test_int(db, "SELECT COUNT(*) FROM execution_steps"), 0);

    /* The deleted newest ids are not given again. */
    assert_int_equal(test_int(db, "INSERT INTO contacts (workspace_id, "
                                  "created_at, updated_at) VALUES (1, 0, 0) "
                                  "RETURNING id"),
                     4);
    assert_int_equal(test_int(db, "INSERT INTO executions (workspace_id, "
                                  "agent_id, agent_name, trigger_type, "
                                  "status, plan_id, created_at) VALUES (1, "
                                  "1, 'a', 'manual', 'queued', 1, 0) "
                                  "RETURNING id"),
                     6);
    /* Foreign keys are on again. */
    struct db_stmt *bad = db_prepare(
        db,
        "INSERT INTO deals (workspace_id, name, contact_id, created_at, "
        "updated_at) VALUES (1, 'x', 99, 0, 0)",
        &e);
    assert_true(db_step(bad, &e) < 0);
    db_reset(bad);
    err_clear(&e);

    /* A deleted workspace takes its agents' memory, counters and
     * webhook keys, its jobs and its usage counts with it. */
    test_exec(db,
              "INSERT INTO agents (id, workspace_id, name, webhook_secret, "
              "created_at, updated_at) VALUES (7, 1, 'a', 's', 0, 0);"
              "INSERT INTO agent_memory VALUES (7, 'k', 1, '1', 0);"
              "INSERT INTO agent_counters VALUES (7, 'm', 1, 0);"
              "INSERT INTO webhook_keys (agent_id, key, execution_id, "
              "created_at) VALUES (7, 'k', 6, 0);"
              "INSERT INTO jobs (workspace_id, kind, agent_id, run_at, "
              "due_at, created_at) VALUES (1, 'schedule', 7, 0, 0, 0);"
              "INSERT INTO usage VALUES (1, 'email', 1, 1);"
              "DELETE FROM workspaces WHERE id = 1");
    assert_int_equal(
        test_int(db, "SELECT (SELECT COUNT(*) FROM agent_memory) + (SELECT "
                     "COUNT(*) FROM agent_counters) + (SELECT COUNT(*) FROM "
                     "webhook_keys) + (SELECT COUNT(*) FROM jobs) + (SELECT "
                     "COUNT(*) FROM usage) + (SELECT COUNT(*) FROM "
                     "executions)"),
        0);
    db_close(db);
}

static void postgres_is_refused_clearly(void **state)
{
    (void)state;
    struct db *db = NULL;
    struct err e = ERR_INIT;
    assert_int_equal(db_open("postgres://localhost/x", &db, &e),
                     -E_UNAVAILABLE);
    assert_non_null(strstr(e.msg, "PostgreSQL"));
    assert_null(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migrate_is_idempotent),
        cmocka_unit_test(nested_transactions_roll_back_inner_only),
        cmocka_unit_test(deferred_savepoints_spoil_only_when_they_must),
        cmocka_unit_test(statements_are_cached_and_reentrant),
        cmocka_unit_test(errors_map_to_codes),
        cmocka_unit_test(qb_numbers_placeholders),
        cmocka_unit_test(qb_rows_number_each_row),
        cmocka_unit_test(searches_read_the_search_indexes),
        cmocka_unit_test(pool_serialises_writers),
        cmocka_unit_test(pool_checkpoints_soon_after_a_commit),
        cmocka_unit_test(upgrade_keeps_rows_and_stops_reusing_ids),
        cmocka_unit_test(postgres_is_refused_clearly),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
