"""The live lessons' runs as "lanes": each yields, step by step, the pictures that lesson shows side by side."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import torch

from model.pipeline import GenerationRequest, Pipeline


@dataclass(frozen=True)
class Shown:
    """What a lane shows for one step: pictures side by side, and numbers for the page."""

    panels: list[torch.Tensor]  # each (1, 3, H, W), left to right
    facts: dict[str, float] = field(default_factory=dict)
    total: int | None = None  # the lane's own number of steps, where they may not be the run's (a few-step student)


Lane = Iterator[Shown]
LiveRun = Callable[[Pipeline, GenerationRequest], dict[str, Lane]]  # a live run: its lanes, by name


def drawing_lane(pipeline: Pipeline, request: GenerationRequest) -> Lane:
    """A plain run: the dusty paper x_t and the model's guess x̂0 at every step."""
    for step in pipeline.generate(request):
        yield Shown([step.x_t, step.pred_x0], total=request.num_inference_steps)
