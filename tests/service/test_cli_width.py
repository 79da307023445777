"""Every table the command line prints fits 100 columns, in Chinese and in English, and
`--json` keeps what the table wraps or leaves out (issue 12: tables were 221–378 wide)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app as cli
from service.settings import get_settings
from service.text_table import WIDTH, display_width
from tests.ingest.files import csv_bytes


@pytest.fixture(scope="module")
def invoke(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Run commands on a SQLite database holding the demo, in a language of choice."""
    folder = tmp_path_factory.mktemp("width")
    patch = pytest.MonkeyPatch()
    patch.setenv("TARGETWATCH_DATABASE_URL", f"sqlite:///{folder / 'targetwatch.db'}")
    patch.delenv("COLUMNS", raising=False)
    runner = CliRunner()

    @cache
    def run(*args: str, language: str = "zh"):  # type: ignore[no-untyped-def]
        """Each command once per language: an assessment takes seconds."""
        patch.setenv("TARGETWATCH_LANGUAGE", language)
        get_settings.cache_clear()
        return runner.invoke(cli, list(args), catch_exceptions=False)

    for setup in (("init",), ("demo", "--no-replay")):
        assert run(*setup).exit_code == 0
    yield run
    patch.undo()
    get_settings.cache_clear()


def test_the_demo_summary_fits_too(invoke) -> None:  # type: ignore[no-untyped-def]
    """The line `demo` ends with (138 columns before) wraps like a table."""
    assert _widest(invoke("demo", "--no-replay").stdout) <= WIDTH


def _widest(text: str) -> int:
    return max(display_width(line) for line in text.splitlines())


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("command", [("assess",), ("forecast",), ("scheduler", "jobs"),
                                     ("catalog", "list")], ids=" ".join)
def test_every_line_fits_100_columns(invoke, command: tuple[str, ...],  # type: ignore[no-untyped-def]
                                     language: str) -> None:
    result = invoke(*command, language=language)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) > 3
    assert _widest(result.stdout) <= WIDTH


def test_a_rejected_upload_s_report_fits_too(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([("地区生产总值", "淄博市", "2019年", "x" * 300, "亿元", ""),
                               ("不存在的指标名称很长很长很长很长", "淄博市", "2019年", "1", "亿元",
                                "")]))
    result = invoke("ingest", str(bad))
    assert result.exit_code == 1
    assert _widest(result.stdout) <= WIDTH


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_table_keeps_every_reason_whole_and_json_every_field(  # type: ignore[no-untyped-def]
        invoke, language: str) -> None:
    records = json.loads(invoke("assess", "--json", language=language).stdout)
    table = "".join(invoke("assess", language=language).stdout.split())
    for record in records:  # wrapped, but every character there, in order
        assert "".join(record[f"reason_{language}"].split()) in table, record["key"]
    assert {"gap", "required_rate", "forecast_lo_80", "probability"} <= records[0].keys()
