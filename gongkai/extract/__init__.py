"""Bytes → ``RawDocument``: one module per format, the format sniffed from content."""

from __future__ import annotations

import hashlib
from pathlib import Path

from gongkai.errors import UnreadableInput
from gongkai.extract.bounds import check_content, check_inflated
from gongkai.extract.model import BBox, RawDocument, RawPage, RawTable, TextLine
from gongkai.extract.sniff import sniff
from gongkai.limits import deadline, over_limit
from gongkai.settings import Settings

__all__ = [
    "BBox",
    "RawDocument",
    "RawPage",
    "RawTable",
    "TextLine",
    "extract",
    "extract_bytes",
    "sniff",
]

_UNSUPPORTED = {
    "ole": "旧版 Office 复合文档，但不是可识别的 Word（.doc）或 Excel（.xls）文件（可能已损坏，或是 .ppt 等其他格式），请另存为 .docx/.xlsx 或 PDF",
    "zip": "ZIP 压缩包，不是 DOCX/XLSX 文档，请先解压",
    "image": "图片文件：请先把它转成 PDF（装了 OCR 扩展时，扫描的 PDF 可以识别）",
}

# what a file named .pdf holds instead, by sniffed format
_NOT_PDF = {"html": "HTML 网页", "txt": "纯文本", "docx": "DOCX 文档", "doc": "旧版 Word 文档", "xls": "旧版 Excel 工作簿"}


def extract(path: str | Path, settings: Settings | None = None) -> RawDocument:
    """Read the file at ``path`` into a ``RawDocument``.

    Raises ``UnreadableInput`` naming the file and the reason when it cannot be read.
    """
    settings = Settings.resolve(settings)
    path = Path(path)
    if not path.exists():
        raise UnreadableInput(str(path), "missing", "文件不存在")
    if path.is_dir():
        raise UnreadableInput(str(path), "unsupported", "这是一个目录，不是文件")
    size = path.stat().st_size
    if settings.max_bytes and size > settings.max_bytes:
        raise UnreadableInput(str(path), "too_large", over_limit("文件大小", size, settings.max_bytes, "字节", "--max-mb"))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(str(path), "unreadable", f"无法读取文件（{exc.strerror or exc}）") from exc
    return extract_bytes(data, str(path), settings)


def extract_bytes(data: bytes, source: str, settings: Settings | None = None) -> RawDocument:
    """Read ``data`` (the bytes of the file named ``source``) into a ``RawDocument``."""
    settings = Settings.resolve(settings)
    fmt = sniff(data)
    if fmt == "empty":
        raise UnreadableInput(source, "empty", "文件是空的")
    suffix = Path(source).suffix.lower()
    if suffix == ".pdf" and fmt != "pdf":
        what = _NOT_PDF.get(fmt, "其他格式的数据")
        raise UnreadableInput(source, "not_pdf", f"文件名是 .pdf，但内容不是 PDF（是{what}，可能是下载出错）")
    if fmt in _UNSUPPORTED:
        raise UnreadableInput(source, "unsupported", f"不支持的格式：{_UNSUPPORTED[fmt]}")
    if fmt == "binary":
        raise UnreadableInput(source, "binary", "不是文本，也不是可识别的文档格式（二进制数据）")
    digest = hashlib.sha256(data).hexdigest()
    if fmt in ("docx", "xlsx"):
        check_inflated(data, source, settings)
    with deadline(source, settings):
        pages, warnings = _extract_pages(fmt, data, source, settings)
    check_content(pages, source, settings)
    if settings.max_pages and len(pages) > settings.max_pages:
        raise UnreadableInput(
            source, "too_many_pages", over_limit("共", len(pages), settings.max_pages, "页", "--max-pages")
        )
    return RawDocument(source=source, format=fmt, sha256=digest, pages=pages, warnings=warnings, size=len(data))


def _extract_pages(fmt: str, data: bytes, source: str, settings: Settings) -> tuple[list[RawPage], list[str]]:
    if fmt == "txt":
        from gongkai.extract.txt import decode_text, parse_text

        return parse_text(decode_text(data, source)), []
    if fmt == "pdf":
        from gongkai.extract.pdf import extract_pdf

        return extract_pdf(data, source, settings)
    if fmt == "docx":
        from gongkai.extract.docx import extract_docx

        return extract_docx(data, source), []
    if fmt == "xlsx":
        from gongkai.extract.xlsx import extract_xlsx

        return extract_xlsx(data, source, settings.max_cells), []
    if fmt == "xls":
        from gongkai.extract.xls import extract_xls

        return extract_xls(data, source, settings.max_cells), []
    if fmt == "doc":
        from gongkai.extract.doc import extract_doc

        return extract_doc(data, source, settings), []
    if fmt == "html":
        from gongkai.extract.html import extract_html

        return extract_html(data, source), []
    raise UnreadableInput(source, "unsupported", f"不支持的格式：{fmt}")
