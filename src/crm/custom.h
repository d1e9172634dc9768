/*
 * custom: custom field definitions and the values they validate.
 *
 * A workspace defines custom fields per entity (contact, company, deal) with
 * a key, a label and a type: string, number, date, boolean or enum (with
 * options). Values live in the entity's `custom` JSON object. Setting a key
 * that has no definition fails with "Custom field 'KEY' not found. Create
 * field first."; a value of the wrong type fails naming the type expected.
 */
#ifndef AGENTD_CRM_CUSTOM_H
#define AGENTD_CRM_CUSTOM_H

#include <jansson.h>

#include "crm/entity.h"

/* Checks `value` against the definition of `key` on `entity` and returns
 * the value to store (dates normalised to YYYY-MM-DD) in *out. */
int custom_check(struct crm_ctx *ctx, const char *entity, const char *key,
                 const json_t *value, json_t **out, struct err *err);
/* The type of custom field `key` on `entity` ("string", "number", "date",
 * "boolean" or "enum") in type; the "not found" error when it has none. */
int custom_type(struct crm_ctx *ctx, const char *entity, const char *key,
                char type[16], struct err *err);
/* Merges `patch` into a copy of `old` (may be NULL): each key is checked;
 * a null value removes the key. *out owned by the caller. */
int custom_merge(struct crm_ctx *ctx, const char *entity, const json_t *old,
                 const json_t *patch, json_t **out, struct err *err);
/* Validates a definition row (type and options) before it is stored. */
int custom_def_check(json_t *row, struct err *err);

#endif
