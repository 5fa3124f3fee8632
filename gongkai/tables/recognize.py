"""Find the standard tables: by their titles, stitched across pages, with their unit.

A title counts only when a table (or the prescribed 「本表无数据」 note, or a 「单位：」
line) follows it before the next title — the lines of a table of contents do not.
A table with no title of its own, at the top of the page after a recognised table with the
same number of columns, continues that table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.normalize.document import Document, Passage, Table
from gongkai.schemas.tables import EMPTY_TABLE_NOTE, OTHER_TABLE, UNIT_LINE, TableKind, match_title
from gongkai.tables.funds import has_funds_block
from gongkai.tables.score import header_row

_CONTEXT_PASSAGES = 4  # text passages between a title and its table
_MAX_TITLE = 80  # characters: a longer passage is running text, not a title
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．]|公开\s*\d+\s*表|附?表\s*[一二三四五六七八九十\d])")


@dataclass(slots=True)
class StandardTable:
    """One recognised standard table (possibly printed over several pages)."""

    kind: TableKind
    title: str
    page: int
    parts: list[Table] = field(default_factory=list)
    unit: str | None = None
    empty_note: bool = False
    title_start: int = 0

    @property
    def has_data(self) -> bool:
        """Whether any part holds at least one non-empty cell below the header."""
        return any(c is not None and c.text for part in self.parts for row in part.rows for c in row)


@dataclass(slots=True)
class _Pending:
    kind: TableKind
    passage: Passage
    text: str
    unit: str | None = None
    since: int = 0


def recognize_tables(document: Document, department: str | None, doc_type: str) -> list[StandardTable]:
    """The standard tables of a document, in order."""
    found: list[StandardTable] = []
    pending: _Pending | None = None
    last: StandardTable | None = None
    loose_unit: tuple[int, str] | None = None
    before: Passage | None = None  # the text passage just before, when it is no title itself
    for passage in document.passages:
        if passage.kind != "table":
            text = document.passage_text(passage).strip()
            kind, title_passage, text = _title(document, before, passage, text, department, doc_type)
            before = passage if kind is None else None
            unit = UNIT_LINE.search(text)
            if kind is not None:
                _flush_unruled(pending, found)
                pending = _Pending(kind, title_passage, text, unit.group("unit") if unit else None)
                continue
            if unit and len(text) <= 60:
                if pending is not None:
                    pending.unit = unit.group("unit")
                loose_unit = (passage.page, unit.group("unit"))
            if EMPTY_TABLE_NOTE.search(text):
                if pending is not None and passage.page - pending.passage.page <= 1:
                    found.append(_standard(pending, []))
                    found[-1].empty_note = True
                    last, pending = found[-1], None
                elif last is not None and passage.page - last.page <= 1:
                    last.empty_note = True
            if pending is not None:
                pending.since += 1
                if pending.since > _CONTEXT_PASSAGES:
                    _flush_unruled(pending, found)
                    pending = None
            continue
        before = None
        table = passage.table
        assert table is not None
        if pending is not None and 0 <= table.page - pending.passage.page <= 1:
            last = _standard(pending, [table])
            if last.unit is None and loose_unit and loose_unit[0] == table.page:
                last.unit = loose_unit[1]
            last.unit = last.unit or _unit_inside(table)
            found.append(last)
            pending = None
            continue
        titled = _title_inside(table, department, doc_type)
        if titled is not None:
            last = StandardTable(titled, titled.title, table.page, [table], _unit_inside(table), title_start=table.start)
            found.append(last)
            continue
        if last is not None and _continues(last, table):
            last.parts.append(table)
            continue
    _flush_unruled(pending, found)
    return found + _other_tables(document, found)


def _other_tables(document: Document, found: list[StandardTable]) -> list[StandardTable]:
    """The tables that are no standard table, no score table and no funds block, each with the
    short line before it as its title and the unit printed just before it."""
    claimed = {id(part) for table in found for part in table.parts}
    others: list[StandardTable] = []
    lines: list[Passage] = []
    for passage in document.passages:
        if passage.kind != "table":
            lines.append(passage)
            continue
        table = passage.table
        assert table is not None
        recent, lines = lines[-_CONTEXT_PASSAGES:], []
        if id(table) in claimed or header_row(table) is not None or has_funds_block(table):
            continue
        texts = [document.passage_text(p).strip() for p in recent if p.page >= table.page - 1]
        unit = next((m.group("unit") for t in reversed(texts) if len(t) <= 60 and (m := UNIT_LINE.search(t))), None)
        title = next((t for t in reversed(texts) if len(t) <= _MAX_TITLE and not UNIT_LINE.search(t)), OTHER_TABLE.title)
        others.append(StandardTable(OTHER_TABLE, title, table.page, [table], unit or _unit_inside(table), title_start=table.start))
    return others


def _title(
    document: Document, before: Passage | None, passage: Passage, text: str, department: str | None, doc_type: str
) -> tuple[TableKind | None, Passage, str]:
    """The table a text passage names, read together with the passage before it when a long
    title wraps onto a second line (「…“三公”经费、会议费、培训费」 + 「支出预算表」)."""
    if before is not None and before.page == passage.page and not _NUMBERED.match(text):
        first = document.passage_text(before).strip()
        joined = first + text
        if len(joined) <= _MAX_TITLE and not first.endswith("表"):
            kind = match_title(joined, department, doc_type)
            if kind is not None:
                return kind, before, joined
    return match_title(text, department, doc_type), passage, text


def _flush_unruled(pending: _Pending | None, found: list[StandardTable]) -> None:
    """A title followed by its 「单位：」 line but no ruled table: printed without rules (present)."""
    if pending is not None and pending.unit is not None:
        found.append(_standard(pending, []))


def _standard(pending: _Pending, parts: list[Table]) -> StandardTable:
    return StandardTable(
        kind=pending.kind,
        title=pending.text,
        page=pending.passage.page,
        parts=parts,
        unit=pending.unit,
        title_start=pending.passage.start,
    )


def _continues(last: StandardTable, table: Table) -> bool:
    if not last.parts:
        return False
    previous = last.parts[-1]
    return table.page == previous.page + 1 and table.n_cols == previous.n_cols


def _unit_inside(table: Table) -> str | None:
    for r in range(min(2, table.n_rows)):
        for text in table.texts(r):
            match = UNIT_LINE.search(text)
            if match:
                return match.group("unit")
    return None


def _title_inside(table: Table, department: str | None, doc_type: str) -> TableKind | None:
    """A title printed in the table's first row (a cell spanning the whole width)."""
    if not table.rows:
        return None
    texts = [t for t in table.texts(0) if t]
    if len(texts) != 1:
        return None
    return match_title(texts[0], department, doc_type)
