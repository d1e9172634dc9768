/* Unit tests: time zones (TZif + POSIX rules) and cron schedules across
 * month ends, leap years and DST changes. Expected times are written out
 * by hand from the calendar and the zone rules. */
#include "testutil.h"

#include "core/clock.h"
#include "core/cron.h"
#include "core/tz.h"

static int64_t iso(const char *s)
{
    int64_t ms;
    if (clock_parse_iso(s, &ms))
        fail_msg("bad test time %s", s);
    return ms;
}

static const char *fmt(int64_t ms)
{
    static char buf[40];
    if (ms < 0)
        return "none";
    clock_format_iso(ms, buf, sizeof buf);
    return buf;
}

static struct tz *zone(const char *name)
{
    struct tz *z;
    struct err e = ERR_INIT;
    if (tz_load(name, NULL, &z, &e))
        fail_msg("zone %s: %s", name, e.msg);
    return z;
}

static void zones_and_offsets(void **state)
{
    (void)state;
    struct tz *b = zone("Europe/Berlin");
    assert_int_equal(tz_offset(b, iso("2026-01-15T12:00:00Z") / 1000), 3600);
    assert_int_equal(tz_offset(b, iso("2026-07-15T12:00:00Z") / 1000), 7200);
    /* The switch: 2026-03-29 01:00 UTC. */
    assert_int_equal(tz_offset(b, iso("2026-03-29T00:59:59Z") / 1000), 3600);
    assert_int_equal(tz_offset(b, iso("2026-03-29T01:00:00Z") / 1000), 7200);
    /* After the last listed transition the footer rule applies. */
    assert_int_equal(tz_offset(b, iso("2050-07-01T00:00:00Z") / 1000), 7200);
    assert_int_equal(tz_offset(b, iso("2050-12-01T00:00:00Z") / 1000), 3600);
    assert_int_equal(tz_offset(b, iso("2050-03-27T00:59:59Z") / 1000), 3600);
    assert_int_equal(tz_offset(b, iso("2050-03-27T01:00:00Z") / 1000), 7200);
    /* Local -> UTC: a gap maps to the jump, an overlap to the first. */
    int64_t gap = (iso("2026-03-29T02:30:00Z")) / 1000; /* local 02:30 */
    assert_int_equal(tz_to_utc(b, gap), iso("2026-03-29T01:00:00Z") / 1000);
    int64_t twice = iso("2026-10-25T02:30:00Z") / 1000;
    assert_int_equal(tz_to_utc(b, twice), iso("2026-10-25T00:30:00Z") / 1000);
    tz_free(b);

    struct tz *ny = zone("America/New_York");
    assert_int_equal(tz_offset(ny, iso("2026-01-15T12:00:00Z") / 1000),
                     -5 * 3600);
    assert_int_equal(tz_offset(ny, iso("2026-07-15T12:00:00Z") / 1000),
                     -4 * 3600);
    tz_free(ny);
    /* Southern hemisphere: DST across the new year. */
    struct tz *syd = zone("Australia/Sydney");
    assert_int_equal(tz_offset(syd, iso("2060-01-15T00:00:00Z") / 1000),
                     11 * 3600);
    assert_int_equal(tz_offset(syd, iso("2060-07-15T00:00:00Z") / 1000),
                     10 * 3600);
    tz_free(syd);

    struct tz *u;
    struct err e = ERR_INIT;
    assert_int_equal(tz_load("UTC", NULL, &u, &e), 0);
    assert_int_equal(tz_offset(u, 123456789), 0);
    tz_free(u);
    assert_int_equal(tz_load("Mars/Olympus", NULL, &u, &e), -E_VALIDATION);
    assert_int_equal(tz_load("../../etc/passwd", NULL, &u, &e),
                     -E_VALIDATION);
    err_clear(&e);
}

struct ncase {
    const char *expr, *zone, *after, *want;
};

static const struct ncase nexts[] = {
    /* daily at 9 in UTC */
    {"0 9 * * *", "UTC", "2026-11-21T08:59:00Z", "2026-11-21T09:00:00.000Z"},
    {"0 9 * * *", "UTC", "2026-11-21T09:00:00Z", "2026-11-22T09:00:00.000Z"},
    /* every Monday at 8 (2026-11-23 is a Monday) */
    {"0 8 * * 1", "UTC", "2026-11-21T12:00:00Z", "2026-11-23T08:00:00.000Z"},
    {"0 8 * * mon", "UTC", "2026-11-23T08:00:00Z", "2026-11-30T08:00:00.000Z"},
    /* 1st of the month at 10, across the year end */
    {"0 10 1 * *", "UTC", "2026-12-15T00:00:00Z", "2027-01-01T10:00:00.000Z"},
    /* month ends: the 31st skips short months */
    {"0 0 31 * *", "UTC", "2026-01-31T00:00:00Z", "2026-03-31T00:00:00.000Z"},
    {"0 0 30 * *", "UTC", "2026-01-30T00:00:00Z", "2026-03-30T00:00:00.000Z"},
    /* leap years: Feb 29 only in 2028 */
    {"0 12 29 2 *", "UTC", "2026-03-01T00:00:00Z", "2028-02-29T12:00:00.000Z"},
    {"0 12 29 2 *", "UTC", "2028-02-29T12:00:00Z", "2032-02-29T12:00:00.000Z"},
    /* 2100 is not a leap year: Feb 29 does not exist within 5 years */
    {"0 0 29 2 *", "UTC", "2097-01-01T00:00:00Z", "none"},
    /* impossible dates */
    {"0 0 31 2 *", "UTC", "2026-01-01T00:00:00Z", "none"},
    /* steps, ranges, lists */
    {"*/15 9-17 * * 1-5", "UTC", "2026-11-20T17:46:00Z",
     "2026-11-23T09:00:00.000Z"},
    {"5,35 * * * *", "UTC", "2026-11-21T10:05:00Z", "2026-11-21T10:35:00.000Z"},
    /* both day fields restricted: either matches (Vixie) */
    {"0 0 13 * 5", "UTC", "2026-11-01T00:00:00Z", "2026-11-06T00:00:00.000Z"},
    /* Sunday as 7 */
    {"0 6 * * 7", "UTC", "2026-11-21T00:00:00Z", "2026-11-22T06:00:00.000Z"},
    {"@monthly", "UTC", "2026-11-21T00:00:00Z", "2026-12-01T00:00:00.000Z"},
    /* in a zone: 9:00 Berlin is 08:00 UTC in winter, 07:00 in summer */
    {"0 9 * * *", "Europe/Berlin", "2026-11-21T00:00:00Z",
     "2026-11-21T08:00:00.000Z"},
    {"0 9 * * *", "Europe/Berlin", "2026-06-21T00:00:00Z",
     "2026-06-21T07:00:00.000Z"},
    /* DST spring forward (Berlin 2026-03-29 02:00 -> 03:00): 02:30 does
     * not exist that day and fires at the jump, 01:00 UTC */
    {"30 2 * * *", "Europe/Berlin", "2026-03-28T02:00:00Z",
     "2026-03-29T01:00:00.000Z"},
    {"30 2 * * *", "Europe/Berlin", "2026-03-29T01:00:00Z",
     "2026-03-30T00:30:00.000Z"},
    /* DST fall back (2026-10-25 03:00 -> 02:00): 02:30 occurs twice and
     * fires once, at the first */
    {"30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z",
     "2026-10-25T00:30:00.000Z"},
    {"30 2 * * *", "Europe/Berlin", "2026-10-25T00:30:00Z",
     "2026-10-26T01:30:00.000Z"},
    /* every 30 minutes over the fall-back hour: the repeated hour is not
     * run twice */
    {"*/30 * * * *", "Europe/Berlin", "2026-10-25T00:30:00Z",
     "2026-10-25T02:00:00.000Z"},
    /* US spring forward 2026-03-08 02:00 EST -> 03:00 EDT */
    {"0 8 * * *", "America/New_York", "2026-03-07T14:00:00Z",
     "2026-03-08T12:00:00.000Z"},
    {"0 8 * * *", "America/New_York", "2026-03-06T14:00:00Z",
     "2026-03-07T13:00:00.000Z"},
    /* US fall back 2026-11-01 */
    {"0 8 * * *", "America/New_York", "2026-10-31T13:00:00Z",
     "2026-11-01T13:00:00.000Z"},
    /* far future, from the footer rule: Monday 8:00 Berlin in July 2045 */
    {"0 8 * * 1", "Europe/Berlin", "2045-07-01T00:00:00Z",
     "2045-07-03T06:00:00.000Z"},
};

static void next_times(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof nexts / sizeof *nexts; i++) {
        struct cron c;
        struct err e = ERR_INIT;
        if (cron_parse(nexts[i].expr, &c, &e))
            fail_msg("parse '%s': %s", nexts[i].expr, e.msg);
        struct tz *z = zone(nexts[i].zone);
        int64_t got = cron_next(&c, z, iso(nexts[i].after));
        if (strcmp(fmt(got), nexts[i].want) != 0)
            fail_msg("'%s' in %s after %s: got %s, want %s", nexts[i].expr,
                     nexts[i].zone, nexts[i].after, fmt(got), nexts[i].want);
        tz_free(z);
    }
}

static void bad_expressions(void **state)
{
    (void)state;
    const char *bad[] = {"",          "* * * *",       "* * * * * *",
                         "60 * * * *", "* 24 * * *",   "* * 0 * *",
                         "* * 32 * *", "* * * 13 *",   "* * * * 8",
                         "*/0 * * * *", "5-1 * * * *", "a * * * *",
                         "* * * foo *", "1,,2 * * * *", "@never",
                         "99999999999 * * * *"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct cron c;
        struct err e = ERR_INIT;
        if (cron_parse(bad[i], &c, &e) != -E_VALIDATION)
            fail_msg("'%s' should be refused", bad[i]);
        assert_non_null(strstr(e.msg, "Cron expression"));
        err_clear(&e);
    }
}

/* Expressions that parse but may never fire: only a day of month that no
 * month of the expression has. */
static void ever(void **state)
{
    (void)state;
    const struct {
        const char *expr;
        bool ever;
    } cases[] = {
        {"0 9 30 2 *", false},     {"0 0 31 2,4,6,9,11 *", false},
        {"0 9 29 2 *", true},      {"0 9 31 1-12 *", true},
        {"0 9 30 2 1", true},      {"0 9 * 2 *", true},
        {"0 9 30,31 2 *", false},  {"0 9 1-31 2 *", true},
        {"0 9 31 4,5 *", true},    {"*/5 * * * *", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct cron c;
        struct err e = ERR_INIT;
        assert_int_equal(cron_parse(cases[i].expr, &c, &e), 0);
        if (cron_ever(&c) != cases[i].ever)
            fail_msg("cron_ever('%s') should be %d", cases[i].expr,
                     cases[i].ever);
        /* It agrees with the search for the next firing. */
        struct tz *utc;
        assert_int_equal(tz_load("UTC", NULL, &utc, &e), 0);
        assert_int_equal(cron_next(&c, utc, 1767225600000LL) >= 0,
                         cases[i].ever);
        tz_free(utc);
    }
}

static void presets(void **state)
{
    (void)state;
    struct {
        const char *json, *want;
    } cases[] = {
        {"{\"preset\":\"daily\",\"time\":\"09:00\"}", "0 9 * * *"},
        {"{\"preset\":\"daily\",\"time\":\"5:30 pm\"}", "30 17 * * *"},
        {"{\"preset\":\"weekly\",\"dayOfWeek\":1,\"time\":\"08:00\"}",
         "0 8 * * 1"},
        {"{\"preset\":\"weekly\",\"dayOfWeek\":\"friday\"}", "0 9 * * 5"},
        {"{\"preset\":\"monthly\",\"dayOfMonth\":1,\"time\":\"10:00\"}",
         "0 10 1 * *"},
        {"{\"preset\":\"hourly\",\"time\":\"00:15\"}", "15 * * * *"},
        {"{\"cron\":\"*/5 * * * *\"}", "*/5 * * * *"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        json_t *t = json_loads(cases[i].json, 0, NULL);
        char expr[64];
        struct err e = ERR_INIT;
        if (cron_from_trigger(t, expr, &e))
            fail_msg("%s: %s", cases[i].json, e.msg);
        assert_string_equal(expr, cases[i].want);
        json_decref(t);
    }
    const char *bad[] = {"{\"preset\":\"daily\",\"time\":\"25:00\"}",
                         "{\"preset\":\"weekly\",\"dayOfWeek\":9}",
                         "{\"preset\":\"monthly\",\"dayOfMonth\":0}",
                         "{\"preset\":\"yearly\"}", "{}",
                         "{\"cron\":\"bad\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        json_t *t = json_loads(bad[i], 0, NULL);
        char expr[64];
        struct err e = ERR_INIT;
        if (cron_from_trigger(t, expr, &e) != -E_VALIDATION)
            fail_msg("%s should be refused", bad[i]);
        err_clear(&e);
        json_decref(t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zones_and_offsets),
        cmocka_unit_test(next_times),
        cmocka_unit_test(bad_expressions),
        cmocka_unit_test(ever),
        cmocka_unit_test(presets),
    };
    return cmocka_run_group_tests_name("cron", tests, NULL, NULL);
}
