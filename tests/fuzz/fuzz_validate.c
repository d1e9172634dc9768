/*
 * fuzz_validate: libFuzzer target for the plan validator: any JSON (or
 * not-JSON) document is accepted or refused with a message and a path;
 * deep or huge documents fail cleanly.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/jsonx.h"
#include "plan/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct err e = ERR_INIT;
    json_t *doc = NULL;
    /* The same entry the API uses for request bodies. */
    if (jx_parse((const char *)data, size, JX_MAX_DEPTH, &doc, &e) == 0) {
        int rc = plan_validate(doc, &e);
        if (rc != 0 && (rc != -E_VALIDATION || !e.details))
            abort();
        json_decref(doc);
    }
    err_clear(&e);
    return 0;
}
