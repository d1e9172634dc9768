"""Integration actions against real protocol peers on loopback: a real SMTP
server (aiosmtpd), and local HTTP servers that implement the documented
request and answer shapes of the Gmail API, Resend, LinkedIn's
Invitations API, Apollo's people/match, Brave Search and Slack (the real
services cannot be reached from the test machines). Every user-facing
message of the stories is shown here."""
import base64
import email
import email.policy
import json
import re
import time
import urllib.parse

import pytest

from agentd import Server, wait_for
from fakes import FakeServer
from runs import (execution, make_agent, notifications, run, run_and_wait,
                  run_completed, step, steps, token, wait_exec)
from agentd import run_cli
from smtp import SmtpServer, make_ca

# The loopback SMTP server takes AUTH without TLS on purpose.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture(scope="module")
def server():
    s = Server(env={"AGENTD_HTTP_ALLOW_HOSTS": "127.0.0.1,localhost",
                    "AGENTD_RUNS_PER_MINUTE": "1000"})
    yield s
    assert s.stop() == 0, s.log()[-4000:]


@pytest.fixture(scope="module")
def owner(server):
    return server.client("owner")


def new_ws(owner):
    """A fresh workspace (no connections) owned by the demo owner."""
    r = owner.post("/api/workspaces", {"name": "Integrations " + token()})
    assert r.status == 201, r
    return f"/api/workspaces/{r.json['id']}"


def person(owner, ws, first="John", last="Doe", company=None, **extra):
    body = {"firstName": first, "lastName": last,
            "email": f"{first.lower()}.{token()}@example.com"}
    if company:
        co = owner.post(f"{ws}/companies", {"name": company}).json
        body["companyId"] = co["id"]
    body.update(extra)
    r = owner.post(f"{ws}/contacts", body)
    assert r.status == 201, r
    return r.json


def connect(owner, ws, type_, config=None, credentials=None, name=None):
    body = {"type": type_, "name": name or f"{type_} {token()}",
            "config": config or {}}
    if credentials is not None:
        body["credentials"] = credentials
    r = owner.post(f"{ws}/connections", body)
    assert r.status == 201, r
    return r.json


def find_ids(ids):
    return step("search_contacts",
                where={"field": "contact.id", "operator": "==",
                       "value": ids[0]} if len(ids) == 1 else
                {"or": [{"field": "contact.id", "operator": "==",
                         "value": i} for i in ids]})


# ---- e-mail: SMTP ------------------------------------------------------------

def plain_smtp(owner, ws, smtp, sender):
    """An SMTP connection to the local test server, without TLS or login."""
    return connect(owner, ws, "smtp", {"host": "127.0.0.1", "port": smtp.port,
                                       "security": "none", "from": sender})


def mailing_agent(owner, ws, smtp, n, last_name, subject, **restrictions):
    """An agent that e-mails n new contacts named last_name through the
    local SMTP server."""
    plain_smtp(owner, ws, smtp, "sales@example.com")
    people = [person(owner, ws, "P%d" % i, last_name) for i in range(n)]
    return make_agent(owner, ws, steps(
        find_ids([p["id"] for p in people]),
        step("send_email", subject=subject, body="Hello")),
        **({"restrictions": restrictions} if restrictions else {}))


def test_smtp_template_variables_activity_and_count(owner):
    ws = new_ws(owner)
    smtp = SmtpServer(user="agent", password="s3cret")
    try:
        connect(owner, ws, "smtp",
                {"host": "127.0.0.1", "port": smtp.port, "security": "none",
                 "username": "agent", "from": "sales@example.com",
                 "fromName": "Sales Team"}, "s3cret")
        owner.post(f"{ws}/email-templates", {
            "name": "Outbound v2",
            "subject": "Hi @contact.firstName, question about @company.name",
            "body": "Hello @contact.firstName,\n\nHow is @company.name doing?"
                    "\n\nÀ bientôt\n@user.name (@user.email)"})
        john = person(owner, ws, "John", "Doe", company="Acme Corp")
        a = make_agent(owner, ws, steps(find_ids([john["id"]]),
                                        step("send_email",
                                             template="Outbound v2")))
        x = run_and_wait(owner, ws, a["id"])
        assert x["status"] == "completed", x["error"]
        # The params as run: the first e-mail's words; no recipient was
        # named, so none is shown (not a null).
        ran = x["steps"][1]["params"]
        assert ran["template"] == "Outbound v2" and "to" not in ran, ran
        assert ran["subject"] == "Hi John, question about Acme Corp"
        msgs = smtp.wait(1)
        m = msgs[0]["msg"]
        assert m["Subject"] == "Hi John, question about Acme Corp"
        assert msgs[0]["to"] == [john["email"]]
        assert msgs[0]["from"] == "sales@example.com"
        body = m.get_content()
        assert "Hello John," in body and "How is Acme Corp doing?" in body
        assert "À bientôt" in body
        # @user.name and @user.email: the agent's creator, who signs
        me = [m for m in owner.get(f"{ws}/members").json["data"]
              if m["role"] == "owner"][0]
        assert f"\n{me['name']} ({me['email']})" in body, body
        assert x["steps"][1]["warnings"] == [], x["steps"][1]
        assert m["Message-ID"].startswith("<agentd.")
        assert smtp.logins == [True]
        # On record: the activity, the count, the summary.
        acts = owner.get(f"{ws}/activities?contactId={john['id']}").json[
            "data"]
        assert any(act["message"] == "Email sent to John Doe" for act in acts)
        assert owner.get(f"{ws}/contacts/{john['id']}").json[
            "lastContactedAt"] is not None
        assert x["counts"]["emailsSent"] == 1
        assert x["summary"] == "Processed 1 contact, sent 1 email"
        usage = owner.get(f"{ws}/usage").json["data"]
        assert any(u["key"] == f"email:agent:{a['id']}" and u["count"] == 1
                   for u in usage)
    finally:
        smtp.stop()


def test_template_reads_an_earlier_steps_output(owner):
    """A run keeps only the step outputs its plan names (docs/runs.md);
    a template is not in the plan, so a plan that sends one keeps them
    all, and the template's @steps.N.output reads the earlier step."""
    ws = new_ws(owner)
    smtp = SmtpServer()
    try:
        connect(owner, ws, "smtp",
                {"host": "127.0.0.1", "port": smtp.port, "security": "none",
                 "from": "sales@example.com"})
        name = f"Scored {token()}"
        assert owner.post(f"{ws}/email-templates", {
            "name": name, "subject": "Your score",
            "body": "Hello @contact.firstName, you scored "
                    "@steps.1.output.value."}).status == 201
        ann = person(owner, ws, "Ann", "Lee")
        a = make_agent(owner, ws, steps(
            step("remember", key="score", value="42"),
            step("remember", key="other", value="7"),
            find_ids([ann["id"]]),
            step("send_email", template=name)))
        x = run_and_wait(owner, ws, a["id"])
        assert x["status"] == "completed", x["error"]
        body = smtp.wait(1)[0]["msg"].get_content()
        assert "Hello Ann, you scored 42." in body
    finally:
        smtp.stop()


def test_email_to_a_member_by_handle(owner):
    """'Email @user.boss with subject ... and body ...': the member's
    address (`@user.boss.email`), once when no contacts are in scope."""
    ws = new_ws(owner)
    h = "boss" + token()
    assert owner.post(f"{ws}/members", {"email": f"{h}@x.example",
                                        "role": "member",
                                        "handle": h}).status == 201
    smtp = SmtpServer()
    try:
        plain_smtp(owner, ws, smtp, "sales@example.com")
        a = make_agent(owner, ws, instructions=(
            f'Email @user.{h} with subject "Weekly report" and body '
            f'"All done".'))
        assert a["plan"]["steps"][0]["params"]["to"] == f"@user.{h}.email"
        x = run_and_wait(owner, ws, a["id"])
        assert x["status"] == "completed", x["error"]
        msgs = smtp.wait(1)
        assert [m["to"] for m in msgs] == [[f"{h}@x.example"]]
        assert msgs[0]["msg"]["Subject"] == "Weekly report"
    finally:
        smtp.stop()


def test_smtp_over_tls_checks_the_certificate(tmp_path):
    """STARTTLS and SMTPS against aiosmtpd with a certificate of our own
    CA: delivered when the operator names the CA (AGENTD_CA_FILE), refused
    with a clear message when agentd has only the system's CAs, and a
    server without STARTTLS is never sent to in clear."""
    ca, cert, key = make_ca(str(tmp_path))
    starttls = SmtpServer(user="agent", password="pw", tls="starttls",
                          cert=(cert, key))
    smtps = SmtpServer(user="agent", password="pw", tls="implicit",
                       cert=(cert, key))
    clear = SmtpServer()
    base = {"AGENTD_HTTP_ALLOW_HOSTS": "localhost",
            "AGENTD_RUNS_PER_MINUTE": "1000"}
    trusting = Server(env=dict(base, AGENTD_CA_FILE=ca))
    system_only = Server(env=base)

    def send(srv, security, port):
        owner = srv.client("owner")
        ws = new_ws(owner)
        connect(owner, ws, "smtp",
                {"host": "localhost", "port": port, "security": security,
                 "username": "agent", "from": "sales@example.com"}, "pw")
        c = person(owner, ws, "Tia")
        a = make_agent(owner, ws, steps(
            find_ids([c["id"]]),
            step("send_email", subject="Hello @contact.firstName",
                 body="Over TLS")))
        return run_and_wait(owner, ws, a["id"], timeout=60), c
    try:
        for mail, security in ((starttls, "starttls"), (smtps, "tls")):
            x, c = send(trusting, security, mail.port)
            assert x["status"] == "completed", (security, x["error"])
            got = mail.wait(1)
            assert got[-1]["tls"] is True and got[-1]["to"] == [c["email"]]
            assert got[-1]["msg"]["Subject"] == "Hello Tia"
            x, _ = send(system_only, security, mail.port)
            assert x["status"] == "failed", (security, x)
            assert x["error"]["message"].startswith(
                "The TLS certificate of the SMTP server could not be "
                "verified"), x["error"]
            assert "AGENTD_CA_FILE" in x["error"]["message"]
            assert len(mail.messages) == 1
        x, _ = send(trusting, "starttls", clear.port)
        assert x["status"] == "failed"
        assert x["error"]["message"].startswith(
            "STARTTLS is not offered by the SMTP server"), x["error"]
        assert clear.messages == []
    finally:
        trusting.stop()
        system_only.stop()
        for m in (starttls, smtps, clear):
            m.stop()
    r = run_cli("serve", "--port", "0", env={"AGENTD_CA_FILE": str(
        tmp_path / "missing.pem"), "AGENTD_DB": str(tmp_path / "x.db")})
    assert r.returncode != 0
    assert "AGENTD_CA_FILE: cannot read" in r.stderr


def test_no_email_connection(owner):
    ws = new_ws(owner)
    john = person(owner, ws)
    a = make_agent(owner, ws, steps(find_ids([john["id"]]),
                                    step("send_email", subject="s",
                                         body="b")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "failed"
    assert x["error"]["message"] == "Gmail integration not connected"
    assert any("Gmail integration not connected" in n["message"] and
               n["type"] == "connect_email"
               for n in notifications(owner, ws))


def test_invalid_address_fails_before_sending(owner):
    ws = new_ws(owner)
    connect(owner, ws, "outbox")
    a = make_agent(owner, ws, steps(step("send_email", to="bob@@example",
                                         subject="s", body="b")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "failed"
    assert x["error"]["message"] == "Invalid email address: bob@@example"
    assert owner.get(f"{ws}/outbox").json["data"] == []


def test_daily_email_limit_pauses_the_agent(owner):
    ws = new_ws(owner)
    connect(owner, ws, "outbox", {"from": "a@example.com"})
    word = token()
    for i in range(101):
        owner.post(f"{ws}/contacts", {"firstName": f"L{i}",
                                      "email": f"l{i}.{word}@example.com",
                                      "title": word})
    a = make_agent(owner, ws, steps(
        step("search_contacts", where={"field": "contact.title",
                                       "operator": "contains",
                                       "value": word}),
        step("send_email", subject="Hi @contact.firstName", body="b")))
    x = run_and_wait(owner, ws, a["id"], timeout=60)
    assert x["status"] == "failed"
    assert x["error"]["message"] == "Email limit reached (100/day)"
    out = x["steps"][1]["output"]
    assert out["sent"] == 100 and out["notSent"] == 1
    page = owner.get(f"{ws}/outbox?limit=200").json["data"]
    assert len(page) == 100
    assert owner.get(f"{ws}/agents/{a['id']}").json["status"] == "paused"
    assert any(n["message"] == "Email limit reached (100/day)"
               for n in notifications(owner, ws))


def test_refused_recipient_is_reported(owner):
    ws = new_ws(owner)
    smtp = SmtpServer()
    try:
        plain_smtp(owner, ws, smtp, "s@example.com")
        john = person(owner, ws)
        smtp.reject.add(john["email"])
        a = make_agent(owner, ws, steps(find_ids([john["id"]]),
                                        step("send_email", subject="s",
                                             body="b")))
        x = run_and_wait(owner, ws, a["id"])
        assert x["status"] == "failed"
        assert x["error"]["message"].startswith(
            f"Invalid email address: {john['email']}")
    finally:
        smtp.stop()


def test_no_duplicate_email_after_kill(tmp_path):
    """kill -9 while the SMTP server is slowly accepting five e-mails:
    after the restart the run ends, no contact got two, and only the
    e-mail under way at the kill is in doubt: the ones sent before it are
    on record as sent, the ones not started yet go out after the
    restart."""
    smtp = SmtpServer(delay=0.4)
    s = Server(env={"AGENTD_HTTP_ALLOW_HOSTS": "127.0.0.1",
                    "AGENTD_LEASE_MS": "1000"})
    try:
        owner = s.client("owner")
        ws = new_ws(owner)
        plain_smtp(owner, ws, smtp, "s@example.com")
        ids = [person(owner, ws, f"P{i}")["id"] for i in range(5)]
        # A quota of exactly five: the ones not started at the kill give
        # back what they took, or they would be over it after the restart.
        a = make_agent(owner, ws, steps(find_ids(ids),
                                        step("send_email", subject="hi",
                                             body="b")),
                       restrictions={"maxEmailsPerDay": 5})
        eid = run(owner, ws, a["id"]).json["executionId"]
        smtp.wait(2)
        s.kill()
        s.start()
        owner = s.client("owner")
        x = wait_exec(owner, ws, eid, timeout=30)
        time.sleep(1.0)
        delivered = [m["to"][0] for m in smtp.messages]
        assert len(delivered) == len(set(delivered)), delivered
        out = x["steps"][-1]["output"]
        uncertain = [w for w in x["steps"][-1]["warnings"]
                     if "outcome is unknown" in w]
        assert out["sent"] + len(uncertain) == 5, (out, x["steps"][-1])
        assert len(uncertain) <= 1, x["steps"][-1]
        assert out["sent"] <= len(delivered) <= out["sent"] + len(uncertain)
        usage = owner.get(f"{ws}/usage").json["data"]
        assert [u["count"] for u in usage
                if u["key"] == f"email:agent:{a['id']}"] == [5], usage
    finally:
        s.stop()
        smtp.stop()


# ---- e-mail: Gmail API and Resend ----------------------------------------------

# What a call that must not happen twice says when the server hung up
# after its request went out.
HUNG_UP = ("The connection was lost after the request went out (Server "
           "returned nothing (no headers, no data)); not sent again, as the "
           "server may have acted on it: check there before calling it "
           "again")


class Gmail:
    """users.messages.send and Google's token endpoint."""

    def __init__(self):
        self.mode = "ok"
        self.refresh_ok = True
        self.sent = []
        self.fake = FakeServer(self.handle)
        self.url = self.fake.url

    def handle(self, req):
        if req["path"] == "/token":
            form = urllib.parse.parse_qs(req["body"].decode())
            assert form["grant_type"] == ["refresh_token"]
            if self.refresh_ok:
                return 200, {}, {"access_token": "fresh", "expires_in": 3599,
                                 "token_type": "Bearer"}
            return 400, {}, {"error": "invalid_grant"}
        assert req["path"] == "/gmail/v1/users/me/messages/send"
        auth = req["headers"].get("authorization", "")
        if self.mode == "429":
            return 429, {"Retry-After": "0"}, {"error": {
                "code": 429, "message": "Rate Limit Exceeded"}}
        if self.mode == "hangup":
            return None
        if self.mode == "expired" and auth != "Bearer fresh":
            return 401, {}, {"error": {"code": 401, "status":
                                       "UNAUTHENTICATED"}}
        raw = base64.urlsafe_b64decode(req["json"]["raw"] + "==")
        self.sent.append(email.message_from_bytes(
            raw, policy=email.policy.default))
        return 200, {}, {"id": "18c1", "threadId": "18c1",
                         "labelIds": ["SENT"]}


def gmail_connection(owner, ws, g):
    return connect(owner, ws, "gmail",
                   {"from": "me@example.com", "baseUrl": g.url,
                    "tokenUrl": g.url + "/token", "clientId": "cid"},
                   {"accessToken": "old", "refreshToken": "r1",
                    "clientSecret": "cs"})


def test_gmail_sends_and_refreshes_an_expired_token(owner):
    ws = new_ws(owner)
    g = Gmail()
    g.mode = "expired"
    conn = gmail_connection(owner, ws, g)
    john = person(owner, ws, company="Acme Corp")
    a = make_agent(owner, ws, steps(find_ids([john["id"]]), step(
        "send_email", subject="Hi @contact.firstName from @company.name",
        body="Body")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert g.sent[0]["Subject"] == "Hi John from Acme Corp"
    assert x["steps"][1]["output"]["transport"] == "gmail"
    # The refreshed token was kept: the next run uses it at once.
    n = len(g.fake.requests)
    run_and_wait(owner, ws, a["id"])
    assert [r["path"] for r in g.fake.requests[n:]] == [
        "/gmail/v1/users/me/messages/send"]
    assert owner.get(f"{ws}/connections/{conn['id']}").json[
        "status"] == "connected"
    g.fake.close()


def gmail_run(owner, mode, *more):
    """One e-mail to one new contact through a Gmail that answers as
    `mode`, then the steps `more`: the fake, the contact and the run."""
    ws = new_ws(owner)
    g = Gmail()
    g.mode = mode
    gmail_connection(owner, ws, g)
    john = person(owner, ws)
    a = make_agent(owner, ws, steps(find_ids([john["id"]]),
                                    step("send_email", subject="s",
                                         body="b"), *more))
    return g, john, run_and_wait(owner, ws, a["id"], timeout=30)


def gmail_sends(g):
    return [r for r in g.fake.requests if "messages/send" in r["path"]]


def test_gmail_rate_limit_after_three_attempts(owner):
    g, _, x = gmail_run(owner, "429")
    assert x["status"] == "failed"
    assert x["error"]["message"] == "Gmail rate limit exceeded"
    assert len(gmail_sends(g)) == 3
    g.fake.close()


def test_gmail_send_without_an_answer_is_not_sent_again(owner):
    """Gmail took the request and hung up: the e-mail may have gone, so it
    is uncertain (a warning, never sent again) and the run goes on."""
    g, john, x = gmail_run(owner, "hangup", step("add_tag", tags=["mailed"]))
    assert x["status"] == "completed", x["error"]
    s2 = x["steps"][1]
    assert s2["status"] == "warning"
    assert (s2["output"]["sent"], s2["output"]["uncertain"]) == (0, 1)
    assert s2["output"]["emails"][0]["status"] == "uncertain"
    assert s2["warnings"] == ["Email to %s: %s" % (john["email"], HUNG_UP)], \
        s2["warnings"]
    assert len(gmail_sends(g)) == 1
    assert x["steps"][2]["status"] == "success"
    g.fake.close()


def test_gmail_disconnected_when_refresh_fails(owner):
    ws = new_ws(owner)
    g = Gmail()
    g.mode = "expired"
    g.refresh_ok = False
    conn = gmail_connection(owner, ws, g)
    john = person(owner, ws)
    a = make_agent(owner, ws, steps(find_ids([john["id"]]),
                                    step("send_email", subject="s",
                                         body="b")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "failed"
    assert x["error"]["message"] == ("Gmail integration disconnected. "
                                     "Reconnect to continue.")
    c = owner.get(f"{ws}/connections/{conn['id']}").json
    assert c["status"] == "disconnected" and c["lastError"]
    g.fake.close()


def test_resend_gets_the_idempotency_key(owner):
    ws = new_ws(owner)
    got = []

    def handle(req):
        got.append(req)
        return 200, {}, {"id": "re_" + token()}
    fake = FakeServer(handle)
    connect(owner, ws, "resend", {"from": "hi@example.com",
                                  "baseUrl": fake.url}, "re_test_key")
    john = person(owner, ws)
    a = make_agent(owner, ws, steps(find_ids([john["id"]]),
                                    step("send_email", subject="Hello",
                                         body="b")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    r = got[0]
    assert r["path"] == "/emails"
    assert r["headers"]["authorization"] == "Bearer re_test_key"
    assert r["headers"]["idempotency-key"].startswith(f"{x['id']}:2:")
    assert r["json"]["to"] == [john["email"]]
    assert r["json"]["subject"] == "Hello"
    fake.close()


# ---- LinkedIn ------------------------------------------------------------------

class LinkedIn:
    def __init__(self):
        self.mode = "ok"
        self.invites = []
        self.fake = FakeServer(self.handle)
        self.url = self.fake.url

    def handle(self, req):
        if req["path"] == "/oauth/token":
            if self.mode == "expired-refresh-ok":
                return 200, {}, {"access_token": "fresh", "expires_in": 5184000}
            return 400, {}, {"error": "invalid_grant"}
        assert req["path"] == "/v2/invitations"
        auth = req["headers"]["authorization"]
        if self.mode.startswith("expired") and auth != "Bearer fresh":
            return 401, {}, {"serviceErrorCode": 65600, "status": 401,
                             "message": "Invalid access token"}
        if self.mode == "down":
            return 502, {}, {"message": "Bad Gateway"}
        if self.mode == "hangup":
            return None
        self.invites.append(req["json"])
        return 201, {"x-linkedin-id": f"urn:li:invitation:{len(self.invites)}"}, ""


def linkedin_connection(owner, ws, li):
    return connect(owner, ws, "linkedin",
                   {"baseUrl": li.url, "tokenUrl": li.url + "/oauth/token",
                    "clientId": "cid"},
                   {"accessToken": "t1", "refreshToken": "r1",
                    "clientSecret": "cs"})


def test_linkedin_note_and_skip_without_url(owner):
    ws = new_ws(owner)
    li = LinkedIn()
    linkedin_connection(owner, ws, li)
    john = person(owner, ws, "John", "Doe",
                  linkedinUrl="https://www.linkedin.com/in/john-doe/")
    mary = person(owner, ws, "Mary", "Major")
    a = make_agent(owner, ws, steps(
        find_ids([john["id"], mary["id"]]),
        step("linkedin_invite", note="Hi @contact.firstName, let's connect")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert li.invites == [{
        "invitee": "urn:li:person:john-doe",
        "message": {"com.linkedin.invitations.InvitationMessage": {
            "body": "Hi John, let's connect"}}}]
    st = x["steps"][1]
    assert "Contact Mary Major does not have LinkedIn URL. Skipping." in st[
        "warnings"]
    assert x["counts"]["invitesSent"] == 1
    acts = owner.get(f"{ws}/activities?contactId={john['id']}").json["data"]
    assert any(a_["message"] == "LinkedIn invitation sent to John Doe"
               for a_ in acts)
    # Reached: John's lastContactedAt is set; Mary (skipped) has none.
    assert owner.get(f"{ws}/contacts/{john['id']}").json["lastContactedAt"]
    assert owner.get(f"{ws}/contacts/{mary['id']}").json[
        "lastContactedAt"] is None
    li.fake.close()


def test_an_invitation_is_not_retried_once_it_may_have_gone(owner):
    """An invitation must not go twice: a 5xx or a connection lost after
    the request went out ends the call after one try (a lookup, which may
    be repeated, is tried three times on a lost connection). A 5xx is an
    answer: the step fails. A lost connection leaves the invitation
    uncertain: a warning, and the run goes on."""
    ws = new_ws(owner)
    li = LinkedIn()
    linkedin_connection(owner, ws, li)
    john = person(owner, ws, "John", "Doe",
                  linkedinUrl="https://www.linkedin.com/in/john-doe/")
    a = make_agent(owner, ws, steps(find_ids([john["id"]]),
                                    step("linkedin_invite", note="Hi")))
    ap, b = enricher(owner, ws, [john["id"]], "hangup")
    try:
        li.mode = "down"
        n = len(li.fake.requests)
        x = run_and_wait(owner, ws, a["id"])
        assert x["status"] == "failed", x
        assert len(li.fake.requests) == n + 1
        assert x["error"]["message"] == "LinkedIn answered 502 (Bad " \
                                        "Gateway)", x["error"]
        li.mode = "hangup"
        n = len(li.fake.requests)
        x = run_and_wait(owner, ws, a["id"])
        assert x["status"] == "completed", x["error"]
        assert len(li.fake.requests) == n + 1
        s2 = x["steps"][1]
        assert s2["status"] == "warning", s2
        assert s2["output"]["sent"] == 0 and s2["output"]["uncertain"] == 1
        assert s2["warnings"] == ["Invitation to John Doe: " + HUNG_UP], \
            s2["warnings"]
        x = run_and_wait(owner, ws, b["id"], timeout=30)
        assert x["status"] == "failed", x
        assert len(ap.fake.requests) == 3, ap.fake.requests
    finally:
        li.fake.close()
        ap.fake.close()


def test_linkedin_expired_credentials(owner):
    ws = new_ws(owner)
    li = LinkedIn()
    li.mode = "expired-refresh-ok"
    linkedin_connection(owner, ws, li)
    john = person(owner, ws, linkedinUrl="https://www.linkedin.com/in/jd")
    a = make_agent(owner, ws, steps(find_ids([john["id"]]),
                                    step("linkedin_invite", note="Hi")))
    assert run_and_wait(owner, ws, a["id"])["status"] == "completed"
    assert len(li.invites) == 1
    # Refused for good: disconnected, the creator is told.
    ws2 = new_ws(owner)
    li2 = LinkedIn()
    li2.mode = "expired-refresh-fails"
    conn = linkedin_connection(owner, ws2, li2)
    jane = person(owner, ws2, "Jane",
                  linkedinUrl="https://www.linkedin.com/in/jane")
    b = make_agent(owner, ws2, steps(find_ids([jane["id"]]),
                                     step("linkedin_invite", note="Hi")))
    x = run_and_wait(owner, ws2, b["id"])
    assert x["status"] == "failed"
    msg = "LinkedIn integration disconnected. Reconnect to continue."
    assert x["error"]["message"] == msg
    assert any(n["message"] == msg for n in notifications(owner, ws2))
    assert owner.get(f"{ws2}/connections/{conn['id']}").json[
        "status"] == "disconnected"
    li.fake.close()
    li2.fake.close()


def test_linkedin_daily_limit_pauses_and_resumes_next_day():
    # 23:55 UTC, 100x: the next day starts 3 s after the server does.
    s = Server(env={"AGENTD_HTTP_ALLOW_HOSTS": "127.0.0.1",
                    "AGENTD_TIME_SCALE": "100",
                    "AGENTD_TIME_START": "2026-11-30T23:55:00Z",
                    "AGENTD_RUNS_PER_MINUTE": "1000"})
    li = LinkedIn()
    try:
        owner = s.client("owner")
        ws = new_ws(owner)
        linkedin_connection(owner, ws, li)
        word = token()
        for i in range(101):
            owner.post(f"{ws}/contacts", {
                "firstName": f"N{i}", "title": word,
                "email": f"n{i}.{word}@example.com",
                "linkedinUrl": f"https://www.linkedin.com/in/{word}-{i}"})
        a = make_agent(owner, ws, steps(
            step("search_contacts", where={"field": "contact.title",
                                           "operator": "contains",
                                           "value": word}),
            step("linkedin_invite", note="Hi @contact.firstName")))
        eid = run(owner, ws, a["id"]).json["executionId"]
        x = wait_exec(owner, ws, eid, ("waiting",), timeout=30)
        assert x["waitKind"] == "quota"
        assert len(li.invites) == 100
        assert "LinkedIn daily limit reached (100 invitations/day)" in x[
            "message"]
        assert owner.get(f"{ws}/agents/{a['id']}").json["status"] == "paused"
        assert any(n["message"] == "LinkedIn daily limit reached (100 "
                   "invitations/day)" for n in notifications(owner, ws))
        # The next day the rest goes, each invitation once.
        x = wait_exec(owner, ws, eid, timeout=30)
        assert x["status"] == "completed", x["error"]
        assert len(li.invites) == 101
        invitees = [i["invitee"] for i in li.invites]
        assert len(set(invitees)) == 101
    finally:
        s.stop()
        li.fake.close()


# ---- web search ------------------------------------------------------------------

class Brave:
    def __init__(self):
        self.mode = "results"
        self.queries = []
        self.fake = FakeServer(self.handle)
        self.url = self.fake.url

    def handle(self, req):
        u = urllib.parse.urlparse(req["path"])
        assert u.path == "/res/v1/web/search"
        q = urllib.parse.parse_qs(u.query)
        self.queries.append(q["q"][0])
        assert req["headers"]["x-subscription-token"] == "brave-key"
        if self.mode == "429":
            return 429, {"Retry-After": "0"}, {"type": "ErrorResponse"}
        if self.mode == "slow":
            time.sleep(1.5)
        if self.mode == "empty":
            return 200, {}, {"type": "search", "web": {"results": []}}
        n = int(q["count"][0])
        return 200, {}, {"type": "search", "web": {"results": [
            {"title": f"Result {i} for {q['q'][0]}",
             "url": f"https://news.example/{i}",
             "description": f"Snippet {i}"} for i in range(n)]}}


def search_ws(owner, b, timeout_ms=None):
    ws = new_ws(owner)
    cfg = {"baseUrl": b.url}
    if timeout_ms:
        cfg["timeoutMs"] = timeout_ms
    connect(owner, ws, "web_search", cfg, "brave-key")
    return ws


def test_web_search_results_for_later_steps_and_credits(owner):
    b = Brave()
    ws = search_ws(owner, b)
    john = person(owner, ws, company='Acme Corp')
    a = make_agent(owner, ws, steps(
        find_ids([john["id"]]),
        step("web_search", query="Search for @company.name's \"CEO\" "
                                  "profile {now}", limit=3),
        step("remember", key="first", value="I saw @search.results[0].title"),
        step("remember", key="n", value="@search.count")))
    credits = owner.get(ws).json["credits"]
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert b.queries == ["Search for Acme Corp's CEO profile now"]
    mem = x["output"]["memory"]
    assert mem["first"] == ("I saw Result 0 for Search for Acme Corp's CEO "
                            "profile now")
    assert mem["n"] == 3
    st = x["steps"][1]["output"]
    assert [r["url"] for r in st["results"]] == [
        "https://news.example/0", "https://news.example/1",
        "https://news.example/2"]
    assert set(st["results"][0]) == {"title", "snippet", "url"}
    # One credit for the run, one for the search.
    assert owner.get(ws).json["credits"] == credits - 2
    b.fake.close()


def test_web_search_once_per_contact_when_the_query_names_one(owner):
    """"Find ... search the web for @company.name funding, and if nothing
    is found tag them cold": one search per contact, each contact's steps
    read its own results, in texts and in conditions."""
    b = Brave()
    ws = search_ws(owner, b)
    acme = person(owner, ws, "Ann", company="Acme")
    globex = person(owner, ws, "Bob", company="Globex")
    quiet = person(owner, ws, "Cy", company="Quietco")
    orig = b.handle

    def handle(req):
        if "Quietco" in req["path"]:
            b.queries.append(urllib.parse.parse_qs(
                urllib.parse.urlparse(req["path"]).query)["q"][0])
            return 200, {}, {"type": "search", "web": {"results": []}}
        return orig(req)
    b.fake.handler = handle
    a = make_agent(owner, ws, steps(
        find_ids([acme["id"], globex["id"], quiet["id"]]),
        step("web_search", query="@company.name funding", limit=2),
        step("if", condition={"field": "search.count", "operator": "==",
                              "value": 0},
             then=[step("add_tag", tags=["cold"])],
             **{"else": [step("create_task",
                              title="Read @search.results[0].title")]})))
    credits = owner.get(ws).json["credits"]
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert sorted(b.queries) == ["Acme funding", "Globex funding",
                                 "Quietco funding"]
    st = x["steps"][1]
    assert st["output"] == {"searched": 3, "withResults": 2, "failed": 0}
    assert st["warnings"] == ['The web search found nothing for '
                              '"Quietco funding"']
    cond = x["steps"][2]["output"]
    assert (cond["matched"], cond["notMatched"]) == (1, 2)
    tasks = owner.get(f"{ws}/tasks?executionId={x['id']}").json["data"]
    assert sorted((t["contactId"], t["title"]) for t in tasks) == sorted([
        (acme["id"], "Read Result 0 for Acme funding"),
        (globex["id"], "Read Result 0 for Globex funding")])
    assert owner.get(f"{ws}/contacts/{quiet['id']}").json["tags"] == ["cold"]
    assert owner.get(f"{ws}/contacts/{acme['id']}").json["tags"] == []
    # One credit for the run, one for each search.
    assert owner.get(ws).json["credits"] == credits - 4
    b.fake.close()


def test_a_later_search_for_the_run_replaces_the_searches_per_contact(owner):
    b = Brave()
    ws = search_ws(owner, b)
    ids = [person(owner, ws, f"P{i}", company=f"Co{i}")["id"]
           for i in range(2)]
    a = make_agent(owner, ws, steps(
        find_ids(ids),
        step("web_search", query="@company.name news", limit=1),
        step("web_search", query="industry news", limit=1),
        step("create_task", title="@contact.firstName: "
                                  "@search.results[0].title")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    tasks = owner.get(f"{ws}/tasks?executionId={x['id']}").json["data"]
    assert sorted(t["title"] for t in tasks) == [
        "P0: Result 0 for industry news", "P1: Result 0 for industry news"]
    b.fake.close()


def test_web_search_per_contact_needs_a_credit_for_each(server, owner):
    b = Brave()
    ws = search_ws(owner, b)
    ids = [person(owner, ws, f"P{i}", company=f"Co{i}")["id"]
           for i in range(3)]
    a = make_agent(owner, ws, steps(
        find_ids(ids), step("web_search", query="@company.name news")))
    # The run's own credit leaves 2, one short of the three searches.
    out = run_cli("credits", ws.rsplit("/", 1)[1], "=3", "--db", server.db)
    assert out.returncode == 0, out.stderr
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "failed"
    assert x["error"]["message"] == ("Not enough credits: 3 web searches "
                                     "cost 3 credits")
    assert b.queries == []
    b.fake.close()


def test_web_search_nothing_found_is_not_an_error(owner):
    b = Brave()
    b.mode = "empty"
    ws = search_ws(owner, b)
    a = make_agent(owner, ws, steps(
        step("web_search", query="nothing at all"),
        step("if", condition={"field": "search.count", "operator": "==",
                              "value": 0},
             then=[step("stop", reason="search found nothing")])))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed"
    assert x["message"] == "Agent stopped: search found nothing"
    assert x["steps"][0]["output"]["results"] == []
    b.fake.close()


def test_if_search_found_nothing_skip_email(owner):
    """The seeds' words: the e-mail after a web search goes only when the
    search found something ("If search found nothing, skip email", said
    after the e-mail step)."""
    b = Brave()
    ws = search_ws(owner, b)
    connect(owner, ws, "outbox", {"from": "a@example.com"})
    john = person(owner, ws, company="Acme Corp")
    text = (f"Find contacts where email contains '{john['email']}'. Search "
            "web for recent news about @company.name and send email with "
            "subject 'Hi' and body 'I saw @search.results[0].title'. If "
            "search found nothing, skip email.")
    a = make_agent(owner, ws, instructions=text)
    x = run_completed(owner, ws, a["id"])
    mail = owner.get(f"{ws}/outbox?executionId={x['id']}").json["data"]
    assert [m["body"] for m in mail] == [
        "I saw Result 0 for recent news about Acme Corp"], mail
    b.mode = "empty"
    y = run_completed(owner, ws, a["id"])
    assert owner.get(f"{ws}/outbox?executionId={y['id']}").json[
        "data"] == []
    b.fake.close()


def test_web_search_unavailable_and_timeout(owner):
    b = Brave()
    b.mode = "429"
    ws = search_ws(owner, b)
    a = make_agent(owner, ws, steps(step("web_search", query="q")))
    x = run_and_wait(owner, ws, a["id"], timeout=30)
    assert x["status"] == "failed"
    assert x["error"]["message"] == "Web search unavailable"
    assert len(b.queries) == 3
    b.fake.close()
    slow = Brave()
    slow.mode = "slow"
    ws = search_ws(owner, slow, timeout_ms=500)
    a = make_agent(owner, ws, steps(step("web_search", query="q")))
    x = run_and_wait(owner, ws, a["id"], timeout=30)
    assert x["status"] == "failed"
    assert x["error"]["message"] == "Web search timed out"
    assert x["steps"][0]["output"]["results"] == []
    assert len(slow.queries) == 1
    slow.fake.close()


# ---- Apollo --------------------------------------------------------------------

class Apollo:
    def __init__(self, people):
        self.people = people
        self.mode = "ok"
        self.delay = 0
        self.fake = FakeServer(self.handle)
        self.url = self.fake.url

    def handle(self, req):
        assert req["path"] == "/api/v1/people/match"
        assert req["headers"]["x-api-key"] == "apollo-key"
        if self.mode == "429":
            return 429, {"Retry-After": "0"}, {"error": "rate limited"}
        if self.mode == "busy":
            return 503, {"Retry-After": "2"}, {"error": "try later"}
        if self.mode == "down":
            return 502, {}, {"error": "no upstream"}
        if self.mode == "hangup":
            return None
        time.sleep(self.delay)
        return 200, {}, {"person": self.people.get(req["json"]["email"])}


def enricher(owner, ws, ids, mode="ok", people=None, **restrictions):
    """A local Apollo answering in `mode`, connected, and an agent that
    enriches the contacts `ids`: (apollo, agent)."""
    ap = Apollo(people or {})
    ap.mode = mode
    connect(owner, ws, "apollo", {"baseUrl": ap.url}, "apollo-key")
    a = make_agent(owner, ws, steps(find_ids(ids), step("enrich_contact")),
                   **({"restrictions": restrictions} if restrictions else {}))
    return ap, a


def test_enrich_fills_fields_and_reports_no_data(owner):
    ws = new_ws(owner)
    john = person(owner, ws, "John", "Doe")
    nobody = person(owner, ws, "Nobody", "Known")
    ap = Apollo({john["email"]: {
        "id": "p1", "first_name": "John", "title": "VP of Sales",
        "linkedin_url": "https://www.linkedin.com/in/johndoe",
        "phone_numbers": [{"sanitized_number": "+15551234567"}],
        "city": "Austin", "country": "United States",
        "organization": {"name": "Initech " + token(),
                         "primary_domain": "initech.example",
                         "industry": "software",
                         "estimated_num_employees": 250}}})
    connect(owner, ws, "apollo", {"baseUrl": ap.url}, "apollo-key")
    a = make_agent(owner, ws, steps(find_ids([john["id"], nobody["id"]]),
                                    step("enrich_contact")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    c = owner.get(f"{ws}/contacts/{john['id']}").json
    assert c["title"] == "VP of Sales" and c["phone"] == "+15551234567"
    assert c["linkedinUrl"] == "https://www.linkedin.com/in/johndoe"
    assert c["city"] == "Austin" and c["companyId"]
    co = owner.get(f"{ws}/companies/{c['companyId']}").json
    assert co["domain"] == "initech.example" and co["size"] == 250
    assert "Enrichment returned no data for Nobody Known" in x["steps"][1][
        "warnings"]
    acts = owner.get(f"{ws}/activities?contactId={john['id']}").json["data"]
    assert any(a_["type"] == "contact_enriched" for a_ in acts)
    usage = owner.get(f"{ws}/usage").json["data"]
    assert any(u["key"] == "apollo" and u["count"] == 2 for u in usage)
    ap.fake.close()


def test_apollo_rate_limit_pauses_the_agent(owner):
    ws = new_ws(owner)
    john = person(owner, ws)
    ap, a = enricher(owner, ws, [john["id"]], "429")
    x = run_and_wait(owner, ws, a["id"], timeout=30)
    assert x["status"] == "failed"
    assert x["error"]["message"] == "Apollo API rate limit exceeded"
    assert owner.get(f"{ws}/agents/{a['id']}").json["status"] == "paused"
    assert any(n["message"] == "Apollo API rate limit exceeded"
               for n in notifications(owner, ws))
    ap.fake.close()


# ---- Slack and HTTP ----------------------------------------------------------------

def test_slack_webhook_and_bot_token(owner):
    got = []

    def handle(req):
        got.append(req)
        if req["path"] == "/api/chat.postMessage":
            assert req["headers"]["authorization"] == "Bearer xoxb-1"
            return 200, {}, {"ok": True, "channel": req["json"]["channel"],
                             "ts": "1700000000.0001"}
        return 200, {"Content-Type": "text/plain"}, "ok"
    fake = FakeServer(handle)
    ws = new_ws(owner)
    connect(owner, ws, "slack", {}, fake.url + "/services/T0/B0/x")
    john = person(owner, ws, company="Acme Corp")
    a = make_agent(owner, ws, steps(
        find_ids([john["id"]]),
        step("slack_message", text="New lead: @contact.firstName at "
                                   "@company.name")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert got[0]["path"] == "/services/T0/B0/x"
    assert got[0]["json"] == {"text": "New lead: John at Acme Corp"}
    ws2 = new_ws(owner)
    connect(owner, ws2, "slack", {"baseUrl": fake.url, "channel": "#sales"},
            {"botToken": "xoxb-1"})
    b = make_agent(owner, ws2, steps(step("slack_message", text="hello")))
    y = run_and_wait(owner, ws2, b["id"])
    assert y["status"] == "completed", y["error"]
    assert got[-1]["json"] == {"channel": "#sales", "text": "hello"}
    assert y["steps"][0]["output"]["ts"] == "1700000000.0001"
    fake.close()


def test_http_request_output_for_later_steps(owner):
    def handle(req):
        if req["path"] == "/json":
            return 200, {"X-Trace": "t-1"}, {"plan": "pro", "seats": 7}
        if req["path"] == "/echo":
            return 201, {}, {"got": req["json"],
                             "auth": req["headers"].get("authorization")}
        if req["path"] == "/big":
            return 200, {"Content-Type": "text/plain"}, "x" * (200 * 1024)
        if req["path"] == "/bad":
            return 200, {"Content-Type": "application/json"}, "{not json"
        return 404, {}, {"error": "nope"}
    fake = FakeServer(handle)
    ws = new_ws(owner)
    john = person(owner, ws)
    a = make_agent(owner, ws, steps(
        find_ids([john["id"]]),
        step("http_request", url=fake.url + "/json"),
        step("http_request", url=fake.url + "/echo", method="POST",
             headers={"Authorization": "Bearer @steps.2.output.body.plan"},
             body={"email": "@contact.email", "seats": 3}),
        step("http_request", url=fake.url + "/big"),
        step("http_request", url=fake.url + "/bad"),
        step("http_request", url=fake.url + "/missing"),
        step("remember", key="seats", value="@steps.2.output.body.seats")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    s = {st["path"]: st for st in x["steps"]}
    assert s["2"]["output"]["status"] == 200
    assert s["2"]["output"]["body"] == {"plan": "pro", "seats": 7}
    assert s["2"]["output"]["headers"]["x-trace"] == "t-1"
    assert s["3"]["output"]["status"] == 201
    assert s["3"]["output"]["body"]["got"] == {"email": john["email"],
                                               "seats": 3}
    # The step log never keeps an Authorization header.
    assert s["3"]["params"]["headers"]["Authorization"] == "[redacted]"
    assert s["4"]["output"]["truncated"] is True
    assert len(s["4"]["output"]["body"]) == 64 * 1024
    assert s["5"]["output"]["body"] == "{not json"
    assert s["6"]["output"]["status"] == 404 and s["6"]["status"] == "warning"
    assert x["output"]["memory"]["seats"] == 7
    fake.close()


def test_webhook_with_the_contact_sends_its_record_as_json(owner):
    """'Call webhook URL with the contact', written in the instructions,
    POSTs each found contact's record as JSON with its Content-Type: once
    per contact, since the body names the contact. An answer of 500 is a
    warning, not a failure; the output lists every call."""
    got = []

    def handle(req):
        got.append(req)
        if req["json"]["firstName"] == "Mia":
            return 500, {}, {"error": "busy"}
        return 200, {}, {"ok": True, "id": req["json"]["id"]}
    fake = FakeServer(handle)
    ws = new_ws(owner)
    word = "hook" + token()
    john = person(owner, ws, tags=[word])
    mia = person(owner, ws, first="Mia", tags=[word])
    person(owner, ws, first="Other")
    a = make_agent(owner, ws, instructions=f"Find contacts tagged '{word}' "
                                           f"and call webhook {fake.url}/hook"
                                           f" with the contact")
    assert a["plan"]["steps"][0]["type"] == "search_contacts"
    assert a["plan"]["steps"][1]["params"] == {
        "url": fake.url + "/hook", "method": "POST", "body": "@contact"}
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert len(got) == 2 and all(g["method"] == "POST" for g in got)
    assert all(g["headers"]["content-type"] == "application/json"
               for g in got)
    assert {g["json"]["id"] for g in got} == {john["id"], mia["id"]}
    assert {g["json"]["email"] for g in got} == {john["email"], mia["email"]}
    s = x["steps"][1]
    assert s["status"] == "warning"
    assert "The server answered 4xx/5xx to 1 of 2 calls" in s["warnings"]
    out = s["output"]
    assert (out["calls"], out["answered"], out["failed"]) == (2, 2, 0)
    by = {c["contactId"]: c for c in out["responses"]}
    assert by[john["id"]]["status"] == 200
    assert by[john["id"]]["body"] == {"ok": True, "id": john["id"]}
    assert by[mia["id"]]["status"] == 500
    # The execution's summary counts the answered calls.
    assert "made 2 HTTP requests" in x["summary"]
    fake.close()


def recording_server():
    """A local HTTP server that answers every call 200 {"ok": true}; returns
    it and the list its requests are appended to."""
    got = []

    def handle(req):
        got.append(req)
        return 200, {}, {"ok": True}
    return FakeServer(handle), got


def test_webhook_with_named_fields_sends_them_as_json_values(owner):
    """'... post to URL with their first name, email and lead score' sends
    those fields as a JSON object, each value in as a value: a quote in a
    name stays inside its string (it used to be pasted into the JSON text
    and broke it, or added fields), a number stays a number, and a field
    with no value is null with a warning."""
    fake, got = recording_server()
    ws = new_ws(owner)
    word = "fields" + token()
    odd = 'Jo", "admin": true, "x": "'
    jo = person(owner, ws, first=odd, tags=[word],
                email=f"jo.{token()}@example.com")
    a = make_agent(owner, ws, instructions=f"Find contacts tagged '{word}' "
                                           f"and post to {fake.url}/in with"
                                           f" their first name, email and "
                                           f"phone")
    assert a["plan"]["steps"][1]["params"]["method"] == "POST"
    assert a["plan"]["steps"][1]["params"]["body"] == {
        "firstName": "@contact.firstName", "email": "@contact.email",
        "phone": "@contact.phone"}
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert x["steps"][1]["status"] == "warning"
    assert len(got) == 1
    body = got[0]["json"]
    assert body["firstName"] == odd and "admin" not in body
    assert body["email"].startswith("jo.") and body["phone"] is None
    assert "Variable @contact.phone has no value" in x["steps"][1]["warnings"]
    # A number stays a number.
    b = make_agent(owner, ws, steps(
        step("search_contacts", where={"field": "contact.tags",
                                       "operator": "contains",
                                       "value": word}),
        step("http_request", url=fake.url + "/id", method="POST",
             body={"id": "@contact.id", "note": ["id @contact.id"]})))
    x = run_and_wait(owner, ws, b["id"])
    assert x["status"] == "completed", x["error"]
    assert got[-1]["json"] == {"id": jo["id"], "note": [f"id {jo['id']}"]}
    fake.close()


def test_a_calls_status_and_answer_from_instructions(owner):
    """'Call <url>. If the status code is not 200, notify me: ...' checks
    that call's answer (steps.1.output.status); 'save the result as X'
    keeps the answer in memory."""
    codes = []

    def handle(req):
        return codes[-1], {}, {"score": 7}
    fake = FakeServer(handle)
    ws = new_ws(owner)
    word = "call" + token()
    a = make_agent(owner, ws, instructions=(
        f"Call {fake.url}/s and save the result as 'answer'. If the status "
        f"code is not 200, notify me: failed {word}"))
    for code, notified in ((200, False), (503, True)):
        codes.append(code)
        x = run_and_wait(owner, ws, a["id"])
        assert x["status"] == "completed", (x["error"], x["steps"])
        assert x["output"]["memory"]["answer"]["status"] == code
        assert x["output"]["memory"]["answer"]["body"] == {"score": 7}
        sent = [n for n in notifications(owner, ws)
                if n["message"] == f"failed {word}"]
        assert len(sent) == (1 if notified else 0), (code, sent)
    fake.close()


def test_json_body_written_in_the_instructions(owner):
    """'Send POST to <url> with body {...}': the JSON written in the
    instructions is the body, kept as an object whose variables are filled
    in value by value; JSON that is not an object is refused at the
    agent's save with the JSON's place in the text."""
    fake, got = recording_server()
    ws = new_ws(owner)
    word = "json" + token()
    jo = person(owner, ws, first='Jo "Q"', tags=[word],
                email=f"jo.{token()}@example.com")
    a = make_agent(owner, ws, instructions=(
        f"Find contacts tagged '{word}'. Send POST to {fake.url}/in with "
        f'body {{"who": "@contact.firstName", "id": "@contact.id", '
        f'"tags": ["lead"], "n": 2}} and tag them \'sent-{word}\'.'))
    assert a["plan"]["steps"][1]["params"]["body"] == {
        "who": "@contact.firstName", "id": "@contact.id", "tags": ["lead"],
        "n": 2}
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert [g["json"] for g in got] == [{"who": 'Jo "Q"', "id": jo["id"],
                                         "tags": ["lead"], "n": 2}]
    assert f"sent-{word}" in owner.get(f"{ws}/contacts/{jo['id']}").json[
        "tags"]
    r = owner.post(f"{ws}/agents/parse", {"instructions": (
        f"Send POST to {fake.url}/in with body {{who: 1}}")})
    assert r.status == 422, r
    d = r.error["details"]
    assert "not a JSON object" in d["reason"] and d["text"].startswith("{")
    fake.close()


def test_per_contact_calls_skip_an_empty_set_and_stop_at_no_answer(owner):
    """A call about @contact after a search that found nobody is skipped
    (no call); a call that gets no answer fails the step, with the
    answered ones kept in the details; a URL without @contact goes once
    whatever the set holds."""
    got = []

    def handle(req):
        if req["path"].startswith("/gone/"):
            return None
        got.append(req)
        return 200, {}, {"ok": True}
    fake = FakeServer(handle)
    ws = new_ws(owner)
    word = "none" + token()
    a = make_agent(owner, ws, steps(
        step("search_contacts", where={"field": "contact.tags",
                                       "operator": "contains",
                                       "value": word}),
        step("http_request", url=fake.url + "/x?email=@contact.email")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert x["steps"][1]["status"] == "skipped"
    assert x["steps"][1]["output"] == {"calls": 0}
    assert got == []
    ann = person(owner, ws, first="Ann")
    bob = person(owner, ws, first="Bob")
    b = make_agent(owner, ws, steps(
        find_ids([ann["id"], bob["id"]]),
        step("http_request", url=fake.url + "/once"),
        step("http_request", url=fake.url + "/each/@contact.firstName")))
    y = run_and_wait(owner, ws, b["id"])
    assert y["status"] == "completed", y["error"]
    paths = sorted(g["path"] for g in got)
    assert paths == ["/each/Ann", "/each/Bob", "/once"]
    assert y["steps"][1]["output"]["status"] == 200
    # No answer at all (the server hangs up) to a GET, tried three times:
    # the step fails, and says how many calls went unanswered.
    c = make_agent(owner, ws, steps(
        find_ids([ann["id"], bob["id"]]),
        step("http_request", url=fake.url + "/gone/@contact.id"),
        step("add_tag", tags=["after"])))
    z = run_and_wait(owner, ws, c["id"], timeout=30)
    assert z["status"] == "failed"
    assert z["error"]["step"] == 2
    assert z["error"]["details"]["failed"] == 2
    assert z["steps"][1]["output"]["failed"] == 2
    # the tag step after it did not run
    assert [st["status"] for st in z["steps"]][2:] == ["not_executed"]
    # The same hang-up after a POST went out: the server may have acted
    # on it, so it is not sent again and is not called failed either:
    # each call is uncertain, with a warning, and the run goes on.
    calls = len(got)
    d = make_agent(owner, ws, steps(
        find_ids([ann["id"], bob["id"]]),
        step("http_request", method="POST",
             url=fake.url + "/gone/@contact.id"),
        step("add_tag", tags=["after"])))
    w = run_and_wait(owner, ws, d["id"], timeout=30)
    assert w["status"] == "completed", w["error"]
    s2 = w["steps"][1]
    assert s2["status"] == "warning"
    assert s2["output"]["uncertain"] == 2 and s2["output"]["failed"] == 0
    assert s2["warnings"] == ["2 of 2 calls: " + HUNG_UP], s2["warnings"]
    assert [c["contactId"] for c in s2["output"]["responses"]] == [
        ann["id"], bob["id"]]
    assert all("not sent again" in c["error"]
               for c in s2["output"]["responses"])
    assert w["steps"][2]["status"] == "success"
    assert len(got) == calls
    fake.close()


def test_deal_webhook_and_slack_post_once_per_record(owner):
    """After a deal search, a call about @deal goes once per deal (its
    output names the deals); a Slack text about @contact posts once per
    contact, and a text about nobody posts once."""
    got = []

    def handle(req):
        got.append(req)
        return 200, {"Content-Type": "text/plain"}, "ok"
    fake = FakeServer(handle)
    ws = new_ws(owner)
    ann = person(owner, ws, first="Ann")
    bob = person(owner, ws, first="Bob")
    word = "Deal" + token()
    d1 = owner.post(f"{ws}/deals", {"name": word + " one", "value": 5000,
                                    "contactId": ann["id"]}).json
    d2 = owner.post(f"{ws}/deals", {"name": word + " two", "value": 7000,
                                    "contactId": bob["id"]}).json
    a = make_agent(owner, ws, steps(
        step("search_deals", where={"field": "deal.name",
                                    "operator": "contains", "value": word}),
        step("http_request", url=fake.url + "/deal", method="POST",
             body={"deal": "@deal.name", "contact": "@contact.firstName"})))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert d1.get("id") and d2.get("id"), (d1, d2)
    assert x["steps"][0]["output"]["count"] == 2, x["steps"][0]
    bodies = sorted((g["json"]["deal"], g["json"]["contact"]) for g in got)
    assert bodies == [(word + " one", "Ann"), (word + " two", "Bob")]
    assert {c["dealId"] for c in x["steps"][1]["output"]["responses"]} == {
        d1["id"], d2["id"]}
    got.clear()
    connect(owner, ws, "slack", {}, fake.url + "/services/T0/B0/x")
    b = make_agent(owner, ws, steps(
        find_ids([ann["id"], bob["id"]]),
        step("slack_message", text="New lead: @contact.firstName"),
        step("slack_message", text="Two new leads")))
    y = run_and_wait(owner, ws, b["id"])
    assert y["status"] == "completed", y["error"]
    texts = sorted(g["json"]["text"] for g in got)
    assert texts == ["New lead: Ann", "New lead: Bob", "Two new leads"]
    assert y["steps"][1]["output"] == {"posted": 2, "failed": 0,
                                        "uncertain": 0}
    assert "posted 3 Slack messages" in y["summary"]
    fake.close()


def test_a_contact_of_two_deals_gets_one_message_per_step(owner):
    """After a deal search a contact comes up once per deal. The same
    e-mail, invitation or enrichment goes to a person once per step (with
    a warning for the other deal); an e-mail that names @deal differs per
    deal, and goes once per deal."""
    ws = new_ws(owner)
    connect(owner, ws, "outbox", {"from": "a@example.com"})
    li = LinkedIn()
    linkedin_connection(owner, ws, li)
    url = "https://www.linkedin.com/in/ann-%s/" % token()
    ann = person(owner, ws, first="Ann", linkedinUrl=url)
    bob = person(owner, ws, first="Bob")
    word = "Two" + token()
    for name, who in (("one", ann), ("two", ann), ("three", bob)):
        r = owner.post(f"{ws}/deals", {"name": f"{word} {name}", "value": 5,
                                       "contactId": who["id"]})
        assert r.status == 201, r
    deals = step("search_deals", where={"field": "deal.name",
                                        "operator": "contains",
                                        "value": word})
    a = make_agent(owner, ws, steps(
        deals,
        step("send_email", subject="Hi @contact.firstName", body="Hello"),
        step("linkedin_invite", note="Hi @contact.firstName"),
        step("send_email", subject="About @deal.name", body="Hello")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", (x["error"], x["steps"])
    mail = owner.get(f"{ws}/outbox?executionId={x['id']}&limit=50").json[
        "data"]
    hi = sorted(m["subject"] for m in mail if m["subject"].startswith("Hi"))
    assert hi == ["Hi Ann", "Hi Bob"], mail
    about = sorted(m["subject"] for m in mail
                   if m["subject"].startswith("About"))
    assert about == [f"About {word} one", f"About {word} three",
                     f"About {word} two"], mail
    first = x["steps"][1]
    assert first["output"]["sent"] == 2, first["output"]
    assert "Contact Ann Doe already gets this email for another deal. " \
        "Skipping." in first["warnings"], first["warnings"]
    assert len(li.invites) == 1, li.invites
    assert "Contact Ann Doe already gets an invitation for another deal. " \
        "Skipping." in x["steps"][2]["warnings"], x["steps"][2]
    assert x["steps"][3]["warnings"] == [], x["steps"][3]
    li.fake.close()


def test_contacts_who_have_not_replied_in_n_days(owner):
    """'who haven't replied in 5 days' finds those reached at least 5
    days ago without a reply: not the ones reached yesterday, never
    reached, or who replied."""
    ws = new_ws(owner)
    word = "nr" + token()
    now = time.time()

    def iso(days):
        return time.strftime("%Y-%m-%dT%H:%M:%SZ",
                             time.gmtime(now - days * 86400))
    old = person(owner, ws, first="Old", tags=[word],
                 lastContactedAt=iso(8))
    person(owner, ws, first="Fresh", tags=[word], lastContactedAt=iso(1))
    person(owner, ws, first="Never", tags=[word])
    person(owner, ws, first="Answered", tags=[word], replied=True,
           lastContactedAt=iso(8))
    a = make_agent(owner, ws, instructions=f"Find contacts tagged '{word}' "
                                           f"who haven't replied in 5 days "
                                           f"and tag them 'cold{word}'")
    assert [s_["type"] for s_ in a["plan"]["steps"]] == [
        "search_contacts", "add_tag"]
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    cold = owner.get(f"{ws}/contacts?tags=cold{word}").json["data"]
    assert [c["id"] for c in cold] == [old["id"]]


def test_email_to_an_empty_set_is_skipped(owner):
    """An e-mail step after a search that found nobody is recorded as
    skipped (not a warning), and the run goes on."""
    ws = new_ws(owner)
    # Nothing listens on port 9: a send would fail the step.
    connect(owner, ws, "smtp", {"host": "127.0.0.1", "port": 9,
                                "security": "none",
                                "from": "a@example.com"})
    word = "none" + token()
    a = make_agent(owner, ws, steps(
        step("search_contacts", where={"field": "contact.tags",
                                       "operator": "contains",
                                       "value": word}),
        step("send_email", subject="Hi", body="Hello @contact.firstName"),
        step("remember", key="after", value="yes")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert x["steps"][1]["status"] == "skipped"
    assert any("No contacts in scope" in w for w in x["steps"][1]["warnings"])
    assert x["output"]["memory"]["after"] == "yes"


def test_contacts_owned_by_a_member(owner):
    """'owned by @user.x' compares the owner with the member's id (the
    handle alone renders as the name), in a search and in a condition."""
    ws = new_ws(owner)
    h = "rep" + token()
    r = owner.post(f"{ws}/members", {"email": f"{h}@x.example",
                                     "role": "member", "handle": h})
    assert r.status == 201, r
    uid = r.json["userId"]
    mine = person(owner, ws, first="Mina", ownerId=uid)
    other = person(owner, ws, first="Otto")
    word = "own" + token()
    a = make_agent(owner, ws, instructions=f"Find contacts owned by "
                                           f"@user.{h} and tag them '{word}'")
    assert a["plan"]["steps"][0]["params"]["where"] == {
        "field": "contact.ownerId", "operator": "==", "value": f"@user.{h}.id"}
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    assert word in owner.get(f"{ws}/contacts/{mine['id']}").json["tags"]
    assert word not in owner.get(f"{ws}/contacts/{other['id']}").json["tags"]
    b = make_agent(owner, ws, instructions=f"Find contacts tagged '{word}' or "
                                           f"named Otto. If the owner is "
                                           f"@user.{h}, tag them 'ok{word}'")
    y = run_and_wait(owner, ws, b["id"])
    assert y["status"] == "completed", y["error"]
    assert "ok" + word in owner.get(f"{ws}/contacts/{mine['id']}").json["tags"]
    assert "ok" + word not in owner.get(
        f"{ws}/contacts/{other['id']}").json["tags"]


def test_address_guard_refuses_internal_addresses():
    """Without an operator allow-list entry, a plan cannot reach loopback,
    private, link-local or metadata addresses, also through a redirect."""
    target = FakeServer(lambda req: (200, {}, {"secret": "internal"}))
    redirector = FakeServer(lambda req: (302, {"Location": target.url +
                                               "/"}, ""))
    s = Server(env={"AGENTD_HTTP_ALLOW_HOSTS": "localhost"})
    try:
        owner = s.client("owner")
        ws = f"/api/workspaces/{s.ws}"
        urls = ["http://127.0.0.1:%d/" % target.port,
                "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:%d/" % target.port,
                "http://localhost:%d/start" % redirector.port]
        for u in urls:
            a = make_agent(owner, ws, steps(step("http_request", url=u)))
            x = run_and_wait(owner, ws, a["id"], timeout=30)
            assert x["status"] == "failed", (u, x)
            assert x["error"]["message"].startswith("Refused: the address"), (
                u, x["error"])
        assert target.requests == []
        assert len(redirector.requests) == 1  # allowed by name, then refused
    finally:
        s.stop()
        target.close()
        redirector.close()


# ---- handoff by e-mail, and the demo outbox --------------------------------------

def test_handoff_notice_also_by_email(server, owner):
    ws = f"/api/workspaces/{server.ws}"
    john = person(owner, ws, "Warm", "Lead")
    a = make_agent(owner, ws, steps(
        find_ids([john["id"]]),
        step("handoff", to="@user.salesRep",
             message="@contact.firstName replied positively")))
    eid = run(owner, ws, a["id"]).json["executionId"]
    x = wait_exec(owner, ws, eid, ("waiting",))
    rep = server.user("member")["email"]
    mail = owner.get(f"{ws}/outbox?to={rep}&executionId={eid}").json["data"]
    assert len(mail) == 1
    assert mail[0]["subject"] == f"Agent {a['name']} needs your attention"
    assert "Warm replied positively" in mail[0]["body"]
    assert x["steps"][1]["output"]["emailed"] is True
    owner.post(f"{ws}/executions/{eid}/cancel")
    # A contact marked interested is announced as a warm lead, by e-mail
    # as in the app.
    assert owner.patch(f"{ws}/contacts/{john['id']}",
                       {"interested": True}).status == 200
    eid = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, eid, ("waiting",))
    mail = owner.get(f"{ws}/outbox?to={rep}&executionId={eid}").json["data"]
    assert [m["subject"] for m in mail] == [
        f"Warm lead from agent {a['name']}: Warm Lead is interested"]
    owner.post(f"{ws}/executions/{eid}/cancel")


def test_demo_outbox_works_out_of_the_box(server, owner):
    ws = f"/api/workspaces/{server.ws}"
    conns = owner.get(f"{ws}/connections").json["data"]
    assert any(c["type"] == "outbox" for c in conns)
    a = make_agent(owner, ws, steps(
        step("search_contacts", where={"field": "contact.title",
                                       "operator": "contains",
                                       "value": "CEO"}, limit=2),
        step("send_email", template="Outbound v2")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "completed", x["error"]
    mail = owner.get(f"{ws}/outbox?executionId={x['id']}").json["data"]
    assert len(mail) == 2
    assert all(m["subject"].startswith("Hi ") for m in mail)
    assert "@contact" not in mail[0]["subject"] + mail[0]["body"]


def test_provider_answers_that_are_not_json(owner):
    fake = FakeServer(lambda req: (200, {"Content-Type": "application/json"},
                                   "<html>oops</html>"))
    ws = new_ws(owner)
    connect(owner, ws, "apollo", {"baseUrl": fake.url}, "apollo-key")
    john = person(owner, ws)
    a = make_agent(owner, ws, steps(find_ids([john["id"]]),
                                    step("enrich_contact")))
    x = run_and_wait(owner, ws, a["id"])
    assert x["status"] == "failed"
    assert x["error"]["message"] == "Apollo answered something that is not JSON"
    fake.close()


def test_workspace_cap_on_concurrent_runs(server, owner):
    """maxConcurrentRuns: a person is told when the workspace is at its
    cap; a webhook run waits for a free slot and then runs."""
    import threading
    release = threading.Event()

    def handle(req):
        release.wait(20)
        return 200, {}, {"ok": True}
    fake = FakeServer(handle)
    ws = new_ws(owner)
    assert owner.get(ws).json["maxConcurrentRuns"] == 20
    for bad, code in (({"maxConcurrentRuns": -1}, 422),
                      ({"maxConcurrentRuns": "2"}, 400),
                      ({"maxConcurrentRuns": 1.5}, 400),
                      ({"maxConcurrentRuns": 10 ** 9}, 422)):
        r = owner.patch(ws, bad)
        assert r.status == code, (bad, r)
        assert r.json["error"]["details"]["field"] == "maxConcurrentRuns"
    demo = f"/api/workspaces/{server.ws}"
    assert server.client("member").patch(
        demo, {"maxConcurrentRuns": 1}).status == 403
    r = owner.patch(ws, {"maxConcurrentRuns": 1})
    assert r.status == 200 and r.json["maxConcurrentRuns"] == 1, r
    try:
        slow = make_agent(owner, ws, steps(step("http_request",
                                                url=fake.url + "/slow")))
        quick = make_agent(owner, ws, steps(step("remember", key="k",
                                                 value="done")),
                           trigger={"type": "webhook"})
        first = run(owner, ws, slow["id"])
        assert first.status == 202, first
        wait_for(lambda: fake.requests, what="the slow call")
        r = run(owner, ws, quick["id"])
        assert r.status == 429, r
        assert r.json["error"]["message"] == (
            "This workspace is running 1 agent run at once, its limit. "
            "Try again when one finishes.")
        assert r.json["error"]["details"]["maxConcurrentRuns"] == 1
        r = server.anon().post(f"/api/hooks/{quick['id']}", {},
                               headers={"X-Agentd-Secret":
                                        quick["webhookSecret"]})
        assert r.status == 202, r
        queued = r.json["executionId"]
        time.sleep(1.0)
        assert execution(owner, ws, queued)["status"] == "queued"
        release.set()
        assert wait_exec(owner, ws, first.json["executionId"])[
            "status"] == "completed"
        x = wait_exec(owner, ws, queued)
        assert x["status"] == "completed", x
        assert x["output"]["memory"]["k"] == "done"
        # 0 lifts the cap.
        assert owner.patch(ws, {"maxConcurrentRuns": 0}).json[
            "maxConcurrentRuns"] == 0
    finally:
        release.set()
        fake.close()


def test_run_timeout_no_step_starts_after_the_limit(owner):
    """A run works for at most restrictions.maxRunSeconds (120 s unless
    set): a call that takes longer finishes and is recorded, and the next
    step never starts; the run fails with its step number."""
    def handle(req):
        time.sleep(1.3)
        return 200, {}, {"slow": True}
    fake = FakeServer(handle)
    ws = new_ws(owner)
    plan = steps(step("remember", key="before", value="b"),
                 step("http_request", url=fake.url + "/slow"),
                 step("remember", key="after", value="a"))
    try:
        for bad in (-1, "60", 1.5, 10 ** 7):
            r = owner.post(f"{ws}/agents", {"name": "T " + token(),
                                             "restrictions":
                                             {"maxRunSeconds": bad}})
            assert r.status in (400, 422), (bad, r)
            assert "maxRunSeconds" in r.json["error"]["message"], r
        a = make_agent(owner, ws, plan, restrictions={"maxRunSeconds": 1})
        x = run_and_wait(owner, ws, a["id"])
        assert x["status"] == "failed", x
        assert x["error"]["step"] == 3 and x["error"]["type"] == "remember"
        assert re.match(
            r"Timed out: the run has worked for \d+\.\d s, more than the 1 "
            r"s a run of this agent may \(waits are not counted\), so this "
            r"step did not start\.", x["error"]["message"]), x["error"]
        assert x["error"]["details"]["maxRunSeconds"] == 1
        assert x["error"]["details"]["activeMs"] >= 1300
        assert x["message"].startswith("Agent failed: Step 3 (remember): "
                                       "Timed out")
        # The steps before are kept as they ran; the third never started.
        assert [(s["path"], s["status"]) for s in x["steps"]] == [
            ("1", "success"), ("2", "success"), ("3", "not_executed")]
        assert x["steps"][1]["output"]["body"] == {"slow": True}
        assert x["activeMs"] >= 1300
        assert len(fake.requests) == 1
        # The same plan with room for the call completes.
        b = make_agent(owner, ws, plan, restrictions={"maxRunSeconds": 30})
        x = run_and_wait(owner, ws, b["id"])
        assert x["status"] == "completed", x["error"]
        assert x["output"]["memory"] == {"before": "b", "after": "a"}
        assert 1300 <= x["activeMs"] < 30000
    finally:
        fake.close()


def test_run_timeout_cuts_a_step_between_its_calls(owner):
    """A step that calls a provider once per contact stops making calls
    once the run has worked for its limit: the calls made are recorded
    (activities, usage, the step's output), the others are not made, and
    the run fails with how many were left."""
    ws = new_ws(owner)
    people = [person(owner, ws, "P%d" % i, "Slow") for i in range(6)]
    ap, a = enricher(owner, ws, [p["id"] for p in people], people={
        p["email"]: {"id": "p%d" % i, "title": "CFO"}
        for i, p in enumerate(people)}, maxRunSeconds=1)
    ap.delay = 0.4
    try:
        x = run_and_wait(owner, ws, a["id"], timeout=30)
        made = len(ap.fake.requests)
        # 0.4 s a call under 1 s: the calls started at 0, 0.4 and 0.8 s are
        # made (one a slow machine starts after 1 s is not).
        assert 2 <= made <= 3, made
        assert x["status"] == "failed", x
        e = x["error"]
        assert e["step"] == 2 and e["type"] == "enrich_contact", e
        assert re.match(
            r"Timed out: the run has worked for \d+\.\d s, more than the 1 "
            r"s a run of this agent may \(waits are not counted\), so %d of "
            r"this step's 6 calls were not made\." % (6 - made),
            e["message"]), e
        assert e["details"]["notMade"] == 6 - made
        assert e["details"]["activeMs"] >= 1000
        s2 = x["steps"][1]
        assert s2["status"] == "failed"
        assert s2["output"]["enriched"] == made, s2
        enriched = [p for p in people
                    if owner.get(f"{ws}/contacts/{p['id']}").json["title"]
                    == "CFO"]
        assert len(enriched) == made
        usage = owner.get(f"{ws}/usage").json["data"]
        assert [u["count"] for u in usage if u["key"] == "apollo"] == [made]
    finally:
        ap.fake.close()


def test_a_failing_provider_is_tried_three_times_and_named(owner):
    """A provider that keeps failing (502) is tried three times with a
    backoff, and the step's error says who answered what, how often."""
    ws = new_ws(owner)
    p = person(owner, ws, "D", "Down")
    ap, a = enricher(owner, ws, [p["id"]], "down")
    try:
        x = run_and_wait(owner, ws, a["id"], timeout=30)
        assert x["status"] == "failed", x
        assert len(ap.fake.requests) == 3, ap.fake.requests
        assert x["error"]["message"] == (
            "Apollo answered 502 (Bad Gateway) after 3 tries"), x["error"]
    finally:
        ap.fake.close()


def test_run_timeout_stops_a_calls_retries(owner):
    """A provider that asks to be called again later (503, Retry-After: 2)
    is not retried past the run's time: with 1 s to work, each contact's
    lookup is tried once rather than three times over 4 s, and the step
    fails with the provider's answer."""
    ws = new_ws(owner)
    people = [person(owner, ws, "B%d" % i, "Busy") for i in range(2)]
    ap, a = enricher(owner, ws, [p["id"] for p in people], "busy",
                     maxRunSeconds=1)
    try:
        x = run_and_wait(owner, ws, a["id"], timeout=30)
        assert x["status"] == "failed", x
        assert len(ap.fake.requests) == 2, ap.fake.requests
        assert x["error"]["step"] == 2, x["error"]
        assert x["error"]["message"] == (
            "Apollo answered 503 (Service Unavailable); not tried again, "
            "the run's time limit would pass first"), x["error"]
    finally:
        ap.fake.close()


def test_smtp_message_taken_but_not_confirmed_is_not_sent_again(owner):
    """A server that took the message (after DATA) and did not confirm it
    within the connection's timeout may have delivered it: SMTP has no
    idempotency key, so agentd does not send it again. The e-mail is
    "uncertain" — neither sent nor failed — the step ends with a warning
    that says so, and the run goes on (as after a crash mid-send)."""
    ws = new_ws(owner)
    smtp = SmtpServer(delay=1.5)
    try:
        connect(owner, ws, "smtp", {"host": "127.0.0.1", "port": smtp.port,
                                    "security": "none", "timeoutMs": 500,
                                    "from": "sales@example.com"})
        john = person(owner, ws)
        a = make_agent(owner, ws, steps(
            find_ids([john["id"]]),
            step("send_email", subject="Hi", body="Hello"),
            step("remember", key="after", value="went on")))
        x = run_and_wait(owner, ws, a["id"], timeout=30)
        assert x["status"] == "completed", x
        s2 = x["steps"][1]
        assert s2["status"] == "warning", s2
        assert [w for w in s2["warnings"]
                if "took the message but did not confirm it" in w], s2
        out = s2["output"]
        assert (out["sent"], out["failed"], out["uncertain"]) == (0, 0, 1)
        assert out["emails"][0]["status"] == "uncertain"
        assert x["output"]["memory"]["after"] == "went on"
        smtp.wait(1)
        time.sleep(2)  # a second try would arrive within this
        assert len(smtp.messages) == 1
    finally:
        smtp.stop()


def test_progress_shows_the_calls_of_the_step_under_way(owner):
    """While a step sends its e-mails, the run's progress says how far it
    got ("Step 2: Sending emails... (2 of 5 sent)"); before and after,
    progress.current is null."""
    ws = new_ws(owner)
    smtp = SmtpServer(delay=0.3)
    try:
        a = mailing_agent(owner, ws, smtp, 5, "Going", "Hi")
        eid = run(owner, ws, a["id"]).json["executionId"]
        seen = []
        deadline = time.time() + 20
        while time.time() < deadline:
            x = execution(owner, ws, eid)
            cur = x["progress"]["current"]
            if cur is not None:
                assert x["status"] == "running", x
                seen.append(cur)
            if x["status"] in ("completed", "failed"):
                break
            time.sleep(0.05)
        assert x["status"] == "completed", x
        assert x["progress"]["current"] is None
        assert seen, "no progress seen while the e-mails went out"
        for cur in seen:
            assert cur["path"] == "2" and cur["type"] == "send_email", cur
            assert cur["total"] == 5 and cur["failed"] == 0, cur
            assert cur["text"] == (
                "Step 2: Sending emails... (%d of 5 sent)" % cur["done"]), cur
        done = [c["done"] for c in seen]
        assert done == sorted(done) and done[-1] < 5, done
        assert len(set(done)) > 1, done
    finally:
        smtp.stop()


def test_the_live_view_shows_the_calls_as_they_go(server, owner):
    """The run's event stream carries the same progress as it changes:
    'Step 2: Sending emails... (k of 5 sent)' for rising k, then the
    step's record and the end."""
    from test_live import Stream
    ws = new_ws(owner)
    smtp = SmtpServer(delay=0.3)
    try:
        a = mailing_agent(owner, ws, smtp, 5, "Live", "Hi")
        eid = run(owner, ws, a["id"]).json["executionId"]
        st = Stream(server, f"{ws}/executions/{eid}/events",
                    server.user("owner")["token"])
        evs = st.until("end", timeout=30)
        texts = [d["progress"]["current"]["text"] for n, d in evs
                 if n == "execution" and d["progress"]["current"]]
        done = [int(t.split("(")[1].split(" ")[0]) for t in texts]
        assert len(set(done)) > 1 and done == sorted(done), texts
        assert texts[0].startswith("Step 2: Sending emails... (")
        assert [d["status"] for n, d in evs if n == "step" and
                d["type"] == "send_email"] == ["success"]
        assert evs[-1] == ("end", {"executionId": eid,
                                   "status": "completed"})
        st.close()
    finally:
        smtp.stop()


def test_run_timeout_gives_back_the_email_quota_of_mails_not_sent(owner):
    """E-mails not sent because the run ran out of time do not use up the
    agent's daily e-mail quota: the next run may send them."""
    ws = new_ws(owner)
    smtp = SmtpServer(delay=0.4)
    try:
        a = mailing_agent(owner, ws, smtp, 6, "Quota",
                          "Hi @contact.firstName", maxRunSeconds=1,
                          maxEmailsPerDay=6)
        x = run_and_wait(owner, ws, a["id"], timeout=30)
        assert x["status"] == "failed", x
        sent = x["steps"][1]["output"]["sent"]
        assert 2 <= sent <= 3, x["steps"][1]
        assert x["error"]["details"]["notMade"] == 6 - sent
        assert len(smtp.wait(sent)) == sent
        usage = owner.get(f"{ws}/usage").json["data"]
        assert [u["count"] for u in usage
                if u["key"] == f"email:agent:{a['id']}"] == [sent]
    finally:
        smtp.stop()
