/*
 * rows: loads the contacts or deals an agent step works on, with what
 * their variables need (a contact's company; a deal's contact and
 * company) and no more, in a fixed number of queries whatever the set's
 * size.
 */
#ifndef AGENTD_CRM_ROWS_H
#define AGENTD_CRM_ROWS_H

#include <stdbool.h>

#include <jansson.h>

#include "crm/entity.h"

/* What a step reads of the rows of its set: a field set (crm/entity.h) per
 * entity. The links between rows (ids, a contact's companyId, a deal's
 * contactId and companyId) are always read; companies are loaded only
 * when some of their fields are wanted; contacts' tags (a subquery per
 * row) only when wanted too. */
struct rows_need {
    fld_set contact, company, deal;
};
/* Whole rows of everything. */
extern const struct rows_need rows_all;

/* kind "contact": *out = [{"id", "contact", "company"}...];
 * kind "deal": [{"id", "deal", "contact", "company"}...], in the order of
 * ids (a JSON array of integers). Rows as the API shows them, with the
 * fields `need` names (and the links). A company nobody needs is null. Ids
 * of other workspaces or deleted rows are left out. */
int rows_load(struct crm_ctx *ctx, const char *kind, const json_t *ids,
              const struct rows_need *need, json_t **out, struct err *err);

/* The member with this handle (or "creator"/"me" for the agent's
 * creator when creator_id is set): {"id", "email", "name", "handle"} or
 * NULL. A new reference. */
json_t *rows_user(struct crm_ctx *ctx, const char *handle, int64_t creator_id);

/* The handle `who` names a member by: "@user.salesRep" or the shorter
 * "@salesRep" that people write (no dot: "@contact.ownerId" is a
 * variable). NULL for anything else. */
const char *rows_user_handle(const char *who);

/* A user named "@user.handle" (or "@handle"), "name@example.com" or by id
 * ("17", as a record's ownerId holds it): their id, or 0 when no member
 * of the workspace matches. */
int64_t rows_user_id(struct crm_ctx *ctx, const char *who, int64_t creator_id);

#endif
