"""Read, check and store catalogue files (docs/catalogue-format.md).

Loading is an upsert keyed by codes and target keys, so loading the same file twice
changes nothing, and a corrected file updates records in place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy.orm import Session

from indicators.catalogue import duplicates
from indicators.catalogue.format import (
    CatalogueFile,
    DocumentSpec,
    EntitySpec,
    IndicatorSpec,
    ObservationSpec,
    RegionSpec,
    TargetSpec,
)
from indicators.clock import china_midnight
from indicators.data import queries
from indicators.tables.catalogue import Document, Entity, Indicator, Region, Target
from indicators.text.messages import bilingual
from indicators.vocab import RegionLevel, SourceKind

SEED_DIR = Path(__file__).parent / "seed"
BASE_FILE = "base.yaml"
_LEVEL_ORDER = list(RegionLevel)


class CatalogueError(ValueError):
    """A catalogue file that cannot be loaded; `problems` lists every reason, bilingual."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class LoadReport:
    """What one load did: records created, updated and left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    observations_created: int = 0
    observations_unchanged: int = 0
    created_keys: list[str] = field(default_factory=list)

    def count(self, outcome: str, key: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        if outcome == "created":
            self.created_keys.append(key)


@dataclass(frozen=True)
class LoadedFile:
    """A parsed catalogue file with the text of its document, when it has one."""

    path: Path
    catalogue: CatalogueFile
    text: str | None


def seed_files() -> list[Path]:
    """Return the seed catalogue's files: the shared base first, then one per document."""
    documents = sorted(p for p in SEED_DIR.glob("*.yaml") if p.name != BASE_FILE)
    return [SEED_DIR / BASE_FILE, *documents]


def read_catalogue(path: Path) -> LoadedFile:
    """Parse and validate a catalogue file and check its quotes against its document."""
    try:
        source = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(source)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        problem = bilingual("catalogue.unreadable", path=path, detail=error)
        raise CatalogueError([problem]) from error
    _refuse_duplicate_keys(source, raw)
    try:
        catalogue = CatalogueFile.model_validate(raw)
    except ValidationError as error:
        raise CatalogueError([bilingual("catalogue.invalid_file", detail=_describe(e))
                              for e in error.errors()]) from error
    text = _document_text(path, catalogue.document)
    problems = list(misquoted(catalogue, text))
    if problems:
        raise CatalogueError(problems)
    return LoadedFile(path=path, catalogue=catalogue, text=text)


def _refuse_duplicate_keys(source: str, raw: Any) -> None:
    """Refuse a file that gives a target key twice, naming each key and its lines. The
    check is linear; the lines are looked up only when there is a duplicate."""
    keys = duplicates.duplicated(duplicates.target_keys(raw))
    if not keys:
        return
    lines = duplicates.key_lines(source, set(keys))
    raise CatalogueError([
        bilingual("catalogue.duplicate_key", key=key,
                  lines=", ".join(str(n) for n in lines.get(key, [])))
        for key in keys])


def _describe(error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg']}"


def _document_text(path: Path, document: DocumentSpec | None) -> str | None:
    if document is None or document.file is None:
        return None
    for candidate in (path.parent / document.file, path.parent / "documents" / document.file):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise CatalogueError([bilingual("catalogue.document_missing", document=document.code,
                                    file=document.file)])


def misquoted(catalogue: CatalogueFile, text: str | None) -> Iterable[str]:
    """Yield a problem for every quote that does not occur verbatim in the document."""
    if text is None or catalogue.document is None:
        return
    quoted = [(t.key, t.quote) for t in catalogue.targets]
    quoted += [(f"{o.indicator}@{o.region}:{o.period}", o.quote)
               for o in catalogue.observations if o.quote]
    for key, quote in quoted:
        if quote not in text:
            yield bilingual("catalogue.quote_not_found", key=key,
                            document=catalogue.document.code)


def load_catalogue(session: Session, loaded: LoadedFile) -> LoadReport:
    """Store a catalogue file's records (flush only; the caller commits)."""
    catalogue, report = loaded.catalogue, LoadReport()
    for region in sorted(catalogue.regions, key=lambda r: _LEVEL_ORDER.index(r.level)):
        _upsert_region(session, region, report)
    document = _upsert_document(session, catalogue.document, loaded.text, report)
    for entity in catalogue.entities:
        _upsert_entity(session, entity, report)
    for indicator in catalogue.indicators:
        _upsert_indicator(session, indicator, report)
    session.flush()
    for target in catalogue.targets:
        _upsert_target(session, target, document, report)
    session.flush()
    _link_superseded(session, catalogue.targets)
    for observation in catalogue.observations:
        _add_document_observation(session, observation, document, report)
    session.flush()
    return report


def _assign(record: Any, values: dict[str, Any]) -> bool:
    """Set attributes that differ; return whether any did."""
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


def _upsert(session: Session, record: Any | None, factory: type, values: dict[str, Any],
            report: LoadReport, key: str) -> Any:
    if record is None:
        record = factory(**values)
        session.add(record)
        report.count("created", key)
    elif _assign(record, values):
        report.count("updated", key)
    else:
        report.count("unchanged", key)
    return record


def _upsert_document(session: Session, spec: DocumentSpec | None, text: str | None,
                     report: LoadReport) -> Document | None:
    if spec is None:
        return None
    _require_region(session, spec.region, where=f"document {spec.code}")
    values = {
        "code": spec.code, "title": spec.title, "issuer": spec.issuer,
        "issued_on": spec.issued_on, "file_name": spec.file, "script": spec.script,
        "plan_start": spec.plan_start, "plan_end": spec.plan_end, "region_code": spec.region,
        "text": text,
        "text_sha256": hashlib.sha256(text.encode()).hexdigest() if text else None,
    }
    document = _upsert(session, queries.get_document(session, code=spec.code), Document,
                       values, report, f"document:{spec.code}")
    session.flush()
    return document


def _upsert_region(session: Session, spec: RegionSpec, report: LoadReport) -> None:
    values = {"code": spec.code, "name": spec.name, "name_en": spec.name_en,
              "level": spec.level, "parent_code": spec.parent}
    _upsert(session, queries.get_region(session, code=spec.code), Region, values, report,
            f"region:{spec.code}")
    session.flush()


def _upsert_entity(session: Session, spec: EntitySpec, report: LoadReport) -> None:
    _require_region(session, spec.region, where=f"entity {spec.code}")
    values = {"code": spec.code, "name": spec.name, "name_en": spec.name_en,
              "region_code": spec.region}
    _upsert(session, queries.get_entity(session, code=spec.code), Entity, values, report,
            f"entity:{spec.code}")


def _upsert_indicator(session: Session, spec: IndicatorSpec, report: LoadReport) -> None:
    values = spec.model_dump()
    _upsert(session, queries.get_indicator(session, code=spec.code), Indicator, values, report,
            f"indicator:{spec.code}")


def _upsert_target(session: Session, spec: TargetSpec, document: Document | None,
                   report: LoadReport) -> None:
    where = f"target {spec.key}"
    indicator = _require(session, queries.get_indicator(session, code=spec.indicator),
                         "indicator", spec.indicator, where)
    _require_region(session, spec.region, where=where)
    entity = _require_entity(session, spec.entity, where=where)
    values = {
        "key": spec.key, "indicator_id": indicator.id, "region_code": spec.region,
        "entity_id": entity.id if entity else None,
        "document_id": document.id if document else None,
        "kind": spec.kind, "comparator": spec.comparator, "value": spec.value,
        "upper_value": spec.upper_value, "tolerance": spec.tolerance, "unit": spec.unit,
        "change_unit": spec.change_unit, "baseline_year": spec.baseline_year,
        "baseline_value": spec.baseline_value, "start_year": spec.start_year,
        "deadline_year": spec.deadline, "deadline_inferred": spec.deadline_inferred,
        "deadline_basis": spec.deadline_basis, "nature": spec.nature,
        "lead_department": spec.lead_department, "clause": spec.clause, "quote": spec.quote,
        "note": spec.note, "review_state": spec.review_state,
    }
    _upsert(session, queries.get_target(session, key=spec.key), Target, values, report,
            f"target:{spec.key}")


def _link_superseded(session: Session, specs: list[TargetSpec]) -> None:
    for spec in specs:
        target = queries.get_target(session, key=spec.key)
        assert target is not None  # stored just above
        successor = None
        if spec.superseded_by is not None:
            successor = _require(session, queries.get_target(session, key=spec.superseded_by),
                                 "target", spec.superseded_by, f"target {spec.key}")
        successor_id = successor.id if successor else None
        if target.superseded_by_id != successor_id:
            target.superseded_by_id = successor_id


def _add_document_observation(session: Session, spec: ObservationSpec,
                              document: Document | None, report: LoadReport) -> None:
    where = f"observation {spec.indicator}@{spec.region}:{spec.period}"
    indicator = _require(session, queries.get_indicator(session, code=spec.indicator),
                         "indicator", spec.indicator, where)
    _require_region(session, spec.region, where=where)
    entity = _require_entity(session, spec.entity, where=where)
    series = queries.get_or_add_series(session, indicator=indicator, region_code=spec.region,
                                       entity=entity)
    figure = queries.NewFigure(
        period_code=spec.period, value=spec.value, status=spec.status,
        source_kind=SourceKind.DOCUMENT,
        source=f"document:{document.code}" if document else "catalogue",
        vintage_at=_published_at(document), document_id=document.id if document else None,
        note=spec.note)
    if queries.add_figure(session, series=series, figure=figure) is None:
        report.observations_unchanged += 1
    else:
        report.observations_created += 1


def _published_at(document: Document | None) -> datetime | None:
    """Date a document's figures by its issue date (Beijing midnight), when known."""
    if document is None or document.issued_on is None:
        return None
    return china_midnight(document.issued_on)


def _require(session: Session, record: Any | None, what: str, code: str, where: str) -> Any:
    if record is None:
        raise CatalogueError([bilingual(f"catalogue.unknown_{what}", code=code, where=where)])
    return record


def _require_region(session: Session, code: str | None, *, where: str) -> None:
    if code is not None:
        _require(session, queries.get_region(session, code=code), "region", code, where)


def _require_entity(session: Session, code: str | None, *, where: str) -> Entity | None:
    if code is None:
        return None
    entity: Entity = _require(session, queries.get_entity(session, code=code), "entity",
                              code, where)
    return entity


def read_catalogues(paths: Iterable[Path]) -> list[LoadedFile]:
    """Read and check every file before any is stored, collecting all problems."""
    loaded, problems = [], []
    for path in paths:
        try:
            loaded.append(read_catalogue(path))
        except CatalogueError as error:
            problems.extend(f"{path.name}: {problem}" for problem in error.problems)
    if problems:
        raise CatalogueError(problems)
    return loaded
