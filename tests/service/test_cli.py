"""The `targetwatch` command against a fresh database of each kind."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from indicators.catalogue.loader import read_catalogues, seed_files
from tests.factories import write_small_catalogue

SEED_TARGETS = sum(len(f.catalogue.targets) for f in read_catalogues(seed_files()))


def _export(run) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    result = run("catalog", "export", "--format", "json")
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_init_then_load_the_seed_catalogue(run) -> None:  # type: ignore[no-untyped-def]
    assert run("init").exit_code == 0
    result = run("catalog", "load")
    assert result.exit_code == 0, result.output
    assert "002_luliang_2013_2015_plan.yaml" in result.stdout
    records = _export(run)
    assert len(records) == SEED_TARGETS
    assert all(r["quote"] and r["document"] for r in records)


def test_loading_again_reports_everything_unchanged(run) -> None:  # type: ignore[no-untyped-def]
    run("catalog", "load")
    first = _export(run)
    again = run("catalog", "load")
    assert "新增 0 条，更新 0 条" in again.stdout
    assert _export(run) == first


def test_csv_export_has_every_field_and_every_target(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("catalog", "load")
    output = tmp_path / "targets.csv"
    assert run("catalog", "export", "--format", "csv", "--output", str(output)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8-sig"))))
    assert len(rows) == SEED_TARGETS
    quote = "万元地区生产总值二氧化碳排放量比2010年下降17%"
    change = next(r for r in rows if r["quote"] == quote)
    assert (change["value"], change["comparator"], change["baseline_year"]) == (
        "-17", "lte", "2010")


def test_an_unknown_export_format_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    result = run("catalog", "export", "--format", "xml")
    assert result.exit_code == 2
    assert "不支持" in result.stderr and "Unsupported" in result.stderr


def test_a_bad_file_is_rejected_whole_with_reasons(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = write_small_catalogue(tmp_path)
    assert run("catalog", "load", str(good)).exit_code == 0
    before = _export(run)
    bad = write_small_catalogue(tmp_path, quote="地区生产总值年均增长99%")
    result = run("catalog", "load", str(bad))
    assert result.exit_code == 1
    assert "T1-gdp" in result.stderr and "原文引用" in result.stderr
    assert _export(run) == before


def test_demo_loads_real_and_illustrative_figures(run) -> None:  # type: ignore[no-untyped-def]
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert "示例数据" in result.stdout
    again = run("demo")
    assert again.stdout == result.stdout


def test_assess_gives_every_target_a_status_and_a_reason(run) -> None:  # type: ignore[no-untyped-def]
    assert run("demo").exit_code == 0
    result = run("assess", "--json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert len(records) == SEED_TARGETS
    assert all(r["reason_zh"] and r["reason_en"] and r["status"] for r in records)
    table = run("assess")
    assert "尚需年均增速" in table.stdout and "评估时点" in table.stdout
    assert any(line.startswith("003-high-speed-rail-km-2022") and "未完成" in line
               for line in table.stdout.splitlines())


def test_assess_as_of_a_past_day_and_a_bad_date(run) -> None:  # type: ignore[no-untyped-def]
    run("catalog", "load")
    past = json.loads(run("assess", "--as-of", "2016-06-30", "--json").stdout)
    assert {r["as_of"][:10] for r in past} == {"2016-06-30"}
    bad = run("assess", "--as-of", "30/06/2016")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.stderr and "日期" in bad.stderr


def test_a_command_on_a_database_never_migrated_exits_2_and_creates_nothing(
        database_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import inspect
    from typer.testing import CliRunner

    from service.cli import app as cli
    from service.db import make_engine
    from service.settings import get_settings

    monkeypatch.setenv("TARGETWATCH_DATABASE_URL", database_url)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["catalog", "export"], catch_exceptions=False)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "targetwatch init" in result.stderr and "targetwatch upgrade" in result.stderr
    assert "数据库结构不是最新" in result.stderr and "not the newest" in result.stderr
    engine = make_engine(database_url)
    assert inspect(engine).get_table_names() == []
    engine.dispose()


def test_upgrade_brings_an_older_schema_to_the_newest(run, database_url: str) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    from service.db import make_engine
    from service.migrate import alembic_config, head_revision

    assert "已是最新" in run("upgrade").stdout
    engine = make_engine(database_url)
    command.downgrade(alembic_config(engine), "0003")
    engine.dispose()
    assert run("catalog", "export").exit_code == 2
    upgraded = run("upgrade")
    assert upgraded.exit_code == 0
    assert f"已从 0003 升级到 {head_revision()}" in upgraded.stdout
    assert run("catalog", "export").exit_code == 0
