"""Sample grids (prompts × seeds) drawn from pure noise: the check that matters, not the loss."""

from pathlib import Path

import numpy as np
from PIL import Image

from model.images import to_uint8
from model.pipeline import GenerationRequest, Pipeline

GRID_PROMPTS = ("dog", "red apple", "rocket", "sun", "cat", "pizza", "tree", "car")


def save_sample_grid(
    pipeline: Pipeline, backbone: str, path: Path, seeds: int = 2, guidance: float = GenerationRequest.guidance_scale
) -> None:
    """Prompts × seeds drawn from pure noise (the whole product), not just the loss."""
    rows = []
    for prompt in GRID_PROMPTS:
        if backbone == "nodust":
            images = pipeline.draw_without_dust(prompt, seeds)
        else:
            request = GenerationRequest(
                prompt, backbone=backbone, num_images=seeds, num_inference_steps=20, guidance_scale=guidance
            )
            images = list(pipeline.generate(request))[-1].x_next
        rows.append(np.concatenate(list(to_uint8(images)), axis=1))
    Image.fromarray(np.concatenate(rows, axis=0)).resize((seeds * 96, len(GRID_PROMPTS) * 96), Image.NEAREST).save(path)
