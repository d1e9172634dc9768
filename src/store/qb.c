/* qb: SQL from fixed fragments plus bound values; see qb.h. */
#include "store/qb.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void qb_init(struct qb *q)
{
    buf_init(&q->sql, QB_MAX_SQL);
    q->n = 0;
    q->overflow = false;
}

void qb_fini(struct qb *q)
{
    for (int i = 0; i < q->n; i++)
        free(q->vals[i].s);
    q->n = 0;
    buf_fini(&q->sql);
}

void qb_sql(struct qb *q, const char *fragment)
{
    if (buf_puts(&q->sql, fragment) < 0)
        q->overflow = true;
}

static struct qb_val *next(struct qb *q)
{
    if (q->n >= QB_MAX_PARAMS) {
        q->overflow = true;
        return NULL;
    }
    struct qb_val *v = &q->vals[q->n++];
    memset(v, 0, sizeof *v);
    if (buf_printf(&q->sql, "?%d", q->n) < 0)
        q->overflow = true;
    return v;
}

void qb_int(struct qb *q, int64_t i)
{
    struct qb_val *v = next(q);
    if (v) {
        v->kind = QB_INT;
        v->i = i;
    }
}

void qb_double(struct qb *q, double d)
{
    struct qb_val *v = next(q);
    if (v) {
        v->kind = QB_DOUBLE;
        v->d = d;
    }
}

void qb_text(struct qb *q, const char *s)
{
    if (!s) {
        qb_null(q);
        return;
    }
    qb_textn(q, s, strlen(s));
}

void qb_textn(struct qb *q, const char *s, size_t n)
{
    struct qb_val *v = next(q);
    if (v) {
        v->kind = QB_TEXT;
        v->s = xstrndup(s, n);
    }
}

void qb_null(struct qb *q)
{
    struct qb_val *v = next(q);
    if (v)
        v->kind = QB_NULL;
}

void qb_ref(struct qb *q, int idx)
{
    if (buf_printf(&q->sql, "?%d", idx) < 0)
        q->overflow = true;
}

int qb_last(const struct qb *q)
{
    return q->n;
}

struct db_stmt *qb_prepare(struct qb *q, struct db *db, struct err *err)
{
    if (q->overflow) {
        err_set(err, E_BAD_REQUEST,
                "The query is too complex; use fewer filters");
        return NULL;
    }
    struct db_stmt *st = db_prepare(db, buf_cstr(&q->sql), err);
    if (!st)
        return NULL;
    for (int i = 0; i < q->n; i++) {
        struct qb_val *v = &q->vals[i];
        switch (v->kind) {
        case QB_INT: db_bind_int(st, i + 1, v->i); break;
        case QB_DOUBLE: db_bind_double(st, i + 1, v->d); break;
        case QB_TEXT: db_bind_text(st, i + 1, v->s); break;
        case QB_NULL: db_bind_null(st, i + 1); break;
        }
    }
    return st;
}

static pthread_mutex_t rows_mu = PTHREAD_MUTEX_INITIALIZER;

int qb_rows_param(const struct qb_rows *r, size_t row, int j)
{
    return r->shared + r->per_row * (int)row + j;
}

const char *qb_rows_sql(struct qb_rows *r, size_t k)
{
    /* Written once, then only read: the lock is taken to write it. */
    const char *sql = __atomic_load_n(&r->sql[k - 1], __ATOMIC_ACQUIRE);
    if (sql)
        return sql;
    pthread_mutex_lock(&rows_mu);
    if (!r->sql[k - 1]) {
        struct buf b;
        buf_init(&b, 1 << 16);
        buf_puts(&b, r->head);
        for (size_t i = 0; i < k; i++) {
            if (i)
                buf_puts(&b, ", ");
            for (const char *p = r->row; *p; p++) {
                if (p[0] == '$' && p[1] >= '1' && p[1] <= '9') {
                    buf_printf(&b, "?%d", qb_rows_param(r, i, p[1] - '0'));
                    p++;
                } else {
                    buf_putc(&b, *p);
                }
            }
        }
        __atomic_store_n(&r->sql[k - 1], xstrdup(buf_cstr(&b)),
                         __ATOMIC_RELEASE);
        buf_fini(&b);
    }
    sql = r->sql[k - 1];
    pthread_mutex_unlock(&rows_mu);
    return sql;
}

struct db_stmt *qb_rows_prepare(struct qb_rows *r, struct db *db,
                                size_t left, size_t *k, struct err *err)
{
    *k = left < QB_ROWS_MAX ? left : QB_ROWS_MAX;
    return db_prepare(db, qb_rows_sql(r, *k), err);
}
