"""Text views: the running text the matchers read, with a map back to document offsets.

A paragraph is its own view. A narrative table — a two-column form such as 部门基础信息,
where each cell holds a sentence like ``收入预算总额：352.36万元`` and an empty first
cell continues the row above — is read as one sentence per group of rows:
``收入支出预算情况：收入预算总额：352.36万元，其中：财政拨款收入352.36万元，…``.
Numeric grids (the standard tables, score tables) are left to ``tables/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.fields.quantities import QUANTITY
from gongkai.normalize.document import Cell, Document, Passage, Table
from gongkai.normalize.numbers import parse_number


@dataclass(frozen=True, slots=True)
class View:
    """Text for the matchers; ``offsets[i]`` is the document offset of ``text[i]``."""

    text: str
    passage: int
    section: int
    base: int
    offsets: tuple[int, ...] | None = None

    def doc_offset(self, index: int) -> int:
        """The document offset of view position ``index`` (one past the end allowed)."""
        if self.offsets is None:
            return self.base + index
        if index >= len(self.offsets):
            return self.offsets[-1] + 1 if self.offsets else self.base
        return self.offsets[index]

    def doc_range(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets of the view range ``[start, end)``."""
        if end <= start:
            first = self.doc_offset(start)
            return first, first
        return self.doc_offset(start), self.doc_offset(end - 1) + 1


_SCORE_HEADER = re.compile(r"得分|分值|评分|权重")


def is_narrative_table(table: Table) -> bool:
    """A table of sentences rather than of figures (and not a score table)."""
    texts = [c.text for row in table.rows for c in row if c is not None and c.text]
    if not texts:
        return False
    header = "".join(table.texts(0)) if table.rows else ""
    if _SCORE_HEADER.search(header):
        return False
    numeric = sum(1 for t in texts if parse_number(t) is not None)
    if numeric > 0.25 * len(texts):
        return False
    sentences = sum(1 for t in texts if QUANTITY.search(t) or len(t) > 24)
    return sentences >= 1 and table.n_cols <= 4


def document_views(document: Document) -> list[View]:
    """All text views of a document in reading order."""
    views: list[View] = []
    section = 0
    for passage in document.passages:
        if passage.kind == "heading":
            section = passage.index
            continue
        if passage.kind == "text":
            views.append(View(document.passage_text(passage), passage.index, section, passage.start))
        elif passage.table is not None and is_narrative_table(passage.table):
            views.extend(_table_views(passage, passage.table, section))
    return views


def _table_views(passage: Passage, table: Table, section: int) -> list[View]:
    groups: list[list[list[Cell]]] = []
    for row in table.rows:
        cells = [c for c in row if c is not None and c.text]
        if not cells:
            continue
        first = row[0]
        if groups and (first is None or not first.text):
            groups[-1].append(cells)
        else:
            groups.append([cells])
    return [_group_view(passage, group, section) for group in groups]


def _group_view(passage: Passage, group: list[list[Cell]], section: int) -> View:
    pieces: list[str] = []
    offsets: list[int] = []

    def add(text: str, start: int) -> None:
        pieces.append(text)
        offsets.extend(range(start, start + len(text)))

    def separator(char: str, at: int) -> None:
        if pieces and pieces[-1] and pieces[-1][-1] in "：；。，":
            return
        pieces.append(char)
        offsets.append(at)

    for r, cells in enumerate(group):
        for c, cell in enumerate(cells):
            if pieces:
                separator("：" if r == 0 and c == 1 else "，", cell.start)
            add(cell.text, cell.start)
    return View("".join(pieces), passage.index, section, passage.start, tuple(offsets))
