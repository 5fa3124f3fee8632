"""Lines → paragraphs: drop page furniture, rejoin lines wrapped by the page or a page break.

Printed reports wrap sentences at the right margin and across pages; pasted text keeps a
blank line where a page ended inside a sentence. The rules here decide, for each pair of
consecutive lines, whether the second continues the paragraph of the first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from gongkai.extract.model import RawDocument, RawTable, TextLine
from gongkai.schemas.tables import UNIT_LINE, match_title

HEADING_MARK = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+(?:部分|章|节)"
    r"|[一二三四五六七八九十]+\s*[、.．,，]"
    r"|[（(]\s*[一二三四五六七八九十]+\s*[)）]"
    r"|\d{1,2}\s*[、．](?!\d)|\d{1,2}\.(?!\d)"
    r"|[（(]\s*\d{1,2}\s*[)）]"
    r"|[①-⑳])"
)
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d{1,4})?(?:\s*共\s*\d+\s*页)?[-—–－\s]*$")
_TERMINAL = tuple("。！？；.!?;")
_DIGITS = re.compile(r"\d+")
_UNBREAKABLE = re.compile(r"[0-9A-Za-z.,%]+")
_CLAUSE_MARK = re.compile(r"[，,、；;：:]")
_BODY_LINE = 20  # characters: a line this long is running text that may have wrapped
_MARGIN_SHARE = 0.2  # of the body lines: an edge this many lines share is a margin
_PAGE_BODY_LINES = 6  # body lines a page needs to be measured on its own
_MIN_WRAPPED_TXT_LINE = 15  # chars: a shorter line before a blank line is a heading, not a wrapped line


@dataclass(slots=True)
class Paragraph:
    """Consecutive source lines that form one paragraph."""

    lines: list[TextLine]


Block = Paragraph | RawTable


def is_heading_start(text: str) -> bool:
    """Whether a line starts with a section or list marker (一、 （一） 1、 (1) ①)."""
    return HEADING_MARK.match(text) is not None


def page_furniture(raw: RawDocument) -> set[tuple[int, int]]:
    """Positions ``(page index, block index)`` of running headers, footers and page numbers.

    Only documents with page geometry have them: a page number alone on the first or last
    line of a page, or a line repeated at the top or bottom of at least three pages.
    """
    if not any(isinstance(b, TextLine) and b.bbox is not None for p in raw.pages for b in p.blocks):
        return set()
    edges: list[tuple[int, int, str]] = []
    for page_index, page in enumerate(raw.pages):
        line_positions = [i for i, b in enumerate(page.blocks) if isinstance(b, TextLine)]
        for i in {*line_positions[:1], *line_positions[-1:]}:
            line = page.blocks[i]
            assert isinstance(line, TextLine)
            if _in_margin(line, page.height):
                edges.append((page_index, i, line.text.strip()))
    counts = Counter(_furniture_key(text) for _, _, text in edges)
    furniture = set()
    for page_index, i, text in edges:
        if _starts_block(text):
            continue  # a table title or 「单位：万元」 repeats on many pages but is content
        if _PAGE_NUMBER.match(text) or (len(raw.pages) >= 3 and counts[_furniture_key(text)] >= 3 and len(text) < 60):
            furniture.add((page_index, i))
    return furniture


def _in_margin(line: TextLine, height: float | None) -> bool:
    """Whether a line sits in the top or bottom tenth of its page (where headers and footers go)."""
    if line.bbox is None or not height:
        return True
    return line.bbox.top < 0.1 * height or line.bbox.bottom > 0.9 * height


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", text.replace(" ", ""))


def group_paragraphs(raw: RawDocument) -> list[tuple[int, Block]]:
    """Blocks of the document in order, lines grouped into paragraphs, with their page."""
    furniture = page_furniture(raw)
    columns = _text_columns(raw)
    out: list[tuple[int, Block]] = []
    current: Paragraph | None = None
    for page_index, page in enumerate(raw.pages):
        first_on_page = True
        for block_index, block in enumerate(page.blocks):
            if (page_index, block_index) in furniture:
                continue
            if isinstance(block, RawTable):
                out.append((page.number, block))
                current = None
                continue
            if not block.text.strip():
                continue
            if current is not None and _continues(current.lines[-1], block, first_on_page, columns, current.lines[0]):
                current.lines.append(block)
            else:
                current = Paragraph(lines=[block])
                out.append((page.number, current))
            first_on_page = False
    return out


def _text_columns(raw: RawDocument) -> dict[int, tuple[float, float]]:
    """The text column (left, right) of each page.

    Measured on the page's own body lines (lines long enough to have wrapped) when it has
    enough of them — layouts change from page to page within one document — and otherwise
    over every page of the same width: a page holding a table has few text lines, and a
    centred title must not pass for the margin.
    """
    by_width: dict[int, list[TextLine]] = {}
    page_width: dict[int, int] = {}
    own: dict[int, tuple[float, float]] = {}
    for page in raw.pages:
        width = round(page.width or 0)
        page_width[page.number] = width
        lines = [b for b in page.blocks if isinstance(b, TextLine) and b.bbox is not None]
        by_width.setdefault(width, []).extend(lines)
        body = [line for line in lines if len(line.text) >= _BODY_LINE]
        if len(body) >= _PAGE_BODY_LINES:
            own[page.number] = _margins(body)
    shared = {width: _margins(lines) for width, lines in by_width.items() if lines}
    return {number: own.get(number) or shared[w] for number, w in page_width.items() if number in own or w in shared}


def _margins(lines: list[TextLine]) -> tuple[float, float]:
    """The left and right edges of the text column the lines are set in."""
    body = [line for line in lines if len(line.text) >= _BODY_LINE] or lines
    common = max(2, round(_MARGIN_SHARE * len(body)))
    lefts = Counter(round(line.bbox.x0) for line in body)  # type: ignore[union-attr]
    repeated = [x for x, n in lefts.items() if n >= common] or [x for x, n in lefts.items() if n >= 2]
    left = float(min(repeated or lefts))
    ends = Counter(round(line.bbox.x1) for line in body)  # type: ignore[union-attr]
    edge, count = ends.most_common(1)[0]
    if count >= common:  # justified text: the full lines end at one edge
        return left, max(line.bbox.x1 for line in body if round(line.bbox.x1) == edge)  # type: ignore[union-attr]
    rights = sorted(line.bbox.x1 for line in body)  # type: ignore[union-attr]
    return left, rights[int(0.9 * (len(rights) - 1))]


def _continues(
    prev: TextLine, line: TextLine, new_page: bool, columns: dict[int, tuple[float, float]], first: TextLine | None = None
) -> bool:
    """Whether ``line`` continues the paragraph whose last line is ``prev`` (and first ``first``)."""
    prev_text, text = prev.text.strip(), line.text.strip()
    if is_heading_start(text) or _starts_block(text):
        return False
    if prev.bbox is None or line.bbox is None:
        return _continues_plain(prev_text, line.gap_before or new_page)
    if line.gap_before and not new_page:
        return False
    size = line.font_size or prev.font_size or 10.0
    if prev.font_size and line.font_size and abs(prev.font_size - line.font_size) > 1.5:
        return False
    left, _ = columns.get(line.page, (line.bbox.x0, line.bbox.x1))
    _, right = columns.get(prev.page, (prev.bbox.x0, prev.bbox.x1))
    if line.bbox.x0 - left >= 0.9 * size and not _hanging(first or prev, line, size):
        return False  # a first-line indent (or a centred title) starts a new paragraph
    # the previous line ran to the margin, or stopped short only by the number or word that
    # could not be split and opens this line
    unbreakable = _UNBREAKABLE.match(text)
    allowance = 1.5 * size + (0.6 * size * len(unbreakable.group(0)) if unbreakable else 0.0)
    return prev.bbox.x1 >= right - allowance


def _hanging(first: TextLine, line: TextLine, size: float) -> bool:
    """Whether ``line`` sits at the hanging indent of a list item begun by ``first``
    (「1. 加强……」 with its next lines set under the text, right of the number)."""
    marker = HEADING_MARK.match(first.text)
    if marker is None or first.bbox is None or line.bbox is None:
        return False
    indent = line.bbox.x0 - first.bbox.x0
    return 0 < indent <= (len(marker.group(0).strip()) + 1.5) * size


def _starts_block(text: str) -> bool:
    """A table title, a unit line or a note starts a block of its own."""
    compact = text.replace(" ", "").replace(":", "：")
    return bool(UNIT_LINE.match(compact)) or compact.startswith(("注：", "说明：")) or match_title(compact) is not None


def _continues_plain(prev_text: str, gap: bool) -> bool:
    """Pasted text: each line is a paragraph, except a sentence cut by a page break.

    Such a cut shows as a long line that does not end a sentence, a blank line, and the
    rest of the sentence.
    """
    if not gap:
        return False
    if prev_text.endswith(("：", ":", "，", ",", "、")):
        return True
    if len(prev_text) < _MIN_WRAPPED_TXT_LINE or (is_heading_start(prev_text) and len(prev_text) <= 30):
        return False
    if not _CLAUSE_MARK.search(prev_text) and len(prev_text) < 30:
        return False  # a title line, not a sentence cut in the middle
    return not prev_text.endswith((*_TERMINAL, "”", "）", ")", "》", "」"))
