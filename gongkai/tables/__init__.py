"""Facts from tables: the standard 决算/预算 tables and performance score tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.normalize.document import Document
from gongkai.schemas.records import DocumentInfo, Fact, Statement
from gongkai.tables.cells import FactMaker
from gongkai.tables.score import ScoreReading, read_score_tables

__all__ = ["TableReading", "read_tables"]


@dataclass(slots=True)
class TableReading:
    """What the table recognisers found."""

    facts: list[Fact] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    scores: ScoreReading = field(default_factory=ScoreReading)


def read_tables(document: Document, info: DocumentInfo, first_fact_id: int = 0, first_statement_id: int = 0) -> TableReading:
    """Recognise the tables of a document and read their cells into facts."""
    maker = FactMaker(document, first_fact_id)
    scores = read_score_tables(document, maker)
    return TableReading(facts=maker.facts, scores=scores)
