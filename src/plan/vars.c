/* vars: @variable lookup and rendering; see vars.h. */
#include "plan/vars.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonx.h"

static const char *const roots[] = {"contact", "company", "deal",   "user",
                                    "memory",  "search",  "steps",  "trigger",
                                    "form",    "input",   "agent",  "contacts",
                                    NULL};

static bool var_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '[' ||
           c == ']';
}

static const json_t *root_value(const struct vars *v, const char *root,
                                size_t n)
{
#define R(name, field)                                                        \
    if (n == sizeof name - 1 && !strncmp(root, name, n))                      \
        return v->field;
    R("contact", contact)
    R("company", company)
    R("deal", deal)
    R("memory", memory)
    R("search", search)
    R("steps", steps)
    R("trigger", trigger)
    R("form", form)
    R("input", input)
    R("agent", agent)
    R("contacts", contacts)
#undef R
    return NULL;
}

static bool is_entity_root(const char *root, size_t n)
{
    return (n == 7 && (!strncmp(root, "contact", 7) ||
                       !strncmp(root, "company", 7))) ||
           (n == 4 && !strncmp(root, "deal", 4));
}

const json_t *vars_lookup(const struct vars *v, const char *path,
                          json_t **owned)
{
    *owned = NULL;
    if (*path == '@')
        path++;
    const char *p = path;
    while (*p && *p != '.' && *p != '[')
        p++;
    size_t rn = (size_t)(p - path);
    const json_t *cur;
    if (rn == 4 && !strncmp(path, "user", 4)) {
        if (*p != '.' || !v->user)
            return NULL;
        const char *key = p + 1;
        char handle[64];
        size_t k = 0;
        while (key[k] && key[k] != '.' && key[k] != '[' && k < sizeof handle - 1) {
            handle[k] = key[k];
            k++;
        }
        handle[k] = '\0';
        p = key + k;
        *owned = v->user(v->user_arg, handle);
        /* "Best, @user.name" in a template: no member goes by that handle,
         * so it is the name (or e-mail) of the agent's creator, on whose
         * behalf the run writes. */
        if (!*owned && !*p &&
            (!strcmp(handle, "name") || !strcmp(handle, "email"))) {
            json_t *me = v->user(v->user_arg, "me");
            const json_t *f = json_object_get(me, handle);
            *owned = me;
            return json_string_length(f) ? f : NULL;
        }
        if (!*owned)
            return NULL;
        cur = *owned;
        if (!*p) {
            /* @user.salesRep alone stands for the person: their name. */
            const json_t *name = json_object_get(cur, "name");
            return name && json_string_length(name) ? name
                                                    : json_object_get(cur,
                                                                      "email");
        }
    } else {
        cur = root_value(v, path, rn);
    }
    bool entity = is_entity_root(path, rn);
    bool first = true;
    while (cur && *p) {
        if (*p == '.') {
            p++;
            const char *s = p;
            while (*p && *p != '.' && *p != '[')
                p++;
            char key[128];
            size_t kn = (size_t)(p - s);
            if (kn == 0 || kn >= sizeof key)
                return NULL;
            memcpy(key, s, kn);
            key[kn] = '\0';
            const json_t *next = json_object_get(cur, key);
            /* contact.leadScore lives in customFields. */
            if (!next && entity && first)
                next = json_object_get(json_object_get(cur, "customFields"),
                                       key);
            /* a webhook's payload is trigger.body: trigger.email is its
             * email when the trigger has none of its own */
            if (!next && first && rn == 7 && !strncmp(path, "trigger", 7))
                next = json_object_get(json_object_get(cur, "body"), key);
            cur = next;
            first = false;
        } else if (*p == '[') {
            p++;
            long idx = 0;
            int digits = 0;
            while (isdigit((unsigned char)*p) && digits < 9) {
                idx = idx * 10 + (*p++ - '0');
                digits++;
            }
            if (*p != ']' || !digits)
                return NULL;
            p++;
            cur = json_is_array(cur) ? json_array_get(cur, (size_t)idx)
                                     : NULL;
        } else {
            return NULL;
        }
    }
    return cur;
}

static int put_value(struct buf *out, const json_t *v)
{
    if (json_is_string(v))
        return buf_append(out, json_string_value(v), json_string_length(v));
    if (json_is_integer(v))
        return buf_printf(out, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v)) {
        double d = json_real_value(v);
        if (d == floor(d) && fabs(d) < 9e15)
            return buf_printf(out, "%lld", (long long)d);
        return buf_printf(out, "%g", d);
    }
    if (json_is_true(v))
        return buf_puts(out, "true");
    if (json_is_false(v))
        return buf_puts(out, "false");
    if (json_is_array(v) || json_is_object(v)) {
        char *s = jx_dump(v);
        int rc = buf_puts(out, s);
        free(s);
        return rc;
    }
    return 0; /* null: nothing */
}

/* Length of the variable at text[i] ('@' included), 0 if none. */
static size_t var_len(const char *text, size_t i)
{
    if (text[i] != '@' || (i > 0 && (isalnum((unsigned char)text[i - 1]) ||
                                     text[i - 1] == '_')))
        return 0;
    size_t j = i + 1;
    while (text[j] && var_char(text[j]))
        j++;
    while (j > i + 1 && text[j - 1] == '.')
        j--;
    if (j == i + 1)
        return 0;
    /* Known roots only. */
    size_t rn = 0;
    while (i + 1 + rn < j && text[i + 1 + rn] != '.' && text[i + 1 + rn] != '[')
        rn++;
    for (const char *const *r = roots; *r; r++)
        if (strlen(*r) == rn && !strncmp(text + i + 1, *r, rn))
            return j - i;
    return 0;
}

bool vars_present(const char *text)
{
    for (size_t i = 0; text[i]; i++)
        if (var_len(text, i))
            return true;
    return false;
}

int vars_render(const struct vars *v, const char *text, struct buf *out,
                json_t *missing)
{
    size_t start = 0;
    for (size_t i = 0; text[i]; i++) {
        size_t n = var_len(text, i);
        if (!n)
            continue;
        if (buf_append(out, text + start, i - start) < 0)
            return -1;
        char path[256];
        size_t pn = n - 1 < sizeof path - 1 ? n - 1 : sizeof path - 1;
        memcpy(path, text + i + 1, pn);
        path[pn] = '\0';
        json_t *owned;
        const json_t *val = vars_lookup(v, path, &owned);
        if (!val || json_is_null(val)) {
            if (missing) {
                char name[260];
                snprintf(name, sizeof name, "@%s", path);
                json_array_append_new(missing, json_string(name));
            }
        } else if (put_value(out, val) < 0) {
            json_decref(owned);
            return -1;
        }
        json_decref(owned);
        i += n - 1;
        start = i + 1;
    }
    return buf_puts(out, text + start);
}

json_t *vars_value(const struct vars *v, const char *text)
{
    while (*text == ' ')
        text++;
    size_t n = var_len(text, 0);
    if (!n)
        return NULL;
    size_t rest = n;
    while (text[rest] == ' ')
        rest++;
    if (text[rest])
        return NULL;
    char path[256];
    size_t pn = n - 1 < sizeof path - 1 ? n - 1 : sizeof path - 1;
    memcpy(path, text + 1, pn);
    path[pn] = '\0';
    json_t *owned;
    const json_t *val = vars_lookup(v, path, &owned);
    json_t *r = val ? json_deep_copy(val) : json_null();
    json_decref(owned);
    return r;
}
