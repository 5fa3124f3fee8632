"""Which encoding the bytes of a text or web page are in: UTF-8, UTF-16, GB18030 or Big5.

UTF-8 is taken when the bytes are valid UTF-8, UTF-16 by its byte-order mark. Otherwise
the legacy Chinese decodings are told apart by what they decode to: GB18030 accepts
almost any byte sequence, so a Big5 file (Taiwan) decodes "successfully" as GB18030 —
into kana, Cyrillic, private-use and rare characters. Each candidate decoding of a
bounded sample (the first ``SAMPLE_BYTES`` from the first non-ASCII byte) is scored by how
much of its non-ASCII text is frequent Chinese characters (of either script) and CJK
punctuation, and the best one decodes the whole file. When no candidate reads as
plausible Chinese text the file is refused as ``garbled`` instead of being reported on.

Character frequencies come from data installed with gongkai's dependencies: the HMM
emission probabilities of jieba (a frequency list of Simplified and Traditional
characters), extended to the other script's forms with OpenCC's character tables, and the
frequently-used levels of GB2312 (level 1) and Big5 (0xA440–0xC67E) from Python's codecs.
"""

from __future__ import annotations

import codecs
import importlib.util
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gongkai.errors import UnreadableInput

SAMPLE_BYTES = 64 * 1024  # bytes scored per candidate: detection time does not grow with the file
CANDIDATES = ("utf-8", "gb18030", "big5hkscs", "cp950")  # in order of preference on a tie
MIN_SCORE = 0.6  # below this the best decoding is not Chinese text
MAX_BAD_SHARE = 0.02  # share of replacement / private-use / control characters allowed
MOSTLY_ASCII = 0.01  # under this share of non-ASCII characters a text is ASCII with stray bytes
GARBLED_REASON = "文字无法识别：不是 UTF-8、GB18030 或 Big5 编码的文本（可能是损坏的文件或其他编码）"

_FREQUENT_RANK = 1000  # the most frequent characters: most of any Chinese text
_COMMON_RANK = 3000
_KNOWN_RANK = 6000
_WEIGHT_FREQUENT, _WEIGHT_COMMON, _WEIGHT_KNOWN = 1.0, 0.4, 0.2
_WEIGHT_PUNCTUATION, _WEIGHT_SYMBOL, _WEIGHT_BAD = 1.0, 0.5, -1.0
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_BIG5_TRAILS = (*range(0x40, 0x7F), *range(0xA1, 0xFF))
_GB_TRAILS = tuple(range(0xA1, 0xFF))


@dataclass(frozen=True, slots=True)
class Guess:
    """One candidate decoding of the sample and how Chinese it reads.

    ``score`` is the mean weight of its non-ASCII characters (1 for frequent characters
    and CJK punctuation, down to −1 for replacement and private-use characters);
    ``bad_share`` the share of those that are replacement, private-use or control
    characters; ``chars`` how many non-ASCII characters were scored.
    """

    encoding: str
    score: float
    bad_share: float
    chars: int

    @property
    def plausible(self) -> bool:
        """Whether this decoding reads as Chinese text."""
        return self.score >= MIN_SCORE and self.bad_share <= MAX_BAD_SHARE


@dataclass(frozen=True, slots=True)
class Detection:
    """The outcome of detection: the encoding chosen (``None``: garbled) and the evidence."""

    encoding: str | None
    guesses: tuple[Guess, ...]
    sample_bytes: int


def decode_bytes(data: bytes, source: str) -> str:
    """The bytes of a text file as a string.

    UTF-8 with a BOM, UTF-16 by its BOM, valid UTF-8, else the legacy decoding (GB18030,
    Big5-HKSCS, CP950, or UTF-8 with a few damaged bytes) whose text reads best. Raises
    ``UnreadableInput`` (kind ``garbled``) when none reads as Chinese text.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = detect(data).encoding
    if encoding is None:
        raise UnreadableInput(source, "garbled", GARBLED_REASON)
    return data.decode(encoding, errors="replace")


def detect(data: bytes) -> Detection:
    """Choose among ``CANDIDATES`` for bytes that are not valid UTF-8, on a bounded sample.

    The sample starts at the first non-ASCII byte (ASCII reads the same in every candidate,
    and a byte after ASCII starts a character in each of them) and is ``SAMPLE_BYTES`` long.
    """
    first = _NON_ASCII.search(data)
    start = first.start() if first else 0
    sample = data[start : start + SAMPLE_BYTES]
    guesses = tuple(_guess(sample, encoding) for encoding in CANDIDATES)
    ranked = sorted(guesses, key=lambda g: -g.score)  # stable: CANDIDATES order on a tie
    best = next((g for g in ranked if g.plausible), None)
    if best is None and _mostly_ascii(data):
        best = guesses[0]  # an ASCII text with stray bytes: UTF-8 with replacements
    return Detection(best.encoding if best else None, guesses, len(sample))


def score_text(text: str) -> Guess:
    """How Chinese ``text`` reads (``Guess`` with an empty ``encoding``)."""
    weights = _weights()
    total = bad = 0.0
    chars = 0
    for char, count in Counter(text).items():
        if char < "\x80":
            continue
        weight = weights.get(char)
        if weight is None:
            weight = _class_weight(char)
        chars += count
        total += weight * count
        if weight <= _WEIGHT_BAD:
            bad += count
    if not chars:
        return Guess("", 1.0, 0.0, 0)
    return Guess("", total / chars, bad / chars, chars)


def _guess(sample: bytes, encoding: str) -> Guess:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = decoder.decode(sample, final=False)  # a character cut by the sample's end is left out
    scored = score_text(text)
    return Guess(encoding, scored.score, scored.bad_share, scored.chars)


def _mostly_ascii(data: bytes) -> bool:
    """Whether nearly all bytes of ``data`` are ASCII (one pass, at C speed)."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    return high <= MOSTLY_ASCII * len(data)


def _class_weight(char: str) -> float:
    """The weight of a character outside the frequency tables, by its Unicode block."""
    code = ord(char)
    if (
        0x3000 <= code <= 0x303F  # CJK punctuation: 、。《》「」【】
        or 0xFF01 <= code <= 0xFF5E  # full-width forms: ，（）：；
        or 0xFFE0 <= code <= 0xFFE5  # ￥
        or 0x2010 <= code <= 0x203B  # — ‘’ “” … ‰ ※
        or code == 0xB7
    ):
        return _WEIGHT_PUNCTUATION
    if code == 0xFFFD or 0xE000 <= code <= 0xF8FF or code < 0xA0 or code >= 0xF0000:
        return _WEIGHT_BAD  # replacement, private use (BMP and planes 15–16), C1 controls
    if 0xA0 <= code <= 0xBF or code in (0xD7, 0xF7) or 0x2100 <= code <= 0x27BF:
        return _WEIGHT_SYMBOL  # ° ± × ÷ ℃ № Ⅰ ① ≤ ■ ★, box drawing
    return 0.0  # letters of other scripts, kana, rare ideographs


@cache
def _weights() -> dict[str, float]:
    """Weight of each known Chinese character: by frequency rank, else by GB2312/Big5 level."""
    rank = _frequency_rank()
    weights: dict[str, float] = {}
    level_1 = _gb2312_level(1) | _big5_level(1)
    level_2 = _gb2312_level(2) | _big5_level(2)
    for char in level_2:
        weights[char] = _WEIGHT_KNOWN
    for char in level_1:
        weights[char] = _WEIGHT_COMMON
    for char, position in rank.items():
        if position < _FREQUENT_RANK:
            weights[char] = _WEIGHT_FREQUENT
        elif position < _COMMON_RANK:
            weights[char] = max(weights.get(char, 0.0), _WEIGHT_COMMON)
        elif position < _KNOWN_RANK:
            weights[char] = max(weights.get(char, 0.0), _WEIGHT_KNOWN)
    return weights


def _frequency_rank() -> dict[str, int]:
    """Characters by frequency (0 = most frequent), Simplified and Traditional forms alike.

    The frequency of a character is the sum of its emission probabilities in jieba's
    HMM; a character's other-script forms (OpenCC's tables) share its best rank.
    """
    from jieba.finalseg import emit_P  # ~0.1 s once, only for files that are not UTF-8

    frequency: dict[str, float] = {}
    for state in sorted(emit_P):
        for char, log_p in emit_P[state].items():
            frequency[char] = frequency.get(char, 0.0) + math.exp(log_p)
    ordered = sorted(frequency, key=lambda c: (-frequency[c], c))
    rank = {char: position for position, char in enumerate(ordered)}
    for char, variants in _opencc_pairs():
        best = min((rank[c] for c in (char, *variants) if c in rank), default=None)
        if best is not None:
            for c in (char, *variants):
                rank[c] = min(rank.get(c, best), best)
    return rank


def _opencc_pairs() -> list[tuple[str, tuple[str, ...]]]:
    """(character, its forms in the other script) from OpenCC's character tables."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations))) / "dictionary"
    pairs: list[tuple[str, tuple[str, ...]]] = []
    for name in ("STCharacters.txt", "TSCharacters.txt"):
        path = folder / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            char, _, variants = line.partition("\t")
            if len(char) == 1 and variants:
                pairs.append((char, tuple(v for v in variants.split() if len(v) == 1)))
    return pairs


def _gb2312_level(level: int) -> set[str]:
    """GB2312 hanzi of level 1 (rows 16–55, the 3755 frequent ones) or level 2 (rows 56–87)."""
    leads = range(0xB0, 0xD8) if level == 1 else range(0xD8, 0xF8)
    return _decoded_pairs("gb2312", leads, _GB_TRAILS)


def _big5_level(level: int) -> set[str]:
    """Big5 hanzi of level 1 (0xA440–0xC67E, frequently used) or level 2 (0xC940–0xF9D5)."""
    if level == 1:
        return _decoded_pairs("cp950", range(0xA4, 0xC7), _BIG5_TRAILS, stop=0xC67E)
    return _decoded_pairs("cp950", range(0xC9, 0xFA), _BIG5_TRAILS, stop=0xF9D5)


def _decoded_pairs(encoding: str, leads: range, trails: tuple[int, ...], stop: int = 0xFFFF) -> set[str]:
    chars: set[str] = set()
    for lead in leads:
        for trail in trails:
            if (lead << 8 | trail) > stop:
                break
            try:
                chars.add(bytes((lead, trail)).decode(encoding))
            except UnicodeDecodeError:
                continue
    return chars
