/* common: helpers every action uses; see action.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "actions/action.h"
#include "core/buf.h"
#include "core/jsonx.h"
#include "crm/rows.h"
#include "store/qb.h"

int act_items(struct act_env *env, struct err *err)
{
    if (env->items || !env->kind || !env->ids)
        return 0;
    return rows_load(env->crm, env->kind, env->ids, &env->need, &env->items,
                     err);
}

const json_t *act_single(struct act_env *env)
{
    if (!env->ids || json_array_size(env->ids) != 1)
        return NULL;
    struct err e = ERR_INIT;
    int rc = act_items(env, &e);
    err_clear(&e);
    if (rc || !env->items || json_array_size(env->items) != 1)
        return NULL;
    return json_array_get(env->items, 0);
}

int act_rounds(struct act_env *env, size_t limit, struct act_out *out,
               struct act_rounds *r, struct err *err)
{
    r->n = 1;
    r->per_item = false;
    if (!env->names_record || !env->kind || !env->ids)
        return 0;
    int rc = act_items(env, err);
    if (rc)
        return rc;
    size_t have = json_array_size(env->items);
    r->per_item = true;
    r->n = have;
    if (have == 0) {
        act_no_contacts(env, out);
    } else if (have > limit) {
        act_warn(out, "Only the first %zu of the %zu %ss: a step that runs "
                      "once per %s goes at most %zu times",
                 limit, have, env->kind, env->kind, limit);
        r->n = limit;
    }
    return 0;
}

const json_t *act_round_item(struct act_env *env, const struct act_rounds *r,
                             size_t i)
{
    return r->per_item ? json_array_get(env->items, i) : act_single(env);
}

int64_t act_item_contact(const json_t *item)
{
    json_int_t id = json_integer_value(
        json_object_get(json_object_get(item, "contact"), "id"));
    return id > 0 ? id : 0;
}

int64_t act_creator(const struct act_env *env)
{
    int64_t creator = 0;
    jx_int(env->agent, "createdBy", &creator);
    return creator;
}

int act_member(struct act_env *env, const char *who, const char *param,
               const char *doing, int64_t *user, struct err *err)
{
    *user = who ? rows_user_id(env->crm, who, act_creator(env))
                : act_creator(env);
    if (who && !*user) {
        int rc = err_set(err, E_VALIDATION, "%s %s: user not found", doing,
                         who);
        err_detail_str(err, param, who);
        return rc;
    }
    return 0;
}

bool act_member_varies(const char *who)
{
    return who &&
           (!strncmp(who, "@contact.", 9) || !strncmp(who, "@deal.", 6) ||
            !strncmp(who, "@company.", 9));
}

void act_member_of(struct act_env *env, const json_t *item, const char *who,
                   int64_t *user, struct act_out *out)
{
    json_t *v = act_value(env, item, who, out);
    char id[32] = "";
    if (json_is_integer(v))
        snprintf(id, sizeof id, "%lld", (long long)json_integer_value(v));
    else if (json_is_string(v) && json_string_length(v) < sizeof id)
        snprintf(id, sizeof id, "%s", json_string_value(v));
    json_decref(v);
    *user = id[0] ? rows_user_id(env->crm, id, 0) : 0;
    if (!*user)
        act_warn(out, "%s names no member of the workspace for some "
                      "records: the default was used",
                 who);
}

void act_item_key(const struct act_env *env, const json_t *item, char *out,
                  size_t size)
{
    snprintf(out, size, "%s:%lld", env->kind ? env->kind : "contact",
             (long long)json_integer_value(json_object_get(item, "id")));
}

/* The results of the search made for this item (websearch.c), else for
 * its contact (a deal's contact searched in an earlier step), else NULL. */
static const json_t *item_search(const struct act_env *env,
                                 const json_t *item)
{
    const json_t *by = json_object_get(env->ctx, "searchFor");
    if (!by || !item)
        return NULL;
    char key[48];
    act_item_key(env, item, key, sizeof key);
    const json_t *s = json_object_get(by, key);
    int64_t contact = act_item_contact(item);
    if (!s && contact) {
        snprintf(key, sizeof key, "contact:%lld", (long long)contact);
        s = json_object_get(by, key);
    }
    return s;
}

static json_t *user_lookup(void *arg, const char *key)
{
    struct act_env *env = arg;
    return rows_user(env->crm, key, act_creator(env));
}

void act_vars(struct act_env *env, const json_t *item, struct vars *v)
{
    memset(v, 0, sizeof *v);
    if (item) {
        v->contact = json_object_get(item, "contact");
        v->company = json_object_get(item, "company");
        v->deal = json_object_get(item, "deal");
        if (json_is_null(v->contact))
            v->contact = NULL;
        if (json_is_null(v->company))
            v->company = NULL;
        if (json_is_null(v->deal))
            v->deal = NULL;
    }
    json_t *c = env->ctx;
    v->memory = json_object_get(c, "memory");
    v->search = item_search(env, item);
    if (!v->search)
        v->search = json_object_get(c, "search");
    v->steps = json_object_get(c, "steps");
    v->trigger = json_object_get(c, "trigger");
    v->form = json_object_get(json_object_get(c, "trigger"), "fields");
    v->input = json_object_get(c, "input");
    v->agent = env->agent;
    v->contacts = env->ids;
    v->user = user_lookup;
    v->user_arg = env;
}

/* A variable that rendered as nothing. One of a record's, in a step that
 * runs once for a set of several, has no value because there are many:
 * the warning says so rather than that the field is empty. */
static void warn_missing(const struct act_env *env, const json_t *item,
                         const char *name, struct act_out *out)
{
    size_t n = env->ids ? json_array_size(env->ids) : 0;
    bool record = !strncmp(name, "@contact.", 9) ||
                  !strncmp(name, "@company.", 9) ||
                  !strncmp(name, "@deal.", 6);
    if (!item && record && n > 1 && env->kind)
        act_warn(out, "Variable %s has no single value: this step runs "
                      "once, for the %zu %ss in scope",
                 name, n, env->kind);
    else
        act_warn(out, "Variable %s has no value", name);
}

json_t *act_text(struct act_env *env, const json_t *item, const char *text,
                 struct act_out *out)
{
    if (!text)
        return json_string("");
    struct vars v;
    act_vars(env, item, &v);
    struct buf b;
    buf_init(&b, 200000);
    json_t *missing = json_array();
    vars_render(&v, text, &b, missing);
    size_t i;
    json_t *m;
    json_array_foreach(missing, i, m)
        warn_missing(env, item, json_string_value(m), out);
    json_decref(missing);
    json_t *s = jx_string(buf_cstr(&b));
    buf_fini(&b);
    return s;
}

const char *act_param(const json_t *params, const char *key)
{
    return json_string_value(json_object_get(params, key));
}

void act_count(struct act_out *out, const char *name, int64_t n)
{
    if (!out->counts || n == 0)
        return;
    json_t *v = json_object_get(out->counts, name);
    json_object_set_new(out->counts, name,
                        json_integer(json_integer_value(v) + n));
}

void act_warn(struct act_out *out, const char *fmt, ...)
{
    if (!out->warnings)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t i;
    json_t *w;
    json_array_foreach(out->warnings, i, w) if (!strcmp(json_string_value(w),
                                                        msg)) return;
    if (json_array_size(out->warnings) < 50)
        json_array_append_new(out->warnings, json_string(msg));
}

void act_no_contacts(const struct act_env *env, struct act_out *out)
{
    out->status = "skipped";
    /* Say why the set is empty: no set at all wants a search; a search
     * that found nobody is the data's answer, not a plan to mend. */
    if (!env->ids)
        act_warn(out, "No contacts in scope: add a search step first, or "
                      "trigger the agent on a contact");
    else if (json_array_size(env->ids) == 0)
        act_warn(out, "No contacts in scope: the search before this step "
                      "found none");
    else if (env->kind && !strcmp(env->kind, "deal"))
        act_warn(out, "No contacts in scope: none of the %zu deals in scope "
                      "has a contact",
                 json_array_size(env->ids));
    else
        act_warn(out, "No contacts in scope: the %zu found were deleted "
                      "since",
                 json_array_size(env->ids));
}

bool act_repeat(const struct act_env *env, json_t **seen, int64_t contact,
                const json_t *content)
{
    if (contact <= 0 || !env->kind || strcmp(env->kind, "deal") != 0)
        return false;
    if (!*seen)
        *seen = json_object();
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)contact);
    json_t *had = json_object_get(*seen, key);
    if (had && !content)
        return true;
    if (!had) {
        had = json_array();
        json_object_set_new(*seen, key, had);
    }
    size_t i;
    json_t *c;
    json_array_foreach(had, i, c) if (json_equal(c, content)) return true;
    json_array_append_new(had, content ? json_deep_copy(content)
                                       : json_null());
    return false;
}

json_t *act_contact_ids(struct act_env *env, struct err *err)
{
    if (!env->kind || !env->ids)
        return json_array();
    if (!strcmp(env->kind, "contact"))
        return json_incref((json_t *)env->ids);
    int rc = act_items(env, err);
    if (rc)
        return NULL;
    json_t *ids = json_array();
    size_t i;
    json_t *item;
    json_array_foreach(env->items, i, item)
    {
        json_t *c = json_object_get(item, "contact");
        json_t *id = json_object_get(c, "id");
        if (json_is_integer(id))
            json_array_append(ids, id);
    }
    return ids;
}

const char *act_contact_name(const json_t *item, char *buf, size_t size)
{
    const json_t *c = json_object_get(item, "contact");
    const char *f = jx_str(c, "firstName"), *l = jx_str(c, "lastName");
    if ((f && *f) || (l && *l)) {
        snprintf(buf, size, "%s%s%s", f ? f : "", f && *f && l && *l ? " " : "",
                 l ? l : "");
        return buf;
    }
    const char *email = jx_str(c, "email");
    if (email && *email) {
        snprintf(buf, size, "%s", email);
        return buf;
    }
    snprintf(buf, size, "contact %lld",
             (long long)json_integer_value(json_object_get(item, "id")));
    return buf;
}

void act_effect(struct act_env *env, const char *kind, int64_t contact_id,
                int64_t connection_id, json_t *request, const json_t *quota,
                bool idempotent)
{
    json_t *e = json_pack("{s:s, s:I, s:I, s:o, s:b}", "kind", kind,
                          "contactId", (json_int_t)contact_id, "connectionId",
                          (json_int_t)connection_id, "request",
                          request ? request : json_object(), "idempotent",
                          idempotent);
    if (quota)
        json_object_set(e, "quota", (json_t *)quota);
    json_array_append_new(env->effects, e);
}

size_t act_effects_count(const struct act_env *env, const char *status)
{
    size_t n = 0, i;
    json_t *e;
    json_array_foreach(env->done, i, e) if (!strcmp(jx_str(e, "status")
                                                        ? jx_str(e, "status")
                                                        : "",
                                                    status)) n++;
    return n;
}

const char *act_agent_name(const struct act_env *env)
{
    const char *n = jx_str(env->agent, "name");
    return n ? n : "agent";
}

json_t *act_run_data(const struct act_env *env)
{
    return json_pack("{s:I, s:I}", "agentId", (json_int_t)env->crm->agent_id,
                     "executionId", (json_int_t)env->crm->execution_id);
}

json_t *act_value(struct act_env *env, const json_t *item, const char *text,
                  struct act_out *out)
{
    struct vars v;
    act_vars(env, item, &v);
    json_t *value = vars_value(&v, text);
    return value ? value : act_text(env, item, text, out);
}

json_t *act_json(struct act_env *env, const json_t *item, const json_t *j,
                 struct act_out *out)
{
    if (json_is_string(j)) {
        json_t *v = act_value(env, item, json_string_value(j), out);
        if (json_is_null(v))
            warn_missing(env, item, json_string_value(j), out);
        return v;
    }
    if (json_is_object(j)) {
        json_t *o = json_object();
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)j, k, x)
            json_object_set_new(o, k, act_json(env, item, x, out));
        return o;
    }
    if (json_is_array(j)) {
        json_t *a = json_array();
        size_t i;
        json_t *x;
        json_array_foreach(j, i, x)
            json_array_append_new(a, act_json(env, item, x, out));
        return a;
    }
    return json_deep_copy(j);
}

/* ?1 .. ?4 are the values all rows share. */
static struct qb_rows tasks_rows = {
    .head = "INSERT INTO tasks (workspace_id, title, description, status, "
            "due_at, assignee_id, contact_id, deal_id, created_by_agent_id, "
            "execution_id, created_at, updated_at) VALUES ",
    .row = "(?1, $1, $2, 'open', $3, $4, $5, $6, ?2, ?3, ?4, ?4)",
    .shared = 4,
    .per_row = 6};

int act_tasks_add(struct act_env *env, struct act_task *t, size_t n,
                  struct err *err)
{
    struct crm_ctx *crm = env->crm;
    for (size_t at = 0; at < n;) {
        size_t k;
        struct db_stmt *st =
            qb_rows_prepare(&tasks_rows, crm->db, n - at, &k, err);
        if (!st)
            return -E_INTERNAL;
        db_bind_int(st, 1, crm->ws);
        db_bind_opt_int(st, 2, crm->agent_id != 0, crm->agent_id);
        db_bind_opt_int(st, 3, crm->execution_id != 0, crm->execution_id);
        db_bind_int(st, 4, env->now);
        for (size_t r = 0; r < k; r++) {
            const struct act_task *x = &t[at + r];
            int p = qb_rows_param(&tasks_rows, r, 1);
            db_bind_text(st, p, x->title);
            db_bind_text(st, p + 1, x->description);
            db_bind_opt_int(st, p + 2, x->due_at != 0, x->due_at);
            db_bind_opt_int(st, p + 3, x->user != 0, x->user);
            db_bind_opt_int(st, p + 4, x->contact != 0, x->contact);
            db_bind_opt_int(st, p + 5, x->deal != 0, x->deal);
        }
        int rc = db_step(st, err);
        db_reset(st);
        if (rc < 0)
            return rc;
        /* The rows of one statement take consecutive ids in the order of
         * VALUES: each new id is one more than the largest given
         * (AUTOINCREMENT), and nothing else inserts into tasks meanwhile
         * (no trigger does; the statement holds the writer). */
        int64_t last = db_last_id(crm->db);
        for (size_t r = 0; r < k; r++)
            t[at + r].id = last - (int64_t)(k - 1 - r);
        at += k;
    }
    return 0;
}
