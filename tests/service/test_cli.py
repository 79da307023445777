"""The `targetwatch` command against a fresh database of each kind."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.catalogue.loader import read_catalogues, seed_files
from indicators.tables.assessments import AssessmentRun
from service.db import make_engine
from tests.factories import write_small_catalogue
from tests.golden.seed_assessments import read_golden

AFTER_EVERY_DEADLINE = "2024-06-30"  # fixed: the seed targets' deadlines end in 2022
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
    result = run("demo", "--no-replay")
    assert result.exit_code == 0, result.output
    assert "示例数据" in result.stdout
    assert "基于公开数据" in result.stdout and "基于示例数据" in result.stdout
    again = run("demo", "--no-replay")
    assert again.stdout == result.stdout


def _stored_reason_keys(database_url: str) -> dict[str, str]:
    """The reason key of each target in the newest stored assessment run."""
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            run = session.scalars(select(AssessmentRun).order_by(AssessmentRun.id.desc())).first()
            assert run is not None
            return {r.target.key: r.reason_key for r in run.results}
    finally:
        engine.dispose()


def test_assess_gives_every_target_a_status_and_a_reason(run, database_url: str) -> None:  # type: ignore[no-untyped-def]
    assert run("demo", "--no-replay").exit_code == 0
    result = run("assess", "--as-of", AFTER_EVERY_DEADLINE, "--json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert len(records) == SEED_TARGETS
    # Status and reason key of every target, as pinned in the golden file for this day.
    keys = _stored_reason_keys(database_url)
    pinned = read_golden()[AFTER_EVERY_DEADLINE]
    for r in records:
        assert (r["status"], keys[r["key"]]) == (pinned[r["key"]]["status"],
                                                 pinned[r["key"]]["reason_key"]), r["key"]
    # Past every deadline, every target is final or cannot be assessed.
    assert {r["status"] for r in records} <= {"achieved", "missed", "not_assessable"}
    # A reason worked by hand from the published figures (山东省 high-speed rail, 2022).
    rail = next(r for r in records if r["key"] == "003-high-speed-rail-km-2022")
    assert rail["reason_zh"] == "2022年实际2,446公里，未达到目标≥4,500公里"
    assert rail["reason_en"] == "2022 actual 2,446 km falls short of the target ≥4,500 km"
    # Every reason says so when it rests on illustrative data (README), in both languages.
    for r in records:
        flagged = (r["reason_zh"].endswith("（依据示例数据，非统计数据）"),
                   r["reason_en"].endswith("(from illustrative data, not statistics)"))
        assert flagged == (r["illustrative"], r["illustrative"]), r["key"]
    assert any(r["illustrative"] for r in records) and not all(r["illustrative"] for r in records)
    assert {r["basis"] for r in records} <= {"real", "illustrative", "mixed", "none"}
    assert rail["basis"] == "real"
    table = run("assess", "--as-of", AFTER_EVERY_DEADLINE)
    assert "评估时点" in table.stdout and "基于公开数据" in table.stdout
    assert any(line.startswith("003-high") and "未完成" in line  # the key column wraps
               for line in table.stdout.splitlines())
    during = run("assess", "--as-of", "2020-06-30")
    assert "尚需年均增速" in during.stdout


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
