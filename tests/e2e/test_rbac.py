"""The RBAC matrix (every role against every kind of endpoint) and
cross-workspace isolation on every endpoint."""
import itertools

import pytest

from agentd import Client

ROLES = ["owner", "admin", "member", "viewer"]
_n = itertools.count()


def uniq(prefix):
    return f"{prefix}-{next(_n)}"


# (name, method, path (relative to the workspace), body factory, roles allowed)
CASES = [
    ("read contacts", "GET", "/contacts", None, ROLES),
    ("read one contact", "GET", "/contacts/1", None, ROLES),
    ("read deals", "GET", "/deals", None, ROLES),
    ("read agents", "GET", "/agents", None, ROLES),
    ("read connections", "GET", "/connections", None, ROLES),
    ("read members", "GET", "/members", None, ROLES),
    ("read workspace", "GET", "", None, ROLES),
    ("read events", "GET", "/events", None, ROLES),
    ("read notifications", "GET", "/notifications", None, ROLES),
    ("export agent", "GET", "/agents/1/export-config", None, ROLES),
    ("create contact", "POST", "/contacts",
     lambda: {"firstName": uniq("rbac")}, ROLES[:3]),
    ("update contact", "PATCH", "/contacts/2", lambda: {"title": uniq("t")}, ROLES[:3]),
    ("create company", "POST", "/companies", lambda: {"name": uniq("co")}, ROLES[:3]),
    ("create deal", "POST", "/deals", lambda: {"name": uniq("deal")}, ROLES[:3]),
    ("create task", "POST", "/tasks", lambda: {"title": uniq("task")}, ROLES[:3]),
    ("create tag", "POST", "/tags", lambda: {"name": uniq("tag")}, ROLES[:3]),
    ("create template", "POST", "/email-templates",
     lambda: {"name": uniq("tpl"), "subject": "s", "body": "b"}, ROLES[:3]),
    ("submit form", "POST", "/forms/signup/submissions",
     lambda: {"fields": {"email": uniq("f") + "@x.example"}}, ROLES[:3]),
    ("create custom field", "POST", "/custom-fields",
     lambda: {"entity": "contact", "key": uniq("k").replace("-", "_"),
              "type": "string"}, ROLES[:2]),
    ("create connection", "POST", "/connections",
     lambda: {"type": "slack", "name": uniq("conn"),
              "credentials": "https://hooks.slack.example/T/B/x"}, ROLES[:2]),
    ("create agent", "POST", "/agents",
     lambda: {"name": uniq("agent"), "instructions": "Tag them 'x'"}, ROLES[:2]),
    ("update agent", "PATCH", "/agents/2", lambda: {"goal": uniq("g")}, ROLES[:2]),
    ("import agent", "POST", "/agents/import",
     lambda: {"name": uniq("imp"), "instructions": "Wait 1 day"}, ROLES[:2]),
    ("update workspace", "PATCH", "", lambda: {"timezone": "Europe/Berlin"}, ROLES[:2]),
    ("add member", "POST", "/members",
     lambda: {"email": uniq("m") + "@x.example", "role": "viewer"}, ROLES[:2]),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_matrix(server, role, case):
    name, method, path, body, allowed = case
    c = server.client(role)
    r = c.request(method, f"/api/workspaces/{server.ws}{path}",
                  body=body() if body else None)
    if role in allowed:
        assert r.status in (200, 201), (role, name, r)
    else:
        assert r.status == 403, (role, name, r)
        assert r.json["error"]["code"] == "forbidden"
        assert r.json["error"]["details"]["role"] == role
    c.close()


def test_owner_only_rules(server):
    ws = f"/api/workspaces/{server.ws}"
    admin = server.client("admin")
    owner = server.client("owner")
    # Only owners may add owners or change an owner.
    r = admin.post(f"{ws}/members", {"email": "o2@x.example", "role": "owner"})
    assert r.status == 403
    owner_id = server.user("owner")["userId"]
    assert admin.patch(f"{ws}/members/{owner_id}", {"role": "viewer"}).status == 403
    # The last owner cannot leave or be demoted.
    assert owner.patch(f"{ws}/members/{owner_id}", {"role": "admin"}).status == 409
    assert owner.delete(f"{ws}/members/{owner_id}").status == 409
    # Deleting a workspace is for owners only (tested on a scratch one).
    scratch = owner.post("/api/workspaces", {"name": "Scratch"}).json["id"]
    owner.post(f"/api/workspaces/{scratch}/members",
               {"email": "admin@demo.agentd.dev", "role": "admin"})
    assert admin.delete(f"/api/workspaces/{scratch}").status == 403
    assert owner.delete(f"/api/workspaces/{scratch}").status == 200
    assert owner.get(f"/api/workspaces/{scratch}").status == 404


@pytest.fixture(scope="module")
def outsider(server):
    """A user who owns another workspace and is no member of the demo."""
    owner = server.client("owner")
    ws = f"/api/workspaces/{server.ws}"
    r = owner.post(f"{ws}/members", {"email": "outsider@other.example",
                                     "password": "outsider-pass-1",
                                     "role": "viewer"})
    assert r.status == 201
    assert owner.delete(f"{ws}/members/{r.json['userId']}").status == 200
    anon = server.anon()
    r = anon.post("/api/login", {"email": "outsider@other.example",
                                 "password": "outsider-pass-1"})
    assert r.status == 200
    cookie = r.headers["set-cookie"].split(";")[0]
    c = Client(server.port, cookie=cookie)
    other = c.post("/api/workspaces", {"name": "Other Co"}).json["id"]
    token = c.post("/api/tokens", {"name": "t"}).json["token"]
    out = Client(server.port, token=token)
    ids = {}
    ows = f"/api/workspaces/{other}"
    ids["contacts"] = out.post(f"{ows}/contacts", {"firstName": "Secret"}).json["id"]
    ids["companies"] = out.post(f"{ows}/companies", {"name": "Secret Co"}).json["id"]
    ids["deals"] = out.post(f"{ows}/deals", {"name": "Secret deal"}).json["id"]
    ids["tasks"] = out.post(f"{ows}/tasks", {"title": "Secret task"}).json["id"]
    ids["email-templates"] = out.post(f"{ows}/email-templates", {
        "name": "Secret", "subject": "s", "body": "b"}).json["id"]
    ids["agents"] = out.post(f"{ows}/agents", {"name": "Secret agent"}).json["id"]
    return {"client": out, "ws": other, "ids": ids}


def test_every_workspace_endpoint_answers_404_to_non_members(server, outsider):
    spec = server.anon().get("/api/openapi.json").json
    checked = 0
    for path, ops in spec["paths"].items():
        if "{workspaceId}" not in path:
            continue
        for method in ops:
            url = (path.replace("{workspaceId}", str(server.ws))
                   .replace("{id}", "1").replace("{subId}", "1")
                   .replace("{name}", "x"))
            body = {} if method in ("post", "patch") else None
            r = outsider["client"].request(method.upper(), url, body=body)
            assert r.status == 404, (method, url, r)
            assert "Secret" not in r.raw.decode()
            checked += 1
    assert checked > 40


def test_other_workspace_data_is_invisible(server, outsider):
    owner = server.client("owner")
    ows = f"/api/workspaces/{outsider['ws']}"
    for res, rid in outsider["ids"].items():
        # Through the other workspace's path: not a member, so 404.
        assert owner.get(f"{ows}/{res}/{rid}").status == 404
        # Through our own workspace's path: no such row in this workspace.
        mine = f"/api/workspaces/{server.ws}/{res}/{rid}"
        for method, body in (("GET", None), ("PATCH", {}), ("DELETE", None)):
            r = owner.request(method, mine, body=body)
            assert r.status == 404, (method, mine, r)
            assert "Secret" not in r.raw.decode()
    # Lists never show the other workspace's rows.
    for res in outsider["ids"]:
        r = owner.get(f"/api/workspaces/{server.ws}/{res}?limit=200&q=Secret")
        assert "Secret" not in r.raw.decode()
    # And references cannot point across workspaces.
    r = owner.post(f"/api/workspaces/{server.ws}/deals",
                   {"name": "x", "contactId": outsider["ids"]["contacts"]})
    assert r.status == 422
