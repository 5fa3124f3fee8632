"""Frictionless Table Schemas of the exported dataset: every column name and constraint.

This module is the single source of truth for the dataset's tables: their columns
(names, Frictionless types, Chinese titles, descriptions), the allowed values of coded
columns, primary and foreign keys, the resources' titles and descriptions, the
``datapackage.json`` descriptor, and the row builders that fill the tables.
``gongkai.export.dataset`` only writes what is declared here.

The dataset follows the Fiscal Data Package conventions where they fit
(https://specs.frictionlessdata.io/fiscal-data-package/): amounts carry their currency
(CNY) and the factor of their printed unit, budget phases map to ``approved`` (年初预算),
``adjusted`` (调整/全年预算) and ``executed`` (决算), classification codes are stored with
their scheme (functional 功能分类 / economic 经济分类) and level (类/款/项), and fields carry
a ``columnType`` (custom ones declared in the package's ``columnTypes``).

Every ``number`` column is an exact decimal: printed in the CSV as a plain decimal string
(never an exponent), read by Frictionless as ``Decimal``, stored in Parquet and DuckDB as
``decimal(DECIMAL_PRECISION, DECIMAL_SCALE)``. A value that type cannot hold exactly
(more than ``DECIMAL_SCALE`` decimals or ``DECIMAL_PRECISION - DECIMAL_SCALE`` integer
digits; no real amount comes near) is left empty rather than rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation
from typing import Any

from gongkai.export.paths import printable_path
from gongkai.schemas.classification import is_economic_code, is_function_code
from gongkai.schemas.records import (
    CATEGORIES,
    DIRECTIONS,
    DOC_TYPES,
    SEVERITIES,
    VERDICTS,
    Check,
    DocumentInfo,
    Fact,
    Finding,
    format_decimal,
)

PHASES = {
    "年初预算数": "approved",
    "预算数": "approved",
    "调整预算数": "adjusted",
    "全年预算数": "adjusted",
    "追加预算数": "adjusted",
    "决算数": "executed",
    "上年决算数": "executed",
}
PHASE_IDS: tuple[str, ...] = tuple(sorted(set(PHASES.values())))
CLASSIFICATIONS = ("functional", "economic")
ORIGINS = ("text", "table")
CURRENCIES = ("CNY",)

# Exact decimals: 22 integer digits (far beyond any budget, in 元) and 6 decimals (a
# 万元 figure printed to 4 places is 2 places in 元; rates and scores print fewer).
DECIMAL_PRECISION = 28
DECIMAL_SCALE = 6
_QUANTUM = Decimal(1).scaleb(-DECIMAL_SCALE)
_LIMIT = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)
_WIDE = Context(prec=DECIMAL_PRECISION + 10)

# The ``kind`` codes of ``errors`` rows: why a file could not be read.
ERROR_KINDS: dict[str, str] = {
    "missing": "the file does not exist",
    "unreadable": "the file exists but could not be read (permissions, I/O error)",
    "empty": "the file has no bytes",
    "too_large": "the file is larger than the max_bytes limit",
    "not_pdf": "named .pdf but holds something else (an HTML error page, an image …)",
    "unsupported": "a format gongkai does not read (image, archive, directory …)",
    "binary": "binary data that is neither text nor a known document format",
    "encrypted": "the PDF needs a password",
    "truncated": "the file is incomplete (an interrupted download)",
    "corrupt": "the file is damaged and cannot be parsed",
    "garbled": "text that decodes as none of UTF-8, GB18030 and Big5 (a damaged file or another encoding)",
    "no_text": "a PDF without a text layer (a scan) that OCR did not read (or the ocr extra is not installed)",
    "too_many_pages": "more pages than the max_pages limit",
    "needs_libreoffice": "a legacy Word document (.doc), read only where LibreOffice is installed",
    "timeout": "reading or checking it took longer than the timeout_seconds limit",
    "crashed": "the worker process died while processing it (a parser bug, out of memory)",
    "internal": "an unexpected error inside gongkai (a bug: please report it)",
}


@dataclass(frozen=True, slots=True)
class Column:
    """One field of a table schema.

    ``column_type`` is the field's Fiscal Data Package ``columnType``; ``enum`` the values
    it may take (empty when any value is allowed).
    """

    name: str
    type: str  # frictionless types: string, integer, number, boolean
    title: str
    description: str = ""
    column_type: str | None = None
    enum: tuple[str, ...] = ()


_DECIMAL_NOTE = (
    f"exact decimal (decimal({DECIMAL_PRECISION}, {DECIMAL_SCALE}) in Parquet and DuckDB, plain decimal text "
    f"in the CSV; a value with more than {DECIMAL_SCALE} decimals or {DECIMAL_PRECISION - DECIMAL_SCALE} "
    "integer digits would be left empty, never rounded)"
)
_KINDS_NOTE = "; ".join(f"{kind}: {meaning}" for kind, meaning in ERROR_KINDS.items())

DOCUMENTS: tuple[Column, ...] = (
    Column("doc_id", "string", "文档编号", "sha256 of the file bytes, first 16 hex digits"),
    Column("source", "string", "来源文件"),
    Column("format", "string", "格式"),
    Column("pages", "integer", "页数"),
    Column("doc_type", "string", "文档类型", " | ".join(DOC_TYPES), enum=DOC_TYPES),
    Column("fiscal_year", "integer", "年度", column_type="date:fiscal-year"),
    Column("department", "string", "部门", column_type="administrative-classification:generic:label"),
    Column("region", "string", "地区"),
    Column("title", "string", "标题"),
    Column("facts", "integer", "数字个数"),
    Column("errors", "integer", "错误数"),
    Column("warnings", "integer", "警告数"),
    Column("infos", "integer", "提示数"),
    Column("notes", "string", "提取说明"),
    Column("sha256", "string", "文件哈希", "sha256 of the file bytes, all 64 hex digits"),
    Column("size", "integer", "文件字节数"),
    Column("gongkai_version", "string", "gongkai 版本"),
    Column("checked_at", "string", "核对时间", "when gongkai read the file (UTC, ISO 8601)"),
    Column("tables_expected", "integer", "应有标准表", "standard tables its type must publish (9 for 部门决算; empty: no fixed set)"),
    Column("tables_listed", "integer", "目录所列标准表", "standard tables it names outside its tables (目录, list of attachments)"),
    Column("tables_recognised", "integer", "识别的标准表"),
    Column("tables_expected_found", "integer", "识别出的应有标准表", "of the tables expected, those recognised"),
    Column("table_rows", "integer", "表格行数", "data rows read from the recognised standard tables"),
    Column("table_rows_verified", "integer", "经核对的表格行", "rows with a figure in a judged check"),
    Column("text_numbers", "integer", "正文数字", "numbers printed in the narrative"),
    Column("text_numbers_bound", "integer", "已对应的正文数字", "narrative numbers bound into a statement"),
    Column(
        "checks", "integer", "核对处数", "the document's own checks of every verdict (checks between documents, category cross_document, are not counted)"
    ),
    Column("checks_consistent", "integer", "相符"),
    Column("checks_inconsistent", "integer", "不符"),
    Column("checks_not_judged", "integer", "无法判断"),
)

FACTS: tuple[Column, ...] = (
    Column("doc_id", "string", "文档编号"),
    Column("fact_id", "integer", "数字编号"),
    Column("subject", "string", "项目", "what the figure is about (本年收入合计, a 科目, 三公经费 …)"),
    Column("subject_code", "string", "科目编码", column_type="classification:prc:code"),
    Column("classification", "string", "分类", "functional (功能分类) | economic (经济分类)", enum=CLASSIFICATIONS),
    Column("level", "string", "科目级次", "类 | 款 | 项", column_type="classification:prc:level"),
    Column("measure", "string", "口径", "决算数, 年初预算数, 增减额, 占比, 得分 …"),
    Column(
        "phase",
        "string",
        "预算阶段",
        "approved | adjusted | executed (Fiscal Data Package)",
        column_type="phase:id",
        enum=PHASE_IDS,
    ),
    Column("fiscal_year", "integer", "年度", column_type="date:fiscal-year"),
    Column(
        "value",
        "string",
        "数值（原样）",
        "the number as printed in its unit, as text: trailing zeros kept, so it carries the printed "
        "precision (decimals says how many places); compute with value_number",
    ),
    Column("value_number", "number", "数值", f"the same number as value, as an {_DECIMAL_NOTE}"),
    Column("decimals", "integer", "小数位数", "decimal places printed in value"),
    Column("unit", "string", "单位"),
    Column(
        "value_yuan",
        "number",
        "金额（元）",
        f"money converted to 元 (value × unit_factor), as an {_DECIMAL_NOTE}; empty when the figure is "
        "not an amount of money",
        column_type="value",
    ),
    Column(
        "currency", "string", "币种", "CNY for Renminbi amounts", column_type="value-currency:code", enum=CURRENCIES
    ),
    Column("unit_factor", "integer", "单位倍数", "元 per printed unit (10000 for 万元)", column_type="value-factor"),
    Column("direction", "string", "变动方向", "a change (增减额/增减率): increase | decrease | flat", enum=DIRECTIONS),
    Column("value_signed", "number", "带符号数值", f"a change as a signed number (减少30.64 → -30.64), as an {_DECIMAL_NOTE}"),
    Column("origin", "string", "来源", "text | table", enum=ORIGINS),
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
    Column("finding_id", "integer", "发现编号", "numbered per document, most severe first"),
    Column("check_id", "integer", "核对编号", "the check it reports (checks)"),
    Column("rule", "string", "规则"),
    Column("category", "string", "类别", enum=CATEGORIES),
    Column("severity", "string", "严重程度", "error | warning | info", enum=SEVERITIES),
    Column("message", "string", "说明"),
    Column("stated", "string", "文中数"),
    Column("expected", "string", "应为"),
    Column("difference", "string", "差额"),
    Column("figures", "string", "涉及数字", "printed figures joined with ' | '"),
    Column("page", "integer", "页码"),
    Column("quote", "string", "原文"),
    Column("evidence_pages", "string", "全部页码"),
    Column("fact_ids", "string", "涉及数字编号", "fact_id of each figure it cites, joined with ' | ' (check_facts joins them)"),
    Column("related_doc_id", "string", "对照文件", "a cross_document finding: the other document it was checked against"),
)

CHECKS: tuple[Column, ...] = (
    Column("doc_id", "string", "文档编号"),
    Column("check_id", "integer", "核对编号", "numbered per document in rule order"),
    Column("rule", "string", "规则"),
    Column("category", "string", "类别", enum=CATEGORIES),
    Column("verdict", "string", "结论", "consistent | inconsistent | not_judged", enum=VERDICTS),
    Column("reason", "string", "未判断原因", "why a claim was not judged (a figure missing, the binding uncertain, a zero base …)"),
    Column("stated", "string", "文中数"),
    Column("computed", "string", "算得", "what the rule computed from the other figures: a value, or an interval lo～hi, in the unit of stated"),
    Column("fact_count", "integer", "涉及数字个数"),
    Column("page", "integer", "页码"),
    Column("quote", "string", "原文"),
    Column("related_doc_id", "string", "对照文件", "a cross_document check: the other document it was checked against"),
)

CHECK_FACTS: tuple[Column, ...] = (
    Column("doc_id", "string", "文档编号"),
    Column("check_id", "integer", "核对编号"),
    Column("fact_id", "integer", "数字编号"),
    Column("position", "integer", "次序", "the figure's place among the check's figures, from 1"),
)

ERRORS: tuple[Column, ...] = (
    Column("source", "string", "来源文件"),
    Column("kind", "string", "错误类型", f"a stable short code — {_KINDS_NOTE}"),
    Column("reason", "string", "原因", "the reason in one sentence (Chinese)"),
)

DUPLICATES: tuple[Column, ...] = (
    Column("source", "string", "来源文件", "the file skipped because its bytes equal an earlier input's"),
    Column(
        "duplicate_of", "string", "已处理的相同文件", "the earlier input with the same bytes, processed in its place"
    ),
    Column(
        "doc_id",
        "string",
        "文档编号",
        "the document both files are (sha256 of the bytes, first 16 hex digits); empty when that file could "
        "not be read (see errors)",
    ),
)

RESOURCES: dict[str, tuple[Column, ...]] = {
    "documents": DOCUMENTS,
    "facts": FACTS,
    "checks": CHECKS,
    "check_facts": CHECK_FACTS,
    "findings": FINDINGS,
    "errors": ERRORS,
    "duplicates": DUPLICATES,
}
TITLES = {
    "documents": "文档",
    "facts": "数字",
    "checks": "核对",
    "check_facts": "核对所依据的数字",
    "findings": "发现",
    "errors": "无法读取的文件",
    "duplicates": "重复文件",
}
DESCRIPTIONS = {
    "documents": "One row per document read: identity, type, year, publisher and counts of facts and findings.",
    "facts": "One row per printed figure with its meaning, unit, amount in 元 and where it is printed.",
    "checks": (
        "One row per claim a rule evaluated, whatever the outcome (verdict consistent, inconsistent or not_judged): "
        "the denominator of an inconsistency rate. Each finding reports one check."
    ),
    "check_facts": "One row per figure a check rests on: joins checks to facts.",
    "findings": "One row per arithmetic finding (evidence flattened to its first page and quote), with the check it reports.",
    "errors": (
        f"One row per input file that could not be read, with the reason. Error kinds: {_KINDS_NOTE}. "
        "unreadable, timeout, crashed and internal depend on the moment, not the file: a rerun tries those files again."
    ),
    "duplicates": (
        "One row per input file skipped because it is byte-identical to an earlier input, which was "
        "processed in its place; in input order."
    ),
}

PRIMARY_KEYS: dict[str, list[str]] = {
    "documents": ["doc_id"],
    "facts": ["doc_id", "fact_id"],
    "checks": ["doc_id", "check_id"],
    "check_facts": ["doc_id", "check_id", "position"],
    "findings": ["doc_id", "finding_id"],
    "duplicates": ["source"],
}


def _references(resource: str, *fields: str) -> dict[str, Any]:
    return {"fields": list(fields), "reference": {"resource": resource, "fields": list(fields)}}


FOREIGN_KEYS: dict[str, list[dict[str, Any]]] = {
    "facts": [_references("documents", "doc_id")],
    "checks": [
        _references("documents", "doc_id"),
        {"fields": ["related_doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}},
    ],
    "check_facts": [_references("checks", "doc_id", "check_id"), _references("facts", "doc_id", "fact_id")],
    "findings": [
        _references("documents", "doc_id"),
        _references("checks", "doc_id", "check_id"),
        {"fields": ["related_doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}},
    ],
    "duplicates": [{"fields": "doc_id", "reference": {"resource": "documents", "fields": "doc_id"}}],
}
# Fiscal Data Package column types of our own, declared in the package's ``columnTypes``.
CUSTOM_COLUMN_TYPES: list[dict[str, Any]] = [
    {
        "name": "classification:prc:code",
        "dataType": "string",
        "description": "政府收支分类科目编码: functional (功能分类, 类/款/项 = 3/5/7 digits) or economic "
        "(经济分类) code; the facts' `classification` field says which.",
    },
    {"name": "classification:prc:level", "dataType": "string", "description": "科目级次: 类 | 款 | 项"},
    {"name": "value-factor", "dataType": "integer", "description": "元 per printed unit: 1 for 元, 10000 for 万元"},
]
PACKAGE = {
    "name": "gongkai-dataset",
    "title": "预决算公开文件数字与核对结果",
    "keywords": ["budget", "final accounts", "fiscal data", "预算", "决算"],
}


def exact_decimal(value: Decimal | None) -> str | None:
    """``value`` as plain decimal text when a ``number`` column holds it exactly, else ``None``."""
    if value is None or not value.is_finite() or abs(value) >= _LIMIT:
        return None
    try:
        fits = value.quantize(_QUANTUM, context=_WIDE) == value
    except InvalidOperation:
        return None
    return format_decimal(value) if fits else None


def document_row(
    info: DocumentInfo, counts: dict[str, int], n_facts: int, coverage: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A documents.csv row (``coverage``: ``Coverage.to_dict()`` of the document)."""
    extra = {c.name: (coverage or {}).get(c.name) for c in DOCUMENTS if c.name.startswith(_COVERAGE_PREFIXES)}
    return extra | {
        "doc_id": info.doc_id,
        "source": printable_path(info.source),
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
        "sha256": info.sha256,
        "size": info.size,
        "gongkai_version": info.gongkai_version,
        "checked_at": info.checked_at,
    }


_COVERAGE_PREFIXES = ("tables_", "table_rows", "text_numbers", "checks")


def fact_row(doc_id: str, fiscal_year: int | None, fact: Fact) -> dict[str, Any]:
    """A facts.csv row (decimals as plain decimal text, which the writers type)."""
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
        "value_number": exact_decimal(fact.value),
        "decimals": fact.decimals,
        "unit": fact.unit,
        "value_yuan": exact_decimal(fact.value_yuan),
        "currency": "CNY" if fact.value_yuan is not None else None,
        "unit_factor": factor,
        "direction": fact.direction,
        "value_signed": exact_decimal(fact.value_signed),
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


def finding_row(doc_id: str, finding: Finding, finding_id: int | None = None) -> dict[str, Any]:
    """A findings.csv row (evidence flattened to the first page and quote)."""
    first = finding.evidence[0] if finding.evidence else None
    return {
        "doc_id": doc_id,
        "finding_id": finding_id,
        "check_id": finding.check_id,
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
        "fact_ids": " | ".join(str(i) for i in finding.fact_ids),
    }


def check_row(doc_id: str, check: Check) -> dict[str, Any]:
    """A checks.csv row (evidence flattened to the first page and quote)."""
    first = check.evidence[0] if check.evidence else None
    return {
        "doc_id": doc_id,
        "check_id": check.check_id,
        "rule": check.rule,
        "category": check.category,
        "verdict": check.verdict,
        "reason": check.reason,
        "stated": check.stated,
        "computed": check.computed,
        "fact_count": len(check.fact_ids),
        "page": first.page if first else None,
        "quote": first.quote if first else None,
    }


def check_fact_rows(doc_id: str, check: Check) -> list[dict[str, Any]]:
    """The check_facts.csv rows of one check: one per figure it rests on."""
    return [
        {"doc_id": doc_id, "check_id": check.check_id, "fact_id": fact_id, "position": i}
        for i, fact_id in enumerate(check.fact_ids, start=1)
    ]


def cross_rows(result: Any, next_finding: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """The checks, check_facts and findings rows of one check between documents
    (``gongkai.crossdoc.CrossResult``); ``next_finding`` numbers findings per document."""
    check = check_row(result.doc_id, result.check) | {"related_doc_id": result.related_doc_id}
    rows: dict[str, list[dict[str, Any]]] = {
        "checks": [check],
        "check_facts": check_fact_rows(result.doc_id, result.check),
        "findings": [],
    }
    if result.finding is not None:
        finding_id = next_finding.get(result.doc_id, 1)
        next_finding[result.doc_id] = finding_id + 1
        rows["findings"].append(finding_row(result.doc_id, result.finding, finding_id) | {"related_doc_id": result.related_doc_id})
    return rows


def report_rows(report: Any) -> dict[str, list[dict[str, Any]]]:
    """Every dataset row of one checked document (``gongkai.schemas.records.Report``), by resource."""
    info = report.document
    coverage = report.coverage.to_dict() if report.coverage is not None else None
    return {
        "documents": [document_row(info, report.counts(), len(report.facts), coverage)],
        "facts": [fact_row(info.doc_id, info.fiscal_year, fact) for fact in report.facts],
        "checks": [check_row(info.doc_id, check) for check in report.checks],
        "check_facts": [row for check in report.checks for row in check_fact_rows(info.doc_id, check)],
        "findings": [finding_row(info.doc_id, f, i) for i, f in enumerate(report.findings, start=1)],
        "errors": [],
    }


def error_row(source: str, kind: str, reason: str) -> dict[str, Any]:
    """An errors.csv row."""
    return {"source": printable_path(source), "kind": kind, "reason": printable_path(reason)}


def duplicate_row(source: str, duplicate_of: str, doc_id: str | None) -> dict[str, Any]:
    """A duplicates.csv row: ``source`` was skipped, ``duplicate_of`` processed in its place."""
    return {"source": printable_path(source), "duplicate_of": printable_path(duplicate_of), "doc_id": doc_id}


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.type, "title": column.title}
    if column.description:
        field["description"] = column.description
    if column.column_type:
        field["columnType"] = column.column_type
    if column.enum:
        field["constraints"] = {"enum": list(column.enum)}
    return field


def table_schema(columns: tuple[Column, ...]) -> dict[str, Any]:
    """The Frictionless Table Schema descriptor of some columns (fields only)."""
    return {"fields": [_field(c) for c in columns]}


def resource_schema(name: str) -> dict[str, Any]:
    """The Table Schema of one resource, with Fiscal Data Package column types, enums and keys."""
    schema = table_schema(RESOURCES[name])
    if name in PRIMARY_KEYS:
        schema["primaryKey"] = list(PRIMARY_KEYS[name])
    if name in FOREIGN_KEYS:
        schema["foreignKeys"] = FOREIGN_KEYS[name]
    return schema


def datapackage_descriptor(version: str | None = None) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor of a gongkai dataset written by gongkai ``version``."""
    if version is None:
        from gongkai import __version__ as version
    return {
        "name": PACKAGE["name"],
        "title": PACKAGE["title"],
        "description": (
            f"Figures and arithmetic findings extracted by gongkai {version} from Chinese government "
            "budget documents (部门决算, 部门预算, 绩效自评). Amounts are in CNY; value is the number as "
            "printed in its unit (text, keeping the printed precision), value_number the same number and "
            "value_yuan the amount in 元 (unit_factor 元 per unit, 10000 for 万元), both exact decimals. "
            "Files that could not be read are in errors, byte-identical copies skipped in duplicates."
        ),
        "profile": "tabular-data-package",
        "keywords": list(PACKAGE["keywords"]),
        "columnTypes": CUSTOM_COLUMN_TYPES,
        "resources": [
            {
                "name": name,
                "title": TITLES[name],
                "description": DESCRIPTIONS[name],
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": resource_schema(name),
            }
            for name in RESOURCES
        ],
    }
