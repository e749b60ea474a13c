"""One row for every word the text tower was never taught.

A CLIP's token table has a row for each of its 49,408 tokens, but training moves only the rows of tokens its texts
hold; the others keep their random start, so a word nobody taught ("adorable") enters the encoder as a random
vector as strong as a real word's, and the picture breaks. Here training inserts a stand-in word at random places
in its sentences (the frozen team still draws the name: the word is harmless), so the encoder learns how to read a
word it does not know; at save, every untaught token's row becomes the stand-in's. Nothing about the prompt is
rewritten: the encoder still reads every token, untaught ones through the row it learned for them.
"""

import random
from collections.abc import Iterable

import torch

from model.clip import Clip

STAND_IN = "unk"  # one BPE token, a word nobody asks a picture of; never listed as taught


def stand_in_id(clip: Clip) -> int:
    """The stand-in's token id; a ValueError if the tokenizer splits it (then it is not one row)."""
    ids = clip.tokenizer.encode(STAND_IN)
    if len(ids) != 1:
        raise ValueError(f"{STAND_IN!r} is {len(ids)} tokens for this tokenizer, not one")
    return ids[0]


def taught_token_ids(clip: Clip, words: Iterable[str]) -> set[int]:
    """The tokens of the taught words (the tokenizer reads them as it reads a prompt), with start and end of text:
    the rows training moved."""
    taught = {clip.tokenizer.sot_token_id, clip.tokenizer.eot_token_id}
    for word in words:
        taught.update(clip.tokenizer.encode(word))
    taught.discard(stand_in_id(clip))
    return taught


def with_unknown_word(rng: random.Random, sentence: str) -> str:
    """The sentence with the stand-in between two of its words (or at either end): "a unk dog", "unk draw a dog"."""
    words = sentence.split()
    at = rng.randint(0, len(words))
    return " ".join([*words[:at], STAND_IN, *words[at:]])


@torch.no_grad()
def tie_untaught_rows(table: torch.Tensor, taught: set[int], stand_in: int) -> int:
    """Give every token row (V, W) outside `taught` the stand-in's learned row; returns how many rows changed."""
    untaught = torch.ones(table.shape[0], dtype=torch.bool, device=table.device)
    untaught[sorted(taught)] = False
    table[untaught] = table[stand_in].clone()
    return int(untaught.sum())
