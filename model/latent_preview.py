"""The sketchbook's cheap preview: a fixed linear map from a latent's channels to RGB, fitted to the decoder.

The well-known Stable Diffusion UIs show such a "latent → RGB" preview on steps where a full decode would
cost too much; it is one small matrix product per cell. Here the map is not a table of numbers for one
known VAE but a least-squares fit to whichever decoder the pipeline has, so our sketchbook and a real
Stable Diffusion folder share one code path. It is fitted on the latents of pictures (flat-coloured shapes on
white paper, folded in by the encoder), not on random latents: a decoder paints pictures' latents in their
colours, and random ones mostly in browns (the red apple's preview was a brown blur).
"""

from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from model.sketchbook import Sketchbook, paint

FIT_SEED = 0  # the fit is deterministic: the same decoder always gives the same preview
FIT_SIDE = 16  # the map is per cell, so small latents fit it as well as big ones, and a big VAE decodes them quickly
FIT_CELLS = 4096  # latent cells decoded once to fit the 3 × (C + 1) numbers


@dataclass(frozen=True)
class LatentPreview:
    """RGB ≈ weight · latent + bias, cell by cell, then enlarged to the picture's size."""

    weight: torch.Tensor  # (3, C)
    bias: torch.Tensor  # (3,)
    image_size: int  # side of the pictures the decoder paints

    @classmethod
    def fit_to(cls, sketchbook: Sketchbook, device: torch.device | str = "cpu") -> "LatentPreview":
        """The preview of a sketchbook's decoder."""
        size = sketchbook.config
        return cls.fit(
            lambda latents: paint(sketchbook, latents),
            sketchbook.encode,
            size.latent_channels,
            size.latent_size,
            size.image_size,
            device,
        )

    @classmethod
    @torch.no_grad()
    def fit(
        cls,
        decode: Callable[[torch.Tensor], torch.Tensor],
        encode: Callable[[torch.Tensor], torch.Tensor],
        latent_channels: int,
        latent_size: int,
        image_size: int,
        device: torch.device | str = "cpu",
    ) -> "LatentPreview":
        """Encode flat-coloured pictures, decode their latents once, and regress each painted picture's
        cell-averaged colour on its latent."""
        side = min(latent_size, FIT_SIDE)
        shapes = _flat_shapes(-(-FIT_CELLS // side**2), side * (image_size // latent_size))
        latents = encode(shapes.to(device)).float()  # (N, C, side, side): an encoder folds any picture size
        pictures = decode(latents).float().cpu()  # (N, 3, s, s): a decoder paints any latent size
        latents = latents.cpu()
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


def _flat_shapes(count: int, size: int) -> torch.Tensor:
    """(count, 3, size, size) pictures in [-1, 1]: two to five rectangles of random colours on white paper."""
    generator = torch.Generator().manual_seed(FIT_SEED)
    pictures = torch.ones(count, 3, size, size)
    for picture in pictures:
        for _ in range(int(torch.randint(2, 6, (1,), generator=generator))):
            top, bottom = sorted(torch.randint(0, size, (2,), generator=generator).tolist())
            left, right = sorted(torch.randint(0, size, (2,), generator=generator).tolist())
            colour = torch.rand(3, generator=generator) * 2 - 1
            picture[:, top : bottom + 2, left : right + 2] = colour[:, None, None]
    return pictures
