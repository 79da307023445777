"""Problems found in an upload, one per cell, reported in Chinese and English.

A raw text is kept short (`RAW_LIMIT` characters and a marker giving its length): a
100,000-character cell must not be copied into every line of a report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from indicators.text.messages import Language, message

MAX_ISSUES_PER_KIND = 200  # the report lists this many rows of each kind, and counts all
RAW_LIMIT = 60  # characters of a raw text a report quotes
_VALUE_LIMIT = 200  # characters of any other text a message quotes (names, periods)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


def shorten(text: str, language: Language = Language.ZH, limit: int = RAW_LIMIT) -> str:
    """Return `text` cut to `limit` characters with a marker of its full length."""
    if len(text) <= limit:
        return text
    return text[:limit] + message("text.truncated", language, chars=len(text))


@dataclass(frozen=True)
class Localised:
    """A placeholder's text in each language (a period's label: 2017年1–9月 / 2017,
    months 1–9), picked when the message is written."""

    zh: str
    en: str

    def text(self, language: Language) -> str:
        return self.zh if language is Language.ZH else self.en


@dataclass(frozen=True)
class Issue:
    """One problem with one cell (or the file, when row is None). `raw` is kept whole only
    up to `RAW_LIMIT` characters; `raw_chars` is its full length."""

    sheet: str
    row: int | None
    column: str | None
    raw: str
    key: str
    values: Mapping[str, object] = field(default_factory=dict)
    suggestion_key: str | None = None
    suggestion_values: Mapping[str, object] = field(default_factory=dict)
    severity: Severity = Severity.ERROR
    raw_chars: int | None = None

    def __post_init__(self) -> None:
        if self.raw_chars is None:
            object.__setattr__(self, "raw_chars", len(self.raw))
        if len(self.raw) > RAW_LIMIT:
            object.__setattr__(self, "raw", self.raw[:RAW_LIMIT])

    def shown_raw(self, language: Language) -> str:
        """The raw text as a report quotes it, marked when it was cut."""
        if self.raw_chars is None or self.raw_chars <= len(self.raw):
            return self.raw
        return self.raw + message("text.truncated", language, chars=self.raw_chars)

    def as_dict(self) -> dict[str, object]:
        """Return the issue as the report shows it, in both languages."""
        def text(key: str | None, values: Mapping[str, object], language: Language) -> str | None:
            if key is None:
                return None
            quoted = {name: v.text(language) if isinstance(v, Localised) else v
                      for name, v in values.items()}
            quoted = {name: shorten(v, language, _VALUE_LIMIT) if isinstance(v, str) else v
                      for name, v in quoted.items()}
            if "raw" in values:
                quoted["raw"] = self.shown_raw(language)
            return message(key, language, **quoted)

        return {
            "sheet": self.sheet, "row": self.row, "column": self.column,
            "raw": self.shown_raw(Language.ZH),
            "severity": self.severity.value, "code": self.key,
            "reason_zh": text(self.key, self.values, Language.ZH),
            "reason_en": text(self.key, self.values, Language.EN),
            "suggestion_zh": text(self.suggestion_key, self.suggestion_values, Language.ZH),
            "suggestion_en": text(self.suggestion_key, self.suggestion_values, Language.EN),
        }


class IssueCollector:
    """Gather the issues of an upload, capped per kind, with full counts of the cells."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.counts: dict[str, int] = {}

    def add_file_issue(self, issue: Issue) -> None:
        """Report one problem of a sheet or the file as a whole, counted once."""
        self.issues.append(issue)
        self.counts[issue.key] = self.counts.get(issue.key, 0) + 1

    def add(self, records: pd.DataFrame, mask: pd.Series, key: str, raw_column: str, *,
            values: Mapping[str, object] | None = None, per_row: Mapping[str, str] | None = None,
            suggestion: str | None = None,
            suggest_names: Callable[[str], Sequence[str]] | None = None,
            per_row_suggestion: Mapping[str, str] | None = None,
            severity: Severity = Severity.ERROR) -> None:
        """Report the masked rows, once per cell (a wide sheet's indicator cell is behind
        every period column of its row): the first MAX_ISSUES_PER_KIND cells are listed,
        all are counted. `per_row` and `per_row_suggestion` fill the reason's and the
        suggestion's placeholders from columns; `suggest_names` gives the closest known
        names for a raw text."""
        failing = records[mask]
        if failing.empty:
            return
        failing = failing.assign(_cell=_cell_columns(failing, raw_column))
        failing = failing.drop_duplicates(["sheet", "row", "_cell"])
        self.counts[key] = self.counts.get(key, 0) + len(failing)
        close: dict[str, Sequence[str]] = {}
        for _, row in failing.head(MAX_ISSUES_PER_KIND).iterrows():
            full = str(row[raw_column])
            row_values = dict(values or {}) | {"raw": full[:RAW_LIMIT]}
            for name, source in (per_row or {}).items():
                row_values[name] = row[source]
            suggestion_key = suggestion
            suggestion_values = {name: row[source]
                                 for name, source in (per_row_suggestion or {}).items()}
            if suggest_names is not None:
                if full not in close:
                    close[full] = suggest_names(full)
                if close[full]:
                    suggestion_key = "ingest.did_you_mean"
                    suggestion_values = {"names": "、".join(close[full])}
            self.issues.append(Issue(
                sheet=str(row["sheet"]), row=int(row["row"]), column=str(row["_cell"]),
                raw=full, key=key, values=row_values, suggestion_key=suggestion_key,
                suggestion_values=suggestion_values, severity=severity, raw_chars=len(full)))


def _cell_columns(failing: pd.DataFrame, raw_column: str) -> pd.Series:
    """The spreadsheet column each failing raw text came from (its field's column, else
    the figure's own column)."""
    column = failing["column"].astype(str)
    source = f"col_{raw_column}"
    if source not in failing.columns:
        return column
    own = failing[source].astype(str)
    return own.where(own != "", column)
