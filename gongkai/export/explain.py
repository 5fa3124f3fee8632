"""What a finding rests on: each figure it cites, the role it plays and how it was bound.

``gongkai check --explain`` prints this under every finding (and adds it to the JSON), so a
reader can see whether the figures of an accusation were printed together or matched from
afar before deciding to trust it.
"""

from __future__ import annotations

from typing import Any

from gongkai.schemas.records import Finding, Report, Statement
from gongkai.validate.certainty import Binding

ROLE_LABELS = {
    "result": "所述结果",
    "results": "所述结果",
    "numerator": "分子",
    "denominator": "分母",
    "part": "部分",
    "parts": "组成部分",
    "whole": "总数",
    "total": "总数",
    "current": "本年数",
    "previous": "上年数",
    "change": "增减额",
    "rate": "增减率",
}


def statement_for(report: Report, finding: Finding) -> Statement | None:
    """The statement a finding was judged on: the one holding most of the facts it cites."""
    cited = set(finding.fact_ids)
    best: tuple[int, Statement] | None = None
    for statement in report.statements:
        overlap = len(cited & {f.fact_id for f in statement.facts})
        if overlap and (best is None or overlap > best[0]):
            best = (overlap, statement)
    return best[1] if best else None


def explain(report: Report, finding: Finding) -> list[dict[str, Any]]:
    """One entry per cited fact: its figure, subject and page, its role in the statement and
    its binding (``same_sentence``, ``table_lookup`` …) with whether a rule may accuse on it."""
    facts = {f.fact_id: f for f in report.facts}
    statement = statement_for(report, finding)
    bound = {fact_id: (role, binding) for fact_id, role, binding in (statement.bindings if statement else ())}
    # a figure outside that statement is explained by the statement of its own, if any (a 项's change by
    # the sentence that ties it to the 项's amount)
    own: dict[int, tuple[str, str, int]] = {}
    for other in report.statements:
        for fact_id, role, binding in other.bindings:
            own.setdefault(fact_id, (role, binding, other.statement_id))
    entries: list[dict[str, Any]] = []
    for fact_id in finding.fact_ids:
        fact = facts.get(fact_id)
        if fact is None:
            continue
        statement_id = statement.statement_id if statement and fact_id in bound else None
        if fact_id not in bound and fact_id in own and fact.origin != "table":
            role, name, statement_id = own[fact_id]
            bound[fact_id] = (role, name)
        role, name = bound.get(fact_id, (None, "table_lookup" if fact.origin == "table" else None))
        binding = Binding[name.upper()] if name else None
        entries.append(
            {
                "fact_id": fact_id,
                "figure": fact.raw or str(fact.value),
                "subject": fact.subject,
                "measure": fact.measure,
                "page": fact.evidence.page,
                "origin": fact.origin,
                "role": role,
                "binding": name,
                "certain": binding.certain if binding is not None else None,
                "statement_id": statement_id,
            }
        )
    return entries


def explain_lines(report: Report, finding: Finding) -> list[str]:
    """The explanation as report lines (Chinese)."""
    lines = []
    for entry in explain(report, finding):
        role = ROLE_LABELS.get(entry["role"] or "", entry["role"] or "单独核对")
        if entry["binding"]:
            binding = Binding[entry["binding"].upper()]
            how = f"{binding.label}，{'确定' if binding.certain else '不确定'}"
        else:
            how = "未经文字对应，按数字本身核对"
        where = "表格" if entry["origin"] == "table" else "正文"
        lines.append(f"· {entry['figure']} {entry['subject']}{_measure(entry)}（{role}，第{entry['page']}页{where}）：{how}")
    return lines


def _measure(entry: dict[str, Any]) -> str:
    measure = entry["measure"] or ""
    return "" if not measure or measure in (entry["subject"] or "") else measure


def report_dict(report: Report, with_explanations: bool) -> dict[str, Any]:
    """``report.to_dict()``, each finding with its ``explain`` entries when asked."""
    out = report.to_dict()
    if with_explanations:
        for entry, finding in zip(out["findings"], report.findings, strict=True):
            entry["explain"] = explain(report, finding)
    return out


