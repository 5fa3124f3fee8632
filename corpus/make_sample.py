"""Generate the sample 部门决算 that ``make demo`` checks: an invented department, real layout.

The document is written here, figure by figure, and rendered with the test suite's PDF
builder (Chinese in reportlab's STSong-Light, digits in another font, ruled tables). Five
statements in it are deliberately wrong, so the demo has something to find:

* 基本支出 is said to be 60.50% of 本年支出合计 (120.50 / 200.00 = 60.25%);
* 本年收入合计 grew by 20.00 to 200.00, printed as 12.5% (20.00 / 180.00 = 11.11%);
* 项目支出 completed 95.00% of its budget (79.50 / 80.00 = 99.38%);
* in 支出决算表, the items under 20701 add up to 169.50, not the 170.00 printed for it;
* the narrative's 公用经费 (22.40) differs from the 基本支出 table (22.04).

Usage: ``python corpus/make_sample.py OUT.pdf``
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.extract.model import RawTable, TextLine  # noqa: E402
from tests.builders.pdf_builder import build_pdf  # noqa: E402

DEPARTMENT = "示例市示例区文化旅游局"


def line(text: str) -> TextLine:
    return TextLine(text=text, page=1)


def table(*rows: tuple[str | None, ...]) -> RawTable:
    return RawTable(page=1, rows=tuple(rows))


def blocks() -> list[TextLine | RawTable]:
    """The sample document, in reading order."""
    return [
        line(f"{DEPARTMENT}2023年度部门决算"),
        line("第一部分 部门概况"),
        line("一、主要职能"),
        line("负责全区文化、旅游、广播电视和文物工作，组织实施公共文化服务和旅游市场监管。"),
        line("第二部分 2023年度部门决算表"),
        line("收入支出决算总表"),
        line("单位：万元"),
        table(
            ("收入", None, "支出", None),
            ("项目", "决算数", "项目", "决算数"),
            ("一、一般公共预算财政拨款收入", "190.00", "一、文化旅游体育与传媒支出", "170.00"),
            ("二、其他收入", "10.00", "二、社会保障和就业支出", "30.00"),
            ("本年收入合计", "200.00", "本年支出合计", "200.00"),
            ("年初结转和结余", "5.00", "年末结转和结余", "5.00"),
            ("总计", "205.00", "总计", "205.00"),
        ),
        line("支出决算表"),
        line("单位：万元"),
        table(
            ("项目", None, "本年支出合计", "基本支出", "项目支出"),
            ("功能分类科目编码", "科目名称", None, None, None),
            ("合计", None, "200.00", "120.50", "79.50"),
            ("207", "文化旅游体育与传媒支出", "170.00", "90.50", "79.50"),
            ("20701", "文化和旅游", "170.00", "90.50", "79.50"),
            ("2070101", "行政运行", "60.50", "60.50", ""),
            ("2070199", "其他文化和旅游支出", "109.00", "30.00", "79.00"),
            ("208", "社会保障和就业支出", "30.00", "30.00", ""),
            ("20805", "行政事业单位养老支出", "30.00", "30.00", ""),
            ("2080505", "机关事业单位基本养老保险缴费支出", "30.00", "30.00", ""),
        ),
        line("收入决算表"),
        line("单位：万元"),
        table(
            ("项目", None, "本年收入合计", "财政拨款收入", "其他收入"),
            ("功能分类科目编码", "科目名称", None, None, None),
            ("合计", None, "200.00", "190.00", "10.00"),
            ("207", "文化旅游体育与传媒支出", "170.00", "160.00", "10.00"),
            ("208", "社会保障和就业支出", "30.00", "30.00", ""),
        ),
        line("财政拨款收入支出决算总表"),
        line("单位：万元"),
        table(
            ("收入", None, "支出", None, None),
            ("项目", "决算数", "项目", "合计", "一般公共预算财政拨款"),
            ("一、一般公共预算财政拨款", "190.00", "一、文化旅游体育与传媒支出", "160.00", "160.00"),
            ("", "", "二、社会保障和就业支出", "30.00", "30.00"),
            ("本年收入合计", "190.00", "本年支出合计", "190.00", "190.00"),
            ("总计", "190.00", "总计", "190.00", "190.00"),
        ),
        line("一般公共预算财政拨款支出决算表"),
        line("单位：万元"),
        table(
            ("项目", None, "合计", "基本支出", "项目支出"),
            ("功能分类科目编码", "科目名称", None, None, None),
            ("207", "文化旅游体育与传媒支出", "160.00", "90.50", "69.50"),
            ("208", "社会保障和就业支出", "30.00", "30.00", ""),
            ("合计", None, "190.00", "120.50", "69.50"),
        ),
        line("一般公共预算财政拨款基本支出决算表"),
        line("单位：万元"),
        table(
            ("经济分类科目编码", "科目名称", "决算数"),
            ("301", "工资福利支出", "98.46"),
            ("302", "商品和服务支出", "22.04"),
            ("人员经费合计", None, "98.46"),
            ("公用经费合计", None, "22.04"),
        ),
        line("财政拨款“三公”经费支出决算表"),
        line("单位：万元"),
        line("说明：本部门本年度没有财政拨款“三公”经费支出，故本表无数据。"),
        line("政府性基金预算财政拨款收入支出决算表"),
        line("单位：万元"),
        line("说明：本部门本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"),
        line("国有资本经营预算财政拨款收入支出决算表"),
        line("单位：万元"),
        line("说明：本部门本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"),
        line("第三部分 2023年度部门决算情况说明"),
        line("一、收入决算情况说明"),
        line(
            "本年收入合计200.00万元，较2022年增加20.00万元，增长12.5%。其中：财政拨款收入190.00万元，"
            "占95.00%；其他收入10.00万元，占5.00%。"
        ),
        line("二、支出决算情况说明"),
        line("本年支出合计200.00万元，其中：基本支出120.50万元，占60.50%；项目支出79.50万元，占39.75%。"),
        line("三、项目支出情况说明"),
        line("项目支出年初预算为80.00万元，决算数为79.50万元，完成年初预算的95.00%。"),
        line("四、基本支出决算情况说明"),
        line("一般公共预算财政拨款基本支出120.50万元，其中：人员经费98.46万元，公用经费22.40万元。"),
        line("五、机关运行经费支出情况说明"),
        line("机关运行经费支出22.04万元，比2022年度减少1.96万元，下降8.17%。"),
    ]


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else ROOT / "corpus" / "sample_final_accounts_2023.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    build_pdf(blocks(), target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
