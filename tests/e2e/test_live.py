"""Live views of runs: GET .../executions/:id/events streams the run as
server-sent events while it goes (execution, step, end), on a server whose
clock runs fast so that waits end within the test."""
import http.client
import json
import queue
import socket
import threading
import time

import pytest

from agentd import Server
from runs import make_agent, run, step, steps, wait_exec

DAY = 86400


@pytest.fixture(scope="module")
def fast():
    """An hour of agentd time per real second."""
    s = Server(env={"AGENTD_TIME_SCALE": "3600"})
    yield s
    assert s.stop() == 0, s.log()[-3000:]


class Stream:
    """Reads one event stream on a thread of its own; events land in a
    queue as (name, data) with data parsed from JSON, and ("closed", None)
    when the server ends the stream."""

    def __init__(self, server, path, token):
        self.conn = http.client.HTTPConnection("127.0.0.1", server.port,
                                               timeout=30)
        self.conn.request("GET", path,
                          headers={"Authorization": "Bearer " + token,
                                   "Accept": "text/event-stream"})
        self.resp = self.conn.getresponse()
        self.status = self.resp.status
        self.headers = dict(self.resp.getheaders())
        self.events = queue.Queue()
        self.comments = 0
        if self.status == 200:
            threading.Thread(target=self._read, daemon=True).start()
        else:
            self.body = json.loads(self.resp.read())

    def _read(self):
        name, data = None, []
        try:
            for raw in self.resp:
                line = raw.decode().rstrip("\n")
                if line == "":
                    if name:
                        self.events.put((name, json.loads("\n".join(data))))
                    name, data = None, []
                elif line.startswith(":"):
                    self.comments += 1
                elif line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    data.append(line[6:])
        except (OSError, AttributeError, http.client.HTTPException):
            # AttributeError: close() from the test while the last chunk
            # is read.
            pass
        self.events.put(("closed", None))

    def next(self, timeout=15):
        return self.events.get(timeout=timeout)

    def until(self, name, timeout=15):
        """Every event up to and including the first called name."""
        seen = []
        deadline = time.time() + timeout
        while True:
            ev = self.next(max(0.1, deadline - time.time()))
            seen.append(ev)
            if ev[0] == name:
                return seen
            assert ev[0] != "closed", seen

    def close(self):
        # A shutdown, not only close(): the reading thread's file still
        # holds the socket, and would wait on it until its timeout.
        if self.conn.sock:
            try:
                self.conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.conn.close()


def ws_of(server):
    return f"/api/workspaces/{server.ws}"


def test_a_run_streams_its_steps_as_they_happen(fast):
    owner, ws = fast.client("owner"), ws_of(fast)
    a = make_agent(owner, ws, steps(step("remember", key="a", value="1"),
                                    step("wait", seconds=3 * 3600),
                                    step("remember", key="b", value="2")))
    eid = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, eid, ("waiting",))
    s = Stream(fast, f"{ws}/executions/{eid}/events",
               fast.user("owner")["token"])
    assert s.status == 200
    assert s.headers["Content-Type"] == "text/event-stream"
    assert s.headers["Cache-Control"] == "no-store"
    # First the run as it is: waiting, with the two steps it ran.
    name, x = s.next()
    assert name == "execution"
    assert x["executionId"] == eid and x["status"] == "waiting"
    assert "steps" not in x
    assert [s.next()[1]["type"] for _ in range(2)] == ["remember", "wait"]
    # Then, three seconds later, the resume as it happens.
    t0 = time.time()
    rest = s.until("end")
    assert time.time() - t0 > 1, "the stream ended before the wait did"
    names = [n for n, _ in rest]
    assert names[-1] == "end" and rest[-1][1] == {"executionId": eid,
                                                  "status": "completed"}
    runs = [d for n, d in rest if n == "execution"]
    assert runs and runs[-1]["status"] == "completed"
    assert runs[-1]["progress"]["text"] == "Step 3 of 3 completed"
    new = [d for n, d in rest if n == "step"]
    assert [d["seq"] for d in new] == [3]
    assert new[0]["type"] == "remember" and new[0]["status"] == "success"
    assert new[0]["params"] == {"key": "b", "value": "2"}
    assert s.next() == ("closed", None)
    # What the stream built is what GET shows.
    got = owner.get(f"{ws}/executions/{eid}").json
    assert got["status"] == runs[-1]["status"]
    assert got["steps"][2] == new[0]
    s.close()


def test_a_canceled_run_ends_its_stream_and_others_keep_answering(fast):
    """Forty streams watch one parked run while the API (two threads)
    keeps answering; canceling the run ends every stream with 'end'."""
    owner, ws = fast.client("owner"), ws_of(fast)
    a = make_agent(owner, ws, steps(step("wait", seconds=30 * DAY),
                                    step("remember", key="b", value="2"),
                                    step("remember", key="c", value="3")))
    eid = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, eid, ("waiting",))
    token = fast.user("owner")["token"]
    streams = [Stream(fast, f"{ws}/executions/{eid}/events", token)
               for _ in range(40)]
    for st in streams:
        assert st.next()[0] == "execution"
        assert st.next()[1]["type"] == "wait"
    t0 = time.time()
    for _ in range(20):
        assert owner.get(f"{ws}/agents").status == 200
    assert time.time() - t0 < 5
    r = owner.post(f"{ws}/executions/{eid}/cancel")
    assert r.status == 200, r
    for st in streams:
        rest = st.until("end")
        run_ev = [d for n, d in rest if n == "execution"][-1]
        assert run_ev["status"] == "canceled"
        assert run_ev["canceledBy"] == fast.user("owner")["userId"]
        # The steps it never reached are listed as the log lists them.
        left = [d for n, d in rest if n == "step"]
        assert [(d["path"], d["status"]) for d in left] == [
            ("2", "not_executed"), ("3", "not_executed")]
        assert rest[-1] == ("end", {"executionId": eid,
                                    "status": "canceled"})
        st.close()


def test_a_run_that_ended_is_sent_whole_and_the_stream_closes(fast):
    owner, ws = fast.client("owner"), ws_of(fast)
    a = make_agent(owner, ws, steps(step("remember", key="a", value="1")))
    eid = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, eid)
    s = Stream(fast, f"{ws}/executions/{eid}/events",
               fast.user("owner")["token"])
    assert s.status == 200
    evs = s.until("end")
    assert [n for n, _ in evs] == ["execution", "step", "end"]
    assert evs[0][1]["status"] == "completed"
    assert s.next() == ("closed", None)
    s.close()


def test_viewers_stream_the_summary_and_strangers_get_errors(fast):
    owner, ws = fast.client("owner"), ws_of(fast)
    a = make_agent(owner, ws, steps(step("remember", key="secretish",
                                         value="42")))
    eid = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, eid)
    s = Stream(fast, f"{ws}/executions/{eid}/events",
               fast.user("viewer")["token"])
    evs = s.until("end")
    st = [d for n, d in evs if n == "step"][0]
    assert "params" not in st and "output" not in st
    assert "trigger" not in evs[0][1]
    s.close()
    missing = Stream(fast, f"{ws}/executions/999999/events",
                     fast.user("owner")["token"])
    assert missing.status == 404
    assert missing.body["error"]["message"] == "Execution 999999 not found"
    anon = http.client.HTTPConnection("127.0.0.1", fast.port, timeout=10)
    anon.request("GET", f"{ws}/executions/{eid}/events")
    r = anon.getresponse()
    assert r.status == 401
    assert json.loads(r.read())["error"]["code"]
    anon.close()


def test_a_server_stops_cleanly_with_streams_open():
    """Parked streams end when the server stops (libmicrohttpd must not be
    stopped with suspended connections), and it exits 0."""
    s = Server(env={"AGENTD_TIME_SCALE": "3600"})
    try:
        owner, ws = s.client("owner"), ws_of(s)
        a = make_agent(owner, ws, steps(step("wait", seconds=90 * DAY)))
        eid = run(owner, ws, a["id"]).json["executionId"]
        wait_exec(owner, ws, eid, ("waiting",))
        streams = [Stream(s, f"{ws}/executions/{eid}/events",
                          s.user("owner")["token"]) for _ in range(5)]
        for st in streams:
            assert st.next()[0] == "execution"
            assert st.next()[0] == "step"
        t0 = time.time()
        assert s.stop() == 0, s.log()[-3000:]
        assert time.time() - t0 < 10
        for st in streams:
            assert st.next()[0] == "closed"
    finally:
        s.stop()


def test_steps_run_by_a_worker_process_reach_the_stream():
    """An API-only server streams what an `agentd worker` process on the
    same database does: the store's commits are watched, not the server's
    own workers."""
    from test_workers import Worker, api_only_server, cleanup
    s = api_only_server(AGENTD_TIME_SCALE="3600")
    w = None
    try:
        owner, ws = s.client("owner"), ws_of(s)
        a = make_agent(owner, ws, steps(step("remember", key="a", value="1"),
                                        step("wait", seconds=2 * 3600),
                                        step("remember", key="b", value="2")))
        eid = run(owner, ws, a["id"]).json["executionId"]
        st = Stream(s, f"{ws}/executions/{eid}/events",
                    s.user("owner")["token"])
        name, x = st.next()
        assert name == "execution" and x["status"] == "queued"
        w = Worker(s)
        rest = st.until("end", timeout=20)
        statuses = [d["status"] for n, d in rest if n == "execution"]
        assert "waiting" in statuses and statuses[-1] == "completed"
        assert [d["seq"] for n, d in rest if n == "step"] == [1, 2, 3]
        assert w.stop() == 0
        st.close()
    finally:
        cleanup(s, [w] if w else [])


def test_streams_beyond_the_limit_get_503_until_one_ends():
    s = Server(env={"AGENTD_MAX_STREAMS": "2"})
    try:
        owner, ws = s.client("owner"), ws_of(s)
        token = s.user("owner")["token"]
        eids = []
        for _ in range(2):
            a = make_agent(owner, ws, steps(step("wait", seconds=30 * DAY)))
            eid = run(owner, ws, a["id"]).json["executionId"]
            wait_exec(owner, ws, eid, ("waiting",))
            eids.append(eid)
        open_ = [Stream(s, f"{ws}/executions/{e}/events", token)
                 for e in eids]
        for st in open_:
            assert st.next()[0] == "execution"
        extra = Stream(s, f"{ws}/executions/{eids[0]}/events", token)
        assert extra.status == 503
        assert extra.body["error"]["message"] == (
            "This server already streams 2 live views (AGENTD_MAX_STREAMS); "
            "poll GET .../executions/:id instead, or try again later")
        # The run of the first ends, and so does its stream: room again.
        assert owner.post(f"{ws}/executions/{eids[0]}/cancel").status == 200
        open_[0].until("end")
        assert open_[0].next() == ("closed", None)
        again = Stream(s, f"{ws}/executions/{eids[1]}/events", token)
        assert again.status == 200 and again.next()[0] == "execution"
        for st in open_ + [again]:
            st.close()
    finally:
        assert s.stop() == 0, s.log()[-3000:]


def test_the_history_streams_runs_as_they_start_and_change(fast):
    """GET .../executions/events: first the runs that have not ended,
    then every run that starts or changes, as list rows; ?agentId= (or
    .../agents/:id/executions/events) keeps to one agent."""
    owner, ws = fast.client("owner"), ws_of(fast)
    token = fast.user("owner")["token"]
    parked = make_agent(owner, ws, steps(step("wait", seconds=30 * DAY)))
    parked_run = run(owner, ws, parked["id"]).json["executionId"]
    wait_exec(owner, ws, parked_run, ("waiting",))
    a = make_agent(owner, ws, steps(step("remember", key="a", value="1"),
                                    step("wait", seconds=2 * 3600),
                                    step("remember", key="b", value="2")))
    other = make_agent(owner, ws, steps(step("remember", key="o",
                                             value="1")))
    everyone = Stream(fast, f"{ws}/executions/events", token)
    mine = Stream(fast, f"{ws}/executions/events?agentId={a['id']}", token)
    also_mine = Stream(fast, f"{ws}/agents/{a['id']}/executions/events",
                       token)
    # The workspace's stream starts with the runs still open.
    name, x = everyone.next()
    assert name == "execution" and x["id"] == parked_run
    assert x["status"] == "waiting" and "steps" not in x
    other_run = run(owner, ws, other["id"]).json["executionId"]
    wait_exec(owner, ws, other_run)
    eid = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, eid)
    for st in (mine, also_mine):
        seen = []
        while not seen or seen[-1]["status"] != "completed":
            name, x = st.next()
            assert name == "execution"
            seen.append(x)
        assert {x["id"] for x in seen} == {eid}, seen
        assert "waiting" in [x["status"] for x in seen]
        assert seen[-1]["summary"] == got_summary(owner, ws, eid)
    ended = {}
    while len(ended) < 2:
        name, x = everyone.next()
        assert x["id"] in (other_run, eid), x
        if x["status"] == "completed":
            ended[x["id"]] = x
    # The parked run is followed: its cancel comes through.
    assert owner.post(f"{ws}/executions/{parked_run}/cancel").status == 200
    while True:
        name, x = everyone.next()
        if x["id"] == parked_run:
            break
        assert x["id"] in (other_run, eid) and x["status"] == "completed"
    assert x["status"] == "canceled"
    for st in (everyone, mine, also_mine):
        st.close()
    bad = Stream(fast, f"{ws}/executions/events?agentId=abc", token)
    assert bad.status == 400
    assert bad.body["error"]["details"] == {"parameter": "agentId"}
    gone = Stream(fast, f"{ws}/agents/999999/executions/events", token)
    assert gone.status == 404


def got_summary(client, ws, eid):
    return client.get(f"{ws}/executions/{eid}").json["summary"]


def test_a_stream_follows_its_watchers_role():
    """A stream checks who watches it as it goes: an admin made a member
    gets the summary from then on (no params or outputs), and a member
    removed from the workspace gets an 'error' event and the end."""
    s = Server(env={"AGENTD_TIME_SCALE": "3600"})
    try:
        owner, ws = s.client("owner"), ws_of(s)
        a = make_agent(owner, ws, steps(step("remember", key="k", value="v"),
                                        step("wait", seconds=30 * DAY)))
        eid = run(owner, ws, a["id"]).json["executionId"]
        wait_exec(owner, ws, eid, ("waiting",))
        admin = s.user("admin")
        st = Stream(s, f"{ws}/executions/{eid}/events", admin["token"])
        assert st.next()[0] == "execution"
        assert st.next()[1]["params"] == {"key": "k", "value": "v"}
        st.next()  # the wait
        time.sleep(1.1)  # (roles are checked at most once a second)
        r = owner.patch(f"{ws}/members/{admin['userId']}", {"role": "member"})
        assert r.status == 200, r
        evs = st.until("step", timeout=10)
        assert [n for n, _ in evs] == ["execution", "step"]
        assert "trigger" not in evs[0][1] and "params" not in evs[1][1]
        time.sleep(1.1)
        r = owner.delete(f"{ws}/members/{admin['userId']}")
        assert r.status in (200, 204), r
        name, body = st.next(timeout=10)
        while name != "error":  # the removal's own changes may come first
            name, body = st.next(timeout=10)
        assert body["error"]["code"] == "forbidden"
        assert body["error"]["message"] == (
            f"You are no longer a member of workspace {s.ws}")
        assert st.next() == ("closed", None)
        st.close()
    finally:
        assert s.stop() == 0, s.log()[-3000:]


def test_a_stream_ends_when_its_token_is_revoked(fast):
    """The credential a stream came with is checked again as it goes: an
    API token deleted (revoked) ends its streams with an 'error' event."""
    owner, ws = fast.client("owner"), ws_of(fast)
    r = owner.post("/api/tokens", {"name": "live-" + str(time.time())})
    assert r.status == 201, r
    token, token_id = r.json["token"], r.json["id"]
    a = make_agent(owner, ws, steps(step("wait", seconds=30 * DAY)))
    eid = run(owner, ws, a["id"]).json["executionId"]
    wait_exec(owner, ws, eid, ("waiting",))
    st = Stream(fast, f"{ws}/executions/{eid}/events", token)
    assert st.status == 200 and st.next()[0] == "execution"
    time.sleep(1.1)  # (credentials are checked at most once a second)
    assert owner.delete(f"/api/tokens/{token_id}").status in (200, 204)
    name, body = st.next(timeout=10)
    while name != "error":
        name, body = st.next(timeout=10)
    assert body["error"]["code"] == "unauthorized"
    assert body["error"]["message"] == (
        "The API token of this stream was revoked or has expired")
    assert st.next() == ("closed", None)
    st.close()
    assert owner.post(f"{ws}/executions/{eid}/cancel").status == 200
