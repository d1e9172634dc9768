/*
 * qb: builds one SQL statement from fixed fragments and bound values.
 *
 * Fragments come from string constants in the code (column names from
 * field tables, operators); every value that came from input goes through
 * qb_int/qb_text/qb_double, which append a numbered placeholder (?1, ?2 ...)
 * and remember the value for qb_bind(). Nothing from input is ever pasted
 * into SQL text.
 *
 * A struct qb lives in the caller's storage; qb_fini() frees it.
 */
#ifndef AGENTD_STORE_QB_H
#define AGENTD_STORE_QB_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "store/db.h"

#define QB_MAX_PARAMS 128
#define QB_MAX_SQL 16384

enum qb_kind { QB_INT, QB_DOUBLE, QB_TEXT, QB_NULL };

struct qb_val {
    enum qb_kind kind;
    int64_t i;
    double d;
    char *s; /* owned */
};

struct qb {
    struct buf sql;
    struct qb_val vals[QB_MAX_PARAMS];
    int n;
    bool overflow; /* too many parameters or too much SQL */
};

void qb_init(struct qb *q);
void qb_fini(struct qb *q);
/* Appends a fixed fragment. */
void qb_sql(struct qb *q, const char *fragment);
/* Append a placeholder bound to the value. */
void qb_int(struct qb *q, int64_t v);
void qb_double(struct qb *q, double v);
void qb_text(struct qb *q, const char *s);
void qb_textn(struct qb *q, const char *s, size_t n);
void qb_null(struct qb *q);
/* Reuses parameter `idx` (from qb_last()) without a new value. */
void qb_ref(struct qb *q, int idx);
int qb_last(const struct qb *q);

/* Prepares the statement and binds every value. NULL with err on failure
 * (including an overflowing query: -E_BAD_REQUEST "query too complex"). */
struct db_stmt *qb_prepare(struct qb *q, struct db *db, struct err *err);

/*
 * Statements that write k rows at once (k = 1 .. QB_ROWS_MAX), for steps
 * that write a row per contact: the rows of one statement share its
 * set-up, and the connection keeps each k's text prepared. The text is
 * `head` followed by k copies of `row` joined by ", "; in `row`, "$j"
 * (j = 1 .. 9) is the row's j-th value, numbered ?(shared + per_row * r
 * + j) for row r, and "?n" (n <= shared) a value every row shares. Each
 * text is written once, by the first caller that needs it; a struct
 * qb_rows is a static constant of its caller with sql[] zero.
 */
#define QB_ROWS_MAX 16

struct qb_rows {
    const char *head, *row;
    int shared, per_row;
    char *sql[QB_ROWS_MAX]; /* filled in by qb_rows_sql */
};

/* The text for k rows (1 <= k <= QB_ROWS_MAX), kept for the process. */
const char *qb_rows_sql(struct qb_rows *r, size_t k);
/* The prepared statement for the next of `left` rows to write: *k =
 * min(left, QB_ROWS_MAX) of them. NULL with err on failure. */
struct db_stmt *qb_rows_prepare(struct qb_rows *r, struct db *db,
                                size_t left, size_t *k, struct err *err);
/* The parameter number of the j-th value (1-based) of row `row`. */
int qb_rows_param(const struct qb_rows *r, size_t row, int j);

#endif
