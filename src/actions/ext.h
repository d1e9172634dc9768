/*
 * ext: what the integration actions share (connections.c): finding a
 * workspace's connection, reading it in the I/O phase, storing refreshed
 * credentials, pausing the agent with a notice, quotas and usage.
 */
#ifndef AGENTD_ACTIONS_EXT_H
#define AGENTD_ACTIONS_EXT_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "actions/action.h"

struct act_conn {
    int64_t id;           /* 0: none */
    char type[32];
    char name[128];
    json_t *config;       /* owned */
    json_t *credentials;  /* owned; act_io_connection only */
};

/* What a step needs: connection types in order of preference, and what
 * to say when there is none. */
struct act_need {
    const char *const *types;
    const char *message;     /* the step's error */
    const char *notice_type; /* the notification to the creator */
    const char *notice;
};
/* prepare: the connection a step needs. When there is none, *missing is
 * set and the step fails in finish (act_not_connected). */
int act_connection(struct act_env *env, const struct act_need *need,
                   struct act_conn *conn, struct act_out *out, bool *missing,
                   struct err *err);

/* perform: a provider call with a connection. *fresh: refreshed
 * credentials to keep (owned, or NULL). */
typedef int (*act_call_fn)(struct act_io *io, const struct act_conn *conn,
                           const json_t *effect, const json_t *request,
                           json_t **result, json_t **fresh, struct err *err);
/* perform: loads the effect's connection, makes the call, keeps refreshed
 * credentials, and marks the connection disconnected when the provider
 * refuses them (-E_UNAUTHORIZED). */
int act_io_call(struct act_io *io, const json_t *effect, act_call_fn call,
                json_t **result, struct err *err);

/* The first connected connection of the first type that has one, or
 * out->id == 0. Inside the run's transaction. */
int act_find_connection(struct act_env *env, const char *const *types,
                        struct act_conn *out, struct err *err);
void act_conn_fini(struct act_conn *c);

/* perform: a connection with its decrypted credentials. */
int act_io_connection(struct act_io *io, int64_t id, struct act_conn *out,
                      struct err *err);
/* perform: stores refreshed credentials (sealed). */
int act_io_save_credentials(struct act_io *io, int64_t id,
                            const json_t *credentials, struct err *err);
/* perform: the provider refused the credentials for good. */
int act_io_disconnect(struct act_io *io, int64_t id, const char *why,
                      struct err *err);

/* Pauses the running agent and tells the workspace's owners. */
int act_autopause(struct act_env *env, const char *message, struct err *err);
/* Tells the agent's creator (connect an account, reconnect ...). */
int act_tell_creator(struct act_env *env, const char *type,
                     const char *message, struct err *err);

/* prepare: there is no connection of the kind. The step fails in finish
 * with message, after telling the creator `notice` (a notification that
 * stays, unlike writes of a failing prepare). Returns 0. */
int act_not_connected(struct act_out *out, const char *message,
                      const char *notice_type, const char *notice);
/* finish: true when prepare found no connection; *rc is the failure. */
bool act_failed_early(struct act_env *env, int *rc, struct err *err);

/* finish of a step that makes one call (Slack, web search, HTTP): its
 * effect, NULL when none was recorded, and its status ("failed" then). */
const json_t *act_single_effect(const struct act_env *env,
                                const char **status);
/* finish: that call's outcome is unknown (the process stopped while it was
 * out; it is not made again): a warning, and {"status": "uncertain"} as
 * the step's output. Returns 0: the step goes on. */
int act_single_uncertain(struct act_out *out, const json_t *effect);

/* {"key", "limit"} for act_effect(). */
json_t *act_quota(const char *key, int64_t limit);
/* Counts n uses of a provider today (usage table). */
int act_usage_add(struct act_env *env, const char *key, int64_t n,
                  struct err *err);

/* finish: puts an effect back for the step's next round (a provider's
 * rate limit answered it). */
int act_effect_defer(struct act_env *env, const json_t *effect,
                     struct err *err);

/* The Message-ID (without <>) an effect's e-mail carries. */
void act_message_id(const char *key, char *out, size_t size);

/* The connection types that send e-mail (email.c): send_email's and the
 * handoff notice's, NULL-terminated. */
extern const char *const act_email_types[];

#endif
