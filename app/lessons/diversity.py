"""Dust vs memorising: eight seeds of the real model beside the no-dust model's pictures."""

from typing import Annotated

import torch
from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.lessons.kit.deps import LessonGateDep, PipelineDep, lesson_query
from app.lessons.kit.lesson import Lesson
from app.lessons.kit.limits import MAX_SEED
from app.lessons.kit.queries import LessonRun
from app.lessons.kit.sheets import png_data_urls
from model.lessons.diversity import draw_without_dust, variety
from model.pipeline import GenerationRequest, Pipeline

router = APIRouter()

NUM_PICTURES = 8
NO_NO_DUST = "This model came without its no-dust twin, so there is nothing to compare it with."


class DiversityQuery(LessonRun):
    seed: int = Field(0, ge=0, le=MAX_SEED - NUM_PICTURES)  # the grid's pictures are seeds seed … seed + 7


class Grid(BaseModel):
    """N pictures and how different they are."""

    pictures: list[str]  # PNG data URLs, 32×32
    spread: float  # mean pairwise unlikeness, 0 = identical (model/lessons/diversity.py)
    distinct: float  # Vendi score: about how many different pictures


class Comparison(BaseModel):
    dust: Grid
    no_dust: Grid | None  # None when the model ships without its no-dust twin
    note: str | None  # why no_dust is missing
    scale: dict[str, float] | None  # the same score on real pictures, so the number means something


@router.get("/api/lessons/diversity")
async def diversity(
    query: Annotated[DiversityQuery, lesson_query(DiversityQuery)], pipeline: PipelineDep, gate: LessonGateDep
) -> Comparison:
    """Eight pictures from eight starting dusts, and the no-dust model's eight for the same words."""
    return await gate.run(_compare, pipeline, query)


def _grid(pictures: torch.Tensor) -> Grid:
    found = variety(pictures)
    return Grid(pictures=png_data_urls(pictures), spread=found.spread, distinct=found.distinct)


@torch.no_grad()
def _compare(pipeline: Pipeline, query: DiversityQuery) -> Comparison:
    request = GenerationRequest(
        prompt=query.prompt,
        seed=query.seed,
        num_inference_steps=query.steps,
        num_images=NUM_PICTURES,
    )
    dust = _grid(pipeline.sample(request))
    scale = pipeline.weights.variety_scale
    if pipeline.no_dust is None:
        return Comparison(dust=dust, no_dust=None, note=NO_NO_DUST, scale=scale)
    no_dust = _grid(draw_without_dust(pipeline, query.prompt, NUM_PICTURES))
    return Comparison(dust=dust, no_dust=no_dust, note=None, scale=scale)


LESSON = Lesson(
    "diversity",
    "Dust vs memorising",
    "Variety",
    "Why starting from dust gives a different picture every time.",
    router=router,
    seeds_after=NUM_PICTURES,  # the grid draws seeds seed … seed + 7, and the query allows up to MAX_SEED − 8
)
