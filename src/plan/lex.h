/*
 * lex: splits instructions into tokens for the parser.
 *
 * Every token remembers where it came from (byte offsets into the input),
 * so that free text ("Create task: Call @contact.firstName tomorrow") is
 * taken from the source exactly as written, and so that a parse error can
 * point at the words it could not understand.
 *
 * Words are lower-cased (ASCII) for matching; `raw` keeps the original.
 * All memory comes from one block sized by the input (lex_new), so a parse
 * never allocates more than a fixed multiple of the input length.
 *
 * Not thread-safe per object; separate objects are independent.
 */
#ifndef AGENTD_PLAN_LEX_H
#define AGENTD_PLAN_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tk {
    TK_EOF,
    TK_WORD,    /* find, contacts, haven't, co-founder, now-7d */
    TK_QUOTED,  /* 'Outbound v2' or "Hi there" (text = the inside) */
    TK_NUM,     /* 5, $10,000, 50k, 1.5M, 48h (suffix kept) */
    TK_VAR,     /* @contact.firstName, @search.results[0].title */
    TK_PATH,    /* contact.title, steps.1.output.status */
    TK_OP,      /* == != >= <= > < */
    TK_PUNCT,   /* , . ; : ( ) ! ? and anything else unexpected */
    TK_NL,      /* end of a line */
    TK_URL,     /* http(s)://... */
    TK_EMAIL,   /* jane@acme.com */
    TK_CHANNEL, /* #sales */
    TK_MARK,    /* list markers: "1." "2)" "-" "*" */
};

struct tok {
    enum tk kind;
    uint32_t start, end; /* bytes of the source, [start, end) */
    const char *text;    /* lower-cased word; quoted content; op; punct */
    const char *raw;     /* as written (words, paths, variables) */
    double num;          /* TK_NUM: the digits' value (before suffix) */
    char suffix[4];      /* TK_NUM: "k", "m", "h", "%" ... lower-cased */
    bool money;          /* TK_NUM: had a $ */
    bool upper_m;        /* TK_NUM: suffix was an upper-case M */
    bool bol;            /* first token of its line */
    bool unterminated;   /* TK_QUOTED with no closing quote */
    uint16_t indent;     /* columns of indentation of its line */
};

struct lex {
    const char *src;
    size_t len;
    struct tok *toks;
    int n;
    int cap;    /* tokens allocated */
    char *pool; /* strings */
    size_t pool_used, pool_cap;
};

/* Tokenizes src (len bytes, need not be NUL-terminated). Returns NULL only
 * when len exceeds max_len. The result owns all its memory: a token array
 * that grows with the tokens found and a string pool of at most four times
 * the input. */
struct lex *lex_new(const char *src, size_t len, size_t max_len);
void lex_free(struct lex *lx);
/* Bytes held by lx (for the memory figures of the benchmark). */
size_t lex_bytes(const struct lex *lx);

/* Reads words one letter off a word of `words` as that word ("contacs",
 * "taged", "notfy", "teh", "tagg"): a letter dropped, added or changed,
 * or two swapped (in words of four letters or fewer, only a swap or a
 * doubled letter, so "sent" stays). A word close to two of them, or that
 * is one of them or one with an ending ("tags"), is left. Only `text`
 * changes; `raw` and the offsets stay as written. Returns how many words
 * changed. */
int lex_fix_typos(struct lex *lx, const char *const *words);

/* Whether s (n bytes, no '@') starts with a variable's root and a dot:
 * "contact.title", "memory.x" — a path, not a domain such as "acme.com". */
bool lex_path_root(const char *s, size_t n);

#endif
