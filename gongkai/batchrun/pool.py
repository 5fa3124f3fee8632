"""A process pool that can stop one task: a worker over its time limit is killed and replaced.

``concurrent.futures`` and ``multiprocessing.Pool`` cannot cancel a running task, and
``signal.alarm`` inside a worker does not interrupt C code (PDF parsing). Here the parent
gives each worker one task at a time over its own pipe, watches the pipes, the process
sentinels and the clock, and kills a worker whose task runs past the limit or replaces
one that died. Workers are started lazily, announce when they are ready (so warm-up is
not charged to the first task), ignore Ctrl-C (the parent handles it) and may be recycled
after a number of tasks to keep memory flat.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_READY = "ready"


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a task ended: ``done`` (``value`` is the result), ``raised``, ``timeout`` or ``crashed``."""

    status: str
    value: Any = None
    detail: str = ""


def _serve(conn: Connection, target: Callable[[Any], Any], warm_up: Callable[[], None] | None) -> None:
    """A worker's loop: take a task, run it, send back ``(status, value)``; stop at ``None`` or EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warm_up is not None:
        warm_up()
    conn.send((_READY, None))
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        try:
            message: tuple[str, Any] = ("done", target(item))
        except BaseException as exc:
            message = ("raised", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(message)
        except (BrokenPipeError, OSError):
            return
        except Exception as exc:
            conn.send(("raised", f"{type(exc).__name__}: {exc}"))


@dataclass(slots=True)
class _Slot(Generic[T]):
    process: Any
    conn: Connection
    ready: bool = False
    item: Any = None
    busy: bool = False
    started: float = 0.0
    served: int = 0


class ProcessPool(Generic[T]):
    """Run ``target`` over items on ``jobs`` worker processes with a per-task time limit.

    ``target`` and ``warm_up`` must be importable module-level functions (workers are
    started with ``spawn``). ``timeout`` of ``None`` or ``0`` means no limit;
    ``max_tasks_per_worker`` of ``0`` means workers are never recycled.
    """

    def __init__(
        self,
        target: Callable[[T], Any],
        jobs: int,
        *,
        timeout: float | None = None,
        warm_up: Callable[[], None] | None = None,
        max_tasks_per_worker: int = 0,
        context: str = "spawn",
    ) -> None:
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.target = target
        self.jobs = jobs
        self.timeout = timeout or None
        self.warm_up = warm_up
        self.max_tasks = max_tasks_per_worker
        self._ctx = multiprocessing.get_context(context)
        self._slots: list[_Slot[T]] = []
        self.started_workers = 0

    def _start(self) -> _Slot[T]:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=_serve, args=(child, self.target, self.warm_up), name="gongkai-worker", daemon=True
        )
        process.start()
        child.close()
        slot: _Slot[T] = _Slot(process, parent)
        self._slots.append(slot)
        self.started_workers += 1
        return slot

    def _stop(self, slot: _Slot[T], *, kill: bool) -> None:
        if slot in self._slots:
            self._slots.remove(slot)
        if not kill:
            try:
                slot.conn.send(None)
            except (BrokenPipeError, OSError):
                kill = True
            else:
                slot.process.join(2.0)
        if kill or slot.process.is_alive():
            slot.process.kill()
            slot.process.join()
        slot.conn.close()

    def imap_unordered(self, items: Iterable[T]) -> Iterator[tuple[T, Outcome]]:
        """Yield ``(item, outcome)`` as tasks finish.

        Items are drawn from ``items`` lazily, at most one per worker ahead of need; a
        worker is started only when an item is waiting for it.
        """
        pending = iter(items)
        queue: deque[T] = deque()
        exhausted = False
        try:
            while True:
                busy = sum(1 for s in self._slots if s.busy)
                while not exhausted and len(queue) < self.jobs - busy:
                    try:
                        queue.append(next(pending))
                    except StopIteration:
                        exhausted = True
                for slot in self._slots:
                    if queue and slot.ready and not slot.busy:
                        item = queue.popleft()
                        slot.conn.send(item)
                        slot.item, slot.busy, slot.started = item, True, time.monotonic()
                starting = sum(1 for s in self._slots if not s.ready)
                while len(queue) > starting and len(self._slots) < self.jobs:
                    self._start()
                    starting += 1
                if exhausted and not queue and not any(s.busy for s in self._slots):
                    return
                yield from self._wait()
        finally:
            self.close(kill=True)

    def _wait(self) -> Iterator[tuple[T, Outcome]]:
        """Wait for a message, a dead worker or a deadline; yield the tasks that ended."""
        now = time.monotonic()
        deadlines = [s.started + self.timeout - now for s in self._slots if s.busy and self.timeout]
        limit = max(0.0, min(deadlines)) if deadlines else None
        watched: list[Any] = [s.conn for s in self._slots] + [s.process.sentinel for s in self._slots]
        ready = set(wait(watched, timeout=limit))
        now = time.monotonic()
        for slot in list(self._slots):
            if slot.conn in ready or slot.process.sentinel in ready:
                outcome = self._receive(slot)
                if outcome is not None and slot.item is not None:
                    item, slot.item, slot.busy = slot.item, None, False
                    yield item, outcome
            elif slot.busy and self.timeout and now - slot.started >= self.timeout:
                item = slot.item
                self._stop(slot, kill=True)
                yield item, Outcome("timeout", detail=f"{self.timeout:g}s")

    def _receive(self, slot: _Slot[T]) -> Outcome | None:
        """Read a worker's message; ``None`` for the ready signal."""
        try:
            if not slot.conn.poll():
                raise EOFError
            status, value = slot.conn.recv()
        except (EOFError, OSError):
            slot.process.join(1.0)
            code = slot.process.exitcode
            self._stop(slot, kill=True)
            detail = f"退出码 {code}" if code is not None else "连接中断"
            if code is not None and code < 0:
                detail = f"信号 {signal.Signals(-code).name}" if -code in signal.valid_signals() else detail
            if not slot.ready and slot.item is None:
                raise RuntimeError(f"工作进程启动失败（{detail}）") from None
            return Outcome("crashed", detail=detail)
        if status == _READY:
            slot.ready = True
            return None
        slot.served += 1
        if self.max_tasks and slot.served >= self.max_tasks:
            self._stop(slot, kill=False)
        if status == "done":
            return Outcome("done", value)
        return Outcome("raised", detail=str(value))

    def close(self, *, kill: bool = False) -> None:
        """Stop every worker (politely unless ``kill``)."""
        for slot in list(self._slots):
            self._stop(slot, kill=kill or slot.busy)
