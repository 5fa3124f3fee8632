"""Validation: a registry of small rules run over an analysed document."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from gongkai.analysis import Analysis
from gongkai.failures import StageFailure, attempt, failure_finding, unfounded_rules
from gongkai.limits import check_deadline
from gongkai.schemas.records import SEVERITIES, Check, Finding
from gongkai.settings import Settings
from gongkai.validate.registry import REGISTRY, Rule
from gongkai.validate.rules import load_rules
from gongkai.validate.verdicts import number_checks

__all__ = ["REGISTRY", "Rule", "evaluate", "order_findings", "run_rules"]


def run_rules(analysis: Analysis, settings: Settings | None = None) -> list[Finding]:
    """The findings of every selected rule, most severe first, then by page (``evaluate`` without the checks)."""
    return evaluate(analysis, settings)[0]


def evaluate(analysis: Analysis, settings: Settings | None = None) -> tuple[list[Finding], list[Check]]:
    """The findings of every selected rule, most severe first, then by page, and the checks
    they evaluated (numbered in rule order; each finding carries its check's id).

    A rule that raises yields one ``internal.rule`` finding naming it instead of its findings
    (with ``settings.debug`` the exception propagates); the other rules run as usual. Rules
    that judge what the document lacks are not run when the stage that looks for it failed.
    """
    settings = Settings.resolve(settings)
    load_rules()
    unfounded = unfounded_rules(analysis.failures)
    if unfounded:
        settings = Settings.resolve(settings, skip_rules=(*settings.skip_rules, *unfounded))
    results: list[Finding | Check] = [failure_finding(f) for f in analysis.failures if not settings.skipped(f.rule)]
    failures: list[StageFailure] = []
    seen: set[tuple[str, tuple[str, ...], str]] = set()
    for rule_id, rule in REGISTRY.items():
        if not settings.rule_selected(rule_id):
            continue
        check_deadline(f"核对（{rule_id}）")
        found = attempt(lambda rule=rule: rule.run(analysis), failures, "rule", where=rule_id, reraise=settings.debug)
        for result in found or []:
            if isinstance(result, Finding):
                key = (result.rule, result.figures, result.message)
                if key in seen:
                    continue
                seen.add(key)
            results.append(result)
    results += [failure_finding(f) for f in failures if not settings.skipped(f.rule)]
    findings, checks = number_checks(results)
    return order_findings(doubt_ocr(findings, analysis.document.ocr_pages)), checks


OCR_DOUBT = "（所引数字由 OCR 识别，可能有误，请与原件核对）"


def doubt_ocr(findings: list[Finding], ocr_pages: frozenset[int]) -> list[Finding]:
    """An error resting on a page read by OCR is a warning: a misread digit is not the
    document's mistake, and an accusation needs the printed figure."""
    if not ocr_pages:
        return findings
    return [
        replace(f, severity="warning", message=f.message + OCR_DOUBT)
        if f.severity == "error" and any(e.page in ocr_pages for e in f.evidence)
        else f
        for f in findings
    ]


def order_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings most severe first, then by page (stable: equal ones keep their order)."""
    order = {severity: i for i, severity in enumerate(reversed(SEVERITIES))}
    return sorted(findings, key=lambda f: (order[f.severity], f.page or 0))
