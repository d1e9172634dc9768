/* Unit tests: routing, the RBAC rule, cookies, and dispatch without HTTP. */
#include "testutil.h"

#include "api/app.h"
#include "api/auth.h"
#include "api/router.h"
#include "api/server.h"
#include "core/jsonx.h"
#include "crm/identity.h"

static void free_segs(struct api_req *rq)
{
    for (int i = 0; i < rq->nseg; i++)
        free(rq->segs[i]);
    rq->nseg = 0;
}

static enum route_match match(const char *method, const char *path,
                              struct api_req *rq)
{
    memset(rq, 0, sizeof *rq);
    rq->method = method;
    rq->path = path;
    char *copy = strdup(path), *save = NULL;
    for (char *p = strtok_r(copy, "/", &save); p;
         p = strtok_r(NULL, "/", &save))
        rq->segs[rq->nseg++] = strdup(p);
    free(copy);
    char *allow = NULL;
    enum route_match m = router_match(rq, &allow);
    free(allow);
    return m;
}

static void routes_match_with_parameters(void **state)
{
    (void)state;
    router_init();
    struct api_req rq;
    assert_int_equal(match("GET", "/api/workspaces/3/contacts/17", &rq),
                     ROUTE_FOUND);
    assert_int_equal(rq.ws, 3);
    assert_int_equal(rq.id, 17);
    assert_ptr_equal(rq.route->fn, rq.route->fn);
    free_segs(&rq);
    assert_int_equal(match("POST", "/api/workspaces/3/forms/signup/"
                                   "submissions",
                           &rq),
                     ROUTE_FOUND);
    assert_string_equal(rq.str_param, "signup");
    free_segs(&rq);
    assert_int_equal(match("PUT", "/api/workspaces/3/contacts/17", &rq),
                     ROUTE_BAD_METHOD);
    free_segs(&rq);
    assert_int_equal(match("GET", "/api/workspaces/x/contacts", &rq),
                     ROUTE_NOT_FOUND);
    free_segs(&rq);
    assert_int_equal(match("GET", "/api/workspaces/3/contacts/-1", &rq),
                     ROUTE_NOT_FOUND);
    free_segs(&rq);
    assert_int_equal(match("GET", "/api/workspaces/3/nothing", &rq),
                     ROUTE_NOT_FOUND);
    free_segs(&rq);
    /* "import" is not an id, so it reaches its own route. */
    assert_int_equal(match("POST", "/api/workspaces/3/agents/import", &rq),
                     ROUTE_FOUND);
    assert_int_equal(rq.route->perm, P_ADMIN);
    free_segs(&rq);
}

static void rbac_rule(void **state)
{
    (void)state;
    struct {
        enum perm p;
        bool owner, admin, member, member_trig, viewer;
    } cases[] = {
        {P_READ, 1, 1, 1, 1, 1},    {P_WRITE, 1, 1, 1, 1, 0},
        {P_TRIGGER, 1, 1, 0, 1, 0}, {P_ADMIN, 1, 1, 0, 0, 0},
        {P_OWNER, 1, 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(rbac_allows(ROLE_OWNER, false, cases[i].p),
                         cases[i].owner);
        assert_int_equal(rbac_allows(ROLE_ADMIN, false, cases[i].p),
                         cases[i].admin);
        assert_int_equal(rbac_allows(ROLE_MEMBER, false, cases[i].p),
                         cases[i].member);
        assert_int_equal(rbac_allows(ROLE_MEMBER, true, cases[i].p),
                         cases[i].member_trig);
        assert_int_equal(rbac_allows(ROLE_VIEWER, true, cases[i].p),
                         cases[i].viewer);
        assert_false(rbac_allows(ROLE_NONE, true, cases[i].p));
    }
}

static void cookies(void **state)
{
    (void)state;
    char v[64];
    assert_true(auth_cookie("a=1; agentd_session=ags_x; b=2",
                            "agentd_session", v, sizeof v));
    assert_string_equal(v, "ags_x");
    assert_false(auth_cookie("xagentd_session=1", "agentd_session", v,
                             sizeof v));
    assert_false(auth_cookie("agentd_session=", "agentd_session", v,
                             sizeof v));
    assert_false(auth_cookie(NULL, "agentd_session", v, sizeof v));
}

static void dispatch_without_http(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    struct db *db = test_db();
    assert_int_equal(cry_init(&e), 0);
    int64_t uid, ws;
    assert_int_equal(identity_user_create(db, "v@x.example", "V", NULL, &uid,
                                          &e),
                     0);
    int64_t other;
    assert_int_equal(identity_user_create(db, "o@x.example", "O", NULL,
                                          &other, &e),
                     0);
    assert_int_equal(identity_workspace_create(db, "W", other, &ws, &e), 0);
    assert_int_equal(identity_member_set(db, ws, uid, "viewer", false, NULL,
                                         &e),
                     0);
    char tok[CRY_TOKEN_MAX], bearer[CRY_TOKEN_MAX + 16];
    assert_int_equal(identity_token_create(db, uid, "t", tok, NULL, &e), 0);
    snprintf(bearer, sizeof bearer, "Bearer %s", tok);
    struct app app = {.key = test_key(), .max_body = 1024};

    struct {
        const char *method, *path, *auth, *body;
        int status;
    } cases[] = {
        {"GET", "/api/workspaces/1/contacts", bearer, NULL, 200},
        {"GET", "/api/workspaces/1/contacts", NULL, NULL, 401},
        {"GET", "/api/workspaces/2/contacts", bearer, NULL, 404},
        {"POST", "/api/workspaces/1/contacts", bearer, "{}", 403},
        {"GET", "/api/nope", bearer, NULL, 404},
        {"DELETE", "/api/workspaces/1/members", bearer, NULL, 405},
        {"GET", "/healthz", NULL, NULL, 200},
        {"POST", "/api/workspaces", bearer, "{\"name\":", 400},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct api_req rq = {.method = cases[i].method,
                             .path = cases[i].path,
                             .authorization = cases[i].auth,
                             .content_type = "application/json",
                             .body = cases[i].body,
                             .body_len = cases[i].body ? strlen(cases[i].body)
                                                       : 0,
                             .db = db};
        struct api_resp rs = {0};
        api_dispatch(&app, &rq, &rs);
        if (rs.status != cases[i].status)
            fail_msg("%s %s: got %d, want %d", cases[i].method,
                     cases[i].path, rs.status, cases[i].status);
        if (rs.status >= 400) {
            json_t *err = json_object_get(rs.json, "error");
            assert_non_null(jx_str(err, "code"));
            assert_non_null(jx_str(err, "message"));
        }
        api_resp_fini(&rs);
        json_decref(rq.json);
        free_segs(&rq);
    }
    err_clear(&e);
    db_close(db);
}

static void openapi_lists_every_route(void **state)
{
    (void)state;
    router_init();
    json_t *doc = router_openapi();
    json_t *paths = json_object_get(doc, "paths");
    int ops = 0;
    const char *k;
    json_t *v;
    json_object_foreach(paths, k, v) ops += (int)json_object_size(v);
    int routes = 0;
    for (const struct route *r = router_routes(); r->method; r++)
        routes++;
    assert_int_equal(ops, routes);
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(routes_match_with_parameters),
        cmocka_unit_test(rbac_rule),
        cmocka_unit_test(cookies),
        cmocka_unit_test(dispatch_without_http),
        cmocka_unit_test(openapi_lists_every_route),
    };
    return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
