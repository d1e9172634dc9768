/* clock: wall clock with an optional start offset and speed-up. */
#include "core/clock.h"

#include <ctype.h>
#include <strings.h>
#include <stdio.h>
#include <string.h>

static double g_scale = 1.0;
static int64_t g_real_origin_ms; /* real time when the clock started */
static int64_t g_virt_origin_ms; /* agentd time at that moment */

static int64_t real_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void clock_init(double scale, int64_t start_ms)
{
    g_scale = scale >= 1.0 ? scale : 1.0;
    g_real_origin_ms = real_now_ms();
    g_virt_origin_ms = start_ms > 0 ? start_ms : g_real_origin_ms;
}

double clock_scale(void)
{
    return g_scale;
}

int64_t clock_now_ms(void)
{
    int64_t real = real_now_ms();
    if (g_scale == 1.0 && g_virt_origin_ms == g_real_origin_ms)
        return real;
    return g_virt_origin_ms + (int64_t)((double)(real - g_real_origin_ms) *
                                        g_scale);
}

int64_t clock_mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t clock_to_real_ms(int64_t span_ms)
{
    if (span_ms <= 0)
        return 0;
    double r = (double)span_ms / g_scale;
    int64_t v = (int64_t)r;
    return (double)v < r ? v + 1 : v;
}

int64_t clock_from_real_ms(int64_t real_ms)
{
    return (int64_t)((double)real_ms * g_scale);
}

struct timespec clock_deadline(int64_t at_ms)
{
    int64_t wait = clock_to_real_ms(at_ms - clock_now_ms());
    int64_t abs_ms = real_now_ms() + wait;
    struct timespec ts = {.tv_sec = abs_ms / 1000,
                          .tv_nsec = (abs_ms % 1000) * 1000000};
    return ts;
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
int64_t clock_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void clock_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static char *digits_out(char *p, int v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + n;
}

void clock_format_iso(int64_t ms, char *out, size_t size)
{
    int64_t days = floor_div(ms, MS_PER_DAY);
    int64_t rem = ms - days * MS_PER_DAY;
    int y, mo, d;
    clock_civil_from_days(days, &y, &mo, &d);
    if (size < 25 || y < 0 || y > 9999) {
        snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, mo, d,
                 (int)(rem / MS_PER_HOUR), (int)(rem / MS_PER_MIN % 60),
                 (int)(rem / 1000 % 60), (int)(rem % 1000));
        return;
    }
    /* Hand-formatted: this runs for every time field of every row shown. */
    char *p = digits_out(out, y, 4);
    *p++ = '-';
    p = digits_out(p, mo, 2);
    *p++ = '-';
    p = digits_out(p, d, 2);
    *p++ = 'T';
    p = digits_out(p, (int)(rem / MS_PER_HOUR), 2);
    *p++ = ':';
    p = digits_out(p, (int)(rem / MS_PER_MIN % 60), 2);
    *p++ = ':';
    p = digits_out(p, (int)(rem / 1000 % 60), 2);
    *p++ = '.';
    p = digits_out(p, (int)(rem % 1000), 3);
    *p++ = 'Z';
    *p = '\0';
}

/* Reads exactly n digits. */
static int digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

int clock_parse_iso(const char *s, int64_t *out)
{
    const char *p = s;
    int y, mo, d, h = 0, mi = 0, sec = 0, frac = 0;
    if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) ||
        *p++ != '-' || digits(&p, 2, &d))
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
        return -1;
    int64_t offset_min = 0;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
            return -1;
        if (*p == ':') {
            p++;
            if (digits(&p, 2, &sec))
                return -1;
            if (*p == '.') {
                p++;
                int n = 0;
                while (isdigit((unsigned char)*p)) {
                    if (n < 3)
                        frac = frac * 10 + (*p - '0');
                    n++;
                    p++;
                }
                if (n == 0)
                    return -1;
                for (; n < 3; n++)
                    frac *= 10;
            }
        }
        if (h > 23 || mi > 59 || sec > 60)
            return -1;
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p++ == '-' ? -1 : 1, oh, om;
            if (digits(&p, 2, &oh))
                return -1;
            if (*p == ':')
                p++;
            if (digits(&p, 2, &om) || oh > 23 || om > 59)
                return -1;
            offset_min = sign * (oh * 60 + om);
        }
    }
    if (*p != '\0')
        return -1;
    int64_t days = clock_days_from_civil(y, mo, d);
    *out = days * MS_PER_DAY + h * MS_PER_HOUR + mi * MS_PER_MIN +
           sec * MS_PER_SEC + frac - offset_min * MS_PER_MIN;
    return 0;
}

int clock_parse_when(const char *s, int64_t now_ms, int64_t *out)
{
    if (clock_parse_iso(s, out) == 0)
        return 0;
    int64_t base;
    const char *p;
    if (strncasecmp(s, "now", 3) == 0) {
        base = now_ms;
        p = s + 3;
    } else if (strncasecmp(s, "today", 5) == 0) {
        base = now_ms - ((now_ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
        p = s + 5;
    } else {
        return -1;
    }
    while (*p == ' ')
        p++;
    if (*p == '\0') {
        *out = base;
        return 0;
    }
    if (*p != '+' && *p != '-')
        return -1;
    int sign = *p++ == '-' ? -1 : 1;
    while (*p == ' ')
        p++;
    int64_t n = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 9) {
        n = n * 10 + (*p++ - '0');
        digits++;
    }
    if (!digits)
        return -1;
    int64_t unit;
    switch (*p++) {
    case 's': unit = MS_PER_SEC; break;
    case 'm': unit = MS_PER_MIN; break;
    case 'h': unit = MS_PER_HOUR; break;
    case 'd': unit = MS_PER_DAY; break;
    case 'w': unit = 7 * MS_PER_DAY; break;
    default: return -1;
    }
    if (*p != '\0')
        return -1;
    *out = base + sign * n * unit;
    return 0;
}

