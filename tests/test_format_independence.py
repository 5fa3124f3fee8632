"""The same document as TXT, PDF and DOCX gives the same findings.

Each seed is extracted from its pasted text, rendered to a multi-page PDF (Chinese in
STSong-Light, digits in Times-Roman at another size, tables ruled, paragraphs wrapped
mid-sentence and across pages) and to a DOCX, and checked again: the (rule, figures) set
must not depend on the format.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.api import check
from gongkai.extract import extract
from tests.builders.docx_builder import build_docx
from tests.builders.pdf_builder import build_pdf
from tests.conftest import SEED_FINAL, SEED_PERFORMANCE, need


def signature(path: Path) -> set[tuple[str, tuple[str, ...]]]:
    return {(f.rule, f.figures) for f in check(path).findings}


@pytest.fixture(scope="module", params=[SEED_PERFORMANCE, SEED_FINAL], ids=["performance", "final_accounts"])
def seed(request, tmp_path_factory):
    path = need(request.param)
    folder = tmp_path_factory.mktemp(path.stem)
    raw = extract(path)
    return {
        "txt": path,
        "pdf": build_pdf(raw, folder / f"{path.stem}.pdf"),
        "docx": build_docx(raw, folder / f"{path.stem}.docx"),
    }


KEY_FINDING = {
    SEED_PERFORMANCE.stem: ("rate.stated", ("80", "13", "23")),
    SEED_FINAL.stem: ("score_formula.completion", ("10.3",)),
}


def test_the_comparison_has_something_to_compare(seed):
    assert KEY_FINDING[seed["txt"].stem] in signature(seed["txt"])


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_same_findings_in_every_format(seed, fmt):
    assert signature(seed[fmt]) == signature(seed["txt"])
