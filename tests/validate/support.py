"""Run the real pipeline on small synthetic pasted-text documents and compare findings.

The fixtures carry their expectations (flake8-bugbear's ``eval_files`` idea): each case is a
short document plus the exact findings it must produce, compared as a flattened table of
``(rule, figures, page)`` and then finding by finding (severity, stated/expected, message
parts). A case is checked against every registered rule except ``missing_table`` (most
fixtures are a few sentences, not a whole 决算 with its nine tables), so a false alarm from
any other rule on any fixture fails the case; table fixtures narrow the scope to the rule
under test, since one mutated cell legitimately moves several identities at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pytest

from gongkai.api import analyse, report
from gongkai.extract import extract_bytes
from gongkai.schemas.records import Check, Finding, Report
from gongkai.validate import REGISTRY
from gongkai.validate.rules import load_rules

FINAL = "某某区某某局2023年度部门决算"
PERFORMANCE = "某某局2023年度部门整体支出绩效自评报告"

# Rules left out of the default scope: a short fixture is not a whole 决算.
OUT_OF_DEFAULT_SCOPE = ("missing_table.",)


def default_scope() -> tuple[str, ...]:
    """Every registered rule id except those of ``OUT_OF_DEFAULT_SCOPE``."""
    load_rules()
    return tuple(rule_id for rule_id in REGISTRY if not rule_id.startswith(OUT_OF_DEFAULT_SCOPE))


Row = tuple[str, tuple[str, ...], int | None]


def document(title: str, *lines: str) -> str:
    """A pasted-text document: a title line, then one line per sentence or table row."""
    return "\n".join((title, *lines)) + "\n"


@lru_cache(maxsize=256)
def _report(text: str) -> Report:
    raw = extract_bytes(text.encode("utf-8"), "case.txt")
    return report(analyse(raw))


def _all_findings(text: str) -> tuple[Finding, ...]:
    return _report(text).findings


def checks_for(text: str, rule_prefix: str | tuple[str, ...]) -> list[Check]:
    """The checks of the whole pipeline on ``text`` whose rule starts with ``rule_prefix``."""
    return [c for c in _report(text).checks if c.rule.startswith(rule_prefix)]


def verdicts_for(text: str, rule_prefix: str | tuple[str, ...]) -> list[tuple[str, str, str | None]]:
    """``(rule, verdict, reason)`` of each check of ``rule_prefix`` on ``text``, in check order."""
    return [(c.rule, c.verdict, c.reason) for c in checks_for(text, rule_prefix)]


def findings_for(text: str, rule_prefix: str | tuple[str, ...] | None = None) -> list[Finding]:
    """The findings of the whole pipeline on ``text``, optionally only rules starting with ``rule_prefix``."""
    findings = _all_findings(text)
    if rule_prefix is None:
        return list(findings)
    return [f for f in findings if f.rule.startswith(rule_prefix)]


def flatten(findings: Iterable[Finding]) -> list[Row]:
    """Findings as ``(rule, figures, page)`` rows."""
    return [(f.rule, tuple(f.figures), f.page) for f in findings]


@dataclass(frozen=True)
class Expect:
    """One finding a fixture must produce.

    ``message`` lists parts the message must contain; ``absent`` parts it must not contain;
    ``stated``/``expected`` are compared exactly with the finding's fields when given, and must
    appear in its message too; ``difference`` is compared exactly.
    """

    rule: str
    severity: str
    figures: tuple[str, ...]
    page: int | None = 1
    message: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    stated: str | None = None
    expected: str | None = None
    difference: str | None = None

    @property
    def row(self) -> Row:
        return (self.rule, self.figures, self.page)


def case(case_id: str, text: str, *expect: Expect, bug: str | None = None) -> object:
    """A parametrized case; ``bug`` marks it ``xfail(strict=True)`` with that description."""
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
    return pytest.param(text, list(expect), id=case_id, marks=marks)


def assert_findings(text: str, expect: Sequence[Expect], scope: str | tuple[str, ...] | None = None) -> None:
    """The rules of ``scope`` (by id prefix; default ``default_scope()``) report exactly ``expect`` on ``text``,
    order aside."""
    found = findings_for(text, default_scope() if scope is None else scope)
    rows = flatten(found)
    detail = "\n".join(f"  {f.rule} {f.severity} {f.figures} p{f.page}: {f.message}" for f in found)
    assert sorted(rows, key=repr) == sorted((e.row for e in expect), key=repr), f"findings were:\n{detail}"
    for want in expect:
        (got,) = [f for f in found if (f.rule, tuple(f.figures), f.page) == want.row]
        assert got.severity == want.severity, got.message
        for part in want.message:
            assert part in got.message, f"{part!r} not in {got.message!r}"
        for part in want.absent:
            assert part not in got.message, f"{part!r} in {got.message!r}"
        # the stated and the expected value are data and must also be what the message says
        if want.stated is not None:
            assert got.stated == want.stated
            assert want.stated in got.message, f"stated {want.stated!r} not in {got.message!r}"
        if want.expected is not None:
            assert got.expected == want.expected
            assert want.expected in got.message, f"expected {want.expected!r} not in {got.message!r}"
        if want.difference is not None:
            assert got.difference == want.difference
