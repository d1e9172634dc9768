/*
 * tz: time zones from the system's tz database (TZif files).
 *
 * Reads /usr/share/zoneinfo/NAME (version 2+: 64-bit transitions) and the
 * POSIX rule in its footer ("CET-1CEST,M3.5.0,M10.5.0/3") for instants
 * after the last listed transition. agentd uses it to compute schedules in
 * a workspace's or agent's zone ("every Monday at 8 AM, Europe/Berlin").
 *
 * A struct tz is immutable once loaded and may be shared between threads.
 * Times are seconds since the epoch; "local" seconds are the civil time
 * read as if it were UTC.
 */
#ifndef AGENTD_CORE_TZ_H
#define AGENTD_CORE_TZ_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct tz;

/* Loads a zone by name ("UTC", "Europe/Berlin"). Names are checked (no
 * "..", no leading "/"). dir NULL means /usr/share/zoneinfo. */
int tz_load(const char *name, const char *dir, struct tz **out,
            struct err *err);
void tz_free(struct tz *z);
const char *tz_name(const struct tz *z);

/* UTC offset in seconds at a UTC instant (local = utc + offset). */
int32_t tz_offset(const struct tz *z, int64_t utc);
/* The UTC instant of a local civil time. A time that falls in a gap (the
 * clocks jumped forward over it) maps to the instant of the jump; a time
 * that occurs twice (clocks fell back) maps to its first occurrence. */
int64_t tz_to_utc(const struct tz *z, int64_t local);

/* A small thread-safe cache of loaded zones, so that schedules do not
 * re-read files. Entries live as long as the cache. */
struct tz_cache;
struct tz_cache *tz_cache_new(void);
void tz_cache_free(struct tz_cache *c);
/* Borrowed; valid until tz_cache_free. */
const struct tz *tz_cache_get(struct tz_cache *c, const char *name,
                              struct err *err);

#endif
