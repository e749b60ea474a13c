"""The teacher's hints: classifier-free guidance taken apart, and one run at every hint strength, live."""

from dataclasses import replace

import torch

from app.lessons.kit.lanes import Lane, Shown, drawing_lane
from app.lessons.kit.lesson import Lesson
from app.lessons.kit.limits import GUIDANCE_SWEEP, MAX_LESSON_GUIDANCE
from model.diffusion import Estimate
from model.pipeline import GenerationRequest, Pipeline

WORDS_PUSH_GAIN = 2.0  # the words' push is small next to the pictures: shown twice as strong, grey = none


def guidance_lane(pipeline: Pipeline, request: GenerationRequest) -> Lane:
    """Classifier-free guidance taken apart: the guess without words, with words, the guided mix, the
    dusty paper, and what the words change (with words minus without, amplified; grey is no change).

    At scale 1 the unguided guess is never computed (one pass is enough), so its panel and the change stay grey.
    A sketchbook team's guesses are latents: each is painted by the decoder before it is shown.
    """
    team = pipeline.team(request.backbone)
    seen: list[tuple[Estimate | None, Estimate]] = []
    for step in pipeline.generate(request, observe_guidance=lambda uncond, cond: seen.append((uncond, cond))):
        uncond, cond = seen[0]  # the step's own guesses; a two-look sampler also looked at the next noise level
        seen.clear()
        prompted = team.to_view(cond.x0)
        unguided = torch.zeros_like(prompted) if uncond is None else team.to_view(uncond.x0)
        push = torch.zeros_like(prompted) if uncond is None else (prompted - unguided) * WORDS_PUSH_GAIN
        yield Shown([unguided, prompted, step.pred_x0, step.x_t, push.clamp(-1, 1)])


def triptych_lanes(pipeline: Pipeline, request: GenerationRequest) -> dict[str, Lane]:
    """One guided run, taken apart, and beside it the run nobody gave words to, from the same dust: on the guided
    run the two guesses soon agree (the words already steered the dust), so the words' effect shows between runs."""
    return {
        "guidance": guidance_lane(pipeline, request),
        "no-words": drawing_lane(pipeline, replace(request, guidance_scale=0.0)),
    }


def sweep_lanes(pipeline: Pipeline, request: GenerationRequest) -> dict[str, Lane]:
    """The same run at every guidance scale of the sweep, from the same starting dust."""
    return {f"{scale:g}": drawing_lane(pipeline, replace(request, guidance_scale=scale)) for scale in GUIDANCE_SWEEP}


LESSON = Lesson(
    "guidance",
    "Teacher's hints",
    "Hints",
    f"How much the words steer each guess, from 0 (ignore them) to {MAX_LESSON_GUIDANCE:g}.",
    live={"guidance": triptych_lanes, "sweep": sweep_lanes},
)
