"""The weekly digest: changes first, then open alerts, then counts and every target by
status; the changed targets' charts inline by cid; markdown without images; escaped."""

from __future__ import annotations

import re

import pytest

from dashboards.emails.digest import render_digest
from indicators.vocab import Severity, Status
from tests.dashboards.emails.alert_views import alert_view
from tests.dashboards.emails.digest_facts import digest, digest_target
from tests.dashboards.emails.parsed import Parsed

BASE = "https://tw.example.gov.cn/"
HOSTILE = '<script>alert(1)</script> **x** [y](http://evil.example) ![z](q)'


def _facts():  # type: ignore[no-untyped-def]
    return digest(
        digest_target("003-a", Status.OFF_TRACK, Status.AT_RISK),
        digest_target("003-b", Status.ON_TRACK, Status.ON_TRACK),
        digest_target("003-c", Status.ACHIEVED, Status.ON_TRACK, region_name="兴县"),
        digest_target("003-d", None, None),
        digest_target("003-e", Status.AT_RISK, None, known_before=False),
        open_alerts=(alert_view(alert_id=1, severity=Severity.INFO, headline_zh="提前完成"),
                     alert_view(acknowledged_by="市发展改革委 王某")))


def test_changes_come_first_then_alerts_then_everything_by_status() -> None:
    rendered = render_digest(_facts(), {"003-a": b"PNG-a", "003-b": b"PNG-b"},
                             language="zh", base_url=BASE)
    assert rendered.subject == "目标进展周报（截至 2015-06-30）"
    text = Parsed(rendered.html).text
    order = [text.index(s) for s in ("本周状态变化（3 项）", "未关闭的预警（2 条）",
                                     "状态汇总（共 5 项目标）", "全部目标")]
    assert order == sorted(order)
    changes = text[order[0]:order[1]]
    assert changes.index("存在风险 → 进度滞后") < changes.index("新纳入 → 存在风险") < \
        changes.index("进展正常 → 已完成")  # worst news first
    assert "市发展改革委 王某" in text
    assert text.index("状态由“存在风险”变为“进度滞后”") < text.index("提前完成")  # severe first
    groups = [text.index(f"{word}（") for word in ("进度滞后", "存在风险", "进展正常", "已完成",
                                                 "未评估")]
    assert groups == sorted(groups)


def test_only_changed_targets_charts_are_inline() -> None:
    rendered = render_digest(_facts(), {"003-a": b"PNG-a", "003-b": b"PNG-b"},
                             language="zh", base_url=BASE)
    [image] = rendered.images  # 003-b did not change: its chart is not sent
    assert image.png == b"PNG-a"
    assert [i["src"] for i in Parsed(rendered.html).all("img")] == [f"cid:{image.content_id}"]
    links = {a["href"] for a in Parsed(rendered.html).all("a")}
    assert "https://tw.example.gov.cn/targets/003-a?as_of=2015-06-30&lang=zh" in links
    assert "https://tw.example.gov.cn/?as_of=2015-06-30&lang=zh" in links


def test_the_robot_markdown_has_links_but_no_images() -> None:
    rendered = render_digest(_facts(), {"003-a": b"PNG-a"}, language="zh", base_url=BASE)
    assert "![" not in rendered.markdown and "cid:" not in rendered.markdown
    assert rendered.markdown.startswith("### 目标进展周报")
    assert "(https://tw.example.gov.cn/targets/003-a?as_of=2015-06-30&lang=zh)" in \
        rendered.markdown


def test_the_english_digest() -> None:
    rendered = render_digest(_facts(), {}, language="en", base_url=BASE)
    assert rendered.subject == "Weekly target digest (as of 2015-06-30)"
    text = Parsed(rendered.html).text
    for words in ("Status changes this week (3)", "at risk → off track", "new → at risk",
                  "Open alerts (2)", "Targets by status (5 in all)", "Zibo: GDP (2020)",
                  "3,642.4 ×100m yuan (2015)"):
        assert words in text, words
    assert "lang=en" in rendered.markdown


def test_a_quiet_week_says_so() -> None:
    rendered = render_digest(digest(digest_target("003-b", Status.ON_TRACK, Status.ON_TRACK)),
                             {}, language="zh", base_url=BASE)
    assert "本周没有目标状态变化。" in rendered.text and "没有未关闭的预警。" in rendered.text
    assert rendered.images == ()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_digest_escapes_quotes_names_and_departments(language: str) -> None:
    facts = digest(digest_target("003-x", Status.OFF_TRACK, Status.ON_TRACK, quote=HOSTILE,
                                 region_name=HOSTILE, region_name_en=HOSTILE,
                                 lead_department=HOSTILE, reason_zh=HOSTILE,
                                 reason_en=HOSTILE),
                   open_alerts=(alert_view(headline_zh=HOSTILE, headline_en=HOSTILE),))
    rendered = render_digest(facts, {}, language=language, base_url=BASE)
    page = Parsed(rendered.html)
    assert page.all("script") == [] and HOSTILE in page.text
    assert all("evil" not in (a["href"] or "") for a in page.all("a"))
    assert "<script>" not in rendered.markdown and "evil.example)" not in \
        rendered.markdown.replace("evil.example\\)", "")
    own_links = re.findall(r"(?<!\\)\]\((https://tw[^)]*)\)", rendered.markdown)
    assert len(re.findall(r"(?<!\\)\]\(", rendered.markdown)) == len(own_links)
