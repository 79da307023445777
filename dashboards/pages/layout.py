"""What every page shares: who is asking, in which language, as of which day, and the
frame they are drawn in (templates/base.html: navigation, language switch, the as-of form
and the replay banner)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from indicators.text.messages import Language, message

# Each status has a shape besides its colour and word, so a mark reads printed in grey or
# by a reader who cannot tell red from green: filled for a final verdict, open for a
# forecast one, the triangle pointing the way things go.
STATUS_SHAPES: dict[str, str] = {
    "achieved": "●", "on_track": "○", "at_risk": "△", "off_track": "▽", "missed": "■",
    "not_assessable": "?",
}
WRITING_ROLES = frozenset({"admin", "uploader"})


@dataclass(frozen=True)
class PageContext:
    """One page request as the templates see it."""

    language: Language
    path: str
    as_of_moment: datetime  # the end of `as_of` (Beijing) in UTC, or now
    query: tuple[tuple[str, str], ...] = ()  # the request's parameters except lang
    user_name: str | None = None
    role: str | None = None
    csrf_token: str = ""
    as_of: date | None = None  # the replay day asked for; None = today
    replay_days: tuple[date, ...] = field(default=())  # days with a stored assessment
    open_alerts: int | None = None  # alerts firing or acknowledged, for the navigation

    def t(self, key: str, **values: object) -> str:
        return message(key, self.language, **values)

    @property
    def can_upload(self) -> bool:
        return self.role in WRITING_ROLES

    @property
    def other_language(self) -> Language:
        return Language.EN if self.language is Language.ZH else Language.ZH

    def url(self, path: str, **params: object) -> str:
        """A link to `path` keeping the language and the as-of day; a None param is left
        out."""
        pairs: dict[str, object] = {"lang": self.language.value,
                                    "as_of": self.as_of.isoformat() if self.as_of else None}
        pairs |= params
        kept = [(key, str(value)) for key, value in pairs.items() if value not in (None, "")]
        return f"{path}?{urlencode(kept)}" if kept else path

    def here(self, **params: object) -> str:
        """This page with some parameters changed (None removes one)."""
        current: dict[str, object] = dict(self.query)
        current |= params
        return self.url(self.path, **current)


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("dashboards", "templates"),
                       autoescape=select_autoescape(["html"]))


def render_page(template: str, context: PageContext, **values: Any) -> str:
    """Render a template that extends base.html."""
    return _environment().get_template(template).render(
        ctx=context, t=context.t, shapes=STATUS_SHAPES, **values)


@dataclass(frozen=True)
class PageBlocks:
    """A page's own blocks (title, head, content), rendered. They read the request only
    through its language, path, query and as-of day (links, words), never the user nor the
    CSRF token (those are in base.html's navigation), so a cache may keep them per URL and
    language and serve them to every user (`render_around` adds the navigation)."""

    title: Markup
    head: Markup
    content: Markup


def render_blocks(template: str, context: PageContext, **values: Any) -> PageBlocks:
    """Render a page template's own blocks, without base.html around them."""
    found = _environment().get_template(template)
    scope = found.new_context({"ctx": context, "t": context.t, "shapes": STATUS_SHAPES,
                               **values})

    def block(name: str) -> Markup:
        return Markup("".join(found.blocks[name](scope))) if name in found.blocks \
            else Markup("")

    return PageBlocks(block("title"), block("head"), block("content"))


def render_around(blocks: PageBlocks, context: PageContext, **values: Any) -> str:
    """The whole page around blocks rendered already: base.html with this request's
    navigation (user, CSRF token) and `values` for base.html itself (`as_of_note`)."""
    return render_page("blocks.html", context, blocks=blocks, **values)
