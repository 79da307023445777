"""The browser tests' world: the demo served by a real uvicorn, and Debian's Chromium.

The demo database is built once per run (`targetwatch init` and `demo` on a SQLite
file, as a newcomer runs them: about 35 s) and each module serves a copy of its own on a
free loopback port, so a module that uploads changes nothing another module sees. A module
opens on the demo's replay day, as `make demo` does, by overriding `open_as_of`. The browser
is the system one, /usr/bin/chromium from Debian's `chromium` package, which `make test`
installs; Playwright's own downloaded browsers are never used. When it or Playwright is
missing a plain pytest skips with the reason, and strict mode fails (tests/strict.py).
Screenshots go to tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from service.app import create_app
from service.cli import app as cli
from service.db import make_engine, session_factory
from service.demo.users import DEMO_PASSWORD
from service.settings import Settings, get_settings
from tests.service.live_server import serving
from tests.strict import CHROMIUM, skip_or_fail

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file after `targetwatch init` and `targetwatch demo` (which also creates
    the demo's users, one per role), built once for the whole run."""
    path = tmp_path_factory.mktemp("browser") / "targetwatch.db"
    patch = pytest.MonkeyPatch()
    patch.setenv("TARGETWATCH_DATABASE_URL", f"sqlite:///{path}")
    patch.setenv("TARGETWATCH_LANGUAGE", "zh")
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        for command in ("init", "demo"):
            result = runner.invoke(cli, [command], catch_exceptions=False)
            assert result.exit_code == 0, result.output
    finally:
        patch.undo()
        get_settings.cache_clear()
    return path


@pytest.fixture(scope="module")
def demo_database(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of this module's own copy of the demo database (SQLite's backup API copies
    it whole, write-ahead log included)."""
    path = tmp_path_factory.mktemp("module") / "targetwatch.db"
    with closing(sqlite3.connect(demo_template)) as source, \
            closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def open_as_of() -> date | None:
    """The day `/` without parameters opens on (TARGETWATCH_OPEN_AS_OF): none by default;
    a module that tests the demo as `make demo` serves it returns the demo's day."""
    return None


@pytest.fixture(scope="module")
def base_url(demo_database: str, open_as_of: date | None) -> Iterator[str]:
    """The demo served by uvicorn on loopback, as `targetwatch serve` would (Chinese first).
    Sign-ins are not rate limited here: every test signs in afresh from one address."""
    engine = make_engine(demo_database)
    settings = Settings(database_url=demo_database, language="zh", open_as_of=open_as_of,
                        login_rate="1000/minute")
    app = create_app(settings=settings, factory=session_factory(engine))
    try:
        with serving(app) as port:
            yield f"http://127.0.0.1:{port}"
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, launched through Playwright's synchronous API."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        skip_or_fail(f"Playwright for Python is not installed ({error}); "
                     f"pip install -e '.[test]'")
    if not CHROMIUM.is_file():
        skip_or_fail(f"Chromium not found at {CHROMIUM}; `make test` installs Debian's "
                     f"chromium package (apt-get install chromium fonts-noto-cjk)")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                  args=["--no-sandbox"])
        except Error as error:
            skip_or_fail(f"Chromium at {CHROMIUM} does not start: {error}")
        try:
            yield launched
        finally:
            launched.close()


def sign_in(page: Any, base_url: str, name: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form as a person does."""
    page.goto(f"{base_url}/login", wait_until="load")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form.login button[type=submit]")


@pytest.fixture
def fresh_page(browser: Any) -> Iterator[Any]:
    """A fresh page 1280 px wide, not signed in, that records every console error and
    uncaught exception into `page.errors` (a test asserts the list is empty)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda m: errors.append(f"console: {m.text} at {m.location}")
              if m.type == "error" else None)
    opened.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    opened.errors = errors
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture
def page(fresh_page: Any, base_url: str) -> Any:
    """A fresh page signed in as the demo's leader (a reader)."""
    sign_in(fresh_page, base_url, "leader")
    return fresh_page


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """Save what a page (or one element of it) shows as tests/artifacts/<name>.png for a
    person to look at."""
    def save(shown: Any, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        _capture(shown, path)
        return path
    return save


def _capture(shown: Any, path: Path, attempts: int = 3) -> None:
    """Take the screenshot, trying again when headless Chromium answers "Unable to capture
    screenshot": under load its compositor sometimes misses a frame (seen once on CI,
    after every assertion of the test had passed). Any other error fails the test."""
    from playwright.sync_api import Error as PlaywrightError
    for attempt in range(1, attempts + 1):
        try:
            shown.screenshot(path=str(path))
            return
        except PlaywrightError as error:
            if "Unable to capture screenshot" not in str(error) or attempt == attempts:
                raise
            time.sleep(0.5 * attempt)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep the browser tests on one pytest-xdist worker (`--dist loadgroup`): they share
    the demo built once per process, which a second worker would build again."""
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.xdist_group("browser"))
