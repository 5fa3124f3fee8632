"""Input expansion: files, directories, globs and lists; duplicates by content."""

from __future__ import annotations

from pathlib import Path

from gongkai.batch import expand_inputs, run_batch

REPORT = "某某局2023年度收入总计819.39万元，支出总计819.39万元。\n"


def touch(path: Path, text: str = REPORT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_directories_globs_and_lists_in_a_stable_order(tmp_path: Path) -> None:
    a = touch(tmp_path / "in" / "b" / "2.txt")
    b = touch(tmp_path / "in" / "a" / "1.pdf")
    touch(tmp_path / "in" / "notes.md")
    touch(tmp_path / "in" / ".cache" / "hidden.txt")
    c = touch(tmp_path / "loose" / "x.docx")
    d = touch(tmp_path / "loose" / "y.docx")
    listed = tmp_path / "list.txt"
    listed.write_text(f"# downloaded\n{tmp_path / 'gone.pdf'}\n\n{a}\n", encoding="utf-8")
    found = expand_inputs([str(tmp_path / "in"), str(tmp_path / "loose" / "*.docx"), str(c)], from_list=str(listed))
    assert found == [b, a, c, d, tmp_path / "gone.pdf"]


def test_files_with_the_same_bytes_are_processed_once(tmp_path: Path) -> None:
    first = touch(tmp_path / "a" / "report.txt")
    touch(tmp_path / "b" / "report-copy.txt")
    touch(tmp_path / "b" / "other.txt", REPORT.replace("819.39", "512.00"))
    summary = run_batch([str(tmp_path / "a"), str(tmp_path / "b")], tmp_path / "out", jobs=1, quiet=True)
    assert (summary.files_total, summary.duplicates, summary.ok, summary.failed) == (3, 1, 2, 0)
    documents = (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert len(documents) == 3
    assert str(first) in documents[1]
    assert "report-copy" not in "".join(documents)
    doc_id = documents[1].split(",")[0]
    duplicates = (tmp_path / "out" / "duplicates.csv").read_text(encoding="utf-8").splitlines()
    assert duplicates == ["source,duplicate_of,doc_id", f"{tmp_path / 'b' / 'report-copy.txt'},{first},{doc_id}"]
    assert "重复文件：1 个" in summary.message() and "duplicates.csv" in summary.message()
