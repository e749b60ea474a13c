"""Bounds every lesson request shares, so one lesson can't ask for more work than another; /api/options publishes
them (`Options.lessons`), so they are written down in app/protocol.py."""

from app.protocol import GUIDANCE_SWEEP, LESSON_STEPS, MAX_GUIDANCE_SCALE, MAX_LESSON_STEPS, MAX_SEED

MAX_LESSON_GUIDANCE = MAX_GUIDANCE_SCALE  # one limit for the hint, on every page

__all__ = ["GUIDANCE_SWEEP", "LESSON_STEPS", "MAX_LESSON_GUIDANCE", "MAX_LESSON_STEPS", "MAX_SEED"]
