"""Tables flattened into one line of text (a web page copied as text) rebuilt as tables."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.api import analyse, report
from gongkai.extract import extract, extract_bytes
from gongkai.normalize.flat_tables import find_flat_tables
from tests.conftest import CORPUS, SEED_FINAL, SEED_PERFORMANCE, need

# A three-row header (年初 / 本年支出 / 年末 are groups; 基本支出 under 本年支出 is a group too),
# rows keyed by code, blank cells left out of the text.
FISCAL = (
    "首页 政务公开 2023年财政拨款收入支出决算批复表 附件1-2 部门（单位）：某县某局 单位：万元 "
    "项 目 年初结转和结余 本年收入 本年支出 年末结转和结余 科目编码 科目名称 "
    "合计 基本支出 项目支出 合计 基本支出 项目支出 合计 基本支出结转 项目支出结转和结余 小计 人员经费 日常公用经费 类款项 "
    "合计 30.00 10.00 20.00 500.00 480.00 400.00 300.00 100.00 80.00 50.00 10.00 40.00 "
    "201 一般公共服务支出 30.00 10.00 20.00 450.00 430.00 350.00 260.00 90.00 80.00 50.00 10.00 40.00 "
    "20103 政府办公厅（室）及相关机构事务 30.00 10.00 20.00 450.00 430.00 350.00 260.00 90.00 80.00 50.00 10.00 40.00 "
    "2010301 行政运行 10.00 10.00 350.00 350.00 350.00 260.00 90.00 10.00 10.00 "
    "2010302 一般行政管理事务 20.00 20.00 100.00 80.00 80.00 40.00 40.00 "
    "221 住房保障支出 50.00 50.00 50.00 40.00 10.00 "
    "来源：某县政府网 附件下载"
)


def rebuilt(line: str):
    [table] = find_flat_tables(line)
    return table


def test_a_three_row_header_and_blank_cells_placed_by_the_sums() -> None:
    table = rebuilt(FISCAL)
    assert table.title == ["2023年财政拨款收入支出决算批复表", "附件1-2", "部门（单位）：某县某局", "单位：万元"]
    assert table.rows[:3] == [
        ["科目编码", "项目", "年初结转和结余", None, None, "本年收入", "本年支出", None, None, None, None, "年末结转和结余", None, None],
        [None, None, "合计", "基本支出", "项目支出", None, "合计", "基本支出", None, None, "项目支出", "合计", "基本支出结转", "项目支出结转和结余"],
        [None, None, None, None, None, None, None, "小计", "人员经费", "日常公用经费", None, None, None, None],
    ]
    # 行政运行: nothing in 年初/年末 项目支出 nor in 本年支出 项目支出
    assert table.rows[6] == ["2010301", "行政运行", "10.00", "10.00", "", "350.00", "350.00", "350.00", "260.00", "90.00", "", "10.00", "10.00", ""]
    # 一般行政管理事务: project money only — the sums put each figure in a 项目支出 column
    assert table.rows[7] == ["2010302", "一般行政管理事务", "20.00", "", "20.00", "100.00", "80.00", "", "", "", "80.00", "40.00", "", "40.00"]
    # 住房保障支出 lies in four columns that only the 合计 = Σ类 columns tell apart
    assert table.rows[8] == ["221", "住房保障支出", "", "", "", "50.00", "50.00", "50.00", "40.00", "10.00", "", "", "", ""]
    assert table.dropped == 0


def test_the_rebuilt_table_gives_table_facts_with_their_columns() -> None:
    analysis = analyse(extract_bytes(FISCAL.encode("utf-8"), "page.txt"))
    [table] = analysis.tables.of_kind("fa_fiscal_total")
    assert table.unit == "万元"
    [row] = table.find(code="2010301")
    income = row.values["本年收入"]
    assert (income.value, income.unit, income.subject) == (Decimal("350.00"), "万元", "行政运行")
    assert income.evidence.quote.endswith("（列：本年收入）")
    staff = row.values["人员经费"]
    assert staff.evidence.quote.endswith("（列：本年支出／基本支出／人员经费）")
    assert [f.rule for f in report(analysis).findings if f.category in ("sum", "balance")] == []


# A group printed with its first column glued on (「公务用车购置及运行维护费小计」), its other
# columns in the next header row; the 购置费 column is blank in every row.
SANGONG = (
    "2023年“三公”经费公共财政拨款支出决算批复表 单位：万元 项 目 “三公”经费公共财政拨款支出合计 因公出国（境）费 "
    "公务用车购置及运行维护费小计 公务接待费 科目编码 科目名称 公务用车购置费 公务用车运行维护费 类款项 "
    "合计 20.50 2.00 15.00 15.00 3.50 201 一般公共服务支出 20.50 2.00 15.00 15.00 3.50 "
    "2010301 行政运行 20.50 2.00 15.00 15.00 3.50 来源：某县政府网"
)


def test_a_group_with_its_subtotal_glued_on() -> None:
    table = rebuilt(SANGONG)
    assert table.rows[:2] == [
        ["科目编码", "项目", "“三公”经费公共财政拨款支出合计", "因公出国（境）费", "公务用车购置及运行维护费", None, None, "公务接待费"],
        [None, None, None, None, "小计", "公务用车购置费", "公务用车运行维护费", None],
    ]
    # 15.00 is the 小计 for sure; the second 15.00 is 购置费 or 运行维护费 and is left out
    assert table.rows[2] == ["", "合计", "20.50", "2.00", "15.00", "", "", "3.50"]
    assert table.dropped == 3


LIST = (
    "2023年收入支出决算批复表部门（单位）：某县某局　单位：万元项 目金 额备注年初结转和结余12.50 "
    "其中：基本支出结转2.50 本年收入合计100.00 1.财政拨款收入90.00 2.事业收入 3.其他收入10.00 "
    "收入总计112.50　本年支出合计100.00 支出总计112.50　年末结转和结余12.50 来源：某县政府网"
)


def test_labels_with_their_figures_glued_on() -> None:
    table = rebuilt(LIST)
    assert table.title == ["2023年收入支出决算批复表", "部门（单位）：某县某局", "单位：万元项"]
    assert table.rows == [
        ["项目", "金额"],
        ["年初结转和结余", "12.50"],
        ["其中：基本支出结转", "2.50"],
        ["本年收入合计", "100.00"],
        ["1.财政拨款收入", "90.00"],
        ["2.事业收入", ""],
        ["3.其他收入", "10.00"],
        ["收入总计", "112.50"],
        ["本年支出合计", "100.00"],
        ["支出总计", "112.50"],
        ["年末结转和结余", "12.50"],
    ]


UNITS = (
    "一、部门基本情况 列入部门预算编制范围的单位详细情况见下表：单位名称 经费性质 人员编制数 在职人数 "
    "某县某局机关 财政核拨 12 11 某县某中心 财政核拨 5 6 二、部门主要工作任务 2024年，本局主要任务是：做好各项工作。"
)


def test_a_staffing_table_inside_the_narrative() -> None:
    table = rebuilt(UNITS)
    assert table.rows == [
        ["单位名称", "经费性质", "人员编制数", "在职人数"],
        ["某县某局机关", "财政核拨", "12", "11"],
        ["某县某中心", "财政核拨", "5", "6"],
    ]
    analysis = analyse(extract_bytes(UNITS.encode("utf-8"), "page.txt"))
    [table_read] = analysis.tables.of_kind("other")
    staff = {(r.label, c): (str(f.value), f.unit, f.exact) for r in table_read.rows for c, f in r.values.items()}
    assert staff[("某县某局机关", "人员编制数")] == ("12", "人", True)
    assert staff[("某县某中心", "在职人数")] == ("6", "人", True)
    assert "二、部门主要工作任务" in analysis.document.text  # the narrative after the table stays text


@pytest.mark.parametrize(
    "line",
    [
        "(1) 2019 年部门预算总收入 352.36 万元，全部为财政拨款收入。",
        "截止 2019 年 12 月 31 日，项目执行数 8851.74 万元，执行率 100%。",
        "(3)批零住餐饮“小进限”预期目标新增 5 家、净增 5 家,拼搏目标新增 8 家。",
        "2024年 收入 预算 100.00 万元 支出 预算 100.00 万元",
    ],
)
def test_numbers_spaced_out_in_a_sentence_are_no_table(line: str) -> None:
    assert find_flat_tables(line) == []


@pytest.mark.parametrize("seed", [SEED_PERFORMANCE, SEED_FINAL], ids=["performance", "final"])
def test_the_seeds_have_no_flattened_table(seed) -> None:
    raw = extract(need(seed))
    assert [t for page in raw.pages for b in page.blocks if hasattr(b, "text") for t in find_flat_tables(b.text)] == []


FUJIAN = CORPUS / "fujian"


def test_corpus_approval_table_rebuilt_in_full() -> None:
    analysis = analyse(extract(need(FUJIAN / "pingtan_2014_procuratorate_fiscal_final_approval.txt")))
    [table] = analysis.tables.of_kind("fa_fiscal_total")
    [running] = table.find(code="2040401")
    values = {c: str(f.value) for c, f in running.values.items()}
    assert values["本年收入"] == "1215.10"
    assert values["年初结转和结余（合计）"] == "45.03"
    assert "年初结转和结余（合计）" in table.columns and len(table.columns) == 12
    assert not [w for w in analysis.info.warnings if "无法确定所在的列" in w]


def test_corpus_list_of_units_placed_by_its_columns_habits() -> None:
    """Rows printing three figures of four: the sums allow the blank in either of the last two
    columns; the 出国 column prints 0.00 and the 车辆 column one decimal elsewhere, so each
    figure goes where its kind is printed — and the 出国 and 车辆 columns then add up to the
    合计 row exactly."""
    analysis = analyse(extract(need(FUJIAN / "pingtan_2015_all_units_sangong_budget_table.txt")))
    [table] = analysis.tables.of_kind("bd_sangong")
    assert table.standard.parts[0].texts(0)[0] == "单位名称/预算代码"  # a name column, not a code column
    assert len(table.rows) == 236 and table.complete  # 235 units and the 合计 row, every figure placed
    [total] = table.find(label="合计")
    assert [str(f.value) for f in total.values.values()] == ["2793.77", "1663.67", "200.00", "930.1"]
    sums = {c: sum(r.values[c].value for r in table.rows[:-1] if c in r.values) for c in table.columns}
    assert [str(v) for v in sums.values()] == ["3243.07", "2112.97", "200.00", "930.1"]
    assert not any("无法确定所在的列" in w for w in analysis.info.warnings)


PROFILES = (
    "2016年部门预算“三公经费”公开表 单位名称 “三公经费”合计数 公务接待费控制数 出国境经费控制数 车辆经费控制数 "
    + " ".join(f"某单位{k} {12 + k}.30 {8 + k}.30 0.00 4.0" for k in range(30))
    + " 某中心 2.80 2.80 0.00 某所 5.00 1.20 3.8 合计 811.80 688.00 0.00 123.8"
)


def test_a_row_short_of_figures_follows_the_columns_habits() -> None:
    table = rebuilt(PROFILES)
    # 「2.80 2.80 0.00」: 0.00 is how the 出国 column prints; 「5.00 1.20 3.8」: one decimal is the 车辆 column's
    assert table.rows[31] == ["某中心", "2.80", "2.80", "0.00", ""]
    assert table.rows[32] == ["某所", "5.00", "1.20", "", "3.8"]
    assert table.dropped == 0
