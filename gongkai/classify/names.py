"""Organisation names as printed: what a name may contain, how it ends, what to strip.

A department name is recognised by its structure — a run of Chinese characters ending in
an organisation word (局, 委员会, 办公厅, 法院, 街道办事处, 中心, 所, 基金 …), possibly
followed by a bracketed short name such as ``（某某乡政府）`` — never by a list of names.
"""

from __future__ import annotations

import re

# the characters of a printed name: Chinese, brackets, a middle dot, and the X of a template
NAME = r"[\u4e00-\u9fff（）()·X]"

_ORG_SUFFIX = re.compile(
    r"(?:局|委|办|部|中心|院|所|站|队|厅|处|署|会|馆|室|公司|政府|学校|大学|基金|社|台|校|园|场|监狱|联|团|组)$"
)
_BRACKET_TAIL = re.compile(r"(?:[（(][^（()）]*[)）])+$")
_LEADING = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])\s*"
)
_TRAILING = re.compile(r"(?:[（(]盖章[)）]|主管|本级)$")
_GENERIC_START = re.compile(r"^(?:本|各|该|我|所属|下属|其他|其它)")
_DOCUMENT_WORDS = re.compile(r"预算|决算|合计|总计|目录|说明|公开|报表|单位名称|部门名称")
_REGION = re.compile(
    r"^(?P<region>(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,8}?(?:市|州|盟))?"
    r"(?:[\u4e00-\u9fff]{1,8}?(?:区|县|旗))?)"
)
_PARTY_PREFIX = re.compile(r"^(?:中国共产党|中共|共青团)")


def clean_name(raw: str) -> str:
    """A captured name without whitespace, heading numbers, seal marks or a trailing 主管."""
    name = re.sub(r"\s+", "", raw)
    name = _LEADING.sub("", name)
    previous = None
    while previous != name:
        previous = name
        name = _TRAILING.sub("", name)
        stem = re.sub(r"(?:部门|单位)$", "", name)
        if stem != name and is_organisation(stem):
            name = stem
    return name


def is_organisation(name: str) -> bool:
    """Whether ``name`` reads as an organisation (ends in an organisation word)."""
    core = _BRACKET_TAIL.sub("", name)
    if len(core) < 2 or _GENERIC_START.match(core) or _DOCUMENT_WORDS.search(core):
        return False
    return bool(_ORG_SUFFIX.search(core))


def region_of(name: str | None) -> str | None:
    """The place a name begins with (``某某市某某区`` of ``某某市某某区商务委员会``)."""
    if not name:
        return None
    match = _REGION.match(_PARTY_PREFIX.sub("", name))
    return (match.group("region") if match else "") or None
