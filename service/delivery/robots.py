"""DingTalk and WeCom group robots: a markdown message POSTed as JSON to a webhook.

The address of a robot message is the robot's name in `TARGETWATCH_DINGTALK_ROBOTS` /
`TARGETWATCH_WECOM_ROBOTS`. DingTalk's "加签" security: the URL carries `timestamp` (ms) and
`sign` = urlencode(base64(HMAC-SHA256(key=secret, timestamp + "\\n" + secret))), as its
custom-robot documentation says. Both answer HTTP 200 with `{"errcode": 0, …}` on success;
any other errcode is an error. Plain urllib: one POST needs no HTTP library.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from typing import Any

from service.delivery.channels import DeliveryError, OutgoingMessage
from service.settings import Robot


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """Return DingTalk's signature of a timestamp, url-encoded, ready for the query."""
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), to_sign, hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


def dingtalk_body(message: OutgoingMessage) -> dict[str, Any]:
    return {"msgtype": "markdown", "markdown": {"title": message.rendered.subject,
                                                "text": message.rendered.markdown}}


def wecom_body(message: OutgoingMessage) -> dict[str, Any]:
    return {"msgtype": "markdown", "markdown": {"content": message.rendered.markdown}}


class RobotChannel:
    """POSTs each message to the robot its address names."""

    def __init__(self, robots: Iterable[Robot], *, timeout: float,
                 body: Callable[[OutgoingMessage], dict[str, Any]],
                 clock_ms: Callable[[], int] | None = None) -> None:
        self.robots = {robot.name: robot for robot in robots}
        self.timeout = timeout
        self.body = body
        self.clock_ms = clock_ms or _now_ms

    def send(self, message: OutgoingMessage) -> None:
        """POST the message to its robot, or raise `DeliveryError`."""
        robot = self.robots.get(message.address)
        if robot is None:
            raise DeliveryError(f"no robot named {message.address!r} is configured",
                                permanent=True)
        data = json.dumps(self.body(message), ensure_ascii=False).encode()
        request = urllib.request.Request(self.url(robot), data=data, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8"})
        _check_answer(_post(request, self.timeout))

    def url(self, robot: Robot) -> str:
        """The webhook URL, signed when the robot has a secret."""
        if robot.secret is None:
            return robot.url
        timestamp = self.clock_ms()
        sign = dingtalk_sign(robot.secret.get_secret_value(), timestamp)
        joiner = "&" if "?" in robot.url else "?"
        return f"{robot.url}{joiner}timestamp={timestamp}&sign={sign}"


class DingTalkChannel(RobotChannel):
    """DingTalk robots: markdown with a title, signed when a secret is set."""

    def __init__(self, robots: Iterable[Robot], *, timeout: float,
                 clock_ms: Callable[[], int] | None = None) -> None:
        super().__init__(robots, timeout=timeout, body=dingtalk_body, clock_ms=clock_ms)


class WeComChannel(RobotChannel):
    """WeCom (企业微信) robots: markdown content; the key is part of the URL."""

    def __init__(self, robots: Iterable[Robot], *, timeout: float) -> None:
        super().__init__(robots, timeout=timeout, body=wecom_body)


def _post(request: urllib.request.Request, timeout: float) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as error:
        # 429 and 5xx may pass; any other 4xx (bad URL, bad key) will not.
        permanent = 400 <= error.code < 500 and error.code != 429
        error.close()  # it holds the response and its socket
        raise DeliveryError(f"HTTP {error.code} {error.reason}", permanent=permanent) from error
    except (urllib.error.URLError, OSError) as error:
        raise DeliveryError(f"{type(error).__name__}: {error}", permanent=False) from error


def _check_answer(raw: bytes) -> None:
    try:
        answer = json.loads(raw)
    except ValueError as error:
        raise DeliveryError(f"not JSON: {raw[:200]!r}", permanent=False) from error
    if not isinstance(answer, dict) or answer.get("errcode") != 0:
        # Rate limits (DingTalk 130101, WeCom 45009) pass; a message that keeps failing
        # ends dead after TARGETWATCH_SEND_MAX_ATTEMPTS, with the answer as its error.
        raise DeliveryError(f"robot answered {str(answer)[:500]}", permanent=False)


def _now_ms() -> int:
    return int(time.time() * 1000)
