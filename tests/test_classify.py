"""Document type, fiscal year and department from a document's own title block."""

from __future__ import annotations

import re
import unicodedata

import pytest

from gongkai.classify import Classification, classify
from gongkai.extract import extract, extract_bytes
from gongkai.normalize import normalize
from tests.conftest import SHARED, need


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


# --- identity on every layout: one case per mechanism --------------------------------

WEB_HEADER = (
    "标题：某县人民检察院2014年部门决算批复\n"
    "发布时间：2015-11-11 09:15\n"
    "文号：\n"
    "发布机构：中国某县\n"
    "栏目：部门决算公开\n"
    "====================正文====================\n"
    "当前位置：首页政务公开财政资金部门决算公开某县人民检察院2014年部门决算批复时间：2015-11-11 09:15"
    "2014年公共预算财政拨款收入支出决算批复表部门（单位）：某县人民检察院单位：万元项目合计161.90 45.03\n"
)


@pytest.mark.parametrize(
    ("text", "department"),
    [
        # a label line glued to the unit of the table under it
        ("上海市某区2024年区级单位预算\n编制单位：上海市某区社会福利院单位：元\n", "上海市某区社会福利院"),
        ("收支预算总表\n部门：中国共产党某省委员会办公厅 单位：万元\n", "中国共产党某省委员会办公厅"),
        ("部门：\t\t\t某省人民检察院\t\t\t单位：万元\n", "某省人民检察院"),
        ("上海市某区2025年区级部门预算\n预算主管部门：上海市某区商务委员会\n", "上海市某区商务委员会"),
        ("部门（单位）：某县人民检察院单位：万元项目金额\n", "某县人民检察院"),
        # an explicit label line wins over a heading naming the department differently
        ("某省委办公厅2017年度部门预算\n部门：中共某省委办公厅单位：万元\n", "中共某省委办公厅"),
        # the department's own label outranks the unit labels of its units' tables
        (
            "预算主管部门：某市某区教育局\n" + "项目支出预算表\n单位名称：某市某区第一小学\n" * 3,
            "某市某区教育局",
        ),
        # a copy of the label whose characters came out of order is outvoted
        (
            "部门：中共某省委办公厅单位：万元\n部门：中共某省委办单位：万元公厅\n部门：中共某省委办公厅单位：万元\n",
            "中共某省委办公厅",
        ),
        # the title: the department after the year, or before it
        ("2017年度某省高级人民法院部门预算公开\n目录\n", "某省高级人民法院"),
        ("2014年度某县白青乡人民政府部门决算说明\n", "某县白青乡人民政府"),
        ("某县人民检察院2014年收入支出决算批复\n", "某县人民检察院"),
        # a title broken over two cover lines
        ("2018年度某省高级\n人民法院预算公开\n2018年2月24日\n目录\n", "某省高级人民法院"),
        # 「第二部分 <department>…」 headings, without the 第二部分
        ("目录\n第一部分部门概况\n第二部分某省高级人民法院2018年度部门预算表\n一、收支预算总表\n", "某省高级人民法院"),
        # a Taiwan cover: 「X主管」 over 「Y附属单位预算」
        ("中華民國115年度\n中央政府總預算案\n農業部主管\n農業特別收入基金附屬單位預算\n", "农业部农业特别收入基金"),
        ("監察院主管\n目次\n1、施政及預算重點說明......... 1\n", "监察院"),
        ("目次\n監察院主管114年度施政及預算重點說明\n中華民國114年度\n", "监察院"),
    ],
)
def test_department_on_every_layout(text: str, department: str) -> None:
    assert classified(text).department == department


def test_web_header_gives_title_year_and_publisher_but_not_its_posting_date() -> None:
    result = classified(WEB_HEADER)
    assert (result.doc_type, result.fiscal_year, result.department, result.title) == (
        "final_accounts",
        2014,
        "某县人民检察院",
        "某县人民检察院2014年部门决算批复",
    )


def test_posting_date_and_publishing_site_are_not_the_documents() -> None:
    text = (
        "标题：某局预算说明\n发布时间：2016年03月23日 08:00\n发布机构：某市市场监督管理局\n"
        "====================正文====================\n一、部门主要职责\n负责全市某项工作。\n"
    )
    result = classified(text)
    assert (result.doc_type, result.fiscal_year, result.department) == ("budget", None, None)


def test_short_name_in_the_title_is_completed_from_the_body() -> None:
    text = (
        "标题：2016年卫生监督所预算说明\n发布时间：2016-03-23 08:00\n发布机构：某区市场监督管理局\n"
        "====================正文====================\n"
        "一、部门主要职责某县卫生监督所的主要职责是：监督。2016年，某县卫生监督所收入预算为357.68万元。\n"
    )
    assert classified(text).department == "某县卫生监督所"


def test_short_name_stays_short_when_the_body_names_different_places() -> None:
    text = "2016年卫生监督所预算说明\n甲县卫生监督所与乙县卫生监督所合署办公。\n"
    assert classified(text).department == "卫生监督所"


def test_breadcrumb_is_never_the_department() -> None:
    text = "当前位置：首页>某市交通委员会2018年部门预算情况说明\n某市交通委员会2018年部门预算情况说明\n更新时间：2018-03-06\n"
    result = classified(text)
    assert (result.department, result.title) == ("某市交通委员会", "某市交通委员会2018年部门预算情况说明")
    assert classified("当前位置：首页>政务公开>某市财政局\n一、部门基本情况\n").department is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("中華民國115年度\n中央政府總預算案\n", 2026),
        ("某院主管114年度施政及预算重点说明\n中华民国114年度预算。\n", 2025),
        # no 民国 era named: an ordinary 115年 is not a year
        ("某区某局部门预算\n一、基本情况\n辖区内有115年历史的老街。\n2024年收入预算100.00万元。\n", 2024),
        ("某区某局部门预算\n一、基本情况\n辖区内有115年历史的老街。\n", None),
    ],
)
def test_roc_years(text: str, year: int | None) -> None:
    assert classified(text).fiscal_year == year


def _unit_rows(count: int) -> list[tuple[str, str, str, str]]:
    """``count`` rows of distinct organisations with three 三公 amounts each."""
    places = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥东南西北中"
    return [(f"某县{place}局", f"{i}.00", f"{i}.00", "0.00") for i, place in enumerate(places[:count], 1)]


def test_a_table_of_many_units_in_page_text_is_other() -> None:
    rows = "".join(f"{name}{a} {b} {c}" for name, a, b, c in _unit_rows(25))
    text = (
        "标题：2015年部门预算“三公经费”公开表\n发布时间：2015-06-05 10:14\n发布机构：中国某县\n"
        "====================正文====================\n"
        f"2015年部门预算“三公经费”公开表单位名称/预算代码“三公经费”合计数公务接待费控制数出国境经费控制数{rows}合计325.00 325.00 0.00\n"
    )
    result = classified(text)
    assert (result.doc_type, result.fiscal_year, result.department) == ("other", 2015, None)


def _html_table(rows: list[tuple[str, ...]], before: str = "") -> Classification:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    html = f"<html><body>{before}<p>2015年部门预算“三公经费”公开表</p><table>{cells}</table></body></html>"
    return classify(normalize(extract_bytes(html.encode("utf-8"), "units.html")))


def test_a_ruled_table_of_many_units_is_other() -> None:
    result = _html_table(
        [("单位名称", "合计", "公务接待费", "出国费"), *_unit_rows(25), ("合计", "325.00", "325.00", "0.00")]
    )
    assert (result.doc_type, result.department) == ("other", None)


def test_a_departments_own_tables_stay_its_document_type() -> None:
    # one department's 三公 table: a 单位名称 column with one unit
    single = (
        "某县卫生监督所2016年部门预算\n“三公”经费支出预算表\n单位名称\t合计\t公务接待费\t车辆经费\n"
        "某县卫生监督所\t9.94\t2.34\t7.6\n"
    )
    assert (classified(single).doc_type, classified(single).department) == ("budget", "某县卫生监督所")
    # a department naming itself, with a table of the many units it is made of
    named = _html_table(
        [("单位名称", "合计", "公务接待费", "出国费"), *_unit_rows(25)], "<p>预算主管部门：某市某区教育局</p>"
    )
    assert (named.doc_type, named.department) == ("budget", "某市某区教育局")
    # a list of units that is only a small part of a longer text is not the whole document
    units = "".join(f"{name}\t{a}\t{b}\t{c}\n" for name, a, b, c in _unit_rows(25))
    narrative = "2015年部门预算说明\n" + "一、部门基本情况。本部门负责全县的某项工作，下设若干单位。\n" * 60
    assert classified(narrative + "单位名称\t合计\t公务接待费\t出国费\n" + units).doc_type == "budget"
    assert classified("2015年部门预算说明\n单位名称\t合计\t公务接待费\t出国费\n" + units).doc_type == "other"


# --- the shared documents: the values the acceptance specs and the manifest expect -------

# (file under ../shared, doc_type, fiscal_year, department_contains; None: no department printed).
# From the `document:` blocks of ../shared/acceptance/*.yaml; the two taiwan/ files, which no
# spec covers, from ../shared/corpus/MANIFEST.csv (民国115年 = 2026, 114年 = 2025; the names
# after Traditional → Simplified normalisation). The template is a 决算 template (its spec
# gives only the year).
IDENTITY = [
    ("seeds/000_fe379075c78fd4d3.txt", "performance_self_evaluation", 2019, "新洲区商务局"),
    ("seeds/001_e1a6bde02a6e7751.txt", "final_accounts", 2021, "南康区商务局"),
    ("corpus/putuo_social_work_dept_2024_final.pdf", "final_accounts", 2024, "社会工作部"),
    ("corpus/final_accounts_template_2024.pdf", "final_accounts", 2024, "上海市XX局"),
    ("corpus/shanghai/putuo_welfare_home_2024_unit_budget.pdf", "budget", 2024, "上海市普陀区社会福利院"),
    (
        "corpus/shanghai/putuo_wanli_subdistrict_2023_dept_budget.pdf",
        "budget",
        2023,
        "上海市普陀区人民政府万里街道办事处",
    ),
    (
        "corpus/shanghai/putuo_wanli_subdistrict_2024_dept_budget.pdf",
        "budget",
        2024,
        "上海市普陀区人民政府万里街道办事处",
    ),
    (
        "corpus/shanghai/putuo_wanli_subdistrict_2025_dept_budget.pdf",
        "budget",
        2025,
        "上海市普陀区人民政府万里街道办事处",
    ),
    ("corpus/shanghai/putuo_commerce_2025_dept_budget.pdf", "budget", 2025, "上海市普陀区商务委员会"),
    ("corpus/shanghai/putuo_commerce_2025_unit_budget.pdf", "budget", 2025, "上海市普陀区商务委员会"),
    ("corpus/shanghai/putuo_general_office_2025_dept_budget.pdf", "budget", 2025, "上海市普陀区人民政府办公室"),
    ("corpus/shanghai/putuo_general_office_2025_unit_budget.pdf", "budget", 2025, "上海市普陀区人民政府办公室"),
    ("corpus/jiangsu/js_party_office_2017_narrative.pdf", "budget", 2017, "江苏省委办公厅"),
    ("corpus/jiangsu/js_party_office_2017_tables.pdf", "budget", 2017, "中国共产党江苏省委员会办公厅"),
    ("corpus/jiangsu/js_party_office_2018_narrative.pdf", "budget", 2018, "江苏省委办公厅"),
    ("corpus/jiangsu/js_party_office_2018_tables.pdf", "budget", 2018, "中共江苏省委办公厅"),
    ("corpus/jiangsu/js_party_office_2019_narrative.pdf", "budget", 2019, "江苏省委办公厅"),
    ("corpus/jiangsu/js_party_office_2019_tables.pdf", "budget", 2019, "中共江苏省委办公厅"),
    ("corpus/jiangsu/js_procuratorate_2017.pdf", "budget", 2017, "江苏省人民检察院"),
    ("corpus/jiangsu/js_procuratorate_2018.pdf", "budget", 2018, "江苏省人民检察院"),
    ("corpus/jiangsu/js_procuratorate_2019.pdf", "budget", 2019, "江苏省人民检察院"),
    ("corpus/jiangsu/js_high_court_2017.pdf", "budget", 2017, "江苏省高级人民法院"),
    ("corpus/jiangsu/js_high_court_2018.pdf", "budget", 2018, "江苏省高级人民法院"),
    ("corpus/fujian/pingtan_2016_water_service_center_budget.txt", "budget", 2016, "平潭综合实验区水利综合服务中心"),
    ("corpus/fujian/pingtan_2014_baiqing_township_final.txt", "final_accounts", 2014, "平潭综合实验区白青乡人民政府"),
    ("corpus/fujian/pingtan_2014_procuratorate_sangong_final_approval.txt", "final_accounts", 2014, "平潭县人民检察院"),
    ("corpus/fujian/pingtan_2014_procuratorate_fiscal_final_approval.txt", "final_accounts", 2014, "平潭县人民检察院"),
    (
        "corpus/fujian/pingtan_2014_procuratorate_income_expenditure_final_approval.txt",
        "final_accounts",
        2014,
        "平潭县人民检察院",
    ),
    ("corpus/fujian/pingtan_2016_health_inspection_budget.txt", "budget", 2016, "平潭县卫生监督所"),
    ("corpus/fujian/pingtan_2015_all_units_sangong_budget_table.txt", "other", 2015, None),
    ("corpus/chongqing/transport_commission_2018_budget.html", "budget", 2018, "重庆市交通委员会"),
    ("corpus/taiwan/agriculture_fund_2026_budget.pdf", "budget", 2026, "农业部农业特别收入基金"),
    ("corpus/taiwan/control_yuan_2025_budget.pdf", "budget", 2025, "监察院"),
]


def squeezed(text: str | None) -> str:
    """NFKC without whitespace, as the acceptance checker compares department names."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


@pytest.mark.parametrize(("file", "doc_type", "year", "department"), IDENTITY, ids=[row[0] for row in IDENTITY])
def test_identity_of_every_shared_document(file: str, doc_type: str, year: int, department: str | None) -> None:
    result = classify(normalize(extract(need(SHARED / file))))
    assert (result.doc_type, result.fiscal_year) == (doc_type, year)
    if department is None:
        assert result.department is None
    else:
        assert squeezed(department) in squeezed(result.department)


def test_identity_table_covers_the_manifest_and_matches_the_specs() -> None:
    """Every corpus file is in the table above, and the table says what the specs say."""
    yaml = pytest.importorskip("yaml")
    manifest = need(SHARED / "corpus" / "MANIFEST.csv").read_text(encoding="utf-8").splitlines()[1:]
    table = {file: (doc_type, year, department) for file, doc_type, year, department in IDENTITY}
    assert {f"corpus/{line.split(',')[0]}" for line in manifest if line} <= set(table)
    for spec in sorted(need(SHARED / "acceptance").glob("*.yaml")):
        for entry in yaml.safe_load(spec.read_text(encoding="utf-8"))["documents"]:
            want = entry.get("document") or {}
            ours = dict(zip(("doc_type", "fiscal_year", "department_contains"), table[entry["file"]], strict=True))
            assert {key: ours[key] for key in want} == want, entry["file"]
