"""The result cache: reruns skip finished files, settings and damage are handled."""

from __future__ import annotations

import shutil
from pathlib import Path

from gongkai.batch import run_batch
from gongkai.batchrun.lock import LOCK_NAME

from .conftest import assert_same_dataset, table_bytes


def test_a_rerun_is_served_from_the_cache(tmp_path: Path, good_files: list[Path]) -> None:
    inputs = [str(p) for p in good_files]
    first = run_batch(inputs, tmp_path / "out", jobs=2, quiet=True)
    before = table_bytes(tmp_path / "out")
    second = run_batch(inputs, tmp_path / "out", jobs=2, quiet=True)
    assert (first.cached, first.processed) == (0, len(inputs))
    assert (second.cached, second.processed) == (len(inputs), 0)
    assert second.seconds < first.seconds
    assert (second.ok, second.findings) == (first.ok, first.findings)
    assert table_bytes(tmp_path / "out") == before
    assert not list((tmp_path / "out").glob(".spool-*"))


def test_settings_that_change_results_miss_the_cache(tmp_path: Path, good_files: list[Path]) -> None:
    inputs = [str(p) for p in good_files[-2:]]
    run_batch(inputs, tmp_path / "out", jobs=1, quiet=True)
    assert run_batch(inputs, tmp_path / "out", jobs=1, quiet=True, settings={"timeout_seconds": 99}).cached == 2
    assert run_batch(inputs, tmp_path / "out", jobs=1, quiet=True, settings={"skip_rules": ("rate",)}).cached == 0


def test_an_external_cache_is_shared_between_outputs(tmp_path: Path, good_files: list[Path]) -> None:
    inputs = [str(p) for p in good_files[-2:]]
    cache = tmp_path / "cache"
    run_batch(inputs, tmp_path / "a", jobs=1, quiet=True, cache_dir=str(cache))
    summary = run_batch(inputs, tmp_path / "b", jobs=1, quiet=True, cache_dir=str(cache))
    assert summary.cached == 2
    assert_same_dataset(tmp_path / "a", tmp_path / "b")
    assert not (tmp_path / "b" / ".cache").exists()


def test_no_cache_leaves_nothing_behind(tmp_path: Path, good_files: list[Path]) -> None:
    inputs = [str(p) for p in good_files[-2:]]
    run_batch(inputs, tmp_path / "out", jobs=1, quiet=True, use_cache=False)
    summary = run_batch(inputs, tmp_path / "out", jobs=1, quiet=True, use_cache=False)
    assert (summary.cached, summary.processed) == (0, 2)
    # no cache is left behind; the run's lock file stays (the operating system released the lock)
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")) == [LOCK_NAME]


def test_a_damaged_entry_is_recomputed(tmp_path: Path, good_files: list[Path]) -> None:
    inputs = [str(p) for p in good_files[-2:]]
    run_batch(inputs, tmp_path / "clean", jobs=1, quiet=True)
    shutil.copytree(tmp_path / "clean" / ".cache", tmp_path / "out" / ".cache")
    entry = next((tmp_path / "out" / ".cache").rglob("*.json.gz"))
    entry.write_bytes(entry.read_bytes()[:40])
    run_batch(inputs, tmp_path / "out", jobs=1, quiet=True)
    assert_same_dataset(tmp_path / "clean", tmp_path / "out")
