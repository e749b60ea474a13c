"""The live stream end to end through TestClient.websocket_connect with the real tiny pipeline."""

import dataclasses
import time

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from app.main import create_app
from app.protocol import FrameKind
from model.loading import tiny_pipeline

pytestmark = pytest.mark.timeout(60)

PREVIEW_KINDS = [FrameKind.X_T, FrameKind.PRED_X0, FrameKind.PRED_NOISE]


def test_run_streams_every_step_in_order_then_final_and_done(ws, receive_until, generate, pipeline):
    steps, num_images = 4, 2
    kinds = [*PREVIEW_KINDS, FrameKind.LATENT] if pipeline.sketchbook else PREVIEW_KINDS
    ws.send_json(generate(steps=steps, num_images=num_images, sampler="ddim"))
    run = receive_until(ws, "done")

    assert [m["type"] for m in run.messages] == ["accepted", "start"] + ["step"] * steps + ["done"]
    start, done = run.of_type("start")[0], run.of_type("done")[0]
    assert start["total_steps"] == steps and start["seed"] == done["seed"] == 7
    assert start["image_size"] == 32 and start["num_images"] == num_images
    assert [m["index"] for m in run.of_type("step")] == list(range(steps))
    assert all(m["job_id"] == start["job_id"] for m in run.messages[1:])

    # each step's JSON is followed by its frames: every kind, every picture of the batch
    per_step = len(kinds) * num_images
    expected = (["step"] + ["frame"] * per_step) * steps + ["frame"] * num_images + ["done"]
    assert run.order[2:] == expected
    previews, finals = run.frames[:-num_images], run.frames[-num_images:]
    assert [(h.step, h.kind, h.image) for h, _ in previews] == [
        (step, kind, image) for step in range(steps) for kind in kinds for image in range(num_images)
    ]
    assert [(h.kind, h.image, h.step) for h, _ in finals] == [
        (FrameKind.FINAL, i, steps - 1) for i in range(num_images)
    ]
    for header, picture in run.frames:
        assert header.job_id == start["job_id"]
        assert picture.format == "PNG" and picture.size == (32, 32) and picture.mode == "RGB"
    assert done["steps"] == steps and done["timings"]["total_ms"] >= done["timings"]["first_step_ms"] > 0


def test_final_picture_differs_from_the_first_dusty_frame(ws, receive_until, generate):
    ws.send_json(generate(steps=5))
    run = receive_until(ws, "done")
    first_dust = run.frames[0][1].tobytes()
    final = run.frames[-1][1].tobytes()
    assert first_dust != final


def test_same_seed_same_picture(ws, receive_until, generate):
    finals = []
    for _ in range(2):
        ws.send_json(generate(seed=123, sampler="ddim"))
        finals.append(receive_until(ws, "done").frames[-1][1].tobytes())
    assert finals[0] == finals[1]


def test_without_a_seed_the_server_rolls_one_and_reports_it(ws, receive_until, generate):
    message = generate()
    del message["seed"]
    ws.send_json(message)
    run = receive_until(ws, "done")
    assert run.of_type("start")[0]["seed"] == run.of_type("done")[0]["seed"] >= 0


def test_cancel_stops_the_run_and_the_socket_stays_usable(ws, receive_until, generate, settings):
    ws.send_json(generate(steps=settings.max_steps))
    receive_until(ws, "step")
    ws.send_json({"type": "cancel"})
    cancelled = receive_until(ws, "cancelled").of_type("cancelled")[0]
    assert 1 <= cancelled["steps_done"] < settings.max_steps

    ws.send_json(generate())
    assert receive_until(ws, "done").of_type("done")


def test_cancel_with_nothing_running_is_harmless(ws, receive_until, generate):
    ws.send_json({"type": "cancel"})
    ws.send_json(generate())
    assert [m["type"] for m in receive_until(ws, "done").messages][0] == "accepted"


def test_second_generate_while_running_is_busy(ws, receive_until, generate, settings):
    ws.send_json(generate(steps=settings.max_steps))
    receive_until(ws, "start")
    ws.send_json(generate())
    error = receive_until(ws, "error").of_type("error")[0]
    assert error["code"] == "busy" and "Stop" in error["message"]
    ws.send_json({"type": "cancel"})
    receive_until(ws, "cancelled")


def test_disconnect_mid_run_cancels_the_job(client: TestClient, receive_until, generate, settings):
    engine, replay = client.app.state.engine, client.app.state.replay
    with client.websocket_connect("/ws") as socket:
        socket.send_json(generate(steps=settings.max_steps))
        job_id = receive_until(socket, "step").of_type("start")[0]["job_id"]
    left = time.perf_counter()
    while not engine.idle():
        assert time.perf_counter() - left < 5, "the run went on after its tab closed"
        time.sleep(0.01)
    assert replay.get(job_id) is None  # only finished runs are kept: this one was stopped


def test_runs_from_two_tabs_queue_fairly(serial: TestClient, receive_until, generate, settings):
    with serial.websocket_connect("/ws") as first, serial.websocket_connect("/ws") as second:
        for socket in (first, second):
            assert socket.receive_json()["type"] == "hello"
        first.send_json(generate(steps=settings.max_steps))
        receive_until(first, "start")
        second.send_json(generate())
        assert receive_until(second, "queued").of_type("queued")[0]["position"] == 1

        first.send_json({"type": "cancel"})
        receive_until(first, "cancelled")
        assert receive_until(second, "done").of_type("start")


def test_cancelling_a_queued_run_drops_it(serial: TestClient, receive_until, generate, settings):
    with serial.websocket_connect("/ws") as first, serial.websocket_connect("/ws") as second:
        first.send_json(generate(steps=settings.max_steps))
        receive_until(first, "start")
        second.send_json(generate())
        receive_until(second, "queued")
        second.send_json({"type": "cancel"})
        assert receive_until(second, "cancelled").of_type("cancelled")[0]["steps_done"] == 0
        first.send_json({"type": "cancel"})
        receive_until(first, "cancelled")


def test_a_full_queue_says_so(settings, pipeline, receive_until, generate):
    settings.max_queue, settings.max_batch_rows = 1, 1
    with TestClient(create_app(settings, pipeline)) as client:
        first, second, third = (client.websocket_connect("/ws") for _ in range(3))
        with first, second, third:
            first.send_json(generate(steps=settings.max_steps))
            receive_until(first, "start")
            second.send_json(generate())
            receive_until(second, "queued")
            third.send_json(generate(seed=8))  # seed 7 would share the second's run (identical requests)
            error = receive_until(third, "error").of_type("error")[0]
            assert error["code"] == "queue_full" and "minute" in error["message"]
            for socket in (first, second):
                socket.send_json({"type": "cancel"})
                receive_until(socket, "cancelled")


def test_a_failing_model_reports_an_error_and_the_socket_survives(ws, receive_until, generate, pipeline, monkeypatch):
    def broken(request, forward=None, observe_guidance=None):
        raise RuntimeError("out of crayons")
        yield

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "team_steps", broken)
        ws.send_json(generate())
        error = receive_until(ws, "error").of_type("error")[0]
    assert error["code"] == "generation_failed" and "out of crayons" in error["message"]
    ws.send_json(generate())
    assert receive_until(ws, "done").of_type("done")


def test_heartbeat_when_quiet(client: TestClient, settings):
    client.app.state.settings.heartbeat_seconds = 0.05
    with client.websocket_connect("/ws") as socket:
        assert socket.receive_json() == {"type": "hello", "protocol": 1, "heartbeat_seconds": 0.05}
        assert socket.receive_json() == {"type": "heartbeat"}


@pytest.mark.parametrize("origin", ["http://evil.example", "http://testserver.evil.example"])
def test_pages_from_other_sites_are_refused(client: TestClient, origin):
    with pytest.raises(WebSocketDisconnect) as refused, client.websocket_connect("/ws", headers={"origin": origin}):
        pass
    assert refused.value.code == 1008


def test_same_site_and_listed_origins_are_welcome(client: TestClient):
    client.app.state.settings.allowed_origins = ["https://class.example"]
    for origin in ("http://testserver", "https://class.example"):
        with client.websocket_connect("/ws", headers={"origin": origin}) as socket:
            assert socket.receive_json()["type"] == "hello"


def test_start_names_the_schedule_of_the_team_that_draws(settings, receive_until, generate):
    tiny = tiny_pipeline()
    dit = tiny.team("dit")
    tiny.teams["dit"] = dataclasses.replace(
        dit, config=dataclasses.replace(dit.config, schedule="linear")
    )  # another clock
    with TestClient(create_app(settings, tiny)) as client, client.websocket_connect("/ws") as socket:
        socket.receive_json()
        for backbone, schedule in (("unet", "cosine"), ("dit", "linear")):
            socket.send_json(generate(backbone=backbone))
            assert receive_until(socket, "done").of_type("start")[0]["schedule"] == schedule


def test_a_sketchbook_team_streams_its_latent_as_tiles_every_step(settings, receive_until, generate):
    with (
        TestClient(create_app(settings, tiny_pipeline(latent=True))) as client,
        client.websocket_connect("/ws") as socket,
    ):
        socket.receive_json()
        socket.send_json(generate(steps=3, num_images=2))
        run = receive_until(socket, "done")
    assert run.of_type("start")[0]["sketchbook"] is True
    previews = [(h.step, h.kind) for h, _ in run.frames if h.kind != FrameKind.FINAL]
    assert previews == [(s, k) for s in range(3) for k in [*PREVIEW_KINDS, FrameKind.LATENT] for _ in range(2)]
    tiles = [picture for header, picture in run.frames if header.kind == FrameKind.LATENT]
    assert all(picture.size == (32, 32) for picture in tiles)
    first = tiles[0].convert("RGB")
    assert first.getpixel((0, 0))[0] == first.getpixel((0, 0))[2]  # grey: one channel a tile


def test_a_busy_server_paints_every_few_steps_and_previews_between(settings, receive_until, generate):
    with TestClient(create_app(settings, tiny_pipeline(latent=True))) as client:
        with client.websocket_connect("/ws") as alone:
            alone.receive_json()
            alone.send_json(generate(steps=6))
            lone = receive_until(alone, "done").of_type("step")
        with client.websocket_connect("/ws") as first, client.websocket_connect("/ws") as second:
            first.receive_json(), second.receive_json()
            first.send_json(generate(steps=40))
            second.send_json(generate(steps=4, prompt="a fish"))
            shared = receive_until(first, "done").of_type("step")
            receive_until(second, "done")
    assert not any(step["preview"] for step in lone)  # one run alone: the decoder paints every step
    every = settings.busy_paint_every
    assert all(not step["preview"] for step in shared if step["index"] % every == 0)
    assert any(step["preview"] for step in shared)


def test_a_pixel_team_sends_no_latent_frames(settings, receive_until, generate):
    with TestClient(create_app(settings, tiny_pipeline())) as client, client.websocket_connect("/ws") as socket:
        socket.receive_json()
        socket.send_json(generate(steps=2))
        run = receive_until(socket, "done")
    assert run.of_type("start")[0]["sketchbook"] is False
    assert not [h for h, _ in run.frames if h.kind == FrameKind.LATENT]


def test_a_sampler_that_looks_twice_a_step_streams_like_any_other(ws, receive_until, generate):
    ws.send_json(generate(steps=4, sampler="heun", num_images=2))
    run = receive_until(ws, "done")
    assert [m["index"] for m in run.of_type("step")] == [0, 1, 2, 3]
    assert run.of_type("done")[0]["steps"] == 4
