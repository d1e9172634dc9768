/*
 * lexicon: the words the instruction parser knows, as data.
 *
 * Everything a sales person may say for a field, an operator, a unit or an
 * action lives in these tables; the grammar (parse.c) only says where such
 * phrases may appear. Adding a synonym is one line here.
 *
 * Phrases are lower-case words separated by single spaces, matched against
 * the lower-cased tokens of the instructions. Lists end with a NULL entry.
 * Everything here is constant and safe to share between threads.
 */
#ifndef AGENTD_PLAN_LEXICON_H
#define AGENTD_PLAN_LEXICON_H

#include <stdint.h>

/* What kind of value a field holds; guides how values are read. */
enum lex_vtype { VT_TEXT, VT_NUM, VT_BOOL, VT_TIME, VT_STAGE, VT_TAGS };

struct lex_field {
    const char *words; /* "linkedin url" */
    const char *path;  /* "contact.linkedinUrl" */
    enum lex_vtype vt;
};

/* Field names people use, longest phrases first where they overlap. */
extern const struct lex_field lex_fields[];

struct lex_op {
    const char *words; /* "is at least" */
    const char *op;    /* ">=" */
    int negate;        /* 1: wrap the leaf in "not" (doesn't contain) */
    int no_value;      /* 1: takes no value (exists / is empty) */
};

/* Comparison phrases, longest first. */
extern const struct lex_op lex_ops[];

struct lex_unit {
    const char *word;
    int64_t seconds;
    char rel; /* unit letter of relative times: m h d w */
};

extern const struct lex_unit lex_units[];

struct lex_number {
    const char *words;
    int value;
};

/* Numbers written as words: "a", "one", "a couple of", "two" ... */
extern const struct lex_number lex_numbers[];

/* Deal stages (canonical spelling). */
extern const char *const lex_stages[];
/* Other names of those stages, as other CRMs call them ("Qualification",
 * "Negotiations"): lower-case phrase and the stage it names. */
struct lex_alias {
    const char *words;
    const char *stage;
};
extern const struct lex_alias lex_stage_aliases[];
extern const char *const lex_countries[];
struct lex_region {
    const char *words;
    const char *countries; /* "Germany,Austria,Switzerland", or NULL */
};
extern const struct lex_region lex_regions[];
extern const char *const lex_states[];
extern const char *const lex_cities[];
extern const char *const lex_request_openers[];
/* The last word of a company's name that says it is one: "Acme Inc",
 * "Globex Ltd", "Initech GmbH" ("contacts from Acme Corp" is the
 * company, not a city). */
extern const char *const lex_company_suffixes[];
extern const char *const lex_sources[];
extern const char *const lex_industries[];

/* Time zones people write after a time ("9am CET", "8:30 Berlin time"):
 * the words (lower case) and the tz database name. */
struct lex_zone {
    const char *words;
    const char *zone;
};
extern const struct lex_zone lex_zones[];

/* Words before a contact or deal noun that say which ones ("untagged
 * contacts", "open deals"): the path's root says which noun they go with.
 * LEX_ADJ_TRUE / LEX_ADJ_FALSE: path == true / false; LEX_ADJ_NONE: the
 * field is empty (not exists); LEX_ADJ_EQ: path == value; LEX_ADJ_OPEN /
 * LEX_ADJ_CLOSED: a deal's stage is neither / one of the closed stages. */
enum lex_adj_kind {
    LEX_ADJ_TRUE,
    LEX_ADJ_FALSE,
    LEX_ADJ_NONE,
    LEX_ADJ_EQ,
    LEX_ADJ_OPEN,
    LEX_ADJ_CLOSED
};
struct lex_adjective {
    const char *words;
    const char *path;
    enum lex_adj_kind kind;
    const char *value; /* LEX_ADJ_EQ only */
};
extern const struct lex_adjective lex_adjectives[];

/* Month names, full and short ("january", "jan"): lex_months[k] is month
 * k % 12 + 1. */
extern const char *const lex_months[];

/* Phrase conditions on a boolean field: positive and negative forms. */
struct lex_bool_phrase {
    const char *words; /* "haven't replied" */
    const char *path;  /* "contact.replied" */
    int value;         /* 1 true, 0 false */
};

extern const struct lex_bool_phrase lex_bool_phrases[];

/* Words that name the subject of a condition and are skipped:
 * "they", "the contact", "the contact's" ... */
extern const char *const lex_subjects[];

/* Words that only join steps: "then", "and then", "next", "finally" ... */
extern const char *const lex_step_joiners[];

/* Nouns for a set of contacts or deals in a search. */
/* "for each" ... and what may follow it for the set in scope. */
extern const char *const lex_each_words[];
extern const char *const lex_each_members[];
extern const char *const lex_contact_nouns[];
extern const char *const lex_deal_nouns[];
/* Job titles that may stand for contacts: "CEOs" -> title contains CEO. */
extern const char *const lex_title_nouns[];
/* "every contact in the workspace": all contacts. */
extern const char *const lex_all_contacts[];

/* Verbs that start each kind of step. */
extern const char *const lex_search_verbs[];
extern const char *const lex_email_verbs[];
extern const char *const lex_email_nouns[];
extern const char *const lex_linkedin_verbs[];
extern const char *const lex_websearch_verbs[];
extern const char *const lex_task_verbs[];
extern const char *const lex_tag_verbs[];
extern const char *const lex_untag_verbs[];
extern const char *const lex_update_verbs[];
extern const char *const lex_move_verbs[];
extern const char *const lex_enrich_verbs[];
extern const char *const lex_enrich_lookups[];
extern const char *const lex_wait_verbs[];
/* A handoff is read as verb, object, particle, "to" ("hand this over
 * to", "pass the lead on to"): each part one of its list. */
extern const char *const lex_handoff_verbs[];
extern const char *const lex_handoff_objects[];
extern const char *const lex_handoff_particles[];
extern const char *const lex_approval_verbs[];
extern const char *const lex_notify_verbs[];
extern const char *const lex_remember_verbs[];
extern const char *const lex_slack_verbs[];
extern const char *const lex_run_agent_verbs[];
extern const char *const lex_stop_verbs[];
extern const char *const lex_http_methods[];
extern const char *const lex_http_verbs[];
/* Verb lists include their gerunds ("before sending the template"). */

/* Words that may stand between a verb and its object and say nothing:
 * "them", "the contact", "an", ... (per action where it matters). */
extern const char *const lex_objects[];

/* Enrichment providers known by name (others are kept as written). */
extern const char *const lex_providers[];

/* The words a misspelling is read as when a parse fails (lex_fix_typos):
 * the instructions' own vocabulary (short ones only by a swap or a
 * doubled letter, which few other words are). */
extern const char *const lex_typo_words[];

#endif
