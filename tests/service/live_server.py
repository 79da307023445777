"""A real uvicorn on a free loopback port, and plain HTTP requests to it, for the tests that
need requests to run at the same time (uploads beside reads, readers beside a writer)."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI


@contextmanager
def serving(app: FastAPI) -> Iterator[int]:
    """Serve `app` in a thread until the block ends; yield its port."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    until(lambda: server.started)
    try:
        yield server.servers[0].sockets[0].getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def until(condition: Callable[[], bool], seconds: float = 60) -> None:
    """Wait for `condition`, failing the test when it has not come within `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def multipart(name: str, content: bytes) -> tuple[bytes, str]:
    """A multipart body sending `content` as the form field `file`, and its content type."""
    boundary = "targetwatch-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n").encode() + content + \
        f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def request(port: int, method: str, path: str, body: bytes = b"",
            headers: dict[str, str] | None = None, timeout: float = 300) -> tuple[int, bytes]:
    """Send one request on a connection of its own; return the status and the body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()
