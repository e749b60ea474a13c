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
THINGS_FILE = "things.json"  # the names of the things the teams draw, one picture at a time
_LONGEST_NAME = 3  # words in the longest thing's name, e.g. "hot air balloon"


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


def load_things(folder: Path | None) -> tuple[str, ...]:
    """The names of the things the weights in `folder` were trained to draw; none when training did not record them."""
    path = folder / THINGS_FILE if folder is not None else None
    if path is None or not path.exists():
        return ()
    return tuple(json.loads(path.read_text(encoding="utf-8")))


@torch.no_grad()
def picture_word_match(clip: Clip, prompt: str, images: torch.Tensor) -> torch.Tensor:
    """CLIP score (0–100) between the prompt and each picture (B, 3, H, W) in [-1, 1]; shape (B,)."""
    text = clip.encode_text([prompt])  # (1, D)
    pictures = clip.encode_image(images)  # (B, D)
    return clip_score(pictures, text.expand_as(pictures))


def untaught_words(prompt: str, vocabulary: frozenset[str]) -> list[str]:
    """The prompt's words that no training caption had, in the order typed, each once."""
    return list(dict.fromkeys(word for word in words_of(prompt) if word not in vocabulary))


def things_named(prompt: str, things: Iterable[str]) -> list[str]:
    """The things a prompt names by their own names (or plurals), in order, each once. Synonyms are left out, as
    many are other words too ("love", "fruit"); a name followed at once by another is a modifier, not a second
    thing: "an orange cat" names one thing, "a cat and a dog" two."""
    words = words_of(prompt.replace("-", " "))
    names = {name.replace("-", " "): name for name in things}
    spans: list[tuple[int, int, str]] = []  # (first word, word after the last, thing)
    start = 0
    while start < len(words):
        for length in range(min(_LONGEST_NAME, len(words) - start), 0, -1):
            phrase = " ".join(words[start : start + length])
            thing = names.get(phrase) or (names.get(phrase[:-1]) if phrase.endswith("s") else None)
            if thing:
                spans.append((start, start + length, thing))
                start += length
                break
        else:
            start += 1
    heads = [thing for (_, end, thing), after in zip(spans, [*spans[1:], None]) if after is None or after[0] != end]
    return list(dict.fromkeys(heads))


@torch.no_grad()
def best_matching(clip: Clip, things: list[str], picture: torch.Tensor) -> str:
    """Of the things named, the one a picture (1, 3, H, W) in [-1, 1] matches best by CLIP score."""
    scores = clip.encode_image(picture) @ clip.encode_text(things).T  # (1, len(things))
    return things[int(scores.argmax())]


@torch.no_grad()
def place_among(clip: Clip, words: torch.Tensor, pictures: torch.Tensor) -> list[int]:
    """For each picture (B, 3, H, W) in [-1, 1], how many rivals fit it better than the prompt does, by CLIP score:
    0 means the prompt fits best. `words` (1 + K, D) is `clip.encode_text([prompt, *rivals])`, encoded once a run.
    A ranking a child can read, where the raw score is not (a perfect apple scored lower against "apple" than
    against a made-up word)."""
    scores = clip.encode_image(pictures) @ words.T  # (B, 1 + K)
    return (scores[:, 1:] > scores[:, :1]).sum(dim=1).tolist()
