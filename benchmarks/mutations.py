"""Mutation benchmark: plant one error in a real document and see whether ``check`` finds it.

For every document of the corpus (``../shared/corpus`` by default) the document is extracted
once; then mutants of the extracted document are made, one planted error each, and every
mutant is analysed and checked like the original:

* ``table_cell``  — a figure in a table cell changed beyond rounding (+7 %, at least 50 units
  of its last digit);
* ``next_row``    — a table figure replaced by the figure of the next row in the same column;
* ``narrative_amount`` — an amount in running text (万元/元) changed beyond rounding;
* ``narrative_rate``   — a percentage in running text changed by more than rounding;
* ``direction_word``   — 增加 ↔ 减少 (增长 ↔ 下降 …) flipped before a change figure;
* ``unit``        — a narrative amount printed in 元 instead of 万元 (not a zero: 0万元 is 0元).

A mutant is *detected* when the report has an ``error`` or ``warning`` that cites the
mutated figure (in its figures or in a quote), and *detected as error* when that finding is
an error. A table mutant is *checkable* when its cell lies in a row that a sum identity of
its table covers (a 类/款/项 hierarchy, a 合计 row over coded rows, a row identity of the
table's kind); a narrative mutant is *checkable* when the figure was part of a statement
(rate, share, change, sum) or equals a figure of a table. The benchmark also lists the error
findings of every untouched document: each one is either a real error or a false alarm.

    .venv/bin/python benchmarks/mutations.py                    # the whole corpus, 8 mutants per class and document
    .venv/bin/python benchmarks/mutations.py --per-class 3 FILE…
    .venv/bin/python benchmarks/mutations.py --json out/mutations.json

Figures are measured, never asserted (the tests do not run this).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
CLASSES = ("table_cell", "next_row", "narrative_amount", "narrative_rate", "direction_word", "unit")
SKIP_LARGE_PAGES = 200  # documents longer than this are checked untouched but not mutated (time)

_NUMBER = re.compile(r"-?[\d,]*\d(?:\.\d+)?")
_FIGURE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?=\s*(万元|元|亿元))")
_RATE = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)(?=\s*[%％])")
_DIRECTION = re.compile(r"(增加|减少|增长|下降)(?=\s*(?:了)?\s*\d)")
_FLIP = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长"}


@dataclass
class Mutant:
    """One planted error: where, what it was, what it became."""

    kind: str
    page: int
    before: str
    after: str
    figure: str  # the printed figure a finding must cite to count as detecting it
    checkable: bool = False
    detected: bool = False
    as_error: bool = False
    rule: str = ""


@dataclass
class DocumentResult:
    """The untouched report's errors and every mutant of one document."""

    file: str
    pages: int
    seconds: float = 0.0
    errors: list[dict[str, object]] = field(default_factory=list)
    mutants: list[Mutant] = field(default_factory=list)
    failure: str = ""


# --------------------------------------------------------------------------- matching


def _norm(text: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def _fig(text: str) -> str:
    return _norm(text).rstrip("%").replace(",", "")


def cites(finding: object, figure: str) -> bool:
    """Whether a finding cites ``figure`` (as ``../shared/acceptance/check.py`` decides it)."""
    want = _fig(figure)
    if any(_fig(f) == want for f in finding.figures):  # type: ignore[attr-defined]
        return True
    pattern = re.compile(r"(?<![\d.])" + re.escape(want) + r"(?![\d])")
    return any(pattern.search(_norm(e.quote).replace(",", "")) for e in finding.evidence)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- mutation


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _shifted(text: str) -> str | None:
    """A figure changed beyond rounding, printed the same way (decimals, thousands separators)."""
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    places = _decimals(text)
    unit = Decimal(1).scaleb(-places)
    delta = max((abs(value) * Decimal("0.07")).quantize(unit), unit * 50)
    new = value + delta
    body = f"{new:,.{places}f}" if "," in text else f"{new:.{places}f}"
    return body


def _table_cells(raw: object) -> Iterator[tuple[int, int, int, int, str]]:
    """(page index, block index, row, column, text) of every figure in a table cell."""
    from gongkai.extract.model import RawTable

    for p, page in enumerate(raw.pages):  # type: ignore[attr-defined]
        for b, block in enumerate(page.blocks):
            if isinstance(block, RawTable):
                for r, row in enumerate(block.rows):
                    for c, text in enumerate(row):
                        if text and _FIGURE.match(text.strip()) and not re.fullmatch(r"\d{3}|\d{5}|\d{7}", text.strip()):
                            yield p, b, r, c, text.strip()


def _set_cell(raw: object, p: int, b: int, r: int, c: int, text: str) -> object:
    from copy import copy

    clone = copy(raw)
    clone.pages = [copy(page) for page in raw.pages]  # type: ignore[attr-defined]
    page = clone.pages[p]
    page.blocks = list(page.blocks)
    table = page.blocks[b]
    rows = [list(row) for row in table.rows]
    rows[r][c] = text
    page.blocks[b] = replace(table, rows=tuple(tuple(row) for row in rows))
    return clone


def _set_line(raw: object, p: int, b: int, text: str) -> object:
    from copy import copy

    clone = copy(raw)
    clone.pages = [copy(page) for page in raw.pages]  # type: ignore[attr-defined]
    page = clone.pages[p]
    page.blocks = list(page.blocks)
    page.blocks[b] = replace(page.blocks[b], text=text)
    return clone


def _text_spots(raw: object, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, re.Match[str], str]]:
    from gongkai.extract.model import TextLine

    for p, page in enumerate(raw.pages):  # type: ignore[attr-defined]
        for b, block in enumerate(page.blocks):
            if isinstance(block, TextLine):
                for match in pattern.finditer(block.text):
                    yield p, b, match, block.text


def make_mutants(raw: object, kind: str, rng: random.Random, count: int) -> Iterator[tuple[Mutant, object]]:
    """Up to ``count`` mutants of one kind, chosen at random (seeded) among the candidates."""
    candidates: list[tuple[Mutant, object]] = []
    if kind in ("table_cell", "next_row"):
        cells = list(_table_cells(raw))
        positions = {(p, b, r, c): text for p, b, r, c, text in cells}
        for p, b, r, c, text in cells:
            page_number = raw.pages[p].number  # type: ignore[attr-defined]
            if kind == "table_cell":
                after = _shifted(text)
            else:
                after = positions.get((p, b, r + 1, c))
                if after is None or _fig(after) == _fig(text):
                    continue
            if after is None:
                continue
            candidates.append((Mutant(kind, page_number, text, after, after), (p, b, r, c)))
    else:
        pattern = {"narrative_amount": _AMOUNT, "unit": _AMOUNT, "narrative_rate": _RATE, "direction_word": _DIRECTION}[kind]
        for p, b, match, line in _text_spots(raw, pattern):
            page_number = raw.pages[p].number  # type: ignore[attr-defined]
            before = match.group(1)
            if kind == "unit":
                if match.group(2) != "万元" or not _FIGURE.match(before) or Decimal(before.replace(",", "")) == 0:
                    continue  # 0万元 is 0元: a zero has no unit to get wrong
                unit_start = match.end() + (len(line[match.end() :]) - len(line[match.end() :].lstrip()))
                new_line = line[:unit_start] + "元" + line[unit_start + 2 :]
                candidates.append((Mutant(kind, page_number, before + "万元", before + "元", before), (p, b, new_line)))
                continue
            if kind == "direction_word":
                number = re.match(r"\s*(?:了)?\s*(\d[\d,]*(?:\.\d+)?)", line[match.end() :])
                figure = number.group(1) if number else ""
                after = _FLIP[before]
            elif kind == "narrative_rate":
                value = Decimal(before)
                places = _decimals(before)
                step = Decimal(1).scaleb(-places)
                after = f"{value + max((value * Decimal('0.1')).quantize(step), step * 5):.{places}f}"
                figure = after
            else:
                after = _shifted(before) or before
                figure = after
            new_line = line[: match.start(1)] + after + line[match.end(1) :]
            candidates.append((Mutant(kind, page_number, before, after, figure), (p, b, new_line)))
    rng.shuffle(candidates)
    for mutant, where in candidates[:count]:
        if kind in ("table_cell", "next_row"):
            p, b, r, c = where  # type: ignore[misc]
            yield mutant, _set_cell(raw, p, b, r, c, mutant.after)
        else:
            p, b, new_line = where  # type: ignore[misc]
            yield mutant, _set_line(raw, p, b, new_line)


# --------------------------------------------------------------------------- checkability


def _identity_rows(analysis: object) -> set[tuple[int, str]]:
    """(page, figure) of table cells a sum identity covers."""
    from gongkai.validate.rules.table_sum import ROW_IDENTITIES

    covered: set[tuple[int, str]] = set()
    for table in analysis.tables.standard:  # type: ignore[attr-defined]
        coded = [r for r in table.rows if r.code]
        codes = {r.code for r in coded}
        identities = ROW_IDENTITIES.get(table.key, ())
        identity_columns = {c for total, parts in identities for c in (total, *parts)}
        for row in table.rows:
            in_hierarchy = bool(row.code) and (
                any(c != row.code and c.startswith(row.code) for c in codes)  # type: ignore[union-attr]
                or any(row.code != c and row.code.startswith(c) for c in codes)  # type: ignore[union-attr]
            )
            total_row = row.label in ("合计", "总计") and len(coded) > 1
            for column, fact in row.values.items():
                if in_hierarchy or total_row or column in identity_columns:
                    covered.add((fact.evidence.page, _fig(fact.raw or str(fact.value))))
    return covered


def _checkable_text(analysis: object) -> set[tuple[int, str]]:
    """(page, figure) of narrative facts that a statement holds or a table prints again."""
    in_statements = {f.fact_id for s in analysis.statements for f in s.facts}  # type: ignore[attr-defined]
    table_values = {f.value_yuan for f in analysis.table_facts if f.value_yuan is not None}  # type: ignore[attr-defined]
    out: set[tuple[int, str]] = set()
    for fact in analysis.text_facts:  # type: ignore[attr-defined]
        if fact.fact_id in in_statements or (fact.value_yuan is not None and _near_table(fact, table_values)):
            out.add((fact.evidence.page, _fig(_NUMBER.match(fact.raw).group(0) if _NUMBER.match(fact.raw) else str(fact.value))))
    return out


def _near_table(fact: object, table_values: set[Decimal]) -> bool:
    from gongkai.validate.figures import interval

    span = interval(fact)  # type: ignore[arg-type]
    return any(span.lo <= value <= span.hi for value in table_values)


# --------------------------------------------------------------------------- running


def run_document(path: str, per_class: int, seed: int) -> DocumentResult:
    """The untouched report's errors and the fate of every mutant of one document."""
    from gongkai.api import analyse, report
    from gongkai.extract import extract

    start = time.perf_counter()
    result = DocumentResult(file=path, pages=0)
    try:
        raw = extract(path)
    except Exception as exc:  # an unreadable file is a row of the report, not a crash
        result.failure = f"{type(exc).__name__}: {exc}"
        return result
    result.pages = len(raw.pages)
    baseline = analyse(raw)
    findings = report(baseline).findings
    result.errors = [
        {"rule": f.rule, "figures": list(f.figures), "page": f.page, "message": f.message} for f in findings if f.severity == "error"
    ]
    if result.pages > SKIP_LARGE_PAGES:
        result.seconds = time.perf_counter() - start
        return result
    covered = _identity_rows(baseline)
    checkable_text = _checkable_text(baseline)
    rng = random.Random(f"{seed}:{Path(path).name}")
    for kind in CLASSES:
        for mutant, mutated in make_mutants(raw, kind, rng, per_class):
            if kind in ("table_cell", "next_row"):
                mutant.checkable = (mutant.page, _fig(mutant.before)) in covered
            else:
                mutant.checkable = (mutant.page, _fig(mutant.before.removesuffix("万元"))) in checkable_text
                if kind == "direction_word":
                    mutant.checkable = (mutant.page, _fig(mutant.figure)) in checkable_text
            try:
                mutated_findings = report(analyse(mutated)).findings  # type: ignore[arg-type]
            except Exception as exc:  # a crash on a mutant is reported as its rule
                mutant.rule = f"crash: {type(exc).__name__}"
                result.mutants.append(mutant)
                continue
            hits = [
                f
                for f in mutated_findings
                if f.severity in ("error", "warning") and f.category != "internal" and mutant.figure and cites(f, mutant.figure)
                and not _in_baseline(f, findings)
            ]
            mutant.detected = bool(hits)
            mutant.as_error = any(f.severity == "error" for f in hits)
            mutant.rule = hits[0].rule if hits else ""
            result.mutants.append(mutant)
    result.seconds = time.perf_counter() - start
    return result


def _in_baseline(finding: object, baseline: tuple[object, ...]) -> bool:
    """A finding the untouched document already had (it does not detect the planted error)."""
    key = (finding.rule, finding.figures, finding.message)  # type: ignore[attr-defined]
    return any((f.rule, f.figures, f.message) == key for f in baseline)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- report


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    –"


def print_report(results: list[DocumentResult]) -> None:
    """The detection table by class (all mutants and checkable ones) and per document, and the
    errors on the untouched documents."""
    totals: dict[str, list[Mutant]] = defaultdict(list)
    for result in results:
        for mutant in result.mutants:
            totals[mutant.kind].append(mutant)
    print("mutation class      mutants  detected  as error │ checkable  detected  as error")
    for kind in CLASSES:
        ms = totals.get(kind, [])
        ck = [m for m in ms if m.checkable]
        print(
            f"{kind:18} {len(ms):8} {_share(sum(m.detected for m in ms), len(ms)):>9} {_share(sum(m.as_error for m in ms), len(ms)):>9} │"
            f" {len(ck):9} {_share(sum(m.detected for m in ck), len(ck)):>9} {_share(sum(m.as_error for m in ck), len(ck)):>9}"
        )
    table = [m for k in ("table_cell", "next_row") for m in totals.get(k, []) if m.checkable]
    text = [m for k in CLASSES[2:] for m in totals.get(k, []) if m.checkable]
    print(f"checkable table mutants detected: {_share(sum(m.detected for m in table), len(table)).strip()} of {len(table)}")
    print(f"checkable narrative mutants detected: {_share(sum(m.detected for m in text), len(text)).strip()} of {len(text)}")
    print()
    print("document                                         pages  mutants  detected  checkable detected  errors untouched  s")
    for result in results:
        name = Path(result.file).name[:46]
        if result.failure:
            print(f"{name:46}  unreadable: {result.failure}")
            continue
        ck = [m for m in result.mutants if m.checkable]
        print(
            f"{name:46} {result.pages:6} {len(result.mutants):8} {_share(sum(m.detected for m in result.mutants), len(result.mutants)):>9}"
            f" {_share(sum(m.detected for m in ck), len(ck)):>18} {len(result.errors):16} {result.seconds:6.1f}"
        )
    print()
    print("errors on the untouched documents (each must be a real error):")
    for result in results:
        for error in result.errors:
            print(f"  {Path(result.file).name[:40]:40} p{error['page']} {error['rule']} {error['figures'][:6]}  {str(error['message'])[:110]}")


def corpus_files(paths: list[str]) -> list[str]:
    if paths:
        return paths
    return sorted(str(p) for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() in (".pdf", ".txt", ".html", ".htm", ".docx", ".xlsx"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", help="documents (default: every document of ../shared/corpus)")
    parser.add_argument("--per-class", type=int, default=8, help="mutants per class and document (default 8)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", "-j", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    files = corpus_files(args.files)
    if not files:
        print("no documents (is ../shared/corpus beside the repository?)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(run_document, files, [args.per_class] * len(files), [args.seed] * len(files)))
    print_report(results)
    print(f"\n{len(files)} documents, {sum(len(r.mutants) for r in results)} mutants, {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
