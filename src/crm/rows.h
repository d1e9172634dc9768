/*
 * rows: loads the contacts or deals an agent step works on, with what
 * their variables need (a contact's company; a deal's contact and
 * company), in a fixed number of queries whatever the set's size.
 */
#ifndef AGENTD_CRM_ROWS_H
#define AGENTD_CRM_ROWS_H

#include <stdbool.h>

#include <jansson.h>

#include "crm/entity.h"

/* kind "contact": *out = [{"id", "contact", "company"}...];
 * kind "deal": [{"id", "deal", "contact", "company"}...], in the order of
 * ids (a JSON array of integers). Rows as the API shows them. Ids of other
 * workspaces or deleted rows are left out. `what` says what else to
 * load: without ROWS_COMPANY each item's "company" is null, without
 * ROWS_TAGS contacts have no "tags" key, so that a step that does not
 * mention them does not pay for them. */
#define ROWS_COMPANY 0x1 /* load each item's company */
#define ROWS_TAGS 0x2    /* load contacts' tags */
#define ROWS_ALL (ROWS_COMPANY | ROWS_TAGS)

int rows_load(struct crm_ctx *ctx, const char *kind, const json_t *ids,
              unsigned what, json_t **out, struct err *err);

/* The member with this handle (or "owner"/"creator" for the agent's
 * creator when creator_id is set): {"id", "email", "name", "handle"} or
 * NULL. A new reference. */
json_t *rows_user(struct crm_ctx *ctx, const char *handle, int64_t creator_id);

/* A user named "@user.handle" or "name@example.com": their id, or 0 when
 * no member of the workspace matches. */
int64_t rows_user_id(struct crm_ctx *ctx, const char *who, int64_t creator_id);

#endif
