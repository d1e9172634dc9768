/* email: MIME and the e-mail transports; see email.h. */
#include "connectors/email.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "connectors/httpc.h"
#include "connectors/oauth.h"
#include "core/buf.h"
#include "core/jsonx.h"
#include "core/str.h"
#include "core/xalloc.h"

/* ---- MIME ----------------------------------------------------------- */

static bool ascii_printable(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x80 || *p < 0x20)
            return false;
    return true;
}

static void put_b64(struct buf *b, const void *p, size_t n)
{
    size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *out = xmalloc(len);
    sodium_bin2base64(out, len, p, n, sodium_base64_VARIANT_ORIGINAL);
    buf_puts(b, out);
    free(out);
}

/* A header value: as is when it is plain ASCII, else RFC 2047 encoded
 * words (base64, at most 45 bytes of text each, cut between characters). */
static void put_header_text(struct buf *b, const char *s)
{
    if (ascii_printable(s)) {
        buf_puts(b, s);
        return;
    }
    size_t n = strlen(s), i = 0;
    bool first = true;
    while (i < n) {
        size_t k = n - i < 45 ? n - i : 45;
        while (k > 0 && i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
            k--;
        if (k == 0)
            k = 1;
        if (!first)
            buf_puts(b, "\r\n ");
        first = false;
        buf_puts(b, "=?UTF-8?B?");
        put_b64(b, s + i, k);
        buf_puts(b, "?=");
        i += k;
    }
}

static void put_address(struct buf *b, const char *name, const char *addr)
{
    if (name && *name) {
        if (ascii_printable(name) && !strpbrk(name, "\",<>()@;:\\[]")) {
            buf_printf(b, "\"%s\" ", name);
        } else {
            put_header_text(b, name);
            buf_putc(b, ' ');
        }
        buf_printf(b, "<%s>", addr);
    } else {
        buf_puts(b, addr);
    }
}

char *email_mime(const struct email_msg *m, int64_t now_ms, size_t *len)
{
    struct buf b;
    buf_init(&b, 0);
    char date[64];
    time_t t = (time_t)(now_ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    buf_puts(&b, "From: ");
    put_address(&b, m->from_name, m->from);
    buf_puts(&b, "\r\nTo: ");
    put_address(&b, m->to_name, m->to);
    buf_puts(&b, "\r\nSubject: ");
    put_header_text(&b, m->subject ? m->subject : "");
    buf_printf(&b, "\r\nDate: %s\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\n",
               date, m->message_id);
    const char *body = m->body ? m->body : "";
    /* Plain ASCII with lines SMTP accepts goes as it is; anything else in
     * base64. */
    bool plain = true;
    size_t line = 0;
    for (const unsigned char *p = (const unsigned char *)body; *p; p++) {
        line = *p == '\n' ? 0 : line + 1;
        if (*p >= 0x80 || line > 900)
            plain = false;
    }
    if (plain) {
        buf_puts(&b, "Content-Type: text/plain; charset=us-ascii\r\n"
                     "Content-Transfer-Encoding: 7bit\r\n\r\n");
        for (const char *p = body; *p; p++) {
            if (*p == '\n' && (p == body || p[-1] != '\r'))
                buf_putc(&b, '\r');
            buf_putc(&b, *p);
        }
        buf_puts(&b, "\r\n");
        *len = b.len;
        return buf_steal(&b);
    }
    buf_puts(&b, "Content-Type: text/plain; charset=utf-8\r\n"
                 "Content-Transfer-Encoding: base64\r\n\r\n");
    struct buf enc;
    buf_init(&enc, 0);
    put_b64(&enc, body, strlen(body));
    for (size_t i = 0; i < enc.len; i += 76) {
        size_t k = enc.len - i < 76 ? enc.len - i : 76;
        buf_append(&b, enc.data + i, k);
        buf_puts(&b, "\r\n");
    }
    buf_fini(&enc);
    *len = b.len;
    return buf_steal(&b);
}

/* ---- SMTP ----------------------------------------------------------- */

int email_send_smtp(struct httpc *http, const json_t *config,
                    const json_t *credentials, const struct email_msg *m,
                    json_t **result, struct err *err)
{
    *result = NULL;
    const char *host = jx_str(config, "host");
    const char *security = jx_str(config, "security");
    int64_t port = 0;
    jx_int(config, "port", &port);
    if (!host || !*host)
        return err_set(err, E_VALIDATION,
                       "The SMTP connection has no host; set config.host");
    bool tls = security && !strcmp(security, "tls");
    bool none = security && !strcmp(security, "none");
    char url[512];
    snprintf(url, sizeof url, "%s://%s:%lld", tls ? "smtps" : "smtp", host,
             (long long)(port ? port : tls ? 465 : none ? 25 : 587));
    const char *password = json_is_string(credentials)
                               ? json_string_value(credentials)
                               : jx_str(credentials, "password");
    size_t len;
    char *data = email_mime(m, (int64_t)time(NULL) * 1000, &len);
    int64_t timeout = 30000;
    jx_int(config, "timeoutMs", &timeout);
    struct httpc_mail mail = {
        .url = url,
        .starttls = !tls && !none,
        .username = jx_str(config, "username"),
        .password = password,
        .from = m->from,
        .to = m->to,
        .data = data,
        .len = len,
        .timeout_ms = (long)timeout,
        .guarded = true,
    };
    long code = 0;
    int rc = httpc_mail(http, &mail, &code, err);
    free(data);
    if (rc == -E_VALIDATION) {
        char why[ERR_MSG_MAX];
        snprintf(why, sizeof why, "%s", err->msg);
        err_clear(err);
        rc = err_set(err, E_VALIDATION, "Invalid email address: %s (%s)",
                     m->to, why);
    }
    if (!rc)
        *result = json_pack("{s:s, s:s, s:I}", "transport", "smtp", "id",
                            m->message_id, "reply", (json_int_t)code);
    return rc;
}

/* ---- Gmail API ------------------------------------------------------ */

int email_send_gmail(struct httpc *http, const json_t *config,
                     const json_t *credentials, const struct email_msg *m,
                     json_t **result, json_t **new_credentials,
                     struct err *err)
{
    *result = NULL;
    *new_credentials = NULL;
    const char *base = jx_str(config, "baseUrl");
    char url[1024];
    snprintf(url, sizeof url, "%s/gmail/v1/users/me/messages/send",
             base ? base : "https://gmail.googleapis.com");
    size_t len;
    char *mime = email_mime(m, (int64_t)time(NULL) * 1000, &len);
    char *raw = str_b64url_encode((const unsigned char *)mime, len);
    free(mime);
    json_t *b = json_pack("{s:s}", "raw", raw);
    free(raw);
    char *body = jx_dump(b);
    json_decref(b);
    struct httpc_resp rs;
    httpc_resp_init(&rs);
    struct httpc_req rq = {
        .method = "POST",
        .url = url,
        .headers = {NULL /* oauth_send's */, "Content-Type: application/json"},
        .body = body,
        .body_len = strlen(body),
        .timeout_ms = 20000,
        .max_response = 256 * 1024,
        .guarded = true,
        .not_idempotent = true, /* Gmail would send it twice */
    };
    int rc = oauth_send(http, &rq, config, credentials,
                        "https://oauth2.googleapis.com/token", &rs,
                        new_credentials, err);
    free(body);
    if (!rc) {
        json_t *j = json_loads(buf_cstr(&rs.body), 0, NULL);
        if (rs.status >= 200 && rs.status < 300) {
            *result = json_pack("{s:s, s:s?, s:s?}", "transport", "gmail",
                                "id", jx_str(j, "id"), "threadId",
                                jx_str(j, "threadId"));
        } else if (rs.status == 429) {
            rc = err_set(err, E_RATE_LIMITED, "Gmail rate limit exceeded");
        } else if (rs.status == 401 || rs.status == 403) {
            rc = err_set(err, E_UNAUTHORIZED,
                         "Gmail integration disconnected. Reconnect to "
                         "continue.");
        } else if (rs.status == 400) {
            rc = err_set(err, E_VALIDATION, "Invalid email address: %s",
                         m->to);
        } else {
            rc = httpc_answered(&rs, "Gmail", err);
        }
        json_decref(j);
    } else if (rc == -E_TIMEOUT) {
        bool doubt = httpc_uncertain(err); /* the request went out */
        err_clear(err);
        rc = err_set(err, E_TIMEOUT,
                     doubt ? "Gmail did not answer in time; not sent again, "
                             "as it may have gone: check the Sent folder "
                             "before sending it again"
                           : "Gmail did not answer in time");
        if (doubt)
            httpc_mark_uncertain(err);
    }
    httpc_resp_fini(&rs);
    return rc;
}

/* ---- Resend --------------------------------------------------------- */

int email_send_resend(struct httpc *http, const json_t *config,
                      const json_t *credentials, const struct email_msg *m,
                      const char *idempotency_key, json_t **result,
                      struct err *err)
{
    *result = NULL;
    const char *base = jx_str(config, "baseUrl");
    char url[1024];
    snprintf(url, sizeof url, "%s/emails",
             base ? base : "https://api.resend.com");
    const char *key = json_is_string(credentials)
                          ? json_string_value(credentials)
                          : jx_str(credentials, "apiKey");
    char auth[1024], idem[300], from[600];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", key ? key : "");
    snprintf(idem, sizeof idem, "Idempotency-Key: %.250s", idempotency_key);
    if (m->from_name && *m->from_name)
        snprintf(from, sizeof from, "%s <%s>", m->from_name, m->from);
    else
        snprintf(from, sizeof from, "%s", m->from);
    json_t *b = json_pack("{s:s, s:[s], s:s, s:s, s:{s:s}}", "from", from,
                          "to", m->to, "subject", m->subject ? m->subject : "",
                          "text", m->body ? m->body : "", "headers",
                          "Message-ID", m->message_id);
    char *body = jx_dump(b);
    json_decref(b);
    struct httpc_req rq = {
        .method = "POST",
        .url = url,
        .headers = {auth, idem, "Content-Type: application/json"},
        .body = body,
        .body_len = strlen(body),
        .timeout_ms = 20000,
        .max_response = 64 * 1024,
        .guarded = true,
    };
    struct httpc_resp rs;
    httpc_resp_init(&rs);
    int rc = httpc_do(http, &rq, &rs, err);
    free(body);
    if (!rc) {
        json_t *j = json_loads(buf_cstr(&rs.body), 0, NULL);
        if (rs.status >= 200 && rs.status < 300)
            *result = json_pack("{s:s, s:s?}", "transport", "resend", "id",
                                jx_str(j, "id"));
        else if (rs.status == 429)
            rc = err_set(err, E_RATE_LIMITED,
                         "Email provider rate limit exceeded (Resend)");
        else if (rs.status == 401 || rs.status == 403)
            rc = err_set(err, E_UNAUTHORIZED,
                         "Resend refused the API key. Update the connection "
                         "to continue.");
        else if (rs.status == 422 || rs.status == 400)
            rc = err_set(err, E_VALIDATION, "Invalid email address: %s",
                         m->to);
        else
            rc = httpc_answered(&rs, "Resend", err);
        json_decref(j);
    }
    httpc_resp_fini(&rs);
    return rc;
}
