"""A 项目支出绩效自评表 in one table: funds block, then indicators with their own header."""

from __future__ import annotations

from gongkai.api import analyse, report
from gongkai.extract import extract_bytes
from tests.builders.text import rows


def form(service_score: str = "18", total: str = "96.5") -> str:
    return "\n".join(
        [
            "某区民政局2023年度项目支出绩效自评表",
            rows(
                ("项目名称", "养老服务补贴", "", "", "", "", "", ""),
                ("项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                ("", "年度资金总额", "200.00", "200.00", "190.00", "10", "95.00%", "9.5"),
                ("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"),
                ("", "产出指标", "数量指标", "补贴发放人数", "≥500人", "512人", "20", "20", ""),
                ("", "", "质量指标", "发放准确率", "100%", "99%", "20", "19", "个别信息有误已更正"),
                ("", "", "时效指标", "按月发放", "12次", "12次", "10", "10", ""),
                ("", "效益指标", "社会效益指标", "服务覆盖率", "≥90%", "92%", "20", service_score, ""),
                ("", "满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "95%", "20", "20", ""),
                ("总分", "", "", "", "", "", "100", total, ""),
            ),
        ]
    )


def analysed(text: str):
    return analyse(extract_bytes(text.encode("utf-8"), "form.txt"))


def test_indicator_rows_read_by_their_own_header():
    table = analysed(form()).tables.scores.tables[0]
    assert [(r.level1, r.indicator, str(r.points.value), str(r.score.value)) for r in table.rows] == [
        (None, "年度资金总额", "10", "9.5"),
        ("产出", "补贴发放人数", "20", "20"),
        ("产出", "发放准确率", "20", "19"),
        ("产出", "按月发放", "10", "10"),
        ("效益", "服务覆盖率", "20", "18"),
        ("满意度", "老人满意度", "20", "20"),
    ]
    assert (str(table.total.points.value), str(table.total.score.value)) == ("100", "96.5")


def test_a_form_that_adds_up_raises_nothing():
    assert [f.rule for f in report(analysed(form())).findings if f.category in ("score_sum", "score_formula", "rate")] == []


def test_total_that_is_not_the_sum_of_the_rows():
    # 9.5 + 20 + 19 + 10 + 19 + 20 = 97.5, printed 96.5
    findings = [f for f in report(analysed(form(service_score="19"))).findings if f.rule == "score_sum.table_total"]
    assert [(f.figures, f.severity) for f in findings] == [(("96.5",), "error")]
    assert "相加为97.5分" in findings[0].message
