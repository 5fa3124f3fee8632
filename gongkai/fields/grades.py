"""The grade scale a report declares (90分以上为优秀 …) and the grades it gives."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from gongkai.normalize.document import Document
from gongkai.schemas.vocabulary import GRADE_ABBREVIATIONS, GRADES

_GRADE = "|".join(sorted((*GRADES, *GRADE_ABBREVIATIONS), key=len, reverse=True))
_NUM = r"(\d+(?:\.\d+)?)"
_INCL = r"(?:[（(]\s*含\s*(?:\d+(?:\.\d+)?\s*分?)?\s*[)）])?"
_EXCL = r"(?:[（(]\s*不含\s*(?:\d+(?:\.\d+)?\s*分?)?\s*[)）])?"
_Q = r"[“\"「]?"
_ABOVE = re.compile(
    rf"{_NUM}\s*分?\s*{_INCL}\s*(?:及|或)?以上\s*{_INCL}\s*(?:的)?\s*(?:为|评为|定为|属于)?\s*{_Q}(?P<grade>{_GRADE}){_Q}"
)
_RANGE = re.compile(
    rf"{_NUM}\s*分?\s*{_INCL}\s*[-－—~～至到]\s*{_NUM}\s*分?\s*(?P<excl>{_EXCL}){_INCL}\s*(?:分)?\s*(?:的)?\s*(?:为|评为|定为|属于)?\s*{_Q}(?P<grade>{_GRADE}){_Q}"
)
_BELOW = re.compile(
    rf"{_NUM}\s*分?\s*(?:以下|以内|之下)\s*(?:[（(]\s*不?含\s*\d*\s*分?\s*[)）])?\s*(?:的)?\s*(?:为|评为|定为|属于)?\s*{_Q}(?P<grade>{_GRADE}){_Q}"
)
_CLAIM = re.compile(
    rf"(?:等级|等次|评级|级别|结果|结论|评价)\s*(?:为|是|评定为|确定为|定为)\s*{_Q}(?P<grade>{_GRADE}){_Q}"
    rf"|(?:确定为|评定为|评为|定为)\s*{_Q}(?P<grade2>{_GRADE}){_Q}"
)
INFINITY = Decimal("Infinity")


def canonical_grade(text: str) -> str:
    """优 → 优秀, 良 → 良好 …; other grade words unchanged."""
    return GRADE_ABBREVIATIONS.get(text, text)


@dataclass(frozen=True, slots=True)
class Band:
    """Scores from ``low`` (inclusive) to ``high`` (exclusive unless ``high_inclusive``)."""

    low: Decimal
    high: Decimal
    grade: str
    high_inclusive: bool = False

    def contains(self, score: Decimal) -> bool:
        """Whether the band holds ``score``."""
        if score < self.low:
            return False
        return score <= self.high if self.high_inclusive else score < self.high


@dataclass(frozen=True, slots=True)
class GradeScale:
    """A declared scale with the sentence that declares it."""

    bands: tuple[Band, ...]
    quote: str
    start: int
    end: int

    def grades_for(self, score: Decimal) -> set[str]:
        """The grades the scale gives a score (two when it sits on an ambiguous bound)."""
        return {band.grade for band in self.bands if band.contains(score)}


@dataclass(frozen=True, slots=True)
class GradeClaim:
    """A grade stated in the text, with the sentence around it."""

    grade: str
    sentence: str
    start: int
    end: int


def find_scale(document: Document) -> GradeScale | None:
    """The first sentence that declares at least two grade bands."""
    text = document.text
    for sentence_match in re.finditer(r"[^。\n]+", text):
        sentence = sentence_match.group(0)
        if not re.search(_GRADE, sentence) or not re.search(r"\d", sentence):
            continue
        bands = _bands(sentence)
        if len(bands) >= 2:
            return GradeScale(tuple(bands), sentence.strip(), sentence_match.start(), sentence_match.end())
    return None


def _bands(sentence: str) -> list[Band]:
    bands: list[Band] = []
    taken: list[tuple[int, int]] = []
    for match in _RANGE.finditer(sentence):
        low, high = Decimal(match.group(1)), Decimal(match.group(2))
        inclusive = not match.group("excl")
        bands.append(Band(min(low, high), max(low, high), canonical_grade(match.group("grade")), inclusive))
        taken.append(match.span())
    for match in _ABOVE.finditer(sentence):
        if any(a <= match.start() < b for a, b in taken):
            continue
        bands.append(Band(Decimal(match.group(1)), INFINITY, canonical_grade(match.group("grade"))))
        taken.append(match.span())
    for match in _BELOW.finditer(sentence):
        if any(a <= match.start() < b for a, b in taken):
            continue
        bands.append(Band(-INFINITY, Decimal(match.group(1)), canonical_grade(match.group("grade"))))
    return bands


def find_claims(document: Document, scale: GradeScale | None) -> list[GradeClaim]:
    """Sentences that state a grade (等级为优秀, 确定为良好), outside the scale itself."""
    claims = []
    for match in _CLAIM.finditer(document.text):
        if scale is not None and scale.start <= match.start() < scale.end:
            continue
        start = max(document.text.rfind(ch, 0, match.start()) for ch in "。\n") + 1
        ends = [i for i in (document.text.find(ch, match.end()) for ch in "。\n") if i >= 0]
        end = min(ends) + 1 if ends else len(document.text)
        grade = canonical_grade(match.group("grade") or match.group("grade2"))
        claims.append(GradeClaim(grade, document.text[start:end].strip(), start, end))
    return claims
