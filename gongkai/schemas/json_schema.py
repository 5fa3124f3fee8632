"""The JSON Schema of ``gongkai check --format json``, built from the records themselves.

The report's objects are the records of ``gongkai.schemas.records`` (and the coverage of
``gongkai.coverage``); each property is typed from the record's own field annotation and
titled from the dataset column of the same name, so the JSON report and the dataset share one
vocabulary. ``gongkai schema`` prints it; a contract test validates real reports against it and
checks that every dataset column is a report field or a declared derivation of one.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from decimal import Decimal
from typing import Any

from gongkai.coverage import Coverage
from gongkai.schemas.datapackage import RESOURCES
from gongkai.schemas.records import (
    CATEGORIES,
    DIRECTIONS,
    DOC_TYPES,
    SEVERITIES,
    VERDICTS,
    Check,
    DocumentInfo,
    Evidence,
    Fact,
    Finding,
)

SCHEMA_ID = "https://gongkai.invalid/schema/check-report.json"
# dataset columns that are not report fields but are derived from them when a row is written
DERIVED_COLUMNS: dict[str, str] = {
    "value_number": "value as an exact decimal number",
    "phase": "the budget phase of measure (approved / adjusted / executed)",
    "classification": "functional or economic, from subject_code",
    "currency": "CNY for amounts in 元",
    "unit_factor": "value_yuan ÷ value",
    "fact_count": "the number of fact_ids of a check",
    "finding_id": "the finding's place in the report's findings, from 1",
    "evidence_pages": "the pages of every evidence",
    "quote": "a check's or finding's first evidence quote (a fact's own quote is its field)",
    "position": "a fact's place among its check's fact_ids",
    "facts": "the number of facts of the document",
    "errors": "findings of severity error",
    "warnings": "findings of severity warning",
    "infos": "findings of severity info",
    "kind": "an input error's kind (errors table only)",
    "reason": "an input error's reason (errors table) or a check's reason",
    "duplicate_of": "the file a duplicate copies (duplicates table only)",
    "related_doc_id": "the other document of a cross_document check (made by extract, between files)",
}
# record fields exported under another name (the dataset's)
EXPORTED_NAMES = {("DocumentInfo", "warnings"): "notes"}
_ENUMS = {
    "doc_type": DOC_TYPES,
    "severity": SEVERITIES,
    "category": CATEGORIES,
    "verdict": VERDICTS,
    "direction": DIRECTIONS,
}
_DECIMAL = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$", "description": "a decimal number as printed (exact)"}
_TITLES = {column.name: column.title for columns in RESOURCES.values() for column in columns}


def _type_of(annotation: Any) -> dict[str, Any]:
    """The JSON Schema of one field annotation."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner = _type_of(options[0]) if len(options) == 1 else {}
        nullable = len(options) < len(typing.get_args(annotation))
        return {"anyOf": [inner, {"type": "null"}]} if nullable else inner
    if origin in (tuple, list):
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        if annotation_is_bbox(annotation):
            return {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4}
        return {"type": "array", "items": _type_of(args[0]) if args else {}}
    if annotation is Decimal:
        return dict(_DECIMAL)
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is int:
        return {"type": "integer"}
    if annotation is float:
        return {"type": "number"}
    if annotation is str:
        return {"type": "string"}
    if dataclasses.is_dataclass(annotation):
        return {"$ref": f"#/$defs/{annotation.__name__}"}
    return {}


def annotation_is_bbox(annotation: Any) -> bool:
    """Whether an annotation is the 4-float tuple of a bounding box."""
    return typing.get_args(annotation) == (float, float, float, float)


def _record(cls: type, *, flatten: tuple[type, ...] = (), extra: dict[str, dict[str, Any]] | None = None,
            skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The object schema of a record: its fields (and those of records it flattens into itself)."""
    properties: dict[str, Any] = {}
    for source in (cls, *flatten):
        hints = typing.get_type_hints(source)
        for field in dataclasses.fields(source):
            if field.name in skip:
                continue
            schema = _type_of(hints[field.name])
            if field.name in _ENUMS:
                schema = {"anyOf": [{"enum": list(_ENUMS[field.name])}, {"type": "null"}]}
            if field.name in _TITLES:
                schema = {"title": _TITLES[field.name], **schema}
            properties[EXPORTED_NAMES.get((source.__name__, field.name), field.name)] = schema
    properties.update(extra or {})
    return {"type": "object", "properties": properties, "required": sorted(properties), "additionalProperties": False}


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one ``gongkai check --format json`` report."""
    nullable_decimal = {"anyOf": [dict(_DECIMAL), {"type": "null"}]}
    coverage = _record(Coverage, extra={"checks": {"type": "integer", "title": _TITLES["checks"]}})
    finding = _record(Finding, skip=("extra",), extra={"page": {"anyOf": [{"type": "integer"}, {"type": "null"}]}})
    check = _record(Check, extra={"page": {"anyOf": [{"type": "integer"}, {"type": "null"}]}})
    fact = _record(Fact, flatten=(Evidence,), skip=("evidence",), extra={"value_signed": nullable_decimal})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "gongkai check report",
        "description": "What `gongkai check FILE --format json` prints for one document.",
        "type": "object",
        "properties": {
            "document": {"$ref": "#/$defs/DocumentInfo"},
            "coverage": {"anyOf": [{"$ref": "#/$defs/Coverage"}, {"type": "null"}]},
            "facts": {"type": "array", "items": {"$ref": "#/$defs/Fact"}},
            "checks": {"type": "array", "items": {"$ref": "#/$defs/Check"}},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}},
            "explain": {"type": "array", "description": "with --explain: how each finding's figures were bound"},
        },
        "required": ["document", "coverage", "facts", "checks", "findings"],
        "additionalProperties": False,
        "$defs": {
            "DocumentInfo": _record(DocumentInfo),
            "Coverage": coverage,
            "Evidence": _record(Evidence),
            "Fact": fact,
            "Check": check,
            "Finding": finding,
        },
    }


def report_fields() -> set[str]:
    """Every field name of the report's records (the one vocabulary of report and dataset)."""
    defs = report_schema()["$defs"]
    return {name for definition in defs.values() for name in definition["properties"]}
