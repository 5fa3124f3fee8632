"""Document type, fiscal year and department from a document's own title block."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.classify import Classification, classify
from gongkai.extract import extract, extract_bytes
from gongkai.normalize import normalize
from tests.conftest import PUTUO, SEED_FINAL, SEED_PERFORMANCE, SHARED, TEMPLATE, need


def classified(text: str) -> Classification:
    return classify(normalize(extract_bytes(text.encode("utf-8"), "title.txt")))


@pytest.mark.parametrize(
    ("text", "doc_type", "year", "department"),
    [
        (
            "XX区XX局2023年度部门决算\n目录\n第一部分 XX区XX局概况\n",
            "final_accounts",
            2023,
            "XX区XX局",
        ),
        (
            "某市某区商务局2023年度部门决算\n第一部分 部门概况\n一、部门主要职能\n负责全区商务工作。\n",
            "final_accounts",
            2023,
            "某市某区商务局",
        ),
        ("某区某局2022年度单位决算公开说明\n", "final_accounts", 2022, "某区某局"),
        (
            "某区教育局2024年部门预算\n一、部门基本情况\n2024年收入预算总额1200.00万元。\n",
            "budget",
            2024,
            "某区教育局",
        ),
        ("2024年部门预算\n一、部门职责\n", "budget", 2024, None),
        ("某区某局\n2024年部门预算公开\n", "budget", 2024, "某区某局"),
        (
            # the previous year is named three times, the budget year once in the title
            "某局2024年部门预算\n一、收支预算总体情况\n"
            "2024年收入预算1000.00万元，比2023年增加50.00万元，2023年预算950.00万元，2023年执行情况良好。\n",
            "budget",
            2024,
            "某局",
        ),
        (
            "某区商务局2019年度部门整体支出绩效自评报告\n一、部门基本情况\n"
            "2019年部门预算总收入352.36万元。\n某区商务局\n2020年7月15日\n",
            "performance_self_evaluation",
            2019,
            "某区商务局",
        ),
        (
            # a cover dated the next year: the year reported on is 2019
            "部门整体支出绩效自评报告\n2020年7月\n根据要求，现将我局2019年度部门整体支出绩效情况报告如下。\n",
            "performance_self_evaluation",
            2019,
            None,
        ),
        ("2020年7月\n2019年度部门整体支出绩效自评报告\n", "performance_self_evaluation", 2019, None),
        (
            "部门整体支出绩效自评报告\n部门名称：武汉市某区某局（盖章）\n填报日期：2020年7月20日\n"
            "一、基本情况\n2019年度预算执行情况良好。\n",
            "performance_self_evaluation",
            2019,
            "武汉市某区某局",
        ),
        (
            "部门名称:武汉市某区某局(盖章)\n2019年度部门整体支出绩效自评表\n",
            "performance_self_evaluation",
            2019,
            "武汉市某区某局",
        ),
        (
            "第一部分 某市某区某局部门概况\n一、主要职能\n本单位2022年度决算收入总计100.00万元。\n",
            "final_accounts",
            2022,
            "某市某区某局",
        ),
        ("一份没有标题的文字\n内容与财政无关。\n", "other", None, None),
    ],
)
def test_title_blocks(text: str, doc_type: str, year: int | None, department: str | None) -> None:
    result = classified(text)
    assert (result.doc_type, result.fiscal_year, result.department) == (doc_type, year, department)


@pytest.mark.parametrize(
    ("text", "department"),
    [
        ("第一部分 某市某区某局部门概况\n", "某市某区某局"),
        ("第一部分 某市某区某局概况\n", "某市某区某局"),
        ("第一部分 某市某区某局基本情况\n", "某市某区某局"),
        ("部门名称：武汉市某区某局（盖章）\n", "武汉市某区某局"),
        ("单位名称：某县财政局\n", "某县财政局"),
    ],
)
def test_department_lines(text: str, department: str) -> None:
    assert classified(text).department == department


def test_department_on_the_line_under_the_cover_title() -> None:
    result = classified("2024年部门预算\n某市某区某局\n2024年1月\n一、部门职责\n")
    assert (result.doc_type, result.fiscal_year, result.department) == ("budget", 2024, "某市某区某局")


def test_region_and_title() -> None:
    result = classified("部门名称：武汉市某区某局（盖章）\n2019年度部门整体支出绩效自评报告\n")
    assert result.region == "武汉市某区"
    assert result.title == "2019年度部门整体支出绩效自评报告"
    assert classified("某市某区商务局2023年度部门决算\n").region == "某市某区"


def test_traditional_title_is_classified_after_simplification() -> None:
    result = classified("某市某區(qū)商務(wù)局2021年度部門決算\n")
    assert (result.doc_type, result.fiscal_year, result.department) == ("final_accounts", 2021, "某市某区商务局")


# --- the shared documents: the values the acceptance specs expect ---------------------

# (file, doc_type or None when the spec does not say, fiscal_year, department_contains or None)
ACCEPTANCE = [
    (SEED_PERFORMANCE, "performance_self_evaluation", 2019, "新洲区商务局"),
    (SEED_FINAL, "final_accounts", 2021, "南康区商务局"),
    (PUTUO, "final_accounts", 2024, "社会工作部"),
    (TEMPLATE, None, 2024, None),
]


@pytest.mark.parametrize(("path", "doc_type", "year", "department"), ACCEPTANCE, ids=lambda v: getattr(v, "name", None))
def test_shared_documents(path: Path, doc_type: str | None, year: int, department: str | None) -> None:
    result = classify(normalize(extract(need(path))))
    if doc_type is not None:
        assert result.doc_type == doc_type
    assert result.fiscal_year == year
    if department is not None:
        assert result.department is not None and department in result.department


def test_acceptance_table_matches_the_specs() -> None:
    """The table above is what ../shared/acceptance/*.yaml says (so the two cannot drift)."""
    yaml = pytest.importorskip("yaml")
    specs = sorted(need(SHARED / "acceptance").glob("*.yaml"))
    expected = {}
    for spec in specs:
        for entry in yaml.safe_load(spec.read_text(encoding="utf-8"))["documents"]:
            want = entry.get("document") or {}
            expected[(SHARED / entry["file"]).resolve()] = (
                want.get("doc_type"),
                want.get("fiscal_year"),
                want.get("department_contains"),
            )
    assert expected == {path.resolve(): (doc_type, year, department) for path, doc_type, year, department in ACCEPTANCE}
