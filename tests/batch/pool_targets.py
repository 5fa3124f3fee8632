"""Task functions for the process-pool tests (importable by spawned workers)."""

from __future__ import annotations

import os
import signal
import time


def behave(item: tuple[str, float]) -> object:
    """Do what the item says: return, sleep, raise, exit or die by a signal."""
    action, argument = item
    if action == "sleep":
        time.sleep(argument)
        return argument
    if action == "raise":
        raise ValueError(f"bad item {argument}")
    if action == "exit":
        os._exit(int(argument))
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if action == "pid":
        return os.getpid()
    return argument


def slow_start() -> None:
    """A warm-up that takes longer than the tasks' time limit."""
    time.sleep(0.5)
