"""A verdict on a target: its status, the forecast at its deadline, the numbers behind it,
and the one-sentence reason built from them in Chinese or English. Values only; the rule
that reaches a verdict is `indicators.arithmetic.status`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from indicators.arithmetic.progress import Progress
from indicators.text.messages import Language, message
from indicators.text.numbers import fmt, fmt_share
from indicators.text.phrases import Listing, localised
from indicators.text.units import with_unit
from indicators.vocab import Status

# The reasons when the probability decided, by the figure they start from: the latest
# figure, the average growth so far (growth targets), or the change on the baseline so far
# (percentage-change targets, in the planner's words: 累计下降13.4%).
PROBABILITY_KEYS = ("assess.by_probability", "assess.by_probability_growth",
                    "assess.by_probability_change_down", "assess.by_probability_change_up")


def probability_key(progress_key: str) -> str:
    """The reason for a status the probability decided, quoting what the arithmetic's
    reason (`progress_key`) started from."""
    if progress_key.startswith("assess.growth_"):
        return "assess.by_probability_growth"
    for direction in ("down", "up"):
        if progress_key.startswith(f"assess.change_progress_{direction}_"):
            return f"assess.by_probability_change_{direction}"
    return "assess.by_probability"


@dataclass(frozen=True)
class Forecast:
    """The forecast, at a target's deadline, of the measure the target is judged on: its
    mean, 80% and 95% intervals, the model behind it, and the measure's unit."""

    year: int
    mean: float
    lo_80: float
    hi_80: float
    lo_95: float
    hi_95: float
    model: str
    unit: str = ""


@dataclass(frozen=True)
class Assessment:
    """A target's status at a date, why, and the numbers behind it."""

    status: Status
    reason_key: str
    reason_values: Mapping[str, object] = field(default_factory=dict)
    progress: Progress | None = None
    baseline_stated: float | None = None
    baseline_observed: float | None = None
    final: bool = False
    illustrative: bool = False
    latest_preliminary: bool = False
    probability: float | None = None  # of meeting the target, from the forecast
    forecast: Forecast | None = None  # the forecast at the deadline
    filled_years: tuple[int, ...] = ()  # missing years bridged by interpolation

    def reason(self, language: Language = Language.ZH) -> str:
        """Return the one-sentence reason in the language asked for."""
        text = message(self.reason_key, language,
                       **localised(self.reason_values, language))
        year = self.reason_values.get("year")
        if year in self.filled_years:  # the figure quoted is interpolated: not an actual
            text = text.replace(message("assess.actual_of_year", language, year=year),
                                message("assess.estimate_of_year", language, year=year))
        if self.filled_years:
            text += message("assess.filled_suffix", language,
                            years=Listing(tuple(str(y) for y in self.filled_years)).text(language))
        if (self.forecast is not None and self.probability is not None and not self.final
                and self.reason_key not in PROBABILITY_KEYS):
            f = self.forecast
            text += message("assess.forecast_suffix", language, year=f.year,
                            mean=with_unit(fmt(f.mean), f.unit, language), lo=fmt(f.lo_80),
                            hi=with_unit(fmt(f.hi_80), f.unit, language),
                            probability=fmt_share(self.probability))
        if self.latest_preliminary:
            text += message("assess.preliminary_suffix", language)
        if self.illustrative:
            text += message("assess.illustrative_suffix", language)
        return text
