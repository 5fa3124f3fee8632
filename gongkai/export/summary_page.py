"""The first page(s) of an annotated PDF: what was checked, every finding, and those not marked.

A highlight can only be drawn where a finding's figures have a box on a page; a finding
whose evidence has none (a figure missing from the document, a check over the whole
document) would otherwise be invisible in the annotated copy. The summary lists every
finding with its severity, rule and page, and says which ones are not marked.

The text is set in the PDF's predefined Chinese font ``STSong-Light`` (Adobe-GB1, not
embedded: every reader supplies it) with the ``UniGB-UCS2-H`` encoding, whose codes are
the characters' own: readers and text extractors (PDFium, pdfminer, pypdf) map them back
to Unicode through Adobe-GB1, so the page can be copied and searched. No font file is
needed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from gongkai.export.paths import printable_path
from gongkai.export.terminal import DOC_TYPE_LABEL, SEVERITY_LABEL
from gongkai.schemas.records import Finding, Report

PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4, points
MARGIN = 50.0
BODY_SIZE = 10.0
TITLE_SIZE = 15.0
LEADING = 1.5  # line height in font sizes
NO_LINE_START = frozenset("，。；：、！？）》」』%")  # marks that may run past the margin rather than open a line
SUMMARY_LABEL = "核对摘要"  # the page label of the summary pages (the original pages keep their numbers)


def summary_lines(report: Report, placed: Sequence[bool]) -> list[tuple[float, str]]:
    """The summary as ``(font size, text)`` lines before wrapping; ``placed[i]`` tells whether
    finding ``i`` of the report has a highlight."""
    info = report.document
    name = printable_path(info.source.replace("\\", "/").rsplit("/", 1)[-1])
    about = " · ".join(
        part
        for part in (
            DOC_TYPE_LABEL.get(info.doc_type, info.doc_type),
            info.department,
            f"{info.fiscal_year}年度" if info.fiscal_year else None,
            f"共 {info.pages} 页",
        )
        if part
    )
    counts = {severity: sum(1 for f in report.findings if f.severity == severity) for severity in SEVERITY_LABEL}
    unplaced = sum(1 for is_placed in placed if not is_placed)
    lines: list[tuple[float, str]] = [
        (TITLE_SIZE, "gongkai 核对摘要"),
        (BODY_SIZE, f"文件：{name}"),
        (BODY_SIZE, about),
    ]
    if report.coverage is not None:
        lines.append((BODY_SIZE, report.coverage.line()))
    tally = "，".join(f"{SEVERITY_LABEL[s]} {n} 条" for s, n in counts.items())
    if not report.findings:
        lines.append((BODY_SIZE, "没有发现不符之处。"))
    else:
        where = f"其中 {unplaced} 条无法在页面上标出，标为「未标出」。" if unplaced else "每条都已在所在页面上高亮标出。"
        lines.append((BODY_SIZE, f"发现 {len(report.findings)} 条（{tally}）；{where}"))
    lines.append((BODY_SIZE, ""))
    for number, (finding, is_placed) in enumerate(zip(report.findings, placed, strict=True), start=1):
        lines.append((BODY_SIZE, _heading(number, finding, is_placed)))
        lines.append((BODY_SIZE, "　　" + finding.message))
    return lines


def _heading(number: int, finding: Finding, placed: bool) -> str:
    pages = sorted({e.page for e in finding.evidence})
    where = f"第 {'、'.join(str(p) for p in pages)} 页" if pages else "无页码"
    mark = "" if placed else " · 未标出"
    return f"{number}. 【{SEVERITY_LABEL[finding.severity]}】{finding.rule} · {where}{mark}"


def wrap(text: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points at font ``size``.

    A line may break between any two Chinese characters, but not inside a run of ASCII
    (a figure, a rule id) nor before a closing mark; continuation lines are indented.
    """
    out: list[str] = []
    line, used = "", 0.0
    for token in _TOKEN.findall(text):
        advance = sum(char_width(ch) for ch in token) * size
        if line.strip() and used + advance > width and token[0] not in NO_LINE_START:
            out.append(line.rstrip())
            line, used = "　　", 2 * size
            if token.isspace():
                continue
        line += token
        used += advance
    out.append(line.rstrip())
    return out


_TOKEN = re.compile(r"[!-~]+|\s+|.", re.DOTALL)


def char_width(ch: str) -> float:
    """The advance of a character in ems: half for ASCII (CIDs 1–95 of Adobe-GB1), one otherwise."""
    return 0.5 if " " <= ch <= "~" else 1.0


def encodable(text: str) -> str:
    """The text with characters outside the Basic Multilingual Plane (not in UCS-2) replaced."""
    return "".join(ch if ord(ch) <= 0xFFFF and unicodedata.category(ch) != "Cs" else "?" for ch in text)


def page_streams(report: Report, placed: Sequence[bool]) -> list[bytes]:
    """The content streams of the summary pages, the lines wrapped and paginated."""
    width = PAGE_WIDTH - 2 * MARGIN
    pages: list[list[str]] = [[]]
    y = PAGE_HEIGHT - MARGIN
    for size, text in summary_lines(report, placed):
        for piece in wrap(encodable(text), size, width):
            y -= size * LEADING
            if y < MARGIN:
                pages.append([])
                y = PAGE_HEIGHT - MARGIN - size * LEADING
            if piece:
                pages[-1].append(f"BT /F1 {size:g} Tf {MARGIN:.2f} {y:.2f} Td <{piece.encode('utf-16-be').hex()}> Tj ET")
    return ["\n".join(ops).encode("ascii") for ops in pages]


def add_summary_pages(writer, report: Report, placed: Sequence[bool]) -> int:  # type: ignore[no-untyped-def]
    """Insert the summary before the first page of ``writer`` (a pypdf ``PdfWriter``).

    Returns the number of pages inserted. The original pages keep their printed numbers
    as page labels (1, 2 …); the summary pages are labelled ``核对摘要`` (``核对摘要1`` … when
    there are several).
    """
    from pypdf import PageObject
    from pypdf.constants import PageLabelStyle
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    font = writer._add_object(_font(writer))
    streams = page_streams(report, placed)
    original = len(writer.pages)
    for index, data in enumerate(streams):
        page = PageObject.create_blank_page(None, PAGE_WIDTH, PAGE_HEIGHT)
        content = DecodedStreamObject()
        content.set_data(data)
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        writer.insert_page(page, index)
    inserted = len(streams)
    if inserted == 1:
        writer.set_page_label(0, 0, prefix=SUMMARY_LABEL)
    else:
        writer.set_page_label(0, inserted - 1, style=PageLabelStyle.DECIMAL, prefix=SUMMARY_LABEL, start=1)
    if original:
        writer.set_page_label(inserted, inserted + original - 1, style=PageLabelStyle.DECIMAL, start=1)
    return inserted


def _font(writer):  # type: ignore[no-untyped-def]
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    def name(value: str) -> NameObject:
        return NameObject(value)

    descriptor = DictionaryObject(
        {
            name("/Type"): name("/FontDescriptor"),
            name("/FontName"): name("/STSong-Light"),
            name("/Flags"): NumberObject(6),
            name("/FontBBox"): ArrayObject(NumberObject(v) for v in (-25, -254, 1000, 880)),
            name("/ItalicAngle"): NumberObject(0),
            name("/Ascent"): NumberObject(880),
            name("/Descent"): NumberObject(-120),
            name("/CapHeight"): NumberObject(880),
            name("/StemV"): NumberObject(93),
        }
    )
    descendant = DictionaryObject(
        {
            name("/Type"): name("/Font"),
            name("/Subtype"): name("/CIDFontType0"),
            name("/BaseFont"): name("/STSong-Light"),
            name("/CIDSystemInfo"): DictionaryObject(
                {
                    name("/Registry"): TextStringObject("Adobe"),
                    name("/Ordering"): TextStringObject("GB1"),
                    name("/Supplement"): NumberObject(2),
                }
            ),
            name("/FontDescriptor"): writer._add_object(descriptor),
            name("/DW"): NumberObject(1000),
            name("/W"): ArrayObject([NumberObject(1), NumberObject(95), FloatObject(500)]),
        }
    )
    return DictionaryObject(
        {
            name("/Type"): name("/Font"),
            name("/Subtype"): name("/Type0"),
            name("/BaseFont"): name("/STSong-Light"),
            name("/Encoding"): name("/UniGB-UCS2-H"),
            name("/DescendantFonts"): ArrayObject([writer._add_object(descendant)]),
        }
    )
