"""CRM event triggers, inbound webhooks, limits and credits."""
import json

import pytest

from agentd import Client, run_cli, wait_for
from runs import (execution, list_execs, make_agent, notifications, run,
                  run_and_wait, step, steps, token, wait_exec)


def new_contact(owner, ws, **fields):
    body = {"firstName": "Ev", "email": f"{token()}@example.com"}
    body.update(fields)
    r = owner.post(f"{ws}/contacts", body)
    assert r.status == 201, r
    return r.json


def only_run(owner, ws, agent_id, timeout=10):
    runs = wait_for(lambda: list_execs(owner, ws, agent_id), timeout=timeout,
                    what="a run")
    assert len(runs) == 1, runs
    return wait_exec(owner, ws, runs[0]["id"])


# ---- events ------------------------------------------------------------------

def test_contact_created_runs_with_the_contact(owner, ws):
    word = token()
    a = make_agent(owner, ws, steps(
        step("create_task", title=f"Welcome @contact.firstName {word}")),
        trigger={"type": "event", "event": "contact_created"})
    c = new_contact(owner, ws, firstName="John")
    x = only_run(owner, ws, a["id"])
    assert x["triggerType"] == "event:contact_created"
    assert x["triggeredByType"] == "system"
    assert x["status"] == "completed", x["error"]
    tasks = owner.get(f"{ws}/tasks?executionId={x['id']}").json["data"]
    assert tasks[0]["title"] == f"Welcome John {word}"
    assert tasks[0]["contactId"] == c["id"]
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})


def test_new_contact_trigger_with_a_condition_from_the_words(owner, ws):
    """'When a new lead comes in from LinkedIn, ...' sets a contact_created
    trigger with a condition: a contact from elsewhere starts no run."""
    word = token()
    a = make_agent(owner, ws, instructions=(
        f"When a new lead comes in from LinkedIn, tag them 'li{word}'"))
    assert a["trigger"] == {
        "type": "event", "event": "contact_created",
        "conditions": {"field": "contact.source", "operator": "==",
                       "value": "LinkedIn"}}
    other = new_contact(owner, ws, source="webinar")
    mine = new_contact(owner, ws, source="linkedin")
    x = only_run(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert "li" + word in owner.get(f"{ws}/contacts/{mine['id']}").json["tags"]
    assert "li" + word not in owner.get(
        f"{ws}/contacts/{other['id']}").json["tags"]
    assert len(list_execs(owner, ws, a["id"])) == 1
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})


def test_trigger_conditions_name_fields_the_records_have(owner, ws):
    """A trigger's condition is checked where no step log is, so a
    misspelt field, an unknown operator or an undefined custom field is
    refused when the agent is saved, not left to keep it from ever
    running."""
    def event(cond):
        return {"type": "event", "event": "contact_created",
                "conditions": cond}
    r = owner.post(f"{ws}/agents", {"name": "Cond " + token(),
                                    "plan": steps(step("stop")),
                                    "trigger": event({
                                        "field": "contact.titel",
                                        "operator": "contains",
                                        "value": "CEO"})})
    assert r.status == 422 and r.error["message"] == (
        "Field 'contact.titel' in trigger.conditions is neither a contact "
        "field nor a custom field of this workspace: create the custom "
        "field first, or correct the name"), r
    assert r.error["details"] == {"field": "trigger.conditions"}
    r = owner.post(f"{ws}/agents", {"name": "Cond " + token(),
                                    "plan": steps(step("stop")),
                                    "trigger": event({
                                        "field": "contact.title",
                                        "operator": "~~", "value": "x"})})
    assert r.status == 422 and "'operator' must be one of" in r.error[
        "message"], r
    r = owner.post(f"{ws}/agents", {"name": "Filter " + token(),
                                    "plan": steps(step("stop")),
                                    "trigger": {"type": "manual", "filter": {
                                        "and": [{"field": "deal.valeu",
                                                 "operator": ">",
                                                 "value": 5}]}}})
    assert r.status == 422 and "Field 'deal.valeu' in trigger.filter" in \
        r.error["message"], r
    # From the words too; a custom field once defined is a field.
    key = "fitScore" + token()[1:]
    words = f"When a contact with a {key} above 50 is created, tag them 'x'"
    r = owner.post(f"{ws}/agents", {"name": "Words " + token(),
                                    "instructions": words})
    assert r.status == 422 and f"'contact.{key}'" in r.error["message"], r
    assert owner.post(f"{ws}/custom-fields", {
        "entity": "contact", "key": key, "label": "Fit",
        "type": "number"}).status == 201
    r = owner.post(f"{ws}/agents", {"name": "Words " + token(),
                                    "instructions": words})
    assert r.status == 201, r
    assert r.json["trigger"]["conditions"]["field"] == f"contact.{key}"
    # Trigger and form fields are the event's own: any name.
    r = owner.post(f"{ws}/agents", {"name": "Form " + token(),
                                    "plan": steps(step("stop")),
                                    "trigger": {"type": "event",
                                                "event": "form_submitted",
                                                "conditions": {
                                                    "field": "form.budget",
                                                    "operator": ">",
                                                    "value": 5}}})
    assert r.status == 201, r


def test_deal_stage_conditions_and_previous_stage(owner, ws):
    a = make_agent(owner, ws, steps(
        step("remember", key="moved",
             value="@trigger.previousStage -> @deal.stage (@deal.value)")),
        trigger={"type": "event", "event": "deal_stage_updated",
                 "conditions": {"field": "deal.value", "operator": ">",
                                "value": 10000}})
    small = owner.post(f"{ws}/deals", {"name": "Small " + token(),
                                       "value": 5000,
                                       "stage": "Proposal"}).json
    big = owner.post(f"{ws}/deals", {"name": "Big " + token(),
                                     "value": 15000,
                                     "stage": "Proposal"}).json
    owner.patch(f"{ws}/deals/{small['id']}", {"stage": "Closed Won"})
    owner.patch(f"{ws}/deals/{big['id']}", {"stage": "Closed Won"})
    x = only_run(owner, ws, a["id"])
    assert x["triggerType"] == "event:deal_stage_updated"
    assert x["output"]["memory"]["moved"] == ("Proposal -> Closed Won "
                                              "(15000)")
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})


def test_form_submission_runs_with_form_fields(owner, ws):
    form = "demo-" + token()
    a = make_agent(owner, ws, steps(
        step("remember", key="who",
             value="@contact.email from @form.company")),
        trigger={"type": "event", "event": "form_submitted",
                 "formId": form})
    other = make_agent(owner, ws, steps(step("stop")),
                       trigger={"type": "event", "event": "form_submitted",
                                "formId": "another-form"})
    email = f"{token()}@lead.example"
    r = owner.post(f"{ws}/forms/{form}/submissions",
                   {"fields": {"email": email, "company": "Acme"}})
    assert r.status == 201 and r.json["contactCreated"]
    x = only_run(owner, ws, a["id"])
    assert x["triggerType"] == "event:form_submitted"
    assert x["output"]["memory"]["who"] == f"{email} from Acme"
    assert list_execs(owner, ws, other["id"]) == []
    for ag in (a, other):
        owner.post(f"{ws}/agents/{ag['id']}/status", {"status": "paused"})


def test_form_named_in_words_matches_the_posted_form_id(owner, ws):
    """'the Demo Request form' in an instruction is the form a website posts
    as 'demo-request' or 'demo_request' (case, spaces, hyphens and
    underscores aside); another form starts no run."""
    word = "x" + token()
    a = make_agent(owner, ws, instructions=(
        f"When someone submits the Demo Request {word} form, "
        f"tag them 'f{word}'"))
    assert a["trigger"] == {"type": "event", "event": "form_submitted",
                            "formId": f"Demo Request {word}"}
    r = owner.post(f"{ws}/forms/demo-request-{word}/submissions",
                   {"fields": {"email": f"{word}@lead.example"}})
    assert r.status == 201, r
    x = only_run(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    c = owner.get(f"{ws}/contacts/{r.json['contactId']}").json
    assert "f" + word in c["tags"]
    # neither a different form nor a name that only looks alike runs it
    for other in (f"demo-{word}", f"demorequest{word}"):
        r = owner.post(f"{ws}/forms/{other}/submissions",
                       {"fields": {"email": f"{token()}@lead.example"}})
        assert r.status == 201, r
    r = owner.post(f"{ws}/forms/DEMO_REQUEST_{word}/submissions",
                   {"fields": {"email": f"{token()}@lead.example"}})
    assert r.status == 201, r
    runs = wait_for(lambda: (lambda l: l if len(l) >= 2 else None)(
        list_execs(owner, ws, a["id"])), what="a second run")
    assert len(runs) == 2, runs
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})


def test_form_conditions_in_words_are_checked_before_a_run(owner, ws):
    """'When the pricing form is submitted with a budget over 5000': the
    form's own field, checked when the form comes in; a smaller budget
    starts no run."""
    word = "p" + token()
    a = make_agent(owner, ws, instructions=(
        f"When the {word} form is submitted with a budget over 5000, "
        f"tag them 'big{word}'"))
    assert a["trigger"] == {"type": "event", "event": "form_submitted",
                            "formId": word,
                            "conditions": {"field": "form.budget",
                                           "operator": ">", "value": 5000}}
    small = owner.post(f"{ws}/forms/{word}/submissions",
                       {"fields": {"email": f"s{word}@lead.example",
                                   "budget": 100}})
    big = owner.post(f"{ws}/forms/{word}/submissions",
                     {"fields": {"email": f"b{word}@lead.example",
                                 "budget": "12000"}})
    assert small.status == 201 and big.status == 201
    x = only_run(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert "big" + word in owner.get(
        f"{ws}/contacts/{big.json['contactId']}").json["tags"]
    assert "big" + word not in owner.get(
        f"{ws}/contacts/{small.json['contactId']}").json["tags"]
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})


def test_form_conditions_with_an_otherwise_run_for_every_form(owner, ws):
    """'When the X form is submitted with a budget over 5000, tag them A;
    otherwise tag them B': the otherwise is for the smaller budgets, so
    every submission starts a run and the budget is the if's."""
    word = "o" + token()
    a = make_agent(owner, ws, instructions=(
        f"When the {word} form is submitted with a budget over 5000, "
        f"tag them 'big{word}'; otherwise tag them 'small{word}'"))
    assert a["trigger"] == {"type": "event", "event": "form_submitted",
                            "formId": word}
    small = owner.post(f"{ws}/forms/{word}/submissions",
                       {"fields": {"email": f"s{word}@lead.example",
                                   "budget": 100}})
    assert small.status == 201, small
    first = only_run(owner, ws, a["id"])
    assert first["status"] == "completed", first["error"]
    big = owner.post(f"{ws}/forms/{word}/submissions",
                     {"fields": {"email": f"b{word}@lead.example",
                                 "budget": "12000"}})
    assert big.status == 201, big
    runs = wait_for(lambda: (lambda l: l if len(l) >= 2 else None)(
        list_execs(owner, ws, a["id"])), what="a second run")
    for r in runs:
        assert wait_exec(owner, ws, r["id"])["status"] == "completed"
    tags = {k: owner.get(f"{ws}/contacts/{v.json['contactId']}").json["tags"]
            for k, v in (("small", small), ("big", big))}
    assert "small" + word in tags["small"] and "big" + word not in tags[
        "small"], tags
    assert "big" + word in tags["big"] and "small" + word not in tags[
        "big"], tags
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})


def test_every_matching_agent_runs_independently(owner, ws):
    ev = {"type": "event", "event": "contact_created"}
    good = make_agent(owner, ws, steps(step("remember", key="k", value="1")),
                      trigger=ev)
    bad = make_agent(owner, ws, steps(step("create_task", title="t",
                                           assignee="@user.ghost")),
                     trigger=ev)
    paused = make_agent(owner, ws, steps(step("stop")), trigger=ev)
    owner.post(f"{ws}/agents/{paused['id']}/status", {"status": "paused"})
    new_contact(owner, ws)
    assert only_run(owner, ws, good["id"])["status"] == "completed"
    assert only_run(owner, ws, bad["id"])["status"] == "failed"
    skipped = list_execs(owner, ws, paused["id"])
    assert len(skipped) == 1
    assert skipped[0]["status"] == "skipped"
    assert skipped[0]["message"] == "Skipped: Agent paused"
    for ag in (good, bad):
        owner.post(f"{ws}/agents/{ag['id']}/status", {"status": "paused"})


def test_rapid_events_are_queued_not_dropped(owner, ws):
    a = make_agent(owner, ws, steps(step("remember", key="k", value="1")),
                   trigger={"type": "event", "event": "contact_created"})
    for _ in range(12):
        new_contact(owner, ws)
    runs = wait_for(lambda: (lambda r: r if len(r) == 12 else None)(
        list_execs(owner, ws, a["id"])), what="12 runs")
    wait_for(lambda: sum(r["status"] == "completed" for r in
                         list_execs(owner, ws, a["id"])) >= 10,
             what="10 completed")
    runs = list_execs(owner, ws, a["id"])
    statuses = sorted(r["status"] for r in runs)
    # At most 10 per minute: the rest wait for the next minute.
    assert statuses.count("completed") == 10, statuses
    queued = [r for r in runs if r["status"] == "queued"]
    assert len(queued) == 2
    assert all("rate limit" in r["message"] for r in queued)
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})
    # Pausing cancels what was still queued.
    assert all(r["status"] != "queued" for r in list_execs(owner, ws,
                                                           a["id"]))


# ---- webhooks ------------------------------------------------------------------

def hook(server, agent, secret=None, body=None, headers=None, query=""):
    h = dict(headers or {})
    if secret is not None:
        h["X-Agentd-Secret"] = secret
    return server.anon().post(f"/api/hooks/{agent['id']}{query}", body,
                              headers=h)


def test_webhook_secret_body_and_idempotency(server, owner, ws):
    a = make_agent(owner, ws, steps(step("remember", key="order",
                                         value="@trigger.body.order.id")),
                   trigger={"type": "webhook"},
                   restrictions={"maxRunsPerMinute": 1000})
    secret = a["webhookSecret"]
    r = hook(server, a, secret, {"order": {"id": "A-17"}})
    assert r.status == 202, r
    x = wait_exec(owner, ws, r.json["executionId"])
    assert x["triggerType"] == "webhook"
    assert x["output"]["memory"]["order"] == "A-17"
    r = hook(server, a, query=f"?secret={secret}")
    assert r.status == 202
    assert hook(server, a, "whsec_wrong").status == 401
    assert hook(server, a).status == 401
    assert server.anon().post("/api/hooks/999999",
                              headers={"X-Agentd-Secret": secret}).status == 401
    k = {"Idempotency-Key": "delivery-" + token()}
    r1 = hook(server, a, secret, {"n": 1}, headers=k)
    r2 = hook(server, a, secret, {"n": 1}, headers=k)
    assert r1.status == 202 and r2.status == 202
    assert r1.json["executionId"] == r2.json["executionId"]
    assert r2.json.get("duplicate") is True
    assert r2.json["status"] in ("queued", "running", "completed")


def test_webhook_rate_limit_and_paused_agent(server, owner, ws):
    a = make_agent(owner, ws, steps(step("stop")),
                   trigger={"type": "webhook"},
                   restrictions={"maxRunsPerMinute": 1000,
                                 "maxRunsPerDay": 1000})
    secret = a["webhookSecret"]
    c = server.anon()
    # Calls until the first 429. The minute may roll over during the
    # burst (a slow build, a busy machine): then the count restarts, so
    # up to three windows' worth are sent; the 429 never comes before
    # 100 calls were taken.
    codes = []
    while 429 not in codes and len(codes) < 300:
        codes.append(c.post(f"/api/hooks/{a['id']}",
                            headers={"X-Agentd-Secret": secret}).status)
    assert 429 in codes, codes[-5:]
    assert codes.index(429) >= 100
    assert set(codes[:codes.index(429)]) == {202}
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})
    b = make_agent(owner, ws, steps(step("stop")))
    owner.post(f"{ws}/agents/{b['id']}/status", {"status": "paused"})
    r = hook(server, b, b["webhookSecret"])
    assert r.status == 409
    assert r.error["message"] == "Skipped: Agent paused"
    x = execution(owner, ws, r.error["details"]["executionId"])
    assert x["status"] == "skipped"
    # A sender retrying a refused delivery gets the same refusal, not a 202
    # for a run that never started; a new key after the agent is Live runs.
    k = {"Idempotency-Key": "refused-" + token()}
    r1 = hook(server, b, b["webhookSecret"], headers=k)
    owner.post(f"{ws}/agents/{b['id']}/status", {"status": "live"})
    r2 = hook(server, b, b["webhookSecret"], headers=k)
    assert r1.status == 409 and r2.status == 409, (r1, r2)
    assert r2.error["message"] == "Skipped: Agent paused"
    assert r2.error["details"] == {
        "executionId": r1.error["details"]["executionId"], "duplicate": True}
    r3 = hook(server, b, b["webhookSecret"],
              headers={"Idempotency-Key": "new-" + token()})
    assert r3.status == 202


# ---- limits and credits ----------------------------------------------------------

def test_daily_circuit_breaker_pauses_and_notifies(owner, ws):
    a = make_agent(owner, ws, steps(step("stop")),
                   restrictions={"maxRunsPerDay": 2})
    run_and_wait(owner, ws, a["id"])
    run_and_wait(owner, ws, a["id"])
    r = run(owner, ws, a["id"])
    assert r.status == 429
    assert r.error["message"].startswith(
        "Agent paused: execution limit reached")
    assert owner.get(f"{ws}/agents/{a['id']}").json["status"] == "paused"
    assert any(n["message"] == "Agent paused: execution limit reached" and
               n["data"].get("agentId") == a["id"]
               for n in notifications(owner, ws))


def test_per_minute_limit_for_people(owner, ws):
    a = make_agent(owner, ws, steps(step("stop")),
                   restrictions={"maxRunsPerMinute": 1})
    run_and_wait(owner, ws, a["id"])
    r = run(owner, ws, a["id"])
    assert r.status == 429, r
    assert "at most 1 runs per minute" in r.error["message"]
    assert 0 < r.error["details"]["retryAfterSeconds"] <= 60


def test_credits_are_charged_and_enforced(server, owner, ws):
    before = owner.get(ws).json["credits"]
    a = make_agent(owner, ws, steps(step("stop")))
    run_and_wait(owner, ws, a["id"])
    assert owner.get(ws).json["credits"] == before - 1
    out = run_cli("credits", str(server.ws), "=0", "--db", server.db)
    assert out.returncode == 0, out.stderr
    assert "has 0 credits" in out.stdout
    r = run(owner, ws, a["id"])
    assert r.status == 402
    assert r.error["message"] == ("Not enough credits: a run costs 1 credit "
                                  "and this workspace has 0.")
    out = run_cli("credits", str(server.ws), f"={before}", "--db", server.db)
    assert out.returncode == 0
    assert run(owner, ws, a["id"]).status == 202


def test_credits_cli_adds_and_takes_away(server, owner, ws):
    """+N and -N change the balance, wherever the options stand ("-5" is
    the number, not an option)."""
    before = owner.get(ws).json["credits"]
    for args, delta in ((["+7", "--db", server.db], 7),
                        (["-5", "--db", server.db], -5),
                        (["--db", server.db, "-2"], -2),
                        (["--db", server.db, "--", "-1"], -1)):
        out = run_cli("credits", str(server.ws), *args)
        assert out.returncode == 0, (args, out.stderr)
        before += delta
        assert out.stdout.strip() == (
            f"workspace {server.ws} has {before} credits"), out.stdout
    assert owner.get(ws).json["credits"] == before
    out = run_cli("serve", "--port", "-5")
    assert out.returncode == 2
    assert "--port must be an integer from 0 to 65535, not '-5'" in out.stderr


def test_credits_cli_rejects_bad_input(server):
    for args in (["credits"], ["credits", "x"], ["credits", "1", "5"],
                 ["credits", "1", "+x"]):
        out = run_cli(*args, "--db", server.db)
        assert out.returncode == 2 and out.stderr, args
    out = run_cli("credits", "4242", "--db", server.db)
    assert out.returncode == 1 and "no workspace 4242" in out.stderr


# ---- triggers named in the instructions --------------------------------------

def test_instructions_that_name_a_schedule_set_the_trigger(owner, ws):
    text = ("Every Monday at 9am, find contacts where title contains CEO "
            "and tag them 'ceo'")
    r = owner.post(f"{ws}/agents/parse", {"instructions": text})
    assert r.status == 200, r
    assert r.json["trigger"] == {"type": "schedule", "preset": "weekly",
                                 "dayOfWeek": 1, "time": "09:00"}
    assert [s["type"] for s in r.json["plan"]["steps"]] == [
        "search_contacts", "add_tag"]
    r = owner.post(f"{ws}/agents/parse", {"instructions": "Tag them 'x'"})
    assert r.status == 200 and r.json["trigger"] is None
    # The deals in a stage now are a search, not the stage's event.
    r = owner.post(f"{ws}/agents/parse", {
        "instructions": "For each deal in Negotiation, notify me: x"})
    assert r.status == 200 and r.json["trigger"] is None, r
    assert r.json["plan"]["steps"][0]["type"] == "search_deals"
    # Saved without a trigger: the instructions' one is the agent's.
    a = make_agent(owner, ws, name="Standup " + token(),
                   instructions="Every weekday at 8:30, notify me: standup")
    assert a["trigger"] == {"type": "schedule", "cron": "30 8 * * 1-5"}
    assert a["nextRunAt"] is not None
    # New instructions without one keep it; new ones with one replace it.
    r = owner.patch(f"{ws}/agents/{a['id']}",
                    {"instructions": "Notify me: standup time"})
    assert r.status == 200 and r.json["trigger"] == a["trigger"], r
    r = owner.patch(f"{ws}/agents/{a['id']}",
                    {"instructions": "Daily at 6pm Berlin time: notify me: "
                                     "wrap up"})
    assert r.status == 200, r
    assert r.json["trigger"] == {"type": "schedule", "preset": "daily",
                                 "time": "18:00",
                                 "timezone": "Europe/Berlin"}
    # 18:00 in Berlin is 17:00 or 16:00 UTC (winter or summer time).
    assert r.json["nextRunAt"][11:19] in ("17:00:00", "16:00:00"), r.json
    # A zone the tz database does not have is named as the problem.
    r = owner.patch(f"{ws}/agents/{a['id']}",
                    {"instructions": "Daily at 6pm Europe/Atlantis: notify "
                                     "me: wrap up"})
    assert r.status == 422, r
    assert r.json["error"]["details"]["text"].startswith("Europe/Atlantis")
    assert "unknown time zone" in r.json["error"]["details"]["reason"]
    # A trigger sent with the instructions wins over their words.
    b = make_agent(owner, ws, live=False, name="Manual " + token(),
                   instructions="Every day at 7am, notify me: hi",
                   trigger={"type": "manual"})
    assert b["trigger"] == {"type": "manual"}
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})


def test_instructions_that_name_an_event_run_on_it(owner, ws):
    word = "w" + token()
    a = make_agent(owner, ws, name="Welcomer " + token(),
                   instructions=f"When a new contact is created, tag them "
                                f"'{word}'")
    assert a["trigger"] == {"type": "event", "event": "contact_created"}
    assert a["plan"] == {"steps": [{"type": "add_tag",
                                    "params": {"tags": [word]}}]}
    c = new_contact(owner, ws, firstName="Nia")
    x = only_run(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert word in owner.get(f"{ws}/contacts/{c['id']}").json["tags"]
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})
    # A deal's stage: checked before a run is admitted and by the plan.
    b = make_agent(owner, ws, name="Negotiator " + token(),
                   instructions=f"Whenever a deal moves to Negotiation, "
                                f"create task: Prep @deal.name {word}")
    assert b["trigger"] == {
        "type": "event", "event": "deal_stage_updated",
        "conditions": {"field": "deal.stage", "operator": "==",
                       "value": "Negotiation"}}
    assert b["plan"]["steps"][0]["type"] == "if"
    d = owner.post(f"{ws}/deals", {"name": "Deal " + word, "value": 100,
                                   "stage": "Lead"}).json
    owner.patch(f"{ws}/deals/{d['id']}", {"stage": "Proposal"})
    owner.patch(f"{ws}/deals/{d['id']}", {"stage": "Negotiation"})
    x = only_run(owner, ws, b["id"])
    assert x["status"] == "completed", x["error"]
    tasks = owner.get(f"{ws}/tasks?q={word}").json["data"]
    assert [t["title"] for t in tasks] == [f"Prep Deal {word} {word}"]
    owner.post(f"{ws}/agents/{b['id']}/status", {"status": "paused"})


def test_webhook_payload_condition_from_instructions(server, owner, ws):
    """'When a webhook is received with event 'signup', ...': a webhook
    agent whose steps run only for that payload (@trigger.event reads the
    payload's event, trigger.body.event)."""
    word = token()
    a = make_agent(owner, ws, instructions=(
        f"When a webhook is received with event 'signup', notify me: "
        f"Signup {word} @trigger.email"),
                   restrictions={"maxRunsPerMinute": 1000})
    assert a["trigger"] == {"type": "webhook"}, a["trigger"]
    secret = a["webhookSecret"]
    mine = []
    for event in ("signup", "churn"):
        r = hook(server, a, secret, {"event": event, "email": "n@x.io"})
        assert r.status == 202, r
        x = wait_exec(owner, ws, r.json["executionId"])
        assert x["status"] == "completed", (x["error"], x["steps"])
        mine.append([n["message"] for n in notifications(owner, ws)
                     if n["data"].get("executionId") == x["id"]])
    assert mine == [[f"Signup {word} n@x.io"], []], mine


def test_deal_won_find_the_contact_is_the_deals_contact(owner, ws):
    """'When a deal is won, find the contact and tag them ...': the deal's
    own contact is tagged, no other contact of the workspace."""
    word = token()
    ids = []
    for n in range(2):
        r = owner.post(f"{ws}/contacts", {"firstName": f"C{n}",
                                          "email": f"{token()}@example.com"})
        assert r.status == 201, r
        ids.append(r.json["id"])
    a = make_agent(owner, ws, instructions=(
        f"When a deal is won, find the contact and tag them 'won-{word}'"))
    deal = owner.post(f"{ws}/deals", {"name": f"D {word}", "value": 100,
                                      "stage": "Proposal",
                                      "contactId": ids[0]}).json
    owner.patch(f"{ws}/deals/{deal['id']}", {"stage": "Closed Won"})
    x = only_run(owner, ws, a["id"])
    assert x["status"] == "completed", (x["error"], x["steps"])
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})
    tags = [owner.get(f"{ws}/contacts/{cid}").json["tags"] for cid in ids]
    assert tags == [[f"won-{word}"], []], tags
