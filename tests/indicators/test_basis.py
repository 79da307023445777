"""What each verdict rests on: published figures, generated ones, both or none."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.data import queries as indicator_queries
from indicators.data.basis import Basis, basis_of, result_bases
from indicators.data.records import basis_summary
from indicators.runs.assessment import run_assessment
from indicators.text.messages import Language
from indicators.vocab import ObservationStatus, SourceKind
from tests.factories import write_small_catalogue


@given(st.integers(0, 50), st.integers(0, 50))
def test_a_verdict_is_real_only_when_it_read_no_generated_figure(real: int,
                                                                 generated: int) -> None:
    basis = basis_of(real, generated)
    assert (basis is Basis.REAL) == (real > 0 and generated == 0)
    assert (basis is Basis.NONE) == (real == 0 and generated == 0)
    assert (basis is Basis.MIXED) == (real > 0 and generated > 0)


def _add(session: Session, indicator: str, year: int, value: str, kind: SourceKind) -> None:
    series = indicator_queries.get_or_add_series(
        session, indicator=indicator_queries.get_indicator_or_raise(session, code=indicator),
        region_code="141100")
    indicator_queries.add_figure(session, series=series, figure=indicator_queries.NewFigure(
        period_code=str(year), value=Decimal(value), status=ObservationStatus.FINAL,
        source_kind=kind, source="示例数据 / illustrative" if kind is SourceKind.ILLUSTRATIVE
        else "吕梁市统计局", vintage_at=datetime(year + 1, 3, 1, tzinfo=UTC)))


def _bases(session: Session, day: datetime) -> dict[str, str]:
    run = run_assessment(session, as_of=day)
    return {r.target.key: b.value for r, b in
            ((r, result_bases(session, run.results)[r.id]) for r in run.results)}


def test_the_basis_counts_the_figures_known_at_the_assessment_up_to_the_deadline(
        session: Session, tmp_path: Path) -> None:
    catalogue.load_catalogue(session, catalogue.read_catalogue(write_small_catalogue(tmp_path)))
    for year, rate in zip(range(2010, 2016), ("9", "10", "10.5", "11", "9.5", "10"),
                          strict=True):
        _add(session, "gdp_growth", year, rate, SourceKind.UPLOAD)
    _add(session, "gdp_growth", 2017, "8", SourceKind.ILLUSTRATIVE)  # after T1-gdp's deadline
    _add(session, "forest_coverage", 2012, "25", SourceKind.ILLUSTRATIVE)
    _add(session, "forest_coverage", 2013, "26", SourceKind.ILLUSTRATIVE)
    _add(session, "forest_coverage", 2014, "28", SourceKind.UPLOAD)
    before_any = _bases(session, datetime(2010, 6, 1, tzinfo=UTC))
    assert set(before_any.values()) == {"none"}
    early = _bases(session, datetime(2014, 12, 1, tzinfo=UTC))  # forest 2014 not yet out
    assert early["T1-gdp"] == "real" and early["T1-forest-2015"] == "illustrative"
    later = _bases(session, datetime(2019, 6, 1, tzinfo=UTC))
    assert later["T1-gdp"] == "real"  # the generated 2017 lies after its deadline
    assert later["T1-forest-2015"] == later["T1-forest-2020"] == "mixed"


def test_the_summary_counts_verdicts_on_real_and_on_illustrative_data_apart() -> None:
    records = [{"status": "achieved", "basis": "real"}, {"status": "missed", "basis": "real"},
               {"status": "achieved", "basis": "illustrative"},
               {"status": "on_track", "basis": "mixed"}]
    assert basis_summary(records, Language.ZH) == (
        "基于公开数据 2 项：已完成 1 · 未完成 1；"
        "基于示例数据 2 项（其中部分示例 1 项）：已完成 1 · 进展正常 1")
    assert basis_summary(records, Language.EN) == (
        "2 verdicts on published data: achieved 1 · missed 1; "
        "2 verdicts on illustrative data (of which 1 partly illustrative): "
        "achieved 1 · on track 1")
