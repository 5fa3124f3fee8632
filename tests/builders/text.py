"""Pasted-text documents for tests: tab-separated table rows, as a spreadsheet pastes them."""

from __future__ import annotations


def rows(*cells: tuple[str, ...]) -> str:
    """Tab-separated table rows, one line per row."""
    return "\n".join("\t".join(row) for row in cells)


def function_table(title: str = "2024年预算单位一般公共预算支出功能分类预算表") -> list[str]:
    """A 预算's function-classification table in 元: the 类 208 (7,500,000) and its two 款 and three 项
    (行政单位离退休 300,000 + 事业单位离退休 235,204 = 535,204; 社会福利事业单位 6,964,796), each 款 the sum
    of its 项 and the 类 the sum of its 款."""
    return [
        title,
        "单位：元",
        rows(
            ("功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"),
            ("类", "款", "项", "", "", "", ""),
            ("208", "", "", "社会保障和就业支出", "7,500,000", "7,500,000", ""),
            ("208", "05", "", "行政事业单位养老支出", "535,204", "535,204", ""),
            ("208", "05", "01", "行政单位离退休", "300,000", "300,000", ""),
            ("208", "05", "02", "事业单位离退休", "235,204", "235,204", ""),
            ("208", "10", "", "社会福利", "6,964,796", "6,964,796", ""),
            ("208", "10", "05", "社会福利事业单位", "6,964,796", "6,964,796", ""),
            ("合计", "", "", "", "7,500,000", "7,500,000", ""),
        ),
    ]
