"""The server under test: the real app around the real tiny, untrained pipeline."""

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image
from starlette.testclient import WebSocketTestSession

from app.config import Settings
from app.main import create_app
from app.protocol import FrameHeader
from model.pipeline import Pipeline

LONG_RUN = 200  # steps in a run that is still going when the test acts on it (~2 s with the tiny U-Net)


@pytest.fixture(scope="session", params=["pixels", "latent"])
def pipeline(request: pytest.FixtureRequest) -> Pipeline:
    """Every app test runs on teams that draw in pixels and on teams that draw in the sketchbook."""
    return Pipeline.tiny(latent=request.param == "latent")


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


@pytest.fixture
def run_lesson() -> Callable[..., tuple[list[dict], list[np.ndarray], dict]]:
    return _run_lesson


@pytest.fixture
def ws(client: TestClient) -> Iterator[WebSocketTestSession]:
    """A connected socket past its `hello`."""
    with client.websocket_connect("/ws") as socket:
        assert socket.receive_json()["type"] == "hello"
        yield socket
