/*
 * lint: what in an agent's plan names something the workspace does not
 * have — a field, a custom field, an e-mail template, an agent, a member —
 * found before the agent runs.
 *
 * A plan is valid on its own (plan/validate.c); whether the things it
 * names exist depends on the workspace, and may change after it is saved
 * (a template created later, a member removed). So these are warnings on
 * the agent, not refusals: the run itself still says what went wrong, as
 * the seeds ask ("Email template 'xyz' not found", "Field ... not found.
 * Defaulting to false.").
 */
#ifndef AGENTD_CRM_LINT_H
#define AGENTD_CRM_LINT_H

#include <jansson.h>

#include "crm/entity.h"

/* Calls fn for each field of condition c (and/or/not trees, walked in
 * order) that names a contact, company or deal field the record does not
 * have: neither built in nor a custom field of the workspace. A field
 * with no record ("title" in a contact search) is first qualified with
 * `bare` when it is set. fn gets the qualified field; a non-zero return
 * stops the walk and is returned. Fields of other kinds ("trigger.x",
 * "memory.y") are the run's own and never reported. Returns 0, fn's
 * value, or a negative error when the store failed. */
int lint_cond_unknown(struct crm_ctx *ctx, const json_t *c, const char *bare,
                      int (*fn)(void *arg, const char *field), void *arg,
                      struct err *err);

/* The plan's warnings, [{"path": "steps[1].params.template", "message":
 * "..."}], in step order; an empty array when it names nothing missing.
 * With the agent's `trigger` (NULL: not known), also a step about records
 * that has none in scope when the agent runs on its own (no search before
 * it, and a trigger that brings none). `creator` is the agent's creator
 * (for @user.me). A new reference; NULL only when the store failed. */
json_t *lint_plan(struct crm_ctx *ctx, const json_t *plan,
                  const json_t *trigger, int64_t creator);

#endif
