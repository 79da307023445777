"""A rendered message as a MIME email (RFC 5322 with RFC 2387 related parts): the plain
text and the HTML as alternatives, the HTML's inline PNGs related to it by Content-ID, so
that mail clients show the chart where the HTML says `cid:…`. The one builder: the SMTP
channel sends what it builds and `targetwatch email preview` writes it."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from dashboards.emails.message import RenderedMessage


def mime_message(rendered: RenderedMessage, *, sender: str, to: str,
                 message_id: str | None = None, date: datetime | None = None) -> EmailMessage:
    """Build the email: multipart/alternative of text/plain and a multipart/related
    holding text/html and each inline PNG (Content-ID `<content_id>`). A given
    `message_id` (stable across retries) is used as is, else a new one is made."""
    email = EmailMessage()
    email["Subject"] = rendered.subject
    email["From"] = sender
    email["To"] = to
    email["Message-ID"] = message_id or make_msgid(domain=sender.rpartition("@")[2] or None)
    if date is not None:
        email["Date"] = format_datetime(date)
    email["Content-Language"] = "zh-CN" if rendered.language == "zh" else "en"
    email.set_content(rendered.text, subtype="plain", charset="utf-8")
    email.add_alternative(rendered.html, subtype="html", charset="utf-8")
    html_part = email.get_payload()[1]  # type: ignore[index]
    for image in rendered.images:
        html_part.add_related(image.png, maintype="image", subtype="png",
                              cid=f"<{image.content_id}>", filename=image.filename,
                              disposition="inline")
    return email

