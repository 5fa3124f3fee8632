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


def _kind(key: str, title: str, doc_type: str, pattern: str, required: bool = True) -> TableKind:
    return TableKind(key, title, doc_type, re.compile(rf"^(?:{pattern})$"), required)


_Q = r"[“”\"‘’「」]?"
FINAL_ACCOUNTS_TABLES: tuple[TableKind, ...] = (
    _kind("fa_total", "收入支出决算总表", "final_accounts", r"(?:部门)?收入支出决算总表|收支决算总表"),
    _kind("fa_income", "收入决算表", "final_accounts", r"(?:部门)?收入决算表"),
    _kind("fa_expense", "支出决算表", "final_accounts", r"(?:部门)?支出决算表"),
    _kind("fa_fiscal_total", "财政拨款收入支出决算总表", "final_accounts", r"财政拨款收入支出决算总表|财政拨款收支决算总表"),
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
        rf"(?:一般公共预算)?财政拨款{_Q}三公{_Q}经费(?:支出)?决算表",
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

BUDGET_TABLES: tuple[TableKind, ...] = (
    _kind("bd_total", "部门收支总表", "budget", r"(?:部门|单位)?(?:财务)?收支(?:预算)?总表|(?:部门|单位)?收入支出预算总表", False),
    _kind("bd_income", "部门收入总表", "budget", r"(?:部门|单位)?收入(?:预算)?总表|(?:部门|单位)?收入预算表", False),
    _kind("bd_expense", "部门支出总表", "budget", r"(?:部门|单位)?支出(?:预算)?总表|(?:部门|单位)?支出预算表", False),
    _kind("bd_fiscal_total", "财政拨款收支总表", "budget", r"财政拨款收支(?:预算)?总表|财政拨款收入支出预算总表", False),
    _kind(
        "bd_general_expense",
        "一般公共预算支出表",
        "budget",
        r"一般公共预算(?:财政拨款)?支出(?:功能分类)?(?:预算)?表(?:[（(]功能分类[)）])?",
        False,
    ),
    _kind(
        "bd_general_basic",
        "一般公共预算基本支出表",
        "budget",
        r"一般公共预算(?:财政拨款)?基本支出(?:部门预算)?(?:经济分类)?(?:预算)?表(?:[（(]经济分类[)）])?",
        False,
    ),
    _kind(
        "bd_sangong",
        "一般公共预算“三公”经费支出表",
        "budget",
        rf"(?:一般公共预算|财政拨款)?{_Q}三公{_Q}经费(?:支出)?(?:预算)?表",
        False,
    ),
    _kind("bd_gov_fund", "政府性基金预算支出表", "budget", r"政府性基金预算(?:财政拨款)?(?:收入)?支出(?:功能分类)?(?:预算)?表", False),
    _kind("bd_state_capital", "国有资本经营预算支出表", "budget", r"国有资本经营预算(?:财政拨款)?(?:收入)?支出(?:预算)?表", False),
)

ALL_TABLES: tuple[TableKind, ...] = FINAL_ACCOUNTS_TABLES + BUDGET_TABLES

_TITLE_PREFIX = re.compile(
    r"^(?:(?:部门|单位)?(?:决算|预算)?公开表\s*\d+[-—]?\d*|附?表\s*[一二三四五六七八九十\d]+(?:[-—]\d+)?"
    r"|[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]+[)）])[：:\s、.．]*"
)
_TITLE_SUFFIX = re.compile(r"[（(](?:公开)?\d+表[)）]$|[（(]?公开\s*\d+\s*表[)）]?$|[（(]表[一二三四五六七八九十\d]+[)）]$")
_YEAR_PREFIX = re.compile(r"^.*?(?:19|20)\d{2}\s*年度?")
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
    return text.strip("：:、.．")


def match_title(line: str, department: str | None = None, doc_type: str | None = None) -> TableKind | None:
    """The standard table a title line names, if any."""
    if len(line) > 80:
        return None
    title = clean_title(line, department)
    kinds = ALL_TABLES
    if doc_type == "budget":
        kinds = BUDGET_TABLES + FINAL_ACCOUNTS_TABLES
    for kind in kinds:
        if kind.pattern.match(title):
            return kind
    return None
