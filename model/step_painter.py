"""The step painter: a small decoder distilled from the sketchbook's, so every step of a run is painted cheaply.

Stable Diffusion UIs paint their live previews the same way (TAESD, Bohan 2023): a tiny decoder taught to paint
what the big one paints from the same latents. The finished picture is still painted by the sketchbook's own
decoder; the step painter paints the steps before it, about a third of the work (model/training/distil_painter.py).
"""

import dataclasses
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from model.autoencoder import decoder_layers


@dataclass(frozen=True)
class StepPainterConfig:
    """Its size; it reads the sketchbook's normalised latents and paints pictures of the sketchbook's size."""

    latent_channels: int = 4
    widths: tuple[int, ...] = (16, 32, 64)  # the sketchbook's small-32 decoder has (32, 64, 128)
    blocks_per_level: int = 0  # one residual block a level (the decoder has two): half the calls, 0.25 dB (trial)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "StepPainterConfig":
        return cls(**{**data, "widths": tuple(data["widths"])})


class StepPainter(nn.Module):
    """(B, C, h, w) normalised latents → (B, 3, S, S) pictures in [-1, 1], as the sketchbook's decoder paints them."""

    def __init__(self, config: StepPainterConfig):
        super().__init__()
        self.config = config
        self.decoder = decoder_layers(config.latent_channels, config.widths, config.blocks_per_level)
        # channels-last convolutions paint 2 rows in 2.4 ms instead of 3.3 on a 2-core CPU (measured, model card)
        self.decoder.to(memory_format=torch.channels_last)

    def raw_decode(self, latents: torch.Tensor) -> torch.Tensor:
        """Unclamped, for training: a clamp would hide how far past the paper's edge a colour went."""
        return self.decoder(latents)

    def forward(self, latents: torch.Tensor) -> torch.Tensor:
        """Clamped to the paper's [-1, 1], as the sketchbook's decoder paints."""
        return self.raw_decode(latents).clamp(-1, 1)

    def decode(self, latents: torch.Tensor) -> torch.Tensor:
        """The sketchbook's name for painting, so `model.sketchbook.paint` takes either."""
        return self(latents)
