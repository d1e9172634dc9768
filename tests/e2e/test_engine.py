"""The execution engine over HTTP: manual runs, the step loop, variables,
conditions, failures, CRM actions, history, and operations on runs."""
import datetime
import json
import sqlite3
import time
import uuid

import pytest

from agentd import wait_for
from runs import (TERMINAL, execution, list_execs, make_agent, notifications,
                  run, run_and_wait, run_completed, step, steps, token,
                  wait_exec)


def contacts_with(owner, ws, title, n, **extra):
    """n new contacts whose title holds a unique word; returns their ids."""
    ids = []
    for i in range(n):
        body = {"firstName": f"P{i}", "lastName": "Test",
                "email": f"{uuid.uuid4().hex[:10]}@example.com",
                "title": title}
        body.update(extra)
        r = owner.post(f"{ws}/contacts", body)
        assert r.status == 201, r
        ids.append(r.json["id"])
    return ids


def contact_at_company(owner, ws, word, **company):
    """A new contact (title 'Lead <word>') at a new company with the
    fields given; returns the contact's id."""
    co = owner.post(f"{ws}/companies", dict(name=f"Co {token()} {word}",
                                            **company))
    assert co.status == 201, co
    return contacts_with(owner, ws, f"Lead {word}", 1,
                         companyId=co.json["id"])[0]


def run_task_titles(owner, ws, agent_id):
    """Runs the agent to its end (it must complete) and returns the titles
    of the tasks that run created."""
    x = run_completed(owner, ws, agent_id)
    return [t["title"] for t in owner.get(
        f"{ws}/tasks?executionId={x['id']}").json["data"]]


def owned_deal(owner, ws, name, owner_id):
    """A new deal in Proposal owned by the member owner_id."""
    d = owner.post(f"{ws}/deals", {"name": name, "value": 5,
                                   "stage": "Proposal", "ownerId": owner_id})
    assert d.status == 201, d
    return d.json


def find(word):
    return step("search_contacts",
                where={"field": "contact.title", "operator": "contains",
                       "value": word})


# ---- manual runs -----------------------------------------------------------

def test_manual_run_answers_at_once_and_completes(server, owner, ws):
    word = token()
    ids = contacts_with(owner, ws, f"CEO {word}", 5)
    a = make_agent(owner, ws, steps(find(word),
                                    step("add_tag", tags=[f"Hot-{word}"])))
    t0 = time.time()
    r = run(owner, ws, a["id"])
    took = time.time() - t0
    assert r.status == 202, r
    assert r.json["executionId"] > 0 and r.json["status"] == "queued"
    assert took < 1.0
    x = wait_exec(owner, ws, r.json["executionId"])
    assert x["status"] == "completed", (x["error"], x["steps"])
    assert x["message"] == "Agent completed successfully. Processed 5 contacts."
    assert x["summary"].startswith("Processed 5 contacts")
    assert x["triggerType"] == "manual"
    assert x["triggeredBy"] == server.user("owner")["userId"]
    assert x["triggeredByType"] == "user"
    assert x["startedAt"] and x["completedAt"] and x["durationMs"] >= 0
    assert [s["type"] for s in x["steps"]] == ["search_contacts", "add_tag"]
    assert all(s["status"] == "success" for s in x["steps"])
    assert x["steps"][0]["output"] == {"count": 5}
    for cid in ids:
        assert f"Hot-{word}" in owner.get(f"{ws}/contacts/{cid}").json["tags"]
    # The same through /trigger, and in the history.
    r = owner.post(f"{ws}/agents/{a['id']}/trigger")
    assert r.status == 202
    wait_exec(owner, ws, r.json["executionId"])
    hist = list_execs(owner, ws, a["id"])
    assert [h["id"] for h in hist] == [r.json["executionId"], x["id"]]


def test_second_trigger_while_running_is_refused(owner, ws):
    a = make_agent(owner, ws, steps(step("wait", seconds=3600),
                                    step("stop")))
    first = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, first, ("waiting",))
    r = run(owner, ws, a["id"])
    assert r.status == 409
    assert r.error["message"] == ("Agent is already running. Wait for "
                                  "current execution to complete.")
    assert r.error["details"]["executionId"] == first
    assert owner.post(f"{ws}/executions/{first}/cancel").status == 200
    r = run(owner, ws, a["id"])
    assert r.status == 202
    owner.post(f"{ws}/executions/{r.json['executionId']}/cancel")


def test_status_rules_for_manual_runs(owner, ws):
    draft = make_agent(owner, ws, steps(step("stop")), live=False)
    assert run_and_wait(owner, ws, draft["id"])["status"] == "completed"
    a = make_agent(owner, ws, steps(step("stop")))
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})
    r = run(owner, ws, a["id"])
    assert r.status == 409 and "paused" in r.error["message"]
    assert owner.post(f"{ws}/agents/999999/execute").status == 404


def test_who_may_trigger(server, owner, ws):
    a = make_agent(owner, ws, steps(step("stop")))
    viewer = server.client("viewer")
    r = run(viewer, ws, a["id"])
    assert r.status == 403
    member = server.client("member")
    mid = server.user("member")["userId"]
    owner.patch(f"{ws}/members/{mid}", {"canTrigger": False})
    assert run(member, ws, a["id"]).status == 403
    owner.patch(f"{ws}/members/{mid}", {"canTrigger": True})
    r = run(member, ws, a["id"])
    assert r.status == 202, r
    x = wait_exec(owner, ws, r.json["executionId"])
    assert x["triggeredBy"] == mid


def test_input_and_bad_bodies(owner, ws):
    a = make_agent(owner, ws, steps(step("remember", key="got",
                                         value="@input.city")))
    x = run_and_wait(owner, ws, a["id"], {"input": {"city": "Lyon"}})
    assert x["output"]["memory"]["got"] == "Lyon"
    r = run(owner, ws, a["id"], {"input": 1, "other": 2})
    assert r.status == 400 and "other" in r.error["message"]
    before = owner.get(f"{ws}/executions?agentId={a['id']}").json["data"]
    for bad in (1, "Lyon", ["Lyon"]):
        r = run(owner, ws, a["id"], {"input": bad})
        assert r.status == 400, r
        assert r.error["details"] == {"field": "input"}
        assert "must be a JSON object" in r.error["message"]
    # Refused requests started nothing.
    assert owner.get(f"{ws}/executions?agentId={a['id']}").json["data"] \
        == before
    x = run_and_wait(owner, ws, a["id"], {"input": None})
    assert x["status"] == "completed"


# ---- the step loop -----------------------------------------------------------

def test_failed_step_keeps_earlier_results_and_stops(owner, ws):
    word = token()
    ids = contacts_with(owner, ws, word, 2)
    a = make_agent(owner, ws, steps(
        find(word),
        step("add_tag", tags=[f"before-{word}"]),
        step("update_field", entity="contact", field="leadScoreX",
             value="A"),
        step("add_tag", tags=[f"after-{word}"])))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "failed"
    assert x["error"]["step"] == 3
    assert x["error"]["message"] == ("Custom field 'leadScoreX' not found. "
                                     "Create field first.")
    assert x["message"].startswith("Agent failed: ")
    # Steps 1-2 done, step 3 failed, step 4 listed as not executed.
    assert [s["status"] for s in x["steps"]] == ["success", "success",
                                                 "failed", "not_executed"]
    last = x["steps"][3]
    assert (last["index"], last["type"], last["seq"], last["startedAt"]) \
        == (4, "add_tag", None, None)
    assert last["params"] == {"tags": [f"after-{word}"]}
    tags = owner.get(f"{ws}/contacts/{ids[0]}").json["tags"]
    assert f"before-{word}" in tags and f"after-{word}" not in tags
    # A manual failure does not pause the agent.
    assert owner.get(f"{ws}/agents/{a['id']}").json["status"] == "live"


def test_variables_memory_and_step_outputs(server, owner, ws):
    word = token()
    contacts_with(owner, ws, word, 1)
    a = make_agent(owner, ws, steps(
        find(word),
        step("remember", key="seen", value="@contacts"),
        step("create_task",
             title="Follow up with @contact.firstName in 3 days "
                   "(@memory.seen, @steps.1.output.count)",
             dueInDays=3, assignee="@user.salesRep")))
    x = run_completed(owner, ws, a["id"])
    tasks = owner.get(f"{ws}/tasks?executionId={x['id']}").json["data"]
    assert len(tasks) == 1
    t = tasks[0]
    cid = x["output"]["memory"]["seen"][0]
    assert t["title"] == (f"Follow up with P0 in 3 days ([{cid}], 1)")
    assert t["contactId"] == cid
    assert t["assigneeId"] == server.user("member")["userId"]
    due = time.mktime(time.strptime(t["dueAt"][:19], "%Y-%m-%dT%H:%M:%S"))
    assert abs(due - time.mktime(time.gmtime()) - 3 * 86400) < 120
    note = [n for n in notifications(server.client("member"), ws)
            if n["type"] == "task_assigned" and
            n["data"].get("executionId") == x["id"]]
    assert note and note[0]["message"] == (
        f"New task assigned by agent {a['name']}")


def test_tasks_and_notifications_for_each_records_owner(server, owner, ws):
    """'create a task for their owner' / 'notify the contact owner' go to
    the member each contact's ownerId names; a contact with no owner falls
    back to the step's default (the agent's creator; the workspace owners)
    with a warning; deals have their owners too."""
    word = token()
    rep_id = server.user("member")["userId"]
    ann, = contacts_with(owner, ws, word, 1, firstName="Ann", ownerId=rep_id)
    bob, = contacts_with(owner, ws, word, 1, firstName="Bob")
    a = make_agent(owner, ws, instructions=(
        f"Find contacts where title contains '{word}', create a task for "
        f"their owner: Call @contact.firstName. Notify the contact "
        f"owner: @contact.firstName is hot"))
    plan = a["plan"]["steps"]
    assert plan[1]["params"] == {"assignee": "@contact.ownerId",
                                 "title": "Call @contact.firstName"}
    assert plan[2]["params"] == {"to": "@contact.ownerId",
                                 "message": "@contact.firstName is hot"}
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    tasks = {t["contactId"]: t for t in owner.get(
        f"{ws}/tasks?executionId={x['id']}").json["data"]}
    assert tasks[ann]["assigneeId"] == rep_id
    assert tasks[bob]["assigneeId"] == server.user("owner")["userId"]
    assert tasks[bob]["assigneeId"] != rep_id
    warned = ("@contact.ownerId names no member of the workspace for some "
              "records: the default was used")
    assert warned in x["steps"][1]["warnings"]
    assert warned in x["steps"][2]["warnings"]
    rep = server.client("member")
    mine = [n for n in notifications(rep, ws)
            if n["data"].get("executionId") == x["id"]]
    assert sorted(n["message"] for n in mine) == [
        "Ann is hot", f"New task assigned by agent {a['name']}"]
    assert [n["data"]["taskIds"] for n in mine
            if n["type"] == "task_assigned"] == [[tasks[ann]["id"]]]
    theirs = [n["message"] for n in notifications(owner, ws)
              if n["data"].get("executionId") == x["id"]]
    assert "Bob is hot" in theirs and "Ann is hot" not in theirs
    # A deal's owner.
    owned_deal(owner, ws, f"Deal {word}", rep_id)
    b = make_agent(owner, ws, instructions=(
        f"Find deals named 'Deal {word}' and notify the deal owner: "
        f"@deal.name needs a look"))
    y = run_and_wait(owner, ws, b["id"])
    assert y["status"] == "completed", y["error"]
    assert [n["message"] for n in notifications(rep, ws)
            if n["data"].get("executionId") == y["id"]] == [
        f"Deal {word} needs a look"]


def test_runs_keep_the_step_outputs_their_plan_reads(server, owner, ws):
    """A plan that never names @steps keeps only the last step's output in
    the run's context (the run's result); one that does keeps them all."""
    def stored_steps(eid):
        con = sqlite3.connect(server.db)
        try:
            row = con.execute("SELECT context FROM executions WHERE id = ?",
                              (eid,)).fetchone()
        finally:
            con.close()
        return sorted(json.loads(row[0]).get("steps", {}))

    def remember_three(last):
        return make_agent(owner, ws, steps(
            step("remember", key="a", value="1"),
            step("remember", key="b", value="2"),
            step("remember", key="c", value=last)))

    x = run_completed(owner, ws, remember_three("3")["id"])
    assert x["output"]["result"] == {"value": "3"}
    assert x["output"]["memory"] == {"a": "1", "b": "2", "c": "3"}
    assert [s["output"] for s in x["steps"]] == [
        {"value": "1"}, {"value": "2"}, {"value": "3"}]
    assert stored_steps(x["id"]) == ["3"]
    y = run_and_wait(owner, ws, remember_three("@steps.1.output.value")["id"])
    assert y["status"] == "completed", (y["error"], y["steps"])
    assert y["output"]["memory"]["c"] == "1"
    assert y["output"]["result"] == {"value": "1"}
    assert stored_steps(y["id"]) == ["1", "2", "3"]


def test_steps_read_every_field_they_name(owner, ws):
    """A step loads only what it names of its contacts; whatever it names
    is there: company fields, custom fields, tags, bare names in a
    condition, and a whole contact."""
    word = token()
    key = f"lead{word}"
    assert owner.post(f"{ws}/custom-fields", {
        "entity": "contact", "key": key, "label": "Lead score",
        "type": "number"}).status == 201
    co = owner.post(f"{ws}/companies", {"name": f"Acme {word}",
                                        "industry": "SaaS"}).json
    c = owner.post(f"{ws}/contacts", {
        "firstName": "Ada", "lastName": "Byron", "title": f"CTO {word}",
        "email": f"ada.{word}@example.com", "companyId": co["id"],
        "tags": [f"vip-{word}"], "customFields": {key: 87}}).json
    a = make_agent(owner, ws, steps(
        find(word),
        step("create_task",
             title=f"Call @contact.firstName @contact.lastName at "
                   f"@company.name (@company.industry), score "
                   f"@contact.{key}, tags @contact.tags"),
        step("if", condition={"field": "contact.title", "operator": "contains",
                              "value": "cto"},
             then=[step("add_tag", tags=[f"tech-{word}"])]),
        step("if", condition={"field": "company.industry", "operator": "==",
                              "value": "saas"},
             then=[step("remember", key="whole", value="@contact")])))
    x = run_completed(owner, ws, a["id"])
    t = owner.get(f"{ws}/tasks?executionId={x['id']}").json["data"][0]
    assert t["title"] == (f"Call Ada Byron at Acme {word} (SaaS), score 87, "
                          f'tags ["vip-{word}"]')
    assert f"tech-{word}" in owner.get(f"{ws}/contacts/{c['id']}").json["tags"]
    whole = x["output"]["memory"]["whole"]
    assert whole["email"] == c["email"] and whole["title"] == c["title"]
    assert whole["customFields"] == {key: 87}


def test_skip_contacts_a_remember_step_listed(owner, ws):
    """The seeds' memory example: step 1 keeps contacts in memory, a later
    step skips them ("Skip contacts in @memory.processedContacts")."""
    word = "m" + token()
    done = owner.post(f"{ws}/contacts", {
        "firstName": "Done", "email": f"d{word}@example.com",
        "city": f"City{word}", "tags": [f"seen{word}"]}).json
    fresh = owner.post(f"{ws}/contacts", {
        "firstName": "Fresh", "email": f"f{word}@example.com",
        "city": f"City{word}"}).json
    a = make_agent(owner, ws, instructions=(
        f"Find contacts tagged 'seen{word}' and remember them as "
        f"'processedContacts'. Find contacts in City{word}, skip contacts "
        f"in @memory.processedContacts and tag them 'new{word}'."))
    run_completed(owner, ws, a["id"])
    assert "new" + word in owner.get(
        f"{ws}/contacts/{fresh['id']}").json["tags"]
    assert "new" + word not in owner.get(
        f"{ws}/contacts/{done['id']}").json["tags"]


def test_contains_in_a_search_is_literal_and_case_blind(owner, ws):
    word = token()
    odd = contacts_with(owner, ws, f"VP_Sales 100% {word}", 1)
    plain = contacts_with(owner, ws, f"VPxSales 1000 {word}", 1)

    def hits(value):
        a = make_agent(owner, ws, steps(step(
            "search_contacts", where={"and": [
                {"field": "contact.title", "operator": "contains",
                 "value": word},
                {"field": "contact.title", "operator": "contains",
                 "value": value}]}),
            step("remember", key="ids", value="@contacts")))
        x = run_and_wait(owner, ws, a["id"])
        assert x["status"] == "completed", x["error"]
        return sorted(x["output"]["memory"]["ids"])
    assert hits("vp_sALES") == odd  # _ is a character, not a wildcard
    assert hits("100%") == odd      # and so is %
    assert hits(100) == sorted(odd + plain)  # a number reads as its digits
    assert hits(1000) == plain
    assert hits("") == sorted(odd + plain)


def test_a_field_a_contact_lacks_is_false_in_a_search_under_and_or_not(
        owner, ws):
    """plan.md: a leaf whose field does not resolve is false, also under
    "not". A contact with no city, searched by city, in each position."""
    word = token()
    berlin = contacts_with(owner, ws, word, 1, city="Berlin")
    nowhere = contacts_with(owner, ws, word, 1)
    in_berlin = {"field": "contact.city", "operator": "==",
                 "value": "Berlin"}
    mine = {"field": "contact.title", "operator": "contains", "value": word}

    def hits(where):
        a = make_agent(owner, ws, steps(
            step("search_contacts", where={"and": [mine, where]}),
            step("remember", key="ids", value="@contacts")))
        x = run_and_wait(owner, ws, a["id"])
        assert x["status"] == "completed", x["error"]
        return sorted(x["output"]["memory"]["ids"])
    assert hits(in_berlin) == berlin
    assert hits({"not": in_berlin}) == nowhere
    assert hits({"not": {"not": in_berlin}}) == berlin
    assert hits({"or": [in_berlin, {"field": "contact.city",
                                    "operator": "!=", "value": "Berlin"}]}
                ) == berlin
    assert hits({"not": {"or": [in_berlin, {"field": "contact.city",
                                            "operator": "exists"}]}}
                ) == nowhere
    assert hits({"not": {"and": [in_berlin, mine]}}) == nowhere


def test_a_custom_text_field_against_a_number_compares_numbers(owner, ws):
    """A search compares a custom field with a number as a condition in
    memory does: a text that reads as no number ('A') is neither above nor
    below 50, and is unequal to it; '75' is 75. A text or enum field
    compared with a number says so in a warning, in a search and in an
    if."""
    word = token()
    for key, kind in ((f"s{word}", "string"), (f"n{word}", "number")):
        assert owner.post(f"{ws}/custom-fields", {
            "entity": "contact", "key": key, "type": kind}).status == 201
    letter, digits, nothing = (contacts_with(
        owner, ws, word, 1, customFields=cf)[0] for cf in (
            {f"s{word}": "A", f"n{word}": 10},
            {f"s{word}": "75", f"n{word}": 100}, {}))

    def hits(key, op, value):
        a = make_agent(owner, ws, steps(step(
            "search_contacts", where={"and": [
                {"field": "contact.title", "operator": "contains",
                 "value": word},
                {"field": f"contact.{key}", "operator": op,
                 "value": value}]}),
            step("remember", key="ids", value="@contacts")))
        x = run_completed(owner, ws, a["id"])
        return sorted(x["output"]["memory"]["ids"]), x["steps"][0]["warnings"]
    ids, warned = hits(f"s{word}", ">", 50)
    assert ids == [digits]
    assert warned == [f"Custom field 's{word}' holds text (string), "
                      "compared here with the number 50: only values that "
                      "read as a number can match"]
    assert hits(f"s{word}", "<", 50)[0] == []
    assert hits(f"s{word}", "!=", 75)[0] == [letter]
    assert hits(f"s{word}", "==", 75)[0] == [digits]
    ids, warned = hits(f"n{word}", ">", 50)
    assert ids == [digits] and warned == []
    assert hits(f"n{word}", "!=", 10)[0] == [digits]
    assert nothing not in hits(f"n{word}", "<", 50)[0]
    # The same in an if: 'A' is not above 50, and the log says why.
    a = make_agent(owner, ws, steps(
        find(word),
        step("if", condition={"field": f"contact.s{word}", "operator": ">",
                              "value": 50},
             then=[step("add_tag", tags=[f"hi-{word}"])])))
    x = run_completed(owner, ws, a["id"])
    assert x["steps"][1]["output"]["matched"] == 1, x["steps"][1]
    assert f"Field 'contact.s{word}' holds text that is not a number: " \
        "compared with 50 it is false" in x["steps"][1]["warnings"]
    assert f"hi-{word}" in owner.get(f"{ws}/contacts/{digits}").json["tags"]
    assert f"hi-{word}" not in owner.get(
        f"{ws}/contacts/{letter}").json["tags"]


def test_unknown_assignee_fails_with_message(owner, ws):
    a = make_agent(owner, ws, steps(step("create_task", title="x",
                                         assignee="@user.nobody")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "failed"
    assert x["error"]["message"] == ("Cannot assign task to user "
                                     "@user.nobody: user not found")


def test_a_search_that_finds_nobody_creates_no_task(owner, ws):
    """A task after a search is one per contact found: a search that finds
    nobody creates none (the step is skipped and says why), nor does a
    handoff park the run for nobody; a plan with no search creates its one
    task for the run."""
    word = token()
    a = make_agent(owner, ws, steps(find(word),
                                    step("create_task", title=f"Call {word}"),
                                    step("add_tag", tags=[f"t-{word}"]),
                                    step("handoff", to="@user.owner")))
    x = run_completed(owner, ws, a["id"])
    assert owner.get(f"{ws}/tasks?executionId={x['id']}").json["data"] == []
    assert not [n for n in notifications(owner, ws)
                if n["data"].get("executionId") == x["id"]]
    for s in x["steps"][1:]:
        assert s["status"] == "skipped", s
        assert s["warnings"] == ["No contacts in scope: the search before "
                                 "this step found none"], s
    assert x["steps"][1]["output"] == {}
    lone = make_agent(owner, ws, steps(step("create_task",
                                            title=f"Review {word}")))
    assert run_task_titles(owner, ws, lone["id"]) == [f"Review {word}"]
    tagger = make_agent(owner, ws, steps(step("add_tag", tags=["x"])))
    x = run_completed(owner, ws, tagger["id"])
    assert x["steps"][0]["warnings"] == [
        "No contacts in scope: add a search step first, or trigger the "
        "agent on a contact"]


def test_a_task_per_contact_each_with_its_own_title_and_id(owner, ws):
    """create_task writes its tasks several to a statement (16 at most):
    with 35 contacts, each task still has its contact, that contact's
    title, and the id the step's output lists for it, in the set's order.
    A title that comes out empty for one contact fails the step before any
    task is written."""
    word = token()
    ids = contacts_with(owner, ws, word, 35)
    a = make_agent(owner, ws, steps(
        find(word), step("create_task", title="Call @contact.firstName")))
    x = run_completed(owner, ws, a["id"])
    out = x["steps"][1]["output"]
    assert out["created"] == 35
    tasks = {t["id"]: t for t in owner.get(
        f"{ws}/tasks?executionId={x['id']}&limit=100").json["data"]}
    assert sorted(tasks) == sorted(out["taskIds"])
    assert [tasks[t]["contactId"] for t in out["taskIds"]] == ids
    assert [tasks[t]["title"] for t in out["taskIds"]] == [
        f"Call P{i}" for i in range(35)]
    nameless = contacts_with(owner, ws, word, 1, firstName="")[0]
    assert nameless > ids[-1]
    b = make_agent(owner, ws, steps(
        find(word), step("create_task", title="@contact.firstName")))
    x = run_and_wait(owner, ws, b["id"])
    assert x["status"] == "failed", x
    assert x["error"]["message"] == ("The task title is empty once its "
                                     "variables are filled in")
    assert owner.get(
        f"{ws}/tasks?executionId={x['id']}").json["data"] == []


def test_a_search_that_finds_nobody_does_not_wait_to_do_nothing(owner, ws):
    """A wait after a search that found nobody, with only steps about
    contacts after it, is skipped: the run ends at once instead of
    parking for days (and blocking the agent's next run). A step after it
    that runs without contacts (a notification) keeps the wait."""
    word = token()
    a = make_agent(owner, ws, steps(
        find(word), step("add_tag", tags=[f"s-{word}"]),
        step("wait", seconds=5 * 86400),
        step("if", condition={"field": "contact.replied", "operator": "==",
                              "value": False},
             then=[step("handoff", to="@user.owner")],
             **{"else": [step("add_tag", tags=[f"r-{word}"])]})))
    x = run_completed(owner, ws, a["id"])
    wait = x["steps"][2]
    assert wait["type"] == "wait" and wait["status"] == "skipped", wait
    assert wait["warnings"] == [
        "Not waiting: no contacts in scope (the search before this step "
        "found none), and every step after it works on contacts"]
    # The agent can run again at once.
    assert run(owner, ws, a["id"]).status == 202
    b = make_agent(owner, ws, steps(find(word),
                                    step("wait", seconds=5 * 86400),
                                    step("notify", message=f"done {word}")))
    eid = run(owner, ws, b["id"]).json["executionId"]
    x = wait_exec(owner, ws, eid, ("waiting",))
    assert x["waitKind"] == "wait"
    assert owner.post(f"{ws}/executions/{eid}/cancel").status == 200
    # So does an e-mail to a given address, which goes without contacts.
    c = make_agent(owner, ws, steps(find(word),
                                    step("wait", seconds=5 * 86400),
                                    step("send_email", to="boss@example.com",
                                         subject="Weekly", body="Done")))
    eid = run(owner, ws, c["id"]).json["executionId"]
    assert wait_exec(owner, ws, eid, ("waiting",))["waitKind"] == "wait"
    assert owner.post(f"{ws}/executions/{eid}/cancel").status == 200
    # Nor does it ask for approval to do nothing: "Ask for approval before
    # moving deals over N to Closed Won" finds the deals first.
    d = make_agent(owner, ws, instructions=(
        f"Ask for approval before moving deals whose name contains {word} "
        f"to Closed Won"))
    assert [st["type"] for st in d["plan"]["steps"]] == [
        "search_deals", "request_approval", "update_field"]
    x = run_completed(owner, ws, d["id"])
    ask = x["steps"][1]
    assert ask["status"] == "skipped" and ask["warnings"] == [
        "Not asking for approval: no deals in scope (the search before "
        "this step found none), and every step after it works on deals"]
    deal = owner.post(f"{ws}/deals", {"name": f"D {word}", "value": 1,
                                      "stage": "Proposal"}).json
    eid = run(owner, ws, d["id"]).json["executionId"]
    x = wait_exec(owner, ws, eid, ("waiting",))
    assert x["waitKind"] == "approval"
    assert owner.post(f"{ws}/executions/{eid}/approve").status == 200
    assert wait_exec(owner, ws, eid)["status"] == "completed"
    assert owner.get(f"{ws}/deals/{deal['id']}").json["stage"] == \
        "Closed Won"


def test_tags_are_created_once_and_removed(owner, ws):
    word = token()
    ids = contacts_with(owner, ws, word, 3)
    tags = [f"Interested-{word}", f"CEO-{word}", f"SaaS-{word}"]
    a = make_agent(owner, ws, steps(find(word), step("add_tag", tags=tags)))
    run_and_wait(owner, ws, a["id"])
    run_and_wait(owner, ws, a["id"])
    for cid in ids:
        got = owner.get(f"{ws}/contacts/{cid}").json["tags"]
        assert sorted(t for t in got if word in t) == sorted(tags)
    for t in tags:
        found = owner.get(f"{ws}/tags?name={t}").json["data"]
        assert len(found) == 1
    b = make_agent(owner, ws, steps(find(word),
                                    step("remove_tag", tags=[tags[0]])))
    run_and_wait(owner, ws, b["id"])
    seg = owner.get(f"{ws}/contacts?tags__contains={tags[0]}").json["data"]
    assert seg == []


def test_update_fields_in_bulk_and_custom_fields(owner, ws):
    word = token()
    ids = contacts_with(owner, ws, word, 50)
    r = owner.post(f"{ws}/custom-fields", {"entity": "contact",
                                           "key": f"score{word}",
                                           "label": "Score",
                                           "type": "string"})
    assert r.status == 201, r
    a = make_agent(owner, ws, steps(
        find(word),
        step("update_field", entity="contact", field="status",
             value="qualified"),
        step("update_field", entity="contact", field=f"score{word}",
             value="A")))
    x = run_completed(owner, ws, a["id"])
    assert x["counts"]["fieldsUpdated"] == 100
    for cid in ids[:5]:
        c = owner.get(f"{ws}/contacts/{cid}").json
        assert c["status"] == "qualified"
        assert c["customFields"][f"score{word}"] == "A"


def test_an_update_with_nothing_to_update_says_why(owner, ws):
    """An update_field step with no record to update is skipped, and its
    warning tells a search that found nobody from contacts that have no
    company; the contacts' own fields are still updated."""
    word = token()
    ids = contacts_with(owner, ws, word, 2)
    a = make_agent(owner, ws, steps(
        find(word),
        step("update_field", entity="company", field="industry",
             value="Retail"),
        step("update_field", entity="contact", field="status",
             value="qualified"),
        find(f"none-{word}"),
        step("update_field", entity="contact", field="status",
             value="lost")))
    x = run_completed(owner, ws, a["id"])
    co, mine, _, empty = x["steps"][1:]
    assert co["status"] == "skipped"
    assert co["warnings"] == ["No companies in scope to update: none of "
                              "the 2 contacts in scope has one"], co
    assert mine["status"] == "success", mine
    assert empty["status"] == "skipped"
    assert empty["warnings"] == ["No contacts in scope to update: the "
                                 "search before this step found none"]
    for cid in ids:
        assert owner.get(f"{ws}/contacts/{cid}").json["status"] == \
            "qualified"


def test_update_field_fits_filled_in_values_to_the_field(owner, ws):
    """A value filled in from variables fits the field it is for: one
    variable alone keeps its value's type (@deal.value into a number
    field), text that reads as a number goes into a number field as one,
    a number into a text field as text; text that is not a number is
    refused naming the field."""
    word = token()
    keys = {k: f"{k}{word}" for k in ("copy", "note", "flag", "bad")}
    for k, t in (("copy", "number"), ("note", "string"), ("flag", "boolean"),
                 ("bad", "number")):
        r = owner.post(f"{ws}/custom-fields", {
            "entity": "deal", "key": keys[k], "label": k, "type": t})
        assert r.status == 201, r
    ids = [owner.post(f"{ws}/deals", {"name": f"Fit {word} {i}",
                                      "value": 1500 * (i + 1),
                                      "stage": "Proposal"}).json["id"]
           for i in range(2)]
    find_deals = step("search_deals", where={
        "field": "deal.name", "operator": "contains", "value": word})
    a = make_agent(owner, ws, steps(
        find_deals,
        step("remember", key="yes", value="true"),
        step("update_field", entity="deal", field=keys["copy"],
             value="@deal.value"),
        step("update_field", entity="deal", field=keys["note"],
             value="@deal.value"),
        step("update_field", entity="deal", field=keys["flag"],
             value="@memory.yes")))
    x = run_completed(owner, ws, a["id"])
    for i, d in enumerate(ids):
        got = owner.get(f"{ws}/deals/{d}").json
        assert got["customFields"][keys["copy"]] == 1500 * (i + 1), got
        assert got["customFields"][keys["note"]] == str(1500 * (i + 1)), got
        assert got["customFields"][keys["flag"]] is True, got
    # A misspelt variable is filled in as "" with a warning; it does not
    # clear the field in silence.
    c = make_agent(owner, ws, steps(
        find_deals,
        step("update_field", entity="deal", field=keys["note"],
             value="@deal.valeu")))
    x = run_and_wait(owner, ws, c["id"])
    assert x["status"] == "completed", x["error"]
    assert x["steps"][1]["warnings"] == [
        "Variable @deal.valeu has no value"], x["steps"][1]
    assert owner.get(f"{ws}/deals/{ids[0]}").json["customFields"][
        keys["note"]] == ""
    # A step that runs once for the set has no one deal to read when
    # there are several: the warning says that, not that it is empty.
    once = make_agent(owner, ws, steps(
        find_deals, step("remember", key="which", value="@deal.name")))
    x = run_and_wait(owner, ws, once["id"])
    assert x["steps"][1]["warnings"] == [
        f"Variable @deal.name has no single value: this step runs once, "
        f"for the {len(ids)} deals in scope"], x["steps"][1]
    b = make_agent(owner, ws, steps(
        find_deals,
        step("update_field", entity="deal", field=keys["bad"],
             value="about @deal.value")))
    x = run_and_wait(owner, ws, b["id"])
    assert x["status"] == "failed", x
    assert x["error"]["message"] == (
        f"Custom field '{keys['bad']}' must be a number"), x["error"]


def test_conditions_per_contact_with_warnings(owner, ws):
    word = token()
    ceos = contacts_with(owner, ws, f"CEO of Sales {word}", 2)
    others = contacts_with(owner, ws, f"Sales Manager {word}", 3)
    a = make_agent(owner, ws, steps(
        find(word),
        step("if",
             condition={"field": "contact.title", "operator": "contains",
                        "value": "ceo"},
             then=[step("add_tag", tags=[f"yes-{word}"])],
             **{"else": [step("add_tag", tags=[f"no-{word}"])]}),
        step("if",
             condition={"field": "contact.customField99",
                        "operator": "==", "value": "x"},
             then=[step("add_tag", tags=[f"never-{word}"])])))
    x = run_completed(owner, ws, a["id"])
    for cid in ceos:
        tags = owner.get(f"{ws}/contacts/{cid}").json["tags"]
        assert f"yes-{word}" in tags and f"no-{word}" not in tags
    for cid in others:
        tags = owner.get(f"{ws}/contacts/{cid}").json["tags"]
        assert f"no-{word}" in tags and f"yes-{word}" not in tags
    by_path = {s["path"]: s for s in x["steps"]}
    assert by_path["2"]["output"]["matched"] == 2
    assert by_path["2"]["output"]["notMatched"] == 3
    assert "2.then.1" in by_path and "2.else.1" in by_path
    miss = by_path["3"]
    assert miss["status"] == "warning"
    assert miss["warnings"] == [
        "Field 'contact.customField99' not found. Defaulting to false."]
    assert "3.then.1" not in by_path
    # No record to read is said as such, not as a missing field.
    lone = make_agent(owner, ws, steps(
        step("if", condition={"field": "contact.replied", "operator": "==",
                              "value": True},
             then=[step("stop")])))
    x = run_completed(owner, ws, lone["id"])
    assert x["steps"][0]["warnings"] == [
        "No contact in scope for 'contact.replied': defaulting to false "
        "(trigger the agent on a contact, or search for contacts first)"]
    solo = contacts_with(owner, ws, f"Solo {word}", 1)
    co = make_agent(owner, ws, steps(
        step("search_contacts", where={"field": "contact.title",
                                       "operator": "contains",
                                       "value": f"Solo {word}"}),
        step("if", condition={"field": "company.size", "operator": ">",
                              "value": 5},
             then=[step("add_tag", tags=["big"])])))
    x = run_completed(owner, ws, co["id"])
    assert solo and x["steps"][1]["warnings"] == [
        "The contact has no company: 'company.size' is false for it"]


def test_follow_up_in_words_goes_to_the_chosen_contacts_only(owner, ws):
    """'Tag everyone who replied' after a search is a filter on the
    contacts found, from the instructions to the run: a contact who
    replied but was not found is left alone."""
    word = token()
    replied = contacts_with(owner, ws, f"Buyer {word}", 2, replied=True)
    silent = contacts_with(owner, ws, f"Buyer {word}", 2)
    elsewhere = contacts_with(owner, ws, f"Seller {word}", 1, replied=True)
    a = make_agent(owner, ws, instructions=(
        f"Find contacts where title contains 'Buyer {word}'. Tag them "
        f"'asked-{word}'. Tag everyone who replied as 'warm-{word}'"))
    assert a["plan"]["steps"][2]["type"] == "if", a["plan"]
    run_completed(owner, ws, a["id"])
    for cid in replied + silent + elsewhere:
        tags = owner.get(f"{ws}/contacts/{cid}").json["tags"]
        assert (f"asked-{word}" in tags) == (cid not in elsewhere), tags
        assert (f"warm-{word}" in tags) == (cid in replied), tags


def test_for_those_with_otherwise_splits_the_found_contacts(owner, ws):
    """'For those whose name contains X, ...; otherwise ...' after a
    search of a mail domain, from the instructions to the run: the found
    contacts are split by either of their names; others are untouched."""
    word = token()
    dom = f"{word}.example"
    smith = contacts_with(owner, ws, "Buyer", 1, lastName=f"Smith{word}",
                          email=f"a@{dom}")
    other = contacts_with(owner, ws, "Buyer", 1, email=f"b@{dom}")
    away = contacts_with(owner, ws, "Buyer", 1, lastName=f"Smith{word}")
    a = make_agent(owner, ws, instructions=(
        f"Find contacts whose email domain is {dom}. For those whose name "
        f"contains Smith{word}, tag them 'smith-{word}'; otherwise tag them "
        f"'other-{word}'."))
    assert [s["type"] for s in a["plan"]["steps"]] == \
        ["search_contacts", "if"], a["plan"]
    run_completed(owner, ws, a["id"])
    for cid, want in ((smith[0], f"smith-{word}"), (other[0], f"other-{word}"),
                      (away[0], None)):
        tags = owner.get(f"{ws}/contacts/{cid}").json["tags"]
        assert [t for t in tags if word in t] == ([want] if want else []), tags


def test_if_no_contacts_are_found_reads_the_search_count(owner, ws):
    """'If no contacts are found, notify me ...; otherwise tag them', from
    the instructions to the run: the condition is the search step's count,
    evaluated once, so an empty search still notifies, and a search that
    finds contacts tags each of them and notifies nobody."""
    word = token()
    a = make_agent(owner, ws, instructions=(
        f"Find contacts tagged 'in-{word}'. If no contacts are found, "
        f"notify me: 'Nobody for {word}'. Otherwise tag them 'seen-{word}'."))
    cond = a["plan"]["steps"][1]["params"]["condition"]
    assert cond == {"field": "steps.1.output.count", "operator": "==",
                    "value": 0}, a["plan"]
    x = run_completed(owner, ws, a["id"])
    assert [n["message"] for n in notifications(owner, ws)
            if n["data"].get("executionId") == x["id"]] == \
        [f"Nobody for {word}"]
    ids = contacts_with(owner, ws, "Buyer", 2, tags=[f"in-{word}"])
    x = run_completed(owner, ws, a["id"])
    assert not [n for n in notifications(owner, ws)
                if n["data"].get("executionId") == x["id"]]
    for cid in ids:
        assert f"seen-{word}" in owner.get(f"{ws}/contacts/{cid}").json["tags"]


def test_untagged_contacts_and_open_deals_from_instructions(owner, ws):
    """Words before the noun say which records: 'untagged contacts' are
    those with no tag at all, 'open deals' those in neither closed stage;
    from the instructions to the run."""
    word = token()
    bare = contacts_with(owner, ws, f"Buyer {word}", 2)
    tagged = contacts_with(owner, ws, f"Buyer {word}", 1, tags=["vip"])
    a = make_agent(owner, ws, instructions=(
        f"Tag all untagged contacts whose title contains {word} "
        f"as 'review-{word}'."))
    run_completed(owner, ws, a["id"])
    for cid in bare:
        assert owner.get(f"{ws}/contacts/{cid}").json["tags"] == \
            [f"review-{word}"]
    assert owner.get(f"{ws}/contacts/{tagged[0]}").json["tags"] == ["vip"]
    stages = {"Proposal": True, "Closed Won": False, "Closed Lost": False}
    deals = {s: owner.post(f"{ws}/deals", {"name": f"D {word} {s}",
                                           "value": 1000,
                                           "stage": s}).json["id"]
             for s in stages}
    a = make_agent(owner, ws, instructions=(
        f"Find open deals whose name contains {word} and set their value "
        f"to 2000."))
    run_completed(owner, ws, a["id"])
    for s, open_ in stages.items():
        v = owner.get(f"{ws}/deals/{deals[s]}").json["value"]
        assert v == (2000 if open_ else 1000), (s, v)


def test_created_in_a_calendar_month(owner, ws):
    """'created in <Month> <year>' is that month's dates, first day to the
    next month's: a contact created now is found by this month's name and
    not by a month of another year."""
    word = token()
    ids = contacts_with(owner, ws, f"Buyer {word}", 1)
    now = datetime.datetime.now(datetime.timezone.utc)
    month = now.strftime("%B")
    for year, hit in ((now.year, True), (now.year - 3, False)):
        a = make_agent(owner, ws, instructions=(
            f"Find contacts created in {month} {year} whose title contains "
            f"{word} and tag them 'm{year}-{word}'."))
        run_completed(owner, ws, a["id"])
        tags = owner.get(f"{ws}/contacts/{ids[0]}").json["tags"]
        assert (f"m{year}-{word}" in tags) == hit, (year, tags)


def test_or_whose_domains_and_moved_deals_from_instructions(owner, ws):
    """'at <domain> or whose title contains X' is either condition (an
    address at the domain, or the title); 'Move deals in Proposal ... to
    Closed Lost' finds those deals, then moves them; from the
    instructions to the run."""
    word = token()
    at_domain = contacts_with(owner, ws, "Other", 1,
                              email=f"jo@{word}.com")
    titled = contacts_with(owner, ws, f"CTO {word}", 1)
    neither = contacts_with(owner, ws, f"Buyer {word}", 1)
    a = make_agent(owner, ws, instructions=(
        f"Find contacts at {word}.com or whose title contains 'CTO {word}' "
        f"and tag them 'or-{word}'."))
    run_completed(owner, ws, a["id"])
    for cid, hit in ((at_domain[0], True), (titled[0], True),
                     (neither[0], False)):
        tags = owner.get(f"{ws}/contacts/{cid}").json["tags"]
        assert (f"or-{word}" in tags) == hit, (cid, tags)
    deals = {s: owner.post(f"{ws}/deals", {"name": f"D {word} {s}",
                                           "value": 10,
                                           "stage": s}).json["id"]
             for s in ("Proposal", "Negotiation")}
    a = make_agent(owner, ws, instructions=(
        f"Move deals in Proposal whose name contains {word} to Closed "
        f"Lost."))
    run_completed(owner, ws, a["id"])
    assert owner.get(f"{ws}/deals/{deals['Proposal']}").json["stage"] == \
        "Closed Lost"
    assert owner.get(f"{ws}/deals/{deals['Negotiation']}").json["stage"] == \
        "Negotiation"


def test_tags_are_membership_in_an_if_from_instructions(owner, ws):
    """'If their tags are X' is membership: it held for no contact when
    it compared the whole list with one tag; 'tagged 'a' and 'b'' needs
    both."""
    word = token()
    vip = contacts_with(owner, ws, f"Buyer {word}", 1,
                        tags=[f"vip-{word}", "other"])
    plain = contacts_with(owner, ws, f"Buyer {word}", 1, tags=["other"])
    for text, mark in (
            (f"Find contacts whose title contains {word}. If their tags "
             f"are 'vip-{word}', tag them 'seen-{word}'.", f"seen-{word}"),
            (f"Find contacts tagged 'vip-{word}' and 'other' and tag them "
             f"'both-{word}'.", f"both-{word}")):
        a = make_agent(owner, ws, instructions=text)
        run_completed(owner, ws, a["id"])
        for cid, hit in ((vip[0], True), (plain[0], False)):
            tags = owner.get(f"{ws}/contacts/{cid}").json["tags"]
            assert (mark in tags) == hit, (text, tags)


def test_nested_and_or_conditions_on_memory(owner, ws):
    a = make_agent(owner, ws, steps(
        step("remember", key="replied", value=True),
        step("remember", key="interested", value=True),
        step("if", condition={"field": "memory.replied", "operator": "==",
                              "value": True},
             then=[step("if",
                        condition={"and": [
                            {"field": "memory.interested", "operator": "==",
                             "value": True},
                            {"or": [{"field": "memory.replied",
                                     "operator": "==", "value": False},
                                    {"not": {"field": "memory.missing",
                                             "operator": "exists"}}]}]},
                        then=[step("remember", key="demo", value="yes")])])))
    x = run_and_wait(owner, ws, a["id"])
    assert x["output"]["memory"]["demo"] == "yes"
    assert [s["path"] for s in x["steps"]] == ["1", "2", "3", "3.then.1",
                                               "3.then.1.then.1"]


def test_agent_memory_outlives_a_run_when_enabled(owner, ws):
    a = make_agent(owner, ws, steps(
        step("remember", key="before", value="@memory.count"),
        step("remember", key="count", value="one")),
        memory={"enabled": True})
    x1 = run_and_wait(owner, ws, a["id"])
    assert x1["output"]["memory"]["before"] is None
    x2 = run_and_wait(owner, ws, a["id"])
    assert x2["output"]["memory"]["before"] == "one"


def test_stop_ends_as_completed(owner, ws):
    a = make_agent(owner, ws, steps(step("stop", reason="nothing to do"),
                                    step("remember", key="x", value="y")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed"
    assert x["message"] == "Agent stopped: nothing to do"
    # Nothing after the stop ran: the remember step is listed as such.
    assert [(s["type"], s["status"]) for s in x["steps"]] == [
        ("stop", "success"), ("remember", "not_executed")]


def test_unparseable_instructions_fail_on_record(server, owner, ws):
    r = owner.post(f"{ws}/agents", {"name": "Gibberish " + token(),
                                    "instructions": "blorp the florp"})
    a = r.json
    assert a["plan"] is None and a["planError"]
    r = run(owner, ws, a["id"])
    assert r.status == 422
    assert r.error["message"] == "Unable to parse instructions. Please clarify."
    eid = r.error["details"]["executionId"]
    x = execution(owner, ws, eid)
    assert x["status"] == "failed"
    assert x["error"]["message"] == ("Unable to parse instructions. "
                                     "Please clarify.")
    assert x["error"]["details"]
    note = [n for n in notifications(owner, ws)
            if n["data"].get("executionId") == eid]
    assert note and "Revise its instructions" in note[0]["message"]
    # A draft saved with a name only has nothing to parse: it says so.
    empty = owner.post(f"{ws}/agents", {"name": "Empty " + token()}).json
    r = run(owner, ws, empty["id"])
    assert r.status == 422
    assert r.error["message"] == ("This agent has no instructions yet. "
                                  "Write what it should do, then run it.")
    x = execution(owner, ws, r.error["details"]["executionId"])
    assert x["status"] == "failed"
    assert x["error"]["message"] == r.error["message"]


def test_long_plans_record_every_step_in_order(owner, ws):
    plan = steps(*[step("remember", key=f"k{i}", value=str(i))
                   for i in range(199)])
    a = make_agent(owner, ws, plan)
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed"
    assert [s["seq"] for s in x["steps"]] == list(range(1, 200))
    assert x["progress"] == {"completed": 199, "total": 199, "current": None,
                             "text": "Step 199 of 199 completed"}


# ---- parking, approvals, handoffs, sub-agents --------------------------------

def test_wait_shows_progress_and_cancel(server, owner, ws):
    a = make_agent(owner, ws, steps(step("remember", key="a", value="1"),
                                    step("wait", seconds=5 * 86400),
                                    step("remember", key="b", value="2")))
    eid = run(owner, ws, a["id"]).json["executionId"]
    x = wait_exec(owner, ws, eid, ("waiting",))
    assert x["message"] == "Agent paused. Will resume in 5 days."
    assert x["waitKind"] == "wait" and x["resumeAt"]
    assert x["progress"]["text"] == "Step 2 of 3 completed"
    r = owner.post(f"{ws}/executions/{eid}/cancel")
    assert r.status == 200
    x = r.json
    assert x["status"] == "canceled"
    assert x["canceledBy"] == server.user("owner")["userId"]
    assert x["canceledAt"]
    r = owner.post(f"{ws}/executions/{eid}/cancel")
    assert r.status == 409
    assert server.client("viewer").post(
        f"{ws}/executions/{eid}/cancel").status == 403


def test_approval_gate(server, owner, ws):
    a = make_agent(owner, ws, steps(
        step("request_approval", message="Send the campaign?"),
        step("remember", key="sent", value="yes")))
    eid = run(owner, ws, a["id"]).json["executionId"]
    x = wait_exec(owner, ws, eid, ("waiting",))
    assert x["waitKind"] == "approval"
    admin = server.client("admin")
    note = [n for n in notifications(admin, ws)
            if n["data"].get("executionId") == eid]
    assert note and "Send the campaign?" in note[0]["message"]
    member = server.client("member")
    assert member.post(f"{ws}/executions/{eid}/approve").status == 403
    assert owner.post(f"{ws}/executions/{eid}/resume").status == 409
    r = owner.post(f"{ws}/executions/{eid}/handoff/complete")
    assert r.status == 409 and r.error["message"] == (
        f"Execution {eid} is not waiting for a handoff (it is waiting for "
        f"approval)"), r
    assert r.error["details"] == {"status": "waiting",
                                  "waitKind": "approval"}
    r = admin.post(f"{ws}/executions/{eid}/approve")
    assert r.status == 200, r
    x = wait_exec(owner, ws, eid)
    assert x["status"] == "completed"
    assert x["steps"][0]["output"]["resolution"] == "approved"
    r = admin.post(f"{ws}/executions/{eid}/approve")
    assert r.status == 409 and r.error["message"] == (
        f"Execution {eid} is not waiting for approval (it is completed)"), r
    # Rejected: canceled, nothing after it runs.
    eid = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, eid, ("waiting",))
    r = owner.post(f"{ws}/executions/{eid}/reject", {"reason": "not now"})
    assert r.status == 200
    x = r.json
    assert x["status"] == "canceled" and x["message"] == "Rejected: not now"
    ran = [s for s in x["steps"] if s["status"] != "not_executed"]
    assert len(ran) == 1 and len(x["steps"]) > 1
    assert x["steps"][0]["output"]["resolution"] == "rejected"


def test_handoff_and_take_over(server, owner, ws):
    word = token()
    contacts_with(owner, ws, word, 1, firstName="Jane", lastName="Doe")
    a = make_agent(owner, ws, steps(
        find(word),
        step("handoff", to="@user.salesRep",
             message="Warm lead: @contact.firstName is interested"),
        step("remember", key="after", value="yes")))
    eid = run(owner, ws, a["id"]).json["executionId"]
    x = wait_exec(owner, ws, eid, ("waiting",))
    assert x["waitKind"] == "handoff"
    rep = server.client("member")
    rep_id = server.user("member")["userId"]
    tasks = owner.get(f"{ws}/tasks?executionId={eid}").json["data"]
    assert [t["title"] for t in tasks] == ["Personal outreach to Jane Doe"]
    assert tasks[0]["assigneeId"] == rep_id
    note = [n for n in notifications(rep, ws)
            if n["data"].get("executionId") == eid]
    assert note[0]["message"] == (f"Agent {a['name']} needs your attention "
                                  f"for Jane Doe")
    assert note[0]["data"]["message"] == "Warm lead: Jane is interested"
    analyst = server.client("admin")  # an admin may take over too
    assert server.client("viewer").post(
        f"{ws}/executions/{eid}/handoff/complete").status == 403
    r = rep.post(f"{ws}/executions/{eid}/handoff/complete")
    assert r.status == 200, r
    x = wait_exec(owner, ws, eid)
    assert x["status"] == "completed"
    assert x["steps"][1]["output"]["resolution"] == "taken over"
    assert x["steps"][1]["params"]["message"] == \
        "Warm lead: Jane is interested"
    assert analyst.post(
        f"{ws}/executions/{eid}/handoff/complete").status == 409
    # Without a message the params as run have none (not a null).
    b = make_agent(owner, ws, steps(step("handoff", to="@user.salesRep")))
    eid = run(owner, ws, b["id"]).json["executionId"]
    x = wait_exec(owner, ws, eid, ("waiting",))
    assert x["steps"][0]["params"] == {"to": "@user.salesRep",
                                       "timeoutDays": 7}, x["steps"][0]
    assert owner.post(f"{ws}/executions/{eid}/cancel").status == 200


def test_handoff_to_the_records_owner(server, owner, ws):
    """'hand off to the deal owner' hands the run to the member the deal's
    ownerId names; records in scope with different owners fail the step
    (a handoff parks the run for one person), keeping what came before."""
    word = token()
    rep_id = server.user("member")["userId"]
    owned_deal(owner, ws, f"Deal {word}", rep_id)
    a = make_agent(owner, ws, instructions=(
        f"Find deals named 'Deal {word}' and hand off to the deal owner: "
        f"@deal.name needs a call"))
    assert a["plan"]["steps"][1]["params"] == {
        "to": "@deal.ownerId", "message": "@deal.name needs a call"}
    eid = run(owner, ws, a["id"]).json["executionId"]
    x = wait_exec(owner, ws, eid, ("waiting",))
    assert x["waitKind"] == "handoff"
    assert x["steps"][1]["output"]["userId"] == rep_id
    tasks = owner.get(f"{ws}/tasks?executionId={eid}").json["data"]
    assert [t["assigneeId"] for t in tasks] == [rep_id]
    rep = server.client("member")
    assert [n["data"]["message"] for n in notifications(rep, ws)
            if n["data"].get("executionId") == eid] == [
        f"Deal {word} needs a call"]
    assert rep.post(f"{ws}/executions/{eid}/handoff/complete").status == 200
    assert wait_exec(owner, ws, eid)["status"] == "completed"
    # Two contacts, two owners: one person cannot take both over.
    contacts_with(owner, ws, word, 1, ownerId=rep_id)
    contacts_with(owner, ws, word, 1)
    b = make_agent(owner, ws, instructions=(
        f"Find contacts where title contains '{word}', tag them "
        f"'h{word}' and hand off to their owner"))
    y = run_and_wait(owner, ws, b["id"])
    assert y["status"] == "failed"
    assert y["error"]["step"] == 3
    assert ("the 2 records in scope have different owners"
            in y["error"]["message"]), y["error"]
    assert y["steps"][1]["status"] == "success"
    assert owner.get(f"{ws}/tasks?executionId={y['id']}").json["data"] == []


def test_handoff_of_a_warm_lead_passes_on_the_conversation(server, owner, ws):
    word = token()
    warm, cold = contacts_with(owner, ws, word, 2)
    for cid, first, last, keen in ((warm, "Ann", "Lee", True),
                                   (cold, "Bob", "Ray", False)):
        assert owner.patch(f"{ws}/contacts/{cid}", {
            "firstName": first, "lastName": last,
            "interested": keen}).status == 200
    for text in ("Called, left a message", "Replied: keen on a demo"):
        assert owner.post(f"{ws}/activities", {
            "type": "note", "message": text, "contactId": warm}).status == 201
    a = make_agent(owner, ws, steps(
        find(word),
        step("remember", key="segment", value="fair leads"),
        step("handoff", to="@user.salesRep")))
    eid = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, eid, ("waiting",))
    rep = server.client("member")
    notes = {n["data"]["contact"]["id"]: n for n in notifications(rep, ws)
             if n["data"].get("executionId") == eid}
    assert notes[warm]["message"] == (f"Warm lead from agent {a['name']}: "
                                      "Ann Lee is interested")
    assert notes[warm]["data"]["warmLead"] is True
    assert notes[cold]["message"] == (f"Agent {a['name']} needs your "
                                      "attention for Bob Ray")
    assert notes[cold]["data"]["warmLead"] is False
    # The context: the contact, the conversation so far (newest first),
    # and what the agent found.
    ctx = notes[warm]["data"]
    assert ctx["contact"]["email"] and ctx["contact"]["interested"] is True
    said = [h["message"] for h in ctx["history"] if h["type"] == "note"]
    assert said == ["Replied: keen on a demo", "Called, left a message"]
    assert all(h["createdAt"].endswith("Z") for h in ctx["history"])
    assert notes[cold]["data"]["history"] == []
    assert ctx["memory"]["segment"] == "fair leads"
    assert owner.post(f"{ws}/executions/{eid}/cancel").status == 200


def test_sub_agent_output_is_passed_on(owner, ws):
    child = make_agent(owner, ws, steps(
        step("remember", key="greeting", value="hello @input.who")),
        name="Child " + token())
    parent = make_agent(owner, ws, steps(
        step("run_agent", agent=child["name"], input={"who": "Ada"}),
        step("remember", key="got",
             value="@steps.1.output.output.memory.greeting")))
    x = run_completed(owner, ws, parent["id"])
    assert x["output"]["memory"]["got"] == "hello Ada"
    sub = x["steps"][0]["output"]["executionId"]
    c = execution(owner, ws, sub)
    assert c["parentId"] == x["id"] and c["triggerType"] == "agent"
    # A missing sub-agent fails the step.
    bad = make_agent(owner, ws, steps(step("run_agent", agent="Nobody")))
    y = run_and_wait(owner, ws, bad["id"])
    assert y["status"] == "failed"
    assert "Agent 'Nobody' not found" in y["error"]["message"]


def test_a_sub_agent_starts_with_the_records_in_scope(owner, ws):
    """A sub-agent begins with the parent's current set as its own, as a
    run triggered on a contact does: its contact steps act on them (they
    were skipped for want of a search), and a retry of the sub-execution
    starts with the same set."""
    word = token()
    ids = contacts_with(owner, ws, f"CEO {word}", 2)
    others = contacts_with(owner, ws, f"CFO {word}", 1)
    child = make_agent(owner, ws, steps(step("add_tag", tags=[f"c-{word}"])),
                       name="Tagger " + token())
    parent = make_agent(owner, ws, steps(
        step("search_contacts", where={"and": [
            {"field": "contact.title", "operator": "contains",
             "value": word},
            {"field": "contact.title", "operator": "contains",
             "value": "CEO"}]}),
        step("run_agent", agent=child["name"])))
    x = run_completed(owner, ws, parent["id"])
    sub = execution(owner, ws, x["steps"][1]["output"]["executionId"])
    assert sub["status"] == "completed", sub["error"]
    assert sub["steps"][0]["output"] == {"added": 2, "contacts": 2}
    assert sub["trigger"]["set"] == {"kind": "contact", "ids": ids}
    tagged = lambda cid: f"c-{word}" in owner.get(  # noqa: E731
        f"{ws}/contacts/{cid}").json["tags"]
    assert all(tagged(c) for c in ids) and not tagged(others[0])
    r = owner.post(f"{ws}/executions/{sub['id']}/retry")
    assert r.status == 202, r
    again = wait_exec(owner, ws, r.json["id"])
    assert again["steps"][0]["output"] == {"added": 0, "contacts": 2}
    # With no set in scope the sub-agent has none either.
    lone = make_agent(owner, ws, steps(step("run_agent",
                                            agent=child["name"])))
    y = run_completed(owner, ws, lone["id"])
    z = execution(owner, ws, y["steps"][0]["output"]["executionId"])
    assert z["steps"][0]["status"] == "skipped"


def test_an_agent_cannot_run_itself(owner, ws):
    # Directly: the loop is named at the first repeat, not five levels down.
    name = "Looper " + token()
    a = make_agent(owner, ws, steps(step("run_agent", agent=name)), name=name)
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "failed"
    assert x["error"]["message"] == (
        f"Agent '{name}' would run itself ('{name}' -> '{name}'): an agent "
        "cannot run itself, directly or through other agents")
    assert x["error"]["step"] == 1
    # Through another agent: the second one's step names the loop and the
    # first one's failure carries it.
    first, second = "Ping " + token(), "Pong " + token()
    p = make_agent(owner, ws, steps(step("run_agent", agent=second)),
                   name=first)
    make_agent(owner, ws, steps(step("remember", key="k", value="v"),
                                step("run_agent", agent=first)), name=second)
    y = run_and_wait(owner, ws, p["id"])
    assert y["status"] == "failed"
    loop = f"('{first}' -> '{second}' -> '{first}')"
    assert y["error"]["message"].startswith(f"Sub-agent '{second}' failed: ")
    assert loop in y["error"]["message"]
    sub = execution(owner, ws, y["steps"][0]["output"]["executionId"])
    assert sub["status"] == "failed" and sub["parentId"] == y["id"]
    assert sub["steps"][0]["status"] == "success"
    assert loop in sub["error"]["message"] and sub["error"]["step"] == 2
    # The same agent twice in a row is not a loop.
    leaf = make_agent(owner, ws, steps(step("remember", key="k", value="v")),
                      name="Leaf " + token())
    twice = make_agent(owner, ws, steps(step("run_agent", agent=leaf["name"]),
                                        step("run_agent", agent=leaf["name"])))
    z = run_and_wait(owner, ws, twice["id"])
    assert z["status"] == "completed", z["error"]


def test_retry_starts_a_new_run_with_the_same_context(owner, ws):
    a = make_agent(owner, ws, steps(
        step("remember", key="c", value="@input.n"),
        step("create_task", title="t", assignee="@user.nobody")))
    x = run_and_wait(owner, ws, a["id"], {"input": {"n": 7}})
    assert x["status"] == "failed"
    r = owner.post(f"{ws}/executions/{x['id']}/retry")
    assert r.status == 202, r
    y = wait_exec(owner, ws, r.json["id"])
    assert y["retryOf"] == x["id"] and y["id"] != x["id"]
    assert y["steps"][0]["output"] == {"value": 7}


# ---- history -------------------------------------------------------------------

def test_history_filters_and_roles(server, owner, ws):
    a = make_agent(owner, ws, steps(step("remember", key="x", value="1")),
                   name="History " + token())
    ok = run_and_wait(owner, ws, a["id"])
    listed = list_execs(owner, ws, query=f"agentId={a['id']}&status=completed")
    assert [e["id"] for e in listed] == [ok["id"]]
    assert list_execs(owner, ws, a["id"], "status=failed") == []
    assert list_execs(owner, ws, a["id"], "trigger=manual")[0]["id"] == ok["id"]
    assert list_execs(owner, ws, a["id"], "trigger=event") == []
    assert list_execs(owner, ws, query="q=" + a["name"].split()[1])[0][
        "id"] == ok["id"]
    assert list_execs(owner, ws, a["id"], "from=now-1h&to=now%2B1h")
    assert list_execs(owner, ws, a["id"], "from=now%2B1h") == []
    assert owner.get(f"{ws}/executions?status=bogus").status == 400
    assert owner.get(f"{ws}/executions?from=yesterday").status == 400
    assert owner.get(f"{ws}/executions?limit=0").status == 400
    # A trigger name no run has (a typo) is an error, not an empty list.
    r = owner.get(f"{ws}/executions?trigger=schedule")
    assert r.status == 400 and r.error["message"] == (
        "Query parameter 'trigger' must be manual, scheduled, event, "
        "webhook, agent or an event type such as event:contact_created"), r
    assert owner.get(f"{ws}/executions?trigger=event:form_submitted"
                     ).status == 200
    # Pages of newest first.
    for _ in range(2):
        run_and_wait(owner, ws, a["id"])
    page = owner.get(f"{ws}/agents/{a['id']}/executions?limit=2").json
    assert len(page["data"]) == 2 and page["nextCursor"]
    rest = owner.get(f"{ws}/agents/{a['id']}/executions?limit=2&cursor="
                     f"{page['nextCursor']}").json
    ids = [e["id"] for e in page["data"] + rest["data"]]
    assert ids == sorted(ids, reverse=True) and len(ids) == 3
    # Members see the summary, not the data.
    member = server.client("member").get(f"{ws}/executions/{ok['id']}").json
    assert "params" not in member["steps"][0]
    assert "output" not in member["steps"][0] and "trigger" not in member
    full = owner.get(f"{ws}/executions/{ok['id']}").json
    assert full["steps"][0]["params"] == {"key": "x", "value": "1"}
    # Other workspaces do not see it.
    assert owner.get(f"/api/workspaces/999/executions/{ok['id']}").status in (
        403, 404)


def test_dashboard_comparison_and_csv_export(server, owner, ws):
    """An agent's figures over a period (success rate with its text, the
    warning below 80%, what its runs did, the period before), every agent
    side by side, and its executions as CSV; any member may read them."""
    import csv
    import io
    word = token()
    contacts_with(owner, ws, f"Dash {word}", 2)
    good = make_agent(owner, ws, steps(find(word),
                                       step("create_task",
                                            title=f"Call {word}")),
                      name=f"=Dash, \"{word}\"")
    for _ in range(2):
        assert run_completed(owner, ws, good["id"])
    bad = make_agent(owner, ws, steps(step("create_task", title="x",
                                           assignee="@user.nobody")),
                     name="Failing " + word)
    assert run_and_wait(owner, ws, bad["id"])["status"] == "failed"

    d = owner.get(f"{ws}/agents/{good['id']}/dashboard?dateRange=7d").json
    assert (d["executions"], d["completed"], d["failed"], d["ended"]) == (
        2, 2, 0, 2)
    assert d["successRate"] == 100.0
    assert d["successText"] == "100% (2 of 2 executions)"
    assert d["timeText"].startswith("Avg execution time: ")
    assert d["timeText"].endswith("(100% under 30s target)")
    assert d["totals"]["tasksCreated"] == 4
    assert d["totals"]["contactsProcessed"] == 4
    assert d["warning"] is None and d["recommendations"] == []
    assert d["dateRange"] == "7d" and d["previous"]["executions"] == 0
    f = owner.get(f"{ws}/agents/{bad['id']}/dashboard").json
    assert f["dateRange"] == "30d"
    assert f["successText"] == "0% (0 of 1 executions)"
    assert f["warning"] == "\u26a0\ufe0f Success rate below target (0%)"
    assert f["recommendations"] == [
        "Review recent failures and update instructions"]
    assert owner.get(f"{ws}/agents/{bad['id']}/dashboard?dateRange=all"
                     ).json["previous"] is None
    r = owner.get(f"{ws}/agents/{bad['id']}/dashboard?dateRange=1y")
    assert r.status == 400 and r.error["message"] == (
        "Query parameter 'dateRange' must be 7d, 30d, 90d or all"), r
    assert owner.get(f"{ws}/agents/999999/dashboard").status == 404

    table = owner.get(f"{ws}/dashboard?sort=-successRate").json
    rows = [a for a in table["data"] if a["agentId"] in
            (good["id"], bad["id"])]
    assert [a["agentId"] for a in rows] == [good["id"], bad["id"]]
    assert rows[0]["contactsProcessed"] == 4 and rows[1]["failed"] == 1
    none = [a for a in table["data"] if a["executions"] == 0]
    assert all(a["successRate"] is None for a in none)
    # No runs sort last, in either order.
    assert table["data"][-1]["successRate"] is None or not none
    assert owner.get(f"{ws}/dashboard?sort=bogus").status == 400

    viewer = server.client("viewer")
    r = viewer.get(f"{ws}/agents/{good['id']}/export-executions"
                   "?format=csv&dateRange=90d")
    assert r.status == 200, r
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == (
        f'attachment; filename="agent-{good["id"]}-executions.csv"')
    got = list(csv.reader(io.StringIO(r.raw.decode())))
    assert got[0][:6] == ["ExecutionId", "Date", "Agent", "Trigger",
                          "Status", "Duration (s)"]
    assert got[0][7:9] == ["Contacts Processed", "Actions Performed"]
    assert len(got) == 3
    # A name a spreadsheet would run as a formula starts with "'".
    assert got[1][2] == f"'=Dash, \"{word}\""
    assert got[1][4] == "completed" and got[1][7] == "2"
    assert got[1][8] == "2"
    assert got[1][9] == "Processed 2 contacts, created 2 tasks"
    assert owner.get(f"{ws}/agents/{good['id']}/export-executions"
                     "?format=xlsx").status == 400
    # The history's filters apply, and JSON too, at the seeds' path.
    r = owner.get(f"{ws}/agents/{bad['id']}/executions/export"
                  "?format=json&status=failed&dateRange=7d")
    assert r.status == 200 and r.headers["content-type"] == \
        "application/json", r
    assert [x["status"] for x in r.json] == ["failed"]
    assert r.json[0]["error"]["message"].startswith(
        "Cannot assign task to user")
    r = owner.get(f"{ws}/agents/{good['id']}/executions/export"
                  "?status=failed")
    assert r.raw.decode().count("\r\n") == 1  # the header alone
    assert owner.get(f"{ws}/agents/999999/executions/export").status == 404


def test_history_search_looks_into_what_runs_did(server, owner, ws):
    """q finds runs by what they worked on (step params and outputs,
    trigger data) for owners and admins, who see those; members and
    viewers search names, messages and errors only."""
    secret = token()
    a = make_agent(owner, ws, steps(step("remember", key="who",
                                         value=f"{secret}@acme.com")),
                   name="Search " + token())
    x = run_completed(owner, ws, a["id"])
    assert [e["id"] for e in list_execs(owner, ws, query=f"q={secret}")] \
        == [x["id"]]
    assert list_execs(owner, ws, query=f"q={secret.upper()}@ACME.COM")
    member = server.client("member")
    assert member.get(f"{ws}/executions?q={secret}").json["data"] == []
    assert [e["id"] for e in member.get(
        f"{ws}/executions?q={a['name'].split()[1]}").json["data"]] == [
            x["id"]]


def test_deleted_agent_keeps_its_log(owner, ws):
    name = "Outbound Campaign " + token()
    a = make_agent(owner, ws, steps(step("remember", key="x", value="1"),
                                    step("wait", seconds=86400)), name=name)
    done = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, done, ("waiting",))
    assert owner.delete(f"{ws}/agents/{a['id']}").status in (200, 204)
    x = execution(owner, ws, done)
    assert x["status"] == "canceled"
    assert x["agentDeleted"] is True
    assert x["agentLabel"] == f"Agent '{name}' (deleted)"
    assert x["agentName"] == name
    r = owner.post(f"{ws}/executions/{done}/retry")
    assert r.status == 409 and r.error["message"] == (
        f"Execution {done} cannot run again: its agent '{name}' was "
        f"deleted"), r


def test_trigger_target_filter_narrows_the_run(owner, ws):
    word = token()
    ceos = contacts_with(owner, ws, f"CEO {word}", 2)
    others = contacts_with(owner, ws, f"Analyst {word}", 2)
    a = make_agent(owner, ws, steps(step("add_tag", tags=[f"f-{word}"])),
                   trigger={"type": "manual",
                            "filter": {"and": [
                                {"field": "contact.title",
                                 "operator": "contains", "value": word},
                                {"field": "contact.title",
                                 "operator": "contains", "value": "CEO"}]}})
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert x["steps"][0]["path"] == "trigger"
    assert x["steps"][0]["output"] == {"count": 2}
    for cid in ceos:
        assert f"f-{word}" in owner.get(f"{ws}/contacts/{cid}").json["tags"]
    for cid in others:
        assert f"f-{word}" not in owner.get(f"{ws}/contacts/{cid}").json[
            "tags"]


def test_search_deals_and_update_deal_value(owner, ws):
    word = token()
    ids = [owner.post(f"{ws}/deals", {"name": f"Deal {word} {i}",
                                      "value": 1000 * (i + 1),
                                      "stage": "Proposal"}).json["id"]
           for i in range(3)]
    a = make_agent(owner, ws, steps(
        step("search_deals", where={"and": [
            {"field": "deal.name", "operator": "contains", "value": word},
            {"field": "deal.value", "operator": ">=", "value": 2000}]}),
        step("update_field", entity="deal", field="value", value=50000),
        step("remember", key="n", value="@steps.1.output.count")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert x["output"]["memory"]["n"] == 2
    values = [owner.get(f"{ws}/deals/{i}").json["value"] for i in ids]
    assert values == [1000, 50000, 50000]
    assert x["message"] == "Agent completed successfully. Processed 2 deals."


def test_contacts_processed_counts_each_contact_of_every_search(owner, ws):
    """'Tag everyone tagged a with x and everyone tagged b with y' is two
    searches (the second is not a filter of the first, which no contact
    of it could pass); the run processed the contacts of both, each once,
    not the larger set alone (it said 'Processed 3 contacts, added 5
    tags')."""
    word = token()
    contacts_with(owner, ws, word, 3, tags=[f"a-{word}"])
    contacts_with(owner, ws, word, 2, tags=[f"b-{word}"])
    contacts_with(owner, ws, word, 1, tags=[f"a-{word}", f"b-{word}"])
    a = make_agent(owner, ws, instructions=(
        f"Tag everyone whose title contains {word} and whose country is "
        f"Germany with 'x' and everyone whose title contains {word} and "
        f"whose country is France with 'y'"))
    assert [s["type"] for s in a["plan"]["steps"]] == [
        "search_contacts", "add_tag", "search_contacts", "add_tag"]
    b = make_agent(owner, ws, steps(
        step("search_contacts", where={"field": "contact.tags",
                                       "operator": "contains",
                                       "value": f"a-{word}"}),
        step("add_tag", tags=[f"x-{word}"]),
        step("search_contacts", where={"field": "contact.tags",
                                       "operator": "contains",
                                       "value": f"b-{word}"}),
        step("add_tag", tags=[f"y-{word}"])))
    x = run_completed(owner, ws, b["id"])
    # 4 tagged a (one of them also b), 3 tagged b: 6 contacts, 7 tags.
    assert x["counts"]["contactsProcessed"] == 6, x["counts"]
    assert x["summary"] == "Processed 6 contacts, added 7 tags"


def test_a_country_matches_however_it_is_written(owner, ws):
    """'in the US' finds the contacts whose country is 'United States',
    'USA' or 'us' (it found none of the demo's 45, stored as 'United
    States'), in a search and in a condition alike; 'outside the US'
    leaves them all out."""
    word = token()
    for country in ("United States", "USA", "us", "Germany"):
        contacts_with(owner, ws, word, 1, country=country)
    a = make_agent(owner, ws, instructions=(
        f"Find contacts whose title contains {word} in the US and tag them "
        f"'us-{word}'"))
    assert a["plan"]["steps"][0]["params"]["where"]["and"][1] == {
        "field": "contact.country", "operator": "==", "value": "US"}
    x = run_completed(owner, ws, a["id"])
    assert x["steps"][0]["output"]["count"] == 3
    b = make_agent(owner, ws, instructions=(
        f"Find contacts whose title contains {word} outside the US and tag "
        f"them 'nonus-{word}'"))
    assert run_completed(owner, ws, b["id"])["steps"][0]["output"][
        "count"] == 1
    # The same test in memory: an if on each contact found.
    c = make_agent(owner, ws, steps(
        find(word),
        step("if", condition={"field": "contact.country", "operator": "==",
                              "value": "U.S.A."},
             then=[step("add_tag", tags=[f"if-{word}"])])))
    run_completed(owner, ws, c["id"])
    tagged = owner.get(f"{ws}/contacts?tags=if-{word}&limit=10").json["data"]
    assert sorted(t["country"] for t in tagged) == [
        "USA", "United States", "us"]
    # So do a city under a short name or with its accents, and a lead
    # source written in the plural.
    contacts_with(owner, ws, word, 1, city="New York", source="Trade Show")
    contacts_with(owner, ws, word, 1, city="Z\u00fcrich", source="Webinar")
    d = make_agent(owner, ws, instructions=(
        f"Find contacts whose title contains {word} in NYC or Zurich from "
        f"trade shows or webinars and tag them 'c-{word}'"))
    assert run_completed(owner, ws, d["id"])["steps"][0]["output"][
        "count"] == 2, d["plan"]


def test_members_named_by_a_bare_handle(server, owner, ws):
    """People write '@salesRep' as well as '@user.salesRep': both name
    the member with that handle, in a task's assignee and a notification
    (it used to fail with 'Cannot notify @owner: user not found'); a
    handle no member has is a plan warning before the run and the run's
    error."""
    word = token()
    contacts_with(owner, ws, word, 1)
    a = make_agent(owner, ws, instructions=(
        f"Find contacts whose title contains {word}. Create a task for "
        f"@salesRep: call @contact.firstName. Notify @salesRep: "
        f"{word} done"))
    assert a["plan"]["steps"][1]["params"]["assignee"] == "@salesRep"
    assert a["planWarnings"] == []
    x = run_completed(owner, ws, a["id"])
    tasks = owner.get(f"{ws}/tasks?executionId={x['id']}").json["data"]
    assert [t["assigneeId"] for t in tasks] == \
        [server.user("member")["userId"]]
    assert [n["message"] for n in notifications(server.client("member"), ws)
            if n["data"].get("executionId") == x["id"] and
            n["type"] != "task_assigned"] == [f"{word} done"]
    b = make_agent(owner, ws, steps(step("notify", to="@nobody",
                                         message="x")))
    assert b["planWarnings"] == [{
        "path": "steps[0].params.to",
        "message": "@nobody is no member of this workspace (no member has "
                   "the handle 'nobody'): the step will fail; add the "
                   "member or set their handle"}]
    x = run_and_wait(owner, ws, b["id"])
    assert x["status"] == "failed"
    assert x["error"]["message"] == "Cannot notify @nobody: user not found"


def test_counted_notification_from_instructions(owner, ws):
    """'Notify me with the number of ...': the records are searched for in
    a step of their own and the notification carries their count, from the
    instructions to the run."""
    word = token()
    contacts_with(owner, ws, "Buyer", 3, tags=[f"c-{word}"])
    a = make_agent(owner, ws, instructions=(
        f"Notify me with the number of contacts tagged 'c-{word}'"))
    assert [s["type"] for s in a["plan"]["steps"]] == \
        ["search_contacts", "notify"], a["plan"]
    x = run_completed(owner, ws, a["id"])
    assert [n["message"] for n in notifications(owner, ws)
            if n["data"].get("executionId") == x["id"]] == \
        [f"3 contacts tagged 'c-{word}'"]


def test_cases_on_one_field_from_instructions(owner, ws):
    """'If over 80k ..., if over 50k ..., otherwise ...' is one chain of
    cases: each deal gets exactly one of the three tasks (a 90k deal is
    'hot', not also 'warm' or 'cold')."""
    word = token()
    for value in (90000, 60000, 10000):
        r = owner.post(f"{ws}/deals", {"name": f"D{value} {word}",
                                       "value": value, "stage": "Proposal"})
        assert r.status == 201, r
    a = make_agent(owner, ws, instructions=(
        f"Find deals whose name contains {word}. If the deal value is over "
        f"80000, create a task for me: hot @deal.name; if over 50000, "
        f"create a task for me: warm @deal.name; otherwise create a task "
        f"for me: cold @deal.name."))
    titles = sorted(run_task_titles(owner, ws, a["id"]))
    assert titles == [f"cold D10000 {word}", f"hot D90000 {word}",
                      f"warm D60000 {word}"], titles


def test_deals_won_in_a_span_end_now(owner, ws):
    """'Deals won in the last 7 days': won, with a close date in the span,
    which ends now: a won deal dated ahead, one closed long ago and a lost
    one are left out."""
    word = token()
    today = datetime.datetime.now(datetime.timezone.utc).date()

    def deal(name, stage, days):
        r = owner.post(f"{ws}/deals", {
            "name": f"{name} {word}", "value": 1000, "stage": stage,
            "closeDate": (today + datetime.timedelta(days=days)).isoformat()})
        assert r.status == 201, r
    deal("recent", "Closed Won", -3)
    deal("ahead", "Closed Won", 5)
    deal("old", "Closed Won", -30)
    deal("lost", "Closed Lost", -3)
    a = make_agent(owner, ws, instructions=(
        f"Find deals that were won in the last 7 days and create a task "
        f"for me: Thank @deal.name"))
    titles = run_task_titles(owner, ws, a["id"])
    assert [t for t in titles if word in t] == [f"Thank recent {word}"]


def test_owner_set_to_a_member_from_instructions(server, owner, ws):
    """'Change the owner of ... to @user.salesRep': the member's id goes in
    the owner field (the handle alone renders as their name)."""
    word = token()
    ids = contacts_with(owner, ws, f"Buyer {word}", 2)
    a = make_agent(owner, ws, instructions=(
        f"Change the owner of all contacts whose title contains {word} to "
        f"@user.salesRep"))
    assert a["plan"]["steps"][1]["params"]["value"] == "@user.salesRep.id"
    run_completed(owner, ws, a["id"])
    rep_id = server.user("member")["userId"]
    for cid in ids:
        assert owner.get(f"{ws}/contacts/{cid}").json["ownerId"] == rep_id


def test_close_date_set_relative_to_the_run(owner, ws):
    """'Set the close date to 30 days from now': the plan keeps the
    relative time ('today+30d') and the run writes the date it is then."""
    word = token()
    r = owner.post(f"{ws}/deals", {"name": f"D {word}", "value": 5,
                                   "stage": "Proposal"})
    assert r.status == 201, r
    a = make_agent(owner, ws, instructions=(
        f"Find deals whose name contains {word} and set the close date to "
        f"30 days from now"))
    assert a["plan"]["steps"][1]["params"] == {
        "entity": "deal", "field": "closeDate", "value": "today+30d"}
    run_completed(owner, ws, a["id"])
    want = (datetime.datetime.now(datetime.timezone.utc).date() +
            datetime.timedelta(days=30)).isoformat()
    got = owner.get(f"{ws}/deals/{r.json['id']}").json["closeDate"]
    assert got.startswith(want), got


def test_if_there_are_records_from_instructions(owner, ws):
    """'If there are no deals whose name contains X, notify me: ...': a
    search of its own and a test of its count, from the instructions to
    the run; once a deal matches, nobody is notified."""
    word = token()
    a = make_agent(owner, ws, instructions=(
        f"If there are no deals whose name contains {word}, notify me: "
        f"None {word}"))
    assert [s["type"] for s in a["plan"]["steps"]] == \
        ["search_deals", "if"], a["plan"]
    seen = []
    for _ in range(2):
        x = run_completed(owner, ws, a["id"])
        seen.append([n["message"] for n in notifications(owner, ws)
                     if n["data"].get("executionId") == x["id"]])
        r = owner.post(f"{ws}/deals", {"name": f"D {word}", "value": 1})
        assert r.status == 201, r
    assert seen == [[f"None {word}"], []], seen


def test_named_cases_with_a_trailing_otherwise(owner, ws):
    """'Tag them 'big' if ..., 'mid' if between ..., and 'small'
    otherwise': the names alone are the same step for the next cases, and
    the trailing otherwise is the last one's else: each contact gets one
    tag."""
    word = token()
    ids = {size: contact_at_company(owner, ws, word, size=size)
           for size in (900, 300, 10)}
    a = make_agent(owner, ws, instructions=(
        f"Find contacts whose title contains {word}. Tag them 'big-{word}' "
        f"if their company size is over 500, 'mid-{word}' if between 100 "
        f"and 500, and 'small-{word}' otherwise"))
    run_completed(owner, ws, a["id"])
    got = {size: [t for t in owner.get(f"{ws}/contacts/{cid}").json["tags"]
                  if word in t] for size, cid in ids.items()}
    assert got == {900: [f"big-{word}"], 300: [f"mid-{word}"],
                   10: [f"small-{word}"]}, got


def test_field_cleared_from_instructions(server, owner, ws):
    """'Remove the owner from deals whose name contains X': the field set
    to nothing, on those deals only."""
    word = token()
    rep_id = server.user("member")["userId"]
    mine = owned_deal(owner, ws, f"Mine {word}", rep_id)
    other = owned_deal(owner, ws, f"Other {token()}", rep_id)
    a = make_agent(owner, ws, instructions=(
        f"Remove the owner from deals whose name contains {word}"))
    assert a["plan"]["steps"][1] == {"type": "update_field", "params": {
        "entity": "deal", "field": "ownerId", "value": None}}, a["plan"]
    run_completed(owner, ws, a["id"])
    assert owner.get(f"{ws}/deals/{mine['id']}").json.get("ownerId") is None
    assert owner.get(f"{ws}/deals/{other['id']}").json["ownerId"] == rep_id


def test_close_date_on_one_day_ahead(owner, ws):
    """'Deals closing in exactly 30 days': that day only (a renewal sent
    every day reaches each deal once), not every close date up to then."""
    word = token()
    today = datetime.datetime.now(datetime.timezone.utc).date()
    for days in (10, 30, 31):
        r = owner.post(f"{ws}/deals", {
            "name": f"D{days} {word}", "value": 5, "stage": "Proposal",
            "closeDate": (today + datetime.timedelta(days=days)).isoformat()})
        assert r.status == 201, r
    a = make_agent(owner, ws, instructions=(
        f"Find deals whose name contains {word} closing in exactly 30 days "
        f"and create a task for me: Renew @deal.name"))
    titles = run_task_titles(owner, ws, a["id"])
    assert titles == [f"Renew D30 {word}"], titles


def test_deals_of_contacts_from_instructions(owner, ws):
    """'Find the deals of contacts tagged X': a deal search on each deal's
    contact; the deal of an untagged contact is left out."""
    word = token()
    tagged = contacts_with(owner, ws, f"Buyer {word}", 1,
                           tags=[f"vip-{word}"])[0]
    other = contacts_with(owner, ws, f"Buyer {word}", 1)[0]
    for name, cid in (("Tagged", tagged), ("Other", other)):
        r = owner.post(f"{ws}/deals", {"name": f"{name} {word}", "value": 5,
                                       "stage": "Proposal", "contactId": cid})
        assert r.status == 201, r
    a = make_agent(owner, ws, instructions=(
        f"Find the deals of contacts tagged 'vip-{word}' and create a task "
        f"for me: VIP @deal.name"))
    assert a["plan"]["steps"][0] == {"type": "search_deals", "params": {
        "where": {"field": "contact.tags", "operator": "contains",
                  "value": f"vip-{word}"}}}, a["plan"]
    titles = run_task_titles(owner, ws, a["id"])
    assert titles == [f"VIP Tagged {word}"], titles


def test_company_country_from_instructions(owner, ws):
    """'Contacts whose company is based in Germany': the company's country
    (the words were read as company.name == 'based')."""
    word = token()
    ids = {c: contact_at_company(owner, ws, word, country=c)
           for c in ("Germany", "France")}
    a = make_agent(owner, ws, instructions=(
        f"Find contacts whose company is based in Germany and whose title "
        f"contains {word}, and tag them 'de-{word}'"))
    run_completed(owner, ws, a["id"])
    got = {c: f"de-{word}" in owner.get(f"{ws}/contacts/{cid}").json["tags"]
           for c, cid in ids.items()}
    assert got == {"Germany": True, "France": False}, got


def test_tag_swap_for_contacts_named_at_the_end(owner, ws):
    """'Remove tag A and add B to contacts tagged C': the contacts named at
    the end are both steps' (the search comes first); a contact without C
    keeps A. The words were refused before ('add B' named no tag)."""
    word = token()
    conv = contacts_with(owner, ws, f"Buyer {word}", 1,
                         tags=[f"trial-{word}", f"conv-{word}"])[0]
    other = contacts_with(owner, ws, f"Buyer {word}", 1,
                          tags=[f"trial-{word}"])[0]
    a = make_agent(owner, ws, instructions=(
        f"Remove tag 'trial-{word}' and add 'paid-{word}' to contacts "
        f"tagged 'conv-{word}'"))
    assert [s["type"] for s in a["plan"]["steps"]] == [
        "search_contacts", "remove_tag", "add_tag"], a["plan"]
    run_completed(owner, ws, a["id"])
    tags = {cid: set(owner.get(f"{ws}/contacts/{cid}").json["tags"])
            for cid in (conv, other)}
    assert tags[conv] == {f"conv-{word}", f"paid-{word}"}, tags
    assert tags[other] == {f"trial-{word}"}, tags


def test_tag_with_a_field_of_each_contact(owner, ws):
    """'tag them with their city': each contact gets its own city as a
    tag; a contact with no city gets none (a warning names the variable),
    and the run goes on. The words were refused before ('which tag?'),
    and an empty name failed the whole step."""
    word = token()
    city = f"Lyon-{word}"
    has = contacts_with(owner, ws, f"Buyer {word}", 1, city=city)[0]
    none = contacts_with(owner, ws, f"Buyer {word}", 1)[0]
    a = make_agent(owner, ws, instructions=(
        f"Find contacts whose title contains {word} and tag them with "
        f"their city. Notify me: done {word}"))
    assert a["plan"]["steps"][1] == {
        "type": "add_tag", "params": {"tags": ["@contact.city"]}}, a["plan"]
    x = run_completed(owner, ws, a["id"])
    assert owner.get(f"{ws}/contacts/{has}").json["tags"] == [city]
    assert owner.get(f"{ws}/contacts/{none}").json["tags"] == []
    tag_step = x["steps"][1]
    assert tag_step["status"] in ("success", "warning"), tag_step
    assert "Variable @contact.city has no value" in tag_step["warnings"]
    assert x["steps"][2]["status"] == "success", x["steps"]


def test_stage_named_before_deals_and_other_crms_names(owner, ws):
    """'Move all Qualification deals ... to Closed Lost': a stage's name
    before "deals" is a condition, and "Qualification" is the Qualified
    stage; a deal in Proposal stays."""
    word = token()
    ids = {}
    for stage in ("Qualified", "Proposal"):
        r = owner.post(f"{ws}/deals", {"name": f"{stage} {word}", "value": 5,
                                       "stage": stage})
        assert r.status == 201, r
        ids[stage] = r.json["id"]
    a = make_agent(owner, ws, instructions=(
        f"Move all Qualification deals whose name contains {word} to "
        f"Closed Lost"))
    run_completed(owner, ws, a["id"])
    got = {s: owner.get(f"{ws}/deals/{i}").json["stage"]
           for s, i in ids.items()}
    assert got == {"Qualified": "Closed Lost", "Proposal": "Proposal"}, got


def test_deals_assigned_to_a_member_get_that_owner(server, owner, ws):
    """'Find deals ... and assign them to @user.salesRep': each deal's
    owner is set to the member (it was a handoff, which parked the run and
    left the deals unowned); a deal the search leaves out keeps none."""
    word = token()
    ids = {}
    for name in ("Big", "Small"):
        r = owner.post(f"{ws}/deals", {"name": f"{name} {word}",
                                       "value": 90000 if name == "Big" else 5,
                                       "stage": "Proposal"})
        assert r.status == 201, r
        ids[name] = r.json["id"]
    a = make_agent(owner, ws, instructions=(
        f"Find deals whose name contains {word} worth more than 50k and "
        f"assign them to @user.salesRep"))
    assert a["plan"]["steps"][1]["type"] == "update_field", a["plan"]
    run_completed(owner, ws, a["id"])
    rep_id = server.user("member")["userId"]
    got = {n: owner.get(f"{ws}/deals/{i}").json.get("ownerId")
           for n, i in ids.items()}
    assert got == {"Big": rep_id, "Small": None}, got


def test_stop_on_a_found_contacts_condition_skips_only_those(owner, ws):
    """'Find contacts ... If they replied, tag them X and stop. Tag them
    Y': a stop ends the whole run, so on a condition of each contact found
    it is read as a skip of those contacts: the repliers get X, the others
    Y, and the run completes (it stopped at the first replier before, and
    nobody got Y)."""
    word = token()
    replied = contacts_with(owner, ws, f"Buyer {word}", 2, replied=True)
    quiet = contacts_with(owner, ws, f"Buyer {word}", 2)
    a = make_agent(owner, ws, instructions=(
        f"Find contacts whose title contains {word}. If they replied, tag "
        f"them 'done-{word}' and stop. Tag them 'next-{word}'"))
    assert "stop" not in json.dumps(a["plan"]), a["plan"]
    run_completed(owner, ws, a["id"])
    tags = {cid: set(owner.get(f"{ws}/contacts/{cid}").json["tags"])
            for cid in replied + quiet}
    for cid in replied:
        assert tags[cid] == {f"done-{word}"}, tags
    for cid in quiet:
        assert tags[cid] == {f"next-{word}"}, tags


def test_a_deleted_contacts_id_is_not_given_to_the_next(owner, ws):
    """A run waiting with a contact in its set resumes on that contact or
    on nobody: when the newest contact is deleted meanwhile, the next one
    created gets a new id, not the deleted one's (SQLite's default), so
    the run does not tag someone its search never found."""
    word = token()
    [cid] = contacts_with(owner, ws, f"CEO {word}", 1)
    a = make_agent(owner, ws, steps(find(word), step("wait", seconds=86400),
                                    step("update_field", entity="contact",
                                         field="status", value="Cold"),
                                    step("add_tag", tags=[f"f-{word}"])))
    eid = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, eid, ("waiting",))
    assert owner.delete(f"{ws}/contacts/{cid}").status == 200
    [other] = contacts_with(owner, ws, "Bystander", 1)
    assert other > cid
    assert owner.post(f"{ws}/executions/{eid}/resume").status == 200
    x = wait_exec(owner, ws, eid)
    assert x["status"] == "completed", x["error"]
    assert x["steps"][-1]["status"] == "skipped", x["steps"][-1]
    assert x["steps"][-1]["warnings"] == [
        "No contacts in scope: the 1 found were deleted since"]
    assert x["steps"][-2]["status"] == "skipped", x["steps"][-2]
    assert x["steps"][-2]["warnings"] == [
        "No contacts in scope to update: the 1 found were deleted since"]
    got = owner.get(f"{ws}/contacts/{other}").json
    assert got["tags"] == [] and got["status"] != "Cold"
    # The same for executions: the newest one's id is not given again.
    last = owner.get(f"{ws}/executions?limit=1").json["data"][0]["id"]
    assert last == eid


def test_a_deleted_workspace_leaves_nothing_behind(server, owner):
    """Deleting a workspace deletes its agents' memory, jobs and counts
    with it, and the next workspace and agent get ids never given before:
    a new agent does not read a deleted one's memory."""
    secret = token()
    first = owner.post("/api/workspaces", {"name": "Gone " + secret}).json
    w1 = f"/api/workspaces/{first['id']}"
    a = make_agent(owner, w1,
                   steps(step("remember", key="codeword", value=secret)),
                   memory={"enabled": True},
                   trigger={"type": "schedule", "cron": "0 9 * * *"})
    run_completed(owner, w1, a["id"])
    assert owner.delete(w1).status == 200
    second = owner.post("/api/workspaces", {"name": "New " + secret}).json
    assert second["id"] > first["id"]
    w2 = f"/api/workspaces/{second['id']}"
    b = make_agent(owner, w2,
                   steps(step("create_task",
                              title="codeword @memory.codeword")),
                   memory={"enabled": True})
    assert b["id"] > a["id"]
    x = run_completed(owner, w2, b["id"])
    titles = [t["title"] for t in owner.get(
        f"{w2}/tasks?executionId={x['id']}").json["data"]]
    assert titles and secret not in titles[0], titles
    assert owner.delete(w2).status == 200
