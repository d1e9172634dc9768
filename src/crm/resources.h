/*
 * resources: the CRM resources, each described once as a `struct entity`.
 *
 * The API exposes them under /api/workspaces/:ws/<plural>; actions of the
 * engine use the same descriptions (and so the same validation) when an
 * agent creates a task or updates a field.
 */
#ifndef AGENTD_CRM_RESOURCES_H
#define AGENTD_CRM_RESOURCES_H

#include "crm/entity.h"

extern const struct entity crm_contacts;
extern const struct entity crm_companies;
extern const struct entity crm_deals;
extern const struct entity crm_tasks;
extern const struct entity crm_tags;
extern const struct entity crm_custom_fields;
extern const struct entity crm_email_templates;
extern const struct entity crm_connections;
extern const struct entity crm_activities;
extern const struct entity crm_agents;

/* Deal stages, in pipeline order; NULL-terminated. */
extern const char *const crm_deal_stages[];
/* Connection types; NULL-terminated. */
extern const char *const crm_connection_types[];

/* Every entity exposed as a CRUD resource, NULL-terminated. */
extern const struct entity *const crm_resources[];

/* Looks a resource up by its URL segment. */
const struct entity *crm_resource_by_plural(const char *plural);

#endif
