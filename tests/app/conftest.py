"""The server under test: the real app around the real tiny, untrained pipeline."""

import base64
import http.client
import io
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
import torch
from fastapi.testclient import TestClient
from PIL import Image
from starlette.testclient import WebSocketTestSession

from app.bench.load import free_port
from app.config import Settings
from app.main import create_app
from app.protocol import FrameHeader
from model.loading import tiny_pipeline
from model.pipeline import Pipeline

LONG_RUN = 200  # steps in a run that is still going when the test acts on it (~2 s with the tiny U-Net)
ROOT = Path(__file__).resolve().parents[2]
SERVER = """
import sys, uvicorn
from pathlib import Path
from app.bench.load import free_port
from app.config import Settings
from app.main import create_app
from app.server import server_config
from model.loading import tiny_pipeline
settings = Settings(gallery_dir=Path(sys.argv[1]))
uvicorn.Server(server_config(create_app(settings, tiny_pipeline()), "127.0.0.1", int(sys.argv[2]), "warning")).run()
"""


@pytest.fixture(scope="session", params=["pixels", "latent"])
def pipeline(request: pytest.FixtureRequest) -> Pipeline:
    """Every app test runs on teams that draw in pixels and on teams that draw in the sketchbook."""
    return tiny_pipeline(latent=request.param == "latent")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        max_steps=LONG_RUN, max_prompt_chars=100, max_num_images=4, heartbeat_seconds=30, gallery_dir=tmp_path
    )


@pytest.fixture
def client(settings: Settings, pipeline: Pipeline) -> Iterator[TestClient]:
    with TestClient(create_app(settings, pipeline)) as test_client:
        yield test_client


@pytest.fixture
def serial(settings: Settings, pipeline: Pipeline) -> Iterator[TestClient]:
    """A server that draws one run at a time (no batching), so a second run has to queue."""
    settings.max_batch_rows = 1
    with TestClient(create_app(settings, pipeline)) as test_client:
        yield test_client


def _start_server(folder: Path, port: int, **environment: str) -> subprocess.Popen:
    """A real server process on 127.0.0.1:`port` (the tiny model, `DUST_*` settings from `environment`), once it
    accepts connections; the caller stops it."""
    env = {**os.environ, **environment}
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(folder), str(port)], cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


@dataclass
class Served:
    """A real server process on 127.0.0.1, asked with any Host header a browser elsewhere might send."""

    port: int
    school_name: str  # the one name DUST_ALLOWED_HOSTS adds

    def ask(
        self, path: str, host: str | None = None, method: str = "GET", headers: dict[str, str] | None = None
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        """(status, headers, body) of one request, sent to 127.0.0.1 whatever `host` says."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(
                method, path, headers={"Host": f"127.0.0.1:{self.port}" if host is None else host, **(headers or {})}
            )
            response = connection.getresponse()
            return response.status, response.headers, b"" if response.status == 101 else response.read()
        finally:
            connection.close()

    def handshake(self, path: str, host: str | None = None, origin: str | None = None) -> int:
        """The status a WebSocket handshake gets: 101 when the socket opens."""
        upgrade = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13"}
        upgrade["Sec-WebSocket-Key"] = base64.b64encode(os.urandom(16)).decode()
        return self.ask(path, host, headers={**upgrade, **({"Origin": origin} if origin else {})})[0]


@dataclass
class Transcript:
    """What a socket received, split into JSON messages and decoded frames, in arrival order."""

    messages: list[dict] = field(default_factory=list)
    frames: list[tuple[FrameHeader, Image.Image]] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # message types and "frame", interleaved as received

    def of_type(self, kind: str) -> list[dict]:
        return [m for m in self.messages if m["type"] == kind]


def _receive_until(ws: WebSocketTestSession, *types: str) -> Transcript:
    """Read until a JSON message of one of `types` arrives (inclusive)."""
    transcript = Transcript()
    while True:
        message = ws.receive()
        if message.get("bytes") is not None:
            header, payload = FrameHeader.unpack(message["bytes"])
            transcript.frames.append((header, Image.open(io.BytesIO(payload))))
            transcript.order.append("frame")
            continue
        data = json.loads(message["text"])
        transcript.messages.append(data)
        transcript.order.append(data["type"])
        if data["type"] in types:
            return transcript


def _run_lesson(client: TestClient, **message: object) -> tuple[list[dict], list[np.ndarray], dict]:
    """Send one live lesson run over /ws/lessons; return its step messages, their pictures, and the closing message."""
    steps, pictures = [], []
    with client.websocket_connect("/ws/lessons") as ws:
        ws.send_text(json.dumps(message))
        while True:
            received = ws.receive()
            if received.get("bytes") is not None:
                pictures.append(np.asarray(Image.open(io.BytesIO(received["bytes"])).convert("RGB")))
                continue
            data = json.loads(received["text"])
            if data["type"] != "step":
                return steps, pictures, data
            steps.append(data)


def _wake_up(pipeline: Pipeline) -> Pipeline:
    """A tiny pipeline with its zero-initialised layers woken up, so words, teams and students make a difference."""
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for team in pipeline.teams.values():
            for network in (team.network, *([team.quick.network] if team.quick else [])):
                for parameter in network.parameters():
                    if not parameter.any():
                        parameter.copy_(0.2 * torch.randn(parameter.shape, generator=generator))
    return pipeline


def _generate(prompt: str = "a smiling cat", **fields: object) -> dict:
    """A valid generate message; tests override single fields."""
    return {"type": "generate", "prompt": prompt, "steps": 3, "seed": 7, **fields}


# Helpers are handed out as fixtures so the tests work under any pytest import mode.
@pytest.fixture
def receive_until() -> Callable[..., Transcript]:
    return _receive_until


@pytest.fixture
def generate() -> Callable[..., dict]:
    return _generate


@pytest.fixture(scope="session")
def start_server() -> Callable[..., subprocess.Popen]:
    return _start_server


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One real server process for the whole module, which also answers to a school's own name for it."""
    port, school_name = free_port(), "art-room.school.internal"
    folder = tmp_path_factory.mktemp("served")
    server = _start_server(folder, port, DUST_ALLOWED_HOSTS=json.dumps([school_name]))
    yield Served(port, school_name)
    server.kill()
    server.wait()


@pytest.fixture
def run_lesson() -> Callable[..., tuple[list[dict], list[np.ndarray], dict]]:
    return _run_lesson


@pytest.fixture(scope="session")
def wake_up() -> Callable[[Pipeline], Pipeline]:
    return _wake_up


@pytest.fixture
def ws(client: TestClient) -> Iterator[WebSocketTestSession]:
    """A connected socket past its `hello`."""
    with client.websocket_connect("/ws") as socket:
        assert socket.receive_json()["type"] == "hello"
        yield socket
