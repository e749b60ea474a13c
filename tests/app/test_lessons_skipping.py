"""The Skipping steps lesson over /ws/lessons: many small steps, a few big ones, and a few-step student, live."""

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.lessons.skipping import NO_STUDENT
from model.loading import tiny_pipeline
from model.pipeline import GenerationRequest, Pipeline, quick_request

QUICK_STEPS = 2


@pytest.fixture(scope="module")
def pipeline(wake_up) -> Pipeline:
    return wake_up(tiny_pipeline(quick_steps=QUICK_STEPS))


def test_the_small_steps_go_on_after_the_big_ones_all_from_the_same_dust(client: TestClient, run_lesson):
    steps, pictures, done = run_lesson(client, lesson="skipping", prompt="a cat", steps=4, seed=5)
    assert done["type"] == "done" and set(done["total_ms"]) == {"many", "rushed", "student"}
    quick_rounds = [(lane, i) for i in range(QUICK_STEPS) for lane in ("many", "rushed", "student")]
    assert [(s["lane"], s["index"]) for s in steps] == quick_rounds + [("many", 2), ("many", 3)]
    assert {(s["lane"], s["total"]) for s in steps} == {("many", 4), ("rushed", QUICK_STEPS), ("student", QUICK_STEPS)}
    assert all(np.array_equal(pictures[0][:, :32], p[:, :32]) for p in pictures[:3]), "all start from the same dust"
    assert not np.array_equal(pictures[1][:, 32:], pictures[2][:, 32:]), "the student guesses as the team does"


def test_the_students_lane_is_the_quick_run_the_page_draws(client: TestClient, pipeline: Pipeline, run_lesson):
    steps, pictures, _ = run_lesson(client, lesson="skipping", prompt="a cat", steps=4, seed=5)
    student = [p for s, p in zip(steps, pictures, strict=True) if s["lane"] == "student"]
    quick = quick_request(GenerationRequest("a cat", seed=5, backbone="dit"), QUICK_STEPS)
    last = list(pipeline.generate(quick))[-1]
    guess = ((last.pred_x0[0].clamp(-1, 1) + 1) * 127.5).round().permute(1, 2, 0).numpy()
    assert np.abs(student[-1][:, 32:].astype(float) - guess).max() <= 1, "the lesson's student is not the page's"


def test_a_model_without_a_student_says_how_to_teach_one(run_lesson, settings):
    from app.main import create_app

    with TestClient(create_app(settings, tiny_pipeline())) as plain:
        _, _, reply = run_lesson(plain, lesson="skipping", prompt="a cat", steps=4)
    assert reply == {"type": "error", "message": NO_STUDENT}
