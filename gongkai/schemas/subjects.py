"""Whether two subject labels name the same thing.

Labels for one subject vary in a report: 总编制人数 and 编制人数, 政府采购金额 and 政府采购,
部门总收入 and 总收入. Two labels match when their canonical names agree, or — unless
``strict`` — when one contains the other after dropping amount words (金额, 总额 …).
"""

from __future__ import annotations

import re
from functools import lru_cache

from gongkai.schemas.vocabulary import canonical_subject

_AMOUNT_WORDS = re.compile(r"(?:金额|数额|资金|总额|支出数|数)$")
_SPENDING = re.compile(r"(?:预算)?(?:支出|费用)$")
_DECORATION = re.compile(r"^(?:部门|单位|本级|年度|全年|全部)|[“”\"]")


@lru_cache(maxsize=8192)
def subject_key(label: str) -> str:
    """A comparison key for a subject label."""
    text = _DECORATION.sub("", label)
    canonical = canonical_subject(text)
    if canonical:
        return canonical
    stripped = _AMOUNT_WORDS.sub("", text)
    spent = _SPENDING.sub("", stripped)  # 公务接待费支出, 公务接待费预算支出 → 公务接待费
    of_spent = canonical_subject(spent)
    if of_spent and "收入" in of_spent and "收入" not in text:
        of_spent = None  # 财政拨款支出 is no 财政拨款收入: what is left of an expense cannot name an income
    return canonical_subject(stripped) or of_spent or stripped or text


def same_subject(a: str, b: str, strict: bool = False) -> bool:
    """Whether labels ``a`` and ``b`` name the same subject (empty labels never do)."""
    if not a or not b:
        return False
    if a == b:
        return True
    key_a, key_b = subject_key(a), subject_key(b)
    if key_a == key_b:
        return True
    if strict:
        return False
    return len(min(key_a, key_b, key=len)) >= 2 and (key_a in key_b or key_b in key_a)
