/* httpc: outbound HTTP with timeouts, retries, caps and the address
 * guard; see httpc.h. */
#include "connectors/httpc.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/jsonx.h"
#include "core/str.h"
#include "core/xalloc.h"

struct httpc {
    CURL *h;
    CURL *mh; /* SMTP: its own handle, so its connection stays open */
    CURL *h_for_guard; /* the handle a transfer runs on, when not h */
    struct httpc_config cfg;
    char *allow; /* copy of cfg.allow_hosts */
    /* per request */
    struct httpc_resp *rs;
    size_t cap;
    bool over_cap;
    bool guarded;
    bool blocked;
    char blocked_ip[64];
    /* Connections opened without the guard are never reused by a guarded
     * request: the guard runs only when a socket is opened. */
    bool had_unguarded;
    int64_t deadline_ns; /* no retry starts after it; 0: none */
};

int httpc_global_init(struct err *err)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return err_set(err, E_INTERNAL, "libcurl failed to initialise");
    return 0;
}

void httpc_resp_init(struct httpc_resp *rs)
{
    memset(rs, 0, sizeof *rs);
    buf_init(&rs->body, 0);
}

void httpc_resp_fini(struct httpc_resp *rs)
{
    buf_fini(&rs->body);
    json_decref(rs->headers);
    rs->headers = NULL;
}

struct httpc *httpc_new(const struct httpc_config *cfg)
{
    struct httpc *c = xcalloc(1, sizeof *c);
    c->h = curl_easy_init();
    if (!c->h)
        abort(); /* only on out-of-memory */
    if (cfg)
        c->cfg = *cfg;
    c->allow = xstrdup(c->cfg.allow_hosts ? c->cfg.allow_hosts : "");
    c->cfg.allow_hosts = c->allow;
    if (c->cfg.backoff_ms <= 0)
        c->cfg.backoff_ms = 500;
    if (c->cfg.max_retry_after_ms <= 0)
        c->cfg.max_retry_after_ms = 30000;
    return c;
}

void httpc_free(struct httpc *c)
{
    if (!c)
        return;
    curl_easy_cleanup(c->h);
    if (c->mh)
        curl_easy_cleanup(c->mh);
    free(c->allow);
    free(c);
}

/* ---- the guard ------------------------------------------------------ */

static bool v4_blocked(uint32_t a) /* host order */
{
    struct {
        uint32_t net, mask;
    } nets[] = {
        {0x00000000, 0xFF000000}, /* 0.0.0.0/8 "this network" */
        {0x0A000000, 0xFF000000}, /* 10/8 */
        {0x64400000, 0xFFC00000}, /* 100.64/10 CGNAT */
        {0x7F000000, 0xFF000000}, /* 127/8 loopback */
        {0xA9FE0000, 0xFFFF0000}, /* 169.254/16 link-local, metadata */
        {0xAC100000, 0xFFF00000}, /* 172.16/12 */
        {0xC0000000, 0xFFFFFF00}, /* 192.0.0/24 */
        {0xC0A80000, 0xFFFF0000}, /* 192.168/16 */
        {0xC6120000, 0xFFFE0000}, /* 198.18/15 benchmarking */
        {0xE0000000, 0xF0000000}, /* 224/4 multicast */
        {0xF0000000, 0xF0000000}, /* 240/4 reserved, broadcast */
    };
    for (size_t i = 0; i < sizeof nets / sizeof *nets; i++)
        if ((a & nets[i].mask) == nets[i].net)
            return true;
    return false;
}

static bool v6_blocked(const unsigned char *b)
{
    static const unsigned char zero[16] = {0};
    static const unsigned char v4map[12] = {0, 0, 0, 0, 0, 0,
                                            0, 0, 0, 0, 0xFF, 0xFF};
    static const unsigned char nat64[12] = {0, 0x64, 0xFF, 0x9B, 0, 0,
                                            0, 0,    0,    0,    0, 0};
    if (memcmp(b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1))
        return true; /* :: and ::1 */
    if (memcmp(b, v4map, 12) == 0 || memcmp(b, nat64, 12) == 0 ||
        memcmp(b, zero, 12) == 0) {
        uint32_t a = (uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 |
                     (uint32_t)b[14] << 8 | b[15];
        return v4_blocked(a);
    }
    if ((b[0] & 0xFE) == 0xFC)
        return true; /* fc00::/7 unique local (incl. fd00:ec2::254) */
    if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
        return true; /* fe80::/10 link-local */
    if (b[0] == 0xFF)
        return true; /* multicast */
    return false;
}

bool httpc_address_blocked(const char *ip)
{
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, ip, &a4) == 1)
        return v4_blocked(ntohl(a4.s_addr));
    if (inet_pton(AF_INET6, ip, &a6) == 1)
        return v6_blocked(a6.s6_addr);
    return true; /* not an address we understand: refuse */
}

/* The host of the URL being connected to, from libcurl's current URL (it
 * changes when a redirect is followed). */
static bool host_allowed(struct httpc *c)
{
    if (!c->allow[0])
        return false;
    char *url = NULL;
    curl_easy_getinfo(c->h_for_guard ? c->h_for_guard : c->h,
                      CURLINFO_EFFECTIVE_URL, &url);
    if (!url)
        return false;
    CURLU *u = curl_url();
    char *host = NULL;
    bool ok = false;
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
        size_t hn = strlen(host);
        for (const char *p = c->allow; *p;) {
            const char *end = strchr(p, ',');
            size_t n = end ? (size_t)(end - p) : strlen(p);
            while (n && *p == ' ') {
                p++;
                n--;
            }
            while (n && p[n - 1] == ' ')
                n--;
            if (n == hn && strncasecmp(p, host, n) == 0)
                ok = true;
            p = end ? end + 1 : p + strlen(p);
        }
    }
    curl_free(host);
    curl_url_cleanup(u);
    return ok;
}

/* libcurl calls this for every socket it opens, after name resolution:
 * the one place where the real destination address is known. */
static curl_socket_t open_socket(void *clientp, curlsocktype purpose,
                                 struct curl_sockaddr *addr)
{
    struct httpc *c = clientp;
    (void)purpose;
    if (c->guarded) {
        char ip[64] = "?";
        bool blocked = true;
        if (addr->family == AF_INET) {
            struct sockaddr_in *s = (struct sockaddr_in *)&addr->addr;
            inet_ntop(AF_INET, &s->sin_addr, ip, sizeof ip);
            blocked = v4_blocked(ntohl(s->sin_addr.s_addr));
        } else if (addr->family == AF_INET6) {
            struct sockaddr_in6 *s = (struct sockaddr_in6 *)&addr->addr;
            inet_ntop(AF_INET6, &s->sin6_addr, ip, sizeof ip);
            blocked = v6_blocked(s->sin6_addr.s6_addr);
        }
        if (blocked && !host_allowed(c)) {
            c->blocked = true;
            snprintf(c->blocked_ip, sizeof c->blocked_ip, "%s", ip);
            return CURL_SOCKET_BAD;
        }
    }
    return socket(addr->family, addr->socktype, addr->protocol);
}

/* ---- transfer ------------------------------------------------------- */

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
    struct httpc *c = arg;
    size_t len = size * n;
    if (c->rs->body.len + len > c->cap) {
        c->over_cap = true;
        return 0; /* aborts the transfer */
    }
    if (buf_append(&c->rs->body, p, len) < 0) {
        c->over_cap = true;
        return 0;
    }
    return len;
}

static void header_value(const char *line, size_t n, const char *name,
                         char *out, size_t size)
{
    size_t k = strlen(name);
    if (n <= k || strncasecmp(line, name, k) != 0)
        return;
    const char *v = line + k;
    size_t vl = n - k;
    while (vl && (*v == ' ' || *v == '\t')) {
        v++;
        vl--;
    }
    while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n' || v[vl - 1] == ' '))
        vl--;
    if (vl >= size)
        vl = size - 1;
    memcpy(out, v, vl);
    out[vl] = '\0';
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
    struct httpc *c = arg;
    size_t len = size * n;
    /* A new response (after a redirect or a 100) starts over. */
    if (len > 5 && strncmp(p, "HTTP/", 5) == 0) {
        c->rs->content_type[0] = '\0';
        c->rs->retry_after[0] = '\0';
        c->rs->location[0] = '\0';
        if (c->rs->headers)
            json_object_clear(c->rs->headers);
    }
    header_value(p, len, "content-type:", c->rs->content_type,
                 sizeof c->rs->content_type);
    header_value(p, len, "retry-after:", c->rs->retry_after,
                 sizeof c->rs->retry_after);
    header_value(p, len, "location:", c->rs->location,
                 sizeof c->rs->location);
    if (c->rs->headers) {
        const char *colon = memchr(p, ':', len);
        if (colon && colon > p && json_object_size(c->rs->headers) < 64) {
            char name[64], value[1024];
            size_t nl = (size_t)(colon - p);
            if (nl < sizeof name) {
                for (size_t i = 0; i < nl; i++)
                    name[i] = (char)((p[i] >= 'A' && p[i] <= 'Z')
                                         ? p[i] - 'A' + 'a'
                                         : p[i]);
                name[nl] = '\0';
                char key[72];
                snprintf(key, sizeof key, "%s:", name);
                value[0] = '\0';
                header_value(p, len, key, value, sizeof value);
                json_object_set_new(c->rs->headers, name, jx_string(value));
            }
        }
    }
    return len;
}

/* Milliseconds to wait before retry `attempt` (1, 2, ...). */
static long backoff(const struct httpc *c, int attempt)
{
    long ms = c->cfg.backoff_ms << (attempt - 1);
    /* +/- 25% so that many clients do not retry in step. */
    long jitter = (long)randombytes_uniform((uint32_t)(ms / 2 + 1)) - ms / 4;
    return ms + jitter;
}

/* Retry-After as seconds or an HTTP date; -1 when absent or unreadable. */
static long retry_after_ms(const char *v)
{
    if (!v[0])
        return -1;
    int64_t secs;
    if (str_parse_i64(v, &secs) == 0)
        return secs < 0 ? 0 : (long)(secs * 1000);
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (strptime(v, "%a, %d %b %Y %H:%M:%S GMT", &tm)) {
        time_t t = timegm(&tm);
        long d = (long)(t - time(NULL)) * 1000;
        return d < 0 ? 0 : d;
    }
    return -1;
}

void httpc_set_deadline(struct httpc *c, int64_t mono_ns)
{
    c->deadline_ns = mono_ns;
}

/* Whether a retry after waiting `ms` would start past the deadline. */
static bool past_deadline(const struct httpc *c, long ms)
{
    return c->deadline_ns > 0 &&
           clock_mono_ns() + (int64_t)ms * 1000000 >= c->deadline_ns;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* A TLS failure in words a person can act on; false if cc is not one. */
static bool tls_failed(CURLcode cc, const char *peer, struct err *err)
{
    switch (cc) {
    case CURLE_PEER_FAILED_VERIFICATION:
        err_set(err, E_UPSTREAM,
                "The TLS certificate of %s could not be verified (%s): it "
                "needs one from a public CA, or the operator can name the "
                "CA that signed it with AGENTD_CA_FILE",
                peer, curl_easy_strerror(cc));
        return true;
    case CURLE_USE_SSL_FAILED:
        err_set(err, E_UPSTREAM,
                "STARTTLS is not offered by %s: set the connection's "
                "security to \"tls\" (port 465), or to \"none\" on a "
                "trusted network only",
                peer);
        return true;
    case CURLE_SSL_CONNECT_ERROR:
        err_set(err, E_UPSTREAM, "The TLS handshake with %s failed (%s)",
                peer, curl_easy_strerror(cc));
        return true;
    case CURLE_SSL_CACERT_BADFILE:
        err_set(err, E_UNAVAILABLE,
                "The CA bundle that AGENTD_CA_FILE names cannot be read");
        return true;
    default:
        return false;
    }
}

/* What every transfer sets: its time limits, no signals, TLS verification
 * (with the operator's CA file, if any) and the socket hook through which
 * the address guard sees every address connected to. */
static void base_opts(struct httpc *c, CURL *h, long timeout, long ctimeout)
{
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, ctimeout);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (c->cfg.ca_file)
        curl_easy_setopt(h, CURLOPT_CAINFO, c->cfg.ca_file);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, c);
}

void httpc_mark_uncertain(struct err *err)
{
    err_detail(err, "uncertain", json_true());
}

bool httpc_uncertain(const struct err *err)
{
    return err && json_is_true(json_object_get(err->details, "uncertain"));
}

/* Whether a failed call that must not happen twice may have been acted on:
 * its request went out (libcurl counts the bytes it wrote) and the
 * connection then timed out, closed or broke before a whole answer came. A
 * connection never made, a refused address, TLS failing before the request
 * and an answer too large (the server did answer) are not in doubt. */
static bool in_doubt(const struct httpc_req *rq, CURL *h, CURLcode cc)
{
    if (!rq->not_idempotent)
        return false;
    if (cc != CURLE_OPERATION_TIMEDOUT && cc != CURLE_GOT_NOTHING &&
        cc != CURLE_RECV_ERROR && cc != CURLE_SEND_ERROR &&
        cc != CURLE_PARTIAL_FILE)
        return false;
    long sent = 0;
    return curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &sent) == CURLE_OK &&
           sent > 0;
}

/* The address guard refused the connection (c->blocked). */
static int refused(const struct httpc *c, struct err *err)
{
    return err_set(err, E_FORBIDDEN,
                   "Refused: the address %s is private, loopback, "
                   "link-local or cloud metadata (the operator can allow a "
                   "host with AGENTD_HTTP_ALLOW_HOSTS)",
                   c->blocked_ip);
}

int httpc_do(struct httpc *c, const struct httpc_req *rq,
             struct httpc_resp *rs, struct err *err)
{
    int attempts = rq->attempts > 0 ? rq->attempts : 3;
    long timeout = rq->timeout_ms > 0 ? rq->timeout_ms : 10000;
    long ctimeout = rq->connect_timeout_ms > 0 ? rq->connect_timeout_ms
                                               : 5000;
    if (ctimeout > timeout)
        ctimeout = timeout;
    const char *method = rq->method ? rq->method : "GET";
    if (!rq->url || (!str_starts_with_ci(rq->url, "http://") &&
                     !str_starts_with_ci(rq->url, "https://")))
        return err_set(err, E_BAD_REQUEST,
                       "URL must start with http:// or https://");
    struct curl_slist *hdrs = NULL;
    for (int i = 0; i < HTTPC_MAX_HEADERS && rq->headers[i]; i++)
        hdrs = curl_slist_append(hdrs, rq->headers[i]);
    /* libcurl would otherwise wait for a 100-continue on large bodies. */
    hdrs = curl_slist_append(hdrs, "Expect:");
    if (rq->guarded && c->had_unguarded) {
        curl_easy_cleanup(c->h);
        c->h = curl_easy_init();
        if (!c->h)
            abort(); /* only on out-of-memory */
        c->had_unguarded = false;
    }
    if (!rq->guarded)
        c->had_unguarded = true;
    int64_t start = clock_mono_ns();
    int rc = 0;
    for (int attempt = 1; attempt <= attempts; attempt++) {
        CURL *h = c->h;
        curl_easy_reset(h); /* keeps the open connections */
        buf_reset(&rs->body);
        rs->status = 0;
        rs->cut = false;
        if (rq->want_headers && !rs->headers)
            rs->headers = json_object();
        c->rs = rs;
        c->cap = rq->max_response ? rq->max_response : (1u << 20);
        c->over_cap = false;
        c->guarded = rq->guarded;
        c->blocked = false;
        curl_easy_setopt(h, CURLOPT_URL, rq->url);
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
        if (!strcmp(method, "HEAD"))
            curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
        if (rq->body) {
            curl_easy_setopt(h, CURLOPT_POSTFIELDS, rq->body);
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                             (curl_off_t)rq->body_len);
        }
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
        base_opts(c, h, timeout, ctimeout);
        /* libcurl sends a request again, unasked, when a kept-alive
         * connection it reused closes without an answer; a call that must
         * not happen twice takes a new connection instead. */
        if (rq->not_idempotent)
            curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_USERAGENT, "agentd/" AGENTD_VERSION);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, c);
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, c);
        curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
        CURLcode cc = curl_easy_perform(h);
        rs->attempts = attempt;
        bool retryable = false;
        long wait = -1;
        if (cc == CURLE_OK) {
            curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &rs->status);
            rc = 0;
            bool r429 = rs->status == 429;
            bool r5xx = rs->status >= 500 && rs->status <= 599 &&
                        !rq->not_idempotent;
            if (r429 || r5xx) {
                retryable = true;
                wait = retry_after_ms(rs->retry_after);
                if (wait > c->cfg.max_retry_after_ms)
                    retryable = false; /* the caller hears about it now */
            }
        } else if (c->blocked) {
            rc = refused(c, err);
            break;
        } else if (c->over_cap) {
            rc = err_set(err, E_TOO_LARGE,
                         "The response is larger than %zu bytes", c->cap);
            break;
        } else if (in_doubt(rq, h, cc)) {
            /* A call that must not happen twice went out and no answer
             * came: the server may have acted on it. Neither done nor
             * failed, and never sent again. */
            if (cc == CURLE_OPERATION_TIMEDOUT)
                rc = err_set(err, E_TIMEOUT,
                             "No answer within %ld ms after the request "
                             "went out; not sent again, as the server may "
                             "have acted on it: check there before calling "
                             "it again",
                             timeout);
            else
                rc = err_set(err, E_UPSTREAM,
                             "The connection was lost after the request "
                             "went out (%s); not sent again, as the server "
                             "may have acted on it: check there before "
                             "calling it again",
                             curl_easy_strerror(cc));
            httpc_mark_uncertain(err);
            break;
        } else if (cc == CURLE_OPERATION_TIMEDOUT) {
            rc = err_set(err, E_TIMEOUT, "No answer within %ld ms", timeout);
            retryable = !rq->no_retry_timeout && !rq->not_idempotent;
        } else if (cc == CURLE_UNSUPPORTED_PROTOCOL ||
                   cc == CURLE_URL_MALFORMAT) {
            rc = err_set(err, E_BAD_REQUEST, "Bad URL: %s",
                         curl_easy_strerror(cc));
            break;
        } else if (cc == CURLE_TOO_MANY_REDIRECTS) {
            rc = err_set(err, E_UPSTREAM, "Too many redirects");
            break;
        } else if (tls_failed(cc, "the server", err)) {
            rc = -err->code;
            break;
        } else {
            rc = err_set(err, E_UPSTREAM, "Request failed: %s",
                         curl_easy_strerror(cc));
            /* Nothing went out when no connection was made; after a
             * connection was lost, the request may have. */
            retryable = cc == CURLE_COULDNT_CONNECT ||
                        cc == CURLE_COULDNT_RESOLVE_HOST ||
                        (!rq->not_idempotent &&
                         (cc == CURLE_RECV_ERROR || cc == CURLE_SEND_ERROR ||
                          cc == CURLE_GOT_NOTHING));
        }
        if (!retryable || attempt == attempts)
            break;
        if (wait < 0)
            wait = backoff(c, attempt);
        if (past_deadline(c, wait)) {
            rs->cut = true;
            break;
        }
        sleep_ms(wait);
    }
    rs->ms = (double)(clock_mono_ns() - start) / 1e6;
    curl_slist_free_all(hdrs);
    c->rs = NULL;
    return rc;
}

/* The reason phrases of the answers a provider gives when it fails. */
static const char *reason(long status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return NULL;
    }
}

int httpc_answered(const struct httpc_resp *rs, const char *who,
                   struct err *err)
{
    const char *why = reason(rs->status);
    char tries[32] = "";
    if (rs->attempts > 1)
        snprintf(tries, sizeof tries, " after %d tries", rs->attempts);
    return err_set(err, E_UPSTREAM, "%s answered %ld%s%s%s%s%s", who,
                   rs->status, why ? " (" : "", why ? why : "",
                   why ? ")" : "", tries,
                   rs->cut ? "; not tried again, the run's time limit "
                             "would pass first"
                           : "");
}

/* ---- SMTP ----------------------------------------------------------- */

struct mail_src {
    const char *p;
    size_t left;
};

static size_t mail_read(char *out, size_t size, size_t n, void *arg)
{
    struct mail_src *m = arg;
    size_t k = size * n < m->left ? size * n : m->left;
    memcpy(out, m->p, k);
    m->p += k;
    m->left -= k;
    return k;
}

int httpc_mail(struct httpc *c, const struct httpc_mail *m, long *code,
               struct err *err)
{
    *code = 0;
    if (!m->url || (!str_starts_with_ci(m->url, "smtp://") &&
                    !str_starts_with_ci(m->url, "smtps://")))
        return err_set(err, E_BAD_REQUEST,
                       "SMTP server must be smtp://host:port or "
                       "smtps://host:port");
    if (!c->mh) {
        c->mh = curl_easy_init();
        if (!c->mh)
            abort(); /* only on out-of-memory */
    }
    int attempts = m->attempts > 0 ? m->attempts : 3;
    long timeout = m->timeout_ms > 0 ? m->timeout_ms : 30000;
    char from[320], to[320];
    snprintf(from, sizeof from, "<%s>", m->from);
    snprintf(to, sizeof to, "<%s>", m->to);
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    struct httpc_resp dummy;
    httpc_resp_init(&dummy);
    int rc = 0;
    for (int attempt = 1; attempt <= attempts; attempt++) {
        CURL *h = c->mh;
        curl_easy_reset(h); /* keeps the open connection */
        struct mail_src src = {m->data, m->len};
        c->rs = &dummy;
        c->guarded = m->guarded;
        c->blocked = false;
        c->h_for_guard = h;
        curl_easy_setopt(h, CURLOPT_URL, m->url);
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
        if (m->starttls)
            curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
        if (m->username) {
            curl_easy_setopt(h, CURLOPT_USERNAME, m->username);
            curl_easy_setopt(h, CURLOPT_PASSWORD,
                             m->password ? m->password : "");
        }
        curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
        curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
        curl_easy_setopt(h, CURLOPT_READFUNCTION, mail_read);
        curl_easy_setopt(h, CURLOPT_READDATA, &src);
        curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)m->len);
        base_opts(c, h, timeout, timeout < 10000 ? timeout : 10000L);
        CURLcode cc = curl_easy_perform(h);
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, code);
        c->h_for_guard = NULL;
        if (cc == CURLE_OK) {
            rc = 0;
            break;
        }
        bool retryable = false;
        /* The last answer was DATA's 354: the message went out. */
        bool handed = *code == 354;
        if (c->blocked) {
            rc = refused(c, err);
            break;
        }
        if (tls_failed(cc, "the SMTP server", err)) {
            rc = -err->code;
        } else if (cc == CURLE_LOGIN_DENIED) {
            rc = err_set(err, E_UNAUTHORIZED,
                         "The SMTP server refused the login (%ld)", *code);
        } else if (handed) {
            /* The server said 354 and took the message; its answer never
             * came. SMTP has no idempotency key: sending again could
             * deliver it twice. */
            rc = err_set(err,
                         cc == CURLE_OPERATION_TIMEDOUT ? E_TIMEOUT
                                                        : E_UPSTREAM,
                         "The SMTP server took the message but did not "
                         "confirm it (%s); not sent again, as it may have "
                         "been delivered: check the mailbox before sending "
                         "it again",
                         curl_easy_strerror(cc));
            httpc_mark_uncertain(err);
        } else if (cc == CURLE_OPERATION_TIMEDOUT) {
            rc = err_set(err, E_TIMEOUT, "The SMTP server did not answer "
                                         "within %ld ms",
                         timeout);
            retryable = true;
        } else if (*code >= 500 && *code <= 599) {
            rc = err_set(err,
                         cc == CURLE_SEND_ERROR || *code == 550 ||
                                 *code == 553 || *code == 501
                             ? E_VALIDATION
                             : E_UPSTREAM,
                         "The SMTP server refused the message: %ld (%s)",
                         *code, curl_easy_strerror(cc));
        } else {
            rc = err_set(err, E_UPSTREAM, "SMTP failed: %s (%ld)",
                         curl_easy_strerror(cc), *code);
            retryable = (*code >= 400 && *code <= 499) ||
                        cc == CURLE_COULDNT_CONNECT ||
                        cc == CURLE_RECV_ERROR || cc == CURLE_SEND_ERROR ||
                        cc == CURLE_GOT_NOTHING;
        }
        if (!retryable || attempt == attempts)
            break;
        long wait = backoff(c, attempt);
        if (past_deadline(c, wait))
            break;
        /* A stale kept-alive connection is the usual cause: a new one. */
        curl_easy_cleanup(c->mh);
        c->mh = curl_easy_init();
        if (!c->mh)
            abort();
        sleep_ms(wait);
    }
    c->rs = NULL;
    httpc_resp_fini(&dummy);
    curl_slist_free_all(rcpt);
    return rc;
}

/* ---- pool ----------------------------------------------------------- */

struct httpc_pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct httpc **free_list;
    int nfree, size;
};

struct httpc_pool *httpc_pool_new(const struct httpc_config *cfg, int size)
{
    struct httpc_pool *p = xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    p->size = size > 0 ? size : 1;
    p->free_list = xcalloc((size_t)p->size, sizeof *p->free_list);
    for (int i = 0; i < p->size; i++)
        p->free_list[p->nfree++] = httpc_new(cfg);
    return p;
}

void httpc_pool_free(struct httpc_pool *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->nfree; i++)
        httpc_free(p->free_list[i]);
    free(p->free_list);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

struct httpc *httpc_pool_acquire(struct httpc_pool *p)
{
    pthread_mutex_lock(&p->mu);
    while (p->nfree == 0)
        pthread_cond_wait(&p->cv, &p->mu);
    struct httpc *c = p->free_list[--p->nfree];
    pthread_mutex_unlock(&p->mu);
    return c;
}

void httpc_pool_release(struct httpc_pool *p, struct httpc *c)
{
    pthread_mutex_lock(&p->mu);
    p->free_list[p->nfree++] = c;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}
