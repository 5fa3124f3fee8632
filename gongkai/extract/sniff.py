"""Tell a file's format from its first bytes, not from its name."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

TEXT_CONTROL_LIMIT = 0.01  # share of control characters a text file may contain


def sniff(data: bytes) -> str:
    """The format of ``data``: ``pdf``, ``docx``, ``xlsx``, ``html``, ``txt``, or what it is instead.

    Formats gongkai cannot read come back as ``ole`` (legacy Word/Excel), ``zip``,
    ``image``, ``binary`` or ``empty``.
    """
    if not data.strip():
        return "empty"
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")):
        return "image"
    text_head = _decode_head(head)
    if text_head is None:
        return "binary"
    lowered = re.sub(r"^(?:\s|<!--.*?-->)*", "", text_head.lstrip("\ufeff"), flags=re.S).lower()
    if lowered.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text_head.lower():
        return "html"
    if lowered.startswith(("<!doctype html", "<html", "<head", "<body", "<meta", "<table", "<div")):
        return "html"
    return "txt"


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        head = data[:65536]
        if b"word/" in head:
            return "docx"  # a cut-off download: the extractor reports it as corrupt
        if b"xl/" in head:
            return "xlsx"
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _decode_head(head: bytes) -> str | None:
    """The head as text, or ``None`` when it looks like binary data."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    text = None
    for encoding in ("utf-8", "gb18030"):
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut by the 1024-byte window
                text = head[: exc.start].decode(encoding)
                break
    if text is None:
        return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    if "\x00" in text or controls > TEXT_CONTROL_LIMIT * max(len(text), 1):
        return None
    return text
