"""The live lessons over /ws/lessons, with the tiny model."""

import asyncio
import json

import numpy as np
import pytest
import torch
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from app.lessons.guidance import GUIDANCE_SWEEP, guidance_lane
from app.lessons.kit.lanes import Shown
from app.lessons.kit.stream import stream_lanes
from model.loading import tiny_pipeline
from model.pipeline import GenerationRequest, Pipeline
from model.weights_folder import WeightsFolder


@pytest.fixture(scope="module")
def pipeline(wake_up) -> Pipeline:
    return wake_up(tiny_pipeline())


def test_both_teams_race_step_by_step_from_the_same_dust(client: TestClient, run_lesson):
    steps, pictures, done = run_lesson(client, lesson="teams", prompt="a cat", steps=4, seed=5)
    assert done["type"] == "done" and set(done["total_ms"]) == {"unet", "dit"}
    assert [(s["lane"], s["index"]) for s in steps] == [(lane, i) for i in range(4) for lane in ("unet", "dit")]
    assert all(s["ms"] > 0 and s["total"] == 4 for s in steps)
    assert all(p.shape == (32, 64, 3) for p in pictures), "the dusty paper beside the guess"
    assert np.array_equal(pictures[0][:, :32], pictures[1][:, :32]), "both teams start from the same dust"
    assert not np.array_equal(pictures[0][:, 32:], pictures[1][:, 32:]), "the teams guess differently"


def test_guidance_is_taken_apart_into_three_guesses(client: TestClient, pipeline: Pipeline, run_lesson):
    steps, pictures, done = run_lesson(client, lesson="guidance", prompt="a red apple", steps=3, guidance_scale=7)
    lanes = [step["lane"] for step in steps]
    assert done["type"] == "done" and lanes.count("guidance") == lanes.count("no-words") == 3
    taken_apart = [p for p, lane in zip(pictures, lanes) if lane == "guidance"]
    assert all(p.shape == (32, 5 * 32, 3) for p in taken_apart), "without words, with, the mix, the dust, the change"
    request = GenerationRequest(prompt="a red apple", num_inference_steps=3, guidance_scale=7)
    for shown in guidance_lane(pipeline, request):
        assert all(panel.shape == (1, 3, 32, 32) for panel in shown.panels), "every guess is shown as a picture"
        unguided, prompted, guided, _, change = shown.panels
        assert torch.allclose(change, (2 * (prompted - unguided)).clamp(-1, 1))
        if pipeline.sketchbook is None:  # in pixels the mix is exact; a sketchbook mixes latents, then paints
            assert torch.allclose(guided, unguided + 7 * (prompted - unguided), atol=1e-5)
        assert not torch.allclose(unguided, prompted), "the words change the guess"


def test_at_guidance_one_the_unguided_guess_is_not_computed(client: TestClient, run_lesson):
    steps, pictures, _ = run_lesson(client, lesson="guidance", prompt="a red apple", steps=2, guidance_scale=1)
    first = next(p for p, step in zip(pictures, steps) if step["lane"] == "guidance")
    assert np.all(first[:, :32] == 128), "grey: no unconditional pass at scale 1"
    assert np.array_equal(first[:, 32:64], first[:, 64:96]), "at 1 the mix is the prompted guess"


def test_beside_the_guided_run_the_same_dust_is_drawn_with_no_words(client: TestClient, run_lesson):
    steps, pictures, _ = run_lesson(client, lesson="guidance", prompt="a red apple", steps=4, guidance_scale=7, seed=3)
    guided = [p for p, step in zip(pictures, steps) if step["lane"] == "guidance"]
    silent = [p for p, step in zip(pictures, steps) if step["lane"] == "no-words"]
    assert len(silent) == 4 and all(p.shape == (32, 2 * 32, 3) for p in silent), "its dusty paper and its guess"
    assert np.array_equal(silent[0][:, :32], guided[0][:, 96:128]), "both start from the same dust"
    assert not np.array_equal(silent[-1][:, 32:], guided[-1][:, 64:96]), "with and without words, other pictures"


def test_the_sweep_holds_the_apps_default_hint():
    assert GenerationRequest.guidance_scale in GUIDANCE_SWEEP and list(GUIDANCE_SWEEP) == sorted(GUIDANCE_SWEEP)


def test_the_sweep_draws_every_strength_from_the_same_dust(client: TestClient, run_lesson):
    steps, pictures, done = run_lesson(client, lesson="sweep", prompt="a red apple", steps=2)
    assert set(done["total_ms"]) == {f"{s:g}" for s in GUIDANCE_SWEEP}
    finals = [p[:, 32:] for p, s in zip(pictures, steps) if s["index"] == 1]
    assert len({f.tobytes() for f in finals}) == len(GUIDANCE_SWEEP), "each strength gives its own picture"


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ({"lesson": "teams", "prompt": ""}, "prompt"),
        ({"lesson": "dance", "prompt": "a cat"}, "lesson"),
        ({"lesson": "teams", "prompt": "a cat", "steps": 51}, "steps"),
        ({"lesson": "guidance", "prompt": "a cat", "guidance_scale": 21}, "Guidance must be between 0 and 20"),
        ({"lesson": "teams", "prompt": "x" * 101}, "The prompt has 101 characters; keep it to 100."),
        ({"lesson": "teams", "prompt": "a cat", "file": "/etc/passwd"}, "file"),
    ],
)
def test_bad_runs_get_a_sentence_and_the_socket_stays_open(client: TestClient, message: dict, words: str, run_lesson):
    _, _, reply = run_lesson(client, **message)
    assert reply["type"] == "error" and words in reply["message"]
    with client.websocket_connect("/ws/lessons") as ws:
        ws.send_text("not json")
        assert ws.receive_json()["type"] == "error"
        ws.send_text(json.dumps({"lesson": "guidance", "prompt": "a cat", "steps": 1}))
        assert ws.receive_json()["type"] == "step"


def test_words_lesson_scores_every_guess_against_the_words(client: TestClient, run_lesson):
    steps, pictures, done = run_lesson(client, lesson="words", prompt="a red apple", steps=3)
    assert done["type"] == "done" and len(steps) == len(pictures) == 3
    assert all(0 <= s["clip_score"] <= 100 for s in steps)
    assert all("beaten_by" not in s for s in steps), "weights that recorded no things have no names to rank against"


def test_words_lesson_places_the_words_among_the_things_names(client: TestClient, run_lesson, pipeline, monkeypatch):
    monkeypatch.setattr(pipeline, "weights", WeightsFolder(things=("apple", "cat", "dog", "kite")))
    steps, _, _ = run_lesson(client, lesson="words", prompt="apple", steps=3)
    assert all(s["rivals"] == 3 and 0 <= s["beaten_by"] <= 3 for s in steps)  # "apple" is not its own rival


def test_pages_of_other_origins_may_not_run_lessons(client: TestClient):
    with (
        pytest.raises(WebSocketDisconnect) as refused,
        client.websocket_connect("/ws/lessons", headers={"origin": "https://evil.example"}) as ws,
    ):
        ws.receive_json()
    assert refused.value.code == 1008
    with client.websocket_connect("/ws/lessons", headers={"origin": "http://testserver"}) as ws:
        ws.send_text("{}")
        assert ws.receive_json()["type"] == "error"


def test_only_a_runs_first_step_may_be_turned_away_by_a_busy_gate():
    asked: list[bool] = []

    class RecordingGate:
        async def run(self, work, *args):  # may refuse when busy
            asked.append(True)
            return work(*args)

        async def wait_turn(self, work, *args):  # never refuses
            asked.append(False)
            return work(*args)

    class Sink:
        async def send_text(self, _: str) -> None: ...

        async def send_bytes(self, _: bytes) -> None: ...

    def lane():
        for _ in range(3):
            yield Shown([torch.zeros(1, 3, 4, 4)])

    asyncio.run(stream_lanes(Sink(), RecordingGate(), {"unet": lane(), "dit": lane()}, total=3))
    assert asked == [True] + [False] * 7  # 3 steps × 2 lanes, then each lane's end
