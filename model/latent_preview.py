"""The sketchbook's cheap preview: a fixed linear map from a latent's channels to RGB, fitted to the decoder.

The well-known Stable Diffusion UIs show such a "latent → RGB" preview on steps where a full decode would
cost too much; it is one small matrix product per cell. Here the map is not a table of numbers for one
known VAE but a least-squares fit to whichever decoder the pipeline has, so our sketchbook and a real
Stable Diffusion folder share one code path.
"""

from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F

FIT_SEED = 0  # the fit is deterministic: the same decoder always gives the same preview
FIT_SIDE = 16  # the map is per cell, so small latents fit it as well as big ones, and a big VAE decodes them quickly
FIT_CELLS = 2048  # latent cells decoded once to fit the 3 × (C + 1) numbers


@dataclass(frozen=True)
class LatentPreview:
    """RGB ≈ weight · latent + bias, cell by cell, then enlarged to the picture's size."""

    weight: torch.Tensor  # (3, C)
    bias: torch.Tensor  # (3,)
    image_size: int  # side of the pictures the decoder paints

    @classmethod
    @torch.no_grad()
    def fit(
        cls,
        decode: Callable[[torch.Tensor], torch.Tensor],
        latent_channels: int,
        latent_size: int,
        image_size: int,
        device: torch.device | str = "cpu",
    ) -> "LatentPreview":
        """Decode unit-variance latents once and regress each picture's cell-averaged colour on its latent."""
        side = min(latent_size, FIT_SIDE)
        generator = torch.Generator().manual_seed(FIT_SEED)
        latents = torch.randn(-(-FIT_CELLS // side**2), latent_channels, side, side, generator=generator)
        pictures = decode(latents.to(device)).float().cpu()  # (N, 3, s, s): a decoder paints any latent size
        cells = F.adaptive_avg_pool2d(pictures, side)  # (N, 3, side, side): the colour each latent cell paints
        inputs = latents.permute(0, 2, 3, 1).reshape(-1, latent_channels)  # (N·side², C)
        inputs = torch.cat([inputs, torch.ones(len(inputs), 1)], dim=1)  # (N·side², C + 1): the bias column
        targets = cells.permute(0, 2, 3, 1).reshape(-1, 3)  # (N·side², 3)
        solution = torch.linalg.lstsq(inputs.double(), targets.double()).solution.float()  # (C + 1, 3)
        return cls(solution[:-1].T.contiguous().to(device), solution[-1].to(device), image_size)

    def __call__(self, latents: torch.Tensor) -> torch.Tensor:
        """(B, C, h, w) latents → (B, 3, S, S) preview pictures in [-1, 1]."""
        cells = torch.einsum("rc,bchw->brhw", self.weight, latents.float()) + self.bias[:, None, None]
        enlarged = F.interpolate(cells, size=self.image_size, mode="bilinear", align_corners=False)
        return enlarged.clamp(-1, 1)
