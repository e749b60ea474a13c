"""Many tabs at once: batched runs, shared identical runs, queue places, own-only cancels and the limits."""

import time

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from app.main import create_app
from app.protocol import FrameKind

pytestmark = pytest.mark.timeout(60)


def _connect(client: TestClient, count: int) -> list:
    sockets = [client.websocket_connect("/ws") for _ in range(count)]
    for socket in sockets:
        socket.__enter__()
        assert socket.receive_json()["type"] == "hello"
    return sockets


def _final_pixels(run) -> bytes:
    return b"".join(picture.tobytes() for header, picture in run.frames if header.kind == FrameKind.FINAL)


def test_runs_from_many_tabs_share_forward_passes_and_all_finish(client: TestClient, receive_until, generate):
    sockets = _connect(client, 4)
    for seed, socket in enumerate(sockets):
        socket.send_json(generate(steps=8, seed=seed, sampler="ddim"))
    runs = [receive_until(socket, "done") for socket in sockets]
    for run in runs:
        assert run.messages[0]["type"] == "accepted"  # room in the batch: nobody waits in line
        assert [m["index"] for m in run.of_type("step")] == list(range(8))
    assert client.app.state.engine.ticks < 4 * 8, "every run had its own forward passes"
    for socket in sockets:
        socket.__exit__(None, None, None)


def test_a_batched_run_draws_the_same_picture_as_a_run_alone(client: TestClient, receive_until, generate):
    [alone] = _connect(client, 1)
    alone.send_json(generate(steps=6, seed=11, sampler="dpmpp_2m"))
    expected = _final_pixels(receive_until(alone, "done"))
    sockets = _connect(client, 3)
    sockets[0].send_json(generate(steps=6, seed=11, sampler="dpmpp_2m", prompt="a smiling cat"))
    sockets[1].send_json(generate(steps=9, seed=3, guidance_scale=1.0, num_images=2, prompt="a dog"))
    sockets[2].send_json(generate(steps=4, seed=5, sampler="ddim", backbone="dit", prompt="a tree"))
    runs = [receive_until(socket, "done") for socket in sockets]
    got = _final_pixels(runs[0])
    assert max(abs(a - b) for a, b in zip(expected, got)) <= 1  # float noise may move a pixel by one level
    for socket in (alone, *sockets):
        socket.__exit__(None, None, None)


def test_identical_requests_are_drawn_once_and_streamed_to_both(client: TestClient, receive_until, generate):
    first, second = _connect(client, 2)
    first.send_json(generate(steps=30, seed=42))
    receive_until(first, "start")
    ticks = client.app.state.engine.ticks
    second.send_json(generate(steps=30, seed=42))
    runs = [receive_until(socket, "done") for socket in (first, second)]
    ids = {m["job_id"] for run in runs for m in run.of_type("done")}
    assert len(ids) == 1 and runs[1].of_type("start"), "the second requester joined the same run"
    assert client.app.state.engine.ticks - ticks <= 30
    assert _final_pixels(runs[0]) == _final_pixels(runs[1])
    for socket in (first, second):
        socket.__exit__(None, None, None)


def test_a_shared_run_goes_on_when_one_requester_cancels(client: TestClient, receive_until, generate, settings):
    first, second = _connect(client, 2)
    first.send_json(generate(steps=settings.max_steps, seed=9))
    receive_until(first, "step")
    second.send_json(generate(steps=settings.max_steps, seed=9))
    receive_until(second, "start")
    second.send_json({"type": "cancel"})
    receive_until(second, "cancelled")
    before = len(receive_until(first, "step").of_type("step"))
    assert before == 1 and not client.app.state.engine.idle()
    first.send_json({"type": "cancel"})
    receive_until(first, "cancelled")
    for socket in (first, second):
        socket.__exit__(None, None, None)


def test_a_client_can_cancel_only_its_own_run(client: TestClient, receive_until, generate, settings):
    mine, theirs = _connect(client, 2)
    theirs.send_json(generate(steps=settings.max_steps, seed=1))
    job_id = receive_until(theirs, "step").of_type("start")[0]["job_id"]
    mine.send_json({"type": "cancel", "job_id": job_id})  # cancel names no run: it can't reach another's
    assert mine.receive_json()["code"] == "invalid_field"
    mine.send_json({"type": "cancel"})
    last = receive_until(theirs, "step").of_type("step")[-1]["index"]
    assert receive_until(theirs, "step").of_type("step")[-1]["index"] > last  # still drawing
    theirs.send_json({"type": "cancel"})
    receive_until(theirs, "cancelled")
    for socket in (mine, theirs):
        socket.__exit__(None, None, None)


def test_disconnect_cancels_only_that_clients_run(client: TestClient, receive_until, generate, settings):
    engine = client.app.state.engine
    staying, leaving = _connect(client, 2)
    staying.send_json(generate(steps=40, seed=1))
    leaving.send_json(generate(steps=settings.max_steps, seed=2))
    receive_until(leaving, "step")
    leaving.__exit__(None, None, None)
    assert receive_until(staying, "done").of_type("done")
    left = time.perf_counter()
    while not engine.idle():
        assert time.perf_counter() - left < 5, "the run went on after its tab closed"
        time.sleep(0.01)
    staying.__exit__(None, None, None)


def test_queue_places_move_up_as_runs_ahead_leave(serial: TestClient, receive_until, generate, settings):
    first, second, third = _connect(serial, 3)
    first.send_json(generate(steps=settings.max_steps, seed=1))
    receive_until(first, "start")
    second.send_json(generate(steps=settings.max_steps, seed=2))
    assert receive_until(second, "queued").of_type("queued")[0]["position"] == 1
    third.send_json(generate(seed=3))
    assert receive_until(third, "queued").of_type("queued")[0]["position"] == 2
    second.send_json({"type": "cancel"})
    receive_until(second, "cancelled")
    assert receive_until(third, "queued").of_type("queued")[0]["position"] == 1
    first.send_json({"type": "cancel"})
    receive_until(first, "cancelled")
    assert receive_until(third, "done").of_type("start")
    for socket in (first, second, third):
        socket.__exit__(None, None, None)


def test_connections_past_the_cap_are_told_to_come_back(settings, pipeline):
    settings.max_connections = 1
    with TestClient(create_app(settings, pipeline)) as client, client.websocket_connect("/ws") as first:
        assert first.receive_json()["type"] == "hello"
        with client.websocket_connect("/ws") as second, pytest.raises(WebSocketDisconnect) as refused:
            second.receive_json()
        assert refused.value.code == 1013 and "full" in refused.value.reason


def test_lesson_sockets_count_toward_the_same_cap(settings, pipeline):
    settings.max_connections = 1
    with TestClient(create_app(settings, pipeline)) as client:
        with client.websocket_connect("/ws/lessons"):
            for route in ("/ws", "/ws/lessons"):
                with client.websocket_connect(route) as refused, pytest.raises(WebSocketDisconnect) as closed:
                    refused.receive_json()
                assert closed.value.code == 1013, route
        with client.websocket_connect("/ws") as stream:  # the lesson socket gave its place back
            assert stream.receive_json()["type"] == "hello"


def test_a_flood_of_messages_is_rate_limited_and_the_socket_survives(settings, pipeline, receive_until, generate):
    settings.message_burst, settings.messages_per_second = 3, 20
    with TestClient(create_app(settings, pipeline)) as client, client.websocket_connect("/ws") as socket:
        socket.receive_json()
        for _ in range(4):
            socket.send_json({"type": "cancel"})
        error = socket.receive_json()
        assert error["code"] == "rate_limited" and error["message"].startswith("Slow down")
        time.sleep(0.2)
        socket.send_json(generate())
        assert receive_until(socket, "done").of_type("done")


def test_a_quiet_connection_is_closed_after_the_idle_timeout(settings, pipeline):
    settings.idle_timeout_seconds = 0.2
    with TestClient(create_app(settings, pipeline)) as client, client.websocket_connect("/ws") as socket:
        socket.receive_json()
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
        assert closed.value.code == 1001
