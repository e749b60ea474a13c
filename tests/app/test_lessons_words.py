"""How the model reads a prompt: taught words, tokens and the CLIP match."""

import json
import subprocess
import sys

import torch
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from model.lessons.words import VOCABULARY_FILE, load_vocabulary, picture_word_match, vocabulary_of, words_of
from model.pipeline import Pipeline
from model.weights_folder import WeightsFolder

OFFLINE = ("model.data", "model.training")  # the dataset and the training wing: never needed to serve
SD_EXTRA = "diffusers"  # only a Stable Diffusion folder needs it (transformers may come in with open_clip)


def test_the_taught_words_are_those_of_the_captions_and_travel_with_the_weights(tmp_path):
    words = vocabulary_of(["a picture of a dog", "A puppy!", "a red apple"])
    assert words == ["a", "apple", "dog", "of", "picture", "puppy", "red"]
    assert load_vocabulary(tmp_path) is None and load_vocabulary(None) is None
    (tmp_path / VOCABULARY_FILE).write_text(json.dumps(words))
    assert load_vocabulary(tmp_path) == frozenset(words)


def test_serving_imports_no_training_code_no_dataset_and_not_the_sd_extra():
    imports = (  # every module of the server, as `dust-to-detail` would load them
        "import importlib, pkgutil, sys, app; "
        "[importlib.import_module(m.name) for m in pkgutil.walk_packages(app.__path__, 'app.')]; "
    )
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            imports + f"print(sorted(m for m in sys.modules if m.startswith(('model.', {SD_EXTRA!r}))))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    loaded = json.loads(found.replace("'", '"'))
    assert len(loaded) > 10 and not [m for m in loaded if m.startswith((*OFFLINE, SD_EXTRA))], loaded


def test_words_are_split_without_punctuation():
    assert words_of("A Happy, happy DOG's day!") == ["a", "happy", "happy", "dog's", "day"]


def test_a_reading_marks_the_words_the_loaded_weights_were_never_taught(settings: Settings, pipeline: Pipeline):
    weights = WeightsFolder(vocabulary=frozenset({"a", "purple"}))
    taught = Pipeline(pipeline.clip, pipeline.teams.values(), sketchbook=pipeline.sketchbook, weights=weights)
    with TestClient(create_app(settings, taught)) as client:
        reading = client.get("/api/lessons/words", params={"prompt": "a purple zorblax"}).json()
    assert [(w["text"], w["taught"]) for w in reading["words"]] == [("a", True), ("purple", True), ("zorblax", False)]
    assert len(reading["tokens"]) > 3, "an unknown word is cut into pieces"
    assert reading["max_tokens"] > 0


def test_weights_without_their_vocabulary_say_so(client: TestClient):
    reading = client.get("/api/lessons/words", params={"prompt": "a dog"}).json()
    assert [w["taught"] for w in reading["words"]] == [None, None]


def test_a_reading_refuses_long_prompts(client: TestClient):
    assert client.get("/api/lessons/words", params={"prompt": "x" * 101}).status_code == 422


def test_a_picture_matches_its_words_as_clip_sees_it(pipeline: Pipeline):
    pictures = torch.rand(3, 3, 32, 32) * 2 - 1
    scores = picture_word_match(pipeline.clip, "a red apple", pictures)
    assert scores.shape == (3,) and torch.all((scores >= 0) & (scores <= 100))
    clip = pipeline.clip.model  # open_clip's own scoring, the known answer
    text = clip.encode_text(pipeline.clip.tokenize(["a red apple"]), normalize=True)
    image = clip.encode_image(pictures[:1], normalize=True)
    assert torch.isclose(scores[0], 100 * (image @ text.T).clamp_min(0)[0, 0], atol=1e-4)


def test_every_token_lands_somewhere_on_the_picture(client: TestClient):
    answer = client.get("/api/lessons/word-maps", params={"prompt": "a red apple", "steps": 2}).json()
    assert [m["token"] for m in answer["maps"]] == ["a", "red", "apple"]
    assert all(m["map"].startswith("data:image/png;base64,") for m in answer["maps"])
    assert answer["picture"].startswith("data:image/png;base64,")
    assert client.get("/api/lessons/word-maps", params={"prompt": ""}).status_code == 422
