"""The funds block of 绩效自评表: 年初预算数 · 全年预算数 · 全年执行数 · 分值 · 执行率 · 得分.

项目支出绩效自评表 and 部门整体支出绩效自评表 open with a block like

    项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
    年度资金总额     |   100.00   |   100.00   |   95.00    |  10  |  95%   | 9.5
    其中：当年财政拨款 …

Each row states an execution rate (执行数 ÷ 全年预算数) and usually a score derived from it
(分值 × 执行率). The block may sit anywhere in a larger table; its header row is found by
its column names and its rows are read until the figures stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.normalize.document import Cell, Document, Table
from gongkai.normalize.numbers import Number, parse_number
from gongkai.schemas.records import Evidence, Fact, Statement
from gongkai.tables.cells import FactMaker, row_evidence

_COLUMNS: tuple[tuple[str, re.Pattern[str], str, str | None], ...] = (
    # role, header pattern, measure, unit when the cell prints none
    ("initial", re.compile(r"年初预算"), "年初预算数", None),
    ("full", re.compile(r"全年预算|调整后预算|预算数"), "全年预算数", None),
    ("actual", re.compile(r"执行数|实际支出|支出数|决算数"), "决算数", None),
    ("points", re.compile(r"分值|权重"), "分值", "分"),
    ("rate", re.compile(r"执行率|完成率"), "执行率", "%"),
    ("score", re.compile(r"得分"), "得分", "分"),
)
_LABEL_PREFIX = re.compile(r"^(?:其中[：:]?|[一二三四五六七八九十\d]+[、.．])")


@dataclass(slots=True)
class FundsRow:
    """One row of a funds block, with its facts by role."""

    label: str
    facts: dict[str, Fact]
    evidence: Evidence


def _header(texts: list[str]) -> dict[str, int] | None:
    roles: dict[str, int] = {}
    for c, text in enumerate(texts):
        compact = text.replace(" ", "")
        for role, pattern, _, _ in _COLUMNS:
            if role not in roles and pattern.search(compact) and not any(c == v for v in roles.values()):
                if role == "full" and "年初" in compact:
                    continue
                roles[role] = c
                break
    needed = {"actual", "rate"} <= set(roles) and ({"full", "initial"} & set(roles))
    return roles if needed else None


def has_funds_block(table: Table) -> bool:
    """Whether a table holds a funds block (年初预算数 … 执行数 … 执行率) read by ``read_funds``."""
    return any(_header(table.texts(r)) is not None for r in range(table.n_rows))


def read_funds(document: Document, maker: FactMaker, next_statement: int) -> tuple[list[FundsRow], list[Statement]]:
    """Every funds block in the document's tables, with a rate statement per row."""
    rows: list[FundsRow] = []
    statements: list[Statement] = []
    for table in document.tables:
        r = 0
        while r < table.n_rows:
            roles = _header(table.texts(r))
            if roles is None:
                r += 1
                continue
            unit = _money_unit(" ".join(table.texts(r)))
            r += 1
            while r < table.n_rows:
                row = _read_row(document, table, r, roles, maker, unit)
                if row is None:
                    break
                rows.append(row)
                statement = _rate_statement(row, next_statement + len(statements))
                if statement is not None:
                    statements.append(statement)
                r += 1
    return rows, statements


def _money_unit(header: str) -> str | None:
    """The money unit a header declares (项目资金（万元）), if it declares one."""
    match = re.search(r"[（(](万元|元|亿元|千元)[)）]|单位[：:]\s*(万元|元|亿元|千元)", header)
    return (match.group(1) or match.group(2)) if match else None


def _read_row(
    document: Document, table: Table, r: int, roles: dict[str, int], maker: FactMaker, money: str | None
) -> FundsRow | None:
    cells = table.rows[r]
    first_value = min(roles.values())
    label = ""
    for cell in reversed(cells[:first_value]):
        if cell is not None and cell.text and parse_number(cell.text) is None:
            label = _LABEL_PREFIX.sub("", cell.text).strip()
            break
    numbers: dict[str, tuple[Cell, Number]] = {}
    for role, column in roles.items():
        cell = cells[column] if column < len(cells) else None
        number = parse_number(cell.text) if cell is not None and cell.text else None
        if cell is not None and number is not None:
            numbers[role] = (cell, number)
    if not label or "actual" not in numbers:
        return None
    facts: dict[str, Fact] = {}
    for role, _, measure, unit in _COLUMNS:
        if role not in numbers:
            continue
        cell, number = numbers[role]
        facts[role] = maker.cell_fact(
            table,
            r,
            cell,
            number,
            subject=label,
            measure=measure,
            table_name="绩效自评表",
            column=measure,
            unit=number.unit or unit or money,
            exact=role in ("points", "score"),
        )
    return FundsRow(label, facts, row_evidence(document, table, r))


def _rate_statement(row: FundsRow, statement_id: int) -> Statement | None:
    rate = row.facts.get("rate")
    actual = row.facts.get("actual")
    denominators = [row.facts[r] for r in ("full", "initial") if r in row.facts][:1]  # 全年预算数 when printed
    if rate is None or actual is None or not denominators:
        return None
    roles: tuple[tuple[str, tuple[Fact, ...]], ...] = (
        ("result", (rate,)),
        ("numerator", (actual,)),
        ("denominator", tuple(denominators)),
    )
    return Statement(statement_id, "rate", (rate, actual, *denominators), row.evidence, roles, note=f"{row.label}执行率")
