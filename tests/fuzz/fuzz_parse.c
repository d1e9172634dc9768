/*
 * fuzz_parse: libFuzzer target for the instruction parser.
 *
 * Any input either parses to a plan that passes the validator, or fails
 * with the parse error and details; never a crash, a leak or a sanitizer
 * report. Inputs may be as large as the API accepts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crm/agents.h"
#include "plan/parse.h"
#include "plan/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct err e = ERR_INIT;
    json_t *plan = NULL, *trigger = NULL;
    int rc = plan_parse((const char *)data, size, &plan, &trigger, &e);
    if (rc == 0) {
        /* A parsed plan always validates. */
        struct err v = ERR_INIT;
        if (plan_validate(plan, &v) != 0)
            abort();
        /* A trigger the opening words name is one agents accept. */
        if (trigger && agents_trigger_check(trigger, &v) != 0)
            abort();
        err_clear(&v);
    } else {
        if (plan || trigger || strncmp(e.msg, PLAN_PARSE_ERROR, strlen(PLAN_PARSE_ERROR)))
            abort();
    }
    json_decref(plan);
    json_decref(trigger);
    err_clear(&e);
    return 0;
}
