"""Reader benchmark: how long `read_table_file` takes on large files, against a baseline
measured in the same run, on the same bytes.

Usage (from the repository root)::

    .venv/bin/python bench/readers.py [--rows 1000000] [--repeat 3] [--json results.json]

What it measures (best of ``--repeat`` runs each, wall clock, in this process):

* a long-layout CSV of ``--rows`` records (UTF-8, CRLF) read by ``read_table_file``, against
  the baseline of pandas' C parser alone on the same bytes (``pd.read_csv`` with every cell
  as text, no NA detection): the ratio is what encoding detection, sniffing and trimming
  cost on top of parsing;
* an XLSX whose only cells are A1 and A1000000, refused by ``read_table_file`` at a row
  limit of 1,000 (openpyxl fills the gap with empty rows; the reader must stop at the
  limit), against the baseline of reading a two-row XLSX (A1, A2) whole. A ratio near 1
  means the far row costs nothing; walking to it would cost a thousand times more.

The tests count the work instead (tests/ingest/test_readers.py: rows parsed, rows drawn
from openpyxl, zip members inflated), so they do not depend on the machine's speed; this
prints the seconds, for RESULTS.md.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.reading.readers import FileRejected, ReadLimits, read_table_file  # noqa: E402

LINE = "规模以上工业增加值,2017年9月,12345.67,亿元,备注\r\n".encode()


def best_of(repeat: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def xlsx(cells: dict[str, str]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for address, value in cells.items():
        sheet[address] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    content = LINE * args.rows

    def read() -> None:
        [sheet] = read_table_file(content, "big.csv")
        assert sheet.frame.shape == (args.rows, 5)

    def parse() -> None:
        frame = pd.read_csv(io.BytesIO(content), header=None, dtype=str,
                            keep_default_na=False, na_filter=False, engine="c")
        assert frame.shape == (args.rows, 5)

    far, near = xlsx({"A1": "a", "A1000000": "far"}), xlsx({"A1": "a", "A2": "near"})

    def refuse_far() -> None:
        try:
            read_table_file(far, "far.xlsx", ReadLimits(max_rows=1_000))
        except FileRejected as error:
            assert error.key == "file.too_many_rows"
        else:
            raise AssertionError("the far row was not refused")

    def read_near() -> None:
        assert len(read_table_file(near, "near.xlsx")) == 1

    figures = {
        "csv_rows": args.rows, "csv_mb": round(len(content) / 2**20, 1),
        "csv_read_table_file_s": best_of(args.repeat, read),
        "csv_pandas_baseline_s": best_of(args.repeat, parse),
        "xlsx_far_row_refused_s": best_of(args.repeat, refuse_far),
        "xlsx_two_rows_baseline_s": best_of(args.repeat, read_near),
    }
    figures["csv_ratio"] = figures["csv_read_table_file_s"] / figures["csv_pandas_baseline_s"]
    figures["xlsx_ratio"] = (figures["xlsx_far_row_refused_s"]
                             / figures["xlsx_two_rows_baseline_s"])
    print(f"CSV, {args.rows:,} rows ({figures['csv_mb']} MB), best of {args.repeat}:")
    print(f"  read_table_file          {figures['csv_read_table_file_s']:8.3f} s")
    print(f"  pd.read_csv (baseline)   {figures['csv_pandas_baseline_s']:8.3f} s")
    print(f"  ratio                    {figures['csv_ratio']:8.2f}")
    print(f"XLSX with a cell at row 1,000,000, refused at 1,000 rows, best of {args.repeat}:")
    print(f"  refused                  {figures['xlsx_far_row_refused_s']:8.3f} s")
    print(f"  two-row XLSX (baseline)  {figures['xlsx_two_rows_baseline_s']:8.3f} s")
    print(f"  ratio                    {figures['xlsx_ratio']:8.2f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
