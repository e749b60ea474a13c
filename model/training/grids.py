"""Sample grids (prompts × seeds) drawn from pure noise: the check that matters, not the loss."""

from pathlib import Path

import numpy as np
import torch
from PIL import Image

from model.images import to_uint8
from model.lessons.diversity import draw_without_dust
from model.pipeline import GenerationRequest, Pipeline, quick_request

GRID_PROMPTS = ("dog", "red apple", "rocket", "sun", "cat", "pizza", "tree", "car")
QUICK = "-quick"  # "dit-quick": Team Transformer's few-step student, as evaluation names it


def drawers(pipeline: Pipeline) -> list[str]:
    """Every model a pipeline draws with, by evaluation's names: its teams, their students, the no-dust model."""
    students = [f"{team.name}{QUICK}" for team in pipeline.teams.values() if team.quick is not None]
    return [*pipeline.backbones, *students, *(["nodust"] if pipeline.no_dust is not None else [])]


def pictures_for(pipeline: Pipeline, model: str, prompt: str, seeds: int, guidance: float) -> torch.Tensor:
    """`seeds` pictures (N, C, H, W) of one prompt at the app's sampler and steps; no-dust ignores the seed, and a
    student (`dit-quick`) draws as the quick switch does, in its own steps with its guidance baked in."""
    if model == "nodust":
        return draw_without_dust(pipeline, prompt, seeds)
    if model.endswith(QUICK):
        team = pipeline.team(model.removesuffix(QUICK))
        if team.quick is None:
            raise ValueError(f"{team.label} has no few-step student")
        request = GenerationRequest(prompt, backbone=team.name, num_images=seeds)
        return pipeline.sample(quick_request(request, team.quick.config.distilled_steps)).clamp(-1, 1)
    request = GenerationRequest(prompt, backbone=model, num_images=seeds, guidance_scale=guidance)
    return pipeline.sample(request).clamp(-1, 1)


def save_sample_grid(
    pipeline: Pipeline, backbone: str, path: Path, seeds: int = 2, guidance: float = GenerationRequest.guidance_scale
) -> None:
    """Prompts × seeds drawn from pure noise (the whole product), not just the loss."""
    rows = [
        np.concatenate(list(to_uint8(pictures_for(pipeline, backbone, p, seeds, guidance))), axis=1)
        for p in GRID_PROMPTS
    ]
    Image.fromarray(np.concatenate(rows, axis=0)).resize(
        (seeds * 96, len(GRID_PROMPTS) * 96), Image.Resampling.NEAREST
    ).save(path)
