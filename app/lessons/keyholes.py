"""Keyholes and patches: what each U-Net layer can see, and where a DiT patch looks."""

from typing import Annotated

import torch
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from app.deps import OptionsDep
from app.lessons.kit.deps import LessonGateDep, PipelineDep, check_length, lesson_query
from app.lessons.kit.lesson import Lesson
from app.lessons.kit.limits import MAX_LESSON_STEPS
from app.lessons.kit.queries import DustQuery, check_query, dusty_row, team_of
from model.capabilities import HasKeyholes, HasPatches
from model.lessons.keyholes import Keyhole, down_path_keyholes, patch_attention
from model.lessons.sprinkle import slider_timesteps
from model.pipeline import Pipeline
from model.team import Team

router = APIRouter()


class Keyholes(BaseModel):
    """Both teams' ways of looking, from the loaded model's own configuration."""

    image_size: int
    levels: list[Keyhole] | None  # Team CNN's down path layer by layer (ours, or a Stable Diffusion folder's)
    cell_pixels: int | None  # the picture pixels one cell of Team CNN's input paints (4 for a sketch cell)
    patch_size: int | None  # Team Transformer's patch side in pixels; None if it has no DiT


class PatchQuery(DustQuery):
    """A dusty picture (as on the dust slider), and the patch whose attention to show."""

    position: int = Field(8, ge=0, le=MAX_LESSON_STEPS)  # slider position: 0 = the clean picture
    patch: int = Field(0, ge=0)
    words: str = ""


class PatchLook(BaseModel):
    grid: int  # patches per side
    weights: list[float]  # grid × grid, row by row; they sum to 1


@router.get("/api/lessons/keyholes")
def keyholes(pipeline: PipelineDep) -> Keyholes:
    """U-Net receptive field layer by layer in its input's cells, and the DiT patch size in picture pixels (a
    sketchbook team's latent cell covers `pixels_per_cell` pixels of the painted picture)."""
    transformer, cnn = pipeline.team_with(HasPatches), pipeline.team_with(HasKeyholes)
    return Keyholes(
        image_size=pipeline.image_size,
        levels=_cnn_keyholes(cnn) if cnn else None,
        cell_pixels=cnn.pixels_per_cell if cnn else None,
        patch_size=_patch_side(transformer) * transformer.pixels_per_cell if transformer else None,
    )


def _cnn_keyholes(cnn: Team) -> list[Keyhole] | None:
    """Team CNN's keyholes, in cells of what it draws; None where its down path is not built like ours."""
    assert isinstance(cnn.network, HasKeyholes), "team_with(HasKeyholes) gives such teams only"
    path = cnn.network.down_path()
    return down_path_keyholes(path, cnn.config.image_size) if path else None


@router.get("/api/lessons/patch-attention")
async def patch_look(
    query: Annotated[PatchQuery, lesson_query(PatchQuery)],
    pipeline: PipelineDep,
    options: OptionsDep,
    gate: LessonGateDep,
) -> PatchLook:
    """Where one DiT patch looks in the dusty picture: self-attention averaged over heads and blocks."""
    check_query(query, options)
    check_length(query.words, options)
    transformer = pipeline.team_with(HasPatches)
    if transformer is None:
        raise HTTPException(404, "This model has no Team Transformer.")
    grid = transformer.config.image_size // _patch_side(transformer)
    if query.position > query.steps or query.patch >= grid * grid:
        raise HTTPException(422, f"Choose a position up to {query.steps} and a patch below {grid * grid}.")
    weights = await gate.run(_look, pipeline, transformer, query)
    return PatchLook(grid=grid, weights=weights.flatten().tolist())


def _patch_side(transformer: Team) -> int:
    """A transformer team's patch side, in cells of what it draws."""
    assert isinstance(transformer.network, HasPatches), "team_with(HasPatches) gives such teams only"
    return transformer.network.patch_size


def _look(pipeline: Pipeline, transformer: Team, query: PatchQuery) -> torch.Tensor:
    team = team_of(pipeline, query)  # the team whose dust is shown: the query's, else the model's first
    schedule = team.sampling_schedule(query.schedule)
    timestep = ([0] + slider_timesteps(schedule, query.steps))[query.position]
    denoiser = transformer.denoiser(schedule)
    x_t = dusty_row(pipeline, team, query)[query.position : query.position + 1]
    cond = pipeline.clip.condition([query.words])
    return patch_attention(transformer.network, x_t, denoiser.network_timestep(timestep), cond, query.patch)


LESSON = Lesson(
    "keyholes",
    "Keyholes and patches",
    "Keyholes",
    "How much of the picture each team can see at once.",
    router=router,
)
