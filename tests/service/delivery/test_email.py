"""Email as it arrives at a real SMTP server on loopback: headers, both parts, the inline
image with its Content-ID, the Chinese subject; refusals are permanent, outages are not."""

from __future__ import annotations

import pytest

from service.delivery.channels import DeliveryError, OutgoingMessage
from service.delivery.email_channel import SmtpChannel, SmtpConfig
from service.delivery.tables import ChannelName
from tests.service.delivery.conftest import NOW, PNG, REFUSED, rendered
from tests.service.delivery.servers import SmtpServer, free_port

MESSAGE_ID = "<0123456789abcdef@example.org>"


def _outgoing(address: str = "leader@example.org") -> OutgoingMessage:
    return OutgoingMessage(outbox_id=1, channel=ChannelName.EMAIL, address=address,
                           message_id=MESSAGE_ID, created_at=NOW, rendered=rendered(3))


def test_the_email_arrives_with_text_html_and_the_inline_chart(
        mail: SmtpServer, smtp: SmtpChannel) -> None:
    smtp.send(_outgoing())
    [received] = mail.store.received
    assert received["From"] == "targetwatch@example.org"
    assert received["To"] == "leader@example.org"
    assert received["Subject"] == "预警 3：地区生产总值增速偏离目标"
    assert received["Message-ID"] == MESSAGE_ID
    assert received["Date"].datetime == NOW
    assert received.get_content_type() == "multipart/alternative"
    text, related = received.get_payload()
    assert text.get_content_type() == "text/plain"
    assert text.get_content().rstrip() == "目标 3：增长 6% 左右；最新 5.1%。"
    assert related.get_content_type() == "multipart/related"
    html, image = related.get_payload()
    assert html.get_content_type() == "text/html"
    assert 'src="cid:chart-3@targetwatch"' in html.get_content()
    assert image.get_content_type() == "image/png"
    assert image["Content-ID"] == "<chart-3@targetwatch>"
    assert image.get_content_disposition() == "inline"
    assert image.get_filename() == "chart-3.png"
    assert image.get_content() == PNG


def test_the_subject_header_is_encoded_as_utf_8(mail: SmtpServer, smtp: SmtpChannel) -> None:
    smtp.send(_outgoing())
    raw = mail.store.received[0].as_bytes()
    subject_line = raw.split(b"Subject:", 1)[1].split(b"\n", 1)[0]
    assert subject_line.isascii() and b"=?utf-8?" in subject_line.lower()


def test_a_mailbox_refused_with_550_is_a_permanent_failure(
        mail: SmtpServer, smtp: SmtpChannel) -> None:
    with pytest.raises(DeliveryError) as failure:
        smtp.send(_outgoing(REFUSED))
    assert failure.value.permanent
    assert "550" in str(failure.value)
    assert mail.store.received == []


def test_a_server_that_is_down_is_a_transient_failure() -> None:
    channel = SmtpChannel(SmtpConfig(host="127.0.0.1", port=free_port(), timeout=2))
    with pytest.raises(DeliveryError) as failure:
        channel.send(_outgoing())
    assert not failure.value.permanent
