"""The board's set-based read agrees with the per-target reads it replaces, in a handful of
queries, and a replay shows only what was known then."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from indicators.data import queries
from indicators.data.basis import result_bases
from indicators.data.board_rows import board_items, with_latest
from indicators.data.stored_runs import current_results
from indicators.runs.assessment import run_assessment
from indicators.tables.catalogue import Target
from service.demo.actuals import BUNDLED_ACTUALS
from service.demo.loader import load_demo

NOW = datetime(2026, 6, 30, 12, tzinfo=UTC)


@pytest.fixture
def demo(session: Session) -> Session:
    load_demo(session, actuals_csv=BUNDLED_ACTUALS, now=NOW)
    return session


@contextmanager
def counted(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_every_target_with_its_latest_figure_result_and_basis(demo: Session) -> None:
    with counted(demo) as statements:
        items = board_items(demo, moment=None)
    assert len(statements) <= 6  # targets, results, series, figures, one basis per run date
    targets = {t.id: t for t in demo.scalars(select(Target))}
    assert [i.key for i in items] == [targets[i.target_id].key for i in items]
    assert len(items) == 89
    results = current_results(demo)
    bases = result_bases(demo, list(results.values()))
    for item in items:
        target = targets[item.target_id]
        latest = queries.latest_annual_figure(demo, series_key=target.series_key)
        assert (item.latest.value if item.latest else None) == (latest.value if latest else None)
        assert (item.latest.period_code if item.latest else None) == (
            latest.period_code if latest else None)
        result = results[item.target_id]
        assert item.result is not None and item.result.status is result.status
        assert item.basis is bases[result.id], item.key
    bare = board_items(demo, moment=None, figures=False)
    assert all(i.latest is None for i in bare)
    page = with_latest(demo, bare[10:30], moment=None)
    assert page == items[10:30]


def test_a_replay_hides_documents_issued_later_and_reads_the_older_run(demo: Session) -> None:
    before = datetime(2017, 6, 30, 12, tzinfo=UTC)  # document 003 was issued in 2018
    old = run_assessment(demo, as_of=before, retrospective=True)
    items = board_items(demo, moment=before, run=old)
    assert items and all(i.document_code != "003" for i in items)
    assert {i.document_code for i in board_items(demo, moment=None)} >= {"003"}
    assert all(i.latest is None or i.latest.vintage_at <= before for i in items)
    old_statuses = {r.target_id: r.status for r in old.results}
    assert all(i.result is not None and i.result.status is old_statuses[i.target_id]
               for i in items)


def test_a_replay_without_a_run_shows_targets_without_verdicts(demo: Session) -> None:
    items = board_items(demo, moment=datetime(2014, 1, 1, tzinfo=UTC), run=None)
    assert {i.document_code for i in items} == {"002"}  # 004 states no targets
    assert all(i.result is None and i.basis is None for i in items)
