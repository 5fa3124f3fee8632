"""The same facts whatever fonts the machine has: run once without and once with fonts-noto-cjk.

PDFium draws (and measures) a non-embedded font with a font of the machine; without a
Chinese one it loses glyphs and the page is read by pdfplumber instead. Either way the
facts and findings must be the same. Each run writes the digest of every PDF's facts and
findings under ``out/font-digests/`` named after the machine's font set, and compares it
with the digest of the other font set when one is there (CI runs this file a second time
after installing fonts-noto-cjk).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from gongkai.api import check
from gongkai.extract import extract
from tests.builders.pdf_builder import build_pdf
from tests.builders.sample import make_sample
from tests.conftest import CORPUS, SEED_FINAL, SEED_PERFORMANCE

ROOT = Path(__file__).resolve().parents[1]
DIGESTS = ROOT / "out" / "font-digests"


def font_set() -> str:
    """``cjk`` when the machine has a font for Chinese, ``none`` otherwise."""
    if shutil.which("fc-list") is None:
        return "none"
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    return "cjk" if listed.strip() else "none"


def _digest(path: Path) -> str:
    report = check(path)
    facts = sorted(
        (f.subject, f.measure, str(f.value), f.unit or "", f.evidence.page, f.origin, f.column or "")
        for f in report.facts
    )
    findings = sorted((f.rule, f.figures, f.page or 0) for f in report.findings)
    return hashlib.sha256(json.dumps([facts, findings], ensure_ascii=False).encode()).hexdigest()


def test_facts_do_not_depend_on_the_fonts_of_the_machine(tmp_path: Path) -> None:
    pdfs = [make_sample(tmp_path / "sample.pdf")]
    pdfs += [
        build_pdf(extract(seed), tmp_path / f"{seed.stem}.pdf")
        for seed in (SEED_PERFORMANCE, SEED_FINAL)
        if seed.exists()
    ]
    pdfs += sorted(p for p in CORPUS.rglob("*.pdf") if p.stat().st_size < 1_000_000) if CORPUS.exists() else []
    digests = {path.name: _digest(path) for path in pdfs}
    mine, other = font_set(), {"cjk": "none", "none": "cjk"}[font_set()]
    DIGESTS.mkdir(parents=True, exist_ok=True)
    (DIGESTS / f"{mine}.json").write_text(json.dumps(digests, indent=1, sort_keys=True), encoding="utf-8")
    theirs = DIGESTS / f"{other}.json"
    if not theirs.exists():
        pytest.skip(f"no digest of a run with font set {other!r} yet (this run, {mine!r}, wrote its own)")
    before = json.loads(theirs.read_text(encoding="utf-8"))
    differ = sorted(name for name in digests if name in before and before[name] != digests[name])
    assert differ == [], f"facts or findings differ between font sets {mine!r} and {other!r}: {differ}"
