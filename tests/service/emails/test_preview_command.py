"""`targetwatch email preview`: the digest a recipient would receive, as an .eml and an
.html, in their language and narrowed to their subscriptions."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

from tests.factories import write_small_catalogue


def test_preview_writes_the_recipient_s_digest(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    catalogue = write_small_catalogue(tmp_path)
    assert run("catalog", "load", str(catalogue)).exit_code == 0
    out = tmp_path / "out"
    missing = run("email", "preview", "--to", "x@example.gov.cn", "--as-of", "2016-06-30",
                  "--out", str(out))
    assert missing.exit_code == 1  # no assessment yet: nothing to preview
    # A run a week before the digest too: no status changes, so no chart to draw here
    # (tests/service/emails/test_digest_facts.py draws one).
    assert run("assess", "--as-of", "2016-06-23").exit_code == 0
    assert run("assess", "--as-of", "2016-06-30").exit_code == 0
    assert run("recipient", "add", "Forestry", "--role", "牵头单位", "--email",
               "forest@example.gov.cn", "--language", "en").exit_code == 0
    assert run("subscription", "add", "Forestry", "--what", "digest",
               "--indicator", "forest_coverage").exit_code == 0
    done = run("email", "preview", "--to", "forest@example.gov.cn", "--as-of", "2016-06-30",
               "--out", str(out))
    assert done.exit_code == 0, done.output
    email = message_from_bytes((out / "digest-2016-06-30.eml").read_bytes(),
                               policy=policy.default)
    assert email["To"] == "forest@example.gov.cn"
    assert email.get_content_type() == "multipart/alternative"
    assert email["Subject"] == "Weekly target digest (as of 2016-06-30)"
    text = email.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Forest coverage" in text and "GRP growth" not in text
    html = (out / "digest-2016-06-30.html").read_text(encoding="utf-8")
    assert "Targets by status (2 in all)" in html and "No target changed status" in html
    anyone = run("email", "preview", "--to", "mayor@example.gov.cn", "--as-of", "2016-06-30",
                 "--out", str(out / "all"))
    assert anyone.exit_code == 0
    whole = (out / "all" / "digest-2016-06-30.html").read_text(encoding="utf-8")
    assert "状态汇总（共 3 项目标）" in whole  # no recipient: the whole digest, in Chinese
