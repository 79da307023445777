"""The "why this status" panel of the target page, as plain text rows: the required-path
rule in words (from the target's terms, as `indicators.arithmetic.paths` computes it), what
decided the status (the probability, the progress ratio or the figures themselves), every
input with its vintage, and the run's thresholds with the ones in force marked. Pure
functions of the page's data; the template only lays the rows out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from indicators.arithmetic.verdict import PROBABILITY_KEYS
from indicators.clock import CHINA_TIME
from indicators.data.story import Figure, TargetStory, Vintage
from indicators.data.target_detail import StoredVerdict, TargetFacts
from indicators.text.messages import Language, message
from indicators.text.numbers import fmt, fmt_share
from indicators.text.units import with_unit
from indicators.vocab import ChangeUnit, Nature, Status, TargetKind

Say = Callable[..., str]
# Kinds whose tracked quantity is the year's figure itself (no separate Q(t) row).
_FIGURE_KINDS = (TargetKind.LEVEL_AT_DEADLINE, TargetKind.COVERAGE,
                 TargetKind.KEPT_EVERY_PERIOD)
# Reasons decided by the figures alone, whatever the forecast says.
_FIGURE_KEYS = ("assess.achieved", "assess.achieved_early", "assess.missed",
                "assess.growth_achieved", "assess.growth_missed", "assess.change_achieved",
                "assess.change_missed", "assess.kept", "assess.breached")


@dataclass(frozen=True)
class InputRow:
    """One input of the verdict: what it is, its value, and its vintage or source."""

    label: str
    value: str
    vintage: str = ""


@dataclass(frozen=True)
class ThresholdRow:
    """One threshold of the run, for expected and for binding targets; `applies` names the
    column in force for this target ("expected", "binding" or "both")."""

    label: str
    expected: str
    binding: str
    applies: str


@dataclass(frozen=True)
class WhyPanel:
    """The "why this status" panel (see the module doc)."""

    formula: str
    decided_by: str
    hysteresis: str
    inputs: tuple[InputRow, ...]
    thresholds: tuple[ThresholdRow, ...]


def china_day(moment: datetime) -> str:
    """The day of `moment` in Beijing, as YYYY-MM-DD: how statistics are dated."""
    return moment.astimezone(CHINA_TIME).date().isoformat()


def formula_text(facts: TargetFacts, say: Say) -> str:
    """State the target's required-path rule in words, with its numbers."""
    base, first, deadline = facts.base_year, facts.first_year, facts.deadline_year
    if base is None or first is None:
        return say("target_page.formula_no_base")
    value = fmt(facts.value)
    comparator = facts.comparator.symbol
    match facts.kind:
        case TargetKind.AVERAGE_ANNUAL_GROWTH:
            source = say("target_page.growth_from_rates") if facts.from_rates else say(
                "target_page.growth_from_levels", base=base)
            return say("target_page.formula_growth", rate=value, base=base, source=source)
        case TargetKind.CHANGE_VS_BASELINE if facts.change_unit is ChangeUnit.PERCENT:
            return say("target_page.formula_change_percent", value=value, base=base,
                       deadline=deadline)
        case TargetKind.CHANGE_VS_BASELINE:
            return say("target_page.formula_change_linear", value=value, base=base,
                       deadline=deadline, unit=facts.unit)
        case TargetKind.CHANGE_EVERY_YEAR:
            return say("target_page.formula_every_year", comparator=comparator, value=value,
                       unit=facts.unit, first=first)
        case TargetKind.KEPT_EVERY_PERIOD:
            return say("target_page.formula_bound", comparator=comparator, value=value,
                       unit=facts.unit, first=first)
        case TargetKind.CUMULATIVE_OVER_PERIOD:
            return say("target_page.formula_cumulative", value=value, first=first,
                       deadline=deadline)
        case _:
            return say("target_page.formula_linear", base=base, deadline=deadline)


def _binding(facts: TargetFacts) -> bool:
    return facts.nature is Nature.BINDING


def _nature_word(facts: TargetFacts, say: Say) -> str:
    return say("target_page.nature_binding" if _binding(facts) else "target_page.nature_expected")


def decided_text(facts: TargetFacts, verdict: StoredVerdict, say: Say) -> str:
    """Say which evidence decided the status, with the cut points of this target's nature."""
    if verdict.status is Status.NOT_ASSESSABLE:
        return say("target_page.decided_none")
    if verdict.reason_key in _FIGURE_KEYS:
        return say("target_page.decided_figure")
    suffix = "binding" if _binding(facts) else "expected"
    cut = verdict.thresholds
    nature = _nature_word(facts, say)
    if verdict.reason_key in PROBABILITY_KEYS:
        return say("target_page.decided_probability", nature=nature,
                   meet=fmt_share(cut.get(f"likely_meet_{suffix}")),
                   miss=fmt_share(cut.get(f"likely_miss_{suffix}")))
    return say("target_page.decided_ratio", nature=nature, on=fmt(cut.get(f"on_track_{suffix}")),
               risk=fmt(cut.get(f"at_risk_{suffix}")))


def vintage_at(figure: Figure | None, moment: datetime) -> Vintage | None:
    """The figure's newest vintage published by `moment` (what the run read)."""
    if figure is None:
        return None
    known = [v for v in figure.vintages if v.published <= moment]
    return known[-1] if known else None


def _vintage_text(vintage: Vintage | None, language: Language, say: Say) -> str:
    if vintage is None:
        return ""
    source = message("page.illustrative_tag", language) if vintage.illustrative else (
        vintage.source or say("target_page.unknown"))
    return say("target_page.vintage", published=china_day(vintage.published),
               status=message(f"status.{vintage.status.value}", language), source=source)


def input_rows(facts: TargetFacts, verdict: StoredVerdict, story: TargetStory,
               language: Language, say: Say) -> tuple[InputRow, ...]:
    """Every input of the verdict with its vintage: baseline, latest figure, tracked and
    required values, the shares and ratio, the rates still needed, probability, forecast."""
    figures = {f.year: f for f in story.figures}
    unit = story.unit

    def number(value: float | None) -> str:
        return with_unit(fmt(value), unit, language) if value is not None else fmt(None)

    rows: list[InputRow] = []
    if facts.base_year is not None:
        stated = verdict.baseline_stated is not None
        rows.append(InputRow(
            say("target_page.in_baseline", year=facts.base_year),
            number(verdict.baseline_stated if stated else verdict.baseline_observed),
            say("target_page.baseline_stated") if stated else _vintage_text(
                vintage_at(figures.get(facts.base_year), verdict.run_as_of), language, say)))
    year = verdict.latest_year
    if year is not None:
        latest = vintage_at(figures.get(year), verdict.run_as_of)
        rows.append(InputRow(say("target_page.in_latest", year=year),
                             number(latest.value if latest else None),
                             _vintage_text(latest, language, say)))
        if facts.kind not in _FIGURE_KINDS:
            rows.append(InputRow(say("target_page.in_tracked", year=year),
                                 fmt(verdict.latest_value)))
        rows.append(InputRow(say("target_page.in_required", year=year),
                             fmt(verdict.required_value)))
    rows += _measure_rows(verdict, say)
    return tuple(rows)


def _measure_rows(verdict: StoredVerdict, say: Say) -> list[InputRow]:
    rate = verdict.required_rate
    rows = [InputRow(say("target_page.in_time_share"), fmt_share(verdict.time_share)),
            InputRow(say("target_page.in_distance_share"), fmt_share(verdict.distance_share)),
            InputRow(say("target_page.in_progress_ratio"), fmt(verdict.progress_ratio)),
            InputRow(say("target_page.in_gap"), fmt(verdict.gap)),
            InputRow(say("target_page.in_required_rate"),
                     fmt(None) if rate is None else f"{fmt(rate)}%"),
            InputRow(say("target_page.in_required_change"), fmt(verdict.required_change)),
            InputRow(say("target_page.in_probability"), fmt_share(verdict.probability))]
    if verdict.forecast_year is not None:
        rows.append(InputRow(
            say("target_page.in_forecast", year=verdict.forecast_year),
            say("target_page.forecast_value", mean=fmt(verdict.forecast_mean),
                lo_80=fmt(verdict.forecast_lo_80), hi_80=fmt(verdict.forecast_hi_80),
                lo_95=fmt(verdict.forecast_lo_95), hi_95=fmt(verdict.forecast_hi_95))))
    if verdict.forecast_model:
        rows.append(InputRow(say("target_page.in_model"), verdict.forecast_model))
    return rows


# (label key, threshold name without its nature suffix, as a share or as a ratio)
_CUT_POINTS = (("target_page.th_likely_meet", "likely_meet", True),
               ("target_page.th_likely_miss", "likely_miss", True),
               ("target_page.th_on_track", "on_track", False),
               ("target_page.th_at_risk", "at_risk", False))


def threshold_rows(facts: TargetFacts, thresholds: dict[str, object],
                   say: Say) -> tuple[ThresholdRow, ...]:
    """The run's thresholds: each cut point for expected and binding targets, the column in
    force for this target named; then the hysteresis band and the 左右 tolerance."""
    applies = "binding" if _binding(facts) else "expected"

    def shown(name: str, share: bool) -> str:
        value = thresholds.get(name)
        if not isinstance(value, int | float):
            return fmt(None)
        return fmt_share(value) if share else fmt(value)

    rows = [ThresholdRow(say(label), shown(f"{name}_expected", share),
                         shown(f"{name}_binding", share), applies)
            for label, name, share in _CUT_POINTS]
    for label, name, share in (("target_page.th_hysteresis", "hysteresis", False),
                               ("target_page.th_approx", "approx_tolerance", True)):
        value = shown(name, share)
        rows.append(ThresholdRow(say(label), value, value, "both"))
    return tuple(rows)


def why_panel(facts: TargetFacts, verdict: StoredVerdict, story: TargetStory,
              language: Language) -> WhyPanel:
    """Build the panel for a target with a verdict."""
    def say(key: str, **values: object) -> str:
        return message(key, language, **values)

    band = verdict.thresholds.get("hysteresis")
    return WhyPanel(
        formula=formula_text(facts, say), decided_by=decided_text(facts, verdict, say),
        hysteresis=say("target_page.hysteresis",
                       band=fmt(band if isinstance(band, int | float) else None)),
        inputs=input_rows(facts, verdict, story, language, say),
        thresholds=threshold_rows(facts, verdict.thresholds, say))
