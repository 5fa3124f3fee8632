"""Facts from tables: the standard 决算/预算 tables and performance score tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.normalize.document import Document
from gongkai.schemas.records import DocumentInfo, Fact, Statement
from gongkai.tables.cells import FactMaker
from gongkai.tables.funds import FundsRow, read_funds
from gongkai.tables.recognize import StandardTable, recognize_tables
from gongkai.tables.score import ScoreReading, read_score_tables
from gongkai.tables.standard import ReadTable, TableRow, read_standard_table

__all__ = ["FundsRow", "ReadTable", "StandardTable", "TableReading", "TableRow", "read_tables"]


@dataclass(slots=True)
class TableReading:
    """What the table recognisers found."""

    facts: list[Fact] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    scores: ScoreReading = field(default_factory=ScoreReading)
    standard: list[ReadTable] = field(default_factory=list)
    funds: list[FundsRow] = field(default_factory=list)

    def of_kind(self, key: str) -> list[ReadTable]:
        """The read standard tables of one kind (``fa_total`` …)."""
        return [t for t in self.standard if t.key == key]


def read_tables(document: Document, info: DocumentInfo, first_fact_id: int = 0, first_statement_id: int = 0) -> TableReading:
    """Recognise the tables of a document and read their cells into facts."""
    maker = FactMaker(document, first_fact_id)
    standard = [
        read_standard_table(document, table, maker, info.doc_type)
        for table in recognize_tables(document, info.department, info.doc_type)
    ]
    scores = read_score_tables(document, maker)
    funds, statements = read_funds(document, maker, first_statement_id)
    warnings = [
        f"第{t.standard.page}页《{t.standard.kind.title}》没有标明金额单位，表中数字未换算为元"
        for t in standard
        if t.unit is None and t.rows and any(row.values for row in t.rows)
    ]
    return TableReading(
        facts=maker.facts, statements=statements, scores=scores, standard=standard, warnings=warnings, funds=funds
    )
