"""Dust vs memorising: how many different pictures a handful of pictures is, as a child sees them.

Pictures are compared at 16×16 (layout and colours, not pixel noise) with a Gaussian kernel, and the
Vendi score (Friedman & Dieng 2023) of that kernel is "about how many different pictures". The
bandwidth was set on the real emoji (`python -m model.training.evaluate` measures the scale every time): eight
copies of one picture score 1, the four styles of one emoji about 3.5, eight different emoji about 7.3.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F

from model.device import autocast
from model.metrics import vendi_score_of_kernel
from model.pipeline import Pipeline

COMPARE_SIDE = 16  # pictures are compared at 16×16
BANDWIDTH = 0.1  # mean squared difference per value (pictures in [-1, 1]) at which two pictures are e^-1 alike
VARIETY_SCALE_FILE = "variety_scale.json"  # reference numbers on real pictures, written next to the weights


@dataclass(frozen=True)
class Variety:
    spread: float  # mean pairwise unlikeness, 1 − kernel, over all pairs; 0 = all the same
    distinct: float  # Vendi score: the effective number of different pictures, 1 … N


def picture_kernel(pictures: torch.Tensor) -> torch.Tensor:
    """(N, 3, H, W) pictures in [-1, 1] → (N, N) likeness in (0, 1], 1 on the diagonal."""
    small = F.interpolate(pictures.float().clamp(-1, 1), size=COMPARE_SIDE, mode="bilinear", antialias=True)
    features = small.flatten(1)  # (N, D)
    squared = torch.cdist(features, features).pow(2) / features.shape[1]
    return torch.exp(-squared / BANDWIDTH)


@torch.no_grad()
def variety(pictures: torch.Tensor) -> Variety:
    """The variety of N ≥ 2 pictures (N, 3, H, W) in [-1, 1]."""
    kernel = picture_kernel(pictures)
    n = kernel.shape[0]
    spread = float((1 - kernel).sum() / (n * (n - 1)))
    return Variety(spread=spread, distinct=vendi_score_of_kernel(kernel))


def load_variety_scale(folder: Path | None) -> dict[str, float] | None:
    """The reference numbers measured on real pictures for the weights in `folder`, if they were measured."""
    path = folder / VARIETY_SCALE_FILE if folder is not None else None
    if path is None or not path.exists():
        return None
    return {name: float(value) for name, value in json.loads(path.read_text(encoding="utf-8")).items()}


@torch.no_grad()
def draw_without_dust(pipeline: Pipeline, prompt: str, num_images: int = 1) -> torch.Tensor:
    """The no-dust model's picture for a prompt (N, 3, H, W): the same picture however often you ask."""
    no_dust = pipeline.no_dust
    if no_dust is None:
        raise ValueError("this pipeline has no no-dust model")
    side, device = no_dust.config.image_size, pipeline.device
    cond = pipeline.clip.condition([prompt]).repeat(num_images)
    blank = torch.zeros(num_images, no_dust.config.channels, side, side, device=device)
    with autocast(device):
        drawn = no_dust.network(blank, torch.zeros(num_images, device=device), cond).float()
    return no_dust.to_view(drawn) if no_dust.draws_in_latent else drawn.clamp(-1, 1)
