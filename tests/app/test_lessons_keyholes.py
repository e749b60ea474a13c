"""Keyholes and patches through the real app with the tiny model."""

import pytest
from fastapi.testclient import TestClient

from model.lessons.keyholes import down_path_keyholes
from model.pipeline import Pipeline


def test_keyholes_come_from_the_loaded_model(client: TestClient, pipeline: Pipeline):
    """Keyholes in the team's input cells; a sketchbook team's cell paints 4×4 pixels of the tiny model's picture."""
    answer = client.get("/api/lessons/keyholes").json()
    unet = pipeline.team("unet")
    cell = 4 if pipeline.sketchbook else 1
    expected = down_path_keyholes(unet.network.down_path(), unet.config.image_size)
    assert [level["size"] for level in answer["levels"]] == [k.size for k in expected]
    assert answer["cell_pixels"] == cell and answer["levels"][0]["size"] == 3
    assert answer["patch_size"] == pipeline.team("dit").config.backbone.patch_size * cell
    assert answer["image_size"] == 32


def test_a_patch_looks_somewhere_and_the_look_depends_on_the_patch(client: TestClient):
    query = {"example": "smiley", "steps": 10, "position": 5}
    first = client.get("/api/lessons/patch-attention", params={**query, "patch": 0}).json()
    last = first["grid"] ** 2 - 1
    other = client.get("/api/lessons/patch-attention", params={**query, "patch": last}).json()
    assert len(first["weights"]) == first["grid"] ** 2
    assert sum(first["weights"]) == pytest.approx(1, abs=1e-4)
    assert first["weights"] != other["weights"]


@pytest.mark.parametrize(
    "params,sentence",
    [
        ({"example": "smiley", "patch": 10_000}, "a patch below"),
        ({"example": "smiley", "steps": 5, "position": 6}, "Choose a position up to 5"),
        ({"example": "nope"}, "Choose a picture from: smiley"),
        ({"example": "smiley", "words": "w" * 101}, "The prompt has 101 characters; keep it to 100."),
    ],
)
def test_bad_looks_are_refused_with_a_sentence_that_says_what_to_do(client: TestClient, params: dict, sentence: str):
    response = client.get("/api/lessons/patch-attention", params=params)
    assert response.status_code == 422 and sentence in response.json()["detail"]
