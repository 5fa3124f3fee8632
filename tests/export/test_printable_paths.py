"""A file name that is not valid UTF-8 is shown escaped, and every output stays valid text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.export.paths import printable_path, printable_strings

RAW_NAME = b"\xff\xfe\x95\xe6.txt"  # not UTF-8: Python names it with surrogate escapes
SHOWN_NAME = "\\xff\\xfe\\x95\\xe6.txt"
TEXT = (
    "某区某局2023年度部门决算\n"
    "一、收入支出决算总体情况\n"
    "本年收入合计766.58万元，其中：财政拨款收入745.97万元，其他收入20.62万元。"
    "社会保障和就业支出年初预算数为34.10万元，支出决算数为43.53万元，完成年初预算的120.00%。\n"
)


def test_printable_path_escapes_only_the_undecodable_bytes() -> None:
    assert printable_path("a/\udcff\udcfe\udc95\udce6.txt") == "a/" + SHOWN_NAME
    assert printable_path("决算/\udcff说明.txt") == "决算/\\xff说明.txt"  # valid parts stay as they are
    assert printable_path("决算/部门决算.pdf") == "决算/部门决算.pdf"
    assert printable_path(Path("x") / os.fsdecode(RAW_NAME)) == "x/" + SHOWN_NAME
    assert printable_path(b"x/" + RAW_NAME) == "x/" + SHOWN_NAME
    lone = printable_path("\ud800\udcff.txt")  # a surrogate that escapes no byte
    assert lone.encode("utf-8") and "\\" in lone


def test_printable_strings_walks_a_json_object() -> None:
    value = {"document": {"source": "\udcff.txt", "pages": 1}, "notes": ["\udcfe", None]}
    assert printable_strings(value) == {"document": {"source": "\\xff.txt", "pages": 1}, "notes": ["\\xfe", None]}


@pytest.fixture
def odd_name(tmp_path: Path) -> Path:
    """A budget text whose file name holds the bytes ``ff fe 95 e6``."""
    if sys.platform == "win32" or sys.platform == "darwin":
        pytest.skip("only Linux file systems accept names that are not valid UTF-8")
    raw = os.fsencode(tmp_path) + b"/" + RAW_NAME
    with open(raw, "wb") as stream:
        stream.write(TEXT.encode("utf-8"))
    path = Path(os.fsdecode(raw))
    assert path.exists()
    return path


def test_json_of_the_real_process_is_valid(odd_name: Path) -> None:
    script = Path(sys.executable).with_name("gongkai")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "gongkai.cli"]
    for files in ([odd_name], [odd_name, odd_name]):
        done = subprocess.run(
            [*command, "check", "--format", "json", "--fail-on", "error", *(os.fsencode(f) for f in files)],
            capture_output=True,
            timeout=120,
            check=False,
            env={**os.environ, "LC_ALL": "C.UTF-8"},  # stdout that would pass escaped bytes through
        )
        assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
        printed = json.loads(done.stdout.decode("utf-8"))  # strict: the output is valid UTF-8
        documents = [printed["document"]] if isinstance(printed, dict) else [r["document"] for r in printed]
        assert [d["source"] for d in documents] == [printable_path(odd_name)] * len(files)
        assert all(d["source"].endswith("/" + SHOWN_NAME) for d in documents)


@pytest.mark.parametrize("fmt", ["json", "text", "csv", "md", "html"])
def test_every_format_writes_valid_text(odd_name: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", fmt, "--fail-on", "error", str(odd_name)]) == 1
    out = capsys.readouterr().out
    out.encode("utf-8")  # no surrogate left: it can be written anywhere
    if fmt == "json":
        assert json.loads(out)["document"]["source"] == printable_path(odd_name)
    if fmt in ("text", "md", "html"):
        assert SHOWN_NAME in out
    if fmt == "csv":
        assert "rate.stated" in out  # the findings, which name no file


@pytest.mark.parametrize("suffix", [".json", ".md", ".html", ".txt"])
def test_a_report_file_can_be_written(odd_name: Path, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"report{suffix}"
    assert main(["check", "-o", str(target), "--fail-on", "error", str(odd_name)]) == 1
    written = target.read_text(encoding="utf-8")
    if suffix == ".json":
        assert json.loads(written)["document"]["source"] == printable_path(odd_name)
    else:
        assert SHOWN_NAME in written


def test_a_batch_over_an_odd_name_writes_it_escaped(odd_name: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    assert main(["extract", str(odd_name.parent), "-o", str(out), "--quiet"]) == 0
    documents = (out / "documents.csv").read_text(encoding="utf-8")  # strict: valid UTF-8
    assert "/" + SHOWN_NAME in documents
    import pyarrow.parquet as pq

    assert [s.endswith("/" + SHOWN_NAME) for s in pq.read_table(out / "documents.parquet")["source"].to_pylist()] == [True]
    assert (out / "errors.csv").read_text(encoding="utf-8").count("\n") == 1  # the header only
    again = main(["extract", str(odd_name.parent), "-o", str(out), "--quiet"])  # resumed from the cache
    assert again == 0 and (out / "documents.csv").read_text(encoding="utf-8") == documents
