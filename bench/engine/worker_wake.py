"""Trigger → first step when the run is started by another process.

An API-only `agentd serve --workers 0` admits runs of a one-step agent, one
at a time, and an `agentd worker` process runs them; the figure is each
run's startedAt − createdAt as the store recorded them (millisecond
resolution): how long the worker process took to notice the new job and
start it.

    AGENTD_BIN=./agentd /usr/bin/python3 bench/engine/worker_wake.py [N]
"""
import datetime
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "e2e"))

from agentd import Server, run_cli  # noqa: E402
from runs import make_agent, run, step, steps, wait_exec  # noqa: E402
from test_workers import Worker  # noqa: E402


def ms(iso):
    return datetime.datetime.fromisoformat(
        iso.replace("Z", "+00:00")).timestamp() * 1000


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    s = Server(args=["--workers", "0"])
    w = Worker(s)
    try:
        ws = f"/api/workspaces/{s.ws}"
        owner = s.client("owner")
        run_cli("credits", str(s.ws), f"={n * 2}", "--db", s.db)
        a = make_agent(owner, ws, steps(step("remember", key="k", value="v")),
                       restrictions={"maxRunsPerMinute": n * 2,
                                     "maxRunsPerDay": n * 2})
        lat = []
        for _ in range(n):
            eid = run(owner, ws, a["id"]).json["executionId"]
            x = wait_exec(owner, ws, eid, timeout=10)
            lat.append(ms(x["startedAt"]) - ms(x["createdAt"]))
        lat.sort()
        print('{"bench": "worker_wake", "runs": %d, "p50_ms": %.0f, '
              '"p99_ms": %.0f, "max_ms": %.0f}'
              % (n, lat[n // 2], lat[max(0, int(n * 0.99) - 1)], lat[-1]))
    finally:
        w.stop()
        s.stop()


if __name__ == "__main__":
    main()
