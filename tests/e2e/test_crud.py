"""CRUD, pagination, sorting and filtering for every resource."""
import time

import pytest

# A valid create payload and a valid update for each resource.
RESOURCES = {
    "contacts": ({"firstName": "Ada", "lastName": "Lovelace",
                  "email": "ada@analytical.example", "title": "CEO",
                  "tags": ["vip"], "customFields": {"leadScore": "A"}},
                 {"title": "Chief Executive", "replied": True}),
    "companies": ({"name": "Analytical Engines", "industry": "SaaS",
                   "size": 12}, {"size": 40}),
    "deals": ({"name": "Engine order", "value": 12000, "stage": "Lead"},
              {"stage": "Proposal", "value": 15000.5}),
    "tasks": ({"title": "Call Ada", "dueAt": "2026-12-01T09:00:00Z"},
              {"status": "done"}),
    "tags": ({"name": "brand-new-tag", "color": "#ff0000"},
             {"color": "#00ff00"}),
    "custom-fields": ({"entity": "deal", "key": "probability",
                       "label": "Probability", "type": "number"},
                      {"label": "Win probability"}),
    "email-templates": ({"name": "Test Template", "subject": "Hi @contact.firstName",
                         "body": "Hello from @company.name"},
                        {"subject": "Hello again"}),
    "connections": ({"type": "smtp", "name": "Test SMTP",
                     "config": {"host": "127.0.0.1", "port": 2525,
                                "from": "crm@example.com", "username": "u"},
                     "credentials": {"password": "p4ss"}},
                    {"config": {"host": "127.0.0.1", "port": 2526,
                                "from": "crm@example.com"}}),
    "agents": ({"name": "CRUD agent", "goal": "test",
                "instructions": "Tag them 'crud'"},
               {"goal": "updated goal"}),
}


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_create_get_update_delete(owner, ws, resource):
    create, update = RESOURCES[resource]
    r = owner.post(f"{ws}/{resource}", create)
    assert r.status == 201, r
    obj = r.json
    rid = obj["id"]
    for k, v in create.items():
        if k in ("credentials",):
            continue
        if k == "dueAt":
            assert obj[k].startswith("2026-12-01T09:00:00")
            continue
        assert obj[k] == v, (k, obj[k], v)

    got = owner.get(f"{ws}/{resource}/{rid}")
    assert got.status == 200 and got.json["id"] == rid

    time.sleep(0.005)
    r = owner.patch(f"{ws}/{resource}/{rid}", update)
    assert r.status == 200, r
    for k, v in update.items():
        assert r.json[k] == v
    if "updatedAt" in obj:
        assert r.json["updatedAt"] > obj["updatedAt"]
        assert r.json["createdAt"] == obj["createdAt"]

    listed = owner.get(f"{ws}/{resource}?id={rid}")
    assert listed.status == 200
    assert [x["id"] for x in listed.json["data"]] == [rid]

    r = owner.delete(f"{ws}/{resource}/{rid}")
    assert r.status == 200 and r.json["deleted"] is True
    assert owner.get(f"{ws}/{resource}/{rid}").status == 404
    assert owner.delete(f"{ws}/{resource}/{rid}").status == 404


def test_secrets_never_returned(owner, ws):
    r = owner.post(f"{ws}/connections",
                   {"type": "slack", "name": "Slack secret test",
                    "credentials": {"botToken": "xoxb-very-secret"}})
    assert r.status == 201
    assert "credentials" not in r.json and r.json["hasCredentials"] is True
    assert "xoxb-very-secret" not in r.raw.decode()
    listed = owner.get(f"{ws}/connections")
    assert "xoxb-very-secret" not in listed.raw.decode()


def test_pagination_walks_every_contact_once(owner, ws):
    seen = []
    cursor = None
    pages = 0
    while True:
        q = f"{ws}/contacts?limit=7" + (f"&cursor={cursor}" if cursor else "")
        r = owner.get(q)
        assert r.status == 200
        assert len(r.json["data"]) <= 7
        seen += [c["id"] for c in r.json["data"]]
        cursor = r.json["nextCursor"]
        pages += 1
        if not cursor:
            break
    assert seen == sorted(seen)
    assert len(seen) == len(set(seen)) >= 200
    assert pages == -(-len(seen) // 7)


def test_sorted_pagination_descending(owner, ws):
    seen, cursor = [], None
    while True:
        q = f"{ws}/contacts?limit=50&sort=-createdAt"
        r = owner.get(q + (f"&cursor={cursor}" if cursor else ""))
        assert r.status == 200
        seen += [(c["createdAt"], c["id"]) for c in r.json["data"]]
        cursor = r.json["nextCursor"]
        if not cursor:
            break
    assert seen == sorted(seen, reverse=True)
    assert len({i for _, i in seen}) == len(seen)


@pytest.mark.parametrize("desc", [False, True])
def test_deals_sort_by_stage_in_pipeline_order(owner, ws, desc):
    """sort=stage follows the pipeline (Lead, Qualified, Proposal,
    Negotiation, Closed Won, Closed Lost), not the alphabet, across pages
    too; -stage the other way."""
    pipeline = ["Lead", "Qualified", "Proposal", "Negotiation",
                "Closed Won", "Closed Lost"]
    seen, cursor = [], None
    while True:
        q = f"{ws}/deals?limit=4&sort={'-' if desc else ''}stage"
        r = owner.get(q + (f"&cursor={cursor}" if cursor else ""))
        assert r.status == 200, r
        seen += [(pipeline.index(d["stage"]), d["id"]) for d in r.json["data"]]
        cursor = r.json["nextCursor"]
        if not cursor:
            break
    assert seen == sorted(seen, reverse=desc)
    assert len({i for _, i in seen}) == len(seen)
    assert len({k for k, _ in seen}) == 6  # the demo has every stage


def test_filters(owner, ws):
    r = owner.get(f"{ws}/contacts?title__contains=ceo&limit=200")
    assert r.status == 200 and r.json["data"]
    assert all("ceo" in c["title"].lower() for c in r.json["data"])

    r = owner.get(f"{ws}/contacts?tags=webinar&limit=200")
    assert r.json["data"] and all("webinar" in c["tags"] for c in r.json["data"])

    r = owner.get(f"{ws}/contacts?custom.leadScore=a&limit=200")
    assert r.json["data"]
    assert all(c["customFields"]["leadScore"] == "A" for c in r.json["data"])

    r = owner.get(f"{ws}/contacts?createdAt__gte=now-1d&limit=200")
    recent = r.json["data"]
    assert recent and len(recent) < 200

    r = owner.get(f"{ws}/contacts?linkedinUrl__exists=false&limit=200")
    assert r.json["data"] and all(c["linkedinUrl"] is None for c in r.json["data"])

    r = owner.get(f"{ws}/contacts?replied=true&limit=200")
    assert all(c["replied"] for c in r.json["data"])

    r = owner.get(f"{ws}/deals?value__gte=50000&stage__ne=Lead&limit=200")
    assert all(d["value"] >= 50000 and d["stage"] != "Lead" for d in r.json["data"])

    r = owner.get(f"{ws}/contacts?q=muller&limit=200")
    assert r.json["data"]
    assert all("muller" in (c["email"] or "") or "müller" in c["lastName"].lower()
               for c in r.json["data"])


def test_contact_tags_replace_and_dedupe(owner, ws):
    r = owner.post(f"{ws}/contacts", {"firstName": "Tag", "tags": ["A", "a", " b "]})
    assert r.status == 201 and sorted(r.json["tags"]) == ["A", "b"]
    cid = r.json["id"]
    r = owner.patch(f"{ws}/contacts/{cid}", {"tags": ["c"]})
    assert r.json["tags"] == ["c"]
    tags = owner.get(f"{ws}/tags?name=c").json["data"]
    assert len(tags) == 1


def test_deal_stage_change_records_event(owner, ws):
    d = owner.post(f"{ws}/deals", {"name": "Evented", "stage": "Proposal"}).json
    owner.patch(f"{ws}/deals/{d['id']}", {"stage": "Closed Won"})
    ev = owner.get(f"{ws}/events?type=deal_stage_updated&limit=1").json["data"][0]
    assert ev["entityId"] == d["id"]
    assert ev["data"]["previousStage"] == "Proposal"
    assert ev["data"]["stage"] == "Closed Won"
    # A change that leaves the stage alone records nothing.
    owner.patch(f"{ws}/deals/{d['id']}", {"value": 5})
    again = owner.get(f"{ws}/events?type=deal_stage_updated&limit=1").json["data"][0]
    assert again["id"] == ev["id"]


def test_contact_created_event(owner, ws):
    c = owner.post(f"{ws}/contacts", {"firstName": "Eve"}).json
    ev = owner.get(f"{ws}/events?type=contact_created&limit=1").json["data"][0]
    assert ev["entityId"] == c["id"]


def test_task_done_sets_completed_at(owner, ws):
    t = owner.post(f"{ws}/tasks", {"title": "Finish"}).json
    assert t["completedAt"] is None and t["createdByUserId"]
    t2 = owner.patch(f"{ws}/tasks/{t['id']}", {"status": "done"}).json
    assert t2["completedAt"] is not None


def test_activities_notes_only(owner, ws):
    r = owner.post(f"{ws}/activities", {"type": "note", "message": "Met at fair"})
    assert r.status == 201
    r = owner.post(f"{ws}/activities", {"type": "email_sent", "message": "x"})
    assert r.status == 422
    assert owner.patch(f"{ws}/activities/1", {"message": "x"}).status == 405


def test_custom_field_enum_and_key_rules(owner, ws):
    r = owner.post(f"{ws}/custom-fields", {"entity": "contact", "key": "tier",
                                           "type": "enum"})
    assert r.status == 422 and "options" in r.error["message"]
    r = owner.post(f"{ws}/custom-fields", {"entity": "contact", "key": "bad key",
                                           "type": "string"})
    assert r.status == 422
    r = owner.post(f"{ws}/custom-fields", {"entity": "contact", "key": "tier",
                                           "type": "enum", "options": ["Gold", "Silver"]})
    assert r.status == 201
    r = owner.post(f"{ws}/contacts", {"firstName": "X", "customFields": {"tier": "Bronze"}})
    assert r.status == 422
    r = owner.post(f"{ws}/contacts", {"firstName": "X", "customFields": {"tier": "gold"}})
    assert r.status == 201 and r.json["customFields"]["tier"] == "Gold"
    r = owner.post(f"{ws}/contacts", {"firstName": "X", "customFields": {"budget": "lots"}})
    assert r.status == 422
    fid = owner.get(f"{ws}/custom-fields?key=tier").json["data"][0]["id"]
    assert owner.patch(f"{ws}/custom-fields/{fid}", {"type": "string"}).status == 400


def test_a_name_taken_says_which_and_changes_nothing(owner, ws):
    """A name that must be unique in the workspace, taken on create or on
    rename, is 409 with the record's kind and the value asked for, never
    the database's words; nothing is written."""
    stamp = str(time.time_ns())
    tag = owner.post(f"{ws}/tags", {"name": f"dup-{stamp}"})
    assert tag.status == 201
    r = owner.post(f"{ws}/tags", {"name": f"dup-{stamp}", "color": "#000000"})
    assert r.status == 409, r
    assert r.error["message"] == (f"Tag 'dup-{stamp}' already exists in this "
                                  "workspace")
    assert r.error["details"]["field"] == "name"
    assert len(owner.get(f"{ws}/tags?name=dup-{stamp}").json["data"]) == 1
    other = owner.post(f"{ws}/tags", {"name": f"other-{stamp}"}).json
    r = owner.patch(f"{ws}/tags/{other['id']}", {"name": f"dup-{stamp}"})
    assert r.status == 409 and "already exists" in r.error["message"]
    assert owner.get(f"{ws}/tags/{other['id']}").json["name"] == \
        f"other-{stamp}"
    tpl = {"name": f"T {stamp}", "subject": "s", "body": "b"}
    assert owner.post(f"{ws}/email-templates", tpl).status == 201
    r = owner.post(f"{ws}/email-templates", tpl)
    assert r.status == 409
    assert r.error["message"] == (f"Email template 'T {stamp}' already "
                                  "exists in this workspace")
    cf = {"entity": "deal", "key": f"k{stamp}", "type": "string"}
    assert owner.post(f"{ws}/custom-fields", cf).status == 201
    r = owner.post(f"{ws}/custom-fields", cf)
    assert r.status == 409
    assert r.error["message"] == (f"Custom field with entity 'deal' and key "
                                  f"'k{stamp}' already exists in this "
                                  "workspace")
    assert r.error["details"]["field"] == "key"


def test_references_stay_in_workspace(owner, ws):
    r = owner.post(f"{ws}/contacts", {"firstName": "R", "companyId": 999999})
    assert r.status == 422 and r.error["details"]["field"] == "companyId"
    r = owner.post(f"{ws}/tasks", {"title": "T", "assigneeId": 999999})
    assert r.status == 422
