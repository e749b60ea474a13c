"""What lesson routes share: the loaded pipeline, the gate its runs pass through, and the length rule."""

from typing import Annotated

from fastapi import Depends, HTTPException
from starlette.requests import HTTPConnection

from app.lessons.gate import LessonGate
from app.protocol import Options
from model.pipeline import Pipeline


def get_pipeline(connection: HTTPConnection) -> Pipeline:
    return connection.app.state.pipeline


PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]


def get_lesson_gate(connection: HTTPConnection) -> LessonGate:
    return connection.app.state.lesson_gate


LessonGateDep = Annotated[LessonGate, Depends(get_lesson_gate)]


def check_length(text: str, options: Options) -> None:
    """Refuse words longer than the server accepts anywhere, with a sentence (422)."""
    if len(text) > options.limits.max_prompt_chars:
        raise HTTPException(422, f"Use at most {options.limits.max_prompt_chars} characters for the words.")
