"""The standard tables of 部门决算 and 部门预算: titles, variants and what must add up.

Titles are matched after the numbering and publisher prefix are removed (公开表1、表一、
附表2、部门名称、2024年度), so 「XX局2024年度收入支出决算总表（公开01表）」 and 「表一 收入支出决算总表」
both name the same table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TableKind:
    """One standard table."""

    key: str
    title: str
    doc_type: str  # final_accounts | budget
    pattern: re.Pattern[str]
    required: bool = True
    total: str | None = None  # the subject of the table's grand total, for a 合计 without a row label


def _kind(key: str, title: str, doc_type: str, pattern: str, required: bool = True, total: str | None = None) -> TableKind:
    return TableKind(key, title, doc_type, re.compile(rf"^(?:{pattern})$"), required, total)


_Q = r"[“”\"‘’「」]?"
FINAL_ACCOUNTS_TABLES: tuple[TableKind, ...] = (
    _kind("fa_total", "收入支出决算总表", "final_accounts", r"(?:部门)?收入支出决算总?表|收支决算总表"),
    _kind("fa_income", "收入决算表", "final_accounts", r"(?:部门)?收入决算表"),
    _kind("fa_expense", "支出决算表", "final_accounts", r"(?:部门)?支出决算表"),
    _kind(
        "fa_fiscal_total",
        "财政拨款收入支出决算总表",
        "final_accounts",
        r"(?:一般)?(?:公共预算)?财政拨款收入支出决算总?表|财政拨款收支决算总表",
    ),
    _kind(
        "fa_general_expense",
        "一般公共预算财政拨款支出决算表",
        "final_accounts",
        r"一般公共预算财政拨款支出决算(?:明细)?表(?:[（(]功能分类[)）])?|一般公共预算财政拨款支出决算功能分类表",
    ),
    _kind(
        "fa_general_basic",
        "一般公共预算财政拨款基本支出决算表",
        "final_accounts",
        r"一般公共预算财政拨款基本支出决算(?:明细)?表(?:[（(]经济分类[)）])?|一般公共预算财政拨款基本支出决算经济分类表",
    ),
    _kind(
        "fa_sangong",
        "财政拨款“三公”经费支出决算表",
        "final_accounts",
        rf"(?:一般公共预算)?财政拨款{_Q}三公{_Q}经费(?:支出)?决算表|{_Q}三公{_Q}经费(?:一般)?公共(?:预算)?财政拨款支出决算表",
        total="三公经费",
    ),
    _kind(
        "fa_gov_fund",
        "政府性基金预算财政拨款收入支出决算表",
        "final_accounts",
        r"政府性基金预算财政拨款(?:收入)?支出决算表",
    ),
    _kind(
        "fa_state_capital",
        "国有资本经营预算财政拨款收入支出决算表",
        "final_accounts",
        r"国有资本经营预算财政拨款(?:收入)?支出决算表",
    ),
)

# 预算 titles vary by region and year (「2025年部门财务收支预算总表」, 「公开01表：收支预算总表」,
# 「2024年预算单位一般公共预算基本支出部门预算经济分类预算表」, 「财政拨款支出预算表（功能科目）」); they
# are matched on a key without the phase word 预算 (kept inside 一般公共预算, 政府性基金预算 and 国有资本
# 经营预算), the publisher words (部门, 单位, 预算单位) and the classification qualifiers — see
# ``budget_key``. The patterns below are written against that key.
BUDGET_TABLES: tuple[TableKind, ...] = (
    _kind("bd_total", "部门收支总表", "budget", r"(?:财务)?收支总表|收入支出总表", False),
    _kind("bd_income", "部门收入总表", "budget", r"收入总?表", False, "本年收入合计"),
    _kind("bd_expense", "部门支出总表", "budget", r"支出总?表", False, "本年支出合计"),
    _kind("bd_fiscal_total", "财政拨款收支总表", "budget", r"财政拨款收支总表|财政拨款收入支出总表", False),
    _kind("bd_fiscal_expense", "财政拨款支出表", "budget", r"财政拨款支出(?:明细)?表", False),
    _kind("bd_fiscal_basic", "财政拨款基本支出表", "budget", r"财政拨款基本支出(?:明细)?表", False),
    _kind("bd_general_expense", "一般公共预算支出表", "budget", r"一般公共预算(?:财政拨款)?(?:拨款)?支出(?:明细)?表", False),
    _kind("bd_general_basic", "一般公共预算基本支出表", "budget", r"一般公共预算(?:财政拨款)?(?:拨款)?基本支出(?:明细)?表", False),
    _kind(
        "bd_operating",
        "一般公共预算机关运行经费支出表",
        "budget",
        r"(?:一般公共预算|财政拨款)?(?:财政拨款)?机关运行经费(?:支出)?表",
        False,
    ),
    _kind(
        "bd_sangong",
        "“三公”经费支出表",
        "budget",
        rf"(?:一般公共预算|财政拨款)?(?:财政拨款)?{_Q}三公{_Q}经费{_Q}(?:和机关运行经费|[、，]会议费[、，]培训费)?(?:支出)?(?:公开)?表",
        False,
        "三公经费",
    ),
    _kind(
        "bd_gov_fund",
        "政府性基金预算支出表",
        "budget",
        r"(?:财政拨款)?政府性基金(?:预算)?(?:财政拨款)?(?:收入)?支出表",
        False,
    ),
    _kind(
        "bd_state_capital",
        "国有资本经营预算支出表",
        "budget",
        r"(?:财政拨款)?国有资本经营(?:预算)?(?:财政拨款)?(?:收入)?支出表",
        False,
    ),
    _kind("bd_procurement", "政府采购表", "budget", r"政府采购(?:支出)?(?:明细)?表", False, "政府采购"),
    _kind("bd_performance", "项目绩效目标表", "budget", r"(?:项目支出|项目|部门整体支出)?绩效目标(?:申报)?表", False),
)

_PHASE_WORD = re.compile(r"(?<!一般公共)(?<!政府性基金)(?<!国有资本经营)预算")
_BUDGET_NOISE = re.compile(r"[（(](?:按)?(?:功能|经济)(?:分类|科目)[)）]|(?:部门预算)?(?:按)?(?:功能|经济)(?:分类|科目)")
_PUBLISHER = re.compile(r"^(?:本?部门[（(]单位[)）]|预算单位|本?部门|本?单位)")
# What may print before a table's name: the publisher (any organisation), its level words.
_OWNER_END = re.compile(
    r"(?:部门|单位|局|委员会|委|办公厅|办公室|办|厅|院|署|处|所|站|队|中心|政府|街道办事处|街道|镇|乡|会|馆|集团|公司|基金)$"
)


def budget_key(title: str) -> str:
    """A cleaned 预算 title reduced to what tells the tables apart.

    「预算单位一般公共预算基本支出部门预算经济分类预算表」 → 「一般公共预算基本支出表」,
    「财政拨款支出预算表（功能科目）」 → 「财政拨款支出表」, 「收支预算总表」 → 「收支总表」.
    """
    key = _PUBLISHER.sub("", title)
    key = _BUDGET_NOISE.sub("", key)
    key = key.replace("部门预算", "").replace("单位预算", "")
    key = _PHASE_WORD.sub("", key)
    return _PUBLISHER.sub("", key)


ALL_TABLES: tuple[TableKind, ...] = FINAL_ACCOUNTS_TABLES + BUDGET_TABLES

# A table that is none of the standard ones (a staffing table, a list of units …): its rows
# are read like theirs, so its figures are facts, but no rule of a standard table applies.
OTHER_TABLE = TableKind("other", "表格", "", re.compile(r"(?!)"), False)

_TITLE_PREFIX = re.compile(
    r"^(?:(?:部门|单位)?(?:决算|预算)?公开表\s*\d+[-—]?\d*|公开\s*\d+\s*表|附?表\s*[一二三四五六七八九十\d]+(?:[-—]\d+)?"
    r"|[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]+[)）])[：:\s、.．]*"
)
_TITLE_SUFFIX = re.compile(
    r"[（(](?:按)?(?:功能|经济)(?:分类|科目)[)）]$|[（(](?:公开)?\d+表[)）]$"
    r"|[（(]?公开\s*\d+\s*表[)）]?$|[（(]表[一二三四五六七八九十\d]+[)）]$"
)
_YEAR_PREFIX = re.compile(r"^.*?(?:19|20)\d{2}\s*年度?")
_APPROVAL = re.compile(r"批复(?=总?表$)")
EMPTY_TABLE_NOTE = re.compile(r"本表无数据|本表为空|故本表为空|此表无数据|无数据|空表")
UNIT_LINE = re.compile(r"(?:金额)?单位[：:]\s*(?P<unit>万元|元|千元|亿元|百万元)")


def clean_title(line: str, department: str | None = None) -> str:
    """A title line without its numbering, publisher, year and trailing table number."""
    text = re.sub(r"\s+", "", line)
    text = UNIT_LINE.sub("", text)
    for _ in range(2):
        text = _TITLE_PREFIX.sub("", text)
        if department:
            text = text.replace(department.replace(" ", ""), "")
        if re.search(r"(?:19|20)\d{2}年", text):
            text = _YEAR_PREFIX.sub("", text)
        text = _TITLE_SUFFIX.sub("", text)
    text = _APPROVAL.sub("", text)  # a 决算批复表 is the 决算表 as the finance bureau approved it
    return text.strip("：:、.．")


def match_title(line: str, department: str | None = None, doc_type: str | None = None) -> TableKind | None:
    """The standard table a title line names, if any."""
    if len(line) > 80:
        return None
    title = clean_title(line, department)
    if not title.endswith("表"):
        return None
    for kind in FINAL_ACCOUNTS_TABLES:
        if kind.pattern.match(title):
            return kind
    if "决算" in title or not (_PHASE_WORD.search(title) or doc_type == "budget"):
        return None  # a budget table names its phase, or stands in a document that is a 预算
    key = budget_key(title)
    best: tuple[int, TableKind] | None = None
    for kind in BUDGET_TABLES:
        match = _tail(kind).search(key)
        if match is None or (best is not None and match.start() >= best[0]):
            continue
        owner = budget_key(key[: match.start()])
        if not owner or _OWNER_END.search(owner):
            best = (match.start(), kind)
    return best[1] if best else None


def _tail(kind: TableKind) -> re.Pattern[str]:
    """The kind's pattern matching at the end of a title (after a publisher's name)."""
    cached = _TAILS.get(kind.key)
    if cached is None:
        cached = _TAILS[kind.key] = re.compile(kind.pattern.pattern.removeprefix("^"))
    return cached


_TAILS: dict[str, re.Pattern[str]] = {}
