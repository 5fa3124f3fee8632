"""The rule registry: every rule has a stable id, a category, a default severity and a docstring."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gongkai.schemas.records import CATEGORIES, SEVERITIES, Check, Finding

if TYPE_CHECKING:
    from gongkai.analysis import Analysis

RuleFunction = Callable[["Analysis"], Iterable[Finding | Check]]


@dataclass(frozen=True)
class Rule:
    """A small validation rule.

    ``id`` is stable (``rate.stated``), ``category`` is one of the closed vocabulary in
    ``schemas.records.CATEGORIES``, ``severity`` is the default for its findings, ``doc``
    says what the rule checks (its docstring).
    """

    id: str
    category: str
    severity: str
    doc: str
    check: RuleFunction

    def run(self, analysis: Analysis) -> list[Finding | Check]:
        """The rule's findings on one analysed document, and the checks that held or were not judged."""
        return list(self.check(analysis))


REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, category: str, severity: str) -> Callable[[RuleFunction], Rule]:
    """Register a check function as a rule; its docstring documents the rule."""
    if category not in CATEGORIES:
        raise ValueError(f"{rule_id}: unknown category {category!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"{rule_id}: unknown severity {severity!r}")

    def register(check: RuleFunction) -> Rule:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} registered twice")
        doc = (check.__doc__ or "").strip()
        if not doc:
            raise ValueError(f"rule {rule_id} has no docstring")
        registered = Rule(rule_id, category, severity, doc, check)
        REGISTRY[rule_id] = registered
        return registered

    return register
