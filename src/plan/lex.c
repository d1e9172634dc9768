/* lex: tokenizer for plain-language instructions; see lex.h. */
#include "plan/lex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "plan/lexicon.h"

/* Roots that make "a.b" a field path rather than a word with a period. */
static const char *const path_roots[] = {
    "contact", "contacts", "company", "deal", "memory", "steps", "search",
    "trigger", "form", "user", "customField", "customFields", "custom_field",
    "custom_fields", NULL};

/* True if the case-insensitive literal lit starts at src[i]; never reads
 * past len (the input is not NUL-terminated). */
static bool lit_at(const struct lex *lx, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    return i <= lx->len && lx->len - i >= n &&
           strncasecmp(lx->src + i, lit, n) == 0;
}

static bool is_word_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

static char *pool_add(struct lex *lx, const char *s, size_t n, bool lower)
{
    if (lx->pool_used + n + 1 > lx->pool_cap) {
        /* Earlier tokens point into the pool, so it never moves: a new
         * chunk would be needed. Sizing (lex_new) makes this impossible:
         * every byte of input is copied at most twice. */
        abort();
    }
    char *p = lx->pool + lx->pool_used;
    for (size_t i = 0; i < n; i++)
        p[i] = lower ? (char)tolower((unsigned char)s[i]) : s[i];
    p[n] = '\0';
    lx->pool_used += n + 1;
    return p;
}

static struct tok *push(struct lex *lx, enum tk kind, size_t start,
                        size_t end)
{
    if (lx->n == lx->cap) {
        /* Tokens hold pointers into the pool, never into this array, so
         * the array may move. There is at most one token per input byte
         * plus line ends and the end marker. */
        lx->cap *= 2;
        lx->toks = xrealloc(lx->toks, (size_t)lx->cap * sizeof *lx->toks);
    }
    struct tok *t = &lx->toks[lx->n++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    return t;
}

/* Whether s[0, n) is only emoji and pictographs ("🚀", "🔥", "✅", "👍🏽"):
 * decoration outside quotes, which says nothing to the parser. Letters of
 * any script are not (a city may be "北京"). */
static bool only_emoji(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = 0;
    while (k < n) {
        if (k + 3 < n && u[k] == 0xF0 && u[k + 1] == 0x9F)
            k += 4; /* U+1F000..U+1FFFF */
        else if (k + 2 < n && u[k] == 0xE2 && u[k + 1] >= 0x98 &&
                 u[k + 1] <= 0x9E)
            k += 3; /* U+2600..U+27BF, symbols and dingbats */
        else if (k + 2 < n && u[k] == 0xEF && u[k + 1] == 0xB8 &&
                 u[k + 2] == 0x8F)
            k += 3; /* variation selector-16 */
        else if (k + 2 < n && u[k] == 0xE2 && u[k + 1] == 0x80 &&
                 u[k + 2] == 0x8D)
            k += 3; /* zero width joiner */
        else
            return false;
    }
    return n > 0;
}

/* A contraction written without its apostrophe ("havent", "dont"): the
 * word as it is spelled with one, or NULL. */
static const char *with_apostrophe(const char *w)
{
    size_t n = strlen(w); /* (each ends in t or e: the rest at once) */
    if (n < 4 || (w[n - 1] != 't' && w[n - 1] != 'e'))
        return NULL;
    static const char *const forms[][2] = {
        {"havent", "haven't"},   {"hasnt", "hasn't"},   {"hadnt", "hadn't"},
        {"dont", "don't"},       {"doesnt", "doesn't"}, {"didnt", "didn't"},
        {"isnt", "isn't"},       {"arent", "aren't"},   {"wasnt", "wasn't"},
        {"werent", "weren't"},   {"wont", "won't"},     {"cant", "can't"},
        {"couldnt", "couldn't"}, {"shouldnt", "shouldn't"},
        {"wouldnt", "wouldn't"}, {"theyre", "they're"},
        {"theyve", "they've"}};
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++)
        if (!strcmp(w, forms[k][0]))
            return forms[k][1];
    return NULL;
}

/* The byte length of a UTF-8 quote character at s, or 0. Recognises
 * ' " and the curly quotes. */
static size_t quote_len(const char *s, size_t left, bool *single)
{
    unsigned char c = (unsigned char)s[0];
    /* (a backtick, as in Markdown's `Intro`, quotes as '"' does) */
    if (c == '\'' || c == '"' || c == '`') {
        *single = c == '\'';
        return 1;
    }
    if (left >= 2 && c == 0xC2 &&
        ((unsigned char)s[1] == 0xAB || (unsigned char)s[1] == 0xBB)) {
        *single = false; /* « » */
        return 2;
    }
    if (left >= 3 && c == 0xE2 && (unsigned char)s[1] == 0x80) {
        unsigned char d = (unsigned char)s[2];
        if (d == 0x98 || d == 0x99) { /* ‘ ’ */
            *single = true;
            return 3;
        }
        if (d == 0x9C || d == 0x9D) { /* “ ” */
            *single = false;
            return 3;
        }
    }
    return 0;
}

/* Finds the closing quote for a quoted string whose content starts at i.
 * A single quote closes only when what follows is not a letter or digit,
 * so that "let's" inside 'Hi, let's talk' does not end the string.
 * Quotes never span lines. Returns the index of the closing quote and its
 * byte length, or -1. */
static long find_close(const char *s, size_t len, size_t i, bool single,
                       size_t *qlen)
{
    for (; i < len && s[i] != '\n'; i++) {
        bool sq;
        size_t q = quote_len(s + i, len - i, &sq);
        if (!q || sq != single)
            continue;
        if (single) {
            size_t after = i + q;
            if (after < len && is_word_char((unsigned char)s[after]))
                continue;
        }
        *qlen = q;
        return (long)i;
    }
    return -1;
}

bool lex_path_root(const char *s, size_t n)
{
    for (const char *const *r = path_roots; *r; r++) {
        size_t k = strlen(*r);
        if (n > k + 1 && s[k] == '.' && strncasecmp(s, *r, k) == 0)
            return true;
    }
    return false;
}

/* The length of a date "YYYY-MM-DD" at s (not followed by a word
 * character), or 0. */
static size_t iso_date_len(const char *s, size_t n)
{
    static const char shape[] = "dddd-dd-dd";
    if (n < 10)
        return 0;
    for (size_t k = 0; k < 10; k++)
        if (shape[k] == 'd' ? !isdigit((unsigned char)s[k]) : s[k] != '-')
            return 0;
    if (n > 10 && is_word_char((unsigned char)s[10]))
        return 0;
    return 10;
}

/* Whether w (n bytes, with a dot) is a domain name such as "acme.com",
 * "www.acme.co.uk", "acme.io": lowercase labels after the first dot, the
 * last one a common top-level domain. "done.Then" (a sentence end without
 * a space) is none: its last part is no such domain, nor lowercase. */
static bool domain_word(const char *w, size_t n)
{
    static const char *const tlds[] = {
        "com", "org", "net", "io",   "co",  "ai",  "dev", "app", "edu", "gov",
        "de",  "uk",  "fr",  "ca",   "au",  "nl",  "es",  "eu",  "ch",  "se",
        "jp",  "info", "biz", "tech", "xyz", "cloud", "so", "sh", "gg", NULL};
    const char *last = NULL;
    for (const char *q = memchr(w, '.', n); q; ) {
        last = q + 1;
        size_t rest = (size_t)(w + n - last);
        if (!rest)
            return false;
        for (size_t k = 0; k < rest && last[k] != '.'; k++)
            if (!islower((unsigned char)last[k]) &&
                !isdigit((unsigned char)last[k]) && last[k] != '-')
                return false;
        q = memchr(last, '.', rest);
    }
    if (!last)
        return false;
    size_t tl = (size_t)(w + n - last);
    for (const char *const *t = tlds; *t; t++)
        if (strlen(*t) == tl && !memcmp(*t, last, tl))
            return true;
    return false;
}

/* Whether the digits at i, with letters glued on, go on past them:
 * "2024q1", "7e36f045", "3d-printing" are each one word (a tag, a code, a
 * title), not a number and a word. "48h", "5days", "9am-5pm" and "3-day"
 * stay numbers. */
static bool digit_word_at(const char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && isdigit((unsigned char)s[j]))
        j++;
    size_t k = j;
    while (k < len && isalpha((unsigned char)s[k]))
        k++;
    if (k == j)
        return false;
    /* "8259463a", "0063474b", "18adcbdd": letters no number takes, or
     * digits with a leading zero, make a code. A number takes a multiple
     * (50k, 1.5m, 2bn: num_scale), a clock's am/pm, an ordinal's st/nd/
     * rd/th, or a unit of lex_units (48h, 5days). */
    if (k >= len || (!is_word_char((unsigned char)s[k]) && s[k] != '-' &&
                     s[k] != '.' && (unsigned char)s[k] < 0x80)) {
        static const char *const suffixes[] = {
            "k", "m", "mm", "mil", "b", "bn", "am", "pm", "st", "nd", "rd",
            "th", NULL};
        if (s[i] == '0' && j - i > 1)
            return true;
        for (const char *const *x = suffixes; *x; x++)
            if (strlen(*x) == k - j && !strncasecmp(*x, s + j, k - j))
                return false;
        for (const struct lex_unit *u = lex_units; u->word; u++) /* 5days */
            if (strlen(u->word) == k - j && !strncasecmp(u->word, s + j, k - j))
                return false;
        return true;
    }
    if (k >= len)
        return false;
    unsigned char d = (unsigned char)s[k];
    if (isdigit(d) || d == '_' || d >= 0x80)
        return true;
    if (d == '.') { /* "1password.com", a domain ("5days." ends a sentence) */
        size_t e = k;
        while (e < len && (isalnum((unsigned char)s[e]) || s[e] == '-' ||
                           (s[e] == '.' && e + 1 < len &&
                            isalnum((unsigned char)s[e + 1]))))
            e++;
        return domain_word(s + i, e - i);
    }
    return d == '-' && k + 1 < len && isalpha((unsigned char)s[k + 1]);
}

/* The bytes of a currency sign at i ($, €, £, ¥), 0 if none. */
static size_t currency_len(const char *s, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (s[i] == '$')
        return 1;
    if (i + 2 < len && u[0] == 0xE2 && u[1] == 0x82 && u[2] == 0xAC)
        return 3; /* € */
    if (i + 1 < len && u[0] == 0xC2 && (u[1] == 0xA3 || u[1] == 0xA5))
        return 2; /* £ ¥ */
    return 0;
}

/* Numbers: $1,500.50 €50k 1.5M 48h 10% 3-day. */
static size_t lex_number(struct lex *lx, size_t i)
{
    const char *s = lx->src;
    size_t len = lx->len, start = i;
    bool money = false;
    size_t cur = currency_len(s, len, i);
    if (cur) {
        money = true;
        i += cur;
    }
    double v = 0;
    size_t digits = 0;
    while (i < len) {
        if (isdigit((unsigned char)s[i])) {
            v = v * 10 + (s[i] - '0');
            digits++;
            i++;
        } else if (s[i] == ',' && digits && i + 3 < len &&
                   isdigit((unsigned char)s[i + 1]) &&
                   isdigit((unsigned char)s[i + 2]) &&
                   isdigit((unsigned char)s[i + 3]) &&
                   (i + 4 >= len || !isdigit((unsigned char)s[i + 4]))) {
            i++; /* a thousands separator: exactly three digits follow */
        } else {
            break;
        }
    }
    if (i + 1 < len && s[i] == '.' && isdigit((unsigned char)s[i + 1])) {
        double scale = 0.1;
        i++;
        while (i < len && isdigit((unsigned char)s[i])) {
            v += (s[i] - '0') * scale;
            scale /= 10;
            i++;
        }
    }
    char suffix[4] = {0};
    size_t sn = 0;
    bool upper_m = false;
    /* A short alphabetic suffix glued to the number: k, m, M, bn, h, d,
     * w, s, min, hr, %. Longer glued words are left as words. */
    size_t j = i;
    while (j < len && isalpha((unsigned char)s[j]) && j - i < 4)
        j++;
    if (j > i && j - i <= 3 && (j >= len || !is_word_char((unsigned char)s[j]))) {
        for (size_t k = i; k < j; k++)
            suffix[sn++] = (char)tolower((unsigned char)s[k]);
        upper_m = s[i] == 'M';
        i = j;
    } else if (i < len && s[i] == '%') {
        suffix[sn++] = '%';
        i++;
    }
    struct tok *t = push(lx, TK_NUM, start, i);
    t->num = v;
    t->money = money;
    t->upper_m = upper_m;
    memcpy(t->suffix, suffix, sizeof suffix);
    t->text = pool_add(lx, s + start, i - start, true);
    t->raw = t->text;
    return i;
}

struct lex *lex_new(const char *src, size_t len, size_t max_len)
{
    if (len > max_len)
        return NULL;
    struct lex *lx = xcalloc(1, sizeof *lx);
    lx->src = src;
    lx->len = len;
    lx->cap = (int)(len / 4) + 16;
    lx->toks = xmalloc((size_t)lx->cap * sizeof *lx->toks);
    lx->pool_cap = 2 * len + 2 * (len + 2) + 16;
    lx->pool = xmalloc(lx->pool_cap);

    size_t i = 0;
    bool bol = true;
    uint16_t indent = 0;
    int next_mark = 1;       /* expected number of the next list item */
    bool list_seen = false;  /* a "1." opened a numbered list */
    bool dash_seen = false;  /* a "- " opened the text's first line */
    bool one_line = memchr(src, '\n', len) == NULL;
    while (i < len) {
        unsigned char c = (unsigned char)src[i];
        if (c == '\r') {
            i++;
            continue;
        }
        if (c == '\n') {
            if (lx->n && lx->toks[lx->n - 1].kind != TK_NL)
            {
                struct tok *t = push(lx, TK_NL, i, i + 1);
                t->text = "\n";
                t->raw = t->text;
            }
            i++;
            bol = true;
            indent = 0;
            while (i < len && (src[i] == ' ' || src[i] == '\t')) {
                indent = (uint16_t)(indent + (src[i] == '\t' ? 4 : 1));
                i++;
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
            if (bol && lx->n == 0)
                indent = (uint16_t)(indent + 1);
            i++;
            continue;
        }
        int before = lx->n;
        size_t start = i;

        /* List markers: "1." "2)" at a line start, or the next number of
         * a list already open anywhere; "-", "*", "•" at a line start. */
        if (isdigit((unsigned char)c)) {
            size_t j = i;
            int num = 0;
            while (j < len && isdigit((unsigned char)src[j]) && j - i < 3)
                num = num * 10 + (src[j++] - '0');
            bool after_space = i == 0 || src[i - 1] == ' ' ||
                               src[i - 1] == '\t' || src[i - 1] == '\n';
            /* "Every Monday: 1) find ... 2) send ...": a list may open
             * after a colon too */
            size_t b = i;
            while (b > 0 && (src[b - 1] == ' ' || src[b - 1] == '\t'))
                b--;
            bool after_colon = b > 0 && src[b - 1] == ':';
            if (j < len && (src[j] == '.' || src[j] == ')') &&
                (j + 1 >= len || src[j + 1] == ' ' || src[j + 1] == '\t') &&
                after_space &&
                (((bol || after_colon) && (num == 1 || list_seen)) ||
                 (list_seen && num == next_mark))) {
                struct tok *mk = push(lx, TK_MARK, i, j + 1);
                mk->text = "#";
                mk->raw = mk->text;
                list_seen = true;
                next_mark = num + 1;
                i = j + 1;
                goto next;
            }
        }
        /* (" - " inside the line, in a text of one line that opened with
         * a dash: "- Find leads in Berlin - Tag them 'b' - Notify me:
         * done"; a list of lines keeps a dash in a line's words) */
        bool inner_dash = dash_seen && one_line && c == '-' && i > 0 &&
                          src[i - 1] == ' ';
        /* "**Steps:**", "__Goal__": markdown's bold says nothing */
        if ((c == '*' || c == '_') && i + 1 < len && src[i + 1] == c) {
            while (i < len && (unsigned char)src[i] == c)
                i++;
            goto next;
        }
        if ((bol || inner_dash) && (c == '-' || c == '*') && i + 1 < len &&
            src[i + 1] == ' ') {
            dash_seen = dash_seen || lx->n == 0;
            struct tok *mk = push(lx, TK_MARK, i, i + 1);
            mk->text = "-";
            mk->raw = mk->text;
            i++;
            goto next;
        }
        if (bol && i + 3 < len && c == 0xE2 && (unsigned char)src[i + 1] == 0x80 &&
            (unsigned char)src[i + 2] == 0xA2) {
            struct tok *mk = push(lx, TK_MARK, i, i + 3);
            mk->text = "-";
            mk->raw = mk->text;
            i += 3;
            goto next;
        }

        /* Quoted text. 'em is the word "them", not a quote. */
        bool single;
        size_t q = quote_len(src + i, len - i, &single);
        if (q) {
            bool opener = i == 0 || !is_word_char((unsigned char)src[i - 1]);
            if (single && opener && lit_at(lx, i + q, "em") &&
                (i + q + 2 >= len ||
                 !is_word_char((unsigned char)src[i + q + 2]))) {
                struct tok *t = push(lx, TK_WORD, i, i + q + 2);
                t->text = "'em";
                t->raw = t->text;
                i += q + 2;
                goto next;
            }
            size_t cq = 0;
            long close = opener ? find_close(src, len, i + q, single, &cq)
                                : -1;
            if (close >= 0) {
                struct tok *t = push(lx, TK_QUOTED, i, (size_t)close + cq);
                t->text = pool_add(lx, src + i + q, (size_t)close - i - q,
                                   false);
                t->raw = t->text;
                i = (size_t)close + cq;
                goto next;
            }
            if (opener && !single) {
                /* An opening double quote with no end: the parser says so. */
                size_t end = i + q;
                while (end < len && src[end] != '\n')
                    end++;
                struct tok *t = push(lx, TK_QUOTED, i, end);
                t->text = pool_add(lx, src + i + q, end - i - q, false);
                t->raw = t->text;
                t->unterminated = true;
                i = end;
                goto next;
            }
            /* An apostrophe that is not a quote: part of the next word,
             * or punctuation. */
            struct tok *t = push(lx, TK_PUNCT, i, i + q);
            t->text = "'";
            t->raw = t->text;
            i += q;
            goto next;
        }

        if (c == '@' && i + 1 < len &&
            (isalpha((unsigned char)src[i + 1]) || src[i + 1] == '_')) {
            size_t j = i + 1;
            while (j < len && (is_word_char((unsigned char)src[j]) ||
                               src[j] == '.' || src[j] == '[' ||
                               src[j] == ']'))
                j++;
            while (j > i + 1 && src[j - 1] == '.')
                j--;
            struct tok *t = push(lx, TK_VAR, i, j);
            t->raw = pool_add(lx, src + i, j - i, false);
            t->text = pool_add(lx, src + i, j - i, true);
            i = j;
            goto next;
        }
        if (c == '#' && i + 1 < len &&
            (isalnum((unsigned char)src[i + 1]) || src[i + 1] == '_')) {
            size_t j = i + 1;
            while (j < len && (is_word_char((unsigned char)src[j]) ||
                               src[j] == '-'))
                j++;
            struct tok *t = push(lx, TK_CHANNEL, i, j);
            t->raw = pool_add(lx, src + i, j - i, false);
            t->text = t->raw;
            i = j;
            goto next;
        }
        if (strchr("=!<>", (int)c) && c) {
            const char *op = NULL;
            size_t n = 1;
            if (i + 1 < len && src[i + 1] == '=') {
                n = 2;
                op = c == '=' ? "==" : c == '!' ? "!=" : c == '<' ? "<=" : ">=";
            } else if (c == '<' && i + 1 < len && src[i + 1] == '>') {
                n = 2;
                op = "!=";
            } else if (c == '=') {
                op = "==";
            } else if (c == '<' || c == '>') {
                op = c == '<' ? "<" : ">";
            }
            if (op) {
                struct tok *t = push(lx, TK_OP, i, i + n);
                t->text = op;
                t->raw = op;
                i += n;
                goto next;
            }
        }
        size_t dl = iso_date_len(src + i, len - i);
        if (dl) {
            /* "created after 2026-01-01": a date, a value as if quoted */
            struct tok *t = push(lx, TK_QUOTED, i, i + dl);
            t->text = pool_add(lx, src + i, dl, false);
            t->raw = t->text;
            i += dl;
            goto next;
        }
        size_t cl = c == '$' || (unsigned char)c >= 0xC2
                        ? currency_len(src, len, i)
                        : 0;
        if ((isdigit((unsigned char)c) && !digit_word_at(src, len, i)) ||
            (cl && i + cl < len && isdigit((unsigned char)src[i + cl]))) {
            i = lex_number(lx, i);
            goto next;
        }
        if (lit_at(lx, i, "http://") || lit_at(lx, i, "https://")) {
            size_t j = i;
            while (j < len && !isspace((unsigned char)src[j]))
                j++;
            while (j > i && src[j - 1] && strchr(".,;:)!?'\"", src[j - 1]))
                j--;
            struct tok *t = push(lx, TK_URL, i, j);
            t->raw = pool_add(lx, src + i, j - i, false);
            t->text = t->raw;
            i = j;
            goto next;
        }
        if (c == '.' && (i == 0 || isspace((unsigned char)src[i - 1])) &&
            i + 1 < len && islower((unsigned char)src[i + 1])) {
            /* ".edu", ".co.uk" after a space: a top-level domain, one
             * word ("emails ending in .edu"); a sentence's period has a
             * space after it, not a lowercase word */
            size_t j = i + 1;
            while (j < len && (islower((unsigned char)src[j]) ||
                               (src[j] == '.' && j + 1 < len &&
                                islower((unsigned char)src[j + 1]))))
                j++;
            if ((j >= len || !is_word_char((unsigned char)src[j])) &&
                domain_word(src + i, j - i)) {
                struct tok *t = push(lx, TK_WORD, i, j);
                t->raw = pool_add(lx, src + i, j - i, false);
                t->text = pool_add(lx, t->raw, j - i, true);
                i = j;
                goto next;
            }
        }
        if (is_word_char(c)) {
            size_t j = i;
            /* Words take letters, digits, _ and inner - ' . @ (for
             * co-founder, haven't, contact.title, jane@acme.com). */
            while (j < len) {
                unsigned char d = (unsigned char)src[j];
                if (is_word_char(d)) {
                    j++;
                    continue;
                }
                bool inner = j + 1 < len &&
                             is_word_char((unsigned char)src[j + 1]);
                if ((d == '-' || d == '\'' || d == '.' || d == '@') && inner) {
                    j++;
                    continue;
                }
                /* A curly apostrophe inside a word: don’t */
                if (d == 0xE2 && j + 3 < len &&
                    (unsigned char)src[j + 1] == 0x80 &&
                    (unsigned char)src[j + 2] == 0x99 &&
                    is_word_char((unsigned char)src[j + 3])) {
                    j += 3;
                    continue;
                }
                break;
            }
            const char *w = src + i;
            size_t n = j - i;
            if (c >= 0xE2 && only_emoji(w, n)) { /* "... Berlin 🚀" */
                i = j;
                goto next;
            }
            const char *at = memchr(w, '@', n);
            const char *dot = memchr(w, '.', n);
            enum tk kind = TK_WORD;
            if (at && at > w && memchr(at, '.', (size_t)(w + n - at)))
                kind = TK_EMAIL;
            else if (dot && lex_path_root(w, n))
                kind = TK_PATH;
            else if (dot && !domain_word(w, n)) {
                /* A period inside an ordinary word is a sentence end
                 * without a space ("done.Then"); keep the first part. */
                n = (size_t)(dot - w);
                j = i + n;
            }
            struct tok *t = push(lx, kind, i, j);
            t->raw = pool_add(lx, w, n, false);
            /* Relative times glued to now/today: now-7d, today+1d. */
            if (kind == TK_WORD && (n == 3 || n == 5) && j < len &&
                (src[j] == '-' || src[j] == '+') &&
                (strncasecmp(w, "now", n) == 0 ||
                 strncasecmp(w, "today", n) == 0)) {
                size_t k = j + 1;
                while (k < len && isdigit((unsigned char)src[k]))
                    k++;
                if (k > j + 1 && k < len && src[k] &&
                    strchr("smhdwSMHDW", src[k]) &&
                    (k + 1 >= len || !is_word_char((unsigned char)src[k + 1]))) {
                    j = k + 1;
                    t->end = (uint32_t)j;
                    t->raw = pool_add(lx, w, j - i, false);
                    n = j - i;
                }
            }
            t->text = pool_add(lx, t->raw, n, true);
            const char *full = with_apostrophe(t->text);
            if (full) /* "if they havent replied" */
                t->text = pool_add(lx, full, strlen(full), false);
            /* Normalise the curly apostrophe to a plain one. */
            char *wt = (char *)t->text;
            for (char *p = wt; *p; p++) {
                if ((unsigned char)p[0] == 0xE2 &&
                    (unsigned char)p[1] == 0x80 &&
                    (unsigned char)p[2] == 0x99) {
                    p[0] = '\'';
                    memmove(p + 1, p + 3, strlen(p + 3) + 1);
                }
            }
            i = j;
            goto next;
        }
        {
            /* Punctuation and anything else, one UTF-8 character. */
            size_t n = 1;
            if (c >= 0xC0)
                while (i + n < len &&
                       ((unsigned char)src[i + n] & 0xC0) == 0x80 && n < 4)
                    n++;
            if (c == '.' && i + 2 < len && src[i + 1] == '.' &&
                src[i + 2] == '.')
                n = 3; /* an ellipsis counts as one period */
            struct tok *t = push(lx, TK_PUNCT, i, i + n);
            t->text = n == 3 && c == '.' ? "." : pool_add(lx, src + i, n, false);
            t->raw = t->text;
            i += n;
        }
    next:
        if (lx->n > before) {
            struct tok *t = &lx->toks[before];
            t->bol = bol;
            t->indent = indent;
            bol = false;
            (void)start;
        }
    }
    struct tok *e = push(lx, TK_EOF, len, len);
    e->text = "";
    e->raw = "";
    e->bol = true;
    return lx;
}

/* Whether a (na bytes) is b (nb) with one edit: a letter more, less or
 * changed, or two neighbours swapped; with `small`, only a swap or a
 * doubled letter more. */
static bool one_edit(const char *a, size_t na, const char *b, size_t nb,
                     bool small)
{
    size_t i = 0;
    while (i < na && i < nb && a[i] == b[i])
        i++;
    if (na == nb) {
        if (i == na)
            return false;
        if (i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
            !memcmp(a + i + 2, b + i + 2, na - i - 2))
            return true; /* "teh" */
        return !small && !memcmp(a + i + 1, b + i + 1, na - i - 1);
    }
    if (na == nb + 1) /* "tagg", "contacts" with a letter more */
        return !memcmp(a + i + 1, b + i, nb - i) &&
               (!small || (i > 0 && a[i] == a[i - 1]));
    if (nb == na + 1) /* "taged" */
        return !small && !memcmp(a + i, b + i + 1, na - i);
    return false;
}

/* Whether w (n bytes) is word with an ending ("tags", "contacts"), or
 * word without its plural s ("contact" for "contacts"). */
static bool inflected(const char *w, size_t n, const char *word)
{
    size_t k = strlen(word);
    static const char *const endings[] = {"s", "es", "ing", "er", "ers",
                                          "ly", NULL};
    if (n > k && !strncmp(w, word, k))
        for (int e = 0; endings[e]; e++)
            if (!strcmp(w + k, endings[e]))
                return true;
    return n + 1 == k && word[k - 1] == 's' && !strncmp(w, word, n);
}

int lex_fix_typos(struct lex *lx, const char *const *words)
{
    int fixed = 0;
    for (int j = 0; j < lx->n; j++) {
        struct tok *t = &lx->toks[j];
        size_t n = t->kind == TK_WORD ? strlen(t->text) : 0;
        if (n < 3)
            continue;
        const char *best = NULL;
        bool known = false, two = false;
        for (const char *const *w = words; *w && !known; w++) {
            size_t k = strlen(*w);
            if (!strcmp(t->text, *w) || inflected(t->text, n, *w))
                known = true;
            else if (one_edit(t->text, n, *w, k, n <= 4 || k <= 4)) {
                /* "contacs": contacts or contact — the longer, when one
                 * is the other with an ending */
                if (!best || inflected(*w, k, best))
                    best = best && strlen(best) > k ? best : *w;
                else if (!inflected(best, strlen(best), *w))
                    two = true;
            }
        }
        if (!known && !two && best) {
            t->text = best;
            fixed++;
        }
    }
    return fixed;
}

size_t lex_bytes(const struct lex *lx)
{
    return sizeof *lx + (size_t)lx->cap * sizeof *lx->toks + lx->pool_cap;
}

void lex_free(struct lex *lx)
{
    if (!lx)
        return;
    free(lx->toks);
    free(lx->pool);
    free(lx);
}
