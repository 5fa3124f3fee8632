"""One run at a time per output directory: an advisory lock the operating system releases when
the run's process ends, however it ends (a killed run leaves no stale lock behind)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gongkai.errors import OutputBusy

LOCK_NAME = ".gongkai.lock"


@contextmanager
def output_lock(outdir: Path) -> Iterator[None]:
    """Hold ``outdir``'s lock for the duration of the block; ``OutputBusy`` when another run holds it."""
    import fcntl

    path = outdir / LOCK_NAME
    handle = path.open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise OutputBusy(str(outdir), holder) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()
