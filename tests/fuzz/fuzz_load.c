/*
 * fuzz_load: libFuzzer target for jx_load(), the reader of what the store
 * wrote: for any text it must give what jansson gives (the same value, or
 * nothing), and its fast reader must never accept a text jansson refuses
 * or read one differently.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0'; /* a stored text ends at its first NUL */
    json_t *want = json_loads(text, JSON_DECODE_ANY, NULL);
    json_t *got = jx_load(text);
    json_t *fast = jx_load_subset(text);
    if (!want != !got || (want && !json_equal(want, got)))
        abort();
    if (fast && (!want || !json_equal(want, fast)))
        abort();
    json_decref(want);
    json_decref(got);
    json_decref(fast);
    free(text);
    return 0;
}
