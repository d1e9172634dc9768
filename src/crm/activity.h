/*
 * activity: the CRM's record of what happened to a contact or deal
 * ("Email sent to John Doe", "LinkedIn invitation sent to ...").
 * Notifications: messages to one user of a workspace.
 */
#ifndef AGENTD_CRM_ACTIVITY_H
#define AGENTD_CRM_ACTIVITY_H

#include <stdbool.h>

#include <jansson.h>

#include "crm/entity.h"

struct activity {
    const char *type;    /* "email_sent", "note", ... */
    const char *message; /* "Email sent to John Doe" */
    int64_t contact_id;  /* 0 = none */
    int64_t deal_id;
    int64_t company_id;
    const json_t *data;  /* borrowed; NULL = {} */
    bool reached;        /* an e-mail or invitation went to the contact:
                            its lastContactedAt becomes now */
};

/* Records an activity by ctx's actor (user, agent, execution). */
int activity_add(struct crm_ctx *ctx, const struct activity *a,
                 struct err *err);

/* The same activity (no data) for each contact of contact_ids (a JSON
 * array of ids), in one statement, by ctx's actor. With `added`, ids of
 * contacts that no longer exist (deleted while a run held them) are
 * passed over and *added is how many were recorded; without it, the
 * caller vouches that every id is a contact of the workspace. */
int activity_add_each(struct crm_ctx *ctx, const json_t *contact_ids,
                      const char *type, const char *message,
                      int64_t *added, struct err *err);

/* The contact's latest activities, newest first, at most `limit`: an
 * array of {type, message, createdAt} (the conversation so far, for a
 * person taking over from an agent). NULL on a store error. */
json_t *activity_recent(struct crm_ctx *ctx, int64_t contact_id, int limit,
                        struct err *err);

/* Notifies one user of the workspace; data is borrowed (may be NULL). */
int notify_user(struct crm_ctx *ctx, int64_t user_id, const char *type,
                const char *message, const json_t *data, struct err *err);
/* Notifies every owner of the workspace (and admins when `admins`). */
int notify_owners(struct crm_ctx *ctx, bool admins, const char *type,
                  const char *message, const json_t *data, struct err *err);

#endif
