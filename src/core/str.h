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
/* The name a country goes by, for comparing countries written in
 * different ways: "US", "USA", "U.S.", "United States of America" and
 * "America" are all "united states"; "UK", "Great Britain" are "united
 * kingdom"; any other name is itself. Lower case, in buf (n bytes);
 * returns buf. */
const char *str_country_key(const char *s, char *buf, size_t n);
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
