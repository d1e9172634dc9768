/*
 * enrich: enrich_contact — looks each contact in scope up in Apollo by
 * e-mail and fills in what Apollo knows: title, phone, LinkedIn URL, city,
 * country and the company (found by name in the workspace, or created).
 * "Enrichment returned no data for [contact]" is a warning, not a
 * failure. "Apollo API rate limit exceeded" fails the step and pauses the
 * agent. Every lookup is counted (usage "apollo").
 */
#include <stdio.h>
#include <string.h>

#include "actions/action.h"
#include "actions/ext.h"
#include "actions/steps.h"
#include "connectors/providers.h"
#include "core/jsonx.h"
#include "crm/activity.h"
#include "crm/resources.h"
#include "plan/validate.h"

int act_enrich_contact(struct act_env *env, const json_t *params,
                       struct act_out *out, struct err *err)
{
    const char *provider = act_param(params, "provider");
    if (!plan_enrich_provider_known(provider))
        return err_set(err, E_VALIDATION, PLAN_ENRICH_UNSUPPORTED, provider);
    static const char *const types[] = {"apollo", NULL};
    static const struct act_need need = {
        types, "Apollo integration not connected", "connect_apollo",
        "Apollo is not connected: add an Apollo connection (API key) to "
        "enrich contacts."};
    struct act_conn conn;
    bool missing;
    int rc = act_connection(env, &need, &conn, out, &missing, err);
    if (rc || missing)
        return rc;
    rc = act_items(env, err);
    size_t n = env->items ? json_array_size(env->items) : 0, planned = 0;
    json_t *seen = NULL;
    for (size_t i = 0; !rc && i < n; i++) {
        const json_t *item = json_array_get(env->items, i);
        const json_t *c = json_object_get(item, "contact");
        char who[200];
        act_contact_name(item, who, sizeof who);
        const char *email = jx_str(c, "email");
        if (!email || !*email) {
            act_warn(out, "Contact %s has no email address to enrich by. "
                          "Skipping.",
                     who);
            continue;
        }
        if (act_repeat(env, &seen, act_item_contact(item), NULL))
            continue; /* enriched once, for its other deal */
        act_effect(env, "enrich_contact",
                   json_integer_value(json_object_get(c, "id")), conn.id,
                   json_pack("{s:s, s:s}", "email", email, "name", who), NULL,
                   true);
        planned++;
    }
    json_decref(seen);
    if (!rc && n == 0)
        act_no_contacts(env, out);
    if (!rc) {
        out->params = json_pack("{s:s}", "provider", "apollo");
        out->output = json_pack("{s:I}", "planned", (json_int_t)planned);
    }
    act_conn_fini(&conn);
    return rc;
}

static int apollo_call(struct act_io *io, const struct act_conn *conn,
                       const json_t *effect, const json_t *rq,
                       json_t **result, json_t **fresh, struct err *err)
{
    (void)effect;
    (void)fresh;
    json_t *person = NULL;
    int rc = apollo_match(io->http, conn->config, conn->credentials,
                          jx_str(rq, "email"), &person, err);
    if (!rc)
        *result = json_pack("{s:o}", "person", person);
    return rc;
}

int act_enrich_perform(struct act_io *io, const json_t *effect,
                       json_t **result, struct err *err)
{
    return act_io_call(io, effect, apollo_call, result, err);
}

/* The workspace's company of that name, created when there is none. */
static int company_for(struct act_env *env, const json_t *org, int64_t *id,
                       struct err *err)
{
    *id = 0;
    const char *name = jx_str(org, "name");
    if (!name || !*name)
        return 0;
    struct db_stmt *st = db_prepare(
        env->crm->db,
        "SELECT id FROM companies WHERE workspace_id = ?1 AND name = ?2 "
        "COLLATE NOCASE LIMIT 1",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, env->crm->ws);
    db_bind_text(st, 2, name);
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0 || *id)
        return rc < 0 ? rc : 0;
    json_t *in = json_pack("{s:s}", "name", name);
    const char *domain = jx_str(org, "primary_domain");
    if (domain)
        json_object_set_new(in, "domain", json_string(domain));
    if (jx_str(org, "industry"))
        json_object_set_new(in, "industry",
                            json_string(jx_str(org, "industry")));
    int64_t size;
    if (jx_int(org, "estimated_num_employees", &size) == 0)
        json_object_set_new(in, "size", json_integer(size));
    json_t *row = NULL;
    rc = entity_create(env->crm, &crm_companies, in, &row, err);
    json_decref(in);
    if (!rc)
        *id = json_integer_value(json_object_get(row, "id"));
    json_decref(row);
    return rc;
}

/* What Apollo knows, as contact fields. */
static json_t *contact_changes(const json_t *p, int64_t company)
{
    json_t *in = json_object();
    const char *title = jx_str(p, "title");
    if (title && *title)
        json_object_set_new(in, "title", json_string(title));
    const char *li = jx_str(p, "linkedin_url");
    if (li && *li)
        json_object_set_new(in, "linkedinUrl", json_string(li));
    json_t *phones = json_object_get(p, "phone_numbers");
    const char *phone = jx_str(json_array_get(phones, 0), "sanitized_number");
    if (!phone)
        phone = jx_str(json_array_get(phones, 0), "raw_number");
    if (phone && *phone)
        json_object_set_new(in, "phone", json_string(phone));
    if (jx_str(p, "city"))
        json_object_set_new(in, "city", json_string(jx_str(p, "city")));
    if (jx_str(p, "country"))
        json_object_set_new(in, "country", json_string(jx_str(p, "country")));
    if (company)
        json_object_set_new(in, "companyId", json_integer(company));
    return in;
}

int act_enrich_finish(struct act_env *env, const json_t *params,
                      struct act_out *out, struct err *err)
{
    (void)params;
    int early;
    if (act_failed_early(env, &early, err))
        return early;
    size_t i;
    json_t *e;
    int64_t enriched = 0, empty = 0, calls = 0;
    const json_t *fail = NULL;
    int rc = 0;
    json_t *updates = json_array();
    json_array_foreach(env->done, i, e)
    {
        if (rc)
            break;
        const char *status = jx_str(e, "status");
        const json_t *rq = json_object_get(e, "request");
        if (strcmp(status, "done") != 0) {
            if (!strcmp(status, "failed")) {
                calls++;
                int64_t code = 0;
                jx_int(e, "code", &code);
                if (!fail || code == E_RATE_LIMITED)
                    fail = e;
            }
            continue;
        }
        calls++;
        const json_t *p =
            json_object_get(json_object_get(e, "result"), "person");
        if (!json_is_object(p)) {
            empty++;
            act_warn(out, "Enrichment returned no data for %s",
                     jx_str(rq, "name"));
            continue;
        }
        int64_t contact = 0, company = 0;
        jx_int(e, "contactId", &contact);
        rc = company_for(env, json_object_get(p, "organization"), &company,
                         err);
        if (rc)
            break;
        json_t *in = contact_changes(p, company);
        if (json_object_size(in)) {
            json_t *row = NULL;
            rc = entity_update(env->crm, &crm_contacts, contact, in, &row,
                               err);
            json_decref(row);
            if (rc == -E_VALIDATION) {
                /* A value Apollo has that the contact cannot take (a URL
                 * of another form): the others still go in. */
                act_warn(out, "Enrichment of %s: %s", jx_str(rq, "name"),
                         err->msg);
                err_clear(err);
                rc = 0;
                json_decref(in);
                continue;
            }
        }
        if (!rc) {
            enriched++;
            char msg[300];
            snprintf(msg, sizeof msg, "Contact enriched from Apollo: %s",
                     jx_str(rq, "name"));
            struct activity a = {.type = "contact_enriched",
                                 .message = msg,
                                 .contact_id = contact,
                                 .data = in};
            rc = activity_add(env->crm, &a, err);
            if (json_array_size(updates) < 50)
                json_array_append_new(
                    updates, json_pack("{s:I, s:O}", "contactId",
                                       (json_int_t)contact, "fields", in));
        }
        json_decref(in);
    }
    if (!rc)
        rc = act_usage_add(env, "apollo", calls, err);
    act_count(out, "contactsEnriched", enriched);
    out->output = json_pack("{s:I, s:I, s:o}", "enriched",
                            (json_int_t)enriched, "noData", (json_int_t)empty,
                            "updates", updates);
    if (rc)
        return rc;
    if (fail) {
        int64_t code = 0;
        jx_int(fail, "code", &code);
        const char *why = jx_str(fail, "error");
        if (code == E_RATE_LIMITED) {
            rc = act_autopause(env, "Apollo API rate limit exceeded", err);
            if (rc)
                return rc;
            return err_set(err, E_RATE_LIMITED,
                           "Apollo API rate limit exceeded");
        }
        return err_set(err, E_UPSTREAM, "%s", why ? why : "Apollo failed");
    }
    return 0;
}
