/*
 * schema_sqlite: the versioned migrations of the SQLite backend.
 *
 * Append new versions; never edit one that has shipped. Every table of
 * workspace data carries workspace_id, and its indexes lead with it, so that
 * every query is scoped by workspace and stays an index lookup. Identity
 * tables (users, their API tokens and login sessions) are global by nature:
 * one person may belong to several workspaces through memberships.
 *
 * Text columns that users filter on are COLLATE NOCASE so that equality is
 * case-insensitive (plan.md) and still uses the index.
 */
#include <string.h>

#include "core/buf.h"
#include "store/backend.h"

static const char v1_foundation[] =
    "CREATE TABLE workspaces ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " tier TEXT NOT NULL DEFAULT 'standard'"
    "  CHECK (tier IN ('standard','enterprise')),"
    " credits INTEGER NOT NULL DEFAULT 1000,"
    " timezone TEXT NOT NULL DEFAULT 'UTC',"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL);"

    "CREATE TABLE users ("
    " id INTEGER PRIMARY KEY,"
    " email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " name TEXT NOT NULL DEFAULT '',"
    " password_hash TEXT,"
    " created_at INTEGER NOT NULL);"

    "CREATE TABLE memberships ("
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    " role TEXT NOT NULL CHECK (role IN ('owner','admin','member','viewer')),"
    " can_trigger INTEGER NOT NULL DEFAULT 1,"
    " handle TEXT COLLATE NOCASE,"
    " created_at INTEGER NOT NULL,"
    " PRIMARY KEY (workspace_id, user_id)) WITHOUT ROWID;"
    "CREATE INDEX memberships_user ON memberships(user_id);"
    "CREATE UNIQUE INDEX memberships_handle ON memberships(workspace_id, handle)"
    " WHERE handle IS NOT NULL;"

    "CREATE TABLE api_tokens ("
    " id INTEGER PRIMARY KEY,"
    " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    " name TEXT NOT NULL,"
    " token_hash BLOB NOT NULL UNIQUE,"
    " prefix TEXT NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " last_used_at INTEGER,"
    " expires_at INTEGER);"
    "CREATE INDEX api_tokens_user ON api_tokens(user_id);"

    "CREATE TABLE sessions ("
    " id INTEGER PRIMARY KEY,"
    " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    " token_hash BLOB NOT NULL UNIQUE,"
    " created_at INTEGER NOT NULL,"
    " expires_at INTEGER NOT NULL);"
    "CREATE INDEX sessions_user ON sessions(user_id);"

    "CREATE TABLE companies ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " name TEXT NOT NULL COLLATE NOCASE,"
    " domain TEXT COLLATE NOCASE,"
    " industry TEXT COLLATE NOCASE,"
    " size INTEGER,"
    " country TEXT COLLATE NOCASE,"
    " custom TEXT NOT NULL DEFAULT '{}',"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL);"
    "CREATE INDEX companies_ws ON companies(workspace_id);"
    "CREATE INDEX companies_ws_name ON companies(workspace_id, name);"
    "CREATE INDEX companies_ws_domain ON companies(workspace_id, domain);"

    "CREATE TABLE contacts ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " first_name TEXT NOT NULL DEFAULT '' COLLATE NOCASE,"
    " last_name TEXT NOT NULL DEFAULT '' COLLATE NOCASE,"
    " email TEXT COLLATE NOCASE,"
    " phone TEXT,"
    " title TEXT COLLATE NOCASE,"
    " status TEXT NOT NULL DEFAULT 'Lead' COLLATE NOCASE,"
    " linkedin_url TEXT,"
    " source TEXT COLLATE NOCASE,"
    " replied INTEGER NOT NULL DEFAULT 0,"
    " opened_email INTEGER NOT NULL DEFAULT 0,"
    " interested INTEGER NOT NULL DEFAULT 0,"
    " last_contacted_at INTEGER,"
    " owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
    " company_id INTEGER REFERENCES companies(id) ON DELETE SET NULL,"
    " city TEXT COLLATE NOCASE,"
    " country TEXT COLLATE NOCASE,"
    " custom TEXT NOT NULL DEFAULT '{}',"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL);"
    "CREATE INDEX contacts_ws ON contacts(workspace_id);"
    "CREATE INDEX contacts_ws_email ON contacts(workspace_id, email);"
    /* Status with creation order serves the common list view "leads,
     * newest first" without sorting. */
    "CREATE INDEX contacts_ws_status ON contacts(workspace_id, status,"
    " created_at);"
    "CREATE INDEX contacts_ws_owner ON contacts(workspace_id, owner_id,"
    " created_at);"
    "CREATE INDEX contacts_ws_created ON contacts(workspace_id, created_at);"
    "CREATE INDEX contacts_ws_updated ON contacts(workspace_id, updated_at);"
    "CREATE INDEX contacts_ws_company ON contacts(workspace_id, company_id);"
    "CREATE INDEX contacts_ws_country ON contacts(workspace_id, country);"

    "CREATE TABLE deals ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " name TEXT NOT NULL COLLATE NOCASE,"
    " value REAL NOT NULL DEFAULT 0,"
    " stage TEXT NOT NULL DEFAULT 'Lead' COLLATE NOCASE,"
    " owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
    " contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,"
    " company_id INTEGER REFERENCES companies(id) ON DELETE SET NULL,"
    " close_date INTEGER,"
    " custom TEXT NOT NULL DEFAULT '{}',"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL);"
    "CREATE INDEX deals_ws ON deals(workspace_id);"
    "CREATE INDEX deals_ws_stage ON deals(workspace_id, stage);"
    "CREATE INDEX deals_ws_contact ON deals(workspace_id, contact_id);"

    "CREATE TABLE tags ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " name TEXT NOT NULL COLLATE NOCASE,"
    " color TEXT,"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL,"
    " UNIQUE (workspace_id, name));"

    "CREATE TABLE contact_tags ("
    " contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,"
    " tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
    " workspace_id INTEGER NOT NULL,"
    " PRIMARY KEY (contact_id, tag_id)) WITHOUT ROWID;"
    "CREATE INDEX contact_tags_tag ON contact_tags(tag_id, contact_id);"

    "CREATE TABLE tasks ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " title TEXT NOT NULL,"
    " description TEXT,"
    " status TEXT NOT NULL DEFAULT 'open' COLLATE NOCASE,"
    " due_at INTEGER,"
    " assignee_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
    " contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,"
    " deal_id INTEGER REFERENCES deals(id) ON DELETE SET NULL,"
    " created_by_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
    " created_by_agent_id INTEGER,"
    " execution_id INTEGER,"
    " completed_at INTEGER,"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL);"
    "CREATE INDEX tasks_ws ON tasks(workspace_id);"
    "CREATE INDEX tasks_ws_assignee ON tasks(workspace_id, assignee_id);"
    "CREATE INDEX tasks_ws_contact ON tasks(workspace_id, contact_id);"

    "CREATE TABLE activities ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " type TEXT NOT NULL,"
    " message TEXT NOT NULL,"
    " contact_id INTEGER,"
    " deal_id INTEGER,"
    " company_id INTEGER,"
    " user_id INTEGER,"
    " agent_id INTEGER,"
    " execution_id INTEGER,"
    " data TEXT NOT NULL DEFAULT '{}',"
    " created_at INTEGER NOT NULL);"
    "CREATE INDEX activities_ws ON activities(workspace_id);"
    "CREATE INDEX activities_ws_contact ON activities(workspace_id,"
    " contact_id);"

    "CREATE TABLE custom_field_defs ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " entity TEXT NOT NULL CHECK (entity IN ('contact','company','deal')),"
    " key TEXT NOT NULL,"
    " label TEXT NOT NULL,"
    " type TEXT NOT NULL"
    "  CHECK (type IN ('string','number','date','boolean','enum')),"
    " options TEXT,"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL,"
    " UNIQUE (workspace_id, entity, key));"

    "CREATE TABLE email_templates ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " name TEXT NOT NULL COLLATE NOCASE,"
    " subject TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL,"
    " UNIQUE (workspace_id, name));"

    "CREATE TABLE connections ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " type TEXT NOT NULL,"
    " name TEXT NOT NULL COLLATE NOCASE,"
    " config TEXT NOT NULL DEFAULT '{}',"
    " secret TEXT,"
    " status TEXT NOT NULL DEFAULT 'connected',"
    " last_error TEXT,"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL,"
    " UNIQUE (workspace_id, name));"
    "CREATE INDEX connections_ws_type ON connections(workspace_id, type);"

    "CREATE TABLE notifications ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    " type TEXT NOT NULL,"
    " message TEXT NOT NULL,"
    " data TEXT NOT NULL DEFAULT '{}',"
    " read_at INTEGER,"
    " created_at INTEGER NOT NULL);"
    "CREATE INDEX notifications_ws_user ON notifications(workspace_id,"
    " user_id, id);"

    "CREATE TABLE form_submissions ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " form_id TEXT NOT NULL,"
    " contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,"
    " data TEXT NOT NULL,"
    " created_at INTEGER NOT NULL);"
    "CREATE INDEX form_submissions_ws ON form_submissions(workspace_id,"
    " form_id);"

    "CREATE TABLE crm_events ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " type TEXT NOT NULL,"
    " entity TEXT NOT NULL,"
    " entity_id INTEGER NOT NULL,"
    " data TEXT NOT NULL DEFAULT '{}',"
    " created_at INTEGER NOT NULL);"
    "CREATE INDEX crm_events_ws ON crm_events(workspace_id, id);"

    "CREATE TABLE agents ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " name TEXT NOT NULL COLLATE NOCASE,"
    " goal TEXT NOT NULL DEFAULT '',"
    " instructions TEXT NOT NULL DEFAULT '',"
    " plan TEXT,"
    " plan_error TEXT,"
    " status TEXT NOT NULL DEFAULT 'draft'"
    "  CHECK (status IN ('draft','live','paused')),"
    " trigger TEXT NOT NULL DEFAULT '{\"type\":\"manual\"}',"
    " restrictions TEXT NOT NULL DEFAULT '{}',"
    " memory TEXT NOT NULL DEFAULT '{}',"
    " webhook_secret TEXT NOT NULL,"
    " created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL,"
    " deleted_at INTEGER);"
    "CREATE INDEX agents_ws ON agents(workspace_id);"
    "CREATE UNIQUE INDEX agents_ws_name ON agents(workspace_id, name)"
    " WHERE deleted_at IS NULL;";

/* Where an agent's plan came from: "parser", "model" or "manual". */
static const char v2_plan_source[] =
    "ALTER TABLE agents ADD COLUMN plan_source TEXT;";

/*
 * The engine. An execution keeps the plan it started with, a cursor (where
 * it is in that plan) and its context (memory, current set, search
 * results, step outputs), so that any worker can resume it. Jobs are the
 * only timers: a job is due when run_at has passed; claiming a job leases
 * it until locked_until (engine/queue.h), so a crashed worker's jobs come
 * due again by themselves.
 */
static const char v3_engine[] =
    /* Plan snapshots: the plan text each run runs, stored once per
     * distinct plan of a workspace and shared by all its runs. */
    "CREATE TABLE plans ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " hash TEXT NOT NULL,"
    " text TEXT NOT NULL,"
    " created_at INTEGER NOT NULL);"
    "CREATE UNIQUE INDEX plans_hash ON plans(workspace_id, hash);"

    "CREATE TABLE executions ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " agent_id INTEGER NOT NULL,"
    " agent_name TEXT NOT NULL,"
    " parent_id INTEGER,"
    " depth INTEGER NOT NULL DEFAULT 0,"
    " retry_of INTEGER,"
    " trigger_type TEXT NOT NULL,"
    " trigger_data TEXT NOT NULL DEFAULT '{}',"
    " triggered_by INTEGER,"
    /* Conditions are OR chains, not IN lists: SQLite 3.40 builds a
     * temporary b-tree for an IN list of three or more values each time
     * it evaluates one, which made every insert of a run 3x dearer. */
    " status TEXT NOT NULL CHECK (status = 'queued' OR status = 'running' OR"
    "  status = 'waiting' OR status = 'completed' OR status = 'failed' OR"
    "  status = 'canceled' OR status = 'skipped'),"
    " wait_kind TEXT,"
    " blocked INTEGER NOT NULL DEFAULT 0,"
    " plan_id INTEGER NOT NULL,"
    " cursor TEXT NOT NULL DEFAULT '[{\"i\":0}]',"
    " context TEXT NOT NULL DEFAULT '{}',"
    " steps_done INTEGER NOT NULL DEFAULT 0,"
    " steps_total INTEGER NOT NULL DEFAULT 0,"
    " summary TEXT NOT NULL DEFAULT '{}',"
    " output TEXT,"
    " message TEXT,"
    " error TEXT,"
    " resume_at INTEGER,"
    " created_at INTEGER NOT NULL,"
    " started_at INTEGER,"
    " completed_at INTEGER,"
    " canceled_at INTEGER,"
    " canceled_by INTEGER,"
    " duration_ms INTEGER,"
    " agent_deleted INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX executions_ws ON executions(workspace_id, id);"
    "CREATE INDEX executions_ws_agent ON executions(workspace_id, agent_id,"
    " id);"
    "CREATE INDEX executions_agent_open ON executions(agent_id, status)"
    " WHERE (status = 'queued' OR status = 'running' OR status = 'waiting');"
    "CREATE INDEX executions_blocked ON executions(agent_id, id)"
    " WHERE blocked = 1;"
    "CREATE INDEX executions_ws_running ON executions(workspace_id)"
    " WHERE status = 'running';"
    "CREATE INDEX executions_parent ON executions(parent_id)"
    " WHERE parent_id IS NOT NULL;"

    /* A step's id is execution_id * 2^20 + seq: the record of an
     * execution is one range of the table's own key, with no index to
     * maintain on the hottest insert of all. A trigger keeps the steps
     * with their execution. */
    "CREATE TABLE execution_steps ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL,"
    " execution_id INTEGER NOT NULL,"
    " seq INTEGER NOT NULL,"
    " path TEXT NOT NULL,"
    " type TEXT NOT NULL,"
    " params TEXT NOT NULL DEFAULT '{}',"
    " status TEXT NOT NULL,"
    " started_at INTEGER NOT NULL,"
    " finished_at INTEGER,"
    " output TEXT,"
    " error TEXT,"
    " warnings TEXT);"
    "CREATE TRIGGER executions_steps_go AFTER DELETE ON executions BEGIN"
    " DELETE FROM execution_steps WHERE id BETWEEN old.id * 1048576 AND"
    " old.id * 1048576 + 1048575; END;"

    "CREATE TABLE jobs ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL,"
    " kind TEXT NOT NULL,"
    " execution_id INTEGER,"
    " agent_id INTEGER,"
    " run_at INTEGER NOT NULL,"
    " due_at INTEGER NOT NULL,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " locked_until INTEGER,"
    " locked_by TEXT,"
    " idem_key TEXT,"
    " last_error TEXT,"
    " created_at INTEGER NOT NULL);"
    "CREATE INDEX jobs_due ON jobs(run_at);"
    "CREATE INDEX jobs_execution ON jobs(execution_id)"
    " WHERE execution_id IS NOT NULL;"
    "CREATE INDEX jobs_agent ON jobs(agent_id) WHERE agent_id IS NOT NULL;"
    "CREATE UNIQUE INDEX jobs_idem ON jobs(idem_key) WHERE idem_key IS NOT "
    "NULL;"

    "CREATE TABLE agent_counters ("
    " agent_id INTEGER NOT NULL,"
    " bucket TEXT NOT NULL,"
    " count INTEGER NOT NULL,"
    " expires_at INTEGER NOT NULL,"
    " PRIMARY KEY (agent_id, bucket)) WITHOUT ROWID;"

    "CREATE TABLE agent_memory ("
    " agent_id INTEGER NOT NULL,"
    " key TEXT NOT NULL,"
    " workspace_id INTEGER NOT NULL,"
    " value TEXT NOT NULL,"
    " updated_at INTEGER NOT NULL,"
    " PRIMARY KEY (agent_id, key)) WITHOUT ROWID;"

    "CREATE TABLE webhook_keys ("
    " agent_id INTEGER NOT NULL,"
    " key TEXT NOT NULL,"
    " execution_id INTEGER NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " PRIMARY KEY (agent_id, key)) WITHOUT ROWID;"

    "ALTER TABLE workspaces ADD COLUMN max_concurrent_runs INTEGER NOT NULL"
    " DEFAULT 20;"
    "ALTER TABLE agents ADD COLUMN failure_streak INTEGER NOT NULL DEFAULT 0;";

/* Indexes on (workspace_id) alone that longer indexes starting with
 * workspace_id already serve; each cost every insert an index write. */
static const char v4_lean_indexes[] =
    "DROP INDEX IF EXISTS tasks_ws;"
    "DROP INDEX IF EXISTS activities_ws;";

/* Side effects of integration steps (an e-mail, an invitation, a Slack
 * message, a call): one row per effect, keyed by execution, step and
 * contact, written before the call and completed after it, so that a
 * resumed or retried step never performs one twice. The outbox holds the
 * e-mails of the built-in "outbox" transport; usage counts provider calls
 * per day. */
static const char v5_integrations[] =
    "CREATE TABLE effects ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL,"
    " execution_id INTEGER NOT NULL,"
    " path TEXT NOT NULL,"
    " key TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " contact_id INTEGER,"
    " connection_id INTEGER,"
    " request TEXT NOT NULL,"
    " status TEXT NOT NULL,"
    " result TEXT,"
    " error TEXT,"
    " code INTEGER,"
    " reported INTEGER NOT NULL DEFAULT 0,"
    " created_at INTEGER NOT NULL,"
    " done_at INTEGER);"
    "CREATE UNIQUE INDEX effects_key ON effects(key);"
    "CREATE INDEX effects_exec ON effects(execution_id, path);"
    "CREATE TRIGGER executions_effects_go AFTER DELETE ON executions BEGIN"
    " DELETE FROM effects WHERE execution_id = old.id; END;"

    "CREATE TABLE outbox ("
    " id INTEGER PRIMARY KEY,"
    " workspace_id INTEGER NOT NULL REFERENCES workspaces(id)"
    "  ON DELETE CASCADE,"
    " connection_id INTEGER,"
    " execution_id INTEGER,"
    " agent_id INTEGER,"
    " contact_id INTEGER,"
    " message_id TEXT NOT NULL,"
    " from_addr TEXT NOT NULL,"
    " to_addr TEXT NOT NULL,"
    " subject TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " created_at INTEGER NOT NULL);"
    "CREATE INDEX outbox_ws ON outbox(workspace_id, id);"

    "CREATE TABLE usage ("
    " workspace_id INTEGER NOT NULL,"
    " key TEXT NOT NULL,"
    " day INTEGER NOT NULL,"
    " count INTEGER NOT NULL,"
    " PRIMARY KEY (workspace_id, key, day)) WITHOUT ROWID;";

/* The time workers spent on a run (its steps and their calls), in
 * microseconds so that many short jobs add up; the run timeout bounds it.
 * Time parked on a wait, a person or a quota is not in it. */
static const char v6_active_time[] =
    "ALTER TABLE executions ADD COLUMN active_us INTEGER NOT NULL DEFAULT 0;";

/* What a webhook call with an Idempotency-Key was answered: the HTTP
 * status of the error when its run was refused (0: admitted), so that the
 * sender's retry gets the same answer rather than a 202 for a run that
 * never started. */
static const char v7_webhook_answers[] =
    "ALTER TABLE webhook_keys ADD COLUMN refusal INTEGER NOT NULL DEFAULT 0;";

/* The day whose quota (e-mails, invitations) a call took one of when a
 * worker reserved it for sending (NULL: none taken): a call taken but not
 * started when agentd stopped gives it back when it goes back to pending. */
static const char v8_effect_quota_day[] =
    "ALTER TABLE effects ADD COLUMN quota_day INTEGER;";

/*
 * Ids are never given twice. SQLite gives a new row the largest id + 1, so
 * deleting the newest contact and creating another handed the deleted id
 * to the new one: a run waiting with the old contact in its set resumed on
 * the new one (tagged or e-mailed someone its search never found), and
 * rows that keep an id without a foreign key (activities, memory, jobs,
 * tasks' execution) pointed at whoever got it next, across workspaces when
 * a workspace was deleted. AUTOINCREMENT keeps the highest id ever given;
 * SQLite can add it only by rebuilding a table, so each table here is
 * copied into a new one declared with it, the old one dropped and the new
 * one renamed, with its indexes and triggers made again (the procedure of
 * sqlite.org/lang_altertable.html, section 7). Foreign keys are off
 * meanwhile (`before`/`after`), or dropping a table would run its ON
 * DELETE actions; they are checked before the commit. The renames are
 * the legacy kind, which leave the rest of the schema alone: the modern
 * kind checks every trigger, and one on executions names effects while
 * effects is being rebuilt.
 *
 * Not here: execution_steps, whose ids are computed from their
 * execution's; sessions, found by their hash alone; activities, the
 * hottest insert of all (~7k instructions a statement for the sequence),
 * which are never deleted one by one: only with their workspace, whose
 * ids nobody can see any more, so a workspace's activity ids still only
 * grow.
 */
static const char *const never_reused[] = {
    /* SQLite reads sqlite_sequence from its first row on every insert
     * statement: the tables a run inserts into come first. */
    "jobs",       "executions",    "tasks",             "effects",
    "outbox",     "notifications", "crm_events",        "plans",
    "contacts",   "companies",     "deals",             "tags",
    "agents",     "workspaces",    "users",             "api_tokens",
    "custom_field_defs", "email_templates", "connections",
    "form_submissions", NULL,
};

static int exec_text(struct db *db, struct buf *b, struct err *err)
{
    int rc = db_exec(db, buf_cstr(b), err);
    buf_reset(b);
    return rc;
}

static int rebuild_autoincrement(struct db *db, const char *table,
                                 struct err *err)
{
    /* The table's statement first, then its indexes and triggers. */
    struct db_stmt *st = db_prepare(
        db,
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = ?1 AND sql IS "
        "NOT NULL ORDER BY type <> 'table', rowid",
        err);
    if (!st)
        return -E_INTERNAL;
    db_bind_text(st, 1, table);
    struct buf create, others, b;
    buf_init(&create, 0);
    buf_init(&others, 0);
    buf_init(&b, 0);
    int rc;
    while ((rc = db_step(st, err)) == DB_ROW) {
        const char *sql = db_col_text(st, 1);
        if (!strcmp(db_col_text(st, 0), "table"))
            buf_puts(&create, sql);
        else
            buf_printf(&others, "%s;", sql);
    }
    db_reset(st);
    if (rc < 0)
        goto out;
    char head[96];
    snprintf(head, sizeof head, "CREATE TABLE %s ( id INTEGER PRIMARY KEY,",
             table);
    const char *def = buf_cstr(&create);
    if (strncmp(def, head, strlen(head)) != 0) {
        rc = err_set(err, E_INTERNAL,
                     "table %s was changed outside agentd (it begins "
                     "'%.60s'), so it cannot be upgraded; restore it as "
                     "agentd made it",
                     table, def);
        goto out;
    }
    buf_printf(&b,
               "CREATE TABLE %s_v9 ( id INTEGER PRIMARY KEY AUTOINCREMENT,"
               "%s",
               table, def + strlen(head));
    if ((rc = exec_text(db, &b, err)))
        goto out;
    buf_printf(&b,
               "INSERT INTO %s_v9 SELECT * FROM %s; DROP TABLE %s;"
               " ALTER TABLE %s_v9 RENAME TO %s;",
               table, table, table, table, table);
    if ((rc = exec_text(db, &b, err)))
        goto out;
    if (others.len)
        rc = db_exec(db, buf_cstr(&others), err);
out:
    buf_fini(&create);
    buf_fini(&others);
    buf_fini(&b);
    return rc;
}

static int v9_run(struct db *db, struct err *err)
{
    for (const char *const *t = never_reused; *t; t++) {
        int rc = rebuild_autoincrement(db, *t, err);
        if (rc)
            return rc;
    }
    struct db_stmt *st = db_prepare(db, "PRAGMA foreign_key_check", err);
    if (!st)
        return -E_INTERNAL;
    int rc = db_step(st, err);
    if (rc == DB_ROW)
        rc = err_set(err, E_INTERNAL,
                     "table %s has a row (rowid %lld) that refers to a "
                     "missing %s; the database was changed outside agentd",
                     db_col_text(st, 0), (long long)db_col_int(st, 1),
                     db_col_text(st, 2));
    db_reset(st);
    return rc < 0 ? rc : 0;
}

/* Rows keyed by a workspace or an agent without a foreign key (they are
 * written on hot paths, or keyed by agent alone) go when their workspace
 * or agent row goes; before, a deleted workspace left its parked jobs,
 * quota counts and agents' memory behind. Agents are deleted for good
 * only with their workspace (deleting one marks it deleted_at). */
static const char v10_leftovers[] =
    "CREATE TRIGGER workspaces_rest_go AFTER DELETE ON workspaces BEGIN"
    " DELETE FROM jobs WHERE workspace_id = old.id;"
    " DELETE FROM usage WHERE workspace_id = old.id; END;"
    "CREATE TRIGGER agents_rest_go AFTER DELETE ON agents BEGIN"
    " DELETE FROM agent_memory WHERE agent_id = old.id;"
    " DELETE FROM agent_counters WHERE agent_id = old.id;"
    " DELETE FROM webhook_keys WHERE agent_id = old.id; END;";

/* A search reads every contact (or deal) of the workspace in id order and
 * tests its condition; through an index on workspace_id alone each row
 * costs an index step and a seek into the table. These indexes carry, after
 * (workspace_id, id), the columns conditions use most, so that a search on
 * them ("title contains CEO", "status is Lead and replied is false", "deals
 * in Proposal over 10,000") reads only the index, still in id order (the
 * first N matches end it early). They take the place of the indexes on
 * workspace_id alone. Columns rewritten on every write (updated_at) or by
 * every send (last_contacted_at), and the custom document, stay out. */
static const char v11_search_indexes[] =
    "DROP INDEX IF EXISTS contacts_ws;"
    "CREATE INDEX contacts_ws_search ON contacts(workspace_id, id, title,"
    " status, replied, interested, opened_email, source, city, country,"
    " owner_id, company_id, created_at);"
    "DROP INDEX IF EXISTS deals_ws;"
    "CREATE INDEX deals_ws_search ON deals(workspace_id, id, stage, value,"
    " owner_id, contact_id, company_id, close_date, created_at);";

const struct db_migration db_sqlite_migrations[] = {
    {1, "foundation", v1_foundation},
    {2, "agent plan source", v2_plan_source},
    {3, "engine", v3_engine},
    {4, "lean indexes", v4_lean_indexes},
    {5, "integrations", v5_integrations},
    {6, "active time", v6_active_time},
    {7, "webhook answers", v7_webhook_answers},
    {8, "effect quota day", v8_effect_quota_day},
    {9, "ids never reused", "", v9_run,
     "PRAGMA foreign_keys=OFF; PRAGMA legacy_alter_table=ON",
     "PRAGMA foreign_keys=ON; PRAGMA legacy_alter_table=OFF"},
    {10, "leftovers go with their workspace", v10_leftovers, NULL, NULL,
     NULL},
    {11, "search indexes", v11_search_indexes, NULL, NULL, NULL},
    {0, NULL, NULL, NULL, NULL, NULL},
};
