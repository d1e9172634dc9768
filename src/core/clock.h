/*
 * clock: the time agentd runs on.
 *
 * All stored times are milliseconds since the Unix epoch on this clock.
 * Normally it is the wall clock. For tests (and demos) the clock can start
 * at a chosen instant and run `scale` times faster than real time
 * (AGENTD_TIME_SCALE, AGENTD_TIME_START), so that "wait 5 days" or "every
 * Monday at 8" pass in seconds through exactly the same code paths. Every
 * process sharing a database must use the same settings.
 *
 * clock_init() is called once at start-up, before any thread starts; all
 * other functions are thread-safe and lock-free.
 */
#ifndef AGENTD_CORE_CLOCK_H
#define AGENTD_CORE_CLOCK_H

#include <stdint.h>
#include <time.h>

#define MS_PER_SEC INT64_C(1000)
#define MS_PER_MIN (60 * MS_PER_SEC)
#define MS_PER_HOUR (60 * MS_PER_MIN)
#define MS_PER_DAY (24 * MS_PER_HOUR)

/* scale >= 1 (1 = real time); start_ms 0 means "now". */
void clock_init(double scale, int64_t start_ms);
double clock_scale(void);

/* Now, on agentd's clock, in ms since the epoch. */
int64_t clock_now_ms(void);
/* A monotonic real-time reading in nanoseconds, for measuring durations. */
int64_t clock_mono_ns(void);
/* Converts a span on agentd's clock into real milliseconds (for sleeping
 * until a due time), rounding up. */
int64_t clock_to_real_ms(int64_t span_ms);
/* Converts a real span (a lease, a socket timeout) into agentd's clock. */
int64_t clock_from_real_ms(int64_t real_ms);
/* The absolute real-time (CLOCK_REALTIME) instant at which agentd's clock
 * reads `at_ms`, for pthread_cond_timedwait. */
struct timespec clock_deadline(int64_t at_ms);

/* "2026-11-21T17:32:00.123Z" into out (at least 32 bytes). */
void clock_format_iso(int64_t ms, char *out, size_t size);
/* Parses ISO 8601 date ("2026-11-21") or date-time with optional fraction
 * and Z or +hh:mm offset. Returns 0 or -1. */
int clock_parse_iso(const char *s, int64_t *out);
/* A time as plan.md writes it: ISO 8601, or "now"/"today" with an optional
 * +/-N[s|m|h|d|w] offset ("now-7d", "today+1d"). "today" is midnight UTC.
 * Returns 0 or -1. */
int clock_parse_when(const char *s, int64_t now_ms, int64_t *out);
/* Days since 1970-01-01 for a civil date, and back (proleptic Gregorian). */
int64_t clock_days_from_civil(int y, int m, int d);
void clock_civil_from_days(int64_t z, int *y, int *m, int *d);

#endif
