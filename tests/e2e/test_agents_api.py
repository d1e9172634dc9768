"""Agent definitions: CRUD, status rules, webhook secrets, export/import."""
from runs import token


def new_agent(owner, ws, **kw):
    body = {"name": kw.pop("name", "Agent %d" % id(kw)),
            "instructions": "Tag them 'test'"}
    body.update(kw)
    r = owner.post(f"{ws}/agents", body)
    assert r.status == 201, r
    return r.json


def test_defaults_and_secret_visibility(server, owner, ws):
    a = new_agent(owner, ws, name="Defaults")
    assert a["status"] == "draft"
    assert a["trigger"] == {"type": "manual"}
    assert a["memory"] == {"enabled": False}
    assert a["webhookUrl"] == f"/api/hooks/{a['id']}"
    assert a["webhookSecret"].startswith("whsec_")
    assert a["createdBy"] == server.user("owner")["userId"]
    member = server.client("member").get(f"{ws}/agents/{a['id']}").json
    assert "webhookSecret" not in member
    assert "webhookSecretSealed" not in member and "webhookSecretSealed" not in a


def test_status_transitions(owner, ws):
    a = new_agent(owner, ws, name="Lifecycle",
                  plan={"steps": [{"type": "stop", "params": {}}]})
    url = f"{ws}/agents/{a['id']}/status"
    assert owner.post(url, {"status": "paused"}).status == 409
    assert owner.post(url, {"status": "live"}).json["status"] == "live"
    assert owner.post(url, {"status": "paused"}).json["status"] == "paused"
    assert owner.post(url, {"status": "live"}).json["status"] == "live"
    r = owner.post(url, {"status": "draft"})
    assert r.status == 409 and "cannot go from live to draft" in r.json["error"]["message"]
    assert owner.post(url, {"status": "sleeping"}).status == 422
    assert owner.post(url, {}).status == 422


def test_no_plan_no_live(owner, ws):
    a = new_agent(owner, ws, name="Planless", instructions="")
    r = owner.post(f"{ws}/agents/{a['id']}/status", {"status": "live"})
    assert r.status == 409 and "cannot go Live" in r.json["error"]["message"]


def test_documents_are_validated(owner, ws):
    bad = [
        {"trigger": {"type": "cron"}},
        {"trigger": {"type": "event"}},
        {"trigger": {"type": "event", "event": "contact_created", "extra": 1}},
        {"trigger": {"type": "schedule"}},
        {"restrictions": {"maxEmailsPerDay": "lots"}},
        {"restrictions": {"maxCoffees": 1}},
        {"memory": {"enabled": "yes"}},
        {"plan": [1, 2]},
    ]
    for extra in bad:
        r = owner.post(f"{ws}/agents", dict(name="Bad docs", **extra))
        assert r.status in (400, 422), (extra, r)
    assert owner.get(f"{ws}/agents?name=Bad%20docs").json["data"] == []


def test_schedules_that_cannot_fire_are_refused(owner, ws):
    a = new_agent(owner, ws, name="Schedules",
                  plan={"steps": [{"type": "stop", "params": {}}]})
    url = f"{ws}/agents/{a['id']}"
    for trigger, field, words in (
            ({"type": "schedule", "cron": "0 9 30 2 *"}, "trigger",
             "Cron expression '0 9 30 2 *' never fires: no month has that "
             "day"),
            ({"type": "schedule", "cron": "0 0 31 4,6 *"}, "trigger",
             "never fires"),
            ({"type": "schedule", "cron": "61 * * * *"}, "trigger",
             "out of range in the minute field"),
            ({"type": "schedule", "cron": "0 9 * * *",
              "timezone": "Mars/Olympus"}, "trigger.timezone",
             "Unknown time zone"),
            ({"type": "schedule", "preset": "yearly"}, "trigger",
             "'preset' must be hourly, daily, weekly or monthly"),
            ({"type": "schedule"}, "trigger",
             "'preset' (hourly, daily, weekly, monthly)")):
        r = owner.patch(url, {"trigger": trigger})
        assert r.status == 422, (trigger, r)
        assert words in r.error["message"], (trigger, r.error)
        assert r.error["details"]["field"] == field, (trigger, r.error)
    # Nothing was changed; the day that exists in some of the months runs.
    assert owner.get(url).json["trigger"] == {"type": "manual"}
    ok = {"type": "schedule", "cron": "0 9 31 1-12 *", "timezone": "UTC"}
    assert owner.patch(url, {"trigger": ok}).json["trigger"] == ok
    r = owner.post(f"{url}/status", {"status": "live"})
    assert r.status == 200 and r.json["nextRunAt"].endswith("T09:00:00.000Z")


def test_unique_names_and_soft_delete(owner, ws):
    a = new_agent(owner, ws, name="Unique")
    r = owner.post(f"{ws}/agents", {"name": "unique"})
    assert r.status == 409
    assert owner.delete(f"{ws}/agents/{a['id']}").status == 200
    assert owner.get(f"{ws}/agents/{a['id']}").status == 404
    # The name is free again once the agent is deleted.
    assert owner.post(f"{ws}/agents", {"name": "Unique"}).status == 201


def test_export_and_import(owner, ws):
    a = new_agent(owner, ws, name="Exported", goal="Grow",
                  trigger={"type": "event", "event": "contact_created"},
                  restrictions={"maxEmailsPerDay": 20}, memory={"enabled": True})
    cfg = owner.get(f"{ws}/agents/{a['id']}/export-config").json
    assert cfg == {"version": 1, "name": "Exported", "goal": "Grow",
                   "instructions": "Tag them 'test'",
                   "triggers": {"type": "event", "event": "contact_created"},
                   "restrictions": {"maxEmailsPerDay": 20},
                   "memory": {"enabled": True}}
    r = owner.post(f"{ws}/agents/import", cfg)
    assert r.status == 201
    assert r.json["name"] == "Exported (2)" and r.json["status"] == "draft"
    assert r.json["trigger"] == cfg["triggers"]
    assert owner.post(f"{ws}/agents/import", {"version": 7, "name": "x"}).status == 422
    assert owner.post(f"{ws}/agents/import", {"name": "x", "secret": 1}).status == 400
    # An unknown key names the known ones ("trigger" for "triggers").
    r = owner.post(f"{ws}/agents/import", {"name": "x", "trigger": {}})
    assert r.status == 400 and r.error["message"] == (
        "Unknown key 'trigger' in configuration (known: version, name, "
        "goal, instructions, triggers, restrictions, memory)"), r


def test_demo_agents_exist(server, owner, ws):
    names = {a["name"] for a in owner.get(f"{ws}/agents?limit=200").json["data"]}
    assert {"Outbound to new CEOs", "Follow-up after no reply", "Warm-lead handoff",
            "Enrich new contacts", "Big-deal alert"} <= names


def test_plan_warnings_name_what_the_workspace_lacks(owner, ws):
    """A saved agent, and a parse preview, list what the plan names that
    the workspace does not have — a field, a custom field or a value it
    cannot hold, a template, an agent, a member — before any run; the
    agent is saved all the same (the run says it again)."""
    a = new_agent(owner, ws, name="Lint " + str(id(owner)), instructions=(
        "Find contacts where titel contains CEO and send template "
        "'No such template'. Set their leadScore to 'Z'. Run agent "
        "'Ghost agent'. Create a task for @user.nobody: call them. Notify "
        "@user.salesRep: done"))
    assert [(w["path"], w["message"]) for w in a["planWarnings"]] == [
        ("steps[0].params.where",
         "Field 'contact.titel' is neither a contact field nor a custom "
         "field of this workspace: the condition will be false (create the "
         "custom field, or correct the name)"),
        ("steps[1].params.template",
         "Email template 'No such template' not found. Create it under "
         "email templates first."),
        ("steps[2].params.field",
         "Custom field 'leadScore' must be one of [\"A\",\"B\",\"C\",\"D\"]"),
        ("steps[3].params.agent",
         "Agent 'Ghost agent' not found in this workspace"),
        ("steps[4].params.assignee",
         "@user.nobody is no member of this workspace (no member has the "
         "handle 'nobody'): the step will fail; add the member or set their "
         "handle")]
    assert owner.get(f"{ws}/agents/{a['id']}").json["planWarnings"] == \
        a["planWarnings"]
    # Once the template exists, its warning goes.
    assert owner.post(f"{ws}/email-templates", {
        "name": "No such template", "subject": "s", "body": "b"}
    ).status == 201
    got = owner.get(f"{ws}/agents/{a['id']}").json["planWarnings"]
    assert [w["path"] for w in got] == [
        "steps[0].params.where", "steps[2].params.field",
        "steps[3].params.agent", "steps[4].params.assignee"]
    p = owner.post(f"{ws}/agents/parse", {
        "instructions": "Send template 'Nothing like it' to contacts "
                        "tagged 'x'"}).json
    assert p["warnings"] == [{
        "path": "steps[1].params.template",
        "message": "Email template 'Nothing like it' not found. Create it "
                   "under email templates first."}]
    # A provider agentd does not enrich from is said when the agent is
    # saved, not only when its step fails; Apollo in any case is known.
    p = owner.post(f"{ws}/agents/parse", {
        "instructions": "Enrich contacts tagged 'x' with Clearbit"}).json
    assert p["warnings"] == [{
        "path": "steps[1].params.provider",
        "message": "Enrichment provider 'Clearbit' is not supported "
                   "(apollo is)"}]
    apollo = new_agent(owner, ws, name="Apollo case " + str(id(p)), plan={
        "steps": [{"type": "search_contacts", "params": {"where": {
            "field": "contact.tags", "operator": "contains",
            "value": "x"}}},
            {"type": "enrich_contact", "params": {"provider": "Apollo"}}]})
    assert apollo["planWarnings"] == []
    clean = new_agent(owner, ws, name="Clean " + str(id(p)),
                      instructions="Find contacts tagged 'x' and tag them "
                                   "'test'")
    assert clean["planWarnings"] == []


def test_plan_warnings_say_when_no_contacts_are_in_scope(owner, ws):
    """A step about contacts with none in scope when the agent runs on
    its own — no search before it, a trigger that brings none — would do
    nothing: the agent says so before it runs. A search first, a contact
    event, or a target filter on the trigger puts contacts in scope."""
    def warnings(instructions, **fields):
        a = new_agent(owner, ws, name="Scope " + token(),
                      instructions=instructions, **fields)
        return [(w["path"], w["message"]) for w in a["planWarnings"]]
    msg = ("No contacts are in scope here when the agent runs on its own "
           "({}): {}. Search first (e.g. Find contacts tagged 'vip'), or "
           "trigger the agent on a contact; an agent that another agent "
           "runs starts with that agent's records")
    assert warnings("Notify me: starting. Tag them 'hot'") == [
        ("steps[1]", msg.format("by hand", "this step does nothing"))]
    assert warnings("If they replied, tag them 'warm'",
                    trigger={"type": "schedule", "preset": "daily",
                             "time": "09:00"}) == [
        ("steps[0].params.condition",
         msg.format("on its schedule",
                    "the condition is false, with no contact to test"))]
    assert warnings("Find contacts tagged 'x' and tag them 'hot'") == []
    assert warnings("When a contact is created, tag them 'hot'") == []
    assert warnings("Tag them 'hot'", trigger={
        "type": "manual", "filter": {"field": "contact.title",
                                     "operator": "contains",
                                     "value": "CEO"}}) == []
    # An e-mail to a given address needs nobody in scope.
    assert warnings("Send template 'Outbound v2' to bob@example.com") == []
    # With other warnings, in step order.
    got = warnings("Send template 'No such one'. Tag them 'hot'. Notify "
                   "@nobody: x")
    assert [p for p, _ in got] == ["steps[0]", "steps[0].params.template",
                                   "steps[2].params.to"]
    # The parse preview says it too.
    p = owner.post(f"{ws}/agents/parse", {"instructions": "Tag them 'hot'"})
    assert [w["path"] for w in p.json["warnings"]] == ["steps[0]"]


def test_demo_agents_have_no_plan_warnings(owner, ws):
    agents = owner.get(f"{ws}/agents?limit=200").json["data"]
    demo = {a["name"]: a["planWarnings"] for a in agents if a["name"] in (
        "Outbound to new CEOs", "Follow-up after no reply",
        "Warm-lead handoff", "Enrich new contacts", "Big-deal alert")}
    assert demo == {name: [] for name in demo} and len(demo) == 5, demo
