/* demo: the demo workspace; see demo.h. */
#include "crm/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/jsonx.h"
#include "crm/identity.h"
#include "crm/resources.h"

/* xorshift64*: deterministic demo data. */
struct rng {
    uint64_t s;
};

static uint64_t next(struct rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ULL;
}

static int pick(struct rng *r, int n)
{
    return (int)(next(r) % (uint64_t)n);
}

#define N(a) ((int)(sizeof a / sizeof *a))

static const char *const first_names[] = {
    "John",   "Maria",   "Liam",    "Sofia", "Noah",   "Emma",    "Lukas",
    "Chloe",  "Arjun",   "Yuki",    "Mateo", "Amelia", "Oliver",  "Isabel",
    "Ethan",  "Hannah",  "Felix",   "Leila", "Samuel", "Priya",   "Daniel",
    "Grace",  "Tomás",   "Ingrid",  "Omar",  "Zoe",    "Marcus",  "Elena",
    "Victor", "Nadia",   "Henrik",  "Aisha", "Jonas",  "Camille", "Ravi",
    "Julia",  "Kenji",   "Fatima",  "Pavel", "Lucia"};
static const char *const last_names[] = {
    "Doe",     "Garcia",  "Müller",  "Smith",   "Kowalski", "Rossi",
    "Nguyen",  "Johnson", "Schmidt", "Tanaka",  "Silva",    "Brown",
    "Dubois",  "Patel",   "Kim",     "Larsen",  "Novak",    "Haddad",
    "Fischer", "Walker",  "Moreau",  "Singh",   "Berg",     "Costa",
    "Weber",   "Okafor",  "Lindqvist", "Martin", "Ivanova",  "Chen"};
static const char *const titles[] = {
    "CEO",
    "CTO",
    "Co-Founder & CEO",
    "Founder",
    "VP of Sales",
    "VP of Marketing",
    "Head of Growth",
    "Head of Sales",
    "Sales Manager",
    "Marketing Manager",
    "Director of Operations",
    "CFO",
    "Account Executive",
    "Procurement Lead",
    "Head of Engineering",
    "Marketing Intern",
    "Executive Assistant",
    "COO",
    "Director of Marketing",
    "Revenue Operations Manager"};
static const char *const company_stems[] = {
    "Acme",    "Globex",   "Initech",   "Umbrella", "Stark",     "Wayne",
    "Hooli",   "Vandelay", "Soylent",   "Tyrell",   "Cyberdyne", "Aperture",
    "Wonka",   "Oscorp",   "Gringotts", "Nakatomi", "Massive",   "Dunder",
    "Pied",    "Vehement", "Monarch",   "Blue Sun", "Nimbus",    "Zenith",
    "Quantum", "Brightly", "Northwind", "Contoso",  "Fabrikam",  "Tailspin",
    "Litware", "Proseware", "Adatum",   "Lucerne",  "Margie's",  "Wide World",
    "Alpine",  "Coho",     "Fourth",    "Humongous"};
static const char *const company_suffix[] = {"Corp", "Inc", "Labs", "GmbH",
                                             "Systems", "Group", "Ltd"};
static const char *const industries[] = {"SaaS",      "Fintech",
                                         "Healthcare", "E-commerce",
                                         "Manufacturing", "Logistics",
                                         "Education", "Media"};
static const struct {
    const char *city, *country;
} places[] = {{"Berlin", "Germany"},     {"Munich", "Germany"},
              {"Paris", "France"},       {"Lyon", "France"},
              {"London", "United Kingdom"}, {"Madrid", "Spain"},
              {"New York", "United States"}, {"Austin", "United States"},
              {"San Francisco", "United States"}, {"Toronto", "Canada"},
              {"Stockholm", "Sweden"},   {"Amsterdam", "Netherlands"},
              {"Zurich", "Switzerland"}, {"Tokyo", "Japan"},
              {"Sydney", "Australia"},   {"Vienna", "Austria"}};
static const char *const statuses[] = {"Lead", "Lead", "Lead", "Qualified",
                                       "Customer", "Engaged"};
static const char *const sources[] = {"Website", "Webinar", "Trade Show",
                                      "Referral", "Outbound", "LinkedIn"};
static const char *const tag_pool[] = {"webinar", "trial",    "customer",
                                       "partner", "hot",      "cold",
                                       "newsletter", "outreach", "event-2026"};
static const char *const lead_scores[] = {"A", "B", "B", "C", "C", "D"};

static const struct {
    const char *name, *subject, *body;
} templates[] = {
    {"Outbound v2", "Hi @contact.firstName, question about @company.name",
     "Hi @contact.firstName,\n\nI noticed @company.name is growing fast. "
     "Teams like yours use us to cut manual sales work in half.\n\nWorth a "
     "15-minute call next week?\n\nBest,\n@user.name"},
    {"Follow-up 1", "Re: question about @company.name",
     "Hi @contact.firstName,\n\nFollowing up on my last note. Would a short "
     "call be useful?\n\nBest,\n@user.name"},
    {"Follow-up 2", "Closing the loop, @contact.firstName",
     "Hi @contact.firstName,\n\nI have not heard back, so I will assume "
     "timing is not right. If that changes, just reply.\n\nBest,\n@user.name"},
    {"Warm Lead Intro", "Great to connect, @contact.firstName",
     "Hi @contact.firstName,\n\nThanks for your interest. I have asked my "
     "colleague to reach out with times for a demo.\n\nBest,\n@user.name"},
    {"Meeting Request", "15 minutes for @company.name?",
     "Hi @contact.firstName,\n\nCould we find 15 minutes this week to talk "
     "about @company.name's pipeline?\n\nBest,\n@user.name"},
    {"Webinar Recap", "Slides from today's webinar",
     "Hi @contact.firstName,\n\nThanks for joining. Here are the slides and "
     "the recording.\n\nBest,\n@user.name"},
};

static const struct {
    const char *name, *goal, *instructions, *trigger;
} agents[] = {
    {"Outbound to new CEOs",
     "Book first meetings with CEOs who joined the CRM this week",
     "Find contacts where title contains CEO and created in the last 7 days. "
     "Send email using template 'Outbound v2'. Wait 5 days. If they haven't "
     "replied, send template 'Follow-up 1'.",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"dayOfWeek\":1,"
     "\"time\":\"09:00\"}"},
    {"Follow-up after no reply",
     "Nudge everyone in the outreach sequence who has not answered",
     "Find contacts tagged 'outreach' where replied is false. Send template "
     "'Follow-up 2'. Tag them 'followed-up'.",
     "{\"type\":\"manual\"}"},
    {"Warm-lead handoff", "Hand interested contacts to a sales rep at once",
     "Find contacts who replied and are interested, and hand them off to "
     "@user.salesRep with message 'Warm leads: they replied and are "
     "interested'.",
     "{\"type\":\"manual\"}"},
    {"Enrich new contacts", "Complete every new contact's profile",
     "Enrich contact using Apollo. If contact.title contains 'CEO', tag them "
     "'Decision Maker'.",
     "{\"type\":\"event\",\"event\":\"contact_created\"}"},
    {"Big-deal alert", "Tell the sales manager when a big deal moves",
     "If deal.value > 50000, notify @user.salesManager: Big deal @deal.name "
     "moved to @deal.stage.",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\"}"},
};

static int create(struct crm_ctx *ctx, const struct entity *e, json_t *in,
                  int64_t *id, struct err *err)
{
    json_t *out = NULL;
    int rc = entity_create(ctx, e, in, &out, err);
    json_decref(in);
    if (rc) {
        err_prefix(err, "demo %s: ", e->name);
        return rc;
    }
    if (id)
        *id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    return 0;
}

/* Backdates created_at so that "created in the last 7 days" means
 * something in the demo. */
static int backdate(struct crm_ctx *ctx, const char *sql, int64_t id,
                    int64_t at, struct err *err)
{
    struct db_stmt *st = db_prepare(ctx->db, sql, err);
    if (!st)
        return -E_INTERNAL;
    db_bind_int(st, 1, ctx->ws);
    db_bind_int(st, 2, id);
    db_bind_int(st, 3, at);
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : 0;
}

static void ascii_lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s + 32);
}

/* An email-safe form of a name ("Müller" -> "muller"). */
static void mail_part(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)in;
         *p && n + 1 < size; p++) {
        if (*p < 0x80) {
            if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
                out[n++] = (char)*p;
        } else if (*p == 0xC3 && p[1]) {
            /* Latin-1 supplement letters fold to their base letter. */
            unsigned char c = p[1];
            p++;
            out[n++] = c == 0xBC || c == 0x9C ? 'u'
                       : c == 0xA1 || c == 0xA0 ? 'a'
                       : c == 0xB6 || c == 0xB3 ? 'o'
                       : c == 0xA9 || c == 0xA8 ? 'e'
                                                : 'x';
        }
    }
    out[n] = '\0';
    ascii_lower(out);
}

int demo_seed(struct db *db, const struct cry_key *key, json_t **out,
              struct err *err)
{
    *out = NULL;
    int64_t existing;
    int rc = identity_user_by_email(db, DEMO_OWNER_EMAIL, &existing, err);
    if (rc)
        return rc;
    if (existing)
        return err_set(err, E_CONFLICT,
                       "The demo workspace already exists in this database "
                       "(%s); use a fresh database to seed it again",
                       DEMO_OWNER_EMAIL);
    static const struct {
        const char *role, *email, *name, *handle;
    } people[] = {
        {"owner", DEMO_OWNER_EMAIL, "Olivia Owner", "owner"},
        {"admin", "admin@demo.agentd.dev", "Adam Admin", "salesManager"},
        {"member", "member@demo.agentd.dev", "Mia Member", "salesRep"},
        {"viewer", "viewer@demo.agentd.dev", "Victor Viewer", "analyst"},
    };
    json_t *users = json_array();
    int64_t uids[4] = {0};
    int64_t ws = 0;
    rc = db_tx_begin(db, err);
    if (rc)
        goto out;
    for (int i = 0; i < 4; i++) {
        char password[CRY_TOKEN_MAX], token[CRY_TOKEN_MAX];
        cry_token_new("", password);
        password[20] = '\0'; /* 20 random base64url characters */
        rc = identity_user_create(db, people[i].email, people[i].name,
                                  password, &uids[i], err);
        if (rc)
            goto rollback;
        if (i == 0) {
            rc = identity_workspace_create(db, "Acme Sales (demo)", uids[0],
                                           &ws, err);
            if (rc)
                goto rollback;
        }
        rc = identity_member_set(db, ws, uids[i], people[i].role, true,
                                 people[i].handle, err);
        if (!rc)
            rc = identity_token_create(db, uids[i], "demo", token, NULL, err);
        if (rc)
            goto rollback;
        json_array_append_new(
            users, json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "role",
                             people[i].role, "email", people[i].email,
                             "password", password, "token", token, "handle",
                             people[i].handle, "userId",
                             (json_int_t)uids[i]));
    }

    struct crm_ctx ctx = {.db = db, .ws = ws, .user_id = uids[0],
                          .key = key};
    struct rng r = {0x9E3779B97F4A7C15ULL};
    int64_t now = clock_now_ms();

    /* Custom fields first: contacts below carry leadScore. */
    rc = create(&ctx, &crm_custom_fields,
                json_pack("{s:s, s:s, s:s, s:s, s:[s,s,s,s]}", "entity",
                          "contact", "key", "leadScore", "label", "Lead score",
                          "type", "enum", "options", "A", "B", "C", "D"),
                NULL, err);
    if (!rc)
        rc = create(&ctx, &crm_custom_fields,
                    json_pack("{s:s, s:s, s:s, s:s}", "entity", "contact",
                              "key", "budget", "label", "Budget", "type",
                              "number"),
                    NULL, err);
    if (!rc)
        rc = create(&ctx, &crm_custom_fields,
                    json_pack("{s:s, s:s, s:s, s:s}", "entity", "company",
                              "key", "segment", "label", "Segment", "type",
                              "string"),
                    NULL, err);
    if (!rc)
        rc = create(&ctx, &crm_custom_fields,
                    json_pack("{s:s, s:s, s:s, s:s}", "entity", "deal", "key",
                              "tier", "label", "Tier", "type", "string"),
                    NULL, err);
    if (rc)
        goto rollback;

    int64_t companies[40];
    char domains[40][64];
    for (int i = 0; i < 40; i++) {
        char name[96], stem[40];
        snprintf(name, sizeof name, "%s %s", company_stems[i],
                 company_suffix[pick(&r, N(company_suffix))]);
        mail_part(company_stems[i], stem, sizeof stem);
        snprintf(domains[i], sizeof domains[i], "%.40s.example", stem);
        int p = pick(&r, N(places));
        static const int sizes[] = {12, 35, 80, 150, 420, 900, 2500, 12000};
        rc = create(&ctx, &crm_companies,
                    json_pack("{s:s, s:s, s:s, s:i, s:s}", "name", name,
                              "domain", domains[i], "industry",
                              industries[pick(&r, N(industries))], "size",
                              sizes[pick(&r, N(sizes))], "country",
                              places[p].country),
                    &companies[i], err);
        if (rc)
            goto rollback;
    }

    int64_t contacts[200];
    for (int i = 0; i < 200; i++) {
        const char *fn = first_names[pick(&r, N(first_names))];
        const char *ln = last_names[pick(&r, N(last_names))];
        int c = pick(&r, 40);
        char f[32], l[32], email[160], li[200];
        mail_part(fn, f, sizeof f);
        mail_part(ln, l, sizeof l);
        snprintf(email, sizeof email, "%s.%s%d@%s", f, l, i, domains[c]);
        json_t *in = json_pack(
            "{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:b, s:b, s:b}", "firstName",
            fn, "lastName", ln, "email", email, "title",
            titles[pick(&r, N(titles))], "status",
            statuses[pick(&r, N(statuses))], "source",
            sources[pick(&r, N(sources))], "companyId",
            (json_int_t)companies[c], "replied", pick(&r, 5) == 0, "openedEmail",
            pick(&r, 2) == 0, "interested", pick(&r, 7) == 0);
        if (pick(&r, 10) < 8) {
            snprintf(li, sizeof li, "https://www.linkedin.com/in/%s-%s-%d", f,
                     l, i);
            json_object_set_new(in, "linkedinUrl", json_string(li));
        }
        if (pick(&r, 10) < 6) {
            char phone[32];
            snprintf(phone, sizeof phone, "+1 555 %03d %04d", pick(&r, 1000),
                     pick(&r, 10000));
            json_object_set_new(in, "phone", json_string(phone));
        }
        int p = pick(&r, N(places));
        json_object_set_new(in, "city", json_string(places[p].city));
        json_object_set_new(in, "country", json_string(places[p].country));
        json_t *tags = json_array();
        int ntags = pick(&r, 3);
        for (int t = 0; t < ntags; t++) {
            const char *tag = tag_pool[pick(&r, N(tag_pool))];
            bool dup = false;
            size_t k;
            json_t *v;
            json_array_foreach(tags, k, v) if (strcmp(json_string_value(v),
                                                      tag) == 0) dup = true;
            if (!dup)
                json_array_append_new(tags, json_string(tag));
        }
        json_object_set_new(in, "tags", tags);
        json_t *custom = json_pack("{s:s}", "leadScore",
                                   lead_scores[pick(&r, N(lead_scores))]);
        if (pick(&r, 3) == 0)
            json_object_set_new(custom, "budget",
                                json_integer(5000 * (1 + pick(&r, 40))));
        json_object_set_new(in, "customFields", custom);
        if (pick(&r, 2) == 0)
            json_object_set_new(in, "ownerId", json_integer(uids[2]));
        rc = create(&ctx, &crm_contacts, in, &contacts[i], err);
        if (rc)
            goto rollback;
        /* A few contacts are from today; the rest spread over 60 days. */
        int64_t age = i % 10 == 0 ? pick(&r, 6) * MS_PER_HOUR
                                  : (1 + pick(&r, 60)) * MS_PER_DAY;
        rc = backdate(&ctx,
                      "UPDATE contacts SET created_at = ?3, updated_at = ?3 "
                      "WHERE workspace_id = ?1 AND id = ?2",
                      contacts[i], now - age, err);
        if (rc)
            goto rollback;
    }

    for (int i = 0; i < 30; i++) {
        int c = pick(&r, 200);
        char name[128];
        static const char *const kinds[] = {"Platform", "Expansion", "Pilot",
                                            "Renewal", "Enterprise plan"};
        snprintf(name, sizeof name, "%s %s", company_stems[i % 40],
                 kinds[pick(&r, N(kinds))]);
        static const int values[] = {2500,  8000,   12000,  25000,
                                     48000, 75000,  120000, 350000};
        json_t *in = json_pack(
            "{s:s, s:i, s:s, s:I, s:I, s:I}", "name", name, "value",
            values[pick(&r, N(values))], "stage", crm_deal_stages[i % 6],
            "contactId", (json_int_t)contacts[c], "companyId",
            (json_int_t)companies[i % 40], "ownerId",
            (json_int_t)uids[1 + pick(&r, 2)]);
        char close[16];
        int y, m, d;
        clock_civil_from_days((now / MS_PER_DAY) + 7 + pick(&r, 80), &y, &m,
                              &d);
        snprintf(close, sizeof close, "%04d-%02d-%02d", y, m, d);
        json_object_set_new(in, "closeDate", json_string(close));
        rc = create(&ctx, &crm_deals, in, NULL, err);
        if (rc)
            goto rollback;
    }

    for (int i = 0; i < N(templates); i++) {
        rc = create(&ctx, &crm_email_templates,
                    json_pack("{s:s, s:s, s:s}", "name", templates[i].name,
                              "subject", templates[i].subject, "body",
                              templates[i].body),
                    NULL, err);
        if (rc)
            goto rollback;
    }

    /* The built-in outbox: agents "send" e-mail out of the box, and the
     * messages can be read at /api/workspaces/{id}/outbox. A real account
     * (SMTP, Gmail, Resend) is one connection away. */
    rc = create(&ctx, &crm_connections,
                json_pack("{s:s, s:s, s:{s:s, s:s}}", "type", "outbox",
                          "name", "Demo outbox", "config", "from",
                          "agents@demo.agentd.dev", "fromName",
                          "Demo Sales Team"),
                NULL, err);
    if (rc)
        goto rollback;

    for (int i = 0; i < N(agents); i++) {
        json_t *trigger = json_loads(agents[i].trigger, 0, NULL);
        rc = create(&ctx, &crm_agents,
                    json_pack("{s:s, s:s, s:s, s:o, s:{s:i}}", "name",
                              agents[i].name, "goal", agents[i].goal,
                              "instructions", agents[i].instructions,
                              "trigger", trigger, "restrictions",
                              "maxEmailsPerDay", 100),
                    NULL, err);
        if (rc)
            goto rollback;
    }

    rc = db_tx_commit(db, err);
    if (rc)
        goto rollback;
    *out = json_pack("{s:I, s:s, s:O}", "workspaceId", (json_int_t)ws,
                     "workspaceName", "Acme Sales (demo)", "users", users);
    goto out;
rollback:
    db_tx_rollback(db);
out:
    json_decref(users);
    return rc;
}
