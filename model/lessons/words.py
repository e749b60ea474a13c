"""Words to pictures: which words the model was taught, and how well a picture matches its words.

The words a model was taught are those of every caption it trained on; training writes them beside the
weights (`vocabulary.json`), so the lesson reads them from the weights actually loaded.
"""

import json
import re
from collections.abc import Iterable
from pathlib import Path

import torch

from model.clip import Clip
from model.metrics import clip_score

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
VOCABULARY_FILE = "vocabulary.json"


def words_of(text: str) -> list[str]:
    """The words in a text, lower-cased, without punctuation."""
    return _WORD.findall(text.lower())


def vocabulary_of(captions: Iterable[str]) -> list[str]:
    """Every word of the captions, sorted: what a model trained on them was taught."""
    return sorted({word for caption in captions for word in words_of(caption)})


def load_vocabulary(folder: Path | None) -> frozenset[str] | None:
    """The words the weights in `folder` were taught, or None when training did not record them."""
    path = folder / VOCABULARY_FILE if folder is not None else None
    if path is None or not path.exists():
        return None
    return frozenset(json.loads(path.read_text(encoding="utf-8")))


@torch.no_grad()
def picture_word_match(clip: Clip, prompt: str, images: torch.Tensor) -> torch.Tensor:
    """CLIP score (0–100) between the prompt and each picture (B, 3, H, W) in [-1, 1]; shape (B,)."""
    text = clip.encode_text([prompt])  # (1, D)
    pictures = clip.encode_image(images)  # (B, D)
    return clip_score(pictures, text.expand_as(pictures))
