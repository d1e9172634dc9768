/*
 * str: checked parsing and small string helpers.
 *
 * Number parsing is strict: the whole string must be the number, with no
 * leading space and no overflow (atoi and friends are banned here). Case
 * folding is ASCII only; non-ASCII bytes compare as they are.
 * All functions are thread-safe and allocate nothing unless stated.
 */
#ifndef AGENTD_CORE_STR_H
#define AGENTD_CORE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returns 0 and sets *out, or -1 when s is not exactly a decimal integer
 * within int64 range. */
int str_parse_i64(const char *s, int64_t *out);
/* Same, for a finite decimal number. */
int str_parse_double(const char *s, double *out);

bool str_utf8_valid(const char *s, size_t n);
bool str_eq_ci(const char *a, const char *b);
/* Fields whose values people write in several ways for one thing. */
enum str_key_kind { STR_KEY_COUNTRY, STR_KEY_CITY, STR_KEY_SOURCE };
/* The kind of a field named "contact.country", "company.country",
 * "contact.city", "contact.source" (the record's own name), or -1. */
int str_key_kind_of(const char *field);
/*
 * The form two values of such a field are compared in, in buf (n
 * bytes; returns buf): lower case, accents folded ("Zürich" is
 * "zurich"), dots dropped; then
 *   - a country under its usual names: "US", "USA", "U.S.A.", "America"
 *     are "united states"; "UK", "Great Britain" "united kingdom"; ...
 *   - a city under its short names: "NYC" is "new york", "SF" "san
 *     francisco", "München" "munich", ...
 *   - a lead source without a plural: "Trade Shows" is "trade show".
 * Any other value is itself in that form.
 */
const char *str_value_key(enum str_key_kind kind, const char *s, char *buf,
                          size_t n);
bool str_starts_with_ci(const char *s, const char *prefix);
/* Case-insensitive substring search; returns the match or NULL. */
const char *str_find_ci(const char *hay, const char *needle);
/* A pragmatic address check: local@domain.tld, no spaces, one @, printable
 * ASCII, at most 254 bytes. */
bool str_email_valid(const char *s);
/* True if every byte is 0-9. */
bool str_all_digits(const char *s);

/* Base64url without padding. Encode: caller frees. Decode: returns the
 * number of bytes written, or -1 on bad input or short space. */
char *str_b64url_encode(const unsigned char *p, size_t n);
long str_b64url_decode(const char *s, unsigned char *out, size_t space);

/* Copies src (NULL: "") into dst of `size` bytes (> 0), cut to fit and
 * always terminated: snprintf's "%s" without its format parsing, for
 * hot paths. */
void str_copy(char *dst, size_t size, const char *src);

/* Lower-case hex of n bytes into out (2n+1 bytes). */
void str_hex(const unsigned char *p, size_t n, char *out);

#endif
