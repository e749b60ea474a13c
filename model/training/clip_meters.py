"""How well a CLIP reads words against pictures: plain names, a right prompt against a wrong one, and held-out
sentences. Scored on whichever pictures it is given, e.g. a style it never trained on."""

import numpy as np
import open_clip
import torch

from model.data.concepts import CONCEPTS
from model.training.natural_prompts import natural_suite


@torch.no_grad()
def clip_meters(clip: open_clip.CLIP, tokenizer, pictures: torch.Tensor, concept_ids: np.ndarray) -> dict[str, float]:
    """pictures (N, 3, S, S) in [-1, 1] of the concepts `concept_ids` (N,) → three shares, 0 to 1:
    - zero_shot_top1: the picture's own "a picture of a {name}" scores highest among all concepts';
    - right_outranks_wrong: its own prompt scores above another concept's (a fixed, varied one per picture);
    - sentences_top1: each held-out sentence of the natural suite (about the concepts shown) lands nearest
      the mean picture of its own concept among the concepts shown.
    """
    was_training = clip.training
    clip.eval()
    labels = torch.from_numpy(concept_ids).long()
    text = clip.encode_text(tokenizer([f"a picture of a {c.name}" for c in CONCEPTS]), normalize=True)
    image = torch.cat([clip.encode_image(part, normalize=True) for part in pictures.split(256)])
    scores = image @ text.T  # (N, concepts)
    rows = torch.arange(len(labels))
    wrong = (labels + 1 + (rows * 7919) % (len(CONCEPTS) - 1)) % len(CONCEPTS)  # never the picture's own
    shown = sorted(set(concept_ids.tolist()))
    centroids = torch.stack([image[labels == c].mean(0) for c in shown])
    centroids = centroids / centroids.norm(dim=-1, keepdim=True)  # (shown, D)
    suite = [item for item in natural_suite() if item.concept in set(shown)]
    sentences = clip.encode_text(tokenizer([item.prompt for item in suite]), normalize=True)
    nearest = torch.tensor(shown)[(sentences @ centroids.T).argmax(1)]
    clip.train(was_training)
    return {
        "zero_shot_top1": float((scores.argmax(1) == labels).float().mean()),
        "right_outranks_wrong": float((scores[rows, labels] > scores[rows, wrong]).float().mean()),
        "sentences_top1": float((nearest == torch.tensor([item.concept for item in suite])).float().mean()),
    }
