"""Progress of a batch on stderr: a redrawn bar on a terminal, periodic log lines otherwise."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO


def _duration(value: float) -> str:
    seconds = round(value)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class Progress:
    """Counts files and pages as they finish and shows them.

    On a terminal a single line is redrawn with ``\\r`` a few times a second; elsewhere
    (logs, CI) a plain line is written every ``interval`` seconds or every 5 % of the
    files, whichever comes first. Rates and the ETA count only files actually processed,
    not those served from the cache. Updates may come from any thread.
    """

    def __init__(
        self,
        total: int,
        *,
        stream: TextIO | None = None,
        enabled: bool = True,
        tty: bool | None = None,
        interval: float = 10.0,
    ) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = interval
        self.done = self.cached = self.failed = self.duplicates = self.pages = self.processed = 0
        self.started = time.monotonic()
        self._first_processed: float | None = None
        self._lock = threading.Lock()
        self._last_line = 0.0
        self._last_logged_done = 0
        self._step = max(1, total // 20)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if self.enabled:
            self._thread = threading.Thread(target=self._tick, name="gongkai-progress", daemon=True)
            self._thread.start()

    def skipped(self, *, cached: bool) -> None:
        """A file that needs no processing: found in the cache, or a duplicate."""
        with self._lock:
            self.done += 1
            if cached:
                self.cached += 1
            else:
                self.duplicates += 1

    def started_processing(self) -> None:
        """The first file has been handed to a worker (rates count from here)."""
        with self._lock:
            if self._first_processed is None:
                self._first_processed = time.monotonic()

    def finished(self, *, pages: int, failed: bool) -> None:
        """A processed file is done."""
        with self._lock:
            self.done += 1
            self.processed += 1
            self.pages += pages
            self.failed += int(failed)
            if self._first_processed is None:
                self._first_processed = self.started

    def note(self, message: str) -> None:
        """A message on its own line (the bar is redrawn after it)."""
        if not self.enabled:
            return
        with self._lock:
            self._write(("\r\x1b[2K" if self.tty else "") + message + "\n")
            self._last_line = 0.0 if self.tty else self._last_line

    def line(self) -> str:
        """The current state in one line."""
        elapsed = time.monotonic() - (self._first_processed or self.started)
        rate = self.processed / elapsed if self.processed and elapsed > 0 else 0.0
        remaining = self.total - self.done
        parts = [f"{self.done}/{self.total} 个文件"]
        extra = [f"缓存 {self.cached}" if self.cached else "", f"失败 {self.failed}" if self.failed else ""]
        extra = [e for e in extra if e]
        if extra:
            parts[0] += f"（{'，'.join(extra)}）"
        parts.append(f"{self.pages} 页")
        parts.append(f"{rate:.2f} 文件/秒" if rate else "– 文件/秒")
        parts.append(f"剩余约 {_duration(remaining / rate)}" if rate and remaining else f"用时 {_duration(elapsed)}")
        return " · ".join(parts)

    def _bar(self) -> str:
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        return "[" + "#" * filled + "." * (width - filled) + "] "

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False

    def _tick(self) -> None:
        while not self._stop.wait(0.25 if self.tty else 0.5):
            self.refresh()

    def refresh(self, *, force: bool = False) -> None:
        """Redraw the bar, or write a log line when one is due."""
        if not self.enabled:
            return
        with self._lock:
            now = time.monotonic()
            if self.tty:
                self._write("\r\x1b[2K" + self._bar() + self.line())
                return
            due = now - max(self._last_line, self.started) >= self.interval
            step = self.done - self._last_logged_done >= self._step
            if force or ((due or step) and self.done != self._last_logged_done):
                self._write("gongkai extract: " + self.line() + "\n")
                self._last_line = now
                self._last_logged_done = self.done

    def close(self) -> None:
        """Stop redrawing; leave the final state on screen (once, however often it is called)."""
        if self._stop.is_set():
            return
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self.enabled:
            self.refresh(force=not self.tty and self.done != self._last_logged_done)
            if self.tty:
                self._write("\n")
