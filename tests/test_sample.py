"""The committed demo sample is what corpus/make_sample.py writes, and ``make demo`` needs no test extra."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.builders.sample import SAMPLE

ROOT = Path(__file__).resolve().parents[1]


def test_the_committed_sample_is_what_the_script_writes(tmp_path: Path) -> None:
    fresh = tmp_path / "sample.pdf"
    subprocess.run([sys.executable, str(ROOT / "corpus" / "make_sample.py"), str(fresh)], check=True, capture_output=True)
    assert SAMPLE.read_bytes() == fresh.read_bytes(), "run `make sample` and commit the sample"


def test_make_demo_installs_the_runtime_dependencies_only() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    [demo] = re.findall(r"^demo: (.*)$", makefile, flags=re.M)
    assert demo.split() == ["$(RUNTIME)"]
    [runtime_install] = re.findall(r"^\$\(RUNTIME\):.*\n((?:\t.*\n)+)", makefile, flags=re.M)
    assert "pip install --quiet -e .\n" in runtime_install and "[test]" not in runtime_install
