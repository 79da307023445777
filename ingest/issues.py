"""Problems found in an upload, one per cell, reported in Chinese and English."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from indicators.text.messages import Language, message

MAX_ISSUES_PER_KIND = 200  # the report lists this many rows of each kind, and counts all


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One problem with one cell (or the file, when row is None)."""

    sheet: str
    row: int | None
    column: str | None
    raw: str
    key: str
    values: Mapping[str, object] = field(default_factory=dict)
    suggestion_key: str | None = None
    suggestion_values: Mapping[str, object] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        """Return the issue as the report shows it, in both languages."""
        def text(key: str | None, values: Mapping[str, object], language: Language) -> str | None:
            return None if key is None else message(key, language, **values)

        return {
            "sheet": self.sheet, "row": self.row, "column": self.column, "raw": self.raw,
            "severity": self.severity.value, "code": self.key,
            "reason_zh": text(self.key, self.values, Language.ZH),
            "reason_en": text(self.key, self.values, Language.EN),
            "suggestion_zh": text(self.suggestion_key, self.suggestion_values, Language.ZH),
            "suggestion_en": text(self.suggestion_key, self.suggestion_values, Language.EN),
        }


class IssueCollector:
    """Gather the issues of an upload, capped per kind, with full counts."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.counts: dict[str, int] = {}

    def add(self, records: pd.DataFrame, mask: pd.Series, key: str, raw_column: str, *,
            values: Mapping[str, object] | None = None, per_row: Mapping[str, str] | None = None,
            suggestion: str | None = None, suggest_names: list[str] | None = None,
            severity: Severity = Severity.ERROR) -> None:
        """Report the masked rows (the first MAX_ISSUES_PER_KIND of them)."""
        failing = records[mask]
        if failing.empty:
            return
        self.counts[key] = self.counts.get(key, 0) + len(failing)
        for _, row in failing.head(MAX_ISSUES_PER_KIND).iterrows():
            raw = str(row[raw_column])
            row_values = dict(values or {}) | {"raw": raw}
            for name, source in (per_row or {}).items():
                row_values[name] = row[source]
            suggestion_key, suggestion_values = suggestion, {}
            if suggest_names is not None:
                close = difflib.get_close_matches(raw, suggest_names, n=3, cutoff=0.4)
                suggestion_key = "ingest.did_you_mean" if close else suggestion
                suggestion_values = {"names": "、".join(close)} if close else {}
            column = row.get(f"col_{raw_column}") or row["column"]
            self.issues.append(Issue(
                sheet=str(row["sheet"]), row=int(row["row"]), column=str(column), raw=raw,
                key=key, values=row_values, suggestion_key=suggestion_key,
                suggestion_values=suggestion_values, severity=severity))
