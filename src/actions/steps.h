/*
 * steps: the entry points of every step type, one source file each under
 * src/actions/ (tags.c holds add_tag and remove_tag, search.c both
 * searches), put together in one table by registry.c. What each function
 * is for — run, perform, finish — is said in action.h.
 */
#ifndef AGENTD_ACTIONS_STEPS_H
#define AGENTD_ACTIONS_STEPS_H

#include "actions/action.h"

int act_search_contacts(struct act_env *, const json_t *, struct act_out *,
                        struct err *);
int act_search_deals(struct act_env *, const json_t *, struct act_out *,
                     struct err *);
int act_add_tag(struct act_env *, const json_t *, struct act_out *,
                struct err *);
int act_remove_tag(struct act_env *, const json_t *, struct act_out *,
                   struct err *);
int act_create_task(struct act_env *, const json_t *, struct act_out *,
                    struct err *);
int act_update_field(struct act_env *, const json_t *, struct act_out *,
                     struct err *);
int act_notify(struct act_env *, const json_t *, struct act_out *,
               struct err *);
int act_remember(struct act_env *, const json_t *, struct act_out *,
                 struct err *);
int act_wait(struct act_env *, const json_t *, struct act_out *,
             struct err *);
int act_handoff(struct act_env *, const json_t *, struct act_out *,
                struct err *);
int act_handoff_finish(struct act_env *, const json_t *, struct act_out *,
                       struct err *);
int act_request_approval(struct act_env *, const json_t *, struct act_out *,
                         struct err *);
int act_run_agent(struct act_env *, const json_t *, struct act_out *,
                  struct err *);
int act_stop(struct act_env *, const json_t *, struct act_out *,
             struct err *);
int act_send_email(struct act_env *, const json_t *, struct act_out *,
                   struct err *);
int act_send_email_finish(struct act_env *, const json_t *,
                          struct act_out *, struct err *);
/* Sends the e-mail an effect describes ({"request": {to, toName, from,
 * fromName, subject, body}}) through its connection: send_email's and
 * handoff's. */
int act_email_perform(struct act_io *, const json_t *, json_t **,
                      struct err *);
int act_linkedin_invite(struct act_env *, const json_t *, struct act_out *,
                        struct err *);
int act_linkedin_perform(struct act_io *, const json_t *, json_t **,
                         struct err *);
int act_linkedin_finish(struct act_env *, const json_t *, struct act_out *,
                        struct err *);
int act_web_search(struct act_env *, const json_t *, struct act_out *,
                   struct err *);
int act_web_search_perform(struct act_io *, const json_t *, json_t **,
                           struct err *);
int act_web_search_finish(struct act_env *, const json_t *,
                          struct act_out *, struct err *);
int act_enrich_contact(struct act_env *, const json_t *, struct act_out *,
                       struct err *);
int act_enrich_perform(struct act_io *, const json_t *, json_t **,
                       struct err *);
int act_enrich_finish(struct act_env *, const json_t *, struct act_out *,
                      struct err *);
int act_slack_message(struct act_env *, const json_t *, struct act_out *,
                      struct err *);
int act_slack_perform(struct act_io *, const json_t *, json_t **,
                      struct err *);
int act_slack_finish(struct act_env *, const json_t *, struct act_out *,
                     struct err *);
int act_http_request(struct act_env *, const json_t *, struct act_out *,
                     struct err *);
int act_http_perform(struct act_io *, const json_t *, json_t **,
                     struct err *);
int act_http_finish(struct act_env *, const json_t *, struct act_out *,
                    struct err *);

#endif
