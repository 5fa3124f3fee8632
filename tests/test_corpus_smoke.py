"""Every real document of ../shared/corpus is checked without an internal error.

``gongkai check FILE --format json --fail-on error`` runs in-process once per file (default
PDF backend): it must not raise, must report no ``internal`` finding, and must exit 0 or 1 as
its findings say; the document it reports is the file of the manifest (its id, its pages).
The slowest file, the 380-page Taiwanese budget, takes 22–30 s of the whole 50–55 s on
the development machine; it is run like the others, not skipped.
"""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stdout
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from gongkai.cli import EXIT_FINDINGS, EXIT_OK, main
from tests.conftest import CORPUS, need

MANIFEST = CORPUS / "MANIFEST.csv"


def _manifest() -> list[dict[str, str]]:
    if not MANIFEST.exists():
        return []
    with open(MANIFEST, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


ENTRIES = {row["file"]: row for row in _manifest()}


@cache
def checked(name: str) -> tuple[int, dict[str, Any]]:
    """The exit code and the JSON report of ``gongkai check`` on one corpus file (run once)."""
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["check", str(CORPUS / name), "--format", "json", "--fail-on", "error"])
    return code, json.loads(out.getvalue())


def test_the_manifest_lists_every_corpus_file() -> None:
    need(MANIFEST)
    on_disk = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file() and p != MANIFEST)
    assert sorted(ENTRIES) == on_disk


@pytest.mark.parametrize("name", sorted(ENTRIES) or ["(corpus absent)"])
def test_corpus_file_is_checked_without_internal_error(name: str) -> None:
    need(MANIFEST)
    entry = ENTRIES[name]
    code, report = checked(name)
    findings = report["findings"]
    assert [(f["rule"], f["message"]) for f in findings if f["category"] == "internal"] == []
    assert code == (EXIT_FINDINGS if any(f["severity"] == "error" for f in findings) else EXIT_OK)
    document = report["document"]
    assert document["doc_id"] == entry["sha256"][:16]
    assert document["format"] == entry["format"]
    if entry["pages"]:
        assert document["pages"] == int(entry["pages"])
    assert Path(document["source"]).name == Path(name).name


@pytest.mark.parametrize("name", sorted(ENTRIES) or ["(corpus absent)"])
def test_every_finding_reports_a_check_and_the_coverage_counts_the_checks(name: str) -> None:
    need(MANIFEST)
    _, report = checked(name)
    checks = {c["check_id"]: c for c in report["checks"]}
    assert len(checks) == len(report["checks"])
    for finding in report["findings"]:
        check = checks[finding["check_id"]]
        assert (check["rule"], check["fact_ids"]) == (finding["rule"], finding["fact_ids"])
        assert check["verdict"] in ("inconsistent", "not_judged")
    facts = {f["fact_id"] for f in report["facts"]}
    assert all(set(c["fact_ids"]) <= facts for c in report["checks"])
    coverage = report["coverage"]
    verdicts = [c["verdict"] for c in report["checks"]]
    assert (coverage["checks_consistent"], coverage["checks_inconsistent"], coverage["checks_not_judged"]) == (
        verdicts.count("consistent"),
        verdicts.count("inconsistent"),
        verdicts.count("not_judged"),
    )
    assert report["document"]["sha256"] == ENTRIES[name]["sha256"]
