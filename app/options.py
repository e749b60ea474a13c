"""The choices offered on the page, in plain words, built once from the settings and the loaded model."""

from collections.abc import Iterable

from app.blocked import BlockedWords
from app.config import Settings
from app.protocol import Choice, Defaults, Limits, Options, SketchbookShape
from model.pipeline import Pipeline, first_team
from model.samplers import SAMPLERS
from model.schedules import SCHEDULES
from model.team import Team

SAMPLER_WORDS = {
    "dpmpp_2m": ("DPM++ 2M", "quick and clever: good pictures in 15–25 steps"),
    "ddim": ("DDIM", "calm and exact: no fresh dust, so it needs fewer steps than DDPM"),
    "ddpm": ("DDPM", "the original: sprinkles a little fresh dust every step, so it wants many steps"),
    "heun": ("Heun", "looks twice every step, so it is very exact and takes twice as long"),
}
SCHEDULE_WORDS = {
    "linear": ("Linear", "the original DDPM clock: the picture vanishes early"),
    "cosine": ("Cosine", "a gentle clock: the picture fades slowly and evenly"),
    "sigmoid": ("Sigmoid", "hides the picture fastest: most of its steps are in thick dust"),
    "scaled_linear": ("Scaled linear", "Stable Diffusion's clock: the picture fades later than on Linear"),
}


def page_backbone(pipeline: Pipeline) -> str:
    """The team the page starts on: the default one, or the model's first where it lacks that team."""
    default = Defaults().backbone
    return default if default in pipeline.backbones else first_team(pipeline).name


def build_options(settings: Settings, pipeline: Pipeline) -> Options:
    """What this server offers, and the school's blocked words, which are checked but never published; names the
    words table lacks are shown as they are."""
    defaults = Defaults(backbone=page_backbone(pipeline))
    book = pipeline.sketchbook.config if pipeline.sketchbook is not None else None
    return Options(
        image_size=pipeline.image_size,
        sketchbook=SketchbookShape(
            latent_size=book.latent_size, latent_channels=book.latent_channels, pixels_per_cell=book.downsample
        )
        if book
        else None,
        trained=pipeline.trained,
        num_train_timesteps=pipeline.num_train_timesteps,
        training_schedule=pipeline.config.schedule,
        backbones=[_team_choice(team) for team in pipeline.teams.values()],
        samplers=_choices(SAMPLERS, SAMPLER_WORDS),
        schedules=_choices(SCHEDULES, SCHEDULE_WORDS),
        limits=Limits(
            max_steps=min(settings.max_steps, pipeline.num_train_timesteps),
            max_prompt_chars=settings.max_prompt_chars,
            max_num_images=settings.max_num_images,
            max_message_bytes=settings.max_message_bytes,
        ),
        defaults=defaults,
        quick_steps={t.name: t.quick.config.distilled_steps for t in pipeline.teams.values() if t.quick is not None},
    ).block_words(BlockedWords.read(settings.blocked_words))


def _team_choice(team: Team) -> Choice:
    """A team as the page offers it: its own label and hint, and whether it draws in the sketchbook."""
    sketch = "in a small sketch that a decoder paints" if team.draws_in_latent else ""
    hint = ", ".join(part for part in (team.hint, sketch) if part)
    return Choice(name=team.name, label=team.label, hint=hint)


def _choices(names: Iterable[str], words: dict[str, tuple[str, str]]) -> list[Choice]:
    choices = []
    for name in names:
        label, hint = words.get(name, (name, ""))
        choices.append(Choice(name=name, label=label, hint=hint))
    return choices
