"""Files gongkai cannot read raise ``UnreadableInput`` naming the file, the reason and a stable kind.

PDF-specific failures (encrypted, truncated) are tested with the PDF extractor.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from gongkai.errors import UnreadableInput
from gongkai.extract import extract

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def junk(size: int = 4096, seed: int = 20240101) -> bytes:
    """Deterministic random bytes, with NULs, like a binary file."""
    data = random.Random(seed).randbytes(size)
    assert b"\x00" in data
    return data


def zipped(entries: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("本部门2023年度收入总计819.39万元。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_entry(package: bytes, name: str, content: bytes) -> bytes:
    """The zip ``package`` with the entry ``name`` replaced by ``content``."""
    source = zipfile.ZipFile(io.BytesIO(package))
    entries = {info.filename: source.read(info) for info in source.infolist()}
    return zipped({**entries, name: content})


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["项目", "金额"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def assert_unreadable(path: Path, kind: str) -> UnreadableInput:
    with pytest.raises(UnreadableInput) as caught:
        extract(path)
    error = caught.value
    assert error.kind == kind
    assert str(path) in str(error)
    assert error.reason and "\n" not in str(error)
    return error


def test_missing_file(tmp_path: Path) -> None:
    assert_unreadable(tmp_path / "不存在.pdf", "missing")


@pytest.mark.parametrize("content", [b"", b" \r\n\t\n"], ids=["zero_bytes", "whitespace"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert_unreadable(path, "empty")


def test_html_page_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "2023年部门决算.pdf"
    path.write_text("<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>", encoding="utf-8")
    error = assert_unreadable(path, "not_pdf")
    assert "HTML" in error.reason


def test_binary_junk_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(junk())
    assert_unreadable(path, "binary")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.png", PNG_HEADER + junk(512)),
        ("report.doc", OLE_HEADER + junk(512)),
        ("report.xls", OLE_HEADER + bytes(512)),
        ("tables.zip", zipped({"收入决算表.csv": "项目,金额\n合计,819.39\n"})),
        ("disguised.docx", zipped({"content.xml": "<office:document/>"})),
    ],
    ids=["png", "ole_doc", "ole_xls", "plain_zip", "zip_without_word_or_xl"],
)
def test_unsupported_format(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert_unreadable(path, "unsupported")


@pytest.mark.parametrize(
    "content",
    [
        with_entry(docx_bytes(), "word/document.xml", b"<w:document><w:body><w:p>"),
        with_entry(docx_bytes(), "[Content_Types].xml", b"not xml at all"),
        zipped({"word/document.xml": "<w:document/>"}),
    ],
    ids=["broken_document_xml", "broken_content_types", "no_package_parts"],
)
def test_corrupt_docx(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(content)
    error = assert_unreadable(path, "corrupt")
    assert "DOCX" in error.reason


@pytest.mark.parametrize(
    "content",
    [
        with_entry(xlsx_bytes(), "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row"),
        with_entry(xlsx_bytes(), "xl/workbook.xml", b"<workbook"),
    ],
    ids=["broken_sheet_xml", "broken_workbook_xml"],
)
def test_corrupt_xlsx(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "tables.xlsx"
    path.write_bytes(content)
    error = assert_unreadable(path, "corrupt")
    assert "XLSX" in error.reason


def test_truncated_docx(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    data = docx_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert_unreadable(path, "corrupt")
