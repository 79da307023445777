"""Group an upload's issues so a report says each problem once.

The same problem (same sheet, code, severity, raw text, reason and suggestion) found in
several cells becomes one issue listing its rows and columns: a wrong value in every
period column of a row, or the same unknown name on many rows. Each grouped issue keeps
the keys of an issue (`row` and `column` are its first ones) and gains `rows`, `columns`,
`occurrences` (the issues merged) and `row_span` / `column_span`, compact texts such as
"3–9, 12" and "C–H" or "C, E, G". The report's counts (`issue_counts`) are not touched:
they count every cell, also beyond the listed ones.

A problem of the sheet rather than of its cells (`SHEET_WIDE`: no year for its periods)
is one issue per sheet whatever each cell holds; its raw text lists the distinct texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from openpyxl.utils import column_index_from_string

GROUP_KEYS = ("sheet", "code", "severity", "raw", "reason_zh", "reason_en", "suggestion_zh",
              "suggestion_en")
SHEET_WIDE = frozenset({"period.needs_year"})
MAX_RANGES = 20  # ranges a span text shows before "…"


def group_issues(issues: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the issues grouped (in the order each problem was first found)."""
    groups: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for issue in issues:
        keys = ("sheet", "code") if issue.get("code") in SHEET_WIDE else GROUP_KEYS
        groups.setdefault(tuple(issue.get(k) for k in keys), []).append(issue)
    return [_merged(members) for members in groups.values()]


def _merged(members: list[Mapping[str, Any]]) -> dict[str, Any]:
    rows = sorted({int(r) for m in members for r in _listed(m, "row", "rows")})
    columns = sorted({str(c) for m in members for c in _listed(m, "column", "columns")},
                     key=_column_order)
    occurrences = sum(int(m.get("occurrences", 1)) for m in members)
    raw = "、".join(dict.fromkeys(str(m.get("raw", "")) for m in members))
    return {**members[0], "raw": raw, "row": rows[0] if rows else None,
            "column": columns[0] if columns else None, "rows": rows, "columns": columns,
            "occurrences": occurrences, "row_span": row_span(rows),
            "column_span": column_span(columns)}


def _listed(issue: Mapping[str, Any], one: str, many: str) -> list[Any]:
    """An issue's rows (or columns): its list when already grouped, else its one."""
    if many in issue:
        return list(issue[many])
    return [] if issue.get(one) in (None, "") else [issue[one]]


def _column_order(column: str) -> tuple[int, str]:
    try:
        return column_index_from_string(column), column
    except ValueError:
        return 0, column


def _ranges(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted, distinct numbers: [3,4,5,9] → [(3,5), (9,9)]."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _span(runs: list[tuple[int, int]], name: Any) -> str:
    parts = [str(name(a)) if a == b else f"{name(a)}–{name(b)}" for a, b in runs[:MAX_RANGES]]
    return ", ".join(parts) + (", …" if len(runs) > MAX_RANGES else "")


def row_span(rows: Sequence[int]) -> str:
    """"3–9, 12": sorted row numbers as ranges."""
    return _span(_ranges(sorted(set(rows))), lambda n: n)


def column_span(columns: Sequence[str]) -> str:
    """"C–H" or "C, E, G": column letters as ranges (other names listed as they are)."""
    letters = {c: _column_order(c)[0] for c in columns}
    named = [c for c in columns if letters[c] == 0]
    by_index = {i: c for c, i in letters.items() if i}
    runs = _ranges(sorted(by_index))
    text = _span(runs, lambda i: by_index[i])
    return ", ".join([*named, text] if text else named)
