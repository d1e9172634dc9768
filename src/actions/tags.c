/*
 * tags: add_tag and remove_tag. Tags are created when new and never
 * doubled; the set's contacts are tagged (or untagged) in one statement
 * per tag, or contact by contact when the names hold variables, with an
 * Activity record per contact.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions/action.h"
#include "actions/steps.h"
#include "core/jsonx.h"
#include "core/xalloc.h"
#include "crm/activity.h"
#include "crm/tags.h"

static int tag_step(struct act_env *env, const json_t *params,
                    struct act_out *out, bool add, struct err *err)
{
    const json_t *tags = json_object_get(params, "tags");
    json_t *ids = act_contact_ids(env, err);
    if (!ids)
        return -E_INTERNAL;
    int rc = 0;
    if (json_array_size(ids) == 0) {
        act_no_contacts(env, out);
        goto out;
    }
    /* Tag names may hold variables; constant names go in one statement
     * per tag for the whole set. */
    json_t *names = json_array();
    bool per_contact = false;
    size_t i;
    json_t *t;
    json_array_foreach(tags, i, t) if (vars_present(json_string_value(t)))
        per_contact = true;
    int64_t changed = 0, n;
    if (!per_contact) {
        json_t *norm = NULL;
        rc = tags_normalize(tags, "tags", &norm, err);
        if (!rc) {
            int64_t *arr = xmalloc(sizeof *arr * (json_array_size(ids) + 1));
            json_t *v;
            json_array_foreach(ids, i, v) arr[i] = json_integer_value(v);
            rc = add ? tags_add(env->crm, arr, json_array_size(ids), norm,
                                &changed, err)
                     : tags_remove(env->crm, arr, json_array_size(ids), norm,
                                   &changed, err);
            free(arr);
        }
        if (norm)
            json_array_extend(names, norm);
        json_decref(norm);
    } else {
        rc = act_items(env, err);
        json_t *item;
        json_array_foreach(env->items, i, item)
        {
            if (rc)
                break;
            json_t *c = json_object_get(item, "contact");
            int64_t cid = json_integer_value(json_object_get(c, "id"));
            if (!cid)
                continue;
            json_t *raw = json_array();
            json_t *tg;
            size_t k;
            json_array_foreach(tags, k, tg)
            {
                /* a tag named by a field this contact has empty ("tag
                 * them with their country") is no tag for them: the
                 * warning says which variable, the others go on */
                json_t *name = act_text(env, item, json_string_value(tg),
                                        out);
                const char *v = json_string_value(name);
                if (v[strspn(v, " \t")]) /* not only blanks */
                    json_array_append(raw, name);
                json_decref(name);
            }
            if (json_array_size(raw) == 0) {
                json_decref(raw);
                continue;
            }
            json_t *norm = NULL;
            rc = tags_normalize(raw, "tags", &norm, err);
            json_decref(raw);
            if (!rc)
                rc = add ? tags_add(env->crm, &cid, 1, norm, &n, err)
                         : tags_remove(env->crm, &cid, 1, norm, &n, err);
            if (!rc) {
                changed += n;
                json_array_extend(names, norm);
            }
            json_decref(norm);
        }
    }
    int64_t present = 0;
    if (!rc) {
        char msg[600];
        char *list = jx_dump(names);
        snprintf(msg, sizeof msg, "%s %s by agent %s",
                 add ? "Tagged" : "Untagged", list, act_agent_name(env));
        free(list);
        rc = activity_add_each(env->crm, ids,
                               add ? "tag_added" : "tag_removed", msg,
                               &present, err);
    }
    if (!rc && present == 0) {
        /* Every contact of the set was deleted while the run held it. */
        act_no_contacts(env, out);
    } else if (!rc) {
        out->params = json_pack("{s:O}", "tags", names);
        out->output = json_pack("{s:I, s:I}", add ? "added" : "removed",
                                (json_int_t)changed, "contacts",
                                (json_int_t)present);
        act_count(out, add ? "tagsAdded" : "tagsRemoved", changed);
    }
    json_decref(names);
out:
    json_decref(ids);
    return rc;
}

int act_add_tag(struct act_env *env, const json_t *params,
                struct act_out *out, struct err *err)
{
    return tag_step(env, params, out, true, err);
}

int act_remove_tag(struct act_env *env, const json_t *params,
                   struct act_out *out, struct err *err)
{
    return tag_step(env, params, out, false, err);
}
