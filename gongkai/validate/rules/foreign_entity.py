"""Another department's name where the report speaks of itself (copied boilerplate)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.schemas.records import Evidence, Finding
from gongkai.validate.registry import rule

_ORG = r"[\u4e00-\u9fff]{1,8}?(?:局|委员会|委|办公室|办|中心|院|所|站|队)"
_SELF_CONTEXT = re.compile(rf"结合(?P<org>{_ORG})(?:的)?(?:实际|工作实际|具体情况)")


def _short_name(department: str) -> str:
    """The department's own short name: 某市某区商务局 → 商务局."""
    match = re.search(r"(?:省|自治区|市|州|盟|区|县|旗)([^省市州区县旗]+)$", department)
    return match.group(1) if match else department


@rule("foreign_entity.self_reference", "foreign_entity", "info")
def foreign_self_reference(analysis: Analysis) -> Iterator[Finding]:
    """Where the text describes its own circumstances (结合……的实际情况) it should name the
    reporting department; another department's name there suggests text copied from that
    department's report."""
    department = analysis.info.department
    if not department or "XX" in department.upper():
        return
    own = _short_name(department)
    text = analysis.document.text
    for match in _SELF_CONTEXT.finditer(text):
        org = match.group("org")
        if own in org or org in department or org.endswith(("本局", "我局", "本单位")):
            continue
        start = max(text.rfind(ch, 0, match.start()) for ch in "。\n") + 1
        ends = [i for i in (text.find(ch, match.end()) for ch in "。\n") if i >= 0]
        end = min(ends) + 1 if ends else len(text)
        yield Finding(
            rule=foreign_self_reference.id,
            category=foreign_self_reference.category,
            severity=foreign_self_reference.severity,
            message=f"{department}的报告写“结合{org}的实际情况”，{org}不是本部门，疑似从其他部门的材料中照抄。",
            evidence=(Evidence(analysis.document.page_at(match.start()), text[start:end].strip(), start, end),),
        )
