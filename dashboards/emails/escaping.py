"""Escaping for the robot markdown (the DingTalk/WeCom subset) and the template
environments of every message: HTML autoescaped, markdown escaped on output, text plain.

A value reaches a markdown message only through `{{ … }}`, and every such output is
escaped unless it was marked `MarkdownRaw` (the template's own links, built by the
`md_url` filter), so a quote, a name or a comment can never open a link, an image or
emphasis, nor slip raw HTML into a robot message."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

# Characters the DingTalk/WeCom markdown subset (CommonMark-like) gives a meaning to
# inside a line (`< >` become entities; `!` opens an image only before an escaped `[`).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#|~])")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


class MarkdownRaw(str):
    """Markdown written by our templates (a link target), not to be escaped again."""


def markdown_escape(text: object) -> str:
    """Escape a value for the robot markdown: HTML's `& < >` as entities (robots render
    some HTML), every markdown metacharacter with a backslash, line breaks as spaces."""
    if isinstance(text, MarkdownRaw):
        return str(text)
    plain = " ".join(str(text).split())
    plain = "".join(_HTML_SPECIAL.get(c, c) for c in plain)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain)


def md_url(url: str) -> MarkdownRaw:
    """A URL for a markdown link: characters that would end the link percent-encoded."""
    return MarkdownRaw(quote(url, safe=":/?&=#%~.-_+,;@!$'*"))


def _finalize(value: object) -> object:
    return "" if value is None else value


def _markdown_finalize(value: object) -> str:
    return "" if value is None else markdown_escape(value)


@cache
def html_environment() -> Environment:
    """Templates of the HTML parts: every value escaped (autoescape)."""
    return Environment(loader=PackageLoader("dashboards", "templates/emails"),
                       autoescape=select_autoescape(["html"], default=True),
                       undefined=StrictUndefined, finalize=_finalize, trim_blocks=True,
                       lstrip_blocks=True)


@cache
def markdown_environment() -> Environment:
    """Templates of the robot markdown: every value escaped by `markdown_escape`."""
    environment = Environment(loader=PackageLoader("dashboards", "templates/emails"),
                              autoescape=False, undefined=StrictUndefined,
                              finalize=_markdown_finalize, trim_blocks=True,
                              lstrip_blocks=True)
    environment.filters["md_url"] = md_url
    return environment


@cache
def text_environment() -> Environment:
    """Templates of the plain-text parts: values as they are (nothing interprets them)."""
    return Environment(loader=PackageLoader("dashboards", "templates/emails"),
                       autoescape=False, undefined=StrictUndefined, finalize=_finalize,
                       trim_blocks=True, lstrip_blocks=True)
