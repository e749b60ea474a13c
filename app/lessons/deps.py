"""The loaded pipeline, for lesson routes that run the model directly."""

from typing import Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from model.pipeline import Pipeline


def get_pipeline(connection: HTTPConnection) -> Pipeline:
    return connection.app.state.pipeline


PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]
