"""Evaluation draws with every model a folder holds, students included, as the app draws with them."""

from dataclasses import replace

import pytest
import torch

from model.loading import tiny_pipeline
from model.pipeline import GenerationRequest, Pipeline
from model.training.grids import drawers, pictures_for


def test_a_student_draws_as_the_quick_switch_does_and_is_named_after_its_team():
    tiny = tiny_pipeline(quick_steps=2)
    pipeline = Pipeline(tiny.clip, [tiny.teams["unet"], replace(tiny.teams["dit"], quick=None)])
    assert drawers(tiny) == ["unet", "dit", "unet-quick", "dit-quick"]
    assert drawers(pipeline) == ["unet", "dit", "unet-quick"]
    drawn = pictures_for(pipeline, "unet-quick", "a cat", seeds=2, guidance=7.0)  # the student's hint is its own
    request = GenerationRequest("a cat", backbone="unet", num_images=2, quick=True, num_inference_steps=2)
    steps = list(pipeline.generate(replace(request, sampler="ddim", guidance_scale=1.0)))
    assert len(steps) == 2 and torch.equal(drawn, steps[-1].x_next.clamp(-1, 1))
    with pytest.raises(ValueError, match="no few-step student"):
        pictures_for(pipeline, "dit-quick", "a cat", seeds=1, guidance=2.0)
