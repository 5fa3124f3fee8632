"""Score tables: totals, level subtotals, the overall score stated in several places."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gongkai.analysis import Analysis
from gongkai.schemas.records import Check, Fact, Finding
from gongkai.tables.score import ScoreRow, ScoreTable
from gongkai.validate.figures import make_finding, ratio_percent, shown
from gongkai.validate.interval import rounds_to
from gongkai.validate.registry import rule
from gongkai.validate.verdicts import held, unjudged

# why a stated score or ratio could not be checked
_MISSING_ROW = "有指标行的{word}未印出，无法相加核对"
_ZERO_POINTS = "基数为0，比率无法计算"
_MISSING_RATIO_PART = "得分或分值未印出，得分比无法核对"

_OVERALL_WORDS = ("综合", "总分", "整体", "自评", "总得分", "绩效评价", "合计")


def _sum(rows: list[ScoreRow], attribute: str) -> Decimal:
    return sum((getattr(r, attribute).value for r in rows if getattr(r, attribute) is not None), Decimal(0))


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


@rule("score_sum.table_total", "score_sum", "error")
def table_total(analysis: Analysis) -> Iterator[Finding | Check]:
    """The total row of a score table (合计, 总分) must equal the sum of its indicator rows,
    for the scores and for the points. Scores are assigned, not measured: no rounding."""
    for table in analysis.tables.scores.tables:
        total = table.total
        if total is None or not table.rows:
            continue
        for attribute, word in (("score", "得分"), ("points", "分值")):
            stated: Fact | None = getattr(total, attribute)
            if stated is None:
                continue
            if any(getattr(r, attribute) is None for r in table.rows):
                reason = _MISSING_ROW.format(word=word)
                yield unjudged(table_total, [stated], reason, [total.evidence], stated=shown(stated))
                continue
            computed = _sum(table.rows, attribute)
            if computed == stated.value:
                parts = [getattr(r, attribute) for r in table.rows]
                yield held(table_total, [stated, *parts], [total.evidence], stated=shown(stated), computed=f"{_fmt(computed)}分")
                continue
            yield make_finding(
                table_total,
                f"评分表合计行的{word}为{shown(stated)}，但{len(table.rows)}个指标的{word}相加为{_fmt(computed)}分，"
                f"相差{_fmt(abs(stated.value - computed))}分。",
                [stated],
                [total.evidence],
                stated=shown(stated),
                expected=f"{_fmt(computed)}分",
                difference=_fmt(abs(stated.value - computed)),
            )


def level_groups(table: ScoreTable) -> dict[str, list[ScoreRow]]:
    """Indicator rows grouped by their first-level indicator."""
    groups: dict[str, list[ScoreRow]] = {}
    for row in table.rows:
        if row.level1:
            groups.setdefault(row.level1, []).append(row)
    return groups


def stated_level_scores(analysis: Analysis, level: str) -> list[Fact]:
    """Scores the text and the summary tables state for one first-level indicator."""
    stated = [
        m.fact
        for m in analysis.text.mentions
        if m.kind == "score" and m.fact.subject == level
    ]
    for row in analysis.tables.scores.summaries:
        if row.name == level and row.score is not None:
            stated.append(row.score)
    return stated


@rule("score_sum.level", "score_sum", "error")
def level_subtotal(analysis: Analysis) -> Iterator[Finding | Check]:
    """A first-level indicator's score stated in the text (效果指标…评价得分23分) or in a
    summary table must equal the sum of that indicator's rows in the score table."""
    for table in analysis.tables.scores.tables:
        for level, rows in level_groups(table).items():
            stated = stated_level_scores(analysis, level)
            if any(r.score is None for r in rows):
                for fact in stated:
                    yield unjudged(level_subtotal, [fact], _MISSING_ROW.format(word="得分"), [fact.evidence], stated=shown(fact))
                continue
            computed = _sum(rows, "score")
            scores = [r.score for r in rows if r.score is not None]
            for fact in stated:
                if fact.value == computed:
                    evidence = [fact.evidence, rows[0].evidence]
                    yield held(level_subtotal, [fact, *scores], evidence, stated=shown(fact), computed=f"{_fmt(computed)}分")
            wrong = [f for f in stated if f.value != computed]
            if not wrong:
                continue
            parts = " + ".join(_fmt(r.score.value) for r in rows)  # type: ignore[union-attr]
            first = wrong[0]
            yield make_finding(
                level_subtotal,
                f"“{level}”的得分文中为{shown(first)}，但评分表中{level}各项得分{parts} = {_fmt(computed)}分。",
                wrong,
                [*[f.evidence for f in wrong], rows[0].evidence],
                stated=shown(first),
                expected=f"{_fmt(computed)}分",
                difference=_fmt(abs(first.value - computed)),
            )


def overall_scores(analysis: Analysis) -> list[Fact]:
    """Every statement of the overall score: text, score-table totals, summary totals."""
    levels = {row.level1 for table in analysis.tables.scores.tables for row in table.rows if row.level1}
    levels |= {row.name for row in analysis.tables.scores.summaries if not row.is_overall}
    found: list[Fact] = []
    for mention in analysis.text.mentions:
        subject = mention.fact.subject
        if mention.kind != "score" or subject in levels:
            continue
        if not subject or any(word in subject for word in _OVERALL_WORDS):
            found.append(mention.fact)
    for table in analysis.tables.scores.tables:
        if table.total is not None and table.total.score is not None:
            found.append(table.total.score)
    for row in analysis.tables.scores.summaries:
        if row.is_overall and row.score is not None:
            found.append(row.score)
    return found


@rule("cross_text.overall_score", "cross_text", "error")
def overall_score(analysis: Analysis) -> Iterator[Finding | Check]:
    """The overall score must be the same wherever it is stated (text, score table total,
    summary table)."""
    scores = overall_scores(analysis)
    values = {f.value for f in scores}
    if len(values) < 2:
        if len(scores) >= 2:  # stated more than once, the same everywhere
            others = "、".join(dict.fromkeys(shown(f) for f in scores[1:]))
            yield held(overall_score, scores, stated=shown(scores[0]), computed=others)
        return
    by_value: dict[Decimal, Fact] = {}
    for fact in scores:
        by_value.setdefault(fact.value, fact)
    shown_values = "、".join(f"{shown(f)}（{_where(f)}）" for f in by_value.values())
    yield make_finding(
        overall_score,
        f"同一份自评给出了不同的综合得分：{shown_values}。",
        list(by_value.values()),
        [f.evidence for f in by_value.values()],
    )


def _where(fact: Fact) -> str:
    return fact.table if fact.origin == "table" and fact.table else f"正文第{fact.evidence.page}页"


@rule("score_sum.dimensions", "score_sum", "error")
def dimensions_total(analysis: Analysis) -> Iterator[Finding | Check]:
    """In a score summary, the overall score must equal the sum of the dimension scores."""
    summaries = analysis.tables.scores.summaries
    overall = [r for r in summaries if r.is_overall and r.score is not None]
    parts = [r for r in summaries if not r.is_overall and r.score is not None]
    if not overall or len(parts) < 2:
        return
    computed = sum((r.score.value for r in parts), Decimal(0))  # type: ignore[union-attr]
    stated = overall[0].score
    if stated is None:
        return
    if stated.value == computed:
        facts = [stated, *(r.score for r in parts if r.score)]
        yield held(dimensions_total, facts, [overall[0].evidence], stated=shown(stated), computed=f"{_fmt(computed)}分")
        return
    yield make_finding(
        dimensions_total,
        f"评分汇总中{overall[0].name}为{shown(stated)}，但各维度得分相加为{_fmt(computed)}分。",
        [stated, *(r.score for r in parts if r.score)],
        [overall[0].evidence],
    )


@rule("rate.score_ratio", "rate", "error")
def score_ratio(analysis: Analysis) -> Iterator[Finding | Check]:
    """A summary row's 得分比/得分率 must equal its score over its points."""
    for row in analysis.tables.scores.summaries:
        if row.ratio is None:
            continue
        stated = f"{row.ratio.value}%"
        if row.score is None or row.points is None:
            facts = [f for f in (row.ratio, row.score, row.points) if f is not None]
            yield unjudged(score_ratio, facts, _MISSING_RATIO_PART, [row.evidence], stated=stated)
            continue
        computed = ratio_percent(row.score, row.points) if row.points.value != 0 else None
        if computed is None:
            yield unjudged(score_ratio, [row.ratio, row.score, row.points], _ZERO_POINTS, [row.evidence], stated=stated)
            continue
        if rounds_to(computed, row.ratio.value, row.ratio.decimals):
            yield held(score_ratio, [row.ratio, row.score, row.points], [row.evidence], stated=stated, computed=computed)
            continue
        yield make_finding(
            score_ratio,
            f"{row.name}的得分比印为{row.ratio.value}%，但{shown(row.score)}÷{shown(row.points)}={computed.mid:.2f}%。",
            [row.ratio, row.score, row.points],
            [row.evidence],
        )
