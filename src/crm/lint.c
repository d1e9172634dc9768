/*
 * lint: see crm/lint.h.
 */
#include "crm/lint.h"

#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/jsonx.h"
#include "core/log.h"
#include "crm/custom.h"
#include "crm/resources.h"
#include "crm/rows.h"
#include "plan/cond.h"
#include "plan/validate.h"

/* Whether "contact.title", "company.size", "deal.leadSource" is a field of
 * its record: 1 or 0 (1 for fields of other kinds), or a store error. */
static int field_known(struct crm_ctx *ctx, const char *field,
                       struct err *err)
{
    const char *dot = field ? strchr(field, '.') : NULL;
    if (!dot)
        return 1;
    static const struct {
        const char *prefix;
        const struct entity *e;
    } kinds[] = {{"contact", &crm_contacts},
                 {"company", &crm_companies},
                 {"deal", &crm_deals}};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        size_t n = strlen(kinds[k].prefix);
        if ((size_t)(dot - field) != n || strncmp(field, kinds[k].prefix, n))
            continue;
        if (entity_field(kinds[k].e, dot + 1))
            return 1;
        char type[16];
        struct err why = ERR_INIT;
        int rc = custom_type(ctx, kinds[k].prefix, dot + 1, type, &why);
        if (rc == -E_VALIDATION) { /* no such definition */
            err_clear(&why);
            return 0;
        }
        if (rc)
            err_move(err, &why);
        return rc ? rc : 1;
    }
    return 1;
}

struct lint {
    struct crm_ctx *ctx;
    int64_t creator;
    json_t *out;
    int rc; /* the first store error */
    struct err *err;
};

static void warn(struct lint *l, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void warn(struct lint *l, const char *path, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_array_append_new(l->out, json_pack("{s:s, s:s}", "path", path,
                                            "message", msg));
}

int lint_cond_unknown(struct crm_ctx *ctx, const json_t *c, const char *bare,
                      int (*fn)(void *arg, const char *field), void *arg,
                      struct err *err)
{
    if (json_is_array(c)) {
        size_t i;
        json_t *x;
        json_array_foreach(c, i, x)
        {
            int rc = lint_cond_unknown(ctx, x, bare, fn, arg, err);
            if (rc)
                return rc;
        }
        return 0;
    }
    if (!json_is_object(c))
        return 0;
    static const char *const joins[] = {"and", "or", "not", NULL};
    for (const char *const *j = joins; *j; j++) {
        int rc = lint_cond_unknown(ctx, json_object_get(c, *j), bare, fn,
                                   arg, err);
        if (rc)
            return rc;
    }
    const char *field = jx_str(c, "field");
    if (!field)
        return 0;
    char full[160];
    if (!strchr(field, '.') && bare)
        snprintf(full, sizeof full, "%s.%s", bare, field);
    else
        snprintf(full, sizeof full, "%s", field);
    int known = field_known(ctx, full, err);
    return known < 0 ? known : known ? 0 : fn(arg, full);
}

struct cond_warn {
    struct lint *l;
    const char *path;
};

static int warn_unknown(void *arg, const char *field)
{
    struct cond_warn *w = arg;
    warn(w->l, w->path,
         "Field '%s' is neither a %.*s field nor a custom field of this "
         "workspace: the condition will be false (create the custom field, "
         "or correct the name)",
         field, (int)(strchr(field, '.') - field), field);
    return 0; /* every one of them */
}

/* A condition's fields; `bare` qualifies a field without a record
 * ("title" in a contact search). */
static void check_cond(struct lint *l, const json_t *c, const char *path,
                       const char *bare)
{
    if (l->rc)
        return;
    struct cond_warn w = {l, path};
    int rc = lint_cond_unknown(l->ctx, c, bare, warn_unknown, &w, l->err);
    if (rc < 0)
        l->rc = rc;
}

/* Whether the text holds an @variable: filled in at run time. */
static bool varies(const char *s)
{
    return s && strchr(s, '@');
}

/* One row of a name in a table of the workspace: 1, 0, or an error. */
static int named(struct lint *l, const char *sql, const char *name)
{
    struct db_stmt *st = db_prepare(l->ctx->db, sql, l->err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, l->ctx->ws);
    db_bind_text(st, 2, name);
    int rc = db_step(st, l->err);
    db_reset(st);
    return rc < 0 ? rc : rc == DB_ROW;
}

static void check_update(struct lint *l, const json_t *params,
                         const char *path)
{
    const char *ename = jx_str(params, "entity");
    const char *field = jx_str(params, "field");
    if (!ename || !field)
        return;
    const struct entity *e = !strcmp(ename, "company") ? &crm_companies
                             : !strcmp(ename, "deal")  ? &crm_deals
                                                       : &crm_contacts;
    if (entity_field(e, field))
        return;
    const json_t *value = json_object_get(params, "value");
    struct err why = ERR_INIT;
    json_t *stored = NULL;
    int rc;
    if (json_is_string(value) && varies(json_string_value(value))) {
        char type[16];
        rc = custom_type(l->ctx, ename, field, type, &why);
    } else {
        rc = custom_check(l->ctx, ename, field, value, &stored, &why);
    }
    json_decref(stored);
    if (rc == -E_VALIDATION)
        warn(l, path, "%s", why.msg); /* not found, or the wrong type */
    else if (rc)
        l->rc = rc, err_move(l->err, &why);
    err_clear(&why);
}

/* "@user.x" (or "@x") names a member (a record's owner, an address or a
 * variable of another kind is checked at run time). */
static void check_member(struct lint *l, const char *who, const char *path)
{
    const char *handle = rows_user_handle(who);
    if (!handle)
        return;
    if (!rows_user_id(l->ctx, who, l->creator))
        warn(l, path,
             "%s is no member of this workspace (no member has the handle "
             "'%s'): the step will fail; add the member or set their handle",
             who, handle);
}

static void check_steps(struct lint *l, const json_t *steps,
                        const char *base)
{
    size_t i;
    json_t *step;
    json_array_foreach(steps, i, step)
    {
        if (l->rc)
            return;
        char path[200], at[240];
        snprintf(path, sizeof path, "%s[%zu]", base, i);
        const char *type = jx_str(step, "type");
        const json_t *p = json_object_get(step, "params");
        if (!type)
            continue;
        if (!strcmp(type, "search_contacts") ||
            !strcmp(type, "search_deals")) {
            snprintf(at, sizeof at, "%s.params.where", path);
            check_cond(l, json_object_get(p, "where"), at,
                       !strcmp(type, "search_deals") ? "deal" : "contact");
        } else if (!strcmp(type, "if")) {
            snprintf(at, sizeof at, "%s.params.condition", path);
            check_cond(l, json_object_get(p, "condition"), at, NULL);
            snprintf(at, sizeof at, "%s.params.then", path);
            check_steps(l, json_object_get(p, "then"), at);
            snprintf(at, sizeof at, "%s.params.else", path);
            check_steps(l, json_object_get(p, "else"), at);
        } else if (!strcmp(type, "update_field")) {
            snprintf(at, sizeof at, "%s.params.field", path);
            check_update(l, p, at);
        } else if (!strcmp(type, "send_email")) {
            const char *t = jx_str(p, "template");
            snprintf(at, sizeof at, "%s.params.template", path);
            int rc = t && !varies(t)
                         ? named(l, "SELECT 1 FROM email_templates WHERE "
                                    "workspace_id = ?1 AND name = ?2",
                                 t)
                         : 1;
            if (rc < 0)
                l->rc = rc;
            else if (!rc)
                warn(l, at,
                     "Email template '%s' not found. Create it under email "
                     "templates first.",
                     t);
        } else if (!strcmp(type, "run_agent")) {
            const char *a = jx_str(p, "agent");
            snprintf(at, sizeof at, "%s.params.agent", path);
            int rc = a && !varies(a)
                         ? named(l, "SELECT 1 FROM agents WHERE "
                                    "workspace_id = ?1 AND name = ?2 "
                                    "COLLATE NOCASE AND deleted_at IS NULL",
                                 a)
                         : 1;
            if (rc < 0)
                l->rc = rc;
            else if (!rc)
                warn(l, at, "Agent '%s' not found in this workspace", a);
        } else if (!strcmp(type, "enrich_contact")) {
            const char *provider = jx_str(p, "provider");
            snprintf(at, sizeof at, "%s.params.provider", path);
            if (!plan_enrich_provider_known(provider))
                warn(l, at, PLAN_ENRICH_UNSUPPORTED, provider);
        } else if (!strcmp(type, "create_task")) {
            snprintf(at, sizeof at, "%s.params.assignee", path);
            check_member(l, jx_str(p, "assignee"), at);
        } else if (!strcmp(type, "handoff") || !strcmp(type, "notify")) {
            snprintf(at, sizeof at, "%s.params.to", path);
            check_member(l, jx_str(p, "to"), at);
        }
    }
}

/* Whether a step works on the records in scope, and with none does
 * nothing (an e-mail to a given address, a task, a handoff or a
 * notification go all the same). */
static bool works_on_records(const json_t *step)
{
    static const char *const kinds[] = {
        "send_email",  "linkedin_invite", "add_tag", "remove_tag",
        "update_field", "enrich_contact", NULL};
    const char *type = jx_str(step, "type");
    const char *to = jx_str(json_object_get(step, "params"), "to");
    if (!type || (!strcmp(type, "send_email") && to &&
                  strncmp(to, "@contact.", 9)))
        return false;
    for (const char *const *k = kinds; *k; k++)
        if (!strcmp(*k, type))
            return true;
    return false;
}

/*
 * A plan whose first step about records comes before any search, in an
 * agent whose trigger brings none (by hand, a schedule, a webhook, with
 * no target filter): when it runs on its own that step has nobody to
 * work on ("Tag them 'hot'" alone tags nobody). Said once, at that step;
 * *at is its top-level index, -1 when there is nothing to say.
 */
static void check_scope(struct lint *l, const json_t *plan,
                        const json_t *trigger, int *at)
{
    *at = -1;
    const char *type = jx_str(trigger, "type");
    const char *ev = jx_str(trigger, "event");
    if (!type || json_object_get(trigger, "filter") ||
        (!strcmp(type, "event") && ev &&
         (!strcmp(ev, "contact_created") || !strcmp(ev, "form_submitted") ||
          !strcmp(ev, "deal_stage_updated"))))
        return;
    size_t i;
    json_t *step;
    json_array_foreach(json_object_get(plan, "steps"), i, step)
    {
        const char *t = jx_str(step, "type");
        if (!t || !strncmp(t, "search_", 7))
            return;
        const json_t *p = json_object_get(step, "params");
        const json_t *c = json_object_get(p, "condition");
        bool cond = !strcmp(t, "if") &&
                    (cond_uses(c, "contact") || cond_uses(c, "company") ||
                     cond_uses(c, "deal"));
        if (!cond && !works_on_records(step))
            continue;
        char path[64];
        snprintf(path, sizeof path, cond ? "steps[%zu].params.condition"
                                         : "steps[%zu]",
                 i);
        warn(l, path,
             "No contacts are in scope here when the agent runs on its own "
             "(%s): %s. Search first (e.g. Find contacts tagged 'vip'), or "
             "trigger the agent on a contact; an agent that another agent "
             "runs starts with that agent's records",
             !strcmp(type, "schedule") ? "on its schedule"
             : !strcmp(type, "webhook") ? "from its webhook"
                                        : "by hand",
             cond ? "the condition is false, with no contact to test"
                  : "this step does nothing");
        *at = (int)i;
        return;
    }
}

/* The top-level step index a warning's path names ("steps[3]..."). */
static long path_index(const json_t *w)
{
    const char *path = jx_str(w, "path");
    return path && !strncmp(path, "steps[", 6) ? strtol(path + 6, NULL, 10)
                                               : -1;
}

json_t *lint_plan(struct crm_ctx *ctx, const json_t *plan,
                  const json_t *trigger, int64_t creator)
{
    struct err err = ERR_INIT;
    struct lint l = {ctx, creator, json_array(), 0, &err};
    int at = -1;
    if (trigger) {
        /* said first, then moved to its step's place among the others */
        check_scope(&l, plan, trigger, &at);
    }
    json_t *scope = at >= 0 ? json_incref(json_array_get(l.out, 0)) : NULL;
    json_array_clear(l.out);
    check_steps(&l, json_object_get(plan, "steps"), "steps");
    if (scope) {
        size_t k = 0;
        while (k < json_array_size(l.out) &&
               path_index(json_array_get(l.out, k)) < at)
            k++;
        json_array_insert_new(l.out, k, scope);
    }
    if (l.rc) {
        /* only what the agent shows: it goes without its warnings */
        log_msg(LOG_WARN, "agent.lint", err.msg);
        json_decref(l.out);
        err_clear(&err);
        return NULL;
    }
    return l.out;
}
