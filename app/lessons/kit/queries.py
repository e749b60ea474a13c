"""What several lessons ask alike: a picture to dust (built-in or drawn), its dust, its clock and its team."""

from typing import ClassVar

import torch
from fastapi import HTTPException
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from app.lessons.kit.limits import LESSON_STEPS, MAX_LESSON_STEPS, MAX_SEED
from app.lessons.kit.start_pictures import start_picture
from app.protocol import Options, count_refused, guidance_refused, prompt_refused, seed_refused, words_refused
from model.lessons.examples import EXAMPLES
from model.lessons.sprinkle import slider_alpha_bars, sprinkle
from model.pipeline import GenerationRequest, Pipeline
from model.team import Team


class LessonRun(BaseModel):
    """What every lesson request asks: the words, the starting dust, the steps and the hint, in the main page's
    names, checked against the server's options (validate with `context={"options": ...}`) in /ws's sentences."""

    model_config = ConfigDict(extra="forbid")
    words_required: ClassVar[bool] = True  # False: a request that may start from a built-in picture instead

    prompt: str
    seed: int = 0
    steps: int = LESSON_STEPS
    guidance_scale: float = Field(GenerationRequest.guidance_scale, allow_inf_nan=False)

    @model_validator(mode="after")
    def _within_limits(self, info: ValidationInfo) -> "LessonRun":
        options: Options = (info.context or {})["options"]
        prompt = self.prompt or ""
        for problem in (
            prompt_refused(prompt) if self.words_required else None,
            words_refused(options, ("prompt", prompt)),
            count_refused("steps", self.steps, MAX_LESSON_STEPS),
            guidance_refused(self.guidance_scale, options.limits),
            seed_refused(self.seed, MAX_SEED),
        ):
            if problem is not None:
                raise problem
        return self


class DustQuery(LessonRun):
    """Which picture gets dust, which dust, and on which clock."""

    words_required: ClassVar[bool] = False
    example: str | None = None  # a built-in picture; otherwise the model draws `prompt`
    prompt: str = ""  # the words the model draws when no example is chosen
    noise_seed: int = Field(0, ge=0, le=MAX_SEED)  # the one handful of dust used at every position
    schedule: str | None = None  # None: the model's own schedule
    backbone: str | None = None  # None: the model's first team (model.pipeline.first_team)


def check_query(query: DustQuery, options: Options) -> None:
    """Refuse what the model can't serve, with a sentence a person can act on."""
    problems = [
        (query.example is not None and query.example not in EXAMPLES, f"Choose a picture from: {', '.join(EXAMPLES)}."),
        (query.example is None and not (query.prompt or "").strip(), "Choose a picture or type a few words."),
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
