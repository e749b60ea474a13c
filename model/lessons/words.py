"""Words to pictures: which words the model was taught, and how well a picture matches its words."""

import functools
import re

import torch

from model.data.captions import SYNONYM_TEMPLATES, TEMPLATES
from model.data.concepts import CONCEPTS
from model.metrics import clip_score
from model.text_encoder import TextEncoder

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def words_of(text: str) -> list[str]:
    """The words in a text, lower-cased, without punctuation."""
    return _WORD.findall(text.lower())


@functools.cache
def taught_words() -> frozenset[str]:
    """Every word of the concept list's names, synonyms and colours and of the caption templates."""
    phrases = [*TEMPLATES, *SYNONYM_TEMPLATES, "a", "an"]
    for concept in CONCEPTS:
        phrases += [concept.name, *concept.synonyms, concept.colour or ""]
    return frozenset(word for phrase in phrases for word in words_of(phrase))


@torch.no_grad()
def picture_word_match(text_encoder: TextEncoder, prompt: str, images: torch.Tensor) -> torch.Tensor:
    """CLIP score (0–100) between the prompt and each picture (B, 3, H, W) in [-1, 1]; shape (B,)."""
    clip = text_encoder.clip
    text = clip.encode_text(text_encoder.tokenize([prompt]), normalize=True)  # (1, D)
    pictures = clip.encode_image(images.clamp(-1, 1), normalize=True)  # (B, D)
    return clip_score(pictures, text.expand_as(pictures))
