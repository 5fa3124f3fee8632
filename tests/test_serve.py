"""``gongkai serve``: the page, an upload, its findings with boxes, page images and downloads."""

from __future__ import annotations

from pathlib import Path

import pytest

starlette = pytest.importorskip("starlette", reason="the serve extra (starlette) is not installed")
pytest.importorskip("httpx", reason="httpx (for Starlette's test client) is not installed")
pytest.importorskip("multipart", reason="python-multipart is not installed")

from starlette.testclient import TestClient  # noqa: E402

from gongkai.api import check  # noqa: E402
from gongkai.serve import create_app  # noqa: E402
from gongkai.settings import Settings  # noqa: E402
from tests.builders.sample import SAMPLE, make_sample  # noqa: E402


@pytest.fixture(scope="module")
def sample() -> Path:
    return make_sample(SAMPLE)


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(Settings.resolve(None, max_bytes=2 * 1024 * 1024)))


def test_the_page_loads_nothing_from_elsewhere(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "把部门决算、部门预算或绩效自评文件" in page.text
    assert "http://" not in page.text and "https://" not in page.text and "src=\"//" not in page.text


def test_an_uploaded_pdf_gives_its_findings_with_boxes_pages_and_downloads(client: TestClient, sample: Path) -> None:
    expected = check(sample)
    response = client.post("/api/check", files={"file": ("示例决算.pdf", sample.read_bytes(), "application/pdf")})
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "示例决算.pdf" and data["document"]["source"] == "示例决算.pdf"
    assert [f["rule"] for f in data["findings"]] == [f.rule for f in expected.findings]
    assert data["coverage"] == expected.coverage.line()
    boxed = [f for f in data["findings"] if f["boxes"]]
    assert boxed, "no finding could be placed on its page"
    for finding in boxed:
        for placed in finding["boxes"]:
            width, height = data["page_sizes"][str(placed["page"])]
            x0, top, x1, bottom = placed["box"]
            assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height
    token = data["token"]
    image = client.get(f"/api/{token}/page/{boxed[0]['boxes'][0]['page']}.png")
    assert image.status_code == 200 and image.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"/api/{token}/page/999.png").status_code == 404
    csv = client.get(f"/api/{token}/findings.csv")
    assert csv.status_code == 200 and csv.text.count("\n") == 1 + len(expected.findings)
    pdf = client.get(f"/api/{token}/annotated.pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    assert client.get("/api/not-a-token/report.json").status_code == 404


def test_uploads_are_bounded_and_bad_files_are_refused_with_a_reason(client: TestClient) -> None:
    big = client.post("/api/check", files={"file": ("big.txt", b"x" * (2 * 1024 * 1024 + 1), "text/plain")})
    assert big.status_code == 413 and "上限" in big.json()["error"]
    fake = client.post("/api/check", files={"file": ("fake.pdf", b"<html>not a pdf</html>", "application/pdf")})
    assert fake.status_code == 422 and fake.json()["error"].startswith("fake.pdf：")
    assert client.post("/api/check", data={"x": "1"}).status_code == 400
