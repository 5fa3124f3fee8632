"""What one document says that another can check: a small, serialisable digest.

A digest holds, for one document, (1) its figures for this year keyed by the table cell that
prints them — the table kind, the row's 科目 code or subject, the column — and by subject
name for the narrative, and (2) its claims about last year: changes (比上年增加 X 万元，增长
Y%), 与上年持平/相等, and narrative items whose own table disagrees with them. The batch keeps
one digest per document (in its cache entry), so comparing documents never re-reads a file.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from gongkai.analysis import Analysis
from gongkai.export.paths import printable_path
from gongkai.schemas.records import Evidence, Fact, Report
from gongkai.schemas.subjects import subject_key
from gongkai.schemas.vocabulary import MEASURES
from gongkai.validate.rules.cross_text_table import item_candidates, path_key, total_cell
from gongkai.validate.table_arith import equal_mismatch

DIGEST_FORMAT = 1
# the measure classes of a figure "for this year" in a 预算 (budget) or a 决算 (actual)
_THIS_YEAR = {"budget": ("budget",), "final_accounts": ("actual",)}
_FLAT = re.compile(r"^[^。；;，,]{0,6}?[，,]?\s*(?:与|和|同)上年(?:预算数?|决算数?)?(?:数)?(?:相等|持平|相同|一致|基本持平)")


_KEPT = ("fact_id", "subject", "measure", "value", "decimals", "unit", "value_yuan", "page", "quote", "origin",
         "table", "level", "exact", "raw", "direction")
_QUOTE = 160  # characters of a quote a digest keeps


def fact_dict(fact: Fact) -> dict[str, Any]:
    """A fact as the digest stores it: the fields a comparison reads, the quote shortened."""
    full = fact.to_dict()
    kept = {name: full[name] for name in _KEPT}
    kept["quote"] = (kept["quote"] or "")[:_QUOTE]
    return kept


def fact_from(data: dict[str, Any]) -> Fact:
    """The fact a digest stored."""
    value_yuan = data.get("value_yuan")
    bbox = data.get("bbox")
    return Fact(
        fact_id=int(data["fact_id"]),
        subject=data.get("subject") or "",
        measure=data.get("measure") or "",
        value=Decimal(data["value"]),
        decimals=int(data["decimals"]),
        unit=data.get("unit"),
        evidence=Evidence(
            page=int(data["page"]),
            quote=data.get("quote") or "",
            start=int(data.get("start") or 0),
            end=int(data.get("end") or 0),
            bbox=tuple(bbox) if bbox else None,  # type: ignore[arg-type]
        ),
        origin=data.get("origin") or "text",
        subject_code=data.get("subject_code"),
        level=data.get("level"),
        value_yuan=Decimal(value_yuan) if value_yuan is not None else None,
        table=data.get("table"),
        row=data.get("row"),
        column=data.get("column"),
        exact=bool(data.get("exact")),
        raw=data.get("raw") or "",
        direction=data.get("direction"),
    )


def department_key(name: str | None) -> str | None:
    """One department however its publications name it: 中国共产党某某省委员会办公厅, 中共某某省委办公厅
    and 某某省委办公厅 are one key (the party prefix dropped, 省委员会 shortened to 省委)."""
    if not name:
        return None
    text = re.sub(r"\s+", "", name).replace("中国共产党", "中共")
    text = re.sub(r"(?<=[省市区县州旗])委员会", "委", text)
    return text.removeprefix("中共") or None


def cell_key(table_kind: str, row: str, column: str | None) -> str:
    """The key of a table cell across documents: its table kind, its row (科目 code or subject) and column."""
    return f"{table_kind}|{row}|{column or ''}"


def digest_of(analysis: Analysis, report: Report) -> dict[str, Any]:
    """The digest of one analysed and checked document."""
    info = analysis.info
    classes = _THIS_YEAR.get(info.doc_type, ())
    cells: dict[str, list[dict[str, Any]]] = {}
    anchors: dict[int, list[str]] = {}  # a fact's id → the cells that print it
    for table in analysis.tables.standard:
        for row in table.rows:
            name = row.code or subject_key(row.label)
            if not name:
                continue
            total = total_cell(row) if row.code else None
            for column, cell in row.values.items():
                if cell.value_yuan is None or MEASURES.get(cell.measure) not in classes:
                    continue
                if total is not None and cell is not total:
                    continue  # a 科目 row is compared by its total; its other columns stay home
                key = cell_key(table.key, name, column)
                cells.setdefault(key, []).append(fact_dict(cell))
                anchors.setdefault(cell.fact_id, []).append(key)
    paths: dict[str, list[str]] = {}  # a 科目's name path (类款项, or 款项) → the cells of its row
    for table in analysis.tables.standard:
        names = {row.code: path_key(row.label) for row in table.rows if row.code}
        for row in table.rows:
            cell = total_cell(row) if row.code and len(row.code) in (3, 5, 7) else None
            if cell is None or cell.fact_id not in anchors:
                continue
            full = "".join(names.get(row.code[:n], "") for n in (3, 5, 7) if n <= len(row.code))
            for path in {full, names.get(row.code[:5], "") + names[row.code] if len(row.code) == 7 else full}:
                paths.setdefault(path, []).extend(anchors[cell.fact_id])
    named: dict[str, list[dict[str, Any]]] = {}
    items: list[dict[str, Any]] = []  # narrative figures of a 科目 or a total, for a tables file of the same publication
    for fact in analysis.text_facts:
        if fact.value_yuan is not None and MEASURES.get(fact.measure) in classes and fact.subject:
            items.append({"current": fact_dict(fact), "key": subject_key(fact.subject), "path": path_key(fact.subject) if fact.level else None})
    for fact in analysis.text_facts:
        if fact.value_yuan is not None and MEASURES.get(fact.measure) in classes and fact.subject:
            named.setdefault(subject_key(fact.subject), []).append(fact_dict(fact))
    claims = [*_change_claims(analysis, classes), *_flat_claims(analysis, classes), *_stale_items(analysis, classes)]
    for claim in claims:
        claim["cells"] = _cells_of(analysis, fact_from(claim["current"]), anchors)
    return {
        "format": DIGEST_FORMAT,
        "doc_id": info.doc_id,
        "source": printable_path(info.source),
        "department": info.department,
        "fiscal_year": info.fiscal_year,
        "doc_type": info.doc_type,
        "checks": len(report.checks),
        "findings": len(report.findings),
        "tables": bool(analysis.tables.standard),
        "cells": cells,
        "paths": paths,
        "named": named,
        "items": items,
        "claims": claims,
    }


def _cells_of(analysis: Analysis, fact: Fact, anchors: dict[int, list[str]]) -> list[str]:
    """The table cells of its own document that print a narrative figure (its 科目 row when the
    narrative names it exactly, else the cells of the same subject that print the same value)."""
    keys: list[str] = []
    if fact.level:
        for _table, _row, cell, exact in item_candidates(analysis, fact):
            if exact and equal_mismatch(fact, cell) is None:
                keys += anchors.get(cell.fact_id, [])
    if keys:
        return sorted(set(keys))
    name = subject_key(fact.subject)
    for table in analysis.tables.standard:
        for row in table.rows:
            for cell in row.values.values():
                same = subject_key(cell.subject) == name or subject_key(row.label) == name
                if same and cell.value_yuan is not None and equal_mismatch(fact, cell) is None:
                    keys += anchors.get(cell.fact_id, [])
    return sorted(set(keys))


def _change_claims(analysis: Analysis, classes: tuple[str, ...]) -> list[dict[str, Any]]:
    """比上年增加 X，增长 Y%: the current figure, the signed change and the rate of each."""
    out: list[dict[str, Any]] = []
    for statement in analysis.statements_of("yoy"):
        currents = statement.role("current")
        if not currents or len({c.value_yuan for c in currents}) != 1:
            continue  # the figure the change is about is not certain
        current = currents[0]
        if current.value_yuan is None or MEASURES.get(current.measure) not in classes:
            continue
        change = statement.role("change")[0]
        rates = statement.role("rate")
        if change.direction is None:
            continue
        out.append(
            {
                "kind": "change",
                "subject": current.subject,
                "key": subject_key(current.subject),
                "current": fact_dict(current),
                "change": fact_dict(change) if change.measure == "增减额" else None,
                "rate": fact_dict(rates[0]) if rates else (fact_dict(change) if change.measure == "增减率" else None),
                "page": statement.evidence.page,
                "quote": statement.evidence.quote,
            }
        )
    return out


def _flat_claims(analysis: Analysis, classes: tuple[str, ...]) -> list[dict[str, Any]]:
    """「…费预算支出100万元，与上年预算数相等」: an amount said to equal last year's."""
    out: list[dict[str, Any]] = []
    for mention in analysis.text.mentions:
        fact = mention.fact
        if fact.value_yuan is None or MEASURES.get(fact.measure) not in classes or not fact.subject:
            continue
        claim = _FLAT.match(mention.view.text[mention.end :])
        if claim is None:
            continue
        out.append(
            {
                "kind": "flat",
                "subject": fact.subject,
                "key": subject_key(fact.subject),
                "current": fact_dict(fact),
                "said": claim.group(0).lstrip("，, "),
                "page": fact.evidence.page,
                "quote": fact.evidence.quote,
            }
        )
    return out


def _stale_items(analysis: Analysis, classes: tuple[str, ...]) -> list[dict[str, Any]]:
    """Narrative 科目 figures that no cell of their own exactly named 科目 row prints: a figure
    last year's document may explain (the previous year's amount left in the text)."""
    out: list[dict[str, Any]] = []
    for fact in analysis.text_facts:
        if not fact.level or fact.value_yuan is None or MEASURES.get(fact.measure) not in classes:
            continue
        rows = [(table, row, cell) for table, row, cell, exact in item_candidates(analysis, fact) if exact]
        if not rows or any(equal_mismatch(fact, cell) is None for _, _, cell in rows):
            continue
        cell = rows[0][2]
        out.append(
            {
                "kind": "stale",
                "subject": fact.subject,
                "key": subject_key(fact.subject),
                "current": fact_dict(fact),
                "own_cell": fact_dict(cell),
                "row_cells": [cell_key(t.key, r.code or subject_key(r.label), c.column) for t, r, c in rows],
                "page": fact.evidence.page,
                "quote": fact.evidence.quote,
            }
        )
    return out
