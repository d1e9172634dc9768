/*
 * parse: plain-language instructions -> a plan (../shared/spec/plan.md).
 *
 * Deterministic, offline, no model. A backtracking recursive-descent
 * grammar over the tokens of lex.h, with every word it knows in
 * lexicon.c. The parser never guesses a step it has no words for and never
 * drops words: either every clause maps to steps, or the parse fails with
 * "Unable to parse instructions. Please clarify." and details naming the
 * words it could not understand and where they are ({"reason", "text",
 * "start", "end"}, byte offsets). A plan that parses is also validated
 * (validate.h), so "wait 120 days" fails for its bound.
 *
 * Thread-safe: no shared mutable state.
 */
#ifndef AGENTD_PLAN_PARSE_H
#define AGENTD_PLAN_PARSE_H

#include <stddef.h>

#include <jansson.h>

#include "core/err.h"

/* Longest instructions accepted (the agents API allows the same). */
#define PLAN_MAX_INSTRUCTIONS 20000

#define PLAN_PARSE_ERROR "Unable to parse instructions. Please clarify."

/* Parses len bytes of UTF-8 text. On success *plan = {"steps": [...]}
 * (caller owns). On failure returns -E_VALIDATION with the message above
 * and details, and *plan = NULL.
 *
 * When the opening words say when the agent runs ("Every Monday at 9am,",
 * "When a new contact is created,", "Whenever a deal moves to
 * Negotiation,") and trigger is not NULL, *trigger gets that trigger in
 * the agent's format (docs/api.md: {"type": "schedule", "preset":
 * "weekly", "dayOfWeek": 1, "time": "09:00"}, {"type": "event", "event":
 * "contact_created"}, ...; caller owns), else NULL. A deal-stage clause is
 * also the plan's first if step; the other clauses are not steps. */
int plan_parse(const char *text, size_t len, json_t **plan, json_t **trigger,
               struct err *err);

#endif
