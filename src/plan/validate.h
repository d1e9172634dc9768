/*
 * validate: checks any plan — parsed or written by hand — against plan.md.
 *
 * Known step types; required, unknown and mistyped params; wait bounds (1 s
 * to 90 days); condition shapes and operators; nesting depth and size
 * limits. Errors name the place ("steps[2].params.seconds") and say what is
 * wrong; details carry {"path": ...}.
 *
 * Pure functions; thread-safe.
 */
#ifndef AGENTD_PLAN_VALIDATE_H
#define AGENTD_PLAN_VALIDATE_H

#include <stdbool.h>

#include <jansson.h>

#include "core/err.h"

#define PLAN_MAX_STEPS 200      /* steps in all, counting nested ones */
#define PLAN_MAX_NESTING 8      /* if inside if inside ... */
#define PLAN_MAX_COND_DEPTH 16  /* and/or/not nesting */
#define PLAN_MAX_COND_NODES 100
#define PLAN_WAIT_MIN 1
#define PLAN_WAIT_MAX 7776000   /* 90 days */

/* 0, or -E_VALIDATION with err naming the first problem. */
int plan_validate(const json_t *plan, struct err *err);

/* Validates one condition. `path` prefixes messages ("trigger.conditions");
 * bare field names are accepted when allow_bare (inside a search). */
int plan_cond_validate(const json_t *cond, const char *path, bool allow_bare,
                       struct err *err);

/* The step types of plan.md, NULL-terminated. */
extern const char *const plan_step_types[];

/* Whether enrich_contact's `provider` (NULL: the default) is one agentd
 * enriches from: apollo, in any case. A plan may name another (the format
 * allows it); the step then fails with PLAN_ENRICH_UNSUPPORTED, and a
 * saved agent is warned of it. */
bool plan_enrich_provider_known(const char *provider);
#define PLAN_ENRICH_UNSUPPORTED                                             \
    "Enrichment provider '%s' is not supported (apollo is)"

#endif
