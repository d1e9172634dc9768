/*
 * registry: every step type and the function that runs it. The engine
 * looks actions up here and knows nothing else about them. "if" is not an
 * action: it is the engine's own control flow.
 */
#include <string.h>

#include "actions/action.h"
#include "actions/steps.h"

#define EXT ACT_EXTERNAL
#define LEAN ACT_LEAN_ROWS

static const struct action table[] = {
    {"search_contacts", act_search_contacts, 0, NULL, NULL},
    {"search_deals", act_search_deals, 0, NULL, NULL},
    {"add_tag", act_add_tag, ACT_CONTACTS | LEAN, NULL, NULL},
    {"remove_tag", act_remove_tag, ACT_CONTACTS | LEAN, NULL, NULL},
    {"create_task", act_create_task, ACT_CONTACTS | LEAN, NULL, NULL},
    {"update_field", act_update_field, ACT_CONTACTS, NULL, NULL},
    {"notify", act_notify, LEAN, NULL, NULL},
    {"remember", act_remember, LEAN, NULL, NULL},
    {"wait", act_wait, 0, NULL, NULL},
    {"handoff", act_handoff, ACT_CONTACTS | ACT_FULL_ROWS | EXT,
     act_email_perform, act_handoff_finish, "Handing off", "told"},
    {"request_approval", act_request_approval, 0, NULL, NULL},
    {"run_agent", act_run_agent, 0, NULL, NULL},
    {"stop", act_stop, 0, NULL, NULL},
    {"send_email", act_send_email, ACT_CONTACTS | EXT, act_email_perform,
     act_send_email_finish, "Sending emails", "sent"},
    {"linkedin_invite", act_linkedin_invite, ACT_CONTACTS | EXT,
     act_linkedin_perform, act_linkedin_finish,
     "Sending LinkedIn invitations", "sent"},
    {"web_search", act_web_search, EXT, act_web_search_perform,
     act_web_search_finish, "Searching the web", "done"},
    {"enrich_contact", act_enrich_contact, ACT_CONTACTS | EXT,
     act_enrich_perform, act_enrich_finish, "Enriching contacts",
     "enriched"},
    {"slack_message", act_slack_message, EXT, act_slack_perform,
     act_slack_finish, "Posting to Slack", "posted"},
    {"http_request", act_http_request, EXT, act_http_perform,
     act_http_finish, "Calling the server", "made"},
    {NULL, NULL, 0, NULL, NULL, NULL, NULL},
};

const struct action *action_find(const char *type)
{
    for (const struct action *a = table; a->type; a++)
        if (!strcmp(a->type, type))
            return a;
    return NULL;
}
