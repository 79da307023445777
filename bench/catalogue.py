"""Catalogue loading: the duplicate-key check, linear against the old quadratic one.

For n = 1,000, 10,000 and 100,000 target entries (every key distinct, the common case, and
the worst for the old check) this times, in the same run:
- `quadratic`: the old check, `keys.count(k)` for every key (kept here as the baseline);
- `linear`: `indicators.catalogue.duplicates.duplicated` (one Counter);
- `validate`: the whole `CatalogueFile.model_validate` of the n entries, which now includes
  the linear check, for scale.
The quadratic baseline is skipped above --quadratic-max (default 100,000) entries.

    .venv/bin/python bench/catalogue.py [--sizes 1000,10000,100000] [--quadratic-max N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indicators.catalogue.duplicates import duplicated
from indicators.catalogue.format import CATALOGUE_FORMAT, CatalogueFile


def quadratic(keys: list[str]) -> list[str]:
    """The check as it was before issue 12: one scan of the whole list per key."""
    return sorted({k for k in keys if keys.count(k) > 1})


def raw_catalogue(n: int) -> dict[str, Any]:
    """A catalogue of n distinct targets over one indicator and region."""
    targets = [{"key": f"T-{i:06d}", "indicator": "gdp", "region": "370300",
                "kind": "level_at_deadline", "comparator": "gte", "value": i, "unit": "亿元",
                "deadline": 2025, "quote": "地区生产总值达到"} for i in range(n)]
    return {"format": CATALOGUE_FORMAT, "targets": targets}


def seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--quadratic-max", type=int, default=100_000)
    args = parser.parse_args()
    print(f"{'n':>8}  {'quadratic s':>12}  {'linear s':>9}  {'speed-up':>9}  {'validate s':>10}")
    for n in (int(s) for s in args.sizes.split(",")):
        raw = raw_catalogue(n)
        keys = [t["key"] for t in raw["targets"]]
        linear = seconds(lambda keys=keys: duplicated(keys))
        old = seconds(lambda keys=keys: quadratic(keys)) if n <= args.quadratic_max else None
        validate = seconds(lambda raw=raw: CatalogueFile.model_validate(raw))
        old_text = f"{old:12.3f}" if old is not None else f"{'skipped':>12}"
        ratio = f"{old / linear:8.0f}×" if old is not None else f"{'—':>9}"
        print(f"{n:>8}  {old_text}  {linear:9.4f}  {ratio}  {validate:10.2f}")


if __name__ == "__main__":
    main()
