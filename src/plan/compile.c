/* compile: the rule parser first, then an optional model; see compile.h. */
#include "plan/compile.h"

#include "core/log.h"
#include "plan/parse.h"
#include "plan/validate.h"

int plan_compile(const char *text, size_t len, const struct plan_fallback *fb,
                 json_t **plan, json_t **trigger, const char **source,
                 struct err *err)
{
    *plan = NULL;
    *source = NULL;
    int rc = plan_parse(text, len, plan, trigger, err);
    if (rc == 0) {
        *source = "parser";
        return 0;
    }
    if (!fb || !fb->ask || len > PLAN_MAX_INSTRUCTIONS)
        return rc;
    struct err merr = ERR_INIT;
    json_t *candidate = NULL;
    int mrc = fb->ask(fb->arg, text, len, &candidate, &merr);
    if (mrc == 0 && plan_validate(candidate, &merr) == 0) {
        err_clear(err);
        *plan = candidate;
        *source = "model";
        return 0;
    }
    /* The model's answer did not hold; the parser's error stands. */
    err_detail_str(err, "model", merr.msg);
    struct log_line l;
    if (log_begin(&l, LOG_WARN, "plan.model_rejected")) {
        log_str(&l, "reason", merr.msg);
        log_end(&l);
    }
    json_decref(candidate);
    err_clear(&merr);
    return rc;
}
