"""政府收支分类科目: functional (功能分类) and economic (经济分类) classification references.

Codes are public facts of the Ministry of Finance's classification; only the 类 level of
the functional classification and the 类/款 levels of the departmental economic
classification are listed — deeper codes come from the documents themselves.
"""

from __future__ import annotations

import re

# 功能分类 类 (code → current name), with names used in earlier editions as aliases.
FUNCTION_CLASSES: dict[str, str] = {
    "201": "一般公共服务支出",
    "202": "外交支出",
    "203": "国防支出",
    "204": "公共安全支出",
    "205": "教育支出",
    "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "209": "社会保险基金支出",
    "210": "卫生健康支出",
    "211": "节能环保支出",
    "212": "城乡社区支出",
    "213": "农林水支出",
    "214": "交通运输支出",
    "215": "资源勘探工业信息等支出",
    "216": "商业服务业等支出",
    "217": "金融支出",
    "219": "援助其他地区支出",
    "220": "自然资源海洋气象等支出",
    "221": "住房保障支出",
    "222": "粮油物资储备支出",
    "223": "国有资本经营预算支出",
    "224": "灾害防治及应急管理支出",
    "227": "预备费",
    "229": "其他支出",
    "230": "转移性支出",
    "231": "债务还本支出",
    "232": "债务付息支出",
    "233": "债务发行费用支出",
    "234": "抗疫特别国债安排的支出",
}
FUNCTION_CLASS_ALIASES: dict[str, str] = {
    "文化体育与传媒支出": "207",
    "文化和旅游体育与传媒支出": "207",
    "医疗卫生与计划生育支出": "210",
    "医疗卫生支出": "210",
    "资源勘探信息等支出": "215",
    "资源勘探电力信息等支出": "215",
    "国土海洋气象等支出": "220",
    "国土资源气象等支出": "220",
    "粮油物资储备管理等支出": "222",
    "城乡社区事务支出": "212",
}

# 部门预算支出经济分类 类 and the 款 most often printed in 基本支出 tables.
ECONOMIC_CLASSES: dict[str, str] = {
    "301": "工资福利支出",
    "302": "商品和服务支出",
    "303": "对个人和家庭的补助",
    "307": "债务利息及费用支出",
    "309": "资本性支出（基本建设）",
    "310": "资本性支出",
    "311": "对企业补助（基本建设）",
    "312": "对企业补助",
    "313": "对社会保障基金补助",
    "399": "其他支出",
}
ECONOMIC_CLASS_ALIASES: dict[str, str] = {
    "对个人和家庭补助支出": "303",
    "对个人和家庭的补助支出": "303",
    "对个人和家庭补助": "303",
    "商品和服务": "302",
    "工资福利": "301",
}

LEVELS = {3: "类", 5: "款", 7: "项"}
_CODE_CHUNKS = re.compile(r"^\s*(\d{3})(?:\s*(\d{2}))?(?:\s*(\d{2}))?\s*$")


def normalize_code(text: str | None) -> str | None:
    """A 科目编码 as one digit string: ``201 06 01`` / ``2010601`` → ``2010601``.

    Returns ``None`` when ``text`` is not a 3-, 5- or 7-digit code.
    """
    if not text:
        return None
    match = _CODE_CHUNKS.match(text.replace("\u3000", " "))
    if not match:
        return None
    return "".join(part for part in match.groups() if part)


def code_level(code: str | None) -> str | None:
    """The level of a code: 类 (3 digits), 款 (5) or 项 (7)."""
    return LEVELS.get(len(code)) if code else None


def function_class_code(name: str) -> str | None:
    """The 类 code of a functional class name (current or older edition)."""
    for code, current in FUNCTION_CLASSES.items():
        if name == current:
            return code
    return FUNCTION_CLASS_ALIASES.get(name)


def economic_class_code(name: str) -> str | None:
    """The 类 code of an economic class name."""
    for code, current in ECONOMIC_CLASSES.items():
        if name == current:
            return code
    return ECONOMIC_CLASS_ALIASES.get(name)


def is_function_code(code: str) -> bool:
    """Whether a normalised code belongs to the functional classification (2xx…)."""
    return code[:1] == "2" and code[:3] in FUNCTION_CLASSES


def is_economic_code(code: str) -> bool:
    """Whether a normalised code belongs to the economic classification (3xx…)."""
    return code[:1] == "3"
