"""Lesson 1, sprinkling dust, and lesson 2, the dusty clock: the forward process and SDEdit's way back."""

from typing import Annotated

import torch
from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from app.deps import OptionsDep
from app.lessons.deps import LessonGateDep, PipelineDep, check_length
from app.lessons.limits import MAX_LESSON_GUIDANCE, MAX_LESSON_STEPS, MAX_SEED
from app.lessons.pictures import start_picture
from app.lessons.sheets import png_response, sheet_png
from app.protocol import Options
from model.lessons.examples import EXAMPLES
from model.lessons.sprinkle import clean_up, slider_alpha_bars, sprinkle
from model.pipeline import GenerationRequest, Pipeline
from model.schedules import NoiseSchedule

router = APIRouter()


class Example(BaseModel):
    name: str
    label: str


class DustQuery(BaseModel):
    """Which picture gets dust, which dust, and on which clock."""

    model_config = ConfigDict(extra="forbid")

    example: str | None = None  # a built-in picture; otherwise the model draws `prompt`
    prompt: str | None = None
    seed: int = Field(0, ge=0, le=MAX_SEED)  # for the drawn picture
    noise_seed: int = Field(0, ge=0, le=MAX_SEED)  # the one handful of dust used at every position
    steps: int = Field(20, ge=1, le=MAX_LESSON_STEPS)
    schedule: str | None = None  # None: the model's own schedule
    backbone: str = "unet"


class CleanUpQuery(DustQuery):
    """Where on the slider to start cleaning up, and with which words."""

    start: int = Field(ge=0, le=MAX_LESSON_STEPS)
    words: str = ""
    guidance: float = Field(3.0, ge=0, le=MAX_LESSON_GUIDANCE, allow_inf_nan=False)


@router.get("/api/lessons/examples")
def examples() -> list[Example]:
    """The built-in pictures, for the picker."""
    return [Example(name=name, label=label) for name, (label, _) in EXAMPLES.items()]


@router.get("/api/lessons/dust.png", response_class=Response)
async def dust_sheet(
    query: Annotated[DustQuery, Query()], pipeline: PipelineDep, options: OptionsDep, gate: LessonGateDep
) -> Response:
    """One row of K + 1 pictures: the clean picture, then x_t at every slider position with the same ε."""
    check_query(query, options)
    return png_response(await gate.run(_dust_sheet, pipeline, query))


@router.get("/api/lessons/clean-up.png", response_class=Response)
async def clean_up_sheet(
    query: Annotated[CleanUpQuery, Query()], pipeline: PipelineDep, options: OptionsDep, gate: LessonGateDep
) -> Response:
    """Two rows of start + 1 pictures: the dusty paper after each step, and the model's guess at each step."""
    check_query(query, options)
    if query.start > query.steps:
        raise HTTPException(422, f"Start from a position between 0 and {query.steps}.")
    check_length(query.words, options)
    return png_response(await gate.run(_clean_up_sheet, pipeline, query))


def check_query(query: DustQuery, options: Options) -> None:
    """Refuse what the model can't serve, with a sentence a person can act on."""
    problems = [
        (query.example is not None and query.example not in EXAMPLES, f"Choose a picture from: {', '.join(EXAMPLES)}."),
        (query.example is None and not (query.prompt or "").strip(), "Choose a picture or type a few words."),
        (len(query.prompt or "") > options.limits.max_prompt_chars, "Those words are too long."),
        (query.backbone not in {b.name for b in options.backbones}, f"There is no team called “{query.backbone}”."),
        (query.schedule not in {None, *(s.name for s in options.schedules)}, "There is no clock by that name."),
    ]
    for bad, sentence in problems:
        if bad:
            raise HTTPException(422, sentence)


def schedule_of(pipeline: Pipeline, query: DustQuery) -> NoiseSchedule:
    return pipeline.sampling_schedule(query.backbone, query.schedule)


def dusty_row(pipeline: Pipeline, query: DustQuery) -> torch.Tensor:
    """x_t at every slider position (K + 1, C, H, W) in the team's own space, position 0 being the clean
    picture; a sketchbook team dusts the picture's latent (encode → dust), not its pixels."""
    picture = start_picture(pipeline, query.example, query.prompt, query.seed, query.backbone)
    x0 = pipeline.to_team_space(query.backbone, picture)
    noise = torch.randn(x0.shape, generator=torch.Generator().manual_seed(query.noise_seed)).to(x0.device)
    return sprinkle(x0, noise, slider_alpha_bars(schedule_of(pipeline, query), query.steps))


@torch.no_grad()
def _dust_sheet(pipeline: Pipeline, query: DustQuery) -> bytes:
    return sheet_png([pipeline.to_view(query.backbone, dusty_row(pipeline, query))])


@torch.no_grad()
def _clean_up_sheet(pipeline: Pipeline, query: CleanUpQuery) -> bytes:
    dusty = dusty_row(pipeline, query)
    schedule = schedule_of(pipeline, query)
    request = GenerationRequest(prompt=query.words, guidance_scale=query.guidance, backbone=query.backbone)
    denoiser = pipeline.guided_denoiser(request, schedule)
    start = dusty[query.start : query.start + 1]
    steps = list(clean_up(denoiser, start, schedule, query.steps, query.start))
    papers = [start] + [step.x_next for step in steps]
    guesses = [step.pred_x0 for step in steps] + [papers[-1]]
    return sheet_png([pipeline.to_view(query.backbone, torch.cat(rows)) for rows in (papers, guesses)])
