"""The JSON contract of ``gongkai check --format json`` (DESIGN.md, Output contracts)."""

from __future__ import annotations

import json

from gongkai.schemas.records import Report


def report_json(report: Report, indent: int | None = 2, explain: bool = False) -> str:
    """``{"document": …, "facts": […], "findings": […]}`` with numbers as strings; with
    ``explain`` each finding also lists how each of its figures was bound."""
    from gongkai.export.explain import report_dict

    return json.dumps(report_dict(report, explain), ensure_ascii=False, indent=indent)
