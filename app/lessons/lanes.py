"""The live lessons' runs as "lanes": each yields, step by step, the pictures that lesson shows side by side."""

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import torch

from model.diffusion import Estimate
from model.lessons.words import picture_word_match
from model.pipeline import GenerationRequest, Pipeline

GUIDANCE_SWEEP = (0.0, 1.0, 3.0, 7.0, 15.0)


@dataclass(frozen=True)
class Shown:
    """What a lane shows for one step: pictures side by side, and numbers for the page."""

    panels: list[torch.Tensor]  # each (1, 3, H, W), left to right
    facts: dict[str, float] = field(default_factory=dict)


Lane = Iterator[Shown]


def drawing_lane(pipeline: Pipeline, request: GenerationRequest) -> Lane:
    """A plain run: the dusty paper x_t and the model's guess x̂0 at every step."""
    for step in pipeline.generate(request):
        yield Shown([step.x_t, step.pred_x0])


WORDS_PUSH_GAIN = 2.0  # the words' push is small next to the pictures: shown twice as strong, grey = none


def guidance_lane(pipeline: Pipeline, request: GenerationRequest) -> Lane:
    """Classifier-free guidance taken apart: the guess without words, with words, the guided mix, the
    dusty paper, and what the words change (with words minus without, amplified; grey is no change).

    At scale 1 the unguided guess is never computed (one pass is enough), so its panel and the change stay grey.
    A sketchbook team's guesses are latents: each is painted by the decoder before it is shown.
    """
    seen: list[tuple[Estimate | None, Estimate]] = []
    for step in pipeline.generate(request, observe_guidance=lambda uncond, cond: seen.append((uncond, cond))):
        uncond, cond = seen[0]  # the step's own guesses; a two-look sampler also looked at the next noise level
        seen.clear()
        prompted = pipeline.to_view(request.backbone, cond.x0)
        unguided = torch.zeros_like(prompted) if uncond is None else pipeline.to_view(request.backbone, uncond.x0)
        push = torch.zeros_like(prompted) if uncond is None else (prompted - unguided) * WORDS_PUSH_GAIN
        yield Shown([unguided, prompted, step.pred_x0, step.x_t, push.clamp(-1, 1)])


def teams_lanes(pipeline: Pipeline, request: GenerationRequest) -> dict[str, Lane]:
    """Every team the pipeline has, from the same words and the same starting dust."""
    return {name: drawing_lane(pipeline, replace(request, backbone=name)) for name in pipeline.backbones}


def sweep_lanes(pipeline: Pipeline, request: GenerationRequest) -> dict[str, Lane]:
    """The same run at every guidance scale of the sweep, from the same starting dust."""
    return {f"{scale:g}": drawing_lane(pipeline, replace(request, guidance_scale=scale)) for scale in GUIDANCE_SWEEP}


def words_lanes(pipeline: Pipeline, request: GenerationRequest) -> dict[str, Lane]:
    """A plain run, with how well the model's guess matches the words (CLIP score) at every step."""

    def lane() -> Lane:
        for shown in drawing_lane(pipeline, request):
            score = picture_word_match(pipeline.text_encoder, request.prompt, shown.panels[1])
            yield Shown(shown.panels, {"clip_score": float(score[0])})

    return {"words": lane()}


def triptych_lanes(pipeline: Pipeline, request: GenerationRequest) -> dict[str, Lane]:
    """One guided run, taken apart."""
    return {"guidance": guidance_lane(pipeline, request)}


LIVE_LESSONS = {"teams": teams_lanes, "guidance": triptych_lanes, "sweep": sweep_lanes, "words": words_lanes}
