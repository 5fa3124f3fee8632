"""Character-level clean-up of one line: widths, punctuation, pinyin ruby, spaces, Traditional."""

from __future__ import annotations

import pytest

from gongkai.normalize import normalize_line
from gongkai.normalize.chars import (
    canonical_punctuation,
    clean_line,
    fold_width,
    remove_ruby,
    repair_punctuation,
    tidy_spaces,
)
from gongkai.normalize.chinese import has_traditional, to_simplified

# --- width folding ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("收入１２３．４５万元", "收入123.45万元"),
        ("占比５０％", "占比50%"),
        ("ＡＢＣｘｙｚ", "ABCxyz"),
        ("１，２３４．５６", "1,234.56"),  # a full-width comma between digit groups is a separator
        ("１２，３４５，６７８．９０", "12,345,678.90"),
        ("共计\u3000１０人", "共计 10人"),  # ideographic space
        ("十\u200b万", "十万"),  # zero-width space dropped
        ("\u2212５", "-5"),  # minus sign
    ],
)
def test_fold_width_folds_digits_letters_and_percent(text: str, expected: str) -> None:
    assert fold_width(text) == expected


def test_fold_width_keeps_chinese_punctuation() -> None:
    text = "收入，支出；合计：“三公”经费（含）《办法》。！？、"
    assert fold_width(text) == text


def test_fold_width_keeps_a_comma_between_list_numbers() -> None:
    assert fold_width("分别为１，２，３项") == "分别为1，2，3项"


# --- ASCII punctuation inside Chinese text ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("收入,支出", "收入，支出"),
        ("收入;支出", "收入；支出"),
        ("合计:共计", "合计：共计"),
        ("其他支出(含补助)", "其他支出（含补助）"),
        ("是否完成?是!", "是否完成？是！"),
        ("收入,支出;合计:共计(含)", "收入，支出；合计：共计（含）"),
        ("条款(a)规定", "条款（a）规定"),
    ],
)
def test_ascii_punctuation_between_chinese_becomes_full_width(text: str, expected: str) -> None:
    assert canonical_punctuation(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "金额1,234.56万元",
        "合计12,345,678.90元",
        "会议于12:30召开",
        "详见http://www.example.gov.cn/index.html",
        "详见https://www.example.gov.cn/a,b",
        "Hello, world",
        "Note: see below",
    ],
)
def test_numbers_times_urls_and_latin_text_keep_ascii_punctuation(text: str) -> None:
    assert canonical_punctuation(text) == text
    assert normalize_line(text) == text


def test_url_with_a_port_is_kept() -> None:
    text = "详见http://www.example.gov.cn:8080/index.html。"
    assert normalize_line(text) == text


def test_url_with_brackets_in_its_path_is_kept() -> None:
    text = "见http://www.example.gov.cn/file_a(1).pdf"
    assert normalize_line(text) == text


def test_brackets_in_latin_text_stay_ascii() -> None:
    text = "Hello, world: (test) ok"
    assert normalize_line(text) == text


def test_brackets_around_a_latin_gloss_stay_a_matched_pair() -> None:
    out = normalize_line("采用PPP(Public-Private Partnership)模式")
    assert out in ("采用PPP(Public-Private Partnership)模式", "采用PPP（Public-Private Partnership）模式")


# --- pinyin ruby residue ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("某區(qū)", "某區"),
        ("商務（wù）局", "商務局"),
        ("區(qū)務(wù)縣(xiàn)", "區務縣"),  # several in a row
        ("某區(qū)商務(wù)局部門概況", "某區商務局部門概況"),
        ("職責(zé)", "職責"),
        ("編制( biān )", "編制"),  # spaces inside the brackets
    ],
)
def test_pinyin_ruby_is_removed(text: str, expected: str) -> None:
    assert remove_ruby(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "得分(2分)",
        "事项(一)说明",
        "条款(a)规定",
        "公务用车(bus)",  # Latin without tone marks is not pinyin ruby
        "(qū)开头",  # not after a Chinese character
        "ABC(qū)",
    ],
)
def test_brackets_that_are_not_ruby_are_kept(text: str) -> None:
    assert remove_ruby(text) == text


# --- punctuation runs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一，、收入", "一、收入"),
        ("收入，，支出", "收入，支出"),
        ("收入，。", "收入。"),
        ("工资、，津贴", "工资、津贴"),
        ("情况：，如下", "情况：如下"),
        ("完成；。", "完成。"),
    ],
)
def test_repair_punctuation_keeps_the_strongest_mark(text: str, expected: str) -> None:
    assert repair_punctuation(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一,、收入决算情况", "一、收入决算情况"),
        ("收入,,支出", "收入，支出"),
        ("收入,。", "收入。"),
        ("工资、,津贴", "工资、津贴"),
    ],
)
def test_clean_line_repairs_ascii_punctuation_runs(text: str, expected: str) -> None:
    assert clean_line(text) == expected


def test_single_marks_are_left_alone() -> None:
    text = "一、收入，支出；合计：完成。"
    assert repair_punctuation(text) == text


# --- spaces ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019 年部门预算总收入 352.36 万元", "2019年部门预算总收入352.36万元"),
        ("收 入 总 计", "收入总计"),
        ("占比 50 %", "占比50%"),
        ("收入 100 200 万元", "收入100 200万元"),  # two numbers keep one space
        ("12   34", "12 34"),
        ("hello world", "hello world"),
        ("Bureau of Commerce", "Bureau of Commerce"),
        ("  收入总计  ", "收入总计"),
        ("第一部分 部门概况", "第一部分部门概况"),
        ("商务局 （盖章）", "商务局（盖章）"),
    ],
)
def test_tidy_spaces(text: str, expected: str) -> None:
    assert tidy_spaces(text) == expected


# --- Traditional → Simplified ----------------------------------------------------------


def test_to_simplified_converts_and_leaves_simplified_text_alone() -> None:
    assert to_simplified("收入總計") == "收入总计"
    assert has_traditional("財政撥款")
    assert not has_traditional("财政拨款收入")
    assert to_simplified("财政拨款收入") == "财政拨款收入"


def test_normalize_line_on_a_traditional_line_with_ruby() -> None:
    line = "某市某區(qū)財政局２０２２年度部門決算,、收入總計１２３．４５萬元,,較上年增長３．５％。"
    assert normalize_line(line) == "某市某区财政局2022年度部门决算、收入总计123.45万元，较上年增长3.5%。"


def test_normalize_line_on_a_traditional_line_with_spaces_and_brackets() -> None:
    line = "二、收入決算情況: 本年收入合計 456.70 萬元(其中財政撥款收入 400.00 萬元),。"
    assert normalize_line(line) == "二、收入决算情况：本年收入合计456.70万元（其中财政拨款收入400.00万元）。"


def test_normalize_line_is_idempotent() -> None:
    once = normalize_line("某區(qū)商務(wù)局,、收入 1,234.56 萬元(含)")
    assert once == "某区商务局、收入1,234.56万元（含）"
    assert normalize_line(once) == once
