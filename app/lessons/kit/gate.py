"""Lesson computations share the CPU with live drawing: at most a few run at once, a few more wait their turn."""

import asyncio
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from fastapi.concurrency import run_in_threadpool

P = ParamSpec("P")
R = TypeVar("R")


class LessonsBusy(Exception):
    """The waiting line is full: the request is refused at once instead of queueing work nobody may still want."""

    def __init__(self) -> None:
        super().__init__("The lessons are busy right now; try again in a moment.")


class LessonGate:
    """Runs blocking lesson work off the event loop, `limit` pieces at a time (FIFO), at most `max_waiting` in line.

    Starlette keeps running a handler whose client has gone, so an unbounded line would let one page
    looping on a lesson queue minutes of work for everyone after it.
    """

    def __init__(self, limit: int, max_waiting: int):
        self._slots = asyncio.Semaphore(limit)
        self._max_waiting = max_waiting
        self._waiting = 0  # event loop only

    async def run(self, work: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Raises LessonsBusy when `max_waiting` others already wait for a slot."""
        if self._slots.locked() and self._waiting >= self._max_waiting:
            raise LessonsBusy()
        return await self.wait_turn(work, *args, **kwargs)

    async def wait_turn(self, work: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Never refuses: a run already under way waits its turn rather than stop halfway."""
        self._waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self._waiting -= 1
        try:
            return await run_in_threadpool(work, *args, **kwargs)
        finally:
            self._slots.release()
