/* log: JSON-lines logging to stderr; see log.h. */
#include "core/log.h"

#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static enum log_level current = LOG_INFO;
static const char *names[] = {"debug", "info", "warn", "error", "off"};

void log_set_level(enum log_level level)
{
    current = level;
}

enum log_level log_get_level(void)
{
    return current;
}

int log_level_parse(const char *s, enum log_level *out)
{
    for (int i = 0; i <= LOG_OFF; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (enum log_level)i;
            return 0;
        }
    }
    if (strcmp(s, "warning") == 0) {
        *out = LOG_WARN;
        return 0;
    }
    return -1;
}

bool log_enabled(enum log_level level)
{
    return level >= current && level < LOG_OFF;
}

/* Room kept free for the closing "}\n". */
#define TAIL 3

static void put(struct log_line *l, const char *s, size_t n)
{
    if (l->len + n + TAIL > sizeof l->text)
        n = sizeof l->text - TAIL - l->len;
    memcpy(l->text + l->len, s, n);
    l->len += n;
}

static void put_escaped(struct log_line *l, const char *s, size_t max)
{
    static const char hex[] = "0123456789abcdef";
    put(l, "\"", 1);
    size_t n = 0;
    for (; *s && n < max; s++, n++) {
        unsigned char c = (unsigned char)*s;
        if (l->len + 8 + TAIL > sizeof l->text)
            break;
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            put(l, e, 2);
        } else if (c < 0x20) {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            put(l, e, 6);
        } else {
            put(l, (const char *)&c, 1);
        }
    }
    if (*s)
        put(l, "...", 3);
    put(l, "\"", 1);
}

bool log_begin(struct log_line *l, enum log_level level, const char *event)
{
    l->on = log_enabled(level);
    l->len = 0;
    if (!l->on)
        return false;
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    time_t secs = tv.tv_sec;
    gmtime_r(&secs, &tm);
    char ts[64];
    int n = snprintf(ts, sizeof ts,
                     "{\"ts\":\"%04d-%02d-%02dT%02d:%02d:%02d.%03dZ\"",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec, (int)(tv.tv_usec / 1000));
    put(l, ts, (size_t)n);
    put(l, ",\"level\":\"", 10);
    put(l, names[level], strlen(names[level]));
    put(l, "\",\"event\":", 10);
    put_escaped(l, event, 64);
    return true;
}

static void key(struct log_line *l, const char *k)
{
    put(l, ",", 1);
    put_escaped(l, k, 64);
    put(l, ":", 1);
}

void log_str(struct log_line *l, const char *k, const char *value)
{
    if (!l->on)
        return;
    key(l, k);
    if (!value) {
        put(l, "null", 4);
        return;
    }
    put_escaped(l, value, 512);
}

void log_int(struct log_line *l, const char *k, int64_t value)
{
    if (!l->on)
        return;
    key(l, k);
    char num[32];
    int n = snprintf(num, sizeof num, "%lld", (long long)value);
    put(l, num, (size_t)n);
}

void log_dbl(struct log_line *l, const char *k, double value)
{
    if (!l->on)
        return;
    key(l, k);
    char num[64];
    int n = snprintf(num, sizeof num, "%.3f", value);
    put(l, num, (size_t)n);
}

void log_end(struct log_line *l)
{
    if (!l->on)
        return;
    /* put() always keeps TAIL bytes free for this. */
    memcpy(l->text + l->len, "}\n", 2);
    l->len += 2;
    ssize_t w = write(STDERR_FILENO, l->text, l->len);
    (void)w; /* Nothing sensible to do when stderr is gone. */
    l->on = false;
}

void log_msg(enum log_level level, const char *event, const char *msg)
{
    struct log_line l;
    if (!log_begin(&l, level, event))
        return;
    if (msg)
        log_str(&l, "msg", msg);
    log_end(&l);
}
