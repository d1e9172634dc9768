/*
 * agents: agent definitions (name, goal, instructions, plan, status,
 * trigger, restrictions, memory, webhook secret).
 *
 * The generic entity code stores them (crm_agents in resources.h); this
 * module adds what is special: status rules (Draft -> Live -> Paused ->
 * Live), validation of the trigger/restrictions/memory documents, the
 * webhook secret, soft deletion, and export/import of a configuration.
 */
#ifndef AGENTD_CRM_AGENTS_H
#define AGENTD_CRM_AGENTS_H

#include <jansson.h>

#include "crm/entity.h"

/* Status values as stored. */
#define AGENT_DRAFT "draft"
#define AGENT_LIVE "live"
#define AGENT_PAUSED "paused"

/* Parses instructions (or validates a plan) without saving: *out =
 * {"plan", "source"} (caller owns). Failure is the parse or validation
 * error (-E_VALIDATION, details naming the words or the step). */
int agents_preview(struct crm_ctx *ctx, const json_t *input, json_t **out,
                   struct err *err);

/* Changes an agent's status with the transition rules. *out is the agent
 * (caller owns). */
int agents_set_status(struct crm_ctx *ctx, int64_t id, const char *status,
                      json_t **out, struct err *err);

/* The portable configuration of an agent: {"version": 1, "name", "goal",
 * "instructions", "triggers", "restrictions", "memory"}. */
int agents_export(struct crm_ctx *ctx, int64_t id, json_t **out,
                  struct err *err);
/* Creates a Draft agent from an exported configuration. A name already in
 * use gets " (2)", " (3)" ... appended. */
int agents_import(struct crm_ctx *ctx, const json_t *config, json_t **out,
                  struct err *err);

/* Validates a trigger document; 0 or an error naming the bad part. */
int agents_trigger_check(const json_t *trigger, struct err *err);
int agents_restrictions_check(const json_t *r, struct err *err);
int agents_memory_check(const json_t *m, struct err *err);

/* The decrypted webhook secret of an agent (caller frees with
 * cry_free_secret), or NULL with err. */
char *agents_webhook_secret(struct crm_ctx *ctx, int64_t id,
                            struct err *err);

#endif
