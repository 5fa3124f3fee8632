"""Character-level clean-up of one line: widths, pinyin ruby residue, stray punctuation.

Every function here maps a string to a string and knows nothing about where it came from.
"""

from __future__ import annotations

import re

# Full-width ASCII letters/digits and the few signs that belong to numbers fold to ASCII;
# Chinese punctuation (，。：；（）) stays full-width, which is what the matchers expect.
_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_WIDTH_TABLE.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH_TABLE.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDTH_TABLE.update(
    {
        0xFF05: ord("%"),  # ％
        0xFF0B: ord("+"),  # ＋
        0xFF1D: ord("="),  # ＝
        0x3000: ord(" "),  # ideographic space
        0x00A0: ord(" "),
        0x2002: ord(" "),
        0x2003: ord(" "),
        0x2009: ord(" "),
        0x200B: None,  # zero-width space
        0xFEFF: None,
        0x2212: ord("-"),  # minus sign
        0xFF5E: ord("~"),  # ～
    }
)

# ASCII punctuation between Chinese text becomes the full-width form Chinese text uses.
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}

# Pinyin with tone marks in brackets right after a character: 區(qū), 務（wù）.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_RUBY = re.compile(
    rf"(?<=[{_CJK}])[(（]\s*[a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*\s*[)）]", re.IGNORECASE
)

# A run of clause punctuation keeps only its strongest mark: ",、" → "、", ",。" → "。".
_PUNCT_STRENGTH = {"。": 6, "！": 6, "？": 6, "；": 5, "：": 4, "、": 3, "，": 2}
_PUNCT_RUN = re.compile(r"[，、；：。！？](?:\s*[，、；：。！？])+")


def fold_width(text: str) -> str:
    """Fold full-width digits, letters, ％ and odd spaces to their ASCII forms."""
    text = text.translate(_WIDTH_TABLE)
    # a full-width full stop or comma inside a number is a decimal point / separator
    text = re.sub(r"(?<=\d)[．](?=\d)", ".", text)
    return re.sub(r"(?<=\d)[，](?=\d{3}(?!\d))", ",", text) if "，" in text and _has_digit_groups(text) else text


def _has_digit_groups(text: str) -> bool:
    return re.search(r"\d{1,3}，\d{3}(?:[，.]\d|(?!\d))", text) is not None


def remove_ruby(text: str) -> str:
    """Drop pinyin annotations pasted after characters, e.g. ``區(qū)`` → ``區``."""
    return _RUBY.sub("", text)


_LEADING_RUBY = re.compile(rf"^\s*[(（]\s*[a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*\s*[)）]", re.IGNORECASE)


def remove_wrapped_ruby(lines: list[str]) -> list[str]:
    """Drop a pinyin annotation that a line break separated from its character.

    ``["預(yù)算執", "(zhí)行率"]`` → ``["預(yù)算執", "行率"]`` (the rest goes with ``remove_ruby``).
    """
    out = list(lines)
    for i in range(1, len(out)):
        previous = out[i - 1].rstrip()
        if previous and re.match(rf"[{_CJK}]", previous[-1]):
            out[i] = _LEADING_RUBY.sub("", out[i])
    return out


def canonical_punctuation(text: str) -> str:
    """ASCII ``, ; : ( ) ? !`` become full-width except inside numbers, times and Latin text."""

    def replace(match: re.Match[str]) -> str:
        char = match.group(0)
        start, end = match.start(), match.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if char == "," and before.isdigit() and after.isdigit():
            return char  # thousands separator
        if char == ":" and before.isdigit() and after.isdigit():
            return char  # a time such as 12:30
        if char == ":" and text[max(0, start - 5) : start].lower().endswith(("http", "https")):
            return char
        if before.isascii() and before.isalpha() and after.isascii() and (after.isalpha() or after == " "):
            return char  # Latin text
        return _ASCII_TO_FULL[char]

    return re.sub(r"[,;:()?!]", replace, text)


def repair_punctuation(text: str) -> str:
    """Collapse runs of clause punctuation left by bad conversions (``,、`` ``,,`` ``,。``)."""

    def strongest(match: re.Match[str]) -> str:
        marks = [ch for ch in match.group(0) if not ch.isspace()]
        return max(marks, key=lambda ch: _PUNCT_STRENGTH[ch])

    return _PUNCT_RUN.sub(strongest, text)


def tidy_spaces(text: str) -> str:
    """Remove spaces between Chinese characters and around numbers inside Chinese text.

    ``2019 年部门预算总收入 352.36 万元`` → ``2019年部门预算总收入352.36万元``; spaces
    between two Latin words or two numbers stay (one space).
    """
    text = re.sub(r"[ \t]+", " ", text).strip()
    if " " not in text:
        return text
    return re.sub(
        rf"(?<=[{_CJK}，。：；、（）“”‘’《》！？%]) | (?=[{_CJK}，。：；、（）“”‘’《》！？%])",
        "",
        text,
    )


def clean_line(text: str) -> str:
    """All character-level clean-ups of one line, in the order they must run."""
    text = fold_width(text)
    text = remove_ruby(text)
    text = canonical_punctuation(text)
    text = tidy_spaces(text)
    return repair_punctuation(text)
