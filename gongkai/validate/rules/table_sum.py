"""Sums inside the standard tables: 类 = Σ款 = Σ项, row identities, 人员经费/公用经费 totals."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from gongkai.analysis import Analysis
from gongkai.normalize.numbers import MONEY_FACTORS
from gongkai.schemas.records import Check, Fact, Finding
from gongkai.tables import ReadTable, TableRow
from gongkai.validate.figures import interval, make_finding, shown
from gongkai.validate.interval import Interval
from gongkai.validate.registry import rule
from gongkai.validate.table_arith import comparable, sum_mismatch
from gongkai.validate.verdicts import held, unjudged

# the reason of a check whose figures are money and not money at once
INCOMPARABLE = "金额与非金额数字无法相加比较"

# table kind → (total column, part columns); the parts present in the table are summed.
ROW_IDENTITIES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "fa_expense": (("本年支出合计", ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")),),
    "fa_income": (
        ("本年收入合计", ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")),
    ),
    "fa_general_expense": (("合计", ("基本支出", "项目支出")),),
    "bd_general_expense": (("合计", ("基本支出", "项目支出")),),
    "fa_fiscal_total": (("合计", ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")),),
    "fa_sangong": (
        ("合计（预算数）", ("因公出国（境）费（预算数）", "公务用车购置及运行维护费（预算数）", "小计（预算数）", "公务接待费（预算数）")),
        ("合计（决算数）", ("因公出国（境）费（决算数）", "公务用车购置及运行维护费（决算数）", "小计（决算数）", "公务接待费（决算数）")),
        ("小计（预算数）", ("公务用车购置费（预算数）", "公务用车运行维护费（预算数）")),
        ("小计（决算数）", ("公务用车购置费（决算数）", "公务用车运行维护费（决算数）")),
    ),
}
# 人员经费 and 公用经费 in the 基本支出 table, by economic class.
ECONOMIC_TOTALS = {"人员经费合计": ("301", "303"), "公用经费合计": ("302", "307", "309", "310", "399")}


@rule("sum.table_hierarchy", "sum", "error")
def hierarchy(analysis: Analysis) -> Iterator[Finding | Check]:
    """In a table listed by 科目编码, every 类 must equal the sum of its 款 and every 款 the sum
    of its 项, column by column, and the 合计 row the sum of the 类 rows."""
    for table in analysis.tables.standard:
        coded = [r for r in table.rows if r.code]
        if not coded or not table.complete:
            continue
        for parent in coded:
            children = [r for r in coded if r.code != parent.code and r.code.startswith(parent.code) and len(r.code) == len(parent.code) + 2]  # type: ignore[union-attr]
            if children:
                yield from _check_rows(table, parent, children, hierarchy)
        totals = [r for r in table.rows if r.label in ("合计", "总计") and not r.code]
        classes = [r for r in coded if len(r.code) == 3]  # type: ignore[arg-type]
        if totals and len({r.code[:1] for r in classes}) == 1:  # type: ignore[index]
            yield from _check_rows(table, totals[0], classes, hierarchy)


def sum_in_unit(parts: Iterable[Fact], like: Fact) -> Interval:
    """The interval of the sum of ``parts`` in ``like``'s unit (元 parts of a 万元 total in 万元)."""
    total = Interval.point(Decimal(0))
    for part in parts:
        total = total + interval(part)
    factor = MONEY_FACTORS.get(like.unit or "")
    return total.scale(1 / factor) if factor else total


def sum_held(check: object, stated: Fact, parts: list[Fact]) -> Check:
    """The check of ``stated`` = Σ``parts`` where ``sum_mismatch`` found no disagreement: held,
    or not judged when money is to be added to figures that are not money."""
    if not comparable(stated, *parts):
        return unjudged(check, [stated, *parts], INCOMPARABLE, stated=shown(stated))
    return held(check, [stated, *parts], stated=shown(stated), computed=sum_in_unit(parts, stated))


def equal_held(check: object, stated: Fact, other: Fact) -> Check:
    """The check of two prints of one figure where ``equal_mismatch`` found no disagreement: held
    (computed: the other print), or not judged when one is money and the other not."""
    if not comparable(stated, other):
        return unjudged(check, [stated, other], INCOMPARABLE, stated=shown(stated))
    return held(check, [stated, other], stated=shown(stated), computed=shown(other))


def _check_rows(table: ReadTable, parent: TableRow, children: list[TableRow], check: object) -> Iterator[Finding | Check]:
    for column, stated in parent.values.items():
        parts = [child.values[column] for child in children if column in child.values]
        if not parts:
            continue
        mismatch = sum_mismatch(stated, parts)
        if mismatch is None:
            yield sum_held(check, stated, parts)
            continue
        names = "、".join(f"{c.code or ''}{c.label}" for c in children if column in c.values)
        yield make_finding(
            check,
            f"《{table.standard.kind.title}》{parent.code or ''}{parent.label}的“{column}”为{shown(stated)}，"
            f"但其下{len(parts)}行（{names}）相加为{sum_text(parts)}，相差{mismatch.describe_difference()}。",
            [stated, *parts],
            **mismatch.fields(),
        )


def sum_text(parts: list[Fact]) -> str:
    """The printed sum of some facts in the first one's unit."""
    total = sum((p.value for p in parts), Decimal(0))
    decimals = max(p.decimals for p in parts)
    return f"{total:.{decimals}f}{parts[0].unit or ''}"


@rule("sum.table_row", "sum", "error")
def row_identity(analysis: Analysis) -> Iterator[Finding | Check]:
    """Within a row of a standard table, the total column must equal its part columns:
    本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出, 本年收入合计 =
    its sources, 合计 = 基本支出 + 项目支出, the 三公 合计 and 小计 of their parts."""
    for table in analysis.tables.standard:
        for total_column, part_columns in ROW_IDENTITIES.get(table.key, ()):
            for row in table.rows:
                stated = row.values.get(total_column)
                parts = [row.values[c] for c in part_columns if c in row.values]
                if stated is None or not parts:
                    continue
                mismatch = sum_mismatch(stated, parts)
                if mismatch is None:
                    yield sum_held(row_identity, stated, parts)
                    continue
                listed = " + ".join(f"{p.column}{shown(p)}" for p in parts)
                yield make_finding(
                    row_identity,
                    f"《{table.standard.kind.title}》“{row.label}”行：{total_column}{shown(stated)}，而{listed} = "
                    f"{sum_text(parts)}，相差{mismatch.describe_difference()}。",
                    [stated, *parts],
                    **mismatch.fields(),
                )


@rule("sum.personnel_public", "sum", "error")
def personnel_public(analysis: Analysis) -> Iterator[Finding | Check]:
    """In the 一般公共预算财政拨款基本支出 table, 人员经费合计 must equal 工资福利支出 (301) +
    对个人和家庭的补助 (303), and 公用经费合计 the other classes (302, 307, 309, 310, 399)."""
    for table in analysis.tables.standard:
        if not table.key.endswith("general_basic"):
            continue
        by_code = {r.code: r for r in table.rows if r.code and len(r.code) == 3}
        for row in table.rows:
            classes = ECONOMIC_TOTALS.get(row.label)
            if classes is None or not row.values:
                continue
            stated = next(iter(row.values.values()))
            parts = [next(iter(by_code[c].values.values())) for c in classes if c in by_code and by_code[c].values]
            if not parts:
                continue
            mismatch = sum_mismatch(stated, parts)
            if mismatch is None:
                yield sum_held(personnel_public, stated, parts)
                continue
            listed = " + ".join(f"{p.subject_code}{p.subject}{shown(p)}" for p in parts)
            yield make_finding(
                personnel_public,
                f"基本支出表中{row.label}{shown(stated)}，但{listed} = {sum_text(parts)}，相差{mismatch.describe_difference()}。",
                [stated, *parts],
                **mismatch.fields(),
            )


_GROUP_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d))|小计|其中|^[—-]")
_MIN_LIST_ROWS = 3


@rule("sum.table_column", "sum", "error")
def column_total(analysis: Analysis) -> Iterator[Finding | Check]:
    """A table that lists items one level deep (units, projects — no 科目编码, no numbered group
    rows, no 小计 or 其中) and closes with a 合计 row must have that row equal the sum of the
    items, column by column, each figure within its rounding. Tables a rebuild left incomplete
    are not summed."""
    for table in analysis.tables.standard:
        if not table.complete or any(r.code for r in table.rows):
            continue
        items = [r for r in table.rows if r.values]
        if len(items) < _MIN_LIST_ROWS + 1 or items[-1].label not in ("合计", "总计"):
            continue
        total, parts = items[-1], items[:-1]
        if any(_GROUP_LABEL.search(_printed_label(r)) or r.label in ("合计", "总计") for r in parts):
            continue
        for column, stated in total.values.items():
            cells = [r.values[column] for r in parts if column in r.values]
            if len(cells) < _MIN_LIST_ROWS:
                continue
            mismatch = sum_mismatch(stated, cells)
            if mismatch is None:
                yield sum_held(column_total, stated, cells)
                continue
            yield make_finding(
                column_total,
                f"《{table.standard.kind.title}》“{total.label}”行的“{column}”为{shown(stated)}，但上面{len(cells)}行"
                f"相加为{sum_text(cells)}，相差{mismatch.describe_difference()}。",
                [stated],
                [stated.evidence],
                **mismatch.fields(),
            )


def _printed_label(row: TableRow) -> str:
    """A row's label as printed, numbering included (the reader drops 「一、」 from its label)."""
    fact = next(iter(row.values.values()), None)
    return fact.evidence.quote if fact is not None else row.label
