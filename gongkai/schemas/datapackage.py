"""Frictionless Table Schemas of the exported dataset, the single source of column names.

The dataset follows the Fiscal Data Package conventions where they fit: amounts carry
their currency (CNY) and the factor of their printed unit, budget phases map to
``approved`` (年初预算), ``adjusted`` (调整/全年预算) and ``executed`` (决算), and
classification codes are stored with their scheme (functional 功能分类 / economic 经济分类)
and level (类/款/项).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.schemas.classification import is_economic_code, is_function_code
from gongkai.schemas.records import DocumentInfo, Fact, Finding, format_decimal

PHASES = {
    "年初预算数": "approved",
    "预算数": "approved",
    "调整预算数": "adjusted",
    "全年预算数": "adjusted",
    "追加预算数": "adjusted",
    "决算数": "executed",
    "上年决算数": "executed",
}


@dataclass(frozen=True, slots=True)
class Column:
    """One field of a table schema."""

    name: str
    type: str  # frictionless types: string, integer, number, boolean
    title: str
    description: str = ""


DOCUMENTS: tuple[Column, ...] = (
    Column("doc_id", "string", "文档编号", "sha256 of the file bytes, first 16 hex digits"),
    Column("source", "string", "来源文件"),
    Column("format", "string", "格式"),
    Column("pages", "integer", "页数"),
    Column("doc_type", "string", "文档类型", "final_accounts | budget | performance_self_evaluation | other"),
    Column("fiscal_year", "integer", "年度"),
    Column("department", "string", "部门"),
    Column("region", "string", "地区"),
    Column("title", "string", "标题"),
    Column("facts", "integer", "数字个数"),
    Column("errors", "integer", "错误数"),
    Column("warnings", "integer", "警告数"),
    Column("infos", "integer", "提示数"),
    Column("notes", "string", "提取说明"),
)

FACTS: tuple[Column, ...] = (
    Column("doc_id", "string", "文档编号"),
    Column("fact_id", "integer", "数字编号"),
    Column("subject", "string", "项目", "what the figure is about (本年收入合计, a 科目, 三公经费 …)"),
    Column("subject_code", "string", "科目编码"),
    Column("classification", "string", "分类", "functional (功能分类) | economic (经济分类)"),
    Column("level", "string", "科目级次", "类 | 款 | 项"),
    Column("measure", "string", "口径", "决算数, 年初预算数, 增减额, 占比, 得分 …"),
    Column("phase", "string", "预算阶段", "approved | adjusted | executed (Fiscal Data Package)"),
    Column("fiscal_year", "integer", "年度"),
    Column("value", "string", "数值（原样）", "the number as printed, as a decimal string"),
    Column("decimals", "integer", "小数位数"),
    Column("unit", "string", "单位"),
    Column("value_yuan", "string", "金额（元）", "money converted to 元, as a decimal string"),
    Column("currency", "string", "币种", "CNY for Renminbi amounts"),
    Column("unit_factor", "integer", "单位倍数", "元 per printed unit (10000 for 万元)"),
    Column("origin", "string", "来源", "text | table"),
    Column("table", "string", "表名"),
    Column("row", "string", "行"),
    Column("column", "string", "列"),
    Column("page", "integer", "页码"),
    Column("quote", "string", "原文"),
    Column("start", "integer", "起始位置", "offset in the normalised text (gongkai text)"),
    Column("end", "integer", "结束位置"),
    Column("bbox", "string", "页面位置", "x0,top,x1,bottom in PDF points"),
)

FINDINGS: tuple[Column, ...] = (
    Column("doc_id", "string", "文档编号"),
    Column("rule", "string", "规则"),
    Column("category", "string", "类别"),
    Column("severity", "string", "严重程度", "error | warning | info"),
    Column("message", "string", "说明"),
    Column("stated", "string", "文中数"),
    Column("expected", "string", "应为"),
    Column("difference", "string", "差额"),
    Column("figures", "string", "涉及数字", "printed figures joined with ' | '"),
    Column("page", "integer", "页码"),
    Column("quote", "string", "原文"),
    Column("evidence_pages", "string", "全部页码"),
)

ERRORS: tuple[Column, ...] = (
    Column("source", "string", "来源文件"),
    Column("kind", "string", "错误类型", "missing, empty, encrypted, not_pdf, truncated, binary, unsupported, timeout …"),
    Column("reason", "string", "原因"),
)

RESOURCES: dict[str, tuple[Column, ...]] = {
    "documents": DOCUMENTS,
    "facts": FACTS,
    "findings": FINDINGS,
    "errors": ERRORS,
}
TITLES = {"documents": "文档", "facts": "数字", "findings": "发现", "errors": "无法读取的文件"}


def document_row(info: DocumentInfo, counts: dict[str, int], n_facts: int) -> dict[str, Any]:
    """A documents.csv row."""
    return {
        "doc_id": info.doc_id,
        "source": info.source,
        "format": info.format,
        "pages": info.pages,
        "doc_type": info.doc_type,
        "fiscal_year": info.fiscal_year,
        "department": info.department,
        "region": info.region,
        "title": info.title,
        "facts": n_facts,
        "errors": counts.get("error", 0),
        "warnings": counts.get("warning", 0),
        "infos": counts.get("info", 0),
        "notes": " | ".join(info.warnings),
    }


def fact_row(doc_id: str, fiscal_year: int | None, fact: Fact) -> dict[str, Any]:
    """A facts.csv row."""
    code = fact.subject_code
    classification = None
    if code:
        classification = "functional" if is_function_code(code) else "economic" if is_economic_code(code) else None
    factor = None
    if fact.value_yuan is not None and fact.value != 0:
        factor = int(fact.value_yuan / fact.value)
    return {
        "doc_id": doc_id,
        "fact_id": fact.fact_id,
        "subject": fact.subject,
        "subject_code": code,
        "classification": classification,
        "level": fact.level,
        "measure": fact.measure,
        "phase": PHASES.get(fact.measure),
        "fiscal_year": fiscal_year,
        "value": format_decimal(fact.value),
        "decimals": fact.decimals,
        "unit": fact.unit,
        "value_yuan": format_decimal(fact.value_yuan) if fact.value_yuan is not None else None,
        "currency": "CNY" if fact.value_yuan is not None else None,
        "unit_factor": factor,
        "origin": fact.origin,
        "table": fact.table,
        "row": fact.row,
        "column": fact.column,
        "page": fact.evidence.page,
        "quote": fact.evidence.quote,
        "start": fact.evidence.start,
        "end": fact.evidence.end,
        "bbox": ",".join(str(v) for v in fact.evidence.bbox) if fact.evidence.bbox else None,
    }


def finding_row(doc_id: str, finding: Finding) -> dict[str, Any]:
    """A findings.csv row (evidence flattened to the first page and quote)."""
    first = finding.evidence[0] if finding.evidence else None
    return {
        "doc_id": doc_id,
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity,
        "message": finding.message,
        "stated": finding.stated,
        "expected": finding.expected,
        "difference": finding.difference,
        "figures": " | ".join(finding.figures),
        "page": first.page if first else None,
        "quote": first.quote if first else None,
        "evidence_pages": ",".join(str(e.page) for e in finding.evidence),
    }


def table_schema(columns: tuple[Column, ...]) -> dict[str, Any]:
    """The Frictionless Table Schema descriptor of a resource."""
    return {
        "fields": [
            {"name": c.name, "type": c.type, "title": c.title, **({"description": c.description} if c.description else {})}
            for c in columns
        ]
    }
