"""Form submissions, notifications, health, OpenAPI, members."""


def test_form_creates_then_matches_contact(owner, ws):
    body = {"fields": {"email": "Lead@Form.example", "firstName": "Lea",
                       "budget": 20000, "message": "Call me"}}
    r = owner.post(f"{ws}/forms/pricing/submissions", body)
    assert r.status == 201 and r.json["contactCreated"] is True
    cid = r.json["contactId"]
    c = owner.get(f"{ws}/contacts/{cid}").json
    assert c["firstName"] == "Lea" and c["source"] == "Form: pricing"
    r2 = owner.post(f"{ws}/forms/pricing/submissions",
                    {"fields": {"email": "lead@form.example"}})
    assert r2.json["contactCreated"] is False and r2.json["contactId"] == cid
    evs = owner.get(f"{ws}/events?type=form_submitted&limit=2").json["data"]
    assert [e["entityId"] for e in evs] == [r2.json["id"], r.json["id"]]
    assert evs[1]["data"]["fields"]["budget"] == 20000
    subs = owner.get(f"{ws}/forms/pricing/submissions").json["data"]
    assert len(subs) == 2 and subs[1]["fields"]["message"] == "Call me"


def test_form_rejects_bad_submissions(owner, ws):
    before = owner.get(f"{ws}/events?limit=1").json["data"][0]["id"]
    assert owner.post(f"{ws}/forms/x/submissions", {"fields": {}}).status == 422
    assert owner.post(f"{ws}/forms/x/submissions",
                      {"fields": {"email": "bad"}}).status == 422
    assert owner.post(f"{ws}/forms/x/submissions",
                      {"fields": {"email": "a@b.example", "nested": {"x": 1}}}).status == 400
    assert owner.post(f"{ws}/forms/x/submissions", {"email": "a@b.example"}).status == 400
    assert owner.get(f"{ws}/events?limit=1").json["data"][0]["id"] == before


def test_healthz_and_openapi(server):
    anon = server.anon()
    r = anon.get("/healthz")
    assert r.status == 200 and r.json["status"] == "ok"
    spec = anon.get("/api/openapi.json").json
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    for p in ["/api/login", "/api/workspaces/{workspaceId}/contacts",
              "/api/workspaces/{workspaceId}/contacts/{id}",
              "/api/workspaces/{workspaceId}/agents/{id}/export-config",
              "/api/workspaces/{workspaceId}/forms/{name}/submissions"]:
        assert p in paths, p
    assert set(paths["/api/workspaces/{workspaceId}/contacts/{id}"]) == {
        "get", "patch", "delete"}
    assert "Contact" in spec["components"]["schemas"]
    # Live views answer with server-sent events, the rest with JSON.
    for p in ["/api/workspaces/{workspaceId}/executions/{id}/events",
              "/api/workspaces/{workspaceId}/executions/events"]:
        assert list(paths[p]["get"]["responses"]["200"]["content"]) == [
            "text/event-stream"], p
    assert "content" not in paths["/api/workspaces/{workspaceId}/contacts"][
        "get"]["responses"]["200"]
    r = anon.get("/")
    assert r.status == 200 and b"agentd" in r.raw


def test_members_and_handles(server, owner, ws):
    r = owner.post(f"{ws}/members", {"email": "rep2@x.example", "role": "member",
                                     "handle": "rep2", "canTrigger": False})
    assert r.status == 201 and r.json["handle"] == "rep2"
    uid = r.json["userId"]
    assert owner.post(f"{ws}/members", {"email": "rep2@x.example",
                                        "role": "member"}).status == 409
    assert owner.post(f"{ws}/members", {"email": "rep3@x.example", "role": "boss"}).status == 422
    assert owner.post(f"{ws}/members", {"email": "rep3@x.example", "role": "member",
                                        "handle": "salesRep"}).status == 409
    assert owner.patch(f"{ws}/members/{uid}", {"handle": "bad handle"}).status == 422
    r = owner.patch(f"{ws}/members/{uid}", {"canTrigger": True})
    assert r.json["canTrigger"] is True and r.json["handle"] == "rep2"
    members = owner.get(f"{ws}/members").json["data"]
    assert {m["role"] for m in members} >= {"owner", "admin", "member", "viewer"}


def test_workspace_settings(owner, ws):
    r = owner.patch(ws, {"timezone": "Europe/Berlin"})
    assert r.status == 200 and r.json["timezone"] == "Europe/Berlin"
    assert owner.patch(ws, {"timezone": "Mars/Olympus"}).status == 422
    assert owner.patch(ws, {"timezone": "../../etc/passwd"}).status == 422
    assert owner.patch(ws, {"name": ""}).status == 422
    assert owner.get(ws).json["timezone"] == "Europe/Berlin"
