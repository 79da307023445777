"""The alert message: every fact the issue asks for, in both languages, the chart by
`cid:`, and every user-supplied value escaped in HTML and in the robots' markdown."""

from __future__ import annotations

import re

import pytest

from dashboards.emails.alert import render_alert
from dashboards.emails.escaping import markdown_escape
from tests.dashboards.emails.alert_views import alert_view
from tests.dashboards.emails.parsed import Parsed

URL = "https://targetwatch.example.gov.cn/targets/003-gdp-2020"
HOSTILE = '<script>alert("x")</script> *粗体* _斜_ [点我](http://evil.example) ![i](x) `c` #h'


def test_the_chinese_email_states_the_target_and_its_figures() -> None:
    rendered = render_alert(alert_view(), b"\x89PNG-chart", language="zh", target_url=URL)
    page = Parsed(rendered.html)
    assert rendered.subject == "【目标预警】淄博市地区生产总值增速：状态由“存在风险”变为“进度滞后”"
    for fact in ("地区生产总值年均增长8%左右",
                 "文件 003《淄博市国民经济和社会发展第十三个五年规划纲要》",
                 "6.1%（2015年1—3月） [初步] [示例数据]", "7.5%", "-1.4%", "12%（此前 35%）",
                 "增速低于所需的7.5%", "由“存在风险”变为“进度滞后”", "市发展改革委"):
        assert fact in page.text, fact
        assert fact in rendered.text, fact
    [image] = rendered.images
    [img] = page.all("img")
    assert img["src"] == f"cid:{image.content_id}" and img["alt"]
    assert image.png == b"\x89PNG-chart" and "@" in image.content_id
    assert [a["href"] for a in page.all("a")] == [URL]
    assert URL in rendered.text and f"]({URL})" in rendered.markdown


def test_the_english_email_says_the_same_in_english() -> None:
    rendered = render_alert(alert_view(), b"png", language="en", target_url=URL)
    assert rendered.language == "en"
    assert rendered.subject.startswith("[Target alert] Zibo: GDP growth")
    text = Parsed(rendered.html).text
    for fact in ("Status fell from at risk to off track", "The target as written",
                 "6.1% (Jan–Mar 2015) [preliminary] [illustrative data]", "12% (was 35%)",
                 "Growth is below the 7.5% required", "from at risk to off track"):
        assert fact in text, fact
    assert "<html lang=\"en\">" in rendered.html


def test_a_data_alert_without_a_chart_has_no_image() -> None:
    rendered = render_alert(alert_view(target_key=None, quote=None, document_code=None),
                            None, language="zh", target_url=URL)
    assert rendered.images == () and Parsed(rendered.html).all("img") == []
    assert "目标原文" not in rendered.text


@pytest.mark.parametrize("language", ["zh", "en"])
def test_everything_user_supplied_is_escaped(language: str) -> None:
    view = alert_view(quote=HOSTILE, region_name=HOSTILE, region_name_en=HOSTILE,
                      indicator_name=HOSTILE, indicator_name_en=HOSTILE,
                      headline_zh=HOSTILE, headline_en=HOSTILE, reason_zh=HOSTILE,
                      reason_en=HOSTILE, lead_department=HOSTILE, document_title=HOSTILE)
    rendered = render_alert(view, b"png", language=language, target_url=URL)
    page = Parsed(rendered.html)
    assert page.all("script") == [] and "<script>" not in rendered.html
    assert HOSTILE in page.text  # shown as written, not interpreted
    assert [a["href"] for a in page.all("a")] == [URL]  # no link smuggled in
    assert "<script>" not in rendered.markdown
    links = re.findall(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", rendered.markdown)
    assert len(links) == 1  # only the template's own link to the target page
    assert "![" not in rendered.markdown.replace("!\\[", "")
    assert markdown_escape(HOSTILE) in rendered.markdown
    assert HOSTILE in rendered.text  # plain text is plain


def test_markdown_escape_leaves_no_active_markup() -> None:
    escaped = markdown_escape("a*b_c [d](e) <f> `g` | h # i\nj")
    assert escaped == r"a\*b\_c \[d\]\(e\) &lt;f&gt; \`g\` \| h \# i j"
