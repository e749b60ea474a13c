"""The HTTP side: the page, health, options, the schedule plot data and GIF downloads."""

import io

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from model.samplers import SAMPLERS, inference_timesteps
from model.schedules import SCHEDULES, make_schedule

pytestmark = pytest.mark.timeout(60)


def test_page_and_its_static_files(client: TestClient):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for marker in ('id="dusty"', 'id="guess"', 'id="prompt"', "/static/style.css", "/static/js/main.js"):
        assert marker in page.text
    for path in ("/static/style.css", "/static/js/main.js"):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Dust to Detail"),
        ("/gallery?room=abcd", "Gallery · room ABCD"),
        ("/lessons/teams", "Team CNN vs Team Transformer"),
    ],
)
def test_every_page_shares_one_head_and_top_bar(client: TestClient, path: str, heading: str):
    page = client.get(path).text
    assert page.count('rel="icon"') == 1 and page.count("/static/style.css") == 1
    assert page.count('class="topbar"') == 1 and f"<h1>{heading}</h1>" in page


def test_healthz(client: TestClient):
    assert client.get("/healthz").json() == {"status": "ok", "idle": True}


def test_options_describe_the_loaded_model_and_the_limits(client: TestClient, settings):
    options = client.get("/api/options").json()
    assert options["image_size"] == 32 and options["trained"] is False
    assert options["training_schedule"] in SCHEDULES
    assert [c["name"] for c in options["backbones"]] == ["unet", "dit"]
    assert [c["label"] for c in options["backbones"]] == ["Team CNN", "Team Transformer"]
    assert [c["name"] for c in options["samplers"]] == list(SAMPLERS)
    assert [c["name"] for c in options["schedules"]] == list(SCHEDULES)
    assert all(c["hint"] for c in options["samplers"] + options["backbones"] + options["schedules"])
    limits = options["limits"]
    assert limits["max_steps"] == settings.max_steps and limits["max_prompt_chars"] == settings.max_prompt_chars
    assert limits["max_num_images"] == settings.max_num_images
    assert limits["max_message_bytes"] == settings.max_message_bytes
    assert options["defaults"]["steps"] <= limits["max_steps"]
    assert options["frame"]["header_bytes"] == 12


def test_schedule_points_follow_the_run_timesteps(client: TestClient):
    curve = client.get("/api/schedule", params={"name": "linear", "steps": 10}).json()
    assert curve["name"] == "linear" and len(curve["points"]) == 10
    expected = make_schedule("linear", curve["num_train_timesteps"])
    timesteps = inference_timesteps(curve["num_train_timesteps"], 10)
    for point, t in zip(curve["points"], timesteps):
        assert point["timestep"] == t
        assert point["alpha_bar"] == pytest.approx(float(expected.alphas_cumprod[t]))
        assert point["sigma"] == pytest.approx(((1 - point["alpha_bar"]) / point["alpha_bar"]) ** 0.5)
        assert point["snr"] == pytest.approx(point["alpha_bar"] / (1 - point["alpha_bar"]))
    alpha_bars = [p["alpha_bar"] for p in curve["points"]]
    assert alpha_bars == sorted(alpha_bars)  # dust clears as the run goes on


def test_schedule_defaults_to_the_models_own(client: TestClient):
    options = client.get("/api/options").json()
    assert client.get("/api/schedule").json()["name"] == options["training_schedule"]


def test_unknown_schedule_is_404_with_a_sentence(client: TestClient):
    response = client.get("/api/schedule", params={"name": "zigzag"})
    assert response.status_code == 404
    assert "zigzag" in response.json()["detail"] and "cosine" in response.json()["detail"]


@pytest.mark.parametrize("steps", [0, 100_000])
def test_out_of_range_schedule_steps_are_422(client: TestClient, steps):
    response = client.get("/api/schedule", params={"steps": steps})
    assert response.status_code == 422 and "steps" in response.json()["detail"]


def test_finished_run_downloads_as_a_gif(client: TestClient, receive_until, generate):
    steps = 4
    with client.websocket_connect("/ws") as socket:
        socket.send_json(generate(steps=steps, num_images=2))
        done = receive_until(socket, "done").of_type("done")[0]
    response = client.get(done["gif_url"])
    assert response.status_code == 200 and response.headers["content-type"] == "image/gif"
    assert f'attachment; filename="{done["file_stem"]}.gif"' == response.headers["content-disposition"]
    gif = Image.open(io.BytesIO(response.content))
    assert gif.n_frames == steps + 1  # every step, then the picture held
    scale = 192 // 32
    assert gif.size == (2 * 32 * scale + 3 * 4, 16 + 2 * 32 * scale + 3 * 4)  # labels, two panels, two pictures
    band = np.asarray(gif.convert("RGB"))[:16]
    for panel in range(2):  # each panel's name is written in the band above it
        assert (band[:, 4 + panel * (32 * scale + 4) : (panel + 1) * (32 * scale + 4)] > 200).any()


def test_unknown_gif_is_404(client: TestClient):
    response = client.get("/api/jobs/12345/reveal.gif")
    assert response.status_code == 404 and "seed" in response.json()["detail"]
