"""The nine standard tables a 部门决算 must publish."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.analysis import Analysis
from gongkai.coverage import listed_tables
from gongkai.schemas.records import Evidence, Finding
from gongkai.schemas.tables import FINAL_ACCOUNTS_TABLES
from gongkai.validate.registry import rule

_FULL_SET = 4  # tables present from which the document is taken to publish the whole set
_ATTACHMENT = re.compile(r"详见附件|见附件|另附|附表见|附件\s*\d*\s*[：:]?\s*(?:部门)?决算表")


@rule("missing_table.final_accounts", "missing_table", "warning")
def missing_tables(analysis: Analysis) -> Iterator[Finding]:
    """A 部门决算 must contain the nine standard tables (收入支出决算总表 … 国有资本经营预算财政
    拨款收入支出决算表). A table printed empty with 「本表无数据」 counts as present. When the
    document holds none of them and says they are attached (详见附件), one note is given
    instead of nine warnings. A document holding only one to three of them (a page publishing
    one approved table) is warned about only for tables it names itself (in its 目录)."""
    if analysis.info.doc_type != "final_accounts":
        return
    present = {t.key for t in analysis.tables.standard if t.standard.parts or t.standard.empty_note}
    required = [kind for kind in FINAL_ACCOUNTS_TABLES if kind.required]
    missing = [kind for kind in required if kind.key not in present]
    if not missing:
        return
    document = analysis.document
    if len(missing) == len(required):
        attached = _ATTACHMENT.search(document.text)
        if attached:
            start = max(document.text.rfind("\n", 0, attached.start()) + 1, 0)
            end = document.text.find("\n", attached.end())
            quote = document.text[start : end if end > 0 else len(document.text)].strip()
            evidence = (Evidence(document.page_at(attached.start()), quote, start, end),)
            yield Finding(
                rule=missing_tables.id,
                category=missing_tables.category,
                severity="info",
                message="本文件未包含九张决算表（文中写明见附件），表内数字无法与说明核对。",
                evidence=evidence,
            )
            return
        yield Finding(
            rule=missing_tables.id,
            category=missing_tables.category,
            severity="warning",
            message="本文件中没有找到任何一张部门决算公开表（可能是扫描件或表格以图片形式发布）。",
        )
        return
    if len(required) - len(missing) < _FULL_SET:
        # a page publishing one or a few of the tables (a 决算批复 of one table): only the tables
        # it names itself are missing
        listed = listed_tables(document, "final_accounts")
        missing = [kind for kind in missing if kind.key in listed]
    for kind in missing:
        yield Finding(
            rule=missing_tables.id,
            category=missing_tables.category,
            severity="warning",
            message=f"缺少《{kind.title}》：部门决算应公开九张表，本文件中找不到这一张（空表也应保留并注明“本表无数据”）。",
        )
