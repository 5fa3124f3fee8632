"""A quantity's label → subject, measure, kind, sign, rate name/base, whole, level, placeholder."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from gongkai.fields.labels import Label, is_named_rate, measure_class, parse_label


class Want(NamedTuple):
    label: str
    unit: str | None
    subject: str
    measure: str | None
    kind: str
    sign: int = 0
    rate_name: str | None = None
    rate_base: str | None = None
    whole: str | None = None
    level: str | None = None
    placeholder: bool = False
    enum_marker: bool = False
    compared: bool = False


LABELS = [
    # amounts and their measures
    Want("年初预算数为", "万元", "", "年初预算数", "amount"),
    Want("决算数为", "万元", "", "决算数", "amount"),
    Want("全年预算数为", "万元", "", "全年预算数", "amount"),
    Want("上年决算数为", "万元", "", "上年决算数", "amount"),
    Want("预算调整数", "万元", "", "调整预算数", "amount"),
    Want("追加预算", "万元", "", "追加预算数", "amount"),
    Want("实际支出", "万元", "", "决算数", "amount"),
    Want("基本支出决算数为", "万元", "基本支出", "决算数", "amount"),
    Want("项目支出预算数为", "万元", "项目支出", "预算数", "amount"),
    Want("社会保障和就业支出年初预算数为", "万元", "社会保障和就业支出", "年初预算数", "amount"),
    Want("收入预算总额：", "万元", "收入总额", "预算数", "amount"),
    Want("收入支出决算总计", "万元", "收入支出总计", "决算数", "amount"),
    # 预算 inside a subject name is not a measure
    Want("一般公共预算财政拨款支出", "万元", "一般公共预算财政拨款支出", None, "amount"),
    Want("政府性基金预算财政拨款支出", "万元", "政府性基金预算财政拨款支出", None, "amount"),
    Want("收入总计", "万元", "收入总计", None, "amount"),
    Want("本部门2023年度收入总计", "万元", "收入总计", None, "amount"),
    Want("“三公”经费", "万元", "三公经费", None, "amount"),
    Want("公务接待费", "元", "公务接待费", None, "amount"),
    Want("年末结转和结余", "万元", "年末结转和结余", None, "amount"),
    Want("因公出国（境）费", "万元", "因公出国（境）费", None, "amount"),
    # enumerations, numbering and levels
    Want("其中：基本支出：", "万元", "基本支出", None, "amount", enum_marker=True),
    Want("其中：年初结转和结余", "万元", "年初结转和结余", None, "amount", enum_marker=True),
    Want("其中：", "万元", "", None, "amount", enum_marker=True),
    # a breakdown opened in a bracket after its total (「8013平方米（其中计容面积7998平方米…）」)
    Want("（其中计容面积", "平方米", "计容面积", "数量", "count", enum_marker=True),
    Want("(其中：参照公务员法管理", "人", "参照公务员法管理", "人数", "count", enum_marker=True),
    Want("（含）以上设备", "台（套）", "（含）以上设备", "数量", "count"),  # 含 in a bracket opens no list
    Want("地上建筑面积为", "平方米", "地上建筑面积", "数量", "count"),
    Want("（一）基本支出", "万元", "基本支出", None, "amount"),
    Want("1.项目支出", "万元", "项目支出", None, "amount"),
    Want("一般公共服务支出（类）", "万元", "一般公共服务支出", None, "amount", level="类"),
    Want("2.商品和服务支出（款）", "万元", "商品和服务支出", None, "amount", level="款"),
    Want("行政运行（项）", "万元", "行政运行", None, "amount", level="项"),
    # a 科目 named by its path with dashes: three names are a 项, two a 款
    Want("10.“卫生健康支出-行政事业单位医疗-事业单位医疗”科目", "万元", "卫生健康支出-行政事业单位医疗-事业单位医疗", None, "amount", level="项"),
    Want("“卫生健康支出-行政事业单位医疗”科目", "万元", "卫生健康支出-行政事业单位医疗", None, "amount", level="款"),
    # changes
    Want("较2020年减少", "万元", "", None, "change", sign=-1, compared=True),
    Want("比上年增加", "万元", "", None, "change", sign=1, compared=True),
    Want("较年初预算增加", "万元", "", None, "change", sign=1, compared=True),
    Want("决算数比年初预算数增加", "万元", "", "决算数", "change", sign=1, compared=True),
    Want("增加（减少）", "万元", "", None, "change", sign=1, placeholder=True),
    Want("比上年减少（增加）", "万元", "", None, "change", sign=-1, placeholder=True, compared=True),
    # change rates
    Want("增长", "%", "", "增减率", "change_rate", sign=1),
    Want("下降", "%", "", "增减率", "change_rate", sign=-1),
    Want("同比增长", "%", "", "增减率", "change_rate", sign=1),
    Want("比2020年减少", "%", "", "增减率", "change_rate", sign=-1, compared=True),
    Want("较上年决算数下降", "%", "", "增减率", "change_rate", sign=-1, compared=True),
    Want("增长（下降）", "%", "", "增减率", "change_rate", sign=1, placeholder=True),
    # shares
    Want("占本年支出合计的", "%", "", "占比", "share", whole="本年支出合计"),
    Want("占政府采购支出总额的", "%", "", "占比", "share", whole="政府采购支出总额"),
    Want("占部门总支出的比重为", "%", "", "占比", "share", whole="总支出"),
    Want("占比", "%", "", "占比", "share"),
    Want("占比为", "%", "", "占比", "share"),
    Want("权重", "%", "", "权重", "share"),
    # rates
    Want("完成年初预算的", "%", "", "完成率", "rate", rate_name="完成年初预算", rate_base="budget_initial"),
    Want("完成全年预算的", "%", "", "完成率", "rate", rate_name="完成全年预算", rate_base="budget_full"),
    Want("完成调整后预算的", "%", "", "完成率", "rate", rate_name="完成调整后预算", rate_base="budget_full"),
    Want("完成预算的", "%", "", "完成率", "rate", rate_name="完成预算", rate_base="budget"),
    Want("在职人员控制率为", "%", "在职人员", "控制率", "rate", rate_name="在职人员控制率"),
    Want("人员控制率", "%", "人员", "控制率", "rate", rate_name="人员控制率"),
    Want("预算执行率为", "%", "", "执行率", "rate", rate_name="预算执行率"),
    Want("资金执行率", "%", "", "执行率", "rate", rate_name="资金执行率"),
    Want("项目执行率", "%", "项目", "执行率", "rate", rate_name="项目执行率"),
    Want("政府采购执行率为", "%", "政府采购", "执行率", "rate", rate_name="政府采购执行率"),
    Want("公用经费控制率", "%", "公用经费", "控制率", "rate", rate_name="公用经费控制率"),
    Want("满意度", "%", "满意度", "比率", "rate"),
    # scores
    Want("得分", "分", "", "得分", "score"),
    Want("自评得分", "分", "", "得分", "score"),
    Want("投入指标得分", "分", "投入", "得分", "score"),
    Want("分值", "分", "", "分值", "score_max"),
    Want("满分", "分", "", "分值", "score_max"),
    # counts
    Want("编制", "人", "编制", "人数", "count"),
    Want("在职实有人数", "人", "在职实有人数", "人数", "count"),
    Want("商务局总编制人数", "人", "总编制人数", "人数", "count"),
    Want("车辆", "辆", "车辆", "数量", "count"),
    Want("其中：基本支出：", "人", "基本支出", "人数", "count", enum_marker=True),
]


@pytest.mark.parametrize("want", LABELS, ids=lambda w: f"{w.label}|{w.unit}")
def test_parse_label(want: Want) -> None:
    got = parse_label(want.label, want.unit)
    assert got == Label(
        subject=want.subject,
        measure=want.measure,
        kind=want.kind,
        sign=want.sign,
        rate_name=want.rate_name,
        rate_base=want.rate_base,
        whole=want.whole,
        enum_marker=want.enum_marker,
        level=want.level,
        placeholder=want.placeholder,
        compared=want.compared,
        raw=want.label,
    )


def test_the_table_is_large_enough() -> None:
    assert len({w.label for w in LABELS}) >= 30


def test_department_name_is_removed_from_the_subject() -> None:
    got = parse_label("新洲区商务局三公经费", "万元", department="新洲区商务局")
    assert (got.subject, got.measure, got.kind) == ("三公经费", None, "amount")


def test_growth_rate_word_is_a_change_rate() -> None:
    got = parse_label("增长率为", "%")
    assert (got.subject, got.measure, got.kind, got.sign) == ("", "增减率", "change_rate", 1)


def test_named_rates_and_measure_classes() -> None:
    assert is_named_rate("在职人员控制率")
    assert not is_named_rate("预算执行率")
    assert not is_named_rate(None)
    assert [measure_class(m) for m in ("决算数", "年初预算数", "全年预算数", "预算数", "上年决算数", "人数", None)] == [
        "actual",
        "budget_initial",
        "budget_full",
        "budget",
        "previous",
        "count",
        None,
    ]
