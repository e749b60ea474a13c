"""A folder's VAE as the sketchbook: pictures in [-1, 1] ↔ latents scaled as its U-Net was trained on them."""

from dataclasses import replace
from typing import TYPE_CHECKING

import torch
from torch import nn

from model.autoencoder import AutoencoderConfig

if TYPE_CHECKING:
    from diffusers import AutoencoderKL


class FolderSketchbook(nn.Module):
    """diffusers' AutoencoderKL, encoding to its latent distribution's mode (deterministic, like our own)."""

    def __init__(self, vae: "AutoencoderKL", latent_size: int):
        super().__init__()
        self.vae = vae.eval()
        book = vae.config
        # Its block_out_channels are our widths: each level after the first halves the picture, as in ours.
        levels = AutoencoderConfig(
            latent_channels=book.latent_channels,
            widths=tuple(book.block_out_channels),
            blocks_per_level=book.layers_per_block,
        )
        self.config = replace(levels, image_size=latent_size * levels.downsample)
        self.scale = float(book.scaling_factor)  # brings the latents to about unit variance (Rombach et al. 2022)
        self.shift = float(getattr(book, "shift_factor", None) or 0.0)

    def encode(self, pictures: torch.Tensor) -> torch.Tensor:
        """(B, 3, S, S) in [-1, 1] → (B, C, S/f, S/f) latents, as the U-Net reads them."""
        raw = self.vae.encode(pictures).latent_dist.mode()  # (B, C, S/f, S/f)
        return (raw - self.shift) * self.scale

    def decode(self, latents: torch.Tensor) -> torch.Tensor:
        """(B, C, S/f, S/f) → (B, 3, S, S), clamped to [-1, 1]."""
        return self.vae.decode(latents / self.scale + self.shift).sample.clamp(-1, 1)
