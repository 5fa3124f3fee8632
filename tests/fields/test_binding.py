"""Statements built by ``read_text`` on short synthetic documents: which figures go together.

Each document runs the real pipeline (extract → normalize → classify → read_text). Facts are
compared as ``(subject, measure, value, unit)`` in reading order; a statement as its kind and
its roles, each role a list of ``(subject, measure, value)`` best first.
"""

from __future__ import annotations

from gongkai.classify import classify
from gongkai.extract import extract_bytes
from gongkai.fields import TextReading, read_text
from gongkai.normalize import normalize
from gongkai.schemas.records import Fact, Statement

FINAL = "某区某局2023年度部门决算"
PERFORMANCE = "某区某局2023年度部门整体支出绩效自评报告"

FactRow = tuple[str, str, str, str | None]
Ref = tuple[str, str, str]


def reading(*lines: str, title: str = FINAL) -> TextReading:
    text = "\n".join((title, *lines)) + "\n"
    document = normalize(extract_bytes(text.encode("utf-8"), "x.txt"))
    kind = classify(document)
    return read_text(document, kind.doc_type, kind.department)


def facts(result: TextReading) -> list[FactRow]:
    return [(f.subject, f.measure, str(f.value), f.unit) for f in result.facts]


def ref(fact: Fact) -> Ref:
    return (fact.subject, fact.measure, str(fact.value))


def roles(statement: Statement) -> dict[str, list[Ref]]:
    return {role: [ref(f) for f in candidates] for role, candidates in statement.roles}


def statements(result: TextReading, kind: str | None = None) -> list[tuple[str, dict[str, list[Ref]]]]:
    return [(s.kind, roles(s)) for s in result.statements if kind is None or s.kind == kind]


# --- rates -----------------------------------------------------------------------------


def test_completion_rate_binds_actual_and_initial_budget_of_the_subject() -> None:
    result = reading(
        "一、一般公共预算财政拨款支出决算情况",
        "社会保障和就业支出年初预算数为34.10万元，支出决算数为43.53万元，完成年初预算的127.65%。",
    )
    assert facts(result) == [
        ("社会保障和就业支出", "年初预算数", "34.10", "万元"),
        ("社会保障和就业支出", "决算数", "43.53", "万元"),
        ("社会保障和就业支出", "完成率", "127.65", "%"),
    ]
    assert statements(result) == [
        (
            "rate",
            {
                "result": [("社会保障和就业支出", "完成率", "127.65")],
                "numerator": [("社会保障和就业支出", "决算数", "43.53")],
                "denominator": [("社会保障和就业支出", "年初预算数", "34.10")],
            },
        )
    ]
    statement = result.statements[0]
    assert statement.note == "完成年初预算"
    assert (statement.evidence.page, statement.evidence.quote) == (
        1,
        "社会保障和就业支出年初预算数为34.10万元，支出决算数为43.53万元，完成年初预算的127.65%。",
    )


def test_each_completion_rate_binds_the_figures_of_its_own_subject() -> None:
    result = reading(
        "一、一般公共预算财政拨款支出决算情况",
        "一般公共服务支出年初预算数为200.00万元，支出决算数为180.00万元，完成年初预算的90%。"
        "社会保障和就业支出年初预算数为34.10万元，支出决算数为43.53万元，完成年初预算的127.65%。",
    )
    assert statements(result) == [
        (
            "rate",
            {
                "result": [("一般公共服务支出", "完成率", "90")],
                "numerator": [("一般公共服务支出", "决算数", "180.00")],
                "denominator": [("一般公共服务支出", "年初预算数", "200.00")],
            },
        ),
        (
            "rate",
            {
                "result": [("社会保障和就业支出", "完成率", "127.65")],
                "numerator": [("社会保障和就业支出", "决算数", "43.53")],
                "denominator": [("社会保障和就业支出", "年初预算数", "34.10")],
            },
        ),
    ]


def test_rate_over_a_zero_base_keeps_the_other_budget_as_an_alternative() -> None:
    result = reading(
        "一、一般公共预算财政拨款支出决算情况",
        "年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%。",
    )
    assert facts(result) == [
        ("", "年初预算数", "0", "万元"),
        ("", "全年预算数", "321.02", "万元"),
        ("", "决算数", "307.82", "万元"),
        ("", "完成率", "95.89", "%"),
    ]
    assert statements(result) == [
        (
            "rate",
            {
                "result": [("", "完成率", "95.89")],
                "numerator": [("", "决算数", "307.82")],
                "denominator": [("", "年初预算数", "0")],
                "alternatives": [("", "全年预算数", "321.02")],
            },
        )
    ]


def test_execution_rate_over_zero_and_zero() -> None:
    result = reading("一、基本情况", "政府采购预算0万元，实际执行0万元，政府采购执行率100%。", title=PERFORMANCE)
    assert statements(result) == [
        (
            "rate",
            {
                "result": [("政府采购", "执行率", "100")],
                "numerator": [("政府采购", "决算数", "0")],
                "denominator": [("政府采购", "预算数", "0")],
            },
        )
    ]


def test_named_staff_rate_binds_headcounts() -> None:
    result = reading(
        "一、基本情况",
        "截止2023年底，某区某局总编制人数23人，其中：行政编制12人，事业编制11人。在职实有人数13人。在职人员控制率为80%。",
        title=PERFORMANCE,
    )
    assert facts(result) == [
        ("编制人数", "人数", "23", "人"),
        ("行政编制", "人数", "12", "人"),
        ("事业编制", "人数", "11", "人"),
        ("在职实有人数", "人数", "13", "人"),
        ("在职实有人数", "控制率", "80", "%"),
    ]
    assert statements(result) == [
        (
            "enumeration",
            {"total": [("编制人数", "人数", "23")], "parts": [("行政编制", "人数", "12"), ("事业编制", "人数", "11")]},
        ),
        (
            "rate",
            {
                "result": [("在职实有人数", "控制率", "80")],
                "numerator": [("在职实有人数", "人数", "13")],
                "denominator": [("编制人数", "人数", "23")],
            },
        ),
    ]


# --- shares ----------------------------------------------------------------------------


def test_share_binds_its_part_and_the_named_whole() -> None:
    result = reading(
        "二、政府采购情况",
        "2023年度政府采购支出总额152.75万元，其中：政府采购货物支出95.85万元，政府采购服务支出56.90万元。"
        "授予中小企业合同金额95.85万元，占政府采购支出总额的62.75%。",
    )
    assert facts(result) == [
        ("政府采购", "决算数", "152.75", "万元"),
        ("政府采购货物", "决算数", "95.85", "万元"),
        ("政府采购服务", "决算数", "56.90", "万元"),
        ("授予中小企业合同金额", "决算数", "95.85", "万元"),
        ("授予中小企业合同金额", "占比", "62.75", "%"),
    ]
    assert statements(result, "share") == [
        (
            "share",
            {
                "result": [("授予中小企业合同金额", "占比", "62.75")],
                "part": [("授予中小企业合同金额", "决算数", "95.85")],
                "whole": [("政府采购", "决算数", "152.75")],
            },
        )
    ]


def test_shares_of_the_parts_of_a_listed_total() -> None:
    result = reading(
        "一、支出情况",
        "本年支出合计810.82万元，其中：基本支出566.35万元，占本年支出合计的69.85%；"
        "项目支出244.47万元，占本年支出合计的30.15%。",
    )
    whole = [("本年支出合计", "决算数", "810.82")]
    assert statements(result) == [
        (
            "enumeration",
            {"total": whole, "parts": [("基本支出", "决算数", "566.35"), ("项目支出", "决算数", "244.47")]},
        ),
        (
            "share",
            {"result": [("基本支出", "占比", "69.85")], "part": [("基本支出", "决算数", "566.35")], "whole": whole},
        ),
        (
            "share",
            {"result": [("项目支出", "占比", "30.15")], "part": [("项目支出", "决算数", "244.47")], "whole": whole},
        ),
    ]


def test_unnamed_share_of_a_part_binds_the_total_of_its_list() -> None:
    result = reading(
        "三、收入支出决算总体情况",
        "本年收入合计766.58万元，其中：财政拨款收入745.97万元，占比97.31%；其他收入20.62万元。",
    )
    assert statements(result, "share") == [
        (
            "share",
            {
                "result": [("财政拨款收入", "占比", "97.31")],
                "part": [("财政拨款收入", "决算数", "745.97")],
                "whole": [("本年收入合计", "决算数", "766.58")],
            },
        )
    ]


# --- enumerations ----------------------------------------------------------------------


def test_enumeration_binds_its_parts() -> None:
    result = reading(
        "三、收入支出决算总体情况",
        "本年收入合计766.58万元，其中：财政拨款收入745.97万元，其他收入20.62万元。",
    )
    assert statements(result) == [
        (
            "enumeration",
            {
                "total": [("本年收入合计", "决算数", "766.58")],
                "parts": [("财政拨款收入", "决算数", "745.97"), ("其他收入", "决算数", "20.62")],
            },
        )
    ]


def test_enumeration_stops_at_the_next_total() -> None:
    result = reading(
        "一、部门基本情况",
        "2023年部门预算总收入352.36万元，其中：基本支出254.98万元，项目支出97.38万元，支出合计3046.80万元。",
        title=PERFORMANCE,
    )
    assert facts(result) == [
        ("收入总计", "预算数", "352.36", "万元"),
        ("基本支出", "预算数", "254.98", "万元"),
        ("项目支出", "预算数", "97.38", "万元"),
        ("本年支出合计", "预算数", "3046.80", "万元"),  # the measure carries through the sentence
    ]
    assert statements(result) == [
        (
            "enumeration",
            {
                "total": [("收入总计", "预算数", "352.36")],
                "parts": [("基本支出", "预算数", "254.98"), ("项目支出", "预算数", "97.38")],
            },
        )
    ]


def test_two_totals_each_with_their_own_list() -> None:
    result = reading(
        "一、部门基本情况",
        "收入预算总额：352.36万元，其中：财政拨款收入352.36万元；"
        "支出预算总额：3046.80万元，其中：基本支出2161.62万元，项目支出884.96万元。",
        title=PERFORMANCE,
    )
    assert statements(result) == [
        (
            "enumeration",
            {"total": [("收入总计", "预算数", "352.36")], "parts": [("财政拨款收入", "预算数", "352.36")]},
        ),
        (
            "enumeration",
            {
                "total": [("支出总计", "预算数", "3046.80")],
                "parts": [("基本支出", "预算数", "2161.62"), ("项目支出", "预算数", "884.96")],
            },
        ),
    ]


def test_enumeration_ends_with_its_sentence() -> None:
    result = reading(
        "一、支出情况",
        "本年支出合计810.82万元，其中：基本支出566.35万元，项目支出244.47万元。年末结转和结余8.57万元。",
    )
    assert statements(result) == [
        (
            "enumeration",
            {
                "total": [("本年支出合计", "决算数", "810.82")],
                "parts": [("基本支出", "决算数", "566.35"), ("项目支出", "决算数", "244.47")],
            },
        )
    ]


def test_a_list_of_words_is_not_an_enumeration_of_figures() -> None:
    result = reading(
        "二、支出决算情况",
        "基本支出566.35万元，主要包括：基本工资、津贴补贴、奖金等人员经费，办公费、印刷费等日常公用经费。项目支出244.47万元。",
    )
    assert facts(result) == [("基本支出", "决算数", "566.35", "万元"), ("项目支出", "决算数", "244.47", "万元")]
    assert statements(result) == []


def test_enumeration_stops_before_a_word_list() -> None:
    result = reading(
        "二、支出决算情况",
        "基本支出566.35万元，其中：人员经费500.00万元，公用经费66.35万元，主要包括：基本工资、津贴补贴等。",
    )
    assert statements(result) == [
        (
            "enumeration",
            {
                "total": [("基本支出", "决算数", "566.35")],
                "parts": [("人员经费", "决算数", "500.00"), ("公用经费", "决算数", "66.35")],
            },
        )
    ]


def test_parts_under_a_budget_total_take_its_measure() -> None:
    result = reading("一、预算情况", "年初预算数为100.00万元，其中：基本支出60.00万元，项目支出40.00万元。")
    assert facts(result) == [
        ("", "年初预算数", "100.00", "万元"),
        ("基本支出", "年初预算数", "60.00", "万元"),
        ("项目支出", "年初预算数", "40.00", "万元"),
    ]
    assert statements(result) == [
        (
            "enumeration",
            {
                "total": [("", "年初预算数", "100.00")],
                "parts": [("基本支出", "年初预算数", "60.00"), ("项目支出", "年初预算数", "40.00")],
            },
        )
    ]


# --- year-on-year changes --------------------------------------------------------------


def test_change_binds_to_the_clause_subject_not_the_part_before_it() -> None:
    result = reading(
        "一、收入支出决算总体情况",
        "2023年度收入总计819.39万元，其中年初结转和结余52.81万元，较2022年减少30.64万元，下降3.6%。",
    )
    assert statements(result, "yoy") == [
        (
            "yoy",
            {
                "current": [("收入总计", "决算数", "819.39"), ("年初结转和结余", "决算数", "52.81")],
                "change": [(result.facts[2].subject, "增减额", "30.64")],
                "rate": [(result.facts[3].subject, "增减率", "3.6")],
            },
        )
    ]
    assert [m.label.sign for m in result.mentions] == [0, 0, -1, -1]


def test_change_facts_carry_the_subject_they_are_bound_to() -> None:
    result = reading(
        "一、收入支出决算总体情况",
        "2023年度收入总计819.39万元，其中年初结转和结余52.81万元，较2022年减少30.64万元，下降3.6%。",
    )
    assert facts(result)[2:] == [("收入总计", "增减额", "30.64", "万元"), ("收入总计", "增减率", "3.6", "%")]


def test_change_binds_to_the_figure_before_it() -> None:
    result = reading("一、收入支出决算总体情况", "资本性支出23.51万元，较2022年增加23.51万元，增长0%。")
    assert facts(result) == [
        ("资本性支出", "决算数", "23.51", "万元"),
        ("资本性支出", "增减额", "23.51", "万元"),
        ("资本性支出", "增减率", "0", "%"),
    ]
    assert statements(result) == [
        (
            "yoy",
            {
                "current": [("资本性支出", "决算数", "23.51")],
                "change": [("资本性支出", "增减额", "23.51")],
                "rate": [("资本性支出", "增减率", "0")],
            },
        )
    ]


def test_change_that_names_its_subject_binds_to_that_figure() -> None:
    result = reading(
        "一、支出情况",
        "本年支出合计810.82万元，其中：基本支出566.35万元，项目支出244.47万元。基本支出较2022年减少20.00万元，主要原因是人员减少。",
    )
    assert statements(result, "yoy") == [
        ("yoy", {"current": [("基本支出", "决算数", "566.35")], "change": [("基本支出", "增减额", "20.00")]})
    ]


def test_each_clause_change_binds_to_its_own_figure() -> None:
    result = reading(
        "一、收入支出决算总体情况",
        "本年支出合计810.82万元，较2022年增加12.00万元，增长1.5%，其中：基本支出566.35万元，较2022年减少20.00万元。",
    )
    assert statements(result, "yoy") == [
        (
            "yoy",
            {
                "current": [("本年支出合计", "决算数", "810.82")],
                "change": [("本年支出合计", "增减额", "12.00")],
                "rate": [("本年支出合计", "增减率", "1.5")],
            },
        ),
        (
            "yoy",
            {
                "current": [("基本支出", "决算数", "566.35"), ("本年支出合计", "决算数", "810.82")],
                "change": [("基本支出", "增减额", "20.00")],
            },
        ),
    ]


def test_growth_rate_word_binds_as_the_change_rate() -> None:
    result = reading("一、收入支出决算总体情况", "本年支出合计810.82万元，较2022年增加30.64万元，增长率为3.9%。")
    assert statements(result) == [
        (
            "yoy",
            {
                "current": [("本年支出合计", "决算数", "810.82")],
                "change": [("本年支出合计", "增减额", "30.64")],
                "rate": [("本年支出合计", "增减率", "3.9")],
            },
        )
    ]


def test_placeholder_change_makes_no_statement() -> None:
    result = reading("一、收入支出决算总体情况", "本年收入合计766.58万元，较2022年增加(减少)0万元，增长(下降)0%。")
    assert [m.label.placeholder for m in result.mentions] == [False, True, True]
    assert statements(result, "yoy") == []


# --- provenance --------------------------------------------------------------------------


def test_fact_evidence_is_the_sentence_with_offsets_into_the_text() -> None:
    text = FINAL + "\n一、收入情况\n本年收入合计766.58万元。其他收入20.62万元。\n"
    document = normalize(extract_bytes(text.encode("utf-8"), "x.txt"))
    result = read_text(document, "final_accounts", None)
    evidence = [f.evidence for f in result.facts]
    assert [(e.page, e.quote) for e in evidence] == [(1, "本年收入合计766.58万元。"), (1, "其他收入20.62万元。")]
    assert [document.text[e.start : e.end] for e in evidence] == ["本年收入合计766.58万元。", "其他收入20.62万元。"]
    assert [str(f.value_yuan) for f in result.facts] == ["7665800.00", "206200.00"]
    assert [f.origin for f in result.facts] == ["text", "text"]


# --- lists after a flat clause, siblings, lists that move on ----------------------------------

BUDGET = "某区某局2025年部门预算"


def test_list_after_a_flat_clause_breaks_down_the_figure_before_it() -> None:
    result = reading(
        "2025年“三公”经费预算数为60.50万元，与2024年预算持平。其中：",
        "（一）因公出国（境）费20万元，与2024年预算持平。",
        "（二）公务用车购置及运行费0万元，与2024年预算持平。其中：公务用车购置费0万元，与2024年预算持平；公务用车运行费0万元，与2024年预算持平。",
        "（三）公务接待费40.50万元，与2024年预算持平。",
        title=BUDGET,
    )
    enumerations = statements(result, "enumeration")
    # the 三公 total lists its three items; the nested list of the second item is its own
    assert enumerations[0][1] == {
        "total": [("三公经费", "预算数", "60.50")],
        "parts": [
            ("因公出国费用", "预算数", "20"),
            ("公务用车购置及运行维护费", "预算数", "0"),
            ("公务接待费", "预算数", "40.50"),
        ],
    }
    assert enumerations[1][1]["total"] == [("公务用车购置及运行维护费", "预算数", "0")]
    assert len(enumerations) == 2


def test_a_sibling_item_is_no_part() -> None:
    result = reading(
        "1.“一般公共服务支出-某某事务-行政运行”科目100.00万元，主要用于机构正常运转。",
        "2.“一般公共服务支出-某某事务-事业运行”科目50.00万元，主要用于事业单位运转。",
        title=BUDGET,
    )
    # 「主要用于」 announces no list of figures here: the next 项 is the first one's sibling
    assert statements(result, "enumeration") == []


def test_an_items_own_list_is_not_the_totals() -> None:
    result = reading(
        "2025年“三公”经费预算数为60.00万元，与2024年预算持平。其中：",
        "（一）因公出国（境）费10万元，与2024年预算持平。",
        "（二）公务用车购置及运行费20万元，与2024年预算持平，主要原因是车辆更新。其中：公务用车购置费10万元；公务用车运行费10万元。",
        "（三）公务接待费30万元，与2024年预算持平。",
        title=BUDGET,
    )
    # 购置费 and 运行费 break down the second item, not the 三公 total: 10 + 20 + 30 = 60
    assert statements(result, "enumeration")[0][1]["parts"] == [
        ("因公出国费用", "预算数", "10"),
        ("公务用车购置及运行维护费", "预算数", "20"),
        ("公务接待费", "预算数", "30"),
    ]


def test_an_expense_after_income_parts_starts_its_own_list() -> None:
    result = reading(
        "2016年，某县某中心部门收入预算为500.00万元，其中：一般公共预算拨款500.00万元，相应安排支出预算500.00万元，"
        "其中：人员支出300.00万元，对个人和家庭补助支出50.00万元，公用支出40.00万元，项目支出110.00万元。",
        title="某县某中心2016年部门预算",
    )
    enumerations = statements(result, "enumeration")
    assert enumerations[0][1] == {
        "total": [("部门收入", "预算数", "500.00")],
        "parts": [("一般公共预算拨款", "预算数", "500.00")],
    }
    assert enumerations[1][1]["parts"] == [
        ("人员支出", "预算数", "300.00"),
        ("对个人和家庭的补助", "预算数", "50.00"),
        ("公用支出", "预算数", "40.00"),
        ("项目支出", "预算数", "110.00"),
    ]


def test_a_sentence_within_a_figure_lists_its_parts() -> None:
    result = reading(
        "支出预算100.00万元，其中：财政拨款支出预算100.00万元，比上年预算增加10.00万元。财政拨款支出预算中，"
        "一般公共预算拨款支出预算90.00万元，比上年预算增加10.00万元；政府性基金拨款支出预算10.00万元，比上年预算持平；"
        "国有资本经营预算拨款支出预算0万元，比上年预算持平。",
        title=BUDGET,
    )
    assert statements(result, "enumeration")[-1][1] == {
        "total": [("财政拨款支出", "预算数", "100.00")],
        "parts": [
            ("一般公共预算拨款支出", "预算数", "90.00"),
            ("政府性基金拨款支出", "预算数", "10.00"),
            ("国有资本经营预算拨款支出", "预算数", "0"),
        ],
    }
