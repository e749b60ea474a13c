"""The binary frame header: one documented layout, checked on the way in."""

import pytest

from app.protocol import FRAME_HEADER, FrameHeader, FrameKind, FrameSpec, ImageFormat


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


def test_page_gets_the_same_constants():
    spec = FrameSpec()
    assert spec.header_bytes == FRAME_HEADER.size
    assert spec.kinds == {"x_t": 0, "pred_x0": 1, "pred_noise": 2, "final": 3, "latent": 4}
    assert spec.formats == {"png": 1, "jpeg": 2}
