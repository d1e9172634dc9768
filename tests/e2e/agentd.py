"""Drives a real agentd binary over HTTP for the end-to-end tests.

Server starts `agentd serve` on a free port (port 0; the bound port is read
from the server's own "server.started" log line) with a fresh database in a
temporary directory, optionally seeded with the demo workspace. Client is a
small keep-alive HTTP client that returns (status, JSON body, headers).
"""
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("AGENTD_BIN") or os.path.join(ROOT, "agentd")


def run_cli(*args, env=None, input=None, timeout=60):
    """Runs `agentd ARGS`; returns CompletedProcess with text output."""
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([BIN, *args], capture_output=True, text=True,
                          env=e, input=input, timeout=timeout)


class Response:
    def __init__(self, status, body, headers, raw):
        self.status = status
        self.json = body
        self.headers = headers
        self.raw = raw

    def __repr__(self):
        return f"<{self.status} {self.raw[:300]!r}>"

    @property
    def error(self):
        return (self.json or {}).get("error", {})


class Client:
    def __init__(self, port, token=None, cookie=None):
        self.port = port
        self.token = token
        self.cookie = cookie
        self.conn = None

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port,
                                                   timeout=60)
        return self.conn

    def request(self, method, path, body=None, headers=None, raw=None,
                auth=True):
        h = {}
        if auth and self.token:
            h["Authorization"] = "Bearer " + self.token
        if auth and self.cookie:
            h["Cookie"] = self.cookie
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        elif raw is not None:
            h.setdefault("Content-Type", "application/json")
        h.update(headers or {})
        for attempt in range(2):
            conn = self._connection()
            try:
                conn.request(method, path, body=data, headers=h)
                r = conn.getresponse()
                payload = r.read()
                break
            except (http.client.HTTPException, ConnectionError, OSError):
                # The server may close a kept-alive connection; retry once
                # on a fresh one.
                self.conn = None
                if attempt:
                    raise
        if r.getheader("Connection", "").lower() == "close":
            self.conn = None
        try:
            parsed = json.loads(payload) if payload else None
        except ValueError:
            parsed = None
        return Response(r.status, parsed, {k.lower(): v for k, v in
                                           r.getheaders()}, payload)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def close(self):
        if self.conn:
            self.conn.close()
            self.conn = None


class Server:
    """One agentd process with its own database directory."""

    def __init__(self, seed=True, env=None, args=()):
        self.dir = tempfile.mkdtemp(prefix="agentd-e2e-")
        self.db = os.path.join(self.dir, "agentd.db")
        self.env = dict(os.environ)
        self.env.update({"AGENTD_LOG_LEVEL": "info"})
        self.env.update(env or {})
        self.args = list(args)
        self.demo = None
        self.proc = None
        self.port = None
        self.log_lines = []
        if seed:
            out = run_cli("seed-demo", "--db", self.db, "--json",
                          env=self.env)
            assert out.returncode == 0, out.stderr
            self.demo = json.loads(out.stdout)
        self.start()

    def start(self):
        port_file = os.path.join(self.dir, "port")
        if os.path.exists(port_file):
            os.unlink(port_file)
        self.proc = subprocess.Popen(
            [BIN, "serve", "--db", self.db, "--port", "0", "--port-file",
             port_file, *self.args],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env=self.env)
        threading.Thread(target=self._read_log, daemon=True).start()
        deadline = time.time() + 30
        while not os.path.exists(port_file):
            if self.proc.poll() is not None or time.time() > deadline:
                self.stop()
                raise RuntimeError("agentd did not start:\n" + self.log())
            time.sleep(0.01)
        self.port = int(open(port_file).read())

    def _read_log(self):
        for line in self.proc.stderr:
            self.log_lines.append(line)

    def log(self):
        return "".join(self.log_lines)

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Stops the server; returns its exit status. A server that ended
        badly leaves the end of its log on stderr, which pytest shows with
        the failure."""
        if not self.proc:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise
        rc = self.proc.returncode
        if rc != 0:
            time.sleep(0.2)  # the log reader drains the pipe
            sys.stderr.write(f"agentd exited with {rc}; its log ends:\n" +
                             "".join(self.log_lines[-40:]))
        return rc

    def kill(self):
        self.proc.kill()
        self.proc.wait()

    def restart(self):
        self.stop()
        self.start()

    # --- demo helpers ---------------------------------------------------
    @property
    def ws(self):
        return self.demo["workspaceId"]

    def user(self, role):
        return next(u for u in self.demo["users"] if u["role"] == role)

    def client(self, role=None, token=None):
        if role:
            token = self.user(role)["token"]
        return Client(self.port, token=token)

    def anon(self):
        return Client(self.port)


def wait_for(fn, timeout=20.0, interval=0.05, what="condition"):
    """Polls fn until it returns a truthy value; returns that value."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = fn()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}; last={last!r}")
