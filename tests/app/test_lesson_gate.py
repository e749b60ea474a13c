import asyncio
import threading
import time

from app.lessons.gate import LessonGate


def test_no_more_than_the_limit_run_at_once_and_all_finish():
    running, most, lock = 0, 0, threading.Lock()

    def work(n: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        return n * n

    async def main() -> list[int]:
        gate = LessonGate(limit=2)
        return await asyncio.gather(*(gate.run(work, n) for n in range(8)))

    assert asyncio.run(main()) == [n * n for n in range(8)]
    assert most == 2


def test_the_event_loop_stays_free_while_lesson_work_runs():
    async def main() -> bool:
        gate = LessonGate(limit=1)
        work = asyncio.ensure_future(gate.run(time.sleep, 0.2))
        await asyncio.sleep(0.01)
        responsive = not work.done()  # this line ran while the work was still sleeping in its thread
        await work
        return responsive

    assert asyncio.run(main())
