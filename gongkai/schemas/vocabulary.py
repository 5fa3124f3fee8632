"""The field vocabulary: subjects, measures, their Chinese labels and aliases.

Everything that names a thing lives here: the matchers in ``fields/`` and ``tables/``
read these tables, the jieba user dictionary is built from them, and the rules in
``validate/`` use the families to know which parts make up which whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.schemas.classification import ECONOMIC_CLASSES, FUNCTION_CLASSES

# --- measures -------------------------------------------------------------------------

# measure → class. Classes: actual, budget_initial, budget_full, budget, budget_added,
# previous, change, change_rate, share, rate, score, score_max, count, amount.
MEASURES: dict[str, str] = {
    "阈值": "threshold",  # 单价100万元以上: a bound of a class of things, not money
    "目标值": "target",  # 预期目标…: a goal, not money budgeted or spent
    "决算数": "actual",
    "年初预算数": "budget_initial",
    "全年预算数": "budget_full",
    "调整预算数": "budget_full",
    "追加预算数": "budget_added",
    "预算数": "budget",
    "上年决算数": "previous",
    "增减额": "change",
    "增减率": "change_rate",
    "占比": "share",
    "完成率": "rate",
    "执行率": "rate",
    "控制率": "rate",
    "比率": "rate",
    "得分": "score",
    "分值": "score_max",
    "得分率": "rate",
    "权重": "share",
    "人数": "count",
    "数量": "count",
    "金额": "amount",
}
BUDGET_CLASSES = frozenset({"budget_initial", "budget_full", "budget"})
AMOUNT_CLASSES = frozenset({"actual", "budget_initial", "budget_full", "budget", "budget_added", "previous", "amount"})

# Measure words inside a label, longest first: (pattern, measure). The pattern is removed
# from the label and what remains names the subject.
MEASURE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), m)
    for p, m in (
        (r"(?:上年|上年度|上一年度|\d{4}年度?)(?:决算数|决算|支出数)", "上年决算数"),
        (r"(?:批复的?)?年初预算(?:数|金额|安排数?|批复数)?", "年初预算数"),
        (r"全年预算(?:数|金额)?", "全年预算数"),
        (r"调整后(?:的)?预算(?:数|金额)?|预算调整数|调整预算(?:数|金额)?", "调整预算数"),
        (r"(?:年度)?追加预算(?:数|金额)?", "追加预算数"),
        (r"(?:^支出)?决算(?:数|金额)?|实际执行(?:数|金额)?|执行数|实际支出(?:数|金额)?|实际完成(?:数|额)?|实际发生(?:数|额)?"
         r"|实际(?=\S{1,8}金额)|实际", "决算数"),
        (r"(?<!一般公共)(?<!基金)(?<!资本经营)(?<!保险基金)预算(?:数|金额|安排)?", "预算数"),
        (r"分值|满分|标准分|评级分值", "分值"),
        (r"(?:自评|评价|实际|综合|最终)?得分", "得分"),
    )
)

# --- subjects -------------------------------------------------------------------------

# canonical subject → aliases (labels printed in documents that mean the same thing)
SUBJECT_ALIASES: dict[str, tuple[str, ...]] = {
    "收入总计": ("收入总计", "收入合计总计", "总收入", "收入总额"),
    "支出总计": ("支出总计", "总支出", "支出总额"),
    "收入支出总计": ("收入支出总计", "收支总计"),
    "本年收入合计": ("本年收入合计", "本年收入", "收入合计"),
    "本年支出合计": ("本年支出合计", "本年支出", "支出合计"),
    "财政拨款收入": ("财政拨款收入", "财政拨款", "财政收入"),
    "一般公共预算财政拨款收入": ("一般公共预算财政拨款收入", "一般公共预算财政拨款"),
    "政府性基金预算财政拨款收入": ("政府性基金预算财政拨款收入", "政府性基金预算财政拨款"),
    "国有资本经营预算财政拨款收入": ("国有资本经营预算财政拨款收入", "国有资本经营预算财政拨款"),
    "上级补助收入": ("上级补助收入",),
    "事业收入": ("事业收入",),
    "经营收入": ("经营收入",),
    "附属单位上缴收入": ("附属单位上缴收入", "附属单位缴款"),
    "其他收入": ("其他收入",),
    "年初结转和结余": ("年初结转和结余", "年初结转结余", "上年结转和结余", "上年结转结余", "年初财政拨款结转和结余"),
    "使用非财政拨款结余": ("使用非财政拨款结余",),
    "年末结转和结余": ("年末结转和结余", "年末结转结余", "年末结转和结余资金", "年末财政拨款结转和结余"),
    "结余分配": ("结余分配",),
    "基本支出": ("基本支出",),
    "项目支出": ("项目支出", "项目"),
    "经营支出": ("经营支出",),
    "上缴上级支出": ("上缴上级支出",),
    "对附属单位补助支出": ("对附属单位补助支出",),
    "人员经费": ("人员经费", "人员经费合计"),
    "公用经费": ("公用经费", "公用经费合计", "日常公用经费"),
    "三公经费": ("三公经费", "“三公”经费", "“三公经费”", "三公", "财政拨款“三公”经费"),
    # 因公出国（境）费 and 因公出国费用 are the usual names: the canonical spelling contains both
    # 因公出国费 and 因公出国费用, which a reader searching for either finds
    "因公出国费用": (
        "因公出国费用",
        "因公出国费",
        "因公出国（境）费",
        "因公出国（境）费用",
        "因公出国（境）经费",
        "因公出国（境）支出",
        "因公出国（境）费支出",
        "因公出国（境）费用支出",
        "因公出国（境）",
        "因公出国费支出",
        "因公出国费用支出",
        "因公出国经费",
        "出国（境）费",
        "出国经费",
    ),
    # 公务车 is the short form of 公务用车
    "公务用车购置及运行维护费": (
        "公务用车购置及运行维护费",
        "公务用车购置及运行费",
        "公务用车费",
        "公务车购置及运行维护费",
        "公务车购置及运行费",
    ),
    "公务用车购置费": ("公务用车购置费", "公务用车购置", "公务车购置费"),
    "公务用车运行维护费": ("公务用车运行维护费", "公务用车运行费", "公务车运行维护费", "公务车运行费"),
    "公务接待费": ("公务接待费", "国内公务接待费"),
    "机关运行经费": ("机关运行经费",),
    # the vehicles a department holds (共有车辆N辆，其中：…用车); vehicles bought (购置车辆) are not
    "车辆总数": ("车辆总数", "共有车辆", "现有车辆", "实有车辆", "拥有车辆", "车辆总数量"),
    # the floor areas of a building a project builds or refits
    "地上建筑面积": ("地上建筑面积", "地上面积"),
    "地下建筑面积": ("地下建筑面积", "地下面积"),
    "计容建筑面积": ("计容建筑面积", "计容面积"),
    "不计容建筑面积": ("不计容建筑面积", "不计容面积"),
    # the money of the projects with performance targets (see CLAUSE_TOPICS)
    "绩效目标涉及项目预算资金": (
        "绩效目标涉及项目预算资金",
        "绩效目标涉及项目资金",
        "绩效目标涉及预算资金",
        "绩效目标涉及预算金额",
        "绩效目标涉及资金",
    ),
    "绩效目标管理资金": (
        "绩效目标管理资金",
        "绩效目标管理涉及财政性资金合计",
        "绩效目标管理涉及财政性资金",
        "绩效目标管理涉及财政资金",
        "绩效目标管理涉及资金",
        "绩效目标管理涉及项目资金",
        "绩效目标管理涉及一般公共预算当年财政拨款",
    ),
    "政府采购": ("政府采购", "政府采购支出总额", "政府采购金额", "政府采购总金额", "政府采购支出"),
    "政府采购货物": ("政府采购货物支出", "货物采购", "政府采购货物"),
    "政府采购工程": ("政府采购工程支出", "工程采购", "政府采购工程"),
    "政府采购服务": ("政府采购服务支出", "服务采购", "政府采购服务"),
    "编制人数": ("编制人数", "总编制人数", "核定编制"),
    "在职实有人数": ("在职实有人数", "在职人员", "在职人数"),
    "实有人数": ("实有人数", "年末实有人数"),
    "行政编制": ("行政编制",),
    "事业编制": ("事业编制", "事业人员"),
    "离退休人员": ("离退休人员",),
    "离休人员": ("离休人员", "离休"),
    "退休人员": ("退休人员", "退休"),
}
SUBJECT_ALIASES.update({name: (name,) for name in FUNCTION_CLASSES.values()})
SUBJECT_ALIASES.update({name: (name,) for name in ECONOMIC_CLASSES.values()})
SUBJECT_ALIASES["对个人和家庭的补助"] = ("对个人和家庭的补助", "对个人和家庭补助支出", "对个人和家庭的补助支出", "对个人和家庭补助")

_ALIAS_INDEX: dict[str, str] = {}
for _canonical, _aliases in SUBJECT_ALIASES.items():
    for _alias in (*_aliases, _canonical):
        _ALIAS_INDEX.setdefault(_alias.replace("“", "").replace("”", ""), _canonical)


def canonical_subject(label: str) -> str | None:
    """The canonical subject an exact label stands for, if the vocabulary knows it."""
    return _ALIAS_INDEX.get(label.replace("“", "").replace("”", "").replace('"', ""))


# Families: parts that together make up a whole. When at least two parts of one family are
# listed under a total (其中 …), they are taken as the complete breakdown of that total.
FAMILIES: dict[str, frozenset[str]] = {
    "income_source": frozenset(
        {
            "财政拨款收入",
            "一般公共预算财政拨款收入",
            "政府性基金预算财政拨款收入",
            "国有资本经营预算财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入",
        }
    ),
    "expense_kind": frozenset({"基本支出", "项目支出", "经营支出", "上缴上级支出", "对附属单位补助支出"}),
    # 财政拨款 by fund: 一般公共预算 + 政府性基金 + 国有资本经营 make the whole of it
    "fiscal_fund": frozenset(
        {
            "一般公共预算拨款支出",
            "政府性基金拨款支出",
            "政府性基金预算拨款支出",
            "国有资本经营预算拨款支出",
            "一般公共预算拨款收入",
            "政府性基金拨款收入",
            "政府性基金预算拨款收入",
            "国有资本经营预算拨款收入",
        }
    ),
    "basic_expense": frozenset({"人员经费", "公用经费"}),
    # a county budget's uses: 人员支出 (wages), 对个人和家庭补助, 公用支出 and 项目支出 make 支出
    "expense_use": frozenset({"人员支出", "公用支出", "对个人和家庭的补助", "项目支出"}),
    "economic_class": frozenset(ECONOMIC_CLASSES.values()) | {"对个人和家庭的补助"},
    "function_class": frozenset(FUNCTION_CLASSES.values()),
    "sangong": frozenset({"因公出国费用", "公务用车购置及运行维护费", "公务接待费"}),
    "vehicle": frozenset({"公务用车购置费", "公务用车运行维护费"}),
    # the kinds of vehicles listed under 车辆总数 (or under the vehicles bought)
    "vehicle_kind": frozenset(
        {
            "部级领导干部用车",
            "主要领导干部用车",
            "机要通信用车",
            "应急保障用车",
            "执法执勤用车",
            "特种专业技术用车",
            "离退休干部用车",
            "一般公务用车",
            "其他用车",
        }
    ),
    "procurement": frozenset({"政府采购货物", "政府采购工程", "政府采购服务"}),
    "staff_kind": frozenset({"行政编制", "事业编制"}),
    "people": frozenset({"在职实有人数", "离休人员", "退休人员"}),
    "income_total": frozenset({"本年收入合计", "年初结转和结余", "使用非财政拨款结余"}),
    "expense_total": frozenset({"本年支出合计", "年末结转和结余", "结余分配"}),
    # a building's floor area: above and below ground make the whole of it, as do the area
    # counted towards the plot ratio (计容) and the area not counted
    "building_level": frozenset({"地上建筑面积", "地下建筑面积"}),
    "plot_ratio_area": frozenset({"计容建筑面积", "不计容建筑面积"}),
}


# The members a breakdown must list to count as complete when it is introduced by 其中
# (a list introduced as a whole — 具体构成为, 主要用于以下方面 — is complete as printed).
FAMILY_CORE: dict[str, frozenset[str]] = {
    "income_source": frozenset({"财政拨款收入", "其他收入"}),
    "expense_kind": frozenset({"基本支出", "项目支出"}),
    "fiscal_fund": frozenset({"一般公共预算拨款支出", "政府性基金拨款支出", "国有资本经营预算拨款支出"}),
    "basic_expense": frozenset({"人员经费", "公用经费"}),
    "expense_use": frozenset({"人员支出", "公用支出", "项目支出"}),
    "economic_class": frozenset({"工资福利支出", "商品和服务支出", "对个人和家庭的补助"}),
    "sangong": FAMILIES["sangong"],
    "vehicle": FAMILIES["vehicle"],
    "vehicle_kind": frozenset({"其他用车"}),  # the list of kinds is complete when it ends with the catch-all
    "procurement": FAMILIES["procurement"],
    "staff_kind": FAMILIES["staff_kind"],
    "people": frozenset({"在职实有人数", "离休人员", "退休人员"}),
    "income_total": frozenset({"本年收入合计", "年初结转和结余"}),
    "expense_total": frozenset({"本年支出合计", "年末结转和结余"}),
    "building_level": FAMILIES["building_level"],  # each is the other's complement: both make the whole
    "plot_ratio_area": FAMILIES["plot_ratio_area"],
}


def family_of(subject: str) -> str | None:
    """The family a canonical subject belongs to (first match)."""
    for name, members in FAMILIES.items():
        if subject in members:
            return name
    return None


# A label that says nothing on its own (涉及项目预算资金, 共涉及资金, 涉及财政性资金合计) is about
# the topic of the clause before it: 「编报绩效目标的项目5个，涉及项目预算资金2500.00万元」 are
# the funds of the projects with performance targets. GENERIC_LABEL recognises such a label;
# CLAUSE_TOPICS (first match wins) name the topic, and topic + label is looked up in
# SUBJECT_ALIASES (绩效目标 + 涉及项目资金 → 绩效目标涉及项目预算资金).
GENERIC_LABEL = re.compile(r"^(?:共|合计|总共|累计)?涉及")
CLAUSE_TOPICS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), topic)
    for p, topic in (
        (r"编报(?:了)?(?:项目)?绩效目标|绩效目标(?:编报|申报)|设置(?:了)?绩效目标|申报(?:了)?绩效目标", "绩效目标"),
        (r"绩效目标管理", "绩效目标管理"),
        (r"绩效(?:运行)?监控", "绩效监控"),
        (r"绩效跟踪", "绩效跟踪"),
        (r"绩效自评", "绩效自评"),
        (r"(?:重点)?绩效评价", "绩效评价"),
    )
)


def clause_topic(clause: str) -> str | None:
    """The topic a clause names (``编报绩效目标的项目5个`` → ``绩效目标``), if any."""
    for pattern, topic in CLAUSE_TOPICS:
        if pattern.search(clause):
            return topic
    return None


# Totals: a subject that heads a breakdown. Used to end an enumeration of parts.
TOTAL_WORDS = ("总计", "合计", "总额", "总数", "小计")

# Rates defined by name: rate label → (numerator subject, denominator subject).
NAMED_RATES: dict[str, tuple[str, str]] = {
    "在职人员控制率": ("在职实有人数", "编制人数"),
    "人员控制率": ("在职实有人数", "编制人数"),
}

# --- grades ---------------------------------------------------------------------------

GRADES: tuple[str, ...] = ("优秀", "良好", "中等", "合格", "及格", "一般", "较差", "差", "不合格", "不及格")
GRADE_ABBREVIATIONS: dict[str, str] = {"优": "优秀", "良": "良好", "中": "中等", "差": "差"}

# First-level indicators commonly used by performance evaluation frameworks.
LEVEL1_INDICATORS = frozenset(
    {"投入", "过程", "产出", "效果", "效益", "成本", "满意度", "决策", "管理", "绩效", "履职效能", "管理效率", "服务满意", "可持续性"}
)


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of the jieba user dictionary built from this vocabulary."""

    word: str
    tag: str  # "sub" subject, "mea" measure, "fil" filler


def dictionary_terms() -> list[Term]:
    """All fiscal terms as jieba user-dictionary entries."""
    terms: dict[str, str] = {}
    for canonical, aliases in SUBJECT_ALIASES.items():
        for word in (canonical, *aliases):
            terms.setdefault(word.replace("“", "").replace("”", ""), "sub")
    for word in (
        "年初预算数", "年初预算", "全年预算数", "全年预算", "预算调整数", "调整预算数", "追加预算",
        "预算数", "决算数", "支出决算", "执行数", "实际执行", "实际支出", "上年决算数",
        "完成率", "执行率", "控制率", "增长率", "分值", "得分", "自评得分", "评价得分",
    ):
        terms.setdefault(word, "mea")
    for word in ("本部门", "本单位", "本年度", "其中", "主要用于", "具体构成为", "以下方面", "分别为", "合计为"):
        terms.setdefault(word, "fil")
    return [Term(word, tag) for word, tag in sorted(terms.items())]

# A part can never exceed its whole (same measure, same period): part → wholes.
PART_OF: dict[str, tuple[str, ...]] = {
    "基本支出": ("本年支出合计", "支出总计"),
    "项目支出": ("本年支出合计", "支出总计"),
    "财政拨款收入": ("本年收入合计", "收入总计"),
    "本年收入合计": ("收入总计",),
    "本年支出合计": ("支出总计",),
    "人员经费": ("基本支出",),
    "公用经费": ("基本支出",),
    "因公出国费用": ("三公经费",),
    "公务用车购置及运行维护费": ("三公经费",),
    "公务接待费": ("三公经费",),
    "政府采购货物": ("政府采购",),
    "政府采购工程": ("政府采购",),
    "政府采购服务": ("政府采购",),
    "行政编制": ("编制人数",),
    "事业编制": ("编制人数",),
}

# The funding block of a project 绩效目标表 (a form of label/value cells): each whole and the
# fields printed under it as 其中. A part may sit in both blocks (其他资金); the pairing is by
# order on the form, so it needs no more than which wholes a field can belong to.
FORM_FUND_PARTS: dict[str, tuple[str, ...]] = {
    "年度资金申请总额": ("当年财政拨款", "上年结转资金", "上年结转", "其他资金"),
    "项目资金总额": ("财政资金", "其他资金"),
    "年度资金总额": ("财政拨款", "当年财政拨款", "上年结转资金", "其他资金"),
}
