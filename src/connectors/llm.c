/* llm: the optional model fallback of the instruction parser; see llm.h. */
#include "connectors/llm.h"

#include <stdlib.h>
#include <string.h>

#include "connectors/httpc.h"
#include "core/jsonx.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "plan/validate.h"

struct llm {
    struct llm_config cfg;
    char *url, *key, *model;
    struct httpc_pool *http;
};

static const char system_prompt[] =
    "You turn a sales agent's plain-language instructions into a JSON plan "
    "for a CRM automation engine. Answer with JSON only: {\"steps\": [...]}."
    " A step is {\"type\": T, \"params\": {...}}. Types and params: "
    "search_contacts {where, limit}; search_deals {where, limit}; "
    "send_email {template} or {subject, body}, optional to; "
    "linkedin_invite {note}; web_search {query, limit}; create_task {title, "
    "dueInDays, assignee}; add_tag and remove_tag {tags: [names]}; "
    "update_field {entity: contact|deal|company, field, value}; "
    "enrich_contact {provider}; wait {seconds: 1..7776000}; handoff {to, "
    "message, timeoutDays}; request_approval {message}; notify {message, "
    "to}; remember {key, value}; http_request {url, method, headers, body};"
    " slack_message {text, channel}; run_agent {agent, input}; if "
    "{condition, then: [steps], else: [steps]}; stop {reason}. Only "
    "required params are needed. A condition is {field, operator, value} "
    "with operator one of == != > < >= <= contains exists (exists has no "
    "value), or {\"and\": [...]}, {\"or\": [...]}, {\"not\": condition}. "
    "Fields are qualified: contact.title, contact.replied, company.industry,"
    " deal.value, deal.stage, memory.KEY, search.count, steps.N.output, "
    "trigger.previousStage, form.FIELD. Numbers are JSON numbers ($10k -> "
    "10000), relative times are strings like now-7d or today. Keep quoted "
    "text and @variables (@contact.firstName) exactly as written. Never "
    "invent a step the words do not ask for: if the instructions cannot be "
    "expressed with these steps, answer {\"steps\": []}.";

int llm_config_from_env(struct llm_config *cfg, struct err *err)
{
    memset(cfg, 0, sizeof *cfg);
    const char *url = getenv("AGENTD_LLM_URL");
    if (!url || !*url)
        return 1;
    const char *key = getenv("AGENTD_LLM_KEY");
    if (!key || !*key)
        return err_set(err, E_BAD_REQUEST,
                       "AGENTD_LLM_URL is set but AGENTD_LLM_KEY is not");
    cfg->url = url;
    cfg->key = key;
    cfg->model = getenv("AGENTD_LLM_MODEL");
    const char *fmt = getenv("AGENTD_LLM_FORMAT");
    if (fmt && *fmt) {
        if (!strcmp(fmt, "gemini"))
            cfg->format = LLM_GEMINI;
        else if (!strcmp(fmt, "openai"))
            cfg->format = LLM_OPENAI;
        else
            return err_set(err, E_BAD_REQUEST,
                           "AGENTD_LLM_FORMAT must be gemini or openai");
    } else {
        cfg->format = strstr(url, "generateContent") ? LLM_GEMINI
                                                     : LLM_OPENAI;
    }
    if (cfg->format == LLM_OPENAI && (!cfg->model || !*cfg->model))
        return err_set(err, E_BAD_REQUEST,
                       "AGENTD_LLM_MODEL is needed for the openai format");
    cfg->timeout_ms = 10000;
    const char *t = getenv("AGENTD_LLM_TIMEOUT_MS");
    int64_t ms;
    if (t && *t) {
        if (str_parse_i64(t, &ms) || ms < 100 || ms > 10000)
            return err_set(err, E_BAD_REQUEST,
                           "AGENTD_LLM_TIMEOUT_MS must be 100 to 10000");
        cfg->timeout_ms = (long)ms;
    }
    return 0;
}

struct llm *llm_new(const struct llm_config *cfg)
{
    struct llm *m = xcalloc(1, sizeof *m);
    m->cfg = *cfg;
    m->url = xstrdup(cfg->url);
    m->key = xstrdup(cfg->key);
    m->model = xstrdup(cfg->model ? cfg->model : "");
    m->cfg.url = m->url;
    m->cfg.key = m->key;
    m->cfg.model = m->model;
    if (m->cfg.timeout_ms <= 0 || m->cfg.timeout_ms > 10000)
        m->cfg.timeout_ms = 10000;
    struct httpc_config hc = {0};
    m->http = httpc_pool_new(&hc, 4);
    return m;
}

void llm_free(struct llm *m)
{
    if (!m)
        return;
    httpc_pool_free(m->http);
    free(m->url);
    free(m->key);
    free(m->model);
    free(m);
}

/* ---- the response schema -------------------------------------------- */

/* Gemini's schema is an OpenAPI subset with upper-case type names;
 * OpenAI takes JSON Schema. One builder serves both. */
static json_t *t(bool gem, const char *type)
{
    char up[16];
    size_t n = strlen(type);
    for (size_t i = 0; i <= n; i++)
        up[i] = gem && type[i] ? (char)(type[i] - 32 * (type[i] >= 'a' &&
                                                        type[i] <= 'z'))
                               : type[i];
    return json_pack("{s:s}", "type", up);
}

static json_t *leaf_schema(bool gem)
{
    json_t *s = t(gem, "object");
    json_object_set_new(s, "properties",
                        json_pack("{s:o, s:o, s:o}", "field", t(gem, "string"),
                                  "operator", t(gem, "string"), "value",
                                  t(gem, "string")));
    return s;
}

static json_t *cond_schema(bool gem)
{
    json_t *arr = t(gem, "array");
    json_object_set_new(arr, "items", leaf_schema(gem));
    json_t *arr2 = json_deep_copy(arr);
    json_t *s = t(gem, "object");
    json_object_set_new(
        s, "properties",
        json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "field",
                  t(gem, "string"), "operator", t(gem, "string"), "value",
                  t(gem, "string"), "and", arr, "or", arr2, "not",
                  leaf_schema(gem)));
    return s;
}

static json_t *params_schema(bool gem, int depth)
{
    static const char *const strings[] = {
        "template", "subject", "body",  "to",     "note",    "query",
        "title",    "assignee", "entity", "field", "provider", "message",
        "key",      "url",     "method", "text",   "channel", "agent",
        "input",    "reason",  NULL};
    static const char *const ints[] = {"limit", "dueInDays", "seconds",
                                       "timeoutDays", NULL};
    json_t *props = json_object();
    for (const char *const *s = strings; *s; s++)
        json_object_set_new(props, *s, t(gem, "string"));
    for (const char *const *s = ints; *s; s++)
        json_object_set_new(props, *s, t(gem, "integer"));
    json_t *tags = t(gem, "array");
    json_object_set_new(tags, "items", t(gem, "string"));
    json_object_set_new(props, "tags", tags);
    json_object_set_new(props, "value", t(gem, "string"));
    json_object_set_new(props, "where", cond_schema(gem));
    json_object_set_new(props, "condition", cond_schema(gem));
    if (depth < 2) {
        json_t *step = t(gem, "object");
        json_object_set_new(step, "properties",
                            json_pack("{s:o, s:o}", "type", t(gem, "string"),
                                      "params",
                                      params_schema(gem, depth + 1)));
        json_t *then = t(gem, "array");
        json_object_set_new(then, "items", step);
        json_object_set_new(props, "then", then);
        json_object_set_new(props, "else", json_deep_copy(then));
    }
    json_t *s = t(gem, "object");
    json_object_set_new(s, "properties", props);
    return s;
}

static json_t *plan_schema(bool gem)
{
    json_t *types = json_array();
    for (const char *const *p = plan_step_types; *p; p++)
        json_array_append_new(types, json_string(*p));
    json_t *type = t(gem, "string");
    json_object_set_new(type, "enum", types);
    json_t *step = t(gem, "object");
    json_object_set_new(step, "properties",
                        json_pack("{s:o, s:o}", "type", type, "params",
                                  params_schema(gem, 0)));
    json_object_set_new(step, "required", json_pack("[s,s]", "type",
                                                    "params"));
    json_t *steps = t(gem, "array");
    json_object_set_new(steps, "items", step);
    json_t *s = t(gem, "object");
    json_object_set_new(s, "properties", json_pack("{s:o}", "steps", steps));
    json_object_set_new(s, "required", json_pack("[s]", "steps"));
    return s;
}

/* ---- request and answer --------------------------------------------- */

static char *request_body(const struct llm *m, const char *text, size_t len)
{
    json_t *instr = json_stringn(text, len);
    if (!instr)
        instr = json_string("");
    json_t *body;
    if (m->cfg.format == LLM_GEMINI) {
        body = json_pack(
            "{s:{s:[{s:s}]}, s:[{s:s, s:[{s:o}]}], s:{s:s, s:o, s:i}}",
            "systemInstruction", "parts", "text", system_prompt, "contents",
            "role", "user", "parts", "text", instr, "generationConfig",
            "responseMimeType", "application/json", "responseSchema",
            plan_schema(true), "temperature", 0);
    } else {
        body = json_pack(
            "{s:s, s:i, s:[{s:s, s:s}, {s:s, s:o}], s:{s:s, s:{s:s, s:o, "
            "s:b}}}",
            "model", m->cfg.model, "temperature", 0, "messages", "role",
            "system", "content", system_prompt, "role", "user", "content",
            instr, "response_format", "type", "json_schema", "json_schema",
            "name", "agent_plan", "schema", plan_schema(false), "strict", 0);
    }
    char *s = jx_dump(body);
    json_decref(body);
    return s;
}

/* The model's text: Gemini candidates[0].content.parts[0].text, OpenAI
 * choices[0].message.content. Borrowed from answer. */
static const char *answer_text(const struct llm *m, json_t *answer)
{
    if (m->cfg.format == LLM_GEMINI) {
        json_t *c = json_array_get(json_object_get(answer, "candidates"), 0);
        json_t *p = json_array_get(
            json_object_get(json_object_get(c, "content"), "parts"), 0);
        return jx_str(p, "text");
    }
    json_t *c = json_array_get(json_object_get(answer, "choices"), 0);
    return jx_str(json_object_get(c, "message"), "content");
}

/* Models sometimes wrap JSON in ``` fences; take what is inside. */
static json_t *load_plan(const char *s)
{
    const char *open = strchr(s, '{');
    const char *close = strrchr(s, '}');
    if (!open || !close || close < open)
        return NULL;
    return json_loadb(open, (size_t)(close - open + 1), 0, NULL);
}

int llm_plan(void *arg, const char *text, size_t len, json_t **plan,
             struct err *err)
{
    struct llm *m = arg;
    *plan = NULL;
    char *body = request_body(m, text, len);
    char auth[600];
    struct httpc_req rq = {.method = "POST",
                           .url = m->cfg.url,
                           .body = body,
                           .body_len = strlen(body),
                           .timeout_ms = m->cfg.timeout_ms,
                           .max_response = 512 * 1024,
                           .attempts = 1};
    rq.headers[0] = "Content-Type: application/json";
    if (m->cfg.format == LLM_GEMINI)
        snprintf(auth, sizeof auth, "x-goog-api-key: %s", m->cfg.key);
    else
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", m->cfg.key);
    rq.headers[1] = auth;
    struct httpc_resp rs;
    httpc_resp_init(&rs);
    struct httpc *c = httpc_pool_acquire(m->http);
    int rc = httpc_do(c, &rq, &rs, err);
    httpc_pool_release(m->http, c);
    free(body);
    if (rc) {
        err_prefix(err, "model: ");
        goto out;
    }
    if (rs.status != 200) {
        rc = err_set(err, E_UPSTREAM, "model: HTTP %ld", rs.status);
        goto out;
    }
    json_t *answer = json_loadb(rs.body.data ? rs.body.data : "", rs.body.len,
                                0, NULL);
    const char *txt = answer ? answer_text(m, answer) : NULL;
    json_t *p = txt ? load_plan(txt) : NULL;
    json_decref(answer);
    if (!p) {
        rc = err_set(err, E_UPSTREAM, "model: the answer is not a JSON plan");
        goto out;
    }
    *plan = p;
out:
    httpc_resp_fini(&rs);
    return rc;
}
