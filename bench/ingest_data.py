"""The ingest benchmark's input: a long-layout upload (指标, 地区, 时期, 数值, 单位, 状态) of
distinct monthly figures for 50 synthetic indicators × as many synthetic counties as needed
× 48 months (2020年1月 … 2023年12月), written as CSV (UTF-8 or GBK, optionally with 1% of the
values changed) and as XLSX, and the catalogue that declares those indicators and counties.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

N_INDICATORS = 50
MONTHS = [(year, month) for year in range(2020, 2024) for month in range(1, 13)]
PARENT_REGION = "370300"  # 淄博市, from base.yaml
CHANGED_EVERY = 100  # the revision file changes every 100th value (1%)


def indicator_name(index: int) -> str:
    return f"基准指标{index:02d}"


def region_name(index: int) -> str:
    return f"基准县{index:04d}"


def region_code(index: int) -> str:
    return f"9{index:05d}"  # GB/T 2260 gives no code a leading 9: no clash with base.yaml


def region_count(rows: int) -> int:
    return math.ceil(rows / (N_INDICATORS * len(MONTHS)))


def is_rate(indicator: int) -> bool:
    return indicator % 2 == 1


def figures(rows: int, *, changed: bool = False) -> Iterator[tuple[str, str, str, float, str,
                                                                   str]]:
    """Yield (indicator, region, period, value, decimals as str, status) for `rows` figures.

    Regions outermost, then indicators, then months, so a file cut short keeps whole series.
    Values are seeded per row, so the changed file differs in exactly every 100th value.
    An amount varies within ±30% around a level of its series (10 to 9,000): white noise
    over the whole range put some months 1,000 times their neighbours, which the ingest
    rightly refuses as unit mistakes (万元 for 千万元 …).
    """
    rng = random.Random(20240601)
    count = 0
    for region in range(region_count(rows)):
        for indicator in range(N_INDICATORS):
            rate = is_rate(indicator)
            level = rng.uniform(10, 9000)
            for year, month in MONTHS:
                if count == rows:
                    return
                value = round(rng.uniform(-20, 30), 1) if rate else round(
                    level * rng.uniform(0.7, 1.3), 2)
                status = "初步" if rng.random() < 0.05 else ""
                if changed and count % CHANGED_EVERY == 0:
                    value = round(value + (0.1 if rate else 1.25), 2)
                yield (indicator_name(indicator), region_name(region), f"{year}年{month}月",
                       value, "1" if rate else "2", status)
                count += 1


def value_text(value: float, decimals: str) -> str:
    """The value as typed in a table: fixed decimals, thousands separators above 1,000."""
    return f"{value:,.{decimals}f}" if abs(value) >= 1000 else f"{value:.{decimals}f}"


def unit_of(indicator: str) -> str:
    return "%" if is_rate(int(indicator[-2:])) else "亿元"


def write_csv(path: Path, rows: int, *, changed: bool = False,
              encoding: str = "utf-8") -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # Excel's CSV: CRLF, quotes if needed
    writer.writerow(("指标", "地区", "时期", "数值", "单位", "状态"))
    for name, region, period, value, decimals, status in figures(rows, changed=changed):
        writer.writerow((name, region, period, value_text(value, decimals), unit_of(name),
                         status))
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("数据")
    sheet.append(["指标", "地区", "时期", "数值", "单位", "状态"])
    for name, region, period, value, _, status in figures(rows):
        sheet.append([name, region, period, value, unit_of(name), status])  # numbers as numbers
    book.save(path)


def catalogue_file(rows: int) -> Any:
    from indicators.catalogue.format import CatalogueFile, IndicatorSpec, RegionSpec
    from indicators.vocab import Frequency, RegionLevel, ValueType

    indicators = [IndicatorSpec(
        code=f"bench_{i:02d}", name=indicator_name(i), name_en=f"Benchmark indicator {i}",
        unit="%" if is_rate(i) else "亿元", frequency=Frequency.MONTHLY, higher_is_better=True,
        value_type=ValueType.GROWTH_RATE if is_rate(i) else ValueType.LEVEL)
        for i in range(N_INDICATORS)]
    regions = [RegionSpec(code=region_code(r), name=region_name(r), level=RegionLevel.COUNTY,
                          parent=PARENT_REGION) for r in range(region_count(rows))]
    return CatalogueFile(format="targetwatch-catalogue/1", regions=regions,
                         indicators=indicators)
