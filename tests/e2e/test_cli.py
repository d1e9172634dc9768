"""The command line: help, version, migrate, seed-demo, bad flags, and a
clean shutdown on SIGTERM/SIGINT."""
import json
import os
import signal
import sqlite3
import tempfile
import threading

from agentd import Client, Server, run_cli


def test_help_and_version():
    r = run_cli("--help")
    assert r.returncode == 0 and "serve" in r.stdout and "AGENTD_DB" in r.stdout
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.startswith("agentd ")
    r = run_cli("serve", "--help")
    assert r.returncode == 0


def test_bad_usage_exits_nonzero_with_a_message():
    for args, words in [((), "usage"), (("fly",), "unknown command"),
                        (("serve", "--port", "70000"), "--port"),
                        (("serve", "--log-level", "loud"), "log level"),
                        (("migrate", "extra"), "unexpected argument")]:
        r = run_cli(*args)
        assert r.returncode != 0, args
        assert words in r.stderr, (args, r.stderr)


def test_migrate_and_seed(tmp_path):
    db = str(tmp_path / "x.db")
    r = run_cli("migrate", "--db", db)
    assert r.returncode == 0 and "schema version" in r.stdout
    r = run_cli("seed-demo", "--db", db, "--json")
    assert r.returncode == 0
    demo = json.loads(r.stdout)
    assert [u["role"] for u in demo["users"]] == ["owner", "admin", "member", "viewer"]
    r = run_cli("seed-demo", "--db", db)
    assert r.returncode != 0 and "already exists" in r.stderr
    con = sqlite3.connect(db)
    counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0]
              for t in ("contacts", "companies", "deals", "email_templates",
                        "agents", "custom_field_defs")}
    assert counts == {"contacts": 200, "companies": 40, "deals": 30,
                      "email_templates": 6, "agents": 5, "custom_field_defs": 4}
    stages = {r[0] for r in con.execute("select distinct stage from deals")}
    assert stages == {"Lead", "Qualified", "Proposal", "Negotiation",
                      "Closed Won", "Closed Lost"}
    assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
    with_li = con.execute("select count(*) from contacts where linkedin_url "
                          "is not null").fetchone()[0]
    assert 100 < with_li < 200


def test_environment_settings(tmp_path):
    db = str(tmp_path / "env.db")
    r = run_cli("migrate", env={"AGENTD_DB": db})
    assert r.returncode == 0 and os.path.exists(db)
    assert os.path.exists(str(tmp_path / "agentd.key"))
    assert oct(os.stat(str(tmp_path / "agentd.key")).st_mode & 0o777) == "0o600"
    r = run_cli("serve", env={"AGENTD_PORT": "eighty"})
    assert r.returncode != 0 and "AGENTD_PORT" in r.stderr
    s = Server(seed=False, env={"AGENTD_LOG_LEVEL": "warn"})
    try:
        assert s.anon().get("/healthz").status == 200
    finally:
        assert s.stop() == 0
    assert "http.request" not in s.log()


def test_sigterm_lets_requests_in_flight_finish():
    s = Server(seed=True)
    owner = s.user("owner")
    results = []

    def login():
        # argon2id makes a sign-in take tens of milliseconds.
        c = Client(s.port)
        results.append(c.post("/api/login", {"email": owner["email"],
                                             "password": owner["password"]}).status)

    t = threading.Thread(target=login)
    t.start()
    import time
    time.sleep(0.01)
    status = s.stop(signal.SIGTERM)
    t.join()
    assert status == 0
    assert results == [200]
    assert '"server.stopped"' in s.log()


def test_sigint_stops_cleanly_and_data_survives():
    s = Server(seed=True)
    c = s.client("owner")
    cid = c.post(f"/api/workspaces/{s.ws}/contacts", {"firstName": "Kept"}).json["id"]
    assert s.stop(signal.SIGINT) == 0
    s.start()
    assert s.client("owner").get(f"/api/workspaces/{s.ws}/contacts/{cid}").json["firstName"] == "Kept"
    assert s.stop() == 0
