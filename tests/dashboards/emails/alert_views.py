"""Alert views for the renderer and routing tests: one factory with defaults."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from indicators.alerts.views import AlertView
from indicators.vocab import AlertState, Audience, Nature, Severity, Status

AS_OF = datetime(2015, 6, 30, 15, 59, tzinfo=UTC)


def alert_view(**changes: Any) -> AlertView:
    """An alert about 淄博市's GDP target going off track; `changes` override any field."""
    view = AlertView(
        alert_id=7, rule="status_worsened", audience=Audience.LEADERS,
        severity=Severity.SEVERE, state=AlertState.FIRING, fire_count=1,
        opened_at=AS_OF, changed_at=AS_OF, as_of=AS_OF,
        headline_zh="状态由“存在风险”变为“进度滞后”",
        headline_en="Status fell from at risk to off track",
        target_id=3, target_key="003-gdp-2020",
        quote="地区生产总值年均增长8%左右", document_code="003",
        document_title="淄博市国民经济和社会发展第十三个五年规划纲要",
        region_code="370300", region_name="淄博市", region_name_en="Zibo",
        indicator_code="gdp_growth", indicator_name="地区生产总值增速",
        indicator_name_en="GDP growth", lead_department="市发展改革委",
        nature=Nature.EXPECTED, deadline_year=2020, status=Status.OFF_TRACK,
        previous_status=Status.AT_RISK, reason_zh="增速低于所需的7.5%",
        reason_en="Growth is below the 7.5% required", unit="%", latest_value=6.1,
        latest_period="2015M01-03", latest_preliminary=True, required_value=7.5, gap=-1.4,
        probability=0.12, previous_probability=0.35, illustrative=True)
    return replace(view, **changes)
