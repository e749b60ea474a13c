"""Rooms outlive the server: a real server process killed with SIGKILL and started again keeps every code."""

import json
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from websockets.sync.client import connect

from app.bench.load import free_port

pytestmark = pytest.mark.timeout(120)


def _ask(url: str, message: dict) -> dict:
    with connect(url, origin=url.replace("ws://", "http://").rsplit("/", 1)[0]) as socket_:
        assert json.loads(socket_.recv(timeout=10))["type"] == "hello"
        socket_.send(json.dumps(message))
        return json.loads(socket_.recv(timeout=10))


def test_after_a_crash_the_teacher_gets_the_same_code_and_students_rejoin(tmp_path: Path, start_server: Callable):
    port = free_port()
    url = f"ws://127.0.0.1:{port}/ws"
    server = start_server(tmp_path, port)
    try:
        opened = _ask(url, {"type": "open_room"})
        assert opened["type"] == "room"
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()
    server = start_server(tmp_path, port)
    try:
        again = _ask(url, {"type": "open_room", "key": opened["key"]})  # the teacher's tab reconnects
        assert (again["type"], again["code"]) == ("room", opened["code"])
        joined = _ask(url, {"type": "join_room", "code": opened["code"]})  # a student's tab rejoins by itself
        assert joined == {"type": "joined", "code": opened["code"]}
        stranger = _ask(url, {"type": "open_room", "key": "not-the-key"})
        assert stranger["code"] != opened["code"], "a wrong key opens a room of its own"
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()
