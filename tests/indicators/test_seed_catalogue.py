"""The seed catalogue as data: its quotes, its references and its coverage of the texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indicators.catalogue.loader import SEED_DIR, read_catalogue, read_catalogues, seed_files
from indicators.vocab import Comparator, TargetKind
from tests.strict import SHARED_SEEDS, skip_or_fail

FILES = read_catalogues(seed_files())
DOCUMENT_FILES = [f for f in FILES if f.catalogue.document is not None]
ALL_TARGETS = [t for f in FILES for t in f.catalogue.targets]
INDICATORS = {i.code: i for f in FILES for i in f.catalogue.indicators}
REGIONS = {r.code for f in FILES for r in f.catalogue.regions}
ENTITIES = {e.code for f in FILES for e in f.catalogue.entities}


def test_there_is_one_catalogue_file_for_each_of_the_five_documents() -> None:
    codes = sorted(f.catalogue.document.code for f in DOCUMENT_FILES if f.catalogue.document)
    assert codes == ["000", "001", "002", "003", "004"]


def _packaged_text(file_name: str) -> str:
    """The document as the package ships it, read directly (not through the loader)."""
    return (SEED_DIR / "documents" / file_name).read_text(encoding="utf-8")


@pytest.mark.parametrize("loaded", DOCUMENT_FILES, ids=lambda f: f.path.name)
def test_every_quote_occurs_verbatim_in_the_source_document(loaded) -> None:  # type: ignore[no-untyped-def]
    text = _packaged_text(loaded.catalogue.document.file)
    quotes = [t.quote for t in loaded.catalogue.targets]
    quotes += [o.quote for o in loaded.catalogue.observations if o.quote]
    assert quotes
    missing = [q for q in quotes if q not in text]
    assert missing == []


def test_the_packaged_documents_are_the_shared_source_documents() -> None:
    """The package ships copies of ../shared/seeds: the same files, byte for byte."""
    if not SHARED_SEEDS.is_dir():
        skip_or_fail(f"shared seeds not beside the repository: {SHARED_SEEDS}")
    packaged = {p.name: p.read_bytes() for p in (SEED_DIR / "documents").glob("*.txt")}
    shared = {p.name: p.read_bytes() for p in SHARED_SEEDS.glob("*.txt")}
    assert sorted(packaged) == sorted(shared)
    assert [name for name in packaged if packaged[name] != shared[name]] == []
    assert sorted(packaged) == sorted(f.catalogue.document.file for f in DOCUMENT_FILES)


def test_a_wrong_quote_is_refused(tmp_path: Path) -> None:
    source = SEED_DIR / "001_dongyang_county_reform.yaml"
    changed = source.read_text(encoding="utf-8").replace("年均增速8%左右", "年均增速9%左右")
    (tmp_path / "documents").mkdir()
    for document in (SEED_DIR / "documents").glob("001_*.txt"):
        (tmp_path / "documents" / document.name).write_bytes(document.read_bytes())
    (tmp_path / "changed.yaml").write_text(changed, encoding="utf-8")
    with pytest.raises(ValueError, match="verbatim"):
        read_catalogue(tmp_path / "changed.yaml")


def test_document_004_sets_no_targets_and_reports_2016_actuals() -> None:
    zibo = next(f for f in FILES if f.catalogue.document and f.catalogue.document.code == "004")
    assert zibo.catalogue.targets == []
    assert sum(o.period == "2016" for o in zibo.catalogue.observations) >= 20


@pytest.mark.parametrize("target", ALL_TARGETS, ids=lambda t: t.key)
def test_every_target_refers_to_known_records(target) -> None:  # type: ignore[no-untyped-def]
    assert target.indicator in INDICATORS
    assert target.region in REGIONS
    assert target.entity is None or target.entity in ENTITIES


@pytest.mark.parametrize("target", ALL_TARGETS, ids=lambda t: t.key)
def test_every_target_carries_its_own_number(target) -> None:  # type: ignore[no-untyped-def]
    """The quote states the value (digits, or a count word such as 六条 or 全覆盖)."""
    digits = re.findall(r"\d+(?:\.\d+)?", target.quote.replace(",", ""))
    words = ("一", "两", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "全", "倍",
             "翻番", "每", "完成")
    assert digits or any(word in target.quote for word in words)


def test_target_keys_start_with_their_document_code() -> None:
    for loaded in DOCUMENT_FILES:
        code = loaded.catalogue.document.code
        assert all(t.key.startswith(f"{code}-") for t in loaded.catalogue.targets)


def test_the_brief_s_example_targets_are_in_the_catalogue() -> None:
    by_quote = {t.quote: t for t in ALL_TARGETS}

    def find(fragment: str):  # type: ignore[no-untyped-def]
        return next(t for q, t in by_quote.items() if fragment in q)

    gdp = find("地区生产总值年均增速8%左右")
    assert (gdp.kind, gdp.comparator, float(gdp.value)) == (
        TargetKind.AVERAGE_ANNUAL_GROWTH, Comparator.APPROX, 8.0)
    assert (gdp.start_year, gdp.deadline) == (2016, 2018)
    soe = find("1.5%")
    assert soe.entity is not None and float(soe.value) == 1.5
    forest = [t for t in ALL_TARGETS if "森林覆盖率" in t.quote]
    assert {t.kind for t in forest} >= {TargetKind.CHANGE_EVERY_YEAR}
    assert any(float(t.value) == 33 and t.deadline == 2015 for t in forest)
    gazelle = find("300家")
    assert (gazelle.deadline, float(gazelle.value)) == (2022, 300)
