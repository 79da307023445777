"""Target stories as the database would give them, written out for chart tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from indicators.data.story import (
    DefinitionBreak,
    Figure,
    ForecastStep,
    TargetMark,
    TargetStory,
    Vintage,
)
from indicators.data.story_scale import Bounds
from indicators.vocab import BreakKind, Comparator, ObservationStatus

FINAL, REVISED, PRELIMINARY = (ObservationStatus.FINAL, ObservationStatus.REVISED,
                               ObservationStatus.PRELIMINARY)


def _at(year: int, month: int, day: int = 1) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def _figure(year: int, value: float, status: ObservationStatus = FINAL,
            earlier: tuple[Vintage, ...] = ()) -> Figure:
    published = _at(year + 1, 3) if not earlier else _at(year + 2, 1, 15)
    return Figure(year, value, status, (*earlier, Vintage(value, status, published)))


def forest_story(**changes: object) -> TargetStory:
    """森林覆盖率 of a prefecture: 左右 33% by 2020 from 28.5% in 2015, one revised figure,
    the latest preliminary, a census break, and a forecast to the deadline."""
    figures = (
        _figure(2015, 28.5), _figure(2016, 29.1),
        _figure(2017, 29.9, REVISED, (Vintage(29.6, PRELIMINARY, _at(2018, 2)),)),
        _figure(2018, 30.4, PRELIMINARY))
    story = TargetStory(
        key="T1-forest-2020", indicator_name="森林覆盖率", indicator_name_en="Forest coverage",
        region_name="吕梁市", region_name_en="Lüliang", unit="%",
        target=TargetMark(comparator=Comparator.APPROX, bounds=Bounds(33.0, 32.0, 34.0),
                          unit="%", deadline_year=2020, baseline_year=2015,
                          baseline_value=28.5, wording="到2020年森林覆盖率达到33%左右"),
        figures=figures,
        path=tuple((y, 28.5 + 0.9 * (y - 2015)) for y in range(2015, 2021)),
        forecast=(ForecastStep(2019, 31.0, 30.4, 31.6, 30.0, 32.0),
                  ForecastStep(2020, 31.6, 30.6, 32.6, 29.9, 33.3)),
        forecast_model="auto_theta",
        breaks=(DefinitionBreak(2017, BreakKind.CENSUS, "第三次全国国土调查"),),
        as_of=_at(2019, 6))
    return replace(story, **changes)  # type: ignore[arg-type]
