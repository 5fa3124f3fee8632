"""Shared fixtures: the ../shared folder (documents the project was specified from)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"
PUTUO = CORPUS / "putuo_social_work_dept_2024_final.pdf"
TEMPLATE = CORPUS / "final_accounts_template_2024.pdf"
SEED_PERFORMANCE = SEEDS / "000_fe379075c78fd4d3.txt"
SEED_FINAL = SEEDS / "001_e1a6bde02a6e7751.txt"


def need(path: Path) -> Path:
    """Skip the test when a shared document is absent (a fresh clone without ../shared)."""
    if not path.exists():
        pytest.skip(f"{path} is not available (the ../shared folder is absent)")
    return path
