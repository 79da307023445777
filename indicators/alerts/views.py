"""What a message, a page or an API answer shows of one alert: plain values, read once from
the database, so that emails, robot messages and pages render the same facts without
touching the database themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from indicators.vocab import AlertState, Audience, Nature, Severity, Status


@dataclass(frozen=True)
class AlertView:
    """One alert as it stands, with the target (or series) it is about and the figures
    behind it. Text meant for a reader comes in both languages; numbers are on the scale
    of the published figures, in `unit`."""

    alert_id: int
    rule: str  # the rule's code in the registry, e.g. "status_worsened"
    audience: Audience
    severity: Severity
    state: AlertState
    fire_count: int  # 1 when first raised; +1 each time it fires again after resolving
    opened_at: datetime  # when this firing began
    changed_at: datetime  # the last transition (fired, acknowledged, resolved)
    as_of: datetime  # the assessment (or the check) the alert was raised from
    headline_zh: str  # what happened, one line: "状态由“正常”变为“有风险”"
    headline_en: str
    # What it is about: a target, or (data alerts) an indicator's series in a region.
    target_id: int | None
    target_key: str | None
    quote: str | None  # the target as written in its document, verbatim
    document_code: str | None
    document_title: str | None
    region_code: str
    region_name: str
    region_name_en: str | None
    indicator_code: str
    indicator_name: str
    indicator_name_en: str
    lead_department: str | None
    nature: Nature | None
    deadline_year: int | None
    # The verdict and its measures at `as_of` (None where the rule has none).
    status: Status | None = None
    previous_status: Status | None = None
    reason_zh: str | None = None
    reason_en: str | None = None
    unit: str = ""
    latest_value: float | None = None
    latest_period: str | None = None  # the period code, e.g. "2015" or "2015M01-09"
    latest_published: datetime | None = None
    latest_preliminary: bool = False
    required_value: float | None = None  # the value required by now on the required path
    gap: float | None = None  # latest − required, in `unit` (signed: below is negative)
    probability: float | None = None
    previous_probability: float | None = None
    illustrative: bool = False  # rests on figures generated for the demo (示例数据)
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
