/* h_agents: agent status changes, export and import of configurations,
 * and the parse preview. */
#include <string.h>

#include "api/handlers.h"
#include "crm/agents.h"

int h_agent_status(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    json_t *in;
    static const char *const keys[] = {"status", NULL};
    const char *status;
    int rc = api_body_object(rq, &in, err);
    if (!rc)
        rc = api_only_keys(in, keys, err);
    if (!rc)
        rc = api_str(in, "status", true, 16, &status, err);
    if (rc)
        return rc;
    struct crm_ctx ctx = api_crm_ctx(rq);
    json_t *out;
    rc = agents_set_status(&ctx, rq->id, status, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

int h_agent_export(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    struct crm_ctx ctx = api_crm_ctx(rq);
    json_t *out;
    int rc = agents_export(&ctx, rq->id, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}

/* A handler whose body is one JSON object handed to fn. */
static int body_op(struct api_req *rq, struct api_resp *rs,
                   int (*fn)(struct crm_ctx *ctx, const json_t *in,
                             json_t **out, struct err *err),
                   int status, struct err *err)
{
    json_t *in;
    int rc = api_body_object(rq, &in, err);
    if (rc)
        return rc;
    struct crm_ctx ctx = api_crm_ctx(rq);
    json_t *out;
    rc = fn(&ctx, in, &out, err);
    if (rc)
        return rc;
    return api_json(rs, status, out);
}

int h_agent_import(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    return body_op(rq, rs, agents_import, 201, err);
}

int h_agent_parse(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    return body_op(rq, rs, agents_preview, 200, err);
}
