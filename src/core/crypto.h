/*
 * crypto: passwords, tokens and secrets at rest (libsodium).
 *
 * - Passwords: argon2id (crypto_pwhash_str, interactive limits).
 * - API tokens and session ids: 32 random bytes, base64url, with a prefix
 *   that says what they are ("agd_" tokens, "ags_" sessions). Only their
 *   BLAKE2b-256 hash is stored; 256 random bits need no slow hash.
 * - Secrets at rest (connection credentials, webhook secrets): XSalsa20-
 *   Poly1305 secretbox under a 32-byte master key, stored as
 *   "v1." + base64url(nonce || ciphertext).
 *
 * cry_init() must run once before threads start. struct cry_key is
 * read-only after loading and may be shared between threads.
 */
#ifndef AGENTD_CORE_CRYPTO_H
#define AGENTD_CORE_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define CRY_HASH_BYTES 32
#define CRY_TOKEN_MAX 64   /* prefix + 43 base64url chars + NUL fits */
#define CRY_PWHASH_MAX 128 /* crypto_pwhash_STRBYTES */

struct cry_key {
    unsigned char k[32];
};

int cry_init(struct err *err);

/* Loads the master key from `b64` (base64url, 32 bytes) when non-NULL and
 * non-empty; otherwise from the file at `path`, creating it (mode 0600) with
 * a fresh random key if it does not exist. */
int cry_key_load(const char *b64, const char *path, struct cry_key *out,
                 struct err *err);

int cry_password_hash(const char *password, char out[CRY_PWHASH_MAX],
                      struct err *err);
bool cry_password_verify(const char *hash, const char *password);

/* A new random token "<prefix><43 chars>" into out. */
void cry_token_new(const char *prefix, char out[CRY_TOKEN_MAX]);
void cry_token_hash(const char *token, unsigned char out[CRY_HASH_BYTES]);

/* Encrypts n bytes; returns the stored form (caller frees). */
char *cry_seal(const struct cry_key *key, const char *plain, size_t n);
/* Decrypts a stored form; returns the plaintext (NUL-terminated, caller
 * frees with cry_free_secret) or NULL with an error. */
char *cry_open(const struct cry_key *key, const char *sealed,
               struct err *err);
/* Wipes and frees a decrypted secret. Accepts NULL. */
void cry_free_secret(char *s);

/* Constant-time equality of two strings (lengths may differ). */
bool cry_str_equal(const char *a, const char *b);

#endif
