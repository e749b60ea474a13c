"""The engine's two workers: a lone run's painting of one step overlaps its network pass for the next (after the
first step, whose frames go out before the sampler goes on)."""

import time

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from model.loading import tiny_pipeline

pytestmark = pytest.mark.timeout(120)

STEPS = 6


def test_a_lone_runs_painting_overlaps_its_next_network_pass(settings, receive_until, generate):
    pipeline = tiny_pipeline(latent=True)  # its own: the painting is slowed below
    paint = pipeline.to_pictures
    painted: list[int] = []
    overlapped: list[bool] = []
    with TestClient(create_app(settings, pipeline)) as client:
        engine = client.app.state.engine

        def held_paint(latents):
            """Hold step k's painting until the network has served step k + 1; a serial engine never would."""
            step = len(painted)  # a lone run paints every step, in order
            painted.append(step)
            # the first frame goes out alone (the sampler waits for it), and the last has no next pass to wait for
            if 0 < step < STEPS - 1:
                deadline = time.monotonic() + 5
                while engine.ticks <= step + 1 and time.monotonic() < deadline:
                    time.sleep(0.002)
                overlapped.append(engine.ticks > step + 1)
            return paint(latents)

        object.__setattr__(pipeline, "to_pictures", held_paint)
        with client.websocket_connect("/ws") as ws:
            assert ws.receive_json()["type"] == "hello"
            ws.send_json(generate(steps=STEPS, backbone="unet"))
            done = receive_until(ws, "done", "error")
    assert done.messages[-1]["type"] == "done"
    assert len(done.of_type("step")) == STEPS and all(not step["preview"] for step in done.of_type("step"))
    assert overlapped == [True] * (STEPS - 2)
