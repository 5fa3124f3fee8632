"""Encodings of text files and web pages: UTF-8, GB18030 and Big5 told apart, garbage refused.

The corpus and seed documents must decode exactly as before detection existed (the old
logic is kept below as the reference); the same text in GB18030 or Big5 must read the same
and give the same facts; a text that is none of them is refused as ``garbled``.
"""

from __future__ import annotations

import codecs
import random
import re
from pathlib import Path

import pytest

from gongkai.api import check
from gongkai.cli import EXIT_UNREADABLE, main
from gongkai.errors import UnreadableInput
from gongkai.extract import encoding as detection
from gongkai.extract import extract
from gongkai.extract.encoding import CANDIDATES, GARBLED_REASON, SAMPLE_BYTES, detect
from gongkai.extract.html import decode_html, extract_html
from gongkai.extract.txt import decode_text
from tests.conftest import CORPUS, SEED_FINAL, SEEDS, need

SIMPLIFIED = CORPUS / "fujian" / "pingtan_2014_baiqing_township_final.txt"
CHONGQING_PAGE = CORPUS / "chongqing" / "transport_commission_2018_budget.html"

# --- the decoding before detection, as the reference for the real documents ------------


def old_decode_text(data: bytes) -> str:
    """``decode_text`` before detection: UTF-8 (BOM or not), UTF-16 by BOM, else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


_OLD_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def old_decode_html(data: bytes) -> str:
    """``decode_html`` before detection: BOM, ``<meta charset>``, UTF-8, GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    declared = None
    match = _OLD_META.search(data[:4096])
    if match:
        try:
            declared = codecs.lookup(match.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            declared = None
    if declared in ("gb2312", "gbk", "gb18030"):
        declared = "gb18030"
    elif declared and declared.startswith("utf-16"):
        declared = None
    candidates = ["utf-8", "gb18030"]
    if declared in ("ascii", "iso8859-1", "cp1252"):
        candidates.append(declared)
    elif declared:
        candidates.insert(0, declared)
    for name in dict.fromkeys(candidates):
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    return data.decode(candidates[0], errors="replace")


def shared_documents() -> list[Path]:
    """Every .txt and .html of the corpus and the seeds."""
    found = [p for folder in (CORPUS, SEEDS) if folder.is_dir() for p in folder.rglob("*")]
    return sorted(p for p in found if p.suffix.lower() in (".txt", ".html", ".htm"))


@pytest.mark.parametrize(
    "path",
    shared_documents() or [pytest.param(None, marks=pytest.mark.skip(reason=f"{CORPUS} is not available"))],
    ids=lambda p: p.name if isinstance(p, Path) else "absent",
)
def test_every_shared_document_decodes_as_before(path: Path) -> None:
    data = need(path).read_bytes()
    assert decode_text(data, str(path)) == old_decode_text(data)
    if path.suffix.lower() in (".html", ".htm"):
        assert decode_html(data, str(path)) == old_decode_html(data)


def test_the_shared_documents_are_all_there() -> None:
    need(CORPUS)
    names = {p.name for p in shared_documents()}
    assert len(names) >= 10 and CHONGQING_PAGE.name in names and SEED_FINAL.name in names


# --- the same text in another encoding reads the same ---------------------------------


def encodable(text: str, encoding: str) -> str:
    """``text`` with the few characters ``encoding`` lacks replaced (≤ by ≦, others by ?)."""
    out = []
    for char in text.replace("≤", "≦").replace("≥", "≧"):
        try:
            char.encode(encoding)
            out.append(char)
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out)


def facts_and_findings(path: Path) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    report = check(path)
    return [f.to_dict() for f in report.facts], [f.to_dict() for f in report.findings]


@pytest.mark.parametrize(
    ("original", "encoding"),
    [(SEED_FINAL, "big5hkscs"), (SEED_FINAL, "gb18030"), (SIMPLIFIED, "gb18030")],
    ids=["traditional-big5", "traditional-gb18030", "simplified-gb18030"],
)
def test_a_legacy_encoding_reads_like_utf8(tmp_path: Path, original: Path, encoding: str) -> None:
    text = encodable(need(original).read_text(encoding="utf-8"), encoding)
    assert text.count("?") <= 2  # the document is (almost) all in the encoding's repertoire
    utf8, legacy = tmp_path / "utf8.txt", tmp_path / f"{encoding}.txt"
    utf8.write_bytes(text.encode("utf-8"))
    legacy.write_bytes(text.encode(encoding))
    assert detect(legacy.read_bytes()).encoding == encoding
    assert decode_text(legacy.read_bytes(), str(legacy)) == text
    facts, findings = facts_and_findings(utf8)
    assert len(facts) > 20
    assert facts_and_findings(legacy) == (facts, findings)


def test_a_big5_page_without_charset_reads_like_utf8() -> None:
    from opencc import OpenCC

    page = need(CHONGQING_PAGE).read_text(encoding="utf-8")
    page = re.sub(r"<meta[^>]+charset[^>]*>", "", page, flags=re.IGNORECASE)
    traditional = encodable(OpenCC("s2t").convert(page), "big5hkscs")
    data = traditional.encode("big5hkscs")
    assert b"charset" not in data.lower()
    assert decode_html(data, "page.html") == traditional
    as_utf8 = extract_html(traditional.encode("utf-8"), "page.html")
    assert extract_html(data, "page.html") == as_utf8


def test_a_declared_charset_is_trusted_big5_as_hkscs() -> None:
    body = "<p>本年度歲出預算數為3,456.7萬元，嘅啫峯</p>"  # the last three are HKSCS characters
    page = f'<html><head><meta charset="big5"></head><body>{body}</body></html>'
    assert decode_html(page.encode("big5hkscs"), "page.html") == page
    gbk = '<html><head><meta charset="GBK"></head><body><p>支出合计98.7万元，比上年增长1.2%</p></body></html>'
    assert decode_html(gbk.encode("gb18030"), "page.html") == gbk


def test_a_wrong_charset_label_falls_back_to_detection() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>一般公共預算財政撥款支出1,234.56萬元，較上年增加12.3%。</p></body></html>'
    assert decode_html(page.encode("big5hkscs"), "page.html") == page


# --- a few lines are enough -------------------------------------------------------------

SIMPLIFIED_LINES = (
    "2023年一般公共预算财政拨款支出1,234.56万元，比上年增加12.3%，主要是人员经费增加。",
    "三公经费支出合计45.6万元。",
    "支出合计 98.7 万元",
)
TRADITIONAL_LINES = (
    "2023年度一般公共預算財政撥款支出1,234.56萬元，較上年增加12.3%，主要是人事費增加。",
    "本年度歲出預算數為新臺幣3,456,789千元，較上年度減少2.1%。",
    "一、收入總計 12,345.67 萬元",
)
FAMILY = {"utf-8": "utf-8", "gb18030": "gb18030", "big5hkscs": "big5", "cp950": "big5"}


@pytest.mark.parametrize(
    ("line", "encoding"),
    [(line, "gb18030") for line in SIMPLIFIED_LINES]
    + [(line, encoding) for line in TRADITIONAL_LINES for encoding in ("big5hkscs", "gb18030")],
)
def test_a_short_line_is_told_apart(line: str, encoding: str) -> None:
    data = f"{line}\n{line[:12]}\n".encode(encoding)
    chosen = detect(data)
    assert chosen.encoding == encoding
    best = max(g.score for g in chosen.guesses)
    others = max(g.score for g in chosen.guesses if FAMILY[g.encoding] != FAMILY[encoding])
    assert best - others > 0.3  # not a close call (CP950 is Big5 too, and ties with Big5-HKSCS)
    assert decode_text(data, "line.txt") == f"{line}\n{line[:12]}\n"


def test_damaged_utf8_still_reads_as_utf8() -> None:
    text = SIMPLIFIED_LINES[0] * 3
    cut = text.encode("utf-8")[:-1]  # a download cut inside the last character
    assert decode_text(cut, "cut.txt") == text[:-1] + "\ufffd"
    stray = b"hello, world\n" * 200 + b"\xa0" + b"more text\n"  # ASCII with one stray byte
    assert decode_text(stray, "stray.txt") == stray.decode("utf-8", errors="replace")


# --- garbage is refused ---------------------------------------------------------------

JAPANESE = "令和5年度の一般会計予算は、前年度比で3.2%増加し、総額は114兆円となりました。歳出の主な内訳は社会保障関係費です。"
RUSSIAN = "Бюджет на 2023 год составляет 1 234 567 рублей, что на 12,3% больше, чем в прошлом году. Расходы растут."
KOREAN = "2023년 일반회계 예산은 전년 대비 3.2% 증가한 638조 7천억 원으로 편성되었습니다. 주요 내역은 다음과 같습니다."
GARBAGE = {
    "random": random.Random(1).randbytes(4096),
    "random-high-bytes": bytes(b | 0x80 for b in random.Random(2).randbytes(4096)),
    "binary-like": bytes(range(0x80, 0x100)) * 64,
    "shift_jis": (JAPANESE * 3).encode("shift_jis"),
    "euc_jp": (JAPANESE * 3).encode("euc_jp"),
    "koi8_r": (RUSSIAN * 3).encode("koi8_r"),
    "cp1251": (RUSSIAN * 3).encode("cp1251"),
    "euc_kr": (KOREAN * 3).encode("euc_kr"),
}


@pytest.mark.parametrize("name", sorted(GARBAGE))
def test_garbage_is_refused_as_garbled(name: str) -> None:
    with pytest.raises(UnreadableInput) as caught:
        decode_text(GARBAGE[name], f"{name}.txt")
    error = caught.value
    assert (error.kind, error.reason, error.path) == ("garbled", GARBLED_REASON, f"{name}.txt")
    assert str(error) == f"{name}.txt: 文字无法识别：不是 UTF-8、GB18030 或 Big5 编码的文本（可能是损坏的文件或其他编码）"
    assert detect(GARBAGE[name]).encoding is None


def test_a_garbled_file_and_page_are_refused_when_read(tmp_path: Path) -> None:
    text = tmp_path / "japanese.txt"
    text.write_bytes(GARBAGE["shift_jis"])
    with pytest.raises(UnreadableInput) as caught:
        extract(text)
    assert (caught.value.kind, caught.value.reason) == ("garbled", GARBLED_REASON)
    page = tmp_path / "japanese.html"
    page.write_bytes(b"<html><body><p>" + GARBAGE["shift_jis"] + b"</p></body></html>")
    with pytest.raises(UnreadableInput) as caught:
        extract(page)
    assert caught.value.kind == "garbled"  # not "corrupt": the markup is fine


def test_the_cli_prints_one_line_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "japanese.txt"
    path.write_bytes(GARBAGE["shift_jis"])
    assert main(["check", str(path)]) == EXIT_UNREADABLE == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [f"gongkai: {path}: {GARBLED_REASON}"]


# --- detection reads a bounded sample -------------------------------------------------


def test_detection_scores_a_bounded_sample_of_a_large_file(monkeypatch: pytest.MonkeyPatch) -> None:
    line = "本年度一般公共預算財政撥款支出1,234.56萬元，較上年增加12.3%。\n"
    ascii_head = b"Budget 2023, figures in thousands.\n" * 20_000  # the Chinese text starts late
    data = ascii_head + line.encode("big5hkscs") * (20 * 1024 * 1024 // len(line.encode("big5hkscs")))
    assert len(data) > 20 * 1024 * 1024
    scored: list[int] = []
    real_score = detection.score_text

    def counting(text: str) -> detection.Guess:
        scored.append(len(text))
        return real_score(text)

    monkeypatch.setattr(detection, "score_text", counting)
    chosen = detect(data)
    assert chosen.encoding == "big5hkscs"
    assert chosen.sample_bytes == SAMPLE_BYTES
    assert len(scored) == len(CANDIDATES)
    assert sum(scored) <= len(CANDIDATES) * SAMPLE_BYTES  # characters scored, whatever the size
    small = ascii_head + line.encode("big5hkscs") * 3000  # the same decision on 1/40 of the file
    assert detect(small).encoding == chosen.encoding
    scored.clear()
    text = decode_text(data, "large.txt")
    assert text.startswith(ascii_head.decode("ascii") + line) and text.endswith(line)
    assert sum(scored) <= len(CANDIDATES) * SAMPLE_BYTES
