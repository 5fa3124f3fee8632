"""The bounds one file may cost: a wall-time deadline every stage checks, and the limit messages.

``deadline(source, settings)`` starts the clock for a file (``check``, the API and a batch
worker alike); the extractors call ``check_deadline`` every few hundred lines, rows or
cells, the pipeline between its stages, the validator between its rules. Past the limit
the file is refused as ``timeout`` in one line that says how to raise it. The clock is a
context variable, so nested calls (``check`` → ``read`` → ``extract``) share the outer one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from gongkai.errors import UnreadableInput
from gongkai.settings import Settings

EVERY = 256  # iterations between two looks at the clock in the extractors' loops


@dataclass(frozen=True, slots=True)
class Deadline:
    """The moment (``time.monotonic``) reading ``source`` must be done by."""

    source: str
    seconds: float
    ends: float

    def check(self, stage: str) -> None:
        """Raise ``UnreadableInput`` (``timeout``) when the moment has passed."""
        if time.monotonic() > self.ends:
            raise UnreadableInput(self.source, "timeout", timeout_reason(self.seconds, stage))


_CURRENT: ContextVar[Deadline | None] = ContextVar("gongkai_deadline", default=None)


@contextmanager
def deadline(source: str, settings: Settings) -> Iterator[Deadline | None]:
    """Run the block under the file's deadline (``settings.timeout_seconds``; 0: none).

    An enclosing deadline is kept: the time limit is for the whole file, not per stage.
    """
    outer = _CURRENT.get()
    if outer is not None or not settings.timeout_seconds:
        yield outer
        return
    current = Deadline(source, settings.timeout_seconds, time.monotonic() + settings.timeout_seconds)
    token = _CURRENT.set(current)
    try:
        yield current
    finally:
        _CURRENT.reset(token)


def check_deadline(stage: str) -> None:
    """Refuse the file being read when its deadline has passed (no deadline: nothing)."""
    current = _CURRENT.get()
    if current is not None:
        current.check(stage)


def timeout_reason(seconds: float, stage: str) -> str:
    """The one line of a file refused for time."""
    return f"处理超过 {seconds:g} 秒的上限（{stage}时）；可用 --timeout 调高（0 表示不限）"


def over_limit(what: str, amount: int, limit: int, unit: str, option: str) -> str:
    """The one line of a file over a size limit: how much, the limit, and the option raising it."""
    return f"{what} {amount:,} {unit}，超过上限 {limit:,} {unit}；可用 {option} 调高（0 表示不限）"
