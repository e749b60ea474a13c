"""The /ws/lessons protocol, every message in one place (docs/protocol.md, "The lessons socket").

The client sends one `LiveRun` at a time; the server answers each step of each lane with a `LessonStep`
followed by one binary PNG of that lane's panels side by side, then `LessonDone`, or a `LessonError`.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.lessons.kit.limits import MAX_LESSON_GUIDANCE, MAX_LESSON_STEPS, MAX_SEED
from app.lessons.registry import LIVE_RUNS
from model.pipeline import GenerationRequest


class LiveRun(BaseModel):
    """One live lesson run: which lesson, the words, and the starting dust."""

    model_config = ConfigDict(extra="forbid")

    lesson: str  # a live run some lesson registers (app/lessons/registry.py): teams, guidance, sweep, words
    prompt: str = Field(min_length=1)  # its length limit is the server's max_prompt_chars, checked on receipt
    seed: int = Field(0, ge=0, le=MAX_SEED)
    steps: int = Field(20, ge=1, le=MAX_LESSON_STEPS)
    guidance: float = Field(GenerationRequest.guidance_scale, ge=0, le=MAX_LESSON_GUIDANCE, allow_inf_nan=False)

    @field_validator("lesson")
    @classmethod
    def _a_live_run(cls, name: str) -> str:
        if name not in LIVE_RUNS:
            raise ValueError(f"choose one of {', '.join(LIVE_RUNS)}")
        return name


class LessonStep(BaseModel):
    """One lane's step; its panels follow as one binary PNG. Extra fields are the lane's facts (numbers)."""

    model_config = ConfigDict(extra="allow")

    type: Literal["step"] = "step"
    lane: str  # e.g. "unet" and "dit" in the teams race
    index: int  # 0-based step
    total: int
    ms: float  # this step's compute time for this lane
    total_ms: float  # the lane's compute time so far


class LessonDone(BaseModel):
    type: Literal["done"] = "done"
    total_ms: dict[str, float]  # per lane


class LessonError(BaseModel):
    type: Literal["error"] = "error"
    message: str  # a sentence for the page
