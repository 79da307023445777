"""Real servers on loopback for the delivery tests: an SMTP server (aiosmtpd) that keeps
what it receives and refuses chosen mailboxes with 550, and an HTTP server standing in for
DingTalk and WeCom robots, answering by path."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class MailStore:
    """The aiosmtpd handler: refuses `refused` mailboxes with 550, keeps every message."""

    def __init__(self, refused: frozenset[str] = frozenset()) -> None:
        self.refused = refused
        self.received: list[EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        if address in self.refused:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session,
                          envelope: Envelope) -> str:
        content = envelope.original_content or envelope.content
        assert isinstance(content, bytes)
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        with self.lock:
            self.received.append(parsed)  # type: ignore[arg-type]
        return "250 OK"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [str(m["Message-ID"]) for m in self.received]


class SmtpServer:
    """An SMTP server on a fixed loopback port that can be stopped and started again."""

    def __init__(self, store: MailStore) -> None:
        self.store = store
        self.port = free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.store, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@dataclass
class RobotCall:
    path: str
    query: dict[str, list[str]]
    body: dict[str, Any]


@dataclass
class RobotServer:
    """Answers POSTs: /fail with HTTP 500, /errcode with errcode 310000, else errcode 0."""

    calls: list[RobotCall] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> None:
        calls = self.calls

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                parts = urlsplit(self.path)
                calls.append(RobotCall(parts.path, parse_qs(parts.query), json.loads(raw)))
                if parts.path == "/fail":
                    self.send_response(500)
                    self.end_headers()
                    return
                code = 310000 if parts.path == "/errcode" else 0
                answer = json.dumps({"errcode": code, "errmsg": "ok" if code == 0 else "no"})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(answer.encode())

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
