"""The sketchbook: a small conv autoencoder whose latent space both teams draw in (Rombach et al. 2022).

Pictures (B, 3, S, S) in [-1, 1] ↔ latents (B, C, S/f, S/f) with f = 2^(levels - 1). Latents are
normalised per channel to zero mean and unit variance with statistics measured on the training set
and stored as buffers, so a checkpoint carries its own scale and the diffusion noise matches them.
"""

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn


@dataclass(frozen=True)
class AutoencoderConfig:
    """How the pictures are folded into the sketchbook."""

    image_size: int = 32
    latent_channels: int = 4
    widths: tuple[int, ...] = (32, 64, 128)  # channels per level; each level after the first halves the size
    blocks_per_level: int = 1

    @property
    def downsample(self) -> int:
        return 2 ** (len(self.widths) - 1)

    @property
    def latent_size(self) -> int:
        return self.image_size // self.downsample

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "AutoencoderConfig":
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})  # type: ignore[arg-type]


AUTOENCODER_PRESETS: dict[str, AutoencoderConfig] = {
    "tiny": AutoencoderConfig(widths=(8, 16, 16)),
    "small-32": AutoencoderConfig(image_size=32, latent_channels=4, widths=(32, 64, 128)),
    "small-64": AutoencoderConfig(image_size=64, latent_channels=8, widths=(32, 48, 96, 128)),
}


def _norm(channels: int) -> nn.GroupNorm:
    return nn.GroupNorm(min(8, channels), channels)


class ResBlock(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.body = nn.Sequential(
            _norm(channels),
            nn.SiLU(),
            nn.Conv2d(channels, channels, 3, padding=1),
            _norm(channels),
            nn.SiLU(),
            nn.Conv2d(channels, channels, 3, padding=1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.body(x)


def decoder_layers(latent_channels: int, widths: tuple[int, ...], blocks_per_level: int) -> nn.Sequential:
    """(B, C, h, w) latents → (B, 3, h·2^(L-1), w·2^(L-1)) pictures, unclamped: the widest level first, doubling
    the size between levels (the sketchbook's decoder, and the step painter distilled from it)."""
    up: list[nn.Module] = [nn.Conv2d(latent_channels, widths[-1], 3, padding=1)]
    for level in reversed(range(len(widths))):
        up += [ResBlock(widths[level]) for _ in range(blocks_per_level + 1)]
        if level > 0:
            up += [nn.Upsample(scale_factor=2, mode="nearest")]
            up += [nn.Conv2d(widths[level], widths[level - 1], 3, padding=1)]
    up += [_norm(widths[0]), nn.SiLU(), nn.Conv2d(widths[0], 3, 3, padding=1)]
    return nn.Sequential(*up)


class Autoencoder(nn.Module):
    latent_mean: torch.Tensor  # (C,) buffers: the raw latents' per-channel statistics
    latent_std: torch.Tensor
    """encode: picture → normalised latent; decode: latent → picture. Deterministic, as SD's decoder is."""

    def __init__(self, config: AutoencoderConfig):
        super().__init__()
        self.config = config
        widths, blocks = config.widths, config.blocks_per_level
        down: list[nn.Module] = [nn.Conv2d(3, widths[0], 3, padding=1)]
        for level, width in enumerate(widths):
            down += [ResBlock(width) for _ in range(blocks)]
            if level + 1 < len(widths):
                down.append(nn.Conv2d(width, widths[level + 1], 3, stride=2, padding=1))
        down += [_norm(widths[-1]), nn.SiLU(), nn.Conv2d(widths[-1], config.latent_channels, 3, padding=1)]
        self.encoder = nn.Sequential(*down)
        self.decoder = decoder_layers(config.latent_channels, widths, blocks)
        self.register_buffer("latent_mean", torch.zeros(config.latent_channels))
        self.register_buffer("latent_std", torch.ones(config.latent_channels))

    def raw_encode(self, pictures: torch.Tensor) -> torch.Tensor:
        return self.encoder(pictures)  # (B, C, S/f, S/f), before normalisation

    def raw_decode(self, latents: torch.Tensor) -> torch.Tensor:
        return self.decoder(latents)

    def encode(self, pictures: torch.Tensor) -> torch.Tensor:
        """(B, 3, S, S) in [-1, 1] → (B, C, S/f, S/f), about zero mean and unit variance per channel."""
        return (self.raw_encode(pictures) - self.latent_mean[:, None, None]) / self.latent_std[:, None, None]

    def decode(self, latents: torch.Tensor) -> torch.Tensor:
        """(B, C, S/f, S/f) → (B, 3, S, S), clamped to [-1, 1]."""
        raw = latents * self.latent_std[:, None, None] + self.latent_mean[:, None, None]
        return self.raw_decode(raw).clamp(-1, 1)

    @torch.no_grad()
    def set_latent_statistics(self, raw_latents: torch.Tensor) -> None:
        """Store per-channel mean and std of (N, C, h, w) raw latents: SD's scale factor, one per channel."""
        self.latent_mean.copy_(raw_latents.mean(dim=(0, 2, 3)))
        self.latent_std.copy_(raw_latents.std(dim=(0, 2, 3)).clamp_min(1e-6))


LATENT_DISPLAY_SCALE = 3.0  # latents have unit variance: dividing by 3 fits ±3σ into a picture's [-1, 1]


def latent_tiles(latents: torch.Tensor, size: int) -> torch.Tensor:
    """The sketchbook view: (B, C, h, w) latents → (B, 3, size, size) grey tiles, one per channel, in a
    near-square grid (4 channels: 2 × 2), each channel drawn at ±3σ → black..white, unused cells grey."""
    batch, channels, h, w = latents.shape
    columns = math.ceil(math.sqrt(channels))
    rows = math.ceil(channels / columns)
    cells = torch.zeros(batch, rows * columns, h, w, device=latents.device)
    cells[:, :channels] = (latents.float() / LATENT_DISPLAY_SCALE).clamp(-1, 1)
    grid = cells.view(batch, rows, columns, h, w).permute(0, 1, 3, 2, 4).reshape(batch, 1, rows * h, columns * w)
    tile = size // max(rows * h, columns * w)
    grid = F.interpolate(grid, scale_factor=max(tile, 1), mode="nearest")
    pad_h, pad_w = size - grid.shape[-2], size - grid.shape[-1]
    grid = F.pad(grid, (pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2))
    return grid.expand(-1, 3, -1, -1)
