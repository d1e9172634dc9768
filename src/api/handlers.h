/*
 * handlers: every HTTP handler, grouped by file. The router (router.c)
 * binds them to paths and permissions.
 */
#ifndef AGENTD_API_HANDLERS_H
#define AGENTD_API_HANDLERS_H

#include "api/router.h"

/* h_system.c */
int h_healthz(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_openapi(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_index(struct api_req *rq, struct api_resp *rs, struct err *err);

/* h_resources.c: generic CRUD over rq->route->entity */
int h_list(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_get(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_create(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_update(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_delete(struct api_req *rq, struct api_resp *rs, struct err *err);

/* h_identity.c */
int h_login(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_logout(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_me(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_tokens_list(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_tokens_create(struct api_req *rq, struct api_resp *rs,
                    struct err *err);
int h_tokens_delete(struct api_req *rq, struct api_resp *rs,
                    struct err *err);
int h_workspaces_list(struct api_req *rq, struct api_resp *rs,
                      struct err *err);
int h_workspaces_create(struct api_req *rq, struct api_resp *rs,
                        struct err *err);
int h_workspace_get(struct api_req *rq, struct api_resp *rs,
                    struct err *err);
int h_workspace_update(struct api_req *rq, struct api_resp *rs,
                       struct err *err);
int h_workspace_delete(struct api_req *rq, struct api_resp *rs,
                       struct err *err);
int h_members_list(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_members_add(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_members_update(struct api_req *rq, struct api_resp *rs,
                     struct err *err);
int h_members_remove(struct api_req *rq, struct api_resp *rs,
                     struct err *err);

/* h_crm.c */
int h_form_submit(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_form_submissions(struct api_req *rq, struct api_resp *rs,
                       struct err *err);
int h_notifications_list(struct api_req *rq, struct api_resp *rs,
                         struct err *err);
int h_notification_read(struct api_req *rq, struct api_resp *rs,
                        struct err *err);
int h_notifications_read_all(struct api_req *rq, struct api_resp *rs,
                             struct err *err);
int h_events_list(struct api_req *rq, struct api_resp *rs, struct err *err);

/* h_agents.c */
int h_agent_status(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_agent_export(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_agent_dashboard(struct api_req *rq, struct api_resp *rs,
                      struct err *err);
int h_dashboard(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_agent_export_executions(struct api_req *rq, struct api_resp *rs,
                              struct err *err);
int h_agent_import(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_agent_parse(struct api_req *rq, struct api_resp *rs, struct err *err);

/* h_exec.c: triggers, executions, webhooks */
int h_agent_execute(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_executions_list(struct api_req *rq, struct api_resp *rs,
                      struct err *err);
int h_execution_get(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_execution_events(struct api_req *rq, struct api_resp *rs,
                       struct err *err);
int h_executions_events(struct api_req *rq, struct api_resp *rs,
                        struct err *err);
int h_execution_cancel(struct api_req *rq, struct api_resp *rs,
                       struct err *err);
int h_execution_retry(struct api_req *rq, struct api_resp *rs,
                      struct err *err);
int h_execution_approve(struct api_req *rq, struct api_resp *rs,
                        struct err *err);
int h_execution_reject(struct api_req *rq, struct api_resp *rs,
                       struct err *err);
int h_execution_resume(struct api_req *rq, struct api_resp *rs,
                       struct err *err);
int h_execution_handoff_complete(struct api_req *rq, struct api_resp *rs,
                                 struct err *err);
int h_webhook(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_outbox_list(struct api_req *rq, struct api_resp *rs, struct err *err);
int h_usage(struct api_req *rq, struct api_resp *rs, struct err *err);

#endif
