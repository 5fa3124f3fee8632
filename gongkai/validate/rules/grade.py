"""Grades given against the grade scale the report itself declares."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.fields.grades import find_claims, find_scale
from gongkai.schemas.records import Evidence, Fact, Finding
from gongkai.validate.figures import make_finding, shown
from gongkai.validate.registry import rule
from gongkai.validate.rules.score import overall_scores


@rule("grade.scale", "grade", "error")
def grade_against_scale(analysis: Analysis) -> Iterator[Finding]:
    """A grade (优秀/良好/中等/差 …) given to a score must be the one the report's own scale
    gives that score (90分以上为优秀 …). Summary rows are checked with their score ratio;
    a grade stated in the text is checked against every overall score the report states.
    Without a declared scale nothing is checked."""
    document = analysis.document
    scale = find_scale(document)
    if scale is None:
        return
    scale_evidence = Evidence(document.page_at(scale.start), scale.quote, scale.start, scale.end)
    reported: set[str] = set()
    for row in analysis.tables.scores.summaries:
        out_of_hundred = row.points is not None and row.points.value == 100
        figure = row.score if out_of_hundred or row.ratio is None else row.ratio
        if row.grade is None or figure is None:
            continue
        expected = scale.grades_for(figure.value)
        if expected and row.grade not in expected:
            reported.add(row.grade)
            yield _finding(figure, row.grade, expected, [row.evidence, scale_evidence])
    scores = overall_scores(analysis)
    for claim in find_claims(document, scale):
        if claim.grade in reported:
            continue
        graded = [(score, scale.grades_for(score.value)) for score in scores]
        graded = [(score, expected) for score, expected in graded if expected]
        if not graded or any(claim.grade in expected for _, expected in graded):
            continue
        reported.add(claim.grade)
        score, expected = graded[0]
        claim_evidence = Evidence(document.page_at(claim.start), claim.sentence, claim.start, claim.end)
        yield _finding(score, claim.grade, expected, [claim_evidence, scale_evidence])


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
