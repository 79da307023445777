"""Factories with defaults for records the tests need, written through the real code."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from textwrap import dedent

from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.catalogue.format import IndicatorSpec, RegionSpec
from indicators.data import queries as indicator_queries
from indicators.tables.observations import Series
from indicators.vocab import Frequency, ObservationStatus, RegionLevel, SourceKind, ValueType


def add_region(session: Session, code: str = "141100", name: str = "吕梁市") -> str:
    loaded = catalogue.LoadedFile(
        path=Path("factory"), text=None,
        catalogue=catalogue.CatalogueFile(format="targetwatch-catalogue/1", regions=[
            RegionSpec(code=code, name=name, level=RegionLevel.PREFECTURE)]))
    catalogue.load_catalogue(session, loaded)
    return code


def add_series(session: Session, *, indicator_code: str = "gdp_growth",
               region_code: str = "141100") -> Series:
    if indicator_queries.get_region(session, code=region_code) is None:
        add_region(session, region_code)
    if indicator_queries.get_indicator(session, code=indicator_code) is None:
        spec = IndicatorSpec(code=indicator_code, name="地区生产总值增长率", name_en="GRP growth",
                             unit="%", frequency=Frequency.ANNUAL, higher_is_better=True,
                             value_type=ValueType.GROWTH_RATE)
        loaded = catalogue.LoadedFile(path=Path("factory"), text=None,
                                      catalogue=catalogue.CatalogueFile(
                                          format="targetwatch-catalogue/1", indicators=[spec]))
        catalogue.load_catalogue(session, loaded)
    indicator = indicator_queries.get_indicator_or_raise(session, code=indicator_code)
    return indicator_queries.get_or_add_series(session, indicator=indicator,
                                               region_code=region_code)


def add_annual_figures(session: Session, *, indicator_code: str, region_code: str,
                       values: dict[int, str], at: datetime | None = None) -> Series:
    """Record annual figures of an existing indicator, each published the March after its
    year (or all at `at`), as a bureau's upload would."""
    series = indicator_queries.get_or_add_series(
        session, indicator=indicator_queries.get_indicator_or_raise(session, code=indicator_code),
        region_code=region_code)
    for year, value in values.items():
        indicator_queries.add_figure(session, series=series, figure=indicator_queries.NewFigure(
            period_code=str(year), value=Decimal(value), status=ObservationStatus.FINAL,
            source_kind=SourceKind.UPLOAD, source="统计局",
            vintage_at=at or datetime(year + 1, 3, 1, tzinfo=UTC)))
    return series


def write_small_catalogue(folder: Path, *, quote: str = "地区生产总值年均增长10%",
                          extra_target: str = "") -> Path:
    """Write a one-document catalogue with its text, for loader tests."""
    (folder / "documents").mkdir(exist_ok=True)
    (folder / "documents" / "plan.txt").write_text(
        "到2015年,地区生产总值年均增长10%,森林覆盖率达到30%。后调整为2020年达到33%。",
        encoding="utf-8")
    body = dedent(f"""\
        format: targetwatch-catalogue/1
        document: {{code: T1, file: plan.txt, title: 测试规划, plan_start: 2011, plan_end: 2015,
                   region: "141100"}}
        regions:
          - {{code: "141100", name: 吕梁市, level: prefecture}}
        indicators:
          - {{code: gdp_growth, name: 地区生产总值增长率, name_en: GRP growth, unit: "%",
             frequency: annual, higher_is_better: true, value_type: growth_rate}}
          - {{code: forest_coverage, name: 森林覆盖率, name_en: Forest coverage, unit: "%",
             frequency: annual, higher_is_better: true, value_type: share}}
        targets:
          - {{key: T1-gdp, indicator: gdp_growth, region: "141100", kind: average_annual_growth,
             comparator: gte, value: 10, unit: "%", start_year: 2011, deadline: 2015,
             quote: "{quote}"}}
          - {{key: T1-forest-2015, indicator: forest_coverage, region: "141100",
             kind: level_at_deadline, comparator: gte, value: 30, unit: "%", deadline: 2015,
             quote: "森林覆盖率达到30%", superseded_by: T1-forest-2020}}
          - {{key: T1-forest-2020, indicator: forest_coverage, region: "141100",
             kind: level_at_deadline, comparator: gte, value: 33, unit: "%", deadline: 2020,
             quote: "2020年达到33%"}}
        {extra_target}""")
    path = folder / "small.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def decimal(value: str) -> Decimal:
    return Decimal(value)
