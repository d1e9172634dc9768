/* str: strict number parsing and string helpers; see str.h. */
#include "core/str.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/xalloc.h"

int str_parse_i64(const char *s, int64_t *out)
{
    if (!s || !*s || isspace((unsigned char)*s))
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end != '\0')
        return -1;
    *out = v;
    return 0;
}

int str_parse_double(const char *s, double *out)
{
    if (!s || !*s || isspace((unsigned char)*s))
        return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end != '\0' || !isfinite(v))
        return -1;
    /* strtod accepts hex floats, "inf" and "nan"; a person typed decimal. */
    for (const char *p = s; *p; p++)
        if (!strchr("0123456789+-.eE", *p))
            return -1;
    *out = v;
    return 0;
}

bool str_utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        /* Overlong forms, surrogates and out-of-range code points. */
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
            (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

bool str_eq_ci(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcasecmp(a, b) == 0;
}

bool str_starts_with_ci(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* ASCII letters folded to lower case, as strncasecmp() does in the C
 * locale (agentd never sets another), without a call per character. */
static inline unsigned char fold_ascii(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

const char *str_find_ci(const char *hay, const char *needle)
{
    const unsigned char *h = (const unsigned char *)hay;
    const unsigned char *n = (const unsigned char *)needle;
    if (!n[0])
        return hay;
    /* It runs once per row a search visits (agentd_contains in
     * store/sqlite.c): the first letter, in either case, is looked for
     * with one comparison per character of hay. */
    unsigned char first = fold_ascii(n[0]);
    unsigned char mask = first >= 'a' && first <= 'z' ? 0x20 : 0;
    for (; *h; h++) {
        if ((unsigned char)(*h | mask) != first)
            continue;
        size_t i = 1;
        while (n[i] && fold_ascii(h[i]) == fold_ascii(n[i]))
            i++;
        if (!n[i])
            return (const char *)h;
    }
    return NULL;
}

bool str_email_valid(const char *s)
{
    if (!s)
        return false;
    size_t n = strlen(s);
    if (n < 3 || n > 254)
        return false;
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@'))
        return false;
    const char *dot = strrchr(at, '.');
    if (!dot || dot == at + 1 || dot[1] == '\0')
        return false;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20 || c >= 0x7F || strchr("<>()[],;:\\\"", c))
            return false;
    }
    if (strstr(at, ".."))
        return false;
    return true;
}

bool str_all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

char *str_b64url_encode(const unsigned char *p, size_t n)
{
    size_t len = sodium_base64_encoded_len(
        n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = xmalloc(len);
    sodium_bin2base64(out, len, p, n,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

long str_b64url_decode(const char *s, unsigned char *out, size_t space)
{
    size_t got = 0;
    const char *end;
    if (sodium_base642bin(out, space, s, strlen(s), NULL, &got, &end,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        *end != '\0')
        return -1;
    return (long)got;
}

void str_copy(char *dst, size_t size, const char *src)
{
    size_t n = src ? strnlen(src, size - 1) : 0;
    memcpy(dst, src ? src : "", n);
    dst[n] = '\0';
}

void str_hex(const unsigned char *p, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[p[i] >> 4];
        out[2 * i + 1] = hex[p[i] & 15];
    }
    out[2 * n] = '\0';
}

/* The ASCII letters of a UTF-8 letter of Latin-1 (after C3): "ü" is
 * "u", "ß" "ss"; NULL for anything else. */
static const char *fold_c3(unsigned char c)
{
    static const char *const t[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i",
        "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u",
        "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a", "a", "a", "ae",
        "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o",
        "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y"};
    return c >= 0x80 && c <= 0xBF ? t[c - 0x80] : NULL;
}

int str_key_kind_of(const char *field)
{
    if (!field)
        return -1;
    if (field[0] == '@')
        field++;
    if (!strcmp(field, "contact.country") || !strcmp(field, "company.country"))
        return STR_KEY_COUNTRY;
    if (!strcmp(field, "contact.city"))
        return STR_KEY_CITY;
    if (!strcmp(field, "contact.source"))
        return STR_KEY_SOURCE;
    return -1;
}

const char *str_value_key(enum str_key_kind kind, const char *s, char *buf,
                          size_t n)
{
    /* Names that stand for one place: the first of each row is the key
     * (England is part of the United Kingdom, not another name for it). */
    static const char *const countries[][6] = {
        {"united states", "us", "usa", "united states of america",
         "america", NULL},
        {"united kingdom", "uk", "great britain", "britain", "gb", NULL},
        {"united arab emirates", "uae", NULL},
        {"netherlands", "the netherlands", "holland", NULL},
        {"czech republic", "czechia", NULL},
        {"south korea", "korea", "republic of korea", NULL},
        {"russia", "russian federation", NULL},
        {"germany", "deutschland", NULL},
    };
    static const char *const cities[][6] = {
        {"new york", "nyc", "new york city", NULL},
        {"san francisco", "sf", "san fran", NULL},
        {"los angeles", "la", NULL},
        {"munich", "munchen", NULL},
        {"cologne", "koln", NULL},
        {"vienna", "wien", NULL},
        {"prague", "praha", NULL},
        {"lisbon", "lisboa", NULL},
        {"rome", "roma", NULL},
        {"milan", "milano", NULL},
        {"copenhagen", "kobenhavn", NULL},
        {"bangalore", "bengaluru", NULL},
    };
    size_t k = 0;
    if (!n)
        return buf;
    while (*s == ' ')
        s++;
    for (const unsigned char *u = (const unsigned char *)s; *u && k + 1 < n;
         u++) {
        const char *f = *u == 0xC3 ? fold_c3(u[1]) : NULL;
        if (f) {
            for (; *f && k + 1 < n; f++)
                buf[k++] = *f;
            u++;
        } else if (*u != '.') {
            buf[k++] = (char)tolower(*u);
        }
    }
    while (k && buf[k - 1] == ' ')
        k--;
    buf[k] = '\0';
    if (kind == STR_KEY_SOURCE) {
        /* "trade shows", "webinars": the last word without its plural */
        if (k > 3 && buf[k - 1] == 's' && buf[k - 2] != 's')
            buf[k - 1] = '\0';
        return buf;
    }
    size_t rows = kind == STR_KEY_COUNTRY ? sizeof countries / sizeof *countries
                                          : sizeof cities / sizeof *cities;
    for (size_t r = 0; r < rows; r++) {
        const char *const *row =
            kind == STR_KEY_COUNTRY ? countries[r] : cities[r];
        for (int i = 1; row[i]; i++)
            if (!strcmp(buf, row[i])) {
                snprintf(buf, n, "%s", row[0]);
                return buf;
            }
    }
    return buf;
}
