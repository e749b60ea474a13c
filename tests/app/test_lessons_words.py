"""How the model reads a prompt: taught words, tokens and the CLIP match."""

import torch
from fastapi.testclient import TestClient

from model.lessons.words import picture_word_match, taught_words, words_of
from model.pipeline import Pipeline


def test_the_taught_words_come_from_the_concepts_and_the_captions():
    taught = taught_words()
    assert {"dog", "puppy", "cat", "red", "picture", "drawing", "a"} <= taught
    assert "zorblax" not in taught


def test_words_are_split_without_punctuation():
    assert words_of("A Happy, happy DOG's day!") == ["a", "happy", "happy", "dog's", "day"]


def test_a_reading_marks_the_words_it_was_never_taught(client: TestClient):
    reading = client.get("/api/lessons/words", params={"prompt": "a purple zorblax"}).json()
    assert [(w["text"], w["taught"]) for w in reading["words"]] == [("a", True), ("purple", True), ("zorblax", False)]
    assert len(reading["tokens"]) > 3, "an unknown word is cut into pieces"
    assert reading["max_tokens"] > 0


def test_a_reading_refuses_long_prompts(client: TestClient):
    assert client.get("/api/lessons/words", params={"prompt": "x" * 101}).status_code == 422


def test_a_picture_matches_its_words_as_clip_sees_it(pipeline: Pipeline):
    pictures = torch.rand(3, 3, 32, 32) * 2 - 1
    scores = picture_word_match(pipeline.text_encoder, "a red apple", pictures)
    assert scores.shape == (3,) and torch.all((scores >= 0) & (scores <= 100))
    clip = pipeline.text_encoder.clip
    text = clip.encode_text(pipeline.text_encoder.tokenize(["a red apple"]), normalize=True)
    image = clip.encode_image(pictures[:1], normalize=True)
    assert torch.isclose(scores[0], 100 * (image @ text.T).clamp_min(0)[0, 0], atol=1e-4)


def test_every_token_lands_somewhere_on_the_picture(client: TestClient):
    answer = client.get("/api/lessons/word-maps", params={"prompt": "a red apple", "steps": 2}).json()
    assert [m["token"] for m in answer["maps"]] == ["a", "red", "apple"]
    assert all(m["map"].startswith("data:image/png;base64,") for m in answer["maps"])
    assert answer["picture"].startswith("data:image/png;base64,")
    assert client.get("/api/lessons/word-maps", params={"prompt": ""}).status_code == 422
