"""Output faults are input errors: one line, exit code 2, nothing half-written, and a rerun resumes."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.export.dataset import DatasetWriter
from tests.test_cli import WITH_ERROR

TAIL = "；已写入的部分已删除，腾出空间或换一个位置后重新运行即可接着处理"


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(WITH_ERROR, encoding="utf-8")
    return path


def test_a_report_into_a_missing_directory(document: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no" / "such" / "r.json"
    assert main(["check", str(document), "-o", str(target)]) == 2
    assert capsys.readouterr().err.splitlines() == [f"gongkai: {target}: 无法写入（目录不存在）{TAIL}"]
    assert not target.exists()


def test_a_report_on_a_full_disk_leaves_nothing(
    document: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_text", full)
    target = tmp_path / "r.json"
    assert main(["check", str(document), "-o", str(target)]) == 2
    assert capsys.readouterr().err.splitlines() == [f"gongkai: {target}: 无法写入（磁盘已满）{TAIL}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_a_dataset_into_a_path_under_a_file(document: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a directory", encoding="utf-8")
    assert main(["extract", str(document), "-o", str(blocker / "out"), "--quiet"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("gongkai: ") and "无法写入（路径中有一段不是目录）" in line


def test_a_full_disk_while_writing_the_dataset_then_a_rerun_resumes(
    document: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    original = DatasetWriter.write_rows
    calls = [0]

    def fills_up(self: DatasetWriter, name: str, rows: list) -> None:  # type: ignore[type-arg]
        calls[0] += 1
        if calls[0] > 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.outdir / f"{name}.csv"))
        original(self, name, rows)

    monkeypatch.setattr(DatasetWriter, "write_rows", fills_up)
    assert main(["extract", str(document), "-o", str(out), "--quiet"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.endswith(f"无法写入（磁盘已满）{TAIL}")
    left = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert not [name for name in left if name.endswith((".csv", ".parquet", ".json"))]  # nothing half-written
    monkeypatch.setattr(DatasetWriter, "write_rows", original)
    assert main(["extract", str(document), "-o", str(out), "--quiet"]) == 0
    capsys.readouterr()
    assert (out / "documents.csv").read_text(encoding="utf-8").count("\n") == 2
