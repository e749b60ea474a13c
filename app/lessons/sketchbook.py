"""The sketchbook: what a latent team really draws, a quick look at it, and the painters' paintings, live."""

import time
from dataclasses import replace

from app.lessons.kit.lanes import Lane, Shown
from app.lessons.kit.lesson import Lesson
from model.autoencoder import latent_tiles
from model.pipeline import GenerationRequest, Pipeline


def sketchbook_lane(pipeline: Pipeline, request: GenerationRequest) -> Lane:
    """Every step in the sketchbook: the dusty sketch x_t and the sketch of the finished picture x̂0 (one grey
    tile per channel), the quick linear look at x̂0, the step painter's painting of it (where the model has one: what
    the main page shows of a step) and the decoder's, with what each look cost."""
    size = pipeline.image_size
    for step in pipeline.team_steps(request):
        started = time.perf_counter()
        looks = [latent_tiles(step.x_t, size), latent_tiles(step.pred_x0, size), pipeline.preview(step.pred_x0)]
        facts = {"preview_ms": (time.perf_counter() - started) * 1000}
        if pipeline.step_painter is not None:
            started = time.perf_counter()
            looks.append(pipeline.paint_step(step.pred_x0))
            facts["step_paint_ms"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        looks.append(pipeline.to_pictures(step.pred_x0))
        facts["paint_ms"] = (time.perf_counter() - started) * 1000
        yield Shown(looks, facts)


def sketchbook_lanes(pipeline: Pipeline, request: GenerationRequest) -> dict[str, Lane]:
    """Every team that draws in the sketchbook, from the same words and the same starting dust."""
    teams = [team for team in pipeline.teams.values() if team.draws_in_latent]
    if not teams:
        raise ValueError("This model draws straight in pixels, so it has no sketchbook to show.")
    return {team.name: sketchbook_lane(pipeline, replace(request, backbone=team.name)) for team in teams}


LESSON = Lesson(
    "sketchbook",
    "The sketchbook",
    "Sketchbook",
    "The model draws a small sketch; a painter, the decoder, turns it into the picture.",
    live={"sketchbook": sketchbook_lanes},
)
