"""Team CNN vs Team Transformer: the same words and the same dust through every team, live."""

from dataclasses import replace

from app.lessons.kit.lanes import Lane, drawing_lane
from app.lessons.kit.lesson import Lesson
from model.pipeline import GenerationRequest, Pipeline


def teams_lanes(pipeline: Pipeline, request: GenerationRequest) -> dict[str, Lane]:
    """Every team the pipeline has, from the same words and the same starting dust."""
    return {team.name: drawing_lane(pipeline, replace(request, backbone=team.name)) for team in pipeline.teams.values()}


LESSON = Lesson(
    "teams",
    "Team CNN vs Team Transformer",
    "Two teams",
    "Two kinds of model clean the same dust, side by side.",
    live={"teams": teams_lanes},
)
