"""The JSON contract of ``gongkai check --format json`` (DESIGN.md, Output contracts)."""

from __future__ import annotations

import json
from typing import Any

from gongkai.export.paths import printable_strings
from gongkai.schemas.records import Report


def report_json(report: Report, indent: int | None = 2, explain: bool = False) -> str:
    """``{"document": …, "facts": […], "findings": […]}`` with numbers as strings; with
    ``explain`` each finding also lists how each of its figures was bound."""
    return json.dumps(json_dict(report, explain), ensure_ascii=False, indent=indent)


def json_dict(report: Report, explain: bool = False) -> dict[str, Any]:
    """The JSON object of one report, every string valid text: the bytes of a file name
    that are not UTF-8 written as ``\\xNN`` escapes (``gongkai.export.paths``)."""
    from gongkai.export.explain import report_dict

    return printable_strings(report_dict(report, explain))
