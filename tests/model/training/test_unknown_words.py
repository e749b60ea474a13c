"""The stand-in for untaught words: where it goes in a sentence, and that every untaught token reads as it."""

import random

import torch

from model.loading import tiny_pipeline
from model.training.unknown_words import (
    STAND_IN,
    stand_in_id,
    taught_token_ids,
    tie_untaught_rows,
    with_unknown_word,
)


def test_the_stand_in_goes_once_between_words_and_anywhere_in_the_sentence():
    rng = random.Random(0)
    sentence = "can you draw a dog"
    seen = set()
    for _ in range(200):
        words = with_unknown_word(rng, sentence).split()
        assert words.count(STAND_IN) == 1
        at = words.index(STAND_IN)
        assert words[:at] + words[at + 1 :] == sentence.split()
        seen.add(at)
    assert seen == set(range(6))  # before the first word, between any two, after the last


def test_the_taught_tokens_are_the_words_and_the_ends_of_text_never_the_stand_in():
    clip = tiny_pipeline().clip
    taught = taught_token_ids(clip, ["dog", "puppies", STAND_IN])
    tokenizer = clip.tokenizer
    expected = {tokenizer.sot_token_id, tokenizer.eot_token_id, *tokenizer.encode("dog"), *tokenizer.encode("puppies")}
    assert taught == expected
    assert stand_in_id(clip) == tokenizer.encode(STAND_IN)[0] and stand_in_id(clip) not in taught


def test_an_untaught_word_reads_exactly_as_the_stand_in_and_taught_rows_stay():
    clip = tiny_pipeline().clip
    table = clip.model.token_embedding.weight
    before = table.detach().clone()
    taught = taught_token_ids(clip, ["a", "dog"])

    changed = tie_untaught_rows(table, taught, stand_in_id(clip))

    assert changed == table.shape[0] - len(taught)
    rows = sorted(taught)
    assert torch.equal(table[rows], before[rows])
    assert torch.equal(table[clip.tokenizer.encode("adorable")[0]], before[stand_in_id(clip)])
    unknown, stand_in = clip.condition(["a adorable dog"]), clip.condition([f"a {STAND_IN} dog"])
    assert torch.equal(unknown.tokens, stand_in.tokens) and torch.equal(unknown.pooled, stand_in.pooled)
    assert not torch.equal(clip.condition(["a dog"]).pooled, unknown.pooled)
