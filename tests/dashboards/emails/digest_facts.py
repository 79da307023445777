"""Digest facts for the renderer tests: one factory with defaults."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from indicators.alerts.digest_facts import DigestFacts, DigestTarget
from indicators.vocab import Status

AS_OF = datetime(2015, 6, 30, 15, 59, tzinfo=UTC)
SINCE = datetime(2015, 6, 23, 15, 59, tzinfo=UTC)


def digest_target(key: str, status: Status | None, previous: Status | None,
                  **changes: Any) -> DigestTarget:
    target = DigestTarget(
        target_id=hash(key) % 10_000, key=key, region_code="370300", region_name="淄博市",
        region_name_en="Zibo", indicator_code="gdp", indicator_name="地区生产总值",
        indicator_name_en="GDP", document_code="003", lead_department="市发展改革委",
        deadline_year=2020, quote="到2020年地区生产总值达到5000亿元", unit="亿元",
        status=status, previous_status=previous, reason_zh="低于所需进度",
        reason_en="Behind the required path", probability=0.4, previous_probability=0.6,
        latest_value=3642.4, latest_period="2015", latest_preliminary=False,
        illustrative=False, known_before=True)
    return replace(target, **changes)


def digest(*targets: DigestTarget, **changes: Any) -> DigestFacts:
    return replace(DigestFacts(as_of=AS_OF, since=SINCE, targets=targets), **changes)
