"""Registries that test themselves: settings are documented, messages are bilingual."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from indicators.arithmetic.thresholds import Thresholds
from indicators.text import messages
from indicators.text.messages import MESSAGES
from service.settings import THRESHOLD_VARIABLES, Settings, environment_variables

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("variable", environment_variables())
def test_every_setting_is_in_the_readme(variable: str) -> None:
    assert f"`{variable}`" in README


def test_every_threshold_is_read_from_its_own_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, variable in THRESHOLD_VARIABLES.items():
        monkeypatch.setenv(f"TARGETWATCH_{variable}", str(Thresholds.model_fields[name].default))
    monkeypatch.setenv("TARGETWATCH_ASSESS_ON_TRACK_BINDING", "0.99")
    monkeypatch.setenv("TARGETWATCH_APPROX_TOLERANCE", "0.1")
    thresholds = Settings().thresholds
    assert (thresholds.on_track_binding, thresholds.approx_tolerance) == (0.99, 0.1)
    assert thresholds.on_track_expected == 0.90
    assert len(THRESHOLD_VARIABLES) == len(Thresholds.model_fields) == 10


def test_thresholds_out_of_order_are_refused_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TARGETWATCH_ASSESS_AT_RISK_EXPECTED", "0.95")
    with pytest.raises(ValueError, match="at-risk threshold must not exceed"):
        Settings()


def test_settings_come_from_prefixed_environment_variables(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TARGETWATCH_PORT", "9100")
    monkeypatch.setenv("TARGETWATCH_LANGUAGE", "en")
    settings = Settings()
    assert (settings.port, settings.language) == (9100, "en")


def test_an_invalid_setting_is_refused_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TARGETWATCH_LANGUAGE", "fr")
    with pytest.raises(ValueError, match="language"):
        Settings()


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_says_the_same_in_both_languages(key: str) -> None:
    zh, en = MESSAGES[key]
    assert zh and en
    assert _fields(zh) == _fields(en)


def test_no_part_of_the_message_catalogue_hides_another_s_key() -> None:
    assert sum(len(part) for part in messages.PARTS) == len(MESSAGES)


def test_every_scheduled_job_is_in_the_readme() -> None:
    from service.jobs.registry import job_specs
    from service.settings import PullSource

    settings = Settings(drop_folder=Path("drop"), pull_sources=[
        PullSource(name="example", url="https://example.org/a.csv")])
    for spec in job_specs(settings):
        documented = next((f"{prefix}<name>" for prefix in ("pull-", "digest-")
                           if spec.id.startswith(prefix)), spec.id)
        assert f"`{documented}`" in README
