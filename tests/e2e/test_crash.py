"""Crash test: agentd is killed with SIGKILL at random moments while 1,000
event-triggered executions (each with a wait) are created and run; after
the last restart every execution reaches a terminal state and every step
ran exactly once (one record per step, one task per run, one tag)."""
import os
import random
import sqlite3
import time
import uuid

from agentd import Client, Server, run_cli, wait_for

N = int(os.environ.get("CRASH_RUNS", "1000"))
KILLS = int(os.environ.get("CRASH_KILLS", "6"))


def test_kill_9_loses_nothing_and_repeats_nothing():
    rnd = random.Random(int(os.environ.get("CRASH_SEED", "4242")))
    s = Server(env={"AGENTD_TIME_SCALE": "200", "AGENTD_LOG_LEVEL": "warn",
                    "AGENTD_LEASE_MS": "2000"})
    try:
        ws = f"/api/workspaces/{s.ws}"
        token = s.user("owner")["token"]
        owner = s.client("owner")
        run_cli("credits", str(s.ws), "=1000000", "--db", s.db)
        marker = "crash-" + uuid.uuid4().hex[:6]
        r = owner.post(f"{ws}/agents", {
            "name": "Crash test",
            "trigger": {"type": "event", "event": "contact_created"},
            "restrictions": {"maxRunsPerMinute": 1000000,
                             "maxRunsPerDay": 1000000},
            "plan": {"steps": [
                {"type": "create_task",
                 "params": {"title": "Call @contact.firstName"}},
                {"type": "wait", "params": {"seconds": 300}},
                {"type": "remember", "params": {"key": "k", "value": "v"}},
                {"type": "add_tag", "params": {"tags": [marker]}}]}})
        assert r.status == 201, r
        agent = r.json["id"]
        assert owner.post(f"{ws}/agents/{agent}/status",
                          {"status": "live"}).status == 200

        # Kill moments, spread over creating the runs and running them.
        kills_at = sorted(rnd.sample(range(50, N), KILLS - 2)) + [N, N]
        kills = 0
        created = 0
        client = None
        while created < N or kills < KILLS:
            if kills < KILLS and created >= kills_at[kills]:
                if created == N:
                    time.sleep(rnd.uniform(0.05, 2.5))
                s.kill()
                kills += 1
                s.start()
                client = None
                continue
            if created >= N:
                continue
            if client is None:
                client = Client(s.port, token=token)
            try:
                r = client.post(f"{ws}/contacts", {
                    "firstName": f"C{created}",
                    "email": f"{marker}-{created}@example.com",
                    "source": marker})
            except OSError:
                client = None
                continue
            assert r.status == 201, r
            created += 1

        owner = Client(s.port, token=token)

        def all_done():
            page = owner.get(f"{ws}/agents/{agent}/executions?"
                             "status=waiting&limit=1").json["data"]
            q = owner.get(f"{ws}/agents/{agent}/executions?"
                          "status=queued&limit=1").json["data"]
            return not page and not q
        wait_for(all_done, timeout=120, interval=0.5,
                 what="every execution to end")
        assert s.stop() == 0
    finally:
        if s.proc and s.proc.poll() is None:
            s.kill()

    db = sqlite3.connect(s.db)
    contacts = [r[0] for r in db.execute(
        "SELECT id FROM contacts WHERE source = ?", (marker,))]
    # Every request that got its 201 has its contact; a request cut by a
    # kill may or may not have made one, never two.
    assert N <= len(contacts) <= N + KILLS
    execs = db.execute(
        "SELECT id, status, trigger_data FROM executions WHERE agent_id = ?",
        (agent,)).fetchall()
    assert len(execs) == len(contacts), "one execution per contact event"
    bad = [e for e in execs if e[1] != "completed"]
    assert not bad, bad[:5]
    steps = {}
    for eid, path, n in db.execute(
            "SELECT execution_id, path, COUNT(*) FROM execution_steps "
            "WHERE execution_id IN (SELECT id FROM executions WHERE "
            "agent_id = ?) GROUP BY execution_id, path", (agent,)):
        assert n == 1, (eid, path, n)
        steps.setdefault(eid, []).append(path)
    for eid, _, _ in execs:
        assert sorted(steps.get(eid, [])) == ["1", "2", "3", "4"], eid
    tasks = dict(db.execute(
        "SELECT execution_id, COUNT(*) FROM tasks WHERE created_by_agent_id "
        "= ? GROUP BY execution_id", (agent,)).fetchall())
    assert len(tasks) == len(execs)
    assert set(tasks.values()) == {1}
    tagged = db.execute(
        "SELECT COUNT(*) FROM contact_tags ct JOIN tags t ON t.id = "
        "ct.tag_id WHERE t.name = ?", (marker,)).fetchone()[0]
    assert tagged == len(contacts)
    jobs = db.execute("SELECT COUNT(*) FROM jobs WHERE kind = 'run'"
                      ).fetchone()[0]
    assert jobs == 0
    db.close()
