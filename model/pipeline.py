"""A loaded text-to-picture model: the text encoder, the teams, the sketchbook, and a streaming `generate`."""

import functools
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

import torch

from model.conditioning import TextCondition
from model.denoiser import Forward, direct_forward
from model.diffusion import Estimate
from model.guidance import classifier_free_guidance
from model.latent_preview import LatentPreview
from model.samplers import SAMPLERS, Denoiser, Step, get_sampler
from model.schedules import SCHEDULES, NoiseSchedule
from model.seeds import MAX_SEED
from model.sketchbook import RunPainter, Sketchbook, paint, painted
from model.step_painter import StepPainter
from model.team import Team
from model.text_encoder import TextEncoder
from model.weights_folder import WeightsFolder


@dataclass(frozen=True)
class GenerationRequest:
    """One run of the reverse process, in the vocabulary diffusers users know."""

    prompt: str
    negative_prompt: str = ""
    num_inference_steps: int = 20
    guidance_scale: float = 2.0  # model/weights/MODEL_CARD.md, v1.13: teams that know the words need a light hint
    seed: int = 0
    sampler: str = "dpmpp_2m"
    backbone: str | None = None  # None: the model's first team (`first_team`)
    num_images: int = 1
    schedule: str | None = None  # None: the schedule the model was trained with
    quick: bool = False  # drawn by the team's few-step student (`quick_request` settles the rest)


QUICK_SAMPLER = "ddim"  # the deterministic step a student is distilled on (model/training/distil_steps.py)


def quick_request(request: GenerationRequest, steps: int) -> GenerationRequest:
    """A request for a team's few-step student: its own `steps` of DDIM on the trained clock, at scale 1 with no
    negative prompt, because its teacher's guidance is baked into it (Meng et al. 2023)."""
    return replace(
        request, quick=True, num_inference_steps=steps, sampler=QUICK_SAMPLER, guidance_scale=1.0, negative_prompt="",
        schedule=None,
    )  # fmt: skip


class Pipeline:
    """Everything the app needs to draw: `generate` yields every step of a run."""

    def __init__(
        self,
        clip: TextEncoder,
        teams: Iterable[Team],
        no_dust: Team | None = None,
        trained: bool = True,
        sketchbook: Sketchbook | None = None,
        weights: WeightsFolder | None = None,
        step_painter: StepPainter | None = None,
    ):
        self.teams = {team.name: team for team in teams}
        if not self.teams:
            raise ValueError("a pipeline needs at least one team")
        for team in [*self.teams.values(), *([no_dust] if no_dust else [])]:
            if team.sketchbook is not None and team.sketchbook is not sketchbook:
                raise ValueError(f"team {team.name!r} draws in a sketchbook, but not in this pipeline's autoencoder")
        self.clip = clip
        self.no_dust = no_dust
        self.trained = trained
        self.sketchbook = sketchbook
        if step_painter is not None and sketchbook is None:
            raise ValueError("a step painter paints a sketchbook's latents, but this pipeline has no sketchbook")
        self.step_painter = step_painter
        self.weights = weights or WeightsFolder()  # what its folder holds beside the checkpoints
        self._preview: LatentPreview | None = None
        self.config = first_team(self).config
        self.device = next(clip.parameters()).device

    def team(self, name: str | None) -> Team:
        """The team a request names; `first_team` when it names none."""
        if name is None:
            return first_team(self)
        if name not in self.teams:
            raise ValueError(f"unknown backbone {name!r}; choose one of {', '.join(self.teams)}")
        return self.teams[name]

    def drawing_team(self, request: GenerationRequest) -> Team:
        """Who draws a request: the team it names, or that team's few-step student for a quick one."""
        team = self.team(request.backbone)
        if not request.quick:
            return team
        if team.quick is None:
            raise ValueError(f"{team.label} has no quick lane: no few-step student came with this model")
        return team.quick

    def team_with(self, capability: type) -> Team | None:
        """The first team whose network offers a capability (model/capabilities.py), for a lesson that looks inside."""
        return next((team for team in self.teams.values() if isinstance(team.network, capability)), None)

    @property
    def backbones(self) -> tuple[str, ...]:
        return tuple(self.teams)

    @property
    def image_size(self) -> int:
        """The side of the pictures shown: the sketchbook's pictures for latent teams."""
        return self.sketchbook.config.image_size if self.sketchbook is not None else self.config.image_size

    @property
    def num_train_timesteps(self) -> int:
        return self.config.num_timesteps

    @property
    def max_prompt_tokens(self) -> int:
        return self.clip.context_length - 2  # start and end of text take two places

    def validate(self, request: GenerationRequest) -> None:
        """Raise a ValueError with a sentence a person can act on for any bad field."""
        for field, name, known in [
            ("backbone", request.backbone, tuple(self.teams)),
            ("sampler", request.sampler, tuple(SAMPLERS)),
            ("schedule", request.schedule, tuple(SCHEDULES)),
        ]:
            if name is not None and name not in known:
                raise ValueError(f"unknown {field} {name!r}; choose one of {', '.join(known)}")
        steps, guidance = self.num_train_timesteps, request.guidance_scale
        checks = [
            (1 <= request.num_inference_steps <= steps, f"steps must be between 1 and {steps}"),
            (math.isfinite(guidance) and guidance >= 0, "guidance scale must be a finite number, 0 or more"),
            (0 <= request.seed <= MAX_SEED, f"seed must be a whole number from 0 to {MAX_SEED}"),
            (request.num_images >= 1, "num_images must be at least 1"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)
        if request.quick:
            steps = self.drawing_team(request).config.distilled_steps
            if request != quick_request(request, steps):
                raise ValueError(f"a quick run draws in its student's {steps} steps with {QUICK_SAMPLER} and no hint")

    def generate(
        self,
        request: GenerationRequest,
        should_stop: Callable[[], bool] | None = None,
        forward: Forward = direct_forward,
        observe_guidance: Callable[[Estimate | None, Estimate], None] | None = None,
        paints: Callable[[int], bool] | None = None,
        run_painter: RunPainter | None = None,
    ) -> Iterator[Step]:
        """Yield every reverse step, ending early when `should_stop` says so after a step.

        `forward` evaluates the network and `run_painter` a painter on latents (a server batches many runs' calls
        into one pass; default: call it); `observe_guidance` sees each step's unguided and conditional estimates;
        `paints` says whether step i of a sketchbook team is painted (else the preview; None: every step)."""
        for step in self.team_steps(request, forward, observe_guidance):
            yield self.shown(step, request, paints, run_painter)
            if should_stop is not None and should_stop():
                return

    def shown(
        self,
        step: Step,
        request: GenerationRequest,
        paints: Callable[[int], bool] | None = None,
        run_painter: RunPainter | None = None,
    ) -> Step:
        """One of `team_steps` as the page shows it; a pixel team's step as it is. A sketchbook team's latents are
        painted where `paints` says (default: every step), else previewed: the last step by the sketchbook's decoder
        (it is the finished picture), the steps before it by `paint_step`; `run_painter` runs the painter."""
        if not self.team(request.backbone).draws_in_latent:
            return step
        painting = paints is None or paints(step.index)
        last = step.index == request.num_inference_steps - 1
        painter = self.to_pictures if last else self.paint_step
        decode = painter if run_painter is None else functools.partial(run_painter, painter)
        return painted(step, decode, self.preview, paint=painting, last=last)

    @torch.no_grad()
    def sample(self, request: GenerationRequest) -> torch.Tensor:
        """The finished pictures (N, 3, H, W) of a run, when no step is to be shown: painted once, at the end."""
        for step in self.team_steps(request):
            last = step
        return self.team(request.backbone).to_view(last.x_next)

    def team_steps(
        self,
        request: GenerationRequest,
        forward: Forward = direct_forward,
        observe_guidance: Callable[[Estimate | None, Estimate], None] | None = None,
    ) -> Iterator[Step]:
        """The sampler's steps in the team's own space (latents for a sketchbook team)."""
        self.validate(request)
        team = self.drawing_team(request)
        sampling = team.sampling_schedule(request.schedule)
        denoiser = self.guided_denoiser(request, sampling, forward, observe_guidance)
        generator = torch.Generator(self.device).manual_seed(request.seed)
        noise = team.initial_noise(request.seed, request.num_images)
        yield from get_sampler(request.sampler)(denoiser, noise, sampling, request.num_inference_steps, generator)

    def guided_denoiser(
        self,
        request: GenerationRequest,
        sampling: NoiseSchedule,
        forward: Forward = direct_forward,
        observe_guidance: Callable[[Estimate | None, Estimate], None] | None = None,
    ) -> Denoiser:
        """The request's team on `sampling`, guided by its prompt against the negative (or empty) one."""
        n = request.num_images
        cond = self.clip.condition([request.prompt]).repeat(n)
        negative = self.clip.condition([request.negative_prompt]) if request.negative_prompt else self.clip.empty
        return classifier_free_guidance(
            self.drawing_team(request).denoiser(sampling, forward),
            cond,
            negative.repeat(n),
            request.guidance_scale,
            TextCondition.cat,
            observe_guidance,
        )

    @torch.no_grad()
    def to_latent(self, pictures: torch.Tensor) -> torch.Tensor:
        """(B, 3, S, S) pictures → (B, C, h, w) sketchbook latents."""
        return self._sketchbook().encode(pictures)

    def to_pictures(self, latents: torch.Tensor) -> torch.Tensor:
        """(B, C, h, w) latents → (B, 3, S, S) pictures painted by the sketchbook's decoder."""
        return paint(self._sketchbook(), latents)

    def paint_step(self, latents: torch.Tensor) -> torch.Tensor:
        """(B, C, h, w) latents of a step before the last → (B, 3, S, S) pictures: by the step painter distilled from
        the decoder where the model has one (a quarter of the work), else by the decoder."""
        if self.step_painter is None:
            return self.to_pictures(latents)
        return paint(self.step_painter, latents)

    def _sketchbook(self) -> Sketchbook:
        if self.sketchbook is None:
            raise ValueError("this model has no sketchbook: its teams draw pictures, not latents")
        return self.sketchbook

    @property
    def preview(self) -> LatentPreview:
        """The sketchbook's cheap linear preview, fitted to its decoder once (by `warm_up`, or on first use)."""
        if self._preview is None:
            self._preview = LatentPreview.fit_to(self._sketchbook(), self.device)
        return self._preview

    def warm_up(self) -> None:
        """Fit what is fitted once at start-up, so the first busy step does not wait for it."""
        if self.sketchbook is not None:
            self._preview = self.preview


def first_team(pipeline: Pipeline) -> Team:
    """The team a run gets when it names none: the model's first, in `BACKBONES` order (Team CNN in ours, the one
    team of a Stable Diffusion folder). `/api/options` lists the teams in this order, so its first is this one."""
    return next(iter(pipeline.teams.values()))
