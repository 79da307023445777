"""The board's cells in words: one `BoardLine` per target, the same on the page and in the
exports, so an export holds exactly what the page shows."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.clock import CHINA_TIME
from indicators.data.board_rows import BoardItem, BoardResult, LatestFigure
from indicators.runs.outlook import ACTUAL_MODEL
from indicators.text.messages import Language, message
from indicators.text.numbers import chance_text, fmt, fmt_share, plain_number
from indicators.text.units import unit_label
from indicators.text.wording import target_text
from indicators.vocab import ObservationStatus

NONE = "—"


@dataclass(frozen=True)
class BoardLine:
    """One target as the board shows it, every cell already in the page's language."""

    key: str
    status: str | None  # achieved, on_track, … (None before any assessment)
    status_label: str
    reason: str
    basis: str | None  # real, illustrative, mixed, none
    basis_label: str
    basis_hint: str
    superseded: bool
    indicator: str
    region: str
    target: str
    nature: str
    deadline: int
    deadline_inferred: bool
    time_share: float | None
    distance_share: float | None
    progress: str  # "时间 60% · 进度 45%"
    latest_value: str  # "5,234 亿元" or "—"
    latest_period: str
    latest_published: str  # "2017-02-28 公布"
    latest_preliminary: bool
    latest_illustrative: bool
    required: str
    forecast: str
    probability: str
    rate: str
    department: str
    document: str


def board_line(item: BoardItem, language: Language) -> BoardLine:
    """Put one board item into words in `language`."""
    result, latest = item.result, item.latest
    unit = unit_label(item.unit, language)
    return BoardLine(
        key=item.key, status=result.status.value if result else None,
        status_label=message(f"status.{result.status.value}", language) if result
        else message("board.not_assessed", language),
        reason=(result.reason_zh if language is Language.ZH else result.reason_en)
        if result else "",
        basis=item.basis.value if item.basis else None,
        basis_label=message(f"basis.{item.basis.value}", language) if item.basis else "",
        basis_hint=message(f"basis.{item.basis.value}_hint", language) if item.basis else "",
        superseded=item.superseded, indicator=_indicator(item, language),
        region=_region(item, language), target=target_text(item, language),
        nature=message(f"nature.{item.nature.value}", language) if item.nature else NONE,
        deadline=item.deadline_year, deadline_inferred=item.deadline_inferred,
        time_share=result.time_share if result else None,
        distance_share=result.distance_share if result else None,
        progress=_progress(result, language), **_latest(latest, unit, language),
        required=_with_unit(result.required_value if result else None, unit),
        forecast=_forecast(result, language), probability=chance_text(
            result.probability if result else None),
        rate=_rate(result, unit, language), department=item.lead_department or NONE,
        document=item.document_code or NONE)


def _indicator(item: BoardItem, language: Language) -> str:
    return item.indicator_name if language is Language.ZH else item.indicator_name_en


def _region(item: BoardItem, language: Language) -> str:
    region = item.region_name if language is Language.ZH else (item.region_name_en
                                                                or item.region_name)
    entity = item.entity_name if language is Language.ZH else (item.entity_name_en
                                                                or item.entity_name)
    return region + (f" · {entity}" if entity else "")


def _progress(result: BoardResult | None, language: Language) -> str:
    if result is None or (result.time_share is None and result.distance_share is None):
        return NONE
    return message("board.time_progress", language, time=fmt_share(result.time_share),
                   progress=fmt_share(result.distance_share))


def _latest(latest: LatestFigure | None, unit: str, language: Language) -> dict[str, object]:
    if latest is None:
        return {"latest_value": NONE, "latest_period": "", "latest_published": "",
                "latest_preliminary": False, "latest_illustrative": False}
    day = latest.vintage_at.astimezone(CHINA_TIME).date().isoformat()
    return {"latest_value": f"{plain_number(latest.value)} {unit}".strip(),
            "latest_period": latest.period_code,
            "latest_published": message("board.published_on", language, day=day),
            "latest_preliminary": latest.status is ObservationStatus.PRELIMINARY,
            "latest_illustrative": latest.illustrative}


def _with_unit(value: float | None, unit: str) -> str:
    return NONE if value is None else f"{fmt(value)} {unit}".strip()


def _forecast(result: BoardResult | None, language: Language) -> str:
    """"2020: 5,234 (4,900–5,600)", or the deadline's actual figure marked as such."""
    if result is None or result.forecast_mean is None:
        return NONE
    value = f"{result.forecast_year}: {fmt(result.forecast_mean)}"
    if result.forecast_model == ACTUAL_MODEL:  # the deadline's figure is known
        return value + message("table.actual_mark", language)
    if result.forecast_lo_80 is None or result.forecast_hi_80 is None:
        return value
    return f"{value} ({fmt(result.forecast_lo_80)}–{fmt(result.forecast_hi_80)})"


def _rate(result: BoardResult | None, unit: str, language: Language) -> str:
    """The growth a year still needed, or the change a year where a rate means nothing."""
    if result is None:
        return NONE
    if result.required_rate is not None:
        return message("board.rate", language, rate=fmt(result.required_rate))
    if result.required_change is not None:
        return message("board.change", language, change=_with_unit(result.required_change, unit))
    return NONE


EXPORT_COLUMNS = ("key", "status", "reason", "basis", "indicator", "region", "target",
                  "nature", "deadline", "progress", "latest", "required", "forecast",
                  "probability", "rate", "department", "document")


def export_headers(language: Language) -> list[str]:
    """The export's header row, in the page's language."""
    return [message(f"board.col_{column}", language) for column in EXPORT_COLUMNS]


def export_cells(line: BoardLine, language: Language) -> list[object]:
    """One line as an export row: the page's cells as text (the deadline a number)."""
    latest = " ".join(part for part in (
        line.latest_value, line.latest_period, line.latest_published,
        message("status.preliminary", language) if line.latest_preliminary else "",
        message("page.illustrative_tag", language) if line.latest_illustrative else "")
        if part)
    deadline = f"{line.deadline} ({message('page.inferred', language)})" \
        if line.deadline_inferred else line.deadline
    return [line.key, line.status_label, line.reason, line.basis_label, line.indicator,
            line.region, line.target, line.nature, deadline, line.progress, latest,
            line.required, line.forecast, line.probability, line.rate, line.department,
            line.document]
