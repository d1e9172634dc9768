/*
 * tags: workspace tags and the tags of contacts.
 *
 * Tag names are case-insensitive and unique per workspace; a tag is created
 * the first time it is used. All functions run inside the caller's
 * transaction when there is one, or their own.
 */
#ifndef AGENTD_CRM_TAGS_H
#define AGENTD_CRM_TAGS_H

#include <jansson.h>

#include "crm/entity.h"

#define TAG_MAX_LEN 64
#define TAGS_MAX_PER_CONTACT 50

/* Validates a JSON array of tag names: strings, 1..64 bytes after trimming,
 * at most 50; duplicates (ignoring case) dropped. *out owned by caller. */
int tags_normalize(const json_t *in, const char *field, json_t **out,
                   struct err *err);
/* Finds or creates a tag; *id is its id. */
int tags_ensure(struct crm_ctx *ctx, const char *name, int64_t *id,
                struct err *err);
/* Makes a contact's tags exactly `names` (a normalized array). */
int tags_set_contact(struct crm_ctx *ctx, int64_t contact_id,
                     const json_t *names, struct err *err);
/* Adds/removes tags on many contacts in one statement per tag. *changed
 * (may be NULL) receives the number of contact-tag links added/removed. */
int tags_add(struct crm_ctx *ctx, const int64_t *contact_ids, size_t n,
             const json_t *names, int64_t *changed, struct err *err);
int tags_remove(struct crm_ctx *ctx, const int64_t *contact_ids, size_t n,
                const json_t *names, int64_t *changed, struct err *err);

#endif
