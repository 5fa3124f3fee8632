"""Turning a table cell into a Fact with its provenance."""

from __future__ import annotations

from decimal import Decimal

from gongkai.normalize.document import Cell, Document, Table
from gongkai.normalize.numbers import Number, parse_number, to_yuan
from gongkai.schemas.records import Evidence, Fact, change_direction


def row_quote(table: Table, row: int) -> str:
    """A table row as a quote: its non-empty cells as printed, apart by a space."""
    return " ".join(t for t in table.texts(row) if t)


def row_evidence(
    document: Document, table: Table, row: int, cell: Cell | None = None, column_title: str | None = None
) -> Evidence:
    """Evidence for a row (and the box of the printed characters of one of its cells).

    With ``column_title`` the quote names the column the cited cell stands in
    (「合计 8,400,000 6,100,000 2,300,000（列：基本支出）」): a row of bare figures does
    not say which of them is meant.
    """
    start, end = table.row_bounds(row)
    box = (document.bbox_of(cell.start, cell.end) or cell.bbox) if cell is not None else None
    quote = row_quote(table, row)
    if column_title:
        quote = f"{quote}（列：{column_title}）"
    return Evidence(
        page=cell.page if cell is not None else table.row_page(row),
        quote=quote,
        start=start,
        end=end,
        bbox=box.rounded() if box else None,
    )


class FactMaker:
    """Numbers facts consecutively from a first id."""

    def __init__(self, document: Document, first_id: int) -> None:
        self.document = document
        self.next_id = first_id
        self.facts: list[Fact] = []

    def cell_fact(
        self,
        table: Table,
        row: int,
        cell: Cell,
        number: Number,
        *,
        subject: str,
        measure: str,
        table_name: str,
        column: str,
        unit: str | None,
        subject_code: str | None = None,
        level: str | None = None,
        exact: bool = False,
        row_label: str | None = None,
        column_title: str | None = None,
    ) -> Fact:
        """A fact for one table cell."""
        value: Decimal = number.value
        fact = Fact(
            fact_id=self.next_id,
            subject=subject,
            measure=measure,
            value=value,
            decimals=number.decimals,
            unit=unit,
            evidence=row_evidence(self.document, table, row, cell, column_title),
            origin="table",
            subject_code=subject_code,
            level=level,
            value_yuan=to_yuan(value, unit),
            table=table_name,
            row=row_label or subject,
            column=column,
            exact=exact or value == 0,
            raw=cell.text,
            direction=change_direction(measure, value, -1 if value < 0 else 1),
        )
        self.next_id += 1
        self.facts.append(fact)
        return fact


def cell_number(cell: Cell | None) -> Number | None:
    """The number a cell prints, if it prints exactly one."""
    if cell is None or not cell.text:
        return None
    return parse_number(cell.text.replace(" ", ""))
