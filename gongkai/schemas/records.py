"""The records gongkai produces: documents, facts, statements and findings.

Plain frozen dataclasses, JSON-serialisable through ``to_dict``; money and rates are
``Decimal`` as printed and serialise as strings so no precision is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

DOC_TYPES = ("final_accounts", "budget", "performance_self_evaluation", "other")
SEVERITIES = ("info", "warning", "error")
VERDICTS = ("consistent", "inconsistent", "not_judged")
DIRECTIONS = ("increase", "decrease", "flat")
CHANGE_MEASURES = ("增减额", "增减率")


def change_direction(measure: str, value: Decimal, sign: int = 0) -> str | None:
    """The direction of a change figure: from its direction word's ``sign`` (+1 增加, −1 减少)
    or, in a table, from the sign printed on the number; ``None`` when it is not a change or
    says no direction (变动30万元)."""
    if measure not in CHANGE_MEASURES:
        return None
    if value == 0:
        return "flat"
    if sign:
        return "increase" if sign > 0 else "decrease"
    return None
CATEGORIES = (
    "rate",
    "share",
    "yoy",
    "sum",
    "balance",
    "cross_text",
    "cross_text_table",
    "cross_table",
    "direction_word",
    "zero_denominator",
    "part_whole",
    "unit",
    "score_sum",
    "grade",
    "score_formula",
    "placeholder_text",
    "foreign_entity",
    "missing_table",
    "year",
    "cross_document",
    "internal",
)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


def format_decimal(value: Decimal) -> str:
    """A Decimal as printed, without exponent notation (``Decimal('1E+1')`` → ``10``)."""
    text = format(value, "f")
    return "0" if text in ("-0", "-0.0") else text


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What a document is: identity, type, year and publisher."""

    doc_id: str
    source: str
    format: str
    pages: int
    doc_type: str = "other"
    fiscal_year: int | None = None
    department: str | None = None
    region: str | None = None
    title: str | None = None
    warnings: tuple[str, ...] = ()
    sha256: str | None = None  # of the file's bytes (doc_id is its first 16 hex digits)
    size: int | None = None  # bytes
    gongkai_version: str | None = None
    checked_at: str | None = None  # when it was read (UTC, ISO 8601)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; ``warnings`` (what extraction noticed) is exported as ``notes``, the
        name the dataset gives it (its ``warnings`` column counts warning findings)."""
        return {("notes" if f.name == "warnings" else f.name): _plain(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a figure or finding comes from: page, quote and offsets in the normalised text."""

    page: int
    quote: str
    start: int
    end: int
    bbox: tuple[float, float, float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "page": self.page,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "bbox": list(self.bbox) if self.bbox else None,
        }


@dataclass(frozen=True, slots=True)
class Fact:
    """One printed number with its meaning and provenance.

    ``value`` is the number as printed (``decimals`` digits after the point); ``exact`` is
    true for numbers that are not rounded (head counts, scores, a printed zero).
    ``origin`` is ``text`` or ``table``; table facts name their ``table``, ``row`` label and
    ``column``.
    """

    fact_id: int
    subject: str
    measure: str
    value: Decimal
    decimals: int
    unit: str | None
    evidence: Evidence
    origin: str = "text"
    subject_code: str | None = None
    level: str | None = None
    period: str | None = None
    value_yuan: Decimal | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    exact: bool = False
    statement: int | None = None
    raw: str = ""
    direction: str | None = None  # a change: increase | decrease | flat (DIRECTIONS)

    @property
    def value_signed(self) -> Decimal | None:
        """A change as a signed number (减少30.64 → −30.64); ``None`` for other figures."""
        if self.direction is None:
            return None
        magnitude = abs(self.value)
        return -magnitude if self.direction == "decrease" else magnitude

    def to_dict(self) -> dict[str, Any]:
        """A flat JSON-ready dict: the evidence fields sit beside the fact's own."""
        out = {f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.name != "evidence"}
        out["value_signed"] = _plain(self.value_signed)
        out.update(self.evidence.to_dict())
        return out


@dataclass(frozen=True, slots=True)
class Statement:
    """The facts one clause or sentence asserts together, with their roles.

    ``roles`` maps a role (``result``, ``numerator``, ``denominator``, ``part``, ``whole``,
    ``current``, ``change``, ``total``, ``parts`` …) to candidate facts, best first: when
    the text allows two bindings, both are kept and the rules prefer the consistent one.
    """

    statement_id: int
    kind: str
    facts: tuple[Fact, ...]
    evidence: Evidence
    roles: tuple[tuple[str, tuple[Fact, ...]], ...] = ()
    note: str | None = None
    listed_whole: bool = False  # a list introduced as the whole breakdown (具体构成为、主要用于以下方面)
    bindings: tuple[tuple[int, str, str], ...] = ()  # (fact_id, role, binding): how each figure was bound

    def role(self, name: str) -> tuple[Fact, ...]:
        """The candidate facts for one role (empty when the role is unbound)."""
        for role, facts in self.roles:
            if role == name:
                return facts
        return ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "statement_id": self.statement_id,
            "kind": self.kind,
            "note": self.note,
            "facts": [f.fact_id for f in self.facts],
            "roles": {role: [f.fact_id for f in facts] for role, facts in self.roles},
            "bindings": [{"fact_id": f, "role": r, "binding": b} for f, r, b in self.bindings],
            "evidence": self.evidence.to_dict(),
        }


def _known(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}")


def first_page(evidence: tuple[Evidence, ...]) -> int | None:
    """The page of the first piece of evidence, if any."""
    return evidence[0].page if evidence else None


@dataclass(frozen=True, slots=True)
class Finding:
    """Something that does not add up (or deserves a reader's attention)."""

    rule: str
    category: str
    severity: str
    message: str
    figures: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    stated: str | None = None
    expected: str | None = None
    difference: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    fact_ids: tuple[int, ...] = ()  # the facts it cites, in the order of its figures
    check_id: int | None = None  # the check it came from (numbered per document)

    def __post_init__(self) -> None:
        _known(self.severity, SEVERITIES, "severity")
        _known(self.category, CATEGORIES, "category")

    @property
    def page(self) -> int | None:
        """The page of the first piece of evidence."""
        return first_page(self.evidence)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "stated": self.stated,
            "expected": self.expected,
            "difference": self.difference,
            "figures": list(self.figures),
            "fact_ids": list(self.fact_ids),
            "check_id": self.check_id,
            "page": self.page,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Check:
    """One claim a rule evaluated, whatever the outcome: the denominator of an error rate.

    ``verdict`` is ``consistent`` (some reading of the printed figures within their rounding
    reproduces the claim), ``inconsistent`` (none does: a finding reports it) or ``not_judged``
    (``reason`` says why: a figure missing, a binding that is not certain, a zero base).
    ``computed`` is what the rule computed from the other figures (an interval ``lo～hi`` or a
    value, in the unit ``stated`` is printed in), ``stated`` the printed figure it was compared with.
    """

    rule: str
    category: str
    verdict: str
    fact_ids: tuple[int, ...] = ()
    stated: str | None = None
    computed: str | None = None
    reason: str | None = None
    evidence: tuple[Evidence, ...] = ()
    check_id: int | None = None

    def __post_init__(self) -> None:
        _known(self.verdict, VERDICTS, "verdict")
        _known(self.category, CATEGORIES, "category")

    @property
    def page(self) -> int | None:
        """The page of the first piece of evidence."""
        return first_page(self.evidence)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "check_id": self.check_id,
            "rule": self.rule,
            "category": self.category,
            "verdict": self.verdict,
            "reason": self.reason,
            "stated": self.stated,
            "computed": self.computed,
            "fact_ids": list(self.fact_ids),
            "page": self.page,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Report:
    """Everything ``gongkai check`` knows about one document."""

    document: DocumentInfo
    facts: tuple[Fact, ...]
    statements: tuple[Statement, ...]
    findings: tuple[Finding, ...]
    checks: tuple[Check, ...] = ()
    coverage: Any = None  # gongkai.coverage.Coverage

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of DESIGN.md: ``document``, ``coverage``, ``facts``, ``checks``, ``findings``."""
        return {
            "document": self.document.to_dict(),
            "coverage": self.coverage.to_dict() if self.coverage is not None else None,
            "facts": [f.to_dict() for f in self.facts],
            "checks": [c.to_dict() for c in self.checks],
            "findings": [f.to_dict() for f in self.findings],
        }

    def verdicts(self) -> dict[str, int]:
        """Checks per verdict."""
        out = dict.fromkeys(VERDICTS, 0)
        for check in self.checks:
            out[check.verdict] += 1
        return out

    def counts(self) -> dict[str, int]:
        """Findings per severity."""
        out = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            out[finding.severity] += 1
        return out
