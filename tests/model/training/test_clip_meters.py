"""A CLIP's meters on known answers: one that reads perfectly scores 1, one that reads nothing scores chance."""

import numpy as np
import torch

from model.data.concepts import CONCEPTS
from model.training.clip_meters import clip_meters
from model.training.natural_prompts import natural_suite


class _ReadsTheConcept(torch.nn.Module):
    """Pictures carry their concept's index in their first pixel; words point at the concept the suite or the
    plain prompt names (`perfect`), or all at one concept (not `perfect`)."""

    def __init__(self, perfect: bool):
        super().__init__()
        self.perfect = perfect
        self.meaning = {item.prompt: item.concept for item in natural_suite()}
        self.meaning |= {f"a picture of a {c.name}": i for i, c in enumerate(CONCEPTS)}

    def encode_image(self, pictures: torch.Tensor, normalize: bool) -> torch.Tensor:
        return torch.nn.functional.one_hot(pictures[:, 0, 0, 0].long(), len(CONCEPTS)).float()

    def encode_text(self, texts: list[str], normalize: bool) -> torch.Tensor:
        ids = torch.tensor([self.meaning[t] if self.perfect else 0 for t in texts])
        return torch.nn.functional.one_hot(ids, len(CONCEPTS)).float()


def _pictures(concepts: list[int]) -> tuple[torch.Tensor, np.ndarray]:
    pictures = torch.zeros(len(concepts), 3, 4, 4)
    pictures[:, 0, 0, 0] = torch.tensor(concepts, dtype=torch.float)
    return pictures, np.array(concepts)


def test_a_clip_that_reads_every_word_right_scores_one_everywhere():
    pictures, ids = _pictures([0, 0, 10, 20, 30])
    meters = clip_meters(_ReadsTheConcept(perfect=True), lambda texts: texts, pictures, ids)
    assert meters == {"zero_shot_top1": 1.0, "right_outranks_wrong": 1.0, "sentences_top1": 1.0}


def test_a_clip_that_reads_nothing_never_ranks_its_own_prompt_above_a_wrong_one():
    pictures, ids = _pictures([10, 20, 30])
    meters = clip_meters(_ReadsTheConcept(perfect=False), lambda texts: texts, pictures, ids)
    assert meters["zero_shot_top1"] == 0.0 and meters["right_outranks_wrong"] == 0.0
