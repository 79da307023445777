"""The issue's end-to-end check: on a fresh demo, `targetwatch alerts run` (a real process)
raises the alerts, and what it queues arrives at a real SMTP server and a real DingTalk
robot on loopback — the digest with its charts inline, the severe alerts at once — and a
second run sends nothing new. The first run is two processes started together on one
PostgreSQL database, which evaluate and send once between them (the work lock, then the
outbox's dedupe keys)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indicators.tables.alerts import Alert, AlertEvent, AlertEventKind
from service.db import make_engine, session_factory, transaction
from service.delivery.tables import OutboxMessage, OutboxState
from service.demo import actuals as demo_actuals
from service.demo.loader import OPEN_AS_OF, load_demo
from service.demo.recipients import LEADERS_ROBOT, add_demo_recipients
from service.migrate import upgrade
from tests.conftest import fresh_database
from tests.service.delivery.servers import MailStore, RobotServer, SmtpServer

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 12, 4, tzinfo=UTC)
SECRET = "SEC-demo-robot-secret"
LEADERS = "leaders@example.gov.cn"


def _build_demo(url: str) -> str:
    """A fresh demo database, committed: catalogue, figures, the opening day and the
    half-year before it replayed, and the demo recipients."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        with transaction(session_factory(engine)) as session:
            load_demo(session, actuals_csv=demo_actuals.BUNDLED_ACTUALS, now=NOW,
                      replay_on=[date(2014, 12, 31), OPEN_AS_OF])
            add_demo_recipients(session)
    finally:
        engine.dispose()
    return url


@pytest.fixture
def demo_url(tmp_path: Path) -> Iterator[str]:
    """On PostgreSQL only (the issue's case, and the work lock's): the delivery itself is
    tested on both databases in tests/service/delivery."""
    for url in fresh_database("postgresql", tmp_path):
        yield _build_demo(url)


@pytest.fixture
def servers() -> Iterator[tuple[MailStore, RobotServer, SmtpServer]]:
    store = MailStore()
    smtp, robot = SmtpServer(store), RobotServer()
    smtp.start()
    robot.start()
    yield store, robot, smtp
    smtp.stop()
    robot.stop()


def _environment(url: str, smtp: SmtpServer, robot: RobotServer) -> dict[str, str]:
    robots = [{"name": LEADERS_ROBOT, "url": f"{robot.base}/robot/send?access_token=t",
               "secret": SECRET}]
    return {**os.environ, "PYTHONPATH": str(REPO), "TARGETWATCH_DATABASE_URL": url,
            "TARGETWATCH_SMTP_HOST": "127.0.0.1", "TARGETWATCH_SMTP_PORT": str(smtp.port),
            "TARGETWATCH_SMTP_SECURITY": "none",
            "TARGETWATCH_MAIL_FROM": "targetwatch@example.gov.cn",
            "TARGETWATCH_DINGTALK_ROBOTS": json.dumps(robots), "TARGETWATCH_LANGUAGE": "zh"}


def _alerts_run(environment: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from service.cli import app; app()", "alerts", "run",
         "--as-of", OPEN_AS_OF.isoformat()],
        env=environment, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finished(process: subprocess.Popen[str]) -> str:
    output, _ = process.communicate(timeout=600)
    assert process.returncode == 0, output
    return output


def _to(store: MailStore, address: str) -> list[EmailMessage]:
    return [m for m in store.received if m["To"] == address]


def _is_digest(message: EmailMessage) -> bool:
    return "周报" in str(message["Subject"])


def _check_digest(message: EmailMessage) -> None:
    """Both parts, every chart the HTML shows carried inline under its Content-ID."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    html_text = html.get_content()
    images = [part for part in message.walk() if part.get_content_type() == "image/png"]
    assert images, "the digest carries its charts inline"
    for image in images:
        cid = str(image["Content-ID"]).strip().strip("<>")
        assert f"cid:{cid}" in html_text
        assert image.get_content().startswith(b"\x89PNG")
    assert "进度滞后" in html_text and "进度滞后" in text.get_content()


def _check_signature(query: dict[str, list[str]]) -> None:
    """DingTalk's signed-secret check, done here independently of the sender."""
    timestamp, sign = query["timestamp"][0], query["sign"][0]
    expected = base64.b64encode(hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(),
                                         hashlib.sha256).digest()).decode()
    assert sign == expected


def _outbox(url: str) -> Counter[OutboxState]:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return Counter(session.scalars(select(OutboxMessage.state)))
    finally:
        engine.dispose()


def _raised_once(url: str) -> None:
    """Every alert fired once: no evaluation raised what another had raised."""
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            alerts = session.scalar(select(func.count()).select_from(Alert))
            fired = session.scalar(select(func.count()).select_from(AlertEvent).where(
                AlertEvent.kind == AlertEventKind.FIRED))
    finally:
        engine.dispose()
    assert alerts == fired and (alerts or 0) >= 20


def test_a_fresh_demo_delivers_its_alerts_once(
        demo_url: str, servers: tuple[MailStore, RobotServer, SmtpServer]) -> None:
    """Two processes start together: one evaluates and sends, the other finds the work lock
    held and skips."""
    store, robot, smtp = servers
    environment = _environment(demo_url, smtp, robot)
    outputs = [_finished(process) for process in [_alerts_run(environment) for _ in "ab"]]
    assert sum("另一进程正在评估预警" in output for output in outputs) == 1, outputs
    _raised_once(demo_url)

    leaders = _to(store, LEADERS)
    digests = [m for m in leaders if _is_digest(m)]
    assert len(digests) == 1
    _check_digest(digests[0])
    severe = [m for m in leaders if not _is_digest(m)]
    assert severe, "the leaders hear of severe alerts at once"
    assert any("城中村" in m.get_body(preferencelist=("html",)).get_content() for m in severe)
    # The statistics clerk hears of the two data alerts at once, and of nothing else.
    clerk = sorted(str(m["Subject"]) for m in _to(store, "stats@example.gov.cn"))
    assert len(clerk) == 2 and "城镇化率" in clerk[0] + clerk[1] and "白酒" in clerk[0] + clerk[1]
    for department in ("fgw@example.gov.cn", "nw@example.gov.cn"):
        assert any(_is_digest(m) for m in _to(store, department))
    ids = store.message_ids()
    assert len(ids) == len(set(ids))
    assert robot.calls and all(call.body["msgtype"] == "markdown" for call in robot.calls)
    for call in robot.calls:
        _check_signature(call.query)
    assert _outbox(demo_url) == Counter({OutboxState.SENT: len(ids) + len(robot.calls)})

    before_mail, before_robot = len(store.received), len(robot.calls)
    second = _finished(_alerts_run(environment))
    assert "新触发 0" in second
    assert (len(store.received), len(robot.calls)) == (before_mail, before_robot)
