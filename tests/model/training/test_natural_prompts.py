"""The natural-prompt suite: every kind, held-out phrasings only, and a table that counts what it should."""

import re

import torch

from model.data.concepts import CONCEPTS
from model.data.descriptions import HELD_OUT_DESCRIPTIONS
from model.data.phrasings import HELD_OUT, concept_sentences, held_out_colour, training_colours
from model.training.judge import turn_hue
from model.training.natural_prompts import KINDS, NaturalPrompt, natural_suite, table
from model.training.train import batch_weights


def test_the_suite_asks_every_kind_the_same_way_every_time():
    suite = natural_suite(stride=10)
    assert {item.kind for item in suite} == set(KINDS)
    assert suite == natural_suite(stride=10)
    assert {item.concept for item in suite} == set(range(0, len(CONCEPTS), 10))


def test_no_suite_sentence_is_a_training_caption():
    for item in natural_suite(stride=5):
        concept = CONCEPTS[item.concept]
        seen = set(concept_sentences(concept, 24))
        for colour in training_colours(concept):
            seen |= set(concept_sentences(concept, 8, colour))
        assert item.prompt not in seen, item


def test_each_kind_is_built_from_the_held_out_split():
    held = [*HELD_OUT.determiners, *HELD_OUT.adjectives, *HELD_OUT.counts]
    frames = [request.replace("{}", "").strip() for request in HELD_OUT.requests]
    for item in natural_suite(stride=3):
        concept = CONCEPTS[item.concept]
        if item.kind in ("article", "adjective", "plural", "kid word"):
            assert any(re.search(rf"\b{re.escape(w)}\b", item.prompt) for w in held), item
        elif item.kind in ("request", "usual colour"):
            assert any(item.prompt.startswith(frame) for frame in frames), item
        elif item.kind == "description":
            assert item.prompt == HELD_OUT_DESCRIPTIONS[concept.name]
        if item.kind == "new colour":
            assert item.colour == held_out_colour(concept) and item.colour in item.prompt
        if item.kind == "usual colour":
            assert item.colour == concept.colour


def test_the_table_counts_things_and_colours_by_kind():
    suite = [
        NaturalPrompt("article", "that dog", 0),
        NaturalPrompt("new colour", "a blue dog", 0, "blue"),
    ]
    marks = [(True, None), (False, None), (True, True), (True, False)]  # two seeds a prompt
    rows = table(suite, marks, seeds=2)
    assert rows["article"] == {"pictures": 2, "thing": 0.5}
    assert rows["new colour"] == {"pictures": 2, "thing": 1.0, "colour": 0.5, "both": 0.5}
    assert rows["all kinds"] == {"pictures": 4, "thing": 0.75}


def test_added_pictures_fill_their_share_of_a_batch():
    assert torch.allclose(batch_weights(4, 4, 0.25), torch.full((4,), 0.25))
    weights = batch_weights(6, 8, 0.25)
    assert weights.sum() == torch.tensor(1.0) and weights[6:].sum() == torch.tensor(0.25)


def test_turning_hues_keeps_greys_and_turns_red_to_green_at_a_third():
    grey = torch.full((1, 3, 2, 2), 0.3)
    assert torch.allclose(turn_hue(grey, torch.tensor([0.37])), grey, atol=1e-6)
    red = torch.tensor([1.0, -1.0, -1.0]).view(1, 3, 1, 1)
    assert torch.allclose(turn_hue(red, torch.tensor([1 / 3])), red.roll(1, dims=1), atol=1e-5)
    pictures = torch.rand(3, 3, 4, 4) * 2 - 1
    assert torch.allclose(turn_hue(pictures, torch.tensor([0.0, 1.0, 0.0])), pictures, atol=1e-5)
