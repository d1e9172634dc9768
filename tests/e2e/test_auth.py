"""Sign-in, sessions, API tokens, and secrets kept out of the logs."""
from agentd import Client


def test_missing_and_bad_credentials(server, ws):
    anon = server.anon()
    r = anon.get(f"{ws}/contacts")
    assert r.status == 401 and r.headers["www-authenticate"] == "Bearer"
    r = Client(server.port, token="agd_not-a-token").get(f"{ws}/contacts")
    assert r.status == 401
    r = anon.get(f"{ws}/contacts", headers={"Authorization": "Basic Zm9vOmJhcg=="})
    assert r.status == 401


def test_login_sets_strict_httponly_cookie(server, ws):
    anon = server.anon()
    owner = server.user("owner")
    r = anon.post("/api/login", {"email": owner["email"], "password": "wrong-password"})
    assert r.status == 401 and r.json["error"]["message"] == "Wrong email or password"
    r = anon.post("/api/login", {"email": "nobody@x.example", "password": "whatever1"})
    assert r.status == 401 and r.json["error"]["message"] == "Wrong email or password"
    r = anon.post("/api/login", {"email": owner["email"], "password": owner["password"]})
    assert r.status == 200
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert r.json["user"]["email"] == owner["email"]
    assert r.json["workspaces"][0]["role"] == "owner"
    session = Client(server.port, cookie=cookie.split(";")[0])
    assert session.get(f"{ws}/contacts?limit=1").status == 200
    assert session.get("/api/me").json["user"]["email"] == owner["email"]
    r = session.post("/api/logout")
    assert r.status == 200 and "Max-Age=0" in r.headers["set-cookie"]
    assert session.get(f"{ws}/contacts?limit=1").status == 401


def test_login_is_rate_limited(server):
    anon = server.anon()
    statuses = [anon.post("/api/login", {"email": "victim@x.example",
                                         "password": "guess-%d" % i}).status
                for i in range(12)]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429
    r = anon.post("/api/login", {"email": "victim@x.example", "password": "again123"})
    assert r.status == 429 and int(r.headers["retry-after"]) >= 1


def test_login_validates_its_body(server):
    anon = server.anon()
    assert anon.post("/api/login", {"email": "a@b.c"}).status == 422
    assert anon.post("/api/login", {"email": "a@b.c", "password": "x",
                                    "remember": True}).status == 400


def test_tokens_create_list_revoke(server, ws):
    owner = server.client("owner")
    r = owner.post("/api/tokens", {"name": "ci"})
    assert r.status == 201 and r.json["token"].startswith("agd_")
    token, tid = r.json["token"], r.json["id"]
    listed = owner.get("/api/tokens").json["data"]
    assert any(t["id"] == tid and t["prefix"] == token[:8] for t in listed)
    assert token not in owner.get("/api/tokens").raw.decode()
    c = Client(server.port, token=token)
    assert c.get(f"{ws}/contacts?limit=1").status == 200
    # Someone else's token cannot be revoked by me.
    assert server.client("viewer").delete(f"/api/tokens/{tid}").status == 404
    assert owner.delete(f"/api/tokens/{tid}").status == 200
    assert c.get(f"{ws}/contacts?limit=1").status == 401


def test_secrets_never_logged(server, ws):
    owner = server.client("owner")
    r = owner.post(f"{ws}/connections", {
        "type": "smtp", "name": "log-check",
        "config": {"host": "mail.example.com", "from": "a@example.com"},
        "credentials": {"password": "hunter2-secret"}})
    assert r.status == 201, r
    log = server.log()
    for u in server.demo["users"]:
        assert u["token"] not in log
        assert u["password"] not in log
    assert "hunter2-secret" not in log
    # The database holds hashes and sealed secrets only.
    raw = open(server.db, "rb").read()
    assert b"hunter2-secret" not in raw
    for u in server.demo["users"]:
        assert u["token"].encode() not in raw
        assert u["password"].encode() not in raw


def test_access_log_is_one_json_line_per_request(server, ws):
    import json
    server.client("viewer").get(f"{ws}/contacts?limit=1&title__contains=x")
    lines = [json.loads(l) for l in server.log().splitlines() if l.startswith("{")]
    reqs = [l for l in lines if l["event"] == "http.request"]
    assert reqs and all({"ts", "level", "method", "path", "status", "ms"} <= set(l)
                        for l in reqs)
    # Paths are logged without the query string.
    assert all("?" not in l["path"] for l in reqs)
