"""The picture a lesson starts from: a built-in drawing, or one the model draws from a prompt."""

import functools

import torch

from model.lessons.examples import draw_example
from model.pipeline import GenerationRequest, Pipeline


@functools.lru_cache(maxsize=32)
def drawn_picture(pipeline: Pipeline, prompt: str, seed: int, backbone: str) -> torch.Tensor:
    """The model's finished picture (1, 3, H, W) for a prompt and seed; kept, as asking again gives the same."""
    for step in pipeline.generate(GenerationRequest(prompt=prompt, seed=seed, backbone=backbone)):
        last = step
    return last.x_next


def start_picture(
    pipeline: Pipeline, example: str | None, prompt: str | None, seed: int, backbone: str
) -> torch.Tensor:
    """A built-in picture by name, else the model's drawing of `prompt`; a ValueError names what is wrong."""
    if example is not None:
        return draw_example(example, pipeline.image_size).to(pipeline.device)
    if not prompt:
        raise ValueError("choose a built-in picture or type a few words for the model to draw")
    return drawn_picture(pipeline, prompt, seed, backbone)
