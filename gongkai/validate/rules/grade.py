"""Grades given against the grade scale the report itself declares."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.fields.grades import find_claims, find_scale
from gongkai.schemas.records import Check, Evidence, Fact, Finding
from gongkai.validate.figures import make_finding, shown
from gongkai.validate.registry import rule
from gongkai.validate.rules.score import overall_scores
from gongkai.validate.verdicts import held, unjudged

# why a grade given could not be checked
_NO_SCALE = "报告未声明评分等级标准"
_NO_FIGURE = "评价等级所对应的得分未印出"
_OFF_SCALE = "得分不在评分标准的任何档次内"
_NO_SCORE = "未找到综合得分"


@rule("grade.scale", "grade", "error")
def grade_against_scale(analysis: Analysis) -> Iterator[Finding | Check]:
    """A grade (优秀/良好/中等/差 …) given to a score must be the one the report's own scale
    gives that score (90分以上为优秀 …). Summary rows are checked with their score ratio;
    a grade stated in the text is checked against every overall score the report states.
    Without a declared scale nothing is checked."""
    document = analysis.document
    scale = find_scale(document)
    if scale is None:
        yield from _without_scale(analysis)
        return
    scale_evidence = Evidence(document.page_at(scale.start), scale.quote, scale.start, scale.end)
    reported: set[str] = set()
    for row in analysis.tables.scores.summaries:
        out_of_hundred = row.points is not None and row.points.value == 100
        figure = row.score if out_of_hundred or row.ratio is None else row.ratio
        if row.grade is None:
            continue
        if figure is None:
            yield unjudged(grade_against_scale, [], _NO_FIGURE, [row.evidence, scale_evidence], stated=row.grade)
            continue
        expected = scale.grades_for(figure.value)
        if not expected:
            yield unjudged(grade_against_scale, [figure], _OFF_SCALE, [row.evidence, scale_evidence], stated=row.grade)
        elif row.grade in expected:
            evidence = [row.evidence, scale_evidence]
            yield held(grade_against_scale, [figure], evidence, stated=row.grade, computed="或".join(sorted(expected)))
        else:
            reported.add(row.grade)
            yield _finding(figure, row.grade, expected, [row.evidence, scale_evidence])
    scores = overall_scores(analysis)
    for claim in find_claims(document, scale):
        if claim.grade in reported:
            continue  # the same grade, already reported wrong for a summary row
        claim_evidence = Evidence(document.page_at(claim.start), claim.sentence, claim.start, claim.end)
        graded = [(score, scale.grades_for(score.value)) for score in scores]
        graded = [(score, expected) for score, expected in graded if expected]
        if not graded:
            reason = _OFF_SCALE if scores else _NO_SCORE
            yield unjudged(grade_against_scale, scores, reason, [claim_evidence, scale_evidence], stated=claim.grade)
            continue
        matching = [(score, expected) for score, expected in graded if claim.grade in expected]
        if matching:
            computed = "或".join(sorted(matching[0][1]))
            facts = [score for score, _ in matching]
            yield held(grade_against_scale, facts, [claim_evidence, scale_evidence], stated=claim.grade, computed=computed)
            continue
        reported.add(claim.grade)
        score, expected = graded[0]
        yield _finding(score, claim.grade, expected, [claim_evidence, scale_evidence])


def _without_scale(analysis: Analysis) -> Iterator[Check]:
    """Grades given where the report declares no scale to check them against: not judged."""
    document = analysis.document
    for row in analysis.tables.scores.summaries:
        if row.grade is not None:
            facts = [f for f in (row.score, row.ratio) if f is not None]
            yield unjudged(grade_against_scale, facts, _NO_SCALE, [row.evidence], stated=row.grade)
    scores = overall_scores(analysis)
    for claim in find_claims(document, None):
        claim_evidence = Evidence(document.page_at(claim.start), claim.sentence, claim.start, claim.end)
        in_sentence = [s for s in scores if s.evidence.start < claim.end and claim.start < s.evidence.end]
        yield unjudged(grade_against_scale, in_sentence, _NO_SCALE, [claim_evidence], stated=claim.grade)


def _finding(score: Fact, given: str, expected: set[str], evidence: list[Evidence]) -> Finding:
    wanted = "或".join(sorted(expected))
    return make_finding(
        grade_against_scale,
        f"得分{shown(score)}按报告自己的评分标准应为“{wanted}”，文中却评为“{given}”。",
        [score],
        evidence,
        stated=given,
        expected=wanted,
    )
