"""What the pipeline asks of a sketchbook: our `Autoencoder`, or a Stable Diffusion folder's VAE."""

from collections.abc import Callable
from typing import Protocol

import torch

from model.autoencoder import AutoencoderConfig
from model.device import autocast


class Sketchbook(Protocol):
    """Folds pictures into the latent space a team draws in, and paints latents back as pictures."""

    @property
    def config(self) -> AutoencoderConfig: ...  # its picture and latent sizes

    def encode(self, pictures: torch.Tensor) -> torch.Tensor: ...  # (B, 3, S, S) in [-1, 1] → (B, C, S/f, S/f)

    def decode(self, latents: torch.Tensor) -> torch.Tensor: ...  # (B, C, S/f, S/f) → (B, 3, S, S) in [-1, 1]


Decode = Callable[[torch.Tensor], torch.Tensor]  # latents → pictures: the decoder, or a server's batched call of it


@torch.no_grad()
def paint(sketchbook: Sketchbook, latents: torch.Tensor) -> torch.Tensor:
    """(B, C, h, w) latents → (B, 3, S, S) pictures painted by the decoder, in half precision on a GPU."""
    with autocast(latents.device):
        return sketchbook.decode(latents).float()
