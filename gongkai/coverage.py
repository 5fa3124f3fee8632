"""How much of a document gongkai read and verified: the denominator beside the findings.

A clean report of a document gongkai could not read must not look like a clean document:
the coverage says which standard tables were expected, named and recognised, how many table
rows an identity verified, how many narrative numbers were bound to a statement, and how
many checks held, failed or could not be judged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from gongkai.analysis import Analysis
from gongkai.normalize.document import Document
from gongkai.schemas.records import VERDICTS, Check
from gongkai.schemas.tables import FINAL_ACCOUNTS_TABLES, TableKind, match_title

_TITLE_LENGTH = 80  # a line longer than this is prose, not a table's title in a 目录
_JUDGED = ("consistent", "inconsistent")


@dataclass(frozen=True, slots=True)
class Coverage:
    """What was read and what was verified in one document."""

    tables_expected: int | None  # standard tables its type must publish (None: no fixed set)
    tables_listed: int  # standard tables it names outside its tables (its 目录, its text)
    tables_recognised: int
    tables_expected_found: int | None  # of the expected tables, how many were recognised
    table_rows: int  # data rows read from the recognised standard tables
    table_rows_verified: int  # rows with a figure in a judged check
    text_numbers: int  # numbers printed in the narrative
    text_numbers_bound: int  # of those, bound into a statement
    checks_consistent: int
    checks_inconsistent: int
    checks_not_judged: int

    @property
    def checks(self) -> int:
        """All checks, whatever their verdict."""
        return self.checks_consistent + self.checks_inconsistent + self.checks_not_judged

    def line(self) -> str:
        """One line for the terminal, in Chinese: 「核对了 57 处，全部相符；6 处无法判断 …」."""
        judged = self.checks_consistent + self.checks_inconsistent
        if judged == 0:
            verdict = "没有可核对之处"
        elif self.checks_inconsistent == 0:
            verdict = f"核对了 {judged} 处，全部相符"
        else:
            verdict = f"核对了 {judged} 处，{self.checks_inconsistent} 处不符"
        if self.checks_not_judged:
            verdict += f"；{self.checks_not_judged} 处无法判断"
        parts = [verdict]
        if self.tables_expected is not None:
            parts.append(f"应有的 {self.tables_expected} 张标准表识别出 {self.tables_expected_found} 张")
        elif self.tables_recognised:
            parts.append(f"识别标准表 {self.tables_recognised} 张")
        if self.table_rows:
            parts.append(f"表内 {self.table_rows} 行中 {self.table_rows_verified} 行经算式核对")
        if self.text_numbers:
            parts.append(f"正文 {self.text_numbers} 个数字中 {self.text_numbers_bound} 个已对应到算式")
        return "；".join(parts[:1]) + ("（" + "，".join(parts[1:]) + "）" if parts[1:] else "")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, with the total of checks."""
        out: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        out["checks"] = self.checks
        return out


def coverage_of(analysis: Analysis, checks: Iterable[Check]) -> Coverage:
    """The coverage of an analysed document whose rules produced ``checks``."""
    checks = list(checks)
    verdicts = dict.fromkeys(VERDICTS, 0)
    for check in checks:
        verdicts[check.verdict] += 1
    judged_facts = {fact_id for c in checks if c.verdict in _JUDGED for fact_id in c.fact_ids}
    rows = [row for table in analysis.tables.standard for row in table.rows if row.values]
    verified = sum(1 for row in rows if any(f.fact_id in judged_facts for f in row.values.values()))
    text_ids = {f.fact_id for f in analysis.text_facts}
    bound = {f.fact_id for s in analysis.statements for f in s.facts} & text_ids
    recognised = {t.key for t in analysis.tables.standard if t.standard.parts or t.standard.empty_note}
    doc_type = analysis.info.doc_type
    expected = {k.key for k in FINAL_ACCOUNTS_TABLES if k.required} if doc_type == "final_accounts" else None
    return Coverage(
        tables_expected=len(expected) if expected is not None else None,
        tables_listed=len(listed_tables(analysis.document, doc_type, analysis.info.department)),
        tables_recognised=len(recognised),
        tables_expected_found=len(expected & recognised) if expected is not None else None,
        table_rows=len(rows),
        table_rows_verified=verified,
        text_numbers=len(text_ids),
        text_numbers_bound=len(bound),
        checks_consistent=verdicts["consistent"],
        checks_inconsistent=verdicts["inconsistent"],
        checks_not_judged=verdicts["not_judged"],
    )


def listed_tables(document: Document, doc_type: str, department: str | None = None) -> set[str]:
    """The keys of the standard tables a document names on a line of their own outside its
    tables (its 目录, a list of attachments)."""
    keys: set[str] = set()
    for passage in document.passages:
        if passage.kind == "table":
            continue
        line = document.passage_text(passage).strip()
        if len(line) > _TITLE_LENGTH:
            continue
        found: TableKind | None = match_title(line, department, doc_type)
        if found is not None and found.key != "other":
            keys.add(found.key)
    return keys
