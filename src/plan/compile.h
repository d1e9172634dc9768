/*
 * compile: instructions -> plan, with an optional model fallback.
 *
 * The rule parser (parse.h) answers first. Only when it cannot parse the
 * instructions, and a fallback is configured, is the model asked; its
 * answer is accepted only if it passes the validator (validate.h).
 * Otherwise the parser's honest error stands.
 */
#ifndef AGENTD_PLAN_COMPILE_H
#define AGENTD_PLAN_COMPILE_H

#include <stddef.h>

#include <jansson.h>

#include "core/err.h"

struct plan_fallback {
    /* Asks for a plan; *plan owned by the caller on success. */
    int (*ask)(void *arg, const char *text, size_t len, json_t **plan,
               struct err *err);
    void *arg;
};

/* *source is "parser" or "model" (static strings). On failure returns the
 * parser's error; a model's failure is added to details as "model".
 * trigger (may be NULL): the trigger the opening words name, as
 * plan_parse gives it; NULL when the model answered. */
int plan_compile(const char *text, size_t len, const struct plan_fallback *fb,
                 json_t **plan, json_t **trigger, const char **source,
                 struct err *err);

#endif
