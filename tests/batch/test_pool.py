"""The process pool: per-task time limits, crashes and recycling, without real documents."""

from __future__ import annotations

import pytest

from gongkai.batchrun.pool import ProcessPool

from .pool_targets import behave, slow_start


def run(items: list[tuple[str, float]], **options: object) -> dict[tuple[str, float], tuple[str, object, str]]:
    pool = ProcessPool(behave, options.pop("jobs", 2), **options)  # type: ignore[arg-type]
    try:
        return {item: (o.status, o.value, o.detail) for item, o in pool.imap_unordered(items)}
    finally:
        pool.close()


def test_results_of_every_item() -> None:
    items = [("value", float(i)) for i in range(7)]
    outcomes = run(items)
    assert outcomes == {item: ("done", item[1], "") for item in items}


def test_a_task_over_the_limit_is_killed_and_the_rest_go_on() -> None:
    items = [("sleep", 30.0), ("value", 1.0), ("sleep", 0.05), ("value", 2.0)]
    outcomes = run(items, timeout=1.0)
    assert outcomes[("sleep", 30.0)][0] == "timeout"
    assert outcomes[("value", 1.0)] == ("done", 1.0, "")
    assert outcomes[("sleep", 0.05)] == ("done", 0.05, "")
    assert outcomes[("value", 2.0)] == ("done", 2.0, "")


def test_warm_up_is_not_charged_to_the_first_task() -> None:
    outcomes = run([("value", 1.0), ("value", 2.0)], timeout=0.3, warm_up=slow_start)
    assert {status for status, _, _ in outcomes.values()} == {"done"}


def test_crashes_and_exceptions_are_reported_per_task() -> None:
    items = [("kill", 0.0), ("exit", 3.0), ("raise", 1.0), ("value", 5.0)]
    outcomes = run(items, jobs=1)
    assert outcomes[("kill", 0.0)][0] == "crashed" and "SIGKILL" in outcomes[("kill", 0.0)][2]
    assert outcomes[("exit", 3.0)][0] == "crashed" and "3" in outcomes[("exit", 3.0)][2]
    assert outcomes[("raise", 1.0)][0] == "raised" and "ValueError" in outcomes[("raise", 1.0)][2]
    assert outcomes[("value", 5.0)] == ("done", 5.0, "")


def test_workers_are_recycled_after_their_quota() -> None:
    pool = ProcessPool(behave, 1, max_tasks_per_worker=2)
    try:
        pids = [outcome.value for _, outcome in pool.imap_unordered([("pid", float(i)) for i in range(5)])]
    finally:
        pool.close()
    assert len(set(pids)) == 3
    assert pool.started_workers == 3


def test_jobs_must_be_positive() -> None:
    with pytest.raises(ValueError):
        ProcessPool(behave, 0)
