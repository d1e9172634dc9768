/*
 * llm: asks a language model for a plan when the rule parser cannot parse
 * instructions (off unless configured).
 *
 * Two request formats:
 *   gemini  POST {url} (.../models/MODEL:generateContent), header
 *           x-goog-api-key, generationConfig.responseMimeType
 *           "application/json" with a responseSchema; the answer is
 *           candidates[0].content.parts[0].text.
 *   openai  POST {url} (.../v1/chat/completions), Authorization: Bearer,
 *           response_format {"type": "json_schema", ...}; the answer is
 *           choices[0].message.content.
 *
 * The URL is the operator's (an environment setting), so the address
 * guard does not apply to it. One attempt, at most 10 s. The answer is
 * only a candidate: plan_compile() validates it.
 *
 * Thread-safe: each call borrows an HTTP client from the object's pool.
 */
#ifndef AGENTD_CONNECTORS_LLM_H
#define AGENTD_CONNECTORS_LLM_H

#include <stddef.h>

#include <jansson.h>

#include "core/err.h"

enum llm_format { LLM_GEMINI, LLM_OPENAI };

struct llm_config {
    const char *url;
    const char *key;
    const char *model;   /* openai: the "model" field */
    enum llm_format format;
    long timeout_ms;     /* at most 10000 */
};

struct llm;

/* Reads AGENTD_LLM_URL, AGENTD_LLM_KEY, AGENTD_LLM_FORMAT (gemini|openai;
 * guessed from the URL when unset), AGENTD_LLM_MODEL, AGENTD_LLM_TIMEOUT_MS.
 * Returns 1 when no URL is set (fallback off), 0 when configured, or a
 * negative error for an incomplete setting. Strings point into environ. */
int llm_config_from_env(struct llm_config *cfg, struct err *err);

struct llm *llm_new(const struct llm_config *cfg);
void llm_free(struct llm *m);

/* The plan_fallback callback: arg is a struct llm. */
int llm_plan(void *arg, const char *text, size_t len, json_t **plan,
             struct err *err);

#endif
