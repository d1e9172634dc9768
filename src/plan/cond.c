/* cond: condition evaluation; see cond.h. */
#include "plan/cond.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/jsonx.h"
#include "core/str.h"

static void warn(json_t *warnings, const char *msg)
{
    if (!warnings)
        return;
    size_t i;
    json_t *w;
    json_array_foreach(warnings, i, w) if (!strcmp(json_string_value(w),
                                                   msg)) return;
    json_array_append_new(warnings, json_string(msg));
}

/* A number from a JSON number or a numeric string. */
static bool as_number(const json_t *v, double *out)
{
    if (jx_number(v, out))
        return true;
    if (json_is_string(v))
        return str_parse_double(json_string_value(v), out) == 0;
    return false;
}

/* Milliseconds from an ISO string or a relative time. */
static bool as_time(const json_t *v, int64_t now, int64_t *out)
{
    if (!json_is_string(v))
        return false;
    return clock_parse_when(json_string_value(v), now, out) == 0;
}

static bool text_eq(const json_t *a, const json_t *b)
{
    return json_is_string(a) && json_is_string(b) &&
           str_eq_ci(json_string_value(a), json_string_value(b));
}

static bool contains(const json_t *hay, const json_t *needle)
{
    if (json_is_array(hay)) {
        size_t i;
        json_t *x;
        json_array_foreach(hay, i, x)
        {
            if (text_eq(x, needle) || json_equal(x, (json_t *)needle))
                return true;
            double a, b;
            if (json_is_number(x) && as_number(needle, &b) &&
                as_number(x, &a) && a == b)
                return true;
        }
        return false;
    }
    if (json_is_string(hay) && json_is_string(needle))
        return str_find_ci(json_string_value(hay),
                           json_string_value(needle)) != NULL;
    if (json_is_string(hay) && json_is_number(needle)) {
        char num[64];
        double d = 0;
        jx_number(needle, &d);
        snprintf(num, sizeof num, "%g", d);
        return str_find_ci(json_string_value(hay), num) != NULL;
    }
    return false;
}

static bool exists(const json_t *v)
{
    if (!v || json_is_null(v))
        return false;
    if (json_is_string(v))
        return json_string_length(v) > 0;
    if (json_is_array(v))
        return json_array_size(v) > 0;
    return true;
}

/* -1, 0, 1, or 2 when the two cannot be ordered. */
static int compare(const json_t *a, const json_t *b, int64_t now)
{
    double x, y;
    if (json_is_number(a) || json_is_number(b)) {
        if (as_number(a, &x) && as_number(b, &y))
            return x < y ? -1 : x > y;
        return 2;
    }
    int64_t ta, tb;
    /* A relative time on either side makes it a time comparison. */
    if (as_time(a, now, &ta) && as_time(b, now, &tb))
        return ta < tb ? -1 : ta > tb;
    if (json_is_boolean(a) && json_is_boolean(b))
        return json_is_true(a) - json_is_true(b);
    if (json_is_string(a) && json_is_string(b)) {
        if (as_number(a, &x) && as_number(b, &y))
            return x < y ? -1 : x > y;
        int c = strcasecmp(json_string_value(a), json_string_value(b));
        return c < 0 ? -1 : c > 0;
    }
    return 2;
}

/* Why a field has no value: the record it belongs to is not in scope
 * (a run with no contact, a contact with no company), or the record has
 * no such field (the seeds' message). */
static void missing_why(const struct vars *v, const char *field, char *msg,
                        size_t size)
{
    const char *path = field[0] == '@' ? field + 1 : field;
    bool contact = !strncmp(path, "contact.", 8);
    bool deal = !strncmp(path, "deal.", 5);
    bool company = !strncmp(path, "company.", 8);
    if (contact && !v->contact && v->deal)
        snprintf(msg, size, "The deal has no contact: '%s' is false for it",
                 path);
    else if (company && !v->company && (v->contact || v->deal))
        snprintf(msg, size,
                 "The %s has no company: '%s' is false for it",
                 v->deal ? "deal" : "contact", path);
    else if ((contact && !v->contact) || (deal && !v->deal) ||
             (company && !v->company)) {
        const char *kind = contact ? "contact" : deal ? "deal" : "company";
        /* a company is reached through its contacts (or deals) */
        const char *by = deal ? "deal" : "contact";
        snprintf(msg, size,
                 "No %s in scope for '%s': defaulting to false (trigger "
                 "the agent on a %s, or search for %ss first)",
                 kind, path, by, by);
    } else
        snprintf(msg, size, "Field '%s' not found. Defaulting to false.",
                 path);
}

static bool leaf(const json_t *c, const struct vars *v, int64_t now,
                 json_t *warnings)
{
    const char *field = jx_str(c, "field");
    const char *op = jx_str(c, "operator");
    if (!field || !op)
        return false;
    json_t *owned;
    const json_t *have = vars_lookup(v, field, &owned);
    bool r = false;
    if (!strcmp(op, "exists")) {
        r = exists(have);
        goto out;
    }
    if (!have) {
        char msg[300];
        missing_why(v, field, msg, sizeof msg);
        warn(warnings, msg);
        goto out;
    }
    /* The right-hand side may itself be a variable: "@contact.id". */
    const json_t *want = json_object_get(c, "value");
    json_t *want_owned = NULL;
    if (json_is_string(want) && json_string_value(want)[0] == '@') {
        json_t *val = vars_value(v, json_string_value(want));
        if (val) {
            want_owned = val;
            want = val;
        }
    }
    if (!strcmp(op, "contains")) {
        r = contains(have, want);
    } else if (!strcmp(op, "==") || !strcmp(op, "!=")) {
        bool eq;
        if (json_is_boolean(want) || json_is_boolean(have))
            eq = json_is_boolean(have) && json_is_boolean(want) &&
                 json_is_true(have) == json_is_true(want);
        else if (json_is_null(want) || json_is_null(have))
            eq = json_is_null(want) == json_is_null(have);
        else if (str_key_kind_of(field) >= 0 && json_is_string(have) &&
                 json_is_string(want)) {
            /* "US" is "United States", "NYC" "New York" (a search
             * compares the same way: agentd_key) */
            enum str_key_kind k = (enum str_key_kind)str_key_kind_of(field);
            char a[256], b[256];
            eq = !strcmp(
                str_value_key(k, json_string_value(have), a, sizeof a),
                str_value_key(k, json_string_value(want), b, sizeof b));
        } else
            eq = compare(have, want, now) == 0;
        r = !strcmp(op, "==") ? eq : !eq;
    } else {
        int cmp = compare(have, want, now);
        double d;
        if (cmp == 2 && json_is_string(have) && jx_number(want, &d)) {
            /* "lead score above 80" where the lead score is 'A': said, so
             * that a condition that can never hold is seen */
            char msg[300];
            snprintf(msg, sizeof msg,
                     "Field '%s' holds text that is not a number: compared "
                     "with %g it is false",
                     field, d);
            warn(warnings, msg);
        }
        if (cmp == 2)
            r = false;
        else if (!strcmp(op, ">"))
            r = cmp > 0;
        else if (!strcmp(op, "<"))
            r = cmp < 0;
        else if (!strcmp(op, ">="))
            r = cmp >= 0;
        else if (!strcmp(op, "<="))
            r = cmp <= 0;
    }
    json_decref(want_owned);
out:
    json_decref(owned);
    return r;
}

bool cond_eval(const json_t *c, const struct vars *v, int64_t now,
               json_t *warnings)
{
    json_t *x;
    if ((x = json_object_get(c, "and"))) {
        bool r = true;
        size_t i;
        json_t *y;
        /* Every part is evaluated so that every warning is reported. */
        json_array_foreach(x, i, y) if (!cond_eval(y, v, now, warnings)) r =
            false;
        return r;
    }
    if ((x = json_object_get(c, "or"))) {
        bool r = false;
        size_t i;
        json_t *y;
        json_array_foreach(x, i, y) if (cond_eval(y, v, now, warnings)) r =
            true;
        return r;
    }
    if ((x = json_object_get(c, "not")))
        return !cond_eval(x, v, now, warnings);
    return leaf(c, v, now, warnings);
}

bool cond_uses(const json_t *c, const char *root)
{
    json_t *x;
    if ((x = json_object_get(c, "and")) || (x = json_object_get(c, "or"))) {
        size_t i;
        json_t *y;
        json_array_foreach(x, i, y) if (cond_uses(y, root)) return true;
        return false;
    }
    if ((x = json_object_get(c, "not")))
        return cond_uses(x, root);
    size_t n = strlen(root);
    const char *f = jx_str(c, "field");
    if (f && *f == '@')
        f++;
    if (f && !strncmp(f, root, n) && f[n] == '.')
        return true;
    /* a value that is the record's ("memory.seen contains @contact.id")
     * names it too */
    const char *v = json_string_value(json_object_get(c, "value"));
    return v && v[0] == '@' && !strncmp(v + 1, root, n) && v[n + 1] == '.';
}

static void describe(const json_t *c, struct buf *b)
{
    json_t *x;
    if ((x = json_object_get(c, "and")) || (x = json_object_get(c, "or"))) {
        const char *kw = json_object_get(c, "and") ? " and " : " or ";
        buf_putc(b, '(');
        size_t i;
        json_t *y;
        json_array_foreach(x, i, y)
        {
            if (i)
                buf_puts(b, kw);
            describe(y, b);
        }
        buf_putc(b, ')');
        return;
    }
    if ((x = json_object_get(c, "not"))) {
        buf_puts(b, "not ");
        describe(x, b);
        return;
    }
    buf_printf(b, "%s %s", jx_str(c, "field") ? jx_str(c, "field") : "?",
               jx_str(c, "operator") ? jx_str(c, "operator") : "?");
    json_t *v = json_object_get(c, "value");
    if (v) {
        char *s = jx_dump(v);
        buf_printf(b, " %s", s);
        free(s);
    }
}

char *cond_describe(const json_t *c)
{
    struct buf b;
    buf_init(&b, 4096);
    describe(c, &b);
    return buf_steal(&b);
}
