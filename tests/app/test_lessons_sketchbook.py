"""The sketchbook lesson over /ws/lessons: the latent, its quick look and the decoder's painting, live."""

import numpy as np
from fastapi.testclient import TestClient

from app.main import create_app
from model.autoencoder import latent_tiles
from model.images import to_uint8
from model.loading import tiny_pipeline
from model.pipeline import GenerationRequest


def test_every_sketchbook_team_shows_its_sketch_the_quick_look_and_the_painting(settings, run_lesson):
    pipeline = tiny_pipeline(latent=True)
    with TestClient(create_app(settings, pipeline)) as client:
        steps, pictures, done = run_lesson(client, lesson="sketchbook", prompt="a red apple", steps=3, seed=2)
    assert done["type"] == "done" and set(done["total_ms"]) == {"unet", "dit"}
    assert [(s["lane"], s["index"]) for s in steps] == [(lane, i) for i in range(3) for lane in ("unet", "dit")]
    assert all(s["paint_ms"] > 0 and s["preview_ms"] > 0 and "step_paint_ms" not in s for s in steps)
    assert all(p.shape == (32, 4 * 32, 3) for p in pictures), "no step painter, no fifth look"
    request = GenerationRequest("a red apple", num_inference_steps=3, seed=2, backbone="dit")
    last = list(pipeline.team_steps(request))[-1]
    expected = [
        latent_tiles(last.x_t, 32),
        latent_tiles(last.pred_x0, 32),
        pipeline.preview(last.pred_x0),
        pipeline.to_pictures(last.pred_x0),
    ]
    shown = pictures[-1]
    for column, panel in enumerate(expected):
        want = to_uint8(panel)[0].astype(int)
        assert np.abs(shown[:, 32 * column : 32 * (column + 1)].astype(int) - want).max() <= 1


def test_a_model_with_a_step_painter_shows_its_painting_between_the_quick_look_and_the_decoders(settings, run_lesson):
    pipeline = tiny_pipeline(latent=True, step_painter=True)
    with TestClient(create_app(settings, pipeline)) as client:
        steps, pictures, _ = run_lesson(client, lesson="sketchbook", prompt="a red apple", steps=2, seed=2)
    assert all(s["step_paint_ms"] > 0 for s in steps) and all(p.shape == (32, 5 * 32, 3) for p in pictures)
    request = GenerationRequest("a red apple", num_inference_steps=2, seed=2, backbone="dit")
    guess = list(pipeline.team_steps(request))[-1].pred_x0
    for column, panel in [(3, pipeline.paint_step(guess)), (4, pipeline.to_pictures(guess))]:
        want = to_uint8(panel)[0].astype(int)
        assert np.abs(pictures[-1][:, 32 * column : 32 * (column + 1)].astype(int) - want).max() <= 1


def test_a_model_that_draws_in_pixels_says_it_has_no_sketchbook(settings, run_lesson):
    with TestClient(create_app(settings, tiny_pipeline())) as client:
        _, _, reply = run_lesson(client, lesson="sketchbook", prompt="a cat", steps=2)
        assert reply["type"] == "error" and "no sketchbook" in reply["message"]
        _, _, again = run_lesson(client, lesson="teams", prompt="a cat", steps=1)
    assert again["type"] == "done"
