"""The lesson pages and the dust routes, through the real app with the tiny model."""

import io

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from app.lessons.kit.limits import GUIDANCE_SWEEP, LESSON_STEPS, MAX_LESSON_GUIDANCE, MAX_LESSON_STEPS
from app.lessons.registry import LESSONS
from model.images import to_uint8
from model.lessons.examples import draw_example
from model.pipeline import Pipeline


def _png(response) -> np.ndarray:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/png"
    return np.asarray(Image.open(io.BytesIO(response.content)).convert("RGB"))


@pytest.mark.parametrize("slug", ["", *LESSONS])
def test_every_lesson_page_is_served_with_its_title_and_its_script(client: TestClient, slug: str):
    response = client.get(f"/lessons/{slug}".rstrip("/"))
    assert response.status_code == 200 and "Dust to Detail" in response.text
    if slug:
        assert f"<title>{LESSONS[slug].title}" in response.text.replace("&#39;", "'")
        assert f"js/lessons/{slug}.js" in response.text
        assert client.get(f"/static/js/lessons/{slug}.js").status_code == 200


def test_the_hint_slider_ends_where_the_server_does(client: TestClient):
    assert f'max="{MAX_LESSON_GUIDANCE:g}"' in client.get("/lessons/guidance").text


def test_an_unknown_lesson_is_404(client: TestClient):
    assert client.get("/lessons/nope").status_code == 404


def test_examples_are_listed(client: TestClient):
    names = [e["name"] for e in client.get("/api/lessons/examples").json()]
    assert "smiley" in names


def _as_the_team_sees_it(pipeline: Pipeline, example: str) -> np.ndarray:
    """The clean picture, or for a sketchbook team its copy: encoded, then painted by the decoder."""
    unet = pipeline.team("unet")
    return to_uint8(unet.to_view(unet.to_space(draw_example(example))))[0]


def test_the_dust_sheet_starts_with_the_picture_then_gets_dustier(client: TestClient, pipeline: Pipeline):
    sheet = _png(client.get("/api/lessons/dust.png", params={"example": "smiley", "steps": 10}))
    assert sheet.shape == (32, 11 * 32, 3)
    cells = [sheet[:, 32 * i : 32 * (i + 1)].astype(float) for i in range(11)]
    assert np.array_equal(cells[0], _as_the_team_sees_it(pipeline, "smiley")), "position 0 is the clean picture"
    distances = [np.abs(cell - cells[0]).mean() for cell in cells]
    assert distances[1] < distances[5] < distances[10]


def test_the_same_query_gives_the_same_dust_and_another_noise_seed_other_dust(client: TestClient):
    query = {"example": "heart", "steps": 5}
    first = _png(client.get("/api/lessons/dust.png", params=query))
    assert np.array_equal(first, _png(client.get("/api/lessons/dust.png", params=query)))
    assert not np.array_equal(first, _png(client.get("/api/lessons/dust.png", params={**query, "noise_seed": 1})))


def test_a_picture_drawn_from_words_can_be_dusted(client: TestClient):
    sheet = _png(client.get("/api/lessons/dust.png", params={"prompt": "a red apple", "seed": 3, "steps": 4}))
    assert sheet.shape == (32, 5 * 32, 3)


def test_clean_up_from_zero_returns_the_input(client: TestClient, pipeline: Pipeline):
    sheet = _png(client.get("/api/lessons/clean-up.png", params={"example": "house", "steps": 10, "start": 0}))
    picture = _as_the_team_sees_it(pipeline, "house")
    assert sheet.shape == (64, 32, 3)
    assert np.array_equal(sheet[:32], picture) and np.array_equal(sheet[32:], picture)


def test_clean_up_starts_from_the_dust_on_the_slider(client: TestClient):
    query = {"example": "house", "steps": 10}
    dust = _png(client.get("/api/lessons/dust.png", params=query))
    sheet = _png(client.get("/api/lessons/clean-up.png", params={**query, "start": 6, "words": "a little house"}))
    assert sheet.shape == (64, 7 * 32, 3), "the start, then one column per step"
    assert np.array_equal(sheet[:32, :32], dust[:, 6 * 32 : 7 * 32])
    assert not np.array_equal(sheet[:32, :32], sheet[:32, -32:]), "the model changed the picture"


@pytest.mark.parametrize(
    ("route", "params", "words"),
    [
        ("dust.png", {}, "Choose a picture"),
        ("dust.png", {"example": "unicorn"}, "Choose a picture from"),
        ("dust.png", {"prompt": "x" * 101}, "The prompt has 101 characters; keep it to 100."),
        ("dust.png", {"example": "smiley", "schedule": "hourglass"}, "no clock"),
        ("dust.png", {"example": "smiley", "backbone": "mlp"}, "no team"),
        ("dust.png", {"example": "smiley", "steps": 51}, "Choose between 1 and 50 steps (you asked for 51)."),
        ("dust.png", {"example": "smiley", "noise_seed": 2**31}, "less than or equal to 2147483647"),
        ("dust.png", {"example": "smiley", "path": "/etc/passwd"}, "a field “path” that the server doesn't know"),
        ("clean-up.png", {"example": "smiley", "steps": 5, "start": 6}, "between 0 and 5"),
        ("clean-up.png", {"example": "smiley", "start": 1, "guidance_scale": "nan"}, "finite"),
        ("clean-up.png", {"example": "smiley", "start": 1, "words": "y" * 101}, "keep it to 100"),
    ],
)
def test_bad_queries_get_a_sentence(client: TestClient, route: str, params: dict, words: str):
    response = client.get(f"/api/lessons/{route}", params=params)
    assert response.status_code == 422
    assert words in str(response.json()["detail"])


def test_lesson_prompt_fields_end_where_the_servers_check_does(client: TestClient, settings):
    for slug in ("words", "guidance", "diversity", "dust"):
        page = client.get(f"/lessons/{slug}").text
        assert f'maxlength="{settings.max_prompt_chars}"' in page and 'maxlength="200"' not in page


@pytest.mark.parametrize(
    "fields",
    [
        {"prompt": "x" * 101},
        {"prompt": "a cat", "seed": 2**31},
        {"prompt": "a cat", "guidance_scale": 21},
        {"prompt": " "},
    ],
)
def test_a_lesson_refuses_what_ws_refuses_in_the_same_sentence(client: TestClient, ws, run_lesson, fields: dict):
    ws.send_json({"type": "generate", **fields})
    said = ws.receive_json()["message"]
    assert said.endswith(".") and "[" not in said
    asked = client.get("/api/lessons/word-maps", params=fields)
    assert asked.status_code == 422 and asked.json()["detail"] == said, "an HTTP lesson route"
    _, _, reply = run_lesson(client, lesson="teams", **fields)
    assert reply["message"] == said, "the live lessons' socket"


def test_the_lessons_settings_are_published_once_in_the_options(client: TestClient):
    published = client.get("/api/options").json()["lessons"]
    assert published == {"steps": LESSON_STEPS, "max_steps": MAX_LESSON_STEPS, "guidance_sweep": list(GUIDANCE_SWEEP)}


def test_the_story_page_tells_the_loaded_models_sketchbook_shape(client: TestClient):
    book = client.get("/api/options").json()["sketchbook"]
    page = " ".join(client.get("/lessons").text.split())
    if book is None:
        assert "squares with" not in page and "→" not in page, "a model that draws in pixels has no sketch to size"
    else:
        side, layers = book["latent_size"], book["latent_channels"]
        assert f"{side} × {side} squares with {layers} layers" in page and f"→ {side} × {side} × {layers}," in page
