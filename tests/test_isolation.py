"""No lost document: a stage that raises becomes one ``internal`` finding; the rest of the report is intact.

Each test makes one stage raise (a standard-table reader for one table, the table recogniser,
the score and funds readers, the mention reader for one paragraph or for all, the binder,
classification, one rule) on a synthetic pasted-text document and on a real PDF, and compares
the facts and findings with an unpatched run of the same document.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

import gongkai.api
import gongkai.tables
from gongkai.analysis import Analysis
from gongkai.api import analyse, report
from gongkai.cli import main
from gongkai.errors import UnreadableInput
from gongkai.extract import RawDocument, extract, extract_bytes
from gongkai.fields import Binder, MentionReader
from gongkai.schemas.records import Fact, Finding, Report
from gongkai.settings import Settings
from gongkai.validate import REGISTRY
from gongkai.validate.rules import load_rules
from tests.builders.text import rows
from tests.conftest import PUTUO, need

ROOT = Path(__file__).resolve().parents[1]

# A 部门预算 over three pages: two standard tables (page 1, one row off by 100 元), two
# narrative paragraphs (page 2, a wrong growth rate) and a 项目支出绩效自评表 with its funds
# block and a score table whose total is off by one point (page 3).
SYNTHETIC = (
    "\n".join(
        [
            "某市某区教育局2025年部门预算",
            "一、部门收支总表",
            "单位：元",
            rows(
                ("收入", "", "支出", ""),
                ("项目", "预算数", "项目", "预算数"),
                ("一、一般公共预算拨款收入", "12,345,678.90", "一、教育支出", "12,000,000.00"),
                ("二、其他收入", "54,321.10", "二、社会保障和就业支出", "400,000.00"),
                ("本年收入合计", "12,400,000.00", "本年支出合计", "12,400,000.00"),
                ("收入总计", "12,400,000.00", "支出总计", "12,400,000.00"),
            ),
            "二、一般公共预算支出表",
            "单位：元",
            rows(
                ("功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                ("205", "教育支出", "12,000,000.00", "9,000,000.00", "3,000,000.00"),
                ("20502", "普通教育", "12,000,000.00", "9,000,000.00", "3,000,000.00"),
                ("2050202", "小学教育", "7,000,000.00", "6,000,000.00", "1,000,000.00"),
                ("2050203", "初中教育", "5,000,000.00", "3,000,000.00", "2,000,100.00"),
                ("合计", "", "12,000,000.00", "9,000,000.00", "3,000,000.00"),
            ),
            "\f本部门2025年收入预算合计1240.00万元，其中：一般公共预算拨款收入1234.57万元，占99.56%。",
            "本部门2025年支出预算合计1240.00万元，比上年增加40.00万元，增长3.5%。",
            "\f项目支出绩效自评表",
            rows(
                ("项目名称", "养老服务补贴", "", "", "", "", "", ""),
                ("项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                ("", "年度资金总额", "200.00", "200.00", "190.00", "10", "95.00%", "9.5"),
                ("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"),
                ("", "产出指标", "数量指标", "补贴发放人数", "≥500人", "512人", "20", "20", ""),
                ("", "", "质量指标", "发放准确率", "100%", "99%", "20", "19", "个别信息有误已更正"),
                ("", "", "时效指标", "按月发放", "12次", "12次", "10", "10", ""),
                ("", "效益指标", "社会效益指标", "服务覆盖率", "≥90%", "92%", "20", "18", ""),
                ("", "满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "95%", "20", "20", ""),
                ("总分", "", "", "", "", "", "100", "97.5", ""),
            ),
        ]
    )
    + "\n"
)


@dataclass(frozen=True)
class Case:
    """A document and its unpatched reading."""

    name: str
    raw: RawDocument
    analysis: Analysis
    report: Report


def synthetic_raw() -> RawDocument:
    return extract_bytes(SYNTHETIC.encode("utf-8"), "synthetic.txt")


@pytest.fixture(scope="module", params=["synthetic_txt", "putuo_pdf"])
def case(request: pytest.FixtureRequest) -> Case:
    raw = synthetic_raw() if request.param == "synthetic_txt" else extract(need(PUTUO))
    analysis = analyse(raw)
    return Case(request.param, raw, analysis, report(analysis))


def run(case: Case, settings: Settings | None = None) -> tuple[Analysis, Report]:
    analysis = analyse(case.raw, settings)
    return analysis, report(analysis, settings)


def key(fact: Fact) -> dict[str, Any]:
    """A fact as exported, without its ids (which shift when facts before it are dropped)."""
    return {k: v for k, v in fact.to_dict().items() if k not in ("fact_id", "statement")}


def keys(facts: list[Fact] | tuple[Fact, ...]) -> list[dict[str, Any]]:
    return [key(f) for f in facts]


def unnumbered(finding: Finding) -> dict[str, Any]:
    """A finding as exported, without its check id (which shifts when a rule before it fails)."""
    return {k: v for k, v in finding.to_dict().items() if k != "check_id"}


def internal(result: Report) -> list[Finding]:
    return [f for f in result.findings if f.category == "internal"]


def only_internal(result: Report, rule: str) -> Finding:
    """The one internal finding of the report, checked for its rule id and severity."""
    found = internal(result)
    assert [(f.rule, f.category, f.severity) for f in found] == [(rule, "internal", "warning")]
    return found[0]


def others(result: Report) -> list[dict[str, Any]]:
    return [unnumbered(f) for f in result.findings if f.category != "internal"]


# -- the synthetic document has what each test needs -------------------------------------


def test_the_synthetic_document_reads_as_intended() -> None:
    analysis = analyse(synthetic_raw())
    assert [(t.standard.kind.title, t.standard.page) for t in analysis.tables.standard] == [
        ("部门收支总表", 1),
        ("一般公共预算支出表", 1),
    ]
    assert (len(analysis.text_facts), len(analysis.table_facts), len(analysis.tables.scores.tables)) == (6, 43, 1)
    assert len(analysis.tables.funds) == 1
    assert [f.rule for f in report(analysis).findings] == [
        "sum.table_hierarchy",
        "sum.table_row",
        "yoy.change_rate",
        "score_sum.table_total",
    ]
    assert analysis.failures == []


# -- tables ------------------------------------------------------------------------------


def _target_table(case: Case) -> tuple[str, int]:
    """The first standard table whose title no other read table shares, with its page."""
    titles = [t.standard.kind.title for t in case.analysis.tables.standard]
    table = next(t for t in case.analysis.tables.standard if titles.count(t.standard.kind.title) == 1 and t.rows)
    return table.standard.kind.title, table.standard.page


def test_one_failing_table_costs_only_that_table(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    title, page = _target_table(case)
    real = gongkai.tables.read_standard_table
    made: list[Fact] = []

    def failing(document, table, maker, doc_type):  # type: ignore[no-untyped-def]
        if table.kind.title != title:
            return real(document, table, maker, doc_type)
        before = len(maker.facts)
        real(document, table, maker, doc_type)  # makes the table's facts, then fails
        made.extend(maker.facts[before:])
        raise IndexError("list index out of range")

    monkeypatch.setattr(gongkai.tables, "read_standard_table", failing)
    analysis, result = run(case)
    finding = only_internal(result, "internal.table_reader")
    assert finding.message == (
        f"读取第{page}页《{title}》时内部出错（IndexError: list index out of range），该表的数字未计入；其余内容照常核对。"
    )
    assert finding.page == page
    assert made, "the failing reader made facts before it failed"
    assert all(f.table == title for f in made)
    lost = {json.dumps(key(f), sort_keys=True) for f in made}
    assert keys(analysis.facts) == [k for k in keys(case.analysis.facts) if json.dumps(k, sort_keys=True) not in lost]
    assert keys(analysis.text_facts) == keys(case.analysis.text_facts)
    # the table is still known to be there (no 缺少《…》 finding), without rows
    assert [(t.standard.kind.title, t.rows if t.standard.kind.title == title else len(t.rows)) for t in analysis.tables.standard] == [
        (t.standard.kind.title, [] if t.standard.kind.title == title else len(t.rows)) for t in case.analysis.tables.standard
    ]
    missing = [unnumbered(f) for f in result.findings if f.category == "missing_table"]
    assert missing == [unnumbered(f) for f in case.report.findings if f.category == "missing_table"]
    assert len({f.fact_id for f in analysis.facts}) == len(analysis.facts)


def test_failing_table_recognition_keeps_text_score_and_funds(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(document, department, doc_type):  # type: ignore[no-untyped-def]
        raise AttributeError("'NoneType' object has no attribute 'cells'")

    monkeypatch.setattr(gongkai.tables, "recognize_tables", failing)
    analysis, result = run(case)
    finding = only_internal(result, "internal.recognize_tables")
    assert finding.message == (
        "识别标准表格时内部出错（AttributeError: 'NoneType' object has no attribute 'cells'），"
        "各标准表的数字未计入，是否缺表也未核对；其余内容照常核对。"
    )
    # not knowing which tables are there is no ground for saying any is missing
    assert [f for f in result.findings if f.category == "missing_table"] == []
    text_only = ("share", "zero_denominator", "yoy", "rate", "direction_word", "cross_text", "part_whole")
    assert [unnumbered(f) for f in result.findings if f.category in text_only] == [
        unnumbered(f) for f in case.report.findings if f.category in text_only
    ]
    standard_titles = {t.standard.kind.title for t in case.analysis.tables.standard}
    assert analysis.tables.standard == []
    assert keys(analysis.facts) == [k for k in keys(case.analysis.facts) if k["table"] not in standard_titles]
    assert keys(analysis.text_facts) == keys(case.analysis.text_facts)


@pytest.mark.parametrize(
    ("target", "stage", "doing", "missing"),
    [
        ("read_score_tables", "score_tables", "读取绩效评分表", "评分表的数字未计入"),
        ("read_funds", "funds_table", "读取项目资金表", "资金表的数字未计入"),
    ],
)
def test_failing_score_or_funds_reader_takes_back_its_facts(
    case: Case, monkeypatch: pytest.MonkeyPatch, target: str, stage: str, doing: str, missing: str
) -> None:
    real = getattr(gongkai.tables, target)
    made: list[Fact] = []

    def failing(document, maker, *args):  # type: ignore[no-untyped-def]
        before = len(maker.facts)
        real(document, maker, *args)
        made.extend(maker.facts[before:])
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(gongkai.tables, target, failing)
    analysis, result = run(case)
    finding = only_internal(result, f"internal.{stage}")
    assert finding.message == f"{doing}时内部出错（ZeroDivisionError: division by zero），{missing}；其余内容照常核对。"
    if case.name == "synthetic_txt":
        assert len(made) == {"score_tables": 14, "funds_table": 6}[stage]
    made_ids = {f.fact_id for f in made}
    assert keys(analysis.facts) == keys([f for f in case.analysis.facts if f.fact_id not in made_ids])
    if stage == "funds_table":
        # the text's own statements, each with the bindings the analysis records on it
        assert [replace(s, bindings=()) for s in analysis.statements] == case.analysis.text.statements
        assert analysis.tables.funds == []
    else:
        assert analysis.tables.scores.tables == [] and analysis.tables.scores.summaries == []
        assert len(analysis.tables.funds) == len(case.analysis.tables.funds)


# -- text --------------------------------------------------------------------------------


def test_one_failing_paragraph_costs_only_its_own_facts(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [v.text for v in case.analysis.text.views]
    target = next(m.view for m in case.analysis.text.mentions if texts.count(m.view.text) == 1)
    page = case.analysis.document.page_at(target.doc_offset(0))
    real = MentionReader.read

    def failing(self, views):  # type: ignore[no-untyped-def]
        result = real(self, views)  # makes the paragraph's mentions, then fails
        if any(v.text == target.text for v in views):
            raise ValueError("坏的段落")
        return result

    monkeypatch.setattr(MentionReader, "read", failing)
    analysis, result = run(case)
    finding = only_internal(result, "internal.text_matcher")
    assert finding.message == f"读取第{page}页的一段正文时内部出错（ValueError: 坏的段落），其中的数字未计入；其余内容照常核对。"
    assert finding.page == page
    kept = [m.fact for m in case.analysis.text.mentions if m.view.text != target.text]
    assert len(kept) < len(case.analysis.text_facts)
    assert keys(analysis.text_facts) == keys(kept)
    assert keys(analysis.table_facts) == keys(case.analysis.table_facts)
    assert [m.index for m in analysis.text.mentions] == list(range(len(analysis.text.mentions)))


def test_failing_mention_reader_gives_no_text_facts_and_one_finding(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(self, views):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr(MentionReader, "read", failing)
    analysis, result = run(case)
    finding = only_internal(result, "internal.text_matcher")
    views = case.analysis.text.views
    if case.name == "synthetic_txt":
        assert finding.message == (
            f"读取第1、2、3页的{len(views)}段正文时内部出错（RuntimeError: boom），其中的数字未计入；其余内容照常核对。"
        )
    else:
        pages = sorted({case.analysis.document.page_at(v.doc_offset(0)) for v in views})
        assert finding.message == (
            f"读取第{pages[0]}至{pages[-1]}页的{len(views)}段正文时内部出错（RuntimeError: boom），"
            "其中的数字未计入；其余内容照常核对。"
        )
    assert analysis.text_facts == [] and analysis.text.statements == []
    assert keys(analysis.table_facts) == keys(case.analysis.table_facts)


def test_failing_binder_keeps_the_mentions(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(self):  # type: ignore[no-untyped-def]
        raise KeyError("role")

    monkeypatch.setattr(Binder, "build", failing)
    analysis, result = run(case)
    finding = only_internal(result, "internal.binding")
    assert finding.message == (
        "把正文数字组合为比率、占比、增减和合计陈述时内部出错（KeyError: 'role'），"
        "正文数字照常列出，但这些陈述未核对；其余内容照常核对。"
    )
    assert analysis.facts == case.analysis.facts
    assert analysis.text.statements == []
    assert [s.kind for s in analysis.statements] == [s.kind for s in case.analysis.tables.statements]


# -- classification ----------------------------------------------------------------------


def test_failing_classification_reads_the_document_as_other(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(document):  # type: ignore[no-untyped-def]
        raise TypeError("unsupported operand type(s)")

    monkeypatch.setattr(gongkai.api, "classify", failing)
    analysis, result = run(case)
    finding = only_internal(result, "internal.classify")
    assert finding.message == (
        "识别文件类型、年度和部门时内部出错（TypeError: unsupported operand type(s)），"
        "文件按“其他”类处理，年度和部门未识别；其余内容照常核对。"
    )
    info = result.document
    assert (info.doc_type, info.fiscal_year, info.department, info.region, info.title) == ("other", None, None, None, None)
    assert (info.doc_id, info.pages) == (case.report.document.doc_id, case.report.document.pages)
    assert len(analysis.text_facts) == len(case.analysis.text_facts)
    assert [f.value for f in analysis.facts] == [f.value for f in case.analysis.facts]


# -- rules -------------------------------------------------------------------------------


def _failing_rule(monkeypatch: pytest.MonkeyPatch, rule_id: str, error: BaseException) -> None:
    load_rules()

    def failing(analysis):  # type: ignore[no-untyped-def]
        raise error

    monkeypatch.setitem(REGISTRY, rule_id, replace(REGISTRY[rule_id], check=failing))


def test_one_failing_rule_costs_only_its_findings(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    target = case.report.findings[0].rule
    _failing_rule(monkeypatch, target, RuntimeError("boom"))
    _, result = run(case)
    finding = only_internal(result, "internal.rule")
    assert finding.message == f"执行规则 {target}时内部出错（RuntimeError: boom），该规则的核对没有结果；其余内容照常核对。"
    assert finding.evidence == ()
    assert others(result) == [unnumbered(f) for f in case.report.findings if f.rule != target]
    assert any(f.rule != target for f in case.report.findings)
    assert result.facts == case.report.facts


def test_internal_findings_can_be_skipped(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    target = case.report.findings[0].rule
    _failing_rule(monkeypatch, target, RuntimeError("boom"))
    monkeypatch.setattr(MentionReader, "read", lambda self, views: 1 / 0)
    settings = Settings(skip_rules=("internal",))
    _, result = run(case, settings)
    assert internal(result) == []
    _, shown = run(case)
    assert [f.rule for f in internal(shown)] == ["internal.rule", "internal.text_matcher"]


# -- what must not be isolated -----------------------------------------------------------


def test_debug_raises_instead_of_isolating(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Binder, "build", lambda self: [][0])
    with pytest.raises(IndexError):
        run(case, Settings(debug=True))
    monkeypatch.undo()
    _failing_rule(monkeypatch, case.report.findings[0].rule, RuntimeError("boom"))
    with pytest.raises(RuntimeError, match="boom"):
        run(case, Settings(debug=True))


@pytest.mark.parametrize(
    "error",
    [KeyboardInterrupt(), SystemExit(3), MemoryError(), UnreadableInput("x.pdf", "timeout", "读取超过 1 秒的上限")],
    ids=["KeyboardInterrupt", "SystemExit", "MemoryError", "GongkaiError"],
)
def test_interrupts_limits_and_memory_errors_propagate(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    raw = synthetic_raw()

    def failing(*args):  # type: ignore[no-untyped-def]
        raise error

    monkeypatch.setattr(gongkai.tables, "read_standard_table", failing)
    with pytest.raises(type(error)):
        analyse(raw)
    monkeypatch.undo()
    _failing_rule(monkeypatch, "yoy.change_rate", error)
    with pytest.raises(type(error)):
        report(analyse(raw))


# -- the command line --------------------------------------------------------------------

RULE_MESSAGE = "执行规则 yoy.change_rate时内部出错（RuntimeError: boom），该规则的核对没有结果；其余内容照常核对。"


@pytest.fixture
def synthetic_file(tmp_path: Path) -> Path:
    path = tmp_path / "synthetic.txt"
    path.write_text(SYNTHETIC, encoding="utf-8")
    return path


def test_check_json_reports_the_internal_finding_and_exits_by_the_findings(
    synthetic_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _failing_rule(monkeypatch, "yoy.change_rate", RuntimeError("boom"))
    assert main(["check", str(synthetic_file), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["category"], f["severity"], f["message"]) for f in document["findings"] if f["category"] == "internal"] == [
        ("internal.rule", "internal", "warning", RULE_MESSAGE)
    ]
    assert [f["rule"] for f in document["findings"]] == [
        "sum.table_hierarchy",
        "sum.table_row",
        "score_sum.table_total",
        "internal.rule",
    ]
    assert main(["check", str(synthetic_file), "--format", "json", "--rules", "yoy", "--fail-on", "error"]) == 0
    assert [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["internal.rule"]
    assert main(["check", str(synthetic_file), "--format", "json", "--rules", "yoy", "--fail-on", "warning"]) == 1
    capsys.readouterr()


@pytest.mark.parametrize("fmt", ["text", "csv", "md", "html"])
def test_every_check_format_shows_the_internal_finding(
    synthetic_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    _failing_rule(monkeypatch, "yoy.change_rate", RuntimeError("boom"))
    assert main(["check", str(synthetic_file), "--format", fmt, "--no-colour"]) == 0
    out = capsys.readouterr().out
    assert "internal.rule" in out
    assert RULE_MESSAGE in out


def test_check_debug_raises(synthetic_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _failing_rule(monkeypatch, "yoy.change_rate", RuntimeError("boom"))
    with pytest.raises(RuntimeError, match="boom"):
        main(["check", str(synthetic_file), "--debug"])


SITECUSTOMIZE = '''
import gongkai.validate.registry as registry

_run = registry.Rule.run


def run(self, analysis):
    if self.id == "yoy.change_rate":
        raise RuntimeError("boom")
    return _run(self, analysis)


registry.Rule.run = run
'''


def test_extract_writes_the_internal_finding_to_findings_csv(synthetic_file: Path, tmp_path: Path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hook), str(ROOT)])}
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "extract", str(synthetic_file), "-o", str(out), "-j", "1", "--quiet", "--no-parquet"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with open(out / "findings.csv", encoding="utf-8", newline="") as stream:
        found = [(r["rule"], r["category"], r["severity"], r["message"]) for r in csv.DictReader(stream)]
    assert ("internal.rule", "internal", "warning", RULE_MESSAGE) in found
    assert [rule for rule, *_ in found] == ["sum.table_hierarchy", "sum.table_row", "score_sum.table_total", "internal.rule"]
    assert (out / "errors.csv").read_text(encoding="utf-8").splitlines()[1:] == []
