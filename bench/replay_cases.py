"""The replay's cases: real plan targets read from `bench/replay_data/*.yaml` (format:
`bench/replay_data/README.md`), and what was known of each at each checkpoint.

A checkpoint is a moment inside a target's period: **30 June of year t + 1**, for every data
year t from the first year the target counts to the year before its deadline. By then the
annual communiqués for year t (late February, provinces by April) are out, and nothing of
the deadline year is known, so every checkpoint is a genuine forecast. What is known at a
checkpoint is, for each year, the figure with the latest publication date on or before it
(a revision replaces the first published figure from the day it was published).

Targets stated as a cumulative change of a yearly-rate indicator (energy use per unit of
GDP, "比2015年下降15%", published as each year's decline) keep their yearly rates: the
target arithmetic compounds them (`TargetTerms.compounds_rates`), and the forecast
forecasts the yearly rates and compounds each path the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from indicators.arithmetic.paths import TargetTerms
from indicators.vocab import ChangeUnit, Comparator, TargetKind, ValueType

CHECKPOINT_MONTH_DAY = (6, 30)  # mid-year after the data year: the communiqués are out


@dataclass(frozen=True)
class Figure:
    """One published annual figure."""

    year: int
    value: float
    published: date
    revision: bool = False
    verified: bool = True


@dataclass(frozen=True)
class ReplayTarget:
    """A plan target with a known outcome and the figures published along its period."""

    key: str
    document: str  # the plan document's title (the unit of leave-one-document-out)
    level: str
    terms: TargetTerms
    met: bool
    figures: tuple[Figure, ...]

    @property
    def base(self) -> int:
        """The baseline year (stated, else the year before the first counted year)."""
        base = self.terms.base_year
        assert base is not None
        return base

    @property
    def first(self) -> int:
        first = self.terms.first_year
        assert first is not None
        return first


@dataclass(frozen=True)
class Checkpoint:
    """What was known of a target at 30 June of `data_year` + 1."""

    target: ReplayTarget
    data_year: int
    values: Mapping[int, float]  # the figures the target reads, on its own terms

    @property
    def as_of(self) -> date:
        return date(self.data_year + 1, *CHECKPOINT_MONTH_DAY)

    @property
    def time_share(self) -> float:
        """Share of the period elapsed by the data year (the baseline year counts as 0)."""
        span = self.target.terms.deadline_year - self.target.base
        return (self.data_year - self.target.base) / max(span, 1)

    @property
    def years_left(self) -> int:
        return self.target.terms.deadline_year - self.data_year


def _enum(kind: type, value: object) -> object:
    return None if value is None else kind(value)


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def terms_of_entry(entry: Mapping[str, object]) -> TargetTerms:
    """Build a target's terms as `indicators.runs.assessment.terms_of` does, from one YAML
    entry."""
    kind = TargetKind(entry["kind"])
    change_unit = _enum(ChangeUnit, entry.get("change_unit"))
    value_type = ValueType(entry["value_type"])
    return TargetTerms(
        kind=kind, comparator=Comparator(entry["comparator"]), value=float(entry["value"]),
        deadline_year=int(entry["deadline_year"]), upper_value=_float(entry.get("upper_value")),
        tolerance=_float(entry.get("tolerance")), change_unit=change_unit,  # type: ignore[arg-type]
        baseline_year=entry.get("baseline_year"),  # type: ignore[arg-type]
        baseline_value=_float(entry.get("baseline_value")),
        start_year=entry.get("start_year"),  # type: ignore[arg-type]
        higher_is_better=bool(entry.get("higher_is_better", True)), value_type=value_type,
        binding=entry.get("nature") == "binding", unit=str(entry.get("unit") or ""))


def _figure(row: Mapping[str, object]) -> Figure:
    published = row["published"]
    if not isinstance(published, date):
        published = date.fromisoformat(str(published))
    return Figure(int(row["year"]), float(row["value"]), published,  # type: ignore[arg-type]
                  bool(row.get("revision", False)), bool(row.get("verified", True)))


def load_targets(folder: Path) -> list[ReplayTarget]:
    """Every target of every YAML file in `folder`, in file order."""
    targets = []
    for path in sorted(folder.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        title = str(doc["document"]["title"])
        for entry in doc.get("targets") or []:
            figures = tuple(_figure(row) for row in entry.get("figures") or [])
            targets.append(ReplayTarget(
                str(entry["key"]), title, str(doc["document"].get("level", "")),
                terms_of_entry(entry), entry["outcome"] == "met", figures))
    return targets


def known_on(figures: Sequence[Figure], day: date) -> dict[int, float]:
    """Each year's figure as known on `day`: the latest published on or before it."""
    latest: dict[int, Figure] = {}
    for figure in figures:
        if figure.published <= day and (figure.year not in latest
                                        or figure.published >= latest[figure.year].published):
            latest[figure.year] = figure
    return {year: f.value for year, f in latest.items()}


def checkpoints(target: ReplayTarget) -> list[Checkpoint]:
    """The target's checkpoints, data years first .. deadline − 1 (module docstring)."""
    found = []
    for year in range(target.first, target.terms.deadline_year):
        values = known_on(target.figures, date(year + 1, *CHECKPOINT_MONTH_DAY))
        found.append(Checkpoint(target, year, values))
    return found
