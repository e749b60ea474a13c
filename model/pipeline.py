"""A loaded text-to-picture model: text encoder, both teams' backbones, and a streaming `generate`."""

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import torch

from model.autoencoder import AUTOENCODER_PRESETS, Autoencoder
from model.backbones import BACKBONES, backbone_preset, build_backbone
from model.clip import Clip, create_clip
from model.conditioning import TextCondition
from model.config import ModelConfig
from model.denoiser import Forward, ModelDenoiser, direct_forward
from model.device import autocast, resolve_device
from model.diffusion import Estimate
from model.folder.diffusers_unet import FOLDER_KIND
from model.guidance import classifier_free_guidance
from model.latent_preview import LatentPreview
from model.samplers import SAMPLERS, Denoiser, Step, get_sampler
from model.schedules import SCHEDULES, NoiseSchedule, make_schedule
from model.sketchbook import Decode, Sketchbook
from model.team import Team
from model.text_encoder import TextEncoder

MAX_SEED = 2**31 - 1  # one range everywhere: it fits a JavaScript number and a u32 without surprises
PICTURES_APART = 256  # runs of up to this many pictures at seeds closer than 2²³ never share a picture's dust


def _picture_seed(seed: int, picture: int) -> int:
    """The seed of a run's picture: its own seed for the first, and for the others one from 2³¹ up, which no run
    can ask for (a CPU generator reads only a seed's low 32 bits, so they stay below 2³²)."""
    return seed if picture == 0 else MAX_SEED + 1 + (seed * PICTURES_APART + picture) % (MAX_SEED + 1)


@dataclass(frozen=True)
class GenerationRequest:
    """One run of the reverse process, in the vocabulary diffusers users know."""

    prompt: str
    negative_prompt: str = ""
    num_inference_steps: int = 20
    guidance_scale: float = 2.0  # model/weights/MODEL_CARD.md, v1.13: teams that know the words need a light hint
    seed: int = 0
    sampler: str = "dpmpp_2m"
    backbone: str = "unet"
    num_images: int = 1
    schedule: str | None = None  # None: the schedule the model was trained with


class Pipeline:
    """Everything the app needs to draw: `generate` yields every step of a run."""

    def __init__(
        self,
        clip: TextEncoder,
        teams: Iterable[Team],
        no_dust: Team | None = None,
        trained: bool = True,
        sketchbook: Sketchbook | None = None,
    ):
        self.teams = {team.name: team for team in teams}
        if not self.teams:
            raise ValueError("a pipeline needs at least one team")
        everyone = [*self.teams.values(), *([no_dust] if no_dust else [])]
        if sketchbook is None and any(team.draws_in_latent for team in everyone):
            raise ValueError("a team draws in the sketchbook's latent space, but no autoencoder was given")
        self.clip = clip
        self.no_dust = no_dust
        self.trained = trained
        self.sketchbook = sketchbook
        self._preview: LatentPreview | None = None
        self.paint_every = 1  # a lone run's decoder paints every this many steps; a big VAE sets more
        self.weights_dir: Path | None = None  # the folder the weights came from, for what is stored beside them
        self.vocabulary: frozenset[str] | None = None  # the words the teams were taught, when training recorded them
        self.things: tuple[str, ...] = ()  # the names of the things they draw, when training recorded them
        self.config = next(iter(self.teams.values())).config
        self.device = next(clip.parameters()).device

    def team(self, name: str) -> Team:
        if name not in self.teams:
            raise ValueError(f"unknown backbone {name!r}; choose one of {', '.join(self.teams)}")
        return self.teams[name]

    def team_of_kind(self, kind: str) -> Team | None:
        """The first team built on one kind of backbone, for lessons that look inside one (the U-Net's keyholes)."""
        return next((team for team in self.teams.values() if team.kind == kind), None)

    def cnn_team(self) -> Team | None:
        """Team CNN for the lessons that look inside a U-Net: ours, else a Stable Diffusion folder's."""
        return self.team_of_kind("unet") or self.team_of_kind(FOLDER_KIND)

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

    @classmethod
    def tiny(cls, seed: int = 0, device: str = "cpu", image_size: int = 32, latent: bool = False) -> "Pipeline":
        """A tiny random pipeline that runs in milliseconds, for tests and for a first start;
        `latent`: both teams draw in a tiny untrained sketchbook."""
        torch.manual_seed(seed)
        target = resolve_device(device)
        clip = Clip(create_clip("dust-clip-tiny"), "dust-clip-tiny").to(target)
        sketchbook, side, channels = None, image_size, 3
        if latent:
            sketchbook = Autoencoder(replace(AUTOENCODER_PRESETS["tiny"], image_size=image_size)).to(target).eval()
            side, channels = sketchbook.config.latent_size, sketchbook.config.latent_channels
        teams = []
        for name in BACKBONES:
            config = ModelConfig(
                backbone=backbone_preset(f"{name}-tiny"),
                image_size=side,
                channels=channels,
                text_dim=clip.width,
                space="latent" if latent else "pixels",
            )
            teams.append(Team(name, build_backbone(config).to(target).eval(), config))
        return cls(clip, teams, trained=False, sketchbook=sketchbook)

    def schedule_name(self, backbone: str, requested: str | None = None) -> str:
        """The clock a run samples on: the one asked for, else the team's own training schedule."""
        return requested or self.team(backbone).config.schedule

    def draws_in_latent(self, backbone: str) -> bool:
        """Whether a team draws in the sketchbook (and its decoder paints the picture)."""
        return backbone in self.teams and self.teams[backbone].draws_in_latent

    def pixels_per_cell(self, backbone: str) -> int:
        """Picture pixels per side of one cell of what the team draws: the sketchbook's downsampling, else 1."""
        return self._sketchbook().config.downsample if self.draws_in_latent(backbone) else 1

    def to_team_space(self, backbone: str, pictures: torch.Tensor) -> torch.Tensor:
        """Pictures as the team sees them: sketchbook latents for a latent team, else the pictures themselves."""
        return self.to_latent(pictures) if self.draws_in_latent(backbone) else pictures

    def to_view(self, backbone: str, states: torch.Tensor) -> torch.Tensor:
        """A team's states (x_t, x̂0) as pictures to show: painted by the decoder for a latent team."""
        return self.to_pictures(states) if self.draws_in_latent(backbone) else states

    def sampling_schedule(self, backbone: str, requested: str | None = None) -> NoiseSchedule:
        """The clock a run samples on, counted in the team's training timesteps."""
        return make_schedule(self.schedule_name(backbone, requested), self.team(backbone).config.num_timesteps)

    def validate(self, request: GenerationRequest) -> None:
        """Raise a ValueError with a sentence a person can act on for any bad field."""
        checks = [
            (
                request.backbone in self.teams,
                f"unknown backbone {request.backbone!r}; choose one of {', '.join(self.teams)}",
            ),
            (request.sampler in SAMPLERS, f"unknown sampler {request.sampler!r}; choose one of {', '.join(SAMPLERS)}"),
            (
                request.schedule is None or request.schedule in SCHEDULES,
                f"unknown schedule {request.schedule!r}; choose one of {', '.join(SCHEDULES)}",
            ),
            (
                1 <= request.num_inference_steps <= self.num_train_timesteps,
                f"steps must be between 1 and {self.num_train_timesteps}",
            ),
            (
                math.isfinite(request.guidance_scale) and request.guidance_scale >= 0,
                "guidance scale must be a finite number, 0 or more",
            ),
            (0 <= request.seed <= MAX_SEED, f"seed must be a whole number from 0 to {MAX_SEED}"),
            (request.num_images >= 1, "num_images must be at least 1"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    def encode(self, prompts: list[str]) -> TextCondition:
        return self.clip.condition(prompts)

    def initial_noise(self, seed: int, num_images: int, backbone: str) -> torch.Tensor:
        """A team's starting dust (pixels or latent): image 0 is seeded with the seed itself, so it matches a
        one-picture run, and image i with `_picture_seed`, past every seed a run can ask for: no picture of a run is
        a picture of a nearby seed's run (with seed + i, a 4-picture run at s shared 3 with one at s + 1)."""
        config = self.team(backbone).config
        size = (1, config.channels, config.image_size, config.image_size)
        return torch.cat(
            [
                torch.randn(size, generator=torch.Generator().manual_seed(_picture_seed(seed, i)))
                for i in range(num_images)
            ]
        ).to(self.device)  # (N, C, H, W)

    def generate(
        self,
        request: GenerationRequest,
        should_stop: Callable[[], bool] | None = None,
        forward: Forward = direct_forward,
        observe_guidance: Callable[[Estimate | None, Estimate], None] | None = None,
        paints: Callable[[int], bool] | None = None,
        decode: Decode | None = None,
    ) -> Iterator[Step]:
        """Yield every reverse step; checks `should_stop` after each step and ends early when asked.

        `forward` evaluates the network and `decode` paints latents (a serving engine can batch many runs'
        calls into one pass; default: the sketchbook's decoder); `observe_guidance` sees the unguided and
        conditional estimates of every step; `paints` says whether the decoder paints step i of a
        sketchbook team (else the cheap preview; None: every step).
        """
        in_latent = self.draws_in_latent(request.backbone)
        last = request.num_inference_steps - 1
        for step in self.team_steps(request, forward, observe_guidance):
            if in_latent:
                paint = paints is None or paints(step.index)
                step = self.painted(step, paint=paint, last=step.index == last, decode=decode)
            yield step
            if should_stop is not None and should_stop():
                return

    @torch.no_grad()
    def sample(self, request: GenerationRequest) -> torch.Tensor:
        """The finished pictures (N, 3, H, W) of a run, when no step is to be shown: painted once, at the end."""
        for step in self.team_steps(request):
            last = step
        return self.to_view(request.backbone, last.x_next)

    def team_steps(
        self,
        request: GenerationRequest,
        forward: Forward = direct_forward,
        observe_guidance: Callable[[Estimate | None, Estimate], None] | None = None,
    ) -> Iterator[Step]:
        """The sampler's steps in the team's own space (latents for a sketchbook team)."""
        self.validate(request)
        sampling = self.sampling_schedule(request.backbone, request.schedule)
        denoiser = self.guided_denoiser(request, sampling, forward, observe_guidance)
        generator = torch.Generator(self.device).manual_seed(request.seed)
        noise = self.initial_noise(request.seed, request.num_images, request.backbone)
        yield from get_sampler(request.sampler)(denoiser, noise, sampling, request.num_inference_steps, generator)

    @torch.no_grad()
    def to_latent(self, pictures: torch.Tensor) -> torch.Tensor:
        """(B, 3, S, S) pictures → (B, C, h, w) sketchbook latents, for lessons that start from a picture."""
        return self._sketchbook().encode(pictures)

    @torch.no_grad()
    def to_pictures(self, latents: torch.Tensor) -> torch.Tensor:
        """(B, C, h, w) latents → (B, 3, S, S) pictures painted by the sketchbook's decoder."""
        with autocast(self.device):
            return self._sketchbook().decode(latents).float()

    def _sketchbook(self) -> Sketchbook:
        if self.sketchbook is None:
            raise ValueError("this model has no sketchbook: its teams draw pictures, not latents")
        return self.sketchbook

    @property
    def preview(self) -> LatentPreview:
        """The sketchbook's cheap linear preview, fitted to its decoder once (by `warm_up`, or on first use)."""
        if self._preview is None:
            book = self._sketchbook()
            size = book.config
            self._preview = LatentPreview.fit(
                self.to_pictures, book.encode, size.latent_channels, size.latent_size, size.image_size, self.device
            )
        return self._preview

    def warm_up(self) -> None:
        """Fit what is fitted once at start-up, so the first busy step does not wait for it."""
        if self.sketchbook is not None:
            self._preview = self.preview

    @torch.no_grad()
    def painted(self, step: Step, paint: bool = True, last: bool = True, decode: Decode | None = None) -> Step:
        """A sketchbook step as the page shows it, the latent x_t kept beside the pictures.

        With `paint`, the decoder paints x_t and x̂0, else the linear preview shows them; x_next is painted
        at the `last` step (it is the finished picture) and previewed before it (it is the next x_t). The
        dust is the difference x_t − x̂0 of what is shown. The decoder's rows go in one batched call.
        """
        n = step.x_t.shape[0]
        states = (step.x_t, step.pred_x0, step.x_next)  # each (B, C, h, w)
        by_decoder = (paint, paint, last)
        rows = [state for state, painting in zip(states, by_decoder) if painting]
        decoded = iter((decode or self.to_pictures)(torch.cat(rows)).split(n) if rows else ())
        x_t, pred_x0, x_next = (
            next(decoded) if painting else self.preview(state) for state, painting in zip(states, by_decoder)
        )
        return replace(
            step, x_t=x_t, pred_x0=pred_x0, pred_noise=x_t - pred_x0, x_next=x_next, latent=step.x_t, preview=not paint
        )

    def guided_denoiser(
        self,
        request: GenerationRequest,
        sampling: NoiseSchedule,
        forward: Forward = direct_forward,
        observe_guidance: Callable[[Estimate | None, Estimate], None] | None = None,
    ) -> Denoiser:
        """The request's backbone on `sampling`, guided by its prompt against the negative (or empty) one."""
        team = self.team(request.backbone)
        n = request.num_images
        cond = self.encode([request.prompt]).repeat(n)
        negative = self.encode([request.negative_prompt]) if request.negative_prompt else self.clip.empty
        return classifier_free_guidance(
            ModelDenoiser(team.network, team.config, team.training_schedule(), sampling, forward),
            cond,
            negative.repeat(n),
            request.guidance_scale,
            TextCondition.cat,
            observe_guidance,
        )

    @torch.no_grad()
    def draw_without_dust(self, prompt: str, num_images: int = 1) -> torch.Tensor:
        """The no-dust model's picture for a prompt (N, C, H, W): the same picture however often you ask."""
        if self.no_dust is None:
            raise ValueError("this pipeline has no no-dust model")
        net, config = self.no_dust.network, self.no_dust.config
        cond = self.encode([prompt]).repeat(num_images)
        blank = torch.zeros(num_images, config.channels, config.image_size, config.image_size, device=self.device)
        with autocast(self.device):
            drawn = net(blank, torch.zeros(num_images, device=self.device), cond).float()
        return self.to_pictures(drawn) if config.space == "latent" else drawn.clamp(-1, 1)
