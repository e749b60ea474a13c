"""A team: one trained denoiser as the page and the lessons know it."""

from dataclasses import dataclass

from torch import nn

from model.backbones import BACKBONES
from model.config import ModelConfig
from model.schedules import NoiseSchedule, make_schedule


@dataclass(frozen=True)
class Team:
    name: str  # what requests and the page call it: "unet", "dit", "sd" (a Stable Diffusion folder's), "nodust"
    network: nn.Module
    config: ModelConfig
    label_override: str | None = None  # what the page calls a team of a kind not in `BACKBONES` (a folder's model)

    @property
    def kind(self) -> str:
        """The backbone's kind in `BACKBONES`, which lessons ask for (e.g. the U-Net's keyholes)."""
        return self.config.backbone.kind

    @property
    def label(self) -> str:
        if self.config.objective == "no_dust":
            return "the no-dust model"
        return self.label_override or BACKBONES[self.kind].label

    @property
    def draws_in_latent(self) -> bool:
        """Whether it draws in the sketchbook (and the decoder paints the picture)."""
        return self.config.space == "latent"

    def training_schedule(self) -> NoiseSchedule:
        """The dusty clock it was trained on, which its timestep input counts in."""
        return make_schedule(self.config.schedule, self.config.num_timesteps)
