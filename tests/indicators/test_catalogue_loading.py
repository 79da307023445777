"""Loading catalogue files into the database: complete, idempotent, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.data import queries as indicator_queries
from indicators.data.records import target_record
from indicators.tables.catalogue import Document, Indicator, Region, Target
from indicators.tables.observations import Observation
from indicators.vocab import SourceKind
from tests.factories import write_small_catalogue


def _load_seed(session: Session) -> list[catalogue.LoadReport]:
    files = catalogue.read_catalogues(catalogue.seed_files())
    return [catalogue.load_catalogue(session, f) for f in files]


def _counts(session: Session) -> dict[str, int]:
    return {model.__name__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Region, Indicator, Document, Target, Observation)}


def test_the_seed_catalogue_loads_every_target_and_document(session: Session) -> None:
    _load_seed(session)
    expected = sum(len(f.catalogue.targets)
                   for f in catalogue.read_catalogues(catalogue.seed_files()))
    assert indicator_queries.count_targets(session) == expected
    documents = session.scalars(select(Document)).all()
    assert len(documents) == 5
    assert all(d.text and d.text_sha256 for d in documents)


def test_loading_twice_changes_nothing(session: Session) -> None:
    _load_seed(session)
    before = _counts(session)
    exported = [target_record(t) for t in indicator_queries.list_targets(session)]
    second = _load_seed(session)
    assert sum(r.created + r.updated for r in second) == 0
    assert sum(r.observations_created for r in second) == 0
    assert _counts(session) == before
    assert [target_record(t) for t in indicator_queries.list_targets(session)] == exported


def test_document_004_figures_are_stored_as_observations_of_the_document(
        session: Session) -> None:
    _load_seed(session)
    where = indicator_queries.ObservationFilter(document_code="004")
    figures = indicator_queries.list_latest_observations(session, where=where)
    assert len(figures) == 87
    assert {f.source_kind for f in figures} == {SourceKind.DOCUMENT}
    gdp = [f for f in figures if f.series.indicator.code == "gdp" and f.period_code == "2016"]
    assert len(gdp) == 1 and gdp[0].series.region_code == "370300"


def test_a_corrected_file_updates_in_place(session: Session, tmp_path: Path) -> None:
    path = write_small_catalogue(tmp_path)
    catalogue.load_catalogue(session, catalogue.read_catalogue(path))
    path.write_text(path.read_text(encoding="utf-8").replace("value: 33", "value: 35"),
                    encoding="utf-8")
    report = catalogue.load_catalogue(session, catalogue.read_catalogue(path))
    assert (report.created, report.updated) == (0, 1)
    target = indicator_queries.get_target(session, key="T1-forest-2020")
    assert target is not None and float(target.value) == 35


def test_a_reset_target_links_to_its_successor(session: Session, tmp_path: Path) -> None:
    path = write_small_catalogue(tmp_path)
    catalogue.load_catalogue(session, catalogue.read_catalogue(path))
    old = indicator_queries.get_target(session, key="T1-forest-2015")
    assert old is not None and old.superseded_by is not None
    assert old.superseded_by.key == "T1-forest-2020"
    assert target_record(old)["superseded_by"] == "T1-forest-2020"


def test_an_unknown_indicator_is_refused_and_nothing_is_kept(
        session_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = """  - {key: T1-bad, indicator: no_such_indicator, region: "141100",
     kind: level_at_deadline, comparator: gte, value: 1, unit: "%", deadline: 2015,
     quote: "森林覆盖率达到30%"}
"""
    path = write_small_catalogue(tmp_path, extra_target=bad)
    loaded = catalogue.read_catalogue(path)
    with session_factory() as session:
        with pytest.raises(catalogue.CatalogueError) as error, session.begin():
            catalogue.load_catalogue(session, loaded)
        assert "no_such_indicator" in str(error.value)
        assert "未定义" in str(error.value) and "Unknown indicator" in str(error.value)
        assert indicator_queries.count_targets(session) == 0
        assert session.scalar(select(func.count()).select_from(Region)) == 0


def test_a_misquoted_file_is_refused_before_anything_is_stored(tmp_path: Path) -> None:
    path = write_small_catalogue(tmp_path, quote="地区生产总值年均增长12%")
    with pytest.raises(catalogue.CatalogueError) as error:
        catalogue.read_catalogue(path)
    assert "T1-gdp" in str(error.value)
    assert "原文引用" in str(error.value) and "verbatim" in str(error.value)


@pytest.mark.parametrize("broken, fragment", [
    ("format: something-else/9\n", "format"),
    ("format: targetwatch-catalogue/1\ntargets: [{key: x}]\n", "targets.0"),
    ("format: [unclosed\n", "catalogue"),
])
def test_malformed_files_get_a_bilingual_reason(tmp_path: Path, broken: str,
                                                fragment: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(catalogue.CatalogueError) as error:
        catalogue.read_catalogue(path)
    assert fragment in str(error.value)
    assert " / " in error.value.problems[0]
