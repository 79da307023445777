"""Upload reports a clerk can act on: the terminal table, CSV and XLSX downloads and JSON,
from the command line (`ingest --report`) and the API (`/api/uploads/{id}/report`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy.orm import Session, sessionmaker

from indicators.catalogue import loader as catalogue
from indicators.text.messages import Language
from ingest.reports.report_files import (
    TABLE_RAW_CHARS,
    first_problem,
    render_report,
    report_csv,
    report_xlsx,
    table_rows,
)
from service.app import create_app
from service.settings import Settings, get_settings
from service.text_table import render_table
from service.users import Role, add_user
from tests.ingest.files import csv_bytes

# A bureau file as Excel saves it (GBK, CRLF): a near-miss indicator name, a value typed
# with a letter, and one good row; 2013 is a year document 004 has no figure for.
BAD_ROWS = [("规上工业增加值", "淄博市", "2013", "1200", "亿元", ""),
            ("地区生产总值", "淄博市", "2013", "38OO", "亿元", ""),
            ("地区生产总值增长率", "淄博市", "2013", "9.5", "%", "")]
GROUPED: dict[str, Any] = {
    "sheet": "2024年1-9月", "row": 3, "column": "C", "raw": "…", "severity": "error",
    "code": "cell.not_a_number", "reason_zh": "无法识别为数值：“…”",
    "reason_en": "Not a number: “…”", "suggestion_zh": "请填写数字",
    "suggestion_en": "Enter a number", "rows": [3, 4, 5, 6, 7, 8, 9, 12],
    "columns": ["C", "D", "E", "F", "G", "H"], "occurrences": 48,
    "row_span": "3–9, 12", "column_span": "C–H"}


def _issue(raw: str, **fields: object) -> dict[str, Any]:
    return {"sheet": "Sheet1", "row": 5, "column": "D", "raw": raw, "severity": "error",
            "code": "cell.not_a_number", "reason_zh": f"无法识别为数值：“{raw}”",
            "reason_en": f"Not a number: “{raw}”", "suggestion_zh": None,
            "suggestion_en": None, **fields}


def _report(*issues: dict[str, Any]) -> dict[str, Any]:
    return {"file_name": "淄博.csv", "status": "rejected",
            "summary_zh": "已拒收“淄博.csv”：发现 2 处错误，数据未作任何更改",
            "summary_en": "Rejected “淄博.csv”: 2 errors found; no data changed",
            "issues": list(issues)}


def test_the_table_names_grouped_places_counts_and_warnings() -> None:
    warning = _issue("7.7", severity="warning", reason_zh="与月度数不符",
                     reason_en="Does not agree with the monthly figure")
    headers, rows = table_rows(_report(GROUPED, warning), Language.ZH)
    assert headers == ["工作表", "行", "列", "原值", "问题", "建议"]
    assert rows[0][:3] == ["2024年1-9月", "3–9, 12", "C–H"]
    assert rows[0][4] == "无法识别为数值：“…”（共 48 处）"
    assert rows[1][1:3] == ["5", "D"] and rows[1][4] == "【警告】与月度数不符"
    english, rows_en = table_rows(_report(GROUPED), Language.EN)
    assert english == ["Sheet", "Row", "Column", "Raw value", "Problem", "Suggestion"]
    assert rows_en[0][4] == "Not a number: “…” (48 places)"


def test_a_huge_cell_is_cut_short_everywhere() -> None:
    huge = "地区生产总值" * 20_000  # a whole text pasted into one cell
    report = _report(_issue(huge))
    _, rows = table_rows(report, Language.ZH)
    assert len(rows[0][3]) == TABLE_RAW_CHARS and rows[0][3].endswith("…")
    assert len(render_table(*table_rows(report, Language.ZH))) < 1_000
    assert len(report_csv(report, Language.ZH)) < 2_000
    assert len(report_xlsx(report, Language.ZH)) < 10_000


def test_csv_opens_in_excel_and_never_runs_a_formula() -> None:
    content = report_csv(_report(GROUPED, _issue("=HYPERLINK(\"http://x\")")), Language.ZH)
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["级别", "工作表", "行", "列", "原值", "问题", "建议", "次数"]
    assert rows[1] == ["错误", "2024年1-9月", "3–9, 12", "C–H", "…", "无法识别为数值：“…”",
                       "请填写数字", "48"]
    assert rows[2][4] == "'=HYPERLINK(\"http://x\")"
    assert b"\r\n" in content


def test_xlsx_has_a_summary_a_frozen_bold_header_and_text_kept_as_text() -> None:
    report = _report(GROUPED, _issue("=SUM(A1:A9)"), _issue("bad\x01cell\x1f"))
    book = load_workbook(io.BytesIO(report_xlsx(report, Language.ZH)))
    sheet = book.active
    assert sheet["A1"].value == report["summary_zh"] and sheet["A1"].font.b
    assert [c.value for c in sheet[2]] == ["级别", "工作表", "行", "列", "原值", "问题", "建议",
                                           "次数"]
    assert all(c.font.b for c in sheet[2]) and sheet.freeze_panes == "A3"
    assert [c.value for c in sheet[3]][2:4] == ["3–9, 12", "C–H"] and sheet["H3"].value == 48
    assert (sheet["C4"].value, sheet["E4"].value, sheet["E4"].data_type) == (5, "=SUM(A1:A9)",
                                                                              "s")
    assert sheet["E5"].value == "badcell"  # control characters a workbook cannot hold
    assert all(6 <= sheet.column_dimensions[c].width <= 60 for c in "ABCDEFGH")


@settings(max_examples=30, deadline=None)
@given(raw=st.text(max_size=300), reason=st.text(max_size=400))
def test_any_text_renders_in_every_format(raw: str, reason: str) -> None:
    report = _report(_issue(raw, reason_zh=reason, reason_en=reason))
    _, rows = table_rows(report, Language.EN)
    assert len(rows[0][3]) <= TABLE_RAW_CHARS
    text = report_csv(report, Language.ZH).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == 2
    sheet = load_workbook(io.BytesIO(report_xlsx(report, Language.ZH))).active
    assert sheet.max_row == 3
    assert json.loads(render_report(report, "json", Language.ZH))["issues"][0]["raw"] == raw


def test_the_first_problem_names_its_place() -> None:
    assert first_problem(_report(GROUPED), Language.ZH) == (
        "工作表“2024年1-9月”第 3–9, 12 行 C–H 列：无法识别为数值：“…”（共 48 处）")
    whole_file = _issue("", row=None, column=None, reason_en="No header found")
    assert first_problem(_report(whole_file), Language.EN) == "file “Sheet1”: No header found"


def test_ingest_prints_the_table_and_writes_the_report_in_every_format(
        run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    run("catalog", "load", str(catalogue.SEED_DIR / catalogue.BASE_FILE))
    bad = tmp_path / "淄博市2013年.csv"
    bad.write_bytes(csv_bytes(BAD_ROWS))
    unknown = run("ingest", str(bad), "--report", str(tmp_path / "r.txt"))
    assert unknown.exit_code == 2 and ".xlsx" in unknown.stderr  # refused before ingesting
    shown = run("ingest", str(bad), "--report", str(tmp_path / "r.xlsx"))
    assert shown.exit_code == 1
    header = next(line for line in shown.stdout.splitlines() if line.startswith("工作表"))
    assert header.split() == ["工作表", "行", "列", "原值", "问题", "建议"]
    assert "规上工业增加值" in shown.stdout and "38OO" in shown.stdout
    assert "已拒收" in shown.stdout and "报告已写入" in shown.stdout
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert "已拒收" in sheet["A1"].value
    assert {sheet.cell(row=r, column=5).value for r in (3, 4)} == {"规上工业增加值", "38OO"}
    as_json = run("ingest", str(bad), "--json", "--report", str(tmp_path / "r.json"))
    assert json.loads(as_json.stdout) == json.loads((tmp_path / "r.json").read_text("utf-8"))
    monkeypatch.setenv("TARGETWATCH_LANGUAGE", "en")
    get_settings.cache_clear()
    english = run("ingest", str(bad), "--dry-run", "--report", str(tmp_path / "r.csv"))
    assert "Raw value" in english.stdout and "Report written" in english.stdout
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text("utf-8-sig"))))
    assert rows[0][:5] == ["Severity", "Sheet", "Row", "Column", "Raw value"] and len(rows) == 3


@pytest.fixture
def uploaders(session_factory: sessionmaker[Session]) -> dict[str, str]:
    """Two bureaus' tokens and an administrator's, over the base catalogue."""
    with session_factory() as session, session.begin():
        catalogue.load_catalogue(session,
                                 catalogue.read_catalogue(catalogue.SEED_DIR / catalogue.BASE_FILE))
        return {name: add_user(session, name=name, role=role, regions=regions)[1]
                for name, role, regions in (("淄博", Role.UPLOADER, ["370300"]),
                                            ("吕梁", Role.UPLOADER, ["141100"]),
                                            ("admin", Role.ADMIN, []))}


@pytest.fixture
def api(session_factory: sessionmaker[Session], uploaders: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(create_app(settings=Settings(language="zh"),
                               factory=session_factory)) as client:
        yield client


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_rejected_uploads_report_downloads_in_every_format(
        api: TestClient, uploaders: dict[str, str]) -> None:
    sent = api.post("/api/uploads", files={"file": ("淄博.csv", csv_bytes(BAD_ROWS))},
                    headers=_auth(uploaders["淄博"]))
    assert sent.status_code == 422
    url = f"/api/uploads/{sent.json()['upload_id']}/report"
    as_xlsx = api.get(url, headers=_auth(uploaders["淄博"]))
    assert as_xlsx.status_code == 200 and "spreadsheetml" in as_xlsx.headers["content-type"]
    assert "filename*=UTF-8''%E6%B7%84%E5%8D%9A.csv.report.xlsx" in \
        as_xlsx.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert "已拒收" in sheet["A1"].value and sheet.max_row == 4
    as_csv = api.get(url, params={"format": "csv", "lang": "en"},
                     headers=_auth(uploaders["淄博"]))
    assert as_csv.content.startswith(b"\xef\xbb\xbf") and b"Raw value" in as_csv.content
    as_json = api.get(url, params={"format": "json"}, headers=_auth(uploaders["admin"])).json()
    assert as_json["issues"] == sent.json()["issues"]
    assert (as_json["status"], as_json["summary_zh"]) == ("rejected", sent.json()["summary_zh"])
    assert api.get(url, headers=_auth(uploaders["吕梁"])).status_code == 404  # not theirs
    assert api.get(url).status_code == 401
    assert api.get(url, params={"format": "pdf"},
                   headers=_auth(uploaders["admin"])).status_code == 422
    assert api.get("/api/uploads/999999/report",
                   headers=_auth(uploaders["admin"])).status_code == 404
