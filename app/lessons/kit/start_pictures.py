"""The picture a lesson starts from: a built-in drawing, or one the model draws from a prompt."""

import threading
import weakref

import torch

from model.lessons.examples import draw_example
from model.pipeline import GenerationRequest, Pipeline
from model.team import Team

KEPT_DRAWINGS = 32  # per pipeline: a class reuses a handful of prompts
_drawings: "weakref.WeakKeyDictionary[Pipeline, dict[tuple[str, int, str], torch.Tensor]]" = (
    weakref.WeakKeyDictionary()
)  # weak, so a pipeline that is gone takes its drawings (and its weights) with it
_lock = threading.Lock()


def drawn_picture(pipeline: Pipeline, prompt: str, seed: int, team: Team) -> torch.Tensor:
    """The team's finished picture (1, 3, H, W) for a prompt and seed; kept, as asking again gives the same."""
    key = (prompt, seed, team.name)
    with _lock:
        kept = _drawings.setdefault(pipeline, {})
        if key in kept:
            kept[key] = kept.pop(key)  # most recently used last, so the oldest unused goes first
            return kept[key]
    picture = pipeline.sample(GenerationRequest(prompt=prompt, seed=seed, backbone=team.name))
    with _lock:
        if key not in kept and len(kept) >= KEPT_DRAWINGS:
            del kept[next(iter(kept))]
        kept[key] = picture
    return picture


def start_picture(pipeline: Pipeline, example: str | None, prompt: str | None, seed: int, team: Team) -> torch.Tensor:
    """A built-in picture by name, else the model's drawing of `prompt`; a ValueError names what is wrong."""
    if example is not None:
        return draw_example(example, pipeline.image_size).to(pipeline.device)
    if not prompt:
        raise ValueError("choose a built-in picture or type a few words for the model to draw")
    return drawn_picture(pipeline, prompt, seed, team)
