"""PDF bytes → pages of text lines and tables, through the backend chosen in ``Settings``.

Both backends (``pdfium``, the fast default, and ``plumber``) only read characters and
ruling lines; ``pdf_layout`` turns those into blocks, so both give the same pages. Input
that cannot be read raises ``UnreadableInput`` with a short Chinese reason; no library
exception escapes.
"""

from __future__ import annotations

from typing import Protocol

from gongkai.errors import UnreadableInput
from gongkai.extract.model import RawPage
from gongkai.extract.ocr import INSTALL_HINT, PageScanner, ocr_available
from gongkai.extract.pdf_layout import PageContent, layout_page, mark_paragraph_gaps
from gongkai.limits import check_deadline, over_limit
from gongkai.settings import Settings

_UNFINISHED = (b"endobj", b"stream", b" obj")  # what a revision cut short leaves after the last %%EOF

REASON_ENCRYPTED = "PDF 已加密，需要密码才能打开"
REASON_TRUNCATED = "PDF 文件不完整（可能下载中断）"
REASON_CORRUPT = "PDF 文件已损坏，无法解析"
REASON_NO_TEXT = f"PDF 没有文字层（可能是扫描件）；要识别扫描件，请安装 OCR：{INSTALL_HINT}"
REASON_NO_TEXT_OCR = "PDF 没有文字层（可能是扫描件），OCR 也没有识别出文字"
BACKEND_NAMES = {"pdfium": "PDFium", "plumber": "pdfplumber"}


class PdfBackend(Protocol):
    """An open PDF as a backend sees it."""

    page_count: int
    warnings: list[str]

    def read_page(self, index: int) -> PageContent:
        """Characters and ruling lines of one page (0-based index)."""
        ...

    def close(self) -> None:
        """Release the document."""
        ...


def extract_pdf(data: bytes, source: str, settings: Settings) -> tuple[list[RawPage], list[str]]:
    """Read a PDF into pages of blocks; return ``(pages, warnings)``.

    Raises ``UnreadableInput`` with ``kind`` ``encrypted``, ``truncated``, ``corrupt``,
    ``no_text``, ``too_many_pages`` or ``timeout``.
    """
    _check_complete(data, source)
    document, notes = open_pdf(data, source, settings.pdf_backend, settings.max_page_items)
    try:
        if document.page_count <= 0:
            raise UnreadableInput(source, "corrupt", "PDF 没有任何页面")
        if settings.max_pages and document.page_count > settings.max_pages:
            raise UnreadableInput(
                source, "too_many_pages", over_limit("共", document.page_count, settings.max_pages, "页", "--max-pages")
            )
        pages, warnings = _read_pages(document, source, data)
    finally:
        _close(document)
    mark_paragraph_gaps(pages)
    return pages, notes + warnings


def _check_complete(data: bytes, source: str) -> None:
    """Reject a file cut short: no ``%%EOF`` at all, or objects begun after the last one.

    Bytes after the real end of the file (a signature block, padding, a server's trailing
    junk) do not make it incomplete; an incremental update cut halfway does.
    """
    end = data.rfind(b"%%EOF")
    if end >= 0:
        tail = data[end + 5 :]
        if not any(marker in tail for marker in _UNFINISHED):
            return
        raise UnreadableInput(source, "truncated", REASON_TRUNCATED)
    if b"endobj" in data or b"stream" in data:
        raise UnreadableInput(source, "truncated", REASON_TRUNCATED)
    raise UnreadableInput(source, "corrupt", REASON_CORRUPT)


def open_pdf(data: bytes, source: str, backend: str, max_page_items: int = 0) -> tuple[PdfBackend, list[str]]:
    """The PDF opened with ``backend``, or with the other one when that one refuses it.

    Returns the document and a note when the other backend was used. A password is a
    password for both, so an encrypted file is refused at once.
    """
    other = "plumber" if backend == "pdfium" else "pdfium"
    try:
        return _open_with(data, source, backend, max_page_items), []
    except UnreadableInput as exc:
        if exc.kind == "encrypted":
            raise
        refused = exc
    try:
        document = _open_with(data, source, other, max_page_items)
    except UnreadableInput:
        raise refused from None
    note = f"{BACKEND_NAMES[backend]} 无法打开此文件，已改用 {BACKEND_NAMES[other]} 读取"
    return document, [note]


def _open_with(data: bytes, source: str, backend: str, max_page_items: int = 0) -> PdfBackend:
    try:
        if backend == "plumber":
            from gongkai.extract.pdf_plumber import PlumberDocument

            return PlumberDocument(data, source, max_page_items)
        from gongkai.extract.pdf_pdfium import PdfiumDocument

        return PdfiumDocument(data, source, max_page_items)
    except UnreadableInput:
        raise
    except Exception as exc:  # any library failure on open means the file is unusable
        raise UnreadableInput(source, "corrupt", REASON_CORRUPT) from exc


def _close(document: PdfBackend) -> None:
    try:
        document.close()
    except Exception:  # closing cannot fail the extraction
        return


def _read_pages(document: PdfBackend, source: str, data: bytes) -> tuple[list[RawPage], list[str]]:
    pages: list[RawPage] = []
    failed: list[int] = []
    empty: list[int] = []
    scanned: list[int] = []
    scanner = PageScanner(data) if ocr_available() else None
    unreadable_chars = 0
    try:
        for index in range(document.page_count):
            number = index + 1
            check_deadline(f"读取第 {number} 页")
            try:
                content = document.read_page(index)
                if not content.chars and scanner is not None:
                    content = scanner.read(index)
                    scanned.append(number)
                frame = content.frame
                page = layout_page(number, frame.width, frame.height, content.chars, content.segments)
            except UnreadableInput:  # a limit, not a bad page
                raise
            except Exception:  # one bad page must not lose the document
                failed.append(number)
                pages.append(RawPage(number=number))
                continue
            if not content.chars:
                empty.append(number)
            page.ocr = bool(scanned and scanned[-1] == number and content.chars)
            unreadable_chars += sum(1 for c in content.chars if c.text == "\ufffd")
            pages.append(page)
    finally:
        if scanner is not None:
            scanner.close()
    if len(failed) == document.page_count:
        raise UnreadableInput(source, "corrupt", REASON_CORRUPT)
    if len(empty) + len(failed) == document.page_count:
        raise UnreadableInput(source, "no_text", REASON_NO_TEXT_OCR if scanner is not None else REASON_NO_TEXT)
    read_by_ocr = [n for n in scanned if n not in empty]
    return pages, document.warnings + _warnings(failed, empty, read_by_ocr, unreadable_chars, scanner is not None)


def _warnings(failed: list[int], empty: list[int], scanned: list[int], unreadable_chars: int, ocr: bool) -> list[str]:
    warnings: list[str] = []
    if failed:
        warnings.append(f"第 {_page_list(failed)} 页无法解析，已跳过")
    if scanned:
        warnings.append(f"第 {_page_list(scanned)} 页没有文字层，文字和数字由 OCR 识别，可能有误，请与原件核对")
    if empty:
        hint = "" if ocr else f"；要识别扫描页，请安装 OCR：{INSTALL_HINT}"
        warnings.append(f"第 {_page_list(empty)} 页没有文字层（可能是扫描页），内容未提取{hint}")
    if unreadable_chars:
        warnings.append(f"有 {unreadable_chars} 个字符缺少 Unicode 映射，无法识别（显示为 \ufffd）")
    return warnings


def _page_list(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers)
