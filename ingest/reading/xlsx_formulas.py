"""Find the formula cells of a workbook sheet whose result the file does not hold.

Excel saves each formula with its last result, and the XLSX reader reads that result. A
workbook written by a program and never opened in Excel has none: openpyxl writes the
formula alone, and xlsxwriter writes ``0`` in its place and asks the application to
recalculate everything when the file is opened (``fullCalcOnLoad``). Read as they are, such
cells were blanks (or zeros): figures lost without a word. This module names them, so that
each is reported with its formula.

The sheet's XML is streamed once more, with element trees cleared as rows end, and only when
the sheet holds a formula at all (a byte search decides), so files without formulas, most
bureau files, cost nothing extra.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from typing import IO
from xml.etree import ElementTree

from openpyxl.formula.translate import Translator
from openpyxl.utils.cell import coordinate_to_tuple

__all__ = ["recalculated_on_load", "unsaved_formulas"]

_CHUNK_BYTES = 1024 * 1024
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_FULL_CALC = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?calcPr\b[^>]*\bfullCalcOnLoad=\"(?:1|true)\"")
_NUMERIC = ("n", "")  # cell types whose cached "0" may be a writer's placeholder


def recalculated_on_load(archive: zipfile.ZipFile) -> bool:
    """Whether the workbook asks to be recalculated when opened, so that the results it
    holds are placeholders rather than what Excel computed (xlsxwriter, openpyxl)."""
    try:
        return bool(_FULL_CALC.search(archive.read("xl/workbook.xml")))
    except KeyError:
        return False


def unsaved_formulas(archive: zipfile.ZipFile, member: str, *,
                     recalculated: bool) -> dict[tuple[int, int], str]:
    """The sheet's formula cells without a saved result: (row number, column position) →
    the formula as Excel shows it ("=B2+C2"). With `recalculated`, a cached ``0`` counts as
    no result (xlsxwriter's placeholder)."""
    try:
        if not _holds_formulas(archive, member):
            return {}
        with archive.open(member) as stream:
            return dict(_scan(stream, recalculated))
    except (KeyError, ElementTree.ParseError):  # the reader reports a damaged sheet itself
        return {}


def _holds_formulas(archive: zipfile.ZipFile, member: str) -> bool:
    with archive.open(member) as stream:
        tail = b""
        while chunk := stream.read(_CHUNK_BYTES):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _scan(stream: IO[bytes], recalculated: bool) -> Iterator[tuple[tuple[int, int], str]]:
    shared: dict[str, tuple[str, str]] = {}  # a shared formula's index → (text, its cell)
    parents: list[ElementTree.Element] = []
    row_number, column = 0, 0
    for event, element in ElementTree.iterparse(stream, events=("start", "end")):
        name = _local(element.tag)
        if event == "start":
            if name == "row":
                row_number = int(element.get("r") or row_number + 1)
                column = 0
            elif name == "sheetData":
                parents.append(element)
            continue
        if name == "c":
            reference = element.get("r")
            row, column = coordinate_to_tuple(reference) if reference else (row_number,
                                                                           column + 1)
            found = _unsaved(element, reference or "", shared, recalculated)
            if found is not None:
                yield (row, column - 1), found
        elif name == "row" and parents:
            parents[-1].remove(element)  # keep memory flat on large sheets


def _unsaved(cell: ElementTree.Element, reference: str, shared: dict[str, tuple[str, str]],
             recalculated: bool) -> str | None:
    """The cell's formula when it has no saved result, else None."""
    formula = value = None
    for child in cell:
        name = _local(child.tag)
        if name == "f":
            formula = child
        elif name == "v":
            value = child
    if formula is None:
        return None
    text = _formula_text(formula, reference, shared)
    saved = "" if value is None else (value.text or "")
    placeholder = recalculated and saved == "0" and cell.get("t", "") in _NUMERIC
    return text if not saved or placeholder else None


def _formula_text(formula: ElementTree.Element, reference: str,
                  shared: dict[str, tuple[str, str]]) -> str:
    """The formula as Excel shows it; a shared formula's copy translated from its master."""
    text = formula.text
    index = formula.get("si")
    if formula.get("t") == "shared" and index is not None:
        if text:
            shared[index] = ("=" + text, reference)
        elif index in shared and reference:
            master, origin = shared[index]
            return Translator(master, origin).translate_formula(reference)
    return "=" + (text or "")
