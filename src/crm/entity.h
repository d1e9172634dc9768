/*
 * entity: one table-driven implementation of create/read/update/delete/list
 * for every CRM resource (contacts, companies, deals, tasks, tags, custom
 * field definitions, email templates, connections, agents, ...).
 *
 * A resource is described by a `struct entity`: its table and a list of
 * fields with their JSON name, column, type and flags. From that one
 * description come the input validation (unknown fields, wrong types,
 * lengths, enums, references within the workspace), the SQL (fixed text,
 * prepared once per connection), the JSON output, filtering, sorting and
 * cursor pagination. What is special about a resource (tags of a contact,
 * events, secrets, status rules) lives in its hooks.
 *
 * Every function is scoped by ctx->ws: a row of another workspace does not
 * exist as far as these functions can tell (E_NOT_FOUND).
 *
 * Writes run in one transaction (nested inside the caller's, if any): a
 * failure writes nothing.
 */
#ifndef AGENTD_CRM_ENTITY_H
#define AGENTD_CRM_ENTITY_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/crypto.h"
#include "core/err.h"
#include "store/db.h"

enum fld_type {
    FT_ID,     /* INTEGER primary key */
    FT_TEXT,   /* TEXT */
    FT_INT,    /* INTEGER */
    FT_NUM,    /* REAL */
    FT_BOOL,   /* INTEGER 0/1 */
    FT_TIME,   /* INTEGER ms; ISO 8601 in JSON */
    FT_ENUM,   /* TEXT, one of values[] (case-insensitive in, canonical out) */
    FT_JSON,   /* TEXT holding a JSON object or array */
    FT_REF,    /* INTEGER id of a row of `ref` in the same workspace */
    FT_USER,   /* INTEGER id of a user who is a member of the workspace */
    FT_TAGS,   /* contacts only: array of tag names (contact_tags) */
    FT_CUSTOM, /* TEXT JSON object validated by custom field definitions */
    FT_SECRET, /* TEXT sealed with the server key; write-only */
};

#define F_REQ 0x01     /* required on create */
#define F_RO 0x02      /* set by the server; rejected in input */
#define F_FILTER 0x04  /* may be used as a list filter */
#define F_SORT 0x08    /* may be used to sort lists */
#define F_NOTNULL 0x10 /* may not be set to null */
#define F_EMAIL 0x20   /* text must be an email address */
#define F_URL 0x40     /* text must be an http(s) URL */
#define F_SEARCH 0x80  /* matched by the free-text q= filter */
#define F_HIDDEN 0x100 /* stored, never shown (handled by hooks) */
#define F_CREATE 0x200 /* may be set on create only */

struct fld {
    const char *name;           /* JSON name, e.g. "firstName" */
    const char *col;            /* column, e.g. "first_name"; NULL: virtual */
    enum fld_type type;
    unsigned flags;
    int max_len;                /* FT_TEXT: bytes; 0 = 1000 */
    const char *const *values;  /* FT_ENUM: NULL-terminated */
    const char *ref;            /* FT_REF: table in the same workspace */
    const char *dflt;           /* default on create, as JSON text */
};

struct crm_ctx;
struct entity;
struct plan_fallback;

/* Called inside the write transaction. `row` is the merged row (old values
 * overlaid with input) that will be written; a hook may check or adjust it.
 * `old` is NULL on create. */
typedef int (*entity_write_hook)(struct crm_ctx *ctx, const struct entity *e,
                                 json_t *row, const json_t *old,
                                 const json_t *input, struct err *err);
/* Called inside the write transaction after the row is written. */
typedef int (*entity_after_hook)(struct crm_ctx *ctx, const struct entity *e,
                                 int64_t id, const json_t *row,
                                 const json_t *old, struct err *err);
/* Adjusts a row before it is returned. It runs on the internal row (hidden
 * and secret columns present, times as integer ms) just before the generic
 * rendering removes hidden fields and formats times. */
typedef void (*entity_render_hook)(struct crm_ctx *ctx,
                                   const struct entity *e, json_t *row);

struct entity {
    const char *name;   /* "contact": used in messages */
    const char *label;  /* "Contact": starts a sentence */
    const char *plural; /* "contacts": URL segment */
    const char *table;
    const struct fld *fields; /* NULL-name terminated */
    const char *custom_entity; /* custom field entity, or NULL */
    bool soft_delete;          /* rows have deleted_at */
    bool has_updated_at;
    entity_write_hook before_write;
    entity_after_hook after_write;
    entity_after_hook before_delete; /* row = current row */
    entity_render_hook render;
};

/* Who is acting, in which workspace, with what. */
struct crm_ctx {
    struct db *db;
    int64_t ws;
    int64_t user_id;       /* 0 when an agent acts */
    int64_t agent_id;      /* 0 when a person acts */
    int64_t execution_id;  /* 0 outside an execution */
    const struct cry_key *key;
    bool show_secrets;     /* owners/admins see webhook secrets etc. */
    /* The model fallback of the instruction parser; NULL when off. */
    const struct plan_fallback *planner;
    /* Called for each CRM event inside the transaction that records it
     * (crm/events.h); NULL when nobody listens. */
    int (*on_event)(struct crm_ctx *ctx, int64_t event_id, const char *type,
                    int64_t entity_id, const json_t *data, struct err *err);
    void *event_arg;
    /* Called inside the write transaction after an agent is created or
     * changed (row = the agent as stored, old = before, NULL on create) and
     * before it is deleted (row = NULL, old = the agent). The engine keeps
     * schedules and pending runs in step with the agent through it; NULL
     * when no engine runs in this process. */
    int (*on_agent)(struct crm_ctx *ctx, int64_t agent_id, const json_t *row,
                    const json_t *old, struct err *err);
    /* When the agent's schedule fires next (epoch ms), 0 for none; NULL
     * when no engine runs in this process. */
    int64_t (*next_run)(struct crm_ctx *ctx, int64_t agent_id);
};

/* ---- list queries --------------------------------------------------- */

enum flt_op { OP_EQ, OP_NE, OP_CONTAINS, OP_GT, OP_GTE, OP_LT, OP_LTE,
              OP_EXISTS };

#define LIST_MAX_FILTERS 16
#define LIST_DEFAULT_LIMIT 50
#define LIST_MAX_LIMIT 200

struct list_filter {
    const struct fld *f;  /* NULL for a custom field or the q= search */
    char custom_key[64];  /* custom field key when f == NULL and !search */
    bool search;          /* free-text q= */
    enum flt_op op;
    const char *value;    /* borrowed from the request */
};

struct list_query {
    struct list_filter filters[LIST_MAX_FILTERS];
    int nfilters;
    const struct fld *sort; /* NULL: id */
    bool desc;
    int limit;
    const char *cursor; /* borrowed; NULL for the first page */
};

/* Looks up a field by JSON name (NULL if none). */
const struct fld *entity_field(const struct entity *e, const char *name);
/* Parses "eq", "ne", "contains", "gt", "gte", "lt", "lte", "exists". */
int entity_op_parse(const char *s, enum flt_op *out);

/* ---- operations ----------------------------------------------------- */

/* *out: the row as JSON (caller owns). */
int entity_get(struct crm_ctx *ctx, const struct entity *e, int64_t id,
               json_t **out, struct err *err);
/* The same row as JSON text appended to out (the fast path of GET). */
int entity_get_text(struct crm_ctx *ctx, const struct entity *e, int64_t id,
                    struct buf *out, struct err *err);
/* Appends {"data": [...], "nextCursor": ..., "limit": n} as JSON text to
 * out. Rows are written straight from the statement to text, without
 * building JSON objects, for every entity without a render hook. */
int entity_list(struct crm_ctx *ctx, const struct entity *e,
                const struct list_query *q, struct buf *out, struct err *err);
/* Validates input, inserts, returns the stored row. */
int entity_create(struct crm_ctx *ctx, const struct entity *e,
                  const json_t *input, json_t **out, struct err *err);
/* Partial update with the fields present in input. */
int entity_update(struct crm_ctx *ctx, const struct entity *e, int64_t id,
                  const json_t *input, json_t **out, struct err *err);
int entity_delete(struct crm_ctx *ctx, const struct entity *e, int64_t id,
                  struct err *err);

/* Checks and converts one value for a field, as entity_create would: the
 * type, the limits, enums (canonical spelling back), references within
 * the workspace, custom field definitions ("Custom field 'x' not found.
 * Create field first."). *out is the stored form (caller owns). */
int entity_field_value(struct crm_ctx *ctx, const struct entity *e,
                       const struct fld *f, json_t *value, json_t **out,
                       struct err *err);

/* True if a row with this id exists in the workspace (table from a field's
 * `ref`, or an entity's table). */
int entity_ref_exists(struct crm_ctx *ctx, const char *table, int64_t id,
                      struct err *err);
/* True if user_id is a member of the workspace. */
int entity_user_is_member(struct crm_ctx *ctx, int64_t user_id,
                          struct err *err);

/* Resolves a time filter value: ISO 8601, or "now"/"today" with an optional
 * +/-N[m|h|d|w] offset (plan.md relative times). */
int entity_time_value(const char *s, int64_t now_ms, int64_t *out);

/* A set of an entity's fields: bit i stands for e->fields[i]. */
typedef uint64_t fld_set;
#define FLD_MAX 64
#define FLD_BIT(i) ((fld_set)1 << (i))
#define FLD_ALL UINT64_MAX

/* The bit of the field called `name` (its JSON name); 0 if there is none. */
fld_set entity_field_bit(const struct entity *e, const char *name);
/* Appends the SELECT list of the fields in `set`, in field order
 * ("contacts.id, contacts.first_name, ..."; a contact's tags as a
 * subquery). */
void entity_select_fields(const struct entity *e, fld_set set,
                          struct buf *out);
/* The current row of a statement that selected entity_select_fields(e,
 * set) from column 0, rendered as callers see rows, with those fields
 * only. A new reference. */
json_t *entity_row_fields(struct crm_ctx *ctx, const struct entity *e,
                          fld_set set, struct db_stmt *st);

#endif
