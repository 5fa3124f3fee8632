"""Bindings recorded on statements, and ``check --explain`` printing them for a finding."""

from __future__ import annotations

import json
from pathlib import Path

from gongkai.api import analyse, report
from gongkai.cli import main
from gongkai.export.explain import explain
from gongkai.extract import extract_bytes

TEXT = (
    "某某区某某局2023年度部门决算\n"
    "本年支出合计500.00万元。\n"
    "卫生健康支出38.44万元，占本年支出合计的7.70%。\n"
    "项目支出100.00万元，年初预算为80.00万元，完成年初预算的125%。\n"
)


def _report():  # type: ignore[no-untyped-def]
    return report(analyse(extract_bytes(TEXT.encode("utf-8"), "case.txt")))


def test_share_bindings_recorded() -> None:
    result = _report()
    share = next(s for s in result.statements if s.kind == "share")
    by_role = {role: binding for _, role, binding in share.bindings}
    # the share and its part share a sentence; the whole is named (本年支出合计) and found by that name
    assert by_role == {"result": "same_sentence", "part": "same_sentence", "whole": "named_lookup"}


def test_explain_entries_of_a_finding() -> None:
    result = _report()
    finding = next(f for f in result.findings if f.rule == "share.stated")
    entries = explain(result, finding)
    assert [(e["figure"], e["role"], e["binding"], e["certain"]) for e in entries] == [
        ("7.70%", "result", "same_sentence", True),
        ("38.44万元", "part", "same_sentence", True),
        ("500.00万元", "whole", "named_lookup", True),
    ]


def test_rate_bound_in_its_own_sentence() -> None:
    result = _report()
    rate = next(s for s in result.statements if s.kind == "rate")
    assert {binding for _, _, binding in rate.bindings} == {"same_sentence"}
    # 100.00/80.00 = 125%, printed 125%: consistent, nothing to report
    assert not [f for f in result.findings if f.rule.startswith("rate.")]


def test_check_explain_text(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "case.txt"
    path.write_text(TEXT, encoding="utf-8")
    main(["check", str(path), "--explain", "--no-colour", "--rules", "share.stated"])
    out = capsys.readouterr().out
    assert "  依据：\n" in out
    assert "· 38.44万元 卫生健康支出决算数（部分，第1页正文）：同一句，确定" in out
    assert "· 500.00万元 本年支出合计决算数（总数，第1页正文）：按句中点明的名称查得，确定" in out


def test_check_explain_json(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "case.txt"
    path.write_text(TEXT, encoding="utf-8")
    main(["check", str(path), "--explain", "--format", "json", "--rules", "share.stated"])
    data = json.loads(capsys.readouterr().out)
    finding = data["findings"][0]
    facts = {f["fact_id"]: f for f in data["facts"]}
    assert [facts[i]["value"] for i in finding["fact_ids"]] == ["7.70", "38.44", "500.00"]
    assert [e["binding"] for e in finding["explain"]] == ["same_sentence", "same_sentence", "named_lookup"]


def test_a_figure_of_another_statement_is_explained_by_its_own() -> None:
    # sum.item_changes rests on the 类's change and on each 项's change: a 项's change is explained by the
    # sentence that ties it to the 项's amount, not left unexplained
    from tests.validate.test_item_changes import budget

    result = report(analyse(extract_bytes(budget("增加30.00万元").encode("utf-8"), "case.txt")))
    finding = next(f for f in result.findings if f.rule == "sum.item_changes")
    entries = {(e["figure"], e["subject"]): (e["role"], e["binding"], e["statement_id"] is not None) for e in explain(result, finding)}
    assert entries[("50.00万元", "社会保障和就业支出支出")] == ("change", "same_sentence", True)
    assert entries[("10.00万元", "行政事业单位养老支出行政单位离退休支出")] == ("change", "same_sentence", True)
    assert entries[("30.00万元", "社会福利社会福利事业单位支出")] == ("change", "same_sentence", True)
