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
PUNCT_STRENGTH = {"。": 6, "！": 6, "？": 6, "；": 5, "：": 4, "、": 3, "，": 2}
_PUNCT_RUN = re.compile(r"[，、；：。！？](?:\s*[，、；：。！？])+")


_FULL_STOP_IN_NUMBER = re.compile(r"(?<=\d)[．](?=\d)")
_COMMA_IN_NUMBER = re.compile(r"(?<=\d)[，](?=\d{3}(?!\d))")
_DIGIT_GROUPS = re.compile(r"\d{1,3}，\d{3}(?:[，.]\d|(?!\d))")
_ASCII_PUNCT = re.compile(r"[,;:()?!]")
_NUMERIC = re.compile(r"[\d.,\s-]*")
_SPACES = re.compile(r"[ \t]+")


def fold_width(text: str) -> str:
    """Fold full-width digits, letters, ％ and odd spaces to their ASCII forms."""
    text = text.translate(_WIDTH_TABLE)
    # a full-width full stop or comma inside a number is a decimal point / separator
    text = _FULL_STOP_IN_NUMBER.sub(".", text)
    return _COMMA_IN_NUMBER.sub(",", text) if "，" in text and _has_digit_groups(text) else text


def _has_digit_groups(text: str) -> bool:
    return _DIGIT_GROUPS.search(text) is not None


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
        if previous and _CJK_CHAR.match(previous[-1]):
            out[i] = _LEADING_RUBY.sub("", out[i])
    return out


_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_CJK_CHAR = re.compile(rf"[{_CJK}]")


def canonical_punctuation(text: str) -> str:
    """ASCII ``, ; : ( ) ? !`` in Chinese text become full-width.

    Kept as printed: thousands separators, times (12:30), URLs, and Latin text; a pair of
    brackets turns full-width only as a pair, when it holds or touches Chinese.
    """
    if not _ASCII_PUNCT.search(text):
        return text
    protected = [m.span() for m in _URL.finditer(text)]
    brackets = _bracket_pairs(text, protected)

    def replace(match: re.Match[str]) -> str:
        char = match.group(0)
        start, end = match.start(), match.end()
        if any(a <= start < b for a, b in protected):
            return char
        if char in "()":
            return _ASCII_TO_FULL[char] if brackets.get(start, False) else char
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if char in ",:" and before.isdigit() and after.isdigit():
            return char  # a thousands separator or a time such as 12:30
        latin_before = before.isascii() and before.isalpha()
        latin_after = after.isascii() and after.isalpha()
        if not _CJK_CHAR.match(before) and not _CJK_CHAR.match(after) and (latin_before or latin_after):
            return char  # Latin text
        return _ASCII_TO_FULL[char]

    return _ASCII_PUNCT.sub(replace, text)


def _bracket_pairs(text: str, protected: list[tuple[int, int]]) -> dict[int, bool]:
    """For each ASCII bracket position: whether its pair is to become full-width."""
    decision: dict[int, bool] = {}
    stack: list[int] = []
    for i, ch in enumerate(text):
        if any(a <= i < b for a, b in protected):
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if not stack:
                decision[i] = bool(_CJK_CHAR.match(text[i - 1 : i] or " ") or _CJK_CHAR.match(text[i + 1 : i + 2] or " "))
                continue
            opening = stack.pop()
            inside = text[opening + 1 : i]
            touches = text[opening - 1 : opening] + text[i + 1 : i + 2]
            chinese = bool(_CJK_CHAR.search(inside) or _CJK_CHAR.search(touches) or _NUMERIC.fullmatch(inside))
            decision[opening] = decision[i] = chinese
    for opening in stack:
        decision[opening] = bool(_CJK_CHAR.search(text[opening - 1 : opening + 2]))
    return decision


def repair_punctuation(text: str) -> str:
    """Collapse runs of clause punctuation left by bad conversions (``,、`` ``,,`` ``,。``)."""

    def strongest(match: re.Match[str]) -> str:
        marks = [ch for ch in match.group(0) if not ch.isspace()]
        return max(marks, key=lambda ch: PUNCT_STRENGTH[ch])

    return _PUNCT_RUN.sub(strongest, text)


def tidy_spaces(text: str) -> str:
    """Remove spaces between Chinese characters and around numbers inside Chinese text.

    ``2019 年部门预算总收入 352.36 万元`` → ``2019年部门预算总收入352.36万元``; spaces
    between two Latin words or two numbers stay (one space).
    """
    text = _SPACES.sub(" ", text).strip()
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
