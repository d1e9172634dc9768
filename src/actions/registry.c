/*
 * registry: every step type and the function that runs it. The engine
 * looks actions up here and knows nothing else about them. "if" is not an
 * action: it is the engine's own control flow.
 */
#include <string.h>

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
int act_request_approval(struct act_env *, const json_t *, struct act_out *,
                         struct err *);
int act_run_agent(struct act_env *, const json_t *, struct act_out *,
                  struct err *);
int act_stop(struct act_env *, const json_t *, struct act_out *,
             struct err *);

static const struct action table[] = {
    {"search_contacts", act_search_contacts, 0},
    {"search_deals", act_search_deals, 0},
    {"add_tag", act_add_tag, ACT_CONTACTS},
    {"remove_tag", act_remove_tag, ACT_CONTACTS},
    {"create_task", act_create_task, ACT_CONTACTS},
    {"update_field", act_update_field, ACT_CONTACTS},
    {"notify", act_notify, 0},
    {"remember", act_remember, 0},
    {"wait", act_wait, 0},
    {"handoff", act_handoff, ACT_CONTACTS | ACT_FULL_ROWS},
    {"request_approval", act_request_approval, 0},
    {"run_agent", act_run_agent, 0},
    {"stop", act_stop, 0},
    {NULL, NULL, 0},
};

const struct action *action_find(const char *type)
{
    for (const struct action *a = table; a->type; a++)
        if (!strcmp(a->type, type))
            return a;
    return NULL;
}
