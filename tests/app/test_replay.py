"""The short memory of finished runs stays within its budget."""

import numpy as np

from app.replay import ReplayStore, Reveal


def _reveal(steps: int, size: int = 8) -> Reveal:
    reveal = Reveal()
    for _ in range(steps):
        frame = np.zeros((1, size, size, 3), np.uint8)
        reveal.record(frame, frame)
    return reveal


def test_oldest_runs_are_forgotten_past_the_job_limit():
    store = ReplayStore(max_jobs=2, max_bytes=2**20)
    for job_id in (1, 2, 3):
        store.add(job_id, _reveal(2))
    assert store.get(1) is None and store.get(2) is not None and store.get(3) is not None


def test_oldest_runs_are_forgotten_past_the_byte_limit():
    one_run = _reveal(10).nbytes
    store = ReplayStore(max_jobs=100, max_bytes=int(one_run * 2.5))
    for job_id in range(5):
        store.add(job_id, _reveal(10))
    assert [store.get(i) is not None for i in range(5)] == [False, False, False, True, True]


def test_a_run_bigger_than_the_budget_is_not_kept():
    store = ReplayStore(max_jobs=4, max_bytes=100)
    store.add(1, _reveal(10))
    assert store.get(1) is None
