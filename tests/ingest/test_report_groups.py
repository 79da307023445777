"""A report says each problem once: the same problem in many cells becomes one issue with
its rows and columns, and the counts still count every cell."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils import column_index_from_string, get_column_letter
from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.vocab import UploadStatus
from ingest.checks.permissions import WritePermission
from ingest.pipeline import IngestOptions, IngestReport, ingest_file
from ingest.reports.report_groups import column_span, group_issues, row_span
from tests.ingest.bureau_books import wide_book
from tests.ingest.files import csv_bytes

NOW = datetime(2018, 9, 1, tzinfo=UTC)
FIELDS = ("rows", "columns", "occurrences", "row_span", "column_span")


@pytest.fixture
def seeded(session: Session) -> Session:
    base = catalogue.read_catalogue(catalogue.SEED_DIR / catalogue.BASE_FILE)
    catalogue.load_catalogue(session, base)
    return session


def _ingest(session: Session, content: bytes, name: str) -> IngestReport:
    return ingest_file(session, content=content, file_name=name, uploader="淄博市统计局",
                       permission=WritePermission.everything(), now=NOW,
                       options=IngestOptions())


def _issue(row: int | None, column: str | None, raw: str = "x",
           code: str = "cell.not_a_number") -> dict[str, object]:
    return {"sheet": "Sheet1", "row": row, "column": column, "raw": raw, "severity": "error",
            "code": code, "reason_zh": f"无法识别为数值：“{raw}”",
            "reason_en": f"Not a number: “{raw}”", "suggestion_zh": None, "suggestion_en": None}


def test_spans_are_compact() -> None:
    assert row_span([3, 4, 5, 6, 7, 8, 9, 12]) == "3–9, 12"
    assert column_span(["C", "D", "E", "F", "G", "H"]) == "C–H"
    assert column_span(["C", "E", "G"]) == "C, E, G"
    assert column_span(["AA", "Z", "A"]) == "A, Z–AA"
    assert row_span([]) == "" and column_span([]) == ""


def _read_back(span: str) -> set[int]:
    numbers: set[int] = set()
    for part in span.split(", "):
        first, _, last = part.partition("–")
        numbers |= set(range(int(first), int(last or first) + 1))
    return numbers


@given(st.sets(st.integers(min_value=1, max_value=500), min_size=1, max_size=15))
def test_a_row_span_reads_back_as_the_rows(rows: set[int]) -> None:
    assert _read_back(row_span(sorted(rows))) == rows


@given(st.sets(st.integers(min_value=1, max_value=200), min_size=1, max_size=15))
def test_a_column_span_reads_back_as_the_columns(indices: set[int]) -> None:
    span = column_span([get_column_letter(i) for i in indices])
    back = {i for part in span.split(", ") for i in _letters(part)}
    assert back == indices


def _letters(part: str) -> range:
    first, _, last = part.partition("–")
    return range(column_index_from_string(first), column_index_from_string(last or first) + 1)


def test_the_same_problem_is_grouped_and_different_ones_are_not() -> None:
    issues = [_issue(5, c) for c in "HCDEFG"] + [_issue(r, "C", "y") for r in (3, 12, 4)] \
        + [_issue(None, None, "", "layout.no_region")]
    grouped = group_issues(issues)
    assert [(g["raw"], g["row"], g["column"]) for g in grouped] == [
        ("x", 5, "C"), ("y", 3, "C"), ("", None, None)]
    first, second, file_level = grouped
    assert (first["columns"], first["column_span"], first["occurrences"]) == (
        list("CDEFGH"), "C–H", 6)
    assert (second["rows"], second["row_span"]) == ([3, 4, 12], "3–4, 12")
    assert (file_level["rows"], file_level["columns"], file_level["row_span"]) == ([], [], "")
    assert all(set(FIELDS) <= set(g) and set(issues[0]) <= set(g) for g in grouped)
    assert group_issues(grouped) == grouped  # grouping twice changes nothing


def test_a_wide_sheet_reports_each_problem_once_and_counts_every_cell(seeded: Session) -> None:
    header = ["指标", "地区", "单位", *(f"{y}年" for y in range(2011, 2017))]
    rows = [["地区生产总值X", "淄博市", "亿元", *range(3500, 3506)],  # unknown: cell A4 once
            ["地区生产总值", "淄博市", "亿元", *(["约4400"] * 6)],  # C–H, same text
            *[["地区生产总值增长率", "淄川市", "%", *(7.0 + i / 10 for i in range(6))]
              for _ in range(4)],  # the same unknown region on four rows
            ["地区生产总值增长率", "淄川市", "%", *(8.0 + i / 10 for i in range(6))]]
    report = _ingest(seeded, wide_book("2017年主要指标", header, rows, group="年度"), "w.xlsx")
    assert report.status == UploadStatus.REJECTED
    found = {i["code"]: i for i in report.issues}
    assert len(report.issues) == 3
    unknown = found["ingest.unknown_indicator"]
    assert (unknown["rows"], unknown["columns"], unknown["occurrences"]) == ([4], ["A"], 1)
    number = found["cell.not_a_number"]
    assert (number["row"], number["column_span"], number["occurrences"]) == (5, "D–I", 6)
    region = found["ingest.unknown_region"]
    assert (region["row_span"], region["columns"]) == ("6–10", ["B"])
    assert report.issue_counts == {"ingest.unknown_indicator": 1, "cell.not_a_number": 6,
                                   "ingest.unknown_region": 5}
    assert "发现 12 处错误" in report.summary()


def test_a_refused_file_has_the_grouped_fields_too(seeded: Session) -> None:
    report = _ingest(seeded, csv_bytes([]), "empty.csv")
    (issue,) = report.issues
    assert issue["code"] == "file.no_figures" and set(FIELDS) <= set(issue)
    assert issue["occurrences"] == 1 and issue["rows"] == []
