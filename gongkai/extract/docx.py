"""DOCX: paragraphs and tables in body order, pages split at explicit page breaks.

Word files carry no page geometry, so pages are only known where the document says so:
a page-break character (``w:br w:type="page"``), a paragraph that starts a page
(``w:pageBreakBefore``, set directly or by its style) or a section break that starts a
new page. Without any of them everything is page 1.

Tables follow the pdfplumber convention of ``RawTable``: the text of a cell sits at its
top-left grid position and ``None`` marks positions covered by a horizontal span
(``w:gridSpan``) or by a vertical merge continuing from above (``w:vMerge``). Positions
where a row has no cell at all (``w:gridBefore``/``w:gridAfter``, short rows) are ``""``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from docx.oxml.parser import parse_xml
from docx.package import Package

from gongkai.errors import UnreadableInput
from gongkai.extract.model import RawPage, RawTable, TextLine
from gongkai.limits import EVERY, check_deadline

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OFF_VALUES = {"0", "false", "off", "none"}
_NEW_PAGE_SECTIONS = {"nextPage", "oddPage", "evenPage"}
_SKIPPED_IN_PARAGRAPH = {"pPr", "rPr", "txbxContent", "del", "moveFrom", "instrText", "delText"}
_CONTAINERS = {"sdt", "sdtContent", "customXml", "smartTag"}


def _w(local: str) -> str:
    return f"{{{W_NS}}}{local}"


class _PageBreak:
    """Marks a page-break character inside a paragraph's text."""


PAGE_BREAK = _PageBreak()
Piece = str | _PageBreak


def extract_docx(data: bytes, source: str) -> list[RawPage]:
    """Pages of text lines and tables from the bytes of a DOCX file.

    Raises ``UnreadableInput`` (kind ``corrupt``) when the package or its XML is broken.
    """
    try:
        body, styles = _load(data)
        walker = _BodyWalker(_section_starts_new_page(body), _StyleBreaks(styles))
        walker.walk(body)
        return walker.finish()
    except UnreadableInput:
        raise
    except Exception as exc:  # python-docx, lxml and zipfile raise many kinds
        raise UnreadableInput(source, "corrupt", "DOCX 文件已损坏，无法解析") from exc


def _load(data: bytes) -> tuple[Any, Any]:
    """The ``w:body`` element and the ``w:styles`` element (or ``None``) of a package."""
    part = Package.open(BytesIO(data)).main_document_part
    element = getattr(part, "element", None)
    if element is None:  # e.g. a macro-enabled .docm: python-docx loads it as a plain part
        element = parse_xml(part.blob)
    body = element.find(_w("body"))
    if body is None:
        raise ValueError("no w:body in the main document part")
    styles = getattr(part, "styles", None)
    return body, styles.element if styles is not None else None


def _is_on(element: Any) -> bool:
    """Whether an OOXML on/off property element is on (present without ``val="0"``)."""
    if element is None:
        return False
    return str(element.get(_w("val"), "1")).lower() not in _OFF_VALUES


def _local(element: Any) -> str | None:
    """The local name of an element in the WordprocessingML namespace, else ``None``."""
    tag = element.tag
    if isinstance(tag, str) and tag.startswith(f"{{{W_NS}}}"):
        return tag[len(W_NS) + 2 :]
    return None


def _section_starts_new_page(body: Any) -> list[bool]:
    """For each section after the first, whether its start breaks the page."""
    sections = []
    for sect in body.iter(_w("sectPr")):
        parent = sect.getparent()
        if _local(parent) not in ("pPr", "body") or any(_local(a) == "tc" for a in sect.iterancestors()):
            continue
        kind = sect.find(_w("type"))
        sections.append(kind is None or kind.get(_w("val"), "nextPage") in _NEW_PAGE_SECTIONS)
    return sections[1:]


class _StyleBreaks:
    """Which paragraph styles start a new page (``w:pageBreakBefore``, following ``basedOn``)."""

    def __init__(self, styles: Any) -> None:
        self._styles: dict[str, Any] = {}
        self._default: str | None = None
        self._cache: dict[str, bool] = {}
        if styles is None:
            return
        for style in styles.iter(_w("style")):
            style_id = style.get(_w("styleId"))
            if style_id:
                self._styles[style_id] = style
                if style.get(_w("type")) == "paragraph" and _is_on_attr(style.get(_w("default"))):
                    self._default = style_id

    def breaks_before(self, style_id: str | None) -> bool:
        """Whether a paragraph of this style (``None``: the default style) starts a page."""
        style_id = style_id or self._default
        if style_id is None:
            return False
        if style_id not in self._cache:
            self._cache[style_id] = self._lookup(style_id)
        return self._cache[style_id]

    def _lookup(self, style_id: str) -> bool:
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen and current in self._styles:
            seen.add(current)
            style = self._styles[current]
            flag = style.find(f"{_w('pPr')}/{_w('pageBreakBefore')}")
            if flag is not None:
                return _is_on(flag)
            based_on = style.find(_w("basedOn"))
            current = based_on.get(_w("val")) if based_on is not None else None
        return False


def _is_on_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in _OFF_VALUES


# --- paragraphs ---------------------------------------------------------------------


def paragraph_pieces(paragraph: Any) -> list[Piece]:
    """The text of a ``w:p`` as strings split by page-break markers.

    Soft line breaks become ``"\\n"``, tabs a space; deleted and moved-from revisions,
    field codes and text boxes are left out.
    """
    pieces: list[Piece] = []
    buffer: list[str] = []
    for token in _paragraph_tokens(paragraph):
        if token is PAGE_BREAK:
            pieces.append("".join(buffer))
            pieces.append(PAGE_BREAK)
            buffer = []
        else:
            buffer.append(token)  # type: ignore[arg-type]
    pieces.append("".join(buffer))
    return pieces


def _paragraph_tokens(element: Any) -> Iterator[Piece]:
    for child in element:
        if child.tag == _MC_FALLBACK:
            continue
        name = _local(child)
        if name in _SKIPPED_IN_PARAGRAPH:
            continue
        if name == "t":
            yield child.text or ""
        elif name in ("tab", "ptab"):
            yield " "
        elif name == "br":
            kind = child.get(_w("type"), "textWrapping")
            yield PAGE_BREAK if kind == "page" else "\n"
        elif name == "cr":
            yield "\n"
        elif name == "noBreakHyphen":
            yield "-"
        else:
            yield from _paragraph_tokens(child)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n")]


def _paragraph_style(paragraph: Any) -> str | None:
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    return style.get(_w("val")) if style is not None else None


# --- tables ---------------------------------------------------------------------------


def _children(element: Any, wanted: str) -> Iterator[Any]:
    """Children named ``wanted``, looking through content controls and custom XML."""
    for child in element:
        name = _local(child)
        if name == wanted:
            yield child
        elif name in _CONTAINERS:
            yield from _children(child, wanted)


def _grid_value(element: Any, path: str, default: int) -> int:
    found = element.find(path)
    if found is None:
        return default
    try:
        return max(int(found.get(_w("val"), default)), 0)
    except ValueError:
        return default


def _is_continuation(tc: Any, local: str) -> bool:
    merge = tc.find(f"{_w('tcPr')}/{_w(local)}")
    return merge is not None and merge.get(_w("val"), "continue") != "restart"


def table_rows(tbl: Any) -> tuple[tuple[str | None, ...], ...]:
    """The grid of a ``w:tbl``: cell texts at top-left positions, ``None`` where covered."""
    rows: list[list[str | None]] = []
    for tr in _children(tbl, "tr"):
        row: list[str | None] = [""] * _grid_value(tr, f"{_w('trPr')}/{_w('gridBefore')}", 0)
        for tc in _children(tr, "tc"):
            span = max(_grid_value(tc, f"{_w('tcPr')}/{_w('gridSpan')}", 1), 1)
            covered = (_is_continuation(tc, "vMerge") and bool(rows)) or _is_continuation(tc, "hMerge")
            row.append(None if covered else cell_text(tc))
            row.extend([None] * (span - 1))
        row.extend([""] * _grid_value(tr, f"{_w('trPr')}/{_w('gridAfter')}", 0))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return tuple(tuple(r + [""] * (width - len(r))) for r in rows)


def cell_text(container: Any) -> str:
    """The text of a cell: its paragraphs' lines joined with ``"\\n"``, nested tables flattened."""
    return "\n".join(_container_lines(container))


def _container_lines(container: Any) -> list[str]:
    lines: list[str] = []
    for child in container:
        name = _local(child)
        if name == "p":
            for piece in paragraph_pieces(child):
                if isinstance(piece, str):
                    lines.extend(line for line in _lines(piece) if line)
        elif name == "tbl":
            for row in table_rows(child):
                lines.extend(line for cell in row if cell for line in cell.split("\n"))
        elif name in _CONTAINERS:
            lines.extend(_container_lines(child))
    return lines


# --- the body ---------------------------------------------------------------------------


@dataclass
class _BodyWalker:
    """Walks the body in order, placing lines and tables on pages."""

    section_breaks: list[bool]
    style_breaks: _StyleBreaks
    pages: list[RawPage] = field(default_factory=lambda: [RawPage(number=1)])
    placed: bool = False  # anything (even an empty paragraph) on the current page yet
    gap: bool = False
    section: int = 0
    paragraphs: int = 0  # read so far (the deadline is looked at every EVERY of them)

    def walk(self, container: Any) -> None:
        for child in container:
            name = _local(child)
            if name == "p":
                self._paragraph(child)
            elif name == "tbl":
                self._add(RawTable(page=self._page.number, rows=table_rows(child)))
                self.gap = False
            elif name in _CONTAINERS:
                self.walk(child)

    def finish(self) -> list[RawPage]:
        """The pages, without empty pages at the end."""
        while len(self.pages) > 1 and not self.pages[-1].blocks:
            self.pages.pop()
        return self.pages

    @property
    def _page(self) -> RawPage:
        return self.pages[-1]

    def _new_page(self) -> None:
        self.pages.append(RawPage(number=len(self.pages) + 1))
        self.placed = False

    def _add(self, block: TextLine | RawTable) -> None:
        self._page.blocks.append(block)
        self.placed = True

    def _paragraph(self, paragraph: Any) -> None:
        self.paragraphs += 1
        if self.paragraphs % EVERY == 0:
            check_deadline("读取段落")
        if self.placed and self._breaks_before(paragraph):
            self._new_page()
        pieces = paragraph_pieces(paragraph)
        ends_section = paragraph.find(f"{_w('pPr')}/{_w('sectPr')}") is not None
        has_text = any(isinstance(p, str) and p.strip() for p in pieces)
        if not has_text and not ends_section and PAGE_BREAK not in pieces:
            self.gap = True  # an empty paragraph is a blank line
        for piece in pieces:
            if isinstance(piece, _PageBreak):
                self._new_page()
            elif piece.strip():
                self._text(piece)
        self.placed = True  # the paragraph mark sits on the current page
        if ends_section:
            starts_page = self.section < len(self.section_breaks) and self.section_breaks[self.section]
            self.section += 1
            if starts_page:
                self._new_page()

    def _breaks_before(self, paragraph: Any) -> bool:
        direct = paragraph.find(f"{_w('pPr')}/{_w('pageBreakBefore')}")
        if direct is not None:
            return _is_on(direct)
        return self.style_breaks.breaks_before(_paragraph_style(paragraph))

    def _text(self, piece: str) -> None:
        for line in _lines(piece):
            if not line:
                self.gap = True
                continue
            self._add(TextLine(text=line, page=self._page.number, gap_before=self.gap))
            self.gap = False
