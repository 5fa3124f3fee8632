"""A run killed with SIGKILL and started again ends with exactly the rows of a clean run."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from gongkai.batch import file_hash

from .conftest import REPO, assert_same_dataset, run_cli, shared_pdfs, varied_copies

FILES = 24


def cache_entries(outdir: Path) -> int:
    return len(list((outdir / ".cache").glob("*/*/*.json.gz")))


def kill_after(args: list[str], outdir: Path, entries: int) -> int:
    """Start ``gongkai`` with ``args``, SIGKILL it and its workers once ``entries`` files are cached."""
    command = [sys.executable, "-m", "gongkai.cli", *args]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 120
    try:
        while cache_entries(outdir) < entries:
            assert process.poll() is None, "the run finished before it could be killed"
            assert time.monotonic() < deadline, "the run made no progress"
            time.sleep(0.01)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return cache_entries(outdir)


def test_resume_after_sigkill_is_row_exact(tmp_path: Path, good_files: list[Path]) -> None:
    corpus = tmp_path / "corpus"
    made = varied_copies(shared_pdfs(), corpus, FILES)
    seeds = [str(p) for p in good_files if p.suffix == ".txt"]
    copy = tmp_path / "copies" / "copy.pdf"  # byte-identical to a corpus file: a ``duplicates`` row
    copy.parent.mkdir()
    shutil.copyfile(made[1], copy)
    args = ["extract", str(corpus), *seeds, str(copy), "-j", "2"]

    clean = run_cli(*args, "-o", tmp_path / "clean")
    assert clean.returncode == 0, clean.stderr

    killed = tmp_path / "killed"
    first = kill_after([*args, "-o", str(killed)], killed, 3)
    assert not (killed / "documents.csv").exists()  # nothing is published before the end
    second = kill_after([*args, "-o", str(killed)], killed, first + 6)
    assert first < second < FILES + len(seeds)

    rerun = run_cli(*args, "-o", killed)
    assert rerun.returncode == 0, rerun.stderr
    cached = int(re.search(r"(\d+) 来自缓存", rerun.stderr).group(1))  # type: ignore[union-attr]
    assert cached == second
    assert_same_dataset(tmp_path / "clean", killed)
    duplicates = (killed / "duplicates.csv").read_text(encoding="utf-8").splitlines()
    assert duplicates[1:] == [f"{copy},{made[1]},{file_hash(made[1])[:16]}"]  # type: ignore[index]
    assert not [p for p in killed.rglob("*") if p.name.endswith((".tmp", ".partial")) or p.name.startswith(".spool-")]
