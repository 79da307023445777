"""The seed catalogue read once per test session: reading checks every quote against its
document (about a second); each test still loads it into its own transaction."""

from __future__ import annotations

from functools import cache

from indicators.catalogue import loader as catalogue


@cache
def seed_catalogues() -> tuple[catalogue.LoadedFile, ...]:
    return tuple(catalogue.read_catalogues(catalogue.seed_files()))
