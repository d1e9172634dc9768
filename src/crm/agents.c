/*
 * agents: agent definitions; see agents.h.
 */
#include "crm/agents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/cron.h"
#include "core/jsonx.h"
#include "core/tz.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "crm/lint.h"
#include "crm/resources.h"
#include "plan/compile.h"
#include "plan/validate.h"

static const char *const agent_statuses[] = {AGENT_DRAFT, AGENT_LIVE,
                                             AGENT_PAUSED, NULL};

static const struct fld agent_fields[] = {
    {"id", "id", FT_ID, F_RO | F_FILTER | F_SORT, 0, NULL, NULL, NULL},
    {"name", "name", FT_TEXT, F_REQ | F_FILTER | F_SEARCH | F_SORT, 200, NULL,
     NULL, NULL},
    {"goal", "goal", FT_TEXT, F_NOTNULL | F_SEARCH, 2000, NULL, NULL, "\"\""},
    {"instructions", "instructions", FT_TEXT, F_NOTNULL, 20000, NULL, NULL,
     "\"\""},
    {"plan", "plan", FT_JSON, 0, 0, NULL, NULL, NULL},
    {"planError", "plan_error", FT_JSON, F_RO, 0, NULL, NULL, NULL},
    {"planSource", "plan_source", FT_TEXT, F_RO, 0, NULL, NULL, NULL},
    {"status", "status", FT_ENUM, F_FILTER | F_NOTNULL | F_SORT, 0,
     agent_statuses, NULL, "\"draft\""},
    {"trigger", "trigger", FT_JSON, F_NOTNULL, 0, NULL, NULL,
     "{\"type\":\"manual\"}"},
    {"restrictions", "restrictions", FT_JSON, F_NOTNULL, 0, NULL, NULL, "{}"},
    {"memory", "memory", FT_JSON, F_NOTNULL, 0, NULL, NULL,
     "{\"enabled\":false}"},
    {"webhookSecretSealed", "webhook_secret", FT_TEXT, F_RO | F_HIDDEN, 0, NULL,
     NULL, NULL},
    {"createdBy", "created_by", FT_USER, F_RO | F_FILTER, 0, NULL, NULL, NULL},
    {"createdAt", "created_at", FT_TIME, F_RO | F_FILTER | F_SORT, 0, NULL,
     NULL, NULL},
    {"updatedAt", "updated_at", FT_TIME, F_RO | F_FILTER | F_SORT, 0, NULL,
     NULL, NULL},
    {NULL, NULL, FT_ID, 0, 0, NULL, NULL, NULL},
};

/* ---- documents ------------------------------------------------------ */

static int doc_error(struct err *err, const char *field, const char *fmt,
                     const char *arg)
{
    char msg[ERR_MSG_MAX];
    snprintf(msg, sizeof msg, fmt, arg);
    int rc = err_set(err, E_VALIDATION, "%s", msg);
    err_detail_str(err, "field", field);
    return rc;
}

/* Rejects keys of obj not in allowed (NULL-terminated). */
static int only_keys(const json_t *obj, const char *field,
                     const char *const *allowed, struct err *err)
{
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)obj, k, v)
    {
        bool ok = false;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, k) == 0)
                ok = true;
        if (!ok) {
            /* Name the keys there are: "trigger" for "triggers" in an
             * exported configuration is then a glance away. */
            struct buf b;
            buf_init(&b, 400);
            for (const char *const *a = allowed; *a; a++)
                buf_printf(&b, "%s%s", a == allowed ? "" : ", ", *a);
            char msg[600];
            snprintf(msg, sizeof msg, "Unknown key '%.100s' in %s (known: %s)",
                     k, field, buf_cstr(&b));
            buf_fini(&b);
            int rc = err_set(err, E_BAD_REQUEST, "%s", msg);
            err_detail_str(err, "field", field);
            return rc;
        }
    }
    return 0;
}

int agents_trigger_check(const json_t *t, struct err *err)
{
    if (!json_is_object(t))
        return doc_error(err, "trigger", "Field '%s' must be an object",
                         "trigger");
    const char *type = jx_str(t, "type");
    if (!type)
        return doc_error(err, "trigger",
                         "Trigger needs a 'type': %s",
                         "manual, schedule, event or webhook");
    static const char *const manual[] = {"type", "filter", NULL};
    static const char *const schedule[] = {
        "type",       "cron",     "preset", "runAt", "time", "dayOfWeek",
        "dayOfMonth", "timezone", "filter", NULL};
    static const char *const event[] = {"type", "event", "conditions",
                                        "formId", NULL};
    static const char *const webhook[] = {"type", NULL};
    const char *const *keys;
    if (strcmp(type, "manual") == 0)
        keys = manual;
    else if (strcmp(type, "schedule") == 0)
        keys = schedule;
    else if (strcmp(type, "event") == 0)
        keys = event;
    else if (strcmp(type, "webhook") == 0)
        keys = webhook;
    else
        return doc_error(err, "trigger",
                         "Trigger type '%s' is not one of manual, schedule, "
                         "event, webhook",
                         type);
    int rc = only_keys(t, "trigger", keys, err);
    if (rc)
        return rc;
    json_t *filter = json_object_get(t, "filter");
    if (filter && !json_is_object(filter))
        return doc_error(err, "trigger.filter",
                         "'%s' must be a condition object", "trigger.filter");
    if (filter && json_object_size(filter)) {
        int vrc = plan_cond_validate(filter, "trigger.filter", false, err);
        if (vrc)
            return vrc;
    }
    if (strcmp(type, "event") == 0) {
        const char *ev = jx_str(t, "event");
        if (!ev || (strcmp(ev, "contact_created") != 0 &&
                    strcmp(ev, "deal_stage_updated") != 0 &&
                    strcmp(ev, "form_submitted") != 0))
            return doc_error(err, "trigger.event",
                             "An event trigger needs 'event': %s",
                             "contact_created, deal_stage_updated or "
                             "form_submitted");
        json_t *c = json_object_get(t, "conditions");
        if (c && !json_is_object(c))
            return doc_error(err, "trigger.conditions",
                             "'%s' must be a condition object",
                             "trigger.conditions");
        if (c && json_object_size(c)) {
            int vrc = plan_cond_validate(c, "trigger.conditions", false, err);
            if (vrc)
                return vrc;
        }
    }
    if (strcmp(type, "schedule") == 0) {
        int ways = (json_object_get(t, "cron") != NULL) +
                   (json_object_get(t, "preset") != NULL) +
                   (json_object_get(t, "runAt") != NULL);
        if (ways != 1)
            return doc_error(err, "trigger",
                             "A schedule trigger needs one of %s",
                             "'cron' (5 fields), 'preset' (hourly, daily, "
                             "weekly, monthly) or 'runAt' (one run at that "
                             "time)");
        json_t *at = json_object_get(t, "runAt");
        int64_t ms;
        if (at) {
            /* Whether it is still to come depends on the time zone and
             * the clock: the engine says so when it plans the run. */
            if (!json_is_string(at) ||
                clock_parse_iso(json_string_value(at), &ms))
                return doc_error(err, "trigger.runAt",
                                 "'%s' must be an ISO 8601 date-time such "
                                 "as 2026-12-01T09:00:00Z (without an "
                                 "offset: in the schedule's time zone)",
                                 "runAt");
        } else {
            /* The schedule must be one the engine can compute. */
            char expr[64];
            struct cron c;
            rc = cron_from_trigger(t, expr, err);
            if (!rc)
                rc = cron_parse(expr, &c, err);
            if (rc) {
                err_detail_str(err, "field", "trigger");
                return rc;
            }
            if (!cron_ever(&c))
                return doc_error(err, "trigger",
                                 "Cron expression '%s' never fires: no "
                                 "month has that day (such as 30 February)",
                                 expr);
        }
        json_t *zone = json_object_get(t, "timezone");
        if (zone) {
            struct tz *z = NULL;
            if (!json_is_string(zone) ||
                tz_load(json_string_value(zone), NULL, &z, err)) {
                err_clear(err);
                return doc_error(err, "trigger.timezone",
                                 "Unknown time zone in %s; use a name such "
                                 "as Europe/Berlin or UTC",
                                 "trigger.timezone");
            }
            tz_free(z);
        }
    }
    return 0;
}

int agents_restrictions_check(const json_t *r, struct err *err)
{
    if (!json_is_object(r))
        return doc_error(err, "restrictions", "Field '%s' must be an object",
                         "restrictions");
    static const char *const keys[] = {"maxEmailsPerDay",
                                       "maxLinkedInInvitesPerDay",
                                       "maxContactsPerRun",
                                       "maxRunsPerDay",
                                       "maxRunsPerMinute",
                                       "maxRunSeconds", NULL};
    int rc = only_keys(r, "restrictions", keys, err);
    if (rc)
        return rc;
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)r, k, v)
    {
        if (!json_is_integer(v) || json_integer_value(v) < 0 ||
            json_integer_value(v) > 1000000)
            return doc_error(err, "restrictions",
                             "restrictions.%s must be an integer from 0 to "
                             "1000000",
                             k);
    }
    return 0;
}

int agents_memory_check(const json_t *m, struct err *err)
{
    if (!json_is_object(m))
        return doc_error(err, "memory", "Field '%s' must be an object",
                         "memory");
    static const char *const keys[] = {"enabled", NULL};
    int rc = only_keys(m, "memory", keys, err);
    if (rc)
        return rc;
    json_t *en = json_object_get(m, "enabled");
    if (en && !json_is_boolean(en))
        return doc_error(err, "memory", "%s must be true or false",
                         "memory.enabled");
    return 0;
}

/* ---- hooks ---------------------------------------------------------- */

/* Keeps plan, planError and planSource in step with what was written:
 * - a plan given directly is only validated (422 when invalid);
 * - new instructions are parsed (rule parser, then the model fallback when
 *   configured); a Draft agent keeps the parse error in planError for the
 *   builder to show, a Live or Paused agent refuses the change, so that a
 *   running agent never loses its plan to a typo;
 * - "plan": null asks for the instructions to be parsed again. */
static int agent_plan(struct crm_ctx *ctx, json_t *row, const json_t *old,
                      const json_t *input, struct err *err)
{
    json_t *given = json_object_get(input, "plan");
    bool reparse = !old || json_object_get(input, "instructions") ||
                   (given && json_is_null(given));
    if (given && !json_is_null(given)) {
        if (!json_is_object(given))
            return doc_error(err, "plan", "Field '%s' must be an object",
                             "plan");
        int rc = plan_validate(given, err);
        if (rc) {
            err_prefix(err, "Invalid plan: ");
            return rc;
        }
        json_object_set_new(row, "planError", json_null());
        json_object_set_new(row, "planSource", json_string("manual"));
        return 0;
    }
    if (!reparse)
        return 0;
    const char *ins = jx_str(row, "instructions");
    if (!ins || !*ins) {
        json_object_set_new(row, "plan", json_null());
        json_object_set_new(row, "planError", json_null());
        json_object_set_new(row, "planSource", json_null());
        return 0;
    }
    json_t *plan = NULL, *trigger = NULL;
    const char *source = NULL;
    struct err perr = ERR_INIT;
    if (plan_compile(ins, strlen(ins), ctx->planner, &plan, &trigger, &source,
                     &perr) == 0) {
        json_object_set_new(row, "plan", plan);
        json_object_set_new(row, "planError", json_null());
        json_object_set_new(row, "planSource", json_string(source));
        /* "Every Monday at 9am, ..." sets the trigger, unless the same
         * request sets one itself. */
        if (trigger && !json_object_get(input, "trigger")) {
            int rc = agents_trigger_check(trigger, err);
            if (rc) {
                json_decref(trigger);
                return rc;
            }
            json_object_set_new(row, "trigger", trigger);
        } else {
            json_decref(trigger);
        }
        return 0;
    }
    const char *status = old ? jx_str(old, "status") : AGENT_DRAFT;
    if (status && strcmp(status, AGENT_DRAFT) != 0) {
        /* Hand the parse error to the caller as it is. */
        err_move(err, &perr);
        err_detail_str(err, "field", "instructions");
        return -E_VALIDATION;
    }
    json_t *details = perr.details ? json_incref(perr.details) : json_object();
    json_t *pe = json_pack("{s:s, s:o}", "message", perr.msg, "details",
                           details);
    err_clear(&perr);
    json_object_set_new(row, "plan", json_null());
    json_object_set_new(row, "planError", pe);
    json_object_set_new(row, "planSource", json_null());
    return 0;
}

struct cond_refusal {
    const char *path;
    struct err *err;
};

static int refuse_unknown(void *arg, const char *field)
{
    struct cond_refusal *r = arg;
    int rc = err_set(r->err, E_VALIDATION,
                     "Field '%s' in %s is neither a %.*s field nor a custom "
                     "field of this workspace: create the custom field "
                     "first, or correct the name",
                     field, r->path, (int)(strchr(field, '.') - field),
                     field);
    err_detail_str(r->err, "field", r->path);
    return rc;
}

/* Every contact, company and deal field a trigger's condition names is
 * one the records have: built in, or a custom field of the workspace.
 * A plan may name a field that does not exist (the step log then warns
 * "Defaulting to false"), but a trigger's condition is checked where no
 * log is: a misspelt field would keep the agent from ever running, in
 * silence. */
static int cond_fields_check(struct crm_ctx *ctx, const json_t *c,
                             const char *path, struct err *err)
{
    struct cond_refusal r = {path, err};
    return lint_cond_unknown(ctx, c, NULL, refuse_unknown, &r, err);
}

static bool transition_ok(const char *from, const char *to)
{
    if (strcmp(from, to) == 0)
        return true;
    return (strcmp(from, AGENT_DRAFT) == 0 && strcmp(to, AGENT_LIVE) == 0) ||
           (strcmp(from, AGENT_LIVE) == 0 && strcmp(to, AGENT_PAUSED) == 0) ||
           (strcmp(from, AGENT_PAUSED) == 0 && strcmp(to, AGENT_LIVE) == 0) ||
           (strcmp(from, AGENT_PAUSED) == 0 && strcmp(to, AGENT_DRAFT) == 0);
}

static int agent_before(struct crm_ctx *ctx, const struct entity *e,
                        json_t *row, const json_t *old, const json_t *input,
                        struct err *err)
{
    (void)e;
    (void)input;
    int rc = agents_trigger_check(json_object_get(row, "trigger"), err);
    if (!rc)
        rc = agents_restrictions_check(json_object_get(row, "restrictions"),
                                       err);
    if (!rc)
        rc = agents_memory_check(json_object_get(row, "memory"), err);
    if (rc)
        return rc;
    rc = agent_plan(ctx, row, old, input, err);
    /* the trigger as saved: the request's, or the one the instructions'
     * opening words set */
    const json_t *trigger = json_object_get(row, "trigger");
    if (!rc)
        rc = cond_fields_check(ctx, json_object_get(trigger, "conditions"),
                               "trigger.conditions", err);
    if (!rc)
        rc = cond_fields_check(ctx, json_object_get(trigger, "filter"),
                               "trigger.filter", err);
    if (rc)
        return rc;
    json_t *plan = json_object_get(row, "plan");

    const char *to = jx_str(row, "status");
    if (old) {
        const char *from = jx_str(old, "status");
        if (!transition_ok(from, to)) {
            rc = err_set(err, E_CONFLICT,
                         "An agent cannot go from %s to %s (allowed: draft "
                         "-> live -> paused -> live, paused -> draft)",
                         from, to);
            err_detail_str(err, "field", "status");
            return rc;
        }
    } else {
        if (ctx->user_id)
            json_object_set_new(row, "createdBy", json_integer(ctx->user_id));
        char secret[CRY_TOKEN_MAX];
        cry_token_new("whsec_", secret);
        char *sealed = cry_seal(ctx->key, secret, strlen(secret));
        json_object_set_new(row, "webhookSecretSealed", json_string(sealed));
        free(sealed);
    }
    /* An agent goes Live only with a plan the engine can run. */
    if (strcmp(to, AGENT_LIVE) == 0 &&
        (!old || strcmp(jx_str(old, "status"), AGENT_LIVE) != 0)) {
        if (!json_is_object(plan)) {
            rc = err_set(err, E_CONFLICT,
                         "This agent has no valid plan yet, so it cannot go "
                         "Live. Fix its instructions first.");
            err_detail(err, "planError",
                       json_incref(json_object_get(row, "planError")));
            return rc;
        }
    }
    return 0;
}

static void agent_render(struct crm_ctx *ctx, const struct entity *e,
                         json_t *row)
{
    (void)e;
    char url[64];
    snprintf(url, sizeof url, "/api/hooks/%lld",
             (long long)json_integer_value(json_object_get(row, "id")));
    json_object_set_new(row, "webhookUrl", json_string(url));
    /* A Live agent's next scheduled run; a Paused one's is skipped. */
    const json_t *t = json_object_get(row, "trigger");
    if (ctx->next_run && jx_str(t, "type") &&
        !strcmp(jx_str(t, "type"), "schedule")) {
        int64_t at = !strcmp(jx_str(row, "status"), AGENT_LIVE)
                         ? ctx->next_run(ctx, json_integer_value(
                                                json_object_get(row, "id")))
                         : 0;
        char when[40];
        if (at)
            clock_format_iso(at, when, sizeof when);
        json_object_set_new(row, "nextRunAt",
                            at ? json_string(when) : json_null());
    }
    /* What the plan names that the workspace does not have (crm/lint.h) */
    const json_t *plan = json_object_get(row, "plan");
    json_t *warnings = json_is_object(plan)
                           ? lint_plan(ctx, plan, t,
                                       json_integer_value(json_object_get(
                                           row, "createdBy")))
                           : json_array();
    json_object_set_new(row, "planWarnings",
                        warnings ? warnings : json_null());
    if (!ctx->show_secrets || !ctx->key)
        return;
    struct err e2 = ERR_INIT;
    char *secret = cry_open(ctx->key, jx_str(row, "webhookSecretSealed"), &e2);
    if (secret)
        json_object_set_new(row, "webhookSecret", json_string(secret));
    cry_free_secret(secret);
    err_clear(&e2);
}

static int agent_after(struct crm_ctx *ctx, const struct entity *e,
                       int64_t id, const json_t *row, const json_t *old,
                       struct err *err)
{
    (void)e;
    return ctx->on_agent ? ctx->on_agent(ctx, id, row, old, err) : 0;
}

static int agent_delete(struct crm_ctx *ctx, const struct entity *e,
                        int64_t id, const json_t *row, const json_t *old,
                        struct err *err)
{
    (void)e;
    (void)old;
    return ctx->on_agent ? ctx->on_agent(ctx, id, NULL, row, err) : 0;
}

const struct entity crm_agents = {
    .name = "agent",
    .label = "Agent",
    .plural = "agents",
    .table = "agents",
    .fields = agent_fields,
    .soft_delete = true,
    .has_updated_at = true,
    .before_write = agent_before,
    .after_write = agent_after,
    .before_delete = agent_delete,
    .render = agent_render,
};

/* ---- operations ----------------------------------------------------- */

int agents_preview(struct crm_ctx *ctx, const json_t *input, json_t **out,
                   struct err *err)
{
    *out = NULL;
    static const char *const keys[] = {"instructions", "plan", NULL};
    int rc = only_keys(input, "request", keys, err);
    if (rc)
        return rc;
    json_t *plan = json_object_get(input, "plan");
    const char *ins = jx_str(input, "instructions");
    if (plan) {
        if (!json_is_object(plan))
            return doc_error(err, "plan", "Field '%s' must be an object",
                             "plan");
        rc = plan_validate(plan, err);
        if (rc) {
            err_prefix(err, "Invalid plan: ");
            return rc;
        }
        *out = json_pack("{s:O, s:s, s:o*}", "plan", plan, "source",
                         "manual", "warnings",
                         lint_plan(ctx, plan, NULL, ctx->user_id));
        return 0;
    }
    if (!ins) {
        json_t *v = json_object_get(input, "instructions");
        if (v && !json_is_string(v))
            return err_set(err, E_BAD_REQUEST,
                           "Field 'instructions' must be a string");
        return doc_error(err, "instructions",
                         "Send '%s' (text) or 'plan' (JSON)",
                         "instructions");
    }
    const char *source;
    json_t *p = NULL, *trigger = NULL;
    rc = plan_compile(ins, strlen(ins), ctx->planner, &p, &trigger, &source,
                      err);
    if (rc)
        return rc;
    json_t *manual = json_pack("{s:s}", "type", "manual");
    json_t *warnings = lint_plan(ctx, p, trigger ? trigger : manual,
                                 ctx->user_id);
    json_decref(manual);
    *out = json_pack("{s:o, s:s, s:o, s:o*}", "plan", p, "source", source,
                     "trigger", trigger ? trigger : json_null(), "warnings",
                     warnings);
    return 0;
}

int agents_set_status(struct crm_ctx *ctx, int64_t id, const char *status,
                      json_t **out, struct err *err)
{
    json_t *in = json_pack("{s:s}", "status", status);
    int rc = entity_update(ctx, &crm_agents, id, in, out, err);
    json_decref(in);
    return rc;
}

int agents_export(struct crm_ctx *ctx, int64_t id, json_t **out,
                  struct err *err)
{
    json_t *a = NULL;
    int rc = entity_get(ctx, &crm_agents, id, &a, err);
    if (rc)
        return rc;
    *out = json_pack("{s:i, s:O, s:O, s:O, s:O, s:O, s:O}", "version", 1,
                     "name", json_object_get(a, "name"), "goal",
                     json_object_get(a, "goal"), "instructions",
                     json_object_get(a, "instructions"), "triggers",
                     json_object_get(a, "trigger"), "restrictions",
                     json_object_get(a, "restrictions"), "memory",
                     json_object_get(a, "memory"));
    json_decref(a);
    return 0;
}

static int name_taken(struct crm_ctx *ctx, const char *name, struct err *err)
{
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT 1 FROM agents WHERE workspace_id = ?1 AND name = ?2 AND "
        "deleted_at IS NULL",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_text(st, 2, name);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : rc == DB_ROW;
}

int agents_import(struct crm_ctx *ctx, const json_t *config, json_t **out,
                  struct err *err)
{
    *out = NULL;
    if (!json_is_object(config))
        return err_set(err, E_BAD_REQUEST,
                       "Expected an exported agent configuration object");
    static const char *const keys[] = {"version",      "name",
                                       "goal",         "instructions",
                                       "triggers",     "restrictions",
                                       "memory",       NULL};
    int rc = only_keys(config, "configuration", keys, err);
    if (rc)
        return rc;
    json_t *version = json_object_get(config, "version");
    if (version && (!json_is_integer(version) ||
                    json_integer_value(version) != 1))
        return doc_error(err, "version",
                         "Unsupported configuration version (expected %s)",
                         "1");
    const char *name = jx_str(config, "name");
    if (!name || !*name)
        return doc_error(err, "name", "Field '%s' is required", "name");
    json_t *in = json_object();
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)config, k, v)
    {
        if (strcmp(k, "version") == 0)
            continue;
        json_object_set(in, strcmp(k, "triggers") == 0 ? "trigger" : k, v);
    }
    rc = db_tx_begin(ctx->db, err);
    if (rc)
        goto out;
    char unique[260];
    snprintf(unique, sizeof unique, "%s", name);
    for (int n = 2; n < 1000; n++) {
        rc = name_taken(ctx, unique, err);
        if (rc <= 0)
            break;
        snprintf(unique, sizeof unique, "%.200s (%d)", name, n);
    }
    if (rc < 0)
        goto rollback;
    json_object_set_new(in, "name", json_string(unique));
    rc = entity_create(ctx, &crm_agents, in, out, err);
    if (rc)
        goto rollback;
    rc = db_tx_commit(ctx->db, err);
    if (rc == 0)
        goto out;
rollback:
    db_tx_rollback(ctx->db);
    json_decref(*out);
    *out = NULL;
out:
    json_decref(in);
    return rc;
}

char *agents_webhook_secret(struct crm_ctx *ctx, int64_t id, struct err *err)
{
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT webhook_secret FROM agents WHERE workspace_id = ?1 AND id = "
        "?2 AND deleted_at IS NULL",
        err);
    if (!st)
        return NULL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, id);
    char *secret = NULL;
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        secret = cry_open(ctx->key, db_col_text(st, 0), err);
    else if (rc == DB_DONE)
        err_set(err, E_NOT_FOUND, "Agent %lld not found", (long long)id);
    db_reset(st);
    return secret;
}
