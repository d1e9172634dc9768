/*
 * action: what one step type does, behind one interface.
 *
 * The engine (engine/exec.c) hands an action its params as written in the
 * plan and an environment: the workspace and the acting agent, the
 * execution's context (memory, search results, step outputs, trigger
 * data) and the current set of contacts or deals. Contact-scoped actions
 * run for every contact of the set; they resolve @variables per contact.
 * An action fills `struct act_out`: the params as run, its output, its
 * warnings, counters for the execution summary, and its effect on the run
 * (a new current set, a park until some time, a stop).
 *
 * Actions run inside the engine's transaction; a failing action returns a
 * negative error with a message a person can act on, and the engine marks
 * the execution failed at this step. Every action registers in one table
 * (registry.c); the engine never switches on a step's name.
 */
#ifndef AGENTD_ACTIONS_ACTION_H
#define AGENTD_ACTIONS_ACTION_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "crm/entity.h"
#include "crm/rows.h"
#include "plan/vars.h"

struct httpc;
struct db;
struct cry_key;

/* park_until for "until someone acts" (approval without a timeout). */
#define PARK_NO_TIMEOUT INT64_MAX

struct act_env {
    struct crm_ctx *crm;  /* db, ws, agent_id, execution_id, key */
    json_t *ctx;          /* the execution context; actions may write */
    const json_t *agent;  /* {"id", "name", "createdBy", "memory": {...}} */
    int64_t now;
    const char *kind;     /* the current set: "contact", "deal" or NULL */
    const json_t *ids;    /* its ids, or NULL */
    json_t *items;        /* its rows (act_items() loads them), or NULL */
    struct rows_need need; /* what of the rows of the set the step reads
                              (crm/rows.h) */
    bool names_record;    /* the step's params name @contact, @deal or
                             @company (act_rounds) */
    /* Starts a sub-execution of another agent (run_agent), which begins
     * with the set of `kind` records `ids` (NULL: none) as its own. */
    int (*spawn)(void *arg, const char *agent, const json_t *input,
                 const char *kind, const json_t *ids, int64_t *child,
                 struct err *err);
    void *spawn_arg;
    /* External actions (ACT_EXTERNAL), see below. */
    const char *path;     /* the step's path ("3", "2.then.1") */
    json_t *effects;      /* prepare: the effects to perform */
    const json_t *done;   /* finish: the step's effects with their
                             outcomes (not yet reported by an earlier
                             finish of the same step) */
    const json_t *state;  /* finish: what prepare put in out->output */
};

struct act_out {
    json_t *params;       /* params as run (variables resolved); owned */
    json_t *output;       /* owned; NULL = {} */
    json_t *warnings;     /* array, created by the engine */
    json_t *counts;       /* object of summary counters, by the engine */
    const char *status;   /* NULL success, "warning", "skipped" */
    json_t *set;          /* a new current set {"kind", "ids"}; owned */
    int64_t park_until;   /* > 0: the execution waits until then */
    const char *park_kind; /* "wait", "handoff", "approval", "agent" */
    bool record_on_resume; /* the step is recorded when the run resumes */
    bool stop;
    bool repeat;          /* with park_until: the step runs again when the
                             run resumes (a daily quota) */
};

typedef int (*act_fn)(struct act_env *env, const json_t *params,
                      struct act_out *out, struct err *err);

/*
 * External actions reach the outside world, which is never called inside a
 * database transaction. They work in three phases:
 *
 *  prepare (`run`, in the run's transaction): resolves texts, checks
 *    connections and limits, and lists one effect per message or call
 *    with act_effect(); what finish will need goes in out->output.
 *  perform (in the worker, no transaction open): one call per effect.
 *    Before it, the effect is marked "sending"; after it "done" or
 *    "failed". An effect found "sending" after a crash is not performed
 *    again (it becomes "uncertain") unless it is idempotent. An effect
 *    whose run has worked for its time limit before its turn is not
 *    performed ("timedout"); the engine fails the step after finish.
 *  finish (in a later transaction): reads every effect's outcome in
 *    env->done, writes activities and counters, fills the step's output,
 *    and fails the step if it must. What finish writes stays even when it
 *    fails the step: it records what was really sent.
 *
 * Effects are keyed by execution, step and contact, so a step prepared
 * again (after a crash, or the next day) finds the effects it already
 * performed and does not perform them twice.
 */

/* What perform may use. */
struct act_io {
    struct db *db;            /* no transaction open */
    const struct cry_key *key;
    struct httpc *http;
    int64_t ws;
};

/* effect: {"id", "key", "kind", "contactId", "connectionId", "request"}.
 * *result (owned) on success; on failure a negative error whose message is
 * what the person reads ("Gmail rate limit exceeded"). */
typedef int (*act_perform_fn)(struct act_io *io, const json_t *effect,
                              json_t **result, struct err *err);

#define ACT_CONTACTS 0x1  /* works on the contacts of the current set */
#define ACT_EXTERNAL 0x2  /* prepare / perform / finish, see above */
#define ACT_FULL_ROWS 0x4 /* hands whole rows on (handoff context) */
/* Reads of the rows of its set only ids and the fields its parameters
 * mention (@contact.firstName): the rest is not loaded. */
#define ACT_LEAN_ROWS 0x8

struct action {
    const char *type;
    act_fn run;               /* the action, or an external one's prepare */
    unsigned flags;
    act_perform_fn perform;   /* ACT_EXTERNAL */
    act_fn finish;            /* ACT_EXTERNAL */
    /* ACT_EXTERNAL: what a run's progress says while the calls are made,
     * "Sending emails" ... "(5 of 10 sent)". */
    const char *doing, *did;
};

/* prepare: adds an effect (request is stolen). contact_id 0 for effects not
 * about a contact. quota (may be NULL): {"key": "email:agent:7", "limit":
 * 100} — effects over the day's quota are not performed but "deferred".
 * idempotent: safe to perform again after a crash (a read, or a provider
 * that honours an idempotency key). */
void act_effect(struct act_env *env, const char *kind, int64_t contact_id,
                int64_t connection_id, json_t *request, const json_t *quota,
                bool idempotent);
/* finish: the effects of a status ("done", "failed", "deferred",
 * "uncertain", "timedout"), counted. */
size_t act_effects_count(const struct act_env *env, const char *status);

/* The action for a step type, or NULL. */
const struct action *action_find(const char *type);

/* ---- helpers for actions (common.c) ---- */

/* Loads env->items (rows of the current set; see crm/rows.h). */
int act_items(struct act_env *env, struct err *err);
/* The only member of the current set (loading it), or NULL when the set
 * does not have exactly one: steps that run once per run (remember,
 * notify, approval, sub-agents, conditions) resolve @contact.* against it,
 * e.g. in a run triggered by one contact's event. */
const json_t *act_single(struct act_env *env);
/* Steps that run once per run (notify, slack_message, http_request) go
 * once per member of the current set when their params name the set's
 * record (env->names_record: @contact, @deal, @company): "Find contacts
 * ... and post to Slack: New lead @contact.firstName" posts once per
 * contact.
 * Otherwise once, about the set's only member if it has one. A set that
 * is there but empty: n = 0 and the step is skipped (act_no_contacts);
 * more than `limit` members: the first `limit`, with a warning. */
struct act_rounds {
    size_t n;       /* how many times the step goes */
    bool per_item;  /* once per member of env->items */
};
int act_rounds(struct act_env *env, size_t limit, struct act_out *out,
               struct act_rounds *r, struct err *err);
/* The item of round i (act_single() when not per item; may be NULL). */
const json_t *act_round_item(struct act_env *env, const struct act_rounds *r,
                             size_t i);
/* "contact:12", "deal:5": the key of an item of the current set, under
 * which what a step found for it alone is kept in the context (a web
 * search per contact: "searchFor"). */
void act_item_key(const struct act_env *env, const json_t *item, char *out,
                  size_t size);
/* The contact an item is about (a deal's contact), 0 for none. */
int64_t act_item_contact(const json_t *item);
/* Variables for one item of the set (NULL: none in scope). */
void act_vars(struct act_env *env, const json_t *item, struct vars *v);
/* text with its @variables resolved for item; a missing value adds a
 * warning. A new string. */
json_t *act_text(struct act_env *env, const json_t *item, const char *text,
                 struct act_out *out);
/* A param's string (borrowed) or NULL. */
const char *act_param(const json_t *params, const char *key);
void act_count(struct act_out *out, const char *name, int64_t n);
void act_warn(struct act_out *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The step had no contacts to work on: skipped, with a warning that says
 * why (no search before it, a search that found none, or records of the
 * set without a contact). */
void act_no_contacts(const struct act_env *env, struct act_out *out);
/* The contact ids of the set (for a deal set: the deals' contacts) as a
 * JSON array (new reference). */
json_t *act_contact_ids(struct act_env *env, struct err *err);
/* A deal set names a deal's contact once per deal, so one person may come
 * up twice in a step. An e-mail, invitation or enrichment that would reach
 * the same contact again in the same step with the same content is the
 * same message twice, and goes once: act_repeat() says whether (contact,
 * content) was already listed in *seen (created on first use; the caller
 * json_decref()s it), and lists it when not. content NULL: any second
 * time for that contact is a repeat. Always false outside a deal set. */
bool act_repeat(const struct act_env *env, json_t **seen, int64_t contact,
                const json_t *content);
/* The display name of an item's contact ("John Doe", else its email). */
const char *act_contact_name(const json_t *item, char *buf, size_t size);
/* The user who created the running agent (0: none). */
int64_t act_creator(const struct act_env *env);
/* The member of the workspace `who` names (as rows_user_id reads it) in
 * *user; NULL names the agent's creator (0 when it has none). A name that
 * matches nobody is an error "<doing> <who>: user not found" (detail
 * `param`), e.g. "Cannot assign task to user @user.x: user not found". */
int act_member(struct act_env *env, const char *who, const char *param,
               const char *doing, int64_t *user, struct err *err);
/* Whether `who` is a record's field ("@contact.ownerId", "@deal.ownerId"):
 * a member that differs from one contact (or deal) to the next. */
bool act_member_varies(const char *who);
/* For such a `who`, the member whose id the field holds for item, in
 * *user; 0 with a warning when it holds none or names no member of the
 * workspace (the step's default then: the agent's creator or owners). */
void act_member_of(struct act_env *env, const json_t *item, const char *who,
                   int64_t *user, struct act_out *out);
/* An open task to create (act_tasks_add): due_at and user 0 for none,
 * description NULL for none, contact and deal 0 for none; its id once
 * created. */
struct act_task {
    const char *title, *description;
    int64_t due_at, user, contact, deal;
    int64_t id;
};
/* Creates the n open tasks t, by the running agent and execution, now,
 * several to a statement; sets each one's id. */
int act_tasks_add(struct act_env *env, struct act_task *t, size_t n,
                  struct err *err);
/* The running agent's name ("agent" when it has none). */
const char *act_agent_name(const struct act_env *env);
/* {"agentId", "executionId"} of the running step: the data of the
 * notifications it sends (a new object, to add to). */
json_t *act_run_data(const struct act_env *env);
/* A string param's value for item: one that is exactly a variable
 * ("@steps.1.output") is the value it names, whatever its type; any other
 * has its @variables filled in (act_text). A new reference. */
json_t *act_value(struct act_env *env, const json_t *item, const char *text,
                  struct act_out *out);
/* A JSON param (an object or array a person wrote) for item: each string
 * in it, at any depth, as act_value reads it; keys and other values as
 * written. The values go in as values, so a contact's name with a quote
 * in it stays inside its string. A new reference. */
json_t *act_json(struct act_env *env, const json_t *item, const json_t *j,
                 struct act_out *out);

#endif
