/* h_system: health, the API description and the landing page. */
#include <stdlib.h>
#include <string.h>

#include "api/handlers.h"
#include "core/clock.h"
#include "core/xalloc.h"

int h_healthz(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    struct db_stmt *st = db_prepare(rq->db, "SELECT 1", err);
    if (!st)
        return -E_UNAVAILABLE;
    int rc = db_step(st, err);
    db_reset(st);
    if (rc < 0)
        return err_set(err, E_UNAVAILABLE, "Database unavailable: %s",
                       err->msg);
    char now[40];
    clock_format_iso(clock_now_ms(), now, sizeof now);
    return api_json(rs, 200,
                    json_pack("{s:s, s:s, s:s}", "status", "ok", "version",
                              AGENTD_VERSION, "time", now));
}

int h_openapi(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    (void)rq;
    (void)err;
    return api_json(rs, 200, router_openapi());
}

static const char index_html[] =
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>agentd</title><style>body{font:16px/1.5 system-ui,sans-serif;"
    "max-width:44rem;margin:3rem auto;padding:0 1rem;color:#222}"
    "code{background:#f3f3f3;padding:0 .25rem}</style></head><body>"
    "<h1>agentd</h1><p>Sales agents for your CRM. This server speaks JSON "
    "under <code>/api</code>.</p><ul>"
    "<li><a href=\"/api/openapi.json\">API description (OpenAPI)</a></li>"
    "<li><a href=\"/healthz\">Health</a></li></ul>"
    "<p>Sign in with <code>POST /api/login</code> or send "
    "<code>Authorization: Bearer &lt;token&gt;</code>.</p></body></html>\n";

int h_index(struct api_req *rq, struct api_resp *rs, struct err *err)
{
    (void)rq;
    (void)err;
    rs->status = 200;
    rs->raw_len = sizeof index_html - 1;
    rs->raw = xstrndup(index_html, rs->raw_len);
    rs->content_type = "text/html; charset=utf-8";
    return 0;
}
