"""A real SMTP server on loopback for the tests (aiosmtpd, from Debian's
python3-aiosmtpd): it receives what agentd sends, and the tests read the
delivered messages back."""
import email
import email.policy
import os
import socket
import ssl
import subprocess
import threading
import time
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

# Plain AUTH is what the test wants to see on loopback.
warnings.filterwarnings("ignore", message="Requiring AUTH while not")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def make_ca(d):
    """A CA and a certificate it signed for localhost and 127.0.0.1, made
    with Debian's openssl in directory d: (ca.pem, cert.pem, key.pem)."""
    ca, cakey = os.path.join(d, "ca.pem"), os.path.join(d, "ca.key")
    cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
    csr, ext = os.path.join(d, "cert.csr"), os.path.join(d, "san.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    run = lambda *a: subprocess.run(["openssl", *a], check=True,
                                    capture_output=True)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=agentd test CA", "-keyout", cakey, "-out", ca)
    run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
        "-keyout", key, "-out", csr)
    run("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", cakey,
        "-CAcreateserial", "-days", "2", "-extfile", ext, "-out", cert)
    return ca, cert, key


class SmtpServer:
    """Accepts every message (or rejects recipients in `reject`), after
    `delay` seconds each; with `user`/`password`, requires AUTH. With
    tls="starttls" it requires STARTTLS, with tls="implicit" it speaks TLS
    from the first byte (SMTPS); cert = (cert.pem, key.pem)."""

    def __init__(self, user=None, password=None, delay=0.0, tls=None,
                 cert=None):
        self.messages = []
        self.reject = set()
        self.delay = delay
        self.logins = []
        self.lock = threading.Lock()
        outer = self

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address,
                                  rcpt_options):
                if address in outer.reject:
                    return "550 5.1.1 No such user here"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                if outer.delay:
                    time.sleep(outer.delay)
                msg = email.message_from_bytes(envelope.content,
                                               policy=email.policy.default)
                encrypted = (session.ssl is not None or
                             server.transport.get_extra_info("sslcontext")
                             is not None)
                with outer.lock:
                    outer.messages.append({
                        "from": envelope.mail_from,
                        "to": list(envelope.rcpt_tos),
                        "raw": envelope.content,
                        "msg": msg,
                        "tls": encrypted,
                    })
                return "250 Message accepted for delivery"

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and
                  auth_data.login.decode() == user and
                  auth_data.password.decode() == password)
            outer.logins.append(ok)
            return AuthResult(success=ok)

        kw = {}
        if user:
            kw = {"authenticator": authenticator, "auth_required": True,
                  "auth_require_tls": False}
        if tls:
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(*cert)
            if tls == "starttls":
                kw.update(tls_context=ctx, require_starttls=True)
            else:
                kw.update(ssl_context=ctx, server_hostname="localhost")
        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1",
                                     port=self.port, **kw)
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def wait(self, n, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if len(self.messages) >= n:
                return self.messages
            time.sleep(0.02)
        raise AssertionError(f"{len(self.messages)} messages, wanted {n}")
