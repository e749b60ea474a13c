"""Live lesson runs over a WebSocket: a JSON `step` per lane and step, then its panels as one PNG."""

import time

import torch
from fastapi import WebSocket

from app.lessons.kit.gate import LessonGate
from app.lessons.kit.lanes import Lane, Shown
from app.lessons.kit.messages import LessonDone, LessonStep
from app.lessons.kit.sheets import sheet_png


def _timed_next(lane: Lane) -> tuple[Shown | None, float]:
    """The lane's next step (None at its end) and the milliseconds it took."""
    started = time.perf_counter()
    with torch.no_grad():
        shown = next(lane, None)
    return shown, (time.perf_counter() - started) * 1000


async def stream_lanes(websocket: WebSocket, gate: LessonGate, lanes: dict[str, Lane], total: int) -> None:
    """Advance the lanes in turn, one step each, through the gate, so they race fairly; a lane with fewer steps
    (`Shown.total`, else `total`) finishes first and the others go on; then `done`."""
    spent = dict.fromkeys(lanes, 0.0)
    running = dict(lanes)
    index, under_way = 0, False  # once under way, a busy gate makes the run wait, never stop halfway
    while running:
        for name, lane in list(running.items()):
            shown, ms = await (gate.wait_turn if under_way else gate.run)(_timed_next, lane)
            under_way = True
            if shown is None:
                del running[name]
                continue
            spent[name] += ms
            fields = {"lane": name, "index": index, "total": shown.total or total, "ms": ms, "total_ms": spent[name]}
            step = LessonStep.model_validate(fields | shown.facts)
            await websocket.send_text(step.model_dump_json())
            await websocket.send_bytes(sheet_png([torch.cat(shown.panels)]))
        index += 1
    await websocket.send_text(LessonDone(total_ms=spent).model_dump_json())
