/*
 * demo: the demo workspace that `agentd seed-demo` (and `make run`) creates.
 *
 * One workspace with an owner, an admin, a member and a viewer; 40
 * companies; 200 contacts with titles, industries, tags and LinkedIn URLs;
 * 30 deals across the stages; 6 email templates; custom fields; five Draft
 * agents with plain-language instructions. Names and numbers come from a
 * fixed seed, so every demo looks the same; passwords and tokens are
 * random and are returned only here.
 */
#ifndef AGENTD_CRM_DEMO_H
#define AGENTD_CRM_DEMO_H

#include <jansson.h>

#include "core/crypto.h"
#include "store/db.h"

#define DEMO_OWNER_EMAIL "owner@demo.agentd.dev"

/* Seeds; *out = {"workspaceId", "users": [{"role", "email", "password",
 * "token", "handle"}]}. -E_CONFLICT if the demo already exists. */
int demo_seed(struct db *db, const struct cry_key *key, json_t **out,
              struct err *err);

#endif
