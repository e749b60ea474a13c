"""What both trainings read: pictures as tensors at the training size, and a caption sampler."""

import random
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from model.data.dataset import EmojiDataset
from model.images import from_uint8
from model.pipeline import Pipeline


def resize_pictures(images: np.ndarray, size: int) -> torch.Tensor:
    """uint8 pictures (N, H, W, 3) → (N, 3, size, size) in [-1, 1], resized with an antialiased filter."""
    pictures = from_uint8(images)
    if pictures.shape[-1] != size:
        pictures = F.interpolate(pictures, size=(size, size), mode="bilinear", antialias=True, align_corners=False)
    return pictures.clamp(-1, 1)


@dataclass
class PictureCaptions:
    """Pictures (N, 3, S, S) in [-1, 1] with their captions; captions are sampled per epoch of use."""

    pictures: torch.Tensor
    captions: list[list[str]]
    concept_ids: np.ndarray  # (N,) index into the concept set, -1 when the picture is not a concept

    @classmethod
    def from_arrays(
        cls, images: np.ndarray, captions: list[list[str]], concept_ids: np.ndarray, size: int
    ) -> "PictureCaptions":
        return cls(pictures=resize_pictures(images, size), captions=captions, concept_ids=concept_ids)

    def __len__(self) -> int:
        return self.pictures.shape[0]

    def random_captions(self, indices: torch.Tensor, rng: random.Random) -> list[str]:
        return [rng.choice(self.captions[i]) for i in indices.tolist()]


def sketchbook_latents(pipeline: Pipeline, dataset: EmojiDataset) -> tuple[torch.Tensor, np.ndarray]:
    """The sketchbook's latents (N, C, h, w) of a dataset's pictures, and their concept indices (N,)."""
    pictures = PictureCaptions.from_arrays(dataset.images, [[]] * len(dataset), dataset.concept_indices(), 32)
    with torch.no_grad():
        return pipeline.to_latent(pictures.pictures).float(), pictures.concept_ids
