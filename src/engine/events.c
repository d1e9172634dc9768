/*
 * events: CRM events start the agents that wait for them.
 *
 * Runs inside the transaction that records the event (crm/events.h): for
 * every Live or Paused agent of the workspace whose trigger names the
 * event, the agent's event conditions ("deal value > 10000") are
 * evaluated against the event's contact or deal, and a run is admitted
 * with that contact or deal as its current set, so that @contact.* and
 * @deal.* resolve in its steps, and @trigger.* (previousStage, formId,
 * fields) and @form.* hold the event data. Each agent is admitted on its
 * own: one being over its limits does not keep the others from running.
 * A Paused agent leaves a "Skipped: Agent paused" record.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "crm/rows.h"
#include "engine/internal.h"
#include "plan/cond.h"

/* The characters that separate the words of a form's name. */
static bool form_sep(char c)
{
    return c == ' ' || c == '-' || c == '_';
}

/* Whether a form id named in a trigger is the submitted form's. Names
 * are compared as people write them: "Demo Request" in an instruction is
 * the form a website posts as "demo-request" or "demo_request" (case,
 * spaces, hyphens and underscores aside; nothing else is loosened). */
static bool same_form(const char *named, const char *posted)
{
    for (;;) {
        if (form_sep(*named) || form_sep(*posted)) {
            if (!form_sep(*named) || !form_sep(*posted))
                return false;
            while (form_sep(*named))
                named++;
            while (form_sep(*posted))
                posted++;
            continue;
        }
        if (tolower((unsigned char)*named) != tolower((unsigned char)*posted))
            return false;
        if (!*named)
            return true;
        named++;
        posted++;
    }
}

/* The event's subject as a current set and its loaded rows. */
static int subject(struct crm_ctx *ctx, const char *type, const json_t *data,
                   json_t **set, json_t **items, struct err *err)
{
    *set = NULL;
    *items = NULL;
    int64_t id = 0;
    const char *kind = "contact";
    if (strcmp(type, "deal_stage_updated") == 0) {
        kind = "deal";
        jx_int(data, "dealId", &id);
    } else {
        jx_int(data, "contactId", &id);
    }
    if (id <= 0)
        return 0;
    *set = json_pack("{s:s, s:[I]}", "kind", kind, "ids", (json_int_t)id);
    return rows_load(ctx, kind, json_object_get(*set, "ids"), &rows_all,
                     items, err);
}

static bool conditions_hold(const json_t *cond, const json_t *items,
                            const json_t *data, int64_t now)
{
    if (!json_is_object(cond) || json_object_size(cond) == 0)
        return true;
    const json_t *item = json_array_get(items, 0);
    struct vars v;
    memset(&v, 0, sizeof v);
    if (item) {
        v.contact = json_object_get(item, "contact");
        v.company = json_object_get(item, "company");
        v.deal = json_object_get(item, "deal");
        if (json_is_null(v.contact))
            v.contact = NULL;
        if (json_is_null(v.company))
            v.company = NULL;
        if (json_is_null(v.deal))
            v.deal = NULL;
    }
    v.trigger = data;
    v.form = json_object_get(data, "fields");
    return cond_eval(cond, &v, now, NULL);
}

int events_on_event(struct crm_ctx *ctx, int64_t event_id, const char *type,
                    int64_t entity_id, const json_t *data, struct err *err)
{
    (void)entity_id;
    struct engine *e = ctx->event_arg;
    struct db_stmt *st = db_prepare(
        ctx->db,
        "SELECT id, status, trigger FROM agents WHERE workspace_id = ?1 AND "
        "deleted_at IS NULL AND status IN ('live','paused') AND "
        "json_extract(trigger, '$.type') = 'event' AND "
        "json_extract(trigger, '$.event') = ?2 ORDER BY id",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_text(st, 2, type);
    struct cand {
        int64_t id;
        json_t *trigger;
    } list[256];
    int n = 0, rc;
    while (n < 256 && (rc = db_step(st, err)) == DB_ROW) {
        list[n].id = db_col_int(st, 0);
        list[n].trigger = jx_load(db_col_text(st, 2));
        n++;
    }
    db_reset(st);
    if (rc < 0 || n == 0) {
        for (int i = 0; i < n; i++)
            json_decref(list[i].trigger);
        return rc < 0 ? rc : 0;
    }
    json_t *set = NULL, *items = NULL;
    rc = subject(ctx, type, data, &set, &items, err);
    int64_t now = clock_now_ms(), kick = 0;
    char ttype[64];
    snprintf(ttype, sizeof ttype, "event:%s", type);
    json_t *tdata = json_deep_copy(data);
    json_object_set_new(tdata, "type", json_string("event"));
    json_object_set_new(tdata, "event", json_string(type));
    json_object_set_new(tdata, "eventId", json_integer(event_id));
    for (int i = 0; i < n && rc >= 0; i++) {
        const json_t *t = list[i].trigger;
        const char *form = jx_str(t, "formId");
        const char *posted = jx_str(data, "formId");
        if (form && strcmp(type, "form_submitted") == 0 &&
            !same_form(form, posted ? posted : ""))
            continue;
        if (!conditions_hold(json_object_get(t, "conditions"), items, data,
                             now))
            continue;
        struct admit_req rq = {
            .agent_id = list[i].id,
            .trigger_type = ttype,
            .trigger = tdata,
            .set = set,
        };
        struct admit_out out;
        rc = admit_run(e, ctx, &rq, &out, err);
        if (rc == 0 && out.run_at)
            kick_note(&kick, out.run_at);
        struct log_line l;
        if (rc == 0 && log_begin(&l, LOG_DEBUG, "event.admitted")) {
            log_str(&l, "event", type);
            log_int(&l, "agent", list[i].id);
            log_int(&l, "execution", out.execution_id);
            log_str(&l, "status", out.status ? out.status : "");
            log_end(&l);
        }
    }
    for (int i = 0; i < n; i++)
        json_decref(list[i].trigger);
    json_decref(tdata);
    json_decref(set);
    json_decref(items);
    if (rc < 0)
        return rc;
    if (kick)
        engine_kick(e, kick);
    return 0;
}
