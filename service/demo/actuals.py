"""Import `regional_actuals.csv` (published statistics for the five regions) for the demo.

Each row names its region as "Zibo (淄博市)", its indicator by a Chinese label (with
qualifiers such as (预计) or (上半年)), a year, a value, its source and a confidence. The
mapping below says how each label becomes an indicator, a period and a status; rows whose
label maps to nothing are reported, with the reason, and not stored.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.clock import china_midnight
from indicators.data import queries as indicator_queries
from indicators.periods import PeriodKind, parse_period
from indicators.tables.catalogue import Region
from indicators.vocab import ObservationStatus, SourceKind
from service.demo.pinning import LOWER_BOUND_NOTE

BUNDLED_ACTUALS = Path(__file__).parent / "data" / "regional_actuals.csv"
_CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}
_REGION_NAME = re.compile(r"\((?P<name>[^)]+)\)")
_SOURCE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class LabelRule:
    """How one CSV indicator label maps to the catalogue."""

    indicator: str | None
    period_suffix: str = ""  # appended to the year: "YTD03" for 一季度
    status: ObservationStatus = ObservationStatus.FINAL
    note: str | None = None
    skip_reason: str | None = None


_PRELIMINARY = ObservationStatus.PRELIMINARY
LABEL_RULES: dict[str, LabelRule] = {
    "地区生产总值": LabelRule("gdp"),
    "地区生产总值(初步)": LabelRule("gdp", status=_PRELIMINARY),
    "地区生产总值(预计)": LabelRule("gdp", status=_PRELIMINARY),
    "地区生产总值(四经普修订后)": LabelRule("gdp", note="第四次全国经济普查修订后 / after the "
                                            "4th economic census revision"),
    "地区生产总值增长率": LabelRule("gdp_growth"),
    "地区生产总值增长率(预计)": LabelRule("gdp_growth", status=_PRELIMINARY),
    "地区生产总值增长率(上半年)": LabelRule("gdp_growth", period_suffix="YTD06"),
    "财政总收入": LabelRule("total_fiscal_revenue"),
    "财政总收入增长率": LabelRule("total_fiscal_revenue_growth"),
    "一般公共预算收入": LabelRule("general_budget_revenue"),
    "一般公共预算收入增长率": LabelRule("general_budget_revenue_growth"),
    "公共财政预算收入": LabelRule("general_budget_revenue", note="时称公共财政预算收入"),
    "公共财政预算收入增长率": LabelRule("general_budget_revenue_growth",
                                        note="时称公共财政预算收入"),
    "固定资产投资": LabelRule("fixed_asset_investment"),
    "固定资产投资增长率": LabelRule("fixed_asset_investment_growth"),
    "固定资产投资增长率(一季度)": LabelRule("fixed_asset_investment_growth",
                                            period_suffix="YTD03"),
    "固定资产投资增长率(上半年)": LabelRule("fixed_asset_investment_growth",
                                            period_suffix="YTD06"),
    "城镇化率": LabelRule("urbanization_rate"),
    "常住人口城镇化率": LabelRule("urbanization_rate"),
    "城镇居民人均可支配收入": LabelRule("urban_disposable_income_per_capita"),
    "农村居民人均可支配收入": LabelRule("rural_disposable_income_per_capita"),
    "森林覆盖率": LabelRule("forest_coverage"),
    "高新技术产业产值占规上工业比重": LabelRule("high_tech_output_share"),
    "高新技术产业产值占比(约)": LabelRule("high_tech_output_share", note="原文为“30%左右”"),
    "细颗粒物(PM2.5)年均浓度": LabelRule("pm25_concentration"),
    "空气质量良好天数(国控)": LabelRule("good_air_days", note="国控站点"),
    "高速铁路通车里程": LabelRule("high_speed_rail_km"),
    "高速公路通车里程": LabelRule("expressway_km"),
    "独角兽企业": LabelRule("unicorn_firms"),
    "独角兽企业(省级认定)": LabelRule("unicorn_firms", note="口径：省级认定名单"),
    "独角兽企业(累计培育)": LabelRule("unicorn_firms", note="口径：累计培育数"),
    "瞪羚企业(省级,累计七批)": LabelRule("gazelle_firms", note="口径：省级认定，累计七批"),
    "国家级制造业单项冠军示范企业(前六批)": LabelRule(
        "single_champion_firms", note="口径：前六批示范企业累计"),
    "民用运输机场": LabelRule("civil_airports"),
    "通用机场": LabelRule("general_aviation_airports"),
    "通用机场(颁证)": LabelRule("general_aviation_airports", note="口径：已颁证"),
    # Rows left out, each for a stated reason.
    "地区生产总值增长率目标": LabelRule(None, skip_reason="a target, not an actual figure"),
    "地区生产总值年均增速(十三五)": LabelRule(
        None, skip_reason="a five-year average, derivable from the annual figures"),
    "万元地区生产总值能耗累计下降": LabelRule(
        None, skip_reason="a cumulative five-year change, not a yearly figure"),
    "城镇登记失业率": LabelRule(None, skip_reason="reported only as an upper bound (控制在…以内)"),
    "国家级制造业单项冠军(示范企业+产品, 前五批)": LabelRule(
        None, skip_reason="mixes firms and products; not the catalogue's firm count"),
    "新增国家制造业单项冠军": LabelRule(None, skip_reason="a yearly flow, not the stock"),
    "新培育国家级制造业单项冠军": LabelRule(None, skip_reason="a yearly flow, not the stock"),
    "林草覆盖率": LabelRule(None, skip_reason="no catalogue indicator (differs from 森林覆盖率)"),
    "电厂总装机容量(在建/投运/获路条合计,口径不明)": LabelRule(
        None, skip_reason="definition unclear (mixes plants built, building and approved)"),
    "169个重点城市空气质量综合指数排名(倒数)": LabelRule(None, skip_reason="a ranking"),
    "168个重点城市空气质量综合指数排名(倒数)": LabelRule(None, skip_reason="a ranking"),
}


@dataclass(frozen=True)
class ActualRow:
    """One row of the CSV, as read."""

    line: int
    region: str
    label: str
    year: str
    value: str
    unit: str
    source: str
    confidence: str


@dataclass
class ActualsReport:
    """What the import stored and what it left out, row by row."""

    stored: int = 0
    unchanged: int = 0
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # line, label, reason


def read_actuals(path: Path) -> list[ActualRow]:
    """Read the CSV rows (UTF-8, with or without BOM)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [ActualRow(line=number, region=row["region"], label=row["indicator"],
                          year=row["year"], value=row["value"], unit=row["unit"],
                          source=row["source"], confidence=row["confidence"])
                for number, row in enumerate(csv.DictReader(handle), start=2)]


def import_actuals(session: Session, rows: Iterable[ActualRow], *,
                   imported_at: datetime) -> ActualsReport:
    """Store the rows as observations (flush only). Where two rows give the same figure,
    the more confident one is kept and the other reported as skipped."""
    report = ActualsReport()
    chosen: dict[tuple[str, str, str, str], ActualRow] = {}
    for row in rows:
        rule = LABEL_RULES.get(row.label) or LabelRule(None, skip_reason="label not mapped")
        if rule.indicator is None:
            report.skipped.append((row.line, row.label, rule.skip_reason or ""))
            continue
        if not row.year.isdigit():
            report.skipped.append((row.line, row.label, f"period {row.year!r} is not a year"))
            continue
        # A preliminary figure and its final are two vintages, not duplicates.
        key = (row.region, rule.indicator, row.year + rule.period_suffix, rule.status.value)
        kept = chosen.get(key)
        if kept is None or _CONFIDENCE_RANK[row.confidence] > _CONFIDENCE_RANK[kept.confidence]:
            if kept is not None:
                report.skipped.append((kept.line, kept.label, "a more confident row gives it"))
            chosen[key] = row
        else:
            report.skipped.append((row.line, row.label, "a more confident row gives it"))
    for row in chosen.values():
        _store(session, row, LABEL_RULES[row.label], imported_at, report)
    return report


def _store(session: Session, row: ActualRow, rule: LabelRule, imported_at: datetime,
           report: ActualsReport) -> None:
    assert rule.indicator is not None
    indicator = indicator_queries.get_indicator_or_raise(session, code=rule.indicator)
    series = indicator_queries.get_or_add_series(
        session, indicator=indicator, region_code=_region_code(session, row.region))
    bound = f"{LOWER_BOUND_NOTE} (unit: {row.unit})" if row.unit.endswith("(>)") else None
    notes = [rule.note, bound,
             f"confidence: {row.confidence}"]
    figure = indicator_queries.NewFigure(
        period_code=row.year + rule.period_suffix, value=Decimal(row.value), status=rule.status,
        source_kind=SourceKind.IMPORT, source=row.source,
        vintage_at=_published_at(row.source) or assumed_publication(
            row.year + rule.period_suffix, rule.status, cap=imported_at),
        note="; ".join(n for n in notes if n))
    if indicator_queries.add_figure(session, series=series, figure=figure) is None:
        report.unchanged += 1
    else:
        report.stored += 1


def _region_code(session: Session, label: str) -> str:
    match = _REGION_NAME.search(label)
    name = match["name"] if match else label
    code = session.scalar(select(Region.code).where(Region.name == name))
    if code is None:
        raise LookupError(f"region not in the catalogue: {label}")
    return code


def assumed_publication(period_code: str, status: ObservationStatus, *,
                        cap: datetime) -> datetime:
    """Date a figure whose source names no date by when such figures usually appear: a
    year's preliminary figure at the end of January after it, its statistical bulletin
    (统计公报) at the end of February, a 1–N月 figure on the 20th of the next month; never
    later than `cap`. So `assess --as-of` a past day sees what was known then."""
    period = parse_period(period_code)
    if period.kind is PeriodKind.YEAR_TO_DATE and period.number < 12:
        day = date(period.year, period.number + 1, 20)
    elif period.kind is PeriodKind.YEAR_TO_DATE:
        day = date(period.year + 1, 1, 20)
    elif status is ObservationStatus.PRELIMINARY:
        day = date(period.year + 1, 1, 31)
    else:
        day = date(period.year + 1, 2, 28)
    return min(china_midnight(day), cap)


def _published_at(source: str) -> datetime | None:
    """Date a figure by the publication date its source names (e.g. a 政府工作报告 date)."""
    match = _SOURCE_DATE.search(source)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    return china_midnight(date(year, month, day))
