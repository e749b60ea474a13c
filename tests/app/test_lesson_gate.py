import asyncio
import threading
import time

import pytest
from fastapi.testclient import TestClient

from app.lessons.kit.gate import LessonGate, LessonsBusy


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
        gate = LessonGate(limit=2, max_waiting=8)
        return await asyncio.gather(*(gate.run(work, n) for n in range(8)))

    assert asyncio.run(main()) == [n * n for n in range(8)]
    assert most == 2


def test_the_event_loop_stays_free_while_lesson_work_runs():
    async def main() -> bool:
        gate = LessonGate(limit=1, max_waiting=0)
        work = asyncio.ensure_future(gate.run(time.sleep, 0.2))
        await asyncio.sleep(0.01)
        responsive = not work.done()  # this line ran while the work was still sleeping in its thread
        await work
        return responsive

    assert asyncio.run(main())


def test_a_full_waiting_line_refuses_at_once_and_the_rest_finish():
    async def main() -> tuple[list[object], int]:
        gate = LessonGate(limit=1, max_waiting=1)
        running = asyncio.ensure_future(gate.run(time.sleep, 0.1))
        await asyncio.sleep(0.01)
        waiting = asyncio.ensure_future(gate.run(pow, 2, 5))
        await asyncio.sleep(0.01)
        with pytest.raises(LessonsBusy, match="busy"):
            await gate.run(pow, 3, 2)
        under_way = asyncio.ensure_future(gate.wait_turn(pow, 2, 2))  # a run already going waits its turn
        results = await asyncio.gather(running, waiting, under_way)
        return results, await gate.run(pow, 3, 2)  # the line is free again

    assert asyncio.run(main()) == ([None, 32, 4], 9)


def test_a_busy_gate_answers_lesson_requests_with_503_and_a_sentence(client: TestClient, monkeypatch):
    async def refuse(*_: object, **__: object) -> None:
        raise LessonsBusy()

    monkeypatch.setattr(LessonGate, "run", refuse)
    response = client.get("/api/lessons/dust.png", params={"example": "smiley"})
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    assert response.json()["detail"] == str(LessonsBusy())
    with client.websocket_connect("/ws/lessons") as socket:
        socket.send_json({"lesson": "teams", "prompt": "a cat", "steps": 2})
        assert socket.receive_json() == {"type": "error", "message": str(LessonsBusy())}
