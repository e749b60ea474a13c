"""A team: one trained denoiser as the page and the lessons know it, answering for the space it draws in."""

from dataclasses import dataclass

import torch
from torch import nn

from model.backbones import BACKBONES
from model.config import ModelConfig
from model.denoiser import Forward, ModelDenoiser, direct_forward
from model.schedules import NoiseSchedule, make_schedule
from model.seeds import picture_seed
from model.sketchbook import Sketchbook, paint


@dataclass(frozen=True)
class Team:
    name: str  # what requests and the page call it: "unet", "dit", "sd" (a Stable Diffusion folder's), "nodust"
    network: nn.Module
    config: ModelConfig
    sketchbook: Sketchbook | None = None  # the latent space it draws in; None for a team that draws pixels
    label_override: str | None = None  # what the page calls a team of a kind not in `BACKBONES` (a folder's model)
    hint_override: str | None = None  # and how the page describes it
    quick: "Team | None" = None  # its few-step student (issue 33's fast lane), loaded from the same folder

    def __post_init__(self) -> None:
        if self.draws_in_latent and self.sketchbook is None:
            raise ValueError("a team draws in the sketchbook's latent space, but no autoencoder was given")
        if not self.draws_in_latent and self.sketchbook is not None:
            raise ValueError(f"team {self.name!r} draws pixels: it takes no sketchbook")
        if self.quick is not None and not self.quick.is_student:
            raise ValueError(f"team {self.name!r}'s quick lane must be a few-step student (distilled_steps > 0)")

    @property
    def is_student(self) -> bool:
        """Whether it is a few-step student, taught to draw in `config.distilled_steps` DDIM steps with its teacher's
        guidance baked in (progressive distillation, Salimans & Ho 2022; Meng et al. 2023)."""
        return self.config.distilled_steps > 0

    @property
    def kind(self) -> str:
        """The backbone's kind in `BACKBONES`."""
        return self.config.backbone.kind

    @property
    def label(self) -> str:
        if self.config.objective == "no_dust":
            return "the no-dust model"
        return self.label_override or BACKBONES[self.kind].label

    @property
    def hint(self) -> str:
        """How the page describes its kind of network, empty where it has no words for it."""
        backbone = BACKBONES.get(self.kind)
        return self.hint_override or (backbone.hint if backbone else "")

    @property
    def draws_in_latent(self) -> bool:
        """Whether it draws in the sketchbook (and the decoder paints the picture)."""
        return self.config.space == "latent"

    @property
    def pixels_per_cell(self) -> int:
        """Picture pixels per side of one cell of what it draws: the sketchbook's downsampling, else 1."""
        return self.sketchbook.config.downsample if self.sketchbook is not None else 1

    @torch.no_grad()
    def to_space(self, pictures: torch.Tensor) -> torch.Tensor:
        """Pictures (B, 3, S, S) as it sees them: sketchbook latents (B, C, h, w), or the pictures themselves."""
        return self.sketchbook.encode(pictures) if self.sketchbook is not None else pictures

    def to_view(self, states: torch.Tensor) -> torch.Tensor:
        """Its states (x_t, x̂0) as pictures to show: painted by the sketchbook's decoder, or as they are."""
        return paint(self.sketchbook, states) if self.sketchbook is not None else states

    def training_schedule(self) -> NoiseSchedule:
        """The dusty clock it was trained on, which its timestep input counts in."""
        return make_schedule(self.config.schedule, self.config.num_timesteps)

    def schedule_name(self, requested: str | None = None) -> str:
        """The clock a run samples on: the one asked for, else its own training schedule."""
        return requested or self.config.schedule

    def sampling_schedule(self, requested: str | None = None) -> NoiseSchedule:
        """The clock a run samples on, counted in its training timesteps."""
        return make_schedule(self.schedule_name(requested), self.config.num_timesteps)

    def initial_noise(self, seed: int, num_images: int) -> torch.Tensor:
        """Its starting dust (pixels or latent): image 0 is seeded with the seed itself, so it matches a one-picture
        run, and image i with `picture_seed`, past every seed a run can ask for: no picture of a run is a picture
        of a nearby seed's run (with seed + i, a 4-picture run at s shared 3 with one at s + 1)."""
        size = (1, self.config.channels, self.config.image_size, self.config.image_size)
        generators = [torch.Generator().manual_seed(picture_seed(seed, i)) for i in range(num_images)]
        noise = torch.cat([torch.randn(size, generator=generator) for generator in generators])  # (N, C, H, W)
        return noise.to(next(self.network.parameters()).device)

    def denoiser(self, sampling: NoiseSchedule, forward: Forward = direct_forward) -> ModelDenoiser:
        """Its network as the samplers' denoiser on `sampling`; `forward` evaluates it (a server may batch it)."""
        return ModelDenoiser(self.network, self.config, self.training_schedule(), sampling, forward)
