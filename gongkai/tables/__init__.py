"""Facts from tables: the standard 决算/预算 tables and performance score tables.

Each reader runs on its own: a standard table, the score tables or the funds tables whose
reader raises become one ``StageFailure`` (an ``internal`` finding) and add no facts (a
standard table stays listed, without rows); every other table is still read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from gongkai.failures import StageFailure, attempt
from gongkai.limits import check_deadline
from gongkai.normalize.document import Document
from gongkai.schemas.records import DocumentInfo, Evidence, Fact, Statement
from gongkai.tables.cells import FactMaker
from gongkai.tables.funds import FundsRow, read_funds
from gongkai.tables.recognize import StandardTable, recognize_tables
from gongkai.tables.score import ScoreReading, read_score_tables
from gongkai.tables.standard import ReadTable, TableRow, read_standard_table

__all__ = ["FundsRow", "ReadTable", "StandardTable", "TableReading", "TableRow", "read_tables"]

T = TypeVar("T")


@dataclass(slots=True)
class TableReading:
    """What the table recognisers found, and the readers that failed."""

    facts: list[Fact] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    scores: ScoreReading = field(default_factory=ScoreReading)
    standard: list[ReadTable] = field(default_factory=list)
    funds: list[FundsRow] = field(default_factory=list)
    failures: list[StageFailure] = field(default_factory=list)

    def of_kind(self, key: str) -> list[ReadTable]:
        """The read standard tables of one kind (``fa_total`` …)."""
        return [t for t in self.standard if t.key == key]


def read_tables(
    document: Document,
    info: DocumentInfo,
    first_fact_id: int = 0,
    first_statement_id: int = 0,
    *,
    reraise: bool = False,
) -> TableReading:
    """Recognise the tables of a document and read their cells into facts.

    A reader that raises is recorded in ``failures`` (``reraise`` raises it instead).
    """
    maker = FactMaker(document, first_fact_id)
    failures: list[StageFailure] = []
    recognized = attempt(
        lambda: recognize_tables(document, info.department, info.doc_type), failures, "recognize_tables", reraise=reraise
    )
    standard = []
    for table in recognized or []:
        check_deadline("读取表格")
        standard.append(_read_one(document, table, maker, info.doc_type, failures, reraise))
    scores = _rolled_back(maker, lambda: read_score_tables(document, maker), failures, "score_tables", reraise)
    funds_read = _rolled_back(maker, lambda: read_funds(document, maker, first_statement_id), failures, "funds_table", reraise)
    funds, statements = funds_read if funds_read is not None else ([], [])
    warnings = [
        f"第{t.standard.page}页《{t.standard.kind.title}》没有标明金额单位，表中数字未换算为元"
        for t in standard
        if t.unit is None and t.rows and any(row.values for row in t.rows)
    ]
    return TableReading(
        facts=maker.facts,
        statements=statements,
        scores=scores if scores is not None else ScoreReading(),
        standard=standard,
        warnings=warnings,
        funds=funds,
        failures=failures,
    )


def _read_one(
    document: Document,
    table: StandardTable,
    maker: FactMaker,
    doc_type: str,
    failures: list[StageFailure],
    reraise: bool,
) -> ReadTable:
    """One standard table; if its reader raises, a failure naming its title and page and the table
    without rows (it was recognised, so it is not missing; its figures are unknown)."""
    title = table.kind.title
    read = _rolled_back(
        maker,
        lambda: read_standard_table(document, table, maker, doc_type),
        failures,
        "table_reader",
        reraise,
        where=f"第{table.page}页《{title}》",
        page=table.page,
        evidence=Evidence(page=table.page, quote=table.title or title, start=table.title_start, end=table.title_start),
    )
    return read if read is not None else ReadTable(table, [], [], table.unit)


def _rolled_back(
    maker: FactMaker,
    call: Callable[[], T],
    failures: list[StageFailure],
    stage: str,
    reraise: bool,
    **place: Any,
) -> T | None:
    """``attempt(call)``; when it fails, the facts it made before failing are taken back."""
    next_id, made = maker.next_id, len(maker.facts)
    result = attempt(call, failures, stage, reraise=reraise, **place)
    if result is None:
        maker.next_id = next_id
        del maker.facts[made:]
    return result
