"""The board benchmark's own pieces (bench/board_*.py): the copied catalogue holds exactly
the targets asked for, each copy consistent in itself, and the client finds the login
form's fields. The benchmark runs by hand; a wrong count or a dangling reference here would
only show as a failed or mis-sized build minutes into a run."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1] / "bench"))
import board_catalogue
import board_client

from indicators.catalogue.loader import read_catalogue, seed_files


def test_the_copies_hold_exactly_the_targets_asked_for_with_distinct_keys() -> None:
    seed = sum(len(read_catalogue(p).catalogue.targets) for p in seed_files())
    for wanted in (1, seed, seed + 7, 2 * seed - 1):
        keys = [t.key for f in board_catalogue.copies(wanted) for t in f.catalogue.targets]
        assert len(keys) == wanted
        assert len(set(keys)) == wanted


def test_every_copy_points_only_at_its_own_regions_entities_and_targets() -> None:
    files = list(board_catalogue.copies(200))
    regions = {r.code for f in files for r in f.catalogue.regions}
    entities = {e.code for f in files for e in f.catalogue.entities}
    keys = {t.key for f in files for t in f.catalogue.targets}
    documents = [f.catalogue.document.code for f in files if f.catalogue.document]
    assert len(documents) == len(set(documents))
    for f in files:
        for region in f.catalogue.regions:
            assert region.parent is None or region.parent in regions
        for target in f.catalogue.targets:
            assert target.region in regions
            assert target.entity is None or target.entity in entities
            assert target.superseded_by is None or target.superseded_by in keys


def test_the_login_form_is_filled_with_its_csrf_token() -> None:
    html = ('<form method="post" action="/login"><input type="hidden" name="csrf_token" '
            'value="abc"><input type="text" name="username" autocomplete="username">'
            '<input type="password" name="password"><input type="hidden" name="next" '
            'value="/"></form>')
    assert board_client.login_fields(html, "bench-admin", "pw") == {
        "csrf_token": "abc", "username": "bench-admin", "password": "pw", "next": "/"}
    assert board_client.login_fields("<p>no form</p>", "bench-admin", "pw") is None


def test_percentiles_of_a_timing() -> None:
    timing = board_client.Timing("x", "/", 200, [float(n) for n in range(1, 101)], 0)
    assert timing.quantile(0.5) == 50.5
    assert 95 <= timing.quantile(0.95) <= 96
