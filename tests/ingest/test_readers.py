"""Reading uploaded CSV and XLSX files into raw grids, on real files built in tmp_path."""

from __future__ import annotations

import csv
import io
import random
import string
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from openpyxl.styles import Font
from openpyxl.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from indicators.text.messages import MESSAGES, Language, message
from ingest.reading.encoding import detect_encoding
from ingest.reading.file_limits import FileRejected, ReadLimits
from ingest.reading.readers import read_table_file
from ingest.reading.sheets import Sheet

Grid = list[list[str]]
DEFAULT = ReadLimits()

TABLE: Grid = [
    ["淄博市2017年1-9月主要经济指标", "", ""],
    ["指标", "1-9月", "比上年同期增长（%）"],
    ["地区生产总值（亿元）", "3,512.6", "7.2"],
    ["规模以上工业增加值", "", "-0.5"],
    ["备注", "含“四上”企业, 不含农户", "第一行\n第二行"],
]


def _csv(rows: Grid, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    """The file Excel writes: CRLF line ends, cells with separators or breaks quoted."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def _saved(tmp_path: Path, name: str, content: bytes) -> bytes:
    path = tmp_path / name
    path.write_bytes(content)
    return path.read_bytes()


def _grid(sheet: Sheet) -> Grid:
    return sheet.frame.to_numpy().tolist()


def _rejected(content: bytes, name: str, key: str,
              limits: ReadLimits = DEFAULT) -> FileRejected:
    """Assert the file is refused with `key`, and that its values fill exactly that message."""
    with pytest.raises(FileRejected) as caught:
        read_table_file(content, name, limits)
    error = caught.value
    assert error.key == key
    placeholders = {field for template in MESSAGES[key]
                    for _, field, _, _ in string.Formatter().parse(template) if field}
    assert set(error.values) == placeholders
    for language in Language:
        assert message(key, language, **error.values) in str(error)
    return error


# --- CSV -----------------------------------------------------------------------------------


def test_a_gbk_csv_as_excel_writes_it_reads_cell_for_cell(tmp_path: Path) -> None:
    content = _saved(tmp_path, "淄博.csv", _csv(TABLE, "gbk"))
    assert b"\r\n" in content and b'"' in content
    assert detect_encoding(content) == "gb18030"
    [sheet] = read_table_file(content, "淄博.csv")
    assert sheet.name == "淄博.csv"
    assert sheet.title == "淄博市2017年1-9月主要经济指标"
    assert _grid(sheet) == TABLE
    assert list(sheet.frame.index) == [1, 2, 3, 4, 5]
    assert list(sheet.frame.columns) == [0, 1, 2]
    assert all(isinstance(cell, str) for row in _grid(sheet) for cell in row)


@pytest.mark.parametrize("encoding, delimiter", [
    ("utf-8", ","), ("utf-8-sig", ","), ("gbk", ";"), ("utf-8-sig", ";"), ("utf-8", "\t"),
    ("gbk", "\t"),
])
def test_encodings_and_delimiters_give_the_same_frame(tmp_path: Path, encoding: str,
                                                      delimiter: str) -> None:
    content = _saved(tmp_path, "table.txt", _csv(TABLE, encoding, delimiter))
    [sheet] = read_table_file(content, "table.txt")
    assert _grid(sheet) == TABLE
    assert sheet.title == TABLE[0][0]


def test_a_semicolon_file_with_decimal_commas_is_split_on_semicolons(tmp_path: Path) -> None:
    rows = [["指标", "2016", "2017"], ["GDP", "12,5", "13,1"], ["CPI", "101,2", "102,0"]]
    content = _saved(tmp_path, "eu.csv", _csv(rows, "utf-8", ";"))
    assert _grid(read_table_file(content, "eu.csv")[0]) == rows


def test_semicolons_inside_cells_of_a_comma_file_stay_in_their_cells() -> None:
    rows = [["指标", "说明"], ["GDP", "a;b;c"], ["CPI", "d;e"]]
    assert _grid(read_table_file(_csv(rows), "x.csv")[0]) == rows


def test_row_numbers_count_leading_blank_lines_and_trailing_blanks_are_dropped() -> None:
    content = "\r\n \r\n指标,数值,,\r\nGDP,1,,\r\n,,,\r\n\r\n\u3000,,\r\n".encode()
    [sheet] = read_table_file(content, "x.csv")
    assert list(sheet.frame.index) == [1, 2, 3, 4]
    assert _grid(sheet) == [["", ""], [" ", ""], ["指标", "数值"], ["GDP", "1"]]
    assert sheet.title is None


def test_a_record_wider_than_any_in_the_sample_widens_the_frame() -> None:
    rows = [["a", "1"]] * 1_000 + [["b", "2", "", "x"]]
    [sheet] = read_table_file(_csv(rows), "x.csv")
    assert sheet.frame.shape == (1_001, 4)
    assert _grid(sheet)[0] == ["a", "1", "", ""]
    assert _grid(sheet)[-1] == ["b", "2", "", "x"]


@pytest.mark.parametrize("rows, title", [
    ([["表1 主要指标"], ["单位：亿元"], ["指标", "数值"]], "表1 主要指标"),
    ([[" ", ""], ["  标题  ", ""], ["指标", "数值"]], "标题"),
    ([["2017", ""], ["指标", "数值"]], None),  # a number is not a title
    ([["指标", "数值"], ["GDP", "1"]], None),
    ([["只有一列"], ["a"], ["b"]], None),  # a one-column list has no title row
    ([["说明文字", ""], ["", ""]], None),  # nothing below it: not above a table
])
def test_title_detection(rows: Grid, title: str | None) -> None:
    assert read_table_file(_csv(rows), "x.csv")[0].title == title


# Characters a bureau's table holds. ';' and tab are left out of the cells on purpose: a
# one-column file whose every cell is "a;b" is genuinely two columns split on ';' as well.
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_PUNCTUATION = st.sampled_from(list("，。：；（）、—《》“”％\u3000"))
_ASCII = st.sampled_from([c for c in string.printable if c not in ";\t\x0b\x0c"])
_BEYOND_GBK = st.sampled_from(["€", "😀", "é", "\u00a0", "𠀀"])


@st.composite
def _tables(draw: st.DrawFn) -> tuple[str, Grid]:
    encoding = draw(st.sampled_from(["utf-8-sig", "utf-8", "gbk"]))
    alphabet = [_CJK, _PUNCTUATION, _ASCII] + ([] if encoding == "gbk" else [_BEYOND_GBK])
    cell = st.text(st.one_of(alphabet), max_size=6)
    width = draw(st.integers(1, 5))
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1,
                         max_size=8))
    return encoding, rows


def _trimmed(rows: Grid) -> Grid:
    """What the reader keeps: trailing rows and columns of white space dropped."""
    def blank(cells: list[str]) -> bool:
        return all(not cell.strip() for cell in cells)

    while rows and blank(rows[-1]):
        rows = rows[:-1]
    while rows and blank([row[-1] for row in rows]):
        rows = [row[:-1] for row in rows]
    return rows


@given(_tables())
def test_any_table_of_text_reads_back_cell_for_cell(table: tuple[str, Grid]) -> None:
    encoding, rows = table
    content = _csv(rows, encoding)
    if encoding == "gbk" and not content.isascii():
        # Bytes valid as both GBK and UTF-8 are ambiguous, and the reader says UTF-8 by
        # design; only a few characters in all can line up that way (see detect_encoding).
        try:
            content.decode("utf-8")
            assume(False)
        except UnicodeDecodeError:
            pass
    expected = _trimmed(rows)
    if not expected:
        _rejected(content, "x.csv", "file.empty")
        return
    [sheet] = read_table_file(content, "x.csv")
    assert _grid(sheet) == expected
    assert list(sheet.frame.index) == list(range(1, len(expected) + 1))


@pytest.mark.parametrize("content, encoding", [
    (b"GDP,1\r\n", "utf-8"),
    ("指标,数值".encode("utf-8-sig"), "utf-8-sig"),
    ("指标,数值".encode(), "utf-8"),
    ("指标,数值".encode("gbk"), "gb18030"),
    ("联通".encode("gbk"), "gb18030"),  # the classic GBK text that looks like UTF-8
    ("𠀀,€".encode("gb18030"), "gb18030"),
])
def test_detect_encoding(content: bytes, encoding: str) -> None:
    assert detect_encoding(content) == encoding


def test_the_known_limit_a_lone_gbk_word_can_also_be_utf8() -> None:
    """'农业' in GBK (C5 A9 D2 B5) happens to be valid UTF-8 ('ũҵ'); with any more Chinese
    text in the file the chance vanishes. Documented here so nobody is surprised."""
    assert detect_encoding("农业,1\r\n".encode("gbk")) == "utf-8"
    assert detect_encoding("农业,1\r\n工业,2\r\n".encode("gbk")) == "gb18030"


@pytest.mark.parametrize("content", [
    b"GDP,\x80\x80\xff", "指标,数值".encode("utf-16") + b"\x00",  # UTF-16 cut mid-character
    "指标".encode("utf-8-sig") + b"\xff",
])
def test_undecodable_text_is_refused(content: bytes) -> None:
    with pytest.raises(FileRejected) as caught:
        detect_encoding(content, file_name="x.csv")
    assert caught.value.key == "file.encoding"
    _rejected(content, "x.csv", "file.encoding")


def test_a_binary_renamed_csv_is_not_text(tmp_path: Path) -> None:
    pdf = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 512 >>\nstream\n"
           + random.Random(0).randbytes(512) + b"\nendstream\nendobj\n%%EOF\n")
    assert b"\x00" in pdf
    error = _rejected(_saved(tmp_path, "report.csv", pdf), "report.csv", "file.not_text")
    assert error.values == {"name": "report.csv"}


def test_a_quote_never_closed_is_not_a_text_table() -> None:
    _rejected(b'a,b\r\nc,"d\r\ne,f\r\n', "x.csv", "file.not_text")


@pytest.mark.parametrize("content", [b"", "".encode("utf-8-sig"), b",,\r\n\r\n",
                                     " ,\u3000\r\n".encode()])
def test_a_csv_without_a_filled_cell_is_empty(content: bytes) -> None:
    _rejected(content, "x.csv", "file.empty")


def test_unknown_types_are_refused_by_name() -> None:
    for name in ("x.pdf", "x.xls", "x", "x.csv.zip"):
        error = _rejected(b"a,b\r\n", name, "file.unknown_type")
        assert error.values == {"name": name}


def test_a_file_over_the_size_limit_is_refused_before_parsing() -> None:
    content = b"\x00" * 2048  # would be not_text if it were parsed
    for name in ("x.csv", "x.xlsx"):
        error = _rejected(content, name, "file.too_large", ReadLimits(max_bytes=1024))
        assert error.values == {"name": name, "size": "2 KB", "limit": "1 KB"}


def test_a_csv_over_the_row_or_column_limit_is_refused() -> None:
    rows = [["a", "b", "c"]] * 11
    assert len(read_table_file(_csv(rows), "x.csv", ReadLimits(max_rows=11))[0].frame) == 11
    error = _rejected(_csv(rows), "x.csv", "file.too_many_rows", ReadLimits(max_rows=10))
    assert error.values == {"sheet": "x.csv", "limit": 10}
    _rejected(_csv(rows), "x.csv", "file.too_many_columns", ReadLimits(max_columns=2))
    wide_later = [["a"]] * 500 + [["a", "b", "c"]]
    _rejected(_csv(wide_later), "x.csv", "file.too_many_columns", ReadLimits(max_columns=2))


def test_a_csv_far_over_the_row_limit_is_refused_after_parsing_just_past_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Work is bounded by the limit, not by the file: of 100,000 records pandas parses only
    the limit plus one before the file is refused. (How fast a million rows read is a
    benchmark, bench/readers.py, not a test.)"""
    parsed: list[int] = []

    def counting_read_csv(*args: object, **kwargs: object) -> pd.DataFrame:
        frame = real_read_csv(*args, **kwargs)
        parsed.append(len(frame))
        return frame

    real_read_csv = pd.read_csv
    monkeypatch.setattr(pd, "read_csv", counting_read_csv)
    line = "规模以上工业增加值,2017年9月,12345.67,亿元,备注\r\n".encode()
    error = _rejected(line * 100_000, "big.csv", "file.too_many_rows", ReadLimits(max_rows=1_000))
    assert error.values == {"sheet": "big.csv", "limit": 1_000}
    assert parsed and max(parsed) == 1_001


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
    sheets = read_table_file(_saved(tmp_path, "edited.xlsx", content), "edited.xlsx")
    assert [sheet.name for sheet in sheets] == ["主要指标", "Sheet2"]
    main = sheets[0]
    assert main.title == "淄博市2017年1-9月主要经济指标"
    assert _grid(main) == [
        ["淄博市2017年1-9月主要经济指标", "", "", "", "", ""],
        ["指标", "数值", "增速", "翻倍", "待算", "时期"],
        ["地区生产总值", "1000", "0.3", "2000", "", "2016-03-01"],
        ["工业", "42", "12.3", "TRUE", "FALSE", "2016-03-01T10:30:00"],
        ["", "-7", "0.0000001", "", "", ""],
    ]
    assert list(main.frame.index) == [1, 2, 3, 4, 5]
    assert _grid(sheets[1]) == [["a", "1"]]
    assert sheets[1].title is None


def test_xlsm_is_read_as_xlsx(tmp_path: Path) -> None:
    content = _xlsx(tmp_path, _statistics)
    assert [s.name for s in read_table_file(content, "BOOK.XLSM")] == ["主要指标", "Sheet2"]


def test_an_xlsx_with_only_hidden_or_empty_sheets_is_empty(tmp_path: Path) -> None:
    def build(workbook: Workbook) -> None:
        workbook.create_sheet("hidden").append(["x"])
        workbook["hidden"].sheet_state = "hidden"
    _rejected(_xlsx(tmp_path, build), "book.xlsx", "file.empty")


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
    content = _saved(tmp_path, "bomb.xlsx", buffer.getvalue())
    assert len(content) < 1024 * 1024
    opened = _members_opened(monkeypatch)
    error = _rejected(content, "bomb.xlsx", "file.zip_bomb")
    assert error.values["size"] == "50 MB"
    assert opened == []  # judged on the declared sizes: not one byte inflated


def test_a_bomb_inside_a_valid_workbook_is_refused_before_openpyxl(
        zeros: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # openpyxl itself would read this workbook happily and ignore the member.
    content = _with_member(_xlsx(tmp_path, _statistics), "xl/media/zeros.bin", lambda _: zeros)
    opened = _members_opened(monkeypatch)
    _rejected(content, "book.xlsx", "file.zip_bomb")
    assert opened == []  # refused before openpyxl opened any member
    relaxed = ReadLimits(max_compression_ratio=1e9)
    assert len(read_table_file(content, "book.xlsx", relaxed)) == 2
    assert "xl/workbook.xml" in opened  # (the spy sees what a read opens)
    _rejected(content, "book.xlsx", "file.zip_bomb",
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
    (lambda xlsx: _csv(TABLE, "gbk"), "a text (CSV) file, not a workbook"),
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
    content = _saved(tmp_path, "x.xlsx", make(_xlsx(tmp_path, _statistics)))
    error = _rejected(content, "x.xlsx", "file.not_xlsx")
    assert error.values["name"] == "x.xlsx"
    assert str(error.values["detail"]).startswith(detail)


def test_a_zip_without_a_workbook_is_not_an_xlsx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    error = _rejected(_saved(tmp_path, "x.xlsx", buffer.getvalue()), "x.xlsx", "file.not_xlsx")
    assert error.values["detail"] == "zip archive without xl/workbook.xml"


def test_an_empty_xlsx_file_is_empty() -> None:
    _rejected(b"", "x.xlsx", "file.empty")


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
    error = _rejected(content, "x.xlsx", "file.too_many_rows", ReadLimits(max_rows=10))
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
    _rejected(content, "x.xlsx", "file.too_many_rows", ReadLimits(max_rows=1_000))
    # openpyxl fills the gap with empty rows; the reader stops at the limit plus one, not
    # at row 1,000,000.
    assert drawn == [1_001]


def test_a_sheet_over_the_column_limit_is_refused(tmp_path: Path) -> None:
    content = _xlsx(tmp_path, _rows(3, width=6))
    assert read_table_file(content, "x.xlsx", ReadLimits(max_columns=6))[0].frame.shape == (3, 6)
    error = _rejected(content, "x.xlsx", "file.too_many_columns", ReadLimits(max_columns=5))
    assert error.values == {"sheet": "数据", "limit": 5}


def test_styled_empty_cells_do_not_count_as_columns(tmp_path: Path) -> None:
    content = _xlsx(tmp_path, _statistics)
    assert read_table_file(content, "x.xlsx", ReadLimits(max_columns=6))[0].frame.shape[1] == 6
