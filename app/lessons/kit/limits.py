"""Bounds every lesson request shares, so one lesson can't ask for more work than another."""

from app.protocol import MAX_GUIDANCE_SCALE, MAX_SEED  # the page's ranges: a lesson's settings work there too

MAX_LESSON_STEPS = 50  # sampler steps, and positions on the dust sliders past the clean picture
MAX_LESSON_GUIDANCE = MAX_GUIDANCE_SCALE  # one limit for the hint, on every page

__all__ = ["MAX_LESSON_GUIDANCE", "MAX_LESSON_STEPS", "MAX_SEED"]
