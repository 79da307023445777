"""The preview's browser copy: the HTML with its charts inlined as data: URIs. (The email
itself is built by `service.emails_mime.mime_message`, tested with the delivery's SMTP
tests; the preview command's test parses the .eml it writes.)"""

from __future__ import annotations

import base64

from dashboards.emails.alert import render_alert
from service.digests import html_with_data_uris
from tests.dashboards.emails.alert_views import alert_view

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def test_the_browser_copy_inlines_the_chart() -> None:
    rendered = render_alert(alert_view(), PNG, language="zh", target_url="http://x/t")
    html = html_with_data_uris(rendered)
    assert "cid:" not in html
    assert f"data:image/png;base64,{base64.b64encode(PNG).decode()}" in html
