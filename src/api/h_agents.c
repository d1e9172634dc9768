/* h_agents: agent status changes, export and import of configurations. */
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

int h_agent_import(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    json_t *in;
    int rc = api_body_object(rq, &in, err);
    if (rc)
        return rc;
    struct crm_ctx ctx = api_crm_ctx(rq);
    json_t *out;
    rc = agents_import(&ctx, in, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 201, out);
}

int h_agent_parse(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    json_t *in;
    int rc = api_body_object(rq, &in, err);
    if (rc)
        return rc;
    struct crm_ctx ctx = api_crm_ctx(rq);
    json_t *out;
    rc = agents_preview(&ctx, in, &out, err);
    if (rc)
        return rc;
    return api_json(rs, 200, out);
}
