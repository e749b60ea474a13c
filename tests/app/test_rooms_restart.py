"""Rooms outlive the server: a real server process killed with SIGKILL and started again keeps every code."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from websockets.sync.client import connect

from app.bench_load import free_port

pytestmark = pytest.mark.timeout(120)

SERVER = """
import sys, uvicorn
from pathlib import Path
from app.config import Settings
from app.main import create_app
from app.server import server_config
from model.pipeline import Pipeline
settings = Settings(gallery_dir=Path(sys.argv[1]))
uvicorn.Server(server_config(create_app(settings, Pipeline.tiny()), "127.0.0.1", int(sys.argv[2]), "warning")).run()
"""


def _start(folder: Path, port: int) -> subprocess.Popen:
    root = Path(__file__).resolve().parents[2]
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(folder), str(port)], cwd=root, env={**os.environ})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


def _ask(url: str, message: dict) -> dict:
    with connect(url, origin=url.replace("ws://", "http://").rsplit("/", 1)[0]) as socket_:
        assert json.loads(socket_.recv(timeout=10))["type"] == "hello"
        socket_.send(json.dumps(message))
        return json.loads(socket_.recv(timeout=10))


def test_after_a_crash_the_teacher_gets_the_same_code_and_students_rejoin(tmp_path: Path):
    port = free_port()
    url = f"ws://127.0.0.1:{port}/ws"
    server = _start(tmp_path, port)
    try:
        opened = _ask(url, {"type": "open_room"})
        assert opened["type"] == "room"
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()
    server = _start(tmp_path, port)
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
