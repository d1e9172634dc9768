/*
 * testutil: shared helpers for the cmocka unit tests.
 *
 * cmocka needs <stdarg.h>, <stddef.h>, <stdint.h> and <setjmp.h> first.
 */
#ifndef AGENTD_TESTUTIL_H
#define AGENTD_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/crypto.h"
#include "store/db.h"

/* A migrated in-memory database (one connection). */
static inline struct db *test_db(void)
{
    struct db *db = NULL;
    struct err e = ERR_INIT;
    if (db_open(":memory:", &db, &e) != 0 || db_migrate(db, &e) < 0) {
        fprintf(stderr, "test_db: %s\n", e.msg);
        abort();
    }
    return db;
}

/* A fixed key for tests. */
static inline struct cry_key test_key(void)
{
    struct cry_key k;
    for (size_t i = 0; i < sizeof k.k; i++)
        k.k[i] = (unsigned char)i;
    return k;
}

/* Runs SQL that must succeed. */
static inline void test_exec(struct db *db, const char *sql)
{
    struct err e = ERR_INIT;
    if (db_exec(db, sql, &e) != 0) {
        fprintf(stderr, "test_exec: %s: %s\n", sql, e.msg);
        abort();
    }
}

/* SELECT returning one integer. */
static inline int64_t test_int(struct db *db, const char *sql)
{
    struct err e = ERR_INIT;
    struct db_stmt *st = db_prepare(db, sql, &e);
    if (!st || db_step(st, &e) != DB_ROW) {
        fprintf(stderr, "test_int: %s: %s\n", sql, e.msg);
        abort();
    }
    int64_t v = db_col_int(st, 0);
    db_reset(st);
    return v;
}

#endif
