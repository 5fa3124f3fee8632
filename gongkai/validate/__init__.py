"""Validation: a registry of small rules run over an analysed document."""

from __future__ import annotations

from gongkai.analysis import Analysis
from gongkai.schemas.records import SEVERITIES, Finding
from gongkai.settings import Settings
from gongkai.validate.registry import REGISTRY, Rule
from gongkai.validate.rules import load_rules

__all__ = ["REGISTRY", "Rule", "run_rules"]


def run_rules(analysis: Analysis, settings: Settings | None = None) -> list[Finding]:
    """The findings of every selected rule, most severe first, then by page."""
    settings = Settings.resolve(settings)
    load_rules()
    findings: list[Finding] = []
    seen: set[tuple[str, tuple[str, ...], str]] = set()
    for rule_id, rule in REGISTRY.items():
        if not settings.rule_selected(rule_id):
            continue
        for finding in rule.run(analysis):
            key = (finding.rule, finding.figures, finding.message)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    order = {severity: i for i, severity in enumerate(reversed(SEVERITIES))}
    findings.sort(key=lambda f: (order[f.severity], f.page or 0))
    return findings
