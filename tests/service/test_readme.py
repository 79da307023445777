"""The README tells the truth: it is read, and what it names is checked against the code.

- every `targetwatch …` line of its command-line block runs, against a temporary SQLite
  database after `targetwatch init` and `demo` (run once, in the module's fixture), with its
  optional parts included and its placeholders (FILE, KEY, NAME…) replaced by real files
  and values, and exits 0; `serve` and `scheduler run` never end by themselves, so for
  them `--help` is run and must list every option the line shows
  (tests/service/test_scheduler_shutdown.py runs `scheduler run` for real);
- every command and option of the CLI appears in that block, so a new one is documented;
- every endpoint it names is a route of the app, with the method it says;
- every `TARGETWATCH_*` variable it names is a setting (or a test switch of tests/);
- every `make` target it names is in the Makefile;
- every repository path it names exists.

The lines are parsed, not listed here: a command added to the README is tested as it lands.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.main import get_command
from typer.testing import CliRunner

from indicators.tables.catalogue import Target
from indicators.vocab import ReviewState
from service.app import create_app
from service.cli import app as cli
from service.db import make_engine, session_factory
from service.settings import Settings, environment_variables, get_settings
from tests.ingest.files import csv_bytes
from tests.signed import reader_headers

# One pytest-xdist worker builds this module's demo once (`make test` runs two).
pytestmark = pytest.mark.xdist_group("readme")

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
# Commands that serve until stopped: only their --help is run.
LONG_RUNNING = {("serve",), ("scheduler", "run")}


def command_block() -> list[str]:
    """The `targetwatch` lines of the "Command line" section's sh block, comments cut."""
    section = README.split("\n## Command line", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    lines = [re.split(r"\s+#\s", line, maxsplit=1)[0].strip() for line in block.splitlines()]
    return [line for line in lines if line.startswith("targetwatch ")]


COMMANDS = command_block()


def _words(line: str) -> list[str]:
    """The line's words with the optional parts' brackets removed (they are all run)."""
    return shlex.split(line.replace("[", " ").replace("]", " "))[1:]


def _command_path(words: list[str]) -> tuple[str, ...]:
    group = get_command(cli)
    path: list[str] = []
    for word in words:
        commands = getattr(group, "commands", None)
        if not commands or word not in commands:
            break
        path.append(word)
        group = commands[word]
    return tuple(path)


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """`init` and `demo` on a fresh SQLite file; the environment the commands run in."""
    folder = tmp_path_factory.mktemp("readme")
    patch = pytest.MonkeyPatch()
    patch.setenv("TARGETWATCH_DATABASE_URL", f"sqlite:///{folder / 'targetwatch.db'}")
    patch.setenv("TARGETWATCH_LANGUAGE", "zh")
    patch.delenv("TARGETWATCH_DROP_FOLDER", raising=False)
    patch.chdir(folder)  # files a command writes (-o t.xlsx) land here
    get_settings.cache_clear()
    runner = CliRunner()
    results = {name: runner.invoke(cli, [name], catch_exceptions=False)
               for name in ("init", "demo")}
    yield {"folder": folder, "runner": runner, "results": results}
    patch.undo()
    get_settings.cache_clear()


def _placeholders(folder: Path) -> dict[str, str]:
    """A real value for every placeholder the block uses."""
    upload = folder / "upload.csv"
    upload.write_bytes(csv_bytes([("地区生产总值", "淄博市", "2019年", "3642.4", "亿元", "")]))
    engine = make_engine(get_settings().database_url)
    with session_factory(engine)() as session:
        key = session.scalars(select(Target.key).where(
            Target.review_state == ReviewState.APPROVED).order_by(Target.key)).first()
    engine.dispose()
    catalogue_file = REPO / "indicators" / "catalogue" / "seed" / "base.yaml"
    return {"FILE": str(upload), "KEY": str(key), "NAME": "readme-user", "H": "127.0.0.1",
            "P": "8765", "DAY": "2020-06-30", "PATH": str(folder / "out"), "DIR": str(folder),
            "catalogue": str(catalogue_file)}


def _argv(words: list[str], values: dict[str, str], path: tuple[str, ...]) -> list[str]:
    argv = []
    for word in words:
        if path == ("catalog", "load") and word == "FILE":
            argv.append(values["catalogue"])  # a catalogue file, not an upload
        elif re.fullmatch(r"[A-Z][A-Z_]*", word):
            assert word in values, f"README placeholder {word} has no value in this test"
            argv.append(values[word])
        else:
            argv.append(word)
    return argv


@pytest.mark.parametrize("line", COMMANDS)
def test_every_command_line_runs_and_exits_0(demo_database: dict[str, Any], line: str) -> None:
    words = _words(line)
    path = _command_path(words)
    assert path, f"not a targetwatch command: {line}"
    if path == ("demo",) or path == ("init",):
        result = demo_database["results"][path[0]]
    elif path in LONG_RUNNING:
        result = demo_database["runner"].invoke(cli, [*path, "--help"])
        options = [w for w in words if w.startswith("-")]
        assert all(option in result.stdout for option in options), result.stdout
    else:
        argv = _argv(words, _placeholders(demo_database["folder"]), path)
        typed = "readme password 1\n" if "--password-stdin" in argv else None
        result = demo_database["runner"].invoke(cli, argv, input=typed, catch_exceptions=False)
    assert result.exit_code == 0, f"{line}\n{result.output}"


def test_the_block_lists_every_command_and_option_of_the_cli() -> None:
    documented = {}
    for line in COMMANDS:
        words = _words(line)
        documented.setdefault(_command_path(words), set()).update(
            w.split("=")[0] for w in words if w.startswith("-"))

    def leaves(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
        commands = getattr(command, "commands", None)
        if not commands:
            yield path, command
        for name, sub in (commands or {}).items():
            yield from leaves(sub, (*path, name))

    for path, command in leaves(get_command(cli), ()):
        assert path in documented, f"targetwatch {' '.join(path)} is not in the README"
        for param in command.params:
            names = set(getattr(param, "opts", [])) if param.param_type_name == "option" else set()
            if names and "--help" not in names:
                assert names & documented[path], \
                    f"targetwatch {' '.join(path)}: option {'/'.join(names)} not in the README"


def test_every_endpoint_named_is_a_route_with_that_method() -> None:
    app = create_app(settings=Settings(database_url="sqlite:///:memory:"))
    routes = {path: {method.upper() for method in operations}
              for path, operations in app.openapi()["paths"].items()}
    routes |= {getattr(r, "path", ""): set(getattr(r, "methods", None) or {"GET"})
               for r in app.routes if getattr(r, "path", "") in ("/docs", "/redoc")}
    named = set(re.findall(r"\b(GET|POST|PUT|DELETE|PATCH) (/[\w/{}.-]*)", README))
    named |= {("GET", p) for p in re.findall(r"`(/(?:api/[\w/{}.-]*|healthz|docs|redoc))",
                                            README)}
    assert ("GET", "/api/indicators") in named and ("POST", "/api/uploads") in named
    for method, path in sorted(named):
        assert path in routes, f"README names {method} {path}, which is not a route"
        assert method in routes[path], f"README names {method} {path}; it takes {routes[path]}"


def test_every_variable_named_is_a_setting() -> None:
    settings = set(environment_variables())
    test_switches = {name for path in (REPO / "tests").rglob("*.py")
                     for name in re.findall(r"TARGETWATCH_TEST_\w+", path.read_text("utf-8"))}
    for name in sorted(set(re.findall(r"\bTARGETWATCH_[A-Z_]+[A-Z]", README))):
        assert name in settings | test_switches, f"README names {name}, which is no setting"


def test_every_make_target_named_is_in_the_makefile() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, flags=re.MULTILINE))
    named = set(re.findall(r"\bmake (\w[\w-]*)", README))
    assert {"demo", "test"} <= named
    assert named <= targets, f"README names make targets the Makefile lacks: {named - targets}"


def test_every_repository_path_named_exists() -> None:
    quoted = re.findall(r"`([\w.-]+(?:/[\w.-]*)+)`", README)
    linked = re.findall(r"\]\(([\w./-]+)\)", README)
    tops = {p.name for p in REPO.iterdir()}
    paths = {p for p in quoted + linked if p.split("/")[0] in tops}
    assert "service/uploads.py" in paths and "docs/catalogue-format.md" in paths
    missing = sorted(p for p in paths if not (REPO / p).exists())
    assert not missing, f"README names paths that do not exist: {missing}"


def _sentence_endpoints(marker: str) -> list[str]:
    """The endpoints quoted in the README's sentence that contains `marker`."""
    sentence = next((s for s in re.split(r"(?<=[.;])\s", README.replace("\n", " "))
                     if marker in s), marker)
    return re.findall(r"`(/api/[\w/]+)`", sentence.split(marker)[0])


def test_the_lists_are_paged_or_whole_as_the_readme_says(tmp_path: Path) -> None:
    """"/api/indicators returns total" was false: each list's shape is checked."""
    from fastapi.testclient import TestClient

    from service.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'shapes.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    paged, whole = _sentence_endpoints("are paged"), _sentence_endpoints("return the whole list")
    assert "/api/targets" in paged and "/api/indicators" in paged
    with TestClient(create_app(settings=Settings(database_url=url)),
                    headers=reader_headers(session_factory(engine))) as client:
        for path in paged:
            body = client.get(path, params={"limit": 1}).json()
            assert {"total", "limit", "offset", "items"} <= body.keys(), path
        for path in whole:
            assert isinstance(client.get(path).json(), list), path
