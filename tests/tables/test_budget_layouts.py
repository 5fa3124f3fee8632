"""预算 table layouts from real publications, rebuilt as pasted tables: a 合计 header row over the
value columns, a totals-only 三公 table, split codes with a lost zero or a misprinted 类, a title
wrapped over two lines, and quotes that name the cited column."""

from __future__ import annotations

from decimal import Decimal

from gongkai.api import analyse, report
from gongkai.extract import extract_bytes
from tests.builders.text import rows


def analysed(text: str):
    return analyse(extract_bytes(text.encode("utf-8"), "budget.txt"))


SUMMARY = "\n".join(
    [
        "某区某福利院2024年单位预算",
        "2024年预算单位财务收支预算总表",
        "编制单位：某区某福利院单位：元",
        rows(
            ("本年收入", "", "本年支出", "", "", "", ""),
            ("项目", "预算数", "项目", "预算数", "", "", ""),
            ("", "", "", "合计", "基本支出", "", "项目支出"),
            ("", "", "", "", "人员经费", "公用经费", ""),
            ("一、财政拨款收入", "900", "一、社会保障和就业支出", "1,000", "600", "200", "200"),
            ("二、事业收入", "100", "", "", "", "", ""),
            ("收入总计", "1,000", "支出总计", "1,000", "600", "200", "200"),
        ),
    ]
)


def test_a_total_printed_in_the_header_is_a_column_not_a_row() -> None:
    analysis = analysed(SUMMARY)
    [table] = analysis.tables.of_kind("bd_total")
    assert table.columns == ["本年收入（预算数）", "合计", "人员经费", "公用经费", "项目支出"]
    rows_read = {(r.side, r.label): {k: str(v.value) for k, v in r.values.items()} for r in table.rows}
    assert rows_read[("收入", "财政拨款收入")] == {"本年收入（预算数）": "900"}
    assert rows_read[("支出", "支出总计")] == {"合计": "1000", "人员经费": "600", "公用经费": "200", "项目支出": "200"}
    staff = table.find(label="支出总计")[0].values["人员经费"]
    assert staff.evidence.quote == "收入总计 1,000 支出总计 1,000 600 200 200（列：本年支出／预算数／基本支出／人员经费）"
    assert [f.rule for f in report(analysis).findings if f.category in ("sum", "balance")] == []


SANGONG = "\n".join(
    [
        "某区某局2025年部门预算",
        "2025年部门“三公”经费和机关运行经费预算表",
        "编制部门：某区某局单位：万元",
        rows(
            ("2025年“三公”经费预算数", "", "", "", "", "", "2025年机关运行经费预算数"),
            ("合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费", "", "", ""),
            ("", "", "", "小计", "购置费", "运行费", ""),
            ("37.91", "0", "1.35", "36.56", "15", "21.56", "443.18"),
        ),
    ]
)


def test_a_totals_only_table_names_each_figure_by_its_column() -> None:
    analysis = analysed(SANGONG)
    [table] = analysis.tables.of_kind("bd_sangong")
    [row] = table.rows
    assert row.label == "合计"
    facts = {f.column: (f.subject, f.measure, str(f.value)) for f in row.values.values()}
    assert facts == {
        "“三公”经费预算数（合计）": ("三公经费", "预算数", "37.91"),
        "因公出国（境）费": ("因公出国费用", "预算数", "0"),
        "公务接待费": ("公务接待费", "预算数", "1.35"),
        "公务用车购置及运行费（小计）": ("公务用车购置及运行维护费", "预算数", "36.56"),
        "购置费": ("公务用车购置费", "预算数", "15"),
        "运行费": ("公务用车运行维护费", "预算数", "21.56"),
        "机关运行经费预算数": ("机关运行经费", "预算数", "443.18"),
    }
    vehicles = row.values["公务用车购置及运行费（小计）"]
    assert vehicles.evidence.quote.endswith("（列：“三公”经费预算数／公务用车购置及运行费／小计）")


ECONOMIC = "\n".join(
    [
        "某区某街道2024年部门预算",
        "2024年部门一般公共预算基本支出部门预算经济分类预算表",
        "编制部门：某区某街道单位：元",
        rows(
            ("项目", "", "", "一般公共预算基本支出", "", ""),
            ("经济分类科目编码", "", "经济分类科目名称", "合计", "人员经费", "公用经费"),
            ("类", "款", "", "", "", ""),
            ("301", "", "工资福利支出", "300", "300", "0"),
            ("301", "01", "基本工资", "100", "100", "0"),
            ("301", "2", "津贴补贴", "150", "150", "0"),
            ("301", "7", "绩效工资", "50", "50", "0"),
            ("合计", "", "", "300", "300", "0"),
        ),
    ]
)


def test_a_split_code_that_lost_its_leading_zero() -> None:
    analysis = analysed(ECONOMIC)
    [table] = analysis.tables.of_kind("bd_general_basic")
    assert [(r.code, r.label) for r in table.rows] == [
        ("301", "工资福利支出"),
        ("30101", "基本工资"),
        ("30102", "津贴补贴"),
        ("30107", "绩效工资"),
        (None, "合计"),
    ]
    assert [f.rule for f in report(analysis).findings if f.category == "sum"] == []


FUNCTIONS = "\n".join(
    [
        "某区某院2024年单位预算",
        "2024年预算单位支出预算总表",
        "编制单位：某区某院单位：元",
        rows(
            ("项目", "", "", "", "支出预算", "", ""),
            ("功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"),
            ("类", "款", "项", "", "", "", ""),
            ("210", "", "", "卫生健康支出", "500", "500", ""),
            ("210", "11", "", "行政事业单位医疗", "500", "500", ""),
            ("7", "11", "02", "事业单位医疗", "500", "500", ""),
            ("合计", "", "", "", "500", "500", ""),
        ),
    ]
)


def test_a_misprinted_class_part_gives_no_code_rather_than_a_wrong_one() -> None:
    analysis = analysed(FUNCTIONS)
    [table] = analysis.tables.of_kind("bd_expense")
    assert [(r.code, r.label) for r in table.rows] == [
        ("210", "卫生健康支出"),
        ("21011", "行政事业单位医疗"),
        (None, "事业单位医疗"),
        (None, "合计"),
    ]


WRAPPED = "\n".join(
    [
        "某省某院2018年部门预算",
        "公开09表：一般公共预算“三公”经费、会议费、培训费",
        "支出预算表",
        "部门：某省某院单位：万元",
        rows(
            ("合计", "“三公”经费", "", "会议费", "培训费"),
            ("", "因公出国（境）费", "公务接待费", "", ""),
            ("120.00", "70.00", "27.00", "15.00", "8.00"),
        ),
    ]
)


def test_a_title_wrapped_over_two_lines() -> None:
    analysis = analysed(WRAPPED)
    assert [(t.key, t.standard.title) for t in analysis.tables.standard] == [
        ("bd_sangong", "公开09表：一般公共预算“三公”经费、会议费、培训费支出预算表")
    ]
    [row] = analysis.tables.standard[0].rows
    assert {c: str(f.value) for c, f in row.values.items()}["会议费"] == "15.00"
    assert row.values["因公出国（境）费"].value == Decimal("70.00")


PROCUREMENT = "\n".join(
    [
        "某省某厅2019年部门预算",
        "2019年政府采购预算表",
        "部门：某省某厅单位：万元",
        rows(
            ("采购品目大类", "专项名称", "采购物品名称", "采购组织形", "总计"),
            ("合计", "", "", "式", "120.00"),  # the header's last character wrapped below its rule
            ("一、货物", "", "", "", "20.00"),
            ("", "办公设备购置", "台式计算机", "政府集中采购", "20.00"),
            ("二、服务", "", "", "", "100.00"),
            ("", "物业管理", "物业服务", "部门集中采购", "100.00"),
        ),
    ]
)


def test_a_total_row_is_named_by_its_total_word_alone() -> None:
    analysis = analysed(PROCUREMENT)
    [table] = analysis.tables.of_kind("bd_procurement")
    [total] = table.find(label="合计")
    fact = total.values["总计"]
    assert (fact.subject, str(fact.value), fact.unit) == ("政府采购", "120.00", "万元")
