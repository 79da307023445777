"""The checks that compare a figure with others, and the reports they give, on real bureau
files over both databases: a unit mistake (万元 in a 亿元 column) is named as one, not as a
jump; year-to-date totals of a cumulative amount never fall and agree with the month they
derive; a sheet without a region column gets one issue; near-miss names get suggestions."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.tables.catalogue import Indicator
from indicators.tables.observations import Observation
from indicators.vocab import Frequency, UploadStatus, ValueType
from ingest.checks.permissions import WritePermission
from ingest.checks.unit_check import CONFUSED_POWERS, corrected_text, likely_units, power_off
from ingest.pipeline import IngestOptions, IngestReport, ingest_file
from tests.ingest.bureau_books import wide_book
from tests.ingest.files import csv_bytes, xlsx_bytes

FIRST = datetime(2018, 3, 1, tzinfo=UTC)
LATER = datetime(2018, 9, 1, tzinfo=UTC)


@pytest.fixture
def seeded(session: Session) -> Session:
    base = catalogue.read_catalogue(catalogue.SEED_DIR / catalogue.BASE_FILE)
    catalogue.load_catalogue(session, base)
    session.add(Indicator(code="industry_value_added_growth", name="规模以上工业增加值增速",
                          name_en="Industrial value added growth (above designated size)",
                          unit="%", frequency=Frequency.MONTHLY, higher_is_better=True,
                          value_type=ValueType.GROWTH_RATE))
    session.flush()
    return session


def _ingest(session: Session, content: bytes, name: str = "zibo.csv", *,
            now: datetime = LATER, **options: object) -> IngestReport:
    return ingest_file(session, content=content, file_name=name, uploader="淄博市统计局",
                       permission=WritePermission.everything(), now=now,
                       options=IngestOptions(**options))  # type: ignore[arg-type]


def _observations(session: Session) -> list[tuple[object, ...]]:
    session.expire_all()
    rows = session.execute(select(Observation).order_by(Observation.id)).scalars()
    return [(o.id, o.series_id, o.period_code, str(o.value), o.vintage_at) for o in rows]


def _codes(report: IngestReport) -> list[str]:
    return [i["code"] for i in report.issues]


# --- unit mistakes -------------------------------------------------------------------


def test_wan_yuan_in_a_yi_yuan_column_is_a_unit_mistake_with_the_corrected_value(
        seeded: Session) -> None:
    _ingest(seeded, csv_bytes([("地区生产总值", "淄博市", "2015", "4130.24", "亿元", "")]),
            "2015.csv", now=FIRST)
    before = _observations(seeded)
    content = csv_bytes([("地区生产总值", "淄博市", "2016年", "44120100", "亿元", "")])
    report = _ingest(seeded, content)
    assert report.status == UploadStatus.REJECTED
    assert _observations(seeded) == before
    (issue,) = report.issues
    assert issue["code"] == "ingest.unit_suspect" and issue["severity"] == "error"
    assert issue["reason_zh"].startswith("单位可能有误（万元/亿元）")
    assert "2015" in issue["reason_zh"] and "4130.24" in issue["reason_zh"]
    assert issue["suggestion_zh"].startswith("应为 4412.01亿元？")
    assert "4412.01 亿元" in issue["suggestion_en"]
    assert (issue["row"], issue["column"]) == (2, "D")


def test_one_bad_year_in_a_wide_row_is_blamed_alone(seeded: Session) -> None:
    header = ["指标", "地区", "单位", "2013年", "2014年", "2015年", "2016年", "2017年"]
    rows = [["地区生产总值", "淄博市", "亿元", 3801.18, 4029.83, 41302400, 4412.01, 4771.36]]
    report = _ingest(seeded, wide_book("淄博市地区生产总值", header, rows), "wide.xlsx")
    assert _codes(report) == ["ingest.unit_suspect"]  # not a jump for 2016 as well
    assert report.issues[0]["column"] == "F"
    assert "应为 4130.24亿元？" in report.issues[0]["suggestion_zh"]


def test_the_first_year_is_blamed_when_the_later_ones_agree(seeded: Session) -> None:
    header = ["指标", "地区", "单位", "2014年", "2015年", "2016年"]
    rows = [["地区生产总值", "淄博市", "亿元", 4029830, 4130.24, 4412.01]]
    report = _ingest(seeded, wide_book("淄博市", header, rows), "wide.xlsx")
    assert [(i["code"], i["column"]) for i in report.issues] == [
        ("ingest.unit_suspect_scale", "D")]  # 10^3: no unit of the family (十万元) names it
    assert report.issues[0]["reason_zh"].startswith("单位可能有误（相差 10³ 倍）")
    assert "应为 4029.83亿元？" in report.issues[0]["suggestion_zh"]


def test_a_per_capita_income_in_wan_yuan_in_a_yuan_column(seeded: Session) -> None:
    _ingest(seeded, csv_bytes([("城镇居民人均可支配收入", "淄博市", "2016", "37546", "元", "")]),
            "2016.csv", now=FIRST)
    report = _ingest(seeded, csv_bytes([("城镇居民人均可支配收入", "淄博市", "2017", "4.0518",
                                         "元", "")], encoding="utf-8-sig"))
    (issue,) = report.issues
    assert issue["reason_zh"].startswith("单位可能有误（万元/元）")
    assert issue["suggestion_zh"].startswith("应为 40518元？")


def test_a_year_to_date_figure_is_compared_with_the_same_period_last_year(
        seeded: Session) -> None:
    _ingest(seeded, csv_bytes([("固定资产投资", "淄博市", "2016年1-9月", "2345.6", "亿元", "")]),
            "2016.csv", now=FIRST)
    content = csv_bytes([("固定资产投资", "淄博市", "2017年1-9月", "25800000", "亿元", "")])
    report = _ingest(seeded, content, now=datetime(2017, 10, 20, tzinfo=UTC))
    (issue,) = report.issues
    assert issue["code"] == "ingest.unit_suspect" and "2016年1–9月" in issue["reason_zh"]
    assert "2016, months 1–9" in issue["reason_en"]
    assert issue["suggestion_zh"].startswith("应为 2580亿元？")


def test_a_threefold_change_is_still_a_jump_and_a_census_revision_passes(
        seeded: Session) -> None:
    _ingest(seeded, csv_bytes([("地区生产总值", "淄博市", "2016", "4412", "亿元", "")]),
            "2016.csv", now=FIRST)
    content = csv_bytes([("地区生产总值", "淄博市", "2017", "14771", "亿元", "")])
    assert _codes(_ingest(seeded, content)) == ["ingest.jump"]
    assert _ingest(seeded, content, census_revision=True).status == UploadStatus.ACCEPTED


@given(st.floats(min_value=1e-3, max_value=1e9), st.integers(min_value=-8, max_value=8),
       st.floats(min_value=-0.1, max_value=0.1))
def test_a_ratio_near_a_power_of_ten_is_read_as_that_power(reference: float, power: int,
                                                           drift: float) -> None:
    value = reference * 10.0 ** (power + drift)
    expected = power if abs(power) in CONFUSED_POWERS else 0  # others: the jump check's
    assert power_off(np.array([value]), np.array([reference]))[0] == expected


@given(st.floats(min_value=1e-3, max_value=1e9),
       st.floats(min_value=0.2, max_value=0.8), st.integers(min_value=-8, max_value=7))
def test_a_ratio_between_powers_of_ten_is_no_unit_mistake(reference: float, fraction: float,
                                                          power: int) -> None:
    value = reference * 10.0 ** (power + fraction)
    assert power_off(np.array([value]), np.array([reference]))[0] == 0


@given(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("1e9"), places=3),
       st.integers(min_value=-8, max_value=8))
def test_the_corrected_value_keeps_every_digit(number: Decimal, power: int) -> None:
    assert Decimal(corrected_text(number, power)) == number.scaleb(-power)


def test_likely_units_come_from_the_written_unit_family() -> None:
    assert likely_units("亿元", 4) == "万元/亿元"
    assert likely_units("亿元", 8) == "元/亿元"
    assert likely_units("万元", -4) == "亿元/万元"
    assert likely_units("元", -4) == "万元/元"
    assert likely_units("亿元", 3) == ""  # no 十万元 in the family: the report gives 10^3
    assert likely_units("万人", 4) == "人/万人"


# --- year-to-date totals ---------------------------------------------------------------


def _gbk_wide_ytd(values: list[object]) -> bytes:
    header = ("指标", "地区", "单位", "1-6月", "1—9月")
    return ("淄博市2017年主要经济指标\r\n".encode("gbk")
            + csv_bytes([("固定资产投资", "淄博市", "亿元", *values)], header=header))


def test_a_falling_year_to_date_total_in_a_gbk_wide_sheet_is_refused(seeded: Session) -> None:
    before = _observations(seeded)
    report = _ingest(seeded, _gbk_wide_ytd(["1800.5", "1700.2"]),
                     now=datetime(2017, 10, 20, tzinfo=UTC))
    assert report.status == UploadStatus.REJECTED and _observations(seeded) == before
    (issue,) = report.issues
    assert issue["code"] == "ingest.ytd_falls" and issue["column"] == "E"
    assert issue["reason_zh"] == "累计数不应减少：2017年1–9月为 1700.2，小于2017年1–6月的 1800.5"
    for text in ("2017, months 1–9", "1700.2", "2017, months 1–6", "1800.5"):
        assert text in issue["reason_en"]
    ok = _ingest(seeded, _gbk_wide_ytd(["1700.2", "1800.5"]), "ok.csv",
                 now=datetime(2017, 10, 20, tzinfo=UTC))
    assert ok.status == UploadStatus.ACCEPTED, ok.issues


def test_every_total_below_an_earlier_one_is_named_not_only_the_next(seeded: Session) -> None:
    header = ["指标", "地区", "单位", "1-6月", "1-8月", "1-9月"]
    rows = [["固定资产投资", "淄博市", "亿元", 1800.5, 1500, 1700.2]]
    report = _ingest(seeded, wide_book("淄博市2017年固定资产投资", header, rows), "f.xlsx",
                     now=datetime(2017, 10, 20, tzinfo=UTC))
    assert [(i["code"], i["column"]) for i in report.issues] == [
        ("ingest.ytd_falls", "E"), ("ingest.ytd_falls", "F")]
    assert all("2017年1–6月的 1800.5" in i["reason_zh"] for i in report.issues)


def test_a_total_below_a_stored_earlier_total_is_refused(seeded: Session) -> None:
    autumn = datetime(2017, 10, 20, tzinfo=UTC)
    _ingest(seeded, csv_bytes([("固定资产投资", "淄博市", "2017年1-6月", "1800", "亿元", "")]),
            "june.csv", now=autumn)
    report = _ingest(seeded, csv_bytes([("固定资产投资", "淄博市", "2017年1-9月", "1700", "亿元",
                                         "")]), "sept.csv", now=autumn)
    assert _codes(report) == ["ingest.ytd_falls"]
    assert "2017年1–6月" in report.issues[0]["reason_zh"]
    # An earlier total in the file above a stored later one is blamed on the file's row.
    _ingest(seeded, csv_bytes([("固定资产投资", "淄博市", "2017年1-9月", "2000", "亿元", "")]),
            "sept2.csv", now=autumn)
    late = _ingest(seeded, csv_bytes([("固定资产投资", "淄博市", "2017年1-8月", "2100", "亿元",
                                       "")]), "aug.csv", now=autumn)
    assert _codes(late) == ["ingest.ytd_falls"] and late.issues[0]["row"] == 2


def _month_and_totals(month: str) -> bytes:
    header = ["指标", "地区", "单位", "1-8月", "1-9月", "9月"]
    rows = [["固定资产投资", "淄博市", "亿元", 2100.0, 2345.6, month]]
    return wide_book("淄博市2017年固定资产投资", header, rows, group="累计及当月")


def test_a_month_that_disagrees_with_its_totals_is_a_warning(seeded: Session) -> None:
    autumn = datetime(2017, 10, 20, tzinfo=UTC)
    report = _ingest(seeded, _month_and_totals("260.1"), "m.xlsx", now=autumn)
    assert report.status == UploadStatus.ACCEPTED
    (issue,) = report.issues
    assert (issue["code"], issue["severity"], issue["column"]) == (
        "ingest.ytd_mismatch", "warning", "F")
    assert issue["reason_zh"] == ("2017年9月的数值 260.1 与累计数推算值 245.6 不符"
                                  "（2017年1–9月 2345.6 − 2017年1–8月 2100）")
    rounded = _ingest(seeded, _month_and_totals("246"), "r.xlsx", now=autumn, dry_run=True)
    assert rounded.issues == []  # within rounding of the least precise figure


def test_rates_are_not_cumulative(seeded: Session) -> None:
    rows = [("固定资产投资增长率", "淄博市", "2017年1-6月", "9.5", "%", ""),
            ("固定资产投资增长率", "淄博市", "2017年1-9月", "7.1", "%", "")]
    report = _ingest(seeded, csv_bytes(rows), now=datetime(2017, 10, 20, tzinfo=UTC))
    assert report.status == UploadStatus.ACCEPTED, report.issues


# --- a sheet with no region column ------------------------------------------------------


def test_no_region_column_and_no_region_in_the_title_is_one_issue(seeded: Session) -> None:
    rows = [("指标", "时期", "数值", "单位"), *[("地区生产总值", f"{y}年", 4000 + y - 2010, "亿元")
                                             for y in range(2010, 2017)]]
    report = _ingest(seeded, xlsx_bytes(rows, title="主要经济指标"), "no-region.xlsx")
    assert report.status == UploadStatus.REJECTED
    (issue,) = report.issues
    assert issue["code"] == "layout.no_region" and issue["row"] is None
    assert issue["suggestion_zh"] and issue["suggestion_en"]
    assert report.issue_counts == {"layout.no_region": 1}
    titled = _ingest(seeded, xlsx_bytes(rows, title="淄博市主要经济指标"), "titled.xlsx")
    assert titled.status == UploadStatus.ACCEPTED, titled.issues


# --- near-miss names ---------------------------------------------------------------------


@pytest.mark.parametrize(("indicator", "region", "expected"), [
    ("规上工业增加值增速", "淄博市", "规模以上工业增加值增速"),
    ("GDP增速", "淄博市", "地区生产总值增长率"),
    ("gdp_grwth", "淄博市", "地区生产总值增长率（gdp_growth）"),
    ("地区生产总值", "淄川区", "淄博市"),
    ("地区生产总值", "Zibo city", "淄博市（Zibo）"),
])
def test_near_miss_names_suggest_the_closest_catalogue_names(
        seeded: Session, indicator: str, region: str, expected: str) -> None:
    report = _ingest(seeded, csv_bytes([(indicator, region, "2016", "7.7", "%", "")]))
    (issue,) = report.issues
    assert expected in issue["suggestion_zh"].split("：", 1)[1].split("、")
    assert expected in issue["suggestion_en"]


def test_a_huge_cell_is_quoted_short_and_the_report_stays_small(seeded: Session) -> None:
    huge = "地区生产总值" * 20_000  # 120,000 characters in one indicator cell
    header = ("指标", "地区", "单位", *(f"{y}年" for y in range(2005, 2017)))
    rows = [(huge, "淄博市", "亿元", *(str(1000 + y) for y in range(12))) for _ in range(20)]
    content = csv_bytes(rows, header=header, encoding="utf-8-sig")
    report = _ingest(seeded, content)
    assert len(content) > 2_000_000
    (issue,) = report.issues  # one problem: 20 rows, one cell each
    assert issue["rows"] == list(range(2, 22)) and issue["row_span"] == "2–21"
    assert issue["raw"].endswith("…（共120000字）")
    assert issue["reason_en"].endswith("… (120000 chars)”")
    assert len(json.dumps(report.as_dict(), ensure_ascii=False)) < 5_000
    assert "发现 20 处错误" in report.summary()
