/*
 * router: the table of every HTTP endpoint and who may call it.
 *
 * Each route names a method, a path pattern, the permission it needs and
 * its handler. The permission is checked in one place (auth.c) before the
 * handler runs, so a handler never decides who may call it. The same table
 * produces GET /api/openapi.json.
 *
 * Patterns use ":ws" (workspace id), ":id" and ":sub" (positive integers)
 * and ":name" (a string segment). Routes are matched in order.
 */
#ifndef AGENTD_API_ROUTER_H
#define AGENTD_API_ROUTER_H

#include "api/http.h"
#include "crm/entity.h"

enum perm {
    P_PUBLIC,  /* no authentication */
    P_USER,    /* any signed-in user; no workspace */
    P_READ,    /* viewer and up */
    P_WRITE,   /* member and up: CRM data */
    P_TRIGGER, /* admin and up, or a member allowed to trigger */
    P_ADMIN,   /* admin and up: agents, connections, schema, members */
    P_OWNER,   /* owner only */
};

typedef int (*api_handler)(struct api_req *rq, struct api_resp *rs,
                           struct err *err);

struct route {
    const char *method;
    const char *pattern;
    enum perm perm;
    api_handler fn;
    const struct entity *entity; /* for the generic resource handlers */
    const char *summary;         /* one line, for OpenAPI */
    const char *tag;             /* OpenAPI grouping */
    /* Query parameters accepted: NULL none, "a,b" these, "*" the handler
     * checks them itself (lists take filters named after fields). Anything
     * else is refused with 400 before the handler runs. */
    const char *query;
};

enum route_match { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

/* Builds the route table (once, before the server starts). */
void router_init(void);
/* Every route, terminated by one with method NULL. */
const struct route *router_routes(void);

/* Matches method + path. On ROUTE_FOUND fills rq->route and the path
 * parameters; on ROUTE_BAD_METHOD *allow receives the allowed methods
 * ("GET, POST"; caller frees). */
enum route_match router_match(struct api_req *rq, char **allow);

/* Whether a role may do what a permission needs. The one RBAC rule. */
bool rbac_allows(enum role role, bool can_trigger, enum perm perm);
const char *perm_name(enum perm p);

/* The OpenAPI 3.0 document of every route (caller owns). */
json_t *router_openapi(void);

#endif
