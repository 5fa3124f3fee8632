"""The demo sample 决算 PDF that ``make demo`` checks: committed, written by corpus/make_sample.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "sample_final_accounts_2023.pdf"


def make_sample(path: Path = SAMPLE) -> Path:
    """The sample at ``path``, built by corpus/make_sample.py when it is not there (a copy elsewhere)."""
    if not path.exists():
        subprocess.run([sys.executable, str(SAMPLE.parent / "make_sample.py"), str(path)], check=True)
    return path
