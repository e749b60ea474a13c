"""Bounds every lesson request shares, so one lesson can't ask for more work than another."""

from app.protocol import MAX_SEED  # the page's seed range: a lesson's seed can be typed into the main page too

MAX_LESSON_STEPS = 50  # sampler steps, and positions on the dust sliders past the clean picture
MAX_LESSON_GUIDANCE = 15.0

__all__ = ["MAX_LESSON_GUIDANCE", "MAX_LESSON_STEPS", "MAX_SEED"]
