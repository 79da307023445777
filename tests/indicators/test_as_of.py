"""An assessment as of a past date reads only what was known then, gives the same answer
every time, and never becomes the current assessment."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.data import queries as indicator_queries
from indicators.data.known_targets import targets_as_of
from indicators.data.records import assessment_record
from indicators.data.stored_runs import current_results, current_run
from indicators.runs.assessment import previous_status, run_assessment
from indicators.tables.assessments import AssessmentRun
from indicators.tables.observations import Series
from indicators.tables.target_versions import TargetVersion, edits_known_from
from indicators.vocab import BreakKind, ObservationStatus, SourceKind, Status
from tests.factories import write_small_catalogue

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
D = datetime(2017, 6, 30, 15, 59, tzinfo=UTC)  # the end of 2017-06-30 in Beijing
LATER = datetime(2018, 1, 10, tzinfo=UTC)  # after D, before NOW


def _load_small(session: Session, folder: Path) -> None:
    catalogue.load_catalogue(session, catalogue.read_catalogue(write_small_catalogue(folder)))


def _forest(session: Session) -> Series:
    return indicator_queries.get_or_add_series(
        session, indicator=indicator_queries.get_indicator_or_raise(session,
                                                                    code="forest_coverage"),
        region_code="141100")


def _add(session: Session, period: str, value: str, at: datetime) -> None:
    figure = indicator_queries.NewFigure(
        period_code=period, value=Decimal(value), status=ObservationStatus.FINAL,
        source_kind=SourceKind.UPLOAD, source="吕梁市统计局", vintage_at=at)
    indicator_queries.add_figure(session, series=_forest(session), figure=figure)


def _records(run: AssessmentRun) -> list[dict[str, object]]:
    return [assessment_record(r) for r in run.results]


def _forest_figures(session: Session) -> None:
    """T1-forest-2020: ≥33% by 2020 from 26% in 2010, on its required path by mid-2017."""
    for year, value in ((2010, "26.0"), (2012, "27.5"), (2014, "28.8"), (2015, "29.6"),
                        (2016, "30.3")):
        _add(session, str(year), value, datetime(year + 1, 3, 1, tzinfo=UTC))


def test_later_figures_breaks_and_edits_leave_an_as_of_result_unchanged(
        session: Session, tmp_path: Path) -> None:
    _load_small(session, tmp_path)
    _forest_figures(session)
    current = run_assessment(session, as_of=NOW)
    first = run_assessment(session, as_of=D, retrospective=True)
    forest = next(r for r in first.results if r.target.key == "T1-forest-2020")
    # On its required path in 2016 (about even chances of 33% by 2020): judged, not final.
    assert forest.status in (Status.ON_TRACK, Status.AT_RISK) and forest.latest_value == 30.3

    # After D: 2016 revised down sharply, an unlinked break in 2015, the target raised.
    _add(session, "2016", "27.0", LATER)
    indicator_queries.add_series_break(session, series=_forest(session), period_code="2015",
                                       kind=BreakKind.DEFINITION, description="口径调整",
                                       known_from=LATER)
    target = indicator_queries.get_target(session, key="T1-forest-2020")
    assert target is not None
    with edits_known_from(session, LATER):
        target.value = Decimal("40")

    second = run_assessment(session, as_of=D, retrospective=True)
    assert _records(second) == _records(first)
    # Each of them does change what is known now: the break leaves no comparable baseline.
    now = next(r for r in run_assessment(session, as_of=NOW).results
               if r.target.key == "T1-forest-2020")
    assert (now.status, now.reason_key) == (Status.NOT_ASSESSABLE, "assess.definition_break")
    # Without the break, the revision and the edit show too: 27% against ≥40% by 2020.
    series = _forest(session)
    for found in series.breaks:
        session.delete(found)
    session.flush()
    session.expire(series)
    edited = next(r for r in run_assessment(session, as_of=NOW).results
                  if r.target.key == "T1-forest-2020")
    assert edited.latest_value == 27.0 and "≥40%" in edited.reason_zh
    assert current_run(session).id != first.id and not current_run(session).retrospective
    assert current.id < current_run(session).id


def test_hysteresis_reads_only_current_runs(session: Session, tmp_path: Path) -> None:
    """A retrospective run is never the previous status: not for the next as-of run of the
    same day, nor for a current run."""
    _load_small(session, tmp_path)
    _forest_figures(session)
    target = indicator_queries.get_target(session, key="T1-forest-2020")
    assert target is not None
    run_assessment(session, as_of=D, retrospective=True)
    assert previous_status(session, target_id=target.id, as_of=D) is None
    assert previous_status(session, target_id=target.id, as_of=NOW) is None
    before_d = run_assessment(session, as_of=datetime(2017, 4, 1, tzinfo=UTC))
    assert previous_status(session, target_id=target.id, as_of=D) is next(
        r.status for r in before_d.results if r.target_id == target.id)


def test_the_current_run_is_the_newest_that_is_not_retrospective(session: Session,
                                                                 tmp_path: Path) -> None:
    _load_small(session, tmp_path)
    assert current_run(session) is None
    run_assessment(session, as_of=D, retrospective=True)
    assert current_run(session) is None
    current = run_assessment(session, as_of=NOW)
    run_assessment(session, as_of=D, retrospective=True)
    assert current_run(session) is current


def test_each_target_s_current_result_survives_a_partial_run_and_as_of_runs(
        session: Session, tmp_path: Path) -> None:
    _load_small(session, tmp_path)
    everyone = run_assessment(session, as_of=datetime(2026, 1, 1, tzinfo=UTC))
    forest = indicator_queries.get_target(session, key="T1-forest-2020")
    assert forest is not None
    partial = run_assessment(session, as_of=NOW, targets=[forest])  # after an upload
    run_assessment(session, as_of=D, retrospective=True)
    found = {key: result.run_id for key, result in (
        (r.target.key, r) for r in current_results(session).values())}
    assert found == {"T1-gdp": everyone.id, "T1-forest-2015": everyone.id,
                     "T1-forest-2020": partial.id}
    assert set(current_results(session, [forest.id])) == {forest.id}


def test_a_target_is_judged_by_its_terms_as_known_then(session: Session,
                                                        tmp_path: Path) -> None:
    """Created and adjusted in one transaction: one version. Edited later: the new terms
    from the edit's moment on; before the first version, the first version."""
    _load_small(session, tmp_path)
    target = indicator_queries.get_target(session, key="T1-forest-2020")
    assert target is not None
    target.note = "复核"  # wording is not a term: no version
    target.value = Decimal("34")  # in the loading transaction: part of the first version
    session.flush()
    versions = session.scalars(select(TargetVersion).where(
        TargetVersion.target_id == target.id)).all()
    assert [v.terms["value"] for v in versions] == ["34"]
    with edits_known_from(session, LATER):
        target.value = Decimal("40")
        target.deadline_year = 2025
    (before,) = targets_as_of(session, [target], D)
    (after,) = targets_as_of(session, [target], NOW)
    assert (before.value, before.deadline_year, before.id, before.key) == (
        Decimal("34"), 2020, target.id, target.key)
    assert after is target and before not in session
    assert (target.value, target.deadline_year) == (Decimal("40"), 2025)
