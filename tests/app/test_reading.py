"""The reading line travels with the run: untaught words and named things at the start, the one drawn at the end."""

import pytest

from model.pipeline import Pipeline
from model.weights_folder import WeightsFolder


@pytest.fixture
def taught(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> Pipeline:
    """The tiny pipeline as if its training had recorded its words and its things."""
    taught = frozenset({"a", "cat", "dog", "wearing", "sunglasses", "of"})
    monkeypatch.setattr(pipeline, "weights", WeightsFolder(vocabulary=taught, things=("cat", "dog", "sunglasses")))
    return pipeline


def test_start_names_the_untaught_words_and_done_says_which_named_thing_it_drew(taught, ws, receive_until, generate):
    ws.send_json(generate(prompt="a cat wearing sunglasses and a zorblax hat", steps=2))
    run = receive_until(ws, "done")
    start, done = run.of_type("start")[0], run.of_type("done")[0]
    assert start["reading"] == {"untaught": ["and", "zorblax", "hat"], "things": ["cat", "sunglasses"]}
    assert done["drew"] in ("cat", "sunglasses")


def test_one_thing_in_known_words_gets_an_empty_reading_and_no_drawn_thing(taught, ws, receive_until, generate):
    ws.send_json(generate(prompt="a dog", steps=2))
    run = receive_until(ws, "done")
    assert run.of_type("start")[0]["reading"] == {"untaught": [], "things": ["dog"]}
    assert run.of_type("done")[0]["drew"] is None


def test_weights_that_recorded_no_words_send_no_reading(pipeline, ws, receive_until, generate):
    ws.send_json(generate(prompt="a zorblax", steps=2))
    run = receive_until(ws, "done")
    assert run.of_type("start")[0]["reading"] is None and run.of_type("done")[0]["drew"] is None
