"""The dataset as people ask for it: sentences beside the names, recoloured copies named by colour."""

import numpy as np

from model.data.concepts import CONCEPTS, concept_by_name
from model.data.dataset import EmojiDataset, joined
from model.data.phrasings import free_of_held_out_words, held_out_colour, held_out_words, training_colours
from model.data.recolour import colour_of
from model.data.sentences import recoloured, spoken_captions, with_sentences
from model.data.training_descriptions import TRAINING_DESCRIPTIONS
from model.data.wordnet import Sense


def _dataset() -> EmojiDataset:
    red, grey = np.full((8, 8, 3), 255, np.uint8), np.full((8, 8, 3), 255, np.uint8)
    red[2:6, 2:6] = (220, 20, 20)
    grey[2:6, 2:6] = (120, 120, 120)
    items = [
        {"style": "noto", "concept": "car", "captions": ["car"]},
        {"style": "noto", "concept": "rocket", "captions": ["rocket"]},
        {"style": "noto", "concept": None, "captions": ["moai"]},
    ]
    return EmojiDataset(np.stack([red, grey, red]), items)


def test_concept_pictures_gain_sentences_and_keep_their_names():
    people = with_sentences(_dataset(), 5)
    assert people.items[0]["captions"][0] == "car" and len(people.items[0]["captions"]) == 6
    assert people.items[2]["captions"] == ["moai"]


def test_recoloured_copies_are_in_training_colours_and_named_so():
    copies = recoloured(_dataset(), per_picture=3, sentences=4)
    car = concept_by_name()["car"]
    assert len(copies) == 3  # the grey rocket has no main colour; the moai is not a concept
    for image, item in zip(copies.images, copies.items):
        assert item["colour"] in training_colours(car) and colour_of(image) == item["colour"]
        assert all(item["colour"] in caption and held_out_colour(car) not in caption for caption in item["captions"])
    assert len(joined(_dataset(), copies)) == 6


class _OneGloss:
    """A WordNet that knows one gloss."""

    def sense(self, lemma: str, category: str | None = None):
        return Sense(("car",), "a motor vehicle with wheels", "motor vehicle") if lemma == "car" else None


def test_with_a_wordnet_each_concept_picture_is_described_too():
    people = with_sentences(_dataset(), 2, _OneGloss())
    car, rocket = people.items[0]["captions"], people.items[1]["captions"]
    usable = {name: [d for d in TRAINING_DESCRIPTIONS[name] if free_of_held_out_words(d)] for name in ("car", "rocket")}
    assert len(usable["car"]) == 2, "'a vehicle with four wheels …' holds a held-out count"
    assert car[3] == "a motor vehicle with wheels" and car[4:] == usable["car"]
    assert rocket[3:] == usable["rocket"]  # no gloss to add, only the written descriptions


class _GlossWithAHeldOutWord:
    """A WordNet whose gloss for a car uses a held-out determiner."""

    def sense(self, lemma: str, category: str | None = None):
        return Sense(("car",), "a vehicle to take your family places", "motor vehicle") if lemma == "car" else None


def test_no_description_or_gloss_in_training_holds_a_word_of_the_held_out_split():
    held = held_out_words()
    assert {"their", "adorable", "several", "sketch", "your"} <= held and "that" not in held
    assert not free_of_held_out_words("a five-pointed shape") and free_of_held_out_words("a bird that swims")
    for concept in CONCEPTS:
        own = {word for name in (concept.name, *concept.synonyms) for word in name.split()}  # "four leaf clover"
        for caption in spoken_captions(concept, 4, _GlossWithAHeldOutWord()):
            assert (held - own).isdisjoint(caption.lower().split()), (concept.name, caption)
    car = spoken_captions(concept_by_name()["car"], 0, _GlossWithAHeldOutWord())
    assert car and "a vehicle to take your family places" not in car
