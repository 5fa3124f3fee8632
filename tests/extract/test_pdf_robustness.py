"""PDFs that are unusual but readable: bytes after the end, one backend refusing, noisy
pdfminer logs, and the PDFium fallback decided from characters really missing."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from gongkai.api import check
from gongkai.errors import UnreadableInput
from gongkai.extract import extract
from gongkai.extract import pdf as pdf_module
from gongkai.extract import pdf_pdfium as pdfium_module
from gongkai.extract.pdf_pdfium import PdfiumDocument
from tests.conftest import CORPUS, PUTUO, need
from tests.test_font_independence import font_set


def _facts(path: Path) -> list[tuple[str, str, str, int]]:
    return [(f.subject, f.measure, str(f.value), f.evidence.page) for f in check(path).facts]


def test_bytes_after_the_real_end_do_not_make_a_pdf_incomplete(tmp_path: Path) -> None:
    source = need(PUTUO)
    padded = tmp_path / "padded.pdf"
    padded.write_bytes(source.read_bytes() + bytes((i * 131 + 7) % 256 for i in range(3072)).replace(b"%%EOF", b""))
    assert _facts(padded) == _facts(source)


def test_an_update_cut_after_the_last_end_marker_is_incomplete(tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(need(PUTUO).read_bytes() + b"\n40 0 obj\n<< /Length 500 >>\nstream\nBT /F1 12 Tf")
    with pytest.raises(UnreadableInput) as info:
        extract(cut)
    assert (info.value.kind, info.value.reason) == ("truncated", "PDF 文件不完整（可能下载中断）")


def test_a_file_one_backend_refuses_is_read_with_the_other(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = need(PUTUO)

    def refuse(data: bytes, name: str) -> None:
        raise UnreadableInput(name, "corrupt", "PDF 文件已损坏，无法解析")

    monkeypatch.setattr("gongkai.extract.pdf_pdfium.PdfiumDocument.__init__", refuse)
    raw = extract(source)
    assert raw.warnings[0] == "PDFium 无法打开此文件，已改用 pdfplumber 读取"
    assert len(raw.pages) == 24


def test_when_both_backends_refuse_the_first_reason_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def open_with(data: bytes, source: str, backend: str, max_page_items: int = 0) -> None:
        calls.append(backend)
        raise UnreadableInput(source, "corrupt", f"{backend} says no")

    monkeypatch.setattr(pdf_module, "_open_with", open_with)
    with pytest.raises(UnreadableInput, match="pdfium says no"):
        pdf_module.open_pdf(b"%PDF-1.7", "x.pdf", "pdfium")
    assert calls == ["pdfium", "plumber"]


def test_an_encrypted_file_is_not_tried_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def open_with(data: bytes, source: str, backend: str, max_page_items: int = 0) -> None:
        calls.append(backend)
        raise UnreadableInput(source, "encrypted", "PDF 已加密，需要密码才能打开")

    monkeypatch.setattr(pdf_module, "_open_with", open_with)
    with pytest.raises(UnreadableInput, match="已加密"):
        pdf_module.open_pdf(b"%PDF-1.7", "x.pdf", "pdfium")
    assert calls == ["pdfium"]


def test_pdfminer_warnings_go_to_the_debug_log(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    import gongkai.extract.pdf_plumber  # noqa: F401  (installs the routing)

    with caplog.at_level(logging.DEBUG, logger="gongkai.extract.pdf"):
        logging.getLogger("pdfminer.pdfpage").warning("xref damaged, %d objects", 3)
    assert capfd.readouterr().err == ""
    assert [r.getMessage() for r in caplog.records if r.name == "gongkai.extract.pdf"] == [
        "pdfminer: xref damaged, 3 objects"
    ]


def _fallback_pages(path: Path) -> list[int]:
    document = PdfiumDocument(path.read_bytes(), str(path))
    try:
        for index in range(document.page_count):
            document.read_page(index)
        return document.fallback_pages
    finally:
        document.close()


def test_empty_text_objects_do_not_send_a_page_to_pdfplumber() -> None:
    # thousands of empty text objects (no characters, 0×0 bounds) that PDFium leaves off
    # its text page: nothing is missing, so PDFium's own reading is kept on every page
    assert _fallback_pages(need(CORPUS / "shanghai" / "putuo_wanli_subdistrict_2024_dept_budget.pdf")) == []
    assert _fallback_pages(need(CORPUS / "jiangsu" / "js_high_court_2017.pdf")) == []


def _rotated_spaces(path: Path) -> Path:
    """A page with a turned line of Times-Roman (not embedded) followed by a run of spaces:
    the spaces have no glyph box, so PDFium sees a text object of no width and leaves it off."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.setFont("Times-Roman", 12)
    pdf.drawString(72, 700, "Total 12.5")
    pdf.saveState()
    pdf.translate(300, 300)
    pdf.rotate(90)
    for x, text in ((0, "Total 12.5"), (80, "      ")):
        line = pdf.beginText(x, 0)
        line.textOut(text)
        pdf.drawText(line)
    pdf.restoreState()
    pdf.save()
    return path


def _without_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: PdfiumDocument) -> None:
        raise AssertionError("pdfplumber was asked to read a page PDFium lost nothing on")

    monkeypatch.setattr(PdfiumDocument, "_plumber", refuse)


def test_a_lost_run_of_spaces_is_read_by_pdfium_itself_and_needs_no_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _rotated_spaces(tmp_path / "spaces.pdf")
    import pypdfium2.raw as pdfium_c

    document = PdfiumDocument(path.read_bytes(), str(path))
    try:
        page = pdfium_c.FPDF_LoadPage(document._pdf.raw, 0)
        _pieces, texts = pdfium_module._page_objects(page, pdfium_module._frame(page))
        text_page = pdfium_c.FPDFText_LoadPage(page)
        count = pdfium_c.FPDFText_CountChars(text_page)
        kept = {pdfium_module._text_object(pdfium_module._address(text_page), i) for i in range(count)}
        lost = [obj for obj in texts if obj not in kept]
        assert [pdfium_module._bounds(obj) for obj in lost] == [(0.0, 15.0)]  # no width, the spaces' advance
        assert pdfium_module._degenerate_texts(page, lost) == [" "]  # what PDFium then reads: spaces only
        pdfium_c.FPDFText_ClosePage(text_page)
        pdfium_c.FPDF_ClosePage(page)
    finally:
        document.close()
    _without_pdfplumber(monkeypatch)
    assert _fallback_pages(path) == []


def test_pages_with_lost_spaces_in_a_font_that_is_not_embedded_stay_with_pdfium(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a run of Times New Roman spaces (not embedded) that PDFium's text page drops
    path = need(CORPUS / "jiangsu" / "js_procuratorate_2019.pdf")
    _without_pdfplumber(monkeypatch)
    assert _fallback_pages(path) == []


def test_pages_whose_characters_pdfium_really_lost_are_read_with_pdfplumber() -> None:
    path = need(CORPUS / "taiwan" / "control_yuan_2025_budget.pdf")
    if font_set() == "none":  # with a Chinese font on the machine PDFium draws these glyphs itself
        assert _fallback_pages(path) == [46, 47, 48, 49, 50, 51]
    raw = extract(path)
    page = raw.pages[45]
    texts = "".join(
        (cell or "") for block in page.blocks if hasattr(block, "rows") for row in block.rows for cell in row
    ) + "".join(block.text for block in page.blocks if hasattr(block, "text"))
    assert "一般公共事務" in texts  # the row label PDFium left out


def test_reopening_the_document_between_pages_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    source = need(PUTUO)
    whole = _facts(source)
    opened: list[int] = []
    original = pdfium_module._open_document

    def counting(data: bytes, name: str):  # type: ignore[no-untyped-def]
        opened.append(1)
        return original(data, name)

    monkeypatch.setattr(pdfium_module, "REOPEN_EVERY", 2)
    monkeypatch.setattr(pdfium_module, "_open_document", counting)
    assert _facts(source) == whole
    assert len(opened) == 12  # 24 pages, opened again every 2
