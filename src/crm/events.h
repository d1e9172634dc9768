/*
 * events: CRM events (contact created, deal stage updated, form submitted).
 *
 * An event is recorded in crm_events inside the transaction of the change
 * that caused it, so that it exists exactly when the change does. Whoever
 * wants to react (the engine's event triggers) registers a sink in the
 * crm_ctx; the sink runs in the same transaction and may fail it.
 */
#ifndef AGENTD_CRM_EVENTS_H
#define AGENTD_CRM_EVENTS_H

#include <jansson.h>

#include "crm/entity.h"

#define EV_CONTACT_CREATED "contact_created"
#define EV_DEAL_STAGE_UPDATED "deal_stage_updated"
#define EV_FORM_SUBMITTED "form_submitted"

/* Records the event (data is borrowed) and hands it to ctx's sink. */
int crm_event_record(struct crm_ctx *ctx, const char *type,
                     const char *entity, int64_t entity_id,
                     const json_t *data, struct err *err);

#endif
