/* cron: expressions and next firing times; see cron.h. */
#include "core/cron.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "core/jsonx.h"

static const char *const month_names[] = {"jan", "feb", "mar", "apr",
                                          "may", "jun", "jul", "aug",
                                          "sep", "oct", "nov", "dec"};
static const char *const day_names[] = {"sun", "mon", "tue", "wed",
                                        "thu", "fri", "sat"};
static const char *const field_names[] = {"minute", "hour", "day of month",
                                          "month", "day of week"};
static const int lo_of[] = {0, 0, 1, 1, 0};
static const int hi_of[] = {59, 23, 31, 12, 7};

/* A number or (for months and days) a three-letter name. */
static int read_value(const char **s, int field, int *out)
{
    const char *p = *s;
    if (isdigit((unsigned char)*p)) {
        int v = 0, n = 0;
        while (isdigit((unsigned char)*p) && n < 3) {
            v = v * 10 + (*p++ - '0');
            n++;
        }
        if (isdigit((unsigned char)*p))
            return -1;
        *out = v;
        *s = p;
        return 0;
    }
    const char *const *names = field == 3 ? month_names
                               : field == 4 ? day_names
                                            : NULL;
    int count = field == 3 ? 12 : 7;
    if (!names)
        return -1;
    for (int i = 0; i < count; i++) {
        if (strncasecmp(p, names[i], 3) == 0 && !isalpha((unsigned char)p[3])) {
            *out = field == 3 ? i + 1 : i;
            *s = p + 3;
            return 0;
        }
    }
    return -1;
}

static int field_error(struct err *err, const char *expr, int field,
                       const char *what)
{
    int rc = err_set(err, E_VALIDATION,
                     "Cron expression '%s': %s in the %s field (%d-%d)",
                     expr, what, field_names[field], lo_of[field],
                     field == 4 ? 6 : hi_of[field]);
    err_detail_str(err, "field", "cron");
    return rc;
}

static int parse_field(const char *expr, const char *f, size_t len,
                       int field, uint64_t *bits, bool *any,
                       struct err *err)
{
    char buf[128];
    if (len == 0 || len >= sizeof buf)
        return field_error(err, expr, field, "missing or overlong value");
    memcpy(buf, f, len);
    buf[len] = '\0';
    int lo = lo_of[field], hi = hi_of[field];
    *bits = 0;
    *any = strcmp(buf, "*") == 0 || strcmp(buf, "?") == 0;
    const char *p = buf;
    while (*p) {
        int a, b, step = 1;
        if (*p == '*' || *p == '?') {
            a = lo;
            b = hi;
            p++;
        } else {
            if (read_value(&p, field, &a))
                return field_error(err, expr, field, "a value is not valid");
            b = a;
            if (*p == '-') {
                p++;
                if (read_value(&p, field, &b))
                    return field_error(err, expr, field,
                                       "a range is not valid");
            }
        }
        if (*p == '/') {
            p++;
            int st;
            if (!isdigit((unsigned char)*p) || read_value(&p, 0, &st) ||
                st < 1 || st > hi)
                return field_error(err, expr, field, "a step is not valid");
            step = st;
            if (a == b && buf[0] != '*')
                b = hi; /* "5/15" means from 5 to the end */
        }
        if (a < lo || b > hi || a > b)
            return field_error(err, expr, field, "a value is out of range");
        for (int v = a; v <= b; v += step)
            *bits |= (uint64_t)1 << (field == 4 && v == 7 ? 0 : v);
        if (*p == ',')
            p++;
        else if (*p)
            return field_error(err, expr, field, "unexpected characters");
    }
    return 0;
}

int cron_parse(const char *expr, struct cron *out, struct err *err)
{
    static const struct {
        const char *name, *expr;
    } shortcuts[] = {{"@hourly", "0 * * * *"},  {"@daily", "0 0 * * *"},
                     {"@midnight", "0 0 * * *"}, {"@weekly", "0 0 * * 0"},
                     {"@monthly", "0 0 1 * *"}, {"@yearly", "0 0 1 1 *"},
                     {"@annually", "0 0 1 1 *"}};
    memset(out, 0, sizeof *out);
    if (!expr)
        return err_set(err, E_VALIDATION, "A cron expression is required");
    const char *e = expr;
    while (*e == ' ')
        e++;
    for (size_t i = 0; i < sizeof shortcuts / sizeof *shortcuts; i++)
        if (strcasecmp(e, shortcuts[i].name) == 0)
            e = shortcuts[i].expr;
    const char *fields[5];
    size_t lens[5];
    int n = 0;
    const char *p = e;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (n == 5) {
            int rc = err_set(err, E_VALIDATION,
                             "Cron expression '%s' has more than 5 fields "
                             "(minute hour day-of-month month day-of-week)",
                             expr);
            err_detail_str(err, "field", "cron");
            return rc;
        }
        fields[n] = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        lens[n] = (size_t)(p - fields[n]);
        n++;
    }
    if (n != 5) {
        int rc = err_set(err, E_VALIDATION,
                         "Cron expression '%s' needs 5 fields (minute hour "
                         "day-of-month month day-of-week)",
                         expr);
        err_detail_str(err, "field", "cron");
        return rc;
    }
    uint64_t bits[5];
    bool any[5];
    for (int i = 0; i < 5; i++) {
        int rc = parse_field(expr, fields[i], lens[i], i, &bits[i], &any[i],
                             err);
        if (rc)
            return rc;
    }
    out->minutes = bits[0];
    out->hours = (uint32_t)bits[1];
    out->dom = (uint32_t)bits[2];
    out->months = (uint16_t)bits[3];
    out->dow = (uint8_t)bits[4];
    out->dom_any = any[2];
    out->dow_any = any[4];
    return 0;
}

bool cron_ever(const struct cron *c)
{
    /* With a day of the week, some day matches in every month (the two
     * fields match either way when both are set). */
    if (c->dom_any || !c->dow_any)
        return true;
    static const int longest[13] = {0,  31, 29, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++)
        for (int d = 1; (c->months >> m & 1) && d <= longest[m]; d++)
            if (c->dom >> d & 1)
                return true;
    return false;
}

static bool day_matches(const struct cron *c, int mday, int wday)
{
    bool dom = (c->dom >> mday) & 1, dow = (c->dow >> wday) & 1;
    if (c->dom_any && c->dow_any)
        return true;
    if (c->dom_any)
        return dow;
    if (c->dow_any)
        return dom;
    return dom || dow;
}

int64_t cron_next(const struct cron *c, const struct tz *zone,
                  int64_t after_ms)
{
    int64_t after = after_ms >= 0 ? after_ms / 1000 : -((-after_ms + 999) / 1000);
    int64_t local = after + tz_offset(zone, after);
    int64_t t = (local >= 0 ? local / 60 : (local - 59) / 60) * 60 + 60;
    int64_t limit = local + 5 * 366 * 86400LL;
    while (t < limit) {
        int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
        int64_t sod = t - days * 86400;
        int y, m, d;
        clock_civil_from_days(days, &y, &m, &d);
        int wday = (int)(((days % 7) + 11) % 7);
        if (!((c->months >> m) & 1)) {
            int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
            t = clock_days_from_civil(ny, nm, 1) * 86400;
            continue;
        }
        if (!day_matches(c, d, wday)) {
            t = (days + 1) * 86400;
            continue;
        }
        int hour = (int)(sod / 3600), minute = (int)(sod / 60 % 60);
        if (!((c->hours >> hour) & 1)) {
            t = days * 86400 + (int64_t)(hour + 1) * 3600;
            continue;
        }
        if (!((c->minutes >> minute) & 1)) {
            t += 60;
            continue;
        }
        int64_t utc = tz_to_utc(zone, t);
        if (utc <= after) {
            /* A gap mapped this local time back before `after`. */
            t += 60;
            continue;
        }
        return utc * 1000;
    }
    return -1;
}

/* "09:00", "9:30", "9am", "5:30 pm" -> minutes after midnight. */
static int parse_time(const char *s, int *h, int *m)
{
    int hh = 0, mm = 0, n = 0;
    const char *p = s;
    while (isdigit((unsigned char)*p) && n < 2) {
        hh = hh * 10 + (*p++ - '0');
        n++;
    }
    if (!n)
        return -1;
    if (*p == ':') {
        p++;
        if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
            return -1;
        mm = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
    }
    while (*p == ' ')
        p++;
    if (!strcasecmp(p, "am") || !strcasecmp(p, "a.m.")) {
        if (hh < 1 || hh > 12)
            return -1;
        hh %= 12;
    } else if (!strcasecmp(p, "pm") || !strcasecmp(p, "p.m.")) {
        if (hh < 1 || hh > 12)
            return -1;
        hh = hh % 12 + 12;
    } else if (*p) {
        return -1;
    }
    if (hh > 23 || mm > 59)
        return -1;
    *h = hh;
    *m = mm;
    return 0;
}

static int trig_error(struct err *err, const char *field, const char *msg)
{
    int rc = err_set(err, E_VALIDATION, "%s", msg);
    err_detail_str(err, "field", field);
    return rc;
}

int cron_from_trigger(const json_t *t, char expr[64], struct err *err)
{
    const char *cron = jx_str(t, "cron");
    if (cron) {
        struct cron c;
        int rc = cron_parse(cron, &c, err);
        if (rc)
            return rc;
        snprintf(expr, 64, "%.63s", cron);
        return 0;
    }
    const char *preset = jx_str(t, "preset");
    if (!preset)
        return trig_error(err, "trigger",
                          "A schedule needs 'cron' or 'preset' (hourly, "
                          "daily, weekly, monthly)");
    int h = 9, m = 0;
    json_t *tv = json_object_get(t, "time");
    if (tv && (!json_is_string(tv) ||
               parse_time(json_string_value(tv), &h, &m)))
        return trig_error(err, "trigger.time",
                          "'time' must look like 09:00, 17:30 or 9am");
    if (!strcmp(preset, "hourly")) {
        snprintf(expr, 64, "%d * * * *", m);
        return 0;
    }
    if (!strcmp(preset, "daily")) {
        snprintf(expr, 64, "%d %d * * *", m, h);
        return 0;
    }
    if (!strcmp(preset, "weekly")) {
        int dow = 1;
        json_t *d = json_object_get(t, "dayOfWeek");
        if (json_is_integer(d) && json_integer_value(d) >= 0 &&
            json_integer_value(d) <= 7) {
            dow = (int)json_integer_value(d) % 7;
        } else if (json_is_string(d)) {
            dow = -1;
            for (int i = 0; i < 7; i++)
                if (!strncasecmp(json_string_value(d), day_names[i], 3))
                    dow = i;
            if (dow < 0)
                return trig_error(err, "trigger.dayOfWeek",
                                  "'dayOfWeek' must be 0-6 (Sunday = 0) or "
                                  "a day name");
        } else if (d) {
            return trig_error(err, "trigger.dayOfWeek",
                              "'dayOfWeek' must be 0-6 (Sunday = 0) or a day "
                              "name");
        }
        snprintf(expr, 64, "%d %d * * %d", m, h, dow);
        return 0;
    }
    if (!strcmp(preset, "monthly")) {
        int dom = 1;
        json_t *d = json_object_get(t, "dayOfMonth");
        if (d) {
            if (!json_is_integer(d) || json_integer_value(d) < 1 ||
                json_integer_value(d) > 31)
                return trig_error(err, "trigger.dayOfMonth",
                                  "'dayOfMonth' must be 1-31");
            dom = (int)json_integer_value(d);
        }
        snprintf(expr, 64, "%d %d %d * *", m, h, dom);
        return 0;
    }
    return trig_error(err, "trigger.preset",
                      "'preset' must be hourly, daily, weekly or monthly");
}
