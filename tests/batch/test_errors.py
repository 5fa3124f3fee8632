"""Error isolation: a batch mixing real documents with broken inputs finishes with every file accounted for."""

from __future__ import annotations

import csv
from pathlib import Path

from gongkai.batch import run_batch

from .conftest import run_cli


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_bad_files_become_error_rows_and_good_ones_documents(
    tmp_path: Path, good_files: list[Path], bad_files: dict[Path, str]
) -> None:
    listed = tmp_path / "list.txt"
    listed.write_text("\n".join(str(p) for p in bad_files) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("extract", *good_files, "--from-list", listed, "-o", out, "-j", "2")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    errors = {row["source"]: row for row in rows(out / "errors.csv")}
    assert {Path(source): row["kind"] for source, row in errors.items()} == bad_files
    assert all(row["reason"] and "\n" not in row["reason"] for row in errors.values())
    documents = [row["source"] for row in rows(out / "documents.csv")]
    assert documents == [str(p) for p in good_files]
    assert f"{len(good_files)} 成功，{len(bad_files)} 失败" in done.stderr


def test_page_limit(tmp_path: Path, good_files: list[Path]) -> None:
    summary = run_batch([str(p) for p in good_files], tmp_path / "out", jobs=2, quiet=True, settings={"max_pages": 5})
    errors = rows(tmp_path / "out" / "errors.csv")
    pdfs = [str(p) for p in good_files if p.suffix == ".pdf"]
    assert [row["source"] for row in errors] == pdfs
    assert {row["kind"] for row in errors} == {"too_many_pages"}
    assert summary.ok == len(good_files) - len(pdfs)


def test_timeouts_are_reported_and_not_cached(tmp_path: Path, good_files: list[Path]) -> None:
    inputs = [str(p) for p in good_files[:2]]
    for _ in range(2):
        summary = run_batch(inputs, tmp_path / "out", jobs=2, quiet=True, settings={"timeout_seconds": 0.001})
        assert summary.errors_by_kind == {"timeout": 2}
        assert summary.cached == 0
    assert {row["kind"] for row in rows(tmp_path / "out" / "errors.csv")} == {"timeout"}
