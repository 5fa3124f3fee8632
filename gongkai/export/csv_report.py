"""``gongkai check --format csv``: one row per finding, the findings.csv columns."""

from __future__ import annotations

import csv
from typing import TextIO

from gongkai.schemas.datapackage import FINDINGS, finding_row
from gongkai.schemas.records import Report


def write_findings_csv(report: Report, stream: TextIO) -> None:
    """Write the findings of one report as CSV with a header."""
    writer = csv.DictWriter(stream, fieldnames=[c.name for c in FINDINGS], lineterminator="\n")
    writer.writeheader()
    writer.writerows(finding_row(report.document.doc_id, f, i) for i, f in enumerate(report.findings, start=1))
