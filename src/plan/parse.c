/*
 * parse: the grammar of instructions; see parse.h.
 *
 * Structure
 *   program  := steps                      (separated by . ; newlines,
 *                                           list markers, commas, "and",
 *                                           "then", "before")
 *   step     := if | action
 *   if       := "if" cond [","|"then"|":"] block [else-part]
 *   block    := "(" steps ")" | indented lines | steps up to the end of
 *               the sentence or an "else"
 *   cond     := and-conditions joined by "or"; "not", parentheses
 *   action   := one of the step parsers below, each a verb phrase from
 *               lexicon.c followed by its slots ("using template 'X'",
 *               "with note: ...", "due in 2 days") in any order
 *
 * Every parse function either consumes tokens and returns success, or
 * returns failure having consumed nothing (callers restore `i`), and
 * records how far it got (`far`, `why`) so that a failed parse can name the
 * words it could not understand. Recursion is bounded (MAX_DEPTH).
 */
#include "plan/parse.h"
#include "core/clock.h"

#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/jsonx.h"
#include "core/str.h"
#include "core/tz.h"
#include "plan/lex.h"
#include "plan/lexicon.h"
#include "plan/validate.h"

#define MAX_DEPTH 40

enum scope { SC_CONTACT, SC_DEAL };
enum mode { M_TOP, M_INLINE, M_INDENT, M_PAREN };
enum cctx { C_IF, C_WHERE };

struct parser {
    const char *src; /* len bytes, not NUL-terminated */
    size_t len;
    const struct tok *t;
    int n;
    int i;
    int depth;
    int paren; /* open "( ... )" blocks of steps */
    int far;
    const char *why;
    bool firm; /* why came from refuse() */
    int span;  /* why is about the span tokens before far (else: far on) */
    enum scope scope;
    int64_t pending_wait;
    /* reading an if's condition (if_condition): "stuck in Proposal for
     * 10 days" of the deal that just moved is a wait, then the check */
    bool if_cond;
    json_t *tail_trigger; /* "... for each new contact" at the end */
    bool lead;            /* the instructions open with a trigger */
    bool second;          /* a trigger read after one was already named */
    /* the deal stage a mid_trigger named: the step that read it goes
     * inside an if on it, as after a leading stage trigger */
    json_t *mid_cond;
    /* "If they are tagged 'dnc', skip them", "Skip contacts without an
     * email": the records skipped; the steps after the one that read it
     * are for the others (parse_steps) */
    json_t *skip_cond;
    /* the steps the others take first, when the skip came with an
     * otherwise ("If they replied, stop, otherwise send 'A'") */
    json_t *skip_lead;
    /* a form trigger's conditions are being read: "the budget" is the
     * submitted form's field (leaf_generic) */
    bool form_fields;
    /* "If the deal is in Proposal and is worth over 20k": the subject the
     * words after "and" leave out, 'd' (the deal) or 'c' (the contact);
     * 0 when none is */
    char elided;
    /* "If the size is over 1000, ...; if between 100 and 1000, ...": the
     * one field the last if tested, which a condition that begins with
     * its comparison is about ("" when it tested none or several) */
    char case_field[64];
    /* "For each contact tagged 'x' send ...", "after 2 days send ...",
     * "if approved, send ...": the step just read opens onto the next one
     * with no separator before its verb. */
    bool each_open;
    /* Borrowed: the steps read so far at the top, and the trigger that
     * opened the instructions. Together they say whether a step's
     * contacts are already chosen (set_in_scope). */
    json_t *root;
    const json_t *opened_by;
    /* "... after sending template 'X'": the token whose -ing form a
     * step's verb may take (0: none; token 0 never follows "after") */
    int gerund_at;
    /* act_search reads records with no verb before them: "the number of
     * new leads" (count_text) */
    bool counting;
    /* "Count the deals won this week and post it to #wins": the count
     * as a text ("@steps.1.output.count deals won this week") and the
     * search step it counts, which "it", "the count" or "the number"
     * after it name (count_said_at) */
    char count_said[256];
    const json_t *count_of;
    /* the step an if runs, while its else is read: "..., otherwise
     * 'cold'" is that step with another value (parse_else) */
    const json_t *else_of;
    /* act_update reads a field and its value with no verb before them:
     * "... and their lead score to 60" (act_next_field) */
    bool set_said;
    /* the day of the last "Day 3:" label of a cadence (-1: none yet) */
    int day;
    /* leaf_deal_move is reading the conditions of the deal that moves */
    bool moving;
    /* conditions tried so far (cond_leaf), against PARSE_MAX_LEAVES */
    long leaves;
    /* a delay read among the words of the step just read ("follow up in
     * 3 days with template 'Bump'"), in seconds: parse_step waits first */
    int64_t mid_delay;
    /* "Send 'A' now, 'B' in 3 days and 'C' in a week": the time from the
     * start that the last "in N" after a step said (seconds; 0: none),
     * from which the next "in N" counts (C waits 4 days after B) */
    int64_t in_at;
};

/* At most this many conditions are tried in one text: 50 times what long
 * instructions need (1,000 for 17,600 characters of searches with three
 * conditions each), and about a tenth of a second's work. */
#define PARSE_MAX_LEAVES 50000

/* ---- tokens and phrases --------------------------------------------- */

static const struct tok *at(const struct parser *p, int k)
{
    int j = p->i + k;
    if (j < 0)
        j = 0;
    return &p->t[j < p->n ? j : p->n - 1];
}

static const struct tok *cur(const struct parser *p)
{
    return at(p, 0);
}

static bool is_word(const struct tok *t, const char *w)
{
    return t->kind == TK_WORD && strcmp(t->text, w) == 0;
}

static bool is_punct(const struct tok *t, const char *c)
{
    return t->kind == TK_PUNCT && strcmp(t->text, c) == 0;
}

static void fail(struct parser *p, const char *why)
{
    if (p->i > p->far || (p->i == p->far && !p->firm)) {
        p->far = p->i;
        p->why = why;
        p->firm = false;
        p->span = 0;
    }
}

/* A failure that says what agentd does not do ("a deal is created" is no
 * event it has): kept over the other readings' failures at the same
 * words, which would only say what was expected there. */
static void refuse(struct parser *p, const char *why)
{
    if (p->i >= p->far) {
        p->far = p->i;
        p->why = why;
        p->firm = true;
        p->span = 0;
    }
}

/* The failures that only say what was expected where reading stopped
 * (a reason that says more is kept over them: parse_if). */
static const char no_value_why[] = "expected a value";
static const char no_comparison_why[] =
    "expected a comparison such as 'is', 'contains', '>'";
static const char no_condition_why[] = "expected a condition";

/* Said where the words name an event agentd has no trigger for. */
static const char no_event_why[] =
    "agentd starts runs when a contact is created, a deal's stage changes, "
    "a form is submitted or a webhook is called (or on a schedule); this "
    "event is not one of them";

/* A refusal of the words read from token `from` to the position: kept
 * over the failures of readings that stopped inside them (the words were
 * understood; what they ask for is what agentd does not do), and
 * reported as those words. */
static void refuse_read(struct parser *p, int from, const char *why)
{
    if (p->i >= p->far && p->i > from) {
        refuse(p, why);
        p->span = p->i - from;
    }
}

/* refuse_read of the words from token `from` to token `to`, the position
 * kept. */
static void refuse_words(struct parser *p, int from, int to, const char *why)
{
    int back = p->i;
    p->i = to;
    refuse_read(p, from, why);
    p->i = back;
}

/* Gives up an action tried at `save`: the parameters built so far go, the
 * position goes back, and `why` (if any) is reported as the failure at
 * the point reached. Returns false, for the caller to return. */
static bool back_out(struct parser *p, int save, json_t *params,
                     const char *why)
{
    if (why)
        fail(p, why);
    json_decref(params);
    p->i = save;
    return false;
}

/* Where the parser is and what it would report: taken before a reading
 * that may be given up (a look ahead, a trigger tried among the steps)
 * and put back when it is. */
struct mark {
    int i, far, span;
    const char *why;
    bool firm;
};

static struct mark mark_take(const struct parser *p)
{
    return (struct mark){.i = p->i, .far = p->far, .span = p->span,
                         .why = p->why, .firm = p->firm};
}

static void mark_back(struct parser *p, struct mark m)
{
    p->i = m.i;
    p->far = m.far;
    p->span = m.span;
    p->why = m.why;
    p->firm = m.firm;
}

/* Tokens matched by a phrase of space-separated words at offset k, or 0.
 * Compares character by character so that the common case, a phrase whose
 * first letter already differs, costs almost nothing: vocabulary tables
 * are scanned many times per parse. */
static int phrase_at(const struct parser *p, int k, const char *phrase)
{
    int m = 0;
    const char *s = phrase;
    while (*s) {
        const struct tok *t = at(p, k + m);
        if (t->kind != TK_WORD && t->kind != TK_OP)
            return 0;
        const char *w = t->text;
        while (*s && *s != ' ' && *s == *w) {
            s++;
            w++;
        }
        if (*w != '\0' || (*s != '\0' && *s != ' '))
            return 0;
        m++;
        if (*s == ' ')
            s++;
    }
    return m;
}

/* The first character the token at offset k can match (0 if none): the
 * vocabulary loops skip every phrase that starts with another letter
 * before calling phrase_at(). */
static char first_char(const struct parser *p, int k)
{
    const struct tok *t = at(p, k);
    return (t->kind == TK_WORD || t->kind == TK_OP) ? t->text[0] : 0;
}

/*
 * Longest phrase of a table matching at offset k; *which = its row. The
 * phrases are `stride` bytes apart from `first` (a list of strings, or one
 * member of an array of structs such as lex_zones), up to a NULL one.
 */
static int rows_at(const struct parser *p, int k, const char *const *first,
                   size_t stride, int *which)
{
    int best = 0;
    char c0 = first_char(p, k);
    if (!c0)
        return 0;
    const char *row = (const char *)first;
    for (int j = 0;; j++, row += stride) {
        const char *phrase = *(const char *const *)row;
        if (!phrase)
            break;
        if (phrase[0] != c0)
            continue;
        int m = phrase_at(p, k, phrase);
        if (m > best) {
            best = m;
            if (which)
                *which = j;
        }
    }
    return best;
}

/* Longest phrase of list matching at offset k; *which = its index. */
static int list_at(const struct parser *p, int k, const char *const *list,
                   int *which)
{
    return rows_at(p, k, list, sizeof *list, which);
}

#define TABLE_AT(p, table, which)                                            \
    rows_at((p), 0, &(table)[0].words, sizeof(table)[0], (which))

static bool accept(struct parser *p, const char *phrase)
{
    int m = phrase_at(p, 0, phrase);
    p->i += m;
    return m > 0;
}

static int accept_list(struct parser *p, const char *const *list)
{
    int which = -1;
    int m = list_at(p, 0, list, &which);
    p->i += m;
    return m ? which : -1;
}

static bool accept_punct(struct parser *p, const char *c)
{
    if (is_punct(cur(p), c)) {
        p->i++;
        return true;
    }
    return false;
}

/* Whether one of words is among the next n tokens: a cheap test before
 * a reading that every condition or step would otherwise try. */
static bool word_within(const struct parser *p, int n,
                        const char *const *words)
{
    for (int k = 0; k < n; k++) {
        const struct tok *t = at(p, k);
        if (t->kind == TK_EOF)
            return false;
        for (int j = 0; words[j]; j++)
            if (is_word(t, words[j]))
                return true;
    }
    return false;
}

/* Skips "the", "a", "an". */
static void skip_articles(struct parser *p)
{
    while (is_word(cur(p), "the") || is_word(cur(p), "a") ||
           is_word(cur(p), "an"))
        p->i++;
}

/* Words that never stand alone as values or names. */
static const char *const reserved[] = {
    "and", "or", "then", "else", "otherwise", "if", "not", "but", "with",
    "where", "whose", "that", "to", "the", "a", "an", "of", "in", "on",
    "for", "is", "are", "was", "before", "after", "when", "using", "from",
    "by", "as", "based", "located", "headquartered", NULL};

static bool is_reserved(const struct tok *t)
{
    if (t->kind != TK_WORD)
        return false;
    /* (the first letters compared before the call: this runs at most
     * words) */
    for (const char *const *r = reserved; *r; r++)
        if ((*r)[0] == t->text[0] && strcmp(t->text, *r) == 0)
            return true;
    return false;
}

/* ---- JSON helpers --------------------------------------------------- */

static json_t *step_new(const char *type, json_t *params)
{
    return json_pack("{s:s, s:o}", "type", type, "params",
                     params ? params : json_object());
}

/* The last step of out when it is of that type, else NULL (borrowed):
 * words that continue it ("Assign task to @user.x", "then agent 'B'"). */
static json_t *last_step(json_t *out, const char *type)
{
    json_t *last = json_array_get(out, json_array_size(out) - 1);
    const char *lt = json_string_value(json_object_get(last, "type"));
    return lt && !strcmp(lt, type) ? last : NULL;
}

static json_t *wait_step(int64_t seconds)
{
    return step_new("wait",
                    json_pack("{s:I}", "seconds", (json_int_t)seconds));
}

static json_t *leaf(const char *field, const char *op, json_t *value)
{
    json_t *c = json_pack("{s:s, s:s}", "field", field, "operator", op);
    if (value)
        json_object_set_new(c, "value", value);
    return c;
}

static json_t *combine(const char *kw, json_t *a, json_t *b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    json_t *list = json_object_get(a, kw);
    if (!list || json_object_size(a) != 1) {
        list = json_array();
        json_array_append_new(list, a);
        a = json_pack("{s:o}", kw, list);
    }
    /* "x and (y and z)" is one list: x, y, z. */
    json_t *more = json_object_get(b, kw);
    if (more && json_object_size(b) == 1) {
        json_array_extend(list, more);
        json_decref(b);
    } else {
        json_array_append_new(list, b);
    }
    return a;
}

/* first, then "or <next>" for as long as `next` reads one (position kept
 * before an "or" it does not read): "tagged 'a' or 'b'", "in Germany or
 * France". With `commas`, items of a list that an "or" ends may also be
 * joined by commas: "in Berlin, Munich or Hamburg", "Lead, MQL, or
 * Prospect" (a comma alone ends the list: "in Berlin, tag them").
 * Takes first (may be NULL). */
static const struct lex_op *op_at(struct parser *p, int *len);

/* Whether token k is a name, written with a capital or in quotes, that
 * no step starts with. */
static bool starts_step_word(const struct tok *t);
static bool name_at(struct parser *p, int k)
{
    const struct tok *t = at(p, k);
    return (t->kind == TK_QUOTED && !t->unterminated) ||
           (t->kind == TK_WORD && isupper((unsigned char)t->raw[0]) &&
            !starts_step_word(t));
}

static json_t *chain_or(struct parser *p, json_t *first,
                        json_t *(*next)(struct parser *, const void *),
                        const void *arg, bool commas, bool and_ends)
{
    static const char *const or_word[] = {"or", NULL};
    static const char *const or_and[] = {"or", "and", NULL};
    json_t *l = first;
    bool listed = false; /* a comma came: "and" may end the list */
    while (l) {
        int back = p->i;
        bool comma = commas && is_punct(cur(p), ",") &&
                     word_within(p, 12, and_ends ? or_and : or_word);
        bool or = false, and = false;
        if (comma) {
            p->i++;
            or = accept(p, "or") || (and = and_ends && accept(p, "and"));
        } else if (accept(p, "or") || accept(p, "||")) {
            or = true;
        } else if (and_ends && listed && accept(p, "and")) {
            or = and = true;
        } else if (and_ends && is_word(cur(p), "and") && name_at(p, 1)) {
            /* "in Berlin and Munich", "in Proposal and Negotiation": two
             * names of what a record has one of */
            p->i++;
            or = and = true;
        } else {
            break;
        }
        json_t *m = next(p, arg);
        /* "status is Lead, and city is Berlin": a condition of its own */
        int ol;
        if (m && and && op_at(p, &ol)) {
            json_decref(m);
            m = NULL;
        }
        /* a comma's item: only where the list goes on after it */
        if (m && !or && !is_punct(cur(p), ",") && !is_word(cur(p), "or") &&
            !(and_ends && is_word(cur(p), "and"))) {
            json_decref(m);
            m = NULL;
        }
        if (!m) {
            p->i = back;
            break;
        }
        listed = listed || comma;
        l = combine("or", l, m);
    }
    return l;
}

static json_t *or_chain(struct parser *p, json_t *first,
                        json_t *(*next)(struct parser *, const void *),
                        const void *arg)
{
    return chain_or(p, first, next, arg, true, false);
}

/* or_chain for things a record has one of: a list of them ended by "and"
 * is any of them too ("in Berlin, Munich and Hamburg"). */
static json_t *any_chain(struct parser *p, json_t *first,
                         json_t *(*next)(struct parser *, const void *),
                         const void *arg)
{
    return chain_or(p, first, next, arg, true, true);
}

/* not c; "not not x" is x ("skip contacts without an email": the
 * others are those with one). Takes c. */
static json_t *negate(json_t *c)
{
    json_t *inner = json_object_size(c) == 1 ? json_object_get(c, "not")
                                              : NULL;
    if (inner) {
        json_incref(inner);
        json_decref(c);
        return inner;
    }
    return json_pack("{s:o}", "not", c);
}

static json_t *number(double v)
{
    if (v == floor(v) && fabs(v) < 9e15)
        return json_integer((json_int_t)v);
    return json_real(v);
}

/* The source text of tokens [from, to) as written, trimmed; a final
 * period or semicolon is dropped. With `decor`, emoji right before or
 * after them (the lexer leaves emoji out: "Notify me: 🚀 New lead 🔥")
 * are the text's too, up to the tokens around them on the line. Caller
 * owns the result. */
static json_t *span_text(const struct parser *p, int from, int to,
                         bool decor)
{
    if (to <= from)
        return NULL;
    size_t s = p->t[from].start, e = p->t[to - 1].end;
    size_t lo = from > 0 ? p->t[from - 1].end : 0, hi = p->t[to].start;
    for (size_t k = s; decor && k > lo && p->src[k - 1] != '\n'; k--)
        if (!isspace((unsigned char)p->src[k - 1]))
            s = k - 1;
    for (size_t k = e; decor && k < hi && p->src[k] != '\n'; k++)
        if (!isspace((unsigned char)p->src[k]))
            e = k + 1;
    while (e > s && (p->src[e - 1] == '.' || p->src[e - 1] == ';' ||
                     isspace((unsigned char)p->src[e - 1])))
        e--;
    while (s < e && isspace((unsigned char)p->src[s]))
        s++;
    if (e <= s)
        return NULL;
    struct buf b;
    buf_init(&b, 0);
    buf_append(&b, p->src + s, e - s);
    json_t *v = jx_string(buf_cstr(&b));
    buf_fini(&b);
    return v;
}

static json_t *source_text(const struct parser *p, int from, int to)
{
    return span_text(p, from, to, false);
}

/* ---- boundaries ----------------------------------------------------- */

static bool starts_step_word(const struct tok *t);

/* How many tokens at offset k open an else: "else", "otherwise", and "if
 * not", "if they didn't", "if that's not the case" when a comma, a colon,
 * "then" or a step follows (not "if not replied", a condition); 0 if
 * none. */
static int else_at(const struct parser *p, int k)
{
    static const char *const neg[] = {
        "not", "no", "none", "nope", "not so", "that's not the case",
        "that is not the case", "they didn't", "they did not", "they haven't",
        "they have not", "they don't", "they do not", "he didn't",
        "she didn't", "it didn't", "it did not", "it isn't", "it is not",
        "it's not", "it doesn't", "it does not", "there is none",
        "there are none", NULL};
    const struct tok *t = at(p, k);
    if (is_word(t, "else") || is_word(t, "otherwise"))
        return 1;
    /* "For those who replied, ... For the rest, send ...": the others */
    static const char *const rest[] = {
        "for the rest", "for the others", "for everyone else",
        "for all others", "for all the others", "for anyone else",
        "for the remaining contacts", "for the remaining ones",
        "for all other contacts", NULL};
    int r = is_word(t, "for") ? list_at(p, k, rest, NULL) : 0;
    if (r && (is_punct(at(p, k + r), ",") || is_punct(at(p, k + r), ":") ||
              starts_step_word(at(p, k + r))))
        return r;
    if (!is_word(t, "if"))
        return 0;
    for (const char *const *w = neg; *w; w++) {
        int m = phrase_at(p, k + 1, *w);
        const struct tok *n = at(p, k + 1 + m);
        /* ("if no email, skip them": "no" before a word is a condition
         * on it, even where the word is also a step's verb) */
        bool no_word = !strcmp(*w, "no") && n->kind == TK_WORD;
        if (m && (is_punct(n, ",") || is_punct(n, ":") ||
                  is_word(n, "then") ||
                  (starts_step_word(n) && !is_word(n, "if") && !no_word)))
            return 1 + m;
    }
    return 0;
}

static bool starts_step_word(const struct tok *t);

/* A "?" that ends a request asked as a question ("Can you find ... and
 * tag them 'x'?"): at the end, at a line's end, or before the next step
 * ("... email? Then wait a week ..."). */
static bool question_ends(const struct parser *p)
{
    const struct tok *n = at(p, 1);
    return is_punct(cur(p), "?") &&
           (n->kind == TK_EOF || n->kind == TK_NL || starts_step_word(n));
}

/* Where a sentence or line ends: nothing of the current step may follow. */
static bool at_hard_end(const struct parser *p)
{
    const struct tok *t = cur(p);
    return t->kind == TK_EOF || t->kind == TK_NL || t->kind == TK_MARK ||
           is_punct(t, ".") || is_punct(t, ";") || is_punct(t, ")") ||
           is_punct(t, "!") || else_at(p, 0) || question_ends(p);
}

/* Words that begin a step; free text stops before ". <one of these>". */
static bool starts_step_word(const struct tok *t)
{
    static const char *const words[] = {
        "if", "else", "otherwise", "then", "wait", "send", "find", "search",
        "tag", "add", "remove", "untag", "create", "set", "update", "move",
        "notify", "enrich", "hand", "handoff", "request", "ask", "get",
        "post", "call", "run", "stop", "remember", "save", "email", "let",
        "slack", "give", "connect", "google", "look", "research", "drop",
        "shoot", "fire", "reach", "ping", "bump", "mark", "change", "alert",
        "tell", "store", "delete", "put", "patch", "trigger", "end", "when",
        "next", "finally", "also", "escalate", "pass", "fetch", "pull",
        "store", "research", "assign", "check", "verify", "invite", NULL};
    if (t->kind == TK_MARK)
        return true;
    if (t->kind != TK_WORD)
        return false;
    for (const char *const *w = words; *w; w++)
        if (strcmp(t->text, *w) == 0)
            return true;
    return false;
}

static bool trigger_ends(struct parser *p);
static bool audience_ends(struct parser *p);

/* Free text from the current token: to the end of the line, or to a
 * sentence end followed by another step, or to ", else". Consumes it and
 * returns the source slice, or NULL if there is none. */
static json_t *free_text(struct parser *p, bool stop_at_comma_and)
{
    int from = p->i;
    int inner = 0; /* parentheses opened inside the text itself */
    while (1) {
        const struct tok *t = cur(p);
        if (t->kind == TK_EOF || t->kind == TK_NL || is_punct(t, ";"))
            break;
        /* A period ends the text at a line end or before another step;
         * "!" and "?" belong to the text unless another step follows. */
        if (is_punct(t, ".") &&
            (at(p, 1)->kind == TK_EOF || at(p, 1)->kind == TK_NL ||
             starts_step_word(at(p, 1)) || else_at(p, 1)))
            break;
        if ((is_punct(t, "!") || is_punct(t, "?")) &&
            starts_step_word(at(p, 1))) {
            p->i++;
            break;
        }
        if (is_punct(t, ",") && (else_at(p, 1) || is_word(at(p, 1), "then")))
            break;
        /* "notify @user.ae: New demo from @contact.firstName, and send
         * them the 'Demo' template": a message's words rarely go on with
         * ", and" and an order to the agent; only those that plainly are
         * one end the text ("Review, and update the forecast" stays) */
        static const char *const orders[] = {
            "send them", "send the", "send template", "send a template",
            "send an email", "send a linkedin", "tag them", "tag the contact",
            "add the tag", "add tag", "add tags", "remove the tag",
            "remove tag", "create a task", "create task", "create a follow-up",
            "wait", "hand off", "hand them off", "hand it off",
            "enrich them", "enrich the contact", "email them",
            "move them to", "move the deal to", "then", NULL};
        if (is_punct(t, ",") && is_word(at(p, 1), "and") &&
            list_at(p, 2, orders, NULL))
            break;
        /* "... create a task for @user.sdr: Reply to them and stop": the
         * last words "and stop" are the step */
        const struct tok *after_stop = at(p, 2);
        if (is_word(t, "and") && is_word(at(p, 1), "stop") &&
            (after_stop->kind == TK_EOF || after_stop->kind == TK_NL ||
             is_punct(after_stop, ".") || is_punct(after_stop, ";")))
            break;
        bool comma_and = is_punct(t, ",") && is_word(at(p, 1), "and");
        if (stop_at_comma_and && (is_punct(t, ",") || is_word(t, "and")) &&
            starts_step_word(at(p, comma_and ? 2 : 1)))
            break;
        /* "news about @company.name, limit 3 results": the search's */
        if (stop_at_comma_and && is_punct(t, ",") &&
            is_word(at(p, 1), "limit"))
            break;
        /* "create a task to follow up whenever a deal moves to Proposal":
         * a trigger in the last words is the agent's (tail_trigger). The
         * text after a colon is taken as written. */
        if (stop_at_comma_and && p->i > from && trigger_ends(p))
            break;
        /* "create a task to call them for each contact tagged 'x'", "...
         * to call every contact who opened the email" */
        if (stop_at_comma_and && p->i > from &&
            (is_word(t, "for") || is_word(t, "every") || is_word(t, "each") ||
             is_word(t, "all")) &&
            audience_ends(p))
            break;
        if (is_punct(t, "("))
            inner++;
        if (is_punct(t, ")") && inner-- == 0 && p->paren > 0)
            break;
        p->i++;
    }
    json_t *s = span_text(p, from, p->i, true);
    if (!s)
        p->i = from;
    return s;
}

/* A quoted string, or ":" followed by quoted or free text. */
static json_t *text_arg(struct parser *p)
{
    int save = p->i;
    bool colon = accept_punct(p, ":");
    const struct tok *t = cur(p);
    if (t->kind == TK_QUOTED && !t->unterminated) {
        /* A quote that is only the start of a longer text is free text. */
        const struct tok *n = at(p, 1);
        if (!colon || n->kind == TK_EOF || n->kind == TK_NL ||
            is_punct(n, ",") || is_punct(n, ".") || is_punct(n, ";") ||
            is_punct(n, ")") || is_word(n, "and") || is_word(n, "then") ||
            else_at(p, 1) || is_word(n, "with") || is_word(n, "assigned") ||
            is_word(n, "due") || is_word(n, "else")) {
            p->i++;
            return json_string(t->text);
        }
    }
    if (colon) {
        json_t *s = free_text(p, false);
        if (s)
            return s;
    }
    p->i = save;
    return NULL;
}

/* ---- values --------------------------------------------------------- */

static double num_scale(const struct tok *t)
{
    const char *s = t->suffix;
    if (!strcmp(s, "k"))
        return 1e3;
    if (!strcmp(s, "m") || !strcmp(s, "mm") || !strcmp(s, "mil"))
        return 1e6;
    if (!strcmp(s, "b") || !strcmp(s, "bn"))
        return 1e9;
    return 1;
}

/* A plain number value (money, thousands, k/M); no units. */
static bool number_value(struct parser *p, double *out)
{
    const struct tok *t = cur(p);
    if (t->kind != TK_NUM)
        return false;
    const char *s = t->suffix;
    if (*s && strcmp(s, "k") && strcmp(s, "m") && strcmp(s, "mm") &&
        strcmp(s, "b") && strcmp(s, "bn") && strcmp(s, "%"))
        return false;
    double v = t->num * num_scale(t);
    p->i++;
    /* "10 thousand", "1.5 million" */
    if (is_word(cur(p), "thousand")) {
        v *= 1e3;
        p->i++;
    } else if (is_word(cur(p), "million")) {
        v *= 1e6;
        p->i++;
    }
    /* "20000 dollars", "20k EUR", "10 thousand euros": the currency's
     * name says nothing more (a deal's value is one number) */
    static const char *const money[] = {
        "dollars", "dollar", "usd", "bucks", "euros", "euro", "eur",
        "pounds", "gbp", "chf", "francs", NULL};
    accept_list(p, money);
    *out = v;
    return true;
}

/* A small whole number: digits or a number word ("a", "two"). */
static bool count_value(struct parser *p, int64_t *out)
{
    const struct tok *t = cur(p);
    if (t->kind == TK_NUM && !t->suffix[0] && !t->money &&
        t->num == floor(t->num) && t->num < 1e7) {
        *out = (int64_t)t->num;
        p->i++;
        return true;
    }
    int which = -1;
    int best = TABLE_AT(p, lex_numbers, &which);
    if (!best)
        return false;
    p->i += best;
    *out = lex_numbers[which].value;
    return true;
}

static const struct lex_unit *unit_word(struct parser *p)
{
    const struct tok *t = cur(p);
    if (t->kind != TK_WORD)
        return NULL;
    for (const struct lex_unit *u = lex_units; u->word; u++) {
        if (u->word[0] != t->text[0])
            continue;
        int m = phrase_at(p, 0, u->word);
        if (m) {
            p->i += m;
            return u;
        }
    }
    return NULL;
}

static const struct lex_unit *unit_of_suffix(const char *s)
{
    for (const struct lex_unit *u = lex_units; u->word; u++)
        if (strcmp(u->word, s) == 0)
            return u;
    return NULL;
}

/* A span of time: "5 days", "48h", "a week", "3-day", "a couple of days".
 * *count and *unit describe it as written (for relative times). */
static bool duration(struct parser *p, int64_t *seconds, int64_t *count,
                     const struct lex_unit **unit)
{
    int save = p->i;
    const struct tok *t = cur(p);
    int64_t n = 0;
    bool half = false;
    const struct lex_unit *u = NULL;
    /* "2.5 hours", "1.5h": a length in seconds, when that is whole; not
     * a count of units (a relative time's), which has to be whole */
    static const char *const half_a[] = {"half a", "half an", NULL};
    if (!count && !unit && accept_list(p, half_a) >= 0) {
        u = unit_word(p); /* "half an hour" */
        if (!u)
            goto no;
        *seconds = u->seconds / 2;
        return true;
    }
    if (t->kind == TK_NUM && !t->money && t->num != floor(t->num) &&
        !count && !unit && t->num > 0 && t->num < 100000) {
        p->i++;
        u = t->suffix[0] ? unit_of_suffix(t->suffix) : unit_word(p);
        double s = u ? t->num * (double)u->seconds : 0;
        if (!u || s != floor(s))
            goto no;
        *seconds = (int64_t)s;
        return true;
    }
    if (t->kind == TK_NUM && t->suffix[0] && !t->money) {
        u = unit_of_suffix(t->suffix);
        /* Range first: casting a huge double to an integer is undefined. */
        if (!u || t->num != floor(t->num) || t->num > 100000)
            goto no;
        n = (int64_t)t->num;
        p->i++;
    } else {
        if (!count_value(p, &n))
            goto no;
        /* "2 and a half days", "a week and a half": half a unit more, a
         * length only (as "2.5 days" above) */
        static const char *const and_half[] = {"and a half", "and one half",
                                               NULL};
        half = !count && !unit && accept_list(p, and_half) >= 0;
        accept_punct(p, "-"); /* "3-day" */
        accept(p, "more");
        u = unit_word(p);
        if (!u)
            goto no;
        if (!half && !count && !unit)
            half = accept_list(p, and_half) >= 0;
    }
    if (n <= 0 || n > 100000)
        goto no;
    *seconds = n * u->seconds + (half ? u->seconds / 2 : 0);
    if (count)
        *count = n;
    if (unit)
        *unit = u;
    return true;
no:
    p->i = save;
    return false;
}

static const char *stage_of(struct parser *p)
{
    /* "in stage 'Proposal'": a stage in quotes, as it is written */
    const struct tok *q = cur(p);
    if (q->kind == TK_QUOTED) {
        for (const char *const *s = lex_stages; *s; s++)
            if (!strcasecmp(q->text, *s)) {
                p->i++;
                return *s;
            }
        for (const struct lex_alias *a = lex_stage_aliases; a->words; a++)
            if (!strcasecmp(q->text, a->words)) {
                p->i++;
                return a->stage;
            }
        return NULL;
    }
    for (const char *const *s = lex_stages; *s; s++) {
        char low[32];
        size_t n = strlen(*s);
        for (size_t k = 0; k <= n; k++)
            low[k] = (char)tolower((unsigned char)(*s)[k]);
        int m = phrase_at(p, 0, low);
        if (m) {
            p->i += m;
            return *s;
        }
    }
    for (const struct lex_alias *a = lex_stage_aliases; a->words; a++) {
        int m = phrase_at(p, 0, a->words);
        if (m) {
            p->i += m;
            return a->stage;
        }
    }
    return NULL;
}

/* A relative time as plan.md writes it: now, today, now-7d, today+1d. */
static json_t *time_word(struct parser *p)
{
    const struct tok *t = cur(p);
    if (t->kind != TK_WORD)
        return NULL;
    const char *w = t->text;
    if (!strncmp(w, "now", 3) || !strncmp(w, "today", 5)) {
        const char *rest = w + (w[0] == 'n' ? 3 : 5);
        if (*rest == '\0' || *rest == '-' || *rest == '+') {
            p->i++;
            return json_string(w);
        }
    }
    if (!strcmp(w, "tomorrow")) {
        p->i++;
        return json_string("today+1d");
    }
    if (!strcmp(w, "yesterday")) {
        p->i++;
        return json_string("today-1d");
    }
    return NULL;
}

static bool year_at(const struct tok *t, int *year);
static int month_day(struct parser *p);

/* A month's name ("March", "mar") at the position: 1 to 12, read; 0 if
 * none. */
static int month_at(struct parser *p)
{
    int w = -1, m = list_at(p, 0, lex_months, &w);
    p->i += m;
    return m ? w % 12 + 1 : 0;
}

/* "January 1st", "Jan 15", "1 March", "the 15th of March": the month and
 * the day, read; false, position kept, if not both. */
static bool month_and_day(struct parser *p, int *mon, int *day)
{
    int save = p->i;
    accept(p, "the");
    if ((*mon = month_at(p)) > 0) {
        accept(p, "the");
        *day = month_day(p);
    } else if ((*day = month_day(p)) > 0) {
        accept(p, "of");
        *mon = month_at(p);
    }
    if (*mon > 0 && *day > 0)
        return true;
    p->i = save;
    return false;
}

/* A day written out: "January 1st 2026", "Jan 15, 2027", "1 March 2026",
 * "the 15th of March 2026", as "YYYY-MM-DD" (a date, as the ISO form
 * is); NULL, position kept, if none or no such day. */
static json_t *date_words(struct parser *p)
{
    int save = p->i, mon, day, year;
    char iso[32]; /* (room for any int, for the compiler's check) */
    int64_t ms;
    bool md = month_and_day(p, &mon, &day);
    accept_punct(p, ",");
    if (!md || !year_at(cur(p), &year)) {
        p->i = save;
        return NULL;
    }
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, mon, day);
    if (clock_parse_iso(iso, &ms) != 0) {
        fail(p, "no such day: e.g. February 28th 2026");
        p->i = save;
        return NULL;
    }
    p->i++;
    return json_string(iso);
}

/* "+49 30 1234567", "555-123-4567", "(030) 123 45": a phone number
 * written out, as its source text; NULL, position kept, if the words are
 * none (fewer than 7 digits, or one plain number). */
static json_t *phone_value(struct parser *p)
{
    int from = p->i, j = p->i, digits = 0, parts = 0;
    bool plus = false;
    for (;; j++) {
        const struct tok *t = &p->t[j];
        if (t->kind == TK_EOF || t->kind == TK_NL ||
            (j > from && t->start - p->t[j - 1].end > 1))
            break;
        bool ok = t->end > t->start;
        for (uint32_t c = t->start; ok && c < t->end; c++) {
            char ch = p->src[c];
            ok = isdigit((unsigned char)ch) || ch == '+' || ch == '-' ||
                 ch == '(' || ch == ')';
            digits += isdigit((unsigned char)ch) != 0;
            plus = plus || (c == p->t[from].start && ch == '+');
        }
        if (!ok)
            break;
        parts++;
    }
    if (digits < 7 || (parts < 2 && !plus) ||
        (j > from && p->src[p->t[j - 1].end - 1] == '-'))
        return NULL;
    p->i = j;
    return source_text(p, from, j);
}

/* A comparison value of a field of type vt. */
static json_t *value_of(struct parser *p, enum lex_vtype vt)
{
    const struct tok *t = cur(p);
    double d;
    json_t *v;
    if (t->kind == TK_QUOTED && !t->unterminated) {
        p->i++;
        return json_string(t->text);
    }
    /* "set the website to https://acme.com", "the phone to +49 30 ..." */
    if (vt == VT_TEXT && t->kind == TK_URL) {
        p->i++;
        return json_string(t->raw);
    }
    if (vt == VT_TEXT && (v = phone_value(p)))
        return v;
    if (vt == VT_STAGE) {
        const char *s = stage_of(p);
        if (s)
            return json_string(s);
        /* "the stage is won": the stages are Closed Won and Closed Lost */
        if (accept(p, "won"))
            return json_string("Closed Won");
        if (accept(p, "lost"))
            return json_string("Closed Lost");
    }
    if (vt == VT_TIME && (v = date_words(p)))
        return v;
    if (number_value(p, &d))
        return number(d);
    /* "is zero", "over five": a number's word, not "a" or "a few" */
    int nw = -1, nm = vt == VT_NUM ? TABLE_AT(p, lex_numbers, &nw) : 0;
    if (nm && t->kind == TK_WORD && strcmp(t->text, "a") &&
        strcmp(t->text, "an") && strcmp(t->text, "few") &&
        strncmp(t->text, "couple", 6)) {
        p->i += nm;
        return json_integer(lex_numbers[nw].value);
    }
    if ((v = time_word(p)))
        return v;
    if (t->kind == TK_VAR || t->kind == TK_EMAIL) {
        p->i++;
        return json_string(t->raw);
    }
    if (t->kind == TK_PATH) {
        /* A field on the right-hand side is a variable reference. */
        p->i++;
        char ref[256];
        snprintf(ref, sizeof ref, "@%s", t->raw);
        return json_string(ref);
    }
    if (is_word(t, "true") || (vt == VT_BOOL && is_word(t, "yes"))) {
        p->i++;
        return json_true();
    }
    if (is_word(t, "false") || (vt == VT_BOOL && is_word(t, "no"))) {
        p->i++;
        return json_false();
    }
    if (is_word(t, "null") || is_word(t, "empty")) {
        p->i++;
        return json_null();
    }
    if (vt == VT_TIME && t->kind == TK_WORD) {
        /* "created after March", "before Friday": no date a run can
         * compare with (the words named no year, or a weekday) */
        fail(p, "a time is a date or a span: e.g. after 2026-03-01, after "
                "March 1st 2026, in the last 7 days");
        return NULL;
    }
    /* "whose lead score is A", "grade A or B": a capital A that ends the
     * value is a grade, not the article */
    const struct tok *after = at(p, 1);
    if (t->kind == TK_WORD && !strcmp(t->raw, "A") && vt != VT_BOOL &&
        (after->kind == TK_EOF || after->kind == TK_NL ||
         after->kind == TK_PUNCT || is_word(after, "or") ||
         is_word(after, "and") || is_word(after, "then"))) {
        p->i++;
        return json_string("A");
    }
    if (t->kind == TK_WORD && !is_reserved(t) && vt != VT_BOOL) {
        p->i++;
        if (vt != VT_TEXT || !isupper((unsigned char)t->raw[0]))
            return json_string(t->raw);
        /* "title VP Sales", "title Head of Marketing", "industry Financial
         * Services": capitalised words after a capitalised first one are
         * the same value ("of" and "&" may join them); a lower-case word,
         * a word that starts a step ("Tag them") or punctuation ends it. */
        const struct tok *last = t;
        for (;;) {
            int k = is_word(cur(p), "of") || is_word(cur(p), "&") ? 1 : 0;
            const struct tok *w = at(p, k);
            if (w->kind != TK_WORD || is_reserved(w) ||
                !isupper((unsigned char)w->raw[0]) || starts_step_word(w))
                break;
            p->i += k + 1;
            last = w;
        }
        return json_stringn(p->src + t->start, last->end - t->start);
    }
    fail(p, no_value_why);
    return NULL;
}

/* ---- fields --------------------------------------------------------- */

/* Canonical fields of each entity (plan.md), lower-case -> camelCase. */
static const char *const contact_fields[] = {
    "id", "firstName", "lastName", "email", "phone", "title", "status",
    "tags", "linkedinUrl", "source", "replied", "openedEmail", "interested",
    "leadScore", "lastContactedAt", "createdAt", "updatedAt", "ownerId",
    "companyId", "city", "country", NULL};
static const char *const company_fields[] = {
    "id", "name", "domain", "industry", "size", "country", "createdAt", NULL};
static const char *const deal_fields[] = {
    "id", "name", "value", "stage", "ownerId", "contactId", "companyId",
    "closeDate", "createdAt", "updatedAt", NULL};

static const char *canonical_in(const char *const *list, const char *name)
{
    for (; *list; list++)
        if (strcasecmp(*list, name) == 0)
            return *list;
    return NULL;
}

static enum lex_vtype vt_of_path(const char *path)
{
    for (const struct lex_field *f = lex_fields; f->words; f++)
        if (strcmp(f->path, path) == 0)
            return f->vt;
    return VT_TEXT;
}

static void canon_path(const char *raw, char *out, size_t size);

/* A field as plan.md writes it, "contact.title" or "@deal.value", at the
 * position: read, canonical in out, its type in *vt; false if none. */
static bool path_field(struct parser *p, char *out, size_t size,
                       enum lex_vtype *vt)
{
    const struct tok *t = cur(p);
    if (t->kind != TK_PATH && t->kind != TK_VAR)
        return false;
    canon_path(t->kind == TK_VAR ? t->raw + 1 : t->raw, out, size);
    *vt = vt_of_path(out);
    p->i++;
    return true;
}

/* Normalises a written path ("contact.opened_email") to its canonical
 * form ("contact.openedEmail"); other roots pass unchanged. */
static void canon_path(const char *raw, char *out, size_t size)
{
    /* "customField.region", "contact.customFields.region": a contact's
     * custom field, which a plan names as its other fields
     * ("contact.region") */
    static const char *const custom[] = {"customfields.", "customfield.",
                                         "custom_fields.", "custom_field.",
                                         NULL};
    const char *in = raw;
    if (!strncasecmp(in, "contact.", 8))
        in += 8;
    for (int k = 0; custom[k]; k++) {
        size_t cl = strlen(custom[k]);
        if (!strncasecmp(in, custom[k], cl) && in[cl]) {
            snprintf(out, size, "contact.%s", in + cl);
            return;
        }
    }
    const char *dot = strchr(raw, '.');
    snprintf(out, size, "%s", raw);
    if (!dot)
        return;
    size_t rl = (size_t)(dot - raw);
    const char *const *list = NULL;
    if (rl == 7 && !strncasecmp(raw, "contact", 7))
        list = contact_fields;
    else if (rl == 7 && !strncasecmp(raw, "company", 7))
        list = company_fields;
    else if (rl == 4 && !strncasecmp(raw, "deal", 4))
        list = deal_fields;
    if (!list || strchr(dot + 1, '.'))
        return;
    char flat[64];
    size_t n = 0;
    for (const char *s = dot + 1; *s && n + 1 < sizeof flat; s++)
        if (*s != '_')
            flat[n++] = *s;
    flat[n] = '\0';
    const char *c = canonical_in(list, flat);
    char root[16];
    snprintf(root, sizeof root, "%.*s", (int)rl, raw);
    for (char *r = root; *r; r++)
        *r = (char)tolower((unsigned char)*r);
    if (c)
        snprintf(out, size, "%s.%s", root, c);
    else
        snprintf(out, size, "%s.%s", root, dot + 1);
}

/* Moves a contact field to the entity in scope when that entity has it:
 * in a deal search, "created" means the deal's createdAt. */
static void scope_path(struct parser *p, const char *path, char *out,
                       size_t size)
{
    snprintf(out, size, "%s", path);
    if (p->scope == SC_DEAL && !strncmp(path, "contact.", 8)) {
        const char *c = canonical_in(deal_fields, path + 8);
        if (c)
            snprintf(out, size, "deal.%s", c);
    }
}

/* A field written in words ("linkedin url", "close date", "deal value")
 * with an optional entity word in front ("company size", "the deal's
 * stage"). The longest reading wins: "the lead score" is the field lead
 * score, not "the lead" + "score". *vt receives its type. */
static bool custom_name(const struct tok *t, bool strict);

/* Whether words ("company size") are key ("companysize") but for their
 * spaces. */
static bool same_letters(const char *words, const char *key)
{
    for (; *words; words++) {
        if (*words == ' ')
            continue;
        if (*words != *key++)
            return false;
    }
    return *key == '\0';
}

static bool field_words(struct parser *p, char *out, size_t size,
                        enum lex_vtype *vt)
{
    static const struct {
        const char *words, *entity;
    } ents[] = {{"", NULL},
                {"the deal's", "deal"},   {"deal's", "deal"},
                {"the deal", "deal"},     {"deal", "deal"},
                {"the company's", "company"}, {"company's", "company"},
                {"their company's", "company"}, {"their company", "company"},
                {"the company", "company"}, {"company", "company"},
                {"contact's", "contact"}, {"the contact's", "contact"},
                {"the contact", "contact"}, {"contact", "contact"},
                {"their", NULL},         {"its", NULL},
                {"the", NULL},           {NULL, NULL}};
    int best_total = 0, best_pre = 0, best_len = 0;
    const char *best_entity = NULL;
    const struct lex_field *bf = NULL;
    for (int j = 0; ents[j].words; j++) {
        int pre = ents[j].words[0] ? phrase_at(p, 0, ents[j].words) : 0;
        if (ents[j].words[0] && !pre)
            continue;
        char c0 = first_char(p, pre);
        for (const struct lex_field *f = lex_fields; c0 && f->words; f++) {
            if (f->words[0] != c0)
                continue;
            int m = phrase_at(p, pre, f->words);
            if (!m || pre + m <= best_total)
                continue;
            /* "created at least 2 weeks ago": "at" opens the amount */
            if (is_word(at(p, pre + m - 1), "at") &&
                (is_word(at(p, pre + m), "least") ||
                 is_word(at(p, pre + m), "most")))
                continue;
            /* An entity word must fit the field: "company stage" is no
             * field; "deal created" is the deal's createdAt. */
            if (ents[j].entity) {
                const char *name = strchr(f->path, '.') + 1;
                const char *const *list =
                    !strcmp(ents[j].entity, "deal")      ? deal_fields
                    : !strcmp(ents[j].entity, "company") ? company_fields
                                                         : contact_fields;
                if (!canonical_in(list, name) &&
                    strncmp(f->path, ents[j].entity,
                            strlen(ents[j].entity)) != 0)
                    continue;
            }
            best_total = pre + m;
            best_pre = pre;
            best_len = m;
            best_entity = ents[j].entity;
            bf = f;
        }
    }
    if (!bf) {
        /* "the deal's name", "the company's name": a name, where the
         * entity has one (a contact has a first and a last name) */
        bool named = is_word(at(p, 1), "name") || is_word(at(p, 2), "name");
        for (int j = 1; named && ents[j].words; j++) {
            int pre = phrase_at(p, 0, ents[j].words);
            if (pre && ents[j].entity && strcmp(ents[j].entity, "contact") &&
                is_word(at(p, pre), "name")) {
                p->i += pre + 1;
                *vt = VT_TEXT;
                snprintf(out, size, "%s.name", ents[j].entity);
                return true;
            }
        }
        /* "company_size", "companySize", "close_date": an identifier
         * whose letters are a known field's words */
        const struct tok *t = cur(p);
        if (!custom_name(t, true)) /* camelCase or snake_case */
            return false;
        char key[64];
        size_t k = 0;
        for (const char *c = t->text; *c && k + 1 < sizeof key; c++)
            if (*c != '_')
                key[k++] = *c;
        key[k] = '\0';
        for (const struct lex_field *f = lex_fields; f->words; f++) {
            if (!same_letters(f->words, key))
                continue;
            p->i++;
            *vt = f->vt;
            scope_path(p, f->path, out, size);
            return true;
        }
        return false;
    }
    p->i += best_pre + best_len;
    *vt = bf->vt;
    const char *name = strchr(bf->path, '.') + 1;
    if (best_entity) {
        const char *const *list = !strcmp(best_entity, "deal") ? deal_fields
                                  : !strcmp(best_entity, "company")
                                      ? company_fields
                                      : contact_fields;
        const char *c = canonical_in(list, name);
        if (c) {
            snprintf(out, size, "%s.%s", best_entity, c);
            return true;
        }
    }
    scope_path(p, bf->path, out, size);
    return true;
}

/* "<entity>.<key>" into out, the key the n words at the position in
 * camelCase as the built-in fields' ("lifecycle stage": lifecycleStage;
 * one word as written); false if it does not fit. */
static bool camel_key(const struct parser *p, const char *entity, int n,
                      char *out, size_t size)
{
    int w = snprintf(out, size, "%s.", entity);
    for (int j = 0; j < n && w > 0 && (size_t)w < size; j++) {
        const char *t = n == 1 ? at(p, j)->raw : at(p, j)->text;
        w += snprintf(out + w, size - (size_t)w, "%c%s",
                      j ? toupper((unsigned char)t[0]) : t[0], t + 1);
    }
    return w > 0 && (size_t)w < size;
}

/* "lifecycle stage", "plan tier", "renewalDate" before "to" in a set
 * step: a custom field of entity, its key in camelCase as the built-in
 * fields' ("lifecycleStage"; an identifier is kept as written) into out
 * as "contact.lifecycleStage". At most three plain words, none of which
 * could be something else ("set up a call to ..."). Position after the
 * words, or kept (false). */
static bool custom_words(struct parser *p, const char *entity, char *out,
                         size_t size)
{
    static const char *const stop[] = {
        "a", "an", "the", "up", "it", "them", "this", "that", "me", "us",
        "him", "her", "everyone", "all", "each", "every", "their", "its",
        "his", "my", "our", "your", NULL};
    int k = 0;
    while (k < 3 && custom_name(at(p, k), false) &&
           !list_at(p, k, stop, NULL) && !is_word(at(p, k), "to"))
        k++;
    if (!k || !is_word(at(p, k), "to") ||
        (k > 1 && (custom_name(at(p, 0), true) ||
                   custom_name(at(p, k - 1), true))))
        return false;
    /* "set their region field to ...": the field is "region" */
    int name = k > 1 && is_word(at(p, k - 1), "field") ? k - 1 : k;
    if (!camel_key(p, entity, name, out, size))
        return false;
    p->i += k;
    return true;
}

/* An identifier that names a custom field: camelCase or snake_case, or
 * any plain word where the wording makes it a field (strict=false). */
static bool custom_name(const struct tok *t, bool strict)
{
    if (t->kind != TK_WORD)
        return false;
    const char *r = t->raw;
    if (!isalpha((unsigned char)r[0]))
        return false;
    bool camel = false, snake = false;
    for (const char *s = r; *s; s++) {
        if (!isalnum((unsigned char)*s) && *s != '_')
            return false;
        if (s != r && isupper((unsigned char)*s))
            camel = true;
        if (*s == '_')
            snake = true;
    }
    /* (the shape first: the reserved words' list is the longer test) */
    return (!strict || camel || snake) && !is_reserved(t);
}

/* ---- conditions ----------------------------------------------------- */

static json_t *cond_or(struct parser *p, enum cctx c);
static json_t *where_clauses(struct parser *p);
static json_t *conditions_in(struct parser *p, enum scope sc);
static bool cond_names_stage(const json_t *c);
static bool mail_domain(struct parser *p, char *out, size_t size);
static json_t *more_tags(struct parser *p, json_t *first);
static bool object_at(const struct parser *p, int k);
static bool cond_names(const json_t *c, const char *const *fields);

/* The conditions an "and" or "or" of c joins; NULL for a leaf or a
 * "not". */
static json_t *cond_list(const json_t *c)
{
    json_t *list = json_object_get(c, "and");
    return list ? list : json_object_get(c, "or");
}

/* Whether a leaf of condition c has a field that `test` accepts (arg is
 * passed on), however deep in and / or / not. */
static bool cond_any_field(const json_t *c,
                           bool (*test)(const char *field, const void *arg),
                           const void *arg)
{
    const char *f = jx_str(c, "field");
    if (f)
        return test(f, arg);
    json_t *n = json_object_get(c, "not");
    if (n)
        return cond_any_field(n, test, arg);
    json_t *list = cond_list(c);
    size_t k;
    json_t *x;
    json_array_foreach(list, k, x) {
        if (cond_any_field(x, test, arg))
            return true;
    }
    return false;
}

static void skip_subject(struct parser *p)
{
    int m = list_at(p, 0, lex_subjects, NULL);
    /* "the contact's status": the subject; "the deal stage": a field. */
    p->i += m;
    accept(p, "still");
}

static const struct lex_op *op_at(struct parser *p, int *len)
{
    int which = -1;
    *len = TABLE_AT(p, lex_ops, &which);
    if (*len == 1 && is_word(cur(p), "of")) {
        /* "a lead score of at least 80", "a size of more than 500": the
         * comparison after "of" */
        int then = -1;
        int m = rows_at(p, 1, &lex_ops[0].words, sizeof lex_ops[0], &then);
        if (m && strcmp(lex_ops[then].words, "of")) {
            *len = 1 + m;
            which = then;
        }
    }
    /* "is not above 50", "isn't greater than 1000": the order turned
     * round ("not above" is "<=") */
    if (*len && !strcmp(lex_ops[which].op, "!=")) {
        int then = -1;
        int m = rows_at(p, *len, &lex_ops[0].words, sizeof lex_ops[0], &then);
        static const char *const flip[][2] = {
            {">", "<="}, {">=", "<"}, {"<", ">="}, {"<=", ">"}};
        for (size_t f = 0; m && f < sizeof flip / sizeof flip[0]; f++) {
            if (strcmp(lex_ops[then].op, flip[f][0]) ||
                lex_ops[then].no_value || lex_ops[then].negate)
                continue;
            for (int j = 0; lex_ops[j].words; j++)
                if (!strcmp(lex_ops[j].words, flip[f][1])) {
                    *len += m;
                    which = j;
                    break;
                }
            break;
        }
    }
    /* "is still Lead", "is still below 50", "are now above 80": the value
     * as it is when the step runs, which is all a run can see */
    if (*len == 1 && (is_word(cur(p), "is") || is_word(cur(p), "are")) &&
        (is_word(at(p, 1), "still") || is_word(at(p, 1), "now"))) {
        int then = -1;
        int m = rows_at(p, 2, &lex_ops[0].words, sizeof lex_ops[0], &then);
        if (m && strcmp(lex_ops[then].words, "of")) {
            *len = 2 + m;
            which = then;
        } else if (at(p, 2)->kind == TK_QUOTED || name_at(p, 2) ||
                   at(p, 2)->kind == TK_NUM) {
            *len = 2;
        }
    }
    return *len ? &lex_ops[which] : NULL;
}

/* A person to hand off to, notify or assign: @user.x or an address. */
static json_t *person(struct parser *p)
{
    const struct tok *t = cur(p);
    if (t->kind == TK_VAR || t->kind == TK_EMAIL) {
        p->i++;
        return json_string(t->raw);
    }
    return NULL;
}

/* A workspace member named by variable: @user.jane. */
static bool is_member_var(const struct tok *t)
{
    return t->kind == TK_VAR && !strncmp(t->text, "@user.", 6);
}

static bool set_in_scope(const struct parser *p);

/* "the deal's owner", "the contact owner", "their owner": the member a
 * record's ownerId names, per record at run time; NULL (position kept)
 * if none. ("the owner" alone is the agent's.) */
static json_t *record_owner(struct parser *p)
{
    static const struct {
        const char *words, *var;
    } owners[] = {
        {"the deal owner", "@deal.ownerId"},
        {"the deal's owner", "@deal.ownerId"},
        {"the owner of the deal", "@deal.ownerId"},
        {"deal owner", "@deal.ownerId"},
        {"the contact owner", "@contact.ownerId"},
        {"the contact's owner", "@contact.ownerId"},
        {"the owner of the contact", "@contact.ownerId"},
        {"contact owner", "@contact.ownerId"},
        {"the lead owner", "@contact.ownerId"},
        {"the lead's owner", "@contact.ownerId"},
        {"the deal owners", "@deal.ownerId"},
        {"the contact owners", "@contact.ownerId"},
        {"each contact's owner", "@contact.ownerId"},
        {"every contact's owner", "@contact.ownerId"},
        {"each lead's owner", "@contact.ownerId"},
        {"each deal's owner", "@deal.ownerId"},
        {"every deal's owner", "@deal.ownerId"},
        {"each deal owner", "@deal.ownerId"},
        {"every deal owner", "@deal.ownerId"},
        {"each contact owner", "@contact.ownerId"},
        {"every contact owner", "@contact.ownerId"},
        {"each lead owner", "@contact.ownerId"},
        {"the owner of each contact", "@contact.ownerId"},
        {"the owner of each deal", "@deal.ownerId"},
        {"their owner", NULL},
        {"their owners", NULL},
        {"its owner", NULL},
        {"each owner", NULL},
        {"every owner", NULL},
        {"the owners", NULL},
        {NULL, NULL}};
    for (int j = 0; owners[j].words; j++) {
        int m = phrase_at(p, 0, owners[j].words);
        if (!m)
            continue;
        p->i += m;
        const char *v = owners[j].var;
        /* "If the deal has no contact, notify its owner": "its" after a
         * condition on a deal, with no contacts chosen, is the deal's */
        bool its_deal = !strcmp(owners[j].words, "its owner") &&
                        !strncmp(p->case_field, "deal.", 5) &&
                        !set_in_scope(p);
        if (!v) /* the set in scope's */
            v = p->scope == SC_DEAL || its_deal ? "@deal.ownerId"
                                                : "@contact.ownerId";
        return json_string(v);
    }
    return NULL;
}

/* Whom a task or notification is for: a record's owner or a person. */
static json_t *member(struct parser *p)
{
    json_t *o = record_owner(p);
    return o ? o : person(p);
}

/* A value as the field keeps it. An owner is a user's id: "@user.alex"
 * alone renders as the name, so an owner field compares with
 * "@user.alex.id". A company's domain is kept without "www." ("website is
 * www.acme.com" is the company of acme.com). Takes v, returns the value. */
static json_t *stored_value(const char *field, json_t *v)
{
    const char *dot = strrchr(field, '.');
    const char *s = json_string_value(v);
    if (!dot || !s)
        return v;
    if (!strcmp(field, "company.domain") && !strncasecmp(s, "www.", 4) &&
        s[4]) {
        json_t *bare = json_string(s + 4);
        json_decref(v);
        return bare;
    }
    if (strcmp(dot, ".ownerId") || strncmp(s, "@user.", 6) ||
        strchr(s + 6, '.'))
        return v;
    char ref[160];
    snprintf(ref, sizeof ref, "%s.id", s);
    json_decref(v);
    return json_string(ref);
}

/* The step that makes `member` ("@user.ae"; NULL: nobody) the owner of
 * the records in scope of `entity` ("deal", "contact"): "assign the deals
 * to @user.ae", "move them to @user.ae", "unassign them". */
static json_t *owner_step(const char *entity, const char *member)
{
    char field[32];
    snprintf(field, sizeof field, "%s.ownerId", entity);
    json_t *owner = member ? stored_value(field, json_string(member))
                           : json_null();
    return step_new("update_field",
                    json_pack("{s:s, s:s, s:o}", "entity", entity, "field",
                              "ownerId", "value", owner));
}

/* "the top search result", "first result" at token k, as its length
 * (0: none): the first result of a web search, as a text says it (its
 * title and address, top_result_text). */
static const char top_result_text[] = "@search.results[0].title "
                                      "@search.results[0].url";
static int top_result_at(const struct parser *p, int k)
{
    static const char *const top[] = {
        "the top search result", "the first search result", "the top result",
        "the first result", "top search result", "first search result",
        "top result", "first result", NULL};
    return list_at(p, k, top, NULL);
}

/* Whether a field keeps a web address (a search result given for it
 * whole is its url): linkedinUrl, domain, a custom "website". */
static bool address_field(const char *field)
{
    char lower[128];
    snprintf(lower, sizeof lower, "%s", field);
    for (char *c = lower; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return strstr(lower, "url") || strstr(lower, "website") ||
           strstr(lower, "link") || strstr(lower, "domain");
}

/* "the top result's url", "the first result's title", "the first link",
 * "the top result": the web search's first result or a part of it, as
 * its variable in ref ("@search.results[0].url"); a whole result only
 * when `whole` (else the words must name the part). False, position
 * kept, when the words are none of these. */
static bool result_ref(struct parser *p, char *ref, size_t size, bool whole)
{
    static const char *const first[] = {
        "the first result's", "the top result's", "the first result",
        "the top result", "the first search result", "the top search "
        "result", "the top", "the first", NULL};
    int f = -1;
    int fm = list_at(p, 0, first, &f);
    if (!fm)
        return false;
    int save = p->i;
    p->i += fm;
    const char *part = "";
    if (accept(p, "title"))
        part = ".title";
    else if (accept(p, "url") || accept(p, "link") || accept(p, "address"))
        part = ".url";
    else if (accept(p, "snippet"))
        part = ".snippet";
    else if (!whole || strstr(first[f], "'s") || !strstr(first[f], "result")) {
        p->i = save; /* "the first" alone names its part: "the top url" */
        return false;
    }
    snprintf(ref, size, "@search.results[0]%s", part);
    return true;
}

/* The field and comparison that "or VALUE" repeats. */
struct same_cmp {
    const char *field, *op;
    enum lex_vtype vt;
};

/* The next value of "is Berlin or Munich", as a leaf; NULL when what
 * follows "or" is no bare value ("or title contains X" is a new
 * condition: a word followed by an operator, or a subject). */
static json_t *next_value(struct parser *p, const void *arg)
{
    const struct same_cmp *c = arg;
    const struct tok *n = cur(p);
    if (n->kind != TK_QUOTED && n->kind != TK_NUM && n->kind != TK_WORD &&
        n->kind != TK_VAR)
        return NULL;
    int ol;
    json_t *v = value_of(p, c->vt);
    if (!v || op_at(p, &ol) || list_at(p, 0, lex_subjects, NULL)) {
        json_decref(v);
        return NULL;
    }
    return leaf(c->field, c->op, stored_value(c->field, v));
}

/* "or @user.b" after "owned by @user.a": the next owner (arg: the
 * field). */
static json_t *next_owner(struct parser *p, const void *arg)
{
    const char *field = arg;
    json_t *who = person(p);
    return who ? leaf(field, "==", stored_value(field, who)) : NULL;
}

/* "80 or more", "50k and above", "10 or fewer" after a number compared
 * with op: the comparison with that end included (position moved past
 * the words), else op. */
static const char *bound_op(struct parser *p, const char *op, const json_t *v)
{
    static const char *const up[] = {"or more", "or higher", "or above",
                                     "or greater", "or over", "and above",
                                     "and up", "and higher", "and over",
                                     "or bigger", "or larger", NULL};
    static const char *const down[] = {"or less", "or lower", "or below",
                                       "or fewer", "or under", "and below",
                                       "and under", "and lower", "or smaller",
                                       NULL};
    if (!json_is_number(v))
        return op;
    bool eq = !strcmp(op, "==");
    /* "80+": glued to the number */
    if (eq && is_punct(cur(p), "+") && cur(p)->start == at(p, -1)->end) {
        p->i++;
        return ">=";
    }
    if ((eq || !strcmp(op, ">")) && accept_list(p, up) >= 0)
        return ">=";
    if ((eq || !strcmp(op, "<")) && accept_list(p, down) >= 0)
        return "<=";
    return op;
}

/* The two ends after "between" ("50 and 80", "2026-01-01 and 2026-03-31"),
 * both included, as a condition on field; NULL, position at `save`, if
 * an end is missing. */
static json_t *range_of(struct parser *p, const char *field,
                        enum lex_vtype vt, int save)
{
    json_t *lo = NULL, *hi = NULL;
    /* "between January 1 and March 31, 2026": the year said once, at
     * the end, is the first day's too */
    int b = p->i, mon, mday, year;
    if (vt == VT_TIME && month_and_day(p, &mon, &mday) &&
        !year_at(cur(p), &year) && accept(p, "and") &&
        (hi = date_words(p)) != NULL) {
        char iso[32];
        int64_t ms;
        snprintf(iso, sizeof iso, "%.4s-%02d-%02d", json_string_value(hi),
                 mon, mday);
        if (clock_parse_iso(iso, &ms) == 0)
            lo = json_string(iso);
    }
    if (!lo) {
        json_decref(hi);
        p->i = b;
        lo = value_of(p, vt);
        hi = lo && accept(p, "and") ? value_of(p, vt) : NULL;
    }
    /* both ends are in it, as said or not; "exclusive" leaves them out */
    accept(p, "inclusive");
    bool open = hi && accept(p, "exclusive");
    if (open)
        return combine("and", leaf(field, ">", lo), leaf(field, "<", hi));
    const char *day = json_string_value(hi);
    if (day && vt == VT_TIME && strlen(day) == 10) {
        /* "created between 2026-01-01 and 2026-03-31": all of the
         * last day, so before the next one */
        int64_t ms;
        if (clock_parse_iso(day, &ms) == 0) {
            char next[32];
            clock_format_iso(ms + MS_PER_DAY, next, sizeof next);
            next[10] = '\0';
            json_decref(hi);
            return combine("and", leaf(field, ">=", lo),
                           leaf(field, "<", json_string(next)));
        }
    }
    if (hi)
        return combine("and", leaf(field, ">=", lo),
                       leaf(field, "<=", hi));
    json_decref(lo);
    p->i = save;
    fail(p, "a range needs both ends: e.g. between 50 and 80");
    return NULL;
}

/* "tags are 'vip'", "tags is not 'x'": a tag is one of the record's, so
 * == is membership (contains) and != its negation; in an if, == on the
 * whole list would never hold. Takes c, returns the condition. */
static json_t *tag_membership(json_t *c)
{
    const char *op = jx_str(c, "operator");
    if (op && (!strcmp(op, "==") || !strcmp(op, "!="))) {
        bool ne = op[0] == '!';
        json_object_set_new(c, "operator", json_string("contains"));
        return ne ? negate(c) : c;
    }
    json_t *list = cond_list(c);
    size_t k;
    json_t *x;
    json_array_foreach(list, k, x) {
        /* the list's reference moves to what replaces x */
        json_array_set_new(list, k, tag_membership(json_incref(x)));
    }
    return c;
}

/* A text's start or end, which agentd does not compare (only contains). */
static const char *const text_edges[] = {
    "ends with",  "starts with", "begins with",   "end with",
    "start with", "ends in",     "end in",        "ending with",
    "ending in",  "starting with", "beginning with", NULL};

/* field OP year as dates: before 2025 is before its first day, after
 * 2024 from 2025's first day, "in 2025" (==) the days of the year. */
static json_t *year_leaf(const char *field, const char *op, int year)
{
    char from[24], to[24]; /* room for any int, to please the compiler */
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-01-01", year + 1);
    if (!strcmp(op, "<"))
        return leaf(field, "<", json_string(from));
    if (!strcmp(op, ">="))
        return leaf(field, ">=", json_string(from));
    if (!strcmp(op, ">"))
        return leaf(field, ">=", json_string(to));
    if (!strcmp(op, "<="))
        return leaf(field, "<", json_string(to));
    json_t *in = combine("and", leaf(field, ">=", json_string(from)),
                         leaf(field, "<", json_string(to)));
    return strcmp(op, "!=") ? in : negate(in);
}

/* A domain in quotes, "'@acme.com'" or "'acme.com'", as "@acme.com"; the
 * position moves past it. */
static bool quoted_domain(struct parser *p, char *out, size_t size)
{
    const struct tok *t = cur(p);
    if (t->kind != TK_QUOTED || t->unterminated)
        return false;
    const char *d = t->text + (t->text[0] == '@');
    size_t n = strlen(d);
    if (!n || !strchr(d, '.') || d[n - 1] == '.' || d[0] == '.' ||
        n + 2 > size)
        return false;
    for (const char *c = d; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '.' && *c != '-')
            return false;
    snprintf(out, size, "@%s", d);
    for (char *c = out; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    p->i++;
    return true;
}

/* Words that say whether a field has a value ("isn't set", "is null"),
 * besides lex_ops' own ("is not set"), and which they say. */
static const struct {
    const char *words;
    bool has;
} presence[] = {{"set", true},      {"present", true},  {"known", true},
                {"filled in", true}, {"filled", true},  {"populated", true},
                {"defined", true},  {"empty", false},   {"blank", false},
                {"missing", false}, {"unknown", false}, {"null", false},
                {"unset", false},   {"undefined", false},
                {"specified", true}, {"provided", true}, {"given", true},
                {"available", true}, {"entered", true}, {"recorded", true},
                {NULL, false}};

/* "(is missing) or empty", "or is blank": a second word for the same
 * test, read with the first (has: what the first one says). */
static void presence_or(struct parser *p, bool has)
{
    int back = p->i, w = -1, ol, m;
    const struct lex_op *o;
    if (!accept(p, "or"))
        return;
    if ((m = TABLE_AT(p, presence, &w)) && presence[w].has == has) {
        p->i += m;
        return;
    }
    if ((o = op_at(p, &ol)) && o->no_value && !o->negate == has) {
        p->i += ol;
        return;
    }
    p->i = back;
}

/* A word of presence[] here, where the next word is not the value's:
 * whether field has a value ("is set", "== present": it has one; with
 * `eq` false, "!= set", it has none). NULL, position kept, otherwise. */
static json_t *presence_leaf(struct parser *p, const char *field, bool eq)
{
    int pr = -1, pm = TABLE_AT(p, presence, &pr);
    const struct tok *after = at(p, pm);
    if (!pm || !(after->kind != TK_WORD || is_word(after, "and") ||
                 is_word(after, "or") || is_word(after, "then") ||
                 is_word(after, "but")))
        return NULL;
    p->i += pm;
    presence_or(p, presence[pr].has);
    json_t *l = leaf(field, "exists", NULL);
    return presence[pr].has == eq ? l : negate(l);
}

/* The type of the values of a field by its path (text when it is none
 * of lex_fields': a custom field, memory, a form's). */
static enum lex_vtype field_vtype(const char *path)
{
    for (const struct lex_field *f = lex_fields; f->words; f++)
        if (!strcmp(f->path, path))
            return f->vt;
    return VT_TEXT;
}

/* A stage field (a deal's, the one before a move) that is closed, won or
 * lost, or (closed false) open: neither. */
static json_t *stage_closed(const char *field, bool closed)
{
    const char *op = closed ? "==" : "!=";
    return combine(closed ? "or" : "and",
                   leaf(field, op, json_string("Closed Won")),
                   leaf(field, op, json_string("Closed Lost")));
}

static json_t *time_span(struct parser *p, const char *field,
                         bool behind_now);

/* Whether a path ("contact.trialEndDate") names no built-in field of a
 * contact, company or deal: a custom field. */
static bool custom_field(const char *path)
{
    const char *dot = strchr(path, '.');
    if (!dot)
        return false;
    const char *const *list = !strncmp(path, "contact.", 8) ? contact_fields
                              : !strncmp(path, "deal.", 5)  ? deal_fields
                              : !strncmp(path, "company.", 8)
                                  ? company_fields
                                  : NULL;
    return list && !canonical_in(list, dot + 1);
}

/* The day after a day relative to the run ("today" -> "today+1d",
 * "today-1d" -> "today"), into out; false when rel names no day. */
static bool day_after(const char *rel, char *out, size_t size)
{
    if (!rel || strncmp(rel, "today", 5))
        return false;
    long long n = 0;
    if (rel[5]) {
        char sign = rel[5], *end;
        if (sign != '+' && sign != '-')
            return false;
        n = strtoll(rel + 6, &end, 10);
        if (end == rel + 6 || strcmp(end, "d"))
            return false;
        if (sign == '-')
            n = -n;
    }
    n++;
    if (n == 0)
        snprintf(out, size, "today");
    else
        snprintf(out, size, "today%+lldd", n);
    return true;
}

/* FIELD OP VALUE [or VALUE]* with FIELD given. */
static json_t *and_above(struct parser *p, const char *title);

/* "anything but Closed Lost", "any stage except Lead": any value other
 * than the one named (after "changes to", "moves to"). */
static const char *const anything_but[] = {
    "anything except", "anything but", "anything other than",
    "any stage except for", "any stage except", "any stage but",
    "any stage other than", "any other stage than", "every stage except",
    "every stage but", "all stages except", "all stages but", NULL};

/* "whose title is Director or above", "with a title of VP and higher":
 * the title and those above it, as "Directors and above" reads. Returns
 * 1 with *out set (v freed), 0 when no such words follow (v is still the
 * caller's), -1 when they follow a title with no ladder (refused; v
 * freed). */
static int title_up(struct parser *p, const char *field, json_t *v,
                    json_t **out)
{
    *out = NULL;
    if (strcmp(field, "contact.title") != 0 || !json_is_string(v))
        return 0;
    static const char *const above[] = {"and above", "or above",
                                        "and higher", "or higher", NULL};
    if (!list_at(p, 0, above, NULL))
        return 0;
    *out = and_above(p, json_string_value(v));
    json_decref(v);
    return *out ? 1 : -1;
}

static json_t *compare(struct parser *p, const char *field, enum lex_vtype vt)
{
    int save = p->i;
    /* "between 50 and 80": both ends included */
    static const char *const between[] = {
        "is between", "are between", "between", "is not between",
        "isn't between", "are not between", "aren't between",
        "not between", NULL};
    int bw = accept_list(p, between);
    if (bw >= 0) {
        /* "value is not between 1k and 5k": outside the range */
        bool outside = strstr(between[bw], "not") ||
                       strstr(between[bw], "n't");
        json_t *in = range_of(p, field, vt, save);
        return in && outside ? negate(in) : in;
    }
    /* "whose trialEndDate is in the next 3 days": a custom field (of no
     * known type) compared with a span of time is a time */
    static const char *const span_words[] = {
        "is in the next", "is in the last", "is in the past", "is within",
        "are in the next", "are in the last", "are within", "was in the "
        "last", "was within", "in the next", "in the last", "in the past",
        "within the next", "within the last", NULL};
    if (vt == VT_TEXT && custom_field(field) &&
        list_at(p, 0, span_words, NULL)) {
        json_t *span = time_span(p, field, false);
        if (span)
            return span;
        p->i = save;
    }
    int ol;
    const struct lex_op *o = op_at(p, &ol);
    /* a text that moved: "status changed to Customer", "becomes Lead"
     * (the value now). Looked for only where no operator is: op_at is on
     * every condition's path, and these are rare. */
    static const char *const became[] = {"changes to", "changed to",
                                         "has changed to", "is changed to",
                                         "becomes", "became", NULL};
    static const struct lex_op now_is = {"becomes", "==", 0, 0};
    static const struct lex_op now_not = {"becomes anything but", "!=", 0,
                                          0};
    static const struct lex_op since = {"since", ">=", 0, 0};
    /* "changes to anything but Closed Lost": any other value */
    int bm;
    if (!o && (ol = list_at(p, 0, became, NULL)) > 0) {
        o = &now_is;
        if ((bm = list_at(p, ol, anything_but, NULL)) > 0) {
            o = &now_not;
            ol += bm;
        }
    }
    else if (!o && vt == VT_TIME && is_word(cur(p), "since")) {
        o = &since; /* "created since 2026-03-01": on or after */
        ol = 1;
    }
    if (!o) {
        /* "whose lead score increased this week": a change, which a
         * record does not keep */
        static const char *const changed[] = {
            "increased", "decreased", "went up", "went down", "has changed",
            "changed", "dropped", "rose", "grew", "fell", "has increased",
            "has decreased", "has gone up", "has gone down", "has dropped",
            NULL};
        /* ("rose above 80" is a value now: lex_ops has those) */
        static const char *const to_value[] = {"to", "above", "below",
                                               "over", "under", NULL};
        int cm = list_at(p, 0, changed, NULL);
        if (cm && !list_at(p, cm, to_value, NULL)) {
            refuse_words(p, save, p->i + cm,
                         "agentd keeps a field's value, not how it changed: "
                         "compare the value, e.g. with a lead score above "
                         "80 (a schedule can look at it every day)");
            p->i = save;
            return NULL;
        }
        int e = list_at(p, 0, text_edges, NULL);
        /* "email ends with acme.com" / "'@acme.com'": an address at that
         * domain */
        char dom[128];
        if (e && !strcmp(field, "contact.email") &&
            (p->i += e, mail_domain(p, dom, sizeof dom) ||
                            quoted_domain(p, dom, sizeof dom)))
            return leaf(field, "contains", json_string(dom));
        p->i = save;
        fail(p, e
                    ? "agentd compares text with 'contains', not 'starts "
                      "with' or 'ends with': e.g. where email contains "
                      "'@gmail.com'"
                    : no_comparison_why);
        return NULL;
    }
    p->i += ol;
    if (o->no_value) {
        presence_or(p, !o->negate); /* "is missing or empty" */
        json_t *l = leaf(field, o->op, NULL);
        return o->negate ? negate(l) : l;
    }
    /* "status is either Lead or MQL", "is one of Lead, MQL or SQL" (the
     * or-list below) */
    static const char *const one_of[] = {"either", "one of", "any of",
                                         NULL};
    if (!strcmp(o->op, "==") || !strcmp(o->op, "!="))
        p->i += list_at(p, 0, one_of, NULL);
    /* "the company has more than 1000 employees": "has" is no "contains"
     * here (leaf_reversed reads it) */
    int next_len;
    const struct lex_op *o2 = op_at(p, &next_len);
    if (!strcmp(o->op, "contains") && o2 && strcmp(o2->op, "==") &&
        strcmp(o2->op, "contains") && !o2->no_value) {
        p->i = save;
        return NULL;
    }
    /* "created before 2025", "closing after 2026": a year, as dates */
    int year;
    if (vt == VT_TIME && year_at(cur(p), &year) &&
        !((is_punct(at(p, 1), "-") || is_punct(at(p, 1), "/")) &&
          at(p, 1)->start == cur(p)->end)) {
        p->i++;
        json_t *l = year_leaf(field, o->op, year);
        return o->negate ? negate(l) : l;
    }
    /* "has 50 to 200 employees", "has between 50 and 200": a range of a
     * number, which leaf_reversed reads */
    if (!strcmp(o->op, "contains") &&
        (is_word(cur(p), "between") ||
         (cur(p)->kind == TK_NUM &&
          (is_word(at(p, 1), "to") || is_punct(at(p, 1), "-"))))) {
        p->i = save;
        return NULL;
    }
    /* "isn't set", "are empty", "is not null": whether there is a value
     * at all (a word of lex_ops' own, "is not set", is read there; these
     * are the other ways to write one) */
    bool eq = !strcmp(o->op, "==");
    json_t *there = eq || !strcmp(o->op, "!=") ? presence_leaf(p, field, eq)
                                               : NULL;
    if (there)
        return o->negate ? negate(there) : there;
    /* "the stage is not closed", "stage is open": no stage of that name,
     * the ones that are (not) closed */
    if (vt == VT_STAGE && (eq || !strcmp(o->op, "!=")) &&
        (is_word(cur(p), "closed") || is_word(cur(p), "open")) &&
        !is_word(at(p, 1), "won") && !is_word(at(p, 1), "lost")) {
        bool closed = is_word(cur(p), "closed") == eq;
        p->i++;
        json_t *l = stage_closed(field, closed);
        return o->negate ? negate(l) : l;
    }
    /* "is true" on a boolean field, "set to 5" etc. */
    const struct tok *vt0 = cur(p);
    json_t *v = value_of(p, vt);
    if (!v) {
        p->i = save;
        return NULL;
    }
    json_t *up;
    int ladder = title_up(p, field, v, &up);
    if (ladder < 0) {
        p->i = save;
        return NULL;
    }
    if (ladder) /* "whose title isn't Manager or above" */
        return o->negate || !strcmp(o->op, "!=") ? negate(up) : up;
    /* "whose value is large", "whose email is valid", "whose company is
     * big": a judgement, not what the record holds */
    static const char *const judged[] = {
        "valid", "invalid", "verified", "unverified", "correct", "wrong",
        "real", "fake", "good", "bad", "big", "small", "large", "huge",
        "high", "low", "important", NULL};
    const char *f = strchr(field, '.');
    bool held = f && (!strcmp(f, ".email") || !strcmp(f, ".phone") ||
                      !strcmp(f, ".name") || !strcmp(f, ".domain"));
    if (vt0->kind == TK_WORD && json_is_string(v) &&
        (vt == VT_NUM || (held && list_at(p, -1, judged, NULL)))) {
        json_decref(v);
        p->i = save + ol;
        refuse(p, vt == VT_NUM
                      ? "a number is compared with a number: e.g. worth "
                        "more than 50000, with more than 200 employees"
                      : "a condition compares what a record holds: e.g. "
                        "whose email contains '@acme.com', whose company "
                        "is Acme");
        p->i = save;
        return NULL;
    }
    if (vt == VT_TIME && json_is_number(v)) {
        /* "created before 5": no time a run can compare with */
        json_decref(v);
        p->i = save + ol;
        fail(p, "a time is a date or a span: e.g. after 2026-03-01, after "
                "March 1st 2026, in the last 7 days");
        p->i = save;
        return NULL;
    }
    const char *op = bound_op(p, o->op, v);
    /* "whose close date is today", "is not tomorrow": that day, whole (a
     * time is an instant; as "closing today" says) */
    char next[32];
    if (vt == VT_TIME && (!strcmp(op, "==") || !strcmp(op, "!=")) &&
        day_after(json_string_value(v), next, sizeof next)) {
        bool is = !strcmp(op, "==");
        json_t *day = combine(is ? "and" : "or",
                              leaf(field, is ? ">=" : "<", v),
                              leaf(field, is ? "<" : ">=",
                                   json_string(next)));
        return o->negate ? negate(day) : day;
    }
    /* Text "before/after" on times reads as < and > (already in lex_ops). */
    json_t *l = leaf(field, op, stored_value(field, v));
    /* "whose title includes Sales but not Intern": and not the other */
    int bn = p->i;
    if ((!strcmp(op, "contains") || !strcmp(op, "==")) && !o->negate &&
        accept(p, "but not")) {
        json_t *w = value_of(p, vt);
        if (w)
            return combine("and", l, negate(leaf(field, op,
                                                 stored_value(field, w))));
        p->i = bn;
    }
    /* "Berlin or Munich", "Proposal or Negotiation", "contains VP or
     * Director": same field, same comparison. */
    if (vt == VT_TAGS && !strcmp(op, "contains") && !o->negate) {
        /* "whose tags include 'a' and 'b'": all of them; "'a' or 'b'":
         * any */
        l = more_tags(p, l);
    } else if (!strcmp(op, "==") || !strcmp(op, "contains")) {
        /* "status is Lead, MQL and SQL": a field with one value is any
         * of them (not so a title or tags that contain them) */
        struct same_cmp same = {field, op, vt};
        l = (strcmp(op, "==") || vt == VT_TAGS ? or_chain : any_chain)(
            p, l, next_value, &same);
    } else if (!strcmp(op, "!=")) {
        /* "stage is not Closed Won or Closed Lost": neither of them */
        struct same_cmp same = {field, op, vt};
        l = or_chain(p, l, next_value, &same);
        json_t *list = json_object_get(l, "or");
        if (list) {
            json_incref(list);
            json_object_del(l, "or");
            json_object_set_new(l, "and", list);
        }
    }
    if (!strcmp(op, "contains")) /* "has 'founder' in it" */
        accept(p, "in it");
    if (vt == VT_TAGS)
        l = tag_membership(l);
    return o->negate ? negate(l) : l;
}

/* created/updated ... in the last N days, today, yesterday, more than N
 * days ago. */
/* "now-30d", "now+2w": n units before (sign '-') or after now; a month
 * counts as 30 days, a year as 365. */
static void rel_time(char *rel, size_t size, char sign, int64_t n,
                     const struct lex_unit *u)
{
    if (u->rel == 'd' && u->seconds > 86400)
        snprintf(rel, size, "now%c%lldd", sign,
                 (long long)(n * (u->seconds / 86400)));
    else
        snprintf(rel, size, "now%c%lld%c", sign, (long long)n, u->rel);
}

/* "more than 30 days ago" / "less than 2 weeks ago", or NULL (position
 * kept). */
static json_t *ago_leaf(struct parser *p, const char *field)
{
    int save = p->i;
    int64_t secs, n;
    const struct lex_unit *u;
    char rel[32];
    /* `age`: the words say an age ("older than 2 weeks"), so "ago" may
     * be left out */
    static const struct {
        const char *words, *op;
        bool age;
    } ago[] = {{"more than", "<", false},   {"over", "<", false},
               {"at least", "<", false},    {"less than", ">=", false},
               {"under", ">=", false},      {"within", ">=", false},
               {"no more than", ">=", false}, {"older than", "<", true},
               {"newer than", ">=", true},  {"younger than", ">=", true},
               {NULL, NULL, false}};
    for (int j = 0; ago[j].words; j++) {
        int m = phrase_at(p, 0, ago[j].words);
        if (!m)
            continue;
        p->i += m;
        if (duration(p, &secs, &n, &u) &&
            (accept(p, "ago") || accept(p, "old") || ago[j].age)) {
            rel_time(rel, sizeof rel, '-', n, u);
            return leaf(field, ago[j].op, json_string(rel));
        }
        break;
    }
    p->i = save;
    return NULL;
}

/* A year written as a number: 1970 to 2199, no suffix. */
static bool year_at(const struct tok *t, int *year)
{
    if (t->kind != TK_NUM || t->suffix[0] || t->money || t->num < 1970 ||
        t->num > 2199 || t->num != (int)t->num)
        return false;
    *year = (int)t->num;
    return true;
}

/* Whether token k is a month's name or a year: "closing in March 2027"
 * names dates (calendar_leaf), not a span ahead. */
/* "Q1" .. "Q4": the quarter, 1..4; 0 if t is none. */
static int quarter_of(const struct tok *t)
{
    return t->kind == TK_WORD && t->text[0] == 'q' && t->text[1] >= '1' &&
                   t->text[1] <= '4' && !t->text[2]
               ? t->text[1] - '0'
               : 0;
}

static bool calendar_at(struct parser *p, int k)
{
    int year;
    return list_at(p, k, lex_months, NULL) || year_at(at(p, k), &year) ||
           quarter_of(at(p, k));
}

/* "created in January 2026", "in March 2025", "during 2025": that month
 * or year, from its first day to the next one's (dates, compared as the
 * engine compares "2026-01-01"). A month without its year is refused:
 * which January? NULL (position kept) when the words are none of these. */
static json_t *calendar_leaf(struct parser *p, const char *field)
{
    int save = p->i;
    if (!accept(p, "in") && !accept(p, "during"))
        return NULL;
    int year, mi = p->i;
    int month = month_at(p);
    /* "in Q1 2026": its three months */
    int quarter = month ? 0 : quarter_of(cur(p));
    if (quarter) {
        p->i++;
        month = 3 * quarter - 2;
    }
    if (month) {
        accept_punct(p, ",");
        accept(p, "of");
    }
    if (!year_at(cur(p), &year)) {
        p->i = mi; /* at the month */
        if (month)
            refuse(p, quarter ? "which year? e.g. closing in Q1 2027"
                              : "which year? e.g. created in January 2026");
        p->i = save;
        return NULL;
    }
    p->i++;
    if (!month)
        return year_leaf(field, "==", year);
    int last = quarter ? month + 2 : month; /* the span's last month */
    char from[24], to[24]; /* room for any int, to please the compiler */
    snprintf(from, sizeof from, "%04d-%02d-01", year, month);
    snprintf(to, sizeof to, "%04d-%02d-01", last == 12 ? year + 1 : year,
             last % 12 + 1);
    return combine("and", leaf(field, ">=", json_string(from)),
                   leaf(field, "<", json_string(to)));
}

/* field >= since, for a span that ends now ("in the last 30 days", "last
 * week"). A close date may lie ahead, so its span also ends now: deals
 * "with a close date in the last 30 days" are not those closing next
 * month. */
static json_t *since_leaf(const char *field, const char *since)
{
    json_t *l = leaf(field, ">=", json_string(since));
    if (strcmp(field, "deal.closeDate"))
        return l;
    return combine("and", l, leaf(field, "<", json_string("now")));
}

/* "in exactly 30 days", "30 days from now", "two weeks from today": that
 * day, ahead (as "tomorrow" is), for a close date. NULL, position kept,
 * otherwise ("in 30 days" alone is the span up to then). */
static json_t *day_ahead(struct parser *p, const char *field)
{
    int save = p->i;
    bool in = accept(p, "in") || accept(p, "on");
    bool exact = accept(p, "exactly");
    int64_t secs;
    if (duration(p, &secs, NULL, NULL) && secs > 0 && secs % 86400 == 0) {
        bool from = accept(p, "from now") || accept(p, "from today");
        if (!exact)
            exact = accept(p, "exactly");
        if ((exact || from) && !(in && from)) {
            char a[32], b[32];
            long long d = (long long)(secs / 86400);
            snprintf(a, sizeof a, "today+%lldd", d);
            snprintf(b, sizeof b, "today+%lldd", d + 1);
            return combine("and", leaf(field, ">=", json_string(a)),
                           leaf(field, "<", json_string(b)));
        }
    }
    p->i = save;
    return NULL;
}

/* A time of field in the words here: a span, a day, a calendar month or
 * year. A close date is read ahead ("closing this week", "in 30 days")
 * unless `behind_now` says the date is past (a deal "won this week"
 * closed in the last 7 days). NULL (position kept) when the words are no
 * time. */
static json_t *time_span(struct parser *p, const char *field, bool behind_now)
{
    int save = p->i;
    int64_t secs, n;
    const struct lex_unit *u;
    char rel[32];
    static const char *const within[] = {
        "in the last", "in the past", "within the last", "within the past",
        "over the last", "over the past", "during the last", "within",
        "in the previous", NULL};
    static const char *const ahead[] = {
        "in the next", "within the next", "over the next", "in the coming",
        "during the next", "in the following", NULL};
    /* "the close date has passed", "is already past" */
    static const char *const gone[] = {"has passed", "has already passed",
                                       "already passed", "is past",
                                       "is already past", "passed", NULL};
    if (accept_list(p, gone) >= 0)
        return leaf(field, "<", json_string("now"));
    /* "closing in the next 30 days", "is in the next week"; a close date
     * "within 30 days" is ahead too (a creation date within 30 days is
     * behind). "is today" stays a comparison (compare()). */
    static const char *const be[] = {"is", "are", "was", "were",
                                     "has been", "have been", NULL};
    bool verb = accept_list(p, be) >= 0;
    int after_verb = p->i;
    if (!behind_now && !strcmp(field, "deal.closeDate")) {
        json_t *day = day_ahead(p, field);
        if (day)
            return day;
    }
    /* "the close date is in the past" (not "in the past 7 days") */
    static const char *const past[] = {"in the past", "in the future", NULL};
    int pw = -1, pm = list_at(p, 0, past, &pw);
    if (pm && at(p, pm)->kind != TK_NUM && !is_word(at(p, pm), "a") &&
        !is_word(at(p, pm), "an")) {
        p->i += pm;
        if (!unit_word(p))
            return leaf(field, pw == 0 ? "<" : ">", json_string("now"));
        p->i = after_verb;
    }
    bool future = !behind_now && accept_list(p, ahead) >= 0;
    if (!future && !behind_now && !strcmp(field, "deal.closeDate") &&
        (is_word(cur(p), "within") || is_word(cur(p), "in")) &&
        !is_word(at(p, 1), "the") && !calendar_at(p, 1)) {
        p->i++;
        future = true;
    }
    if (!future)
        p->i = after_verb;
    if (future) {
        if (!duration(p, &secs, &n, &u)) {
            u = unit_word(p); /* "in the next week" */
            n = 1;
        }
        if (!u) {
            p->i = save;
            return NULL;
        }
        rel_time(rel, sizeof rel, '+', n, u);
        return leaf(field, "<=", json_string(rel));
    }
    /* "(not) updated in 14 days", "for a month": the last N, on a time
     * that is past (a close date "in 30 days" is ahead, above) */
    static const char *const span[] = {
        "in", "for", "for more than", "for over", "for at least",
        "for longer than", "in more than", "in over", NULL};
    bool in_span = false;
    int sp = p->i;
    if (accept_list(p, span) >= 0) {
        int d = p->i;
        in_span = duration(p, &secs, &n, &u); /* "in a month" too */
        p->i = in_span ? d : sp;
    }
    if (in_span || accept_list(p, within) >= 0) {
        if (!duration(p, &secs, &n, &u)) {
            /* "in the last day", "in the past week" */
            u = unit_word(p);
            if (!u) {
                p->i = save;
                return NULL;
            }
            n = 1;
        }
        rel_time(rel, sizeof rel, '-', n, u);
        return since_leaf(field, rel);
    }
    /* "was more than 90 days ago" */
    json_t *ago = ago_leaf(p, field);
    if (ago)
        return ago;
    /* "is today" is an equality: compare() reads it. */
    if (verb) {
        p->i = save;
        return NULL;
    }
    /* A close date is ahead: "closing today" is today only, "closing
     * tomorrow" tomorrow, "this week" the next 7 days, "next week" the 7
     * after them (and months as 30 days). */
    if (!behind_now && !strcmp(field, "deal.closeDate")) {
        static const struct {
            const char *words, *from, *to, *to_op;
        } ahead_days[] = {
            {"today", "today", "today+1d", "<"},
            {"tomorrow", "today+1d", "today+2d", "<"},
            {"this week", "today", "now+7d", "<="},
            {"this month", "today", "now+30d", "<="},
            {"this quarter", "today", "now+90d", "<="},
            {"this year", "today", "now+365d", "<="},
            {"next week", "today+7d", "today+14d", "<"},
            {"next month", "today+30d", "today+60d", "<"},
            {NULL, NULL, NULL, NULL}};
        int r = -1;
        int m = TABLE_AT(p, ahead_days, &r);
        if (m) {
            p->i += m;
            return json_pack("{s:[o,o]}", "and",
                             leaf(field, ">=", json_string(ahead_days[r].from)),
                             leaf(field, ahead_days[r].to_op,
                                  json_string(ahead_days[r].to)));
        }
    }
    if (accept(p, "today") || accept(p, "this day"))
        return since_leaf(field, "today");
    if (accept(p, "yesterday")) {
        return json_pack("{s:[o,o]}", "and",
                         leaf(field, ">=", json_string("today-1d")),
                         leaf(field, "<", json_string("today")));
    }
    /* spans back from now, as "this week" ahead is the next 7 days;
     * "created last week" is the same span, the last 7 days (a weekly
     * agent's "last week"; a calendar week fixed when the instruction is
     * read would be wrong on every later run) */
    static const struct {
        const char *words, *since;
    } behind[] = {{"this week", "now-7d"},      {"this month", "now-30d"},
                  {"this quarter", "now-90d"}, {"this year", "now-365d"},
                  {"last week", "now-7d"},     {"last month", "now-30d"},
                  {"last quarter", "now-90d"}, {"last year", "now-365d"},
                  {NULL, NULL}};
    int b = -1, bm = TABLE_AT(p, behind, &b);
    if (bm) {
        p->i += bm;
        return since_leaf(field, behind[b].since);
    }
    json_t *cal = calendar_leaf(p, field);
    if (cal)
        return cal;
    p->i = save;
    return NULL;
}

static json_t *time_leaf(struct parser *p, const char *field)
{
    return time_span(p, field, false);
}

/* Whether the words before token k introduce a field with "with" or
 * "having" ("with the title ..."), also further along the same list:
 * "with a lead score over 70 and status Lead" (the nearest word before the
 * "and" that introduces a condition is "with"). */
static bool after_with(const struct parser *p, int k)
{
    if (k >= 2 && (is_word(&p->t[k - 1], "the") ||
                   is_word(&p->t[k - 1], "a") || is_word(&p->t[k - 1], "an")))
        k--;
    if (k < 1)
        return false;
    if (is_word(&p->t[k - 1], "with") || is_word(&p->t[k - 1], "having"))
        return true;
    /* "... and tag them": a step, not the field "tag" */
    if (!is_word(&p->t[k - 1], "and") || starts_step_word(&p->t[k]))
        return false;
    static const char *const opens[] = {"where", "whose", "who", "that",
                                        "which", "if", "when", "unless", NULL};
    for (int j = k - 2; j >= 0 && j >= k - 16; j--) {
        const struct tok *t = &p->t[j];
        if (is_word(t, "with") || is_word(t, "having"))
            return true;
        if (t->kind == TK_PUNCT || t->kind == TK_NL || t->kind == TK_MARK)
            return false;
        for (const char *const *o = opens; *o; o++)
            if (is_word(t, *o))
                return false;
    }
    return false;
}

/* A contact has a first and a last name, no "name": "name contains
 * John" is either of them; "name is John Smith" is both, in order.
 * Takes c and returns it with each contact.name leaf replaced (a leaf
 * alone is replaced by a new condition). */
static json_t *whole_name(json_t *c)
{
    const char *kw = json_object_get(c, "and")  ? "and"
                     : json_object_get(c, "or") ? "or"
                                                : NULL;
    if (kw) {
        json_t *list = json_object_get(c, kw), *x;
        size_t k;
        json_array_foreach(list, k, x)
            json_array_set_new(list, k, whole_name(json_incref(x)));
        return c;
    }
    json_t *inner = json_object_get(c, "not");
    if (inner) {
        json_object_set_new(c, "not", whole_name(json_incref(inner)));
        return c;
    }
    const char *field = json_string_value(json_object_get(c, "field"));
    if (!field || strcmp(field, "contact.name"))
        return c;
    const char *op = json_string_value(json_object_get(c, "operator"));
    json_t *v = json_object_get(c, "value");
    const char *text = json_string_value(v);
    const char *sp = text ? strchr(text, ' ') : NULL;
    json_t *out;
    if (sp && (!strcmp(op, "==") || !strcmp(op, "!=") ||
               !strcmp(op, "contains"))) {
        /* "John Smith": the first word is the first name */
        json_t *a = leaf("contact.firstName", op,
                         json_stringn(text, (size_t)(sp - text)));
        json_t *b = leaf("contact.lastName", op, json_string(sp + 1));
        out = combine(!strcmp(op, "!=") ? "or" : "and", a, b);
    } else if (!strcmp(op, "exists")) {
        out = combine("or", leaf("contact.firstName", op, NULL),
                      leaf("contact.lastName", op, NULL));
    } else {
        /* "!=": neither name is it; anything else: either is */
        out = combine(!strcmp(op, "!=") ? "and" : "or",
                      leaf("contact.firstName", op, json_incref(v)),
                      leaf("contact.lastName", op, json_incref(v)));
    }
    json_decref(c);
    return out;
}

/* "budget", "company size", "team size": one to three words of a
 * submitted form's field, then a comparison; "form.companySize" (camelCase
 * as the built-in fields) into out. Position after the words, or kept
 * (false). */
static bool form_words(struct parser *p, char *out, size_t size)
{
    int k = 0, ol;
    while (k < 3 && custom_name(at(p, k), false) && !is_reserved(at(p, k)))
        k++;
    for (int n = k; n > 0; n--) { /* the longest that a comparison ends */
        int save = p->i;
        p->i += n;
        bool op = op_at(p, &ol) != NULL;
        p->i = save;
        if (!op)
            continue;
        if (!camel_key(p, "form", n, out, size))
            return false;
        p->i += n;
        return true;
    }
    return false;
}

/* "custom field 'tier'", "the form's budget": one of the words `kw` that
 * say a field follows, then its name (quoted, or one word that can be a
 * field's name). The name as written; NULL, position kept, if none. */
static const char *named_field(struct parser *p, const char *const *kw)
{
    int m = list_at(p, 0, kw, NULL);
    const struct tok *w = at(p, m);
    if (!m || !(w->kind == TK_QUOTED ? w->text[0] != '\0'
                                     : custom_name(w, false)))
        return NULL;
    p->i += m + 1;
    return w->kind == TK_QUOTED ? w->text : w->raw;
}

static json_t *leaf_generic(struct parser *p, enum cctx c)
{
    int save = p->i;
    char field[256];
    enum lex_vtype vt = VT_TEXT;
    bool by_name = false; /* the words said a contact's name */
    if (path_field(p, field, sizeof field, &vt)) {
        /* contact.title, @deal.value: the field as plan.md writes it;
         * "if contact.openedEmail and not contact.replied": a yes/no
         * field alone is true */
        const struct tok *t = cur(p);
        if (vt == VT_BOOL &&
            (t->kind == TK_EOF || t->kind == TK_NL || is_punct(t, ",") ||
             is_punct(t, ".") || is_punct(t, ";") || is_punct(t, ")") ||
             is_word(t, "and") || is_word(t, "or") || is_word(t, "then")))
            return leaf(field, "==", json_true());
    } else {
        if (c == C_WHERE) {
            /* "in the city of Berlin", "from Germany" */
            if (!accept(p, "in the"))
                accept(p, "in");
        }
        int fs = p->i;
        /* "whose company revenue is over 10M", "the company's tier is
         * 'A'": a custom field of the contact's company (one of its own
         * fields is read below) */
        static const char *const co[] = {
            "the company's", "their company's", "company's", "the company",
            "their company", "company", NULL};
        int cm = list_at(p, 0, co, NULL), ck = 0, col;
        while (cm && ck < 3 && custom_name(at(p, cm + ck), false))
            ck++;
        p->i = fs + cm + ck;
        bool cop = cm && ck && op_at(p, &col) != NULL;
        p->i = fs;
        bool found = field_words(p, field, sizeof field, &vt);
        /* (when the known fields read no more than "company": "company
         * website" is its domain) */
        if (cop && (!found || p->i <= fs + cm)) {
            p->i = fs + cm;
            if (camel_key(p, "company", ck, field, sizeof field)) {
                p->i += ck;
                return compare(p, field, VT_TEXT);
            }
            p->i = fs;
            found = field_words(p, field, sizeof field, &vt);
        }
        if (!found) {
            p->i = fs;
            skip_subject(p);
            /* "the contact has a title containing CEO" */
            static const char *const has[] = {
                "has a", "has an", "have a", "have an", "were", "was",
                "have been", "has been", NULL};
            accept_list(p, has);
            fs = p->i;
            found = field_words(p, field, sizeof field, &vt);
        }
        if (!found && p->scope != SC_DEAL) {
            /* "whose name contains John", "full name is John Smith" */
            static const char *const names[] = {
                "the contact's full name", "the contact's name",
                "contact's name", "the contact name", "contact name",
                "their full name", "their name", "full name", "the name",
                "name", NULL};
            p->i = fs;
            int m = list_at(p, 0, names, NULL), ol;
            p->i += m;
            if (m &&
                (op_at(p, &ol) || (c == C_WHERE && after_with(p, save)))) {
                snprintf(field, sizeof field, "contact.name");
                vt = VT_TEXT;
                found = by_name = true;
            }
        }
        if (!found) {
            /* "the form's budget is over 10000", "form field 'plan' is
             * Pro", "the form's company size": what the submitted form
             * said (form.<field>); in a form trigger's conditions, "the
             * budget" too */
            static const char *const ff[] = {
                "the form's", "form's", "the form field", "form field",
                "the submitted", NULL};
            static const char *const arts[] = {"the", "a", "an", "their",
                                               NULL};
            p->i = fs;
            int ol;
            const char *name = named_field(p, ff);
            if (name) {
                accept(p, "field");
                if (op_at(p, &ol)) {
                    snprintf(field, sizeof field, "form.%s", name);
                    vt = vt_of_path(field);
                    found = true;
                }
            }
            /* (also in an if of an agent a form starts: "When a form is
             * submitted, if the budget is over 5000, ...") */
            const char *ev = jx_str(p->opened_by, "event");
            bool form = p->form_fields ||
                        (c != C_WHERE && ev && !strcmp(ev, "form_submitted"));
            int fm = 0;
            if (!found) {
                p->i = fs;
                fm = list_at(p, 0, ff, NULL);
                if (!fm && form)
                    fm = list_at(p, 0, arts, NULL);
            }
            if (!found && (fm || form)) {
                p->i += fm;
                found = form_words(p, field, sizeof field);
                if (found)
                    vt = vt_of_path(field);
                else
                    p->i = fs;
            }
        }
        if (!found) {
            /* "custom field 'tier' is 'Gold'", "the custom field plan":
             * the words say it is a field, whatever its name */
            static const char *const cf[] = {
                "the custom field", "custom field", "the custom property",
                "custom property", "the field", "field", NULL};
            p->i = fs;
            int ol;
            const char *name = named_field(p, cf);
            if (name) {
                if (op_at(p, &ol) || (c == C_WHERE && after_with(p, save))) {
                    snprintf(field, sizeof field, "%s.%s",
                             p->scope == SC_DEAL ? "deal" : "contact", name);
                    found = true;
                }
            }
        }
        if (!found) {
            p->i = fs;
            const struct tok *w = cur(p);
            int ol;
            /* A word that is no known field is a custom field only where
             * the wording says it is one: camelCase or snake_case, or a
             * symbolic comparison after it, or straight after "where". */
            bool after_where = is_word(at(p, -1), "where") ||
                               is_word(at(p, -1), "whose");
            /* "where NPS score is below 7", "whose plan tier is 'Gold'":
             * two or three such words before the comparison, the key in
             * camelCase ("npsScore") */
            int k = 0;
            while (c == C_WHERE && after_where && k < 3 &&
                   custom_name(at(p, k), false))
                k++;
            p->i = fs + k;
            bool op_k = k > 1 && op_at(p, &ol) != NULL;
            p->i = fs;
            if (op_k && camel_key(p, p->scope == SC_DEAL ? "deal" : "contact",
                                  k, field, sizeof field)) {
                p->i += k;
                return compare(p, field, VT_TEXT);
            }
            p->i++;
            bool op_next = op_at(p, &ol) != NULL;
            bool symbolic = cur(p)->kind == TK_OP;
            p->i = fs;
            if (!op_next ||
                !custom_name(w, !(symbolic || (c == C_WHERE && after_where)))) {
                p->i = save;
                fail(p, "expected a field name");
                return NULL;
            }
            snprintf(field, sizeof field, "%s.%s",
                     p->scope == SC_DEAL && c == C_WHERE ? "deal" : "contact",
                     w->raw);
            p->i++;
        }
    }
    /* Time fields take relative phrases as well as comparisons. */
    if (vt == VT_TIME) {
        json_t *tl = time_leaf(p, field);
        if (tl)
            return tl;
    }
    /* "contacts with title CEO", "with status 'Lead'": the value straight
     * after the field is an equality. */
    int ol;
    if (c == C_WHERE && vt != VT_TIME && !op_at(p, &ol) &&
        !is_word(cur(p), "between") && after_with(p, save)) {
        /* "with title set", "with phone missing": whether there is one */
        json_t *there = presence_leaf(p, field, true);
        if (there)
            return there;
        json_t *v = value_of(p, vt);
        json_t *up;
        int ladder = v ? title_up(p, field, v, &up) : 0;
        if (ladder) {
            if (ladder < 0)
                p->i = save;
            return up;
        }
        if (v && vt == VT_TAGS) /* "with tags 'a' or 'b'" */
            return more_tags(p, leaf(field, "contains", v));
        if (v && by_name)
            return whole_name(leaf(field, "==", v));
        if (v) {
            /* "with status Lead or Prospect": either */
            const char *op = bound_op(p, "==", v);
            struct same_cmp same = {field, op, vt};
            json_t *l = leaf(field, op, v);
            return strcmp(op, "==") ? l : any_chain(p, l, next_value, &same);
        }
        p->i = save;
        return NULL;
    }
    json_t *l = compare(p, field, vt);
    if (!l)
        p->i = save;
    return by_name && l ? whole_name(l) : l;
}

static const char *const neither_word[] = {"neither", NULL};

/* What was opened: "haven't opened any email", "opened one of our emails
 * yet", "opened at least one email". */
static const char *const opened_what[] = {
    "any of our emails", "one of our emails", "any emails", "any email",
    "an email", "our emails", "our email", "the email", "emails", "email",
    "at least one email", "at least one of our emails", "at least once",
    /* whether they ever opened one: the contact keeps no more */
    "our last email", "the last email", "our latest email",
    "the latest email", "our previous email", "the previous email",
    "my email", "my last email", "my emails", NULL};

static json_t *leaf_bool_phrase(struct parser *p, enum cctx c);

/* "they neither replied nor opened the email": both false. NULL,
 * position kept, otherwise. */
static json_t *leaf_neither(struct parser *p, enum cctx c)
{
    int save = p->i;
    skip_subject(p);
    if (!accept(p, "neither") && !accept(p, "have neither") &&
        !accept(p, "has neither")) {
        p->i = save;
        return NULL;
    }
    json_t *a = leaf_bool_phrase(p, c);
    json_t *b = a && accept(p, "nor") ? leaf_bool_phrase(p, c) : NULL;
    bool plain = a && b && json_is_true(json_object_get(a, "value")) &&
                 json_is_true(json_object_get(b, "value"));
    if (!plain) { /* (only the plain facts: "replied", "opened it") */
        json_decref(a);
        json_decref(b);
        p->i = save;
        return NULL;
    }
    json_object_set_new(a, "value", json_false());
    json_object_set_new(b, "value", json_false());
    return combine("and", a, b);
}

static json_t *leaf_bool_phrase(struct parser *p, enum cctx c)
{
    int save = p->i;
    static const char *const first[] = {"neither", "they", "the", "he",
                                        "she", "it", "contact", NULL};
    if (list_at(p, 0, first, NULL) && word_within(p, 4, neither_word)) {
        json_t *n = leaf_neither(p, c);
        if (n)
            return n;
    }
    skip_subject(p);
    int which = -1;
    int best = TABLE_AT(p, lex_bool_phrases, &which);
    /* "they have opened an email", "has already replied", "had ever
     * opened one": the tense says nothing more */
    static const char *const have[] = {"have", "has", "had", NULL};
    static const char *const ever[] = {"ever", "already", NULL};
    int hv = best ? 0 : list_at(p, 0, have, NULL);
    if (!best) /* (also with no "have": "who already replied") */
        hv += list_at(p, hv, ever, NULL);
    if (hv) {
        p->i += hv;
        best = TABLE_AT(p, lex_bool_phrases, &which);
        if (!best)
            p->i -= hv;
    }
    const struct lex_bool_phrase *bp = best ? &lex_bool_phrases[which] : NULL;
    if (!bp) {
        p->i = save;
        return NULL;
    }
    p->i += best;
    /* "opened an email before" ("in the past 7 days" is a time, below) */
    static const char *const before[] = {"before", "previously", "already",
                                         "at some point", NULL};
    accept_list(p, before);
    /* "haven't opened any email", "opened one of our emails yet",
     * "opened at least one email" */
    if (!strcmp(bp->path, "contact.openedEmail"))
        accept_list(p, opened_what);
    /* "replied" followed by an operator is a field comparison, handled
     * by leaf_generic. */
    int ol;
    if (op_at(p, &ol) && !is_word(cur(p), "after") &&
        !is_word(cur(p), "within") && !is_word(cur(p), "in")) {
        p->i = save;
        return NULL;
    }
    accept(p, "yet");
    /* "replied in the last 7 days", "opened it yesterday": a contact's
     * record says whether, not when; said, not dropped */
    static const char *const when[] = {
        "in the last", "within the last", "in the past", "within the past",
        "over the last", "during the last", "yesterday", "today",
        "this week", "last week", "this month", "last month", "recently",
        "since", NULL};
    if (bp->value && strcmp(bp->path, "contact.interested") &&
        list_at(p, 0, when, NULL)) {
        refuse(p, "agentd keeps whether a contact replied or opened an "
                  "email, not when: leave the time out (e.g. contacts who "
                  "replied), or use when they were last contacted (e.g. "
                  "contacted in the last 7 days)");
        p->i = save;
        return NULL;
    }
    json_t *l = leaf(bp->path, "==", json_boolean(bp->value));
    /* "haven't replied or opened": the "not" is the second verb's too,
     * neither happened (a verb with its own helper word, "or have
     * opened", is its own condition, read after the "or") */
    int w2, m2 = bp->value || !is_word(cur(p), "or")
                     ? 0
                     : rows_at(p, 1, &lex_bool_phrases[0].words,
                               sizeof lex_bool_phrases[0], &w2);
    static const char *const helpers[] = {"have", "has", "had", "did", "do",
                                          "does", "are", "is", "was",
                                          "were", "we", "there", "got",
                                          "no", "not", NULL};
    if (m2 && lex_bool_phrases[w2].value && !list_at(p, 1, helpers, NULL) &&
        strcmp(lex_bool_phrases[w2].path, bp->path)) {
        const struct lex_bool_phrase *b2 = &lex_bool_phrases[w2];
        p->i += 1 + m2;
        if (!strcmp(b2->path, "contact.openedEmail"))
            accept_list(p, opened_what);
        l = combine("and", l, leaf(b2->path, "==", json_false()));
    }
    /* a reply or an open is awaited: "no reply after 5 days", "if they
     * haven't opened the email within 3 days" */
    if ((strcmp(bp->path, "contact.replied") &&
         strcmp(bp->path, "contact.openedEmail")) ||
        (bp->value && c != C_IF))
        return l;
    int back = p->i;
    /* "if they reply within 3 days": the same wait, then the check */
    static const char *const after[] = {"after", "within", "in", "for",
                                        NULL};
    static const char *const within[] = {"within", NULL};
    int64_t secs, n;
    const struct lex_unit *u;
    if (accept_list(p, bp->value ? within : after) < 0 ||
        !duration(p, &secs, &n, &u)) {
        p->i = back;
        return l;
    }
    if (c == C_IF) {
        /* "if no reply after 5 days": wait first, then check. */
        p->pending_wait = secs;
        return l;
    }
    /* "contacts who haven't replied in 5 days": reached at least 5 days
     * ago (agentd sets lastContactedAt when an e-mail or invitation goes)
     * and no reply since. */
    char rel[32];
    rel_time(rel, sizeof rel, '-', n, u);
    return combine("and", l,
                   leaf("contact.lastContactedAt", "<=", json_string(rel)));
}

static json_t *next_has(struct parser *p, const void *arg);

/* has a LinkedIn URL / has no email / doesn't have a phone / without X. */
static bool field_of(const char *entity, char *field, size_t size);

/* "(with) LinkedIn and invite them", "(with) phone, ...": a text field
 * named with nothing after it that could be its value (the end, a
 * comma, or "and" before a step or another condition). Position kept. */
static bool field_alone(struct parser *p)
{
    /* (the cheap test first: a boundary within the next three words) */
    bool near = false;
    for (int k = 1; k <= 3 && !near; k++) {
        const struct tok *b = at(p, k);
        near = b->kind == TK_EOF || b->kind == TK_NL || is_punct(b, ",") ||
               is_punct(b, ".") || is_word(b, "and");
    }
    if (!near)
        return false;
    int save = p->i;
    char f[128];
    enum lex_vtype vt;
    bool ok = field_words(p, f, sizeof f, &vt) && vt == VT_TEXT;
    const struct tok *t = cur(p);
    static const char *const next[] = {"who", "that", "whose", "with",
                                       NULL};
    ok = ok && (t->kind == TK_EOF || t->kind == TK_NL || is_punct(t, ",") ||
                is_punct(t, ".") ||
                (is_word(t, "and") && (starts_step_word(at(p, 1)) ||
                                       list_at(p, 1, next, NULL))));
    p->i = save;
    return ok;
}

static json_t *leaf_has(struct parser *p)
{
    int save = p->i;
    /* "if the company has a website": a company's field */
    static const char *const co[] = {"the company", "their company",
                                     "its company", "the contact's company",
                                     "the account",
                                     "company", /* "whose company has" */
                                     NULL};
    int cm = list_at(p, 0, co, NULL);
    bool company = cm > 0;
    p->i += cm;
    if (!company)
        skip_subject(p);
    static const char *const yes[] = {"has a", "have a", "has an", "have an",
                                      "has", "have", "with a", "with an",
                                      NULL};
    static const char *const no[] = {
        "has no",        "have no",     "doesn't have a", "doesn't have an",
        "doesn't have",  "don't have a", "don't have an", "don't have",
        "does not have a", "does not have", "do not have a", "do not have",
        "without a",     "without an",  "without any",    "without",
        "no",
        "missing a",     "missing an",  "missing",        "lacks a",
        "lacks an",      "lack a",      "lack an",        "is missing a",
        "is missing an", "are missing a", "are missing an", "are missing",
        "missing their", "with an empty", "with a blank",
        "an empty",      "a blank",     "empty",          "blank",
        "there's no",    "there is no", "there isn't a",  "there isn't an",
        "there is not a", "haven't been assigned an",
        "haven't been assigned a", "hasn't been assigned an",
        "hasn't been assigned a", "have not been assigned an",
        "have not been assigned a", "has not been assigned an",
        "has not been assigned a", "were never assigned an",
        "were never assigned a", NULL};
    /* "with phone numbers", "without email addresses": a field named in
     * the plural, with nothing after it to compare, is there or not */
    static const struct {
        const char *words, *path;
    } plural[] = {{"phone numbers", "contact.phone"},
                  {"phones", "contact.phone"},
                  {"email addresses", "contact.email"},
                  {"emails", "contact.email"},
                  {"linkedin profiles", "contact.linkedinUrl"},
                  {"linkedin urls", "contact.linkedinUrl"},
                  {"linkedin accounts", "contact.linkedinUrl"},
                  {"job titles", "contact.title"},
                  {"titles", "contact.title"},
                  {NULL, NULL}};
    int w;
    bool neg = false;
    if ((w = accept_list(p, no)) >= 0)
        neg = true;
    else if (accept_list(p, yes) < 0 &&
             !(accept(p, "with") &&
               (TABLE_AT(p, plural, NULL) || field_alone(p)))) {
        p->i = save;
        return NULL;
    }
    /* "who have both tags 'a' and 'b'", "either tag 'a' or 'b'" */
    static const char *const tag_nouns[] = {"tags", "tag", NULL};
    if (list_at(p, 1, tag_nouns, NULL) &&
        (is_word(cur(p), "both") || is_word(cur(p), "either")))
        p->i++;
    int pw, pm = TABLE_AT(p, plural, &pw), pol;
    p->i += pm; /* ("with titles containing CEO" compares) */
    if (pm && !op_at(p, &pol) && !list_at(p, 0, text_edges, NULL)) {
        json_t *l = leaf(plural[pw].path, "exists", NULL);
        return neg ? negate(l) : l;
    }
    p->i -= pm;
    char field[256];
    enum lex_vtype vt;
    /* a deal "without a contact": its contactId */
    static const char *const person[] = {"primary contact", "contact person",
                                         "contact", "linked contact", NULL};
    if (p->scope == SC_DEAL && !company && accept_list(p, person) >= 0) {
        static const char *const linked[] = {"attached", "linked",
                                             "assigned", "associated", NULL};
        accept_list(p, linked);
        json_t *l = leaf("deal.contactId", "exists", NULL);
        return neg ? negate(l) : l;
    }
    if (!field_words(p, field, sizeof field, &vt) || vt == VT_BOOL ||
        (company && strncmp(field, "company.", 8) &&
         !field_of("company", field, sizeof field))) {
        p->i = save;
        return NULL;
    }
    /* "has tag 'x'" is membership, not existence; "without tags", "with
     * no tags", "has any tags": whether there is one. */
    if (vt == VT_TAGS) {
        /* ("without a tag as 'untagged'": no tag at all) */
        bool any = is_word(at(p, -1), "tags") ||
                   (neg && is_word(at(p, -1), "tag") &&
                    (cur(p)->kind != TK_WORD || is_reserved(cur(p))));
        if (any && cur(p)->kind != TK_QUOTED) {
            json_t *l = leaf(field, "exists", NULL);
            return neg ? negate(l) : l;
        }
        json_t *v = value_of(p, VT_TEXT);
        if (!v) {
            p->i = save;
            return NULL;
        }
        json_t *l = leaf(field, "contains", v);
        return neg ? negate(l) : more_tags(p, l); /* "... 'a' and 'b'" */
    }
    /* "with a close date in the next 2 weeks" */
    if (vt == VT_TIME && !neg) {
        json_t *tl = time_leaf(p, field);
        if (tl)
            return tl;
    }
    /* "has a title containing CEO", "with an email ending in acme.com"
     * are not existence: let others try. */
    int ol;
    /* ("a contact with no phone is created": the event's words follow) */
    static const char *const made[] = {
        "is created", "was created", "gets created", "is added",
        "was added", "gets added", "is imported", "was imported",
        "are created", "are added", NULL};
    if ((op_at(p, &ol) || is_word(cur(p), "between") ||
         list_at(p, 0, text_edges, NULL)) &&
        !is_word(cur(p), "but") && !is_word(cur(p), "and") &&
        !list_at(p, 0, made, NULL)) {
        p->i = save;
        return NULL;
    }
    accept(p, "field"); /* "with an empty phone field" */
    /* "with no owner assigned", "with a phone number on file" */
    static const char *const kept[] = {"assigned", "set", "on file",
                                       "on record", "listed", "filled in",
                                       "recorded", "attached", NULL};
    accept_list(p, kept);
    json_t *l = leaf(field, "exists", NULL);
    /* "missing a title or company", "with a phone or an email" */
    return or_chain(p, neg ? negate(l) : l, next_has, &neg);
}

/* "or (a) company" after "missing a title": that field's presence, as
 * the first's (arg: bool, whether it is missing). */
static json_t *next_has(struct parser *p, const void *arg)
{
    bool neg = *(const bool *)arg;
    if (!accept(p, "a") && !accept(p, "an") && !accept(p, "no"))
        accept(p, "their");
    char field[256];
    enum lex_vtype vt;
    int ol;
    if (!field_words(p, field, sizeof field, &vt) || vt == VT_BOOL ||
        vt == VT_TAGS || op_at(p, &ol))
        return NULL;
    json_t *l = leaf(field, "exists", NULL);
    return neg ? negate(l) : l;
}

static json_t *adjective_cond(const struct lex_adjective *a);

/* "deals won last week", "that were lost in the last 30 days", "that
 * closed this month", "that aren't closed yet", "still open": a deal's
 * stage by the word for its outcome (lex_adjectives); a span after it is
 * when the deal closed, so behind now. Also "past their close date".
 * NULL (position kept) otherwise. */
static json_t *leaf_deal_state(struct parser *p)
{
    int save = p->i;
    static const char *const be[] = {
        "is", "are", "was", "were", "has been", "have been", "has", "have",
        "got", "get", "gets", NULL};
    static const char *const be_not[] = {
        "is not", "isn't", "are not", "aren't", "was not", "wasn't",
        "were not", "weren't", "has not been", "hasn't been",
        "have not been", "haven't been", "has not", "hasn't", "have not",
        "haven't", "did not", "didn't", "not", NULL};
    bool neg = accept_list(p, be_not) >= 0;
    if (!neg)
        accept_list(p, be);
    accept(p, "still");
    /* "deals marked (as) lost", "flagged as won": the stage */
    static const char *const marked[] = {"marked as", "marked", "flagged as",
                                         "set to", "set as", NULL};
    int mk = p->i;
    if (accept_list(p, marked) >= 0 && !is_word(cur(p), "won") &&
        !is_word(cur(p), "lost") && !is_word(cur(p), "closed") &&
        !is_word(cur(p), "open"))
        p->i = mk;
    static const char *const past_date[] = {
        "past their close date", "past the close date", "past its close date",
        "past their closing date", "past the closing date",
        "past their expected close date", "past the expected close date",
        NULL};
    if (accept_list(p, past_date) >= 0) {
        json_t *c = leaf("deal.closeDate", "<", json_string("now"));
        return neg ? negate(c) : c;
    }
    const struct lex_adjective *best = NULL;
    int len = 0;
    for (const struct lex_adjective *a = lex_adjectives; a->words; a++) {
        int n = strcmp(a->path, "deal.stage") ? 0 : phrase_at(p, 0, a->words);
        if (n > len) {
            best = a;
            len = n;
        }
    }
    /* "deals that didn't close": the verb's plain form after "did" */
    static const char *const plain[][2] = {
        {"close", "closed"}, {"win", "won"}, {"lose", "lost"}};
    for (size_t k = 0; !best && neg && k < sizeof plain / sizeof *plain; k++)
        if (is_word(cur(p), plain[k][0]))
            for (const struct lex_adjective *a = lex_adjectives; a->words;
                 a++)
                if (!strcmp(a->words, plain[k][1]) &&
                    !strcmp(a->path, "deal.stage")) {
                    best = a;
                    len = 1;
                }
    if (!best) {
        p->i = save;
        return NULL;
    }
    p->i += len;
    json_t *c = adjective_cond(best);
    if (best->kind != LEX_ADJ_OPEN)
        c = combine("and", c, time_span(p, "deal.closeDate", true));
    accept(p, "yet");
    return neg ? negate(c) : c;
}

/* The deal a condition is about: "the deal", "their deal", "it". */
static const char *const deal_words[] = {"the deal", "this deal", "a deal",
                                         "their deal", "deal", "it", "it's",
                                         NULL};

/* "the deal is in Negotiation", "the deal reaches Proposal", "the deal
 * is won": the deal's stage. Only with the word "deal": "they are
 * qualified" says nothing about a deal. */
static json_t *leaf_deal_in(struct parser *p)
{
    int save = p->i;
    /* "it" only before a stage's name: "if it's still in Proposal" */
    static const char *const in[] = {
        "is still in", "is still at", "still in", "still at", "in", "at",
        "is still", "is now in", "is in", "is at", "is now", "is already",
        "was already", "has already been", "is already in", "already", "is",
        "reaches", "reached",
        "enters", "entered", "hits", "gets to", "got to", "lands in",
        "has reached", "has entered", "is marked as", "is marked",
        "was marked as", "was marked", "gets marked as", "gets marked",
        "is set to", "is closed as", "closes as", "closed as", "closes",
        "closed", "is closed", "was closed", "gets closed as", "gets closed",
        "gets", "got", "goes to", "went to", "becomes", "became", NULL};
    int w = -1;
    if (accept_list(p, deal_words) < 0) {
        p->i = save;
        return NULL;
    }
    /* "on deal won", "when a deal lost": the outcome right after */
    bool bare = is_word(cur(p), "won") || is_word(cur(p), "lost");
    if (!bare && (w = accept_list(p, in)) < 0) {
        p->i = save;
        return NULL;
    }
    skip_articles(p);
    const char *st = stage_of(p);
    if (!st) {
        if (accept(p, "won"))
            st = "Closed Won";
        else if (accept(p, "lost"))
            st = "Closed Lost";
    }
    if (!st) {
        if (w >= 0 && strstr(in[w], "close"))
            fail(p, "won or lost? e.g. when a deal is won (Closed Won)");
        p->i = save;
        return NULL;
    }
    accept(p, "stage");
    return leaf("deal.stage", "==", json_string(st));
}

/* A stage where one is certain to be named ("moved from _ to _", "in the
 * _ stage"): one of the pipeline's, else NULL, with a refusal when a name
 * ("Demo", 'Discovery') stands there (agentd's pipeline has fixed stages,
 * so a deal would never be in another). */
static const char *named_stage(struct parser *p)
{
    skip_articles(p);
    const char *st = stage_of(p);
    const struct tok *t = cur(p);
    if (!st && (t->kind == TK_QUOTED ||
                (t->kind == TK_WORD && isupper((unsigned char)t->raw[0]))))
        refuse(p, "that is not a deal stage: agentd's deals are in Lead, "
                  "Qualified, Proposal, Negotiation, Closed Won or Closed "
                  "Lost");
    return st;
}

/* The deal moved from Proposal to Negotiation. */
static json_t *leaf_deal_move(struct parser *p)
{
    int save = p->i;
    skip_subject(p);
    static const char *const deal[] = {"deal", "a deal", "any deal", NULL};
    static const char *const moved[] = {"moved", "moves", "went", "changed",
                                        "progressed", "advanced", "was moved",
                                        "has moved", "is moved", "gets moved",
                                        "got moved", "is changed", "moving",
                                        "is moving", "getting moved",
                                        "has changed", "changes", "goes",
                                        "has gone", "slips", "slipped",
                                        NULL};
    /* "the deal stage changed from ...", "its stage went to ...": the
     * stage named as the subject moved */
    static const char *const stage[] = {"deal stage", "deal's stage",
                                        "its stage",  "their stage",
                                        "the stage",  "stage",      NULL};
    int sm = list_at(p, 0, stage, NULL);
    if (sm && list_at(p, sm, moved, NULL))
        p->i += sm;
    json_t *c = NULL;
    /* "a deal over 100k moves to": the deal's conditions before the move
     * (never another move among them: reading one there again at every
     * "and deal" took time exponential in their number) */
    if (!p->moving && accept_list(p, deal) >= 0 &&
        !list_at(p, 0, moved, NULL)) {
        p->moving = true;
        c = conditions_in(p, SC_DEAL);
        p->moving = false;
    }
    if (accept_list(p, moved) < 0) {
        /* the conditions read the move too: "over 100k moves to ..." */
        if (c && cond_names_stage(c))
            return c;
        /* "a deal over 50k reaches Negotiation", "... enters Proposal":
         * the stage after the deal's conditions */
        static const char *const reach[] = {
            "reaches", "reached", "has reached", "enters", "entered",
            "has entered", "hits", "gets to", "got to", "lands in", NULL};
        int at_reach = p->i;
        const char *st = c && accept_list(p, reach) >= 0 ? named_stage(p)
                                                         : NULL;
        if (st) {
            accept(p, "stage");
            return combine("and", c, leaf("deal.stage", "==",
                                          json_string(st)));
        }
        p->i = at_reach;
        json_decref(c);
        p->i = save;
        return leaf_deal_in(p);
    }
    json_t *which = c; /* the deal's own conditions, if any */
    c = NULL;
    /* "goes back from Negotiation to Qualified"; "is moved out of
     * Negotiation": from that stage, to any other */
    accept(p, "back");
    bool out_of = accept(p, "out of");
    if (out_of || accept(p, "from")) {
        const char *a = named_stage(p);
        if (!a) {
            json_decref(which);
            p->i = save;
            return NULL;
        }
        accept(p, "stage");
        c = leaf("trigger.previousStage", "==", json_string(a));
        /* ("out of Negotiation into Closed Won": to that one) */
        if (out_of && !is_word(cur(p), "into") && !is_word(cur(p), "to"))
            return which ? combine("and", which, c) : c;
    }
    /* "from Negotiation back to Proposal" */
    accept(p, "back");
    if (accept(p, "to") || accept(p, "into")) {
        /* "changes to anything except Closed Lost": any other stage */
        bool other = accept_list(p, anything_but) >= 0;
        const char *b = named_stage(p);
        if (!b) {
            json_decref(c);
            json_decref(which);
            p->i = save;
            return NULL;
        }
        accept(p, "stage");
        c = combine("and", c,
                    leaf("deal.stage", other ? "!=" : "==", json_string(b)));
        if (other)
            return which ? combine("and", which, c) : c;
        /* "moved to Closed Lost yesterday": a deal's close date is when
         * it closed; no other move is dated */
        int t = p->i;
        json_t *when = time_span(p, "deal.closeDate", true);
        if (when && strncmp(b, "Closed ", 7)) {
            json_decref(when);
            json_decref(c);
            json_decref(which);
            p->i = t;
            refuse(p, "agentd keeps when a deal closed (its close date), "
                      "not when it entered another stage: e.g. deals in "
                      "Proposal not updated in 7 days");
            p->i = save;
            return NULL;
        }
        c = combine("and", c, when);
        /* "... moves to Closed Won with a value over 100k" */
        if (is_word(cur(p), "with"))
            c = combine("and", c, conditions_in(p, SC_DEAL));
    }
    if (!c) {
        json_decref(which);
        p->i = save;
        return NULL;
    }
    return which ? combine("and", which, c) : c;
}

/* The top-level number (from 1) of the last contact or deal search read
 * so far; -1 when a web search came after it (that one's count is
 * @search.count); 0 when there is neither. */
static int records_search_at(const struct parser *p)
{
    for (size_t k = json_array_size(p->root); k-- > 0;) {
        const char *type = json_string_value(
            json_object_get(json_array_get(p->root, k), "type"));
        if (!strcmp(type, "web_search"))
            return -1;
        if (!strncmp(type, "search_", 7))
            return (int)k + 1;
    }
    return 0;
}

/* The number (from 1) of the last top-level step with an answer — an
 * HTTP request or a sub-agent — whose output "the response" names, or 0
 * when there is none. */
static int call_step_at(const struct parser *p)
{
    for (size_t k = json_array_size(p->root); k-- > 0;) {
        const char *type = json_string_value(
            json_object_get(json_array_get(p->root, k), "type"));
        if (!strcmp(type, "http_request") || !strcmp(type, "run_agent"))
            return (int)k + 1;
    }
    return 0;
}

/* "the response status", "the status code", "the response": the call's
 * output (`steps.N.output`, with ".status" or ".body" when named) as a
 * path in ref (with '@' when `var`), after an HTTP call or a sub-agent at
 * the top level. False, position kept, if the words are none of these. */
static bool call_output(struct parser *p, bool var, char *ref, size_t size)
{
    static const char *const status[] = {
        "the response status", "the response code", "the status code",
        "the response's status", "the http status", "the response status code",
        NULL};
    static const char *const body[] = {"the response body",
                                       "the response's body", NULL};
    static const char *const whole[] = {
        "the response", "the result", "the output", "the answer",
        "the reply from the webhook", "what it returned", "its output",
        "its result", "its response", "the agent's output",
        "the agent's result", NULL};
    int k = call_step_at(p);
    if (!k)
        return false;
    const char *part = NULL;
    int m = list_at(p, 0, status, NULL);
    if (!m && (is_word(at(p, 1), "status") &&
               (is_word(cur(p), "the") || is_word(cur(p), "its")))) {
        /* "the status is 200" is the call's; "the status is Lead" the
         * contact's */
        int ol, back = p->i;
        p->i += 2;
        const struct lex_op *o = op_at(p, &ol);
        if (o && at(p, ol)->kind == TK_NUM)
            m = 2;
        p->i = back;
    }
    char named[72] = "";
    if (m)
        part = ".status";
    else if ((m = list_at(p, 0, body, NULL)))
        part = ".body";
    else if ((m = list_at(p, 0, whole, NULL))) {
        part = "";
        /* "its output status is 'qualified'", "the output score is
         * above 70": a field of the output */
        const struct tok *f = at(p, m);
        int ol, back = p->i;
        p->i += m + 1;
        bool compared = op_at(p, &ol) != NULL;
        p->i = back;
        if (compared && custom_name(f, false) && strlen(f->raw) < 64) {
            snprintf(named, sizeof named, ".%s", f->raw);
            part = named;
            m++;
        }
    }
    if (!m)
        return false;
    p->i += m;
    snprintf(ref, size, "%ssteps.%d.output%s", var ? "@" : "", k, part);
    return true;
}

/* "contacts", "matching deals", "results": what a search found, as the
 * length of the words at the position, or 0; *records is set when they
 * name contacts or deals. */
static int found_noun_at(struct parser *p, int k, bool *records)
{
    static const char *const other[] = {"results", "records", "matches",
                                        NULL};
    int m = is_word(at(p, k), "matching") ? 1 : 0;
    int n = list_at(p, k + m, lex_contact_nouns, NULL);
    if (!n)
        n = list_at(p, k + m, lex_deal_nouns, NULL);
    *records = *records || n;
    if (!n)
        n = list_at(p, k + m, other, NULL);
    return n ? m + n : 0;
}

/* "more than 10", "at least 3": a count's operator and number, or NULL
 * (position kept). */
static json_t *count_leaf(struct parser *p, const char *field)
{
    int save = p->i, ol;
    const struct lex_op *o = op_at(p, &ol);
    int64_t n;
    if (!o || o->no_value || o->negate)
        return NULL;
    p->i += ol;
    if (!count_value(p, &n)) {
        p->i = save;
        return NULL;
    }
    return leaf(field, o->op, json_integer(n));
}

/* How many records a search found: "no one", "none", "no contacts",
 * "any leads", "more than 10 deals", as a leaf on `field`; NULL (position
 * kept) otherwise. *noun is set when the words say what was counted
 * ("none", "no contacts"; not "more than 10" alone), *records when they
 * name contacts or deals (found_noun_at). */
static json_t *found_amount(struct parser *p, const char *field,
                            bool *records, bool *noun)
{
    static const char *const nobody[] = {"no one", "nobody", "none", NULL};
    int m;
    if (accept_list(p, nobody) >= 0) {
        *noun = true;
        return leaf(field, "==", json_integer(0));
    }
    if (is_word(cur(p), "no") && (m = found_noun_at(p, 1, records))) {
        p->i += 1 + m;
        *noun = true;
        return leaf(field, "==", json_integer(0));
    }
    if ((is_word(cur(p), "any") || is_word(cur(p), "some")) &&
        (m = found_noun_at(p, 1, records))) {
        p->i += 1 + m;
        *noun = true;
        return leaf(field, ">", json_integer(0));
    }
    json_t *l = count_leaf(p, field);
    if (l && (m = found_noun_at(p, 0, records))) {
        p->i += m;
        *noun = true;
    }
    return l;
}

/*
 * What a search found: "the search found nothing", "no contacts were
 * found", "more than 10 leads are found", "the search returns at least 3
 * deals". After a contact or deal search it is that step's count
 * (`steps.N.output.count`); otherwise the web search's @search.count. The
 * forms that name contacts or deals need such a search before them.
 */
static bool found_count(struct parser *p, char *ref, size_t size);

static json_t *leaf_search_result(struct parser *p)
{
    /* Every condition passes here, so its first word is tested first:
     * the first words of the forms below (none, some, finds, there,
     * found_amount's) and of the operators a count starts with. */
    static const char *const first[] = {
        "search", "the", "no", "nothing", "results", "something", "it",
        "we", "there", "nobody", "none", "any", "some", "more", "fewer",
        "less", "at", "over", "under", "exactly", "only", "anything",
        NULL};
    const struct tok *t = cur(p);
    bool maybe = t->kind == TK_OP;
    for (int j = 0; first[j] && !maybe && t->kind == TK_WORD; j++)
        maybe = !strcmp(t->text, first[j]);
    if (!maybe)
        return NULL;
    int save = p->i;
    int k = records_search_at(p);
    bool rec = false; /* the words name contacts or deals */
    char field[40];
    if (k > 0)
        snprintf(field, sizeof field, "steps.%d.output.count", k);
    else
        snprintf(field, sizeof field, "search.count");
    static const char *const none[] = {
        "search found nothing",  "the search found nothing",
        "search returned nothing", "the search returned nothing",
        "search found no results", "the search found no results",
        "no results were found", "no results", "nothing was found",
        "nothing found", "nothing is found", "search is empty",
        "the search is empty", "the search finds nothing",
        "the search returns nothing", "search finds nothing",
        "there are no results", "there were no results",
        "nothing comes back", "nothing came back", "nothing comes up",
        "nothing came up", "nothing turns up", "it finds nothing",
        "it found nothing", "it returns nothing", "it returned nothing",
        NULL};
    static const char *const some[] = {
        "search found results", "the search found results",
        "search found something", "results were found",
        "the search found something", "something was found",
        "something is found", "anything is found", "anything was found",
        "anything found", "anything comes back", "anything came back",
        "anything comes up", "anything came up", "something comes up",
        "something came up", "anything turns up", "anything shows up",
        "there are results", "there were results", "there are any results",
        "there were any results", "it finds anything", "it found anything",
        "it finds something", "it found something", "results are found",
        "results come back", "results came back", NULL};
    if (accept_list(p, none) >= 0)
        return leaf(field, "==", json_integer(0));
    if (accept_list(p, some) >= 0)
        return leaf(field, ">", json_integer(0));
    /* "the number of contacts found is 0", "the count is over 10": the
     * count, compared */
    char ref[64];
    if (found_count(p, ref, sizeof ref)) {
        json_t *c = compare(p, ref + 1, VT_NUM);
        if (c)
            return c;
        p->i = save;
    }
    static const char *const found[] = {
        "are found", "were found", "is found", "was found", "found",
        "are returned", "were returned", "match", "matched", "come back",
        "came back", NULL};
    static const char *const finds[] = {
        "the search finds", "the search found", "the search returns",
        "the search returned", "the search matches", "the search matched",
        "search finds", "search returns", "it finds", "it found",
        "it returns", "it returned", "we find", "we found", NULL};
    static const char *const there[] = {"there are", "there were",
                                        "there is", "there was", NULL};
    /* "the search finds no contacts / nobody / any leads / more than 10
     * deals"; "no contacts are found", "none were found", "there are no
     * matching deals", "more than 10 contacts were found" */
    bool finding = accept_list(p, finds) >= 0;
    bool is_there = !finding && accept_list(p, there) >= 0;
    bool noun = false;
    json_t *l = found_amount(p, field, &rec, &noun);
    /* ("if there are more than 10" right after a search of records:
     * of those) */
    if (l && !finding && !noun && !(is_there && k > 0)) {
        json_decref(l); /* "if more than 10 are found": 10 what? */
        l = NULL;
    }
    /* the words that say it is what was found ("more than 3 results"
     * says it alone) */
    bool results = noun && !rec && is_word(at(p, -1), "results");
    if (l && !finding && accept_list(p, found) < 0 && !is_there &&
        !results) {
        json_decref(l);
        l = NULL;
    }
    if (l && (k == 0 || (k < 0 && rec))) {
        /* the contacts of which search? (the web search's results are
         * no contacts) */
        json_decref(l);
        l = NULL;
        p->i = save;
        refuse(p, "found by which search? find them first, e.g. Find "
                  "contacts tagged 'vip'. If no contacts are found, stop");
    }
    if (!l)
        p->i = save;
    return l;
}

/* A short name: a quoted text, or one to three words (each written with a
 * capital when `capital`) that are neither agentd's own words nor one of
 * `stop`. NULL, position kept, if none. */
static json_t *short_name(struct parser *p, bool capital,
                          const char *const *stop)
{
    const struct tok *t = cur(p);
    if (t->kind == TK_QUOTED && !t->unterminated) {
        p->i++;
        return json_string(t->text);
    }
    int from = p->i;
    while (p->i - from < 3 && cur(p)->kind == TK_WORD &&
           !is_reserved(cur(p)) &&
           (!capital || isupper((unsigned char)cur(p)->raw[0])) &&
           !(stop && list_at(p, 0, stop, NULL)))
        p->i++;
    return p->i > from ? source_text(p, from, p->i) : NULL;
}

/* "Outbound v2", "Hot Lead": a name without quotes that opens with a
 * capital and ends the clause (the end, a comma, "to", "and", "then",
 * "if"), up to three words. NULL, position kept, otherwise. */
static json_t *clause_name(struct parser *p)
{
    int save = p->i;
    const struct tok *t = cur(p);
    if (t->kind != TK_WORD || is_reserved(t) ||
        !isupper((unsigned char)t->raw[0]))
        return NULL;
    json_t *name = short_name(p, false, NULL);
    const struct tok *n = cur(p);
    if (name && (at_hard_end(p) || is_punct(n, ",") || is_word(n, "to") ||
                 is_word(n, "and") || is_word(n, "then") || is_word(n, "if")))
        return name;
    json_decref(name);
    p->i = save;
    return NULL;
}

/* "or Plaid" after "at Stripe": the next company's name (arg unused). */
static json_t *next_company(struct parser *p, const void *arg)
{
    (void)arg;
    json_t *v = short_name(p, true, NULL);
    return v ? leaf("company.name", "==", v) : NULL;
}

/* A place's name as it is written with capitals ("new york" -> "New
 * York"); names already capitalised are kept. Takes v, returns it or its
 * rewrite. */
static json_t *capitalized(json_t *v)
{
    const char *s = json_string_value(v);
    if (!s || isupper((unsigned char)s[0]))
        return v;
    char buf[128];
    snprintf(buf, sizeof buf, "%s", s);
    for (size_t k = 0; buf[k]; k++)
        if (k == 0 || buf[k - 1] == ' ' || buf[k - 1] == '-')
            buf[k] = (char)toupper((unsigned char)buf[k]);
    json_decref(v);
    return json_string(buf);
}

/*
 * "in Germany", "from Berlin", "based in New York": a country when it is
 * one of lex_countries, else a city. The place is a quoted name or one to
 * three words written with a capital ("in the last 7 days" is no place).
 */
static json_t *one_place(struct parser *p, bool after_from)
{
    accept(p, "the");
    int from = p->i;
    /* "in the DACH region": its countries; "in Europe": refused */
    int ri = -1, rm = TABLE_AT(p, lex_regions, &ri);
    if (rm) {
        p->i += rm;
        accept(p, "region");
        const char *c = lex_regions[ri].countries;
        if (!c) {
            refuse_read(p, from, "a region is not a country: name its "
                                 "countries, e.g. in Germany, France or "
                                 "Spain");
            p->i = from;
            return NULL;
        }
        json_t *l = NULL;
        while (*c) {
            size_t n = strcspn(c, ",");
            l = combine("or", l,
                        leaf("contact.country", "==", json_stringn(c, n)));
            c += n + (c[n] == ',');
        }
        return l;
    }
    /* "in California": a state, which a record does not keep */
    int sm = list_at(p, 0, lex_states, NULL);
    if (sm && isupper((unsigned char)cur(p)->raw[0]) &&
        !list_at(p, 0, lex_cities, NULL)) {
        p->i += sm;
        refuse_read(p, from, "a record keeps a city and a country, not a "
                             "state or province: name the cities, e.g. in "
                             "Austin or Dallas");
        p->i = from;
        return NULL;
    }
    int known = list_at(p, 0, lex_countries, NULL);
    /* "heard from us" is no country; "from the US" is. */
    if (known && strlen(cur(p)->text) <= 3 &&
        !isupper((unsigned char)cur(p)->raw[0]))
        known = 0;
    /* "find ceos in berlin": a known city written in lower case */
    int lower_city = known || isupper((unsigned char)cur(p)->raw[0])
                         ? 0
                         : list_at(p, 0, lex_cities, NULL);
    json_t *v;
    if (known || lower_city) {
        p->i += known ? known : lower_city;
        v = capitalized(source_text(p, from, p->i));
    } else {
        v = short_name(p, true, NULL);
    }
    if (!v || is_word(cur(p), "companies") || is_word(cur(p), "company")) {
        /* "from SaaS companies" is an industry (leaf_where_extra). */
        json_decref(v);
        return NULL;
    }
    /* "contacts from Acme Corp", "in Globex Ltd": a company, by the last
     * word of its name */
    int end = p->i;
    if (!known && end - from > 1 && p->t[from].kind == TK_WORD &&
        list_at(p, end - 1 - p->i, lex_company_suffixes, NULL) == 1)
        return leaf("company.name", "==", v);
    /* "contacts from Acme": a city, a company or a lead source? Only a
     * known country or city is sure after "from". */
    p->i = from;
    bool city = list_at(p, 0, lex_cities, NULL) == end - from;
    p->i = end;
    if (!known && !city && after_from) {
        json_decref(v);
        p->i = from;
        fail(p, "is this a city, a company or a lead source? write e.g. "
                "'in Berlin', 'at Acme' or 'whose source is Webinar'");
        return NULL;
    }
    return leaf(known ? "contact.country" : "contact.city", "==", v);
}

/* What introduces a place. */
static const char *const place_words[] = {
    "based in", "located in", "living in", "live in", "lives in", "in",
    "from", "are in", "is in", "are from", "is from", NULL};

/* The next place of "in Berlin or (in) Munich"; arg: after "from". */
static json_t *next_place(struct parser *p, const void *arg)
{
    accept_list(p, place_words);
    return one_place(p, *(const bool *)arg);
}

/* A lead source after "from" ("LinkedIn", "the webinar"; also the next
 * one of "from LinkedIn or from Google Ads"; arg unused); NULL, position
 * kept, if none. */
static json_t *next_source(struct parser *p, const void *arg)
{
    (void)arg;
    int save = p->i;
    accept(p, "from");
    if (!accept(p, "the"))
        accept(p, "our");
    int from = p->i;
    int m = list_at(p, 0, lex_sources, NULL);
    if (!m) {
        p->i = save;
        return NULL;
    }
    p->i += m;
    return leaf("contact.source", "==", source_text(p, from, p->i));
}

static json_t *leaf_place(struct parser *p)
{
    /* "outside the US", "outside of Germany or France": in none of them */
    static const char *const outside[] = {"outside of", "outside", NULL};
    int save = p->i;
    if (accept_list(p, outside) >= 0) {
        accept(p, "the");
        bool no_from = false;
        json_t *in = any_chain(p, one_place(p, no_from), next_place, &no_from);
        if (in)
            return negate(in);
        p->i = save;
        return NULL;
    }
    int w = accept_list(p, place_words);
    if (w < 0)
        return NULL;
    bool after_from = strstr(place_words[w], "from") != NULL;
    /* "leads from LinkedIn", "from the webinar": where they came from */
    if (after_from) {
        json_t *src = next_source(p, NULL);
        if (src) /* "from LinkedIn or Google Ads": either */
            return or_chain(p, src, next_source, NULL);
    }
    /* "in Germany or France", "in Berlin or in Munich" */
    return any_chain(p, one_place(p, after_from), next_place, &after_from);
}

/* The next quoted tag of "tagged 'a' or 'b'". */
static json_t *one_tag(struct parser *p, const void *arg)
{
    (void)arg;
    json_t *v = cur(p)->kind == TK_QUOTED ? value_of(p, VT_TEXT) : NULL;
    return v ? leaf("contact.tags", "contains", v) : NULL;
}

/* More tags after the first condition `first` on them: "'a' or 'b'", "'a',
 * 'b' or 'c'" (any of them), "'a' and 'b'" (all of them); each must be
 * quoted, so "tagged 'x' and send ..." ends at the step. Takes first. */
static json_t *more_tags(struct parser *p, json_t *first)
{
    json_t *all = json_array();
    json_array_append_new(all, first);
    bool any_or = false, any_and = false;
    for (;;) {
        int back = p->i;
        bool comma = accept_punct(p, ",");
        bool or = accept(p, "or"), and = !or && accept(p, "and");
        json_t *next = (comma || or || and) ? one_tag(p, NULL) : NULL;
        if (!next) {
            p->i = back;
            break;
        }
        any_or = any_or || or;
        any_and = any_and || and;
        json_array_append_new(all, next);
    }
    if (json_array_size(all) == 1) {
        json_t *only = json_incref(json_array_get(all, 0));
        json_decref(all);
        return only;
    }
    return json_pack("{s:o}", any_and && !any_or ? "and" : "or", all);
}

/* tagged 'webinar' (or 'x'), with the tag 'x'; NULL (position kept) */
static json_t *leaf_tagged(struct parser *p)
{
    int save = p->i;
    /* tagged 'webinar' (or 'x') */
    if (accept(p, "tagged") || accept(p, "tagged as") ||
        accept(p, "tagged with") || accept(p, "with the tag") ||
        accept(p, "with tag") || accept(p, "carrying the tag")) {
        accept(p, "as");
        accept(p, "with");
        /* "tagged either 'a' or 'b'", "tagged both 'a' and 'b'" */
        if ((is_word(cur(p), "either") || is_word(cur(p), "both")) &&
            at(p, 1)->kind == TK_QUOTED)
            p->i++;
        json_t *v = value_of(p, VT_TEXT);
        if (!v) {
            p->i = save;
            return NULL;
        }
        return more_tags(p, leaf("contact.tags", "contains", v));
    }
    return NULL;
}

/* "titled CEO", "titled 'Head of Growth'", "titled VP of Sales or CRO":
 * the title holds the words (as "title contains" and the titles a
 * search names, "CEOs", do). */
static json_t *titles_leaf(struct parser *p, bool *plural);

/* A quoted title ("or 'VP Growth'" after "titled 'Head of Growth'"; arg
 * unused), NULL if none. */
static json_t *next_quoted_title(struct parser *p, const void *arg)
{
    (void)arg;
    const struct tok *t = cur(p);
    if (t->kind != TK_QUOTED || t->unterminated)
        return NULL;
    p->i++;
    return leaf("contact.title", "contains", json_string(t->text));
}

static json_t *leaf_titled(struct parser *p)
{
    int save = p->i;
    static const char *const titled[] = {"titled", "job-titled",
                                         "job titled", NULL};
    if (accept_list(p, titled) < 0)
        return NULL;
    accept(p, "as");
    json_t *l = next_quoted_title(p, NULL);
    l = l ? or_chain(p, l, next_quoted_title, NULL) : titles_leaf(p, NULL);
    if (!l)
        p->i = save;
    return l;
}

/* The words after an industry's name that say it is one. */
static const char *const industry_kinds[] = {
    "industry", "industries", "sector", "sectors", "vertical", "verticals",
    "space", "market", "markets", NULL};

/* An industry's name: one agentd knows ("fintech") or a short name
 * (*known false: "industry" or the like must follow). NULL, position
 * kept, if none. */
static json_t *industry_name(struct parser *p, bool *known)
{
    int save = p->i;
    accept(p, "the");
    int from = p->i;
    int m = list_at(p, 0, lex_industries, NULL);
    /* "CEOs in fintech": a known industry needs no "industry" */
    if (m && !is_word(at(p, m), "companies") && !is_word(at(p, m), "company")) {
        p->i += m;
        *known = true;
        return source_text(p, from, p->i);
    }
    *known = false;
    json_t *v = short_name(p, false, industry_kinds);
    if (!v)
        p->i = save;
    return v;
}

/* "or Pharma" after "in Healthcare": the next industry, one agentd knows
 * or one "industries" follows (arg unused). */
static json_t *next_industry(struct parser *p, const void *arg)
{
    (void)arg;
    int save = p->i;
    bool known;
    json_t *v = industry_name(p, &known);
    if (v && (known || list_at(p, 0, industry_kinds, NULL)))
        return leaf("company.industry", "==", v);
    json_decref(v);
    p->i = save;
    return NULL;
}

/* "in the Healthcare industry", "in the SaaS space", "in the Healthcare
 * or Pharma industries", "in fintech or insurance"; after a subject in a
 * condition: "the company is in the Software industry" */
static json_t *leaf_industry(struct parser *p)
{
    int save = p->i;
    static const char *const subject[] = {
        "the company is", "their company is", "the company's", "company is",
        "they are", "the contact is", "it is", "is", "are", NULL};
    accept_list(p, subject);
    if (accept(p, "in") || accept(p, "from") || accept(p, "within")) {
        bool known;
        json_t *v = industry_name(p, &known);
        if (v) {
            json_t *l = or_chain(p, leaf("company.industry", "==", v),
                                 next_industry, NULL);
            if (accept_list(p, industry_kinds) >= 0 || known)
                return l;
            json_decref(l);
        }
    }
    p->i = save;
    return NULL;
}

/* "with more than 500 employees" (reversed: op, number, field); "the
 * company has more than 200 employees"; in a deal search a bare "under
 * 10k" is the deal's value. NULL (position kept) otherwise. */
static json_t *leaf_reversed(struct parser *p)
{
    int save = p->i;
    static const char *const with[] = {
        "with", "whose company has", "the company has",
        "their company has", "company has", "that have", "that has",
        "having", "has", "have", NULL};
    accept_list(p, with);
    int ol;
    const struct lex_op *o = op_at(p, &ol);
    double d;
    if (o && !o->no_value && strcmp(o->op, "==") &&
        strcmp(o->op, "contains")) {
        p->i += ol;
        if (number_value(p, &d)) {
            char field[128];
            enum lex_vtype vt;
            int fs = p->i;
            if (field_words(p, field, sizeof field, &vt) &&
                vt == VT_NUM) {
                json_t *l = leaf(field, o->op, number(d));
                return o->negate ? negate(l) : l;
            }
            p->i = fs;
            /* "(companies) with over 200 people": its employees */
            static const char *const staff[] = {"people", "staff",
                                                "workers", NULL};
            if (accept_list(p, staff) >= 0) {
                json_t *l = leaf("company.size", o->op, number(d));
                return o->negate ? negate(l) : l;
            }
            /* worth / valued / bare "under 10k": the deal's value */
            if (p->scope == SC_DEAL) {
                json_t *l = leaf("deal.value", o->op, number(d));
                return o->negate ? negate(l) : l;
            }
        }
    } else if (!o) {
        /* "with between 50 and 200 employees", "50 to 200 employees",
         * "50-200 employees": both ends included */
        bool between = accept(p, "between");
        double hi;
        char field[128];
        enum lex_vtype vt;
        if (!number_value(p, &d)) {
            p->i = save;
            return NULL;
        }
        if (!between && is_punct(cur(p), "+") &&
            cur(p)->start == at(p, -1)->end) {
            /* "with 100+ employees": that many or more */
            p->i++;
            if (field_words(p, field, sizeof field, &vt) && vt == VT_NUM)
                return leaf(field, ">=", number(d));
        } else if (((between && accept(p, "and")) || accept(p, "to") ||
                    accept_punct(p, "-")) &&
                   number_value(p, &hi)) {
            if (field_words(p, field, sizeof field, &vt) && vt == VT_NUM)
                return combine("and", leaf(field, ">=", number(d)),
                               leaf(field, "<=", number(hi)));
            /* "deals between $5k and $20k": the deals' value */
            if (between && p->scope == SC_DEAL)
                return combine("and", leaf("deal.value", ">=", number(d)),
                               leaf("deal.value", "<=", number(hi)));
        }
    }
    p->i = save;
    return NULL;
}

/* A place said of a company ("at companies in Germany or France"): its
 * countries become the company's. False when it names a city (a company
 * has a country, no city). */
static bool company_country(json_t *c)
{
    const char *f = jx_str(c, "field");
    if (f) {
        if (strcmp(f, "contact.country"))
            return false;
        json_object_set_new(c, "field", json_string("company.country"));
        return true;
    }
    json_t *list = json_object_get(c, "or");
    size_t k;
    json_t *x;
    json_array_foreach(list, k, x) if (!company_country(x)) return false;
    return json_array_size(list) > 0;
}

/* "whose company is in the UK", "their company is based in Germany":
 * the company's country (a company record keeps no city: one named is
 * refused). NULL, position kept, otherwise. */
static json_t *leaf_company_place(struct parser *p)
{
    int save = p->i;
    static const char *const whose[] = {"whose", "their", "the", "its",
                                        "the contact's", NULL};
    static const char *const co[] = {"company is", "company's", "employer is",
                                     "company", NULL};
    static const char *const where[] = {"based in", "located in",
                                        "headquartered in", "in", NULL};
    accept_list(p, whose);
    if (accept_list(p, co) < 0 || accept_list(p, where) < 0) {
        p->i = save;
        return NULL;
    }
    int at_place = p->i;
    bool no_from = false;
    json_t *pl = any_chain(p, one_place(p, no_from), next_place, &no_from);
    if (pl && company_country(pl))
        return pl;
    json_decref(pl);
    /* (an industry, "in Healthcare", "in the Software industry", is
     * leaf_industry's) */
    bool industry = list_at(p, 0, industry_kinds, NULL) > 0;
    p->i = at_place;
    accept(p, "the");
    industry = industry || list_at(p, 0, lex_industries, NULL);
    if (pl && !industry) {
        p->i = at_place;
        refuse(p, "a company record keeps its country, not its city: e.g. "
                  "whose company is in Germany");
    }
    p->i = save;
    return NULL;
}

/* "(or) a yahoo", "hotmail": an address at the next mail domain of a
 * list (arg unused). NULL, position kept, if none. */
static json_t *next_mail_domain(struct parser *p, const void *arg)
{
    (void)arg;
    int save = p->i;
    char dom[128];
    if (!accept(p, "a"))
        accept(p, "an");
    if (mail_domain(p, dom, sizeof dom))
        return leaf("contact.email", "contains", json_string(dom));
    p->i = save;
    return NULL;
}

/* A mail domain as written: "@acme.com", "acme.com" (lexed as words
 * around a period, with no spaces between), or a webmail's name
 * ("Gmail"). Writes what an address on it contains ("@acme.com",
 * "@gmail.") and moves past it; false (position kept) if none. */
static bool mail_domain(struct parser *p, char *out, size_t size)
{
    static const char *const webmail[] = {
        "gmail",   "googlemail", "yahoo", "hotmail", "outlook", "icloud",
        "aol",     "protonmail", "proton", "gmx",   "yandex",  NULL};
    const struct tok *t = cur(p);
    if (t->kind == TK_VAR && strchr(t->raw, '.') &&
        !lex_path_root(t->raw + 1, strlen(t->raw + 1))) { /* not @deal.x */
        snprintf(out, size, "%s", t->raw);
        p->i++;
        return true;
    }
    /* "@1password.com": no variable starts with a digit, so the lexer
     * left the "@" alone */
    int save = p->i;
    if (is_punct(t, "@") && at(p, 1)->start == t->end &&
        (at(p, 1)->kind == TK_NUM || at(p, 1)->kind == TK_WORD))
        t = &p->t[++p->i];
    if ((t->kind != TK_WORD && t->kind != TK_NUM) || is_reserved(t)) {
        p->i = save;
        return false;
    }
    /* acme.com, mail.acme.co.uk, 1password.com: words, numbers, periods
     * and hyphens with no space between, at least one period, ending in a
     * letter */
    int k = 0;
    for (;;) {
        const struct tok *a = at(p, k), *b = at(p, k + 1);
        if (a->end != b->start ||
            !(b->kind == TK_WORD || b->kind == TK_NUM ||
              is_punct(b, ".") || is_punct(b, "-")))
            break;
        k++;
    }
    while (k > 0 && at(p, k)->kind == TK_PUNCT) /* "acme.com." ends it */
        k--;
    bool dot = false; /* "acme.com" may be one word (the lexer's domains) */
    for (int j = 0; j <= k && !dot; j++)
        dot = is_punct(at(p, j), ".") ||
              (at(p, j)->kind == TK_WORD && strchr(at(p, j)->raw, '.'));
    const struct tok *last = at(p, k);
    if (dot && last->kind == TK_WORD &&
        isalpha((unsigned char)p->src[last->end - 1])) {
        /* (".edu" alone is an address's end, with no "@" before it) */
        snprintf(out, size, "%s%.*s", t->raw[0] == '.' ? "" : "@",
                 (int)(last->end - t->start), p->src + t->start);
        for (char *c = out; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        p->i += k + 1;
        return true;
    }
    for (int j = 0; webmail[j] && t->kind == TK_WORD; j++)
        if (is_word(t, webmail[j])) {
            snprintf(out, size, "@%s.", webmail[j]);
            p->i++;
            return true;
        }
    p->i = save;
    return false;
}

/* "with Gmail addresses", "with @acme.com emails", "whose email domain is
 * acme.com", "with an email at acme.com": the address contains the
 * domain. NULL, position kept, if the words are none of these. */
static json_t *leaf_mail_domain(struct parser *p)
{
    /* Cheap test first, as every condition passes here: an address word
     * within the next few words */
    static const char *const mailish[] = {"email",  "emails", "e-mail",
                                          "e-mails", "address", "addresses",
                                          "account", "accounts", NULL};
    if (!word_within(p, 6, mailish))
        return NULL;
    int save = p->i;
    char dom[128];
    static const char *const nouns[] = {
        "email addresses", "email address", "e-mail addresses",
        "e-mail address", "addresses", "address", "emails", "email",
        "e-mails", "e-mail", "accounts", "account", NULL};
    static const char *const mail[] = {
        "their email address", "their email", "the email address",
        "the email", "email addresses", "email address", "emails", "email",
        "an email address", "an email", "e-mail", "an e-mail", "addresses",
        "an address", NULL};
    skip_subject(p);
    static const char *const with[] = {"with", "having", "has", "have",
                                       "uses", "use", NULL};
    accept_list(p, with);
    int from = p->i;
    /* "a gmail or yahoo address": any of them */
    json_t *any = next_mail_domain(p, NULL);
    if (any)
        any = or_chain(p, any, next_mail_domain, NULL);
    if (any && accept_list(p, nouns) >= 0)
        return any;
    json_decref(any);
    p->i = from;
    if (accept_list(p, mail) < 0) {
        p->i = save;
        return NULL;
    }
    /* "email domain is acme.com" / "email at acme.com" / "email is on
     * gmail" */
    static const char *const link[] = {"domain is", "domain =",
                                       "domain of", "domain", "is at",
                                       "at",        "is on", "on",
                                       "@",         "from",  "is from",
                                       NULL};
    /* "email is not from gmail or yahoo": at neither */
    static const char *const not_link[] = {
        "is not from", "isn't from", "is not at", "isn't at", "is not on",
        "isn't on", "domain is not", "domain isn't", "not from", "not at",
        NULL};
    bool neg = accept_list(p, not_link) >= 0;
    if ((neg || accept_list(p, link) >= 0 ||
         accept_list(p, text_edges) >= 0) &&
        (mail_domain(p, dom, sizeof dom) ||
         quoted_domain(p, dom, sizeof dom))) {
        /* "from gmail or yahoo": either */
        json_t *l = or_chain(p, leaf("contact.email", "contains",
                                     json_string(dom)),
                             next_mail_domain, NULL);
        return neg ? negate(l) : l;
    }
    p->i = save;
    return NULL;
}

/* "if the contact came from LinkedIn", "who came in through a
 * referral": where the contact came from is its source. NULL, position
 * kept, if the words are none of these. */
static json_t *leaf_came_from(struct parser *p)
{
    static const char *const verbs[] = {"came", "come", "comes", "signed",
                                        "sourced", "originated",
                                        "originate", "originates", NULL};
    if (!word_within(p, 5, verbs))
        return NULL;
    int save = p->i;
    skip_subject(p);
    static const char *const came[] = {
        "came from",    "come from",    "comes from",  "came in from",
        "came in via",  "came in through", "came through", "came via",
        "come through", "comes through", "come via",   "comes via",
        "signed up via", "signed up through", "were sourced from",
        "was sourced from", "sourced from", "originated from",
        "originate from", "originates from", NULL};
    if (accept_list(p, came) < 0) {
        p->i = save;
        return NULL;
    }
    skip_articles(p);
    if (!accept(p, "our")) /* "came from our website" */
        accept(p, "my");
    json_t *v = value_of(p, VT_TEXT);
    if (!v || !json_is_string(v)) {
        json_decref(v);
        p->i = save;
        return NULL;
    }
    /* "came from Google Ads in the last month": when they came is when
     * the contact was created */
    return combine("and", leaf("contact.source", "==", v),
                   time_span(p, "contact.createdAt", true));
}

/* "with the 'Webinar' tag", "in the 'VIP' tag", "has the 'x' label",
 * "in tag 'Webinar'": the tag is among the contact's. NULL, position
 * kept, if the words are none of these. */
static json_t *leaf_the_tag(struct parser *p)
{
    static const char *const tag[] = {"tag", "label", NULL};
    if (!word_within(p, 7, tag))
        return NULL;
    int save = p->i;
    skip_subject(p);
    static const char *const with[] = {
        "with the",     "with a",       "with an",     "with",
        "that have the", "who have the", "that has the", "who has the",
        "having the",   "has the",      "have the",    "has a",
        "have a", "is in the", "are in the", "is in", "are in",
        "in the", "in", "under the", "under", NULL};
    if (accept_list(p, with) < 0) {
        p->i = save;
        return NULL;
    }
    const struct tok *t = cur(p);
    const char *name = t->text; /* a word's as written: t->raw */
    if (t->kind == TK_QUOTED && !t->unterminated) {
        p->i++; /* 'x' tag */
        if (accept_list(p, tag) < 0) {
            p->i = save;
            return NULL;
        }
    } else if (accept_list(p, tag) >= 0 && cur(p)->kind == TK_QUOTED &&
               !cur(p)->unterminated) {
        name = cur(p)->text; /* tag 'x' */
        p->i++;
    } else if (t->kind == TK_WORD && !is_reserved(t) &&
               list_at(p, 1, tag, NULL)) {
        name = t->raw; /* "with a vip tag": one word */
        p->i += 2;
    } else {
        p->i = save;
        return NULL;
    }
    /* "with the tag 'webinar' or 'conference'" */
    static const struct same_cmp tags = {"contact.tags", "contains",
                                         VT_TAGS};
    return or_chain(p, leaf("contact.tags", "contains", json_string(name)),
                    next_value, &tags);
}

/* "with 'founder' in their title", "VP in the job title", "if 'CEO' is
 * in their title": the field contains the words. NULL, position kept,
 * if the words are none of these. */
static json_t *leaf_in_field(struct parser *p)
{
    int save = p->i;
    static const char *const with[] = {"with", "that have", "who have",
                                       "having", "has", "have", NULL};
    /* "without 'test' in their email": the field does not contain it */
    static const char *const without[] = {"without", "that don't have",
                                          "who don't have", "with no",
                                          NULL};
    bool neg = accept_list(p, without) >= 0;
    if (!neg)
        accept_list(p, with);
    /* "with the word 'growth' in their title" */
    static const char *const word[] = {"the word", "the words", "the phrase",
                                       "the term", "the text", NULL};
    accept_list(p, word);
    char field[128];
    enum lex_vtype vt;
    /* "with a title with 'Director' in it", "whose email has 'edu' in
     * it": the field first */
    int field_at = p->i;
    static const char *const articles[] = {"a", "an", "the", "their", NULL};
    accept_list(p, articles);
    if (field_words(p, field, sizeof field, &vt) && vt == VT_TEXT &&
        (accept(p, "with") || accept(p, "that has") || accept(p, "has") ||
         accept(p, "having") || accept(p, "that have"))) {
        const struct tok *w = cur(p);
        if ((w->kind == TK_QUOTED ||
             (w->kind == TK_WORD && !is_reserved(w))) &&
            phrase_at(p, 1, "in it")) {
            json_t *l = leaf(field, "contains",
                             json_string(w->kind == TK_QUOTED ? w->text
                                                              : w->raw));
            p->i += 3;
            return neg ? negate(l) : l;
        }
    }
    p->i = field_at;
    const struct tok *t = cur(p);
    int k = is_word(at(p, 1), "is") ? 2 : 1;
    if (!is_word(at(p, k), "in") ||
        !(t->kind == TK_QUOTED ||
          (t->kind == TK_WORD && !is_reserved(t) && k == 1))) {
        p->i = save;
        return NULL;
    }
    json_t *v = json_string(t->kind == TK_QUOTED ? t->text : t->raw);
    p->i += k + 1;
    static const char *const their[] = {"their", "the", "its", "his", "her",
                                        NULL};
    accept_list(p, their);
    if (!field_words(p, field, sizeof field, &vt) || vt != VT_TEXT) {
        json_decref(v);
        p->i = save;
        return NULL;
    }
    accept(p, "field");
    json_t *l = leaf(field, "contains", v);
    return neg ? negate(l) : l;
}

/* "worth more than $50k", "valued at 10k": the deal's value. NULL,
 * position kept, if the words are none of these. */
static json_t *worth_leaf(struct parser *p)
{
    int save = p->i;
    if (!(accept(p, "worth") || accept(p, "valued at") ||
          accept(p, "with a value of") || accept(p, "valued")))
        return NULL;
    if (is_word(cur(p), "between")) { /* "valued between 10k and 50k" */
        json_t *l = compare(p, "deal.value", VT_NUM);
        if (!l)
            p->i = save;
        return l;
    }
    int ol;
    const struct lex_op *o = op_at(p, &ol);
    const char *op = "==";
    if (o && !o->no_value && !o->negate) {
        p->i += ol;
        op = o->op;
    }
    double d;
    if (number_value(p, &d)) {
        json_t *v = number(d);
        return leaf("deal.value", bound_op(p, op, v), v);
    }
    p->i = save;
    return NULL;
}

/* "if the deal is worth more than $100k", "if it's valued at 50k or
 * more": the deal's value, in a condition. */
static json_t *leaf_deal_worth(struct parser *p)
{
    int save = p->i;
    static const char *const be[] = {"is", "'s", "is still", NULL};
    bool it = is_word(cur(p), "it");
    /* "... and is worth over 20k": the deal said before */
    bool elided = p->elided == 'd' && list_at(p, 0, be, NULL);
    if (elided) {
        accept_list(p, be);
    } else if (accept_list(p, deal_words) < 0 ||
               (accept_list(p, be) < 0 && it)) {
        p->i = save;
        return NULL;
    }
    json_t *l = worth_leaf(p);
    if (!l)
        p->i = save;
    return l;
}

/* Whether field is under root ("company.": a company's), a cond_any_field
 * test. */
static bool field_under(const char *field, const void *root)
{
    return !strncmp(field, root, strlen(root));
}

/* The next stage of "in Proposal or Negotiation" (arg unused). */
static json_t *next_stage(struct parser *p, const void *arg)
{
    (void)arg;
    accept(p, "in");
    skip_articles(p);
    const char *s = stage_of(p);
    if (!s)
        return NULL;
    accept(p, "stage");
    return leaf("deal.stage", "==", json_string(s));
}

/* Whether a stage's name is next (perhaps after "in" or an article).
 * Position kept. */
static bool stage_ahead(struct parser *p)
{
    int save = p->i;
    json_t *l = next_stage(p, NULL);
    p->i = save;
    bool yes = l != NULL;
    json_decref(l);
    return yes;
}

/* Said where a step puts contacts in a list, or enrolls them in one. */
static const char no_lists_why[] =
    "agentd's CRM has no lists, segments, sequences or campaigns: tag the "
    "contacts instead, e.g. tag them 'Hot'";

/* Search-only forms: tagged X, in stage X, at SaaS companies, worth $3M,
 * under 10k, with more than 500 employees, in Germany. */
static json_t *cond_leaf(struct parser *p, enum cctx c);
/* Said where words before "companies" ask what a company record does
 * not keep. */
static const char company_kept_why[] =
    "a company record keeps its name, domain, industry, size and country: "
    "e.g. at SaaS companies, at companies in Germany, at companies with "
    "more than 1000 employees";

/* The word at offset k before a noun for companies ("German", "SaaS",
 * "enterprise"): the company's country (by its people's word or its
 * name) or industry; a size or what a company record does not keep sets
 * *why (NULL returned). `sized`: the noun is one a size may come before
 * ("companies", "accounts"; not "startups"); `firms`: one the other
 * readings may ("companies", "startups"; not "accounts"). Position
 * kept. */
static json_t *company_word(struct parser *p, int k, bool sized,
                            bool firms, const char **why)
{
    const struct tok *t = at(p, k);
    /* "at enterprise companies", "small businesses": a size, which the
     * words do not give in employees */
    static const char *const sizes[] = {
        "enterprise", "large", "big", "small", "medium", "mid-size",
        "midsize", "mid-sized", "mid-market", "smb", "smaller",
        "larger", "tiny", "huge", NULL};
    if (sized && t->kind == TK_WORD && list_at(p, k, sizes, NULL)) {
        *why = "how many employees? e.g. at companies with more than 1000 "
               "employees, or with fewer than 50";
        return NULL;
    }
    if (!firms) /* "key accounts" */
        return NULL;
    /* "at US companies", "at German companies": the company's country,
     * not an industry */
    static const struct {
        const char *words, *country;
    } demonyms[] = {
        {"american", "US"},      {"british", "UK"},
        {"german", "Germany"},   {"french", "France"},
        {"spanish", "Spain"},    {"italian", "Italy"},
        {"dutch", "Netherlands"}, {"canadian", "Canada"},
        {"swiss", "Switzerland"}, {"swedish", "Sweden"},
        {"irish", "Ireland"},    {"australian", "Australia"},
        {"indian", "India"},     {"japanese", "Japan"},
        {"austrian", "Austria"}, {"belgian", "Belgium"},
        {"danish", "Denmark"},   {"norwegian", "Norway"},
        {"finnish", "Finland"},  {"polish", "Poland"},
        {"israeli", "Israel"},   {"brazilian", "Brazil"},
        {NULL, NULL}};
    int dm = -1;
    if (rows_at(p, k, &demonyms[0].words, sizeof demonyms[0], &dm) == 1)
        return leaf("company.country", "==",
                    json_string(demonyms[dm].country));
    if (list_at(p, k, lex_countries, NULL) == 1)
        return leaf("company.country", "==", json_string(t->raw));
    /* "at public companies", "at funded startups" */
    static const char *const unkept[] = {
        "public", "private", "listed", "funded", "venture-backed",
        "vc-backed", "profitable", "fortune", "global", "international",
        "local", "growing", "fast-growing", "series", NULL};
    if (list_at(p, k, unkept, NULL)) {
        *why = company_kept_why;
        return NULL;
    }
    if ((t->kind == TK_WORD || t->kind == TK_QUOTED) && !is_reserved(t))
        return leaf("company.industry", "==",
                    json_string(t->kind == TK_QUOTED ? t->text : t->raw));
    return NULL;
}

static const char *last_search(const json_t *steps);
static void skip_further(struct parser *p);

/* Whether a deal's stage change opens the instructions. */
static bool opened_by_deal_move(const struct parser *p)
{
    const char *ev = jx_str(p->opened_by, "event");
    return ev && !strcmp(ev, "deal_stage_updated");
}

/* Whether the deal an if reads is the one whose move started the run:
 * a deal's stage change opened it and no search came before. */
static bool moved_deal_in_scope(const struct parser *p)
{
    return opened_by_deal_move(p) && !last_search(p->root);
}

static json_t *leaf_where_extra(struct parser *p)
{
    int save = p->i;
    /* "the deals of contacts tagged 'vip'", "deals linked to contacts in
     * Berlin": the conditions of each deal's contact */
    static const char *const of_people[] = {
        "of contacts", "of the contacts", "for contacts", "linked to contacts",
        "associated with contacts", "with contacts", "of leads",
        "for leads", "whose contacts are", "whose contact is",
        /* (after "whose" or "where": "whose contact is tagged 'vip'") */
        "the contact is", "contact is", "their contact is", "its contact is",
        "the contact has", "contact has", NULL};
    if (p->scope == SC_DEAL && accept_list(p, of_people) >= 0) {
        p->scope = SC_CONTACT;
        json_t *w = where_clauses(p);
        p->scope = SC_DEAL;
        if (w)
            return w;
        p->i = save;
    }
    /* "deals for Acme Corp": the deal's company */
    if (p->scope == SC_DEAL && is_word(cur(p), "for") &&
        at(p, 1)->kind == TK_WORD && !is_reserved(at(p, 1)) &&
        isupper((unsigned char)at(p, 1)->raw[0])) {
        p->i++;
        json_t *v = short_name(p, true, NULL);
        if (v)
            return any_chain(p, leaf("company.name", "==", v), next_company,
                             NULL);
        p->i = save;
    }
    /* "with high lead scores", "with a big deal value": how high is
     * asked, not guessed */
    static const char *const with_a[] = {"with a", "with an", "with", NULL};
    static const char *const vague[] = {
        "high", "higher", "low", "lower", "big", "bigger", "large", "larger",
        "small", "smaller", "good", "strong", "weak", "top", "huge", NULL};
    static const char *const amounts[] = {
        "lead score", "lead scores", "score", "scores", "value", "values",
        "deal value", "deal values", "amount", "amounts", "deal size",
        "deal sizes", "revenue", NULL};
    int wa = list_at(p, 0, with_a, NULL);
    int va = wa ? list_at(p, wa, vague, NULL) : 0;
    int am = va ? list_at(p, wa + va, amounts, NULL) : 0;
    if (am) {
        refuse_words(p, save, save + wa + va + am,
                     "how high? a search compares a number: e.g. with a "
                     "lead score above 80, worth more than $50k");
        return NULL;
    }
    /* "who haven't been tagged 'followed-up'", "that were tagged 'x'" */
    static const char *const been[] = {
        "haven't been", "hasn't been", "have not been", "has not been",
        "were not", "weren't", "was not", "wasn't", "have never been",
        "has never been", "never been", "have been", "has been", "were",
        "was", NULL};
    int bw = -1, bn = list_at(p, 0, been, &bw);
    if (bn && is_word(at(p, bn), "tagged")) {
        p->i += bn;
        bool neg = strstr(been[bw], "not") || strstr(been[bw], "n't") ||
                   strstr(been[bw], "never");
        json_t *l = leaf_tagged(p);
        if (l)
            return neg ? negate(l) : l;
        p->i = save;
    }
    /* "are not tagged 'customer'", "who aren't tagged 'x'" */
    static const char *const be[] = {"are not", "aren't", "is not", "isn't",
                                     "not",     "are",    "is",     NULL};
    int w = accept_list(p, be);
    if (w >= 0 && !list_at(p, 0, be, NULL)) {
        /* "that are not Closed Won or Closed Lost", "that are closing
         * this month", "who are not in Berlin": the words after the verb
         * as a condition of their own */
        json_t *l = NULL;
        if (is_word(cur(p), "tagged"))
            l = leaf_tagged(p);
        else if (p->scope == SC_DEAL && stage_ahead(p))
            l = any_chain(p, next_stage(p, NULL), next_stage, NULL);
        else if (strcmp(be[w], "not") && is_word(cur(p), "either"))
            l = cond_or(p, C_WHERE); /* "are either tagged 'a' or ..." */
        else if (strcmp(be[w], "not"))
            l = cond_leaf(p, C_WHERE);
        if (l)
            return strstr(be[w], "not") || strstr(be[w], "n't") ? negate(l)
                                                                 : l;
    }
    p->i = save;
    /* "from the source 'Google Ads'", "with lead source LinkedIn" */
    static const char *const src[] = {"from the source", "from source",
                                      "from lead source", "with source",
                                      "with the source", "with lead source",
                                      NULL};
    if (accept_list(p, src) >= 0) {
        json_t *v = short_name(p, false, NULL);
        if (v)
            return leaf("contact.source", "==", v);
        p->i = save;
    }
    /* "from the 'Website' source", "from the Google Ads lead source":
     * the name before the word "source" */
    static const char *const from_the[] = {"from the", "from our", "from",
                                           "via the", "through the", NULL};
    static const char *const source_word[] = {"source", "lead source",
                                              "channel", NULL};
    if (accept_list(p, from_the) >= 0) {
        static const char *const stop[] = {"source", "lead", "channel",
                                           NULL};
        json_t *v = short_name(p, false, stop);
        if (v && accept_list(p, source_word) >= 0)
            return leaf("contact.source", "==", v);
        json_decref(v);
        p->i = save;
    }
    json_t *tagged = leaf_tagged(p);
    if (tagged)
        return tagged;
    json_t *titled = leaf_titled(p);
    if (titled)
        return titled;
    /* "at acme.com", "from acme.com": an address at that domain */
    static const char *const at_dom[] = {"at", "from", "working at",
                                         "work at", "works at", NULL};
    int ad = list_at(p, 0, at_dom, NULL);
    if (ad && at(p, ad)->kind == TK_WORD && strchr(at(p, ad)->raw, '.')) {
        char dom[128];
        p->i += ad;
        if (mail_domain(p, dom, sizeof dom))
            return leaf("contact.email", "contains", json_string(dom));
        p->i = save;
    }
    /* "in the Nurture status", "in status 'Nurture'": the contact's
     * (also "still in Lead status": where it is now) */
    static const char *const still_in[] = {"are still", "is still",
                                           "still", NULL};
    int si = list_at(p, 0, still_in, NULL);
    if (p->scope != SC_DEAL && is_word(at(p, si), "in")) {
        int k = si + 1 + is_word(at(p, si + 1), "the");
        const struct tok *t = at(p, k);
        bool named = t->kind == TK_QUOTED ||
                     (t->kind == TK_WORD && !is_reserved(t));
        if (is_word(t, "status") && (at(p, k + 1)->kind == TK_QUOTED ||
                                     at(p, k + 1)->kind == TK_WORD)) {
            p->i += k + 1; /* in status X */
            json_t *v = value_of(p, VT_TEXT);
            if (v)
                return leaf("contact.status", "==", v);
        } else if (named && is_word(at(p, k + 1), "status")) {
            p->i += k + 2; /* in the X status */
            return leaf("contact.status", "==",
                        json_string(t->kind == TK_QUOTED ? t->text : t->raw));
        }
        p->i = save;
    }
    /* "in the 'Hot' segment", "on our VIP list": no such thing */
    if (is_word(cur(p), "in") || is_word(cur(p), "on")) {
        static const char *const dets[] = {"the", "our", "my", "your",
                                           "a", NULL};
        int k = 1 + list_at(p, 1, dets, NULL);
        static const char *const lists[] = {"list", "segment", "sequence",
                                            "campaign", "audience", NULL};
        if ((at(p, k)->kind == TK_QUOTED || at(p, k)->kind == TK_WORD) &&
            list_at(p, k + 1, lists, NULL)) {
            p->i += k;
            refuse(p, no_lists_why);
            p->i = save;
            return NULL;
        }
    }
    /* in stage Proposal / in the Proposal stage / in Negotiation / are
     * still in Proposal */
    static const char *const still[] = {
        "are still", "is still", "still", "are", "is", "have been",
        "has been", "been", "are stuck", "is stuck", "stuck", "sitting",
        "are sitting", "stalled", "are stalled",
        /* "that have stayed in Negotiation for 2 weeks": as stuck */
        "have stayed", "has stayed", "stayed", "stays", "stay",
        "have remained", "has remained", "remained", "remains", "remain",
        NULL};
    accept_list(p, still);
    /* "stuck in the same stage for 3 weeks": open and unchanged that
     * long, as "stuck in Proposal for ..." (agentd keeps no date of a
     * stage change; a closed deal is not stuck) */
    static const char *const same[] = {
        "in the same stage", "in their current stage", "in the current stage",
        "in one stage", "in the same stage as before", NULL};
    if (p->scope == SC_DEAL && accept_list(p, same) >= 0) {
        json_t *idle = is_word(cur(p), "for") ? time_leaf(p, "deal.updatedAt")
                                              : NULL;
        if (idle)
            return combine("and", stage_closed("deal.stage", false),
                           negate(idle));
        p->i = save;
    }
    /* "in any stage except Closed Lost", "in every stage but Lead": not
     * in those */
    int in_at = p->i;
    if (p->scope == SC_DEAL && (accept(p, "in") || accept(p, "at")) &&
        accept_list(p, anything_but) < 0)
        p->i = in_at;
    if (p->i > in_at) {
        const char *s = named_stage(p);
        if (s) {
            accept(p, "stage");
            json_t *st = any_chain(p, leaf("deal.stage", "==", json_string(s)),
                                   next_stage, NULL);
            return negate(st);
        }
        p->i = save;
        return NULL;
    }
    static const char *const in_stage[] = {
        "in stage", "at stage", "in stages", "in the stage", "in the stages",
        NULL};
    bool said_stage = accept_list(p, in_stage) >= 0;
    if (said_stage || accept(p, "in") || accept(p, "at")) {
        skip_articles(p);
        const char *s = stage_of(p);
        if (s) {
            accept(p, "stage");
            /* "in Lead, Qualified or Proposal (stage)": any of them */
            json_t *st = any_chain(p, leaf("deal.stage", "==", json_string(s)),
                                   next_stage, NULL);
            /* "... in Negotiation deals": the deals in it */
            static const char *const nouns[] = {"stage", "stages", "deals",
                                                "deal", NULL};
            accept_list(p, nouns);
            /* "stuck in Proposal for more than 21 days": in the stage and
             * unchanged that long (the record's updatedAt, as "inactive
             * for 21 days"; agentd keeps no date of the stage change) */
            int f = p->i;
            /* "When a deal moves to Proposal, if it stays in Proposal
             * for 10 days, ...": that deal changed just now, so the time
             * is waited first, then the stage checked (as "still in
             * Proposal after 10 days"); its updatedAt is today */
            int64_t secs;
            if (p->if_cond && moved_deal_in_scope(p) && accept(p, "for")) {
                skip_further(p);
                if (duration(p, &secs, NULL, NULL)) {
                    p->pending_wait = secs;
                    return st;
                }
                p->i = f;
            }
            json_t *idle = is_word(cur(p), "for")
                               ? time_leaf(p, "deal.updatedAt")
                               : NULL;
            if (idle)
                return combine("and", st, negate(idle));
            p->i = f;
            return st;
        }
        /* "in the Demo stage", "in stage 'Discovery'": a stage the
         * pipeline does not have */
        if (said_stage || is_word(at(p, 1), "stage"))
            named_stage(p);
        p->i = save;
    }
    /* at SaaS companies / at companies in Fintech / who work at
     * companies with 100 to 1000 employees */
    static const char *const at_co[] = {
        "at",          "working at", "work at",     "works at",
        "employed at", "work for",   "works for",   "working for",
        "employed by", NULL};
    /* "working in SaaS companies", "who work in companies with ...":
     * as "in" (a place after "working in" is still the contact's) */
    static const char *const work_in[] = {"working in", "work in",
                                          "works in", "employed in", NULL};
    int wi = list_at(p, 0, work_in, NULL);
    if (wi && (is_word(at(p, wi), "companies") ||
               is_word(at(p, wi + 1), "companies") ||
               is_word(at(p, wi + 1), "company")))
        p->i += wi - 1; /* at "in" */
    else if (wi) { /* "who work in healthcare": an industry */
        p->i += wi - 1;
        json_t *ind = leaf_industry(p);
        if (ind)
            return ind;
        p->i = save;
    }
    if (accept(p, "from") || accept_list(p, at_co) >= 0 ||
        (is_word(cur(p), "in") &&
         (is_word(at(p, 2), "companies") || is_word(at(p, 2), "company") ||
          is_word(at(p, 1), "companies")) && /* "in companies with" */
         accept(p, "in"))) {
        /* the words before a noun for companies say which: a size, a
         * country, an industry; "at German companies", "at healthcare or
         * pharma companies" (any of them) */
        static const char *const co_nouns[] = {"companies", "company",
                                               "firms", "businesses", NULL};
        int k = 0, words = 0;
        /* ("from Germany and their company has ...": a word for whose
         * company ends the words, which are then no list of kinds) */
        static const char *const whose[] = {
            "their", "its", "his", "her", "our", "my", "your", "this",
            "these", "those", "every", "each", NULL};
        while (words < 6) {
            const struct tok *wt = at(p, k);
            if (!((wt->kind == TK_WORD || wt->kind == TK_QUOTED) &&
                  !is_reserved(wt)) ||
                (wt->kind == TK_WORD && list_at(p, k, whose, NULL)))
                break;
            words++;
            k++;
            bool comma = is_punct(at(p, k), ",");
            k += comma;
            if (is_word(at(p, k), "or") || is_word(at(p, k), "and"))
                k++;
            else if (!comma)
                break;
        }
        /* (k: the noun, after the last word; "accounts" only after a
         * size, "startups" not after one) */
        bool firms = list_at(p, k, co_nouns, NULL) > 0;
        bool sized = firms || is_word(at(p, k), "accounts");
        firms = firms || is_word(at(p, k), "startups");
        if (words && (firms || sized)) {
            json_t *any = NULL;
            const char *why = NULL;
            for (int j = 0; j < k && !why; j++) {
                const struct tok *wt = at(p, j);
                if ((wt->kind != TK_WORD && wt->kind != TK_QUOTED) ||
                    is_word(wt, "or") || is_word(wt, "and"))
                    continue;
                json_t *one = company_word(p, j, sized, firms, &why);
                if (one)
                    any = any ? combine("or", any, one) : one;
                else if (!why && words > 1)
                    why = company_kept_why;
            }
            if (any && !why) {
                p->i += k + 1;
                return any;
            }
            json_decref(any);
            if (why) {
                refuse_words(p, save, p->i + k + 1, why);
                p->i = save;
                return NULL;
            }
            /* ("key accounts": none of these; the readings below) */
        }
        if (accept(p, "companies") || accept(p, "a company") ||
            accept(p, "companies that have")) {
            /* at companies whose name includes 'Labs' */
            int wn = p->i;
            if (accept(p, "whose name") || accept(p, "with a name that") ||
                accept(p, "with names that")) {
                json_t *nm = compare(p, "company.name", VT_TEXT);
                if (nm)
                    return nm;
                p->i = wn;
            }
            /* "at companies with 'Inc' in the name (in their name)" */
            static const char *const in_name[] = {
                "in the name", "in their name", "in its name",
                "in the company name", "in their names", NULL};
            const struct tok *q = at(p, 1);
            int inn = is_word(cur(p), "with") &&
                              (q->kind == TK_QUOTED ||
                               (q->kind == TK_WORD && !is_reserved(q)))
                          ? list_at(p, 2, in_name, NULL)
                          : 0;
            if (inn) {
                json_t *l = leaf("company.name", "contains",
                                 json_string(q->kind == TK_QUOTED ? q->text
                                                                  : q->raw));
                p->i += 2 + inn;
                return l;
            }
            /* at companies in the fintech industry / in fintech */
            json_t *in = leaf_industry(p);
            if (in)
                return in;
            /* at companies based in Germany: the company's country */
            int at_place = p->i;
            json_t *pl = leaf_place(p);
            if (pl && company_country(pl))
                return pl;
            if (pl) {
                p->i = at_place;
                fail(p, "a company has a country, not a city: e.g. at "
                        "companies in Germany, or contacts in Berlin");
            }
            json_decref(pl);
            p->i = at_place;
            /* with more than 500 employees, with 50 to 200 employees */
            json_t *size = leaf_reversed(p);
            if (size && cond_any_field(size, field_under, "company."))
                return size;
            json_decref(size);
            p->i = at_place;
            /* "at companies with a website", "without an industry": the
             * company's field is there or not */
            static const char *const has[] = {"with a", "with an", "with",
                                              "that have a", "that have",
                                              NULL};
            static const char *const lacks[] = {
                "without a", "without an", "without", "with no",
                "that have no", "that don't have a", "that don't have",
                NULL};
            bool no = accept_list(p, lacks) >= 0;
            char f[128];
            enum lex_vtype fvt;
            int ol;
            if ((no || accept_list(p, has) >= 0) &&
                field_words(p, f, sizeof f, &fvt) &&
                field_of("company", f, sizeof f) && !op_at(p, &ol)) {
                /* "with industry SaaS": that value */
                const struct tok *v = cur(p);
                json_t *val = !no && (v->kind == TK_QUOTED ||
                                      (v->kind == TK_WORD &&
                                       !is_reserved(v) &&
                                       !starts_step_word(v)))
                                  ? value_of(p, fvt)
                                  : NULL;
                if (val)
                    return leaf(f, "==", val);
                json_t *l = leaf(f, "exists", NULL);
                return no ? negate(l) : l;
            }
        }
        p->i = save;
    }
    /* at Acme / working at 'Acme Corp' / at company Acme: the company's
     * name ("from Acme" could be a place or a source: leaf_place) */
    if (accept_list(p, at_co) >= 0) {
        accept(p, "the company");
        accept(p, "company");
        json_t *v = short_name(p, true, NULL);
        if (v) /* "at Stripe or Plaid" */
            return any_chain(p, leaf("company.name", "==", v), next_company,
                             NULL);
        p->i = save;
    }
    json_t *ind = leaf_industry(p);
    if (ind)
        return ind;
    /* "(that) nobody owns", "no one is assigned to": no owner */
    static const char *const unowned[] = {
        "nobody owns", "no one owns", "nobody is assigned to",
        "no one is assigned to", "nobody has claimed", NULL};
    if (accept_list(p, unowned) >= 0)
        return negate(leaf(p->scope == SC_DEAL ? "deal.ownerId"
                                               : "contact.ownerId",
                           "exists", NULL));
    /* "owned by @user.alex", "assigned to @user.sdr" */
    static const char *const owned[] = {"owned by", "assigned to",
                                        "belonging to", "belong to",
                                        "whose owner is", NULL};
    if (accept_list(p, owned) >= 0) {
        const char *field =
            p->scope == SC_DEAL ? "deal.ownerId" : "contact.ownerId";
        /* "owned by nobody", "assigned to no one": no owner ("not
         * assigned to anyone" is its negation of "anyone") */
        static const char *const nobody[] = {"nobody", "no one", "no-one",
                                             NULL};
        if (accept_list(p, nobody) >= 0)
            return negate(leaf(field, "exists", NULL));
        if (accept(p, "anyone") || accept(p, "someone"))
            return leaf(field, "exists", NULL);
        if (is_word(cur(p), "me") || is_word(cur(p), "us") ||
            is_word(cur(p), "myself")) {
            /* the agent's creator has no variable: a handle names them */
            refuse(p, "name the owner by handle: e.g. owned by @user.alex");
            p->i = save;
            return NULL;
        }
        if (cur(p)->kind == TK_EMAIL) {
            /* An owner is a member's id, which only a handle names. */
            fail(p, "name the owner by handle: e.g. owned by @user.alex");
            p->i = save;
            return NULL;
        }
        json_t *who = person(p);
        if (who) /* "owned by @user.a or @user.b" */
            return any_chain(p, leaf(field, "==", stored_value(field, who)),
                             next_owner, field);
        p->i = save;
    }
    /* "named John", "called Jane Doe": a first name, or first and last */
    if (accept(p, "named") || accept(p, "called")) {
        if (p->scope == SC_DEAL) { /* "deals named 'Acme renewal'" */
            json_t *v = short_name(p, true, NULL);
            if (v)
                return leaf("deal.name", "==", v);
            p->i = save;
            return NULL;
        }
        const struct tok *f = cur(p), *l = at(p, 1);
        if (f->kind == TK_WORD && !is_reserved(f) &&
            isupper((unsigned char)f->raw[0])) {
            p->i++;
            json_t *first = leaf("contact.firstName", "==",
                                 json_string(f->raw));
            if (l->kind == TK_WORD && !is_reserved(l) &&
                isupper((unsigned char)l->raw[0])) {
                p->i++;
                return combine("and", first,
                               leaf("contact.lastName", "==",
                                    json_string(l->raw)));
            }
            return first;
        }
        p->i = save;
    }
    /* in Germany / from Berlin / based in New York */
    if (p->scope == SC_CONTACT) {
        json_t *l = leaf_place(p);
        if (l)
            return l;
        p->i = save;
    }
    json_t *rev = leaf_reversed(p);
    if (rev)
        return rev;
    if (p->scope == SC_DEAL) {
        json_t *l = worth_leaf(p);
        if (l)
            return l;
        p->i = save;
    }
    return NULL;
}

/*
 * "that haven't been contacted for 30 days", "we haven't reached out to
 * in a month": not within the span, as "not contacted in the last 30
 * days" (cond_unary) is. A contact never contacted is one of them: the
 * missing field makes the leaf false and its negation true (plan.md).
 */
static json_t *leaf_not_since(struct parser *p)
{
    int save = p->i;
    static const char *const of_deal[] = {"the deal", "this deal", "deal",
                                          "the opportunity", NULL};
    bool deal = p->scope == SC_DEAL || list_at(p, 0, of_deal, NULL);
    skip_subject(p);
    /* "contacts I haven't contacted in 60 days", "we've never spoken
     * with" */
    if (!accept(p, "we") && !accept(p, "we've") && !accept(p, "i've"))
        accept(p, "i");
    static const char *const no[] = {
        "haven't been", "hasn't been", "have not been", "has not been",
        "weren't",      "wasn't",      "were not",      "was not",
        "haven't",      "hasn't",      "have not",      "has not",
        "not been",     "have never been", "has never been", "never been",
        "were never",   "was never",   "have never",    "has never",
        "never",        NULL};
    /* "with no activity in 10 days", "inactive for 2 weeks": no change
     * to the record within the span */
    static const char *const idle[] = {
        "with no activity", "no activity", "without activity",
        "without any activity", "with no updates", "no updates",
        "had no activity", "has had no activity", "have had no activity",
        "have been inactive", "has been inactive", "been inactive",
        "inactive", "have been idle", "has been idle", "been idle", "idle",
        NULL};
    char field[256];
    enum lex_vtype vt;
    json_t *l;
    if (accept_list(p, idle) >= 0) {
        l = time_leaf(p, deal ? "deal.updatedAt" : "contact.updatedAt");
        if (l)
            return negate(l);
        p->i = save;
        return NULL;
    }
    /* "haven't heard from us in 30 days", "deals that haven't moved in 2
     * weeks": the words for a record's last contact or last change */
    static const char *const heard[] = {
        "heard from us", "heard from anyone", "heard back from us",
        "been emailed", "emailed", "gotten an email", "received an email",
        "been reached", "been touched", "touched", "talked to",
        "talked with", "spoken to", "spoken with", "spoke to", "spoke with",
        "been in touch with", "reached out to", NULL};
    static const char *const moved[] = {"moved", "changed", "progressed",
                                        "advanced", "budged", NULL};
    /* "that nobody has contacted (yet, in 30 days)": as "that haven't
     * been contacted" */
    static const char *const nobody[] = {"nobody has", "no one has",
                                         "nobody", "no one", NULL};
    if (accept_list(p, nobody) < 0 && accept_list(p, no) < 0) {
        p->i = save;
        return NULL;
    }
    int after_no = p->i;
    bool contact = accept_list(p, heard) >= 0;
    if ((contact || (deal && accept_list(p, moved) >= 0)) &&
        (l = time_leaf(p, contact ? "contact.lastContactedAt"
                                  : "deal.updatedAt")))
        return negate(l);
    if (!contact) {
        p->i = after_no;
        if (!field_words(p, field, sizeof field, &vt) || vt != VT_TIME) {
            p->i = save;
            return NULL;
        }
        if ((l = time_leaf(p, field)))
            return negate(l);
    }
    /* "leads that haven't been contacted yet", "never been emailed": no
     * last contact at all */
    if (contact || !strcmp(field, "contact.lastContactedAt")) {
        accept(p, "yet");
        accept(p, "at all");
        accept(p, "before");
        return negate(leaf("contact.lastContactedAt", "exists", NULL));
    }
    p->i = save;
    return NULL;
}

/* "that have already been contacted", "we've emailed before", "who were
 * contacted in the last week": a last contact at all, or within the span
 * named. NULL, position kept, otherwise. */
static json_t *leaf_contacted(struct parser *p)
{
    int save = p->i;
    skip_subject(p);
    bool we = accept(p, "we") || accept(p, "i") || accept(p, "we've") ||
              accept(p, "i've");
    static const char *const done[] = {
        "have already been contacted", "has already been contacted",
        "have been contacted", "has been contacted", "were contacted",
        "was contacted", "were already contacted", "already been contacted",
        "been contacted", "already contacted", "have been emailed",
        "has been emailed", "were emailed", "have been reached out to",
        "were reached out to", "been emailed", "already been emailed",
        "been reached out to", NULL};
    static const char *const by_us[] = {
        "have already contacted", "have contacted", "already contacted",
        "contacted", "have emailed", "emailed", "have reached out to",
        "reached out to", "have talked to", "talked to", "talked with",
        "have spoken to", "have spoken with", "spoken to", "spoken with",
        "spoke to", "spoke with", "have been in touch with",
        "been in touch with", NULL};
    if (accept_list(p, done) < 0 && !(we && accept_list(p, by_us) >= 0)) {
        p->i = save;
        return NULL;
    }
    accept(p, "before");
    json_t *span = time_span(p, "contact.lastContactedAt", true);
    return span ? span : leaf("contact.lastContactedAt", "exists", NULL);
}

/* The length of a title's noun in a word ("CEOs" -> 3), or 0: the noun
 * is one of lex_title_nouns, singular or plural. */
static size_t title_len(const struct tok *t)
{
    if (t->kind != TK_WORD)
        return 0;
    size_t n = strlen(t->text);
    if (n > 1 && t->text[n - 1] == 's')
        n--;
    for (const char *const *w = lex_title_nouns; *w; w++)
        if ((*w)[0] == t->text[0] && strlen(*w) == n &&
            !strncmp(*w, t->text, n))
            return n;
    return 0;
}

/* A title word at the current token ("CEO", "founders"): its words as
 * written (without a plural s), or NULL. */
static json_t *title_noun(struct parser *p)
{
    const struct tok *t = cur(p);
    size_t n = title_len(t);
    if (!n)
        return NULL;
    p->i++;
    return json_stringn(t->raw, n); /* as written, without its "s" */
}

/* A title with the words that qualify it: "marketing directors",
 * "CEOs", "VPs of Sales" -> "marketing director", "CEO", "VP of Sales"
 * (compared with contains, which ignores case). Up to two words before
 * the title's noun; NULL, position kept, if none. */
static json_t *title_words(struct parser *p, bool *plural)
{
    static const char *const stop[] = {"all", "the", "our", "new", "every",
                                       "each", "any", "some", "top",
                                       "first", "other", "these", "those",
                                       "their", "your", "my", NULL};
    int save = p->i;
    for (int q = 0; q <= 2; q++) {
        if (!title_len(at(p, q))) /* cheap: most words are no title */
            continue;
        p->i = save;
        bool ok = true;
        for (int j = 0; j < q && ok; j++) {
            const struct tok *t = at(p, j);
            size_t tn = strlen(t->text); /* "contact's owner" is none */
            ok = t->kind == TK_WORD && !is_reserved(t) &&
                 !starts_step_word(t) && !list_at(p, j, stop, NULL) &&
                 !list_at(p, j, lex_contact_nouns, NULL) &&
                 !(tn > 2 && !strcmp(t->text + tn - 2, "'s"));
        }
        if (!ok)
            break;
        p->i = save + q;
        json_t *noun = title_noun(p);
        if (!noun)
            continue;
        bool many = strlen(at(p, -1)->text) >
                    strlen(json_string_value(noun));
        if (plural) /* "CEOs", not "CEO" */
            *plural = many;
        struct buf text; /* the words as written, however long */
        buf_init(&text, 0);
        for (int j = 0; j < q; j++) {
            buf_puts(&text, p->t[save + j].raw);
            buf_putc(&text, ' ');
        }
        buf_puts(&text, json_string_value(noun));
        json_decref(noun);
        /* "VPs of Sales": a department written with its capital */
        const struct tok *of = at(p, 1);
        if (is_word(cur(p), "of") && of->kind == TK_WORD &&
            !is_reserved(of) && isupper((unsigned char)of->raw[0])) {
            buf_puts(&text, " of ");
            buf_puts(&text, of->raw);
            p->i += 2;
        } else {
            /* "VP Sales", "Head Marketing": a department right after */
            static const char *const depts[] = {
                "sales", "marketing", "engineering", "finance",
                "operations", "product", "hr", "it", "growth",
                "partnerships", "business development", "revenue",
                "customer success", "people", "procurement", "security",
                "legal", "design", "data", NULL};
            int dm = many ? 0 : list_at(p, 0, depts, NULL);
            if (dm && !is_word(at(p, dm), "team")) {
                for (int j = 0; j < dm; j++) {
                    buf_putc(&text, ' ');
                    buf_puts(&text, at(p, j)->raw);
                }
                p->i += dm;
            }
        }
        json_t *title = jx_string(buf_cstr(&text));
        buf_fini(&text);
        return title;
    }
    p->i = save;
    return NULL;
}

/* "customers", "clients", "investors": a kind of contact that agentd's
 * contacts do not have as such (it is a status or a tag of theirs, the
 * workspace's to say which), refused as a reason at the position. */
static void kind_refused(struct parser *p)
{
    static const char *const kinds[] = {
        "customers", "customer", "clients", "client", "partners",
        "investors", "subscribers", "users", "members", "vendors",
        "suppliers", "resellers", "affiliates", "donors", NULL};
    if (list_at(p, 0, kinds, NULL))
        refuse(p, "which contacts are they? a contact has a status and "
                  "tags, not a kind: e.g. contacts whose status is "
                  "'Customer', or contacts tagged 'customer'");
    /* "my leads", "our deals": whose, the agent's words do not say */
    if ((is_word(cur(p), "my") || is_word(cur(p), "our")) &&
        (list_at(p, 1, lex_contact_nouns, NULL) ||
         list_at(p, 1, lex_deal_nouns, NULL)))
        refuse(p, "whose are they? name the owner by handle: e.g. "
                  "contacts owned by @user.alex");
}

static void untracked_within(struct parser *p, int reach);

/* The chief officers' titles: "C-level", "C-suite", and the top of
 * every "... and above". */
static const char *const chief_titles[] = {"Chief", "CEO", "CFO", "CTO",
                                           "COO", "CMO", "CRO", "CIO",
                                           NULL};

/* title contains any of `titles`, then any of `more` (may be NULL). */
static json_t *titles_any(const char *const *titles, const char *const *more)
{
    json_t *c = NULL;
    for (; titles && *titles; titles++)
        c = combine("or", c, leaf("contact.title", "contains",
                                  json_string(*titles)));
    return more ? combine("or", c, titles_any(more, NULL)) : c;
}

/* "VPs and above", "Directors or higher": the title and those above it
 * (a director's heads and VPs, and the chiefs); NULL, position kept, when
 * no such words follow. Refused for a title with no ladder above it. */
static json_t *and_above(struct parser *p, const char *title)
{
    static const char *const above[] = {
        "and above", "or above", "and higher", "or higher", "and up",
        "or more senior", "and more senior", NULL};
    int save = p->i;
    if (accept_list(p, above) < 0)
        return NULL;
    static const struct {
        const char *title;
        const char *const ranks[6];
    } ladder[] = {
        {"manager", {"Manager", "Director", "Head", "VP", "Vice President",
                     NULL}},
        {"director", {"Director", "Head", "VP", "Vice President", NULL}},
        {"head", {"Head", "VP", "Vice President", NULL}},
        {"vp", {"VP", "Vice President", NULL}},
        {"vice president", {"VP", "Vice President", NULL}},
    };
    for (size_t k = 0; k < sizeof ladder / sizeof *ladder; k++)
        if (!strcasecmp(title, ladder[k].title))
            return titles_any(ladder[k].ranks, chief_titles);
    refuse_read(p, save, "above which titles? name them: e.g. contacts "
                         "whose title contains VP or Director (also "
                         "'Directors and above', 'C-level')");
    p->i = save;
    return NULL;
}

/* "CEOs and CTOs", "VPs or Directors", "CEOs, CTOs and founders": who
 * holds any of the titles, as a condition; "C-level", "C-suite
 * executives", "Directors and above" too. NULL, position kept, if no
 * title is at the position. */
static json_t *titles_leaf(struct parser *p, bool *plural)
{
    static const char *const chiefs[] = {"c-level", "c-suite", "c level",
                                         "c suite", "csuite", NULL};
    static const char *const people[] = {"executives", "execs",
                                         "contacts", "leads", "people",
                                         NULL};
    if (accept_list(p, chiefs) >= 0) {
        accept_list(p, people);
        if (plural)
            *plural = true;
        return titles_any(chief_titles, NULL);
    }
    static const char *const makers[] = {
        "decision makers", "decision-makers", "decision maker",
        "decision-maker", "stakeholders", "stakeholder", NULL};
    if (list_at(p, 0, makers, NULL))
        refuse(p, "which titles make the decisions? name them: e.g. "
                  "contacts whose title contains VP or Director (or "
                  "'Directors and above', 'C-level')");
    json_t *t = title_words(p, plural);
    if (!t) { /* say why, where nothing gets further */
        kind_refused(p);
        untracked_within(p, 1); /* "unsubscribed contacts" */
        return NULL;
    }
    json_t *up = and_above(p, json_string_value(t));
    if (up) {
        json_decref(t);
        return up;
    }
    json_t *c = leaf("contact.title", "contains", t);
    for (;;) {
        int back = p->i;
        accept_punct(p, ",");
        if (!accept(p, "and") && !accept(p, "or") && !accept_punct(p, "&") &&
            p->i == back)
            break;
        json_t *more = title_words(p, NULL);
        if (!more) {
            p->i = back;
            break;
        }
        c = combine("or", c, leaf("contact.title", "contains", more));
    }
    return c;
}

static json_t *next_title(struct parser *p, const void *arg)
{
    (void)arg;
    accept(p, "a");
    accept(p, "an");
    json_t *v = title_noun(p);
    return v ? leaf("contact.title", "contains", v) : NULL;
}

static json_t *title_is_rest(struct parser *p, int save);

/* "they're a CEO or founder", "the contact is a VP": the title holds
 * the word. */
static json_t *leaf_title_is(struct parser *p)
{
    int save = p->i;
    static const char *const is[] = {
        "they are a", "they are an", "they're a", "they're an",
        "the contact is a", "the contact is an", "the lead is a",
        "the lead is an", "he is a", "she is a", "he's a", "she's a",
        "they are", "they're", NULL};
    if (accept_list(p, is) < 0)
        return NULL;
    return title_is_rest(p, save);
}

/* leaf_title_is after its subject and verb ("a CEO or founder"); at a
 * failure, the position goes back to `save`. */
static json_t *title_is_rest(struct parser *p, int save)
{
    /* "if they're C-level", "if the contact is a decision maker" */
    accept(p, "a");
    accept(p, "an");
    json_t *l = titles_leaf(p, NULL);
    if (l)
        return l;
    json_t *v = title_noun(p);
    if (!v) {
        p->i = save;
        return NULL;
    }
    json_t *up = and_above(p, json_string_value(v)); /* "a VP or above" */
    if (up) {
        json_decref(v);
        return up;
    }
    return or_chain(p, leaf("contact.title", "contains", v), next_title,
                    NULL);
}

/* "if they are in Germany", "if the contact is based in Berlin", "if
 * they work at Acme", "if the lead is owned by @user.sam": a search's
 * words about a contact, after the contact is named in an if. */
static json_t *leaf_contact_where(struct parser *p)
{
    int save = p->i;
    if (!p->elided && !list_at(p, 0, lex_subjects, NULL))
        return NULL;
    /* "if the deal is closing this week": the deal's conditions */
    static const char *const of_deal[] = {"the deal", "this deal",
                                          "the deal's", "the opportunity",
                                          NULL};
    bool deal = p->elided ? p->elided == 'd'
                          : list_at(p, 0, of_deal, NULL) > 0;
    if (!p->elided)
        skip_subject(p);
    /* (a subject may hold its verb: "they are" + "not in Germany") */
    static const char *const is_not[] = {"is not", "isn't", "are not",
                                         "aren't", "not", NULL};
    bool neg = accept_list(p, is_not) >= 0;
    if (!neg && !accept(p, "is"))
        accept(p, "are");
    enum scope old = p->scope;
    p->scope = deal ? SC_DEAL : SC_CONTACT;
    int at_words = p->i;
    json_t *l = leaf_where_extra(p);
    if (!l && deal) { /* "closing this week", "over 50k" */
        p->i = at_words;
        l = cond_leaf(p, C_WHERE);
    }
    p->scope = old;
    if (!l)
        p->i = save;
    return l && neg ? negate(l) : l;
}

/* "if in France", "else if tagged 'vip'", "if based in Berlin", "if a
 * CEO": a search's words about the record in scope, with its subject
 * left out. */
static json_t *leaf_unsaid_subject(struct parser *p)
{
    static const char *const starts[] = {
        "in",      "at",       "from",      "tagged",  "based",
        "located", "working",  "employed",  "owned",   "outside",
        "not",     "a",        "an",        NULL};
    if (!list_at(p, 0, starts, NULL))
        return NULL;
    if (is_word(cur(p), "a") || is_word(cur(p), "an"))
        return title_is_rest(p, p->i);
    p->elided = p->scope == SC_DEAL ? 'd' : 'c';
    json_t *l = leaf_contact_where(p);
    p->elided = 0;
    return l;
}

/* "if they clicked", "if the email bounced", "who booked a demo": what a
 * contact's record does not keep, refused with what it does (a condition
 * agentd could not check would otherwise read as "expected a condition").
 * Looks at the first `reach` words; position kept. */
static void untracked_within(struct parser *p, int reach)
{
    static const char *const words[] = {
        "clicked", "click", "clicks", "bounced", "bounce", "bounces",
        "unsubscribed", "booked a demo", "booked a meeting", "booked a call",
        "visited", "forwarded", "attended", "attendees", "downloaded",
        "opted out", "opted-out", "unsubscribes", "unsubscribe", "accepted",
        NULL};
    for (int k = 0; k < reach && at(p, k)->kind == TK_WORD; k++) {
        if (!list_at(p, k, words, NULL))
            continue;
        int save = p->i;
        p->i += k;
        refuse(p, "a contact's record says whether they replied, opened an "
                  "email or are interested; agentd keeps no clicks, "
                  "bounces, visits, downloads, attendance, bookings, "
                  "unsubscribes, opt-outs or accepted invitations: e.g. if "
                  "they opened the email, or tag them when a person says "
                  "so (contacts tagged 'webinar')");
        p->i = save;
        return;
    }
}

/* untracked_within() over a condition's first few words. */
static void untracked(struct parser *p)
{
    untracked_within(p, 5);
}

/* "deals over 30 days old", "at least 2 weeks old": an age, from the
 * record's creation (before "over 30" reads as a deal's value). NULL,
 * position kept, if the words are not one. */
static json_t *leaf_age(struct parser *p)
{
    /* the first words of ago_leaf's comparisons, then "old" near */
    static const char *const cmp[] = {"more", "over", "at", "less", "under",
                                      NULL};
    static const char *const old_word[] = {"old", NULL};
    if (!list_at(p, 0, cmp, NULL) || !word_within(p, 5, old_word))
        return NULL;
    int save = p->i;
    char field[64];
    scope_path(p, "contact.createdAt", field, sizeof field);
    json_t *l = ago_leaf(p, field);
    if (l && is_word(at(p, -1), "old"))
        return l;
    json_decref(l);
    p->i = save;
    return NULL;
}

/* "contacts from yesterday", "leads from the last 7 days", "(that) came
 * in yesterday", "were added this week", "signed up in the past week":
 * the records created then ("contacts from Germany" is a place, read
 * elsewhere). NULL (position kept) otherwise. */
static json_t *leaf_created_when(struct parser *p)
{
    static const char *const came[] = {
        "from", "came in", "have come in", "come in", "were added",
        "was added", "have been added", "got added", "signed up",
        "have signed up", "joined", "arrived", "were created",
        "was created", "have been created", "got created", NULL};
    int save = p->i;
    if (accept_list(p, came) < 0)
        return NULL;
    char field[64];
    scope_path(p, "contact.createdAt", field, sizeof field);
    /* "from the last 7 days": the span of "in the last 7 days" */
    static const char *const last[] = {"the last", "the past", NULL};
    int64_t secs, n;
    const struct lex_unit *u;
    if (accept_list(p, last) >= 0) {
        char rel[32];
        if (!duration(p, &secs, &n, &u)) {
            n = 1; /* "from the past week" */
            if (!(u = unit_word(p))) {
                p->i = save;
                return NULL;
            }
        }
        rel_time(rel, sizeof rel, '-', n, u);
        return since_leaf(field, rel);
    }
    json_t *l = time_span(p, field, true);
    if (!l)
        p->i = save;
    return l;
}

/* "the webhook payload has status 'churned'", "the payload's plan is
 * 'enterprise'", "the webhook's event is 'signup'": a field of the
 * payload the run was started with (@trigger.<name>). NULL (position
 * kept) otherwise. */
static json_t *leaf_payload(struct parser *p)
{
    int save = p->i;
    if (!accept(p, "the") && !accept(p, "a"))
        accept(p, "an");
    bool hook = accept(p, "webhook's") || accept(p, "webhook");
    static const char *const body[] = {"payload's", "payload", "body's",
                                       "data's", NULL};
    if (accept_list(p, body) < 0 && !hook) {
        p->i = save;
        return NULL;
    }
    /* "a webhook is received with event 'signup'" */
    static const char *const came[] = {"is received", "arrives", "comes in",
                                       "is called", "fires", "is triggered",
                                       "is hit", NULL};
    bool arrived = accept_list(p, came) >= 0;
    bool with = arrived && accept(p, "with");
    /* "a webhook arrives and the event is 'signup'": a field of it */
    int at_and = p->i;
    if (arrived && !with &&
        !(accept(p, "and") && (accept(p, "the") || accept(p, "its"))))
        p->i = at_and;
    bool has = with || (p->i == at_and &&
                        (accept(p, "has") || accept(p, "contains")));
    /* "with a 'plan' of 'enterprise'": the name quoted, its value after
     * "of" */
    if (has && !accept(p, "a") && !accept(p, "an"))
        accept(p, "the");
    const struct tok *t = cur(p);
    bool quoted = has && t->kind == TK_QUOTED && !t->unterminated &&
                  isalpha((unsigned char)t->text[0]) &&
                  strspn(t->text, "abcdefghijklmnopqrstuvwxyz"
                                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") ==
                      strlen(t->text);
    if (!quoted &&
        (t->kind != TK_WORD || is_reserved(t) || !custom_name(t, false))) {
        p->i = save;
        return NULL;
    }
    char field[96];
    snprintf(field, sizeof field, "trigger.%s", quoted ? t->text : t->raw);
    p->i++;
    accept(p, "field");
    if (has)
        accept(p, "of");
    json_t *v = has ? value_of(p, VT_TEXT) : NULL;
    json_t *l = v ? leaf(field, "==", v) : compare(p, field, VT_TEXT);
    if (!l)
        p->i = save;
    return l;
}

/* "contacts with more than 2 deals", "with no open deals": a count of
 * a contact's deals, which a condition does not take; refused as the
 * words read, position kept. */
static void deal_count_refused(struct parser *p)
{
    static const char *const how_many[] = {
        "more than", "less than", "fewer than", "at least", "at most",
        "over", "under", "no", "zero", "multiple", "several", "many",
        NULL};
    static const char *const kinds[] = {"open", "active", "won", "lost",
                                        "closed", NULL};
    static const char *const deals[] = {"deals", "deal", "opportunities",
                                        "opportunity", NULL};
    int save = p->i;
    int64_t n;
    /* (a number alone must be written as one: "a deal" is no count) */
    bool counted = accept_list(p, how_many) >= 0;
    if (counted || cur(p)->kind == TK_NUM)
        counted = count_value(p, &n) || counted;
    accept_list(p, kinds);
    if (counted && accept_list(p, deals) >= 0)
        refuse_read(p, save,
                    "a condition does not count a contact's deals: find "
                    "the deals instead (a contact step after a search of "
                    "deals works on their contacts), e.g. find open deals "
                    "and tag their contacts 'has-deal'");
    p->i = save;
}

/* "in the marketing department", "on the sales team": a contact's
 * department, which agentd keeps only in the title ("VP Marketing"), so
 * the title contains its name. NULL, position kept, otherwise. */
static json_t *leaf_department(struct parser *p)
{
    static const char *const unit[] = {"department", "departments", "dept",
                                       "team", "teams", "function", NULL};
    /* (every condition passes here: its first word first) */
    static const char *const first[] = {
        "in", "on", "from", "who", "work", "working", "is", "are", "they",
        "he", "she", NULL};
    if (p->scope != SC_CONTACT || !list_at(p, 0, first, NULL) ||
        !word_within(p, 7, unit))
        return NULL;
    int save = p->i;
    skip_subject(p);
    static const char *const in[] = {
        "who work in", "who work on", "who are in", "who are on", "work in",
        "work on", "working in", "working on", "is in", "are in", "is on",
        "are on", "in", "on", "from", NULL};
    if (accept_list(p, in) < 0) {
        p->i = save;
        return NULL;
    }
    accept(p, "the");
    int from = p->i;
    while (p->i - from < 2 && cur(p)->kind == TK_WORD && !is_reserved(cur(p)) &&
           !list_at(p, 0, unit, NULL))
        p->i++;
    if (p->i == from || accept_list(p, unit) < 0) {
        p->i = save;
        return NULL;
    }
    return leaf("contact.title", "contains", source_text(p, from, p->i - 1));
}

static json_t *cond_leaf(struct parser *p, enum cctx c)
{
    int save = p->i;
    json_t *l;
    /* a bound on the readings tried: words that keep the readings
     * nesting into each other must not keep the parser busy */
    if (++p->leaves > PARSE_MAX_LEAVES)
        return NULL;
    if ((l = leaf_search_result(p)))
        return l;
    if ((l = leaf_department(p)))
        return l;
    /* "if the response status is 200" after an HTTP call */
    char call[160];
    if (c != C_WHERE && (is_word(cur(p), "the") || is_word(cur(p), "its")) &&
        call_output(p, false, call, sizeof call)) {
        /* (a status is a number; an output or a field of it may be
         * text: "if its output is hot") */
        size_t cn = strlen(call);
        bool status = cn > 7 && !strcmp(call + cn - 7, ".status");
        json_t *cl = compare(p, call, status ? VT_NUM : VT_TEXT);
        if (cl)
            return cl;
        p->i = save;
    }
    if (c != C_WHERE && (l = leaf_payload(p)))
        return l;
    if (p->scope != SC_DEAL && (l = leaf_mail_domain(p)))
        return l;
    if (p->scope != SC_DEAL && (l = leaf_the_tag(p)))
        return l;
    if (p->scope != SC_DEAL && (l = leaf_came_from(p)))
        return l;
    if (c == C_WHERE && (l = leaf_age(p)))
        return l;
    if (c == C_WHERE && (l = leaf_created_when(p)))
        return l;
    if (c == C_WHERE && (l = leaf_where_extra(p)))
        return l;
    /* "if they're in Berlin and work at Acme", "... and works at a
     * company with more than 100 employees": the subject said before */
    static const char *const works[] = {
        "works at", "work at", "works for", "work for", "working at",
        "working for", "employed at", "employed by", NULL};
    if (c != C_WHERE && p->scope != SC_DEAL && list_at(p, 0, works, NULL) &&
        (l = leaf_where_extra(p)))
        return l;
    if (c == C_WHERE && p->scope == SC_DEAL && (l = leaf_deal_state(p)))
        return l;
    p->i = save;
    if ((l = leaf_company_place(p)))
        return l;
    p->i = save;
    /* "the company has no industry": the company's field missing (read
     * by leaf_generic, "has no" would be said of the contact's company) */
    static const char *const co_has[] = {
        "the company has", "their company has", "company has",
        "the company doesn't have", "their company doesn't have",
        "company doesn't have", "the company does not have",
        "their company does not have", "company does not have", NULL};
    if (list_at(p, 0, co_has, NULL) && (l = leaf_has(p)))
        return l;
    p->i = save;
    if ((l = leaf_generic(p, c)))
        return l;
    p->i = save;
    if ((l = leaf_deal_move(p)))
        return l;
    p->i = save;
    if (c != C_WHERE && (l = leaf_deal_worth(p)))
        return l;
    p->i = save;
    if ((l = leaf_in_field(p)))
        return l;
    p->i = save;
    if ((l = leaf_has(p)))
        return l;
    p->i = save;
    if ((l = leaf_bool_phrase(p, c)))
        return l;
    p->i = save;
    if ((l = leaf_not_since(p)))
        return l;
    p->i = save;
    if (p->scope != SC_DEAL && (l = leaf_contacted(p)))
        return l;
    p->i = save;
    if ((l = leaf_title_is(p)))
        return l;
    p->i = save;
    if ((l = leaf_industry(p)))
        return l;
    p->i = save;
    if (c != C_WHERE && (l = leaf_contact_where(p)))
        return l;
    p->i = save;
    if (c != C_WHERE && !p->elided && (l = leaf_unsaid_subject(p)))
        return l;
    p->i = save;
    if (c == C_WHERE && (is_word(cur(p), "older") ||
                         is_word(cur(p), "newer") ||
                         is_word(cur(p), "younger"))) {
        /* "deals older than 90 days": their age, from their creation */
        char field[64];
        scope_path(p, "contact.createdAt", field, sizeof field);
        if ((l = ago_leaf(p, field)))
            return l;
    }
    p->i = save;
    if (c != C_WHERE && (l = leaf_reversed(p)))
        return l; /* "if their company has more than 1000 employees" */
    p->i = save;
    /* "...; if between 100 and 1000, ...": the field of the if before;
     * "...; if it's over 50, ...", "else if it is Negotiation": "it" is
     * that field too, compared in any way its kind allows */
    if (c != C_WHERE && p->case_field[0]) {
        bool it = accept(p, "it's") || accept(p, "it");
        int ol;
        const struct lex_op *o = op_at(p, &ol);
        bool ordered = is_word(cur(p), "between") ||
                       (o && strchr("<>", o->op[0])); /* not "is", "has" */
        enum lex_vtype cvt = ordered || (it && o) ? field_vtype(p->case_field)
                                                  : VT_BOOL;
        if (cvt != VT_BOOL && cvt != VT_TAGS &&
            (l = compare(p, p->case_field, cvt)))
            return l;
        p->i = save;
    }
    untracked(p);
    kind_refused(p);
    deal_count_refused(p);
    fail(p, no_condition_why);
    return NULL;
}

static json_t *cond_unary(struct parser *p, enum cctx c)
{
    if (++p->depth > MAX_DEPTH) {
        p->depth--;
        fail(p, "the condition nests too deeply");
        return NULL;
    }
    int save = p->i;
    json_t *r = NULL;
    /* "who are either tagged 'a' or in Berlin": the "or" says it */
    static const char *const or_word[] = {"or", NULL};
    if (is_word(cur(p), "either") && word_within(p, 12, or_word))
        p->i++;
    if (accept(p, "not") || accept(p, "it is not the case that")) {
        json_t *x = cond_unary(p, c);
        if (x)
            r = negate(x);
        else
            p->i = save;
    } else if (accept_punct(p, "(")) {
        json_t *x = cond_or(p, c);
        if (x && accept_punct(p, ")"))
            r = x;
        else {
            if (x)
                fail(p, "expected ')'");
            json_decref(x);
            p->i = save;
        }
    } else {
        r = cond_leaf(p, c);
    }
    p->depth--;
    return r;
}

/* "lead score above 50 and below 90", "created after March 1 but before
 * April 1": a second bound on the field the comparison before it (the
 * last of a's) bounds; "title contains CEO but not 'Assistant'": not
 * another value of it. NULL, position kept, when none follows. */
static json_t *same_field_bound(struct parser *p, const json_t *a)
{
    json_t *list = json_object_get(a, "and");
    const json_t *last =
        list ? json_array_get(list, json_array_size(list) - 1) : a;
    const char *field = jx_str(last, "field");
    const char *op = jx_str(last, "operator");
    const json_t *v = json_object_get(last, "value");
    /* "title contains CEO but not 'Assistant'": not that value of the
     * same field, as it is compared */
    const struct tok *t = cur(p);
    if (field && op && (!strcmp(op, "contains") || !strcmp(op, "==")) &&
        is_word(t, "not") &&
        (at(p, 1)->kind == TK_QUOTED || at(p, 1)->kind == TK_NUM) &&
        !at(p, 1)->unterminated) {
        p->i++;
        json_t *val = value_of(p, VT_TEXT);
        return val ? negate(leaf(field, op, val)) : NULL;
    }
    if (!field || !op || (op[0] != '<' && op[0] != '>'))
        return NULL;
    int ol;
    const struct lex_op *o = op_at(p, &ol);
    if (!o || o->negate || (o->op[0] != '<' && o->op[0] != '>'))
        return NULL;
    return compare(p, field, json_is_number(v) ? VT_NUM : VT_TIME);
}

/* Whom a condition is first about: 'd' for a deal's field, else 'c'. */
static char cond_subject(const json_t *c)
{
    const char *f = jx_str(c, "field");
    if (f)
        return !strncmp(f, "deal.", 5) ? 'd' : 'c';
    const json_t *list = json_object_get(c, "and");
    if (!list)
        list = json_object_get(c, "or");
    if (list)
        return cond_subject(json_array_get(list, 0));
    return cond_subject(json_object_get(c, "not"));
}

static json_t *cond_and(struct parser *p, enum cctx c)
{
    json_t *a = cond_unary(p, c);
    if (!a)
        return NULL;
    for (;;) {
        int save = p->i;
        /* "created more than 3 days ago, haven't replied, and are tagged
         * 'x'": in a search, conditions listed with commas (a step's verb
         * after the comma ends them) */
        bool listed = c == C_WHERE && is_punct(cur(p), ",") &&
                      !starts_step_word(at(p, 1)) &&
                      !(is_word(at(p, 1), "and") &&
                        starts_step_word(at(p, 2)));
        if (listed) {
            p->i++;
            accept(p, "and");
        } else if (!(accept(p, "and") || accept(p, "but") ||
                     accept(p, "&&") ||
                     (c == C_WHERE &&
                      (accept(p, "with") || accept(p, "who") ||
                       accept(p, "that") || accept(p, "whose")))))
            break;
        /* "and also", "and who", "with status 'Lead' and a lead score
         * over 70" */
        accept(p, "also");
        /* "... and whose deal is Closed Won": the contacts' deals, which
         * where_clauses reads (deal_clause) */
        static const char *const their_deal[] = {"whose deal", "whose deals",
                                                 NULL};
        if (c == C_WHERE && p->scope == SC_CONTACT &&
            list_at(p, 0, their_deal, NULL)) {
            p->i = save;
            break;
        }
        if (c == C_WHERE && !accept(p, "where") && !accept(p, "whose") &&
            !accept(p, "who") && !accept(p, "that") && !accept(p, "a"))
            accept(p, "an");
        int joined = p->i;
        /* "... and is worth over 20k", "... and isn't in Berlin": the
         * subject of the condition before */
        static const char *const verbs[] = {"is", "isn't", "is not", "are",
                                            "aren't", "are not", NULL};
        char was = p->elided;
        if (c != C_WHERE && list_at(p, 0, verbs, NULL))
            p->elided = cond_subject(a);
        json_t *b = cond_unary(p, c);
        p->elided = was;
        if (!b) {
            p->i = joined;
            b = same_field_bound(p, a);
        }
        if (!b) {
            p->i = save;
            break;
        }
        a = combine("and", a, b);
    }
    return a;
}

/* "... or if <conditions>"; in a search, "... or whose company is Acme",
 * "or who are tagged 'hot'", as after "and" (arg: the enum cctx). */
static json_t *next_and(struct parser *p, const void *arg)
{
    enum cctx c = *(const enum cctx *)arg;
    if (!accept(p, "if") && c == C_WHERE && !accept(p, "where") &&
        !accept(p, "whose") && !accept(p, "who"))
        accept(p, "that");
    return cond_and(p, c);
}

static json_t *cond_or(struct parser *p, enum cctx c)
{
    /* conditions joined by commas are the steps' ("If they replied,
     * stop or ..." is not a list) */
    return chain_or(p, cond_and(p, c), next_and, &c, false, false);
}

/* ---- steps: shared pieces ------------------------------------------- */

static bool parse_steps(struct parser *p, enum mode m, int base, json_t *out);
static bool parse_step(struct parser *p, json_t *out, enum mode m);
static bool tail_trigger(struct parser *p);

static json_t *event_clause(struct parser *p);

/* An event trigger, with `value` (taken; may be NULL) under `key`. */
static json_t *event_trigger(const char *event, const char *key,
                             json_t *value)
{
    json_t *t = json_pack("{s:s, s:s}", "type", "event", "event", event);
    if (value)
        json_object_set_new(t, key, value);
    return t;
}

/* A trigger read among the steps becomes the plan's (t is stolen; true).
 * One more than the instructions already name makes them fail, when the
 * rest has been read, with "name two triggers" (false). */
static bool keep_trigger(struct parser *p, json_t *t)
{
    if (p->lead || p->tail_trigger) {
        p->second = true;
        json_decref(t);
        return false;
    }
    p->tail_trigger = t;
    return true;
}

/* "... to new contacts as soon as they're created": the new contacts'
 * event said again after it was named */
static const char *const created_again[] = {
    "as soon as they're created", "as soon as they are created",
    "when they're created", "when they are created", "once they're created",
    "once they are created", "once created", "when created",
    "as soon as they're added", "when they're added",
    "as soon as they come in", "when they come in", "as they come in",
    "upon creation", "on creation", NULL};

/*
 * "Tag every new contact 'inbound'", "Send a welcome email to each new
 * lead using template 'Welcome'", "Tag new contacts from Google Ads as
 * 'paid'": the agent's trigger, named where the step's contacts are and
 * followed by the step's other words. Kept as p->tail_trigger (as a
 * trigger in the last words is) when the instructions have no trigger
 * yet; only at the top level, where a trigger can belong to the whole
 * plan. parse_step drops it when the step that read it is not the one
 * taken.
 */
static bool object_trigger(struct parser *p)
{
    static const char *const dets[] = {"each", "every", "all", "any",
                                       "all the", NULL};
    /* (on a schedule, "new contacts" are the ones since the run before:
     * a search, as "find new contacts") */
    const char *opened = jx_str(p->opened_by, "type");
    if (p->depth != 1 || (opened && !strcmp(opened, "schedule")))
        return false;
    int save = p->i;
    accept_list(p, dets);
    json_t *t = is_word(cur(p), "new") ? event_clause(p) : NULL;
    /* "new contacts from yesterday", "... created this week": a time of
     * their creation makes them a search, as "find new contacts today";
     * a run when one is created would find that condition false, or true
     * always */
    static const char *const created[] = {"contact.createdAt", NULL};
    if (!t || strcmp(jx_str(t, "event"), "contact_created") ||
        cond_names(json_object_get(t, "conditions"), created)) {
        json_decref(t);
        p->i = save;
        return false;
    }
    keep_trigger(p, t);
    accept_list(p, created_again);
    return true;
}

static bool trigger_opener(struct parser *p);
static json_t *schedule_clause(struct parser *p);
static json_t *cond_or(struct parser *p, enum cctx ctx);

/* A contact's, company's or deal's own field (not the stage, which has
 * its event). */
static bool record_field(const char *f, const void *arg)
{
    (void)arg;
    return (!strncmp(f, "contact.", 8) || !strncmp(f, "company.", 8) ||
            !strncmp(f, "deal.", 5)) &&
           strcmp(f, "deal.stage");
}

/*
 * "Whenever a contact's lead score goes above 80", "when their status
 * changes to Customer": a watch on a field, which no event of agentd's
 * reports (only a deal's stage has one). Read as an `if`, it would be
 * checked once, when the run gets there, and the agent would not run when
 * the score moves; refused, with the schedule that does the watching.
 * `opener` is the token of the if-word ("whenever", "when", "once"), the
 * condition's words end at the position. Position kept.
 */
static bool watches_record(struct parser *p, int opener, const json_t *cond)
{
    static const char *const repeat[] = {"whenever", "each time",
                                         "every time", NULL};
    static const char *const when[] = {"when", "once", "as soon as", NULL};
    static const char *const change[] = {
        "goes above", "goes over", "goes below", "goes under", "rises above",
        "rises", "drops below", "drops", "falls below", "falls", "reaches",
        "changes to", "changes", "becomes", "is changed", "is updated",
        "gets updated", "crosses", "exceeds", "hits", NULL};
    /* "when a contact's score ...": any contact, as an event says; "when
     * their score ..." is this run's contact */
    static const char *const any[] = {"a", "an", "any", NULL};
    if (cond_names_stage(cond) || !cond_any_field(cond, record_field, NULL))
        return false;
    int k = opener - p->i;
    bool watch = list_at(p, k, repeat, NULL) > 0;
    int w = watch ? 0 : list_at(p, k, when, NULL);
    if (w) {
        watch = list_at(p, k + w, any, NULL) > 0;
        for (k += w; k < 0 && !watch; k++)
            watch = list_at(p, k, change, NULL) > 0;
    }
    if (!watch)
        return false;
    refuse_read(p, opener,
                "agentd starts runs when a contact is created, a deal's "
                "stage changes, a form is submitted or a webhook is called; "
                "a change to a record's other fields is none of them. "
                "Check on a schedule instead: e.g. Every hour, find "
                "contacts with a lead score over 80 and notify me: Hot "
                "lead");
    return true;
}

/*
 * "Post to #alerts on Slack when a deal is lost: ...", "Notify me
 * whenever a new lead comes in: ...": the agent's trigger between a
 * message step's first words and its text (which must follow, after a
 * colon). A deal's stage also becomes p->mid_cond, the if that parse_step
 * puts the step in. Same rules as object_trigger.
 */
static bool mid_trigger(struct parser *p)
{
    if (p->depth != 1)
        return false;
    struct mark m = mark_take(p);
    /* "post to #marketing every Monday at 10am: ..." (a schedule's first
     * words, looked at before reading one: this runs at every word of a
     * message step) */
    static const char *const sched[] = {"every", "each", "once", "on",
                                        "at", "daily", "weekly", "monthly",
                                        "hourly", NULL};
    json_t *t = list_at(p, 0, sched, NULL) ? schedule_clause(p) : NULL;
    /* (also before the text's own first word: "notify me every morning
     * with the number of new leads", "... that the report is ready") */
    if (t && (is_punct(cur(p), ":") || is_word(cur(p), "with") ||
              is_word(cur(p), "that") || is_word(cur(p), "saying"))) {
        keep_trigger(p, t);
        return true;
    }
    json_decref(t);
    mark_back(p, m);
    if (!trigger_opener(p)) {
        p->i = m.i;
        return false;
    }
    int from = p->i;
    t = event_clause(p);
    if (t && is_punct(cur(p), ":")) {
        keep_trigger(p, t);
        return true;
    }
    /* "notify me when a deal is created: ...": that there is no such
     * event is the failure to report, over the step's own */
    bool refused = !t && p->firm && p->far >= from &&
                   (p->far != m.far || p->why != m.why);
    json_decref(t);
    p->i = from;
    json_t *cond = cond_or(p, C_IF);
    if (cond && cond_names_stage(cond) && is_punct(cur(p), ":")) {
        if (keep_trigger(p, event_trigger("deal_stage_updated",
                                          "conditions", json_incref(cond))))
            p->mid_cond = cond;
        else
            json_decref(cond);
        return true;
    }
    /* "notify me whenever a contact's lead score goes above 80: ..." */
    if (cond && is_punct(cur(p), ":") && watches_record(p, m.i, cond))
        refused = true;
    json_decref(cond);
    if (refused) {
        p->i = m.i;
        return false;
    }
    mark_back(p, m);
    return false;
}

/* "new" at token k before the records it qualifies ("each new lead"),
 * not a bare name ("tag them new", "tag them new and notify me"). */
static bool new_records_at(const struct parser *p, int k)
{
    const struct tok *n = at(p, k + 1);
    return is_word(at(p, k), "new") && n->kind == TK_WORD &&
           !is_word(n, "and") && !is_word(n, "then");
}

static bool skip_objects(struct parser *p)
{
    bool any = false;
    for (;;) {
        if (object_trigger(p)) {
            any = true;
            continue;
        }
        /* "to each new lead" is a trigger (tail_trigger), not "each" */
        int m = list_at(p, 0, lex_objects, NULL);
        if (!m || new_records_at(p, m))
            return any;
        p->i += m;
        any = true;
    }
}

/* One or more quoted names: 'A', 'B' and 'C'. A single bare word counts
 * when allow_bare and nothing is quoted ("tag them hot"). */
static json_t *name_list(struct parser *p, bool allow_bare)
{
    json_t *names = json_array();
    for (;;) {
        const struct tok *t = cur(p);
        if (t->kind == TK_QUOTED && !t->unterminated) {
            json_array_append_new(names, json_string(t->text));
            p->i++;
        } else {
            break;
        }
        int save = p->i;
        accept_punct(p, ",");
        accept(p, "and");
        if (cur(p)->kind != TK_QUOTED) {
            p->i = save;
            break;
        }
    }
    if (json_array_size(names) == 0 && allow_bare) {
        const struct tok *t = cur(p);
        if (t->kind == TK_WORD && !is_reserved(t) && !starts_step_word(t)) {
            json_array_append_new(names, json_string(t->raw));
            p->i++;
        }
    }
    if (json_array_size(names) == 0) {
        json_decref(names);
        return NULL;
    }
    return names;
}

/* A name written without quotes, of one to four words, right before one of
 * `nouns`: "the Outbound v2 template", "the demo request form", "the
 * enterprise tag". The noun says where the name ends, so nothing else is
 * needed to find it; "our", "my", "your", "their" before it are not part
 * of it, nor is a noun of the list ("email template 'X'" names no
 * template "email" here: a quoted name follows, and template_slot reads
 * that). On success the name and the noun are read and the name is
 * returned as written; otherwise NULL and nothing is read. */
static json_t *bare_name(struct parser *p, const char *const *nouns)
{
    static const char *const mine[] = {"our", "my", "your", "their", NULL};
    int save = p->i;
    accept_list(p, mine);
    for (int n = 1; n <= 4; n++) {
        const struct tok *t = at(p, n - 1);
        bool word = t->kind == TK_WORD && !is_reserved(t) &&
                    list_at(p, n - 1, nouns, NULL) == 0 &&
                    !is_word(t, "email") && !is_word(t, "e-mail");
        if (!word && !(n > 1 && t->kind == TK_NUM))
            break;
        int m = list_at(p, n, nouns, NULL);
        if (m == 0)
            continue;
        const struct tok *first = cur(p);
        if (at(p, n + m)->kind == TK_QUOTED)
            break;
        json_t *name =
            json_stringn(p->src + first->start, t->end - first->start);
        p->i += n + m;
        return name;
    }
    p->i = save;
    return NULL;
}

/* An arrow or ampersand between two steps ("&", "->", "=>", "→"): its
 * length in tokens, or 0. */
static int arrow_at(const struct parser *p)
{
    const struct tok *t = cur(p), *n = at(p, 1);
    unsigned char c0 = t->raw ? (unsigned char)t->raw[0] : 0;
    if ((c0 != '&' && c0 != '-' && c0 != '=' && c0 != 0xE2) || !n->raw ||
        (p->i > 0 && at(p, -1)->end == t->start))
        return 0; /* "R&D" is a word's */
    if (!strcmp(t->raw, "&") || !strcmp(t->raw, "→"))
        return 1;
    /* "->" and "=>" are two tokens (a lone "=" is the operator token
     * "==", one character long) */
    if (t->end - t->start == 1 &&
        (p->src[t->start] == '-' || p->src[t->start] == '=') &&
        n->start == t->end && !strcmp(n->raw, ">"))
        return 2;
    return 0;
}

/* Said where a number per day or hour is asked of a step. */
static const char per_day_why[] =
    "a limit per day is the agent's setting, not a step: set its "
    "restrictions (maxEmailsPerDay, maxLinkedInInvitesPerDay, "
    "maxRunsPerDay, maxContactsPerRun), which every run keeps to";

static bool clock_time(struct parser *p, int *hour, int *minute);

/* After a step's own words, the step must end here. */
static bool step_done(struct parser *p)
{
    const struct tok *t = cur(p);
    /* "... if they replied", "... unless ...", "... after 3 days":
     * trailing_if() and trailing_delay() read what follows. */
    if (p->each_open && (starts_step_word(t) || is_word(t, "template")))
        return true;
    if (at_hard_end(p) || is_punct(t, ",") || is_word(t, "and") ||
        is_word(t, "then") || is_word(t, "before") || arrow_at(p) ||
        is_word(t, "if") || is_word(t, "unless") || is_word(t, "after"))
        return true;
    /* "Tag every new contact 'inbound' as they come in": the new
     * contacts' event, said again */
    const char *ev = jx_str(p->tail_trigger ? p->tail_trigger : p->opened_by,
                            "event");
    int ca = ev && !strcmp(ev, "contact_created")
                 ? list_at(p, 0, created_again, NULL)
                 : 0;
    if (ca) {
        p->i += ca;
        return true;
    }
    /* "Send template 'Renewal' 60 days before the close date": a step
     * runs when its run reaches it, not at a time a record's date sets */
    int64_t secs;
    int back = p->i;
    if (duration(p, &secs, NULL, NULL) &&
        (is_word(cur(p), "before") || accept(p, "prior to") ||
         accept(p, "ahead of"))) {
        refuse_words(p, back, p->i + 1,
                     "a step runs when the run reaches it, not a time "
                     "before a date in a record: run the agent every day "
                     "and find the records whose date is that near, e.g. "
                     "every day, find deals closing in exactly 30 days and "
                     "send template 'Renewal'");
        p->i = back;
        return false;
    }
    p->i = back;
    /* "Wait 2 weeks or until they reply", "wait 5 days for a reply": a
     * wait is a length of time, over when it is */
    static const char *const until[] = {
        "or until they reply", "or until they respond", "until they reply",
        "or until a reply", "for a reply", "for a response", "for them to "
        "reply", "for their reply", NULL};
    json_t *last = last_step(p->root, "wait");
    int um = list_at(p, 0, until, NULL);
    if (um && (last || is_word(at(p, -1), "days") ||
               is_word(at(p, -1), "weeks"))) {
        refuse_words(p, p->i, p->i + um,
                     "a wait is a length of time; a reply does not end it: "
                     "wait, then check, e.g. wait 2 weeks; if they "
                     "replied, stop");
        return false;
    }
    /* "Send template 'Promo' at 9am (their local time)": a step runs
     * when its run reaches it; the hour is the schedule's */
    int hh, mm;
    back = p->i;
    /* (also "in their time zone", "in their local time") */
    static const char *const local[] = {
        "in their time zone", "in their timezone", "in their local time",
        "in the contact's time zone", NULL};
    int lm = list_at(p, 0, local, NULL);
    p->i += lm;
    if (lm || (accept(p, "at") && clock_time(p, &hh, &mm))) {
        refuse_words(p, back, p->i,
                     "a step runs when the run reaches it, not at an hour "
                     "of its own: give the agent a schedule, e.g. every "
                     "day at 9am, send template 'Promo' (the schedule "
                     "has one time zone, not each contact's)");
        p->i = back;
        return false;
    }
    p->i = back;
    /* "Send 'Intro' to 10 contacts tagged 'cold' per day" */
    static const char *const per[] = {"per day", "a day", "each day",
                                      "per hour", "an hour", "per week",
                                      NULL};
    int m = list_at(p, 0, per, NULL);
    if (m && (at(p, m)->kind == TK_EOF || at(p, m)->kind == TK_NL ||
              is_punct(at(p, m), "."))) {
        refuse_words(p, p->i, p->i + m, per_day_why);
        return false;
    }
    fail(p, "unexpected words after this step");
    return false;
}

/* ---- actions -------------------------------------------------------- */

static json_t *audience(struct parser *p, bool need_where);
static json_t *step_audience(struct parser *p, bool deals);
static int64_t search_limit(struct parser *p);

/* The condition that chooses the records `who` (audience) names: its
 * search's where, or the filter on the records already chosen (borrowed;
 * NULL if none). */
static json_t *audience_cond(const json_t *who)
{
    const json_t *params = json_object_get(who, "params");
    json_t *w = json_object_get(params, "where");
    return w ? w : json_object_get(params, "condition");
}
static void for_who(json_t *out, json_t *who, json_t *step);
/* for_who with several steps (the array is taken). */
static void for_who_steps(json_t *out, json_t *who, json_t *steps);

/* The length of word w's stem if w is an -ing form ("sending": 4), else
 * 0 ("ring", "king" are too short to be one). */
static size_t ing_stem(const char *w)
{
    size_t n = strlen(w);
    return n >= 5 && !strcmp(w + n - 3, "ing") ? n - 3 : 0;
}

/* Whether word w is verb v's -ing form: "sending" (send), "creating"
 * (create), "tagging" (tag), "emailing" (email). */
static bool gerund_of(const char *w, const char *v)
{
    size_t vn = strlen(v);
    size_t b = ing_stem(w); /* the stem: w[0..b) */
    if (!b)
        return false;
    if (b == vn && !strncmp(w, v, b))
        return true;
    if (b + 1 == vn && v[b] == 'e' && !strncmp(w, v, b))
        return true;
    return b == vn + 1 && w[b - 1] == w[b - 2] && !strncmp(w, v, vn);
}

/* The clause after "before"/"after" (verb_at): the verb as its -ing
 * form, and the rest of a verb's words as they are ("reaching out to"). */
static int verb_gerund(struct parser *p, const char *const *verbs)
{
    const struct tok *t = cur(p);
    for (int k = 0; verbs[k]; k++) {
        char first[32];
        const char *sp = strchr(verbs[k], ' ');
        size_t fl = sp ? (size_t)(sp - verbs[k]) : strlen(verbs[k]);
        if (fl >= sizeof first)
            continue;
        memcpy(first, verbs[k], fl);
        first[fl] = '\0';
        if (!gerund_of(t->text, first))
            continue;
        int rest = sp ? phrase_at(p, 1, sp + 1) : 0;
        if (sp && !rest)
            continue;
        p->i += 1 + rest;
        return k;
    }
    return -1;
}

/* "before sending", "then send": gerunds and verbs start the same steps. */
static inline int verb_at(struct parser *p, const char *const *verbs)
{
    if (!p->gerund_at || p->gerund_at != p->i || cur(p)->kind != TK_WORD)
        return accept_list(p, verbs);
    return verb_gerund(p, verbs);
}

static int64_t trailing_delay(struct parser *p);
static json_t *stage_trigger(struct parser *p, bool to_end);

/* "a day later", "an hour later" ahead: a delay for trailing_delay(),
 * not an article for a step's filler words to take. */
static bool delay_ahead(struct parser *p)
{
    int save = p->i;
    int64_t secs;
    bool yes = duration(p, &secs, NULL, NULL) && is_word(cur(p), "later");
    p->i = save;
    return yes;
}

/* "Check if they replied; if yes, stop. If not, ...": a question whose
 * answers are the next clauses. */
static const char *const check_words[] = {
    "check if",  "check whether",  "see if",   "see whether",
    "verify if", "verify whether", "find out if", "find out whether",
    "ask yourself if", "look at whether", NULL};

/* "another 3 days", "an additional 2 days": more of a wait is a wait of
 * its own, so the words before its number are skipped ("another day" is
 * duration()'s). */
static void skip_further(struct parser *p)
{
    static const char *const further[] = {"another", "an additional",
                                          "a further", "an extra", NULL};
    int mo = list_at(p, 0, further, NULL);
    int back = p->i;
    int64_t n;
    p->i += mo;
    bool counted = mo && count_value(p, &n);
    p->i = counted ? back + mo : back;
}

/* The wait before a step said to come "in N" (secs): "Send 'A' now, 'B'
 * in 3 days and 'C' in a week" counts each "in" from the start, so C
 * waits 4 days after B (an "in" no later than the one before it counts
 * from that one). */
static int64_t in_delay(struct parser *p, int64_t secs)
{
    int64_t from = p->in_at;
    p->in_at = secs;
    return from > 0 && secs > from ? secs - from : secs;
}

static bool act_wait(struct parser *p, json_t *out)
{
    int save = p->i;
    int64_t secs;
    /* "After 3 days, send ...", "after 2 days send ...": a wait, when a
     * step follows */
    bool in = accept(p, "in");
    if ((in || accept(p, "after")) && duration(p, &secs, NULL, NULL) &&
        (is_punct(cur(p), ",") || starts_step_word(cur(p)))) {
        p->each_open = starts_step_word(cur(p));
        if (in)
            secs = in_delay(p, secs);
        else
            p->in_at = 0;
        json_array_append_new(out, wait_step(secs));
        return true;
    }
    p->i = save;
    /* "3 days later, send ...", "and two days later check if ...", "a
     * week after that, ..." */
    static const char *const later[] = {"later", "after", "afterwards",
                                        NULL};
    static const char *const later_words[] = {
        "later", "after that", "afterwards", "after this", NULL};
    if (word_within(p, 4, later) && duration(p, &secs, NULL, NULL) &&
        accept_list(p, later_words) >= 0) {
        /* the comma stays, for the step after to be read as after a
         * step ("a week later, if they haven't replied, send ...") */
        int k = is_punct(cur(p), ",") ? 1 : 0;
        const struct tok *t = at(p, k);
        /* ("..., then 2 days later template 'B'": the e-mail after it) */
        if (starts_step_word(t) || is_word(t, "if") ||
            list_at(p, k, check_words, NULL) || is_word(t, "template")) {
            p->each_open = starts_step_word(cur(p)) ||
                           is_word(cur(p), "template");
            json_array_append_new(out, wait_step(secs));
            return true;
        }
    }
    p->i = save;
    if (verb_at(p, lex_wait_verbs) < 0)
        return false;
    accept(p, "for");
    accept(p, "about");
    skip_further(p);
    /* "wait for a reply for up to 5 days": a wait has its length, and
     * no reply ends it early */
    static const char *const reply[] = {"a reply", "a response",
                                        "their reply", "their response",
                                        "an answer", NULL};
    if (list_at(p, 0, reply, NULL)) {
        refuse(p, "a wait is a length of time that a reply does not cut "
                  "short: e.g. wait 5 days, then if no reply send template "
                  "'Bump'");
        p->i = save;
        return false;
    }
    /* The plan waits for a length of time (plan.md); a date or a day
     * would need the run's clock, which the parser does not have. */
    if (is_word(cur(p), "until") || is_word(cur(p), "till") ||
        is_word(cur(p), "til")) {
        /* "until the contact replies", "until they open it": an event a
         * wait cannot end on, rather than a date */
        static const char *const acts[] = {
            "replies", "reply", "replied", "responds", "respond",
            "responded", "answers", "answer", "opens", "open", "opened",
            "clicks", "click", "signs up", "books", NULL};
        bool event = false;
        for (int k = 1; k < 6 && !event && at(p, k)->kind == TK_WORD; k++)
            event = list_at(p, k, acts, NULL) > 0;
        if (event)
            refuse(p, "a wait is a length of time that nothing a contact "
                      "does cuts short: e.g. wait 5 days, then if they "
                      "haven't replied send template 'Bump'");
        else
            fail(p, "a wait is a length of time, not a date: e.g. 'wait 1 "
                    "day' or 'wait 3 days'");
        p->i = save;
        return false;
    }
    /* "wait 2-3 days", "wait a day or two": a wait is one length */
    int range = p->i;
    int64_t lo;
    bool ranged = count_value(p, &lo) &&
                  (accept_punct(p, "-") || accept(p, "to")) &&
                  duration(p, &secs, NULL, NULL);
    if (!ranged) {
        p->i = range;
        ranged = duration(p, &secs, NULL, NULL) && accept(p, "or") &&
                 count_value(p, &lo);
    }
    if (ranged) {
        refuse_read(p, range, "how long exactly? a wait is one length of "
                              "time: e.g. wait 3 days");
        p->i = save;
        return false;
    }
    p->i = range;
    if (!duration(p, &secs, NULL, NULL)) {
        fail(p, "how long? e.g. 'wait 3 days'");
        p->i = save;
        return false;
    }
    /* "wait 1 day and 2 hours" */
    int back = p->i;
    int64_t more;
    if ((accept(p, "and") || accept_punct(p, ",")) &&
        duration(p, &more, NULL, NULL))
        secs += more;
    else
        p->i = back;
    accept(p, "more");
    accept(p, "or so");
    p->in_at = 0; /* (an "in N" after it counts from here) */
    json_array_append_new(out, wait_step(secs));
    return true;
}

static bool skips_records(const struct parser *p, const json_t *cond,
                          const json_t *els, int64_t wait);
static bool act_stop(struct parser *p, json_t *out)
{
    int save = p->i;
    if (verb_at(p, lex_stop_verbs) < 0)
        return false;
    static const char *const objs[] = {"here", "the run", "the execution",
                                       "the agent", "there", "everything",
                                       "now", "the workflow", "the sequence",
                                       "the process", "the automation",
                                       "the flow", "this run",
                                       "processing this contact",
                                       "processing them", "processing",
                                       "working on this contact", NULL};
    accept_list(p, objs);
    /* "stop the workflow for contacts who replied": a skip (act_skip) */
    if (is_word(cur(p), "for")) {
        p->i = save;
        return false;
    }
    json_t *params = json_object();
    if (accept(p, "with reason") || accept(p, "with the reason") ||
        accept(p, "because") || accept(p, "reason") ||
        accept(p, "with message") || is_punct(cur(p), ":")) {
        json_t *r = text_arg(p);
        if (!r && cur(p)->kind == TK_QUOTED)
            r = text_arg(p);
        if (!r)
            return back_out(p, save, params,
                            "expected the reason in quotes");
        json_object_set_new(params, "reason", r);
    }
    /* "stop and notify me: ...": nothing runs after a stop, so the step
     * said with it goes first */
    int back = p->i;
    if (accept(p, "and") && starts_step_word(cur(p)) &&
        !is_word(cur(p), "if")) {
        json_t *first = json_array();
        if (parse_step(p, first, M_INLINE)) {
            /* "stop and tag them 'done' if they replied": the condition
             * is the stop's too */
            json_t *one = json_array_get(first, 0);
            json_t *ifp = json_object_get(one, "params");
            json_t *then = json_object_get(ifp, "then");
            json_t *c = json_object_get(ifp, "condition");
            bool cond = json_array_size(first) == 1 &&
                        !strcmp(jx_str(one, "type"), "if") && then &&
                        !json_object_get(ifp, "else");
            /* (after a search, those records skipped: stop_as_skip) */
            if (cond && !json_object_size(params) &&
                skips_records(p, c, NULL, 0)) {
                p->skip_cond = json_incref(c);
                json_decref(params);
            } else {
                json_array_append_new(cond ? then : first,
                                      step_new("stop", params));
            }
            json_array_extend(out, first);
            json_decref(first);
            return true;
        }
        json_decref(first);
        p->i = back;
    }
    json_array_append_new(out, step_new("stop", params));
    return true;
}

/* "Look up their email address with Apollo", "get their phone numbers
 * from Apollo", "use Apollo to enrich ...", "use Apollo to find their
 * phone number", "find the phone number of each contact tagged 'x' using
 * Apollo": a lookup of the contacts' data at an enrichment provider;
 * *named: the token of its name; *who (when who is not NULL): the
 * contacts named among the words (a step_audience), or NULL. Position
 * after the provider's name (or after "to" of "use Apollo to enrich"),
 * or kept (false). */
static json_t *step_audience(struct parser *p, bool deals);
static bool provider_lookup(struct parser *p, int *named, json_t **who)
{
    static const char *const verbs[] = {
        "look up", "find", "get", "fetch", "pull", "grab", "retrieve",
        "fill in", "complete", NULL};
    static const char *const whose[] = {
        "their", "the contact's", "its", "each contact's", "the contact",
        "them", "each contact", "this contact", "the lead", "each lead",
        NULL};
    static const char *const via[] = {"with", "from", "in", "on", "via",
                                      "using", "through", NULL};
    static const char *const use[] = {"use", "using", NULL};
    int save = p->i;
    int provider = -1; /* "use Apollo to ...": its token */
    if (who)
        *who = NULL;
    /* "use Apollo to enrich them" */
    if (accept_list(p, use) >= 0 && list_at(p, 0, lex_providers, NULL)) {
        provider = p->i;
        p->i += list_at(p, 0, lex_providers, NULL);
        if (!accept(p, "to")) {
            p->i = save;
            return false;
        }
        if (list_at(p, 0, lex_enrich_verbs, NULL)) {
            *named = provider;
            return true;
        }
    } else {
        p->i = save;
    }
    if (accept_list(p, verbs) < 0) {
        p->i = save;
        return false;
    }
    /* "look up @contact.email on Apollo": the contact's, by that field;
     * "find the phone number of each contact ...": the data first */
    const struct tok *var = cur(p);
    bool data_first = false;
    if (var->kind == TK_VAR && !strncmp(var->text, "@contact.", 9))
        p->i++;
    else if (accept_list(p, whose) < 0) {
        if (!accept(p, "the") || !who) {
            p->i = save;
            return false;
        }
        data_first = true;
    }
    /* the data asked for: "email address", "phone numbers", "details" */
    for (int k = 0; k < 3; k++) {
        if (provider < 0 && list_at(p, 0, via, NULL) &&
            list_at(p, 1, lex_providers, NULL)) {
            if (data_first) /* "find the phone number using Apollo": whose? */
                break;
            *named = ++p->i;
            p->i += list_at(p, 0, lex_providers, NULL);
            return true;
        }
        const struct tok *t = cur(p);
        if (t->kind != TK_WORD || is_reserved(t))
            break;
        p->i++;
        /* "the phone number of/for each contact tagged 'x'" */
        if (who && data_first && k < 2 &&
            (is_word(cur(p), "of") || is_word(cur(p), "for"))) {
            int at_of = p->i;
            accept(p, "of");
            json_t *a = step_audience(p, false);
            int after = p->i;
            if (a && provider < 0 && accept_list(p, via) >= 0 &&
                list_at(p, 0, lex_providers, NULL)) {
                *named = p->i;
                p->i += list_at(p, 0, lex_providers, NULL);
                *who = a;
                return true;
            }
            if (a && provider >= 0) {
                p->i = after;
                *named = provider;
                *who = a;
                return true;
            }
            json_decref(a);
            p->i = at_of;
        }
    }
    /* "use Apollo to find their phone number" (the provider said first):
     * the data's words read */
    if (provider >= 0 && !data_first && p->i > save) {
        *named = provider;
        if (who)
            *who = step_audience(p, false);
        return true;
    }
    p->i = save;
    return false;
}

static bool act_enrich(struct parser *p, json_t *out)
{
    if (verb_at(p, lex_enrich_lookups) >= 0) {
        json_array_append_new(out, step_new("enrich_contact", json_object()));
        return true;
    }
    int named = 0;
    json_t *who = NULL;
    if (provider_lookup(p, &named, &who)) {
        json_t *params = json_object();
        if (strcmp(p->t[named].text, "apollo"))
            json_object_set_new(params, "provider",
                                json_string(p->t[named].raw));
        if (list_at(p, 0, lex_enrich_verbs, NULL)) {
            /* "use Hunter to enrich ...": the enrich step, its provider
             * said before */
            size_t n = json_array_size(out);
            bool ok = act_enrich(p, out);
            json_t *last = json_array_get(out, json_array_size(out) - 1);
            if (ok && json_array_size(out) > n)
                json_object_update_missing(json_object_get(last, "params"),
                                           params);
            json_decref(params);
            return ok;
        }
        if (!who) /* "look up their phone in Apollo for everyone in X" */
            who = step_audience(p, false);
        for_who(out, who, step_new("enrich_contact", params));
        return true;
    }
    if (verb_at(p, lex_enrich_verbs) < 0)
        return false;
    /* "enrich every contact without a phone number" */
    who = step_audience(p, false);
    if (!who)
        skip_objects(p);
    accept(p, "data");
    json_t *params = json_object();
    static const char *const via[] = {"using", "with", "via", "through",
                                      "from", "in", "on", NULL};
    int save = p->i;
    if (accept_list(p, via) >= 0) {
        /* "using provider 'apollo'", "with the provider Hunter" */
        if (!accept(p, "the provider"))
            accept(p, "provider");
        const struct tok *t = cur(p);
        if ((t->kind == TK_WORD && !is_reserved(t) && !starts_step_word(t)) ||
            t->kind == TK_QUOTED) {
            int w = -1;
            int m = list_at(p, 0, lex_providers, &w);
            if (m) {
                if (strcmp(lex_providers[w], "apollo") != 0)
                    json_object_set_new(params, "provider",
                                        json_string(t->raw));
                p->i += m;
            } else {
                json_object_set_new(params, "provider",
                                    json_string(t->kind == TK_QUOTED
                                                    ? t->text
                                                    : t->raw));
                p->i++;
            }
            accept(p, "data");
        } else {
            p->i = save;
        }
    }
    if (!who) /* "enrich with Apollo for everyone tagged 'new'" */
        who = step_audience(p, false);
    for_who(out, who, step_new("enrich_contact", params));
    return true;
}

/* Said where an e-mail is to be copied to someone. */
static const char no_copies_why[] =
    "an e-mail step sends one e-mail to each contact, with no CC or BCC: "
    "send another e-mail to @user.boss, or notify them";

/* "their country", "the contact's company name", "the deal's stage",
 * "@contact.city": a field of the records in scope, said as theirs, as
 * its variable ("@contact.country") in ref; false, position kept,
 * otherwise. Unless `any`, a word alone ("Hot") is no field: it is a
 * name. */
static bool field_ref(struct parser *p, char *ref, size_t size, bool any)
{
    const struct tok *t = cur(p);
    if (t->kind == TK_VAR || t->kind == TK_PATH) {
        snprintf(ref, size, "%s%s", t->kind == TK_PATH ? "@" : "", t->raw);
        p->i++;
        return true;
    }
    static const char *const whose[] = {
        "their", "the contact's", "contact's", "the company's",
        "company's", "the deal's", "deal's", "the lead's", "its",
        "the company", "the deal", NULL};
    if (!any && !list_at(p, 0, whose, NULL))
        return false;
    int b = p->i;
    accept(p, "their");
    accept(p, "its");
    /* "the contact's company name": the company's */
    static const char *const contact_s[] = {"the contact's", "contact's",
                                            "the lead's", NULL};
    int cs = list_at(p, 0, contact_s, NULL);
    if (cs && is_word(at(p, cs), "company"))
        p->i += cs;
    char fld[128];
    enum lex_vtype vt;
    if (field_words(p, fld, sizeof fld, &vt) &&
        (field_under(fld, "contact.") || field_under(fld, "company.") ||
         field_under(fld, "deal."))) {
        snprintf(ref, size, "@%s", fld);
        return true;
    }
    p->i = b;
    return false;
}

/* A tag that is a field's value ("their country", or "the contact's
 * title as a tag"), in *names as a list of its variable. After "with" or
 * "as" the field alone says it; elsewhere "as a tag" must follow. */
static bool tag_of_field(struct parser *p, bool add, json_t **names)
{
    static const char *const as_tag[] = {"as a tag", "as tag", "as tags",
                                         NULL};
    int b = p->i;
    /* (or a variable right after whom: "tag them @trigger.tag") */
    bool after = is_word(at(p, -1), "with") || is_word(at(p, -1), "as") ||
                 cur(p)->kind == TK_VAR;
    char ref[160];
    if (!add || !field_ref(p, ref, sizeof ref, false) ||
        !(accept_list(p, as_tag) >= 0 || after)) {
        p->i = b;
        return false;
    }
    *names = json_pack("[s]", ref);
    return true;
}

/* Tag lists: "tag them 'A'", "add tags 'A', 'B'", "remove the 'X' tag",
 * "Tag every contact in the workspace 'Q3'", "untag them 'cold'". */
static const char *last_search(const json_t *steps);
static bool tag_step(struct parser *p, json_t *out, bool add)
{
    int save = p->i;
    int v = verb_at(p, add ? lex_tag_verbs : lex_untag_verbs);
    if (v < 0)
        return false;
    const char *verb = add ? lex_tag_verbs[v] : lex_untag_verbs[v];
    /* "add", "remove", "drop the", "take off", "strip": general verbs, a
     * tag only with the word ("remove the phone number" is none) */
    static const char *const general[] = {
        "add", "remove", "drop the", "take off the", "take off",
        "strip the", "strip", "get rid of the", "get rid of", "give",
        "put", "stick", "slap", "place", "attach", "apply", "clear", NULL};
    bool needs_tag_word = false;
    for (int g = 0; general[g] && !needs_tag_word; g++)
        needs_tag_word = !strcmp(verb, general[g]);
    bool saw_tag_word = strstr(verb, "tag") != NULL;
    /* "add a contact named John", "add a note": no tag (refuse_absent
     * says why) */
    static const char *const records[] = {
        "a contact", "a new contact", "a deal",   "a new deal",
        "a company", "a new company", "a note",   "a comment", NULL};
    if (add && needs_tag_word && list_at(p, 0, records, NULL)) {
        p->i = save;
        return false;
    }
    /* "remove all tags from ...": a step removes the tags it names (all
     * was read as a tag's name) */
    static const char *const every[] = {
        "all tags", "all the tags", "all their tags", "all of their tags",
        "all of the tags", "every tag", "their tags", "any tags",
        "all existing tags", NULL};
    if (list_at(p, 0, every, NULL)) {
        refuse(p, add ? "a step adds the tags it names: e.g. add tags "
                        "'new' and 'hot'"
                      : "a step removes the tags it names: e.g. remove "
                        "tags 'test' and 'old'");
        p->i = save;
        return false;
    }
    /* "tag deals over 100k as 'big'": a tag is a contact's */
    static const char *const deals[] = {
        "deals", "all deals", "the deals", "all the deals", "every deal",
        "each deal", "opportunities", "all opportunities", NULL};
    int dm = list_at(p, 0, deals, NULL);
    if (dm && !is_punct(at(p, dm), "'")) {
        p->i += dm;
        refuse_read(p, save, "a tag is a contact's, not a deal's: tag the "
                             "deals' contacts (e.g. tag the contacts of "
                             "deals in Proposal as 'x'), or move the deals "
                             "to a stage");
        p->i = save;
        return false;
    }
    /* "tag everyone in Germany 'dach'", "tag contacts whose title
     * contains 'Head of' as 'leadership'" */
    json_t *who = NULL;
    json_t *names = NULL;
    for (;;) {
        /* "tag them with their country", "add the contact's industry as
         * a tag": the field's value, a tag per contact; "tag the contact
         * with their country": the object first, before audience() reads
         * "with their country" as a condition */
        int fr = p->i;
        if (!names) {
            /* (the objects' words only: skip_objects also keeps the
             * trigger of "each new contact", once) */
            int m = list_at(p, 0, lex_objects, NULL);
            p->i += m && !new_records_at(p, m) ? m : 0;
            /* (also a value straight after them: "tag them
             * @trigger.tag") */
            bool joined = p->i == fr || accept(p, "with") ||
                          accept(p, "as") || cur(p)->kind == TK_VAR;
            if (joined && tag_of_field(p, add, &names)) {
                saw_tag_word = true;
                continue;
            }
            p->i = fr;
        }
        json_t *a = who ? NULL : audience(p, false);
        if (a) {
            who = a;
            continue;
        }
        /* "add them to the 'enterprise' tag", "remove them from ..." */
        if (skip_objects(p) || accept(p, "as") || accept(p, "with") ||
            accept(p, "the") || accept(p, "a") ||
            accept(p, add ? "to" : "from"))
            continue;
        /* "tag them all as 'x'" */
        if (is_word(at(p, -1), "them") && accept(p, "all"))
            continue;
        if (accept(p, "tags") || accept(p, "tag") || accept(p, "label") ||
            accept(p, "labels")) {
            saw_tag_word = true;
            continue;
        }
        break;
    }
    /* "remove the 'Prospect' tag and add 'Customer'": right after a tag
     * step, a quoted name is another tag */
    bool chained = !who && cur(p)->kind == TK_QUOTED &&
                   (last_step(out, "add_tag") || last_step(out, "remove_tag"));
    if (chained)
        saw_tag_word = true;
    static const char *const tag_nouns[] = {"tag", "tags", NULL};
    json_t *bare = names ? NULL : bare_name(p, tag_nouns);
    if (bare) /* "the enterprise tag" */
        names = json_pack("[o]", bare);
    saw_tag_word = saw_tag_word || names;
    /* "tag them: Hot", "tag them as Hot Lead": a name without quotes,
     * opening with a capital, to the end of the clause */
    int bare_at = p->i;
    if (!names && (!needs_tag_word || saw_tag_word)) {
        accept_punct(p, ":");
        json_t *name = clause_name(p);
        if (name)
            names = json_pack("[o]", name);
        else
            p->i = bare_at;
    }
    if (!names)
        names = name_list(p, !needs_tag_word || saw_tag_word);
    /* "Untag everyone tagged 'temp'": that tag. */
    const json_t *w = audience_cond(who);
    const char *wf = json_string_value(json_object_get(w, "field"));
    const char *wo = json_string_value(json_object_get(w, "operator"));
    if (!names && !add && wf && wo && !strcmp(wf, "contact.tags") &&
        !strcmp(wo, "contains")) {
        names = json_pack("[O]", json_object_get(w, "value"));
        saw_tag_word = true;
    }
    if (!names) {
        /* (a verb that says nothing of tags, "put them in the Nurture
         * status", is not asked which tag) */
        static const char *const placing[] = {"put", "stick", "slap",
                                              "place", "attach", "apply",
                                              NULL};
        bool placed = false;
        for (int g = 0; placing[g] && !placed; g++)
            placed = !strcmp(verb, placing[g]);
        if (!placed || saw_tag_word)
            fail(p, add ? "which tag? e.g. tag them 'Interested'"
                        : "which tag? e.g. remove tag 'Cold Lead'");
        json_decref(who);
        p->i = save;
        return false;
    }
    /* "the 'Prospect' tag", "'VIP' tags", "the 'webinar' label" */
    if (accept(p, "tag") || accept(p, "tags") || accept(p, "label") ||
        accept(p, "labels"))
        saw_tag_word = true;
    static const char *const lists[] = {"list", "lists", "segment",
                                        "sequence", "campaign", NULL};
    if (!saw_tag_word && list_at(p, 0, lists, NULL)) {
        /* "add them to the 'Hot' list": the CRM has no lists */
        refuse(p, no_lists_why);
        json_decref(names);
        json_decref(who);
        p->i = save;
        return false;
    }
    if (needs_tag_word && !saw_tag_word) {
        json_decref(names);
        json_decref(who);
        p->i = save;
        return false;
    }
    if (!who) /* "add tag 'x' to everyone tagged 'y'" */
        who = step_audience(p, false);
    /* "... to them", "... from the contact on the deal" */
    int before_tail = p->i;
    if (!who && (accept(p, "from") || accept(p, "to") || accept(p, "on")) &&
        !skip_objects(p))
        p->i = before_tail;
    /* "remove the 'Prospect' tag and add 'Customer' for contacts with a
     * Closed Won deal": with no records chosen before, the contacts named
     * at the end are the first tag step's too (found before both) */
    size_t n = json_array_size(out);
    if (chained && who && !strncmp(jx_str(who, "type"), "search_", 7) &&
        !last_search(out) && !last_search(p->root)) {
        json_t *first = json_incref(json_array_get(out, n - 1));
        json_array_remove(out, n - 1);
        json_array_append_new(out, who);
        json_array_append_new(out, first);
        who = NULL;
    }
    for_who(out, who, step_new(add ? "add_tag" : "remove_tag",
                               json_pack("{s:o}", "tags", names)));
    return true;
}

static bool act_tag(struct parser *p, json_t *out)
{
    return tag_step(p, out, true);
}

static bool set_in_scope(const struct parser *p);

/* "Replace the tag 'trial' with 'customer'", "swap tag 'a' for 'b'",
 * "rename tag 'hot lead' to 'hot'": the old tag off and the new one on,
 * for the contacts in scope or the ones the words name; a rename with
 * neither is for every contact with the old tag. */
static bool act_retag(struct parser *p, json_t *out)
{
    static const char *const verbs[] = {
        "replace the tag", "replace tag", "swap the tag", "swap tag",
        "change the tag",  "change tag",  "rename the tag", "rename tag",
        NULL};
    static const char *const tag_word[] = {"tag", NULL};
    int save = p->i;
    int v = word_within(p, 3, tag_word) ? accept_list(p, verbs) : -1;
    const struct tok *a = cur(p);
    if (v < 0 || a->kind != TK_QUOTED || a->unterminated) {
        p->i = save;
        return false;
    }
    p->i++;
    if (!accept(p, "with") && !accept(p, "for") && !accept(p, "to")) {
        p->i = save;
        return false;
    }
    accept(p, "the");
    accept(p, "tag");
    const struct tok *b = cur(p);
    if (b->kind != TK_QUOTED || b->unterminated) {
        p->i = save;
        return false;
    }
    p->i++;
    accept(p, "tag");
    json_t *who = step_audience(p, false);
    if (!who && strstr(verbs[v], "rename") && !set_in_scope(p))
        who = step_new("search_contacts",
                       json_pack("{s:o}", "where",
                                 leaf("contact.tags", "contains",
                                      json_string(a->text))));
    for_who_steps(out, who,
                  json_pack("[o, o]",
                            step_new("remove_tag",
                                     json_pack("{s:[s]}", "tags", a->text)),
                            step_new("add_tag",
                                     json_pack("{s:[s]}", "tags", b->text))));
    return true;
}

static bool act_untag(struct parser *p, json_t *out)
{
    return tag_step(p, out, false);
}

/* The length of title[0, n) without a time of day at its end: "...
 * tomorrow at 10am", "... tomorrow at 3:30 pm", "... tomorrow morning"
 * (a task has a due day, not an hour). */
static size_t without_time_of_day(const char *title, size_t n)
{
    static const char *const parts[] = {"morning", "afternoon", "evening",
                                        "night", "noon", "eod", NULL};
    size_t s = n;
    while (s && title[s - 1] != ' ')
        s--;
    for (int k = 0; parts[k]; k++)
        if (n - s == strlen(parts[k]) &&
            !strncasecmp(title + s, parts[k], n - s)) {
            while (s && title[s - 1] == ' ')
                s--;
            if (s >= 2 && !strncasecmp(title + s - 2, "at", 2) &&
                (s == 2 || title[s - 3] == ' ')) /* "at noon" */
                s -= 2;
            while (s && title[s - 1] == ' ')
                s--;
            return s;
        }
    /* "at 10am", "at 10 am", "at 3:30pm", "at 14:00" */
    size_t e = n;
    if (e - s == 2 && (!strncasecmp(title + s, "am", 2) ||
                       !strncasecmp(title + s, "pm", 2))) {
        e = s;
        while (e && title[e - 1] == ' ')
            e--;
        s = e;
        while (s && title[s - 1] != ' ')
            s--;
    }
    size_t d = s;
    while (d < e && (isdigit((unsigned char)title[d]) || title[d] == ':'))
        d++;
    bool time = d > s && isdigit((unsigned char)title[s]) &&
                (d == e || (e - d == 2 && (!strncasecmp(title + d, "am", 2) ||
                                           !strncasecmp(title + d, "pm", 2))));
    while (s && title[s - 1] == ' ')
        s--;
    if (!time || s < 2 || strncasecmp(title + s - 2, "at", 2) ||
        (s > 2 && title[s - 3] != ' '))
        return n;
    s -= 2;
    while (s && title[s - 1] == ' ')
        s--;
    return s;
}

/* A due date at the end of a task title: "... in 3 days", "tomorrow",
 * "tomorrow at 10am". */
/* After a length: when a task is due counts from the run ("3 days from
 * now"), as "in 3 days". */
static const char *const from_now[] = {"from now", "from today", NULL};

static int64_t due_from_title(const char *title)
{
    size_t n = strlen(title);
    while (n && (title[n - 1] == '.' || title[n - 1] == ' '))
        n--;
    n = without_time_of_day(title, n);
    /* "... 5 days from now": as "in 5 days" */
    bool from = false;
    for (int k = 0; from_now[k] && !from; k++) {
        size_t fl = strlen(from_now[k]);
        if (n > fl && title[n - fl - 1] == ' ' &&
            !strncasecmp(title + n - fl, from_now[k], fl)) {
            n -= fl + 1;
            from = true;
        }
    }
    if (n >= 8 && !strncasecmp(title + n - 8, "tomorrow", 8) &&
        (n == 8 || title[n - 9] == ' '))
        return 1;
    if (n >= 5 && !strncasecmp(title + n - 5, "today", 5) &&
        (n == 5 || title[n - 6] == ' '))
        return 0;
    /* "in N day(s)" / "in N week(s)" / "next week" */
    if (n >= 9 && !strncasecmp(title + n - 9, "next week", 9))
        return 7;
    size_t e = n;
    size_t s = e;
    while (s && title[s - 1] != ' ')
        s--;
    int64_t mult = 0;
    bool hours = false; /* "within 48 hours": whole days of them */
    if (e - s >= 3 && (!strncasecmp(title + s, "day", 3)))
        mult = 1;
    else if (e - s >= 4 && !strncasecmp(title + s, "week", 4))
        mult = 7;
    else if (e - s >= 4 && !strncasecmp(title + s, "hour", 4))
        mult = 1, hours = true;
    if (!mult || s < 2)
        return -1;
    size_t ne = s - 1, ns = ne;
    while (ns && title[ns - 1] != ' ')
        ns--;
    int64_t num = 0;
    if (ns < ne && ne - ns <= 3 && isdigit((unsigned char)title[ns])) {
        for (size_t k = ns; k < ne; k++) {
            if (!isdigit((unsigned char)title[k]))
                return -1;
            num = num * 10 + (title[k] - '0');
        }
    } else if (ne - ns == 1 && (title[ns] == 'a' || title[ns] == 'A')) {
        num = 1;
    } else {
        return -1;
    }
    if (!from && (ns < 3 || strncasecmp(title + ns - 3, "in ", 3) != 0))
        return -1;
    if (hours) /* (under a day says no day: the title keeps it) */
        return num >= 24 ? num / 24 : -1;
    return num * mult;
}

/* Whether a title is only when the task is due: "in 2 days",
 * "tomorrow", "in a week" (due_from_title reads how many days). */
static bool only_due(const char *t)
{
    static const char *const whole[] = {"tomorrow", "today", "next week",
                                        "in a day", "in a week", NULL};
    for (int k = 0; whole[k]; k++)
        if (!strcasecmp(t, whole[k]))
            return true;
    if (strncasecmp(t, "in ", 3))
        return false;
    const char *s = t + 3;
    if (!isdigit((unsigned char)*s))
        return false;
    while (isdigit((unsigned char)*s))
        s++;
    return !strcasecmp(s, " day") || !strcasecmp(s, " days") ||
           !strcasecmp(s, " week") || !strcasecmp(s, " weeks");
}

/* When a task is due, "tomorrow", "today", "next week", "in 3 days", as
 * its dueInDays; position kept if none. */
static bool due_when(struct parser *p, json_t *params)
{
    int save = p->i;
    /* ("due 2 days": a length alone only after "due" or "due date") */
    bool said_due = save > 0 && (is_word(&p->t[save - 1], "due") ||
                                 is_word(&p->t[save - 1], "date"));
    if (accept(p, "tomorrow")) {
        json_object_set_new(params, "dueInDays", json_integer(1));
        return true;
    }
    if (accept(p, "today")) {
        json_object_set_new(params, "dueInDays", json_integer(0));
        return true;
    }
    if (accept(p, "next week")) {
        json_object_set_new(params, "dueInDays", json_integer(7));
        return true;
    }
    bool in = accept(p, "in");
    int64_t secs;
    if (duration(p, &secs, NULL, NULL) && secs % 86400 == 0) {
        /* "due 3 days from now" */
        bool from = accept_list(p, from_now) >= 0;
        if (!in && !from && !said_due) {
            p->i = save;
            return false;
        }
        json_object_set_new(params, "dueInDays",
                            json_integer(secs / 86400));
        return true;
    }
    p->i = save;
    return false;
}

/* "due tomorrow", "due in 3 days", ", due date next week"; without
 * "due", a length "from now" ("a follow-up task 3 days from now") */
static bool due_slot(struct parser *p, json_t *params)
{
    int save = p->i;
    accept_punct(p, ",");
    accept(p, "and");
    if ((accept(p, "due") || accept(p, "due date")) && due_when(p, params))
        return true;
    int64_t secs;
    if (!json_object_get(params, "dueInDays") &&
        duration(p, &secs, NULL, NULL) && list_at(p, 0, from_now, NULL)) {
        p->i = save;
        accept_punct(p, ",");
        accept(p, "and");
        if (due_when(p, params))
            return true;
    }
    p->i = save;
    return false;
}

/* One slot of a task, set once: ", and <keyword> <value>" ("assigned to
 * @user.ae", "titled 'Send proposal'"). */
static bool task_slot(struct parser *p, json_t *params, const char *key,
                      const char *const *keywords,
                      json_t *(*value)(struct parser *))
{
    if (json_object_get(params, key))
        return false;
    int save = p->i;
    accept_punct(p, ",");
    accept(p, "and");
    json_t *v = accept_list(p, keywords) >= 0 ? value(p) : NULL;
    if (!v) {
        p->i = save;
        return false;
    }
    json_object_set_new(params, key, v);
    return true;
}

static json_t *described_member(struct parser *p);

/* A member, also after words that say who they are ("the account
 * manager @user.am"). */
static json_t *any_member(struct parser *p)
{
    json_t *m = member(p);
    return m ? m : described_member(p);
}

static bool assignee_slot(struct parser *p, json_t *params)
{
    static const char *const kw[] = {"assigned to", "assign it to",
                                     "assign to",   "for",
                                     "owned by",    "to",
                                     NULL};
    return task_slot(p, params, "assignee", kw, any_member);
}

/* "titled 'Send proposal'", "called: Call @contact.firstName" */
static bool title_slot(struct parser *p, json_t *params)
{
    static const char *const kw[] = {"titled", "entitled", "called", "named",
                                     "with the title", "with title", NULL};
    return task_slot(p, params, "title", kw, text_arg);
}

/* "for each (of them)", "for them": a task step runs for each member of
 * the set in scope anyway, so the words say nothing more, when what
 * follows them is the task's title or another slot (not "for each deal
 * over 10k"). */
static bool each_slot(struct parser *p)
{
    static const char *const next[] = {"assigned", "assign", "due",
                                       "titled",   "called", "named",
                                       "to",       "and",    NULL};
    static const char *const them[] = {"for them", "for these", "for those",
                                       "for these contacts",
                                       "for those contacts", NULL};
    int save = p->i;
    if (accept_list(p, them) >= 0) {
        /* "create a task titled 'Call' for them": the set in scope */
    } else if (accept_list(p, lex_each_words) < 0) {
        return false;
    } else {
        accept_list(p, lex_each_members);
    }
    const struct tok *t = cur(p);
    if (t->kind == TK_EOF || t->kind == TK_QUOTED || is_punct(t, ":") ||
        is_punct(t, ",") || is_punct(t, ".") || list_at(p, 0, next, NULL))
        return true;
    p->i = save;
    return false;
}

/* "for me", "for the owner": the task's default assignee (the agent's
 * creator), so the words set nothing; they are not the title's. */
static bool self_slot(struct parser *p, json_t *params)
{
    static const char *const me[] = {
        "for me", "for myself", "for the owner", "for the agent owner",
        "for the agent's owner", "for us", "assigned to me",
        "assign it to me", "assign to me", "to me", "to myself",
        "to the owner", "to the agent owner", "to the agent's owner",
        "assigned to the owner", NULL};
    if (json_object_get(params, "assignee"))
        return false;
    int save = p->i;
    accept_punct(p, ",");
    accept(p, "and");
    if (accept_list(p, me) >= 0)
        return true;
    p->i = save;
    return false;
}

/* "create a task for each new contact: ...": the agent's trigger */
static bool new_slot(struct parser *p)
{
    int save = p->i;
    accept(p, "for");
    if (object_trigger(p))
        return true;
    p->i = save;
    return false;
}

/* "for each contact tagged 'Demo Booked'", "for everyone in Berlin":
 * the contacts a task is made for (audience), once. */
static bool for_slot(struct parser *p, json_t **who)
{
    if (*who)
        return false;
    int save = p->i;
    accept_punct(p, ",");
    accept(p, "and");
    if (accept(p, "for") && ((*who = audience(p, true)) != NULL ||
                             (*who = step_audience(p, true)) != NULL))
        return true;
    /* "create a task to call every contact who replied": the title's
     * verb, then whom */
    p->i = save;
    if ((is_word(cur(p), "every") || is_word(cur(p), "each") ||
         is_word(cur(p), "all")) &&
        (*who = audience(p, true)) != NULL)
        return true;
    p->i = save;
    return false;
}

/* "for the account manager to ...": a person by role, which agentd
 * cannot tell apart from the title's words; refused, to be named as a
 * member ("for @user.am"). Position kept. */
static bool role_ahead(struct parser *p)
{
    static const char *const dets[] = {"the", "our", "my", NULL};
    if (!is_word(cur(p), "for") || !list_at(p, 1, dets, NULL))
        return false;
    for (int k = 2; k <= 4; k++) {
        const struct tok *t = at(p, k);
        /* "for the account owner to call them", "... for the team, due
         * tomorrow", "... for the account owner for every deal ..." */
        bool ends = is_word(t, "to") || is_word(t, "for") ||
                    is_word(t, "due") || is_punct(t, ",") ||
                    is_punct(t, ".") || t->kind == TK_EOF;
        if (ends && k > 2) {
            int save = p->i;
            p->i += 2;
            refuse(p, "who is that? a task is assigned to a workspace "
                      "member or a record's owner: e.g. create a task for "
                      "@user.jane to call them");
            p->i = save;
            return true;
        }
        if (t->kind != TK_WORD || is_reserved(t))
            return false;
    }
    return false;
}

/* What may come before or after a task's title, in any order. */
static void task_slots(struct parser *p, json_t *params, json_t **who)
{
    while (title_slot(p, params) || due_slot(p, params) ||
           assignee_slot(p, params) || self_slot(p, params) ||
           new_slot(p) || for_slot(p, who) || each_slot(p))
        ;
}

/* The words of a task's priority at token k ("high priority", "with a
 * low priority", "urgent"), as their length, or 0. */
static int priority_at(const struct parser *p, int k)
{
    static const char *const pre[] = {"with a", "with", "as a", "as", NULL};
    static const char *const prio[] = {
        "high priority", "low priority", "medium priority", "normal priority",
        "urgent priority", "top priority", "high-priority", "priority high",
        "priority low", "priority urgent", "urgent", "priority", NULL};
    int m = list_at(p, k, pre, NULL);
    int n = list_at(p, k + m, prio, NULL);
    return n ? m + n : 0;
}

/* A task's priority is said to be absent, not dropped: refused at token
 * k, position kept. */
static void refuse_priority(struct parser *p, int k)
{
    int save = p->i;
    p->i += k;
    refuse(p, "a task has no priority in agentd: leave it out or say it "
              "in the title, e.g. create task: URGENT call them");
    p->i = save;
}

/* The title a kind of task names: "a follow-up task" is "Follow up", "a
 * call task" "Call", "a demo prep task" "Demo prep"; words that say no
 * kind ("a new task") name none (NULL). A new string. */
static json_t *kind_title(struct parser *p, int from, int to)
{
    static const char *const no_kind[] = {"new", "crm", "contact", "quick",
                                          "simple", "reminder", "separate",
                                          "single", "to-do", "todo", NULL};
    if (to <= from || (to == from + 1 && list_at(p, from - p->i, no_kind,
                                                 NULL)))
        return NULL;
    json_t *t = source_text(p, from, to);
    const char *w = json_string_value(t);
    if (!strcasecmp(w, "follow-up") || !strcasecmp(w, "follow up") ||
        !strcasecmp(w, "followup")) {
        json_decref(t);
        return json_string("Follow up");
    }
    char *c = strdup(w);
    c[0] = (char)toupper((unsigned char)c[0]);
    json_decref(t);
    t = json_string(c);
    free(c);
    return t;
}

/*
 * "assign them a call task", "give each of them a follow-up task", "set
 * up a demo prep task", "open a new to-do": a verb, perhaps whom it is
 * for, an article, at most two words of what kind, and "task" (or
 * "to-do"). *title: the kind's title (kind_title), or NULL. Position after
 * the words, or kept (false).
 */
static bool task_head(struct parser *p, json_t **title)
{
    static const char *const verbs[] = {
        "create", "add", "make", "open", "schedule", "assign", "give",
        "set up", "log", "set", "creating", "adding", "assigning", NULL};
    static const char *const whom[] = {"each of them", "each one", "each",
                                       "them", "him", "her", "everyone",
                                       "every one of them", NULL};
    static const char *const arts[] = {"a", "an", "one", NULL};
    static const char *const one[] = {"task", "to-do", "todo", NULL};
    /* "create call tasks for @user.sdr", "add follow-up tasks": one for
     * each record, as every task step makes */
    static const char *const many[] = {"tasks", "to-dos", "todos", NULL};
    int save = p->i;
    *title = NULL;
    if (accept_list(p, verbs) < 0)
        return false;
    accept_list(p, whom);
    const char *const *nouns = accept_list(p, arts) >= 0 ? one : many;
    int from = p->i, k = 0;
    while (k < 2 && !list_at(p, k, nouns, NULL)) {
        const struct tok *t = at(p, k);
        bool word = t->kind == TK_WORD && !is_reserved(t) &&
                    islower((unsigned char)t->raw[0]);
        bool hyphen = is_punct(t, "-") && k > 0 &&
                      t->start == at(p, k - 1)->end;
        if (!word && !hyphen)
            break;
        k++;
        if (hyphen && at(p, k)->start == t->end) /* "follow-up" */
            continue;
    }
    int n = list_at(p, k, nouns, NULL);
    if (!n) {
        p->i = save;
        return false;
    }
    *title = k ? kind_title(p, from, from + k) : NULL;
    p->i += k + n;
    return true;
}

static bool task_rest(struct parser *p, json_t *out, int save,
                      const char *verb, const json_t *kind);

static bool act_task(struct parser *p, json_t *out)
{
    int save = p->i;
    /* "create a high priority task", "add an urgent task" */
    static const char *const make[] = {"create a", "create an", "add a",
                                       "add an", NULL};
    int mk = list_at(p, 0, make, NULL), pr = mk ? priority_at(p, mk) : 0;
    if (pr && is_word(at(p, mk + pr), "task")) {
        refuse_priority(p, mk);
        return false;
    }
    int v = verb_at(p, lex_task_verbs);
    /* "Ask @user.bob to call them", "tell the deal owner to follow up",
     * "have @user.ae call the contact": work for a member is a task for
     * them, as "remind @user.sam to call them" is (an approval is not:
     * act_approval says to whom those go) */
    static const char *const delegate[] = {"ask", "tell", "have", "get",
                                           NULL};
    int d = v < 0 ? verb_at(p, delegate) : -1;
    if (d >= 0) {
        static const char *const approve[] = {"approve", "sign off",
                                              "review and approve", "okay",
                                              "ok", "confirm", NULL};
        int at_who = p->i;
        json_t *m = record_owner(p);
        if (!m && is_member_var(cur(p)))
            m = person(p);
        bool to = m && (accept(p, "to") || !strcmp(delegate[d], "have"));
        json_decref(m);
        if (!to || cur(p)->kind != TK_WORD || list_at(p, 0, approve, NULL)) {
            p->i = save;
            return false;
        }
        p->i = at_who;
        return task_rest(p, out, save, "remind", NULL);
    }
    json_t *kind = NULL;
    if (v < 0 && !task_head(p, &kind))
        return false;
    const char *verb = v >= 0 ? lex_task_verbs[v] : "";
    bool ok = task_rest(p, out, save, verb, kind);
    json_decref(kind);
    return ok;
}

/* act_task after its verb (read from token save): kind is the title the
 * words before "task" named, or NULL (borrowed). */
static bool task_rest(struct parser *p, json_t *out, int save,
                      const char *verb, const json_t *kind)
{
    json_t *params = json_object();
    json_t *who = NULL;
    /* "remind me to call them", "remind @user.sam to follow up": a task
     * for that member ("me" and "the owner" are the default assignee, the
     * agent's creator, as in "create a task for the owner") */
    if (!strcmp(verb, "remind")) {
        static const char *const me[] = {"me", "myself", "us", "the owner",
                                         "the agent owner", NULL};
        /* the record's owner first: "the owner of the deal" */
        json_t *m = record_owner(p);
        if (!m && accept_list(p, me) < 0)
            m = person(p);
        if (m)
            json_object_set_new(params, "assignee", m);
        else if (p->i == save + 1)
            return back_out(p, save, params,
                            "remind whom? e.g. remind @user.sam to call "
                            "them (a reminder is a task for a member)");
        due_when(p, params); /* "remind me in 3 days to ..." */
    }
    /* "create a task for @user.rep titled 'X'", "assign a task to
     * @user.rep: X" */
    task_slots(p, params, &who);
    /* "set a reminder for @user.rep in 3 days: call them": the due day
     * before the title */
    int due_at = p->i;
    if (!json_object_get(params, "dueInDays") && due_when(p, params) &&
        !is_punct(cur(p), ":") && cur(p)->kind != TK_QUOTED &&
        !is_word(cur(p), "to")) {
        json_object_del(params, "dueInDays");
        p->i = due_at;
    }
    if (!json_object_get(params, "assignee") && role_ahead(p)) {
        json_decref(who);
        return back_out(p, save, params, NULL);
    }
    /* "due next Friday", "due by the 15th": a due date the slots did not
     * read is not the title's first words */
    if (is_word(cur(p), "due") && !json_object_get(params, "title")) {
        json_decref(who);
        p->i++;
        refuse(p, "a task is due a number of days after the run: e.g. due "
                  "in 3 days, due tomorrow or due next week");
        return back_out(p, save, params, NULL);
    }
    if (!json_object_get(params, "title")) {
        accept(p, "called");
        accept(p, "named");
        accept(p, "to");
        json_t *title = NULL;
        int from = p->i + (is_punct(cur(p), ":") ? 1 : 0);
        if (cur(p)->kind == TK_QUOTED || is_punct(cur(p), ":")) {
            title = text_arg(p);
        } else if (is_word(cur(p), "with")) {
            /* "create a task with the top result" (after a web search):
             * the result is the task's text; "with" and other words are
             * no title */
            int tm = top_result_at(p, 1);
            if (!tm && priority_at(p, 0)) {
                refuse_priority(p, 0);
                return back_out(p, save, params, NULL);
            }
            if (!tm)
                return back_out(p, save, params,
                                "what is the task? e.g. create task: Call "
                                "@contact.firstName");
            p->i += 1 + tm;
            title = json_string(top_result_text);
        } else if (cur(p)->kind == TK_WORD) {
            /* "create a task to call @contact.firstName" */
            title = free_text(p, true);
        }
        /* "create task: Call them, due in 3 days, assigned to @user.ae":
         * the slots after a comma are not the title's. */
        for (int j = from; title && j < p->i; j++) {
            const struct tok *w = &p->t[j];
            bool comma = is_punct(w, ",");
            if (!comma && (j == from || !(is_word(w, "due") ||
                                          is_word(w, "assigned") ||
                                          is_word(w, "assign") ||
                                          is_word(w, "for"))))
                continue;
            int back = p->i;
            p->i = j;
            json_t *probe = json_object();
            bool slot;
            if (comma) {
                slot = due_slot(p, probe) || assignee_slot(p, probe) ||
                       self_slot(p, probe);
            } else {
                /* "call them for @user.sdr", "... due tomorrow": the
                 * last words are slots only if they are all slots ("for
                 * @contact.firstName" is the title's) */
                bool named = !is_word(w, "for") ||
                             is_member_var(&p->t[j + 1]) ||
                             p->t[j + 1].kind == TK_EMAIL;
                if (!named) { /* "for the deal owner" */
                    p->i = j + 1;
                    json_t *owner = record_owner(p);
                    named = owner != NULL;
                    json_decref(owner);
                    p->i = j;
                }
                slot = false;
                while (named &&
                       (due_slot(p, probe) || assignee_slot(p, probe) ||
                        self_slot(p, probe)))
                    slot = true;
                slot = slot && p->i >= back;
            }
            json_decref(probe);
            p->i = back;
            if (slot && j > from) {
                json_decref(title);
                title = source_text(p, from, j);
                p->i = j;
                break;
            }
        }
        /* "Create task: Follow up in 3 days. Assign task to
         * @user.salesRep" (the seeds' words): the task just created. */
        json_t *last = last_step(out, "create_task");
        json_t *lp = json_object_get(last, "params");
        if (!title && json_object_get(params, "assignee") &&
            !strncmp(verb, "assign", 6) && last &&
            !json_object_get(lp, "assignee") && !who) {
            json_object_update_missing(lp, params);
            json_decref(params);
            return true;
        }
        /* "create a follow-up task due tomorrow": the kind of task the
         * words before "task" named is its title (task_head); "... task
         * for @user.sdr in 2 days": the words left only say when */
        if (title && kind && only_due(json_string_value(title))) {
            json_object_set_new(
                params, "dueInDays",
                json_integer(due_from_title(json_string_value(title))));
            json_decref(title);
            title = NULL;
        }
        if (!title && kind)
            title = json_deep_copy(kind);
        if (!title) {
            json_decref(who);
            return back_out(p, save, params,
                            "what is the task? e.g. create task: Call "
                            "@contact.firstName");
        }
        json_object_set_new(params, "title", title);
    }
    if (!json_object_get(params, "dueInDays")) {
        int64_t due = due_from_title(json_string_value(
            json_object_get(params, "title")));
        if (due >= 0)
            json_object_set_new(params, "dueInDays", json_integer(due));
    }
    task_slots(p, params, &who);
    /* "..., high priority" */
    int k = is_punct(cur(p), ",") ? 1 : 0;
    k += is_word(at(p, k), "and") ? 1 : 0;
    if (priority_at(p, k))
        refuse_priority(p, k);
    /* "Create a task 'Call them' due next Friday": a due date the slots
     * did not read says what can be said, not "unexpected words" */
    if (is_word(cur(p), "due") && !json_object_get(params, "dueInDays")) {
        int at_due = p->i;
        p->i++;
        refuse(p, "a task is due a number of days after the run: e.g. due "
                  "in 3 days, due tomorrow or due next week");
        p->i = at_due;
    }
    for_who(out, who, step_new("create_task", params));
    return true;
}

/* Template names: template 'X', the 'X' template, 'X' email template. */
static bool template_slot(struct parser *p, json_t *params)
{
    int save = p->i;
    accept(p, "the");
    /* "the recording template 'Webinar Recording'", "our follow-up
     * template 'X'": words of what kind before "template" and its name */
    accept(p, "our");
    int kw = 0;
    while (kw < 3 && !is_word(at(p, kw), "template") &&
           ((at(p, kw)->kind == TK_WORD && !is_reserved(at(p, kw)) &&
             islower((unsigned char)at(p, kw)->raw[0])) ||
            (is_punct(at(p, kw), "-") && kw > 0 &&
             at(p, kw)->start == at(p, kw - 1)->end)))
        kw++;
    if (kw && is_word(at(p, kw), "template") &&
        at(p, kw + 1)->kind == TK_QUOTED)
        p->i += kw;
    if (accept(p, "template") || accept(p, "email template")) {
        accept(p, "named");
        accept(p, "called");
        accept_punct(p, ":");
        const struct tok *t = cur(p);
        if (t->kind == TK_QUOTED && !t->unterminated) {
            json_object_set_new(params, "template", json_string(t->text));
            p->i++;
            return true;
        }
        /* "send template Outbound v2" */
        json_t *name = clause_name(p);
        if (name) {
            json_object_set_new(params, "template", name);
            return true;
        }
        p->i = save;
        return false;
    }
    /* "the Outbound v2 template", "our Welcome email template" */
    static const char *const nouns[] = {"template", "email template",
                                        "e-mail template", NULL};
    json_t *bare = bare_name(p, nouns);
    if (bare) {
        json_object_set_new(params, "template", bare);
        return true;
    }
    const struct tok *t = cur(p);
    if (t->kind == TK_QUOTED && !t->unterminated) {
        p->i++;
        /* "the 'Austin' invite template", "'Q3' follow-up email
         * template": words that say what kind, before "template" */
        int k = 0;
        while (k < 4 && !is_word(at(p, k), "template") &&
               ((at(p, k)->kind == TK_WORD && !is_reserved(at(p, k)) &&
                 islower((unsigned char)at(p, k)->raw[0])) ||
                (is_punct(at(p, k), "-") &&
                 at(p, k)->start == at(p, k - 1)->end)))
            k++;
        if (k && is_word(at(p, k), "template"))
            p->i += k;
        /* "the 'Welcome' email", "'X' email template", "'X' template" */
        bool mail = accept(p, "email") || accept(p, "e-mail");
        if (accept(p, "template") || mail) {
            json_object_set_new(params, "template", json_string(t->text));
            return true;
        }
    }
    p->i = save;
    return false;
}

/* Subject: ... / Body: ... on the lines after "Send them an email." */
static void subject_body_lines(struct parser *p, json_t *params)
{
    int save = p->i;
    accept_punct(p, ".");
    accept_punct(p, ":");
    bool got = false;
    for (int k = 0; k < 2; k++) {
        while (cur(p)->kind == TK_NL)
            p->i++;
        const char *key = NULL;
        if (is_word(cur(p), "subject"))
            key = "subject";
        else if (is_word(cur(p), "body") || is_word(cur(p), "message"))
            key = "body";
        if (!key || !is_punct(at(p, 1), ":"))
            break;
        p->i++;
        json_t *v = text_arg(p);
        if (!v)
            break;
        json_object_set_new(params, key, v);
        got = true;
    }
    if (!got)
        p->i = save;
}

/* "from sales@acme.com", "from @user.sam", "cc @user.boss", "bcc ...":
 * words about the sender or copies in the e-mail step that starts here,
 * refused (true) with what agentd does instead. */
static bool refuse_sender(struct parser *p)
{
    for (int k = 0; k < 40; k++) {
        const struct tok *t = at(p, k), *n = at(p, k + 1);
        if (t->kind == TK_EOF || t->kind == TK_NL || is_punct(t, ".") ||
            is_punct(t, ";"))
            return false;
        bool copy = is_word(t, "cc") || is_word(t, "bcc") ||
                    is_word(t, "cc'ing") || is_word(t, "copying");
        bool from = is_word(t, "from") &&
                    (n->kind == TK_EMAIL || is_member_var(n));
        if (copy || from) {
            int save = p->i;
            p->i += k;
            refuse(p, copy ? no_copies_why
                           : "e-mails go out from the workspace's connected "
                             "e-mail account, not from a sender a step "
                             "names: leave the sender out");
            p->i = save;
            return true;
        }
    }
    return false;
}

/* "follow up with them using 'Bump'": a name alone after "using" (or
 * "with"), where nothing else about the message follows (the words of
 * `alone`, or the end), is the template's. */
static bool template_used(struct parser *p, json_t *params,
                          const char *const *alone)
{
    const struct tok *q = at(p, 1), *qn = at(p, 2);
    if (!(is_word(cur(p), "using") || is_word(cur(p), "with")) ||
        q->kind != TK_QUOTED || q->unterminated ||
        json_object_get(params, "template") ||
        !(qn->kind == TK_EOF || qn->kind == TK_NL || qn->kind == TK_MARK ||
          is_punct(qn, ".") || is_punct(qn, ";") || is_punct(qn, ",") ||
          list_at(p, 2, alone, NULL)))
        return false;
    json_object_set_new(params, "template", json_string(q->text));
    p->i += 2;
    return true;
}

static bool act_email(struct parser *p, json_t *out)
{
    int save = p->i;
    int v = verb_at(p, lex_email_verbs);
    if (v < 0)
        return false;
    if (refuse_sender(p)) {
        p->i = save;
        return false;
    }
    const char *verb = lex_email_verbs[v];
    bool emailish = !strcmp(verb, "email") || !strcmp(verb, "e-mail") ||
                    !strcmp(verb, "mail");
    int after_verb = p->i;
    json_t *params = json_object();
    json_t *who = NULL; /* the contacts named after "to", if any */
    int64_t mid_wait = 0; /* a delay among the words (seconds) */
    static const char *const filler[] = {
        "an",   "a",    "the",  "using", "with", "via",    "by",    "from",
        "out",  "off",  "them", "quick", "short", "their", "our",   "each",
        "of",   "this", "that", "over",  "up",   "me",     "us",    "him",
        "her",  "it",   "all",  "over to", "again", NULL};
    /* "Send 'Follow-up 1'." / "send them 'Bump' if no reply" / "send
     * 'Bump' to anyone who didn't reply": a name alone, where nothing
     * else about the message follows it, is a template's (a Slack
     * channel or a person to notify were read before, by their own
     * steps). */
    static const char *const alone[] = {
        "and", "then", "if", "unless", "after", "in", "tomorrow", "once",
        "to", "now", "immediately", "right away", "straight away",
        "at once", "first", "every", "otherwise", "else", "only", NULL};
    /* also "follow up with 'Bump'" */
    bool follow = !strncmp(verb, "follow", 6);
    /* ("email them 'Contract'" likewise) */
    if (!strcmp(verb, "send") || follow || emailish) {
        int back = p->i;
        static const char *const obj[] = {"them", "him", "her", "it", NULL};
        accept_list(p, obj);
        if (follow)
            accept(p, "with");
        const struct tok *t = cur(p);
        const struct tok *n = at(p, 1);
        const struct tok *to = at(p, 2); /* not "to #sales", "to @user.x" */
        bool person = is_word(n, "to") &&
                      (to->kind == TK_CHANNEL || is_member_var(to));
        p->i++; /* ("'VIP Offer' -> wait 2 days": an arrow ends it too) */
        bool arrow = arrow_at(p) > 0;
        p->i--;
        if (t->kind == TK_QUOTED && !t->unterminated && !person &&
            (n->kind == TK_EOF || n->kind == TK_NL || n->kind == TK_MARK ||
             arrow ||
             n->kind == TK_NUM /* "'NPS' 30 days after ..." */ ||
             is_punct(n, ".") ||
             is_punct(n, ";") || is_punct(n, ",") ||
             list_at(p, 1, alone, NULL))) {
            json_object_set_new(params, "template", json_string(t->text));
            emailish = true;
            p->i++;
        } else {
            p->i = back;
        }
    }
    bool progress = true;
    while (progress) {
        progress = false;
        if (template_slot(p, params)) {
            emailish = true;
            progress = true;
            continue;
        }
        if (template_used(p, params, alone)) {
            emailish = true;
            progress = true;
            continue;
        }
        /* "Send template 'Q' every Monday to contacts tagged 'investor'":
         * the agent's schedule among the step's words (as mid_trigger) */
        if (p->depth == 1 && emailish && is_word(cur(p), "every")) {
            struct mark m = mark_take(p);
            json_t *t = schedule_clause(p);
            if (t && (is_word(cur(p), "to") || at_hard_end(p))) {
                keep_trigger(p, t);
                progress = true;
                continue;
            }
            json_decref(t);
            mark_back(p, m);
        }
        int back = p->i;
        /* "to their email address", "to their work email": the
         * contact's address, where an e-mail goes anyway; "to the rest":
         * the contacts in scope */
        static const char *const own[] = {
            "to their email address", "to their email", "to their work email",
            "to their business email", "to their primary email",
            "to the contact's email address", "to the contact's email",
            "to their inbox", "at their email address", "at their email",
            /* "... to the rest" after a skip: the contacts left */
            "to the rest", "to the others", "to everyone else",
            "to all the others", "to the remaining contacts",
            "to the remaining ones", "to the rest of them", NULL};
        if (accept_list(p, own) >= 0) {
            progress = true;
            continue;
        }
        /* "send an email to them: subject 'Hi', body 'Hello'" */
        if ((is_punct(cur(p), ":") || is_punct(cur(p), ",")) &&
            (is_word(at(p, 1), "subject") || is_word(at(p, 1), "body")))
            p->i++;
        if (accept(p, "subject") || accept(p, "with subject") ||
            accept(p, "and subject") || accept(p, "with the subject")) {
            json_t *s = text_arg(p);
            if (s) {
                json_object_set_new(params, "subject", s);
                emailish = true;
                progress = true;
                continue;
            }
            p->i = back;
        }
        if (accept(p, "body") || accept(p, "and body") ||
            accept(p, "with body") || accept(p, "and the body") ||
            accept(p, "saying") || accept(p, "with the body")) {
            json_t *s = text_arg(p);
            if (s) {
                json_object_set_new(params, "body", s);
                emailish = true;
                progress = true;
                continue;
            }
            p->i = back;
        }
        json_t *a = who ? NULL : step_audience(p, false);
        if (a) { /* "to everyone tagged 'event'", "email contacts in
                    Berlin using ..." */
            who = a;
            progress = true;
            continue;
        }
        /* "send to jane@x.io", and "email @contact.email with ..." */
        if (accept(p, "to") || (emailish && p->i == after_verb)) {
            const struct tok *t = cur(p);
            if (t->kind == TK_EMAIL ||
                (t->kind == TK_VAR && strstr(t->text, "email"))) {
                json_object_set_new(params, "to", json_string(t->raw));
                p->i++;
                progress = true;
                continue;
            }
            /* "email @user.boss": a member, at their address */
            if (is_member_var(t) && !strchr(t->raw + 6, '.') &&
                !strchr(t->raw, '[')) {
                json_object_set_new(params, "to",
                                    json_pack("s+", t->raw, ".email"));
                p->i++;
                progress = true;
                continue;
            }
            if (skip_objects(p)) {
                progress = true;
                continue;
            }
            p->i = back;
        }
        if (accept_list(p, lex_email_nouns) >= 0) {
            emailish = true;
            progress = true;
            continue;
        }
        /* "a welcome email", "a thank you e-mail": one or two words that
         * say which email (its template or subject still has to be
         * named) */
        static const char *const mails[] = {"email", "e-mail", NULL};
        int kw = 0;
        while (kw < 2 && at(p, kw)->kind == TK_WORD &&
               !is_reserved(at(p, kw)) && !starts_step_word(at(p, kw)) &&
               !list_at(p, kw, mails, NULL))
            kw++;
        if (kw && list_at(p, kw, mails, NULL)) {
            p->i += kw;
            progress = true;
            continue;
        }
        if (delay_ahead(p))
            break;
        /* "follow up with them in a week using 'Second Touch'": a delay
         * among the step's words, before the template it sends */
        int64_t secs;
        int at_delay = p->i;
        if (!mid_wait && (accept(p, "in") || accept(p, "after")) &&
            duration(p, &secs, NULL, NULL) && !is_word(cur(p), "ago")) {
            int after_delay = p->i;
            accept_punct(p, ",");
            bool named = template_used(p, params, alone);
            if (!named) { /* "... with template 'Bump'" */
                if (!accept(p, "with"))
                    accept(p, "using");
                named = template_slot(p, params);
            }
            if (named) {
                mid_wait = secs;
                emailish = true;
                progress = true;
                continue;
            }
            p->i = after_delay;
        }
        p->i = at_delay;
        if (skip_objects(p) || accept_list(p, filler) >= 0) {
            progress = true;
            continue;
        }
    }
    if (!json_object_get(params, "template") &&
        !json_object_get(params, "subject"))
        subject_body_lines(p, params);
    bool complete = json_object_get(params, "template") ||
                    (json_object_get(params, "subject") &&
                     json_object_get(params, "body"));
    if (!emailish || !complete) {
        json_decref(who);
        /* a body with no subject, or a subject with no body: the other
         * is asked for by name */
        const char *why =
            !emailish && !follow ? NULL
            : json_object_get(params, "body")
                ? "and its subject? an e-mail has a template, or a subject "
                  "and a body: e.g. with subject 'Thanks' and body '...'"
            : json_object_get(params, "subject")
                ? "and its body? an e-mail has a template, or a subject "
                  "and a body: e.g. with subject 'Hi' and body 'Hello "
                  "@contact.firstName'"
            : follow
                ? "follow up with which template? e.g. follow up in 3 "
                  "days with template 'Bump' if they haven't replied"
                : "which email? e.g. send email using template "
                  "'Outbound v2'";
        return back_out(p, save, params, why);
    }
    /* (the wait goes before the step and any if around it, as a trailing
     * delay's does: parse_step puts it there) */
    p->mid_delay = mid_wait;
    for_who(out, who, step_new("send_email", params));
    return true;
}

static bool act_linkedin(struct parser *p, json_t *out)
{
    int save = p->i;
    if (verb_at(p, lex_linkedin_verbs) < 0)
        return false;
    static const char *const words[] = {
        "linkedin", "invitations", "invitation", "invites", "invite",
        "connection request", "connections", "connection", "request",
        "connect", "with", "on", "them", "a", "an",
        "the", "up", "to", "via", "over", "him", "her", "out",
        "there", /* "if they have a LinkedIn URL, connect with them there" */
        NULL};
    /* "connect with them": agentd connects on LinkedIn only */
    bool linkedin = is_word(at(p, -1), "connect") &&
                    (is_word(cur(p), "with") || object_at(p, 0));
    json_t *params = json_object();
    json_t *who = NULL;
    bool progress = true;
    while (progress) {
        progress = false;
        /* "connection request" is LinkedIn's word; an "invite" alone may
         * be a meeting's. */
        if (is_word(cur(p), "linkedin") ||
            phrase_at(p, 0, "connection request") ||
            phrase_at(p, 0, "connection requests"))
            linkedin = true;
        /* A LinkedIn message is not a connection request: say so rather
         * than read "message" as the note's label. */
        static const char *const dm[] = {"message", "messages", "dm",
                                         "inmail", "direct message", NULL};
        if (linkedin && list_at(p, 0, dm, NULL)) {
            json_decref(who);
            return back_out(p, save, params,
                            "agentd sends LinkedIn connection requests, not "
                            "messages: e.g. send a LinkedIn invite with "
                            "note 'Hi @contact.firstName'");
        }
        /* "... whose title contains Founder, with the note 'Hi'" */
        if (is_punct(cur(p), ",") &&
            (is_word(at(p, 1), "with") || is_word(at(p, 1), "without") ||
             is_word(at(p, 1), "saying"))) {
            p->i++;
            progress = true;
            continue;
        }
        int back = p->i;
        json_t *a = who ? NULL : step_audience(p, false);
        if (a) { /* "send a LinkedIn invite to everyone tagged 'x'" */
            who = a;
            progress = true;
            continue;
        }
        /* "without a note": the request alone, as with none named */
        static const char *const bare[] = {"without a note", "with no note",
                                           "without any note", NULL};
        if (accept_list(p, bare) >= 0) {
            progress = true;
            continue;
        }
        /* "with a personalized note: ...", "with a short message" */
        static const char *const with[] = {"with a", "with the", "with",
                                           "and", NULL};
        static const char *const kind[] = {"personalized", "personalised",
                                           "personal", "short", "custom",
                                           "brief", "quick", NULL};
        int wm = list_at(p, 0, with, NULL);
        int km = wm ? list_at(p, wm, kind, NULL) : 0;
        if (km && (is_word(at(p, wm + km), "note") ||
                   is_word(at(p, wm + km), "message"))) {
            p->i += wm + km; /* at "note" */
        }
        if (accept(p, "with note") || accept(p, "with a note") ||
            accept(p, "with the note") || accept(p, "note") ||
            accept(p, "saying") || accept(p, "with message") ||
            accept(p, "with the message") || accept(p, "and note") ||
            (km && accept(p, "message"))) {
            /* "a note mentioning their company: Hi ...": what the note is
             * about, then the note */
            int k = 0;
            while (k < 6 && at(p, k)->kind == TK_WORD &&
                   !is_reserved(at(p, k)))
                k++;
            if (k && is_punct(at(p, k), ":"))
                p->i += k;
            json_t *n = text_arg(p);
            if (!n && cur(p)->kind != TK_EOF) /* "saying Hi there, ..." */
                n = free_text(p, true);
            if (n) {
                json_object_set_new(params, "note", n);
                progress = true;
                continue;
            }
            p->i = back;
        }
        if (delay_ahead(p))
            break;
        if (skip_objects(p) || accept_list(p, words) >= 0 ||
            accept(p, "requests"))
            progress = true;
    }
    /* "Find contacts with LinkedIn and invite them": an invitation where
     * the instructions name LinkedIn and no other kind */
    for (int k = 0; !linkedin && is_word(&p->t[save], "invite") && k < p->n;
         k++)
        linkedin = is_word(&p->t[k], "linkedin");
    if (!linkedin) {
        json_decref(who);
        return back_out(p, save, params, NULL);
    }
    for_who(out, who, step_new("linkedin_invite", params));
    return true;
}

/* An unquoted web query that names the record in words ("look up the
 * company on the web", "news about their company"): those words are of
 * no use to a search engine, the record's name is. Takes query, returns
 * it or its rewrite ("@company.name", "@contact.firstName
 * @contact.lastName"). */
static json_t *query_names(json_t *query)
{
    static const struct {
        const char *words, *var;
    } names[] = {
        {"the contact's company's", "@company.name's"},
        {"the contact's company", "@company.name"},
        {"each contact's company's", "@company.name's"},
        {"each contact's company", "@company.name"},
        {"every contact's company", "@company.name"},
        {"each lead's company", "@company.name"},
        {"each company", "@company.name"},
        {"their company's", "@company.name's"},
        {"their company", "@company.name"},
        {"the company's", "@company.name's"},
        {"the company", "@company.name"},
        {"this company", "@company.name"},
        {"their employer", "@company.name"},
        {"the contact's name", "@contact.firstName @contact.lastName"},
        {"their name", "@contact.firstName @contact.lastName"},
        {"the contact", "@contact.firstName @contact.lastName"},
        {"each contact", "@contact.firstName @contact.lastName"},
        {"each lead", "@contact.firstName @contact.lastName"},
        {"this contact", "@contact.firstName @contact.lastName"},
        {"the lead", "@contact.firstName @contact.lastName"},
        {"the person", "@contact.firstName @contact.lastName"},
        {NULL, NULL}};
    const char *q = json_string_value(query);
    struct buf b;
    buf_init(&b, 0);
    bool changed = false;
    for (size_t i = 0; q[i];) {
        bool start = i == 0 || !isalnum((unsigned char)q[i - 1]);
        int hit = -1;
        size_t n = 0;
        for (int j = 0; start && names[j].words; j++) {
            n = strlen(names[j].words);
            if (strncasecmp(q + i, names[j].words, n))
                continue;
            /* whole words only: not "the companyX", "the company's" */
            unsigned char after = (unsigned char)q[i + n];
            if (!isalnum(after) && after != '\'' && after != '_') {
                hit = j;
                break;
            }
        }
        if (hit >= 0) {
            buf_puts(&b, names[hit].var);
            i += n;
            changed = true;
        } else {
            buf_putc(&b, q[i++]);
        }
    }
    if (changed) {
        json_t *r = json_stringn(b.data, b.len);
        if (r) {
            json_decref(query);
            query = r;
        }
    }
    buf_fini(&b);
    return query;
}

static size_t title_len(const struct tok *t);

static bool act_web_search(struct parser *p, json_t *out)
{
    int save = p->i;
    json_t *params = json_object();
    /* "find news about @company.name", "get the latest news on ...":
     * news is only on the web */
    static const char *const news[] = {"news", "latest news", "recent news",
                                       "the latest news", "the news",
                                       "any news", NULL};
    static const char *const about[] = {"about", "on", "for", "from", NULL};
    static const char *const news_word[] = {"news", NULL};
    if (word_within(p, 5, news_word) &&
        accept_list(p, lex_search_verbs) >= 0) {
        int nw = list_at(p, 0, news, NULL);
        if (nw && list_at(p, nw, about, NULL)) {
            accept(p, "the");
            accept(p, "any");
            json_t *q = free_text(p, true);
            if (q) {
                json_object_set_new(params, "query", query_names(q));
                goto more;
            }
        }
        p->i = save;
    }
    int v = verb_at(p, lex_websearch_verbs);
    if (v < 0)
        return back_out(p, save, params, NULL);
    const char *verb = lex_websearch_verbs[v];
    bool webby = strstr(verb, "web") || strstr(verb, "online") ||
                 strstr(verb, "google") || strstr(verb, "internet");
    /* "do a web search on @company.name's funding", "... about X" */
    size_t vn = strlen(verb);
    bool noun = vn > 6 && !strcmp(verb + vn - 6, "search") &&
                strchr(verb, ' ') && strncmp(verb, "search", 6);
    if (!accept(p, "for") && noun && !accept(p, "on"))
        accept(p, "about");
    json_t *query = NULL;
    bool quoted = cur(p)->kind == TK_QUOTED;
    if (quoted || is_punct(cur(p), ":"))
        query = text_arg(p);
    else if (webby || !strcmp(verb, "search for"))
        query = NULL; /* unquoted: read below, after we know it is web */
    static const char *const where[] = {"on the web", "online", "on google",
                                        "the web", "on the internet",
                                        "the internet", NULL};
    if (accept_list(p, where) >= 0)
        webby = true;
    else if (!query && accept(p, "google for")) /* "search Google for" */
        webby = true;
    /* "search the internet for '...'": the query after where */
    if (webby && !query && accept(p, "for") &&
        (cur(p)->kind == TK_QUOTED || is_punct(cur(p), ":"))) {
        quoted = cur(p)->kind == TK_QUOTED;
        query = text_arg(p);
    }
    /* "look up @company.name on the web": the words up to where */
    if (!query && !webby) {
        int from = p->i;
        for (int j = from; j < p->n && j - from < 40; j++) {
            const struct tok *t = &p->t[j];
            if (t->kind == TK_EOF || t->kind == TK_NL || is_punct(t, ".") ||
                is_punct(t, ",") || is_punct(t, ";"))
                break;
            p->i = j;
            int m = j > from ? list_at(p, 0, where, NULL) : 0;
            if (m) {
                query = source_text(p, from, j);
                p->i = j + m;
                webby = query != NULL;
                break;
            }
        }
        if (!query)
            p->i = from;
    }
    if (!query && (webby || !strcmp(verb, "search for"))) {
        /* "search the web for news about @company.name" */
        const struct tok *t = cur(p);
        if (t->kind == TK_WORD || t->kind == TK_VAR) {
            /* "search for leads in Berlin", "search for all decision
             * makers ...", "search for CEOs": records, not the web
             * (unless the words said the web) */
            static const char *const dets[] = {"all", "every", "each",
                                               "any", NULL};
            int d = webby ? 0 : list_at(p, 0, dets, NULL);
            bool contacts = d || list_at(p, 0, lex_contact_nouns, NULL) ||
                            list_at(p, 0, lex_deal_nouns, NULL) ||
                            (!webby && title_len(t));
            if (!contacts)
                query = free_text(p, true);
        }
    }
    if (!query || (!webby && strcmp(verb, "search for") != 0 &&
                   strcmp(verb, "research") != 0 &&
                   strcmp(verb, "look up") != 0 &&
                   strcmp(verb, "search") != 0 &&
                   strcmp(verb, "look into") != 0)) {
        json_decref(query);
        return back_out(p, save, params, NULL);
    }
    /* A bare "search 'x'" or "look up 'x'" is only a web search when
     * nothing says contacts or deals. */
    if (!quoted)
        query = query_names(query);
    json_object_set_new(params, "query", query);
more:
    for (;;) {
        int back = p->i;
        accept_punct(p, ",");
        accept(p, "and");
        accept_list(p, where);
        static const char *const lim[] = {
            "limit",  "limit to", "grab",   "get",   "top",  "return",
            "fetch",  "keep",     "take",   "limit it to", "with a limit of",
            "up to",  NULL};
        bool kw = accept_list(p, lim) >= 0;
        accept(p, "the");
        accept(p, "top");
        int64_t n;
        if (kw && count_value(p, &n) && (accept(p, "results") ||
                                         accept(p, "result") ||
                                         accept(p, "hits") || true)) {
            json_object_set_new(params, "limit", json_integer(n));
            continue;
        }
        p->i = back;
        if (accept_list(p, where) >= 0)
            continue;
        break;
    }
    json_array_append_new(out, step_new("web_search", params));
    return true;
}

/* The conditions after "contacts" or "deals" ("where title contains CEO",
 * "tagged 'webinar' who haven't replied", "in Germany"), and-ed; NULL if
 * none. */
/* "find the contact by email @trigger.email", "by their email
 * 'x@y.com'": a field and a value after "by", the record with that value
 * (a field alone, "by lead score", is an order: act_search refuses it).
 * NULL, position kept, otherwise. */
static json_t *by_value(struct parser *p)
{
    int save = p->i;
    char field[128];
    enum lex_vtype vt;
    accept(p, "by");
    const struct tok *t;
    if (field_words(p, field, sizeof field, &vt) && strchr(field, '.') &&
        ((t = cur(p))->kind == TK_VAR || t->kind == TK_EMAIL ||
         (t->kind == TK_QUOTED && !t->unterminated))) {
        p->i++;
        return leaf(field, "==", json_string(t->kind == TK_QUOTED ? t->text
                                                                  : t->raw));
    }
    p->i = save;
    return NULL;
}

/* "(contacts) that have a deal in Negotiation", "whose deals were lost
 * last quarter", "with an open deal", "with a Closed Won deal":
 * conditions on the contacts' deals, which only a search of the deals can
 * test (the search's type follows the fields: a deal's makes it a deal
 * search). "that have a deal" alone is the deals that have a contact.
 * NULL (position kept) otherwise. */
static json_t *adjective_leaf(struct parser *p, bool deals);
static json_t *deal_clause(struct parser *p)
{
    static const char *const have[] = {"that have", "who have", "with",
                                       "having", NULL};
    static const char *const whose[] = {"whose deal", "whose deals", NULL};
    static const char *const articles[] = {"a", "an", "any", NULL};
    if (p->scope != SC_CONTACT)
        return NULL;
    int save = p->i;
    json_t *c = NULL;
    if (accept_list(p, whose) < 0) {
        if (accept_list(p, have) < 0)
            return NULL;
        accept_list(p, articles);
        c = adjective_leaf(p, true); /* "an open deal", "a Proposal deal" */
        if (!is_word(cur(p), "deal") && !is_word(cur(p), "deals")) {
            json_decref(c);
            p->i = save;
            return NULL;
        }
        p->i++;
    } else {
        /* "whose deal is in Demo Scheduled": a deal "is in" a stage (its
         * contact is somewhere else), so a name there that is no stage
         * is refused rather than read as the contact's city */
        static const char *const is_in[] = {
            "is in", "are in", "is still in", "are still in", "is now in",
            "are now in", "is at", "are at", "sits in", "sit in", NULL};
        int at_in = p->i;
        if (accept_list(p, is_in) >= 0 && !named_stage(p)) {
            const struct tok *t = cur(p); /* named_stage refused a name */
            if (t->kind == TK_QUOTED ||
                (t->kind == TK_WORD && isupper((unsigned char)t->raw[0]))) {
                p->i = save;
                return NULL;
            }
        }
        p->i = at_in;
    }
    p->scope = SC_DEAL;
    struct mark m = mark_take(p);
    int at_words = p->i;
    json_t *more = cond_or(p, C_WHERE);
    if (!more) {
        mark_back(p, m);
        p->i = at_words;
    }
    p->scope = SC_CONTACT;
    c = combine("and", c, more);
    return c ? c : leaf("deal.contactId", "exists", NULL);
}

static json_t *where_clauses(struct parser *p)
{
    json_t *where = NULL;
    for (;;) {
        int b = p->i;
        static const char *const joins[] = {
            "where", "whose", "who", "that", "which", "with", "and", "but",
            "having", "that's", "who's", "who're", "that're", "which's",
            "which're", "who've", "that've", "which've", NULL};
        /* "with a phone number" reads as a condition with its "with";
         * "with interested set to true" after dropping it. */
        json_t *c = NULL;
        /* "every CMO in our CRM": where every record is, no condition */
        static const char *const everywhere[] = {
            "in our crm", "in the crm", "in our database", "in the database",
            "in the system", "in our system", "in the workspace",
            "in our workspace", "in this workspace", NULL};
        if (accept_list(p, everywhere) >= 0)
            continue;
        /* "all contacts except those tagged 'unsubscribed'" (also after a
         * comma: "contacts in Germany, but not those tagged 'x'") */
        static const char *const except[] = {
            "except for", "except", "excluding", "but not", "other than",
            "apart from", "skipping", "but skip", "but exclude",
            "leaving out", "ignoring", NULL};
        /* (also after a dash: "... tagged 'promo' — but not to anyone
         * tagged 'unsubscribed'") */
        if ((is_punct(cur(p), ",") || is_word(cur(p), "—") ||
             is_word(cur(p), "–") || is_punct(cur(p), "-")) &&
            list_at(p, 1, except, NULL))
            p->i++;
        if (accept_list(p, except) >= 0) {
            static const char *const ones[] = {
                "those", "the ones", "anyone", "people", "contacts",
                "the contacts", "leads", "to anyone", "to those",
                "to people", "to contacts", "for anyone", "for those",
                NULL};
            accept_list(p, ones);
            static const char *const rel[] = {"who", "that", "which",
                                              "whose", NULL};
            accept_list(p, rel);
            c = cond_or(p, C_WHERE);
            if (!c && (accept(p, "with") || accept(p, "having")))
                c = cond_or(p, C_WHERE); /* "excluding those with ..." */
            if (!c && p->scope == SC_CONTACT) {
                int t = p->i;
                accept(p, "the"); /* "except (the) interns" */
                if (!(c = titles_leaf(p, NULL)))
                    p->i = t;
            }
            if (c) {
                where = combine("and", where, negate(c));
                continue;
            }
            p->i = b;
            break;
        }
        /* "VPs in Germany, but only those who have never been contacted":
         * the records narrowed again, as "who ..." right after them */
        static const char *const only[] = {
            "but only those", "but only the ones", "but just those",
            "but just the ones", "only those", "only the ones", NULL};
        if (is_punct(cur(p), ",") && list_at(p, 1, only, NULL))
            p->i++;
        if (accept_list(p, only) >= 0) {
            if ((c = where_clauses(p))) {
                where = combine("and", where, c);
                continue;
            }
            p->i = b;
            break;
        }
        /* (also after "and": "whose company has more than 50 employees
         * and whose deal is Closed Won") */
        if ((c = deal_clause(p)) ||
            (where && (accept(p, "and") || accept(p, "but")) &&
             ((c = deal_clause(p)) || (p->i = b, false)))) {
            where = combine("and", where, c);
            continue;
        }
        if (is_word(cur(p), "with"))
            c = cond_or(p, C_WHERE);
        if (!c && is_word(cur(p), "by"))
            c = by_value(p);
        if (!c) {
            p->i = b;
            int j = accept_list(p, joins);
            accept(p, "where");
            /* "with a lead score above 80": the article before a field */
            if (j >= 0 && (!strcmp(joins[j], "with") ||
                           !strcmp(joins[j], "having")) &&
                !accept(p, "a"))
                accept(p, "an");
            /* "contacts who are CTOs", "leads that are VPs of Sales": a
             * title, as "they're a CEO" in an if ("who's" is also a
             * misspelt "whose": not here) */
            static const char *const rel[] = {"who", "that", "which",
                                              "who're", "that're",
                                              "which're", NULL};
            if (j >= 0 && p->scope == SC_CONTACT &&
                list_at(p, -1, rel, NULL) == 1) {
                int t = p->i;
                if ((strstr(joins[j], "'re") || accept(p, "are") ||
                     accept(p, "is")) &&
                    !(c = title_is_rest(p, t)))
                    p->i = t;
            }
            if (!c)
                c = cond_or(p, C_WHERE);
        }
        if (!c) {
            p->i = b;
            break;
        }
        where = combine("and", where, c);
    }
    return where;
}

/* The conditions of records of scope `sc` here ("a deal over 100k ...",
 * "a contact with title CEO ..."), or NULL with the parser as it was
 * (position and report): the words may be something else's. */
static json_t *conditions_in(struct parser *p, enum scope sc)
{
    enum scope old = p->scope;
    p->scope = sc;
    struct mark m = mark_take(p);
    json_t *c = where_clauses(p);
    p->scope = old;
    if (!c)
        mark_back(p, m);
    return c;
}

/* Whether a record can meet both conditions: false when each says of
 * the same field that it equals a different value ("country is Germany"
 * and "country is France"), in the conditions they are and-ed of. */
static bool conds_compatible(const json_t *a, const json_t *b)
{
    const json_t *as = json_object_get(a, "and");
    const json_t *bs = as ? NULL : json_object_get(b, "and");
    if (as || bs) { /* each member of the "and" against the other side */
        size_t i;
        const json_t *x;
        json_array_foreach(as ? as : bs, i, x)
        {
            if (!(as ? conds_compatible(x, b) : conds_compatible(a, x)))
                return false;
        }
        return true;
    }
    const char *fa = jx_str(a, "field"), *fb = jx_str(b, "field");
    const char *oa = jx_str(a, "operator"), *ob = jx_str(b, "operator");
    const json_t *va = json_object_get(a, "value"),
                 *vb = json_object_get(b, "value");
    return !(fa && fb && oa && ob && !strcmp(fa, fb) && !strcmp(oa, "==") &&
             !strcmp(ob, "==") && json_is_string(va) && json_is_string(vb) &&
             strcasecmp(json_string_value(va), json_string_value(vb)));
}

static const json_t *last_search_step(const json_t *steps);

/* The conditions of the last search of contacts at the top of the plan,
 * or NULL. */
static const json_t *top_search_where(const json_t *steps)
{
    const json_t *st = last_search_step(steps);
    return st && !strcmp(jx_str(st, "type"), "search_contacts")
               ? json_object_get(json_object_get(st, "params"), "where")
               : NULL;
}

/* Whether `steps` (or a block inside them) chooses contacts. */
static bool chooses_contacts(const json_t *steps)
{
    size_t i;
    const json_t *st;
    json_array_foreach(steps, i, st) {
        const char *type = json_string_value(json_object_get(st, "type"));
        const json_t *params = json_object_get(st, "params");
        if ((type && !strcmp(type, "search_contacts")) ||
            chooses_contacts(json_object_get(params, "then")) ||
            chooses_contacts(json_object_get(params, "else")))
            return true;
    }
    return false;
}

/* Whether the steps read so far already have contacts to act on: a
 * search before them, or a run started for one contact (a new contact, a
 * form submitted). */
static bool set_in_scope(const struct parser *p)
{
    const char *ev = json_string_value(json_object_get(p->opened_by,
                                                       "event"));
    return chooses_contacts(p->root) ||
           (ev && (!strcmp(ev, "contact_created") ||
                   !strcmp(ev, "form_submitted")));
}

/* The condition a word of lex_adjectives says of a record. */
static json_t *adjective_cond(const struct lex_adjective *a)
{
    switch (a->kind) {
    case LEX_ADJ_TRUE:
    case LEX_ADJ_FALSE:
        return leaf(a->path, "==", json_boolean(a->kind == LEX_ADJ_TRUE));
    case LEX_ADJ_NONE:
        return negate(leaf(a->path, "exists", NULL));
    case LEX_ADJ_EQ:
        return leaf(a->path, "==", json_string(a->value));
    case LEX_ADJ_OPEN:
    case LEX_ADJ_CLOSED:
        break;
    }
    return stage_closed(a->path, a->kind == LEX_ADJ_CLOSED);
}

/* "untagged contacts", "open deals", "interested leads": a word of
 * lex_adjectives (or a deal stage's name) right before a noun of its
 * record, read as a condition on those records. With `deals` false only
 * contacts' words are taken. NULL (position kept) when no such word is
 * here. */
static json_t *adjective_leaf(struct parser *p, bool deals)
{
    const struct tok *t = cur(p);
    if (t->kind != TK_WORD)
        return NULL;
    for (const struct lex_adjective *a = lex_adjectives; a->words; a++) {
        if (a->words[0] != t->text[0]) /* most words are none of these */
            continue;
        bool deal = !strncmp(a->path, "deal.", 5);
        int n = phrase_at(p, 0, a->words);
        if (!n || (deal && !deals) ||
            !list_at(p, n, deal ? lex_deal_nouns : lex_contact_nouns, NULL))
            continue;
        p->i += n;
        return adjective_cond(a);
    }
    /* "Proposal deals", "a Closed Won deal": a stage's name, as one (a
     * stage's or an alias's first letter first) */
    int save = p->i;
    const char *st = deals && strchr("lqpnc", t->text[0]) ? stage_of(p)
                                                          : NULL;
    if (st && list_at(p, 0, lex_deal_nouns, NULL))
        return leaf("deal.stage", "==", json_string(st));
    p->i = save;
    return NULL;
}

/*
 * "everyone tagged 'x'", "contacts whose title contains 'Head of'", "all
 * leads in Germany", "all CTOs": the contacts a step is for, as the
 * search step that finds them; or, where the words point back at contacts
 * already chosen ("those who haven't replied", "anyone who opened it"
 * after a search), a filter on those: an `if` whose `then` the caller
 * fills (for_who) — a follow-up to "anyone who didn't reply" must never
 * search the whole workspace. NULL (position kept) when the words name no
 * contacts, or name them without a condition while one is needed ("to
 * everyone" is the contacts in scope).
 */
static bool schedule_period(const json_t *trigger, char *since,
                            size_t size);
static json_t *audience(struct parser *p, bool need_where)
{
    int save = p->i;
    /* "the contacts of deals in Proposal": the deals, whose contacts a
     * contact step works on */
    static const char *const of_deals[] = {
        "the contacts of", "contacts of", "the contacts on",
        "the people on", "the contacts behind", NULL};
    bool of_people = is_word(cur(p), "contacts") ||
                  is_word(at(p, 1), "contacts") ||
                  is_word(at(p, 1), "people");
    if (of_people && accept_list(p, of_deals) >= 0) {
        json_t *d = step_audience(p, true);
        if (d)
            return d;
        p->i = save;
    }
    /* "the contact of every deal in Proposal", "the contact on each
     * deal": the same, one deal at a time in the words */
    static const char *const of_deal[] = {
        "the contact of", "the contact on", "the contact for",
        "the person on", "the contact behind", NULL};
    static const char *const each_one[] = {"every", "each", "all", NULL};
    int od = is_word(at(p, 1), "contact") || is_word(at(p, 1), "person")
                 ? list_at(p, 0, of_deal, NULL)
                 : 0;
    if (od && list_at(p, od, each_one, NULL) &&
        list_at(p, od + 1, lex_deal_nouns, NULL)) {
        p->i += od;
        json_t *d = step_audience(p, true);
        if (d)
            return d;
        p->i = save;
    }
    static const char *const back_to[] = {
        "those of them", "those", "the ones", "any of them", "all of them",
        "whoever", NULL};
    static const char *const anyone[] = {"anyone", "anybody", "everyone",
                                         "everybody", NULL};
    int bw = accept_list(p, back_to);
    bool pointing = bw >= 0;
    /* "those who opened it", "the ones who replied": contacts a step
     * before had, even when no search chose them (the run's contact) */
    bool back = pointing && strcmp(back_to[bw], "whoever");
    bool all = false, every = false, whole = false, fresh = false;
    int64_t limit = 0;
    json_t *title = NULL, *adj = NULL;
    if (!pointing) {
        /* "anyone who ...", "the contacts who ...": also pointing back */
        pointing = list_at(p, 0, anyone, NULL) > 0;
        int a = accept_list(p, lex_all_contacts);
        all = a >= 0;
        /* "all contacts", "every lead": the workspace's ("everyone" is
         * the contacts in scope, or every contact when none are) */
        every = all && ((strncmp(lex_all_contacts[a], "everyone", 8) &&
                         strncmp(lex_all_contacts[a], "everybody", 9)) ||
                        !set_in_scope(p)); /* none in scope: all */
        whole = all && strstr(lex_all_contacts[a], "workspace");
        if (!all) {
            /* "to the first 50 contacts tagged 'lead'" */
            limit = search_limit(p);
            accept(p, "all");
            bool each = accept(p, "each") || accept(p, "every") ||
                        accept(p, "any");
            pointing = accept(p, "the") || pointing;
            bool plural = false;
            /* "non-responders", "openers": the people a reply or an open
             * (or none) names */
            static const struct {
                const char *words, *path;
                bool value;
            } people[] = {{"non-responders", "contact.replied", false},
                          {"nonresponders", "contact.replied", false},
                          {"non-repliers", "contact.replied", false},
                          {"non-openers", "contact.openedEmail", false},
                          {"responders", "contact.replied", true},
                          {"repliers", "contact.replied", true},
                          {"openers", "contact.openedEmail", true},
                          {NULL, NULL, false}};
            int pw = -1, pm = TABLE_AT(p, people, &pw);
            /* "send 'Hi' to new contacts" on a schedule: the ones created
             * since the run before (as "find new contacts") */
            const char *opened = jx_str(p->opened_by, "type");
            char since[32];
            if (pm) {
                p->i += pm;
                adj = leaf(people[pw].path, "==",
                           json_boolean(people[pw].value));
            } else if (opened && !strcmp(opened, "schedule") &&
                       is_word(cur(p), "new") &&
                       list_at(p, 1, lex_contact_nouns, NULL) &&
                       schedule_period(p->opened_by, since, sizeof since)) {
                p->i++;
                adj = leaf("contact.createdAt", ">=", json_string(since));
            } else if (is_word(cur(p), "new") &&
                       list_at(p, 1, lex_contact_nouns, NULL)) {
                /* "new contacts from yesterday", "... created this
                 * week": those created then (object_trigger leaves them:
                 * no run when one is created could want that) */
                p->i++;
                fresh = true;
            } else {
                adj = adjective_leaf(p, false);
            }
            if (!pm && accept_list(p, lex_contact_nouns) < 0 &&
                !(title = titles_leaf(p, &plural))) {
                json_decref(adj);
                p->i = save;
                return NULL;
            }
            if (fresh) /* "new contacts today" */
                adj = time_span(p, "contact.createdAt", true);
            /* "all CTOs", "every CEO"; "the account manager" is someone
             * else than the contacts */
            if (title && !plural && !each) {
                json_decref(title);
                p->i = save;
                return NULL;
            }
        }
    }
    enum scope old = p->scope;
    p->scope = SC_CONTACT;
    json_t *where = where_clauses(p);
    p->scope = old;
    if (title) /* "all CTOs in Berlin": the title is a condition too */
        where = combine("and", title, where);
    where = combine("and", adj, where); /* "all untagged contacts" */
    static const char *const created[] = {"contact.createdAt", NULL};
    if (fresh && !cond_names(where, created)) { /* new since when? */
        json_decref(where);
        p->i = save;
        return NULL;
    }
    if (!where && every) {
        if (whole || !set_in_scope(p))
            return step_new("search_contacts", NULL); /* "to all contacts" */
        fail(p, "after a search, 'all contacts' could be the contacts found "
                "or every contact: write 'to them' or 'to every contact in "
                "the workspace'");
        p->i = save;
        return NULL;
    }
    if (!where && (need_where || !all)) {
        p->i = save;
        return NULL;
    }
    /* "Tag everyone in Germany 'dach' and everyone in France 'fr'": the
     * second "everyone" is a search as the first was, since none of the
     * contacts the first found is in France (a filter of them would pick
     * nobody, always). */
    const json_t *found = top_search_where(p->root);
    bool apart = pointing && !back && found && where &&
                 !conds_compatible(found, where);
    if (where && !apart && ((pointing && set_in_scope(p)) || back)) {
        if (limit > 0) { /* a filter takes whom it matches, not a number */
            json_decref(where);
            p->i = save;
            return NULL;
        }
        return step_new("if", json_pack("{s:o}", "condition", where));
    }
    json_t *params = json_object();
    if (where)
        json_object_set_new(params, "where", where);
    if (limit > 0)
        json_object_set_new(params, "limit", json_integer(limit));
    /* "contacts with a deal in Proposal": the deals (deal_clause) */
    return step_new(cond_any_field(where, field_under, "deal.")
                        ? "search_deals"
                        : "search_contacts",
                    params);
}

/* Said where a search is to be ordered. */
static const char no_sort_why[] =
    "a search cannot sort: it finds the records that meet its conditions "
    "(e.g. 'with a lead score above 80'), up to a number ('the first 10')";

/* Words that order records: "the 20 newest contacts", "the 25 most
 * recent". */
static const char *const order_words[] = {
    "newest",  "latest",  "oldest",   "most recent", "most recently",
    "largest", "biggest", "smallest", "highest",     "lowest",
    "hottest", "best",    NULL};

/* "the first 25", "up to 10", "50": how many records a search takes, or
 * 0 (position kept). */
static int64_t search_limit(struct parser *p)
{
    static const char *const qty[] = {"the first", "first", "up to", "top",
                                      "the top", "at most", "a maximum of",
                                      "max", NULL};
    int64_t limit = 0;
    int back = p->i;
    /* "to the 25 most recent contacts": an order, said (not read) */
    int the = is_word(cur(p), "the");
    if (at(p, the)->kind == TK_NUM && list_at(p, the + 1, order_words, NULL)) {
        p->i += the + 1;
        refuse(p, no_sort_why);
        p->i = back;
    }
    if ((accept_list(p, qty) >= 0 || cur(p)->kind == TK_NUM) &&
        !count_value(p, &limit)) {
        p->i = back;
        limit = 0;
    }
    /* "50 random contacts": a search takes the first it finds */
    if (limit && (is_word(cur(p), "random") || is_word(cur(p), "randomly")))
        refuse(p, "a search takes the records that meet its conditions, "
                  "up to a number, not a random sample: e.g. the first 50 "
                  "contacts tagged 'beta'");
    return limit;
}

/* Appends a step for the contacts `who` names (audience): after their
 * search, or inside the filter on the contacts already chosen. Takes both
 * references; `who` may be NULL (the contacts in scope). who_then: where
 * the steps go (borrowed), `who` appended. */
static json_t *who_then(json_t *out, json_t *who)
{
    if (who && !strcmp(json_string_value(json_object_get(who, "type")),
                       "if")) {
        json_t *then = json_array();
        json_object_set_new(json_object_get(who, "params"), "then", then);
        json_array_append_new(out, who);
        return then;
    }
    if (who)
        json_array_append_new(out, who);
    return out;
}

static void for_who_steps(json_t *out, json_t *who, json_t *steps)
{
    json_array_extend(who_then(out, who), steps);
    json_decref(steps);
}

static void for_who(json_t *out, json_t *who, json_t *step)
{
    json_array_append_new(who_then(out, who), step);
}

/* Whether "for <contacts with conditions>" ends the clause here: the
 * contacts a step is for, not words of a text. Position kept. */
static bool audience_ends(struct parser *p)
{
    int save = p->i;
    accept(p, "for");
    json_t *a = audience(p, true);
    bool ends = a && (at_hard_end(p) || is_punct(cur(p), ",") ||
                      is_word(cur(p), "and") || is_word(cur(p), "due") ||
                      is_word(cur(p), "assigned"));
    json_decref(a);
    p->i = save;
    return ends;
}

/* "max 20 per run", "at most 50 each time": a search's limit is already
 * what one run takes, so these words add nothing ("per day" is a
 * setting, refused by act_refused_setting). */
static void accept_per_run(struct parser *p)
{
    static const char *const per_run[] = {"per run", "each run", "a run",
                                          "per execution", "each time",
                                          "at a time", "per batch", NULL};
    accept_list(p, per_run);
}

/* "Email contacts tagged 'x' with template 'Y', but no more than 25 per
 * run": after a step that found its records (a search from `before` in
 * out, with no limit of its own), the most that search takes. Position
 * kept when the words are not these. */
static void trailing_cap(struct parser *p, json_t *out, size_t before)
{
    static const char *const caps[] = {
        "but no more than", "no more than", "but not more than",
        "not more than", "but at most", "at most", "but max", "max",
        "but only up to", "up to", "but limit to", "limit to",
        "but limit it to", "limited to", "but cap it at", "capped at",
        NULL};
    json_t *search = json_array_get(out, before);
    const char *type = search ? jx_str(search, "type") : NULL;
    json_t *params = search ? json_object_get(search, "params") : NULL;
    if (!type || strncmp(type, "search_", 7) ||
        json_object_get(params, "limit"))
        return;
    int save = p->i;
    accept_punct(p, ",");
    int64_t n = 0;
    if (accept_list(p, caps) < 0 || !count_value(p, &n) || n <= 0) {
        p->i = save;
        return;
    }
    static const char *const records[] = {
        "contacts", "leads", "deals", "people", "emails", "e-mails",
        "invitations", "invites", "records", NULL};
    accept_list(p, records);
    accept_per_run(p);
    if (!(at_hard_end(p) || is_punct(cur(p), ",") ||
          is_word(cur(p), "and") || is_word(cur(p), "then"))) {
        p->i = save;
        return;
    }
    json_object_set_new(params, "limit", json_integer(n));
}

/*
 * The contacts a contact-scoped step is for, after its verb or at its end,
 * with or without a preposition: "enrich every contact without a phone",
 * "... to everyone tagged 'event'", "... for contacts with a lead score
 * above 80". A condition is required: "to them" is the contacts in scope.
 * With `deals`, the deals a deal's field is set on: "set the stage to
 * Negotiation for deals over 50k".
 */
static json_t *step_audience(struct parser *p, bool deals)
{
    int back = p->i;
    static const char *const to[] = {"to", "on", "from", "for", NULL};
    accept(p, "only"); /* "send ... only to contacts who ..." */
    accept_list(p, to);
    json_t *a = NULL;
    if (!deals && p->i == back && accept(p, "where")) {
        /* "Set status = 'MQL' where lead score >= 60": those contacts,
         * among the ones chosen if any are (as "those who" are) */
        enum scope old = p->scope;
        p->scope = SC_CONTACT;
        json_t *where = cond_or(p, C_WHERE);
        p->scope = old;
        if (where)
            a = set_in_scope(p) ? step_new("if", json_pack("{s:o}",
                                                           "condition", where))
                                : step_new("search_contacts",
                                           json_pack("{s:o}", "where", where));
    } else if (!deals) {
        a = audience(p, true);
    } else {
        /* "for every deal in Proposal", "on all the deals over 50k" */
        if (!accept(p, "all") && !accept(p, "each"))
            accept(p, "every");
        accept(p, "the");
        /* "all open deals", "Proposal deals" */
        json_t *adj = adjective_leaf(p, true);
        if (accept_list(p, lex_deal_nouns) >= 0) {
            enum scope old = p->scope;
            p->scope = SC_DEAL;
            json_t *where = combine("and", adj, where_clauses(p));
            p->scope = old;
            if (where)
                a = step_new("search_deals",
                             json_pack("{s:o}", "where", where));
        } else {
            json_decref(adj); /* "untagged contacts": not deals */
        }
    }
    if (!a) {
        p->i = back;
        return NULL;
    }
    /* "to all contacts, max 200": at most that many found */
    static const char *const cap[] = {"max", "at most", "up to", "limit",
                                      "limit to", "maximum", "no more than",
                                      NULL};
    int c = p->i;
    int64_t n;
    json_t *params = json_object_get(a, "params");
    if (!strncmp(jx_str(a, "type"), "search_", 7) &&
        !json_object_get(params, "limit") && accept_punct(p, ",") &&
        accept_list(p, cap) >= 0 && count_value(p, &n) && n > 0) {
        accept_list(p, deals ? lex_deal_nouns : lex_contact_nouns);
        accept_per_run(p);
        json_object_set_new(params, "limit", json_integer(n));
    } else {
        p->i = c;
    }
    return a;
}

/* "Every 2 hours, find new contacts": new since the run before, so
 * created within the schedule's period ("now-2h"), written to `since`.
 * False for a trigger that is no schedule, or one with no single period
 * (weekdays at 9: Monday's run would want the weekend too). */
static bool schedule_period(const json_t *trigger, char *since, size_t size)
{
    const char *type = jx_str(trigger, "type");
    if (!type || strcmp(type, "schedule"))
        return false;
    const char *preset = jx_str(trigger, "preset");
    const char *cron = jx_str(trigger, "cron");
    static const struct {
        const char *preset, *since;
    } periods[] = {{"hourly", "now-1h"}, {"daily", "now-1d"},
                   {"weekly", "now-7d"}, {"monthly", "now-30d"},
                   {NULL, NULL}};
    for (int j = 0; preset && periods[j].preset; j++) {
        if (!strcmp(preset, periods[j].preset)) {
            snprintf(since, size, "%s", periods[j].since);
            return true;
        }
    }
    int n = 0, used = 0;
    if (cron && sscanf(cron, "0 */%d * * *%n", &n, &used) == 1 &&
        !cron[used] && n > 0) {
        snprintf(since, size, "now-%dh", n);
        return true;
    }
    if (cron && sscanf(cron, "*/%d * * * *%n", &n, &used) == 1 &&
        !cron[used] && n > 0) {
        snprintf(since, size, "now-%dm", n);
        return true;
    }
    return false;
}

/* Whether the words from token `from` to the position say that a deal
 * moves ("moves to", "reaches", "is moved to"). */
static bool moves_between(const struct parser *p, int from)
{
    static const char *const moves[] = {
        "moves", "moved", "goes", "went", "reaches", "reached", "enters",
        "entered", "progresses", "advances", "changes", NULL};
    for (int k = from - p->i; k < 0; k++)
        if (list_at(p, k, moves, NULL))
            return true;
    return false;
}

/* find/search contacts|deals [quantity] [filters] */
static bool provider_lookup(struct parser *p, int *named, json_t **who);

static bool act_search(struct parser *p, json_t *out)
{
    int save = p->i;
    /* "find the contact in ZoomInfo": a lookup at a provider (act_enrich),
     * not a contact in a city of that name */
    int named;
    if (word_within(p, 8, lex_providers) &&
        provider_lookup(p, &named, NULL)) {
        p->i = save;
        return false;
    }
    /* "Check every hour for new deals in Lead": the schedule between the
     * verb and what it looks for is the agent's trigger (the first words
     * of the instructions only) */
    static const char *const check[] = {"check", "look", NULL};
    bool checked = false;
    if (p->depth == 1 && !p->lead && !p->tail_trigger &&
        list_at(p, 0, check, NULL) && json_array_size(out) == 0) {
        p->i++;
        json_t *sched = schedule_clause(p);
        if (sched && accept(p, "for")) {
            keep_trigger(p, sched);
            if (!p->opened_by) /* "new deals": new since the run before */
                p->opened_by = p->tail_trigger;
            checked = true;
        } else {
            json_decref(sched);
            p->i = save;
        }
    }
    /* "For each contact tagged 'x', ...": a search, when it says which
     * contacts; "for each contact," alone is the set in scope
     * (skip_separators). */
    bool counting = p->counting;
    p->counting = false;
    bool each = !checked && !counting &&
                accept_list(p, lex_each_words) >= 0;
    /* "For contacts in Berlin, ...", "For CEOs at SaaS companies, ...";
     * "Only for contacts with a lead score above 50: ..." (the search
     * says which: the others get nothing) */
    int only = p->i;
    if (!each && !checked && !counting && !(accept(p, "only") &&
                                           is_word(cur(p), "for")))
        p->i = only;
    const struct tok *next = at(p, 1);
    if (!each && is_word(cur(p), "for") &&
        (list_at(p, 1, lex_contact_nouns, NULL) ||
         list_at(p, 1, lex_deal_nouns, NULL) ||
         (next->kind == TK_WORD && isupper((unsigned char)next->raw[0]))))
        each = accept(p, "for");
    if (!each)
        p->i = only;
    if (!each && !checked && !counting && verb_at(p, lex_search_verbs) < 0)
        return false;
    /* "stale deals", "hot leads": a judgement, not a record's field */
    static const char *const vague[] = {
        "stale", "hot", "warm", "cold", "good", "best", "top", "important",
        "promising", "engaged", "strategic", "key", "high-value", "big",
        "large", "small", "major", "low-value", NULL};
    static const char *const before_vague[] = {"all the", "all", "the",
                                               "any", NULL};
    for (int k = 0; k < 3 && at(p, k)->kind == TK_WORD; k++) {
        int v = list_at(p, k, vague, NULL);
        int n = v ? list_at(p, k + v, lex_contact_nouns, NULL) : 0;
        if (v && !n)
            n = list_at(p, k + v, lex_deal_nouns, NULL);
        /* "big deals (over $100k)": the words in brackets say which, so
         * the judgement goes and they are read as its conditions */
        if (n && is_punct(at(p, k + v + n), "(") &&
            (k == 0 || list_at(p, 0, before_vague, NULL) == k)) {
            p->i += k + v; /* ("all", "the" before it say nothing) */
            break;
        }
        if (v && n) {
            refuse_words(p, p->i + k, p->i + k + v,
                         "which records are they? say it with their "
                         "fields: e.g. deals not updated in 30 days, leads "
                         "with a lead score above 80, contacts tagged "
                         "'hot'");
            p->i = save;
            return false;
        }
    }
    /* "Every 15 minutes, check for new form submissions": a submission
     * is an event, which starts a run the moment it comes */
    static const char *const submissions[] = {
        "new form submissions", "form submissions", "new submissions",
        "new form entries", "form entries", "new form fills", NULL};
    int sub = list_at(p, 0, submissions, NULL);
    if (sub) {
        refuse_words(p, p->i, p->i + sub,
                     "a form submission is an event, which starts a run "
                     "as it comes: write 'When a form is submitted, ...' "
                     "(or 'When someone submits the demo form, ...')");
        p->i = save;
        return false;
    }
    /* "When a deal is won, find the contact and update their status":
     * the record the run is about (the deal's contact, the new contact),
     * no search of them all; with none, which one is asked */
    static const char *const the_one[] = {
        "the contact", "the lead", "this contact", "their contact",
        "the deal's contact", "the associated contact", "the related contact",
        "the person", "the prospect", "the deal", "this deal", "its contact",
        "them", "the contact of the deal", "the contact on the deal",
        "the deal contact", NULL};
    int one = counting ? 0 : list_at(p, 0, the_one, NULL);
    const struct tok *after = at(p, one);
    if (one && (after->kind == TK_EOF || after->kind == TK_NL ||
                is_punct(after, ",") || is_punct(after, ".") ||
                is_word(after, "and") || is_word(after, "then"))) {
        if (set_in_scope(p) || opened_by_deal_move(p)) {
            p->i += one;
            return true;
        }
        p->i += one;
        refuse_read(p, save, "which one? with no record in the run, name "
                             "it: e.g. find the contact by email "
                             "@trigger.email, or find contacts tagged 'x'");
        p->i = save;
        return false;
    }
    /* "get the list of contacts tagged 'beta'": the contacts */
    static const char *const list_of[] = {"the list of", "a list of",
                                          "the full list of", NULL};
    accept_list(p, list_of);
    int64_t limit = search_limit(p);
    accept(p, "all");
    accept(p, "all the");
    accept(p, "every");
    if (!accept(p, "the") && !accept(p, "a"))
        accept(p, "an");
    /* "the 20 newest contacts", "the 10 largest deals": an order */
    int nk = cur(p)->kind == TK_NUM; /* "the 20 newest" */
    if (list_at(p, nk, order_words, NULL)) {
        p->i += nk;
        refuse(p, no_sort_why);
        p->i = save;
        return false;
    }
    /* "new contacts created today": new since when is the condition's */
    int fresh_at = p->i;
    bool fresh = accept(p, "new") || accept(p, "recent") ||
                 accept(p, "newly created");
    json_t *where = adjective_leaf(p, true);
    bool deals = false;
    if (list_at(p, 0, lex_deal_nouns, NULL)) {
        accept_list(p, lex_deal_nouns);
        deals = true;
    } else if (list_at(p, 0, lex_contact_nouns, NULL)) {
        accept_list(p, lex_contact_nouns);
        static const char *const ws[] = {"in the workspace", "in the crm",
                                         "in crm", NULL};
        accept_list(p, ws);
    } else {
        /* "CEOs", "founders", "marketing directors" stand for contacts
         * with that title. */
        where = titles_leaf(p, NULL);
        if (!where) {
            p->i = save;
            return false;
        }
    }
    /* "new contacts today", "new deals this week": new since then, as
     * "contacts created today" */
    if (fresh)
        where = combine("and", where,
                        time_span(p, deals ? "deal.createdAt"
                                           : "contact.createdAt",
                                  true));
    enum scope old = p->scope;
    p->scope = deals ? SC_DEAL : SC_CONTACT;
    struct mark nouns = mark_take(p);
    int words = p->i;
    where = combine("and", where, where_clauses(p));
    /* "contacts in Berlin with a deal in Negotiation": only a deal search
     * reads a deal's fields, and it reads its contact's too; the steps
     * after it work on each deal's contact */
    if (!deals && cond_any_field(where, field_under, "deal.")) {
        deals = true;
        p->scope = SC_DEAL;
    }
    if (each && deals && moves_between(p, words)) {
        /* "For each deal that moves to Negotiation": an event, which a
         * search of the deals in that stage would not be */
        p->scope = old;
        refuse_read(p, save,
                    "a deal moving to a stage is an event: write 'When a "
                    "deal moves to Negotiation, ...' (for each deal in a "
                    "stage is a search of the deals there now)");
        return back_out(p, save, where, NULL);
    }
    /* "limit 50", ", limit to 50", "(max 50)": at most that many */
    static const char *const caps[] = {"limit to", "limit", "max", "maximum",
                                       "at most", NULL};
    int lb = p->i;
    int64_t cap = 0;
    bool paren = accept_punct(p, "(");
    if (!paren)
        accept_punct(p, ",");
    bool capped = accept_list(p, caps) >= 0 && count_value(p, &cap) &&
                  cap > 0;
    if (capped && !accept(p, "results"))
        accept_list(p, deals ? lex_deal_nouns : lex_contact_nouns);
    if (capped)
        accept_per_run(p);
    if (capped && (!paren || accept_punct(p, ")")))
        limit = cap;
    else
        p->i = lb;
    if (each && !where) {
        p->scope = old;
        p->i = save;
        return false;
    }
    static const char *const created[] = {"contact.createdAt",
                                          "deal.createdAt", NULL};
    char since[32];
    /* (the agent's schedule: the leading one, or one read in a step's
     * words before these: "notify me every morning with the number of
     * new leads") */
    const json_t *sched = p->opened_by ? p->opened_by : p->tail_trigger;
    if (fresh && !cond_names(where, created)) {
        if (!schedule_period(sched, since, sizeof since)) {
            /* said at "new contacts", over what the conditions expected */
            p->scope = old;
            mark_back(p, nouns);
            p->i = fresh_at;
            refuse(p, "new since when? e.g. find contacts created in the "
                      "last 7 days");
            return back_out(p, save, where, NULL);
        }
        where = combine("and", where,
                        leaf(deals ? "deal.createdAt" : "contact.createdAt",
                             ">=", json_string(since)));
    }
    /* "the top 10 contacts by lead score": a search has no order to ask
     * for (plan.md: where and limit only), so it is said, not dropped */
    static const char *const order[] = {
        "by", "sorted by", "ordered by", "order by", "sort by", "ranked by",
        "the highest", "the lowest", "the most", "the biggest", "the largest",
        "the best", "highest", "lowest", NULL};
    if (list_at(p, 0, order, NULL) ||
        (is_word(cur(p), "with") && list_at(p, 1, order, NULL))) {
        p->i += is_word(cur(p), "with"); /* past where_clauses' own try */
        p->scope = old;
        return back_out(p, save, where, no_sort_why);
    }
    json_t *params = json_object();
    if (where)
        json_object_set_new(params, "where", where);
    if (limit > 0)
        json_object_set_new(params, "limit", json_integer(limit));
    json_array_append_new(out, step_new(deals ? "search_deals"
                                              : "search_contacts",
                                        params));
    /* Later steps speak of the set in scope. */
    (void)old;
    /* "For each contact tagged 'x': send ...", "Only target contacts in
     * Berlin: send ...": the steps for them after a colon */
    bool colon = is_punct(cur(p), ":") && starts_step_word(at(p, 1));
    if (colon)
        p->i++;
    p->each_open = (each || colon) && starts_step_word(cur(p));
    return true;
}

/* act_search for records named with no verb before them ("the number
 * of new leads", "if there are no deals in ...", "about new leads"). */
static bool search_words(struct parser *p, json_t *out)
{
    p->counting = true;
    bool found = act_search(p, out);
    p->counting = false;
    return found;
}

/* "Count the deals won this week", "How many deals were won this
 * week?", "tally up the new leads": a search of those records (at the
 * top: the records it finds take the place of any chosen before), whose
 * count the next steps name as "it", "the count" or "the number"
 * (count_said_at). */
static bool act_count(struct parser *p, json_t *out)
{
    static const char *const verbs[] = {
        "count", "count up", "tally", "tally up", "count the number of",
        "get the number of", "get a count of", "get the count of",
        "how many", NULL};
    int save = p->i;
    int v = verb_at(p, verbs);
    if (v < 0 || p->depth != 1 || out != p->root)
        return back_out(p, save, NULL, NULL);
    /* (the words said without "the", "all": "@steps.1.output.count
     * deals won this week") */
    static const char *const dets[] = {"all of the", "all the", "all",
                                       "the", NULL};
    accept_list(p, dets);
    int from = p->i;
    if (!search_words(p, out))
        return back_out(p, save, NULL, NULL);
    json_t *words = source_text(p, from, p->i);
    if (!words)
        return back_out(p, save, NULL, NULL);
    snprintf(p->count_said, sizeof p->count_said, "@steps.%zu.output.count %s",
             json_array_size(out), json_string_value(words));
    json_decref(words);
    p->count_of = json_array_get(out, json_array_size(out) - 1);
    return true;
}

/* Whether the last search is the one act_count read (its count is what
 * "it", "the count", "the results" name). */
static bool counted_last(const struct parser *p)
{
    int k = records_search_at(p);
    return k > 0 && p->count_of &&
           json_array_get(p->root, (size_t)k - 1) == p->count_of;
}

/* The count act_count said, named after it ("post it to #wins", "notify
 * me with the number"): its text, the words read; NULL, position kept,
 * when the last search is no count or the words name none. */
static json_t *count_said_at(struct parser *p)
{
    static const char *const names[] = {
        "it", "the count", "the number", "the total", "the result",
        "that number", "this number", "the tally", "that count",
        "the results", NULL};
    if (!counted_last(p))
        return NULL;
    int m = list_at(p, 0, names, NULL);
    if (!m)
        return NULL;
    p->i += m;
    return json_string(p->count_said);
}

/* "(with) the number of new leads", "how many deals were won this
 * month": the records, searched for in a step of their own before the
 * one being read (appended to out), and the words as a text with their
 * count in front ("@steps.2.output.count deals were won this month").
 * False (position kept) when no count is asked for here; true with *text
 * NULL (out kept, the reason said) when it cannot be read: below the top
 * level (where @steps.N names no step), or where records are already
 * chosen (the steps after it would work on the counted ones). */
static bool count_text(struct parser *p, json_t *out, json_t **text)
{
    static const char *const count[] = {
        "the number of", "the total number of", "how many", "a count of",
        "the count of", NULL};
    int save = p->i;
    size_t had = json_array_size(out);
    *text = NULL;
    accept(p, "with");
    /* "the number of deals", "how many were found", "the count" after a
     * search: that search's count, unless the words go on to name other
     * records ("the number of deals won this month", a search of its
     * own) */
    int start = p->i;
    char ref[64];
    bool counted = found_count(p, ref, sizeof ref);
    int found_end = p->i;
    p->i = start;
    if (accept_list(p, count) < 0) {
        if (!counted) {
            p->i = save;
            return false;
        }
        p->i = found_end;
        *text = json_string(ref);
        return true;
    }
    int from = p->i;
    if (counted) {
        json_t *other = json_array();
        bool more = search_words(p, other) && p->i > found_end;
        json_decref(other);
        if (!more) {
            json_t *words = source_text(p, from, found_end);
            *text = json_sprintf("%s %s", ref, json_string_value(words));
            json_decref(words);
            p->i = found_end;
            return true;
        }
        p->i = from;
    }
    if (p->depth != 1 || set_in_scope(p)) {
        refuse(p, "a count is a search of its own, which would replace the "
                  "records already chosen: count them in a step of their "
                  "own agent, or at the start (e.g. notify me with the "
                  "number of new leads)");
        p->i = save;
        return true;
    }
    bool found = search_words(p, out);
    json_t *words = found ? source_text(p, from, p->i) : NULL;
    if (!words) {
        while (json_array_size(out) > had)
            json_array_remove(out, had);
        p->i = save;
        return true;
    }
    *text = json_sprintf("@steps.%zu.output.count %s", json_array_size(out),
                         json_string_value(words));
    json_decref(words);
    return true;
}

/* The entity a phrase names ("for the deal", "of their company"). */
static const char *entity_named(const char *words)
{
    return strstr(words, "deal")      ? "deal"
           : strstr(words, "company") ? "company"
                                      : "contact";
}

/* field ("contact.value") read as entity's: rewritten and true when the
 * entity has a field of that name. */
static bool field_of(const char *entity, char *field, size_t size)
{
    const char *name = strchr(field, '.') + 1;
    const char *const *list = !strcmp(entity, "deal")      ? deal_fields
                              : !strcmp(entity, "company") ? company_fields
                                                           : contact_fields;
    const char *c = canonical_in(list, name);
    if (c)
        snprintf(field, size, "%s.%s", entity, c);
    return c != NULL;
}

/* "30 days from now", "in 2 weeks", "tomorrow", "a week from today",
 * "next week": a time relative to the run ("today+30d", which the run
 * turns into the date it is then), for a time field set to it. NULL
 * (position kept) otherwise. */
static json_t *relative_date(struct parser *p)
{
    if (accept(p, "today"))
        return json_string("today");
    if (accept(p, "tomorrow"))
        return json_string("today+1d");
    /* "next week", "next month": a week, a month (30 days) ahead, as a
     * task due "next week" is */
    if (accept(p, "next week"))
        return json_string("today+7d");
    if (accept(p, "next month"))
        return json_string("today+30d");
    int save = p->i;
    bool in = accept(p, "in");
    int64_t secs, n;
    const struct lex_unit *u;
    static const char *const from[] = {"from now", "from today", "later",
                                       NULL};
    if (!duration(p, &secs, &n, &u) || (!in && accept_list(p, from) < 0)) {
        p->i = save;
        int mon, day;
        if (month_and_day(p, &mon, &day)) /* "to December 31": no year */
            fail(p, "which year? e.g. December 31 2026, or a day ahead: in "
                    "30 days");
        p->i = save;
        return NULL;
    }
    char rel[32];
    if (secs % 86400 == 0) /* whole days: from the day's start */
        snprintf(rel, sizeof rel, "today+%lldd", (long long)(secs / 86400));
    else
        rel_time(rel, sizeof rel, '+', n, u);
    return json_string(rel);
}

/* The records a field is set on, named after "of" / "from": "the status
 * of contacts tagged 'x'", "the owner of deals in Proposal". `deals`:
 * the field is a deal's; `retry`: a contact's field that deals have too
 * (field rewritten to the deal's) when the words name deals. NULL,
 * position kept, if they name none. */
static json_t *field_owners(struct parser *p, char *field, size_t size,
                            bool deals, bool retry)
{
    json_t *who = step_audience(p, deals);
    char df[128];
    snprintf(df, sizeof df, "%s", field);
    if (!who && retry && field_of("deal", df, sizeof df) &&
        (who = step_audience(p, true)))
        snprintf(field, size, "%s", df);
    return who;
}

/* update_field: set/update/change/mark/move/bump ... to VALUE */

/* Whether the words [from, to) are exactly a deal stage's name. */
static bool words_are_stage(struct parser *p, int from, int to)
{
    int after = p->i;
    p->i = from;
    bool stage = stage_of(p) && p->i == to;
    p->i = after;
    return stage;
}

/* "set status to Closed Won": a stage names the deal's, never a contact's
 * field; refused with the words to write, ending at token `end`. */
static bool stage_refused(struct parser *p, int end, int save)
{
    p->i = end;
    return back_out(p, save, NULL,
                    "a stage belongs to the deal: write e.g. 'move the deal "
                    "to Closed Won' or 'set deal stage to Closed Won'");
}

/* "increase the lead score by 10", "add 10 points to their score": a
 * step sets a field to a value, and agentd has no sums over fields; said
 * (at "by 10" or the number added), not read as a tag or a value. */
static bool refuse_arithmetic(struct parser *p)
{
    static const char *const change[] = {
        "increase", "decrease", "raise", "lower", "reduce", "increment",
        "decrement", "bump", "add", "subtract", "deduct", NULL};
    if (!list_at(p, 0, change, NULL))
        return false;
    bool add = is_word(cur(p), "add") || is_word(cur(p), "subtract") ||
               is_word(cur(p), "deduct");
    /* "increment @memory.count": one more, a sum all the same */
    if (is_word(cur(p), "increment") || is_word(cur(p), "decrement")) {
        refuse(p, "a step sets a field to a value, it does not add to "
                  "it: e.g. set the lead score to 90");
        return true;
    }
    for (int k = 1; k < 12; k++) {
        const struct tok *t = at(p, k);
        if (t->kind == TK_EOF || t->kind == TK_NL || is_punct(t, ".") ||
            is_punct(t, ";"))
            break;
        bool by = is_word(t, "by") && at(p, k + 1)->kind == TK_NUM;
        bool points = add && k == 1 && t->kind == TK_NUM &&
                      !is_punct(at(p, 2), "'");
        if (by || (points && (is_word(at(p, 2), "points") ||
                              is_word(at(p, 2), "to") ||
                              is_word(at(p, 2), "from")))) {
            int save = p->i;
            p->i += k; /* at "by 10", or the number added */
            refuse(p, "a step sets a field to a value, it does not add to "
                      "it: e.g. set the lead score to 90");
            p->i = save;
            return true;
        }
    }
    return false;
}

/* The last search among steps (not inside their blocks), or NULL. */
static const json_t *last_search_step(const json_t *steps)
{
    for (size_t k = json_array_size(steps); k > 0; k--) {
        const json_t *st = json_array_get(steps, k - 1);
        const char *type = jx_str(st, "type");
        if (type && !strncmp(type, "search_", 7))
            return st;
    }
    return NULL;
}

/* The type of the last search among steps ("search_contacts",
 * "search_deals"), NULL if none. */
static const char *last_search(const json_t *steps)
{
    return jx_str(last_search_step(steps), "type");
}

/* Whether the records the steps so far work on are deals: the last search
 * (in this block, else at the top) found deals, or, with none, the run is
 * about a deal's move. */
static bool deals_in_scope(const struct parser *p, const json_t *out)
{
    const char *type = last_search(out);
    if (!type)
        type = last_search(p->root);
    if (type)
        return !strcmp(type, "search_deals");
    return opened_by_deal_move(p);
}

/* Whether the records a step is for are deals: those its own search
 * (`who`, may be NULL) finds; else deals when its words name them
 * (`named`: "the deal", "deals"); else the records in scope. */
static bool about_deals(const struct parser *p, const json_t *out,
                        const json_t *who, bool named)
{
    const char *type = who ? jx_str(who, "type") : NULL;
    return type ? !strcmp(type, "search_deals")
                : named || deals_in_scope(p, out);
}

/* Gives up a move to a stage (act_update's "what should be set?"). */
static bool move_fail(struct parser *p, int save, json_t *of)
{
    json_decref(of);
    fail(p, "what should be set? e.g. set status to 'Qualified'");
    p->i = save;
    return false;
}

/* "move the deal to Negotiation", "move deals in Proposal older than 60
 * days to Closed Lost", "move them to status 'SQL'", after the verb;
 * save is where the step began. With stage_only ("update the deal to
 * Closed Won", where "update" is read as a move only when a stage
 * follows), anything but a deal's stage is none. */
static bool move_to(struct parser *p, json_t *out, int save, bool stage_only)
{
    json_t *of = NULL;
    /* move the deal to Negotiation / move it to 'Closed Won' */
    static const char *const objs[] = {"the deal", "deal", "it", "them",
                                       "the deals", "this deal",
                                       "their deal", "the opportunity",
                                       NULL};
    /* "move deals in Proposal older than 60 days to Closed Lost":
     * the deals, found first */
    static const char *const people[] = {
        "the contact", "this contact", "the lead", "this lead",
        "the person", "the prospect", NULL};
    bool person = accept_list(p, people) >= 0; /* a status only */
    int obj = person ? -1 : accept_list(p, objs);
    /* "move contacts with a lead score under 20 to the 'Nurture'
     * status": contacts, found first, move to a status only */
    bool contacts = false;
    if (!person && obj < 0 && !(of = step_audience(p, true)))
        contacts = (of = step_audience(p, false)) != NULL;
    /* "update them to Qualified": them are deals only after a search of
     * deals, or in a run about a deal's move */
    if (stage_only && obj >= 0 &&
        (!strcmp(objs[obj], "it") || !strcmp(objs[obj], "them")) &&
        !deals_in_scope(p, out))
        return move_fail(p, save, of);
    accept(p, "back"); /* "... back to Lead" */
    if (!(accept(p, "to") || accept(p, "into") || accept(p, "forward to")))
        return move_fail(p, save, of);
    /* "move deals owned by @user.old to @user.new": deals moved to a
     * member are theirs (their owner set, as "assign the deals to") */
    bool pronoun = obj >= 0 && (!strcmp(objs[obj], "it") ||
                                !strcmp(objs[obj], "them"));
    if (!person && about_deals(p, out, of, obj >= 0 && !pronoun) &&
        is_member_var(cur(p))) {
        for_who(out, of, owner_step("deal", cur(p)->raw));
        p->i++;
        return true;
    }
    /* "move them to status 'SQL'", "to the 'SQL' status": a
     * contact's status, set */
    int at_to = p->i;
    accept(p, "the");
    json_t *status = NULL;
    bool mine = !of || contacts; /* the records are contacts */
    if (mine && accept(p, "status"))
        status = value_of(p, VT_TEXT);
    else if (mine && cur(p)->kind == TK_QUOTED &&
             is_word(at(p, 1), "status") &&
             (status = value_of(p, VT_TEXT)))
        p->i++;
    else if (mine && cur(p)->kind == TK_WORD && name_at(p, 0) &&
             is_word(at(p, 1), "status")) {
        status = json_string(cur(p)->raw); /* "the Nurture status" */
        p->i += 2;
    }
    if (status) {
        for_who(out, of,
                step_new("update_field",
                         json_pack("{s:s, s:s, s:o}", "entity", "contact",
                                   "field", "status", "value", status)));
        return true;
    }
    if (person || contacts)
        return move_fail(p, save, of);
    p->i = at_to;
    /* "move the deal to the next stage": which one that is depends on
     * the pipeline's order, which a plan does not follow */
    static const char *const relative[] = {
        "the next stage", "next stage", "the following stage",
        "the previous stage", "the prior stage", "the stage after",
        "the stage before", NULL};
    if (list_at(p, 0, relative, NULL)) {
        refuse(p, "agentd moves a deal to a stage by name: e.g. move the "
                  "deal to Negotiation (or an if per stage: if the deal is "
                  "in Proposal, move it to Negotiation)");
        return move_fail(p, save, of);
    }
    accept(p, "stage");
    accept(p, "the");
    const struct tok *t = cur(p);
    const char *s = stage_of(p);
    if (!s && stage_only)
        return move_fail(p, save, of);
    json_t *val;
    if (s)
        val = json_string(s);
    else if (t->kind == TK_QUOTED && !t->unterminated) {
        val = json_string(t->text);
        p->i++;
    } else
        return move_fail(p, save, of);
    accept(p, "stage");
    for_who(out, of,
            step_new("update_field",
                     json_pack("{s:s, s:s, s:o}", "entity", "deal",
                               "field", "stage", "value", val)));
    return true;
}

static bool act_update(struct parser *p, json_t *out)
{
    int save = p->i;
    bool move = false;
    if (refuse_arithmetic(p))
        return false;
    int v = p->set_said ? 0 : verb_at(p, lex_update_verbs);
    if (v < 0) {
        if (verb_at(p, lex_move_verbs) < 0)
            return false;
        /* "bump their lead score to 100" sets a field; "bump the deal to
         * Negotiation" moves it */
        int fs = p->i;
        char f[128];
        enum lex_vtype fvt;
        move = !(field_words(p, f, sizeof f, &fvt) && is_word(cur(p), "to"));
        p->i = fs;
    }
    char entity[16] = "";
    char field[128] = "";
    enum lex_vtype vt = VT_TEXT;
    bool custom = false;
    json_t *of = NULL; /* "set the status of contacts tagged 'x' to ..." */
    if (move)
        return move_to(p, out, save, false);
    /* "update the deal to Closed Won", "change deals in Lead older than
     * 30 days to Closed Lost": a move when a stage follows "to" */
    static const char *const plain[] = {"update", "change", "updating",
                                        "changing", NULL};
    int fs = p->i;
    char f[128];
    enum lex_vtype fvt;
    if (v >= 0 && !p->set_said && list_at(p, -1, plain, NULL) == 1 &&
        !(field_words(p, f, sizeof f, &fvt) && is_word(cur(p), "to"))) {
        p->i = fs;
        struct mark m = mark_take(p);
        if (move_to(p, out, save, true))
            return true;
        mark_back(p, m); /* the words are read again below */
    }
    p->i = fs;
    /* Entity and field: "deal value", "company field 'segment'", "custom
     * field 'leadScore'", "contact field 'status'", "their stage". */
    static const struct {
        const char *words, *entity;
    } ents[] = {{"the deal's", "deal"}, {"deal's", "deal"},
                {"the deal", "deal"},   {"deal", "deal"},
                {"the company's", "company"}, {"their company's", "company"},
                {"their company", "company"}, {"the company", "company"},
                {"company", "company"}, {"the contact's", "contact"},
                {"the contact", "contact"}, {"contact's", "contact"},
                {"contact", "contact"}, {"their", ""},
                {"its", ""},            {"the", ""},
                {"them", ""},           {"each deal's", "deal"},
                {"every deal's", "deal"}, {"each contact's", "contact"},
                {"every contact's", "contact"},
                {"each company's", "company"},
                /* "set her status to Customer": a person is a contact */
                {"his company's", "company"}, {"her company's", "company"},
                {"his company", "company"}, {"her company", "company"},
                {"his", "contact"},         {"her", "contact"},
                {NULL, NULL}};
    int fstart = p->i;
    bool named = false;
    if (path_field(p, field, sizeof field, &vt)) {
        /* "set contact.status = 'Qualified'", "set @deal.value to 5000"
         * (the entity checked below) */
        named = is_word(cur(p), "to") || cur(p)->kind == TK_OP;
        if (!named)
            goto no;
    } else if (field_words(p, field, sizeof field, &vt) &&
               (is_word(cur(p), "to") || is_word(cur(p), "as") ||
                cur(p)->kind == TK_OP)) {
        named = true;
    } else {
        p->i = fstart;
    }
    int m = 0;
    for (int j = 0; !named && ents[j].words; j++) {
        m = phrase_at(p, 0, ents[j].words);
        if (m) {
            p->i += m;
            snprintf(entity, sizeof entity, "%s", ents[j].entity);
            break;
        }
    }
    if (named) {
        /* entity and field came together ("company size") */
    } else if (accept(p, "custom field") || accept(p, "field") ||
               accept(p, "custom property") || accept(p, "property") ||
               /* "the 'region' field" */
               (cur(p)->kind == TK_QUOTED &&
                (is_word(at(p, 1), "field") ||
                 is_word(at(p, 1), "property")))) {
        accept(p, "named");
        accept(p, "called");
        const struct tok *t = cur(p);
        if ((t->kind == TK_QUOTED && !t->unterminated) ||
            (t->kind == TK_WORD && custom_name(t, false))) {
            const char *name = t->kind == TK_QUOTED ? t->text : t->raw;
            /* A known field named in quotes keeps its canonical form. */
            char probe[128];
            snprintf(probe, sizeof probe, "%s.%s",
                     entity[0] ? entity : "contact", name);
            canon_path(probe, field, sizeof field);
            custom = true;
            p->i++;
            if (!accept(p, "field"))
                accept(p, "property");
        } else {
            goto no;
        }
    } else if (!field_words(p, field, sizeof field, &vt)) {
        /* "set their lifecycle stage to churned", "set the deal's
         * renewalDate to ...": a custom field */
        const char *whose = entity[0]              ? entity
                            : p->scope == SC_DEAL ? "deal"
                                                  : "contact";
        if (!custom_words(p, whose, field, sizeof field))
            goto no;
        custom = true;
    } else {
        /* The entity word decides where an ambiguous name lives. */
        if (entity[0])
            field_of(entity, field, sizeof field);
    }
    if (!entity[0] || custom) {
        const char *dot = strchr(field, '.');
        snprintf(entity, sizeof entity, "%.*s", (int)(dot - field), field);
    }
    if (strcmp(entity, "contact") && strcmp(entity, "deal") &&
        strcmp(entity, "company"))
        goto no;
    static const char *const of_one[] = {
        "of the deal", "of this deal", "of the contact", "of this contact",
        "of the company", "of their company", NULL};
    int oi = -1, om = list_at(p, 0, of_one, &oi);
    if (om) { /* "set the value of the deal to ..." */
        p->i += om;
        const char *e = entity_named(of_one[oi]);
        /* The field's name read for another entity: read again. */
        if (strcmp(e, entity) && !named && !field_of(e, field, sizeof field))
            goto no;
        snprintf(entity, sizeof entity, "%s", e);
    } else if (strcmp(entity, "company") && is_word(cur(p), "of")) {
        /* "set the status of contacts tagged 'x' to ...": found first */
        p->i++;
        char was[128];
        snprintf(was, sizeof was, "%s", field);
        of = field_owners(p, field, sizeof field, !strcmp(entity, "deal"),
                          !custom && !named && !strcmp(entity, "contact"));
        if (strcmp(was, field)) /* the deals' field of that name */
            snprintf(entity, sizeof entity, "deal");
        if (!of)
            goto no;
    }
    bool found_first = of != NULL;
    /* "set linkedinUrl to the top result's url", "update their website
     * with the first result": a web search's result (its address, for a
     * field that keeps one) */
    bool web = records_search_at(p) < 0;
    bool address = address_field(field);
    char rref[64];
    json_t *val = NULL;
    int wv = p->i;
    if (web && accept(p, "with") &&
        result_ref(p, rref, sizeof rref, address))
        val = json_string(rref);
    else
        p->i = wv;
    if (!val &&
        !(accept(p, "to") || accept(p, "=") || accept(p, "==") ||
          accept(p, "as") || accept(p, "equal to") || accept(p, "to be")))
        goto no;
    if (!val && web && result_ref(p, rref, sizeof rref, address))
        val = json_string(rref);
    if (val && address && rref[strlen(rref) - 1] == ']')
        json_string_set(val, "@search.results[0].url");
    int vstart = p->i;
    bool said = val != NULL; /* no bare words to read on */
    if (!val && vt == VT_TIME)
        val = relative_date(p);
    if (!val)
        val = value_of(p, vt);
    if (!val)
        goto no;
    /* "set status to Closed Won": read as one value, still a stage */
    if (!said && vt != VT_STAGE && p->i - vstart > 1 &&
        at(p, -1)->kind == TK_WORD && words_are_stage(p, vstart, p->i)) {
        json_decref(val);
        json_decref(of);
        return stage_refused(p, p->i, save);
    }
    /* "set custom field 'tier' to 'Gold' for the deal": whose field */
    static const char *const whose[] = {
        "for the deal", "on the deal", "of the deal", "for the company",
        "on the company", "of the company", "for their company",
        "on their company", "for the contact", "on the contact", NULL};
    int wi = -1, wm = list_at(p, 0, whose, &wi);
    if (wm) {
        p->i += wm;
        snprintf(entity, sizeof entity, "%s", entity_named(whose[wi]));
    }
    /* "set status to 'Qualified' for contacts with a lead score above
     * 80": the contacts, found first */
    /* (a company's field for contacts: each one's company) */
    json_t *who = of   ? of
                  : wm ? NULL
                       : step_audience(p, !strcmp(entity, "deal"));
    of = NULL;
    /* Bare words: "set city to New York" takes the words up to the
     * step's end (or to the contacts it is for). A stage name is not
     * read as a contact's status: the deal's stage was meant. */
    if (!said && json_is_string(val) && at(p, -1)->kind == TK_WORD &&
        !wm && (!who || found_first) && !step_done(p)) {
        static const char *const ends[] = {
            "and", "or", "for", "then", "before", "after", "if", "unless",
            "when", "else", "otherwise", "but", "using", "with", NULL};
        while (cur(p)->kind == TK_WORD && !list_at(p, 0, ends, NULL))
            p->i++;
        int vend = p->i;
        if (!found_first)
            who = step_audience(p, !strcmp(entity, "deal"));
        bool stage = vt != VT_STAGE && words_are_stage(p, vstart, vend);
        if (stage || ((!who || found_first) && !step_done(p))) {
            json_decref(who);
            json_decref(val);
            if (stage)
                return stage_refused(p, vend, save);
            p->i = vstart;
            goto no;
        }
        json_decref(val);
        val = source_text(p, vstart, vend);
    }
    const char *name = strchr(field, '.') + 1;
    /* "set the owner to @user.bob": the member's id, as the field keeps */
    val = stored_value(field, val);
    for_who(out, who,
            step_new("update_field",
                     json_pack("{s:s, s:s, s:o}", "entity", entity, "field",
                               name, "value", val)));
    return true;
no:
    json_decref(of);
    fail(p, "what should be set? e.g. set status to 'Qualified'");
    p->i = save;
    return false;
}

/* "Clear the title field for contacts tagged 'reset'", "remove the owner
 * from deals that are lost", "blank out their phone number": the field
 * set to nothing (null), for the records in scope or the ones named. */
static bool act_clear(struct parser *p, json_t *out)
{
    static const char *const verbs[] = {
        "clear", "clear out", "empty", "blank out", "erase", "wipe",
        "remove", "delete", "unset", NULL};
    static const char *const whose[] = {
        "the", "their", "its", "the contact's", "the deal's", "each "
        "contact's", "each deal's", NULL};
    int save = p->i;
    /* "Unassign contacts tagged 'left'", "unassign the deals": the owner
     * of those (or of the records in scope) cleared */
    static const char *const unassign[] = {"unassign", "un-assign", NULL};
    if (verb_at(p, unassign) >= 0) {
        static const char *const them[] = {"them", "it", "him", "her",
                                           NULL};
        static const char *const deal[] = {"the deals", "the deal", "deals",
                                           "this deal", NULL};
        json_t *who = step_audience(p, true);
        if (!who)
            who = step_audience(p, false);
        bool named = !who && accept_list(p, deal) >= 0;
        if (!who && !named)
            accept_list(p, them);
        bool deals = about_deals(p, out, who, named);
        for_who(out, who, owner_step(deals ? "deal" : "contact", NULL));
        return true;
    }
    int v = verb_at(p, verbs);
    if (v < 0)
        return false;
    bool general = !strcmp(verbs[v], "remove") || !strcmp(verbs[v], "delete");
    /* "remove the owner", not "remove them" or "remove tag 'x'" */
    if (accept_list(p, whose) < 0 && general) {
        p->i = save;
        return false;
    }
    char field[128];
    enum lex_vtype vt;
    if (!field_words(p, field, sizeof field, &vt) || vt == VT_TAGS ||
        vt == VT_STAGE || !strcmp(field, "contact.email")) {
        p->i = save;
        return false;
    }
    accept(p, "field");
    accept(p, "value");
    /* "of deals that are lost", "from contacts tagged 'x'" */
    json_t *who = NULL;
    int at_who = p->i;
    if (accept(p, "of") || accept(p, "from") || accept(p, "for") ||
        accept(p, "on")) {
        who = field_owners(p, field, sizeof field,
                           field_under(field, "deal."),
                           field_under(field, "contact."));
        if (!who)
            p->i = at_who;
    }
    const char *dot = strchr(field, '.');
    json_t *params = json_pack("{s:s#, s:s, s:n}", "entity", field,
                               (int)(dot - field), "field", dot + 1, "value");
    for_who(out, who, step_new("update_field", params));
    return true;
}

/* mark them as interested / mark as not interested */
static bool act_mark(struct parser *p, json_t *out)
{
    int save = p->i;
    /* "close the deal as lost", "close deals in Proposal as won": only
     * with won or lost */
    bool closing = accept(p, "close");
    if (!closing && !accept(p, "mark") && !accept(p, "flag"))
        return false;
    /* "mark the deal as won", "mark it as closed lost", "mark the deal
     * as Negotiation": the deal's stage */
    static const char *const deal[] = {"the deal", "this deal", "the deals",
                                       "deals", "deal", "the opportunity",
                                       NULL};
    /* "mark all deals in Lead older than 6 months as lost": the deals,
     * found first */
    json_t *deals = step_audience(p, true);
    bool is_deal = deals || accept_list(p, deal) >= 0;
    /* "mark contacts without an email as not interested" */
    json_t *who = is_deal ? NULL : audience(p, true);
    if (!who && !deals)
        skip_objects(p);
    accept(p, "as");
    const char *stage = accept(p, "won") || accept(p, "closed won")
                            ? "Closed Won"
                        : accept(p, "lost") || accept(p, "closed lost")
                            ? "Closed Lost"
                        : is_deal && !closing ? stage_of(p)
                                              : NULL;
    if (closing && (!stage || who)) {
        json_decref(deals);
        json_decref(who);
        p->i = save;
        return false;
    }
    if (stage && !who) {
        for_who(out, deals,
                step_new("update_field",
                         json_pack("{s:s, s:s, s:s}", "entity", "deal",
                                   "field", "stage", "value", stage)));
        return true;
    }
    json_decref(deals);
    bool neg = accept(p, "not");
    char field[128];
    enum lex_vtype vt;
    int at_value = p->i;
    if (stage || !field_words(p, field, sizeof field, &vt) ||
        vt != VT_BOOL) {
        /* "mark them as 'incomplete'": a value, but for which field? */
        p->i = at_value;
        if ((cur(p)->kind == TK_QUOTED || cur(p)->kind == TK_WORD) &&
            is_word(at(p, -1), "as"))
            refuse(p, "mark ... as a value names no field: say which, e.g. "
                      "set status to 'Incomplete', or tag them "
                      "'Incomplete'");
        json_decref(who);
        p->i = save;
        return false;
    }
    for_who(out, who,
            step_new("update_field",
                     json_pack("{s:s, s:s, s:b}", "entity", "contact",
                               "field", strchr(field, '.') + 1, "value",
                               !neg)));
    return true;
}

/* The verb of a handoff: verb, object, particle, as lex_handoff_verbs
 * says. True with *to_read when "to" closed it ("hand this over to"); true
 * without when the people to hand over come next ("assign every contact
 * in Berlin to", "hand off all leads tagged 'hot' to"). */
static bool handoff_verb(struct parser *p, json_t *out, bool *to_read)
{
    int save = p->i;
    int v = accept_list(p, lex_handoff_verbs);
    if (v < 0)
        return false;
    const char *verb = lex_handoff_verbs[v];
    /* "Create task 'Demo'. Assign it to @user.se": "it" is the task; in a
     * run about one record with no task just made ("When a new lead comes
     * in, assign it to @user.sdr"), the record */
    bool the_record = jx_str(p->opened_by, "event") &&
                      !last_step(out, "create_task");
    if (strstr(verb, "assign") && is_word(cur(p), "it") && !the_record) {
        p->i = save;
        return false;
    }
    bool object = accept_list(p, lex_handoff_objects) >= 0;
    bool particle = accept_list(p, lex_handoff_particles) >= 0;
    /* "give" only with what is given: "give them 3 days" is a wait;
     * "forward the lead to @user.ae", not "forward the email" */
    bool give = !strcmp(verb, "give") || !strcmp(verb, "forward");
    *to_read = accept(p, "to");
    /* "handoff @user.ae", "hand off @user.ae": the person, "to" left
     * out */
    if (!*to_read && !object && strstr(verb, "hand") &&
        is_member_var(cur(p))) {
        *to_read = true;
        return true;
    }
    if (*to_read && (object || !give))
        return true;
    /* "hand off", "handoff", "assign", "pass": the people follow */
    if (!*to_read && !object && !give && (particle || !strstr(verb, "hand")))
        return true;
    p->i = save;
    return false;
}

/* "my manager @user.mgr", "sales: @user.sales", "our AE @user.ae": a
 * member after words that say who they are; NULL, position kept, if
 * none. */
static json_t *described_member(struct parser *p)
{
    static const char *const whose[] = {"the", "our", "my", "your", NULL};
    int k = list_at(p, 0, whose, NULL);
    int first = k;
    while (k < first + 3 && at(p, k)->kind == TK_WORD &&
           !is_reserved(at(p, k)))
        k++;
    int j = k + (is_punct(at(p, k), ":") ? 1 : 0);
    if (!k || !is_member_var(at(p, j)))
        return NULL;
    p->i += j;
    return person(p);
}

static bool act_handoff(struct parser *p, json_t *out)
{
    int save = p->i;
    bool to_read;
    if (!handoff_verb(p, out, &to_read))
        return false;
    json_t *who = NULL;
    if (!to_read) {
        static const char *const to[] = {"to", "over to", "on to",
                                         "off to", NULL};
        who = audience(p, true);
        if (!who) /* "assign all deals over 50k to @user.ae" */
            who = step_audience(p, true);
        if (!who || accept_list(p, to) < 0) {
            json_decref(who);
            p->i = save;
            return false;
        }
    }
    json_t *to = person(p);
    if (!to) /* "hand off to the deal owner": @deal.ownerId */
        to = record_owner(p);
    if (!to)
        to = described_member(p);
    if (!to) {
        json_decref(who);
        fail(p, "hand off to whom? e.g. hand off to @user.salesRep");
        p->i = save;
        return false;
    }
    json_t *params = json_pack("{s:o}", "to", to);
    for (;;) {
        int back = p->i;
        if (is_punct(cur(p), ":")) {
            json_t *m = text_arg(p);
            if (m) {
                json_object_set_new(params, "message", m);
                continue;
            }
        }
        accept_punct(p, ",");
        accept(p, "and");
        if (accept(p, "with message") || accept(p, "with the message") ||
            accept(p, "with a message") || accept(p, "with note") ||
            accept(p, "with a note") || accept(p, "with the note") ||
            accept(p, "saying") || accept(p, "message")) {
            json_t *m = text_arg(p);
            if (m) {
                json_object_set_new(params, "message", m);
                continue;
            }
        }
        p->i = back;
        accept_punct(p, ",");
        accept(p, "and");
        accept(p, "with");
        skip_articles(p);
        int64_t secs;
        if ((accept(p, "timeout of") || accept(p, "timeout")) &&
            duration(p, &secs, NULL, NULL) && secs % 86400 == 0) {
            json_object_set_new(params, "timeoutDays",
                                json_integer(secs / 86400));
            continue;
        }
        p->i = back;
        accept_punct(p, ",");
        accept(p, "and");
        accept(p, "with");
        skip_articles(p);
        if (duration(p, &secs, NULL, NULL) && secs % 86400 == 0 &&
            accept(p, "timeout")) {
            json_object_set_new(params, "timeoutDays",
                                json_integer(secs / 86400));
            continue;
        }
        p->i = back;
        /* "and wait up to 3 days for them to take over": the timeout */
        static const char *const up_to[] = {
            "and wait up to", "wait up to", "and wait at most",
            "for up to", "giving them up to", "and give them up to",
            "and give them", NULL};
        accept_punct(p, ",");
        if (accept_list(p, up_to) >= 0 && duration(p, &secs, NULL, NULL) &&
            secs % 86400 == 0) {
            static const char *const take_over[] = {
                "for them to take over", "for them to respond",
                "for them to pick it up", "for a response",
                "to take over", "to respond", "to pick it up", NULL};
            accept_list(p, take_over);
            json_object_set_new(params, "timeoutDays",
                                json_integer(secs / 86400));
            continue;
        }
        p->i = back;
        /* "for personal outreach" */
        if (accept(p, "for") && cur(p)->kind == TK_WORD &&
            !json_object_get(params, "message")) {
            json_t *m = free_text(p, true);
            if (m) {
                json_object_set_new(params, "message", m);
                continue;
            }
        }
        p->i = back;
        break;
    }
    /* "Find deals without an owner and assign them to @user.ae", "assign
     * the deal to @user.ae": a deal assigned to a member is its owner set
     * (a handoff gives a person the run's conversation; a deal has none) */
    bool named = false; /* "the deal", "deals" among the words */
    for (int k = save; k < p->i && !named; k++)
        named = is_word(&p->t[k], "deal") || is_word(&p->t[k], "deals");
    bool deals = about_deals(p, out, who, named);
    const char *member = jx_str(params, "to");
    if ((is_word(&p->t[save], "assign") || is_word(&p->t[save], "reassign")) &&
        deals && json_object_size(params) == 1 && member &&
        !strncmp(member, "@user.", 6)) {
        for_who(out, who, owner_step("deal", member));
        json_decref(params);
        return true;
    }
    for_who(out, who, step_new("handoff", params));
    return true;
}

static bool act_approval(struct parser *p, json_t *out)
{
    int save = p->i;
    /* "ask @user.cfo for approval": approvals go to the workspace's
     * owners and admins (plan.md has no approver), so a named person
     * would be silently ignored. */
    static const char *const named_person =
        "approvals go to the workspace's owners and admins, not to a named "
        "person: write 'request approval', or 'hand off to @user.x' to give "
        "them the run";
    static const char *const ask[] = {"ask", "get", "have", NULL};
    static const char *const what[] = {"for approval", "for sign-off",
                                       "to approve", "for an approval",
                                       "for their approval", NULL};
    if (accept_list(p, ask) >= 0 &&
        (cur(p)->kind == TK_VAR || cur(p)->kind == TK_EMAIL)) {
        int who = p->i++;
        if (accept_list(p, what) >= 0) {
            p->i = who;
            return back_out(p, save, NULL, named_person);
        }
    }
    p->i = save;
    /* "ask the sales manager for approval": a role, not a member, is
     * what an owner or admin is, as in "get approval from a manager" */
    static const char *const roles[] = {
        "the sales manager", "a sales manager", "our sales manager",
        "my manager", "the manager", "a manager", "my boss", "the boss",
        "an admin", "the admin", "an owner", "the owner", "the owners",
        "someone", "a human", "a person", "the team", NULL};
    bool role = accept_list(p, ask) >= 0 && accept_list(p, roles) >= 0 &&
                accept_list(p, what) >= 0;
    if (!role) {
        /* "ask the CFO for approval": someone in particular */
        p->i = save;
        if (accept_list(p, ask) >= 0) {
            int who = p->i;
            for (int k = 0; k < 4 && cur(p)->kind == TK_WORD; k++) {
                p->i++;
                if (list_at(p, 0, what, NULL)) {
                    p->i = who;
                    return back_out(p, save, NULL, named_person);
                }
            }
        }
        p->i = save;
        if (verb_at(p, lex_approval_verbs) < 0)
            return false;
        /* "get approval from @user.cfo", "request approval by x@y.com" */
        int by = p->i;
        if ((accept(p, "from") || accept(p, "by")) &&
            (cur(p)->kind == TK_VAR || cur(p)->kind == TK_EMAIL))
            return back_out(p, save, NULL, named_person);
        p->i = by;
    }
    json_t *params = json_object();
    /* who approves is any owner or admin: the words say nothing more */
    static const char *const from[] = {
        "from the owner", "from an owner", "from the owners", "from owners",
        "from a manager", "from an admin", "from the admin",
        "from the admins", "from admins", "from an administrator",
        "from the admin team", "from the workspace owner", "from my manager",
        "from a human", "from someone", "from the team", "first", NULL};
    accept_list(p, from);
    int back = p->i;
    if (is_punct(cur(p), ":") || accept(p, "with message") ||
        accept(p, "with the message") || accept(p, "with a message") ||
        accept(p, "saying") || accept(p, "for") || accept(p, "to") ||
        cur(p)->kind == TK_QUOTED) {
        json_t *m = text_arg(p);
        if (!m && (is_word(at(p, -1), "for") || is_word(at(p, -1), "to")))
            m = free_text(p, true);
        if (m)
            json_object_set_new(params, "message", m);
        else
            p->i = back;
    }
    (void)save;
    json_array_append_new(out, step_new("request_approval", params));
    return true;
}

/* Whom a notification names: a record's owner, a member, or — with
 * `described` — a member after words that say who they are ("my manager
 * @user.mgr"). "Me", "the team" are the default (the agent's owner):
 * read, NULL, *me set. NULL, position kept, if none. */
static json_t *notify_whom(struct parser *p, bool described, bool *me)
{
    static const char *const self[] = {"me", "us", "the owner", "the team",
                                       "the agent owner", "myself", NULL};
    json_t *to = record_owner(p);
    *me = !to && accept_list(p, self) >= 0;
    if (!to && !*me && !(to = person(p)) && described)
        to = described_member(p);
    return to;
}

/* Whether the words before token k are all that a message's clause says:
 * the end, a sentence's or clause's mark, "and" or "then" follows. */
static bool said_alone_at(const struct parser *p, int k)
{
    const struct tok *t = at(p, k);
    return t->kind == TK_EOF || t->kind == TK_NL || is_punct(t, ".") ||
           is_punct(t, ",") || is_punct(t, ";") || is_word(t, "and") ||
           is_word(t, "then");
}

/* "the results", "what was found": a search's findings as a whole, which
 * a message cannot hold as such (its parts are named: the title, the
 * url). */
static const char *const results_whole[] = {
    "the findings", "the results", "the search results", "the result",
    "the top result", "the first result", "the best result",
    "what you found", "what was found", "what it found", "the output",
    "its findings", "the answer", NULL};

static bool act_notify(struct parser *p, json_t *out)
{
    int save = p->i;
    int v = verb_at(p, lex_notify_verbs);
    /* "Send me a summary: ...", "give @user.rep a heads-up: ..." */
    static const char *const give[] = {"send", "give", "drop", NULL};
    static const char *const note[] = {
        "a summary", "a short summary", "a notification", "a message",
        "a note", "a quick note", "an alert", "an update", "a reminder",
        "a heads-up", "a heads up", "a digest", "a ping",
        "an in-app notification", "an in-app message", "an in-app alert",
        NULL};
    /* "Email me a summary: ...": a member is told by a notification
     * (which e-mails them where configured) */
    static const char *const mail_me[] = {"email me", "e-mail me",
                                          "mail me", "email us", NULL};
    if (v < 0 && accept_list(p, mail_me) >= 0) {
        accept_list(p, note);
        json_t *m = is_punct(cur(p), ":") ? text_arg(p) : NULL;
        if (!m)
            return back_out(p, save, NULL, NULL);
        json_array_append_new(out,
                              step_new("notify", json_pack("{s:o}", "message",
                                                           m)));
        return true;
    }
    /* "Email the deal owner: ...", "email @user.am: ...": a member told
     * in a few words is notified, as "email me: ..." is */
    static const char *const mail[] = {"email", "e-mail", "mail", NULL};
    if (v < 0 && accept_list(p, mail) >= 0) {
        json_t *to = record_owner(p);
        if (!to && is_member_var(cur(p)))
            to = person(p);
        if (to) /* "email @user.rep a summary: ..." */
            accept_list(p, note);
        json_t *m = to && is_punct(cur(p), ":") ? text_arg(p) : NULL;
        if (!m) {
            json_decref(to);
            return back_out(p, save, NULL, NULL);
        }
        json_array_append_new(
            out, step_new("notify",
                          json_pack("{s:o, s:o}", "to", to, "message", m)));
        return true;
    }
    /* "remind their owners with a notification: ...": a reminder said
     * to be a notification is one (a plain "remind" is a task) */
    static const char *const by_note[] = {
        "with a notification", "with an in-app notification",
        "via a notification", "via notification", "by notification",
        "with an alert", "via an alert", NULL};
    if (v < 0 && accept(p, "remind")) {
        bool me;
        json_t *to = notify_whom(p, true, &me);
        json_t *m = (to || me) && accept_list(p, by_note) >= 0 &&
                            is_punct(cur(p), ":")
                        ? text_arg(p)
                        : NULL;
        if (!m) {
            json_decref(to);
            return back_out(p, save, NULL, NULL);
        }
        json_t *params = json_object();
        if (to)
            json_object_set_new(params, "to", to);
        json_object_set_new(params, "message", m);
        json_array_append_new(out, step_new("notify", params));
        return true;
    }
    if (v < 0 && accept_list(p, give) < 0)
        return false;
    const char *verb = v < 0 ? "send" : lex_notify_verbs[v];
    json_t *params = json_object();
    json_t *to = NULL;
    const struct tok *q = cur(p);
    if (v < 0 && q->kind == TK_QUOTED && !q->unterminated &&
        is_word(at(p, 1), "to")) { /* "send 'Call them' to @user.bob" */
        p->i += 2;
        to = record_owner(p);
        if (!to && is_member_var(cur(p))) /* not @contact.email */
            to = person(p);
        if (to) {
            json_object_set_new(params, "to", to);
            json_object_set_new(params, "message", json_string(q->text));
            json_array_append_new(out, step_new("notify", params));
            return true;
        }
        return back_out(p, save, params, NULL);
    }
    bool me;
    to = notify_whom(p, v >= 0, &me);
    if ((!strcmp(verb, "let") && !accept(p, "know")) ||
        (v < 0 && accept_list(p, note) < 0)) {
        json_decref(to);
        return back_out(p, save, params, NULL);
    }
    /* "send a notification to @user.rep saying ..." */
    int to_at = p->i;
    if (!to && v < 0 && accept(p, "to") && !(to = notify_whom(p, true, &me)) &&
        !me)
        p->i = to_at;
    if (!to && v >= 0 && !is_word(at(p, -1), "me") &&
        !is_word(at(p, -1), "us") && !is_word(at(p, -1), "know") &&
        !is_word(at(p, -1), "owner") && !is_word(at(p, -1), "team") &&
        !is_word(at(p, -1), "myself")) {
        /* "ping them by email" is not a notification */
        return back_out(p, save, params, NULL);
    }
    if (to)
        json_object_set_new(params, "to", to);
    /* "Notify @user.jane and @user.bob: ...": a notification each */
    json_t *also = json_array();
    while (to || me) {
        int b = p->i;
        bool sep = accept_punct(p, ",");
        json_t *o = (accept(p, "and") || sep) && is_member_var(cur(p))
                        ? person(p)
                        : NULL;
        if (!o) {
            p->i = b;
            break;
        }
        json_array_append_new(also, o);
    }
    /* "Notify me 2 hours later: ...", "notify @user.x in a day: ..." */
    int64_t delay = trailing_delay(p);
    mid_trigger(p); /* "Notify me when a new lead comes in: ..." */
    json_t *m = NULL;
    /* "notify me about each deal: ...": one per record anyway (the text
     * names @deal) */
    static const char *const each_rec[] = {
        "about each deal", "about every deal", "about each contact",
        "about every contact", "about each of them", "about each lead",
        "about them", "for each deal", "for each contact", "for each of them",
        NULL};
    int er = list_at(p, 0, each_rec, NULL);
    json_t *who = NULL;
    if (er && is_punct(at(p, er), ":")) {
        p->i += er;
    } else if (is_word(cur(p), "for") || is_word(cur(p), "about")) {
        /* "notify me for every deal over 100k: ...": those records,
         * found first; "notify me about new leads: ...": the trigger */
        int b = p->i++;
        const json_t *had = p->tail_trigger;
        bool second = p->second;
        if (!p->lead && !p->tail_trigger && object_trigger(p) &&
            is_punct(cur(p), ":")) {
            /* the new contacts' event (kept in p->tail_trigger) */
        } else {
            if (p->tail_trigger != had) { /* read, but not before ":" */
                json_decref(p->tail_trigger);
                p->tail_trigger = (json_t *)had;
            }
            p->second = second;
            p->i = b + 1;
            if (!(who = audience(p, true)))
                who = step_audience(p, true);
            if (!who) { /* "about new leads" on a schedule: since the last */
                json_t *found = json_array();
                if (search_words(p, found) && json_array_size(found) == 1)
                    who = json_incref(json_array_get(found, 0));
                json_decref(found);
            }
            if (!who || !is_punct(cur(p), ":")) {
                json_decref(who);
                who = NULL;
                p->i = b;
            }
        }
    }
    /* "notify me with the count", "... of it", after act_count */
    json_t *said = NULL;
    int said_at = p->i;
    if (!is_punct(cur(p), ":")) {
        if (!accept(p, "with") && !accept(p, "of"))
            accept(p, "about");
        said = count_said_at(p);
        if (said && !said_alone_at(p, 0)) {
            json_decref(said);
            said = NULL;
        }
        if (!said)
            p->i = said_at;
    }
    if (said)
        m = said;
    else if (is_punct(cur(p), ":"))
        m = text_arg(p);
    else if (count_text(p, out, &m)) {
        if (!m) { /* "notify me with the number of ...", unread */
            json_decref(who);
            json_decref(also);
            return back_out(p, save, params, NULL);
        }
    } else if (accept(p, "that") || accept(p, "saying") ||
             accept(p, "with message") || accept(p, "with the message") ||
             accept(p, "with") || accept(p, "about")) {
        /* "notify me about my deals closing this week: ...": records
         * before a colon that no search read are no message */
        bool about = is_word(at(p, -1), "about");
        for (int k = 0; about && k < 16; k++) {
            const struct tok *t = at(p, k);
            if (t->kind == TK_EOF || t->kind == TK_NL || is_punct(t, "."))
                break;
            if (is_punct(t, ":")) {
                json_decref(who);
                json_decref(also);
                return back_out(p, save, params,
                                "about which records? e.g. notify me about "
                                "every deal over 100k: Big deal "
                                "@deal.name");
            }
        }
        /* "notify me with the top result" (after a web search): its
         * title and address, as a Slack post of it says */
        int tm = last_step(out, "web_search") ? top_result_at(p, 0) : 0;
        if (tm && said_alone_at(p, tm)) {
            p->i += tm;
            m = json_string(top_result_text);
        }
        /* "notify me with the findings": those words would be the
         * message itself */
        int fm = m ? 0 : list_at(p, 0, results_whole, NULL);
        if (fm && said_alone_at(p, fm)) {
            refuse(p, "a notification says what is written for it: name "
                      "the results' parts, e.g. notify me: "
                      "@search.results[0].title @search.results[0].url");
            json_decref(who);
            json_decref(also);
            return back_out(p, save, params, NULL);
        }
        if (!m)
            m = text_arg(p);
        if (!m)
            m = free_text(p, true);
        /* "let @user.ae know about it": a word for the record is no
         * message */
        static const char *const pronouns[] = {
            "it", "this", "that", "them", "him", "her", "this one",
            "the contact", "the lead", "the deal", "this contact",
            "this lead", "this deal", "each one", NULL};
        for (int k = 0; about && m && pronouns[k]; k++)
            if (!strcasecmp(json_string_value(m), pronouns[k])) {
                json_decref(m);
                m = NULL;
            }
    } else if (cur(p)->kind == TK_QUOTED) {
        m = text_arg(p);
    }
    if (!m) {
        json_decref(who);
        json_decref(also);
        return back_out(p, save, params,
                        "what should the notification say? e.g. notify me: "
                        "New lead");
    }
    json_object_set_new(params, "message", m);
    if (json_array_size(also) && who) {
        json_decref(also);
        json_decref(who);
        return back_out(p, save, params,
                        "one member per notification for each record: "
                        "write a step for each member");
    }
    if (delay > 0)
        json_array_append_new(out, wait_step(delay));
    size_t k;
    json_t *o;
    json_t *copies = json_array(); /* made before params go to the step */
    json_array_foreach(also, k, o) {
        json_t *copy = json_deep_copy(params);
        json_object_set(copy, "to", o);
        json_array_append_new(copies, step_new("notify", copy));
    }
    json_decref(also);
    for_who(out, who, step_new("notify", params));
    json_array_extend(out, copies);
    json_decref(copies);
    return true;
}

/* Whether "Slack" is said before the sentence ends. */
static bool slack_ahead(const struct parser *p)
{
    for (int k = 0;; k++) {
        const struct tok *t = at(p, k);
        if (t->kind == TK_EOF || t->kind == TK_NL || t->kind == TK_MARK ||
            is_punct(t, ".") || is_punct(t, ";"))
            return false;
        if (is_word(t, "slack"))
            return true;
    }
}

static bool act_slack(struct parser *p, json_t *out)
{
    int save = p->i;
    int v = verb_at(p, lex_slack_verbs);
    if (v < 0)
        return false;
    bool slack = !strcmp(lex_slack_verbs[v], "slack");
    json_t *params = json_object();
    json_t *text = NULL;
    static const char *const words[] = {
        "a", "an", "the", "message", "slack message", "on slack", "in slack",
        "to slack", "via slack", "slack", "to", "in", "on", "channel",
        "the channel", "notification", "post", "the team", "our team",
        "the sales team", "me", "us", "them", "it", "summary", "update",
        "note", "alert", "quick", "short", "know", /* "let ... know" */
        NULL};
    static const char *const to_person[] = {
        "dm", "a dm", "direct message", "a direct message", "private message",
        "a private message", "dm to", NULL};
    bool progress = true;
    while (progress) {
        progress = false;
        const struct tok *t = cur(p);
        /* "send a Slack DM to @user.rep": a message goes to a channel (the
         * workspace's Slack connection posts; it has no users to write to) */
        int at_owner = p->i;
        json_t *owner = slack ? NULL : record_owner(p); /* "the deal owner" */
        bool person = owner != NULL;
        json_decref(owner);
        p->i = at_owner;
        bool to_someone =
            list_at(p, 0, to_person, NULL) || person ||
            (t->kind == TK_VAR && !strncmp(t->text, "@user.", 6));
        if (to_someone && !slack && !slack_ahead(p)) {
            /* "notify their owner", "alert @user.vp": a notification in
             * agentd, which act_notify reads (or says what it lacks) */
            json_decref(text);
            return back_out(p, save, params, NULL);
        }
        if (to_someone) {
            /* (said of the words up to the text, which a reading as a
             * notification would fail further on) */
            while (person && !at_hard_end(p) && !is_punct(cur(p), ":"))
                p->i++;
            static const char why[] =
                "agentd posts to Slack channels, not to people: e.g. post to "
                "#sales on Slack: New lead, or notify @user.rep: New lead (in "
                "agentd)";
            if (person)
                refuse_read(p, save, why);
            else
                refuse(p, why);
            json_decref(text);
            return back_out(p, save, params, NULL);
        }
        /* "post the results to #research": the findings whole */
        int rw = text || top_result_at(p, 0) || counted_last(p)
                     ? 0
                     : list_at(p, 0, results_whole, NULL);
        if (rw && (is_word(at(p, rw), "to") || is_word(at(p, rw), "in") ||
                   said_alone_at(p, rw))) {
            p->i += rw;
            refuse_read(p, p->i - rw,
                        "a Slack message says what is written for it: name "
                        "the results' parts, e.g. post to #news: "
                        "@search.results[0].title @search.results[0].url");
            json_decref(text);
            return back_out(p, save, params, NULL);
        }
        if (t->kind == TK_CHANNEL) {
            json_object_set_new(params, "channel", json_string(t->raw));
            p->i++;
            progress = true;
            continue;
        }
        /* "notify sales on Slack: ...": a channel's name without its '#',
         * right before "on Slack" */
        static const char *const on_slack[] = {"on slack", "in slack",
                                               "via slack", NULL};
        if (t->kind == TK_WORD && !is_reserved(t) &&
            !json_object_get(params, "channel") &&
            list_at(p, 1, on_slack, NULL) &&
            !list_at(p, 0, words, NULL)) {
            json_object_set_new(params, "channel",
                                json_pack("s+", "#", t->raw));
            p->i++;
            progress = true;
            continue;
        }
        /* "post the number of new leads to #daily", "post the count
         * to #daily" (of the search before) */
        char ref[64];
        json_t *counted = NULL;
        /* (looked for at "with", "the", "how", "a" only: this runs at
         * every word of the step) */
        bool count_word = !text && t->kind == TK_WORD &&
                          strchr("wtha", t->text[0]);
        /* "Count the deals won this week and post it to #wins" */
        if (!text && t->kind == TK_WORD && (counted = count_said_at(p))) {
            text = counted;
            progress = true;
            continue;
        }
        if (count_word && count_text(p, out, &counted)) {
            if (!counted)
                return back_out(p, save, params, NULL);
            text = counted;
            progress = true;
            continue;
        }
        if (count_word && found_count(p, ref, sizeof ref)) {
            text = json_string(ref);
            progress = true;
            continue;
        }
        int w = -1;
        int m = list_at(p, 0, words, &w);
        if (m) {
            if (strstr(words[w], "slack"))
                slack = true;
            p->i += m;
            progress = true;
            continue;
        }
        if (!text && mid_trigger(p)) {
            progress = true;
            continue;
        }
        if (!text && t->kind == TK_QUOTED && !t->unterminated) {
            /* "post 'Deal won!' to #sales" */
            text = json_string(t->text);
            p->i++;
            progress = true;
            continue;
        }
        /* "post @search.results[0].title to #news", "post the top search
         * result to #news": a value as the text */
        int tm = text ? 0 : top_result_at(p, 0);
        if (tm || (!text && t->kind == TK_VAR &&
                   (is_word(at(p, 1), "to") || is_word(at(p, 1), "in")))) {
            text = json_string(tm ? top_result_text : t->raw);
            p->i += tm ? tm : 1;
            progress = true;
            continue;
        }
        int back = p->i;
        if (is_punct(t, ":") || accept(p, "saying") || accept(p, "with") ||
            accept(p, "that says") || accept(p, "that") ||
            accept(p, "with text") ||
            accept(p, "with the text") || accept(p, "with message")) {
            json_t *x = text_arg(p);
            if (!x && !is_punct(t, ":"))
                x = free_text(p, true);
            if (x) {
                json_decref(text);
                text = x;
                progress = true;
                continue;
            }
            p->i = back;
        }
    }
    bool channel = json_object_get(params, "channel") != NULL;
    if (!(slack || channel) || !text) {
        json_decref(text);
        return back_out(p, save, params,
                        slack || channel
                            ? "what should the Slack message say? e.g. "
                              "post to #sales on Slack: New lead"
                            : NULL);
    }
    json_object_set_new(params, "text", text);
    json_array_append_new(out, step_new("slack_message", params));
    return true;
}

/* Whether a URL is at the position. "api.acme.com/hook" (a host with no
 * scheme) is refused: agentd calls the URL it is given, and whether that
 * is http or https is not its guess. */
static bool url_at(struct parser *p)
{
    const struct tok *t = cur(p);
    if (t->kind == TK_URL)
        return true;
    if (t->kind == TK_WORD && strchr(t->raw, '.'))
        refuse(p, "write the URL in full, with https:// (or http://): e.g. "
                  "send POST to https://api.acme.com/hook");
    return false;
}

/* "to the webhook https://...", "to https://...", "to our Zapier webhook
 * at https://...": the words before a request's URL (up to two words of
 * whose before "webhook", "endpoint", ...); true (at the URL) when one
 * follows. */
static bool url_after_to(struct parser *p)
{
    static const char *const dets[] = {"the", "our", "a", "an", "my",
                                       "their", NULL};
    static const char *const what[] = {"webhook url", "webhook", "url",
                                       "api endpoint", "endpoint", "api",
                                       NULL};
    accept(p, "to");
    accept_list(p, dets);
    int k = 0;
    while (k < 2 && at(p, k)->kind == TK_WORD && !list_at(p, k, what, NULL))
        k++;
    if (k && list_at(p, k, what, NULL))
        p->i += k; /* "Zapier", "CRM's" */
    if (accept_list(p, what) >= 0)
        accept(p, "at");
    accept_punct(p, ":");
    return url_at(p);
}

/* "send them to https://...", "push the deals to the webhook https://...":
 * the records of the set, each POSTed as JSON ("post them" after a search
 * of deals: the deals). The body, or NULL. */
static bool deals_in_scope(const struct parser *p, const json_t *out);
static const char *records_to_url(struct parser *p, const json_t *out)
{
    int save = p->i;
    static const char *const verbs[] = {"send", "post", "push", "sync",
                                        "forward", "submit", "export",
                                        NULL};
    static const char *const deals[] = {"the deals", "the deal", "each deal",
                                        "every deal", "these deals",
                                        "those deals", "deals", NULL};
    const char *body = NULL;
    static const char *const details[] = {
        "their details", "their data", "their info", "their record",
        "the contact's details", "the contact's data", "the contact record",
        "contact details", NULL};
    static const char *const them[] = {"them", "it", "these", "those",
                                       "them all", "all of them",
                                       "each of them", NULL};
    if (accept_list(p, verbs) >= 0) {
        if (accept_list(p, deals) >= 0 ||
            (list_at(p, 0, them, NULL) && deals_in_scope(p, out) &&
             accept_list(p, them) >= 0))
            body = "@deal";
        else if (skip_objects(p) || accept_list(p, details) >= 0)
            body = "@contact";
    }
    if (body && is_word(cur(p), "to") && url_after_to(p))
        return body;
    p->i = save;
    return NULL;
}

/* "the contact's email and phone", "their first name, last name and
 * email": a JSON object of those fields' variables, keyed by field name;
 * NULL (position kept) unless every name is a built-in field. */
static json_t *record_fields(struct parser *p)
{
    json_t *obj = json_object();
    int back = p->i; /* before the last separator read */
    enum scope old = p->scope;
    for (;;) {
        char field[128];
        enum lex_vtype vt;
        /* "the contact's name", "their full name": a contact's names */
        static const char *const whose[] = {"the contact's", "contact's",
                                            "their", "the", NULL};
        static const char *const names[] = {"full name", "name", "names",
                                            NULL};
        int wi = -1, w = list_at(p, 0, whose, &wi);
        int n = list_at(p, w, names, NULL);
        const struct tok *t = cur(p);
        const char *dot = t->kind == TK_VAR ? strrchr(t->raw, '.') : NULL;
        if (n && (p->scope != SC_DEAL || strstr(whose[wi], "contact"))) {
            p->i += w + n;
            json_object_set_new(obj, "firstName",
                                json_string("@contact.firstName"));
            json_object_set_new(obj, "lastName",
                                json_string("@contact.lastName"));
        } else if (dot && dot[1]) {
            /* "with @contact.email and @deal.value": keyed by the last
             * name of each */
            json_object_set_new(obj, dot + 1, json_string(t->raw));
            p->i++;
        } else if (!field_words(p, field, sizeof field, &vt) ||
                   !strchr(field, '.')) {
            p->i = back;
            break;
        } else {
            /* "the deal's name and value": the next ones are the deal's
             * too */
            if (!strncmp(field, "deal.", 5))
                p->scope = SC_DEAL;
            char var[160];
            snprintf(var, sizeof var, "@%s", field);
            json_object_set_new(obj, strchr(field, '.') + 1,
                                json_string(var));
        }
        back = p->i;
        bool comma = accept_punct(p, ",");
        if (!accept(p, "and") && !comma)
            break;
    }
    p->scope = old;
    if (json_object_size(obj) == 0) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* A JSON object written in the instructions ("with body {"email":
 * "@contact.email"}"), read from the source at the "{" by jansson and
 * kept as an object: the engine fills in its variables value by value.
 * NULL (position kept, refused with how to write one) if it is not one. */
static json_t *json_body(struct parser *p)
{
    size_t from = cur(p)->start;
    json_error_t err;
    json_t *v = json_loadb(p->src + from, p->len - from,
                           JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES,
                           &err);
    if (!json_is_object(v)) {
        json_decref(v);
        refuse(p, "the body is not a JSON object: write it as {\"key\": "
                  "\"value\"}, with double quotes around every name and "
                  "text");
        return NULL;
    }
    /* err.position: the bytes jansson read, up to the closing brace */
    size_t end = from + (size_t)err.position;
    int save = p->i;
    while (p->i < p->n && cur(p)->kind != TK_EOF && cur(p)->start < end)
        p->i++;
    if (at(p, -1)->end > end) { /* a token that ran past the "}" */
        p->i = save;
        json_decref(v);
        refuse(p, "the words after this JSON body could not be read: put "
                  "a space after its closing brace");
        return NULL;
    }
    return v;
}

/* A JSON body (taken) on the call: sent with a POST unless the words
 * named a method. */
static void json_body_set(json_t *params, json_t *body, const char *method)
{
    json_object_set_new(params, "body", body);
    if (!method)
        json_object_set_new(params, "method", json_string("POST"));
}

static bool act_http(struct parser *p, json_t *out)
{
    int save = p->i;
    const char *method = NULL;
    static const char *const upper[] = {"GET", "POST", "PUT", "PATCH",
                                        "DELETE"};
    json_t *params;
    /* (the readings of records or fields sent need a URL: looked for
     * first, as every "send" passes here) */
    bool url = false;
    for (int k = 1; k < 16 && !url; k++) {
        const struct tok *t = at(p, k);
        if (t->kind == TK_EOF || t->kind == TK_NL)
            break;
        url = t->kind == TK_URL;
    }
    const char *records = url ? records_to_url(p, out) : NULL;
    if (records) {
        params = json_pack("{s:s, s:s, s:s}", "url", cur(p)->raw, "method",
                           "POST", "body", records);
        method = "POST";
        p->i++;
        goto more;
    }
    /* "POST the contact's name and email to https://...", "send their
     * email and phone to https://...": those fields, as a JSON object */
    static const char *const send[] = {"post", "send", "push", "sync",
                                       "submit", "forward", NULL};
    if (url && accept_list(p, send) >= 0) {
        json_t *fields = record_fields(p);
        if (fields && url_after_to(p)) {
            params = json_pack("{s:s, s:s, s:o}", "url", cur(p)->raw,
                               "method", "POST", "body", fields);
            method = "POST";
            p->i++;
            goto more;
        }
        json_decref(fields);
        p->i = save;
    }
    int mv = list_at(p, 0, lex_http_methods, NULL);
    int which = -1;
    if (mv) {
        list_at(p, 0, lex_http_methods, &which);
        /* "get contacts" is a search: a method must be followed by a URL
         * or by "request". */
        p->i += mv;
        accept(p, "request");
        if (!url_after_to(p)) {
            p->i = save;
            return false;
        }
        method = upper[which];
    } else {
        if (verb_at(p, lex_http_verbs) < 0)
            return false;
        skip_articles(p);
        accept(p, "webhook"); /* "send a webhook POST to ..." */
        accept(p, "http"); /* "send an HTTP POST to ..." */
        if ((which = -1, list_at(p, 0, lex_http_methods, &which))) {
            p->i++;
            method = upper[which];
        }
        accept(p, "http");
        accept(p, "request");
        accept(p, "webhook");
        if (!url_after_to(p)) {
            p->i = save;
            return false;
        }
    }
    params = json_pack("{s:s}", "url", cur(p)->raw);
    p->i++;
    if (method && strcmp(method, "GET") != 0)
        json_object_set_new(params, "method", json_string(method));
more:;
    json_t *headers = NULL;
    for (;;) {
        int back = p->i;
        /* "via POST", "using a PUT request", "with a GET" */
        static const char *const via[] = {"via", "using", "with", "as",
                                          NULL};
        accept_punct(p, ",");
        bool via_word = accept_list(p, via) >= 0;
        /* "with method GET", "method: POST" */
        if (accept(p, "method") || accept(p, "http method") ||
            accept(p, "the method")) {
            accept_punct(p, ":");
            via_word = true;
        }
        if (via_word) {
            skip_articles(p);
            which = -1;
            if (list_at(p, 0, lex_http_methods, &which)) {
                p->i++;
                accept(p, "request");
                accept(p, "method");
                method = upper[which];
                if (strcmp(method, "GET"))
                    json_object_set_new(params, "method",
                                        json_string(method));
                else
                    json_object_del(params, "method");
                continue;
            }
        }
        p->i = back;
        accept_punct(p, ",");
        accept(p, "and");
        if (accept(p, "with body") || accept(p, "with the body") ||
            accept(p, "with a body of") || accept(p, "with payload") ||
            accept(p, "with data") || accept(p, "body") ||
            accept(p, "with json") || accept(p, "with the json") ||
            (is_word(cur(p), "with") && is_punct(at(p, 1), "{") &&
             accept(p, "with"))) {
            accept_punct(p, ":");
            json_t *b = is_punct(cur(p), "{") ? json_body(p) : text_arg(p);
            if (b) {
                if (json_is_object(b))
                    json_body_set(params, b, method);
                else
                    json_object_set_new(params, "body", b);
                continue;
            }
        }
        /* "with the contact", "with the deal's details": the record as
         * JSON (@contact renders as its object), sent with a POST */
        p->i = back;
        accept_punct(p, ",");
        accept(p, "and");
        static const struct {
            const char *words, *body;
        } rec[] = {{"the contact's", "@contact"}, {"the contact", "@contact"},
                   {"contact", "@contact"},       {"their", "@contact"},
                   {"the deal's", "@deal"},       {"the deal", "@deal"},
                   {"deal", "@deal"},             {"the company's", "@company"},
                   {"the company", "@company"},   {"company", "@company"},
                   {NULL, NULL}};
        static const char *const detail[] = {"data", "details", "record",
                                             "info", "information", NULL};
        /* "... with the contact as JSON": the record is JSON anyway */
        static const char *const as_json[] = {"as json", "as a json object",
                                              "in json", NULL};
        if (accept(p, "with") || accept(p, "sending") ||
            accept(p, "passing")) {
            /* "with the contact's email and phone": those fields, as a
             * JSON object ({"email": "@contact.email", ...}) */
            json_t *fields = record_fields(p);
            if (fields) {
                json_body_set(params, fields, method);
                continue;
            }
            int r = -1;
            int m = TABLE_AT(p, rec, &r);
            p->i += m;
            /* "their" needs its noun: "with their details" */
            bool d = m && accept_list(p, detail) >= 0;
            if (m && (d || strcmp(rec[r].words, "their"))) {
                accept_list(p, as_json);
                json_body_set(params, json_string(rec[r].body), method);
                continue;
            }
        }
        p->i = back;
        accept_punct(p, ",");
        accept(p, "and");
        if (accept(p, "with header") || accept(p, "with headers") ||
            accept(p, "with the header") || accept(p, "header") ||
            accept(p, "headers")) {
            bool got = false;
            for (;;) {
                const struct tok *t = cur(p);
                if (t->kind != TK_QUOTED)
                    break;
                const char *colon = strchr(t->text, ':');
                if (!colon)
                    break;
                char name[128];
                snprintf(name, sizeof name, "%.*s",
                         (int)(colon - t->text), t->text);
                size_t nl = strlen(name);
                while (nl && name[nl - 1] == ' ')
                    name[--nl] = '\0';
                const char *val = colon + 1;
                while (*val == ' ')
                    val++;
                if (!headers)
                    headers = json_object();
                json_object_set_new(headers, name, json_string(val));
                p->i++;
                got = true;
                int b2 = p->i;
                accept_punct(p, ",");
                accept(p, "and");
                if (cur(p)->kind != TK_QUOTED) {
                    p->i = b2;
                    break;
                }
            }
            if (got)
                continue;
        }
        p->i = back;
        break;
    }
    if (headers)
        json_object_set_new(params, "headers", headers);
    json_array_append_new(out, step_new("http_request", params));
    return true;
}

/* "the number of contacts found", "how many deals were found", "the
 * count": the count of the last search (@steps.N.output.count), or the
 * web search's (@search.count), in ref; false (position kept) when the
 * words are none of these or no search came before. */
static bool found_count(struct parser *p, char *ref, size_t size)
{
    static const char *const how_many[] = {
        "the number of contacts found", "the number of deals found",
        "the number of results", "the number of contacts",
        "the number of deals", "the number of leads found",
        "the contact count", "the deal count", "the result count",
        "the count", "how many contacts were found",
        "how many deals were found", "how many were found", NULL};
    int hm = list_at(p, 0, how_many, NULL);
    int k = hm ? records_search_at(p) : 0;
    if (!k)
        return false;
    p->i += hm;
    if (k > 0)
        snprintf(ref, size, "@steps.%d.output.count", k);
    else
        snprintf(ref, size, "@search.count");
    return true;
}

/* "to the contact's linkedinUrl", "into the custom field backupEmail",
 * "in their 'region' field": the field of a contact, deal or company a
 * value is saved to, ending the step, as its path ("contact.region") in
 * out. False, position kept, otherwise. */
static bool record_target(struct parser *p, char *out, size_t size)
{
    int save = p->i;
    static const char *const to[] = {"to", "into", "in", "on", NULL};
    if (accept_list(p, to) < 0)
        return false;
    enum lex_vtype vt;
    bool ok = false;
    int at_field = p->i;
    if (field_words(p, out, size, &vt)) {
        ok = true;
    } else {
        /* a custom field: named as one ("the custom field backupEmail",
         * "their 'region' field"), written as an identifier, or in words
         * after whose it is ("the company's last funding round") */
        p->i = at_field;
        static const struct {
            const char *words, *entity;
        } whose[] = {{"the contact's", "contact"}, {"the deal's", "deal"},
                     {"the company's", "company"},
                     {"their company's", "company"}, {"their", NULL},
                     {"the", NULL}, {NULL, NULL}};
        const char *entity = p->scope == SC_DEAL ? "deal" : "contact";
        bool owner = false;
        for (int j = 0; whose[j].words; j++)
            if (accept(p, whose[j].words)) {
                owner = whose[j].entity != NULL;
                if (owner)
                    entity = whose[j].entity;
                break;
            }
        bool said = accept(p, "custom field") || accept(p, "field") ||
                    accept(p, "custom property") || accept(p, "property");
        const struct tok *t = cur(p);
        if ((t->kind == TK_QUOTED && !t->unterminated) ||
            (t->kind == TK_WORD && custom_name(t, !said))) {
            char probe[128];
            snprintf(probe, sizeof probe, "%s.%s", entity,
                     t->kind == TK_QUOTED ? t->text : t->raw);
            canon_path(probe, out, size);
            p->i++;
            ok = said || t->kind == TK_WORD || accept(p, "field") ||
                 accept(p, "property");
        } else if (owner && custom_words(p, entity, out, size)) {
            ok = true;
        }
    }
    accept(p, "field");
    if (ok && (field_under(out, "contact.") || field_under(out, "deal.") ||
               field_under(out, "company.")) &&
        said_alone_at(p, 0))
        return true;
    p->i = save;
    return false;
}

static bool act_remember(struct parser *p, json_t *out)
{
    int save = p->i;
    json_t *value = NULL;
    json_t *key = NULL;
    /* set memory.attempts to 1, set @memory.attempts = 1 */
    char mem[128];
    enum lex_vtype mvt;
    if (accept(p, "set") && path_field(p, mem, sizeof mem, &mvt) &&
        !strncmp(mem, "memory.", 7) && mem[7] &&
        (accept(p, "to") || accept(p, "=") || accept(p, "==")) &&
        (value = value_of(p, VT_TEXT))) {
        json_array_append_new(out,
                              step_new("remember",
                                       json_pack("{s:s, s:o}", "key", mem + 7,
                                                 "value", value)));
        return true;
    }
    p->i = save;
    /* set memory 'attempts' to 1 */
    if (accept(p, "set memory") || accept(p, "set the memory") ||
        accept(p, "set memory key")) {
        const struct tok *t = cur(p);
        if (t->kind == TK_QUOTED || (t->kind == TK_WORD && !is_reserved(t))) {
            key = json_string(t->kind == TK_QUOTED ? t->text : t->raw);
            p->i++;
            if (accept(p, "to") || accept(p, "=")) {
                value = value_of(p, VT_TEXT);
                if (!value)
                    value = NULL;
            }
        }
        if (!key || !value)
            goto no;
        goto done;
    }
    if (verb_at(p, lex_remember_verbs) < 0)
        return false;
    {
        const struct tok *t = cur(p);
        static const char *const them[] = {
            "them",     "the contacts", "these contacts", "the results",
            "results",  "search results", "the web results", "web results",
            "the contact list", "this list", "the list", "those contacts",
            "the current contacts", "the found contacts",
            /* the set as remember keeps it: its ids */
            "their ids", "their contact ids", "the contact ids",
            "the ids of the contacts",
            "the ids of these contacts", "these ids", NULL};
        int w = -1;
        int m = list_at(p, 0, them, &w);
        /* "the first result", "the top result's url" (result_ref) */
        bool fm = is_word(t, "the") && (is_word(at(p, 1), "first") ||
                                        is_word(at(p, 1), "top"));
        char out_ref[160];
        if (found_count(p, out_ref, sizeof out_ref)) {
            value = json_string(out_ref);
        } else if (!fm && call_output(p, true, out_ref, sizeof out_ref)) {
            /* "call https://... and save the response as 'score'" */
            value = json_string(out_ref);
        } else if (fm) {
            if (!result_ref(p, out_ref, sizeof out_ref, true))
                goto no;
            value = json_string(out_ref);
        } else if (m || is_word(t, "it") || is_word(t, "that") ||
                   is_word(t, "this")) {
            /* "them", "it": what the step before found — the web
             * search's results or the contacts */
            const json_t *last = json_array_get(out, json_array_size(out) -
                                                          1);
            const char *lt = json_string_value(json_object_get(last, "type"));
            bool web = (m && strstr(them[w], "results")) ||
                       (lt && !strcmp(lt, "web_search"));
            if (!m && !web && !(lt && !strcmp(lt, "search_contacts")))
                goto no;
            p->i += m ? m : 1;
            value = json_string(web ? "@search.results" : "@contacts");
        } else if (t->kind == TK_VAR || t->kind == TK_QUOTED ||
                   t->kind == TK_NUM) {
            value = value_of(p, VT_TEXT);
        } else if (t->kind == TK_PATH) {
            char ref[256];
            snprintf(ref, sizeof ref, "@%s", t->raw);
            value = json_string(ref);
            p->i++;
        } else {
            /* "the contact's lead score", "their company's industry":
             * the record's field, as its variable */
            char ref[160];
            if (field_ref(p, ref, sizeof ref, true))
                value = json_string(ref);
        }
        if (!value)
            goto no;
        static const char *const into[] = {"to memory", "in memory",
                                           "into memory", "in the memory",
                                           "to the memory", NULL};
        accept_list(p, into);
        /* "save the first link to the contact's linkedinUrl", "copy
         * their email into the custom field backupEmail": a field of the
         * record, set */
        char fld[128];
        int tgt = p->i;
        if (record_target(p, fld, sizeof fld)) {
            /* a whole search result is an address, for a field that
             * keeps one */
            if (!strcmp(json_string_value(value) ? json_string_value(value)
                                                 : "",
                        "@search.results[0]")) {
                if (!address_field(fld)) {
                    p->i = tgt;
                    fail(p, "which part of the result? e.g. save the top "
                            "result's title to their 'news' field");
                    goto no;
                }
                json_string_set(value, "@search.results[0].url");
            }
            char entity[16];
            snprintf(entity, sizeof entity, "%.*s",
                     (int)(strchr(fld, '.') - fld), fld);
            value = stored_value(fld, value);
            json_array_append_new(
                out, step_new("update_field",
                              json_pack("{s:s, s:s, s:o}", "entity", entity,
                                        "field", strchr(fld, '.') + 1,
                                        "value", value)));
            return true;
        }
        if (!(accept(p, "as") || accept(p, "under") || accept(p, "called") ||
              accept(p, "named"))) {
            fail(p, "under which name? e.g. remember @search.results as "
                    "'news'");
            goto no;
        }
        t = cur(p);
        if (t->kind == TK_QUOTED ||
            (t->kind == TK_WORD && custom_name(t, false))) {
            key = json_string(t->kind == TK_QUOTED ? t->text : t->raw);
            p->i++;
        }
        if (!key)
            goto no;
        accept_list(p, into);
    }
done:
    json_array_append_new(out, step_new("remember",
                                        json_pack("{s:o, s:o}", "key", key,
                                                  "value", value)));
    return true;
no:
    json_decref(key);
    json_decref(value);
    p->i = save;
    return false;
}

/* 'A', 'B' and (then) 'C': quoted names, at least one, appended to
 * names; position after them. */
static void quoted_names(struct parser *p, json_t *names)
{
    static const char *const joins[] = {"and then", "and", "then", NULL};
    const struct tok *t = cur(p);
    if (t->kind != TK_QUOTED || t->unterminated)
        return;
    json_array_append_new(names, json_string(t->text));
    p->i++;
    for (;;) {
        int back = p->i;
        accept_punct(p, ",");
        accept_list(p, joins);
        t = cur(p);
        if (p->i == back || t->kind != TK_QUOTED || t->unterminated) {
            p->i = back;
            return;
        }
        json_array_append_new(names, json_string(t->text));
        p->i++;
    }
}

/* "agent 'A'", "the 'A' agent", "agents 'A' and 'B'", "the 'A' and 'B'
 * agents": the agents named, in order, into names (none: position
 * kept). */
static void agent_names(struct parser *p, json_t *names)
{
    static const char *const nouns[] = {"agents", "agent", "sub-agents",
                                        "sub-agent", "subagent", NULL};
    int save = p->i;
    if (accept_list(p, nouns) >= 0) {
        accept(p, "named");
        accept(p, "called");
        quoted_names(p, names);
    } else {
        quoted_names(p, names);
        if (accept_list(p, nouns) < 0)
            json_array_clear(names);
    }
    /* "run the Lead Scoring agent": the words before "agent" */
    static const char *const one[] = {"agent", "sub-agent", "subagent",
                                      NULL};
    json_t *bare = json_array_size(names) ? NULL : bare_name(p, one);
    if (bare)
        json_array_append_new(names, bare);
    if (!json_array_size(names))
        p->i = save;
}

/* One run_agent step per name, in order; the last one's params
 * (borrowed), NULL when there are none. */
static json_t *append_agents(json_t *out, const json_t *names)
{
    json_t *params = NULL;
    size_t i;
    json_t *name;
    json_array_foreach(names, i, name)
    {
        params = json_pack("{s:O}", "agent", name);
        json_array_append_new(out, step_new("run_agent", params));
    }
    return params;
}

/* "Run agent 'Enrich'", "run the 'Enrich' and 'Score' agents": one
 * run_agent step per agent, in the order named. */
static bool act_run_agent(struct parser *p, json_t *out)
{
    int save = p->i;
    if (verb_at(p, lex_run_agent_verbs) < 0)
        return false;
    skip_articles(p);
    json_t *names = json_array();
    agent_names(p, names);
    if (!json_array_size(names)) {
        json_decref(names);
        p->i = save;
        return false;
    }
    size_t first = json_array_size(out);
    json_t *params = append_agents(out, names);
    json_decref(names);
    /* "on them", "for those contacts": the records in scope, which a
     * sub-agent starts with anyway */
    static const char *const them[] = {"on them", "for them", "with them",
                                       "on each of them", "for each of them",
                                       NULL};
    if (accept_list(p, them) < 0) {
        static const char *const those[] = {"on those", "on these",
                                            "for those", "for these",
                                            "on the", "for the", NULL};
        int w = list_at(p, 0, those, NULL);
        int n = w ? list_at(p, w, lex_contact_nouns, NULL) : 0;
        if (w && !n)
            n = list_at(p, w, lex_deal_nouns, NULL);
        static const char *const found[] = {"found", "we found",
                                            "you found", NULL};
        /* "on the contacts" alone is every contact: only "the contacts
         * found" is the set */
        bool the = phrase_at(p, 0, "on the") || phrase_at(p, 0, "for the");
        int f = n && the ? list_at(p, w + n, found, NULL) : 0;
        if (n && (!the || f)) {
            p->i += w + n + f;
        } else if ((is_word(cur(p), "for") || is_word(cur(p), "on")) &&
                   !list_at(p, 0, lex_each_words, NULL) &&
                   !is_word(at(p, 1), "each") &&
                   !is_word(at(p, 1), "every")) {
            /* "Run agent 'Scorer' for contacts created today", "... on
             * deals in Proposal": those, found first (or, among the
             * records in scope, those of them), are the ones it starts
             * with */
            bool deals = list_at(p, 1, lex_deal_nouns, NULL) ||
                         (is_word(at(p, 1), "all") &&
                          list_at(p, 2, lex_deal_nouns, NULL));
            json_t *who = step_audience(p, deals);
            if (who) {
                json_t *runs = json_array();
                while (json_array_size(out) > first) {
                    json_array_append(runs, json_array_get(out, first));
                    json_array_remove(out, first);
                }
                for_who_steps(out, who, runs);
            }
        }
    }
    /* "with input ...": the last agent's (the only one's, as written) */
    int back = p->i;
    if (accept(p, "with input") || accept(p, "with the input") ||
        accept(p, "passing") || accept(p, "with") || accept(p, "on")) {
        json_t *in = text_arg(p);
        if (!in && cur(p)->kind == TK_VAR) {
            in = json_string(cur(p)->raw);
            p->i++;
        }
        if (!in) /* "with the contact's email": those fields, as JSON */
            in = record_fields(p);
        if (in)
            json_object_set_new(params, "input", in);
        else
            p->i = back;
    }
    /* "... and wait for it to finish": a sub-agent's step always does
     * (its output is the step's) */
    static const char *const waits[] = {
        "and wait for it to finish", "and wait for it to complete",
        "and wait for it to be done", "and wait until it finishes",
        "and wait until it is done", "and wait until it's done",
        "and wait until it completes", "and wait for it to end",
        "and wait for it", "and wait for its result",
        "and wait for the result", NULL};
    accept_list(p, waits);
    /* "Run agent 'Score' for each contact tagged 'new'": a sub-agent runs
     * once a step, not once a contact */
    int e = list_at(p, 0, lex_each_words, NULL);
    if (e && (list_at(p, e, lex_contact_nouns, NULL) ||
              list_at(p, e, lex_deal_nouns, NULL))) {
        refuse(p, "a sub-agent runs once where its step is, not once per "
                  "contact or deal; it starts with the records in scope: "
                  "search first (Find contacts tagged 'new'. Run agent "
                  "'Score'.) or give the agent its own trigger (e.g. When a "
                  "contact is created, ...)");
        p->i = save;
        return false;
    }
    return true;
}

/* "Run agent 'A' and then agent 'B'": an agent named right after a
 * run_agent step, with no verb of its own, is run too. */
static bool act_next_agent(struct parser *p, json_t *out)
{
    if (!last_step(out, "run_agent"))
        return false;
    int save = p->i;
    skip_articles(p);
    json_t *names = json_array();
    agent_names(p, names);
    bool any = append_agents(out, names) != NULL;
    if (!any)
        p->i = save;
    json_decref(names);
    return any;
}

/* The step st is, or the one step of st when st is an if without else
 * ("Tag everyone in Germany 'dach'" of contacts already in scope is an if
 * around the tag step); NULL for anything else. The step a clause with no
 * verb of its own repeats ("... and everyone in France 'fr'"). */
static const json_t *sole_step(const json_t *st)
{
    const char *type = jx_str(st, "type");
    if (!type || strcmp(type, "if"))
        return st;
    const json_t *params = json_object_get(st, "params");
    const json_t *then = json_object_get(params, "then");
    return json_object_get(params, "else") || json_array_size(then) != 1
               ? NULL
               : json_array_get(then, 0);
}

/* The type of the last step when it is a tag step (sole_step), else
 * NULL. */
static const char *last_tag_step(const json_t *out)
{
    const char *type =
        jx_str(sole_step(json_array_get(out, json_array_size(out) - 1)),
               "type");
    return type && (!strcmp(type, "add_tag") || !strcmp(type, "remove_tag"))
               ? type
               : NULL;
}

/* "Send template 'A' now, template 'B' in a week": a template named
 * right after an email step, with no verb of its own, is another email
 * (to the same contacts). */
static bool act_next_template(struct parser *p, json_t *out)
{
    /* (the e-mail step before, perhaps before a wait: "template 'A', then
     * 2 days later template 'B'") */
    size_t n = json_array_size(out);
    while (n > 0 && !strcmp(jx_str(json_array_get(out, n - 1), "type"),
                            "wait"))
        n--;
    const json_t *mail = n ? sole_step(json_array_get(out, n - 1)) : NULL;
    const char *before = jx_str(mail, "type");
    if (!before || strcmp(before, "send_email"))
        return false;
    int save = p->i;
    json_t *params = json_object();
    /* "Send 'Welcome' now, then 'Tips' after 3 days": after an e-mail of
     * a template, a name alone is the next template */
    const json_t *prev = json_object_get(mail, "params");
    const struct tok *t = cur(p);
    if (json_object_get(prev, "template") && t->kind == TK_QUOTED &&
        !t->unterminated && !is_punct(at(p, 1), ":")) {
        json_object_set_new(params, "template", json_string(t->text));
        p->i++;
    } else if (!template_slot(p, params)) {
        return back_out(p, save, params, NULL);
    }
    /* "... template 'A' to contacts in Germany and template 'B' to
     * contacts in France": its own contacts, found first. After an e-mail
     * to some of the contacts in scope (an if around it), a template
     * with no contacts of its own is not said to be for all of them. */
    json_t *who = step_audience(p, false);
    if (!who && mail != json_array_get(out, n - 1))
        return back_out(p, save, params, NULL);
    for_who(out, who, step_new("send_email", params));
    return true;
}

static json_t *if_condition(struct parser *p, bool after_step,
                            int64_t *wait);
static void append_if(json_t *out, json_t *cond, json_t *then, json_t *els,
                      int64_t wait);

/* "Make sure", "ensure", "check that": what should be so (act_declare
 * gives it; act_continue_if goes on only where it is). */
static const char *const ensure_words[] = {
    "make sure that", "make sure", "ensure that", "ensure", "check that",
    "verify that", NULL};

/* "Only continue if the contact has an email address", "proceed only
 * when they are in Berlin": the run stops for the others (an if on the
 * condition's negation around a stop). */
static bool act_continue_if(struct parser *p, json_t *out)
{
    static const char *const verbs[] = {
        "only continue", "continue only", "only proceed", "proceed only",
        "only go on", "go on only", "only keep going", NULL};
    /* "Make sure they have an email, then ...", "check that ...": a
     * condition agentd cannot bring about, so only those who meet it go
     * on ("make sure they are tagged 'b'", a tag it can give, and "make
     * sure every new lead gets tagged 'x'" are act_declare's) */
    int save = p->i;
    bool sure = false;
    if (accept_list(p, verbs) < 0 ||
        !(is_word(cur(p), "if") || is_word(cur(p), "when"))) {
        p->i = save;
        if (!(sure = accept_list(p, ensure_words) >= 0))
            return false;
    }
    int64_t wait = 0;
    json_t *cond = NULL;
    if (sure) {
        int64_t outer = p->pending_wait;
        p->pending_wait = 0;
        cond = cond_or(p, C_IF);
        bool waits = p->pending_wait != 0;
        p->pending_wait = outer;
        static const char *const given[] = {"contact.tags", NULL};
        if (cond && (waits || cond_names(cond, given) ||
                     !(at_hard_end(p) || is_punct(cur(p), ",") ||
                       is_word(cur(p), "then")))) {
            json_decref(cond);
            cond = NULL;
        }
    } else {
        cond = if_condition(p, false, &wait);
    }
    if (!cond) {
        p->i = save;
        return false;
    }
    /* records found by a search: the others are skipped, as "skip those
     * who ..." does (a stop would end the run for all of them) */
    if (!wait && last_search(p->root)) {
        p->skip_cond = negate(cond);
        return true;
    }
    append_if(out, negate(cond), json_pack("[o]", step_new("stop", NULL)),
              NULL, wait);
    return true;
}


/* "Set their status to 'MQL' and their lead score to 60": a field and its
 * value right after an update step, with no verb of their own, are
 * another update of the same records. Only a known field followed by
 * "to" is taken, so that the words of any other step are left to it. */
static bool act_next_field(struct parser *p, json_t *out)
{
    const json_t *last = json_array_get(out, json_array_size(out) - 1);
    const char *type = jx_str(last, "type");
    if (!type || strcmp(type, "update_field"))
        return false;
    int save = p->i;
    static const char *const whose[] = {"their", "the", "its", "his",
                                        "her", "the deal's", "the contact's",
                                        "the company's", NULL};
    accept_list(p, whose);
    char f[128];
    enum lex_vtype vt;
    bool field = field_words(p, f, sizeof f, &vt) && is_word(cur(p), "to");
    p->i = save;
    if (!field)
        return false;
    p->set_said = true;
    bool ok = act_update(p, out);
    p->set_said = false;
    return ok;
}

/* "Tag contacts in Berlin as 'b' and contacts in Munich as 'm'": other
 * contacts right after a tag step, with their own tags. */
static bool act_next_tag(struct parser *p, json_t *out)
{
    const char *type = last_tag_step(out);
    if (!type)
        return false;
    int save = p->i;
    json_t *who = audience(p, true);
    /* "Tag contacts whose score > 90 as 'A', whose score is between 70
     * and 90 as 'B'": the conditions alone, for contacts of their own */
    static const char *const opens[] = {"whose", "where", "who", "that",
                                        NULL};
    if (!who && list_at(p, 0, opens, NULL)) {
        enum scope old = p->scope;
        p->scope = SC_CONTACT;
        json_t *w = where_clauses(p);
        p->scope = old;
        if (w)
            who = step_new("search_contacts", json_pack("{s:o}", "where", w));
        else
            p->i = save;
    }
    json_t *names = json_array();
    if (who && (accept(p, "as") || accept(p, "with"))) {
        accept(p, "the");
        accept(p, "tag");
        quoted_names(p, names);
    }
    if (!json_array_size(names)) {
        json_decref(who);
        json_decref(names);
        p->i = save;
        return false;
    }
    for_who(out, who, step_new(type, json_pack("{s:o}", "tags", names)));
    return true;
}

/* `step` again with the value at the position in its place: a tag's or
 * a template's name ('cold'), a field's new value ("50", "'Cold'", "to
 * Proposal"); NULL, position kept, when the step takes no such value or
 * none is there. */
static json_t *case_step(struct parser *p, const json_t *step)
{
    int save = p->i;
    const char *type = jx_str(step, "type");
    const json_t *sp = json_object_get(step, "params");
    const struct tok *t = cur(p);
    bool quoted = t->kind == TK_QUOTED && !t->unterminated;
    if (!type)
        return NULL;
    if (quoted && (!strcmp(type, "add_tag") || !strcmp(type, "remove_tag"))) {
        p->i++;
        return step_new(type, json_pack("{s:[s]}", "tags", t->text));
    }
    if (quoted && !strcmp(type, "send_email") &&
        json_object_get(sp, "template")) {
        p->i++;
        return step_new(type, json_pack("{s:s}", "template", t->text));
    }
    const char *entity = jx_str(sp, "entity"), *name = jx_str(sp, "field");
    if (strcmp(type, "update_field") || !entity || !name)
        return NULL;
    char field[160];
    snprintf(field, sizeof field, "%s.%s", entity, name);
    accept(p, "to");
    json_t *v = NULL;
    double d;
    const char *stage = !strcmp(field, "deal.stage") ? stage_of(p) : NULL;
    t = cur(p);
    if (stage)
        v = json_string(stage);
    else if (t->kind == TK_QUOTED && !t->unterminated)
        v = json_string(t->text), p->i++;
    else if (number_value(p, &d))
        v = number(d);
    else if (name_at(p, 0) && t->kind == TK_WORD)
        v = json_string(t->raw), p->i++;
    if (!v) {
        p->i = save;
        return NULL;
    }
    json_t *np = json_deep_copy(sp);
    json_object_set_new(np, "value", stored_value(field, v));
    return step_new(type, np);
}

/* "Tag them 'hot' if their score is over 80, 'warm' if between 50 and
 * 80, and 'cold' otherwise": after a step put in an if of its own, a
 * name alone before the next condition (or "otherwise") is the same step
 * with that name. */
static bool act_next_case(struct parser *p, json_t *out)
{
    json_t *last = last_step(out, "if");
    const json_t *params = json_object_get(last, "params");
    const json_t *then = json_object_get(params, "then");
    const struct tok *t = cur(p);
    static const char *const next[] = {"if", "unless", "otherwise", "else",
                                       NULL};
    if (!last || json_object_get(params, "else") ||
        json_array_size(then) != 1 || t->kind != TK_QUOTED ||
        t->unterminated || !list_at(p, 1, next, NULL))
        return false;
    json_t *st = case_step(p, json_array_get(then, 0));
    if (!st)
        return false;
    json_array_append_new(out, st);
    return true;
}

/* Whether token k starts whom a step acts on: "them", "contacts tagged
 * 'x'", "all deals", "@contact.firstName" (not a URL: "delete
 * https://..." is an HTTP call). */
static bool object_at(const struct parser *p, int k)
{
    static const char *const dets[] = {"all", "every", "the", "these",
                                       "those", "any", NULL};
    const struct tok *t = at(p, k);
    if (t->kind == TK_VAR)
        return !strncmp(t->text, "@contact", 8);
    int d = list_at(p, k, dets, NULL);
    return list_at(p, k, lex_objects, NULL) ||
           list_at(p, k + d, lex_contact_nouns, NULL) ||
           list_at(p, k + d, lex_deal_nouns, NULL) ||
           rows_at(p, k + d, &lex_adjectives[0].words,
                   sizeof lex_adjectives[0], NULL);
}

/*
 * What people ask of a CRM agent that agentd does not do, refused with
 * what to write instead: a generic "no step agentd knows" would leave
 * them guessing whether the words or the feature are missing. Tried when
 * no action read the step at `save` (so it costs nothing when one does),
 * and said over what those readings expected: the words were understood.
 * `object` rows only when whom they act on follows ("call them", not
 * "call https://...").
 */
static void refuse_absent(struct parser *p, int save)
{
    static const char delete_why[] =
        "agentd does not delete, archive or merge records: tag them "
        "instead (tag them 'to-delete') or set a field (set their status "
        "to 'Archived')";
    static const char create_why[] =
        "agentd does not create contacts, deals or companies; it works on "
        "the CRM's records and can run when one is created: e.g. When a "
        "contact is created, tag them 'new'";
    static const char note_why[] =
        "agentd keeps no notes, logged calls or meetings on a record (each "
        "step it runs is recorded as an activity of its own): create a "
        "task instead, e.g. create task: Called on Monday";
    static const char call_why[] =
        "agentd makes no phone calls: create a task for a person to call, "
        "e.g. create task: Call @contact.firstName";
    static const char sms_why[] =
        "agentd sends no SMS or text messages: send an email, a LinkedIn "
        "invitation or a Slack message, or create a task for a person to "
        "text them";
    static const char unsubscribe_why[] =
        "agentd keeps no unsubscribe list: tag them (tag them "
        "'unsubscribed') and leave that tag out of the searches that send "
        "email, e.g. find contacts not tagged 'unsubscribed'";
    static const char export_why[] =
        "agentd does not export files: send the records to a webhook "
        "instead, e.g. send POST to https://example.com/hook with body "
        "{\"email\": \"@contact.email\"}";
    static const char meeting_why[] =
        "agentd books no meetings or calendar events: hand off to a "
        "person, or create a task for one, e.g. create task: Book a demo "
        "with @contact.firstName";
    static const char write_why[] =
        "agentd writes no text of its own: send a template, or write the "
        "subject and body with @variables, e.g. send an email with subject "
        "'Hi @contact.firstName' and body '...'";
    static const char companies_why[] =
        "a search finds contacts or deals, not companies: find the "
        "contacts at them, e.g. find contacts at companies with more than "
        "1000 employees";
    static const char tasks_why[] =
        "a search finds contacts or deals, not tasks: a task's assignee "
        "sees it in their tasks; to remind people, search the deals or "
        "contacts the tasks are about, e.g. find deals closing this week "
        "and notify their owner: ...";
    static const struct absent_row {
        const char *words;
        const char *why;
        bool object;
    } rows[] = {
        {"find tasks", tasks_why, false},
        {"find all tasks", tasks_why, false},
        {"find the tasks", tasks_why, false},
        {"find open tasks", tasks_why, false},
        {"find overdue tasks", tasks_why, false},
        {"search tasks", tasks_why, false},
        {"search for tasks", tasks_why, false},
        {"get tasks", tasks_why, false},
        {"find companies", companies_why, false},
        {"find all companies", companies_why, false},
        {"find the companies", companies_why, false},
        {"search companies", companies_why, false},
        {"search for companies", companies_why, false},
        {"get companies", companies_why, false},
        {"get all companies", companies_why, false},
        {"find accounts", companies_why, false},
        {"find all accounts", companies_why, false},
        {"book a meeting", meeting_why, false},
        {"book meeting", meeting_why, false},
        {"book demo", meeting_why, false},
        {"schedule demo", meeting_why, false},
        {"schedule meeting", meeting_why, false},
        {"schedule call", meeting_why, false},
        {"book a demo", meeting_why, false},
        {"book a call", meeting_why, false},
        {"schedule a meeting", meeting_why, false},
        {"schedule a demo", meeting_why, false},
        {"schedule a call", meeting_why, false},
        {"set up a meeting", meeting_why, false},
        {"set up a call", meeting_why, false},
        {"send a calendar invite", meeting_why, false},
        {"send a meeting invite", meeting_why, false},
        {"generate", write_why, false},
        {"write a personalized", write_why, false},
        {"write a personalised", write_why, false},
        {"write an email", write_why, false},
        {"draft an email", write_why, false},
        {"draft a personalized", write_why, false},
        {"translate", write_why, false},
        {"summarize", write_why, false},
        {"summarise", write_why, false},
        {"rewrite", write_why, false},
        {"delete", delete_why, true},
        {"archive", delete_why, true},
        {"erase", delete_why, true},
        {"merge", delete_why, true},
        {"merge duplicate", delete_why, false},
        {"create a deal", create_why, false},
        {"create deal", create_why, false},
        {"create a new deal", create_why, false},
        {"add a deal", create_why, false},
        {"add a new deal", create_why, false},
        {"open a deal", create_why, false},
        {"create a contact", create_why, false},
        {"create a new contact", create_why, false},
        {"add a contact", create_why, false},
        {"add a new contact", create_why, false},
        {"create a company", create_why, false},
        {"add a company", create_why, false},
        {"add a note", note_why, false},
        {"add note", note_why, false},
        {"add a comment", note_why, false},
        {"leave a note", note_why, false},
        {"write a note", note_why, false},
        {"log a note", note_why, false},
        {"log a call", note_why, false},
        {"log the call", note_why, false},
        {"log a meeting", note_why, false},
        {"log an activity", note_why, false},
        {"call", call_why, true},
        {"phone", call_why, true},
        {"ring", call_why, true},
        {"text", sms_why, true},
        {"sms", sms_why, true},
        {"send an sms", sms_why, false},
        {"send sms", sms_why, false},
        {"send a text", sms_why, false},
        {"send a text message", sms_why, false},
        {"send them a text", sms_why, false},
        {"send them an sms", sms_why, false},
        {"send a whatsapp", sms_why, false},
        {"cc", no_copies_why, false},
        {"bcc", no_copies_why, false},
        {"unsubscribe", unsubscribe_why, true},
        {"opt out", unsubscribe_why, true},
        {"export", export_why, true},
        {"download", export_why, true},
        {"enroll", no_lists_why, true},
        {"enrol", no_lists_why, true},
        {NULL, NULL, false},
    };
    p->i = save;
    int which = -1;
    int m = TABLE_AT(p, rows, &which);
    if (!m || (rows[which].object && !object_at(p, m)))
        return;
    p->i = p->far > save + m ? p->far : save + m;
    refuse_read(p, save, rows[which].why);
    p->i = save;
}

/* The last send_email step of steps (in the order written, branches
 * included), or NULL. */
static const json_t *last_email(const json_t *steps)
{
    const json_t *found = NULL;
    size_t i;
    const json_t *st;
    json_array_foreach(steps, i, st)
    {
        const char *type = jx_str(st, "type");
        if (type && !strcmp(type, "send_email"))
            found = st;
        const json_t *params = json_object_get(st, "params");
        const json_t *in = last_email(json_object_get(params, "then"));
        const json_t *el = last_email(json_object_get(params, "else"));
        if (el)
            found = el;
        else if (in)
            found = in;
    }
    return found;
}

/* "resend it", "send the same email again", "resend the last email to
 * contacts who didn't open it": the e-mail step written before, again. */
static bool act_resend(struct parser *p, json_t *out)
{
    static const char *const verbs[] = {
        "resend", "re-send", "send it again", "send the same email again",
        "send the email again", "send the same email", "send that email "
        "again", "send it once more", "send the same message again", NULL};
    static const char *const what[] = {
        "it", "the email", "the last email", "the same email", "that email",
        "the message", "the previous email", "the first email", NULL};
    int save = p->i;
    int v = accept_list(p, verbs);
    if (v < 0)
        return false;
    /* "resend the template 'Intro' to those who didn't open it": the
     * template named is the e-mail, sent before or not */
    json_t *named = json_object();
    bool re = !strcmp(verbs[v], "resend") || !strcmp(verbs[v], "re-send");
    const struct tok *q = cur(p);
    if (re && q->kind == TK_QUOTED && !q->unterminated &&
        (is_word(at(p, 1), "to") || is_punct(at(p, 1), ",") ||
         is_punct(at(p, 1), ".") || at(p, 1)->kind == TK_EOF ||
         at(p, 1)->kind == TK_NL || is_word(at(p, 1), "again"))) {
        /* "resend 'Intro' to ...": a name alone */
        json_object_set_new(named, "template", json_string(q->text));
        p->i++;
    }
    if (json_object_size(named) || (re && template_slot(p, named))) {
        accept(p, "again");
        json_t *who = step_audience(p, false);
        for_who(out, who, step_new("send_email", named));
        return true;
    }
    json_decref(named);
    if (!strcmp(verbs[v], "resend") || !strcmp(verbs[v], "re-send"))
        accept_list(p, what);
    accept(p, "again");
    const json_t *mail = last_email(p->root);
    if (!mail)
        mail = last_email(out);
    if (!mail) {
        refuse_read(p, save, "resend which email? send it first: e.g. "
                             "send template 'Intro', wait 3 days, and if "
                             "they haven't opened it, resend it");
        p->i = save;
        return false;
    }
    json_t *who = step_audience(p, false);
    for_who(out, who,
            step_new("send_email",
                     json_deep_copy(json_object_get(mail, "params"))));
    return true;
}

/* "Skip contacts tagged 'dnc'", "exclude anyone tagged 'customer'",
 * "ignore contacts without an email address": among the records in
 * scope, those are left out of the steps after it (p->skip_cond). */
static bool act_skip(struct parser *p, json_t *out)
{
    (void)out;
    static const char *const verbs[] = {
        "skip over", "skip", "exclude", "ignore", "leave out", "filter out",
        "don't contact", "do not contact", "never contact", "don't email",
        "do not email", "never email", "stop for", "stop here for",
        "stop the workflow for", "stop the sequence for", "stop the run for",
        "stop the flow for", "stop the process for", NULL};
    int save = p->i;
    if (accept_list(p, verbs) < 0)
        return false;
    /* "Skip contacts in @memory.processedContacts": those whose ids a
     * remember step listed ("remember them as 'processedContacts'") */
    static const char *const listed[] = {
        "contacts in", "contacts already in", "the contacts in",
        "those in", "those already in", "anyone in", "anyone already in",
        "leads in", "people in", "deals in", "deals already in",
        "the deals in", NULL};
    int li = -1, lm = list_at(p, 0, listed, &li);
    const struct tok *mv = at(p, lm);
    json_t *who = NULL;
    if (lm && mv->kind == TK_VAR && !strncmp(mv->raw, "@memory.", 8)) {
        p->i += lm + 1;
        bool deal = strstr(listed[li], "deals") || p->scope == SC_DEAL;
        json_t *in = leaf(mv->raw + 1, "contains",
                          json_string(deal ? "@deal.id" : "@contact.id"));
        who = step_new("if", json_pack("{s:o}", "condition", in));
    } else {
        who = audience(p, true);
    }
    json_t *cond = audience_cond(who);
    if (!cond) {
        json_decref(who);
        p->i = save;
        return false;
    }
    if (!set_in_scope(p)) {
        refuse_read(p, save, "skip them among which contacts? find them "
                             "first: e.g. Find contacts in Berlin, skip "
                             "those tagged 'dnc' and send template 'X'");
        json_decref(who);
        p->i = save;
        return false;
    }
    p->skip_cond = json_incref(cond);
    json_decref(who);
    return true;
}

/* "no more than 50 per day", "limit to 100 emails a day", "throttle
 * sends", "only run on weekdays", "don't send on weekends": what the
 * agent's settings or its schedule say, not a step; refused with where it
 * goes. False (position kept): the words are none of these. */
static bool act_refused_setting(struct parser *p, json_t *out)
{
    (void)out;
    int save = p->i;
    /* "send me a list of hot leads", "email me a report of new deals":
     * a notification says what is written for it */
    static const char *const listing[] = {
        "send me a list of", "email me a list of", "give me a list of",
        "send me a report of", "email me a report of", "send me a summary of",
        "email me a summary of", "send me a digest of", "email me a digest of",
        "send me a weekly report of", "send me a daily report of",
        "send a list of", "post a list of", NULL};
    if (accept_list(p, listing) >= 0) {
        refuse_read(p, save,
                    "agentd writes no lists or reports of records: a "
                    "message says what is written for it, with a count if "
                    "asked (e.g. notify me with the number of new leads), "
                    "or one notification per record (e.g. find new leads "
                    "and notify me: New lead @contact.firstName)");
        p->i = save;
        return false;
    }
    /* "assign them round robin between @user.a and @user.b" */
    static const char *const split[] = {"round robin", "round-robin",
                                        "half of", "evenly between",
                                        "split between", NULL};
    for (int k = 0, m; k < 4 && at(p, k)->kind == TK_WORD; k++)
        if ((m = list_at(p, k, split, NULL))) {
            refuse_words(p, save, save + k + m,
                         "a hand-off goes to one member: agentd does not "
                         "share records out between members; write a "
                         "search for each (e.g. contacts in Berlin to "
                         "@user.a, contacts in Munich to @user.b)");
            return false;
        }
    accept(p, "but");
    static const char *const cap[] = {
        "no more than", "not more than", "at most", "limit to", "limit it to",
        "limit sends to", "limit emails to", "cap at", "cap it at",
        "max", "maximum", "maximum of", "throttle sends to",
        "throttle emails to", "throttle to", NULL};
    static const char *const per[] = {"per day", "a day", "per hour",
                                      "an hour", "each day", "daily",
                                      "per week", "a week", NULL};
    int64_t n;
    if (accept_list(p, cap) >= 0 && count_value(p, &n)) {
        static const char *const what[] = {
            "emails", "e-mails", "contacts", "invites", "invitations",
            "messages", "sends", "runs", NULL};
        accept_list(p, what);
        if (accept_list(p, per) >= 0) {
            refuse_read(p, save, per_day_why);
            p->i = save;
            return false;
        }
    }
    p->i = save;
    static const char *const days[] = {
        "only run on weekdays", "only on weekdays",
        "only run on business days", "run on weekdays",
        "run only on weekdays", "run on business days",
        "run only on business days",
        "don't send emails on weekends", "don't send on weekends",
        "do not send emails on weekends", "do not send on weekends",
        "never on weekends", "not on weekends", "don't run on weekends",
        "do not run on weekends", "skip weekends", NULL};
    if (accept_list(p, days) >= 0) {
        refuse_read(p, save,
                    "the days an agent runs are its schedule's: e.g. every "
                    "weekday at 9am, ... (a run's waits still count every "
                    "day)");
        p->i = save;
    }
    return false;
}

/* One thing whom a declare step names should get ("be tagged 'x'", "get
 * template 'Recap'", "be handed off to @user.ae", "be enriched"), as its
 * step; NULL (position kept) when the words are none of these. */
static json_t *declared_step(struct parser *p)
{
    /* (also said as what happens: "gets tagged 'x'", "receives
     * template 'Y'", "goes to @user.ae") */
    static const char *const tagged[] = {
        "be tagged with", "be tagged as", "be tagged", "get tagged",
        "get the tags", "get the tag", "be given the tag", "receive the tag",
        "tagged with", "tagged as", "tagged", "gets tagged with",
        "gets tagged as", "gets tagged", "get tagged with", "get tagged as",
        "gets the tag", "receives the tag", NULL};
    static const char *const mailed[] = {"get", "receive", "be sent",
                                         "be emailed", "get sent", "sent",
                                         "gets", "receives", "gets sent",
                                         "is sent", "are sent", NULL};
    static const char *const handed[] = {
        "be handed off to", "be handed over to", "be handed to",
        "be assigned to", "be passed to", "be routed to", "go to",
        "handed off to", "assigned to", "goes to", "goes straight to",
        "go straight to", "gets handed off to", "gets assigned to",
        "is handed off to", "is assigned to", "is routed to", NULL};
    static const char *const enriched[] = {"be enriched", "get enriched",
                                           "enriched", "gets enriched",
                                           "is enriched", NULL};
    int save = p->i;
    json_t *params = json_object();
    const char *type = NULL;
    if (accept_list(p, tagged) >= 0) {
        json_t *names = json_array();
        quoted_names(p, names);
        if (!json_array_size(names)) { /* "get tagged hot" */
            json_decref(names);
            names = name_list(p, true);
        }
        if (json_array_size(names)) {
            type = "add_tag";
            json_object_set(params, "tags", names);
        }
        json_decref(names);
    } else if (accept_list(p, handed) >= 0) {
        json_t *to = is_member_var(cur(p)) ? person(p) : NULL;
        if (to) {
            type = "handoff";
            json_object_set_new(params, "to", to);
        }
    } else if (accept_list(p, enriched) >= 0) {
        type = "enrich_contact";
    } else if (accept_list(p, mailed) >= 0) {
        /* "get template 'Recap'", "receive an email with template 'X'",
         * "be sent the 'Recap' template" */
        static const char *const mail[] = {"an email", "the email", "email",
                                           "an e-mail", NULL};
        accept_list(p, mail);
        if (!accept(p, "using"))
            accept(p, "with");
        if (template_slot(p, params))
            type = "send_email";
    }
    if (!type) {
        json_decref(params);
        p->i = save;
        return NULL;
    }
    return step_new(type, params);
}

/*
 * "Contacts tagged 'webinar' should get template 'Recap'", "Every lead in
 * Berlin must be tagged 'berlin' and enriched", "Leads with a score over
 * 80 should be handed off to @user.ae", "Make sure every contact in
 * Germany has the tag 'de'": whom, then what they should get — the steps
 * for them.
 */
static bool act_declare(struct parser *p, json_t *out)
{
    int save = p->i;
    bool sure = accept_list(p, ensure_words) >= 0;
    /* "Find contacts in Berlin. Make sure they are tagged 'b'", "... that
     * they get template 'Hi'", "... they have the tag 'b'": those */
    static const char *const they[] = {"they all", "they", "all of them",
                                       "each of them", NULL};
    if (sure && set_in_scope(p) && accept_list(p, they) >= 0) {
        static const char *const are[] = {"are all", "all are", "are",
                                          NULL};
        static const char *const have[] = {"all have", "have", NULL};
        json_t *st = NULL;
        if (accept_list(p, have) >= 0)
            accept(p, "the");
        else
            accept_list(p, are);
        if (accept(p, "tags") || accept(p, "tag")) {
            json_t *names = json_array();
            quoted_names(p, names);
            if (json_array_size(names))
                st = step_new("add_tag", json_pack("{s:O}", "tags", names));
            json_decref(names);
        } else {
            st = declared_step(p);
        }
        if (st) {
            json_array_append_new(out, st);
            return true;
        }
    }
    p->i = save;
    sure = accept_list(p, ensure_words) >= 0;
    /* "I want every new contact from Germany to get the 'DE' template":
     * whom, then "to" and what they should get */
    static const char *const want[] = {"i want", "i'd like", "i would like",
                                       "we want", "we'd like", NULL};
    bool wanted = !sure && accept_list(p, want) >= 0;
    static const char *const modal[] = {
        "should", "must", "need to", "needs to", "have to", "has to",
        "are to", "is to", NULL};
    static const char *const to[] = {"to", NULL};
    /* (whom is read only where a modal's first word comes after it) */
    static const char *const modal_word[] = {"should", "must", "need",
                                             "needs", "have", "has", "are",
                                             "is", "gets", "get", "receives",
                                             "receive", "goes", NULL};
    if (!sure && !wanted && !word_within(p, 24, modal_word)) {
        p->i = save;
        return false;
    }
    /* "New leads from Google Ads should get template 'Ads'": new
     * contacts, as they come in, are the agent's trigger (its first
     * words only) */
    /* "Every new lead gets tagged 'x'": what happens, with no modal */
    static const char *const now[] = {"gets", "receives", "goes", "is",
                                      "get", "receive", NULL};
    json_t *event = NULL;
    if (p->depth == 1 && !p->opened_by && !p->tail_trigger &&
        json_array_size(p->root) == 0 && json_array_size(out) == 0) {
        int at_who = p->i;
        static const char *const all[] = {"all", "every", "any", "each",
                                          NULL};
        accept_list(p, all);
        if (is_word(cur(p), "new"))
            event = event_clause(p);
        if (event && !list_at(p, 0, wanted ? to : modal, NULL) &&
            (wanted || !list_at(p, 0, now, NULL))) {
            json_decref(event);
            event = NULL;
        }
        if (!event)
            p->i = at_who;
    }
    json_t *who = event ? NULL : step_audience(p, false);
    json_t *steps = json_array();
    if ((who || event) && (accept_list(p, wanted ? to : modal) >= 0 ||
                           (!wanted && list_at(p, 0, now, NULL)))) {
        for (json_t *st; (st = declared_step(p));) {
            /* "... and receives template 'B' after one day": its wait */
            int64_t delay = trailing_delay(p);
            if (delay > 0)
                json_array_append_new(steps, wait_step(delay));
            json_array_append_new(steps, st);
            int back = p->i;
            if (!accept(p, "and") && !accept_punct(p, ","))
                break;
            accept(p, "and");
            static const char *const more[] = {
                "be", "get", "receive", "tagged", "enriched", "sent",
                "assigned", "handed", "gets", "receives", "goes", "is",
                NULL};
            if (!list_at(p, 0, more, NULL)) {
                p->i = back; /* "... and notify me": a step of its own */
                break;
            }
        }
    } else if (who && sure) {
        /* "make sure every contact in Germany has the tag 'de'": the
         * search read the tag as its last condition; it is the one to
         * give them */
        json_t *where = json_object_get(json_object_get(who, "params"),
                                        "where");
        json_t *list = json_object_get(where, "and");
        json_t *last = list ? json_array_get(list, json_array_size(list) - 1)
                            : where;
        const char *f = jx_str(last, "field");
        if (f && !strcmp(f, "contact.tags") &&
            !strcmp(jx_str(last, "operator"), "contains") &&
            json_is_string(json_object_get(last, "value"))) {
            json_array_append_new(
                steps, step_new("add_tag",
                                json_pack("{s:[O]}", "tags",
                                          json_object_get(last, "value"))));
            json_t *params = json_object_get(who, "params");
            if (list && json_array_size(list) > 2)
                json_array_remove(list, json_array_size(list) - 1);
            else if (list) /* one condition left: itself */
                json_object_set(params, "where", json_array_get(list, 0));
            else
                json_object_del(params, "where");
        }
    }
    if ((!who && !event) || !json_array_size(steps)) {
        json_decref(who);
        json_decref(event);
        json_decref(steps);
        p->i = save;
        return false;
    }
    if (event)
        keep_trigger(p, event);
    for_who_steps(out, who, steps);
    return true;
}

/* "Make @user.bob the owner of contacts in Berlin", "assign @user.ana
 * as owner of deals over 100k", "make @user.bob their owner": the member
 * set as the records' owner (their ownerId), for the records named after
 * "of" or the ones in scope. */
static bool act_make_owner(struct parser *p, json_t *out)
{
    static const char *const verbs[] = {"make", "assign", "set", "name",
                                        "appoint", NULL};
    static const char *const owner[] = {
        "the owner", "owner", "the new owner", "new owner", "the account "
        "owner", "account owner", "the record owner", NULL};
    static const char *const theirs[] = {
        "their owner", "its owner", "their new owner", "its new owner",
        "the owner of the deal", "the owner of the contact",
        "the deal owner", "the contact owner", "the deal's owner",
        "the contact's owner", NULL};
    int save = p->i;
    if (verb_at(p, verbs) < 0 || !is_member_var(cur(p)))
        goto no;
    const char *member = cur(p)->raw;
    p->i++;
    accept(p, "as");
    int t = accept_list(p, theirs);
    json_t *who = NULL;
    bool deals;
    if (t >= 0) {
        /* the records in scope, or the one a named entity says */
        deals = strstr(theirs[t], "deal") ||
                (!strstr(theirs[t], "contact") && about_deals(p, out, NULL,
                                                              false));
    } else if (accept_list(p, owner) >= 0 && said_alone_at(p, 0) &&
               (set_in_scope(p) || deals_in_scope(p, out))) {
        /* "find deals over 100k and make @user.ana the owner" */
        deals = about_deals(p, out, NULL, false);
    } else if (p->i > save + 2 && is_word(at(p, -1), "owner") &&
               accept(p, "of")) {
        /* "of contacts in Berlin" / "of deals over 100k": found first */
        deals = false;
        if (!(who = step_audience(p, false)))
            deals = (who = step_audience(p, true)) != NULL;
        if (!who)
            goto no;
        deals = !strcmp(jx_str(who, "type"), "search_deals");
    } else {
        goto no;
    }
    for_who(out, who, owner_step(deals ? "deal" : "contact", member));
    return true;
no:
    p->i = save;
    return false;
}

/* "Re-engage contacts tagged 'cold' by sending template 'X'", "flag
 * deals without a close date by notifying their owner: ...": a verb that
 * says what for, the records, and "by" with the step that does it (as
 * its -ing form), which is the step for those records. */
static bool act_purpose(struct parser *p, json_t *out)
{
    static const char *const verbs[] = {
        "re-engage", "reengage", "re engage", "nurture", "reward", "flag",
        "follow up with", "warm up", "engage", "chase", "chase up",
        "recognize", "recognise", "celebrate", "handle", "process",
        "onboard", "activate", "reactivate", "re-activate", "win back",
        "prioritize", "prioritise", "qualify", "disqualify", "clean up",
        NULL};
    static const char *const them[] = {"them", "it", "those", "these",
                                       "the contact", "the deal",
                                       "the lead", NULL};
    int save = p->i;
    if (verb_at(p, verbs) < 0)
        return false;
    json_t *who = NULL;
    /* ("process new leads by ...": those of the contact_created event) */
    if (accept_list(p, them) < 0 && !object_trigger(p) &&
        !(who = step_audience(p, true)))
        who = step_audience(p, false);
    const struct tok *g = at(p, 1);
    if (p->i == save + 1 || !is_word(cur(p), "by") || g->kind != TK_WORD ||
        !ing_stem(g->text)) {
        json_decref(who);
        return back_out(p, save, NULL, NULL);
    }
    p->i++;
    /* (the records first, so that the step reads them as in scope:
     * "their owner" after deals is each deal's) */
    size_t had = json_array_size(out);
    const char *type = who ? jx_str(who, "type") : NULL;
    enum scope old = p->scope;
    if (type && !strcmp(type, "search_deals"))
        p->scope = SC_DEAL;
    else if (type && !strcmp(type, "search_contacts"))
        p->scope = SC_CONTACT;
    json_t *dest = who_then(out, who);
    size_t before = json_array_size(dest);
    p->gerund_at = p->i;
    bool ok = parse_step(p, dest, M_INLINE);
    /* "... by enriching them and tagging them 'done'": more of them */
    for (;;) {
        int back = p->i;
        accept_punct(p, ",");
        accept(p, "and");
        accept(p, "then");
        if (!ok || p->i == back || cur(p)->kind != TK_WORD ||
            !ing_stem(cur(p)->text)) {
            p->i = back;
            break;
        }
        p->gerund_at = p->i;
        if (!parse_step(p, dest, M_INLINE)) {
            p->i = back;
            break;
        }
    }
    p->gerund_at = 0;
    if (!ok || json_array_size(dest) == before) {
        p->scope = old;
        while (json_array_size(out) > had)
            json_array_remove(out, json_array_size(out) - 1);
        return back_out(p, save, NULL, NULL);
    }
    return true;
}

/* "Give each contact a lead score of 5", "assign a lead score of 90 to
 * contacts with title CEO", "give them a status of 'MQL'": a field of
 * the contacts set to the value after "of" ("every new lead" is not read
 * here: its event's conditions would take the field's words). */
static bool act_give_field(struct parser *p, json_t *out)
{
    static const char *const verbs[] = {"give", "assign", NULL};
    static const char *const them[] = {"them", "each of them", "each",
                                       "him", "her", "the contact",
                                       "the lead", "each contact",
                                       "each lead", "all of them", NULL};
    static const char *const art[] = {"a", "an", "the", NULL};
    int save = p->i;
    if (verb_at(p, verbs) < 0)
        return false;
    /* whom first ("give them a ..."), or after the value ("... to X") */
    json_t *who = NULL;
    bool before = accept_list(p, them) >= 0 ||
                  (who = step_audience(p, false)) != NULL;
    char field[128];
    enum lex_vtype vt;
    json_t *v = NULL;
    if (accept_list(p, art) >= 0 && field_words(p, field, sizeof field, &vt) &&
        !strncmp(field, "contact.", 8) && vt != VT_TAGS && accept(p, "of"))
        v = value_of(p, vt);
    if (!v) {
        json_decref(who);
        return back_out(p, save, NULL, NULL);
    }
    if (!before) {
        int to = p->i;
        if (!(who = step_audience(p, false)) &&
            !(accept(p, "to") && accept_list(p, them) >= 0))
            p->i = to;
    }
    for_who(out, who,
            step_new("update_field",
                     json_pack("{s:s, s:s, s:o}", "entity", "contact",
                               "field", field + 8,
                               "value", stored_value(field, v))));
    return true;
}

typedef bool (*action_fn)(struct parser *p, json_t *out);

/* Tried in order; the first that consumes the words wins. Specific forms
 * (a channel, a URL, "linkedin") come before the general ones they
 * resemble ("send ..."). */
static const action_fn actions[] = {
    act_purpose,  act_give_field,
    act_wait,     act_make_owner, act_handoff, act_approval, act_slack,
    act_http,     act_linkedin,  act_notify,   act_task,
    act_remember, act_retag,     act_untag,    act_tag,
    act_web_search,
    act_count,    act_search,    act_email,    act_mark,     act_update,
    act_clear,
    act_enrich,   act_run_agent, act_stop,     act_next_template,
    act_next_agent, act_skip,   act_resend,   act_declare,
    act_next_tag, act_next_case, act_continue_if, act_next_field,
    act_refused_setting, NULL,
};

/* ---- structure ------------------------------------------------------ */

static int line_indent(const struct parser *p, int j)
{
    while (j > 0 && !p->t[j].bol)
        j--;
    return p->t[j].indent;
}

static bool parse_if(struct parser *p, json_t *out, enum mode m);

/* A block after "if ...": in parentheses, indented lines, or the rest of
 * the sentence. */
static bool parse_block(struct parser *p, int owner_indent, json_t *steps)
{
    if (accept_punct(p, "(")) {
        p->paren++;
        bool ok = parse_steps(p, M_PAREN, 0, steps);
        p->paren--;
        if (!ok)
            return false;
        if (!accept_punct(p, ")")) {
            fail(p, "expected ')'");
            return false;
        }
        return true;
    }
    if (cur(p)->kind == TK_NL) {
        const struct tok *next = at(p, 1);
        if (next->indent > owner_indent) {
            p->i++;
            return parse_steps(p, M_INDENT, owner_indent, steps);
        }
        /* "If they replied:\n- tag them 'a'\n- notify me: ...": the
         * items of a list under the colon, at the if's own indentation,
         * are its steps (an item that is an else is the else's) */
        if (is_punct(at(p, -1), ":") && next->kind == TK_MARK &&
            !else_at(p, 2)) {
            while (cur(p)->kind == TK_NL && at(p, 1)->kind == TK_MARK &&
                   at(p, 1)->indent == next->indent && !else_at(p, 2)) {
                p->i += 2;
                if (!parse_steps(p, M_INDENT, owner_indent, steps))
                    return false;
            }
            return true;
        }
        fail(p, "the steps of this 'if' should be indented below it");
        return false;
    }
    /* "When a deal moves to Closed Won: 1. Send ... 2. Create ...": a
     * numbered list right after the colon is all the if's */
    if (cur(p)->kind == TK_MARK && is_punct(at(p, -1), ":"))
        return parse_steps(p, M_TOP, 0, steps);
    return parse_steps(p, M_INLINE, 0, steps);
}

/* How many sentence ends (".", ";", "!", a line's end) there are from
 * offset k on. */
static int stops_at(const struct parser *p, int k)
{
    int n = 0;
    while (is_punct(at(p, k + n), ".") || is_punct(at(p, k + n), ";") ||
           is_punct(at(p, k + n), "!") || at(p, k + n)->kind == TK_NL)
        n++;
    return n;
}

/* How many tokens at offset k are a step's label, "Step 2:" (also "Step
 * 2.", "Step 2)", "Step 2 -"); 0 if none. */
static int step_label_at(const struct parser *p, int k)
{
    const struct tok *n = at(p, k + 2);
    return is_word(at(p, k), "step") && at(p, k + 1)->kind == TK_NUM &&
                   (is_punct(n, ":") || is_punct(n, ".") ||
                    is_punct(n, ")") || is_punct(n, "-"))
               ? 3
               : 0;
}

/*
 * The else of an if, if one follows: inline (", else"), next sentence
 * (". Else"), a line at the same indentation as the if, or the next
 * labelled step ("Step 3: otherwise ..."). *els is NULL when there is
 * none; false when there is one that does not parse.
 */
static bool parse_else(struct parser *p, int indent, json_t **els)
{
    *els = NULL;
    int back = p->i;
    bool has_else = false;
    accept_punct(p, ",");
    if (else_at(p, 0)) {
        has_else = true;
    } else {
        p->i = back;
        if ((is_punct(cur(p), ".") || is_punct(cur(p), ";")) &&
            else_at(p, 1)) {
            p->i++;
            has_else = true;
        } else if (cur(p)->kind == TK_NL && else_at(p, 1) &&
                   at(p, 1)->indent == indent) {
            p->i++;
            has_else = true;
        } else if (cur(p)->kind == TK_NL && at(p, 1)->kind == TK_MARK &&
                   else_at(p, 2) && at(p, 1)->indent == indent) {
            /* "- If they replied: tag them\n- Otherwise: ..." */
            p->i += 2;
            has_else = true;
        } else {
            /* "Step 2: if they replied, ... Step 3: otherwise ..." */
            int k = stops_at(p, 0);
            int s = step_label_at(p, k);
            if (s && else_at(p, k + s)) {
                p->i += k + s;
                has_else = true;
            }
        }
    }
    if (!has_else) {
        p->i = back;
        return true;
    }
    p->i += else_at(p, 0); /* else, otherwise, if not */
    accept_punct(p, ",");
    accept_punct(p, ":");
    p->in_at = 0; /* (the other branch counts from the if too) */
    *els = json_array();
    /* "Tag them 'opened' if they opened it, otherwise 'not-opened'",
     * "set the lead score to 50 if ..., otherwise 10": the step the if
     * runs, with that value */
    int v = p->i;
    json_t *st = p->else_of ? case_step(p, p->else_of) : NULL;
    if (st && (at_hard_end(p) || is_punct(cur(p), ","))) {
        json_array_append_new(*els, st);
        return true;
    }
    json_decref(st);
    p->i = v;
    if (is_word(cur(p), "if") ? parse_if(p, *els, M_INLINE)
                              : parse_block(p, indent, *els))
        return true;
    json_decref(*els);
    *els = NULL;
    return false;
}

static const char *const if_words[] = {
    "if", "when", "whenever", "in case", "only if", "each time", "every time",
    "as soon as", "once", NULL};

/* What answers a check with yes: "if yes", "if so", "if they did". */
static bool check_yes(struct parser *p)
{
    static const char *const yes[] = {
        "if yes", "if so", "if they did", "if they have", "if it is",
        "if it does", "if they do", "if that's the case",
        "if that is the case", "if true", "if it did", NULL};
    int save = p->i;
    if (accept_list(p, yes) < 0)
        return false;
    const struct tok *t = cur(p);
    if (is_punct(t, ",") || is_punct(t, ":") || is_word(t, "then") ||
        (starts_step_word(t) && !is_word(t, "if")))
        return true;
    p->i = save;
    return false;
}

/* "On deal won, ...", "on a deal lost": "on" before a deal (not "On the
 * first Monday ...", a schedule's). */
static bool on_deal(const struct parser *p)
{
    int k = is_word(at(p, 1), "a") || is_word(at(p, 1), "the") ? 2 : 1;
    return is_word(cur(p), "on") && is_word(at(p, k), "deal");
}

/* Whether field is another than `first` (a cond_any_field test). */
static bool other_field(const char *field, const void *first)
{
    return strcmp(field, first) != 0;
}

/* The field of a condition's first leaf, or NULL. */
static const char *first_field(const json_t *c)
{
    const char *f = jx_str(c, "field");
    if (f)
        return f;
    const json_t *n = json_object_get(c, "not");
    if (n)
        return first_field(n);
    const json_t *list = cond_list(c);
    return json_array_size(list) ? first_field(json_array_get(list, 0))
                                 : NULL;
}

/*
 * "if <condition>" (also "when", "once", "as soon as"...; "unless", which
 * negates): the condition, and in *wait the delay it
 * implies ("no reply after 5 days"). NULL, with the position kept, when
 * there is none.
 */
static json_t *if_condition(struct parser *p, bool after_step, int64_t *wait)
{
    int save = p->i;
    bool neg = false;
    if (after_step) {
        accept_punct(p, ",");
        accept(p, "but");
    }
    neg = accept(p, "unless");
    /* "After a deal is won, ...": an event, so a condition on it ("after
     * 3 days" is a delay, read elsewhere) */
    bool after = false;
    int opener = p->i;
    /* "Should they reply, notify me": "should" before its subject is an
     * if */
    static const char *const subjects[] = {"they", "he", "she", "it",
                                           "the contact", "the lead",
                                           "the deal", "this contact",
                                           "this deal", NULL};
    bool should = !neg && !after_step && is_word(cur(p), "should") &&
                  list_at(p, 1, subjects, NULL);
    if (should)
        p->i++;
    if (!neg && !should && accept_list(p, if_words) < 0 &&
        (after_step || accept_list(p, check_words) < 0)) {
        /* also after a step: "send template 'NPS' 30 days after their
         * deal is won" (the stage test below keeps "after they reply"
         * out) */
        after = accept(p, "after") || accept(p, "upon") ||
                (!after_step && on_deal(p) && accept(p, "on"));
        if (!after) {
            p->i = save;
            return NULL;
        }
        /* "After 7 days without a reply, ...": the wait, then the check */
        static const char *const silent[] = {
            "without a reply", "without any reply", "with no reply",
            "without a response", "with no response", "without an answer",
            "with no answer", "of no reply", "of no response", "of silence",
            "without replying", "without hearing back", NULL};
        int cond_at = p->i;
        int64_t secs;
        skip_further(p);
        if (duration(p, &secs, NULL, NULL) && accept_list(p, silent) >= 0) {
            *wait = secs;
            return leaf("contact.replied", "==", json_false());
        }
        p->i = cond_at;
    }
    int64_t outer_wait = p->pending_wait;
    p->pending_wait = 0;
    bool outer_if = p->if_cond;
    p->if_cond = true;
    json_t *cond = cond_or(p, C_IF);
    p->if_cond = outer_if;
    *wait = p->pending_wait;
    p->pending_wait = outer_wait;
    /* "If the deal is still in Proposal after 5 days, notify me": the
     * check is made then, so the wait goes first (as "no reply after 5
     * days" does); a time after it that ends the clause, not "after 3
     * days ago" */
    if (cond && !*wait && !after && is_word(cur(p), "after")) {
        int back = p->i++;
        int64_t secs;
        if (!duration(p, &secs, NULL, NULL) ||
            !(said_alone_at(p, 0) || is_punct(cur(p), ":") ||
              starts_step_word(cur(p))))
            p->i = back;
        else
            *wait = secs;
    }
    if (cond && after && !cond_names_stage(cond)) {
        json_decref(cond);
        cond = NULL;
    }
    if (cond && !neg && watches_record(p, opener, cond)) {
        json_decref(cond);
        cond = NULL;
    }
    if (!cond) {
        p->i = save;
        return NULL;
    }
    const char *f = first_field(cond);
    snprintf(p->case_field, sizeof p->case_field, "%s",
             f && !cond_any_field(cond, other_field, f) ? f : "");
    return neg ? negate(cond) : cond;
}

/* An if step (and the wait its condition implies, "no reply after 5
 * days"), appended to out. Takes cond, then and els. */
static void append_if(json_t *out, json_t *cond, json_t *then, json_t *els,
                      int64_t wait)
{
    if (wait > 0)
        json_array_append_new(out, wait_step(wait));
    json_t *params = json_pack("{s:o, s:o}", "condition", cond, "then", then);
    if (els && json_array_size(els))
        json_object_set_new(params, "else", els);
    else
        json_decref(els);
    json_array_append_new(out, step_new("if", params));
}

/* "skip them", "ignore them", "do nothing": what a condition's records
 * get when they are left out */
static const char *const skip_them[] = {
    "skip them", "skip it", "skip this contact", "skip the contact",
    "skip this lead", "skip those", "skip that contact", "skip",
    "ignore them", "ignore it", "ignore the contact", "exclude them",
    "leave them out", "leave them alone", "do nothing",
    "don't do anything", "do not do anything", "move on", NULL};

/* One of `skip` (skip_them, or the words that leave out an e-mail) as the
 * whole of what a condition gets: its length (before the end of the
 * clause), or 0. */
static int skip_words(const struct parser *p, const char *const *skip)
{
    int m = list_at(p, 0, skip, NULL);
    if (!m)
        return 0;
    const struct tok *t = at(p, m);
    bool end = t->kind == TK_EOF || t->kind == TK_NL || t->kind == TK_MARK ||
               is_punct(t, ".") || is_punct(t, ";") || is_punct(t, ",") ||
               is_punct(t, "!");
    return end ? m : 0;
}

/* Whether field is `other` (a cond_any_field test). */
static bool same_field(const char *field, const void *other)
{
    return !strcmp(field, other);
}

/* Whether field is one that condition c tests (a cond_any_field test). */
static bool field_of_cond(const char *field, const void *c)
{
    return cond_any_field(c, same_field, field);
}

/*
 * "If the size is over 1000, tag them 'ent'; if between 100 and 1000,
 * tag them 'mid'; otherwise tag them 'smb'": the otherwise of the last if
 * in out is also that of the ifs before it on the same fields — the cases
 * are one chain (if, else if, else), so it runs only where none held, and
 * one contact is not both 'ent' and 'smb'. An if on other fields stays
 * apart ("If they replied, tag them 'r'. If they are in Berlin, tag them
 * 'b', otherwise ...": the otherwise is Berlin's alone).
 */
static void chain_cases(json_t *out)
{
    size_t n = json_array_size(out), k = n - 1;
    const json_t *cond =
        json_object_get(json_object_get(json_array_get(out, k), "params"),
                        "condition");
    while (k > 0) {
        const json_t *prev = json_array_get(out, k - 1);
        const json_t *params = json_object_get(prev, "params");
        if (strcmp(jx_str(prev, "type"), "if") ||
            json_object_get(params, "else") ||
            !cond_any_field(json_object_get(params, "condition"),
                            field_of_cond, cond))
            break;
        k--;
    }
    for (size_t j = n - 1; j > k; j--) { /* each case into the one before */
        json_t *step = json_incref(json_array_get(out, j));
        json_array_remove(out, j);
        json_object_set_new(
            json_object_get(json_array_get(out, j - 1), "params"), "else",
            json_pack("[o]", step));
    }
}

/* "if there are new contacts", "if there are no deals in Negotiation":
 * the records, searched for in a step of their own put at `at` in out,
 * and whether the search found any (@steps.N.output.count), after the
 * if-word. Only at the top, before any records are chosen (the steps
 * after it work on the ones found). NULL (position and out kept)
 * otherwise. */
static json_t *there_are(struct parser *p, json_t *out, size_t at)
{
    static const char *const are[] = {
        "there are", "there is", "there's", "there aren't", "there isn't",
        "there are not", "there is not", NULL};
    int save = p->i, a = -1;
    if (!list_at(p, 1, are, &a) || accept_list(p, if_words) < 0 ||
        accept_list(p, are) < 0 || p->depth != 1) {
        p->i = save;
        return NULL;
    }
    bool none = accept(p, "no") || accept(p, "not any") || accept(p, "none");
    if (!none && (strstr(are[a], "n't") || strstr(are[a], " not")))
        none = accept(p, "any"); /* "if there aren't any" */
    if (!none && !accept(p, "any"))
        accept(p, "some");
    /* "Find contacts in Berlin. If there are any, tag them": the search
     * before's count */
    int k = records_search_at(p);
    if (k > 0 && (is_punct(cur(p), ",") || is_word(cur(p), "then"))) {
        char ref[48];
        snprintf(ref, sizeof ref, "steps.%d.output.count", k);
        return leaf(ref, none ? "==" : ">", json_integer(0));
    }
    if (set_in_scope(p)) {
        p->i = save;
        return NULL;
    }
    size_t had = json_array_size(out);
    bool found = search_words(p, out);
    if (!found || json_array_size(out) != had + 1) {
        while (json_array_size(out) > had)
            json_array_remove(out, had);
        p->i = save;
        return NULL;
    }
    json_t *search = json_incref(json_array_get(out, had));
    json_array_remove(out, had);
    json_array_insert_new(out, at, search);
    char field[48];
    snprintf(field, sizeof field, "steps.%zu.output.count", at + 1);
    return leaf(field, none ? "==" : ">", json_integer(0));
}

/* Whether only separators and the end of the instructions are left. */
static bool only_end_left(const struct parser *p)
{
    return at(p, stops_at(p, 0))->kind == TK_EOF;
}

/* only_end_left, and then the position goes to the end. */
static bool skip_to_end(struct parser *p)
{
    if (!only_end_left(p))
        return false;
    p->i += stops_at(p, 0);
    return true;
}

/* "Find contacts tagged 'x'. Stop if they replied. Send ...": a stop
 * on a condition of each record found ends the run for all of them at
 * the first that meets it; what is meant is that those records go no
 * further: a skip (as "skip those who replied"), whose otherwise, if
 * any, is what the others do first; steps before the stop ("tag them
 * 'done' and stop") stay in an if of their own. skips_records: whether
 * a stop on cond is such a skip here (a search found the records, cond
 * is on their fields only, something follows). stop_as_skip: true when
 * `then` ends with that stop, cond, then and els taken (p->skip_cond and
 * p->skip_lead set); false, nothing taken, otherwise. */
static bool skips_records(const struct parser *p, const json_t *cond,
                          const json_t *els, int64_t wait)
{
    static const char *const mine[] = {"contact.", "deal.", "company.",
                                       NULL};
    static const char *const others[] = {"steps.", "search.", "memory.",
                                         "trigger.", "form.", NULL};
    if (wait || p->skip_cond || !last_search(p->root))
        return false;
    bool record = false, other = false;
    for (int k = 0; mine[k]; k++)
        record = record || cond_any_field(cond, field_under, mine[k]);
    for (int k = 0; others[k]; k++)
        other = other || cond_any_field(cond, field_under, others[k]);
    /* (a stop at the very end keeps its if: nothing follows) */
    return record && !other && (json_array_size(els) || !only_end_left(p));
}

static bool stop_as_skip(struct parser *p, json_t *out, json_t *cond,
                         json_t *then, json_t *els, int64_t wait)
{
    size_t n = json_array_size(then);
    const json_t *s = json_array_get(then, n - 1);
    if (!n || strcmp(jx_str(s, "type"), "stop") ||
        json_object_size(json_object_get(s, "params")) ||
        !skips_records(p, cond, els, wait))
        return false;
    json_array_remove(then, n - 1);
    if (n > 1)
        append_if(out, json_deep_copy(cond), then, NULL, 0);
    else
        json_decref(then);
    p->skip_cond = cond;
    p->skip_lead = els;
    return true;
}

static bool parse_if(struct parser *p, json_t *out, enum mode m)
{
    (void)m;
    int save = p->i;
    int indent = line_indent(p, p->i);
    int64_t wait = 0;
    p->in_at = 0; /* (a branch's "in N" counts from the if) */
    bool check = list_at(p, 0, check_words, NULL) > 0;
    json_t *cond = there_are(p, out, json_array_size(out));
    if (!cond)
        cond = if_condition(p, false, &wait);
    if (!cond) {
        /* "When someone books a demo, ...": the first words, neither an
         * event agentd has nor a condition it reads */
        static const char *const when[] = {"when", "whenever", "as soon as",
                                           "every time", "each time", NULL};
        /* (words that name an event agentd has, "webhook", "form",
         * "stage", were read as one and failed on something else: that
         * failure stands) */
        static const char *const ours[] = {"webhook", "form", "stage",
                                           "stages", NULL};
        bool event_word = false;
        for (int k = 0; !event_word && save + k < p->n; k++) {
            const struct tok *w = at(p, k);
            if (w->kind == TK_EOF || w->kind == TK_NL || is_punct(w, ",") ||
                is_punct(w, ":"))
                break;
            event_word = list_at(p, k, ours, NULL) > 0;
        }
        /* (over a failure that only says what was expected there: "won
         * or lost?" after "when a deal closes" says more) */
        bool generic = !p->why || p->why == no_condition_why ||
                       p->why == no_comparison_why || p->why == no_value_why;
        if (p->depth == 1 && !p->lead && !p->firm && !event_word &&
            generic && json_array_size(p->root) == 0 &&
            list_at(p, 0, when, NULL)) {
            p->i = p->far > save ? p->far : save;
            refuse(p, no_event_why);
        }
        p->i = save;
        return false;
    }
    json_t *then = json_array();
    json_t *els = NULL;
    if (check) {
        /* The answers: "; if yes, <steps>", ". If not, <steps>", or
         * both. */
        if (!accept_punct(p, ";") && !accept_punct(p, ".") &&
            !accept_punct(p, ":"))
            accept_punct(p, ",");
        if (cur(p)->kind == TK_NL)
            p->i++;
        accept(p, "and");
        if (check_yes(p)) {
            accept_punct(p, ",");
            accept(p, "then");
            accept_punct(p, ":");
            if (!parse_block(p, indent, then) ||
                !parse_else(p, indent, &els))
                goto no;
        } else if (else_at(p, 0)) {
            /* Only "if not, ...": the question's negation runs them. */
            if (!parse_else(p, indent, &els))
                goto no;
            json_decref(then);
            then = els;
            els = NULL;
            cond = negate(cond);
        } else {
            fail(p, "what should happen then? e.g. check if they replied; "
                    "if yes, stop; if not, send template 'Bump'");
            goto no;
        }
        append_if(out, cond, then, els, wait);
        return true;
    }
    accept_punct(p, ",");
    accept(p, "then");
    accept_punct(p, ",");
    accept_punct(p, ":");
    /* "If they are tagged 'dnc', skip them": the steps after it are for
     * the others; with an otherwise, that is what the others do. "If
     * search found nothing, skip email" (the seeds' words): the same, and
     * said after the e-mail, that e-mail is the step skipped */
    static const char *const no_mail[] = {
        "skip email", "skip the email", "skip emailing", "skip the e-mail",
        "skip the email step", "skip sending", "skip sending the email",
        "don't send the email", "do not send the email", "don't email them",
        "do not email them", "don't send it", "do not send it", NULL};
    int mk = skip_words(p, no_mail);
    int sk = mk ? mk : skip_words(p, skip_them);
    if (sk && !wait) {
        p->i += sk;
        if (!parse_else(p, indent, &els))
            goto no;
        json_decref(then);
        if (els) {
            append_if(out, negate(cond), els, NULL, 0);
            return true;
        }
        json_t *mail = mk ? last_step(out, "send_email") : NULL;
        if (mail) {
            json_t *skipped = json_pack("[O]", mail);
            json_array_remove(out, json_array_size(out) - 1);
            append_if(out, negate(cond), skipped, NULL, 0);
            return true;
        }
        p->skip_cond = cond;
        return true;
    }
    if (!parse_block(p, indent, then))
        goto no;
    p->else_of = json_array_size(then) == 1 ? json_array_get(then, 0) : NULL;
    bool else_read = parse_else(p, indent, &els);
    p->else_of = NULL;
    if (!else_read)
        goto no;
    if (stop_as_skip(p, out, cond, then, els, wait))
        return true;
    bool otherwise = els && json_array_size(els) && !wait;
    append_if(out, cond, then, els, wait);
    if (otherwise)
        chain_cases(out);
    return true;
no:
    json_decref(cond);
    json_decref(then);
    json_decref(els);
    p->i = save;
    return false;
}

/* Where a step's own steps (from `first` in out) begin after the
 * searches that found its records, when other steps follow them. */
static size_t past_search(const json_t *out, size_t first)
{
    size_t k = first;
    while (k + 1 < json_array_size(out) &&
           !strncmp(jx_str(json_array_get(out, k), "type"), "search_", 7))
        k++;
    return k;
}

/*
 * "<step> if <condition>": the steps parsed since `before` become the then
 * of an if ("Stop if they replied", "Hand off to @user.rep unless the deal
 * is lost, otherwise notify me: ..."). Leaves out as it is when no
 * condition follows.
 */
static bool trailing_if(struct parser *p, json_t *out, size_t before)
{
    int save = p->i;
    int indent = line_indent(p, p->i);
    int64_t wait;
    bool comma = is_punct(cur(p), ",") && !is_word(at(p, 1), "unless");
    /* "Stop if there are no contacts tagged 'hot'": their search goes
     * before the step, whose if tests its count */
    size_t searched = before;
    wait = 0;
    json_t *cond = there_are(p, out, before);
    if (cond)
        before++;
    else
        cond = if_condition(p, true, &wait);
    if (!cond)
        return true;
    /* "Wait 3 days, if no reply, send ...": a condition between commas
     * (or before "then", or an arrow) opens the next step; it is not
     * this one's. */
    bool next_step = comma && ((is_punct(cur(p), ",") && !else_at(p, 1) &&
                                !(is_word(at(p, 1), "and") && else_at(p, 2))) ||
                               is_word(cur(p), "then") || arrow_at(p) ||
                               starts_step_word(cur(p)));
    json_t *els = NULL;
    size_t from = past_search(out, before);
    p->else_of = json_array_size(out) == from + 1 ? json_array_get(out, from)
                                                  : NULL;
    bool else_read = !next_step && parse_else(p, indent, &els);
    p->else_of = NULL;
    if (!else_read) {
        json_decref(cond);
        if (before > searched) /* the search there_are put in */
            json_array_remove(out, searched);
        p->i = save;
        return next_step;
    }
    /* "Send template 'X' to contacts tagged 'y' if they replied": the
     * condition is each found contact's, so the search the step began
     * with stays before the if */
    before = past_search(out, before);
    json_t *then = json_array();
    while (json_array_size(out) > before) {
        json_array_append(then, json_array_get(out, before));
        json_array_remove(out, before);
    }
    if (stop_as_skip(p, out, cond, then, els, wait))
        return true;
    bool otherwise = els && json_array_size(els) && !wait;
    append_if(out, cond, then, els, wait);
    if (otherwise)
        chain_cases(out);
    return true;
}

/*
 * "..., and tag them 'cold' otherwise": a step the word for the others
 * follows is the else of the if just before it (the ifs on the same field
 * before that one chained as cases, as a leading "otherwise" does). Out
 * and the position are kept when the words are not these.
 */
static void trailing_else(struct parser *p, json_t *out, size_t before)
{
    static const char *const others[] = {
        "otherwise", "else", "in all other cases", "in any other case",
        "for everyone else", "for the rest", "for all others", NULL};
    int k = list_at(p, 0, others, NULL);
    const struct tok *t = at(p, k);
    json_t *last = before ? json_array_get(out, before - 1) : NULL;
    json_t *params = json_object_get(last, "params");
    if (!k || !last || json_array_size(out) == before ||
        strcmp(jx_str(last, "type"), "if") ||
        json_object_get(params, "else") ||
        !(t->kind == TK_EOF || t->kind == TK_NL || is_punct(t, ".") ||
          is_punct(t, ";")))
        return;
    p->i += k;
    json_t *els = json_array();
    while (json_array_size(out) > before) {
        json_array_append(els, json_array_get(out, before));
        json_array_remove(out, before);
    }
    json_object_set_new(params, "else", els);
    chain_cases(out);
}

/*
 * "<step> after 3 days", "<step> in 2 hours", "<step> a week later": how
 * long to wait before the step, or 0 (position kept). "ago" is a time in
 * a condition, not a delay.
 */
static int64_t trailing_delay(struct parser *p)
{
    int save = p->i;
    int64_t secs;
    /* "Send template 'A' now, ...": at once, which every step is */
    static const char *const now[] = {"right now", "right away",
                                      "straight away", "immediately",
                                      "at once", "now", "first", "today",
                                      NULL};
    if (accept_list(p, now) >= 0) {
        if (at_hard_end(p) || is_punct(cur(p), ",") ||
            is_word(cur(p), "and") || is_word(cur(p), "then"))
            return 0;
        p->i = save;
    }
    accept_punct(p, ",");
    bool in = accept(p, "in");
    bool lead = in || accept(p, "after");
    /* "after 3 days", "2 hours later", "a day later" (duration() reads
     * "a", "an" and "one" as counts) */
    if (!duration(p, &secs, NULL, NULL) || is_word(cur(p), "ago")) {
        p->i = save;
        return 0;
    }
    /* "... and template 'C' five days after that": after the step
     * before, which every step is */
    static const char *const after_that[] = {"after that", "afterwards",
                                             "after this", "later on",
                                             NULL};
    if (in)
        return in_delay(p, secs);
    p->in_at = 0;
    if (lead || accept(p, "later") || accept_list(p, after_that) >= 0)
        return secs;
    /* "30 days after their deal is won": the delay; the stage's words
     * after it stay, for the trigger and the if they are */
    json_t *t = is_word(cur(p), "after") ? stage_trigger(p, false) : NULL;
    if (t) {
        json_decref(t);
        return secs;
    }
    p->i = save;
    return 0;
}

/*
 * "For those in Berlin, tag them 'DE' and send template 'X'" after a
 * search: a filter on the contacts chosen, an if around the steps that
 * follow. "For leads with title CEO, send template 'A'; otherwise send
 * template 'B'": the condition splits the contacts in scope, or, with
 * none chosen yet, every contact (a search of all, then the if). Without
 * an otherwise and with no contacts chosen, the words are a search
 * (act_search reads them). False, position kept, otherwise.
 */
static bool parse_for(struct parser *p, json_t *out)
{
    int save = p->i;
    int indent = line_indent(p, p->i);
    if (!accept(p, "for"))
        return false;
    json_t *who = audience(p, true);
    if (!who) {
        p->i = save;
        return false;
    }
    bool filter = !strcmp(json_string_value(json_object_get(who, "type")),
                          "if");
    /* A search is act_search's unless an otherwise follows in the
     * paragraph: looked for here, not by reading the steps twice */
    bool other = filter;
    for (int k = 0; !other && at(p, k)->kind != TK_EOF &&
                    at(p, k)->kind != TK_NL;
         k++)
        other = else_at(p, k);
    json_t *then = json_array(), *els = NULL;
    if (!other)
        goto no;
    if (!accept_punct(p, ","))
        accept_punct(p, ":");
    if (!parse_block(p, indent, then) || !parse_else(p, indent, &els) ||
        (!filter && !els))
        goto no;
    json_t *cond = json_object_get(json_object_get(who, "params"),
                                   filter ? "condition" : "where");
    if (!cond) { /* "For every contact in the workspace, ...; otherwise" */
        fail(p, "an otherwise needs a condition to split the contacts: "
                "e.g. for contacts in Berlin, ...; otherwise ...");
        goto no;
    }
    if (!filter && !set_in_scope(p))
        json_array_append_new(out, step_new("search_contacts", NULL));
    append_if(out, json_incref(cond), then, els, 0);
    json_decref(who);
    return true;
no:
    json_decref(who);
    json_decref(then);
    json_decref(els);
    p->i = save;
    return false;
}

/*
 * "If approved, send ...", "once approved, ...": an approval lets the run
 * go on (a rejection cancels it), so these words are the approval step —
 * the one just before, or a new one — and what follows them are plain
 * steps. "If rejected, ..." is refused: nothing runs after a rejection.
 * True when the words were read (a step added if none was before).
 */
static bool approval_words(struct parser *p, json_t *out)
{
    static const char *const yes[] = {
        "if approved", "once approved", "when approved", "after approval",
        "if it is approved", "if it's approved", "if they approve",
        "if the request is approved", "once it is approved",
        "if approval is granted", "upon approval", "if approval is given",
        "once approval is given", "once approval is granted",
        "after it is approved", "once they approve", NULL};
    static const char *const no[] = {
        "if rejected", "if it is rejected", "if it's rejected",
        "if they reject", "if the request is rejected", "if not approved",
        "if it is not approved", "if approval is denied",
        "if the approval is rejected", "if the approval is denied",
        "if the approval is declined", "if denied", "if declined",
        "if the request is denied", "if approval is rejected",
        "if approval is declined", "if it is denied", "if it's denied",
        "if it is declined", "if it's declined", "if they decline",
        "if they deny it", "if the approval fails", NULL};
    /* every step passes here: the first words' first word first */
    const struct tok *t = cur(p);
    if (!is_word(t, "if") && !is_word(t, "once") && !is_word(t, "when") &&
        !is_word(t, "after") && !is_word(t, "upon"))
        return false;
    int save = p->i;
    int n = list_at(p, 0, no, NULL);
    if (n) {
        p->i += n;
        refuse_read(p, save,
                    "a rejected approval cancels the run, so no step runs "
                    "after it: say what to do once approved, e.g. request "
                    "approval, then send template 'Discount'");
        p->i = save;
        return false;
    }
    if (accept_list(p, yes) < 0)
        return false;
    if (!accept_punct(p, ",") && !accept_punct(p, ":"))
        accept(p, "then");
    if (at_hard_end(p)) {
        p->i = save;
        return false;
    }
    if (!last_step(out, "request_approval"))
        json_array_append_new(out, step_new("request_approval", NULL));
    p->each_open = true; /* the next step's verb follows at once */
    return true;
}

/*
 * "Set status to 'Contacted' after sending template 'Intro'", "request
 * approval before emailing them": a step named by its -ing form after the
 * one just read (its steps begin at `first` in out), which runs after it
 * ("before") or ahead of it ("after"; after the search that found its
 * records, if it began with one). Words that are no step stay unread.
 */
static void gerund_step(struct parser *p, json_t *out, size_t first,
                        enum mode m)
{
    int save = p->i;
    bool ahead = is_word(cur(p), "after");
    const struct tok *g = at(p, 1);
    if ((!ahead && !is_word(cur(p), "before")) || g->kind != TK_WORD ||
        !ing_stem(g->text))
        return;
    p->i++;
    p->gerund_at = p->i;
    json_t *steps = json_array();
    bool ok = parse_step(p, steps, m);
    p->gerund_at = 0;
    if (!ok || p->i == save + 1) {
        json_decref(steps);
        p->i = save;
        return;
    }
    size_t at_k = ahead ? past_search(out, first) : json_array_size(out);
    /* "Ask for approval before moving deals over 100k to Closed Won": the
     * deals are found first, and the approval is for moving those (it was
     * asked even when there were none) */
    const char *found = jx_str(json_array_get(steps, 0), "type");
    const char *read = jx_str(json_array_get(out, first), "type");
    if (!ahead && found && !strncmp(found, "search_", 7) && read &&
        !strcmp(read, "request_approval") &&
        json_array_size(out) == first + 1) {
        json_array_insert(out, first, json_array_get(steps, 0));
        json_array_remove(steps, 0);
        at_k = json_array_size(out);
    }
    for (size_t k = 0; k < json_array_size(steps); k++)
        json_array_insert(out, at_k + k, json_array_get(steps, k));
    json_decref(steps);
}

/* "Hey, can you ...", "OK so, every Monday ...": a greeting before the
 * instructions says nothing of them. */
static void skip_greeting(struct parser *p)
{
    static const char *const hello[] = {"hey", "hi", "hello", "ok", "okay",
                                        "alright", "so", "ok so", "okay so",
                                        "hey there", "hi there", "hey agent",
                                        "hi agent", "hello agent",
                                        "dear agent", "agent", "basically",
                                        "so basically", "essentially",
                                        "in short", "in a nutshell",
                                        "right", "quick one", "our rule",
                                        "the rule", "rule", "the idea",
                                        "here's the idea", "here's the plan",
                                        "here's what i want",
                                        "before anything else",
                                        "first of all", "first things first",
                                        "to start", "to begin with", NULL};
    int hi = list_at(p, 0, hello, NULL);
    if (hi && (is_punct(at(p, hi), ",") || is_punct(at(p, hi), "!") ||
               is_punct(at(p, hi), ":")))
        p->i += hi + 1;
}

/* "Run every 15 minutes: ...", "Run this agent every Monday at 9am":
 * words that say the schedule is the agent's, before it. Skipped only
 * where a schedule follows them ("run agent 'Enrich'" is a step). */
static void skip_run_opener(struct parser *p)
{
    static const char *const run[] = {
        "run this agent", "run the agent", "run this", "run it", "run",
        "execute this", "trigger this", "please run this", "please run",
        "please do the following", "do the following", "please do this",
        "do this", NULL};
    int save = p->i;
    if (accept_list(p, run) < 0)
        return;
    int after = p->i;
    json_t *sched = schedule_clause(p);
    p->i = sched ? after : save;
    json_decref(sched);
}

/* Whether word w is verb v in the third person: "tags" (tag), "reaches"
 * (reach), "notifies" (notify). */
static bool third_of(const char *w, const char *v)
{
    size_t n = strlen(w), vn = strlen(v);
    if (vn < 2 || strncmp(w, v, vn - 1))
        return false;
    const char *rest = w + vn - 1; /* from v's last letter */
    char last = v[vn - 1];
    if (last == 'y' && !strchr("aeiou", v[vn - 2]))
        return !strcmp(rest, "ies");
    if (n != vn + 1 && n != vn + 2)
        return false;
    if (rest[0] != last)
        return false;
    bool sibilant = strchr("sxzo", last) ||
                    (vn > 2 && (!strcmp(v + vn - 2, "sh") ||
                                !strcmp(v + vn - 2, "ch")));
    return !strcmp(rest + 1, sibilant ? "es" : "s");
}

/*
 * "This agent qualifies inbound leads. When ...": after agent_opener, a
 * first sentence that says what the agent is for, not a step, is for
 * people; the position goes past it when more sentences follow.
 */
static void describes_agent(struct parser *p)
{
    static const char *const what[] = {
        "qualifies", "qualify", "helps", "help", "handles", "handle",
        "manages", "manage", "nurtures", "nurture", "automates", "automate",
        "is", "aims", "aim", "re-engages", "re-engage", "engages", "engage",
        "warms", "warm", "supports", "support", "improves", "improve",
        "increases", "increase", "boosts", "boost", "drives", "drive",
        "generates", "generate", "keeps", "keep", "takes care", "take care",
        "streamlines", "streamline", "makes it easy", NULL};
    const struct tok *t = cur(p);
    if (t->kind != TK_WORD || !list_at(p, 0, what, NULL))
        return;
    int e = p->i;
    while (p->t[e].kind != TK_EOF && p->t[e].kind != TK_NL &&
           p->t[e].kind != TK_QUOTED && !is_punct(&p->t[e], ".") &&
           !is_punct(&p->t[e], ":"))
        e++;
    if (!is_punct(&p->t[e], ".") && p->t[e].kind != TK_NL)
        return;
    while (is_punct(&p->t[e], ".") || p->t[e].kind == TK_NL)
        e++;
    if (p->t[e].kind != TK_EOF)
        p->i = e;
}

/*
 * "I need an agent that tags every new contact ...", "Create an agent to
 * email new leads ...", "This agent finds CEOs and ...": words that ask
 * for the agent say nothing of its steps. True when the verbs after them
 * are in the third person: after "that", "which" or a subject alone.
 */
static bool agent_opener(struct parser *p)
{
    static const char *const asks[] = {
        "i want",          "i need",          "i'd like",
        "i would like",    "we want",         "we need",
        "we'd like",       "create me",       "build me",
        "make me",         "set me up",       "create",
        "build",           "make",            "set up",
        "please create",   "please build",    "please set up",
        "please make",     "can you make",    "could you make",
        "can you create",  "can you build",   "can you set up",
        "could you create", "could you build", "could you set up",
        NULL};
    static const char *const dets[] = {"an", "a", "this", "the", "my", "our",
                                       NULL};
    static const char *const agent[] = {"agent", "automation", "workflow",
                                         "bot", NULL};
    static const char *const rel[] = {"that", "which", "who", NULL};
    static const char *const modal[] = {"should", "will", "must", "needs",
                                        "can", "is", "has", NULL};
    int save = p->i;
    bool asked = accept_list(p, asks) >= 0;
    /* "can you set up something that notifies me ...": the agent */
    if (asked && accept(p, "something")) {
        if (accept_list(p, rel) >= 0)
            return true;
        p->i = save;
        return false;
    }
    int d = accept_list(p, dets);
    if (d < 0) {
        p->i = save;
        return false;
    }
    accept(p, "new");
    if (accept_list(p, agent) < 0) {
        p->i = save;
        return false;
    }
    if (accept(p, "to")) /* "... an agent to email new leads" */
        return false;
    /* "Build a workflow: when a deal is lost, ...": the steps follow, as
     * written (false: no verbs in the third person to read) */
    if (accept_punct(p, ":"))
        return false;
    if (accept_list(p, rel) >= 0)
        return true;
    /* "This agent finds ...": a subject, not "the agent should" (a
     * request opener) nor "create an agent" alone */
    bool subject = !asked && (!strcmp(dets[d], "this") ||
                              !strcmp(dets[d], "the") ||
                              !strcmp(dets[d], "my"));
    if (subject && cur(p)->kind == TK_WORD && !list_at(p, 0, modal, NULL))
        return true;
    p->i = save;
    return false;
}

/*
 * The steps' verbs in the third person ("... that tags every new contact
 * and assigns them to ..."), from token `from` on, read as the verbs
 * themselves. A word that is only a verb ("sends", "notifies") is one
 * anywhere; one that is also a plural noun ("tags", "emails", "calls")
 * only where a step begins: after "that", "which", "and", "then", "it", a
 * comma or a sentence's end.
 */
static void third_person_verbs(struct lex *lx, int from)
{
    static const char *const verbs[] = {
        "send", "find", "notify", "enrich", "assign", "create", "add",
        "remove", "wait", "follow", "reach", "push", "sync", "forward",
        "export",
        "submit", "remind", "escalate", "pass", "fetch", "pull", "remember",
        "save", "connect", "ping", "give", "tell", "store", "research",
        "respond", "shoot", "blast", "untag", "get", "ask", "go", "loop",
        "bump", "drop", "google", NULL};
    static const char *const nouns[] = {
        "tag", "email", "search", "update", "set", "move", "hand",
        "request", "post", "call", "run", "stop", "look", "mark", "change",
        "alert", "check", "invite", "reply", "log", "flag", NULL};
    static const char *const before[] = {"that", "which", "who", "and",
                                         "then", "it", "also", NULL};
    for (int j = from; j < lx->n; j++) {
        struct tok *t = &lx->toks[j];
        if (t->kind != TK_WORD)
            continue;
        const char *base = NULL;
        for (int k = 0; !base && verbs[k]; k++)
            if (third_of(t->text, verbs[k]))
                base = verbs[k];
        const struct tok *b = j > from ? &lx->toks[j - 1] : NULL;
        bool opens = !b || b->kind == TK_NL || b->kind == TK_MARK ||
                     (b->kind == TK_PUNCT && strchr(",.;:", b->text[0]));
        for (int k = 0; !opens && before[k]; k++)
            opens = b->kind == TK_WORD && !strcmp(b->text, before[k]);
        for (int k = 0; !base && opens && nouns[k]; k++)
            if (third_of(t->text, nouns[k]))
                base = nouns[k];
        if (base)
            t->text = base;
    }
}

static bool parse_step(struct parser *p, json_t *out, enum mode m)
{
    p->mid_delay = 0; /* (only the step read here sets it) */
    if (++p->depth > MAX_DEPTH) {
        p->depth--;
        fail(p, "the instructions nest too deeply");
        return false;
    }
    /* "Can you please find ...", "I want to reach out to ...": what
     * the request asks for is the step (several: "please can you") */
    /* (a colon may end them: "This agent should: find ...") */
    while (accept_list(p, lex_request_openers) >= 0)
        accept_punct(p, ":");
    /* "Only send template 'X' to contacts in Berlin": whom is said after
     * it ("only if ..." is a condition) */
    if (is_word(cur(p), "only") && starts_step_word(at(p, 1)))
        p->i++;
    int save = p->i;
    bool ok = false;
    if (approval_words(p, out)) {
        p->depth--;
        return true;
    }
    /* ("only if", "only when": a condition; "only run on weekdays" is
     * read by the actions) */
    bool only_if = is_word(cur(p), "only") &&
                   (is_word(at(p, 1), "if") || is_word(at(p, 1), "when"));
    if (is_word(cur(p), "if") || is_word(cur(p), "when") || only_if ||
        is_word(cur(p), "unless") || list_at(p, 0, check_words, NULL)) {
        ok = parse_if(p, out, m);
    } else if ((list_at(p, 0, if_words, NULL) || is_word(cur(p), "after") ||
                is_word(cur(p), "upon") || on_deal(p) ||
                is_word(cur(p), "should")) &&
               parse_if(p, out, m)) {
        ok = true; /* "once they reply, ...", "after a deal is won, ...":
                      else a step such as "once done", "after 3 days" */
    } else if (is_word(cur(p), "for") && parse_for(p, out)) {
        ok = true;
    } else {
        size_t before = json_array_size(out);
        const json_t *had = p->tail_trigger;
        bool second = p->second;
        /* "Start by tagging them 'seq', then ...": the step, as its
         * -ing form */
        static const char *const start_by[] = {
            "start by", "begin by", "start off by", "kick off by",
            "kick things off by", "first off by", NULL};
        int sb = list_at(p, 0, start_by, NULL);
        bool by = sb && at(p, sb)->kind == TK_WORD &&
                  ing_stem(at(p, sb)->text) && !p->gerund_at;
        if (by)
            save += sb;
        for (const action_fn *a = actions; *a && !ok; a++) {
            p->i = save;
            if (by)
                p->gerund_at = save;
            ok = (*a)(p, out);
            if (by)
                p->gerund_at = 0;
            if (!ok && p->tail_trigger != had) {
                /* read by a step not taken (object_trigger, mid_trigger,
                 * "check every hour for ...") */
                if (p->opened_by == p->tail_trigger)
                    p->opened_by = NULL;
                json_decref(p->tail_trigger);
                p->tail_trigger = (json_t *)had;
                json_decref(p->mid_cond);
                p->mid_cond = NULL;
            }
            if (!ok) {
                p->second = second;
                /* steps a failed reading appended (count_text's search)
                 * go with it */
                while (json_array_size(out) > before)
                    json_array_remove(out, before);
            }
        }
        /* "Move deals in Lead to Closed Lost and notify their owners": a
         * step that found its records first (a search and the step: two
         * or more) sets the scope, as a search step does */
        size_t added = json_array_size(out);
        for (size_t k = before; ok && added > before + 1 && k < added; k++) {
            const char *type = jx_str(json_array_get(out, k), "type");
            if (!strcmp(type, "search_deals"))
                p->scope = SC_DEAL;
            else if (!strcmp(type, "search_contacts"))
                p->scope = SC_CONTACT;
        }
        if (ok && p->mid_cond) {
            /* the stage a mid_trigger named: the step runs only then */
            json_t *then = json_array();
            while (json_array_size(out) > before) {
                json_array_append(then, json_array_get(out, before));
                json_array_remove(out, before);
            }
            append_if(out, json_deep_copy(p->mid_cond), then, NULL, 0);
            json_decref(p->mid_cond);
            p->mid_cond = NULL;
        }
        /* "Send template 'Proposal', but ask me first": the approval
         * before the step */
        static const char *const ask_first[] = {
            "but ask me first", "but ask first", "but ask for approval first",
            "but get approval first", "but check with me first",
            "after my approval", "with my approval", "once i approve",
            "once i've approved", NULL};
        int af = p->i;
        accept_punct(p, ",");
        if (ok && accept_list(p, ask_first) >= 0)
            json_array_insert_new(out, before,
                                  step_new("request_approval", NULL));
        else
            p->i = af;
        if (ok)
            trailing_cap(p, out, before);
        int64_t delay = ok ? trailing_delay(p) + p->mid_delay : 0;
        p->mid_delay = 0;
        /* "Tag them when a form is submitted": the agent's trigger, when
         * those are the last words, not a condition. */
        if (ok && !(m == M_TOP && p->depth == 1 && tail_trigger(p)))
            ok = trailing_if(p, out, before);
        if (ok && !delay)
            trailing_else(p, out, before);
        if (ok && delay > 0) {
            /* The wait goes before the step, and before the wait its
             * condition implies ("after 3 days if they didn't reply"). */
            json_t *w = json_array_get(out, before);
            json_t *prev = w ? json_object_get(w, "params") : NULL;
            if (w && !strcmp(json_string_value(json_object_get(w, "type")),
                             "wait"))
                json_object_set_new(
                    prev, "seconds",
                    json_integer(json_integer_value(
                                     json_object_get(prev, "seconds")) +
                                 delay));
            else
                json_array_insert_new(out, before, wait_step(delay));
        }
        if (ok)
            gerund_step(p, out, before, m);
    }
    if (!ok) {
        refuse_absent(p, save);
        p->i = save;
        fail(p, "these words do not describe a step agentd knows");
    }
    p->depth--;
    return ok;
}

/* Skips what separates steps in mode m. Returns true if anything was
 * skipped. */
/*
 * Labels of a written-out plan, at a line's start: "Steps:", "Plan:",
 * "Actions:" head the steps (the label goes, the words after it stay);
 * "Goal:", "Objective:", "Context:", "Note:" lines are for people (the
 * whole line goes). True if anything was skipped.
 */
static bool skip_labels(struct parser *p)
{
    static const char *const heads[] = {
        "steps", "plan", "instructions", "actions", "workflow", "process",
        "the steps", "what to do", "action", "then", "do", NULL};
    static const char *const notes[] = {
        "goal", "goals", "objective", "purpose", "context", "note", "notes",
        "description", "summary", "background", "why", NULL};
    /* a heading of what follows it on its line: "Clean up: remove ..." */
    static const char *const titles[] = {"clean up", "cleanup", "follow up",
                                         "follow-up", "outreach", "nurture",
                                         "routing", "enrichment", "alerts",
                                         "reporting", NULL};
    bool any = false;
    for (;;) {
        const struct tok *t = cur(p);
        /* (a label is at most three words and its colon) */
        if (!(t->bol || p->i == 0) ||
            !(is_punct(at(p, 1), ":") || is_punct(at(p, 2), ":") ||
              is_punct(at(p, 3), ":")))
            return any;
        int h = list_at(p, 0, heads, NULL);
        if (!h && (h = list_at(p, 0, titles, NULL)) &&
            !starts_step_word(at(p, h + 1)))
            h = 0; /* "Follow up: ..." alone may be a task's title */
        /* "Outbound agent: ...", "Lead routing workflow: ...": the
         * agent's name as a heading */
        static const char *const named[] = {"agent", "workflow",
                                            "automation", "bot",
                                            "playbook", NULL};
        for (int k = 1; !h && k <= 3; k++)
            if (is_punct(at(p, k), ":") && list_at(p, k - 1, named, NULL) &&
                at(p, 0)->kind == TK_WORD)
                h = k;
        int n = h ? 0 : list_at(p, 0, notes, NULL);
        int m = h ? h : n;
        if (!m || !is_punct(at(p, m), ":"))
            return any;
        /* "Note: only run this for contacts in the EU": a note that
         * limits what runs is not for people alone; leaving it out would
         * run the steps for everyone, so it is refused */
        static const char *const limits[] = {
            "only", "never", "don't", "do not", "dont", "must not",
            "except", "exclude", "excluding", "unless", "but not",
            "avoid", "skip", NULL};
        /* (a "Note:" only: a goal or context line says what the agent
         * is for, which a "only" in it does not make a step) */
        bool note = n && (is_word(cur(p), "note") || is_word(cur(p), "notes"));
        for (int k = m + 1; note && at(p, k)->kind != TK_EOF &&
                            at(p, k)->kind != TK_NL;
             k++)
            if (list_at(p, k, limits, NULL)) {
                int from = p->i;
                while (cur(p)->kind != TK_EOF && cur(p)->kind != TK_NL)
                    p->i++; /* (the whole line is quoted) */
                refuse_read(p, from,
                            "a note that limits the steps is a step of its "
                            "own: say it with them (e.g. Find contacts in "
                            "Germany tagged 'x' ...), or take it out");
                p->i = from;
                return any;
            }
        p->i += m + 1;
        any = true;
        /* the whole line, unless nothing comes after it: then its words
         * are what to do */
        int j = p->i;
        while (n && p->t[j].kind != TK_EOF && p->t[j].kind != TK_NL)
            j++;
        while (n && p->t[j].kind == TK_NL)
            j++;
        if (n && p->t[j].kind != TK_EOF) {
            p->i = j;
        } else if (n) {
            /* all on one line: "Goal: re-engage cold leads. Every Monday
             * ...": its first sentence, when more follows it */
            int e = p->i;
            while (p->t[e].kind != TK_EOF && p->t[e].kind != TK_NL &&
                   !is_punct(&p->t[e], ".") && !is_punct(&p->t[e], "!"))
                e++;
            if (is_punct(&p->t[e], ".") || is_punct(&p->t[e], "!")) {
                while (is_punct(&p->t[e], ".") || is_punct(&p->t[e], "!"))
                    e++;
                if (p->t[e].kind != TK_EOF && p->t[e].kind != TK_NL)
                    p->i = e;
            }
        }
        while (cur(p)->kind == TK_NL)
            p->i++;
    }
}

static bool skip_separators(struct parser *p, enum mode m, int base)
{
    bool any = false;
    for (;;) {
        const struct tok *t = cur(p);
        if (t->kind == TK_NL) {
            if (m == M_INLINE)
                break;
            if (m == M_INDENT && at(p, 1)->kind != TK_EOF &&
                at(p, 1)->indent <= base)
                break;
            p->i++;
            any = true;
            continue;
        }
        if (t->kind == TK_MARK) {
            if (m == M_INLINE)
                break;
            p->i++;
            any = true;
            continue;
        }
        if (is_punct(t, ".") || is_punct(t, ";") || is_punct(t, "!") ||
            question_ends(p)) {
            if (m == M_INLINE)
                break;
            p->i++;
            any = true;
            continue;
        }
        /* "... & send ...", "... -> send ...", "... → send ..." */
        int arrow = arrow_at(p);
        if (arrow) {
            p->i += arrow;
            any = true;
            continue;
        }
        if (m != M_INLINE && skip_labels(p)) {
            any = true;
            continue;
        }
        /* "Step 2: tag them" */
        if (step_label_at(p, 0)) {
            p->i += step_label_at(p, 0);
            any = true;
            continue;
        }
        if (is_punct(t, ",") || is_word(t, "and") || is_word(t, "&") ||
            is_word(t, "before")) {
            /* ", else" belongs to the if that owns this block; so does
             * ", if" after an if's steps (block_ends) */
            if (else_at(p, 1) ||
                (m == M_INLINE && is_punct(t, ",") &&
                 is_word(at(p, 1), "if")) ||
                (is_punct(t, ",") && is_word(at(p, 1), "and") &&
                 else_at(p, 2)))
                break;
            p->i++;
            any = true;
            continue;
        }
        /* "For each of them, ...", "for every contact, ...", "for each,
         * ...": the set in scope, which every contact step works on
         * anyway. */
        int e = list_at(p, 0, lex_each_words, NULL);
        int o = e ? list_at(p, e, lex_each_members, NULL) : 0;
        if (e && (is_punct(at(p, e + o), ",") ||
                  (o && starts_step_word(at(p, e + o))))) {
            p->i += e + o;
            accept_punct(p, ",");
            any = true;
            continue;
        }
        /* "Second, send ...": an ordinal, then its comma (tested in that
         * order: "send" and "second" share a letter, commas are rare) */
        static const char *const ordinals[] = {"second", "third", "fourth",
                                               "fifth", NULL};
        if (is_punct(at(p, 1), ",") && list_at(p, 0, ordinals, NULL)) {
            p->i += 2;
            any = true;
            continue;
        }
        int j = list_at(p, 0, lex_step_joiners, NULL);
        if (j) {
            p->i += j;
            accept_punct(p, ",");
            any = true;
            continue;
        }
        break;
    }
    return any;
}

static bool block_ends(struct parser *p, enum mode m, int base)
{
    const struct tok *t = cur(p);
    if (t->kind == TK_EOF)
        return true;
    switch (m) {
    case M_TOP:
        return false;
    case M_PAREN:
        return is_punct(t, ")");
    case M_INDENT:
        if (is_punct(t, ")"))
            return true;
        if (t->kind == TK_NL)
            return at(p, 1)->kind == TK_EOF || at(p, 1)->indent <= base;
        return t->bol && t->indent <= base;
    case M_INLINE:
        /* ", else ..." is the owner's; so is ", if ...": the next case
         * ("if over 80 tag them 'hot', if over 50 tag them 'warm'") */
        return at_hard_end(p) ||
               (is_punct(t, ",") &&
                (else_at(p, 1) || is_word(at(p, 1), "if")));
    }
    return true;
}

/* What opens an event trigger: "when", "whenever", "for each" ... */
static bool trigger_opener(struct parser *p)
{
    static const char *const when[] = {
        "whenever", "when", "each time", "every time", "any time", "anytime",
        "as soon as", "once", "after", "on", "upon", NULL};
    if (is_word(cur(p), "for") && is_word(at(p, 1), "new")) {
        p->i++; /* "For new leads from the website, ..." */
        return true;
    }
    return accept_list(p, when) >= 0 || accept_list(p, lex_each_words) >= 0;
}

/*
 * "When a deal moves to Negotiation (and its value is over 10k)", read
 * from the position of the trigger word: a condition on the deal's stage,
 * checked by the plan's if step and by the event trigger before a run is
 * admitted. Only a look ahead: the position and the error state stay, as
 * the if step parses these words again (an error then points where that
 * parse stops). With to_end, the condition must be the last words.
 */
static json_t *stage_trigger(struct parser *p, bool to_end)
{
    struct mark m = mark_take(p);
    json_t *t = NULL;
    /* "For each deal in Negotiation" is the deals in that stage, a search
     * (act_search refuses "for each deal that moves to ...") */
    bool each = list_at(p, 0, lex_each_words, NULL) > 0;
    if (!each && trigger_opener(p)) {
        json_t *cond = cond_or(p, C_IF);
        accept_punct(p, ".");
        if (cond && cond_names_stage(cond) &&
            (!to_end || cur(p)->kind == TK_EOF))
            t = event_trigger("deal_stage_updated", "conditions", cond);
        else if (cond && !to_end &&
                 cond_any_field(cond, field_under, "trigger.") &&
                 !cond_names_stage(cond)) {
            /* "When the webhook payload has status 'churned'": the
             * webhook's, whose if the words stay for */
            t = json_pack("{s:s}", "type", "webhook");
            json_decref(cond);
        } else
            json_decref(cond);
    }
    mark_back(p, m);
    p->pending_wait = 0;
    return t;
}

/* "Send template 'Welcome' to every new contact", "... when someone
 * submits the 'demo' form": a trigger that ends the instructions. Kept in
 * p->tail_trigger; the position goes to the end. A deal's stage ("...
 * whenever a deal moves to Negotiation") is kept too but its words stay,
 * for the if step they also are (false then). */
static bool tail_trigger(struct parser *p)
{
    int save = p->i;
    static const char *const to_each[] = {"to each", "to every", "to any",
                                          "to all", NULL};
    accept_punct(p, ",");
    int opener = p->i;
    /* "Run the 'Scoring' agent every night at midnight", "..., every
     * Monday at 9am": a schedule that ends the instructions (tried at
     * every step's end: only where a schedule's first word is) */
    static const char *const sched_first[] = {
        "every", "each", "daily", "weekly", "monthly", "nightly", "hourly",
        "quarterly", "yearly", "annually", "on", "at", "once", "twice",
        "two", "around", "in", NULL};
    json_t *sched = list_at(p, 0, sched_first, NULL) ? schedule_clause(p)
                                                     : NULL;
    accept_punct(p, ".");
    if (sched && cur(p)->kind == TK_EOF)
        return keep_trigger(p, sched);
    json_decref(sched);
    p->i = opener;
    if (!trigger_opener(p) && accept_list(p, to_each) < 0) {
        p->i = save;
        return false;
    }
    json_t *t = event_clause(p);
    accept_punct(p, ".");
    if (!t || cur(p)->kind != TK_EOF) {
        json_decref(t);
        p->i = opener;
        json_t *st = stage_trigger(p, true);
        if (st)
            keep_trigger(p, st);
        p->i = save;
        return false;
    }
    keep_trigger(p, t);
    return true;
}

/* Whether the words from here to the end are a trigger tail_trigger
 * reads. Only a look ahead: nothing of the parser's state changes. It is
 * tried at every word of a text, so only the words that open an event
 * clause in a sentence's last words start it; "on", "after" and "each",
 * which trigger_opener also takes, are too common inside a text. */
static bool trigger_ends(struct parser *p)
{
    static const char *const first[] = {"when", "whenever", "each time",
                                        "every time", "as soon as", "once",
                                        "upon", NULL};
    if (p->depth != 1 || !list_at(p, 0, first, NULL))
        return false;
    struct mark m = mark_take(p);
    json_t *t = NULL;
    if (trigger_opener(p))
        t = event_clause(p);
    accept_punct(p, ".");
    bool yes = t && cur(p)->kind == TK_EOF;
    json_decref(t);
    mark_back(p, m);
    if (!yes) {
        t = stage_trigger(p, true);
        yes = t != NULL;
        json_decref(t);
    }
    return yes;
}

/* After a skip (p->skip_cond): the rest of the block, for the records
 * not skipped, as the then of an if on the negated condition. */
static bool skip_rest(struct parser *p, enum mode m, int base, json_t *out)
{
    json_t *cond = p->skip_cond;
    p->skip_cond = NULL;
    json_t *rest = p->skip_lead ? p->skip_lead : json_array();
    p->skip_lead = NULL;
    /* (the otherwise the others take first may be all there is) */
    bool lead = json_array_size(rest) > 0;
    if (!(lead && skip_to_end(p)) && !parse_steps(p, m, base, rest)) {
        if (!json_array_size(rest))
            refuse(p, "skip them, and then? the steps after a skip are for "
                      "the others: e.g. If they are tagged 'dnc', skip "
                      "them. Send template 'Promo'");
        json_decref(cond);
        json_decref(rest);
        return false;
    }
    append_if(out, negate(cond), rest, NULL, 0);
    return true;
}

/* "Day 1: send template 'Intro'. Day 3: if no reply, send ...": a
 * cadence's days, read as the waits between them (counted from the first
 * day named; "On day 7," too). True when there is none here or it was
 * read; false, with the reason, for a day before the last one. */
static bool day_label(struct parser *p, json_t *out)
{
    int save = p->i;
    accept(p, "on");
    const struct tok *n = at(p, 1);
    if (!is_word(cur(p), "day") || n->kind != TK_NUM || n->money ||
        n->suffix[0] || n->num != floor(n->num) || n->num < 0 ||
        n->num > 365) {
        p->i = save;
        return true;
    }
    p->i += 2;
    if (!accept_punct(p, ":") && !accept_punct(p, ",") &&
        !accept_punct(p, "-") && !starts_step_word(cur(p)) &&
        !is_word(cur(p), "if")) {
        p->i = save; /* "day 3 of the trial ...": other words */
        return true;
    }
    int day = (int)n->num;
    /* "Send template 'Intro'. On day 3, ...": the steps before the first
     * day named are day 1's */
    if (p->day < 0 && json_array_size(out) > 0)
        p->day = day >= 1 ? 1 : 0;
    if (p->day >= 0 && day < p->day) {
        p->i = save + 1;
        refuse(p, "the days of a cadence go forward: e.g. Day 1: send "
                  "template 'Intro'. Day 3: if no reply, send template "
                  "'Bump'");
        p->i = save;
        return false;
    }
    if (p->day >= 0 && day > p->day)
        json_array_append_new(out, wait_step((int64_t)(day - p->day) *
                                             86400));
    p->day = day;
    return true;
}

/* Whether only a courtesy is left ("..., thanks!", "Thank you."): words
 * for the reader, which end the instructions. Position after them. */
static bool courtesy_ends(struct parser *p)
{
    static const char *const thanks[] = {
        "thanks in advance", "thank you so much", "thank you", "thanks a lot",
        "many thanks", "much appreciated", "thanks", "thx", "ty", "cheers",
        "please", "best regards", "kind regards", "regards", "best",
        "all the best", NULL};
    int save = p->i;
    if (accept_list(p, thanks) < 0)
        return false;
    /* "Cheers, Anna", "Best regards,\nTom Smith": a name signed */
    int signed_at = p->i;
    accept_punct(p, ",");
    while (cur(p)->kind == TK_NL)
        p->i++;
    for (int k = 0; k < 3 && name_at(p, 0) && cur(p)->kind == TK_WORD; k++)
        p->i++;
    if (p->i == signed_at + 1) /* a comma alone */
        p->i = signed_at;
    while (is_punct(cur(p), "!") || is_punct(cur(p), ".") ||
           cur(p)->kind == TK_NL)
        p->i++;
    if (cur(p)->kind == TK_EOF)
        return true;
    p->i = save;
    return false;
}

static bool parse_steps(struct parser *p, enum mode m, int base, json_t *out)
{
    size_t before = json_array_size(out);
    bool first = true;
    for (;;) {
        /* (a text that ended a sentence with "?" or "!": "Request
         * approval: Send a discount? If approved, ...") */
        bool sep = skip_separators(p, m, base) || p->each_open ||
                   (!first && (is_punct(at(p, -1), "?") ||
                               is_punct(at(p, -1), "!")));
        p->each_open = false;
        if (m == M_TOP && !first && tail_trigger(p))
            break;
        if (block_ends(p, m, base))
            break;
        if (!first && courtesy_ends(p))
            break;
        if (!first && !sep) {
            fail(p, "unexpected words after this step");
            return false;
        }
        /* ("Find contacts in Berlin. If there are none, stop": with no
         * if before, the count of that search, read by there_are) */
        static const char *const none_found[] = {
            "if there are none", "if there is none", NULL};
        if (else_at(p, 0) &&
            !(list_at(p, 0, none_found, NULL) && records_search_at(p) > 0)) {
            fail(p, "'else' ('otherwise', 'if not') without an 'if' "
                    "before it");
            return false;
        }
        if (m == M_TOP && !day_label(p, out))
            return false;
        if (!parse_step(p, out, m))
            return false;
        first = false;
        if (p->skip_cond)
            return skip_rest(p, m, base, out);
        if (!step_done(p) && !block_ends(p, m, base) &&
            cur(p)->kind != TK_NL && cur(p)->kind != TK_MARK &&
            !courtesy_ends(p))
            return false;
    }
    if (json_array_size(out) == before) {
        fail(p, "expected a step here");
        return false;
    }
    return true;
}

/* ---- trigger clauses ------------------------------------------------ */

/*
 * The opening words of instructions may say when the agent runs: "Every
 * Monday at 9am, ...", "When a new contact is created, ...", "Whenever a
 * deal moves to Negotiation, ...". The plan has no trigger (plan.md); the
 * trigger goes to the caller beside it, in the agent's trigger format
 * (docs/api.md), and the agent takes it when it is saved without one.
 */

/* "9am", "9:30 pm", "09:00", "8.30pm", "noon", "midnight". */
static bool clock_time(struct parser *p, int *hour, int *minute)
{
    int save = p->i;
    if (accept(p, "noon") || accept(p, "midday")) {
        *hour = 12, *minute = 0;
        return true;
    }
    if (accept(p, "midnight")) {
        *hour = 0, *minute = 0;
        return true;
    }
    const struct tok *t = cur(p);
    if (t->kind != TK_NUM || t->money || t->num < 0 || t->num >= 24)
        return false;
    int h = (int)t->num, m = 0;
    const char *suffix = t->suffix;
    const char *dot = strchr(t->raw, '.');
    if (dot) { /* "8.30pm" */
        if (!isdigit((unsigned char)dot[1]) || !isdigit((unsigned char)dot[2]))
            return false;
        m = (dot[1] - '0') * 10 + (dot[2] - '0');
    }
    p->i++;
    if (!dot && !suffix[0] && is_punct(cur(p), ":") &&
        at(p, 1)->kind == TK_NUM && !at(p, 1)->money) {
        const struct tok *mt = at(p, 1);
        if (mt->num != floor(mt->num) || mt->num >= 60 ||
            strlen(mt->raw) - strlen(mt->suffix) != 2) {
            p->i = save;
            return false;
        }
        m = (int)mt->num;
        suffix = mt->suffix;
        p->i += 2;
    }
    bool am = !strcmp(suffix, "am") || (!suffix[0] && (accept(p, "am") ||
                                                       accept(p, "a.m.")));
    bool pm = !am && (!strcmp(suffix, "pm") ||
                      (!suffix[0] && (accept(p, "pm") || accept(p, "p.m."))));
    if (suffix[0] && !am && !pm) {
        p->i = save;
        return false;
    }
    if (am || pm) {
        if (h < 1 || h > 12) {
            p->i = save;
            return false;
        }
        h = h % 12 + (pm ? 12 : 0);
    }
    /* A bare "at 9" is 9:00 (a 24-hour clock). */
    if (m < 0 || m > 59) {
        p->i = save;
        return false;
    }
    *hour = h, *minute = m;
    return true;
}

/* "at 9am", "in the morning": sets the hour and minute when present. */
static void at_time(struct parser *p, int *hour, int *minute)
{
    int save = p->i;
    /* "every Monday 9am", "daily 8:30": a clock time without "at" (a
     * bare number is not one) */
    const struct tok *n = cur(p);
    if (n->kind == TK_NUM &&
        (!strcmp(n->suffix, "am") || !strcmp(n->suffix, "pm") ||
         (is_punct(at(p, 1), ":") && at(p, 2)->kind == TK_NUM)) &&
        clock_time(p, hour, minute))
        return;
    if (accept(p, "at") || accept(p, "around")) {
        if (clock_time(p, hour, minute))
            return;
        p->i = save;
        return;
    }
    /* "in the morning", "Monday morning" (then perhaps "at 8") */
    accept(p, "in the");
    int part = accept(p, "morning")     ? 9
               : accept(p, "afternoon") ? 14
               : accept(p, "evening")   ? 18
                                        : -1;
    /* "Sunday night at 10pm": a night only with its hour */
    if (part < 0 && is_word(cur(p), "night") && is_word(at(p, 1), "at")) {
        int back = p->i;
        p->i += 2;
        if (clock_time(p, hour, minute))
            return;
        p->i = back;
    }
    if (part < 0 && is_word(cur(p), "night"))
        refuse(p, "at what time of the night? e.g. every Sunday night at "
                  "10pm");
    if (part < 0) {
        p->i = save;
        return;
    }
    *hour = part, *minute = 0;
    save = p->i;
    if (!(accept(p, "at") && clock_time(p, hour, minute)))
        p->i = save;
}

/* Monday..Sunday (also "mondays", "mon"): 1..6, 0 for Sunday; -1. */
static int weekday(struct parser *p)
{
    static const char *const days[] = {"sunday", "monday", "tuesday",
                                       "wednesday", "thursday", "friday",
                                       "saturday"};
    const struct tok *t = cur(p);
    if (t->kind != TK_WORD)
        return -1;
    size_t len = strlen(t->text);
    for (int d = 0; d < 7; d++) {
        size_t n = strlen(days[d]);
        bool whole = !strcmp(t->text, days[d]);
        bool plural = len == n + 1 && !strncmp(t->text, days[d], n) &&
                      t->text[n] == 's';
        bool short_form = len == 3 && !strncmp(t->text, days[d], 3);
        if (whole || plural || short_form) {
            p->i++;
            return d;
        }
    }
    return -1;
}

/* "1st", "15th", "the first": a day of the month, 1..31; 0 if none. */
static int month_day(struct parser *p)
{
    int save = p->i;
    skip_articles(p);
    const struct tok *t = cur(p);
    if (t->kind == TK_NUM && !t->money && t->num >= 1 && t->num <= 31 &&
        t->num == floor(t->num) &&
        (!t->suffix[0] || !strcmp(t->suffix, "st") ||
         !strcmp(t->suffix, "nd") || !strcmp(t->suffix, "rd") ||
         !strcmp(t->suffix, "th"))) {
        p->i++;
        return (int)t->num;
    }
    if (accept(p, "first")) {
        accept(p, "day");
        return 1;
    }
    p->i = save;
    return 0;
}

static json_t *schedule_of(const char *preset, int hour, int minute, int dow,
                           int dom)
{
    char hm[8];
    snprintf(hm, sizeof hm, "%02d:%02d", hour, minute);
    json_t *t = json_pack("{s:s, s:s}", "type", "schedule", "preset", preset);
    if (strcmp(preset, "hourly") != 0)
        json_object_set_new(t, "time", json_string(hm));
    if (dow >= 0)
        json_object_set_new(t, "dayOfWeek", json_integer(dow));
    if (dom > 0)
        json_object_set_new(t, "dayOfMonth", json_integer(dom));
    return t;
}

/* A cron schedule, its line written by fmt and the numbers after it. */
__attribute__((format(printf, 1, 2))) static json_t *
schedule_cron(const char *fmt, ...)
{
    char expr[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(expr, sizeof expr, fmt, ap);
    va_end(ap);
    return json_pack("{s:s, s:s}", "type", "schedule", "cron", expr);
}

/*
 * "CET", "Berlin time", "(Europe/Berlin)", "in UTC": the time zone after a
 * schedule, as a tz database name; NULL, with the position kept, when
 * there is none. A name written out is looked up in the tz database, so
 * that every zone given is one the agent accepts.
 */
static json_t *zone_words(struct parser *p)
{
    int save = p->i;
    bool paren = accept_punct(p, "(");
    accept(p, "in");
    accept(p, "the");
    int which = -1;
    int best = TABLE_AT(p, lex_zones, &which);
    const char *known = best ? lex_zones[which].zone : NULL;
    char name[64] = "";
    if (known) {
        p->i += best;
        snprintf(name, sizeof name, "%s", known);
    } else if (cur(p)->kind == TK_WORD && is_punct(at(p, 1), "/") &&
               at(p, 2)->kind == TK_WORD) {
        /* Area/City, Area/Region/City */
        int from = p->i;
        p->i += 3;
        if (is_punct(cur(p), "/") && at(p, 1)->kind == TK_WORD)
            p->i += 2;
        size_t a = p->t[from].start, b = p->t[p->i - 1].end;
        struct tz *z = NULL;
        struct err e = ERR_INIT;
        if (b - a < sizeof name) {
            memcpy(name, p->src + a, b - a);
            name[b - a] = '\0';
            if (tz_load(name, NULL, &z, &e) != 0)
                name[0] = '\0';
        }
        if (!name[0]) {
            p->i = from;
            fail(p, "unknown time zone: write a tz database name such as "
                    "Europe/Berlin, an abbreviation such as CET, or "
                    "'Berlin time'");
        }
        tz_free(z);
        err_clear(&e);
    }
    if (!name[0] || (paren && !accept_punct(p, ")"))) {
        p->i = save;
        return NULL;
    }
    return json_string(name);
}

/*
 * "every day at 9am", "daily", "each morning", "every weekday at 8:30",
 * "every Monday", "on Fridays at 4pm", "weekly on Tuesday", "every week",
 * "on the 1st of every month", "monthly", "every hour", "every 2 hours",
 * "every 15 minutes"; a time may also come first ("at 9am every day").
 * Without a time: 09:00 (in the workspace's time zone, as every schedule
 * without a "timezone").
 */
/* "the 1st of every month", "15th day of the month": the day, or 0
 * (position kept). */
/* "Monday, Wednesday and Friday", "the 1st and 15th": the days after
 * the first one read, each appended to `list` as ",N" (cron's list). */
static void more_days(struct parser *p, bool of_month, char *list,
                      size_t size)
{
    for (;;) {
        int back = p->i;
        accept_punct(p, ",");
        accept(p, "and");
        int d = p->i == back ? -1 : of_month ? month_day(p) : weekday(p);
        if (d < 0 || (of_month && d == 0)) {
            p->i = back;
            return;
        }
        size_t n = strlen(list);
        snprintf(list + n, size - n, ",%d", d);
    }
}

/* "the 1st of every month", "the 1st and 15th of each month": the days,
 * as cron's list in `list`; the first day, or 0 (position kept). */
static int day_of_month(struct parser *p, char *list, size_t size)
{
    int save = p->i;
    int dom = month_day(p);
    if (dom <= 0)
        return 0;
    snprintf(list, size, "%d", dom);
    more_days(p, true, list, size);
    if (!accept(p, "day"))
        accept(p, "days");
    if (accept(p, "of every month") || accept(p, "of each month") ||
        accept(p, "of the month"))
        return dom;
    p->i = save;
    return 0;
}

/* "M H * * DOW", or "M H,H2 * * DOW" when a second hour h2 (>= 0) was
 * named. */
static json_t *cron_at(int minute, int hour, int h2, const char *dow)
{
    return h2 >= 0 ? schedule_cron("%d %d,%d * * %s", minute, hour, h2, dow)
                   : schedule_cron("%d %d * * %s", minute, hour, dow);
}

/* "at 9am and 5pm": a second time after the first, same minute (one cron
 * line holds both hours); its hour, or -1 (position kept). */
static int second_hour(struct parser *p, int minute)
{
    int save = p->i, h2, m2;
    if (accept(p, "and") && clock_time(p, &h2, &m2) && m2 == minute)
        return h2;
    p->i = save;
    return -1;
}

/*
 * "between 9am and 5pm", "from 9 to 5 on weekdays", "during business
 * hours", "on weekdays": the hours and days an hourly or minutely schedule
 * keeps to, as cron fields ("9-17", "1-5"; "*" for what is not named). An
 * hour schedule runs on both ends; a minute one stops before the last hour
 * (before_end: "every 30 minutes from 9 to 5" ends at 16:30). False, with
 * the position kept, when neither follows.
 */
static bool hour_window(struct parser *p, bool before_end, char *hours,
                        size_t hsize, char *days, size_t dsize)
{
    int save = p->i;
    int h1 = -1, h2 = -1, m1 = 0, m2 = 0;
    /* the days before the hours or after them: "on weekdays between 9
     * and 5", "between 9am and 5pm on weekdays" */
    static const char *const weekdays[] = {
        "on weekdays", "on business days", "on working days",
        "monday to friday", "monday through friday", "mon-fri",
        "from monday to friday", "every weekday", NULL};
    bool workdays = accept_list(p, weekdays) >= 0;
    static const char *const office[] = {"during business hours",
                                         "during office hours",
                                         "during working hours",
                                         "in business hours", NULL};
    if (accept_list(p, office) >= 0) {
        h1 = 9, h2 = 17;
    } else if (accept(p, "between") || accept(p, "from")) {
        bool pm = false;
        if (clock_time(p, &h1, &m1) && (accept(p, "and") || accept(p, "to") ||
                                        accept_punct(p, "-"))) {
            pm = !strcmp(cur(p)->suffix, "pm");
            if (!clock_time(p, &h2, &m2))
                h2 = -1;
        }
        /* "from 9 to 5": the end is in the afternoon */
        if (h2 >= 0 && h2 <= h1 && h2 < 12 && !pm)
            h2 += 12;
        if (h1 < 0 || h2 <= h1 || m1 || m2) {
            p->i = save;
            return false;
        }
    }
    int last = before_end ? h2 - 1 : h2; /* the last hour it runs in */
    if (h1 < 0)
        snprintf(hours, hsize, "*");
    else if (h1 == last)
        snprintf(hours, hsize, "%d", h1);
    else
        snprintf(hours, hsize, "%d-%d", h1, last);
    int back = p->i;
    if (!workdays) {
        accept_punct(p, ",");
        workdays = accept_list(p, weekdays) >= 0;
        if (!workdays)
            p->i = back;
    }
    snprintf(days, dsize, "%s", workdays ? "1-5" : "*");
    return h1 >= 0 || workdays;
}

/* Schedules a cron line cannot hold, refused (true) with what can be
 * written instead. */
static bool schedule_refused(struct parser *p)
{
    static const char times[] = "at which times? e.g. every day at 9am and "
                                "5pm";
    static const char fortnight[] =
        "a schedule repeats on days of the week or of the month (cron has "
        "no fortnight): e.g. every Monday, or on the 1st and 15th of every "
        "month";
    static const char other_day[] = "a schedule repeats on days of the "
                                    "week or of the month: e.g. every "
                                    "Monday, Wednesday and Friday";
    static const char last_day[] = "a schedule names the day of the month: "
                                   "e.g. on the 28th of every month, or on "
                                   "the 1st";
    static const char nth_day[] =
        "a schedule repeats on days of the week or of the month, not on "
        "the first Monday of a month: e.g. every Monday, or on the 1st of "
        "every month";
    static const char which_days[] = "on which days? e.g. every Tuesday "
                                     "and Thursday at noon";
    static const char end_of_day[] = "at what time does your day end? e.g. "
                                     "every day at 6pm";
    /* "on the first Monday of every month" */
    static const char *const nth[] = {"on the first", "on the second",
                                      "on the third", "on the fourth",
                                      "on the last", "the first",
                                      "the last", "every first",
                                      "every last", NULL};
    /* ("First Monday of every month at 9am: ...": said bare, before
     * "of"; the refusal covers the words, which the steps' reading of
     * "First, ..." would otherwise report past) */
    static const char *const bare_nth[] = {"first", "second", "third",
                                           "fourth", "last", NULL};
    int nm = list_at(p, 0, nth, NULL);
    bool bare = !nm && (nm = list_at(p, 0, bare_nth, NULL)) > 0;
    if (nm) {
        int save = p->i;
        p->i += nm;
        bool day = weekday(p) >= 0 && (!bare || is_word(cur(p), "of"));
        int end = p->i + 1;
        p->i = save;
        if (day && bare) {
            refuse_words(p, save, end, nth_day);
            return true;
        }
        if (day) {
            refuse(p, nth_day);
            return true;
        }
    }
    static const struct {
        const char *words, *why;
    } rows[] = {{"twice a week", which_days},
                {"two times a week", which_days},
                {"twice a day", times},
                {"twice daily", times},
                {"every other week", fortnight},
                {"every two weeks", fortnight},
                {"every second week", fortnight},
                {"every fortnight", fortnight},
                {"biweekly", fortnight},
                {"fortnightly", fortnight},
                {"every other day", other_day},
                {"on the last day of", last_day},
                {"the last day of", last_day},
                {"every last day of", last_day},
                {"at the end of the month", last_day},
                {"at the end of every month", last_day},
                {"at the end of each month", last_day},
                {"at month end", last_day},
                {"at the end of the day", end_of_day},
                {"at the end of every day", end_of_day},
                {"at the end of each day", end_of_day},
                {"at the end of every business day", end_of_day},
                {"at the end of each business day", end_of_day},
                {"at end of day", end_of_day},
                {"end of day", end_of_day},
                {"end of every day", end_of_day},
                {NULL, NULL}};
    int which = -1;
    if (TABLE_AT(p, rows, &which)) {
        refuse(p, rows[which].why);
        return true;
    }
    /* "every 2 weeks", "every other Monday": weeks apart */
    int save = p->i;
    int64_t n;
    bool apart = false, days_apart = false;
    if (accept(p, "every")) {
        if (accept(p, "other"))
            apart = weekday(p) >= 0;
        else if (count_value(p, &n) && n >= 2)
            apart = accept(p, "weeks") || (days_apart = accept(p, "days"));
    }
    p->i = save;
    if (apart)
        refuse(p, days_apart ? other_day : fortnight);
    return apart;
}

/* "day", "morning" (9 am), "afternoon" (2 pm), "evening" (6 pm) after
 * "every"; "night" (*night: its hour must be said). */
static bool day_part(struct parser *p, int *hour, bool *night)
{
    static const struct {
        const char *word;
        int hour;
    } parts[] = {{"day", -1},     {"morning", 9}, {"afternoon", 14},
                 {"evening", 18}, {"night", -1},  {NULL, 0}};
    for (int j = 0; parts[j].word; j++) {
        if (!accept(p, parts[j].word))
            continue;
        if (parts[j].hour >= 0)
            *hour = parts[j].hour;
        *night = !strcmp(parts[j].word, "night");
        return true;
    }
    return false;
}

static json_t *schedule_clause(struct parser *p)
{
    int save = p->i;
    int hour = 9, minute = 0;
    bool night = false;
    /* "twice a week, on Tuesdays and Thursdays": the days say it */
    static const char *const twice[] = {"twice a week", "two times a week",
                                        NULL};
    int tw = list_at(p, 0, twice, NULL);
    if (tw) {
        int k = tw + (is_punct(at(p, tw), ",") ? 1 : 0);
        if (is_word(at(p, k), "on") || is_word(at(p, k), "every"))
            p->i += k;
    }
    /* "twice a day, at 9am and 5pm": the times say it */
    static const char *const twice_day[] = {"twice a day", "twice daily",
                                            "two times a day",
                                            "twice per day", NULL};
    int td = list_at(p, 0, twice_day, NULL);
    if (td) {
        p->i += td + (is_punct(at(p, td), ",") ? 1 : 0);
        int h1 = -1, m1 = 0;
        at_time(p, &h1, &m1);
        int h2 = h1 >= 0 ? second_hour(p, m1) : -1;
        if (h2 >= 0) {
            json_t *t = cron_at(m1, h1, h2, "*");
            json_t *zone = zone_words(p);
            if (zone)
                json_object_set_new(t, "timezone", zone);
            return t;
        }
        p->i = save;
    }
    if (schedule_refused(p))
        return NULL;
    /* "at the start of every month (week)": its first day */
    static const char *const starts[] = {
        "at the start of every", "at the start of each",
        "at the start of the", "at the beginning of every",
        "at the beginning of each", "at the beginning of the",
        "at the start of", "at the beginning of", NULL};
    if (accept_list(p, starts) >= 0) {
        bool month = accept(p, "month");
        if (month || accept(p, "week")) {
            at_time(p, &hour, &minute);
            json_t *t = month ? schedule_of("monthly", hour, minute, -1, 1)
                              : schedule_of("weekly", hour, minute, 1, 0);
            json_t *zone = zone_words(p);
            if (zone)
                json_object_set_new(t, "timezone", zone);
            return t;
        }
        p->i = save;
    }
    at_time(p, &hour, &minute);
    bool every = accept(p, "every") || accept(p, "each") ||
                 accept(p, "once every") || accept(p, "once a") ||
                 accept(p, "once per");
    bool on = !every && accept(p, "on");
    if (on)
        every = accept(p, "every") || accept(p, "each");
    /* "Mondays at 8am: ...", "weekdays at 9": a day in the plural says
     * every one */
    const struct tok *pl = cur(p);
    size_t pn = !every && !on && pl->kind == TK_WORD ? strlen(pl->text) : 0;
    if (pn > 4 && pl->text[pn - 1] == 's') {
        int b = p->i;
        on = weekday(p) >= 0 || accept(p, "weekdays") ||
             accept(p, "weekends");
        p->i = b;
    }
    json_t *t = NULL;
    int dow, dom, n_mon;
    int64_t n;
    char days[64];
    /* "every day except weekends at 7am": the weekdays */
    static const char *const but_weekends[] = {
        "day except weekends", "day except on weekends",
        "day except the weekend", "day except saturday and sunday",
        "day but not on weekends", "day apart from weekends",
        "day except for weekends", NULL};
    if (every && accept_list(p, but_weekends) >= 0) {
        at_time(p, &hour, &minute);
        t = cron_at(minute, hour, second_hour(p, minute), "1-5");
    } else if ((every || on) && (dow = weekday(p)) >= 0) {
        /* "every Monday and Thursday", "every Monday, Wednesday and
         * Friday"; "every Monday, tag ..." is one */
        snprintf(days, sizeof days, "%d", dow);
        more_days(p, false, days, sizeof days);
        at_time(p, &hour, &minute);
        int h2 = second_hour(p, minute);
        t = h2 >= 0 || strchr(days, ',')
                ? cron_at(minute, hour, h2, days)
                : schedule_of("weekly", hour, minute, dow, 0);
    } else if ((every && day_part(p, &hour, &night)) ||
               accept(p, "daily") || accept(p, "every day") ||
               (night = accept(p, "nightly"))) {
        int was = p->i;
        at_time(p, &hour, &minute);
        if (night && p->i == was) {
            /* "every night": which hour of it is not said */
            refuse_read(p, save, "at what time? e.g. every night at 11pm");
            goto no;
        }
        int h2 = second_hour(p, minute); /* "at 9am and 5pm" */
        t = h2 >= 0 ? cron_at(minute, hour, h2, "*")
                    : schedule_of("daily", hour, minute, -1, 0);
    } else if ((every || on) &&
               (accept(p, "weekend") || accept(p, "weekends"))) {
        /* "every weekend at noon", "on weekends": Saturday and Sunday */
        at_time(p, &hour, &minute);
        t = cron_at(minute, hour, second_hour(p, minute), "6,0");
    } else if ((every || on) &&
               (accept(p, "weekday") || accept(p, "weekdays") ||
                accept(p, "business day") || accept(p, "business days") ||
                accept(p, "working day") || accept(p, "working days"))) {
        at_time(p, &hour, &minute);
        t = cron_at(minute, hour, second_hour(p, minute), "1-5");
    } else if ((every && accept(p, "week")) || accept(p, "weekly")) {
        dow = 1;
        if (accept(p, "on")) {
            dow = weekday(p);
            if (dow < 0)
                goto no;
        }
        at_time(p, &hour, &minute);
        t = schedule_of("weekly", hour, minute, dow, 0);
    } else if ((every && accept(p, "month")) || accept(p, "monthly")) {
        dom = 1;
        if (accept(p, "on")) {
            dom = month_day(p);
            if (!dom)
                goto no;
        }
        at_time(p, &hour, &minute);
        t = schedule_of("monthly", hour, minute, -1, dom);
    } else if ((on || every) &&
               (dom = day_of_month(p, days, sizeof days)) > 0) {
        /* "on the 1st of every month", "every 15th of the month", "on the
         * 1st and 15th of every month" */
        at_time(p, &hour, &minute);
        t = strchr(days, ',')
                ? schedule_cron("%d %d %s * *", minute, hour, days)
                : schedule_of("monthly", hour, minute, -1, dom);
    } else if ((every && accept(p, "quarter")) || accept(p, "quarterly")) {
        /* "every quarter (on the 15th)": January, April, July, October */
        dom = 1;
        if (accept(p, "on")) {
            accept(p, "the");
            dom = month_day(p);
            if (!dom)
                goto no;
        }
        at_time(p, &hour, &minute);
        t = schedule_cron("%d %d %d 1,4,7,10 *", minute, hour, dom);
    } else if (every && month_and_day(p, &n_mon, &dom)) {
        /* "every January 1st": once a year */
        at_time(p, &hour, &minute);
        t = schedule_cron("%d %d %d %d *", minute, hour, dom, n_mon);
    } else if ((every && accept(p, "year")) || accept(p, "yearly") ||
               accept(p, "annually")) {
        /* "every year on January 1st", "yearly on the 15th of March" */
        int mon;
        if (!accept(p, "on") || !month_and_day(p, &mon, &dom)) {
            fail(p, "on which day of the year? e.g. every year on January "
                    "15th");
            goto no;
        }
        at_time(p, &hour, &minute);
        t = schedule_cron("%d %d %d %d *", minute, hour, dom, mon);
    } else if ((every && accept(p, "hour")) || accept(p, "hourly")) {
        accept(p, "on the hour"); /* the hourly preset's minute is 0 */
        char hours[16], dows[8];
        if (hour_window(p, false, hours, sizeof hours, dows, sizeof dows))
            t = schedule_cron("0 %s * * %s", hours, dows);
        else
            t = json_pack("{s:s, s:s}", "type", "schedule", "preset",
                          "hourly");
    } else if (every && count_value(p, &n) && n >= 1) {
        char hours[16] = "*", dows[8] = "*";
        if ((accept(p, "hours") || accept(p, "hour") || accept(p, "hrs") ||
             accept(p, "hr")) && n < 24) {
            /* "every 2 hours between 8am and 6pm": 8-18/2 */
            if (hour_window(p, false, hours, sizeof hours, dows,
                            sizeof dows))
                t = schedule_cron("0 %s/%d * * %s", hours, (int)n, dows);
            else
                t = schedule_cron("0 */%d * * *", (int)n);
        } else if ((accept(p, "minutes") || accept(p, "minute") ||
                    accept(p, "mins") || accept(p, "min")) && n >= 5 &&
                   n < 60) {
            hour_window(p, true, hours, sizeof hours, dows, sizeof dows);
            t = schedule_cron("*/%d %s * * %s", (int)n, hours, dows);
        } else {
            goto no;
        }
    }
    if (t) {
        json_t *zone = zone_words(p);
        if (zone)
            json_object_set_new(t, "timezone", zone);
        return t;
    }
no:
    json_decref(t);
    p->i = save;
    return NULL;
}

/* A form by its words: "the demo request form", "the 'demo' form", "a
 * form called 'demo'", "the form" (any: *name NULL). False (position
 * kept) when no form is named here; *name is the caller's. */
static bool form_named(struct parser *p, json_t **name)
{
    int save = p->i;
    static const char *const forms[] = {"form", "web form", NULL};
    bool formed = false;
    *name = NULL;
    if (cur(p)->kind == TK_QUOTED && !cur(p)->unterminated) {
        *name = json_string(cur(p)->text);
        p->i++;
    } else if ((*name = bare_name(p, forms))) {
        formed = true; /* "the demo request form" */
    }
    if (!formed && accept_list(p, forms) < 0) {
        json_decref(*name);
        *name = NULL;
        p->i = save;
        return false;
    }
    /* "the form 'demo'", "a form called 'demo'" */
    int back = p->i;
    accept(p, "called");
    accept(p, "named");
    if (!*name && cur(p)->kind == TK_QUOTED && !cur(p)->unterminated) {
        *name = json_string(cur(p)->text);
        p->i++;
    } else {
        p->i = back;
    }
    return true;
}

/* "the 'Contact us' form", "our pricing form": that form's submissions
 * as the event; NULL (position past an article) if no form is named. */
static json_t *form_event(struct parser *p)
{
    skip_articles(p);
    accept(p, "our");
    json_t *named = NULL;
    return form_named(p, &named)
               ? event_trigger("form_submitted", "formId", named)
               : NULL;
}

/* "a new contact is created", "someone submits the 'demo' form", "a
 * webhook arrives": an event or webhook trigger, NULL if none. */
static json_t *event_clause(struct parser *p)
{
    int save = p->i;
    /* events agentd does not have: said, so the words are not misread */
    static const char *const absent[] = {
        "a deal is created", "a new deal is created", "a new deal",
        "a deal is added", "a new deal is added", "new deals",
        "a company is created", "a new company", "a task is created",
        "a contact is updated", "a contact changes", "a deal is updated",
        "an email is opened", "a contact replies", "someone replies",
        "a lead replies", NULL};
    if (list_at(p, 0, absent, NULL)) {
        refuse(p, no_event_why);
        return NULL;
    }
    static const char *const nouns[] = {
        "contact", "lead",      "person",  "prospect", "contacts", "leads",
        "people",  "prospects", "signup",  "signups",  "sign-up",  "sign-ups",
        NULL};
    static const char *const made[] = {
        "is created", "is added", "gets created", "gets added",
        "was created", "was added", "is created in the crm",
        "is added to the crm", "comes in", "signs up", "appears",
        "are created", "are added", "come in", "sign up", "appear",
        "are added to the crm", "arrives", "arrive", "shows up", "show up",
        "registers", "register", "is imported", "are imported",
        "gets imported", NULL};
    static const char *const dets[] = {"a", "an", "any", "the", "every",
                                       "each", NULL};
    /* "a deal worth more than $100,000 is created": no such event either */
    static const char *const other[] = {"deal", "deals", "company",
                                        "companies", "task", "tasks", NULL};
    accept_list(p, dets);
    accept(p, "new");
    int o = accept_list(p, other);
    if (o >= 0) {
        struct mark m = mark_take(p);
        json_decref(conditions_in(p, other[o][0] == 'd' ? SC_DEAL
                                                          : SC_CONTACT));
        bool made_one = accept_list(p, made) >= 0;
        int made_end = p->i;
        mark_back(p, m);
        if (made_one) {
            /* said of the words up to "is created": past what the
             * conditions before it, or "created" read as a field, would
             * report */
            p->i = made_end;
            refuse_read(p, save, no_event_why);
            p->i = save;
            return NULL;
        }
    }
    p->i = save;
    /* contact created */
    accept_list(p, dets);
    bool fresh = accept(p, "new");
    /* "each new CEO", "new founders in Berlin": new contacts with that
     * title */
    json_t *titled = fresh && !list_at(p, 0, nouns, NULL)
                         ? titles_leaf(p, NULL)
                         : NULL;
    if (titled || accept_list(p, nouns) >= 0) {
        /* "a new lead comes in from LinkedIn", "... with title CEO", "a
         * contact with title CEO is created": which new contacts start a
         * run (checked before it is admitted) */
        json_t *cond = combine("and", titled, conditions_in(p, SC_CONTACT));
        bool made_one = accept_list(p, made) >= 0;
        /* "a contact is created via the website form", "a lead comes in
         * from the 'demo' form": that form's submissions */
        static const char *const by_form[] = {"through", "via", "from",
                                              "using", "with", NULL};
        int f = p->i;
        json_t *form;
        if (made_one && !cond && accept_list(p, by_form) >= 0 &&
            (form = form_event(p)))
            return form;
        p->i = f;
        /* "is created via the API", "gets created in the CRM",
         * "manually": how it was made, which every new contact's run
         * takes alike */
        static const char *const how[] = {
            "via the api", "through the api", "via api", "by the api",
            "in the crm", "in our crm", "in agentd", "manually",
            "by hand", "by someone", "by anyone", "by a user", NULL};
        if (made_one)
            accept_list(p, how);
        if (made_one && !cond)
            cond = conditions_in(p, SC_CONTACT);
        /* "a lead comes in via LinkedIn": its source; "... through the
         * pricing form" is the form's (below) */
        static const char *const via[] = {"through", "via", NULL};
        if (made_one && list_at(p, 0, via, NULL)) {
            int v = p->i++;
            json_t *src = next_source(p, NULL);
            if (src)
                cond = combine("and", cond, src);
            else
                p->i = v;
        }
        if ((made_one || fresh) && !list_at(p, 0, via, NULL))
            return event_trigger("contact_created", "conditions", cond);
        json_decref(cond);
    }
    /* form submitted */
    p->i = save;
    static const char *const who[] = {"someone", "somebody", "a visitor",
                                      "a lead", "a contact", "a prospect",
                                      "anyone", NULL};
    static const char *const fills[] = {
        "submits",          "fills out",         "fills in",
        "fills",            "completes",         "signs up through",
        "signs up via",     "signs up using",    "signs up with",
        "comes in through", "comes in via",      "registers through",
        "registers via",    "registers using",   "converts through",
        "converts via",     NULL};
    static const char *const sent[] = {
        "is submitted", "gets submitted", "is filled out", "is filled in",
        "is completed", "submission", "submissions", "is sent", "submit",
        "comes in", "arrives", "is received", "gets filled out",
        "gets filled in", "gets completed", NULL};
    /* "(on) submission of the 'Contact us' form": the noun first */
    static const char *const submission_of[] = {
        "submission of", "submissions of", "a submission of",
        "a new submission of", "new submission of", "new submissions of",
        "every submission of", "each submission of", "any submission of",
        NULL};
    json_t *sub;
    if (accept_list(p, submission_of) >= 0 && (sub = form_event(p)))
        return sub;
    p->i = save;
    bool by_person = accept_list(p, who) >= 0;
    if (by_person && accept_list(p, fills) < 0) {
        /* "someone requests a demo through the website form": what
         * they do there, then the form it is done through */
        static const char *const via[] = {"through", "via", "using",
                                          "on", "with", NULL};
        for (int k = 1; k < 8 && !at_hard_end(p); k++) {
            if (!list_at(p, k, via, NULL))
                continue;
            int back = p->i;
            p->i += k + 1;
            if ((sub = form_event(p)))
                return sub;
            p->i = back;
        }
        p->i = save;
        return NULL;
    }
    if (by_person) {
        skip_articles(p);
        accept(p, "our");
    } else {
        accept_list(p, dets);
    }
    accept(p, "new");
    json_t *name = NULL;
    if (form_named(p, &name)) {
        if (by_person || accept_list(p, sent) >= 0) {
            /* "form submission of 'Contact us'", "a form submission for
             * the 'demo' form": the form named after the noun */
            int of = p->i;
            json_t *named = NULL;
            if (!name && is_word(at(p, -1), "submission") &&
                (accept(p, "of") || accept(p, "for") || accept(p, "from"))) {
                skip_articles(p);
                if (cur(p)->kind == TK_QUOTED && !cur(p)->unterminated) {
                    named = json_string(cur(p)->text);
                    p->i++;
                    static const char *const forms[] = {"form", "web form",
                                                        NULL};
                    accept_list(p, forms);
                } else if (!form_named(p, &named)) {
                    named = NULL;
                }
            }
            if (named)
                name = named;
            else
                p->i = of;
            json_t *t = event_trigger("form_submitted", "formId", name);
            /* "... is submitted with a budget over 5000", "... and the
             * budget is over 10000": checked before a run is admitted */
            int at_and = p->i;
            if (accept(p, "with") || accept(p, "and")) {
                bool was = p->form_fields;
                p->form_fields = true;
                json_t *cond = cond_or(p, C_IF);
                p->form_fields = was;
                if (cond)
                    json_object_set_new(t, "conditions", cond);
                else
                    p->i = at_and;
            }
            return t;
        }
    }
    json_decref(name);
    /* any change of a deal's stage */
    p->i = save;
    static const char *const staged[] = {
        "a deal's stage changes", "a deal changes stage",
        "the stage of a deal changes", "a deal stage changes",
        "a deal's stage is updated", "a deal stage is updated",
        "a deal moves stage", "a deal moves to a new stage",
        "a deal changes stages", "deal stage changes",
        "a deal moves to any stage", "a deal moves to another stage",
        "a deal moves stages", "a deal's stage is changed",
        "any deal changes stage", "any deal's stage changes",
        "any deal moves stage", "a deal changes its stage",
        "any deal changes its stage", "the deal stage changes",
        "a deal's stage is moved", "any deal moves to a new stage",
        /* "On deal stage change, ...": the change as a noun */
        "a deal stage change", "deal stage change", "a deal stage update",
        "deal stage update", "any deal stage change", "a stage change",
        "stage change", "any stage change", "deal stage changes", NULL};
    if (accept_list(p, staged) >= 0)
        return event_trigger("deal_stage_updated", NULL, NULL);
    /* webhook */
    p->i = save;
    static const char *const hook[] = {
        "a webhook is received", "a webhook arrives", "a webhook comes in",
        "a webhook is called", "the webhook is called", "we receive a webhook",
        "the webhook is received", "the webhook arrives",
        "the webhook comes in", "a webhook fires", "the webhook fires",
        "a webhook is triggered", "the webhook is triggered",
        "the webhook is hit", "a webhook is hit",
        "an incoming webhook", "incoming webhook", "webhook", NULL};
    if (accept_list(p, hook) >= 0)
        return json_pack("{s:s}", "type", "webhook");
    /* "a Stripe payment webhook comes in", "our app sends a webhook", "we
     * get a webhook from Stripe": a webhook named among a few words, with
     * a word for its arrival before or after it */
    static const char *const sends[] = {"sends", "send", "posts", "fires",
                                       "calls", "hits", "get", "gets",
                                       "receive", "receives", NULL};
    static const char *const came[] = {"comes in", "arrives", "is received",
                                       "is sent", "is called", "fires",
                                       "hits", "came in", NULL};
    bool before = false;
    for (int k = 0; k < 7 && at(p, k)->kind == TK_WORD; k++) {
        if (is_word(at(p, k), "webhook") || is_word(at(p, k), "webhooks")) {
            p->i += k + 1;
            if (!before && accept_list(p, came) < 0)
                break;
            if (accept(p, "from")) /* "... from Stripe" */
                while (cur(p)->kind == TK_WORD && !is_reserved(cur(p)) &&
                       !starts_step_word(cur(p)))
                    p->i++;
            return json_pack("{s:s}", "type", "webhook");
        }
        before = before || list_at(p, k, sends, NULL);
    }
    p->i = save;
    return NULL;
}

static bool field_listed(const char *field, const void *fields)
{
    for (const char *const *f = fields; *f; f++)
        if (!strcmp(field, *f))
            return true;
    return false;
}

/* Whether condition `c` tests one of `fields` (NULL-terminated). */
static bool cond_names(const json_t *c, const char *const *fields)
{
    return cond_any_field(c, field_listed, fields);
}

/* Whether a condition looks at a deal's stage (now or before). */
static bool cond_names_stage(const json_t *c)
{
    static const char *const stage[] = {"deal.stage",
                                        "trigger.previousStage", NULL};
    return cond_names(c, stage);
}

/* Where a trigger clause may end: a comma or colon, a sentence or line
 * end, or the first step itself. */
static bool clause_end(struct parser *p)
{
    if (accept_punct(p, ",") || accept_punct(p, ":") ||
        accept_punct(p, ".") || accept_punct(p, ";")) {
        accept(p, "then");
        accept_punct(p, ",");
        return true;
    }
    if (cur(p)->kind == TK_NL) {
        p->i++;
        return true;
    }
    int arrow = arrow_at(p); /* "New contact -> tag them 'new'" */
    if (arrow) {
        p->i += arrow;
        return true;
    }
    /* "Run every hour and notify me: ..." */
    if (is_word(cur(p), "and") && starts_step_word(at(p, 1))) {
        p->i++;
        return true;
    }
    return accept(p, "then") || starts_step_word(cur(p));
}

/*
 * The trigger the opening words name, or NULL (p->i unchanged). For a
 * deal that moves to a stage the words stay for the if step they also
 * are ("Whenever a deal moves to Negotiation, notify ..." checks the
 * stage in the plan too); the others are consumed.
 */
static json_t *lead_trigger(struct parser *p)
{
    skip_labels(p); /* "Goal: ..." on the first line */
    int save = p->i;
    /* "Trigger: every Monday at 9am", "Schedule: daily at 8", "When: a
     * form is submitted": a label before the trigger's words */
    static const char *const labels[] = {"trigger", "schedule", "when",
                                         "runs", "run", "frequency",
                                         "timing", NULL};
    int lm = list_at(p, 0, labels, NULL);
    if (lm && is_punct(at(p, lm), ":")) {
        p->i += lm + 1;
        json_t *lt = schedule_clause(p);
        if (!lt) {
            trigger_opener(p); /* "When: when a form is submitted" */
            lt = event_clause(p);
        }
        if (lt && (clause_end(p) || cur(p)->kind == TK_NL)) {
            while (cur(p)->kind == TK_NL)
                p->i++;
            return lt;
        }
        json_decref(lt);
        p->i = save;
    }
    json_t *t = schedule_clause(p);
    if (t && clause_end(p))
        return t;
    json_decref(t);
    p->i = save;
    /* "New contact -> tag them 'new'", "New lead: ...": the event as a
     * heading */
    if (is_word(cur(p), "new")) {
        t = event_clause(p);
        if (t && (is_punct(cur(p), ":") || arrow_at(p)) && clause_end(p))
            return t;
        json_decref(t);
        p->i = save;
    }
    if (!trigger_opener(p))
        return NULL;
    t = event_clause(p);
    if (t && clause_end(p)) {
        if (cur(p)->kind == TK_EOF) {
            /* Only a trigger: no step to run. */
            json_decref(t);
            p->i = save;
            return NULL;
        }
        return t;
    }
    json_decref(t);
    p->i = save;
    return stage_trigger(p, false);
}

/*
 * "When a contact is created and their title contains CEO, hand off to
 * @user.ae; otherwise send template 'Welcome'": an event whose conditions
 * have an otherwise. The conditions cannot stay the trigger's (the run
 * would not start for the others, whose step it is): the trigger takes
 * every such event and the first steps are an if on them, with the
 * otherwise as its else. 1 when it was read (into steps), 0 when there
 * is nothing of the kind, -1 (with the failure) when its steps do not
 * parse.
 */
static int event_split(struct parser *p, json_t *trigger, json_t *steps)
{
    json_t *cond = json_object_get(trigger, "conditions");
    const char *event = jx_str(trigger, "event");
    if (!cond || !event || !strcmp(event, "deal_stage_updated"))
        return 0;
    /* an otherwise at a clause's start, before any if of its own */
    bool other = false;
    for (int k = 0; !other && at(p, k)->kind != TK_EOF; k++) {
        const struct tok *t = at(p, k);
        if ((is_word(t, "if") && !else_at(p, k)) || is_word(t, "unless") ||
            is_word(t, "when"))
            return 0;
        const struct tok *b = at(p, k - 1);
        other = (is_punct(b, ",") || is_punct(b, ";") || is_punct(b, ".") ||
                 b->kind == TK_NL) &&
                else_at(p, k);
    }
    if (!other)
        return 0;
    json_t *then = json_array(), *els = NULL;
    if (!parse_block(p, 0, then) || !parse_else(p, 0, &els) || !els) {
        json_decref(then);
        json_decref(els);
        return -1;
    }
    append_if(steps, json_incref(cond), then, els, 0);
    json_object_del(trigger, "conditions");
    return 1;
}

/* ---- entry ---------------------------------------------------------- */

/* A line end, stop, comma or semicolon: what ends a clause. */
static bool separator(const struct tok *t)
{
    return t->kind == TK_NL || is_punct(t, ".") || is_punct(t, ",") ||
           is_punct(t, ";");
}

static int parse_failed(struct parser *p, const char *src, size_t len,
                        struct err *err)
{
    int rc = err_set(err, E_VALIDATION, "%s", PLAN_PARSE_ERROR);
    const struct tok *t = &p->t[p->far < p->n ? p->far : p->n - 1];
    /* The words not understood: from where parsing stopped to the end of
     * that clause; for a refusal of words that were read (refuse_read),
     * those words. */
    size_t start = t->start, end = t->start;
    if (p->span > 0 && p->far - p->span >= 0) {
        start = p->t[p->far - p->span].start;
        end = p->t[p->far - 1].end;
    }
    for (int j = p->far; j < p->n && !p->span; j++) {
        const struct tok *x = &p->t[j];
        if (x->kind == TK_EOF || x->kind == TK_NL || is_punct(x, ".") ||
            is_punct(x, ";") || (j > p->far && is_punct(x, ",")))
            break;
        end = x->end;
    }
    /* (only line ends and stops left: the words ran out, as at the
     * end) */
    int rest = (int)(t - p->t);
    while (rest < p->n - 1 && separator(&p->t[rest]))
        rest++;
    if (end == start && p->t[rest].kind == TK_EOF) {
        /* Ran out of words: point at the last clause (the line ends
         * and stops after it are not one: "Close the deal.\n") */
        int last = p->far - 1;
        while (last > 0 && separator(&p->t[last]))
            last--;
        int j = last;
        while (j > 0 && p->t[j].kind != TK_NL && !is_punct(&p->t[j], ".") &&
               !is_punct(&p->t[j], ","))
            j--;
        start = j >= 0 && j < p->n ? p->t[j > 0 ? j + 1 : 0].start : 0;
        end = last >= 0 && last < p->far ? p->t[last].end : len;
        if (end < start) /* (nothing but separators: "and.") */
            end = start;
        /* What the last step tried still wanted ("what should the
         * notification say?") says more than that the words ran out. */
        err_detail_str(err, "reason",
                       p->why ? p->why : "the instructions end too early");
    } else if (p->why) {
        err_detail_str(err, "reason", p->why);
    }
    if (start > len)
        start = len;
    if (end > len)
        end = len;
    char *words = strndup(src + start, end - start);
    err_detail(err, "text", jx_string(words ? words : ""));
    free(words);
    err_detail(err, "start", json_integer((json_int_t)start));
    err_detail(err, "end", json_integer((json_int_t)end));
    return rc;
}

static int parse_lexed(const char *text, size_t len, struct lex *lx,
                       json_t **plan, json_t **trigger, struct err *err);

int plan_parse(const char *text, size_t len, json_t **plan, json_t **trigger,
               struct err *err)
{
    *plan = NULL;
    if (trigger)
        *trigger = NULL;
    if (!str_utf8_valid(text, len))
        return err_set(err, E_VALIDATION, "%s (the text is not valid UTF-8)",
                       PLAN_PARSE_ERROR);
    struct lex *lx = lex_new(text, len, PLAN_MAX_INSTRUCTIONS);
    if (!lx) {
        int rc = err_set(err, E_VALIDATION, "%s", PLAN_PARSE_ERROR);
        char why[96];
        snprintf(why, sizeof why, "instructions are longer than %d "
                                  "characters",
                 PLAN_MAX_INSTRUCTIONS);
        err_detail_str(err, "reason", why);
        return rc;
    }
    int rc = parse_lexed(text, len, lx, plan, trigger, err);
    lex_free(lx);
    /* "Find contacs taged 'x'": read again with the misspelt words as the
     * ones they are a letter away from; the first reading's failure is
     * the one said when that fails too (a reading that succeeded is never
     * read again, so a word is only ever "corrected" where it was not
     * understood) */
    if (rc && (lx = lex_new(text, len, PLAN_MAX_INSTRUCTIONS)) != NULL) {
        struct err again = ERR_INIT;
        if (lex_fix_typos(lx, lex_typo_words) > 0 &&
            parse_lexed(text, len, lx, plan, trigger, &again) == 0) {
            err_clear(err);
            rc = 0;
        }
        err_clear(&again);
        lex_free(lx);
    }
    return rc;
}

/* plan_parse over tokens already read (lx is the caller's). */
static int parse_lexed(const char *text, size_t len, struct lex *lx,
                       json_t **plan, json_t **trigger, struct err *err)
{
    json_t *found = NULL;
    struct parser p = {.src = text, .len = len, .t = lx->toks, .n = lx->n,
                       .day = -1};
    json_t *steps = json_array();
    int rc = 0;
    for (int j = 0; j < lx->n; j++) {
        if (lx->toks[j].kind == TK_QUOTED && lx->toks[j].unterminated) {
            p.i = j;
            fail(&p, "a quote is not closed");
            rc = parse_failed(&p, text, len, err);
            goto out;
        }
    }
    if (lx->n <= 1) {
        rc = err_set(err, E_VALIDATION, "%s", PLAN_PARSE_ERROR);
        err_detail_str(err, "reason", "the instructions are empty");
        goto out;
    }
    skip_greeting(&p);
    skip_run_opener(&p);
    if (agent_opener(&p)) {
        third_person_verbs(lx, p.i);
        describes_agent(&p);
        /* "... that every Monday at 9am tags ...": a step begins after
         * the schedule too */
        int at = p.i;
        json_t *sched = schedule_clause(&p);
        if (sched)
            third_person_verbs(lx, p.i);
        json_decref(sched);
        p.i = at;
    }
    found = lead_trigger(&p);
    p.lead = found != NULL;
    p.root = steps;
    p.opened_by = found;
    int split = event_split(&p, found, steps);
    bool read = split >= 0;
    /* (the steps after the otherwise's, if any) */
    if (read && !(split > 0 && skip_to_end(&p)))
        read = parse_steps(&p, M_TOP, 0, steps);
    if (p.leaves > PARSE_MAX_LEAVES) {
        rc = err_set(err, E_VALIDATION, "%s", PLAN_PARSE_ERROR);
        err_detail_str(err, "reason",
                       "the instructions are too involved to read at once: "
                       "write them as shorter sentences, one step each");
        goto out;
    }
    if (!read || cur(&p)->kind != TK_EOF) {
        /* A reason found where parsing stopped says more. */
        if (cur(&p)->kind != TK_EOF && !(p.why && p.far == p.i))
            fail(&p, "unexpected words");
        rc = parse_failed(&p, text, len, err);
        goto out;
    }
    if (p.tail_trigger || p.second) {
        if (found || p.second) {
            rc = err_set(err, E_VALIDATION, "%s", PLAN_PARSE_ERROR);
            err_detail_str(err, "reason",
                           "the instructions name two triggers: keep one");
            goto out;
        }
        found = p.tail_trigger;
        p.tail_trigger = NULL;
    }
    json_t *result = json_pack("{s:O}", "steps", steps);
    struct err verr = ERR_INIT;
    if (plan_validate(result, &verr) != 0) {
        rc = err_set(err, E_VALIDATION, "%s", PLAN_PARSE_ERROR);
        err_detail_str(err, "reason", verr.msg);
        if (verr.details && json_object_get(verr.details, "path"))
            err_detail(err, "path",
                       json_incref(json_object_get(verr.details, "path")));
        err_clear(&verr);
        json_decref(result);
        goto out;
    }
    *plan = result;
    if (trigger) {
        *trigger = found;
        found = NULL;
    }
out:
    json_decref(p.mid_cond);
    json_decref(p.skip_cond);
    json_decref(p.skip_lead);
    json_decref(p.tail_trigger);
    json_decref(found);
    json_decref(steps);
    return rc;
}
