"""Thousands of random and malformed messages: each gets a clear `error` or a valid answer, and serving goes on."""

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.main import create_app
from app.protocol import ErrorCode

pytestmark = pytest.mark.timeout(120)

SENTINEL = json.dumps({"type": "generate", "prompt": "x", "steps": -77})  # answered by a sentence naming -77
ERROR_CODES = set(ErrorCode.__args__)
ANSWERS = {"accepted", "queued", "room", "joined"}
RUN_ENDS = {"done", "cancelled"}

scalars = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=30)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
fields = st.fixed_dictionaries(
    {},
    optional={
        "prompt": st.text(max_size=120) | json_values,
        "negative_prompt": st.text(max_size=20) | json_values,
        "steps": st.integers(-3, 4) | json_values,
        "guidance_scale": st.floats() | json_values,
        "seed": st.integers(-2, 2**40) | st.none() | json_values,
        "sampler": st.sampled_from(["ddim", "ddpm", "dpmpp_2m", "euler"]) | json_values,
        "backbone": st.sampled_from(["unet", "dit", "gan"]) | json_values,
        "num_images": st.integers(-1, 5) | json_values,
        "schedule": st.sampled_from(["cosine", "linear", "zigzag"]) | st.none(),
        "code": st.text(max_size=20) | json_values,
        "key": st.text(max_size=80) | st.none(),
        "job_id": st.integers(),
        "colour": json_values,
    },
)
kinds = st.sampled_from(["generate", "cancel", "open_room", "join_room", "dance", ""]) | json_values
commands = st.builds(lambda kind, rest: {**rest, "type": kind}, kinds, fields)
messages = st.one_of(
    commands.map(json.dumps),
    commands.map(lambda c: json.dumps(c).encode()),
    json_values.map(json.dumps),
    st.text(max_size=60),
    st.binary(max_size=60),
    st.just("x" * 20_000),
)


def _read_until_sentinel(socket) -> list[dict]:
    """Everything answered before the sentinel's error, frames skipped."""
    seen = []
    while True:
        message = socket.receive()
        if message.get("text") is None:
            continue
        data = json.loads(message["text"])
        if data["type"] == "error" and "-77" in data["message"]:
            return seen
        seen.append(data)


def test_random_messages_get_clear_answers_and_a_normal_client_is_still_served(settings_for_fuzz, receive_until):
    with TestClient(create_app(settings_for_fuzz[0], settings_for_fuzz[1])) as client:
        with client.websocket_connect("/ws") as fuzzed:
            fuzzed.receive_json()

            @settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            @given(raw=messages)
            def answered_clearly(raw: str | bytes) -> None:
                if isinstance(raw, bytes):
                    fuzzed.send_bytes(raw)
                else:
                    fuzzed.send_text(raw)
                fuzzed.send_text(SENTINEL)
                seen = _read_until_sentinel(fuzzed)
                for data in seen:
                    if data["type"] == "error":
                        assert data["code"] in ERROR_CODES
                        sentence = data["message"]
                        assert sentence[:1].isupper() and sentence.endswith(".") and "pydantic" not in sentence
                    else:
                        assert data["type"] in ANSWERS | RUN_ENDS | {"start", "step", "done", "heartbeat"}
                started = any(d["type"] in ("accepted", "queued") for d in seen)
                if started and not any(d["type"] in RUN_ENDS or d.get("job_id") for d in seen):
                    fuzzed.send_json({"type": "cancel"})
                    receive_until(fuzzed, "cancelled", "done", "error")

            answered_clearly()
        with client.websocket_connect("/ws") as normal:
            normal.receive_json()
            normal.send_json({"type": "generate", "prompt": "a smiling cat", "steps": 3})
            assert receive_until(normal, "done").of_type("done")


@pytest.fixture
def settings_for_fuzz(settings, pipeline):
    settings.messages_per_second = settings.message_burst = 10**6  # the limiter has its own test
    settings.max_steps = 3  # valid runs are cancelled at once; short ones keep the loop quick
    return settings, pipeline
