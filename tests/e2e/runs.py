"""Helpers for tests that run agents: agents from plans, runs, waiting."""
import itertools
import uuid

from agentd import wait_for

TERMINAL = ("completed", "failed", "canceled", "skipped")
_names = itertools.count(1)


def token():
    """A word no other test uses, for titles, tags and names. It starts
    with a letter: hex digits first could read as a number ("0063474b" is
    63,474 billion, "2176422d" a number of days) in instructions."""
    return "t" + uuid.uuid4().hex[:7]


def make_agent(client, ws, plan=None, live=True, name=None, **fields):
    """Creates an agent with a plan (or instructions) and sets it Live."""
    body = {"name": name or "Run agent %d" % next(_names)}
    if plan is not None:
        body["plan"] = plan
    body.update(fields)
    r = client.post(f"{ws}/agents", body)
    assert r.status == 201, r
    a = r.json
    if live:
        r = client.post(f"{ws}/agents/{a['id']}/status", {"status": "live"})
        assert r.status == 200, r
        a = r.json
    return a


def steps(*s):
    return {"steps": list(s)}


def step(type_, **params):
    return {"type": type_, "params": params}


def run(client, ws, agent_id, body=None):
    return client.post(f"{ws}/agents/{agent_id}/execute", body)


def execution(client, ws, eid):
    r = client.get(f"{ws}/executions/{eid}")
    assert r.status == 200, r
    return r.json


def wait_exec(client, ws, eid, statuses=TERMINAL, timeout=20):
    """Waits until the execution is in one of statuses; returns it."""
    def check():
        x = execution(client, ws, eid)
        return x if x["status"] in statuses else None
    return wait_for(check, timeout=timeout,
                    what=f"execution {eid} to be {'/'.join(statuses)}")


def run_and_wait(client, ws, agent_id, body=None, timeout=20):
    r = run(client, ws, agent_id, body)
    assert r.status == 202, r
    return wait_exec(client, ws, r.json["executionId"], timeout=timeout)


def run_completed(client, ws, agent_id):
    """Runs the agent to its end, which must be a completed run; returns
    the run."""
    x = run_and_wait(client, ws, agent_id)
    assert x["status"] == "completed", (x["error"], x["steps"])
    return x


def list_execs(client, ws, agent_id=None, query=""):
    path = (f"{ws}/agents/{agent_id}/executions" if agent_id
            else f"{ws}/executions")
    r = client.get(path + ("?" + query if query else ""))
    assert r.status == 200, r
    return r.json["data"]


def notifications(client, ws):
    r = client.get(f"{ws}/notifications?limit=200")
    assert r.status == 200, r
    return r.json["data"]
