"""The region comparison page: one indicator across regions, each target against its own
terms (latest figure, target as written, required now, status, probability), with the
comparison chart. Pure: a `Comparison` and the page context in, HTML out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dashboards.charts.comparison import RegionBar, comparison_figure
from dashboards.pages.layout import STATUS_SHAPES, PageContext, render_page
from indicators.clock import CHINA_TIME
from indicators.data.comparison import ComparableIndicator, Comparison, ComparisonEntry
from indicators.text.messages import Language
from indicators.text.numbers import fmt, fmt_share, plain_number
from indicators.text.units import with_unit
from indicators.text.wording import target_text
from indicators.vocab import ObservationStatus, SourceKind, TargetKind

# Kinds whose stored progress is in the indicator's own unit (others track an index or a
# change, so "required now" is said as the rate still needed instead).
LEVEL_KINDS = frozenset({TargetKind.LEVEL_AT_DEADLINE, TargetKind.COVERAGE,
                         TargetKind.KEPT_EVERY_PERIOD, TargetKind.CUMULATIVE_OVER_PERIOD})


@dataclass(frozen=True)
class PickerOption:
    code: str
    label: str
    several: bool
    selected: bool


@dataclass(frozen=True)
class CompareRow:
    """One target as the table shows it; every text already in the page's language."""

    key: str
    region: str
    latest: str | None
    latest_period: str | None
    latest_preliminary: bool
    latest_illustrative: bool
    target: str
    quote: str
    deadline: int
    deadline_inferred: bool
    required: str | None
    distance_share: str
    time_share: str
    status: str | None
    status_label: str | None
    probability: str | None


def _name(ctx: PageContext, zh: str, en: str | None) -> str:
    return zh if ctx.language is Language.ZH else (en or zh)


def _region(ctx: PageContext, entry: ComparisonEntry) -> str:
    target = entry.target
    name = _name(ctx, target.region.name, target.region.name_en)
    if target.entity is not None:
        name += " · " + _name(ctx, target.entity.name, target.entity.name_en)
    return name


def _required(ctx: PageContext, entry: ComparisonEntry, unit: str) -> str | None:
    """What is required now: the value on the required path for level-like targets, else
    the growth rate still needed a year."""
    result = entry.result
    if result is None:
        return None
    if entry.target.kind in LEVEL_KINDS and result.required_value is not None:
        return with_unit(fmt(result.required_value), unit, ctx.language)
    if result.required_rate is not None:
        return ctx.t("compare.required_rate", rate=fmt(result.required_rate))
    return None


def compare_row(ctx: PageContext, entry: ComparisonEntry, unit: str) -> CompareRow:
    """A comparison entry as the table shows it."""
    target, latest, result = entry.target, entry.latest, entry.result
    status = result.status.value if result else None
    return CompareRow(
        key=target.key, region=_region(ctx, entry),
        latest=with_unit(plain_number(latest.value) or "", unit, ctx.language)
        if latest else None,
        latest_period=latest.period_code if latest else None,
        latest_preliminary=bool(latest and latest.status is ObservationStatus.PRELIMINARY),
        latest_illustrative=bool(latest and latest.source_kind is SourceKind.ILLUSTRATIVE),
        target=target_text(target, ctx.language), quote=target.quote,
        deadline=target.deadline_year, deadline_inferred=target.deadline_inferred,
        required=_required(ctx, entry, unit),
        distance_share=fmt_share(result.distance_share if result else None),
        time_share=fmt_share(result.time_share if result else None),
        status=status, status_label=ctx.t(f"status.{status}") if status else None,
        probability=fmt_share(result.probability) if result and result.probability is not None
        else None)


def comparison_chart(ctx: PageContext, comparison: Comparison, rows: Sequence[CompareRow]
                     ) -> str:
    """The chart as an HTML fragment (Plotly's script is loaded once by the page)."""
    indicator = comparison.indicator
    bars = [RegionBar(label=f"{row.region} · {row.target} · {row.deadline}",
                      mark=f"{STATUS_SHAPES[row.status]} {row.status_label}" if row.status
                      else ctx.t("compare.not_assessed"),
                      distance_share=entry.result.distance_share if entry.result else None,
                      time_share=entry.result.time_share if entry.result else None,
                      probability=entry.result.probability if entry.result else None)
            for entry, row in zip(comparison.entries, rows, strict=True)]
    figure = comparison_figure(bars, language=ctx.language, title=ctx.t(
        "compare.chart_title", indicator=_name(ctx, indicator.name, indicator.name_en)))
    return str(figure.to_html(full_html=False, include_plotlyjs=False,
                              config={"displaylogo": False, "responsive": True},
                              div_id="compare-chart"))


def picker_options(ctx: PageContext, indicators: Sequence[ComparableIndicator],
                   chosen: str | None) -> list[PickerOption]:
    return [PickerOption(code=i.code, label=f"{_name(ctx, i.name, i.name_en)} · " + ctx.t(
        "compare.regions_count", regions=i.region_count, targets=i.target_count),
        several=i.region_count > 1, selected=i.code == chosen) for i in indicators]


def render_compare_page(ctx: PageContext, *, indicators: Sequence[ComparableIndicator],
                        chosen: str | None, comparison: Comparison | None) -> str:
    """Render /compare: the picker, and for the chosen indicator the table and the chart."""
    several = [_name(ctx, i.name, i.name_en) for i in indicators if i.region_count > 1]
    rows, chart, unit, assessed, note = [], None, "", None, None
    if comparison is not None:
        unit = comparison.indicator.unit
        rows = [compare_row(ctx, e, unit) for e in comparison.entries]
        chart = comparison_chart(ctx, comparison, rows) if rows else None
        if comparison.assessed_as_of is not None:
            assessed = comparison.assessed_as_of.astimezone(CHINA_TIME).date().isoformat()
            note = ctx.t("compare.as_of_note", day=assessed) if ctx.as_of else None
    return render_page(
        "compare.html", ctx, options=picker_options(ctx, indicators, chosen),
        several=several, chosen=chosen, comparison=comparison, rows=rows, chart=chart,
        unit=unit, indicator_name=_name(ctx, comparison.indicator.name,
                                        comparison.indicator.name_en) if comparison else None,
        region_count=comparison.region_count if comparison else 0, assessed=assessed,
        as_of_note=note)
