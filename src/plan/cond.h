/*
 * cond: evaluates plan conditions at run time (plan.md, "Conditions").
 *
 * ==, !=, >, <, >=, <=, contains, exists; and/or/not nested freely.
 * Text compares without case; numbers as numbers; times (ISO strings in
 * rows) against relative values such as "now-7d" or "today"; contains on
 * an array tests membership. A field that does not resolve makes its leaf
 * false with the warning "Field 'contact.customField99' not found.
 * Defaulting to false." (exists simply reports that it does not exist).
 *
 * Thread-safe.
 */
#ifndef AGENTD_PLAN_COND_H
#define AGENTD_PLAN_COND_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "plan/vars.h"

/* Evaluates cond. Warnings (strings) are appended to `warnings` (may be
 * NULL) without duplicates. now_ms resolves relative times. */
bool cond_eval(const json_t *cond, const struct vars *v, int64_t now_ms,
               json_t *warnings);

/* True if the condition reads a field of the given root ("contact",
 * "deal", "company"), or compares with one ("memory.seen contains
 * @contact.id"): it then has to be evaluated per contact or deal. */
bool cond_uses(const json_t *cond, const char *root);

/* A one-line account of a condition for the execution log:
 * "contact.replied == false". Caller frees. */
char *cond_describe(const json_t *cond);

#endif
