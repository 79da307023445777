"""A file refused from the drop folder tells somebody: its report beside it in Excel, and a
warning in the log naming the file and its first problem."""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session, sessionmaker

from indicators.catalogue import loader as catalogue
from service.jobs.context import JobContext
from service.jobs.drop_folder import DONE, REJECTED, scan_drop_folder
from service.settings import Settings
from tests.ingest.files import csv_bytes, xlsx_bytes


@pytest.fixture
def context(session_factory: sessionmaker[Session], tmp_path: Path) -> JobContext:
    """The jobs' context on the test's database (regions and indicators only) with a drop
    folder."""
    with session_factory() as session, session.begin():
        catalogue.load_catalogue(
            session, catalogue.read_catalogue(catalogue.SEED_DIR / catalogue.BASE_FILE))
    folder = tmp_path / "drop"
    folder.mkdir()
    return JobContext(Settings(drop_folder=folder), session_factory)


def _place(folder: Path, name: str, content: bytes) -> None:
    """Put a file in the folder as if copied in a while ago (past the settle time)."""
    path = folder / name
    path.write_bytes(content)
    past = time.time() - 60
    os.utime(path, (past, past))


def test_a_rejected_file_gets_an_excel_report_and_a_warning(
        context: JobContext, caplog: pytest.LogCaptureFixture) -> None:
    folder = context.settings.drop_folder
    assert folder is not None
    # A wide sheet as a county bureau sends it: a title, then one column per period; one
    # figure typed with a full stop for a decimal comma and a near-miss indicator name.
    wide = xlsx_bytes([("指标", "地区", "单位", "2014年", "2015年"),
                       ("地区生产总值", "淄博市", "亿元", "4029.8", "4130.2"),
                       ("规上工业增加值", "淄博市", "亿元", "1800", "1.9OO")],
                      title="淄博市主要经济指标", sheet="主要指标")
    _place(folder, "淄博市主要指标.xlsx", wide)
    _place(folder, "good.csv", csv_bytes([("地区生产总值", "淄博市", "2013", "3800", "亿元", "")]))
    with caplog.at_level(logging.WARNING, logger="service.jobs.drop_folder"):
        outcomes = scan_drop_folder(context)
    assert sorted(outcomes) == ["good.csv: accepted", "淄博市主要指标.xlsx: rejected"]
    rejected = folder / REJECTED
    assert sorted(p.name for p in rejected.iterdir()) == [
        "淄博市主要指标.xlsx", "淄博市主要指标.xlsx.report.json", "淄博市主要指标.xlsx.report.xlsx"]
    assert not list((folder / DONE).glob("*.report.xlsx"))  # an accepted file needs none
    sheet = load_workbook(rejected / "淄博市主要指标.xlsx.report.xlsx").active
    assert sheet["A1"].value.startswith("已拒收“淄博市主要指标.xlsx”")
    issues = json.loads((rejected / "淄博市主要指标.xlsx.report.json").read_text("utf-8"))["issues"]
    lines = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert len(lines) == len(issues) >= 2
    assert {line[4] for line in lines} >= {"规上工业增加值", "1.9OO"}
    assert all(line[1] == "主要指标" and line[2] == 4 for line in lines)
    (warning,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    text = warning.getMessage()
    assert text.startswith("投放文件“淄博市主要指标.xlsx”已拒收")
    assert "首个问题：工作表“主要指标”第 4 行" in text and "first: sheet “主要指标”, row 4" in text
    assert str(rejected / "淄博市主要指标.xlsx.report.xlsx") in text
