/*
 * wait: parks the run until a moment (up to 90 days on). Parking is an
 * effect the engine carries out (status waiting, a resume job); the step
 * only says until when.
 */
#include <stdio.h>

#include "actions/action.h"
#include "actions/steps.h"
#include "core/clock.h"
#include "core/jsonx.h"

/* "5 days", "2 hours", "45 minutes" */
static void span_text(int64_t secs, char *buf, size_t size)
{
    static const struct {
        int64_t s;
        const char *one, *many;
    } units[] = {{604800, "week", "weeks"}, {86400, "day", "days"},
                 {3600, "hour", "hours"},   {60, "minute", "minutes"},
                 {1, "second", "seconds"}};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        if (secs % units[i].s == 0) {
            int64_t n = secs / units[i].s;
            snprintf(buf, size, "%lld %s", (long long)n,
                     n == 1 ? units[i].one : units[i].many);
            return;
        }
    }
    snprintf(buf, size, "%lld seconds", (long long)secs);
}

int act_wait(struct act_env *env, const json_t *params, struct act_out *out,
             struct err *err)
{
    (void)err;
    int64_t secs = 0;
    jx_int(params, "seconds", &secs);
    char when[40], span[64], msg[160];
    out->park_until = env->now + secs * MS_PER_SEC;
    out->park_kind = "wait";
    clock_format_iso(out->park_until, when, sizeof when);
    span_text(secs, span, sizeof span);
    snprintf(msg, sizeof msg, "Agent paused. Will resume in %s.", span);
    out->output = json_pack("{s:s, s:s}", "resumeAt", when, "message", msg);
    act_count(out, "waits", 1);
    return 0;
}
