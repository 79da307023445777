"""One rendered message, the same shape for every channel: what the outbox stores and the
sender sends, so that a retry sends exactly the bytes of the first attempt."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class InlineImage:
    """A PNG shown inside the HTML part, referenced there as ``cid:{content_id}``."""

    content_id: str  # without angle brackets, e.g. "chart-003-forest-2015@targetwatch"
    png: bytes
    filename: str


@dataclass(frozen=True)
class RenderedMessage:
    """Subject, plain text, HTML with its inline images (email) and markdown (robots).

    Every user-supplied string is already escaped in `html` and `markdown`; `text` is plain.
    """

    subject: str
    text: str
    html: str
    markdown: str
    language: str = "zh"  # "zh" or "en": the recipient's language
    images: tuple[InlineImage, ...] = field(default_factory=tuple)
