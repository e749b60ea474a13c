"""Skipping steps: the same words and dust in many small steps, in a few big ones, and by a student taught to skip."""

from dataclasses import replace

from app.lessons.kit.lanes import Lane, drawing_lane
from app.lessons.kit.lesson import Lesson
from app.protocol import Defaults
from model.pipeline import GenerationRequest, Pipeline, quick_request
from model.team import Team

NO_STUDENT = (
    "This model came without a student that learned to skip steps, so there is nothing quick to show: "
    "`python -m model.training.distil_steps` teaches one."
)


def skipping_team(pipeline: Pipeline) -> Team:
    """The team whose student the lesson shows: the page's own team where it has one, else the first that has."""
    with_students = [team for team in pipeline.teams.values() if team.quick is not None]
    if not with_students:
        raise ValueError(NO_STUDENT)
    return next((team for team in with_students if team.name == Defaults().backbone), with_students[0])


def skipping_lanes(pipeline: Pipeline, request: GenerationRequest) -> dict[str, Lane]:
    """The team at the lesson's steps; the same team rushed through its student's few steps; and the student, which
    learned to take two of its teacher's steps in one, round after round (Salimans & Ho 2022), from the same dust."""
    team = skipping_team(pipeline)
    assert team.quick is not None
    few = team.quick.config.distilled_steps
    taught = replace(request, backbone=team.name)
    return {
        "many": drawing_lane(pipeline, taught),
        "rushed": drawing_lane(pipeline, replace(taught, num_inference_steps=few)),
        "student": drawing_lane(pipeline, quick_request(taught, few)),
    }


LESSON = Lesson(
    "skipping",
    "Skipping steps",
    "Skip steps",
    "Twenty small steps, two big ones, and a student that learned to take the big ones well.",
    live={"skipping": skipping_lanes},
)
