"""The changes the narrative gives each 项 of a 类 (or 款) against the change it gives the 类.

A 预算 or 决算 narrative often explains a 类 (「公共安全（类）支出…与上年相比增加120.00万元」) and
then, one by one, the 项 under it (「法院（款）行政运行（项）支出…增加80.00万元」). When the
tables show those 项 to be the whole of the 类, their changes add up to the 类's — up to the 项
of last year that are gone this year, whose change (−last year's amount) no item states. Those
can only make the stated item changes add to more than the 类's change, never to less.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from gongkai.analysis import Analysis
from gongkai.schemas.records import Check, Fact, Finding
from gongkai.validate.figures import amount_in, interval, make_finding, shown
from gongkai.validate.interval import Interval
from gongkai.validate.registry import rule
from gongkai.validate.rules.change_sum import changes_by_current, comparison_base, flat_base, in_unit, signed
from gongkai.validate.rules.cross_text_table import ItemRow, item_candidates, item_rows, path_key
from gongkai.validate.table_arith import equal_mismatch
from gongkai.validate.verdicts import held

# why the item changes adding to more than the 类's change is not an error
_GONE_ITEMS = "上年有、本年已取消的项目不在正文所列各项之中，其减少额会使各项增减额之和大于类的增减额，未下结论"
_AMOUNT_MEASURES = {"预算数", "决算数", "金额"}


class _Item(NamedTuple):
    """A 项 the narrative states, bound to its table row, with its change (``None``: stated 持平)."""

    row: ItemRow
    amount: Fact
    change: Fact | None


class _Group(NamedTuple):
    """A 类 (or 款) with its stated change and the narrative's 项 that make the whole of it."""

    whole: Fact
    change: Fact
    items: list[_Item]
    label: str  # the 类's (or 款's) name as its table row prints it


def _rows_under(rows: list[ItemRow], parent: ItemRow) -> list[ItemRow]:
    """The 项 rows (7-digit codes) of ``parent``'s table under ``parent``'s code."""
    code = parent.row.code or ""
    return [
        r
        for r in rows
        if r.table is parent.table and len(r.row.code or "") == 7 and (r.row.code or "").startswith(code)
    ]


def _sums_to(parts: list[ItemRow], whole: ItemRow) -> bool:
    """Whether the rows' cells add up to the whole's cell (the rows are all of it)."""
    total = Interval.point(Decimal(0))
    for part in parts:
        total = total + interval(part.cell)
    return total.intersects(interval(whole.cell))


def _names_row(analysis: Analysis, fact: Fact, row: ItemRow) -> bool:
    """Whether a narrative figure names ``row``'s 项: exactly, or with the same characters in
    another order (「一般行政事务管理」 for 一般行政管理事务) — its amount then confirms it."""
    if any(r is row.row and exact for _, r, _, exact in item_candidates(analysis, fact)):
        return True
    key = Counter(path_key(fact.subject))
    return key in (Counter(row.own), Counter(row.parent_own or ""))


def _stated_item(analysis: Analysis, row: ItemRow, amounts: list[Fact]) -> Fact | None:
    """The one narrative amount that names ``row``'s 项 and prints its figure, if exactly one does."""
    found = [
        fact
        for fact in amounts
        if fact.level == "项" and equal_mismatch(fact, row.cell) is None and _names_row(analysis, fact, row)
    ]
    values = {f.value_yuan for f in found}
    return found[0] if found and len(values) == 1 else None


def _groups(analysis: Analysis) -> Iterator[_Group]:
    """Each stated 类/款 change whose 项 the narrative states in full, with their changes."""
    changes = changes_by_current(analysis)
    fiscal_year = analysis.info.fiscal_year
    amounts = [f for f in analysis.text_facts if f.measure in _AMOUNT_MEASURES and f.value_yuan is not None]
    rows = analysis.derive("cross_text_table.item_rows", item_rows)
    for whole in amounts:
        if whole.level not in ("类", "款") or whole.fact_id not in changes:
            continue
        parents = [
            r
            for _, r, cell, exact in item_candidates(analysis, whole)
            if exact and len(r.code or "") in (3, 5) and equal_mismatch(whole, cell) is None
        ]
        for parent in (p for p in rows if any(p.row is r for r in parents)):
            under = _rows_under(rows, parent)
            if len(under) < 2 or not _sums_to(under, parent):
                continue
            items: list[_Item] = []
            for row in under:
                amount = _stated_item(analysis, row, amounts)
                if amount is None:
                    break
                change = changes.get(amount.fact_id)
                if change is None and flat_base(amount, fiscal_year) is None:
                    break  # neither a change nor 持平: the item's change is not printed
                items.append(_Item(row, amount, change))
            else:
                group_change = changes[whole.fact_id]
                bases = {comparison_base(group_change, fiscal_year)}
                bases |= {
                    comparison_base(i.change, fiscal_year) if i.change else flat_base(i.amount, fiscal_year)
                    for i in items
                }
                if len(bases) == 1 and None not in bases:
                    yield _Group(whole, group_change, items, parent.row.label)
                break


@rule("sum.item_changes", "sum", "error")
def item_changes(analysis: Analysis) -> Iterator[Finding | Check]:
    """The changes the narrative states for the 项 of a 类 (or 款) — every 项 the tables list
    under it, each bound to its row by name and amount — against the 类's stated change, all
    against the same base. Items that add to less than the 类's change are an error: a 项 gone
    since last year would only add a decrease to the 类. Items adding to more are a warning."""
    if not analysis.tables.standard:
        return
    for group in _groups(analysis):
        summed = Interval.point(Decimal(0))
        for item in group.items:
            if item.change is not None:
                summed = summed + signed(analysis, item.change)
        stated = signed(analysis, group.change)
        changes = [i.change for i in group.items if i.change is not None]
        facts = [group.change, *changes, group.whole, *(i.amount for i in group.items)]
        sign = "−" if analysis.sign_of(group.change) < 0 else ""
        if summed.intersects(stated):
            yield held(
                item_changes, facts, stated=f"{sign}{shown(group.change)}", computed=in_unit(summed, group.change)
            )
            continue
        printed = sum((analysis.sign_of(c) * c.value_yuan for c in changes), Decimal(0))  # type: ignore[misc]
        places = max(c.decimals for c in (group.change, *changes))
        unit = group.change.unit
        gap = abs(printed - analysis.sign_of(group.change) * group.change.value_yuan)  # type: ignore[operator]
        listed = "、".join(
            f"{i.row.row.label}{'持平' if i.change is None else ('+' if analysis.sign_of(i.change) > 0 else '−') + shown(i.change)}"
            for i in group.items
        )
        short = summed.hi < stated.lo
        yield make_finding(
            item_changes,
            f"{group.label}{shown(group.whole)}较上年{'增加' if analysis.sign_of(group.change) > 0 else '减少'}"
            f"{shown(group.change)}，而表中构成它的{len(group.items)}个项的增减额相加为"
            f"{'−' if printed < 0 else '+'}{amount_in(abs(printed), unit, places)}（{listed}），"
            f"{'少' if short else '多'}{amount_in(gap, unit, places)}，超出四舍五入可解释的范围"
            f"{'' if short else '（除非上年另有本年已取消的项目）'}。",
            facts,
            severity="error" if short else "warning",
            stated=f"{sign}{shown(group.change)}",
            expected=f"{'−' if printed < 0 else ''}{amount_in(abs(printed), unit, places)}",
            difference=amount_in(gap, unit, places),
            unsure=None if short else _GONE_ITEMS,
        )
