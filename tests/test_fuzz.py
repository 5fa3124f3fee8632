"""Seeded mutants of real PDFs and the crafted hostile cases: a report or a one-line refusal, always.

The mutants are checked in a child process, one after the other, so that a crash of a
native library (PDFium) fails this test naming the mutant instead of killing the suite.
Each mutant gets a short time limit: a mutant that runs past it must be refused as such.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from tests.builders.sample import make_sample
from tests.conftest import PUTUO

SEED = 20261203
MUTANTS_PER_SOURCE = 120
ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, sys
from pathlib import Path
from gongkai.api import check
from gongkai.errors import UnreadableInput
from gongkai.settings import Settings
settings = Settings(timeout_seconds=20, max_page_items=20000)
for line in sys.stdin:
    path = line.strip()
    try:
        report = check(path, settings)
        outcome = {"path": path, "result": "report", "findings": len(report.findings)}
    except UnreadableInput as exc:
        outcome = {"path": path, "result": "refused", "kind": exc.kind, "message": str(exc)}
    except Exception as exc:  # the failure this test exists to catch
        outcome = {"path": path, "result": "error", "message": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(outcome, ensure_ascii=False), flush=True)
"""


def _mutate(data: bytes, rng: random.Random) -> bytes:
    """One of: bytes flipped, a slice cut out, a slice repeated, the file cut short, junk spliced in."""
    out = bytearray(data)
    kind = rng.randrange(5)
    at = rng.randrange(len(out))
    width = rng.randint(1, 4096)
    if kind == 0:
        for _ in range(rng.randint(1, 64)):
            out[rng.randrange(len(out))] = rng.randrange(256)
    elif kind == 1:
        del out[at : at + width]
    elif kind == 2:
        out[at:at] = out[at : at + width] * rng.randint(2, 8)
    elif kind == 3:
        del out[at:]
    else:
        out[at:at] = bytes(rng.randrange(256) for _ in range(width))
    return bytes(out)


def test_mutants_and_crafted_cases_give_a_report_or_a_one_line_refusal(tmp_path: Path) -> None:
    sources = [make_sample(tmp_path / "sample.pdf")]
    if PUTUO.exists():
        sources.append(PUTUO)
    rng = random.Random(SEED)
    paths = []
    for source in sources:
        data = source.read_bytes()
        for number in range(MUTANTS_PER_SOURCE):
            path = tmp_path / f"{source.stem}.{number:03d}.pdf"
            path.write_bytes(_mutate(data, rng))
            paths.append(path)
    paths += _crafted(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input="\n".join(str(p) for p in paths) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1200,
        check=False,
    )
    outcomes = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0, f"the child died after {len(outcomes)} of {len(paths)}: {done.stderr[-2000:]}"
    assert len(outcomes) == len(paths)
    errors = [o for o in outcomes if o["result"] == "error"]
    assert errors == []
    refusals = [o for o in outcomes if o["result"] == "refused"]
    assert all("\n" not in o["message"] and o["message"].startswith(o["path"] + ": ") for o in refusals)
    reports = [o for o in outcomes if o["result"] == "report"]
    assert reports and refusals  # the mutants exercise both ways out
    crafted = {Path(o["path"]).name: o for o in outcomes if not Path(o["path"]).name[-7:-4].isdigit()}
    assert {name: o.get("kind") for name, o in crafted.items()} == {
        "bomb.docx": "too_large",
        "one_line.txt": "too_large",
        "figures.txt": "too_large",
        "text_stream.pdf": "too_large",
        "path_stream.pdf": "too_large",
        "rows.xlsx": "too_large",
    }


def _crafted(folder: Path) -> list[Path]:
    """The hostile cases of benchmarks/pathological.py at sizes that cross the child's limits fast."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("pathological", ROOT / "benchmarks" / "pathological.py")
    assert spec is not None and spec.loader is not None
    pathological = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pathological)
    out = []
    for name, scale in (
        ("docx_bomb", 0.07),  # inflates to 300 MB
        ("txt_one_line", 0.01),
        ("txt_figures", 0.01),
        ("pdf_text_stream", 0.02),
        ("pdf_path_stream", 0.02),
        ("xlsx_rows", 0.11),
    ):
        filename, build = pathological.CASES[name]
        path = folder / filename
        build(path, scale)
        out.append(path)
    return out
