"""Dust vs memorising: how different a handful of pictures are, as CLIP sees them."""

from dataclasses import dataclass

import torch

from model.metrics import mean_pairwise_distance, vendi_score
from model.text_encoder import TextEncoder


@dataclass(frozen=True)
class Variety:
    spread: float  # mean pairwise cosine distance of the CLIP image embeddings; 0 = all the same
    distinct: float  # Vendi score: the effective number of different pictures, 1 … N


@torch.no_grad()
def variety(text_encoder: TextEncoder, pictures: torch.Tensor) -> Variety:
    """The variety of N pictures (N, 3, H, W) in [-1, 1], N ≥ 2."""
    embeddings = text_encoder.clip.encode_image(pictures.clamp(-1, 1), normalize=True).float()  # (N, D)
    return Variety(spread=float(mean_pairwise_distance(embeddings[None])[0]), distinct=vendi_score(embeddings))
