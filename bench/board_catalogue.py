"""The benchmark's catalogue: the seed catalogue (89 targets over five documents, every
target kind and comparator it has) copied region by region until it holds the number of
targets asked for, then loaded through the real catalogue loader.

Copy c renames every region code R to "cc" + R (the country, 000000, stays one), every
document, entity and target key gets the suffix "-cc", and names gain "·cc", so the copies
are distinct rows with the seed's mix of kinds, comparators, natures, lead departments,
entities, supersessions and document figures.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from indicators.catalogue.format import CatalogueFile
from indicators.catalogue.loader import LoadedFile, load_catalogue, read_catalogue, seed_files

COUNTRY = "000000"


def _region(code: str | None, copy: int) -> str | None:
    return code if code in (None, COUNTRY) else f"{copy:02d}{code}"


def _suffix(code: str | None, copy: int) -> str | None:
    return None if code is None else f"{code}-{copy:02d}"


def copied(loaded: LoadedFile, copy: int, keep: set[str] | None) -> LoadedFile:
    """One seed file renamed for copy `copy`; only the target keys in `keep` (seed keys)
    when given, their supersessions dropped where the successor is left out."""
    c = loaded.catalogue
    chosen = [t for t in c.targets if keep is None or t.key in keep]
    kept = {t.key for t in chosen}
    catalogue = CatalogueFile(
        format=c.format,
        document=None if c.document is None else c.document.model_copy(update={
            "code": _suffix(c.document.code, copy), "title": f"{c.document.title}·{copy:02d}",
            "region": _region(c.document.region, copy)}),
        regions=[r.model_copy(update={
            "code": _region(r.code, copy), "parent": _region(r.parent, copy),
            "name": r.name if r.code == COUNTRY else f"{r.name}·{copy:02d}"})
            for r in c.regions if r.code != COUNTRY or copy == 0],
        entities=[e.model_copy(update={"code": _suffix(e.code, copy),
                                       "region": _region(e.region, copy)})
                  for e in c.entities],
        indicators=c.indicators if copy == 0 else [],
        targets=[t.model_copy(update={
            "key": _suffix(t.key, copy), "region": _region(t.region, copy),
            "entity": _suffix(t.entity, copy),
            "superseded_by": _suffix(t.superseded_by, copy) if t.superseded_by in kept
            else None}) for t in chosen],
        observations=[o.model_copy(update={"region": _region(o.region, copy),
                                           "entity": _suffix(o.entity, copy)})
                      for o in c.observations] if keep is None else [])
    return LoadedFile(path=loaded.path, catalogue=catalogue, text=loaded.text)


def copies(targets: int) -> Iterator[LoadedFile]:
    """The renamed seed files, copy after copy, until `targets` targets are in them."""
    seed = [read_catalogue(path) for path in seed_files()]
    per_copy = sum(len(f.catalogue.targets) for f in seed)
    left, copy = targets, 0
    while left > 0:
        keep = None
        if left < per_copy:  # the last copy: the first `left` targets, file by file
            keys = [t.key for f in seed for t in f.catalogue.targets][:left]
            keep = set(keys)
        for loaded in seed:
            yield copied(loaded, copy, keep)
        left -= per_copy
        copy += 1


def load(session: Session, targets: int) -> float:
    """Load the copies (flush only); return the seconds it took."""
    start = time.perf_counter()
    for loaded in copies(targets):
        load_catalogue(session, loaded)
    return time.perf_counter() - start


def seed_paths() -> list[Path]:
    """The files the catalogue is copied from (their content keys the cached database)."""
    return seed_files()
