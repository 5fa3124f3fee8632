"""Where files are processed: local worker processes, or an existing Dask cluster.

Both executors take ``FileTask``s lazily and yield ``(task, FileResult)`` as files finish,
in any order; the caller stores and later assembles them in input order, so the dataset
does not depend on the executor.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from gongkai.batchrun.pool import ProcessPool
from gongkai.batchrun.work import (
    FileResult,
    FileTask,
    crashed_result,
    error_result,
    process_file,
    process_file_limited,
    timeout_result,
    warm_up,
)

# A worker is replaced after this many files, so leaks in parsing libraries cannot pile up.
MAX_TASKS_PER_WORKER = 200


class Executor(Protocol):
    """Processes files and yields their results as they finish."""

    def run(self, tasks: Iterable[FileTask]) -> Iterator[tuple[FileTask, FileResult]]:
        """Yield ``(task, result)`` for every task, in completion order."""
        ...

    def close(self) -> None:
        """Release workers and connections."""
        ...


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class LocalExecutor:
    """Worker processes on this machine, each file under the time limit of its settings."""

    def __init__(self, jobs: int, timeout: float | None, *, max_tasks_per_worker: int = MAX_TASKS_PER_WORKER) -> None:
        self.timeout = timeout or None
        self.pool: ProcessPool[FileTask] = ProcessPool(
            process_file,
            jobs,
            timeout=self.timeout,
            warm_up=warm_up,
            max_tasks_per_worker=max_tasks_per_worker,
        )

    def run(self, tasks: Iterable[FileTask]) -> Iterator[tuple[FileTask, FileResult]]:
        """Yield ``(task, result)`` as the workers finish files."""
        for task, outcome in self.pool.imap_unordered(tasks):
            if outcome.status == "done":
                yield task, outcome.value
            elif outcome.status == "timeout":
                yield task, timeout_result(task, self.timeout or 0)
            elif outcome.status == "crashed":
                yield task, crashed_result(task, outcome.detail)
            else:
                yield task, error_result(task, "internal", f"内部错误：{outcome.detail}")

    def close(self) -> None:
        """Stop the workers."""
        self.pool.close(kill=True)


class DaskExecutor:
    """Files processed as tasks on a Dask cluster; the workers read them by path.

    Without a scheduler address a ``LocalCluster`` with ``jobs`` single-threaded worker
    processes is started for the run. At most a few tasks per worker thread are in flight,
    so the client's memory does not grow with the batch. A file over its time limit is
    reported as ``timeout`` at once; Dask cannot kill the running task, so its thread is
    left to finish in the background.
    """

    def __init__(self, scheduler: str | None, jobs: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise RuntimeError("--executor dask 需要安装 dask[distributed]：pip install 'gongkai[dask]'") from exc
        self._cluster: Any = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
            self.client = Client(self._cluster)
        threads = sum(self.client.nthreads().values()) or jobs
        self.window = max(4, 2 * threads)

    def run(self, tasks: Iterable[FileTask]) -> Iterator[tuple[FileTask, FileResult]]:
        """Submit tasks in a sliding window and yield results as they complete."""
        from distributed import as_completed

        pending = iter(tasks)
        run_token = uuid.uuid4().hex[:12]
        owners: dict[str, FileTask] = {}
        completed = as_completed()

        def submit_next() -> bool:
            task = next(pending, None)
            if task is None:
                return False
            future = self.client.submit(process_file_limited, task, pure=False, key=f"gongkai-{run_token}-{task.index}")
            owners[future.key] = task
            completed.add(future)
            return True

        for _ in range(self.window):
            if not submit_next():
                break
        for future in completed:
            task = owners.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:
                name = type(exc).__name__
                result = (
                    crashed_result(task, name)
                    if name == "KilledWorker"
                    else error_result(task, "internal", f"内部错误：{name}: {exc}")
                )
            future.release()
            yield task, result
            submit_next()

    def close(self) -> None:
        """Disconnect from the cluster (and stop it when this executor started it)."""
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(kind: str, *, jobs: int, timeout: float | None, scheduler: str | None) -> Executor:
    """The executor named by ``--executor``."""
    if kind == "local":
        return LocalExecutor(jobs, timeout)
    if kind == "dask":
        return DaskExecutor(scheduler, jobs)
    raise ValueError(f"unknown executor {kind!r} (local or dask)")


__all__ = ["DaskExecutor", "Executor", "LocalExecutor", "default_jobs", "make_executor", "process_file"]
