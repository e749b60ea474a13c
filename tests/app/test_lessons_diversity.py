"""Dust vs memorising: eight seeds against the no-dust model, with their variety."""

import json

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from model.lessons.diversity import VARIETY_SCALE_FILE
from model.loading import read_weights_folder
from model.pipeline import Pipeline


def test_eight_seeds_give_eight_pictures_and_a_missing_twin_is_explained(client: TestClient):
    answer = client.get("/api/lessons/diversity", params={"prompt": "a cat", "seed": 3, "steps": 3}).json()
    assert len(answer["dust"]["pictures"]) == 8 and len(set(answer["dust"]["pictures"])) == 8
    assert all(src.startswith("data:image/png;base64,") for src in answer["dust"]["pictures"])
    assert answer["dust"]["spread"] > 0 and answer["dust"]["distinct"] > 1
    assert answer["no_dust"] is None and "no-dust twin" in answer["note"]
    assert answer["scale"] is None  # the tiny model's folder has no measured scale


def test_the_no_dust_model_draws_the_same_picture_every_time(settings: Settings, pipeline: Pipeline):
    twin = Pipeline(
        pipeline.clip,
        pipeline.teams.values(),
        no_dust=pipeline.team("unet"),
        trained=False,
        sketchbook=pipeline.sketchbook,
    )
    with TestClient(create_app(settings, twin)) as client:
        answer = client.get("/api/lessons/diversity", params={"prompt": "a cat", "steps": 2}).json()
    assert len(set(answer["no_dust"]["pictures"])) == 1
    assert answer["no_dust"]["spread"] == pytest.approx(0, abs=1e-5)
    assert answer["no_dust"]["distinct"] == pytest.approx(1, abs=1e-3)
    assert answer["note"] is None


def test_the_scale_measured_on_real_emoji_comes_with_the_answer(settings: Settings, pipeline: Pipeline, tmp_path):
    assert_scale = {"8 copies of one picture": 1.0, "its 4 styles": 3.5, "8 different emoji": 7.3}
    (tmp_path / VARIETY_SCALE_FILE).write_text(json.dumps(assert_scale))
    weights = read_weights_folder(tmp_path)
    measured = Pipeline(pipeline.clip, pipeline.teams.values(), sketchbook=pipeline.sketchbook, weights=weights)
    with TestClient(create_app(settings, measured)) as client:
        answer = client.get("/api/lessons/diversity", params={"prompt": "a cat", "steps": 2}).json()
    assert answer["scale"] == assert_scale


@pytest.mark.parametrize("params", [{"prompt": ""}, {"prompt": "x" * 101}, {"prompt": "a", "steps": 51}])
def test_bad_queries_are_refused(client: TestClient, params: dict):
    assert client.get("/api/lessons/diversity", params=params).status_code == 422
