/* crypto: libsodium wrappers for passwords, tokens and secrets. */
#include "core/crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "core/str.h"
#include "core/xalloc.h"

int cry_init(struct err *err)
{
    if (sodium_init() < 0)
        return err_set(err, E_INTERNAL, "libsodium failed to initialise");
    return 0;
}

static int write_new_key(const char *path, struct cry_key *out,
                         struct err *err)
{
    randombytes_buf(out->k, sizeof out->k);
    char *b64 = str_b64url_encode(out->k, sizeof out->k);
    int rc = 0;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        rc = err_set(err, E_INTERNAL, "Cannot create key file %s: %s", path,
                     strerror(errno));
        goto out;
    }
    size_t n = strlen(b64);
    if (write(fd, b64, n) != (ssize_t)n || write(fd, "\n", 1) != 1) {
        rc = err_set(err, E_INTERNAL, "Cannot write key file %s: %s", path,
                     strerror(errno));
    }
    if (close(fd) != 0 && rc == 0)
        rc = err_set(err, E_INTERNAL, "Cannot write key file %s", path);
out:
    free(b64);
    return rc;
}

static int decode_key(const char *b64, struct cry_key *out, struct err *err)
{
    char tmp[128];
    size_t n = strnlen(b64, sizeof tmp - 1);
    memcpy(tmp, b64, n);
    tmp[n] = '\0';
    while (n && (tmp[n - 1] == '\n' || tmp[n - 1] == '\r' ||
                 tmp[n - 1] == ' '))
        tmp[--n] = '\0';
    if (str_b64url_decode(tmp, out->k, sizeof out->k) != sizeof out->k)
        return err_set(err, E_INTERNAL,
                       "The secret key must be 32 bytes in base64url "
                       "(generate one with: head -c32 /dev/urandom | "
                       "basenc --base64url | tr -d =)");
    return 0;
}

int cry_key_load(const char *b64, const char *path, struct cry_key *out,
                 struct err *err)
{
    if (b64 && *b64)
        return decode_key(b64, out, err);
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT)
            return write_new_key(path, out, err);
        return err_set(err, E_INTERNAL, "Cannot read key file %s: %s", path,
                       strerror(errno));
    }
    char line[128] = {0};
    char *got = fgets(line, sizeof line, f);
    fclose(f);
    if (!got)
        return err_set(err, E_INTERNAL, "Key file %s is empty", path);
    int rc = decode_key(line, out, err);
    if (rc)
        err_prefix(err, "Key file %s: ", path);
    return rc;
}

int cry_password_hash(const char *password, char out[CRY_PWHASH_MAX],
                      struct err *err)
{
    if (crypto_pwhash_str(out, password, strlen(password),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return err_set(err, E_INTERNAL, "Password hashing ran out of memory");
    return 0;
}

bool cry_password_verify(const char *hash, const char *password)
{
    if (!hash || !password)
        return false;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void cry_token_new(const char *prefix, char out[CRY_TOKEN_MAX])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    char *b64 = str_b64url_encode(raw, sizeof raw);
    snprintf(out, CRY_TOKEN_MAX, "%s%s", prefix, b64);
    free(b64);
    sodium_memzero(raw, sizeof raw);
}

void cry_token_hash(const char *token, unsigned char out[CRY_HASH_BYTES])
{
    crypto_generichash(out, CRY_HASH_BYTES, (const unsigned char *)token,
                       strlen(token), NULL, 0);
}

char *cry_seal(const struct cry_key *key, const char *plain, size_t n)
{
    size_t clen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;
    unsigned char *c = xmalloc(clen);
    randombytes_buf(c, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(c + crypto_secretbox_NONCEBYTES,
                          (const unsigned char *)plain, n, c, key->k);
    char *b64 = str_b64url_encode(c, clen);
    free(c);
    size_t blen = strlen(b64);
    char *out = xmalloc(blen + 4);
    memcpy(out, "v1.", 3);
    memcpy(out + 3, b64, blen + 1);
    free(b64);
    return out;
}

char *cry_open(const struct cry_key *key, const char *sealed,
               struct err *err)
{
    if (!sealed || strncmp(sealed, "v1.", 3) != 0) {
        err_set(err, E_INTERNAL, "Stored secret has an unknown format");
        return NULL;
    }
    size_t space = strlen(sealed);
    unsigned char *c = xmalloc(space);
    long clen = str_b64url_decode(sealed + 3, c, space);
    char *plain = NULL;
    if (clen < (long)(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)) {
        err_set(err, E_INTERNAL, "Stored secret is damaged");
        goto out;
    }
    size_t n = (size_t)clen - crypto_secretbox_NONCEBYTES -
               crypto_secretbox_MACBYTES;
    plain = xmalloc(n + 1);
    if (crypto_secretbox_open_easy(
            (unsigned char *)plain, c + crypto_secretbox_NONCEBYTES,
            (size_t)clen - crypto_secretbox_NONCEBYTES, c, key->k) != 0) {
        free(plain);
        plain = NULL;
        err_set(err, E_INTERNAL, "Stored secret cannot be decrypted with this "
                                 "server's key (was the key file replaced?)");
        goto out;
    }
    plain[n] = '\0';
out:
    free(c);
    return plain;
}

void cry_free_secret(char *s)
{
    if (!s)
        return;
    sodium_memzero(s, strlen(s));
    free(s);
}

bool cry_str_equal(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    /* Hash both so that the comparison time does not depend on where the
     * strings differ, nor on the secret's length. */
    unsigned char ha[CRY_HASH_BYTES], hb[CRY_HASH_BYTES];
    cry_token_hash(a, ha);
    cry_token_hash(b, hb);
    return sodium_memcmp(ha, hb, sizeof ha) == 0;
}
