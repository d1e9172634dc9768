/* tz: TZif files and POSIX TZ rules; see tz.h. */
#include "core/tz.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/xalloc.h"

#define TZ_MAX_FILE (1 << 20)

/* A POSIX rule date: Mm.w.d, Jn (1..365, no Feb 29) or n (0..365). */
struct rule_date {
    char kind; /* 'M', 'J', 'N' */
    int m, w, d, n;
    int32_t secs; /* local time of day of the change */
};

struct posix_rule {
    bool present;
    int32_t std_off, dst_off; /* UTC offsets in seconds (local - utc) */
    bool has_dst;
    struct rule_date start, end;
};

struct tz {
    char name[64];
    int64_t *trans;   /* transition instants, ascending */
    uint8_t *idx;     /* type index per transition */
    int32_t *offs;    /* utoff per type */
    int ntrans, ntypes;
    int32_t first_off; /* before the first transition */
    struct posix_rule rule;
};

static int64_t be64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return (int64_t)v;
}

static int32_t be32(const unsigned char *p)
{
    return (int32_t)((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
                     (uint32_t)p[2] << 8 | p[3]);
}

/* [+-]hh[:mm[:ss]] */
static bool parse_hms(const char **s, int32_t *out)
{
    const char *p = *s;
    int sign = 1;
    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    if (!isdigit((unsigned char)*p))
        return false;
    int32_t h = 0, m = 0, sec = 0;
    while (isdigit((unsigned char)*p))
        h = h * 10 + (*p++ - '0');
    if (*p == ':') {
        p++;
        while (isdigit((unsigned char)*p))
            m = m * 10 + (*p++ - '0');
        if (*p == ':') {
            p++;
            while (isdigit((unsigned char)*p))
                sec = sec * 10 + (*p++ - '0');
        }
    }
    if (h > 167 || m > 59 || sec > 59)
        return false;
    *out = sign * (h * 3600 + m * 60 + sec);
    *s = p;
    return true;
}

static bool parse_name(const char **s)
{
    const char *p = *s;
    if (*p == '<') {
        while (*p && *p != '>')
            p++;
        if (*p != '>')
            return false;
        p++;
    } else {
        while (isalpha((unsigned char)*p))
            p++;
    }
    if (p - *s < 3)
        return false;
    *s = p;
    return true;
}

static bool parse_date(const char **s, struct rule_date *d)
{
    const char *p = *s;
    memset(d, 0, sizeof *d);
    d->secs = 2 * 3600;
    if (*p == 'M') {
        d->kind = 'M';
        p++;
        if (sscanf(p, "%d.%d.%d", &d->m, &d->w, &d->d) != 3)
            return false;
        while (*p && *p != '/' && *p != ',')
            p++;
        if (d->m < 1 || d->m > 12 || d->w < 1 || d->w > 5 || d->d < 0 ||
            d->d > 6)
            return false;
    } else if (*p == 'J' || isdigit((unsigned char)*p)) {
        d->kind = *p == 'J' ? 'J' : 'N';
        if (*p == 'J')
            p++;
        while (isdigit((unsigned char)*p))
            d->n = d->n * 10 + (*p++ - '0');
        if (d->n > 365)
            return false;
    } else {
        return false;
    }
    if (*p == '/') {
        p++;
        if (!parse_hms(&p, &d->secs))
            return false;
    }
    *s = p;
    return true;
}

/* "CET-1CEST,M3.5.0,M10.5.0/3" (note POSIX offsets are west-positive). */
static bool parse_rule(const char *s, struct posix_rule *r)
{
    memset(r, 0, sizeof *r);
    int32_t off;
    if (!parse_name(&s) || !parse_hms(&s, &off))
        return false;
    r->std_off = -off;
    r->dst_off = r->std_off;
    if (*s && *s != ',') {
        if (!parse_name(&s))
            return false;
        r->has_dst = true;
        r->dst_off = r->std_off + 3600;
        if (*s && *s != ',') {
            if (!parse_hms(&s, &off))
                return false;
            r->dst_off = -off;
        }
        if (*s != ',')
            return false; /* DST without rules: not in tzdata */
        s++;
        if (!parse_date(&s, &r->start) || *s++ != ',' ||
            !parse_date(&s, &r->end))
            return false;
    }
    if (*s)
        return false;
    r->present = true;
    return true;
}

/* Days since the epoch of a rule date in `year`. */
static int64_t rule_day(const struct rule_date *d, int year)
{
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int64_t jan1 = clock_days_from_civil(year, 1, 1);
    if (d->kind == 'J') {
        int n = d->n; /* 1..365, Feb 29 never counted */
        return jan1 + n - 1 + (leap && n >= 60 ? 1 : 0);
    }
    if (d->kind == 'N')
        return jan1 + d->n;
    /* Mm.w.d: day d (0 = Sunday) of week w (5 = last) of month m. */
    int64_t first = clock_days_from_civil(year, d->m, 1);
    int wday = (int)(((first % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
    int64_t day = first + (d->d - wday + 7) % 7 + 7 * (d->w - 1);
    static const int mdays[] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    int dim = mdays[d->m - 1] + (d->m == 2 && leap ? 1 : 0);
    while (day >= first + dim)
        day -= 7;
    return day;
}

static int32_t rule_offset(const struct posix_rule *r, int64_t utc)
{
    if (!r->has_dst)
        return r->std_off;
    int y, m, d;
    clock_civil_from_days((utc + r->std_off) / 86400 -
                              ((utc + r->std_off) % 86400 < 0),
                          &y, &m, &d);
    /* Start is given in standard time, end in daylight time. */
    int64_t start = rule_day(&r->start, y) * 86400 + r->start.secs -
                    r->std_off;
    int64_t end = rule_day(&r->end, y) * 86400 + r->end.secs - r->dst_off;
    bool dst = start < end ? (utc >= start && utc < end)
                           : (utc >= start || utc < end);
    return dst ? r->dst_off : r->std_off;
}

int32_t tz_offset(const struct tz *z, int64_t utc)
{
    if (z->ntrans == 0 || utc < z->trans[0])
        return z->ntrans == 0 && z->rule.present ? rule_offset(&z->rule, utc)
                                                 : z->first_off;
    if (utc >= z->trans[z->ntrans - 1] && z->rule.present)
        return rule_offset(&z->rule, utc);
    int lo = 0, hi = z->ntrans - 1;
    while (lo < hi) { /* last transition <= utc */
        int mid = (lo + hi + 1) / 2;
        if (z->trans[mid] <= utc)
            lo = mid;
        else
            hi = mid - 1;
    }
    return z->offs[z->idx[lo]];
}

int64_t tz_to_utc(const struct tz *z, int64_t local)
{
    int32_t before = tz_offset(z, local - 86400);
    int32_t after = tz_offset(z, local + 86400);
    int64_t a = local - before, b = local - after;
    bool a_ok = a + tz_offset(z, a) == local;
    bool b_ok = b + tz_offset(z, b) == local;
    if (a_ok && b_ok)
        return a < b ? a : b; /* occurs twice: the first */
    if (a_ok)
        return a;
    if (b_ok)
        return b;
    /* In a gap: the instant the clocks jumped, the first second whose
     * local time lies after `local`. Binary search between the two. */
    int64_t lo = a < b ? a : b, hi = a < b ? b : a;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (mid + tz_offset(z, mid) > local)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static bool name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n >= 64 || name[0] == '/' || strstr(name, ".."))
        return false;
    for (const char *p = name; *p; p++)
        if (!(isalnum((unsigned char)*p) || strchr("/_-+", *p)))
            return false;
    return true;
}

static int parse_file(struct tz *z, const unsigned char *d, size_t n,
                      struct err *err)
{
    if (n < 44 || memcmp(d, "TZif", 4) != 0)
        return err_set(err, E_VALIDATION, "Time zone %s: not a TZif file",
                       z->name);
    /* Skip the version 1 block to the 64-bit one. */
    const unsigned char *p = d;
    size_t left = n;
    int32_t c[6];
    for (int i = 0; i < 6; i++)
        c[i] = be32(p + 20 + 4 * i);
    size_t v1 = 44 + (size_t)c[3] * 5 + (size_t)c[4] * 6 + (size_t)c[5] +
                (size_t)c[2] * 8 + (size_t)c[1] + (size_t)c[0];
    if (d[4] < '2' || v1 + 44 > left)
        return err_set(err, E_VALIDATION,
                       "Time zone %s: only TZif version 2 or later is read",
                       z->name);
    p += v1;
    left -= v1;
    if (memcmp(p, "TZif", 4) != 0)
        return err_set(err, E_VALIDATION, "Time zone %s: damaged file",
                       z->name);
    for (int i = 0; i < 6; i++) {
        c[i] = be32(p + 20 + 4 * i);
        if (c[i] < 0 || c[i] > 100000)
            return err_set(err, E_VALIDATION, "Time zone %s: damaged file",
                           z->name);
    }
    int32_t isut = c[0], isstd = c[1], leap = c[2], timecnt = c[3],
            typecnt = c[4], charcnt = c[5];
    size_t need = 44 + (size_t)timecnt * 9 + (size_t)typecnt * 6 +
                  (size_t)charcnt + (size_t)leap * 12 + (size_t)isstd +
                  (size_t)isut;
    if (typecnt < 1 || need > left)
        return err_set(err, E_VALIDATION, "Time zone %s: damaged file",
                       z->name);
    const unsigned char *q = p + 44;
    z->ntrans = timecnt;
    z->ntypes = typecnt;
    z->trans = xmalloc(sizeof *z->trans * (size_t)(timecnt ? timecnt : 1));
    z->idx = xmalloc((size_t)(timecnt ? timecnt : 1));
    z->offs = xmalloc(sizeof *z->offs * (size_t)typecnt);
    for (int i = 0; i < timecnt; i++)
        z->trans[i] = be64(q + 8 * i);
    q += 8 * (size_t)timecnt;
    for (int i = 0; i < timecnt; i++) {
        z->idx[i] = q[i];
        if (q[i] >= typecnt)
            return err_set(err, E_VALIDATION, "Time zone %s: damaged file",
                           z->name);
    }
    q += timecnt;
    for (int i = 0; i < typecnt; i++)
        z->offs[i] = be32(q + 6 * i);
    z->first_off = z->offs[0];
    q = p + need;
    /* Footer: "\nRULE\n" */
    if ((size_t)(q - d) < n && *q == '\n') {
        const unsigned char *e = memchr(q + 1, '\n', n - (size_t)(q - d) - 1);
        if (e && e > q + 1) {
            char rule[128];
            size_t rl = (size_t)(e - q - 1);
            if (rl < sizeof rule) {
                memcpy(rule, q + 1, rl);
                rule[rl] = '\0';
                parse_rule(rule, &z->rule);
            }
        }
    }
    return 0;
}

int tz_load(const char *name, const char *dir, struct tz **out,
            struct err *err)
{
    *out = NULL;
    struct tz *z = xcalloc(1, sizeof *z);
    if (!name || !name_ok(name)) {
        free(z);
        return err_set(err, E_VALIDATION,
                       "Unknown time zone '%s' (use a name such as "
                       "Europe/Berlin or UTC)",
                       name ? name : "");
    }
    snprintf(z->name, sizeof z->name, "%s", name);
    if (!strcmp(name, "UTC") || !strcmp(name, "Etc/UTC")) {
        *out = z; /* no transitions, offset 0 */
        return 0;
    }
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "/usr/share/zoneinfo",
             name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        free(z);
        return err_set(err, E_VALIDATION,
                       "Unknown time zone '%s' (use a name such as "
                       "Europe/Berlin or UTC)",
                       name);
    }
    unsigned char *data = xmalloc(TZ_MAX_FILE);
    size_t n = fread(data, 1, TZ_MAX_FILE, f);
    fclose(f);
    int rc = parse_file(z, data, n, err);
    free(data);
    if (rc) {
        tz_free(z);
        return rc;
    }
    *out = z;
    return 0;
}

void tz_free(struct tz *z)
{
    if (!z)
        return;
    free(z->trans);
    free(z->idx);
    free(z->offs);
    free(z);
}

const char *tz_name(const struct tz *z)
{
    return z->name;
}

/* ---- cache ---------------------------------------------------------- */

/* Entries are never evicted (callers hold borrowed pointers); the cache
 * is bounded by the number of zones in the tz database (about 600). */
struct tz_cache {
    pthread_mutex_t mu;
    struct tz **zones;
    int n, cap;
};

struct tz_cache *tz_cache_new(void)
{
    struct tz_cache *c = xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    return c;
}

void tz_cache_free(struct tz_cache *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->n; i++)
        tz_free(c->zones[i]);
    free(c->zones);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

const struct tz *tz_cache_get(struct tz_cache *c, const char *name,
                              struct err *err)
{
    pthread_mutex_lock(&c->mu);
    const struct tz *found = NULL;
    for (int i = 0; i < c->n; i++)
        if (!strcmp(c->zones[i]->name, name))
            found = c->zones[i];
    if (!found) {
        struct tz *z;
        if (tz_load(name, NULL, &z, err) == 0) {
            if (c->n == c->cap) {
                c->cap = c->cap ? c->cap * 2 : 8;
                c->zones = xrealloc(c->zones, sizeof *c->zones *
                                                  (size_t)c->cap);
            }
            c->zones[c->n++] = z;
            found = z;
        }
    }
    pthread_mutex_unlock(&c->mu);
    return found;
}
