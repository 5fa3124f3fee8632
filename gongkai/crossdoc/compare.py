"""Checks between documents: what one year's document says about last year's, against it.

Documents of one department and type are grouped by fiscal year (the narrative and the tables
of one publication, published as two files, count as one year). For each claim of year Y about
year Y−1 — a change 比上年增加 X 万元、增长 Y%, a 与上年持平/相等, a narrative 科目 figure that
its own table contradicts — last year's figure is looked up in the documents of Y−1: first in
the same table cell (table kind, 科目 code or subject, column) that prints this year's figure,
else by the narrative subject. Only a figure that every candidate agrees on is used; anything
else is not judged. A disagreement is a warning: a document's 上年 may be last year's adjusted
budget rather than the one it published.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from gongkai.crossdoc.digest import department_key, fact_from
from gongkai.normalize.numbers import MONEY_FACTORS
from gongkai.schemas.records import Check, Fact, Finding
from gongkai.validate.figures import amount_in, interval, make_finding, percent, shown
from gongkai.validate.interval import HUNDRED, Interval, rounds_to, truncates_to
from gongkai.validate.table_arith import equal_mismatch
from gongkai.validate.verdicts import check_of, held, unjudged


@dataclass(frozen=True)
class CrossRule:
    """A check between two documents: id, category, default severity and what it checks."""

    id: str
    category: str
    severity: str
    doc: str


CHANGE = CrossRule(
    "cross_document.change",
    "cross_document",
    "warning",
    "A change stated against last year (比上年增加 X 万元) must equal this year's figure minus the one last year's "
    "document printed for the same table cell or subject.",
)
RATE = CrossRule(
    "cross_document.rate",
    "cross_document",
    "warning",
    "A change rate stated against last year (增长 Y%) must equal (this year − last year) ÷ last year, with last "
    "year's figure from last year's document.",
)
FLAT = CrossRule(
    "cross_document.flat",
    "cross_document",
    "warning",
    "A figure said to equal last year's (与上年预算数相等、与上年持平) must be last year's figure within rounding.",
)
STALE = CrossRule(
    "cross_document.stale_figure",
    "cross_document",
    "warning",
    "A narrative 科目 figure its own table contradicts, that last year's document prints for the same 科目: last "
    "year's figure left in this year's text.",
)
HALVES = CrossRule(
    "cross_document.narrative_table",
    "cross_document",
    "warning",
    "A figure the narrative of a publication gives (a 科目 by its name path, a total by its subject) must be the "
    "figure of the same row in the publication's tables when they are published as another file.",
)
CROSS_RULES = (CHANGE, RATE, FLAT, STALE, HALVES)


@dataclass(slots=True)
class Year:
    """The documents of one department, type and fiscal year, merged."""

    year: int
    digests: list[dict[str, Any]] = field(default_factory=list)

    def cells(self, key: str) -> list[tuple[dict[str, Any], Fact]]:
        return [(d, fact_from(f)) for d in self.digests for f in d["cells"].get(key, [])]

    def named(self, key: str) -> list[tuple[dict[str, Any], Fact]]:
        return [(d, fact_from(f)) for d in self.digests for f in d["named"].get(key, [])]


@dataclass(frozen=True, slots=True)
class CrossResult:
    """One check between two documents: the document it belongs to (the later one), the
    document it was checked against, and the finding when the check failed."""

    doc_id: str
    related_doc_id: str
    check: Check
    finding: Finding | None = None


def group_key(digest: dict[str, Any]) -> tuple[str, str] | None:
    """The documents compared with each other: one department's documents of one type."""
    department = department_key(digest.get("department"))
    if not department or digest.get("fiscal_year") is None or digest.get("doc_type") not in ("budget", "final_accounts"):
        return None
    return (department, str(digest["doc_type"]))


def compare_group(digests: Iterable[dict[str, Any]]) -> list[CrossResult]:
    """Every check between consecutive years of one group's digests."""
    years: dict[int, Year] = {}
    for digest in digests:
        years.setdefault(int(digest["fiscal_year"]), Year(int(digest["fiscal_year"]))).digests.append(digest)
    results: list[CrossResult] = []
    for year in sorted(years):
        results += _halves(years[year])
        previous = years.get(year - 1)
        if previous is None:
            continue
        for digest in years[year].digests:
            for claim in digest["claims"]:
                results += _check_claim(digest, claim, previous)
    return results


def _halves(year: Year) -> list[CrossResult]:
    """The narrative of a publication whose tables are another file: each figure it gives a 科目
    (by its name path) or a total (by its subject) against the tables file's cells."""
    narratives = [d for d in year.digests if not d.get("tables")]
    tables = [d for d in year.digests if d.get("tables")]
    if len(tables) != 1:
        return []  # no other half, or several: which one the narrative describes is not certain
    other = tables[0]
    results: list[CrossResult] = []
    for digest in narratives:
        seen: set[tuple[str, str]] = set()
        for item in digest.get("items", []):
            fact = fact_from(item["current"])
            keys = other.get("paths", {}).get(item["path"] or "", []) or [
                key for key in other["cells"] if key.split("|")[1] == item["key"]
            ]
            cells = [fact_from(c) for key in dict.fromkeys(keys) for c in other["cells"].get(key, [])]
            if not cells or (fact.subject, str(fact.value)) in seen:
                continue
            seen.add((fact.subject, str(fact.value)))
            results.append(_against_tables(digest, fact, cells, other))
    return results


def _against_tables(digest: dict[str, Any], fact: Fact, cells: list[Fact], other: dict[str, Any]) -> CrossResult:
    agreeing = [cell for cell in cells if equal_mismatch(fact, cell) is None]
    if agreeing:
        return CrossResult(digest["doc_id"], other["doc_id"], held(HALVES, [fact], stated=shown(fact), computed=shown(agreeing[0])))
    if len({c.value_yuan for c in cells}) > 1:
        reason = "表格文件中该项的数字不止一个且互不相同，无法确定对应的格"
        return CrossResult(digest["doc_id"], other["doc_id"], unjudged(HALVES, [fact], reason, stated=shown(fact)))
    cell = cells[0]
    finding = make_finding(
        HALVES,
        f"说明称{fact.subject}{shown(fact)}，同一公开的表格文件{_where(other, cell)}《{cell.table or '表格'}》"
        f"该项为{shown(cell)}，四舍五入后对不上。",
        [fact],
        stated=shown(fact),
        expected=shown(cell),
    )
    return _failed(digest["doc_id"], other, finding, cell)


def compare_all(digests: Iterable[dict[str, Any]]) -> list[CrossResult]:
    """Every check between the documents of a batch, group by group."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for digest in digests:
        key = group_key(digest)
        if key is not None:
            groups.setdefault(key, []).append(digest)
    return [result for group in groups.values() if len(group) > 1 for result in compare_group(group)]


def _last_year(claim: dict[str, Any], previous: Year) -> list[tuple[dict[str, Any], Fact]]:
    """Last year's candidates for the claim's figure: the same cells, else the same narrative subject."""
    cells = [found for key in claim.get("cells", []) for found in previous.cells(key)]
    return cells or previous.named(claim["key"])


def _agreed(candidates: list[tuple[dict[str, Any], Fact]]) -> Interval | None:
    """The interval every candidate allows (in 元), ``None`` when they disagree."""
    common: Interval | None = None
    for _, fact in candidates:
        span = interval(fact)
        if common is None:
            common = span
        elif not common.intersects(span):
            return None
        else:
            common = Interval(max(common.lo, span.lo), min(common.hi, span.hi))
    return common


def _where(digest: dict[str, Any], fact: Fact) -> str:
    return f"《{Path(str(digest['source'])).name}》第{fact.evidence.page}页"


def _check_claim(digest: dict[str, Any], claim: dict[str, Any], previous: Year) -> list[CrossResult]:
    current = fact_from(claim["current"])
    if claim["kind"] == "stale":
        return list(_stale(digest, claim, current, previous))
    candidates = _last_year(claim, previous)
    if not candidates:
        return []
    doc_id = digest["doc_id"]
    other, last = candidates[0]
    prior = _agreed(candidates)
    facts = [current] + [fact_from(claim[k]) for k in ("change", "rate") if claim.get(k)]
    if prior is None:
        reason = "上年文件中该项目的数字不止一个且互不相同，无法确定上年数"
        rule = FLAT if claim["kind"] == "flat" else CHANGE
        return [CrossResult(doc_id, other["doc_id"], unjudged(rule, facts, reason))]
    results: list[CrossResult] = []
    if claim["kind"] == "flat":
        results.append(_flat(doc_id, claim, current, prior, other, last))
    else:
        if claim.get("change"):
            results.append(_change(doc_id, claim, current, fact_from(claim["change"]), prior, other, last))
        if claim.get("rate"):
            results.append(_rate(doc_id, claim, current, fact_from(claim["rate"]), prior, other, last))
    return [r for r in results if r is not None]


def _signed(fact: Fact) -> Interval:
    span = interval(fact)
    return Interval(-span.hi, -span.lo) if fact.direction == "decrease" else span


def _change(
    doc_id: str, claim: dict[str, Any], current: Fact, change: Fact, prior: Interval, other: dict[str, Any], last: Fact
) -> CrossResult:
    implied = interval(current) - prior
    facts = [change, current]
    if implied.intersects(_signed(change)):
        return CrossResult(doc_id, other["doc_id"], held(CHANGE, facts, stated=_signed_text(change), computed=_in_unit(implied, change)))
    word = "增加" if implied.mid > 0 else "减少"
    expected = amount_in(abs(implied.mid), change.unit, change.decimals)
    finding = make_finding(
        CHANGE,
        f"{claim['subject']}本年{shown(current)}，文中称比上年{_word(change)}{shown(change)}；"
        f"上年文件{_where(other, last)}该项为{shown(last)}，据此应{word}{expected}。",
        facts,
        stated=_signed_text(change),
        expected=f"{'-' if implied.mid < 0 else ''}{expected}",
    )
    return _failed(doc_id, other, finding, last)


def _rate(
    doc_id: str, claim: dict[str, Any], current: Fact, rate: Fact, prior: Interval, other: dict[str, Any], last: Fact
) -> CrossResult | None:
    if prior.lo <= 0:
        return None
    quotient = (interval(current) - prior) / prior
    if quotient is None:
        return None
    implied = quotient.scale(HUNDRED)
    signed = -rate.value if rate.direction == "decrease" else rate.value
    facts = [rate, current]
    if rounds_to(implied, signed, rate.decimals):
        return CrossResult(doc_id, other["doc_id"], held(RATE, facts, stated=f"{signed}%", computed=implied))
    truncated = truncates_to(implied, signed, rate.decimals)
    finding = make_finding(
        RATE,
        f"{claim['subject']}本年{shown(current)}，文中称比上年{_word(rate)}{shown(rate)}；"
        f"上年文件{_where(other, last)}该项为{shown(last)}，据此变动率应为{percent(implied.mid)}"
        f"{'（按截尾而非四舍五入可得印出的数）' if truncated else ''}。",
        facts,
        stated=f"{signed}%",
        expected=percent(implied.mid),
    )
    return _failed(doc_id, other, finding, last)


def _flat(doc_id: str, claim: dict[str, Any], current: Fact, prior: Interval, other: dict[str, Any], last: Fact) -> CrossResult:
    if interval(current).intersects(prior):
        return CrossResult(doc_id, other["doc_id"], held(FLAT, [current], stated=shown(current), computed=shown(last)))
    word = "减少" if interval(current).hi < prior.lo else "增加"
    gap = abs((current.value_yuan or current.value) - (last.value_yuan or last.value))
    difference = amount_in(gap, current.unit, current.decimals)
    finding = make_finding(
        FLAT,
        f"{claim['subject']}本年{shown(current)}，文中称“{claim['said']}”；上年文件{_where(other, last)}该项为"
        f"{shown(last)}，实为比上年{word}{difference}。",
        [current],
        stated=shown(current),
        expected=shown(last),
    )
    return _failed(doc_id, other, finding, last)


def _stale(digest: dict[str, Any], claim: dict[str, Any], current: Fact, previous: Year) -> Iterator[CrossResult]:
    own = fact_from(claim["own_cell"])
    for key in claim.get("row_cells", []):
        for other, last in previous.cells(key):
            if equal_mismatch(current, last) is None:
                finding = make_finding(
                    STALE,
                    f"正文称{claim['subject']}{shown(current)}，与本年表中该科目{shown(own)}不符，却与上年文件"
                    f"{_where(other, last)}同一科目的{shown(last)}相同：疑为沿用了上年的数字。",
                    [current, own],
                    stated=shown(current),
                    expected=shown(own),
                )
                yield _failed(digest["doc_id"], other, finding, last)
                return


def _failed(doc_id: str, other: dict[str, Any], finding: Finding, theirs: Fact) -> CrossResult:
    """A failed check between two documents: its finding cites the other document's figure too."""
    return CrossResult(doc_id, other["doc_id"], check_of(finding), replace(finding, evidence=(*finding.evidence, theirs.evidence)))


def _word(fact: Fact) -> str:
    return {"increase": "增加", "decrease": "减少", "flat": "持平"}.get(fact.direction or "", "变动")


def _signed_text(fact: Fact) -> str:
    return f"{'-' if fact.direction == 'decrease' else ''}{shown(fact)}"


def _in_unit(span: Interval, like: Fact) -> Interval:
    """A 元 interval in the unit ``like`` is printed in."""
    factor = MONEY_FACTORS.get(like.unit or "")
    return Interval(span.lo / factor, span.hi / factor) if factor else span


def number_results(results: list[CrossResult], first_check: dict[str, int]) -> list[CrossResult]:
    """The results with check ids continuing each document's own (``first_check[doc_id]`` is its
    next free id), and each finding pointing at its check."""
    out: list[CrossResult] = []
    next_check = dict(first_check)
    for result in results:
        check_id = next_check.get(result.doc_id, 1)
        next_check[result.doc_id] = check_id + 1
        check = replace(result.check, check_id=check_id)
        finding = replace(result.finding, check_id=check_id) if result.finding is not None else None
        out.append(CrossResult(result.doc_id, result.related_doc_id, check, finding))
    return out

