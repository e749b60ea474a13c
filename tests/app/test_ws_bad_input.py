"""Every kind of bad message gets an `error` with a sentence, and the same socket still draws afterwards."""

import json

import pytest

pytestmark = pytest.mark.timeout(60)

VALID = {"type": "generate", "prompt": "a red apple", "steps": 2}


def _with(**fields: object) -> str:
    return json.dumps({**VALID, **fields})


BAD_MESSAGES = {
    "not json": ("hello there", "bad_json"),
    "json but not an object": ("[1, 2, 3]", "bad_json"),
    "binary": (b"\x00\x01\x02", "bad_json"),
    "arrays nested 10,000 deep": ("[" * 10_000, "bad_json"),
    "objects nested 3,000 deep": ('{"a":' * 3_000, "bad_json"),
    "no type": (json.dumps({"prompt": "cat"}), "unknown_type"),
    "unknown type": (json.dumps({"type": "dance"}), "unknown_type"),
    "missing prompt": (json.dumps({"type": "generate"}), "invalid_field"),
    "empty prompt": (_with(prompt=""), "invalid_field"),
    "blank prompt": (_with(prompt="   "), "invalid_field"),
    "huge prompt": (_with(prompt="cat " * 1000), "invalid_field"),
    "huge negative prompt": (_with(negative_prompt="dog " * 1000), "invalid_field"),
    "prompt not text": (_with(prompt=42), "invalid_field"),
    "zero steps": (_with(steps=0), "invalid_field"),
    "100000 steps": (_with(steps=100_000), "invalid_field"),
    "fractional steps": (_with(steps=2.5), "invalid_field"),
    "NaN guidance": ('{"type": "generate", "prompt": "cat", "guidance_scale": NaN}', "invalid_field"),
    "infinite guidance": ('{"type": "generate", "prompt": "cat", "guidance_scale": Infinity}', "invalid_field"),
    "negative guidance": (_with(guidance_scale=-1), "invalid_field"),
    "guidance as words": (_with(guidance_scale="lots"), "invalid_field"),
    "negative seed": (_with(seed=-1), "invalid_field"),
    "enormous seed": (_with(seed=2**70), "invalid_field"),
    "unknown sampler": (_with(sampler="euler_magic"), "invalid_field"),
    "unknown backbone": (_with(backbone="gan"), "invalid_field"),
    "unknown schedule": (_with(schedule="zigzag"), "invalid_field"),
    "no pictures": (_with(num_images=0), "invalid_field"),
    "too many pictures": (_with(num_images=99), "invalid_field"),
    "unknown field": (_with(colour="blue"), "invalid_field"),
    "oversized": (json.dumps({**VALID, "prompt": "x" * 20_000}), "too_large"),
}


@pytest.mark.parametrize("raw, code", BAD_MESSAGES.values(), ids=BAD_MESSAGES.keys())
def test_bad_message_gets_a_clear_error_and_the_socket_stays_usable(ws, receive_until, raw, code):
    if isinstance(raw, bytes):
        ws.send_bytes(raw)
    else:
        ws.send_text(raw)
    error = ws.receive_json()
    assert error["type"] == "error" and error["code"] == code
    sentence = error["message"]
    assert sentence[0].isupper() and sentence.endswith((".", "”.")) and len(sentence) < 200
    assert "Value error" not in sentence and "pydantic" not in sentence

    ws.send_text(json.dumps(VALID))
    assert receive_until(ws, "done").of_type("done")


def test_limits_are_named_in_the_sentences(ws, settings):
    ws.send_text(_with(steps=100_000))
    assert str(settings.max_steps) in ws.receive_json()["message"]
    ws.send_text(_with(sampler="euler_magic"))
    assert "dpmpp_2m" in ws.receive_json()["message"]
