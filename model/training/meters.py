"""Meters read while a team trains: does it draw the asked concept from pure noise, not just lower the loss?

Nearest-concept accuracy (the concept of the nearest real picture in pixel space, as in the recorded
trials) and, when a judge is given, the judge's top-1, on a fixed probe set of concepts at the app's
default sampler, steps and guidance.
"""

from dataclasses import dataclass

import numpy as np
import torch

from model.data.concepts import CONCEPTS
from model.data.dataset import EmojiDataset
from model.metrics import top_k_accuracy
from model.pipeline import GenerationRequest, Pipeline
from model.training.grids import pictures_for
from model.training.judge import Judge, predict
from model.training.pictures import resize_pictures


def nearest_concepts(
    pictures: torch.Tensor, references: torch.Tensor, reference_concepts: torch.Tensor
) -> torch.Tensor:
    """The concept of each picture's nearest reference (L2 over pixels): (N, 3, S, S) → (N,)."""
    distances = torch.cdist(pictures.flatten(1), references.flatten(1))  # (N, M)
    return reference_concepts[distances.argmin(dim=1)]


@dataclass
class ConceptProbe:
    """A fixed set of concepts to draw, and the real concept pictures to compare with."""

    concepts: list[int]  # indices into CONCEPTS
    references: torch.Tensor  # (M, 3, S, S) every real picture of a concept
    reference_concepts: torch.Tensor  # (M,)

    @classmethod
    def from_dataset(cls, dataset: EmojiDataset, size: int, stride: int) -> "ConceptProbe":
        ids = dataset.concept_indices()
        keep = np.flatnonzero(ids >= 0)
        return cls(
            concepts=list(range(0, len(CONCEPTS), stride)),
            references=resize_pictures(dataset.images[keep], size),
            reference_concepts=torch.from_numpy(ids[keep]),
        )

    @torch.no_grad()
    def measure(self, pipeline: Pipeline, model: str, judge: Judge | None = None, seeds: int = 1) -> dict[str, float]:
        """Fractions of drawings recognised, drawn from pure noise with seeds 0 … seeds − 1."""
        guidance = GenerationRequest.guidance_scale
        pictures = torch.cat(
            [pictures_for(pipeline, model, CONCEPTS[i].name, seeds, guidance) for i in self.concepts]
        ).cpu()
        labels = torch.tensor(self.concepts).repeat_interleave(seeds)
        found = nearest_concepts(pictures, self.references, self.reference_concepts)
        scores = {"nearest_concept": float((found == labels).float().mean())}
        if judge is not None:
            scores["judge_top1"] = top_k_accuracy(predict(judge, pictures), labels, 1)
        return scores
