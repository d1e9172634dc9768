/* Unit tests: the tokenizer, each grammar piece of the parser, honest
 * failures, and the plan validator. Cases are data: instruction -> plan
 * (exact JSON), as jq's tests/jq.test pairs programs with outputs. */
#include "testutil.h"

#include "core/jsonx.h"
#include "crm/agents.h"
#include "plan/cond.h"
#include "plan/lex.h"
#include "plan/parse.h"
#include "plan/validate.h"
#include "plan/vars.h"

static void lexer_tokens(void **state)
{
    (void)state;
    const char *s = "Send 'Hi, let's talk' to jane@acme.com\n  2. Wait $1,500.5k "
                    "@contact.firstName's contact.title >= now-7d #sales "
                    "https://x.io/a?b=@contact.id, 'em";
    struct lex *lx = lex_new(s, strlen(s), 1000);
    assert_non_null(lx);
    enum tk want[] = {TK_WORD,  TK_QUOTED, TK_WORD,  TK_EMAIL, TK_NL,
                      TK_NUM,   TK_PUNCT,  TK_WORD,  TK_NUM,   TK_VAR,
                      TK_PUNCT, TK_WORD,   TK_PATH,  TK_OP,    TK_WORD,
                      TK_CHANNEL, TK_URL,  TK_PUNCT, TK_WORD,  TK_EOF};
    size_t n = sizeof want / sizeof *want;
    assert_int_equal(lx->n, (int)n);
    for (size_t i = 0; i < n; i++)
        if (lx->toks[i].kind != want[i])
            fail_msg("token %zu: kind %d, want %d ('%s')", i,
                     lx->toks[i].kind, want[i], lx->toks[i].raw);
    assert_string_equal(lx->toks[1].text, "Hi, let's talk");
    assert_true(lx->toks[8].money);
    assert_string_equal(lx->toks[8].suffix, "k");
    assert_true(lx->toks[8].num > 1500.49 && lx->toks[8].num < 1500.51);
    /* "2." is no list marker: no list was opened with "1.". */
    assert_int_equal(lx->toks[5].kind, TK_NUM);
    assert_int_equal(lx->toks[5].indent, 2);
    assert_true(lx->toks[5].bol);
    assert_string_equal(lx->toks[9].raw, "@contact.firstName");
    assert_string_equal(lx->toks[14].text, "now-7d");
    assert_string_equal(lx->toks[16].raw, "https://x.io/a?b=@contact.id");
    assert_string_equal(lx->toks[18].text, "'em");
    lex_free(lx);
    assert_null(lex_new("abc", 3, 2));
}

/* Inputs are not NUL-terminated: nothing may be read past len. Found by
 * fuzz_parse (a number ending in ",00"; "http" near the end). */
static void lexer_stays_in_bounds(void **state)
{
    (void)state;
    const char *cases[] = {"1,00", "x 1,0", "htt", "http:/", "'e", "now-5",
                           "$", "#", "@"};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = strlen(cases[i]);
        char *exact = malloc(n); /* no terminator: ASan sees overreads */
        memcpy(exact, cases[i], n);
        struct lex *lx = lex_new(exact, n, 100);
        assert_non_null(lx);
        lex_free(lx);
        free(exact);
    }
}

/* Which conditions name the record, and so are evaluated per record: a
 * field of it, or a value that is one of its fields. */
static void conditions_per_record(void **state)
{
    (void)state;
    static const struct {
        const char *cond;
        bool contact;
    } rows[] = {
        {"{\"field\":\"contact.title\",\"operator\":\"contains\","
         "\"value\":\"CEO\"}", true},
        {"{\"field\":\"memory.seen\",\"operator\":\"contains\","
         "\"value\":\"@contact.id\"}", true},
        {"{\"not\":{\"field\":\"memory.seen\",\"operator\":"
         "\"contains\",\"value\":\"@contact.id\"}}", true},
        {"{\"field\":\"memory.seen\",\"operator\":\"contains\","
         "\"value\":\"@deal.id\"}", false},
        {"{\"field\":\"memory.n\",\"operator\":\">\",\"value\":3}",
         false},
        {"{\"field\":\"memory.who\",\"operator\":\"==\","
         "\"value\":\"@contacts\"}", false},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        json_t *c = json_loads(rows[i].cond, 0, NULL);
        assert_non_null(c);
        if (cond_uses(c, "contact") != rows[i].contact)
            fail_msg("%s: expected %s", rows[i].cond,
                     rows[i].contact ? "per contact" : "not per contact");
        json_decref(c);
    }
}

static void lexer_lists(void **state)
{
    (void)state;
    const char *s = "1. Tag them 'a' 2. Wait 2 days 3) Stop";
    struct lex *lx = lex_new(s, strlen(s), 1000);
    int marks = 0;
    for (int i = 0; i < lx->n; i++)
        marks += lx->toks[i].kind == TK_MARK;
    assert_int_equal(marks, 3);
    lex_free(lx);
}

struct pcase {
    const char *in;
    const char *out; /* steps JSON, exact */
};

static const struct pcase cases[] = {
    /* "stayed/remained in X for N" as "stuck in X for N"; the deal whose
     * move started the run waits that long, then is checked */
    {"Find deals that have stayed in Negotiation for 2 weeks and "
     "notify @user.vp: @deal.name is stuck",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.stage\",\"operator\":\"==\",\"value\":\"Negotiation\"},{\"not\""
     ":{\"field\":\"deal.updatedAt\",\"operator\":\">=\",\"value\":\"now-2w\""
     "}}]}}},{\"type\":\"notify\",\"params\":{\"to\":\"@user.vp\",\"message\""
     ":\"@deal.name is stuck\"}}]"},
    {"When a deal moves to Proposal, if it stays in Proposal for 10 "
     "days, notify its owner: nudge @deal.name",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.stage\","
     "\"operator\":\"==\",\"value\":\"Proposal\"},\"then\":[{\"type\":\"wait"
     "\",\"params\":{\"seconds\":864000}},{\"type\":\"if\",\"params\":{\"con"
     "dition\":{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Pro"
     "posal\"},\"then\":[{\"type\":\"notify\",\"params\":{\"to\":\"@deal.own"
     "erId\",\"message\":\"nudge @deal.name\"}}]}}]}}]"},
    {"When a deal moves to Proposal, if it is stuck in Proposal for 10 "
     "days, notify its owner: nudge @deal.name",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.stage\","
     "\"operator\":\"==\",\"value\":\"Proposal\"},\"then\":[{\"type\":\"wait"
     "\",\"params\":{\"seconds\":864000}},{\"type\":\"if\",\"params\":{\"con"
     "dition\":{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Pro"
     "posal\"},\"then\":[{\"type\":\"notify\",\"params\":{\"to\":\"@deal.own"
     "erId\",\"message\":\"nudge @deal.name\"}}]}}]}}]"},
    {"Find deals that remained in Proposal for more than 10 days and "
     "notify their owner: follow up on @deal.name",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.stage\",\"operator\":\"==\",\"value\":\"Proposal\"},{\"not\":{"
     "\"field\":\"deal.updatedAt\",\"operator\":\">=\",\"value\":\"now-10d\""
     "}}]}}},{\"type\":\"notify\",\"params\":{\"to\":\"@deal.ownerId\",\"mes"
     "sage\":\"follow up on @deal.name\"}}]"},
    {"Send template 'A' to contacts tagged 'x' unless they've been "
     "emailed in the last 3 days.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":\"if"
     "\",\"params\":{\"condition\":{\"not\":{\"field\":\"contact.lastContact"
     "edAt\",\"operator\":\">=\",\"value\":\"now-3d\"}},\"then\":[{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"A\"}}]}}]"},
    {"Find contacts who've been emailed this week",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.lastContactedAt\",\"operator\":\">=\",\"value\":\"now-7d\"}}}]"},
    {"Find leads created last week, tag them 'weekly', and if any of "
     "them has a lead score above 80, notify @user.ae: hot lead "
     "@contact.firstName",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.createdAt\",\"operator\":\">=\",\"value\":\"now-7d\"}}},{\"type\":"
     "\"add_tag\",\"params\":{\"tags\":[\"weekly\"]}},{\"type\":\"if\",\"par"
     "ams\":{\"condition\":{\"field\":\"contact.leadScore\",\"operator\":\">"
     "\",\"value\":80},\"then\":[{\"type\":\"notify\",\"params\":{\"to\":\"@"
     "user.ae\",\"message\":\"hot lead @contact.firstName\"}}]}}]"},
    {"Set the lead score to 50 if they opened the email, otherwise 10.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.opene"
     "dEmail\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":\"upd"
     "ate_field\",\"params\":{\"entity\":\"contact\",\"field\":\"leadScore\""
     ",\"value\":50}}],\"else\":[{\"type\":\"update_field\",\"params\":{\"en"
     "tity\":\"contact\",\"field\":\"leadScore\",\"value\":10}}]}}]"},
    {"Tag them 'opened' if they opened the email, otherwise "
     "'not-opened'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.opene"
     "dEmail\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":\"add"
     "_tag\",\"params\":{\"tags\":[\"opened\"]}}],\"else\":[{\"type\":\"add_"
     "tag\",\"params\":{\"tags\":[\"not-opened\"]}}]}}]"},
    {"Move the deal to Negotiation if its value is over 10k, otherwise "
     "to Proposal.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.value\","
     "\"operator\":\">\",\"value\":10000},\"then\":[{\"type\":\"update_field"
     "\",\"params\":{\"entity\":\"deal\",\"field\":\"stage\",\"value\":\"Neg"
     "otiation\"}}],\"else\":[{\"type\":\"update_field\",\"params\":{\"entit"
     "y\":\"deal\",\"field\":\"stage\",\"value\":\"Proposal\"}}]}}]"},
    {"If the score is over 80, set status to Hot, otherwise Cold.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.leadS"
     "core\",\"operator\":\">\",\"value\":80},\"then\":[{\"type\":\"update_f"
     "ield\",\"params\":{\"entity\":\"contact\",\"field\":\"status\",\"value"
     "\":\"Hot\"}}],\"else\":[{\"type\":\"update_field\",\"params\":{\"entit"
     "y\":\"contact\",\"field\":\"status\",\"value\":\"Cold\"}}]}}]"},
    {"Count the deals won this week and post the results to #wins.",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Won\"},{\"field"
     "\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"now-7d\"},{\"fie"
     "ld\":\"deal.closeDate\",\"operator\":\"<\",\"value\":\"now\"}]}}},{\"t"
     "ype\":\"slack_message\",\"params\":{\"channel\":\"#wins\",\"text\":\"@"
     "steps.1.output.count deals won this week\"}}]"},
    {"Find contacts tagged x, skip those without an email and send "
     "template 'Intro' to the rest.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":\"if"
     "\",\"params\":{\"condition\":{\"field\":\"contact.email\",\"operator\""
     ":\"exists\"},\"then\":[{\"type\":\"send_email\",\"params\":{\"template"
     "\":\"Intro\"}}]}}]"},
    {"Find deals expected to close this month and remind their owners "
     "to update them.",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"today\"},{\"field\""
     ":\"deal.closeDate\",\"operator\":\"<=\",\"value\":\"now+30d\"}]}}},{\""
     "type\":\"create_task\",\"params\":{\"assignee\":\"@deal.ownerId\",\"ti"
     "tle\":\"update them\"}}]"},
    {"Create a task for our AE @user.ae: Call them",
     "[{\"type\":\"create_task\",\"params\":{\"assignee\":\"@user.ae\",\"tit"
     "le\":\"Call them\"}}]"},
    {"Create a task for the account manager @user.am: Kickoff with "
     "@contact.firstName",
     "[{\"type\":\"create_task\",\"params\":{\"assignee\":\"@user.am\",\"tit"
     "le\":\"Kickoff with @contact.firstName\"}}]"},
    {"When a webhook arrives, tag them @trigger.tag",

     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"@trigger.tag\"]}}]"},
    {"Assign a lead score of 90 to contacts with title CEO.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.title\",\"operator\":\"==\",\"value\":\"CEO\"}}},{\"type\":\"updat"
     "e_field\",\"params\":{\"entity\":\"contact\",\"field\":\"leadScore\",\""
     "value\":90}}]"},
    {"Find contacts tagged x and give them a status of 'MQL'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":\"up"
     "date_field\",\"params\":{\"entity\":\"contact\",\"field\":\"status\",\""
     "value\":\"MQL\"}}]"},
    {"Find contacts created between January 1 and March 31, 2026.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"fiel"
     "d\":\"contact.createdAt\",\"operator\":\">=\",\"value\":\"2026-01-01\""
     "},{\"field\":\"contact.createdAt\",\"operator\":\"<\",\"value\":\"2026"
     "-04-01\"}]}}}]"},
    {"If the contact is from Germany and works at a company with more "
     "than 100 employees, tag them x",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":\"con"
     "tact.country\",\"operator\":\"==\",\"value\":\"Germany\"},{\"field\":\""
     "company.size\",\"operator\":\">\",\"value\":100}]},\"then\":[{\"type\""
     ":\"add_tag\",\"params\":{\"tags\":[\"x\"]}}]}}]"},
    {"If they're in Berlin and work at Acme, tag them x",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":\"con"
     "tact.city\",\"operator\":\"==\",\"value\":\"Berlin\"},{\"field\":\"com"
     "pany.name\",\"operator\":\"==\",\"value\":\"Acme\"}]},\"then\":[{\"typ"
     "e\":\"add_tag\",\"params\":{\"tags\":[\"x\"]}}]}}]"},
    {"If they are from Germany and their company has more than 100 "
     "employees, tag them x",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":\"con"
     "tact.country\",\"operator\":\"==\",\"value\":\"Germany\"},{\"field\":\""
     "company.size\",\"operator\":\">\",\"value\":100}]},\"then\":[{\"type\""
     ":\"add_tag\",\"params\":{\"tags\":[\"x\"]}}]}}]"},
    {"Clear the 'temp' tag from everyone.",
     "[{\"type\":\"search_contacts\",\"params\":{}},{\"type\":\"remove_tag\""
     ",\"params\":{\"tags\":[\"temp\"]}}]"},
    {"Tag all contacts without a tag as 'untagged'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"field"
     "\":\"contact.tags\",\"operator\":\"exists\"}}}},{\"type\":\"add_tag\","
     "\"params\":{\"tags\":[\"untagged\"]}}]"},
    {"Send template `Intro` to contacts tagged `vip`.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"vip\"}}},{\"type\":\""
     "send_email\",\"params\":{\"template\":\"Intro\"}}]"},
    {"Send template «Intro» to contacts tagged vip.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"vip\"}}},{\"type\":\""
     "send_email\",\"params\":{\"template\":\"Intro\"}}]"},
    {"Send template 'Intro' to their work email.",

     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Intro\"}}]"},
    {"Send template 'Intro' to their email address.",

     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Intro\"}}]"},
    {"Send 'Promo' to contacts tagged 'promo' — but not to anyone "
     "tagged 'unsubscribed'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"fiel"
     "d\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"promo\"},{\""
     "not\":{\"field\":\"contact.tags\",\"operator\":\"contains\",\"value\":"
     "\"unsubscribed\"}}]}}},{\"type\":\"send_email\",\"params\":{\"template"
     "\":\"Promo\"}}]"},
    {"Hi! Please do the following every Monday at 9:\n- look up new "
     "leads from the last week\n- tag them 'weekly-review'\nCheers, "
     "Anna",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.createdAt\",\"operator\":\">=\",\"value\":\"now-1w\"}}},{\"type\":"
     "\"add_tag\",\"params\":{\"tags\":[\"weekly-review\"]}}]"},
    {"Find deals over 100k in any stage except Closed Lost and notify "
     "me: @deal.name",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.value\",\"operator\":\">\",\"value\":100000},{\"not\":{\"field"
     "\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Lost\"}}]}}},"
     "{\"type\":\"notify\",\"params\":{\"message\":\"@deal.name\"}}]"},
    {"Find deals in any stage except Closed Won or Closed Lost and tag "
     "them x",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"not\":{\"or\":[{\""
     "field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Won\"},{"
     "\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Lost\""
     "}]}}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    {"Find contacts whose company revenue is over 10M",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"comp"
     "any.revenue\",\"operator\":\">\",\"value\":10000000}}}]"},
    {"Find contacts whose company's revenue is over 10M",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"comp"
     "any.revenue\",\"operator\":\">\",\"value\":10000000}}}]"},
    {"Run the 'Scoring' agent. If its output is hot, tag them hot.",
     "[{\"type\":\"run_agent\",\"params\":{\"agent\":\"Scoring\"}},{\"type\""
     ":\"if\",\"params\":{\"condition\":{\"field\":\"steps.1.output\",\"oper"
     "ator\":\"==\",\"value\":\"hot\"},\"then\":[{\"type\":\"add_tag\",\"par"
     "ams\":{\"tags\":[\"hot\"]}}]}}]"},
    {"Run the 'Scoring' agent and then, if its output says hot, tag "
     "them hot.",
     "[{\"type\":\"run_agent\",\"params\":{\"agent\":\"Scoring\"}},{\"type\""
     ":\"if\",\"params\":{\"condition\":{\"field\":\"steps.1.output\",\"oper"
     "ator\":\"contains\",\"value\":\"hot\"},\"then\":[{\"type\":\"add_tag\""
     ",\"params\":{\"tags\":[\"hot\"]}}]}}]"},
    {"Do a web search on @company.name's latest funding round, limit "
     "3, and notify me: @search.results[0].title",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name's late"
     "st funding round\",\"limit\":3}},{\"type\":\"notify\",\"params\":{\"me"
     "ssage\":\"@search.results[0].title\"}}]"},
    {"Do a google search on 'acme'",

     "[{\"type\":\"web_search\",\"params\":{\"query\":\"acme\"}}]"},
    {"Get my sign-off before sending the 'Discount' template.",
     "[{\"type\":\"request_approval\",\"params\":{}},{\"type\":\"send_email\""
     ",\"params\":{\"template\":\"Discount\"}}]"},
    {"Wait for a manager's approval, then send 'Contract'.",
     "[{\"type\":\"request_approval\",\"params\":{}},{\"type\":\"send_email\""
     ",\"params\":{\"template\":\"Contract\"}}]"},
    {"Hold until an admin approves, then move the deal to Closed Won.",
     "[{\"type\":\"request_approval\",\"params\":{}},{\"type\":\"update_fiel"
     "d\",\"params\":{\"entity\":\"deal\",\"field\":\"stage\",\"value\":\"Cl"
     "osed Won\"}}]"},
    {"Hand off to @user.ae and wait up to 3 days for them to take "
     "over.",
     "[{\"type\":\"handoff\",\"params\":{\"to\":\"@user.ae\",\"timeoutDays\""
     ":3}}]"},
    {"Start by tagging them 'seq', then send 'Intro'.",
     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"seq\"]}},{\"type\":\"se"
     "nd_email\",\"params\":{\"template\":\"Intro\"}}]"},
    {"Before anything else, check that the contact has an email.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"cont"
     "act.email\",\"operator\":\"exists\"}},\"then\":[{\"type\":\"stop\",\"p"
     "arams\":{}}]}}]"},
    {"Begin by finding contacts tagged 'x', then tag them 'y'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":\"ad"
     "d_tag\",\"params\":{\"tags\":[\"y\"]}}]"},
    {"If no email, skip. Otherwise send 'Intro'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.email"
     "\",\"operator\":\"exists\"},\"then\":[{\"type\":\"send_email\",\"param"
     "s\":{\"template\":\"Intro\"}}]}}]"},
    {"If no email, stop.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"cont"
     "act.email\",\"operator\":\"exists\"}},\"then\":[{\"type\":\"stop\",\"p"
     "arams\":{}}]}}]"},
    {"Unless the deal is already won, notify the owner: @deal.name "
     "needs attention.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"deal"
     ".stage\",\"operator\":\"==\",\"value\":\"Closed Won\"}},\"then\":[{\"t"
     "ype\":\"notify\",\"params\":{\"message\":\"@deal.name needs attention\""
     "}}]}}]"},
    {"Should they reply, notify @user.ae: replied.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.repli"
     "ed\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":\"notify\""
     ",\"params\":{\"to\":\"@user.ae\",\"message\":\"replied\"}}]}}]"},
    {"Make sure every new lead from Germany gets tagged 'DACH' and "
     "receives the 'German intro' template after one day.",
     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"DACH\"]}},{\"type\":\"w"
     "ait\",\"params\":{\"seconds\":86400}},{\"type\":\"send_email\",\"param"
     "s\":{\"template\":\"German intro\"}}]"},
    {"Contacts in Berlin get tagged 'berlin'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type\":\"add"
     "_tag\",\"params\":{\"tags\":[\"berlin\"]}}]"},
    {"Everyone tagged 'cold' receives template 'Re-engage'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"cold\"}}},{\"type\":\""
     "send_email\",\"params\":{\"template\":\"Re-engage\"}}]"},
    {"Anyone with a lead score above 85 goes straight to @user.ae",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.leadScore\",\"operator\":\">\",\"value\":85}}},{\"type\":\"handoff"
     "\",\"params\":{\"to\":\"@user.ae\"}}]"},
    {"Find contacts tagged x. Make sure they have an email, then send "
     "template 'X'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":\"if"
     "\",\"params\":{\"condition\":{\"field\":\"contact.email\",\"operator\""
     ":\"exists\"},\"then\":[{\"type\":\"send_email\",\"params\":{\"template"
     "\":\"X\"}}]}}]"},
    {"Make sure they have an email, then send template 'X'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"cont"
     "act.email\",\"operator\":\"exists\"}},\"then\":[{\"type\":\"stop\",\"p"
     "arams\":{}}]}},{\"type\":\"send_email\",\"params\":{\"template\":\"X\""
     "}}]"},
    {"Find contacts tagged x and skip those who already replied, then "
     "send template 'B'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":\"if"
     "\",\"params\":{\"condition\":{\"not\":{\"field\":\"contact.replied\",\""
     "operator\":\"==\",\"value\":true}},\"then\":[{\"type\":\"send_email\","
     "\"params\":{\"template\":\"B\"}}]}}]"},
    {"Basically, find contacts tagged x and tag them y",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":\"ad"
     "d_tag\",\"params\":{\"tags\":[\"y\"]}}]"},
    {"Find contacts created at least 2 weeks ago",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.createdAt\",\"operator\":\"<\",\"value\":\"now-2w\"}}}]"},
    {"Find contacts we haven't talked to in 90 days",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"field"
     "\":\"contact.lastContactedAt\",\"operator\":\">=\",\"value\":\"now-90d"
     "\"}}}}]"},
    {"Find contacts we've never spoken with and tag them x",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"field"
     "\":\"contact.lastContactedAt\",\"operator\":\"exists\"}}}},{\"type\":\""
     "add_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    {"Find deals between $5k-$20k and notify me: x",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.value\",\"operator\":\">=\",\"value\":5000},{\"field\":\"deal."
     "value\",\"operator\":\"<=\",\"value\":20000}]}}},{\"type\":\"notify\","
     "\"params\":{\"message\":\"x\"}}]"},
    {"Find deals over 20k EUR",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.va"
     "lue\",\"operator\":\">\",\"value\":20000}}}]"},
    {"Find contacts with a lead score not less than 60",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.leadScore\",\"operator\":\">=\",\"value\":60}}}]"},
    {"If the lead score is not above 50, tag them low",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.leadS"
     "core\",\"operator\":\"<=\",\"value\":50},\"then\":[{\"type\":\"add_tag"
     "\",\"params\":{\"tags\":[\"low\"]}}]}}]"},
    {"Put a 'VIP' tag on them",

     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"VIP\"]}}]"},
    {"Stick a 'follow-up' tag on contacts in Madrid",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.city\",\"operator\":\"==\",\"value\":\"Madrid\"}}},{\"type\":\"add"
     "_tag\",\"params\":{\"tags\":[\"follow-up\"]}}]"},
    {"Attach the 'webinar' label to them",

     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"webinar\"]}}]"},
    {"When the webhook fires with event 'signup', notify me: x",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"trigger.event"
     "\",\"operator\":\"==\",\"value\":\"signup\"},\"then\":[{\"type\":\"not"
     "ify\",\"params\":{\"message\":\"x\"}}]}}]"},
    {"When a webhook arrives and the event is 'signup', notify me: x",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"trigger.event"
     "\",\"operator\":\"==\",\"value\":\"signup\"},\"then\":[{\"type\":\"not"
     "ify\",\"params\":{\"message\":\"x\"}}]}}]"},
    {"**Goal:** book meetings\n**Steps:**\n1. Find CEOs in Germany\n2. "
     "Send template 'Intro'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"fiel"
     "d\":\"contact.title\",\"operator\":\"contains\",\"value\":\"CEO\"},{\""
     "field\":\"contact.country\",\"operator\":\"==\",\"value\":\"Germany\"}"
     "]}}},{\"type\":\"send_email\",\"params\":{\"template\":\"Intro\"}}]"},
    {"Schedule: daily at 7am\nAction: find deals in Proposal and "
     "notify their owners: @deal.name",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.st"
     "age\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"notify"
     "\",\"params\":{\"to\":\"@deal.ownerId\",\"message\":\"@deal.name\"}}]"},
    {"Email contacts tagged 'prospect' with template 'Cold 1', but no "
     "more than 25 per run.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"prospect\"},\"limit\""
     ":25}},{\"type\":\"send_email\",\"params\":{\"template\":\"Cold 1\"}}]"},
    {"Tag contacts in Berlin hot, up to 30",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.city\",\"operator\":\"==\",\"value\":\"Berlin\"},\"limit\":30}},{\""
     "type\":\"add_tag\",\"params\":{\"tags\":[\"hot\"]}}]"},
    {"If the deal has no contact, notify its owner: @deal.name has no "
     "contact.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"deal"
     ".contactId\",\"operator\":\"exists\"}},\"then\":[{\"type\":\"notify\","
     "\"params\":{\"to\":\"@deal.ownerId\",\"message\":\"@deal.name has no c"
     "ontact\"}}]}}]"},
    {"Re-engage contacts tagged 'cold' by sending template "
     "'Re-engage'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"cold\"}}},{\"type\":\""
     "send_email\",\"params\":{\"template\":\"Re-engage\"}}]"},
    {"Flag deals without a close date by notifying their owner: "
     "@deal.name has no close date.",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"not\":{\"field\":"
     "\"deal.closeDate\",\"operator\":\"exists\"}}}},{\"type\":\"notify\",\""
     "params\":{\"to\":\"@deal.ownerId\",\"message\":\"@deal.name has no clo"
     "se date\"}}]"},
    {"Process contacts tagged x by enriching them and tagging them "
     "processed",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":\"en"
     "rich_contact\",\"params\":{}},{\"type\":\"add_tag\",\"params\":{\"tags"
     "\":[\"processed\"]}}]"},
    {"Follow up with contacts who replied by creating a task for their "
     "owner: Call them",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.replied\",\"operator\":\"==\",\"value\":true}}},{\"type\":\"create"
     "_task\",\"params\":{\"assignee\":\"@contact.ownerId\",\"title\":\"Call"
     " them\"}}]"},
    {"Move contacts with a lead score under 20 to the 'Nurture' "
     "status.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.leadScore\",\"operator\":\"<\",\"value\":20}}},{\"type\":\"update_"
     "field\",\"params\":{\"entity\":\"contact\",\"field\":\"status\",\"valu"
     "e\":\"Nurture\"}}]"},
    {"Move contacts tagged x to the Nurture status.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":\"up"
     "date_field\",\"params\":{\"entity\":\"contact\",\"field\":\"status\",\""
     "value\":\"Nurture\"}}]"},
    {"Find every VP Sales in Germany and tag them x",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"fiel"
     "d\":\"contact.title\",\"operator\":\"contains\",\"value\":\"VP Sales\""
     "},{\"field\":\"contact.country\",\"operator\":\"==\",\"value\":\"Germa"
     "ny\"}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    {"Count the deals won this week and post it to #wins.",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Won\"},{\"field"
     "\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"now-7d\"},{\"fie"
     "ld\":\"deal.closeDate\",\"operator\":\"<\",\"value\":\"now\"}]}}},{\"t"
     "ype\":\"slack_message\",\"params\":{\"channel\":\"#wins\",\"text\":\"@"
     "steps.1.output.count deals won this week\"}}]"},
    {"How many deals were won this week? Post it to #wins.",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Won\"},{\"field"
     "\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"now-7d\"},{\"fie"
     "ld\":\"deal.closeDate\",\"operator\":\"<\",\"value\":\"now\"}]}}},{\"t"
     "ype\":\"slack_message\",\"params\":{\"channel\":\"#wins\",\"text\":\"@"
     "steps.1.output.count deals were won this week\"}}]"},
    {"Tally up the contacts tagged 'mql' and notify @user.sm with the "
     "count",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"mql\"}}},{\"type\":\""
     "notify\",\"params\":{\"to\":\"@user.sm\",\"message\":\"@steps.1.output"
     ".count contacts tagged 'mql'\"}}]"},
    {"Find big deals (over $100k) and notify me: x",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.va"
     "lue\",\"operator\":\">\",\"value\":100000}}},{\"type\":\"notify\",\"pa"
     "rams\":{\"message\":\"x\"}}]"},
    {"Find all the high-value deals (over $100k) that are in "
     "Negotiation and notify me: @deal.name",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.value\",\"operator\":\">\",\"value\":100000},{\"field\":\"deal"
     ".stage\",\"operator\":\"==\",\"value\":\"Negotiation\"}]}}},{\"type\":"
     "\"notify\",\"params\":{\"message\":\"@deal.name\"}}]"},
    {"Ask @user.bob to call them",
     "[{\"type\":\"create_task\",\"params\":{\"assignee\":\"@user.bob\",\"ti"
     "tle\":\"call them\"}}]"},
    {"Have @user.bob call the contact",
     "[{\"type\":\"create_task\",\"params\":{\"assignee\":\"@user.bob\",\"ti"
     "tle\":\"call the contact\"}}]"},
    {"Find deals in Proposal and ask their owner to send the contract "
     "within 2 days",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.st"
     "age\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"create"
     "_task\",\"params\":{\"assignee\":\"@deal.ownerId\",\"title\":\"send th"
     "e contract within 2 days\",\"dueInDays\":2}}]"},
    {"Look at all deals in Negotiation and notify me: @deal.name",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.st"
     "age\",\"operator\":\"==\",\"value\":\"Negotiation\"}}},{\"type\":\"not"
     "ify\",\"params\":{\"message\":\"@deal.name\"}}]"},
    {"Review contacts tagged 'mql' and tag them reviewed",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"mql\"}}},{\"type\":\""
     "add_tag\",\"params\":{\"tags\":[\"reviewed\"]}}]"},
    {"Find contacts that came from our website and haven't been "
     "emailed yet; send 'Welcome' template.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"fiel"
     "d\":\"contact.source\",\"operator\":\"==\",\"value\":\"website\"},{\"n"
     "ot\":{\"field\":\"contact.lastContactedAt\",\"operator\":\"exists\"}}]"
     "}}},{\"type\":\"send_email\",\"params\":{\"template\":\"Welcome\"}}]"},
    {"Find contacts that were sourced from LinkedIn and tag them x.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.source\",\"operator\":\"==\",\"value\":\"LinkedIn\"}}},{\"type\":\""
     "add_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    {"Find the contact with email jane@acme.com and set her status to "
     "Customer.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.email\",\"operator\":\"==\",\"value\":\"jane@acme.com\"}}},{\"type"
     "\":\"update_field\",\"params\":{\"entity\":\"contact\",\"field\":\"sta"
     "tus\",\"value\":\"Customer\"}}]"},
    {"Find contacts tagged 'vip' and tag them new.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"vip\"}}},{\"type\":\""
     "add_tag\",\"params\":{\"tags\":[\"new\"]}}]"},
    {"Find leads that are still in Lead status and tag them x.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.status\",\"operator\":\"==\",\"value\":\"Lead\"}}},{\"type\":\"add"
     "_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    {"Find contacts whose status is still Lead and tag them x.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.status\",\"operator\":\"==\",\"value\":\"Lead\"}}},{\"type\":\"add"
     "_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    {"If the deal is still in Negotiation after 5 days, notify me: x",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":432000}},{\"type\":\"if\","
     "\"params\":{\"condition\":{\"field\":\"deal.stage\",\"operator\":\"==\""
     ",\"value\":\"Negotiation\"},\"then\":[{\"type\":\"notify\",\"params\":"
     "{\"message\":\"x\"}}]}}]"},
    {"If the lead score is still below 50 after a week, tag them cold",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":604800}},{\"type\":\"if\","
     "\"params\":{\"condition\":{\"field\":\"contact.leadScore\",\"operator\""
     ":\"<\",\"value\":50},\"then\":[{\"type\":\"add_tag\",\"params\":{\"tag"
     "s\":[\"cold\"]}}]}}]"},
    {"Send the \"Intro\" email to VPs of Sales in Germany, but only "
     "those who have never been contacted.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"fiel"
     "d\":\"contact.title\",\"operator\":\"contains\",\"value\":\"VP of Sale"
     "s\"},{\"field\":\"contact.country\",\"operator\":\"==\",\"value\":\"Ge"
     "rmany\"},{\"not\":{\"field\":\"contact.lastContactedAt\",\"operator\":"
     "\"exists\"}}]}}},{\"type\":\"send_email\",\"params\":{\"template\":\"I"
     "ntro\"}}]"},
    {"Find contacts in Germany, but only the ones with a lead score "
     "above 50, and tag them hot.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"fiel"
     "d\":\"contact.country\",\"operator\":\"==\",\"value\":\"Germany\"},{\""
     "field\":\"contact.leadScore\",\"operator\":\">\",\"value\":50}]}}},{\""
     "type\":\"add_tag\",\"params\":{\"tags\":[\"hot\"]}}]"},
    {"Find contacts whose deal is in Proposal and tag them proposal.",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.st"
     "age\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"add_ta"
     "g\",\"params\":{\"tags\":[\"proposal\"]}}]"},
    {"Every weekday at 8am, find deals closing this week and create a "
     "task for each deal owner: Push @deal.name over the line",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"today\"},{\"field\""
     ":\"deal.closeDate\",\"operator\":\"<=\",\"value\":\"now+7d\"}]}}},{\"t"
     "ype\":\"create_task\",\"params\":{\"assignee\":\"@deal.ownerId\",\"tit"
     "le\":\"Push @deal.name over the line\"}}]"},
    {"Find contacts tagged 'x' and create a task for every contact "
     "owner: call them",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":\"cr"
     "eate_task\",\"params\":{\"assignee\":\"@contact.ownerId\",\"title\":\""
     "call them\"}}]"},
    {"Ask for approval before moving deals over 100k to Closed Won",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.va"
     "lue\",\"operator\":\">\",\"value\":100000}}},{\"type\":\"request_appro"
     "val\",\"params\":{}},{\"type\":\"update_field\",\"params\":{\"entity\""
     ":\"deal\",\"field\":\"stage\",\"value\":\"Closed Won\"}}]"},
    {"Get approval before sending template 'Discount' to contacts "
     "tagged 'vip'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"vip\"}}},{\"type\":\""
     "request_approval\",\"params\":{}},{\"type\":\"send_email\",\"params\":"
     "{\"template\":\"Discount\"}}]"},
    {"Run agent 'Lead scorer' for contacts created today",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.createdAt\",\"operator\":\">=\",\"value\":\"today\"}}},{\"type\":\""
     "run_agent\",\"params\":{\"agent\":\"Lead scorer\"}}]"},
    {"Run agent 'Lead scorer' on deals in Proposal",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.st"
     "age\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"run_ag"
     "ent\",\"params\":{\"agent\":\"Lead scorer\"}}]"},
    {"Find contacts tagged 'x'. Run agent 'Scorer' for those in Berlin",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":\"if"
     "\",\"params\":{\"condition\":{\"field\":\"contact.city\",\"operator\":"
     "\"==\",\"value\":\"Berlin\"},\"then\":[{\"type\":\"run_agent\",\"param"
     "s\":{\"agent\":\"Scorer\"}}]}}]"},
    {"Find leads from the webinar and set their status to 'MQL' and "
     "their lead score to 60",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.source\",\"operator\":\"==\",\"value\":\"webinar\"}}},{\"type\":\""
     "update_field\",\"params\":{\"entity\":\"contact\",\"field\":\"status\""
     ",\"value\":\"MQL\"}},{\"type\":\"update_field\",\"params\":{\"entity\""
     ":\"contact\",\"field\":\"leadScore\",\"value\":60}}]"},
    {"Find deals in Proposal and update the stage to Negotiation and "
     "the close date to 30 days from now",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.st"
     "age\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"update"
     "_field\",\"params\":{\"entity\":\"deal\",\"field\":\"stage\",\"value\""
     ":\"Negotiation\"}},{\"type\":\"update_field\",\"params\":{\"entity\":\""
     "deal\",\"field\":\"closeDate\",\"value\":\"today+30d\"}}]"},
    {"When a contact is created, set their status to 'Lead', their "
     "lead score to 10 and tag them 'new'",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"field"
     "\":\"status\",\"value\":\"Lead\"}},{\"type\":\"update_field\",\"params"
     "\":{\"entity\":\"contact\",\"field\":\"leadScore\",\"value\":10}},{\"t"
     "ype\":\"add_tag\",\"params\":{\"tags\":[\"new\"]}}]"},
    {"Find new contacts today and tag them 'fresh'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.createdAt\",\"operator\":\">=\",\"value\":\"today\"}}},{\"type\":\""
     "add_tag\",\"params\":{\"tags\":[\"fresh\"]}}]"},
    {"Every day at 6pm, post the number of new contacts today to "
     "#growth",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.createdAt\",\"operator\":\">=\",\"value\":\"today\"}}},{\"type\":\""
     "slack_message\",\"params\":{\"channel\":\"#growth\",\"text\":\"@steps."
     "1.output.count new contacts today\"}}]"},
    {"Tag new contacts from yesterday 'y'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"fiel"
     "d\":\"contact.createdAt\",\"operator\":\">=\",\"value\":\"today-1d\"},"
     "{\"field\":\"contact.createdAt\",\"operator\":\"<\",\"value\":\"today\""
     "}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"y\"]}}]"},
    {"Send template 'A' to new contacts from this week",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.createdAt\",\"operator\":\">=\",\"value\":\"now-7d\"}}},{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"A\"}}]"},
    {"Find new leads this week and send them template 'Welcome'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.createdAt\",\"operator\":\">=\",\"value\":\"now-7d\"}}},{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"Welcome\"}}]"},
    {"Tag everyone in Germany with 'dach' and everyone in France with "
     "'fr'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.country\",\"operator\":\"==\",\"value\":\"Germany\"}}},{\"type\":\""
     "add_tag\",\"params\":{\"tags\":[\"dach\"]}},{\"type\":\"search_contact"
     "s\",\"params\":{\"where\":{\"field\":\"contact.country\",\"operator\":"
     "\"==\",\"value\":\"France\"}}},{\"type\":\"add_tag\",\"params\":{\"tag"
     "s\":[\"fr\"]}}]"},
    {"Find contacts tagged 'event'. Tag everyone in Germany with "
     "'dach' and everyone in France with 'fr'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"event\"}}},{\"type\":"
     "\"if\",\"params\":{\"condition\":{\"field\":\"contact.country\",\"oper"
     "ator\":\"==\",\"value\":\"Germany\"},\"then\":[{\"type\":\"add_tag\",\""
     "params\":{\"tags\":[\"dach\"]}}]}},{\"type\":\"if\",\"params\":{\"cond"
     "ition\":{\"field\":\"contact.country\",\"operator\":\"==\",\"value\":\""
     "France\"},\"then\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"fr\""
     "]}}]}}]"},
    {"When a contact is created, send template 'A' to everyone in "
     "Germany and template 'B' to everyone in France",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.count"
     "ry\",\"operator\":\"==\",\"value\":\"Germany\"},\"then\":[{\"type\":\""
     "send_email\",\"params\":{\"template\":\"A\"}}]}},{\"type\":\"if\",\"pa"
     "rams\":{\"condition\":{\"field\":\"contact.country\",\"operator\":\"=="
     "\",\"value\":\"France\"},\"then\":[{\"type\":\"send_email\",\"params\""
     ":{\"template\":\"B\"}}]}}]"},
    {"Find contacts in Germany. Tag everyone in Berlin with 'berlin'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.country\",\"operator\":\"==\",\"value\":\"Germany\"}}},{\"type\":\""
     "if\",\"params\":{\"condition\":{\"field\":\"contact.city\",\"operator\""
     ":\"==\",\"value\":\"Berlin\"},\"then\":[{\"type\":\"add_tag\",\"params"
     "\":{\"tags\":[\"berlin\"]}}]}}]"},
    /* A grade "A" that ends a value is no article. */
    {"Find contacts with lead score A or B and tag them 'priority'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"field"
     "\":\"contact.leadScore\",\"operator\":\"==\",\"value\":\"A\"},{\"field"
     "\":\"contact.leadScore\",\"operator\":\"==\",\"value\":\"B\"}]}}},{\"t"
     "ype\":\"add_tag\",\"params\":{\"tags\":[\"priority\"]}}]"},
    {"If their lead score is A, hand off to @user.salesRep",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.leadS"
     "core\",\"operator\":\"==\",\"value\":\"A\"},\"then\":[{\"type\":\"hand"
     "off\",\"params\":{\"to\":\"@user.salesRep\"}}]}}]"},
    /* A company's name with the words in it. */
    {"Find contacts at companies with 'Inc' in the name and tag them "
     "'inc'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"comp"
     "any.name\",\"operator\":\"contains\",\"value\":\"Inc\"}}},{\"type\":\""
     "add_tag\",\"params\":{\"tags\":[\"inc\"]}}]"},
    {"Find contacts at companies with Labs in their name",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"comp"
     "any.name\",\"operator\":\"contains\",\"value\":\"Labs\"}}}]"},
    /* "the contact of every deal ...": the deals' contacts. */
    {"Send template 'Renewal' to the contact of every deal in "
     "Proposal.",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.st"
     "age\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"send_e"
     "mail\",\"params\":{\"template\":\"Renewal\"}}]"},
    {"Tag the contact on every deal worth more than 50k as 'big-deal'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.va"
     "lue\",\"operator\":\">\",\"value\":50000}}},{\"type\":\"add_tag\",\"pa"
     "rams\":{\"tags\":[\"big-deal\"]}}]"},
    /* A title value "or above" climbs the ladder, as "Directors and
     * above" does. */
    {"Find contacts with a title of Director or above",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"field"
     "\":\"contact.title\",\"operator\":\"contains\",\"value\":\"Director\"}"
     ",{\"field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"He"
     "ad\"},{\"field\":\"contact.title\",\"operator\":\"contains\",\"value\""
     ":\"VP\"},{\"field\":\"contact.title\",\"operator\":\"contains\",\"valu"
     "e\":\"Vice President\"},{\"field\":\"contact.title\",\"operator\":\"co"
     "ntains\",\"value\":\"Chief\"},{\"field\":\"contact.title\",\"operator\""
     ":\"contains\",\"value\":\"CEO\"},{\"field\":\"contact.title\",\"operat"
     "or\":\"contains\",\"value\":\"CFO\"},{\"field\":\"contact.title\",\"op"
     "erator\":\"contains\",\"value\":\"CTO\"},{\"field\":\"contact.title\","
     "\"operator\":\"contains\",\"value\":\"COO\"},{\"field\":\"contact.titl"
     "e\",\"operator\":\"contains\",\"value\":\"CMO\"},{\"field\":\"contact."
     "title\",\"operator\":\"contains\",\"value\":\"CRO\"},{\"field\":\"cont"
     "act.title\",\"operator\":\"contains\",\"value\":\"CIO\"}]}}}]"},
    {"Find contacts whose title isn't Manager or above",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"or\":"
     "[{\"field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"Ma"
     "nager\"},{\"field\":\"contact.title\",\"operator\":\"contains\",\"valu"
     "e\":\"Director\"},{\"field\":\"contact.title\",\"operator\":\"contains"
     "\",\"value\":\"Head\"},{\"field\":\"contact.title\",\"operator\":\"con"
     "tains\",\"value\":\"VP\"},{\"field\":\"contact.title\",\"operator\":\""
     "contains\",\"value\":\"Vice President\"},{\"field\":\"contact.title\","
     "\"operator\":\"contains\",\"value\":\"Chief\"},{\"field\":\"contact.ti"
     "tle\",\"operator\":\"contains\",\"value\":\"CEO\"},{\"field\":\"contac"
     "t.title\",\"operator\":\"contains\",\"value\":\"CFO\"},{\"field\":\"co"
     "ntact.title\",\"operator\":\"contains\",\"value\":\"CTO\"},{\"field\":"
     "\"contact.title\",\"operator\":\"contains\",\"value\":\"COO\"},{\"fiel"
     "d\":\"contact.title\",\"operator\":\"contains\",\"value\":\"CMO\"},{\""
     "field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"CRO\"}"
     ",{\"field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"CI"
     "O\"}]}}}}]"},
    {"If their title is VP or above, hand off to @user.salesRep",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"or\":[{\"field\":\"cont"
     "act.title\",\"operator\":\"contains\",\"value\":\"VP\"},{\"field\":\"c"
     "ontact.title\",\"operator\":\"contains\",\"value\":\"Vice President\"}"
     ",{\"field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"Ch"
     "ief\"},{\"field\":\"contact.title\",\"operator\":\"contains\",\"value\""
     ":\"CEO\"},{\"field\":\"contact.title\",\"operator\":\"contains\",\"val"
     "ue\":\"CFO\"},{\"field\":\"contact.title\",\"operator\":\"contains\",\""
     "value\":\"CTO\"},{\"field\":\"contact.title\",\"operator\":\"contains\""
     ",\"value\":\"COO\"},{\"field\":\"contact.title\",\"operator\":\"contai"
     "ns\",\"value\":\"CMO\"},{\"field\":\"contact.title\",\"operator\":\"co"
     "ntains\",\"value\":\"CRO\"},{\"field\":\"contact.title\",\"operator\":"
     "\"contains\",\"value\":\"CIO\"}]},\"then\":[{\"type\":\"handoff\",\"pa"
     "rams\":{\"to\":\"@user.salesRep\"}}]}}]"},
    /* "our last email": whether they ever opened one. */
    {"Every Monday morning, find contacts who opened our last email "
     "but didn't reply and send template 'Nudge'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"fiel"
     "d\":\"contact.openedEmail\",\"operator\":\"==\",\"value\":true},{\"fie"
     "ld\":\"contact.replied\",\"operator\":\"==\",\"value\":false}]}}},{\"t"
     "ype\":\"send_email\",\"params\":{\"template\":\"Nudge\"}}]"},
    {"If they opened our latest email, tag them 'engaged'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.opene"
     "dEmail\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":\"add"
     "_tag\",\"params\":{\"tags\":[\"engaged\"]}}]}}]"},
    /* Asking a role for approval is asking the owners and admins. */
    {"If the deal value is over 100k, ask the sales manager for "
     "approval before sending the proposal template.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.value\","
     "\"operator\":\">\",\"value\":100000},\"then\":[{\"type\":\"request_app"
     "roval\",\"params\":{}},{\"type\":\"send_email\",\"params\":{\"template"
     "\":\"proposal\"}}]}}]"},
    {"Ask my manager for approval: 'Send the Q4 offer?' Then send "
     "template 'Q4'.",
     "[{\"type\":\"request_approval\",\"params\":{\"message\":\"Send the Q4 "
     "offer?\"}},{\"type\":\"send_email\",\"params\":{\"template\":\"Q4\"}}]"},
    {"Ask the team to approve, then tag them 'approved'.",
     "[{\"type\":\"request_approval\",\"params\":{}},{\"type\":\"add_tag\",\""
     "params\":{\"tags\":[\"approved\"]}}]"},
    /* A sub-agent "on them" starts with the set in scope. */
    {"Find contacts in Berlin and run agent 'Score' on them",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type\":\"run"
     "_agent\",\"params\":{\"agent\":\"Score\"}}]"},
    {"Find contacts in Berlin. Run agent 'Score' for those contacts.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type\":\"run"
     "_agent\",\"params\":{\"agent\":\"Score\"}}]"},
    {"Find deals in Proposal. Run the 'Deal scorer' agent on these "
     "deals.",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.st"
     "age\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"run_ag"
     "ent\",\"params\":{\"agent\":\"Deal scorer\"}}]"},
    {"Find contacts in Berlin. Run agent 'Score' on the contacts found",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type\":\"run"
     "_agent\",\"params\":{\"agent\":\"Score\"}}]"},
    {"Find contacts tagged 'webinar'. Remember their ids as "
     "followed_up.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"webinar\"}}},{\"type\""
     ":\"remember\",\"params\":{\"key\":\"followed_up\",\"value\":\"@contact"
     "s\"}}]"},
    {"Find contacts tagged 'x'. Store the contact IDs in memory as "
     "processed",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":\"re"
     "member\",\"params\":{\"key\":\"processed\",\"value\":\"@contacts\"}}]"},
    /* a due day 'N days from now' */
    {"Set up a follow-up task 3 days from now",
     "[{\"type\":\"create_task\",\"params\":{\"dueInDays\":3,\"title\":\"Fol"
     "low up\"}}]"},
    {"Create a task 'Call' due 3 days from now",
     "[{\"type\":\"create_task\",\"params\":{\"title\":\"Call\",\"dueInDays\""
     ":3}}]"},
    /* close as won/lost; a tag that is a field's value; 'N after that';
     * a number that moved to a value */
    {"Close deals in Proposal older than 90 days as lost",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.stage\",\"operator\":\"==\",\"value\":\"Proposal\"},{\"field\""
     ":\"deal.createdAt\",\"operator\":\"<\",\"value\":\"now-90d\"}]}}},{\"t"
     "ype\":\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":\"sta"
     "ge\",\"value\":\"Closed Lost\"}}]"},
    {"Tag the contact with their country",

     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"@contact.country\"]}}]"},
    {"Add the contact's company name as a tag",

     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"@company.name\"]}}]"},
    {"Remember the contact's company name as 'co'",
     "[{\"type\":\"remember\",\"params\":{\"key\":\"co\",\"value\":\"@compan"
     "y.name\"}}]"},
    {"Send 'A'. A week after that, send 'B'",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"A\"}},{\"type\":\""
     "wait\",\"params\":{\"seconds\":604800}},{\"type\":\"send_email\",\"par"
     "ams\":{\"template\":\"B\"}}]"},
    {"If their lead score dropped to 0, tag them 'cold'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.leadS"
     "core\",\"operator\":\"<=\",\"value\":0},\"then\":[{\"type\":\"add_tag\""
     ",\"params\":{\"tags\":[\"cold\"]}}]}}]"},
    /* a limit per run; a title after 'who are'; 'it' for the field of the
     * if before; a URL's name before it ('our CRM webhook at') */
    {"Find contacts in Berlin, at most 20 per run, and tag them 'x'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.city\",\"operator\":\"==\",\"value\":\"Berlin\"},\"limit\":20}},{\""
     "type\":\"add_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    {"Find contacts that are VPs of Sales",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.title\",\"operator\":\"contains\",\"value\":\"VP of Sales\"}}}]"},
    {"Find contacts who're CTOs in London",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"fiel"
     "d\":\"contact.title\",\"operator\":\"contains\",\"value\":\"CTO\"},{\""
     "field\":\"contact.city\",\"operator\":\"==\",\"value\":\"London\"}]}}}"
     "]"},
    {"If the lead score is over 80, tag them 'hot'; else if it's "
     "between 50 and 79, tag them 'warm'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.leadS"
     "core\",\"operator\":\">\",\"value\":80},\"then\":[{\"type\":\"add_tag\""
     ",\"params\":{\"tags\":[\"hot\"]}}],\"else\":[{\"type\":\"if\",\"params"
     "\":{\"condition\":{\"and\":[{\"field\":\"contact.leadScore\",\"operato"
     "r\":\">=\",\"value\":50},{\"field\":\"contact.leadScore\",\"operator\""
     ":\"<=\",\"value\":79}]},\"then\":[{\"type\":\"add_tag\",\"params\":{\""
     "tags\":[\"warm\"]}}]}}]}}]"},
    {"Send a webhook POST to https://api.example.com/leads",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://api.example."
     "com/leads\",\"method\":\"POST\"}}]"},
    {"Send a PUT request to https://api.example.com/leads/@contact.id "
     "with {\"status\": \"contacted\"}",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://api.example."
     "com/leads/@contact.id\",\"method\":\"PUT\",\"body\":{\"status\":\"cont"
     "acted\"}}}]"},
    {"Push the lead to our CRM webhook at "
     "https://api.example.com/leads",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://api.example."
     "com/leads\",\"method\":\"POST\",\"body\":\"@contact\"}}]"},
    /* "80 or more": the end included (it read "or more" as a value) */
    {"Find contacts with lead score of 80 or more",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"contact.lea"
     "dScore\",\"operator\":\">=\",\"value\":80}}}]"},
    {"Find deals worth 10k and up",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.value\",\"o"
     "perator\":\">=\",\"value\":10000}}}]"},
    {"If lead score is 10 or 20, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"or\":[{\"field\":\"contact.leadS"
     "core\",\"operator\":\"==\",\"value\":10},{\"field\":\"contact.leadScore\",\"op"
     "erator\":\"==\",\"value\":20}]},\"then\":[{\"type\":\"stop\",\"params\":{}}]}}]"},
    /* a web query that names the record in words: its name */
    {"Look up the company on the web",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name\"}}]"},
    {"Search the web for 'the company'",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"the company\"}}]"},
    {"Search the web for the companyX funding",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"the companyX funding\"}}]"},
    {"Find contacts who signed up more than 14 days ago",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"contact.cre"
     "atedAt\",\"operator\":\"<\",\"value\":\"now-14d\"}}}]"},
    /* a task title ends where its slots do: "for @user.x", "due ..." */
    {"create a task to call them for @user.sdr due in 2 days",
     "[{\"type\":\"create_task\",\"params\":{\"title\":\"call them\",\"assignee\":\"@"
     "user.sdr\",\"dueInDays\":2}}]"},
    {"Create a task to find a number for @contact.firstName",
     "[{\"type\":\"create_task\",\"params\":{\"title\":\"find a number for @conta"
     "ct.firstName\"}}]"},
    /* numbers that moved; records not contacted or changed */
    {"Find contacts whose lead score dropped below 20",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"contact.lea"
     "dScore\",\"operator\":\"<\",\"value\":20}}}]"},
    {"Send the 'Check-in' template to contacts who haven't heard from us in 30 days",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"field\":\"cont"
     "act.lastContactedAt\",\"operator\":\">=\",\"value\":\"now-30d\"}}}},{\"type\""
     ":\"send_email\",\"params\":{\"template\":\"Check-in\"}}]"},
    {"If the deal hasn't moved in 10 days, notify the deal owner: stuck",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"deal.updatedA"
     "t\",\"operator\":\">=\",\"value\":\"now-10d\"}},\"then\":[{\"type\":\"notify\",\"p"
     "arams\":{\"to\":\"@deal.ownerId\",\"message\":\"stuck\"}}]}}]"},
    /* "after N days without a reply": the wait, then the check */
    {"After 7 days without a reply, hand the lead over to @user.closer",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":604800}},{\"type\":\"if\",\"params\""
     ":{\"condition\":{\"field\":\"contact.replied\",\"operator\":\"==\",\"value\":f"
     "alse},\"then\":[{\"type\":\"handoff\",\"params\":{\"to\":\"@user.closer\"}}]}}"
     "]"},
    /* a domain at a sentence's end; one that starts with a digit */
    {"Find contacts whose email domain is acme.com. Tag them 'A'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"contact.ema"
     "il\",\"operator\":\"contains\",\"value\":\"@acme.com\"}}},{\"type\":\"add_tag\""
     ",\"params\":{\"tags\":[\"A\"]}}]"},
    {"Find contacts with an email at 1password.com",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"contact.ema"
     "il\",\"operator\":\"contains\",\"value\":\"@1password.com\"}}}]"},
    /* words before the noun say which records: untagged, unassigned,
     * interested contacts; open, closed, lost deals; tags absent */
    {"Find untagged contacts in Berlin",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"not\""
     ":{\"field\":\"contact.tags\",\"operator\":\"exists\"}},{\"field\":\"co"
     "ntact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}]}}}]"},
    {"Find contacts with no tags",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"field"
     "\":\"contact.tags\",\"operator\":\"exists\"}}}}]"},
    {"Find interested leads and send template 'Demo'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.interested\",\"operator\":\"==\",\"value\":true}}},{\"type\":\"sen"
     "d_email\",\"params\":{\"template\":\"Demo\"}}]"},
    {"Find unassigned contacts",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"field"
     "\":\"contact.ownerId\",\"operator\":\"exists\"}}}}]"},
    {"Find open deals over 10k",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed Won\"},{\"field"
     "\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed Lost\"},{\"fi"
     "eld\":\"deal.value\",\"operator\":\">\",\"value\":10000}]}}}]"},
    {"Find closed deals",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"or\":[{\"field\":"
     "\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Won\"},{\"field\""
     ":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Lost\"}]}}}]"},
    {"Find lost deals",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.st"
     "age\",\"operator\":\"==\",\"value\":\"Closed Lost\"}}}]"},
    /* what a search found: its step's count; a web search's is
     * @search.count */
    {"Find contacts tagged 'vip'. Stop if no contacts are found.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"vip\"}}},{\"type\":\""
     "if\",\"params\":{\"condition\":{\"field\":\"steps.1.output.count\",\"o"
     "perator\":\"==\",\"value\":0},\"then\":[{\"type\":\"stop\",\"params\":"
     "{}}]}}]"},
    {"Find deals in Proposal. If more than 5 deals were found, notify me: many",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.st"
     "age\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"if\",\""
     "params\":{\"condition\":{\"field\":\"steps.1.output.count\",\"operator"
     "\":\">\",\"value\":5},\"then\":[{\"type\":\"notify\",\"params\":{\"mes"
     "sage\":\"many\"}}]}}]"},
    {"Search the web for 'x'. If more than 3 results were found, stop.",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"x\"}},{\"type\":\"if"
     "\",\"params\":{\"condition\":{\"field\":\"search.count\",\"operator\":"
     "\">\",\"value\":3},\"then\":[{\"type\":\"stop\",\"params\":{}}]}}]"},
    /* digits with letters glued on are one word */
    {"Find contacts tagged 3d-printing",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"3d-printing\"}}}]"},
    {"Find contacts whose title contains 2024q1",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.title\",\"operator\":\"contains\",\"value\":\"2024q1\"}}}]"},
    {"Find contacts with @1password.com emails",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.email\",\"operator\":\"contains\",\"value\":\"@1password.com\"}}}]"},
    {"Send template 'A'. Wait 3 days. If there is a reply, stop.",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"A\"}},{\"type\":\""
     "wait\",\"params\":{\"seconds\":259200}},{\"type\":\"if\",\"params\":{\""
     "condition\":{\"field\":\"contact.replied\",\"operator\":\"==\",\"value"
     "\":true},\"then\":[{\"type\":\"stop\",\"params\":{}}]}}]"},
    /* a search's words about the contact in an if; a reply within a time
     * is the wait, then the check */
    {"If they are in Germany, tag them 'de'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.count"
     "ry\",\"operator\":\"==\",\"value\":\"Germany\"},\"then\":[{\"type\":\""
     "add_tag\",\"params\":{\"tags\":[\"de\"]}}]}}]"},
    {"If they work at Acme, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"company.name\""
     ",\"operator\":\"==\",\"value\":\"Acme\"},\"then\":[{\"type\":\"stop\","
     "\"params\":{}}]}}]"},
    {"If they reply within 3 days, stop; otherwise send template 'B'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"if\","
     "\"params\":{\"condition\":{\"field\":\"contact.replied\",\"operator\":"
     "\"==\",\"value\":true},\"then\":[{\"type\":\"stop\",\"params\":{}}],\""
     "else\":[{\"type\":\"send_email\",\"params\":{\"template\":\"B\"}}]}}]"},
    /* a JSON body written in the instructions; a web query about each
     * contact's company */
    {"Send POST to https://api.example.com/leads with body {\"email\": "
     "\"@contact.email\", \"n\": 3}. Then tag them sent.",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://api.example."
     "com/leads\",\"method\":\"POST\",\"body\":{\"email\":\"@contact.email\""
     ",\"n\":3}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"sent\"]}}]"},
    {"Look up each contact's company on the web",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name\"}}]"},
    /* a custom field named as one; a template named after an email step
     * is another email; 'now' is at once; a member's address */
    {"If custom field 'tier' is 'Gold', stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.tier\""
     ",\"operator\":\"==\",\"value\":\"Gold\"},\"then\":[{\"type\":\"stop\","
     "\"params\":{}}]}}]"},
    {"Find deals where custom field 'region' is 'EMEA'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal.re"
     "gion\",\"operator\":\"==\",\"value\":\"EMEA\"}}}]"},
    {"Send template 'N1' now, template 'N2' in a week, and template "
     "'N3' two weeks later.",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"N1\"}},{\"type\":"
     "\"wait\",\"params\":{\"seconds\":604800}},{\"type\":\"send_email\",\"p"
     "arams\":{\"template\":\"N2\"}},{\"type\":\"wait\",\"params\":{\"second"
     "s\":1209600}},{\"type\":\"send_email\",\"params\":{\"template\":\"N3\""
     "}}]"},
    {"Send template 'A' to @user.boss",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"A\",\"to\":\"@use"
     "r.boss.email\"}}]"},
    /* never contacted; calendar months and years; a field set higher */
    {"Find leads that have not been contacted yet",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"field"
     "\":\"contact.lastContactedAt\",\"operator\":\"exists\"}}}}]"},
    {"Find contacts who have never replied",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"cont"
     "act.replied\",\"operator\":\"==\",\"value\":false}}}]"},
    {"Find contacts created in January 2026",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"fiel"
     "d\":\"contact.createdAt\",\"operator\":\">=\",\"value\":\"2026-01-01\""
     "},{\"field\":\"contact.createdAt\",\"operator\":\"<\",\"value\":\"2026"
     "-02-01\"}]}}}]"},
    {"Find deals closing in February 2027",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"2027-02-01\"},{\"f"
     "ield\":\"deal.closeDate\",\"operator\":\"<\",\"value\":\"2027-03-01\"}"
     "]}}}]"},
    {"Find deals created in 2025",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field\""
     ":\"deal.createdAt\",\"operator\":\">=\",\"value\":\"2025-01-01\"},{\"f"
     "ield\":\"deal.createdAt\",\"operator\":\"<\",\"value\":\"2026-01-01\"}"
     "]}}}]"},
    {"Increase the lead score to 90",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"field"
     "\":\"leadScore\",\"value\":90}}]"},
    {"Tag them all as 'x'",
     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    /* "or who/whose ..." in a search; "work for", several companies */
    {"Find contacts whose title contains CTO or whose company is Acme",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.title\",\"operator\":\"contains\",\"value\":\"CTO"
     "\"},{\"field\":\"company.name\",\"operator\":\"==\",\"value\":\"Ac"
     "me\"}]}}}]"},
    {"Find contacts tagged 'a' or who have a lead score over 50",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"a\"}"
     ",{\"field\":\"contact.leadScore\",\"operator\":\">\",\"value\":50}"
     "]}}}]"},
    {"Find contacts who work at Stripe or Plaid",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"company.name\",\"operator\":\"==\",\"value\":\"Stripe\"},"
     "{\"field\":\"company.name\",\"operator\":\"==\",\"value\":\"Plaid"
     "\"}]}}}]"},
    {"Find contacts employed by Initech",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.name\",\"operator\":\"==\",\"value\":\"Initech\"}}}]"},
    /* a domain is one word; "www." is no part of a company's domain */
    {"Find contacts whose company website is www.acme.com",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.domain\",\"operator\":\"==\",\"value\":\"acme.com\"}}}]"},
    {"Find contacts at acme.com",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.email\",\"operator\":\"contains\",\"value\":\"@acme.com\"}"
     "}}]"},
    {"Find contacts whose email ends with @acme.com",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.email\",\"operator\":\"contains\",\"value\":\"@acme.com\"}"
     "}}]"},
    /* "each one", "remind me", several titles, moving found deals */
    {"Send each one an email with subject \"Hi\" and body \"Hello\"",
     "[{\"type\":\"send_email\",\"params\":{\"subject\":\"Hi\",\"body\":"
     "\"Hello\"}}]"},
    {"Remind me in 3 days to check on @contact.firstName",
     "[{\"type\":\"create_task\",\"params\":{\"dueInDays\":3,\"title\":"
     "\"check on @contact.firstName\"}}]"},
    {"Remind @user.sam to follow up tomorrow",
     "[{\"type\":\"create_task\",\"params\":{\"assignee\":\"@user.sam\","
     "\"title\":\"follow up tomorrow\",\"dueInDays\":1}}]"},
    {"Find CEOs, CTOs and founders",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.title\",\"operator\":\"contains\",\"value\":\"CEO"
     "\"},{\"field\":\"contact.title\",\"operator\":\"contains\",\"value"
     "\":\"CTO\"},{\"field\":\"contact.title\",\"operator\":\"contains\""
     ",\"value\":\"founder\"}]}}}]"},
    {"Move deals in Proposal older than 60 days to Closed Lost",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Proposal\"},{"
     "\"field\":\"deal.createdAt\",\"operator\":\"<\",\"value\":\"now-60"
     "d\"}]}}},{\"type\":\"update_field\",\"params\":{\"entity\":\"deal"
     "\",\"field\":\"stage\",\"value\":\"Closed Lost\"}}]"},
    {"Show me deals over 10k",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.value\",\"operator\":\">\",\"value\":10000}}}]"},
    /* a wait glued to the next step; "those who" are earlier contacts */
    {"Send template 'A'. After 2 days send template 'B'",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"A\"}},{\"type"
     "\":\"wait\",\"params\":{\"seconds\":172800}},{\"type\":\"send_emai"
     "l\",\"params\":{\"template\":\"B\"}}]"},
    {"Send template 'B' to those who opened it",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.o"
     "penedEmail\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"B\"}}]}}]"},
    /* codes that start with digits stay words; a domain with a digit first */
    {"Find contacts whose title contains 8259463a",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"8259463a\"}}"
     "}]"},
    {"Find contacts tagged 0063474b",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"0063474b\"}}}"
     "]"},
    {"Find contacts at 1password.com",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.email\",\"operator\":\"contains\",\"value\":\"@1password.c"
     "om\"}}}]"},
    {"Wait 5days. Then tag them 'x'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":432000}},{\"type\":\"a"
     "dd_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    /* form fields by name; ranges outside; either; 80+; missing or empty */
    {"If the form's budget field is over 10000, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"form.budg"
     "et\",\"operator\":\">\",\"value\":10000},\"then\":[{\"type\":\"sto"
     "p\",\"params\":{}}]}}]"},
    {"Find deals whose value is not between 1k and 5k",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"not\":{\"and"
     "\":[{\"field\":\"deal.value\",\"operator\":\">=\",\"value\":1000},"
     "{\"field\":\"deal.value\",\"operator\":\"<=\",\"value\":5000}]}}}}"
     "]"},
    {"Search for contacts where status is either Lead or MQL",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.status\",\"operator\":\"==\",\"value\":\"Lead\"},"
     "{\"field\":\"contact.status\",\"operator\":\"==\",\"value\":\"MQL"
     "\"}]}}}]"},
    {"If lead score is 80+, hand off to @user.ae",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.l"
     "eadScore\",\"operator\":\">=\",\"value\":80},\"then\":[{\"type\":"
     "\"handoff\",\"params\":{\"to\":\"@user.ae\"}}]}}]"},
    {"Find contacts with 100+ employees",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.size\",\"operator\":\">=\",\"value\":100}}}]"},
    {"Find contacts missing a title or company",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"n"
     "ot\":{\"field\":\"contact.title\",\"operator\":\"exists\"}},{\"not"
     "\":{\"field\":\"company.name\",\"operator\":\"exists\"}}]}}}]"},
    {"Find contacts with an empty phone field",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.phone\",\"operator\":\"exists\"}}}}]"},
    /* owners of each record; handing found contacts to a member */
    {"Create a task for each contact's owner to call them",
     "[{\"type\":\"create_task\",\"params\":{\"assignee\":\"@contact.own"
     "erId\",\"title\":\"call them\"}}]"},
    {"Assign every contact in Berlin to @user.klaus",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type"
     "\":\"handoff\",\"params\":{\"to\":\"@user.klaus\"}}]"},
    {"Post a summary to Slack: \"@search.count new leads today\"",
     "[{\"type\":\"slack_message\",\"params\":{\"text\":\"@search.count "
     "new leads today\"}}]"},
    /* a delay after a deal's stage: the trigger's words, the wait, the if */
    {"Send template 'NPS' 30 days after their deal is won",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":2592000}},{\"type\":\""
     "if\",\"params\":{\"condition\":{\"field\":\"deal.stage\",\"operato"
     "r\":\"==\",\"value\":\"Closed Won\"},\"then\":[{\"type\":\"send_em"
     "ail\",\"params\":{\"template\":\"NPS\"}}]}}]"},
    /* tags: == is membership, lists of tags with or / and / commas */
    {"If their tags are 'vip', stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.t"
     "ags\",\"operator\":\"contains\",\"value\":\"vip\"},\"then\":[{\"ty"
     "pe\":\"stop\",\"params\":{}}]}}]"},
    {"Find contacts where tags != 'a'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"a\"}"
     "}}}]"},
    {"Find contacts with tags 'a', 'b' or 'c'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"a\"}"
     ",{\"field\":\"contact.tags\",\"operator\":\"contains\",\"value\":"
     "\"b\"},{\"field\":\"contact.tags\",\"operator\":\"contains\",\"val"
     "ue\":\"c\"}]}}}]"},
    {"Find contacts tagged 'a' and 'b'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"a\""
     "},{\"field\":\"contact.tags\",\"operator\":\"contains\",\"value\":"
     "\"b\"}]}}}]"},
    {"Find contacts tagged either 'a' or 'b'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"a\"}"
     ",{\"field\":\"contact.tags\",\"operator\":\"contains\",\"value\":"
     "\"b\"}]}}}]"},
    {"Find contacts who never opened an email",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.openedEmail\",\"operator\":\"==\",\"value\":false}}}]"},
    /* a call's output: "the response", "the status code" (a number) */
    {"Call https://api.example.com/score?email=@contact.email and save the result as 'score'",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://api.exam"
     "ple.com/score?email=@contact.email\"}},{\"type\":\"remember\",\"pa"
     "rams\":{\"key\":\"score\",\"value\":\"@steps.1.output\"}}]"},
    {"Call https://x.io/a. If the status is 200, stop",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://x.io/a\""
     "}},{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"steps.1"
     ".output.status\",\"operator\":\"==\",\"value\":200},\"then\":[{\"t"
     "ype\":\"stop\",\"params\":{}}]}}]"},
    {"Call https://x.io/a. If the status is Qualified, stop",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://x.io/a\""
     "}},{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact"
     ".status\",\"operator\":\"==\",\"value\":\"Qualified\"},\"then\":[{"
     "\"type\":\"stop\",\"params\":{}}]}}]"},
    {"Notify me about each deal: \"@deal.name is @deal.stage\"",
     "[{\"type\":\"notify\",\"params\":{\"message\":\"@deal.name is @dea"
     "l.stage\"}}]"},
    {"Find contacts in SaaS companies with more than 50 employees",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"company.industry\",\"operator\":\"==\",\"value\":\"SaaS"
     "\"},{\"field\":\"company.size\",\"operator\":\">\",\"value\":50}]}"
     "}}]"},
    /* replying is e-mailing; "bump" a field sets it; "check back in" waits */
    {"Reply to them with template 'Thanks'",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Thanks\"}}]"},
    {"Bump their lead score to 100",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"f"
     "ield\":\"leadScore\",\"value\":100}}]"},
    {"Check back in a week and if they still haven't replied, tag them 'cold'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":604800}},{\"type\":\"i"
     "f\",\"params\":{\"condition\":{\"field\":\"contact.replied\",\"ope"
     "rator\":\"==\",\"value\":false},\"then\":[{\"type\":\"add_tag\",\""
     "params\":{\"tags\":[\"cold\"]}}]}}]"},
    /* "if approved" is the approval step, and what follows runs after it */
    {"If approved, send template 'Discount'",
     "[{\"type\":\"request_approval\",\"params\":{}},{\"type\":\"send_em"
     "ail\",\"params\":{\"template\":\"Discount\"}}]"},
    {"Request approval: Send discount? If approved, send template 'Discount'",
     "[{\"type\":\"request_approval\",\"params\":{\"message\":\"Send dis"
     "count?\"}},{\"type\":\"send_email\",\"params\":{\"template\":\"Dis"
     "count\"}}]"},
    /* connecting is LinkedIn's; an address "from" a domain */
    {"Find contacts with a LinkedIn profile and connect with them",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.linkedinUrl\",\"operator\":\"exists\"}}},{\"type\":\"linke"
     "din_invite\",\"params\":{}}]"},
    {"Look for leads with emails from yahoo.com",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.email\",\"operator\":\"contains\",\"value\":\"@yahoo.com\""
     "}}}]"},
    /* steps joined by arrows, "&", "Step 2:", "Second," */
    {"Step 1: find contacts in Germany. Step 2: tag them 'dach'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.country\",\"operator\":\"==\",\"value\":\"Germany\"}}},{\""
     "type\":\"add_tag\",\"params\":{\"tags\":[\"dach\"]}}]"},
    {"First, find CEOs. Second, send template 'Exec'. Finally, notify me: done",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"CEO\"}}},{\""
     "type\":\"send_email\",\"params\":{\"template\":\"Exec\"}},{\"type"
     "\":\"notify\",\"params\":{\"message\":\"done\"}}]"},
    {"Find contacts tagged 'x' -> send template 'Y'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"send_email\",\"params\":{\"template\":\"Y\"}}]"},
    {"Find contacts tagged 'x' & send template 'Y'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"send_email\",\"params\":{\"template\":\"Y\"}}]"},
    /* a day written out is a date; "since" a time is on or after it */
    {"Find contacts created after January 1st 2026",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.createdAt\",\"operator\":\">\",\"value\":\"2026-01-01\"}}}"
     "]"},
    {"Find deals closing before Jan 15, 2027",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.closeDate\",\"operator\":\"<\",\"value\":\"2027-01-15\"}}}]"},
    {"Find contacts created since March 1st 2026",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.createdAt\",\"operator\":\">=\",\"value\":\"2026-03-01\"}}"
     "}]"},
    /* a handoff's verb, object and particle in any combination */
    {"Hand this over to @user.accountManager",
     "[{\"type\":\"handoff\",\"params\":{\"to\":\"@user.accountManager\""
     "}}]"},
    {"Pass this lead on to @user.am",
     "[{\"type\":\"handoff\",\"params\":{\"to\":\"@user.am\"}}]"},
    {"Give it to @user.am",
     "[{\"type\":\"handoff\",\"params\":{\"to\":\"@user.am\"}}]"},
    {"Escalate the conversation to @user.vpSales with message 'Pricing question'",
     "[{\"type\":\"handoff\",\"params\":{\"to\":\"@user.vpSales\",\"mess"
     "age\":\"Pricing question\"}}]"},
    /* "unless" opening a sentence negates, with its wait */
    {"Unless they replied, send template 'Second touch'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\""
     "contact.replied\",\"operator\":\"==\",\"value\":true}},\"then\":[{"
     "\"type\":\"send_email\",\"params\":{\"template\":\"Second touch\"}"
     "}]}}]"},
    {"Unless they reply within 3 days, hand off to @user.rep",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"i"
     "f\",\"params\":{\"condition\":{\"not\":{\"field\":\"contact.replie"
     "d\",\"operator\":\"==\",\"value\":true}},\"then\":[{\"type\":\"han"
     "doff\",\"params\":{\"to\":\"@user.rep\"}}]}}]"},
    {"Unless the deal is Closed Won, notify me: @deal.name still open, otherwise tag them 'Won'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\""
     "deal.stage\",\"operator\":\"==\",\"value\":\"Closed Won\"}},\"then"
     "\":[{\"type\":\"notify\",\"params\":{\"message\":\"@deal.name stil"
     "l open\"}}],\"else\":[{\"type\":\"add_tag\",\"params\":{\"tags\":["
     "\"Won\"]}}]}}]"},
    /* an open awaited, as a reply is */
    {"If they did not open the email within 3 days, send template 'Resend'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"i"
     "f\",\"params\":{\"condition\":{\"field\":\"contact.openedEmail\","
     "\"operator\":\"==\",\"value\":false},\"then\":[{\"type\":\"send_em"
     "ail\",\"params\":{\"template\":\"Resend\"}}]}}]"},
    {"If they haven't opened the email after 3 days, send template 'Resend'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"i"
     "f\",\"params\":{\"condition\":{\"field\":\"contact.openedEmail\","
     "\"operator\":\"==\",\"value\":false},\"then\":[{\"type\":\"send_em"
     "ail\",\"params\":{\"template\":\"Resend\"}}]}}]"},
    /* a second bound on the same field */
    {"Find contacts with lead score above 50 and below 90",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.leadScore\",\"operator\":\">\",\"value\":50},{\""
     "field\":\"contact.leadScore\",\"operator\":\"<\",\"value\":90}]}}}"
     "]"},
    {"Find deals with value greater than 10k but less than 50k",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.value\",\"operator\":\">\",\"value\":10000},{\"field\""
     ":\"deal.value\",\"operator\":\"<\",\"value\":50000}]}}}]"},
    {"If lead score is above 50 and below 90, tag them 'Warm'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"contact.leadScore\",\"operator\":\">\",\"value\":50},{\"field\":"
     "\"contact.leadScore\",\"operator\":\"<\",\"value\":90}]},\"then\":"
     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Warm\"]}}]}}]"},
    /* a year compared with a time, as dates */
    {"Find contacts created before 2025",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.createdAt\",\"operator\":\"<\",\"value\":\"2025-01-01\"}}}"
     "]"},
    {"Find contacts created after 2024",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.createdAt\",\"operator\":\">=\",\"value\":\"2025-01-01\"}}"
     "}]"},
    {"Find contacts created since 2025",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.createdAt\",\"operator\":\">=\",\"value\":\"2025-01-01\"}}"
     "}]"},
    {"If the deal closes before 2027, tag them 'Long'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.clos"
     "eDate\",\"operator\":\"<\",\"value\":\"2027-01-01\"},\"then\":[{\""
     "type\":\"add_tag\",\"params\":{\"tags\":[\"Long\"]}}]}}]"},
    /* an address's end, quoted or not */
    {"Find contacts where email ends with 'acme.com'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.email\",\"operator\":\"contains\",\"value\":\"@acme.com\"}"
     "}}]"},
    {"Find contacts with an email ending in @acme.com and tag them 'Acme'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.email\",\"operator\":\"contains\",\"value\":\"@acme.com\"}"
     "}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Acme\"]}}]"},
    /* a deal's worth in a condition */
    {"If the deal is worth more than $100k, request approval before sending template 'Big Deal'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.valu"
     "e\",\"operator\":\">\",\"value\":100000},\"then\":[{\"type\":\"req"
     "uest_approval\",\"params\":{}},{\"type\":\"send_email\",\"params\""
     ":{\"template\":\"Big Deal\"}}]}}]"},
    {"If it's worth at least 10k, tag them 'Big'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.valu"
     "e\",\"operator\":\">=\",\"value\":10000},\"then\":[{\"type\":\"add"
     "_tag\",\"params\":{\"tags\":[\"Big\"]}}]}}]"},
    /* an HTTP call's method named after the URL */
    {"Sync them to https://crm.example.com/sync via POST",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://crm.exam"
     "ple.com/sync\",\"method\":\"POST\",\"body\":\"@contact\"}}]"},
    {"Send their details to https://crm.example.com/sync using a POST request",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://crm.exam"
     "ple.com/sync\",\"method\":\"POST\",\"body\":\"@contact\"}}]"},
    {"Call https://api.example.com/score with a GET",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://api.exam"
     "ple.com/score\"}}]"},
    /* a time of day after a task's due day */
    {"Create a task to call @contact.firstName tomorrow at 10am",
     "[{\"type\":\"create_task\",\"params\":{\"title\":\"call @contact.f"
     "irstName tomorrow at 10am\",\"dueInDays\":1}}]"},
    {"Create task: Call @contact.firstName tomorrow morning",
     "[{\"type\":\"create_task\",\"params\":{\"title\":\"Call @contact.f"
     "irstName tomorrow morning\",\"dueInDays\":1}}]"},
    {"Create task: Call @contact.firstName in 2 days at 9am",
     "[{\"type\":\"create_task\",\"params\":{\"title\":\"Call @contact.f"
     "irstName in 2 days at 9am\",\"dueInDays\":2}}]"},
    /* a wait with a fraction of its unit */
    {"Wait 2.5 hours",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":9000}}]"},
    {"Wait 1.5 days then send template 'x'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":129600}},{\"type\":\"s"
     "end_email\",\"params\":{\"template\":\"x\"}}]"},
    /* "N days later" opening a step is a wait */
    {"Send template 'Intro', then 3 days later send template 'Follow Up'",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Intro\"}},{\""
     "type\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"send_"
     "email\",\"params\":{\"template\":\"Follow Up\"}}]"},
    {"Three days later, check if they replied. If not, tag them 'Ghosted'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"i"
     "f\",\"params\":{\"condition\":{\"not\":{\"field\":\"contact.replie"
     "d\",\"operator\":\"==\",\"value\":true}},\"then\":[{\"type\":\"add"
     "_tag\",\"params\":{\"tags\":[\"Ghosted\"]}}]}}]"},
    {"Send template 'Intro' and a week later, if they haven't replied, send template 'Bump'",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Intro\"}},{\""
     "type\":\"wait\",\"params\":{\"seconds\":604800}},{\"type\":\"if\","
     "\"params\":{\"condition\":{\"field\":\"contact.replied\",\"operato"
     "r\":\"==\",\"value\":false},\"then\":[{\"type\":\"send_email\",\"p"
     "arams\":{\"template\":\"Bump\"}}]}}]"},
    /* a value in a text field */
    {"Find contacts with 'VP' in the title",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"VP\"}}}]"},
    {"Find contacts that have 'growth' in their job title",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"growth\"}}}]"},
    {"If 'CEO' is in their title, send template 'CEO'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.t"
     "itle\",\"operator\":\"contains\",\"value\":\"CEO\"},\"then\":[{\"t"
     "ype\":\"send_email\",\"params\":{\"template\":\"CEO\"}}]}}]"},
    {"If their title has 'founder' in it, tag them 'Founder'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.t"
     "itle\",\"operator\":\"contains\",\"value\":\"founder\"},\"then\":["
     "{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Founder\"]}}]}}]"},
    /* a template's kind between its name and "template" */
    {"Send them the 'Austin Event' invite template",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Austin Event"
     "\"}}]"},
    {"Send the 'Q3' follow-up template",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Q3\"}}]"},
    /* all of our contacts */
    {"Send template 'Newsletter' to all our contacts",
     "[{\"type\":\"search_contacts\",\"params\":{}},{\"type\":\"send_ema"
     "il\",\"params\":{\"template\":\"Newsletter\"}}]"},
    /* a field written as plan.md writes it */
    {"Set @contact.leadScore to 75",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"f"
     "ield\":\"leadScore\",\"value\":75}}]"},
    {"Set contact.status = 'Qualified'",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"f"
     "ield\":\"status\",\"value\":\"Qualified\"}}]"},
    {"Set @memory.lastRun = 'today'",
     "[{\"type\":\"remember\",\"params\":{\"key\":\"lastRun\",\"value\":"
     "\"today\"}}]"},
    /* a tag named with the word tag */
    {"Find contacts in the 'Webinar' tag",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"Webinar\"}}}]"},
    {"Find contacts with the 'Webinar' tag and send template 'Recording'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"Webinar\"}}},"
     "{\"type\":\"send_email\",\"params\":{\"template\":\"Recording\"}}]"},
    {"If the contact has the 'VIP' tag, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.t"
     "ags\",\"operator\":\"contains\",\"value\":\"VIP\"},\"then\":[{\"ty"
     "pe\":\"stop\",\"params\":{}}]}}]"},
    {"Find contacts in tag 'Webinar'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"Webinar\"}}}]"},
    /* where a contact came from is its source */
    {"If the contact came from LinkedIn, send a LinkedIn invite, otherwise send template 'Hello'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.s"
     "ource\",\"operator\":\"==\",\"value\":\"LinkedIn\"},\"then\":[{\"t"
     "ype\":\"linkedin_invite\",\"params\":{}}],\"else\":[{\"type\":\"se"
     "nd_email\",\"params\":{\"template\":\"Hello\"}}]}}]"},
    {"Find contacts who came from a referral and tag them 'Referral'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.source\",\"operator\":\"==\",\"value\":\"referral\"}}},{\""
     "type\":\"add_tag\",\"params\":{\"tags\":[\"Referral\"]}}]"},
    /* the web named after the verb; news is on the web */
    {"search the internet for '@company.name layoffs', limit 3",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name la"
     "yoffs\",\"limit\":3}}]"},
    {"search google for 'acme funding'",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"acme funding\"}}"
     "]"},
    {"find news about @company.name",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"news about @comp"
     "any.name\"}}]"},
    /* a tag taken off with the word tag */
    {"drop the 'Cold' tag",
     "[{\"type\":\"remove_tag\",\"params\":{\"tags\":[\"Cold\"]}}]"},
    {"take off the 'Trial' tag",
     "[{\"type\":\"remove_tag\",\"params\":{\"tags\":[\"Trial\"]}}]"},
    {"get rid of the 'Old' tag",
     "[{\"type\":\"remove_tag\",\"params\":{\"tags\":[\"Old\"]}}]"},
    /* enrichment by the provider's name */
    {"look them up on Apollo",
     "[{\"type\":\"enrich_contact\",\"params\":{}}]"},
    /* more words for sending */
    {"hit them with template 'Follow-up 2'",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Follow-up 2\""
     "}}]"},
    {"blast template 'Promo' to everyone tagged 'Promo'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"Promo\"}}},{"
     "\"type\":\"send_email\",\"params\":{\"template\":\"Promo\"}}]"},
    /* a task's due day before its title */
    {"set a reminder for @user.rep in 3 days: call @contact.firstName",
     "[{\"type\":\"create_task\",\"params\":{\"assignee\":\"@user.rep\","
     "\"dueInDays\":3,\"title\":\"call @contact.firstName\"}}]"},
    {"create a task in 2 days to call them",
     "[{\"type\":\"create_task\",\"params\":{\"dueInDays\":2,\"title\":"
     "\"call them\"}}]"},
    /* a member after words that say who they are */
    {"escalate to my manager @user.mgr",
     "[{\"type\":\"handoff\",\"params\":{\"to\":\"@user.mgr\"}}]"},
    {"notify my manager @user.mgr: deal lost",
     "[{\"type\":\"notify\",\"params\":{\"to\":\"@user.mgr\",\"message\""
     ":\"deal lost\"}}]"},
    /* a number's word against a number */
    {"If the result count is zero, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"search.co"
     "unt\",\"operator\":\"==\",\"value\":0},\"then\":[{\"type\":\"stop"
     "\",\"params\":{}}]}}]"},
    /* "there's no" a field */
    {"If there's no phone number, enrich the contact",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\""
     "contact.phone\",\"operator\":\"exists\"}},\"then\":[{\"type\":\"en"
     "rich_contact\",\"params\":{}}]}}]"},
    /* a time gone by */
    {"If the close date has passed, notify me: @deal.name overdue",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.clos"
     "eDate\",\"operator\":\"<\",\"value\":\"now\"},\"then\":[{\"type\":"
     "\"notify\",\"params\":{\"message\":\"@deal.name overdue\"}}]}}]"},
    /* stopping the sequence is stopping the run */
    {"When they reply, stop the sequence",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.r"
     "eplied\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":"
     "\"stop\",\"params\":{}}]}}]"},
    /* "For each," alone is the set in scope */
    {"Search for deals in Negotiation worth over 100k. For each, request approval, then move it to Closed Won",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Negotiation\"}"
     ",{\"field\":\"deal.value\",\"operator\":\">\",\"value\":100000}]}}"
     "},{\"type\":\"request_approval\",\"params\":{}},{\"type\":\"update"
     "_field\",\"params\":{\"entity\":\"deal\",\"field\":\"stage\",\"val"
     "ue\":\"Closed Won\"}}]"},
    /* a list of values joined by commas that an "or" ends */
    {"Find contacts where status is Lead, MQL, or Prospect",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.status\",\"operator\":\"==\",\"value\":\"Lead\"},"
     "{\"field\":\"contact.status\",\"operator\":\"==\",\"value\":\"MQL"
     "\"},{\"field\":\"contact.status\",\"operator\":\"==\",\"value\":\""
     "Prospect\"}]}}}]"},
    {"Find contacts in Berlin, Munich or Hamburg",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"},"
     "{\"field\":\"contact.city\",\"operator\":\"==\",\"value\":\"Munich"
     "\"},{\"field\":\"contact.city\",\"operator\":\"==\",\"value\":\"Ha"
     "mburg\"}]}}}]"},
    {"Find contacts at Stripe, Plaid or Brex",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"company.name\",\"operator\":\"==\",\"value\":\"Stripe\"},"
     "{\"field\":\"company.name\",\"operator\":\"==\",\"value\":\"Plaid"
     "\"},{\"field\":\"company.name\",\"operator\":\"==\",\"value\":\"Br"
     "ex\"}]}}}]"},
    {"Find contacts missing a title, phone or email",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"n"
     "ot\":{\"field\":\"contact.title\",\"operator\":\"exists\"}},{\"not"
     "\":{\"field\":\"contact.phone\",\"operator\":\"exists\"}},{\"not\""
     ":{\"field\":\"contact.email\",\"operator\":\"exists\"}}]}}}]"},
    {"Find contacts in Berlin, tag them 'x'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type"
     "\":\"add_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    {"Find contacts with status Lead or Prospect",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.status\",\"operator\":\"==\",\"value\":\"Lead\"},"
     "{\"field\":\"contact.status\",\"operator\":\"==\",\"value\":\"Pros"
     "pect\"}]}}}]"},
    /* a deal's worth between two ends */
    {"Find deals valued between $10k and $50k",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.value\",\"operator\":\">=\",\"value\":10000},{\"field"
     "\":\"deal.value\",\"operator\":\"<=\",\"value\":50000}]}}}]"},
    /* a notification sent to a member, and "email me" */
    {"Send an in-app notification to @user.rep saying 'Check @deal.name'",
     "[{\"type\":\"notify\",\"params\":{\"to\":\"@user.rep\",\"message\""
     ":\"Check @deal.name\"}}]"},
    {"Alert the sales manager @user.sm: big deal",
     "[{\"type\":\"notify\",\"params\":{\"to\":\"@user.sm\",\"message\":"
     "\"big deal\"}}]"},
    {"Email me a summary: @search.count contacts found",
     "[{\"type\":\"notify\",\"params\":{\"message\":\"@search.count cont"
     "acts found\"}}]"},
    /* a Slack post made or created */
    {"Create a Slack post in #general saying 'Hello'",
     "[{\"type\":\"slack_message\",\"params\":{\"channel\":\"#general\","
     "\"text\":\"Hello\"}}]"},
    /* outside a place: in none of them */
    {"Find contacts outside the US and tag them 'Intl'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.country\",\"operator\":\"==\",\"value\":\"US\"}}}"
     "},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Intl\"]}}]"},
    {"Find contacts outside of Germany or France",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"o"
     "r\":[{\"field\":\"contact.country\",\"operator\":\"==\",\"value\":"
     "\"Germany\"},{\"field\":\"contact.country\",\"operator\":\"==\",\""
     "value\":\"France\"}]}}}}]"},
    /* a range of a company's size */
    {"Send template 'Pricing' to VPs and Directors at companies with 50 to 200 employees",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "or\":[{\"field\":\"contact.title\",\"operator\":\"contains\",\"val"
     "ue\":\"VP\"},{\"field\":\"contact.title\",\"operator\":\"contains"
     "\",\"value\":\"Director\"}]},{\"field\":\"company.size\",\"operato"
     "r\":\">=\",\"value\":50},{\"field\":\"company.size\",\"operator\":"
     "\"<=\",\"value\":200}]}}},{\"type\":\"send_email\",\"params\":{\"t"
     "emplate\":\"Pricing\"}}]"},
    {"Find contacts at companies with 50-200 employees",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"company.size\",\"operator\":\">=\",\"value\":50},{\"fiel"
     "d\":\"company.size\",\"operator\":\"<=\",\"value\":200}]}}}]"},
    {"Send template 'X' to contacts with between 50 and 200 employees",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"company.size\",\"operator\":\">=\",\"value\":50},{\"fiel"
     "d\":\"company.size\",\"operator\":\"<=\",\"value\":200}]}}},{\"typ"
     "e\":\"send_email\",\"params\":{\"template\":\"X\"}}]"},
    {"If their company has 50 to 200 employees, tag them 'Mid'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"company.size\",\"operator\":\">=\",\"value\":50},{\"field\":\"co"
     "mpany.size\",\"operator\":\"<=\",\"value\":200}]},\"then\":[{\"typ"
     "e\":\"add_tag\",\"params\":{\"tags\":[\"Mid\"]}}]}}]"},
    /* "who are in" a place */
    {"Find contacts whose lead score is at least 80 and who are in London",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.leadScore\",\"operator\":\">=\",\"value\":80},{"
     "\"field\":\"contact.city\",\"operator\":\"==\",\"value\":\"London"
     "\"}]}}}]"},
    /* the deals a step found first are the scope of the steps after it */
    {"Move deals in Lead older than 90 days to Closed Lost and notify their owners: @deal.name closed as stale",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Lead\"},{\"fie"
     "ld\":\"deal.createdAt\",\"operator\":\"<\",\"value\":\"now-90d\"}]"
     "}}},{\"type\":\"update_field\",\"params\":{\"entity\":\"deal\",\"f"
     "ield\":\"stage\",\"value\":\"Closed Lost\"}},{\"type\":\"notify\","
     "\"params\":{\"to\":\"@deal.ownerId\",\"message\":\"@deal.name clos"
     "ed as stale\"}}]"},
    /* lists of stages and of sources */
    {"Find deals in Lead, Qualified or Proposal stage",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"or\":[{\"fiel"
     "d\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Lead\"},{\"fiel"
     "d\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Qualified\"},{"
     "\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Proposal"
     "\"}]}}}]"},
    {"Find deals in stages Proposal or Negotiation over 20k",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"or"
     "\":[{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Prop"
     "osal\"},{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\""
     "Negotiation\"}]},{\"field\":\"deal.value\",\"operator\":\">\",\"va"
     "lue\":20000}]}}}]"},
    {"Find contacts from LinkedIn or Google Ads and tag them 'Paid'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.source\",\"operator\":\"==\",\"value\":\"LinkedIn"
     "\"},{\"field\":\"contact.source\",\"operator\":\"==\",\"value\":\""
     "Google Ads\"}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Pa"
     "id\"]}}]"},
    /* titles in the plural */
    {"Find contacts with titles containing Sales, Marketing or Growth",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.title\",\"operator\":\"contains\",\"value\":\"Sal"
     "es\"},{\"field\":\"contact.title\",\"operator\":\"contains\",\"val"
     "ue\":\"Marketing\"},{\"field\":\"contact.title\",\"operator\":\"co"
     "ntains\",\"value\":\"Growth\"}]}}}]"},
    /* a task's head: verb, whom, article, kind, "task" */
    {"Find contacts tagged hot and assign them a call task due tomorrow",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"hot\"}}},{\"t"
     "ype\":\"create_task\",\"params\":{\"dueInDays\":1,\"title\":\"Call"
     "\"}}]"},
    {"Find contacts tagged hot and give each of them a follow-up task for @user.bob",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"hot\"}}},{\"t"
     "ype\":\"create_task\",\"params\":{\"assignee\":\"@user.bob\",\"tit"
     "le\":\"Follow up\"}}]"},
    {"Find contacts tagged hot and create a demo prep task due in 2 days",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"hot\"}}},{\"t"
     "ype\":\"create_task\",\"params\":{\"dueInDays\":2,\"title\":\"Demo"
     " prep\"}}]"},
    {"Find contacts tagged hot and make a to-do: review account",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"hot\"}}},{\"t"
     "ype\":\"create_task\",\"params\":{\"title\":\"review account\"}}]"},
    {"Create a task titled 'Call' for them",
     "[{\"type\":\"create_task\",\"params\":{\"title\":\"Call\"}}]"},
    /* a task for each deal a search finds */
    {"Create a follow-up task for every deal in Proposal stage",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":"
     "\"create_task\",\"params\":{\"title\":\"Follow up\"}}]"},
    {"Create a task 'Chase' for each deal over 50k, due in 2 days",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.value\",\"operator\":\">\",\"value\":50000}}},{\"type\":\"create"
     "_task\",\"params\":{\"title\":\"Chase\",\"dueInDays\":2}}]"},
    {"Set the stage to Negotiation for every deal over 50k",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.value\",\"operator\":\">\",\"value\":50000}}},{\"type\":\"update"
     "_field\",\"params\":{\"entity\":\"deal\",\"field\":\"stage\",\"val"
     "ue\":\"Negotiation\"}}]"},
    /* a company by the last word of its name */
    {"Find contacts from Globex Ltd and tag them x",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.name\",\"operator\":\"==\",\"value\":\"Globex Ltd\"}}},{\""
     "type\":\"add_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    {"Find contacts in Initech GmbH or Hooli Inc",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"company.name\",\"operator\":\"==\",\"value\":\"Initech Gm"
     "bH\"},{\"field\":\"company.name\",\"operator\":\"==\",\"value\":\""
     "Hooli Inc\"}]}}}]"},
    /* a custom field named in words */
    {"Find contacts tagged trial and set their lifecycle stage to churned",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"trial\"}}},{"
     "\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"fie"
     "ld\":\"lifecycleStage\",\"value\":\"churned\"}}]"},
    {"Find deals over 50k and set their renewal quarter to Q3",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.value\",\"operator\":\">\",\"value\":50000}}},{\"type\":\"update"
     "_field\",\"params\":{\"entity\":\"deal\",\"field\":\"renewalQuarte"
     "r\",\"value\":\"Q3\"}}]"},
    {"Find contacts tagged trial and set their leadTier to 'gold'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"trial\"}}},{"
     "\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"fie"
     "ld\":\"leadTier\",\"value\":\"gold\"}}]"},
    /* nobody has contacted them */
    {"Find all leads with a score above 70 that nobody has contacted yet and send them template 'First touch'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.leadScore\",\"operator\":\">\",\"value\":70},{\""
     "not\":{\"field\":\"contact.lastContactedAt\",\"operator\":\"exists"
     "\"}}]}}},{\"type\":\"send_email\",\"params\":{\"template\":\"First"
     " touch\"}}]"},
    {"Find contacts that nobody has contacted in 30 days and tag them stale",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.lastContactedAt\",\"operator\":\">=\",\"value\":"
     "\"now-30d\"}}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"stal"
     "e\"]}}]"},
    /* titled */
    {"Find people titled 'Head of Growth' and enrich them",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"Head of Grow"
     "th\"}}},{\"type\":\"enrich_contact\",\"params\":{}}]"},
    {"Find contacts titled VP of Sales or CRO in Berlin and tag them x",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "or\":[{\"field\":\"contact.title\",\"operator\":\"contains\",\"val"
     "ue\":\"VP of Sales\"},{\"field\":\"contact.title\",\"operator\":\""
     "contains\",\"value\":\"CRO\"}]},{\"field\":\"contact.city\",\"oper"
     "ator\":\"==\",\"value\":\"Berlin\"}]}}},{\"type\":\"add_tag\",\"pa"
     "rams\":{\"tags\":[\"x\"]}}]"},
    /* several agents */
    {"Run the 'Enrich' and 'Score' agents",
     "[{\"type\":\"run_agent\",\"params\":{\"agent\":\"Enrich\"}},{\"typ"
     "e\":\"run_agent\",\"params\":{\"agent\":\"Score\"}}]"},
    {"Run agent 'Enrich' and then agent 'Score'",
     "[{\"type\":\"run_agent\",\"params\":{\"agent\":\"Enrich\"}},{\"typ"
     "e\":\"run_agent\",\"params\":{\"agent\":\"Score\"}}]"},
    {"Run the 'Enrich' agent, then the 'Score' agent",
     "[{\"type\":\"run_agent\",\"params\":{\"agent\":\"Enrich\"}},{\"typ"
     "e\":\"run_agent\",\"params\":{\"agent\":\"Score\"}}]"},
    /* are + a condition of its own */
    {"Find deals that are not Closed Won or Closed Lost",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"not\":{\"or\""
     ":[{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed"
     " Won\"},{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\""
     "Closed Lost\"}]}}}}]"},
    {"Find deals that are closing this month",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"today\"},{"
     "\"field\":\"deal.closeDate\",\"operator\":\"<=\",\"value\":\"now+3"
     "0d\"}]}}}]"},
    /* emailed */
    {"Send template 'Follow up' to every contact who was emailed more than a week ago and hasn't replied",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.lastContactedAt\",\"operator\":\"<\",\"value\":"
     "\"now-1w\"},{\"field\":\"contact.replied\",\"operator\":\"==\",\"v"
     "alue\":false}]}}},{\"type\":\"send_email\",\"params\":{\"template"
     "\":\"Follow up\"}}]"},
    /* handing several over */
    {"Hand these contacts over to @user.ae with the message 'Hot leads, please call'",
     "[{\"type\":\"handoff\",\"params\":{\"to\":\"@user.ae\",\"message\""
     ":\"Hot leads, please call\"}}]"},
    /* a contact's name in a body */
    {"Post to https://example.com/hook with their full name, email and phone",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://example."
     "com/hook\",\"method\":\"POST\",\"body\":{\"firstName\":\"@contact."
     "firstName\",\"lastName\":\"@contact.lastName\",\"email\":\"@contac"
     "t.email\",\"phone\":\"@contact.phone\"}}}]"},
    /* the stage as the subject of a move */
    {"If the deal stage changed from Qualified to Proposal, create task: Prepare proposal for @deal.name",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"trigger.previousStage\",\"operator\":\"==\",\"value\":\"Qualifie"
     "d\"},{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Pro"
     "posal\"}]},\"then\":[{\"type\":\"create_task\",\"params\":{\"title"
     "\":\"Prepare proposal for @deal.name\"}}]}}]"},
    {"If its stage went from Lead to Qualified, tag them 'sql'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"trigger.previousStage\",\"operator\":\"==\",\"value\":\"Lead\"},"
     "{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Qualifie"
     "d\"}]},\"then\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"sql"
     "\"]}}]}}]"},
    /* a delay after the step before */
    {"Send template 'Day 1' now, template 'Day 3' in two days, and template 'Day 7' five days after that",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Day 1\"}},{\""
     "type\":\"wait\",\"params\":{\"seconds\":172800}},{\"type\":\"send_"
     "email\",\"params\":{\"template\":\"Day 3\"}},{\"type\":\"wait\",\""
     "params\":{\"seconds\":432000}},{\"type\":\"send_email\",\"params\""
     ":{\"template\":\"Day 7\"}}]"},
    /* a comparison after "of" */
    {"Find contacts with company size of at least 1,000 and tag them 'large'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.size\",\"operator\":\">=\",\"value\":1000}}},{\"type\":\"a"
     "dd_tag\",\"params\":{\"tags\":[\"large\"]}}]"},
    {"Find contacts with a lead score of more than 80",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.leadScore\",\"operator\":\">\",\"value\":80}}}]"},
    /* a source named before "source" */
    {"Find contacts from the Website source",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.source\",\"operator\":\"==\",\"value\":\"Website\"}}}]"},
    /* words that say "after the step before" */
    {"After the email, wait 3 days and check if they replied. If yes, tag them 'replied'. If no, send template 'Second touch'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"i"
     "f\",\"params\":{\"condition\":{\"field\":\"contact.replied\",\"ope"
     "rator\":\"==\",\"value\":true},\"then\":[{\"type\":\"add_tag\",\"p"
     "arams\":{\"tags\":[\"replied\"]}}],\"else\":[{\"type\":\"send_emai"
     "l\",\"params\":{\"template\":\"Second touch\"}}]}}]"},
    {"Send template 'A'. After sending, wait 3 days and send template 'B'",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"A\"}},{\"type"
     "\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"send_emai"
     "l\",\"params\":{\"template\":\"B\"}}]"},
    /* the top url of a web search */
    {"Look up their company on the web and save the top url as 'companySite'",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name\"}"
     "},{\"type\":\"remember\",\"params\":{\"key\":\"companySite\",\"val"
     "ue\":\"@search.results[0].url\"}}]"},
    /* a handoff's note */
    {"Wait 1 week. Then, if they still haven't replied, hand them off to @user.closer with the note 'No reply after 2 emails'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":604800}},{\"type\":\"i"
     "f\",\"params\":{\"condition\":{\"field\":\"contact.replied\",\"ope"
     "rator\":\"==\",\"value\":false},\"then\":[{\"type\":\"handoff\",\""
     "params\":{\"to\":\"@user.closer\",\"message\":\"No reply after 2 e"
     "mails\"}}]}}]"},
    /* an approval from the admins, who always approve */
    {"Request approval from the admins: Send discount offer?",
     "[{\"type\":\"request_approval\",\"params\":{\"message\":\"Send dis"
     "count offer?\"}}]"},
    /* every record of the workspace */
    {"Send a LinkedIn connection request to every CMO in our CRM with the note 'Hi @contact.firstName, lets connect'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"CMO\"}}},{\""
     "type\":\"linkedin_invite\",\"params\":{\"note\":\"Hi @contact.firs"
     "tName, lets connect\"}}]"},
    {"Find all contacts in the CRM with a lead score above 90",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.leadScore\",\"operator\":\">\",\"value\":90}}}]"},
    /* a record by a field's value */
    {"Find the contact by their email @form.email and tag them 'form'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.email\",\"operator\":\"==\",\"value\":\"@form.email\"}}},{"
     "\"type\":\"add_tag\",\"params\":{\"tags\":[\"form\"]}}]"},
    /* the deals a mark is for, found first */
    {"Mark the deals in Lead older than 6 months as lost",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Lead\"},{\"fie"
     "ld\":\"deal.createdAt\",\"operator\":\"<\",\"value\":\"now-180d\"}"
     "]}}},{\"type\":\"update_field\",\"params\":{\"entity\":\"deal\",\""
     "field\":\"stage\",\"value\":\"Closed Lost\"}}]"},
    {"Mark all deals in Lead as Closed Lost",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Lead\"}}},{\"type\":\"up"
     "date_field\",\"params\":{\"entity\":\"deal\",\"field\":\"stage\","
     "\"value\":\"Closed Lost\"}}]"},
    /* a notification for each record a search finds */
    {"Notify me for every deal over 100k: Big deal @deal.name",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.value\",\"operator\":\">\",\"value\":100000}}},{\"type\":\"notif"
     "y\",\"params\":{\"message\":\"Big deal @deal.name\"}}]"},
    {"Notify @user.manager for each contact tagged vip: VIP @contact.firstName",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"vip\"}}},{\"t"
     "ype\":\"notify\",\"params\":{\"to\":\"@user.manager\",\"message\":"
     "\"VIP @contact.firstName\"}}]"},
    /* the deal's conditions after "the deal is" */
    {"If the deal is closing this week, notify me: closing",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"deal.closeDate\",\"operator\":\">=\",\"value\":\"today\"},{\"fie"
     "ld\":\"deal.closeDate\",\"operator\":\"<=\",\"value\":\"now+7d\"}]"
     "},\"then\":[{\"type\":\"notify\",\"params\":{\"message\":\"closing"
     "\"}}]}}]"},
    {"If the deal is not closing this month, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"and\":[{\""
     "field\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"today\""
     "},{\"field\":\"deal.closeDate\",\"operator\":\"<=\",\"value\":\"no"
     "w+30d\"}]}},\"then\":[{\"type\":\"stop\",\"params\":{}}]}}]"},
    {"If they are not in Germany, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\""
     "contact.country\",\"operator\":\"==\",\"value\":\"Germany\"}},\"th"
     "en\":[{\"type\":\"stop\",\"params\":{}}]}}]"},
    /* a yes/no field by its path alone is true */
    {"If contact.openedEmail and not contact.replied, send template 'Nudge'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"contact.openedEmail\",\"operator\":\"==\",\"value\":true},{\"not"
     "\":{\"field\":\"contact.replied\",\"operator\":\"==\",\"value\":tr"
     "ue}}]},\"then\":[{\"type\":\"send_email\",\"params\":{\"template\""
     ":\"Nudge\"}}]}}]"},
    {"Find contacts where contact.interested and leadScore > 5",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.interested\",\"operator\":\"==\",\"value\":true}"
     ",{\"field\":\"contact.leadScore\",\"operator\":\">\",\"value\":5}]"
     "}}}]"},
    /* a request to the agent */
    {"Can you find all the leads from the webinar and email them the recording template 'Webinar Recording'?",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.source\",\"operator\":\"==\",\"value\":\"webinar\"}}},{\"t"
     "ype\":\"send_email\",\"params\":{\"template\":\"Webinar Recording"
     "\"}}]"},
    {"Go through all deals worth more than 200k and create a task for @user.cro to review each one",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.value\",\"operator\":\">\",\"value\":200000}}},{\"type\":\"creat"
     "e_task\",\"params\":{\"assignee\":\"@user.cro\",\"title\":\"review"
     " each one\"}}]"},
    {"Could you find contacts in Berlin?",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}}]"},
    /* any time a contact is created */
    /* another week, another 3 days */
    {"If they still don't reply after another week, hand them to @user.ae.",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":604800}},{\"type\":\"i"
     "f\",\"params\":{\"condition\":{\"field\":\"contact.replied\",\"ope"
     "rator\":\"==\",\"value\":false},\"then\":[{\"type\":\"handoff\",\""
     "params\":{\"to\":\"@user.ae\"}}]}}]"},
    {"Wait another 3 days",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":259200}}]"},
    /* words of what kind before "template" and its name */
    {"Send the new onboarding template 'Onboard'",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Onboard\"}}]"},
    /* the count a search found, remembered */
    {"Find contacts tagged x and remember the number of contacts found as 'count'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"remember\",\"params\":{\"key\":\"count\",\"value\":\"@steps."
     "1.output.count\"}}]"},
    {"Search the web for 'x' and remember the number of results as 'hits'",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"x\"}},{\"type\":"
     "\"remember\",\"params\":{\"key\":\"hits\",\"value\":\"@search.coun"
     "t\"}}]"},
    /* "like" is contains */
    {"Find leads with job titles like 'Head of' and tag them 'head'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"Head of\"}}}"
     ",{\"type\":\"add_tag\",\"params\":{\"tags\":[\"head\"]}}]"},
    /* missing an email */
    {"Find contacts missing an email address and notify me: @steps.1.output.count contacts have no email",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.email\",\"operator\":\"exists\"}}}},{\"type\":\"n"
     "otify\",\"params\":{\"message\":\"@steps.1.output.count contacts h"
     "ave no email\"}}]"},
    /* more titles */
    {"Find engineers at Google",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"en"
     "gineer\"},{\"field\":\"company.name\",\"operator\":\"==\",\"value"
     "\":\"Google\"}]}}}]"},
    {"If they're a recruiter, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.t"
     "itle\",\"operator\":\"contains\",\"value\":\"recruiter\"},\"then\""
     ":[{\"type\":\"stop\",\"params\":{}}]}}]"},
    /* a tag replaced by another */
    {"Replace the tag 'trial' with 'customer' on contacts whose status is Customer",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.status\",\"operator\":\"==\",\"value\":\"Customer\"}}},{\""
     "type\":\"remove_tag\",\"params\":{\"tags\":[\"trial\"]}},{\"type\""
     ":\"add_tag\",\"params\":{\"tags\":[\"customer\"]}}]"},
    {"Rename tag 'hot lead' to 'hot'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"hot lead\"}}}"
     ",{\"type\":\"remove_tag\",\"params\":{\"tags\":[\"hot lead\"]}},{"
     "\"type\":\"add_tag\",\"params\":{\"tags\":[\"hot\"]}}]"},
    {"Find contacts tagged x and swap tag 'x' for 'y'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"remove_tag\",\"params\":{\"tags\":[\"x\"]}},{\"type\":\"add_"
     "tag\",\"params\":{\"tags\":[\"y\"]}}]"},
    /* give them a tag */
    {"Give them the 'vip' tag",
     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"vip\"]}}]"},
    /* tagged both */
    {"Find contacts tagged both 'a' and 'b'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"a\""
     "},{\"field\":\"contact.tags\",\"operator\":\"contains\",\"value\":"
     "\"b\"}]}}}]"},
    /* records after "search for", not the web */
    {"Search for CEOs in Berlin",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"CE"
     "O\"},{\"field\":\"contact.city\",\"operator\":\"==\",\"value\":\"B"
     "erlin\"}]}}}]"},
    /* no owner */
    {"Find contacts owned by nobody and assign them to @user.sdr",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.ownerId\",\"operator\":\"exists\"}}}},{\"type\":"
     "\"handoff\",\"params\":{\"to\":\"@user.sdr\"}}]"},
    {"Find contacts not assigned to anyone",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.ownerId\",\"operator\":\"exists\"}}}}]"},
    /* a company's field for the contacts a search finds */
    {"Update the company industry to 'Fintech' for contacts tagged 'fintech'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"fintech\"}}},"
     "{\"type\":\"update_field\",\"params\":{\"entity\":\"company\",\"fi"
     "eld\":\"industry\",\"value\":\"Fintech\"}}]"},
    /* a stage move back */
    {"If the deal goes from Negotiation back to Proposal, notify @user.manager: @deal.name slipped",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"trigger.previousStage\",\"operator\":\"==\",\"value\":\"Negotiat"
     "ion\"},{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"P"
     "roposal\"}]},\"then\":[{\"type\":\"notify\",\"params\":{\"to\":\"@"
     "user.manager\",\"message\":\"@deal.name slipped\"}}]}}]"},
    /* a written-out plan: labels, notes, bullets with an otherwise */
    {"Trigger: every Monday 9am\n1) Find contacts tagged 'trial' created"
     " in the last 14 days\n2) Send template 'Trial check-in'\n3) After "
     "2 days, if no reply -> notify @user.csm: @contact.firstName hasn't"
     " replied\n",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"tri"
     "al\"},{\"field\":\"contact.createdAt\",\"operator\":\">=\",\"value"
     "\":\"now-14d\"}]}}},{\"type\":\"send_email\",\"params\":{\"templat"
     "e\":\"Trial check-in\"}},{\"type\":\"wait\",\"params\":{\"seconds"
     "\":172800}},{\"type\":\"if\",\"params\":{\"condition\":{\"field\":"
     "\"contact.replied\",\"operator\":\"==\",\"value\":false},\"then\":"
     "[{\"type\":\"notify\",\"params\":{\"to\":\"@user.csm\",\"message\""
     ":\"@contact.firstName hasn't replied\"}}]}}]"},
    {"Goal: re-engage cold leads.\nSteps:\n- Find leads tagged 'cold' wi"
     "th lead score above 40\n- Email them using template 'Re-engage 1'"
     "\n- Wait 5 days\n- If they replied: tag 'warm' and hand off to @us"
     "er.ae\n- Otherwise: send template 'Re-engage 2'\n",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"col"
     "d\"},{\"field\":\"contact.leadScore\",\"operator\":\">\",\"value\""
     ":40}]}}},{\"type\":\"send_email\",\"params\":{\"template\":\"Re-en"
     "gage 1\"}},{\"type\":\"wait\",\"params\":{\"seconds\":432000}},{\""
     "type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.repli"
     "ed\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":\"add"
     "_tag\",\"params\":{\"tags\":[\"warm\"]}},{\"type\":\"handoff\",\"p"
     "arams\":{\"to\":\"@user.ae\"}}],\"else\":[{\"type\":\"send_email\""
     ",\"params\":{\"template\":\"Re-engage 2\"}}]}}]"},
    {"Objective: warm up webinar attendees\nSchedule: every Tuesday at 1"
     "0am\nSteps:\n1. Find contacts tagged 'webinar-attendee' created in"
     " the last 7 days\n2. Send template 'Webinar follow-up'\n",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"web"
     "inar-attendee\"},{\"field\":\"contact.createdAt\",\"operator\":\">"
     "=\",\"value\":\"now-7d\"}]}}},{\"type\":\"send_email\",\"params\":"
     "{\"template\":\"Webinar follow-up\"}}]"},
    /* currency signs */
    {"Find deals over €50k",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.value\",\"operator\":\">\",\"value\":50000}}}]"},
    {"Find deals worth more than £1.5M",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.value\",\"operator\":\">\",\"value\":1500000}}}]"},
    /* a small region is its countries */
    {"Find contacts in the DACH region",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.country\",\"operator\":\"==\",\"value\":\"Germany"
     "\"},{\"field\":\"contact.country\",\"operator\":\"==\",\"value\":"
     "\"Austria\"},{\"field\":\"contact.country\",\"operator\":\"==\",\""
     "value\":\"Switzerland\"}]}}}]"},
    {"Find contacts at companies based in the DACH region",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"company.country\",\"operator\":\"==\",\"value\":\"Germany"
     "\"},{\"field\":\"company.country\",\"operator\":\"==\",\"value\":"
     "\"Austria\"},{\"field\":\"company.country\",\"operator\":\"==\",\""
     "value\":\"Switzerland\"}]}}}]"},
    {"Find contacts outside the Nordics",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"o"
     "r\":[{\"field\":\"contact.country\",\"operator\":\"==\",\"value\":"
     "\"Sweden\"},{\"field\":\"contact.country\",\"operator\":\"==\",\"v"
     "alue\":\"Norway\"},{\"field\":\"contact.country\",\"operator\":\"="
     "=\",\"value\":\"Denmark\"},{\"field\":\"contact.country\",\"operat"
     "or\":\"==\",\"value\":\"Finland\"},{\"field\":\"contact.country\","
     "\"operator\":\"==\",\"value\":\"Iceland\"}]}}}}]"},
    /* records skipped: the steps after are for the others */
    {"Find contacts in Berlin. If they are tagged 'dnc', skip them. Send template 'Promo' and tag them 'promo-sent'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type"
     "\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"contact."
     "tags\",\"operator\":\"contains\",\"value\":\"dnc\"}},\"then\":[{\""
     "type\":\"send_email\",\"params\":{\"template\":\"Promo\"}},{\"type"
     "\":\"add_tag\",\"params\":{\"tags\":[\"promo-sent\"]}}]}}]"},
    {"Find contacts in Berlin, skip those tagged 'dnc' and send template 'Promo'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type"
     "\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"contact."
     "tags\",\"operator\":\"contains\",\"value\":\"dnc\"}},\"then\":[{\""
     "type\":\"send_email\",\"params\":{\"template\":\"Promo\"}}]}}]"},
    {"Find contacts tagged 'lead'. Ignore contacts without an email address. Send template 'Hi'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"lead\"}}},{\""
     "type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.email"
     "\",\"operator\":\"exists\"},\"then\":[{\"type\":\"send_email\",\"p"
     "arams\":{\"template\":\"Hi\"}}]}}]"},
    /* a list after "is one of" */
    {"Find contacts whose status is one of Lead, MQL or SQL",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.status\",\"operator\":\"==\",\"value\":\"Lead\"},"
     "{\"field\":\"contact.status\",\"operator\":\"==\",\"value\":\"MQL"
     "\"},{\"field\":\"contact.status\",\"operator\":\"==\",\"value\":\""
     "SQL\"}]}}}]"},
    {"Find contacts whose status isn't either Lead or MQL",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.status\",\"operator\":\"!=\",\"value\":\"Lead\"}"
     ",{\"field\":\"contact.status\",\"operator\":\"!=\",\"value\":\"MQL"
     "\"}]}}}]"},
    /* opened at least one, a positive reply, no owner assigned */
    {"Find contacts who opened at least one email",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.openedEmail\",\"operator\":\"==\",\"value\":true}}}]"},
    {"If the reply was positive, hand off to @user.ae",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.i"
     "nterested\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type"
     "\":\"handoff\",\"params\":{\"to\":\"@user.ae\"}}]}}]"},
    {"Find interested contacts who haven't been assigned an owner",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.interested\",\"operator\":\"==\",\"value\":true}"
     ",{\"not\":{\"field\":\"contact.ownerId\",\"operator\":\"exists\"}}"
     "]}}}]"},
    /* how many a step's own search takes */
    {"Send template 'Intro' to the first 50 contacts tagged 'lead'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"lead\"},\"lim"
     "it\":50}},{\"type\":\"send_email\",\"params\":{\"template\":\"Intr"
     "o\"}}]"},
    {"Send template 'A' to up to 100 leads with a lead score above 50",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.leadScore\",\"operator\":\">\",\"value\":50},\"limit\":100"
     "}},{\"type\":\"send_email\",\"params\":{\"template\":\"A\"}}]"},
    {"Enrich 5 contacts tagged 'new'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"new\"},\"limi"
     "t\":5}},{\"type\":\"enrich_contact\",\"params\":{}}]"},
    /* a submitted form's field named in words */
    {"If the form's company size is more than 500, tag them 'enterprise'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"form.comp"
     "anySize\",\"operator\":\">\",\"value\":500},\"then\":[{\"type\":\""
     "add_tag\",\"params\":{\"tags\":[\"enterprise\"]}}]}}]"},
    /* the people a reply or an open names */
    {"Send template 'Bump' to all non-openers in Berlin",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.openedEmail\",\"operator\":\"==\",\"value\":fals"
     "e},{\"field\":\"contact.city\",\"operator\":\"==\",\"value\":\"Ber"
     "lin\"}]}}},{\"type\":\"send_email\",\"params\":{\"template\":\"Bum"
     "p\"}}]"},
    {"Find contacts tagged x. Send template 'B' to the non-responders",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.replied"
     "\",\"operator\":\"==\",\"value\":false},\"then\":[{\"type\":\"send"
     "_email\",\"params\":{\"template\":\"B\"}}]}}]"},
    /* the e-mail written before, again */
    {"Send template 'Intro' to contacts tagged 'new', wait 3 days, and if they haven't opened it, resend it",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"new\"}}},{\"t"
     "ype\":\"send_email\",\"params\":{\"template\":\"Intro\"}},{\"type"
     "\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"if\",\"pa"
     "rams\":{\"condition\":{\"field\":\"contact.openedEmail\",\"operato"
     "r\":\"==\",\"value\":false},\"then\":[{\"type\":\"send_email\",\"p"
     "arams\":{\"template\":\"Intro\"}}]}}]"},
    /* a member e-mailed a few words is notified */
    {"Email the deal owner: Deal @deal.name is closing",
     "[{\"type\":\"notify\",\"params\":{\"to\":\"@deal.ownerId\",\"messa"
     "ge\":\"Deal @deal.name is closing\"}}]"},
    {"Email @user.am: Check @contact.firstName",
     "[{\"type\":\"notify\",\"params\":{\"to\":\"@user.am\",\"message\":"
     "\"Check @contact.firstName\"}}]"},
    /* the subject "and" leaves out */
    {"If the deal is in Proposal and is worth over 20k, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"deal.stage\",\"operator\":\"==\",\"value\":\"Proposal\"},{\"fiel"
     "d\":\"deal.value\",\"operator\":\">\",\"value\":20000}]},\"then\":"
     "[{\"type\":\"stop\",\"params\":{}}]}}]"},
    {"If the contact has a title and is in Berlin, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"contact.title\",\"operator\":\"exists\"},{\"field\":\"contact.ci"
     "ty\",\"operator\":\"==\",\"value\":\"Berlin\"}]},\"then\":[{\"type"
     "\":\"stop\",\"params\":{}}]}}]"},
    {"If the deal closes within 7 days and is worth over 20k, notify the owner: Closing soon",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"deal.closeDate\",\"operator\":\"<=\",\"value\":\"now+7d\"},{\"fi"
     "eld\":\"deal.value\",\"operator\":\">\",\"value\":20000}]},\"then"
     "\":[{\"type\":\"notify\",\"params\":{\"message\":\"Closing soon\"}"
     "}]}}]"},
    /* a company's field it has or lacks */
    {"If the company has a website, enrich the contact",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"company.d"
     "omain\",\"operator\":\"exists\"},\"then\":[{\"type\":\"enrich_cont"
     "act\",\"params\":{}}]}}]"},
    {"If their company doesn't have an industry, tag them 'no-industry'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\""
     "company.industry\",\"operator\":\"exists\"}},\"then\":[{\"type\":"
     "\"add_tag\",\"params\":{\"tags\":[\"no-industry\"]}}]}}]"},
    /* a lookup of the contact's data at a provider */
    {"Look up their email address with Apollo",
     "[{\"type\":\"enrich_contact\",\"params\":{}}]"},
    {"Get their phone numbers from Apollo",
     "[{\"type\":\"enrich_contact\",\"params\":{}}]"},
    {"Use Clearbit to enrich all contacts at Acme Corp",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.name\",\"operator\":\"==\",\"value\":\"Acme Corp\"}}},{\"t"
     "ype\":\"enrich_contact\",\"params\":{\"provider\":\"Clearbit\"}}]"},
    /* hold off, following up */
    {"Hold off for a week, then send template 'W2'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":604800}},{\"type\":\"s"
     "end_email\",\"params\":{\"template\":\"W2\"}}]"},
    {"Wait a couple of days before following up with template 'F1'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":172800}},{\"type\":\"s"
     "end_email\",\"params\":{\"template\":\"F1\"}}]"},
    /* an identifier whose letters are a known field's words */
    {"Find contacts where company_size > 100",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.size\",\"operator\":\">\",\"value\":100}}}]"},
    {"Find deals where close_date < now",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.closeDate\",\"operator\":\"<\",\"value\":\"now\"}}}]"},
    {"Set their lead_score to 5",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"f"
     "ield\":\"leadScore\",\"value\":5}}]"},
    /* a channel told, a value posted */
    {"Tell the #sales channel: New lead @contact.firstName",
     "[{\"type\":\"slack_message\",\"params\":{\"channel\":\"#sales\",\""
     "text\":\"New lead @contact.firstName\"}}]"},
    {"Search the web for 'AI news' and post the top search result to #news",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"AI news\"}},{\"t"
     "ype\":\"slack_message\",\"params\":{\"channel\":\"#news\",\"text\""
     ":\"@search.results[0].title @search.results[0].url\"}}]"},
    {"Post @search.results[0].title to #news on Slack",
     "[{\"type\":\"slack_message\",\"params\":{\"channel\":\"#news\",\"t"
     "ext\":\"@search.results[0].title\"}}]"},
    /* "for the rest" is the otherwise; a text ends before it */
    {"Find contacts tagged 'trial'. For those who replied, create a task: Call @contact.firstName. For the rest, send template 'Trial nudge'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"trial\"}}},{"
     "\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.rep"
     "lied\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":\"c"
     "reate_task\",\"params\":{\"title\":\"Call @contact.firstName\"}}],"
     "\"else\":[{\"type\":\"send_email\",\"params\":{\"template\":\"Tria"
     "l nudge\"}}]}}]"},
    {"Find contacts in Berlin. If they replied, tag them 'a'. For everyone else, send template 'X'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type"
     "\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.replied\""
     ",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":\"add_tag"
     "\",\"params\":{\"tags\":[\"a\"]}}],\"else\":[{\"type\":\"send_emai"
     "l\",\"params\":{\"template\":\"X\"}}]}}]"},
    /* assign each */
    {"Get contacts with lead score > 80; assign each to @user.ae and send template 'Hot'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.leadScore\",\"operator\":\">\",\"value\":80}}},{\"type\":"
     "\"handoff\",\"params\":{\"to\":\"@user.ae\"}},{\"type\":\"send_ema"
     "il\",\"params\":{\"template\":\"Hot\"}}]"},
    /* a template after "N days later", after a wait */
    {"Email them template 'A', then 2 days later template 'B', then 3 days later template 'C'",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"A\"}},{\"type"
     "\":\"wait\",\"params\":{\"seconds\":172800}},{\"type\":\"send_emai"
     "l\",\"params\":{\"template\":\"B\"}},{\"type\":\"wait\",\"params\""
     ":{\"seconds\":259200}},{\"type\":\"send_email\",\"params\":{\"temp"
     "late\":\"C\"}}]"},
    /* a positive reply, present tense */
    {"If they reply positively, hand off to @user.ae",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.i"
     "nterested\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type"
     "\":\"handoff\",\"params\":{\"to\":\"@user.ae\"}}]}}]"},
    /* conditions listed with commas; who work at companies with ... */
    {"Find contacts who were created more than 3 days ago, haven't replied, and are tagged 'outbound', and send template 'Bump 1'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.createdAt\",\"operator\":\"<\",\"value\":\"now-3"
     "d\"},{\"field\":\"contact.replied\",\"operator\":\"==\",\"value\":"
     "false},{\"field\":\"contact.tags\",\"operator\":\"contains\",\"val"
     "ue\":\"outbound\"}]}}},{\"type\":\"send_email\",\"params\":{\"temp"
     "late\":\"Bump 1\"}}]"},
    {"Find contacts whose title contains 'VP' or 'Director' and who work at companies with 100 to 1000 employees in the Software industry, then send template 'Mid-market intro'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "or\":[{\"field\":\"contact.title\",\"operator\":\"contains\",\"val"
     "ue\":\"VP\"},{\"field\":\"contact.title\",\"operator\":\"contains"
     "\",\"value\":\"Director\"}]},{\"field\":\"company.size\",\"operato"
     "r\":\">=\",\"value\":100},{\"field\":\"company.size\",\"operator\""
     ":\"<=\",\"value\":1000},{\"field\":\"company.industry\",\"operator"
     "\":\"==\",\"value\":\"Software\"}]}}},{\"type\":\"send_email\",\"p"
     "arams\":{\"template\":\"Mid-market intro\"}}]"},
    /* quarters */
    {"Find contacts created in Q1 2026",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.createdAt\",\"operator\":\">=\",\"value\":\"2026"
     "-01-01\"},{\"field\":\"contact.createdAt\",\"operator\":\"<\",\"va"
     "lue\":\"2026-04-01\"}]}}}]"},
    {"Find deals closing in Q4 2026",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"2026-10-01"
     "\"},{\"field\":\"deal.closeDate\",\"operator\":\"<\",\"value\":\"2"
     "027-01-01\"}]}}}]"},
    {"Find deals closing this quarter",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"today\"},{"
     "\"field\":\"deal.closeDate\",\"operator\":\"<=\",\"value\":\"now+9"
     "0d\"}]}}}]"},
    {"Find contacts created in the last quarter",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.createdAt\",\"operator\":\">=\",\"value\":\"now-90d\"}}}]"},
    {"Find contacts created this year",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.createdAt\",\"operator\":\">=\",\"value\":\"now-365d\"}}}]"},
    /* "isn't empty" is exists (it compared with null); exactly; without ... in */
    {"Find contacts whose email isn't empty",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.email\",\"operator\":\"exists\"}}}]"},
    {"Find contacts whose title is exactly 'CEO'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"==\",\"value\":\"CEO\"}}}]"},
    {"Find contacts without 'test' in their email",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.email\",\"operator\":\"contains\",\"value\":\"tes"
     "t\"}}}}]"},
    /* an HTTP POST, the record as JSON */
    {"Send an HTTP POST to https://api.example.com/leads with the contact as JSON",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://api.exam"
     "ple.com/leads\",\"method\":\"POST\",\"body\":\"@contact\"}}]"},
    /* not this value of the same field; either ... or */
    {"Find contacts where title contains CEO but not 'Assistant'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"CE"
     "O\"},{\"not\":{\"field\":\"contact.title\",\"operator\":\"contains"
     "\",\"value\":\"Assistant\"}}]}}}]"},
    {"Find contacts who are either tagged 'a' or in Berlin",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"a\"}"
     ",{\"field\":\"contact.city\",\"operator\":\"==\",\"value\":\"Berli"
     "n\"}]}}}]"},
    {"If either they replied or they opened the email, tag them 'engaged'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"or\":[{\"field\":\""
     "contact.replied\",\"operator\":\"==\",\"value\":true},{\"field\":"
     "\"contact.openedEmail\",\"operator\":\"==\",\"value\":true}]},\"th"
     "en\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"engaged\"]}}]}"
     "}]"},
    /* the contacts of deals; the deal's primary contact */
    {"Tag the contacts of deals in Proposal as 'proposal-stage'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":"
     "\"add_tag\",\"params\":{\"tags\":[\"proposal-stage\"]}}]"},
    {"Find deals in Negotiation and email the primary contact using template 'Negotiation tips'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Negotiation\"}}},{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"Negotiation tips\"}}]"},
    /* a stage's move with "the stage" as its subject */
    {"If the stage changed from Qualified to Proposal, send template 'Proposal Sent'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"trigger.previousStage\",\"operator\":\"==\",\"value\":\"Qualifie"
     "d\"},{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Pro"
     "posal\"}]},\"then\":[{\"type\":\"send_email\",\"params\":{\"templa"
     "te\":\"Proposal Sent\"}}]}}]"},
    /* "post to webhook <url>" */
    {"Post to webhook https://hooks.example.com/new-lead",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://hooks.ex"
     "ample.com/new-lead\",\"method\":\"POST\"}}]"},
    /* "remind the owner": the agent owner, as "create a task for the owner" */
    {"Find deals in Negotiation for over 2 weeks and remind the owner to follow up",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Negotiation\"}"
     ",{\"not\":{\"field\":\"deal.updatedAt\",\"operator\":\">=\",\"valu"
     "e\":\"now-2w\"}}]}}},{\"type\":\"create_task\",\"params\":{\"title"
     "\":\"follow up\"}}]"},
    /* LinkedIn invitations in the plural */
    {"Send LinkedIn invitations to contacts whose title contains Founder",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"Founder\"}}}"
     ",{\"type\":\"linkedin_invite\",\"params\":{}}]"},
    /* "last week": the last 7 days, as "this week" */
    {"Find contacts created last week",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.createdAt\",\"operator\":\">=\",\"value\":\"now-7d\"}}}]"},
    {"Find deals created last month",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.createdAt\",\"operator\":\">=\",\"value\":\"now-30d\"}}}]"},
    /* "the region field", "the 'region' field": the field is "region" */
    {"If the contact's country is not US, set their region field to 'International'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.c"
     "ountry\",\"operator\":\"!=\",\"value\":\"US\"},\"then\":[{\"type\""
     ":\"update_field\",\"params\":{\"entity\":\"contact\",\"field\":\"r"
     "egion\",\"value\":\"International\"}}]}}]"},
    {"Update the 'region' field to 'EMEA'",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"f"
     "ield\":\"region\",\"value\":\"EMEA\"}}]"},
    /* a step named by its -ing form after "before" / "after" */
    {"Find contacts with status 'New' and set status to 'Contacted' after sending template 'Intro'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.status\",\"operator\":\"==\",\"value\":\"New\"}}},{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"Intro\"}},{\"type\":"
     "\"update_field\",\"params\":{\"entity\":\"contact\",\"field\":\"st"
     "atus\",\"value\":\"Contacted\"}}]"},
    {"Request approval before sending template 'Contract'",
     "[{\"type\":\"request_approval\",\"params\":{}},{\"type\":\"send_em"
     "ail\",\"params\":{\"template\":\"Contract\"}}]"},
    {"Enrich contacts tagged new before tagging them 'Ready'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"new\"}}},{\"t"
     "ype\":\"enrich_contact\",\"params\":{}},{\"type\":\"add_tag\",\"pa"
     "rams\":{\"tags\":[\"Ready\"]}}]"},
    /* "only to contacts ..." */
    {"Send template 'Intro' only to contacts tagged x",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"send_email\",\"params\":{\"template\":\"Intro\"}}]"},
    /* a deal "without a contact" */
    {"Find deals with no contact and notify me: orphan deal @deal.name",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"not\":{\"fiel"
     "d\":\"deal.contactId\",\"operator\":\"exists\"}}}},{\"type\":\"not"
     "ify\",\"params\":{\"message\":\"orphan deal @deal.name\"}}]"},
    /* a "?" before the next step ends a request asked as a question */
    {"Can you find all the CFOs in fintech and shoot them the 'CFO Intro' email? Then wait a week and follow up with 'CFO Bump' if they don't answer.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"CF"
     "O\"},{\"field\":\"company.industry\",\"operator\":\"==\",\"value\""
     ":\"fintech\"}]}}},{\"type\":\"send_email\",\"params\":{\"template"
     "\":\"CFO Intro\"}},{\"type\":\"wait\",\"params\":{\"seconds\":6048"
     "00}},{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"conta"
     "ct.replied\",\"operator\":\"==\",\"value\":false},\"then\":[{\"typ"
     "e\":\"send_email\",\"params\":{\"template\":\"CFO Bump\"}}]}}]"},
    /* a greeting before the instructions */
    {"Hi! Please tag everyone in Berlin as 'DE'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type"
     "\":\"add_tag\",\"params\":{\"tags\":[\"DE\"]}}]"},
    /* words that ask for the agent; its verbs in the third person */
    {"An agent that finds CEOs and sends them template 'X'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"CEO\"}}},{\""
     "type\":\"send_email\",\"params\":{\"template\":\"X\"}}]"},
    {"The agent finds contacts tagged x, enriches them, then pushes them to https://x.io/hook",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"enrich_contact\",\"params\":{}},{\"type\":\"http_request\","
     "\"params\":{\"url\":\"https://x.io/hook\",\"method\":\"POST\",\"bo"
     "dy\":\"@contact\"}}]"},
    {"Set up an agent which searches the web for @company.name news and remembers the results as 'news'",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name ne"
     "ws\"}},{\"type\":\"remember\",\"params\":{\"key\":\"news\",\"value"
     "\":\"@search.results\"}}]"},
    {"An agent that notifies me: Jane sends thanks and calls tomorrow",
     "[{\"type\":\"notify\",\"params\":{\"message\":\"Jane sends thanks "
     "and calls tomorrow\"}}]"},
    /* "with a vip tag": one word before "tag" */
    {"Set the lead score to 0 for everyone with a vip tag",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"vip\"}}},{\"t"
     "ype\":\"update_field\",\"params\":{\"entity\":\"contact\",\"field"
     "\":\"leadScore\",\"value\":0}}]"},
    /* an age: "over 30 days old" */
    {"Find deals that are at least 2 weeks old",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.createdAt\",\"operator\":\"<\",\"value\":\"now-2w\"}}}]"},
    {"Find contacts more than 90 days old",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.createdAt\",\"operator\":\"<\",\"value\":\"now-90d\"}}}]"},
    /* a condition after a step that searched: each found contact's */
    {"Send template 'X' to contacts tagged y if they replied",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"y\"}}},{\"typ"
     "e\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.replied"
     "\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":\"send_"
     "email\",\"params\":{\"template\":\"X\"}}]}}]"},
    {"Send template 'Q4 Promo' to contacts in the retail industry, but only if they have opened an email before",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.industry\",\"operator\":\"==\",\"value\":\"retail\"}}},{\""
     "type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.opene"
     "dEmail\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"Q4 Promo\"}}]}}]"},
    /* "have opened", "has already replied": the tense says nothing more */
    {"If the contact has already replied, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.r"
     "eplied\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":"
     "\"stop\",\"params\":{}}]}}]"},
    /* "in the Nurture status", "in status Nurture" */
    {"For all leads in the Nurture status, send the monthly newsletter template 'Newsletter Nov'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.status\",\"operator\":\"==\",\"value\":\"Nurture\"}}},{\"t"
     "ype\":\"send_email\",\"params\":{\"template\":\"Newsletter Nov\"}}"
     "]"},
    /* "email @user.rep a summary: ..." */
    {"Email @user.rep a summary: your tasks for today",
     "[{\"type\":\"notify\",\"params\":{\"to\":\"@user.rep\",\"message\""
     ":\"your tasks for today\"}}]"},
    /* a list ended by "and" of what a record has one of: any of them */
    {"Tag contacts from France, Spain and Italy with 'South EU'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.country\",\"operator\":\"==\",\"value\":\"France"
     "\"},{\"field\":\"contact.country\",\"operator\":\"==\",\"value\":"
     "\"Spain\"},{\"field\":\"contact.country\",\"operator\":\"==\",\"va"
     "lue\":\"Italy\"}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\":["
     "\"South EU\"]}}]"},
    {"Find contacts at Stripe, Plaid and Brex",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"company.name\",\"operator\":\"==\",\"value\":\"Stripe\"},"
     "{\"field\":\"company.name\",\"operator\":\"==\",\"value\":\"Plaid"
     "\"},{\"field\":\"company.name\",\"operator\":\"==\",\"value\":\"Br"
     "ex\"}]}}}]"},
    {"Find deals in Lead, Qualified and Proposal",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"or\":[{\"fiel"
     "d\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Lead\"},{\"fiel"
     "d\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Qualified\"},{"
     "\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Proposal"
     "\"}]}}}]"},
    {"Find contacts with status Lead, MQL and SQL",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.status\",\"operator\":\"==\",\"value\":\"Lead\"},"
     "{\"field\":\"contact.status\",\"operator\":\"==\",\"value\":\"MQL"
     "\"},{\"field\":\"contact.status\",\"operator\":\"==\",\"value\":\""
     "SQL\"}]}}}]"},
    {"Find contacts where status is 'Lead', and city is 'Berlin'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.status\",\"operator\":\"==\",\"value\":\"Lead\"}"
     ",{\"field\":\"contact.city\",\"operator\":\"==\",\"value\":\"Berli"
     "n\"}]}}}]"},
    /* "where ..." after a step: those contacts (among the chosen, if any) */
    {"Set status = 'MQL' where lead score >= 60",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.leadScore\",\"operator\":\">=\",\"value\":60}}},{\"type\":"
     "\"update_field\",\"params\":{\"entity\":\"contact\",\"field\":\"st"
     "atus\",\"value\":\"MQL\"}}]"},
    {"Find contacts tagged x. Set status = 'MQL' where lead score >= 60",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.leadScor"
     "e\",\"operator\":\">=\",\"value\":60},\"then\":[{\"type\":\"update"
     "_field\",\"params\":{\"entity\":\"contact\",\"field\":\"status\","
     "\"value\":\"MQL\"}}]}}]"},
    /* a notification for each member named */
    {"Notify @user.jane and @user.bob: New enterprise lead",
     "[{\"type\":\"notify\",\"params\":{\"to\":\"@user.jane\",\"message"
     "\":\"New enterprise lead\"}},{\"type\":\"notify\",\"params\":{\"to"
     "\":\"@user.bob\",\"message\":\"New enterprise lead\"}}]"},
    {"Notify me and @user.bob: x",
     "[{\"type\":\"notify\",\"params\":{\"message\":\"x\"}},{\"type\":\""
     "notify\",\"params\":{\"message\":\"x\",\"to\":\"@user.bob\"}}]"},
    /* a deal's outcome after "deals": its stage, and when it closed (past) */
    {"Find deals that closed last week and notify @user.boss: Deals clos"
     "ed",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"or"
     "\":[{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Clos"
     "ed Won\"},{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":"
     "\"Closed Lost\"}]},{\"field\":\"deal.closeDate\",\"operator\":\">="
     "\",\"value\":\"now-7d\"},{\"field\":\"deal.closeDate\",\"operator"
     "\":\"<\",\"value\":\"now\"}]}}},{\"type\":\"notify\",\"params\":{"
     "\"to\":\"@user.boss\",\"message\":\"Deals closed\"}}]"},
    {"Find deals won this month and notify @user.boss: Great",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Won\"},"
     "{\"field\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"now-"
     "30d\"},{\"field\":\"deal.closeDate\",\"operator\":\"<\",\"value\":"
     "\"now\"}]}}},{\"type\":\"notify\",\"params\":{\"to\":\"@user.boss"
     "\",\"message\":\"Great\"}}]"},
    {"Find deals that were lost in the last 30 days and tag them 'lost'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Lost\"}"
     ",{\"field\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"now"
     "-30d\"},{\"field\":\"deal.closeDate\",\"operator\":\"<\",\"value\""
     ":\"now\"}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"lost\""
     "]}}]"},
    {"Find deals that haven't closed yet with value over 10000 and tag t"
     "hem 'big'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"not"
     "\":{\"or\":[{\"field\":\"deal.stage\",\"operator\":\"==\",\"value"
     "\":\"Closed Won\"},{\"field\":\"deal.stage\",\"operator\":\"==\","
     "\"value\":\"Closed Lost\"}]}},{\"field\":\"deal.value\",\"operator"
     "\":\">\",\"value\":10000}]}}},{\"type\":\"add_tag\",\"params\":{\""
     "tags\":[\"big\"]}}]"},
    {"Find deals that are still open and tag them 'open'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed Won\"},"
     "{\"field\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed L"
     "ost\"}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"open\"]}}"
     "]"},
    {"Find deals that are past their close date and still open, and tag "
     "them 'overdue'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.closeDate\",\"operator\":\"<\",\"value\":\"now\"},{\"f"
     "ield\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed Won\""
     "},{\"field\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed"
     " Lost\"}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"overdue"
     "\"]}}]"},
    {"Find deals that moved to Closed Lost yesterday and tag them 'lost'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Lost\"}"
     ",{\"field\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"tod"
     "ay-1d\"},{\"field\":\"deal.closeDate\",\"operator\":\"<\",\"value"
     "\":\"today\"}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"lo"
     "st\"]}}]"},
    /* a close date in a span that ends now: not the deals closing later */
    {"Find deals with a close date in the last 30 days and tag them 'rec"
     "ent'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"now-30d\"}"
     ",{\"field\":\"deal.closeDate\",\"operator\":\"<\",\"value\":\"now"
     "\"}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"recent\"]}}]"},
    /* "the stage is (not) closed": Closed Won or Closed Lost */
    {"Find deals where the close date has passed and the stage is not cl"
     "osed and tag them 'late'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.closeDate\",\"operator\":\"<\",\"value\":\"now\"},{\"f"
     "ield\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed Won\""
     "},{\"field\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed"
     " Lost\"}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"late\"]"
     "}}]"},
    /* "from" a time: when the records were created */
    {"Find new contacts from yesterday and send each one template 'Welco"
     "me'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.createdAt\",\"operator\":\">=\",\"value\":\"toda"
     "y-1d\"},{\"field\":\"contact.createdAt\",\"operator\":\"<\",\"valu"
     "e\":\"today\"}]}}},{\"type\":\"send_email\",\"params\":{\"template"
     "\":\"Welcome\"}}]"},
    {"Find leads from the past week with a score over 50 and tag them 'w"
     "'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.createdAt\",\"operator\":\">=\",\"value\":\"now-"
     "1w\"},{\"field\":\"contact.leadScore\",\"operator\":\">\",\"value"
     "\":50}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"w\"]}}]"},
    /* the person who did not contact them */
    {"Send template 'Check-in' to all contacts I haven't contacted in 60"
     " days",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.lastContactedAt\",\"operator\":\">=\",\"value\":"
     "\"now-60d\"}}}},{\"type\":\"send_email\",\"params\":{\"template\":"
     "\"Check-in\"}}]"},
    /* a contact moved to a status */
    {"If the lead score is at least 75, move them to status 'SQL', other"
     "wise tag them 'nurture'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.l"
     "eadScore\",\"operator\":\">=\",\"value\":75},\"then\":[{\"type\":"
     "\"update_field\",\"params\":{\"entity\":\"contact\",\"field\":\"st"
     "atus\",\"value\":\"SQL\"}}],\"else\":[{\"type\":\"add_tag\",\"para"
     "ms\":{\"tags\":[\"nurture\"]}}]}}]"},
    {"Move the contact to the 'Customer' status",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"f"
     "ield\":\"status\",\"value\":\"Customer\"}}]"},
    /* more of a wait after "after" */
    {"After 3 days with no reply, send template 'A'; after another 4 day"
     "s with no reply, send template 'B'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"i"
     "f\",\"params\":{\"condition\":{\"field\":\"contact.replied\",\"ope"
     "rator\":\"==\",\"value\":false},\"then\":[{\"type\":\"send_email\""
     ",\"params\":{\"template\":\"A\"}}]}},{\"type\":\"wait\",\"params\""
     ":{\"seconds\":345600}},{\"type\":\"if\",\"params\":{\"condition\":"
     "{\"field\":\"contact.replied\",\"operator\":\"==\",\"value\":false"
     "},\"then\":[{\"type\":\"send_email\",\"params\":{\"template\":\"B"
     "\"}}]}}]"},
    /* variables named in an HTTP body */
    {"Send a POST request to https://api.example.com/leads with @contact"
     ".email and @contact.firstName",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://api.exam"
     "ple.com/leads\",\"method\":\"POST\",\"body\":{\"email\":\"@contact"
     ".email\",\"firstName\":\"@contact.firstName\"}}}]"},
    /* both ends of a range, said or excluded */
    {"Find contacts whose lead score is between 40 and 60 inclusive and "
     "tag them 'warm'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.leadScore\",\"operator\":\">=\",\"value\":40},{"
     "\"field\":\"contact.leadScore\",\"operator\":\"<=\",\"value\":60}]"
     "}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"warm\"]}}]"},
    {"Find deals with value between 10000 and 50000 exclusive and tag th"
     "em 'mid'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.value\",\"operator\":\">\",\"value\":10000},{\"field\""
     ":\"deal.value\",\"operator\":\"<\",\"value\":50000}]}}},{\"type\":"
     "\"add_tag\",\"params\":{\"tags\":[\"mid\"]}}]"},
    /* contacts by their deals: the deals, whose contacts the steps work on */
    {"Find contacts that have a deal in Negotiation and send them templa"
     "te 'Close Plan'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Negotiation\"}}},{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"Close Plan\"}}]"},
    {"Find contacts whose deals were lost last quarter and tag them 'win"
     "-back'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Lost\"}"
     ",{\"field\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"now"
     "-90d\"},{\"field\":\"deal.closeDate\",\"operator\":\"<\",\"value\""
     ":\"now\"}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"win-ba"
     "ck\"]}}]"},
    {"Find contacts with an open deal and tag them 'pipeline'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed Won\"},"
     "{\"field\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed L"
     "ost\"}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"pipeline"
     "\"]}}]"},
    /* a deal's field makes the search the deals' (contacts' fields too) */
    {"Send template 'Close' to contacts in Berlin with a deal in Negotia"
     "tion",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"},{"
     "\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Negotiati"
     "on\"}]}}},{\"type\":\"send_email\",\"params\":{\"template\":\"Clos"
     "e\"}}]"},
    {"Find contacts that have a deal and tag them 'has-deal'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.contactId\",\"operator\":\"exists\"}}},{\"type\":\"add_tag\",\"p"
     "arams\":{\"tags\":[\"has-deal\"]}}]"},
    /* "isn't set", "is null", "missing or empty": whether it has a value */
    {"Find contacts whose city isn't set and enrich them",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.city\",\"operator\":\"exists\"}}}},{\"type\":\"en"
     "rich_contact\",\"params\":{}}]"},
    {"Find contacts where company is not null and tag them 'co'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.name\",\"operator\":\"exists\"}}},{\"type\":\"add_tag\",\""
     "params\":{\"tags\":[\"co\"]}}]"},
    {"Find contacts whose phone number is missing or empty and tag them "
     "'np'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.phone\",\"operator\":\"exists\"}}}},{\"type\":\"a"
     "dd_tag\",\"params\":{\"tags\":[\"np\"]}}]"},
    /* a tag's names in a list after "with the tag" */
    {"Find contacts with the tag 'webinar' or 'conference' and tag them "
     "'event'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"webi"
     "nar\"},{\"field\":\"contact.tags\",\"operator\":\"contains\",\"val"
     "ue\":\"conference\"}]}}},{\"type\":\"add_tag\",\"params\":{\"tags"
     "\":[\"event\"]}}]"},
    /* "in companies with": the contacts' companies */
    {"Find contacts in companies with 50+ employees and tag them 'x'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.size\",\"operator\":\">=\",\"value\":50}}},{\"type\":\"add"
     "_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    /* Slack after "let ... know"; subject and body after a colon */
    {"Let the team know in Slack #general that @deal.name was won",
     "[{\"type\":\"slack_message\",\"params\":{\"channel\":\"#general\","
     "\"text\":\"@deal.name was won\"}}]"},
    {"Send an email to the contact: subject 'Your demo', body 'See you s"
     "oon'",
     "[{\"type\":\"send_email\",\"params\":{\"subject\":\"Your demo\",\""
     "body\":\"See you soon\"}}]"},
    /* an otherwise after ifs on the same field: one chain of cases */
    {"If the company size is greater than 1000, tag them 'enterprise'; i"
     "f between 100 and 1000, tag them 'mid-market'; otherwise tag them "
     "'smb'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"company.s"
     "ize\",\"operator\":\">\",\"value\":1000},\"then\":[{\"type\":\"add"
     "_tag\",\"params\":{\"tags\":[\"enterprise\"]}}],\"else\":[{\"type"
     "\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":\"company"
     ".size\",\"operator\":\">=\",\"value\":100},{\"field\":\"company.si"
     "ze\",\"operator\":\"<=\",\"value\":1000}]},\"then\":[{\"type\":\"a"
     "dd_tag\",\"params\":{\"tags\":[\"mid-market\"]}}],\"else\":[{\"typ"
     "e\":\"add_tag\",\"params\":{\"tags\":[\"smb\"]}}]}}]}}]"},
    {"If lead score is over 80 tag them 'hot', if over 50 tag them 'warm"
     "', otherwise tag them 'cold'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.l"
     "eadScore\",\"operator\":\">\",\"value\":80},\"then\":[{\"type\":\""
     "add_tag\",\"params\":{\"tags\":[\"hot\"]}}],\"else\":[{\"type\":\""
     "if\",\"params\":{\"condition\":{\"field\":\"contact.leadScore\",\""
     "operator\":\">\",\"value\":50},\"then\":[{\"type\":\"add_tag\",\"p"
     "arams\":{\"tags\":[\"warm\"]}}],\"else\":[{\"type\":\"add_tag\",\""
     "params\":{\"tags\":[\"cold\"]}}]}}]}}]"},
    {"Tag them 'h' if lead score > 80. Tag them 'w' if lead score > 50, "
     "otherwise tag them 'c'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.l"
     "eadScore\",\"operator\":\">\",\"value\":80},\"then\":[{\"type\":\""
     "add_tag\",\"params\":{\"tags\":[\"h\"]}}],\"else\":[{\"type\":\"if"
     "\",\"params\":{\"condition\":{\"field\":\"contact.leadScore\",\"op"
     "erator\":\">\",\"value\":50},\"then\":[{\"type\":\"add_tag\",\"par"
     "ams\":{\"tags\":[\"w\"]}}],\"else\":[{\"type\":\"add_tag\",\"param"
     "s\":{\"tags\":[\"c\"]}}]}}]}}]"},
    /* ... and apart when the fields differ */
    {"If they replied, tag them 'r'. If they are in Berlin, tag them 'b'"
     ", otherwise tag them 'nb'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.r"
     "eplied\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":"
     "\"add_tag\",\"params\":{\"tags\":[\"r\"]}}]}},{\"type\":\"if\",\"p"
     "arams\":{\"condition\":{\"field\":\"contact.city\",\"operator\":\""
     "==\",\"value\":\"Berlin\"},\"then\":[{\"type\":\"add_tag\",\"param"
     "s\":{\"tags\":[\"b\"]}}],\"else\":[{\"type\":\"add_tag\",\"params"
     "\":{\"tags\":[\"nb\"]}}]}}]"},
    /* a record's field remembered */
    {"Remember the contact's lead score as initial_score",
     "[{\"type\":\"remember\",\"params\":{\"key\":\"initial_score\",\"va"
     "lue\":\"@contact.leadScore\"}}]"},
    /* a sub-agent's input: the record's fields named */
    {"Call the 'Enricher' agent with the contact's email",
     "[{\"type\":\"run_agent\",\"params\":{\"agent\":\"Enricher\",\"inpu"
     "t\":{\"email\":\"@contact.email\"}}}]"},
    /* a search's limit after its query; "do a web search" */
    {"Search the web for recent news about @company.name, limit 3 result"
     "s",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"recent news abou"
     "t @company.name\",\"limit\":3}}]"},
    {"Do a web search for 'best CRM tools 2026' and post the first resul"
     "t to #research",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"best CRM tools 2"
     "026\"}},{\"type\":\"slack_message\",\"params\":{\"channel\":\"#res"
     "earch\",\"text\":\"@search.results[0].title @search.results[0].url"
     "\"}}]"},
    /* a LinkedIn note's adjective; no note */
    {"Connect with them on LinkedIn with a personalized note: Hi @contac"
     "t.firstName, saw your work at @company.name",
     "[{\"type\":\"linkedin_invite\",\"params\":{\"note\":\"Hi @contact."
     "firstName, saw your work at @company.name\"}}]"},
    {"Send a LinkedIn invitation without a note to contacts tagged 'li'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"li\"}}},{\"ty"
     "pe\":\"linkedin_invite\",\"params\":{}}]"},
    /* a count asked for: the records' search, then the count in the text */
    {"Post the number of new contacts from today to #daily-stats in Slac"
     "k",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.createdAt\",\"operator\":\">=\",\"value\":\"today\"}}},{\""
     "type\":\"slack_message\",\"params\":{\"channel\":\"#daily-stats\","
     "\"text\":\"@steps.1.output.count new contacts from today\"}}]"},
    {"Find contacts that signed up this week and tag them 'new-this-week"
     "'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.createdAt\",\"operator\":\">=\",\"value\":\"now-7d\"}}},{"
     "\"type\":\"add_tag\",\"params\":{\"tags\":[\"new-this-week\"]}}]"},
    /* whom, then what they should get */
    {"Contacts tagged 'webinar' should get template 'Recap'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"webinar\"}}},"
     "{\"type\":\"send_email\",\"params\":{\"template\":\"Recap\"}}]"},
    {"Every lead in Berlin must be tagged 'berlin' and enriched",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type"
     "\":\"add_tag\",\"params\":{\"tags\":[\"berlin\"]}},{\"type\":\"enr"
     "ich_contact\",\"params\":{}}]"},
    {"Leads with a score over 80 should be handed off to @user.ae",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.leadScore\",\"operator\":\">\",\"value\":80}}},{\"type\":"
     "\"handoff\",\"params\":{\"to\":\"@user.ae\"}}]"},
    {"Make sure every contact in Germany has the tag 'de'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.country\",\"operator\":\"==\",\"value\":\"Germany\"}}},{\""
     "type\":\"add_tag\",\"params\":{\"tags\":[\"de\"]}}]"},
    {"Find contacts in Berlin. Make sure they are tagged 'b'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type"
     "\":\"add_tag\",\"params\":{\"tags\":[\"b\"]}}]"},
    /* each template or tag with its own contacts */
    {"Send template 'A' to contacts in Germany and template 'B' to conta"
     "cts in France",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.country\",\"operator\":\"==\",\"value\":\"Germany\"}}},{\""
     "type\":\"send_email\",\"params\":{\"template\":\"A\"}},{\"type\":"
     "\"search_contacts\",\"params\":{\"where\":{\"field\":\"contact.cou"
     "ntry\",\"operator\":\"==\",\"value\":\"France\"}}},{\"type\":\"sen"
     "d_email\",\"params\":{\"template\":\"B\"}}]"},
    {"Tag contacts in Berlin as 'b' and contacts in Munich as 'm'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type"
     "\":\"add_tag\",\"params\":{\"tags\":[\"b\"]}},{\"type\":\"search_c"
     "ontacts\",\"params\":{\"where\":{\"field\":\"contact.city\",\"oper"
     "ator\":\"==\",\"value\":\"Munich\"}}},{\"type\":\"add_tag\",\"para"
     "ms\":{\"tags\":[\"m\"]}}]"},
    /* an owner set to a member: the member's id */
    {"Set the owner to @user.bob",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"f"
     "ield\":\"ownerId\",\"value\":\"@user.bob.id\"}}]"},
    /* a time field set relative to the run */
    {"Set the close date to 30 days from now",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"deal\",\"fiel"
     "d\":\"closeDate\",\"value\":\"today+30d\"}}]"},
    {"Set the close date to tomorrow",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"deal\",\"fiel"
     "d\":\"closeDate\",\"value\":\"today+1d\"}}]"},
    /* a cadence's days: the waits between them */
    {"Day 1: send template 'Intro'. Day 3: if no reply, send template 'B"
     "ump'. Day 7: if still no reply, send template 'Breakup'",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Intro\"}},{\""
     "type\":\"wait\",\"params\":{\"seconds\":172800}},{\"type\":\"if\","
     "\"params\":{\"condition\":{\"field\":\"contact.replied\",\"operato"
     "r\":\"==\",\"value\":false},\"then\":[{\"type\":\"send_email\",\"p"
     "arams\":{\"template\":\"Bump\"}}]}},{\"type\":\"wait\",\"params\":"
     "{\"seconds\":345600}},{\"type\":\"if\",\"params\":{\"condition\":{"
     "\"field\":\"contact.replied\",\"operator\":\"==\",\"value\":false}"
     ",\"then\":[{\"type\":\"send_email\",\"params\":{\"template\":\"Bre"
     "akup\"}}]}}]"},
    {"Send template 'Intro'. On day 3, if they haven't replied, send tem"
     "plate 'Bump'. On day 10, hand off to @user.rep",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Intro\"}},{\""
     "type\":\"wait\",\"params\":{\"seconds\":172800}},{\"type\":\"if\","
     "\"params\":{\"condition\":{\"field\":\"contact.replied\",\"operato"
     "r\":\"==\",\"value\":false},\"then\":[{\"type\":\"send_email\",\"p"
     "arams\":{\"template\":\"Bump\"}}]}},{\"type\":\"wait\",\"params\":"
     "{\"seconds\":604800}},{\"type\":\"handoff\",\"params\":{\"to\":\"@"
     "user.rep\"}}]"},
    /* "everyone" with no contacts chosen: every contact */
    {"Remove the 'temp' tag from everyone",
     "[{\"type\":\"search_contacts\",\"params\":{}},{\"type\":\"remove_t"
     "ag\",\"params\":{\"tags\":[\"temp\"]}}]"},
    /* a heading before the steps of its line; unsubscribes refused */
    {"Clean up: remove the 'temp' tag from everyone",
     "[{\"type\":\"search_contacts\",\"params\":{}},{\"type\":\"remove_t"
     "ag\",\"params\":{\"tags\":[\"temp\"]}}]"},
    {"If they reply with interest, move the deal to Qualified",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.i"
     "nterested\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type"
     "\":\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":\"st"
     "age\",\"value\":\"Qualified\"}}]}}]"},
    /* exclusions after a comma, with "with"; "don't contact" as skip */
    {"Send template 'Promo' to contacts in Germany, but not those tagged"
     " 'customer'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.country\",\"operator\":\"==\",\"value\":\"German"
     "y\"},{\"not\":{\"field\":\"contact.tags\",\"operator\":\"contains"
     "\",\"value\":\"customer\"}}]}}},{\"type\":\"send_email\",\"params"
     "\":{\"template\":\"Promo\"}}]"},
    {"Find contacts in France excluding those with status 'Customer' and"
     " send template 'FR'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.country\",\"operator\":\"==\",\"value\":\"France"
     "\"},{\"not\":{\"field\":\"contact.status\",\"operator\":\"==\",\"v"
     "alue\":\"Customer\"}}]}}},{\"type\":\"send_email\",\"params\":{\"t"
     "emplate\":\"FR\"}}]"},
    {"Find contacts tagged 'lead', don't contact anyone tagged 'dnc', an"
     "d send them template 'X'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"lead\"}}},{\""
     "type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"cont"
     "act.tags\",\"operator\":\"contains\",\"value\":\"dnc\"}},\"then\":"
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"X\"}}]}}]"},
    /* "only" before a step */
    {"Only send template 'X' to contacts in Berlin",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"X\"}}]"},
    /* the payload's field, read from the trigger */
    {"If the webhook's plan is 'enterprise', hand off to @user.ae",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"trigger.p"
     "lan\",\"operator\":\"==\",\"value\":\"enterprise\"},\"then\":[{\"t"
     "ype\":\"handoff\",\"params\":{\"to\":\"@user.ae\"}}]}}]"},
    /* no owner, said as a clause */
    {"Find leads with a score above 80 that nobody owns and assign them "
     "to @user.sdr",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.leadScore\",\"operator\":\">\",\"value\":80},{\""
     "not\":{\"field\":\"contact.ownerId\",\"operator\":\"exists\"}}]}}}"
     ",{\"type\":\"handoff\",\"params\":{\"to\":\"@user.sdr\"}}]"},
    /* an approval asked for after the step's words */
    {"Send template 'Proposal' but ask me first",
     "[{\"type\":\"request_approval\",\"params\":{}},{\"type\":\"send_em"
     "ail\",\"params\":{\"template\":\"Proposal\"}}]"},
    /* a custom field of two or three words after where / whose */
    {"Find contacts where NPS score is below 7 and tag them 'detractor'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.npsScore\",\"operator\":\"<\",\"value\":7}}},{\"type\":\"a"
     "dd_tag\",\"params\":{\"tags\":[\"detractor\"]}}]"},
    {"Find deals where contract length is over 12 and tag them 'long'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.contractLength\",\"operator\":\">\",\"value\":12}}},{\"type\":\""
     "add_tag\",\"params\":{\"tags\":[\"long\"]}}]"},
    /* a company by its name's words */
    {"Find contacts at companies whose name includes 'Labs'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.name\",\"operator\":\"contains\",\"value\":\"Labs\"}}}]"},
    /* seniority: C-level, and a title and those above it */
    {"Find C-level contacts and tag them 'c-suite'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.title\",\"operator\":\"contains\",\"value\":\"Chi"
     "ef\"},{\"field\":\"contact.title\",\"operator\":\"contains\",\"val"
     "ue\":\"CEO\"},{\"field\":\"contact.title\",\"operator\":\"contains"
     "\",\"value\":\"CFO\"},{\"field\":\"contact.title\",\"operator\":\""
     "contains\",\"value\":\"CTO\"},{\"field\":\"contact.title\",\"opera"
     "tor\":\"contains\",\"value\":\"COO\"},{\"field\":\"contact.title\""
     ",\"operator\":\"contains\",\"value\":\"CMO\"},{\"field\":\"contact"
     ".title\",\"operator\":\"contains\",\"value\":\"CRO\"},{\"field\":"
     "\"contact.title\",\"operator\":\"contains\",\"value\":\"CIO\"}]}}}"
     ",{\"type\":\"add_tag\",\"params\":{\"tags\":[\"c-suite\"]}}]"},
    {"Find Directors or higher at SaaS companies and send template 'Lead"
     "ers'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "or\":[{\"field\":\"contact.title\",\"operator\":\"contains\",\"val"
     "ue\":\"Director\"},{\"field\":\"contact.title\",\"operator\":\"con"
     "tains\",\"value\":\"Head\"},{\"field\":\"contact.title\",\"operato"
     "r\":\"contains\",\"value\":\"VP\"},{\"field\":\"contact.title\",\""
     "operator\":\"contains\",\"value\":\"Vice President\"},{\"field\":"
     "\"contact.title\",\"operator\":\"contains\",\"value\":\"Chief\"},{"
     "\"field\":\"contact.title\",\"operator\":\"contains\",\"value\":\""
     "CEO\"},{\"field\":\"contact.title\",\"operator\":\"contains\",\"va"
     "lue\":\"CFO\"},{\"field\":\"contact.title\",\"operator\":\"contain"
     "s\",\"value\":\"CTO\"},{\"field\":\"contact.title\",\"operator\":"
     "\"contains\",\"value\":\"COO\"},{\"field\":\"contact.title\",\"ope"
     "rator\":\"contains\",\"value\":\"CMO\"},{\"field\":\"contact.title"
     "\",\"operator\":\"contains\",\"value\":\"CRO\"},{\"field\":\"conta"
     "ct.title\",\"operator\":\"contains\",\"value\":\"CIO\"}]},{\"field"
     "\":\"company.industry\",\"operator\":\"==\",\"value\":\"SaaS\"}]}}"
     "},{\"type\":\"send_email\",\"params\":{\"template\":\"Leaders\"}}]"},
    /* whether there are any: a search, then its count */
    {"If there are no deals in Negotiation, notify me: Empty pipeline",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Negotiation\"}}},{\"type"
     "\":\"if\",\"params\":{\"condition\":{\"field\":\"steps.1.output.co"
     "unt\",\"operator\":\"==\",\"value\":0},\"then\":[{\"type\":\"notif"
     "y\",\"params\":{\"message\":\"Empty pipeline\"}}]}}]"},
    {"Find contacts in Berlin. If there are any, tag them 'b'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type"
     "\":\"if\",\"params\":{\"condition\":{\"field\":\"steps.1.output.co"
     "unt\",\"operator\":\">\",\"value\":0},\"then\":[{\"type\":\"add_ta"
     "g\",\"params\":{\"tags\":[\"b\"]}}]}}]"},
    /* an industry after "work in" */
    {"Find contacts who work in healthcare and send template 'Health'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.industry\",\"operator\":\"==\",\"value\":\"healthcare\"}}}"
     ",{\"type\":\"send_email\",\"params\":{\"template\":\"Health\"}}]"},
    /* a country before "companies" (or its people's word) */
    {"Find contacts at German companies and tag them 'de'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.country\",\"operator\":\"==\",\"value\":\"Germany\"}}},{\""
     "type\":\"add_tag\",\"params\":{\"tags\":[\"de\"]}}]"},
    {"Find contacts at US companies and tag them 'us'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.country\",\"operator\":\"==\",\"value\":\"US\"}}},{\"type"
     "\":\"add_tag\",\"params\":{\"tags\":[\"us\"]}}]"},
    /* the deal's contact in other words; "from the contact on the deal" */
    {"Tag its contact 'x'",
     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    {"Remove the tag 'prospect' from the contact on the deal",
     "[{\"type\":\"remove_tag\",\"params\":{\"tags\":[\"prospect\"]}}]"},
    /* "stop if there are no ...": the search, then the if on its count */
    {"Stop if there are no contacts tagged 'hot'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"hot\"}}},{\"t"
     "ype\":\"if\",\"params\":{\"condition\":{\"field\":\"steps.1.output"
     ".count\",\"operator\":\"==\",\"value\":0},\"then\":[{\"type\":\"st"
     "op\",\"params\":{}}]}}]"},
    {"Stop if there are no contacts tagged 'hot'. Otherwise send them 'H"
     "ot'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"hot\"}}},{\"t"
     "ype\":\"if\",\"params\":{\"condition\":{\"field\":\"steps.1.output"
     ".count\",\"operator\":\"==\",\"value\":0},\"then\":[{\"type\":\"st"
     "op\",\"params\":{}}],\"else\":[{\"type\":\"send_email\",\"params\""
     ":{\"template\":\"Hot\"}}]}}]"},
    /* a note after a comma that ends a search's words */
    {"Send a LinkedIn invite to every contact whose title contains Found"
     "er, with the note 'Hi @contact.firstName, would love to connect'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"Founder\"}}}"
     ",{\"type\":\"linkedin_invite\",\"params\":{\"note\":\"Hi @contact."
     "firstName, would love to connect\"}}]"},
    /* a text after a colon ends at ", and" and a plain order */
    {"Notify @user.ae: New demo from @contact.firstName, and send the 'D"
     "emo Confirmation' template",
     "[{\"type\":\"notify\",\"params\":{\"to\":\"@user.ae\",\"message\":"
     "\"New demo from @contact.firstName\"}},{\"type\":\"send_email\",\""
     "params\":{\"template\":\"Demo Confirmation\"}}]"},
    {"Create task: Call @contact.firstName, and tag them 'called'",
     "[{\"type\":\"create_task\",\"params\":{\"title\":\"Call @contact.f"
     "irstName\"}},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"called"
     "\"]}}]"},
    {"Notify @user.ae: Review, and update the forecast",
     "[{\"type\":\"notify\",\"params\":{\"to\":\"@user.ae\",\"message\":"
     "\"Review, and update the forecast\"}}]"},
    /* whether a web search found anything */
    {"Search the web for '@company.name funding' and if anything is foun"
     "d, tag them 'funded'",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name fu"
     "nding\"}},{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\""
     "search.count\",\"operator\":\">\",\"value\":0},\"then\":[{\"type\""
     ":\"add_tag\",\"params\":{\"tags\":[\"funded\"]}}]}}]"},
    {"Search the web for 'x'. If there are no results, stop",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"x\"}},{\"type\":"
     "\"if\",\"params\":{\"condition\":{\"field\":\"search.count\",\"ope"
     "rator\":\"==\",\"value\":0},\"then\":[{\"type\":\"stop\",\"params"
     "\":{}}]}}]"},
    /* the field first, the words in it after */
    {"Find contacts that have a title with 'Director' in it",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"Director\"}}"
     "}]"},
    {"Find contacts whose email has 'edu' in it",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.email\",\"operator\":\"contains\",\"value\":\"edu\"}}}]"},
    /* a lookup at a provider, by the contact or one of its fields */
    {"Look up @contact.email on Apollo",
     "[{\"type\":\"enrich_contact\",\"params\":{}}]"},
    {"Look up the contact on Apollo",
     "[{\"type\":\"enrich_contact\",\"params\":{}}]"},
    {"find the contact in ZoomInfo",
     "[{\"type\":\"enrich_contact\",\"params\":{\"provider\":\"ZoomInfo"
     "\"}}]"},
    /* names alone after an e-mail of a template are the next templates */
    {"Send 'Welcome' immediately, then 'Tips' after 3 days, then 'Offer'"
     " after a week",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Welcome\"}},{"
     "\"type\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"sen"
     "d_email\",\"params\":{\"template\":\"Tips\"}},{\"type\":\"wait\","
     "\"params\":{\"seconds\":604800}},{\"type\":\"send_email\",\"params"
     "\":{\"template\":\"Offer\"}}]"},
    {"Send 'A' first and 'B' two days later",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"A\"}},{\"type"
     "\":\"wait\",\"params\":{\"seconds\":172800}},{\"type\":\"send_emai"
     "l\",\"params\":{\"template\":\"B\"}}]"},
    /* "update" to a stage is a move of deals */
    {"Update every deal in Lead stage older than 30 days to Closed Lost",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Lead\"},{\"fie"
     "ld\":\"deal.createdAt\",\"operator\":\"<\",\"value\":\"now-30d\"}]"
     "}}},{\"type\":\"update_field\",\"params\":{\"entity\":\"deal\",\"f"
     "ield\":\"stage\",\"value\":\"Closed Lost\"}}]"},
    {"Find deals in Lead and update them to Qualified",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Lead\"}}},{\"type\":\"up"
     "date_field\",\"params\":{\"entity\":\"deal\",\"field\":\"stage\","
     "\"value\":\"Qualified\"}}]"},
    {"Update the deal to Closed Won",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"deal\",\"fiel"
     "d\":\"stage\",\"value\":\"Closed Won\"}}]"},
    /* a field named in the plural, nothing to compare after it: whether there is one */
    {"Find contacts with phone numbers and create call tasks for @user.s"
     "dr",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.phone\",\"operator\":\"exists\"}}},{\"type\":\"create_task"
     "\",\"params\":{\"assignee\":\"@user.sdr\",\"title\":\"Call\"}}]"},
    {"Find contacts without email addresses",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.email\",\"operator\":\"exists\"}}}}]"},
    {"Find contacts that have LinkedIn profiles",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.linkedinUrl\",\"operator\":\"exists\"}}}]"},
    /* "have not opened"; "haven't replied or opened" is neither */
    {"Find contacts who have not opened any email and tag them 'unengage"
     "d'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.openedEmail\",\"operator\":\"==\",\"value\":false}}},{\"ty"
     "pe\":\"add_tag\",\"params\":{\"tags\":[\"unengaged\"]}}]"},
    {"Find contacts who haven't replied or opened",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.replied\",\"operator\":\"==\",\"value\":false},{"
     "\"field\":\"contact.openedEmail\",\"operator\":\"==\",\"value\":fa"
     "lse}]}}}]"},
    {"Find contacts who haven't replied or have opened the email",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.replied\",\"operator\":\"==\",\"value\":false},{"
     "\"field\":\"contact.openedEmail\",\"operator\":\"==\",\"value\":tr"
     "ue}]}}}]"},
    /* tasks in the plural: one per record, as every task step */
    {"create follow-up tasks due tomorrow",
     "[{\"type\":\"create_task\",\"params\":{\"dueInDays\":1,\"title\":"
     "\"Follow up\"}}]"},
    /* a close date on one day ahead */
    {"Find deals whose close date is in exactly 30 days",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"today+30d"
     "\"},{\"field\":\"deal.closeDate\",\"operator\":\"<\",\"value\":\"t"
     "oday+31d\"}]}}}]"},
    {"Find deals closing 30 days from today",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"today+30d"
     "\"},{\"field\":\"deal.closeDate\",\"operator\":\"<\",\"value\":\"t"
     "oday+31d\"}]}}}]"},
    {"Find deals closing in 30 days",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.closeDate\",\"operator\":\"<=\",\"value\":\"now+30d\"}}}]"},
    /* industries in a list */
    {"Find contacts at companies in the Healthcare or Pharma industries",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"company.industry\",\"operator\":\"==\",\"value\":\"Health"
     "care\"},{\"field\":\"company.industry\",\"operator\":\"==\",\"valu"
     "e\":\"Pharma\"}]}}}]"},
    {"Find contacts in fintech, insurance or banking",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"company.industry\",\"operator\":\"==\",\"value\":\"fintec"
     "h\"},{\"field\":\"company.industry\",\"operator\":\"==\",\"value\""
     ":\"insurance\"},{\"field\":\"company.industry\",\"operator\":\"=="
     "\",\"value\":\"banking\"}]}}}]"},
    {"Find contacts at German, French and Dutch companies",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"company.country\",\"operator\":\"==\",\"value\":\"Germany"
     "\"},{\"field\":\"company.country\",\"operator\":\"==\",\"value\":"
     "\"France\"},{\"field\":\"company.country\",\"operator\":\"==\",\"v"
     "alue\":\"Netherlands\"}]}}}]"},
    {"Find CEOs at SaaS and fintech startups",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"CE"
     "O\"},{\"or\":[{\"field\":\"company.industry\",\"operator\":\"==\","
     "\"value\":\"SaaS\"},{\"field\":\"company.industry\",\"operator\":"
     "\"==\",\"value\":\"fintech\"}]}]}}}]"},
    /* "with <field> set / missing": whether there is one */
    {"Find contacts with title set",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"exists\"}}}]"},
    {"Find contacts with phone missing and tag them 'x'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.phone\",\"operator\":\"exists\"}}}},{\"type\":\"a"
     "dd_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    /* what says a field has a value after it */
    {"Find contacts with no owner assigned",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.ownerId\",\"operator\":\"exists\"}}}}]"},
    {"Find deals with no contact attached",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"not\":{\"fiel"
     "d\":\"deal.contactId\",\"operator\":\"exists\"}}}}]"},
    /* names alone before the next condition: the same step, as cases */
    {"Tag them as 'hot' if their score is over 80, 'warm' if between 50 "
     "and 80, and 'cold' otherwise",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.l"
     "eadScore\",\"operator\":\">\",\"value\":80},\"then\":[{\"type\":\""
     "add_tag\",\"params\":{\"tags\":[\"hot\"]}}],\"else\":[{\"type\":\""
     "if\",\"params\":{\"condition\":{\"and\":[{\"field\":\"contact.lead"
     "Score\",\"operator\":\">=\",\"value\":50},{\"field\":\"contact.lea"
     "dScore\",\"operator\":\"<=\",\"value\":80}]},\"then\":[{\"type\":"
     "\"add_tag\",\"params\":{\"tags\":[\"warm\"]}}],\"else\":[{\"type\""
     ":\"add_tag\",\"params\":{\"tags\":[\"cold\"]}}]}}]}}]"},
    {"Send 'A' if they replied. Send 'B' otherwise",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.r"
     "eplied\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"A\"}}],\"else\":[{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"B\"}}]}}]"},
    {"If they replied, send 'A'. Send 'B' otherwise",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.r"
     "eplied\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"A\"}}],\"else\":[{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"B\"}}]}}]"},
    {"If the contact replied AND is interested THEN hand off to @user.ae"
     " ELSE tag them 'nurture'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"contact.replied\",\"operator\":\"==\",\"value\":true},{\"field\""
     ":\"contact.interested\",\"operator\":\"==\",\"value\":true}]},\"th"
     "en\":[{\"type\":\"handoff\",\"params\":{\"to\":\"@user.ae\"}}],\"e"
     "lse\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"nurture\"]}}]"
     "}}]"},
    /* a phone number or an address written out is a text value */
    {"Update the contact's phone to +49 30 1234567",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"f"
     "ield\":\"phone\",\"value\":\"+49 30 1234567\"}}]"},
    {"Set their phone number to 555-123-4567",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"f"
     "ield\":\"phone\",\"value\":\"555-123-4567\"}}]"},
    {"Set the website to https://acme.com",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"company\",\"f"
     "ield\":\"domain\",\"value\":\"https://acme.com\"}}]"},
    /* a field of deals named "of deals ..." */
    {"Change the owner of deals in Proposal to @user.ae",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":"
     "\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":\"owner"
     "Id\",\"value\":\"@user.ae.id\"}}]"},
    /* a field cleared: set to nothing */
    {"Clear the title field for contacts tagged 'reset'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"reset\"}}},{"
     "\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"fie"
     "ld\":\"title\",\"value\":null}}]"},
    {"Remove the owner from deals that are lost",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Closed Lost\"}}},{\"type"
     "\":\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":\"ow"
     "nerId\",\"value\":null}}]"},
    {"Blank out their phone number",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"f"
     "ield\":\"phone\",\"value\":null}}]"},
    /* a numbered or dashed list on one line */
    {"1. Find contacts tagged 'webinar' 2. Send them 'Recording' 3. Wait"
     " 2 days 4. If no reply, create a task for @user.sdr: Call @contact"
     ".firstName",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"webinar\"}}},"
     "{\"type\":\"send_email\",\"params\":{\"template\":\"Recording\"}},"
     "{\"type\":\"wait\",\"params\":{\"seconds\":172800}},{\"type\":\"if"
     "\",\"params\":{\"condition\":{\"field\":\"contact.replied\",\"oper"
     "ator\":\"==\",\"value\":false},\"then\":[{\"type\":\"create_task\""
     ",\"params\":{\"assignee\":\"@user.sdr\",\"title\":\"Call @contact."
     "firstName\"}}]}}]"},
    {"- Find all leads in Berlin - Tag them 'berlin' - Notify me: done",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type"
     "\":\"add_tag\",\"params\":{\"tags\":[\"berlin\"]}},{\"type\":\"not"
     "ify\",\"params\":{\"message\":\"done\"}}]"},
    /* where a contact came from, and when */
    {"Find leads that came from Google Ads in the last month",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.source\",\"operator\":\"==\",\"value\":\"Google "
     "Ads\"},{\"field\":\"contact.createdAt\",\"operator\":\">=\",\"valu"
     "e\":\"now-30d\"}]}}}]"},
    /* "the word 'x' in their title" */
    {"Search for leads with the word 'growth' in their title",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"growth\"}}}]"},
    /* contacted at all, or within a span */
    {"Find contacts that have already been contacted",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.lastContactedAt\",\"operator\":\"exists\"}}}]"},
    {"Find contacts who were contacted in the last week",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.lastContactedAt\",\"operator\":\">=\",\"value\":\"now-1w\""
     "}}}]"},
    {"Find contacts tagged x, skip those that have already been contacte"
     "d and send 'A'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"contact"
     ".lastContactedAt\",\"operator\":\"exists\"}},\"then\":[{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"A\"}}]}}]"},
    /* a field of a sub-agent's output */
    {"Run the 'Lead Scoring' agent. If its output status is 'qualified',"
     " hand off to @user.ae",
     "[{\"type\":\"run_agent\",\"params\":{\"agent\":\"Lead Scoring\"}},"
     "{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"steps.1.ou"
     "tput.status\",\"operator\":\"==\",\"value\":\"qualified\"},\"then"
     "\":[{\"type\":\"handoff\",\"params\":{\"to\":\"@user.ae\"}}]}}]"},
    /* an agent named without quotes, before "agent" */
    {"Call the Lead Scoring agent with the contact's email",
     "[{\"type\":\"run_agent\",\"params\":{\"agent\":\"Lead Scoring\",\""
     "input\":{\"email\":\"@contact.email\"}}}]"},
    /* a web search's count with "results" alone */
    {"Search the web for '@company.name hiring' and if more than 3 resul"
     "ts, tag them 'hiring'",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name hi"
     "ring\"}},{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"s"
     "earch.count\",\"operator\":\">\",\"value\":3},\"then\":[{\"type\":"
     "\"add_tag\",\"params\":{\"tags\":[\"hiring\"]}}]}}]"},
    /* a task's kind, and words after it that only say when */
    {"create a follow-up task for @user.sdr in 2 days",
     "[{\"type\":\"create_task\",\"params\":{\"assignee\":\"@user.sdr\","
     "\"dueInDays\":2,\"title\":\"Follow up\"}}]"},
    {"create a call task for @user.sdr tomorrow",
     "[{\"type\":\"create_task\",\"params\":{\"assignee\":\"@user.sdr\","
     "\"dueInDays\":1,\"title\":\"Call\"}}]"},
    /* conditions alone after a tag step: contacts of their own */
    {"Tag contacts whose leadScore > 90 as 'A', whose leadScore between "
     "70 and 90 as 'B'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.leadScore\",\"operator\":\">\",\"value\":90}}},{\"type\":"
     "\"add_tag\",\"params\":{\"tags\":[\"A\"]}},{\"type\":\"search_cont"
     "acts\",\"params\":{\"where\":{\"and\":[{\"field\":\"contact.leadSc"
     "ore\",\"operator\":\">=\",\"value\":70},{\"field\":\"contact.leadS"
     "core\",\"operator\":\"<=\",\"value\":90}]}}},{\"type\":\"add_tag\""
     ",\"params\":{\"tags\":[\"B\"]}}]"},
    /* the company's place is its country */
    {"Find contacts whose company is in the UK and send 'UK Offer'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.country\",\"operator\":\"==\",\"value\":\"UK\"}}},{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"UK Offer\"}}]"},
    {"Find contacts whose company is based in Germany",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.country\",\"operator\":\"==\",\"value\":\"Germany\"}}}]"},
    /* a company's field there or not, or its value, after "at companies with" */
    {"Find contacts at companies with a website",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.domain\",\"operator\":\"exists\"}}}]"},
    {"Find contacts at companies with industry SaaS",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.industry\",\"operator\":\"==\",\"value\":\"SaaS\"}}}]"},
    /* deals by their contacts or their company */
    {"Find the deals of contacts tagged 'vip' and notify me: VIP deal @d"
     "eal.name",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"con"
     "tact.tags\",\"operator\":\"contains\",\"value\":\"vip\"}}},{\"type"
     "\":\"notify\",\"params\":{\"message\":\"VIP deal @deal.name\"}}]"},
    {"Find deals linked to contacts in Berlin",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"con"
     "tact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}}]"},
    {"Find deals for Acme Corp",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"com"
     "pany.name\",\"operator\":\"==\",\"value\":\"Acme Corp\"}}}]"},
    /* "based", "located" are no values: the company's place */
    {"Find contacts whose company is located in Germany",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.country\",\"operator\":\"==\",\"value\":\"Germany\"}}}]"},
    /* more words for whether there is a value */
    {"Find contacts whose country is not specified",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.country\",\"operator\":\"exists\"}}}}]"},
    /* stages in their order */
    {"Find deals whose stage is later than Qualified",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\">\",\"value\":\"Qualified\"}}}]"},
    /* tags: all of them, or any */
    {"Find contacts whose tags include 'a' and 'b'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"a\""
     "},{\"field\":\"contact.tags\",\"operator\":\"contains\",\"value\":"
     "\"b\"}]}}}]"},
    {"Find contacts who have both tags 'a' and 'b'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"a\""
     "},{\"field\":\"contact.tags\",\"operator\":\"contains\",\"value\":"
     "\"b\"}]}}}]"},
    /* a field named alone after "with": whether there is one */
    {"Find contacts with LinkedIn and invite them",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.linkedinUrl\",\"operator\":\"exists\"}}},{\"type\":\"linke"
     "din_invite\",\"params\":{}}]"},
    {"Find contacts with email and send 'x'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.email\",\"operator\":\"exists\"}}},{\"type\":\"send_email"
     "\",\"params\":{\"template\":\"x\"}}]"},
    /* webmail domains in a list */
    {"Find contacts with a gmail or yahoo address and tag them 'personal"
     "'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"f"
     "ield\":\"contact.email\",\"operator\":\"contains\",\"value\":\"@gm"
     "ail.\"},{\"field\":\"contact.email\",\"operator\":\"contains\",\"v"
     "alue\":\"@yahoo.\"}]}}},{\"type\":\"add_tag\",\"params\":{\"tags\""
     ":[\"personal\"]}}]"},
    /* "in Negotiation deals": the deals in that stage */
    {"Find contacts in Negotiation deals and tag them 'neg'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Negotiation\"}}},{\"type"
     "\":\"add_tag\",\"params\":{\"tags\":[\"neg\"]}}]"},
    /* ", max 200" after whom a step is for: the search's limit */
    {"Send 'Promo' to all contacts, max 200",
     "[{\"type\":\"search_contacts\",\"params\":{\"limit\":200}},{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"Promo\"}}]"},
    /* "again" */
    {"Send template 'Follow Up' to the contact again after 5 days if the"
     "y still haven't responded",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":432000}},{\"type\":\"i"
     "f\",\"params\":{\"condition\":{\"field\":\"contact.replied\",\"ope"
     "rator\":\"==\",\"value\":false},\"then\":[{\"type\":\"send_email\""
     ",\"params\":{\"template\":\"Follow Up\"}}]}}]"},
    /* a delay among an e-mail's words waits first, before its if too */
    {"Follow up with them in a week using 'Second Touch'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":604800}},{\"type\":\"s"
     "end_email\",\"params\":{\"template\":\"Second Touch\"}}]"},
    {"Follow up in 3 days with template 'Bump' if they haven't replied",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"i"
     "f\",\"params\":{\"condition\":{\"field\":\"contact.replied\",\"ope"
     "rator\":\"==\",\"value\":false},\"then\":[{\"type\":\"send_email\""
     ",\"params\":{\"template\":\"Bump\"}}]}}]"},
    /* a record forwarded to a member */
    {"Forward the lead to @user.ae",
     "[{\"type\":\"handoff\",\"params\":{\"to\":\"@user.ae\"}}]"},
    /* "haven't been tagged": not tagged */
    {"Find contacts tagged 'webinar' who haven't been tagged 'followed-u"
     "p' and send them 'Webinar FU', then tag them 'followed-up'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"web"
     "inar\"},{\"not\":{\"field\":\"contact.tags\",\"operator\":\"contai"
     "ns\",\"value\":\"followed-up\"}}]}}},{\"type\":\"send_email\",\"pa"
     "rams\":{\"template\":\"Webinar FU\"}},{\"type\":\"add_tag\",\"para"
     "ms\":{\"tags\":[\"followed-up\"]}}]"},
    /* a company's people are its employees */
    {"Find contacts whose company has over 200 people",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "company.size\",\"operator\":\">\",\"value\":200}}}]"},
    /* a channel's name before "on Slack" */
    {"post to sales on Slack: x",
     "[{\"type\":\"slack_message\",\"params\":{\"channel\":\"#sales\",\""
     "text\":\"x\"}}]"},
    /* "each owner": the owner of each record in scope */
    {"Find contacts tagged x and notify each owner: x",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"notify\",\"params\":{\"to\":\"@contact.ownerId\",\"message\""
     ":\"x\"}}]"},
    /* "and stop" at the end of a colon's text is the step */
    {"If the contact replied, create a task for @user.sdr: Reply to @con"
     "tact.firstName and stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.r"
     "eplied\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":"
     "\"create_task\",\"params\":{\"assignee\":\"@user.sdr\",\"title\":"
     "\"Reply to @contact.firstName\"}},{\"type\":\"stop\",\"params\":{}"
     "}]}}]"},
    /* "back to" a stage */
    {"Move all deals that have been in Qualified for 30 days back to Lea"
     "d",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Qualified\"},{"
     "\"not\":{\"field\":\"deal.updatedAt\",\"operator\":\">=\",\"value"
     "\":\"now-30d\"}}]}}},{\"type\":\"update_field\",\"params\":{\"enti"
     "ty\":\"deal\",\"field\":\"stage\",\"value\":\"Lead\"}}]"},
    /* "each deal's" field */
    {"Set each deal's stage to Negotiation if its value is over 20000",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.valu"
     "e\",\"operator\":\">\",\"value\":20000},\"then\":[{\"type\":\"upda"
     "te_field\",\"params\":{\"entity\":\"deal\",\"field\":\"stage\",\"v"
     "alue\":\"Negotiation\"}}]}}]"},
    /* whom a task's verb names, after it: a search, then a task each */
    {"Create a task for @user.sdr to call every contact who opened the e"
     "mail but didn't reply",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.openedEmail\",\"operator\":\"==\",\"value\":true"
     "},{\"field\":\"contact.replied\",\"operator\":\"==\",\"value\":fal"
     "se}]}}},{\"type\":\"create_task\",\"params\":{\"assignee\":\"@user"
     ".sdr\",\"title\":\"call\"}}]"},
    /* "stop ... for <contacts>" skips them */
    {"Find contacts tagged x. Stop the workflow for contacts who have re"
     "plied. Send 'A'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"contact"
     ".replied\",\"operator\":\"==\",\"value\":true}},\"then\":[{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"A\"}}]}}]"},
    /* "only continue if": the others skipped, or, with no records found, a stop */
    {"Find contacts tagged x and only continue if they replied, then sen"
     "d 'B'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.replied"
     "\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":\"send_"
     "email\",\"params\":{\"template\":\"B\"}}]}}]"},
    {"Only continue if the contact has an email address",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\""
     "contact.email\",\"operator\":\"exists\"}},\"then\":[{\"type\":\"st"
     "op\",\"params\":{}}]}}]"},
    /* "but not": and not the other value */
    {"Find contacts whose title includes Sales but not Intern",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"Sa"
     "les\"},{\"not\":{\"field\":\"contact.title\",\"operator\":\"contai"
     "ns\",\"value\":\"Intern\"}}]}}}]"},
    /* "anything but", "other than": not equal */
    {"Find contacts whose status is anything but Customer",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.status\",\"operator\":\"!=\",\"value\":\"Customer\"}}}]"},
    /* deals stuck in whatever stage they are in: open, not updated that long */
    {"Find deals stuck in the same stage for 3 weeks and notify their ow"
     "ners: @deal.name is stuck",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed Won\"},"
     "{\"field\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed L"
     "ost\"},{\"not\":{\"field\":\"deal.updatedAt\",\"operator\":\">=\","
     "\"value\":\"now-3w\"}}]}}},{\"type\":\"notify\",\"params\":{\"to\""
     ":\"@deal.ownerId\",\"message\":\"@deal.name is stuck\"}}]"},
    /* other CRMs' names of the stages; a stage's name before "deals" */
    {"Move all deals in Qualification to Closed Lost",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Qualified\"}}},{\"type\""
     ":\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":\"stag"
     "e\",\"value\":\"Closed Lost\"}}]"},
    {"Find deals created more than 90 days ago in Qualification and move"
     " them to Closed Lost",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.createdAt\",\"operator\":\"<\",\"value\":\"now-90d\"},"
     "{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Qualifie"
     "d\"}]}}},{\"type\":\"update_field\",\"params\":{\"entity\":\"deal"
     "\",\"field\":\"stage\",\"value\":\"Closed Lost\"}}]"},
    {"Move all Proposal deals to Negotiation",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":"
     "\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":\"stage"
     "\",\"value\":\"Negotiation\"}}]"},
    {"Move all open deals older than 90 days to Closed Lost",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed Won\"},"
     "{\"field\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed L"
     "ost\"},{\"field\":\"deal.createdAt\",\"operator\":\"<\",\"value\":"
     "\"now-90d\"}]}}},{\"type\":\"update_field\",\"params\":{\"entity\""
     ":\"deal\",\"field\":\"stage\",\"value\":\"Closed Lost\"}}]"},
    {"Change the owner of all open deals to @user.ae",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed Won\"},"
     "{\"field\":\"deal.stage\",\"operator\":\"!=\",\"value\":\"Closed L"
     "ost\"}]}}},{\"type\":\"update_field\",\"params\":{\"entity\":\"dea"
     "l\",\"field\":\"ownerId\",\"value\":\"@user.ae.id\"}}]"},
    /* contacts by their deals' stage, named before "deal" */
    {"Find contacts with a Closed Won deal and tag them 'Customer'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Closed Won\"}}},{\"type"
     "\":\"add_tag\",\"params\":{\"tags\":[\"Customer\"]}}]"},
    {"Find contacts that have a Negotiation deal",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Negotiation\"}}}]"},
    {"Find contacts having deals worth more than 5000",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.value\",\"operator\":\">\",\"value\":5000}}}]"},
    /* a quoted name right after a tag step is another tag, for the same contacts */
    {"Remove the 'Prospect' tag and add 'Customer'",
     "[{\"type\":\"remove_tag\",\"params\":{\"tags\":[\"Prospect\"]}},{"
     "\"type\":\"add_tag\",\"params\":{\"tags\":[\"Customer\"]}}]"},
    {"Remove the 'Prospect' tag and add 'Customer' for contacts with a C"
     "losed Won deal",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Closed Won\"}}},{\"type"
     "\":\"remove_tag\",\"params\":{\"tags\":[\"Prospect\"]}},{\"type\":"
     "\"add_tag\",\"params\":{\"tags\":[\"Customer\"]}}]"},
    /* halves */
    {"Wait a week and a half then send 'Nudge'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":907200}},{\"type\":\"s"
     "end_email\",\"params\":{\"template\":\"Nudge\"}}]"},
    {"Wait 2 and a half days then send 'Nudge'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":216000}},{\"type\":\"s"
     "end_email\",\"params\":{\"template\":\"Nudge\"}}]"},
    {"Wait half an hour then send 'Nudge'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":1800}},{\"type\":\"sen"
     "d_email\",\"params\":{\"template\":\"Nudge\"}}]"},
    /* "to the owner": the default assignee */
    {"Find deals in Negotiation and assign a task to the owner: Confirm "
     "close",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Negotiation\"}}},{\"type"
     "\":\"create_task\",\"params\":{\"title\":\"Confirm close\"}}]"},
    /* next week / next month as a date set */
    {"Update the close date to next week",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"deal\",\"fiel"
     "d\":\"closeDate\",\"value\":\"today+7d\"}}]"},
    {"Find deals in Proposal and push the close date to next month",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":"
     "\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":\"close"
     "Date\",\"value\":\"today+30d\"}}]"},
    /* the deals found, posted */
    {"Find deals in Proposal and post them to https://hooks.example.com/"
     "deals",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.stage\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":"
     "\"http_request\",\"params\":{\"url\":\"https://hooks.example.com/d"
     "eals\",\"method\":\"POST\",\"body\":\"@deal\"}}]"},
    {"POST the contact's name and email to https://crm-sync.example.com/"
     "contacts",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://crm-sync"
     ".example.com/contacts\",\"method\":\"POST\",\"body\":{\"firstName"
     "\":\"@contact.firstName\",\"lastName\":\"@contact.lastName\",\"ema"
     "il\":\"@contact.email\"}}}]"},
    /* the count of the search before */
    {"Find contacts tagged 'trial'. If there are none, stop",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"trial\"}}},{"
     "\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"steps.1.out"
     "put.count\",\"operator\":\"==\",\"value\":0},\"then\":[{\"type\":"
     "\"stop\",\"params\":{}}]}}]"},
    {"Find contacts tagged 'trial'. If there aren't any, stop",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"trial\"}}},{"
     "\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"steps.1.out"
     "put.count\",\"operator\":\"==\",\"value\":0},\"then\":[{\"type\":"
     "\"stop\",\"params\":{}}]}}]"},
    {"Find contacts tagged 'trial'. If there are more than 10, notify me"
     ": Big batch",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"trial\"}}},{"
     "\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"steps.1.out"
     "put.count\",\"operator\":\">\",\"value\":10},\"then\":[{\"type\":"
     "\"notify\",\"params\":{\"message\":\"Big batch\"}}]}}]"},
    /* what an e-mail is for, as its verb */
    {"Find contacts whose source is 'Referral' and thank them with templ"
     "ate 'Thanks for the referral'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.source\",\"operator\":\"==\",\"value\":\"Referral\"}}},{\""
     "type\":\"send_email\",\"params\":{\"template\":\"Thanks for the re"
     "ferral\"}}]"},
    {"Nudge them with 'Bump'",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Bump\"}}]"},
    /* a provider named first, or after the contacts whose data it finds */
    {"Use Apollo to find the phone number for each contact tagged 'no-ph"
     "one'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"no-phone\"}}}"
     ",{\"type\":\"enrich_contact\",\"params\":{}}]"},
    {"Get the phone number of each contact tagged 'x' from Apollo",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"enrich_contact\",\"params\":{}}]"},
    {"Use Clearbit to get their company details",
     "[{\"type\":\"enrich_contact\",\"params\":{\"provider\":\"Clearbit"
     "\"}}]"},
    {"Look up their phone in Apollo for everyone tagged 'x'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"enrich_contact\",\"params\":{}}]"},
    /* courtesies at the end; contractions of the relative words */
    {"Please find contacts whose title mentions 'Head of Sales' and send"
     " them the 'Sales Leader' template, thanks!",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"Head of Sale"
     "s\"}}},{\"type\":\"send_email\",\"params\":{\"template\":\"Sales L"
     "eader\"}}]"},
    {"Tag them 'x' please",
     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    {"For each deal over 10k that's in Proposal, create a task for the o"
     "wner titled 'Follow up on proposal'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"deal.value\",\"operator\":\">\",\"value\":10000},{\"field\""
     ":\"deal.stage\",\"operator\":\"==\",\"value\":\"Proposal\"}]}}},{"
     "\"type\":\"create_task\",\"params\":{\"title\":\"Follow up on prop"
     "osal\"}}]"},
    {"Find contacts who're in Berlin",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}}]"},
    /* an otherwise in the next labelled step */
    {"Step 1: enrich the contact. Step 2: if they replied, send 'A'. Ste"
     "p 3: otherwise send 'B'.",
     "[{\"type\":\"enrich_contact\",\"params\":{}},{\"type\":\"if\",\"pa"
     "rams\":{\"condition\":{\"field\":\"contact.replied\",\"operator\":"
     "\"==\",\"value\":true},\"then\":[{\"type\":\"send_email\",\"params"
     "\":{\"template\":\"A\"}}],\"else\":[{\"type\":\"send_email\",\"par"
     "ams\":{\"template\":\"B\"}}]}}]"},
    {"Step 1: enrich the contact.\nStep 2: if they replied, send 'A'.\nS"
     "tep 3: otherwise send 'B'.\nStep 4: tag them 'done'",
     "[{\"type\":\"enrich_contact\",\"params\":{}},{\"type\":\"if\",\"pa"
     "rams\":{\"condition\":{\"field\":\"contact.replied\",\"operator\":"
     "\"==\",\"value\":true},\"then\":[{\"type\":\"send_email\",\"params"
     "\":{\"template\":\"A\"}}],\"else\":[{\"type\":\"send_email\",\"par"
     "ams\":{\"template\":\"B\"}}]}},{\"type\":\"add_tag\",\"params\":{"
     "\"tags\":[\"done\"]}}]"},
    /* a deal assigned to a member: its owner set */
    {"Find deals without an owner and assign them to @user.ae",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"not\":{\"fiel"
     "d\":\"deal.ownerId\",\"operator\":\"exists\"}}}},{\"type\":\"updat"
     "e_field\",\"params\":{\"entity\":\"deal\",\"field\":\"ownerId\",\""
     "value\":\"@user.ae.id\"}}]"},
    {"Assign all deals over 50k to @user.ae",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"dea"
     "l.value\",\"operator\":\">\",\"value\":50000}}},{\"type\":\"update"
     "_field\",\"params\":{\"entity\":\"deal\",\"field\":\"ownerId\",\"v"
     "alue\":\"@user.ae.id\"}}]"},
    {"When a deal moves to Negotiation, assign it to @user.closer",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.stag"
     "e\",\"operator\":\"==\",\"value\":\"Negotiation\"},\"then\":[{\"ty"
     "pe\":\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":\""
     "ownerId\",\"value\":\"@user.closer.id\"}}]}}]"},
    /* "only to" whom */
    {"Send 'Bump' only to those who haven't replied",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.r"
     "eplied\",\"operator\":\"==\",\"value\":false},\"then\":[{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"Bump\"}}]}}]"},
    /* the mail domains an address is (not) from */
    {"Find contacts whose email is not from gmail or yahoo",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"o"
     "r\":[{\"field\":\"contact.email\",\"operator\":\"contains\",\"valu"
     "e\":\"@gmail.\"},{\"field\":\"contact.email\",\"operator\":\"conta"
     "ins\",\"value\":\"@yahoo.\"}]}}}}]"},
    {"Find contacts whose email domain is not acme.com",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"contact.email\",\"operator\":\"contains\",\"value\":\"@ac"
     "me.com\"}}}}]"},
    /* more ways to leave contacts out */
    {"Send 'Intro' to contacts in Berlin, skipping anyone tagged 'dnc'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}"
     ",{\"not\":{\"field\":\"contact.tags\",\"operator\":\"contains\",\""
     "value\":\"dnc\"}}]}}},{\"type\":\"send_email\",\"params\":{\"templ"
     "ate\":\"Intro\"}}]"},
    {"Find all contacts in Berlin except the directors",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}"
     ",{\"not\":{\"field\":\"contact.title\",\"operator\":\"contains\","
     "\"value\":\"director\"}}]}}}]"},
    {"Find contacts except students and assistants",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"o"
     "r\":[{\"field\":\"contact.title\",\"operator\":\"contains\",\"valu"
     "e\":\"student\"},{\"field\":\"contact.title\",\"operator\":\"conta"
     "ins\",\"value\":\"assistant\"}]}}}}]"},
    /* neither ... nor */
    {"If they neither replied nor opened, tag them 'Cold'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"contact.replied\",\"operator\":\"==\",\"value\":false},{\"field"
     "\":\"contact.openedEmail\",\"operator\":\"==\",\"value\":false}]},"
     "\"then\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Cold\"]}}]"
     "}}]"},
    {"If the contact has neither replied nor opened the email, tag them "
     "'Cold'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"and\":[{\"field\":"
     "\"contact.replied\",\"operator\":\"==\",\"value\":false},{\"field"
     "\":\"contact.openedEmail\",\"operator\":\"==\",\"value\":false}]},"
     "\"then\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Cold\"]}}]"
     "}}]"},
    /* on a schedule, new contacts named as whom a step is for: since the run before */
    {"Every morning, enrich all new contacts",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.createdAt\",\"operator\":\">=\",\"value\":\"now-1d\"}}},{"
     "\"type\":\"enrich_contact\",\"params\":{}}]"},
    {"Every Monday, send 'Weekly' to new leads in Berlin",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.createdAt\",\"operator\":\">=\",\"value\":\"now-"
     "7d\"},{\"field\":\"contact.city\",\"operator\":\"==\",\"value\":\""
     "Berlin\"}]}}},{\"type\":\"send_email\",\"params\":{\"template\":\""
     "Weekly\"}}]"},
    /* a stop on a condition of each record found: a skip of those (a stop ends the run for all) */
    {"Find contacts tagged 'x'. Stop if they replied. Send 'A'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"contact"
     ".replied\",\"operator\":\"==\",\"value\":true}},\"then\":[{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"A\"}}]}}]"},
    {"Find contacts tagged 'demo'. If they replied, stop. If not, send t"
     "emplate 'Bump'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"demo\"}}},{\""
     "type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"cont"
     "act.replied\",\"operator\":\"==\",\"value\":true}},\"then\":[{\"ty"
     "pe\":\"send_email\",\"params\":{\"template\":\"Bump\"}}]}}]"},
    {"Find contacts tagged 'x'. If they replied, tag them 'done' and sto"
     "p. Tag them 'next'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.replied"
     "\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":\"add_t"
     "ag\",\"params\":{\"tags\":[\"done\"]}}]}},{\"type\":\"if\",\"param"
     "s\":{\"condition\":{\"not\":{\"field\":\"contact.replied\",\"opera"
     "tor\":\"==\",\"value\":true}},\"then\":[{\"type\":\"add_tag\",\"pa"
     "rams\":{\"tags\":[\"next\"]}}]}}]"},
    /* ... a stop at the very end, or with no records found, stays */
    {"Find contacts tagged 'x'. Send 'A'. Stop if they replied.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"typ"
     "e\":\"send_email\",\"params\":{\"template\":\"A\"}},{\"type\":\"if"
     "\",\"params\":{\"condition\":{\"field\":\"contact.replied\",\"oper"
     "ator\":\"==\",\"value\":true},\"then\":[{\"type\":\"stop\",\"param"
     "s\":{}}]}}]"},
    {"Stop if they replied. Send 'A'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.r"
     "eplied\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":"
     "\"stop\",\"params\":{}}]}},{\"type\":\"send_email\",\"params\":{\""
     "template\":\"A\"}}]"},
    /* the step said with a stop goes first */
    {"Stop and notify me: Something went wrong",
     "[{\"type\":\"notify\",\"params\":{\"message\":\"Something went wro"
     "ng\"}},{\"type\":\"stop\",\"params\":{}}]"},
    {"Stop and tag them 'done' if they replied",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.r"
     "eplied\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":"
     "\"add_tag\",\"params\":{\"tags\":[\"done\"]}},{\"type\":\"stop\","
     "\"params\":{}}]}}]"},
    {"Stop processing this contact if they replied",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.r"
     "eplied\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":"
     "\"stop\",\"params\":{}}]}}]"},
    /* a quoted name alone after "email them" is a template, as after "send" */
    {"Email them 'Contract'",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Contract\"}}]"},
    {"Wait for approval then email them 'Contract'",
     "[{\"type\":\"request_approval\",\"params\":{}},{\"type\":\"send_em"
     "ail\",\"params\":{\"template\":\"Contract\"}}]"},
    /* LinkedIn named before: "there"; what a web search turned up */
    {"If they have a LinkedIn profile, connect with them there; otherwis"
     "e email them 'Intro'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.l"
     "inkedinUrl\",\"operator\":\"exists\"},\"then\":[{\"type\":\"linked"
     "in_invite\",\"params\":{}}],\"else\":[{\"type\":\"send_email\",\"p"
     "arams\":{\"template\":\"Intro\"}}]}}]"},
    {"Search the web for '@company.name funding' and if anything comes u"
     "p, tag them 'Funded'",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name fu"
     "nding\"}},{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\""
     "search.count\",\"operator\":\">\",\"value\":0},\"then\":[{\"type\""
     ":\"add_tag\",\"params\":{\"tags\":[\"Funded\"]}}]}}]"},
    {"Search the web for 'x'. If nothing comes up, stop",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"x\"}},{\"type\":"
     "\"if\",\"params\":{\"condition\":{\"field\":\"search.count\",\"ope"
     "rator\":\"==\",\"value\":0},\"then\":[{\"type\":\"stop\",\"params"
     "\":{}}]}}]"},
    /* a deal's contact as the subject of a condition */
    {"Find deals whose contact is tagged 'VIP' and worth more than 20k",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"fie"
     "ld\":\"contact.tags\",\"operator\":\"contains\",\"value\":\"VIP\"}"
     ",{\"field\":\"deal.value\",\"operator\":\">\",\"value\":20000}]}}}"
     "]"},
    {"Find deals where the contact has replied",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"con"
     "tact.replied\",\"operator\":\"==\",\"value\":true}}}]"},
    /* the company's field missing */
    {"If the company has no industry, enrich them",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\""
     "company.industry\",\"operator\":\"exists\"}},\"then\":[{\"type\":"
     "\"enrich_contact\",\"params\":{}}]}}]"},
    {"Find contacts whose company has no website",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"f"
     "ield\":\"company.domain\",\"operator\":\"exists\"}}}}]"},
    /* a department: in the title */
    {"Find contacts in the marketing department",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.title\",\"operator\":\"contains\",\"value\":\"marketing\"}"
     "}}]"},
    {"Find contacts on the sales team in Berlin",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\""
     "field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"sa"
     "les\"},{\"field\":\"contact.city\",\"operator\":\"==\",\"value\":"
     "\"Berlin\"}]}}}]"},
    /* contractions without their apostrophe */
    {"If they havent replied, send 'Bump'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.r"
     "eplied\",\"operator\":\"==\",\"value\":false},\"then\":[{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"Bump\"}}]}}]"},
    {"If they dont reply in 3 days send 'Bump'",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"i"
     "f\",\"params\":{\"condition\":{\"field\":\"contact.replied\",\"ope"
     "rator\":\"==\",\"value\":false},\"then\":[{\"type\":\"send_email\""
     ",\"params\":{\"template\":\"Bump\"}}]}}]"},
    /* emoji: decoration outside quotes, kept in a text */
    {"Send 'Intro' to contacts in Berlin 🚀",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"Intro\"}}]"},
    {"Notify me: 🚀 New lead 🔥",
     "[{\"type\":\"notify\",\"params\":{\"message\":\"\\ud83d\\ude80 New"
     " lead \\ud83d\\udd25\"}}]"},
    /* arrows after a template's name */
    {"Find contacts tagged 'vip' -> send 'VIP Offer' -> wait 2 days -> s"
     "end 'Follow up'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\""
     "contact.tags\",\"operator\":\"contains\",\"value\":\"vip\"}}},{\"t"
     "ype\":\"send_email\",\"params\":{\"template\":\"VIP Offer\"}},{\"t"
     "ype\":\"wait\",\"params\":{\"seconds\":172800}},{\"type\":\"send_e"
     "mail\",\"params\":{\"template\":\"Follow up\"}}]"},
    /* names without quotes after "template" or a tag verb, opening with a capital */
    {"send template Outbound v2",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Outbound v2\""
     "}}]"},
    {"Tag them as Hot Lead and send 'A'",
     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Hot Lead\"]}},{\"ty"
     "pe\":\"send_email\",\"params\":{\"template\":\"A\"}}]"},
    {"Tag them: Hot",
     "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Hot\"]}}]"},
    /* "resend" with the template named: that template, sent before or not */
    {"Check if the contact opened the email; if so, send a LinkedIn "
     "invite; if not, resend the template 'Intro'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.ope"
     "nedEmail\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":"
     "\"linkedin_invite\",\"params\":{}}],\"else\":[{\"type\":\"send_email"
     "\",\"params\":{\"template\":\"Intro\"}}]}}]"},
    {"Resend 'Intro' to contacts tagged 'x'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"Intro\"}}]"},
    {"Re-send template 'Intro v2' to contacts tagged 'bounced'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.tags\",\"operator\":\"contains\",\"value\":\"bounced\"}}},{\"t"
     "ype\":\"send_email\",\"params\":{\"template\":\"Intro v2\"}}]"},
    /* an if whose subject is left out: the record in scope's */
    {"If in Germany send 'DE', else if in France send 'FR', else send "
     "'EN'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.cou"
     "ntry\",\"operator\":\"==\",\"value\":\"Germany\"},\"then\":[{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"DE\"}}],\"else\":[{\"ty"
     "pe\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.country\""
     ",\"operator\":\"==\",\"value\":\"France\"},\"then\":[{\"type\":\"sen"
     "d_email\",\"params\":{\"template\":\"FR\"}}],\"else\":[{\"type\":\"s"
     "end_email\",\"params\":{\"template\":\"EN\"}}]}}]}}]"},
    {"If tagged 'vip', send 'VIP'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.tag"
     "s\",\"operator\":\"contains\",\"value\":\"vip\"},\"then\":[{\"type\""
     ":\"send_email\",\"params\":{\"template\":\"VIP\"}}]}}]"},
    {"If based in Germany, send 'DE'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.cou"
     "ntry\",\"operator\":\"==\",\"value\":\"Germany\"},\"then\":[{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"DE\"}}]}}]"},
    {"If a CEO, send template 'CEO'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.tit"
     "le\",\"operator\":\"contains\",\"value\":\"CEO\"},\"then\":[{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"CEO\"}}]}}]"},
    {"If not in Germany, send template 'EN'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"co"
     "ntact.country\",\"operator\":\"==\",\"value\":\"Germany\"}},\"then\""
     ":[{\"type\":\"send_email\",\"params\":{\"template\":\"EN\"}}]}}]"},
    /* a search's cap after a comma or in brackets */
    {"Find contacts in Berlin, limit to 50.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.city\",\"operator\":\"==\",\"value\":\"Berlin\"},\"limit\":50}"
     "}]"},
    {"Find contacts in Berlin (max 50) and tag them 'b'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.city\",\"operator\":\"==\",\"value\":\"Berlin\"},\"limit\":50}"
     "},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"b\"]}}]"},
    /* a task with the top search result; hours that make days */
    {"For each new lead, search Google for their company and create a "
     "task with the top result.",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name\"}},"
     "{\"type\":\"create_task\",\"params\":{\"title\":\"@search.results[0]"
     ".title @search.results[0].url\"}}]"},
    {"Create a task: call them within 48 hours.",
     "[{\"type\":\"create_task\",\"params\":{\"title\":\"call them within "
     "48 hours\",\"dueInDays\":2}}]"},
    /* deals moved to a member are theirs */
    {"Move deals owned by @user.old to @user.new.",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "ownerId\",\"operator\":\"==\",\"value\":\"@user.old.id\"}}},{\"type"
     "\":\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":\"owne"
     "rId\",\"value\":\"@user.new.id\"}}]"},
    {"Find deals in Proposal and move them to @user.ae.",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "stage\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"up"
     "date_field\",\"params\":{\"entity\":\"deal\",\"field\":\"ownerId\","
     "\"value\":\"@user.ae.id\"}}]"},
    /* waiting for an approval, or for a sub-agent, is what those steps do */
    {"Pause and wait for my approval, then send template 'Big Offer'.",
     "[{\"type\":\"request_approval\",\"params\":{}},{\"type\":\"send_emai"
     "l\",\"params\":{\"template\":\"Big Offer\"}}]"},
    {"Trigger the 'Nurture' agent and wait for it to finish.",
     "[{\"type\":\"run_agent\",\"params\":{\"agent\":\"Nurture\"}}]"},
    /* what a LinkedIn note is about, before its text */
    {"Invite contacts tagged 'x' on LinkedIn with a personalized note "
     "mentioning their company: Hi @contact.firstName, I love what "
     "@company.name is building.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":"
     "\"linkedin_invite\",\"params\":{\"note\":\"Hi @contact.firstName, I "
     "love what @company.name is building\"}}]"},
    /* "in N" after "in N": counted from the start; each branch of an if from the if */
    {"Send 'A' now, 'B' in 3 days and 'C' in a week.",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"A\"}},{\"type\""
     ":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"send_email\","
     "\"params\":{\"template\":\"B\"}},{\"type\":\"wait\",\"params\":{\"se"
     "conds\":345600}},{\"type\":\"send_email\",\"params\":{\"template\":"
     "\"C\"}}]"},
    {"Send 'A' now. In 3 days, send 'B'. In a week, send 'C'.",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"A\"}},{\"type\""
     ":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"send_email\","
     "\"params\":{\"template\":\"B\"}},{\"type\":\"wait\",\"params\":{\"se"
     "conds\":345600}},{\"type\":\"send_email\",\"params\":{\"template\":"
     "\"C\"}}]"},
    {"If they replied, send 'A' in 2 days; otherwise send 'B' in 5 days.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.rep"
     "lied\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":\"wai"
     "t\",\"params\":{\"seconds\":172800}},{\"type\":\"send_email\",\"para"
     "ms\":{\"template\":\"A\"}}],\"else\":[{\"type\":\"wait\",\"params\":"
     "{\"seconds\":432000}},{\"type\":\"send_email\",\"params\":{\"templat"
     "e\":\"B\"}}]}}]"},
    /* a top-level domain alone, ".edu": an address's end */
    {"Find contacts whose email ends in .edu and tag them 'student'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.email\",\"operator\":\"contains\",\"value\":\".edu\"}}},{\"typ"
     "e\":\"add_tag\",\"params\":{\"tags\":[\"student\"]}}]"},
    {"When a contact is created, if their email ends with .edu, tag them "
     "'student' and stop.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.ema"
     "il\",\"operator\":\"contains\",\"value\":\".edu\"},\"then\":[{\"type"
     "\":\"add_tag\",\"params\":{\"tags\":[\"student\"]}},{\"type\":\"stop"
     "\",\"params\":{}}]}}]"},
    {"Find contacts with .edu emails.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.email\",\"operator\":\"contains\",\"value\":\".edu\"}}}]"},
    /* "today" after a step is now, as "now" is */
    {"Send template 'A' today, template 'B' in 3 days, and template 'C' "
     "in 7 days.",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"A\"}},{\"type\""
     ":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"send_email\","
     "\"params\":{\"template\":\"B\"}},{\"type\":\"wait\",\"params\":{\"se"
     "conds\":345600}},{\"type\":\"send_email\",\"params\":{\"template\":"
     "\"C\"}}]"},
    /* new ones first, with what they should get: a contact_created trigger */
    {"New leads from Google Ads should get template 'Ads Welcome' and be "
     "tagged 'paid'.",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Ads Welcome\"}}"
     ",{\"type\":\"add_tag\",\"params\":{\"tags\":[\"paid\"]}}]"},
    {"I want every new contact from Germany to get the 'DE Welcome' "
     "template.",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"DE Welcome\"}}]"},
    {"I want contacts tagged 'x' to get template 'Y'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"Y\"}}]"},
    /* a fortnight */
    {"Wait a fortnight then send 'Check-in'.",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":1209600}},{\"type\":\"se"
     "nd_email\",\"params\":{\"template\":\"Check-in\"}}]"},
    /* a numbered list or list items right after an if's colon are its steps */
    {"When a deal moves to Closed Won: 1. Send template 'A'. 2. Tag them "
     "'b'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.stage"
     "\",\"operator\":\"==\",\"value\":\"Closed Won\"},\"then\":[{\"type\""
     ":\"send_email\",\"params\":{\"template\":\"A\"}},{\"type\":\"add_tag"
     "\",\"params\":{\"tags\":[\"b\"]}}]}}]"},
    {"When a deal moves to Closed Won:\n1. Send template 'A'.\n2. Tag "
     "them 'b'.\n",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.stage"
     "\",\"operator\":\"==\",\"value\":\"Closed Won\"},\"then\":[{\"type\""
     ":\"send_email\",\"params\":{\"template\":\"A\"}},{\"type\":\"add_tag"
     "\",\"params\":{\"tags\":[\"b\"]}}]}}]"},
    {"Find contacts tagged 'x'.\nIf they replied:\n- tag them 'a'\n- "
     "notify me: x\nOtherwise:\n- send template 'B'\n",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":"
     "\"if\",\"params\":{\"condition\":{\"field\":\"contact.replied\",\"op"
     "erator\":\"==\",\"value\":true},\"then\":[{\"type\":\"add_tag\",\"pa"
     "rams\":{\"tags\":[\"a\"]}},{\"type\":\"notify\",\"params\":{\"messag"
     "e\":\"x\"}}],\"else\":[{\"type\":\"send_email\",\"params\":{\"templa"
     "te\":\"B\"}}]}}]"},
    /* a colon after "for each ..." */
    {"For each contact tagged 'x': send template 'A'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"A\"}}]"},
    /* what the agent is for, before its steps, is for people */
    {"Goal: re-engage cold leads. Find contacts tagged 'cold' and send "
     "template 'A'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.tags\",\"operator\":\"contains\",\"value\":\"cold\"}}},{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"A\"}}]"},
    {"Outbound agent: find contacts tagged 'cold' and send template 'A'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.tags\",\"operator\":\"contains\",\"value\":\"cold\"}}},{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"A\"}}]"},
    {"This agent qualifies inbound leads. Find contacts tagged 'x' and "
     "tag them 'y'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":"
     "\"add_tag\",\"params\":{\"tags\":[\"y\"]}}]"},
    /* unassign: the owner cleared, of contacts or deals */
    {"Unassign contacts tagged 'left-company'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.tags\",\"operator\":\"contains\",\"value\":\"left-company\"}}}"
     ",{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"fie"
     "ld\":\"ownerId\",\"value\":null}}]"},
    {"Find deals in Proposal and unassign them.",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "stage\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"up"
     "date_field\",\"params\":{\"entity\":\"deal\",\"field\":\"ownerId\","
     "\"value\":null}}]"},
    /* target, focus on, limit to: whom the steps are for */
    {"Target CTOs in Berlin with template 'CTO Berlin'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"fi"
     "eld\":\"contact.title\",\"operator\":\"contains\",\"value\":\"CTO\"}"
     ",{\"field\":\"contact.city\",\"operator\":\"==\",\"value\":\"Berlin"
     "\"}]}}},{\"type\":\"send_email\",\"params\":{\"template\":\"CTO Berl"
     "in\"}}]"},
    {"Only target contacts in Berlin: send template 'Berlin'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"Berlin\"}}]"},
    /* a known city or country in lower case: its name */
    {"find ceos in berlin, email them 'intro', wait 3d, if no reply send "
     "'bump'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"fi"
     "eld\":\"contact.title\",\"operator\":\"contains\",\"value\":\"ceo\"}"
     ",{\"field\":\"contact.city\",\"operator\":\"==\",\"value\":\"Berlin"
     "\"}]}}},{\"type\":\"send_email\",\"params\":{\"template\":\"intro\"}"
     "},{\"type\":\"wait\",\"params\":{\"seconds\":259200}},{\"type\":\"if"
     "\",\"params\":{\"condition\":{\"field\":\"contact.replied\",\"operat"
     "or\":\"==\",\"value\":false},\"then\":[{\"type\":\"send_email\",\"pa"
     "rams\":{\"template\":\"bump\"}}]}}]"},
    /* the top search result in a notification: its title and address */
    {"Search the web for '@company.name news' and notify me with the top "
     "result.",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name news"
     "\"}},{\"type\":\"notify\",\"params\":{\"message\":\"@search.results["
     "0].title @search.results[0].url\"}}]"},
    /* "handoff @user.ae": "to" left out */
    {"if replied -> handoff @user.ae else -> send 'bump 2'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.rep"
     "lied\",\"operator\":\"==\",\"value\":true},\"then\":[{\"type\":\"han"
     "doff\",\"params\":{\"to\":\"@user.ae\"}}],\"else\":[{\"type\":\"send"
     "_email\",\"params\":{\"template\":\"bump 2\"}}]}}]"},
    /* an event's conditions with an otherwise: every such event runs, the conditions are an if */
    {"When a contact is created and their title contains CEO, hand off "
     "to @user.ae; otherwise send template 'Welcome'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.tit"
     "le\",\"operator\":\"contains\",\"value\":\"CEO\"},\"then\":[{\"type"
     "\":\"handoff\",\"params\":{\"to\":\"@user.ae\"}}],\"else\":[{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"Welcome\"}}]}}]"},
    {"When a new contact is created in Germany, send 'DE'. Otherwise "
     "send 'EN'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.cou"
     "ntry\",\"operator\":\"==\",\"value\":\"Germany\"},\"then\":[{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"DE\"}}],\"else\":[{\"ty"
     "pe\":\"send_email\",\"params\":{\"template\":\"EN\"}}]}}]"},
    /* in an if of an agent a form starts, an unknown field is the form's */
    {"When a form is submitted, if the budget is over 5000, hand off to "
     "@user.ae; otherwise send template 'Self-serve'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"form.budget"
     "\",\"operator\":\">\",\"value\":5000},\"then\":[{\"type\":\"handoff"
     "\",\"params\":{\"to\":\"@user.ae\"}}],\"else\":[{\"type\":\"send_ema"
     "il\",\"params\":{\"template\":\"Self-serve\"}}]}}]"},
    /* skipping the records a remember step listed (the seeds' memory example) */
    {"Find contacts tagged 'x'. Skip contacts in "
     "@memory.processedContacts. Send template 'A'.",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.tags\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":"
     "\"if\",\"params\":{\"condition\":{\"not\":{\"field\":\"memory.proces"
     "sedContacts\",\"operator\":\"contains\",\"value\":\"@contact.id\"}},"
     "\"then\":[{\"type\":\"send_email\",\"params\":{\"template\":\"A\"}}]"
     "}}]"},
    /* "If search found nothing, skip email" (the seeds' words): after the e-mail, that e-mail is in the if; with an otherwise, the otherwise runs */
    {"Search web for recent news about @company.name and send email with "
     "subject 'Hi' and body 'I saw @search.results[0].title'. If search "
     "found nothing, skip email.",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"recent news about "
     "@company.name\"}},{\"type\":\"if\",\"params\":{\"condition\":{\"not"
     "\":{\"field\":\"search.count\",\"operator\":\"==\",\"value\":0}},\"t"
     "hen\":[{\"type\":\"send_email\",\"params\":{\"subject\":\"Hi\",\"bod"
     "y\":\"I saw @search.results[0].title\"}}]}}]"},
    {"Search web for recent news about @company.name. If search found "
     "nothing, skip email. Otherwise send email with subject 'Congrats' "
     "and body 'I saw @search.results[0].title'.",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"recent news about "
     "@company.name\"}},{\"type\":\"if\",\"params\":{\"condition\":{\"not"
     "\":{\"field\":\"search.count\",\"operator\":\"==\",\"value\":0}},\"t"
     "hen\":[{\"type\":\"send_email\",\"params\":{\"subject\":\"Congrats\""
     ",\"body\":\"I saw @search.results[0].title\"}}]}}]"},
    /* a custom field written with its kind: the contact's field */
    {"Find contacts where customField.region == 'EMEA' and send template "
     "'EMEA Intro'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.region\",\"operator\":\"==\",\"value\":\"EMEA\"}}},{\"type\":"
     "\"send_email\",\"params\":{\"template\":\"EMEA Intro\"}}]"},
    {"If contact.customFields.tier == 'Gold', tag them 'gold'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.tie"
     "r\",\"operator\":\"==\",\"value\":\"Gold\"},\"then\":[{\"type\":\"ad"
     "d_tag\",\"params\":{\"tags\":[\"gold\"]}}]}}]"},
    /* an HTTP method after "method" */
    {"Call https://api.example.com/enrich?email=@contact.email with "
     "method GET",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://api.exampl"
     "e.com/enrich?email=@contact.email\"}}]"},
    {"Call https://api.example.com/x, method: PUT",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://api.exampl"
     "e.com/x\",\"method\":\"PUT\"}}]"},
    /* a stage in quotes after "in stage" */
    {"Find deals in stage 'Proposal' and notify me: @deal.name is in "
     "Proposal",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "stage\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"no"
     "tify\",\"params\":{\"message\":\"@deal.name is in Proposal\"}}]"},
    /* the count of the search before, in a message and in a condition */
    {"Find deals where stage is Discovery and notify me with the number "
     "of deals",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "stage\",\"operator\":\"==\",\"value\":\"Discovery\"}}},{\"type\":\"n"
     "otify\",\"params\":{\"message\":\"@steps.1.output.count deals\"}}]"},
    {"Find deals in Proposal and notify @user.ceo with the count",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "stage\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"no"
     "tify\",\"params\":{\"to\":\"@user.ceo\",\"message\":\"@steps.1.outpu"
     "t.count\"}}]"},
    {"Find contacts tagged 'hot' and notify me with the number of "
     "contacts found",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.tags\",\"operator\":\"contains\",\"value\":\"hot\"}}},{\"type"
     "\":\"notify\",\"params\":{\"message\":\"@steps.1.output.count contac"
     "ts found\"}}]"},
    {"Find deals in Proposal and notify me how many deals were found",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "stage\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"no"
     "tify\",\"params\":{\"message\":\"@steps.1.output.count deals were fo"
     "und\"}}]"},
    {"Find deals in Proposal and post the number of deals to #sales",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "stage\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"sl"
     "ack_message\",\"params\":{\"channel\":\"#sales\",\"text\":\"@steps.1"
     ".output.count deals\"}}]"},
    {"Find contacts tagged hot. If the number of contacts found is 0, "
     "stop",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.tags\",\"operator\":\"contains\",\"value\":\"hot\"}}},{\"type"
     "\":\"if\",\"params\":{\"condition\":{\"field\":\"steps.1.output.coun"
     "t\",\"operator\":\"==\",\"value\":0},\"then\":[{\"type\":\"stop\",\""
     "params\":{}}]}}]"},
    {"Find deals in Proposal. If the deal count is zero, stop. Otherwise "
     "notify me: @steps.1.output.count deals",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "stage\",\"operator\":\"==\",\"value\":\"Proposal\"}}},{\"type\":\"if"
     "\",\"params\":{\"condition\":{\"field\":\"steps.1.output.count\",\"o"
     "perator\":\"==\",\"value\":0},\"then\":[{\"type\":\"stop\",\"params"
     "\":{}}],\"else\":[{\"type\":\"notify\",\"params\":{\"message\":\"@st"
     "eps.1.output.count deals\"}}]}}]"},
    {"Search the web for 'acme news'. If the number of results is 0, "
     "stop",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"acme news\"}},{\"t"
     "ype\":\"if\",\"params\":{\"condition\":{\"field\":\"search.count\","
     "\"operator\":\"==\",\"value\":0},\"then\":[{\"type\":\"stop\",\"para"
     "ms\":{}}]}}]"},
    /* a reminder said to be a notification */
    {"Find deals closing this week and remind their owners with a "
     "notification: '@deal.name closes soon'",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field"
     "\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"today\"},{\"fi"
     "eld\":\"deal.closeDate\",\"operator\":\"<=\",\"value\":\"now+7d\"}]}"
     "}},{\"type\":\"notify\",\"params\":{\"to\":\"@deal.ownerId\",\"messa"
     "ge\":\"@deal.name closes soon\"}}]"},
    {"Remind @user.sam via notification: call @contact.firstName",
     "[{\"type\":\"notify\",\"params\":{\"to\":\"@user.sam\",\"message\":"
     "\"call @contact.firstName\"}}]"},
    /* a webhook triggered or fired */
    {"Trigger the webhook https://example.com/hook",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://example.co"
     "m/hook\"}}]"},
    {"Fire the webhook https://example.com/hook with the contact's email",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://example.co"
     "m/hook\",\"body\":{\"email\":\"@contact.email\"},\"method\":\"POST\""
     "}}]"},
    /* a web search's result saved to a record's field */
    {"Search the web for '@contact.firstName @contact.lastName linkedin' "
     "and set linkedinUrl to the top result's url",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@contact.firstName"
     " @contact.lastName linkedin\"}},{\"type\":\"update_field\",\"params"
     "\":{\"entity\":\"contact\",\"field\":\"linkedinUrl\",\"value\":\"@se"
     "arch.results[0].url\"}}]"},
    {"Search the web for '@contact.firstName @contact.lastName linkedin' "
     "and update their LinkedIn URL with the first result",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@contact.firstName"
     " @contact.lastName linkedin\"}},{\"type\":\"update_field\",\"params"
     "\":{\"entity\":\"contact\",\"field\":\"linkedinUrl\",\"value\":\"@se"
     "arch.results[0].url\"}}]"},
    {"Search the web for '@contact.firstName @contact.lastName linkedin' "
     "and save the first link to the contact's linkedinUrl",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@contact.firstName"
     " @contact.lastName linkedin\"}},{\"type\":\"update_field\",\"params"
     "\":{\"entity\":\"contact\",\"field\":\"linkedinUrl\",\"value\":\"@se"
     "arch.results[0].url\"}}]"},
    {"Search the web for '@company.name funding' and save the top "
     "result's title in the company's lastNews field",
     "[{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name fund"
     "ing\"}},{\"type\":\"update_field\",\"params\":{\"entity\":\"company"
     "\",\"field\":\"lastNews\",\"value\":\"@search.results[0].title\"}}]"},
    /* a field copied to another */
    {"Copy the contact's email into the custom field backupEmail",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"fie"
     "ld\":\"backupEmail\",\"value\":\"@contact.email\"}}]"},
    {"Copy the email to backupEmail",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"fie"
     "ld\":\"backupEmail\",\"value\":\"@contact.email\"}}]"},
    {"Save their phone to the 'mobile' field",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\",\"fie"
     "ld\":\"mobile\",\"value\":\"@contact.phone\"}}]"},
    /* a member made the records' owner */
    {"Make @user.bob the owner of contacts in Berlin",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type\":"
     "\"update_field\",\"params\":{\"entity\":\"contact\",\"field\":\"owne"
     "rId\",\"value\":\"@user.bob.id\"}}]"},
    {"Assign @user.bob as owner of contacts from Berlin",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type\":"
     "\"update_field\",\"params\":{\"entity\":\"contact\",\"field\":\"owne"
     "rId\",\"value\":\"@user.bob.id\"}}]"},
    {"Find contacts in Berlin and make @user.bob their owner",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}}},{\"type\":"
     "\"update_field\",\"params\":{\"entity\":\"contact\",\"field\":\"owne"
     "rId\",\"value\":\"@user.bob.id\"}}]"},
    {"Find deals over 100k and make @user.ana the owner",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "value\",\"operator\":\">\",\"value\":100000}}},{\"type\":\"update_fi"
     "eld\",\"params\":{\"entity\":\"deal\",\"field\":\"ownerId\",\"value"
     "\":\"@user.ana.id\"}}]"},
    {"Make @user.ana the owner of deals in Negotiation",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "stage\",\"operator\":\"==\",\"value\":\"Negotiation\"}}},{\"type\":"
     "\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":\"ownerId"
     "\",\"value\":\"@user.ana.id\"}}]"},
    /* an adverb of time before a step's verb */
    {"Immediately send template 'Welcome'",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Welcome\"}}]"},
    /* "only for" the contacts a search finds */
    {"Only for contacts with lead score above 50, send template 'Offer'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.leadScore\",\"operator\":\">\",\"value\":50}}},{\"type\":\"sen"
     "d_email\",\"params\":{\"template\":\"Offer\"}}]"},
    /* a day relative to the run, whole */
    {"Find deals whose close date is tomorrow",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field"
     "\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"today+1d\"},{"
     "\"field\":\"deal.closeDate\",\"operator\":\"<\",\"value\":\"today+2d"
     "\"}]}}}]"},
    {"Every day, find deals whose close date is today and notify me: "
     "@deal.name closes today",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field"
     "\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"today\"},{\"fi"
     "eld\":\"deal.closeDate\",\"operator\":\"<\",\"value\":\"today+1d\"}]"
     "}}},{\"type\":\"notify\",\"params\":{\"message\":\"@deal.name closes"
     " today\"}}]"},
    /* the contacts' deals after "and" */
    {"Send template 'Upsell' to contacts whose company has more than 50 "
     "employees and whose deal is Closed Won",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field"
     "\":\"company.size\",\"operator\":\">\",\"value\":50},{\"field\":\"de"
     "al.stage\",\"operator\":\"==\",\"value\":\"Closed Won\"}]}}},{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"Upsell\"}}]"},
    {"Find contacts in Berlin and whose deals were lost last quarter",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{\"field"
     "\":\"contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"},{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Lost\"},{"
     "\"field\":\"deal.closeDate\",\"operator\":\">=\",\"value\":\"now-90d"
     "\"},{\"field\":\"deal.closeDate\",\"operator\":\"<\",\"value\":\"now"
     "\"}]}}}]"},
    /* a custom field compared with a span of time */
    {"Find contacts whose trialEndDate is in the next 3 days",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.trialEndDate\",\"operator\":\"<=\",\"value\":\"now+3d\"}}}]"},
    {"Find contacts whose lastDemoAt is in the last 7 days",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.lastDemoAt\",\"operator\":\">=\",\"value\":\"now-7d\"}}}]"},
    /* a greeting to the agent, a request's opener with a colon */
    {"Hey agent, find CFOs and send template 'CFO Pitch'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.title\",\"operator\":\"contains\",\"value\":\"CFO\"}}},{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"CFO Pitch\"}}]"},
    {"This agent should: find CFOs and send template 'CFO Pitch'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.title\",\"operator\":\"contains\",\"value\":\"CFO\"}}},{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"CFO Pitch\"}}]"},
    {"Your job: find CFOs and send template 'CFO Pitch'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"co"
     "ntact.title\",\"operator\":\"contains\",\"value\":\"CFO\"}}},{\"type"
     "\":\"send_email\",\"params\":{\"template\":\"CFO Pitch\"}}]"},
    /* two names of what a record has one of, joined by "and" */
    {"Find contacts in Berlin and Munich and tag them 'x'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"fie"
     "ld\":\"contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"},{\"f"
     "ield\":\"contact.city\",\"operator\":\"==\",\"value\":\"Munich\"}]}}"
     "},{\"type\":\"add_tag\",\"params\":{\"tags\":[\"x\"]}}]"},
    {"Find deals in Proposal and Negotiation",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"or\":[{\"field"
     "\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Proposal\"},{\"fie"
     "ld\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Negotiation\"}]}"
     "}}]"},
    {"Find contacts in Germany and France with title CEO",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"or"
     "\":[{\"field\":\"contact.country\",\"operator\":\"==\",\"value\":\"G"
     "ermany\"},{\"field\":\"contact.country\",\"operator\":\"==\",\"value"
     "\":\"France\"}]},{\"field\":\"contact.title\",\"operator\":\"==\",\""
     "value\":\"CEO\"}]}}}]"},
    /* a deal marked won or lost */
    {"Set the deal value to 0 for deals marked as lost",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "stage\",\"operator\":\"==\",\"value\":\"Closed Lost\"}}},{\"type\":"
     "\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":\"value\""
     ",\"value\":0}}]"},
    {"Find deals marked won and notify me: @deal.name",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "stage\",\"operator\":\"==\",\"value\":\"Closed Won\"}}},{\"type\":\""
     "notify\",\"params\":{\"message\":\"@deal.name\"}}]"},
    /* a contact's name: either of its names */
    {"Find contacts where name contains John",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"or\":[{\"field\":\"cont"
     "act.firstName\",\"operator\":\"contains\",\"value\":\"John\"},{\"field\":\"con"
     "tact.lastName\",\"operator\":\"contains\",\"value\":\"John\"}]}}}]"},
    {"Find contacts whose full name is John Smith",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{\"field\":\"con"
     "tact.firstName\",\"operator\":\"==\",\"value\":\"John\"},{\"field\":\"contact."
     "lastName\",\"operator\":\"==\",\"value\":\"Smith\"}]}}}]"},
    /* a mail domain */
    {"Tag contacts with Gmail addresses as 'Personal'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"contact.ema"
     "il\",\"operator\":\"contains\",\"value\":\"@gmail.\"}}},{\"type\":\"add_tag\",\""
     "params\":{\"tags\":[\"Personal\"]}}]"},
    {"Find contacts whose email domain is acme.com",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"contact.ema"
     "il\",\"operator\":\"contains\",\"value\":\"@acme.com\"}}}]"},
    {"If the contact has an email at acme.com, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"contact.email\",\"oper"
     "ator\":\"contains\",\"value\":\"@acme.com\"},\"then\":[{\"type\":\"stop\",\"para"
     "ms\":{}}]}}]"},
    /* "For <contacts>, ...": a search; after one, a filter */
    {"For each lead in Paris, tag them 'x'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"contact.cit"
     "y\",\"operator\":\"==\",\"value\":\"Paris\"}}},{\"type\":\"add_tag\",\"params\":{"
     "\"tags\":[\"x\"]}}]"},
    {"Find contacts tagged 'x'. For those in Berlin, add tag 'DE' and send template 'Hallo'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":\"contact.tag"
     "s\",\"operator\":\"contains\",\"value\":\"x\"}}},{\"type\":\"if\",\"params\":{\"co"
     "ndition\":{\"field\":\"contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}"
     ",\"then\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"DE\"]}},{\"type\":\"send"
     "_email\",\"params\":{\"template\":\"Hallo\"}}]}}]"},
    {"For leads with title containing CEO, send template 'A'; otherwise send template 'B'",
     "[{\"type\":\"search_contacts\",\"params\":{}},{\"type\":\"if\",\"params\":{\"co"
     "ndition\":{\"field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"C"
     "EO\"},\"then\":[{\"type\":\"send_email\",\"params\":{\"template\":\"A\"}}],\"els"
     "e\":[{\"type\":\"send_email\",\"params\":{\"template\":\"B\"}}]}}]"},
    {"Send template 'A' to all contacts",
     "[{\"type\":\"search_contacts\",\"params\":{}},{\"type\":\"send_email\",\"para"
     "ms\":{\"template\":\"A\"}}]"},
    /* numbers, money, k/M */
    {"Update deal value to $50,000",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":"
     "\"value\",\"value\":50000}}]"},
    {"Find deals where value >= $1.5M",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":\"deal."
     "value\",\"operator\":\">=\",\"value\":1500000}}}]"},
    {"If deal value is at most $2.5k, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.value\","
     "\"operator\":\"<=\",\"value\":2500},\"then\":[{\"type\":\"stop\","
     "\"params\":{}}]}}]"},
    {"If company.size >= 1,000, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"company.size\","
     "\"operator\":\">=\",\"value\":1000},\"then\":[{\"type\":\"stop\","
     "\"params\":{}}]}}]"},
    /* durations */
    {"Wait 45 minutes", "[{\"type\":\"wait\",\"params\":{\"seconds\":2700}}]"},
    {"wait 48h", "[{\"type\":\"wait\",\"params\":{\"seconds\":172800}}]"},
    {"give it 3 days", "[{\"type\":\"wait\",\"params\":{\"seconds\":259200}}]"},
    {"wait a week", "[{\"type\":\"wait\",\"params\":{\"seconds\":604800}}]"},
    {"Wait 90 days", "[{\"type\":\"wait\",\"params\":{\"seconds\":7776000}}]"},
    /* relative times and booleans */
    {"Find contacts created in the last 7 days",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":"
     "\"contact.createdAt\",\"operator\":\">=\",\"value\":\"now-7d\"}}}]"},
    {"Find contacts created yesterday",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"and\":[{"
     "\"field\":\"contact.createdAt\",\"operator\":\">=\",\"value\":"
     "\"today-1d\"},{\"field\":\"contact.createdAt\",\"operator\":\"<\","
     "\"value\":\"today\"}]}}}]"},
    {"Set interested to true",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\","
     "\"field\":\"interested\",\"value\":true}}]"},
    /* free text keeps its words and variables */
    {"Notify me: @contact.firstName's deal (@deal.name) closed!",
     "[{\"type\":\"notify\",\"params\":{\"message\":\"@contact.firstName's "
     "deal (@deal.name) closed!\"}}]"},
    {"Send LinkedIn invitation with note: \"Hi @contact.firstName, let's "
     "connect\"",
     "[{\"type\":\"linkedin_invite\",\"params\":{\"note\":\"Hi "
     "@contact.firstName, let's connect\"}}]"},
    {"Create task: Follow up with @contact.firstName in 3 days",
     "[{\"type\":\"create_task\",\"params\":{\"title\":\"Follow up with "
     "@contact.firstName in 3 days\",\"dueInDays\":3}}]"},
    /* synonyms */
    {"shoot them a note using the 'Ping' template",
     "[{\"type\":\"send_email\",\"params\":{\"template\":\"Ping\"}}]"},
    {"drop a LinkedIn request",
     "[{\"type\":\"linkedin_invite\",\"params\":{}}]"},
    {"tag 'em 'Hot'", "[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Hot\"]}}]"},
    {"bump the deal to Negotiation",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":"
     "\"stage\",\"value\":\"Negotiation\"}}]"},
    {"ping #sales: New lead",
     "[{\"type\":\"slack_message\",\"params\":{\"channel\":\"#sales\","
     "\"text\":\"New lead\"}}]"},
    {"If they haven't opened it, stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":"
     "\"contact.openedEmail\",\"operator\":\"==\",\"value\":false},\"then\":"
     "[{\"type\":\"stop\",\"params\":{}}]}}]"},
    /* and / or / not / parentheses */
    {"If not (contact.replied == true or contact.interested == true), stop",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"not\":{\"or\":[{"
     "\"field\":\"contact.replied\",\"operator\":\"==\",\"value\":true},{"
     "\"field\":\"contact.interested\",\"operator\":\"==\",\"value\":true}]}}"
     ",\"then\":[{\"type\":\"stop\",\"params\":{}}]}}]"},
    {"Find contacts where title does not contain 'Intern'",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"not\":{\"field\""
     ":\"contact.title\",\"operator\":\"contains\",\"value\":\"Intern\"}}}}]"},
    /* custom fields only where the wording makes them fields */
    {"Find contacts where engagementScore >= 80",
     "[{\"type\":\"search_contacts\",\"params\":{\"where\":{\"field\":"
     "\"contact.engagementScore\",\"operator\":\">=\",\"value\":80}}}]"},
    {"Set custom field 'leadScore' to 'A'",
     "[{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\","
     "\"field\":\"leadScore\",\"value\":\"A\"}}]"},
    /* structure: sequences, lists, if/else, nesting */
    {"1. Enrich them\n2. Tag them 'x'",
     "[{\"type\":\"enrich_contact\",\"params\":{}},{\"type\":\"add_tag\","
     "\"params\":{\"tags\":[\"x\"]}}]"},
    {"If they replied, stop. Else tag them 'x'.",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":"
     "\"contact.replied\",\"operator\":\"==\",\"value\":true},\"then\":[{"
     "\"type\":\"stop\",\"params\":{}}],\"else\":[{\"type\":\"add_tag\","
     "\"params\":{\"tags\":[\"x\"]}}]}}]"},
    {"If deal.value > 5:\n  if deal.stage == 'Lead', stop\n  else tag them "
     "'a'\nelse tag them 'b'",
     "[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":\"deal.value\","
     "\"operator\":\">\",\"value\":5},\"then\":[{\"type\":\"if\",\"params\":{"
     "\"condition\":{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":"
     "\"Lead\"},\"then\":[{\"type\":\"stop\",\"params\":{}}],\"else\":[{"
     "\"type\":\"add_tag\",\"params\":{\"tags\":[\"a\"]}}]}}],\"else\":[{"
     "\"type\":\"add_tag\",\"params\":{\"tags\":[\"b\"]}}]}}]"},
    {"If no reply after 5 days, stop",
     "[{\"type\":\"wait\",\"params\":{\"seconds\":432000}},{\"type\":\"if\","
     "\"params\":{\"condition\":{\"field\":\"contact.replied\",\"operator\":"
     "\"==\",\"value\":false},\"then\":[{\"type\":\"stop\",\"params\":{}}]}}]"},
    {"Get approval before moving the deal to 'Closed Won'",
     "[{\"type\":\"request_approval\",\"params\":{}},{\"type\":"
     "\"update_field\",\"params\":{\"entity\":\"deal\",\"field\":\"stage\","
     "\"value\":\"Closed Won\"}}]"},
    /* "is" before a time: a comparison, unless a future phrase follows;
     * "is today" is the whole day */
    {"Find deals where close date is today",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"and\":[{"
     "\"field\":\"deal.closeDate\",\"operator\":\">=\",\"value\":"
     "\"today\"},{\"field\":\"deal.closeDate\",\"operator\":\"<\","
     "\"value\":\"today+1d\"}]}}}]"},
    {"Find deals whose close date is not tomorrow",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"or\":[{"
     "\"field\":\"deal.closeDate\",\"operator\":\"<\",\"value\":"
     "\"today+1d\"},{\"field\":\"deal.closeDate\",\"operator\":\">=\","
     "\"value\":\"today+2d\"}]}}}]"},
    {"Find deals where close date is in the next 2 weeks",
     "[{\"type\":\"search_deals\",\"params\":{\"where\":{\"field\":"
     "\"deal.closeDate\",\"operator\":\"<=\",\"value\":\"now+2w\"}}}]"},
    {"Tag every contact in the workspace 'Q3'",
     "[{\"type\":\"search_contacts\",\"params\":{}},{\"type\":\"add_tag\","
     "\"params\":{\"tags\":[\"Q3\"]}}]"},
    {"Send a PUT request to https://x.io/@contact.id with header "
     "'Authorization: Bearer @memory.t'",
     "[{\"type\":\"http_request\",\"params\":{\"url\":\"https://x.io/"
     "@contact.id\",\"method\":\"PUT\",\"headers\":{\"Authorization\":"
     "\"Bearer @memory.t\"}}}]"},
};

static void grammar_pieces(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct err e = ERR_INIT;
        json_t *plan = NULL;
        int rc = plan_parse(cases[i].in, strlen(cases[i].in), &plan, NULL, &e);
        if (rc)
            fail_msg("parse failed: %s\n  %s (%s)", cases[i].in, e.msg,
                     e.details ? jx_dump(e.details) : "");
        json_t *want = json_loads(cases[i].out, 0, NULL);
        assert_non_null(want);
        json_t *got = json_object_get(plan, "steps");
        if (!json_equal(got, want)) {
            char *g = jx_dump(got);
            fail_msg("%s\n  got  %s\n  want %s", cases[i].in, g,
                     cases[i].out);
        }
        json_decref(want);
        json_decref(plan);
        err_clear(&e);
    }
}

struct fcase {
    const char *in;
    const char *words; /* expected details.text (substring) */
    const char *why;   /* expected details.reason (substring), if set */
};

static const struct fcase failures[] = {
    /* A person with no Slack said is a notification, which says what
     * it lacks; "posts to Slack channels" was no answer to it. */
    {"Find contacts tagged 'vip' and notify their owner.",
     "notify their owner", "what should the notification say"},
    {"Find deals in Proposal and alert @user.vp", "alert @user.vp",
     "what should the notification say"},
    {"Find deals in Proposal and message their owner on Slack: follow up",
     "message their owner", "not to people"},
    {"Find contacts whose lead score increased this week.",
     "increased", "not how it changed"},
    {"Search the web for '@company.name competitors' and post the results "
     "to #research.",
     "the results", "name the results' parts"},
    {"First Monday of every month at 9am, notify me: monthly review",
     "First Monday of", "not on the first Monday of a month"},
    {"Ping the deal owner on Slack: @deal.name needs an update",
     "Ping the deal owner on Slack", "not to people"},
    {"Send template 'Intro' in their time zone at 9am.",
     "in their time zone", "not at an hour of its own"},
    {"Note: only run this for contacts in the EU.\nFind contacts tagged "
     "'gdpr' and tag them 'x'",
     "Note: only run this for contacts in the EU.", "a note that limits"},
    {"Find contacts tagged x, tag them y and let @user.ae know about it",
     "", "what should the notification say"},
    {"Find hot leads and tag them hot", "hot", "which records are they"},
    {"Ask @user.bob to approve the discount",
     "@user.bob to approve", "approvals go to"},
    {"Email contacts whose deal is in Demo Scheduled with template "
     "'Demo reminder'.",
     "Demo Scheduled", "not a deal stage"},
    {"Find contacts whose deals are in Berlin and tag them x.",
     "Berlin", "not a deal stage"},
    {"Run agent 'Scorer' for each contact tagged 'new'",
     "for each contact tagged 'new'", "a sub-agent runs once"},
    {"When a contact is created, send template 'A' to everyone in "
     "Germany, then template 'B' after 3 days",
     "template 'B' after 3 days", "do not describe a step"},
    {"Find deals in stage 'Discovery' and notify me: x",
     "'Discovery'", "not a deal stage"},
    {"Search the web for '@company.name' and save the first result to "
     "the company's industry",
     "to the company's industry", "which part of the result"},
    {"Tag deals worth more than 100k as 'big'.",
     "Tag deals", "a tag is a contact's"},
    {"Wait 2-3 days and send 'Bump'.",
     "2-3 days", "one length"},
    {"Wait a day or two, then send 'Bump'.",
     "a day or two", "one length"},
    {"Mark contacts tagged 'hot' as Qualified.",
     "Qualified", "names no field"},
    {"Create a task with high priority: call them.",
     "with high priority", "no priority"},
    {"Tag them 'big' when a deal over $100k is created",
     "a deal over $100k is created", "not one of them"},
    {"Close the deal", "Close the deal", NULL},
    {"Tag contacts with more than 2 open deals as 'multi'",
     "more than 2 open deals", "does not count a contact's deals"},
    /* a line end after the last words: the words, not "" */
    {"Tag them 'a'.\nNotify me\n\n", "Notify me", "what should the"},
    /* ... and stops after it; only separators after a word (the fuzzer
     * found "and. " read past the text) */
    {"Notify me.", "Notify me", "what should the"},
    {"If they replied,", "If they replied", "expected a step"},
    {"and. ", "and", "expected a step"},
    {"Move the deal to the next stage", "the next stage", "by name"},
    {"Send template 'Promo' at 9am their local time", "at 9am",
     "give the agent a schedule"},
    {"Create a task 'Call them' due next Friday",
     "next Friday", "due a number of days"},
    {"Create a task with @user.ae to call them.",
     "with @user.ae", "what is the task"},
    {"At the end of every day, notify me: hi.",
     "At the end of every day", "day end"},
    {"Twice a day, notify me: hi.",
     "Twice a day", "at which times"},
    /* one more is a sum too */
    {"Increment @memory.count", "Increment", "does not add to it"},
    /* a rejection cancels the run, however it is said */
    {"If approval is rejected, notify me: Discount rejected",
     "If approval is rejected", "cancels the run"},
    /* an order of the records, after the contacts a step is for */
    {"Send LinkedIn connection requests to the 25 most recent contacts "
     "tagged 'ABM'",
     "most recent", "cannot sort"},
    /* a Slack post goes to a channel, not to a person */
    {"Send a Slack DM to @user.rep: You have a new lead",
     "DM to @user.rep", "not to people"},
    {"Send a Slack message to @user.bob: New lead", "@user.bob",
     "not to people"},
    /* a day of the year without its year */
    {"Set the close date to December 31", "December 31", "which year?"},
    /* an invitation's acceptance is not kept */
    {"Send a LinkedIn invite, wait 2 days, then send 'B' if they accepted",
     "accepted", "accepted invitations"},
    /* a more useful failure stands over "this event is not one of them" */
    {"When a deal closes, notify me: @deal.name closed", "notify me",
     "won or lost?"},
    /* a judgement of records, not their fields */
    {"Find stale deals and ping their owners", "stale",
     "which records are they?"},
    /* an e-mail's missing part asked for by name */
    {"Send an email to each contact tagged 'event' saying 'Thanks!'",
     "Send an email", "and its subject?"},
    {"Follow up in 3 days if no reply", "in 3 days",
     "follow up with which template?"},
    /* a task with no title ("deals" was taken for one) */
    {"Create a task for each contact in Negotiation deals",
     "Create a task", "what is the task?"},
    /* a night needs its hour */
    {"Every Sunday night, find contacts tagged x", "night",
     "at what time of the night?"},
    /* a judgement is not what a record holds */
    {"Find contacts whose email is valid", "valid",
     "compares what a record holds"},
    {"Find deals whose value is large", "large",
     "a number is compared with a number"},
    {"Find contacts whose company is located in Berlin", "Berlin",
     "keeps its country, not its city"},
    /* a company keeps a country, not a city */
    {"Find contacts whose company is in Berlin", "Berlin",
     "keeps its country, not its city"},
    /* opt-outs are not kept */
    {"Send them 'X' unless they opted out", "opted out", "opt-outs"},
    /* a wait that a reply would end */
    {"Wait for 2 weeks or until they reply", "or until they reply",
     "a reply does not end it"},
    /* a first "when" that is neither an event nor a condition */
    {"When someone books a demo, tag them 'demo-booked'",
     "someone books a demo", "this event is not one of them"},
    /* a vague amount: how high is asked */
    {"Find contacts with high lead scores", "with high lead scores",
     "how high?"},
    /* a step at a time a record's date sets */
    {"Send template 'Renewal' 60 days before the contract end date",
     "60 days before", "not a time before a date in a record"},
    /* a size among the words before "companies" */
    {"Find contacts at enterprise or mid-market companies",
     "at enterprise or mid-market companies", "how many employees?"},
    /* a number per day asked of a step: the agent's restrictions */
    {"Send 'Intro' to 10 contacts tagged 'cold' per day", "per day",
     "restrictions"},
    /* "them" are contacts: a contact has no stage */
    {"Find contacts tagged x and update them to Qualified", "to Qualified",
     "what should be set"},
    {"Find contacts at public companies", "at public companies",
     "a company record keeps its name"},
    {"Find contacts at enterprise companies and tag them 'ent'",
     "at enterprise companies", "how many employees?"},
    {"Find contacts at small businesses", "at small businesses",
     "how many employees?"},
    {"Find my contacts who haven't replied and send template 'Bump'",
     "my contacts", "name the owner by handle"},
    {"Notify me about my deals closing this week: @deal.name", "my deals",
     "whose are they?"},
    {"Every morning, send me a list of hot leads", "send me a list of",
     "agentd writes no lists or reports of records"},
    {"Find contacts tagged 'event' and assign them round robin between "
     "@user.a and @user.b",
     "round robin", "a hand-off goes to one member"},
    {"If the contact is a decision maker, hand off to @user.ae",
     "decision maker", "which titles make the decisions?"},
    {"Find CEOs and above", "and above", "above which titles?"},
    {"If the approval is rejected, notify the owner: x",
     "If the approval is rejected", "a rejected approval cancels the run"},
    {"Find the contact and tag them 'x'", "Find the contact", "which one?"},
    {"Send template 'A' to 50 random contacts", "random",
     "not a random sample"},
    {"Send template 'X' to each contact, but no more than 50 per day",
     "no more than 50 per day", "the agent's setting, not a step"},
    {"Only run on weekdays", "run on weekdays",
     "the days an agent runs are its schedule's"},
    {"Find unsubscribed contacts and stop", "unsubscribed",
     "agentd keeps no clicks, bounces"},
    {"Day 1: send template 'A'. Day 4: stop. Day 2: stop", "2: stop",
     "the days of a cadence go forward"},
    {"When a new contact is created, notify me with the number of "
     "contacts in Berlin",
     "contacts in Berlin", "a count is a search of its own"},
    {"Every 15 minutes, check for new form submissions and tag the "
     "contacts 'inbound'.",
     "new form submissions", "a form submission is an event"},
    {"Every day at 6pm, find tasks that are overdue and notify their "
     "assignee.",
     "find tasks", "not tasks"},
    {"Wait until the contact replies, then notify me.",
     "until the contact replies", "nothing a contact does cuts short"},
    {"Find contacts with title Engineer or above", "or above",
     "above which titles?"},
    {"Ask the CFO for approval", "the CFO for approval",
     "approvals go to the workspace's owners and admins"},
    {"Run agent 'Score' for every contact in Berlin", "for every contact",
     "it starts with the records in scope: search first"},
    /* every contact of the workspace, not the ones found */
    {"Find contacts in Berlin. Run agent 'Score' on the contacts",
     "on the contacts", NULL},
    {"If they replied, tag them 'r'. If over 50, tag them 'x'.", "over 50",
     "expected a condition"},
    {"Wait for a reply for up to 5 days, then stop", "a reply",
     "a reply does not cut short"},
    {"Find customers and send them template 'QBR'", "customers",
     "which contacts are they?"},
    {"Every other Monday at 9am, notify me: hi", "Every other Monday",
     "cron has no fortnight"},
    {"Every last day of the month, notify me: hi", "last day",
     "a schedule names the day of the month"},
    {"Every 2 days, notify me: hi", "Every 2 days",
     "a schedule repeats on days of the week"},
    {"Find deals that moved to Proposal this week", "this week",
     "not when it entered another stage"},
    {"When a deal moves from Demo to Proposal, send template 'X'", "Demo",
     "that is not a deal stage"},
    {"Find deals in Demo stage", "Demo stage", "that is not a deal stage"},
    {"Create a task for @user.jane due next Friday: Review pipeline",
     "next Friday", "a task is due a number of days after the run"},
    {"Send template 'Intro' to every contact in the 'Hot' segment",
     "'Hot' segment", "has no lists, segments"},
    {"Find the 20 newest contacts", "newest", "a search cannot sort"},
    {"Find deals closing in Q4", "Q4", "which year?"},
    {"If they haven't opened the email after 2 days, resend it",
     "resend it", "resend which email?"},
    {"If the contact's email contains 'gmail', skip them", "skip them",
     "skip them, and then?"},
    {"Skip contacts tagged 'do-not-contact'", "Skip contacts",
     "skip them among which contacts?"},
    {"Find contacts in Europe", "Europe", "a region is not a country"},
    {"Find all contacts in the EMEA region and tag them 'emea'",
     "EMEA region", "a region is not a country"},
    {"Please tag all contacts in Texas as 'tx'", "Texas",
     "not a state or province"},
    {"Find companies with more than 1k employees", "Find companies",
     "not companies"},
    {"Search for all decision makers at companies with revenue over 10M",
     "decision makers", "which titles make the decisions?"},
    {"If contact.replied == true, if contact.interested == true, schedule "
     "demo", "schedule demo", "books no meetings"},
    {"Book a meeting with contacts who replied", "Book a meeting",
     "books no meetings"},
    {"Find contacts tagged x and set up a call to discuss pricing",
     "set up a call", "books no meetings"},
    {"Generate a personalized opener for each contact", "Generate",
     "writes no text of its own"},
    {"On the first Monday of every month, send template 'X' to them",
     "On the first Monday", "not on the first Monday of a month"},
    {"Twice a week, tag them x", "Twice a week", "on which days?"},
    {"Find contacts by lead score above 50", "by lead score",
     "a search cannot sort"},
    {"Every night, run the 'Lead scoring' agent", "Every night",
     "at what time?"},
    {"Create a follow-up task for the account owner for every deal in "
     "Proposal stage", "account owner", "who is that?"},
    {"Run agent 'A' or 'B'", "or 'B'", "unexpected words"},
    {"Every Monday, find contacts tagged x and tag them y every Friday",
     "", "two triggers"},
    /* "take off" and "drop the" take a tag only with the word */
    {"drop the phone", "phone", "which tag"},
    /* a bare number is no time; approvals have no named approver */
    {"Find contacts created before 5", "5", "a time is a date"},
    {"Get approval from @user.manager", "@user.manager", "named person"},
    /* "assign it" names a task, never a handoff */
    {"Find contacts tagged hot. Assign it to @user.x", "Assign it",
     "what is the task"},
    /* a time with no date a run can compare with (it was the word) */
    {"Find contacts created after March", "March", "a time is a date"},
    {"If the close date is before Friday, stop", "Friday",
     "a time is a date"},
    {"Find contacts created after February 30th 2026", "2026",
     "no such day"},
    /* what a contact's record does not keep */
    {"If they clicked, tag them 'clicked'", "clicked", "no clicks"},
    {"Find contacts who booked a demo", "booked a demo", "no clicks"},
    /* schedules a cron line cannot hold; steps after a rejection */
    {"Twice a day, notify me: x", "Twice a day", "at which times?"},
    {"On the last day of the month, notify me: x",
     "On the last day of the month", "names the day of the month"},
    {"Request approval. If rejected, notify me: no", "If rejected",
     "cancels the run"},
    {"Find deals owned by me", "me", "by handle"},
    /* the sender and copies are the account's; a deal moving is an
     * event */
    {"Send template 'Intro' from sales@acme.com", "from sales@acme.com",
     "connected e-mail account"},
    {"Send template 'Intro' and BCC @user.boss", "BCC", "no CC or BCC"},
    {"For each deal that moves to Negotiation, notify me: x",
     "For each deal that moves to Negotiation", "is an event"},
    /* what agentd does not do, said as such */
    {"Delete contacts tagged 'spam'", "Delete", "does not delete"},
    {"Create a deal for each contact tagged 'hot'", "deal",
     "does not create contacts, deals"},
    {"Add a note to each contact: \"Called\"", "note", "keeps no notes"},
    {"Call them tomorrow", "Call", "no phone calls"},
    {"Send an SMS to each contact: hi", "SMS", "no SMS"},
    {"Unsubscribe contacts tagged 'bounced'", "Unsubscribe",
     "no unsubscribe list"},
    {"Export contacts tagged 'x' to CSV", "Export", "does not export"},
    {"Enroll them in sequence 'Onboarding'", "Enroll", "no lists"},
    {"Send POST to api.acme.com/hook", "api.acme.com/hook", "https://"},
    {"Search the web for @company.name and notify me with the findings",
     "the findings", "@search.results[0].title"},
    {"Find contacts whose title starts with VP", "starts with VP",
     "not 'starts with'"},
    /* a field's change is no event: refused, not read as an if checked
     * once */
    {"Whenever a contact's lead score goes above 80, notify me: Hot",
     "Whenever a contact's lead score goes above 80", "a change to"},
    {"When a contact is tagged 'vip', notify me: VIP",
     "When a contact is tagged 'vip'", "a change to"},
    {"Notify me whenever a contact's lead score goes above 80: Hot",
     "whenever a contact's lead score goes above 80", "a change to"},
    {"When a contact's status changes to Customer, tag them 'c'",
     "status changes to Customer", "a change to"},
    {"Remind them to reply", "them to reply", "remind whom?"},
    /* a record says whether, not when; a body that is no JSON object */
    {"Find contacts who replied in the last 7 days", "in the last 7 days"},
    {"Call https://x.example.com/h with body {\"email\": @contact.email}",
     "{\"email\": @contact.email}"},
    /* all tags (was a tag named "all"); sums over a field; a month with
     * no year */
    {"Remove all tags from contacts tagged 'test'", "all tags"},
    {"Bump the lead score by 10", "by 10"},
    {"Add 10 points to the lead score", "10 points"},
    {"Find contacts created in March and tag them 'x'", "March"},
    /* contacts found by no search, or after a web search */
    {"Stop if no contacts are found", "no contacts are found"},
    {"Search the web for 'x'. If no contacts were found, stop.",
     "no contacts were found"},
    /* an otherwise over every contact has nothing to split them by (was
     * an if without a condition, caught only by the plan's check) */
    {"For every contact in the workspace, tag them 'x'; otherwise tag them "
     "'y'",
     "otherwise"},
    {"Find contacts tagged 'x' and add them to the 'Hot' list", "list"},
    {"Post to #sales", "Post to #sales"},
    /* said to be absent, not dropped: a task's priority; a closed deal's
     * side */
    {"Create a task to call them, due tomorrow, high priority",
     "high priority"},
    {"When a deal closes, notify me: closed", "notify me"},
    /* "all contacts" after a search: the found ones, or every one? */
    {"Find contacts tagged 'x'. Send template 'A' to all contacts",
     "Send template 'A' to all contacts"},
    {"order pizza for the team", "order pizza for the team"},
    {"Tag them hot and then do the usual stuff", "do the usual stuff"},
    {"Find contacts where title contains CEO and print their resumes",
     "print their resumes"},
    {"Send an SMS to @contact.phone saying hi", "SMS"},
    {"send email to", "to"},
    {"If deal.value >", ""},
    {"Wait 120 days", ""},
    /* fuzz_parse: a duration too large for an integer */
    {"Wait 444444444444444444444444444444444444445day", "4445day"},
    {"Send template 'Unclosed", "'Unclosed"},
    {"Every Monday at 9am Europe/Atlantis, notify me: hi", "Europe/Atlantis"},
    {"", ""},
};

static void honest_failures(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof failures / sizeof *failures; i++) {
        const char *in = failures[i].in;
        struct err e = ERR_INIT;
        json_t *plan = NULL;
        int rc = plan_parse(in, strlen(in), &plan, NULL, &e);
        if (rc != -E_VALIDATION)
            fail_msg("'%s' should fail; got %s", in,
                     plan ? jx_dump(plan) : "?");
        assert_null(plan);
        assert_int_equal(strncmp(e.msg, PLAN_PARSE_ERROR,
                                 strlen(PLAN_PARSE_ERROR)),
                         0);
        assert_non_null(e.details);
        assert_non_null(jx_str(e.details, "reason"));
        const char *text = jx_str(e.details, "text");
        const char *why = jx_str(e.details, "reason");
        if (failures[i].why && !strstr(why, failures[i].why))
            fail_msg("'%s': details.reason '%s' should say '%s'", in, why,
                     failures[i].why);
        if (failures[i].words[0]) {
            if (!text || !strstr(text, failures[i].words))
                fail_msg("'%s': details.text '%s' should name '%s'", in,
                         text ? text : "(none)", failures[i].words);
            int64_t start, end;
            assert_int_equal(jx_int(e.details, "start", &start), 0);
            assert_int_equal(jx_int(e.details, "end", &end), 0);
            assert_int_equal(strncmp(in + start, text, (size_t)(end - start)),
                             0);
        }
        err_clear(&e);
    }
    /* Waits over 90 days name the bound. */
    struct err e = ERR_INIT;
    json_t *plan;
    assert_int_equal(plan_parse("Wait 120 days", 13, &plan, NULL, &e),
                     -E_VALIDATION);
    assert_non_null(strstr(jx_str(e.details, "reason"), "90 days"));
    assert_string_equal(jx_str(e.details, "path"), "steps[0].params.seconds");
    err_clear(&e);
}

/* Refusals that say what to write instead: the reason names the way. */
static void refusals_say_what_to_write(void **state)
{
    (void)state;
    static const struct {
        const char *in, *reason;
    } refusals[] = {
        {"Wait until tomorrow", "a length of time, not a date"},
        {"Send LinkedIn message 'Following up'",
         "connection requests, not messages"},
        {"If the deal value is above 50k, ask @user.cfo for approval",
         "owners and admins"},
        {"Set status to Closed Won", "a stage belongs to the deal"},
        {"Tag contacts from Acme as 'acme'",
         "a city, a company or a lead source"},
        /* at the end of the words: what the step still wanted, not
         * "the instructions end too early" */
        {"Find deals in Proposal and notify @user.manager",
         "what should the notification say"},
        {"Send email using template", "which email"},
    };
    for (size_t i = 0; i < sizeof refusals / sizeof *refusals; i++) {
        struct err e = ERR_INIT;
        json_t *plan = NULL;
        const char *in = refusals[i].in;
        assert_int_equal(plan_parse(in, strlen(in), &plan, NULL, &e),
                         -E_VALIDATION);
        const char *why = jx_str(e.details, "reason");
        if (!why || !strstr(why, refusals[i].reason))
            fail_msg("'%s': reason '%s' should say '%s'", in,
                     why ? why : "(none)", refusals[i].reason);
        err_clear(&e);
    }
}

static void huge_and_deep_inputs_fail_cleanly(void **state)
{
    (void)state;
    size_t n = PLAN_MAX_INSTRUCTIONS + 10;
    char *big = malloc(n);
    memset(big, 'a', n);
    struct err e = ERR_INIT;
    json_t *plan;
    assert_int_equal(plan_parse(big, n, &plan, NULL, &e), -E_VALIDATION);
    err_clear(&e);
    /* 5000 opening parentheses: bounded recursion, clean failure. */
    struct buf b;
    buf_init(&b, 0);
    buf_puts(&b, "If ");
    for (int i = 0; i < 5000; i++)
        buf_putc(&b, '(');
    buf_puts(&b, "contact.replied == true");
    assert_int_equal(plan_parse(buf_cstr(&b), b.len, &plan, NULL, &e),
                     -E_VALIDATION);
    err_clear(&e);
    /* Many steps: the validator's size limit. */
    buf_reset(&b);
    for (int i = 0; i < 300; i++)
        buf_puts(&b, "Stop. ");
    assert_int_equal(plan_parse(buf_cstr(&b), b.len, &plan, NULL, &e),
                     -E_VALIDATION);
    err_clear(&e);
    buf_fini(&b);
    free(big);
    assert_int_equal(plan_parse("\xff\xfe", 2, &plan, NULL, &e), -E_VALIDATION);
    err_clear(&e);
}

struct vcase {
    const char *plan;
    const char *path; /* expected details.path; NULL = valid */
};

static const struct vcase vcases[] = {
    {"{\"steps\":[{\"type\":\"stop\",\"params\":{}}]}", NULL},
    {"{\"steps\":[{\"type\":\"stop\"}]}", NULL},
    {"{\"steps\":[]}", "steps"},
    {"{\"steps\":[{\"type\":\"fly\",\"params\":{}}]}", "steps[0].type"},
    {"{\"steps\":[{\"type\":\"wait\",\"params\":{}}]}",
     "steps[0].params.seconds"},
    {"{\"steps\":[{\"type\":\"wait\",\"params\":{\"seconds\":0}}]}",
     "steps[0].params.seconds"},
    {"{\"steps\":[{\"type\":\"wait\",\"params\":{\"seconds\":7776001}}]}",
     "steps[0].params.seconds"},
    {"{\"steps\":[{\"type\":\"wait\",\"params\":{\"seconds\":\"5\"}}]}",
     "steps[0].params.seconds"},
    {"{\"steps\":[{\"type\":\"stop\",\"params\":{\"why\":1}}]}",
     "steps[0].params"},
    {"{\"steps\":[{\"type\":\"send_email\",\"params\":{\"subject\":\"x\"}}]}",
     "steps[0].params"},
    {"{\"steps\":[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":"
     "\"contact.replied\",\"operator\":\"==\",\"value\":true},\"then\":[{"
     "\"type\":\"add_tag\",\"params\":{\"tags\":[]}}]}}]}",
     "steps[0].params.then[0].params.tags"},
    {"{\"steps\":[{\"type\":\"if\",\"params\":{\"condition\":{\"field\":"
     "\"title\",\"operator\":\"==\",\"value\":1},\"then\":[{\"type\":"
     "\"stop\",\"params\":{}}]}}]}",
     "steps[0].params.condition"},
    {"{\"steps\":[{\"type\":\"search_contacts\",\"params\":{\"where\":{"
     "\"field\":\"title\",\"operator\":\"contains\",\"value\":\"CEO\"}}}]}",
     NULL},
    {"{\"steps\":[{\"type\":\"search_contacts\",\"params\":{\"where\":{"
     "\"field\":\"contact.phone\",\"operator\":\"exists\",\"value\":1}}}]}",
     "steps[0].params.where"},
    {"{\"steps\":[{\"type\":\"search_contacts\",\"params\":{\"where\":{"
     "\"and\":[]}}}]}",
     "steps[0].params.where"},
    {"{\"steps\":[{\"type\":\"search_contacts\",\"params\":{\"where\":{"
     "\"field\":\"contact.x\",\"operator\":\"like\",\"value\":1}}}]}",
     "steps[0].params.where"},
    {"{\"steps\":[{\"type\":\"http_request\",\"params\":{\"url\":"
     "\"ftp://x\"}}]}",
     "steps[0].params.url"},
    {"{\"steps\":[{\"type\":\"update_field\",\"params\":{\"entity\":\"user\","
     "\"field\":\"x\",\"value\":1}}]}",
     "steps[0].params.entity"},
    /* a deal's field in a contact search (none to read); in a deal
     * search, and a contact's in a deal search, it is */
    {"{\"steps\":[{\"type\":\"search_contacts\",\"params\":{\"where\":{"
     "\"not\":{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":"
     "\"Lead\"}}}}]}",
     "steps[0].params.where.not"},
    {"{\"steps\":[{\"type\":\"search_deals\",\"params\":{\"where\":{"
     "\"and\":[{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":"
     "\"Lead\"},{\"field\":\"contact.city\",\"operator\":\"==\","
     "\"value\":\"Berlin\"}]}}}]}",
     NULL},
    {"{\"version\":2,\"steps\":[]}", "plan"},
};

static void validator(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof vcases / sizeof *vcases; i++) {
        json_t *plan = json_loads(vcases[i].plan, 0, NULL);
        assert_non_null(plan);
        struct err e = ERR_INIT;
        int rc = plan_validate(plan, &e);
        if (!vcases[i].path) {
            if (rc)
                fail_msg("%s should be valid: %s", vcases[i].plan, e.msg);
        } else {
            if (rc != -E_VALIDATION)
                fail_msg("%s should be invalid", vcases[i].plan);
            const char *path = jx_str(e.details, "path");
            if (!path || strcmp(path, vcases[i].path) != 0)
                fail_msg("%s: path %s, want %s (%s)", vcases[i].plan,
                         path ? path : "(none)", vcases[i].path, e.msg);
        }
        err_clear(&e);
        json_decref(plan);
    }
    /* Deep nesting of conditions is refused with a clear message. */
    struct buf b;
    buf_init(&b, 0);
    buf_puts(&b, "{\"steps\":[{\"type\":\"search_contacts\",\"params\":{"
                 "\"where\":");
    for (int i = 0; i < 40; i++)
        buf_puts(&b, "{\"not\":");
    buf_puts(&b, "{\"field\":\"contact.x\",\"operator\":\"exists\"}");
    for (int i = 0; i < 40; i++)
        buf_putc(&b, '}');
    buf_puts(&b, "}}]}");
    json_t *deep = json_loads(buf_cstr(&b), 0, NULL);
    struct err e = ERR_INIT;
    assert_int_equal(plan_validate(deep, &e), -E_VALIDATION);
    assert_non_null(strstr(e.msg, "deeper"));
    err_clear(&e);
    json_decref(deep);
    buf_fini(&b);
}

static void parsed_plans_always_validate(void **state)
{
    (void)state;
    /* Every plan the parser returns passes the validator by construction;
     * spot-check a complex one. */
    const char *in =
        "Find contacts where (title contains 'CEO' or title contains "
        "'Founder') and country == 'France', then send template 'FR'. Wait 3 "
        "days. If they haven't replied, hand off to @user.salesRep with "
        "message 'Call them' and a 3 day timeout.";
    struct err e = ERR_INIT;
    json_t *plan;
    assert_int_equal(plan_parse(in, strlen(in), &plan, NULL, &e), 0);
    assert_int_equal(plan_validate(plan, &e), 0);
    assert_int_equal(json_array_size(json_object_get(plan, "steps")), 4);
    json_decref(plan);
}

/* Opening words that say when the agent runs: the trigger beside the
 * plan, always one the agents API accepts, and the steps after it. */
static const struct {
    const char *in, *trigger, *first_step;
} triggers[] = {
    {"When the pricing form comes in, notify #sales: @form.email",
     "{\"type\":\"event\",\"event\":\"form_submitted\","
     "\"formId\":\"pricing\"}",
     "slack_message"},
    {"When someone requests a demo through the website form, notify me: x",
     "{\"type\":\"event\",\"event\":\"form_submitted\","
     "\"formId\":\"website\"}",
     "notify"},
    {"When a lead is created via the API, enrich them.",
     "{\"type\":\"event\",\"event\":\"contact_created\"}",
     "enrich_contact"},
    {"When a contact gets created in the CRM, notify me: new",
     "{\"type\":\"event\",\"event\":\"contact_created\"}", "notify"},
    {"When a deal moves out of Negotiation into Closed Won, post to #wins: "
     "@deal.name",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\","
     "\"conditions\":{\"and\":[{\"field\":\"trigger.previousStage\","
     "\"operator\":\"==\",\"value\":\"Negotiation\"},{\"field\":"
     "\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Won\"}]}}",
     "if"},
    {"When the deal stage changes to anything but Closed Lost, notify me: x",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\","
     "\"conditions\":{\"field\":\"deal.stage\",\"operator\":\"!=\","
     "\"value\":\"Closed Lost\"}}",
     "if"},
    {"When a deal moves to anything except Closed Lost, notify me: x",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\","
     "\"conditions\":{\"field\":\"deal.stage\",\"operator\":\"!=\","
     "\"value\":\"Closed Lost\"}}",
     "if"},
    {"When a contact without a phone is created, tag them x.",
     "{\"type\":\"event\",\"event\":\"contact_created\","
     "\"conditions\":{\"not\":{\"field\":\"contact.phone\","
     "\"operator\":\"exists\"}}}",
     "add_tag"},
    {"Every day except weekends at 7am, notify me: x",
     "{\"type\":\"schedule\",\"cron\":\"0 7 * * 1-5\"}", "notify"},
    {"Make sure every new lead from Germany gets tagged 'DACH' and "
     "receives the 'German intro' template after one day.",
     "{\"type\":\"event\",\"event\":\"contact_created\","
     "\"conditions\":{\"field\":\"contact.country\",\"operator\":"
     "\"==\",\"value\":\"Germany\"}}",
     "add_tag"},
    {"When: a new contact is created\nThen: tag them 'new'",
     "{\"type\":\"event\",\"event\":\"contact_created\"}", "add_tag"},
    {"When a deal over 50k reaches Negotiation, notify me: x",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\","
     "\"conditions\":{\"and\":[{\"field\":\"deal.value\","
     "\"operator\":\">\",\"value\":50000},{\"field\":"
     "\"deal.stage\",\"operator\":\"==\",\"value\":"
     "\"Negotiation\"}]}}",
     "if"},
    {"Process new leads by enriching them and tagging them processed",
     "{\"type\":\"event\",\"event\":\"contact_created\"}",
     "enrich_contact"},
    {"On form submission of 'Contact us', tag the contact inbound.",
     "{\"type\":\"event\",\"event\":\"form_submitted\","
     "\"formId\":\"Contact us\"}",
     "add_tag"},
    {"On submission of the 'Demo' form, notify me: hi",
     "{\"type\":\"event\",\"event\":\"form_submitted\","
     "\"formId\":\"Demo\"}",
     "notify"},
    {"Upon form submit, tag them 'inbound'",
     "{\"type\":\"event\",\"event\":\"form_submitted\"}", "add_tag"},
    {"On deal stage change, notify me: @deal.name moved",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\"}", "notify"},
    {"Every Monday at 9am, tag them 'x'",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"dayOfWeek\":1,"
     "\"time\":\"09:00\"}",
     "add_tag"},
    {"Daily at 6:30 pm: notify me: eod",
     "{\"type\":\"schedule\",\"preset\":\"daily\",\"time\":\"18:30\"}",
     "notify"},
    {"At 7am every weekday, notify me: hi",
     "{\"type\":\"schedule\",\"cron\":\"0 7 * * 1-5\"}", "notify"},
    {"On the 15th of each month at noon, notify me: hi",
     "{\"type\":\"schedule\",\"preset\":\"monthly\",\"dayOfMonth\":15,"
     "\"time\":\"12:00\"}",
     "notify"},
    {"Every Monday at 9am CET, notify me: hi",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"dayOfWeek\":1,"
     "\"time\":\"09:00\",\"timezone\":\"Europe/Berlin\"}",
     "notify"},
    {"Every weekday at 9 (America/Argentina/Buenos_Aires): notify me: hi",
     "{\"type\":\"schedule\",\"cron\":\"0 9 * * 1-5\",\"timezone\":"
     "\"America/Argentina/Buenos_Aires\"}",
     "notify"},
    {"Daily at 8.15pm Tokyo time, notify me: hi",
     "{\"type\":\"schedule\",\"preset\":\"daily\",\"time\":\"20:15\","
     "\"timezone\":\"Asia/Tokyo\"}",
     "notify"},
    {"Every 15 minutes, notify me: hi",
     "{\"type\":\"schedule\",\"cron\":\"*/15 * * * *\"}", "notify"},
    {"Every hour, notify me: hi",
     "{\"type\":\"schedule\",\"preset\":\"hourly\"}", "notify"},
    {"When a new lead is created, tag them 'new'",
     "{\"type\":\"event\",\"event\":\"contact_created\"}", "add_tag"},
    {"Whenever someone fills out the 'demo' form, hand off to @user.rep",
     "{\"type\":\"event\",\"event\":\"form_submitted\",\"formId\":"
     "\"demo\"}",
     "handoff"},
    {"When a webhook arrives, notify me: hi", "{\"type\":\"webhook\"}",
     "notify"},
    {"When a deal's stage changes, notify me: @deal.stage",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\"}", "notify"},
    /* The stage is also the plan's if. */
    {"Whenever a deal moves to Negotiation, notify me: hi",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\","
     "\"conditions\":{\"field\":\"deal.stage\",\"operator\":\"==\","
     "\"value\":\"Negotiation\"}}",
     "if"},
    /* A trigger in the last words. */
    {"Send template 'Welcome' to every new contact",
     "{\"type\":\"event\",\"event\":\"contact_created\"}",
     "send_email"},
    {"Send template 'Welcome', then tag them 'welcomed', for every new lead.",
     "{\"type\":\"event\",\"event\":\"contact_created\"}",
     "send_email"},
    {"Tag them 'x' when someone submits the form 'demo'",
     "{\"type\":\"event\",\"event\":\"form_submitted\",\"formId\":"
     "\"demo\"}",
     "add_tag"},
    /* One weekday, then a comma: not a list of two days. */
    {"Every Monday, tag them 'x'",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"dayOfWeek\":1,"
     "\"time\":\"09:00\"}",
     "add_tag"},
    /* "For new leads ..." opens a trigger, with its conditions. */
    {"For new contacts from the website, tag them 'web'",
     "{\"type\":\"event\",\"event\":\"contact_created\","
     "\"conditions\":{\"field\":\"contact.source\",\"operator\":"
     "\"==\",\"value\":\"website\"}}",
     "add_tag"},
    /* Events agentd does not have are refused. */
    {"When a new deal is created, notify me: hi", NULL, NULL},
    /* A form's name of several words, without quotes. */
    {"When someone submits the demo request form, tag them 'demo'",
     "{\"type\":\"event\",\"event\":\"form_submitted\",\"formId\":"
     "\"demo request\"}",
     "add_tag"},
    /* "each new lead" is the trigger, not the objects "each" of a step. */
    {"Send the Welcome template to each new lead",
     "{\"type\":\"event\",\"event\":\"contact_created\"}",
     "send_email"},
    /* Which new contacts start a run. */
    {"When a new lead comes in from LinkedIn, enrich them",
     "{\"type\":\"event\",\"event\":\"contact_created\","
     "\"conditions\":{\"field\":\"contact.source\",\"operator\":"
     "\"==\",\"value\":\"LinkedIn\"}}",
     "enrich_contact"},
    {"Send template 'Welcome' to every new contact in Germany",
     "{\"type\":\"event\",\"event\":\"contact_created\","
     "\"conditions\":{\"field\":\"contact.country\",\"operator\":"
     "\"==\",\"value\":\"Germany\"}}",
     "send_email"},
    {"Every 1st of the month at 9am, notify me: hi",
     "{\"type\":\"schedule\",\"preset\":\"monthly\","
     "\"dayOfMonth\":1,\"time\":\"09:00\"}",
     "notify"},
    {"Whenever a deal is marked Closed Won, notify me: won",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\","
     "\"conditions\":{\"field\":\"deal.stage\",\"operator\":\"==\","
     "\"value\":\"Closed Won\"}}",
     "if"},
    /* A stage in the last words: the trigger, and the plan's if too. */
    {"Create a task 'Prepare contract' whenever a deal moves to "
     "Negotiation and its value is over 10k.",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\","
     "\"conditions\":{\"and\":[{\"field\":\"deal.stage\","
     "\"operator\":\"==\",\"value\":\"Negotiation\"},"
     "{\"field\":\"deal.value\",\"operator\":\">\","
     "\"value\":10000}]}}",
     "if"},
    {"Send template 'Follow up', whenever a deal moves to Negotiation",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\","
     "\"conditions\":{\"field\":\"deal.stage\",\"operator\":\"==\","
     "\"value\":\"Negotiation\"}}",
     "if"},
    {"Every Monday at 9am tag them 'x' when a deal moves to Won", NULL,
     NULL},
    /* Two triggers are refused; a condition at the end stays one. On a
     * schedule, "each new contact" is one created since the run before
     * (a search), not the contacts' event. */
    {"Every Monday at 9am send template 'X' for each new contact",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"time\":\"09:00\","
     "\"dayOfWeek\":1}",
     "search_contacts"},
    {"Send template 'Welcome' when they reply", NULL, "if"},
    /* No trigger: a condition that is not about a stage, and words that
     * only look like one. */
    {"When they reply, stop", NULL, "if"},
    /* "for each deal in a stage" is the deals there now (it set a stage
     * trigger); "for each deal that moves to" is refused */
    {"For each deal in Negotiation over $50k, notify me: x", NULL,
     "search_deals"},
    {"For each deal that moves to Negotiation, notify me: x", NULL, NULL},
    /* new signups: the contact-created event */
    {"Send template 'Welcome' to new signups",
     "{\"type\":\"event\",\"event\":\"contact_created\"}", "send_email"},
    /* a delay after a deal is won: the stage's event */
    {"Send template 'NPS' 30 days after their deal is won",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\",\"conditions\":"
     "{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":"
     "\"Closed Won\"}}",
     "wait"},
    /* several days or hours in one cron line; quarters and years */
    {"Every Monday, Wednesday and Friday, notify me: x",
     "{\"type\":\"schedule\",\"cron\":\"0 9 * * 1,3,5\"}", "notify"},
    {"On the 1st and 15th of every month, notify me: x",
     "{\"type\":\"schedule\",\"cron\":\"0 9 1,15 * *\"}", "notify"},
    {"Every day at 9am and 5pm, notify me: x",
     "{\"type\":\"schedule\",\"cron\":\"0 9,17 * * *\"}", "notify"},
    {"Quarterly on the 15th at 10am, notify me: x",
     "{\"type\":\"schedule\",\"cron\":\"0 10 15 1,4,7,10 *\"}",
     "notify"},
    {"Every year on January 1st, notify me: x",
     "{\"type\":\"schedule\",\"cron\":\"0 9 1 1 *\"}", "notify"},
    {"Every other week, send template 'N'", NULL, NULL},
    /* "on the hour" is the hourly preset's own minute */
    {"Every hour on the hour, check for new contacts and tag them 'New'",
     "{\"type\":\"schedule\",\"preset\":\"hourly\"}", "search_contacts"},
    /* a schedule at the end of the instructions */
    {"Run the 'Lead scoring' agent every night at midnight",
     "{\"type\":\"schedule\",\"preset\":\"daily\",\"time\":\"00:00\"}",
     "run_agent"},
    {"Send template 'X' to contacts tagged y every Monday at 9am",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"time\":\"09:00\","
     "\"dayOfWeek\":1}",
     "search_contacts"},
    {"Every evening, notify me: Done",
     "{\"type\":\"schedule\",\"preset\":\"daily\",\"time\":\"18:00\"}",
     "notify"},
    {"Send 'Welcome' template to new contacts from the 'Website' source",
     "{\"type\":\"event\",\"event\":\"contact_created\",\"conditions\":"
     "{\"field\":\"contact.source\",\"operator\":\"==\",\"value\":"
     "\"Website\"}}",
     "send_email"},
    {"I'd like the agent to notify me whenever a deal moves into "
     "Negotiation: @deal.name is negotiating",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\",\"conditions\":"
     "{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":"
     "\"Negotiation\"}}",
     "if"},
    {"Any time a new contact signs up from Google Ads, tag them 'paid'",
     "{\"type\":\"event\",\"event\":\"contact_created\",\"conditions\":"
     "{\"field\":\"contact.source\",\"operator\":\"==\",\"value\":"
     "\"Google Ads\"}}",
     "add_tag"},
    {"Every Sunday night at 10pm, find deals updated this week",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"time\":\"22:00\","
     "\"dayOfWeek\":0}",
     "search_deals"},
    {"Twice a week, on Tuesdays and Thursdays at noon, tag contacts with "
     "lead score over 80 as 'hot'",
     "{\"type\":\"schedule\",\"cron\":\"0 12 * * 2,4\"}",
     "search_contacts"},
    {"When a new contact is created, if their title contains 'Student', "
     "skip them; otherwise send template 'Welcome'",
     "{\"type\":\"event\",\"event\":\"contact_created\"}", "if"},
    {"When a form is submitted and the budget is over 10000, hand off to "
     "@user.ae",
     "{\"type\":\"event\",\"event\":\"form_submitted\",\"conditions\":"
     "{\"field\":\"form.budget\",\"operator\":\">\",\"value\":10000}}",
     "handoff"},
    {"When someone submits the demo form with a team size of at least 50, "
     "notify @user.ae: Big team",
     "{\"type\":\"event\",\"event\":\"form_submitted\",\"formId\":"
     "\"demo\",\"conditions\":{\"field\":\"form.teamSize\",\"operator\""
     ":\">=\",\"value\":50}}",
     "notify"},
    {"Check every hour for new deals in Lead and notify @user.sdr: New "
     "deal @deal.name",
     "{\"type\":\"schedule\",\"preset\":\"hourly\"}", "search_deals"},
    {"At the start of every month, reset the lead score of contacts tagged "
     "'monthly' to 0",
     "{\"type\":\"schedule\",\"preset\":\"monthly\",\"time\":\"09:00\","
     "\"dayOfMonth\":1}",
     "search_contacts"},
    {"New contact -> tag 'new' -> send template 'Welcome'",
     "{\"type\":\"event\",\"event\":\"contact_created\"}", "add_tag"},
    {"As soon as a new lead arrives, send template 'Hello'",
     "{\"type\":\"event\",\"event\":\"contact_created\"}",
     "send_email"},
    /* an hourly schedule kept to hours and days */
    {"Every hour between 9am and 5pm, tag contacts tagged x as 'y'",
     "{\"type\":\"schedule\",\"cron\":\"0 9-17 * * *\"}", "search_contacts"},
    {"Every 2 hours from 8am to 6pm on weekdays, notify me: hi",
     "{\"type\":\"schedule\",\"cron\":\"0 8-18/2 * * 1-5\"}", "notify"},
    {"Every 30 minutes from 9 to 5, notify me: hi",
     "{\"type\":\"schedule\",\"cron\":\"*/30 9-16 * * *\"}", "notify"},
    {"Every hour on weekdays, notify me: hi",
     "{\"type\":\"schedule\",\"cron\":\"0 * * * 1-5\"}", "notify"},
    /* a form named after "signs up via", "comes in through"; a source
     * after "comes in via" */
    {"When a lead signs up via the pricing form, send template 'Pricing'",
     "{\"type\":\"event\",\"event\":\"form_submitted\",\"formId\":"
     "\"pricing\"}",
     "send_email"},
    {"When a new lead comes in via LinkedIn, tag them x",
     "{\"type\":\"event\",\"event\":\"contact_created\",\"conditions\":"
     "{\"field\":\"contact.source\",\"operator\":\"==\",\"value\":"
     "\"LinkedIn\"}}",
     "add_tag"},
    /* words that ask for the agent, then its trigger and verbs */
    {"Create an agent that every Monday at 9am finds deals in Proposal and "
     "notifies the owner: check @deal.name",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"time\":\"09:00\","
     "\"dayOfWeek\":1}",
     "search_deals"},
    {"I need an agent that tags every new contact from the website as "
     "'Inbound' and assigns them to @user.sdr",
     "{\"type\":\"event\",\"event\":\"contact_created\",\"conditions\":"
     "{\"field\":\"contact.source\",\"operator\":\"==\",\"value\":"
     "\"website\"}}",
     "add_tag"},
    {"OK so, every Monday at 9am find contacts tagged x and tag them y",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"time\":\"09:00\","
     "\"dayOfWeek\":1}",
     "search_contacts"},
    /* a contact created through a form: that form's submissions */
    {"When a contact is created via the website form, send template 'W'",
     "{\"type\":\"event\",\"event\":\"form_submitted\",\"formId\":"
     "\"website\"}",
     "send_email"},
    {"When a new lead comes in from the 'demo' form, tag them 'demo'",
     "{\"type\":\"event\",\"event\":\"form_submitted\",\"formId\":"
     "\"demo\"}",
     "add_tag"},
    /* "Run" before the schedule; "and" after it */
    {"Run every 15 minutes and notify me: hi",
     "{\"type\":\"schedule\",\"cron\":\"*/15 * * * *\"}", "notify"},
    {"Run this agent every Monday at 9am: stop",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"time\":\"09:00\","
     "\"dayOfWeek\":1}",
     "stop"},
    /* a day of the year after "every" */
    {"Every January 1st at 9am, notify me: Happy new year",
     "{\"type\":\"schedule\",\"cron\":\"0 9 1 1 *\"}", "notify"},
    /* a title after "new": new contacts with it */
    {"Send template 'Nudge' to each new CEO",
     "{\"type\":\"event\",\"event\":\"contact_created\",\"conditions\":"
     "{\"field\":\"contact.title\",\"operator\":\"contains\",\"value\":"
     "\"CEO\"}}",
     "send_email"},
    /* a schedule before a message's "with"; a count in the message */
    {"Notify me every morning with the number of new leads",
     "{\"type\":\"schedule\",\"preset\":\"daily\",\"time\":\"09:00\"}",
     "search_contacts"},
    /* "on" before a deal's outcome; any stage */
    {"On deal won, post to #wins: x",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\",\"conditions\":"
     "{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":"
     "\"Closed Won\"}}",
     "if"},
    {"When a deal moves to any stage, notify me: @deal.stage",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\"}", "notify"},
    /* a webhook named among other words; its payload's fields */
    {"When a Stripe payment webhook comes in, tag the contact 'paid'",
     "{\"type\":\"webhook\"}", "add_tag"},
    {"When our app sends a webhook, notify me: x", "{\"type\":\"webhook\"}",
     "notify"},
    {"When the webhook payload has status 'churned', tag the contact 'x'",
     "{\"type\":\"webhook\"}", "if"},
    {"When a webhook is received with event 'signup', notify me: x",
     "{\"type\":\"webhook\"}", "if"},
    /* "find the contact" in a run about one: no search of them all */
    {"When a deal is won, find the contact and update their status to "
     "'Customer'",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\",\"conditions\":"
     "{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":"
     "\"Closed Won\"}}",
     "if"},
    {"When a deal is moved to Closed Won with a value over 100k, notify me: x",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\",\"conditions\":"
     "{\"and\":[{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":"
     "\"Closed Won\"},{\"field\":\"deal.value\",\"operator\":\">\","
     "\"value\":100000}]}}",
     "if"},
    /* an opener with a colon; "my agent should"; "that nobody owns" */
    {"Build a workflow: when a deal is lost, wait 30 days, then send "
     "template 'Win Back'",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\",\"conditions\":"
     "{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":"
     "\"Closed Lost\"}}",
     "if"},
    {"My agent should check every hour for contacts tagged 'urgent' and "
     "tag them 'seen'",
     "{\"type\":\"schedule\",\"preset\":\"hourly\"}", "search_contacts"},
    {"Every hour, if there are new contacts, notify me: New contacts!",
     "{\"type\":\"schedule\",\"preset\":\"hourly\"}", "search_contacts"},
    /* "notify me about new leads: ...": the new contacts' event */
    {"Notify me about new leads: @contact.firstName",
     "{\"type\":\"event\",\"event\":\"contact_created\"}", "notify"},
    {"Every Monday, notify me about new leads: x",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"time\":\"09:00\","
     "\"dayOfWeek\":1}",
     "search_contacts"},
    /* "assign it" in a run about one record, no task before: the record */
    {"When a new lead comes in from the website form, assign it to "
     "@user.sdr and send 'Thanks for reaching out'",
     "{\"type\":\"event\",\"event\":\"form_submitted\",\"formId\":"
     "\"website\"}",
     "handoff"},
    /* the days and the hours of an hourly schedule, either first */
    {"Every hour on weekdays between 9am and 5pm, find contacts tagged x",
     "{\"type\":\"schedule\",\"cron\":\"0 9-17 * * 1-5\"}",
     "search_contacts"},
    /* a schedule among an e-mail's words */
    {"Send 'Quarterly Update' every Monday to contacts tagged 'investor'",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"time\":\"09:00\","
     "\"dayOfWeek\":1}",
     "search_contacts"},
    /* "min", "hrs" in a schedule */
    {"Every 15 min, find contacts tagged x",
     "{\"type\":\"schedule\",\"cron\":\"*/15 * * * *\"}",
     "search_contacts"},
    /* a deal that leaves a stage; one that goes back; any stage change */
    {"When a deal is moved out of Negotiation, notify me: x",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\","
     "\"conditions\":{\"field\":\"trigger.previousStage\","
     "\"operator\":\"==\",\"value\":\"Negotiation\"}}",
     "if"},
    {"When a deal goes back from Negotiation to Qualified, notify me: x",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\","
     "\"conditions\":{\"and\":[{\"field\":\"trigger.previousStage\","
     "\"operator\":\"==\",\"value\":\"Negotiation\"},{\"field\":"
     "\"deal.stage\",\"operator\":\"==\",\"value\":\"Qualified\"}]}}",
     "if"},
    {"When any deal changes stage, post to #pipeline: @deal.name",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\"}",
     "slack_message"},
    /* a payload's field quoted, its value after "of" */
    {"When a webhook is received with a 'plan' of 'enterprise', notify me: x",
     "{\"type\":\"webhook\"}", "if"},
    /* a numbered list opened after a colon */
    {"Every Monday: 1) find contacts tagged 'weekly' 2) send them 'Digest'",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"time\":\"09:00\","
     "\"dayOfWeek\":1}",
     "search_contacts"},
    /* the new contacts' event said again after it */
    {"Send 'Welcome' to new contacts from Germany as soon as they're created",
     "{\"type\":\"event\",\"event\":\"contact_created\",\"conditions\":"
     "{\"field\":\"contact.country\",\"operator\":\"==\",\"value\":"
     "\"Germany\"}}",
     "send_email"},
    {"Tag every new contact 'inbound' as they come in",
     "{\"type\":\"event\",\"event\":\"contact_created\"}", "add_tag"},
    /* a template's name alone before the delay after a deal is won */
    {"Send 'NPS' 30 days after their deal is won",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\",\"conditions\":"
     "{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":"
     "\"Closed Won\"}}",
     "wait"},
    /* new contacts on a schedule, as whom a step is for */
    {"Every day at 9am, tag new contacts 'fresh'",
     "{\"type\":\"schedule\",\"preset\":\"daily\",\"time\":\"09:00\"}",
     "search_contacts"},
    {"Every morning at 7, send 'Hi' to new contacts",
     "{\"type\":\"schedule\",\"preset\":\"daily\",\"time\":\"07:00\"}",
     "search_contacts"},
    /* a day in the plural says every one */
    {"Mondays at 8am: find contacts tagged 'weekly' and send 'Weekly'",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"time\":\"08:00\","
     "\"dayOfWeek\":1}",
     "search_contacts"},
    {"Weekdays at 9, send 'Hi' to contacts tagged 'x'",
     "{\"type\":\"schedule\",\"cron\":\"0 9 * * 1-5\"}",
     "search_contacts"},
    {"Every weekend at noon, notify me: weekend.",
     "{\"type\":\"schedule\",\"cron\":\"0 12 * * 6,0\"}",
     "notify"},
    {"Weekends at 10am: notify me: weekend.",
     "{\"type\":\"schedule\",\"cron\":\"0 10 * * 6,0\"}",
     "notify"},
    {"Twice a day at 9am and 5pm, notify me: hi.",
     "{\"type\":\"schedule\",\"cron\":\"0 9,17 * * *\"}",
     "notify"},
    {"New leads from Google Ads should get template 'Ads Welcome' and be "
     "tagged 'paid'.",
     "{\"type\":\"event\",\"event\":\"contact_created\",\"conditions\":{\""
     "field\":\"contact.source\",\"operator\":\"==\",\"value\":\"Google Ad"
     "s\"}}",
     "send_email"},
    {"When a contact is created and their title contains CEO, hand off "
     "to @user.ae; otherwise send template 'Welcome'.",
     "{\"type\":\"event\",\"event\":\"contact_created\"}",
     "if"},
    /* a region's time after the schedule */
    {"Every Monday at 8am Pacific, stop",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"time\":\"08:00\","
     "\"dayOfWeek\":1,\"timezone\":\"America/Los_Angeles\"}",
     "stop"},
    {"Every contact in Germany: tag them 'x'", NULL, NULL},
    {"Find contacts where title contains CEO", NULL, "search_contacts"},
    /* A trigger where the step's contacts are, with more of the step
     * after it. */
    {"Tag each new contact 'inbound'",
     "{\"type\":\"event\",\"event\":\"contact_created\"}", "add_tag"},
    {"Tag new contacts from Google Ads as 'paid'",
     "{\"type\":\"event\",\"event\":\"contact_created\","
     "\"conditions\":{\"field\":\"contact.source\",\"operator\":\"==\","
     "\"value\":\"Google Ads\"}}",
     "add_tag"},
    {"Send a welcome email to every new contact using template 'Welcome'",
     "{\"type\":\"event\",\"event\":\"contact_created\"}",
     "send_email"},
    {"Create a task for each new lead: call them",
     "{\"type\":\"event\",\"event\":\"contact_created\"}",
     "create_task"},
    /* ... or between a message step's first words and its text. */
    {"Post to #alerts on Slack when a deal is lost: @deal.name was lost",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\","
     "\"conditions\":{\"field\":\"deal.stage\",\"operator\":\"==\","
     "\"value\":\"Closed Lost\"}}",
     "if"},
    {"Notify @user.rep whenever someone submits the demo form: Demo",
     "{\"type\":\"event\",\"event\":\"form_submitted\","
     "\"formId\":\"demo\"}",
     "notify"},
    /* ... or after a task's title without a colon. */
    {"Create a task to call them when a new lead comes in",
     "{\"type\":\"event\",\"event\":\"contact_created\"}",
     "create_task"},
    /* ... a schedule there too; a deal's conditions before its move; a
     * new contact's before "is created"; "after" an event. */
    {"Post to #marketing every Monday at 10am: Pipeline review",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"dayOfWeek\":1,"
     "\"time\":\"10:00\"}",
     "slack_message"},
    {"When a deal over 100k moves to Negotiation, notify me: big one",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\","
     "\"conditions\":{\"and\":[{\"field\":\"deal.value\",\"operator\":"
     "\">\",\"value\":100000},{\"field\":\"deal.stage\",\"operator\":"
     "\"==\",\"value\":\"Negotiation\"}]}}",
     "if"},
    {"Let @user.rep know when a contact with title CEO is created: CEO!",
     "{\"type\":\"event\",\"event\":\"contact_created\","
     "\"conditions\":{\"field\":\"contact.title\",\"operator\":\"==\","
     "\"value\":\"CEO\"}}",
     "notify"},
    {"After a deal is won, create a task: Kickoff",
     "{\"type\":\"event\",\"event\":\"deal_stage_updated\","
     "\"conditions\":{\"field\":\"deal.stage\",\"operator\":\"==\","
     "\"value\":\"Closed Won\"}}",
     "if"},
    {"After 3 days, notify me: x", NULL, "wait"},
    /* "new" in a scheduled agent: since the run before */
    {"Every 2 hours, check for new contacts and tag them 'x'",
     "{\"type\":\"schedule\",\"cron\":\"0 */2 * * *\"}",
     "search_contacts"},
    /* ... also as whom a step is for ("tag new contacts", not the new
     * contacts' event, which the schedule leaves no room for) */
    {"Every Monday, tag new contacts 'x'",
     "{\"type\":\"schedule\",\"preset\":\"weekly\",\"time\":\"09:00\","
     "\"dayOfWeek\":1}",
     "search_contacts"},
    /* Events agentd does not have, however they are qualified. */
    {"Notify me when a deal worth more than $100,000 is created", NULL,
     NULL},
    {"When a company in Germany is added, tag them 'x'", NULL, NULL},
    /* Two, wherever they are, are refused. */
    {"Tag each new contact 'inbound' when a form is submitted", NULL, NULL},
    {"Every Monday notify me when a deal is lost: x", NULL, NULL},
};

static void trigger_clauses(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof triggers / sizeof *triggers; i++) {
        const char *in = triggers[i].in;
        struct err e = ERR_INIT;
        json_t *plan = NULL, *trigger = NULL;
        int rc = plan_parse(in, strlen(in), &plan, &trigger, &e);
        if (!triggers[i].first_step) {
            if (rc != -E_VALIDATION || trigger)
                fail_msg("'%s' should fail without a trigger", in);
            err_clear(&e);
            continue;
        }
        if (rc)
            fail_msg("parse failed: %s\n  %s (%s)", in, e.msg,
                     e.details ? jx_dump(e.details) : "");
        const char *type = jx_str(
            json_array_get(json_object_get(plan, "steps"), 0), "type");
        if (!type || strcmp(type, triggers[i].first_step))
            fail_msg("%s: first step %s, want %s", in, type ? type : "none",
                     triggers[i].first_step);
        if (!triggers[i].trigger) {
            if (trigger)
                fail_msg("%s: no trigger wanted, got %s", in,
                         jx_dump(trigger));
        } else {
            json_t *want = json_loads(triggers[i].trigger, 0, NULL);
            assert_non_null(want);
            if (!trigger || !json_equal(trigger, want))
                fail_msg("%s\n  got  %s\n  want %s", in,
                         trigger ? jx_dump(trigger) : "none",
                         triggers[i].trigger);
            if (agents_trigger_check(trigger, &e) != 0)
                fail_msg("%s: the agents API refuses it: %s", in, e.msg);
            json_decref(want);
        }
        json_decref(trigger);
        json_decref(plan);
        err_clear(&e);
    }
    /* A trigger with nothing to do is no plan. */
    struct err e = ERR_INIT;
    json_t *plan = NULL, *trigger = NULL;
    assert_int_equal(plan_parse("Every Monday at 9am", 19, &plan, &trigger,
                                &e),
                     -E_VALIDATION);
    assert_null(trigger);
    err_clear(&e);
}

/* @trigger.<name> reads a webhook's payload (trigger.body) when the
 * trigger has no such key of its own; its own keys come first. */
static void trigger_payload_names(void **state)
{
    (void)state;
    json_t *trigger = json_loads(
        "{\"type\": \"webhook\", \"body\": {\"email\": \"a@b.io\", "
        "\"type\": \"signup\", \"n\": 3}}",
        0, NULL);
    struct vars v = {.trigger = trigger};
    json_t *x = vars_value(&v, "@trigger.email");
    assert_string_equal(json_string_value(x), "a@b.io");
    json_decref(x);
    x = vars_value(&v, "@trigger.type"); /* the trigger's own */
    assert_string_equal(json_string_value(x), "webhook");
    json_decref(x);
    x = vars_value(&v, "@trigger.body.n");
    assert_int_equal(json_integer_value(x), 3);
    json_decref(x);
    x = vars_value(&v, "@trigger.missing");
    assert_true(x == NULL || json_is_null(x));
    json_decref(x);
    json_decref(trigger);
}

/* A word a letter off the vocabulary is read as it, only where the first
 * reading failed; the words that are words of their own stay. */
static void misspelt_words(void **state)
{
    (void)state;
    static const char *const words[] = {"the", "tag", "tagged", "contact",
                                        "contacts", "notify", "send", NULL};
    /* ("sent" is a letter from "send", but changing a letter of a word
     * of four is not tried: too many words are that close) */
    static const char src[] =
        "Find contacs taged tags tagg teh sent notfy tga thee sendd Tagg";
    struct lex *lx = lex_new(src, sizeof src - 1, 1000);
    assert_non_null(lx);
    assert_int_equal(lex_fix_typos(lx, words), 9);
    static const char *const want[] = {
        "find", "contacts", "tagged", "tags", "tag", "the", "sent",
        "notify", "tag", "the", "send", "tag"};
    for (int j = 0; j < 12; j++)
        assert_string_equal(lx->toks[j].text, want[j]);
    assert_string_equal(lx->toks[1].raw, "contacs"); /* raw as written */
    lex_free(lx);

    /* through the parser: the misspelt reading, and a parse that read
     * fine is never read again (no word of it changes) */
    struct err e = ERR_INIT;
    json_t *plan = NULL;
    static const char ok[] = "Find contacs taged 'vip' and tagg them 'x'";
    assert_int_equal(plan_parse(ok, sizeof ok - 1, &plan, NULL, &e), 0);
    char *got = json_dumps(json_object_get(plan, "steps"),
                           JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(
        got, "[{\"params\":{\"where\":{\"field\":\"contact.tags\","
             "\"operator\":\"contains\",\"value\":\"vip\"}},\"type\":"
             "\"search_contacts\"},{\"params\":{\"tags\":[\"x\"]},"
             "\"type\":\"add_tag\"}]");
    free(got);
    json_decref(plan);
    plan = NULL;
    /* when the second reading fails too, the first one's failure is
     * said, at the words as written */
    static const char bad[] = "Find contacs taged 'vip' and frobnicate them";
    assert_int_not_equal(plan_parse(bad, sizeof bad - 1, &plan, NULL, &e),
                         0);
    assert_null(plan);
    const char *text = jx_str(e.details, "text");
    assert_non_null(text);
    assert_non_null(strstr(text, "contacs"));
    err_clear(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(misspelt_words),
        cmocka_unit_test(lexer_tokens),
        cmocka_unit_test(lexer_lists),
        cmocka_unit_test(conditions_per_record),
        cmocka_unit_test(lexer_stays_in_bounds),
        cmocka_unit_test(grammar_pieces),
        cmocka_unit_test(honest_failures),
        cmocka_unit_test(refusals_say_what_to_write),
        cmocka_unit_test(huge_and_deep_inputs_fail_cleanly),
        cmocka_unit_test(validator),
        cmocka_unit_test(parsed_plans_always_validate),
        cmocka_unit_test(trigger_clauses),
        cmocka_unit_test(trigger_payload_names),
    };
    return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
