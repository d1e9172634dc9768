"""Waits, handoff timeouts, schedules and time windows, run in seconds with
agentd's clock sped up (AGENTD_TIME_SCALE / AGENTD_TIME_START): the same
code paths as real time, only faster."""
import time
import uuid

import pytest

from agentd import Server, wait_for
from runs import (execution, list_execs, make_agent, notifications, run,
                  step, steps, wait_exec)

DAY = 86400


def iso_s(t):
    """'2026-11-30T09:00:00.000Z' -> epoch seconds."""
    return time.mktime(time.strptime(t[:19], "%Y-%m-%dT%H:%M:%S")) - \
        time.timezone


@pytest.fixture(scope="module")
def fast():
    """5 days of agentd time per real second."""
    s = Server(env={"AGENTD_TIME_SCALE": str(5 * DAY)})
    yield s
    assert s.stop() == 0, s.log()[-3000:]


def test_wait_five_days_then_more_steps(fast):
    owner, ws = fast.client("owner"), f"/api/workspaces/{fast.ws}"
    a = make_agent(owner, ws, steps(step("remember", key="a", value="1"),
                                    step("wait", seconds=3 * DAY),
                                    step("wait", seconds=2 * DAY),
                                    step("remember", key="b", value="2")))
    eid = run(owner, ws, a["id"]).json["executionId"]
    x = wait_exec(owner, ws, eid, ("waiting",))
    assert x["message"] == "Agent paused. Will resume in 3 days."
    x = wait_exec(owner, ws, eid, timeout=10)
    assert x["status"] == "completed"
    s = x["steps"]
    assert [st["type"] for st in s] == ["remember", "wait", "wait",
                                        "remember"]
    # Total wait 3 + 2 days on agentd's clock.
    waited = iso_s(s[3]["startedAt"]) - iso_s(s[0]["startedAt"])
    assert 5 * DAY <= waited < 5 * DAY + 0.5 * DAY, waited
    assert s[1]["output"]["resumeAt"]


def test_waiting_is_not_counted_against_the_run_timeout(fast):
    """The run timeout bounds work, not waits: a run allowed 1 s of work
    parks for 10 days (2 real seconds) and still completes."""
    owner, ws = fast.client("owner"), f"/api/workspaces/{fast.ws}"
    a = make_agent(owner, ws, steps(step("remember", key="a", value="x"),
                                    step("wait", seconds=10 * DAY),
                                    step("remember", key="b", value="y")),
                   restrictions={"maxRunSeconds": 1})
    t0 = time.time()
    eid = run(owner, ws, a["id"]).json["executionId"]
    x = wait_exec(owner, ws, eid, timeout=15)
    assert time.time() - t0 > 1.5
    assert x["status"] == "completed", x["error"]
    assert x["output"]["memory"] == {"a": "x", "b": "y"}
    assert x["durationMs"] >= 10 * DAY * 1000
    assert 0 <= x["activeMs"] < 1000


def test_wait_survives_a_restart(fast):
    owner, ws = fast.client("owner"), f"/api/workspaces/{fast.ws}"
    a = make_agent(owner, ws, steps(step("wait", seconds=4 * DAY),
                                    step("remember", key="after",
                                         value="restart")))
    eid = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, eid, ("waiting",))
    fast.stop()
    time.sleep(1.0)  # the resume time passes while agentd is down
    fast.start()
    owner = fast.client("owner")
    x = wait_exec(owner, ws, eid, timeout=10)
    assert x["status"] == "completed"
    assert x["output"]["memory"]["after"] == "restart"


def test_pausing_cancels_the_resume_until_resumed_by_hand(fast):
    owner, ws = fast.client("owner"), f"/api/workspaces/{fast.ws}"
    a = make_agent(owner, ws, steps(step("wait", seconds=2 * DAY),
                                    step("remember", key="x", value="y")))
    eid = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, eid, ("waiting",))
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})
    time.sleep(1.0)  # 5 days: well past the resume time
    x = execution(owner, ws, eid)
    assert x["status"] == "waiting"
    assert "Resume canceled: agent paused" in x["message"]
    r = owner.post(f"{ws}/executions/{eid}/resume")
    assert r.status == 200, r
    assert wait_exec(owner, ws, eid)["status"] == "completed"


def test_handoff_times_out_and_continues(fast):
    owner, ws = fast.client("owner"), f"/api/workspaces/{fast.ws}"
    a = make_agent(owner, ws, steps(
        step("handoff", to="@user.salesRep", timeoutDays=1),
        step("remember", key="x", value="continued")))
    eid = run(owner, ws, a["id"]).json["executionId"]
    x = wait_exec(owner, ws, eid, timeout=10)
    assert x["status"] == "completed"
    assert x["steps"][0]["output"]["resolution"] == "timed out"


def test_a_delay_after_a_deal_is_won_from_instructions(fast):
    """'Create a task ... 2 days after a deal is won': the agent runs when
    a deal is won (its trigger, from the words), waits 2 days on agentd's
    clock, then creates the task for that deal only."""
    owner, ws = fast.client("owner"), f"/api/workspaces/{fast.ws}"
    word = "w" + uuid.uuid4().hex[:7]
    a = make_agent(owner, ws, instructions=(
        f"Create a task 'Check in on @deal.name {word}' 2 days after a deal "
        f"is won"))
    assert a["trigger"]["event"] == "deal_stage_updated", a["trigger"]
    won = owner.post(f"{ws}/deals", {"name": f"Won {word}", "value": 5,
                                     "stage": "Proposal"}).json
    lost = owner.post(f"{ws}/deals", {"name": f"Lost {word}", "value": 5,
                                      "stage": "Proposal"}).json
    owner.patch(f"{ws}/deals/{won['id']}", {"stage": "Closed Won"})
    owner.patch(f"{ws}/deals/{lost['id']}", {"stage": "Closed Lost"})
    runs = wait_for(lambda: list_execs(owner, ws, a["id"]), timeout=10,
                    what="a run")
    assert len(runs) == 1, runs
    x = wait_exec(owner, ws, runs[0]["id"], timeout=10)
    assert x["status"] == "completed", (x["error"], x["steps"])
    assert [st["type"] for st in x["steps"]][:2] == ["wait", "if"]
    waited = iso_s(x["steps"][1]["startedAt"]) - \
        iso_s(x["steps"][0]["startedAt"])
    assert 2 * DAY <= waited < 2.5 * DAY, waited
    tasks = owner.get(f"{ws}/tasks?executionId={x['id']}").json["data"]
    assert [t["title"] for t in tasks] == [f"Check in on Won {word} {word}"]
    owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})


def test_ninety_day_wait():
    s = Server(env={"AGENTD_TIME_SCALE": str(60 * DAY)})
    try:
        owner, ws = s.client("owner"), f"/api/workspaces/{s.ws}"
        a = make_agent(owner, ws, steps(step("wait", seconds=90 * DAY),
                                        step("stop")))
        eid = run(owner, ws, a["id"]).json["executionId"]
        x = wait_exec(owner, ws, eid, ("waiting",))
        assert x["message"] == "Agent paused. Will resume in 90 days."
        x = wait_exec(owner, ws, eid, timeout=15)
        assert x["status"] == "completed"
    finally:
        assert s.stop() == 0


# ---- schedules ----------------------------------------------------------------

quick = steps(step("remember", key="k", value="v"))


def sched(**t):
    return {"type": "schedule", **t}


def from_sunday(scale):
    """A server whose clock starts on Sunday 2026-11-29 00:00 UTC and runs
    `scale` times faster than real time."""
    return Server(env={"AGENTD_TIME_SCALE": str(scale),
                       "AGENTD_TIME_START": "2026-11-29T00:00:00Z"})


def fired(owner, ws, agent_id, before, since="2026-11-30"):
    """(scheduledFor, execution) of an agent's scheduled runs in
    [since, before)."""
    out = []
    for x in list_execs(owner, ws, agent_id):
        t = (x.get("trigger") or {}).get("scheduledFor")
        if x["triggerType"] == "scheduled" and t and since <= t < before:
            out.append((t, x))
    return sorted(out, key=lambda p: p[0])


def test_one_off_schedule_runs_once_at_its_time():
    """A schedule with runAt runs the agent once, at that instant (in the
    schedule's time zone when it names no offset); a time that has passed
    is refused when set."""
    # Four hours of agentd time per second: 12:00 is 3 s after the start,
    # room for a slow (sanitizer) build to make the agents first.
    s = from_sunday(4 * 3600)
    try:
        owner, ws = s.client("owner"), f"/api/workspaces/{s.ws}"
        utc = make_agent(owner, ws, quick,
                         trigger=sched(runAt="2026-11-29T12:00:00Z"))
        berlin = make_agent(owner, ws, quick,
                            trigger=sched(runAt="2026-11-29T13:00",
                                          timezone="Europe/Berlin"))
        # The agent shows when it runs next.
        assert utc["nextRunAt"] == "2026-11-29T12:00:00.000Z"
        assert owner.get(f"{ws}/agents/{berlin['id']}").json[
            "nextRunAt"] == "2026-11-29T12:00:00.000Z"
        for bad in ({"runAt": "tomorrow"}, {"runAt": 5},
                    {"runAt": "2026-11-29T12:00:00Z", "cron": "0 9 * * *"}):
            r = owner.patch(f"{ws}/agents/{utc['id']}",
                            {"trigger": sched(**bad)})
            assert r.status == 422, (bad, r)
        r = owner.patch(f"{ws}/agents/{utc['id']}",
                        {"trigger": sched(runAt="2026-11-28T00:00:00Z")})
        assert r.status == 422, r
        assert r.json["error"]["message"].startswith(
            "The schedule's runAt (2026-11-28T00:00:00Z) has passed"), r
        assert r.json["error"]["details"]["field"] == "trigger.runAt"
        # A Draft may keep a past time, but does not go Live with it.
        late = make_agent(owner, ws, quick, live=False,
                          trigger=sched(runAt="2026-11-28T00:00:00Z"))
        r = owner.post(f"{ws}/agents/{late['id']}/status",
                       {"status": "live"})
        assert r.status == 422, r
        assert "has passed" in r.json["error"]["message"]

        got = lambda a: [t for t, _ in fired(owner, ws, a["id"], "9999",  # noqa
                                             "")]
        wait_for(lambda: got(utc) and got(berlin), timeout=15,
                 what="the one-off runs")
        # 18 hours later on agentd's clock, still once each.
        time.sleep(4.5)
        assert got(utc) == ["2026-11-29T12:00:00.000Z"]
        assert got(berlin) == ["2026-11-29T12:00:00.000Z"]
        x = fired(owner, ws, utc["id"], "9999", "")[0][1]
        assert wait_exec(owner, ws, x["id"])["status"] == "completed"
        # Once it has run, other changes to the agent are not refused.
        r = owner.patch(f"{ws}/agents/{utc['id']}", {"name": "Renamed"})
        assert r.status == 200, r
        assert r.json["nextRunAt"] is None
        assert len(got(utc)) == 1
    finally:
        assert s.stop() == 0


def test_schedules_presets_zones_queueing_and_alerts():
    # One day of agentd time per second. The first firings are on Monday,
    # a day and more after the agents are made, even on a slow (sanitizer)
    # build.
    s = from_sunday(DAY)
    try:
        owner, ws = s.client("owner"), f"/api/workspaces/{s.ws}"
        daily = make_agent(owner, ws, quick,
                           trigger=sched(preset="daily", time="09:00"))
        weekly = make_agent(owner, ws, quick,
                            trigger=sched(preset="weekly",
                                          dayOfWeek="monday", time="08:00"))
        monthly = make_agent(owner, ws, quick,
                             trigger=sched(preset="monthly", dayOfMonth=1,
                                           time="10:00"))
        berlin = make_agent(owner, ws, quick,
                            trigger=sched(cron="0 9 * * *",
                                          timezone="Europe/Berlin"))
        paused = make_agent(owner, ws, quick,
                            trigger=sched(preset="daily", time="09:00"))
        owner.post(f"{ws}/agents/{paused['id']}/status",
                   {"status": "paused"})
        # Live agents show their next run; a Paused one's is skipped.
        assert owner.get(f"{ws}/agents/{daily['id']}").json[
            "nextRunAt"].endswith("T09:00:00.000Z")
        assert owner.get(f"{ws}/agents/{paused['id']}").json[
            "nextRunAt"] is None
        slow = make_agent(owner, ws,
                          steps(step("wait", seconds=36 * 3600),
                                step("stop")),
                          trigger=sched(preset="daily", time="09:00"))
        failing = make_agent(owner, ws,
                             steps(step("create_task", title="t",
                                        assignee="@user.nobody")),
                             trigger=sched(preset="daily", time="09:00"))
        doomed = make_agent(owner, ws, quick,
                            trigger=sched(preset="daily", time="09:00"))
        moved = make_agent(owner, ws, quick,
                           trigger=sched(preset="daily", time="09:00"))
        # Changing a schedule moves its job: Wednesdays at 08:00 only.
        r = owner.patch(f"{ws}/agents/{moved['id']}",
                        {"trigger": sched(preset="weekly",
                                          dayOfWeek="wednesday",
                                          time="08:00")})
        assert r.status == 200, r
        # Deleting stops it after its first run.
        wait_for(lambda: fired(owner, ws, doomed["id"], "9999", ""),
                 timeout=5, what="first run of the doomed agent")
        owner.delete(f"{ws}/agents/{doomed['id']}")

        # Until Wednesday 2026-12-02 12:00 UTC.
        end = "2026-12-02T12:00"
        got = lambda a: [t for t, _ in fired(owner, ws, a["id"], end)]  # noqa
        wait_for(lambda: len(got(daily)) == 3 and all(
            x["status"] in ("completed", "failed") for _, x in
            fired(owner, ws, failing["id"], end)) and len(
            fired(owner, ws, failing["id"], end)) == 3 and len(
            fired(owner, ws, slow["id"], end)) >= 2 and fired(
            owner, ws, slow["id"], end)[1][1]["startedAt"], timeout=20,
            what="three days of schedules")
        time.sleep(0.3)
        assert got(daily) == ["2026-11-30T09:00:00.000Z",
                              "2026-12-01T09:00:00.000Z",
                              "2026-12-02T09:00:00.000Z"]
        assert got(weekly) == ["2026-11-30T08:00:00.000Z"]
        assert got(monthly) == ["2026-12-01T10:00:00.000Z"]
        # 09:00 in Berlin is 08:00 UTC in winter.
        assert got(berlin) == ["2026-11-30T08:00:00.000Z",
                               "2026-12-01T08:00:00.000Z",
                               "2026-12-02T08:00:00.000Z"]
        assert got(moved) == ["2026-12-02T08:00:00.000Z"]
        assert len([t for t, _ in fired(owner, ws, doomed["id"], end,
                                        "")]) == 1
        for t, x in fired(owner, ws, daily["id"], end):
            assert x["status"] == "completed"
        # Paused: on record, not run.
        skipped = fired(owner, ws, paused["id"], end)
        assert len(skipped) == 3
        assert all(x["status"] == "skipped" and
                   x["message"] == "Skipped: Agent paused"
                   for _, x in skipped)
        # Still running when the next one came: queued, then run after.
        runs = [x for _, x in fired(owner, ws, slow["id"], end)]
        assert len(runs) >= 2
        first, second = runs[0], runs[1]
        assert first["status"] == "completed"
        assert second["startedAt"] >= first["completedAt"]
        assert any(n["message"] == "Scheduled execution queued (previous "
                   "run still active)" for n in notifications(owner, ws))
        # Failures leave the schedule on; the third in a row alerts.
        fails = fired(owner, ws, failing["id"], end)
        assert [x["status"] for _, x in fails] == ["failed"] * 3
        alerts = [n for n in notifications(owner, ws)
                  if n["type"] == "agent_alert" and
                  n["data"].get("agentId") == failing["id"]]
        assert len(alerts) == 1
        assert "failed 3 scheduled runs in a row" in alerts[0]["message"]
    finally:
        assert s.stop() == 0, s.log()[-3000:]


def test_minute_windows_and_idempotency_expiry():
    # 100x: a minute of agentd time is 0.6 s.
    s = Server(env={"AGENTD_TIME_SCALE": "100"})
    try:
        owner, ws = s.client("owner"), f"/api/workspaces/{s.ws}"
        a = make_agent(owner, ws, steps(step("stop")),
                       trigger={"type": "event", "event": "contact_created"})
        for i in range(13):
            owner.post(f"{ws}/contacts", {"firstName": "Q",
                                          "email": f"{uuid.uuid4().hex}@x.io"})
        # Queued runs go in the following minutes, all of them.
        done = wait_for(lambda: (lambda r: r if len(r) == 13 and all(
            x["status"] == "completed" for x in r) else None)(
            list_execs(owner, ws, a["id"])), timeout=10,
            what="13 completed runs")
        # The limit is on the minute a run may start in: at most 10 of
        # the minute the first was admitted in, the rest in later ones. (A
        # loaded machine may start a run after its minute, never before;
        # so starts are counted against the first minute only.)
        first = min(x["createdAt"][:16] for x in done)
        assert sum(x["startedAt"][:16] == first for x in done) <= 10
        by_id = sorted(done, key=lambda x: x["id"])
        assert all(x["startedAt"][:16] > first for x in by_id[10:]), [
            (x["createdAt"], x["startedAt"]) for x in by_id]
        owner.post(f"{ws}/agents/{a['id']}/status", {"status": "paused"})

        b = make_agent(owner, ws, steps(step("stop")),
                       trigger={"type": "webhook"},
                       restrictions={"maxRunsPerMinute": 1000})
        h = {"X-Agentd-Secret": b["webhookSecret"],
             "Idempotency-Key": "k-1"}
        c = s.anon()
        first = c.post(f"/api/hooks/{b['id']}", headers=h).json
        again = c.post(f"/api/hooks/{b['id']}", headers=h).json
        assert first["executionId"] == again["executionId"]
        time.sleep(0.8)  # 80 s of agentd time: the key has expired
        later = c.post(f"/api/hooks/{b['id']}", headers=h).json
        assert later["executionId"] != first["executionId"]
    finally:
        assert s.stop() == 0
