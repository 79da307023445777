"""The MIME email of a rendered message: plain text and HTML as alternatives, the chart
related to the HTML by its Content-ID; and the browser copy with the image inlined."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage

from dashboards.emails.alert import render_alert
from service.emails_mime import html_with_data_uris, mime_message
from tests.dashboards.emails.alert_views import alert_view

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def _parsed(raw: bytes) -> EmailMessage:
    parsed = message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_the_email_is_alternative_text_and_related_html_with_the_chart() -> None:
    rendered = render_alert(alert_view(), PNG, language="zh", target_url="http://x/t")
    email = _parsed(mime_message(rendered, sender="targetwatch@example.gov.cn",
                                 to="leaders@example.gov.cn", message_id="<a-7-1@x>",
                                 date=datetime(2015, 6, 30, 16, tzinfo=UTC)).as_bytes())
    assert email["Subject"] == rendered.subject and email["Message-ID"] == "<a-7-1@x>"
    assert email.get_content_type() == "multipart/alternative"
    plain, related = email.iter_parts()
    assert plain.get_content_type() == "text/plain"
    assert plain.get_content().rstrip("\n") == rendered.text.rstrip("\n")
    assert related.get_content_type() == "multipart/related"
    html, image = related.iter_parts()
    assert html.get_content().rstrip("\n") == rendered.html.rstrip("\n")
    assert image.get_content_type() == "image/png" and image.get_content() == PNG
    content_id = image["Content-ID"].strip("<>")
    assert f'src="cid:{content_id}"' in rendered.html
    assert email.get_body(("html",)) is not None


def test_a_message_without_images_has_no_related_part() -> None:
    rendered = render_alert(alert_view(), None, language="en", target_url="http://x/t")
    email = _parsed(mime_message(rendered, sender="t@example.gov.cn",
                                 to="a@example.gov.cn").as_bytes())
    assert [p.get_content_type() for p in email.iter_parts()] == ["text/plain", "text/html"]
    assert email["Message-ID"].endswith("@example.gov.cn>")


def test_the_browser_copy_inlines_the_chart() -> None:
    rendered = render_alert(alert_view(), PNG, language="zh", target_url="http://x/t")
    html = html_with_data_uris(rendered)
    assert "cid:" not in html
    assert f"data:image/png;base64,{base64.b64encode(PNG).decode()}" in html
