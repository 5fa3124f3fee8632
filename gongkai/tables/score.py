"""Performance score tables (绩效评分表) and score summaries (评分结果表).

Two layouts occur in the seeds and in practice: one row per third-level indicator with
分值 and 得分 columns (the level-1 name printed once per group, sometimes shifted by a
column), and a wide layout with 评分标准 and 评分依据 columns where each indicator name
carries its points, 预算执行率(12分). Rows are read by content rather than by column
position alone: the last numbers of a row are its points and its score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.normalize.document import Cell, Document, Table
from gongkai.normalize.numbers import Number, parse_number
from gongkai.schemas.records import Evidence, Fact
from gongkai.schemas.vocabulary import GRADE_ABBREVIATIONS, GRADES, LEVEL1_INDICATORS
from gongkai.tables.cells import FactMaker, row_evidence

_POINTS_IN_LABEL = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
_ENUMERATOR = re.compile(r"^(?:\d{1,2}[、.．]|[（(]?[一二三四五六七八九十]+[、)）]|[（(]\d{1,2}[)）])\s*")
_TOTAL_LABEL = re.compile(r"^(?:总分|合计|总计|综合得分|综合绩效|综合评分|总得分|得分合计)$")
_OVERALL = re.compile(r"综合|总分|总计|合计|整体")
_LEVEL1_DECLARED = re.compile(r"一级指标\s*\d+\s*个\s*[，,]?\s*(?:分别为|分别是|包括|即)[：:]?\s*([^；。]+)")


@dataclass(slots=True)
class ScoreRow:
    """One indicator row of a score table (or its total row)."""

    row: int
    indicator: str
    level1: str | None
    score: Fact | None
    points: Fact | None
    criterion: str
    basis: str
    evidence: Evidence
    is_total: bool = False


@dataclass(slots=True)
class ScoreTable:
    """A score table: its indicator rows and its total row."""

    table: Table
    rows: list[ScoreRow]
    total: ScoreRow | None


@dataclass(slots=True)
class SummaryRow:
    """One row of a score summary (评价指标 权重 分值 得分 得分比 评价结论)."""

    name: str
    evidence: Evidence
    weight: Fact | None = None
    points: Fact | None = None
    score: Fact | None = None
    ratio: Fact | None = None
    grade: str | None = None

    @property
    def is_overall(self) -> bool:
        """Whether the row is the overall result (综合绩效, 合计 …)."""
        return bool(_OVERALL.search(self.name))


@dataclass(slots=True)
class ScoreReading:
    """All score tables and summary rows of a document."""

    tables: list[ScoreTable] = field(default_factory=list)
    summaries: list[SummaryRow] = field(default_factory=list)


def header_row(table: Table) -> int | None:
    """The index of the header row holding 得分, within the first three rows."""
    for r in range(min(3, table.n_rows)):
        texts = table.texts(r)
        if any("得分" in t and not re.search(r"得分[比率]", t) for t in texts) and sum(1 for t in texts if t) >= 2:
            return r
    return None


def is_summary(table: Table, header: int) -> bool:
    """A summary of dimension scores with a grade column."""
    joined = "".join(table.texts(header))
    return bool(re.search(r"结论|等级|评级结果|评价结果", joined)) and "三级指标" not in joined


def level1_names(text: str) -> set[str]:
    """The first-level indicators a report declares, else the common ones."""
    declared: set[str] = set()
    for match in _LEVEL1_DECLARED.finditer(text):
        declared.update(n.strip(" 、，,") for n in re.split(r"[、，,和及]", match.group(1)) if n.strip())
    return declared or set(LEVEL1_INDICATORS)


def normalize_grade(text: str) -> str | None:
    """A grade word as the scale names it: 优 → 优秀, 良 → 良好."""
    text = text.strip().strip("“”\"")
    if text in GRADES:
        return text
    return GRADE_ABBREVIATIONS.get(text)


def read_score_tables(document: Document, maker: FactMaker) -> ScoreReading:
    """Recognise and read every score table and summary in the document."""
    reading = ScoreReading()
    levels = level1_names(document.text)
    for table in document.tables:
        header = header_row(table)
        if header is None:
            continue
        if is_summary(table, header):
            reading.summaries.extend(_read_summary(document, table, header, maker))
        else:
            reading.tables.append(_read_score_table(document, table, header, maker, levels))
    return reading


def _column_roles(table: Table, header: int) -> dict[str, int]:
    roles: dict[str, int] = {}
    for c, text in enumerate(table.texts(header)):
        if "得分" in text and not re.search(r"得分[比率]", text):
            roles.setdefault("score", c)
        elif re.search(r"分值|满分|标准分|权重分", text):
            roles.setdefault("points", c)
        elif re.search(r"评分标准|评分规则|指标解释|计分方法", text):
            roles.setdefault("criterion", c)
        elif re.search(r"评分依据|说明|完成情况|实际完成", text):
            roles.setdefault("basis", c)
        elif "序号" in text:
            roles.setdefault("seq", c)
        elif re.search(r"指标值|完成值|目标值|实际值|完成情况", text):
            roles.setdefault(f"value{c}", c)
    levels = [(c, text) for c, text in enumerate(table.texts(header)) if re.search(r"[一二三四]级指标|指标名称", text)]
    if levels:
        order = {"一": 1, "二": 2, "三": 3, "四": 4}
        roles["indicator"] = max(levels, key=lambda item: order.get(item[1][:1], 5) if "级" in item[1] else 5)[0]
    return roles


def _is_header(texts: list[str]) -> bool:
    """A row of column heads inside a table (分值 | 得分 …)."""
    cells = [t for t in texts if t]
    return any("得分" in t for t in cells) and not any(parse_number(t) is not None for t in cells)


def _aligned_numbers(cells: list[Cell | None], roles: dict[str, int]) -> list[tuple[int, Number]]:
    """(points, score) read from the columns the header names, when both print numbers there."""
    found = []
    for role in ("points", "score"):
        column = roles.get(role)
        cell = cells[column] if column is not None and column < len(cells) else None
        number = parse_number(cell.text) if cell is not None and cell.text else None
        if number is None or number.unit not in (None, "分"):
            return []
        found.append((column, number))
    return found  # type: ignore[return-value]


def _trailing_numbers(cells: list[Cell | None]) -> list[tuple[int, Number]]:
    """The numbers at the end of a row (skipping trailing empty cells), left to right."""
    out: list[tuple[int, Number]] = []
    c = len(cells) - 1
    while c >= 0 and (cells[c] is None or not cells[c].text):  # type: ignore[union-attr]
        c -= 1
    while c >= 0:
        cell = cells[c]
        number = parse_number(cell.text) if cell is not None else None
        if number is None or number.unit not in (None, "分"):
            break
        out.append((c, number))
        c -= 1
    return list(reversed(out))


def _read_score_table(document: Document, table: Table, header: int, maker: FactMaker, levels: set[str]) -> ScoreTable:
    roles = _column_roles(table, header)
    rows: list[ScoreRow] = []
    total: ScoreRow | None = None
    level1: str | None = None
    for r in range(header + 1, table.n_rows):
        cells = table.rows[r]
        texts = table.texts(r)
        if _is_header(texts):
            roles = _column_roles(table, r)  # a second block with its own column heads
            continue
        numbers = _aligned_numbers(cells, roles) or _trailing_numbers(cells)
        if not numbers:
            continue
        first_number_col = numbers[0][0]
        skipped = {v for k, v in roles.items() if k in ("criterion", "basis") or k.startswith("value")}
        labels = [
            (c, cell.text)
            for c, cell in enumerate(cells[:first_number_col])
            if cell is not None and cell.text and parse_number(cell.text) is None and c not in skipped
        ]
        for _, text in labels:
            name = _POINTS_IN_LABEL.sub("", text).strip()
            if name in levels or name.removesuffix("指标") in levels:
                level1 = name.removesuffix("指标") if name not in levels else name
        named = _text_at(cells, roles.get("indicator"))
        named = "" if parse_number(named) is not None else named  # a shifted row puts its number there
        indicator = _POINTS_IN_LABEL.sub("", _ENUMERATOR.sub("", named)).strip() if named else _indicator(labels)
        is_total = not labels or bool(_TOTAL_LABEL.match(indicator))
        score_col, score_number = numbers[-1]
        points_number: Number | None = numbers[-2][1] if len(numbers) >= 2 and "points" in roles else None
        points_col = numbers[-2][0] if points_number is not None else None
        name = "总分" if is_total else indicator
        score = maker.cell_fact(
            table, r, cells[score_col], score_number,  # type: ignore[arg-type]
            subject=name, measure="得分", table_name="绩效评分表", column="得分", unit="分", exact=True,
        )
        points = None
        if points_number is not None and points_col is not None:
            points = maker.cell_fact(
                table, r, cells[points_col], points_number,  # type: ignore[arg-type]
                subject=name, measure="分值", table_name="绩效评分表", column="分值", unit="分", exact=True,
            )
        score_row = ScoreRow(
            row=r,
            indicator=name,
            level1=None if is_total else level1,
            score=score,
            points=points,
            criterion=_text_at(cells, roles.get("criterion")),
            basis=_text_at(cells, roles.get("basis")),
            evidence=row_evidence(document, table, r, cells[score_col]),
            is_total=is_total,
        )
        if is_total:
            total = score_row
        else:
            rows.append(score_row)
    return ScoreTable(table=table, rows=rows, total=total)


def _indicator(labels: list[tuple[int, str]]) -> str:
    if not labels:
        return ""
    text = labels[-1][1]
    return _POINTS_IN_LABEL.sub("", _ENUMERATOR.sub("", text)).strip()


def _text_at(cells: list[Cell | None], column: int | None) -> str:
    if column is None or column >= len(cells) or cells[column] is None:
        return ""
    return cells[column].text  # type: ignore[union-attr]


def _read_summary(document: Document, table: Table, header: int, maker: FactMaker) -> list[SummaryRow]:
    columns: dict[str, int] = {}
    for c, text in enumerate(table.texts(header)):
        if re.search(r"得分[比率]|得分率|完成率", text):
            columns.setdefault("ratio", c)
        elif "得分" in text:
            columns.setdefault("score", c)
        elif "权重" in text:
            columns.setdefault("weight", c)
        elif re.search(r"分值|满分", text):
            columns.setdefault("points", c)
        elif re.search(r"结论|等级|评级|结果", text):
            columns.setdefault("grade", c)
    out: list[SummaryRow] = []
    for r in range(header + 1, table.n_rows):
        cells = table.rows[r]
        texts = table.texts(r)
        name_text = next((t for t in texts if t and parse_number(t) is None), "")
        name = _ENUMERATOR.sub("", name_text).strip()
        if not name:
            continue
        row = SummaryRow(name=name, evidence=row_evidence(document, table, r))
        for role, measure, unit in (("weight", "权重", "%"), ("points", "分值", "分"), ("score", "得分", "分"), ("ratio", "得分率", "%")):
            column = columns.get(role)
            cell = cells[column] if column is not None and column < len(cells) else None
            number = parse_number(cell.text) if cell is not None else None
            if cell is None or number is None:
                continue
            fact = maker.cell_fact(
                table, r, cell, number,
                subject=name, measure=measure, table_name="评分结果表", column=measure,
                unit=number.unit or unit, exact=role in ("points", "score"),
            )
            setattr(row, role, fact)
        grade_column = columns.get("grade")
        if grade_column is not None and grade_column < len(texts):
            row.grade = normalize_grade(texts[grade_column])
        out.append(row)
    return out
