"""The document's type: 决算, 预算, 绩效自评 or other.

The title decides first (``决算批复`` is a 决算; ``预算案`` a 预算), then the head, then which
kind the whole text names most. A document that is one table listing many budget units —
a ``单位名称`` column whose rows are organisations, no single publisher named anywhere — is
``other``: it is nobody's 预算 or 决算, whatever its title says.
"""

from __future__ import annotations

import re

from gongkai.classify.names import NAME, is_organisation
from gongkai.normalize.document import Document, Table

_TYPE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "performance_self_evaluation",
        re.compile(r"绩效自评|自评报告|绩效评价报告|整体支出绩效|项目支出绩效自评表|绩效自评表"),
    ),
    ("final_accounts", re.compile(r"(?:部门|单位)决算|决算(?:公开|报告|说明|批复)|年度决算|决算表")),
    ("budget", re.compile(r"(?:部门|单位)预算|预算(?:公开|说明|批复|案)|年度预算|预算表")),
)
_MIN_UNITS = 20  # rows of distinct organisations that make a list of units, not a department's table
_UNIT_HEADER = re.compile(r"^(?:单位名称|预算单位(?:名称)?|部门名称|单位|部门)(?:\s*[/／]\s*\S*)?$")
_UNIT_HEADER_IN_TEXT = re.compile(r"(?:单位名称|预算单位名称)(?!\s*[：:])")
_NUMBER = r"-?\d[\d,]*(?:\.\d+)?"
_TEXT_ROW = re.compile(rf"(?P<name>{NAME}{{2,40}}?)\s*(?:{_NUMBER})(?:\s+{_NUMBER}){{1,}}")
_NOT_A_UNIT = re.compile(r"^(?:合计|总计|小计|共计)")
_AMOUNT = re.compile(rf"^{_NUMBER}$")


def document_type(title: str | None, head: str, text: str) -> str:
    """final_accounts, budget, performance_self_evaluation or other, from the document's words."""
    for source in (title or "", head):
        for doc_type, pattern in _TYPE_PATTERNS:
            if pattern.search(source):
                return doc_type
    counts = {doc_type: len(pattern.findall(text)) for doc_type, pattern in _TYPE_PATTERNS}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "other"


def lists_many_units(document: Document) -> bool:
    """Whether the document's content is one table whose rows are many budget units."""
    size = max(len(document.text), 1)
    for table in document.tables:
        names = _table_units(table)
        if len(names) >= _MIN_UNITS and (table.end - table.start) * 2 >= size:
            return True
    for passage in document.passages:
        if passage.kind == "table":
            continue
        text = document.passage_text(passage)
        header = _UNIT_HEADER_IN_TEXT.search(text)
        if header is None:
            continue
        names, covered = _text_units(text[header.end() :])
        if len(names) >= _MIN_UNITS and covered * 2 >= size:
            return True
    return False


def _table_units(table: Table) -> list[str]:
    """The distinct organisations leading the rows under a 单位名称 header, if it has one."""
    for index in range(min(3, table.n_rows)):
        texts = [t.strip() for t in table.texts(index)]
        first = next((t for t in texts if t), "")
        if _UNIT_HEADER.match(first):
            rows = [table.texts(r) for r in range(index + 1, table.n_rows)]
            leading = [_leading_name(row) for row in rows]
            return _units([name for name in leading if name])
    return []


def _leading_name(row: list[str]) -> str | None:
    cells = [c.strip() for c in row if c.strip()]
    if len(cells) < 2 or _AMOUNT.match(cells[0]) or not any(_AMOUNT.match(c) for c in cells[1:]):
        return None
    return cells[0]


def _text_units(text: str) -> tuple[list[str], int]:
    """Organisations leading rows of numbers in flattened table text, and the span they cover."""
    matches = list(_TEXT_ROW.finditer(text))
    if not matches:
        return [], 0
    return _units([m.group("name") for m in matches]), matches[-1].end() - matches[0].start()


def _units(names: list[str]) -> list[str]:
    """The distinct row names, when most of them read as organisations (else none)."""
    distinct = list(dict.fromkeys(n for n in names if not _NOT_A_UNIT.match(n)))
    organisations = [n for n in distinct if is_organisation(re.sub(r"本级$", "", n))]
    return distinct if len(organisations) * 2 >= len(distinct) else []
