"""The target board (`/`): every target with its status mark, progress against time, latest
figure, what is needed now, the forecast at the deadline and its chance, filtered, sorted
and paged as the request asks; at the top the chosen targets counted by status, on
published and on illustrative data apart. Pure: plain items in, HTML out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dashboards.pages.board_cells import BoardLine, board_line
from dashboards.pages.layout import PageBlocks, PageContext, render_around, render_blocks
from indicators.data.board_rows import BoardItem
from indicators.data.board_view import BoardPage, BoardQuery, page_of, query_params
from indicators.data.records import STATUS_ORDER, BasisCount, basis_counts
from indicators.text.messages import Language, message
from indicators.vocab import Nature

# The columns a reader can sort by, in the table's order (None: not sortable).
COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("status", "status"), ("indicator", "indicator"), ("region", "region"),
    ("target", None), ("deadline", "deadline"), ("progress", "progress"),
    ("latest", "latest"), ("required", "required"), ("forecast", "forecast"),
    ("probability", "probability"), ("rate", "rate"), ("department", "department"),
)


@dataclass(frozen=True)
class FilterOptions:
    """The choices of each filter, from every target on the board (not only the shown)."""

    regions: list[tuple[str, str]]  # code, name
    documents: list[tuple[str, str]]  # code, title
    departments: list[str]
    statuses: list[tuple[str, str]]  # code, label
    natures: list[tuple[str, str]]  # code, label


@dataclass(frozen=True)
class BoardView:
    """What the board page shows."""

    lines: list[BoardLine]
    page: BoardPage
    query: BoardQuery
    counts: list[BasisCount]
    options: FilterOptions


def board_view(everything: Sequence[BoardItem], shown: Sequence[BoardItem], query: BoardQuery,
               language: Language, page: BoardPage | None = None) -> BoardView:
    """Put the chosen items (`shown`, filtered and sorted) on a page (`page` when the
    caller has cut it already), count them by status within each basis, and list the
    filters' choices from `everything`."""
    page = page or page_of(shown, query.page)
    counts = basis_counts([(i.basis.value if i.basis else None, i.result.status.value)
                           for i in shown if i.result is not None], language)
    return BoardView(lines=[board_line(item, language) for item in page.items], page=page,
                     query=query, counts=counts, options=_options(everything, language))


def _options(items: Sequence[BoardItem], language: Language) -> FilterOptions:
    english = language is Language.EN
    regions = {i.region_code: (i.region_name_en or i.region_name) if english else i.region_name
               for i in items}
    documents = {i.document_code: i.document_title or "" for i in items if i.document_code}
    return FilterOptions(
        regions=sorted(regions.items()), documents=sorted(documents.items()),
        departments=sorted({i.lead_department for i in items if i.lead_department}),
        statuses=[(s, message(f"status.{s}", language)) for s in STATUS_ORDER],
        natures=[(n.value, message(f"nature.{n.value}", language)) for n in Nature])


def render_board(context: PageContext, view: BoardView, *, assessed_at: str | None,
                 as_of_note: str | None) -> str:
    """Render the board page (Jinja2, autoescaped): links keep the filters and sort."""
    return render_around(board_blocks(context, view, assessed_at=assessed_at,
                                      as_of_note=as_of_note), context, as_of_note=as_of_note)


def board_blocks(context: PageContext, view: BoardView, *, assessed_at: str | None,
                 as_of_note: str | None) -> PageBlocks:
    """The board's own blocks, rendered (see `layout.PageBlocks`)."""
    def link(**changes: object) -> str:
        return context.url("/", **query_params(view.query, **changes))

    def export(kind: str) -> str:
        return context.url(f"/board.{kind}", **query_params(view.query, page=1))

    return render_blocks("board.html", context, view=view, columns=COLUMNS, link=link,
                       export=export, assessed_at=assessed_at, as_of_note=as_of_note)
