"""Workers and their leases.

`agentd worker` runs agents without the API, as separate processes on the
database of an API-only `agentd serve --workers 0`: two worker processes
share the store with the API process, one is killed with SIGKILL, and the
other finishes every run, each step run exactly once. A worker killed in
the middle of an external call leaves its job to the other once the lease
runs out, and the call is not made twice. A call slower than the lease,
in a live worker, keeps its job (the lease keeper extends it)."""
import os
import signal
import sqlite3
import subprocess
import threading
import time
import uuid

from agentd import BIN, Server, run_cli, wait_for
from fakes import FakeServer
from runs import execution, make_agent, run, step, steps, wait_exec

N = 300


class Worker:
    """One `agentd worker` process on a server's database."""

    def __init__(self, server, workers=1):
        self.log_lines = []
        self.proc = subprocess.Popen(
            [BIN, "worker", "--db", server.db, "--workers", str(workers)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env=server.env)
        threading.Thread(target=self._read, daemon=True).start()
        wait_for(lambda: any('"worker.started"' in ln
                             for ln in self.log_lines) or
                 self.proc.poll() is not None, what="worker to start")
        assert self.proc.poll() is None, "".join(self.log_lines)

    def _read(self):
        for line in self.proc.stderr:
            self.log_lines.append(line)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(30)

    def kill(self):
        self.proc.kill()
        self.proc.wait()


def cleanup(server, workers=(), fake=None):
    """Whatever a test leaves running, whether it passed or not."""
    for w in workers:
        if w.proc.poll() is None:
            w.kill()
    server.stop()
    if fake:
        fake.close()


def api_only_server(**env):
    """`agentd serve --workers 0` with short leases, whose worker processes
    look for new jobs every 50 ms."""
    return Server(args=["--workers", "0"],
                  env=dict({"AGENTD_LEASE_MS": "1500",
                            "AGENTD_POLL_MS": "50"}, **env))


# An agent run for every contact created, with room for many runs.
EVENT_RUNS = {"trigger": {"type": "event", "event": "contact_created"},
              "restrictions": {"maxRunsPerMinute": 1000,
                               "maxRunsPerDay": 1000}}


def funded(server):
    """The workspace path and its owner's client, with credits for many
    runs."""
    run_cli("credits", str(server.ws), "=100000", "--db", server.db)
    return f"/api/workspaces/{server.ws}", server.client("owner")


def counts(db_path, agent):
    db = sqlite3.connect(db_path, timeout=30)
    try:
        status = dict(db.execute(
            "SELECT status, COUNT(*) FROM executions WHERE agent_id = ? "
            "GROUP BY status", (agent,)).fetchall())
        recorded = db.execute(
            "SELECT execution_id, path, COUNT(*) FROM execution_steps WHERE "
            "execution_id IN (SELECT id FROM executions WHERE agent_id = ?) "
            "GROUP BY execution_id, path", (agent,)).fetchall()
        tasks = db.execute(
            "SELECT execution_id, COUNT(*) FROM tasks WHERE "
            "created_by_agent_id = ? GROUP BY execution_id",
            (agent,)).fetchall()
        workers = [r[0] for r in db.execute(
            "SELECT DISTINCT locked_by FROM jobs WHERE locked_by IS NOT "
            "NULL")]
        return status, recorded, tasks, workers
    finally:
        db.close()


def test_worker_processes_run_what_an_api_only_server_admits():
    s = api_only_server()
    workers = []
    try:
        ws, owner = funded(s)
        marker = "w-" + uuid.uuid4().hex[:6]
        agent = make_agent(
            owner, ws,
            steps(step("create_task", title="Call @contact.firstName"),
                  step("wait", seconds=2), step("add_tag", tags=[marker])),
            name="Worker processes", **EVENT_RUNS)["id"]
        for i in range(N):
            r = owner.post(f"{ws}/contacts", {
                "firstName": f"W{i}", "email": f"{marker}-{i}@example.com"})
            assert r.status == 201, r

        # The API process admits runs but runs none of them.
        time.sleep(0.5)
        status, recorded, _, _ = counts(s.db, agent)
        assert status == {"queued": N}, status
        assert recorded == []

        workers = [Worker(s), Worker(s)]
        # Both take jobs; once runs are parked on their wait, one worker
        # dies holding whatever it had claimed.
        wait_for(lambda: counts(s.db, agent)[0].get("waiting", 0) >= N // 2,
                 timeout=30, what="runs to reach their wait")
        workers[0].kill()

        def ended():
            st = counts(s.db, agent)[0]
            return st.get("completed", 0) == N and sum(st.values()) == N
        wait_for(ended, timeout=60, interval=0.2,
                 what="every run to complete on the surviving worker")

        status, recorded, tasks, held = counts(s.db, agent)
        assert status == {"completed": N}
        per_step = {}
        for eid, path, n in recorded:
            assert n == 1, (eid, path, n)
            per_step.setdefault(eid, []).append(path)
        assert len(per_step) == N
        assert all(sorted(p) == ["1", "2", "3"] for p in per_step.values())
        assert len(tasks) == N and {n for _, n in tasks} == {1}
        assert held == []

        # The API process sees what the workers did.
        seen, cursor = [], ""
        while True:
            page = owner.get(f"{ws}/agents/{agent}/executions?"
                             f"status=completed&limit=100{cursor}").json
            seen += [e["id"] for e in page["data"]]
            if not page.get("nextCursor"):
                break
            cursor = "&cursor=" + page["nextCursor"]
        assert len(set(seen)) == N
        one = owner.get(f"{ws}/executions/{seen[0]}").json
        assert [st["status"] for st in one["steps"]] == ["success"] * 3
        assert workers[1].stop() == 0
        assert s.stop() == 0, s.log()[-4000:]
    finally:
        cleanup(s, workers)


def test_a_step_undone_in_a_batch_leaves_the_other_runs_done_once():
    """A worker runs the jobs of a batch without a savepoint each
    (deferred savepoints, src/store/db.h). When a step must undo its own
    writes — a tag named by one contact's last name, then a last name too
    long to be a tag for the next — the batch's transaction is rolled back
    and done again with savepoints: the failed step's tag is gone, the step
    before it stays, and every other run of the batch is done exactly
    once."""
    s = api_only_server()
    workers = []
    try:
        ws, owner = funded(s)
        word = "u" + uuid.uuid4().hex[:8]
        # The contact whose last name is too long for a tag is found
        # between two with short ones, so a tag is written before it in
        # either order.
        first, last = "A" + word, "B" + word
        for i, name in enumerate((first, "L" * 70, last)):
            r = owner.post(f"{ws}/contacts", {
                "firstName": "Buyer", "lastName": name,
                "title": f"Buyer {word}",
                "email": f"{word}-b{i}@example.com"})
            assert r.status == 201, r
        bad = make_agent(owner, ws, steps(
            step("search_contacts",
                 where={"field": "contact.title", "operator": "contains",
                        "value": word}),
            step("add_tag", tags=["@contact.lastName"])))
        good = make_agent(
            owner, ws,
            steps(step("create_task", title="Call @contact.firstName"),
                  step("add_tag", tags=[word])), **EVENT_RUNS)

        def contact(i):
            r = owner.post(f"{ws}/contacts", {
                "firstName": f"G{i}", "email": f"{word}-g{i}@example.com"})
            assert r.status == 201, r

        for i in range(20):
            contact(i)
        r = run(owner, ws, bad["id"])
        assert r.status == 202, r
        bad_id = r.json["executionId"]
        for i in range(20, 40):
            contact(i)
        # Everything is queued and due: the worker claims it in one batch.
        workers.append(Worker(s))

        def ended():
            st = counts(s.db, good["id"])[0]
            x = execution(owner, ws, bad_id)
            return (st.get("completed", 0) == 40 and
                    x["status"] in ("completed", "failed"))
        wait_for(ended, timeout=30, what="the batch's runs to end")

        x = execution(owner, ws, bad_id)
        assert x["status"] == "failed", x
        assert x["error"]["step"] == 2
        assert x["error"]["message"] == "Tag names must be 1 to 64 characters"
        assert [st["status"] for st in x["steps"]] == ["success", "failed"]
        assert x["steps"][0]["output"] == {"count": 3}
        db = sqlite3.connect(s.db, timeout=30)
        try:
            # Neither the tag written before the failure nor its link stay.
            assert db.execute("SELECT COUNT(*) FROM tags WHERE name IN "
                              "(?, ?)", (first, last)).fetchone() == (0,)
            assert db.execute("SELECT COUNT(*) FROM contact_tags x JOIN tags "
                              "g ON g.id = x.tag_id WHERE g.name IN (?, ?)",
                              (first, last)).fetchone() == (0,)
        finally:
            db.close()

        status, recorded, tasks, held = counts(s.db, good["id"])
        assert status == {"completed": 40}, status
        assert all(n == 1 for _, _, n in recorded), recorded
        assert len(recorded) == 80
        assert len(tasks) == 40 and {n for _, n in tasks} == {1}
        assert held == []
        # The worker did redo the batch (the path under test was taken).
        assert any('"batch.redone"' in ln for ln in workers[0].log_lines), \
            "".join(workers[0].log_lines)[-3000:]
        assert workers[0].stop() == 0
    finally:
        cleanup(s, workers)


def slow_fake(seconds, body=None):
    """A fake provider that answers `body` (200) after `seconds`."""
    def answer(req):
        time.sleep(seconds)
        return (200, {}, {"ok": True} if body is None else body)
    return FakeServer(answer)


def run_a_call(owner, ws, url):
    """Starts a run of a new agent that POSTs to url, then remembers a
    value; returns the executionId."""
    a = make_agent(owner, ws, steps(
        step("http_request", url=url, method="POST", body={"n": 1}),
        step("remember", key="after", value="yes")))
    return run(owner, ws, a["id"]).json["executionId"]


def test_worker_killed_during_a_call_is_taken_over_without_a_repeat():
    fake = slow_fake(3)
    s = api_only_server(AGENTD_HTTP_ALLOW_HOSTS="127.0.0.1")
    workers = []
    try:
        ws = f"/api/workspaces/{s.ws}"
        owner = s.client("owner")
        eid = run_a_call(owner, ws, fake.url + "/hook")
        workers.append(Worker(s))
        wait_for(lambda: fake.requests, what="the call to start")
        # The first worker holds the job while its call is in flight.
        pid = workers[0].proc.pid
        db = sqlite3.connect(s.db, timeout=30)
        held = db.execute("SELECT locked_by FROM jobs WHERE execution_id "
                          "= ?", (eid,)).fetchone()
        db.close()
        assert held and f":{pid}:" in held[0], held
        workers.append(Worker(s))
        workers[0].kill()
        x = wait_exec(owner, ws, eid, timeout=30)
        assert x["status"] == "completed", x
        call, after = x["steps"]
        # Sent or not, nobody can tell: not sent again.
        assert call["status"] == "warning"
        assert any("outcome is unknown" in w for w in call["warnings"])
        assert after["status"] == "success"
        time.sleep(0.5)
        assert len(fake.requests) == 1
        assert workers[1].stop() == 0
        assert s.stop() == 0, s.log()[-4000:]
    finally:
        cleanup(s, workers, fake)


def test_a_call_slower_than_the_lease_keeps_its_job():
    fake = slow_fake(2.5)
    s = Server(args=["--workers", "2"],
               env={"AGENTD_LEASE_MS": "600",
                    "AGENTD_HTTP_ALLOW_HOSTS": "127.0.0.1"})
    try:
        ws = f"/api/workspaces/{s.ws}"
        owner = s.client("owner")
        eid = run_a_call(owner, ws, fake.url + "/slow")
        x = wait_exec(owner, ws, eid, timeout=30)
        assert x["status"] == "completed", x
        call = x["steps"][0]
        # The other worker did not take the job for abandoned.
        assert call["status"] == "success", call
        assert call["output"]["status"] == 200
        assert call["output"]["body"] == {"ok": True}
        assert len(fake.requests) == 1
        assert s.stop() == 0, s.log()[-4000:]
    finally:
        cleanup(s, fake=fake)


def slow_lookup_server():
    """A fake Apollo answering each lookup after 0.8 s, and a server
    allowed to call it."""
    return (slow_fake(0.8, {"person": None}),
            Server(env={"AGENTD_HTTP_ALLOW_HOSTS": "127.0.0.1"}))


def start_slow_lookups(s, fake, contacts=6):
    """Runs an agent enriching `contacts` new contacts through `fake`
    (Apollo's people/match), one lookup per contact; returns the
    workspace path, the owner's client and the executionId once the first
    lookup has reached the fake."""
    ws = f"/api/workspaces/{s.ws}"
    owner = s.client("owner")
    marker = "Slow" + uuid.uuid4().hex[:6]
    for i in range(contacts):
        assert owner.post(f"{ws}/contacts", {
            "firstName": f"C{i}", "lastName": marker,
            "email": f"c{i}.{marker.lower()}@example.com"}).status == 201
    r = owner.post(f"{ws}/connections", {
        "type": "apollo", "name": "Apollo " + marker,
        "config": {"baseUrl": fake.url}, "credentials": "apollo-key"})
    assert r.status == 201, r
    agent = make_agent(owner, ws, steps(
        step("search_contacts", where={"field": "contact.lastName",
                                       "operator": "==", "value": marker}),
        step("enrich_contact")))["id"]
    eid = run(owner, ws, agent).json["executionId"]
    wait_for(lambda: fake.requests, what="the first lookup")
    return ws, owner, eid


def test_cancel_stops_a_run_between_its_calls():
    """Canceling a run whose worker is performing its calls (one Apollo
    lookup per contact, each slow) stops it after the call in flight."""
    fake, s = slow_lookup_server()
    try:
        ws, owner, eid = start_slow_lookups(s, fake)
        r = owner.post(f"{ws}/executions/{eid}/cancel")
        assert r.status == 200, r
        time.sleep(2.5)
        assert len(fake.requests) == 1
        assert execution(owner, ws, eid)["status"] == "canceled"
        assert s.stop() == 0, s.log()[-4000:]
    finally:
        cleanup(s, fake=fake)


def test_stopping_does_not_wait_for_every_call():
    """SIGTERM while a worker performs slow calls: agentd exits after the
    call in flight; after the restart the run makes the other calls, each
    once, and completes."""
    fake, s = slow_lookup_server()
    try:
        ws, owner, eid = start_slow_lookups(s, fake)
        assert s.stop() == 0, s.log()[-4000:]
        # It did not stay to make all six.
        assert len(fake.requests) <= 2
        s.start()
        owner = s.client("owner")
        x = wait_exec(owner, ws, eid, timeout=30)
        assert x["status"] == "completed", x
        emails = [r["json"]["email"] for r in fake.requests]
        assert len(emails) == 6 and len(set(emails)) == 6
        assert s.stop() == 0, s.log()[-4000:]
    finally:
        cleanup(s, fake=fake)


def test_a_worker_process_starts_a_new_run_at_once():
    """With the worker's poll set to a minute, a run triggered on the
    API-only process starts at once: it wakes the worker process through
    the wake-up socket next to the database. After the worker is killed,
    its socket is removed the next time a run is triggered."""
    s = Server(args=["--workers", "0"], env={"AGENTD_POLL_MS": "60000"})
    workers = []
    try:
        ws = f"/api/workspaces/{s.ws}"
        owner = s.client("owner")
        a = make_agent(owner, ws, steps(step("remember", key="k",
                                             value="v")))
        workers.append(Worker(s))
        wake = s.db + "-wake"
        assert os.listdir(wake) == [str(workers[0].proc.pid)]
        for _ in range(3):
            eid = run(owner, ws, a["id"]).json["executionId"]
            assert wait_exec(owner, ws, eid, timeout=10)["status"] == \
                "completed"
        workers[0].kill()
        # The API process finds the socket dead and removes it.
        eid = run(owner, ws, a["id"]).json["executionId"]
        wait_for(lambda: os.listdir(wake) == [], timeout=10,
                 what="the dead worker's socket to go")
        workers.append(Worker(s))
        assert wait_exec(owner, ws, eid, timeout=10)["status"] == "completed"
        assert workers[1].stop() == 0
        assert os.listdir(wake) == []
        assert s.stop() == 0, s.log()[-4000:]
    finally:
        cleanup(s, workers)


def test_worker_refuses_zero_workers():
    s = Server(seed=False)
    try:
        out = run_cli("worker", "--db", s.db, "--workers", "0")
        assert out.returncode != 0
        assert "worker needs --workers 1 or more" in out.stderr
    finally:
        s.stop()
