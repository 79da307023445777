"""The upload page: a file sent through the form takes the API's path with the signed-in
user's permissions; the report is shown as a table and nothing changes on a rejected file;
the form needs its CSRF token; readers are kept out; user text is escaped (both DBs)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from indicators.tables.observations import Observation
from ingest.tables import Upload
from tests.web.conftest import page_csrf

FILES = Path(__file__).parents[1] / "data" / "uploads" / "files"
CSV = "text/csv"


def _count(factory: sessionmaker[Session], table: type) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def _send(client: TestClient, name: str, content: bytes, *, csrf: bool = True,
          **form: str) -> tuple[int, str]:
    token = page_csrf(client.get("/upload").text)
    data = {**form, **({"csrf_token": token} if csrf else {})}
    answer = client.post("/upload", data=data, files={"file": (name, content, CSV)})
    return answer.status_code, answer.text


def test_a_bad_file_shows_its_report_and_changes_nothing(
        signed_in, session_factory: sessionmaker[Session]) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("admin")
    before = _count(session_factory, Observation)
    status, html = _send(client, "bad_near_miss_region.csv",
                         (FILES / "bad_near_miss_region.csv").read_bytes())
    assert status == 200
    assert 'data-accepted="false"' in html and "未作任何更改" in html
    assert 'id="report-table"' in html and "淄博" in html  # the closest name suggested
    assert _count(session_factory, Observation) == before
    assert 'id="report-download"' in html


def test_a_good_file_is_accepted_and_its_report_downloads_with_the_session(
        signed_in, session_factory: sessionmaker[Session]) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("admin")
    before = _count(session_factory, Observation)
    status, html = _send(client, "good_long_utf8.csv",
                         (FILES / "good_long_utf8.csv").read_bytes())
    assert status == 200 and 'data-accepted="true"' in html
    assert _count(session_factory, Observation) == before + 8
    with session_factory() as session:
        upload_id = session.scalar(select(func.max(Upload.id)))
    assert f'data-upload="{upload_id}"' in html  # listed under recent uploads
    report = client.get(f"/upload/{upload_id}/report?format=xlsx")
    assert report.status_code == 200 and report.content[:2] == b"PK"
    assert client.get(f"/upload/{upload_id}/report?format=csv").content.startswith(
        "\ufeff".encode())


def test_a_dry_run_checks_and_stores_nothing(
        signed_in, session_factory: sessionmaker[Session]) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("admin")
    before = _count(session_factory, Observation)
    status, html = _send(client, "good_long_utf8.csv",
                         (FILES / "good_long_utf8.csv").read_bytes(), dry_run="true")
    assert status == 200 and "仅检查" in html
    assert _count(session_factory, Observation) == before


def test_without_the_csrf_token_the_upload_is_refused_and_nothing_stored(
        signed_in, session_factory: sessionmaker[Session]) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("admin")
    uploads, figures = _count(session_factory, Upload), _count(session_factory, Observation)
    status, _ = _send(client, "good_long_utf8.csv", (FILES / "good_long_utf8.csv").read_bytes(),
                      csrf=False)
    assert status == 403
    assert _count(session_factory, Upload) == uploads
    assert _count(session_factory, Observation) == figures


def test_a_reader_cannot_reach_the_page_nor_post_to_it(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("reader")
    assert client.get("/upload").status_code == 403
    answer = client.post("/upload", data={"csrf_token": "x"},
                         files={"file": ("a.csv", b"x", CSV)})
    assert answer.status_code == 403
    assert client.get("/upload/1/report").status_code == 403


def test_a_reader_sent_away_sees_a_page_of_the_site_in_their_language(signed_in) -> None:  # type: ignore[no-untyped-def]
    """The 403 page keeps the reader's navigation and says what happened in Chinese (or
    English when asked), not the HTTP phrase."""
    client = signed_in("reader")
    page = client.get("/upload", headers={"accept": "text/html"})
    assert page.status_code == 403
    assert "403 · 无权访问" in page.text and "Forbidden" not in page.text
    assert "leader · 只读" in page.text and "退出" in page.text  # signed in, with a way on
    english = client.get("/upload?lang=en", headers={"accept": "text/html"})
    assert "403 · Not allowed" in english.text and "may read but not upload" in english.text


def test_an_uploader_outside_their_regions_is_told_so_and_nothing_is_stored(
        signed_in, session_factory: sessionmaker[Session]) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("uploader")  # regions 141100 and 370300
    before = _count(session_factory, Observation)
    content = "指标,地区,时期,数值,单位\n常住人口城镇化率,东阳市,2023年,60.1,%\n".encode()
    status, html = _send(client, "dongyang.csv", content)
    assert status == 200 and 'data-accepted="false"' in html
    assert "无权上报该地区或指标的数据" in html
    assert _count(session_factory, Observation) == before


def test_an_uploader_sees_only_their_own_uploads_and_reports(
        signed_in, session_factory: sessionmaker[Session]) -> None:  # type: ignore[no-untyped-def]
    admin = signed_in("admin")
    _send(admin, "bad_near_miss_region.csv", (FILES / "bad_near_miss_region.csv").read_bytes())
    with session_factory() as session:
        admins = session.scalar(select(func.max(Upload.id)))
    uploader = signed_in("uploader")
    html = uploader.get("/upload").text
    assert f'data-upload="{admins}"' not in html
    assert uploader.get(f"/upload/{admins}/report").status_code == 404
    assert f'data-upload="{admins}"' in admin.get("/upload").text


def test_file_names_and_cell_values_with_markup_are_escaped(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("admin")
    content = "指标,地区,时期,数值,单位\n<script>alert(2)</script>,淄博市,2023年,1,亿元\n".encode()
    status, html = _send(client, "<img src=x onerror=alert(1)>.csv", content)
    assert status == 200 and 'id="report-table"' in html
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.csv" in html  # listed under recent uploads
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html  # the unknown indicator
    # A name holding a path is refused as such, and still shown escaped.
    status, html = _send(client, "<script>alert(1)</script>.csv", content)
    assert status == 200 and "<script>alert(1)" not in html


def test_templates_download_and_unknown_names_get_the_closest(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("uploader")
    answer = client.get("/upload/template", params={"indicators": "地区生产总值",
                                                    "regions": "淄博市", "periods": "2025"})
    assert answer.status_code == 200 and answer.content[:2] == b"PK"
    wrong = client.get("/upload/template", params={"indicators": "地区生产总",
                                                   "regions": "<b>淄博</b>"})
    assert wrong.status_code == 422 and 'id="template-error"' in wrong.text
    assert "<b>淄博</b>" not in wrong.text


def test_a_file_over_the_limit_gets_a_413_page(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("admin")
    limit = client.app.state.settings.upload_max_bytes  # type: ignore[attr-defined]
    status, html = _send(client, "big.csv", b"x" * (limit + 1))
    assert status == 413 and 'id="upload-error"' in html


def test_an_uploader_is_told_their_regions_by_name(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = signed_in("uploader").get("/upload").text
    assert "吕梁市（141100）" in page and "淄博市（370300）" in page
