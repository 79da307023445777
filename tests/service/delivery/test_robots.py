"""DingTalk and WeCom robots as a real loopback HTTP server sees them: the JSON body, and
DingTalk's signature checked here independently of the code that made it."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest
from pydantic import SecretStr

from service.delivery.channels import DeliveryError, OutgoingMessage
from service.delivery.robots import DingTalkChannel, WeComChannel
from service.delivery.tables import ChannelName
from service.settings import Robot
from tests.service.delivery.conftest import NOW, rendered
from tests.service.delivery.servers import RobotServer

SECRET = "SECb6a0f3c3e0d4c5b1a2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c"
TIMESTAMP_MS = 1_772_413_200_000


def _outgoing(channel: ChannelName, robot: str) -> OutgoingMessage:
    return OutgoingMessage(outbox_id=1, channel=channel, address=robot,
                           message_id="<1@example.org>", created_at=NOW, rendered=rendered(4))


def _dingtalk(robots: RobotServer, path: str = "/robot/send") -> DingTalkChannel:
    return DingTalkChannel([Robot(name="office", url=f"{robots.base}{path}?access_token=T",
                                  secret=SecretStr(SECRET))],
                           timeout=5, clock_ms=lambda: TIMESTAMP_MS)


def test_dingtalk_gets_markdown_with_a_valid_signature(robots: RobotServer) -> None:
    _dingtalk(robots).send(_outgoing(ChannelName.DINGTALK, "office"))
    [call] = robots.calls
    assert call.path == "/robot/send"
    assert call.body == {"msgtype": "markdown", "markdown": {
        "title": "预警 4：地区生产总值增速偏离目标", "text": "**目标 4**：增长 6% 左右"}}
    assert call.query["access_token"] == ["T"]
    assert call.query["timestamp"] == [str(TIMESTAMP_MS)]
    # DingTalk's recipe: HMAC-SHA256 keyed by the secret over "timestamp\nsecret", base64.
    expected = base64.b64encode(hmac.new(SECRET.encode(), f"{TIMESTAMP_MS}\n{SECRET}".encode(),
                                         hashlib.sha256).digest()).decode()
    assert call.query["sign"] == [expected]  # parse_qs undid the url-encoding


def test_a_dingtalk_robot_without_a_secret_is_not_signed(robots: RobotServer) -> None:
    channel = DingTalkChannel([Robot(name="plain", url=f"{robots.base}/robot/send")], timeout=5)
    channel.send(_outgoing(ChannelName.DINGTALK, "plain"))
    assert "sign" not in robots.calls[0].query


def test_wecom_gets_markdown_content(robots: RobotServer) -> None:
    channel = WeComChannel([Robot(name="dept", url=f"{robots.base}/cgi-bin/webhook/send?key=K")],
                           timeout=5)
    channel.send(_outgoing(ChannelName.WECOM, "dept"))
    [call] = robots.calls
    assert call.query == {"key": ["K"]}
    assert call.body == {"msgtype": "markdown",
                         "markdown": {"content": "**目标 4**：增长 6% 左右"}}


@pytest.mark.parametrize(("path", "permanent"), [("/fail", False), ("/errcode", False)])
def test_http_500_and_an_errcode_are_failures_worth_retrying(
        robots: RobotServer, path: str, permanent: bool) -> None:
    with pytest.raises(DeliveryError) as failure:
        _dingtalk(robots, path).send(_outgoing(ChannelName.DINGTALK, "office"))
    assert failure.value.permanent is permanent
    assert ("500" if path == "/fail" else "310000") in str(failure.value)


def test_an_unknown_robot_is_a_permanent_failure(robots: RobotServer) -> None:
    with pytest.raises(DeliveryError) as failure:
        _dingtalk(robots).send(_outgoing(ChannelName.DINGTALK, "nobody"))
    assert failure.value.permanent
    assert robots.calls == []
