"""What lesson routes share: the loaded pipeline, the gate its runs pass through, and the rules for requests."""

from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException
from pydantic import BaseModel, ValidationError
from starlette.requests import HTTPConnection, Request

from app.deps import OptionsDep
from app.lessons.kit.gate import LessonGate
from app.protocol import Options, explain, words_refused
from model.pipeline import Pipeline

M = TypeVar("M", bound=BaseModel)


def get_pipeline(connection: HTTPConnection) -> Pipeline:
    return connection.app.state.pipeline


PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]


def get_lesson_gate(connection: HTTPConnection) -> LessonGate:
    return connection.app.state.lesson_gate


LessonGateDep = Annotated[LessonGate, Depends(get_lesson_gate)]


def refused(error: ValidationError) -> HTTPException:
    """A request a lesson route will not take, as a 422 whose detail is /ws's sentence for it (protocol.explain)."""
    return HTTPException(422, explain(error).error.message)


def lesson_query(model: type[M]) -> Any:
    """A dependency that reads a lesson's query string as `model`, checked against the server's options like /ws."""

    def parse(request: Request, options: OptionsDep) -> M:
        try:
            return model.model_validate(dict(request.query_params), context={"options": options})
        except ValidationError as error:
            raise refused(error) from None

    return Depends(parse)


def check_length(text: str, options: Options) -> None:
    """Refuse words the lessons do not take (too long, or a blocked word), in /ws's sentence (422)."""
    if (problem := words_refused(options, ("prompt", text))) is not None:
        raise HTTPException(422, problem.message())
