/*
 * router: the route table, matching, the RBAC rule and OpenAPI.
 *
 * The table is built once by router_init() before the server starts and is
 * read-only afterwards; matching needs no locks.
 */
#include "api/router.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/handlers.h"
#include "core/buf.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "crm/resources.h"

#define MAX_ROUTES 160

struct compiled {
    char *segs[API_MAX_SEGS];
    int nseg;
};

static struct route routes[MAX_ROUTES + 1];
static struct compiled compiled[MAX_ROUTES];
static int nroutes;

static const struct route fixed_before[] = {
    {"GET", "/healthz", P_PUBLIC, h_healthz, NULL,
     "Liveness and database check", "system"},
    {"GET", "/", P_PUBLIC, h_index, NULL, "Landing page", "system"},
    {"GET", "/api/openapi.json", P_PUBLIC, h_openapi, NULL,
     "This API description", "system"},
    {"POST", "/api/login", P_PUBLIC, h_login, NULL,
     "Sign in with email and password; sets a session cookie", "auth"},
    {"POST", "/api/logout", P_USER, h_logout, NULL, "End the session",
     "auth"},
    {"GET", "/api/me", P_USER, h_me, NULL,
     "The signed-in user and their workspaces", "auth"},
    {"GET", "/api/tokens", P_USER, h_tokens_list, NULL,
     "Your API tokens (without their values)", "auth"},
    {"POST", "/api/tokens", P_USER, h_tokens_create, NULL,
     "Create an API token (the value is shown once)", "auth"},
    {"DELETE", "/api/tokens/:id", P_USER, h_tokens_delete, NULL,
     "Revoke an API token", "auth"},
    {"GET", "/api/workspaces", P_USER, h_workspaces_list, NULL,
     "Workspaces you belong to", "workspaces"},
    {"POST", "/api/workspaces", P_USER, h_workspaces_create, NULL,
     "Create a workspace; you become its owner", "workspaces"},
    {"GET", "/api/workspaces/:ws", P_READ, h_workspace_get, NULL,
     "A workspace", "workspaces"},
    {"PATCH", "/api/workspaces/:ws", P_ADMIN, h_workspace_update, NULL,
     "Rename a workspace, change its time zone or its cap on concurrent "
     "runs",
     "workspaces"},
    {"DELETE", "/api/workspaces/:ws", P_OWNER, h_workspace_delete, NULL,
     "Delete a workspace and all its data", "workspaces"},
    {"GET", "/api/workspaces/:ws/members", P_READ, h_members_list, NULL,
     "Members and their roles", "workspaces"},
    {"POST", "/api/workspaces/:ws/members", P_ADMIN, h_members_add, NULL,
     "Add a member (creating the user if new)", "workspaces"},
    {"PATCH", "/api/workspaces/:ws/members/:id", P_ADMIN, h_members_update,
     NULL, "Change a member's role, handle or trigger permission",
     "workspaces"},
    {"DELETE", "/api/workspaces/:ws/members/:id", P_ADMIN, h_members_remove,
     NULL, "Remove a member", "workspaces"},
    {"POST", "/api/workspaces/:ws/forms/:name/submissions", P_WRITE,
     h_form_submit, NULL,
     "Submit a form: creates or matches the contact by email", "crm"},
    {"GET", "/api/workspaces/:ws/forms/:name/submissions", P_READ,
     h_form_submissions, NULL, "Submissions of a form", "crm",
     "limit,cursor"},
    {"GET", "/api/workspaces/:ws/notifications", P_READ,
     h_notifications_list, NULL, "Your notifications in this workspace",
     "crm", "unread,limit,cursor"},
    {"POST", "/api/workspaces/:ws/notifications/read-all", P_READ,
     h_notifications_read_all, NULL, "Mark all your notifications read",
     "crm"},
    {"POST", "/api/workspaces/:ws/notifications/:id/read", P_READ,
     h_notification_read, NULL, "Mark a notification read", "crm"},
    {"GET", "/api/workspaces/:ws/events", P_READ, h_events_list, NULL,
     "CRM events (contact created, deal stage updated, form submitted)",
     "crm", "type,limit,cursor"},
    {"POST", "/api/workspaces/:ws/agents/parse", P_ADMIN, h_agent_parse, NULL,
     "Preview: the plan for instructions (or check a plan), not saved",
     "agents"},
    {"POST", "/api/workspaces/:ws/agents/import", P_ADMIN, h_agent_import,
     NULL, "Create a Draft agent from an exported configuration", "agents"},
    {"POST", "/api/workspaces/:ws/agents/:id/status", P_ADMIN,
     h_agent_status, NULL,
     "Change status: draft -> live -> paused -> live", "agents"},
    {"POST", "/api/workspaces/:ws/agents/:id/execute", P_TRIGGER,
     h_agent_execute, NULL,
     "Run an agent now; answers 202 with the executionId", "executions"},
    {"POST", "/api/workspaces/:ws/agents/:id/trigger", P_TRIGGER,
     h_agent_execute, NULL, "Same as .../execute", "executions"},
    {"GET", "/api/workspaces/:ws/agents/:id/executions", P_READ,
     h_executions_list, NULL, "Executions of one agent, newest first",
     "executions", "status,trigger,from,to,q,limit,cursor"},
    {"GET", "/api/workspaces/:ws/agents/:id/executions/events", P_READ,
     h_executions_events, NULL,
     "An agent's runs live, as server-sent events: the open ones, then "
     "each that starts or changes",
     "executions"},
    {"GET", "/api/workspaces/:ws/executions/events", P_READ,
     h_executions_events, NULL,
     "The workspace's runs live, as server-sent events: the open ones, "
     "then each that starts or changes",
     "executions", "agentId"},
    {"GET", "/api/workspaces/:ws/executions", P_READ, h_executions_list, NULL,
     "Executions of the workspace, newest first", "executions",
     "agentId,status,trigger,from,to,q,limit,cursor"},
    {"GET", "/api/workspaces/:ws/executions/:id", P_READ, h_execution_get,
     NULL, "One execution with its step log", "executions"},
    {"GET", "/api/workspaces/:ws/executions/:id/events", P_READ,
     h_execution_events, NULL,
     "The execution live, as server-sent events (text/event-stream): "
     "execution, step, end",
     "executions"},
    {"POST", "/api/workspaces/:ws/executions/:id/cancel", P_TRIGGER,
     h_execution_cancel, NULL, "Cancel a run that has not ended",
     "executions"},
    {"POST", "/api/workspaces/:ws/executions/:id/retry", P_TRIGGER,
     h_execution_retry, NULL,
     "Start a new run with the same trigger context", "executions"},
    {"POST", "/api/workspaces/:ws/executions/:id/resume", P_TRIGGER,
     h_execution_resume, NULL, "Continue a waiting run now", "executions"},
    {"POST", "/api/workspaces/:ws/executions/:id/approve", P_ADMIN,
     h_execution_approve, NULL, "Approve a run waiting for approval",
     "executions"},
    {"POST", "/api/workspaces/:ws/executions/:id/reject", P_ADMIN,
     h_execution_reject, NULL, "Reject (cancel) a run waiting for approval",
     "executions"},
    {"POST", "/api/workspaces/:ws/executions/:id/handoff/complete", P_WRITE,
     h_execution_handoff_complete, NULL,
     "Take over a handed-off run (the person it was handed to, or an "
     "admin)",
     "executions"},
    {"GET", "/api/workspaces/:ws/outbox", P_ADMIN, h_outbox_list, NULL,
     "E-mails the built-in outbox connection kept, newest first",
     "integrations", "to,executionId,limit,cursor"},
    {"GET", "/api/workspaces/:ws/usage", P_ADMIN, h_usage, NULL,
     "Provider use per day (e-mails, invitations, searches, enrichments, "
     "calls), last 31 days",
     "integrations"},
    {"POST", "/api/hooks/:id", P_PUBLIC, h_webhook, NULL,
     "Inbound webhook: runs the agent; needs its secret (header "
     "X-Agentd-Secret or ?secret=)",
     "executions", "secret"},
    {"GET", "/api/workspaces/:ws/agents/:id/export-config", P_READ,
     h_agent_export, NULL,
     "Export name, goal, triggers, instructions, restrictions, memory",
     "agents"},
    {"GET", "/api/workspaces/:ws/agents/:id/dashboard", P_READ,
     h_agent_dashboard, NULL,
     "An agent's figures: runs, success rate, execution time, what its "
     "runs did, and the period before",
     "executions", "dateRange"},
    {"GET", "/api/workspaces/:ws/dashboard", P_READ, h_dashboard, NULL,
     "Every agent's figures side by side", "executions", "dateRange,sort"},
    {"GET", "/api/workspaces/:ws/agents/:id/export-executions", P_READ,
     h_agent_export_executions, NULL,
     "An agent's executions as CSV or JSON (summary, not step details), "
     "with the history's filters",
     "executions", "format,dateRange,status,trigger,from,to,q"},
    {"GET", "/api/workspaces/:ws/agents/:id/executions/export", P_READ,
     h_agent_export_executions, NULL, "Same as .../export-executions",
     "executions", "format,dateRange,status,trigger,from,to,q"},
};

/* Who may write each resource; reading needs P_READ everywhere. */
static enum perm write_perm(const struct entity *e)
{
    if (e == &crm_custom_fields || e == &crm_connections || e == &crm_agents)
        return P_ADMIN;
    return P_WRITE;
}

static void add(const struct route *r)
{
    if (nroutes == MAX_ROUTES)
        abort(); /* programming error: raise MAX_ROUTES */
    routes[nroutes] = *r;
    struct compiled *c = &compiled[nroutes];
    char *copy = xstrdup(r->pattern);
    c->nseg = 0;
    for (char *p = copy; *p;) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        c->segs[c->nseg++] = xstrndup(p, n);
        p += n;
    }
    free(copy);
    nroutes++;
}

static void add_resource(const struct entity *e)
{
    char *coll = xmalloc(128), *one = xmalloc(128), *s[5];
    snprintf(coll, 128, "/api/workspaces/:ws/%s", e->plural);
    snprintf(one, 128, "/api/workspaces/:ws/%s/:id", e->plural);
    for (int i = 0; i < 5; i++)
        s[i] = xmalloc(160);
    snprintf(s[0], 160, "List %s (filter, sort, paginate)", e->plural);
    snprintf(s[1], 160, "Create a %s", e->name);
    snprintf(s[2], 160, "Get one %s", e->name);
    snprintf(s[3], 160, "Update a %s (only the fields given)", e->name);
    snprintf(s[4], 160, "Delete a %s", e->name);
    enum perm w = write_perm(e);
    const char *tag = e == &crm_agents ? "agents" : "crm";
    struct route r[] = {
        {"GET", coll, P_READ, h_list, e, s[0], tag, "*"},
        {"POST", coll, w, h_create, e, s[1], tag},
        {"GET", one, P_READ, h_get, e, s[2], tag},
        {"PATCH", one, w, h_update, e, s[3], tag},
        {"DELETE", one, w, h_delete, e, s[4], tag},
    };
    /* Activities are a record: people add notes, nobody edits history. */
    int n = e == &crm_activities ? 3 : 5;
    for (int i = 0; i < n; i++)
        add(&r[i]);
    /* The route table keeps these strings for the process lifetime. */
    if (n == 3) {
        free(s[3]);
        free(s[4]);
    }
}

void router_init(void)
{
    if (nroutes)
        return;
    for (size_t i = 0; i < sizeof fixed_before / sizeof *fixed_before; i++)
        add(&fixed_before[i]);
    for (const struct entity *const *e = crm_resources; *e; e++)
        add_resource(*e);
    routes[nroutes].method = NULL;
}

const struct route *router_routes(void)
{
    return routes;
}

static int positive_id(const char *s, int64_t *out)
{
    int64_t v;
    if (!str_all_digits(s) || str_parse_i64(s, &v) || v <= 0)
        return -1;
    *out = v;
    return 0;
}

/* Matches segments; fills parameters into rq only when fill is set. */
static bool path_matches(const struct compiled *c, struct api_req *rq,
                         bool fill)
{
    if (c->nseg != rq->nseg)
        return false;
    int64_t ws = 0, id = 0, sub = 0;
    const char *name = NULL;
    for (int i = 0; i < c->nseg; i++) {
        const char *p = c->segs[i], *s = rq->segs[i];
        if (p[0] != ':') {
            if (strcmp(p, s) != 0)
                return false;
            continue;
        }
        int64_t v = 0;
        if (strcmp(p, ":name") == 0) {
            if (!*s || strlen(s) > 100)
                return false;
            name = s;
            continue;
        }
        if (positive_id(s, &v))
            return false;
        if (strcmp(p, ":ws") == 0)
            ws = v;
        else if (strcmp(p, ":id") == 0)
            id = v;
        else
            sub = v;
    }
    if (fill) {
        rq->ws = ws;
        rq->id = id;
        rq->sub_id = sub;
        rq->str_param = name;
    }
    return true;
}

enum route_match router_match(struct api_req *rq, char **allow)
{
    *allow = NULL;
    struct buf methods;
    buf_init(&methods, 256);
    for (int i = 0; i < nroutes; i++) {
        if (!path_matches(&compiled[i], rq, false))
            continue;
        if (strcmp(routes[i].method, rq->method) == 0) {
            path_matches(&compiled[i], rq, true);
            rq->route = &routes[i];
            buf_fini(&methods);
            return ROUTE_FOUND;
        }
        if (!strstr(buf_cstr(&methods), routes[i].method))
            buf_printf(&methods, "%s%s", methods.len ? ", " : "",
                       routes[i].method);
    }
    if (methods.len) {
        *allow = buf_steal(&methods);
        return ROUTE_BAD_METHOD;
    }
    buf_fini(&methods);
    return ROUTE_NOT_FOUND;
}

bool rbac_allows(enum role role, bool can_trigger, enum perm perm)
{
    switch (perm) {
    case P_PUBLIC:
    case P_USER:
        return true;
    case P_READ:
        return role >= ROLE_VIEWER;
    case P_WRITE:
        return role >= ROLE_MEMBER;
    case P_TRIGGER:
        return role >= ROLE_ADMIN || (role == ROLE_MEMBER && can_trigger);
    case P_ADMIN:
        return role >= ROLE_ADMIN;
    case P_OWNER:
        return role == ROLE_OWNER;
    }
    return false;
}

const char *perm_name(enum perm p)
{
    static const char *names[] = {"public", "signed in", "viewer", "member",
                                  "trigger", "admin",    "owner"};
    return names[p];
}

/* ---- OpenAPI -------------------------------------------------------- */

static json_t *field_schema(const struct fld *f)
{
    json_t *s = json_object();
    const char *type = "string", *format = NULL;
    switch (f->type) {
    case FT_ID:
    case FT_INT:
    case FT_REF:
    case FT_USER: type = "integer"; break;
    case FT_NUM: type = "number"; break;
    case FT_BOOL: type = "boolean"; break;
    case FT_TIME: format = "date-time"; break;
    case FT_JSON:
    case FT_CUSTOM:
    case FT_SECRET: type = "object"; break;
    case FT_TAGS:
        type = "array";
        json_object_set_new(s, "items", json_pack("{s:s}", "type", "string"));
        break;
    case FT_ENUM: {
        json_t *vals = json_array();
        for (const char *const *v = f->values; *v; v++)
            json_array_append_new(vals, json_string(*v));
        json_object_set_new(s, "enum", vals);
        break;
    }
    case FT_TEXT:
        if (f->flags & F_EMAIL)
            format = "email";
        json_object_set_new(s, "maxLength",
                            json_integer(f->max_len ? f->max_len : 1000));
        break;
    }
    json_object_set_new(s, "type", json_string(type));
    if (format)
        json_object_set_new(s, "format", json_string(format));
    if (f->flags & F_RO)
        json_object_set_new(s, "readOnly", json_true());
    if (f->type == FT_SECRET)
        json_object_set_new(s, "writeOnly", json_true());
    return s;
}

static json_t *entity_schema(const struct entity *e)
{
    json_t *props = json_object(), *req = json_array();
    for (const struct fld *f = e->fields; f->name; f++) {
        if (f->flags & F_HIDDEN)
            continue;
        json_object_set_new(props, f->name, field_schema(f));
        if (f->flags & F_REQ)
            json_array_append_new(req, json_string(f->name));
    }
    json_t *s = json_pack("{s:s, s:o, s:b}", "type", "object", "properties",
                          props, "additionalProperties", 0);
    if (json_array_size(req))
        json_object_set_new(s, "required", req);
    else
        json_decref(req);
    return s;
}

static json_t *path_param(const char *name, const char *type)
{
    return json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", name, "in", "path",
                     "required", 1, "schema", "type", type);
}

json_t *router_openapi(void)
{
    json_t *paths = json_object(), *schemas = json_object();
    for (const struct entity *const *e = crm_resources; *e; e++) {
        char name[64];
        snprintf(name, sizeof name, "%c%s", (*e)->label[0],
                 (*e)->label + 1);
        for (char *p = name; *p; p++)
            if (*p == ' ')
                memmove(p, p + 1, strlen(p));
        json_object_set_new(schemas, name, entity_schema(*e));
    }
    json_object_set_new(
        schemas, "Error",
        json_pack("{s:s, s:{s:{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s}}}}}",
                  "type", "object", "properties", "error", "type", "object",
                  "properties", "code", "type", "string", "message", "type",
                  "string", "details", "type", "object"));
    for (int i = 0; i < nroutes; i++) {
        const struct route *r = &routes[i];
        const struct compiled *c = &compiled[i];
        struct buf path;
        buf_init(&path, 512);
        json_t *params = json_array();
        for (int k = 0; k < c->nseg; k++) {
            const char *s = c->segs[k];
            const char *pn = NULL, *pt = "integer";
            if (strcmp(s, ":ws") == 0)
                pn = "workspaceId";
            else if (strcmp(s, ":id") == 0)
                pn = "id";
            else if (strcmp(s, ":sub") == 0)
                pn = "subId";
            else if (strcmp(s, ":name") == 0) {
                pn = "name";
                pt = "string";
            }
            if (pn) {
                buf_printf(&path, "/{%s}", pn);
                json_array_append_new(params, path_param(pn, pt));
            } else {
                buf_printf(&path, "/%s", s);
            }
        }
        if (c->nseg == 0)
            buf_puts(&path, "/");
        json_t *item = json_object_get(paths, buf_cstr(&path));
        if (!item) {
            item = json_object();
            json_object_set_new(paths, buf_cstr(&path), item);
        }
        char method[16];
        snprintf(method, sizeof method, "%s", r->method);
        for (char *p = method; *p; p++)
            *p = (char)(*p - 'A' + 'a');
        char perm_note[96];
        snprintf(perm_note, sizeof perm_note, "Requires: %s.",
                 perm_name(r->perm));
        json_t *op = json_pack(
            "{s:s, s:s, s:[s], s:o, s:{s:{s:s}, s:{s:s, s:{s:{s:{s:s}}}}}}",
            "summary", r->summary, "description", perm_note, "tags",
            r->tag ? r->tag : "misc", "parameters", params, "responses",
            "200", "description", "Success", "default", "description",
            "Error", "content", "application/json", "schema", "$ref",
            "#/components/schemas/Error");
        size_t pl = strlen(r->pattern);
        if (pl > 7 && !strcmp(r->pattern + pl - 7, "/events"))
            /* a live view: server-sent events, not one JSON document */
            json_object_set_new(
                json_object_get(json_object_get(op, "responses"), "200"),
                "content",
                json_pack("{s:{s:{s:s}}}", "text/event-stream", "schema",
                          "type", "string"));
        if (r->perm == P_PUBLIC)
            json_object_set_new(op, "security", json_array());
        if (r->entity && (strcmp(r->method, "POST") == 0 ||
                          strcmp(r->method, "PATCH") == 0)) {
            json_object_set_new(
                op, "requestBody",
                json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content",
                          "application/json", "schema",
                          entity_schema(r->entity)));
        }
        json_object_set_new(item, method, op);
        buf_fini(&path);
    }
    return json_pack(
        "{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:o, s:{s:{s:s, s:s}, "
        "s:{s:s, s:s, s:s}}}, s:[{s:[]}, {s:[]}]}",
        "openapi", "3.0.3", "info", "title", "agentd API", "version",
        AGENTD_VERSION, "description",
        "Sales agents for a CRM: CRM data, agents, runs. All workspace data "
        "lives under /api/workspaces/{workspaceId}. Errors are "
        "{\"error\": {\"code\", \"message\", \"details\"}}.",
        "paths", paths, "components", "schemas", schemas, "securitySchemes",
        "bearerAuth", "type", "http", "scheme", "bearer", "cookieAuth",
        "type", "apiKey", "in", "cookie", "name", "agentd_session",
        "security", "bearerAuth", "cookieAuth");
}
