/*
 * vars: @variables at run time.
 *
 * Text people wrote keeps its @variables in the plan; the engine resolves
 * them per contact when a step runs: @contact.firstName, @company.name,
 * @deal.value, @user.salesRep (a member's handle), @memory.key,
 * @search.results[0].title, @search.count, @steps.2.output.status,
 * @trigger.previousStage, @form.budget, @contacts (ids of the current set).
 *
 * A variable starts with '@' at the start of the text or after a character
 * that is not part of a word (so "jane@acme.com" is no variable) and runs
 * over letters, digits, '_', '.' and [n]; a final '.' ends a sentence, not
 * the variable. Roots agentd does not know stay as written.
 *
 * Thread-safe; struct vars is read-only during a call.
 */
#ifndef AGENTD_PLAN_VARS_H
#define AGENTD_PLAN_VARS_H

#include <stdbool.h>

#include <jansson.h>

#include "core/buf.h"

struct vars {
    const json_t *contact; /* rows as the API shows them; any may be NULL */
    const json_t *company;
    const json_t *deal;
    const json_t *memory;
    const json_t *search;  /* {"results": [...], "count": n} */
    const json_t *steps;   /* {"1": {"output": ...}, ...} */
    const json_t *trigger;
    const json_t *form;
    const json_t *input;   /* a sub-agent's input */
    const json_t *agent;   /* {"id", "name"} */
    const json_t *contacts; /* ids of the current set */
    /* The member with this handle ("me": the agent's creator) as
     * {"id", "email", "name", "handle"}: a new reference or NULL. */
    json_t *(*user)(void *arg, const char *key);
    void *user_arg;
};

/* Looks a path up ("contact.firstName", "search.results[0].title",
 * "steps.1.output.status"; a leading '@' is allowed). Returns a borrowed
 * value, or NULL when the path does not resolve. Values that had to be
 * built (users) are handed over in *owned, which the caller releases. On
 * contacts, companies and deals a name that is no column is looked up in
 * customFields. */
const json_t *vars_lookup(const struct vars *v, const char *path,
                          json_t **owned);

/* Appends text to out with every known variable replaced by its value.
 * A known variable without a value becomes empty and its name is added to
 * `missing` (a JSON array, may be NULL). Returns 0 or -1 (out's cap). */
int vars_render(const struct vars *v, const char *text, struct buf *out,
                json_t *missing);

/* When text is exactly one variable ("@contacts", "@search.results"), its
 * value (a new reference, JSON null when it has none); otherwise NULL. */
json_t *vars_value(const struct vars *v, const char *text);

/* True if text holds any @variable of a known root. */
bool vars_present(const char *text);

#endif
