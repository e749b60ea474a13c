"""The binary frame header: one documented layout, checked on the way in; and the default team of a run."""

import json
from dataclasses import replace

import pytest

from app.config import Settings
from app.options import build_options
from app.protocol import (
    FRAME_HEADER,
    FrameHeader,
    FrameKind,
    FrameSpec,
    ImageFormat,
    ProtocolError,
    parse_client_message,
)
from model.loading import tiny_pipeline
from model.pipeline import GenerationRequest, Pipeline, first_team


def test_header_round_trips_and_is_twelve_bytes():
    header = FrameHeader(job_id=2**32 - 1, step=199, kind=FrameKind.PRED_NOISE, image=3, format=ImageFormat.PNG)
    frame = header.pack(b"\x89PNG...")
    assert FRAME_HEADER.size == 12
    assert FrameHeader.unpack(frame) == (header, b"\x89PNG...")


def test_header_layout_matches_the_documented_bytes():
    frame = FrameHeader(job_id=0x01020304, step=0x0506, kind=FrameKind.FINAL, image=2).pack(b"")
    assert frame == b"DD" + bytes([1, 3, 2, 1]) + bytes([1, 2, 3, 4, 5, 6])


@pytest.mark.parametrize("frame", [b"XX" + bytes(10), b"DD\x07" + bytes(9)])
def test_frames_from_another_protocol_are_refused(frame):
    with pytest.raises(ValueError, match="not a version-1"):
        FrameHeader.unpack(frame)


def test_the_published_layout_finds_every_field_of_a_packed_frame():
    """What /api/options tells the page (frames.js reads nothing else) against bytes the server packs."""
    spec = FrameSpec()
    header = FrameHeader(job_id=0x01020304, step=0x0506, kind=FrameKind.FINAL, image=7, format=ImageFormat.JPEG)
    frame = header.pack(b"png")
    at = spec.offsets
    assert frame[at["magic"] : at["magic"] + 2].decode() == spec.magic and frame[at["version"]] == spec.version
    assert frame[at["kind"]] == spec.kinds["final"] and frame[at["image"]] == 7
    assert frame[at["format"]] == spec.formats["jpeg"]
    assert int.from_bytes(frame[at["job"] : at["job"] + 4]) == 0x01020304
    assert int.from_bytes(frame[at["step"] : at["step"] + 2]) == 0x0506
    assert frame[spec.header_bytes :] == b"png"


def test_a_run_without_a_team_draws_with_the_models_first_when_the_default_team_is_missing():
    tiny = tiny_pipeline()
    dit_only = build_options(Settings(), Pipeline(tiny.clip, [tiny.team("dit")]))
    both = build_options(Settings(), tiny)
    asked = json.dumps({"type": "generate", "prompt": "a cat"})
    assert parse_client_message(asked, dit_only).backbone == "dit"
    assert parse_client_message(asked, both).backbone == first_team(tiny).name == "unet"
    assert tiny.team(GenerationRequest(prompt="").backbone) is first_team(tiny)  # one rule, the pipeline's too
    with pytest.raises(ProtocolError, match="no backbone called “unet”; choose one of: dit"):
        parse_client_message(json.dumps({"type": "generate", "prompt": "a cat", "backbone": "unet"}), dit_only)


def test_a_quick_run_takes_its_students_steps_and_a_team_without_one_is_refused():
    tiny = tiny_pipeline(quick_steps=3)
    options = build_options(Settings(), Pipeline(tiny.clip, [tiny.team("unet"), replace(tiny.team("dit"), quick=None)]))
    assert options.quick_steps == {"unet": 3}
    asked = {"type": "generate", "prompt": "a cat", "steps": 40, "guidance_scale": 7, "sampler": "heun", "quick": True}
    message = parse_client_message(json.dumps({**asked, "negative_prompt": "dogs", "backbone": "unet"}), options)
    assert message.to_request(seed=9) == GenerationRequest(
        "a cat", seed=9, backbone="unet", quick=True, num_inference_steps=3, sampler="ddim", guidance_scale=1.0
    )
    with pytest.raises(ProtocolError, match="no quick lane"):
        parse_client_message(json.dumps({**asked, "backbone": "dit"}), options)
