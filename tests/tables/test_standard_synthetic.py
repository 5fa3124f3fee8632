"""Table layouts the corpus does not show: split 类/款/项 columns, 栏次 rows, 行次 columns, 元."""

from __future__ import annotations

from decimal import Decimal

from gongkai.api import analyse, report
from gongkai.extract import extract_bytes
from tests.builders.text import rows


def analysed(text: str):
    return analyse(extract_bytes(text.encode("utf-8"), "case.txt"))




SPLIT_CODES = "\n".join(
    [
        "某区某局2023年度部门决算",
        "支出决算表",
        "单位：元",
        rows(
            ("类", "款", "项", "科目名称", "本年支出合计", "基本支出", "项目支出"),
            ("栏次", "", "", "", "1", "2", "3"),
            ("201", "", "", "一般公共服务支出", "1,500.00", "1,000.00", "500.00"),
            ("", "06", "", "财政事务", "1,500.00", "1,000.00", "500.00"),
            ("", "", "01", "行政运行", "1,000.00", "1,000.00", ""),
            ("", "", "99", "其他财政事务支出", "500.00", "", "500.00"),
        ),
    ]
)


def test_split_code_columns_and_column_numbers_row():
    analysis = analysed(SPLIT_CODES)
    table = analysis.tables.of_kind("fa_expense")[0]
    assert [(r.code, r.level, r.label) for r in table.rows] == [
        ("201", "类", "一般公共服务支出"),
        ("20106", "款", "财政事务"),
        ("2010601", "项", "行政运行"),
        ("2010699", "项", "其他财政事务支出"),
    ]
    fact = table.rows[2].values["本年支出合计"]
    assert (fact.value, fact.unit, fact.value_yuan) == (Decimal("1000.00"), "元", Decimal("1000.00"))
    assert [f.rule for f in report(analysis).findings if f.category == "sum"] == []


def test_split_code_item_that_does_not_add_up():
    broken = SPLIT_CODES.replace("其他财政事务支出\t500.00\t\t500.00", "其他财政事务支出\t600.00\t\t600.00")
    findings = [f for f in report(analysed(broken)).findings if f.rule == "sum.table_hierarchy"]
    assert {f.figures for f in findings} == {("1500.00", "1000.00", "600.00"), ("500.00", "600.00")}


ROW_NUMBERS = "\n".join(
    [
        "某区某局2023年度部门决算",
        "收入支出决算总表",
        "单位：万元",
        rows(
            ("收入", "", "", "支出", "", ""),
            ("项目", "行次", "金额", "项目", "行次", "金额"),
            ("一、一般公共预算财政拨款收入", "1", "100.00", "一、一般公共服务支出", "31", "90.00"),
            ("二、其他收入", "2", "5.00", "二、教育支出", "32", "15.00"),
            ("本年收入合计", "3", "105.00", "本年支出合计", "33", "105.00"),
            ("年初结转和结余", "4", "1.00", "年末结转和结余", "34", "1.00"),
            ("总计", "5", "106.00", "总计", "35", "106.00"),
        ),
    ]
)


def test_row_number_columns_are_not_figures():
    analysis = analysed(ROW_NUMBERS)
    table = analysis.tables.of_kind("fa_total")[0]
    assert table.columns == ["金额", "金额"]
    values = {(r.side, r.label): str(next(iter(r.values.values())).value) for r in table.rows if r.values}
    assert values[("收入", "收入总计")] == "106.00"
    assert values[("支出", "本年支出合计")] == "105.00"
    assert [f.rule for f in report(analysis).findings if f.category == "balance"] == []


def test_summary_table_whose_sides_do_not_balance():
    broken = ROW_NUMBERS.replace("总计\t35\t106.00", "总计\t35\t107.00")
    findings = [f for f in report(analysed(broken)).findings if f.rule == "balance.summary_table"]
    assert {f.figures for f in findings} == {("107.00", "105.00", "1.00"), ("106.00", "107.00")}
