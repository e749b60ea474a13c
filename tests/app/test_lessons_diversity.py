"""Dust vs memorising: eight seeds against the no-dust model, with their variety."""

import pytest
import torch
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from model.lessons.diversity import variety
from model.pipeline import Pipeline


def test_eight_seeds_give_eight_pictures_and_a_missing_twin_is_explained(client: TestClient):
    answer = client.get("/api/lessons/diversity", params={"prompt": "a cat", "seed": 3, "steps": 3}).json()
    assert len(answer["dust"]["pictures"]) == 8 and len(set(answer["dust"]["pictures"])) == 8
    assert all(src.startswith("data:image/png;base64,") for src in answer["dust"]["pictures"])
    assert answer["dust"]["spread"] > 0 and answer["dust"]["distinct"] > 1
    assert answer["no_dust"] is None and "no-dust twin" in answer["note"]


def test_the_no_dust_model_draws_the_same_picture_every_time(settings: Settings, pipeline: Pipeline):
    twin = Pipeline(
        pipeline.text_encoder,
        pipeline.models,
        no_dust=pipeline.models["unet"],
        trained=False,
        sketchbook=pipeline.sketchbook,
    )
    with TestClient(create_app(settings, twin)) as client:
        answer = client.get("/api/lessons/diversity", params={"prompt": "a cat", "steps": 2}).json()
    assert len(set(answer["no_dust"]["pictures"])) == 1
    assert answer["no_dust"]["spread"] == pytest.approx(0, abs=1e-5)
    assert answer["no_dust"]["distinct"] == pytest.approx(1, abs=1e-3)
    assert answer["note"] is None


def test_variety_counts_distinct_pictures(pipeline: Pipeline):
    same = torch.rand(1, 3, 32, 32).expand(4, -1, -1, -1)
    assert variety(pipeline.text_encoder, same).distinct == pytest.approx(1, abs=1e-3)
    assert variety(pipeline.text_encoder, torch.rand(4, 3, 32, 32) * 2 - 1).distinct > 1


@pytest.mark.parametrize("params", [{"prompt": ""}, {"prompt": "x" * 101}, {"prompt": "a", "steps": 51}])
def test_bad_queries_are_refused(client: TestClient, params: dict):
    assert client.get("/api/lessons/diversity", params=params).status_code == 422
