"""The same dataset from one worker, two workers and a Dask cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import assert_same_dataset, run_cli
from .test_datapackage import csv_rows


@pytest.fixture(scope="module")
def inputs(good_files: list[Path], bad_files: dict[Path, str], copies: dict[Path, Path]) -> list[str]:
    """Real documents, broken inputs and byte-identical copies of a document and of a broken input."""
    return [*map(str, good_files), *map(str, bad_files), *map(str, copies)]


def extract(outdir: Path, inputs: list[str], *options: str) -> None:
    done = run_cli("extract", *inputs, "-o", outdir, *options)
    # the inputs name a file that does not exist: reported, the rest read, exit code 2
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("没有这个文件，或没有匹配的文档") == 1
    assert "2 重复" in done.stderr
    assert "见 duplicates.csv" in done.stderr
    assert len(csv_rows(outdir / "duplicates.csv")) == 3


def test_one_and_two_workers_write_the_same_dataset(tmp_path: Path, inputs: list[str]) -> None:
    extract(tmp_path / "j1", inputs, "-j", "1")
    extract(tmp_path / "j2", inputs, "-j", "2")
    assert_same_dataset(tmp_path / "j1", tmp_path / "j2")


def test_a_dask_cluster_writes_the_same_dataset(tmp_path: Path, inputs: list[str]) -> None:
    distributed = pytest.importorskip("distributed")
    extract(tmp_path / "local", inputs, "-j", "2")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as cluster:
        extract(tmp_path / "dask", inputs, "--executor", "dask", "--scheduler", cluster.scheduler_address)
    assert_same_dataset(tmp_path / "local", tmp_path / "dask")
