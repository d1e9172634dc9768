/* Unit tests: identity, the generic entity layer, tags, custom fields,
 * agents documents, relative times. */
#include "testutil.h"

#include "core/jsonx.h"
#include "crm/agents.h"
#include "crm/custom.h"
#include "crm/identity.h"
#include "crm/resources.h"
#include "crm/rows.h"
#include "crm/tags.h"

struct fixture {
    struct db *db;
    struct cry_key key;
    struct crm_ctx ctx;
    int64_t owner;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct err e = ERR_INIT;
    f->db = test_db();
    f->key = test_key();
    assert_int_equal(cry_init(&e), 0);
    assert_int_equal(identity_user_create(f->db, "o@x.example", "O",
                                          "password123", &f->owner, &e),
                     0);
    int64_t ws;
    assert_int_equal(
        identity_workspace_create(f->db, "W", f->owner, &ws, &e), 0);
    f->ctx = (struct crm_ctx){.db = f->db, .ws = ws, .user_id = f->owner,
                              .key = &f->key};
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    db_close(f->db);
    free(f);
    return 0;
}

static json_t *create(struct fixture *f, const struct entity *e,
                      const char *json, int expect)
{
    struct err err = ERR_INIT;
    json_t *in = json_loads(json, 0, NULL);
    assert_non_null(in);
    json_t *out = NULL;
    int rc = entity_create(&f->ctx, e, in, &out, &err);
    json_decref(in);
    if (rc != expect)
        fail_msg("create %s: got %d (%s), want %d", json, rc, err.msg, expect);
    err_clear(&err);
    return out;
}

static void identity_login_tokens_sessions(void **state)
{
    struct fixture *f = *state;
    struct err e = ERR_INIT;
    int64_t uid;
    assert_int_equal(identity_login(f->db, "O@X.example", "password123",
                                    &uid, &e),
                     0);
    assert_int_equal(uid, f->owner);
    assert_int_equal(identity_login(f->db, "o@x.example", "nope-nope", &uid,
                                    &e),
                     -E_UNAUTHORIZED);
    assert_int_equal(identity_login(f->db, "z@x.example", "password123", &uid,
                                    &e),
                     -E_UNAUTHORIZED);
    int64_t dup;
    assert_int_equal(identity_user_create(f->db, "o@x.example", "", NULL,
                                          &dup, &e),
                     -E_CONFLICT);
    assert_int_equal(identity_user_create(f->db, "short@x.example", "", "abc",
                                          &dup, &e),
                     -E_VALIDATION);
    char tok[CRY_TOKEN_MAX];
    int64_t tid;
    assert_int_equal(identity_token_create(f->db, f->owner, "t", tok, &tid,
                                           &e),
                     0);
    assert_int_equal(strncmp(tok, "agd_", 4), 0);
    assert_int_equal(identity_token_user(f->db, tok, &uid, &e), 0);
    assert_int_equal(uid, f->owner);
    assert_int_equal(identity_token_user(f->db, "agd_wrong", &uid, &e), 0);
    assert_int_equal(uid, 0);
    char ses[CRY_TOKEN_MAX];
    assert_int_equal(identity_session_create(f->db, f->owner, 60000, ses, &e),
                     0);
    assert_int_equal(identity_session_user(f->db, ses, &uid, &e), 0);
    assert_int_equal(uid, f->owner);
    assert_int_equal(identity_session_delete(f->db, ses, &e), 0);
    assert_int_equal(identity_session_user(f->db, ses, &uid, &e), 0);
    assert_int_equal(uid, 0);
    char role[16];
    bool ct;
    assert_int_equal(identity_membership(f->db, f->ctx.ws, f->owner, role,
                                         &ct, &e),
                     0);
    assert_string_equal(role, "owner");
    assert_int_equal(identity_member_set(f->db, f->ctx.ws, f->owner, "boss",
                                         true, NULL, &e),
                     -E_VALIDATION);
    err_clear(&e);
}

static void contacts_with_tags_and_custom_fields(void **state)
{
    struct fixture *f = *state;
    json_t *def = create(f, &crm_custom_fields,
                         "{\"entity\":\"contact\",\"key\":\"leadScore\","
                         "\"type\":\"enum\",\"options\":[\"A\",\"B\"]}",
                         0);
    json_decref(def);
    json_t *c = create(f, &crm_contacts,
                       "{\"firstName\":\"John\",\"email\":\"j@acme.com\","
                       "\"tags\":[\"VIP\",\"vip\",\"CEO\"],"
                       "\"customFields\":{\"leadScore\":\"a\"}}",
                       0);
    assert_string_equal(jx_str(c, "firstName"), "John");
    json_t *tags = json_object_get(c, "tags");
    assert_int_equal(json_array_size(tags), 2);
    assert_string_equal(
        jx_str(json_object_get(c, "customFields"), "leadScore"), "A");
    int64_t id = json_integer_value(json_object_get(c, "id"));
    json_decref(c);

    json_decref(create(f, &crm_contacts,
                       "{\"customFields\":{\"leadScore\":\"Z\"}}",
                       -E_VALIDATION));
    json_decref(create(f, &crm_contacts,
                       "{\"customFields\":{\"unknown\":1}}", -E_VALIDATION));
    json_decref(create(f, &crm_contacts, "{\"bogus\":1}", -E_BAD_REQUEST));
    json_decref(create(f, &crm_contacts, "{\"id\":1}", -E_BAD_REQUEST));

    /* Update merges custom fields; null removes a key. */
    struct err e = ERR_INIT;
    json_t *in = json_pack("{s:{s:n}, s:s}", "customFields", "leadScore",
                           "title", "CEO");
    json_t *out = NULL;
    assert_int_equal(entity_update(&f->ctx, &crm_contacts, id, in, &out, &e),
                     0);
    assert_int_equal(json_object_size(json_object_get(out, "customFields")),
                     0);
    assert_string_equal(jx_str(out, "title"), "CEO");
    json_decref(in);
    json_decref(out);

    /* Add and remove tags on many contacts at once. */
    int64_t ids[3] = {id, 0, 0};
    for (int i = 1; i < 3; i++) {
        json_t *x = create(f, &crm_contacts, "{\"firstName\":\"X\"}", 0);
        ids[i] = json_integer_value(json_object_get(x, "id"));
        json_decref(x);
    }
    json_t *names = json_pack("[s,s]", "Interested", "SaaS");
    int64_t changed = 0;
    assert_int_equal(tags_add(&f->ctx, ids, 3, names, &changed, &e), 0);
    assert_int_equal(changed, 6);
    assert_int_equal(tags_add(&f->ctx, ids, 3, names, &changed, &e), 0);
    assert_int_equal(changed, 0); /* no duplicates */
    assert_int_equal(tags_remove(&f->ctx, ids, 2, names, &changed, &e), 0);
    assert_int_equal(changed, 4);
    json_decref(names);
    assert_int_equal(test_int(f->db, "SELECT COUNT(*) FROM contact_tags"), 4);
    err_clear(&e);
}

/* The bulk paths a step uses: rows_load keeps the order of the ids, leaves
 * out unknown ones and those of other workspaces, and reads a row listed
 * twice once per listing; tags link only this workspace's contacts, and
 * removing a tag the workspace has not got changes nothing. */
static void bulk_rows_and_tags_stay_in_workspace(void **state)
{
    struct fixture *f = *state;
    struct err e = ERR_INIT;
    int64_t ws2;
    assert_int_equal(
        identity_workspace_create(f->db, "Other", f->owner, &ws2, &e), 0);
    struct crm_ctx other = f->ctx;
    other.ws = ws2;
    json_t *co = create(f, &crm_companies, "{\"name\":\"Acme\"}", 0);
    char js[128];
    snprintf(js, sizeof js, "{\"firstName\":\"Ann\",\"companyId\":%lld}",
             (long long)json_integer_value(json_object_get(co, "id")));
    json_t *a = create(f, &crm_contacts, js, 0);
    json_t *b = create(f, &crm_contacts, "{\"firstName\":\"Bob\"}", 0);
    json_t *in = json_loads("{\"firstName\":\"Eve\"}", 0, NULL);
    json_t *x = NULL;
    assert_int_equal(entity_create(&other, &crm_contacts, in, &x, &e), 0);
    json_decref(in);
    int64_t ia = json_integer_value(json_object_get(a, "id"));
    int64_t ib = json_integer_value(json_object_get(b, "id"));
    int64_t ix = json_integer_value(json_object_get(x, "id"));

    json_t *ids = json_pack("[I, I, I, I, I]", (json_int_t)ib, (json_int_t)ix,
                            (json_int_t)ia, (json_int_t)999999, (json_int_t)ib);
    struct rows_need need = {
        .contact = entity_field_bit(&crm_contacts, "firstName"),
        .company = entity_field_bit(&crm_companies, "name")};
    json_t *rows = NULL;
    assert_int_equal(rows_load(&f->ctx, "contact", ids, &need, &rows, &e), 0);
    assert_int_equal(json_array_size(rows), 3);
    const char *want[] = {"Bob", "Ann", "Bob"};
    for (size_t i = 0; i < 3; i++) {
        json_t *c = json_object_get(json_array_get(rows, i), "contact");
        assert_string_equal(jx_str(c, "firstName"), want[i]);
    }
    assert_string_equal(
        jx_str(json_object_get(json_array_get(rows, 1), "company"), "name"),
        "Acme");
    assert_true(json_is_null(
        json_object_get(json_array_get(rows, 0), "company")));
    json_decref(rows);
    json_decref(ids);

    int64_t tag_ids[3] = {ia, ix, ib};
    json_t *names = json_pack("[s]", "Hot");
    int64_t changed = -1;
    assert_int_equal(tags_add(&f->ctx, tag_ids, 3, names, &changed, &e), 0);
    assert_int_equal(changed, 2);
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM contact_tags WHERE contact_id = %lld",
             (long long)ix);
    assert_int_equal(test_int(f->db, sql), 0);
    json_t *none = json_pack("[s]", "Never made");
    assert_int_equal(tags_remove(&f->ctx, tag_ids, 3, none, &changed, &e),
                     0);
    assert_int_equal(changed, 0);
    assert_int_equal(test_int(f->db, "SELECT COUNT(*) FROM tags WHERE name = "
                                     "'Never made'"),
                     0);
    /* The other workspace removing "Hot" from the same ids touches none of
     * this workspace's links. */
    assert_int_equal(tags_remove(&other, tag_ids, 3, names, &changed, &e), 0);
    assert_int_equal(changed, 0);
    assert_int_equal(tags_remove(&f->ctx, tag_ids, 3, names, &changed, &e),
                     0);
    assert_int_equal(changed, 2);
    json_decref(none);
    json_decref(names);
    json_decref(a);
    json_decref(b);
    json_decref(x);
    json_decref(co);
    err_clear(&e);
}

static void lists_filter_sort_paginate(void **state)
{
    struct fixture *f = *state;
    for (int i = 0; i < 25; i++) {
        char js[128];
        snprintf(js, sizeof js,
                 "{\"name\":\"Co %02d\",\"size\":%d,\"industry\":\"%s\"}", i,
                 i * 10, i % 2 ? "SaaS" : "Retail");
        json_decref(create(f, &crm_companies, js, 0));
    }
    struct list_query q = {0};
    q.limit = 10;
    q.filters[0] = (struct list_filter){
        .f = entity_field(&crm_companies, "industry"), .op = OP_EQ,
        .value = "saas"};
    q.nfilters = 1;
    q.sort = entity_field(&crm_companies, "name");
    q.desc = true;
    struct err e = ERR_INIT;
    json_t *page;
    int seen = 0;
    const char *prev = NULL;
    char cursor[256] = "";
    struct buf b;
    buf_init(&b, 0);
    for (;;) {
        q.cursor = cursor[0] ? cursor : NULL;
        buf_reset(&b);
        assert_int_equal(entity_list(&f->ctx, &crm_companies, &q, &b, &e), 0);
        page = json_loads(buf_cstr(&b), 0, NULL);
        assert_non_null(page);
        size_t i;
        json_t *row;
        json_array_foreach(json_object_get(page, "data"), i, row)
        {
            assert_string_equal(jx_str(row, "industry"), "SaaS");
            if (prev)
                assert_true(strcmp(prev, jx_str(row, "name")) > 0);
            prev = jx_str(row, "name");
            seen++;
        }
        const char *next = jx_str(page, "nextCursor");
        if (next)
            snprintf(cursor, sizeof cursor, "%s", next);
        else
            cursor[0] = '\0';
        json_decref(page); /* prev points into freed rows; reset */
        prev = NULL;
        if (!cursor[0])
            break;
    }
    assert_int_equal(seen, 12);
    q.cursor = "not-a-cursor";
    assert_int_equal(entity_list(&f->ctx, &crm_companies, &q, &b, &e),
                     -E_BAD_REQUEST);
    buf_fini(&b);
    err_clear(&e);
}

static void relative_times(void **state)
{
    (void)state;
    int64_t now = 1700000000000LL, v;
    assert_int_equal(entity_time_value("now", now, &v), 0);
    assert_int_equal(v, now);
    assert_int_equal(entity_time_value("now-7d", now, &v), 0);
    assert_int_equal(v, now - 7 * 86400000LL);
    assert_int_equal(entity_time_value("today", now, &v), 0);
    assert_int_equal(v % 86400000LL, 0);
    assert_true(v <= now && now - v < 86400000LL);
    assert_int_equal(entity_time_value("today+1d", now, &v), 0);
    assert_int_equal(entity_time_value("now - 2w", now, &v), 0);
    assert_int_equal(v, now - 14 * 86400000LL);
    assert_int_equal(entity_time_value("2026-01-01", now, &v), 0);
    assert_int_equal(entity_time_value("now-7x", now, &v), -1);
    assert_int_equal(entity_time_value("later", now, &v), -1);
}

static void agent_documents(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    json_t *ok = json_pack("{s:s, s:s}", "type", "event", "event",
                           "deal_stage_updated");
    assert_int_equal(agents_trigger_check(ok, &e), 0);
    json_decref(ok);
    json_t *bad = json_pack("{s:s}", "type", "sometimes");
    assert_int_equal(agents_trigger_check(bad, &e), -E_VALIDATION);
    json_decref(bad);
    bad = json_pack("{s:s, s:i}", "type", "manual", "x", 1);
    assert_int_equal(agents_trigger_check(bad, &e), -E_BAD_REQUEST);
    json_decref(bad);
    json_t *r = json_pack("{s:i}", "maxEmailsPerDay", -1);
    assert_int_equal(agents_restrictions_check(r, &e), -E_VALIDATION);
    json_decref(r);
    err_clear(&e);
}

static void agents_status_and_secret(void **state)
{
    struct fixture *f = *state;
    json_t *a = create(f, &crm_agents,
                       "{\"name\":\"A\",\"plan\":{\"steps\":[{\"type\":\"stop\"}]}}", 0);
    int64_t id = json_integer_value(json_object_get(a, "id"));
    json_decref(a);
    struct err e = ERR_INIT;
    char *secret = agents_webhook_secret(&f->ctx, id, &e);
    assert_non_null(secret);
    assert_int_equal(strncmp(secret, "whsec_", 6), 0);
    cry_free_secret(secret);
    json_t *out = NULL;
    assert_int_equal(agents_set_status(&f->ctx, id, "paused", &out, &e),
                     -E_CONFLICT);
    assert_int_equal(agents_set_status(&f->ctx, id, "live", &out, &e), 0);
    json_decref(out);
    assert_int_equal(entity_delete(&f->ctx, &crm_agents, id, &e), 0);
    assert_null(agents_webhook_secret(&f->ctx, id, &e));
    assert_int_equal(e.code, E_NOT_FOUND);
    /* Soft deletion keeps the row. */
    assert_int_equal(test_int(f->db, "SELECT COUNT(*) FROM agents WHERE "
                                     "deleted_at IS NOT NULL"),
                     1);
    err_clear(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(identity_login_tokens_sessions, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(contacts_with_tags_and_custom_fields,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(bulk_rows_and_tags_stay_in_workspace,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(lists_filter_sort_paginate, setup,
                                        teardown),
        cmocka_unit_test(relative_times),
        cmocka_unit_test(agent_documents),
        cmocka_unit_test_setup_teardown(agents_status_and_secret, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("crm", tests, NULL, NULL);
}
