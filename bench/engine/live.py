"""Live views: what open event streams cost the server, and how soon a
change reaches them.

RUNS runs park in a 30-day wait; STREAMS streams (GET
.../executions/{id}/events) watch them, spread evenly. Figures:
  - the server's CPU time over IDLE_S seconds with the streams open and
    nothing changing;
  - its CPU time over LOAD_S seconds while another client creates
    contacts as fast as it can (every commit makes every stream look
    again), against the same load with no stream open;
  - cancel → 'end': each run is canceled in turn, and each of its streams
    records when its 'end' event arrived; p50 / p99 / max over all streams.

    AGENTD_BIN=./agentd /usr/bin/python3 bench/engine/live.py [STREAMS] [RUNS]
"""
import http.client
import os
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "e2e"))

from agentd import Server  # noqa: E402
from runs import make_agent, run, step, steps, wait_exec  # noqa: E402

IDLE_S = 10
LOAD_S = 10


def cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Watch(threading.Thread):
    def __init__(self, port, path, token):
        super().__init__(daemon=True)
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.conn.request("GET", path,
                          headers={"Authorization": "Bearer " + token})
        self.resp = self.conn.getresponse()
        assert self.resp.status == 200, self.resp.status
        self.end_at = None
        self.started = threading.Event()
        self.start()

    def run(self):
        for raw in self.resp:
            if raw.startswith(b"event: step"):
                self.started.set()
            if raw.startswith(b"event: end"):
                self.end_at = time.monotonic()
                break


def load(port, token, ws, seconds):
    c = http.client.HTTPConnection("127.0.0.1", port)
    h = {"Authorization": "Bearer " + token,
         "Content-Type": "application/json"}
    n, t_end = 0, time.monotonic() + seconds
    while time.monotonic() < t_end:
        c.request("POST", f"{ws}/contacts",
                  body='{"firstName": "L%d", "email": "l%d@bench.dev"}'
                       % (n, n), headers=h)
        r = c.getresponse()
        r.read()
        assert r.status == 201, r.status
        n += 1
    return n


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p / 100))]


def main():
    nstreams = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    nruns = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    s = Server()
    try:
        ws = f"/api/workspaces/{s.ws}"
        owner = s.client("owner")
        token = s.user("owner")["token"]
        pid = s.proc.pid
        load(s.port, token, ws, 3)  # warm-up, not counted
        t0 = cpu_s(pid)
        n0 = load(s.port, token, ws, LOAD_S)
        base_load = cpu_s(pid) - t0
        runs = []
        for i in range(nruns):
            a = make_agent(owner, ws, steps(step("wait", seconds=30 * 86400),
                                            step("remember", key="k",
                                                 value="v")))
            eid = run(owner, ws, a["id"]).json["executionId"]
            wait_exec(owner, ws, eid, ("waiting",))
            runs.append(eid)
        watches = {eid: [] for eid in runs}
        for i in range(nstreams):
            eid = runs[i % nruns]
            watches[eid].append(
                Watch(s.port, f"{ws}/executions/{eid}/events", token))
        for ws_ in watches.values():
            for w in ws_:
                assert w.started.wait(30)
        t0 = cpu_s(pid)
        time.sleep(IDLE_S)
        idle = cpu_s(pid) - t0
        t0 = cpu_s(pid)
        n1 = load(s.port, token, ws, LOAD_S)
        with_load = cpu_s(pid) - t0
        lat = []
        for eid in runs:
            sent = time.monotonic()
            r = owner.post(f"{ws}/executions/{eid}/cancel")
            assert r.status == 200, r
            for w in watches[eid]:
                w.join(30)
                assert w.end_at, "no end event"
                lat.append((w.end_at - sent) * 1000)
        print(f"streams {nstreams} on {nruns} parked runs")
        print(f"idle {IDLE_S} s with the streams open: server CPU "
              f"{idle:.2f} s")
        print(f"creating contacts for {LOAD_S} s, no stream: {n0} contacts, "
              f"server CPU {base_load:.2f} s")
        print(f"creating contacts for {LOAD_S} s, {nstreams} streams: {n1} "
              f"contacts, server CPU {with_load:.2f} s")
        print(f"cancel -> 'end' on every stream of the run (ms): p50 "
              f"{pct(lat, 50):.1f}, p99 {pct(lat, 99):.1f}, max "
              f"{max(lat):.1f}")
    finally:
        assert s.stop() == 0


if __name__ == "__main__":
    main()
