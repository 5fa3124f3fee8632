"""Which files a batch reads: paths, directories, globs and lists, hashed and deduplicated."""

from __future__ import annotations

import glob
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DOCUMENT_SUFFIXES = {".pdf", ".docx", ".xlsx", ".doc", ".xls", ".html", ".htm", ".txt"}
_GLOB_CHARS = "*?["


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An input skipped because its bytes equal an earlier input's (a ``duplicates`` row).

    ``duplicate_of`` is the earlier input, processed in its place, and ``index`` that
    input's position among the batch's distinct files (its ``FileTask.index``). Both are
    decided in the parent from the content hashes, in input order, so a run and its resume
    list the same duplicates whatever the executor.
    """

    source: str
    duplicate_of: str
    index: int


def read_list(list_path: str | Path) -> list[str]:
    """The paths named in a list file, one per line (blank lines and ``#`` comments skipped)."""
    lines = Path(list_path).read_text(encoding="utf-8-sig").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def expand_inputs(inputs: Iterable[str], from_list: str | None = None) -> list[Path]:
    """Files named by paths, directories (recursively) and glob patterns, in a stable order.

    Directories contribute their document files (by suffix) in sorted order, skipping
    hidden files and folders such as an output's ``.cache``; a glob contributes its
    matches sorted; a plain path is kept even when it does not exist, so that the batch
    reports it as missing. A file named twice is kept once, at its first position.
    """
    names = list(inputs)
    if from_list:
        names.extend(read_list(from_list))
    found: list[Path] = []
    seen: set[Path] = set()
    for name in names:
        for candidate in _candidates(name):
            key = candidate.resolve() if candidate.exists() else candidate.absolute()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def unmatched_inputs(inputs: Iterable[str]) -> list[str]:
    """The inputs that name no file: a path that does not exist, a glob or a folder that matches
    no document."""
    return [name for name in inputs if not any(p.exists() for p in _candidates(name))]


def _candidates(name: str) -> list[Path]:
    path = Path(name)
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in DOCUMENT_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    if not path.exists() and any(ch in name for ch in _GLOB_CHARS):
        return sorted(Path(p) for p in glob.glob(name, recursive=True) if Path(p).is_file())
    return [path]


def file_hash(path: str | Path) -> str | None:
    """The sha256 of a file's bytes, or ``None`` when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()
