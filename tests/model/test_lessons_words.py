"""The page's reading line: the words a prompt holds that training never had, and the things it names."""

import json

import torch

from model.lessons.words import THINGS_FILE, best_matching, load_things, place_among, things_named, untaught_words

THINGS = ("dog", "cat", "sunglasses", "orange", "polar bear", "yo-yo", "kite", "heart", "apple")


def test_untaught_words_come_in_the_order_typed_each_once():
    taught = frozenset({"a", "of", "portrait", "dog"})
    assert untaught_words("A portrait of a scientist, a SCIENTIST and a zorblax dog", taught) == [
        "scientist",
        "and",
        "zorblax",
    ]
    assert untaught_words("a dog", taught) == []


def test_things_are_named_by_their_names_and_plurals_in_order():
    assert things_named("a cat wearing sunglasses", THINGS) == ["cat", "sunglasses"]
    assert things_named("two dogs and a cat and another dog", THINGS) == ["dog", "cat"]
    assert things_named("a polar bear with a yo-yo", THINGS) == ["polar bear", "yo-yo"]
    assert things_named("a portrait of a scientist", THINGS) == []


def test_a_name_right_before_another_is_a_modifier_not_a_second_thing():
    assert things_named("an orange cat", THINGS) == ["cat"]
    assert things_named("a polar bear kite", THINGS) == ["kite"]
    assert things_named("an orange and a cat", THINGS) == ["orange", "cat"]


def test_the_things_travel_with_the_weights(tmp_path):
    assert load_things(tmp_path) == () and load_things(None) == ()
    (tmp_path / THINGS_FILE).write_text(json.dumps(list(THINGS)))
    assert load_things(tmp_path) == THINGS


class _AxisClip:
    """A CLIP whose pictures point along their mean colour channel and whose words each along their own axis."""

    def encode_image(self, pictures: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.one_hot(pictures.mean((2, 3)).argmax(1), 3).float()

    def encode_text(self, words: list[str]) -> torch.Tensor:
        return torch.eye(3)[: len(words)]


def test_the_thing_drawn_is_the_one_clip_matches_best():
    blue = torch.zeros(1, 3, 8, 8)
    blue[:, 2] = 1
    assert best_matching(_AxisClip(), ["dog", "cat", "kite"], blue) == "kite"
    assert best_matching(_AxisClip(), ["dog", "cat", "kite"], blue.roll(1, dims=1)) == "dog"


def test_the_words_place_counts_the_names_that_fit_the_picture_better():
    blue = torch.zeros(1, 3, 8, 8)
    blue[:, 2] = 1  # _AxisClip: the picture points along axis 2, the words along axes 0, 1, 2 in order
    words = _AxisClip().encode_text(["dog", "cat", "kite"])
    assert place_among(_AxisClip(), words, blue) == [1]  # "kite" fits it better
    assert place_among(_AxisClip(), words, blue.roll(-2, dims=1)) == [0]  # now "dog" fits best
