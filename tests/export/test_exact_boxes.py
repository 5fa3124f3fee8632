"""Every cited figure is boxed by its own printed characters, checked against pdfplumber's.

pdfplumber reads the characters of the page independently of the pypdfium2 backend that
extracted the document. For each figure a finding cites, the characters whose centre lies
in its box must be exactly the figure as printed (no neighbouring figure, no whole line),
and the box must lie within those characters' own box.
"""

from __future__ import annotations

from array import array
from pathlib import Path

import pdfplumber
import pytest

from gongkai.api import check
from gongkai.extract.model import BBox, Glyphs
from gongkai.normalize.glyph_map import UNMATCHED, align, clean_box
from gongkai.schemas.records import Fact
from tests.builders.sample import make_sample
from tests.conftest import PUTUO, TEMPLATE, need

SLACK = 0.6  # pt: boxes are printed to 0.1 pt, and the two libraries measure glyphs their own way


def _printed(fact: Fact) -> set[str]:
    """The ways a figure may be printed: as read (「1,234.50」「9.55%」) and as its value."""
    digits = str(fact.value)
    return {fact.raw, digits, f"{digits}%", fact.raw.replace(",", "")}


def _characters_in(chars: list[dict], box: tuple[float, float, float, float]) -> list[dict]:
    x0, top, x1, bottom = box
    inside = [
        c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]
    return sorted(inside, key=lambda c: (round(c["top"]), c["x0"]))


def _cited_boxes_checked(path: Path) -> int:
    report = check(path)
    facts = {fact.fact_id: fact for fact in report.facts}
    checked = 0
    with pdfplumber.open(path) as pdf:
        pages: dict[int, list[dict]] = {}
        for finding in report.findings:
            for fact_id in finding.fact_ids:
                fact = facts[fact_id]
                box = fact.evidence.bbox
                assert box is not None, (finding.rule, fact.raw)
                page = fact.evidence.page
                if page not in pages:
                    pages[page] = [c for c in pdf.pages[page - 1].chars if not c["text"].isspace()]
                inside = _characters_in(pages[page], box)
                text = "".join(c["text"] for c in inside)
                assert text.replace(",", "") in {p.replace(",", "") for p in _printed(fact)}, (finding.rule, text, box)
                assert box[0] >= min(c["x0"] for c in inside) - SLACK
                assert box[2] <= max(c["x1"] for c in inside) + SLACK
                assert box[1] >= min(c["top"] for c in inside) - SLACK * 3  # glyph vs font-box heights
                assert box[3] <= max(c["bottom"] for c in inside) + SLACK * 3
                checked += 1
    return checked


def test_putuo_findings_box_their_own_figures() -> None:
    assert _cited_boxes_checked(need(PUTUO)) == 22


def test_demo_sample_findings_box_their_own_figures(tmp_path: Path) -> None:
    assert _cited_boxes_checked(make_sample(tmp_path / "sample.pdf")) == 19


def test_every_figure_of_the_template_and_putuo_is_boxed_by_its_characters() -> None:
    for path, expected in ((need(TEMPLATE), 1), (need(PUTUO), 295)):
        report = check(path)
        with pdfplumber.open(path) as pdf:
            chars = {
                n: [c for c in page.chars if not c["text"].isspace()] for n, page in enumerate(pdf.pages, start=1)
            }
        exact = 0
        for fact in report.facts:
            assert fact.evidence.bbox is not None
            text = "".join(c["text"] for c in _characters_in(chars[fact.evidence.page], fact.evidence.bbox))
            exact += text.replace(",", "") in {p.replace(",", "") for p in _printed(fact)}
        assert exact == len(report.facts) == expected


# --------------------------------------------------------------------------- the alignment


def _glyphs(text: str) -> Glyphs:
    """Each character 10 pt wide, side by side; spaces have no box."""
    boxes = array("f")
    for i, ch in enumerate(text):
        boxes.extend((float("nan"),) * 4 if ch == " " else (10.0 * i, 0.0, 10.0 * i + 10, 12.0))
    return Glyphs(text, boxes)


@pytest.mark.parametrize(
    ("source", "clean", "expected"),
    [
        ("预算 数 为 １１０．６", "预算数为110.6", [0, 1, 3, 5, 7, 8, 9, 10, 11]),  # spaces dropped, widths folded
        ("經費12", "经费12", [0, 1, 2, 3]),  # converted one for one
        ("，支出12", "支出12", [1, 2, 3, 4]),  # a leading mark dropped at a seam
        ("12", "12万", [0, 1, UNMATCHED]),  # nothing printed behind an inserted character
    ],
)
def test_align_pairs_clean_characters_with_printed_ones(source: str, clean: str, expected: list[int]) -> None:
    assert align(source, clean) == expected


def test_a_clean_range_is_boxed_by_its_printed_characters() -> None:
    glyphs = _glyphs("支出 决算 为 12.50 万元")
    clean = "支出决算为12.50万元"
    assert clean_box(glyphs, clean, 5, 10) == BBox(80.0, 0.0, 130.0, 12.0)


def test_a_range_with_an_unprinted_character_has_no_exact_box() -> None:
    assert clean_box(_glyphs("12"), "12万", 0, 3) is None
