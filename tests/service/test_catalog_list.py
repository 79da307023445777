"""`targetwatch catalog list`: every indicator and region with its code, unit and aliases,
as tables for the terminal and in full as JSON."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from indicators.catalogue import loader as catalogue
from service.text_table import display_width

BASE = catalogue.SEED_DIR / catalogue.BASE_FILE
BASE_CATALOGUE = catalogue.read_catalogue(BASE).catalogue


def test_both_tables_name_every_code_unit_and_alias(run) -> None:  # type: ignore[no-untyped-def]
    assert run("catalog", "load", str(BASE)).exit_code == 0
    result = run("catalog", "list")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert f"指标（{len(BASE_CATALOGUE.indicators)} 个）" in text
    assert f"地区（{len(BASE_CATALOGUE.regions)} 个）" in text
    lines = text.splitlines()
    fai = next(line for line in lines if line.startswith("固定资产投资 "))
    assert fai.split()[:4] == ["固定资产投资", "fixed_asset_investment", "亿元", "月度"]
    assert "Fixed-asset" in text  # the alias column wraps to fit 100 columns
    zibo = next(line for line in lines if line.startswith("淄博市 "))
    assert zibo.split()[:5] == ["淄博市", "370300", "地级", "山东省", "Zibo"]
    words = text.split()
    for spec in BASE_CATALOGUE.indicators:  # a code whole; a long name may wrap
        assert spec.code in words and spec.name[:4] in text
    only = run("catalog", "list", "--regions")
    assert "地区（" in only.stdout and "指标（" not in only.stdout


def test_json_gives_every_field(run) -> None:  # type: ignore[no-untyped-def]
    run("catalog", "load", str(BASE))
    listing = json.loads(run("catalog", "list", "--json").stdout)
    assert set(listing) == {"indicators", "regions"}
    gdp = next(i for i in listing["indicators"] if i["code"] == "gdp")
    assert gdp == {"code": "gdp", "name": "地区生产总值", "name_en": "Gross regional product",
                   "unit": "亿元", "frequency": "quarterly", "higher_is_better": True,
                   "value_type": "level", "definition": "现价",
                   "aliases": ["Gross regional product"]}
    regions = json.loads(run("catalog", "list", "--regions", "--json").stdout)
    assert set(regions) == {"regions"}
    assert {"code": "370300", "name": "淄博市", "name_en": "Zibo", "level": "prefecture",
            "parent": "370000", "aliases": ["Zibo"]} in regions["regions"]


def test_english_tables_lead_with_the_english_name(
        run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from service.settings import get_settings

    run("catalog", "load", str(BASE))
    monkeypatch.setenv("TARGETWATCH_LANGUAGE", "en")
    get_settings.cache_clear()
    text = run("catalog", "list", "--indicators").stdout
    assert text.startswith(f"Indicators ({len(BASE_CATALOGUE.indicators)})")
    fai = next(line for line in text.splitlines() if line.startswith("Fixed-asset"))
    assert "fixed_asset_investment" in fai.split() and "固定资产投资" in text


def test_the_tables_fit_100_columns(run) -> None:  # type: ignore[no-untyped-def]
    run("catalog", "load", str(BASE))
    text = run("catalog", "list").stdout
    assert max(display_width(line) for line in text.splitlines()) <= 100
    for spec in BASE_CATALOGUE.indicators:  # codes are copied from here: never wrapped
        assert spec.code in text.split()


def test_an_empty_catalogue_lists_nothing(database_url: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A database with no catalogue yet lists nothing, and that is not an error."""
    from service.cli import app as cli
    from service.settings import get_settings

    monkeypatch.setenv("TARGETWATCH_DATABASE_URL", database_url)
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        assert runner.invoke(cli, ["init"]).exit_code == 0
        empty = runner.invoke(cli, ["catalog", "list", "--json"])
    finally:
        get_settings.cache_clear()
    assert empty.exit_code == 0 and json.loads(empty.stdout) == {"indicators": [], "regions": []}
