"""Finished files on disk: the result cache that makes a batch resumable.

Each finished file is one gzip-compressed JSON entry holding its dataset rows. Entries
that depend only on the file's bytes, the gongkai code and the settings (a document, or
an input error such as ``truncated``) go to the cache under the file's sha256, in a
folder named after the *engine key* (gongkai version + a digest of its code and of the
settings that change results). Everything else — files that could not be hashed,
timeouts, crashes, or every file under ``--no-cache`` — goes to a spool folder private
to the run, removed at its end.

Every entry is written to a temporary name, flushed, fsynced and renamed, so a run
killed at any moment leaves only complete entries; a rerun finds them and goes on.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import shutil
import socket
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from gongkai import __version__
from gongkai.settings import Settings

ENTRY_FORMAT = 2  # 2: entries carry checks and check_facts
_HOST = socket.gethostname().replace(".", "_")
# Settings that do not change a file's rows: time limits only decide whether a file is
# reported as ``timeout``, and timeouts are never cached.
_VOLATILE_SETTINGS = {"timeout_seconds"}


# Code that does not change the rows of a file: how runs are driven and written out.
_NOT_IN_RESULTS = (
    "cli.py",
    "batch.py",
    "export/",
    "batchrun/assemble.py",
    "batchrun/executors.py",
    "batchrun/inputs.py",
    "batchrun/pool.py",
    "batchrun/progress.py",
)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of gongkai's version and of the source files that shape a file's rows.

    An edited checkout (an editable install between releases) therefore misses the cache
    instead of reusing rows an older reader produced.
    """
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if not path.is_file() or relative.startswith(_NOT_IN_RESULTS) or "__pycache__" in relative:
            continue
        if path.suffix == ".py" or relative.startswith("schemas/data/"):
            digest.update(relative.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def settings_fingerprint(settings: Settings) -> str:
    """A digest of the settings that change what a file yields."""
    values = {k: v for k, v in asdict(settings).items() if k not in _VOLATILE_SETTINGS}
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=list).encode()).hexdigest()


def engine_key(settings: Settings) -> str:
    """The cache namespace of this gongkai and these settings (``0.1.0-3fa2…``)."""
    digest = hashlib.sha256(f"{code_fingerprint()}:{settings_fingerprint(settings)}".encode())
    return f"{__version__}-{digest.hexdigest()[:16]}"


def encode_entry(entry: dict[str, Any]) -> bytes:
    """An entry as compressed JSON bytes (what workers send back and the store writes)."""
    raw = json.dumps({"format": ENTRY_FORMAT, **entry}, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(raw.encode("utf-8"), compresslevel=3, mtime=0)


def decode_entry(data: bytes) -> dict[str, Any]:
    """The entry stored in ``data``; ``ValueError`` when it is damaged or of another format."""
    try:
        entry = json.loads(gzip.decompress(data).decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"damaged cache entry: {exc}") from exc
    if not isinstance(entry, dict) or entry.get("format") != ENTRY_FORMAT:
        raise ValueError("cache entry of an unknown format")
    return entry


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see either nothing or all of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{_HOST}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner(name: str) -> tuple[str, int] | None:
    """The host and pid in a temporary name (``.x.<host>.<pid>.tmp`` or ``.spool-<host>-<pid>``)."""
    if name.endswith(".tmp"):
        rest, _, pid = name.removesuffix(".tmp").rpartition(".")
        host = rest.rpartition(".")[2]
    elif name.startswith(".spool-"):
        host, _, pid = name.removeprefix(".spool-").rpartition("-")
    else:
        return None
    return (host, int(pid)) if pid.isdigit() else None


def _stale(name: str) -> bool:
    """Whether a temporary name belongs to a process of this host that is gone."""
    owner = _owner(name)
    return owner is not None and owner[0] == _HOST and not _pid_alive(owner[1])


class ResultStore:
    """Where finished files' rows live between processing and assembly."""

    def __init__(self, outdir: Path, settings: Settings, *, cache_dir: Path | None) -> None:
        self.engine = engine_key(settings)
        self.cache_dir = cache_dir / self.engine if cache_dir is not None else None
        self.spool_dir = outdir / f".spool-{_HOST}-{os.getpid()}"
        self._remove_leftovers(outdir)

    def _remove_leftovers(self, outdir: Path) -> None:
        """Delete the temporary files and spools of killed runs on this host."""
        if outdir.is_dir():
            for path in outdir.glob(".spool-*"):
                if path.is_dir() and _stale(path.name):
                    shutil.rmtree(path, ignore_errors=True)
        if self.cache_dir is not None and self.cache_dir.is_dir():
            for path in self.cache_dir.glob("*/.*.tmp"):
                if _stale(path.name):
                    path.unlink(missing_ok=True)

    def _cache_path(self, sha256: str) -> Path:
        assert self.cache_dir is not None
        return self.cache_dir / sha256[:2] / f"{sha256}.json.gz"

    def _spool_path(self, index: int) -> Path:
        return self.spool_dir / f"{index:09d}.json.gz"

    def cached(self, sha256: str | None) -> bool:
        """Whether a finished entry for these bytes is in the cache."""
        if self.cache_dir is None or sha256 is None:
            return False
        path = self._cache_path(sha256)
        return path.is_file() and path.stat().st_size > 0

    def put(self, index: int, sha256: str | None, payload: bytes, *, cacheable: bool) -> None:
        """Keep one finished file: in the cache when it may be reused, else in the run's spool."""
        if cacheable and sha256 is not None and self.cache_dir is not None:
            atomic_write(self._cache_path(sha256), payload)
        else:
            atomic_write(self._spool_path(index), payload)

    def load(self, index: int, sha256: str | None) -> dict[str, Any]:
        """The entry of a finished file (this run's spool first, then the cache).

        Raises ``KeyError`` when there is none and ``ValueError`` when it is damaged.
        """
        candidates = [self._spool_path(index)]
        if self.cache_dir is not None and sha256 is not None:
            candidates.append(self._cache_path(sha256))
        for path in candidates:
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                continue
            return decode_entry(data)
        raise KeyError(index)

    def discard(self, index: int, sha256: str | None) -> None:
        """Forget a damaged entry."""
        self._spool_path(index).unlink(missing_ok=True)
        if self.cache_dir is not None and sha256 is not None:
            self._cache_path(sha256).unlink(missing_ok=True)

    def close(self) -> None:
        """Remove the run's spool."""
        with contextlib.suppress(OSError):
            shutil.rmtree(self.spool_dir)
