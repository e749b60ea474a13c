"""The /ws/lessons protocol, every message in one place (docs/protocol.md, "The lessons socket").

The client sends one `LiveRun` at a time; the server answers each step of each lane with a `LessonStep`
followed by one binary PNG of that lane's panels side by side, then `LessonDone`, or a `LessonError`.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from app.lessons.kit.queries import LessonRun
from app.lessons.registry import LIVE_RUNS


class LiveRun(LessonRun):
    """One live lesson run: which lesson, and the words, dust, steps and hint of every lesson request."""

    lesson: str  # a live run some lesson registers (app/lessons/registry.py): teams, guidance, sweep, words

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
