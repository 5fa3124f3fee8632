"""The checked uploads a server keeps: a few recent results, by an unguessable token."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from gongkai.schemas.records import Report


@dataclass(slots=True)
class Result:
    """One checked upload: its report, its bytes (for the annotated PDF and page images), its file name."""

    report: Report
    data: bytes
    name: str
    is_pdf: bool
    pages: dict[int, bytes] = field(default_factory=dict)  # rendered page images, by page


class Results:
    """At most ``limit`` results in memory; the oldest goes first."""

    def __init__(self, limit: int = 8) -> None:
        self.limit = limit
        self._items: OrderedDict[str, Result] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, result: Result) -> str:
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._items[token] = result
            while len(self._items) > self.limit:
                self._items.popitem(last=False)
        return token

    def get(self, token: str) -> Result | None:
        with self._lock:
            return self._items.get(token)
