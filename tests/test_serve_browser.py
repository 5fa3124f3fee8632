"""``gongkai serve`` driven by a real headless Chromium: upload a PDF, see the report, click a finding,
see its page with boxes over the cited figures. Writes a screenshot to ``out/serve.png``."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the serve extra (starlette) is not installed")
pytest.importorskip("uvicorn", reason="the serve extra (uvicorn) is not installed")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

from gongkai.api import check  # noqa: E402
from tests.builders.sample import make_sample  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    from gongkai.serve import create_app

    port = free_port()
    running = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(100):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    running.should_exit = True
    thread.join(5)


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (Debian package chromium)")
def test_a_journalist_drops_a_pdf_and_clicks_a_finding(server: str) -> None:
    sample = make_sample()
    expected = check(sample)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        external: list[str] = []
        page.on("request", lambda r: external.append(r.url) if not r.url.startswith(server) else None)
        page.goto(server)
        page.set_input_files("#file", str(sample))
        page.wait_for_selector(".finding", timeout=60_000)
        assert page.inner_text("#coverage") == expected.coverage.line()
        rules = [page.inner_text(f"#finding-{i} .rule").split(" · ")[0] for i in range(len(expected.findings))]
        assert rules == [f.rule for f in expected.findings]
        # the first finding that has a place on its page
        from gongkai.export.annotate_pdf import placements

        placed = placements(expected)[0]
        index = expected.findings.index(placed.finding)
        page.click(f"#finding-{index}")
        page.wait_for_function("document.querySelector('#page-image') && document.querySelector('#page-image').complete")
        assert page.get_attribute("#page-image", "data-page") == str(placed.page)
        image = page.query_selector("#page-image").bounding_box()
        mark = page.query_selector("#pagebox .mark").bounding_box()
        assert image and mark
        scale = 1.5
        x0, top, x1, bottom = placed.bbox
        assert abs(mark["x"] - image["x"] - x0 * scale) < 1.5 and abs(mark["y"] - image["y"] - top * scale) < 1.5
        assert abs(mark["width"] - (x1 - x0) * scale) < 1.5 and abs(mark["height"] - (bottom - top) * scale) < 1.5
        assert "active" in (page.get_attribute(f"#finding-{index}", "class") or "")
        (REPO / "out").mkdir(exist_ok=True)
        page.screenshot(path=str(REPO / "out" / "serve.png"), full_page=True)
        browser.close()
    assert external == []
