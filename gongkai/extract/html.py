"""HTML: text lines and tables from a saved web page, with the standard library only.

The page is parsed into a small element tree (``html.parser`` does not build one), then
rendered in order: block elements and ``<br>`` end lines, a ``<table>`` becomes a
``RawTable`` whose ``colspan``/``rowspan`` positions are ``None``. Tables used for page
layout — ones holding other tables, or a single cell — are read as running text, so the
data tables inside them come out as tables. Scripts, styles, ``<head>``, navigation and
elements hidden with ``display:none`` are skipped. Everything is one page.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from gongkai.errors import UnreadableInput
from gongkai.extract.encoding import GARBLED_REASON, detect
from gongkai.extract.model import Block, RawPage, RawTable, TextLine
from gongkai.limits import EVERY, check_deadline

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "html", "legend", "li", "main", "menu", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)
SKIPPED_TAGS = frozenset(
    {
        "script", "style", "head", "title", "nav", "noscript", "template", "select", "svg", "object", "iframe",
    }
)
VOID_TAGS = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr",
    }
)
MAX_DEPTH = 200  # deeper (usually unclosed) elements are flattened
MAX_SPAN = 1000

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n\s*(?=[{_WIDE}])")
_SPACES = re.compile(r"[\s\u00a0]+")
_TABLE_PARTS = ("thead", "tbody", "tfoot")
# Opening one of these closes the nearest open element of the first kinds, searching no
# further up than an element of the second kinds (``"*"``: any other block element).
_IMPLIED_END: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "p": (frozenset({"p"}), frozenset({"*", "table"})),
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "table"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "tr": (frozenset({"tr"}), frozenset({"table"})),
    **{part: (frozenset(_TABLE_PARTS), frozenset({"table"})) for part in _TABLE_PARTS},
}
FEED_CHUNK = 1 << 20  # characters of markup parsed between two looks at the clock
_SINGLE_BYTE = frozenset({"ascii", "iso8859-1", "cp1252"})


def extract_html(data: bytes, source: str) -> list[RawPage]:
    """One page of text lines and tables from the bytes of an HTML file.

    Raises ``UnreadableInput`` (kind ``corrupt``) when the markup cannot be parsed,
    ``garbled`` when the text is in no encoding gongkai reads.
    """
    text = decode_html(data, source)
    try:
        builder = _TreeBuilder()
        for start in range(0, len(text), FEED_CHUNK):
            if start:  # the deadline is looked at between chunks
                check_deadline("解析网页")
            builder.feed(text[start : start + FEED_CHUNK])
        builder.close()
        renderer = _Renderer(page=1)
        renderer.render(builder.root)
        return [RawPage(number=1, blocks=renderer.finish())]
    except UnreadableInput:
        raise
    except Exception as exc:  # html.parser can assert on malformed declarations
        raise UnreadableInput(source, "corrupt", "HTML 文件无法解析") from exc


def decode_html(data: bytes, source: str = "<html>") -> str:
    """The page as text: BOM, then a declared ``<meta charset>``, then UTF-8, then detection.

    A declared charset is trusted when the bytes decode in it (GB2312/GBK as GB18030,
    Big5 as Big5-HKSCS, supersets); a single-byte label (often wrong on Chinese pages), a
    wrong one or none leaves the choice to ``gongkai.extract.encoding``. Raises
    ``UnreadableInput`` (kind ``garbled``) when the page declares nothing usable and reads
    as no encoding.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    declared = _declared_charset(data[:4096])
    if declared and declared not in _SINGLE_BYTE:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # a wrong label, or damaged bytes: see what the text reads as
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    detected = detect(data).encoding
    if detected:
        return data.decode(detected, errors="replace")
    if declared:
        return data.decode(declared, errors="replace")
    raise UnreadableInput(source, "garbled", GARBLED_REASON)


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name in ("gb2312", "gbk", "gb18030"):
        return "gb18030"  # a superset; pages labelled GB2312 often use GBK characters
    if name == "big5":
        return "big5hkscs"  # a superset; Hong Kong and Taiwan pages use its extra characters
    if name.startswith("utf-16"):
        return None  # a UTF-16 page starts with a BOM; the label is wrong otherwise
    return name


# --- tree -----------------------------------------------------------------------------


@dataclass
class Element:
    """A parsed element: tag, attributes and children (elements and text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """Builds an ``Element`` tree, closing the elements HTML lets authors leave open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root")
        self.stack: list[Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        element = Element(tag, {k: v or "" for k, v in attrs})
        if tag in VOID_TAGS:
            self.stack[-1].children.append(element)
        elif len(self.stack) > MAX_DEPTH:
            if tag in BLOCK_TAGS:  # keep its line break, drop the nesting
                self.stack[-1].children.append(Element("#break"))
        else:
            self.stack[-1].children.append(element)
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # browsers read a stray </br> as <br>
            self.stack[-1].children.append(Element("br"))
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
            if self.stack[depth].tag == "table" and tag != "table":
                return  # an end tag never closes elements outside its table

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def _close_implied(self, tag: str) -> None:
        if tag not in _IMPLIED_END:
            return
        closes, scope = _IMPLIED_END[tag]
        for depth in range(len(self.stack) - 1, 0, -1):
            current = self.stack[depth].tag
            if current in closes:
                del self.stack[depth:]
                return
            if current in scope or ("*" in scope and current in BLOCK_TAGS):
                return


# --- rendering ------------------------------------------------------------------------


def _is_hidden(element: Element) -> bool:
    return element.tag in SKIPPED_TAGS or bool(_HIDDEN.search(element.attrs.get("style", "")))


def _has_table(element: Element) -> bool:
    return any(
        isinstance(child, Element) and (child.tag == "table" or _has_table(child)) for child in element.children
    )


def _rows(table: Element) -> list[Element]:
    """The ``<tr>``s of a table, through ``thead``/``tbody``/``tfoot``, not nested tables."""
    rows: list[Element] = []
    for child in table.children:
        if isinstance(child, Element):
            if child.tag == "tr":
                rows.append(child)
            elif child.tag in ("thead", "tbody", "tfoot", "form"):
                rows.extend(_rows(child))
    return rows


def _cells(row: Element) -> list[Element]:
    return [c for c in row.children if isinstance(c, Element) and c.tag in ("td", "th") and not _is_hidden(c)]


def _span(element: Element, name: str) -> int:
    try:
        return min(max(int(element.attrs.get(name, "1").strip() or 1), 1), MAX_SPAN)
    except ValueError:
        return 1


def _is_layout_table(table: Element) -> bool:
    """A table for page layout: it holds another table, or has a single cell."""
    if _has_table(table):
        return True
    cells = [cell for row in _rows(table) for cell in _cells(row)]
    return len(cells) <= 1


def table_grid(table: Element) -> tuple[tuple[str | None, ...], ...]:
    """The grid of a data table: cell texts at top-left positions, ``None`` where spanned."""
    rows = [r for r in _rows(table) if not _is_hidden(r)]
    grid: list[list[str | None]] = [[] for _ in rows]
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in _cells(row):
            while (r, c) in covered:
                c += 1
            rowspan = min(_span(cell, "rowspan"), len(rows) - r)
            colspan = _span(cell, "colspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    covered.add((r + dr, c + dc))
            _place(grid[r], c, _cell_text(cell))
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr or dc:
                        _place(grid[r + dr], c + dc, None)
            c += colspan
    width = max((len(row) for row in grid), default=0)
    kept = [row + [""] * (width - len(row)) for row in grid if row]
    return tuple(tuple(row) for row in kept)


def _place(row: list[str | None], column: int, value: str | None) -> None:
    while len(row) <= column:
        row.append("")
    row[column] = value


def _cell_text(cell: Element) -> str:
    renderer = _Renderer(page=1)
    renderer.render(cell)
    return "\n".join(block.text for block in renderer.finish() if isinstance(block, TextLine))


class _Renderer:
    """Turns an element tree into blocks: lines from running text, tables from data tables."""

    def __init__(self, page: int) -> None:
        self.page = page
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.gap = False
        self.in_pre = 0

    def render(self, element: Element) -> None:
        """Render an element's children into ``blocks``."""
        for child in element.children:
            if isinstance(child, str):
                self._data(child)
            elif not _is_hidden(child):
                self._element(child)

    def finish(self) -> list[Block]:
        """The blocks, with any pending text flushed."""
        self._flush()
        return self.blocks

    def _element(self, element: Element) -> None:
        tag = element.tag
        if tag == "#break":
            self._flush()
        elif tag == "br":
            if not self._flush():
                self.gap = True
        elif tag == "table" and not _is_layout_table(element):
            self._table(element)
        elif tag in BLOCK_TAGS:
            self._flush()
            before = len(self.blocks)
            self.in_pre += tag == "pre"
            self.render(element)
            self.in_pre -= tag == "pre"
            if not self._flush() and tag == "p" and len(self.blocks) == before:
                self.gap = True  # an empty paragraph is a blank line
        else:
            self.render(element)

    def _table(self, table: Element) -> None:
        self._flush()
        for child in table.children:
            if isinstance(child, Element) and child.tag == "caption":
                self.render(child)
                self._flush()
        rows = table_grid(table)
        if rows:
            self.blocks.append(RawTable(page=self.page, rows=rows))
        self.gap = False

    def _data(self, text: str) -> None:
        if not self.in_pre:
            self.buffer.append(text)
            return
        lines = text.split("\n")
        for line in lines[:-1]:
            self.buffer.append(line)
            if not self._flush():
                self.gap = True
        self.buffer.append(lines[-1])

    def _flush(self) -> bool:
        """End the current line; whether it had text."""
        raw = "".join(self.buffer)
        self.buffer = []
        text = _SPACES.sub(" ", _CJK_BREAK.sub("", raw)).strip()
        if not text:
            return False
        self.blocks.append(TextLine(text=text, page=self.page, gap_before=self.gap))
        self.gap = False
        if len(self.blocks) % EVERY == 0:
            check_deadline("读取网页正文")
        return True
