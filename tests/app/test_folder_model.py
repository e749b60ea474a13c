"""The real app serving a Stable Diffusion folder (DUST_MODEL_PATH): the page's options, a full run over /ws,
and every lesson answering, or saying in a sentence that this model cannot give it."""

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from app.config import Settings
from app.lessons.registry import LIVE_RUNS
from app.main import create_app
from app.protocol import FrameKind
from model.clip import NO_PICTURE_TOWER
from model.folder.diffusers_unet import FOLDER_LABEL
from model.folder.loading import PAINT_EVERY

pytestmark = pytest.mark.timeout(120)
STEPS, IMAGES, SIDE = 3, 2, 16  # the tiny folder paints 16-pixel pictures from 8×8×4 latents


@pytest.fixture(scope="module")
def sd_client(sd_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app as `dust-to-detail --model-path FOLDER` builds it: the lifespan loads the folder."""
    settings = Settings(model_path=sd_folder, device="cpu", gallery_dir=tmp_path_factory.mktemp("gallery"))
    with TestClient(create_app(settings)) as client:
        yield client


def test_the_page_offers_the_folders_team_on_its_own_clock(sd_client: TestClient):
    options = sd_client.get("/api/options").json()
    assert [(c["name"], c["label"]) for c in options["backbones"]] == [("sd", FOLDER_LABEL)]
    assert "Stable Diffusion" in options["backbones"][0]["hint"] and options["defaults"]["backbone"] == "sd"
    assert options["trained"] is True and options["image_size"] == SIDE
    assert options["sketchbook"] == {"latent_size": 8, "latent_channels": 4, "pixels_per_cell": 2}
    assert options["training_schedule"] == "scaled_linear" and options["num_train_timesteps"] == 1000
    assert sd_client.get("/api/schedule").json()["name"] == "scaled_linear"


def test_a_run_without_a_team_streams_every_step_with_its_frames_then_the_picture(
    sd_client: TestClient, receive_until: Callable
):
    with sd_client.websocket_connect("/ws") as ws:
        assert ws.receive_json()["type"] == "hello"
        ws.send_json({"type": "generate", "prompt": "a smiling cat", "steps": STEPS, "num_images": IMAGES, "seed": 4})
        run = receive_until(ws, "done", "error")
    assert [m["type"] for m in run.messages] == ["accepted", "start"] + ["step"] * STEPS + ["done"]
    start = run.of_type("start")[0]
    assert (start["backbone"], start["schedule"], start["sketchbook"]) == ("sd", "scaled_linear", True)
    kinds = [FrameKind.X_T, FrameKind.PRED_X0, FrameKind.PRED_NOISE, FrameKind.LATENT]
    expected = [(step, kind, image) for step in range(STEPS) for kind in kinds for image in range(IMAGES)]
    expected += [(STEPS - 1, FrameKind.FINAL, image) for image in range(IMAGES)]
    assert [(h.step, h.kind, h.image) for h, _ in run.frames] == expected
    assert all(picture.size == (SIDE, SIDE) for _, picture in run.frames)
    # a real VAE paints every PAINT_EVERY-th step and the finished picture; the cheap preview shows the rest
    assert [step["preview"] for step in run.of_type("step")] == [index % PAINT_EVERY != 0 for index in range(STEPS)]


def test_a_run_naming_a_team_this_model_lacks_is_told_which_it_has(sd_client: TestClient, receive_until: Callable):
    with sd_client.websocket_connect("/ws") as ws:
        ws.receive_json()
        ws.send_json({"type": "generate", "prompt": "a cat", "steps": 2, "backbone": "unet"})
        error = receive_until(ws, "error").of_type("error")[0]
    assert "There is no backbone called “unet”; choose one of: sd." in error["message"]


def _png(response) -> np.ndarray:
    assert response.status_code == 200, response.text
    return np.asarray(Image.open(io.BytesIO(response.content)).convert("RGB"))


def test_the_lessons_that_draw_answer(sd_client: TestClient):
    dusty = _png(sd_client.get("/api/lessons/dust.png", params={"example": "smiley", "steps": 4}))
    assert dusty.shape == (SIDE, 5 * SIDE, 3)
    cleaned = _png(sd_client.get("/api/lessons/clean-up.png", params={"example": "smiley", "steps": 4, "start": 2}))
    assert cleaned.shape == (2 * SIDE, 3 * SIDE, 3)
    reading = sd_client.get("/api/lessons/words", params={"prompt": "a smiling cat"}).json()
    assert reading["tokens"] == ["a", "sm", "il", "ing", "c", "at"] and reading["max_tokens"] == 75
    variety = sd_client.get("/api/lessons/diversity", params={"prompt": "a cat", "steps": 2}).json()
    assert len(variety["dust"]["pictures"]) == 8 and variety["no_dust"] is None and variety["note"]


def test_the_keyholes_are_the_folders_u_net_s_in_latent_cells(sd_client: TestClient):
    """The tiny U-Net, layer by layer: a 3×3 stem, one ResBlock (two 3×3 convs) then attention on the first level, a
    stride-2 conv, one ResBlock on the second; a latent cell is 2×2 picture pixels."""
    keyholes = sd_client.get("/api/lessons/keyholes").json()
    layers = [  # (level, resolution, size in latent cells, attention)
        (0, 8, 3, False), (0, 8, 5, False), (0, 8, 7, False), (0, 8, 7, True),
        (1, 4, 9, False), (1, 4, 13, False), (1, 4, 17, False),
    ]  # fmt: skip
    assert keyholes == {
        "image_size": SIDE,
        "levels": [
            {"layer": i, "level": level, "resolution": side, "size": size, "attention": attention, "anywhere": i >= 3}
            for i, (level, side, size, attention) in enumerate(layers)
        ],
        "cell_pixels": 2,
        "patch_size": None,
    }


def test_the_word_maps_read_the_folders_cross_attention(sd_client: TestClient):
    maps = sd_client.get("/api/lessons/word-maps", params={"prompt": "a smiling cat", "steps": 2}).json()
    assert [m["token"] for m in maps["maps"]] == ["a", "sm", "il", "ing", "c", "at"]
    assert all(m["map"].startswith("data:image/png;base64,") for m in maps["maps"])


def test_the_lesson_that_looks_inside_our_transformer_says_this_model_has_none(sd_client: TestClient):
    look = sd_client.get("/api/lessons/patch-attention", params={"example": "smiley"})
    assert look.status_code == 404 and "Team Transformer" in look.json()["detail"]


# the picture-word match is below; Skipping steps needs a few-step student, which a folder lacks (it says so:
# tests/app/test_lessons_skipping.py)
@pytest.mark.parametrize("lesson", [name for name in LIVE_RUNS if name not in ("words", "skipping")])
def test_the_live_lessons_run_on_the_folders_team(sd_client: TestClient, lesson: str, run_lesson: Callable):
    steps, _, closing = run_lesson(sd_client, lesson=lesson, prompt="a cat", steps=2)
    stepped = {step["lane"] for step in steps}
    assert closing["type"] == "done" and stepped
    assert lesson not in ("teams", "sketchbook") or stepped == {"sd"}, "the race and the sketchbook run every team"


def test_the_picture_word_match_says_this_model_cannot_read_pictures(sd_client: TestClient, run_lesson: Callable):
    steps, _, closing = run_lesson(sd_client, lesson="words", prompt="a cat", steps=2)
    assert not steps and closing == {"type": "error", "message": NO_PICTURE_TOWER}
