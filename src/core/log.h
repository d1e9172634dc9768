/*
 * log: structured logs, one JSON object per line on stderr.
 *
 *   struct log_line l;
 *   if (log_begin(&l, LOG_INFO, "http.request")) {
 *       log_str(&l, "method", "GET");
 *       log_int(&l, "status", 200);
 *       log_end(&l);
 *   }
 *
 * Each line is written with a single write(2), so lines from different
 * threads never interleave. Values are escaped and cut to a bounded length;
 * a line never exceeds LOG_LINE_MAX bytes. Never pass passwords, tokens or
 * secrets: nothing here can tell them apart from other strings.
 *
 * The level is set once at start-up (log_set_level) and read without locks
 * afterwards; that is the one process-wide setting of this module.
 */
#ifndef AGENTD_CORE_LOG_H
#define AGENTD_CORE_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_OFF };

#define LOG_LINE_MAX 2048

struct log_line {
    bool on;
    size_t len;
    char text[LOG_LINE_MAX];
};

void log_set_level(enum log_level level);
enum log_level log_get_level(void);
/* Parses "debug", "info", "warn", "error", "off". Returns 0 or -1. */
int log_level_parse(const char *s, enum log_level *out);
bool log_enabled(enum log_level level);

/* Starts a line; returns false (and makes the rest no-ops) when the level
 * is filtered out. */
bool log_begin(struct log_line *l, enum log_level level, const char *event);
void log_str(struct log_line *l, const char *key, const char *value);
void log_int(struct log_line *l, const char *key, int64_t value);
void log_dbl(struct log_line *l, const char *key, double value);
void log_end(struct log_line *l);

/* One-call form for a message with an optional detail string. */
void log_msg(enum log_level level, const char *event, const char *msg);

#endif
