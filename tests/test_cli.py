"""The ``gongkai`` command: output contracts, exit codes, help, and the README staying true."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.api import check
from gongkai.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, build_parser, main
from gongkai.crossdoc import CROSS_RULES
from gongkai.schemas.datapackage import FINDINGS
from gongkai.validate import REGISTRY
from gongkai.validate.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

# 120.00% is stated where 43.53 / 34.10 = 127.65%: one error (rate.stated)
WITH_ERROR = (
    "某区某局2023年度部门决算\n"
    "一、收入支出决算总体情况\n"
    "本年收入合计766.58万元，其中：财政拨款收入745.97万元，其他收入20.62万元。"
    "社会保障和就业支出年初预算数为34.10万元，支出决算数为43.53万元，完成年初预算的120.00%。\n"
)
WITHOUT_ERROR = (
    "某区某局2023年度部门决算\n"
    "一、收入支出决算总体情况\n"
    "本年收入合计766.58万元，其中：财政拨款收入745.97万元，其他收入20.62万元。\n"
)


@pytest.fixture
def with_error(tmp_path: Path) -> Path:
    path = tmp_path / "with_error.txt"
    path.write_text(WITH_ERROR, encoding="utf-8")
    return path


@pytest.fixture
def without_error(tmp_path: Path) -> Path:
    path = tmp_path / "without_error.txt"
    path.write_text(WITHOUT_ERROR, encoding="utf-8")
    return path


def subcommands() -> dict[str, object]:
    """The subparsers of the ``gongkai`` parser, by name."""
    parser = build_parser()
    (action,) = [a for a in parser._actions if a.dest == "command"]
    return dict(action.choices)  # type: ignore[arg-type]


def options_of(name: str) -> set[str]:
    sub = subcommands()[name]
    return set(sub._option_string_actions)  # type: ignore[attr-defined]


# --- check: output formats -------------------------------------------------------------


def test_fixture_documents_have_and_lack_an_error(with_error: Path, without_error: Path) -> None:
    assert [(f.rule, f.figures) for f in check(with_error).findings if f.severity == "error"] == [
        ("rate.stated", ("120.00", "43.53", "34.10"))
    ]
    assert [f for f in check(without_error).findings if f.severity == "error"] == []


def test_check_json_is_the_library_report(with_error: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(with_error), "--format", "json"]) == 0
    out = capsys.readouterr().out
    printed = json.loads(out)
    assert list(printed) == ["document", "coverage", "facts", "checks", "findings"]
    assert printed == check(with_error).to_dict()
    assert printed["document"]["source"] == str(with_error)
    assert all(isinstance(fact["value"], str) for fact in printed["facts"])
    assert all(isinstance(figure, str) for finding in printed["findings"] for figure in finding["figures"])
    (error,) = [f for f in printed["findings"] if f["severity"] == "error"]
    assert (error["rule"], error["category"], error["figures"]) == ("rate.stated", "rate", ["120.00", "43.53", "34.10"])


def test_check_csv_has_the_findings_csv_columns(with_error: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(with_error), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == [column.name for column in FINDINGS]
    report = check(with_error)
    assert len(rows) == 1 + len(report.findings)
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [r["rule"] for r in records] == [f.rule for f in report.findings]
    assert {r["doc_id"] for r in records} == {report.document.doc_id}


def test_check_markdown_starts_with_a_title(with_error: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(with_error), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 某区某局\n")
    assert "**120.00**" in out


def test_check_text_marks_figures_with_brackets_when_not_a_terminal(
    with_error: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(with_error)]) == 0
    out = capsys.readouterr().out
    assert "\033[" not in out
    report = check(with_error)
    counts = report.counts()
    assert out.splitlines()[:4] == [
        str(with_error),
        f"部门决算 · 2023年度 · 某区某局 · 1页 · {len(report.facts)}个数字",
        "核对了 4 处，2 处不符（应有的 9 张标准表识别出 0 张，正文 6 个数字中 6 个已对应到算式）",
        f"{counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示",
    ]
    assert "错误 rate.stated  第1页" in out.splitlines()
    assert (
        "「社会保障和就业支出年初预算数为【34.10】万元，支出决算数为【43.53】万元，完成年初预算的【120.00】%。」" in out
    )


# --- exit codes ------------------------------------------------------------------------


def test_fail_on_error(with_error: Path, without_error: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(with_error), "--fail-on", "error"]) == 1
    assert main(["check", str(without_error), "--fail-on", "error"]) == 0
    assert main(["check", str(with_error)]) == 0  # --fail-on never by default
    assert main(["check", str(with_error), "--fail-on", "never"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("command", ["check", "text"])
@pytest.mark.parametrize("problem", ["missing", "empty"])
def test_unreadable_file_exits_2_with_one_line(
    command: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{problem}.txt"
    if problem == "empty":
        path.write_bytes(b"")
    assert main([command, str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert str(path) in lines[0]
    assert lines[0] == f"gongkai: {path}: " + {"missing": "文件不存在", "empty": "文件是空的"}[problem]


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "用法：gongkai" in capsys.readouterr().out


def test_real_process_prints_the_json_contract(with_error: Path) -> None:
    script = Path(sys.executable).with_name("gongkai")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "gongkai.cli"]
    done = subprocess.run(
        [*command, "check", str(with_error), "--format", "json", "--fail-on", "error"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == ""
    printed, expected = json.loads(done.stdout), check(with_error).to_dict()
    # the moment each was read is the one field two runs do not share
    assert printed["document"].pop("checked_at") and expected["document"].pop("checked_at")
    assert printed == expected


# --- text and rules --------------------------------------------------------------------


def test_text_prints_the_normalised_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "traditional.txt"
    path.write_text(
        "某區(qū)商務(wù)局2021年度部門決算\n一,、收入總計 819.39 萬元,,較上年減少３０．６４萬元。\n", encoding="utf-8"
    )
    assert main(["text", str(path)]) == 0
    assert capsys.readouterr().out == "某区商务局2021年度部门决算\n一、收入总计819.39万元，较上年减少30.64万元。\n"


def test_rules_lists_every_registered_rule(capsys: pytest.CaptureFixture[str]) -> None:
    load_rules()
    assert main(["rules"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert listed == [*REGISTRY, *(rule.id for rule in CROSS_RULES)]
    assert len(listed) >= 19


def test_rules_markdown_lists_every_registered_rule(capsys: pytest.CaptureFixture[str]) -> None:
    load_rules()
    assert main(["rules", "--format", "md"]) == 0
    listed = re.findall(r"^- `([^`]+)`", capsys.readouterr().out, flags=re.M)
    assert listed == [*REGISTRY, *(rule.id for rule in CROSS_RULES)]


# --- help --------------------------------------------------------------------------------

EXPECTED_OPTIONS = {
    "schema": set(),
    "serve": {"--host", "--port", "--max-pages", "--max-mb", "--timeout"},
    "check": {
        "--format", "--output", "--min-severity", "--fail-on", "--rules", "--skip-rules", "--no-colour", "--pdf-backend", "--debug"
    },
    "text": {"--pdf-backend", "--debug"},
    "annotate": {"--output", "--fail-on", "--rules", "--skip-rules", "--pdf-backend", "--debug"},
    "extract": {
        "--output",
        "--from-list",
        "--jobs",
        "--timeout",
        "--max-pages",
        "--no-cache",
        "--cache-dir",
        "--executor",
        "--scheduler",
        "--duckdb",
        "--no-parquet",
        "--quiet",
        "--pdf-backend",
        "--debug",
    },
    "rules": {"--format"},
}


def test_the_subcommands_are_the_documented_ones() -> None:
    assert set(subcommands()) == set(EXPECTED_OPTIONS)


@pytest.mark.parametrize("name", sorted(EXPECTED_OPTIONS))
def test_subcommand_help_mentions_its_options(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([name, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"用法：gongkai {name}")
    assert EXPECTED_OPTIONS[name] <= options_of(name)
    for option in options_of(name):
        assert option in out, option


def test_top_level_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for name in subcommands():
        assert re.search(rf"^\s+{name}\s", out, flags=re.M), name


# --- the README --------------------------------------------------------------------------


def readme_command_lines() -> list[str]:
    """Lines of README.md that show a ``gongkai …`` command (in code spans or code blocks)."""
    text = README.read_text(encoding="utf-8")
    shown = []
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        pieces = [line] if fenced else re.findall(r"`([^`]+)`", line)
        if any(re.match(r"^(?:\$\s+)?gongkai\s+\S", piece.strip()) for piece in pieces):
            shown.append(line)
    return shown


def test_readme_starts_with_the_two_make_commands() -> None:
    head = README.read_text(encoding="utf-8").splitlines()[:20]
    assert any(re.match(r"^make demo\b", line) for line in head)
    assert any(re.match(r"^make test\b", line) for line in head)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, flags=re.M)
    assert re.search(r"^test:", makefile, flags=re.M)


def test_every_gongkai_command_in_the_readme_is_real() -> None:
    lines = readme_command_lines()
    used = {}
    for line in lines:
        for name in re.findall(r"(?:^|[`$]\s*)gongkai\s+([a-z][\w-]*)", line.strip()):
            used.setdefault(name, line)
    assert set(used) >= {"check", "text", "extract", "rules"}
    known = subcommands()
    for name, line in used.items():
        assert name in known, line


def test_options_shown_with_a_readme_command_exist() -> None:
    for line in readme_command_lines():
        names = re.findall(r"(?:^|[`$]\s*)gongkai\s+([a-z][\w-]*)", line.strip())
        if len(names) != 1:
            continue
        for option in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", line.split("gongkai", 1)[1]):
            assert option in options_of(names[0]), (names[0], option)


# --- several files, -o, standard input, rule ids, severities ------------------------------


def test_check_several_files_gives_one_report_each_and_the_worst_exit_code(
    with_error: Path, without_error: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.pdf"
    code = main(["check", str(without_error), str(with_error), str(missing), "--format", "json", "--fail-on", "error"])
    captured = capsys.readouterr()
    assert code == EXIT_UNREADABLE  # the unreadable file is worse than the findings of the other
    reports = json.loads(captured.out)
    assert [Path(r["document"]["source"]).name for r in reports] == ["without_error.txt", "with_error.txt"]
    assert captured.err == f"gongkai: {missing}: 文件不存在\n"
    assert main(["check", str(without_error), str(with_error), "--fail-on", "error"]) == EXIT_FINDINGS


def test_check_writes_to_a_file_in_the_format_of_its_extension(with_error: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    assert main(["check", str(with_error), str(with_error), "-o", str(out)]) == EXIT_OK
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("doc_id,finding_id,check_id,rule,")
    assert sum(1 for line in lines if line.startswith("doc_id,")) == 1  # one header for both files
    assert len(lines) == 1 + 2 * len(check(with_error).findings)
    page = tmp_path / "report.html"
    assert main(["check", str(with_error), "-o", str(page)]) == EXIT_OK
    assert page.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_check_reads_standard_input(with_error: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(with_error.read_bytes()), encoding="utf-8"))
    assert main(["check", "-", "--format", "json"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert report["document"]["source"] == "<stdin>"
    assert [f["rule"] for f in report["findings"]] == [f.rule for f in check(with_error).findings]


def test_rules_are_comma_separated_and_checked(with_error: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(with_error), "--rules", "rate,sum.breakdown", "--format", "json"]) == EXIT_OK
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert rules and all(r.startswith(("rate.", "sum.breakdown")) for r in rules)
    with pytest.raises(SystemExit) as exited:
        main(["check", str(with_error), "--rules", "rate,no.such_rule"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "未知的规则：no.such_rule" in err and "rate.stated" in err


def test_min_severity_shows_only_the_worse_findings(with_error: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(with_error), "--format", "json", "--min-severity", "error"]) == EXIT_OK
    severities = {f["severity"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert severities == {"error"}


def test_extract_says_which_inputs_name_nothing(with_error: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pattern = str(tmp_path / "*.zzz")
    code = main(["extract", str(with_error), pattern, "-o", str(tmp_path / "out"), "--quiet"])
    assert code == EXIT_UNREADABLE
    assert f"gongkai: {pattern}: 没有这个文件，或没有匹配的文档" in capsys.readouterr().err
    assert (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8").count("\n") == 2  # the other input was read


def test_extract_refuses_an_output_directory_another_run_holds(with_error: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import fcntl

    from gongkai.batchrun.lock import LOCK_NAME

    out = tmp_path / "out"
    out.mkdir()
    with (out / LOCK_NAME).open("a+") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        held.write("4242\n")
        held.flush()
        assert main(["extract", str(with_error), "-o", str(out), "--quiet"]) == EXIT_UNREADABLE
    assert "另一个 gongkai extract（进程 4242）正在写入这个目录" in capsys.readouterr().err
    assert not (out / "documents.csv").exists()
    assert main(["extract", str(with_error), "-o", str(out), "--quiet"]) == EXIT_OK  # released: the next run goes


def test_the_readme_sample_output_is_what_the_command_prints(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The first screen's sample is an excerpt of the real output: its header is the output's
    first lines, and each finding it shows is printed, line for line, as shown."""
    block = re.search(r"```text\n\$ gongkai check (\S+)\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert block is not None
    source, sample = block.group(1), block.group(2)
    monkeypatch.chdir(ROOT)
    if not (ROOT / source).is_file():
        pytest.skip(f"{source} is not available")
    assert main(["check", source]) in (EXIT_OK, EXIT_FINDINGS)
    printed = capsys.readouterr().out
    parts = [p.strip("\n") for p in sample.split("\n\n") if p.strip() and p.strip() != "…"]
    header, findings = parts[0], [p.removesuffix("\n…") for p in parts[1:]]
    assert printed.startswith(header + "\n\n")
    for finding in findings:
        assert "\n" + finding + "\n" in printed, finding.splitlines()[0]
