/*
 * fuzz_cron: libFuzzer target for cron expressions. Anything either parses
 * or is refused with a message; a parsed expression's next firing time is
 * strictly later than the instant asked about, or none — and none only
 * when cron_ever() says no date matches it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/cron.h"
#include "core/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tz *berlin;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256)
        return 0;
    char expr[257];
    memcpy(expr, data, size);
    expr[size] = '\0';
    struct err e = ERR_INIT;
    if (!berlin && tz_load("Europe/Berlin", NULL, &berlin, &e))
        abort();
    struct cron c;
    if (cron_parse(expr, &c, &e) == 0) {
        int64_t afters[] = {0, 1774746000000LL /* 2026-03-29T01:00Z */,
                            1792889400000LL /* 2026-10-25T00:30Z */};
        for (size_t i = 0; i < 3; i++) {
            int64_t n = cron_next(&c, berlin, afters[i]);
            if (n != -1 && n <= afters[i])
                abort();
            if ((n != -1) != cron_ever(&c))
                abort();
        }
    }
    err_clear(&e);
    return 0;
}
