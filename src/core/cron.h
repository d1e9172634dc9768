/*
 * cron: 5-field cron expressions and the next time they fire.
 *
 *   minute hour day-of-month month day-of-week
 *
 * Each field takes *, numbers, ranges (1-5), lists (1,15), steps (*\/15,
 * 8-18/2) and, for months and days, names (jan, mon). Day 7 is Sunday as
 * well as 0. When both day fields are restricted, either may match (as in
 * Vixie cron). Shortcuts: @hourly @daily @midnight @weekly @monthly
 * @yearly @annually.
 *
 * Times are computed in a time zone (tz.h): a time that does not exist on
 * the day clocks spring forward fires at the moment of the jump; a time
 * that occurs twice when they fall back fires once.
 *
 * Pure functions; thread-safe.
 */
#ifndef AGENTD_CORE_CRON_H
#define AGENTD_CORE_CRON_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "core/tz.h"

struct cron {
    uint64_t minutes; /* bits 0..59 */
    uint32_t hours;   /* bits 0..23 */
    uint32_t dom;     /* bits 1..31 */
    uint16_t months;  /* bits 1..12 */
    uint8_t dow;      /* bits 0..6, Sunday = 0 */
    bool dom_any, dow_any;
};

/* Parses an expression; -E_VALIDATION names the field and the value. */
int cron_parse(const char *expr, struct cron *out, struct err *err);

/* Whether some date matches the expression's day of month and month at
 * all: "0 9 30 2 *" (30 February) never fires. */
bool cron_ever(const struct cron *c);

/* The first firing strictly after `after_ms` (ms since the epoch), or -1
 * when there is none within 5 years (e.g. "0 0 31 2 *"). */
int64_t cron_next(const struct cron *c, const struct tz *zone,
                  int64_t after_ms);

/* A schedule trigger {"cron": "0 9 * * 1"} or {"preset": "daily" |
 * "weekly" | "monthly" | "hourly", "time": "09:00", "dayOfWeek": 1 or
 * "monday", "dayOfMonth": 1} as a cron expression in expr (64 bytes). */
int cron_from_trigger(const json_t *trigger, char expr[64], struct err *err);

#endif
