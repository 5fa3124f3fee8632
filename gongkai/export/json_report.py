"""The JSON contract of ``gongkai check --format json`` (DESIGN.md, Output contracts)."""

from __future__ import annotations

import json

from gongkai.schemas.records import Report


def report_json(report: Report, indent: int | None = 2) -> str:
    """``{"document": …, "facts": […], "findings": […]}`` with numbers as strings."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=indent)
