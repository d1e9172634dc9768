/*
 * lexicon: the parser's vocabulary; see lexicon.h.
 *
 * Matching always prefers the longest phrase, so order within a table does
 * not matter. Canonical names (camelCase) appear lower-cased because the
 * tokenizer lower-cases words.
 */
#include "plan/lexicon.h"

#include <stddef.h>

const struct lex_field lex_fields[] = {
    /* contact */
    {"first name", "contact.firstName", VT_TEXT},
    {"firstname", "contact.firstName", VT_TEXT},
    {"given name", "contact.firstName", VT_TEXT},
    {"last name", "contact.lastName", VT_TEXT},
    {"lastname", "contact.lastName", VT_TEXT},
    {"surname", "contact.lastName", VT_TEXT},
    {"family name", "contact.lastName", VT_TEXT},
    {"email", "contact.email", VT_TEXT},
    {"e-mail", "contact.email", VT_TEXT},
    {"email address", "contact.email", VT_TEXT},
    {"phone", "contact.phone", VT_TEXT},
    {"phone number", "contact.phone", VT_TEXT},
    {"mobile", "contact.phone", VT_TEXT},
    {"mobile number", "contact.phone", VT_TEXT},
    {"telephone", "contact.phone", VT_TEXT},
    {"title", "contact.title", VT_TEXT},
    {"job title", "contact.title", VT_TEXT},
    {"titles", "contact.title", VT_TEXT},
    {"job titles", "contact.title", VT_TEXT},
    {"role", "contact.title", VT_TEXT},
    {"position", "contact.title", VT_TEXT},
    {"status", "contact.status", VT_TEXT},
    {"lead status", "contact.status", VT_TEXT},
    {"contact status", "contact.status", VT_TEXT},
    {"tags", "contact.tags", VT_TAGS},
    {"tag", "contact.tags", VT_TAGS},
    {"linkedin url", "contact.linkedinUrl", VT_TEXT},
    {"linkedinurl", "contact.linkedinUrl", VT_TEXT},
    {"linkedin_url", "contact.linkedinUrl", VT_TEXT},
    {"linkedin profile", "contact.linkedinUrl", VT_TEXT},
    {"linkedin link", "contact.linkedinUrl", VT_TEXT},
    {"linkedin", "contact.linkedinUrl", VT_TEXT},
    {"source", "contact.source", VT_TEXT},
    {"lead source", "contact.source", VT_TEXT},
    {"replied", "contact.replied", VT_BOOL},
    {"opened email", "contact.openedEmail", VT_BOOL},
    {"opened_email", "contact.openedEmail", VT_BOOL},
    {"openedemail", "contact.openedEmail", VT_BOOL},
    {"interested", "contact.interested", VT_BOOL},
    {"lead score", "contact.leadScore", VT_TEXT},
    {"leadscore", "contact.leadScore", VT_TEXT},
    {"lead_score", "contact.leadScore", VT_TEXT},
    {"score", "contact.leadScore", VT_TEXT},
    {"last contacted", "contact.lastContactedAt", VT_TIME},
    {"last contact", "contact.lastContactedAt", VT_TIME},
    {"last contact date", "contact.lastContactedAt", VT_TIME},
    {"last activity", "contact.updatedAt", VT_TIME},
    {"last activity date", "contact.updatedAt", VT_TIME},
    {"last touch", "contact.lastContactedAt", VT_TIME},
    {"last touched", "contact.lastContactedAt", VT_TIME},
    {"last outreach", "contact.lastContactedAt", VT_TIME},
    {"lastcontactedat", "contact.lastContactedAt", VT_TIME},
    {"contacted", "contact.lastContactedAt", VT_TIME},
    {"reached out to", "contact.lastContactedAt", VT_TIME},
    {"emailed", "contact.lastContactedAt", VT_TIME},
    {"last emailed", "contact.lastContactedAt", VT_TIME},
    {"created", "contact.createdAt", VT_TIME},
    {"created at", "contact.createdAt", VT_TIME},
    {"created date", "contact.createdAt", VT_TIME},
    {"date created", "contact.createdAt", VT_TIME},
    {"createdat", "contact.createdAt", VT_TIME},
    {"creation date", "contact.createdAt", VT_TIME},
    {"added", "contact.createdAt", VT_TIME},
    {"signed up", "contact.createdAt", VT_TIME},
    {"joined", "contact.createdAt", VT_TIME},
    {"registered", "contact.createdAt", VT_TIME},
    {"updated", "contact.updatedAt", VT_TIME},
    {"updated at", "contact.updatedAt", VT_TIME},
    {"updatedat", "contact.updatedAt", VT_TIME},
    {"modified", "contact.updatedAt", VT_TIME},
    {"last updated", "contact.updatedAt", VT_TIME},
    {"owner", "contact.ownerId", VT_TEXT},
    {"ownerid", "contact.ownerId", VT_TEXT},
    {"city", "contact.city", VT_TEXT},
    {"country", "contact.country", VT_TEXT},
    {"id", "contact.id", VT_TEXT},
    {"companyid", "contact.companyId", VT_TEXT},
    /* company */
    {"company name", "company.name", VT_TEXT},
    {"company", "company.name", VT_TEXT},
    {"industry", "company.industry", VT_TEXT},
    {"company industry", "company.industry", VT_TEXT},
    {"sector", "company.industry", VT_TEXT},
    {"vertical", "company.industry", VT_TEXT},
    {"company size", "company.size", VT_NUM},
    {"size", "company.size", VT_NUM},
    {"employees", "company.size", VT_NUM},
    {"employee count", "company.size", VT_NUM},
    {"number of employees", "company.size", VT_NUM},
    {"headcount", "company.size", VT_NUM},
    {"team size", "company.size", VT_NUM},
    {"domain", "company.domain", VT_TEXT},
    {"website", "company.domain", VT_TEXT},
    {"company domain", "company.domain", VT_TEXT},
    {"company country", "company.country", VT_TEXT},
    /* deal */
    {"deal value", "deal.value", VT_NUM},
    {"value", "deal.value", VT_NUM},
    {"amount", "deal.value", VT_NUM},
    {"deal amount", "deal.value", VT_NUM},
    {"deal size", "deal.value", VT_NUM},
    {"stage", "deal.stage", VT_STAGE},
    {"deal stage", "deal.stage", VT_STAGE},
    {"pipeline stage", "deal.stage", VT_STAGE},
    {"close date", "deal.closeDate", VT_TIME},
    {"closing", "deal.closeDate", VT_TIME},
    {"closes", "deal.closeDate", VT_TIME},
    {"close", "deal.closeDate", VT_TIME},
    {"closing date", "deal.closeDate", VT_TIME},
    {"closedate", "deal.closeDate", VT_TIME},
    {"expected close date", "deal.closeDate", VT_TIME},
    {"deal name", "deal.name", VT_TEXT},
    /* run context */
    {"previous stage", "trigger.previousStage", VT_STAGE},
    {"prior stage", "trigger.previousStage", VT_STAGE},
    {"old stage", "trigger.previousStage", VT_STAGE},
    {"search count", "search.count", VT_NUM},
    {"number of results", "search.count", VT_NUM},
    {"result count", "search.count", VT_NUM},
    {NULL, NULL, VT_TEXT},
};

const struct lex_op lex_ops[] = {
    {"==", "==", 0, 0},
    {"!=", "!=", 0, 0},
    {">=", ">=", 0, 0},
    {"<=", "<=", 0, 0},
    {">", ">", 0, 0},
    {"<", "<", 0, 0},
    {"is", "==", 0, 0},
    {"was", "==", 0, 0},
    {"are", "==", 0, 0},
    {"equals", "==", 0, 0},
    {"equal to", "==", 0, 0},
    {"is equal to", "==", 0, 0},
    {"is set to", "==", 0, 0},
    {"set to", "==", 0, 0},
    {"of", "==", 0, 0},
    {"is not", "!=", 0, 0},
    {"isn't", "!=", 0, 0},
    {"was not", "!=", 0, 0},
    {"wasn't", "!=", 0, 0},
    {"are not", "!=", 0, 0},
    {"aren't", "!=", 0, 0},
    {"not equal to", "!=", 0, 0},
    {"is not equal to", "!=", 0, 0},
    {"does not equal", "!=", 0, 0},
    {"doesn't equal", "!=", 0, 0},
    {"is other than", "!=", 0, 0},
    {"greater than", ">", 0, 0},
    {"is greater than", ">", 0, 0},
    {"more than", ">", 0, 0},
    {"is more than", ">", 0, 0},
    {"over", ">", 0, 0},
    {"is over", ">", 0, 0},
    {"above", ">", 0, 0},
    {"is above", ">", 0, 0},
    {"exceeds", ">", 0, 0},
    {"exceeded", ">", 0, 0},
    {"exceed", ">", 0, 0},
    /* a number that moved: "lead score dropped below 20", "rose above 80",
     * "reached 50" (the value now, which is all a run can see) */
    {"rose above", ">", 0, 0},
    {"rises above", ">", 0, 0},
    {"has risen above", ">", 0, 0},
    {"went above", ">", 0, 0},
    {"goes above", ">", 0, 0},
    {"went over", ">", 0, 0},
    {"goes over", ">", 0, 0},
    {"climbed above", ">", 0, 0},
    {"climbs above", ">", 0, 0},
    {"jumped above", ">", 0, 0},
    {"reached", ">=", 0, 0},
    {"reaches", ">=", 0, 0},
    {"has reached", ">=", 0, 0},
    {"hit", ">=", 0, 0},
    {"hits", ">=", 0, 0},
    {"dropped below", "<", 0, 0},
    {"drops below", "<", 0, 0},
    {"has dropped below", "<", 0, 0},
    {"fell below", "<", 0, 0},
    {"falls below", "<", 0, 0},
    {"has fallen below", "<", 0, 0},
    {"went below", "<", 0, 0},
    {"goes below", "<", 0, 0},
    {"went under", "<", 0, 0},
    {"goes under", "<", 0, 0},
    {"dipped below", "<", 0, 0},
    {"larger than", ">", 0, 0},
    {"is larger than", ">", 0, 0},
    {"is bigger than", ">", 0, 0},
    {"higher than", ">", 0, 0},
    {"is higher than", ">", 0, 0},
    {"bigger than", ">", 0, 0},
    {"after", ">", 0, 0},
    {"is after", ">", 0, 0},
    {"at least", ">=", 0, 0},
    {"is at least", ">=", 0, 0},
    {"no less than", ">=", 0, 0},
    {"greater than or equal to", ">=", 0, 0},
    {"is greater than or equal to", ">=", 0, 0},
    {"less than", "<", 0, 0},
    {"is less than", "<", 0, 0},
    {"fewer than", "<", 0, 0},
    {"under", "<", 0, 0},
    {"is under", "<", 0, 0},
    {"below", "<", 0, 0},
    {"is below", "<", 0, 0},
    {"lower than", "<", 0, 0},
    {"is lower than", "<", 0, 0},
    {"smaller than", "<", 0, 0},
    {"before", "<", 0, 0},
    {"is before", "<", 0, 0},
    {"at most", "<=", 0, 0},
    {"is at most", "<=", 0, 0},
    {"no more than", "<=", 0, 0},
    {"less than or equal to", "<=", 0, 0},
    {"is less than or equal to", "<=", 0, 0},
    {"up to", "<=", 0, 0},
    {"is exactly", "==", 0, 0},
    {"exactly", "==", 0, 0},
    {"contains", "contains", 0, 0},
    {"contain", "contains", 0, 0},
    {"like", "contains", 0, 0},
    {"is like", "contains", 0, 0},
    {"not like", "contains", 1, 0},
    {"is not like", "contains", 1, 0},
    {"includes", "contains", 0, 0},
    {"include", "contains", 0, 0},
    {"has", "contains", 0, 0},
    {"mentions", "contains", 0, 0},
    {"containing", "contains", 0, 0},
    {"including", "contains", 0, 0},
    {"mentioning", "contains", 0, 0},
    {"not containing", "contains", 1, 0},
    {"does not contain", "contains", 1, 0},
    {"doesn't contain", "contains", 1, 0},
    {"do not contain", "contains", 1, 0},
    {"don't contain", "contains", 1, 0},
    {"not contain", "contains", 1, 0},
    {"does not include", "contains", 1, 0},
    {"doesn't include", "contains", 1, 0},
    {"does not have", "contains", 1, 0},
    {"exists", "exists", 0, 1},
    {"exist", "exists", 0, 1},
    {"is set", "exists", 0, 1},
    {"is present", "exists", 0, 1},
    {"is not empty", "exists", 0, 1},
    {"isn't empty", "exists", 0, 1},
    {"is not blank", "exists", 0, 1},
    {"isn't blank", "exists", 0, 1},
    {"is not missing", "exists", 0, 1},
    {"isn't missing", "exists", 0, 1},
    {"is known", "exists", 0, 1},
    {"does not exist", "exists", 1, 1},
    {"doesn't exist", "exists", 1, 1},
    {"is not set", "exists", 1, 1},
    {"is empty", "exists", 1, 1},
    {"is missing", "exists", 1, 1},
    {"is blank", "exists", 1, 1},
    {"is unknown", "exists", 1, 1},
    {NULL, NULL, 0, 0},
};

const struct lex_unit lex_units[] = {
    {"second", 1, 's'},      {"seconds", 1, 's'},     {"sec", 1, 's'},
    {"secs", 1, 's'},        {"s", 1, 's'},           {"minute", 60, 'm'},
    {"minutes", 60, 'm'},    {"min", 60, 'm'},        {"mins", 60, 'm'},
    {"m", 60, 'm'},          {"hour", 3600, 'h'},     {"hours", 3600, 'h'},
    {"hr", 3600, 'h'},       {"hrs", 3600, 'h'},      {"h", 3600, 'h'},
    {"day", 86400, 'd'},     {"days", 86400, 'd'},    {"d", 86400, 'd'},
    {"business day", 86400, 'd'}, {"business days", 86400, 'd'},
    {"week", 604800, 'w'},   {"weeks", 604800, 'w'},  {"wk", 604800, 'w'},
    {"wks", 604800, 'w'},    {"w", 604800, 'w'},      {"month", 2592000, 'd'},
    {"months", 2592000, 'd'}, {"quarter", 7776000, 'd'},
    {"quarters", 7776000, 'd'}, {"year", 31536000, 'd'},
    {"years", 31536000, 'd'}, {NULL, 0, 0},
};

const struct lex_number lex_numbers[] = {
    {"zero", 0},
    {"a", 1},       {"an", 1},     {"one", 1},     {"a single", 1},
    {"another", 1}, {"one more", 1},
    {"two", 2},     {"a couple of", 2}, {"a couple", 2}, {"couple of", 2},
    {"three", 3},   {"a few", 3},  {"few", 3},     {"four", 4},
    {"five", 5},    {"six", 6},    {"seven", 7},   {"eight", 8},
    {"nine", 9},    {"ten", 10},   {"eleven", 11}, {"twelve", 12},
    {"fourteen", 14}, {"fifteen", 15}, {"twenty", 20}, {"thirty", 30},
    {"forty-five", 45}, {"sixty", 60}, {"ninety", 90}, {NULL, 0},
};

const char *const lex_stages[] = {"Lead",       "Qualified",   "Proposal",
                                  "Negotiation", "Closed Won", "Closed Lost",
                                  NULL};

/* Places a contact is "in" that are countries, not cities (lower case;
 * the value keeps the words as written). */
const char *const lex_countries[] = {
    "germany", "france", "spain", "italy", "portugal", "netherlands",
    "holland", "belgium", "luxembourg", "switzerland", "austria", "ireland",
    "united kingdom", "uk", "england", "scotland", "wales", "sweden",
    "norway", "denmark", "finland", "iceland", "poland", "czechia",
    "czech republic", "slovakia", "hungary", "romania", "bulgaria", "greece",
    "turkey", "ukraine", "estonia", "latvia", "lithuania", "croatia",
    "slovenia", "serbia", "united states", "usa", "us", "america", "canada",
    "mexico", "brazil", "argentina", "chile", "colombia", "peru", "australia",
    "new zealand", "japan", "china", "india", "singapore", "south korea",
    "korea", "indonesia", "malaysia", "thailand", "vietnam", "philippines",
    "israel", "uae", "united arab emirates", "saudi arabia", "egypt",
    "nigeria", "kenya", "south africa", "morocco", NULL};

/* US states, Canadian provinces, German states: a record has a city and
 * a country, no state, so these are refused rather than read as cities. */
const char *const lex_states[] = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado",
    "connecticut", "delaware", "florida", "hawaii", "idaho",
    "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana",
    "maine", "maryland", "massachusetts", "michigan", "minnesota",
    "mississippi", "missouri", "montana", "nebraska", "nevada",
    "new hampshire", "new jersey", "new mexico", "north carolina",
    "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania",
    "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "west virginia", "wisconsin", "wyoming",
    "ontario", "quebec", "british columbia", "alberta", "bavaria",
    "bayern", "new south wales", "queensland", NULL};

/* Regions: a few small ones are their countries; the others are refused
 * (a record keeps a country, and a continent's list would be a guess). */
const struct lex_region lex_regions[] = {
    {"dach", "Germany,Austria,Switzerland"},
    {"benelux", "Belgium,Netherlands,Luxembourg"},
    {"nordics", "Sweden,Norway,Denmark,Finland,Iceland"},
    {"nordic countries", "Sweden,Norway,Denmark,Finland,Iceland"},
    {"scandinavia", "Sweden,Norway,Denmark"},
    {"europe", NULL},        {"emea", NULL},          {"apac", NULL},
    {"latam", NULL},         {"eu", NULL},            {"european union", NULL},
    {"north america", NULL}, {"south america", NULL}, {"latin america", NULL},
    {"middle east", NULL},   {"asia", NULL},          {"africa", NULL},
    {"amer", NULL},          {"americas", NULL},      {"the americas", NULL},
    {NULL, NULL}};

/* Cities sure enough to be places after "from" ("contacts from Berlin";
 * "from Acme" may be a company or a source). After "in", any name with a
 * capital is taken as a city. */
const char *const lex_company_suffixes[] = {
    "inc", "corp", "corporation", "ltd", "llc", "gmbh", "plc", "co",
    "limited", "incorporated", "technologies", "labs", "ag", "bv", "sarl",
    "pty", "srl", NULL};

const char *const lex_cities[] = {
    "berlin", "munich", "hamburg", "frankfurt", "cologne", "stuttgart",
    "paris", "lyon", "london", "manchester", "edinburgh", "dublin",
    "madrid", "barcelona", "lisbon", "rome", "milan", "amsterdam",
    "rotterdam", "brussels", "zurich", "geneva", "vienna", "stockholm",
    "oslo", "copenhagen", "helsinki", "warsaw", "prague", "budapest",
    "athens", "istanbul", "tel aviv", "dubai", "new york", "nyc",
    "boston", "chicago", "austin", "dallas", "houston", "denver", "seattle",
    "san francisco", "los angeles", "san diego", "miami", "atlanta",
    "washington", "toronto", "montreal", "vancouver", "mexico city",
    "sao paulo", "são paulo", "buenos aires", "bogota", "santiago",
    "sydney", "melbourne", "auckland", "tokyo", "seoul", "beijing",
    "shanghai", "hong kong", "bangalore", "bengaluru", "mumbai", "delhi",
    "new delhi", "jakarta", "bangkok", "cape town", "johannesburg", "lagos",
    "nairobi", "cairo", NULL};

/* Industries a contact can be "in" ("CEOs in fintech"); any other name
 * needs the word: "in the Mining industry". */
const char *const lex_industries[] = {
    "saas", "software", "fintech", "finance", "financial services",
    "banking", "insurance", "insurtech", "healthcare", "health tech",
    "healthtech", "biotech", "pharma", "medtech", "e-commerce", "ecommerce",
    "retail", "manufacturing", "logistics", "real estate", "proptech",
    "edtech", "education", "media", "marketing", "advertising", "adtech",
    "consulting", "telecom", "energy", "cleantech", "cybersecurity",
    "security", "hospitality", "travel", "automotive", "construction",
    "legal", "legaltech", "gaming", "hr tech", "martech", "ai",
    "nonprofit", "government", NULL};

/* Where leads come from, after "from" ("leads from LinkedIn"). */
const char *const lex_sources[] = {
    "linkedin", "linkedin ads", "google", "google ads", "facebook",
    "facebook ads", "meta ads", "twitter", "webinar", "webinars", "referral",
    "referrals", "website", "web form", "contact form", "trade show",
    "trade shows", "conference", "conferences", "cold outreach",
    "outbound", "inbound", "organic search", "paid ads", "partners",
    "partner referrals", "product hunt", "events", NULL};

const struct lex_zone lex_zones[] = {
    {"utc", "UTC"},
    {"gmt", "UTC"},
    {"cet", "Europe/Berlin"},
    {"cest", "Europe/Berlin"},
    {"central european time", "Europe/Berlin"},
    {"bst", "Europe/London"},
    {"uk time", "Europe/London"},
    {"et", "America/New_York"},
    {"est", "America/New_York"},
    {"edt", "America/New_York"},
    {"eastern time", "America/New_York"},
    {"ct", "America/Chicago"},
    {"cst", "America/Chicago"},
    {"cdt", "America/Chicago"},
    {"central time", "America/Chicago"},
    {"mt", "America/Denver"},
    {"mst", "America/Denver"},
    {"mdt", "America/Denver"},
    {"mountain time", "America/Denver"},
    {"pt", "America/Los_Angeles"},
    {"pst", "America/Los_Angeles"},
    {"pdt", "America/Los_Angeles"},
    {"pacific time", "America/Los_Angeles"},
    /* "8am Pacific", "9am Eastern": the region's time */
    {"pacific", "America/Los_Angeles"},
    {"eastern", "America/New_York"},
    {"central", "America/Chicago"},
    {"mountain", "America/Denver"},
    {"ist", "Asia/Kolkata"},
    {"india time", "Asia/Kolkata"},
    {"jst", "Asia/Tokyo"},
    {"sgt", "Asia/Singapore"},
    {"aest", "Australia/Sydney"},
    {"aedt", "Australia/Sydney"},
    /* "<city> time" */
    {"berlin time", "Europe/Berlin"},
    {"paris time", "Europe/Paris"},
    {"london time", "Europe/London"},
    {"madrid time", "Europe/Madrid"},
    {"rome time", "Europe/Rome"},
    {"amsterdam time", "Europe/Amsterdam"},
    {"brussels time", "Europe/Brussels"},
    {"zurich time", "Europe/Zurich"},
    {"vienna time", "Europe/Vienna"},
    {"stockholm time", "Europe/Stockholm"},
    {"oslo time", "Europe/Oslo"},
    {"copenhagen time", "Europe/Copenhagen"},
    {"helsinki time", "Europe/Helsinki"},
    {"warsaw time", "Europe/Warsaw"},
    {"prague time", "Europe/Prague"},
    {"dublin time", "Europe/Dublin"},
    {"lisbon time", "Europe/Lisbon"},
    {"athens time", "Europe/Athens"},
    {"istanbul time", "Europe/Istanbul"},
    {"new york time", "America/New_York"},
    {"toronto time", "America/Toronto"},
    {"chicago time", "America/Chicago"},
    {"denver time", "America/Denver"},
    {"los angeles time", "America/Los_Angeles"},
    {"san francisco time", "America/Los_Angeles"},
    {"vancouver time", "America/Vancouver"},
    {"mexico city time", "America/Mexico_City"},
    {"sao paulo time", "America/Sao_Paulo"},
    {"são paulo time", "America/Sao_Paulo"},
    {"dubai time", "Asia/Dubai"},
    {"tel aviv time", "Asia/Jerusalem"},
    {"mumbai time", "Asia/Kolkata"},
    {"singapore time", "Asia/Singapore"},
    {"hong kong time", "Asia/Hong_Kong"},
    {"shanghai time", "Asia/Shanghai"},
    {"beijing time", "Asia/Shanghai"},
    {"seoul time", "Asia/Seoul"},
    {"tokyo time", "Asia/Tokyo"},
    {"sydney time", "Australia/Sydney"},
    {"melbourne time", "Australia/Melbourne"},
    {"auckland time", "Pacific/Auckland"},
    {"johannesburg time", "Africa/Johannesburg"},
    {NULL, NULL},
};

const struct lex_bool_phrase lex_bool_phrases[] = {
    /* replied */
    {"replied", "contact.replied", 1},
    {"have replied", "contact.replied", 1},
    {"has replied", "contact.replied", 1},
    {"did reply", "contact.replied", 1},
    {"responded", "contact.replied", 1},
    {"have responded", "contact.replied", 1},
    {"has responded", "contact.replied", 1},
    {"answered", "contact.replied", 1},
    {"wrote back", "contact.replied", 1},
    {"replied back", "contact.replied", 1},
    {"got a reply", "contact.replied", 1},
    {"haven't replied", "contact.replied", 0},
    {"hasn't replied", "contact.replied", 0},
    {"have not replied", "contact.replied", 0},
    {"has not replied", "contact.replied", 0},
    {"did not reply", "contact.replied", 0},
    {"didn't reply", "contact.replied", 0},
    {"do not reply", "contact.replied", 0},
    {"don't reply", "contact.replied", 0},
    {"does not reply", "contact.replied", 0},
    {"doesn't reply", "contact.replied", 0},
    {"not replied", "contact.replied", 0},
    {"never replied", "contact.replied", 0},
    {"have never replied", "contact.replied", 0},
    {"has never replied", "contact.replied", 0},
    {"have never responded", "contact.replied", 0},
    {"has never responded", "contact.replied", 0},
    {"no reply", "contact.replied", 0},
    {"no replies", "contact.replied", 0},
    {"no response", "contact.replied", 0},
    {"no answer", "contact.replied", 0},
    {"haven't responded", "contact.replied", 0},
    {"hasn't responded", "contact.replied", 0},
    {"have not responded", "contact.replied", 0},
    {"has not responded", "contact.replied", 0},
    {"did not respond", "contact.replied", 0},
    {"didn't respond", "contact.replied", 0},
    {"not responded", "contact.replied", 0},
    {"never responded", "contact.replied", 0},
    {"haven't answered", "contact.replied", 0},
    {"didn't answer", "contact.replied", 0},
    {"still haven't replied", "contact.replied", 0},
    {"still hasn't replied", "contact.replied", 0},
    {"still have not replied", "contact.replied", 0},
    {"still didn't reply", "contact.replied", 0},
    /* present tense: "if they reply, ...", "unless the contact responds" */
    {"reply", "contact.replied", 1},
    {"replies", "contact.replied", 1},
    {"respond", "contact.replied", 1},
    {"responds", "contact.replied", 1},
    {"answer", "contact.replied", 1},
    {"answers", "contact.replied", 1},
    {"write back", "contact.replied", 1},
    {"writes back", "contact.replied", 1},
    {"get back to us", "contact.replied", 1},
    {"gets back to us", "contact.replied", 1},
    {"don't respond", "contact.replied", 0},
    {"do not respond", "contact.replied", 0},
    {"doesn't respond", "contact.replied", 0},
    {"does not respond", "contact.replied", 0},
    {"don't answer", "contact.replied", 0},
    {"doesn't answer", "contact.replied", 0},
    {"there is no reply", "contact.replied", 0},
    {"there's no reply", "contact.replied", 0},
    {"there is no response", "contact.replied", 0},
    {"there's no response", "contact.replied", 0},
    {"there is no answer", "contact.replied", 0},
    {"still no reply", "contact.replied", 0},
    {"there is still no reply", "contact.replied", 0},
    {"there's still no reply", "contact.replied", 0},
    {"we get no reply", "contact.replied", 0},
    {"we don't hear back", "contact.replied", 0},
    {"we haven't heard back", "contact.replied", 0},
    {"we have not heard back", "contact.replied", 0},
    {"we hear back", "contact.replied", 1},
    {"there is a reply", "contact.replied", 1},
    {"there's a reply", "contact.replied", 1},
    {"there is a response", "contact.replied", 1},
    {"there's a response", "contact.replied", 1},
    {"we get a reply", "contact.replied", 1},
    {"we got a reply", "contact.replied", 1},
    {"we heard back", "contact.replied", 1},
    /* opened the email */
    {"opened the email", "contact.openedEmail", 1},
    {"opened the mail", "contact.openedEmail", 1},
    {"opened the message", "contact.openedEmail", 1},
    {"opened our email", "contact.openedEmail", 1},
    {"opened my email", "contact.openedEmail", 1},
    {"opened the last email", "contact.openedEmail", 1},
    {"opened it", "contact.openedEmail", 1},
    {"opened", "contact.openedEmail", 1},
    {"have opened the email", "contact.openedEmail", 1},
    {"has opened the email", "contact.openedEmail", 1},
    {"have opened it", "contact.openedEmail", 1},
    {"has opened it", "contact.openedEmail", 1},
    {"haven't opened it", "contact.openedEmail", 0},
    {"hasn't opened it", "contact.openedEmail", 0},
    {"haven't opened the email", "contact.openedEmail", 0},
    {"hasn't opened the email", "contact.openedEmail", 0},
    {"have not opened the email", "contact.openedEmail", 0},
    {"has not opened the email", "contact.openedEmail", 0},
    {"have not opened it", "contact.openedEmail", 0},
    {"did not open the email", "contact.openedEmail", 0},
    {"didn't open the email", "contact.openedEmail", 0},
    {"did not open it", "contact.openedEmail", 0},
    {"didn't open it", "contact.openedEmail", 0},
    {"never opened it", "contact.openedEmail", 0},
    {"never opened the email", "contact.openedEmail", 0},
    {"never opened an email", "contact.openedEmail", 0},
    {"never opened any email", "contact.openedEmail", 0},
    {"never opened our emails", "contact.openedEmail", 0},
    {"never opened", "contact.openedEmail", 0},
    {"haven't opened an email", "contact.openedEmail", 0},
    {"hasn't opened an email", "contact.openedEmail", 0},
    {"opened an email", "contact.openedEmail", 1},
    {"not opened the email", "contact.openedEmail", 0},
    {"not opened it", "contact.openedEmail", 0},
    {"haven't opened", "contact.openedEmail", 0},
    {"didn't open", "contact.openedEmail", 0},
    {"open the email", "contact.openedEmail", 1},
    {"opens the email", "contact.openedEmail", 1},
    {"open it", "contact.openedEmail", 1},
    {"opens it", "contact.openedEmail", 1},
    {"don't open the email", "contact.openedEmail", 0},
    {"doesn't open the email", "contact.openedEmail", 0},
    {"does not open the email", "contact.openedEmail", 0},
    {"do not open the email", "contact.openedEmail", 0},
    {"don't open it", "contact.openedEmail", 0},
    {"doesn't open it", "contact.openedEmail", 0},
    {"did not open", "contact.openedEmail", 0},
    /* interested */
    {"interested", "contact.interested", 1},
    {"are interested", "contact.interested", 1},
    {"is interested", "contact.interested", 1},
    {"seem interested", "contact.interested", 1},
    {"seems interested", "contact.interested", 1},
    {"showed interest", "contact.interested", 1},
    /* a positive reply is what the record's "interested" says */
    {"replied positively", "contact.interested", 1},
    {"reply positively", "contact.interested", 1},
    {"replies positively", "contact.interested", 1},
    {"respond positively", "contact.interested", 1},
    {"responds positively", "contact.interested", 1},
    {"responded positively", "contact.interested", 1},
    {"have replied positively", "contact.interested", 1},
    {"has replied positively", "contact.interested", 1},
    {"gave a positive reply", "contact.interested", 1},
    {"reply was positive", "contact.interested", 1},
    {"the reply was positive", "contact.interested", 1},
    {"replied with interest", "contact.interested", 1},
    {"not interested", "contact.interested", 0},
    {"are not interested", "contact.interested", 0},
    {"is not interested", "contact.interested", 0},
    {"aren't interested", "contact.interested", 0},
    {"isn't interested", "contact.interested", 0},
    {NULL, NULL, 0},
};

const char *const lex_subjects[] = {
    "they",      "the contact's", "the contact", "contact's", "contact",
    "the lead",  "the lead's",    "the person",  "he",        "she",
    "their",     "the deal's",    "the deal",    "deal's",    "it",
    "them",      "the prospect",  "they're",     "he's",      "she's",
    "it's",      "they are",      "he is",       "she is",    "it is",
    "a contact's", "a lead's",    "a deal's",    "a contact", "a lead",
    NULL};

const char *const lex_step_joiners[] = {
    "then",      "and then",   "after that", "afterwards", "next",
    "finally",   "also",       "and also",   "first",      "lastly",
    "after this", "once done", "once that's done", "once that is done",
    "after the email", "after the email is sent", "after sending",
    "after sending it", "after sending that", "once sent",
    "once the email is sent", "after the invite", "after the message",
    NULL};

const char *const lex_each_words[] = {"for each", "for every", "for all",
                                      "for all the", "for any", NULL};

/* After "for each": the members of the set in scope. */
const char *const lex_each_members[] = {
    "of them", "of these", "of those", "one", "one of them",
    "of the contacts", "of these contacts", "of those contacts", "contact",
    "contacts", "lead", "leads", "person", "of the deals", "of these deals",
    "deal", "deals", "record", NULL};

const char *const lex_months[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
    "jan",     "feb",      "mar",       "apr",     "may",      "jun",
    "jul",     "aug",      "sep",       "oct",     "nov",      "dec",
    NULL};

const struct lex_adjective lex_adjectives[] = {
    {"interested", "contact.interested", LEX_ADJ_TRUE, NULL},
    {"uninterested", "contact.interested", LEX_ADJ_FALSE, NULL},
    {"unresponsive", "contact.replied", LEX_ADJ_FALSE, NULL},
    {"untagged", "contact.tags", LEX_ADJ_NONE, NULL},
    {"unassigned", "contact.ownerId", LEX_ADJ_NONE, NULL},
    {"unowned", "contact.ownerId", LEX_ADJ_NONE, NULL},
    {"uncontacted", "contact.lastContactedAt", LEX_ADJ_NONE, NULL},
    {"open", "deal.stage", LEX_ADJ_OPEN, NULL},
    {"closed", "deal.stage", LEX_ADJ_CLOSED, NULL},
    {"won", "deal.stage", LEX_ADJ_EQ, "Closed Won"},
    {"closed won", "deal.stage", LEX_ADJ_EQ, "Closed Won"},
    {"lost", "deal.stage", LEX_ADJ_EQ, "Closed Lost"},
    {"closed lost", "deal.stage", LEX_ADJ_EQ, "Closed Lost"},
    {"unassigned", "deal.ownerId", LEX_ADJ_NONE, NULL},
    {"unowned", "deal.ownerId", LEX_ADJ_NONE, NULL},
    {NULL, NULL, 0, NULL},
};

const char *const lex_contact_nouns[] = {
    "contacts", "contact",  "people",   "persons",  "leads", "lead",
    "prospects", "prospect", "person",   "signups",  "sign-ups",
    "everyone", "everybody", "anyone",  "anybody", "all contacts",
    "all the contacts", "all leads", NULL};

const char *const lex_deal_nouns[] = {"deals", "deal", "opportunities",
                                      "opportunity", "opps", "all deals",
                                      NULL};

const char *const lex_title_nouns[] = {
    "ceo",     "cto",       "cfo",       "coo",       "cmo",    "cio",
    "cro",     "founder",   "co-founder", "vp",       "director",
    "manager", "head",      "president", "owner",     "engineer",
    "developer", "designer", "recruiter", "analyst",  "consultant",
    "architect", "chairman", NULL};

const char *const lex_all_contacts[] = {
    "every contact in the workspace", "all contacts in the workspace",
    "every contact",  "all contacts", "all the contacts", "everyone",
    "everybody",      "all leads",    "every lead",       "all our contacts",
    "all of our contacts", "all our leads", "every single contact",
    "all of the contacts", NULL};

const char *const lex_search_verbs[] = {
    "find",    "search",  "search for", "look for", "get",  "pull",
    "select",  "fetch",   "list",       "grab",     "take", "query",
    "look up", "identify", "collect",   "check for", "get me", "show me",
    "give me", "pull up",  "find me",   "go through", "loop through",
    "loop over", "iterate over", "iterate through", "work through", NULL};

/* What a request to the agent opens with, which says no more than the
 * step after it: "Can you find ...", "I want to reach out to ...". */
const char *const lex_request_openers[] = {
    "please", "we should", "you should", "can you please", "can you",
    "could you please", "could you", "would you please", "would you",
    "will you", "i want to", "i want you to", "i'd like to",
    "i would like to", "i'd like you to", "i would like you to",
    "i want the agent to", "i'd like the agent to",
    "i would like the agent to", "the agent should", "this agent should",
    "the agent will", "this agent will", "the agent must", "we need to",
    "we want to", "i need to", "i need you to", "let's", "let us",
    "help me", "your job is to", "your task is to", "you will",
    "you need to", "you must", "make sure to", "be sure to", "always",
    NULL};

const char *const lex_email_verbs[] = {
    "send",     "email",    "e-mail",   "mail",      "shoot",
    "drop",     "fire off", "fire",     "reach out", "ping",
    "follow up", "write",   "message",  "sending",   "emailing",
    "reaching out", "shooting", "dropping", "firing off", "reply to",
    "reply",    "respond to", "respond", "blast",   "blast out",
    "hit them with", "hit them up with", "following up", NULL};

/* What makes a send an email (as opposed to a LinkedIn request). */
const char *const lex_email_nouns[] = {
    "email", "e-mail", "mail", "template", "note", "line", "message",
    "subject", "body", "follow-up", NULL};

const char *const lex_linkedin_verbs[] = {
    "send", "connect", "invite", "hit", "drop", "shoot", "reach out",
    "add", "request", "sending", "connecting", "inviting", NULL};

const char *const lex_websearch_verbs[] = {
    "search the web for", "search the web", "search web for", "search web",
    "search online for",  "search online",  "web search for", "web search",
    "google",             "look up",        "research",       "search for",
    "search",             "look into",      "search google for",
    "search the internet for", "search the internet", NULL};

const char *const lex_task_verbs[] = {
    "create a task", "create task",
    "add a task",    "add task",     "make a task", "open a task",
    "create a todo", "create a to-do", "schedule a task", "assign a task",
    "assign task",   "assign the task", "assign this task", "assign it",
    "set a task",    "log a task",   "creating a task", "creating task",
    "adding a task", "create a reminder", "add a reminder",
    "set a reminder", "remind", NULL};

const char *const lex_tag_verbs[] = {"tag", "add tags", "add tag",
                                     "add the tags", "add the tag", "label",
                                     "apply tag", "apply the tag", "add",
                                     "tagging", "adding", "labeling",
                                     "give", NULL};

const char *const lex_untag_verbs[] = {
    "remove tags",     "remove tag",     "remove the tags", "remove the tag",
    "remove",          "untag",          "delete tag",      "delete the tag",
    "take off the tag", "drop the tag",  "drop tag",        "clear tag",
    "clear the tag",   "removing", "untagging", "drop the", "take off the",
    "take off",        "strip the", "strip",     "get rid of the",
    "get rid of",      NULL};

const char *const lex_update_verbs[] = {
    "update",   "set",   "change",   "mark",  "make",   "updating",
    "setting",  "changing", "increase", "raise", "lower", "decrease",
    "reduce",   "reset", NULL};

const char *const lex_move_verbs[] = {"move", "bump", "advance", "push",
                                      "progress", "promote", "moving",
                                      "bumping", "advancing", "pushing",
                                      NULL};

const char *const lex_enrich_verbs[] = {"enrich", "enriching", NULL};
/* "look them up on Apollo": enrichment, when the provider is named */
const char *const lex_enrich_lookups[] = {
    "look them up on apollo", "look them up in apollo", "look up on apollo",
    "look up in apollo", "look the contact up on apollo",
    "look the contact up in apollo", "run them through apollo",
    "run them through enrichment", NULL};

const char *const lex_wait_verbs[] = {"wait",        "wait for", "give it",
                                      "give them",   "pause for", "hold for",
                                      "sleep",       "delay",    "delay for",
                                      "pause",       "hold",
                                      "check back in", "circle back in",
                                      "check back after",
                                      "circle back after", "hold off for",
                                      "hold off", NULL};

/* Handing a run to a person is read as verb, object, particle, "to":
 * "hand this over to", "pass the lead on to", "give it to", "escalate to".
 * The parts are lists, so every verb takes every object and particle. */
const char *const lex_handoff_verbs[] = {
    "hand",     "handoff",  "handing", "pass",     "passing", "escalate",
    "escalating", "route",  "transfer", "assign",  "give",    "reassign",
    NULL};
const char *const lex_handoff_objects[] = {
    "it",           "them",          "this",          "this one",
    "him",          "her",           "the lead",      "the contact",
    "the deal",     "this lead",     "this contact",  "this deal",
    "the conversation", "this conversation", "the account", "this account",
    "the thread",   "this thread",   "the run",       "this run",
    "the prospect", "this prospect", "these contacts", "those contacts",
    "the contacts", "these leads",  "those leads",   "the leads",
    "these deals",  "those deals",  "the deals",     "these",
    "those",        "each",          "each one",      "each of them",
    "every one of them", NULL};
const char *const lex_handoff_particles[] = {"off", "over", "on", "along",
                                             NULL};

const char *const lex_approval_verbs[] = {
    "request approval",  "ask for approval", "get approval",
    "seek approval",     "require approval", "wait for approval",
    "request an approval", "get an approval", "get sign-off",
    "ask for sign-off",  "needs approval",    "need approval",
    "get manager approval", NULL};

const char *const lex_notify_verbs[] = {"notify", "alert", "let", "tell",
                                        "inform", "ping", "message",
                                        "notifying", "alerting", "letting",
                                        "telling", NULL};

const char *const lex_remember_verbs[] = {"remember", "save", "store",
                                          "keep", "record", NULL};

const char *const lex_slack_verbs[] = {"post", "send", "slack", "message",
                                       "ping", "notify", "share", "write",
                                       "posting", "sending", "create",
                                       "make", "drop", "tell", "alert",
                                       "let", NULL};

const char *const lex_run_agent_verbs[] = {"run", "trigger", "start",
                                           "launch", "call", "invoke",
                                           "kick off", "execute", "running",
                                           "triggering", NULL};

const char *const lex_stop_verbs[] = {"stop",   "end",   "halt", "exit",
                                      "finish", "abort", "quit", NULL};

const char *const lex_http_methods[] = {"get", "post", "put", "patch",
                                        "delete", NULL};

const char *const lex_http_verbs[] = {"call", "hit", "fetch", "request",
                                      "send", "make", "ping", "invoke",
                                      NULL};


const char *const lex_objects[] = {
    "them",       "'em",          "him",         "her",     "it",
    "the contact", "the contacts", "this contact", "each contact",
    "every contact", "all of them", "each of them", "the lead", "the leads",
    "everyone",   "contact",      "contacts",    "each",    "the person",
    "these contacts", "those contacts", "the deal's contact",
    "the deal contact", "each one", "every one", "each lead", "each person",
    "each of the contacts", "all of the contacts", "all of those",
    "the primary contact", "the main contact", "their contact",
    "their contacts", "the deal's contacts", "the deal's primary contact",
    NULL};

const char *const lex_providers[] = {"apollo", "clearbit", "hunter",
                                     "zoominfo", "lusha", "people data labs",
                                     NULL};
