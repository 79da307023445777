"""The track record page: per settled target, its course of statuses and probabilities
against its outcome; over them all, the scores and the reliability chart. Pure: a
`TrackRecord` and a `PageContext` in, HTML out."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from dashboards.charts.reliability import reliability_figure
from dashboards.pages.layout import (
    STATUS_SHAPES,
    PageBlocks,
    PageContext,
    render_around,
    render_blocks,
)
from forecasting.reliability import Score
from indicators.data.track_record import TargetTrack, TrackPoint, TrackRecord
from indicators.text.messages import Language
from indicators.text.numbers import fmt_share

SPARK_STEP, SPARK_HEIGHT = 14, 32  # one step per run: as wide as a status mark


@dataclass(frozen=True)
class ScoreRow:
    """One line of the scores table."""

    label: str
    pairs: int
    brier: str
    reference: str
    skill: str


@dataclass(frozen=True)
class Mark:
    """One run in a target's course: its shape mark, status and a tooltip."""

    shape: str
    status: str
    title: str


@dataclass(frozen=True)
class TrackRow:
    """One settled target: names, outcome, basis and its course."""

    key: str
    indicator: str
    region: str
    deadline: int
    outcome: str
    outcome_label: str
    basis: str
    basis_label: str
    marks: list[Mark]
    spark: Markup
    last_stated: str


def _course(track: TargetTrack) -> list[TrackPoint]:
    """The points up to and including the first that knew the outcome."""
    course: list[TrackPoint] = []
    for point in track.points:
        course.append(point)
        if point.settled:
            break
    return course


def sparkline(points: list[TrackPoint], met: bool) -> Markup:
    """An inline SVG of the stated probabilities (a black line, a dashed 50% line) ending
    at the outcome (a filled dot at the top for met, a hollow one at the bottom for
    missed), one step per run so that it lines up with the status marks above it.
    Numbers only, so nothing in it needs escaping."""
    width = SPARK_STEP * max(len(points), 1)

    def y(p: float) -> float:
        return round(5 + (1 - p) * (SPARK_HEIGHT - 10), 1)

    coords = [(round(SPARK_STEP * (i + 0.5), 1), y(p.probability))
              for i, p in enumerate(points) if p.probability is not None and not p.settled]
    end_x, end_y = round(width - SPARK_STEP / 2, 1), y(1.0 if met else 0.0)
    fill = "#1a1a1a" if met else "white"
    line = (f'<polyline points="{" ".join(f"{x},{v}" for x, v in coords)}" fill="none" '
            'stroke="#1a1a1a" stroke-width="1.5"/>' if len(coords) > 1 else "")
    dots = "".join(f'<circle cx="{x}" cy="{v}" r="1.8" fill="#1a1a1a"/>' for x, v in coords)
    return Markup(
        f'<svg class="spark" width="{width}" height="{SPARK_HEIGHT}" role="img" '
        f'viewBox="0 0 {width} {SPARK_HEIGHT}">'
        f'<line x1="0" x2="{width}" y1="{y(0.5)}" y2="{y(0.5)}" stroke="#9a9a9a" '
        f'stroke-dasharray="3,3" stroke-width="1"/>{line}{dots}'
        f'<circle cx="{end_x}" cy="{end_y}" r="3.5" fill="{fill}" stroke="#1a1a1a" '
        'stroke-width="1.5"/></svg>')


def _row(track: TargetTrack, ctx: PageContext) -> TrackRow:
    course = _course(track)
    english = ctx.language is Language.EN
    marks = [Mark(STATUS_SHAPES.get(p.status.value, "?"), p.status.value, ctx.t(
        "track.point", day=p.as_of.date().isoformat(), status=ctx.t(f"status.{p.status.value}"),
        probability=fmt_share(p.probability))) for p in course]
    last = (fmt_share(track.last_probability) if track.last_probability is not None
            else ctx.t("track.no_probability"))
    return TrackRow(
        track.key, track.indicator_name_en if english else track.indicator_name,
        (track.region_name_en or track.region_name) if english else track.region_name,
        track.deadline_year, track.outcome.value, ctx.t(f"status.{track.outcome.value}"),
        track.basis.value, ctx.t(f"basis.{track.basis.value}"), marks,
        sparkline(course, track.met), last)


def _score_row(label: str, found: Score) -> ScoreRow:
    def number(value: float | None) -> str:
        return "—" if value is None else f"{value:.3f}"
    return ScoreRow(label, found.pairs, number(found.brier), number(found.reference),
                    number(found.skill))


def reliability_chart(record: TrackRecord, language: Language) -> Markup | None:
    """The reliability chart as embeddable HTML (None without a scored pair)."""
    if not record.every_pair.pairs:
        return None
    return Markup(reliability_figure(list(record.bins), language).to_html(
        full_html=False, include_plotlyjs=False, config={"displaylogo": False},
        div_id="reliability-chart"))


def render_track_record(record: TrackRecord, ctx: PageContext, *, page: int, pages: int,
                        as_of_note: str | None = None) -> str:
    """Render /track-record: the pooling stated, the scores with their reference, the
    reliability chart, a warning when outcomes rest on illustrative data, and a row per
    settled target of this page."""
    return render_around(track_record_blocks(record, ctx, page=page, pages=pages,
                                             as_of_note=as_of_note),
                         ctx, as_of_note=as_of_note)


def track_record_blocks(record: TrackRecord, ctx: PageContext, *, page: int, pages: int,
                        as_of_note: str | None = None) -> PageBlocks:
    """The track record's own blocks, rendered (see `layout.PageBlocks`)."""
    overall = record.every_pair
    scores = [_score_row(ctx.t("track.set_all"), overall),
              _score_row(ctx.t("track.set_last"), record.last_pairs),
              _score_row(ctx.t("track.set_real"), record.real_pairs)]
    bins = list(record.bins)
    chart = reliability_chart(record, ctx.language)
    values = {"rows": [_row(t, ctx) for t in record.targets], "scores": scores,
              "bins": bins, "chart": chart, "generated": record.generated,
              "total": record.total, "pairs": overall.pairs,
              "scored_targets": record.scored_targets, "page": page, "pages": pages,
              "base_rate": fmt_share(overall.base_rate), "fmt_share": fmt_share}
    if as_of_note:
        values["as_of_note"] = as_of_note
    return render_blocks("track_record.html", ctx, **values)
