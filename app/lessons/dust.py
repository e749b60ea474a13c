"""Sprinkling dust: the forward process, and SDEdit's way back ("clean it up")."""

from typing import Annotated

import torch
from fastapi import APIRouter, HTTPException
from fastapi.responses import Response
from pydantic import BaseModel, Field

from app.deps import OptionsDep
from app.lessons.kit.deps import LessonGateDep, PipelineDep, check_length, lesson_query
from app.lessons.kit.lesson import Lesson
from app.lessons.kit.limits import MAX_LESSON_STEPS
from app.lessons.kit.queries import DustQuery, check_query, dusty_row, team_of
from app.lessons.kit.sheets import png_response, sheet_png
from model.lessons.examples import EXAMPLES
from model.lessons.sprinkle import clean_up
from model.pipeline import GenerationRequest, Pipeline

router = APIRouter()


class Example(BaseModel):
    name: str
    label: str


class CleanUpQuery(DustQuery):
    """Where on the slider to start cleaning up, and with which words."""

    start: int = Field(ge=0, le=MAX_LESSON_STEPS)
    words: str = ""
    guidance_scale: float = Field(3.0, allow_inf_nan=False)  # a firmer hint than a drawing's: SDEdit starts half-way


@router.get("/api/lessons/examples")
def examples() -> list[Example]:
    """The built-in pictures, for the picker."""
    return [Example(name=name, label=label) for name, (label, _) in EXAMPLES.items()]


@router.get("/api/lessons/dust.png", response_class=Response)
async def dust_sheet(
    query: Annotated[DustQuery, lesson_query(DustQuery)],
    pipeline: PipelineDep,
    options: OptionsDep,
    gate: LessonGateDep,
) -> Response:
    """One row of K + 1 pictures: the clean picture, then x_t at every slider position with the same ε."""
    check_query(query, options)
    return png_response(await gate.run(_dust_sheet, pipeline, query))


@router.get("/api/lessons/clean-up.png", response_class=Response)
async def clean_up_sheet(
    query: Annotated[CleanUpQuery, lesson_query(CleanUpQuery)],
    pipeline: PipelineDep,
    options: OptionsDep,
    gate: LessonGateDep,
) -> Response:
    """Two rows of start + 1 pictures: the dusty paper after each step, and the model's guess at each step."""
    check_query(query, options)
    if query.start > query.steps:
        raise HTTPException(422, f"Start from a position between 0 and {query.steps}.")
    check_length(query.words, options)
    return png_response(await gate.run(_clean_up_sheet, pipeline, query))


@torch.no_grad()
def _dust_sheet(pipeline: Pipeline, query: DustQuery) -> bytes:
    team = team_of(pipeline, query)
    return sheet_png([team.to_view(dusty_row(pipeline, team, query))])


@torch.no_grad()
def _clean_up_sheet(pipeline: Pipeline, query: CleanUpQuery) -> bytes:
    team = team_of(pipeline, query)
    dusty = dusty_row(pipeline, team, query)
    schedule = team.sampling_schedule(query.schedule)
    request = GenerationRequest(prompt=query.words, guidance_scale=query.guidance_scale, backbone=team.name)
    denoiser = pipeline.guided_denoiser(request, schedule)
    start = dusty[query.start : query.start + 1]
    steps = list(clean_up(denoiser, start, schedule, query.steps, query.start))
    papers = [start] + [step.x_next for step in steps]
    guesses = [step.pred_x0 for step in steps] + [papers[-1]]
    return sheet_png([team.to_view(torch.cat(rows)) for rows in (papers, guesses)])


LESSON = Lesson(
    "dust",
    "Sprinkling dust",
    "Dust",
    "Watch a picture disappear under dust, then let the model clean it up.",
    router=router,
)
