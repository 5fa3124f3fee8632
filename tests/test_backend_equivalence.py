"""Both PDF backends give the same facts and findings — differences are bugs, not tolerances."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.api import check
from gongkai.extract import extract
from tests.builders.pdf_builder import build_pdf
from tests.conftest import PUTUO, SEED_FINAL, SEED_PERFORMANCE, TEMPLATE, need


def outcome(path: Path, backend: str):
    report = check(path, {"pdf_backend": backend})
    facts = sorted(
        (f.subject, f.measure, str(f.value), f.unit or "", f.evidence.page, f.origin, f.column or "") for f in report.facts
    )
    findings = sorted((f.rule, f.figures, f.page or 0) for f in report.findings)
    return facts, findings


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("built")
    return {
        seed.stem: build_pdf(extract(need(seed)), folder / f"{seed.stem}.pdf") for seed in (SEED_PERFORMANCE, SEED_FINAL)
    }


@pytest.mark.parametrize("document", [PUTUO, TEMPLATE], ids=["putuo", "template"])
def test_corpus_pdfs(document):
    fast, slow = outcome(need(document), "pdfium"), outcome(document, "plumber")
    assert fast == slow
    assert fast[0] or document == TEMPLATE


@pytest.mark.parametrize("stem", [SEED_PERFORMANCE.stem, SEED_FINAL.stem])
def test_pdfs_the_tests_build(built, stem):
    fast, slow = outcome(built[stem], "pdfium"), outcome(built[stem], "plumber")
    assert fast == slow
    assert fast[1]
