/*
 * resources: field tables and hooks of the CRM resources.
 *
 * Agents live in agents.c (they carry plans, status rules and secrets).
 */
#include "crm/resources.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/jsonx.h"
#include "core/str.h"
#include "crm/custom.h"
#include "crm/events.h"
#include "crm/tags.h"

#define RO_ID {"id", "id", FT_ID, F_RO | F_FILTER | F_SORT, 0, NULL, NULL, NULL}
#define CREATED_AT                                                            \
    {"createdAt", "created_at", FT_TIME, F_RO | F_FILTER | F_SORT, 0, NULL,   \
     NULL, NULL}
#define UPDATED_AT                                                            \
    {"updatedAt", "updated_at", FT_TIME, F_RO | F_FILTER | F_SORT, 0, NULL,   \
     NULL, NULL}
#define CUSTOM {"customFields", "custom", FT_CUSTOM, 0, 0, NULL, NULL, NULL}
#define END {NULL, NULL, FT_ID, 0, 0, NULL, NULL, NULL}

/* ---- contacts ------------------------------------------------------- */

static const struct fld contact_fields[] = {
    RO_ID,
    {"firstName", "first_name", FT_TEXT,
     F_FILTER | F_SEARCH | F_SORT | F_NOTNULL, 200, NULL, NULL, "\"\""},
    {"lastName", "last_name", FT_TEXT, F_FILTER | F_SEARCH | F_SORT | F_NOTNULL,
     200, NULL, NULL, "\"\""},
    {"email", "email", FT_TEXT, F_FILTER | F_SEARCH | F_EMAIL, 254, NULL, NULL,
     NULL},
    {"phone", "phone", FT_TEXT, F_FILTER, 50, NULL, NULL, NULL},
    {"title", "title", FT_TEXT, F_FILTER | F_SEARCH, 200, NULL, NULL, NULL},
    {"status", "status", FT_TEXT, F_FILTER | F_NOTNULL | F_SORT, 50, NULL, NULL,
     "\"Lead\""},
    {"tags", "id", FT_TAGS, F_FILTER, 0, NULL, NULL, NULL},
    {"linkedinUrl", "linkedin_url", FT_TEXT, F_FILTER | F_URL, 500, NULL, NULL,
     NULL},
    {"source", "source", FT_TEXT, F_FILTER, 100, NULL, NULL, NULL},
    {"replied", "replied", FT_BOOL, F_FILTER | F_NOTNULL, 0, NULL, NULL,
     "false"},
    {"openedEmail", "opened_email", FT_BOOL, F_FILTER | F_NOTNULL, 0, NULL,
     NULL, "false"},
    {"interested", "interested", FT_BOOL, F_FILTER | F_NOTNULL, 0, NULL, NULL,
     "false"},
    {"lastContactedAt", "last_contacted_at", FT_TIME, F_FILTER, 0, NULL, NULL,
     NULL},
    {"ownerId", "owner_id", FT_USER, F_FILTER, 0, NULL, NULL, NULL},
    {"companyId", "company_id", FT_REF, F_FILTER, 0, NULL, "companies", NULL},
    {"city", "city", FT_TEXT, F_FILTER, 100, NULL, NULL, NULL},
    {"country", "country", FT_TEXT, F_FILTER, 100, NULL, NULL, NULL},
    CUSTOM,
    CREATED_AT,
    UPDATED_AT,
    END,
};

static int contact_after(struct crm_ctx *ctx, const struct entity *e,
                         int64_t id, const json_t *row, const json_t *old,
                         struct err *err)
{
    (void)e;
    json_t *tags = json_object_get(row, "tags");
    if (!old || !json_equal(tags, json_object_get(old, "tags"))) {
        int rc = tags_set_contact(ctx, id, tags, err);
        if (rc)
            return rc;
    }
    if (!old) {
        json_t *data = json_pack("{s:I}", "contactId", (json_int_t)id);
        int rc = crm_event_record(ctx, EV_CONTACT_CREATED, "contact", id, data,
                                  err);
        json_decref(data);
        return rc;
    }
    return 0;
}

const struct entity crm_contacts = {
    .name = "contact",
    .label = "Contact",
    .plural = "contacts",
    .table = "contacts",
    .fields = contact_fields,
    .custom_entity = "contact",
    .has_updated_at = true,
    .after_write = contact_after,
};

/* ---- companies ------------------------------------------------------ */

static const struct fld company_fields[] = {
    RO_ID,
    {"name", "name", FT_TEXT, F_REQ | F_FILTER | F_SEARCH | F_SORT, 200, NULL,
     NULL, NULL},
    {"domain", "domain", FT_TEXT, F_FILTER | F_SEARCH, 253, NULL, NULL, NULL},
    {"industry", "industry", FT_TEXT, F_FILTER, 100, NULL, NULL, NULL},
    {"size", "size", FT_INT, F_FILTER, 0, NULL, NULL, NULL},
    {"country", "country", FT_TEXT, F_FILTER, 100, NULL, NULL, NULL},
    CUSTOM,
    CREATED_AT,
    UPDATED_AT,
    END,
};

const struct entity crm_companies = {
    .name = "company",
    .label = "Company",
    .plural = "companies",
    .table = "companies",
    .fields = company_fields,
    .custom_entity = "company",
    .has_updated_at = true,
};

/* ---- deals ---------------------------------------------------------- */

const char *const crm_deal_stages[] = {"Lead",        "Qualified",
                                       "Proposal",    "Negotiation",
                                       "Closed Won",  "Closed Lost",
                                       NULL};

static const struct fld deal_fields[] = {
    RO_ID,
    {"name", "name", FT_TEXT, F_REQ | F_FILTER | F_SEARCH | F_SORT, 200, NULL,
     NULL, NULL},
    {"value", "value", FT_NUM, F_FILTER | F_SORT | F_NOTNULL, 0, NULL, NULL,
     "0"},
    {"stage", "stage", FT_ENUM, F_FILTER | F_SORT | F_NOTNULL, 0,
     crm_deal_stages, NULL, "\"Lead\""},
    {"ownerId", "owner_id", FT_USER, F_FILTER, 0, NULL, NULL, NULL},
    {"contactId", "contact_id", FT_REF, F_FILTER, 0, NULL, "contacts", NULL},
    {"companyId", "company_id", FT_REF, F_FILTER, 0, NULL, "companies", NULL},
    {"closeDate", "close_date", FT_TIME, F_FILTER, 0, NULL, NULL, NULL},
    CUSTOM,
    CREATED_AT,
    UPDATED_AT,
    END,
};

static int deal_after(struct crm_ctx *ctx, const struct entity *e, int64_t id,
                      const json_t *row, const json_t *old, struct err *err)
{
    (void)e;
    if (!old)
        return 0;
    const char *was = jx_str(old, "stage"), *now = jx_str(row, "stage");
    if (!was || !now || strcmp(was, now) == 0)
        return 0;
    json_t *data = json_pack("{s:I, s:s, s:s}", "dealId", (json_int_t)id,
                             "previousStage", was, "stage", now);
    int rc = crm_event_record(ctx, EV_DEAL_STAGE_UPDATED, "deal", id, data,
                              err);
    json_decref(data);
    return rc;
}

const struct entity crm_deals = {
    .name = "deal",
    .label = "Deal",
    .plural = "deals",
    .table = "deals",
    .fields = deal_fields,
    .custom_entity = "deal",
    .has_updated_at = true,
    .after_write = deal_after,
};

/* ---- tasks ---------------------------------------------------------- */

static const char *const task_statuses[] = {"open", "done", NULL};

static const struct fld task_fields[] = {
    RO_ID,
    {"title", "title", FT_TEXT, F_REQ | F_FILTER | F_SEARCH | F_SORT, 500,
     NULL, NULL, NULL},
    {"description", "description", FT_TEXT, 0, 10000, NULL, NULL, NULL},
    {"status", "status", FT_ENUM, F_FILTER | F_NOTNULL | F_SORT, 0,
     task_statuses, NULL, "\"open\""},
    {"dueAt", "due_at", FT_TIME, F_FILTER, 0, NULL, NULL, NULL},
    {"assigneeId", "assignee_id", FT_USER, F_FILTER, 0, NULL, NULL, NULL},
    {"contactId", "contact_id", FT_REF, F_FILTER, 0, NULL, "contacts", NULL},
    {"dealId", "deal_id", FT_REF, F_FILTER, 0, NULL, "deals", NULL},
    {"createdByUserId", "created_by_user_id", FT_USER, F_RO | F_FILTER, 0,
     NULL, NULL, NULL},
    {"createdByAgentId", "created_by_agent_id", FT_INT, F_RO | F_FILTER, 0,
     NULL, NULL, NULL},
    {"executionId", "execution_id", FT_INT, F_RO | F_FILTER, 0, NULL, NULL,
     NULL},
    {"completedAt", "completed_at", FT_TIME, F_RO, 0, NULL, NULL, NULL},
    CREATED_AT,
    UPDATED_AT,
    END,
};

static int task_before(struct crm_ctx *ctx, const struct entity *e,
                       json_t *row, const json_t *old, const json_t *input,
                       struct err *err)
{
    (void)e;
    (void)input;
    (void)err;
    if (!old) {
        if (ctx->user_id)
            json_object_set_new(row, "createdByUserId",
                                json_integer(ctx->user_id));
        if (ctx->agent_id)
            json_object_set_new(row, "createdByAgentId",
                                json_integer(ctx->agent_id));
        if (ctx->execution_id)
            json_object_set_new(row, "executionId",
                                json_integer(ctx->execution_id));
    }
    const char *st = jx_str(row, "status");
    const char *was = old ? jx_str(old, "status") : NULL;
    if (st && strcmp(st, "done") == 0 && (!was || strcmp(was, "done") != 0))
        json_object_set_new(row, "completedAt", json_integer(clock_now_ms()));
    else if (st && strcmp(st, "done") != 0)
        json_object_set_new(row, "completedAt", json_null());
    return 0;
}

const struct entity crm_tasks = {
    .name = "task",
    .label = "Task",
    .plural = "tasks",
    .table = "tasks",
    .fields = task_fields,
    .has_updated_at = true,
    .before_write = task_before,
};

/* ---- tags ----------------------------------------------------------- */

static const struct fld tag_fields[] = {
    RO_ID,
    {"name", "name", FT_TEXT, F_REQ | F_FILTER | F_SEARCH | F_SORT, 64, NULL,
     NULL, NULL},
    {"color", "color", FT_TEXT, 0, 20, NULL, NULL, NULL},
    CREATED_AT,
    UPDATED_AT,
    END,
};

static int tag_before(struct crm_ctx *ctx, const struct entity *e,
                      json_t *row, const json_t *old, const json_t *input,
                      struct err *err)
{
    (void)ctx;
    (void)e;
    (void)old;
    (void)input;
    /* Same rules as tags given on a contact: trimmed, 1..64 bytes. */
    json_t *one = json_pack("[O]", json_object_get(row, "name"));
    json_t *norm = NULL;
    int rc = tags_normalize(one, "name", &norm, err);
    if (rc == 0)
        json_object_set(row, "name", json_array_get(norm, 0));
    json_decref(one);
    json_decref(norm);
    return rc;
}

const struct entity crm_tags = {
    .name = "tag",
    .label = "Tag",
    .plural = "tags",
    .table = "tags",
    .fields = tag_fields,
    .has_updated_at = true,
    .before_write = tag_before,
};

/* ---- custom field definitions ---------------------------------------- */

static const char *const custom_entities[] = {"contact", "company", "deal",
                                              NULL};
static const char *const custom_types[] = {"string", "number",  "date",
                                           "boolean", "enum",   NULL};

static const struct fld custom_field_fields[] = {
    RO_ID,
    {"entity", "entity", FT_ENUM, F_REQ | F_CREATE | F_FILTER, 0,
     custom_entities, NULL, "\"contact\""},
    {"key", "key", FT_TEXT, F_REQ | F_CREATE | F_FILTER | F_SORT, 60, NULL,
     NULL, NULL},
    {"label", "label", FT_TEXT, F_NOTNULL, 200, NULL, NULL, "\"\""},
    {"type", "type", FT_ENUM, F_REQ | F_CREATE | F_FILTER, 0, custom_types,
     NULL, NULL},
    {"options", "options", FT_JSON, 0, 0, NULL, NULL, NULL},
    CREATED_AT,
    UPDATED_AT,
    END,
};

static int custom_field_before(struct crm_ctx *ctx, const struct entity *e,
                               json_t *row, const json_t *old,
                               const json_t *input, struct err *err)
{
    (void)ctx;
    (void)e;
    (void)old;
    (void)input;
    return custom_def_check(row, err);
}

const struct entity crm_custom_fields = {
    .name = "custom field",
    .label = "Custom field",
    .plural = "custom-fields",
    .table = "custom_field_defs",
    .fields = custom_field_fields,
    .has_updated_at = true,
    .before_write = custom_field_before,
};

/* ---- email templates ------------------------------------------------ */

static const struct fld template_fields[] = {
    RO_ID,
    {"name", "name", FT_TEXT, F_REQ | F_FILTER | F_SEARCH | F_SORT, 200, NULL,
     NULL, NULL},
    {"subject", "subject", FT_TEXT, F_REQ | F_SEARCH, 998, NULL, NULL, NULL},
    {"body", "body", FT_TEXT, F_REQ, 100000, NULL, NULL, NULL},
    CREATED_AT,
    UPDATED_AT,
    END,
};

const struct entity crm_email_templates = {
    .name = "email template",
    .label = "Email template",
    .plural = "email-templates",
    .table = "email_templates",
    .fields = template_fields,
    .has_updated_at = true,
};

/* ---- connections ---------------------------------------------------- */

const char *const crm_connection_types[] = {
    "smtp",     "gmail",  "resend",     "sendgrid", "outbox",
    "linkedin", "apollo", "web_search", "slack",    NULL};
static const char *const connection_statuses[] = {"connected", "disconnected",
                                                  "error", NULL};

static const struct fld connection_fields[] = {
    RO_ID,
    {"type", "type", FT_ENUM, F_REQ | F_CREATE | F_FILTER, 0,
     crm_connection_types, NULL, NULL},
    {"name", "name", FT_TEXT, F_REQ | F_FILTER | F_SORT, 100, NULL, NULL,
     NULL},
    {"config", "config", FT_JSON, F_NOTNULL, 0, NULL, NULL, "{}"},
    {"credentials", "secret", FT_SECRET, 0, 0, NULL, NULL, NULL},
    {"status", "status", FT_ENUM, F_FILTER | F_NOTNULL, 0, connection_statuses,
     NULL, "\"connected\""},
    {"lastError", "last_error", FT_TEXT, F_RO, 0, NULL, NULL, NULL},
    CREATED_AT,
    UPDATED_AT,
    END,
};

__attribute__((format(printf, 3, 4))) static int
conn_error(struct err *err, const char *field, const char *fmt, ...)
{
    char msg[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int rc = err_set(err, E_VALIDATION, "%s", msg);
    err_detail_str(err, "field", field);
    return rc;
}

/* What each kind of connection needs to work: checked when saved, so that
 * a run does not discover it. */
static int connection_check(const char *type, const json_t *config,
                            const json_t *creds, bool has_creds,
                            struct err *err)
{
    static const char *const urls[] = {"baseUrl", "tokenUrl", NULL};
    for (const char *const *u = urls; *u; u++) {
        const char *v = jx_str(config, *u);
        if (json_object_get(config, *u) &&
            (!v || (!str_starts_with_ci(v, "http://") &&
                    !str_starts_with_ci(v, "https://"))))
            return conn_error(err, "config",
                              "config.%s must be an http(s) URL", *u);
    }
    bool email = !strcmp(type, "smtp") || !strcmp(type, "gmail") ||
                 !strcmp(type, "resend");
    const char *from = jx_str(config, "from");
    if (email && (!from || !str_email_valid(from)))
        return conn_error(err, "config",
                          "A %s connection needs config.from, the sender "
                          "address",
                          type);
    if (!strcmp(type, "smtp")) {
        const char *host = jx_str(config, "host");
        const char *sec = jx_str(config, "security");
        int64_t port;
        if (!host || !*host)
            return conn_error(err, "config",
                              "An smtp connection needs config.host");
        if (sec && strcmp(sec, "starttls") && strcmp(sec, "tls") &&
            strcmp(sec, "none"))
            return conn_error(err, "config",
                              "config.security must be starttls, tls or "
                              "none, not '%s'",
                              sec);
        if (json_object_get(config, "port") &&
            (jx_int(config, "port", &port) || port < 1 || port > 65535))
            return conn_error(err, "config",
                              "config.port must be a port number");
    }
    if (!creds)
        return has_creds ||
                       !strcmp(type, "outbox") || !strcmp(type, "smtp")
                   ? 0
                   : conn_error(err, "credentials",
                                "A %s connection needs credentials", type);
    bool str = json_is_string(creds), obj = json_is_object(creds);
    if ((!strcmp(type, "gmail") || !strcmp(type, "linkedin")) &&
        (!obj || (!jx_str(creds, "accessToken") &&
                  !jx_str(creds, "refreshToken"))))
        return conn_error(err, "credentials",
                          "%s credentials are {\"accessToken\", "
                          "\"refreshToken\", \"clientSecret\"}",
                          type);
    if ((!strcmp(type, "resend") || !strcmp(type, "apollo") ||
         !strcmp(type, "web_search")) &&
        !(str || (obj && jx_str(creds, "apiKey"))))
        return conn_error(err, "credentials",
                          "%s credentials are the API key (a string)", type);
    if (!strcmp(type, "slack") &&
        !(str || (obj && (jx_str(creds, "webhookUrl") ||
                          jx_str(creds, "botToken")))))
        return conn_error(err, "credentials",
                          "slack credentials are an incoming webhook URL or "
                          "{\"botToken\"}");
    if (!strcmp(type, "smtp") && !(str || (obj && jx_str(creds, "password"))))
        return conn_error(err, "credentials",
                          "smtp credentials are the password");
    return 0;
}

static int connection_before(struct crm_ctx *ctx, const struct entity *e,
                             json_t *row, const json_t *old,
                             const json_t *input, struct err *err)
{
    (void)ctx;
    (void)e;
    if (!json_is_object(json_object_get(row, "config"))) {
        int rc = err_set(err, E_BAD_REQUEST,
                         "Field 'config' must be a JSON object");
        err_detail_str(err, "field", "config");
        return rc;
    }
    const char *type = jx_str(row, "type");
    int rc = connection_check(type ? type : "",
                              json_object_get(row, "config"),
                              json_object_get(input, "credentials"),
                              old && json_is_string(json_object_get(
                                         old, "credentials")),
                              err);
    if (rc)
        return rc;
    /* New credentials clear an earlier failure. */
    if (json_object_get(input, "credentials"))
        json_object_set_new(row, "lastError", json_null());
    return 0;
}

static void connection_render(struct crm_ctx *ctx, const struct entity *e,
                              json_t *row)
{
    (void)ctx;
    (void)e;
    /* Credentials are never shown; say only whether there are some. */
    json_object_set_new(
        row, "hasCredentials",
        json_boolean(json_is_string(json_object_get(row, "credentials"))));
}

const struct entity crm_connections = {
    .name = "connection",
    .label = "Connection",
    .plural = "connections",
    .table = "connections",
    .fields = connection_fields,
    .has_updated_at = true,
    .before_write = connection_before,
    .render = connection_render,
};

/* ---- activities ----------------------------------------------------- */

static const struct fld activity_fields[] = {
    RO_ID,
    {"type", "type", FT_TEXT, F_REQ | F_FILTER, 50, NULL, NULL, NULL},
    {"message", "message", FT_TEXT, F_REQ | F_SEARCH, 2000, NULL, NULL, NULL},
    {"contactId", "contact_id", FT_REF, F_FILTER, 0, NULL, "contacts", NULL},
    {"dealId", "deal_id", FT_REF, F_FILTER, 0, NULL, "deals", NULL},
    {"companyId", "company_id", FT_REF, F_FILTER, 0, NULL, "companies", NULL},
    {"userId", "user_id", FT_INT, F_RO | F_FILTER, 0, NULL, NULL, NULL},
    {"agentId", "agent_id", FT_INT, F_RO | F_FILTER, 0, NULL, NULL, NULL},
    {"executionId", "execution_id", FT_INT, F_RO | F_FILTER, 0, NULL, NULL,
     NULL},
    {"data", "data", FT_JSON, F_NOTNULL, 0, NULL, NULL, "{}"},
    CREATED_AT,
    END,
};

static const char *const manual_activity_types[] = {"note", "call", "meeting",
                                                    NULL};

static int activity_before(struct crm_ctx *ctx, const struct entity *e,
                           json_t *row, const json_t *old, const json_t *input,
                           struct err *err)
{
    (void)e;
    (void)input;
    if (old)
        return err_set(err, E_CONFLICT, "Activities cannot be changed");
    /* People log notes, calls and meetings; other types are written by
     * agents through activity_add(). */
    const char *type = jx_str(row, "type");
    bool ok = false;
    for (const char *const *t = manual_activity_types; *t; t++)
        if (type && strcmp(type, *t) == 0)
            ok = true;
    if (!ok) {
        int rc = err_set(err, E_VALIDATION,
                         "Field 'type' must be one of: note, call, meeting");
        err_detail_str(err, "field", "type");
        return rc;
    }
    if (ctx->user_id)
        json_object_set_new(row, "userId", json_integer(ctx->user_id));
    return 0;
}

const struct entity crm_activities = {
    .name = "activity",
    .label = "Activity",
    .plural = "activities",
    .table = "activities",
    .fields = activity_fields,
    .before_write = activity_before,
};

/* ---- registry ------------------------------------------------------- */

const struct entity *const crm_resources[] = {
    &crm_contacts,    &crm_companies,       &crm_deals,
    &crm_tasks,       &crm_tags,            &crm_custom_fields,
    &crm_email_templates, &crm_connections, &crm_activities,
    &crm_agents,      NULL,
};

const struct entity *crm_resource_by_plural(const char *plural)
{
    for (const struct entity *const *e = crm_resources; *e; e++)
        if (strcmp((*e)->plural, plural) == 0)
            return *e;
    return NULL;
}
