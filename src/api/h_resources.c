/*
 * h_resources: the generic handlers behind every CRM resource route.
 *
 * Lists take, besides limit/cursor/sort/q, one filter per field:
 *   ?status=Lead                 equality (case-insensitive for text)
 *   ?title__contains=CEO         operators: eq ne contains gt gte lt lte
 *   ?createdAt__gte=now-7d       times: ISO 8601 or relative (now, today)
 *   ?tags=webinar                contacts carrying a tag
 *   ?custom.leadScore=A          custom fields
 *   ?sort=-createdAt             descending by a sortable field
 */
#include <stdio.h>
#include <string.h>

#include "api/handlers.h"
#include "core/str.h"

static int bad_param(struct err *err, const char *name, const char *msg)
{
    int rc = err_set(err, E_BAD_REQUEST, "Query parameter '%s': %s", name,
                     msg);
    err_detail_str(err, "parameter", name);
    return rc;
}

static int parse_list_query(const struct api_req *rq, const struct entity *e,
                            struct list_query *q, struct err *err)
{
    memset(q, 0, sizeof *q);
    q->limit = LIST_DEFAULT_LIMIT;
    for (int i = 0; i < rq->nquery; i++) {
        const char *k = rq->query[i].key, *v = rq->query[i].value;
        if (strcmp(k, "limit") == 0) {
            int64_t n;
            if (str_parse_i64(v, &n) || n < 1 || n > LIST_MAX_LIMIT) {
                char msg[64];
                snprintf(msg, sizeof msg, "must be an integer from 1 to %d",
                         LIST_MAX_LIMIT);
                return bad_param(err, k, msg);
            }
            q->limit = (int)n;
            continue;
        }
        if (strcmp(k, "cursor") == 0) {
            q->cursor = v;
            continue;
        }
        if (strcmp(k, "sort") == 0) {
            const char *name = v;
            if (*name == '-') {
                q->desc = true;
                name++;
            }
            const struct fld *f = entity_field(e, name);
            if (!f || !(f->flags & F_SORT)) {
                /* Name the fields that sort, as an unknown filter names
                 * the operators. */
                struct buf b;
                buf_init(&b, 0);
                for (const struct fld *g = e->fields; g->name; g++)
                    if (g->flags & F_SORT)
                        buf_printf(&b, "%s%s", b.len ? ", " : "", g->name);
                int rc = err_set(err, E_BAD_REQUEST,
                                 "Query parameter 'sort': %s cannot be "
                                 "sorted by '%s'; use one of %s (with a "
                                 "leading - for largest first)",
                                 e->plural, name, buf_cstr(&b));
                err_detail_str(err, "parameter", k);
                buf_fini(&b);
                return rc;
            }
            q->sort = f->type == FT_ID ? NULL : f;
            continue;
        }
        if (q->nfilters == LIST_MAX_FILTERS)
            return bad_param(err, k, "too many filters");
        struct list_filter *lf = &q->filters[q->nfilters];
        char name[96];
        snprintf(name, sizeof name, "%s", k);
        lf->op = OP_EQ;
        char *sep = strstr(name, "__");
        char *last = NULL;
        while (sep) {
            last = sep;
            sep = strstr(sep + 2, "__");
        }
        if (last && entity_op_parse(last + 2, &lf->op) == 0)
            *last = '\0';
        lf->value = v;
        if (strcmp(name, "q") == 0) {
            lf->search = true;
        } else if (strncmp(name, "custom.", 7) == 0 && e->custom_entity) {
            const char *key = name + 7;
            if (!*key || strlen(key) >= sizeof lf->custom_key)
                return bad_param(err, k, "needs a custom field key");
            for (const char *p = key; *p; p++)
                if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                      (*p >= '0' && *p <= '9') || *p == '_'))
                    return bad_param(err, k,
                                     "custom field keys hold letters, "
                                     "digits and underscores");
            memcpy(lf->custom_key, key, strlen(key) + 1); /* length checked */
        } else {
            const struct fld *f = entity_field(e, name);
            if (!f || !(f->flags & F_FILTER)) {
                int rc = err_set(err, E_BAD_REQUEST,
                                 "Unknown filter '%s' for %s (use a field "
                                 "name, optionally with __eq, __ne, "
                                 "__contains, __gt, __gte, __lt, __lte or "
                                 "__exists)",
                                 k, e->plural);
                err_detail_str(err, "parameter", k);
                return rc;
            }
            lf->f = f;
        }
        q->nfilters++;
    }
    return 0;
}

/* Responds with JSON text already built in b (taken over). */
static int text_response(struct api_resp *rs, struct buf *b)
{
    rs->status = 200;
    rs->raw_len = b->len;
    rs->raw = buf_steal(b);
    rs->content_type = "application/json";
    return 0;
}

int h_list(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    const struct entity *e = rq->route->entity;
    struct list_query q;
    int rc = parse_list_query(rq, e, &q, err);
    if (rc)
        return rc;
    struct crm_ctx ctx = api_crm_ctx(rq);
    struct buf b;
    buf_init(&b, 0);
    rc = entity_list(&ctx, e, &q, &b, err);
    if (rc) {
        buf_fini(&b);
        return rc;
    }
    return text_response(rs, &b);
}

int h_get(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    struct crm_ctx ctx = api_crm_ctx(rq);
    struct buf b;
    buf_init(&b, 0);
    int rc = entity_get_text(&ctx, rq->route->entity, rq->id, &b, err);
    if (rc) {
        buf_fini(&b);
        return rc;
    }
    return text_response(rs, &b);
}

int h_create(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    json_t *in;
    int rc = api_body_object(rq, &in, err);
    if (rc)
        return rc;
    struct crm_ctx ctx = api_crm_ctx(rq);
    json_t *out;
    rc = entity_create(&ctx, rq->route->entity, in, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 201, out);
}

int h_update(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    json_t *in;
    int rc = api_body_object(rq, &in, err);
    if (rc)
        return rc;
    struct crm_ctx ctx = api_crm_ctx(rq);
    json_t *out;
    rc = entity_update(&ctx, rq->route->entity, rq->id, in, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

int h_delete(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    struct crm_ctx ctx = api_crm_ctx(rq);
    int rc = entity_delete(&ctx, rq->route->entity, rq->id, err);
    if (rc)
        return rc;
    return api_json(rs, 200,
                    json_pack("{s:b, s:I}", "deleted", 1, "id",
                              (json_int_t)rq->id));
}
