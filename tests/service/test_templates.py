"""Upload templates named in Chinese: names, codes or aliases in; Chinese names, codes for
reference and the whole catalogue out; a filled template comes back accepted."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session, sessionmaker

from indicators.catalogue import loader as catalogue
from service.app import create_app
from service.settings import Settings
from service.templates import split_list
from service.users import Role, add_user

BASE = catalogue.SEED_DIR / catalogue.BASE_FILE
BASE_CATALOGUE = catalogue.read_catalogue(BASE).catalogue


@pytest.fixture
def token(session_factory: sessionmaker[Session]) -> str:
    with session_factory() as session, session.begin():
        catalogue.load_catalogue(session, catalogue.read_catalogue(BASE))
        return add_user(session, name="淄博市统计局", role=Role.UPLOADER, regions=["370300"])[1]


@pytest.fixture
def api(session_factory: sessionmaker[Session], token: str) -> Iterator[TestClient]:
    with TestClient(create_app(settings=Settings(language="zh"), factory=session_factory),
                    headers={"Authorization": f"Bearer {token}"}) as client:
        yield client


def test_names_are_split_as_clerks_type_them() -> None:
    assert split_list("地区生产总值、固定资产投资，gdp_growth; 淄博市；") == [
        "地区生产总值", "固定资产投资", "gdp_growth", "淄博市"]


def test_a_template_by_chinese_names_codes_and_aliases_comes_back_accepted(
        api: TestClient, token: str) -> None:
    response = api.get("/api/templates", params={
        "indicators": "地区生产总值、GRP growth (real),gdp", "regions": "淄博市",
        "periods": "2012,2013"})
    assert response.status_code == 200, response.text
    book = load_workbook(io.BytesIO(response.content))
    data = book["数据"]
    assert [c.value for c in data[1]] == ["指标", "地区", "时期", "数值", "单位", "状态", "备注",
                                          "公布日期", "指标编码", "地区编码"]
    rows = [[c.value for c in row] for row in data.iter_rows(min_row=2)]
    assert [(r[0], r[1], r[2], r[8], r[9]) for r in rows] == [  # gdp named twice: once
        ("地区生产总值", "淄博市", "2012", "gdp", "370300"),
        ("地区生产总值", "淄博市", "2013", "gdp", "370300"),
        ("地区生产总值增长率", "淄博市", "2012", "gdp_growth", "370300"),
        ("地区生产总值增长率", "淄博市", "2013", "gdp_growth", "370300")]
    listed = book["目录"]
    assert [c.value for c in listed[1]] == ["指标名称", "代码", "单位", "频率", "别名", None,
                                            "地区名称", "代码"]
    indicators = {r[1]: r for r in listed.iter_rows(min_row=2, max_col=5, values_only=True)
                  if r[0]}
    assert len(indicators) == len(BASE_CATALOGUE.indicators)
    assert indicators["fixed_asset_investment"] == ("固定资产投资", "fixed_asset_investment",
                                                    "亿元", "月度", "Fixed-asset investment")
    regions = [r for r in listed.iter_rows(min_row=2, min_col=7, values_only=True) if r[0]]
    assert ("淄博市", "370300") in regions and len(regions) == len(BASE_CATALOGUE.regions)
    for row, value in zip(range(2, 6), (3557.2, 3800, 10.1, 9.5), strict=True):
        data.cell(row=row, column=4, value=value)
    filled = io.BytesIO()
    book.save(filled)
    upload = api.post("/api/uploads", files={"file": ("淄博市模板.xlsx", filled.getvalue())},
                      headers={"Authorization": f"Bearer {token}"})
    assert upload.status_code == 200, upload.json()
    assert (upload.json()["figures_new"], upload.json()["issues"]) == (4, [])


def test_an_unknown_name_is_answered_with_the_closest_names(api: TestClient) -> None:
    response = api.get("/api/templates", params={"indicators": "地区生产总值增速,固投",
                                                 "regions": "淄搏市"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    chinese, english = detail.split(" / ")
    growth = chinese.split("；")[0]
    assert growth.startswith("未知指标“地区生产总值增速”（最接近的：")
    assert "地区生产总值增长率" in growth and "地区生产总值、" in growth
    assert "未知指标“固投”（最接近的：固定资产投资" in chinese
    assert "未知地区“淄搏市”（最接近的：淄博市" in chinese
    assert "Unknown region “淄搏市” (closest: 淄博市" in english
    nothing = api.get("/api/templates", params={"indicators": "", "regions": "淄博市"})
    assert nothing.status_code == 422 and "至少" in nothing.json()["detail"]


def test_a_region_named_without_its_suffix_is_that_region(api: TestClient) -> None:
    """As in an upload, 淄博 names 淄博市: the template takes it instead of refusing it."""
    response = api.get("/api/templates", params={"indicators": "地区生产总值", "regions": "淄博",
                                                 "periods": "2024"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert "淄博市" in [cell.value for row in sheet.iter_rows() for cell in row]


def test_the_template_command_takes_names_and_explains_unknown_ones(
        run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("catalog", "load", str(BASE))
    path = tmp_path / "t.xlsx"
    made = run("template", "--indicators", "固定资产投资、gdp", "--regions", "Zibo,370300",
               "--periods", "2025年1-9月", "-o", str(path))
    assert made.exit_code == 0, made.output
    rows = list(load_workbook(path)["数据"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("固定资产投资", "淄博市", "2025年1-9月", "亿元"),
        ("地区生产总值", "淄博市", "2025年1-9月", "亿元")]
    unknown = run("template", "--indicators", "规上工业增加值", "--regions", "淄川区",
                  "-o", str(tmp_path / "u.xlsx"))
    assert unknown.exit_code == 2 and not (tmp_path / "u.xlsx").exists()
    assert "未知指标“规上工业增加值”" in unknown.stderr
    assert "Unknown region “淄川区”" in unknown.stderr
