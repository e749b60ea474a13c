"""Lesson computations share the CPU with live drawing: at most a few run at once, the rest wait their turn."""

import asyncio
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from fastapi.concurrency import run_in_threadpool

P = ParamSpec("P")
R = TypeVar("R")


class LessonGate:
    """Runs blocking lesson work off the event loop, no more than `limit` pieces at a time (FIFO)."""

    def __init__(self, limit: int):
        self._slots = asyncio.Semaphore(limit)

    async def run(self, work: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        async with self._slots:
            return await run_in_threadpool(work, *args, **kwargs)
