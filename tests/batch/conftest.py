"""Fixtures for the batch engine: the shared real documents, bad inputs, a CLI runner."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
TABLES = ("documents", "facts", "checks", "check_facts", "findings", "errors", "duplicates")


def shared_pdfs() -> list[Path]:
    """The real PDFs of the shared corpus (skips the test when the folder is absent)."""
    pdfs = sorted((SHARED / "corpus").glob("*.pdf"))
    if not pdfs:
        pytest.skip(f"the shared corpus is not available at {SHARED / 'corpus'}")
    return pdfs


def shared_seeds() -> list[Path]:
    """The pasted-text seed documents."""
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip(f"the shared seeds are not available at {SHARED / 'seeds'}")
    return seeds


@pytest.fixture(scope="session")
def good_files() -> list[Path]:
    """Two real PDFs and two seed texts."""
    return [*shared_pdfs(), *shared_seeds()]


def varied_copies(sources: list[Path], folder: Path, count: int) -> list[Path]:
    """``count`` PDFs cycling through ``sources``, each with distinct bytes after ``%%EOF``."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        source = sources[i % len(sources)]
        target = folder / f"{i:03d}_{source.name}"
        target.write_bytes(source.read_bytes() + f"\n%gongkai-test {i}\n".encode())
        made.append(target)
    return made


BAD_KINDS = {
    "truncated.pdf": "truncated",
    "empty.txt": "empty",
    "download.pdf": "not_pdf",
    "junk.txt": "binary",
    "scan.png": "unsupported",
    "missing.pdf": "missing",
}


@pytest.fixture(scope="session")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, str]:
    """Broken inputs of every kind, mapped to the error kind each must produce."""
    pdf = shared_pdfs()[-1].read_bytes()
    folder = tmp_path_factory.mktemp("bad")
    contents = {
        "truncated.pdf": pdf[: len(pdf) // 2],
        "empty.txt": b"",
        "download.pdf": b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>",
        "junk.txt": random.Random(7).randbytes(4096).replace(b"\x00", b"\x01") + b"\x00" * 64,
        "scan.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(256),
    }
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    return {folder / name: kind for name, kind in BAD_KINDS.items()}


def run_cli(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``gongkai`` in a subprocess and return the finished process."""
    command = [sys.executable, "-m", "gongkai.cli", *map(str, args)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO, env=env, check=False)


# the one column that records the moment, not the file: when each document was read
MOMENT = "checked_at"


def _without_moment(data: bytes) -> bytes:
    """documents.csv with the ``checked_at`` column blanked (quoted fields kept as written)."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    if not rows or MOMENT not in rows[0]:
        return data
    at = rows[0].index(MOMENT)
    for row in rows[1:]:
        row[at] = ""
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def table_bytes(outdir: Path) -> dict[str, bytes]:
    """The CSV tables and the data package of a dataset, as bytes (``checked_at`` blanked)."""
    names = [f"{name}.csv" for name in TABLES] + ["datapackage.json"]
    tables = {name: (outdir / name).read_bytes() for name in names}
    tables["documents.csv"] = _without_moment(tables["documents.csv"])
    return tables


def assert_same_dataset(left: Path, right: Path) -> None:
    """Two datasets hold exactly the same rows (CSV byte for byte, Parquet as tables), apart from
    the time each document was read."""
    import pyarrow.parquet as pq

    assert table_bytes(left) == table_bytes(right)
    for name in TABLES:
        a, b = pq.read_table(left / f"{name}.parquet"), pq.read_table(right / f"{name}.parquet")
        if MOMENT in a.column_names:
            a, b = a.drop_columns([MOMENT]), b.drop_columns([MOMENT])
        assert a.equals(b), name


@pytest.fixture(scope="session")
def copies(
    tmp_path_factory: pytest.TempPathFactory, good_files: list[Path], bad_files: dict[Path, str]
) -> dict[Path, Path]:
    """Byte-identical copies of a real document and of a truncated PDF, mapped to their originals."""
    folder = tmp_path_factory.mktemp("copies")
    truncated = next(path for path, kind in bad_files.items() if kind == "truncated")
    made = {folder / "copy.pdf": good_files[0], folder / "truncated-copy.pdf": truncated}
    for copy, original in made.items():
        shutil.copyfile(original, copy)
    return made


@pytest.fixture(scope="session")
def small_dataset(
    tmp_path_factory: pytest.TempPathFactory,
    good_files: list[Path],
    bad_files: dict[Path, str],
    copies: dict[Path, Path],
) -> Path:
    """``extract`` output (with a DuckDB database) of the real documents, the broken inputs and two copies."""
    from gongkai.batch import run_batch

    out = tmp_path_factory.mktemp("dataset")
    inputs = [str(p) for p in [*good_files, *bad_files, *copies]]
    summary = run_batch(inputs, out, jobs=2, quiet=True, duckdb_path=str(out / "dataset.duckdb"))
    assert summary.duplicates == len(copies)
    return out
