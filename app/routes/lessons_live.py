"""The live lessons (two teams, the teacher's hints, words to pictures), over one WebSocket."""

from typing import Literal

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.admission import admitted
from app.deps import OptionsDep, SettingsDep
from app.lessons.deps import LessonGateDep, PipelineDep
from app.lessons.gate import LessonGate, LessonsBusy
from app.lessons.lanes import LIVE_LESSONS
from app.lessons.limits import MAX_LESSON_GUIDANCE, MAX_LESSON_STEPS, MAX_SEED
from app.lessons.stream import stream_lanes
from model.pipeline import GenerationRequest, Pipeline

router = APIRouter()


class LiveRun(BaseModel):
    """One live lesson run: which lesson, the words, and the starting dust."""

    model_config = ConfigDict(extra="forbid")

    lesson: Literal["teams", "guidance", "sweep", "words"]
    prompt: str = Field(min_length=1, max_length=200)
    seed: int = Field(0, ge=0, le=MAX_SEED)
    steps: int = Field(20, ge=1, le=MAX_LESSON_STEPS)
    guidance: float = Field(3.0, ge=0, le=MAX_LESSON_GUIDANCE, allow_inf_nan=False)


@router.websocket("/ws/lessons")
async def live_lessons(
    websocket: WebSocket, pipeline: PipelineDep, gate: LessonGateDep, options: OptionsDep, settings: SettingsDep
) -> None:
    """Each JSON `LiveRun` is answered by `step` messages with their PNGs, then `done` (or one `error`)."""
    async with admitted(websocket, settings, "the lessons") as welcome:
        if welcome:
            await _serve(websocket, pipeline, gate, options.limits.max_prompt_chars)


async def _serve(websocket: WebSocket, pipeline: Pipeline, gate: LessonGate, limit: int) -> None:
    try:
        while True:
            try:
                run = LiveRun.model_validate_json(await websocket.receive_text())
            except ValidationError as error:
                await websocket.send_json({"type": "error", "message": _sentence(error)})
                continue
            if len(run.prompt) > limit:
                await websocket.send_json({"type": "error", "message": f"Use at most {limit} characters."})
                continue
            request = GenerationRequest(
                prompt=run.prompt, seed=run.seed, num_inference_steps=run.steps, guidance_scale=run.guidance
            )
            try:
                await stream_lanes(websocket, gate, LIVE_LESSONS[run.lesson](pipeline, request), run.steps)
            except LessonsBusy as busy:
                await websocket.send_json({"type": "error", "message": str(busy)})
    except WebSocketDisconnect:
        return


def _sentence(error: ValidationError) -> str:
    """The first problem in words: which field, and what is wrong with it."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "message"
    return f"{where}: {first['msg']}."
