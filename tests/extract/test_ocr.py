"""Scanned pages: OCR (the ``ocr`` extra) gives the same table facts as the text layer of the page."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from gongkai.api import check
from gongkai.errors import UnreadableInput
from gongkai.extract import pdf as pdf_module
from gongkai.extract.ocr import line_chars, ocr_available, ruling_lines
from gongkai.schemas.records import Evidence, Finding
from gongkai.validate import OCR_DOUBT, doubt_ocr
from tests.builders.sample import make_sample
from tests.conftest import PUTUO, need

needs_ocr = pytest.mark.skipif(not ocr_available(), reason="OCR is an extra: pip install '.[ocr]'")


def _scanned(source: Path, pages: list[int], target: Path) -> Path:
    """The pages rendered at 200 dpi into an image-only PDF, as a scanner would."""
    pdf = pdfium.PdfDocument(source)
    images = [pdf[p - 1].render(scale=200 / 72).to_pil().convert("RGB") for p in pages]
    images[0].save(target, save_all=True, append_images=images[1:], resolution=200)
    pdf.close()
    return target


def _table_facts(report, pages: set[int] | None = None) -> Counter:  # type: ignore[no-untyped-def]
    return Counter(
        (f.subject_code or f.subject, f.column, str(f.value))
        for f in report.facts
        if f.origin == "table" and (pages is None or f.evidence.page in pages)
    )


@needs_ocr
def test_a_scanned_corpus_table_gives_the_facts_of_its_text_layer(tmp_path: Path) -> None:
    source = need(PUTUO)
    scan = check(_scanned(source, [6, 7], tmp_path / "scan.pdf"))
    printed = _table_facts(check(source), {6, 7})
    read = _table_facts(scan)
    assert sum(printed.values()) == 36
    assert read == printed  # every one of the 36 figures read exactly, in its row and column
    assert scan.document.warnings == ("第 1、2 页没有文字层，文字和数字由 OCR 识别，可能有误，请与原件核对",)
    fact = next(f for f in scan.facts if f.origin == "table")
    assert fact.evidence.bbox is not None  # OCR figures keep a box on the page
    assert all(f.severity != "error" for f in scan.findings)  # figures read by OCR accuse no one


def test_without_the_extra_a_scan_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "ocr_available", lambda: False)
    scan = _scanned(make_sample(tmp_path / "sample.pdf"), [1], tmp_path / "scan.pdf")
    with pytest.raises(UnreadableInput) as info:
        check(scan)
    assert (info.value.kind, info.value.reason) == (
        "no_text",
        "PDF 没有文字层（可能是扫描件）；要识别扫描件，请安装 OCR：pip install 'gongkai[ocr]'",
    )


def test_an_error_on_a_page_read_by_ocr_is_a_warning() -> None:
    on = Finding("rate.stated", "rate", "error", "完成率印为120.00%。", evidence=(Evidence(page=2, quote="…", start=0, end=1),))
    off = Finding("rate.stated", "rate", "error", "完成率印为99.00%。", evidence=(Evidence(page=3, quote="…", start=0, end=1),))
    doubted, kept = doubt_ocr([on, off], frozenset({1, 2}))
    assert (doubted.severity, doubted.message) == ("warning", "完成率印为120.00%。" + OCR_DOUBT)
    assert kept is off


def test_a_recognised_line_is_divided_by_the_widths_of_its_characters() -> None:
    chars = line_chars("支出12.5", [(100.0, 50.0), (145.0, 50.0), (145.0, 60.0), (100.0, 60.0)])
    assert [c.text for c in chars] == ["支", "出", "1", "2", ".", "5"]
    assert [round(c.x0, 2) for c in chars] == [100.0, 110.71, 121.43, 127.32, 133.21, 139.11]
    assert (chars[-1].x1, chars[0].top, chars[0].bottom) == (145.0, 50.0, 60.0)


def test_ruling_lines_are_long_dark_runs() -> None:
    ink = np.zeros((200, 200), dtype=bool)
    ink[40, 10:190] = True  # a rule across: 90 pt at 2 px per point
    ink[20:180, 100] = True  # a rule down
    ink[120, 20:40] = True  # a short stroke: a character, not a rule
    assert ruling_lines(ink) == [(5.0, 20.25, 95.0, 20.25), (50.25, 10.0, 50.25, 90.0)]
