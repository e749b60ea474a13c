"""What several lessons ask alike: a picture to dust (built-in or drawn), its dust, its clock and its team."""

import torch
from fastapi import HTTPException
from pydantic import BaseModel, ConfigDict, Field

from app.blocked import PROMPT_REFUSAL
from app.lessons.kit.limits import MAX_LESSON_STEPS, MAX_SEED
from app.lessons.kit.start_pictures import start_picture
from app.protocol import Options
from model.lessons.examples import EXAMPLES
from model.lessons.sprinkle import slider_alpha_bars, sprinkle
from model.pipeline import Pipeline
from model.team import Team


class DustQuery(BaseModel):
    """Which picture gets dust, which dust, and on which clock."""

    model_config = ConfigDict(extra="forbid")

    example: str | None = None  # a built-in picture; otherwise the model draws `prompt`
    prompt: str | None = None
    seed: int = Field(0, ge=0, le=MAX_SEED)  # for the drawn picture
    noise_seed: int = Field(0, ge=0, le=MAX_SEED)  # the one handful of dust used at every position
    steps: int = Field(20, ge=1, le=MAX_LESSON_STEPS)
    schedule: str | None = None  # None: the model's own schedule
    backbone: str | None = None  # None: the model's first team (model.pipeline.first_team)


def check_query(query: DustQuery, options: Options) -> None:
    """Refuse what the model can't serve, with a sentence a person can act on."""
    problems = [
        (query.example is not None and query.example not in EXAMPLES, f"Choose a picture from: {', '.join(EXAMPLES)}."),
        (query.example is None and not (query.prompt or "").strip(), "Choose a picture or type a few words."),
        (len(query.prompt or "") > options.limits.max_prompt_chars, "Those words are too long."),
        (options.blocks(query.prompt or ""), PROMPT_REFUSAL),
        (
            query.backbone not in {None, *(b.name for b in options.backbones)},
            f"There is no team called “{query.backbone}”.",
        ),
        (query.schedule not in {None, *(s.name for s in options.schedules)}, "There is no clock by that name."),
    ]
    for bad, sentence in problems:
        if bad:
            raise HTTPException(422, sentence)


def team_of(pipeline: Pipeline, query: DustQuery) -> Team:
    """The team the query names, else the model's first (`first_team`)."""
    return pipeline.team(query.backbone)


def dusty_row(pipeline: Pipeline, team: Team, query: DustQuery) -> torch.Tensor:
    """x_t at every slider position (K + 1, C, H, W) in the team's own space, position 0 being the clean
    picture; a sketchbook team dusts the picture's latent (encode → dust), not its pixels."""
    picture = start_picture(pipeline, query.example, query.prompt, query.seed, team)
    x0 = team.to_space(picture)
    noise = torch.randn(x0.shape, generator=torch.Generator().manual_seed(query.noise_seed)).to(x0.device)
    return sprinkle(x0, noise, slider_alpha_bars(team.sampling_schedule(query.schedule), query.steps))
