"""The live lessons (two teams, the teacher's hints, words to pictures), over one WebSocket."""

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import ValidationError

from app.admission import admitted
from app.deps import OptionsDep, SettingsDep
from app.lessons.kit.deps import LessonGateDep, PipelineDep
from app.lessons.kit.gate import LessonGate, LessonsBusy
from app.lessons.kit.messages import LessonError, LiveRun
from app.lessons.kit.stream import stream_lanes
from app.lessons.registry import LIVE_RUNS
from app.protocol import Options, explain
from model.pipeline import GenerationRequest, Pipeline

router = APIRouter()


@router.websocket("/ws/lessons")
async def live_lessons(
    websocket: WebSocket, pipeline: PipelineDep, gate: LessonGateDep, options: OptionsDep, settings: SettingsDep
) -> None:
    """Each JSON `LiveRun` is answered by `step` messages with their PNGs, then `done` (or one `error`)."""
    async with admitted(websocket, settings, "the lessons") as welcome:
        if welcome:
            await _serve(websocket, pipeline, gate, options)


async def _serve(websocket: WebSocket, pipeline: Pipeline, gate: LessonGate, options: Options) -> None:
    try:
        while True:
            try:
                run = LiveRun.model_validate_json(await websocket.receive_text(), context={"options": options})
            except ValidationError as error:
                await websocket.send_text(LessonError(message=explain(error).error.message).model_dump_json())
                continue
            request = GenerationRequest(
                prompt=run.prompt,
                seed=run.seed,
                num_inference_steps=run.steps,
                guidance_scale=run.guidance_scale,
            )
            try:
                await stream_lanes(websocket, gate, LIVE_RUNS[run.lesson](pipeline, request), run.steps)
            except (LessonsBusy, ValueError) as refused:  # a busy gate, or a lesson this model cannot show
                await websocket.send_text(LessonError(message=str(refused)).model_dump_json())
    except WebSocketDisconnect:
        return
