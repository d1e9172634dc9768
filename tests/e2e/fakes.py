"""Local stand-ins for external services, speaking the providers' documented
request and response shapes. Each runs an HTTP server on 127.0.0.1 in a
thread, records the requests it got, and answers as the test tells it.

The real services cannot be reached from the test machines; these fakes
implement the parts of their APIs that agentd uses.
"""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeServer:
    """An HTTP server whose answers come from `handler(req) -> (status,
    headers, body)`, or a hang-up without an answer when it returns None;
    `req` is a dict with method, path, headers, body, json."""

    def __init__(self, handler=None):
        self.requests = []
        self.handler = handler or (lambda req: (200, {}, b"{}"))
        fake = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def _do(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                try:
                    parsed = json.loads(body) if body else None
                except ValueError:
                    parsed = None
                req = {"method": self.command, "path": self.path,
                       "headers": {k.lower(): v for k, v in self.headers.items()},
                       "body": body, "json": parsed, "time": time.time()}
                fake.requests.append(req)
                answer = fake.handler(req)
                if answer is None:
                    # Hang up without answering (a connection lost after
                    # the request went out).
                    self.close_connection = True
                    return
                status, headers, out = answer
                if isinstance(out, (dict, list)):
                    out = json.dumps(out).encode()
                    headers = dict(headers, **{"Content-Type": "application/json"})
                elif isinstance(out, str):
                    out = out.encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                try:
                    self.wfile.write(out)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _do

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def gemini_answer(plan):
    """A generateContent response whose text is the plan."""
    return {"candidates": [{"content": {"role": "model", "parts": [
        {"text": json.dumps(plan)}]}, "finishReason": "STOP"}]}


def openai_answer(plan):
    """A chat.completions response whose message content is the plan."""
    return {"id": "chatcmpl-1", "object": "chat.completion", "choices": [
        {"index": 0, "message": {"role": "assistant",
                                 "content": json.dumps(plan)},
         "finish_reason": "stop"}]}
