/*
 * validate: plan validation; see validate.h.
 *
 * Each step type is described by a table of its params (name, kind,
 * required, bounds); one walker checks any step against its table.
 */
#include "plan/validate.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/str.h"

enum pkind {
    K_TEXT,    /* string up to max characters */
    K_INT,     /* integer within [min, max] */
    K_COND,    /* a condition */
    K_STEPS,   /* a list of steps */
    K_TAGS,    /* array of tag names */
    K_HEADERS, /* object of string values */
    K_SCALAR,  /* string, number, boolean or null */
    K_ANY,     /* any JSON value of bounded size */
    K_ENUM,    /* string from a list */
    K_BODY,    /* string or object */
};

struct pspec {
    const char *name;
    enum pkind kind;
    bool required;
    long long min, max; /* K_INT bounds; K_TEXT max length */
    const char *const *values;
};

struct sspec {
    const char *type;
    const struct pspec *params;
};

static const char *const entities[] = {"contact", "deal", "company", NULL};
static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE",
                                      "HEAD", NULL};

#define TEXT(n, req, max) {n, K_TEXT, req, 0, max, NULL}
#define INT(n, req, lo, hi) {n, K_INT, req, lo, hi, NULL}
#define END {NULL, K_TEXT, false, 0, 0, NULL}

static const struct pspec p_search[] = {
    {"where", K_COND, false, 0, 0, NULL}, INT("limit", false, 1, 10000), END};
static const struct pspec p_email[] = {
    TEXT("template", false, 200), TEXT("subject", false, 998),
    TEXT("body", false, 100000), TEXT("to", false, 320), END};
static const struct pspec p_linkedin[] = {TEXT("note", false, 300), END};
static const struct pspec p_websearch[] = {
    TEXT("query", true, 500), INT("limit", false, 1, 10), END};
static const struct pspec p_task[] = {TEXT("title", true, 500),
                                      INT("dueInDays", false, 0, 3650),
                                      TEXT("assignee", false, 320), END};
static const struct pspec p_tags[] = {{"tags", K_TAGS, true, 0, 0, NULL},
                                      END};
static const struct pspec p_update[] = {
    {"entity", K_ENUM, true, 0, 0, entities}, TEXT("field", true, 64),
    {"value", K_SCALAR, true, 0, 0, NULL}, END};
static const struct pspec p_enrich[] = {TEXT("provider", false, 64), END};
static const struct pspec p_wait[] = {
    INT("seconds", true, PLAN_WAIT_MIN, PLAN_WAIT_MAX), END};
static const struct pspec p_handoff[] = {TEXT("to", true, 320),
                                         TEXT("message", false, 2000),
                                         INT("timeoutDays", false, 1, 90),
                                         END};
static const struct pspec p_approval[] = {TEXT("message", false, 2000), END};
static const struct pspec p_notify[] = {TEXT("message", true, 2000),
                                        TEXT("to", false, 320), END};
static const struct pspec p_remember[] = {TEXT("key", true, 64),
                                          {"value", K_ANY, true, 0, 0, NULL},
                                          END};
static const struct pspec p_http[] = {
    TEXT("url", true, 2000), {"method", K_ENUM, false, 0, 0, methods},
    {"headers", K_HEADERS, false, 0, 0, NULL},
    {"body", K_BODY, false, 0, 0, NULL}, END};
static const struct pspec p_slack[] = {TEXT("text", true, 4000),
                                       TEXT("channel", false, 100), END};
static const struct pspec p_run_agent[] = {
    TEXT("agent", true, 200), {"input", K_ANY, false, 0, 0, NULL}, END};
static const struct pspec p_if[] = {{"condition", K_COND, true, 0, 0, NULL},
                                    {"then", K_STEPS, true, 0, 0, NULL},
                                    {"else", K_STEPS, false, 0, 0, NULL},
                                    END};
static const struct pspec p_stop[] = {TEXT("reason", false, 500), END};

static const struct sspec specs[] = {
    {"search_contacts", p_search}, {"search_deals", p_search},
    {"send_email", p_email},       {"linkedin_invite", p_linkedin},
    {"web_search", p_websearch},   {"create_task", p_task},
    {"add_tag", p_tags},           {"remove_tag", p_tags},
    {"update_field", p_update},    {"enrich_contact", p_enrich},
    {"wait", p_wait},              {"handoff", p_handoff},
    {"request_approval", p_approval}, {"notify", p_notify},
    {"remember", p_remember},      {"http_request", p_http},
    {"slack_message", p_slack},    {"run_agent", p_run_agent},
    {"if", p_if},                  {"stop", p_stop},
    {NULL, NULL},
};

const char *const plan_step_types[] = {
    "search_contacts", "search_deals",   "send_email",       "linkedin_invite",
    "web_search",      "create_task",    "add_tag",          "remove_tag",
    "update_field",    "enrich_contact", "wait",             "handoff",
    "request_approval", "notify",        "remember",         "http_request",
    "slack_message",   "run_agent",      "if",               "stop",
    NULL};

bool plan_enrich_provider_known(const char *provider)
{
    return !provider || !strcasecmp(provider, "apollo");
}

static const char *const ops[] = {"==", "!=", ">",        "<",
                                  ">=", "<=", "contains", "exists",
                                  NULL};
static const char *const roots[] = {"contact", "company", "deal",    "memory",
                                    "search",  "steps",   "trigger", "form",
                                    "user",    NULL};

struct walk {
    int steps;      /* steps seen so far */
    int nodes;      /* condition nodes in the current condition */
    bool contacts;  /* the condition is a contact search's */
    struct err *err;
};

static int fail(struct walk *w, const char *path, const char *fmt,
                const char *arg)
{
    char msg[ERR_MSG_MAX];
    snprintf(msg, sizeof msg, fmt, arg);
    int rc = err_set(w->err, E_VALIDATION, "%s: %s", path, msg);
    err_detail_str(w->err, "path", path);
    return rc;
}

static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

/* contact.title, steps.2.output.status, search.results[0].title: a known
 * root, then dot-separated parts of letters, digits, _ and [n]. */
static bool field_ok(const char *f, bool allow_bare)
{
    size_t n = strlen(f);
    if (n == 0 || n > 200)
        return false;
    const char *dot = strchr(f, '.');
    if (!dot) {
        if (!allow_bare)
            return false;
    } else {
        char root[16];
        size_t rl = (size_t)(dot - f);
        if (rl >= sizeof root)
            return false;
        memcpy(root, f, rl);
        root[rl] = '\0';
        if (!in_list(root, roots))
            return false;
    }
    bool part_start = true;
    for (const char *p = f; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '.') {
            if (part_start)
                return false;
            part_start = true;
            continue;
        }
        if (!(isalnum(c) || c == '_' || c == '[' || c == ']' || c == '-'))
            return false;
        part_start = false;
    }
    return !part_start;
}

/* out = a + b, cut to fit (paths are only ever shown to people). */
static void join(char *out, size_t size, const char *a, const char *b)
{
    size_t na = strnlen(a, size - 1);
    memcpy(out, a, na);
    size_t nb = strnlen(b, size - 1 - na);
    memcpy(out + na, b, nb);
    out[na + nb] = '\0';
}

static int cond_walk(struct walk *w, const json_t *c, const char *path,
                     bool allow_bare, int depth)
{
    char sub[512];
    if (++w->nodes > PLAN_MAX_COND_NODES)
        return fail(w, path, "a condition may have at most %s parts", "100");
    if (depth > PLAN_MAX_COND_DEPTH)
        return fail(w, path, "conditions nest deeper than %s levels", "16");
    if (!json_is_object(c))
        return fail(w, path, "a condition must be an object%s", "");
    json_t *v;
    if ((v = json_object_get(c, "and")) || (v = json_object_get(c, "or"))) {
        const char *kw = json_object_get(c, "and") ? "and" : "or";
        if (json_object_size(c) != 1)
            return fail(w, path, "'%s' must be the only key of its object",
                        kw);
        if (!json_is_array(v) || json_array_size(v) == 0)
            return fail(w, path, "'%s' needs a non-empty list of conditions",
                        kw);
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            char tail[40];
            snprintf(tail, sizeof tail, ".%s[%zu]", kw, i);
            join(sub, sizeof sub, path, tail);
            int rc = cond_walk(w, x, sub, allow_bare, depth + 1);
            if (rc)
                return rc;
        }
        return 0;
    }
    if ((v = json_object_get(c, "not"))) {
        if (json_object_size(c) != 1)
            return fail(w, path, "'not' must be the only key of its object%s",
                        "");
        join(sub, sizeof sub, path, ".not");
        return cond_walk(w, v, sub, allow_bare, depth + 1);
    }
    const char *k;
    json_object_foreach((json_t *)c, k, v)
    {
        if (strcmp(k, "field") && strcmp(k, "operator") && strcmp(k, "value"))
            return fail(w, path,
                        "unknown key '%s' (a condition has field, operator, "
                        "value; or and/or/not)",
                        k);
    }
    const char *field = json_string_value(json_object_get(c, "field"));
    const char *op = json_string_value(json_object_get(c, "operator"));
    if (!field)
        return fail(w, path, "'field' is required and must be a string%s",
                    "");
    if (!field_ok(field, allow_bare))
        return fail(w, path,
                    "field '%s' must be qualified: contact.*, company.*, "
                    "deal.*, memory.*, search.*, steps.N.*, trigger.*, "
                    "form.*",
                    field);
    /* the contact search's query has no deal to read (each deal's
     * contact is in a deal search's) */
    if (w->contacts && strncmp(field, "deal.", 5) == 0)
        return fail(w, path,
                    "a contact search cannot test '%s': search deals "
                    "instead (search_deals); the steps after it work on "
                    "each deal's contact",
                    field);
    if (!op || !in_list(op, ops))
        return fail(w, path,
                    "'operator' must be one of ==, !=, >, <, >=, <=, "
                    "contains, exists%s",
                    "");
    json_t *val = json_object_get(c, "value");
    if (strcmp(op, "exists") == 0) {
        if (val)
            return fail(w, path, "'exists' takes no value%s", "");
        return 0;
    }
    if (!val)
        return fail(w, path, "operator '%s' needs a value", op);
    if (json_is_object(val) || json_is_array(val))
        return fail(w, path,
                    "'value' must be a string, number, boolean or null%s", "");
    if (json_is_string(val) && strlen(json_string_value(val)) > 1000)
        return fail(w, path, "'value' is longer than %s characters", "1000");
    return 0;
}

static int steps_walk(struct walk *w, const json_t *steps, const char *path,
                      int nesting);

static int param_check(struct walk *w, const struct pspec *ps, json_t *v,
                       const char *path, const char *type, int nesting)
{
    char buf[64];
    switch (ps->kind) {
    case K_TEXT:
        if (!json_is_string(v))
            return fail(w, path, "must be a string%s", "");
        if ((long long)strlen(json_string_value(v)) > ps->max) {
            snprintf(buf, sizeof buf, "%lld", ps->max);
            return fail(w, path, "is longer than %s characters", buf);
        }
        if (ps->required && !*json_string_value(v))
            return fail(w, path, "cannot be empty%s", "");
        return 0;
    case K_INT: {
        double d;
        if (json_is_integer(v))
            d = (double)json_integer_value(v);
        else if (json_is_real(v) && json_real_value(v) == floor(json_real_value(v)))
            d = json_real_value(v);
        else
            return fail(w, path, "must be an integer%s", "");
        if (d < (double)ps->min || d > (double)ps->max) {
            if (strcmp(type, "wait") == 0)
                return fail(w, path,
                            "a wait must be between 1 second and 90 days "
                            "(7776000 seconds)%s",
                            "");
            snprintf(buf, sizeof buf, "%lld to %lld", ps->min, ps->max);
            return fail(w, path, "must be from %s", buf);
        }
        return 0;
    }
    case K_COND:
        w->nodes = 0;
        w->contacts = strcmp(type, "search_contacts") == 0;
        return cond_walk(w, v, path,
                         w->contacts || strcmp(type, "search_deals") == 0,
                         0);
    case K_STEPS:
        if (!json_is_array(v))
            return fail(w, path, "must be a list of steps%s", "");
        if (strcmp(ps->name, "then") == 0 && json_array_size(v) == 0)
            return fail(w, path, "needs at least one step%s", "");
        return steps_walk(w, v, path, nesting + 1);
    case K_TAGS: {
        if (!json_is_array(v) || json_array_size(v) == 0)
            return fail(w, path, "must be a non-empty list of tag names%s",
                        "");
        if (json_array_size(v) > 50)
            return fail(w, path, "has more than %s tags", "50");
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            const char *s = json_string_value(x);
            if (!s || !*s || strlen(s) > 64)
                return fail(w, path,
                            "tag names must be strings of 1 to %s "
                            "characters",
                            "64");
        }
        return 0;
    }
    case K_HEADERS: {
        if (!json_is_object(v))
            return fail(w, path, "must be an object of header: value%s", "");
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x)
        {
            if (!json_is_string(x))
                return fail(w, path, "header '%s' must have a string value",
                            k);
            for (const char *p = k; *p; p++)
                if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
                    return fail(w, path, "'%s' is not a valid header name",
                                k);
            if (!*k)
                return fail(w, path, "header names cannot be empty%s", "");
        }
        return 0;
    }
    case K_SCALAR:
        if (json_is_object(v) || json_is_array(v))
            return fail(w, path,
                        "must be a string, number, boolean or null%s", "");
        return 0;
    case K_ANY:
        return 0;
    case K_ENUM:
        if (!json_is_string(v) || !in_list(json_string_value(v), ps->values))
            return fail(w, path, "is not one of the allowed values%s", "");
        return 0;
    case K_BODY:
        if (!json_is_string(v) && !json_is_object(v) && !json_is_array(v))
            return fail(w, path, "must be a string or a JSON object%s", "");
        return 0;
    }
    return 0;
}

static int step_walk(struct walk *w, const json_t *s, const char *path,
                     int nesting)
{
    char sub[512];
    if (++w->steps > PLAN_MAX_STEPS)
        return fail(w, path, "a plan may have at most %s steps", "200");
    if (!json_is_object(s))
        return fail(w, path, "a step must be an object%s", "");
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)s, k, v)
    {
        if (strcmp(k, "type") && strcmp(k, "params"))
            return fail(w, path, "unknown key '%s' (a step has type and "
                                 "params)",
                        k);
    }
    const char *type = json_string_value(json_object_get(s, "type"));
    join(sub, sizeof sub, path, ".type");
    if (!type)
        return fail(w, sub, "'type' is required and must be a string%s", "");
    const struct sspec *spec = NULL;
    for (const struct sspec *x = specs; x->type; x++)
        if (strcmp(x->type, type) == 0)
            spec = x;
    if (!spec)
        return fail(w, sub, "unknown step type '%s'", type);
    json_t *params = json_object_get(s, "params");
    join(sub, sizeof sub, path, ".params");
    if (params && !json_is_object(params))
        return fail(w, sub, "'params' must be an object%s", "");
    json_object_foreach(params, k, v)
    {
        bool known = false;
        for (const struct pspec *ps = spec->params; ps->name; ps++)
            if (strcmp(ps->name, k) == 0)
                known = true;
        if (!known) {
            char what[128];
            snprintf(what, sizeof what, "unknown param '%.40s' for %.40s", k,
                     type);
            return fail(w, sub, "%s", what);
        }
    }
    for (const struct pspec *ps = spec->params; ps->name; ps++) {
        char tail[80];
        snprintf(tail, sizeof tail, ".params.%s", ps->name);
        join(sub, sizeof sub, path, tail);
        v = json_object_get(params, ps->name);
        if (!v) {
            if (ps->required)
                return fail(w, sub, "is required%s", "");
            continue;
        }
        int rc = param_check(w, ps, v, sub, type, nesting);
        if (rc)
            return rc;
    }
    if (strcmp(type, "send_email") == 0) {
        bool tpl = json_object_get(params, "template") != NULL;
        bool subj = json_object_get(params, "subject") != NULL;
        bool body = json_object_get(params, "body") != NULL;
        join(sub, sizeof sub, path, ".params");
        if (!tpl && !(subj && body))
            return fail(w, sub,
                        "send_email needs a 'template', or both 'subject' "
                        "and 'body'%s",
                        "");
    }
    if (strcmp(type, "http_request") == 0) {
        const char *url = json_string_value(json_object_get(params, "url"));
        join(sub, sizeof sub, path, ".params.url");
        if (!str_starts_with_ci(url, "http://") &&
            !str_starts_with_ci(url, "https://"))
            return fail(w, sub, "must start with http:// or https://%s", "");
    }
    return 0;
}

static int steps_walk(struct walk *w, const json_t *steps, const char *path,
                      int nesting)
{
    if (nesting > PLAN_MAX_NESTING)
        return fail(w, path, "steps nest deeper than %s levels", "8");
    size_t i;
    json_t *s;
    char sub[512];
    json_array_foreach(steps, i, s)
    {
        char tail[24];
        snprintf(tail, sizeof tail, "[%zu]", i);
        join(sub, sizeof sub, path, tail);
        int rc = step_walk(w, s, sub, nesting);
        if (rc)
            return rc;
    }
    return 0;
}

int plan_validate(const json_t *plan, struct err *err)
{
    struct walk w = {.err = err};
    if (!json_is_object(plan))
        return fail(&w, "plan", "must be an object {\"steps\": [...]}%s", "");
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)plan, k, v)
    {
        if (strcmp(k, "steps") != 0)
            return fail(&w, "plan", "unknown key '%s' (a plan has steps)", k);
    }
    json_t *steps = json_object_get(plan, "steps");
    if (!json_is_array(steps))
        return fail(&w, "steps", "is required and must be a list%s", "");
    if (json_array_size(steps) == 0)
        return fail(&w, "steps", "a plan needs at least one step%s", "");
    return steps_walk(&w, steps, "steps", 0);
}

int plan_cond_validate(const json_t *cond, const char *path, bool allow_bare,
                       struct err *err)
{
    struct walk w = {.err = err};
    return cond_walk(&w, cond, path, allow_bare, 0);
}
