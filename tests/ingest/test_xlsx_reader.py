"""Reading uploaded XLSX workbooks into raw grids, and refusing bombs and impostors, on real
files built in tmp_path."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font
from openpyxl.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from ingest.reading.file_limits import ReadLimits
from ingest.reading.readers import read_table_file
from tests.ingest.reader_checks import TABLE, csv_table, grid, rejected, saved

# --- XLSX ----------------------------------------------------------------------------------


def _xlsx(tmp_path: Path, build: Callable[[Workbook], None], name: str = "book.xlsx") -> bytes:
    workbook = openpyxl.Workbook()
    build(workbook)
    workbook.save(tmp_path / name)
    return (tmp_path / name).read_bytes()


def _with_member(content: bytes, member: str, edit: Callable[[bytes | None], bytes]) -> bytes:
    """The same zip with one member replaced (or added) by `edit` of its old content."""
    source = zipfile.ZipFile(io.BytesIO(content))
    names = source.namelist()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            data = source.read(name)
            target.writestr(name, edit(data) if name == member else data)
        if member not in names:
            target.writestr(member, edit(None))
    return buffer.getvalue()


def _replace(old: bytes, new: bytes) -> Callable[[bytes | None], bytes]:
    def edit(data: bytes | None) -> bytes:
        assert data is not None and data.count(old) == 1, old
        return data.replace(old, new)
    return edit


def _statistics(workbook: Workbook) -> None:
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "主要指标"
    sheet.append(["淄博市2017年1-9月主要经济指标"])
    sheet.merge_cells("A1:F1")
    sheet.append(["指标", "数值", "增速", "翻倍", "待算", "时期"])
    sheet.append(["地区生产总值", 1000.0, 0.5, "=B3*2", "=B3*3", date(2016, 3, 1)])
    sheet.append(["工业", 42, 12.3, True, False, datetime(2016, 3, 1, 10, 30)])
    sheet.append([None, -7, 1e-7, None, "", None])
    sheet.cell(row=40, column=60).font = Font(bold=True)  # styled but empty, far away
    hidden = workbook.create_sheet("隐藏")
    hidden.append(["不应读取"])
    hidden.sheet_state = "hidden"
    workbook.create_sheet("空表")
    second = workbook.create_sheet("Sheet2")
    second.append(["a", 1])


def test_xlsx_cells_read_as_the_text_excel_shows(tmp_path: Path) -> None:
    content = _xlsx(tmp_path, _statistics)
    # openpyxl writes floats with 16 digits; Excel writes 17, artefacts included. Put
    # Excel's digits in, and give one formula the cached value Excel would have saved.
    content = _with_member(content, "xl/worksheets/sheet1.xml", lambda data: (
        _replace(b"<v>0.5</v>", b"<v>0.30000000000000004</v>")(
            _replace(b"<f>B3*2</f><v /></c>", b"<f>B3*2</f><v>2000</v></c>")(data))))
    sheets = read_table_file(saved(tmp_path, "edited.xlsx", content), "edited.xlsx")
    assert [sheet.name for sheet in sheets] == ["主要指标", "Sheet2"]
    main = sheets[0]
    assert main.title == "淄博市2017年1-9月主要经济指标"
    assert grid(main) == [
        ["淄博市2017年1-9月主要经济指标", "", "", "", "", ""],
        ["指标", "数值", "增速", "翻倍", "待算", "时期"],
        ["地区生产总值", "1000", "0.3", "2000", "", "2016-03-01"],
        ["工业", "42", "12.3", "TRUE", "FALSE", "2016-03-01T10:30:00"],
        ["", "-7", "0.0000001", "", "", ""],
    ]
    assert list(main.frame.index) == [1, 2, 3, 4, 5]
    assert grid(sheets[1]) == [["a", "1"]]
    assert sheets[1].title is None


def test_xlsm_is_read_as_xlsx(tmp_path: Path) -> None:
    content = _xlsx(tmp_path, _statistics)
    assert [s.name for s in read_table_file(content, "BOOK.XLSM")] == ["主要指标", "Sheet2"]


def test_an_xlsx_with_only_hidden_or_empty_sheets_is_empty(tmp_path: Path) -> None:
    def build(workbook: Workbook) -> None:
        workbook.create_sheet("hidden").append(["x"])
        workbook["hidden"].sheet_state = "hidden"
    rejected(_xlsx(tmp_path, build), "book.xlsx", "file.empty")


@pytest.fixture(scope="module")
def zeros() -> bytes:
    """50 MB of zeros: deflates about a thousandfold."""
    return bytes(50 * 1024 * 1024)


def _members_opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every zip member opened (to be inflated) from now on."""
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def recording_open(self: zipfile.ZipFile, name: object, *args: object,
                       **kwargs: object) -> object:
        opened.append(getattr(name, "filename", name))  # type: ignore[arg-type]
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", recording_open)
    return opened


def test_a_zip_bomb_is_refused(zeros: bytes, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", zeros)
    content = saved(tmp_path, "bomb.xlsx", buffer.getvalue())
    assert len(content) < 1024 * 1024
    opened = _members_opened(monkeypatch)
    error = rejected(content, "bomb.xlsx", "file.zip_bomb")
    assert error.values["size"] == "50 MB"
    assert opened == []  # judged on the declared sizes: not one byte inflated


def test_a_bomb_inside_a_valid_workbook_is_refused_before_openpyxl(
        zeros: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # openpyxl itself would read this workbook happily and ignore the member.
    content = _with_member(_xlsx(tmp_path, _statistics), "xl/media/zeros.bin", lambda _: zeros)
    opened = _members_opened(monkeypatch)
    rejected(content, "book.xlsx", "file.zip_bomb")
    assert opened == []  # refused before openpyxl opened any member
    relaxed = ReadLimits(max_compression_ratio=1e9)
    assert len(read_table_file(content, "book.xlsx", relaxed)) == 2
    assert "xl/workbook.xml" in opened  # (the spy sees what a read opens)
    rejected(content, "book.xlsx", "file.zip_bomb",
              ReadLimits(max_compression_ratio=1e9, max_uncompressed_bytes=10 * 1024 * 1024))


def test_small_highly_compressible_xml_is_not_a_bomb(tmp_path: Path) -> None:
    def build(workbook: Workbook) -> None:
        sheet = workbook.active
        assert sheet is not None
        for _ in range(2_000):
            sheet.append(["x"] * 10)
    content = _xlsx(tmp_path, build)
    [member] = [info for info in zipfile.ZipFile(io.BytesIO(content)).infolist()
                if info.filename == "xl/worksheets/sheet1.xml"]
    assert member.file_size < 1024 * 1024 and member.file_size > 20 * member.compress_size
    [sheet] = read_table_file(content, "book.xlsx", ReadLimits(max_compression_ratio=2))
    assert sheet.frame.shape == (2_000, 10)


@pytest.mark.parametrize("make, detail", [
    (lambda xlsx: xlsx[: len(xlsx) // 2], "truncated or damaged zip archive"),
    (lambda xlsx: csv_table(TABLE, "gbk"), "a text (CSV) file, not a workbook"),
    (lambda xlsx: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(100), "a PDF document, not a workbook"),
    (lambda xlsx: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
     "an Excel 97-2003 (.xls) or password-protected workbook"),
    (lambda xlsx: _with_member(xlsx, "xl/workbook.xml", lambda _: b"<not xml"),
     "damaged workbook ("),
    (lambda xlsx: _with_member(xlsx, "xl/worksheets/sheet1.xml", lambda d: (d or b"")[:300]),
     "damaged sheet “主要指标” ("),
])
def test_what_is_not_an_xlsx_is_refused(tmp_path: Path, make: Callable[[bytes], bytes],
                                        detail: str) -> None:
    content = saved(tmp_path, "x.xlsx", make(_xlsx(tmp_path, _statistics)))
    error = rejected(content, "x.xlsx", "file.not_xlsx")
    assert error.values["name"] == "x.xlsx"
    assert str(error.values["detail"]).startswith(detail)


def test_a_zip_without_a_workbook_is_not_an_xlsx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    error = rejected(saved(tmp_path, "x.xlsx", buffer.getvalue()), "x.xlsx", "file.not_xlsx")
    assert error.values["detail"] == "zip archive without xl/workbook.xml"


def test_an_empty_xlsx_file_is_empty() -> None:
    rejected(b"", "x.xlsx", "file.empty")


def _rows(count: int, width: int = 3) -> Callable[[Workbook], None]:
    def build(workbook: Workbook) -> None:
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "数据"
        for row in range(count):
            sheet.append([f"r{row}c{column}" for column in range(width)])
    return build


def test_a_sheet_over_the_row_limit_is_refused(tmp_path: Path) -> None:
    content = _xlsx(tmp_path, _rows(11))
    assert len(read_table_file(content, "x.xlsx", ReadLimits(max_rows=11))[0].frame) == 11
    error = rejected(content, "x.xlsx", "file.too_many_rows", ReadLimits(max_rows=10))
    assert error.values == {"sheet": "数据", "limit": 10}


def _count_rows_drawn(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the rows the reader draws from each openpyxl sheet (one count per sheet)."""
    counts: list[int] = []
    real_iter_rows = ReadOnlyWorksheet.iter_rows

    def counting_iter_rows(self: ReadOnlyWorksheet, *args: object,
                           **kwargs: object) -> Iterator[object]:
        counts.append(0)
        for row in real_iter_rows(self, *args, **kwargs):
            counts[-1] += 1
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", counting_iter_rows)
    return counts


def test_a_far_away_row_is_refused_without_walking_to_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def build(workbook: Workbook) -> None:
        sheet = workbook.active
        assert sheet is not None
        sheet["A1"] = "a"
        sheet["A1000000"] = "far"
    content = _xlsx(tmp_path, build)
    drawn = _count_rows_drawn(monkeypatch)
    rejected(content, "x.xlsx", "file.too_many_rows", ReadLimits(max_rows=1_000))
    # openpyxl fills the gap with empty rows; the reader stops at the limit plus one, not
    # at row 1,000,000.
    assert drawn == [1_001]


def test_a_sheet_over_the_column_limit_is_refused(tmp_path: Path) -> None:
    content = _xlsx(tmp_path, _rows(3, width=6))
    assert read_table_file(content, "x.xlsx", ReadLimits(max_columns=6))[0].frame.shape == (3, 6)
    error = rejected(content, "x.xlsx", "file.too_many_columns", ReadLimits(max_columns=5))
    assert error.values == {"sheet": "数据", "limit": 5}


def test_styled_empty_cells_do_not_count_as_columns(tmp_path: Path) -> None:
    content = _xlsx(tmp_path, _statistics)
    assert read_table_file(content, "x.xlsx", ReadLimits(max_columns=6))[0].frame.shape[1] == 6
