"""Captions that sound like people: the held-out split never reaches training, and grammar comes out right."""

import re

import pytest

from model.data.concepts import CONCEPTS, concept_by_name
from model.data.phrasings import (
    COLOURS,
    HELD_OUT,
    TRAINING,
    concept_sentences,
    held_out_colour,
    natural_captions,
    plural,
    training_colours,
    with_article,
)


def _whole(phrase: str, text: str) -> bool:
    return re.search(rf"(?<![a-z']){re.escape(phrase)}(?![a-z'])", text) is not None


@pytest.mark.parametrize("field", ["determiners", "adjectives", "counts", "requests"])
def test_the_splits_share_no_word_list_entry(field):
    assert not set(getattr(TRAINING, field)) & set(getattr(HELD_OUT, field))


def test_no_training_sentence_uses_a_held_out_word_or_request():
    held_words = [*HELD_OUT.determiners, *HELD_OUT.adjectives, *HELD_OUT.counts]
    held_frames = [request.replace("{}", "").strip() for request in HELD_OUT.requests]
    for concept in CONCEPTS:
        own = " ".join((concept.name, *concept.synonyms))
        for colour in (None, *training_colours(concept)):
            for sentence in concept_sentences(concept, 24, colour):
                leaked = [w for w in held_words if _whole(w, sentence) and not _whole(w, own)]
                assert not leaked, (sentence, leaked)
                assert not any(sentence.startswith(frame) for frame in held_frames), sentence


def test_sentences_are_as_many_as_asked_different_and_the_same_every_time():
    first = natural_captions(["dog", "puppy"], TRAINING, 12, seed="dog")
    assert len(first) == len(set(first)) == 12
    assert first == natural_captions(["dog", "puppy"], TRAINING, 12, seed="dog")
    assert first != natural_captions(["dog", "puppy"], TRAINING, 12, seed="cat")


def test_a_colour_goes_in_every_sentence_and_only_training_colours_reach_training():
    for concept in CONCEPTS[::7]:
        held = held_out_colour(concept)
        assert held in COLOURS and held != concept.colour
        assert held not in training_colours(concept) and concept.colour not in training_colours(concept)
        for colour in training_colours(concept):
            assert all(_whole(colour, s) and not _whole(held, s) for s in concept_sentences(concept, 8, colour))


def test_things_hold_out_different_colours():
    assert len({held_out_colour(concept) for concept in CONCEPTS}) == len(COLOURS)


@pytest.mark.parametrize(
    ("noun", "article", "plural_form"),
    [
        ("dog", "a dog", "dogs"),
        ("apple", "an apple", "apples"),
        ("unicorn", "a unicorn", "unicorns"),
        ("mouse", "a mouse", "mice"),
        ("bus", "a bus", "buses"),
        ("octopus", "an octopus", "octopuses"),
        ("grapes", "grapes", "grapes"),
        ("scissors", "scissors", "scissors"),
        ("polar bear", "a polar bear", "polar bears"),
        ("orange car", "an orange car", "orange cars"),
    ],
)
def test_articles_and_plurals(noun, article, plural_form):
    assert with_article(noun) == article
    assert plural(noun) == plural_form


def test_every_sentence_names_the_thing_by_one_of_its_names():
    dog = concept_by_name()["dog"]
    names = (dog.name, *dog.synonyms)
    for sentence in concept_sentences(dog, 30):
        assert any(_whole(name, sentence) or _whole(plural(name), sentence) for name in names), sentence
