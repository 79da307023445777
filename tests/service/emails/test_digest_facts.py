"""The digest's facts read from stored runs as the board's replay reads them, on both
databases; one recipient's digest composed with the target page's own chart as a PNG."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from dashboards.charts.export import PNG_SIGNATURE, SYSTEM_CHROMIUM
from indicators.alerts.digest_facts import digest_facts
from indicators.catalogue import loader as catalogue
from indicators.data import queries as indicator_queries
from indicators.runs.assessment import run_assessment
from indicators.text.messages import Language
from indicators.vocab import ObservationStatus, SourceKind, Status
from service.digests import compose_digest, recipient_facts
from service.routing.plan import Channel, DigestDelivery, TargetScope
from tests.factories import write_small_catalogue
from tests.strict import skip_or_fail

BEFORE = datetime(2016, 6, 30, 15, 59, tzinfo=UTC)
AFTER = datetime(2017, 6, 30, 15, 59, tzinfo=UTC)


def _add(session: Session, period: str, value: str, at: datetime) -> None:
    series = indicator_queries.get_or_add_series(
        session, indicator=indicator_queries.get_indicator_or_raise(
            session, code="forest_coverage"), region_code="141100")
    indicator_queries.add_figure(session, series=series, figure=indicator_queries.NewFigure(
        period_code=period, value=Decimal(value), status=ObservationStatus.FINAL,
        source_kind=SourceKind.UPLOAD, source="吕梁市统计局", vintage_at=at))


def _forest_falls_behind(session: Session, folder: Path) -> None:
    """T1-forest-2020 (≥33% by 2020 from 26% in 2010): at risk with 2015's 29.6%,
    then off track when 2016's 27.0% is published in 2017."""
    catalogue.load_catalogue(session, catalogue.read_catalogue(write_small_catalogue(folder)))
    for year, value in ((2010, "26.0"), (2012, "27.5"), (2014, "28.8"), (2015, "29.6")):
        _add(session, str(year), value, datetime(year + 1, 3, 1, tzinfo=UTC))
    run_assessment(session, as_of=BEFORE, retrospective=True)
    _add(session, "2016", "27.0", datetime(2017, 3, 1, tzinfo=UTC))
    run_assessment(session, as_of=AFTER, retrospective=True)


def test_each_target_has_its_status_now_and_then(session: Session, tmp_path: Path) -> None:
    _forest_falls_behind(session, tmp_path)
    facts = digest_facts(session, as_of=AFTER, since=BEFORE)
    forest = next(t for t in facts.targets if t.key == "T1-forest-2020")
    assert (forest.previous_status, forest.status) == (Status.AT_RISK, Status.OFF_TRACK)
    assert (forest.latest_value, forest.latest_period, forest.unit) == (27.0, "2016", "%")
    assert forest.indicator_code == "forest_coverage" and forest.quote == "2020年达到33%"
    assert facts.changes()[0].key == "T1-forest-2020"
    assert {t.key for t in facts.targets} >= {"T1-gdp", "T1-forest-2020"}
    unchanged = digest_facts(session, as_of=AFTER, since=AFTER)
    assert unchanged.changes() == []


def test_a_digest_before_any_run_is_none(session: Session, tmp_path: Path) -> None:
    catalogue.load_catalogue(session, catalogue.read_catalogue(
        write_small_catalogue(tmp_path)))
    assert compose_digest(session, as_of=AFTER, delivery=None, language=Language.ZH,
                          base_url="http://127.0.0.1:8000") is None


def test_a_recipient_s_digest_holds_their_targets_and_the_chart(session: Session,
                                                                tmp_path: Path) -> None:
    if not SYSTEM_CHROMIUM.is_file():
        skip_or_fail(f"no system Chromium at {SYSTEM_CHROMIUM}")
    _forest_falls_behind(session, tmp_path)
    elsewhere = DigestDelivery(1, "x", Channel.EMAIL, "x@example.gov.cn", "zh", (), False,
                               (TargetScope(region_code="370300"),), "k")
    facts = digest_facts(session, as_of=AFTER, since=BEFORE)
    assert recipient_facts(facts, elsewhere).targets == ()
    here = DigestDelivery(1, "x", Channel.EMAIL, "x@example.gov.cn", "en", (), False,
                          (TargetScope(indicator_code="forest_coverage"),), "k")
    assert {t.key for t in recipient_facts(facts, here).targets} == {
        "T1-forest-2015", "T1-forest-2020"}
    rendered = compose_digest(session, as_of=AFTER, delivery=here, language=Language.EN,
                              base_url="http://127.0.0.1:8000")
    assert rendered is not None and "Forest coverage" in rendered.text
    assert "GRP growth" not in rendered.text
    [chart] = rendered.images
    assert chart.png.startswith(PNG_SIGNATURE) and len(chart.png) > 20_000
    assert f'src="cid:{chart.content_id}"' in rendered.html


@pytest.fixture(autouse=True)
def _no_chromium_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TARGETWATCH_CHROMIUM", raising=False)
