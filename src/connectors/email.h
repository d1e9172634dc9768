/*
 * email: building and sending one e-mail.
 *
 * email_mime() renders an RFC 5322 message (UTF-8: encoded-words in
 * headers, base64 body when it is not plain ASCII), with a Message-ID
 * derived from the effect's idempotency key, so that a receiving system
 * can also recognise a repeat.
 *
 * Transports, each configured by a workspace connection (its `config` and
 * decrypted `credentials`):
 *   smtp    config {host, port, security: "starttls"|"tls"|"none", username,
 *           from}; credentials: the password
 *   gmail   Gmail API users.messages.send; config {from, baseUrl, tokenUrl,
 *           clientId}; credentials {accessToken, refreshToken,
 *           clientSecret}; an expired token is refreshed once
 *   resend  Resend's POST /emails; config {from, baseUrl}; credentials: the
 *           API key; the idempotency key goes in Idempotency-Key
 * The errors are the ones people read: "Gmail rate limit exceeded",
 * "Invalid email address: x", "Gmail integration disconnected. Reconnect
 * to continue.".
 */
#ifndef AGENTD_CONNECTORS_EMAIL_H
#define AGENTD_CONNECTORS_EMAIL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/err.h"

struct httpc;

struct email_msg {
    const char *from;       /* address */
    const char *from_name;  /* display name, may be NULL */
    const char *to;         /* address */
    const char *to_name;    /* may be NULL */
    const char *subject;
    const char *body;       /* plain text */
    const char *message_id; /* without <> */
};

/* The message as CRLF text (caller frees); *len its length. */
char *email_mime(const struct email_msg *m, int64_t now_ms, size_t *len);

/* Each returns 0 with *result (owned: {"transport", "id", ...}) or a
 * negative error. A refreshed OAuth token is handed back in
 * *new_credentials (owned, or NULL) for the caller to store. */
int email_send_smtp(struct httpc *http, const json_t *config,
                    const json_t *credentials, const struct email_msg *m,
                    json_t **result, struct err *err);
int email_send_gmail(struct httpc *http, const json_t *config,
                     const json_t *credentials, const struct email_msg *m,
                     json_t **result, json_t **new_credentials,
                     struct err *err);
int email_send_resend(struct httpc *http, const json_t *config,
                      const json_t *credentials, const struct email_msg *m,
                      const char *idempotency_key, json_t **result,
                      struct err *err);

#endif
