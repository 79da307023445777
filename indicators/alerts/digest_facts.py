"""The facts of the weekly digest: every target on the board with its status now and a
week earlier, read from the stored assessment runs as the board's replay reads them (the
run known at each moment, the figures known then), so that the digest says what the board
said on each day. Changes first: the renderer (`dashboards.emails.digest`) shows the
targets whose status changed, then the open alerts, then every target by status."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.alerts.views import AlertView
from indicators.data.board_rows import BoardItem, board_items
from indicators.data.stored_runs import run_known_on
from indicators.tables.catalogue import Indicator, Target
from indicators.vocab import ObservationStatus, Status

# The order the digest groups targets in: the worst news first, then the good, then the
# targets with no verdict.
STATUS_ORDER: tuple[Status | None, ...] = (
    Status.MISSED, Status.OFF_TRACK, Status.AT_RISK, Status.ON_TRACK, Status.ACHIEVED,
    Status.NOT_ASSESSABLE, None)


@dataclass(frozen=True)
class DigestTarget:
    """One target in the digest: who it is, its status now and at the earlier moment
    (None: not assessed then, or not yet known), and what the reader needs beside it."""

    target_id: int
    key: str
    region_code: str
    region_name: str
    region_name_en: str | None
    indicator_code: str
    indicator_name: str
    indicator_name_en: str
    document_code: str | None
    lead_department: str | None
    deadline_year: int
    quote: str
    unit: str  # the indicator's: the latest figure's unit
    status: Status | None
    previous_status: Status | None
    reason_zh: str | None
    reason_en: str | None
    probability: float | None
    previous_probability: float | None
    latest_value: float | None
    latest_period: str | None
    latest_preliminary: bool
    illustrative: bool
    known_before: bool  # whether the target was on the board at the earlier moment

    @property
    def changed(self) -> bool:
        """Whether the status changed since the earlier moment (a target new to the
        board counts when it has a verdict now)."""
        return self.status != self.previous_status and (
            self.known_before or self.status is not None)


@dataclass(frozen=True)
class DigestFacts:
    """Every target with its status now (`as_of`) and at `since`, and the open alerts
    (filled by the caller from the alerts tables: `with_alerts`)."""

    as_of: datetime
    since: datetime
    targets: tuple[DigestTarget, ...]
    open_alerts: tuple[AlertView, ...] = ()

    def changes(self) -> list[DigestTarget]:
        """The targets whose status changed, worst status first, then by key."""
        return sorted((t for t in self.targets if t.changed), key=_status_then_key)

    def by_status(self) -> list[tuple[Status | None, list[DigestTarget]]]:
        """Every target grouped by status in `STATUS_ORDER`, the empty groups left out."""
        groups = [(s, [t for t in self.targets if t.status is s]) for s in STATUS_ORDER]
        return [(status, sorted(found, key=lambda t: t.key)) for status, found in groups
                if found]

    def with_alerts(self, views: Sequence[AlertView]) -> DigestFacts:
        return replace(self, open_alerts=tuple(views))

    def narrowed(self, keep: Callable[[DigestTarget], bool],
                 alert_ids: Sequence[int] | None = None) -> DigestFacts:
        """The digest of one recipient: the targets `keep` accepts, and of the open
        alerts those named (all of them when None)."""
        alerts = self.open_alerts if alert_ids is None else tuple(
            a for a in self.open_alerts if a.alert_id in set(alert_ids))
        return replace(self, targets=tuple(t for t in self.targets if keep(t)),
                       open_alerts=alerts)


def _status_then_key(target: DigestTarget) -> tuple[int, str]:
    return STATUS_ORDER.index(target.status), target.key


def _items(session: Session, moment: datetime) -> dict[int, BoardItem]:
    run = run_known_on(session, moment)
    return {i.target_id: i for i in board_items(session, moment=moment, run=run)}


def _codes_and_quotes(session: Session) -> dict[int, tuple[str, str, str]]:
    """Target id → its indicator's code and unit (the latest figure's), and its quote."""
    rows = session.execute(select(Target.id, Indicator.code, Indicator.unit, Target.quote)
                           .join(Indicator, Indicator.id == Target.indicator_id))
    return {r.id: (r.code, r.unit, r.quote) for r in rows}


def digest_facts(session: Session, *, as_of: datetime, since: datetime) -> DigestFacts:
    """Read every target's status as known at `as_of` and at `since` (a week earlier for
    the weekly digest), from the assessment run known at each moment; reads only."""
    now, before = _items(session, as_of), _items(session, since)
    extra = _codes_and_quotes(session)
    targets = tuple(_target(item, before.get(tid), *extra[tid]) for tid, item in now.items())
    return DigestFacts(as_of=as_of, since=since, targets=targets)


def _target(item: BoardItem, earlier: BoardItem | None, indicator_code: str, unit: str,
            quote: str) -> DigestTarget:
    result, previous = item.result, earlier.result if earlier else None
    latest = item.latest
    return DigestTarget(
        target_id=item.target_id, key=item.key, region_code=item.region_code,
        region_name=item.region_name, region_name_en=item.region_name_en,
        indicator_code=indicator_code, indicator_name=item.indicator_name,
        indicator_name_en=item.indicator_name_en, document_code=item.document_code,
        lead_department=item.lead_department, deadline_year=item.deadline_year, quote=quote,
        unit=unit, status=result.status if result else None,
        previous_status=previous.status if previous else None,
        reason_zh=result.reason_zh if result else None,
        reason_en=result.reason_en if result else None,
        probability=result.probability if result else None,
        previous_probability=previous.probability if previous else None,
        latest_value=None if latest is None else float(latest.value),
        latest_period=None if latest is None else latest.period_code,
        latest_preliminary=latest is not None and latest.status is ObservationStatus.PRELIMINARY,
        illustrative=bool(result and result.illustrative) or bool(latest and latest.illustrative),
        known_before=earlier is not None)
