"""What lesson routes share: the loaded pipeline, the gate its runs pass through, and the rules for words."""

from typing import Annotated

from fastapi import Depends, HTTPException
from starlette.requests import HTTPConnection

from app.blocked import PROMPT_REFUSAL
from app.lessons.kit.gate import LessonGate
from app.protocol import Options
from model.pipeline import Pipeline


def get_pipeline(connection: HTTPConnection) -> Pipeline:
    return connection.app.state.pipeline


PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]


def get_lesson_gate(connection: HTTPConnection) -> LessonGate:
    return connection.app.state.lesson_gate


LessonGateDep = Annotated[LessonGate, Depends(get_lesson_gate)]


def refusal(text: str, options: Options) -> str | None:
    """Why a lesson will not take these words, in a sentence: longer than the server accepts anywhere, or holding a
    word the school's list blocks (app/blocked.py); None when it takes them."""
    if len(text) > options.limits.max_prompt_chars:
        return f"Use at most {options.limits.max_prompt_chars} characters for the words."
    if options.blocks(text):
        return PROMPT_REFUSAL
    return None


def check_length(text: str, options: Options) -> None:
    """Refuse words the lessons do not take (`refusal`), with its sentence (422)."""
    if (sentence := refusal(text, options)) is not None:
        raise HTTPException(422, sentence)
