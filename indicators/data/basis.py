"""What each verdict rests on: published figures, illustrative (generated) ones, or both.

A verdict reads its target's series as known at the assessment date: the status the
figures up to the latest year, the forecast and its probability the whole history. So
its basis is counted over every figure of the series known then, up to the deadline:

- **real**: every figure is published (a statistic, a document's figure, an upload);
- **illustrative**: every figure is generated for the demo (示例数据);
- **mixed**: some of each — counted with the illustrative verdicts, since a generated
  figure can have moved the status or the probability;
- **none**: no figure at all (the verdict is "not assessable" for want of data).

Erring this way never labels a verdict real that a generated figure could have touched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from indicators.data import queries
from indicators.data.records import assessment_record
from indicators.tables.assessments import AssessmentResult
from indicators.tables.observations import Observation
from indicators.vocab import SourceKind


class Basis(StrEnum):
    REAL = "real"
    ILLUSTRATIVE = "illustrative"
    MIXED = "mixed"
    NONE = "none"


def basis_of(real: int, illustrative: int) -> Basis:
    """Classify a verdict by how many real and illustrative figures it read."""
    if real and illustrative:
        return Basis.MIXED
    if illustrative:
        return Basis.ILLUSTRATIVE
    return Basis.REAL if real else Basis.NONE


def result_bases(session: Session, results: Sequence[AssessmentResult]) -> dict[int, Basis]:
    """Return result id → the basis of that verdict (see the module rules). One query for
    the figures of all the results' series as known at each result's date."""
    targets = [r.target for r in results]
    series = queries.series_of_targets(session, targets)
    ids = {s.id for s in series.values()}
    moments = {r.as_of for r in results}
    kinds: dict[tuple[object, int], list[tuple[int, bool]]] = defaultdict(list)
    for moment in moments:
        where = queries.ObservationFilter(as_of=moment)
        for figure in _figures(session, where, ids):
            kinds[(moment, figure.series_id)].append(
                (figure.year, figure.source_kind is SourceKind.ILLUSTRATIVE))
    bases = {}
    for result in results:
        found = series.get(result.target_id)
        figures = [(year, generated) for year, generated in kinds.get(
            (result.as_of, found.id if found else -1), [])
            if year <= result.target.deadline_year]
        generated = sum(flag for _, flag in figures)
        basis = basis_of(len(figures) - generated, generated)
        if basis is Basis.REAL and result.illustrative:
            basis = Basis.MIXED  # the status itself says it read a generated figure
        bases[result.id] = basis
    return bases


def _figures(session: Session, where: queries.ObservationFilter,
             series_ids: set[int]) -> Iterable[Observation]:
    if not series_ids:
        return []
    query = queries.latest_observations_query(where).where(
        Observation.series_id.in_(sorted(series_ids)))
    return session.scalars(query)


def assessment_records(session: Session,
                       results: Sequence[AssessmentResult]) -> list[dict[str, Any]]:
    """Return the results as records, each with the basis of its verdict."""
    bases = result_bases(session, results)
    return [assessment_record(r, basis=bases[r.id].value) for r in results]
