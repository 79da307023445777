"""The benchmark's server and client: `targetwatch`'s app served by uvicorn in a process of
its own on a loopback port (one worker, as `targetwatch serve` runs it), signed in to, and
loaded by a concurrent client that times every request from send to last byte."""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parents[1]
TIMED_OUT = 599  # the status recorded for a request the client gave up on
_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Timing:
    """One URL's run: its status, latencies in milliseconds and body size."""

    label: str
    url: str
    status: int
    millis: list[float]
    size: int

    @property
    def missing(self) -> bool:
        return self.status == 404

    def quantile(self, q: float) -> float:
        if len(self.millis) < 2:
            return self.millis[0] if self.millis else float("nan")
        return statistics.quantiles(self.millis, n=100, method="inclusive")[round(q * 100) - 1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(database_url: str, workers: int = 1) -> Iterator[str]:
    """Serve the app on `database_url` in a uvicorn process (with `workers` worker
    processes); yield its base URL."""
    port = free_port()
    env = {**os.environ, "TARGETWATCH_DATABASE_URL": database_url,
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "service.app:create_app",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
         "--no-access-log", "--workers", str(workers)], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # still answering the slow requests
            process.kill()
            process.wait(timeout=10)


def _wait_for(base: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped with exit code {process.returncode}")
        try:
            if httpx2.get(f"{base}/healthz", timeout=5).status_code == 200:
                return
        except httpx2.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not answer /healthz in time")


def login_fields(html: str, user: str, password: str) -> dict[str, str] | None:
    """The login form's fields filled in: hidden ones as given (the CSRF token), the
    password field, and the first other text field for the name. None without a form."""
    fields: dict[str, str] = {}
    named_user = False
    for tag in _INPUT.findall(html):
        attributes = dict(_ATTRIBUTE.findall(tag))
        name, kind = attributes.get("name"), attributes.get("type", "text").lower()
        if not name:
            continue
        if kind == "hidden":
            fields[name] = attributes.get("value", "")
        elif kind == "password":
            fields[name] = password
        elif kind in ("text", "email") and not named_user:
            fields[name], named_user = user, True
    return fields if named_user else None


def signed_in(base: str, user: str, password: str, token: str) -> tuple[httpx2.Client, str]:
    """A client with a page session when the app has a login form (POST /login with its
    CSRF token), else with the API token as a Bearer header; and which of the two."""
    client = httpx2.Client(base_url=base, timeout=60, follow_redirects=False,
                           limits=httpx2.Limits(max_connections=64,
                                                max_keepalive_connections=64))
    page = client.get("/login")
    fields = login_fields(page.text, user, password) if page.status_code == 200 else None
    if fields is not None:
        answer = client.post("/login", data=fields)
        if answer.status_code in (200, 302, 303) and client.cookies:
            return client, "session cookie"
        print(f"login answered {answer.status_code}; using the API token instead",
              file=sys.stderr)
    client.headers["Authorization"] = f"Bearer {token}"
    return client, "Bearer token"


def measure(client: httpx2.Client, label: str, url: str, *, requests: int,
            concurrency: int, max_seconds: float) -> Timing:
    """One warm-up request, then `requests` requests, `concurrency` at a time; no new
    request starts after `max_seconds` (a slow page is timed on fewer requests)."""
    start = time.perf_counter()
    try:
        first = client.get(url)
    except httpx2.TimeoutException:
        return Timing(label, url, TIMED_OUT, [(time.perf_counter() - start) * 1000], 0)
    if first.status_code == 404:
        return Timing(label, url, 404, [], 0)
    deadline = time.monotonic() + max_seconds

    def one(_: int) -> tuple[float, int] | None:
        if time.monotonic() > deadline:
            return None
        start = time.perf_counter()
        try:
            status = client.get(url).status_code
        except httpx2.TimeoutException:
            status = TIMED_OUT
        return (time.perf_counter() - start) * 1000, status

    with ThreadPoolExecutor(concurrency) as pool:
        done = [d for d in pool.map(one, range(requests)) if d is not None]
    statuses = {status for _, status in done}
    status = first.status_code if statuses == {first.status_code} else max(statuses)
    return Timing(label, url, status, [m for m, _ in done], len(first.content))
